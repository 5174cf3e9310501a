/*
 * funnelplan — lead mixes: segments with shares and rates blend into a
 * stage's rate.
 * SPDX-License-Identifier: MIT
 */

#include "internal.h"
#include "funnelplan/mix.h"
#include "funnelplan/parse.h"

#include <math.h>
#include <string.h>

/* The shares must add up to 1 within this. */
#define SHARES_TOLERANCE 1e-9

static size_t segment_name_len(const fpl_segment *s)
{
    const void *nul = memchr(s->name, '\0', sizeof s->name);
    return nul == NULL ? sizeof s->name : (size_t)((const char *)nul - s->name);
}

/* The last occurrence of c in s[0, len), or len when there is none. */
static size_t last_of(const char *s, size_t len, char c)
{
    for (size_t i = len; i-- > 0;) {
        if (s[i] == c) {
            return i;
        }
    }
    return len;
}

/* Checks a mix on its own (stage aside): names, shares, rates, the sum.
 * *bad_out gets the segment at fault (n_segments when it is the whole). */
static fpl_status check_mix(const fpl_mix *mix, double *sum_out, size_t *bad_out)
{
    *bad_out = mix->n_segments;
    if (mix->n_segments < 1 || mix->n_segments > FPL_MAX_SEGMENTS) {
        return FPL_ERR_MIX;
    }
    double sum = 0.0;
    for (size_t i = 0; i < mix->n_segments; ++i) {
        const fpl_segment *s = &mix->segments[i];
        const size_t len = segment_name_len(s);
        fpl_status st = len > FPL_NAME_MAX ? FPL_ERR_STAGE_NAME_LONG
                                           : fpl_stage_name_check(s->name, len, NULL);
        *bad_out = i;
        if ((st != FPL_OK && st != FPL_ERR_STAGE_NAME_RESERVED) ||
            !(s->share >= 0.0 && s->share <= 1.0) || !(s->rate > 0.0 && s->rate <= 1.0)) {
            return FPL_ERR_MIX;
        }
        for (size_t j = 0; j < i; ++j) {
            const fpl_segment *t = &mix->segments[j];
            if (segment_name_len(t) == len && memcmp(t->name, s->name, len) == 0) {
                return FPL_ERR_MIX;
            }
        }
        sum += s->share;
    }
    *bad_out = mix->n_segments;
    if (!(fabs(sum - 1.0) <= SHARES_TOLERANCE)) {
        return FPL_ERR_MIX_SHARES;
    }
    *sum_out = sum;
    return FPL_OK;
}

/* A mix refused: the field, the stage (index) and, for a segment, which
 * (the caller turns it into bytes where it has the text). */
static fpl_status mix_fail(fpl_error *err, fpl_status st, const fpl_mix *mix)
{
    return fpl__fail(err, st, FPL_FIELD_MIX, mix->stage);
}

fpl_status fpl_mix_parse(const fpl_funnel *funnel, const char *text, size_t len, fpl_mix *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (funnel == NULL || text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const size_t eq = last_of(text, len, '=');
    if (eq == len) {
        return fpl__fail_at(err, FPL_ERR_MIX, FPL_FIELD_MIX, FPL_NO_INDEX, 0, len);
    }
    fpl_mix m;
    memset(&m, 0, sizeof m);
    fpl_status st = fpl_funnel_find(funnel, text, eq, &m.stage, err);
    if (st != FPL_OK) {
        return st == FPL_ERR_NULL ? fpl__done(err, st)
                                  : fpl__fail_at(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_MIX,
                                                 FPL_NO_INDEX, 0, eq);
    }
    size_t seg_at[FPL_MAX_SEGMENTS]; /* where each segment starts and ends in text */
    size_t seg_end[FPL_MAX_SEGMENTS];
    size_t i = eq + 1;
    for (;;) {
        size_t j = i;
        while (j < len && text[j] != ',') {
            ++j;
        }
        /* NAME:SHARE@RATE in text[i, j) */
        const char *seg = text + i;
        const size_t seg_len = j - i;
        const size_t at = last_of(seg, seg_len, '@');
        const size_t colon = last_of(seg, at, ':');
        fpl_segment *s = &m.segments[m.n_segments];
        if (m.n_segments >= FPL_MAX_SEGMENTS || at == seg_len || colon == at || colon == 0 ||
            colon > FPL_NAME_MAX ||
            fpl_parse_rate(seg + colon + 1, at - colon - 1, &s->share, NULL) != FPL_OK ||
            fpl_parse_rate(seg + at + 1, seg_len - at - 1, &s->rate, NULL) != FPL_OK) {
            return fpl__fail_at(err, FPL_ERR_MIX, FPL_FIELD_MIX, m.stage, i, seg_len);
        }
        memcpy(s->name, seg, colon);
        s->name[colon] = '\0';
        seg_at[m.n_segments] = i;
        seg_end[m.n_segments] = j;
        m.n_segments++;
        if (j >= len) {
            break;
        }
        i = j + 1;
    }
    double sum;
    size_t bad;
    st = check_mix(&m, &sum, &bad);
    if (st != FPL_OK) {
        /* a segment's bytes, or every segment's for the sum */
        const size_t from = bad < m.n_segments ? seg_at[bad] : eq + 1;
        const size_t to = bad < m.n_segments ? seg_end[bad] : len;
        return fpl__fail_at(err, st, FPL_FIELD_MIX, m.stage, from, to - from);
    }
    *out = m;
    return FPL_OK;
}

fpl_status fpl_mix_rate(const fpl_mix *mix, double *out, fpl_error *err)
{
    fpl__begin(err);
    if (mix == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    double sum;
    size_t bad;
    fpl_status st = check_mix(mix, &sum, &bad);
    if (st != FPL_OK) {
        return mix_fail(err, st, mix);
    }
    /* One rate for every segment: that rate, exactly (no rounding of the
     * weighted sum), so a mix of one rate plans like the plain rate. */
    bool one_rate = true;
    double weighted = 0.0;
    for (size_t i = 0; i < mix->n_segments; ++i) {
        const fpl_segment *s = &mix->segments[i];
        one_rate = one_rate && !(s->rate < mix->segments[0].rate) &&
                   !(s->rate > mix->segments[0].rate);
        weighted += s->share * s->rate;
    }
    double rate = one_rate ? mix->segments[0].rate : weighted / sum;
    if (rate > 1.0) {
        rate = 1.0; /* shares a hair above 100% in total cannot make a rate above 100% */
    }
    if (!(rate > 0.0)) {
        return mix_fail(err, FPL_ERR_MIX, mix); /* every segment with a rate has a share of 0 */
    }
    *out = rate;
    return FPL_OK;
}

fpl_status fpl_mix_apply(fpl_funnel *funnel, const fpl_mix *mix, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || mix == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (mix->stage >= funnel->n_stages || funnel->n_stages > FPL_MAX_STAGES) {
        return mix_fail(err, FPL_ERR_STAGE_UNKNOWN, mix);
    }
    double rate;
    fpl_status st = fpl_mix_rate(mix, &rate, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    funnel->stages[mix->stage].rate = rate;
    return FPL_OK;
}

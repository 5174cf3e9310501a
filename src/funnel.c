/*
 * funnelplan — funnels: named stages with conversion rates.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/funnel.h"

#include "internal.h"

#include <math.h>
#include <string.h>

static const char *const reserved_names[] = {"won", "deal-size", "volume", "cost-per-lead"};

fpl_status fpl_stage_name_check(const char *name, size_t len, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(name, len);
    if (name == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return fpl__done(err, FPL_ERR_STAGE_NAME_EMPTY);
    }
    if (len > FPL_NAME_MAX) {
        /* the bytes past the limit */
        return fpl__fail_at(err, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_STAGE, FPL_NO_INDEX,
                            FPL_NAME_MAX, len - FPL_NAME_MAX);
    }
    const unsigned char *s = (const unsigned char *)name;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = fpl__utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            return fpl__fail_at(err, FPL_ERR_STAGE_NAME_UTF8, FPL_FIELD_STAGE, FPL_NO_INDEX, i, 1);
        }
        if (fpl__unsafe_char(cp)) {
            return fpl__fail_at(err, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_STAGE, FPL_NO_INDEX, i,
                                n);
        }
        i += n;
    }
    for (size_t i = 0; i < sizeof reserved_names / sizeof reserved_names[0]; ++i) {
        if (strlen(reserved_names[i]) == len && memcmp(reserved_names[i], name, len) == 0) {
            return fpl__fail_at(err, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_STAGE, FPL_NO_INDEX, 0,
                                len);
        }
    }
    return FPL_OK;
}

static bool rate_ok(double rate)
{
    return rate > 0.0 && rate <= 1.0; /* false for NaN */
}

/* Length of a stored name, or FPL_NAME_MAX + 1 when it has no terminator. */
static size_t stored_name_len(const fpl_stage *stage)
{
    const void *nul = memchr(stage->name, '\0', sizeof stage->name);
    return nul == NULL ? sizeof stage->name : (size_t)((const char *)nul - stage->name);
}

static bool name_taken(const fpl_funnel *funnel, size_t count, const char *name, size_t len)
{
    for (size_t i = 0; i < count; ++i) {
        const fpl_stage *s = &funnel->stages[i];
        if (stored_name_len(s) == len && memcmp(s->name, name, len) == 0) {
            return true;
        }
    }
    return false;
}

fpl_status fpl_funnel_add_stage(fpl_funnel *funnel, const char *name, size_t name_len,
                                double rate, fpl_error *err)
{
    fpl__begin(err);
    name_len = fpl__text_len(name, name_len);
    if (funnel == NULL || name == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const size_t k = funnel->n_stages; /* the stage being added */
    if (k >= FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    fpl_status st = fpl_stage_name_check(name, name_len, err);
    if (st != FPL_OK) {
        if (err != NULL) {
            err->index = k;
        }
        return fpl__done(err, st);
    }
    if (name_taken(funnel, k, name, name_len)) {
        return fpl__fail_at(err, FPL_ERR_STAGE_DUPLICATE, FPL_FIELD_STAGE, k, 0, name_len);
    }
    if (!rate_ok(rate)) {
        return fpl__fail(err, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, k);
    }
    fpl_stage *s = &funnel->stages[funnel->n_stages];
    memset(s->name, 0, sizeof s->name);
    memcpy(s->name, name, name_len);
    s->rate = rate;
    funnel->n_stages++;
    return FPL_OK;
}

fpl_status fpl_funnel_check(const fpl_funnel *funnel, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (funnel->n_stages < 1 || funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__done(err, FPL_ERR_STAGE_COUNT);
    }
    for (size_t i = 0; i < funnel->n_stages; ++i) {
        const fpl_stage *s = &funnel->stages[i];
        size_t len = stored_name_len(s);
        fpl_status st = len > FPL_NAME_MAX ? FPL_ERR_STAGE_NAME_LONG
                                           : fpl_stage_name_check(s->name, len, NULL);
        if (st == FPL_OK && name_taken(funnel, i, s->name, len)) {
            st = FPL_ERR_STAGE_DUPLICATE;
        }
        if (st == FPL_OK && !rate_ok(s->rate)) {
            st = FPL_ERR_RATE_RANGE;
        }
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_STAGE, i);
        }
    }
    return FPL_OK;
}

fpl_status fpl_funnel_find(const fpl_funnel *funnel, const char *name, size_t name_len,
                           size_t *index_out, fpl_error *err)
{
    fpl__begin(err);
    name_len = fpl__text_len(name, name_len);
    if (funnel == NULL || name == NULL || index_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__done(err, FPL_ERR_STAGE_COUNT);
    }
    for (size_t i = 0; i < funnel->n_stages; ++i) {
        const fpl_stage *s = &funnel->stages[i];
        if (stored_name_len(s) == name_len && memcmp(s->name, name, name_len) == 0) {
            *index_out = i;
            return FPL_OK;
        }
    }
    /* the caller knows which field named the stage; the bytes are the name */
    return fpl__fail_at(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_NONE, FPL_NO_INDEX, 0, name_len);
}

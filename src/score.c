/*
 * funnelplan — lead qualification: weighted criteria, scores, bands, and a
 * streaming CSV reader that scores every row.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/score.h"
#include "funnelplan/format.h"
#include "funnelplan/parse.h"

#include "csv.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h> /* qsort */
#include <string.h>

/* ---- presets -------------------------------------------------------------- */

typedef struct preset_criterion {
    const char *name;
    double weight;
    bool required;
    double saturation; /* 0: answered in [0, 1] */
} preset_criterion;

static const preset_criterion BANT[] = {
    {"budget", 1.0, true, 0.0},
    {"authority", 1.0, true, 0.0},
    {"need", 1.0, true, 0.0},
    {"timing", 1.0, true, 0.0},
};

/* The nurturing-stage model: need is what makes a lead worth selling to;
 * activity (clicks, downloads, product views) and social information say
 * how far it has come. */
static const preset_criterion BAD[] = {
    {"need", 2.0, true, 0.0},
    {"activity", 1.0, false, FPL_SCORE_SATURATION_DEFAULT},
    {"social", 1.0, false, 0.0},
};

/* BANT reordered around the buyer's challenges, money last. */
static const preset_criterion CHAMP[] = {
    {"challenges", 3.0, true, 0.0},
    {"authority", 2.0, false, 0.0},
    {"money", 1.0, false, 0.0},
    {"prioritization", 2.0, false, 0.0},
};

/* The enterprise checklist: pain, the economic buyer and a champion make
 * an opportunity worth forecasting. */
static const preset_criterion MEDDIC[] = {
    {"metrics", 1.0, false, 0.0},
    {"economic_buyer", 2.0, true, 0.0},
    {"decision_criteria", 1.0, false, 0.0},
    {"decision_process", 1.0, false, 0.0},
    {"identify_pain", 2.0, true, 0.0},
    {"champion", 2.0, true, 0.0},
};

static const struct {
    const char *name;
    const preset_criterion *criteria;
    size_t n;
} PRESETS[FPL_PRESET_COUNT] = {
    [FPL_PRESET_BANT] = {"bant", BANT, sizeof BANT / sizeof BANT[0]},
    [FPL_PRESET_BAD] = {"bad", BAD, sizeof BAD / sizeof BAD[0]},
    [FPL_PRESET_CHAMP] = {"champ", CHAMP, sizeof CHAMP / sizeof CHAMP[0]},
    [FPL_PRESET_MEDDIC] = {"meddic", MEDDIC, sizeof MEDDIC / sizeof MEDDIC[0]},
};

/* Scores are compared on a grid of a billionth of a point, so that rounding
 * noise (0.1 + 0.2) never splits a tie or misses a threshold, and the order
 * stays transitive. Scores lie in [0, 100]: the keys are exact integers. */
static double key(double score)
{
    return round(score * 1e9);
}

const char *fpl_band_name(fpl_band band)
{
    switch (band) {
    case FPL_BAND_COLD: return "cold";
    case FPL_BAND_WARM: return "warm";
    case FPL_BAND_HOT: return "hot";
    }
    return "unknown";
}

void fpl_score_tally_add(fpl_score_tally *tally, const fpl_csv_row *row)
{
    if (tally == NULL || row == NULL) {
        return;
    }
    if (row->fault != FPL_CSV_OK) {
        tally->skipped++;
        return;
    }
    tally->scored++;
    tally->bands[row->score.band <= FPL_BAND_HOT ? row->score.band : FPL_BAND_COLD]++;
    tally->sales_ready += row->score.sales_ready ? 1u : 0u;
}

const char *fpl_preset_name(fpl_preset preset)
{
    return (unsigned)preset < FPL_PRESET_COUNT ? PRESETS[preset].name : "unknown";
}

fpl_status fpl_criteria_preset(fpl_preset preset, fpl_criteria *out, fpl_error *err)
{
    fpl__begin(err);
    if (out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if ((unsigned)preset >= FPL_PRESET_COUNT) {
        return fpl__fail(err, FPL_ERR_PRESET, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < PRESETS[preset].n; ++i) {
        const preset_criterion *p = &PRESETS[preset].criteria[i];
        memcpy(c.criteria[i].name, p->name, strlen(p->name) + 1);
        c.criteria[i].weight = p->weight;
        c.criteria[i].required = p->required;
        c.saturation[i] = p->saturation;
    }
    c.n_criteria = PRESETS[preset].n;
    *out = c;
    return FPL_OK;
}

fpl_status fpl_criteria_bant(fpl_criteria *out, fpl_error *err)
{
    return fpl_criteria_preset(FPL_PRESET_BANT, out, err);
}

/* ",saturation=" ends a criterion's spec: where the last one starts, or
 * FPL_NO_INDEX. */
static const char SATURATION[] = ",saturation=";
enum { SATURATION_LEN = sizeof SATURATION - 1 };

static size_t last_saturation(const char *text, size_t n)
{
    for (size_t i = n >= SATURATION_LEN ? n - SATURATION_LEN + 1 : 0; i-- > 0;) {
        if (memcmp(text + i, SATURATION, SATURATION_LEN) == 0) {
            return i;
        }
    }
    return FPL_NO_INDEX;
}

static size_t name_len(const fpl_criterion *c)
{
    const void *nul = memchr(c->name, '\0', sizeof c->name);
    return nul == NULL ? sizeof c->name : (size_t)((const char *)nul - c->name);
}

/* Two names are the same name when they are equal after ASCII case
 * folding: `Budget` in a header is the criterion `budget`, and two
 * criteria `need` and `Need` are one criterion given twice. */
static bool same_name(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) {
        return false;
    }
    for (size_t i = 0; i < alen; ++i) {
        if (fpl__lower_ascii(a[i]) != fpl__lower_ascii(b[i])) {
            return false;
        }
    }
    return true;
}

fpl_status fpl_criteria_add_parse(fpl_criteria *criteria, const char *text, size_t len, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (criteria == NULL || text == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const size_t index = criteria->n_criteria; /* the index it would have */
    if (index >= FPL_MAX_CRITERIA) {
        return fpl__fail(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    static const char suffix[] = ",required";
    const size_t slen = sizeof suffix - 1;
    bool required = false;
    size_t n = len;
    double saturation = 0.0;
    const size_t sat_at = last_saturation(text, n);
    if (sat_at != FPL_NO_INDEX) {
        const size_t from = sat_at + SATURATION_LEN;
        if (fpl_parse_amount(text + from, n - from, &saturation, NULL) != FPL_OK ||
            !(saturation > 0.0 && isfinite(saturation))) {
            return fpl__fail_at(err, FPL_ERR_SATURATION, FPL_FIELD_CRITERION, index, from,
                                n - from);
        }
        n = sat_at;
    }
    if (n >= slen && memcmp(text + n - slen, suffix, slen) == 0) {
        required = true;
        n -= slen;
    }
    size_t name_end = n;
    double weight = 1.0;
    for (size_t i = n; i-- > 0;) {
        if (text[i] == '=') {
            name_end = i;
            if (fpl_parse_amount(text + i + 1, n - i - 1, &weight, NULL) != FPL_OK) {
                weight = 0.0; /* refused below, as a weight of 0 */
            }
            break;
        }
    }
    if (!(weight > 0.0 && isfinite(weight))) {
        /* the weight's bytes; without '=' the text is the name, weight 1 */
        const size_t at = name_end < n ? name_end + 1 : 0;
        return fpl__fail_at(err, FPL_ERR_CRITERION, FPL_FIELD_CRITERION, index, at, n - at);
    }
    fpl_status st = fpl_stage_name_check(text, name_end, NULL);
    if (st == FPL_ERR_STAGE_NAME_RESERVED) {
        st = FPL_OK; /* the stage words mean nothing special here */
    }
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_CRITERION, index, 0, name_end);
    }
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        const fpl_criterion *c = &criteria->criteria[i];
        if (same_name(c->name, name_len(c), text, name_end)) {
            return fpl__fail_at(err, FPL_ERR_CRITERION_DUPLICATE, FPL_FIELD_CRITERION, index, 0,
                                name_end);
        }
    }
    fpl_criterion *c = &criteria->criteria[index];
    memset(c, 0, sizeof *c);
    memcpy(c->name, text, name_end);
    c->weight = weight;
    c->required = required;
    criteria->saturation[index] = saturation;
    criteria->n_criteria++;
    return FPL_OK;
}

/* The criterion named name[0, len) (ASCII case folded), or FPL_NO_INDEX. */
static size_t find_criterion(const fpl_criteria *criteria, const char *name, size_t len)
{
    for (size_t i = 0; i < criteria->n_criteria && i < FPL_MAX_CRITERIA; ++i) {
        const fpl_criterion *c = &criteria->criteria[i];
        if (same_name(c->name, name_len(c), name, len)) {
            return i;
        }
    }
    return FPL_NO_INDEX;
}

fpl_status fpl_criteria_saturation_parse(fpl_criteria *criteria, const char *text, size_t len,
                                         fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (criteria == NULL || text == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    size_t eq = len;
    for (size_t i = len; i-- > 0;) {
        if (text[i] == '=') {
            eq = i;
            break;
        }
    }
    const size_t index = eq < len ? find_criterion(criteria, text, eq) : FPL_NO_INDEX;
    if (index == FPL_NO_INDEX) {
        return fpl__fail_at(err, FPL_ERR_SATURATION, FPL_FIELD_SATURATION, FPL_NO_INDEX, 0,
                            eq < len ? eq : len);
    }
    double x;
    if (fpl_parse_amount(text + eq + 1, len - eq - 1, &x, NULL) != FPL_OK ||
        !(x > 0.0 && isfinite(x))) {
        return fpl__fail_at(err, FPL_ERR_SATURATION, FPL_FIELD_SATURATION, index, eq + 1,
                            len - eq - 1);
    }
    criteria->saturation[index] = x;
    return FPL_OK;
}

double fpl_criteria_hot(const fpl_criteria *criteria)
{
    return criteria != NULL && criteria->has_hot ? criteria->hot : FPL_SCORE_HOT_DEFAULT;
}

double fpl_criteria_warm(const fpl_criteria *criteria)
{
    return criteria != NULL && criteria->has_warm ? criteria->warm : FPL_SCORE_WARM_DEFAULT;
}

/* Which threshold is at fault, or FPL_FIELD_NONE: one given that is not
 * above 0 (hot first), hot above 100, then warm above hot (warm's fault
 * when given, since hot then stands as given or by default). */
static fpl_field bands_fault(const fpl_criteria *c)
{
    const double hot = fpl_criteria_hot(c);
    const double warm = fpl_criteria_warm(c);
    if (!(hot > 0.0)) {
        return FPL_FIELD_HOT;
    }
    if (!(warm > 0.0)) {
        return FPL_FIELD_WARM;
    }
    if (!(hot <= 100.0)) {
        return FPL_FIELD_HOT;
    }
    if (!(warm <= hot)) {
        return c->has_warm ? FPL_FIELD_WARM : FPL_FIELD_HOT;
    }
    return FPL_FIELD_NONE;
}

fpl_status fpl_criteria_check(const fpl_criteria *criteria, fpl_error *err)
{
    fpl__begin(err);
    if (criteria == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (criteria->n_criteria < 1 || criteria->n_criteria > FPL_MAX_CRITERIA) {
        return fpl__fail(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        const fpl_criterion *c = &criteria->criteria[i];
        const size_t len = name_len(c);
        fpl_status st = len > FPL_NAME_MAX ? FPL_ERR_STAGE_NAME_LONG
                                           : fpl_stage_name_check(c->name, len, NULL);
        if (st == FPL_ERR_STAGE_NAME_RESERVED) {
            st = FPL_OK;
        }
        if (st == FPL_OK && !(c->weight > 0.0 && isfinite(c->weight))) {
            st = FPL_ERR_CRITERION;
        }
        for (size_t j = 0; st == FPL_OK && j < i; ++j) {
            const fpl_criterion *d = &criteria->criteria[j];
            if (same_name(c->name, len, d->name, name_len(d))) {
                st = FPL_ERR_CRITERION_DUPLICATE;
            }
        }
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_CRITERION, i);
        }
    }
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        const double sat = criteria->saturation[i];
        if (!(sat >= 0.0 && isfinite(sat))) {
            return fpl__fail(err, FPL_ERR_SATURATION, FPL_FIELD_SATURATION, i);
        }
    }
    const fpl_field bad = bands_fault(criteria);
    if (bad != FPL_FIELD_NONE) {
        return fpl__fail(err, FPL_ERR_BANDS, bad, FPL_NO_INDEX);
    }
    return FPL_OK;
}

/* ASCII case-insensitive equality with a lower-case word. */
static bool word_is(const char *s, size_t len, const char *word)
{
    const size_t n = strlen(word);
    if (len != n) {
        return false;
    }
    for (size_t i = 0; i < n; ++i) {
        if (fpl__lower_ascii(s[i]) != word[i]) {
            return false;
        }
    }
    return true;
}

fpl_status fpl_answer_parse(const char *text, size_t len, double *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    /* trimmed of spaces and tabs: s[0, n) */
    const char *s = text;
    size_t n = len;
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        ++s;
        --n;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        --n;
    }
    if (n == 0) {
        *out = 0.0; /* not known: not met */
        return FPL_OK;
    }
    if (word_is(s, n, "yes") || word_is(s, n, "y") || word_is(s, n, "true")) {
        *out = 1.0;
        return FPL_OK;
    }
    if (word_is(s, n, "no") || word_is(s, n, "n") || word_is(s, n, "false")) {
        *out = 0.0;
        return FPL_OK;
    }
    double v;
    if (fpl_parse_rate(s, n, &v, NULL) != FPL_OK || !(v >= 0.0 && v <= 1.0)) {
        return fpl__fail_at(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, FPL_NO_INDEX,
                            (size_t)(s - text), n);
    }
    *out = v;
    return FPL_OK;
}

fpl_status fpl_criteria_preset_parse(const char *text, size_t len, fpl_criteria *out,
                                     fpl_preset *preset_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    for (int p = 0; p < FPL_PRESET_COUNT; ++p) {
        if (word_is(text, len, PRESETS[p].name)) {
            if (preset_out != NULL) {
                *preset_out = (fpl_preset)p;
            }
            return fpl_criteria_preset((fpl_preset)p, out, err);
        }
    }
    return fpl__fail_at(err, FPL_ERR_PRESET, FPL_FIELD_CRITERIA, FPL_NO_INDEX, 0, len);
}

fpl_status fpl_criterion_answer_parse(const fpl_criteria *criteria, size_t index,
                                      const char *text, size_t len, double *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (criteria == NULL || text == NULL || out == NULL || index >= criteria->n_criteria ||
        index >= FPL_MAX_CRITERIA) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const double sat = criteria->saturation[index];
    if (!(sat > 0.0)) {
        const fpl_status st = fpl_answer_parse(text, len, out, err);
        if (st != FPL_OK && err != NULL) {
            err->index = index;
        }
        return st;
    }
    const char *s = text;
    size_t n = len;
    while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        ++s;
        --n;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        --n;
    }
    double count = 0.0;
    if (n > 0 && (fpl_parse_amount(s, n, &count, NULL) != FPL_OK ||
                  !(count >= 0.0 && isfinite(count)))) {
        return fpl__fail_at(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, index, (size_t)(s - text), n);
    }
    *out = count >= sat ? 1.0 : count / sat;
    return FPL_OK;
}

/* Scores a checked definition: FPL_NO_INDEX, or the index of the first
 * answer outside [0, 1] (out untouched). */
static size_t score_checked(const fpl_criteria *criteria, const double *answers,
                            fpl_lead_score *out)
{
    /* The weights are scaled by a power of two that brings the largest
     * into [1, 2): exact (so ordinary weights give the very bits of the
     * formula unscaled), and then the sums lie in [1, 64] and [0, 64],
     * where neither overflows (weights of 1e308) nor vanishes (weights of
     * 4e-324). A weight below 2^-1022 of the largest may lose bits or
     * become 0 in the scaling: its part of the score is below 10^-305. */
    double largest = 0.0;
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        largest = fmax(largest, criteria->criteria[i].weight);
    }
    /* the weights are checked (finite, > 0): ilogb of 0 is never taken */
    const int scale = largest > 0.0 ? -ilogb(largest) : 0;
    double total = 0.0;
    double got = 0.0;
    bool has_required = false;
    bool required_met = true;
    fpl_lead_score s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        const double a = answers[i];
        if (!(a >= 0.0 && a <= 1.0)) {
            return i;
        }
        const fpl_criterion *c = &criteria->criteria[i];
        const double weight = ldexp(c->weight, scale);
        total += weight;
        got += weight * a;
        const bool met = a >= 1.0;
        if (!met) {
            s.missing |= UINT64_C(1) << i;
            s.n_missing++;
        }
        if (c->required) {
            has_required = true;
            required_met = required_met && met;
        }
    }
    s.score = 100.0 * got / total;
    if (s.score > 100.0) {
        s.score = 100.0; /* rounding of the sums */
    }
    const double k = key(s.score);
    s.band = k >= key(fpl_criteria_hot(criteria))    ? FPL_BAND_HOT
             : k >= key(fpl_criteria_warm(criteria)) ? FPL_BAND_WARM
                                                     : FPL_BAND_COLD;
    s.sales_ready = has_required ? required_met : s.band == FPL_BAND_HOT;
    *out = s;
    return FPL_NO_INDEX;
}

fpl_status fpl_score_lead(const fpl_criteria *criteria, const double *answers,
                          size_t n_answers, fpl_lead_score *out, fpl_error *err)
{
    fpl__begin(err);
    if (criteria == NULL || answers == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_criteria_check(criteria, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (n_answers != criteria->n_criteria) {
        return fpl__fail(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, FPL_NO_INDEX);
    }
    fpl_lead_score s;
    const size_t bad = score_checked(criteria, answers, &s);
    if (bad != FPL_NO_INDEX) {
        return fpl__fail(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, bad);
    }
    *out = s;
    return FPL_OK;
}

bool fpl_score_before(const fpl_lead_score *a, uint64_t line_a, const fpl_lead_score *b,
                      uint64_t line_b)
{
    if (a == NULL || b == NULL) {
        return a != NULL; /* no score ranks after every score */
    }
    const double ka = key(a->score);
    const double kb = key(b->score);
    if (ka > kb) {
        return true;
    }
    if (ka < kb) {
        return false;
    }
    if (a->sales_ready != b->sales_ready) {
        return a->sales_ready;
    }
    return line_a < line_b;
}

fpl_status fpl_score_top_parse(const char *text, size_t len, uint64_t *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    double x;
    fpl_status st = fpl_parse_amount(text, len, &x, NULL);
    if (st == FPL_OK && !(x <= FPL_WHOLE_MAX && !(x > floor(x)))) {
        st = FPL_ERR_TOP;
    }
    if (st != FPL_OK) {
        return fpl__fail(err, st, FPL_FIELD_TOP, FPL_NO_INDEX);
    }
    *out = (uint64_t)x;
    return FPL_OK;
}

/* ---- streaming CSV ------------------------------------------------------- */

const char *fpl_csv_fault_message(fpl_csv_fault fault)
{
    switch (fault) {
    case FPL_CSV_OK: return "scored";
    case FPL_CSV_FIELDS: return "not as many fields as the header";
    case FPL_CSV_QUOTE: return "a quote inside an unquoted field, or text after a closing quote";
    case FPL_CSV_UNTERMINATED: return "a quoted field is not closed at the end of the file";
    case FPL_CSV_UTF8: return "not valid UTF-8 text (or a NUL byte)";
    case FPL_CSV_TOO_LONG: return "the row is longer than 65536 bytes";
    case FPL_CSV_ID: return "the id is empty or longer than 256 bytes";
    case FPL_CSV_ANSWER:
        return "an answer is a number from 0 to 1 (or 0% to 100%), yes/no, y/n or true/false";
    case FPL_CSV_COUNT: return "a count is a number of 0 or more (empty is 0)";
    case FPL_CSV_OUTCOME: return "the outcome is won, lost, or empty for a lead still open";
    }
    return "unknown fault";
}

fpl_status fpl_csv_begin(fpl_csv_reader *reader, const fpl_criteria *criteria,
                         const char *id_column, size_t id_len, fpl_error *err)
{
    fpl__begin(err);
    id_len = fpl__text_len(id_column, id_len);
    if (reader == NULL || criteria == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_criteria_check(criteria, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (id_column == NULL) {
        id_column = "id";
        id_len = 2;
    }
    st = fpl_stage_name_check(id_column, id_len, NULL);
    if (st != FPL_OK && st != FPL_ERR_STAGE_NAME_RESERVED) {
        return fpl__fail(err, st, FPL_FIELD_ID_COLUMN, FPL_NO_INDEX);
    }
    memset(reader, 0, offsetof(fpl_csv_reader, record)); /* the record needs no clearing */
    reader->header_fault = FPL_CSV_HEADER_OK;
    reader->header_column = FPL_NO_INDEX;
    reader->header_first = FPL_NO_INDEX;
    reader->header_name = FPL_NO_INDEX;
    reader->criteria = *criteria;
    reader->outcome_column[0] = '\0';
    reader->outcome_index = 0;
    memcpy(reader->id_column, id_column, id_len);
    reader->id_column[id_len] = '\0';
    reader->line = 1;
    reader->record_line = 1;
    reader->state = FPL__CSV_FIELD_START;
    return FPL_OK;
}

fpl_status fpl_csv_outcome_column(fpl_csv_reader *reader, const char *name, size_t len,
                                  fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(name, len);
    if (reader == NULL || name == NULL || reader->have_header || reader->record_seen ||
        reader->record_len > 0 || reader->line != 1 || reader->state != FPL__CSV_FIELD_START) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_stage_name_check(name, len, NULL);
    if (st != FPL_OK && st != FPL_ERR_STAGE_NAME_RESERVED) {
        return fpl__fail_at(err, st, FPL_FIELD_OUTCOME, FPL_NO_INDEX, 0, len);
    }
    if (same_name(name, len, reader->id_column, strlen(reader->id_column)) ||
        find_criterion(&reader->criteria, name, len) != FPL_NO_INDEX) {
        return fpl__fail_at(err, FPL_ERR_OUTCOME_COLUMN, FPL_FIELD_OUTCOME, FPL_NO_INDEX, 0, len);
    }
    memcpy(reader->outcome_column, name, len);
    reader->outcome_column[len] = '\0';
    return FPL_OK;
}

static void field(const fpl_csv_reader *r, size_t i, const char **s, size_t *len)
{
    *s = r->record + r->field_start[i];
    *len = r->field_start[i + 1] - r->field_start[i];
}

/* The first field of the record that is not valid UTF-8 on its own (a
 * sequence split by a field boundary is not), or FPL_NO_INDEX. */
static size_t field_not_utf8(const fpl_csv_reader *r)
{
    for (size_t f = 0; f < r->n_fields; ++f) {
        const char *s;
        size_t len;
        field(r, f, &s, &len);
        if (!fpl__utf8_text(s, len)) {
            return f;
        }
    }
    return FPL_NO_INDEX;
}

/* The header cannot be read: why, the column (FPL_NO_INDEX when none) at
 * the header's line, kept in the reader for fpl_csv_header_message(). */
static fpl_status header_fault(fpl_csv_reader *r, fpl_csv_header_fault fault, size_t column,
                               fpl_error *err)
{
    r->header_fault = fault;
    r->header_column = column;
    (void)fpl__fail(err, FPL_ERR_CSV_HEADER, FPL_FIELD_LEADS, column);
    if (err != NULL) {
        err->line = r->record_line;
    }
    return FPL_ERR_CSV_HEADER;
}

/* A name (criterion k, or FPL_MAX_CRITERIA for the id column) without a
 * column, or named again at column f after column first. */
static fpl_status header_name_fault(fpl_csv_reader *r, size_t name, size_t f, size_t first,
                                    fpl_error *err)
{
    r->header_name = name;
    r->header_first = first;
    return header_fault(r, f == FPL_NO_INDEX ? FPL_CSV_HEADER_MISSING : FPL_CSV_HEADER_TWICE, f,
                        err);
}

/* The header's fault for a record already at fault. */
static fpl_csv_header_fault header_fault_of(fpl_csv_fault fault)
{
    switch (fault) {
    case FPL_CSV_FIELDS: return FPL_CSV_HEADER_COLUMNS;
    case FPL_CSV_TOO_LONG: return FPL_CSV_HEADER_LONG;
    case FPL_CSV_UNTERMINATED: return FPL_CSV_HEADER_UNTERMINATED;
    case FPL_CSV_UTF8: return FPL_CSV_HEADER_UTF8;
    default: return FPL_CSV_HEADER_QUOTE;
    }
}

/* The header: the id column and every criterion, each named once. */
static fpl_status read_header(fpl_csv_reader *r, fpl_error *err)
{
    if (r->record_bad) {
        /* a faulty record keeps no field after the one at fault */
        return header_fault(r, header_fault_of(r->record_fault), r->n_fields, err);
    }
    const size_t not_utf8 = field_not_utf8(r);
    if (not_utf8 != FPL_NO_INDEX) {
        return header_fault(r, FPL_CSV_HEADER_UTF8, not_utf8, err);
    }
    const size_t id_len = strlen(r->id_column);
    const size_t outcome_len = strlen(r->outcome_column);
    bool found_id = false;
    bool found_outcome = false;
    bool found[FPL_MAX_CRITERIA] = {false};
    for (size_t f = 0; f < r->n_fields; ++f) {
        const char *s;
        size_t len;
        field(r, f, &s, &len);
        if (f == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3; /* a UTF-8 byte-order mark */
            len -= 3;
        }
        if (same_name(s, len, r->id_column, id_len)) {
            if (found_id) {
                return header_name_fault(r, FPL_MAX_CRITERIA, f, r->id_index, err);
            }
            found_id = true;
            r->id_index = f;
            continue;
        }
        if (outcome_len > 0 && same_name(s, len, r->outcome_column, outcome_len)) {
            if (found_outcome) {
                return header_name_fault(r, FPL_CSV_OUTCOME_NAME, f, r->outcome_index, err);
            }
            found_outcome = true;
            r->outcome_index = f;
            continue;
        }
        /* criteria names differ after case folding: one matches at most */
        for (size_t k = 0; k < r->criteria.n_criteria; ++k) {
            const fpl_criterion *c = &r->criteria.criteria[k];
            if (same_name(s, len, c->name, name_len(c))) {
                if (found[k]) {
                    return header_name_fault(r, k, f, r->criterion_column[k], err);
                }
                found[k] = true;
                r->criterion_column[k] = f;
                break;
            }
        }
    }
    if (!found_id) {
        return header_name_fault(r, FPL_MAX_CRITERIA, FPL_NO_INDEX, FPL_NO_INDEX, err);
    }
    for (size_t k = 0; k < r->criteria.n_criteria; ++k) {
        if (!found[k]) {
            return header_name_fault(r, k, FPL_NO_INDEX, FPL_NO_INDEX, err);
        }
    }
    if (outcome_len > 0 && !found_outcome) {
        return header_name_fault(r, FPL_CSV_OUTCOME_NAME, FPL_NO_INDEX, FPL_NO_INDEX, err);
    }
    r->n_columns = r->n_fields;
    r->have_header = true;
    return FPL_OK;
}

/* A data record into a row. */
static void read_row(fpl_csv_reader *r, fpl_csv_row *row)
{
    memset(row, 0, offsetof(fpl_csv_row, id));
    row->id[0] = '\0';
    memset(&row->score, 0, sizeof row->score);
    row->criterion = 0;
    memset(row->answers, 0, sizeof row->answers);
    row->outcome = FPL_OUTCOME_NONE;
    row->line = r->record_line;
    if (r->record_bad) {
        row->fault = r->record_fault;
        return;
    }
    if (r->n_fields != r->n_columns) {
        row->fault = FPL_CSV_FIELDS;
        return;
    }
    if (field_not_utf8(r) != FPL_NO_INDEX) {
        row->fault = FPL_CSV_UTF8;
        return;
    }
    const char *id;
    size_t id_len;
    field(r, r->id_index, &id, &id_len);
    if (id_len == 0 || id_len > FPL_CSV_ID_MAX) {
        row->fault = FPL_CSV_ID;
        return;
    }
    double answers[FPL_MAX_CRITERIA] = {0};
    for (size_t k = 0; k < r->criteria.n_criteria; ++k) {
        const char *s;
        size_t len;
        field(r, r->criterion_column[k], &s, &len);
        if (fpl_criterion_answer_parse(&r->criteria, k, s, len, &answers[k], NULL) != FPL_OK) {
            row->fault = r->criteria.saturation[k] > 0.0 ? FPL_CSV_COUNT : FPL_CSV_ANSWER;
            row->column = r->criterion_column[k];
            row->criterion = k;
            return;
        }
    }
    fpl_outcome outcome = FPL_OUTCOME_NONE;
    if (r->outcome_column[0] != '\0') {
        const char *s;
        size_t len;
        field(r, r->outcome_index, &s, &len);
        while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
            ++s;
            --len;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
            --len;
        }
        if (word_is(s, len, "won")) {
            outcome = FPL_OUTCOME_WON;
        } else if (word_is(s, len, "lost")) {
            outcome = FPL_OUTCOME_LOST;
        } else if (len > 0) {
            row->fault = FPL_CSV_OUTCOME;
            row->column = r->outcome_index;
            return;
        }
    }
    memcpy(row->id, id, id_len);
    row->id[id_len] = '\0';
    memcpy(row->answers, answers, r->criteria.n_criteria * sizeof answers[0]);
    row->outcome = outcome;
    (void)score_checked(&r->criteria, answers, &row->score); /* answers are in [0, 1] */
}

/* The reader's part of the tokenizer (csv.h). */
static fpl_status feed_header(void *reader, fpl_error *err)
{
    return read_header(reader, err);
}

static fpl_status feed_row(void *reader, void *rows, size_t *n, fpl_error *err)
{
    (void)err; /* a row's fault is in the row */
    fpl_csv_reader *r = reader;
    read_row(r, (fpl_csv_row *)rows + *n);
    (*n)++;
    r->rows++;
    return FPL_OK;
}

static fpl_status feed_no_header(void *reader, fpl_error *err)
{
    fpl_csv_reader *r = reader;
    r->header_fault = FPL_CSV_HEADER_NONE;
    r->header_column = FPL_NO_INDEX;
    return fpl__fail(err, FPL_ERR_CSV_HEADER, FPL_FIELD_LEADS, FPL_NO_INDEX);
}

static const fpl__csv_hooks FEED_HOOKS = {feed_header, feed_row, feed_no_header};

fpl_status fpl_csv_feed(fpl_csv_reader *reader, const char *data, size_t len, bool at_end,
                        fpl_csv_row *rows, size_t capacity, size_t *n_rows_out,
                        size_t *consumed_out, fpl_error *err)
{
    fpl__begin(err);
    if (reader == NULL ||
        !fpl__csv_args_ok(data, len, rows, capacity, n_rows_out, consumed_out)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_csv_reader *r = reader;
    const fpl__csv tok = {&r->state,      &r->record_seen, &r->record_bad,  &r->record_fault,
                          &r->record_len, &r->n_fields,    r->field_start,  r->record,
                          &r->line,       &r->record_line, &r->have_header};
    *n_rows_out = 0;
    return fpl__done(err, fpl__csv_feed(&tok, &FEED_HOOKS, r, rows, data, len, at_end, capacity,
                                        n_rows_out, consumed_out, err));
}

/* ---- words for a refused header ------------------------------------------ */

/* A text written into a caller's buffer, cut to its capacity, counting the
 * whole length. */
typedef struct words {
    char *out;
    size_t cap;
    size_t len;
} words;

static void say(words *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i, ++w->len) {
        if (w->len + 1 < w->cap) {
            w->out[w->len] = s[i];
        }
    }
}

static void says(words *w, const char *s)
{
    say(w, s, strlen(s));
}

static void say_count(words *w, uint64_t n)
{
    char digits[24];
    size_t k = sizeof digits;
    do {
        digits[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    say(w, digits + k, sizeof digits - k);
}

/* The text's NUL; its whole length. */
static size_t words_end(words *w)
{
    if (w->cap > 0) {
        w->out[w->len < w->cap ? w->len : w->cap - 1] = '\0';
    }
    return w->len;
}

/* "column N of the header" (N from 1). */
static void say_column(words *w, size_t column)
{
    says(w, "column ");
    say_count(w, (uint64_t)column + 1);
    says(w, " of the header");
}

// NOLINTNEXTLINE(readability-non-const-parameter): out is written through w
size_t fpl_csv_header_message(const fpl_csv_reader *reader, char *out, size_t capacity)
{
    words w = {out, out != NULL ? capacity : 0, 0};
    if (reader != NULL) {
        const fpl_csv_reader *r = reader;
        const bool id = r->header_name == FPL_MAX_CRITERIA;
        const bool outcome = r->header_name == FPL_CSV_OUTCOME_NAME;
        const char *name = id        ? r->id_column
                           : outcome ? r->outcome_column
                           : r->header_name < r->criteria.n_criteria ? r->criteria.criteria[r->header_name].name
                                                                     : "";
        const char *what = id ? "the id column" : outcome ? "the outcome column" : "a criterion";
        switch (r->header_fault) {
        case FPL_CSV_HEADER_OK: break;
        case FPL_CSV_HEADER_NONE: says(&w, "the file has no header (it is empty or blank)"); break;
        case FPL_CSV_HEADER_MISSING:
            says(&w, "the header has no column named '");
            says(&w, name);
            says(&w, "' (");
            says(&w, what);
            says(&w, ")");
            break;
        case FPL_CSV_HEADER_TWICE:
            says(&w, "columns ");
            say_count(&w, (uint64_t)r->header_first + 1);
            says(&w, " and ");
            say_count(&w, (uint64_t)r->header_column + 1);
            says(&w, " of the header both name '");
            says(&w, name);
            says(&w, "' (");
            says(&w, what);
            says(&w, "; names match in any case)");
            break;
        case FPL_CSV_HEADER_COLUMNS:
            says(&w, "the header has more than ");
            say_count(&w, FPL_CSV_MAX_COLUMNS);
            says(&w, " columns");
            break;
        case FPL_CSV_HEADER_UTF8:
            say_column(&w, r->header_column);
            says(&w, " is not valid UTF-8 text (or holds a NUL byte)");
            break;
        case FPL_CSV_HEADER_LONG:
            says(&w, "the header is longer than ");
            say_count(&w, FPL_CSV_RECORD_MAX);
            says(&w, " bytes (at column ");
            say_count(&w, (uint64_t)r->header_column + 1);
            says(&w, "): is it a CSV file with a line per lead?");
            break;
        case FPL_CSV_HEADER_QUOTE:
            say_column(&w, r->header_column);
            says(&w, " has a quote inside an unquoted field, or text after a closing quote");
            break;
        case FPL_CSV_HEADER_UNTERMINATED:
            say_column(&w, r->header_column);
            says(&w, " is a quoted field not closed at the end of the file");
            break;
        }
    }
    return words_end(&w);
}

/* ---- a score as the table shows it --------------------------------------- */

/* k (a key: score · 10^9, whole) with `decimals` decimals, exactly. */
static void say_key(words *w, double k, int decimals)
{
    double unit = 1.0;
    for (int i = decimals; i < 9; ++i) {
        unit *= 10.0;
    }
    const uint64_t n = (uint64_t)(k / unit); /* a multiple of unit: exact */
    uint64_t ten = 1;
    for (int i = 0; i < decimals; ++i) {
        ten *= 10;
    }
    say_count(w, n / ten);
    says(w, ".");
    char digits[16];
    uint64_t frac = n % ten;
    for (int i = decimals; i-- > 0;) {
        digits[i] = (char)('0' + frac % 10);
        frac /= 10;
    }
    say(w, digits, (size_t)decimals);
}

// NOLINTNEXTLINE(readability-non-const-parameter): out is written through w
size_t fpl_score_format(const fpl_criteria *criteria, const fpl_lead_score *score, char *out,
                        size_t capacity)
{
    words w = {out, out != NULL ? capacity : 0, 0};
    if (score == NULL) {
        return words_end(&w);
    }
    const double x = score->score;
    char text[FPL_NUMBER_MAX];
    (void)fpl_format_fixed(x, 1, false, text, sizeof text); /* the nearest tenth */
    /* The band's keys: [lo, hi). */
    const double hot = key(fpl_criteria_hot(criteria));
    const double warm = key(fpl_criteria_warm(criteria));
    const fpl_band band = score->band;
    const double lo = band == FPL_BAND_HOT ? hot : band == FPL_BAND_WARM ? warm : -1.0;
    const double k = key(x);
    const double full = key(100.0); /* only a lead that meets every criterion shows 100.0 */
    const double top = k < full ? full : (double)INFINITY;
    const double hi = band == FPL_BAND_HOT ? top : band == FPL_BAND_WARM ? fmin(hot, top) : fmin(warm, top);
    double shown = 0.0; /* the nearest tenth's key, from its digits */
    for (const char *p = text; *p != '\0'; ++p) {
        if (*p >= '0' && *p <= '9') {
            shown = shown * 10.0 + (*p - '0');
        }
    }
    shown *= 1e8;
    if (!(x >= 0.0 && x <= 100.0 && k >= lo && k < hi) || (shown >= lo && shown < hi)) {
        says(&w, text); /* inside its band, or not a score of its band */
        return words_end(&w);
    }
    /* Toward the band: down from above it, up from below it, with the
     * fewest decimals that land inside; at d decimals, the nearest, else
     * the one below k (never at or above hi), else the one above (never
     * below lo). With the thresholds' own decimals the one below is inside
     * (lo lies on that grid), and at 9 decimals k itself is. */
    static const double units[10] = {1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1};
    for (int d = 1; d <= 9; ++d) {
        const double unit = units[d]; /* a unit of the d-th decimal, in keys */
        const double nearest = d == 1 ? shown : round(k / unit) * unit;
        const double below = floor(k / unit) * unit;
        const double above = ceil(k / unit) * unit;
        const double q = nearest >= lo && nearest < hi ? nearest : below >= lo ? below : above;
        if (q >= lo && q < hi) {
            say_key(&w, q, d);
            return words_end(&w);
        }
    }
    say_key(&w, k, 9); /* not reached: at 9 decimals q is k */
    return words_end(&w);
}

/* ---- a definition as an @FILE of options --------------------------------- */

static void say_number(words *w, double x)
{
    char text[FPL_NUMBER_MAX];
    (void)fpl_format_number(x, FPL_NUMBER_JSON, text, sizeof text);
    says(w, text);
}

// NOLINTNEXTLINE(readability-non-const-parameter): out is written through w
size_t fpl_criteria_options(const fpl_criteria *criteria, const char *comment, char *out,
                            size_t capacity)
{
    words w = {out, out != NULL ? capacity : 0, 0};
    if (criteria == NULL) {
        return words_end(&w);
    }
    if (comment != NULL) {
        size_t n = 0;
        while (comment[n] != '\0' && comment[n] != '\n' && comment[n] != '\r') {
            ++n;
        }
        says(&w, "# ");
        say(&w, comment, n);
        says(&w, "\n");
    }
    for (size_t i = 0; i < criteria->n_criteria && i < FPL_MAX_CRITERIA; ++i) {
        const fpl_criterion *c = &criteria->criteria[i];
        says(&w, "--criterion ");
        say(&w, c->name, name_len(c));
        says(&w, "=");
        say_number(&w, c->weight);
        if (c->required) {
            says(&w, ",required");
        }
        if (criteria->saturation[i] > 0.0) {
            says(&w, SATURATION);
            say_number(&w, criteria->saturation[i]);
        }
        says(&w, "\n");
    }
    if (criteria->has_hot) {
        says(&w, "--hot ");
        say_number(&w, criteria->hot);
        says(&w, "\n");
    }
    if (criteria->has_warm) {
        says(&w, "--warm ");
        say_number(&w, criteria->warm);
        says(&w, "\n");
    }
    return words_end(&w);
}

/* ---- the area under the ROC curve ---------------------------------------- */

static int compare_doubles(const void *pa, const void *pb)
{
    const double a = *(const double *)pa;
    const double b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The area of finite values, both lists at least one long: sorts them. */
static double auc_of(double *won, size_t n_won, double *lost, size_t n_lost)
{
    qsort(won, n_won, sizeof *won, compare_doubles);
    qsort(lost, n_lost, sizeof *lost, compare_doubles);
    /* For each won value (ascending): the lost values below it and equal
     * to it. Whole counts: exact. */
    uint64_t below = 0;
    uint64_t equal = 0;
    size_t lo = 0; /* lost[0, lo) < the won value */
    size_t hi = 0; /* lost[0, hi) <= the won value */
    for (size_t i = 0; i < n_won; ++i) {
        while (lo < n_lost && lost[lo] < won[i]) {
            ++lo;
        }
        if (hi < lo) {
            hi = lo;
        }
        while (hi < n_lost && lost[hi] <= won[i]) {
            ++hi;
        }
        below += lo;
        equal += hi - lo;
    }
    /* (below + equal / 2) / (n_won · n_lost) with one rounding: the
     * doubled numerator and denominator are whole, exact below 2^53. */
    return (double)(2 * below + equal) / (2.0 * (double)n_won * (double)n_lost);
}

fpl_status fpl_score_auc(double *won, size_t n_won, double *lost, size_t n_lost, double *out,
                         fpl_error *err)
{
    fpl__begin(err);
    if ((won == NULL && n_won > 0) || (lost == NULL && n_lost > 0) || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (n_won == 0) {
        return fpl__fail(err, FPL_ERR_OUTCOMES, FPL_FIELD_WON, FPL_NO_INDEX);
    }
    if (n_lost == 0) {
        return fpl__fail(err, FPL_ERR_OUTCOMES, FPL_FIELD_LOST, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < n_won; ++i) {
        if (!isfinite(won[i])) {
            return fpl__fail(err, FPL_ERR_RANK_VALUE, FPL_FIELD_WON, i);
        }
    }
    for (size_t i = 0; i < n_lost; ++i) {
        if (!isfinite(lost[i])) {
            return fpl__fail(err, FPL_ERR_RANK_VALUE, FPL_FIELD_LOST, i);
        }
    }
    *out = auc_of(won, n_won, lost, n_lost);
    return FPL_OK;
}

/* ---- fitting weights to outcomes ----------------------------------------- */

/* The leads of a fit. */
typedef struct leads {
    size_t k; /* criteria: answers per lead */
    const double *answers;
    const bool *won;
    size_t n;
} leads;

size_t fpl_score_fit_work(size_t n_leads)
{
    return n_leads / FPL_SCORE_FIT_HOLDOUT;
}

/* Lead i is held back. */
static bool held_back(size_t i)
{
    return (i + 1) % FPL_SCORE_FIT_HOLDOUT == 0;
}

/* log(1 + e^x) without overflow. */
static double log1p_exp(double x)
{
    return x > 0.0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/* The model's linear predictor for lead i: beta[0] + Σ beta[j+1] x_j. */
static double predictor(const leads *fit, size_t i, const double *beta)
{
    const double *x = fit->answers + i * fit->k;
    double eta = beta[0];
    for (size_t j = 0; j < fit->k; ++j) {
        eta += beta[j + 1] * x[j];
    }
    return eta;
}

/* The penalised negative log-likelihood on the leads fitted. */
static double fit_loss(const leads *fit, const double *beta)
{
    double loss = 0.0;
    for (size_t i = 0; i < fit->n; ++i) {
        if (!held_back(i)) {
            const double eta = predictor(fit, i, beta);
            loss += log1p_exp(eta) - (fit->won[i] ? eta : 0.0);
        }
    }
    for (size_t j = 1; j <= fit->k; ++j) {
        loss += 0.5 * FPL_SCORE_FIT_RIDGE * beta[j] * beta[j];
    }
    return loss;
}

enum { P_MAX = FPL_MAX_CRITERIA + 1 };

/* Solves a · x = b for a symmetric positive definite a (p × p, row-major)
 * by Cholesky; false when a is not positive definite. */
static bool solve_spd(double *a, size_t p, const double *b, double *x)
{
    for (size_t j = 0; j < p; ++j) {
        double d = a[j * p + j];
        for (size_t k = 0; k < j; ++k) {
            d -= a[j * p + k] * a[j * p + k];
        }
        if (!(d > 0.0)) {
            return false;
        }
        const double l = sqrt(d);
        a[j * p + j] = l;
        for (size_t i = j + 1; i < p; ++i) {
            double s = a[i * p + j];
            for (size_t k = 0; k < j; ++k) {
                s -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = s / l;
        }
    }
    double y[P_MAX] = {0};
    for (size_t i = 0; i < p; ++i) {
        double s = b[i];
        for (size_t k = 0; k < i; ++k) {
            s -= a[i * p + k] * y[k];
        }
        y[i] = s / a[i * p + i];
    }
    for (size_t i = p; i-- > 0;) {
        double s = y[i];
        for (size_t k = i + 1; k < p; ++k) {
            s -= a[k * p + i] * x[k];
        }
        x[i] = s / a[i * p + i];
    }
    return true;
}

/* Newton's method on the penalised likelihood, from zero. */
static void newton(const leads *fit, double *beta, unsigned *iterations, bool *converged)
{
    const size_t p = fit->k + 1;
    double hess[P_MAX * P_MAX];
    double grad[P_MAX];
    double step[P_MAX];
    double trial[P_MAX];
    memset(beta, 0, p * sizeof *beta);
    double loss = fit_loss(fit, beta);
    *converged = false;
    *iterations = 0;
    for (unsigned it = 0; it < FPL_SCORE_FIT_ITERATIONS; ++it) {
        memset(hess, 0, sizeof hess);
        memset(grad, 0, sizeof grad);
        for (size_t i = 0; i < fit->n; ++i) {
            if (held_back(i)) {
                continue;
            }
            const double *x = fit->answers + i * fit->k;
            const double eta = predictor(fit, i, beta);
            const double prob = 1.0 / (1.0 + exp(-eta));
            const double r = prob - (fit->won[i] ? 1.0 : 0.0);
            const double v = prob * (1.0 - prob);
            for (size_t a = 0; a < p; ++a) {
                const double xa = a == 0 ? 1.0 : x[a - 1];
                grad[a] += r * xa;
                for (size_t b = 0; b <= a; ++b) {
                    const double xb = b == 0 ? 1.0 : x[b - 1];
                    hess[a * p + b] += v * xa * xb;
                }
            }
        }
        for (size_t a = 0; a < p; ++a) {
            if (a > 0) {
                grad[a] += FPL_SCORE_FIT_RIDGE * beta[a];
                hess[a * p + a] += FPL_SCORE_FIT_RIDGE;
            }
            for (size_t b = 0; b < a; ++b) {
                hess[b * p + a] = hess[a * p + b];
            }
        }
        if (!solve_spd(hess, p, grad, step)) {
            return;
        }
        /* halve the step until the loss does not rise */
        double t = 1.0;
        double next = loss;
        for (int halve = 0; halve < 60; ++halve) {
            for (size_t a = 0; a < p; ++a) {
                trial[a] = beta[a] - t * step[a];
            }
            next = fit_loss(fit, trial);
            if (next <= loss) {
                break;
            }
            t *= 0.5;
        }
        *iterations = it + 1;
        if (!(next <= loss)) {
            *converged = true; /* no step lowers the loss: at its minimum to rounding */
            return;
        }
        double moved = 0.0;
        for (size_t a = 0; a < p; ++a) {
            moved = fmax(moved, fabs(trial[a] - beta[a]));
            beta[a] = trial[a];
        }
        loss = next;
        if (moved <= 1e-9) {
            *converged = true;
            return;
        }
    }
}

/* A weight of (0, FPL_SCORE_FIT_WEIGHT_MAX] rounded to
 * FPL_SCORE_FIT_DIGITS significant digits: the nearest double to the
 * decimal (a whole number divided by a power of ten, both exact); 0 for
 * one far below FPL_SCORE_FIT_WEIGHT_MIN. */
static double round_digits(double v)
{
    if (!(v >= FPL_SCORE_FIT_WEIGHT_MIN / 2)) {
        return 0.0;
    }
    double low = 1.0; /* 10^(digits - 1) */
    for (int d = 1; d < FPL_SCORE_FIT_DIGITS; ++d) {
        low *= 10.0;
    }
    double units = low; /* a power of ten from 10^0 up */
    while (units > 1.0 && v * units >= 10.0 * low) {
        units /= 10.0;
    }
    while (v * units < low) {
        units *= 10.0;
    }
    return round(v * units) / units;
}

/* The values of the held-back leads under a definition: their scores on
 * the grid scores are compared on. */
static void held_back_keys(const leads *fit, const fpl_criteria *c, double *won,
                           double *lost)
{
    size_t nw = 0;
    size_t nl = 0;
    for (size_t i = 0; i < fit->n; ++i) {
        if (!held_back(i)) {
            continue;
        }
        fpl_lead_score s;
        (void)score_checked(c, fit->answers + i * fit->k, &s); /* answers checked when given */
        if (fit->won[i]) {
            won[nw++] = key(s.score);
        } else {
            lost[nl++] = key(s.score);
        }
    }
}

fpl_status fpl_score_fit(const fpl_criteria *criteria, const double *answers, const bool *won,
                         size_t n_leads, double *work, size_t work_len, fpl_score_fit_result *out,
                         fpl_error *err)
{
    fpl__begin(err);
    if (criteria == NULL || (n_leads > 0 && (answers == NULL || won == NULL)) ||
        (work == NULL && work_len > 0) || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_criteria_check(criteria, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const leads fit = {criteria->n_criteria, answers, won, n_leads};
    for (size_t i = 0; i < n_leads; ++i) {
        for (size_t j = 0; j < fit.k; ++j) {
            const double a = answers[i * fit.k + j];
            if (!(a >= 0.0 && a <= 1.0)) {
                (void)fpl__fail(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, j);
                if (err != NULL) {
                    err->line = (uint64_t)i + 1;
                }
                return FPL_ERR_ANSWER;
            }
        }
    }
    fpl_score_fit_result r;
    memset(&r, 0, sizeof r);
    for (size_t i = 0; i < n_leads; ++i) {
        uint64_t *count = held_back(i) ? (won[i] ? &r.test_won : &r.test_lost)
                                       : (won[i] ? &r.fit_won : &r.fit_lost);
        (*count)++;
    }
    if (r.fit_won == 0 || r.fit_lost == 0 || r.test_won == 0 || r.test_lost == 0) {
        return fpl__fail(err, FPL_ERR_OUTCOMES, FPL_FIELD_OUTCOME, FPL_NO_INDEX);
    }
    if (work_len < fpl_score_fit_work(n_leads)) {
        return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    }
    double beta[P_MAX];
    newton(&fit, beta, &r.iterations, &r.converged);
    r.intercept = beta[0];
    double largest = 0.0;
    for (size_t j = 0; j < fit.k; ++j) {
        r.coefficient[j] = beta[j + 1];
        largest = fmax(largest, beta[j + 1]);
    }
    r.given = *criteria;
    r.fitted = *criteria;
    for (size_t j = 0; j < fit.k; ++j) {
        double w = largest > 0.0 && beta[j + 1] > 0.0
                       ? round_digits(beta[j + 1] / largest * FPL_SCORE_FIT_WEIGHT_MAX)
                       : 0.0;
        if (!(w >= FPL_SCORE_FIT_WEIGHT_MIN)) {
            w = FPL_SCORE_FIT_WEIGHT_MIN;
            r.floored |= UINT64_C(1) << j;
        }
        r.fitted.criteria[j].weight = w;
    }
    double *won_keys = work;
    double *lost_keys = work + r.test_won;
    held_back_keys(&fit, &r.fitted, won_keys, lost_keys);
    r.auc_fitted = auc_of(won_keys, (size_t)r.test_won, lost_keys, (size_t)r.test_lost);
    held_back_keys(&fit, &r.given, won_keys, lost_keys);
    r.auc_given = auc_of(won_keys, (size_t)r.test_won, lost_keys, (size_t)r.test_lost);
    *out = r;
    return FPL_OK;
}

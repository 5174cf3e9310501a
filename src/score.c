/*
 * funnelplan — lead qualification: weighted criteria, scores, bands, and a
 * streaming CSV reader that scores every row.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/score.h"
#include "funnelplan/format.h"
#include "funnelplan/parse.h"

#include "internal.h"

#include <math.h>
#include <string.h>

static const char *const BANT[4] = {"budget", "authority", "need", "timing"};

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

fpl_status fpl_criteria_bant(fpl_criteria *out, fpl_error *err)
{
    fpl__begin(err);
    if (out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < 4; ++i) {
        memcpy(c.criteria[i].name, BANT[i], strlen(BANT[i]) + 1);
        c.criteria[i].weight = 1.0;
        c.criteria[i].required = true;
    }
    c.n_criteria = 4;
    *out = c;
    return FPL_OK;
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
    criteria->n_criteria++;
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

enum {
    ST_FIELD_START = 0, /* at the start of a field */
    ST_UNQUOTED,        /* in an unquoted field */
    ST_QUOTED,          /* in a quoted field */
    ST_QUOTE_QUOTED,    /* a quote seen in a quoted field: doubled, or the end */
    ST_AFTER_CR,        /* a record ended at CR: an LF right after belongs to it */
    ST_DONE             /* the end was seen and handled */
};

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
    memcpy(reader->id_column, id_column, id_len);
    reader->id_column[id_len] = '\0';
    reader->line = 1;
    reader->record_line = 1;
    reader->state = ST_FIELD_START;
    return FPL_OK;
}

static void mark_bad(fpl_csv_reader *r, fpl_csv_fault fault)
{
    if (!r->record_bad) {
        r->record_bad = true;
        r->record_fault = fault;
    }
}

static void put_byte(fpl_csv_reader *r, char c)
{
    if (r->record_bad) {
        return; /* nothing of a faulty record is kept */
    }
    if (r->record_len >= FPL_CSV_RECORD_MAX) {
        mark_bad(r, FPL_CSV_TOO_LONG);
        return;
    }
    r->record[r->record_len++] = c;
}

/* Ends the current field; the next one starts at record_len. */
static void end_field(fpl_csv_reader *r)
{
    if (r->record_bad) {
        return;
    }
    if (r->n_fields >= FPL_CSV_MAX_COLUMNS) {
        mark_bad(r, FPL_CSV_FIELDS);
        return;
    }
    r->n_fields++;
    r->field_start[r->n_fields] = r->record_len;
}

static void field(const fpl_csv_reader *r, size_t i, const char **s, size_t *len)
{
    *s = r->record + r->field_start[i];
    *len = r->field_start[i + 1] - r->field_start[i];
}

static bool utf8_ok(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        const size_t n = fpl__utf8_decode(u + i, len - i, &cp);
        if (n == 0 || cp == 0) {
            return false; /* a NUL byte is not text: ids are C strings */
        }
        i += n;
    }
    return true;
}

static void reset_record(fpl_csv_reader *r)
{
    r->record_len = 0;
    r->n_fields = 0;
    r->field_start[0] = 0;
    r->record_bad = false;
    r->record_fault = FPL_CSV_OK;
    r->record_seen = false;
}

/* The first field of the record that is not valid UTF-8 on its own (a
 * sequence split by a field boundary is not), or FPL_NO_INDEX. */
static size_t field_not_utf8(const fpl_csv_reader *r)
{
    for (size_t f = 0; f < r->n_fields; ++f) {
        const char *s;
        size_t len;
        field(r, f, &s, &len);
        if (!utf8_ok(s, len)) {
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
    bool found_id = false;
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
    double answers[FPL_MAX_CRITERIA];
    for (size_t k = 0; k < r->criteria.n_criteria; ++k) {
        const char *s;
        size_t len;
        field(r, r->criterion_column[k], &s, &len);
        if (fpl_answer_parse(s, len, &answers[k], NULL) != FPL_OK) {
            row->fault = FPL_CSV_ANSWER;
            row->column = r->criterion_column[k];
            row->criterion = k;
            return;
        }
    }
    memcpy(row->id, id, id_len);
    row->id[id_len] = '\0';
    (void)score_checked(&r->criteria, answers, &row->score); /* answers are in [0, 1] */
}

/* The current record is complete: the header, a row, or a blank line. */
static fpl_status finish_record(fpl_csv_reader *r, fpl_csv_row *rows, size_t *n_rows,
                                fpl_error *err)
{
    end_field(r);
    const bool blank = !r->record_seen;
    fpl_status st = FPL_OK;
    if (!blank) {
        if (!r->have_header) {
            st = read_header(r, err);
        } else {
            read_row(r, &rows[*n_rows]);
            (*n_rows)++;
            r->rows++;
        }
    }
    reset_record(r);
    return st;
}

fpl_status fpl_csv_feed(fpl_csv_reader *reader, const char *data, size_t len, bool at_end,
                        fpl_csv_row *rows, size_t capacity, size_t *n_rows_out,
                        size_t *consumed_out, fpl_error *err)
{
    fpl__begin(err);
    if (reader == NULL || (data == NULL && len > 0) || rows == NULL || capacity == 0 ||
        n_rows_out == NULL || consumed_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_csv_reader *r = reader;
    size_t n = 0;
    size_t i = 0;
    fpl_status st = FPL_OK;
    while (i < len && r->state != ST_DONE) {
        const char c = data[i];
        /* A record may end here: make sure there is room for its row. */
        const bool ends = (c == '\n' || c == '\r') &&
                          (r->state == ST_FIELD_START || r->state == ST_UNQUOTED ||
                           r->state == ST_QUOTE_QUOTED);
        if (ends && r->have_header && n == capacity) {
            break;
        }
        switch (r->state) {
        case ST_AFTER_CR:
            r->state = ST_FIELD_START;
            if (c == '\n') {
                ++i;
                continue; /* CRLF: the record ended at the CR */
            }
            continue; /* look at c again, at the start of a record */
        case ST_FIELD_START:
            if (c == '"') {
                r->record_seen = true;
                r->state = ST_QUOTED;
                break;
            }
            r->state = ST_UNQUOTED;
            continue; /* look at c again, in an unquoted field */
        case ST_UNQUOTED:
            if (c == ',') {
                r->record_seen = true;
                end_field(r);
                r->state = ST_FIELD_START;
            } else if (c == '\n' || c == '\r') {
                r->state = c == '\r' ? ST_AFTER_CR : ST_FIELD_START;
                st = finish_record(r, rows, &n, err);
                r->line++;
                r->record_line = r->line;
            } else if (c == '"' && !r->have_header && r->n_fields == 0 &&
                       r->record_len == 3 && memcmp(r->record, "\xEF\xBB\xBF", 3) == 0) {
                /* A byte-order mark, then a quoted first field: the mark is
                 * not part of the field. */
                r->record_len = 0;
                r->state = ST_QUOTED;
            } else {
                if (c == '"') {
                    mark_bad(r, FPL_CSV_QUOTE);
                }
                r->record_seen = true;
                put_byte(r, c);
            }
            break;
        case ST_QUOTED:
            if (c == '"') {
                r->state = ST_QUOTE_QUOTED;
            } else {
                if (c == '\n') {
                    r->line++;
                }
                put_byte(r, c);
            }
            break;
        case ST_QUOTE_QUOTED:
            if (c == '"') {
                put_byte(r, '"');
                r->state = ST_QUOTED;
            } else if (c == ',') {
                r->record_seen = true;
                end_field(r);
                r->state = ST_FIELD_START;
            } else if (c == '\n' || c == '\r') {
                r->state = c == '\r' ? ST_AFTER_CR : ST_FIELD_START;
                st = finish_record(r, rows, &n, err);
                r->line++;
                r->record_line = r->line;
            } else {
                mark_bad(r, FPL_CSV_QUOTE); /* text after the closing quote */
                put_byte(r, c);
                r->state = ST_UNQUOTED;
            }
            break;
        default:
            break;
        }
        ++i;
        if (st == FPL_OK && !r->have_header && r->record_bad) {
            /* The header cannot be valid any more (too long, too many
             * columns, a stray quote): refuse it now rather than read on
             * to a line end that may never come. */
            st = read_header(r, err);
        }
        if (st != FPL_OK) {
            r->state = ST_DONE;
            break;
        }
    }
    if (st == FPL_OK && at_end && i == len && r->state != ST_DONE) {
        /* The last record, without a line end after it. */
        const bool open = r->state == ST_QUOTED;
        const bool pending = r->record_seen;
        if (pending && r->have_header && n == capacity) {
            *n_rows_out = n;
            *consumed_out = i;
            return FPL_OK; /* call again (with at_end) for the last row */
        }
        if (pending) {
            if (open) {
                mark_bad(r, FPL_CSV_UNTERMINATED);
            }
            st = finish_record(r, rows, &n, err);
        }
        if (st == FPL_OK && !r->have_header) {
            /* an empty file, or only blank lines */
            r->header_fault = FPL_CSV_HEADER_NONE;
            r->header_column = FPL_NO_INDEX;
            st = fpl__fail(err, FPL_ERR_CSV_HEADER, FPL_FIELD_LEADS, FPL_NO_INDEX);
        }
        r->state = ST_DONE;
    }
    *n_rows_out = n;
    *consumed_out = i;
    return fpl__done(err, st);
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
        const char *name = id                                      ? r->id_column
                           : r->header_name < r->criteria.n_criteria ? r->criteria.criteria[r->header_name].name
                                                                     : "";
        switch (r->header_fault) {
        case FPL_CSV_HEADER_OK: break;
        case FPL_CSV_HEADER_NONE: says(&w, "the file has no header (it is empty or blank)"); break;
        case FPL_CSV_HEADER_MISSING:
            says(&w, "the header has no column named '");
            says(&w, name);
            says(&w, id ? "' (the id column)" : "' (a criterion)");
            break;
        case FPL_CSV_HEADER_TWICE:
            says(&w, "columns ");
            say_count(&w, (uint64_t)r->header_first + 1);
            says(&w, " and ");
            say_count(&w, (uint64_t)r->header_column + 1);
            says(&w, " of the header both name '");
            says(&w, name);
            says(&w, id ? "' (the id column; names match in any case)"
                        : "' (a criterion; names match in any case)");
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

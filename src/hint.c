/*
 * funnelplan — hints: how to write what a refused text probably meant.
 * SPDX-License-Identifier: MIT
 *
 * fpl_error_message() says what is wrong; fpl_error_hint() says how to
 * write it, from the bytes at fault. One switch on the status, one small
 * function per kind of hint, so the CLI and Python print the same advice.
 */

#include "internal.h"

#include "funnelplan/funnel.h"
#include "funnelplan/parse.h"

#include <string.h>

/* Longest part of the text a hint quotes: a 100 KB value is never echoed. */
#define HINT_QUOTE_MAX 40

typedef struct hint_text {
    char *out;
    size_t capacity;
    size_t length;
} hint_text;

static void add_n(hint_text *h, const char *s, size_t n)
{
    if (n > 0 && h->out != NULL && h->length < h->capacity) {
        const size_t room = h->capacity - h->length;
        memcpy(h->out + h->length, s, n < room ? n : room);
    }
    h->length += n;
}

static void add(hint_text *h, const char *s)
{
    add_n(h, s, strlen(s));
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A plain decimal number, DIGITS[.DIGITS], with no sign, unit or grouping. */
static bool plain_decimal(const char *s, size_t n)
{
    size_t digits = 0;
    bool point = false;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(s[i])) {
            digits++;
        } else if (s[i] == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits > 0;
}

/* "25" for a rate: a plain number above 1 and at most 100 was probably
 * meant as a percentage. */
static void rate_hint(hint_text *h, const char *s, size_t n)
{
    if (n == 0 || n > HINT_QUOTE_MAX || !plain_decimal(s, n)) {
        return;
    }
    size_t whole = 0;
    while (whole < n && is_digit(s[whole])) {
        whole++;
    }
    /* Above 1 and at most 100: "1.x", 2 to 9, two digits, or 100 itself. */
    size_t first = 0;
    while (first + 1 < whole && s[first] == '0') {
        first++;
    }
    bool fraction_nonzero = false;
    for (size_t i = whole + 1; i < n; i++) {
        fraction_nonzero = fraction_nonzero || s[i] != '0';
    }
    bool meant_percent;
    switch (whole - first) {
    case 1: meant_percent = s[first] > '1' || (s[first] == '1' && fraction_nonzero); break;
    case 2: meant_percent = true; break;
    case 3: meant_percent = memcmp(s + first, "100", 3) == 0 && !fraction_nonzero; break;
    default: meant_percent = false; break; /* no integer digit, or above 999 */
    }
    if (meant_percent) {
        add(h, "did you mean ");
        add_n(h, s, n);
        add(h, "%?");
    }
}

/* "4" for the share of a period elapsed: up to 12, months or a percentage
 * ("did you mean 4m (4 months) or 4%?"); above, a percentage. */
static void elapsed_hint(hint_text *h, const char *s, size_t n)
{
    hint_text percent = {NULL, 0, 0};
    rate_hint(&percent, s, n); /* a plain number above 1, at most 100 */
    if (percent.length == 0) {
        return;
    }
    double value = 0.0; /* a plain decimal, which fpl_parse_rate() reads as it is */
    if (fpl_parse_rate(s, n, &value, NULL) != FPL_OK || value > 12.0) {
        rate_hint(h, s, n);
        return;
    }
    add(h, "did you mean ");
    add_n(h, s, n);
    add(h, "m (");
    add_n(h, s, n);
    add(h, " months) or ");
    add_n(h, s, n);
    add(h, "%?");
}

/* "600" for a volume whose period is not said: the same count with each
 * period written out. */
static void volume_period_hint(hint_text *h, const char *s, size_t n)
{
    if (n == 0 || n > HINT_QUOTE_MAX) {
        return;
    }
    static const char *const periods[] = {"/month, ", "/quarter or ", "/year"};
    add(h, "write ");
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        add_n(h, s, n);
        add(h, periods[i]);
    }
}

/* Digits [i, n) of s; the index of the first byte that is not one. */
static size_t digits_end(const char *s, size_t i, size_t n)
{
    while (i < n && is_digit(s[i])) {
        i++;
    }
    return i;
}

/* "1.250M" or "8.000" (one to three digits, a point, three digits, an
 * optional suffix), read both ways: "write 1250M or 1.25M". The decimal
 * reading drops the zeros that end it, keeping one; with none to drop it
 * gains one, so that it can no longer be read as a group (1.2340). */
static void ambiguous_point_hint(hint_text *h, const char *s, size_t n)
{
    const size_t dot = digits_end(s, 0, n);
    if (dot == 0 || dot >= n || s[dot] != '.' || digits_end(s, dot + 1, n) != dot + 4 ||
        n - (dot + 4) > 1) {
        return;
    }
    const char *suffix = s + dot + 4;
    const size_t suffix_len = n - (dot + 4);
    size_t keep = 3;
    while (keep > 1 && s[dot + keep] == '0') {
        keep--;
    }
    add(h, "write ");
    add_n(h, s, dot);
    add_n(h, s + dot + 1, 3);
    add_n(h, suffix, suffix_len);
    add(h, " or ");
    add_n(h, s, dot + 1 + keep);
    if (keep == 3 && s[dot + 3] != '0') {
        add(h, "0");
    }
    add_n(h, suffix, suffix_len);
}

/* "1,500" in a list split at commas: one value or two. */
static void ambiguous_list_hint(hint_text *h, const char *s, size_t n)
{
    const char *comma = memchr(s, ',', n);
    if (comma == NULL || n > HINT_QUOTE_MAX) {
        return;
    }
    const size_t at = (size_t)(comma - s);
    add(h, "write ");
    add_n(h, s, at);
    add(h, ";");
    add_n(h, comma + 1, n - at - 1);
    add(h, " for two values (; separates them) or ");
    add_n(h, s, at);
    add_n(h, comma + 1, n - at - 1);
    add(h, " for one");
}

/* A decimal comma: DIGITS,DIGITS with an optional final %. An amount
 * (rate false) is written with a point; a rate also as a percentage. */
static void decimal_comma_hint(hint_text *h, const char *s, size_t n, bool rate)
{
    const bool percent = rate && n > 0 && s[n - 1] == '%';
    const size_t m = percent ? n - 1 : n;
    const size_t comma = digits_end(s, 0, m);
    if (m > HINT_QUOTE_MAX || comma == 0 || comma >= m || s[comma] != ',' ||
        digits_end(s, comma + 1, m) != m || comma + 1 == m) {
        return;
    }
    const size_t decimals = m - comma - 1;
    if (decimals == 3 && s[0] != '0') {
        return; /* 1,500 is a thousands group, or (a rate) not a decimal comma for sure */
    }
    add(h, "write ");
    add_n(h, s, comma);
    add(h, ".");
    add_n(h, s + comma + 1, decimals);
    if (percent || !rate) {
        add(h, percent ? "%" : "");
        return;
    }
    /* A plain rate: from 1 up it was a percentage (12,5 is 12.5%); below 1
     * it is a fraction, or the same as a percentage: 0,25 is 25%. */
    bool below_one = true;
    for (size_t i = 0; i < comma; ++i) {
        below_one = below_one && s[i] == '0';
    }
    if (!below_one) {
        add(h, "%");
        return;
    }
    /* 0,DDD... as a percentage: the decimals with the point two places on. */
    add(h, " or ");
    char pct[HINT_QUOTE_MAX + 4];
    size_t k = 0;
    const char *d = s + comma + 1;
    for (size_t i = 0; i < 2; ++i) {
        pct[k++] = (char)(i < decimals ? d[i] : '0');
    }
    size_t lead = 0;
    while (lead + 1 < k && pct[lead] == '0') {
        lead++;
    }
    add_n(h, pct + lead, k - lead);
    size_t end = decimals;
    while (end > 2 && d[end - 1] == '0') {
        end--;
    }
    if (end > 2) {
        add(h, ".");
        add_n(h, d + 2, end - 2);
    }
    add(h, "%");
}

/* The periods as people also write them: a hint, never a second spelling
 * the parser accepts (fpl_period_parse() reads month, quarter, year). */
static void period_hint(hint_text *h, const char *s, size_t n)
{
    static const struct {
        const char *typed;
        const char *name;
    } known[] = {
        {"monthly", "month"},     {"months", "month"},   {"mo", "month"},     {"mon", "month"},
        {"mth", "month"},         {"m", "month"},        {"quarterly", "quarter"},
        {"quarters", "quarter"},  {"q", "quarter"},      {"qtr", "quarter"},
        {"yearly", "year"},       {"years", "year"},     {"annual", "year"},
        {"annually", "year"},     {"yr", "year"},        {"y", "year"},       {"month", "month"},
        {"quarter", "quarter"},   {"year", "year"},
    };
    char lower[16];
    if (n == 0 || n >= sizeof lower) {
        return;
    }
    for (size_t i = 0; i < n; ++i) {
        lower[i] = fpl__lower_ascii(s[i]);
    }
    for (size_t k = 0; k < sizeof known / sizeof known[0]; ++k) {
        if (strlen(known[k].typed) == n && memcmp(known[k].typed, lower, n) == 0) {
            add(h, "did you mean ");
            add(h, known[k].name);
            add(h, "?");
            return;
        }
    }
}

/* The value of a FIELD=VALUE or LEVER=VALUE text (after its last '=',
 * trimmed of blanks), or the whole text. */
static void value_part(const char **s, size_t *n)
{
    size_t b = *n;
    while (b > 0 && (*s)[b - 1] != '=') {
        b--;
    }
    size_t e = *n;
    while (b < e && ((*s)[b] == ' ' || (*s)[b] == '\t')) {
        b++;
    }
    while (e > b && ((*s)[e - 1] == ' ' || (*s)[e - 1] == '\t')) {
        e--;
    }
    *s += b;
    *n = e - b;
}

size_t fpl_error_hint(const fpl_error *err, const char *text, size_t len, char *out,
                      size_t capacity)
{
    hint_text h = {out, out != NULL ? capacity : 0, 0}; /* NULL: only the length */
    if (err != NULL && text != NULL) { /* no text (NULL, length 0): no hint */
        const char *part = text;
        size_t n = len;
        if (err->length > 0 && err->offset <= len && err->length <= len - err->offset) {
            part = text + err->offset;
            n = err->length;
        }
        switch (err->status) {
        case FPL_ERR_ELAPSED:
            if (n == len) { /* a share, not the number of a month count */
                elapsed_hint(&h, part, n);
            }
            break;
        case FPL_ERR_VOLUME_PERIOD: volume_period_hint(&h, part, n); break;
        case FPL_ERR_RATE_RANGE:
        case FPL_ERR_MARGIN:
            value_part(&part, &n); /* a change's lead=25: the value */
            rate_hint(&h, part, n);
            break;
        case FPL_ERR_CHANNEL_QUALITY:
        case FPL_ERR_CHANGE_RANGE:
            if (err->field == FPL_FIELD_CHANNEL_RATE || err->field == FPL_FIELD_CHANGE) {
                value_part(&part, &n);
                rate_hint(&h, part, n);
            }
            break;
        case FPL_ERR_PARSE_AMBIGUOUS:
            value_part(&part, &n); /* a channel's leads=1.500: the value */
            if (n > 0 && memchr(part, ',', n) != NULL) {
                ambiguous_list_hint(&h, part, n);
            } else {
                ambiguous_point_hint(&h, part, n);
            }
            break;
        case FPL_ERR_PARSE_GROUPING:
        case FPL_ERR_PARSE_SYNTAX:
            value_part(&part, &n);
            decimal_comma_hint(&h, part, n, err->status == FPL_ERR_PARSE_SYNTAX);
            break;
        case FPL_ERR_PERIOD: period_hint(&h, part, n); break;
        default: break;
        }
    }
    if (capacity > 0 && out != NULL) {
        out[h.length < capacity ? h.length : capacity - 1] = '\0';
    }
    return h.length;
}

/* A name that is no stage's: the stage meant, when one is near, and the
 * funnel's stages, top first; where a lever is named (whatif's --change,
 * solve's --for), the levers that are not stages too. */
static void stage_hint(hint_text *h, const fpl_funnel *f, fpl_field field, const char *s,
                       size_t n)
{
    static const char *const levers[] = {"deal-size", "volume", "cost-per-lead"};
    if (f->n_stages == 0 || f->n_stages > FPL_MAX_STAGES) {
        return;
    }
    const bool lever = field == FPL_FIELD_CHANGE || field == FPL_FIELD_LEVER;
    const char *names[FPL_MAX_STAGES + sizeof levers / sizeof levers[0]];
    size_t count = 0;
    for (size_t i = 0; i < f->n_stages; ++i) {
        names[count++] = f->stages[i].name;
    }
    for (size_t i = 0; lever && i < sizeof levers / sizeof levers[0]; ++i) {
        names[count++] = levers[i];
    }
    const size_t meant = fpl_suggest(s, n, names, count);
    if (meant != FPL_NO_INDEX) {
        add(h, "did you mean ");
        add(h, names[meant]);
        add(h, "? (");
    }
    add(h, lever ? "the levers are " : "the stages are ");
    for (size_t i = 0; i < count; ++i) {
        add(h, i > 0 ? ", " : "");
        add(h, names[i]);
    }
    add(h, meant != FPL_NO_INDEX ? ")" : "");
}

size_t fpl_funnel_hint(const fpl_funnel *funnel, const fpl_error *err, const char *text,
                       size_t len, char *out, size_t capacity)
{
    if (funnel == NULL || err == NULL || err->status != FPL_ERR_STAGE_UNKNOWN ||
        (text == NULL && len > 0)) {
        return fpl_error_hint(err, text, len, out, capacity);
    }
    hint_text h = {out, capacity, 0};
    const char *part = text;
    size_t n = len;
    if (err->length > 0 && err->offset <= len && err->length <= len - err->offset) {
        part = text + err->offset;
        n = err->length;
    }
    stage_hint(&h, funnel, err->field, part, n);
    if (capacity > 0) {
        out[h.length < capacity ? h.length : capacity - 1] = '\0';
    }
    return h.length;
}

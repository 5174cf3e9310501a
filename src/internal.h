/*
 * funnelplan — helpers shared by the calculation modules (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_INTERNAL_H
#define FUNNELPLAN_INTERNAL_H

#include "funnelplan/common.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

/* x per period `from` expressed per period `to`: x · months(to) / months(from),
 * one rounding when the product is finite. */
static inline double fpl__rescale(double x, fpl_period from, fpl_period to)
{
    if (from == to) {
        return x;
    }
    double mto = (double)fpl_period_months(to);
    double mfrom = (double)fpl_period_months(from);
    double y = x * mto;
    return isfinite(y) ? y / mfrom : x / mfrom * mto;
}

/* Tracks whether every figure of a result is a finite double. */
static inline double fpl__track(double x, bool *finite)
{
    if (!isfinite(x)) {
        *finite = false;
    }
    return x;
}

/* The whole count for a tolerant ceiling, or false when it exceeds 2^53. */
static inline bool fpl__whole(double x, double *out)
{
    double w = fpl_ceil_tolerant(x);
    if (!(w <= FPL_WHOLE_MAX)) {
        return false;
    }
    *out = w;
    return true;
}

/* Length of the UTF-8 sequence at s (of at most len bytes, len >= 1) and its
 * code point, or 0 when it is not valid UTF-8 (overlong, surrogate, beyond
 * U+10FFFF, cut). */
static inline size_t fpl__utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    const unsigned char c = s[0];
    size_t n;
    uint32_t v;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n > len) {
        return 0;
    }
    for (size_t i = 1; i < n; ++i) {
        if ((s[i] & 0xC0u) != 0x80u) {
            return 0;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return n;
}

/* Whether s[0..len) is UTF-8 text: every sequence valid and no NUL (the
 * names and ids read from CSV become C strings). */
static inline bool fpl__utf8_text(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        const size_t n = fpl__utf8_decode(u + i, len - i, &cp);
        if (n == 0 || cp == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

/* The one rule of what never reaches a terminal raw: the control characters
 * (C0, DEL, C1) and the bidirectional controls (Unicode's Bidi_Control:
 * U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which can
 * reorder the text around them. Names refuse them (fpl_stage_name_check);
 * the table and the CSV write them escaped (fpl_format_escaped), the JSON
 * as \u escapes. */
static inline bool fpl__unsafe_char(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C ||
           cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* ASCII letters in lower case, every other byte as it is: the one case
 * folding of names, units, periods and suggestions (UTF-8 beyond ASCII
 * compares byte for byte). */
static inline char fpl__lower_ascii(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Days in a month of the proleptic Gregorian calendar (month 1 to 12). */
static inline int fpl__days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* A lag as whole months and a fraction, tolerantly: a lag within 16
 * epsilons of a whole number of months (4 months given as 121.7475 days)
 * is that whole number, so it neither reaches a month further back nor
 * spills a 1e-15 of the volume into it. */
static inline void fpl__split_lag(double lag, double *whole, double *frac)
{
    const double r = round(lag);
    if (fabs(lag - r) <= 16.0 * DBL_EPSILON * lag) {
        *whole = r;
        *frac = 0.0;
    } else {
        *whole = floor(lag);
        *frac = lag - *whole;
    }
}

/* How many months back a lag reaches: its whole months, and one more for a
 * fraction. Schedule and pace both hold the sum to FPL_SCHEDULE_MAX_LEAD. */
static inline double fpl__lag_reach(double lag)
{
    double whole;
    double frac;
    fpl__split_lag(lag, &whole, &frac);
    return whole + (frac > 0.0 ? 1.0 : 0.0);
}


/* A text's length: len, or up to the terminating NUL when len is
 * FPL_NUL_TERMINATED (a NULL text keeps len: its check follows). */
static inline size_t fpl__text_len(const char *text, size_t len)
{
    if (text == NULL || len != FPL_NUL_TERMINATED) {
        return len;
    }
    size_t n = 0;
    while (text[n] != '\0') {
        ++n;
    }
    return n;
}

/* fpl_funnel_check(), then fpl_terms_check(): what every question about a
 * funnel and its terms checks first (terms.c). */
struct fpl_funnel;
struct fpl_terms;
fpl_status fpl__check_question(const struct fpl_funnel *funnel, const struct fpl_terms *terms,
                               fpl_error *err);

/* ---- errors: where a failure is ------------------------------------------
 * Every public function that can fail starts with fpl__begin(err) and
 * returns every status through fpl__done(err, st). A failure that no code
 * below described (err->status is not st) is described by the status's
 * own field (fpl__status_field), so every failure names a field when one
 * status can only be about one field; modules describe the rest (which
 * stage, which channel, which bytes) with fpl__fail and fpl__fail_at. */

/* The field a status is about when it can be about only one; FPL_FIELD_NONE
 * otherwise (status.c). */
fpl_field fpl__status_field(fpl_status st);

static inline void fpl__begin(fpl_error *err)
{
    if (err != NULL) {
        err->status = FPL_OK;
    }
}

/* Describes a failure: status, field and list entry (FPL_NO_INDEX: none). */
static inline fpl_status fpl__fail(fpl_error *err, fpl_status st, fpl_field field, size_t index)
{
    if (err != NULL) {
        err->status = st;
        err->field = field;
        err->index = index;
        err->offset = 0;
        err->length = 0;
        err->line = 0;
    }
    return st;
}

/* As fpl__fail, with the bytes at fault in the text parsed. */
static inline fpl_status fpl__fail_at(fpl_error *err, fpl_status st, fpl_field field, size_t index,
                                      size_t offset, size_t length)
{
    (void)fpl__fail(err, st, field, index);
    if (err != NULL) {
        err->offset = offset;
        err->length = length;
    }
    return st;
}

/* Returns st; a failure not yet described is described by its status. */
static inline fpl_status fpl__done(fpl_error *err, fpl_status st)
{
    if (st != FPL_OK && err != NULL && err->status != st) {
        (void)fpl__fail(err, st, fpl__status_field(st), FPL_NO_INDEX);
    }
    return st;
}

#endif /* FUNNELPLAN_INTERNAL_H */

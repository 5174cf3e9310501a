/*
 * funnelplan — months and dates as text: `2027-01`, `2027-03-15`.
 * SPDX-License-Identifier: MIT
 *
 * The inverse of fpl_month_parse() and fpl_date_parse(), written the way
 * C's "%04d-%02d" and "%04d-%02d-%02d" write them, without printf (so
 * without the locale) and into the caller's buffer like snprintf.
 */

#include "internal.h"

#include "funnelplan/format.h"

/* x as C's "%0*d" with this width: a '-' for a negative, then zeros up to
 * the width (the sign counts), then the digits. */
static void put_int(fpl__text *t, int x, size_t width)
{
    char digits[12];
    size_t i = sizeof digits;
    unsigned long magnitude = x < 0 ? 0ul - (unsigned long)x : (unsigned long)x;
    do {
        digits[--i] = (char)('0' + magnitude % 10u);
        magnitude /= 10u;
    } while (magnitude > 0);
    size_t len = (sizeof digits - i) + (x < 0 ? 1u : 0u);
    if (x < 0) {
        fpl__text_put(t, "-", 1);
    }
    for (; len < width; ++len) {
        fpl__text_put(t, "0", 1);
    }
    fpl__text_put(t, digits + i, sizeof digits - i);
}

/* out is written through t (clang-tidy sees only the copy of the pointer). */
// NOLINTNEXTLINE(readability-non-const-parameter)
size_t fpl_month_format(fpl_month month, char *out, size_t capacity)
{
    fpl__text t = {.buf = out, .capacity = out != NULL ? capacity : 0};
    put_int(&t, month.year, 4);
    fpl__text_put(&t, "-", 1);
    put_int(&t, month.month, 2);
    fpl__text_end(&t);
    return t.len;
}

// NOLINTNEXTLINE(readability-non-const-parameter)
size_t fpl_date_format(fpl_date date, char *out, size_t capacity)
{
    fpl__text t = {.buf = out, .capacity = out != NULL ? capacity : 0};
    put_int(&t, date.year, 4);
    fpl__text_put(&t, "-", 1);
    put_int(&t, date.month, 2);
    fpl__text_put(&t, "-", 1);
    put_int(&t, date.day, 2);
    fpl__text_end(&t);
    return t.len;
}

/*
 * funnelplan — hints: how to write what a refused text probably meant.
 * SPDX-License-Identifier: MIT
 *
 * fpl_error_message() says what is wrong; fpl_error_hint() says how to
 * write it, from the bytes at fault. One switch on the status, one small
 * function per kind of hint, so the CLI and Python print the same advice.
 */

#include "internal.h"

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
    if (h->length < h->capacity) {
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
    /* Above 1 and at most 100: 2 or 3 integer digits up to "100", or "1.x". */
    size_t first = 0;
    while (first + 1 < whole && s[first] == '0') {
        first++;
    }
    const size_t integer = whole - first;
    bool fraction_nonzero = false;
    for (size_t i = whole + 1; i < n; i++) {
        fraction_nonzero = fraction_nonzero || s[i] != '0';
    }
    const bool above_one = integer > 1 || s[first] > '1' || (s[first] == '1' && fraction_nonzero);
    const bool at_most_100 = integer < 3 || (integer == 3 && memcmp(s + first, "100", 3) == 0 &&
                                             !fraction_nonzero);
    if (above_one && at_most_100) {
        add(h, "did you mean ");
        add_n(h, s, n);
        add(h, "%?");
    }
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

size_t fpl_error_hint(const fpl_error *err, const char *text, size_t len, char *out,
                      size_t capacity)
{
    hint_text h = {out, capacity, 0};
    if (err != NULL && (text != NULL || len == 0)) {
        const char *part = text;
        size_t n = len;
        if (err->length > 0 && err->offset <= len && err->length <= len - err->offset) {
            part = text + err->offset;
            n = err->length;
        }
        switch (err->status) {
        case FPL_ERR_RATE_RANGE: rate_hint(&h, part, n); break;
        case FPL_ERR_VOLUME_PERIOD: volume_period_hint(&h, part, n); break;
        default: break;
        }
    }
    if (capacity > 0) {
        out[h.length < capacity ? h.length : capacity - 1] = '\0';
    }
    return h.length;
}

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
    double value = 0.0;
    double scale = 0.1;
    bool point = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            point = true;
        } else if (!point) {
            value = value * 10.0 + (s[i] - '0');
        } else {
            value += scale * (s[i] - '0');
            scale /= 10.0;
        }
    }
    if (value > 12.0) {
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

size_t fpl_error_hint(const fpl_error *err, const char *text, size_t len, char *out,
                      size_t capacity)
{
    hint_text h = {out, out != NULL ? capacity : 0, 0}; /* NULL: only the length */
    if (err != NULL && (text != NULL || len == 0)) {
        const char *part = text;
        size_t n = len;
        if (err->length > 0 && err->offset <= len && err->length <= len - err->offset) {
            part = text + err->offset;
            n = err->length;
        }
        switch (err->status) {
        case FPL_ERR_RATE_RANGE: rate_hint(&h, part, n); break;
        case FPL_ERR_ELAPSED:
            if (n == len) { /* a share, not the number of a month count */
                elapsed_hint(&h, part, n);
            }
            break;
        case FPL_ERR_VOLUME_PERIOD: volume_period_hint(&h, part, n); break;
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

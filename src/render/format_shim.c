/*
 * funnelplan — TEMPORARY stand-in for the exact number formatter.
 * SPDX-License-Identifier: MIT
 *
 * TEMPORARY: replaced by the exact formatter at merge (with
 * include/funnelplan/format.h). It is the CLI's former cli_fmt_json_number
 * as it was: snprintf and strtod, which the library otherwise never calls
 * (tests/check_symbols.py lets these two imports through until then). One
 * change: it keeps only the digits of snprintf's text, so a host whose
 * locale has another decimal point (a Python program in de_DE) gets the
 * same text; snprintf and strtod agree with each other in any locale.
 */

#include "funnelplan/format.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_number(char out[FPL_NUMBER_MAX], double x)
{
    if (!isfinite(x)) {
        strcpy(out, "null");
        return;
    }
    /* The shortest precision that reads back exactly. */
    char sci[64];
    for (int p = 1; p <= 17; ++p) {
        snprintf(sci, sizeof sci, "%.*e", p - 1, x);
        const double back = strtod(sci, NULL);
        if (!(back < x) && !(back > x)) {
            break;
        }
    }
    /* sci is "[-]d[.ddd]e[+-]XX": take its digits and exponent apart. */
    const char *s = sci;
    char *o = out;
    if (*s == '-') {
        *o++ = *s++;
    }
    char digits[32];
    size_t nd = 0;
    for (; *s != 'e'; ++s) {
        if (*s >= '0' && *s <= '9') { /* not the decimal point, whatever the locale's */
            digits[nd++] = *s;
        }
    }
    const bool e_negative = s[1] == '-';
    int e = 0;
    for (const char *d = s + 2; *d != '\0'; ++d) {
        e = e * 10 + (*d - '0');
    }
    if (e_negative) {
        e = -e;
    }
    while (nd > 1 && digits[nd - 1] == '0') {
        nd--;
    }
    const int n = (int)nd;
    if (e >= -7 && e < 21) {
        if (e >= n - 1) {
            memcpy(o, digits, nd);
            o += nd;
            for (int i = 0; i < e - (n - 1); ++i) {
                *o++ = '0';
            }
        } else if (e >= 0) {
            memcpy(o, digits, (size_t)e + 1);
            o += e + 1;
            *o++ = '.';
            memcpy(o, digits + e + 1, nd - (size_t)e - 1);
            o += nd - (size_t)e - 1;
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -e - 1; ++i) {
                *o++ = '0';
            }
            memcpy(o, digits, nd);
            o += nd;
        }
        *o = '\0';
    } else {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, nd - 1);
            o += nd - 1;
        }
        snprintf(o, 16, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
}

size_t fpl_format_number(double x, fpl_number_style style, char *out, size_t capacity)
{
    char text[FPL_NUMBER_MAX];
    (void)style; /* FPL_NUMBER_JSON is the only style so far */
    json_number(text, x);
    size_t len = strlen(text);
    if (capacity > 0 && out != NULL) {
        size_t n = len < capacity - 1 ? len : capacity - 1;
        memcpy(out, text, n);
        out[n] = '\0';
    }
    return len;
}

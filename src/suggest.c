/*
 * funnelplan — did you mean: the candidate a mistyped name probably meant.
 * SPDX-License-Identifier: MIT
 *
 * One rule for every face and every kind of name (commands, options,
 * stages): ASCII case-insensitive optimal-string-alignment distance within
 * a bound that grows with the text, else a unique prefix. No allocation:
 * the distance runs on three rows of a fixed size.
 */

#include "internal.h"

#include "funnelplan/funnel.h"

#include <string.h>

/* Longest text or name the distance is computed for. */
#define SUGGEST_MAX 128

static size_t min2(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Optimal-string-alignment distance between a[0, la) and b[0, lb), both at
 * most SUGGEST_MAX bytes, case-insensitive for ASCII letters. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t rows[3][SUGGEST_MAX + 1];
    size_t *before = rows[0]; /* row i - 2 */
    size_t *prev = rows[1];   /* row i - 1 */
    size_t *cur = rows[2];
    for (size_t j = 0; j <= lb; ++j) {
        prev[j] = j;
    }
    for (size_t i = 1; i <= la; ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; ++j) {
            const size_t cost = fpl__lower_ascii(a[i - 1]) != fpl__lower_ascii(b[j - 1]);
            size_t d = min2(min2(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            if (i > 1 && j > 1 && fpl__lower_ascii(a[i - 1]) == fpl__lower_ascii(b[j - 2]) &&
                fpl__lower_ascii(a[i - 2]) == fpl__lower_ascii(b[j - 1])) {
                d = min2(d, before[j - 2] + 1);
            }
            cur[j] = d;
        }
        size_t *t = before;
        before = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

static bool starts_with(const char *name, size_t name_len, const char *typed, size_t len)
{
    if (len > name_len) {
        return false;
    }
    for (size_t i = 0; i < len; ++i) {
        if (fpl__lower_ascii(name[i]) != fpl__lower_ascii(typed[i])) {
            return false;
        }
    }
    return true;
}

size_t fpl_suggest(const char *typed, size_t len, const char *const *candidates, size_t n)
{
    if (typed == NULL || len == 0 || candidates == NULL) {
        return FPL_NO_INDEX;
    }
    const size_t bound = len <= 2 ? 0 : len <= 5 ? 1 : 2;
    size_t best = FPL_NO_INDEX;
    size_t best_distance = bound + 1;
    size_t prefixed = FPL_NO_INDEX;
    size_t n_prefixed = 0;
    for (size_t k = 0; k < n; ++k) {
        const char *name = candidates[k];
        if (name == NULL) {
            continue;
        }
        const size_t name_len = strlen(name);
        if (len <= SUGGEST_MAX && name_len <= SUGGEST_MAX &&
            (name_len > len ? name_len - len : len - name_len) <= bound) {
            const size_t d = distance(typed, len, name, name_len);
            if (d < best_distance) {
                best = k;
                best_distance = d;
            }
        }
        if (len >= 3 && starts_with(name, name_len, typed, len)) {
            prefixed = k;
            n_prefixed++;
        }
    }
    if (best != FPL_NO_INDEX) {
        return best;
    }
    return n_prefixed == 1 ? prefixed : FPL_NO_INDEX;
}

/*
 * funnelplan — what every cmocka test file shares.
 * SPDX-License-Identifier: MIT
 */

#ifndef FPL_TEST_H
#define FPL_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "funnelplan.h"

/*
 * cmocka 1.1.5 compares only floats; this compares doubles with a relative
 * tolerance and reports both values and where it failed.
 */
static inline void fpl_assert_close_at(double got, double want, double rel, const char *expr,
                                       const char *file, int line)
{
    double diff = fabs(got - want);
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    if (!(diff <= rel * scale)) {
        print_error("%s = %.17g, want %.17g (relative tolerance %g)\n", expr, got, want, rel);
        _fail(file, line);
    }
}
#define assert_close(got, want) fpl_assert_close_at((got), (want), 1e-12, #got, __FILE__, __LINE__)
#define assert_close_rel(got, want, rel) \
    fpl_assert_close_at((got), (want), (rel), #got, __FILE__, __LINE__)

/* Exact equality of doubles, spelled out so -Wfloat-equal stays quiet. */
#define assert_same_double(got, want) \
    fpl_assert_close_at((got), (want), 0.0, #got, __FILE__, __LINE__)

/* Parses with a string literal's length. */
#define PARSE_AMOUNT(lit, out) fpl_parse_amount((lit), sizeof(lit) - 1, (out))
#define PARSE_RATE(lit, out) fpl_parse_rate((lit), sizeof(lit) - 1, (out))

/* Appends a stage named by a C string, asserting success. */
static inline void fpl_test_add(fpl_funnel *f, const char *name, double rate)
{
    assert_int_equal(fpl_funnel_add_stage(f, name, strlen(name), rate), FPL_OK);
}

#endif /* FPL_TEST_H */

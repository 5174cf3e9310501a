/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file parse.h
 * @brief Locale-independent parsers for amounts, counts and rates.
 */

#ifndef FUNNELPLAN_PARSE_H
#define FUNNELPLAN_PARSE_H

#include "funnelplan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup parse Parsing numbers
 * @brief The one parser the CLI, Python and embedding applications share.
 *
 * Both parsers read the same way in every locale and round correctly: the
 * result is the double nearest to the decimal value written (ties to even),
 * whatever the number of digits. They accept no white space and no sign
 * other than a leading `-`, which is refused with ::FPL_ERR_PARSE_NEGATIVE
 * (so the message can say what was wrong). Input is a byte string with a
 * length, so embedded NUL bytes are seen (and refused), not silently cut.
 * @{
 */

/**
 * @brief Reads an amount or a count.
 *
 * Accepted forms: `1000000`, `1e6`, `1E-3`, `0.5`, `.5`, `1_000_000`
 * (single underscores between digits), `1,000,000` (commas in groups of
 * exactly three, so `1,5` and `1,,000` are refused), and a final suffix
 * `k`/`K` (thousand), `m`/`M` (million) or `b`/`B` (billion): `250k`,
 * `1.5M`, `2B`. A suffix and an exponent do not mix. The suffix scales the
 * decimal value exactly before rounding, so `1.1k` is the double nearest to
 * 1100.
 *
 * @code
 * double v;
 * fpl_status s = fpl_parse_amount("1.5M", 4, &v, NULL);   // FPL_OK, v == 1500000
 * @endcode
 *
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the value (finite, >= 0), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY;
 *   ::FPL_ERR_PARSE_SYNTAX; ::FPL_ERR_PARSE_GROUPING;
 *   ::FPL_ERR_PARSE_NEGATIVE; ::FPL_ERR_PARSE_OVERFLOW;
 *   ::FPL_ERR_PARSE_UNDERFLOW when a non-zero value rounds to zero.
 */
FPL_API fpl_status fpl_parse_amount(const char *text, size_t len, double *out, fpl_error *err);

/**
 * @brief Reads a rate as a fraction.
 *
 * Accepted forms: a percentage `12%`, `12.5%` (the decimal value divided by
 * 100 exactly, so `29%` is the same double as `0.29`); a plain fraction
 * `0.12`; either of these with an exponent (`1.2e-1`, `1e-3%`), for the
 * tiny rates of long funnels; a ratio `1/3` of two plain decimals (digits, a point and digits,
 * no grouping, suffix or exponent), computed as one correctly rounded
 * division, so `33/100` equals `0.33`. The range is not checked here: a
 * funnel stage checks (0, 1] itself, so `150%` parses to 1.5.
 *
 * @code
 * double r;
 * fpl_status s = fpl_parse_rate("1/3", 3, &r, NULL);   // FPL_OK, r == 1.0 / 3.0
 * @endcode
 *
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the rate (finite, >= 0), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY;
 *   ::FPL_ERR_PARSE_SYNTAX; ::FPL_ERR_PARSE_NEGATIVE;
 *   ::FPL_ERR_PARSE_OVERFLOW; ::FPL_ERR_PARSE_UNDERFLOW;
 *   ::FPL_ERR_PARSE_DIVZERO.
 */
FPL_API fpl_status fpl_parse_rate(const char *text, size_t len, double *out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_PARSE_H */

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
 * Refused because a person may have meant something else:
 * - a number that reads two ways, ::FPL_ERR_PARSE_AMBIGUOUS: one to three
 *   integer digits (not starting with 0), a point and exactly three
 *   decimals, with or without a suffix: `8.000` and `1.250M` are eight and
 *   1.25 million in English, eight thousand and 1250 million in most of
 *   Europe. `8000`, `8.0`, `0.250`, `1000.500`, `1,000.500` and `8.000e0`
 *   read one way and are accepted;
 * - a decimal comma, ::FPL_ERR_PARSE_GROUPING: `0,25`, `1,5` and `0,250`
 *   (a first group of 0 is no thousands group).
 * A comma followed by exactly three digits (`1,500`) is a thousands group:
 * the documented form, and a decimal comma with exactly three decimals is
 * no way to write money or a count.
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
 *   ::FPL_ERR_PARSE_AMBIGUOUS; ::FPL_ERR_PARSE_NEGATIVE;
 *   ::FPL_ERR_PARSE_OVERFLOW; ::FPL_ERR_PARSE_UNDERFLOW when a non-zero
 *   value rounds to zero.
 */
FPL_API fpl_status fpl_parse_amount(const char *text, size_t len, double *out, fpl_error *err);

/**
 * @brief Reads a count: a number of deals, leads or units.
 *
 * The forms of fpl_parse_amount(), and one more refusal: a value above
 * 2^53 (::FPL_WHOLE_MAX), where not every whole number is a double, is
 * ::FPL_ERR_PARSE_COUNT_MAX. The bound is decided exactly from the digits
 * written, before rounding, so `9007199254740993` (which rounds to 2^53),
 * `9007199254740992.5` and `1e16` are refused and `9007199254740992` and
 * `9.007199254740992e15` are accepted. A count need not be whole here (a
 * target of 2.5 deals a month is an average); what must be whole says so
 * itself (::FPL_ERR_VOLUME_WHOLE).
 *
 * @code
 * double n;
 * fpl_status s = fpl_parse_count("9007199254740993", 16, &n, NULL); // FPL_ERR_PARSE_COUNT_MAX
 * @endcode
 *
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the value (finite, from 0 to 2^53), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return the statuses of fpl_parse_amount(), and ::FPL_ERR_PARSE_COUNT_MAX.
 */
FPL_API fpl_status fpl_parse_count(const char *text, size_t len, double *out, fpl_error *err);

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
 * A rate has no digit grouping, so `12.500%` and `0.125` read one way
 * only (12.5%): twelve thousand five hundred percent is no rate, and a
 * plain `1.500` is out of range whichever way it is read. A decimal comma
 * (`0,25`, `12,5%`) is ::FPL_ERR_PARSE_SYNTAX, and fpl_error_hint() says
 * `write 0.25 or 25%`.
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

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file format.h
 * @brief Numbers as text, exactly and without the locale: the shortest JSON
 * form that reads back, amounts with thousands separators, percentages,
 * chances, and the `%.*f` and `%.*e` forms they are built from; months and
 * dates as `YYYY-MM` and `YYYY-MM-DD`.
 */

#ifndef FUNNELPLAN_FORMAT_H
#define FUNNELPLAN_FORMAT_H

#include "funnelplan/common.h"
#include "funnelplan/schedule.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup format Format
 * @brief One text for a number, the same for C, the CLI and Python.
 *
 * Every function here converts the exact binary value of a double to
 * decimal (a small fixed-size big integer on the stack: no allocation, no
 * `printf`, no locale) and rounds it half to even, as glibc's `printf`
 * does in the C locale. The decimal point is always `.`, the thousands
 * separator always `,`.
 *
 * Buffers follow `snprintf`: each function returns the length of the whole
 * text, writes at most `capacity` bytes including the terminating NUL
 * (always written when `capacity > 0`), and `out` may be NULL when
 * `capacity` is 0. A buffer of ::FPL_NUMBER_MAX bytes always suffices.
 *
 * @code
 * char text[FPL_NUMBER_MAX];
 * fpl_format_number(1304000.0, FPL_NUMBER_AMOUNT, text, sizeof text);  // "1,304,000"
 * fpl_format_number(0.1, FPL_NUMBER_JSON, text, sizeof text);          // "0.1"
 * fpl_format_number(0.546, FPL_NUMBER_CHANCE, text, sizeof text);      // "54.6%"
 * @endcode
 * @{
 */

/**
 * Bytes that always hold a formatted number and its NUL: the longest text is
 * ::FPL_FORMAT_DECIMALS_MAX decimals after the 309 digits of `DBL_MAX`,
 * grouped, with a sign.
 */
#define FPL_NUMBER_MAX 512

/** Most decimals fpl_format_fixed() and fpl_format_exponent() write. */
#define FPL_FORMAT_DECIMALS_MAX 40

/**
 * @brief How fpl_format_number() writes a double.
 *
 * Values are stable: styles added later are appended. "Two decimals" below
 * means ::FPL_NUMBER_FIXED2: `-0.00` is written `0.00`, NaN `nan`, the
 * infinities `inf` and `-inf`.
 *
 * Every style has a bounded width: a finite value of 1e21 or more in
 * magnitude (for the percentage styles, the percentage) is written in
 * the exponent form of ::FPL_NUMBER_JSON, `1e+300`, `+2.5e+22`, `1e+21%`,
 * never as hundreds of digits; no style writes more than 32 bytes.
 */
typedef enum fpl_number_style {
    /** The shortest decimal of at most 17 significant digits that reads back
     * to the same double (the correctly rounded one for the fewest digits),
     * positional for 1e-7 <= |x| < 1e21 (`0.1`, `1304000`, `-0`), else in
     * exponent form (`1e+21`, `1.5e-8`); `null` for NaN and the infinities. */
    FPL_NUMBER_JSON = 0,
    /** Two decimals with thousands separators: `1,304,000.00`, `0.33`. */
    FPL_NUMBER_FIXED2,
    /** As ::FPL_NUMBER_FIXED2 with `.00` dropped: `1,000,000`, `1.67`, `2.50`. */
    FPL_NUMBER_AMOUNT,
    /** As ::FPL_NUMBER_FIXED2 with trailing zeros dropped: `326.7`, `297`. */
    FPL_NUMBER_TRIMMED,
    /** As ::FPL_NUMBER_TRIMMED with `+` before a positive value that does not
     * show as `0`: `+9,900`, `-2,500`, `0`. */
    FPL_NUMBER_SIGNED,
    /** A whole count from 0 to 2^53 with separators (`1,234`), anything else
     * as ::FPL_NUMBER_FIXED2. */
    FPL_NUMBER_WHOLE,
    /** A fraction as a percentage with up to four decimals, trailing zeros
     * dropped, no separators: `12.5%`, `100%`; `<0.0001%` for a positive
     * fraction that would show as `0%`. */
    FPL_NUMBER_PERCENT,
    /** A probability as a percentage with one decimal: `54.6%`; `<0.1%` for a
     * positive chance that would show as `0.0%`, `>99.9%` for a chance below
     * one that would show as `100.0%`. */
    FPL_NUMBER_CHANCE,
    /** A relative change (0.1 for ten percent) as a signed percentage with up
     * to two decimals, the rules of ::FPL_NUMBER_SIGNED: `+10%`, `-2.5%`,
     * `0%`. */
    FPL_NUMBER_RELATIVE,
    /** One decimal, `.0` dropped, no separators: `3`, `1.5`; `<0.1` for a
     * positive value that would show as `0` (months, coverage). */
    FPL_NUMBER_TENTHS,
    /** A drawing coordinate: one decimal, `.0` dropped, no separators, and
     * `-0` written `0`: `12.5`, `300`. */
    FPL_NUMBER_COORDINATE
} fpl_number_style;

/** Number of ::fpl_number_style values (one past the last). */
#define FPL_NUMBER_STYLE_COUNT ((int)FPL_NUMBER_COORDINATE + 1)

/**
 * @brief Writes a double in one of the styles of ::fpl_number_style.
 * @param[in] x the number.
 * @param[in] style the style; an unknown style writes the empty text.
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_NUMBER_MAX always suffices.
 * @return the length of the whole text, without the NUL (as `snprintf`).
 *
 * @code
 * char text[FPL_NUMBER_MAX];
 * fpl_format_number(0.125, FPL_NUMBER_FIXED2, text, sizeof text);  // "0.12"
 * fpl_format_number(-2500.0, FPL_NUMBER_SIGNED, text, sizeof text); // "-2,500"
 * @endcode
 */
FPL_API size_t fpl_format_number(double x, fpl_number_style style, char *out, size_t capacity);

/**
 * @brief Writes a whole count with thousands separators: `1,234,567`.
 * @param[in] n the count.
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; 27 always suffice.
 * @return the length of the whole text, without the NUL.
 */
FPL_API size_t fpl_format_count(uint64_t n, char *out, size_t capacity);

/**
 * @brief Writes a double as C's `"%.*f"` does in the C locale, optionally
 * with thousands separators.
 *
 * The exact value rounded half to even at `decimals` decimals; the sign is
 * kept (`-0.00`), NaN is `nan` or `-nan` by its sign bit, the infinities
 * `inf` and `-inf`.
 * @param[in] x the number.
 * @param[in] decimals decimals after the point, 0 to
 * ::FPL_FORMAT_DECIMALS_MAX (clamped to that range); no point for 0.
 * @param[in] group true for a `,` between groups of three integer digits.
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_NUMBER_MAX always suffices.
 * @return the length of the whole text, without the NUL.
 */
FPL_API size_t fpl_format_fixed(double x, int decimals, bool group, char *out, size_t capacity);

/**
 * @brief Writes a double as C's `"%.*e"` does in the C locale: `1.250e+03`.
 *
 * The exact value rounded half to even at `decimals + 1` significant digits;
 * at least two exponent digits; signs, NaN and the infinities as
 * fpl_format_fixed().
 * @param[in] x the number.
 * @param[in] decimals digits after the point, 0 to ::FPL_FORMAT_DECIMALS_MAX
 * (clamped to that range).
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_NUMBER_MAX always suffices.
 * @return the length of the whole text, without the NUL.
 */
FPL_API size_t fpl_format_exponent(double x, int decimals, char *out, size_t capacity);

/**
 * Bytes that always hold a month or a date written by fpl_month_format() or
 * fpl_date_format() and its NUL, whatever ints they hold (`YYYY-MM-DD`
 * needs 11).
 */
#define FPL_CALENDAR_TEXT_MAX 36

/**
 * @brief Writes a calendar month as `YYYY-MM` (`2027-01`), the text
 * fpl_month_parse() reads: C's `"%04d-%02d"`, without the locale.
 * @param[in] month the month (years 1 to 9999 give `YYYY-MM`; other values
 * are written as `%04d-%02d` would write them).
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_CALENDAR_TEXT_MAX always suffices.
 * @return the length of the whole text, without the NUL (as `snprintf`).
 */
FPL_API size_t fpl_month_format(fpl_month month, char *out, size_t capacity);

/**
 * @brief Writes a date as `YYYY-MM-DD` (`2027-03-15`), the text
 * fpl_date_parse() reads: C's `"%04d-%02d-%02d"`, without the locale.
 * @param[in] date the date.
 * @param[out] out the text, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_CALENDAR_TEXT_MAX always suffices.
 * @return the length of the whole text, without the NUL.
 */
FPL_API size_t fpl_date_format(fpl_date date, char *out, size_t capacity);

/**
 * @brief Writes a text as one printable line, the way the score table shows
 * an id and the command line shows a value in a message: `\\`, `\n`, `\r`
 * and `\t` escaped, every other control character (C0, DEL, C1) and every
 * byte that does not begin valid UTF-8 (fpl_utf8_next()) as `\xNN`.
 * @param[in] text the text, NUL-terminated (NULL is empty).
 * @param[out] out the line, NUL-terminated, cut to `capacity` bytes; may be
 * NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; 4 times the text's length plus 1
 * always suffice.
 * @param[out] cells_out the line's width in character cells (one per
 * UTF-8 sequence), what a table pads it to; may be NULL.
 * @return the length of the whole line, without the NUL (as `snprintf`).
 */
FPL_API size_t fpl_format_escaped(const char *text, char *out, size_t capacity,
                                  size_t *cells_out);

/** Most bytes of a text that fpl_format_excerpt() quotes. */
#define FPL_EXCERPT_MAX 80

/** Bytes that always hold an excerpt of fpl_format_excerpt() and its NUL. */
#define FPL_EXCERPT_TEXT_MAX (4 * FPL_EXCERPT_MAX + 4)

/**
 * @brief Writes the start of a text as a message quotes what was typed:
 * at most ::FPL_EXCERPT_MAX bytes, cut before the first UTF-8 sequence that
 * would pass them (an invalid byte counts as one), escaped as
 * fpl_format_escaped() escapes, followed by `...` when something was cut.
 * So a 100 KB value is never echoed whole, and the excerpt is always a
 * line of valid UTF-8.
 * @param[in] text the text; need not be NUL-terminated (NULL is empty).
 * @param[in] len its length in bytes (::FPL_NUL_TERMINATED: up to its NUL).
 * @param[out] out the excerpt, NUL-terminated, cut to `capacity` bytes; may
 * be NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_EXCERPT_TEXT_MAX always suffices.
 * @return the length of the whole excerpt, without the NUL.
 */
FPL_API size_t fpl_format_excerpt(const char *text, size_t len, char *out, size_t capacity);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_FORMAT_H */

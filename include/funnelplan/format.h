/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 *
 * TEMPORARY: this header and src/render/format_shim.c stand in for the
 * library's exact number formatter, written on another branch with this very
 * API; both files are replaced by it at merge. Nothing else depends on more
 * than what is declared here.
 */

/**
 * @file format.h
 * @brief Numbers as text, the same on every host whatever its locale.
 */

#ifndef FUNNELPLAN_FORMAT_H
#define FUNNELPLAN_FORMAT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup format Number formats
 * @brief A double as text, without the host's locale.
 * @{
 */

/** A size for the text of any number in any style, NUL included. */
#define FPL_NUMBER_MAX 512

/** How a number is written. */
typedef enum fpl_number_style {
    FPL_NUMBER_JSON = 0 ///< the shortest text that reads back to the same double, as JSON writes it (`0.1`, `20000`, `1e+21`); `null` when not finite
} fpl_number_style;

/**
 * @brief Writes a number as text, like `snprintf`: at most @p capacity − 1
 * bytes and a NUL (nothing when @p capacity is 0).
 * @code
 * char text[FPL_NUMBER_MAX];
 * fpl_format_number(0.1, FPL_NUMBER_JSON, text, sizeof text); // "0.1"
 * @endcode
 * @param[in] x the number.
 * @param[in] style how to write it.
 * @param[out] out where the text goes (may be NULL when @p capacity is 0).
 * @param[in] capacity the size of @p out in bytes.
 * @return the length of the whole text, NUL not counted (it was cut when
 *   that is @p capacity or more).
 */
FPL_API size_t fpl_format_number(double x, fpl_number_style style, char *out, size_t capacity);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_FORMAT_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file funnel.h
 * @brief A funnel: named stages with conversion rates, top first.
 */

#ifndef FUNNELPLAN_FUNNEL_H
#define FUNNELPLAN_FUNNEL_H

#include "funnelplan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup funnel Funnel
 * @brief Building and checking a funnel.
 *
 * A funnel is 1 to ::FPL_MAX_STAGES stages, top first. A stage's rate is the
 * fraction of the units entering it that reach the next stage; the last
 * stage's rate is its win rate. Rates are in (0, 1]. Names are 1 to
 * ::FPL_NAME_MAX bytes of UTF-8 without control characters, unique, and not
 * one of the reserved words `won`, `deal-size`, `volume`, `cost-per-lead`.
 *
 * A zero-initialised ::fpl_funnel is an empty funnel; fill it with
 * fpl_funnel_add_stage(), which checks each stage as it comes, or write the
 * fields yourself and call fpl_funnel_check().
 *
 * @code
 * fpl_funnel f = {0};
 * fpl_error err;
 * if (fpl_funnel_add_stage(&f, "lead", 4, 0.01, &err) != FPL_OK ||
 *     fpl_funnel_add_stage(&f, "accepted", 8, 0.10, &err) != FPL_OK) {
 *     // err.index: the stage; err.offset, err.length: the bytes of its name at fault
 * }
 * @endcode
 * @{
 */

/** One stage of a funnel. */
typedef struct fpl_stage {
    char name[FPL_NAME_MAX + 1]; ///< NUL-terminated UTF-8 name
    double rate;                 ///< conversion rate to the next stage, in (0, 1]
} fpl_stage;

/** A funnel: stages top first. Zero-initialised, it is empty. */
typedef struct fpl_funnel {
    size_t n_stages;                   ///< number of stages in use
    fpl_stage stages[FPL_MAX_STAGES];  ///< the stages, top first
} fpl_funnel;

/**
 * @brief Checks a stage name on its own (length, UTF-8, control characters,
 * reserved words).
 * @param[in] name the name; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or one of the ::FPL_ERR_STAGE_NAME_EMPTY
 *   ... ::FPL_ERR_STAGE_NAME_RESERVED statuses.
 */
FPL_API fpl_status fpl_stage_name_check(const char *name, size_t len, fpl_error *err);

/**
 * @brief Appends a stage below the existing ones, after checking it.
 * @param[in,out] funnel the funnel; unchanged on failure.
 * @param[in] name the stage's name; need not be NUL-terminated.
 * @param[in] name_len the name's length in bytes.
 * @param[in] rate the stage's conversion rate, in (0, 1].
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the funnel is
 *   full (or its count is corrupt); a name status; ::FPL_ERR_STAGE_DUPLICATE;
 *   ::FPL_ERR_RATE_RANGE.
 */
FPL_API fpl_status fpl_funnel_add_stage(fpl_funnel *funnel, const char *name, size_t name_len,
                                        double rate, fpl_error *err);

/**
 * @brief Checks a whole funnel, as every calculation does first.
 * @param[in] funnel the funnel.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or the first fault found: ::FPL_ERR_NULL,
 *   ::FPL_ERR_STAGE_COUNT, a name status, ::FPL_ERR_STAGE_DUPLICATE,
 *   ::FPL_ERR_RATE_RANGE.
 */
FPL_API fpl_status fpl_funnel_check(const fpl_funnel *funnel, fpl_error *err);

/**
 * @brief Finds a stage by name (exact, byte for byte).
 * @param[in] funnel the funnel.
 * @param[in] name the name; need not be NUL-terminated.
 * @param[in] name_len its length in bytes.
 * @param[out] index_out the stage's index (top is 0), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_STAGE_COUNT or
 *   ::FPL_ERR_STAGE_UNKNOWN.
 */
FPL_API fpl_status fpl_funnel_find(const fpl_funnel *funnel, const char *name, size_t name_len,
                                   size_t *index_out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_FUNNEL_H */

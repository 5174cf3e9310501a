/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file limits.h
 * @brief The limits and defaults of every input, queryable.
 *
 * Each module states its ranges and defaults once; this header lets a face
 * ask for them instead of restating them (the way zstd answers
 * `ZSTD_cParam_getBounds`): a command line's help text, a binding's
 * validation, a form's bounds.
 */

#ifndef FUNNELPLAN_LIMITS_H
#define FUNNELPLAN_LIMITS_H

#include "funnelplan/common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup limits Limits and defaults
 * @brief The least, greatest and default value of each limited input.
 *
 * @code
 * fpl_bounds b = fpl_limit_bounds(FPL_LIMIT_TRIALS);
 * // b.min_whole == 1, b.max_whole == 10000000, b.default_whole == 10000
 * fpl_error err;
 * if (fpl_limit_check(FPL_LIMIT_CHANGES, 41, 40, &err) != FPL_OK) {
 *     // err.status == FPL_ERR_CHANGE_COUNT, err.field == FPL_FIELD_CHANGE, err.index == 40
 * }
 * @endcode
 *
 * Thread safety: no state; every function is reentrant.
 * @{
 */

/**
 * @brief A limited input. Values are stable: limits added later are
 * appended.
 */
typedef enum fpl_limit {
    FPL_LIMIT_STAGES = 0,          ///< stages of a funnel: 1 to ::FPL_MAX_STAGES
    FPL_LIMIT_CHANGES,             ///< changes of one what-if: 0 to ::FPL_MAX_CHANGES
    FPL_LIMIT_HORIZON,             ///< what-if horizon in periods: 1 to ::FPL_HORIZON_MAX; no fixed default (the periods in a year)
    FPL_LIMIT_CONFIDENCE_LEVELS,   ///< confidence levels asked besides the standard ones: 0 to ::FPL_ODDS_MAX_REQUESTED
    FPL_LIMIT_CONFIDENCE,          ///< a confidence level: a rate above 0% and below 100%
    FPL_LIMIT_TRIALS,              ///< Monte Carlo trials: 1 to ::FPL_ODDS_TRIALS_MAX, default ::FPL_ODDS_TRIALS_DEFAULT
    FPL_LIMIT_SEED,                ///< Monte Carlo seed: any `uint64_t`, default ::FPL_ODDS_SEED_DEFAULT
    FPL_LIMIT_DEAL_SIZE_CV,        ///< deal-size variation: ::FPL_ODDS_CV_MIN to ::FPL_ODDS_CV_MAX, or its default 0 (fixed sizes)
    FPL_LIMIT_CHANNELS,            ///< channels of one question: 1 to ::FPL_MAX_CHANNELS
    FPL_LIMIT_MONTHS,              ///< months of a schedule: 1 to ::FPL_SCHEDULE_MAX_MONTHS, default 12
    FPL_LIMIT_SEASONALITY_WEIGHTS, ///< seasonal weights: exactly 12, January first
    FPL_LIMIT_LAG,                 ///< the lags of a funnel in months: 0 (the default) up to ::FPL_SCHEDULE_MAX_LEAD added up
    FPL_LIMIT_ATTAINMENT,          ///< quota attainment: a rate above 0%, at most 100% (the default)
    FPL_LIMIT_AT_RISK,             ///< pace at-risk threshold: a rate above 0%, at most 1000%, default ::FPL_PACE_AT_RISK_DEFAULT
    FPL_LIMIT_OFF_TRACK,           ///< pace off-track threshold: as at-risk (and at most it), default ::FPL_PACE_OFF_TRACK_DEFAULT
    FPL_LIMIT_CRITERIA,            ///< criteria of a score: 1 to ::FPL_MAX_CRITERIA
    FPL_LIMIT_HOT,                 ///< the score from which a lead is hot: above 0, at most 100, default ::FPL_SCORE_HOT_DEFAULT
    FPL_LIMIT_WARM,                ///< the score from which a lead is warm: above 0, at most hot, default ::FPL_SCORE_WARM_DEFAULT
    FPL_LIMIT_MARGIN,              ///< gross margin: a rate above 0%, at most 100% (the default)
    FPL_LIMIT_STEP,                ///< sensitivity step of the rates: above 0, default 1 percentage point (0.01)
    FPL_LIMIT_DEAL_SIZE_STEP,      ///< sensitivity step of the deal size: above 0, default +10% (0.10)
    FPL_LIMIT_SEGMENTS             ///< segments of a lead mix: 1 to ::FPL_MAX_SEGMENTS
} fpl_limit;

/** Number of ::fpl_limit values (one past the last). */
#define FPL_LIMIT_COUNT ((int)FPL_LIMIT_SEGMENTS + 1)

/** @brief What a limited value is, and so how a face shows its bounds. */
typedef enum fpl_bound_kind {
    FPL_BOUND_WHOLE = 0, ///< a whole count: the `_whole` fields hold the bounds exactly
    FPL_BOUND_NUMBER,    ///< a number (a score, a variation, months)
    FPL_BOUND_RATE       ///< a rate, as a fraction: 0.95 is 95%
} fpl_bound_kind;

/**
 * @brief The least, greatest and default value of a limited input.
 *
 * The doubles hold every bound; for ::FPL_BOUND_WHOLE the `_whole` fields
 * hold them exactly too (a double rounds the seed's 2^64 − 1 up). The
 * struct is returned by value and grows only with a major version (the ABI
 * rule of @ref common).
 */
typedef struct fpl_bounds {
    fpl_bound_kind kind; ///< what the value is
    double min;          ///< the least value allowed (see min_excluded)
    double max;          ///< the greatest value allowed (see max_excluded)
    bool min_excluded;   ///< min itself is refused: the value must be above it
    bool max_excluded;   ///< max itself is refused: the value must be below it
    bool has_default;    ///< default_value is the value used when none is given
    double default_value; ///< the default; 0 when has_default is false
    uint64_t min_whole;  ///< min exactly, for ::FPL_BOUND_WHOLE (0 otherwise)
    uint64_t max_whole;  ///< max exactly, for ::FPL_BOUND_WHOLE (0 otherwise)
    uint64_t default_whole;  ///< default_value exactly, for ::FPL_BOUND_WHOLE (0 otherwise)
} fpl_bounds;

/**
 * @brief The bounds and the default of a limited input.
 * @param[in] limit the input.
 * @return its bounds; all zero for a value outside the enum.
 */
FPL_API fpl_bounds fpl_limit_bounds(fpl_limit limit);

/**
 * @brief The name of a limit: `"stages"`, `"trials"`, `"at_risk"`, ...
 *
 * Lower case with underscores, as fpl_field_name() names fields.
 * @param[in] limit any value.
 * @return a static string; NULL for a value outside the enum.
 */
FPL_API const char *fpl_limit_name(fpl_limit limit);

/**
 * @brief Checks a value against a limit, with the status and field the
 * library refuses it with.
 *
 * The value must lie within the bounds (a whole number for
 * ::FPL_BOUND_WHOLE); a default outside them (the variation's 0) is
 * allowed too. A count limit is checked with the count a list would reach:
 * `fpl_limit_check(FPL_LIMIT_CHANNELS, n + 1, n, &err)` before adding the
 * entry at index n.
 * @param[in] limit the input.
 * @param[in] value the value, or the count of a list.
 * @param[in] index the entry of a list the value is about, for the error
 *   (::FPL_NO_INDEX when none).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   limit's field and @p index.
 * @return ::FPL_OK; else the status of the limit (::FPL_ERR_STAGE_COUNT,
 *   ::FPL_ERR_CHANGE_COUNT, ::FPL_ERR_HORIZON, ::FPL_ERR_CONFIDENCE_COUNT,
 *   ::FPL_ERR_CONFIDENCE, ::FPL_ERR_TRIALS, ::FPL_ERR_PARSE_OVERFLOW (seed),
 *   ::FPL_ERR_VARIATION, ::FPL_ERR_CHANNEL_COUNT, ::FPL_ERR_MONTHS,
 *   ::FPL_ERR_WEIGHTS_COUNT, ::FPL_ERR_LAG, ::FPL_ERR_ATTAINMENT,
 *   ::FPL_ERR_THRESHOLD, ::FPL_ERR_CRITERION_COUNT, ::FPL_ERR_BANDS,
 *   ::FPL_ERR_MARGIN, ::FPL_ERR_STEP or ::FPL_ERR_MIX); ::FPL_ERR_NULL for
 *   a value outside the enum.
 */
FPL_API fpl_status fpl_limit_check(fpl_limit limit, double value, size_t index, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_LIMITS_H */

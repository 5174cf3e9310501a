/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 * The numbers repeat the file VERSION, the one source of truth: meson refuses
 * to configure when they differ, so the header can be used from the source tree
 * (`cc app.c -Iinclude -Lbuild -lfunnelplan`) without a generated copy.
 */

/**
 * @file version.h
 * @brief The library's version, at compile time and at run time.
 */

#ifndef FUNNELPLAN_VERSION_H
#define FUNNELPLAN_VERSION_H

#include "funnelplan/common.h"

/**
 * @defgroup version Version
 * @brief Compile-time macros and run-time queries of the version.
 *
 * The major version is the shared library's soversion: the ABI (every
 * struct's layout and every function's signature) changes only with it.
 * @{
 */

#define FPL_VERSION_MAJOR 0       ///< major version (the soversion)
#define FPL_VERSION_MINOR 1       ///< minor version
#define FPL_VERSION_PATCH 0       ///< patch version
#define FPL_VERSION_STRING "0.1.0" ///< the version as text

/** The version as one number: major·10000 + minor·100 + patch (minor and
 *  patch stay below 100, so the number is unambiguous). */
#define FPL_VERSION_NUMBER (FPL_VERSION_MAJOR * 10000 + FPL_VERSION_MINOR * 100 + FPL_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The version of the library that is running, e.g. `"0.1.0"`.
 * @return a static string, never NULL.
 */
FPL_API const char *fpl_version_string(void);

/**
 * @brief The version of the library that is running as one number.
 * @return major·10000 + minor·100 + patch, as ::FPL_VERSION_NUMBER.
 */
FPL_API unsigned fpl_version_number(void);

/**
 * @brief The public structs, named for fpl_abi_size().
 */
typedef enum fpl_abi_struct {
    FPL_ABI_STAGE = 0,           ///< ::fpl_stage
    FPL_ABI_FUNNEL = 1,          ///< ::fpl_funnel
    FPL_ABI_TERMS = 2,           ///< ::fpl_terms
    FPL_ABI_PLAN_STAGE = 3,      ///< ::fpl_plan_stage
    FPL_ABI_PLAN_PERIOD = 4,     ///< ::fpl_plan_period
    FPL_ABI_PLAN = 5,            ///< ::fpl_plan
    FPL_ABI_FORECAST_INPUT = 6,  ///< ::fpl_forecast_input
    FPL_ABI_FORECAST_PERIOD = 7, ///< ::fpl_forecast_period
    FPL_ABI_FORECAST = 8,        ///< ::fpl_forecast
    FPL_ABI_CHANGE = 9,          ///< ::fpl_change
    FPL_ABI_WHATIF_INPUT = 10,   ///< ::fpl_whatif_input
    FPL_ABI_WHATIF = 11,         ///< ::fpl_whatif
    FPL_ABI_SENSITIVITY_INPUT = 12, ///< ::fpl_sensitivity_input
    FPL_ABI_SENSITIVITY_ROW = 13, ///< ::fpl_sensitivity_row
    FPL_ABI_SENSITIVITY = 14,    ///< ::fpl_sensitivity
    FPL_ABI_SOLVE_INPUT = 15,    ///< ::fpl_solve_input
    FPL_ABI_SOLVE = 16,          ///< ::fpl_solve
    FPL_ABI_PLAN_BATCH = 17,     ///< ::fpl_plan_batch
    FPL_ABI_ODDS_INPUT = 18,     ///< ::fpl_odds_input
    FPL_ABI_ODDS_LEVEL = 19,     ///< ::fpl_odds_level
    FPL_ABI_ODDS = 20,           ///< ::fpl_odds
    FPL_ABI_ODDS_PLAN = 21,      ///< ::fpl_odds_plan
    FPL_ABI_ODDS_SIM_INPUT = 22, ///< ::fpl_odds_sim_input
    FPL_ABI_ODDS_ESTIMATE = 23,  ///< ::fpl_odds_estimate
    FPL_ABI_ODDS_SIM = 24,       ///< ::fpl_odds_sim
    FPL_ABI_CHANNEL = 25,        ///< ::fpl_channel
    FPL_ABI_CHANNELS_INPUT = 26, ///< ::fpl_channels_input
    FPL_ABI_CHANNEL_FIGURES = 27, ///< ::fpl_channel_figures
    FPL_ABI_CHANNELS = 28,       ///< ::fpl_channels
    FPL_ABI_RESERVED_29 = 29,    ///< retired (was `fpl_channels_fault`): fpl_abi_size() answers 0
    FPL_ABI_MONTH = 30,          ///< ::fpl_month
    FPL_ABI_DATE = 31,           ///< ::fpl_date
    FPL_ABI_SCHEDULE_INPUT = 32, ///< ::fpl_schedule_input
    FPL_ABI_SCHEDULE_ROW = 33,   ///< ::fpl_schedule_row
    FPL_ABI_SCHEDULE = 34,       ///< ::fpl_schedule
    FPL_ABI_PACE_INPUT = 35,     ///< ::fpl_pace_input
    FPL_ABI_PACE_ROW = 36,       ///< ::fpl_pace_row
    FPL_ABI_PACE = 37,           ///< ::fpl_pace
    FPL_ABI_CRITERION = 38,      ///< ::fpl_criterion
    FPL_ABI_CRITERIA = 39,       ///< ::fpl_criteria
    FPL_ABI_LEAD_SCORE = 40,     ///< ::fpl_lead_score
    FPL_ABI_CSV_ROW = 41,        ///< ::fpl_csv_row
    FPL_ABI_CSV_READER = 42,     ///< ::fpl_csv_reader
    FPL_ABI_SEGMENT = 43,        ///< ::fpl_segment
    FPL_ABI_MIX = 44,            ///< ::fpl_mix
    FPL_ABI_ERROR = 45,          ///< ::fpl_error
    FPL_ABI_WHATIF_TOTALS = 46,  ///< ::fpl_whatif_totals
    FPL_ABI_SCORE_TALLY = 47,    ///< ::fpl_score_tally
    FPL_ABI_SCORE_WRITER = 48,   ///< ::fpl_score_writer
    FPL_ABI_BOUNDS = 49,         ///< ::fpl_bounds
    FPL_ABI_SCORE_FIT_RESULT = 50, ///< ::fpl_score_fit_result
    FPL_ABI_SCORE_FIT_SOURCE = 51, ///< ::fpl_score_fit_source
    FPL_ABI_PLAN_BATCH_TERMS = 52  ///< ::fpl_plan_batch_terms
} fpl_abi_struct;

/** Number of ::fpl_abi_struct values. */
#define FPL_ABI_STRUCT_COUNT 53

/**
 * @brief The size in bytes of a public struct in the running library.
 *
 * Bindings that mirror the structs without a C compiler (Python's ctypes)
 * compare their own sizes with these at load time, so a layout mismatch is
 * caught before any call rather than corrupting memory.
 * @param[in] which the struct.
 * @return its `sizeof`, or 0 for a value outside the enum or a retired one
 *   (::FPL_ABI_RESERVED_29: values are never reused).
 */
FPL_API size_t fpl_abi_size(fpl_abi_struct which);

#ifdef __cplusplus
}
#endif

/** @} */

#endif /* FUNNELPLAN_VERSION_H */

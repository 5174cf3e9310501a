/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file terms.h
 * @brief The terms of a question: period, target, deal size, costs, margin.
 */

#ifndef FUNNELPLAN_TERMS_H
#define FUNNELPLAN_TERMS_H

#include "funnelplan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup terms Terms
 * @brief What a plan or forecast is asked for, shared by every calculation.
 *
 * Zero-initialised, an ::fpl_terms means: per month, no target, no deal
 * size, no cost per lead, a margin of 100%. Optional values have a `has_`
 * flag, so that a zero given on purpose (a free lead channel) is told from a
 * value not given.
 * @{
 */

/** What the target is given as. */
typedef enum fpl_target_kind {
    FPL_TARGET_NONE = 0,    ///< no target (a forecast without a goal)
    FPL_TARGET_REVENUE = 1, ///< revenue per period; needs a deal size
    FPL_TARGET_DEALS = 2    ///< deals per period
} fpl_target_kind;

/** The terms of a plan or forecast. Zero-initialisable. */
typedef struct fpl_terms {
    fpl_period per;          ///< period of the target, the volume and the cost
    fpl_target_kind target;  ///< what the target is given as
    double revenue;          ///< revenue target per period (::FPL_TARGET_REVENUE), > 0
    double deals;            ///< deal target per period (::FPL_TARGET_DEALS), > 0
    bool has_deal_size;      ///< whether @ref deal_size is given
    double deal_size;        ///< average deal size, > 0
    bool has_cost_per_lead;  ///< whether @ref cost_per_lead is given
    double cost_per_lead;    ///< cost of one unit entering the top stage, >= 0
    bool has_margin;         ///< whether @ref margin is given (default 100%)
    double margin;           ///< gross margin, in (0, 1]
} fpl_terms;

/**
 * @brief Checks terms on their own (every value finite and in range, a
 * revenue target with a deal size).
 * @param[in] terms the terms.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   field of the value at fault (::FPL_FIELD_REVENUE for a revenue target
 *   without a deal size: the target is what needs one).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_PERIOD, ::FPL_ERR_TARGET (an
 *   unknown kind), ::FPL_ERR_DEAL_SIZE_MISSING, ::FPL_ERR_REVENUE, ::FPL_ERR_DEALS, ::FPL_ERR_DEAL_SIZE, ::FPL_ERR_COST
 *   or ::FPL_ERR_MARGIN.
 */
FPL_API fpl_status fpl_terms_check(const fpl_terms *terms, fpl_error *err);

/**
 * @brief The name of a target kind, as the JSON and every face print it:
 * `"revenue"` or `"deals"`.
 * @param[in] kind the kind.
 * @return a static string; NULL for ::FPL_TARGET_NONE and for a value that
 *   is not a kind.
 */
FPL_API const char *fpl_target_name(fpl_target_kind kind);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_TERMS_H */

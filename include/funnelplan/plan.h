/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file plan.h
 * @brief Backward from a target: the volume each stage needs.
 */

#ifndef FUNNELPLAN_PLAN_H
#define FUNNELPLAN_PLAN_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup plan Plan
 * @brief Deals, and the units that must enter every stage, for a target.
 *
 * - deals = revenue / deal size, or the deal target given;
 * - cumulative rate(i) = rate(i) · rate(i+1) · … · rate(last);
 * - required(i) = deals / cumulative rate(i) (exact, never rounded);
 * - deals_whole = deals rounded up; required_whole(last) = deals_whole /
 *   rate(last) rounded up; required_whole(i) = required_whole(i+1) / rate(i)
 *   rounded up, with the tolerance of fpl_ceil_tolerant();
 * - figures per month, quarter and year scale by the months in each;
 * - with a cost per lead: budget = required(top) · cost per lead, cost per
 *   deal = budget / deals, cost per unit at stage i = budget / required(i).
 * @{
 */

/** One stage of a plan. */
typedef struct fpl_plan_stage {
    double rate;             ///< the stage's conversion rate
    double cumulative_rate;  ///< rate of this stage times every stage below
    double required;         ///< units that must enter the stage per period (exact)
    uint64_t required_whole; ///< the same in whole units, cascading up the funnel
    double cost_per;         ///< budget / required (when the plan has a cost)
} fpl_plan_stage;

/** A plan's figures for one period length. */
typedef struct fpl_plan_period {
    double revenue;                   ///< revenue (when the plan has revenue)
    double deals;                     ///< deals
    double required[FPL_MAX_STAGES];  ///< units entering each stage
    double budget;                    ///< acquisition budget (when the plan has a cost)
} fpl_plan_period;

/** The result of fpl_plan_compute(). */
typedef struct fpl_plan {
    fpl_period per;        ///< the period of the target and of the main figures
    size_t n_stages;       ///< number of stages (as in the funnel)
    bool has_revenue;      ///< a revenue target was given
    double revenue;        ///< the revenue target per period
    bool has_deal_size;    ///< a deal size was given
    double deal_size;      ///< the average deal size
    double deals;          ///< deals needed per period (exact)
    uint64_t deals_whole;  ///< deals rounded up to a whole deal
    double margin;         ///< gross margin used (1 when not given)
    double gross_profit;   ///< revenue · margin (when the plan has revenue)
    bool has_cost;         ///< a cost per lead was given
    double cost_per_lead;  ///< the cost per lead
    double budget;         ///< required(top) · cost per lead, per period
    double cost_per_deal;  ///< budget / deals (CAC)
    fpl_plan_stage stages[FPL_MAX_STAGES]; ///< the stages, top first
    fpl_plan_period by_period[FPL_PERIOD_COUNT]; ///< figures per ::fpl_period
} fpl_plan;

/**
 * @brief Works backward from the target to the volume every stage needs.
 *
 * Worked example 1 (a year's revenue of 1,000,000 at deals of 50,000, 1% of
 * leads accepted, 10% of accepted leads won):
 * @code
 * fpl_funnel f = {0};
 * fpl_error err;
 * if (fpl_funnel_add_stage(&f, "lead", 4, 0.01, &err) != FPL_OK ||
 *     fpl_funnel_add_stage(&f, "accepted", 8, 0.10, &err) != FPL_OK) {
 *     return err.status; // err.index: the stage at fault
 * }
 * fpl_terms t = {0};
 * t.per = FPL_PERIOD_YEAR;
 * t.target = FPL_TARGET_REVENUE;
 * t.revenue = 1000000;
 * t.has_deal_size = true;
 * t.deal_size = 50000;
 * fpl_plan p;
 * if (fpl_plan_compute(&f, &t, &p, &err) == FPL_OK) {
 *     // p.deals == 20, p.stages[0].required_whole == 20000,
 *     // p.by_period[FPL_PERIOD_MONTH].required[0] == 20000.0 / 12
 * } else {
 *     // err.field names the input at fault, e.g. FPL_FIELD_REVENUE
 * }
 * @endcode
 *
 * @param[in] funnel the funnel (checked as by fpl_funnel_check()).
 * @param[in] terms the target and its terms; a target is required.
 * @param[out] out the plan, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_TARGET without a
 *   target; ::FPL_ERR_TOO_LARGE when a whole count would exceed 2^53;
 *   ::FPL_ERR_OVERFLOW when a figure is out of the range of a double.
 */
FPL_API fpl_status fpl_plan_compute(const fpl_funnel *funnel, const fpl_terms *terms, fpl_plan *out,
                                    fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_PLAN_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file forecast.h
 * @brief Forward from a volume: expected units, deals and revenue.
 */

#ifndef FUNNELPLAN_FORECAST_H
#define FUNNELPLAN_FORECAST_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup forecast Forecast
 * @brief What a volume entering any stage is expected to become.
 *
 * - expected(at) = volume; expected(i+1) = expected(i) · rate(i);
 * - deals = expected(last) · rate(last); revenue = deals · deal size;
 * - with a target: gap_deals = target deals − deals, gap_revenue = target
 *   revenue − revenue (positive: short of the target), attainment = deals /
 *   target deals (0 … n);
 * - with a cost per lead (only when the volume enters the top stage):
 *   budget = volume · cost per lead, cost per deal = budget / deals.
 * @{
 */

/** What a forecast is asked: a volume entering one stage each period. */
typedef struct fpl_forecast_input {
    double volume;  ///< units entering stage @ref at per period, > 0
    size_t at;      ///< index of the stage the volume enters (0 = top)
} fpl_forecast_input;

/** A forecast's figures for one period length. */
typedef struct fpl_forecast_period {
    double revenue;                   ///< revenue (when the forecast has revenue)
    double deals;                     ///< expected deals
    double expected[FPL_MAX_STAGES];  ///< units entering each stage (from `at` down)
    double budget;                    ///< acquisition cost (when it has a cost)
} fpl_forecast_period;

/** The result of fpl_forecast_compute(). */
typedef struct fpl_forecast {
    fpl_period per;       ///< the period of the volume and of the main figures
    size_t n_stages;      ///< number of stages in the funnel
    size_t at;            ///< the stage the volume enters
    double volume;        ///< the volume entering stage @ref at per period
    double expected[FPL_MAX_STAGES]; ///< units entering each stage; 0 above @ref at
    double deals;         ///< expected deals per period
    bool has_revenue;     ///< a deal size was given, so revenue is known
    double deal_size;     ///< the deal size (when has_revenue)
    double revenue;       ///< deals · deal size
    double margin;        ///< gross margin used (1 when not given)
    double gross_profit;  ///< revenue · margin (when has_revenue)
    bool has_cost;        ///< a cost per lead was given
    double cost_per_lead; ///< the cost per lead
    double budget;        ///< volume · cost per lead
    double cost_per_deal; ///< budget / deals
    fpl_target_kind target;   ///< the target, ::FPL_TARGET_NONE when none
    double target_deals;      ///< deals the target means (with a target)
    bool has_target_revenue;  ///< the target's revenue is known
    double target_revenue;    ///< revenue the target means
    double gap_deals;         ///< target deals − deals (with a target)
    bool has_gap_revenue;     ///< gap_revenue is known
    double gap_revenue;       ///< target revenue − revenue
    double attainment;        ///< deals / target deals (with a target)
    fpl_forecast_period by_period[FPL_PERIOD_COUNT]; ///< figures per ::fpl_period
} fpl_forecast;

/**
 * @brief Works forward from a volume to expected deals and revenue.
 *
 * Worked example 3's baseline (75 opportunities a month, a 33% close rate,
 * deals of 4,000):
 * @code
 * fpl_funnel f = {0};
 * fpl_error err;
 * if (fpl_funnel_add_stage(&f, "opportunity", 11, 0.33, &err) != FPL_OK) {
 *     return err.status;
 * }
 * fpl_terms t = {0};
 * t.has_deal_size = true;
 * t.deal_size = 4000;
 * fpl_forecast_input in = {75, 0};
 * fpl_forecast r;
 * if (fpl_forecast_compute(&f, &t, &in, &r, &err) == FPL_OK) {
 *     // r.deals == 24.75; r.by_period[FPL_PERIOD_YEAR].revenue == 1188000
 * } else {
 *     // err.field: FPL_FIELD_VOLUME, FPL_FIELD_AT, a field of the terms, ...
 * }
 * @endcode
 *
 * @param[in] funnel the funnel (checked as by fpl_funnel_check()).
 * @param[in] terms period, optional target, deal size, cost and margin.
 * @param[in] input the volume and the stage it enters.
 * @param[out] out the forecast, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): no such
 *   stage, and a cost per lead below the top, are ::FPL_FIELD_AT.
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_VOLUME;
 *   ::FPL_ERR_STAGE_UNKNOWN when @p input->at is not a stage;
 *   ::FPL_ERR_COST_NOT_TOP with a cost per lead and a volume below the top;
 *   ::FPL_ERR_OVERFLOW when a figure is out of the range of a double.
 */
FPL_API fpl_status fpl_forecast_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                        const fpl_forecast_input *input, fpl_forecast *out,
                                        fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_FORECAST_H */

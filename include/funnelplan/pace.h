/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file pace.h
 * @brief Actuals so far against plan: attainment, run-rate projection,
 * catch-up rate, status per stage, pipeline coverage and the earliest
 * warning.
 */

#ifndef FUNNELPLAN_PACE_H
#define FUNNELPLAN_PACE_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/schedule.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup pace Pace
 * @brief Is the period on track, and which stage says so first?
 *
 * With e the share of the period elapsed and required(i) the plan's units
 * for stage i per period (fpl_plan_compute()), for every stage with an
 * actual (the units that entered it so far in the period):
 * - plan to date = required(i) · e; attainment = actual / plan to date;
 * - projection (run rate) = actual / e, and projection / required(i);
 * - still needed = max(0, required(i) − actual); the rate needed over the
 *   rest of the period = still needed / (1 − e) per period, and that rate
 *   against the plan's (the catch-up factor); none when e = 1;
 * - months left = months(per) · (1 − e); still needed per month left =
 *   still needed / months left; in whole units (stages and deals): still
 *   needed whole = max(0, required_whole(i) − actual) rounded up (the
 *   plan's whole counts, deals_whole for the deals, so the whole units
 *   cascade as in fpl_plan_compute()), and per month left = still needed
 *   whole / months left, rounded up (both with the tolerance of
 *   fpl_ceil_tolerant());
 * - status: on track when attainment ≥ the at-risk threshold (default
 *   95%), at risk when ≥ the off-track threshold (default 80%), else off
 *   track (the result carries the thresholds used);
 * - implied deals = actual · cumulative rate(i): what those units will bring
 *   at the funnel's rates.
 * Deals and revenue so far are paced the same way against the target.
 *
 * The early warning is the highest stage off track: it shows in deals the
 * sum of the lags from that stage to closing later (in months).
 *
 * Pipeline coverage, from the open pipeline (units in each stage now):
 * still to close = target deals − deals so far (at least 0; deals so far
 * are the deals won, or else the revenue so far / deal size); raw coverage
 * = Σ open / still to close; weighted = Σ open · cumulative rate / still to
 * close (the deals the pipeline is expected to bring, per deal needed); the
 * coverage the funnel's rates require = raw / weighted = Σ open / Σ open ·
 * cumulative rate: with that raw coverage the weighted one is 1. A pipeline
 * of opportunities closing at 25% needs 4x, not a fixed 3x.
 * @{
 */

/** The at-risk threshold when none is given: 95% of plan to date. */
#define FPL_PACE_AT_RISK_DEFAULT 0.95

/** The off-track threshold when none is given: 80% of plan to date. */
#define FPL_PACE_OFF_TRACK_DEFAULT 0.80

/** How a figure is doing against plan to date. */
typedef enum fpl_pace_status {
    FPL_PACE_ON_TRACK = 0,  ///< attainment ≥ the at-risk threshold
    FPL_PACE_AT_RISK = 1,   ///< between the thresholds
    FPL_PACE_OFF_TRACK = 2  ///< attainment below the off-track threshold
} fpl_pace_status;

/**
 * @brief The name of a pace status: `"on track"`, `"at risk"`, `"off track"`.
 * @param[in] status the status; unknown values give `"unknown"`.
 * @return a static string.
 */
FPL_API const char *fpl_pace_status_name(fpl_pace_status status);

/**
 * @brief The share of a period elapsed at the end of a day: (days from
 * @p start to @p as_of, both counted) / days in the period that begins at
 * @p start (1, 3 or 12 calendar months).
 * @param[in] start the first day of the period.
 * @param[in] as_of the day whose end is measured.
 * @param[in] per the period.
 * @param[out] out the share, in (0, 1], written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_START or ::FPL_FIELD_AS_OF for a date that does not exist,
 *   ::FPL_FIELD_AS_OF for a day outside the period, ::FPL_FIELD_PER.
 *
 * A period may end past 9999-12-31 (a year from 9999-02-01): its length is
 * that of the proleptic Gregorian calendar, and the as-of day, a date of
 * years 1 to 9999, lies in it. December 9999 (from 9999-12-01) is a month
 * like any other.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_DATE (a date that does not
 *   exist), ::FPL_ERR_PERIOD or ::FPL_ERR_ELAPSED (as_of before start or
 *   after the period's last day).
 */
FPL_API fpl_status fpl_pace_elapsed(const fpl_date *start, const fpl_date *as_of, fpl_period per,
                                    double *out, fpl_error *err);

/**
 * @brief Reads how much of a period has elapsed, as a share of it.
 *
 * Two forms:
 * - a share, read by fpl_parse_rate(): `33%`, `0.33`, `4/12`;
 * - months of the period: a number (read by fpl_parse_amount()) followed,
 *   after optional blanks, by `m`, `mo`, `month` or `months` (any case):
 *   `4m`, `4 months`, `1.5 month`; the share is the months over the
 *   period's 1, 3 or 12 (`4m` of a year is 4/12).
 *
 * The share must be above 0 and at most 1: at most the period's months.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes, or ::FPL_NUL_TERMINATED.
 * @param[in] per the period (its months give the share of a month count).
 * @param[out] share the share of the period elapsed, in (0, 1], written
 *   only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_ELAPSED with the bytes at fault (the number of a month
 *   count, else the whole text), or ::FPL_FIELD_PER.
 * @return ::FPL_OK, ::FPL_ERR_NULL, a parse status (`FPL_ERR_PARSE_*`),
 *   ::FPL_ERR_PERIOD or ::FPL_ERR_ELAPSED (a share not in (0, 1], or a month
 *   count not above 0 or above the period's months).
 */
FPL_API fpl_status fpl_elapsed_parse(const char *text, size_t len, fpl_period per, double *share,
                                     fpl_error *err);

/**
 * What a pace question is asked. Zero-initialisable; set elapsed.
 *
 * Optional values are read only when their `has_` flag is set; then 0 is
 * refused like any value out of range. Members added later are appended
 * at the end, so a zero-initialised input keeps its meaning.
 */
typedef struct fpl_pace_input {
    double elapsed;                   ///< share of the period elapsed, (0, 1]
    bool has_actual[FPL_MAX_STAGES];  ///< an actual is given for stage i
    double actual[FPL_MAX_STAGES];    ///< units that entered stage i so far, ≥ 0
    bool has_actual_deals;            ///< deals won so far are given
    double actual_deals;              ///< deals won so far, ≥ 0
    bool has_actual_revenue;          ///< revenue so far is given (needs a deal size)
    double actual_revenue;            ///< revenue so far, ≥ 0
    bool has_open[FPL_MAX_STAGES];    ///< the open pipeline of stage i is given
    double open[FPL_MAX_STAGES];      ///< units in stage i now, ≥ 0
    double lag[FPL_MAX_STAGES];       ///< months from entering stage i to the next (last: closing), ≥ 0; held to the rule of fpl_schedule_input.lag
    double at_risk;                   ///< at-risk threshold in (0, 10] (read only with `has_at_risk`; else ::FPL_PACE_AT_RISK_DEFAULT)
    double off_track;                 ///< off-track threshold in (0, 10], ≤ at_risk (read only with `has_off_track`; else ::FPL_PACE_OFF_TRACK_DEFAULT)
    double reps;                      ///< reps, > 0 (read only with `has_reps`): adds per-rep figures
    bool has_at_risk;                 ///< `at_risk` is given
    bool has_off_track;               ///< `off_track` is given
    bool has_reps;                    ///< `reps` is given
} fpl_pace_input;

/** One paced figure: a stage's units, the deals or the revenue. */
typedef struct fpl_pace_row {
    bool has_actual;        ///< an actual was given (else only the plan figures are set)
    double plan;            ///< plan for the whole period
    double plan_to_date;    ///< plan · elapsed
    double actual;          ///< actual so far
    double attainment;      ///< actual / plan to date
    double projection;      ///< actual / elapsed: the run rate for the period
    double projected_attainment; ///< projection / plan
    double still_needed;    ///< max(0, plan − actual)
    bool has_needed_rate;   ///< an actual is given and elapsed < 1
    double needed_rate;     ///< still needed / (1 − elapsed), per period
    double catch_up;        ///< needed rate / plan
    fpl_pace_status status; ///< against the thresholds
    double implied_deals;   ///< actual · cumulative rate (stages only)
    double plan_per_rep;    ///< plan / reps (with reps)
    double actual_per_rep;  ///< actual / reps (with reps)
    double needed_rate_per_rep; ///< needed rate / reps (with reps and a needed rate)
    bool has_whole;         ///< the row counts units or deals (not revenue) and has an actual: the whole figures below are set
    double plan_whole;      ///< the plan's whole count for the period (fpl_plan_stage::required_whole, fpl_plan::deals_whole; set with has_whole)
    double still_needed_whole; ///< whole units still needed: plan_whole − actual, at least 0, rounded up tolerantly (fpl_ceil_tolerant())
    double needed_per_month;   ///< still needed / fpl_pace::months_left: what each month left must bring (with has_needed_rate)
    double needed_per_month_whole; ///< still_needed_whole / months left, rounded up tolerantly (with has_whole and has_needed_rate)
} fpl_pace_row;

/** The result of fpl_pace_compute(). */
typedef struct fpl_pace {
    fpl_period per;         ///< the period
    size_t n_stages;        ///< stages
    double elapsed;         ///< share of the period elapsed
    double at_risk;         ///< the at-risk threshold used
    double off_track;       ///< the off-track threshold used
    fpl_pace_row stages[FPL_MAX_STAGES]; ///< per stage, top first
    fpl_pace_row deals;     ///< deals against the target's deals
    bool has_revenue;       ///< revenue is paced (a deal size is known)
    fpl_pace_row revenue;   ///< revenue against the target's revenue
    bool has_warning;       ///< some stage is off track
    size_t warning_stage;   ///< the highest stage off track
    double warning_months;  ///< months until it shows in deals (sum of lags from it to closing)
    bool has_coverage;      ///< an open pipeline was given
    double open_units;      ///< Σ open
    double open_deals;      ///< Σ open · cumulative rate: deals the pipeline should bring
    double still_to_close;  ///< max(0, target deals − deals so far)
    bool has_coverage_ratio;  ///< still to close > 0
    double coverage_raw;    ///< Σ open / still to close
    double coverage_weighted; ///< open deals / still to close
    bool has_coverage_required; ///< the open pipeline is expected to bring some deals
    double coverage_required; ///< Σ open / open deals (raw coverage the rates need)
    bool has_reps;          ///< per-rep figures are given
    double reps;            ///< the reps
    double cumulative_rate[FPL_MAX_STAGES]; ///< each stage's cumulative rate to a deal (the plan's): implied deals per unit
    bool has_open[FPL_MAX_STAGES]; ///< the open pipeline of stage i was given (fpl_pace_input::has_open)
    double open[FPL_MAX_STAGES];   ///< units in stage i now, as given (when has_open[i])
    double months_left;     ///< months of the period left: months(per) · (1 − elapsed), a whole number when within 16 epsilons of one (4 months of a year elapsed: 8)
} fpl_pace;

/**
 * @brief Paces actuals against the plan of the terms' target.
 * @param[in] funnel the funnel.
 * @param[in] terms the target per period (required), deal size, period.
 * @param[in] input elapsed share, actuals, open pipeline, lags, thresholds.
 * @param[out] out the pace, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   field of @p input at fault (::FPL_FIELD_ELAPSED, ::FPL_FIELD_ACTUAL,
 *   ::FPL_FIELD_OPEN and ::FPL_FIELD_LAG with the stage as index,
 *   ::FPL_FIELD_ACTUAL_DEALS, ::FPL_FIELD_ACTUAL_REVENUE, ::FPL_FIELD_REPS,
 *   ::FPL_FIELD_AT_RISK, ::FPL_FIELD_OFF_TRACK). Thresholds that clash
 *   (off-track above at-risk) name the off-track one, unless only the
 *   at-risk one is given.
 * @return ::FPL_OK; a funnel, terms or plan status; ::FPL_ERR_TARGET;
 *   ::FPL_ERR_ELAPSED; ::FPL_ERR_ACTUAL (an actual or open count negative
 *   or not finite, revenue so far without a deal size); ::FPL_ERR_LAG;
 *   ::FPL_ERR_THRESHOLD (not in (0, 10], or off-track above at-risk);
 *   ::FPL_ERR_REPS; ::FPL_ERR_OVERFLOW; ::FPL_ERR_TOO_LARGE (a whole count
 *   per month left above 2^53).
 */
FPL_API fpl_status fpl_pace_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                    const fpl_pace_input *input, fpl_pace *out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_PACE_H */

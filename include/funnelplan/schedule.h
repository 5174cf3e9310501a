/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file schedule.h
 * @brief Month by month: the volume every stage must take in each calendar
 * month, with seasonality and the lag between stages; calendar months and
 * dates; sales capacity and velocity.
 */

#ifndef FUNNELPLAN_SCHEDULE_H
#define FUNNELPLAN_SCHEDULE_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup schedule Schedule
 * @brief A yearly number is not a plan: when must the volume come in?
 *
 * The deals of the span (the target per period, rescaled to the span's
 * months) are spread over its months by seasonality weights (12, one per
 * calendar month, January first; spans longer than a year repeat them) or
 * given month by month. Then, from the bottom of the funnel up, the units
 * that must enter stage i in month u are required(i + 1 in u) / rate(i),
 * entered lag(i) months earlier; for the last stage, deals closing in month
 * u / rate(last), lag(last) months earlier.
 *
 * A lag of w + f months (w whole, 0 ≤ f < 1) splits a month's volume over
 * the two months it falls between: 1 − f of it in month u − w and f in month
 * u − w − 1 (a month's entries spread evenly over the month, shifted back by
 * the lag). Lags are kept in months; a day is 1/30.436875 of a month (the
 * Gregorian year's 365.2425 days over 12). A lag within 16 machine epsilons
 * of a whole number of months is that number (the spec's tolerance), so 4
 * months given as 121.7475 days shift by exactly 4. Rows start in the earliest month
 * any stage may need volume: the sum of every lag rounded up, months before
 * the start (two lags of half a month reach two months back, a quarter of
 * the volume).
 *
 * Totals reconcile with fpl_plan_compute(): the units entering stage i over
 * all rows are required(i) per period × months of the span / months of the
 * period, up to the rounding of the sums (relative 1e-13); shifting every
 * lag by one month shifts every row by one month.
 * @{
 */

/** Longest span a schedule covers, in months. */
#define FPL_SCHEDULE_MAX_MONTHS 120u

/** Longest total lag (top of the funnel to a closed deal), in months. */
#define FPL_SCHEDULE_MAX_LEAD 120u

/** Most rows of a schedule: the span and the months before it. */
#define FPL_SCHEDULE_MAX_ROWS (FPL_SCHEDULE_MAX_MONTHS + FPL_SCHEDULE_MAX_LEAD)

/** Days in the average month (365.2425 / 12): lags given in days become months. */
#define FPL_DAYS_PER_MONTH 30.436875

/**
 * @brief ::FPL_DAYS_PER_MONTH, for bindings that cannot read a macro.
 * @return 30.436875.
 */
FPL_API double fpl_days_per_month(void);

/** A calendar month. */
typedef struct fpl_month {
    int year;  ///< 1 … 9999
    int month; ///< 1 (January) … 12
} fpl_month;

/** A calendar date (proleptic Gregorian). */
typedef struct fpl_date {
    int year;  ///< 1 … 9999
    int month; ///< 1 … 12
    int day;   ///< 1 … days in that month
} fpl_date;

/**
 * @brief Reads a calendar month `YYYY-MM` (e.g. `2027-01`).
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] out the month, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   bytes of the year or month at fault (the whole text when it is not
 *   `YYYY-MM`); the field is the caller's.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_DATE.
 */
FPL_API fpl_status fpl_month_parse(const char *text, size_t len, fpl_month *out, fpl_error *err);

/**
 * @brief Reads a date `YYYY-MM-DD` (e.g. `2027-03-15`); the day must exist
 * (29 February only in leap years).
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] out the date, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   bytes of the year, month or day at fault (the whole text when it is not
 *   `YYYY-MM-DD`); the field is the caller's.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_DATE.
 */
FPL_API fpl_status fpl_date_parse(const char *text, size_t len, fpl_date *out, fpl_error *err);

/**
 * @brief Reads a lag: a number of days (`45`, `45d`), weeks (`2w`, 7 days)
 * or months (`1.5m`), ≥ 0, as months.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] months_out the lag in months (days / ::FPL_DAYS_PER_MONTH),
 *   written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_LAG (the stage is the caller's) and the bytes at fault: the
 *   number's, or the whole text for a missing number or a lag too long.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_LAG, or
 *   ::FPL_ERR_PARSE_AMBIGUOUS for a number that reads two ways (`1.500`).
 */
FPL_API fpl_status fpl_lag_parse(const char *text, size_t len, double *months_out, fpl_error *err);

/**
 * @brief Reads a list of numbers ≥ 0 (`8,8,9,10`), each as
 * fpl_parse_amount() reads it.
 *
 * The items are separated by `,`, or by `;` when the text holds one; then
 * a comma groups thousands inside an item (`1,500;2,000;0`). A comma list
 * where a comma could as well group thousands, one to three digits before
 * it and exactly three after (`1,500,2000,0`: 1500 and 2000, or 1, 500 and
 * 2000?), is refused with ::FPL_ERR_PARSE_AMBIGUOUS; a blank after the
 * comma (`1, 500`), `;` (`1;500`) or no grouping (`1500,2000`) says which.
 * @param[in] text the text.
 * @param[in] len its length in bytes.
 * @param[out] out where the numbers go, written only on success.
 * @param[in] capacity room at @p out.
 * @param[out] count_out how many numbers were read.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   item at fault as index (for ::FPL_ERR_WEIGHTS_COUNT the first one past
 *   @p capacity) and its bytes (blanks around it left out); the field is
 *   the caller's (seasonality or a target per month).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_WEIGHTS (an item is not a
 *   number ≥ 0), ::FPL_ERR_PARSE_AMBIGUOUS (an item, or a comma and the
 *   three digits after it with the item before, reads two ways; the bytes
 *   are those) or ::FPL_ERR_WEIGHTS_COUNT (more than @p capacity).
 */
FPL_API fpl_status fpl_list_parse(const char *text, size_t len, double *out, size_t capacity,
                                  size_t *count_out, fpl_error *err);

/**
 * What a schedule is asked. Zero-initialise, then set the start and months.
 *
 * Optional values are read only when their `has_` flag is set; then 0 is
 * refused like any value out of range (no value means "the default").
 * Members added later are appended at the end, so a zero-initialised input
 * keeps its meaning.
 */
typedef struct fpl_schedule_input {
    fpl_month start;       ///< the first month of the span
    unsigned months;       ///< months in the span, 1 … ::FPL_SCHEDULE_MAX_MONTHS
    bool has_weights;      ///< seasonality weights are given (else every month weighs the same)
    double weights[12];    ///< weight of each calendar month, January first, ≥ 0
    bool has_monthly;      ///< a target per month is given instead of the terms' target
    fpl_target_kind monthly_kind;  ///< what @ref monthly holds: revenue or deals
    double monthly[FPL_SCHEDULE_MAX_MONTHS]; ///< target of each month of the span, ≥ 0, not all 0
    double lag[FPL_MAX_STAGES]; ///< months from entering stage i to entering i + 1 (last: to closing), ≥ 0
    double reps;           ///< sales reps sharing the work, > 0 (read only with `has_reps`): adds per-rep figures
    bool has_quota;        ///< a revenue quota per rep is given (needs revenue)
    double quota;          ///< revenue quota of one rep per period of the terms, > 0
    double attainment;     ///< share of quota a rep attains, (0, 1] (read only with `has_attainment`; else 1)
    bool has_reps;         ///< `reps` is given
    bool has_attainment;   ///< `attainment` is given (used with a quota)
} fpl_schedule_input;

/** One calendar month of a schedule. */
typedef struct fpl_schedule_row {
    fpl_month month;       ///< the calendar month
    bool in_span;          ///< inside the span (false: a month before the start)
    double share;          ///< this month's share of the span's deals (0 before the start)
    double deals;          ///< deals closing this month
    double revenue;        ///< deals · deal size (when the schedule has revenue)
    double entering[FPL_MAX_STAGES];         ///< units that must enter each stage this month
    double entering_per_rep[FPL_MAX_STAGES]; ///< the same per rep (with reps)
    double deals_per_rep;  ///< deals per rep (with reps)
} fpl_schedule_row;

/** The result of fpl_schedule_compute(). */
typedef struct fpl_schedule {
    fpl_period per;        ///< the period of the terms' target
    size_t n_stages;       ///< stages in the funnel
    fpl_month start;       ///< first month of the span
    unsigned months;       ///< months in the span
    size_t lead_months;    ///< rows before the start (Σ of every lag rounded up)
    size_t n_rows;         ///< lead_months + months
    double total_lag;      ///< months from entering the top stage to closing
    double deals;          ///< deals over the span
    bool has_revenue;      ///< a deal size is known
    double deal_size;      ///< the deal size (when has_revenue)
    double revenue;        ///< revenue over the span (when has_revenue)
    double totals[FPL_MAX_STAGES]; ///< units entering each stage over all rows
    bool has_reps;         ///< per-rep figures are given
    double reps;           ///< the reps
    bool has_reps_needed;  ///< a quota was given
    double reps_needed;    ///< revenue per period / (quota · attainment)
    double reps_needed_whole; ///< reps_needed rounded up (tolerantly)
    bool has_velocity;     ///< a deal size and a positive last-stage lag are known
    double velocity;       ///< sales velocity, revenue per day: opportunities · win rate · deal size / cycle days
    double velocity_opportunities; ///< units entering the last stage per month (span average)
    double velocity_cycle_days;    ///< the last stage's lag in days
    fpl_schedule_row rows[FPL_SCHEDULE_MAX_ROWS]; ///< the months, earliest first
    double lag_months[FPL_MAX_STAGES]; ///< each stage's lag in months, as given
    double lag_days[FPL_MAX_STAGES];   ///< each stage's lag in days: months · ::FPL_DAYS_PER_MONTH
    double quota;          ///< the quota per rep (when has_reps_needed)
    double attainment;     ///< the attainment used (when has_reps_needed): as given, or 1
    bool has_weights;      ///< seasonality weights were given (fpl_schedule_input::has_weights)
    double weights[12];    ///< the weights given, January first (when has_weights)
    bool has_monthly;      ///< a target per month was given (fpl_schedule_input::has_monthly)
    fpl_target_kind monthly_kind; ///< what `monthly` holds: revenue or deals (when has_monthly)
    double monthly[FPL_SCHEDULE_MAX_MONTHS]; ///< the target of each month of the span, as given (when has_monthly)
} fpl_schedule;

/**
 * @brief Schedules the funnel month by month.
 *
 * A year from January 2027, 10% of leads become opportunities a month
 * after they come in, and a third of those close two months later:
 * @code
 * fpl_funnel f = {0};
 * fpl_funnel_add_stage(&f, "lead", 4, 0.10);
 * fpl_funnel_add_stage(&f, "opportunity", 11, 1.0 / 3.0);
 * fpl_terms t = {0};
 * t.per = FPL_PERIOD_YEAR;
 * t.target = FPL_TARGET_DEALS;
 * t.deals = 120;
 * static fpl_schedule_input in; // zero: no seasonality, no reps
 * in.start.year = 2027;
 * in.start.month = 1;
 * in.months = 12;
 * in.lag[0] = 1.0;
 * in.lag[1] = 2.0;
 * static fpl_schedule s;        // large: keep it off small stacks
 * if (fpl_schedule_compute(&f, &t, &in, &s) == FPL_OK) {
 *     // s.lead_months == 3; s.rows[0] is October 2026: 300 leads enter
 * }
 * @endcode
 * @param[in] funnel the funnel.
 * @param[in] terms the target per period (unless @p input has a target per
 *   month), the deal size and the period.
 * @param[in] input the span, seasonality, lags and capacity.
 * @param[out] out the schedule, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   field of @p input at fault (::FPL_FIELD_START, ::FPL_FIELD_MONTHS,
 *   ::FPL_FIELD_SEASONALITY with the calendar month as index,
 *   ::FPL_FIELD_MONTHLY_DEALS or ::FPL_FIELD_MONTHLY_REVENUE with the month
 *   of the span, ::FPL_FIELD_LAG with the stage (for lags too long
 *   together: the stage whose lag passes the limit), ::FPL_FIELD_REPS,
 *   ::FPL_FIELD_QUOTA, ::FPL_FIELD_ATTAINMENT); a target per month or a
 *   quota without a deal size names the monthly target or the quota.
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_TARGET (no target
 *   and no monthly targets, or a monthly kind that is not revenue or
 *   deals); ::FPL_ERR_DATE (a start outside years 1 to 9999, or rows that
 *   would leave them); ::FPL_ERR_MONTHS; ::FPL_ERR_WEIGHTS (a weight or
 *   monthly target negative or not finite, or all zero over the span);
 *   ::FPL_ERR_LAG (a lag negative or not finite, or lags whose rounded-up
 *   sum is above ::FPL_SCHEDULE_MAX_LEAD months); ::FPL_ERR_REPS; ::FPL_ERR_QUOTA;
 *   ::FPL_ERR_ATTAINMENT; ::FPL_ERR_DEAL_SIZE_MISSING (revenue targets or a
 *   quota without a deal size); ::FPL_ERR_OVERFLOW.
 */
FPL_API fpl_status fpl_schedule_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                        const fpl_schedule_input *input, fpl_schedule *out,
                                        fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SCHEDULE_H */

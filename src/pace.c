/*
 * funnelplan — actuals against plan: attainment, run rate, catch-up,
 * status, pipeline coverage and the earliest warning.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/pace.h"
#include "funnelplan/parse.h"
#include "funnelplan/plan.h"

#include "internal.h"

#include <math.h>
#include <string.h>

const char *fpl_pace_status_name(fpl_pace_status status)
{
    switch (status) {
    case FPL_PACE_ON_TRACK: return "on track";
    case FPL_PACE_AT_RISK: return "at risk";
    case FPL_PACE_OFF_TRACK: return "off track";
    }
    return "unknown";
}

/* ---- dates --------------------------------------------------------------- */

/* Days since 0001-01-01 (day 0), proleptic Gregorian. */
static long day_number(int y, int m, int d)
{
    /* shift the year to start in March, so the leap day is the last */
    const long yy = (long)y - (m <= 2 ? 1 : 0);
    const long mm = m <= 2 ? m + 9 : m - 3; /* March = 0 */
    return 365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * mm + 2) / 5 + (d - 1) - 306;
}

static bool date_ok(const fpl_date *d)
{
    return d->year >= 1 && d->year <= 9999 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
           d->day <= fpl__days_in_month(d->year, d->month);
}

fpl_status fpl_pace_elapsed(const fpl_date *start, const fpl_date *as_of, fpl_period per,
                            double *out, fpl_error *err)
{
    fpl__begin(err);
    if (start == NULL || as_of == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (!date_ok(start)) {
        return fpl__fail(err, FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    }
    if (!date_ok(as_of)) {
        return fpl__fail(err, FPL_ERR_DATE, FPL_FIELD_AS_OF, FPL_NO_INDEX);
    }
    const unsigned months = fpl_period_months(per);
    if (months == 0) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    /* the period ends the day before the same day `months` later; a start
     * on the 31st ends before the 31st or the month's last day + 1 */
    const long end_month = (long)start->year * 12 + (start->month - 1) + (long)months;
    const int ey = (int)(end_month / 12);
    const int em = (int)(end_month % 12) + 1;
    /* the month after the period may be January 10000 (a period ending on
     * 9999-12-31, or later): its day number is as well defined as any */
    const int last = fpl__days_in_month(ey, em);
    /* 31 January + 1 month: the period runs to the end of February */
    const bool clamped = start->day > last;
    long period_end = day_number(ey, em, clamped ? last : start->day);
    if (clamped) {
        period_end += 1; /* the period includes the month's last day */
    }
    const long first = day_number(start->year, start->month, start->day);
    const long day = day_number(as_of->year, as_of->month, as_of->day);
    const double length = (double)(period_end - first);
    const double done = (double)(day - first + 1);
    if (!(done >= 1.0) || done > length) {
        return fpl__fail(err, FPL_ERR_ELAPSED, FPL_FIELD_AS_OF, FPL_NO_INDEX);
    }
    *out = done / length;
    return FPL_OK;
}

/* ---- elapsed as typed ------------------------------------------------------ */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether s[0, n) is a month unit: m, mo, month, months (any case). */
static bool month_unit(const char *s, size_t n)
{
    static const char *const units[] = {"m", "mo", "month", "months"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; ++u) {
        size_t k = 0;
        while (k < n && units[u][k] != '\0' && fpl__lower_ascii(s[k]) == units[u][k]) {
            ++k;
        }
        if (k == n && units[u][k] == '\0') {
            return true;
        }
    }
    return false;
}

fpl_status fpl_elapsed_parse(const char *text, size_t len, fpl_period per, double *share,
                             fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || share == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const unsigned months = fpl_period_months(per);
    if (months == 0) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    /* a month count: a number, blanks, then the unit's letters at the end */
    size_t letters = len;
    while (letters > 0 && ((text[letters - 1] >= 'a' && text[letters - 1] <= 'z') ||
                           (text[letters - 1] >= 'A' && text[letters - 1] <= 'Z'))) {
        --letters;
    }
    double x;
    fpl_error e;
    if (letters > 0 && letters < len && month_unit(text + letters, len - letters)) {
        size_t number = letters;
        while (number > 0 && is_blank(text[number - 1])) {
            --number;
        }
        fpl_status st = fpl_parse_amount(text, number, &x, &e);
        if (st != FPL_OK) {
            return fpl__fail_at(err, st, FPL_FIELD_ELAPSED, FPL_NO_INDEX, e.offset, e.length);
        }
        if (!(x > 0.0 && x <= (double)months)) {
            return fpl__fail_at(err, FPL_ERR_ELAPSED, FPL_FIELD_ELAPSED, FPL_NO_INDEX, 0, number);
        }
        *share = x / (double)months; /* 12 months of a year: exactly 1 */
        return FPL_OK;
    }
    fpl_status st = fpl_parse_rate(text, len, &x, &e);
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_ELAPSED, FPL_NO_INDEX, e.offset, e.length);
    }
    if (!(x > 0.0 && x <= 1.0)) {
        return fpl__fail_at(err, FPL_ERR_ELAPSED, FPL_FIELD_ELAPSED, FPL_NO_INDEX, 0, len);
    }
    *share = x;
    return FPL_OK;
}

/* ---- pace ---------------------------------------------------------------- */

typedef struct thresholds {
    double at_risk;
    double off_track;
} thresholds;

static bool counts_ok(double x)
{
    return isfinite(x) && x >= 0.0;
}

/* One row (the whole figures are pace_whole()'s); `finite` collects overflow. */
static fpl_pace_row pace_row(double plan, bool has_actual, double actual, double elapsed,
                             double months_left, double reps, thresholds th, bool *finite)
{
    fpl_pace_row r;
    memset(&r, 0, sizeof r);
    r.plan = plan;
    r.plan_to_date = fpl__track(plan * elapsed, finite);
    if (reps > 0.0) {
        r.plan_per_rep = fpl__track(plan / reps, finite);
    }
    if (!has_actual) {
        return r;
    }
    r.has_actual = true;
    r.has_needed_rate = elapsed < 1.0;
    r.actual = actual;
    r.attainment = fpl__track(actual / r.plan_to_date, finite);
    r.projection = fpl__track(actual / elapsed, finite);
    r.projected_attainment = fpl__track(r.projection / plan, finite);
    r.still_needed = plan > actual ? plan - actual : 0.0;
    if (r.has_needed_rate) {
        r.needed_rate = fpl__track(r.still_needed / (1.0 - elapsed), finite);
        r.catch_up = fpl__track(r.needed_rate / plan, finite);
    }
    r.status = r.attainment >= th.at_risk     ? FPL_PACE_ON_TRACK
               : r.attainment >= th.off_track ? FPL_PACE_AT_RISK
                                              : FPL_PACE_OFF_TRACK;
    if (reps > 0.0) {
        r.actual_per_rep = fpl__track(actual / reps, finite);
        if (r.has_needed_rate) {
            r.needed_rate_per_rep = fpl__track(r.needed_rate / reps, finite);
        }
    }
    if (r.has_needed_rate) {
        r.needed_per_month = fpl__track(r.still_needed / months_left, finite);
    }
    return r;
}

/* The whole figures of a row of units or deals: plan_whole is the plan's
 * whole count. False when a whole count per month left passes 2^53. */
static bool pace_whole(fpl_pace_row *r, double plan_whole, double months_left)
{
    if (!r->has_actual) {
        return true;
    }
    r->has_whole = true;
    r->plan_whole = plan_whole;
    r->still_needed_whole =
        plan_whole > r->actual ? fpl_ceil_tolerant(plan_whole - r->actual) : 0.0;
    if (r->has_needed_rate) {
        return fpl__whole(r->still_needed_whole / months_left, &r->needed_per_month_whole);
    }
    return true;
}

/* months · (1 − elapsed), a whole number when within 16 epsilons of one
 * (4/12 of a year elapsed leaves 8 months, not 8.000000000000002). */
static double months_left_of(fpl_period per, double elapsed)
{
    const double m = (double)fpl_period_months(per);
    const double left = m - m * elapsed;
    const double r = round(left);
    return fabs(left - r) <= 16.0 * DBL_EPSILON * left ? r : left;
}

fpl_status fpl_pace_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_pace_input *input, fpl_pace *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_plan plan;
    fpl_status st = fpl_plan_compute(funnel, terms, &plan, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const size_t n = funnel->n_stages;
    const double e = input->elapsed;
    if (!(e > 0.0 && e <= 1.0)) {
        return fpl__fail(err, FPL_ERR_ELAPSED, FPL_FIELD_ELAPSED, FPL_NO_INDEX);
    }
    thresholds th = {FPL_PACE_AT_RISK_DEFAULT, FPL_PACE_OFF_TRACK_DEFAULT};
    if (input->has_at_risk) {
        th.at_risk = input->at_risk;
    }
    if (input->has_off_track) {
        th.off_track = input->off_track;
    }
    if (!(th.at_risk > 0.0 && th.at_risk <= 10.0)) {
        return fpl__fail(err, FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK, FPL_NO_INDEX);
    }
    if (!(th.off_track > 0.0 && th.off_track <= 10.0)) {
        return fpl__fail(err, FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK, FPL_NO_INDEX);
    }
    if (!(th.off_track <= th.at_risk)) {
        /* the one given clashes with the other's default; both given: the lower one */
        const bool at_risk = input->has_at_risk && !input->has_off_track;
        return fpl__fail(err, FPL_ERR_THRESHOLD, at_risk ? FPL_FIELD_AT_RISK : FPL_FIELD_OFF_TRACK,
                         FPL_NO_INDEX);
    }
    const bool has_reps = input->has_reps;
    if (has_reps && !(isfinite(input->reps) && input->reps > 0.0)) {
        return fpl__fail(err, FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < n; ++i) {
        if (input->has_actual[i] && !counts_ok(input->actual[i])) {
            return fpl__fail(err, FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL, i);
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (input->has_open[i] && !counts_ok(input->open[i])) {
            return fpl__fail(err, FPL_ERR_ACTUAL, FPL_FIELD_OPEN, i);
        }
    }
    if (input->has_actual_deals && !counts_ok(input->actual_deals)) {
        return fpl__fail(err, FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL_DEALS, FPL_NO_INDEX);
    }
    if (input->has_actual_revenue && !counts_ok(input->actual_revenue)) {
        return fpl__fail(err, FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL_REVENUE, FPL_NO_INDEX);
    }
    /* lags: the same rule as fpl_schedule_compute() */
    double reach = 0.0;
    for (size_t i = 0; i < n; ++i) {
        if (!(isfinite(input->lag[i]) && input->lag[i] >= 0.0 &&
              input->lag[i] <= (double)FPL_SCHEDULE_MAX_LEAD)) {
            return fpl__fail(err, FPL_ERR_LAG, FPL_FIELD_LAG, i);
        }
        reach += fpl__lag_reach(input->lag[i]);
        if (!(reach <= (double)FPL_SCHEDULE_MAX_LEAD)) {
            return fpl__fail(err, FPL_ERR_LAG, FPL_FIELD_LAG, i); /* the lag that passes it */
        }
    }
    if (input->has_actual_revenue && !terms->has_deal_size) {
        return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_ACTUAL_REVENUE, FPL_NO_INDEX);
    }

    const double reps = has_reps ? input->reps : 0.0;
    bool finite = true;
    fpl_pace r;
    memset(&r, 0, sizeof r);
    r.per = terms->per;
    r.n_stages = n;
    r.elapsed = e;
    r.at_risk = th.at_risk;
    r.off_track = th.off_track;
    r.has_reps = has_reps;
    r.reps = reps;
    r.months_left = months_left_of(terms->per, e);
    bool whole = true;
    for (size_t i = 0; i < n; ++i) {
        r.cumulative_rate[i] = plan.stages[i].cumulative_rate;
        r.stages[i] = pace_row(plan.stages[i].required, input->has_actual[i], input->actual[i],
                               e, r.months_left, reps, th, &finite);
        whole = whole && pace_whole(&r.stages[i], (double)plan.stages[i].required_whole,
                                        r.months_left);
        if (input->has_actual[i]) {
            r.stages[i].implied_deals =
                fpl__track(input->actual[i] * plan.stages[i].cumulative_rate, &finite);
        }
    }
    r.deals = pace_row(plan.deals, input->has_actual_deals, input->actual_deals, e,
                       r.months_left, reps, th, &finite);
    whole = whole && pace_whole(&r.deals, (double)plan.deals_whole, r.months_left);
    r.has_revenue = terms->has_deal_size;
    if (r.has_revenue) {
        const double revenue = plan.has_revenue ? plan.revenue : plan.deals * terms->deal_size;
        r.revenue = pace_row(fpl__track(revenue, &finite), input->has_actual_revenue,
                             input->actual_revenue, e, r.months_left, reps, th, &finite);
    }
    for (size_t i = 0; i < n; ++i) {
        if (r.stages[i].has_actual && r.stages[i].status == FPL_PACE_OFF_TRACK) {
            r.has_warning = true;
            r.warning_stage = i;
            double months = 0.0;
            for (size_t j = i; j < n; ++j) {
                months += input->lag[j];
            }
            r.warning_months = months;
            break;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (input->has_open[i]) {
            r.has_open[i] = true;
            r.open[i] = input->open[i];
            r.has_coverage = true;
            r.open_units += input->open[i];
            r.open_deals += input->open[i] * plan.stages[i].cumulative_rate;
        }
    }
    if (r.has_coverage) {
        fpl__track(r.open_units, &finite);
        /* deals so far: given, or revenue so far / deal size, or none */
        double won = 0.0;
        if (input->has_actual_deals) {
            won = input->actual_deals;
        } else if (input->has_actual_revenue) {
            won = input->actual_revenue / terms->deal_size;
        }
        r.still_to_close = plan.deals > won ? plan.deals - won : 0.0;
        r.has_coverage_ratio = r.still_to_close > 0.0;
        if (r.has_coverage_ratio) {
            r.coverage_raw = fpl__track(r.open_units / r.still_to_close, &finite);
            r.coverage_weighted = fpl__track(r.open_deals / r.still_to_close, &finite);
        }
        r.has_coverage_required = r.open_deals > 0.0;
        if (r.has_coverage_required) {
            r.coverage_required = fpl__track(r.open_units / r.open_deals, &finite);
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    if (!whole) {
        return fpl__done(err, FPL_ERR_TOO_LARGE);
    }
    *out = r;
    return FPL_OK;
}

/*
 * funnelplan — the description of a schedule and of a pace: which figures
 * every face shows, under which keys, in which order, and their JSON.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented JSON contract (docs/guide.md,
 * "schedule" and "pace"). A schedule can have 240 rows of 73 nodes each:
 * fpl_schedule_json() describes it without its rows, then writes each row
 * from a view of its own, so it needs a few hundred nodes, not 18,000.
 */

#include "internal.h"

#include "../internal.h"


static void numbers(fpl_view *view, const char *key, const double *x, size_t n)
{
    fpl_view_array(view, key);
    for (size_t i = 0; i < n; ++i) {
        fpl_view_number(view, NULL, x[i]);
    }
    fpl_view_close(view);
}

/* ---- schedule ------------------------------------------------------------ */

/* What a schedule's description can hold, before anything is added. */
static fpl_status schedule_check(const fpl_funnel *funnel, const fpl_schedule *s,
                                 fpl_error *err)
{
    if (funnel == NULL || s == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (s->n_stages == 0 || s->n_stages > funnel->n_stages || funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    if (s->n_rows > FPL_SCHEDULE_MAX_ROWS || s->months > FPL_SCHEDULE_MAX_MONTHS) {
        return fpl__fail(err, FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    }
    if (fpl_period_name(s->per) == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    return FPL_OK;
}

/* One row: an element of the open array. */
static void schedule_row(fpl_view *view, const fpl_schedule *s, const fpl_schedule_row *row)
{
    fpl_view_object(view, NULL);
    fpl_view_month(view, "month", row->month);
    fpl_view_bool(view, "in_span", row->in_span);
    fpl_view_number(view, "share", row->share);
    fpl_view_number(view, "deals", row->deals);
    fpl_view_number_or_null(view, "revenue", s->has_revenue, row->revenue);
    numbers(view, "entering", row->entering, s->n_stages);
    if (s->has_reps) {
        fpl_view_number(view, "deals_per_rep", row->deals_per_rep);
        numbers(view, "entering_per_rep", row->entering_per_rep, s->n_stages);
    }
    fpl_view_close(view);
}

/* The schedule's object; its rows only when `rows` (else `rows` is []). */
static void schedule_object(fpl_view *view, const char *key, const fpl_funnel *funnel,
                            const fpl_schedule *s, bool rows)
{
    const size_t n = s->n_stages;
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "schedule");
    fpl_view_string(view, "per", fpl_period_name(s->per));
    fpl_view_month(view, "start", s->start);
    fpl_view_count(view, "months", s->months);
    fpl_view_count(view, "lead_months", s->lead_months);
    fpl_view_number(view, "total_lag", s->total_lag);
    fpl_view_number(view, "deals", s->deals);
    fpl_view_number_or_null(view, "revenue", s->has_revenue, s->revenue);
    fpl_view_number_or_null(view, "deal_size", s->has_revenue, s->deal_size);
    if (s->has_weights) {
        numbers(view, "seasonality", s->weights, 12);
    } else {
        fpl_view_null(view, "seasonality");
    }
    if (s->has_monthly) {
        fpl_view_object(view, "monthly");
        fpl_view_string(view, "kind",
                        s->monthly_kind == FPL_TARGET_REVENUE ? "revenue" : "deals");
        numbers(view, "values", s->monthly, s->months);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "monthly");
    }
    fpl_view_array(view, "stages");
    for (size_t i = 0; i < n; ++i) {
        fpl_view_object(view, NULL);
        fpl_view_string(view, "name", funnel->stages[i].name);
        fpl_view_number(view, "rate", funnel->stages[i].rate);
        fpl_view_number(view, "lag_months", s->lag_months[i]);
        fpl_view_number(view, "lag_days", s->lag_days[i]);
        fpl_view_number(view, "total", s->totals[i]);
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_array(view, "rows");
    for (size_t r = 0; rows && r < s->n_rows; ++r) {
        schedule_row(view, s, &s->rows[r]);
    }
    fpl_view_close(view);
    fpl_view_number_or_null(view, "reps", s->has_reps, s->reps);
    fpl_view_number_or_null(view, "quota", s->has_reps_needed, s->quota);
    fpl_view_number_or_null(view, "attainment", s->has_reps_needed, s->attainment);
    fpl_view_number_or_null(view, "reps_needed", s->has_reps_needed, s->reps_needed);
    if (s->has_reps_needed) {
        fpl_view_whole(view, "reps_needed_whole", s->reps_needed_whole);
    } else {
        fpl_view_null(view, "reps_needed_whole");
    }
    if (s->has_velocity) {
        fpl_view_object(view, "velocity");
        fpl_view_number(view, "per_day", s->velocity);
        fpl_view_number(view, "opportunities_per_month", s->velocity_opportunities);
        fpl_view_number(view, "win_rate", funnel->stages[n - 1].rate);
        fpl_view_number(view, "deal_size", s->deal_size);
        fpl_view_number(view, "cycle_days", s->velocity_cycle_days);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "velocity");
    }
    fpl_view_close(view);
}

fpl_status fpl_view_schedule(fpl_view *view, const char *key, const fpl_funnel *funnel,
                             const fpl_schedule *schedule, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = schedule_check(funnel, schedule, err);
    if (st != FPL_OK) {
        return st;
    }
    schedule_object(view, key, funnel, schedule, true);
    return fpl_view_check(view, err);
}

/* The nodes of a schedule without its rows. */
#define SCHEDULE_HEAD_NODES (FPL_VIEW_SCHEDULE_NODES - \
                             FPL_SCHEDULE_MAX_ROWS * FPL_VIEW_SCHEDULE_ROW_NODES)

static void describe_row(fpl_view *view, const void *schedule, const void *unused, size_t r)
{
    (void)unused;
    schedule_row(view, schedule, &((const fpl_schedule *)schedule)->rows[r]);
}

fpl_status fpl_schedule_json(const fpl_funnel *funnel, const fpl_schedule *schedule, char *buf,
                             size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = schedule_check(funnel, schedule, err);
    }
    if (st == FPL_OK) {
        /* the object without its rows, then the rows one at a time */
        fpl_node nodes[SCHEDULE_HEAD_NODES];
        fpl_view view;
        fpl_view_init(&view, nodes, SCHEDULE_HEAD_NODES);
        schedule_object(&view, NULL, funnel, schedule, false);
        const fpl__part rows = {"rows", schedule->n_rows, describe_row, schedule, NULL};
        st = fpl__json_members(&j, &view, &rows, err);
    }
    return fpl__json_end(&j, NULL, st, length_out, err);
}

/* ---- pace ---------------------------------------------------------------- */

/* A paced figure's members (the row keys of the contract). */
static void pace_row(fpl_view *view, const fpl_pace_row *r, bool reps)
{
    const bool a = r->has_actual;
    const bool rate = a && r->has_needed_rate;
    fpl_view_number(view, "plan", r->plan);
    fpl_view_number(view, "plan_to_date", r->plan_to_date);
    fpl_view_number_or_null(view, "actual", a, r->actual);
    fpl_view_number_or_null(view, "attainment", a, r->attainment);
    fpl_view_number_or_null(view, "projection", a, r->projection);
    fpl_view_number_or_null(view, "projected_attainment", a, r->projected_attainment);
    fpl_view_number_or_null(view, "still_needed", a, r->still_needed);
    fpl_view_number_or_null(view, "needed_rate", rate, r->needed_rate);
    fpl_view_number_or_null(view, "catch_up", rate, r->catch_up);
    fpl_view_string(view, "status", a ? fpl_pace_status_name(r->status) : NULL);
    if (reps) {
        fpl_view_number(view, "plan_per_rep", r->plan_per_rep);
        fpl_view_number_or_null(view, "actual_per_rep", a, r->actual_per_rep);
        fpl_view_number_or_null(view, "needed_rate_per_rep", rate, r->needed_rate_per_rep);
    }
}

/* What is still needed in whole units and per month left: keys added to the
 * contract after the row's others (after a stage's implied_deals). */
static void pace_row_left(fpl_view *view, const fpl_pace_row *r)
{
    const bool rate = r->has_actual && r->has_needed_rate;
    const bool whole = r->has_whole;
    if (whole) {
        fpl_view_whole(view, "plan_whole", r->plan_whole);
        fpl_view_whole(view, "still_needed_whole", r->still_needed_whole);
    } else {
        fpl_view_null(view, "plan_whole");
        fpl_view_null(view, "still_needed_whole");
    }
    fpl_view_number_or_null(view, "needed_per_month", rate, r->needed_per_month);
    if (whole && rate) {
        fpl_view_whole(view, "needed_per_month_whole", r->needed_per_month_whole);
    } else {
        fpl_view_null(view, "needed_per_month_whole");
    }
}

fpl_status fpl_view_pace(fpl_view *view, const char *key, const fpl_funnel *funnel,
                         const fpl_pace *pace, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || pace == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_pace *p = pace;
    if (p->n_stages > funnel->n_stages || funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    if (p->has_warning && p->warning_stage >= p->n_stages) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_STAGE, p->warning_stage);
    }
    const char *per = fpl_period_name(p->per);
    if (per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    const fpl_stage *stages = funnel->stages;
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "pace");
    fpl_view_string(view, "per", per);
    fpl_view_number(view, "elapsed", p->elapsed);
    fpl_view_number(view, "at_risk", p->at_risk);
    fpl_view_number(view, "off_track", p->off_track);
    fpl_view_array(view, "stages");
    for (size_t i = 0; i < p->n_stages; ++i) {
        const fpl_pace_row *r = &p->stages[i];
        fpl_view_object(view, NULL);
        fpl_view_string(view, "name", stages[i].name);
        fpl_view_number(view, "rate", stages[i].rate);
        fpl_view_number(view, "cumulative_rate", p->cumulative_rate[i]);
        pace_row(view, r, p->has_reps);
        fpl_view_number_or_null(view, "implied_deals", r->has_actual, r->implied_deals);
        pace_row_left(view, r);
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_object(view, "deals");
    pace_row(view, &p->deals, p->has_reps);
    pace_row_left(view, &p->deals);
    fpl_view_close(view);
    if (p->has_revenue) {
        fpl_view_object(view, "revenue");
        pace_row(view, &p->revenue, p->has_reps);
        pace_row_left(view, &p->revenue);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "revenue");
    }
    if (p->has_warning) {
        fpl_view_object(view, "warning");
        fpl_view_string(view, "stage", stages[p->warning_stage].name);
        fpl_view_number(view, "months", p->warning_months);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "warning");
    }
    if (p->has_coverage) {
        fpl_view_object(view, "coverage");
        fpl_view_array(view, "open");
        for (size_t i = 0; i < p->n_stages; ++i) {
            if (p->has_open[i]) {
                fpl_view_object(view, NULL);
                fpl_view_string(view, "stage", stages[i].name);
                fpl_view_number(view, "units", p->open[i]);
                fpl_view_close(view);
            }
        }
        fpl_view_close(view);
        fpl_view_number(view, "open_units", p->open_units);
        fpl_view_number(view, "open_deals", p->open_deals);
        fpl_view_number(view, "still_to_close", p->still_to_close);
        fpl_view_number_or_null(view, "raw", p->has_coverage_ratio, p->coverage_raw);
        fpl_view_number_or_null(view, "weighted", p->has_coverage_ratio, p->coverage_weighted);
        fpl_view_number_or_null(view, "required", p->has_coverage_required,
                                p->coverage_required);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "coverage");
    }
    fpl_view_number_or_null(view, "reps", p->has_reps, p->reps);
    fpl_view_number(view, "months_left", p->months_left);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

fpl_status fpl_pace_json(const fpl_funnel *funnel, const fpl_pace *pace, char *buf,
                         size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl_node nodes[FPL_VIEW_PACE_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_PACE_NODES);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_view_pace(&view, NULL, funnel, pace, err);
    }
    return fpl__json_end(&j, &view, st, length_out, err);
}

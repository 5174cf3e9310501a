/*
 * funnelplan — the table and the CSV of a schedule and of a pace
 * (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's.
 */

#include "internal.h"

#include "../internal.h"

#include <string.h>

static void put_amount(fpl__doc *d, double x)
{
    fpl__put_style(d, x, FPL_NUMBER_AMOUNT);
}

static void put_month(fpl__doc *d, fpl_month m)
{
    char text[FPL_CALENDAR_TEXT_MAX];
    fpl_month_format(m, text, sizeof text);
    fpl__put(d, text, NULL);
}

static void put_per_rep(fpl__doc *d, double reps)
{
    fpl__put(d, "Per rep: ", NULL);
    put_amount(d, reps);
    fpl__put(d, " reps share the work (the /rep columns).\n", NULL);
}

/* ---- schedule ------------------------------------------------------------- */

static void schedule_csv(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    fpl__put(d, "month,in_span,share,deals,revenue", NULL);
    for (size_t i = 0; i < n; ++i) {
        fpl__csv_text(d, false, f->stages[i].name);
    }
    fpl__put(d, s->has_reps ? ",deals_per_rep" : "", NULL);
    for (size_t i = 0; s->has_reps && i < n; ++i) {
        char field[FPL_NAME_MAX + 16];
        strcat(strcpy(field, f->stages[i].name), "_per_rep");
        fpl__csv_text(d, false, field);
    }
    fpl__put(d, "\n", NULL);
    for (size_t r = 0; r < s->n_rows; ++r) {
        const fpl_schedule_row *row = &s->rows[r];
        put_month(d, row->month);
        fpl__put(d, row->in_span ? ",true" : ",false", NULL);
        fpl__csv_number(d, row->share);
        fpl__csv_number(d, row->deals);
        fpl__csv_maybe(d, s->has_revenue, row->revenue);
        for (size_t i = 0; i < n; ++i) {
            fpl__csv_number(d, row->entering[i]);
        }
        if (s->has_reps) {
            fpl__csv_number(d, row->deals_per_rep);
            for (size_t i = 0; i < n; ++i) {
                fpl__csv_number(d, row->entering_per_rep[i]);
            }
        }
        fpl__put(d, "\n", NULL);
    }
}

/* Month by month: the month, one column per stage, deals, revenue (when
 * known), with reps one per stage and deals per rep, then a note for the
 * months before the start; a last row of totals. */
static void schedule_grid(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    char per_rep[FPL_MAX_STAGES][FPL_NAME_MAX + 8];
    const char *hdr[FPL__COLS];
    fpl__align al[FPL__COLS];
    size_t c = 0;
    hdr[c++] = "month";
    for (size_t i = 0; i < n; ++i) {
        hdr[c++] = f->stages[i].name;
    }
    hdr[c++] = "deals";
    if (s->has_revenue) {
        hdr[c++] = "revenue";
    }
    for (size_t i = 0; s->has_reps && i < n; ++i) {
        hdr[c++] = strcat(strcpy(per_rep[i], f->stages[i].name), "/rep");
    }
    if (s->has_reps) {
        hdr[c++] = "deals/rep";
    }
    hdr[c++] = "";
    for (size_t k = 0; k < c; ++k) {
        al[k] = k == 0 || k == c - 1 ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__table_begin(d, c, hdr, al);
    for (size_t r = 0; r <= s->n_rows; ++r) {
        const bool total = r == s->n_rows;
        const fpl_schedule_row *row = &s->rows[total ? 0 : r];
        char month[FPL_CALENDAR_TEXT_MAX] = "total";
        if (!total) {
            fpl_month_format(row->month, month, sizeof month);
        }
        fpl__table_row(d);
        fpl__table_set(d, 0, month);
        for (size_t i = 0; i < n; ++i) {
            fpl__table_style(d, 1 + i, total ? s->totals[i] : row->entering[i],
                             FPL_NUMBER_AMOUNT);
        }
        size_t col = 1 + n;
        fpl__table_style(d, col++, total ? s->deals : row->deals, FPL_NUMBER_AMOUNT);
        if (s->has_revenue) {
            fpl__table_style(d, col++, total ? s->revenue : row->revenue, FPL_NUMBER_AMOUNT);
        }
        for (size_t i = 0; !total && s->has_reps && i <= n; ++i) {
            fpl__table_style(d, col + i, i < n ? row->entering_per_rep[i] : row->deals_per_rep,
                             FPL_NUMBER_AMOUNT);
        }
        col += s->has_reps ? n + 1 : 0;
        fpl__table_set(d, col, total || row->in_span ? "" : "before the start");
    }
    fpl__table_end(d);
}

static void schedule_table(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    const char *per = fpl_period_name(s->per);
    fpl__put(d, "Schedule for ", NULL);
    fpl__put_units(d, s->months, "month");
    fpl__put(d, " from ", NULL);
    put_month(d, s->start);
    fpl__put(d, ": ", NULL);
    put_amount(d, s->deals);
    fpl__put(d, " deals", NULL);
    if (s->has_revenue) {
        fpl__put(d, ", revenue ", NULL);
        put_amount(d, s->revenue);
    }
    fpl__put(d,
             s->has_monthly   ? ", a target per month as given"
             : s->has_weights ? ", spread by the seasonality given"
                              : ", the same every month",
             ".\nUnits that must enter each stage in each month:\n\n", NULL);
    schedule_grid(d, f, s);

    fpl__put(d, "\n", NULL);
    if (!s->has_monthly) {
        fpl__put(d, "Totals are the plan's volume per ", per, " for the ", NULL);
        fpl__put_units(d, s->months, "month");
        fpl__put(d, " of the span.\n", NULL);
    }
    fpl__put(d, "Lags (months):", NULL);
    for (size_t i = 0; i < n; ++i) {
        fpl__put(d, i > 0 ? ", " : " ", f->stages[i].name, " ", NULL);
        put_amount(d, s->lag_months[i]);
    }
    fpl__put(d, "; from ", f->stages[0].name, " to a closed deal ", NULL);
    put_amount(d, s->total_lag);
    fpl__put(d, " months.\n", NULL);
    if (s->lead_months > 0) {
        fpl__put(d, "Lead time: the funnel must start ", NULL);
        fpl__put_units(d, (double)s->lead_months, "month");
        fpl__put(d, " before ", NULL);
        put_month(d, s->start);
        fpl__put(d, ", in ", NULL);
        put_month(d, s->rows[0].month);
        fpl__put(d, ".\n", NULL);
    }
    if (s->has_velocity) {
        fpl__put(d, "Sales velocity: ", NULL);
        put_amount(d, s->velocity_opportunities);
        fpl__put(d, " entering ", f->stages[n - 1].name, " a month x ", NULL);
        fpl__put_style(d, f->stages[n - 1].rate, FPL_NUMBER_PERCENT);
        fpl__put(d, " won x deal size ", NULL);
        put_amount(d, s->deal_size);
        fpl__put(d, " / a cycle of ", NULL);
        put_amount(d, s->velocity_cycle_days);
        fpl__put(d, " days = ", NULL);
        put_amount(d, s->velocity);
        fpl__put(d, " per day.\n", NULL);
    }
    if (s->has_reps) {
        put_per_rep(d, s->reps);
    }
    if (s->has_reps_needed) {
        char exact[FPL_NUMBER_MAX];
        char whole[FPL_NUMBER_MAX];
        fpl_format_number(s->reps_needed, FPL_NUMBER_AMOUNT, exact, sizeof exact);
        fpl_format_number(s->reps_needed_whole, FPL_NUMBER_AMOUNT, whole, sizeof whole);
        fpl__put(d, "Reps needed at a quota of ", NULL);
        put_amount(d, s->quota);
        fpl__put(d, " per ", per, " with ", NULL);
        fpl__put_style(d, s->attainment, FPL_NUMBER_PERCENT);
        fpl__put(d, " attainment: ", exact, NULL);
        if (strcmp(exact, whole) != 0) {
            fpl__put(d, ", ", whole, " whole reps", NULL);
        }
        fpl__put(d, ".\n", NULL);
    }
    fpl__put(d, fpl__rounded_note, NULL);
}

/* ---- pace ----------------------------------------------------------------- */

/* Row i of a pace: the stages, then deals, then revenue (when paced);
 * NULL past the last. */
static const fpl_pace_row *pace_row(const fpl_funnel *f, const fpl_pace *p, size_t i,
                                    const char **name)
{
    *name = i < p->n_stages ? f->stages[i].name : i == p->n_stages ? "deals" : "revenue";
    return i < p->n_stages        ? &p->stages[i]
           : i == p->n_stages     ? &p->deals
           : i == p->n_stages + 1 && p->has_revenue ? &p->revenue
                                  : NULL;
}

static void pace_csv(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p)
{
    fpl__put(d, "stage,plan,plan_to_date,actual,attainment,projection,needed_rate,status\n", NULL);
    const char *name;
    const fpl_pace_row *r;
    for (size_t i = 0; (r = pace_row(f, p, i, &name)) != NULL; ++i) {
        const bool a = r->has_actual;
        fpl__csv_text(d, true, name);
        fpl__csv_number(d, r->plan);
        fpl__csv_number(d, r->plan_to_date);
        fpl__csv_maybe(d, a, r->actual);
        fpl__csv_maybe(d, a, r->attainment);
        fpl__csv_maybe(d, a, r->projection);
        fpl__csv_maybe(d, a && r->has_needed_rate, r->needed_rate);
        fpl__csv_text(d, false, a ? fpl_pace_status_name(r->status) : "");
        fpl__put(d, "\n", NULL);
    }
}

static void put_tenths(fpl__doc *d, const char *before, double x, const char *after)
{
    fpl__put(d, before, NULL);
    fpl__put_style(d, x, FPL_NUMBER_TENTHS);
    fpl__put(d, after, NULL);
}

static void pace_headline(fpl__doc *d, const fpl_pace *p, const fpl_date *start,
                          const fpl_date *as_of)
{
    const char *per = fpl_period_name(p->per);
    fpl__put(d, "Pace per ", per, ": ", NULL);
    fpl__put_style(d, p->elapsed, FPL_NUMBER_PERCENT);
    fpl__put(d, " of the ", per, " elapsed", NULL);
    if (start != NULL && as_of != NULL) {
        char from[FPL_CALENDAR_TEXT_MAX];
        char to[FPL_CALENDAR_TEXT_MAX];
        fpl_date_format(*start, from, sizeof from);
        fpl_date_format(*as_of, to, sizeof to);
        fpl__put(d, " (", from, " to ", to, ")", NULL);
    }
    fpl__put(d, "; target ", NULL);
    put_amount(d, p->deals.plan);
    fpl__put(d, " deals", NULL);
    if (p->has_revenue) {
        fpl__put(d, ", revenue ", NULL);
        put_amount(d, p->revenue.plan);
    }
    fpl__put(d, ".\n\n", NULL);
}

static void pace_grid(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p)
{
    enum { P_NAME, P_PLAN, P_TO_DATE, P_ACTUAL, P_ATTAIN, P_PROJ, P_NEEDED, P_STATUS, P_IMPLIED,
           P_PLAN_REP, P_ACTUAL_REP, P_NEEDED_REP, P_N };
    char needed[32] = "needed/";
    strcat(needed, fpl_period_name(p->per));
    const char *headers[P_N] = {"",           "plan",          "to date",  "actual",
                                "attainment", "projection",    needed,     "status",
                                "implied deals", "plan/rep",   "actual/rep", "needed/rep"};
    fpl__align al[P_N];
    for (size_t c = 0; c < P_N; ++c) {
        al[c] = c == P_NAME || c == P_STATUS ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__table_begin(d, p->has_reps ? P_N : P_PLAN_REP, headers, al);
    const char *name;
    const fpl_pace_row *r;
    for (size_t i = 0; (r = pace_row(f, p, i, &name)) != NULL; ++i) {
        const bool a = r->has_actual;
        const bool rate = a && r->has_needed_rate;
        fpl__table_row(d);
        fpl__table_set(d, P_NAME, name);
        fpl__table_style(d, P_PLAN, r->plan, FPL_NUMBER_AMOUNT);
        fpl__table_style(d, P_TO_DATE, r->plan_to_date, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_ACTUAL, a, r->actual, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_ATTAIN, a, r->attainment, FPL_NUMBER_PERCENT);
        fpl__table_maybe(d, P_PROJ, a, r->projection, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_NEEDED, rate, r->needed_rate, FPL_NUMBER_AMOUNT);
        fpl__table_set(d, P_STATUS, a ? fpl_pace_status_name(r->status) : "-");
        if (i < p->n_stages) {
            fpl__table_maybe(d, P_IMPLIED, a, r->implied_deals, FPL_NUMBER_AMOUNT);
        }
        fpl__table_style(d, P_PLAN_REP, r->plan_per_rep, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_ACTUAL_REP, a, r->actual_per_rep, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_NEEDED_REP, rate, r->needed_rate_per_rep, FPL_NUMBER_AMOUNT);
    }
    fpl__table_end(d);
}

static void pace_table(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p,
                       const fpl_date *start, const fpl_date *as_of)
{
    pace_headline(d, p, start, as_of);
    pace_grid(d, f, p);
    fpl__put(d, "\nStatus against plan to date: on track from ", NULL);
    fpl__put_style(d, p->at_risk, FPL_NUMBER_PERCENT);
    fpl__put(d, ", at risk from ", NULL);
    fpl__put_style(d, p->off_track, FPL_NUMBER_PERCENT);
    fpl__put(d, ", off track below.\n", NULL);
    if (p->has_warning) {
        fpl__put(d, "Warning: ", f->stages[p->warning_stage].name, " is off track: ", NULL);
        if (p->warning_months > 0.0) {
            put_tenths(d, "it shows in deals in about ", p->warning_months, " months.\n");
        } else {
            fpl__put(d, "with no lag below it, it shows in deals at once.\n", NULL);
        }
    }
    if (p->has_coverage) {
        fpl__put(d, "Open pipeline:", NULL);
        const char *comma = " ";
        for (size_t i = 0; i < p->n_stages; ++i) {
            if (p->has_open[i]) {
                fpl__put(d, comma, NULL);
                put_amount(d, p->open[i]);
                fpl__put(d, " ", f->stages[i].name, NULL);
                comma = ", ";
            }
        }
        fpl__put(d, "; expected to bring ", NULL);
        put_amount(d, p->open_deals);
        fpl__put(d, " deals.\n", NULL);
        if (p->has_coverage_ratio) {
            put_tenths(d, "Pipeline covers ", p->coverage_raw, "x of the ");
            put_amount(d, p->still_to_close);
            put_tenths(d, " deals still to close; weighted ", p->coverage_weighted, "x");
        } else {
            fpl__put(d, "Nothing is left to close: the deals won meet the target", NULL);
        }
        if (p->has_coverage_required) {
            put_tenths(d, "; these rates need ", p->coverage_required, "x.\n");
        } else {
            fpl__put(d, "; the open pipeline is expected to bring no deals.\n", NULL);
        }
    }
    if (p->has_reps) {
        put_per_rep(d, p->reps);
    }
    fpl__put(d, fpl__rounded_note, NULL);
}

/* ---- the public entry points ---------------------------------------------- */

fpl_status fpl_schedule_render(const fpl_funnel *funnel, const fpl_schedule *schedule,
                               fpl_render_format format, char *buf, size_t capacity,
                               size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_schedule_json(funnel, schedule, json ? buf : NULL, json ? capacity : 0,
                                      &len, err);
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, false, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            schedule_csv(&d, funnel, schedule);
        } else {
            schedule_table(&d, funnel, schedule);
        }
    }
    return fpl__render_end(&d, err);
}

fpl_status fpl_pace_render(const fpl_funnel *funnel, const fpl_pace *pace, const fpl_date *start,
                           const fpl_date *as_of, fpl_render_format format, char *buf,
                           size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_pace_json(funnel, pace, json ? buf : NULL, json ? capacity : 0, &len,
                                  err);
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, false, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            pace_csv(&d, funnel, pace);
        } else {
            pace_table(&d, funnel, pace, start, as_of);
        }
    }
    return fpl__render_end(&d, err);
}

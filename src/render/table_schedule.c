/*
 * funnelplan — the table and the CSV of a schedule and of a pace
 * (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's.
 */

#include "internal.h"

#include "../internal.h"

#include <math.h>
#include <string.h>

/* ---- schedule ------------------------------------------------------------- */

static void schedule_csv(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    fpl__put(d, "month,in_span,share,deals,revenue");
    for (size_t i = 0; i < n; ++i) {
        fpl__csv_text(d, false, f->stages[i].name);
    }
    fpl__put(d, s->has_reps ? ",deals_per_rep" : "");
    for (size_t i = 0; s->has_reps && i < n; ++i) {
        char field[FPL_NAME_MAX + 16];
        fpl__join(field, sizeof field, f->stages[i].name, "_per_rep");
        fpl__csv_text(d, false, field);
    }
    fpl__put(d, "\n");
    for (size_t r = 0; r < s->n_rows; ++r) {
        const fpl_schedule_row *row = &s->rows[r];
        char month[FPL_CALENDAR_TEXT_MAX];
        fpl_month_format(row->month, month, sizeof month);
        fpl__put(d, month, row->in_span ? ",true" : ",false");
        fpl__csv_number(d, row->share);
        fpl__csv_number(d, row->deals);
        fpl__csv_maybe(d, s->has_revenue, row->revenue);
        for (size_t i = 0; i < n; ++i) {
            fpl__csv_number(d, row->entering[i]);
        }
        for (size_t i = 0; s->has_reps && i <= n; ++i) {
            fpl__csv_number(d, i == 0 ? row->deals_per_rep : row->entering_per_rep[i - 1]);
        }
        fpl__put(d, "\n");
    }
}

/* Month by month: the month, one column per stage, deals, revenue (when
 * known), with reps one per stage and deals per rep, then a note for the
 * months before the start; a last row of totals. */
static void schedule_grid(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    char per_rep[FPL_MAX_STAGES + 1][FPL_NAME_MAX + 8];
    const char *hdr[FPL__COLS] = {"month"};
    fpl__align al[FPL__COLS];
    size_t c = 1;
    for (size_t i = 0; i < n; ++i) {
        hdr[c++] = f->stages[i].name;
    }
    hdr[c++] = "deals";
    if (s->has_revenue) {
        hdr[c++] = "revenue";
    }
    for (size_t i = 0; s->has_reps && i <= n; ++i) {
        const char *name = i < n ? f->stages[i].name : "deals";
        hdr[c++] = fpl__join(per_rep[i], sizeof per_rep[i], name, "/rep");
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
        size_t col = 1;
        for (size_t i = 0; i <= n; ++i, ++col) {
            double x = i < n ? row->entering[i] : row->deals;
            fpl__table_style(d, col, !total ? x : i < n ? s->totals[i] : s->deals,
                             FPL_NUMBER_AMOUNT);
        }
        if (s->has_revenue) {
            fpl__table_style(d, col++, total ? s->revenue : row->revenue, FPL_NUMBER_AMOUNT);
        }
        for (size_t i = 0; s->has_reps && i <= n; ++i, ++col) {
            if (!total) {
                fpl__table_style(d, col, i < n ? row->entering_per_rep[i] : row->deals_per_rep,
                                 FPL_NUMBER_AMOUNT);
            }
        }
        fpl__table_set(d, col, total || row->in_span ? "" : "before the start");
    }
    fpl__table_end(d);
}

static void schedule_table(fpl__doc *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    const char *per = fpl_period_name(s->per);
    char start[FPL_CALENDAR_TEXT_MAX];
    char first[FPL_CALENDAR_TEXT_MAX];
    fpl_month_format(s->start, start, sizeof start);
    fpl_month_format(s->rows[0].month, first, sizeof first);
    fpl__put(d, "Schedule for ");
    fpl__put_units(d, s->months, "month");
    fpl__put(d, " from ", start);
    fpl__put_amount(d, ": ", s->deals, " deals");
    if (s->has_revenue) {
        fpl__put_amount(d, ", revenue ", s->revenue, "");
    }
    fpl__put(d,
             s->has_monthly   ? ", a target per month as given"
             : s->has_weights ? ", spread by the seasonality given"
                              : ", the same every month",
             ".\nUnits that must enter each stage in each month:\n\n");
    schedule_grid(d, f, s);
    fpl__put(d, "\n");
    if (!s->has_monthly) {
        fpl__put(d, "Totals are the plan's volume per ", per, " for the ");
        fpl__put_units(d, s->months, "month");
        fpl__put(d, " of the span.\n");
    }
    fpl__put(d, "Lags (months):");
    for (size_t i = 0; i < n; ++i) {
        fpl__put(d, i > 0 ? ", " : " ", f->stages[i].name);
        fpl__put_amount(d, " ", s->lag_months[i], "");
    }
    fpl__put(d, "; from ", f->stages[0].name);
    fpl__put_amount(d, " to a closed deal ", s->total_lag, " months.\n");
    if (s->lead_months > 0) {
        fpl__put(d, "Lead time: the funnel must start ");
        fpl__put_units(d, (double)s->lead_months, "month");
        fpl__put(d, " before ", start, ", in ", first, ".\n");
    }
    if (s->has_velocity) {
        fpl__put_amount(d, "Sales velocity: ", s->velocity_opportunities, " entering ");
        fpl__put(d, f->stages[n - 1].name);
        fpl__put_figure(d, " a month x ", f->stages[n - 1].rate, FPL_NUMBER_PERCENT, "");
        fpl__put_amount(d, " won x deal size ", s->deal_size, "");
        fpl__put_amount(d, " / a cycle of ", s->velocity_cycle_days, "");
        fpl__put_amount(d, " days = ", s->velocity, " per day.\n");
    }
    if (s->has_reps) {
        fpl__put_amount(d, "Per rep: ", s->reps, " reps share the work (the /rep columns).\n");
    }
    if (s->has_reps_needed) {
        char exact[FPL_NUMBER_MAX];
        char whole[FPL_NUMBER_MAX];
        fpl_format_number(s->reps_needed, FPL_NUMBER_AMOUNT, exact, sizeof exact);
        fpl_format_number(s->reps_needed_whole, FPL_NUMBER_AMOUNT, whole, sizeof whole);
        const bool cut = strcmp(exact, whole) != 0;
        fpl__put_amount(d, "Reps needed at a quota of ", s->quota, " per ");
        fpl__put(d, per);
        fpl__put_figure(d, " with ", s->attainment, FPL_NUMBER_PERCENT, " attainment: ");
        fpl__put(d, exact, cut ? ", " : "", cut ? whole : "", cut ? " whole reps" : "", ".\n");
    }
    fpl__put(d, fpl__rounded_note);
}

/* ---- pace ----------------------------------------------------------------- */

/* Figures shown beside a line they are compared with (an attainment beside
 * the thresholds of its status, a coverage beside the coverage needed and
 * 1x) never cross it in display: a figure below a line shows below the
 * line's own display. The rule: the figure's usual decimals (an attainment
 * as a percentage with up to four, a coverage with up to three, trailing
 * zeros dropped), and when that would show it at or above a line it is
 * below, more decimals, as few as tell them apart (0.9499999 beside 95% is
 * "94.99999%", 0.9996 beside 1x is "0.9996"); when no decimals can (a
 * double a few ulps below the line), "<" and the line ("<95%"). A figure at
 * or above a line already shows at or above it: rounding keeps order. */

/* How a kind of figure shows: scale, usual decimals, unit. */
typedef struct beside_style {
    double scale;
    int decimals;
    const char *unit;
} beside_style;

static const beside_style percent_style = {100.0, 4, "%"};
static const beside_style coverage_style = {1.0, 3, ""};
static const beside_style amount_style = {1.0, 2, ""}; /* ungrouped: only when more decimals tell */

/* x (finite, at least 0) at the decimals, trailing zeros dropped, with the
 * unit; a positive x that would show as 0 shows as "<0.001" (the smallest
 * step). out holds FPL_NUMBER_MAX bytes. */
static void shown_at(double x, const beside_style *st, int decimals, char out[FPL_NUMBER_MAX])
{
    char text[FPL_NUMBER_MAX];
    size_t len = fpl_format_fixed(x * st->scale, decimals, false, text, sizeof text);
    len = len < sizeof text - 1 ? len : sizeof text - 1;
    while (len > 0 && strchr(text, '.') != NULL && text[len - 1] == '0') {
        text[--len] = '\0';
    }
    if (len > 0 && text[len - 1] == '.') {
        text[--len] = '\0';
    }
    if (strcmp(text, "0") == 0 && x > 0.0 && decimals > 0) {
        /* "<0.001": a zero and a point, decimals - 1 zeros and a one */
        size_t k = 0;
        text[k++] = '<';
        text[k++] = '0';
        text[k++] = '.';
        for (int z = 1; z < decimals && k < sizeof text - 2; ++z) {
            text[k++] = '0';
        }
        text[k++] = '1';
        text[k] = '\0';
    }
    fpl__join(out, FPL_NUMBER_MAX, text, st->unit);
}

/* The number a display holds, as digits: the integer part without its
 * leading zeros, and the fraction without its trailing zeros; below: a "<"
 * display. */
typedef struct shown_number {
    char whole[FPL_NUMBER_MAX];
    char frac[FPL_NUMBER_MAX];
    bool below;
} shown_number;

static void read_shown(const char *text, shown_number *v)
{
    size_t w = 0;
    size_t f = 0;
    bool point = false;
    v->below = text[0] == '<';
    for (const char *c = text; *c != '\0'; ++c) {
        if (*c == '.') {
            point = true;
        } else if (*c >= '0' && *c <= '9') {
            if (point) {
                v->frac[f++] = *c;
            } else if (w > 0 || *c != '0') {
                v->whole[w++] = *c;
            }
        }
    }
    while (f > 0 && v->frac[f - 1] == '0') {
        --f;
    }
    v->whole[w] = '\0';
    v->frac[f] = '\0';
}

/* Whether display a shows a number below display b's (both of nonnegative
 * numbers in the styles above). */
static bool shows_below(const char *a, const char *b)
{
    shown_number x;
    shown_number y;
    read_shown(a, &x);
    read_shown(b, &y);
    const size_t xw = strlen(x.whole);
    const size_t yw = strlen(y.whole);
    int c = xw != yw ? (xw < yw ? -1 : 1) : strcmp(x.whole, y.whole);
    if (c == 0) {
        c = strcmp(x.frac, y.frac); /* trailing zeros dropped: "5" < "55" */
    }
    return c < 0 || (c == 0 && x.below && !y.below);
}

/* Whether text, the display of x, sits on x's side of every line (each
 * shown at the style's usual decimals). */
static bool sides_kept(double x, const char *text, const double *lines, size_t n,
                       const beside_style *st)
{
    for (size_t k = 0; k < n; ++k) {
        char line[FPL_NUMBER_MAX];
        shown_at(lines[k], st, st->decimals, line);
        if ((x < lines[k]) != shows_below(text, line)) {
            return false;
        }
    }
    return true;
}

/* x in the style beside the n lines it is compared with, by the rule
 * above; out holds FPL_NUMBER_MAX bytes. */
static void format_beside(double x, const beside_style *st, const double *lines, size_t n,
                          char out[FPL_NUMBER_MAX])
{
    if (!(isfinite(x) && x >= 0.0)) {
        fpl_format_number(x, FPL_NUMBER_AMOUNT, out, FPL_NUMBER_MAX);
        return;
    }
    for (int decimals = st->decimals; decimals <= 17; ++decimals) {
        shown_at(x, st, decimals, out);
        if (sides_kept(x, out, lines, n, st)) {
            return;
        }
    }
    /* too close to tell: below the lowest line it is under */
    size_t under = n;
    for (size_t k = 0; k < n; ++k) {
        if (x < lines[k] && (under == n || lines[k] < lines[under])) {
            under = k;
        }
    }
    char line[FPL_NUMBER_MAX];
    shown_at(lines[under < n ? under : 0], st, st->decimals, line);
    fpl__join(out, FPL_NUMBER_MAX, "<", line);
}

/* Row i of a pace: the stages, then deals, then revenue (when paced);
 * NULL past the last. */
static const fpl_pace_row *pace_row(const fpl_funnel *f, const fpl_pace *p, size_t i,
                                    const char **name)
{
    const size_t n = p->n_stages;
    *name = i < n ? f->stages[i].name : i == n ? "deals" : "revenue";
    return i < n ? &p->stages[i] : i == n ? &p->deals : i == n + 1 && p->has_revenue ? &p->revenue
                                                                                      : NULL;
}

static void pace_csv(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p)
{
    fpl__put(d, "stage,plan,plan_to_date,actual,attainment,projection,needed_rate,status,"
                "still_needed,still_needed_whole,needed_per_month,needed_per_month_whole,"
                "implied_deals",
             p->has_reps ? ",plan_per_rep,actual_per_rep,needed_rate_per_rep\n" : "\n");
    const char *name;
    const fpl_pace_row *r;
    for (size_t i = 0; (r = pace_row(f, p, i, &name)) != NULL; ++i) {
        const bool a = r->has_actual;
        const bool rate = a && r->has_needed_rate;
        fpl__csv_text(d, true, name);
        fpl__csv_number(d, r->plan);
        fpl__csv_number(d, r->plan_to_date);
        fpl__csv_maybe(d, a, r->actual);
        fpl__csv_maybe(d, a, r->attainment);
        fpl__csv_maybe(d, a, r->projection);
        fpl__csv_maybe(d, rate, r->needed_rate);
        fpl__csv_text(d, false, a ? fpl_pace_status_name(r->status) : "");
        fpl__csv_maybe(d, a, r->still_needed);
        if (r->has_whole) {
            fpl__csv_whole(d, r->still_needed_whole);
        } else {
            fpl__put_n(d, ",", 1);
        }
        fpl__csv_maybe(d, rate, r->needed_per_month);
        if (r->has_whole && rate) {
            fpl__csv_whole(d, r->needed_per_month_whole);
        } else {
            fpl__put_n(d, ",", 1);
        }
        fpl__csv_maybe(d, a && i < p->n_stages, r->implied_deals); /* the table's columns */
        if (p->has_reps) {
            fpl__csv_number(d, r->plan_per_rep);
            fpl__csv_maybe(d, a, r->actual_per_rep);
            fpl__csv_maybe(d, rate, r->needed_rate_per_rep);
        }
        fpl__put(d, "\n");
    }
}

static void pace_grid(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p)
{
    enum { P_NAME, P_PLAN, P_TO_DATE, P_ACTUAL, P_ATTAIN, P_PROJ, P_NEEDED, P_LEFT,
           P_LEFT_MONTH, P_STATUS, P_IMPLIED, P_PLAN_REP, P_ACTUAL_REP, P_NEEDED_REP, P_N };
    char needed[32];
    fpl__join(needed, sizeof needed, "needed/", fpl_period_name(p->per));
    const char *headers[P_N] = {"",           "plan",         "to date",        "actual",
                                "attainment", "projection",   needed,           "still needed",
                                "per month left", "status",   "implied deals",  "plan/rep",
                                "actual/rep", "needed/rep"};
    const double lines[2] = {p->at_risk, p->off_track}; /* the status's thresholds */
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
        if (a) {
            char cell[FPL_NUMBER_MAX];
            format_beside(r->attainment, &percent_style, lines, 2, cell);
            fpl__table_set(d, P_ATTAIN, cell);
        } else {
            fpl__table_set(d, P_ATTAIN, "-");
        }
        fpl__table_maybe(d, P_PROJ, a, r->projection, FPL_NUMBER_AMOUNT);
        fpl__table_maybe(d, P_NEEDED, rate, r->needed_rate, FPL_NUMBER_AMOUNT);
        /* in whole units for units and deals, as an amount for revenue */
        const fpl_number_style left = r->has_whole ? FPL_NUMBER_WHOLE : FPL_NUMBER_AMOUNT;
        fpl__table_maybe(d, P_LEFT, a, r->has_whole ? r->still_needed_whole : r->still_needed,
                         left);
        fpl__table_maybe(d, P_LEFT_MONTH, rate,
                         r->has_whole ? r->needed_per_month_whole : r->needed_per_month, left);
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

static void pace_coverage(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p)
{
    fpl__put(d, "Open pipeline:");
    for (size_t i = 0, shown = 0; i < p->n_stages; ++i) {
        if (p->has_open[i]) {
            fpl__put_amount(d, shown++ > 0 ? ", " : " ", p->open[i], " ");
            fpl__put(d, f->stages[i].name);
        }
    }
    /* the deals the pipeline brings beside the deals still to close */
    char brings[FPL_NUMBER_MAX];
    fpl_format_number(p->open_deals, FPL_NUMBER_AMOUNT, brings, sizeof brings);
    char to_close[FPL_NUMBER_MAX];
    fpl_format_number(p->still_to_close, FPL_NUMBER_AMOUNT, to_close, sizeof to_close);
    if (p->open_deals < p->still_to_close && !shows_below(brings, to_close)) {
        format_beside(p->open_deals, &amount_style, &p->still_to_close, 1, brings);
    }
    fpl__put(d, "; expected to bring ", brings, " deals.\n");
    if (p->has_coverage_ratio) {
        /* raw beside the coverage the rates need, weighted beside 1x: the
         * same comparison (raw < required exactly when weighted < 1) */
        char raw[FPL_NUMBER_MAX];
        char weighted[FPL_NUMBER_MAX];
        const double one = 1.0;
        format_beside(p->coverage_raw, &coverage_style, &p->coverage_required,
                      p->has_coverage_required ? 1 : 0, raw);
        format_beside(p->coverage_weighted, &coverage_style, &one, 1, weighted);
        fpl__put(d, "Pipeline covers ", raw, "x of the ");
        fpl__put_amount(d, "", p->still_to_close, " deals still to close; weighted ");
        fpl__put(d, weighted, "x");
    } else {
        fpl__put(d, "Nothing is left to close: the deals won meet the target");
    }
    if (p->has_coverage_required) {
        char required[FPL_NUMBER_MAX];
        shown_at(p->coverage_required, &coverage_style, coverage_style.decimals, required);
        fpl__put(d, "; these rates need ", required, "x.\n");
    } else {
        fpl__put(d, "; the open pipeline is expected to bring no deals.\n");
    }
}

static void pace_table(fpl__doc *d, const fpl_funnel *f, const fpl_pace *p,
                       const fpl_date *start, const fpl_date *as_of)
{
    const char *per = fpl_period_name(p->per);
    fpl__put(d, "Pace per ", per);
    fpl__put_figure(d, ": ", p->elapsed, FPL_NUMBER_PERCENT, " of the ");
    fpl__put(d, per, " elapsed");
    if (start != NULL && as_of != NULL) {
        char from[FPL_CALENDAR_TEXT_MAX];
        char to[FPL_CALENDAR_TEXT_MAX];
        fpl_date_format(*start, from, sizeof from);
        fpl_date_format(*as_of, to, sizeof to);
        fpl__put(d, " (", from, " to ", to, ")");
    }
    fpl__put_amount(d, "; target ", p->deals.plan, " deals");
    if (p->has_revenue) {
        fpl__put_amount(d, ", revenue ", p->revenue.plan, "");
    }
    fpl__put(d, ".\n\n");
    pace_grid(d, f, p);
    fpl__put_figure(d, "\nStatus against plan to date: on track from ", p->at_risk,
                    FPL_NUMBER_PERCENT, ", at risk from ");
    fpl__put_figure(d, "", p->off_track, FPL_NUMBER_PERCENT, ", off track below.\n");
    bool whole = false;
    bool rate = false;
    const char *name;
    const fpl_pace_row *r;
    for (size_t i = 0; (r = pace_row(f, p, i, &name)) != NULL; ++i) {
        whole = whole || r->has_whole;
        rate = rate || (r->has_actual && r->has_needed_rate);
    }
    if (whole) {
        fpl__put(d, "Still needed: whole units to the plan's whole counts, less the actual");
        if (rate) {
            fpl__put_figure(d, "; per month left: over the ", p->months_left, FPL_NUMBER_TENTHS,
                            fpl__is_one(p->months_left) ? " month left" : " months left");
        }
        fpl__put(d, ".\n");
    }
    if (p->has_warning) {
        fpl__put(d, "Warning: ", f->stages[p->warning_stage].name, " is off track: ");
        if (p->warning_months > 0.0) {
            fpl__put_figure(d, "it shows in deals in about ", p->warning_months,
                            FPL_NUMBER_TENTHS, " months.\n");
        } else {
            fpl__put(d, "with no lag below it, it shows in deals at once.\n");
        }
    }
    if (p->has_coverage) {
        pace_coverage(d, f, p);
    }
    if (p->has_reps) {
        fpl__put_amount(d, "Per rep: ", p->reps, " reps share the work (the /rep columns).\n");
    }
    fpl__put(d, fpl__rounded_note);
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
    if (st == FPL_OK && format == FPL_RENDER_SVG) {
        return fpl_schedule_svg(funnel, schedule, buf, capacity, length_out, err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
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
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            pace_csv(&d, funnel, pace);
        } else {
            pace_table(&d, funnel, pace, start, as_of);
        }
    }
    return fpl__render_end(&d, err);
}

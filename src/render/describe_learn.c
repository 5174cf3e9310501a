/*
 * funnelplan — the description of a funnel learned from CRM history (the
 * JSON contract of `funnelplan learn`), and its table and CSV.
 * SPDX-License-Identifier: MIT
 *
 * The JSON is written a part at a time (fpl__json): the summary, the
 * stages one by one, deal size and seasonality, the sources and owners one
 * by one, the back-test: so no more than a stage's nodes are held at once.
 */

#include "internal.h"
#include "../internal.h"

#include <string.h>

/* ---- JSON -------------------------------------------------------------- */

static void lag_object(fpl_view *view, const fpl_learn_lag *lag)
{
    if (!lag->has) {
        fpl_view_null(view, "lag_days");
        return;
    }
    fpl_view_object(view, "lag_days");
    fpl_view_number(view, "mean", lag->mean);
    fpl_view_number(view, "median", lag->median);
    fpl_view_number(view, "p75", lag->p75);
    fpl_view_number(view, "p90", lag->p90);
    fpl_view_close(view);
}

static void describe_stage(fpl_view *view, const void *a, const void *b, size_t i)
{
    (void)b;
    const fpl_learn_stage *s = &((const fpl_learn_result *)a)->stages[i];
    fpl_view_object(view, NULL);
    fpl_view_string(view, "name", s->name);
    fpl_view_number_or_null(view, "rate", s->has_rate, s->rate);
    if (s->has_rate) {
        fpl_view_array(view, "interval");
        fpl_view_number(view, NULL, s->low);
        fpl_view_number(view, NULL, s->high);
        fpl_view_close(view);
    } else {
        fpl_view_null(view, "interval");
    }
    fpl_view_number(view, "naive_rate", s->naive_rate);
    fpl_view_count(view, "entered", s->entered);
    fpl_view_count(view, "converted", s->converted);
    fpl_view_count(view, "lost", s->lost);
    fpl_view_count(view, "open", s->open);
    fpl_view_number(view, "effective_n", s->effective);
    lag_object(view, &s->lag);
    fpl_view_close(view);
}

static void describe_group(fpl_view *view, const void *a, const void *b, size_t i)
{
    (void)b;
    const fpl_learn_group *g = &((const fpl_learn_group *)a)[i];
    fpl_view_object(view, NULL);
    fpl_view_string(view, "name", g->name);
    fpl_view_count(view, "items", g->items);
    fpl_view_count(view, "won", g->won);
    fpl_view_count(view, "lost", g->lost);
    fpl_view_count(view, "open", g->open);
    fpl_view_number_or_null(view, "win_rate", g->has_win_rate, g->win_rate);
    fpl_view_number(view, "naive_win_rate", g->naive_win_rate);
    fpl_view_number(view, "won_revenue", g->won_revenue);
    fpl_view_close(view);
}

/* Nodes of the back-test at most. */
#define BACKTEST_NODES (12 + 8 * FPL_LEARN_MAX_BACKTEST)

/* Nodes of the last part: the back-test, and a fit's object. */
#define LAST_NODES (BACKTEST_NODES + FPL__FIT_NODES)

/* The JSON of a result, with a fit's object under "score_fit" at the end
 * when fit is not NULL (fit, source and options checked by fpl__fit_check). */
static fpl_status learn_json(const fpl_learn_result *result, const fpl_score_fit_result *fit,
                             const fpl_score_fit_source *source, const char *options, char *buf,
                             size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK && result == NULL) {
        st = fpl__done(err, FPL_ERR_NULL);
    }
    if (st != FPL_OK) {
        return st;
    }
    const fpl_learn_result *r = result;
    char as_of[FPL_CALENDAR_TEXT_MAX];
    char first[FPL_CALENDAR_TEXT_MAX];
    fpl_date_format(r->as_of, as_of, sizeof as_of);
    fpl_date_format(r->first, first, sizeof first);

    fpl_node nodes[LAST_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, BACKTEST_NODES);
    fpl_view_object(&v, NULL);
    fpl_view_string(&v, "command", "learn");
    fpl_view_string(&v, "estimator", "aalen-johansen");
    fpl_view_string(&v, "as_of", as_of);
    fpl_view_string(&v, "first", first);
    fpl_view_count(&v, "rows", r->rows);
    fpl_view_count(&v, "skipped", r->skipped);
    fpl_view_count(&v, "items", r->items);
    fpl_view_count(&v, "won", r->won);
    fpl_view_count(&v, "lost", r->lost);
    fpl_view_count(&v, "open", r->open);
    fpl_view_close(&v);
    st = fpl__json_members(&j, &v, NULL, err);
    const fpl__part stages = {"stages", r->n_stages, describe_stage, r, NULL};
    if (st == FPL_OK) {
        st = fpl__json_array(&j, &stages, err);
    }
    if (st == FPL_OK) {
        fpl_view_init(&v, nodes, BACKTEST_NODES);
        fpl_view_object(&v, NULL);
        if (r->has_deal_size) {
            fpl_view_object(&v, "deal_size");
            fpl_view_count(&v, "count", r->deal_count);
            fpl_view_number(&v, "mean", r->deal_mean);
            fpl_view_number(&v, "median", r->deal_median);
            fpl_view_number(&v, "cv", r->deal_cv);
            fpl_view_close(&v);
        } else {
            fpl_view_null(&v, "deal_size");
        }
        if (r->has_seasonality) {
            fpl_view_array(&v, "seasonality");
            for (int m = 0; m < 12; ++m) {
                fpl_view_number(&v, NULL, r->seasonality[m]);
            }
            fpl_view_close(&v);
        } else {
            fpl_view_null(&v, "seasonality");
        }
        fpl_view_close(&v);
        st = fpl__json_members(&j, &v, NULL, err);
    }
    const fpl__part sources = {"sources", r->n_sources, describe_group, r->sources, NULL};
    const fpl__part owners = {"owners", r->n_owners, describe_group, r->owners, NULL};
    if (st == FPL_OK) {
        st = fpl__json_array(&j, &sources, err);
    }
    if (st == FPL_OK) {
        st = fpl__json_array(&j, &owners, err);
    }
    /* outlives the view, which points at it until the JSON is written */
    // cppcheck-suppress variableScope
    char cutoffs[FPL_LEARN_MAX_BACKTEST][FPL_CALENDAR_TEXT_MAX];
    fpl_view_init(&v, nodes, LAST_NODES);
    fpl_view_object(&v, NULL);
    if (r->has_backtest) {
        const fpl_learn_backtest *b = &r->backtest;
        fpl_view_object(&v, "backtest");
        fpl_view_array(&v, "months");
        for (size_t i = 0; i < b->n_rows && i < FPL_LEARN_MAX_BACKTEST; ++i) {
            const fpl_learn_backtest_row *row = &b->rows[i];
            fpl_date_format(row->cutoff, cutoffs[i], sizeof cutoffs[i]);
            fpl_view_object(&v, NULL);
            fpl_view_string(&v, "cutoff", cutoffs[i]);
            fpl_view_month(&v, "month", row->month);
            fpl_view_number(&v, "deals", row->deals);
            fpl_view_number(&v, "actual_deals", row->actual_deals);
            fpl_view_number(&v, "revenue", row->revenue);
            fpl_view_number(&v, "actual_revenue", row->actual_revenue);
            fpl_view_close(&v);
        }
        fpl_view_close(&v);
        fpl_view_number_or_null(&v, "deals_mape", b->has_deals_mape, b->deals_mape);
        fpl_view_number(&v, "deals_bias", b->deals_bias);
        fpl_view_number_or_null(&v, "revenue_mape", b->has_revenue_mape, b->revenue_mape);
        fpl_view_number(&v, "revenue_bias", b->revenue_bias);
        fpl_view_close(&v);
    } else {
        fpl_view_null(&v, "backtest");
    }
    if (fit != NULL && source != NULL && options != NULL) {
        fpl__fit_describe(&v, "score_fit", fit, source, options);
    }
    fpl_view_close(&v);
    return fpl__json_end(&j, st == FPL_OK ? &v : NULL, st, length_out, err);
}

fpl_status fpl_learn_json(const fpl_learn_result *result, char *buf, size_t capacity,
                          size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    return learn_json(result, NULL, NULL, NULL, buf, capacity, length_out, err);
}

/* ---- the table and the CSV -------------------------------------------- */

static void learn_csv(fpl__doc *d, const fpl_learn_result *r)
{
    fpl__put(d, "stage,entered,converted,lost,open,rate,low,high,naive_rate,effective_n,"
                "lag_mean,lag_median,lag_p75,lag_p90\n");
    for (size_t i = 0; i < r->n_stages; ++i) {
        const fpl_learn_stage *s = &r->stages[i];
        fpl__csv_text(d, true, s->name);
        fpl__csv_count(d, s->entered);
        fpl__csv_count(d, s->converted);
        fpl__csv_count(d, s->lost);
        fpl__csv_count(d, s->open);
        fpl__csv_maybe(d, s->has_rate, s->rate);
        fpl__csv_maybe(d, s->has_rate, s->low);
        fpl__csv_maybe(d, s->has_rate, s->high);
        fpl__csv_number(d, s->naive_rate);
        fpl__csv_number(d, s->effective);
        fpl__csv_maybe(d, s->lag.has, s->lag.mean);
        fpl__csv_maybe(d, s->lag.has, s->lag.median);
        fpl__csv_maybe(d, s->lag.has, s->lag.p75);
        fpl__csv_maybe(d, s->lag.has, s->lag.p90);
        fpl__put(d, "\n");
    }
}

static void percent_cell(fpl__doc *d, size_t col, bool present, double x)
{
    fpl__table_maybe(d, col, present, x, FPL_NUMBER_CHANCE);
}

static void groups_table(fpl__doc *d, const char *what, const fpl_learn_group *g, size_t n)
{
    if (n == 0) {
        return;
    }
    enum { G_NAME, G_ITEMS, G_WON, G_LOST, G_OPEN, G_RATE, G_NAIVE, G_REVENUE, G_N };
    const char *headers[G_N] = {what, "items", "won", "lost", "open", "win rate", "naive",
                                "won revenue"};
    fpl__align al[G_N];
    for (size_t c = 0; c < G_N; ++c) {
        al[c] = c == G_NAME ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__put(d, "\n");
    fpl__table_begin(d, G_N, headers, al);
    for (size_t i = 0; i < n; ++i) {
        fpl__table_row(d);
        fpl__table_set(d, G_NAME, g[i].name);
        fpl__table_count(d, G_ITEMS, g[i].items);
        fpl__table_count(d, G_WON, g[i].won);
        fpl__table_count(d, G_LOST, g[i].lost);
        fpl__table_count(d, G_OPEN, g[i].open);
        percent_cell(d, G_RATE, g[i].has_win_rate, g[i].win_rate);
        percent_cell(d, G_NAIVE, true, g[i].naive_win_rate);
        fpl__table_style(d, G_REVENUE, g[i].won_revenue, FPL_NUMBER_AMOUNT);
    }
    fpl__table_end(d);
}

static void backtest_table(fpl__doc *d, const fpl_learn_backtest *b)
{
    fpl__put(d, "\nBack-test: plans learned from this history at past dates");
    if (b->has_deals_mape) {
        fpl__put_figure(d, " missed monthly deals by ", b->deals_mape, FPL_NUMBER_CHANCE,
                        " on average");
        fpl__put_figure(d, " (bias ", b->deals_bias, FPL_NUMBER_RELATIVE, ")");
    } else {
        fpl__put(d, " cannot be scored: no deal was won in the months forecast");
    }
    if (b->has_revenue_mape) {
        fpl__put_figure(d, " and monthly revenue by ", b->revenue_mape, FPL_NUMBER_CHANCE,
                        "");
        fpl__put_figure(d, " (bias ", b->revenue_bias, FPL_NUMBER_RELATIVE, ")");
    }
    fpl__put(d, ".\n\n");
    enum { B_CUT, B_MONTH, B_DEALS, B_ACTUAL, B_REV, B_ACTUAL_REV, B_N };
    const char *headers[B_N] = {"learned at", "month", "deals", "actual", "revenue",
                                "actual revenue"};
    fpl__align al[B_N];
    for (size_t c = 0; c < B_N; ++c) {
        al[c] = c <= B_MONTH ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__table_begin(d, B_N, headers, al);
    for (size_t i = 0; i < b->n_rows; ++i) {
        const fpl_learn_backtest_row *row = &b->rows[i];
        char cut[FPL_CALENDAR_TEXT_MAX];
        char month[FPL_CALENDAR_TEXT_MAX];
        fpl_date_format(row->cutoff, cut, sizeof cut);
        fpl_month_format(row->month, month, sizeof month);
        fpl__table_row(d);
        fpl__table_set(d, B_CUT, cut);
        fpl__table_set(d, B_MONTH, month);
        fpl__table_style(d, B_DEALS, row->deals, FPL_NUMBER_AMOUNT);
        fpl__table_style(d, B_ACTUAL, row->actual_deals, FPL_NUMBER_AMOUNT);
        fpl__table_style(d, B_REV, row->revenue, FPL_NUMBER_AMOUNT);
        fpl__table_style(d, B_ACTUAL_REV, row->actual_revenue, FPL_NUMBER_AMOUNT);
    }
    fpl__table_end(d);
}

static void learn_table(fpl__doc *d, const fpl_learn_result *r)
{
    char as_of[FPL_CALENDAR_TEXT_MAX];
    char first[FPL_CALENDAR_TEXT_MAX];
    fpl_date_format(r->as_of, as_of, sizeof as_of);
    fpl_date_format(r->first, first, sizeof first);
    fpl__put(d, "Funnel learned from ");
    fpl__put_count(d, r->items);
    fpl__put(d, r->items == 1 ? " item (" : " items (");
    fpl__put_count(d, r->rows);
    fpl__put(d, r->rows == 1 ? " row) from " : " rows) from ", first, " to ", as_of, ": ");
    fpl__put_count(d, r->won);
    fpl__put(d, " won, ");
    fpl__put_count(d, r->lost);
    fpl__put(d, " lost, ");
    fpl__put_count(d, r->open);
    fpl__put(d, " open.\n"
                "Rates count open items as undecided (Aalen-Johansen); naive = converted /"
                " entered.\n\n");
    enum { S_NAME, S_ENTERED, S_CONV, S_LOST, S_OPEN, S_RATE, S_LOW, S_HIGH, S_NAIVE, S_MEAN,
           S_MEDIAN, S_P75, S_P90, S_N };
    const char *headers[S_N] = {"stage", "entered", "converted", "lost", "open", "rate",
                                "90% low", "90% high", "naive", "lag days", "median", "p75",
                                "p90"};
    fpl__align al[S_N];
    for (size_t c = 0; c < S_N; ++c) {
        al[c] = c == S_NAME ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__table_begin(d, S_N, headers, al);
    for (size_t i = 0; i < r->n_stages; ++i) {
        const fpl_learn_stage *s = &r->stages[i];
        fpl__table_row(d);
        fpl__table_set(d, S_NAME, s->name);
        fpl__table_count(d, S_ENTERED, s->entered);
        fpl__table_count(d, S_CONV, s->converted);
        fpl__table_count(d, S_LOST, s->lost);
        fpl__table_count(d, S_OPEN, s->open);
        percent_cell(d, S_RATE, s->has_rate, s->rate);
        percent_cell(d, S_LOW, s->has_rate, s->low);
        percent_cell(d, S_HIGH, s->has_rate, s->high);
        percent_cell(d, S_NAIVE, true, s->naive_rate);
        fpl__table_maybe(d, S_MEAN, s->lag.has, s->lag.mean, FPL_NUMBER_TENTHS);
        fpl__table_maybe(d, S_MEDIAN, s->lag.has, s->lag.median, FPL_NUMBER_TENTHS);
        fpl__table_maybe(d, S_P75, s->lag.has, s->lag.p75, FPL_NUMBER_TENTHS);
        fpl__table_maybe(d, S_P90, s->lag.has, s->lag.p90, FPL_NUMBER_TENTHS);
    }
    fpl__table_end(d);
    if (r->has_deal_size) {
        fpl__put_figure(d, "\nDeal size: mean ", r->deal_mean, FPL_NUMBER_AMOUNT, ", median ");
        fpl__put_figure(d, "", r->deal_median, FPL_NUMBER_AMOUNT, ", variation (cv) ");
        fpl__put_figure(d, "", r->deal_cv, FPL_NUMBER_AMOUNT, " over ");
        fpl__put_count(d, r->deal_count);
        fpl__put(d, r->deal_count == 1 ? " won deal with an amount.\n"
                                       : " won deals with an amount.\n");
    } else {
        fpl__put(d, "\nDeal size: not known (no won item has an amount).\n");
    }
    if (r->has_seasonality) {
        fpl__put(d, "Seasonality of entries, January to December:");
        for (int m = 0; m < 12; ++m) {
            fpl__put_figure(d, m > 0 ? ", " : " ", r->seasonality[m], FPL_NUMBER_AMOUNT, "");
        }
        fpl__put(d, ".\n");
    } else {
        fpl__put(d, "Seasonality: not known (fewer than 12 whole months of entries).\n");
    }
    groups_table(d, "source", r->sources, r->n_sources);
    groups_table(d, "owner", r->owners, r->n_owners);
    if (r->has_backtest) {
        backtest_table(d, &r->backtest);
    }
    fpl__put(d, fpl__rounded_note);
}

/* learn's text in a format, then, when fit is given, the fit's as
 * fpl_score_fit_render() writes it (JSON: nested under score_fit). */
static fpl_status render(const fpl_learn_result *result, bool with_fit,
                         const fpl_score_fit_result *fit, const fpl_score_fit_source *source,
                         fpl_render_format format, char *buf, size_t capacity, size_t *length_out,
                         fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    char options[FPL_CRITERIA_OPTIONS_MAX];
    size_t len = 0;
    fpl_status st = with_fit ? fpl__fit_check(fit, source, options, err) : FPL_OK;
    if (st == FPL_OK) {
        st = learn_json(result, with_fit ? fit : NULL, with_fit ? source : NULL,
                        with_fit ? options : NULL, json ? buf : NULL, json ? capacity : 0, &len,
                        err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            learn_csv(&d, result);
        } else {
            learn_table(&d, result);
        }
        if (!with_fit) {
            continue;
        }
        fpl__put(&d, "\n");
        if (d.pass == 2 && format == FPL_RENDER_CSV) {
            fpl__fit_csv(fit, &d.text);
        } else if (d.pass == 2) {
            fpl__fit_table(fit, source, options, &d.text);
        }
    }
    return fpl__render_end(&d, err);
}

fpl_status fpl_learn_render(const fpl_learn_result *result, fpl_render_format format, char *buf,
                            size_t capacity, size_t *length_out, fpl_error *err)
{
    return render(result, false, NULL, NULL, format, buf, capacity, length_out, err);
}

fpl_status fpl_learn_fit_render(const fpl_learn_result *result, const fpl_score_fit_result *fit,
                                const fpl_score_fit_source *source, fpl_render_format format,
                                char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    return render(result, true, fit, source, format, buf, capacity, length_out, err);
}

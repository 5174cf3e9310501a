/*
 * funnelplan CLI — presenting plans and forecasts as JSON, CSV and tables.
 * SPDX-License-Identifier: MIT
 *
 * No formula lives here: every figure comes from the library's result. The
 * only arithmetic is presentation (rounding for display, a fraction shown as
 * a percentage, the length of a bar).
 *
 * JSON keys and their order are the documented plan/forecast contract:
 * `--format json` prints the same object as Python's `result.to_dict()`.
 */

#include "render.h"

#include <stdio.h>
#include <string.h>

/* ---- JSON ---------------------------------------------------------------
 * A small pretty-printing writer: two spaces per level, one key or element
 * per line, like Python's json.dumps(indent=2). */

typedef struct jw {
    cli_buf *b;
    int depth;
    bool need_comma; /* the current container already has an item */
    bool after_key;  /* a key was written; its value comes next */
} jw;

static void jw_newline(jw *w)
{
    cli_buf_putc(w->b, '\n');
    cli_buf_repeat(w->b, "  ", (size_t)w->depth);
}

/* Before a key, or before a value that is an array element. */
static void jw_item(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma) {
        cli_buf_putc(w->b, ',');
    }
    if (w->depth > 0) {
        jw_newline(w);
    }
}

static void jw_key(jw *w, const char *key)
{
    jw_item(w);
    cli_buf_json_string(w->b, key);
    cli_buf_puts(w->b, ": ");
    w->after_key = true;
}

static void jw_open(jw *w, char c)
{
    jw_item(w);
    cli_buf_putc(w->b, c);
    w->depth++;
    w->need_comma = false;
}

static void jw_close(jw *w, char c)
{
    w->depth--;
    if (w->need_comma) {
        jw_newline(w);
    }
    cli_buf_putc(w->b, c);
    w->need_comma = true;
}

static void jw_number(jw *w, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    jw_item(w);
    cli_buf_puts(w->b, num);
    w->need_comma = true;
}

static void jw_number_or_null(jw *w, bool present, double x)
{
    if (present) {
        jw_number(w, x);
    } else {
        jw_item(w);
        cli_buf_puts(w->b, "null");
        w->need_comma = true;
    }
}

static void jw_count(jw *w, uint64_t n)
{
    jw_item(w);
    cli_buf_printf(w->b, "%llu", (unsigned long long)n);
    w->need_comma = true;
}

static void jw_string(jw *w, const char *s)
{
    jw_item(w);
    cli_buf_json_string(w->b, s);
    w->need_comma = true;
}

static void jw_key_number(jw *w, const char *key, double x)
{
    jw_key(w, key);
    jw_number(w, x);
}

static void jw_key_number_or_null(jw *w, const char *key, bool present, double x)
{
    jw_key(w, key);
    jw_number_or_null(w, present, x);
}

static void jw_key_string(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

static void jw_end(jw *w)
{
    cli_buf_putc(w->b, '\n');
}

static const fpl_period all_periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};

static void plan_json(cli_buf *out, const fpl_funnel *f, const fpl_plan *p)
{
    jw w = {out, 0, false, false};
    jw_open(&w, '{');
    jw_key_string(&w, "command", "plan");
    jw_key_string(&w, "per", fpl_period_name(p->per));
    jw_key_number_or_null(&w, "revenue", p->has_revenue, p->revenue);
    jw_key_number_or_null(&w, "deal_size", p->has_deal_size, p->deal_size);
    jw_key_number(&w, "deals", p->deals);
    jw_key(&w, "deals_whole");
    jw_count(&w, p->deals_whole);
    jw_key_number(&w, "margin", p->margin);
    jw_key_number_or_null(&w, "gross_profit", p->has_revenue, p->gross_profit);
    jw_key(&w, "stages");
    jw_open(&w, '[');
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        jw_open(&w, '{');
        jw_key_string(&w, "name", f->stages[k].name);
        jw_key_number(&w, "rate", s->rate);
        jw_key_number(&w, "cumulative_rate", s->cumulative_rate);
        jw_key_number(&w, "required", s->required);
        jw_key(&w, "required_whole");
        jw_count(&w, s->required_whole);
        if (p->has_cost) {
            jw_key_number(&w, "cost_per", s->cost_per);
        }
        jw_close(&w, '}');
    }
    jw_close(&w, ']');
    jw_key(&w, "by_period");
    jw_open(&w, '{');
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_plan_period *bp = &p->by_period[q];
        jw_key(&w, fpl_period_name(all_periods[q]));
        jw_open(&w, '{');
        jw_key_number_or_null(&w, "revenue", p->has_revenue, bp->revenue);
        jw_key_number(&w, "deals", bp->deals);
        jw_key(&w, "stages");
        jw_open(&w, '[');
        for (size_t k = 0; k < p->n_stages; ++k) {
            jw_open(&w, '{');
            jw_key_string(&w, "name", f->stages[k].name);
            jw_key_number(&w, "required", bp->required[k]);
            jw_close(&w, '}');
        }
        jw_close(&w, ']');
        if (p->has_cost) {
            jw_key_number(&w, "budget", bp->budget);
        }
        jw_close(&w, '}');
    }
    jw_close(&w, '}');
    if (p->has_cost) {
        jw_key_number(&w, "cost_per_lead", p->cost_per_lead);
        jw_key_number(&w, "budget", p->budget);
        jw_key_number(&w, "cost_per_deal", p->cost_per_deal);
    }
    jw_close(&w, '}');
    jw_end(&w);
}

static void forecast_json(cli_buf *out, const fpl_funnel *f, const fpl_forecast *r)
{
    jw w = {out, 0, false, false};
    jw_open(&w, '{');
    jw_key_string(&w, "command", "forecast");
    jw_key_string(&w, "per", fpl_period_name(r->per));
    jw_key_string(&w, "at", f->stages[r->at].name);
    jw_key_number(&w, "volume", r->volume);
    jw_key(&w, "stages");
    jw_open(&w, '[');
    for (size_t k = r->at; k < r->n_stages; ++k) {
        jw_open(&w, '{');
        jw_key_string(&w, "name", f->stages[k].name);
        jw_key_number(&w, "rate", f->stages[k].rate);
        jw_key_number(&w, "expected", r->expected[k]);
        jw_close(&w, '}');
    }
    jw_close(&w, ']');
    jw_key_number(&w, "deals", r->deals);
    jw_key_number_or_null(&w, "revenue", r->has_revenue, r->revenue);
    jw_key_number_or_null(&w, "deal_size", r->has_revenue, r->deal_size);
    jw_key_number(&w, "margin", r->margin);
    jw_key_number_or_null(&w, "gross_profit", r->has_revenue, r->gross_profit);
    jw_key(&w, "by_period");
    jw_open(&w, '{');
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_forecast_period *bp = &r->by_period[q];
        jw_key(&w, fpl_period_name(all_periods[q]));
        jw_open(&w, '{');
        jw_key_number_or_null(&w, "revenue", r->has_revenue, bp->revenue);
        jw_key_number(&w, "deals", bp->deals);
        jw_key(&w, "stages");
        jw_open(&w, '[');
        for (size_t k = r->at; k < r->n_stages; ++k) {
            jw_open(&w, '{');
            jw_key_string(&w, "name", f->stages[k].name);
            jw_key_number(&w, "expected", bp->expected[k]);
            jw_close(&w, '}');
        }
        jw_close(&w, ']');
        if (r->has_cost) {
            jw_key_number(&w, "budget", bp->budget);
        }
        jw_close(&w, '}');
    }
    jw_close(&w, '}');
    if (r->has_cost) {
        jw_key_number(&w, "cost_per_lead", r->cost_per_lead);
        jw_key_number(&w, "budget", r->budget);
        jw_key_number(&w, "cost_per_deal", r->cost_per_deal);
    }
    if (r->target != FPL_TARGET_NONE) {
        jw_key_number_or_null(&w, "target_revenue", r->has_target_revenue, r->target_revenue);
        jw_key_number(&w, "target_deals", r->target_deals);
        jw_key_number_or_null(&w, "gap_revenue", r->has_gap_revenue, r->gap_revenue);
        jw_key_number(&w, "gap_deals", r->gap_deals);
        jw_key_number(&w, "attainment", r->attainment);
    }
    jw_close(&w, '}');
    jw_end(&w);
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_number(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    cli_buf_putc(out, ',');
    cli_buf_puts(out, num);
}

static void plan_csv(cli_buf *out, const fpl_funnel *f, const fpl_plan *p)
{
    cli_buf_puts(out, "stage,rate,cumulative_rate,required,required_whole");
    if (p->has_cost) {
        cli_buf_puts(out, ",cost_per");
    }
    cli_buf_puts(out, ",required_per_month,required_per_quarter,required_per_year\n");
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        cli_buf_csv_field(out, f->stages[k].name);
        csv_number(out, s->rate);
        csv_number(out, s->cumulative_rate);
        csv_number(out, s->required);
        cli_buf_printf(out, ",%llu", (unsigned long long)s->required_whole);
        if (p->has_cost) {
            csv_number(out, s->cost_per);
        }
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            csv_number(out, p->by_period[q].required[k]);
        }
        cli_buf_putc(out, '\n');
    }
}

static void forecast_csv(cli_buf *out, const fpl_funnel *f, const fpl_forecast *r)
{
    cli_buf_puts(out, "stage,rate,expected,expected_per_month,expected_per_quarter,"
                      "expected_per_year\n");
    for (size_t k = r->at; k < r->n_stages; ++k) {
        cli_buf_csv_field(out, f->stages[k].name);
        csv_number(out, f->stages[k].rate);
        csv_number(out, r->expected[k]);
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            csv_number(out, r->by_period[q].expected[k]);
        }
        cli_buf_putc(out, '\n');
    }
}

/* ---- tables ------------------------------------------------------------ */

/* The label of the row that stands for won deals below the last stage
 * (`won` is a reserved word, so no stage can have this name). */
static const char won_label[] = "won";

static void set_fixed2(cli_table *t, size_t col, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_fixed2(num, x);
    cli_table_set(t, col, num);
}

static void set_count(cli_table *t, size_t col, uint64_t n)
{
    char num[CLI_NUM_MAX];
    cli_fmt_count(num, n);
    cli_table_set(t, col, num);
}

static void set_percent(cli_table *t, size_t col, double fraction)
{
    char num[CLI_NUM_MAX];
    cli_fmt_percent(num, fraction);
    cli_table_set(t, col, num);
}

static void set_bar(cli_table *t, size_t col, double value, double top)
{
    char bar[CLI_NUM_MAX];
    cli_bar(bar, value, top);
    cli_table_set(t, col, bar);
}

/* "16,666.67 per month, 50,000 per quarter, 200,000 per year" */
static void put_by_period(cli_buf *out, const double values[FPL_PERIOD_COUNT])
{
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        char num[CLI_NUM_MAX];
        cli_fmt_amount(num, values[q]);
        cli_buf_printf(out, "%s%s per %s", q > 0 ? ", " : "", num,
                       fpl_period_name(all_periods[q]));
    }
}

static void put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_amount(num, x);
    cli_buf_puts(out, num);
}

static void put_percent(cli_buf *out, double fraction)
{
    char num[CLI_NUM_MAX];
    cli_fmt_percent(num, fraction);
    cli_buf_puts(out, num);
}

static void put_deals(cli_buf *out, double deals)
{
    put_amount(out, deals);
    cli_buf_puts(out, " deals");
}

static void put_budget(cli_buf *out, double cost_per_lead, const double budget[FPL_PERIOD_COUNT],
                       double cost_per_deal)
{
    cli_buf_puts(out, "Budget at a cost per lead of ");
    put_amount(out, cost_per_lead);
    cli_buf_puts(out, ": ");
    put_by_period(out, budget);
    cli_buf_puts(out, "; cost per deal ");
    put_amount(out, cost_per_deal);
    cli_buf_puts(out, ".\n");
}

static void put_gross_profit(cli_buf *out, double margin, double gross_profit, fpl_period per)
{
    cli_buf_puts(out, "Gross profit at a margin of ");
    put_percent(out, margin);
    cli_buf_puts(out, ": ");
    put_amount(out, gross_profit);
    cli_buf_printf(out, " per %s.\n", fpl_period_name(per));
}

static void plan_table(cli_buf *out, const fpl_funnel *f, const fpl_plan *p)
{
    const char *per = fpl_period_name(p->per);
    char whole_header[32];
    snprintf(whole_header, sizeof whole_header, "whole/%s", per);

    /* Headline: the target as a sentence. */
    char deals[CLI_NUM_MAX];
    char whole[CLI_NUM_MAX];
    cli_fmt_amount(deals, p->deals);
    cli_fmt_count(whole, p->deals_whole);
    cli_buf_printf(out, "Plan per %s: ", per);
    if (p->has_revenue) {
        cli_buf_puts(out, "revenue ");
        put_amount(out, p->revenue);
        cli_buf_puts(out, " \u00F7 deal size ");
        put_amount(out, p->deal_size);
        cli_buf_puts(out, " = ");
    }
    cli_buf_printf(out, "%s deals", deals);
    if (strcmp(deals, whole) != 0) {
        cli_buf_printf(out, " (%s whole)", whole);
    }
    if (!p->has_revenue && p->has_deal_size) {
        cli_buf_puts(out, " at a deal size of ");
        put_amount(out, p->deal_size);
    }
    cli_buf_puts(out, "\n\n");

    /* The funnel, top first, then the deals it wins. */
    enum { C_STAGE, C_RATE, C_CUM, C_WHOLE, C_COST, C_MONTH, C_QUARTER, C_YEAR, C_BAR, C_N };
    const char *headers[C_N] = {"stage",     "rate",        "cumulative", whole_header,
                                "cost each", "per month",   "per quarter", "per year", ""};
    const cli_align align[C_N] = {CLI_LEFT,  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_LEFT};
    /* Without a cost the cost column is left out: shift the rest left. */
    size_t col[C_N];
    const char *hdr[C_N];
    cli_align al[C_N];
    size_t ncols = 0;
    for (size_t c = 0; c < C_N; ++c) {
        if (c == C_COST && !p->has_cost) {
            col[c] = (size_t)-1;
            continue;
        }
        col[c] = ncols;
        hdr[ncols] = headers[c];
        al[ncols] = align[c];
        ncols++;
    }
    cli_table t;
    cli_table_init(&t, ncols, hdr, al);
    const double top = p->stages[0].required;
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        cli_table_row(&t);
        cli_table_set(&t, col[C_STAGE], f->stages[k].name);
        set_percent(&t, col[C_RATE], s->rate);
        set_percent(&t, col[C_CUM], s->cumulative_rate);
        set_count(&t, col[C_WHOLE], s->required_whole);
        if (p->has_cost) {
            set_fixed2(&t, col[C_COST], s->cost_per);
        }
        set_fixed2(&t, col[C_MONTH], p->by_period[FPL_PERIOD_MONTH].required[k]);
        set_fixed2(&t, col[C_QUARTER], p->by_period[FPL_PERIOD_QUARTER].required[k]);
        set_fixed2(&t, col[C_YEAR], p->by_period[FPL_PERIOD_YEAR].required[k]);
        set_bar(&t, col[C_BAR], s->required, top);
    }
    cli_table_row(&t);
    cli_table_set(&t, col[C_STAGE], won_label);
    set_count(&t, col[C_WHOLE], p->deals_whole);
    if (p->has_cost) {
        set_fixed2(&t, col[C_COST], p->cost_per_deal);
    }
    set_fixed2(&t, col[C_MONTH], p->by_period[FPL_PERIOD_MONTH].deals);
    set_fixed2(&t, col[C_QUARTER], p->by_period[FPL_PERIOD_QUARTER].deals);
    set_fixed2(&t, col[C_YEAR], p->by_period[FPL_PERIOD_YEAR].deals);
    set_bar(&t, col[C_BAR], p->deals, top);
    cli_table_render(&t, out);
    cli_table_free(&t);

    /* Money, then the footnote. */
    bool blank = false;
    if (p->has_cost) {
        double budget[FPL_PERIOD_COUNT];
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            budget[q] = p->by_period[q].budget;
        }
        cli_buf_putc(out, '\n');
        blank = true;
        put_budget(out, p->cost_per_lead, budget, p->cost_per_deal);
    }
    if (p->has_revenue && p->margin < 1.0) {
        if (!blank) {
            cli_buf_putc(out, '\n');
        }
        put_gross_profit(out, p->margin, p->gross_profit, p->per);
    }
    cli_buf_puts(out, "\nFigures are rounded for display (--format json gives exact values).\n"
                      "Whole counts are rounded up: the deals first, then each stage from the "
                      "bottom of the funnel up.\n");
}

static void forecast_table(cli_buf *out, const fpl_funnel *f, const fpl_forecast *r)
{
    const char *per = fpl_period_name(r->per);

    cli_buf_printf(out, "Forecast per %s: ", per);
    put_amount(out, r->volume);
    cli_buf_puts(out, " enter ");
    cli_buf_puts(out, f->stages[r->at].name);
    cli_buf_puts(out, " \u2192 ");
    put_deals(out, r->deals);
    if (r->has_revenue) {
        cli_buf_puts(out, " \u00D7 deal size ");
        put_amount(out, r->deal_size);
        cli_buf_puts(out, " = revenue ");
        put_amount(out, r->revenue);
    }
    cli_buf_puts(out, "\n\n");

    enum { C_STAGE, C_RATE, C_MONTH, C_QUARTER, C_YEAR, C_BAR, C_N };
    const char *headers[C_N] = {"stage", "rate", "per month", "per quarter", "per year", ""};
    const cli_align align[C_N] = {CLI_LEFT,  CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_LEFT};
    cli_table t;
    cli_table_init(&t, C_N, headers, align);
    const double top = r->expected[r->at];
    for (size_t k = r->at; k < r->n_stages; ++k) {
        cli_table_row(&t);
        cli_table_set(&t, C_STAGE, f->stages[k].name);
        set_percent(&t, C_RATE, f->stages[k].rate);
        set_fixed2(&t, C_MONTH, r->by_period[FPL_PERIOD_MONTH].expected[k]);
        set_fixed2(&t, C_QUARTER, r->by_period[FPL_PERIOD_QUARTER].expected[k]);
        set_fixed2(&t, C_YEAR, r->by_period[FPL_PERIOD_YEAR].expected[k]);
        set_bar(&t, C_BAR, r->expected[k], top);
    }
    cli_table_row(&t);
    cli_table_set(&t, C_STAGE, won_label);
    set_fixed2(&t, C_MONTH, r->by_period[FPL_PERIOD_MONTH].deals);
    set_fixed2(&t, C_QUARTER, r->by_period[FPL_PERIOD_QUARTER].deals);
    set_fixed2(&t, C_YEAR, r->by_period[FPL_PERIOD_YEAR].deals);
    set_bar(&t, C_BAR, r->deals, top);
    cli_table_render(&t, out);
    cli_table_free(&t);

    cli_buf_putc(out, '\n');
    double values[FPL_PERIOD_COUNT];
    if (r->has_revenue) {
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            values[q] = r->by_period[q].revenue;
        }
        cli_buf_puts(out, "Revenue: ");
        put_by_period(out, values);
        cli_buf_puts(out, ".\n");
    }
    if (r->has_cost) {
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            values[q] = r->by_period[q].budget;
        }
        put_budget(out, r->cost_per_lead, values, r->cost_per_deal);
    }
    if (r->has_revenue && r->margin < 1.0) {
        put_gross_profit(out, r->margin, r->gross_profit, r->per);
    }
    if (r->target != FPL_TARGET_NONE) {
        cli_buf_printf(out, "Target per %s: ", per);
        if (r->has_target_revenue) {
            cli_buf_puts(out, "revenue ");
            put_amount(out, r->target_revenue);
            cli_buf_puts(out, " = ");
        }
        put_deals(out, r->target_deals);
        cli_buf_puts(out, "; attainment ");
        put_percent(out, r->attainment);
        cli_buf_puts(out, ".\n");
        /* The sign of the gap only chooses the words. */
        if (r->gap_deals > 0.0 || r->gap_deals < 0.0) {
            bool short_of = r->gap_deals > 0.0;
            cli_buf_puts(out, short_of ? "Gap: short by " : "Gap: ahead by ");
            put_deals(out, short_of ? r->gap_deals : -r->gap_deals);
            if (r->has_gap_revenue) {
                cli_buf_puts(out, ", revenue ");
                put_amount(out, short_of ? r->gap_revenue : -r->gap_revenue);
            }
            cli_buf_puts(out, ".\n");
        } else {
            cli_buf_puts(out, "Gap: none, the forecast meets the target exactly.\n");
        }
    }
    if (r->has_revenue || r->has_cost || r->target != FPL_TARGET_NONE) {
        cli_buf_putc(out, '\n');
    }
    cli_buf_puts(out, "Figures are rounded for display (--format json gives exact values).\n");
}

/* ---- entry points ------------------------------------------------------ */

void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan)
{
    switch (format) {
    case CLI_FORMAT_JSON: plan_json(out, funnel, plan); break;
    case CLI_FORMAT_CSV: plan_csv(out, funnel, plan); break;
    case CLI_FORMAT_TABLE: plan_table(out, funnel, plan); break;
    }
}

void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast)
{
    switch (format) {
    case CLI_FORMAT_JSON: forecast_json(out, funnel, forecast); break;
    case CLI_FORMAT_CSV: forecast_csv(out, funnel, forecast); break;
    case CLI_FORMAT_TABLE: forecast_table(out, funnel, forecast); break;
    }
}

/*
 * funnelplan CLI — presenting plans, forecasts, what-ifs, sensitivities,
 * goal seeks and odds as JSON, CSV and tables.
 * SPDX-License-Identifier: MIT
 *
 * No formula lives here: every figure comes from the library's result. The
 * only arithmetic is presentation (rounding for display, a fraction shown as
 * a percentage, the length of a bar); the what-if totals over the horizon
 * and its whole-deal note are the library's too.
 *
 * `--format svg` draws plan, forecast and whatif with svg.c.
 *
 * JSON keys and their order are the documented contract: `--format json`
 * prints the same object as Python's `result.to_dict()`. The JSON of plan
 * and forecast is the library's (src/render/); a what-if nests the
 * library's descriptions of its plans or forecasts in a view and has the
 * library write it. The other commands still use the jw writer below.
 */

#include "render.h"
#include "svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON ---------------------------------------------------------------
 * A small pretty-printing writer: two spaces per level, one key or element
 * per line, like Python's json.dumps(indent=2). Declared in render.h: every
 * command's file writes its JSON with it. */

static void jw_newline(jw *w)
{
    cli_buf_putc(w->b, '\n');
    cli_buf_repeat(w->b, "  ", (size_t)w->depth);
}

/* Before a key, or before a value that is an array element. */
void jw_item(jw *w)
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

void jw_key(jw *w, const char *key)
{
    jw_item(w);
    cli_buf_json_string(w->b, key);
    cli_buf_puts(w->b, ": ");
    w->after_key = true;
}

void jw_open(jw *w, char c)
{
    jw_item(w);
    cli_buf_putc(w->b, c);
    w->depth++;
    w->need_comma = false;
}

void jw_close(jw *w, char c)
{
    w->depth--;
    if (w->need_comma) {
        jw_newline(w);
    }
    cli_buf_putc(w->b, c);
    w->need_comma = true;
}

void jw_number(jw *w, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    jw_item(w);
    cli_buf_puts(w->b, num);
    w->need_comma = true;
}

void jw_number_or_null(jw *w, bool present, double x)
{
    if (present) {
        jw_number(w, x);
    } else {
        jw_item(w);
        cli_buf_puts(w->b, "null");
        w->need_comma = true;
    }
}

void jw_count(jw *w, uint64_t n)
{
    jw_item(w);
    cli_buf_printf(w->b, "%llu", (unsigned long long)n);
    w->need_comma = true;
}

/* Whether x is a whole count that a uint64_t holds exactly (the cast
 * truncates, so a fraction comes back smaller). */
static bool is_count(double x)
{
    return x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x);
}

/* A whole count held in a double as a JSON integer; anything else (never,
 * from the library) as a number, so that it shows instead of being cut. */
void jw_whole(jw *w, double x)
{
    if (is_count(x)) {
        jw_count(w, (uint64_t)x);
    } else {
        jw_number(w, x);
    }
}

void jw_string(jw *w, const char *s)
{
    jw_item(w);
    cli_buf_json_string(w->b, s);
    w->need_comma = true;
}

void jw_bool(jw *w, bool x)
{
    jw_item(w);
    cli_buf_puts(w->b, x ? "true" : "false");
    w->need_comma = true;
}

void jw_key_number(jw *w, const char *key, double x)
{
    jw_key(w, key);
    jw_number(w, x);
}

void jw_key_string(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_end(jw *w)
{
    cli_buf_putc(w->b, '\n');
}

/* ---- lead mixes ---------------------------------------------------------
 * With a table, a line per mixed stage after the result; the JSON of a
 * result's mixes is the library's (fpl_plan_json() and the like). */

void cli_render_mixes(cli_buf *out, cli_format format, const char *key,
                      const fpl_funnel *funnel, const fpl_mix *mixes, size_t n)
{
    if (n == 0 || out->oom) {
        return;
    }
    char num[CLI_NUM_MAX];
    if (format == CLI_FORMAT_TABLE) {
        const bool scenario = strcmp(key, "scenario_mix") == 0;
        cli_buf_putc(out, '\n');
        for (size_t i = 0; i < n; ++i) {
            const fpl_mix *m = &mixes[i];
            double rate = 0.0;
            (void)fpl_mix_rate(m, &rate, NULL);
            cli_buf_printf(out, "%s at %s: ", scenario ? "Scenario lead mix" : "Lead mix",
                           funnel->stages[m->stage].name);
            for (size_t k = 0; k < m->n_segments; ++k) {
                cli_buf_printf(out, "%s%s ", k > 0 ? ", " : "", m->segments[k].name);
                cli_fmt_percent(num, m->segments[k].share);
                cli_buf_printf(out, "%s at ", num);
                cli_fmt_percent(num, m->segments[k].rate);
                cli_buf_puts(out, num);
            }
            cli_fmt_percent(num, rate);
            cli_buf_printf(out, "; blended rate %s.\n", num);
        }
    }
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_number(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    cli_buf_putc(out, ',');
    cli_buf_puts(out, num);
}

/* ---- tables ------------------------------------------------------------ */

/* A whole count with separators (anything else with two decimals). */
static void fmt_whole(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_WHOLE, out, CLI_NUM_MAX);
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

void cli_put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_amount(num, x);
    cli_buf_puts(out, num);
}

void cli_table_set_amount(cli_table *t, size_t col, bool present, double x)
{
    char num[CLI_NUM_MAX];
    if (present) {
        cli_fmt_amount(num, x);
    } else {
        snprintf(num, sizeof num, "-");
    }
    cli_table_set(t, col, num);
}

void cli_put_percent(cli_buf *out, double fraction)
{
    char num[CLI_NUM_MAX];
    cli_fmt_percent(num, fraction);
    cli_buf_puts(out, num);
}

static void put_deals(cli_buf *out, double deals)
{
    cli_put_amount(out, deals);
    cli_buf_puts(out, " deals");
}

/* ---- what-if, sensitivity and goal seek -------------------------------- */

/* The library's names; "?" for what has none (never, for a result the
 * library computed). */
static const char *lever_name(const fpl_funnel *f, fpl_lever lever, size_t stage)
{
    const char *name = fpl_lever_name(f, lever, stage);
    return name != NULL ? name : "?";
}

static const char *kind_name(fpl_change_kind kind)
{
    const char *name = fpl_change_kind_name(kind);
    return name != NULL ? name : "?";
}

/* "a month", "a quarter", "a year" */
static const char *a_period(fpl_period per)
{
    switch (per) {
    case FPL_PERIOD_MONTH: return "a month";
    case FPL_PERIOD_QUARTER: return "a quarter";
    case FPL_PERIOD_YEAR: return "a year";
    }
    return "a period";
}

/* "12 months", "1 year" */
static void put_periods(cli_buf *out, unsigned n, fpl_period per)
{
    cli_buf_printf(out, "%u %s%s", n, fpl_period_name(per), n == 1 ? "" : "s");
}

/* x with up to two decimals, trailing zeros dropped: 326.7, 297, 1,304,000. */
static void fmt_trimmed(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_TRIMMED, out, CLI_NUM_MAX);
}

/* out = sign + num + suffix (a formatted number is far shorter than
 * CLI_NUM_MAX; the number is cut should it ever not fit). */
static void join(char out[CLI_NUM_MAX], const char *sign, const char *num, const char *suffix)
{
    size_t a = strlen(sign);
    size_t n = strlen(num);
    size_t c = strlen(suffix);
    if (a + n + c >= CLI_NUM_MAX) {
        n = CLI_NUM_MAX - 1 - a - c;
    }
    memcpy(out, sign, a);
    memcpy(out + a, num, n);
    memcpy(out + a + n, suffix, c + 1);
}

/* A delta: "+9,900", "-2,500", "0" (two decimals at most). */
static void fmt_signed(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_SIGNED, out, CLI_NUM_MAX);
}

/* A relative change as a signed percentage with up to two decimals: +1.01%. */
static void fmt_relative(char out[CLI_NUM_MAX], double change)
{
    fpl_format_number(change, FPL_NUMBER_RELATIVE, out, CLI_NUM_MAX);
}

/* A change as typed: "+10%", "-3pp", "40%" (a rate set), "5,000" (an amount
 * set). */
static void fmt_change(char out[CLI_NUM_MAX], const fpl_change *c)
{
    char num[CLI_NUM_MAX];
    const char *sign = c->value < 0.0 ? "-" : "+";
    double magnitude = c->value < 0.0 ? -c->value : c->value;
    switch (c->kind) {
    case FPL_CHANGE_RELATIVE:
        cli_fmt_percent(num, magnitude);
        join(out, sign, num, "");
        return;
    case FPL_CHANGE_POINTS:
        cli_fmt_percent(num, magnitude);
        num[strlen(num) - 1] = '\0'; /* the '%' becomes "pp" */
        join(out, sign, num, "pp");
        return;
    case FPL_CHANGE_SET:
        break;
    }
    if (c->lever == FPL_LEVER_STAGE) {
        cli_fmt_percent(out, c->value);
    } else {
        fmt_trimmed(out, c->value);
    }
}

static void set_text(cli_table *t, size_t col, void (*fmt)(char[CLI_NUM_MAX], double),
                     double x)
{
    char num[CLI_NUM_MAX];
    fmt(num, x);
    cli_table_set(t, col, num);
}

static void whatif_csv(cli_buf *out, const cli_question *q, const fpl_whatif *r)
{
    const char *units = r->volume_held ? "expected" : "required";
    cli_buf_printf(out, "stage,baseline_rate,scenario_rate,baseline_%s,scenario_%s\n", units,
                   units);
    const size_t first = r->volume_held ? r->baseline_forecast.at : 0;
    for (size_t k = first; k < q->funnel->n_stages; ++k) {
        cli_buf_csv_field(out, q->funnel->stages[k].name);
        csv_number(out, q->funnel->stages[k].rate);
        csv_number(out, r->scenario_funnel.stages[k].rate);
        if (r->volume_held) {
            csv_number(out, r->baseline_forecast.expected[k]);
            csv_number(out, r->scenario_forecast.expected[k]);
        } else {
            csv_number(out, r->baseline_plan.stages[k].required);
            csv_number(out, r->scenario_plan.stages[k].required);
        }
        cli_buf_putc(out, '\n');
    }
}

/* The figures of one side (baseline or scenario) that the table shows. */
typedef struct side {
    double volume;       /* entering --at (volume held) or needed at the top */
    double deals;
    bool has_revenue;
    double revenue;
    double budget;       /* with a cost per lead */
} side;

static side forecast_side(const fpl_forecast *f)
{
    side s = {f->volume, f->deals, f->has_revenue, f->revenue, f->budget};
    return s;
}

static side plan_side(const fpl_plan *p)
{
    side s = {p->stages[0].required, p->deals, p->has_revenue, p->revenue, p->budget};
    return s;
}

enum { W_LABEL, W_BASE, W_SCEN, W_DELTA, W_N };

static void whatif_row(cli_table *t, const char *label)
{
    cli_table_row(t);
    cli_table_set(t, W_LABEL, label);
}

static void whatif_table(cli_buf *out, const cli_question *q, const fpl_whatif_input *in,
                         const fpl_whatif *r)
{
    const fpl_funnel *f = q->funnel;
    const fpl_terms *terms = q->terms;
    const char *per = fpl_period_name(r->per);
    const side b = r->volume_held ? forecast_side(&r->baseline_forecast)
                                  : plan_side(&r->baseline_plan);
    const side s = r->volume_held ? forecast_side(&r->scenario_forecast)
                                  : plan_side(&r->scenario_plan);
    char num[CLI_NUM_MAX];

    /* Headline: what is held, and the changes as typed. */
    cli_buf_printf(out, "What-if per %s, ", per);
    if (r->volume_held) {
        cli_buf_puts(out, "volume held: ");
        cli_put_amount(out, r->baseline_forecast.volume);
        cli_buf_printf(out, " enter %s each %s.\n", f->stages[r->baseline_forecast.at].name,
                       per);
    } else {
        cli_buf_puts(out, "target held: ");
        if (terms->target == FPL_TARGET_REVENUE) {
            cli_buf_puts(out, "revenue ");
            cli_put_amount(out, terms->revenue);
        } else {
            put_deals(out, terms->deals);
        }
        cli_buf_printf(out, " each %s.\n", per);
    }
    cli_buf_puts(out, "Changes: ");
    cli_put_changes(out, f, in);
    cli_buf_puts(out, ".\n\n");

    /* Per period, side by side. */
    char volume_label[FPL_NAME_MAX + 32];
    snprintf(volume_label, sizeof volume_label, "volume at %s",
             f->stages[r->volume_held ? r->baseline_forecast.at : 0].name);
    char per_header[32];
    snprintf(per_header, sizeof per_header, "per %s", per);
    const char *headers[W_N] = {per_header, "baseline", "scenario", "delta"};
    const cli_align align[W_N] = {CLI_LEFT, CLI_RIGHT, CLI_RIGHT, CLI_RIGHT};
    cli_table t;
    cli_table_init(&t, W_N, headers, align);
    for (size_t k = 0; k < f->n_stages; ++k) {
        char label[FPL_NAME_MAX + 8];
        snprintf(label, sizeof label, "%s rate", f->stages[k].name);
        whatif_row(&t, label);
        set_percent(&t, W_BASE, f->stages[k].rate);
        set_percent(&t, W_SCEN, r->scenario_funnel.stages[k].rate);
    }
    if (terms->has_deal_size) {
        whatif_row(&t, "deal size");
        set_text(&t, W_BASE, fmt_trimmed, terms->deal_size);
        set_text(&t, W_SCEN, fmt_trimmed, r->scenario_terms.deal_size);
    }
    if (terms->has_cost_per_lead) {
        whatif_row(&t, "cost per lead");
        set_text(&t, W_BASE, fmt_trimmed, terms->cost_per_lead);
        set_text(&t, W_SCEN, fmt_trimmed, r->scenario_terms.cost_per_lead);
    }
    whatif_row(&t, volume_label);
    set_text(&t, W_BASE, fmt_trimmed, b.volume);
    set_text(&t, W_SCEN, fmt_trimmed, s.volume);
    set_text(&t, W_DELTA, fmt_signed, r->volume);
    whatif_row(&t, "deals");
    set_text(&t, W_BASE, fmt_trimmed, b.deals);
    set_text(&t, W_SCEN, fmt_trimmed, s.deals);
    set_text(&t, W_DELTA, fmt_signed, r->deals);
    if (r->has_revenue) {
        whatif_row(&t, "revenue");
        if (b.has_revenue && s.has_revenue) {
            set_text(&t, W_BASE, fmt_trimmed, b.revenue);
            set_text(&t, W_SCEN, fmt_trimmed, s.revenue);
        }
        set_text(&t, W_DELTA, fmt_signed, r->revenue);
    }
    if (r->has_cost) {
        whatif_row(&t, "cost");
        set_text(&t, W_BASE, fmt_trimmed, b.budget);
        set_text(&t, W_SCEN, fmt_trimmed, s.budget);
        set_text(&t, W_DELTA, fmt_signed, r->cost);
    }
    whatif_row(&t, "gain");
    set_text(&t, W_DELTA, fmt_signed, r->gain);
    cli_table_render(&t, out);
    cli_table_free(&t);

    /* Over the horizon: the library's totals. */
    const unsigned h = r->horizon;
    const fpl_whatif_totals *bh = &r->baseline_horizon;
    const fpl_whatif_totals *sh = &r->scenario_horizon;
    cli_buf_putc(out, '\n');
    char over_header[64];
    snprintf(over_header, sizeof over_header, "over %u %s%s", h, per, h == 1 ? "" : "s");
    headers[W_LABEL] = over_header;
    cli_table_init(&t, W_N, headers, align);
    whatif_row(&t, volume_label);
    set_text(&t, W_BASE, fmt_trimmed, bh->volume);
    set_text(&t, W_SCEN, fmt_trimmed, sh->volume);
    set_text(&t, W_DELTA, fmt_signed, r->volume_horizon);
    whatif_row(&t, "deals");
    set_text(&t, W_BASE, fmt_trimmed, bh->deals);
    set_text(&t, W_SCEN, fmt_trimmed, sh->deals);
    set_text(&t, W_DELTA, fmt_signed, r->deals_horizon);
    if (r->has_revenue) {
        whatif_row(&t, "revenue");
        if (bh->has_revenue && sh->has_revenue) {
            set_text(&t, W_BASE, fmt_trimmed, bh->revenue);
            set_text(&t, W_SCEN, fmt_trimmed, sh->revenue);
        }
        set_text(&t, W_DELTA, fmt_signed, r->revenue_horizon);
    }
    if (r->has_cost) {
        whatif_row(&t, "cost");
        set_text(&t, W_BASE, fmt_trimmed, bh->cost);
        set_text(&t, W_SCEN, fmt_trimmed, sh->cost);
        set_text(&t, W_DELTA, fmt_signed, r->cost_horizon);
    }
    whatif_row(&t, "gain");
    set_text(&t, W_DELTA, fmt_signed, r->gain_horizon);
    cli_table_render(&t, out);
    cli_table_free(&t);

    /* The gain, the return, and what whole deals would show. */
    cli_buf_putc(out, '\n');
    if (r->margin < 1.0 || r->has_cost) {
        cli_buf_puts(out, "Gain = revenue gained");
        if (r->margin < 1.0) {
            cli_buf_puts(out, " \u00D7 margin ");
            cli_put_percent(out, r->margin);
        }
        cli_buf_puts(out, r->has_cost ? " \u2212 acquisition cost added (a saving is a gain).\n"
                                      : ".\n");
    }
    if (r->has_invest) {
        cli_buf_puts(out, "Investment ");
        cli_put_amount(out, r->invest);
        cli_buf_puts(out, ": ROI ");
        cli_put_percent(out, r->roi);
        cli_buf_puts(out, " over ");
        put_periods(out, h, r->per);
        if (r->has_payback) {
            fmt_trimmed(num, r->payback_periods);
            cli_buf_printf(out, "; payback in %s %ss.\n", num, per);
        } else {
            cli_buf_printf(out, "; no payback: the gain per %s is not positive.\n", per);
        }
    }
    /* Only when the count is not whole already (then the note says nothing). */
    if (r->has_whole_deals) {
        fmt_trimmed(num, sh->deals);
        cli_buf_puts(out, "Whole deals: over ");
        put_periods(out, h, r->per);
        cli_buf_printf(out, " the scenario wins %s deals; counted in whole deals ", num);
        cli_fmt_count(num, (uint64_t)r->whole_deals);
        cli_buf_puts(out, num);
        if (r->scenario_terms.has_deal_size) {
            cli_buf_puts(out, ", i.e. revenue ");
            cli_put_amount(out, r->whole_revenue);
        }
        cli_buf_puts(out, ".\n");
    }
    cli_buf_puts(out, "\nFigures are rounded for display (--format json gives exact values).\n");
}

/* "+1pp", "+10%" */
static void fmt_step(char out[CLI_NUM_MAX], fpl_change_kind kind, double step)
{
    fpl_change c = {FPL_LEVER_STAGE, 0, kind, step};
    fmt_change(out, &c);
}

static void sensitivity_csv(cli_buf *out, const cli_question *q, const fpl_sensitivity *r)
{
    cli_buf_printf(out, "lever,from,to,%s,share\n",
                   r->volume_held ? "revenue_delta" : "volume_delta");
    for (size_t i = 0; i < r->n_rows; ++i) {
        const fpl_sensitivity_row *row = &r->rows[i];
        cli_buf_csv_field(out, lever_name(q->funnel, row->lever, row->stage));
        csv_number(out, row->from);
        csv_number(out, row->to);
        csv_number(out, row->effect);
        csv_number(out, row->share);
        cli_buf_putc(out, '\n');
    }
}

static void sensitivity_table(cli_buf *out, const cli_question *q, const fpl_sensitivity *r)
{
    const fpl_funnel *f = q->funnel;
    const char *per = fpl_period_name(r->per);
    char num[CLI_NUM_MAX];

    cli_buf_printf(out, "Sensitivity per %s, ", per);
    if (r->volume_held) {
        cli_buf_puts(out, "volume held: ");
        cli_put_amount(out, q->volume.volume);
        cli_buf_printf(out, " enter %s each %s.\n", f->stages[q->volume.at].name, per);
    } else {
        cli_buf_puts(out, "target held: ");
        if (q->terms->target == FPL_TARGET_REVENUE) {
            cli_buf_puts(out, "revenue ");
            cli_put_amount(out, q->terms->revenue);
        } else {
            put_deals(out, q->terms->deals);
        }
        cli_buf_printf(out, " each %s.\n", per);
    }
    fmt_step(num, r->step_kind, r->step);
    cli_buf_printf(out, "One step of each lever (every stage %s", num);
    bool deal_size_row = false;
    for (size_t i = 0; i < r->n_rows; ++i) {
        deal_size_row = deal_size_row || r->rows[i].lever == FPL_LEVER_DEAL_SIZE;
    }
    if (deal_size_row) {
        fmt_step(num, FPL_CHANGE_RELATIVE, r->deal_size_step);
        cli_buf_printf(out, ", the deal size %s", num);
    }
    if (r->volume_held) {
        cli_buf_printf(out, "), ranked by the revenue it gains per %s.\n\n", per);
    } else {
        cli_buf_printf(out, "), ranked by the %s volume it saves per %s.\n\n",
                       f->stages[0].name, per);
    }

    enum { C_RANK, C_LEVER, C_FROM, C_TO, C_EFFECT, C_SHARE, C_BAR, C_N };
    char effect_header[FPL_NAME_MAX + 16];
    if (r->volume_held) {
        snprintf(effect_header, sizeof effect_header, "revenue gained");
    } else {
        snprintf(effect_header, sizeof effect_header, "%s saved", f->stages[0].name);
    }
    const char *headers[C_N] = {"#", "lever", "from", "to", effect_header, "share", ""};
    const cli_align align[C_N] = {CLI_RIGHT, CLI_LEFT,  CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_LEFT};
    cli_table t;
    cli_table_init(&t, C_N, headers, align);
    for (size_t i = 0; i < r->n_rows; ++i) {
        const fpl_sensitivity_row *row = &r->rows[i];
        cli_table_row(&t);
        snprintf(num, sizeof num, "%zu", i + 1);
        cli_table_set(&t, C_RANK, num);
        cli_table_set(&t, C_LEVER, lever_name(f, row->lever, row->stage));
        if (row->lever == FPL_LEVER_STAGE) {
            set_percent(&t, C_FROM, row->from);
            set_percent(&t, C_TO, row->to);
        } else {
            set_text(&t, C_FROM, fmt_trimmed, row->from);
            set_text(&t, C_TO, fmt_trimmed, row->to);
        }
        set_text(&t, C_EFFECT, fmt_trimmed, row->effect);
        set_percent(&t, C_SHARE, row->share);
        set_bar(&t, C_BAR, row->share, 1.0);
    }
    cli_table_render(&t, out);
    cli_table_free(&t);
    cli_buf_puts(out, "\nshare: a lever's effect as a fraction of the best lever's.\n"
                      "Figures are rounded for display (--format json gives exact values).\n");
}

static void solve_csv(cli_buf *out, const cli_question *q, const fpl_solve *r)
{
    cli_buf_puts(out, "lever,current,value,change\n");
    cli_buf_csv_field(out, lever_name(q->funnel, r->lever, r->stage));
    csv_number(out, r->current);
    csv_number(out, r->value);
    csv_number(out, r->change);
    cli_buf_putc(out, '\n');
}

/* A lever's value: a rate as a percentage, an amount with separators. */
static void fmt_lever_value(char out[CLI_NUM_MAX], fpl_lever lever, double x)
{
    if (lever == FPL_LEVER_STAGE) {
        cli_fmt_percent(out, x);
    } else {
        fmt_trimmed(out, x);
    }
}

static void solve_table(cli_buf *out, const cli_question *q, const fpl_solve *r)
{
    const fpl_funnel *f = q->funnel;
    const fpl_terms *terms = q->terms;
    const char *a_per = a_period(terms->per);
    const char *at = f->stages[q->volume.at].name;
    char value[CLI_NUM_MAX];
    char current[CLI_NUM_MAX];
    char change[CLI_NUM_MAX];
    char volume[CLI_NUM_MAX];
    fmt_lever_value(value, r->lever, r->value);
    fmt_lever_value(current, r->lever, r->current);
    fmt_relative(change, r->change);
    fmt_trimmed(volume, q->volume.volume);

    /* One sentence: "opportunity must convert 33.3333% (now 33%, +1.01%) for
     * 75 a month to reach 25 deals." */
    switch (r->lever) {
    case FPL_LEVER_STAGE:
        cli_buf_printf(out, "%s must convert %s (now %s, %s) for %s %s", f->stages[r->stage].name,
                       value, current, change, volume, a_per);
        if (q->volume.at != 0) {
            cli_buf_printf(out, " entering %s", at);
        }
        break;
    case FPL_LEVER_DEAL_SIZE:
        cli_buf_printf(out, "The deal size must be %s (now %s, %s) for %s %s", value, current,
                       change, volume, a_per);
        if (q->volume.at != 0) {
            cli_buf_printf(out, " entering %s", at);
        }
        break;
    case FPL_LEVER_VOLUME:
    case FPL_LEVER_COST_PER_LEAD:
        cli_buf_printf(out, "The volume entering %s must be %s %s (now %s, %s)", at, value,
                       a_per, current, change);
        break;
    }
    cli_buf_puts(out, " to reach ");
    if (terms->target == FPL_TARGET_REVENUE) {
        cli_buf_puts(out, "revenue ");
        cli_put_amount(out, terms->revenue);
    } else {
        put_deals(out, terms->deals);
    }
    cli_buf_puts(out, ".\n\n");

    enum { C_LEVER, C_NOW, C_NEEDED, C_CHANGE, C_N };
    const char *headers[C_N] = {"lever", "now", "needed", "change"};
    const cli_align align[C_N] = {CLI_LEFT, CLI_RIGHT, CLI_RIGHT, CLI_RIGHT};
    cli_table t;
    cli_table_init(&t, C_N, headers, align);
    cli_table_row(&t);
    cli_table_set(&t, C_LEVER, lever_name(f, r->lever, r->stage));
    cli_table_set(&t, C_NOW, current);
    cli_table_set(&t, C_NEEDED, value);
    cli_table_set(&t, C_CHANGE, change);
    cli_table_render(&t, out);
    cli_table_free(&t);
    cli_buf_puts(out, "\nFigures are rounded for display (--format json gives exact values).\n");
}

/* ---- helpers shared with svg.c (declared in render.h) ------------------- */

void cli_fmt_trimmed(char out[CLI_NUM_MAX], double x)
{
    fmt_trimmed(out, x);
}

void cli_fmt_signed(char out[CLI_NUM_MAX], double x)
{
    fmt_signed(out, x);
}

void cli_fmt_whole(char out[CLI_NUM_MAX], double x)
{
    fmt_whole(out, x);
}

void cli_put_changes(cli_buf *out, const fpl_funnel *f, const fpl_whatif_input *in)
{
    char num[CLI_NUM_MAX];
    if (in->n_changes == 0) {
        cli_buf_puts(out, "none");
    }
    for (size_t i = 0; i < in->n_changes; ++i) {
        const fpl_change *c = &in->changes[i];
        fmt_change(num, c);
        cli_buf_printf(out, "%s%s %s (%s)", i > 0 ? ", " : "",
                       lever_name(f, c->lever, c->stage), num, kind_name(c->kind));
    }
}

/* ---- entry points ------------------------------------------------------ */

/* Text the library writes (asked for its length first, then written): the
 * buffer's room for it, or NULL (a failed output) after a refusal (never,
 * for a result the library computed) or without memory. */
char *cli_library_space(cli_buf *out, fpl_status st, size_t len)
{
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text == NULL) {
        out->oom = true;
    }
    return text;
}

void cli_library_wrote(cli_buf *out, fpl_status st, size_t len)
{
    if (st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

void cli_render_whatif(cli_buf *out, cli_format format, const cli_question *q,
                       const fpl_whatif_input *input, const fpl_whatif *whatif,
                       const fpl_mix *mixes, size_t n_mixes, const fpl_mix *scenario_mixes,
                       size_t n_scenario_mixes)
{
    switch (format) {
    case CLI_FORMAT_JSON: {
        size_t len = 0;
        fpl_status st = fpl_whatif_json(q->funnel, input, whatif, mixes, n_mixes,
                                        scenario_mixes, n_scenario_mixes, NULL, 0, &len, NULL);
        char *text = cli_library_space(out, st, len);
        if (text != NULL) {
            st = fpl_whatif_json(q->funnel, input, whatif, mixes, n_mixes, scenario_mixes,
                                 n_scenario_mixes, text, len + 1, &len, NULL);
            cli_library_wrote(out, st, len);
        }
        return;
    }
    case CLI_FORMAT_CSV: whatif_csv(out, q, whatif); break;
    case CLI_FORMAT_TABLE: whatif_table(out, q, input, whatif); break;
    case CLI_FORMAT_SVG: cli_svg_whatif(out, q, input, whatif); break;
    }
    cli_render_mixes(out, format, "mix", q->funnel, mixes, n_mixes);
    cli_render_mixes(out, format, "scenario_mix", q->funnel, scenario_mixes, n_scenario_mixes);
}

void cli_render_sensitivity(cli_buf *out, cli_format format, const cli_question *q,
                            const fpl_sensitivity *sensitivity)
{
    switch (format) {
    case CLI_FORMAT_JSON: {
        size_t len = 0;
        fpl_status st = fpl_sensitivity_json(q->funnel, sensitivity, NULL, 0, &len, NULL);
        char *text = cli_library_space(out, st, len);
        if (text != NULL) {
            st = fpl_sensitivity_json(q->funnel, sensitivity, text, len + 1, &len, NULL);
            cli_library_wrote(out, st, len);
        }
        break;
    }
    case CLI_FORMAT_CSV: sensitivity_csv(out, q, sensitivity); break;
    case CLI_FORMAT_SVG: /* not offered: funnelplan.c refuses it */
    case CLI_FORMAT_TABLE: sensitivity_table(out, q, sensitivity); break;
    }
}

void cli_render_solve(cli_buf *out, cli_format format, const cli_question *q,
                      const fpl_solve *solve)
{
    switch (format) {
    case CLI_FORMAT_JSON: {
        size_t len = 0;
        fpl_status st = fpl_solve_json(q->funnel, solve, NULL, 0, &len, NULL);
        char *text = cli_library_space(out, st, len);
        if (text != NULL) {
            st = fpl_solve_json(q->funnel, solve, text, len + 1, &len, NULL);
            cli_library_wrote(out, st, len);
        }
        break;
    }
    case CLI_FORMAT_CSV: solve_csv(out, q, solve); break;
    case CLI_FORMAT_SVG: /* not offered: funnelplan.c refuses it */
    case CLI_FORMAT_TABLE: solve_table(out, q, solve); break;
    }
}

void cli_render_odds(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                     const fpl_odds_sim *sim)
{
    CLI_RENDER(out, fpl_odds_render, funnel, odds, sim_input, sim, format);
}

void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan, const fpl_odds_plan *confidence,
                     const fpl_mix *mixes, size_t n_mixes)
{
    if (format == CLI_FORMAT_SVG) {
        cli_svg_plan(out, funnel, plan, confidence);
        return;
    }
    CLI_RENDER(out, fpl_plan_render, funnel, plan, confidence, mixes, n_mixes, format);
}

void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast, const fpl_mix *mixes, size_t n_mixes)
{
    if (format == CLI_FORMAT_SVG) {
        cli_svg_forecast(out, funnel, forecast);
        return;
    }
    CLI_RENDER(out, fpl_forecast_render, funnel, forecast, mixes, n_mixes, format);
}

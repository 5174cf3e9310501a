/*
 * funnelplan — the table and the CSV of a plan and of a forecast, with
 * their lead mixes, and the sentences other results share (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's; the only arithmetic is the
 * length of a bar.
 */

#include "internal.h"

#include "../internal.h"

#include <string.h>

static const fpl_period all_periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};

/* ---- sentences ------------------------------------------------------------ */

const char fpl__won_label[] = "won";

const char fpl__rounded_note[] =
    "Figures are rounded for display (--format json gives exact values).\n";

/* The plain English rule: a consonant and "y" become "ies", "s" is
 * appended unless the name ends in one ("leads", "deals", "sales"). */
void fpl__plural(char out[FPL_NAME_MAX + 2], const char *name)
{
    size_t len = 0;
    for (; len < FPL_NAME_MAX - 1 && name[len] != '\0'; ++len) {
        out[len] = name[len];
    }
    out[len] = '\0';
    char last = '\0';
    char before = '\0';
    if (len > 0) {
        last = out[len - 1];
    }
    if (len > 1) {
        before = out[len - 2];
    }
    if (last == 'y' && before != '\0' && strchr("aeiouAEIOU", before) == NULL) {
        out[len - 1] = 'i';
        out[len++] = 'e';
        out[len++] = 's';
    } else if (len == 0 || last != 's') {
        out[len++] = 's';
    }
    out[len] = '\0';
}

bool fpl__is_one(double n)
{
    char num[FPL_NUMBER_MAX];
    fpl_format_number(n, FPL_NUMBER_WHOLE, num, sizeof num);
    return strcmp(num, "1") == 0;
}

void fpl__put_units(fpl__doc *d, double n, const char *name)
{
    char names[FPL_NAME_MAX + 2];
    fpl__plural(names, name);
    fpl__put_style(d, n, FPL_NUMBER_WHOLE);
    fpl__put(d, " ", fpl__is_one(n) ? name : names);
}

const char *fpl__article(const char *percent)
{
    size_t digits = strspn(percent, "0123456789");
    bool an = percent[0] == '8' ||
              (digits == 2 && (strncmp(percent, "11", 2) == 0 || strncmp(percent, "18", 2) == 0));
    return an ? "an" : "a";
}

void fpl__put_by_period(fpl__doc *d, const double values[FPL_PERIOD_COUNT])
{
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        fpl__put(d, q > 0 ? ", " : "");
        fpl__put_style(d, values[q], FPL_NUMBER_AMOUNT);
        fpl__put(d, " per ", fpl_period_name(all_periods[q]));
    }
}

void fpl__put_budget(fpl__doc *d, double cost_per_lead, const double budget[FPL_PERIOD_COUNT],
                     double cost_per_deal)
{
    fpl__put(d, "Budget at a cost per lead of ");
    fpl__put_style(d, cost_per_lead, FPL_NUMBER_AMOUNT);
    fpl__put(d, ": ");
    fpl__put_by_period(d, budget);
    fpl__put(d, "; cost per deal ");
    fpl__put_style(d, cost_per_deal, FPL_NUMBER_AMOUNT);
    fpl__put(d, ".\n");
}

void fpl__put_gross_profit(fpl__doc *d, double margin, double gross_profit, fpl_period per)
{
    fpl__put(d, "Gross profit at a margin of ");
    fpl__put_style(d, margin, FPL_NUMBER_PERCENT);
    fpl__put(d, ": ");
    fpl__put_style(d, gross_profit, FPL_NUMBER_AMOUNT);
    fpl__put(d, " per ", fpl_period_name(per), ".\n");
}

static void put_deals(fpl__doc *d, double deals)
{
    fpl__put_style(d, deals, FPL_NUMBER_AMOUNT);
    fpl__put(d, " deals");
}

void fpl__put_mixes(fpl__doc *d, bool scenario, const fpl_funnel *funnel, const fpl_mix *mixes,
                    size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        const fpl_mix *m = &mixes[i];
        double rate = 0.0;
        (void)fpl_mix_rate(m, &rate, NULL);
        fpl__put(d, i == 0 ? "\n" : "", scenario ? "Scenario lead mix" : "Lead mix", " at ",
                 funnel->stages[m->stage].name, ": ");
        for (size_t k = 0; k < m->n_segments; ++k) {
            fpl__put(d, k > 0 ? ", " : "", m->segments[k].name, " ");
            fpl__put_style(d, m->segments[k].share, FPL_NUMBER_PERCENT);
            fpl__put(d, " at ");
            fpl__put_style(d, m->segments[k].rate, FPL_NUMBER_PERCENT);
        }
        fpl__put(d, "; blended rate ");
        fpl__put_style(d, rate, FPL_NUMBER_PERCENT);
        fpl__put(d, ".\n");
    }
}

/* ---- plan ----------------------------------------------------------------- */

static void plan_csv(fpl__doc *d, const fpl_funnel *f, const fpl_plan *p,
                     const fpl_odds_plan *conf)
{
    fpl__put(d, "stage,rate,cumulative_rate,required,required_whole",
             p->has_cost ? ",cost_per" : "", conf != NULL ? ",required_for_confidence" : "",
             ",required_per_month,required_per_quarter,required_per_year\n");
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        fpl__csv_text(d, true, f->stages[k].name);
        fpl__csv_number(d, s->rate);
        fpl__csv_number(d, s->cumulative_rate);
        fpl__csv_number(d, s->required);
        fpl__csv_count(d, s->required_whole);
        if (p->has_cost) {
            fpl__csv_number(d, s->cost_per);
        }
        if (conf != NULL) {
            fpl__csv_whole(d, conf->required[k]);
        }
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            fpl__csv_number(d, p->by_period[q].required[k]);
        }
        fpl__put(d, "\n");
    }
}

/* The headline: the target as a sentence. */
static void plan_headline(fpl__doc *d, const fpl_plan *p)
{
    char deals[FPL_NUMBER_MAX];
    char whole[FPL_NUMBER_MAX];
    fpl_format_number(p->deals, FPL_NUMBER_AMOUNT, deals, sizeof deals);
    fpl_format_count(p->deals_whole, whole, sizeof whole);
    fpl__put(d, "Plan per ", fpl_period_name(p->per), ": ");
    if (p->has_revenue) {
        fpl__put(d, "revenue ");
        fpl__put_style(d, p->revenue, FPL_NUMBER_AMOUNT);
        fpl__put(d, " \u00F7 deal size ");
        fpl__put_style(d, p->deal_size, FPL_NUMBER_AMOUNT);
        fpl__put(d, " = ");
    }
    fpl__put(d, deals, " deals");
    if (strcmp(deals, whole) != 0) {
        fpl__put(d, " (", whole, " whole)");
    }
    if (!p->has_revenue && p->has_deal_size) {
        fpl__put(d, " at a deal size of ");
        fpl__put_style(d, p->deal_size, FPL_NUMBER_AMOUNT);
    }
    fpl__put(d, "\n\n");
}

static void plan_table(fpl__doc *d, const fpl_funnel *f, const fpl_plan *p,
                       const fpl_odds_plan *conf)
{
    char whole_header[32];
    fpl__join(whole_header, sizeof whole_header, "whole/", fpl_period_name(p->per));
    char level[FPL_NUMBER_MAX];
    char conf_header[FPL_NUMBER_MAX + 8];
    fpl_format_number(conf != NULL ? conf->confidence : 0.0, FPL_NUMBER_PERCENT, level,
                      sizeof level);
    fpl__join(conf_header, sizeof conf_header, "for ", level);
    plan_headline(d, p);

    /* The funnel, top first, then the deals it wins. Without a cost the
     * cost column is left out, without a confidence the column for it. */
    enum { C_STAGE, C_RATE, C_CUM, C_WHOLE, C_CONF, C_COST, C_MONTH, C_QUARTER, C_YEAR, C_BAR,
           C_N };
    const char *headers[C_N] = {"stage",     "rate",      "cumulative", whole_header,
                                conf_header, "cost each", "per month",  "per quarter",
                                "per year",  ""};
    size_t col[C_N];
    const char *hdr[C_N];
    fpl__align al[C_N];
    size_t ncols = 0;
    for (size_t c = 0; c < C_N; ++c) {
        bool absent = (c == C_COST && !p->has_cost) || (c == C_CONF && conf == NULL);
        col[c] = absent ? FPL__COLS : ncols;
        if (!absent) {
            hdr[ncols] = headers[c];
            al[ncols++] = c == C_STAGE || c == C_BAR ? FPL__LEFT : FPL__RIGHT;
        }
    }
    fpl__table_begin(d, ncols, hdr, al);
    const double top = p->stages[0].required;
    for (size_t k = 0; k <= p->n_stages; ++k) {
        const bool won = k == p->n_stages;
        fpl__table_row(d);
        fpl__table_set(d, col[C_STAGE], won ? fpl__won_label : f->stages[k].name);
        if (!won) {
            fpl__table_style(d, col[C_RATE], p->stages[k].rate, FPL_NUMBER_PERCENT);
            fpl__table_style(d, col[C_CUM], p->stages[k].cumulative_rate, FPL_NUMBER_PERCENT);
        }
        fpl__table_count(d, col[C_WHOLE], won ? p->deals_whole : p->stages[k].required_whole);
        if (conf != NULL) {
            fpl__table_style(d, col[C_CONF], won ? conf->deals_whole : conf->required[k],
                             FPL_NUMBER_WHOLE);
        }
        fpl__table_style(d, col[C_COST], won ? p->cost_per_deal : p->stages[k].cost_per,
                         FPL_NUMBER_FIXED2);
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            const double *required = p->by_period[q].required;
            fpl__table_style(d, col[C_MONTH + (size_t)q], won ? p->by_period[q].deals : required[k],
                             FPL_NUMBER_FIXED2);
        }
        fpl__table_bar(d, col[C_BAR], won ? p->deals : p->stages[k].required, top);
    }
    fpl__table_end(d);

    /* Money, then the footnote. */
    if (p->has_cost) {
        double budget[FPL_PERIOD_COUNT];
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            budget[q] = p->by_period[q].budget;
        }
        fpl__put(d, "\n");
        fpl__put_budget(d, p->cost_per_lead, budget, p->cost_per_deal);
    }
    if (p->has_revenue && p->margin < 1.0) {
        fpl__put(d, p->has_cost ? "" : "\n");
        fpl__put_gross_profit(d, p->margin, p->gross_profit, p->per);
    }
    fpl__put(d, "\n", fpl__rounded_note,
             "Whole counts are rounded up: the deals first, then each stage from the "
             "bottom of the funnel up.\n");
    if (conf != NULL) {
        fpl__put(d, "for ", level, ": the least whole units entering each stage per ",
                 fpl_period_name(p->per), " that give ", fpl__article(level), " ", level,
                 " chance of ");
        fpl__put_units(d, conf->deals_whole, "deal");
        fpl__put(d, " (each unit becomes a deal on its own).\n");
    }
}

/* ---- forecast ------------------------------------------------------------- */

static void forecast_csv(fpl__doc *d, const fpl_funnel *f, const fpl_forecast *r)
{
    fpl__put(d, "stage,rate,expected,expected_per_month,expected_per_quarter,"
                "expected_per_year\n");
    for (size_t k = r->at; k < r->n_stages; ++k) {
        fpl__csv_text(d, true, f->stages[k].name);
        fpl__csv_number(d, f->stages[k].rate);
        fpl__csv_number(d, r->expected[k]);
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            fpl__csv_number(d, r->by_period[q].expected[k]);
        }
        fpl__put(d, "\n");
    }
}

static void forecast_target(fpl__doc *d, const fpl_forecast *r)
{
    fpl__put(d, "Target per ", fpl_period_name(r->per), ": ");
    if (r->has_target_revenue) {
        fpl__put(d, "revenue ");
        fpl__put_style(d, r->target_revenue, FPL_NUMBER_AMOUNT);
        fpl__put(d, " = ");
    }
    put_deals(d, r->target_deals);
    fpl__put(d, "; attainment ");
    fpl__put_style(d, r->attainment, FPL_NUMBER_PERCENT);
    fpl__put(d, ".\n");
    /* The sign of the gap only chooses the words. */
    if (!(r->gap_deals > 0.0 || r->gap_deals < 0.0)) {
        fpl__put(d, "Gap: none, the forecast meets the target exactly.\n");
        return;
    }
    bool short_of = r->gap_deals > 0.0;
    fpl__put(d, short_of ? "Gap: short by " : "Gap: ahead by ");
    put_deals(d, short_of ? r->gap_deals : -r->gap_deals);
    if (r->has_gap_revenue) {
        fpl__put(d, ", revenue ");
        fpl__put_style(d, short_of ? r->gap_revenue : -r->gap_revenue, FPL_NUMBER_AMOUNT);
    }
    fpl__put(d, ".\n");
}

static void forecast_table(fpl__doc *d, const fpl_funnel *f, const fpl_forecast *r)
{
    fpl__put(d, "Forecast per ", fpl_period_name(r->per), ": ");
    fpl__put_style(d, r->volume, FPL_NUMBER_AMOUNT);
    fpl__put(d, " enter ", f->stages[r->at].name, " \u2192 ");
    put_deals(d, r->deals);
    if (r->has_revenue) {
        fpl__put(d, " \u00D7 deal size ");
        fpl__put_style(d, r->deal_size, FPL_NUMBER_AMOUNT);
        fpl__put(d, " = revenue ");
        fpl__put_style(d, r->revenue, FPL_NUMBER_AMOUNT);
    }
    fpl__put(d, "\n\n");

    static const char *const headers[] = {"stage", "rate", "per month", "per quarter",
                                          "per year", ""};
    static const fpl__align align[] = {FPL__LEFT,  FPL__RIGHT, FPL__RIGHT,
                                       FPL__RIGHT, FPL__RIGHT, FPL__LEFT};
    fpl__table_begin(d, 6, headers, align);
    const double top = r->expected[r->at];
    for (size_t k = r->at; k <= r->n_stages; ++k) {
        const bool won = k == r->n_stages;
        fpl__table_row(d);
        fpl__table_set(d, 0, won ? fpl__won_label : f->stages[k].name);
        if (!won) {
            fpl__table_style(d, 1, f->stages[k].rate, FPL_NUMBER_PERCENT);
        }
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            const fpl_forecast_period *bp = &r->by_period[q];
            fpl__table_style(d, 2 + (size_t)q, won ? bp->deals : bp->expected[k],
                             FPL_NUMBER_FIXED2);
        }
        fpl__table_bar(d, 5, won ? r->deals : r->expected[k], top);
    }
    fpl__table_end(d);

    fpl__put(d, "\n");
    double values[FPL_PERIOD_COUNT];
    if (r->has_revenue) {
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            values[q] = r->by_period[q].revenue;
        }
        fpl__put(d, "Revenue: ");
        fpl__put_by_period(d, values);
        fpl__put(d, ".\n");
    }
    if (r->has_cost) {
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            values[q] = r->by_period[q].budget;
        }
        fpl__put_budget(d, r->cost_per_lead, values, r->cost_per_deal);
    }
    if (r->has_revenue && r->margin < 1.0) {
        fpl__put_gross_profit(d, r->margin, r->gross_profit, r->per);
    }
    if (r->target != FPL_TARGET_NONE) {
        forecast_target(d, r);
    }
    if (r->has_revenue || r->has_cost || r->target != FPL_TARGET_NONE) {
        fpl__put(d, "\n");
    }
    fpl__put(d, fpl__rounded_note);
}

/* ---- the public entry points ---------------------------------------------- */

fpl_status fpl_plan_render(const fpl_funnel *funnel, const fpl_plan *plan,
                           const fpl_odds_plan *confidence, const fpl_mix *mixes, size_t n_mixes,
                           fpl_render_format format, char *buf, size_t capacity,
                           size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_plan_json(funnel, plan, confidence, mixes, n_mixes, json ? buf : NULL,
                                  json ? capacity : 0, &len, err);
    if (st == FPL_OK && format == FPL_RENDER_SVG) {
        return fpl_plan_svg(funnel, plan, confidence, buf, capacity, length_out, err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            plan_csv(&d, funnel, plan, confidence);
        } else {
            plan_table(&d, funnel, plan, confidence);
            fpl__put_mixes(&d, false, funnel, mixes, n_mixes);
        }
    }
    return fpl__render_end(&d, err);
}

fpl_status fpl_forecast_render(const fpl_funnel *funnel, const fpl_forecast *forecast,
                               const fpl_mix *mixes, size_t n_mixes, fpl_render_format format,
                               char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_forecast_json(funnel, forecast, mixes, n_mixes, json ? buf : NULL,
                                      json ? capacity : 0, &len, err);
    if (st == FPL_OK && format == FPL_RENDER_SVG) {
        return fpl_forecast_svg(funnel, forecast, buf, capacity, length_out, err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            forecast_csv(&d, funnel, forecast);
        } else {
            forecast_table(&d, funnel, forecast);
            fpl__put_mixes(&d, false, funnel, mixes, n_mixes);
        }
    }
    return fpl__render_end(&d, err);
}

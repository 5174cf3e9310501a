/*
 * funnelplan — the table and the CSV of a what-if, a sensitivity ranking
 * and a goal seek (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's (the totals over the horizon
 * too); the question gives only the words of the headline.
 */

#include "internal.h"

#include "../internal.h"

#include <string.h>

/* ---- sentences ------------------------------------------------------------ */

/* "revenue 100,000" or "25 deals" */
static void put_target(fpl__doc *d, const fpl_terms *terms)
{
    bool revenue = terms->target == FPL_TARGET_REVENUE;
    fpl__put(d, revenue ? "revenue " : "");
    fpl__put_style(d, revenue ? terms->revenue : terms->deals, FPL_NUMBER_AMOUNT);
    fpl__put(d, revenue ? "" : " deals");
}

/* "What-if per month, volume held: 75 enter opportunity each month." (volume
 * not NULL) or "..., target held: 25 deals each month." */
static void put_held(fpl__doc *d, const char *what, fpl_period per, const fpl_funnel *f,
                     const fpl_forecast_input *volume, const fpl_terms *terms)
{
    const char *name = fpl_period_name(per);
    fpl__put(d, what, " per ", name, volume != NULL ? ", volume held: " : ", target held: ");
    if (volume != NULL) {
        fpl__put_style(d, volume->volume, FPL_NUMBER_AMOUNT);
        fpl__put(d, " enter ", f->stages[volume->at].name);
    } else {
        put_target(d, terms);
    }
    fpl__put(d, " each ", name, ".\n");
}

/* A change as typed: "+10%", "-3pp", "40%" (a rate set), "5,000" (an amount
 * set). */
static void put_change(fpl__doc *d, fpl_lever lever, fpl_change_kind kind, double value)
{
    if (kind != FPL_CHANGE_RELATIVE && kind != FPL_CHANGE_POINTS) {
        fpl__put_style(d, value, lever == FPL_LEVER_STAGE ? FPL_NUMBER_PERCENT
                                                          : FPL_NUMBER_TRIMMED);
        return;
    }
    char num[FPL_NUMBER_MAX];
    fpl_format_number(value < 0.0 ? -value : value, FPL_NUMBER_PERCENT, num, sizeof num);
    if (kind == FPL_CHANGE_POINTS) {
        num[strlen(num) - 1] = '\0'; /* the '%' becomes "pp" */
    }
    fpl__put(d, value < 0.0 ? "-" : "+", num, kind == FPL_CHANGE_POINTS ? "pp" : "");
}

/* The question's checks after the result's own (its JSON's): the terms and
 * the input given, and the held volume's stage in the funnel. */
static fpl_status check_question(fpl_status st, const fpl_funnel *funnel, const fpl_terms *terms,
                                 const void *input, const fpl_forecast_input *held,
                                 fpl_error *err)
{
    if (st == FPL_OK && (terms == NULL || input == NULL)) {
        return fpl__fail(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    }
    if (st == FPL_OK && held != NULL && held->at >= funnel->n_stages) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    }
    return st;
}

/* ---- what-if -------------------------------------------------------------- */

/* The figures of one side per period, as the totals over the horizon. */
static fpl_whatif_totals per_period(const fpl_whatif *r, bool scenario)
{
    const fpl_forecast *f = scenario ? &r->scenario_forecast : &r->baseline_forecast;
    const fpl_plan *p = scenario ? &r->scenario_plan : &r->baseline_plan;
    fpl_whatif_totals t = {f->volume, f->deals, f->has_revenue, f->revenue, f->budget};
    fpl_whatif_totals u = {p->stages[0].required, p->deals, p->has_revenue, p->revenue, p->budget};
    return r->volume_held ? t : u;
}

/* One row of the what-if CSV: a figure, its stage (or none), and the
 * baseline, scenario and delta cells that are present. */
static void whatif_csv_row(fpl__doc *d, const char *figure, const char *stage, bool sides,
                           double baseline, double scenario, bool has_delta, double delta)
{
    fpl__csv_text(d, true, figure);
    fpl__csv_text(d, false, stage);
    fpl__csv_maybe(d, sides, baseline);
    fpl__csv_maybe(d, sides, scenario);
    fpl__csv_maybe(d, has_delta, delta);
    fpl__put(d, "\n");
}

/* The table's figures, one per row (figure,stage,baseline,scenario,delta):
 * every stage's rate and volume, the terms, the figures per period and over
 * the horizon, and the figures of the change alone (its gain, the
 * investment, ROI and payback) in the delta column. */
static void whatif_csv(fpl__doc *d, const fpl_funnel *f, const fpl_whatif *r)
{
    const char *units = r->volume_held ? "expected" : "required";
    fpl__put(d, "figure,stage,baseline,scenario,delta\n");
    for (size_t k = 0; k < f->n_stages; ++k) {
        whatif_csv_row(d, "rate", f->stages[k].name, true, f->stages[k].rate,
                       r->scenario_funnel.stages[k].rate, false, 0.0);
    }
    for (size_t k = r->volume_held ? r->baseline_forecast.at : 0; k < f->n_stages; ++k) {
        whatif_csv_row(d, units, f->stages[k].name, true,
                       r->volume_held ? r->baseline_forecast.expected[k]
                                      : r->baseline_plan.stages[k].required,
                       r->volume_held ? r->scenario_forecast.expected[k]
                                      : r->scenario_plan.stages[k].required,
                       false, 0.0);
    }
    const fpl_forecast *bf = &r->baseline_forecast;
    if (r->has_revenue) {
        whatif_csv_row(d, "deal_size", "", true,
                       r->volume_held ? bf->deal_size : r->baseline_plan.deal_size,
                       r->scenario_terms.deal_size, false, 0.0);
    }
    if (r->has_cost) {
        whatif_csv_row(d, "cost_per_lead", "", true,
                       r->volume_held ? bf->cost_per_lead : r->baseline_plan.cost_per_lead,
                       r->scenario_terms.cost_per_lead, false, 0.0);
    }
    for (int horizon = 0; horizon < 2; ++horizon) {
        const fpl_whatif_totals b = horizon ? r->baseline_horizon : per_period(r, false);
        const fpl_whatif_totals sc = horizon ? r->scenario_horizon : per_period(r, true);
        const bool both = b.has_revenue && sc.has_revenue;
        whatif_csv_row(d, horizon ? "volume_horizon" : "volume", "", true, b.volume, sc.volume,
                       true, horizon ? r->volume_horizon : r->volume);
        whatif_csv_row(d, horizon ? "deals_horizon" : "deals", "", true, b.deals, sc.deals, true,
                       horizon ? r->deals_horizon : r->deals);
        if (r->has_revenue) {
            whatif_csv_row(d, horizon ? "revenue_horizon" : "revenue", "", both, b.revenue,
                           sc.revenue, true, horizon ? r->revenue_horizon : r->revenue);
        }
        if (r->has_cost) {
            whatif_csv_row(d, horizon ? "cost_horizon" : "cost", "", true, b.cost, sc.cost, true,
                           horizon ? r->cost_horizon : r->cost);
        }
        whatif_csv_row(d, horizon ? "gain_horizon" : "gain", "", false, 0.0, 0.0, true,
                       horizon ? r->gain_horizon : r->gain);
    }
    if (r->has_invest) {
        whatif_csv_row(d, "invest", "", false, 0.0, 0.0, true, r->invest);
        whatif_csv_row(d, "roi", "", false, 0.0, 0.0, true, r->roi);
        whatif_csv_row(d, "payback_periods", "", false, 0.0, 0.0, r->has_payback,
                       r->payback_periods);
    }
}

/* Baseline, scenario and delta side by side: per period (with the rates
 * and terms first) or over the horizon. */
static void whatif_compare(fpl__doc *d, const fpl_funnel *f, const fpl_whatif *r,
                           const char *header, const char *volume_label, bool horizon)
{
    static const fpl__align align[] = {FPL__LEFT, FPL__RIGHT, FPL__RIGHT, FPL__RIGHT};
    const char *headers[] = {header, "baseline", "scenario", "delta"};
    fpl__table_begin(d, 4, headers, align);
    const fpl_whatif_totals b = horizon ? r->baseline_horizon : per_period(r, false);
    const fpl_whatif_totals s = horizon ? r->scenario_horizon : per_period(r, true);
    const double base[] = {b.volume, b.deals, b.revenue, b.cost};
    const double scen[] = {s.volume, s.deals, s.revenue, s.cost};
    const double delta[] = {horizon ? r->volume_horizon : r->volume,
                            horizon ? r->deals_horizon : r->deals,
                            horizon ? r->revenue_horizon : r->revenue,
                            horizon ? r->cost_horizon : r->cost,
                            horizon ? r->gain_horizon : r->gain};
    const char *labels[] = {volume_label, "deals", "revenue", "cost", "gain"};
    const bool shown[] = {true, true, r->has_revenue, r->has_cost, true};
    for (size_t k = 0; !horizon && k < f->n_stages; ++k) {
        char label[FPL_NAME_MAX + 8];
        fpl__join(label, sizeof label, f->stages[k].name, " rate");
        fpl__table_row(d);
        fpl__table_set(d, 0, label);
        fpl__table_style(d, 1, f->stages[k].rate, FPL_NUMBER_PERCENT);
        fpl__table_style(d, 2, r->scenario_funnel.stages[k].rate, FPL_NUMBER_PERCENT);
    }
    const fpl_forecast *bf = &r->baseline_forecast;
    const double terms[2][2] = {
        {r->volume_held ? bf->deal_size : r->baseline_plan.deal_size, r->scenario_terms.deal_size},
        {r->volume_held ? bf->cost_per_lead : r->baseline_plan.cost_per_lead,
         r->scenario_terms.cost_per_lead}};
    for (size_t i = 0; !horizon && i < 2; ++i) {
        if (i == 0 ? r->has_revenue : r->has_cost) {
            fpl__table_row(d);
            fpl__table_set(d, 0, i == 0 ? "deal size" : "cost per lead");
            fpl__table_style(d, 1, terms[i][0], FPL_NUMBER_TRIMMED);
            fpl__table_style(d, 2, terms[i][1], FPL_NUMBER_TRIMMED);
        }
    }
    for (size_t i = 0; i < 5; ++i) {
        if (!shown[i]) {
            continue;
        }
        fpl__table_row(d);
        fpl__table_set(d, 0, labels[i]);
        if (i < 4 && (i != 2 || (b.has_revenue && s.has_revenue))) {
            fpl__table_style(d, 1, base[i], FPL_NUMBER_TRIMMED);
            fpl__table_style(d, 2, scen[i], FPL_NUMBER_TRIMMED);
        }
        fpl__table_style(d, 3, delta[i], FPL_NUMBER_SIGNED);
    }
    fpl__table_end(d);
}

static void whatif_table(fpl__doc *d, const fpl_funnel *f, const fpl_whatif_input *in,
                         const fpl_whatif *r)
{
    /* The headline: what is held, and the changes as typed. */
    const fpl_plan *bp = &r->baseline_plan;
    const fpl_terms target = {.target = bp->has_revenue ? FPL_TARGET_REVENUE : FPL_TARGET_DEALS,
                              .revenue = bp->revenue, .deals = bp->deals};
    const fpl_forecast_input volume = {r->baseline_forecast.volume, r->baseline_forecast.at};
    put_held(d, "What-if", r->per, f, r->volume_held ? &volume : NULL, &target);
    fpl__put(d, "Changes: ", in->n_changes == 0 ? "none" : "");
    for (size_t i = 0; i < in->n_changes; ++i) {
        const fpl_change *c = &in->changes[i];
        fpl__put(d, i > 0 ? ", " : "", fpl_lever_name(f, c->lever, c->stage), " ");
        put_change(d, c->lever, c->kind, c->value);
        fpl__put(d, " (", fpl_change_kind_name(c->kind), ")");
    }
    fpl__put(d, ".\n\n");

    /* Per period, then over the horizon: the library's totals. */
    const char *per = fpl_period_name(r->per);
    char label[FPL_NAME_MAX + 16];
    fpl__join(label, sizeof label, "volume at ", f->stages[r->volume_held ? volume.at : 0].name);
    char header[32];
    whatif_compare(d, f, r, fpl__join(header, sizeof header, "per ", per), label, false);
    char num[24];
    fpl_format_number((double)r->horizon, FPL_NUMBER_JSON, num, sizeof num);
    char over[64];
    fpl__join(over, sizeof over, "over ", num, " ", per, r->horizon == 1 ? "" : "s");
    fpl__put(d, "\n");
    whatif_compare(d, f, r, over, label, true);

    /* The gain, the return, and what whole deals would show. */
    fpl__put(d, "\n");
    if (r->margin < 1.0 || r->has_cost) {
        fpl__put(d, "Gain = revenue gained", r->margin < 1.0 ? " \u00D7 margin " : "");
        if (r->margin < 1.0) {
            fpl__put_style(d, r->margin, FPL_NUMBER_PERCENT);
        }
        fpl__put(d, r->has_cost ? " \u2212 acquisition cost added (a saving is a gain).\n"
                                : ".\n");
    }
    if (r->has_invest) {
        fpl__put(d, "Investment ");
        fpl__put_style(d, r->invest, FPL_NUMBER_AMOUNT);
        fpl__put(d, ": ROI ");
        fpl__put_style(d, r->roi, FPL_NUMBER_PERCENT);
        fpl__put(d, " ", over);
        if (r->has_payback) {
            fpl__put(d, "; payback in ");
            fpl__put_style(d, r->payback_periods, FPL_NUMBER_TRIMMED);
            fpl__put(d, " ", per, "s.\n");
        } else {
            fpl__put(d, "; no payback: the gain per ", per, " is not positive.\n");
        }
    }
    if (r->has_whole_deals) { /* only when the count is not whole already */
        fpl__put(d, "Whole deals: ", over, " the scenario wins ");
        fpl__put_style(d, r->scenario_horizon.deals, FPL_NUMBER_TRIMMED);
        fpl__put(d, " deals; counted in whole deals ");
        fpl__put_count(d, (uint64_t)r->whole_deals);
        if (r->scenario_terms.has_deal_size) {
            fpl__put(d, ", i.e. revenue ");
            fpl__put_style(d, r->whole_revenue, FPL_NUMBER_AMOUNT);
        }
        fpl__put(d, ".\n");
    }
    fpl__put(d, "\n", fpl__rounded_note);
}

/* ---- sensitivity ---------------------------------------------------------- */

static void sensitivity_csv(fpl__doc *d, const fpl_funnel *f, const fpl_sensitivity *r)
{
    fpl__put(d, "lever,from,to,", r->volume_held ? "revenue_delta" : "volume_delta", ",share\n");
    for (size_t i = 0; i < r->n_rows; ++i) {
        const fpl_sensitivity_row *row = &r->rows[i];
        fpl__csv_text(d, true, fpl_lever_name(f, row->lever, row->stage));
        const double values[] = {row->from, row->to, row->effect, row->share};
        for (size_t c = 0; c < 4; ++c) {
            fpl__csv_number(d, values[c]);
        }
        fpl__put(d, "\n");
    }
}

static void sensitivity_table(fpl__doc *d, const fpl_funnel *f, const fpl_terms *terms,
                              const fpl_sensitivity_input *in, const fpl_sensitivity *r)
{
    const char *per = fpl_period_name(r->per);
    put_held(d, "Sensitivity", r->per, f, r->volume_held ? &in->volume : NULL, terms);
    fpl__put(d, "One step of each lever (every stage ");
    put_change(d, FPL_LEVER_STAGE, r->step_kind, r->step);
    for (size_t i = 0; i < r->n_rows; ++i) {
        if (r->rows[i].lever == FPL_LEVER_DEAL_SIZE) {
            fpl__put(d, ", the deal size ");
            put_change(d, FPL_LEVER_STAGE, FPL_CHANGE_RELATIVE, r->deal_size_step);
            break;
        }
    }
    if (r->volume_held) {
        fpl__put(d, "), ranked by the revenue it gains per ", per, ".\n\n");
    } else {
        fpl__put(d, "), ranked by the ", f->stages[0].name, " volume it saves per ", per,
                 ".\n\n");
    }

    char effect[FPL_NAME_MAX + 16];
    fpl__join(effect, sizeof effect, r->volume_held ? "revenue gained" : f->stages[0].name,
              r->volume_held ? "" : " saved");
    const char *headers[] = {"#", "lever", "from", "to", effect, "share", ""};
    static const fpl__align align[] = {FPL__RIGHT, FPL__LEFT,  FPL__RIGHT, FPL__RIGHT,
                                       FPL__RIGHT, FPL__RIGHT, FPL__LEFT};
    fpl__table_begin(d, 7, headers, align);
    for (size_t i = 0; i < r->n_rows; ++i) {
        const fpl_sensitivity_row *row = &r->rows[i];
        const fpl_number_style style =
            row->lever == FPL_LEVER_STAGE ? FPL_NUMBER_PERCENT : FPL_NUMBER_TRIMMED;
        fpl__table_row(d);
        fpl__table_count(d, 0, i + 1);
        fpl__table_set(d, 1, fpl_lever_name(f, row->lever, row->stage));
        fpl__table_style(d, 2, row->from, style);
        fpl__table_style(d, 3, row->to, style);
        fpl__table_style(d, 4, row->effect, FPL_NUMBER_TRIMMED);
        fpl__table_style(d, 5, row->share, FPL_NUMBER_PERCENT);
        fpl__table_bar(d, 6, row->share, 1.0);
    }
    fpl__table_end(d);
    fpl__put(d, "\nshare: a lever's effect as a fraction of the best lever's.\n",
             fpl__rounded_note);
}

/* ---- goal seek ------------------------------------------------------------ */

static void solve_csv(fpl__doc *d, const fpl_funnel *f, const fpl_solve *r)
{
    fpl__put(d, "lever,current,value,change\n");
    fpl__csv_text(d, true, fpl_lever_name(f, r->lever, r->stage));
    fpl__csv_number(d, r->current);
    fpl__csv_number(d, r->value);
    fpl__csv_number(d, r->change);
    fpl__put(d, "\n");
}

static void solve_table(fpl__doc *d, const fpl_funnel *f, const fpl_terms *terms,
                        const fpl_solve_input *in, const fpl_solve *r)
{
    const char *at = f->stages[in->volume.at].name;
    char value[FPL_NUMBER_MAX];
    char current[FPL_NUMBER_MAX];
    char change[FPL_NUMBER_MAX];
    const fpl_number_style style =
        r->lever == FPL_LEVER_STAGE ? FPL_NUMBER_PERCENT : FPL_NUMBER_TRIMMED;
    fpl_format_number(r->value, style, value, sizeof value);
    fpl_format_number(r->current, style, current, sizeof current);
    fpl_format_number(r->change, FPL_NUMBER_RELATIVE, change, sizeof change);

    /* One sentence: "opportunity must convert 33.3333% (now 33%, +1.01%) for
     * 75 a month to reach 25 deals." */
    const char *a_per = fpl_period_name(r->per);
    if (r->lever == FPL_LEVER_VOLUME || r->lever == FPL_LEVER_COST_PER_LEAD) {
        fpl__put(d, "The volume entering ", at, " must be ", value, " a ", a_per, " (now ",
                 current, ", ", change, ")");
    } else {
        fpl__put(d, r->lever == FPL_LEVER_STAGE ? f->stages[r->stage].name : "The deal size",
                 r->lever == FPL_LEVER_STAGE ? " must convert " : " must be ", value, " (now ",
                 current, ", ", change, ") for ");
        fpl__put_style(d, in->volume.volume, FPL_NUMBER_TRIMMED);
        fpl__put(d, " a ", a_per, in->volume.at != 0 ? " entering " : "",
                 in->volume.at != 0 ? at : "");
    }
    fpl__put(d, " to reach ");
    put_target(d, terms);
    fpl__put(d, ".\n\n");

    static const char *const headers[] = {"lever", "now", "needed", "change"};
    static const fpl__align align[] = {FPL__LEFT, FPL__RIGHT, FPL__RIGHT, FPL__RIGHT};
    fpl__table_begin(d, 4, headers, align);
    fpl__table_row(d);
    fpl__table_set(d, 0, fpl_lever_name(f, r->lever, r->stage));
    fpl__table_set(d, 1, current);
    fpl__table_set(d, 2, value);
    fpl__table_set(d, 3, change);
    fpl__table_end(d);
    fpl__put(d, "\n", fpl__rounded_note);
}

/* ---- the public entry points ---------------------------------------------- */

fpl_status fpl_whatif_render(const fpl_funnel *funnel, const fpl_whatif_input *input,
                             const fpl_whatif *whatif, const fpl_mix *mixes, size_t n_mixes,
                             const fpl_mix *scenario_mixes, size_t n_scenario_mixes,
                             fpl_render_format format, char *buf, size_t capacity,
                             size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const size_t cap = format == FPL_RENDER_JSON ? capacity : 0; /* else only the checks */
    size_t len = 0;
    fpl_status st = fpl_whatif_json(funnel, input, whatif, mixes, n_mixes, scenario_mixes,
                                    n_scenario_mixes, buf, cap, &len, err);
    if (st == FPL_OK && format == FPL_RENDER_SVG) {
        return fpl_whatif_svg(funnel, input, whatif, buf, capacity, length_out, err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            whatif_csv(&d, funnel, whatif);
        } else {
            whatif_table(&d, funnel, input, whatif);
            fpl__put_mixes(&d, false, funnel, mixes, n_mixes);
            fpl__put_mixes(&d, true, funnel, scenario_mixes, n_scenario_mixes);
        }
    }
    return fpl__render_end(&d, err);
}

fpl_status fpl_sensitivity_render(const fpl_funnel *funnel, const fpl_terms *terms,
                                  const fpl_sensitivity_input *input,
                                  const fpl_sensitivity *sensitivity, const fpl_mix *mixes,
                                  size_t n_mixes, fpl_render_format format, char *buf,
                                  size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const size_t cap = format == FPL_RENDER_JSON ? capacity : 0; /* else only the checks */
    size_t len = 0;
    fpl_status st = fpl_sensitivity_json(funnel, sensitivity, buf, cap, &len, err);
    const bool held = st == FPL_OK && input != NULL && sensitivity->volume_held;
    st = check_question(st, funnel, terms, input, held ? &input->volume : NULL, err);
    st = st == FPL_OK ? fpl__mixes_check(funnel, mixes, n_mixes, err) : st;
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         st == FPL_OK && fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            sensitivity_csv(&d, funnel, sensitivity);
        } else {
            sensitivity_table(&d, funnel, terms, input, sensitivity);
            fpl__put_mixes(&d, false, funnel, mixes, n_mixes);
        }
    }
    return fpl__render_end(&d, err);
}

fpl_status fpl_solve_render(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_solve_input *input, const fpl_solve *solve,
                            const fpl_mix *mixes, size_t n_mixes, fpl_render_format format,
                            char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const size_t cap = format == FPL_RENDER_JSON ? capacity : 0; /* else only the checks */
    size_t len = 0;
    fpl_status st = fpl_solve_json(funnel, solve, buf, cap, &len, err);
    st = check_question(st, funnel, terms, input, input != NULL ? &input->volume : NULL, err);
    st = st == FPL_OK ? fpl__mixes_check(funnel, mixes, n_mixes, err) : st;
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         st == FPL_OK && fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            solve_csv(&d, funnel, solve);
        } else {
            solve_table(&d, funnel, terms, input, solve);
            fpl__put_mixes(&d, false, funnel, mixes, n_mixes);
        }
    }
    return fpl__render_end(&d, err);
}

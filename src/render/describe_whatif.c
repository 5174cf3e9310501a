/*
 * funnelplan — the description of what an improvement is worth: a what-if,
 * a sensitivity ranking and a goal seek, and their JSON.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented JSON contract (docs/guide.md,
 * "JSON output: a stable contract"); a what-if nests the descriptions of
 * two plans or two forecasts (describe.c).
 */

#include "internal.h"

#include "../internal.h"

/* ---- what-if ------------------------------------------------------------ */

/* What fpl_view_whatif() refuses before it adds a node. */
static fpl_status whatif_check(const fpl_funnel *funnel, const fpl_whatif_input *input,
                               const fpl_whatif *r, fpl_error *err)
{
    if (funnel == NULL || input == NULL || r == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (input->n_changes > FPL_MAX_CHANGES) {
        return fpl__fail(err, FPL_ERR_CHANGE_COUNT, FPL_FIELD_CHANGE, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < input->n_changes; ++i) {
        const fpl_change *c = &input->changes[i];
        if (fpl_lever_name(funnel, c->lever, c->stage) == NULL ||
            fpl_change_kind_name(c->kind) == NULL) {
            return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_CHANGE, i);
        }
    }
    if (fpl_period_name(r->per) == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    return FPL_OK;
}

/* The members before the baseline: the question (checked by whatif_check). */
static void whatif_head(fpl_view *v, const fpl_funnel *funnel, const fpl_whatif_input *input,
                        const fpl_whatif *r)
{
    fpl_view_string(v, "command", "whatif");
    fpl_view_string(v, "per", fpl_period_name(r->per));
    fpl_view_count(v, "horizon", r->horizon);
    fpl_view_string(v, "mode", r->volume_held ? "volume" : "target");
    fpl_view_array(v, "changes");
    for (size_t i = 0; i < input->n_changes; ++i) {
        const fpl_change *c = &input->changes[i];
        fpl_view_object(v, NULL);
        fpl_view_string(v, "lever", fpl_lever_name(funnel, c->lever, c->stage));
        fpl_view_string(v, "kind", fpl_change_kind_name(c->kind));
        fpl_view_number(v, "value", c->value);
        fpl_view_close(v);
    }
    fpl_view_close(v);
}

/* The baseline or the scenario: a forecast (volume held) or a plan. */
static fpl_status whatif_side(fpl_view *v, const char *key, const fpl_funnel *funnel,
                              const fpl_whatif *r, bool scenario, fpl_error *err)
{
    const fpl_funnel *f = scenario ? &r->scenario_funnel : funnel;
    if (r->volume_held) {
        return fpl_view_forecast(v, key, f,
                                 scenario ? &r->scenario_forecast : &r->baseline_forecast, err);
    }
    return fpl_view_plan(v, key, f, scenario ? &r->scenario_plan : &r->baseline_plan, NULL, err);
}

/* The members after the scenario: what the changes are worth. */
static void whatif_tail(fpl_view *v, const fpl_whatif *r)
{
    fpl_view_number(v, "margin", r->margin);
    fpl_view_object(v, "delta");
    fpl_view_number(v, "deals", r->deals);
    fpl_view_number_or_null(v, "revenue", r->has_revenue, r->revenue);
    fpl_view_number(v, "volume", r->volume);
    fpl_view_number_or_null(v, "cost", r->has_cost, r->cost);
    fpl_view_number(v, "gain", r->gain);
    fpl_view_number_or_null(v, "revenue_horizon", r->has_revenue, r->revenue_horizon);
    fpl_view_number_or_null(v, "cost_horizon", r->has_cost, r->cost_horizon);
    fpl_view_number(v, "gain_horizon", r->gain_horizon);
    fpl_view_close(v);
    if (r->has_invest) {
        fpl_view_number(v, "invest", r->invest);
        fpl_view_number(v, "roi", r->roi);
        fpl_view_number_or_null(v, "payback_periods", r->has_payback, r->payback_periods);
    }
}

fpl_status fpl_view_whatif(fpl_view *view, const char *key, const fpl_funnel *funnel,
                           const fpl_whatif_input *input, const fpl_whatif *whatif,
                           fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = whatif_check(funnel, input, whatif, err);
    if (st != FPL_OK) {
        return st;
    }
    fpl_view_object(view, key);
    whatif_head(view, funnel, input, whatif);
    /* A side that did not fit is still counted whole: go on, so that
     * fpl_view::needed is the whole what-if's. */
    st = whatif_side(view, "baseline", funnel, whatif, false, err);
    if (st == FPL_OK || st == FPL_ERR_WORKSPACE) {
        st = whatif_side(view, "scenario", funnel, whatif, true, err);
    }
    if (st != FPL_OK && st != FPL_ERR_WORKSPACE) {
        return fpl__done(err, st);
    }
    whatif_tail(view, whatif);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

/* ---- sensitivity -------------------------------------------------------- */

fpl_status fpl_view_sensitivity(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                const fpl_sensitivity *sensitivity, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || sensitivity == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_sensitivity *r = sensitivity;
    const size_t max_rows = sizeof r->rows / sizeof r->rows[0];
    if (r->n_rows > max_rows) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < r->n_rows; ++i) {
        if (fpl_lever_name(funnel, r->rows[i].lever, r->rows[i].stage) == NULL) {
            return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, i);
        }
    }
    const char *kind = fpl_change_kind_name(r->step_kind);
    if (kind == NULL) {
        return fpl__fail(err, FPL_ERR_STEP, FPL_FIELD_STEP, FPL_NO_INDEX);
    }
    const char *per = fpl_period_name(r->per);
    if (per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "sensitivity");
    fpl_view_string(view, "per", per);
    fpl_view_string(view, "mode", r->volume_held ? "volume" : "target");
    fpl_view_object(view, "step");
    fpl_view_string(view, "kind", kind);
    fpl_view_number(view, "value", r->step);
    fpl_view_close(view);
    fpl_view_number(view, "deal_size_step", r->deal_size_step);
    fpl_view_array(view, "rows");
    for (size_t i = 0; i < r->n_rows; ++i) {
        const fpl_sensitivity_row *row = &r->rows[i];
        fpl_view_object(view, NULL);
        fpl_view_string(view, "lever", fpl_lever_name(funnel, row->lever, row->stage));
        fpl_view_number(view, "from", row->from);
        fpl_view_number(view, "to", row->to);
        fpl_view_number(view, r->volume_held ? "revenue_delta" : "volume_delta", row->effect);
        fpl_view_number(view, "share", row->share);
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

/* ---- goal seek ---------------------------------------------------------- */

fpl_status fpl_view_solve(fpl_view *view, const char *key, const fpl_funnel *funnel,
                          const fpl_solve *solve, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || solve == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const char *lever = fpl_lever_name(funnel, solve->lever, solve->stage);
    if (lever == NULL) {
        return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
    }
    const char *per = fpl_period_name(solve->per);
    if (per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "solve");
    fpl_view_string(view, "per", per);
    fpl_view_string(view, "lever", lever);
    fpl_view_number(view, "current", solve->current);
    fpl_view_number(view, "value", solve->value);
    fpl_view_number(view, "change", solve->change);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

/* ---- JSON --------------------------------------------------------------- */

fpl_status fpl_sensitivity_json(const fpl_funnel *funnel, const fpl_sensitivity *sensitivity,
                                char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl_node nodes[FPL_VIEW_SENSITIVITY_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_SENSITIVITY_NODES);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_view_sensitivity(&view, NULL, funnel, sensitivity, err);
    }
    return fpl__json_end(&j, &view, st, length_out, err);
}

fpl_status fpl_solve_json(const fpl_funnel *funnel, const fpl_solve *solve, char *buf,
                          size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl_node nodes[FPL_VIEW_SOLVE_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_SOLVE_NODES);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_view_solve(&view, NULL, funnel, solve, err);
    }
    return fpl__json_end(&j, &view, st, length_out, err);
}

/* The what-if's object is written a part at a time, each part described
 * into the same nodes: the head, the baseline, the scenario, the tail, then
 * each mix. The bytes are those of fpl_view_json() over the whole view with
 * its mixes (test_render_whatif.c). */

/* Nodes for the largest part: a side (a plan or a forecast) or the head
 * (its object, 4 figures and every change). */
#define PART_NODES (FPL_VIEW_SIDE_NODES > 6 + 4 * FPL_MAX_CHANGES ? FPL_VIEW_SIDE_NODES \
                                                                  : 6 + 4 * FPL_MAX_CHANGES)

fpl_status fpl_whatif_json(const fpl_funnel *funnel, const fpl_whatif_input *input,
                           const fpl_whatif *whatif, const fpl_mix *mixes, size_t n_mixes,
                           const fpl_mix *scenario_mixes, size_t n_scenario_mixes, char *buf,
                           size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = whatif_check(funnel, input, whatif, err);
    }
    if (st == FPL_OK) {
        st = fpl__mixes_check(funnel, mixes, n_mixes, err);
    }
    if (st == FPL_OK) {
        st = fpl__mixes_check(funnel, scenario_mixes, n_scenario_mixes, err);
    }
    fpl_node nodes[PART_NODES];
    fpl_view part;
    if (st == FPL_OK) {
        fpl_view_init(&part, nodes, PART_NODES);
        fpl_view_object(&part, NULL);
        whatif_head(&part, funnel, input, whatif);
        fpl_view_close(&part);
        st = fpl__json_members(&j, &part, NULL, err);
    }
    static const char *const sides[2] = {"baseline", "scenario"};
    for (int s = 0; s < 2 && st == FPL_OK; ++s) {
        fpl_view_init(&part, nodes, PART_NODES);
        st = whatif_side(&part, NULL, funnel, whatif, s == 1, err);
        if (st == FPL_OK) {
            fpl__json_put(&j, sides[s], nodes, part.count);
        }
    }
    if (st == FPL_OK) {
        fpl_view_init(&part, nodes, PART_NODES);
        fpl_view_object(&part, NULL);
        whatif_tail(&part, whatif);
        fpl_view_close(&part);
        st = fpl__json_members(&j, &part, NULL, err);
    }
    if (st == FPL_OK) {
        st = fpl__json_mixes(&j, "mix", funnel, mixes, n_mixes, err);
    }
    if (st == FPL_OK) {
        st = fpl__json_mixes(&j, "scenario_mix", funnel, scenario_mixes, n_scenario_mixes, err);
    }
    return fpl__json_end(&j, NULL, st, length_out, err);
}

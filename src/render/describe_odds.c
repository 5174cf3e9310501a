/*
 * funnelplan — the description of an odds result (`funnelplan odds`): the
 * exact binomial figures and, when Monte Carlo ran, its estimates.
 * SPDX-License-Identifier: MIT
 *
 * Keys and order are the documented JSON contract (docs/guide.md, "odds").
 * What the simulation was asked (the deal-size variation and the rates
 * known from history) is read from its input; the labels it prints
 * (`deal_size_distribution`, `judged_on`) are named here once.
 */

#include "internal.h"

#include "../internal.h"

static const char *const quantile_names[FPL_ODDS_QUANTILES] = {"p10", "p50", "p90"};

const char *fpl_odds_distribution_name(double deal_size_cv)
{
    return deal_size_cv > 0.0 ? "gamma" : NULL;
}

const char *fpl_odds_judged_on_name(const fpl_odds_sim *sim)
{
    if (sim == NULL) {
        return NULL;
    }
    return sim->by_revenue ? "revenue" : "deals";
}

/* {"p10": ..., "p50": ..., "p90": ...} under key (whole counts as
 * integers), or null when the result does not have them. */
static void view_quantiles(fpl_view *view, const char *key, bool present, bool whole,
                           const double q[FPL_ODDS_QUANTILES])
{
    if (!present) {
        fpl_view_null(view, key);
        return;
    }
    fpl_view_object(view, key);
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        if (whole) {
            fpl_view_whole(view, quantile_names[i], q[i]);
        } else {
            fpl_view_number(view, quantile_names[i], q[i]);
        }
    }
    fpl_view_close(view);
}

/* The values (or the standard errors) of the three quantile estimates. */
static void estimates(const fpl_odds_estimate e[FPL_ODDS_QUANTILES], bool std_error,
                      double out[FPL_ODDS_QUANTILES])
{
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        out[i] = std_error ? e[i].std_error : e[i].value;
    }
}

fpl_status fpl_view_odds_sim(fpl_view *view, const char *key, const fpl_funnel *funnel,
                             const fpl_odds_sim_input *input, const fpl_odds_sim *sim,
                             fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || input == NULL || sim == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    const fpl_odds_sim *s = sim;
    double q[FPL_ODDS_QUANTILES];
    fpl_view_object(view, key);
    fpl_view_count(view, "trials", (uint64_t)s->trials);
    fpl_view_count(view, "seed", s->seed);
    fpl_view_number(view, "deal_size_cv", input->deal_size_cv);
    fpl_view_string(view, "deal_size_distribution",
                    fpl_odds_distribution_name(input->deal_size_cv));
    fpl_view_array(view, "history");
    for (size_t k = 0; k < funnel->n_stages; ++k) {
        if (input->has_history[k]) {
            fpl_view_object(view, NULL);
            fpl_view_string(view, "stage", funnel->stages[k].name);
            fpl_view_whole(view, "won", input->won[k]);
            fpl_view_whole(view, "total", input->total[k]);
            fpl_view_close(view);
        }
    }
    fpl_view_close(view);
    fpl_view_string(view, "judged_on", fpl_odds_judged_on_name(s));
    fpl_view_number(view, "p_hit", s->p_hit.value);
    fpl_view_number(view, "expected_deals", s->expected_deals.value);
    fpl_view_number_or_null(view, "expected_revenue", s->has_revenue, s->expected_revenue.value);
    estimates(s->deals_quantiles, false, q);
    view_quantiles(view, "deals_quantiles", true, true, q);
    estimates(s->revenue_quantiles, false, q);
    view_quantiles(view, "revenue_quantiles", s->has_revenue, false, q);
    fpl_view_object(view, "std_error");
    fpl_view_number(view, "p_hit", s->p_hit.std_error);
    fpl_view_number(view, "expected_deals", s->expected_deals.std_error);
    fpl_view_number_or_null(view, "expected_revenue", s->has_revenue,
                            s->expected_revenue.std_error);
    estimates(s->deals_quantiles, true, q);
    view_quantiles(view, "deals_quantiles", true, false, q);
    estimates(s->revenue_quantiles, true, q);
    view_quantiles(view, "revenue_quantiles", s->has_revenue, false, q);
    fpl_view_close(view);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

fpl_status fpl_view_odds(fpl_view *view, const char *key, const fpl_funnel *funnel,
                         const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                         const fpl_odds_sim *sim, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || odds == NULL || (sim != NULL && sim_input == NULL)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_odds *r = odds;
    if (funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    if (r->n_levels > FPL_ODDS_MAX_LEVELS) {
        return fpl__fail(err, FPL_ERR_CONFIDENCE_COUNT, FPL_FIELD_CONFIDENCE, FPL_NO_INDEX);
    }
    if (r->at >= funnel->n_stages) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    }
    const char *per = fpl_period_name(r->per);
    const char *volume_per = fpl_period_name(r->volume_per);
    if (per == NULL || volume_per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "odds");
    fpl_view_string(view, "per", per);
    fpl_view_string(view, "at", funnel->stages[r->at].name);
    fpl_view_whole(view, "volume", r->volume);
    fpl_view_number(view, "cumulative_rate", r->cumulative_rate);
    fpl_view_whole(view, "target_deals", r->target_deals);
    fpl_view_number_or_null(view, "target_revenue", r->has_target_revenue, r->target_revenue);
    fpl_view_number_or_null(view, "deal_size", r->has_revenue, r->deal_size);
    fpl_view_number(view, "p_hit", r->p_hit);
    fpl_view_number(view, "p_miss", r->p_miss);
    fpl_view_number(view, "expected_deals", r->expected_deals);
    fpl_view_number(view, "sd_deals", r->sd_deals);
    fpl_view_number_or_null(view, "expected_revenue", r->has_revenue, r->expected_revenue);
    view_quantiles(view, "deals_quantiles", true, true, r->deals_quantiles);
    view_quantiles(view, "revenue_quantiles", r->has_revenue, false, r->revenue_quantiles);
    fpl_view_array(view, "volume_for");
    for (size_t i = 0; i < r->n_levels; ++i) {
        const fpl_odds_level *l = &r->volume_for[i];
        fpl_view_object(view, NULL);
        fpl_view_number(view, "confidence", l->confidence);
        if (l->has_volume) {
            fpl_view_whole(view, "volume", l->volume);
        } else {
            fpl_view_null(view, "volume"); /* more than 2^53 units */
        }
        if (l->has_volume && r->given_volume_for[i] > 0.0) {
            fpl_view_whole(view, "given_volume", r->given_volume_for[i]);
        } else {
            fpl_view_null(view, "given_volume");
        }
        fpl_view_close(view);
    }
    fpl_view_close(view);
    if (sim != NULL) {
        fpl_status st = fpl_view_odds_sim(view, "simulation", funnel, sim_input, sim, err);
        if (st != FPL_OK && st != FPL_ERR_WORKSPACE) { /* a full view goes on counting */
            return st;
        }
    } else {
        fpl_view_null(view, "simulation");
    }
    /* Keys added later, at the end: the volume as given and its period. */
    fpl_view_string(view, "volume_per", volume_per);
    fpl_view_whole(view, "given_volume", r->given_volume);
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

fpl_status fpl_odds_json(const fpl_funnel *funnel, const fpl_odds *odds,
                         const fpl_odds_sim_input *sim_input, const fpl_odds_sim *sim, char *buf,
                         size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl_node nodes[FPL_VIEW_ODDS_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_ODDS_NODES);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_view_odds(&view, NULL, funnel, odds, sim_input, sim, err);
    }
    return fpl__json_end(&j, &view, st, length_out, err);
}

/*
 * funnelplan — the description of each result: which figures every face
 * shows, under which keys, in which order.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented JSON contract (docs/guide.md):
 * every format's writer walks these views, so a figure is named here once.
 */

#include "internal.h"

#include "../internal.h"

static const fpl_period all_periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};

fpl_status fpl_view_plan(fpl_view *view, const char *key, const fpl_funnel *funnel,
                         const fpl_plan *plan, const fpl_odds_plan *confidence, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || plan == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_plan *p = plan;
    const fpl_odds_plan *conf = confidence;
    if (p->n_stages > funnel->n_stages || funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    const char *per = fpl_period_name(p->per);
    if (per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "plan");
    fpl_view_string(view, "per", per);
    fpl_view_number_or_null(view, "revenue", p->has_revenue, p->revenue);
    fpl_view_number_or_null(view, "deal_size", p->has_deal_size, p->deal_size);
    fpl_view_number(view, "deals", p->deals);
    fpl_view_count(view, "deals_whole", p->deals_whole);
    if (conf != NULL) {
        fpl_view_number(view, "confidence", conf->confidence);
    }
    fpl_view_number(view, "margin", p->margin);
    fpl_view_number_or_null(view, "gross_profit", p->has_revenue, p->gross_profit);
    fpl_view_array(view, "stages");
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        fpl_view_object(view, NULL);
        fpl_view_string(view, "name", funnel->stages[k].name);
        fpl_view_number(view, "rate", s->rate);
        fpl_view_number(view, "cumulative_rate", s->cumulative_rate);
        fpl_view_number(view, "required", s->required);
        fpl_view_count(view, "required_whole", s->required_whole);
        if (p->has_cost) {
            fpl_view_number(view, "cost_per", s->cost_per);
        }
        if (conf != NULL) {
            fpl_view_whole(view, "required_for_confidence", conf->required[k]);
        }
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_object(view, "by_period");
    for (size_t q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_plan_period *bp = &p->by_period[q];
        fpl_view_object(view, fpl_period_name(all_periods[q]));
        fpl_view_number_or_null(view, "revenue", p->has_revenue, bp->revenue);
        fpl_view_number(view, "deals", bp->deals);
        fpl_view_array(view, "stages");
        for (size_t k = 0; k < p->n_stages; ++k) {
            fpl_view_object(view, NULL);
            fpl_view_string(view, "name", funnel->stages[k].name);
            fpl_view_number(view, "required", bp->required[k]);
            fpl_view_close(view);
        }
        fpl_view_close(view);
        if (p->has_cost) {
            fpl_view_number(view, "budget", bp->budget);
        }
        fpl_view_close(view);
    }
    fpl_view_close(view);
    if (p->has_cost) {
        fpl_view_number(view, "cost_per_lead", p->cost_per_lead);
        fpl_view_number(view, "budget", p->budget);
        fpl_view_number(view, "cost_per_deal", p->cost_per_deal);
    }
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

fpl_status fpl_view_forecast(fpl_view *view, const char *key, const fpl_funnel *funnel,
                             const fpl_forecast *forecast, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL || funnel == NULL || forecast == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_forecast *r = forecast;
    if (r->n_stages > funnel->n_stages || funnel->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    }
    if (r->at >= r->n_stages) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    }
    const char *per = fpl_period_name(r->per);
    if (per == NULL) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    const fpl_stage *stages = funnel->stages;
    fpl_view_object(view, key);
    fpl_view_string(view, "command", "forecast");
    fpl_view_string(view, "per", per);
    fpl_view_string(view, "at", stages[r->at].name);
    fpl_view_number(view, "volume", r->volume);
    fpl_view_array(view, "stages");
    for (size_t k = r->at; k < r->n_stages; ++k) {
        fpl_view_object(view, NULL);
        fpl_view_string(view, "name", stages[k].name);
        fpl_view_number(view, "rate", stages[k].rate);
        fpl_view_number(view, "expected", r->expected[k]);
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_number(view, "deals", r->deals);
    fpl_view_number_or_null(view, "revenue", r->has_revenue, r->revenue);
    fpl_view_number_or_null(view, "deal_size", r->has_revenue, r->deal_size);
    fpl_view_number(view, "margin", r->margin);
    fpl_view_number_or_null(view, "gross_profit", r->has_revenue, r->gross_profit);
    fpl_view_object(view, "by_period");
    for (size_t q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_forecast_period *bp = &r->by_period[q];
        fpl_view_object(view, fpl_period_name(all_periods[q]));
        fpl_view_number_or_null(view, "revenue", r->has_revenue, bp->revenue);
        fpl_view_number(view, "deals", bp->deals);
        fpl_view_array(view, "stages");
        for (size_t k = r->at; k < r->n_stages; ++k) {
            fpl_view_object(view, NULL);
            fpl_view_string(view, "name", stages[k].name);
            fpl_view_number(view, "expected", bp->expected[k]);
            fpl_view_close(view);
        }
        fpl_view_close(view);
        if (r->has_cost) {
            fpl_view_number(view, "budget", bp->budget);
        }
        fpl_view_close(view);
    }
    fpl_view_close(view);
    if (r->has_cost) {
        fpl_view_number(view, "cost_per_lead", r->cost_per_lead);
        fpl_view_number(view, "budget", r->budget);
        fpl_view_number(view, "cost_per_deal", r->cost_per_deal);
    }
    if (r->target != FPL_TARGET_NONE) {
        fpl_view_number_or_null(view, "target_revenue", r->has_target_revenue,
                                r->target_revenue);
        fpl_view_number(view, "target_deals", r->target_deals);
        fpl_view_number_or_null(view, "gap_revenue", r->has_gap_revenue, r->gap_revenue);
        fpl_view_number(view, "gap_deals", r->gap_deals);
        fpl_view_number(view, "attainment", r->attainment);
    }
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

fpl_status fpl__mixes_check(const fpl_funnel *funnel, const fpl_mix *mixes, size_t n,
                            fpl_error *err)
{
    if (funnel == NULL || (mixes == NULL && n > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    for (size_t i = 0; i < n; ++i) {
        if (mixes[i].stage >= funnel->n_stages || mixes[i].stage >= FPL_MAX_STAGES) {
            return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_MIX, FPL_NO_INDEX);
        }
        double rate;
        fpl_status st = fpl_mix_rate(&mixes[i], &rate, NULL);
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_MIX, mixes[i].stage);
        }
    }
    return FPL_OK;
}

/* One mix's object (as an element of the open array): its stage, its
 * segments and its blended rate. The mix was checked by fpl__mixes_check. */
static void view_mix(fpl_view *view, const fpl_funnel *funnel, const fpl_mix *mix)
{
    double rate = 0.0;
    (void)fpl_mix_rate(mix, &rate, NULL); /* checked by fpl__mixes_check */
    fpl_view_object(view, NULL);
    fpl_view_string(view, "stage", funnel->stages[mix->stage].name);
    fpl_view_array(view, "segments");
    for (size_t k = 0; k < mix->n_segments; ++k) {
        fpl_view_object(view, NULL);
        fpl_view_string(view, "name", mix->segments[k].name);
        fpl_view_number(view, "share", mix->segments[k].share);
        fpl_view_number(view, "rate", mix->segments[k].rate);
        fpl_view_close(view);
    }
    fpl_view_close(view);
    fpl_view_number(view, "rate", rate);
    fpl_view_close(view);
}

fpl_status fpl_view_mixes(fpl_view *view, const char *key, const fpl_funnel *funnel,
                          const fpl_mix *mixes, size_t n, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__mixes_check(funnel, mixes, n, err);
    if (st != FPL_OK || n == 0) {
        return fpl__done(err, st);
    }
    fpl_view_array(view, key);
    for (size_t i = 0; i < n; ++i) {
        view_mix(view, funnel, &mixes[i]);
    }
    fpl_view_close(view);
    return fpl_view_check(view, err);
}

static void describe_mix(fpl_view *view, const void *funnel, const void *mixes, size_t i)
{
    view_mix(view, funnel, (const fpl_mix *)mixes + i);
}

fpl_status fpl__json_mixes(fpl__json *j, const char *key, const fpl_funnel *funnel,
                           const fpl_mix *mixes, size_t n, fpl_error *err)
{
    const fpl__part part = {key, n, describe_mix, funnel, mixes};
    return n > 0 ? fpl__json_array(j, &part, err) : FPL_OK;
}

/*
 * funnelplan — forward from a volume to expected deals and revenue.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/forecast.h"

#include "internal.h"

#include <math.h>

fpl_status fpl_forecast_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                const fpl_forecast_input *input, fpl_forecast *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__check_question(funnel, terms, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (!(isfinite(input->volume) && input->volume > 0.0)) {
        return fpl__done(err, FPL_ERR_VOLUME);
    }
    const size_t n = funnel->n_stages;
    if (input->at >= n) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    }
    if (terms->has_cost_per_lead && input->at != 0) {
        return fpl__fail(err, FPL_ERR_COST_NOT_TOP, FPL_FIELD_AT, FPL_NO_INDEX);
    }

    bool finite = true;
    fpl_forecast r = {0};
    r.per = terms->per;
    r.n_stages = n;
    r.at = input->at;
    r.volume = input->volume;
    double units = input->volume;
    for (size_t k = input->at; k < n; ++k) {
        r.expected[k] = units;
        units *= funnel->stages[k].rate;
    }
    r.deals = units;
    if (!(r.deals > 0.0)) {
        return fpl__done(err, FPL_ERR_OVERFLOW); /* the product underflowed to zero */
    }
    r.margin = terms->has_margin ? terms->margin : 1.0;
    r.has_revenue = terms->has_deal_size;
    if (r.has_revenue) {
        r.deal_size = terms->deal_size;
        r.revenue = fpl__track(r.deals * r.deal_size, &finite);
        r.gross_profit = fpl__track(r.revenue * r.margin, &finite);
    }
    r.has_cost = terms->has_cost_per_lead;
    if (r.has_cost) {
        r.cost_per_lead = terms->cost_per_lead + 0.0; /* no negative zero */
        r.budget = fpl__track(r.volume * r.cost_per_lead, &finite);
        r.cost_per_deal = fpl__track(r.budget / r.deals, &finite);
    }

    r.target = terms->target;
    if (r.target != FPL_TARGET_NONE) {
        if (r.target == FPL_TARGET_REVENUE) {
            r.has_target_revenue = true;
            r.target_revenue = terms->revenue;
            r.target_deals = fpl__track(terms->revenue / terms->deal_size, &finite);
        } else {
            r.target_deals = terms->deals;
            r.has_target_revenue = terms->has_deal_size;
            if (r.has_target_revenue) {
                r.target_revenue = fpl__track(terms->deals * terms->deal_size, &finite);
            }
        }
        if (!(r.target_deals > 0.0)) {
            finite = false; /* the quotient underflowed */
        }
        r.gap_deals = fpl__track(r.target_deals - r.deals, &finite);
        r.has_gap_revenue = r.has_target_revenue && r.has_revenue;
        if (r.has_gap_revenue) {
            r.gap_revenue = fpl__track(r.target_revenue - r.revenue, &finite);
        }
        r.attainment = fpl__track(r.deals / r.target_deals, &finite);
    }

    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_period to = (fpl_period)q;
        fpl_forecast_period *f = &r.by_period[q];
        f->deals = fpl__track(fpl__rescale(r.deals, r.per, to), &finite);
        if (r.has_revenue) {
            f->revenue = fpl__track(fpl__rescale(r.revenue, r.per, to), &finite);
        }
        if (r.has_cost) {
            f->budget = fpl__track(fpl__rescale(r.budget, r.per, to), &finite);
        }
        for (size_t k = r.at; k < n; ++k) {
            f->expected[k] = fpl__track(fpl__rescale(r.expected[k], r.per, to), &finite);
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    *out = r;
    return FPL_OK;
}

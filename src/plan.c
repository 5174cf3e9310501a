/*
 * funnelplan — backward from a target to the volume every stage needs.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/plan.h"

#include "internal.h"

#include <math.h>

fpl_status fpl_plan_compute(const fpl_funnel *funnel, const fpl_terms *terms, fpl_plan *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__check_question(funnel, terms, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (terms->target == FPL_TARGET_NONE) {
        return fpl__done(err, FPL_ERR_TARGET);
    }

    const size_t n = funnel->n_stages;
    bool finite = true;
    fpl_plan p = {0};
    p.per = terms->per;
    p.n_stages = n;
    p.has_revenue = terms->target == FPL_TARGET_REVENUE;
    p.revenue = p.has_revenue ? terms->revenue : 0.0;
    p.has_deal_size = terms->has_deal_size;
    p.deal_size = p.has_deal_size ? terms->deal_size : 0.0;
    p.deals = p.has_revenue ? terms->revenue / terms->deal_size : terms->deals;
    if (!(isfinite(p.deals) && p.deals > 0.0)) {
        return fpl__done(err, FPL_ERR_OVERFLOW); /* the quotient left the range of a double */
    }
    p.margin = terms->has_margin ? terms->margin : 1.0;
    p.gross_profit = p.has_revenue ? p.revenue * p.margin : 0.0;

    /* Exact figures, from the bottom of the funnel up. */
    double cumulative = 1.0;
    double required = p.deals;
    for (size_t k = n; k-- > 0;) {
        const double rate = funnel->stages[k].rate;
        cumulative *= rate;
        required /= rate;
        p.stages[k].rate = rate;
        p.stages[k].cumulative_rate = cumulative;
        p.stages[k].required = fpl__track(required, &finite);
        if (!(cumulative > 0.0)) {
            finite = false; /* the product underflowed */
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }

    /* Whole units cascade up: each stage needs enough for the one below. */
    double whole;
    if (!fpl__whole(p.deals, &whole)) {
        return fpl__done(err, FPL_ERR_TOO_LARGE);
    }
    p.deals_whole = (uint64_t)whole;
    for (size_t k = n; k-- > 0;) {
        if (!fpl__whole(whole / funnel->stages[k].rate, &whole)) {
            return fpl__done(err, FPL_ERR_TOO_LARGE);
        }
        p.stages[k].required_whole = (uint64_t)whole;
    }

    p.has_cost = terms->has_cost_per_lead;
    if (p.has_cost) {
        p.cost_per_lead = terms->cost_per_lead + 0.0; /* no negative zero */
        p.budget = fpl__track(p.stages[0].required * p.cost_per_lead, &finite);
        p.cost_per_deal = fpl__track(p.budget / p.deals, &finite);
        for (size_t k = 0; k < n; ++k) {
            p.stages[k].cost_per = fpl__track(p.budget / p.stages[k].required, &finite);
        }
    }

    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        const fpl_period to = (fpl_period)q;
        fpl_plan_period *f = &p.by_period[q];
        f->deals = fpl__track(fpl__rescale(p.deals, p.per, to), &finite);
        if (p.has_revenue) {
            f->revenue = fpl__track(fpl__rescale(p.revenue, p.per, to), &finite);
        }
        if (p.has_cost) {
            f->budget = fpl__track(fpl__rescale(p.budget, p.per, to), &finite);
        }
        for (size_t k = 0; k < n; ++k) {
            f->required[k] = fpl__track(fpl__rescale(p.stages[k].required, p.per, to), &finite);
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    *out = p;
    return FPL_OK;
}

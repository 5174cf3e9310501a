/*
 * funnelplan — the terms of a question: target, deal size, cost, margin.
 * SPDX-License-Identifier: MIT
 */

#include "internal.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#include <math.h>

static bool positive_finite(double x)
{
    return isfinite(x) && x > 0.0;
}

fpl_status fpl_terms_check(const fpl_terms *terms, fpl_error *err)
{
    fpl__begin(err);
    if (terms == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (fpl_period_months(terms->per) == 0) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    switch (terms->target) {
    case FPL_TARGET_NONE:
        break;
    case FPL_TARGET_REVENUE:
        if (!positive_finite(terms->revenue)) {
            return fpl__done(err, FPL_ERR_REVENUE);
        }
        if (!terms->has_deal_size) {
            /* the target is what needs the deal size */
            return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_REVENUE, FPL_NO_INDEX);
        }
        break;
    case FPL_TARGET_DEALS:
        if (!positive_finite(terms->deals)) {
            return fpl__done(err, FPL_ERR_DEALS);
        }
        break;
    default:
        return fpl__done(err, FPL_ERR_TARGET);
    }
    if (terms->has_deal_size && !positive_finite(terms->deal_size)) {
        return fpl__done(err, FPL_ERR_DEAL_SIZE);
    }
    if (terms->has_cost_per_lead &&
        !(isfinite(terms->cost_per_lead) && terms->cost_per_lead >= 0.0)) {
        return fpl__done(err, FPL_ERR_COST);
    }
    if (terms->has_margin && !(terms->margin > 0.0 && terms->margin <= 1.0)) {
        return fpl__done(err, FPL_ERR_MARGIN);
    }
    return FPL_OK;
}

const char *fpl_target_name(fpl_target_kind kind)
{
    switch (kind) {
    case FPL_TARGET_NONE: return NULL;
    case FPL_TARGET_REVENUE: return "revenue";
    case FPL_TARGET_DEALS: return "deals";
    }
    return NULL;
}

fpl_status fpl__check_question(const fpl_funnel *funnel, const fpl_terms *terms, fpl_error *err)
{
    fpl_status st = fpl_funnel_check(funnel, err);
    return st == FPL_OK ? fpl_terms_check(terms, err) : st;
}

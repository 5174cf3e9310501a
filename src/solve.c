/*
 * funnelplan — goal seek: the value one lever must reach to hit the target.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/solve.h"

#include "funnelplan/forecast.h"
#include "internal.h"

#include <float.h>
#include <math.h>

fpl_status fpl_solve_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                             const fpl_solve_input *input, fpl_solve *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_forecast now;
    fpl_status st = fpl_forecast_compute(funnel, terms, &input->volume, &now, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (now.target == FPL_TARGET_NONE) {
        return fpl__done(err, FPL_ERR_TARGET);
    }
    /* Deals are linear in each lever, so each has a closed form. */
    const double scale = now.target_deals / now.deals;
    fpl_solve s = {0};
    s.lever = input->lever;
    switch (input->lever) {
    case FPL_LEVER_STAGE:
        if (input->stage >= funnel->n_stages) {
            return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_LEVER, FPL_NO_INDEX);
        }
        if (input->stage < input->volume.at) {
            /* above the volume: changes nothing */
            return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
        }
        s.stage = input->stage;
        s.current = funnel->stages[input->stage].rate;
        s.value = s.current * scale;
        if (fabs(s.value - 1.0) <= 16.0 * DBL_EPSILON) {
            s.value = 1.0; /* exactly 100%, up to the spec's rounding tolerance */
        }
        if (!(s.value <= 1.0)) {
            return fpl__fail(err, FPL_ERR_UNREACHABLE, FPL_FIELD_LEVER, FPL_NO_INDEX);
        }
        break;
    case FPL_LEVER_DEAL_SIZE:
        if (now.target != FPL_TARGET_REVENUE) {
            /* a deal target ignores the deal size */
            return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
        }
        s.current = terms->deal_size;
        s.value = now.target_revenue / now.deals;
        break;
    case FPL_LEVER_VOLUME:
        s.current = input->volume.volume;
        s.value = s.current * scale;
        break;
    default:
        return fpl__fail(err, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
    }
    s.change = s.value / s.current - 1.0;
    s.per = now.per;
    if (!(isfinite(s.value) && s.value > 0.0 && isfinite(s.change))) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    *out = s;
    return FPL_OK;
}

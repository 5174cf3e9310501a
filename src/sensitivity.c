/*
 * funnelplan — which lever pays most: one step of every rate and of the deal
 * size, one at a time, ranked.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/sensitivity.h"

#include "funnelplan/forecast.h"
#include "funnelplan/plan.h"
#include "internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* The figure a step is judged by: revenue (volume held) or the top of the
 * funnel's required volume (target held). */
static fpl_status measure(const fpl_funnel *f, const fpl_terms *t,
                          const fpl_sensitivity_input *in, double *out, fpl_error *err)
{
    if (in->has_volume) {
        fpl_forecast r;
        fpl_status st = fpl_forecast_compute(f, t, &in->volume, &r, err);
        if (st == FPL_OK) {
            *out = r.revenue;
        }
        return st;
    }
    fpl_plan p;
    fpl_status st = fpl_plan_compute(f, t, &p, err);
    if (st == FPL_OK) {
        *out = p.stages[0].required;
    }
    return st;
}

fpl_status fpl_step_parse(const char *text, size_t len, bool deal_size,
                          fpl_change_kind *kind_out, double *value_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || kind_out == NULL || value_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_change_kind kind;
    double value;
    fpl_status st = fpl_change_value_parse(text, len, !deal_size, &kind, &value, NULL);
    if (st == FPL_ERR_CHANGE_SYNTAX || (st == FPL_OK && deal_size && kind != FPL_CHANGE_RELATIVE)) {
        st = FPL_ERR_STEP; /* a step is no LEVER=CHANGE; the deal size moves relatively */
    }
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, deal_size ? FPL_FIELD_DEAL_SIZE_STEP : FPL_FIELD_STEP,
                            FPL_NO_INDEX, 0, len);
    }
    *kind_out = kind;
    *value_out = value;
    return FPL_OK;
}

/* a < b by more than rounding noise: each effect is a difference of two
 * figures of the size of base, so noise is a few units in base's last place. */
static bool clearly_less(double a, double b, double base)
{
    double noise = 64.0 * DBL_EPSILON * fabs(base) + 1e-12 * fmax(fabs(a), fabs(b));
    return b - a > noise;
}

fpl_status fpl_sensitivity_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                   const fpl_sensitivity_input *input, fpl_sensitivity *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_sensitivity r;
    memset(&r, 0, sizeof r);
    r.per = terms->per;
    r.volume_held = input->has_volume;
    r.step_kind = input->has_step ? input->step_kind : FPL_CHANGE_POINTS;
    r.step = input->has_step ? input->step : 0.01;
    r.deal_size_step = input->has_deal_size_step ? input->deal_size_step : 0.10;
    if ((r.step_kind != FPL_CHANGE_POINTS && r.step_kind != FPL_CHANGE_RELATIVE) ||
        !(isfinite(r.step) && r.step > 0.0)) {
        return fpl__fail(err, FPL_ERR_STEP, FPL_FIELD_STEP, FPL_NO_INDEX);
    }
    if (!(isfinite(r.deal_size_step) && r.deal_size_step > 0.0)) {
        return fpl__fail(err, FPL_ERR_STEP, FPL_FIELD_DEAL_SIZE_STEP, FPL_NO_INDEX);
    }
    if (input->has_volume && !terms->has_deal_size) {
        /* revenue is what a step is worth */
        return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_DEAL_SIZE, FPL_NO_INDEX);
    }
    double base;
    fpl_status st = measure(funnel, terms, input, &base, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }

    bool finite = true;
    fpl_funnel f = *funnel;
    for (size_t k = 0; k < funnel->n_stages; ++k) {
        fpl_sensitivity_row *row = &r.rows[r.n_rows++];
        const double from = funnel->stages[k].rate;
        double to = r.step_kind == FPL_CHANGE_POINTS ? from + r.step : from * (1.0 + r.step);
        to = to > 1.0 ? 1.0 : to;
        row->lever = FPL_LEVER_STAGE;
        row->stage = k;
        row->from = from;
        row->to = to;
        f.stages[k].rate = to;
        double after;
        st = measure(&f, terms, input, &after, NULL);
        f.stages[k].rate = from;
        if (st != FPL_OK) {
            return fpl__done(err, st);
        }
        row->effect = fpl__track(input->has_volume ? after - base : base - after, &finite);
    }
    /* The deal size moves revenue with a volume, and volume with a revenue
     * target; under a deal target it changes nothing, so it has no row. */
    if (terms->has_deal_size && (input->has_volume || terms->target == FPL_TARGET_REVENUE)) {
        fpl_terms t = *terms;
        t.deal_size = terms->deal_size * (1.0 + r.deal_size_step);
        double after;
        st = measure(funnel, &t, input, &after, NULL);
        if (st != FPL_OK) {
            return fpl__done(err, st);
        }
        fpl_sensitivity_row *row = &r.rows[r.n_rows++];
        row->lever = FPL_LEVER_DEAL_SIZE;
        row->from = terms->deal_size;
        row->to = fpl__track(t.deal_size, &finite);
        row->effect = fpl__track(input->has_volume ? after - base : base - after, &finite);
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }

    /* Rank: biggest effect first; equal effects (within rounding noise: equal
     * relative steps are worth exactly the same in theory) keep the funnel's
     * order, the deal size last. */
    for (size_t i = 1; i < r.n_rows; ++i) {
        fpl_sensitivity_row row = r.rows[i];
        size_t j = i;
        while (j > 0 && clearly_less(r.rows[j - 1].effect, row.effect, base)) {
            r.rows[j] = r.rows[j - 1];
            j--;
        }
        r.rows[j] = row;
    }
    /* Shares are of the largest effect, which ties may have ranked second. */
    double best = 0.0;
    for (size_t i = 0; i < r.n_rows; ++i) {
        best = fmax(best, r.rows[i].effect);
    }
    for (size_t i = 0; i < r.n_rows; ++i) {
        r.rows[i].share = best > 0.0 ? r.rows[i].effect / best : 0.0;
    }
    *out = r;
    return FPL_OK;
}

/*
 * funnelplan — what an improvement is worth: changes, deltas, ROI, payback.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/whatif.h"

#include "funnelplan/limits.h"
#include "funnelplan/parse.h"
#include "internal.h"

#include <math.h>
#include <string.h>

/* Longest CHANGE text (after LEVER=) the parser copies to add a suffix. */
enum { CHANGE_TEXT_MAX = 256 };

static bool bytes_are(const char *text, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(text, word, len) == 0;
}

/* Percentage points: "3pp" is read as the rate "3%", exactly. */
static fpl_status parse_points(const char *text, size_t len, double *out)
{
    char buf[CHANGE_TEXT_MAX + 1];
    if (len > CHANGE_TEXT_MAX) {
        return FPL_ERR_PARSE_OVERFLOW;
    }
    memcpy(buf, text, len);
    buf[len] = '%';
    return fpl_parse_rate(buf, len + 1, out, NULL);
}

const char *fpl_lever_name(const fpl_funnel *funnel, fpl_lever lever, size_t stage)
{
    switch (lever) {
    case FPL_LEVER_STAGE:
        return funnel != NULL && stage < funnel->n_stages && stage < FPL_MAX_STAGES
                   ? funnel->stages[stage].name
                   : NULL;
    case FPL_LEVER_DEAL_SIZE: return "deal-size";
    case FPL_LEVER_VOLUME: return "volume";
    case FPL_LEVER_COST_PER_LEAD: return "cost-per-lead";
    }
    return NULL;
}

const char *fpl_change_kind_name(fpl_change_kind kind)
{
    switch (kind) {
    case FPL_CHANGE_RELATIVE: return "relative";
    case FPL_CHANGE_POINTS: return "points";
    case FPL_CHANGE_SET: return "set";
    }
    return NULL;
}

fpl_status fpl_lever_parse(const fpl_funnel *funnel, const char *text, size_t len,
                           fpl_lever *lever_out, size_t *stage_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (funnel == NULL || text == NULL || lever_out == NULL || stage_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return fpl__fail(err, FPL_ERR_PARSE_EMPTY, FPL_FIELD_LEVER, FPL_NO_INDEX);
    }
    fpl_lever lever = FPL_LEVER_STAGE;
    size_t stage = 0;
    if (bytes_are(text, len, "deal-size")) {
        lever = FPL_LEVER_DEAL_SIZE;
    } else if (bytes_are(text, len, "volume")) {
        lever = FPL_LEVER_VOLUME;
    } else if (bytes_are(text, len, "cost-per-lead")) {
        lever = FPL_LEVER_COST_PER_LEAD;
    } else {
        fpl_status st = fpl_funnel_find(funnel, text, len, &stage, NULL);
        if (st != FPL_OK) {
            return fpl__fail_at(err, st, FPL_FIELD_LEVER, FPL_NO_INDEX, 0, len);
        }
    }
    *lever_out = lever;
    *stage_out = stage;
    return FPL_OK;
}

fpl_status fpl_change_value_parse(const char *text, size_t len, bool is_rate,
                                  fpl_change_kind *kind_out, double *value_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || kind_out == NULL || value_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return fpl__fail(err, FPL_ERR_PARSE_EMPTY, FPL_FIELD_CHANGE, FPL_NO_INDEX);
    }
    fpl_change_kind kind;
    double value = 0.0;
    fpl_status st;
    if (text[0] == '+' || text[0] == '-') {
        const double sign = text[0] == '-' ? -1.0 : 1.0;
        const char *v = text + 1;
        size_t n = len - 1;
        if (n >= 2 && v[n - 2] == 'p' && v[n - 1] == 'p') {
            if (!is_rate) {
                /* the bytes at fault: the pp */
                return fpl__fail_at(err, FPL_ERR_CHANGE_POINTS, FPL_FIELD_CHANGE, FPL_NO_INDEX,
                                    len - 2, 2);
            }
            kind = FPL_CHANGE_POINTS;
            st = n == 2 ? FPL_ERR_CHANGE_SYNTAX : parse_points(v, n - 2, &value);
        } else if (n >= 1 && v[n - 1] == '%') {
            kind = FPL_CHANGE_RELATIVE;
            st = fpl_parse_rate(v, n, &value, NULL);
        } else {
            /* a signed plain value means nothing */
            return fpl__fail_at(err, FPL_ERR_CHANGE_SYNTAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, len);
        }
        value *= sign;
    } else {
        kind = FPL_CHANGE_SET;
        st = is_rate ? fpl_parse_rate(text, len, &value, NULL)
                     : fpl_parse_amount(text, len, &value, NULL);
    }
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, len);
    }
    *kind_out = kind;
    *value_out = value + 0.0; /* "-0%" is no change, not a negative zero */
    return FPL_OK;
}

fpl_status fpl_change_parse(const fpl_funnel *funnel, const char *text, size_t len,
                            fpl_change *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (funnel == NULL || text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return fpl__fail(err, FPL_ERR_PARSE_EMPTY, FPL_FIELD_CHANGE, FPL_NO_INDEX);
    }
    size_t eq = len;
    for (size_t i = len; i-- > 0;) {
        if (text[i] == '=') {
            eq = i;
            break;
        }
    }
    if (eq == len || eq == 0 || eq + 1 == len) {
        return fpl__fail_at(err, FPL_ERR_CHANGE_SYNTAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, len);
    }
    fpl_change c = {0};
    fpl_status st = fpl_lever_parse(funnel, text, eq, &c.lever, &c.stage, NULL);
    if (st != FPL_OK) {
        /* the lever's bytes */
        return fpl__fail_at(err, st, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, eq);
    }
    st = fpl_change_value_parse(text + eq + 1, len - eq - 1, c.lever == FPL_LEVER_STAGE, &c.kind,
                                &c.value, err);
    if (st != FPL_OK) {
        if (err != NULL) { /* the value's bytes, within the whole text */
            err->offset += eq + 1;
            err->length = err->length == 0 ? len - eq - 1 : err->length;
        }
        return fpl__done(err, st);
    }
    if (c.lever == FPL_LEVER_VOLUME && c.kind == FPL_CHANGE_SET) {
        /* a volume set is a count: decided from its digits (2^53 + 1 is not 2^53) */
        fpl_error e;
        st = fpl_parse_count(text + eq + 1, len - eq - 1, &c.value, &e);
        if (st != FPL_OK) {
            return fpl__fail_at(err, st, FPL_FIELD_CHANGE, FPL_NO_INDEX, eq + 1 + e.offset,
                                e.length == 0 ? len - eq - 1 : e.length);
        }
    }
    *out = c;
    return FPL_OK;
}

static fpl_status moved(double from, const fpl_change *c, double *to)
{
    if (!isfinite(c->value)) {
        return FPL_ERR_CHANGE_VALUE;
    }
    switch (c->kind) {
    case FPL_CHANGE_RELATIVE: *to = from * (1.0 + c->value); return FPL_OK;
    case FPL_CHANGE_POINTS: *to = from + c->value; return FPL_OK;
    case FPL_CHANGE_SET: *to = c->value; return FPL_OK;
    }
    return FPL_ERR_CHANGE_VALUE;
}

/* Applies one change to copies of the question. */
static fpl_status apply(const fpl_change *c, fpl_funnel *f, fpl_terms *t, bool has_volume,
                        double *volume)
{
    double to;
    fpl_status st;
    switch (c->lever) {
    case FPL_LEVER_STAGE:
        if (c->stage >= f->n_stages) {
            return FPL_ERR_STAGE_UNKNOWN;
        }
        st = moved(f->stages[c->stage].rate, c, &to);
        if (st == FPL_OK && !(to > 0.0 && to <= 1.0)) {
            st = c->kind == FPL_CHANGE_SET ? FPL_ERR_RATE_RANGE : FPL_ERR_CHANGE_RANGE;
        }
        if (st == FPL_OK) {
            f->stages[c->stage].rate = to;
        }
        return st;
    case FPL_LEVER_DEAL_SIZE:
    case FPL_LEVER_VOLUME:
    case FPL_LEVER_COST_PER_LEAD:
        break;
    default:
        return FPL_ERR_CHANGE_LEVER;
    }
    if (c->kind == FPL_CHANGE_POINTS) {
        return FPL_ERR_CHANGE_POINTS;
    }
    double *target;
    bool zero_ok = false;
    fpl_status bad_set; /* a value set out of range is bad input, like the option */
    if (c->lever == FPL_LEVER_DEAL_SIZE) {
        if (!t->has_deal_size) {
            return FPL_ERR_CHANGE_LEVER;
        }
        target = &t->deal_size;
        bad_set = FPL_ERR_DEAL_SIZE;
    } else if (c->lever == FPL_LEVER_VOLUME) {
        if (!has_volume) {
            return FPL_ERR_CHANGE_LEVER;
        }
        target = volume;
        bad_set = FPL_ERR_VOLUME;
    } else {
        if (!t->has_cost_per_lead) {
            return FPL_ERR_CHANGE_LEVER;
        }
        target = &t->cost_per_lead;
        zero_ok = true; /* leads may become free */
        bad_set = FPL_ERR_COST;
    }
    st = moved(*target, c, &to);
    if (st == FPL_OK && !(isfinite(to) && (to > 0.0 || (zero_ok && to >= 0.0)))) {
        st = c->kind == FPL_CHANGE_SET ? bad_set : FPL_ERR_CHANGE_RANGE;
    }
    if (st == FPL_OK) {
        *target = to + 0.0; /* no negative zero */
    }
    return st;
}

static double periods_in_a_year(fpl_period per)
{
    unsigned months = fpl_period_months(per);
    return months == 0 ? 0.0 : 12.0 / (double)months;
}

fpl_status fpl_horizon_parse(const char *text, size_t len, unsigned *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    double h;
    fpl_status st = fpl_parse_amount(text, len, &h, NULL);
    if (st == FPL_OK && !(h >= 1.0 && h <= (double)FPL_HORIZON_MAX && floor(h) >= h)) {
        st = FPL_ERR_HORIZON;
    }
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_HORIZON, FPL_NO_INDEX, 0, len);
    }
    *out = (unsigned)h;
    return FPL_OK;
}

/* One side of the result over the horizon: per-period figures × h. */
static fpl_whatif_totals side_over(double h, double volume, double deals, bool has_revenue,
                                   double revenue, double cost)
{
    fpl_whatif_totals t;
    memset(&t, 0, sizeof t);
    t.volume = volume * h;
    t.deals = deals * h;
    t.has_revenue = has_revenue;
    t.revenue = has_revenue ? revenue * h : 0.0;
    t.cost = cost * h;
    return t;
}

/* The figures over the horizon besides the deltas of money: each side's
 * totals, the volume and deals gained, and the scenario's deals counted in
 * whole deals. */
static void over_horizon(fpl_whatif *w)
{
    const double h = (double)w->horizon;
    if (w->volume_held) {
        const fpl_forecast *b = &w->baseline_forecast;
        const fpl_forecast *s = &w->scenario_forecast;
        w->baseline_horizon = side_over(h, b->volume, b->deals, b->has_revenue, b->revenue,
                                        b->budget);
        w->scenario_horizon = side_over(h, s->volume, s->deals, s->has_revenue, s->revenue,
                                        s->budget);
    } else {
        const fpl_plan *b = &w->baseline_plan;
        const fpl_plan *s = &w->scenario_plan;
        w->baseline_horizon = side_over(h, b->stages[0].required, b->deals, b->has_revenue,
                                        b->revenue, b->budget);
        w->scenario_horizon = side_over(h, s->stages[0].required, s->deals, s->has_revenue,
                                        s->revenue, s->budget);
    }
    w->volume_horizon = w->volume * h;
    w->deals_horizon = w->deals * h;
    const double deals = w->scenario_horizon.deals;
    const double whole = -fpl_ceil_tolerant(-deals); /* the tolerant floor */
    w->has_whole_deals = whole >= 0.0 && whole <= FPL_WHOLE_MAX && fpl_ceil_tolerant(deals) > whole;
    if (w->has_whole_deals) {
        w->whole_deals = whole;
        w->whole_revenue = w->scenario_terms.has_deal_size ? whole * w->scenario_terms.deal_size
                                                           : 0.0;
    }
}

/* Applies every change to the copies in w, naming the first that fails. */
static fpl_status apply_all(const fpl_whatif_input *input, fpl_funnel *f, fpl_terms *t,
                            double *volume, fpl_error *err)
{
    if (input->n_changes > FPL_MAX_CHANGES) {
        return fpl__fail(err, FPL_ERR_CHANGE_COUNT, FPL_FIELD_CHANGE, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < input->n_changes; ++i) {
        fpl_status st = apply(&input->changes[i], f, t, input->has_volume, volume);
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_CHANGE, i);
        }
    }
    return FPL_OK;
}

fpl_status fpl_whatif_check(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_whatif_input *input, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_funnel f = *funnel;
    fpl_terms t = *terms;
    double volume = input->has_volume ? input->volume.volume : 0.0;
    return fpl__done(err, apply_all(input, &f, &t, &volume, err));
}

fpl_status fpl_whatif_add_mix(fpl_whatif_input *input, const fpl_mix *mix, fpl_error *err)
{
    fpl__begin(err);
    if (input == NULL || mix == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_change c = {FPL_LEVER_STAGE, mix->stage, FPL_CHANGE_SET, 0.0};
    const size_t k = input->n_changes;
    fpl_status st = fpl_mix_rate(mix, &c.value, err);
    if (st == FPL_OK) {
        st = fpl_limit_check(FPL_LIMIT_CHANGES, (double)k + 1, k, err);
    }
    if (st == FPL_OK) {
        input->changes[input->n_changes++] = c;
    }
    return fpl__done(err, st);
}

fpl_status fpl_whatif_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                              const fpl_whatif_input *input, fpl_whatif *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__check_question(funnel, terms, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (input->n_changes > FPL_MAX_CHANGES) {
        return fpl__done(err, FPL_ERR_CHANGE_COUNT);
    }
    if (input->has_invest && !(isfinite(input->invest) && input->invest > 0.0)) {
        return fpl__done(err, FPL_ERR_INVEST);
    }
    if (input->horizon > FPL_HORIZON_MAX) {
        return fpl__done(err, FPL_ERR_HORIZON);
    }
    if (input->has_volume && !(isfinite(input->volume.volume) && input->volume.volume > 0.0)) {
        return fpl__done(err, FPL_ERR_VOLUME); /* the volume itself, before any change to it */
    }

    /* The whole result is built here and copied out only on success. */
    fpl_whatif w;
    memset(&w, 0, sizeof w);
    w.per = terms->per;
    w.volume_held = input->has_volume;
    w.scenario_funnel = *funnel;
    w.scenario_terms = *terms;
    w.scenario_volume = input->has_volume ? input->volume.volume : 0.0;
    st = apply_all(input, &w.scenario_funnel, &w.scenario_terms, &w.scenario_volume, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }

    double base_deals;
    double scen_deals;
    double base_revenue = 0.0;
    double scen_revenue = 0.0;
    double base_budget = 0.0;
    double scen_budget = 0.0;
    if (input->has_volume) {
        fpl_forecast_input scen_in = {w.scenario_volume, input->volume.at};
        st = fpl_forecast_compute(funnel, terms, &input->volume, &w.baseline_forecast, err);
        if (st == FPL_OK) {
            st = fpl_forecast_compute(&w.scenario_funnel, &w.scenario_terms, &scen_in,
                                      &w.scenario_forecast, err);
        }
        if (st != FPL_OK) {
            return fpl__done(err, st);
        }
        const fpl_forecast *b = &w.baseline_forecast;
        const fpl_forecast *s = &w.scenario_forecast;
        base_deals = b->deals;
        scen_deals = s->deals;
        base_revenue = b->revenue;
        scen_revenue = s->revenue;
        base_budget = b->budget;
        scen_budget = s->budget;
        w.volume = s->volume - b->volume;
    } else {
        st = fpl_plan_compute(funnel, terms, &w.baseline_plan, err);
        if (st == FPL_OK) {
            st = fpl_plan_compute(&w.scenario_funnel, &w.scenario_terms, &w.scenario_plan, err);
        }
        if (st != FPL_OK) {
            return fpl__done(err, st);
        }
        const fpl_plan *b = &w.baseline_plan;
        const fpl_plan *s = &w.scenario_plan;
        base_deals = b->deals;
        scen_deals = s->deals;
        if (b->has_revenue) {
            base_revenue = b->revenue; /* the same target: no revenue gained */
            scen_revenue = s->revenue;
        } else if (terms->has_deal_size) {
            base_revenue = b->deals * terms->deal_size;
            scen_revenue = s->deals * w.scenario_terms.deal_size;
        }
        base_budget = b->budget;
        scen_budget = s->budget;
        w.volume = s->stages[0].required - b->stages[0].required;
    }

    bool finite = true;
    w.has_revenue = terms->has_deal_size;
    w.has_cost = terms->has_cost_per_lead;
    w.margin = terms->has_margin ? terms->margin : 1.0;
    w.deals = fpl__track(scen_deals - base_deals, &finite);
    w.revenue = w.has_revenue ? fpl__track(scen_revenue - base_revenue, &finite) : 0.0;
    w.cost = w.has_cost ? fpl__track(scen_budget - base_budget, &finite) : 0.0;
    w.gain = fpl__track(w.revenue * w.margin - w.cost, &finite);
    w.horizon = input->horizon != 0 ? input->horizon : (unsigned)periods_in_a_year(w.per);
    const double h = (double)w.horizon;
    w.revenue_horizon = fpl__track(w.revenue * h, &finite);
    w.cost_horizon = fpl__track(w.cost * h, &finite);
    w.gain_horizon = fpl__track(w.gain * h, &finite);
    w.has_invest = input->has_invest;
    if (w.has_invest) {
        w.invest = input->invest;
        w.roi = fpl__track((w.gain_horizon - w.invest) / w.invest, &finite);
        w.has_payback = w.gain > 0.0;
        if (w.has_payback) {
            w.payback_periods = fpl__track(w.invest / w.gain, &finite);
        }
    }
    fpl__track(w.volume, &finite);
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    over_horizon(&w);
    *out = w;
    return FPL_OK;
}

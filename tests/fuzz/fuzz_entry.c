/*
 * funnelplan — fuzz target: plan and forecast fed raw doubles, stage counts,
 * names and flags. Invariants: never FPL_OK with a non-finite figure; whole
 * counts cover exact ones (up to the rounding tolerance, 16 epsilons per
 * rounding in the cascade) and stay within 2^53; a failure leaves the result
 * untouched.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct reader {
    const uint8_t *data;
    size_t size;
    size_t pos;
} reader;

static uint8_t take_byte(reader *r)
{
    return r->pos < r->size ? r->data[r->pos++] : 0;
}

static double take_double(reader *r)
{
    uint8_t bytes[sizeof(double)] = {0};
    for (size_t i = 0; i < sizeof bytes; ++i) {
        bytes[i] = take_byte(r);
    }
    double d;
    memcpy(&d, bytes, sizeof d);
    return d;
}

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

static bool finite_all(const double *x, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (!isfinite(x[i])) {
            return false;
        }
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, size, 0};
    fpl_funnel f;
    memset(&f, 0, sizeof f);
    uint8_t mode = take_byte(&r);
    f.n_stages = (size_t)take_byte(&r) % (FPL_MAX_STAGES + 3);
    for (size_t i = 0; i < f.n_stages && i < FPL_MAX_STAGES; ++i) {
        size_t len = (size_t)take_byte(&r) % (FPL_NAME_MAX + 2);
        for (size_t k = 0; k < len && k < sizeof f.stages[i].name; ++k) {
            f.stages[i].name[k] = (char)take_byte(&r);
        }
        /* Mostly sane rates from one byte, sometimes any double at all. */
        uint8_t b = take_byte(&r);
        f.stages[i].rate = (mode & 1) ? take_double(&r) : (double)(b + 1) / 256.0;
    }
    fpl_terms t;
    memset(&t, 0, sizeof t);
    t.per = (fpl_period)(take_byte(&r) % 4);
    t.target = (fpl_target_kind)(take_byte(&r) % 4);
    t.revenue = take_double(&r);
    t.deals = (mode & 2) ? take_double(&r) : (double)take_byte(&r);
    uint8_t flags = take_byte(&r);
    t.has_deal_size = flags & 1;
    t.deal_size = take_double(&r);
    t.has_cost_per_lead = (flags & 2) != 0;
    t.cost_per_lead = take_double(&r);
    t.has_margin = (flags & 4) != 0;
    t.margin = take_double(&r);
    fpl_forecast_input in = {take_double(&r), (size_t)take_byte(&r) % (FPL_MAX_STAGES + 2)};

    fpl_plan p;
    memset(&p, 0x77, sizeof p);
    fpl_plan untouched;
    memcpy(&untouched, &p, sizeof untouched); /* padding included */
    fpl_status sp = fpl_plan_compute(&f, &t, &p, NULL);
    check((int)sp >= 0 && (int)sp < FPL_STATUS_COUNT);
    if (sp != FPL_OK) {
        check(memcmp(&p, &untouched, sizeof p) == 0);
    } else {
        check(p.n_stages == f.n_stages);
        check(isfinite(p.deals) && p.deals > 0.0);
        check(p.deals_whole >= 1 && (double)p.deals_whole <= FPL_WHOLE_MAX);
        check((double)p.deals_whole >= p.deals * (1.0 - 64.0 * DBL_EPSILON));
        /* Each tolerant rounding (the deals, then every stage below i) may
         * take up to 16 epsilons off; a few more cover the exact value's own
         * rounding errors. */
        const double slack = (16.0 * (double)(p.n_stages + 1) + 64.0) * DBL_EPSILON;
        for (size_t i = 0; i < p.n_stages; ++i) {
            const fpl_plan_stage *s = &p.stages[i];
            check(isfinite(s->required) && s->required > 0.0);
            check(isfinite(s->cumulative_rate) && s->cumulative_rate > 0.0);
            check((double)s->required_whole <= FPL_WHOLE_MAX);
            check((double)s->required_whole >= s->required * (1.0 - slack));
            check(!p.has_cost || isfinite(s->cost_per));
        }
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            check(finite_all(p.by_period[q].required, p.n_stages));
            check(isfinite(p.by_period[q].deals) && isfinite(p.by_period[q].revenue));
            check(isfinite(p.by_period[q].budget));
        }
        check(isfinite(p.budget) && isfinite(p.cost_per_deal) && isfinite(p.gross_profit));
    }

    /* The batch kernel agrees with the single plan, status and bits, for a
     * deal target without costs (it has no other kind). A plan may also
     * overflow in its other figures (per quarter and year), which a batch
     * does not compute. */
    if (t.target == FPL_TARGET_DEALS && !t.has_cost_per_lead && f.n_stages >= 1 &&
        f.n_stages <= FPL_MAX_STAGES && fpl_terms_check(&t, NULL) == FPL_OK &&
        fpl_funnel_check(&f, NULL) == FPL_OK) {
        double rates[FPL_MAX_STAGES];
        double required[FPL_MAX_STAGES];
        double whole[FPL_MAX_STAGES];
        double deals_whole;
        for (size_t k = 0; k < f.n_stages; ++k) {
            rates[k] = f.stages[k].rate;
        }
        fpl_plan_batch b = {1, f.n_stages, rates, &t.deals, required, whole, &deals_whole};
        fpl_error bad = {.index = 5};
        fpl_status sb = fpl_plan_batch_compute(&b, &bad);
        check(sb == sp || (sb == FPL_OK && sp == FPL_ERR_OVERFLOW));
        check(bad.status == sb);
        check(sb == FPL_OK ? bad.index == 5 : bad.index == 0 && bad.field == FPL_FIELD_FUNNEL);
        if (sp == FPL_OK) {
            check(memcmp(&deals_whole, &(double){(double)p.deals_whole}, sizeof(double)) == 0);
            for (size_t k = 0; k < f.n_stages; ++k) {
                check(memcmp(&required[k], &p.stages[k].required, sizeof(double)) == 0);
                check(whole[k] == (double)p.stages[k].required_whole);
            }
        }
    }

    fpl_forecast fc;
    memset(&fc, 0x55, sizeof fc);
    fpl_forecast untouched_fc;
    memcpy(&untouched_fc, &fc, sizeof untouched_fc);
    fpl_status sf = fpl_forecast_compute(&f, &t, &in, &fc, NULL);
    check((int)sf >= 0 && (int)sf < FPL_STATUS_COUNT);
    if (sf != FPL_OK) {
        check(memcmp(&fc, &untouched_fc, sizeof fc) == 0);
    } else {
        check(finite_all(fc.expected, FPL_MAX_STAGES));
        check(isfinite(fc.deals) && fc.deals > 0.0);
        check(isfinite(fc.revenue) && isfinite(fc.gross_profit) && isfinite(fc.budget));
        check(isfinite(fc.cost_per_deal) && isfinite(fc.gap_deals) && isfinite(fc.gap_revenue));
        check(isfinite(fc.attainment) && fc.attainment >= 0.0);
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            check(finite_all(fc.by_period[q].expected, FPL_MAX_STAGES));
            check(isfinite(fc.by_period[q].deals) && isfinite(fc.by_period[q].revenue));
        }
    }
    /* What-if with fuzzed changes, sensitivity and goal seek on the same
     * question: never OK with a non-finite figure, untouched on failure. */
    fpl_whatif_input wi;
    memset(&wi, 0, sizeof wi);
    wi.has_volume = (mode & 4) != 0;
    wi.volume = in;
    wi.n_changes = (size_t)take_byte(&r) % 4;
    for (size_t i = 0; i < wi.n_changes; ++i) {
        wi.changes[i].lever = (fpl_lever)(take_byte(&r) % 5);
        wi.changes[i].stage = (size_t)take_byte(&r) % (FPL_MAX_STAGES + 1);
        wi.changes[i].kind = (fpl_change_kind)(take_byte(&r) % 4);
        wi.changes[i].value = (mode & 8) ? take_double(&r) : ((double)take_byte(&r) - 128.0) / 100.0;
    }
    wi.horizon = take_byte(&r);
    wi.has_invest = (flags & 8) != 0;
    wi.invest = take_double(&r);
    static fpl_whatif w;
    memset(&w, 0x33, sizeof w);
    const uint8_t first = ((const uint8_t *)&w)[0];
    fpl_status sw = fpl_whatif_compute(&f, &t, &wi, &w, NULL);
    check((int)sw >= 0 && (int)sw < FPL_STATUS_COUNT);
    if (sw != FPL_OK) {
        check(((const uint8_t *)&w)[0] == first);
    } else {
        const double figures[] = {w.deals, w.revenue, w.volume, w.cost, w.gain,
                                  w.revenue_horizon, w.cost_horizon, w.gain_horizon,
                                  w.roi, w.payback_periods};
        check(finite_all(figures, sizeof figures / sizeof figures[0]));
        check(!w.has_payback || w.payback_periods > 0.0);
        check(fpl_funnel_check(&w.scenario_funnel, NULL) == FPL_OK);
    }
    fpl_sensitivity_input si;
    memset(&si, 0, sizeof si);
    si.has_volume = wi.has_volume;
    si.volume = in;
    si.has_step = (flags & 16) != 0;
    si.step_kind = (fpl_change_kind)(take_byte(&r) % 3);
    si.step = take_double(&r);
    static fpl_sensitivity sens;
    fpl_status ss = fpl_sensitivity_compute(&f, &t, &si, &sens, NULL);
    check((int)ss >= 0 && (int)ss < FPL_STATUS_COUNT);
    if (ss == FPL_OK) {
        /* The figure the effects are differences of, for the tie rule. */
        double base = 0.0;
        if (si.has_volume) {
            fpl_forecast b;
            check(fpl_forecast_compute(&f, &t, &in, &b, NULL) == FPL_OK);
            base = b.revenue;
        } else {
            fpl_plan b;
            check(fpl_plan_compute(&f, &t, &b, NULL) == FPL_OK);
            base = b.stages[0].required;
        }
        check(sens.n_rows >= f.n_stages && sens.n_rows <= f.n_stages + 1);
        for (size_t i = 0; i < sens.n_rows; ++i) {
            const double e = sens.rows[i].effect;
            check(isfinite(e) && isfinite(sens.rows[i].share));
            check(sens.rows[i].share >= 0.0 && sens.rows[i].share <= 1.0);
            if (i > 0) {
                const double prev = sens.rows[i - 1].effect;
                const double noise =
                    64.0 * DBL_EPSILON * fabs(base) + 1e-12 * fmax(fabs(e), fabs(prev));
                check(e - prev <= noise); /* ranked, up to ties within noise */
            }
        }
    }
    fpl_solve_input so = {in, (fpl_lever)(take_byte(&r) % 5), (size_t)take_byte(&r) % 34};
    fpl_solve sol;
    memset(&sol, 0x44, sizeof sol);
    fpl_status sv = fpl_solve_compute(&f, &t, &so, &sol, NULL);
    check((int)sv >= 0 && (int)sv < FPL_STATUS_COUNT);
    if (sv == FPL_OK) {
        check(isfinite(sol.value) && sol.value > 0.0 && isfinite(sol.change));
        check(so.lever != FPL_LEVER_STAGE || sol.value <= 1.0);
    }

    /* Odds: only volumes and targets small enough to stay fast are run; the
     * bad values (NaN, infinities, fractions, negatives) always are. */
    fpl_odds_input oi;
    memset(&oi, 0, sizeof oi);
    oi.volume = in.volume;
    oi.at = in.at;
    oi.n_levels = take_byte(&r) % 19;
    for (size_t i = 0; i < oi.n_levels && i < FPL_ODDS_MAX_REQUESTED; ++i) {
        oi.levels[i] = (take_byte(&r) & 1) ? take_double(&r) : (double)take_byte(&r) / 255.0;
    }
    const double want = t.target == FPL_TARGET_REVENUE && t.deal_size > 0.0
                            ? t.revenue / t.deal_size
                            : t.deals;
    if (!(fabs(oi.volume) > 1e7) && !(fabs(want) > 1e5)) {
        static fpl_odds od;
        memset(&od, 0x55, sizeof od);
        fpl_status so2 = fpl_odds_compute(&f, &t, &oi, &od, NULL);
        check((int)so2 >= 0 && (int)so2 < FPL_STATUS_COUNT);
        if (so2 == FPL_OK) {
            check(od.p_hit >= 0.0 && od.p_hit <= 1.0 && od.p_miss >= 0.0 && od.p_miss <= 1.0);
            check(fabs(od.p_hit + od.p_miss - 1.0) < 1e-12);
            check(od.deals_quantiles[0] <= od.deals_quantiles[1]);
            check(od.deals_quantiles[1] <= od.deals_quantiles[2]);
            check(od.deals_quantiles[2] <= od.volume);
            check(od.n_levels >= FPL_ODDS_STANDARD_LEVELS && od.n_levels <= FPL_ODDS_MAX_LEVELS);
            for (size_t i = 0; i < od.n_levels; ++i) {
                const fpl_odds_level lv = od.volume_for[i];
                check(i == 0 || lv.confidence > od.volume_for[i - 1].confidence);
                /* no volume (above 2^53) for a level: none for the higher ones */
                check(i == 0 || lv.has_volume <= od.volume_for[i - 1].has_volume);
                if (!lv.has_volume) {
                    continue;
                }
                check(lv.volume >= od.target_deals);
                check(i == 0 || lv.volume >= od.volume_for[i - 1].volume);
                double u = -1.0;
                check(fpl_odds_tail(lv.volume, od.cumulative_rate, od.target_deals, &u, NULL, NULL) ==
                      FPL_OK);
                check(u >= lv.confidence - 1e-12);
                if (lv.volume > od.target_deals) {
                    check(fpl_odds_tail(lv.volume - 1.0, od.cumulative_rate, od.target_deals, &u,
                                        NULL, NULL) == FPL_OK);
                    check(u < lv.confidence - 1e-12);
                }
            }
        }
        fpl_odds_sim_input oin;
        memset(&oin, 0, sizeof oin);
        oin.volume = in.volume;
        oin.at = in.at;
        oin.trials = (size_t)(take_byte(&r) % 16) + 1;
        oin.seed = take_byte(&r);
        oin.deal_size_cv = (flags & 32) ? take_double(&r) : (double)take_byte(&r) / 64.0;
        const size_t hs = (size_t)take_byte(&r) % 34;
        if (hs < FPL_MAX_STAGES) {
            oin.has_history[hs] = true;
            oin.total[hs] = (double)take_byte(&r);
            oin.won[hs] = (flags & 64) ? take_double(&r) : (double)take_byte(&r);
        }
        double work[32];
        static fpl_odds_sim s1;
        static fpl_odds_sim s2;
        memset(&s1, 0, sizeof s1);
        memset(&s2, 0, sizeof s2);
        fpl_status sm = fpl_odds_simulate(&f, &t, &oin, work, 32, &s1, NULL);
        check((int)sm >= 0 && (int)sm < FPL_STATUS_COUNT);
        if (sm == FPL_OK) {
            check(fpl_odds_simulate(&f, &t, &oin, work, 32, &s2, NULL) == FPL_OK);
            check(memcmp(&s1, &s2, sizeof s1) == 0); /* the same seed, the same figures */
            check(s1.p_hit.value >= 0.0 && s1.p_hit.value <= 1.0);
            check(s1.deals_quantiles[0].value <= s1.deals_quantiles[2].value);
            check(s1.deals_quantiles[2].value <= oin.volume);
        }
    }

    /* Schedule and pace. */
    static fpl_schedule_input sin;
    static fpl_schedule sch;
    memset(&sin, 0, sizeof sin);
    sin.start.year = 1 + take_byte(&r) * 39;
    sin.start.month = take_byte(&r) % 14;
    sin.months = take_byte(&r) % 125;
    sin.has_weights = (take_byte(&r) & 1) != 0;
    for (int m = 0; m < 12; ++m) {
        sin.weights[m] = (flags & 128) ? take_double(&r) : (double)(take_byte(&r) % 4);
    }
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        sin.lag[i] = (flags & 64) ? take_double(&r) : (double)take_byte(&r) / 64.0;
    }
    sin.reps = (double)(take_byte(&r) % 5);
    sin.has_reps = sin.reps != 0.0;
    memset(&sch, 0x77, sizeof sch);
    fpl_status ssch = fpl_schedule_compute(&f, &t, &sin, &sch, NULL);
    check((int)ssch >= 0 && (int)ssch < FPL_STATUS_COUNT);
    if (ssch != FPL_OK) {
        check(((const uint8_t *)&sch)[0] == 0x77);
    } else {
        check(sch.n_rows == sch.lead_months + sch.months && sch.n_rows <= FPL_SCHEDULE_MAX_ROWS);
        fpl_plan pl;
        if (fpl_plan_compute(&f, &t, &pl, NULL) == FPL_OK) {
            const double scale = (double)sch.months / (double)fpl_period_months(t.per);
            for (size_t i = 0; i < f.n_stages; ++i) {
                const double want = pl.stages[i].required * scale;
                check(isfinite(sch.totals[i]));
                /* relative, except among subnormals where splits lose digits */
                check(fabs(sch.totals[i] - want) <= 1e-9 * want + 1e-300);
            }
        }
        for (size_t row = 0; row < sch.n_rows; ++row) {
            check(finite_all(sch.rows[row].entering, f.n_stages));
            check(sch.rows[row].entering[0] >= 0.0);
        }
    }
    fpl_pace_input pin;
    memset(&pin, 0, sizeof pin);
    pin.elapsed = (flags & 128) ? take_double(&r) : (double)(take_byte(&r) + 1) / 256.0;
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        pin.has_actual[i] = (take_byte(&r) & 1) != 0;
        pin.actual[i] = (flags & 64) ? take_double(&r) : (double)take_byte(&r);
        pin.has_open[i] = (take_byte(&r) & 3) == 0;
        pin.open[i] = (double)take_byte(&r);
        pin.lag[i] = sin.lag[i];
    }
    pin.has_actual_deals = (take_byte(&r) & 1) != 0;
    pin.actual_deals = (double)take_byte(&r);
    pin.at_risk = (double)take_byte(&r) / 128.0;
    pin.off_track = (double)take_byte(&r) / 256.0;
    pin.reps = sin.reps;
    pin.has_reps = sin.has_reps;
    pin.has_at_risk = pin.at_risk != 0.0;
    pin.has_off_track = pin.off_track != 0.0;
    static fpl_pace pc;
    memset(&pc, 0x66, sizeof pc);
    fpl_status spc = fpl_pace_compute(&f, &t, &pin, &pc, NULL);
    check((int)spc >= 0 && (int)spc < FPL_STATUS_COUNT);
    if (spc != FPL_OK) {
        check(((const uint8_t *)&pc)[0] == 0x66);
    } else {
        for (size_t i = 0; i < f.n_stages; ++i) {
            const fpl_pace_row *row = &pc.stages[i];
            if (row->has_actual) {
                check(isfinite(row->attainment) && row->attainment >= 0.0);
                check((row->status == FPL_PACE_ON_TRACK) == (row->attainment >= pc.at_risk));
                check((row->status == FPL_PACE_OFF_TRACK) == (row->attainment < pc.off_track));
            }
        }
        check(!pc.has_warning || (pc.warning_stage < f.n_stages &&
                                  pc.stages[pc.warning_stage].status == FPL_PACE_OFF_TRACK));
    }

    /* Checking a funnel agrees with what the calculations said of it. */
    fpl_error bad;
    fpl_status sc = fpl_funnel_check(&f, &bad);
    check(sc == FPL_OK || sp == sc);
    check(sc == FPL_OK || (bad.status == sc && bad.field == FPL_FIELD_STAGE));
    check(sc == FPL_OK || bad.index < f.n_stages || sc == FPL_ERR_STAGE_COUNT);
    return 0;
}

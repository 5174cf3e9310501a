/*
 * whatif.c — pricing an improvement with libfunnelplan: what-if, ROI,
 * sensitivity and goal seek.
 * SPDX-License-Identifier: MIT
 *
 * Worked example 3 of the guide: 75 opportunities a month close at 33%, deals
 * are worth 4,000. If the close rate improves by 10% (relative) to 36.3%,
 * what is that worth over 12 months, and does an investment of 50,000 in it
 * pay? Then: which lever of a three-stage funnel pays most, what close rate
 * would make 125,000 a month, and which questions have no answer.
 *
 * The program prints the figures and checks them against the guide: it exits
 * with status 1 if any figure is not what the guide says.
 *
 * Build it against an installed library:
 *     cc whatif.c $(pkg-config --cflags --libs funnelplan) -o whatif
 */

#include <funnelplan.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

/* Compares with a relative tolerance: 36.3% has no exact binary form, so
 * 1,306,800 comes out as 1306799.9999999998. */
static void check(const char *what, double got, double want)
{
    const double tolerance = 1e-9 * fmax(1.0, fabs(want));
    if (!(fabs(got - want) <= tolerance)) {
        fprintf(stderr, "whatif: %s is %.17g, expected %.17g\n", what, got, want);
        ++failures;
    }
}

static void check_status(const char *what, fpl_status got, fpl_status want)
{
    if (got != want) {
        fprintf(stderr, "whatif: %s gave %s, expected %s\n", what, fpl_status_name(got),
                fpl_status_name(want));
        ++failures;
    }
}

/* Adds a stage, reporting the library's message if it is refused. */
static int add_stage(fpl_funnel *funnel, const char *name, const char *rate_text)
{
    double rate;
    fpl_status st = fpl_parse_rate(rate_text, strlen(rate_text), &rate, NULL);
    if (st == FPL_OK) {
        st = fpl_funnel_add_stage(funnel, name, strlen(name), rate, NULL);
    }
    if (st != FPL_OK) {
        fprintf(stderr, "whatif: stage %s=%s: %s\n", name, rate_text, fpl_strerror(st));
        return -1;
    }
    return 0;
}

/* Adds a change written as on the command line (`opportunity=+10%`). */
static int add_change(const fpl_funnel *funnel, fpl_whatif_input *in, const char *text)
{
    if (in->n_changes >= FPL_MAX_CHANGES) {
        fprintf(stderr, "whatif: too many changes\n");
        return -1;
    }
    fpl_error err;
    fpl_status st = fpl_change_parse(funnel, text, strlen(text), &in->changes[in->n_changes], &err);
    if (st != FPL_OK) {
        /* the library says which bytes: the lever's or the value's */
        fprintf(stderr, "whatif: --change '%s': %s (at '%.*s')\n", text, fpl_strerror(st),
                (int)err.length, text + err.offset);
        return -1;
    }
    in->n_changes++;
    return 0;
}

static const char *lever_name(const fpl_funnel *funnel, fpl_lever lever, size_t stage)
{
    switch (lever) {
    case FPL_LEVER_STAGE: return funnel->stages[stage].name;
    case FPL_LEVER_DEAL_SIZE: return "deal-size";
    case FPL_LEVER_VOLUME: return "volume";
    case FPL_LEVER_COST_PER_LEAD: return "cost-per-lead";
    }
    return "?";
}

/* Worked example 3, volume held: the same 75 opportunities, a better close
 * rate, more deals and revenue. */
static int example_3_roi(void)
{
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "opportunity", "33%") != 0) {
        return -1;
    }
    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_MONTH;
    terms.has_deal_size = true;
    terms.deal_size = 4000;

    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 75;
    in.volume.at = 0;
    if (add_change(&funnel, &in, "opportunity=+10%") != 0) {
        return -1;
    }
    in.horizon = 12;
    in.has_invest = true;
    in.invest = 50000;

    fpl_whatif w;
    fpl_status st = fpl_whatif_compute(&funnel, &terms, &in, &w, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "whatif: example 3: %s\n", fpl_strerror(st));
        return -1;
    }
    const fpl_forecast_period *base = &w.baseline_forecast.by_period[FPL_PERIOD_YEAR];
    const fpl_forecast_period *scen = &w.scenario_forecast.by_period[FPL_PERIOD_YEAR];
    printf("example 3: close rate %.3g%% -> %.3g%%, %g opportunities a %s, horizon %u\n",
           funnel.stages[0].rate * 100, w.scenario_funnel.stages[0].rate * 100,
           w.baseline_forecast.volume, fpl_period_name(w.per), w.horizon);
    printf("  baseline: %8.2f deals, revenue %12.2f a year\n", base->deals, base->revenue);
    printf("  scenario: %8.2f deals, revenue %12.2f a year\n", scen->deals, scen->revenue);
    printf("  gain:     %8.2f deals, revenue %12.2f over the horizon (%.2f a month)\n",
           w.deals_horizon, w.revenue_horizon, w.revenue);
    /* What a table counting whole deals would show (the source's slip). */
    printf("  counted in whole deals: %.0f, i.e. %.0f (the source's 1,306,000 is neither)\n",
           w.whole_deals, w.whole_revenue);
    printf("  invest %.0f: roi %.4g, payback %.4g months\n", w.invest, w.roi,
           w.payback_periods);

    check("baseline deals a month", w.baseline_forecast.deals, 24.75);
    check("baseline deals a year", base->deals, 297);
    check("baseline revenue a year", base->revenue, 1188000);
    check("scenario rate", w.scenario_funnel.stages[0].rate, 0.363);
    check("scenario deals a year", scen->deals, 326.7);
    check("scenario revenue a year", scen->revenue, 1306800);
    check("deals gained a month", w.deals, 2.475);
    check("revenue gained a month", w.revenue, 9900);
    check("revenue gained over 12 months", w.revenue_horizon, 118800);
    check("gain over 12 months", w.gain_horizon, 118800); /* margin 100%, no cost */
    check("scenario deals over the horizon", w.scenario_horizon.deals, 326.7);
    check("whole deals", w.whole_deals, 326);
    check("whole deals' revenue", w.whole_revenue, 1304000);
    check("roi", w.roi, (118800.0 - 50000.0) / 50000.0);
    check("payback", w.payback_periods, 50000.0 / 9900.0);
    if (!w.has_payback) {
        fprintf(stderr, "whatif: example 3 has no payback\n");
        ++failures;
    }
    return 0;
}

/* Target held (worked example 2): 100,000 a month at 4,000 with a third of
 * opportunities closing needs 75 opportunities; at a close rate of 40% it
 * needs 62.5. At 200 an opportunity that saving is money. */
static int target_held(void)
{
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "opportunity", "1/3") != 0) {
        return -1;
    }
    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_MONTH;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 100000;
    terms.has_deal_size = true;
    terms.deal_size = 4000;
    terms.has_cost_per_lead = true;
    terms.cost_per_lead = 200;

    fpl_whatif_input in = {0};
    if (add_change(&funnel, &in, "opportunity=40%") != 0) {
        return -1;
    }
    in.has_invest = true;
    in.invest = 20000; /* horizon 0: the periods in a year, 12 months */

    fpl_whatif w;
    fpl_status st = fpl_whatif_compute(&funnel, &terms, &in, &w, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "whatif: target held: %s\n", fpl_strerror(st));
        return -1;
    }
    printf("target held: %g -> %g opportunities a month, cost %+.2f a month, "
           "gain %.2f over %u months, roi %.4g, payback %.4g months\n",
           w.baseline_plan.stages[0].required, w.scenario_plan.stages[0].required, w.cost,
           w.gain_horizon, w.horizon, w.roi, w.payback_periods);
    check("baseline opportunities", w.baseline_plan.stages[0].required, 75);
    check("scenario opportunities", w.scenario_plan.stages[0].required, 62.5);
    check("volume added (negative: saved)", w.volume, -12.5);
    check("revenue gained (the same target)", w.revenue, 0);
    check("cost added (negative: saved)", w.cost, -2500);
    check("gain a month", w.gain, 2500);
    check("horizon", w.horizon, 12);
    check("gain over the horizon", w.gain_horizon, 30000);
    check("roi", w.roi, (30000.0 - 20000.0) / 20000.0);
    check("payback", w.payback_periods, 20000.0 / 2500.0);
    return 0;
}

/* Which lever pays most: 2,000 leads a month; 10% become SQLs, 50% of SQLs
 * become opportunities, 25% of opportunities close at 4,000: 25 deals,
 * 100,000 a month. */
static int sensitivity(void)
{
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "lead", "10%") != 0 || add_stage(&funnel, "sql", "50%") != 0 ||
        add_stage(&funnel, "opportunity", "25%") != 0) {
        return -1;
    }
    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_MONTH;
    terms.has_deal_size = true;
    terms.deal_size = 4000;

    /* +1pp on every stage, +10% on the deal size (the defaults). */
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 2000;
    fpl_sensitivity s;
    fpl_status st = fpl_sensitivity_compute(&funnel, &terms, &in, &s, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "whatif: sensitivity: %s\n", fpl_strerror(st));
        return -1;
    }
    printf("sensitivity, +1pp a stage, +10%% deal size (revenue gained a month):\n");
    for (size_t i = 0; i < s.n_rows; ++i) {
        const fpl_sensitivity_row *r = &s.rows[i];
        printf("  %-12s %10g -> %-10g %+10.2f  share %.2f\n",
               lever_name(&funnel, r->lever, r->stage), r->from, r->to, r->effect, r->share);
    }
    /* The weakest stage gains most from a point: +1pp on 10% is +10% of the
     * deals, on 25% +4%, on 50% only +2%. */
    static const char *const want_lever[] = {"lead", "deal-size", "opportunity", "sql"};
    static const double want_effect[] = {10000, 10000, 4000, 2000};
    static const double want_share[] = {1, 1, 0.4, 0.2};
    if (s.n_rows != 4) {
        fprintf(stderr, "whatif: sensitivity has %zu rows, expected 4\n", s.n_rows);
        ++failures;
    } else {
        for (size_t i = 0; i < 4; ++i) {
            const char *name = lever_name(&funnel, s.rows[i].lever, s.rows[i].stage);
            if (strcmp(name, want_lever[i]) != 0) {
                fprintf(stderr, "whatif: sensitivity row %zu is %s, expected %s\n", i, name,
                        want_lever[i]);
                ++failures;
            }
            check("sensitivity effect", s.rows[i].effect, want_effect[i]);
            check("sensitivity share", s.rows[i].share, want_share[i]);
        }
    }

    /* Equal relative steps move revenue equally: +10% on any stage is +10%
     * of the deals, 10,000 a month, the same as +10% on the deal size. */
    in.has_step = true;
    in.step_kind = FPL_CHANGE_RELATIVE;
    in.step = 0.10;
    st = fpl_sensitivity_compute(&funnel, &terms, &in, &s, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "whatif: sensitivity +10%%: %s\n", fpl_strerror(st));
        return -1;
    }
    printf("sensitivity, +10%% on every lever:");
    for (size_t i = 0; i < s.n_rows; ++i) {
        printf(" %s %+.2f", lever_name(&funnel, s.rows[i].lever, s.rows[i].stage),
               s.rows[i].effect);
        check("relative step effect", s.rows[i].effect, 10000);
    }
    printf("\n");
    return 0;
}

/* Goal seek: with 75 opportunities at 4,000, what makes 125,000 a month? */
static int goal_seek(void)
{
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "opportunity", "33%") != 0) {
        return -1;
    }
    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_MONTH;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 125000;
    terms.has_deal_size = true;
    terms.deal_size = 4000;

    fpl_solve_input in = {0};
    in.volume.volume = 75;
    static const fpl_lever levers[] = {FPL_LEVER_STAGE, FPL_LEVER_VOLUME, FPL_LEVER_DEAL_SIZE};
    /* 31.25 deals are needed, 24.75 come: every lever scales by 31.25 / 24.75,
     * except the deal size, which becomes 125,000 / 24.75. */
    static const double want[] = {31.25 / 75, 75 * 31.25 / 24.75, 125000 / 24.75};
    printf("goal seek for 125,000 a month:\n");
    for (size_t i = 0; i < 3; ++i) {
        in.lever = levers[i];
        fpl_solve s;
        fpl_status st = fpl_solve_compute(&funnel, &terms, &in, &s, NULL);
        if (st != FPL_OK) {
            fprintf(stderr, "whatif: solve %s: %s\n", lever_name(&funnel, levers[i], 0),
                    fpl_strerror(st));
            return -1;
        }
        printf("  %-12s %10.6g -> %-10.6g (%+.2f%%)\n", lever_name(&funnel, s.lever, s.stage),
               s.current, s.value, s.change * 100);
        check("solved value", s.value, want[i]);
        check("solved change", s.change, 31.25 / 24.75 - 1);
    }

    /* 400,000 a month would need 100 deals from 75 opportunities: a close
     * rate of 133%. No rate can do that. */
    terms.revenue = 400000;
    in.lever = FPL_LEVER_STAGE;
    fpl_solve s;
    fpl_status st = fpl_solve_compute(&funnel, &terms, &in, &s, NULL);
    printf("  400,000 a month by the close rate alone: %s\n", fpl_strerror(st));
    check_status("solve 400,000", st, FPL_ERR_UNREACHABLE);
    return 0;
}

/* Questions without an answer are statuses, never a crash. */
static int out_of_range(void)
{
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "opportunity", "33%") != 0) {
        return -1;
    }
    fpl_terms terms = {0};
    terms.has_deal_size = true;
    terms.deal_size = 4000;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 75;
    /* 33% + 70 points is 103%: parsed fine, but no rate can be above 100%. */
    if (add_change(&funnel, &in, "opportunity=+70pp") != 0) {
        return -1;
    }
    fpl_whatif w;
    fpl_status st = fpl_whatif_compute(&funnel, &terms, &in, &w, NULL);
    printf("opportunity=+70pp: %s (%s)\n", fpl_strerror(st), fpl_status_name(st));
    check_status("+70pp", st, FPL_ERR_CHANGE_RANGE);
    if (fpl_status_is_input_error(st)) {
        fprintf(stderr, "whatif: a rate pushed over 100%% should not be an input error\n");
        ++failures;
    }

    /* A misspelt change is bad input, refused by the parser, which says
     * which bytes are at fault. */
    fpl_change c;
    fpl_error err;
    st = fpl_change_parse(&funnel, "opportunity+10%", 15, &c, &err);
    check_status("a change without '='", st, FPL_ERR_CHANGE_SYNTAX);
    st = fpl_change_parse(&funnel, "deal-size=+3pp", 14, &c, &err);
    check_status("points on the deal size", st, FPL_ERR_CHANGE_POINTS);
    check("the bytes at fault: the pp", (double)err.offset, 12);
    return 0;
}

int main(void)
{
    if (example_3_roi() != 0 || target_held() != 0 || sensitivity() != 0 || goal_seek() != 0 ||
        out_of_range() != 0) {
        return 1;
    }
    if (failures != 0) {
        fprintf(stderr, "whatif: %d figure(s) wrong\n", failures);
        return 1;
    }
    printf("all figures as in the guide\n");
    return 0;
}

/*
 * embed.c — embedding libfunnelplan in a C program.
 * SPDX-License-Identifier: MIT
 *
 * Worked example 1 of the guide: a year's revenue of 1,000,000 at deals of
 * 50,000; 1% of leads are accepted by sales and 10% of accepted leads close.
 * The program plans backward from the target, then forecasts forward from the
 * leads the plan asks for, prints the key figures and checks them: it exits
 * with status 1 if any figure is not what the guide says.
 *
 * Build it against an installed library:
 *     cc embed.c $(pkg-config --cflags --libs funnelplan) -o embed
 */

#include <funnelplan.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

/* Compares with a relative tolerance: the figures are exact in meaning, but a
 * per-month figure such as 20000 / 12 is a double, not a decimal. (Written
 * without <math.h>, so that the pkg-config line above links it: libm is only
 * a private dependency of the shared library.) */
static void check(const char *what, double got, double want)
{
    const double scale = want < 0 ? -want : want;
    const double tolerance = 1e-12 * (scale > 1.0 ? scale : 1.0);
    const double error = got < want ? want - got : got - want;
    if (!(error <= tolerance)) {
        fprintf(stderr, "embed: %s is %.17g, expected %.17g\n", what, got, want);
        ++failures;
    }
}

static void check_whole(const char *what, uint64_t got, uint64_t want)
{
    if (got != want) {
        fprintf(stderr, "embed: %s is %llu, expected %llu\n", what,
                (unsigned long long)got, (unsigned long long)want);
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
        fprintf(stderr, "embed: stage %s=%s: %s\n", name, rate_text, fpl_strerror(st));
        return -1;
    }
    return 0;
}

int main(void)
{
    printf("libfunnelplan %s (built against %s)\n", fpl_version_string(),
           FPL_VERSION_STRING);

    /* The funnel, top first. Rates are parsed the way the CLI reads them. */
    fpl_funnel funnel = {0};
    if (add_stage(&funnel, "lead", "1%") != 0 || add_stage(&funnel, "accepted", "10%") != 0) {
        return 1;
    }

    /* The terms: a revenue target per year with a deal size. */
    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_YEAR;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 1000000;
    terms.has_deal_size = true;
    terms.deal_size = 50000;

    /* Backward: what the target needs. */
    fpl_plan plan;
    fpl_status st = fpl_plan_compute(&funnel, &terms, &plan, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "embed: plan: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("plan per %s: %g deals (%llu whole)\n", fpl_period_name(plan.per), plan.deals,
           (unsigned long long)plan.deals_whole);
    for (size_t i = 0; i < plan.n_stages; ++i) {
        printf("  %-9s rate %5.3g  cumulative %6.4g  required %8.2f  whole %6llu"
               "  per month %8.2f\n",
               funnel.stages[i].name, plan.stages[i].rate, plan.stages[i].cumulative_rate,
               plan.stages[i].required, (unsigned long long)plan.stages[i].required_whole,
               plan.by_period[FPL_PERIOD_MONTH].required[i]);
    }
    const fpl_plan_period *month = &plan.by_period[FPL_PERIOD_MONTH];
    printf("  per month: %.2f deals, revenue %.2f\n", month->deals, month->revenue);

    check("deals", plan.deals, 20);
    check_whole("deals whole", plan.deals_whole, 20);
    check("accepted required", plan.stages[1].required, 200);
    check_whole("accepted whole", plan.stages[1].required_whole, 200);
    check("leads required", plan.stages[0].required, 20000);
    check_whole("leads whole", plan.stages[0].required_whole, 20000);
    check("lead cumulative rate", plan.stages[0].cumulative_rate, 0.001);
    check("leads per month", month->required[0], 20000.0 / 12);
    check("accepted per month", month->required[1], 200.0 / 12);
    check("deals per month", month->deals, 20.0 / 12);
    check("revenue per month", month->revenue, 1000000.0 / 12);

    /* Forward: the leads the plan asks for, entering the top stage. The
     * forecast must give the target back. */
    fpl_terms fterms = {0};
    fterms.per = FPL_PERIOD_YEAR;
    fterms.has_deal_size = true;
    fterms.deal_size = 50000;
    fterms.target = FPL_TARGET_REVENUE;
    fterms.revenue = 1000000;
    const fpl_forecast_input input = {plan.stages[0].required, 0};
    fpl_forecast fc;
    st = fpl_forecast_compute(&funnel, &fterms, &input, &fc, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "embed: forecast: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("forecast per %s from %g leads: %g accepted, %g deals, revenue %.2f,"
           " attainment %g\n",
           fpl_period_name(fc.per), fc.volume, fc.expected[1], fc.deals, fc.revenue,
           fc.attainment);
    check("forecast accepted", fc.expected[1], 200);
    check("forecast deals", fc.deals, 20);
    check("forecast revenue", fc.revenue, 1000000);
    check("forecast attainment", fc.attainment, 1);
    check("forecast gap in deals", fc.gap_deals, 0);
    check("forecast deals per quarter", fc.by_period[FPL_PERIOD_QUARTER].deals, 5);

    /* Bad input is refused with a status, never a crash. */
    fpl_funnel bad = {0};
    st = fpl_funnel_add_stage(&bad, "lead", 4, 1.5, NULL);
    printf("a rate of 150%% is refused: %s\n", fpl_strerror(st));
    if (st != FPL_ERR_RATE_RANGE || !fpl_status_is_input_error(st)) {
        fprintf(stderr, "embed: a rate of 150%% gave %s\n", fpl_status_name(st));
        ++failures;
    }

    if (failures != 0) {
        fprintf(stderr, "embed: %d figure(s) wrong\n", failures);
        return 1;
    }
    printf("all figures as in worked example 1\n");
    return 0;
}

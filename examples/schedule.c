/*
 * schedule.c — a seasonal year month by month, then halfway through a
 * quarter: is it on track? The schedule and pace modules of libfunnelplan.
 * SPDX-License-Identifier: MIT
 *
 * The guide's worked year: deals of 10,000, 1,200,000 in 2027 (120 deals),
 * 10% of leads become opportunities a month later and a quarter of those
 * close two months after that, with a slow summer and a strong end of year.
 * When must the leads come in? Then, on 14 February: 450 leads, 58
 * opportunities and 14 deals against a quarter's 30 deals.
 *
 * The program prints the figures and checks them against the guide: it exits
 * with status 1 if any figure is not what the guide says.
 *
 * Build it against an installed library:
 *     cc schedule.c $(pkg-config --cflags --libs funnelplan) -lm -o schedule
 */

#include <funnelplan.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

static void check(const char *what, double got, double want)
{
    if (!(fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want)))) {
        fprintf(stderr, "schedule: %s is %.17g, expected %.17g\n", what, got, want);
        ++failures;
    }
}

/* fpl_schedule holds up to 240 months of 32 stages: keep it off the stack. */
static fpl_schedule year;
static fpl_schedule_input ask;

int main(void)
{
    fpl_funnel funnel = {0};
    fpl_funnel_add_stage(&funnel, "lead", 4, 0.10, NULL);
    fpl_funnel_add_stage(&funnel, "opportunity", 11, 0.25, NULL);

    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_YEAR;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 1200000;
    terms.has_deal_size = true;
    terms.deal_size = 10000;

    /* Parse as the CLI does: the library reads months, weights and lags. */
    const char *weights = "6,6,8,8,9,9,6,5,9,10,12,12";
    size_t n_weights = 0;
    if (fpl_month_parse("2027-01", 7, &ask.start, NULL) != FPL_OK ||
        fpl_list_parse(weights, strlen(weights), ask.weights, 12, &n_weights, NULL) != FPL_OK ||
        n_weights != 12 || fpl_lag_parse("1m", 2, &ask.lag[0], NULL) != FPL_OK ||
        fpl_lag_parse("2m", 2, &ask.lag[1], NULL) != FPL_OK) {
        return 1;
    }
    ask.months = 12;
    ask.has_weights = true;
    fpl_status st = fpl_schedule_compute(&funnel, &terms, &ask, &year, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "schedule: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("month      leads  opportunities  deals\n");
    for (size_t r = 0; r < year.n_rows; ++r) {
        const fpl_schedule_row *row = &year.rows[r];
        printf("%04d-%02d %8.1f %14.1f %6.1f%s\n", row->month.year, row->month.month,
               row->entering[0], row->entering[1], row->deals, row->in_span ? "" : "  (before)");
    }
    printf("total   %8.1f %14.1f %6.1f\n", year.totals[0], year.totals[1], year.deals);
    check("months before the start", (double)year.lead_months, 3);
    check("leads in October 2026", year.rows[0].entering[0], 288);
    check("leads in September 2027", year.rows[11].entering[0], 576);
    check("opportunities in October 2027", year.rows[12].entering[1], 57.6);
    check("deals in December 2027", year.rows[14].deals, 14.4);
    check("leads in the year", year.totals[0], 4800);
    check("opportunities in the year", year.totals[1], 480);

    /* Halfway through the first quarter (30 deals). */
    fpl_terms quarter = {0};
    quarter.per = FPL_PERIOD_QUARTER;
    quarter.target = FPL_TARGET_DEALS;
    quarter.deals = 30;
    fpl_pace_input now;
    memset(&now, 0, sizeof now);
    fpl_date start;
    fpl_date as_of;
    if (fpl_date_parse("2027-01-01", 10, &start, NULL) != FPL_OK ||
        fpl_date_parse("2027-02-14", 10, &as_of, NULL) != FPL_OK ||
        fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_QUARTER, &now.elapsed, NULL) != FPL_OK) {
        return 1;
    }
    now.has_actual[0] = true;
    now.actual[0] = 450;
    now.has_actual[1] = true;
    now.actual[1] = 58;
    now.has_actual_deals = true;
    now.actual_deals = 14;
    now.has_open[1] = true;
    now.open[1] = 56;
    now.lag[0] = ask.lag[0];
    now.lag[1] = ask.lag[1];
    fpl_pace pace;
    st = fpl_pace_compute(&funnel, &quarter, &now, &pace, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "schedule: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("\n%.0f%% of the quarter gone\n", 100 * pace.elapsed);
    const char *names[] = {"leads", "opportunities"};
    for (size_t i = 0; i < 2; ++i) {
        printf("%-13s %5.1f%% of plan to date, %s; %.0f a quarter needed from now\n", names[i],
               100 * pace.stages[i].attainment, fpl_pace_status_name(pace.stages[i].status),
               pace.stages[i].needed_rate);
    }
    printf("%-13s %5.1f%% of plan to date, %s\n", "deals", 100 * pace.deals.attainment,
           fpl_pace_status_name(pace.deals.status));
    if (pace.has_warning) {
        printf("warning: %s is off track; it shows in deals in about %.0f months\n",
               funnel.stages[pace.warning_stage].name, pace.warning_months);
    }
    printf("pipeline: %.1fx of the deals still to close, %.3fx weighted; the rates need %.1fx\n",
           pace.coverage_raw, pace.coverage_weighted, pace.coverage_required);
    check("elapsed", pace.elapsed, 0.5);
    check("lead attainment", pace.stages[0].attainment, 0.75);
    check("lead status", (double)pace.stages[0].status, FPL_PACE_OFF_TRACK);
    check("deal status", (double)pace.deals.status, FPL_PACE_AT_RISK);
    check("warning months", pace.warning_months, 3);
    check("coverage required", pace.coverage_required, 4);
    check("weighted coverage", pace.coverage_weighted, 0.875);
    return failures == 0 ? 0 : 1;
}

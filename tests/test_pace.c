/*
 * funnelplan — pacing actuals against plan.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <math.h>
#include <string.h>

static fpl_error err;

/* A refusal and where the library says it is: status, field, entry. */
static void expect(fpl_status got, fpl_status st, fpl_field field, size_t index)
{
    assert_int_equal(got, st);
    assert_error(err, st, field, index);
    memset(&err, 0x5B, sizeof err);
}

/* As expect(), with the bytes at fault in the text. */
static void expect_at(fpl_status got, fpl_status st, fpl_field field, size_t offset,
                      size_t length)
{
    assert_int_equal(got, st);
    assert_error_at(err, st, field, FPL_NO_INDEX, offset, length);
    memset(&err, 0x5B, sizeof err);
}

static fpl_terms ten_deals(void)
{
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    return t;
}

/* 10% of leads become opportunities, a quarter of those close; 10 deals a
 * month need 40 opportunities and 400 leads. Half the month gone: 150 leads
 * (75% of the 200 due: off track), 19 opportunities (95%: on track), 4 deals
 * (80%: at risk). */
static void test_pace_half_month(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = ten_deals();
    fpl_pace_input in;
    memset(&in, 0, sizeof in);
    in.elapsed = 0.5;
    in.has_actual[0] = true;
    in.actual[0] = 150;
    in.has_actual[1] = true;
    in.actual[1] = 19;
    in.has_actual_deals = true;
    in.actual_deals = 4;
    in.lag[0] = 1.0;
    in.lag[1] = 2.0;
    fpl_pace p;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    /* the thresholds used: the defaults when none is given */
    assert_same_double(p.at_risk, FPL_PACE_AT_RISK_DEFAULT);
    assert_same_double(p.off_track, FPL_PACE_OFF_TRACK_DEFAULT);
    assert_same_double(p.cumulative_rate[0], 0.1 * 0.25);
    assert_same_double(p.cumulative_rate[1], 0.25);
    const fpl_pace_row *lead = &p.stages[0];
    assert_close(lead->plan, 400.0);
    assert_close(lead->plan_to_date, 200.0);
    assert_close(lead->attainment, 0.75);
    assert_close(lead->projection, 300.0);
    assert_close(lead->projected_attainment, 0.75);
    assert_close(lead->still_needed, 250.0);
    assert_true(lead->has_needed_rate);
    assert_close(lead->needed_rate, 500.0);
    assert_close(lead->catch_up, 1.25);
    assert_int_equal(lead->status, FPL_PACE_OFF_TRACK);
    assert_close(lead->implied_deals, 150.0 * 0.025);
    assert_close(p.stages[1].attainment, 0.95);
    assert_int_equal(p.stages[1].status, FPL_PACE_ON_TRACK);
    assert_close(p.stages[1].implied_deals, 19.0 * 0.25);
    assert_close(p.deals.attainment, 0.8);
    assert_int_equal(p.deals.status, FPL_PACE_AT_RISK);
    assert_close(p.deals.needed_rate, 12.0);
    assert_false(p.has_revenue);
    /* the leads are the highest stage off track: three months from deals */
    assert_true(p.has_warning);
    assert_int_equal(p.warning_stage, 0);
    assert_close(p.warning_months, 3.0);
    assert_false(p.has_coverage);
    assert_string_equal(fpl_pace_status_name(lead->status), "off track");
    assert_string_equal(fpl_pace_status_name(FPL_PACE_AT_RISK), "at risk");
    assert_string_equal(fpl_pace_status_name(FPL_PACE_ON_TRACK), "on track");
    assert_string_equal(fpl_pace_status_name((fpl_pace_status)7), "unknown");

    /* exactly on plan is on track; ahead needs nothing more */
    in.actual[0] = 200;
    in.actual[1] = 45;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_int_equal(p.stages[0].status, FPL_PACE_ON_TRACK);
    assert_close(p.stages[0].attainment, 1.0);
    assert_close(p.stages[1].still_needed + 1.0, 1.0);
    assert_close(p.stages[1].needed_rate + 1.0, 1.0);
    assert_false(p.has_warning);
    /* the period over: no rate is needed any more */
    in.elapsed = 1.0;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_false(p.stages[0].has_needed_rate);
    assert_close(p.stages[0].projection, 200.0);
    /* early in the period */
    in.elapsed = 0.1;
    in.actual[0] = 30;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_close(p.stages[0].attainment, 0.75);
    assert_close(p.stages[0].needed_rate, 370.0 / 0.9);
}

/* Open pipeline: 100 leads (2.5% to a deal) and 12 opportunities (25%)
 * expect 2.5 + 3 = 5.5 deals; 6 are still to close after 4 won. */
static void test_pace_pipeline_coverage(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = ten_deals();
    t.has_deal_size = true;
    t.deal_size = 5000;
    fpl_pace_input in;
    memset(&in, 0, sizeof in);
    in.elapsed = 0.5;
    in.has_open[0] = true;
    in.open[0] = 100;
    in.has_open[1] = true;
    in.open[1] = 12;
    in.has_actual_deals = true;
    in.actual_deals = 4;
    in.has_actual_revenue = true;
    in.actual_revenue = 21000;
    in.has_reps = true;
    in.reps = 2;
    in.has_at_risk = true;
    in.at_risk = 1.0;
    in.has_off_track = true;
    in.off_track = 0.5;
    fpl_pace p;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_true(p.has_coverage);
    assert_close(p.open_units, 112.0);
    assert_close(p.open_deals, 5.5);
    assert_close(p.still_to_close, 6.0);
    assert_true(p.has_coverage_ratio);
    assert_close(p.coverage_raw, 112.0 / 6.0);
    assert_close(p.coverage_weighted, 5.5 / 6.0);
    assert_true(p.has_coverage_required);
    assert_close(p.coverage_required, 112.0 / 5.5);
    /* only opportunities open: the funnel needs 4x, not a fixed 3x */
    in.has_open[0] = false;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_close(p.coverage_required, 4.0);
    /* revenue paced with custom thresholds and per rep */
    assert_true(p.has_revenue);
    assert_close(p.revenue.plan, 50000.0);
    assert_close(p.revenue.attainment, 21000.0 / 25000.0);
    assert_int_equal(p.revenue.status, FPL_PACE_AT_RISK); /* 84%: below 100%, above 50% */
    assert_true(p.has_reps);
    assert_same_double(p.at_risk, 1.0);
    assert_same_double(p.off_track, 0.5);
    assert_close(p.revenue.plan_per_rep, 25000.0);
    /* equal thresholds leave no at-risk band: 84% is off track */
    in.off_track = 1.0;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_int_equal(p.revenue.status, FPL_PACE_OFF_TRACK);
    in.off_track = 0.5;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_close(p.revenue.actual_per_rep, 10500.0);
    assert_close(p.revenue.needed_rate_per_rep, 29000.0 / 0.5 / 2.0);
    assert_close(p.stages[0].plan_per_rep, 200.0);
    assert_false(p.stages[0].has_actual);
    /* without deals won, revenue so far counts: 21,000 / 5,000 = 4.2 deals */
    in.has_actual_deals = false;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_close(p.still_to_close, 10.0 - 4.2);
    assert_false(p.deals.has_needed_rate); /* no actual deals: no rate either */
    in.has_actual_deals = true;
    /* target already met: nothing still to close, no ratio */
    in.actual_deals = 12;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    assert_close(p.still_to_close + 1.0, 1.0);
    assert_false(p.has_coverage_ratio);
}

static void test_pace_elapsed_from_dates(void **state)
{
    (void)state;
    fpl_date start;
    fpl_date as_of;
    double e;
    assert_int_equal(fpl_date_parse("2027-01-01", 10, &start, NULL), FPL_OK);
    assert_int_equal(fpl_date_parse("2027-02-14", 10, &as_of, NULL), FPL_OK);
    assert_int_equal(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_QUARTER, &e, NULL), FPL_OK);
    assert_close(e, 45.0 / 90.0);
    assert_int_equal(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_YEAR, &e, NULL), FPL_OK);
    assert_close(e, 45.0 / 365.0);
    /* 2100 is not a leap year (a century not divisible by 400): 31 + 28 + 1 */
    assert_int_equal(fpl_date_parse("2100-01-01", 10, &start, NULL), FPL_OK);
    assert_int_equal(fpl_date_parse("2100-03-01", 10, &as_of, NULL), FPL_OK);
    assert_int_equal(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_YEAR, &e, NULL), FPL_OK);
    assert_close(e, 60.0 / 365.0);
    assert_int_equal(fpl_date_parse("2027-01-01", 10, &start, NULL), FPL_OK);
    assert_int_equal(fpl_pace_elapsed(&start, &start, FPL_PERIOD_MONTH, &e, NULL), FPL_OK);
    assert_close(e, 1.0 / 31.0);
    /* a leap year, across the year boundary */
    assert_int_equal(fpl_date_parse("2027-12-01", 10, &start, NULL), FPL_OK);
    assert_int_equal(fpl_date_parse("2028-02-29", 10, &as_of, NULL), FPL_OK);
    assert_int_equal(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_QUARTER, &e, NULL), FPL_OK);
    assert_close(e, 1.0); /* 31 + 31 + 29 = 91 days of 91 */
    /* from the 31st: the month runs to the end of February */
    assert_int_equal(fpl_date_parse("2027-01-31", 10, &start, NULL), FPL_OK);
    assert_int_equal(fpl_date_parse("2027-02-28", 10, &as_of, NULL), FPL_OK);
    assert_int_equal(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_MONTH, &e, NULL), FPL_OK);
    assert_close(e, 1.0);
    assert_int_equal(fpl_date_parse("2027-03-01", 10, &as_of, NULL), FPL_OK);
    e = -1;
    expect(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_ELAPSED,
           FPL_FIELD_AS_OF, FPL_NO_INDEX);
    assert_int_equal(fpl_date_parse("2027-01-30", 10, &as_of, NULL), FPL_OK);
    expect(fpl_pace_elapsed(&start, &as_of, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_ELAPSED,
           FPL_FIELD_AS_OF, FPL_NO_INDEX);
    assert_same_double(e, -1.0);
    fpl_date bad = {2027, 2, 30};
    expect(fpl_pace_elapsed(&bad, &as_of, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_DATE,
           FPL_FIELD_START, FPL_NO_INDEX);
    expect(fpl_pace_elapsed(&start, &bad, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_DATE,
           FPL_FIELD_AS_OF, FPL_NO_INDEX);
    expect(fpl_pace_elapsed(&start, &as_of, (fpl_period)9, &e, &err), FPL_ERR_PERIOD,
           FPL_FIELD_PER, FPL_NO_INDEX);
    expect(fpl_pace_elapsed(NULL, &as_of, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_NULL,
           FPL_FIELD_NONE, FPL_NO_INDEX);
}

/* The last month, quarter and year of the calendar and the first: a period
 * ending on 9999-12-31 (the next day, 10000-01-01, out of range) is a
 * period like any other; a year from February 9999 runs into 10000. */
static void test_pace_elapsed_at_the_ends_of_the_calendar(void **state)
{
    (void)state;
    static const struct {
        fpl_date start;
        fpl_date as_of;
        fpl_period per;
        double days;
        double length;
    } cases[] = {
        {{9999, 12, 1}, {9999, 12, 31}, FPL_PERIOD_MONTH, 31, 31},
        {{9999, 12, 1}, {9999, 12, 1}, FPL_PERIOD_MONTH, 1, 31},
        {{9999, 12, 31}, {9999, 12, 31}, FPL_PERIOD_MONTH, 1, 31},
        {{9999, 10, 1}, {9999, 12, 31}, FPL_PERIOD_QUARTER, 92, 92},
        {{9999, 10, 1}, {9999, 11, 15}, FPL_PERIOD_QUARTER, 46, 92},
        {{9999, 1, 1}, {9999, 12, 31}, FPL_PERIOD_YEAR, 365, 365},
        {{9999, 1, 1}, {9999, 7, 1}, FPL_PERIOD_YEAR, 182, 365},
        {{9999, 2, 1}, {9999, 12, 31}, FPL_PERIOD_YEAR, 334, 365},
        {{1, 1, 1}, {1, 1, 31}, FPL_PERIOD_MONTH, 31, 31},
        {{1, 1, 1}, {1, 2, 28}, FPL_PERIOD_QUARTER, 59, 90},
        {{1, 1, 1}, {1, 1, 1}, FPL_PERIOD_YEAR, 1, 365},
        {{1, 1, 1}, {1, 12, 31}, FPL_PERIOD_YEAR, 365, 365},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        double e = -1.0;
        assert_int_equal(fpl_pace_elapsed(&cases[i].start, &cases[i].as_of, cases[i].per, &e,
                                          &err),
                         FPL_OK);
        assert_same_double(e, cases[i].days / cases[i].length);
    }
    /* the day after the period is still refused as outside it */
    double e = -1.0;
    const fpl_date nov = {9999, 11, 1};
    const fpl_date dec = {9999, 12, 1};
    expect(fpl_pace_elapsed(&nov, &dec, FPL_PERIOD_MONTH, &e, &err), FPL_ERR_ELAPSED,
           FPL_FIELD_AS_OF, FPL_NO_INDEX);
    assert_same_double(e, -1.0);
}

/* --elapsed as typed: months of the period or a share (fpl_elapsed_parse). */
static void test_elapsed_parse_months_and_shares(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        fpl_period per;
        double share;
    } good[] = {
        {"4m", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"4 months", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"4 month", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"4 MONTHS", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"4mo", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"12m", FPL_PERIOD_YEAR, 1.0},
        {"1.5m", FPL_PERIOD_QUARTER, 0.5},
        {"1m", FPL_PERIOD_MONTH, 1.0},
        {"0.5 month", FPL_PERIOD_MONTH, 0.5},
        {"4/12", FPL_PERIOD_YEAR, 4.0 / 12.0},
        {"33%", FPL_PERIOD_YEAR, 0.33},
        {"0.33", FPL_PERIOD_MONTH, 0.33},
        {"100%", FPL_PERIOD_QUARTER, 1.0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; ++i) {
        double share = -1.0;
        assert_int_equal(fpl_elapsed_parse(good[i].text, FPL_NUL_TERMINATED, good[i].per,
                                           &share, &err),
                         FPL_OK);
        assert_same_double(share, good[i].share);
    }
    /* the month counts: refused naming elapsed, the bytes of the number */
    double share = -1.0;
    expect_at(fpl_elapsed_parse("13m", 3, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_ELAPSED,
              FPL_FIELD_ELAPSED, 0, 2);
    expect_at(fpl_elapsed_parse("4 months", 8, FPL_PERIOD_QUARTER, &share, &err), FPL_ERR_ELAPSED,
              FPL_FIELD_ELAPSED, 0, 1);
    assert_int_equal(fpl_elapsed_parse("4 months", 8, FPL_PERIOD_QUARTER, &share, &err),
                     FPL_ERR_ELAPSED);
    assert_int_equal(err.offset, 0);
    assert_int_equal(err.length, 1);
    assert_string_equal(fpl_error_message(&err),
                        "elapsed must be above 0 and at most the whole period: a share up to "
                        "100%, or months up to 1 (month), 3 (quarter) or 12 (year)");
    expect_at(fpl_elapsed_parse("2m", 2, FPL_PERIOD_MONTH, &share, &err), FPL_ERR_ELAPSED,
              FPL_FIELD_ELAPSED, 0, 1);
    expect_at(fpl_elapsed_parse("0m", 2, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_ELAPSED,
              FPL_FIELD_ELAPSED, 0, 1);
    expect_at(fpl_elapsed_parse("-1m", 3, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_PARSE_NEGATIVE,
              FPL_FIELD_ELAPSED, 0, 2);
    /* shares out of (0, 1]: the whole text at fault, with a hint for a bare 4 */
    expect_at(fpl_elapsed_parse("0", 1, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_ELAPSED,
              FPL_FIELD_ELAPSED, 0, 1);
    assert_int_equal(fpl_elapsed_parse("4", 1, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_ELAPSED);
    char hint[64];
    fpl_error_hint(&err, "4", 1, hint, sizeof hint);
    assert_string_equal(hint, "did you mean 4m (4 months) or 4%?");
    assert_int_equal(fpl_elapsed_parse("33", 2, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_ELAPSED);
    fpl_error_hint(&err, "33", 2, hint, sizeof hint);
    assert_string_equal(hint, "did you mean 33%?");
    assert_int_equal(fpl_elapsed_parse("13m", 3, FPL_PERIOD_YEAR, &share, &err),
                     FPL_ERR_ELAPSED);
    fpl_error_hint(&err, "13m", 3, hint, sizeof hint);
    assert_string_equal(hint, ""); /* no "did you mean 13%?" for a month count */
    /* not a number, and units that are not months */
    expect_at(fpl_elapsed_parse("4 weeks", 7, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_PARSE_SYNTAX,
              FPL_FIELD_ELAPSED, 0, 7);
    expect_at(fpl_elapsed_parse("m", 1, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_PARSE_SYNTAX,
              FPL_FIELD_ELAPSED, 0, 1);
    expect(fpl_elapsed_parse("", 0, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_PARSE_EMPTY,
           FPL_FIELD_ELAPSED, FPL_NO_INDEX);
    expect(fpl_elapsed_parse("4m", 2, (fpl_period)9, &share, &err), FPL_ERR_PERIOD,
           FPL_FIELD_PER, FPL_NO_INDEX);
    expect(fpl_elapsed_parse(NULL, 2, FPL_PERIOD_YEAR, &share, &err), FPL_ERR_NULL,
           FPL_FIELD_NONE, FPL_NO_INDEX);
    expect(fpl_elapsed_parse("4m", 2, FPL_PERIOD_YEAR, NULL, &err), FPL_ERR_NULL,
           FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_same_double(share, -1.0);
}

/* Still needed in whole units and per month left: 10 deals a quarter at
 * 30% then 10% need 10 deals, 34 opportunities (10 / 0.3 = 33.3, up), 340
 * leads (34 / 0.1) in whole units; a third of the quarter gone leaves 2
 * months. 100 leads so far: 240 still needed, 120 a month (exactly
 * 116.67); 9 opportunities: 25, 13 a month (12.5 up); 2 deals: 8, 4. */
static void test_pace_still_needed_in_whole_units(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.30);
    fpl_terms t = ten_deals();
    t.per = FPL_PERIOD_QUARTER;
    t.deal_size = 1000;
    t.has_deal_size = true;
    fpl_pace_input in;
    memset(&in, 0, sizeof in);
    assert_int_equal(fpl_elapsed_parse("1m", 2, t.per, &in.elapsed, NULL), FPL_OK);
    in.has_actual[0] = true;
    in.actual[0] = 100;
    in.has_actual[1] = true;
    in.actual[1] = 9;
    in.has_actual_deals = true;
    in.actual_deals = 2;
    in.has_actual_revenue = true;
    in.actual_revenue = 2500;
    fpl_pace p;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_OK);
    assert_same_double(p.months_left, 2.0);
    const fpl_pace_row *lead = &p.stages[0];
    assert_true(lead->has_whole);
    assert_same_double(lead->plan_whole, 340.0);
    assert_same_double(lead->still_needed_whole, 240.0);
    assert_same_double(lead->needed_per_month_whole, 120.0);
    assert_close(lead->needed_per_month, (10.0 / 0.03 - 100.0) / 2.0);
    const fpl_pace_row *opp = &p.stages[1];
    assert_same_double(opp->plan_whole, 34.0);
    assert_same_double(opp->still_needed_whole, 25.0);
    assert_same_double(opp->needed_per_month_whole, 13.0);
    assert_close(opp->needed_per_month, (10.0 / 0.3 - 9.0) / 2.0);
    assert_same_double(p.deals.plan_whole, 10.0);
    assert_same_double(p.deals.still_needed_whole, 8.0);
    assert_same_double(p.deals.needed_per_month_whole, 4.0);
    assert_same_double(p.deals.needed_per_month, 4.0);
    /* revenue is an amount: no whole count, 7,500 still needed, 3,750 a month */
    assert_false(p.revenue.has_whole);
    assert_same_double(p.revenue.still_needed_whole, 0.0);
    assert_same_double(p.revenue.needed_per_month, 3750.0);
    /* a fraction of a unit so far still leaves whole units: 340 − 99.5 = 240.5, 241 */
    in.actual[0] = 99.5;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_OK);
    assert_same_double(p.stages[0].still_needed_whole, 241.0);
    assert_same_double(p.stages[0].needed_per_month_whole, 121.0);
    /* more than the plan: nothing still needed */
    in.actual[0] = 400;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_OK);
    assert_same_double(p.stages[0].still_needed_whole, 0.0);
    assert_same_double(p.stages[0].needed_per_month_whole, 0.0);
    assert_same_double(p.stages[0].needed_per_month, 0.0);
    /* the period over: no month left, nothing per month */
    in.elapsed = 1.0;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_OK);
    assert_same_double(p.months_left, 0.0);
    assert_false(p.stages[1].has_needed_rate);
    assert_same_double(p.stages[1].still_needed_whole, 25.0);
    assert_same_double(p.stages[1].needed_per_month_whole, 0.0);
    /* a year 4/12 gone leaves exactly 8 months */
    t.per = FPL_PERIOD_YEAR;
    in.elapsed = 4.0 / 12.0;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_OK);
    assert_same_double(p.months_left, 8.0);
    /* a whole count per month left past 2^53 cannot be exact: 2^50 deals
     * with 12/1024 of a month left are 2^60/12 a month */
    fpl_funnel one = {0};
    fpl_test_add(&one, "opportunity", 1.0);
    fpl_pace_input late;
    memset(&late, 0, sizeof late);
    late.has_actual_deals = true;
    t.deals = 0x1p50;
    t.has_deal_size = false;
    late.elapsed = 1.0 - 1.0 / 1024.0;
    expect(fpl_pace_compute(&one, &t, &late, &p, &err), FPL_ERR_TOO_LARGE, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    late.elapsed = 0.5; /* 2^50 / 6 a month: whole */
    assert_int_equal(fpl_pace_compute(&one, &t, &late, &p, &err), FPL_OK);
    assert_same_double(p.deals.needed_per_month_whole, ceil(0x1p50 / 6.0));
}

static void test_pace_refuses_bad_input(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_terms t = ten_deals();
    fpl_pace_input in;
    memset(&in, 0, sizeof in);
    fpl_pace p;
    memset(&p, 0x3C, sizeof p);
    fpl_pace before = p;
    const double bad_elapsed[] = {0.0, -0.1, 1.0000001, NAN, INFINITY};
    for (size_t i = 0; i < 5; ++i) {
        in.elapsed = bad_elapsed[i];
        expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_ELAPSED, FPL_FIELD_ELAPSED, FPL_NO_INDEX);
    }
    in.elapsed = 0.5;
    fpl_funnel two = {0};
    fpl_test_add(&two, "lead", 0.10);
    fpl_test_add(&two, "opportunity", 0.5);
    const double bad_count[] = {-1.0, NAN, INFINITY};
    for (size_t i = 0; i < 3; ++i) {
        in.has_actual[1] = true;
        in.actual[1] = bad_count[i];
        expect(fpl_pace_compute(&two, &t, &in, &p, &err), FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL, 1);
        in.has_actual[1] = false;
        in.has_open[1] = true;
        in.open[1] = bad_count[i];
        expect(fpl_pace_compute(&two, &t, &in, &p, &err), FPL_ERR_ACTUAL, FPL_FIELD_OPEN, 1);
        in.has_open[1] = false;
        in.has_actual_deals = true;
        in.actual_deals = bad_count[i];
        expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL_DEALS, FPL_NO_INDEX);
        in.has_actual_deals = false;
        in.has_actual_revenue = true;
        in.actual_revenue = bad_count[i];
        expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_ACTUAL, FPL_FIELD_ACTUAL_REVENUE, FPL_NO_INDEX);
        in.has_actual_revenue = false;
    }
    in.has_actual_revenue = true;
    in.actual_revenue = 100;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_ACTUAL_REVENUE, FPL_NO_INDEX);
    in.has_actual_revenue = false;
    in.lag[0] = -1;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_LAG, FPL_FIELD_LAG, 0);
    in.lag[0] = 121;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_LAG, FPL_FIELD_LAG, 0);
    in.lag[0] = 60.5;
    in.lag[1] = 59.6; /* rounded up 61 + 60 > 120: schedule's rule; the second passes it */
    expect(fpl_pace_compute(&two, &t, &in, &p, &err), FPL_ERR_LAG, FPL_FIELD_LAG, 1);
    in.lag[1] = 59.0;
    in.lag[0] = 0;
    in.lag[1] = 0;
    /* thresholds: the one given out of range; off track above at risk
     * names the off-track one, unless only the at-risk one is given */
    in.has_at_risk = true;
    in.has_off_track = true;
    in.at_risk = 0.5;
    in.off_track = 0.8;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK, FPL_NO_INDEX);
    in.has_off_track = false; /* 50% against the default 80% */
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK, FPL_NO_INDEX);
    in.has_off_track = true;
    in.at_risk = 11;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK, FPL_NO_INDEX);
    in.at_risk = NAN;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK, FPL_NO_INDEX);
    in.at_risk = 0; /* given: an explicit 0 is refused */
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK, FPL_NO_INDEX);
    in.has_at_risk = false;
    in.off_track = -0.5;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK, FPL_NO_INDEX);
    in.off_track = 0;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK, FPL_NO_INDEX);
    in.off_track = 0.96; /* above the default 95% */
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK, FPL_NO_INDEX);
    in.has_off_track = false;
    in.has_reps = true;
    in.reps = -3;
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    in.reps = 0; /* given: an explicit 0 is refused */
    expect(fpl_pace_compute(&f, &t, &in, &p, &err), FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    in.has_reps = false;
    fpl_terms none = {0};
    expect(fpl_pace_compute(&f, &none, &in, &p, &err), FPL_ERR_TARGET, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    expect(fpl_pace_compute(&f, &t, &in, NULL, &err), FPL_ERR_NULL, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    assert_memory_equal(&p, &before, sizeof p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pace_half_month),
        cmocka_unit_test(test_pace_pipeline_coverage),
        cmocka_unit_test(test_pace_elapsed_from_dates),
        cmocka_unit_test(test_pace_elapsed_at_the_ends_of_the_calendar),
        cmocka_unit_test(test_elapsed_parse_months_and_shares),
        cmocka_unit_test(test_pace_still_needed_in_whole_units),
        cmocka_unit_test(test_pace_refuses_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

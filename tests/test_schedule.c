/*
 * funnelplan — the schedule: month by month with seasonality and lags.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <math.h>
#include <string.h>

/* The results are large: one of each, static. */
static fpl_schedule s;
static fpl_schedule s2;
static fpl_schedule_input in;
static fpl_error err;

/* A refusal and where the library says it is: status, field, entry. */
static void expect(fpl_status got, fpl_status st, fpl_field field, size_t index)
{
    assert_int_equal(got, st);
    assert_int_equal(err.status, st);
    assert_int_equal(err.field, field);
    assert_int_equal(err.index, index);
    memset(&err, 0x5B, sizeof err);
}

/* As expect(), with the bytes of the text at fault. */
static void expect_at(fpl_status got, fpl_status st, fpl_field field, size_t index,
                      size_t offset, size_t length)
{
    assert_int_equal(err.offset, offset);
    assert_int_equal(err.length, length);
    expect(got, st, field, index);
}

static fpl_terms deals_per(fpl_period per, double deals)
{
    fpl_terms t = {0};
    t.per = per;
    t.target = FPL_TARGET_DEALS;
    t.deals = deals;
    return t;
}

static void reset_input(int year, int month, unsigned months)
{
    memset(&in, 0, sizeof in);
    in.start.year = year;
    in.start.month = month;
    in.months = months;
}

/* 10% of leads become opportunities a month later, a third of those close
 * two months later; 120 deals a year, flat: 10 deals, 30 opportunities two
 * months earlier, 300 leads three months earlier, every month. */
static void test_schedule_flat_year_with_whole_month_lags(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 1.0 / 3.0);
    fpl_terms t = deals_per(FPL_PERIOD_YEAR, 120);
    reset_input(2027, 1, 12);
    in.lag[0] = 1.0;
    in.lag[1] = 2.0;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 3);
    assert_int_equal(s.n_rows, 15);
    assert_close(s.total_lag, 3.0);
    /* the lags in months and in days (days per month is the library's) */
    assert_same_double(s.lag_months[1], 2.0);
    assert_same_double(s.lag_days[0], FPL_DAYS_PER_MONTH);
    assert_same_double(s.lag_days[1], 2.0 * 30.436875);
    assert_same_double(fpl_days_per_month(), 30.436875);
    assert_close(s.deals, 120.0);
    assert_int_equal(s.rows[0].month.year, 2026);
    assert_int_equal(s.rows[0].month.month, 10);
    assert_false(s.rows[2].in_span);
    assert_true(s.rows[3].in_span);
    assert_int_equal(s.rows[14].month.month, 12);
    for (size_t r = 0; r < 15; ++r) {
        const double lead_want = r < 12 ? 300.0 : 0.0;   /* Oct 2026 … Sep 2027 */
        const double opp_want = r >= 1 && r < 13 ? 30.0 : 0.0; /* Nov 2026 … Oct 2027 */
        const double deals_want = r >= 3 ? 10.0 : 0.0;
        assert_close(s.rows[r].entering[0] + 1.0, lead_want + 1.0);
        assert_close(s.rows[r].entering[1] + 1.0, opp_want + 1.0);
        assert_close(s.rows[r].deals + 1.0, deals_want + 1.0);
    }
    assert_close(s.totals[0], 3600.0);
    assert_close(s.totals[1], 360.0);
    assert_false(s.has_revenue);
    assert_false(s.has_velocity);
    assert_false(s.has_reps);
}

/* Seasonal weights 1…12 for January…December: month t gets (t+1)/78 of
 * the year's deals. */
static void test_schedule_seasonal_weights(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = deals_per(FPL_PERIOD_YEAR, 156);
    t.has_deal_size = true;
    t.deal_size = 1000;
    reset_input(2027, 1, 12);
    in.has_weights = true;
    for (int m = 0; m < 12; ++m) {
        in.weights[m] = m + 1;
    }
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 0);
    for (size_t r = 0; r < 12; ++r) {
        assert_close(s.rows[r].deals, 156.0 * (double)(r + 1) / 78.0);
        assert_close(s.rows[r].share, (double)(r + 1) / 78.0);
        assert_close(s.rows[r].revenue, 1000.0 * 156.0 * (double)(r + 1) / 78.0);
        assert_close(s.rows[r].entering[0], 4.0 * 156.0 * (double)(r + 1) / 78.0);
    }
    assert_close(s.revenue, 156000.0);
    /* a span from July: the weights follow the calendar, not the span */
    reset_input(2027, 7, 12);
    in.has_weights = true;
    for (int m = 0; m < 12; ++m) {
        in.weights[m] = m + 1;
    }
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.rows[0].deals, 156.0 * 7.0 / 78.0);  /* July */
    assert_close(s.rows[6].deals, 156.0 * 1.0 / 78.0);  /* January 2028 */
    assert_int_equal(s.rows[6].month.year, 2028);
}

/* Half a month of lag splits each month's need evenly over the month and
 * the one before. */
static void test_schedule_fractional_lag_splits(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.5);
    fpl_terms t = deals_per(FPL_PERIOD_MONTH, 10);
    reset_input(2027, 3, 2);
    in.lag[0] = 0.5;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 1);
    assert_int_equal(s.rows[0].month.month, 2);
    assert_close(s.rows[0].entering[0], 10.0);
    assert_close(s.rows[1].entering[0], 20.0);
    assert_close(s.rows[2].entering[0], 10.0);
    /* 45 days: 1.4785 months: 52.15% lands 1 month back, 47.85% 2 back */
    double lag;
    assert_int_equal(fpl_lag_parse("45d", 3, &lag, NULL), FPL_OK);
    in.lag[0] = lag;
    in.months = 1;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 2);
    const double frac = 45.0 / FPL_DAYS_PER_MONTH - 1.0;
    assert_close(s.rows[0].entering[0], 20.0 * frac);        /* January */
    assert_close(s.rows[1].entering[0], 20.0 * (1.0 - frac)); /* February */
    assert_close(s.rows[2].entering[0] + 1.0, 1.0);          /* March */
    /* four months given in days, 4 × 30.436875 = 121.7475, is four months
     * up to rounding: tolerantly exactly four, no fifth month of 1e-15 */
    assert_int_equal(fpl_lag_parse("121.7475d", 9, &lag, NULL), FPL_OK);
    in.lag[0] = lag;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 4);
    assert_same_double(s.rows[0].entering[0], 20.0);
    /* two half-month lags reach two months back, a quarter of the volume */
    fpl_funnel g = {0};
    fpl_test_add(&g, "lead", 0.5);
    fpl_test_add(&g, "opportunity", 0.5);
    in.lag[0] = 0.5;
    in.lag[1] = 0.5;
    assert_int_equal(fpl_schedule_compute(&g, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lead_months, 2);
    assert_close(s.rows[0].entering[0], 40.0 * 0.25);
    assert_close(s.rows[1].entering[0], 40.0 * 0.5);
    assert_close(s.rows[2].entering[0], 40.0 * 0.25);
}

/* Property: over random funnels, spans, weights and lags, every stage's
 * total equals the plan's required volume for the span; adding a month to
 * every lag moves every row one month earlier. */
static void test_schedule_totals_reconcile_and_lags_shift(void **state)
{
    (void)state;
    uint64_t x = 12345;
    for (int c = 0; c < 300; ++c) {
        fpl_funnel f = {0};
        const size_t n = 1 + (size_t)(c % 5);
        char name[8] = "s0";
        for (size_t i = 0; i < n; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            name[1] = (char)('0' + i);
            fpl_test_add(&f, name, (double)(1 + (x >> 33) % 1000) / 1000.0);
        }
        const fpl_period per = (fpl_period)(c % 3);
        fpl_terms t = deals_per(per, 1.0 + (double)(c % 97));
        reset_input(2000 + c % 30, 1 + c % 12, 1 + (unsigned)(c * 7) % 36);
        in.has_weights = c % 2 == 0;
        for (int m = 0; m < 12; ++m) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            in.weights[m] = (double)((x >> 40) % 10);
        }
        in.weights[(c + 5) % 12] = 1.0;
        for (size_t i = 0; i < n; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            in.lag[i] = (double)((x >> 35) % 100) / 25.0; /* 0 to 3.96 months */
        }
        fpl_status st = fpl_schedule_compute(&f, &t, &in, &s, NULL);
        if (st == FPL_ERR_WEIGHTS) {
            continue; /* the weights of the span's months happened to be 0 */
        }
        assert_int_equal(st, FPL_OK);
        fpl_plan p;
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
        const double scale = (double)in.months / (double)fpl_period_months(per);
        for (size_t i = 0; i < n; ++i) {
            assert_close_rel(s.totals[i], p.stages[i].required * scale, 1e-12);
            double sum = 0.0;
            for (size_t r = 0; r < s.n_rows; ++r) {
                sum += s.rows[r].entering[i];
            }
            assert_close_rel(sum, s.totals[i], 1e-12);
        }
        for (size_t i = 0; i < n; ++i) {
            in.lag[i] += 1.0;
        }
        assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s2, NULL), FPL_OK);
        assert_int_equal(s2.lead_months, s.lead_months + n);
        /* the same rows, each stage i moved (n - i) months earlier */
        for (size_t i = 0; i < n; ++i) {
            const size_t moved = n - i;
            for (size_t r = 0; r < s.n_rows; ++r) {
                /* row r of s is month start - lead + r; in s2 that month is
                 * row r + n; the volume moved `moved` months earlier */
                assert_close_rel(s2.rows[r + n - moved].entering[i] + 1.0,
                                 s.rows[r].entering[i] + 1.0, 1e-12);
            }
        }
    }
}

static void test_schedule_monthly_targets_reps_quota_velocity(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 1.0 / 3.0);
    fpl_terms t = {0};
    t.per = FPL_PERIOD_YEAR;
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 1200000;
    t.has_deal_size = true;
    t.deal_size = 4000;
    reset_input(2027, 11, 3);
    in.has_monthly = true;
    in.monthly_kind = FPL_TARGET_REVENUE;
    in.monthly[0] = 40000; /* 10 deals */
    in.monthly[1] = 80000; /* 20 */
    in.monthly[2] = 0;
    in.lag[1] = 2.0;
    in.has_reps = true;
    in.reps = 4;
    in.has_quota = true;
    in.quota = 100000; /* per year: the span makes 120,000 a quarter = 480,000 a year */
    in.has_attainment = true;
    in.attainment = 0.8;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.deals, 30.0);
    assert_close(s.revenue, 120000.0);
    assert_int_equal(s.lead_months, 2);
    assert_int_equal(s.rows[0].month.month, 9);
    assert_close(s.rows[0].entering[1], 30.0);
    assert_close(s.rows[1].entering[1], 60.0);
    assert_close(s.rows[0].entering[0], 300.0);
    assert_close(s.rows[0].entering_per_rep[0], 75.0);
    assert_close(s.rows[3].deals_per_rep, 5.0); /* December: 20 deals / 4 */
    assert_int_equal(s.rows[4].month.year, 2028);
    assert_true(s.has_reps_needed);
    assert_same_double(s.quota, 100000.0);
    assert_same_double(s.attainment, 0.8); /* the attainment used */
    assert_close(s.reps_needed, 480000.0 / 80000.0);
    assert_same_double(s.reps_needed_whole, 6.0);
    /* velocity: 90 opportunities over 3 months = 30 a month, a third won,
     * 4,000 each, over a 2-month cycle */
    assert_true(s.has_velocity);
    assert_close(s.velocity_opportunities, 30.0);
    assert_close(s.velocity_cycle_days, 2.0 * FPL_DAYS_PER_MONTH);
    assert_close(s.velocity, 30.0 / 3.0 * 4000.0 / (2.0 * FPL_DAYS_PER_MONTH));
}

static void test_schedule_refuses_bad_input(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.5);
    fpl_terms t = deals_per(FPL_PERIOD_MONTH, 10);
    memset(&s, 0x5A, sizeof s);
    s2 = s;
    reset_input(2027, 13, 12);
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    reset_input(0, 1, 12);
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    reset_input(9999, 12, 2); /* runs past year 9999 */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    reset_input(1, 1, 2);
    in.lag[0] = 1; /* reaches back before year 1 */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    reset_input(2027, 1, 0);
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    reset_input(2027, 1, FPL_SCHEDULE_MAX_MONTHS + 1);
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    reset_input(2027, 1, FPL_SCHEDULE_MAX_MONTHS); /* the longest schedule is one */
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_OK);
    assert_int_equal(s.months, FPL_SCHEDULE_MAX_MONTHS);
    s = s2; /* the refusals below must leave it untouched */
    const double bad_lag[] = {-1.0, NAN, INFINITY, 121.0};
    for (size_t i = 0; i < 4; ++i) {
        reset_input(2027, 1, 12);
        in.lag[0] = bad_lag[i];
        expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_LAG, FPL_FIELD_LAG, 0);
    }
    reset_input(2027, 1, 12);
    in.lag[0] = 60.5;
    in.lag[1] = 59.6; /* rounded up: 61 + 60 > 120: the second passes the limit */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_LAG, FPL_FIELD_LAG, 1);
    reset_input(2027, 1, 2);
    in.has_weights = true;
    for (int m = 2; m < 12; ++m) {
        in.weights[m] = 1; /* January and February weigh 0: the span is empty */
    }
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, FPL_NO_INDEX);
    in.weights[0] = -1;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, 0);
    in.weights[0] = 1;
    in.weights[7] = -1; /* August, outside the January-February span: refused all the same */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, 7);
    in.weights[7] = 1;
    in.weights[0] = -1;
    in.weights[0] = NAN;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, 0);
    reset_input(2027, 1, 2);
    in.has_monthly = true;
    in.monthly_kind = FPL_TARGET_DEALS;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_MONTHLY_DEALS, FPL_NO_INDEX); /* all 0 */
    in.monthly[1] = INFINITY;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_MONTHLY_DEALS, 1);
    in.monthly_kind = FPL_TARGET_REVENUE;
    t.has_deal_size = true;
    t.deal_size = 5;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_WEIGHTS, FPL_FIELD_MONTHLY_REVENUE, 1);
    t.has_deal_size = false;
    in.monthly[1] = 0;
    in.monthly[0] = 5;
    in.monthly_kind = FPL_TARGET_REVENUE; /* no deal size */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_MONTHLY_REVENUE, FPL_NO_INDEX);
    in.monthly_kind = FPL_TARGET_NONE;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_TARGET, FPL_FIELD_NONE, FPL_NO_INDEX);
    reset_input(2027, 1, 2);
    fpl_terms none = {0};
    expect(fpl_schedule_compute(&f, &none, &in, &s, &err), FPL_ERR_TARGET, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    in.has_reps = true;
    in.reps = -2;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    in.reps = NAN;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    in.reps = 0; /* given: an explicit 0 is refused */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    in.has_reps = false;
    in.has_quota = true;
    in.quota = 0;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_QUOTA, FPL_FIELD_QUOTA, FPL_NO_INDEX);
    in.quota = 1000;
    in.has_attainment = true;
    in.attainment = 1.5;
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_ATTAINMENT, FPL_FIELD_ATTAINMENT, FPL_NO_INDEX);
    in.attainment = 0; /* given: an explicit 0 is refused */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_ATTAINMENT, FPL_FIELD_ATTAINMENT, FPL_NO_INDEX);
    in.attainment = 0.5; /* a quota needs revenue: no deal size */
    expect(fpl_schedule_compute(&f, &t, &in, &s, &err), FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_QUOTA, FPL_NO_INDEX);
    fpl_terms huge = deals_per(FPL_PERIOD_MONTH, 1e308);
    reset_input(2027, 1, 12);
    expect(fpl_schedule_compute(&f, &huge, &in, &s, &err), FPL_ERR_OVERFLOW, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    expect(fpl_schedule_compute(NULL, &t, &in, &s, &err), FPL_ERR_NULL, FPL_FIELD_NONE,
           FPL_NO_INDEX);
    assert_memory_equal(&s, &s2, sizeof s); /* untouched on every error */
}

static void test_schedule_parsers(void **state)
{
    (void)state;
    fpl_month m;
    assert_int_equal(fpl_month_parse("2027-01", 7, &m, NULL), FPL_OK);
    assert_int_equal(m.year, 2027);
    assert_int_equal(m.month, 1);
    const char *bad_months[] = {"2027-1", "2027-13", "0000-01", "27-01", "2027/01", "2027-00",
                                "", "2027-01x", "२०२७-01"};
    for (size_t i = 0; i < sizeof bad_months / sizeof bad_months[0]; ++i) {
        assert_int_equal(fpl_month_parse(bad_months[i], strlen(bad_months[i]), &m, NULL), FPL_ERR_DATE);
    }
    fpl_date d;
    assert_int_equal(fpl_date_parse("2024-02-29", 10, &d, NULL), FPL_OK);
    assert_int_equal(d.day, 29);
    const char *bad_dates[] = {"2023-02-29", "2100-02-29", "2027-04-31", "2027-01-00",
                               "2027-1-01", "2027-01-1", ""};
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; ++i) {
        assert_int_equal(fpl_date_parse(bad_dates[i], strlen(bad_dates[i]), &d, NULL), FPL_ERR_DATE);
    }
    assert_int_equal(fpl_date_parse("2000-02-29", 10, &d, NULL), FPL_OK);
    /* the part at fault: the year, the month, the day, or the whole shape */
    expect_at(fpl_month_parse("2027-13", 7, &m, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 5, 2);
    expect_at(fpl_month_parse("0000-01", 7, &m, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 0, 4);
    expect_at(fpl_month_parse("2027/01", 7, &m, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 0, 7);
    expect_at(fpl_date_parse("2023-02-29", 10, &d, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 8, 2);
    expect_at(fpl_date_parse("2027-00-01", 10, &d, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 5, 2);
    expect_at(fpl_date_parse("2027-1-01", 9, &d, &err), FPL_ERR_DATE, FPL_FIELD_NONE,
              FPL_NO_INDEX, 0, 9);
    double lag;
    assert_int_equal(fpl_lag_parse("45", 2, &lag, NULL), FPL_OK);
    assert_close(lag, 45.0 / 30.436875);
    assert_int_equal(fpl_lag_parse("2w", 2, &lag, NULL), FPL_OK);
    assert_close(lag, 14.0 / 30.436875);
    assert_int_equal(fpl_lag_parse("1.5m", 4, &lag, NULL), FPL_OK);
    assert_same_double(lag, 1.5);
    assert_int_equal(fpl_lag_parse("0", 1, &lag, NULL), FPL_OK);
    assert_same_double(lag, 0.0);
    const char *bad_lags[] = {"", "d", "-1", "1x", "1e400", "121m", "nan", "inf", "3653d", "1mm"};
    for (size_t i = 0; i < sizeof bad_lags / sizeof bad_lags[0]; ++i) {
        lag = -7;
        expect(fpl_lag_parse(bad_lags[i], strlen(bad_lags[i]), &lag, &err), FPL_ERR_LAG,
               FPL_FIELD_LAG, FPL_NO_INDEX);
        assert_same_double(lag, -7.0);
    }
    /* the bytes at fault: the unit alone, a whole lag too long */
    expect_at(fpl_lag_parse("d", 1, &lag, &err), FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, 0, 1);
    expect_at(fpl_lag_parse("121m", 4, &lag, &err), FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, 0,
              4);
    assert_int_equal(fpl_lag_parse("120m", 4, &lag, &err), FPL_OK); /* the longest lead itself */
    assert_same_double(lag, (double)FPL_SCHEDULE_MAX_LEAD);
    expect_at(fpl_lag_parse("1x", 2, &lag, &err), FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, 0, 2);
    double list[12];
    size_t count = 99;
    assert_int_equal(fpl_list_parse("8, 8,9 ,1_000,0.5", 17, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 5);
    assert_same_double(list[3], 1000.0);
    assert_same_double(list[4], 0.5);
    count = 99;
    /* the item at fault: its index and bytes (the field is the caller's) */
    expect_at(fpl_list_parse("1,,2", 4, list, 12, &count, &err), FPL_ERR_WEIGHTS, FPL_FIELD_NONE,
              1, 2, 0);
    expect_at(fpl_list_parse("", 0, list, 12, &count, &err), FPL_ERR_WEIGHTS, FPL_FIELD_NONE, 0,
              0, 0);
    expect_at(fpl_list_parse("1, -2 ", 6, list, 12, &count, &err), FPL_ERR_WEIGHTS,
              FPL_FIELD_NONE, 1, 3, 2);
    expect_at(fpl_list_parse("1,2,3", 5, list, 2, &count, &err), FPL_ERR_WEIGHTS_COUNT,
              FPL_FIELD_NONE, 2, 4, 1);
    assert_int_equal(count, 99);
    assert_int_equal(fpl_list_parse(NULL, 0, list, 12, &count, NULL), FPL_ERR_NULL);
}

/* The hint of a list refused, as the CLI prints it. */
static void expect_list_hint(const char *text, const char *hint)
{
    double list[12];
    size_t count = 99;
    fpl_error e;
    char out[FPL_HINT_MAX];
    assert_int_equal(fpl_list_parse(text, strlen(text), list, 12, &count, &e),
                     FPL_ERR_PARSE_AMBIGUOUS);
    (void)fpl_error_hint(&e, text, strlen(text), out, sizeof out);
    assert_string_equal(out, hint);
    assert_int_equal(count, 99);
}

static void test_list_commas_that_could_group_thousands_are_refused(void **state)
{
    (void)state;
    double list[12];
    size_t count = 99;
    /* 1,500,2000,0: 1500, 2000, 0 or 1, 500, 2000, 0? The bytes: "1,500". */
    expect_at(fpl_list_parse("1,500,2000,0", 12, list, 12, &count, &err),
              FPL_ERR_PARSE_AMBIGUOUS, FPL_FIELD_NONE, 0, 0, 5);
    expect_at(fpl_list_parse("0,100,120,90", 12, list, 12, &count, &err),
              FPL_ERR_PARSE_AMBIGUOUS, FPL_FIELD_NONE, 0, 0, 5); /* 0,100: 0.1 or two values */
    expect_at(fpl_list_parse("5,1,500.5", 9, list, 12, &count, &err), FPL_ERR_PARSE_AMBIGUOUS,
              FPL_FIELD_NONE, 1, 2, 5);
    expect_at(fpl_list_parse("2,8.000", 7, list, 12, &count, &err), FPL_ERR_PARSE_AMBIGUOUS,
              FPL_FIELD_NONE, 1, 2, 5);
    expect_list_hint("1,500,2000,0", "write 1;500 for two values (; separates them) or 1500 for one");
    expect_list_hint("8.000,1", "write 8000 or 8.0");
    /* read one way: four digits, a blank, a point before the comma, ';' */
    assert_int_equal(fpl_list_parse("1,5000,20,0", 11, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 4);
    assert_same_double(list[1], 5000.0);
    assert_int_equal(fpl_list_parse("1, 500,2000", 11, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 3);
    assert_same_double(list[1], 500.0);
    assert_same_double(list[2], 2000.0);
    assert_int_equal(fpl_list_parse("1500,2000,0", 11, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 3);
    assert_same_double(list[0], 1500.0);
    assert_int_equal(fpl_list_parse("1,500;2,000; 0", 14, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 3);
    assert_same_double(list[0], 1500.0);
    assert_same_double(list[1], 2000.0);
    assert_same_double(list[2], 0.0);
    assert_int_equal(fpl_list_parse("1;500", 5, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 2);
    assert_same_double(list[1], 500.0);
    assert_int_equal(fpl_list_parse("1000,500", 8, list, 12, &count, NULL), FPL_OK);
    assert_int_equal(count, 2);
    assert_same_double(list[1], 500.0);
    /* a lag of 1.500 days reads two ways too */
    double lag = -7.0;
    expect_at(fpl_lag_parse("1.500", 5, &lag, &err), FPL_ERR_PARSE_AMBIGUOUS, FPL_FIELD_LAG,
              FPL_NO_INDEX, 0, 5);
    assert_same_double(lag, -7.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_flat_year_with_whole_month_lags),
        cmocka_unit_test(test_schedule_seasonal_weights),
        cmocka_unit_test(test_schedule_fractional_lag_splits),
        cmocka_unit_test(test_schedule_totals_reconcile_and_lags_shift),
        cmocka_unit_test(test_schedule_monthly_targets_reps_quota_velocity),
        cmocka_unit_test(test_schedule_refuses_bad_input),
        cmocka_unit_test(test_list_commas_that_could_group_thousands_are_refused),
        cmocka_unit_test(test_schedule_parsers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

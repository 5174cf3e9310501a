/*
 * funnelplan — forecast: forward from a volume to deals and revenue.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static fpl_funnel three_stage_funnel(void)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.2);
    fpl_test_add(&f, "sql", 0.5);
    fpl_test_add(&f, "opportunity", 0.25);
    return f;
}

/* Worked example 3's baseline (German source). */
static void test_example3_baseline_75_opportunities_give_24_75_deals(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.33);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_forecast_input in = {75, 0};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.expected[0], 75.0);
    assert_close(r.deals, 24.75);
    assert_true(r.has_revenue);
    assert_close(r.revenue, 99000.0);
    const fpl_forecast_period *y = &r.by_period[FPL_PERIOD_YEAR];
    assert_close(y->expected[0], 900.0);
    assert_close(y->deals, 297.0);
    assert_close(y->revenue, 1188000.0);
    assert_int_equal(r.target, FPL_TARGET_NONE);
    /* The scenario of example 3: a 10% better close rate. */
    f.stages[0].rate = 0.33 * 1.1;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.by_period[FPL_PERIOD_YEAR].deals, 326.7);
    assert_close(r.by_period[FPL_PERIOD_YEAR].revenue, 1306800.0);
}

static void test_volume_can_enter_any_stage(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    t.per = FPL_PERIOD_QUARTER;
    fpl_forecast_input in = {300, 1};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(r.at, 1);
    assert_same_double(r.expected[0], 0.0);
    assert_close(r.expected[1], 300.0);
    assert_close(r.expected[2], 150.0);
    assert_close(r.deals, 37.5);
    assert_false(r.has_revenue);
    assert_close(r.by_period[FPL_PERIOD_MONTH].deals, 12.5);
    assert_close(r.by_period[FPL_PERIOD_YEAR].expected[2], 600.0);
    assert_close(r.margin, 1.0);
}

static void test_targets_give_gap_and_attainment(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 50000;
    t.has_deal_size = true;
    t.deal_size = 2000;
    fpl_forecast_input in = {400, 0}; /* 400 · 0.2 · 0.5 · 0.25 = 10 deals */
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.deals, 10.0);
    assert_close(r.revenue, 20000.0);
    assert_close(r.target_deals, 25.0);
    assert_true(r.has_target_revenue);
    assert_close(r.target_revenue, 50000.0);
    assert_close(r.gap_deals, 15.0);
    assert_true(r.has_gap_revenue);
    assert_close(r.gap_revenue, 30000.0);
    assert_close(r.attainment, 0.4);

    t.target = FPL_TARGET_DEALS;
    t.deals = 8;
    t.has_deal_size = false;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.gap_deals, -2.0); /* ahead of the target */
    assert_close(r.attainment, 1.25);
    assert_false(r.has_target_revenue);
    assert_false(r.has_gap_revenue);
}

static void test_cost_per_lead_needs_the_top_stage(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    t.has_cost_per_lead = true;
    t.cost_per_lead = 25;
    fpl_forecast_input in = {400, 0};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(r.has_cost);
    assert_close(r.budget, 10000.0);
    assert_close(r.cost_per_deal, 1000.0);
    assert_close(r.by_period[FPL_PERIOD_YEAR].budget, 120000.0);
    fpl_forecast before;
    memcpy(&before, &r, sizeof before);
    in.at = 2;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_COST_NOT_TOP);
    assert_memory_equal(&r, &before, sizeof r);
}

static void test_bad_volume_and_stage_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    fpl_forecast sentinel;
    memset(&sentinel, 0x5A, sizeof sentinel);
    fpl_forecast r = sentinel;
    const double bad[] = {0.0, -0.0, -1.0, NAN, -NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        fpl_forecast_input in = {bad[i], 0};
        assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_VOLUME);
    }
    fpl_forecast_input in = {100, 3};
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_STAGE_UNKNOWN);
    in.at = SIZE_MAX;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_STAGE_UNKNOWN);
    in.at = 0;
    assert_int_equal(fpl_forecast_compute(NULL, &t, &in, &r, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_forecast_compute(&f, NULL, &in, &r, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_forecast_compute(&f, &t, NULL, &r, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 100;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_DEAL_SIZE_MISSING);
    t.has_deal_size = true;
    t.deal_size = NAN;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_DEAL_SIZE);
    t.deal_size = 10;
    t.revenue = -INFINITY;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_REVENUE);
    assert_memory_equal(&r, &sentinel, sizeof r);
}

static void test_results_out_of_range_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 1.0);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = DBL_MAX;
    fpl_forecast_input in = {10, 0};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_OVERFLOW);
    t.has_deal_size = false;
    in.volume = DBL_MAX; /* per year it is 12 · DBL_MAX */
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_ERR_OVERFLOW);
    t.per = FPL_PERIOD_YEAR; /* per month and quarter it fits */
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.by_period[FPL_PERIOD_MONTH].deals, DBL_MAX / 12.0);
    fpl_funnel g = {0};
    fpl_test_add(&g, "lead", 0.5);
    in.volume = DBL_TRUE_MIN; /* half of it underflows to zero deals */
    assert_int_equal(fpl_forecast_compute(&g, &t, &in, &r, NULL), FPL_ERR_OVERFLOW);
}

static void test_forecast_errors_name_the_field(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "sql", 0.5);
    fpl_terms t = {0};
    fpl_forecast r;
    fpl_error e;
    fpl_forecast_input in = {0.0, 0};
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, &e), FPL_ERR_VOLUME);
    assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    in.volume = 100;
    in.at = 2; /* no such stage */
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    /* a cost per lead needs the volume to enter the top: --at is at fault */
    in.at = 1;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 5;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, &e), FPL_ERR_COST_NOT_TOP);
    assert_error(e, FPL_ERR_COST_NOT_TOP, FPL_FIELD_AT, FPL_NO_INDEX);
    t.cost_per_lead = -5;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, &e), FPL_ERR_COST);
    assert_error(e, FPL_ERR_COST, FPL_FIELD_COST_PER_LEAD, FPL_NO_INDEX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example3_baseline_75_opportunities_give_24_75_deals),
        cmocka_unit_test(test_volume_can_enter_any_stage),
        cmocka_unit_test(test_targets_give_gap_and_attainment),
        cmocka_unit_test(test_cost_per_lead_needs_the_top_stage),
        cmocka_unit_test(test_bad_volume_and_stage_are_refused),
        cmocka_unit_test(test_results_out_of_range_are_refused),
        cmocka_unit_test(test_forecast_errors_name_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

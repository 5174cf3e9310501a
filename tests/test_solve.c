/*
 * funnelplan — goal seek: the value one lever must reach.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static fpl_terms revenue_target(double revenue, double deal_size)
{
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = revenue;
    t.has_deal_size = true;
    t.deal_size = deal_size;
    return t;
}

/* Example 3's funnel against example 2's target: 75 opportunities at 33%
 * give 24.75 deals; 25 are needed. */
static void test_each_lever_solves_to_the_target(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.33);
    fpl_terms t = revenue_target(100000, 4000);
    fpl_solve_input in = {{75, 0}, FPL_LEVER_STAGE, 0};
    fpl_solve s;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.lever, FPL_LEVER_STAGE);
    assert_close(s.current, 0.33);
    assert_close(s.value, 1.0 / 3.0);
    assert_close(s.change, (1.0 / 3.0) / 0.33 - 1.0);
    in.lever = FPL_LEVER_VOLUME;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.current, 75.0);
    assert_close(s.value, 25.0 / 0.33);
    in.lever = FPL_LEVER_DEAL_SIZE;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.current, 4000.0);
    assert_close(s.value, 100000.0 / 24.75);
    /* The solved funnel meets the target. */
    in.lever = FPL_LEVER_STAGE;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    f.stages[0].rate = s.value;
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in.volume, &r, NULL), FPL_OK);
    assert_close(r.attainment, 1.0);
}

static void test_a_rate_beyond_100_percent_is_unreachable(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "close", 0.5);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 20; /* 100 leads give 5 deals: the lead stage would need 40% */
    fpl_solve_input in = {{100, 0}, FPL_LEVER_STAGE, 0};
    fpl_solve s;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.value, 0.4);
    assert_close(s.change, 3.0);
    in.stage = 1; /* the close stage would need 200% */
    /* Compared field by field: padding bytes are never copied reliably. */
    const fpl_solve before = s;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_UNREACHABLE);
    assert_false(fpl_status_is_input_error(FPL_ERR_UNREACHABLE));
    assert_int_equal(s.lever, before.lever);
    assert_int_equal(s.stage, before.stage);
    assert_same_double(s.current, before.current);
    assert_same_double(s.value, before.value);
    assert_same_double(s.change, before.change);
    /* Ahead of target, the lever may fall. */
    t.deals = 2.5;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_close(s.value, 0.25);
    assert_close(s.change, -0.5);
}

static void test_levers_that_cannot_reach_the_target_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "close", 0.5);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 20;
    t.has_deal_size = true;
    t.deal_size = 10;
    fpl_solve s;
    fpl_solve_input in = {{100, 1}, FPL_LEVER_STAGE, 0}; /* above the volume */
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_CHANGE_LEVER);
    in.lever = FPL_LEVER_DEAL_SIZE; /* a deal target ignores it */
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_CHANGE_LEVER);
    in.lever = FPL_LEVER_COST_PER_LEAD;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_CHANGE_LEVER);
    in.lever = (fpl_lever)42;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_CHANGE_LEVER);
    in.lever = FPL_LEVER_STAGE;
    in.stage = 2;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_STAGE_UNKNOWN);
    t.target = FPL_TARGET_NONE;
    in.stage = 1;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_TARGET);
    t.target = FPL_TARGET_DEALS;
    in.volume.volume = NAN;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_ERR_VOLUME);
    in.volume.volume = 100;
    assert_int_equal(fpl_solve_compute(NULL, &t, &in, &s, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_solve_compute(&f, &t, NULL, &s, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_solve_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
    /* A deal size solved to beyond a double has no answer either. */
    fpl_terms huge = revenue_target(DBL_MAX, 1);
    in.lever = FPL_LEVER_DEAL_SIZE;
    in.volume.volume = 1e-300;
    in.volume.at = 0;
    assert_int_equal(fpl_solve_compute(&f, &huge, &in, &s, NULL), FPL_ERR_OVERFLOW);
}

/* A target that needs exactly 100% is reachable, whatever the rounding:
 * every rate from 0.1% to 99.9% solves to exactly 1 (100 deals from 100
 * units), from the rate as parsed, a change of 1/rate − 1. */
static void test_exactly_100_percent_is_reachable(void **state)
{
    (void)state;
    for (int k = 1; k <= 999; ++k) {
        char text[16];
        int len = snprintf(text, sizeof text, "%d.%d%%", k / 10, k % 10);
        double rate;
        assert_int_equal(fpl_parse_rate(text, (size_t)len, &rate, NULL), FPL_OK);
        fpl_funnel f = {0};
        fpl_test_add(&f, "a", rate);
        fpl_terms t = {0};
        t.target = FPL_TARGET_DEALS;
        t.deals = 100;
        fpl_solve_input in = {{100, 0}, FPL_LEVER_STAGE, 0};
        fpl_solve s;
        assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, NULL), FPL_OK);
        assert_int_equal(s.lever, FPL_LEVER_STAGE);
        assert_int_equal(s.stage, 0);
        assert_same_double(s.current, k / 1000.0);
        assert_same_double(s.value, 1.0);
        assert_close(s.change, 1.0 / rate - 1.0);
    }
}

static void test_solve_errors_name_the_lever(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "opportunity", 0.5);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_solve_input in = {{100, 1}, FPL_LEVER_STAGE, 0};
    fpl_solve s;
    fpl_error e;
    /* a stage above the volume changes nothing */
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_CHANGE_LEVER);
    assert_error(e, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
    in.stage = 2;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_LEVER, FPL_NO_INDEX);
    in.stage = 1; /* 100 x 50% = 50 deals: 120 would need 120% */
    t.deals = 120;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_UNREACHABLE);
    assert_error(e, FPL_ERR_UNREACHABLE, FPL_FIELD_LEVER, FPL_NO_INDEX);
    in.lever = FPL_LEVER_DEAL_SIZE; /* a deal target ignores the deal size */
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_CHANGE_LEVER);
    assert_error(e, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
    in.lever = FPL_LEVER_VOLUME;
    t.target = FPL_TARGET_NONE;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_TARGET);
    assert_error(e, FPL_ERR_TARGET, FPL_FIELD_NONE, FPL_NO_INDEX);
    t.target = FPL_TARGET_DEALS;
    in.volume.volume = 0;
    assert_int_equal(fpl_solve_compute(&f, &t, &in, &s, &e), FPL_ERR_VOLUME);
    assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_VOLUME, FPL_NO_INDEX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_lever_solves_to_the_target),
        cmocka_unit_test(test_a_rate_beyond_100_percent_is_unreachable),
        cmocka_unit_test(test_levers_that_cannot_reach_the_target_are_refused),
        cmocka_unit_test(test_exactly_100_percent_is_reachable),
        cmocka_unit_test(test_solve_errors_name_the_lever),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — the limits and defaults table (limits.h): each bound as the
 * specification states it, and each one the bound the modules enforce.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

static void test_trials_are_1_to_ten_million_default_ten_thousand(void **state)
{
    (void)state;
    fpl_bounds b = fpl_limit_bounds(FPL_LIMIT_TRIALS);
    assert_int_equal(b.kind, FPL_BOUND_WHOLE);
    assert_true(b.min_whole == 1 && b.max_whole == 10000000 && b.default_whole == 10000);
    assert_close(b.min, 1.0);
    assert_close(b.max, 1e7);
    assert_true(b.has_default);
    assert_close(b.default_value, 10000.0);
    assert_false(b.min_excluded || b.max_excluded);
    /* the parser refuses just past the bound and takes the bound itself */
    size_t n = 0;
    assert_int_equal(fpl_odds_trials_parse("10000000", 8, &n, NULL), FPL_OK);
    assert_true(n == 10000000);
    assert_int_equal(fpl_odds_trials_parse("10000001", 8, &n, NULL), FPL_ERR_TRIALS);
    fpl_odds_sim_input in;
    fpl_odds_sim_input_init(&in);
    assert_true(in.trials == b.default_whole && in.seed == fpl_limit_bounds(FPL_LIMIT_SEED).default_whole);
}

static void test_counts_of_the_lists(void **state)
{
    (void)state;
    const struct {
        fpl_limit limit;
        uint64_t min, max;
    } want[] = {
        {FPL_LIMIT_STAGES, 1, 32},  {FPL_LIMIT_CHANGES, 0, 40},
        {FPL_LIMIT_CONFIDENCE_LEVELS, 0, 16}, {FPL_LIMIT_CHANNELS, 1, 32},
        {FPL_LIMIT_CRITERIA, 1, 32}, {FPL_LIMIT_MONTHS, 1, 120},
        {FPL_LIMIT_SEASONALITY_WEIGHTS, 12, 12}, {FPL_LIMIT_HORIZON, 1, 1000000},
        {FPL_LIMIT_SEGMENTS, 1, 16},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; ++i) {
        fpl_bounds b = fpl_limit_bounds(want[i].limit);
        assert_int_equal(b.kind, FPL_BOUND_WHOLE);
        assert_true(b.min_whole == want[i].min);
        assert_true(b.max_whole == want[i].max);
    }
    fpl_bounds months = fpl_limit_bounds(FPL_LIMIT_MONTHS);
    assert_true(months.has_default && months.default_whole == 12);
    assert_false(fpl_limit_bounds(FPL_LIMIT_HORIZON).has_default); /* the periods in a year */
}

static void test_seed_is_any_uint64_exactly(void **state)
{
    (void)state;
    fpl_bounds b = fpl_limit_bounds(FPL_LIMIT_SEED);
    assert_true(b.min_whole == 0);
    assert_true(b.max_whole == UINT64_MAX); /* 18446744073709551615, which no double holds */
    assert_true(b.default_whole == 1);
}

static void test_rates_and_scores_with_their_defaults(void **state)
{
    (void)state;
    fpl_bounds r = fpl_limit_bounds(FPL_LIMIT_AT_RISK);
    assert_int_equal(r.kind, FPL_BOUND_RATE);
    assert_close(r.default_value, 0.95);
    assert_close(r.max, 10.0); /* 1000% */
    assert_true(r.min_excluded && !r.max_excluded);
    fpl_bounds o = fpl_limit_bounds(FPL_LIMIT_OFF_TRACK);
    assert_close(o.default_value, 0.80);
    fpl_bounds c = fpl_limit_bounds(FPL_LIMIT_CONFIDENCE);
    assert_true(c.min_excluded && c.max_excluded && !c.has_default);
    assert_close(c.max, 1.0);
    fpl_bounds hot = fpl_limit_bounds(FPL_LIMIT_HOT);
    fpl_bounds warm = fpl_limit_bounds(FPL_LIMIT_WARM);
    assert_int_equal(hot.kind, FPL_BOUND_NUMBER);
    assert_close(hot.default_value, 75.0);
    assert_close(warm.default_value, 50.0);
    assert_close(hot.max, 100.0);
    fpl_bounds cv = fpl_limit_bounds(FPL_LIMIT_DEAL_SIZE_CV);
    assert_close(cv.min, 0.001);
    assert_close(cv.max, 10.0);
    assert_true(cv.has_default && cv.default_value == 0.0);
    assert_close(fpl_limit_bounds(FPL_LIMIT_MARGIN).default_value, 1.0);
    assert_close(fpl_limit_bounds(FPL_LIMIT_ATTAINMENT).default_value, 1.0);
    assert_close(fpl_limit_bounds(FPL_LIMIT_LAG).max, 120.0);
}

/* The sensitivity steps' defaults are the ones fpl_sensitivity_compute
 * uses when none is given. */
static void test_step_defaults_are_the_ones_sensitivity_uses(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    assert_int_equal(fpl_funnel_add_stage(&f, "lead", FPL_NUL_TERMINATED, 0.1, NULL), FPL_OK);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_sensitivity_input in = {0};
    fpl_sensitivity r;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(r.step_kind, FPL_CHANGE_POINTS);
    assert_close(r.step, fpl_limit_bounds(FPL_LIMIT_STEP).default_value);
    assert_close(r.step, 0.01);
    assert_close(r.deal_size_step, fpl_limit_bounds(FPL_LIMIT_DEAL_SIZE_STEP).default_value);
    assert_close(r.deal_size_step, 0.10);
}

static void test_check_refuses_with_the_limits_status_field_and_index(void **state)
{
    (void)state;
    fpl_error e;
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CHANGES, 40, 39, &e), FPL_OK);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CHANGES, 41, 40, &e), FPL_ERR_CHANGE_COUNT);
    assert_int_equal(e.field, FPL_FIELD_CHANGE);
    assert_true(e.index == 40);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CHANNELS, 33, 32, &e), FPL_ERR_CHANNEL_COUNT);
    assert_int_equal(e.field, FPL_FIELD_CHANNEL);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CONFIDENCE_LEVELS, 17, 16, &e),
                     FPL_ERR_CONFIDENCE_COUNT);
    /* the count is about the whole list, as fpl_criteria_check() says it */
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CRITERIA, 33, 32, &e), FPL_ERR_CRITERION_COUNT);
    assert_int_equal(e.field, FPL_FIELD_CRITERIA);
    /* whole limits refuse fractions; months 0 and 121 are out */
    assert_int_equal(fpl_limit_check(FPL_LIMIT_MONTHS, 12.5, FPL_NO_INDEX, &e), FPL_ERR_MONTHS);
    assert_int_equal(e.field, FPL_FIELD_MONTHS);
    assert_true(e.index == FPL_NO_INDEX);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_MONTHS, 0, FPL_NO_INDEX, NULL), FPL_ERR_MONTHS);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_MONTHS, 121, FPL_NO_INDEX, NULL), FPL_ERR_MONTHS);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_MONTHS, 120, FPL_NO_INDEX, NULL), FPL_OK);
    /* the variation's default 0 is allowed outside its range; 0.0005 is not */
    assert_int_equal(fpl_limit_check(FPL_LIMIT_DEAL_SIZE_CV, 0, FPL_NO_INDEX, NULL), FPL_OK);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_DEAL_SIZE_CV, 0.0005, FPL_NO_INDEX, NULL),
                     FPL_ERR_VARIATION);
    /* excluded bounds */
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CONFIDENCE, 1.0, 0, NULL), FPL_ERR_CONFIDENCE);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CONFIDENCE, 0.99, 0, NULL), FPL_OK);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CONFIDENCE, 0.0, 0, NULL), FPL_ERR_CONFIDENCE);
    assert_int_equal(fpl_limit_check(FPL_LIMIT_CONFIDENCE, 0x1p-1074, 0, NULL), FPL_OK);
    assert_int_equal(fpl_limit_check((fpl_limit)FPL_LIMIT_COUNT, 0, 0, NULL), FPL_ERR_NULL);
}

static void test_names_and_values_outside_the_enum(void **state)
{
    (void)state;
    assert_string_equal(fpl_limit_name(FPL_LIMIT_STAGES), "stages");
    assert_string_equal(fpl_limit_name(FPL_LIMIT_AT_RISK), "at_risk");
    assert_string_equal(fpl_limit_name(FPL_LIMIT_SEGMENTS), "segments");
    for (int i = 0; i < FPL_LIMIT_COUNT; ++i) {
        assert_non_null(fpl_limit_name((fpl_limit)i));
        for (int j = 0; j < i; ++j) {
            assert_string_not_equal(fpl_limit_name((fpl_limit)i), fpl_limit_name((fpl_limit)j));
        }
    }
    assert_null(fpl_limit_name((fpl_limit)FPL_LIMIT_COUNT));
    assert_null(fpl_limit_name((fpl_limit)-1));
    fpl_bounds none = fpl_limit_bounds((fpl_limit)FPL_LIMIT_COUNT);
    assert_true(none.max == 0.0 && none.max_whole == 0 && !none.has_default);
    assert_int_equal(fpl_abi_size(FPL_ABI_BOUNDS), sizeof(fpl_bounds));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trials_are_1_to_ten_million_default_ten_thousand),
        cmocka_unit_test(test_counts_of_the_lists),
        cmocka_unit_test(test_seed_is_any_uint64_exactly),
        cmocka_unit_test(test_rates_and_scores_with_their_defaults),
        cmocka_unit_test(test_step_defaults_are_the_ones_sensitivity_uses),
        cmocka_unit_test(test_check_refuses_with_the_limits_status_field_and_index),
        cmocka_unit_test(test_names_and_values_outside_the_enum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

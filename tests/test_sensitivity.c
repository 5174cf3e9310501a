/*
 * funnelplan — sensitivity: which lever pays most.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static fpl_funnel three_stages(void)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "sql", 0.50);
    fpl_test_add(&f, "opportunity", 0.25);
    return f;
}

/* 1,000 leads a month at deals of 4,000: 12.5 deals, 50,000 revenue. +1pp
 * is worth 5,000 on the 10% stage, 2,000 on the 25% and 1,000 on the 50%;
 * +10% deal size 5,000 (a tie with the lead stage, which keeps its place). */
static void test_a_point_is_worth_most_on_the_weakest_stage(void **state)
{
    (void)state;
    fpl_funnel f = three_stages();
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 1000;
    fpl_sensitivity s;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_true(s.volume_held);
    assert_int_equal(s.step_kind, FPL_CHANGE_POINTS);
    assert_close(s.step, 0.01);
    assert_close(s.deal_size_step, 0.10);
    assert_int_equal(s.n_rows, 4);
    assert_int_equal(s.rows[0].lever, FPL_LEVER_STAGE);
    assert_int_equal(s.rows[0].stage, 0);
    assert_close(s.rows[0].from, 0.10);
    assert_close(s.rows[0].to, 0.11);
    assert_close(s.rows[0].effect, 5000.0);
    assert_close(s.rows[0].share, 1.0);
    assert_int_equal(s.rows[1].lever, FPL_LEVER_DEAL_SIZE);
    assert_close(s.rows[1].from, 4000.0);
    assert_close(s.rows[1].to, 4400.0);
    assert_close(s.rows[1].effect, 5000.0);
    assert_int_equal(s.rows[2].stage, 2);
    assert_close(s.rows[2].effect, 2000.0);
    assert_close(s.rows[2].share, 0.4);
    assert_int_equal(s.rows[3].stage, 1);
    assert_close(s.rows[3].effect, 1000.0);
    assert_close(s.rows[3].share, 0.2);
}

static void test_equal_relative_steps_tie_in_funnel_order(void **state)
{
    (void)state;
    fpl_funnel f = three_stages();
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 1000;
    in.has_step = true;
    in.step_kind = FPL_CHANGE_RELATIVE;
    in.step = 0.10;
    fpl_sensitivity s;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
    for (size_t i = 0; i < s.n_rows; ++i) {
        assert_close(s.rows[i].effect, 5000.0);
        assert_close(s.rows[i].share, 1.0);
    }
    assert_int_equal(s.rows[0].stage, 0);
    assert_int_equal(s.rows[1].stage, 1);
    assert_int_equal(s.rows[2].stage, 2);
    assert_int_equal(s.rows[3].lever, FPL_LEVER_DEAL_SIZE);
}

static void test_target_held_ranks_by_volume_saved(void **state)
{
    (void)state;
    fpl_funnel f = three_stages();
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS; /* 12.5 deals need 1,000 leads */
    t.deals = 12.5;
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_sensitivity_input in = {0};
    fpl_sensitivity s;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_false(s.volume_held);
    assert_int_equal(s.n_rows, 3); /* a deal target ignores the deal size */
    assert_int_equal(s.rows[0].stage, 0);
    assert_close(s.rows[0].effect, 1000.0 - 1000.0 / 1.1);
    assert_int_equal(s.rows[1].stage, 2);
    assert_close(s.rows[1].effect, 1000.0 - 1000.0 * 25.0 / 26.0);
    assert_int_equal(s.rows[2].stage, 1);
    assert_close(s.rows[2].effect, 1000.0 - 1000.0 * 50.0 / 51.0);
    /* Under a revenue target the deal size saves volume too. */
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 50000;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.n_rows, 4);
    assert_int_equal(s.rows[1].lever, FPL_LEVER_DEAL_SIZE);
    assert_close(s.rows[1].effect, 1000.0 - 1000.0 / 1.1);
}

static void test_rates_cap_at_100_percent_and_stages_above_the_volume_are_worth_nothing(
    void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.2);
    fpl_test_add(&f, "sure", 1.0);
    fpl_test_add(&f, "close", 0.5);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 100;
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 100;
    in.volume.at = 1; /* enters "sure": the lead stage does not matter */
    fpl_sensitivity s;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
    assert_int_equal(s.n_rows, 4);
    assert_int_equal(s.rows[0].lever, FPL_LEVER_DEAL_SIZE); /* 5,000 × 10% = 500 */
    assert_close(s.rows[0].effect, 500.0);
    assert_int_equal(s.rows[1].stage, 2); /* 100 · 0.01 · 100 = 100 */
    assert_close(s.rows[1].effect, 100.0);
    for (size_t i = 2; i < 4; ++i) {
        assert_same_double(s.rows[i].effect, 0.0);
        assert_same_double(s.rows[i].share, 0.0);
    }
    assert_int_equal(s.rows[2].stage, 0);
    assert_int_equal(s.rows[3].stage, 1);
    assert_same_double(s.rows[3].to, 1.0);
}

static void test_bad_steps_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = three_stages();
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 1000;
    fpl_sensitivity sentinel;
    memset(&sentinel, 0x2D, sizeof sentinel);
    fpl_sensitivity s = sentinel;
    const double bad[] = {0.0, -0.01, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        in.has_step = true;
        in.step_kind = FPL_CHANGE_POINTS;
        in.step = bad[i];
        assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_STEP);
        in.has_step = false;
        in.has_deal_size_step = true;
        in.deal_size_step = bad[i];
        assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_STEP);
        in.has_deal_size_step = false;
    }
    in.has_step = true;
    in.step_kind = FPL_CHANGE_SET;
    in.step = 0.5;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_STEP);
    in.has_step = false;
    t.has_deal_size = false;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_DEAL_SIZE_MISSING);
    t.has_deal_size = true;
    in.volume.volume = -1;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_VOLUME);
    in.has_volume = false; /* target held without a target */
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_ERR_TARGET);
    assert_int_equal(fpl_sensitivity_compute(NULL, &t, &in, &s, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
    assert_memory_equal(&s, &sentinel, sizeof s);
}

/* Equal relative steps tie however small the step: the noise of the
 * difference is measured against the figure it is a difference of. */
static void test_tiny_relative_steps_still_tie(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    double r[3];
    assert_int_equal(PARSE_RATE("17.3%", &r[0]), FPL_OK);
    assert_int_equal(PARSE_RATE("51.5%", &r[1]), FPL_OK);
    assert_int_equal(PARSE_RATE("23.3%", &r[2]), FPL_OK);
    fpl_test_add(&f, "lead", r[0]);
    fpl_test_add(&f, "mql", r[1]);
    fpl_test_add(&f, "sql", r[2]);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_sensitivity_input in = {0};
    in.has_step = true;
    in.step_kind = FPL_CHANGE_RELATIVE;
    for (double step = 1e-9; step < 1.0; step *= 10.0) {
        in.step = step;
        fpl_sensitivity s;
        assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &s, NULL), FPL_OK);
        for (size_t i = 0; i < 3; ++i) {
            assert_int_equal(s.rows[i].stage, i);
        }
    }
}

static void test_sensitivity_errors_name_the_step(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 100;
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 1000;
    fpl_sensitivity *r = malloc(sizeof *r);
    assert_non_null(r);
    fpl_error e;
    in.has_step = true;
    in.step_kind = FPL_CHANGE_POINTS;
    in.step = 0.0;
    in.has_deal_size_step = true;
    in.deal_size_step = -0.1; /* both bad: the stage step is named first */
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, r, &e), FPL_ERR_STEP);
    assert_error(e, FPL_ERR_STEP, FPL_FIELD_STEP, FPL_NO_INDEX);
    in.step = 0.01;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, r, &e), FPL_ERR_STEP);
    assert_error(e, FPL_ERR_STEP, FPL_FIELD_DEAL_SIZE_STEP, FPL_NO_INDEX);
    in.has_deal_size_step = false;
    in.step_kind = FPL_CHANGE_SET; /* a step is relative or points */
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, r, &e), FPL_ERR_STEP);
    assert_error(e, FPL_ERR_STEP, FPL_FIELD_STEP, FPL_NO_INDEX);
    in.has_step = false;
    /* a volume held needs a deal size: revenue is what a step is worth */
    t.has_deal_size = false;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, r, &e), FPL_ERR_DEAL_SIZE_MISSING);
    assert_error(e, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_DEAL_SIZE, FPL_NO_INDEX);
    t.has_deal_size = true;
    in.volume.volume = -1;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, r, &e), FPL_ERR_VOLUME);
    assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    free(r);
}

static void test_steps_are_read_with_the_rules_of_a_step(void **state)
{
    (void)state;
    fpl_change_kind kind;
    double step;
    fpl_error e;
    assert_int_equal(fpl_step_parse("+1pp", 4, false, &kind, &step, &e), FPL_OK);
    assert_int_equal(kind, FPL_CHANGE_POINTS);
    assert_close(step, 0.01);
    assert_int_equal(fpl_step_parse("+10%", 4, true, &kind, &step, &e), FPL_OK);
    assert_int_equal(kind, FPL_CHANGE_RELATIVE);
    assert_close(step, 0.1);
    /* a sign without % or pp is no step (nor a LEVER=CHANGE) */
    assert_int_equal(fpl_step_parse("+1", 2, false, &kind, &step, &e), FPL_ERR_STEP);
    assert_error_at(e, FPL_ERR_STEP, FPL_FIELD_STEP, FPL_NO_INDEX, 0, 2);
    /* the deal size moves relatively only */
    assert_int_equal(fpl_step_parse("5000", 4, true, &kind, &step, &e), FPL_ERR_STEP);
    assert_error_at(e, FPL_ERR_STEP, FPL_FIELD_DEAL_SIZE_STEP, FPL_NO_INDEX, 0, 4);
    assert_int_equal(fpl_step_parse("+1pp", 4, true, &kind, &step, &e), FPL_ERR_CHANGE_POINTS);
    assert_error_at(e, FPL_ERR_CHANGE_POINTS, FPL_FIELD_DEAL_SIZE_STEP, FPL_NO_INDEX, 0, 4);
    assert_int_equal(fpl_step_parse("+x%", 3, false, &kind, &step, &e), FPL_ERR_PARSE_SYNTAX);
    assert_error_at(e, FPL_ERR_PARSE_SYNTAX, FPL_FIELD_STEP, FPL_NO_INDEX, 0, 3);
    /* a set value is read; fpl_sensitivity_compute() refuses it */
    assert_int_equal(fpl_step_parse("5%", 2, false, &kind, &step, &e), FPL_OK);
    assert_int_equal(kind, FPL_CHANGE_SET);
    assert_int_equal(fpl_step_parse(NULL, 2, false, &kind, &step, &e), FPL_ERR_NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_point_is_worth_most_on_the_weakest_stage),
        cmocka_unit_test(test_equal_relative_steps_tie_in_funnel_order),
        cmocka_unit_test(test_target_held_ranks_by_volume_saved),
        cmocka_unit_test(
            test_rates_cap_at_100_percent_and_stages_above_the_volume_are_worth_nothing),
        cmocka_unit_test(test_bad_steps_are_refused),
        cmocka_unit_test(test_tiny_relative_steps_still_tie),
        cmocka_unit_test(test_sensitivity_errors_name_the_step),
        cmocka_unit_test(test_steps_are_read_with_the_rules_of_a_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

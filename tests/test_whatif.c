/*
 * funnelplan — whatif: changes, deltas, horizon, ROI and payback.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static fpl_funnel opportunity_funnel(double rate)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", rate);
    return f;
}

static fpl_change change_of(const fpl_funnel *f, const char *text)
{
    fpl_change c;
    memset(&c, 0, sizeof c);
    fpl_status st = fpl_change_parse(f, text, strlen(text), &c, NULL);
    if (st != FPL_OK) {
        print_error("'%s': %s\n", text, fpl_status_name(st));
        fail();
    }
    return c;
}

/* Worked example 3 (German source): 118,800 over 12 months, not 118,000. */
static void test_example3_better_close_rate_is_worth_118800_a_year(void **state)
{
    (void)state;
    fpl_funnel f = opportunity_funnel(0.33);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 75;
    in.changes[0] = change_of(&f, "opportunity=+10%");
    in.n_changes = 1;
    in.horizon = 12;
    in.has_invest = true;
    in.invest = 50000;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_true(w.volume_held);
    assert_int_equal(w.horizon, 12);
    assert_close(w.scenario_funnel.stages[0].rate, 0.363);
    const fpl_forecast_period *by = &w.baseline_forecast.by_period[FPL_PERIOD_YEAR];
    const fpl_forecast_period *sy = &w.scenario_forecast.by_period[FPL_PERIOD_YEAR];
    assert_close(by->expected[0], 900.0);
    assert_close(by->deals, 297.0);
    assert_close(by->revenue, 1188000.0);
    assert_close(sy->deals, 326.7);
    assert_close(sy->revenue, 1306800.0);
    assert_close(w.deals, 2.475);     /* 29.7 a year */
    assert_close(w.revenue, 9900.0);  /* a month */
    assert_close(w.revenue_horizon, 118800.0);
    assert_same_double(w.volume, 0.0);
    assert_false(w.has_cost);
    assert_close(w.gain_horizon, 118800.0);
    assert_close(w.roi, (118800.0 - 50000.0) / 50000.0);
    assert_true(w.has_payback);
    assert_close(w.payback_periods, 50000.0 / 9900.0);
}

static void test_target_held_saves_volume_and_money(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 20;
    fpl_whatif_input in = {0};
    in.changes[0] = change_of(&f, "opportunity=+5pp"); /* 25% -> 30% */
    in.n_changes = 1;
    in.has_invest = true;
    in.invest = 12000;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_false(w.volume_held);
    assert_int_equal(w.horizon, 12);
    /* 400 leads a month before, 333.33 after: 66.67 saved, 1,333.33 a month. */
    assert_close(w.baseline_plan.stages[0].required, 400.0);
    assert_close(w.scenario_plan.stages[0].required, 1000.0 / 3.0);
    assert_close(w.volume, -200.0 / 3.0);
    assert_close(w.cost, -4000.0 / 3.0);
    assert_same_double(w.deals, 0.0);
    assert_same_double(w.revenue, 0.0);
    assert_false(w.has_revenue);
    assert_close(w.gain, 4000.0 / 3.0);
    assert_close(w.gain_horizon, 16000.0);
    assert_close(w.roi, (16000.0 - 12000.0) / 12000.0);
    assert_close(w.payback_periods, 9.0);
}

static void test_mixed_changes_apply_in_order(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.per = FPL_PERIOD_QUARTER;
    t.has_deal_size = true;
    t.deal_size = 1000;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 10;
    t.has_margin = true;
    t.margin = 0.5;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 4000; /* 100 deals a quarter, revenue 100,000, cost 40,000 */
    in.changes[0] = change_of(&f, "lead=12%");
    in.changes[1] = change_of(&f, "deal-size=+20%");
    in.changes[2] = change_of(&f, "cost-per-lead=-50%");
    in.changes[3] = change_of(&f, "volume=5000");
    in.changes[4] = change_of(&f, "lead=+1pp"); /* 12% -> 13% */
    in.n_changes = 5;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_int_equal(w.horizon, 4);
    assert_close(w.scenario_funnel.stages[0].rate, 0.13);
    assert_close(w.scenario_terms.deal_size, 1200.0);
    assert_close(w.scenario_terms.cost_per_lead, 5.0);
    assert_close(w.scenario_volume, 5000.0);
    /* scenario: 5000 · 0.13 · 0.25 = 162.5 deals, revenue 195,000, cost 25,000 */
    assert_close(w.deals, 62.5);
    assert_close(w.revenue, 95000.0);
    assert_close(w.volume, 1000.0);
    assert_close(w.cost, -15000.0);
    assert_close(w.gain, 95000.0 * 0.5 + 15000.0);
    assert_close(w.revenue_horizon, 380000.0);
    assert_false(w.has_invest);
}

static void test_no_change_gives_zero_deltas(void **state)
{
    (void)state;
    fpl_funnel f = opportunity_funnel(0.33);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 3;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 75;
    in.has_invest = true;
    in.invest = 1000;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_same_double(w.deals, 0.0);
    assert_same_double(w.revenue, 0.0);
    assert_same_double(w.cost, 0.0);
    assert_same_double(w.gain_horizon, 0.0);
    assert_close(w.roi, -1.0);
    assert_false(w.has_payback); /* no gain, no payback */
}

static void test_change_spellings(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "a=b", 0.5); /* split at the last '=' */
    const struct {
        const char *text;
        fpl_status status;
        fpl_lever lever;
        fpl_change_kind kind;
        double value;
    } cases[] = {
        {"lead=+10%", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_RELATIVE, 0.10},
        {"lead=-10%", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_RELATIVE, -0.10},
        {"lead=+3pp", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_POINTS, 0.03},
        {"lead=-0.5pp", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_POINTS, -0.005},
        {"lead=40%", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_SET, 0.40},
        {"lead=2/5", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_SET, 0.40},
        {"a=b=+1pp", FPL_OK, FPL_LEVER_STAGE, FPL_CHANGE_POINTS, 0.01},
        {"deal-size=5000", FPL_OK, FPL_LEVER_DEAL_SIZE, FPL_CHANGE_SET, 5000},
        {"deal-size=4.5k", FPL_OK, FPL_LEVER_DEAL_SIZE, FPL_CHANGE_SET, 4500},
        {"deal-size=+15%", FPL_OK, FPL_LEVER_DEAL_SIZE, FPL_CHANGE_RELATIVE, 0.15},
        {"volume=-20%", FPL_OK, FPL_LEVER_VOLUME, FPL_CHANGE_RELATIVE, -0.20},
        {"cost-per-lead=12.5", FPL_OK, FPL_LEVER_COST_PER_LEAD, FPL_CHANGE_SET, 12.5},
        {"", FPL_ERR_PARSE_EMPTY, 0, 0, 0},
        {"lead", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"=+10%", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"lead=", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"lead=+", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"lead=+10", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"lead=+pp", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0},
        {"lead=10pp", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"lead=+x%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"lead=+nan%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"lead=+inf%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"lead=+1e400%", FPL_ERR_PARSE_OVERFLOW, 0, 0, 0},
        {"lead=+-10%", FPL_ERR_PARSE_NEGATIVE, 0, 0, 0},
        {"lead=++10%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"lead=1,5%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"Lead=+10%", FPL_ERR_STAGE_UNKNOWN, 0, 0, 0},
        {"won=+10%", FPL_ERR_STAGE_UNKNOWN, 0, 0, 0},
        {"deal-size=+3pp", FPL_ERR_CHANGE_POINTS, 0, 0, 0},
        {"volume=+1pp", FPL_ERR_CHANGE_POINTS, 0, 0, 0},
        {"deal-size=40%", FPL_ERR_PARSE_SYNTAX, 0, 0, 0},
        {"deal-size=-5", FPL_ERR_CHANGE_SYNTAX, 0, 0, 0}, /* signed means relative */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        fpl_change c;
        memset(&c, 0, sizeof c); /* padding too: the comparison below is bytewise */
        c.lever = FPL_LEVER_VOLUME;
        c.stage = 99;
        c.kind = FPL_CHANGE_SET;
        c.value = -7.0;
        fpl_change before;
        memcpy(&before, &c, sizeof before);
        fpl_status st = fpl_change_parse(&f, cases[i].text, strlen(cases[i].text), &c, NULL);
        if (st != cases[i].status) {
            print_error("'%s': %s, want %s\n", cases[i].text, fpl_status_name(st),
                        fpl_status_name(cases[i].status));
            fail();
        }
        if (st != FPL_OK) {
            assert_memory_equal(&c, &before, sizeof c);
            continue;
        }
        assert_int_equal(c.lever, cases[i].lever);
        assert_int_equal(c.kind, cases[i].kind);
        assert_close(c.value, cases[i].value);
        if (c.lever == FPL_LEVER_STAGE) {
            assert_int_equal(c.stage, strncmp(cases[i].text, "a=b", 3) == 0 ? 1 : 0);
        }
    }
    fpl_change c;
    assert_int_equal(fpl_change_parse(NULL, "lead=+1%", 8, &c, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_change_parse(&f, NULL, 8, &c, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_change_parse(&f, "lead=+1%", 8, NULL, NULL), FPL_ERR_NULL);
    /* a volume set is a count: 2^53 is one, 2^53 + 1 is refused from its digits */
    assert_int_equal(fpl_change_parse(&f, "volume=9007199254740992", FPL_NUL_TERMINATED, &c, NULL),
                     FPL_OK);
    assert_same_double(c.value, 0x1p53);
    fpl_error e;
    assert_int_equal(fpl_change_parse(&f, "volume=9007199254740993", FPL_NUL_TERMINATED, &c, &e),
                     FPL_ERR_PARSE_COUNT_MAX);
    assert_error_at(e, FPL_ERR_PARSE_COUNT_MAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 7, 16);
    fpl_lever lever = FPL_LEVER_VOLUME;
    size_t stage = 5;
    assert_int_equal(fpl_lever_parse(&f, "a=b", 3, &lever, &stage, NULL), FPL_OK);
    assert_int_equal(lever, FPL_LEVER_STAGE);
    assert_int_equal(stage, 1);
    assert_int_equal(fpl_lever_parse(&f, "", 0, &lever, &stage, NULL), FPL_ERR_PARSE_EMPTY);
    assert_int_equal(fpl_lever_parse(&f, "x", 1, NULL, &stage, NULL), FPL_ERR_NULL);
    fpl_change_kind kind;
    double v;
    assert_int_equal(fpl_change_value_parse("+2pp", 4, false, &kind, &v, NULL), FPL_ERR_CHANGE_POINTS);
    assert_int_equal(fpl_change_value_parse("", 0, true, &kind, &v, NULL), FPL_ERR_PARSE_EMPTY);
    assert_int_equal(fpl_change_value_parse(NULL, 1, true, &kind, &v, NULL), FPL_ERR_NULL);
    static char long_points[400];
    long_points[0] = '+';
    memset(long_points + 1, '1', sizeof long_points - 3);
    memcpy(long_points + sizeof long_points - 2, "pp", 2);
    assert_int_equal(fpl_change_value_parse(long_points, sizeof long_points, true, &kind, &v, NULL),
                     FPL_ERR_PARSE_OVERFLOW);
}

static void test_changes_out_of_range_have_no_answer(void **state)
{
    (void)state;
    fpl_funnel f = opportunity_funnel(0.95);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 100;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 5;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 10;
    in.n_changes = 1;
    const char *no_answer[] = {"opportunity=+10%", "opportunity=+6pp", "opportunity=-100%",
                               "opportunity=-95pp", "deal-size=-100%", "volume=-100%",
                               "cost-per-lead=-101%"};
    fpl_whatif sentinel;
    memset(&sentinel, 0x6B, sizeof sentinel);
    fpl_whatif w = sentinel;
    for (size_t i = 0; i < sizeof no_answer / sizeof no_answer[0]; ++i) {
        in.changes[0] = change_of(&f, no_answer[i]);
        fpl_status st = fpl_whatif_compute(&f, &t, &in, &w, NULL);
        if (st != FPL_ERR_CHANGE_RANGE) {
            print_error("'%s': %s\n", no_answer[i], fpl_status_name(st));
            fail();
        }
        assert_false(fpl_status_is_input_error(st));
    }
    assert_memory_equal(&w, &sentinel, sizeof w);
    /* A value set out of range is bad input, like the option it replaces. */
    const struct {
        const char *text;
        fpl_status status;
    } bad_set[] = {{"opportunity=150%", FPL_ERR_RATE_RANGE},
                   {"opportunity=0%", FPL_ERR_RATE_RANGE},
                   {"deal-size=0", FPL_ERR_DEAL_SIZE},
                   {"volume=0", FPL_ERR_VOLUME}};
    for (size_t i = 0; i < sizeof bad_set / sizeof bad_set[0]; ++i) {
        in.changes[0] = change_of(&f, bad_set[i].text);
        assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), bad_set[i].status);
        assert_true(fpl_status_is_input_error(bad_set[i].status));
    }
    /* Exactly 100% and free leads are answers. */
    in.changes[0] = change_of(&f, "opportunity=+5pp");
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_close(w.scenario_funnel.stages[0].rate, 1.0);
    in.changes[0] = change_of(&f, "cost-per-lead=-100%");
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_false(signbit(w.scenario_terms.cost_per_lead));
    assert_close(w.cost, -50.0);
}

static void test_bad_questions_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = opportunity_funnel(0.5);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 5;
    fpl_whatif_input in = {0};
    fpl_whatif w;
    in.n_changes = 1;
    in.changes[0] = change_of(&f, "volume=+10%");
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_LEVER);
    in.changes[0] = change_of(&f, "deal-size=+10%");
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_LEVER);
    in.changes[0] = change_of(&f, "cost-per-lead=5");
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_LEVER);
    in.changes[0] = (fpl_change){FPL_LEVER_STAGE, 1, FPL_CHANGE_RELATIVE, 0.1};
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_STAGE_UNKNOWN);
    in.changes[0] = (fpl_change){FPL_LEVER_STAGE, 0, FPL_CHANGE_RELATIVE, NAN};
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_VALUE);
    in.changes[0] = (fpl_change){FPL_LEVER_STAGE, 0, (fpl_change_kind)7, 0.1};
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_VALUE);
    in.changes[0] = (fpl_change){(fpl_lever)9, 0, FPL_CHANGE_SET, 0.1};
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_LEVER);
    t.has_deal_size = true;
    t.deal_size = 10;
    in.changes[0] = (fpl_change){FPL_LEVER_DEAL_SIZE, 0, FPL_CHANGE_POINTS, 0.1};
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_POINTS);
    in.n_changes = FPL_MAX_CHANGES + 1;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_CHANGE_COUNT);
    in.n_changes = 0;
    const double bad_invest[] = {0.0, -1.0, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad_invest / sizeof bad_invest[0]; ++i) {
        in.has_invest = true;
        in.invest = bad_invest[i];
        assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_INVEST);
    }
    in.has_invest = false;
    t.target = FPL_TARGET_NONE; /* nothing held: no volume, no target */
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_TARGET);
    assert_int_equal(fpl_whatif_compute(NULL, &t, &in, &w, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_whatif_compute(&f, NULL, &in, &w, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_whatif_compute(&f, &t, NULL, &w, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* In a multiplicative funnel a relative step is worth the same on any stage,
 * and a bigger improvement is never worth less. */
static void test_relative_steps_are_worth_the_same_on_every_stage(void **state)
{
    (void)state;
    uint64_t seed = 0xC0FFEE1234567ull;
    for (int n = 0; n < 2000; ++n) {
        fpl_funnel f = {0};
        size_t stages = 1 + (size_t)(next_random(&seed) % 6);
        for (size_t i = 0; i < stages; ++i) {
            char name[4] = {'s', (char)('0' + i), 0, 0};
            fpl_test_add(&f, name, (double)(1 + next_random(&seed) % 900) / 1000.0);
        }
        fpl_terms t = {0};
        t.has_deal_size = true;
        t.deal_size = (double)(1 + next_random(&seed) % 100000);
        fpl_whatif_input in = {0};
        in.has_volume = true;
        in.volume.volume = (double)(1 + next_random(&seed) % 100000);
        in.n_changes = 1;
        double first = 0.0;
        for (size_t k = 0; k < stages; ++k) {
            in.changes[0] = (fpl_change){FPL_LEVER_STAGE, k, FPL_CHANGE_RELATIVE, 0.1};
            fpl_whatif w;
            assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
            if (k == 0) {
                first = w.revenue;
            } else {
                assert_close_rel(w.revenue, first, 1e-9);
            }
        }
        double last = -1.0;
        for (int step = 0; step <= 5; ++step) {
            in.changes[0] = (fpl_change){FPL_LEVER_STAGE, stages - 1, FPL_CHANGE_POINTS,
                                         0.01 * step};
            fpl_whatif w;
            fpl_status st = fpl_whatif_compute(&f, &t, &in, &w, NULL);
            if (st == FPL_ERR_CHANGE_RANGE) {
                break;
            }
            assert_int_equal(st, FPL_OK);
            assert_true(w.revenue >= last);
            last = w.revenue;
        }
    }
}

static void test_check_names_the_change_at_fault(void **state)
{
    (void)state;
    fpl_funnel f = opportunity_funnel(0.5);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 10;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 100;
    in.changes[0] = change_of(&f, "opportunity=+10pp");
    in.changes[1] = change_of(&f, "deal-size=+10%");
    in.changes[2] = change_of(&f, "opportunity=+50pp"); /* 60% + 50pp */
    in.n_changes = 3;
    fpl_error at = {.index = 99};
    assert_int_equal(fpl_whatif_check(&f, &t, &in, &at), FPL_ERR_CHANGE_RANGE);
    assert_error(at, FPL_ERR_CHANGE_RANGE, FPL_FIELD_CHANGE, 2);
    in.n_changes = 2;
    at.index = 99;
    assert_int_equal(fpl_whatif_check(&f, &t, &in, &at), FPL_OK);
    assert_int_equal(at.status, FPL_OK);
    assert_int_equal(at.index, 99); /* only the status is written on success */
    assert_int_equal(fpl_whatif_check(&f, &t, &in, NULL), FPL_OK);
    assert_int_equal(fpl_whatif_check(NULL, &t, &in, NULL), FPL_ERR_NULL);
    in.n_changes = FPL_MAX_CHANGES + 1;
    assert_int_equal(fpl_whatif_check(&f, &t, &in, NULL), FPL_ERR_CHANGE_COUNT);
}

static void test_horizons_are_whole_periods(void **state)
{
    (void)state;
    const struct {
        const char *text;
        fpl_status status;
        unsigned value;
    } cases[] = {{"12", FPL_OK, 12},          {"1e2", FPL_OK, 100},
                 {"1,000", FPL_OK, 1000},      {"1000000", FPL_OK, 1000000},
                 {"0", FPL_ERR_HORIZON, 0},    {"1.5", FPL_ERR_HORIZON, 0},
                 {"1000001", FPL_ERR_HORIZON, 0}, {"1e400", FPL_ERR_PARSE_OVERFLOW, 0},
                 {"-1", FPL_ERR_PARSE_NEGATIVE, 0}, {"", FPL_ERR_PARSE_EMPTY, 0},
                 {"x", FPL_ERR_PARSE_SYNTAX, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        unsigned h = 7;
        assert_int_equal(fpl_horizon_parse(cases[i].text, strlen(cases[i].text), &h, NULL),
                         cases[i].status);
        assert_int_equal(h, cases[i].status == FPL_OK ? cases[i].value : 7);
    }
    assert_int_equal(fpl_horizon_parse("12", 2, NULL, NULL), FPL_ERR_NULL);
    fpl_funnel f = opportunity_funnel(0.5);
    fpl_terms t = {0};
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 10;
    in.horizon = FPL_HORIZON_MAX + 1;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_ERR_HORIZON);
    in.horizon = FPL_HORIZON_MAX;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    in.horizon = 0; /* the periods in a year */
    t.per = FPL_PERIOD_QUARTER;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_int_equal(w.horizon, 4);
    t.per = FPL_PERIOD_YEAR;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_int_equal(w.horizon, 1);
    /* "-0%" is no change at all, not a negative zero. */
    fpl_change c = change_of(&f, "opportunity=-0%");
    assert_false(signbit(c.value));
}

static void test_change_texts_name_the_bytes_at_fault(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_change c;
    fpl_error e;
#define CHANGE(text) fpl_change_parse(&f, (text), sizeof(text) - 1, &c, &e)
    assert_int_equal(CHANGE("nope=+10%"), FPL_ERR_STAGE_UNKNOWN); /* the lever */
    assert_error_at(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, 4);
    assert_int_equal(CHANGE("lead"), FPL_ERR_CHANGE_SYNTAX); /* the whole */
    assert_error_at(e, FPL_ERR_CHANGE_SYNTAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 0, 4);
    assert_int_equal(CHANGE("lead=+10"), FPL_ERR_CHANGE_SYNTAX); /* the value */
    assert_error_at(e, FPL_ERR_CHANGE_SYNTAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 5, 3);
    assert_int_equal(CHANGE("lead=abc"), FPL_ERR_PARSE_SYNTAX);
    assert_error_at(e, FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANGE, FPL_NO_INDEX, 5, 3);
    assert_int_equal(CHANGE("deal-size=+3pp"), FPL_ERR_CHANGE_POINTS); /* the pp */
    assert_error_at(e, FPL_ERR_CHANGE_POINTS, FPL_FIELD_CHANGE, FPL_NO_INDEX, 12, 2);
#undef CHANGE
    fpl_lever lever;
    size_t stage;
    assert_int_equal(fpl_lever_parse(&f, "nope", 4, &lever, &stage, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error_at(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_LEVER, FPL_NO_INDEX, 0, 4);
    unsigned h;
    assert_int_equal(fpl_horizon_parse("1.5", 3, &h, &e), FPL_ERR_HORIZON);
    assert_error_at(e, FPL_ERR_HORIZON, FPL_FIELD_HORIZON, FPL_NO_INDEX, 0, 3);
    assert_int_equal(fpl_horizon_parse("x", 1, &h, &e), FPL_ERR_PARSE_SYNTAX);
    assert_error_at(e, FPL_ERR_PARSE_SYNTAX, FPL_FIELD_HORIZON, FPL_NO_INDEX, 0, 1);
}

static void test_whatif_errors_name_the_field(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 10;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 100;
    in.changes[0] = change_of(&f, "lead=+1pp");
    in.changes[1] = change_of(&f, "volume=0");
    in.n_changes = 2;
    fpl_whatif *w = malloc(sizeof *w);
    assert_non_null(w);
    fpl_error e;
    /* a value set out of range: the change that sets it */
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, &e), FPL_ERR_VOLUME);
    assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_CHANGE, 1);
    in.n_changes = 1;
    in.has_invest = true;
    in.invest = 0;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, &e), FPL_ERR_INVEST);
    assert_error(e, FPL_ERR_INVEST, FPL_FIELD_INVEST, FPL_NO_INDEX);
    in.has_invest = false;
    in.horizon = FPL_HORIZON_MAX + 1;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, &e), FPL_ERR_HORIZON);
    assert_error(e, FPL_ERR_HORIZON, FPL_FIELD_HORIZON, FPL_NO_INDEX);
    in.horizon = 0;
    in.volume.volume = 0;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, &e), FPL_ERR_VOLUME);
    assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    in.volume.volume = 100;
    in.n_changes = FPL_MAX_CHANGES + 1;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, &e), FPL_ERR_CHANGE_COUNT);
    assert_error(e, FPL_ERR_CHANGE_COUNT, FPL_FIELD_CHANGE, FPL_NO_INDEX);
    free(w);
}

static void test_totals_over_the_horizon_and_whole_deals(void **state)
{
    (void)state;
    /* Worked example 3: 75 opportunities a month at 33%, improved by 10%,
     * deals of 4,000, over 12 months. */
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.33);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 75;
    in.changes[0] = change_of(&f, "opportunity=+10%");
    in.n_changes = 1;
    in.horizon = 12;
    fpl_whatif *w = malloc(sizeof *w);
    assert_non_null(w);
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, NULL), FPL_OK);
    assert_close(w->baseline_horizon.volume, 900);
    assert_close(w->scenario_horizon.volume, 900);
    assert_close(w->volume_horizon, 0);
    assert_close(w->baseline_horizon.deals, 297);
    assert_close(w->scenario_horizon.deals, 326.7);
    assert_close(w->deals_horizon, 29.7);
    assert_true(w->baseline_horizon.has_revenue && w->scenario_horizon.has_revenue);
    assert_close(w->baseline_horizon.revenue, 1188000);
    assert_close(w->scenario_horizon.revenue, 1306800);
    assert_close(w->baseline_horizon.cost, 0);
    assert_true(w->has_whole_deals); /* 326.7 deals: 326 whole ones */
    assert_same_double(w->whole_deals, 326);
    assert_same_double(w->whole_revenue, 1304000);

    /* Target held with a cost: the plans' volumes and budgets; 297 deals
     * computed as 296.99999999999994 are whole already. */
    t.has_cost_per_lead = true;
    t.cost_per_lead = 10;
    t.target = FPL_TARGET_DEALS;
    t.deals = 24.75;
    in.has_volume = false;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, w, NULL), FPL_OK);
    assert_close(w->baseline_horizon.volume, 900);
    assert_close(w->scenario_horizon.volume, 900 / 1.1);
    assert_close(w->volume_horizon, 900 / 1.1 - 900);
    assert_close(w->baseline_horizon.cost, 9000);
    assert_close(w->scenario_horizon.cost, 9000 / 1.1);
    assert_false(w->baseline_horizon.has_revenue); /* a deal target: no revenue */
    assert_close(w->scenario_horizon.deals, 297);
    assert_false(w->has_whole_deals);
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example3_better_close_rate_is_worth_118800_a_year),
        cmocka_unit_test(test_target_held_saves_volume_and_money),
        cmocka_unit_test(test_mixed_changes_apply_in_order),
        cmocka_unit_test(test_no_change_gives_zero_deltas),
        cmocka_unit_test(test_change_spellings),
        cmocka_unit_test(test_changes_out_of_range_have_no_answer),
        cmocka_unit_test(test_bad_questions_are_refused),
        cmocka_unit_test(test_relative_steps_are_worth_the_same_on_every_stage),
        cmocka_unit_test(test_check_names_the_change_at_fault),
        cmocka_unit_test(test_horizons_are_whole_periods),
        cmocka_unit_test(test_change_texts_name_the_bytes_at_fault),
        cmocka_unit_test(test_whatif_errors_name_the_field),
        cmocka_unit_test(test_totals_over_the_horizon_and_whole_deals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

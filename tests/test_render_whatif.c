/*
 * funnelplan — rendering: the views and JSON of a what-if, a sensitivity
 * ranking and a goal seek.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <stdlib.h>

/* A funnel of n stages s0, s1, ... at 50%. */
static fpl_funnel funnel_of(size_t n)
{
    fpl_funnel f = {0};
    for (size_t i = 0; i < n; ++i) {
        char name[8];
        snprintf(name, sizeof name, "s%zu", i);
        fpl_test_add(&f, name, 0.5);
    }
    return f;
}

static fpl_change change_of(const fpl_funnel *f, const char *text)
{
    fpl_change c;
    memset(&c, 0, sizeof c);
    assert_int_equal(fpl_change_parse(f, text, strlen(text), &c, NULL), FPL_OK);
    return c;
}

/* Worked example 3: +10% on a 33% close rate, 75 opportunities a month at
 * 4,000, 50,000 invested, over 12 months. */
static void example3(fpl_funnel *f, fpl_whatif_input *in, fpl_whatif *w)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "opportunity", 0.33);
    fpl_terms t = {0};
    t.per = FPL_PERIOD_MONTH;
    t.has_deal_size = true;
    t.deal_size = 4000;
    *in = (fpl_whatif_input){0};
    in->has_volume = true;
    in->volume.volume = 75;
    in->changes[0] = change_of(f, "opportunity=+10%");
    in->n_changes = 1;
    in->horizon = 12;
    in->has_invest = true;
    in->invest = 50000;
    assert_int_equal(fpl_whatif_compute(f, &t, in, w, NULL), FPL_OK);
}

static void test_names_of_levers_and_change_kinds(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(2);
    assert_string_equal(fpl_lever_name(&f, FPL_LEVER_STAGE, 1), "s1");
    assert_null(fpl_lever_name(&f, FPL_LEVER_STAGE, 2));
    assert_null(fpl_lever_name(NULL, FPL_LEVER_STAGE, 0));
    assert_string_equal(fpl_lever_name(NULL, FPL_LEVER_DEAL_SIZE, 0), "deal-size");
    assert_string_equal(fpl_lever_name(&f, FPL_LEVER_VOLUME, 0), "volume");
    assert_string_equal(fpl_lever_name(&f, FPL_LEVER_COST_PER_LEAD, 0), "cost-per-lead");
    assert_null(fpl_lever_name(&f, (fpl_lever)4, 0));
    assert_string_equal(fpl_change_kind_name(FPL_CHANGE_RELATIVE), "relative");
    assert_string_equal(fpl_change_kind_name(FPL_CHANGE_POINTS), "points");
    assert_string_equal(fpl_change_kind_name(FPL_CHANGE_SET), "set");
    assert_null(fpl_change_kind_name((fpl_change_kind)3));
    /* every name reads back as the lever it names */
    const fpl_lever levers[] = {FPL_LEVER_STAGE, FPL_LEVER_DEAL_SIZE, FPL_LEVER_VOLUME,
                                FPL_LEVER_COST_PER_LEAD};
    for (size_t i = 0; i < sizeof levers / sizeof levers[0]; ++i) {
        const char *name = fpl_lever_name(&f, levers[i], 1);
        fpl_lever lever;
        size_t stage;
        stage = 99;
        assert_int_equal(fpl_lever_parse(&f, name, strlen(name), &lever, &stage, NULL), FPL_OK);
        assert_int_equal(lever, levers[i]);
        if (levers[i] == FPL_LEVER_STAGE) {
            assert_int_equal(stage, 1);
        }
    }
}

static void test_solve_json_is_the_contract(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(2);
    fpl_solve s = {FPL_LEVER_STAGE, 1, 0.25, 0.5, 1, FPL_PERIOD_QUARTER};
    char text[512];
    size_t len = 0;
    assert_int_equal(fpl_solve_json(&f, &s, text, sizeof text, &len, NULL), FPL_OK);
    static const char want[] = "{\n"
                               "  \"command\": \"solve\",\n"
                               "  \"per\": \"quarter\",\n"
                               "  \"lever\": \"s1\",\n"
                               "  \"current\": 0.25,\n"
                               "  \"value\": 0.5,\n"
                               "  \"change\": 1\n"
                               "}\n";
    assert_string_equal(text, want);
    assert_int_equal(len, sizeof want - 1);
    /* the view: FPL_VIEW_SOLVE_NODES exactly */
    fpl_node nodes[FPL_VIEW_SOLVE_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_SOLVE_NODES);
    assert_int_equal(fpl_view_solve(&v, NULL, &f, &s, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_SOLVE_NODES);
    /* the length first, as the CLI asks */
    assert_int_equal(fpl_solve_json(&f, &s, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, sizeof want - 1);
}

static void test_solve_json_refuses_what_has_no_name(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(2);
    fpl_solve s = {FPL_LEVER_STAGE, 2, 0.25, 0.5, 1, FPL_PERIOD_QUARTER};
    char text[512];
    size_t len = 0;
    fpl_error e;
    assert_int_equal(fpl_solve_json(&f, &s, text, sizeof text, &len, &e), FPL_ERR_CHANGE_LEVER);
    assert_error(e, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, FPL_NO_INDEX);
    s.stage = 0;
    s.per = (fpl_period)7;
    assert_int_equal(fpl_solve_json(&f, &s, text, sizeof text, &len, NULL), FPL_ERR_PERIOD);
    assert_int_equal(fpl_solve_json(&f, NULL, text, sizeof text, &len, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_solve_json(&f, &s, NULL, 8, &len, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_solve_json(&f, &s, text, sizeof text, NULL, NULL), FPL_ERR_NULL);
}

/* A sensitivity of two rows, volume held. */
static fpl_sensitivity hand_sensitivity(void)
{
    fpl_sensitivity r = {0};
    r.per = FPL_PERIOD_YEAR;
    r.volume_held = true;
    r.step_kind = FPL_CHANGE_POINTS;
    r.step = 0.01;
    r.deal_size_step = 0.1;
    r.n_rows = 2;
    r.rows[0] = (fpl_sensitivity_row){FPL_LEVER_DEAL_SIZE, 0, 4000, 4400, 118800, 1};
    r.rows[1] = (fpl_sensitivity_row){FPL_LEVER_STAGE, 0, 0.33, 0.34, 36000, 0.30303030303030304};
    return r;
}

static void test_sensitivity_json_is_the_contract(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(1);
    fpl_sensitivity r = hand_sensitivity();
    char text[1024];
    size_t len = 0;
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, NULL), FPL_OK);
    static const char want[] = "{\n"
                               "  \"command\": \"sensitivity\",\n"
                               "  \"per\": \"year\",\n"
                               "  \"mode\": \"volume\",\n"
                               "  \"step\": {\n"
                               "    \"kind\": \"points\",\n"
                               "    \"value\": 0.01\n"
                               "  },\n"
                               "  \"deal_size_step\": 0.1,\n"
                               "  \"rows\": [\n"
                               "    {\n"
                               "      \"lever\": \"deal-size\",\n"
                               "      \"from\": 4000,\n"
                               "      \"to\": 4400,\n"
                               "      \"revenue_delta\": 118800,\n"
                               "      \"share\": 1\n"
                               "    },\n"
                               "    {\n"
                               "      \"lever\": \"s0\",\n"
                               "      \"from\": 0.33,\n"
                               "      \"to\": 0.34,\n"
                               "      \"revenue_delta\": 36000,\n"
                               "      \"share\": 0.30303030303030304\n"
                               "    }\n"
                               "  ]\n"
                               "}\n";
    assert_string_equal(text, want);
    assert_int_equal(len, sizeof want - 1);
    /* target held: the effect is the volume saved */
    r.volume_held = false;
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, NULL), FPL_OK);
    assert_non_null(strstr(text, "\"mode\": \"target\""));
    assert_non_null(strstr(text, "\"volume_delta\": 36000"));
    assert_null(strstr(text, "revenue_delta"));
    /* no rows: an empty list */
    r.n_rows = 0;
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, NULL), FPL_OK);
    assert_non_null(strstr(text, "\"rows\": []\n}\n"));
}

static void test_sensitivity_refuses_what_has_no_name(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(1);
    fpl_sensitivity r = hand_sensitivity();
    char text[1024];
    size_t len = 0;
    fpl_error e;
    r.rows[1].stage = 1; /* the funnel has one stage */
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, &e),
                     FPL_ERR_CHANGE_LEVER);
    assert_error(e, FPL_ERR_CHANGE_LEVER, FPL_FIELD_LEVER, 1);
    r = hand_sensitivity();
    r.step_kind = (fpl_change_kind)9;
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, &e), FPL_ERR_STEP);
    r = hand_sensitivity();
    r.n_rows = FPL_MAX_STAGES + 2;
    assert_int_equal(fpl_sensitivity_json(&f, &r, text, sizeof text, &len, NULL),
                     FPL_ERR_STAGE_COUNT);
}

static void test_sensitivity_of_every_stage_needs_exactly_its_nodes(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(FPL_MAX_STAGES);
    fpl_sensitivity r = hand_sensitivity();
    r.n_rows = FPL_MAX_STAGES + 1;
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        r.rows[i] = (fpl_sensitivity_row){FPL_LEVER_STAGE, i, 0.5, 0.51, 1, 1};
    }
    r.rows[FPL_MAX_STAGES] = (fpl_sensitivity_row){FPL_LEVER_DEAL_SIZE, 0, 1, 1.1, 1, 1};
    static fpl_node nodes[FPL_VIEW_SENSITIVITY_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_SENSITIVITY_NODES);
    assert_int_equal(fpl_view_sensitivity(&v, NULL, &f, &r, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_SENSITIVITY_NODES);
    fpl_view_init(&v, nodes, FPL_VIEW_SENSITIVITY_NODES - 1);
    assert_int_equal(fpl_view_sensitivity(&v, NULL, &f, &r, NULL), FPL_ERR_WORKSPACE);
    assert_int_equal(v.needed, FPL_VIEW_SENSITIVITY_NODES);
}

static void test_whatif_json_has_the_worked_example(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_whatif_input in;
    fpl_whatif w;
    example3(&f, &in, &w);
    size_t len = 0;
    assert_int_equal(fpl_whatif_json(&f, &in, &w, NULL, 0, NULL, 0, NULL, 0, &len, NULL), FPL_OK);
    char *text = malloc(len + 1);
    assert_non_null(text);
    size_t again = 0;
    assert_int_equal(fpl_whatif_json(&f, &in, &w, NULL, 0, NULL, 0, text, len + 1, &again, NULL),
                     FPL_OK);
    assert_int_equal(again, len);
    assert_int_equal(strlen(text), len);
    static const char head[] = "{\n"
                               "  \"command\": \"whatif\",\n"
                               "  \"per\": \"month\",\n"
                               "  \"horizon\": 12,\n"
                               "  \"mode\": \"volume\",\n"
                               "  \"changes\": [\n"
                               "    {\n"
                               "      \"lever\": \"opportunity\",\n"
                               "      \"kind\": \"relative\",\n"
                               "      \"value\": 0.1\n"
                               "    }\n"
                               "  ],\n"
                               "  \"baseline\": {\n"
                               "    \"command\": \"forecast\",\n";
    assert_memory_equal(text, head, sizeof head - 1);
    assert_non_null(strstr(text, "  \"scenario\": {\n    \"command\": \"forecast\",\n"));
    static const char tail[] = "  \"margin\": 1,\n"
                               "  \"delta\": {\n"
                               "    \"deals\": 2.475000000000005,\n"
                               "    \"revenue\": 9900.000000000015,\n"
                               "    \"volume\": 0,\n"
                               "    \"cost\": null,\n"
                               "    \"gain\": 9900.000000000015,\n"
                               "    \"revenue_horizon\": 118800.00000000017,\n"
                               "    \"cost_horizon\": null,\n"
                               "    \"gain_horizon\": 118800.00000000017\n"
                               "  },\n"
                               "  \"invest\": 50000,\n"
                               "  \"roi\": 1.3760000000000034,\n"
                               "  \"payback_periods\": 5.050505050505043\n"
                               "}\n";
    assert_true(len > sizeof tail);
    assert_string_equal(text + len - (sizeof tail - 1), tail);
    free(text);
}

/* The whole view, with the mixes under their keys, written at once. */
static size_t whole_json(const fpl_funnel *f, const fpl_whatif_input *in, const fpl_whatif *w,
                         const fpl_mix *mixes, size_t n, const fpl_mix *scenario, size_t ns,
                         char *out, size_t capacity)
{
    static fpl_node nodes[FPL_VIEW_WHATIF_NODES + 2 * (1 + FPL_MAX_STAGES * FPL_VIEW_MIX_NODES)];
    fpl_view v;
    fpl_view_init(&v, nodes, sizeof nodes / sizeof nodes[0]);
    assert_int_equal(fpl_view_whatif(&v, NULL, f, in, w, NULL), FPL_OK);
    fpl_view_reopen(&v);
    assert_int_equal(fpl_view_mixes(&v, "mix", f, mixes, n, NULL), FPL_OK);
    assert_int_equal(fpl_view_mixes(&v, "scenario_mix", f, scenario, ns, NULL), FPL_OK);
    fpl_view_close(&v);
    assert_int_equal(fpl_view_check(&v, NULL), FPL_OK);
    return fpl_view_json(nodes, v.count, out, capacity);
}

static fpl_mix two_segments(size_t stage)
{
    fpl_mix m = {0};
    m.stage = stage;
    m.n_segments = 2;
    snprintf(m.segments[0].name, sizeof m.segments[0].name, "inbound");
    m.segments[0].share = 0.25;
    m.segments[0].rate = 0.5;
    snprintf(m.segments[1].name, sizeof m.segments[1].name, "outbound");
    m.segments[1].share = 0.75;
    m.segments[1].rate = 0.25;
    return m;
}

static void test_whatif_json_in_parts_is_the_whole_view(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(3);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    t.has_cost_per_lead = true;
    t.cost_per_lead = 20;
    fpl_whatif_input in = {0};
    in.changes[0] = change_of(&f, "s1=+3pp");
    in.changes[1] = change_of(&f, "cost-per-lead=15");
    in.n_changes = 2;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_false(w.volume_held);
    const fpl_mix mixes[2] = {two_segments(0), two_segments(2)};
    const fpl_mix scenario[1] = {two_segments(1)};
    static char want[1 << 16];
    static char got[1 << 16];
    for (int shape = 0; shape < 4; ++shape) {
        size_t n = shape & 1 ? 2 : 0;
        size_t ns = shape & 2 ? 1 : 0;
        size_t want_len = whole_json(&f, &in, &w, mixes, n, scenario, ns, want, sizeof want);
        assert_true(want_len < sizeof want);
        size_t len = 0;
        assert_int_equal(fpl_whatif_json(&f, &in, &w, mixes, n, scenario, ns, got, sizeof got,
                                         &len, NULL),
                         FPL_OK);
        assert_int_equal(len, want_len);
        assert_string_equal(got, want);
    }
    assert_non_null(strstr(got, "\"mode\": \"target\""));
    assert_non_null(strstr(got, "\"kind\": \"points\""));
    assert_non_null(strstr(got, "\"lever\": \"cost-per-lead\""));
    assert_non_null(strstr(got, "\"baseline\": {\n    \"command\": \"plan\""));
    assert_non_null(strstr(got, "\"scenario_mix\": [\n    {\n      \"stage\": \"s1\""));
    assert_null(strstr(got, "\"invest\""));
    /* cut like snprintf: the length is the whole text's */
    size_t len = 0;
    assert_int_equal(fpl_whatif_json(&f, &in, &w, mixes, 2, scenario, 1, got, 10, &len, NULL),
                     FPL_OK);
    assert_int_equal(strlen(got), 9);
    assert_int_equal(len, strlen(want));
}

static void test_whatif_refuses_a_change_without_a_name(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_whatif_input in;
    fpl_whatif w;
    example3(&f, &in, &w);
    in.changes[1] = (fpl_change){FPL_LEVER_STAGE, 5, FPL_CHANGE_SET, 0.5};
    in.n_changes = 2;
    char text[64];
    size_t len = 0;
    fpl_error e;
    assert_int_equal(fpl_whatif_json(&f, &in, &w, NULL, 0, NULL, 0, text, sizeof text, &len, &e),
                     FPL_ERR_CHANGE_LEVER);
    assert_error(e, FPL_ERR_CHANGE_LEVER, FPL_FIELD_CHANGE, 1);
    in.changes[1].stage = 0;
    in.changes[1].kind = (fpl_change_kind)3;
    static fpl_node nodes[FPL_VIEW_WHATIF_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_WHATIF_NODES);
    assert_int_equal(fpl_view_whatif(&v, NULL, &f, &in, &w, &e), FPL_ERR_CHANGE_LEVER);
    assert_int_equal(v.needed, 0); /* refused before a node */
    in.n_changes = FPL_MAX_CHANGES + 1;
    assert_int_equal(fpl_view_whatif(&v, NULL, &f, &in, &w, NULL), FPL_ERR_CHANGE_COUNT);
    in.n_changes = 1;
    const fpl_mix bad = two_segments(1); /* the funnel has one stage */
    assert_int_equal(fpl_whatif_json(&f, &in, &w, NULL, 0, &bad, 1, text, sizeof text, &len, &e),
                     FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_view_whatif(&v, NULL, &f, NULL, &w, NULL), FPL_ERR_NULL);
}

static void test_largest_whatif_needs_exactly_its_nodes(void **state)
{
    (void)state;
    fpl_funnel f = funnel_of(FPL_MAX_STAGES);
    static fpl_whatif w;
    memset(&w, 0, sizeof w);
    w.per = FPL_PERIOD_YEAR;
    w.scenario_funnel = f;
    w.has_invest = true;
    w.baseline_plan.n_stages = FPL_MAX_STAGES;
    w.baseline_plan.has_cost = true;
    w.scenario_plan = w.baseline_plan;
    static fpl_whatif_input in;
    memset(&in, 0, sizeof in);
    in.n_changes = FPL_MAX_CHANGES;
    static fpl_node nodes[FPL_VIEW_WHATIF_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_WHATIF_NODES);
    assert_int_equal(fpl_view_whatif(&v, NULL, &f, &in, &w, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_WHATIF_NODES);
    /* volume held: two forecasts, no larger */
    w.volume_held = true;
    w.baseline_forecast.n_stages = FPL_MAX_STAGES;
    w.baseline_forecast.has_cost = true;
    w.baseline_forecast.target = FPL_TARGET_DEALS;
    w.scenario_forecast = w.baseline_forecast;
    fpl_view_init(&v, nodes, FPL_VIEW_WHATIF_NODES);
    assert_int_equal(fpl_view_whatif(&v, NULL, &f, &in, &w, NULL), FPL_OK);
    assert_int_equal(v.count, 19 + 4 * FPL_MAX_CHANGES + 2 * FPL_VIEW_FORECAST_NODES);
    assert_true(v.count <= FPL_VIEW_WHATIF_NODES);
    /* and its JSON in parts is the whole view's */
    size_t len = 0;
    assert_int_equal(fpl_whatif_json(&f, &in, &w, NULL, 0, NULL, 0, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, fpl_view_json(nodes, v.count, NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_of_levers_and_change_kinds),
        cmocka_unit_test(test_solve_json_is_the_contract),
        cmocka_unit_test(test_solve_json_refuses_what_has_no_name),
        cmocka_unit_test(test_sensitivity_json_is_the_contract),
        cmocka_unit_test(test_sensitivity_refuses_what_has_no_name),
        cmocka_unit_test(test_sensitivity_of_every_stage_needs_exactly_its_nodes),
        cmocka_unit_test(test_whatif_json_has_the_worked_example),
        cmocka_unit_test(test_whatif_json_in_parts_is_the_whole_view),
        cmocka_unit_test(test_whatif_refuses_a_change_without_a_name),
        cmocka_unit_test(test_largest_whatif_needs_exactly_its_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

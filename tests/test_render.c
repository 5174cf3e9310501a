/*
 * funnelplan — rendering: views of results and the JSON writer.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* The node of a view's root object with this key (NULL when none). */
static const fpl_node *member(const fpl_node *nodes, size_t count, const char *key)
{
    /* Walks the root's direct members, passing each one's subtree. */
    size_t i = 1;
    for (size_t m = 0; m < nodes[0].children && i < count; ++m) {
        if (nodes[i].key != NULL && strcmp(nodes[i].key, key) == 0) {
            return &nodes[i];
        }
        size_t pending = 1;
        while (pending > 0 && i < count) {
            pending--;
            if (nodes[i].kind == FPL_NODE_OBJECT || nodes[i].kind == FPL_NODE_ARRAY) {
                pending += nodes[i].children;
            }
            i++;
        }
    }
    return NULL;
}

/* The JSON of a view as a NUL-terminated string in out (asserting it fits). */
static void json_of(const fpl_view *v, char *out, size_t capacity)
{
    size_t len = fpl_view_json(v->nodes, v->count, out, capacity);
    assert_true(len < capacity);
    assert_int_equal(strlen(out), len);
}

/* A plan of one stage, built by hand: 20 deals a year of 50,000 from a
 * stage at 10%. */
static void hand_plan(fpl_funnel *f, fpl_plan *p)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.1);
    *p = (fpl_plan){0};
    p->per = FPL_PERIOD_YEAR;
    p->n_stages = 1;
    p->has_revenue = true;
    p->revenue = 1000000;
    p->has_deal_size = true;
    p->deal_size = 50000;
    p->deals = 20;
    p->deals_whole = 20;
    p->margin = 1;
    p->gross_profit = 1000000;
    p->stages[0] = (fpl_plan_stage){0.1, 0.1, 200, 200, 0};
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        double months = q == 0 ? 1 : q == 1 ? 3 : 12;
        p->by_period[q].revenue = 1000000 * months / 12;
        p->by_period[q].deals = 20 * months / 12;
        p->by_period[q].required[0] = 200 * months / 12;
    }
}

static void test_plan_view_has_the_contract_nodes(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    hand_plan(&f, &p);
    fpl_node nodes[FPL_VIEW_PLAN_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_PLAN_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, NULL), FPL_OK);
    assert_int_equal(fpl_view_check(&v, NULL), FPL_OK);
    /* root, 8 leaves, stages [1 object of 5], by_period {3 x (object, 2
     * leaves, stages [1 object of 2])} */
    assert_int_equal(v.count, 1 + 8 + 1 + 6 + 1 + 3 * 7);
    assert_int_equal(v.needed, v.count);
    assert_int_equal(nodes[0].kind, FPL_NODE_OBJECT);
    assert_null(nodes[0].key);
    assert_int_equal(nodes[0].children, 10);
    static const char *const keys[] = {"command", "per", "revenue", "deal_size", "deals",
                                       "deals_whole", "margin", "gross_profit"};
    for (size_t i = 0; i < 8; ++i) {
        assert_string_equal(nodes[1 + i].key, keys[i]);
    }
    assert_int_equal(nodes[1].kind, FPL_NODE_STRING);
    assert_string_equal(nodes[1].value.string, "plan");
    assert_string_equal(nodes[2].value.string, "year");
    assert_int_equal(nodes[3].kind, FPL_NODE_NUMBER);
    assert_same_double(nodes[3].value.number, 1000000);
    assert_int_equal(nodes[6].kind, FPL_NODE_COUNT);
    assert_int_equal(nodes[6].value.count, 20);
    const fpl_node *stages = member(nodes, v.count, "stages");
    assert_non_null(stages);
    assert_int_equal(stages->kind, FPL_NODE_ARRAY);
    assert_int_equal(stages->children, 1);
    assert_int_equal(stages[1].kind, FPL_NODE_OBJECT);
    assert_null(stages[1].key);
    assert_int_equal(stages[1].children, 5);
    assert_string_equal(stages[2].key, "name");
    assert_string_equal(stages[2].value.string, "lead");
    assert_string_equal(stages[6].key, "required_whole");
    assert_int_equal(stages[6].kind, FPL_NODE_COUNT);
    const fpl_node *by_period = member(nodes, v.count, "by_period");
    assert_non_null(by_period);
    assert_int_equal(by_period->children, 3);
    assert_string_equal(by_period[1].key, "month");
    assert_null(member(nodes, v.count, "cost_per_lead"));
    assert_null(member(nodes, v.count, "confidence"));
}

static void test_plan_view_without_revenue_has_nulls(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    hand_plan(&f, &p);
    p.has_revenue = false;
    p.has_deal_size = false;
    fpl_node nodes[FPL_VIEW_PLAN_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_PLAN_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, NULL), FPL_OK);
    assert_int_equal(member(nodes, v.count, "revenue")->kind, FPL_NODE_NULL);
    assert_int_equal(member(nodes, v.count, "deal_size")->kind, FPL_NODE_NULL);
    assert_int_equal(member(nodes, v.count, "gross_profit")->kind, FPL_NODE_NULL);
    char text[4096];
    json_of(&v, text, sizeof text);
    assert_non_null(strstr(text, "\n  \"revenue\": null,\n"));
}

static void test_plan_view_with_confidence_and_cost(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    hand_plan(&f, &p);
    p.has_cost = true;
    p.cost_per_lead = 2;
    p.budget = 400;
    p.cost_per_deal = 20;
    fpl_odds_plan conf = {0.9, 20, 1, {263}};
    fpl_node nodes[FPL_VIEW_PLAN_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_PLAN_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, &conf, NULL), FPL_OK);
    assert_string_equal(nodes[7].key, "confidence");
    assert_same_double(nodes[7].value.number, 0.9);
    const fpl_node *stages = member(nodes, v.count, "stages");
    assert_int_equal(stages[1].children, 7);
    assert_string_equal(stages[7].key, "cost_per");
    assert_string_equal(stages[8].key, "required_for_confidence");
    assert_int_equal(stages[8].kind, FPL_NODE_WHOLE);
    assert_non_null(member(nodes, v.count, "cost_per_deal"));
    char text[4096];
    json_of(&v, text, sizeof text);
    assert_non_null(strstr(text, "\"required_for_confidence\": 263\n"));
}

static void test_plan_view_refuses_what_it_cannot_describe(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    hand_plan(&f, &p);
    fpl_node nodes[16];
    fpl_view v;
    fpl_view_init(&v, nodes, 16);
    fpl_error err;
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, &err), FPL_ERR_WORKSPACE);
    assert_int_equal(err.field, FPL_FIELD_WORKSPACE);
    assert_int_equal(v.count, 16);
    assert_int_equal(v.needed, 38); /* what it needs, to size the next try */
    assert_int_equal(fpl_view_check(&v, NULL), FPL_ERR_WORKSPACE);
    p.n_stages = 2; /* more than the funnel has */
    fpl_view_init(&v, nodes, 16);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, &err), FPL_ERR_STAGE_COUNT);
    assert_int_equal(fpl_view_plan(NULL, NULL, &f, &p, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, NULL, NULL, NULL), FPL_ERR_NULL);
}

/* The capacities the header promises suffice for the largest results. */
static void test_largest_results_fit_the_promised_capacities(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    for (int i = 0; i < FPL_MAX_STAGES; ++i) {
        char name[8];
        snprintf(name, sizeof name, "s%d", i);
        fpl_test_add(&f, name, 0.5);
    }
    fpl_plan p;
    fpl_funnel one;
    hand_plan(&one, &p);
    p.n_stages = FPL_MAX_STAGES;
    p.has_cost = true;
    fpl_odds_plan conf = {0};
    static fpl_node nodes[FPL_VIEW_MAX_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_PLAN_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, &conf, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_PLAN_NODES);
    fpl_forecast r = {0};
    r.n_stages = FPL_MAX_STAGES;
    r.has_cost = true;
    r.target = FPL_TARGET_DEALS;
    fpl_view_init(&v, nodes, FPL_VIEW_FORECAST_NODES);
    assert_int_equal(fpl_view_forecast(&v, NULL, &f, &r, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_FORECAST_NODES);
    /* a mix of FPL_MAX_SEGMENTS segments at every stage */
    fpl_mix mixes[FPL_MAX_STAGES];
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        mixes[i] = (fpl_mix){0};
        mixes[i].stage = i;
        mixes[i].n_segments = FPL_MAX_SEGMENTS;
        for (size_t k = 0; k < FPL_MAX_SEGMENTS; ++k) {
            snprintf(mixes[i].segments[k].name, sizeof mixes[i].segments[k].name, "g%zu", k);
            mixes[i].segments[k].share = 1.0 / FPL_MAX_SEGMENTS;
            mixes[i].segments[k].rate = 0.5;
        }
    }
    fpl_view_init(&v, nodes, FPL_VIEW_MAX_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, &conf, NULL), FPL_OK);
    const size_t plan_nodes = v.count;
    fpl_view_reopen(&v);
    assert_int_equal(fpl_view_mixes(&v, "mix", &f, mixes, FPL_MAX_STAGES, NULL), FPL_OK);
    fpl_view_close(&v);
    assert_true(v.count <= FPL_VIEW_MAX_NODES);
    assert_int_equal(v.count - plan_nodes, 1 + FPL_MAX_STAGES * FPL_VIEW_MIX_NODES);
}

static void test_forecast_view_lists_stages_from_at(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_forecast_input in = {100, 1};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    fpl_node nodes[FPL_VIEW_FORECAST_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_FORECAST_NODES);
    assert_int_equal(fpl_view_forecast(&v, NULL, &f, &r, NULL), FPL_OK);
    assert_string_equal(member(nodes, v.count, "at")->value.string, "opportunity");
    const fpl_node *stages = member(nodes, v.count, "stages");
    assert_int_equal(stages->children, 1);
    assert_string_equal(stages[2].value.string, "opportunity");
    assert_same_double(member(nodes, v.count, "gap_deals")->value.number, 10 - 25);
    assert_int_equal(member(nodes, v.count, "target_revenue")->kind, FPL_NODE_NULL);
    r.at = 2;
    assert_int_equal(fpl_view_forecast(&v, NULL, &f, &r, NULL), FPL_ERR_STAGE_UNKNOWN);
}

/* {"a": 1} */
static size_t one_member(fpl_node nodes[4], fpl_view *v)
{
    fpl_view_init(v, nodes, 4);
    fpl_view_object(v, NULL);
    fpl_view_number(v, "a", 1);
    fpl_view_close(v);
    return v->count;
}

static void test_json_is_cut_like_snprintf(void **state)
{
    (void)state;
    fpl_node nodes[4];
    fpl_view v;
    size_t count = one_member(nodes, &v);
    static const char want[] = "{\n  \"a\": 1\n}\n";
    const size_t len = sizeof want - 1;
    assert_int_equal(fpl_view_json(nodes, count, NULL, 0), len);
    char buf[32];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(fpl_view_json(nodes, count, buf, 0), len);
    assert_int_equal(buf[0], 'x'); /* capacity 0: nothing written */
    assert_int_equal(fpl_view_json(nodes, count, buf, 1), len);
    assert_string_equal(buf, "");
    assert_int_equal(buf[1], 'x');
    memset(buf, 'x', sizeof buf);
    assert_int_equal(fpl_view_json(nodes, count, buf, len + 1), len); /* exact */
    assert_string_equal(buf, want);
    assert_int_equal(buf[len + 1], 'x');
    memset(buf, 'x', sizeof buf);
    assert_int_equal(fpl_view_json(nodes, count, buf, len), len); /* one short */
    assert_int_equal(buf[len - 1], '\0');
    assert_memory_equal(buf, want, len - 1);
    assert_int_equal(buf[len], 'x');
}

static void test_json_nests_like_json_dumps_indent_2(void **state)
{
    (void)state;
    fpl_node nodes[16];
    fpl_view v;
    fpl_view_init(&v, nodes, 16);
    fpl_view_object(&v, NULL);
    fpl_view_array(&v, "list");
    fpl_view_object(&v, "ignored in an array");
    fpl_view_bool(&v, "yes", true);
    fpl_view_bool(&v, "no", false);
    fpl_view_close(&v);
    fpl_view_array(&v, NULL);
    fpl_view_close(&v);
    fpl_view_object(&v, NULL);
    fpl_view_close(&v);
    fpl_view_close(&v);
    fpl_view_count(&v, "n", 7);
    fpl_view_close(&v);
    assert_int_equal(fpl_view_check(&v, NULL), FPL_OK);
    char text[256];
    json_of(&v, text, sizeof text);
    assert_string_equal(text, "{\n"
                              "  \"list\": [\n"
                              "    {\n"
                              "      \"yes\": true,\n"
                              "      \"no\": false\n"
                              "    },\n"
                              "    [],\n"
                              "    {}\n"
                              "  ],\n"
                              "  \"n\": 7\n"
                              "}\n");
}

static void test_json_escapes_strings_as_the_cli_did(void **state)
{
    (void)state;
    fpl_node nodes[4];
    fpl_view v;
    fpl_view_init(&v, nodes, 4);
    fpl_view_object(&v, NULL);
    fpl_view_string(&v, "k\"ey", "q\"b\\s\x01\x1f\x7f\b\f\n\r\t \xc3\xa9/");
    fpl_view_close(&v);
    char text[256];
    json_of(&v, text, sizeof text);
    assert_string_equal(text, "{\n  \"k\\\"ey\": "
                              "\"q\\\"b\\\\s\\u0001\\u001f\\u007f\\b\\f\\n\\r\\t \xc3\xa9/\"\n}\n");
}

static void test_json_writes_absent_values_as_null(void **state)
{
    (void)state;
    fpl_node nodes[8];
    fpl_view v;
    fpl_view_init(&v, nodes, 8);
    fpl_view_array(&v, NULL);
    fpl_view_null(&v, NULL);
    fpl_view_number_or_null(&v, NULL, false, 1.5);
    fpl_view_string(&v, NULL, NULL);
    fpl_view_number(&v, NULL, NAN);
    fpl_view_number(&v, NULL, INFINITY);
    fpl_view_close(&v);
    char text[256];
    json_of(&v, text, sizeof text);
    assert_string_equal(text, "[\n  null,\n  null,\n  null,\n  null,\n  null\n]\n");
    assert_int_equal(fpl_view_json(NULL, 0, text, sizeof text), 5);
    assert_string_equal(text, "null\n");
}

static void test_json_writes_whole_counts_as_integers(void **state)
{
    (void)state;
    fpl_node nodes[8];
    fpl_view v;
    fpl_view_init(&v, nodes, 8);
    fpl_view_array(&v, NULL);
    fpl_view_whole(&v, NULL, 20.0);
    fpl_view_whole(&v, NULL, FPL_WHOLE_MAX);
    fpl_view_whole(&v, NULL, 2.5);   /* not whole: shown, not cut */
    fpl_view_count(&v, NULL, UINT64_MAX);
    fpl_view_number(&v, NULL, 20.0);
    fpl_view_number(&v, NULL, 0.1);
    fpl_view_number(&v, NULL, 1e21);
    fpl_view_close(&v);
    char text[256];
    json_of(&v, text, sizeof text);
    assert_string_equal(text, "[\n  20,\n  9007199254740992,\n  2.5,\n"
                              "  18446744073709551615,\n  20,\n  0.1,\n  1e+21\n]\n");
}

static void test_view_past_max_depth_is_refused_and_written_null(void **state)
{
    (void)state;
    fpl_node nodes[64];
    fpl_view v;
    fpl_view_init(&v, nodes, 64);
    for (int i = 0; i < FPL_VIEW_MAX_DEPTH + 2; ++i) {
        fpl_view_array(&v, NULL);
    }
    for (int i = 0; i < FPL_VIEW_MAX_DEPTH + 2; ++i) {
        fpl_view_close(&v);
    }
    assert_int_equal(v.count, FPL_VIEW_MAX_DEPTH);
    assert_int_equal(v.needed, FPL_VIEW_MAX_DEPTH + 2);
    assert_int_equal(fpl_view_check(&v, NULL), FPL_ERR_WORKSPACE);
    /* A view made by hand deeper than the writer goes: null there. */
    fpl_node deep[FPL_VIEW_MAX_DEPTH + 1];
    for (size_t i = 0; i < FPL_VIEW_MAX_DEPTH + 1; ++i) {
        deep[i] = (fpl_node){FPL_NODE_ARRAY, NULL, i < FPL_VIEW_MAX_DEPTH ? 1 : 0, {0}};
    }
    char text[1024];
    size_t len = fpl_view_json(deep, FPL_VIEW_MAX_DEPTH + 1, text, sizeof text);
    assert_true(len < sizeof text);
    assert_non_null(strstr(text, "null"));
    /* A view that names more children than it holds: written as it is. */
    fpl_node cut[2] = {{FPL_NODE_OBJECT, NULL, 5, {0}},
                       {FPL_NODE_BOOL, "a", 0, {.boolean = true}}};
    assert_int_equal(fpl_view_json(cut, 2, text, sizeof text), strlen("{\n  \"a\": true\n}\n"));
    assert_string_equal(text, "{\n  \"a\": true\n}\n");
}

static void test_reopen_adds_members_at_the_end(void **state)
{
    (void)state;
    fpl_node nodes[8];
    fpl_view v;
    one_member(nodes, &v);
    v.capacity = 8;
    fpl_view_reopen(&v);
    fpl_view_string(&v, "b", "x");
    fpl_view_close(&v);
    assert_int_equal(nodes[0].children, 2);
    char text[64];
    json_of(&v, text, sizeof text);
    assert_string_equal(text, "{\n  \"a\": 1,\n  \"b\": \"x\"\n}\n");
    fpl_view_string(&v, NULL, "second root");
    assert_int_equal(fpl_view_check(&v, NULL), FPL_ERR_WORKSPACE);
}

/* fpl_plan_json writes the mixes one at a time: the same bytes as the whole
 * view (plan, reopened, the mixes under "mix") written by fpl_view_json. */
static void test_plan_json_is_the_view_with_its_mixes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "mql", 0.27);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_mix mixes[2];
    static const char a[] = "mql=hot:20%@60%,warm:30%@30%,cold:50%@5%";
    static const char b[] = "opportunity=big:50%@50%,small:50%@10%";
    assert_int_equal(fpl_mix_parse(&f, a, sizeof a - 1, &mixes[0], NULL), FPL_OK);
    assert_int_equal(fpl_mix_parse(&f, b, sizeof b - 1, &mixes[1], NULL), FPL_OK);
    assert_int_equal(fpl_mix_apply(&f, &mixes[0], NULL), FPL_OK);
    assert_int_equal(fpl_mix_apply(&f, &mixes[1], NULL), FPL_OK);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);

    static fpl_node nodes[FPL_VIEW_MAX_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_MAX_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, NULL), FPL_OK);
    fpl_view_reopen(&v);
    assert_int_equal(fpl_view_mixes(&v, "mix", &f, mixes, 2, NULL), FPL_OK);
    fpl_view_close(&v);
    static char want[16384];
    json_of(&v, want, sizeof want);
    assert_non_null(strstr(want, "\n  \"mix\": [\n    {\n      \"stage\": \"mql\",\n"));

    static char got[16384];
    size_t len = 0;
    assert_int_equal(fpl_plan_json(&f, &p, NULL, mixes, 2, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(want));
    assert_int_equal(fpl_plan_json(&f, &p, NULL, mixes, 2, got, sizeof got, &len, NULL), FPL_OK);
    assert_string_equal(got, want);

    /* Without mixes: the plan's view alone. */
    fpl_view_init(&v, nodes, FPL_VIEW_MAX_NODES);
    assert_int_equal(fpl_view_plan(&v, NULL, &f, &p, NULL, NULL), FPL_OK);
    json_of(&v, want, sizeof want);
    assert_int_equal(fpl_plan_json(&f, &p, NULL, NULL, 0, got, sizeof got, &len, NULL), FPL_OK);
    assert_string_equal(got, want);

    /* A mix of a stage the funnel does not have is refused, naming it. */
    mixes[1].stage = 5;
    fpl_error err;
    assert_int_equal(fpl_plan_json(&f, &p, NULL, mixes, 2, got, sizeof got, &len, &err),
                     FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(err.field, FPL_FIELD_MIX);
    assert_int_equal(fpl_plan_json(&f, &p, NULL, NULL, 0, NULL, 1, &len, NULL), FPL_ERR_NULL);
}

static void test_json_is_the_same_in_every_locale(void **state)
{
    (void)state;
    fpl_node nodes[4];
    fpl_view v;
    fpl_view_init(&v, nodes, 4);
    fpl_view_array(&v, NULL);
    fpl_view_number(&v, NULL, 1666.6666666666667);
    fpl_view_close(&v);
    char c_text[64];
    json_of(&v, c_text, sizeof c_text);
    assert_string_equal(c_text, "[\n  1666.6666666666667\n]\n");
    for (size_t i = 0; i < FPL_TEST_LOCALE_COUNT; ++i) {
        fpl_test_set_locale(fpl_test_locales[i]);
        char text[64];
        json_of(&v, text, sizeof text);
        assert_string_equal(text, c_text);
    }
    setlocale(LC_ALL, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_view_has_the_contract_nodes),
        cmocka_unit_test(test_plan_view_without_revenue_has_nulls),
        cmocka_unit_test(test_plan_view_with_confidence_and_cost),
        cmocka_unit_test(test_plan_view_refuses_what_it_cannot_describe),
        cmocka_unit_test(test_largest_results_fit_the_promised_capacities),
        cmocka_unit_test(test_forecast_view_lists_stages_from_at),
        cmocka_unit_test(test_json_is_cut_like_snprintf),
        cmocka_unit_test(test_json_nests_like_json_dumps_indent_2),
        cmocka_unit_test(test_json_escapes_strings_as_the_cli_did),
        cmocka_unit_test(test_json_writes_absent_values_as_null),
        cmocka_unit_test(test_json_writes_whole_counts_as_integers),
        cmocka_unit_test(test_view_past_max_depth_is_refused_and_written_null),
        cmocka_unit_test(test_reopen_adds_members_at_the_end),
        cmocka_unit_test(test_plan_json_is_the_view_with_its_mixes),
        cmocka_unit_test(test_json_is_the_same_in_every_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

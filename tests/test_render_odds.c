/*
 * funnelplan — rendering an odds result: its view and its JSON.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* The node of an object's direct member with this key (NULL when none);
 * obj is the index of the object in nodes. */
static const fpl_node *member_of(const fpl_node *nodes, size_t count, size_t obj,
                                 const char *key)
{
    size_t i = obj + 1;
    for (size_t m = 0; m < nodes[obj].children && i < count; ++m) {
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

/* An odds result built by hand: 100 leads a month at 12%, 12 deals
 * wanted, no deal size, two confidence levels (the second beyond 2^53). */
static void hand_odds(fpl_funnel *f, fpl_odds *r)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.12);
    *r = (fpl_odds){0};
    r->per = FPL_PERIOD_MONTH;
    r->n_stages = 1;
    r->volume = 100;
    r->cumulative_rate = 0.12;
    r->target_deals = 12;
    r->p_hit = 0.5;
    r->p_miss = 0.5;
    r->expected_deals = 12;
    r->sd_deals = 3.25;
    r->deals_quantiles[0] = 8;
    r->deals_quantiles[1] = 12;
    r->deals_quantiles[2] = 16;
    r->n_levels = 2;
    r->volume_for[0] = (fpl_odds_level){0.5, true, 97};
    r->volume_for[1] = (fpl_odds_level){0.99, false, 0};
    r->volume_per = FPL_PERIOD_MONTH;
    r->given_volume = 100;
    r->given_volume_for[0] = 97;
}

static const char hand_odds_json[] =
    "{\n"
    "  \"command\": \"odds\",\n"
    "  \"per\": \"month\",\n"
    "  \"at\": \"lead\",\n"
    "  \"volume\": 100,\n"
    "  \"cumulative_rate\": 0.12,\n"
    "  \"target_deals\": 12,\n"
    "  \"target_revenue\": null,\n"
    "  \"deal_size\": null,\n"
    "  \"p_hit\": 0.5,\n"
    "  \"p_miss\": 0.5,\n"
    "  \"expected_deals\": 12,\n"
    "  \"sd_deals\": 3.25,\n"
    "  \"expected_revenue\": null,\n"
    "  \"deals_quantiles\": {\n"
    "    \"p10\": 8,\n"
    "    \"p50\": 12,\n"
    "    \"p90\": 16\n"
    "  },\n"
    "  \"revenue_quantiles\": null,\n"
    "  \"volume_for\": [\n"
    "    {\n"
    "      \"confidence\": 0.5,\n"
    "      \"volume\": 97,\n"
    "      \"given_volume\": 97\n"
    "    },\n"
    "    {\n"
    "      \"confidence\": 0.99,\n"
    "      \"volume\": null,\n"
    "      \"given_volume\": null\n"
    "    }\n"
    "  ],\n"
    "  \"simulation\": null,\n"
    "  \"volume_per\": \"month\",\n"
    "  \"given_volume\": 100\n"
    "}\n";

/* A simulation built by hand on a funnel lead 20%, deal 50%: sizes vary
 * (cv 0.5), the deal stage's rate is known from history (5 of 10), the
 * hit judged on revenue. */
static void hand_sim(fpl_funnel *f, fpl_odds_sim_input *in, fpl_odds_sim *s)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.2);
    fpl_test_add(f, "deal", 0.5);
    fpl_odds_sim_input_init(in);
    in->volume = 100;
    in->trials = 2000;
    in->seed = 7;
    in->deal_size_cv = 0.5;
    in->has_history[1] = true;
    in->won[1] = 5;
    in->total[1] = 10;
    *s = (fpl_odds_sim){0};
    s->trials = 2000;
    s->seed = 7;
    s->target_deals = 12;
    s->has_revenue = true;
    s->by_revenue = true;
    s->p_hit = (fpl_odds_estimate){0.25, 0.01};
    s->expected_deals = (fpl_odds_estimate){9.75, 0.0625};
    s->expected_revenue = (fpl_odds_estimate){4875, 31.25};
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        s->deals_quantiles[i] = (fpl_odds_estimate){5.0 + 5 * i, 0.5};
        s->revenue_quantiles[i] = (fpl_odds_estimate){2500.0 + 2500 * i, 125};
    }
}

static const char hand_sim_json[] =
    "{\n"
    "  \"trials\": 2000,\n"
    "  \"seed\": 7,\n"
    "  \"deal_size_cv\": 0.5,\n"
    "  \"deal_size_distribution\": \"gamma\",\n"
    "  \"history\": [\n"
    "    {\n"
    "      \"stage\": \"deal\",\n"
    "      \"won\": 5,\n"
    "      \"total\": 10\n"
    "    }\n"
    "  ],\n"
    "  \"judged_on\": \"revenue\",\n"
    "  \"p_hit\": 0.25,\n"
    "  \"expected_deals\": 9.75,\n"
    "  \"expected_revenue\": 4875,\n"
    "  \"deals_quantiles\": {\n"
    "    \"p10\": 5,\n"
    "    \"p50\": 10,\n"
    "    \"p90\": 15\n"
    "  },\n"
    "  \"revenue_quantiles\": {\n"
    "    \"p10\": 2500,\n"
    "    \"p50\": 5000,\n"
    "    \"p90\": 7500\n"
    "  },\n"
    "  \"std_error\": {\n"
    "    \"p_hit\": 0.01,\n"
    "    \"expected_deals\": 0.0625,\n"
    "    \"expected_revenue\": 31.25,\n"
    "    \"deals_quantiles\": {\n"
    "      \"p10\": 0.5,\n"
    "      \"p50\": 0.5,\n"
    "      \"p90\": 0.5\n"
    "    },\n"
    "    \"revenue_quantiles\": {\n"
    "      \"p10\": 125,\n"
    "      \"p50\": 125,\n"
    "      \"p90\": 125\n"
    "    }\n"
    "  }\n"
    "}\n";

static void test_odds_json_is_the_contract(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_odds r;
    hand_odds(&f, &r);
    char text[4096];
    size_t len = 0;
    assert_int_equal(fpl_odds_json(&f, &r, NULL, NULL, text, sizeof text, &len, NULL), FPL_OK);
    assert_string_equal(text, hand_odds_json);
    assert_int_equal(len, strlen(hand_odds_json));
}

static void test_odds_sim_view_names_its_labels_and_history(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_odds_sim_input in;
    fpl_odds_sim s;
    hand_sim(&f, &in, &s);
    fpl_node nodes[FPL_VIEW_ODDS_SIM_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_SIM_NODES);
    assert_int_equal(fpl_view_odds_sim(&v, NULL, &f, &in, &s, NULL), FPL_OK);
    char text[4096];
    size_t len = fpl_view_json(nodes, v.count, text, sizeof text);
    assert_true(len < sizeof text);
    assert_string_equal(text, hand_sim_json);
}

/* Fixed sizes, no history, judged on deals, no deal size: null labels and
 * figures, an empty history. */
static void test_odds_sim_with_fixed_sizes_has_no_distribution(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_odds_sim_input in;
    fpl_odds_sim s;
    hand_sim(&f, &in, &s);
    in.deal_size_cv = 0;
    in.has_history[1] = false;
    s.by_revenue = false;
    s.has_revenue = false;
    fpl_node nodes[FPL_VIEW_ODDS_SIM_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_SIM_NODES);
    assert_int_equal(fpl_view_odds_sim(&v, NULL, &f, &in, &s, NULL), FPL_OK);
    assert_int_equal(member_of(nodes, v.count, 0, "deal_size_distribution")->kind,
                     FPL_NODE_NULL);
    assert_int_equal(member_of(nodes, v.count, 0, "history")->children, 0);
    assert_string_equal(member_of(nodes, v.count, 0, "judged_on")->value.string, "deals");
    assert_int_equal(member_of(nodes, v.count, 0, "expected_revenue")->kind, FPL_NODE_NULL);
    assert_int_equal(member_of(nodes, v.count, 0, "revenue_quantiles")->kind, FPL_NODE_NULL);
    char text[4096];
    size_t len = fpl_view_json(nodes, v.count, text, sizeof text);
    assert_true(len < sizeof text);
    assert_non_null(strstr(text, "\"deal_size_distribution\": null,\n  \"history\": [],\n"));
}

static void test_odds_labels_are_the_library_s(void **state)
{
    (void)state;
    assert_string_equal(fpl_odds_distribution_name(0.5), "gamma");
    assert_string_equal(fpl_odds_distribution_name(FPL_ODDS_CV_MIN), "gamma");
    assert_null(fpl_odds_distribution_name(0.0));
    fpl_odds_sim s = {0};
    assert_string_equal(fpl_odds_judged_on_name(&s), "deals");
    s.by_revenue = true;
    assert_string_equal(fpl_odds_judged_on_name(&s), "revenue");
    assert_null(fpl_odds_judged_on_name(NULL));
}

/* The Danish example computed and simulated: the simulation nests under
 * "simulation", and the one-call JSON is the view's. */
static void test_odds_json_nests_the_simulation(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 12;
    fpl_odds_input in = {0};
    in.volume = 100;
    fpl_odds r;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    fpl_odds_sim_input si = FPL_ODDS_SIM_INPUT_INIT;
    si.volume = 100;
    si.trials = 500;
    static double work[1000];
    fpl_odds_sim s;
    assert_int_equal(fpl_odds_simulate(&f, &t, &si, work, 1000, &s, NULL), FPL_OK);

    static fpl_node nodes[FPL_VIEW_ODDS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_NODES);
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, &si, &s, NULL), FPL_OK);
    assert_same_double(member_of(nodes, v.count, 0, "p_hit")->value.number, r.p_hit);
    assert_int_equal(member_of(nodes, v.count, 0, "volume_for")->children,
                     FPL_ODDS_STANDARD_LEVELS);
    const fpl_node *sim = member_of(nodes, v.count, 0, "simulation");
    assert_int_equal(sim->kind, FPL_NODE_OBJECT);
    const fpl_node *trials = member_of(nodes, v.count, (size_t)(sim - nodes), "trials");
    assert_int_equal(trials->value.count, 500);
    static char from_view[8192];
    static char one_call[8192];
    size_t len = fpl_view_json(nodes, v.count, from_view, sizeof from_view);
    assert_true(len < sizeof from_view);
    size_t len2 = 0;
    assert_int_equal(fpl_odds_json(&f, &r, &si, &s, one_call, sizeof one_call, &len2, NULL),
                     FPL_OK);
    assert_int_equal(len2, len);
    assert_string_equal(one_call, from_view);
    assert_non_null(strstr(one_call, "\"p_hit\": 0.545781708719077,\n"));
    assert_non_null(strstr(one_call, "  \"simulation\": {\n    \"trials\": 500,\n"));
}

/* Every stage with a history, every confidence level, a deal size: exactly
 * the nodes the macros promise. */
static void test_odds_view_needs_exactly_the_macro_nodes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    for (int i = 0; i < FPL_MAX_STAGES; ++i) {
        char name[8];
        snprintf(name, sizeof name, "s%d", i);
        fpl_test_add(&f, name, 0.5);
    }
    fpl_odds r = {0};
    r.n_stages = FPL_MAX_STAGES;
    r.has_revenue = true;
    r.has_target_revenue = true;
    r.n_levels = FPL_ODDS_MAX_LEVELS;
    for (size_t i = 0; i < FPL_ODDS_MAX_LEVELS; ++i) {
        r.volume_for[i] = (fpl_odds_level){0.5, true, 1};
    }
    fpl_odds_sim_input in = FPL_ODDS_SIM_INPUT_INIT;
    for (size_t k = 0; k < FPL_MAX_STAGES; ++k) {
        in.has_history[k] = true;
        in.won[k] = 1;
        in.total[k] = 2;
    }
    fpl_odds_sim s = {0};
    s.has_revenue = true;
    static fpl_node nodes[FPL_VIEW_ODDS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_SIM_NODES);
    assert_int_equal(fpl_view_odds_sim(&v, NULL, &f, &in, &s, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_ODDS_SIM_NODES);
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_NODES);
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, &in, &s, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_ODDS_NODES);
    /* one node short: refused, and the view says what it needs */
    fpl_error e;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_NODES - 1);
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, &in, &s, &e), FPL_ERR_WORKSPACE);
    assert_int_equal(e.field, FPL_FIELD_WORKSPACE);
    assert_int_equal(v.needed, FPL_VIEW_ODDS_NODES);
    /* within what FPL_VIEW_MAX_NODES promises for any one result */
    assert_true(FPL_VIEW_ODDS_NODES <= FPL_VIEW_MAX_NODES);
}

static void test_odds_view_refuses_what_it_cannot_describe(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_odds r;
    hand_odds(&f, &r);
    fpl_odds_sim s = {0};
    fpl_odds_sim_input in = FPL_ODDS_SIM_INPUT_INIT;
    fpl_node nodes[FPL_VIEW_ODDS_NODES];
    fpl_view v;
    fpl_error e;
    fpl_view_init(&v, nodes, FPL_VIEW_ODDS_NODES);
    assert_int_equal(fpl_view_odds(NULL, NULL, &f, &r, NULL, NULL, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_odds(&v, NULL, NULL, &r, NULL, NULL, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_odds(&v, NULL, &f, NULL, NULL, NULL, &e), FPL_ERR_NULL);
    /* a simulation without what it was asked */
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, NULL, &s, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_odds_sim(&v, NULL, &f, NULL, &s, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_odds_sim(&v, NULL, &f, &in, NULL, &e), FPL_ERR_NULL);
    r.at = 1;
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, NULL, NULL, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(e.field, FPL_FIELD_AT);
    r.at = 0;
    r.n_levels = FPL_ODDS_MAX_LEVELS + 1;
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, NULL, NULL, &e), FPL_ERR_CONFIDENCE_COUNT);
    r.n_levels = 2;
    r.per = (fpl_period)FPL_PERIOD_COUNT;
    assert_int_equal(fpl_view_odds(&v, NULL, &f, &r, NULL, NULL, &e), FPL_ERR_PERIOD);
    /* nothing was added by the refusals */
    assert_int_equal(v.count, 0);
    size_t len = 7;
    assert_int_equal(fpl_odds_json(&f, &r, NULL, NULL, NULL, 0, NULL, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_odds_json(&f, &r, NULL, NULL, NULL, 10, &len, &e), FPL_ERR_NULL);
    assert_int_equal(len, 7);
}

/* Like snprintf: capacity 0 tells the length; a short buffer holds the
 * start and a NUL. */
static void test_odds_json_tells_its_length_and_cuts_short(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_odds r;
    hand_odds(&f, &r);
    size_t len = 0;
    assert_int_equal(fpl_odds_json(&f, &r, NULL, NULL, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(hand_odds_json));
    char small[11];
    assert_int_equal(fpl_odds_json(&f, &r, NULL, NULL, small, sizeof small, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(hand_odds_json));
    assert_string_equal(small, "{\n  \"comma");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odds_json_is_the_contract),
        cmocka_unit_test(test_odds_sim_view_names_its_labels_and_history),
        cmocka_unit_test(test_odds_sim_with_fixed_sizes_has_no_distribution),
        cmocka_unit_test(test_odds_labels_are_the_library_s),
        cmocka_unit_test(test_odds_json_nests_the_simulation),
        cmocka_unit_test(test_odds_view_needs_exactly_the_macro_nodes),
        cmocka_unit_test(test_odds_view_refuses_what_it_cannot_describe),
        cmocka_unit_test(test_odds_json_tells_its_length_and_cuts_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

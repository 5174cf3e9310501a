/*
 * funnelplan — rendering: the view and the JSON of a channels result.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* The question of channels.h's example: two stages, a deal target of 30
 * and two channels, ads (capacity 400) and events (its own rate of 20%). */
static void example(fpl_funnel *f, fpl_terms *t, fpl_channels_input *in)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.10);
    fpl_test_add(f, "opportunity", 0.25);
    *t = (fpl_terms){0};
    t->target = FPL_TARGET_DEALS;
    t->deals = 30;
    t->has_deal_size = true;
    t->deal_size = 5000;
    *in = (fpl_channels_input){0};
    const char *spec[] = {"ads: cost-per-lead=20, capacity=400",
                          "events: cost-per-lead=60, rate=20%"};
    for (size_t i = 0; i < 2; ++i) {
        assert_int_equal(fpl_channel_parse(spec[i], strlen(spec[i]), &in->channels[i], NULL),
                         FPL_OK);
    }
    in->n_channels = 2;
}

/* What `funnelplan channels` printed for the example before the library
 * wrote it (the CLI's own renderer). */
static const char example_json[] =
    "{\n"
    "  \"command\": \"channels\",\n"
    "  \"per\": \"month\",\n"
    "  \"mode\": \"cheapest\",\n"
    "  \"target\": {\n"
    "    \"kind\": \"deals\",\n"
    "    \"value\": 30\n"
    "  },\n"
    "  \"deal_size\": 5000,\n"
    "  \"margin\": 1,\n"
    "  \"channels\": [\n"
    "    {\n"
    "      \"name\": \"ads\",\n"
    "      \"rank\": 1,\n"
    "      \"quality\": \"funnel\",\n"
    "      \"quality_value\": null,\n"
    "      \"top_rate\": 0.1,\n"
    "      \"opportunity_rate\": 0.1,\n"
    "      \"rate_to_won\": 0.025,\n"
    "      \"cost_per_lead\": 20,\n"
    "      \"capacity\": 400,\n"
    "      \"at_capacity\": true,\n"
    "      \"leads\": 400,\n"
    "      \"share\": 0.5,\n"
    "      \"opportunities\": 40,\n"
    "      \"deals\": 10,\n"
    "      \"cost\": 8000,\n"
    "      \"cost_per_opportunity\": 200,\n"
    "      \"cost_per_deal\": 800,\n"
    "      \"deal_size\": 5000,\n"
    "      \"value_per_lead\": 125,\n"
    "      \"revenue\": 50000,\n"
    "      \"gross_profit\": 42000,\n"
    "      \"roi\": 5.25,\n"
    "      \"break_even_cost_per_lead\": 125,\n"
    "      \"headroom\": 105,\n"
    "      \"loses_money\": false,\n"
    "      \"committed\": false,\n"
    "      \"budget_leads\": null,\n"
    "      \"at_budget\": false\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"events\",\n"
    "      \"rank\": 2,\n"
    "      \"quality\": \"rate\",\n"
    "      \"quality_value\": 0.2,\n"
    "      \"top_rate\": 0.2,\n"
    "      \"opportunity_rate\": 0.2,\n"
    "      \"rate_to_won\": 0.05,\n"
    "      \"cost_per_lead\": 60,\n"
    "      \"capacity\": null,\n"
    "      \"at_capacity\": false,\n"
    "      \"leads\": 400,\n"
    "      \"share\": 0.5,\n"
    "      \"opportunities\": 80,\n"
    "      \"deals\": 20,\n"
    "      \"cost\": 24000,\n"
    "      \"cost_per_opportunity\": 300,\n"
    "      \"cost_per_deal\": 1200,\n"
    "      \"deal_size\": 5000,\n"
    "      \"value_per_lead\": 250,\n"
    "      \"revenue\": 100000,\n"
    "      \"gross_profit\": 76000,\n"
    "      \"roi\": 3.1666666666666665,\n"
    "      \"break_even_cost_per_lead\": 250,\n"
    "      \"headroom\": 190,\n"
    "      \"loses_money\": false,\n"
    "      \"committed\": false,\n"
    "      \"budget_leads\": null,\n"
    "      \"at_budget\": false\n"
    "    }\n"
    "  ],\n"
    "  \"ranking\": [\n"
    "    \"ads\",\n"
    "    \"events\"\n"
    "  ],\n"
    "  \"losing\": [],\n"
    "  \"total\": {\n"
    "    \"leads\": 800,\n"
    "    \"opportunities\": 120,\n"
    "    \"deals\": 30,\n"
    "    \"cost\": 32000,\n"
    "    \"cost_per_lead\": 40,\n"
    "    \"cost_per_opportunity\": 266.6666666666667,\n"
    "    \"cost_per_deal\": 1066.6666666666667,\n"
    "    \"revenue\": 150000,\n"
    "    \"gross_profit\": 118000,\n"
    "    \"roi\": 3.6875\n"
    "  },\n"
    "  \"marginal\": {\n"
    "    \"channel\": \"events\",\n"
    "    \"cost_per_deal\": 1200,\n"
    "    \"last_channel\": \"events\"\n"
    "  },\n"
    "  \"most\": null\n"
    "}\n";

/* The JSON of a result, written by fpl_channels_json() into text (asserting
 * it fits) and, for the same result, by fpl_view_json() over
 * fpl_view_channels(): both must be the same bytes. */
static size_t json_of(const fpl_terms *t, const fpl_channels_input *in, const fpl_channels *r,
                      char *text, size_t capacity)
{
    size_t len = 0;
    assert_int_equal(fpl_channels_json(t, in, r, text, capacity, &len, NULL), FPL_OK);
    assert_true(len < capacity);
    assert_int_equal(strlen(text), len);
    static fpl_node nodes[FPL_VIEW_CHANNELS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_CHANNELS_NODES);
    assert_int_equal(fpl_view_channels(&v, NULL, t, in, r, NULL), FPL_OK);
    static char whole[1 << 16];
    assert_int_equal(fpl_view_json(v.nodes, v.count, whole, sizeof whole), len);
    assert_string_equal(whole, text);
    return len;
}

static void test_channels_json_is_the_cli_contract(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_channels_input in;
    example(&f, &t, &in);
    static fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    static char text[1 << 14];
    json_of(&t, &in, &r, text, sizeof text);
    assert_string_equal(text, example_json);
}

static void test_channels_view_has_the_contract_nodes(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_channels_input in;
    example(&f, &t, &in);
    static fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    static fpl_node nodes[FPL_VIEW_CHANNELS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_CHANNELS_NODES);
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &r, NULL), FPL_OK);
    /* root, 3 leaves, target {2}, 2 leaves, channels [2 x 29], ranking [2],
     * losing [], total {10}, marginal {3}, most null */
    assert_int_equal(v.count, 1 + 3 + 3 + 2 + 1 + 2 * FPL_VIEW_CHANNEL_NODES + 3 + 1 + 11 + 4 + 1);
    assert_int_equal(nodes[0].kind, FPL_NODE_OBJECT);
    assert_int_equal(nodes[0].children, 12);
    /* the first channel's object follows the channels' array */
    const fpl_node *ads = &nodes[1 + 3 + 3 + 2 + 1];
    assert_int_equal(ads->kind, FPL_NODE_OBJECT);
    assert_null(ads->key);
    assert_int_equal(ads->children, FPL_VIEW_CHANNEL_NODES - 1);
    assert_string_equal(ads[1].key, "name");
    assert_string_equal(ads[1].value.string, "ads");
    assert_int_equal(ads[2].kind, FPL_NODE_COUNT);
    assert_int_equal(ads[2].value.count, 1);
    assert_string_equal(ads[3].value.string, "funnel");
    assert_int_equal(ads[4].kind, FPL_NODE_NULL);
    assert_int_equal(ads[10].kind, FPL_NODE_BOOL);
    assert_true(ads[10].value.boolean);
    assert_string_equal(ads[25].key, "loses_money");
    assert_int_equal(ads[25].kind, FPL_NODE_BOOL);
    assert_false(ads[25].value.boolean);
    assert_string_equal(ads[26].key, "committed");
    assert_string_equal(ads[27].key, "budget_leads");
    assert_int_equal(ads[27].kind, FPL_NODE_NULL);
    assert_string_equal(ads[28].key, "at_budget");
}

/* The largest result: FPL_MAX_CHANNELS channels, every one losing money,
 * a revenue target, a marginal cost and a most. */
static void test_largest_channels_result_fills_the_promised_capacity(void **state)
{
    (void)state;
    assert_int_equal(FPL_VIEW_CHANNELS_NODES, 31 + 31 * FPL_MAX_CHANNELS);
    static fpl_channels_input in;
    static fpl_channels r;
    in = (fpl_channels_input){0};
    r = (fpl_channels){0};
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 1e6;
    t.has_deal_size = true;
    t.deal_size = 1000;
    in.n_channels = FPL_MAX_CHANNELS;
    r.n_channels = FPL_MAX_CHANNELS;
    r.target = FPL_TARGET_REVENUE;
    r.has_marginal = true;
    r.has_most = true;
    for (size_t i = 0; i < FPL_MAX_CHANNELS; ++i) {
        snprintf(in.channels[i].name, sizeof in.channels[i].name, "c%zu", i);
        r.channels[i].has_revenue = true;
        r.channels[i].loses_money = true;
        r.channels[i].rank = FPL_MAX_CHANNELS - 1 - i;
        r.ranking[i] = FPL_MAX_CHANNELS - 1 - i;
    }
    static fpl_node nodes[FPL_VIEW_CHANNELS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_CHANNELS_NODES);
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_CHANNELS_NODES);
    /* one node fewer does not fit, and says how many it needs */
    fpl_error e;
    fpl_view_init(&v, nodes, FPL_VIEW_CHANNELS_NODES - 1);
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &r, &e), FPL_ERR_WORKSPACE);
    assert_int_equal(e.field, FPL_FIELD_WORKSPACE);
    assert_int_equal(v.needed, FPL_VIEW_CHANNELS_NODES);
    static char text[1 << 16];
    size_t len = json_of(&t, &in, &r, text, sizeof text);
    assert_true(len > 0);
    assert_non_null(strstr(text, "  \"losing\": [\n    \"c31\",\n    \"c30\","));
}

/* Without a target or a deal size: nulls where the contract has them, and
 * a name that JSON escapes. */
static void test_channels_json_without_target_writes_nulls(void **state)
{
    (void)state;
    static fpl_channels_input in;
    static fpl_channels r;
    in = (fpl_channels_input){0};
    r = (fpl_channels){0};
    fpl_terms t = {0};
    t.per = FPL_PERIOD_QUARTER;
    in.n_channels = 1;
    strcpy(in.channels[0].name, "say \"hi\"");
    in.channels[0].quality = FPL_QUALITY_FACTOR;
    in.channels[0].quality_value = 1.5;
    r.per = FPL_PERIOD_QUARTER;
    r.margin = 1;
    r.n_channels = 1;
    r.channels[0].leads = 100;
    r.channels[0].share = 1;
    r.channels[0].cost_per_lead = 2.5;
    r.leads = 100;
    static char text[1 << 14];
    json_of(&t, &in, &r, text, sizeof text);
    assert_non_null(strstr(text, "{\n  \"command\": \"channels\",\n  \"per\": \"quarter\",\n"
                                 "  \"mode\": \"volumes\",\n  \"target\": null,\n"
                                 "  \"deal_size\": null,\n  \"margin\": 1,\n"));
    assert_non_null(strstr(text, "      \"name\": \"say \\\"hi\\\"\",\n      \"rank\": 1,\n"
                                 "      \"quality\": \"factor\",\n"
                                 "      \"quality_value\": 1.5,\n"));
    assert_non_null(strstr(text, "      \"cost_per_lead\": 2.5,\n      \"capacity\": null,\n"));
    assert_non_null(strstr(text, "      \"roi\": null,\n"));
    assert_non_null(strstr(text, "      \"loses_money\": null,\n      \"committed\": false,\n"
                                 "      \"budget_leads\": null,\n"
                                 "      \"at_budget\": false\n    }\n  ],\n"));
    assert_non_null(strstr(text, "  \"ranking\": [\n    \"say \\\"hi\\\"\"\n  ],\n"
                                 "  \"losing\": [],\n"));
    assert_non_null(strstr(text, "    \"roi\": null\n  },\n  \"marginal\": null,\n"
                                 "  \"most\": null\n}\n"));
    /* no channel at all (never from fpl_channels_compute): an empty list */
    r.n_channels = 0;
    json_of(&t, &in, &r, text, sizeof text);
    assert_non_null(strstr(text, "  \"channels\": [],\n  \"ranking\": [],\n"));
}

/* By shares every channel supplies the last deal: the marginal channel is
 * null; a revenue target is written with its value. */
static void test_channels_json_by_shares_has_no_marginal_channel(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_channels_input in;
    example(&f, &t, &in);
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 100000;
    in.by_shares = true;
    in.channels[0].has_share = true;
    in.channels[0].share = 0.25;
    in.channels[1].has_share = true;
    in.channels[1].share = 0.75;
    static fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    static char text[1 << 14];
    json_of(&t, &in, &r, text, sizeof text);
    assert_non_null(strstr(text, "  \"mode\": \"shares\",\n  \"target\": {\n"
                                 "    \"kind\": \"revenue\",\n    \"value\": 100000\n  },\n"));
    assert_non_null(strstr(text, "  \"marginal\": {\n    \"channel\": null,\n"));
    assert_non_null(strstr(text, "  \"most\": {\n    \"leads\": 1600,\n"));
}

static void test_channels_json_is_cut_like_snprintf(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_channels_input in;
    example(&f, &t, &in);
    static fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    size_t len = 0;
    assert_int_equal(fpl_channels_json(&t, &in, &r, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(example_json));
    char small[100];
    memset(small, 'x', sizeof small);
    size_t cut = 0;
    assert_int_equal(fpl_channels_json(&t, &in, &r, small, sizeof small, &cut, NULL), FPL_OK);
    assert_int_equal(cut, len);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, example_json, sizeof small - 1);
}

static void test_channels_view_refuses_what_it_cannot_describe(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_channels_input in;
    example(&f, &t, &in);
    static fpl_channels r, bad;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    static fpl_node nodes[FPL_VIEW_CHANNELS_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_CHANNELS_NODES);
    fpl_error e;
    char text[64];
    size_t len = 0;
    assert_int_equal(fpl_view_channels(NULL, NULL, &t, &in, &r, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_channels(&v, NULL, NULL, &in, &r, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_channels(&v, NULL, &t, NULL, &r, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, NULL, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_channels_json(&t, &in, &r, text, sizeof text, NULL, &e), FPL_ERR_NULL);
    assert_int_equal(fpl_channels_json(&t, &in, &r, NULL, 1, &len, &e), FPL_ERR_NULL);

    bad = r;
    bad.per = (fpl_period)7;
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &bad, &e), FPL_ERR_PERIOD);
    bad = r;
    bad.target = (fpl_target_kind)9;
    assert_int_equal(fpl_channels_json(&t, &in, &bad, text, sizeof text, &len, &e),
                     FPL_ERR_TARGET);
    bad = r;
    bad.n_channels = 3; /* the input has 2 */
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &bad, &e), FPL_ERR_CHANNEL_COUNT);
    fpl_assert_error_at(&e, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, FPL_NO_INDEX, 0, 0,
                        __FILE__, __LINE__);
    bad = r;
    bad.ranking[1] = 2;
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &in, &bad, &e), FPL_ERR_CHANNEL_COUNT);
    fpl_assert_error_at(&e, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, 1, 0, 0, __FILE__,
                        __LINE__);
    static fpl_channels_input odd;
    odd = in;
    memset(odd.channels[1].name, 'a', sizeof odd.channels[1].name);
    assert_int_equal(fpl_channels_json(&t, &odd, &r, text, sizeof text, &len, &e),
                     FPL_ERR_STAGE_NAME_LONG);
    fpl_assert_error_at(&e, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_CHANNEL, 1, 0, 0, __FILE__,
                        __LINE__);
    odd = in;
    odd.channels[0].quality = (fpl_channel_quality)5;
    assert_int_equal(fpl_view_channels(&v, NULL, &t, &odd, &r, &e), FPL_ERR_CHANNEL_QUALITY);
    fpl_assert_error_at(&e, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, 0, 0, 0,
                        __FILE__, __LINE__);
    /* nothing was added by a refusal */
    assert_int_equal(v.needed, 0);
}

static void test_channels_names_come_from_the_library(void **state)
{
    (void)state;
    assert_string_equal(fpl_channel_quality_name(FPL_QUALITY_FUNNEL), "funnel");
    assert_string_equal(fpl_channel_quality_name(FPL_QUALITY_RATE), "rate");
    assert_string_equal(fpl_channel_quality_name(FPL_QUALITY_FACTOR), "factor");
    assert_null(fpl_channel_quality_name((fpl_channel_quality)3));
    assert_string_equal(fpl_target_name(FPL_TARGET_REVENUE), "revenue");
    assert_string_equal(fpl_target_name(FPL_TARGET_DEALS), "deals");
    assert_null(fpl_target_name(FPL_TARGET_NONE));
    assert_null(fpl_target_name((fpl_target_kind)3));
    fpl_channels r = {0};
    assert_string_equal(fpl_channels_mode_name(&r), "volumes");
    r.target = FPL_TARGET_DEALS;
    assert_string_equal(fpl_channels_mode_name(&r), "cheapest");
    r.by_shares = true;
    assert_string_equal(fpl_channels_mode_name(&r), "shares");
    r.target = FPL_TARGET_REVENUE;
    assert_string_equal(fpl_channels_mode_name(&r), "shares");
    r.target = (fpl_target_kind)3;
    assert_null(fpl_channels_mode_name(&r));
    assert_null(fpl_channels_mode_name(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_channels_json_is_the_cli_contract),
        cmocka_unit_test(test_channels_view_has_the_contract_nodes),
        cmocka_unit_test(test_largest_channels_result_fills_the_promised_capacity),
        cmocka_unit_test(test_channels_json_without_target_writes_nulls),
        cmocka_unit_test(test_channels_json_by_shares_has_no_marginal_channel),
        cmocka_unit_test(test_channels_json_is_cut_like_snprintf),
        cmocka_unit_test(test_channels_view_refuses_what_it_cannot_describe),
        cmocka_unit_test(test_channels_names_come_from_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

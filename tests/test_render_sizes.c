/*
 * funnelplan — every describer tells the nodes it needs: asked once with no
 * nodes, it succeeds with exactly that many, and writes the JSON it writes
 * with plenty.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* Results built by hand on a funnel of three stages, each with what makes
 * its description longest (costs, targets, reps, a simulation, mixes). */
static fpl_funnel funnel;
static fpl_plan plan;
static fpl_odds_plan confidence;
static fpl_forecast forecast;
static fpl_mix mixes[2];
static fpl_schedule schedule;
static fpl_pace pace;
static fpl_odds odds;
static fpl_odds_sim_input sim_input;
static fpl_odds_sim sim;
static fpl_terms terms;
static fpl_channels_input channels_input;
static fpl_channels channels;
static fpl_whatif_input whatif_input;
static fpl_whatif whatif;
static fpl_sensitivity sensitivity;
static fpl_solve solve;

static int setup(void **state)
{
    (void)state;
    fpl_test_add(&funnel, "lead", 0.2);
    fpl_test_add(&funnel, "opportunity", 0.25);
    fpl_test_add(&funnel, "deal", 0.5);
    plan.n_stages = 3;
    plan.has_cost = true;
    plan.has_revenue = true;
    forecast.n_stages = 3;
    forecast.has_cost = true;
    forecast.target = FPL_TARGET_DEALS;
    for (size_t i = 0; i < 2; ++i) {
        mixes[i].stage = i;
        mixes[i].n_segments = 2;
        snprintf(mixes[i].segments[0].name, sizeof mixes[i].segments[0].name, "inbound");
        snprintf(mixes[i].segments[1].name, sizeof mixes[i].segments[1].name, "outbound");
        mixes[i].segments[0].share = 0.25;
        mixes[i].segments[1].share = 0.75;
        mixes[i].segments[0].rate = 0.5;
        mixes[i].segments[1].rate = 0.25;
    }
    schedule.n_stages = 3;
    schedule.months = 2;
    schedule.n_rows = 4;
    schedule.has_reps = true;
    schedule.has_weights = true;
    schedule.has_monthly = true;
    schedule.has_velocity = true;
    pace.n_stages = 3;
    pace.has_reps = true;
    pace.has_revenue = true;
    pace.has_coverage = true;
    pace.has_open[1] = true;
    odds.n_levels = 2;
    fpl_odds_sim_input_init(&sim_input);
    sim_input.has_history[2] = true;
    channels_input.n_channels = 2;
    snprintf(channels_input.channels[0].name, sizeof channels_input.channels[0].name, "ads");
    snprintf(channels_input.channels[1].name, sizeof channels_input.channels[1].name, "events");
    channels.n_channels = 2;
    channels.ranking[1] = 1;
    channels.target = FPL_TARGET_REVENUE;
    channels.has_marginal = true;
    channels.has_most = true;
    whatif_input.n_changes = 2;
    whatif_input.changes[1].lever = FPL_LEVER_DEAL_SIZE;
    whatif.scenario_funnel = funnel;
    whatif.baseline_plan = plan;
    whatif.scenario_plan = plan;
    whatif.has_invest = true;
    sensitivity.n_rows = 3;
    sensitivity.rows[2].lever = FPL_LEVER_DEAL_SIZE;
    return 0;
}

enum { DESCRIBERS = 12 };

/* Describer d of the results above, as a root. */
static fpl_status describe(int d, fpl_view *v)
{
    switch (d) {
    case 0: return fpl_view_plan(v, NULL, &funnel, &plan, &confidence, NULL);
    case 1: return fpl_view_forecast(v, NULL, &funnel, &forecast, NULL);
    case 2: return fpl_view_mixes(v, NULL, &funnel, mixes, 2, NULL);
    case 3: return fpl_view_schedule(v, NULL, &funnel, &schedule, NULL);
    case 4: return fpl_view_pace(v, NULL, &funnel, &pace, NULL);
    case 5: return fpl_view_odds_sim(v, NULL, &funnel, &sim_input, &sim, NULL);
    case 6: return fpl_view_odds(v, NULL, &funnel, &odds, &sim_input, &sim, NULL);
    case 7: return fpl_view_channels(v, NULL, &terms, &channels_input, &channels, NULL);
    case 8: return fpl_view_whatif(v, NULL, &funnel, &whatif_input, &whatif, NULL);
    case 9: return fpl_view_sensitivity(v, NULL, &funnel, &sensitivity, NULL);
    case 10: return fpl_view_solve(v, NULL, &funnel, &solve, NULL);
    default: { /* a result and its mixes, as Python and the CLI add them */
        fpl_status st = fpl_view_plan(v, NULL, &funnel, &plan, NULL, NULL);
        fpl_view_reopen(v);
        fpl_status mx = fpl_view_mixes(v, "mix", &funnel, mixes, 2, NULL);
        fpl_view_close(v);
        return st != FPL_OK ? st : mx;
    }
    }
}

static char plenty_json[1 << 16];
static char exact_json[1 << 16];

static void test_every_describer_counts_what_it_needs_on_an_empty_view(void **state)
{
    (void)state;
    static fpl_node plenty[4096];
    for (int d = 0; d < DESCRIBERS; ++d) {
        fpl_view v;
        fpl_view_init(&v, plenty, 4096);
        assert_int_equal(describe(d, &v), FPL_OK);
        assert_int_equal(fpl_view_check(&v, NULL), FPL_OK);
        const size_t count = v.count;
        size_t want = fpl_view_json(v.nodes, v.count, plenty_json, sizeof plenty_json);
        assert_true(want < sizeof plenty_json);

        fpl_view_init(&v, NULL, 0);
        assert_int_equal(describe(d, &v), FPL_ERR_WORKSPACE);
        const size_t needed = v.needed;
        assert_int_equal(needed, count);
        fpl_node *exact = malloc(needed * sizeof *exact);
        assert_non_null(exact);
        fpl_view_init(&v, exact, needed - 1);
        assert_int_equal(describe(d, &v), FPL_ERR_WORKSPACE);
        assert_int_equal(v.needed, needed);
        fpl_view_init(&v, exact, needed);
        assert_int_equal(describe(d, &v), FPL_OK);
        assert_int_equal(fpl_view_check(&v, NULL), FPL_OK);
        assert_int_equal(v.count, needed);
        assert_int_equal(fpl_view_json(exact, v.count, exact_json, sizeof exact_json), want);
        assert_string_equal(exact_json, plenty_json);
        free(exact);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_describer_counts_what_it_needs_on_an_empty_view),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

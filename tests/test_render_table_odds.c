/*
 * funnelplan — the table and the CSV of an odds result (fpl_odds_render).
 * SPDX-License-Identifier: MIT
 *
 * The figures are checked by hand: 4 leads at 50% and 2 deals wanted is
 * Binomial(4, 1/2), so P(X >= 2) = 11/16 = 68.75%, P10..P90 = 1..3, and
 * P(Bin(n, 1/2) >= 2) = 1 - (n + 1)/2^n first reaches 50%, 80%, 90%, 95%
 * and 99% at n = 3, 5, 7, 8 and 11. The simulation's bytes are those of
 * seed 7 (its chance's standard error is sqrt(0.64 * 0.36 / 1000) = 1.52%).
 */

#include "fpl_test.h"

typedef struct odds_case {
    fpl_funnel funnel;
    fpl_odds odds;
    fpl_odds_sim_input sim_input;
    fpl_odds_sim sim;
} odds_case;

static double work[2000];

/* Lead 50%, 2 deals of 1,000 a month from 4 leads; the simulation runs
 * 1,000 trials of seed 7 with sizes varying (cv 0.5) and the lead rate
 * known from 2 of 4. */
static void compute(odds_case *c)
{
    c->funnel = (fpl_funnel){0};
    fpl_test_add(&c->funnel, "lead", 0.5);
    fpl_terms terms = {0};
    terms.target = FPL_TARGET_DEALS;
    terms.deals = 2;
    terms.has_deal_size = true;
    terms.deal_size = 1000;
    fpl_odds_input in = {0};
    in.volume = 4;
    assert_int_equal(fpl_odds_compute(&c->funnel, &terms, &in, &c->odds, NULL), FPL_OK);
    fpl_odds_sim_input_init(&c->sim_input);
    c->sim_input.volume = 4;
    c->sim_input.trials = 1000;
    c->sim_input.seed = 7;
    c->sim_input.deal_size_cv = 0.5;
    c->sim_input.has_history[0] = true;
    c->sim_input.won[0] = 2;
    c->sim_input.total[0] = 4;
    assert_int_equal(fpl_odds_simulate(&c->funnel, &terms, &c->sim_input, work,
                                       sizeof work / sizeof work[0], &c->sim, NULL),
                     FPL_OK);
}

static const char exact_table[] =
    "Odds per month: each lead becomes a deal on its own, with a chance of 50%.\n"
    "Target per month: 2 deals.\n"
    "\n"
    "4 leads per month give a 68.8% chance of 2 deals (expected 2; 1 to 3 deals in 8 of 10 months).\n"
    "Revenue: expected 2,000; 1,000 to 3,000 in 8 of 10 months.\n"
    "\n"
    "Leads needed per month for a chance of 2 deals:\n"
    "   3 leads per month give a 50% chance of 2 deals.\n"
    "   5 leads per month give an 80% chance of 2 deals.\n"
    "   7 leads per month give a 90% chance of 2 deals.\n"
    "   8 leads per month give a 95% chance of 2 deals.\n"
    "  11 leads per month give a 99% chance of 2 deals.\n";

static const char simulation[] =
    "\n"
    "Simulation (1,000 trials, seed 7): a 64.0% \u00B1 1.52% chance of 2 deals.\n"
    "  Deals: expected 2.01 \u00B1 0.04; 0 to 4 deals in 8 of 10 months.\n"
    "  Revenue: expected 1,974.22 \u00B1 43.94; 0 to 3,824.44 in 8 of 10 months.\n"
    "  Deal sizes vary around 1,000 (gamma distributed, coefficient of variation 0.5).\n"
    "  lead: the rate is drawn in every trial from its history, 2 of 4 moved on.\n";

static const char note[] =
    "\nFigures are rounded for display (--format json gives exact values).\n";

/* Each row its own figures: the chance with the 4 leads given, then each
 * level with the least volume for it. */
static const char csv[] = "row,volume,per,chance,target_deals,given_volume,volume_per\n"
                          "given,4,month,0.6875,2,4,month\n"
                          "needed,3,month,0.5,2,3,month\n"
                          "needed,5,month,0.8,2,5,month\n"
                          "needed,7,month,0.9,2,7,month\n"
                          "needed,8,month,0.95,2,8,month\n"
                          "needed,11,month,0.99,2,11,month\n";

/* Renders into a fixed buffer, asserting success and a text that fits. */
static const char *render(const odds_case *c, bool with_sim, fpl_render_format format)
{
    static char text[4096];
    size_t len = 0;
    assert_int_equal(fpl_odds_render(&c->funnel, &c->odds, with_sim ? &c->sim_input : NULL,
                                     with_sim ? &c->sim : NULL, format, text, sizeof text, &len,
                                     NULL),
                     FPL_OK);
    assert_int_equal(len, strlen(text));
    return text;
}

static void test_odds_table_exact(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    char want[2048];
    snprintf(want, sizeof want, "%s%s", exact_table, note);
    assert_string_equal(render(&c, false, FPL_RENDER_TABLE), want);
}

static void test_odds_table_with_simulation(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    char want[2048];
    snprintf(want, sizeof want, "%s%s%s", exact_table, simulation, note);
    assert_string_equal(render(&c, true, FPL_RENDER_TABLE), want);
}

static void test_odds_table_level_beyond_exact_counting(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    c.odds.volume_for[4].has_volume = false;
    assert_non_null(strstr(render(&c, false, FPL_RENDER_TABLE),
                           "   8 leads per month give a 95% chance of 2 deals.\n"
                           "  a 99% chance needs more than 2^53 units, beyond exact counting.\n"));
}

static void test_odds_csv_has_exact_figures_only(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    assert_string_equal(render(&c, false, FPL_RENDER_CSV), csv);
    assert_string_equal(render(&c, true, FPL_RENDER_CSV), csv);
}

static void test_odds_json_is_fpl_odds_json(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    char want[8192];
    size_t len = 0;
    assert_int_equal(fpl_odds_json(&c.funnel, &c.odds, &c.sim_input, &c.sim, want, sizeof want,
                                   &len, NULL),
                     FPL_OK);
    assert_string_equal(render(&c, true, FPL_RENDER_JSON), want);
}

static void test_odds_render_length_first(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    size_t len = 0;
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, &c.sim_input, &c.sim, FPL_RENDER_TABLE,
                                     NULL, 0, &len, NULL),
                     FPL_OK);
    assert_int_equal(len, strlen(exact_table) + strlen(simulation) + strlen(note));
    char *text = malloc(len + 1);
    assert_non_null(text);
    size_t len2 = 0;
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, &c.sim_input, &c.sim, FPL_RENDER_TABLE,
                                     text, len + 1, &len2, NULL),
                     FPL_OK);
    assert_int_equal(len2, len);
    assert_int_equal(strlen(text), len);
    assert_memory_equal(text, exact_table, strlen(exact_table));
    /* Cut short: the first bytes and a NUL, the whole length still told. */
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, NULL, NULL, FPL_RENDER_CSV, text, 8,
                                     &len2, NULL),
                     FPL_OK);
    assert_string_equal(text, "row,vol");
    assert_int_equal(len2, strlen(csv));
    free(text);
}

static void test_odds_render_refusals(void **state)
{
    (void)state;
    odds_case c;
    compute(&c);
    char text[64];
    size_t len = 0;
    fpl_error err;
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, NULL, NULL, FPL_RENDER_TABLE, text,
                                     sizeof text, NULL, &err),
                     FPL_ERR_NULL);
    assert_int_equal(err.status, FPL_ERR_NULL);
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, &c.sim_input, &c.sim, FPL_RENDER_SVG,
                                     text, sizeof text, &len, &err),
                     FPL_ERR_FORMAT);
    assert_int_equal(err.field, FPL_FIELD_FORMAT);
    /* A simulation without what it was asked is refused, as fpl_odds_json() does. */
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, NULL, &c.sim, FPL_RENDER_TABLE, text,
                                     sizeof text, &len, NULL),
                     FPL_ERR_NULL);
    /* What it was asked without the simulation is no simulation. */
    assert_int_equal(fpl_odds_render(&c.funnel, &c.odds, &c.sim_input, NULL, FPL_RENDER_TABLE,
                                     NULL, 0, &len, NULL),
                     FPL_OK);
    assert_int_equal(len, strlen(exact_table) + strlen(note));
}

/* Lead 50%, 2 deals per `per`, a volume per `vper`. */
static void compute_periods(odds_case *c, fpl_period per, double volume, fpl_period vper)
{
    c->funnel = (fpl_funnel){0};
    fpl_test_add(&c->funnel, "lead", 0.5);
    fpl_terms terms = {0};
    terms.per = per;
    terms.target = FPL_TARGET_DEALS;
    terms.deals = 2;
    fpl_odds_input in = {0};
    in.volume = volume;
    in.has_volume_per = true;
    in.volume_per = vper;
    assert_int_equal(fpl_odds_compute(&c->funnel, &terms, &in, &c->odds, NULL), FPL_OK);
}

/* 1 lead a month for 2 deals a quarter: 3 leads a quarter, P(Bin(3, 1/2) >=
 * 2) = 4/8; the levels' 3, 5, 7, 8, 11 a quarter are at least 1, 2, 3, 3, 4
 * a month (rounded up). */
static void test_odds_table_states_both_periods(void **state)
{
    (void)state;
    odds_case c;
    compute_periods(&c, FPL_PERIOD_QUARTER, 1, FPL_PERIOD_MONTH);
    const char *t = render(&c, false, FPL_RENDER_TABLE);
    assert_non_null(strstr(t, "Target per quarter: 2 deals.\n\n"
                              "3 leads per quarter (1 per month) give a 50.0% chance of 2 deals"));
    assert_non_null(strstr(t, "Leads needed per quarter for a chance of 2 deals:\n"
                              "   3 leads per quarter (1 per month) give a 50% chance of 2 deals.\n"
                              "   5 leads per quarter (2 per month) give an 80% chance of 2 deals.\n"
                              "   7 leads per quarter (3 per month) give a 90% chance of 2 deals.\n"
                              "   8 leads per quarter (3 per month) give a 95% chance of 2 deals.\n"
                              "  11 leads per quarter (4 per month) give a 99% chance of 2 deals.\n"));
    assert_string_equal(render(&c, false, FPL_RENDER_CSV),
                        "row,volume,per,chance,target_deals,given_volume,volume_per\n"
                        /* 1/2 to within one ulp: odds.h's accuracy (JSON and
                         * CSV write the double the library computed) */
                        "given,3,quarter,0.5000000000000002,2,1,month\n"
                        "needed,3,quarter,0.5,2,1,month\n"
                        "needed,5,quarter,0.8,2,2,month\n"
                        "needed,7,quarter,0.9,2,3,month\n"
                        "needed,8,quarter,0.95,2,3,month\n"
                        "needed,11,quarter,0.99,2,4,month\n");
    /* 48 leads a year for 2 deals a month: 4 a month; a level's n a month
     * needs 12n a year. */
    compute_periods(&c, FPL_PERIOD_MONTH, 48, FPL_PERIOD_YEAR);
    t = render(&c, false, FPL_RENDER_TABLE);
    assert_non_null(strstr(t, "4 leads per month (48 per year) give a 68.8% chance of 2 deals"));
    assert_non_null(strstr(t, "  11 leads per month (132 per year) give a 99% chance of 2 deals.\n"));
    assert_string_equal(render(&c, false, FPL_RENDER_CSV),
                        "row,volume,per,chance,target_deals,given_volume,volume_per\n"
                        "given,4,month,0.6875,2,48,year\n"
                        "needed,3,month,0.5,2,36,year\n"
                        "needed,5,month,0.8,2,60,year\n"
                        "needed,7,month,0.9,2,84,year\n"
                        "needed,8,month,0.95,2,96,year\n"
                        "needed,11,month,0.99,2,132,year\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odds_table_exact),
        cmocka_unit_test(test_odds_table_with_simulation),
        cmocka_unit_test(test_odds_table_level_beyond_exact_counting),
        cmocka_unit_test(test_odds_csv_has_exact_figures_only),
        cmocka_unit_test(test_odds_json_is_fpl_odds_json),
        cmocka_unit_test(test_odds_render_length_first),
        cmocka_unit_test(test_odds_render_refusals),
        cmocka_unit_test(test_odds_table_states_both_periods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * odds.c — how likely is the target? The binomial odds of a funnel with
 * libfunnelplan, and a seeded Monte Carlo when the close rate is only known
 * from history.
 * SPDX-License-Identifier: MIT
 *
 * Worked example 4 of the guide, beyond its source: 12% of leads become
 * customers, and 12 customers a month are wanted. The expected-value plan
 * says 100 leads; this program says how often 100 leads are enough, how many
 * leads make 12 customers 90% likely, and what changes when the 12% is only
 * known from 12 wins in 100 leads.
 *
 * The program prints the figures and checks them against the guide: it exits
 * with status 1 if any figure is not what the guide says.
 *
 * Build it against an installed library:
 *     cc odds.c $(pkg-config --cflags --libs funnelplan) -lm -o odds
 */

#include <funnelplan.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int failures = 0;

static void check(const char *what, double got, double want, double tolerance)
{
    if (!(fabs(got - want) <= tolerance)) {
        fprintf(stderr, "odds: %s is %.17g, expected %.17g\n", what, got, want);
        ++failures;
    }
}

int main(void)
{
    fpl_funnel funnel = {0};
    if (fpl_funnel_add_stage(&funnel, "lead", 4, 0.12, NULL) != FPL_OK) {
        return 1;
    }
    fpl_terms terms = {0};
    terms.target = FPL_TARGET_DEALS;
    terms.deals = 12;

    /* The exact binomial model: 100 leads entering the top stage. */
    fpl_odds_input in = {0};
    in.volume = 100;
    in.n_levels = 1;
    in.levels[0] = 0.75; /* a level of our own beside the standard five */
    fpl_odds odds;
    fpl_status st = fpl_odds_compute(&funnel, &terms, &in, &odds, NULL);
    if (st != FPL_OK) {
        fprintf(stderr, "odds: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("%.0f leads give a %.1f%% chance of %.0f customers (expected %.0f;"
           " %.0f to %.0f in 8 months of 10)\n",
           odds.volume, 100 * odds.p_hit, odds.target_deals, odds.expected_deals,
           odds.deals_quantiles[0], odds.deals_quantiles[2]);
    for (size_t i = 0; i < odds.n_levels; ++i) {
        printf("  %5.1f%%: %4.0f leads\n", 100 * odds.volume_for[i].confidence,
               odds.volume_for[i].volume);
    }
    check("p_hit", odds.p_hit, 0.5458, 5e-5);
    check("P10", odds.deals_quantiles[0], 8, 0);
    check("P90", odds.deals_quantiles[2], 16, 0);
    check("levels", (double)odds.n_levels, 6, 0);
    check("volume for 75%", odds.volume_for[1].volume, 117, 0); /* integer sums: 117 */
    check("volume for 90%", odds.volume_for[3].volume, 136, 0);

    /* The plan's companion: every stage's volume for a 90% chance. */
    fpl_odds_plan sure;
    if (fpl_odds_plan_compute(&funnel, &terms, 0.9, &sure, NULL) != FPL_OK) {
        return 1;
    }
    printf("for a 90%% chance plan %.0f leads, not %.0f\n", sure.required[0], 12 / 0.12);
    check("plan at 90%", sure.required[0], 136, 0);

    /* The 12% known only from 12 wins in 100 leads: every trial draws the
     * rate from its Beta(13, 89) posterior. The seed makes it reproducible. */
    fpl_odds_sim_input sim = FPL_ODDS_SIM_INPUT_INIT; /* the library's defaults */
    sim.volume = 100;
    sim.trials = 20000;
    sim.seed = 2027;
    if (fpl_odds_history_parse("12/100", 6, &sim.won[0], &sim.total[0], NULL) != FPL_OK) {
        return 1;
    }
    sim.has_history[0] = true;
    const size_t len = fpl_odds_sim_work_len(sim.trials);
    double *work = malloc(len * sizeof *work); /* the library never allocates */
    if (work == NULL) {
        return 1;
    }
    fpl_odds_sim mc;
    st = fpl_odds_simulate(&funnel, &terms, &sim, work, len, &mc, NULL);
    free(work);
    if (st != FPL_OK) {
        fprintf(stderr, "odds: %s\n", fpl_strerror(st));
        return 1;
    }
    printf("with the rate known from 12/100: %.1f%% ± %.1f%% chance (%zu trials, seed %llu),"
           " P10 %.0f, P90 %.0f customers\n",
           100 * mc.p_hit.value, 100 * mc.p_hit.std_error, mc.trials,
           (unsigned long long)mc.seed, mc.deals_quantiles[0].value,
           mc.deals_quantiles[2].value);
    /* The posterior's mean rate is 13/102, so the chance is a little higher
     * than 54.6%, but the spread is wider: P10 and P90 move apart. */
    check("simulated mean deals", mc.expected_deals.value, 100.0 * 13 / 102,
          4 * mc.expected_deals.std_error);
    if (!(mc.deals_quantiles[2].value - mc.deals_quantiles[0].value > 8)) {
        fprintf(stderr, "odds: the history did not widen the spread\n");
        ++failures;
    }
    return failures == 0 ? 0 : 1;
}

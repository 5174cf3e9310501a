/*
 * funnelplan — odds: the exact binomial model and the seeded Monte Carlo.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
#include <math.h>
#include <string.h>

static double sim_work[2 * 200000];

#define PARSE_HISTORY(lit, w, n) fpl_odds_history_parse((lit), sizeof(lit) - 1, (w), (n), NULL)
/* Seed 42, 100,000 trials of 100 leads at 12%: see the test (the reference
 * tests/python/fpl_rng_reference.py draws the same). */
#define GOLDEN_P_HIT 0.54368
#define GOLDEN_MEAN 11.98488
/* The chance and the mean deals of test_odds_simulation_large_volumes (seed
 * 7, 20,000 trials of Bin(1e6, 0.3), Bin(1e9, 1e-6), Bin(1e12, 1e-9)),
 * computed independently by tests/python/fpl_rng_reference.py, a Python
 * rendering of the specified generator and draws. */
static const double GOLDEN_LARGE_P_HIT[3] = {0.498, 0.50675, 0.49245};
static const double GOLDEN_LARGE_MEAN[3] = {299998.3627, 1000.06805, 999.98075};

static fpl_terms deal_target(double deals)
{
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = deals;
    return t;
}

/* A small deterministic generator for the test's own random cases. */
static uint64_t lcg_state = 0x2545F4914F6CDD1DULL;
static double test_uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg_state >> 11) * 0x1p-53;
}

/* Reference: P(X >= k) by summing every term of the pmf in long double,
 * each term from lgammal (80-bit: about 1e-15 relative for n <= 5000). */
static double reference_tail(double n, double p, double k)
{
    long double sum = 0.0L;
    const long double ln = (long double)n;
    const long double lp = logl((long double)p);
    const long double lq = log1pl(-(long double)p);
    for (double j = k; j <= n; j += 1.0) {
        const long double lj = (long double)j;
        const long double lpmf = lgammal(ln + 1.0L) - lgammal(lj + 1.0L) -
                                 lgammal(ln - lj + 1.0L) + lj * lp + (ln - lj) * lq;
        sum += expl(lpmf);
    }
    return (double)sum;
}

/* Worked example 4 beyond the source: 100 leads at 12% reach 12 deals with
 * probability 0.5458 (exactly 0.54578170871907..., from integer sums), and
 * 136 leads are the least for a 90% chance. */
static void test_odds_danish_example(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = deal_target(12);
    fpl_odds_input in = {0};
    in.volume = 100;
    fpl_odds r;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close_rel(r.p_hit, 0.5457817087190769, 1e-13);
    assert_close_rel(r.p_miss, 1.0 - 0.5457817087190769, 1e-13);
    assert_close(r.expected_deals, 12.0);
    assert_close(r.sd_deals, sqrt(100 * 0.12 * 0.88));
    assert_same_double(r.target_deals, 12.0);
    assert_same_double(r.cumulative_rate, 0.12);
    assert_same_double(r.deals_quantiles[0], 8.0);
    assert_same_double(r.deals_quantiles[1], 12.0);
    assert_same_double(r.deals_quantiles[2], 16.0);
    assert_false(r.has_revenue);
    const double want_level[] = {0.5, 0.8, 0.9, 0.95, 0.99};
    const double want_volume[] = {97, 122, 136, 149, 174};
    assert_int_equal(r.n_levels, 5);
    for (size_t i = 0; i < 5; ++i) {
        assert_true(r.volume_for[i].has_volume);
        assert_same_double(r.volume_for[i].confidence, want_level[i]);
        assert_same_double(r.volume_for[i].volume, want_volume[i]);
    }
    double n;
    assert_int_equal(fpl_odds_volume_for(0.12, 12, 0.9, &n, NULL), FPL_OK);
    assert_same_double(n, 136.0);
}

/* How far the long double reference can be trusted: about 1e-15 where long
 * double has its 64-bit significand, but valgrind runs long double in
 * double precision, and then lgammal of 3000 is good to about 1e-12 only. */
static double reference_tolerance(void)
{
    volatile long double one = 1.0L;
    volatile long double tiny = LDBL_EPSILON;
    return one + tiny > one ? 1e-12 : 1e-10;
}

static void test_odds_tail_matches_direct_sum(void **state)
{
    (void)state;
    const double tol = reference_tolerance();
    for (int i = 0; i < 3000; ++i) {
        const double n = floor(test_uniform() * 3000.0);
        const double p = i % 7 == 0 ? pow(10.0, -6.0 * test_uniform()) : test_uniform();
        const double k = floor(test_uniform() * (n + 2.0));
        double u;
        double l;
        assert_int_equal(fpl_odds_tail(n, p, k, &u, &l, NULL), FPL_OK);
        const double want = reference_tail(n, p, k);
        if (fabs(u - want) > tol || fabs(l - (1.0 - want)) > tol) {
            fail_msg("n=%.17g p=%.17g k=%.17g: got %.17g want %.17g", n, p, k, u, want);
        }
        /* the smaller tail is accurate relative to itself, not only absolutely */
        if (want < 1e-3 && want > 1e-280) {
            assert_close_rel(u, want, 100 * tol);
        }
    }
}

/* At p = 1/2, symmetry gives P(X >= n/2) = (1 + P(X = n/2))/2 for even n,
 * and P(X = n/2) = C(n, n/2)/2^n = √(2/(πn))·(1 − 1/(4n) + O(n^-2)). The
 * tails are good to 1e-12 (documented; measured about 2e-16) at every
 * volume up to 2^53: the continued fraction that drifted by 9e-9 there is
 * replaced by Temme's expansion near the mean. */
static void test_odds_huge_volume_by_symmetry(void **state)
{
    (void)state;
    const double ns[] = {1e9, 1e12, 1e15, FPL_WHOLE_MAX};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; ++i) {
        const double n = ns[i];
        const double pmf = sqrt(2.0 / (3.14159265358979323846 * n)) * (1.0 - 1.0 / (4.0 * n));
        double u;
        double l;
        assert_int_equal(fpl_odds_tail(n, 0.5, n / 2.0, &u, &l, NULL), FPL_OK);
        assert_close_rel(u, 0.5 + pmf / 2.0, 1e-15);
        assert_close_rel(l, 0.5 - pmf / 2.0, 1e-15);
        /* one deal more moves it by exactly that pmf, to below one half */
        assert_int_equal(fpl_odds_tail(n, 0.5, n / 2.0 + 1.0, &u, &l, NULL), FPL_OK);
        assert_close_rel(u, 0.5 - pmf / 2.0, 1e-15);
        assert_true(u < 0.5);
        assert_close_rel(l, 0.5 + pmf / 2.0, 1e-15);
        /* P(X >= k) + P(X >= n − k + 1) = 1, a few standard deviations out */
        const double sd = sqrt(n) / 2.0;
        const double offsets[] = {-3.0, -1.0, 0.5, 2.0, 5.0};
        for (size_t j = 0; j < sizeof offsets / sizeof offsets[0]; ++j) {
            const double k = floor(n / 2.0 + offsets[j] * sd);
            double mirror;
            assert_int_equal(fpl_odds_tail(n, 0.5, k, &u, NULL, NULL), FPL_OK);
            assert_int_equal(fpl_odds_tail(n, 0.5, n - k + 1.0, &mirror, NULL, NULL), FPL_OK);
            assert_close_rel(u + mirror, 1.0, 1e-15);
        }
    }
    /* the values of 2^53 itself, from the same identity in 60 digits */
    double u;
    assert_int_equal(fpl_odds_tail(FPL_WHOLE_MAX, 0.5, FPL_WHOLE_MAX / 2.0 + 1.0, &u, NULL, NULL),
                     FPL_OK);
    assert_close_rel(u, 0.49999999579646004, 1e-15);
    /* the median of Binomial(2^53, 1/2) is 2^52, on the right side of 50% */
    double median;
    assert_int_equal(fpl_odds_quantile(FPL_WHOLE_MAX, 0.5, 0.5, &median, NULL), FPL_OK);
    assert_same_double(median, FPL_WHOLE_MAX / 2.0);
    /* 2k − 1 units at 1/2 give k deals with probability exactly 1/2, and
     * 2k − 2 units 4.2e-9 less: the least volume for 50% is 2^53 − 1 */
    double v;
    assert_int_equal(fpl_odds_volume_for(0.5, FPL_WHOLE_MAX / 2.0, 0.5, &v, NULL), FPL_OK);
    assert_same_double(v, FPL_WHOLE_MAX - 1.0);
}

/* Rates down to 1e-9 on volumes of 10^12: the binomial is within O(p) of a
 * Poisson of the same mean, summed here in long double. */
static void test_odds_tiny_rate_huge_volume_is_poisson(void **state)
{
    (void)state;
    const double n = 1e12;
    const double p = 1e-9;
    const double mean = n * p;
    const double ks[] = {900, 1000, 1031, 1100};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; ++i) {
        long double sum = 0.0L;
        for (double j = 0; j < ks[i]; j += 1.0) {
            sum += expl(-(long double)mean + (long double)j * logl((long double)mean) -
                        lgammal((long double)j + 1.0L));
        }
        double u;
        double l;
        assert_int_equal(fpl_odds_tail(n, p, ks[i], &u, &l, NULL), FPL_OK);
        assert_close_rel(l, (double)sum, 1e-6);
    }
    double v;
    assert_int_equal(fpl_odds_volume_for(1e-9, 1000, 0.9, &v, NULL), FPL_OK);
    double u;
    double u1;
    assert_int_equal(fpl_odds_tail(v, 1e-9, 1000, &u, NULL, NULL), FPL_OK);
    assert_int_equal(fpl_odds_tail(v - 1.0, 1e-9, 1000, &u1, NULL, NULL), FPL_OK);
    assert_true(u >= 0.9);
    assert_true(u1 < 0.9);
}

/* volume_for and the quantile are the least whole values that qualify. */
static void test_odds_volume_and_quantile_are_least(void **state)
{
    (void)state;
    for (int i = 0; i < 400; ++i) {
        const double p = i % 5 == 0 ? pow(10.0, -4.0 * test_uniform()) : test_uniform();
        const double k = floor(test_uniform() * 200.0);
        const double c = 0.01 + 0.98 * test_uniform();
        double v;
        if (p <= 0.0) {
            continue;
        }
        assert_int_equal(fpl_odds_volume_for(p, k, c, &v, NULL), FPL_OK);
        double u;
        assert_int_equal(fpl_odds_tail(v, p, k, &u, NULL, NULL), FPL_OK);
        assert_true(u >= c - 1e-12); /* ties within 1e-12 count as reached */
        if (v > 0.0) {
            assert_int_equal(fpl_odds_tail(v - 1.0, p, k, &u, NULL, NULL), FPL_OK);
            assert_true(u < c - 1e-12);
        }
        const double n = floor(test_uniform() * 1e6);
        double d;
        assert_int_equal(fpl_odds_quantile(n, p, c, &d, NULL), FPL_OK);
        double below;
        assert_int_equal(fpl_odds_tail(n, p, d + 1.0, NULL, &below, NULL), FPL_OK);
        assert_true(below >= c - 1e-12); /* P(X <= d) >= c */
        if (d > 0.0) {
            assert_int_equal(fpl_odds_tail(n, p, d, NULL, &below, NULL), FPL_OK);
            assert_true(below < c - 1e-12); /* P(X <= d - 1) < c */
        }
    }
}

/* A 50% rate gives k deals from 2k − 1 units with probability exactly 1/2
 * (by symmetry), so 2k − 1 units are the least for a 50% chance and the
 * median of 2k − 1 units is k − 1: ties are reached, not missed by a hair. */
static void test_odds_exact_ties_at_one_half(void **state)
{
    (void)state;
    for (double k = 1; k <= 60; k += 1.0) {
        double v;
        assert_int_equal(fpl_odds_volume_for(0.5, k, 0.5, &v, NULL), FPL_OK);
        assert_same_double(v, 2 * k - 1);
        double d;
        assert_int_equal(fpl_odds_quantile(2 * k - 1, 0.5, 0.5, &d, NULL), FPL_OK);
        assert_same_double(d, k - 1);
    }
}

static void test_odds_tail_edges(void **state)
{
    (void)state;
    double u;
    double l;
    assert_int_equal(fpl_odds_tail(10, 0.3, 0, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 1.0);
    assert_same_double(l, 0.0);
    assert_int_equal(fpl_odds_tail(10, 0.3, 11, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 0.0);
    assert_int_equal(fpl_odds_tail(10, 0.3, INFINITY, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 0.0);
    assert_int_equal(fpl_odds_tail(10, 1.0, 10, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 1.0);
    assert_int_equal(fpl_odds_tail(10, 0.0, 1, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 0.0);
    assert_int_equal(fpl_odds_tail(0, 0.5, 0, &u, &l, NULL), FPL_OK);
    assert_same_double(u, 1.0);
    /* all n units needed: p^n */
    assert_int_equal(fpl_odds_tail(10, 0.5, 10, &u, &l, NULL), FPL_OK);
    assert_close(u, 1.0 / 1024.0);
    assert_int_equal(fpl_odds_tail(10, 0.5, 1, &u, &l, NULL), FPL_OK);
    assert_close(l, 1.0 / 1024.0);

    fpl_error e;
    const double bad_n[] = {NAN, INFINITY, -1.0, 2.5, 2 * FPL_WHOLE_MAX};
    for (size_t i = 0; i < sizeof bad_n / sizeof bad_n[0]; ++i) {
        assert_int_equal(fpl_odds_tail(bad_n[i], 0.5, 1, &u, &l, &e), FPL_ERR_VOLUME_WHOLE);
        assert_error(e, FPL_ERR_VOLUME_WHOLE, FPL_FIELD_VOLUME, FPL_NO_INDEX);
        assert_int_equal(fpl_odds_quantile(bad_n[i], 0.5, 0.5, &u, &e), FPL_ERR_VOLUME_WHOLE);
        assert_error(e, FPL_ERR_VOLUME_WHOLE, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    }
    /* p is a rate of no stage in particular */
    const double bad_p[] = {NAN, INFINITY, -0.1, 1.5};
    for (size_t i = 0; i < sizeof bad_p / sizeof bad_p[0]; ++i) {
        assert_int_equal(fpl_odds_tail(10, bad_p[i], 1, &u, &l, &e), FPL_ERR_RATE_RANGE);
        assert_error(e, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, FPL_NO_INDEX);
        assert_int_equal(fpl_odds_quantile(10, bad_p[i], 0.5, &u, NULL), FPL_ERR_RATE_RANGE);
        assert_int_equal(fpl_odds_volume_for(bad_p[i], 1, 0.5, &u, NULL), FPL_ERR_RATE_RANGE);
    }
    assert_int_equal(fpl_odds_volume_for(0.0, 1, 0.5, &u, NULL), FPL_ERR_RATE_RANGE);
    const double bad_k[] = {NAN, -1.0, 0.5};
    for (size_t i = 0; i < sizeof bad_k / sizeof bad_k[0]; ++i) {
        assert_int_equal(fpl_odds_tail(10, 0.5, bad_k[i], &u, &l, &e), FPL_ERR_DEALS);
        assert_error(e, FPL_ERR_DEALS, FPL_FIELD_DEALS, FPL_NO_INDEX);
        assert_int_equal(fpl_odds_volume_for(0.5, bad_k[i], 0.5, &u, &e), FPL_ERR_DEALS);
        assert_error(e, FPL_ERR_DEALS, FPL_FIELD_DEALS, FPL_NO_INDEX);
    }
    assert_int_equal(fpl_odds_volume_for(0.5, INFINITY, 0.5, &u, NULL), FPL_ERR_DEALS);
    const double bad_c[] = {NAN, INFINITY, 0.0, 1.0, -0.5, 1.5};
    for (size_t i = 0; i < sizeof bad_c / sizeof bad_c[0]; ++i) {
        assert_int_equal(fpl_odds_quantile(10, 0.5, bad_c[i], &u, &e), FPL_ERR_CONFIDENCE);
        assert_error(e, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, FPL_NO_INDEX);
        assert_int_equal(fpl_odds_volume_for(0.5, 1, bad_c[i], &u, &e), FPL_ERR_CONFIDENCE);
        assert_error(e, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, FPL_NO_INDEX);
    }
    assert_int_equal(fpl_odds_quantile(10, 0.5, 0.5, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_odds_volume_for(0.5, 1, 0.5, NULL, NULL), FPL_ERR_NULL);
    /* degenerate answers */
    assert_int_equal(fpl_odds_volume_for(0.5, 0, 0.99, &u, NULL), FPL_OK);
    assert_same_double(u, 0.0);
    assert_int_equal(fpl_odds_volume_for(1.0, 7, 0.99, &u, NULL), FPL_OK);
    assert_same_double(u, 7.0);
    /* a volume beyond 2^53 is no answer */
    assert_int_equal(fpl_odds_volume_for(1e-300, 5, 0.5, &u, NULL), FPL_ERR_TOO_LARGE);
    assert_int_equal(fpl_odds_volume_for(1e-9, 1e7, 0.5, &u, &e), FPL_ERR_TOO_LARGE);
    assert_error(e, FPL_ERR_TOO_LARGE, FPL_FIELD_NONE, FPL_NO_INDEX);
}

static void test_odds_compute_levels_merge_and_sort(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_test_add(&f, "opportunity", 0.12);
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 48000; /* 12 deals of 4,000 */
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_odds_input in = {0};
    in.volume = 100;
    in.at = 1;
    in.n_levels = 3;
    in.levels[0] = 0.9;  /* already standard */
    in.levels[1] = 0.75;
    in.levels[2] = 0.999;
    fpl_odds r;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(r.n_levels, 7);
    const double want[] = {0.5, 0.75, 0.8, 0.9, 0.95, 0.99, 0.999};
    for (size_t i = 0; i < 7; ++i) {
        assert_same_double(r.volume_for[i].confidence, want[i]);
        double v;
        assert_int_equal(fpl_odds_volume_for(0.12, 12, want[i], &v, NULL), FPL_OK);
        assert_same_double(r.volume_for[i].volume, v);
    }
    assert_same_double(r.volume_for[3].volume, 136.0);
    assert_true(r.has_revenue);
    assert_true(r.has_target_revenue);
    assert_close(r.expected_revenue, 48000.0);
    assert_same_double(r.revenue_quantiles[0], 32000.0);
    assert_same_double(r.revenue_quantiles[2], 64000.0);
    assert_close_rel(r.p_hit, 0.5457817087190769, 1e-13);
    /* the same volume entering the top stage halves the rate */
    in.at = 0;
    in.n_levels = 0;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.cumulative_rate, 0.06);
    assert_same_double(r.volume_for[2].volume, 274.0); /* integer sums: 274 */
    /* a revenue target a hair over 11 deals still needs 12 whole deals;
     * 12 deals' worth within the tolerance needs exactly 12 */
    t.revenue = 44000.01;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.target_deals, 12.0);
    t.revenue = 0.29 * 4000 * 500 / 10; /* 145 deals at 29% noise: 14.5 * 4000 */
    t.target = FPL_TARGET_DEALS;
    t.deals = 145.0 * 0.29 / 0.29;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.target_deals, 145.0);
}

static void test_odds_compute_refuses_bad_input(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = deal_target(12);
    fpl_odds_input in = {0};
    in.volume = 100;
    fpl_odds r;
    memset(&r, 0xA5, sizeof r);
    fpl_odds before = r;
    fpl_error e;
    const double bad_volume[] = {NAN, INFINITY, -1.0, 0.0, 0.5};
    for (size_t i = 0; i < sizeof bad_volume / sizeof bad_volume[0]; ++i) {
        in.volume = bad_volume[i];
        assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_VOLUME);
        assert_error(e, FPL_ERR_VOLUME, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    }
    in.volume = 12.5;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_VOLUME_WHOLE);
    assert_error(e, FPL_ERR_VOLUME_WHOLE, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    in.volume = 4 * FPL_WHOLE_MAX;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_ERR_VOLUME_WHOLE);
    in.volume = 100;
    in.at = 1;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    in.at = 0;
    in.n_levels = FPL_ODDS_MAX_REQUESTED + 1;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_CONFIDENCE_COUNT);
    assert_error(e, FPL_ERR_CONFIDENCE_COUNT, FPL_FIELD_CONFIDENCE, FPL_NO_INDEX);
    in.n_levels = 1;
    const double bad_level[] = {NAN, 0.0, 1.0, -0.1, INFINITY};
    for (size_t i = 0; i < sizeof bad_level / sizeof bad_level[0]; ++i) {
        in.levels[0] = bad_level[i];
        assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_CONFIDENCE);
        assert_error(e, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, 0);
    }
    /* the first level refused, by its place in the list */
    in.n_levels = 4;
    in.levels[0] = 0.75;
    in.levels[1] = 0.999;
    in.levels[2] = 1.5;
    in.levels[3] = 0.0;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, &e), FPL_ERR_CONFIDENCE);
    assert_error(e, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, 2);
    in.n_levels = 0;
    fpl_terms none = {0};
    assert_int_equal(fpl_odds_compute(&f, &none, &in, &r, NULL), FPL_ERR_TARGET);
    fpl_terms bad_size = deal_target(12);
    bad_size.has_deal_size = true;
    bad_size.deal_size = -5;
    assert_int_equal(fpl_odds_compute(&f, &bad_size, &in, &r, &e), FPL_ERR_DEAL_SIZE);
    assert_error(e, FPL_ERR_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, FPL_NO_INDEX);
    fpl_terms huge = deal_target(1e300);
    assert_int_equal(fpl_odds_compute(&f, &huge, &in, &r, &e), FPL_ERR_TOO_LARGE);
    assert_error(e, FPL_ERR_TOO_LARGE, FPL_FIELD_NONE, FPL_NO_INDEX);
    fpl_funnel empty = {0};
    assert_int_equal(fpl_odds_compute(&empty, &t, &in, &r, &e), FPL_ERR_STAGE_COUNT);
    assert_error(e, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    assert_int_equal(fpl_odds_compute(NULL, &t, &in, &r, &e), FPL_ERR_NULL);
    assert_error(e, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_int_equal(fpl_odds_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
    assert_memory_equal(&r, &before, sizeof r);
    /* a level whose volume would pass 2^53 has no volume; the rest stands */
    fpl_funnel thin = {0};
    fpl_test_add(&thin, "lead", 1e-9);
    fpl_terms lots = deal_target(1e7);
    in.n_levels = 0;
    assert_int_equal(fpl_odds_compute(&thin, &lots, &in, &r, NULL), FPL_OK);
    assert_same_double(r.p_hit, 0.0);
    for (size_t i = 0; i < r.n_levels; ++i) {
        assert_false(r.volume_for[i].has_volume);
    }
    /* a volume the target cannot be reached with is an answer (0), not an error */
    fpl_terms many = deal_target(1000);
    assert_int_equal(fpl_odds_compute(&f, &many, &in, &r, NULL), FPL_OK);
    assert_same_double(r.p_hit, 0.0);
    assert_same_double(r.p_miss, 1.0);
}

static void test_odds_plan_needs_more_than_expected_value(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_test_add(&f, "opportunity", 0.12);
    fpl_terms t = deal_target(12);
    fpl_odds_plan r;
    assert_int_equal(fpl_odds_plan_compute(&f, &t, 0.9, &r, NULL), FPL_OK);
    assert_int_equal(r.n_stages, 2);
    assert_same_double(r.deals_whole, 12.0);
    assert_same_double(r.confidence, 0.9);
    assert_same_double(r.required[1], 136.0);
    assert_same_double(r.required[0], 274.0);
    fpl_error e;
    assert_int_equal(fpl_odds_plan_compute(&f, &t, 1.0, &r, &e), FPL_ERR_CONFIDENCE);
    assert_error(e, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, FPL_NO_INDEX);
    assert_int_equal(fpl_odds_plan_compute(&f, &t, NAN, &r, NULL), FPL_ERR_CONFIDENCE);
    fpl_terms none = {0};
    assert_int_equal(fpl_odds_plan_compute(&f, &none, 0.9, &r, NULL), FPL_ERR_TARGET);
    assert_int_equal(fpl_odds_plan_compute(&f, &t, 0.9, NULL, NULL), FPL_ERR_NULL);
}

static void test_odds_history_parse(void **state)
{
    (void)state;
    double w;
    double n;
    assert_int_equal(PARSE_HISTORY("12/100", &w, &n), FPL_OK);
    assert_same_double(w, 12.0);
    assert_same_double(n, 100.0);
    assert_int_equal(PARSE_HISTORY("1,200/5k", &w, &n), FPL_OK);
    assert_same_double(w, 1200.0);
    assert_same_double(n, 5000.0);
    assert_int_equal(PARSE_HISTORY("0/1", &w, &n), FPL_OK);
    const char *bad[] = {"", "12", "/100", "12/", "13/12", "1/0", "1.5/3", "-1/3", "a/b",
                         "1//3", "nan/3", "1/inf", "12/100/3", "12/100/2", "1/2/1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        w = -7.0;
        assert_int_equal(fpl_odds_history_parse(bad[i], strlen(bad[i]), &w, &n, NULL), FPL_ERR_HISTORY);
        assert_same_double(w, -7.0);
    }
    assert_int_equal(fpl_odds_history_parse(NULL, 0, &w, &n, NULL), FPL_ERR_NULL);
    /* the bytes at fault: WON, TOTAL, or the whole text */
    static const struct {
        const char *text;
        size_t offset;
        size_t length;
    } where[] = {
        {"12", 0, 2},        {"/100", 0, 0},     {"12/", 3, 0},   {"13/12", 0, 5},
        {"1/0", 2, 1},       {"1.5/3", 0, 3},    {"a/b", 0, 1},   {"1//3", 2, 2},
        {"12/100/3", 3, 5},  {"1,200/x5", 6, 2}, {"", 0, 0},
        {"12/100/2", 3, 5}, /* exactly WON/TOTAL: not 12 of 100/2 = 50 */
    };
    for (size_t i = 0; i < sizeof where / sizeof where[0]; ++i) {
        fpl_error e;
        assert_int_equal(fpl_odds_history_parse(where[i].text, strlen(where[i].text), &w, &n, &e),
                         FPL_ERR_HISTORY);
        assert_error_at(e, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, where[i].offset,
                        where[i].length);
    }
}

/* COUNT/PERIOD, or a bare COUNT only with a monthly target. */
static void test_odds_volume_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        fpl_period per;
        double volume;
        fpl_period volume_per;
    } good[] = {
        {"600/month", FPL_PERIOD_YEAR, 600, FPL_PERIOD_MONTH},
        {"1,800/quarter", FPL_PERIOD_YEAR, 1800, FPL_PERIOD_QUARTER},
        {"7.2k/year", FPL_PERIOD_MONTH, 7200, FPL_PERIOD_YEAR},
        {"600", FPL_PERIOD_MONTH, 600, FPL_PERIOD_MONTH},
        {"600/year", FPL_PERIOD_QUARTER, 600, FPL_PERIOD_YEAR},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; ++i) {
        double v = -1.0;
        fpl_period vp = (fpl_period)-1;
        fpl_error e;
        e.status = FPL_ERR_NULL;
        assert_int_equal(fpl_odds_volume_parse(good[i].text, strlen(good[i].text), good[i].per,
                                               &v, &vp, &e),
                         FPL_OK);
        assert_int_equal(e.status, FPL_OK);
        assert_same_double(v, good[i].volume);
        assert_int_equal(vp, good[i].volume_per);
    }
    static const struct {
        const char *text;
        fpl_period per;
        fpl_status status;
        size_t offset;
        size_t length;
    } bad[] = {
        {"600", FPL_PERIOD_YEAR, FPL_ERR_VOLUME_PERIOD, 0, 3},
        {"600", FPL_PERIOD_QUARTER, FPL_ERR_VOLUME_PERIOD, 0, 3},
        {"600/12", FPL_PERIOD_MONTH, FPL_ERR_PARSE_SYNTAX, 0, 6}, /* a period is a word */
        {"600/monthly", FPL_PERIOD_YEAR, FPL_ERR_PERIOD, 4, 7},
        {"600/Month", FPL_PERIOD_MONTH, FPL_ERR_PERIOD, 4, 5},
        {"x/month", FPL_PERIOD_YEAR, FPL_ERR_PARSE_SYNTAX, 0, 1},
        {"/month", FPL_PERIOD_MONTH, FPL_ERR_PARSE_EMPTY, 0, 0},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        double v = -1.0;
        fpl_period vp = FPL_PERIOD_QUARTER;
        fpl_error e;
        assert_int_equal(
            fpl_odds_volume_parse(bad[i].text, strlen(bad[i].text), bad[i].per, &v, &vp, &e),
            bad[i].status);
        assert_error_at(e, bad[i].status, FPL_FIELD_VOLUME, FPL_NO_INDEX, bad[i].offset,
                        bad[i].length);
        assert_same_double(v, -1.0);
        assert_int_equal(vp, FPL_PERIOD_QUARTER);
    }
    double v;
    fpl_period vp;
    assert_int_equal(fpl_odds_volume_parse(NULL, 0, FPL_PERIOD_MONTH, &v, &vp, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_odds_volume_parse("6", 1, FPL_PERIOD_MONTH, NULL, &vp, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_odds_volume_parse("6", 1, FPL_PERIOD_MONTH, &v, NULL, NULL), FPL_ERR_NULL);
    /* The hint writes the count with each period. */
    fpl_error e;
    assert_int_equal(fpl_odds_volume_parse("600", 3, FPL_PERIOD_YEAR, &v, &vp, &e),
                     FPL_ERR_VOLUME_PERIOD);
    char hint[80];
    assert_int_equal(fpl_error_hint(&e, "600", 3, hint, sizeof hint), 40);
    assert_string_equal(hint, "write 600/month, 600/quarter or 600/year");
    /* The rule for a number: a period said, or a monthly target. */
    assert_int_equal(fpl_odds_volume_period(FPL_PERIOD_YEAR, true, FPL_PERIOD_MONTH, &vp, NULL),
                     FPL_OK);
    assert_int_equal(vp, FPL_PERIOD_MONTH);
    assert_int_equal(fpl_odds_volume_period(FPL_PERIOD_MONTH, false, FPL_PERIOD_YEAR, &vp, NULL),
                     FPL_OK);
    assert_int_equal(vp, FPL_PERIOD_MONTH);
    assert_int_equal(fpl_odds_volume_period(FPL_PERIOD_QUARTER, false, FPL_PERIOD_MONTH, &vp, &e),
                     FPL_ERR_VOLUME_PERIOD);
    assert_int_equal(e.field, FPL_FIELD_VOLUME);
    assert_int_equal(
        fpl_odds_volume_period(FPL_PERIOD_MONTH, true, (fpl_period)FPL_PERIOD_COUNT, &vp, &e),
        FPL_ERR_PERIOD);
    assert_int_equal(e.field, FPL_FIELD_VOLUME);
    assert_int_equal(fpl_odds_volume_period(FPL_PERIOD_MONTH, false, FPL_PERIOD_MONTH, NULL, NULL),
                     FPL_ERR_NULL);
}

/* 600 leads a month at 2% for 120 deals a year: Bin(7200, 0.02), not
 * Bin(600, 0.02); a volume per a longer period splits exactly or not at all. */
static void test_odds_volume_has_its_own_period(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.02);
    fpl_terms t = deal_target(120);
    t.per = FPL_PERIOD_YEAR;
    fpl_odds_input in = {0};
    in.volume = 600;
    in.has_volume_per = true;
    in.volume_per = FPL_PERIOD_MONTH;
    fpl_odds r;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.volume, 7200.0);
    assert_same_double(r.given_volume, 600.0);
    assert_int_equal(r.per, FPL_PERIOD_YEAR);
    assert_int_equal(r.volume_per, FPL_PERIOD_MONTH);
    /* 0.98258294300567772306..., the sum in fractions of the double 0.02 (a
     * constant: the long double reference is a double under valgrind) */
    assert_close_rel(r.p_hit, 0.98258294300567772306, 1e-14);
    assert_true(r.p_hit > 0.98 && r.p_hit < 0.99);
    assert_close(r.expected_deals, 144.0);
    /* each level's least whole volume a month: its yearly volume / 12, up */
    for (size_t i = 0; i < r.n_levels; ++i) {
        assert_same_double(r.given_volume_for[i], ceil(r.volume_for[i].volume / 12.0));
    }
    assert_same_double(r.volume_for[2].volume, 6705.0);
    assert_same_double(r.given_volume_for[2], 559.0);
    /* without a period the volume is per the target's (the old meaning) */
    fpl_odds_input bare = {0};
    bare.volume = 7200;
    fpl_odds same;
    assert_int_equal(fpl_odds_compute(&f, &t, &bare, &same, NULL), FPL_OK);
    assert_same_double(same.p_hit, r.p_hit);
    assert_int_equal(same.volume_per, FPL_PERIOD_YEAR);
    assert_same_double(same.given_volume_for[2], 6705.0);
    /* 1,800 a quarter are 7,200 a year; 1,200 a year are 100 a month */
    in.volume = 1800;
    in.volume_per = FPL_PERIOD_QUARTER;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, NULL), FPL_OK);
    assert_same_double(same.p_hit, r.p_hit);
    t.per = FPL_PERIOD_MONTH;
    t.deals = 2;
    in.volume = 1200;
    in.volume_per = FPL_PERIOD_YEAR;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, NULL), FPL_OK);
    assert_same_double(same.volume, 100.0);
    assert_same_double(same.given_volume, 1200.0);
    assert_close_rel(same.p_hit, reference_tail(100, 0.02, 2), 1e-12);
    for (size_t i = 0; i < same.n_levels; ++i) {
        assert_same_double(same.given_volume_for[i], same.volume_for[i].volume * 12.0);
    }
    /* 1,201 a year are not whole a month; 2^53 a month are more than 2^53 a year */
    fpl_error e;
    in.volume = 1201;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, &e), FPL_ERR_VOLUME_SPLIT);
    assert_int_equal(e.field, FPL_FIELD_VOLUME);
    in.volume = 3;
    in.volume_per = FPL_PERIOD_QUARTER;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, &e), FPL_OK);
    assert_same_double(same.volume, 1.0);
    t.per = FPL_PERIOD_YEAR;
    in.volume = FPL_WHOLE_MAX / 4.0 + 1.0;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, &e), FPL_ERR_VOLUME_WHOLE);
    in.volume = FPL_WHOLE_MAX / 4.0;
    in.volume_per = (fpl_period)7;
    assert_int_equal(fpl_odds_compute(&f, &t, &in, &same, &e), FPL_ERR_PERIOD);
    assert_int_equal(e.field, FPL_FIELD_VOLUME);
    /* the simulation reads the volume the same way */
    fpl_odds_sim_input si = FPL_ODDS_SIM_INPUT_INIT;
    assert_false(si.has_volume_per);
    si.volume = 600;
    si.has_volume_per = true;
    si.volume_per = FPL_PERIOD_MONTH;
    si.trials = 2000;
    fpl_odds_sim s;
    t.deals = 120;
    assert_int_equal(fpl_odds_simulate(&f, &t, &si, sim_work, 4000, &s, NULL), FPL_OK);
    assert_true(s.expected_deals.value > 140.0 && s.expected_deals.value < 148.0);
    si.volume = 1201;
    si.volume_per = FPL_PERIOD_YEAR;
    t.per = FPL_PERIOD_MONTH;
    assert_int_equal(fpl_odds_simulate(&f, &t, &si, sim_work, 4000, &s, &e), FPL_ERR_VOLUME_SPLIT);
}

static void test_odds_trials_parse_names_trials(void **state)
{
    (void)state;
    size_t trials = 7;
    fpl_error e;
    assert_int_equal(fpl_odds_trials_parse("20k", 3, &trials, &e), FPL_OK);
    assert_int_equal(e.status, FPL_OK);
    assert_int_equal(trials, 20000);
    assert_int_equal(fpl_odds_trials_parse("10,000,000", 10, &trials, NULL), FPL_OK);
    assert_int_equal(trials, FPL_ODDS_TRIALS_MAX);
    assert_int_equal(fpl_odds_trials_parse("1", 1, &trials, NULL), FPL_OK);
    assert_int_equal(trials, 1);
    static const struct {
        const char *text;
        fpl_status status;
    } bad[] = {
        {"0", FPL_ERR_TRIALS},         {"1.5", FPL_ERR_TRIALS},
        {"10000001", FPL_ERR_TRIALS},  {"1e300", FPL_ERR_TRIALS},
        {"", FPL_ERR_PARSE_EMPTY},     {"-5", FPL_ERR_PARSE_NEGATIVE},
        {"ten", FPL_ERR_PARSE_SYNTAX}, {"1e999", FPL_ERR_PARSE_OVERFLOW},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        trials = 7;
        const size_t len = strlen(bad[i].text);
        assert_int_equal(fpl_odds_trials_parse(bad[i].text, len, &trials, &e), bad[i].status);
        assert_error_at(e, bad[i].status, FPL_FIELD_TRIALS, FPL_NO_INDEX, 0, len);
        assert_int_equal(trials, 7);
    }
    assert_int_equal(fpl_odds_trials_parse("5", 1, NULL, &e), FPL_ERR_NULL);
    assert_error(e, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
}

/* The defaults are the library's: the macro and the function agree, and a
 * zeroed input's 0 trials are refused, not read as the default. */
static void test_odds_sim_input_defaults(void **state)
{
    (void)state;
    const fpl_odds_sim_input macro = FPL_ODDS_SIM_INPUT_INIT;
    fpl_odds_sim_input in;
    memset(&in, 0xA5, sizeof in);
    fpl_odds_sim_input_init(&in);
    assert_int_equal(in.trials, FPL_ODDS_TRIALS_DEFAULT);
    assert_int_equal(in.trials, 10000);
    assert_int_equal(in.seed, FPL_ODDS_SEED_DEFAULT);
    assert_int_equal(in.seed, 1);
    assert_same_double(in.deal_size_cv, 0.0);
    assert_same_double(in.volume, 0.0);
    assert_int_equal(in.at, 0);
    assert_int_equal(macro.trials, in.trials);
    assert_int_equal(macro.seed, in.seed);
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        assert_false(in.has_history[i]);
        assert_false(macro.has_history[i]);
        assert_same_double(in.won[i], 0.0);
        assert_same_double(in.total[i], 0.0);
    }
    fpl_odds_sim_input_init(NULL); /* does nothing */

    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = deal_target(12);
    in.volume = 100;
    assert_int_equal(fpl_odds_sim_work_len(in.trials), 2 * FPL_ODDS_TRIALS_DEFAULT);
    fpl_odds_sim s;
    fpl_error e;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, 2 * FPL_ODDS_TRIALS_DEFAULT, &s, &e),
                     FPL_OK);
    assert_int_equal(s.trials, FPL_ODDS_TRIALS_DEFAULT);
    assert_int_equal(s.seed, FPL_ODDS_SEED_DEFAULT);
    in.trials = 0; /* as a zeroed input has it */
    memset(&s, 0x5A, sizeof s);
    const fpl_odds_sim before = s;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, 2 * FPL_ODDS_TRIALS_DEFAULT, &s, &e),
                     FPL_ERR_TRIALS);
    assert_error(e, FPL_ERR_TRIALS, FPL_FIELD_TRIALS, FPL_NO_INDEX);
    assert_memory_equal(&s, &before, sizeof s);
    assert_int_equal(fpl_odds_sim_work_len(0), 0);
    assert_int_equal(fpl_odds_sim_work_len(SIZE_MAX), SIZE_MAX);
}

static fpl_odds_sim_input sim_input(double volume, uint64_t seed, size_t trials)
{
    fpl_odds_sim_input in = FPL_ODDS_SIM_INPUT_INIT;
    in.volume = volume;
    in.seed = seed;
    in.trials = trials;
    return in;
}


/* Same seed, same figures (byte for byte); the estimates agree with the
 * exact model within their standard errors. */
static void test_odds_simulation_reproducible_and_right(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = deal_target(12);
    fpl_odds_sim_input in = sim_input(100, 42, 100000);
    fpl_odds_sim a;
    fpl_odds_sim b;
    memset(&a, 0, sizeof a);
    memset(&b, 0xFF, sizeof b);
    const size_t len = sizeof sim_work / sizeof sim_work[0];
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, len, &a, NULL), FPL_OK);
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, len, &b, NULL), FPL_OK);
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(a.trials, 100000);
    assert_true(fabs(a.p_hit.value - 0.5457817087190769) < 4.0 * a.p_hit.std_error);
    assert_close_rel(a.p_hit.std_error, sqrt(a.p_hit.value * (1 - a.p_hit.value) / 1e5), 1e-12);
    assert_true(fabs(a.expected_deals.value - 12.0) < 4.0 * a.expected_deals.std_error);
    assert_close_rel(a.expected_deals.std_error, sqrt(100 * 0.12 * 0.88 / 1e5), 0.02);
    assert_same_double(a.deals_quantiles[0].value, 8.0);
    assert_same_double(a.deals_quantiles[1].value, 12.0);
    assert_same_double(a.deals_quantiles[2].value, 16.0);
    /* Golden figures of seed 42: the generator and every draw use only
     * IEEE-754 arithmetic, so these hold on every platform. */
    assert_same_double(a.p_hit.value, GOLDEN_P_HIT);
    assert_same_double(a.expected_deals.value, GOLDEN_MEAN);
    in.seed = 43;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, len, &b, NULL), FPL_OK);
    assert_true(a.p_hit.value != b.p_hit.value || a.expected_deals.value != b.expected_deals.value);
}

/* Large volumes and tiny rates go through the beta-splitting binomial draw. */
static void test_odds_simulation_large_volumes(void **state)
{
    (void)state;
    const double volumes[] = {1e6, 1e9, 1e12};
    const double rates[] = {0.3, 1e-6, 1e-9};
    for (size_t i = 0; i < 3; ++i) {
        fpl_funnel f = {0};
        fpl_test_add(&f, "lead", rates[i]);
        const double mean = volumes[i] * rates[i];
        fpl_terms t = deal_target(ceil(mean));
        fpl_odds_sim_input in = sim_input(volumes[i], 7, 20000);
        fpl_odds_sim s;
        assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, 40000, &s, NULL), FPL_OK);
        assert_true(fabs(s.expected_deals.value - mean) < 4.0 * s.expected_deals.std_error);
        const double sd = sqrt(mean * (1 - rates[i]));
        assert_close_rel(s.expected_deals.std_error * sqrt(20000.0), sd, 0.03);
        double exact;
        assert_int_equal(fpl_odds_tail(volumes[i], rates[i], ceil(mean), &exact, NULL, NULL), FPL_OK);
        assert_true(fabs(s.p_hit.value - exact) < 4.0 * s.p_hit.std_error);
        /* seed 7's figures, as tests/python/fpl_rng_reference.py draws them */
        assert_same_double(s.p_hit.value, GOLDEN_LARGE_P_HIT[i]);
        assert_same_double(s.expected_deals.value, GOLDEN_LARGE_MEAN[i]);
    }
}

/* A rate known from 12 wins in 100: each trial draws it from Beta(13, 89),
 * so deals have mean volume · 13/102 and a wider spread than the binomial. */
static void test_odds_simulation_history_and_deal_sizes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 48000;
    t.has_deal_size = true;
    t.deal_size = 4000;
    fpl_odds_sim_input in = sim_input(100, 1, 100000);
    in.has_history[0] = true;
    in.won[0] = 12;
    in.total[0] = 100;
    fpl_odds_sim s;
    const size_t len = sizeof sim_work / sizeof sim_work[0];
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, len, &s, NULL), FPL_OK);
    const double mean = 100.0 * 13.0 / 102.0;
    assert_true(fabs(s.expected_deals.value - mean) < 4.0 * s.expected_deals.std_error);
    /* Beta-binomial variance: n·a·b·(a + b + n)/((a + b)²(a + b + 1)) */
    const double var = 100.0 * 13 * 89 * (102 + 100) / (102.0 * 102 * 103);
    assert_close_rel(s.expected_deals.std_error * sqrt(1e5), sqrt(var), 0.02);
    assert_false(s.by_revenue); /* fixed sizes: the hit is judged on deals */
    /* seed 1's figures, as tests/python/fpl_rng_reference.py draws them */
    assert_same_double(s.p_hit.value, 0.57372);
    assert_same_double(s.expected_deals.value, 12.7188);
    assert_close(s.expected_revenue.value, s.expected_deals.value * 4000);

    /* Deal sizes with CV 0.5: revenue of d deals is Gamma(4d, 1000); mean
     * revenue = mean deals · 4000, judged on revenue. */
    in.has_history[0] = false;
    in.deal_size_cv = 0.5;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, len, &s, NULL), FPL_OK);
    assert_true(s.by_revenue);
    assert_true(fabs(s.expected_revenue.value - 48000.0) < 4.0 * s.expected_revenue.std_error);
    assert_same_double(s.p_hit.value, 0.47669); /* seed 1, as the reference draws it */
    assert_same_double(s.expected_revenue.value, 48018.51339041592);
    /* Var(revenue) = E[d]·Var(size) + Var(d)·size² */
    const double vr = 12.0 * (2000.0 * 2000.0) + 100 * 0.12 * 0.88 * 4000.0 * 4000.0;
    assert_close_rel(s.expected_revenue.std_error * sqrt(1e5), sqrt(vr), 0.02);
    assert_true(s.revenue_quantiles[0].value < s.revenue_quantiles[1].value);
    assert_true(s.revenue_quantiles[1].value < s.revenue_quantiles[2].value);
    assert_true(s.revenue_quantiles[1].std_error > 0.0);
}

static void test_odds_simulation_refuses_bad_input(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_test_add(&f, "deal", 0.5);
    fpl_terms t = deal_target(12);
    fpl_odds_sim_input in = sim_input(100, 1, 10);
    fpl_odds_sim s;
    memset(&s, 0x5A, sizeof s);
    fpl_odds_sim before = s;
    double work[20];
    fpl_error e;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 19, &s, &e), FPL_ERR_WORKSPACE);
    assert_error(e, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, NULL, 20, &s, &e), FPL_ERR_NULL);
    assert_error(e, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    const size_t bad_trials[] = {0, FPL_ODDS_TRIALS_MAX + 1, SIZE_MAX};
    for (size_t i = 0; i < sizeof bad_trials / sizeof bad_trials[0]; ++i) {
        in.trials = bad_trials[i];
        assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_TRIALS);
        assert_error(e, FPL_ERR_TRIALS, FPL_FIELD_TRIALS, FPL_NO_INDEX);
    }
    in.trials = 10;
    const double bad_cv[] = {NAN, INFINITY, -0.5, 1e-300, 0.0009, 10.5};
    for (size_t i = 0; i < sizeof bad_cv / sizeof bad_cv[0]; ++i) {
        in.deal_size_cv = bad_cv[i];
        assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_VARIATION);
        assert_error(e, FPL_ERR_VARIATION, FPL_FIELD_DEAL_SIZE_CV, FPL_NO_INDEX);
    }
    in.deal_size_cv = 0.5; /* without a deal size: the variation needs one */
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_DEAL_SIZE_MISSING);
    assert_error(e, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_DEAL_SIZE_CV, FPL_NO_INDEX);
    in.deal_size_cv = 0;
    const double bad_history[][2] = {{13, 12}, {1, 0}, {0.5, 3}, {-1, 3}, {NAN, 3}, {1, INFINITY}};
    for (size_t i = 0; i < sizeof bad_history / sizeof bad_history[0]; ++i) {
        in.has_history[1] = true;
        in.won[1] = bad_history[i][0];
        in.total[1] = bad_history[i][1];
        assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_HISTORY);
        assert_error(e, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, 1);
    }
    in.has_history[1] = false;
    in.has_history[2] = true; /* no such stage */
    in.won[2] = 1;
    in.total[2] = 2;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_HISTORY_STAGE);
    assert_error(e, FPL_ERR_HISTORY_STAGE, FPL_FIELD_HISTORY, 2);
    in.has_history[2] = false;
    in.has_history[0] = true; /* above the stage the volume enters */
    in.won[0] = 1;
    in.total[0] = 2;
    in.at = 1;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_HISTORY_STAGE);
    assert_error(e, FPL_ERR_HISTORY_STAGE, FPL_FIELD_HISTORY, 0);
    in.has_history[0] = false;
    in.at = 2;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    in.at = 0;
    in.volume = 2.5;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, work, 20, &s, &e), FPL_ERR_VOLUME_WHOLE);
    assert_error(e, FPL_ERR_VOLUME_WHOLE, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    assert_memory_equal(&s, &before, sizeof s);
}

/* With three trials the quantiles P10, P50 and P90 are the three draws
 * themselves (ranks ⌈0.3⌉ = 1, ⌈1.5⌉ = 2, ⌈2.7⌉ = 3), so every other figure
 * follows from them by hand: the mean, its standard error s/√T with the
 * sample variance over T − 1, and each quantile's standard error, half the
 * spread of the order statistics ⌈qT ∓ √(Tq(1−q))⌉ clamped to 1..T: P10
 * from rank 1 to 1 and P90 from 3 to 3 (both 0: the unclamped ranks 0 and 4
 * lie outside the sample), P50 from 1 to 3. Guards on both sides of the
 * workspace would show a read outside it. */
static void test_odds_simulation_three_trials_by_hand(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_terms t = deal_target(5);
    t.has_deal_size = true;
    t.deal_size = 1000;
    struct {
        double before;
        double work[6];
        double after;
    } ws = {1e300, {0}, 2e300};
    fpl_odds_sim_input in = sim_input(10, 1, 3);
    fpl_odds_sim s;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, ws.work, 6, &s, NULL), FPL_OK);
    /* seed 1 draws 2, 6 and 9 deals (golden: the generator is specified) */
    const double x[3] = {2.0, 6.0, 9.0};
    for (int i = 0; i < 3; ++i) {
        assert_same_double(s.deals_quantiles[i].value, x[i]);
    }
    /* mean 17/3; squares about it (121 + 1 + 100)/9 = 222/9; the standard
     * error √(222/9 / 2 / 3) = √37/3 (over T it would be √222/9) */
    assert_close_rel(s.expected_deals.value, 17.0 / 3.0, 1e-15);
    assert_close_rel(s.expected_deals.std_error, sqrt(37.0) / 3.0, 1e-15);
    assert_same_double(s.deals_quantiles[0].std_error, 0.0);
    assert_same_double(s.deals_quantiles[1].std_error, 3.5); /* (9 − 2)/2 */
    assert_same_double(s.deals_quantiles[2].std_error, 0.0);
    /* fixed sizes: the revenue of each trial is its deals × 1,000 */
    assert_true(s.has_revenue);
    assert_close_rel(s.expected_revenue.value, 17000.0 / 3.0, 1e-15);
    assert_close_rel(s.expected_revenue.std_error, 1000.0 * sqrt(37.0) / 3.0, 1e-15);
    for (int i = 0; i < 3; ++i) {
        assert_same_double(s.revenue_quantiles[i].value, 1000.0 * x[i]);
    }
    assert_same_double(s.revenue_quantiles[0].std_error, 0.0);
    assert_same_double(s.revenue_quantiles[1].std_error, 3500.0);
    assert_same_double(s.revenue_quantiles[2].std_error, 0.0);
    /* the chance: 6 and 9 reach 5 deals, 2 of 3, standard error √(2/27) */
    assert_same_double(s.p_hit.value, 2.0 / 3.0);
    assert_close_rel(s.p_hit.std_error, sqrt(2.0 / 27.0), 1e-15);
    assert_same_double(ws.before, 1e300);
    assert_same_double(ws.after, 2e300);
}

/* Rates whose product underflows to zero (1e-200 three times) have no odds:
 * every odds question says so instead of answering with a rate of 0. */
static void test_odds_underflowing_cumulative_rate_is_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "a", 1e-200);
    fpl_test_add(&f, "b", 1e-200);
    fpl_test_add(&f, "c", 1e-200);
    fpl_terms t = deal_target(2);
    fpl_odds_input oi = {0};
    oi.volume = 1000;
    fpl_odds o;
    fpl_error e;
    assert_int_equal(fpl_odds_compute(&f, &t, &oi, &o, &e), FPL_ERR_OVERFLOW);
    assert_int_equal(e.status, FPL_ERR_OVERFLOW);
    fpl_odds_plan op;
    assert_int_equal(fpl_odds_plan_compute(&f, &t, 0.9, &op, &e), FPL_ERR_OVERFLOW);
    fpl_odds_sim_input in = sim_input(1000, 1, 10);
    fpl_odds_sim s;
    assert_int_equal(fpl_odds_simulate(&f, &t, &in, sim_work, 20, &s, &e), FPL_ERR_OVERFLOW);
    /* from the third stage alone the rate is 1e-200: an answer */
    oi.at = 2;
    assert_int_equal(fpl_odds_compute(&f, &t, &oi, &o, &e), FPL_OK);
    assert_same_double(o.cumulative_rate, 1e-200);
}

/* The volume of a forecast, what-if or goal seek: a bare count per the
 * question's period, a count with its period converted exactly. */
static void test_volume_parse_converts_to_the_question_period(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        fpl_period per;
        double volume;
    } good[] = {
        {"600", FPL_PERIOD_YEAR, 600.0},          /* bare: per the question */
        {"600/month", FPL_PERIOD_YEAR, 7200.0},   /* 600 × 12 */
        {"600/month", FPL_PERIOD_QUARTER, 1800.0},
        {"1,800/quarter", FPL_PERIOD_YEAR, 7200.0},
        {"1200/year", FPL_PERIOD_MONTH, 100.0},
        {"1201/year", FPL_PERIOD_QUARTER, 300.25}, /* a forecast takes fractions */
        {"2.5k/month", FPL_PERIOD_MONTH, 2500.0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; ++i) {
        double v = -1.0;
        assert_int_equal(fpl_volume_parse(good[i].text, FPL_NUL_TERMINATED, good[i].per, &v, NULL),
                         FPL_OK);
        assert_same_double(v, good[i].volume);
    }
    double v = -1.0;
    fpl_error e;
    assert_int_equal(fpl_volume_parse("600/monthly", 11, FPL_PERIOD_YEAR, &v, &e), FPL_ERR_PERIOD);
    assert_error_at(e, FPL_ERR_PERIOD, FPL_FIELD_VOLUME, FPL_NO_INDEX, 4, 7);
    assert_int_equal(fpl_volume_parse("9007199254740993/year", FPL_NUL_TERMINATED,
                                      FPL_PERIOD_MONTH, &v, &e),
                     FPL_ERR_PARSE_COUNT_MAX);
    assert_int_equal(fpl_volume_parse("8.000/month", FPL_NUL_TERMINATED, FPL_PERIOD_YEAR, &v, &e),
                     FPL_ERR_PARSE_AMBIGUOUS);
    assert_int_equal(fpl_volume_parse("600", 3, (fpl_period)7, &v, &e), FPL_ERR_PERIOD);
    assert_same_double(v, -1.0); /* untouched on failure */
    assert_int_equal(fpl_volume_parse(NULL, 0, FPL_PERIOD_MONTH, &v, NULL), FPL_ERR_NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odds_danish_example),
        cmocka_unit_test(test_odds_tail_matches_direct_sum),
        cmocka_unit_test(test_odds_huge_volume_by_symmetry),
        cmocka_unit_test(test_odds_tiny_rate_huge_volume_is_poisson),
        cmocka_unit_test(test_odds_volume_and_quantile_are_least),
        cmocka_unit_test(test_odds_exact_ties_at_one_half),
        cmocka_unit_test(test_odds_tail_edges),
        cmocka_unit_test(test_odds_compute_levels_merge_and_sort),
        cmocka_unit_test(test_odds_compute_refuses_bad_input),
        cmocka_unit_test(test_odds_plan_needs_more_than_expected_value),
        cmocka_unit_test(test_odds_history_parse),
        cmocka_unit_test(test_odds_volume_parse),
        cmocka_unit_test(test_odds_volume_has_its_own_period),
        cmocka_unit_test(test_odds_trials_parse_names_trials),
        cmocka_unit_test(test_odds_sim_input_defaults),
        cmocka_unit_test(test_odds_simulation_reproducible_and_right),
        cmocka_unit_test(test_odds_simulation_large_volumes),
        cmocka_unit_test(test_odds_simulation_history_and_deal_sizes),
        cmocka_unit_test(test_odds_simulation_refuses_bad_input),
        cmocka_unit_test(test_odds_simulation_three_trials_by_hand),
        cmocka_unit_test(test_odds_underflowing_cumulative_rate_is_refused),
        cmocka_unit_test(test_volume_parse_converts_to_the_question_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

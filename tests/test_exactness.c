/*
 * funnelplan — exactness and properties of plan and forecast over random
 * funnels, against an exact 128-bit integer reference.
 *
 * Domain of the exactness promise (docs/guide.md): rates of whole tenths of
 * a percent, amounts in whole cents, revenue below 10^11 cents' worth of
 * deals and every whole count below 10^11. There a true fraction is never
 * closer to an integer than the 16-epsilon tolerance, so tolerant rounding
 * must agree with exact integer ceilings every time.
 *
 * FPL_EXACTNESS_CASES and FPL_PROPERTY_CASES override the counts (the
 * valgrind setup lowers them; the defaults are what CI runs).
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
#include <stdlib.h>

__extension__ typedef unsigned __int128 u128;

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static long cases_from_env(const char *name, long fallback)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        return fallback;
    }
    double d;
    if (fpl_parse_amount(v, strlen(v), &d, NULL) != FPL_OK || d < 1.0) {
        return fallback;
    }
    return (long)d;
}

typedef struct random_funnel {
    size_t n;
    unsigned per_mille[6]; /* rate of stage i = per_mille[i] / 1000 */
    fpl_funnel funnel;
} random_funnel;

/* Rates written as the CLI user would: "12%" or "12.5%", parsed by the library. */
static void make_funnel(uint64_t *seed, random_funnel *rf)
{
    memset(rf, 0, sizeof *rf);
    rf->n = 1 + (size_t)(next_random(seed) % 6);
    for (size_t i = 0; i < rf->n; ++i) {
        unsigned k = 1 + (unsigned)(next_random(seed) % 1000);
        if (next_random(seed) % 2 == 0) {
            k = 10 * (1 + (unsigned)(next_random(seed) % 100)); /* integer percent */
        }
        rf->per_mille[i] = k;
        char text[16];
        int len = k % 10 == 0 ? snprintf(text, sizeof text, "%u%%", k / 10)
                              : snprintf(text, sizeof text, "%u.%u%%", k / 10, k % 10);
        double rate;
        assert_int_equal(fpl_parse_rate(text, (size_t)len, &rate, NULL), FPL_OK);
        char name[4] = {'s', (char)('0' + i), 0, 0};
        fpl_test_add(&rf->funnel, name, rate);
    }
}

/* Whole cents as the user writes them: "1234.56". */
static double cents_amount(uint64_t cents)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%llu.%02llu", (unsigned long long)(cents / 100),
                       (unsigned long long)(cents % 100));
    double v;
    assert_int_equal(fpl_parse_amount(text, (size_t)len, &v, NULL), FPL_OK);
    return v;
}

static const u128 DOMAIN_MAX = 100000000000u; /* 1e11 */

static void test_whole_counts_are_exact_over_a_million_funnels(void **state)
{
    (void)state;
    const long want = cases_from_env("FPL_EXACTNESS_CASES", 1000000);
    uint64_t seed = 0x2545F4914F6CDD1Du;
    long checked = 0;
    long mismatches = 0;
    while (checked < want) {
        random_funnel rf;
        make_funnel(&seed, &rf);
        uint64_t deal_cents = 100 + next_random(&seed) % 100000000;            /* 1 .. 1e6 */
        uint64_t revenue_cents = deal_cents + next_random(&seed) % 10000000000; /* .. 1e8 */
        if (next_random(&seed) % 4 == 0) {
            revenue_cents = deal_cents * (1 + next_random(&seed) % 1000); /* whole deals */
        }
        u128 w = (revenue_cents + deal_cents - 1) / deal_cents;
        u128 whole[6];
        bool in_domain = true;
        for (size_t i = rf.n; i-- > 0;) {
            w = (w * 1000 + rf.per_mille[i] - 1) / rf.per_mille[i];
            whole[i] = w;
            in_domain = in_domain && w <= DOMAIN_MAX;
        }
        if (!in_domain) {
            continue;
        }
        fpl_terms t = {0};
        t.target = FPL_TARGET_REVENUE;
        t.revenue = cents_amount(revenue_cents);
        t.has_deal_size = true;
        t.deal_size = cents_amount(deal_cents);
        fpl_plan p;
        assert_int_equal(fpl_plan_compute(&rf.funnel, &t, &p, NULL), FPL_OK);
        u128 deals_whole = (revenue_cents + deal_cents - 1) / deal_cents;
        bool ok = p.deals_whole == (uint64_t)deals_whole;
        for (size_t i = 0; i < rf.n; ++i) {
            ok = ok && p.stages[i].required_whole == (uint64_t)whole[i];
        }
        if (!ok && mismatches++ < 5) {
            print_error("mismatch: revenue %llu cents, deal %llu cents, %zu stages\n",
                        (unsigned long long)revenue_cents, (unsigned long long)deal_cents,
                        rf.n);
        }
        checked++;
    }
    print_message("exactness: %ld funnels checked, %ld mismatches\n", checked, mismatches);
    assert_int_equal(mismatches, 0);
}

/* A true fraction a hair above an integer, inside the domain, is never swallowed. */
static void test_a_hair_above_an_integer_still_rounds_up(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "deal", 1.0);
    const uint64_t deal_cents[] = {100, 999999, 100000000};
    for (size_t i = 0; i < sizeof deal_cents / sizeof deal_cents[0]; ++i) {
        uint64_t d = deal_cents[i];
        for (uint64_t n = 1; n <= 100000000000u / d; n *= 7) {
            fpl_terms t = {0};
            t.target = FPL_TARGET_REVENUE;
            t.has_deal_size = true;
            t.deal_size = cents_amount(d);
            t.revenue = cents_amount(n * d + 1); /* one cent above n whole deals */
            fpl_plan p;
            assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
            assert_int_equal(p.deals_whole, n + 1);
            t.revenue = cents_amount(n * d); /* exactly n deals */
            assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
            assert_int_equal(p.deals_whole, n);
        }
    }
    /* A rate one per mille below a whole ratio: 999 deals at 99.9% need 1000. */
    fpl_funnel g = {0};
    double r;
    assert_int_equal(PARSE_RATE("99.9%", &r), FPL_OK);
    fpl_test_add(&g, "s", r);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 1000;
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&g, &t, &p, NULL), FPL_OK);
    assert_int_equal(p.stages[0].required_whole, 1002); /* 1001.001... */
    t.deals = 999;
    assert_int_equal(fpl_plan_compute(&g, &t, &p, NULL), FPL_OK);
    assert_int_equal(p.stages[0].required_whole, 1000);
}

static void test_properties_hold_over_random_funnels(void **state)
{
    (void)state;
    const long want = cases_from_env("FPL_PROPERTY_CASES", 100000);
    uint64_t seed = 0xD1B54A32D192ED03u;
    const double slack = 64.0 * DBL_EPSILON;
    for (long c = 0; c < want; ++c) {
        random_funnel rf;
        make_funnel(&seed, &rf);
        fpl_terms t = {0};
        t.per = (fpl_period)(next_random(&seed) % 3);
        t.target = FPL_TARGET_DEALS;
        t.deals = (double)(1 + next_random(&seed) % 10000) / 4.0;
        fpl_plan p;
        fpl_status st = fpl_plan_compute(&rf.funnel, &t, &p, NULL);
        assert_int_equal(st, FPL_OK);
        assert_true((double)p.deals_whole >= p.deals);
        assert_true((double)p.deals_whole - 1.0 < p.deals);
        double below = (double)p.deals_whole;
        for (size_t i = rf.n; i-- > 0;) {
            const fpl_plan_stage *s = &p.stages[i];
            const double whole = (double)s->required_whole;
            /* whole covers exact, and the stage below */
            assert_true(whole >= s->required * (1.0 - slack));
            assert_true(whole * s->rate >= below * (1.0 - slack));
            /* one fewer would not */
            assert_true((whole - 1.0) * s->rate < below * (1.0 + slack));
            below = whole;
        }
        /* The forecast of the whole plan meets the target. */
        fpl_forecast_input in = {(double)p.stages[0].required_whole, 0};
        fpl_forecast fc;
        assert_int_equal(fpl_forecast_compute(&rf.funnel, &t, &in, &fc, NULL), FPL_OK);
        assert_true(fc.deals >= t.deals * (1.0 - slack));
        assert_true(fc.attainment >= 1.0 - slack);
        /* Raising any rate never raises any required volume. */
        size_t k = (size_t)(next_random(&seed) % rf.n);
        random_funnel better = rf;
        double raised = rf.funnel.stages[k].rate * 1.25;
        better.funnel.stages[k].rate = raised > 1.0 ? 1.0 : raised;
        fpl_plan q;
        assert_int_equal(fpl_plan_compute(&better.funnel, &t, &q, NULL), FPL_OK);
        for (size_t i = 0; i < rf.n; ++i) {
            assert_true(q.stages[i].required <= p.stages[i].required);
            assert_true(q.stages[i].required_whole <= p.stages[i].required_whole);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_counts_are_exact_over_a_million_funnels),
        cmocka_unit_test(test_a_hair_above_an_integer_still_rounds_up),
        cmocka_unit_test(test_properties_hold_over_random_funnels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

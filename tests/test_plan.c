/*
 * funnelplan — plan: backward from a target to the volume every stage needs.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static fpl_terms revenue_terms(fpl_period per, double revenue, double deal_size)
{
    fpl_terms t = {0};
    t.per = per;
    t.target = FPL_TARGET_REVENUE;
    t.revenue = revenue;
    t.has_deal_size = true;
    t.deal_size = deal_size;
    return t;
}

static fpl_terms deal_terms(fpl_period per, double deals)
{
    fpl_terms t = {0};
    t.per = per;
    t.target = FPL_TARGET_DEALS;
    t.deals = deals;
    return t;
}

/* Worked example 1 (Polish source). */
static void test_example1_year_plan_needs_20000_leads(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.01);
    fpl_test_add(&f, "accepted", 0.10);
    fpl_terms t = revenue_terms(FPL_PERIOD_YEAR, 1000000, 50000);
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_int_equal(p.n_stages, 2);
    assert_true(p.has_revenue);
    assert_close(p.deals, 20.0);
    assert_int_equal(p.deals_whole, 20);
    assert_close(p.stages[1].required, 200.0);
    assert_int_equal(p.stages[1].required_whole, 200);
    assert_close(p.stages[0].required, 20000.0);
    assert_int_equal(p.stages[0].required_whole, 20000);
    assert_close(p.stages[0].cumulative_rate, 0.001);
    assert_close(p.stages[1].cumulative_rate, 0.1);
    const fpl_plan_period *m = &p.by_period[FPL_PERIOD_MONTH];
    assert_close(m->required[0], 20000.0 / 12.0); /* 1,666.67 */
    assert_close(m->required[1], 200.0 / 12.0);   /* 16.67 */
    assert_close(m->deals, 20.0 / 12.0);          /* 1.67 */
    assert_close(m->revenue, 1000000.0 / 12.0);
    assert_close(p.by_period[FPL_PERIOD_QUARTER].required[0], 5000.0);
    assert_same_double(p.by_period[FPL_PERIOD_YEAR].required[0], p.stages[0].required);
    assert_close(p.margin, 1.0);
    assert_close(p.gross_profit, 1000000.0);
    assert_false(p.has_cost);
}

/* Worked example 2 (German source): 25 / (1/3) is 75, not 76. */
static void test_example2_thirds_need_exactly_75(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    double third;
    assert_int_equal(PARSE_RATE("1/3", &third), FPL_OK);
    fpl_test_add(&f, "opportunity", third);
    fpl_terms t = revenue_terms(FPL_PERIOD_MONTH, 100000, 4000);
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_close(p.deals, 25.0);
    assert_int_equal(p.deals_whole, 25);
    assert_close(p.stages[0].required, 75.0);
    assert_int_equal(p.stages[0].required_whole, 75);
    assert_close(p.by_period[FPL_PERIOD_YEAR].required[0], 900.0);
    assert_close(p.by_period[FPL_PERIOD_YEAR].deals, 300.0);
}

/* Worked example 4 (Danish source): 12% vs 20%. */
static void test_example4_twelve_customers_need_100_or_60_leads(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.12);
    fpl_terms t = deal_terms(FPL_PERIOD_MONTH, 12);
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_false(p.has_revenue);
    assert_false(p.has_deal_size);
    assert_close(p.stages[0].required, 100.0);
    assert_int_equal(p.stages[0].required_whole, 100);
    f.stages[0].rate = 0.20;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_close(p.stages[0].required, 60.0);
    assert_int_equal(p.stages[0].required_whole, 60);
}

/* Worked example 5 (Russian source): whole units cascade up. */
static void test_example5_27_percent_accepted_needs_149_leads(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "mql", 0.27);
    fpl_test_add(&f, "accepted", 0.25);
    fpl_terms t = deal_terms(FPL_PERIOD_MONTH, 10);
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_close(p.stages[1].required, 40.0);
    assert_int_equal(p.stages[1].required_whole, 40);
    assert_close(p.stages[0].required, 40.0 / 0.27); /* 148.148... */
    assert_close_rel(p.stages[0].required, 148.14814814814815, 1e-15);
    assert_int_equal(p.stages[0].required_whole, 149);
}

static void test_floating_traps_round_to_the_true_integer(void **state)
{
    (void)state;
    const struct {
        double deals;
        const char *rate;
        uint64_t whole;
    } traps[] = {
        {145, "29%", 500}, {69, "69%", 100}, {25, "1/3", 75}, {7, "7%", 100},
        {57, "57%", 100},  {58, "58%", 100}, {29, "0.29", 100}, {3, "3%", 100},
        {1, "1/3", 3},     {33, "33%", 100},
    };
    for (size_t i = 0; i < sizeof traps / sizeof traps[0]; ++i) {
        double rate;
        assert_int_equal(fpl_parse_rate(traps[i].rate, strlen(traps[i].rate), &rate, NULL), FPL_OK);
        fpl_funnel f = {0};
        fpl_test_add(&f, "opportunity", rate);
        fpl_terms t = deal_terms(FPL_PERIOD_MONTH, traps[i].deals);
        fpl_plan p;
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
        if (p.stages[0].required_whole != traps[i].whole) {
            print_error("%g deals at %s: %llu, want %llu\n", traps[i].deals, traps[i].rate,
                        (unsigned long long)p.stages[0].required_whole,
                        (unsigned long long)traps[i].whole);
            fail();
        }
    }
}

static void test_fractional_deals_round_up_to_whole_deals_first(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 0.5);
    fpl_terms t = revenue_terms(FPL_PERIOD_MONTH, 10000, 3000); /* 3.33 deals */
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_close(p.deals, 10.0 / 3.0);
    assert_int_equal(p.deals_whole, 4);
    assert_close(p.stages[0].required, 20.0 / 3.0);
    assert_int_equal(p.stages[0].required_whole, 8); /* 4 whole deals / 50% */
}

static void test_cost_per_lead_gives_budget_cac_and_cost_per_unit(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.01);
    fpl_test_add(&f, "accepted", 0.10);
    fpl_terms t = revenue_terms(FPL_PERIOD_YEAR, 1000000, 50000);
    t.has_cost_per_lead = true;
    t.cost_per_lead = 12.5;
    t.has_margin = true;
    t.margin = 0.6;
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_true(p.has_cost);
    assert_close(p.budget, 250000.0);       /* 20,000 leads × 12.5 */
    assert_close(p.cost_per_deal, 12500.0); /* / 20 deals */
    assert_close(p.stages[0].cost_per, 12.5);
    assert_close(p.stages[1].cost_per, 1250.0);
    assert_close(p.by_period[FPL_PERIOD_MONTH].budget, 250000.0 / 12.0);
    assert_close(p.gross_profit, 600000.0);
    /* A free channel is a real answer, not a missing one. */
    t.cost_per_lead = -0.0;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_true(p.has_cost);
    assert_false(signbit(p.budget));
    assert_same_double(p.cost_per_deal, 0.0);
}

static void test_bad_terms_are_refused_and_leave_the_plan_untouched(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    const double not_positive[] = {0.0, -0.0, -1.0, NAN, -NAN, INFINITY, -INFINITY, -DBL_MAX};
    fpl_plan sentinel;
    memset(&sentinel, 0xA5, sizeof sentinel);
    fpl_plan p = sentinel;
    for (size_t i = 0; i < sizeof not_positive / sizeof not_positive[0]; ++i) {
        double v = not_positive[i];
        fpl_terms t = revenue_terms(FPL_PERIOD_MONTH, v, 100);
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_REVENUE);
        t = revenue_terms(FPL_PERIOD_MONTH, 100, v);
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_DEAL_SIZE);
        t = deal_terms(FPL_PERIOD_MONTH, v);
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_DEALS);
        t = deal_terms(FPL_PERIOD_MONTH, 5);
        t.has_margin = true;
        t.margin = v;
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_MARGIN);
        if (!(v == 0.0)) { /* zero cost is allowed */
            t = deal_terms(FPL_PERIOD_MONTH, 5);
            t.has_cost_per_lead = true;
            t.cost_per_lead = v;
            assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_COST);
        }
    }
    fpl_terms t = deal_terms(FPL_PERIOD_MONTH, 5);
    t.has_margin = true;
    t.margin = nextafter(1.0, 2.0);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_MARGIN);
    t.margin = 1.0; /* exactly 100%: the largest margin there is */
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_same_double(p.margin, 1.0);
    p = sentinel;
    t = deal_terms(FPL_PERIOD_MONTH, 5);
    t.has_deal_size = true;
    t.deal_size = 0.0;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_DEAL_SIZE);
    t = deal_terms((fpl_period)7, 5);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_PERIOD);
    t = deal_terms(FPL_PERIOD_MONTH, 5);
    t.target = (fpl_target_kind)9;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_TARGET);
    t.target = FPL_TARGET_NONE;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_TARGET);
    t = revenue_terms(FPL_PERIOD_MONTH, 100, 10);
    t.has_deal_size = false;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_DEAL_SIZE_MISSING);
    t = deal_terms(FPL_PERIOD_MONTH, 5);
    assert_int_equal(fpl_plan_compute(NULL, &t, &p, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_plan_compute(&f, NULL, &p, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_plan_compute(&f, &t, NULL, NULL), FPL_ERR_NULL);
    fpl_funnel empty = {0};
    assert_int_equal(fpl_plan_compute(&empty, &t, &p, NULL), FPL_ERR_STAGE_COUNT);
    fpl_funnel broken = f;
    broken.stages[0].rate = 2.0;
    assert_int_equal(fpl_plan_compute(&broken, &t, &p, NULL), FPL_ERR_RATE_RANGE);
    assert_memory_equal(&p, &sentinel, sizeof p);
}

static void test_whole_counts_beyond_2_53_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 1.0);
    fpl_terms t = deal_terms(FPL_PERIOD_MONTH, FPL_WHOLE_MAX);
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_int_equal(p.stages[0].required_whole, UINT64_C(9007199254740992));
    t.deals = nextafter(FPL_WHOLE_MAX, INFINITY);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_TOO_LARGE);
    fpl_funnel g = {0};
    fpl_test_add(&g, "lead", 1e-9);
    t.deals = 1e8; /* 1e17 leads */
    assert_int_equal(fpl_plan_compute(&g, &t, &p, NULL), FPL_ERR_TOO_LARGE);
    t.deals = DBL_MAX;
    assert_int_equal(fpl_plan_compute(&g, &t, &p, NULL), FPL_ERR_OVERFLOW);
    t = revenue_terms(FPL_PERIOD_MONTH, DBL_MAX, DBL_TRUE_MIN);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_OVERFLOW);
    t = revenue_terms(FPL_PERIOD_MONTH, DBL_TRUE_MIN, DBL_MAX); /* underflows to 0 deals */
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_ERR_OVERFLOW);
    fpl_funnel tiny = {0};
    for (int i = 0; i < 4; ++i) {
        char name[4] = {'s', (char)('0' + i), 0, 0};
        fpl_test_add(&tiny, name, 1e-100);
    }
    t = deal_terms(FPL_PERIOD_MONTH, 1);
    assert_int_equal(fpl_plan_compute(&tiny, &t, &p, NULL), FPL_ERR_OVERFLOW);
}

__extension__ typedef unsigned __int128 u128;

/* A small deterministic generator: tests must not depend on rand(). */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/*
 * Random funnels with rates of whole tenths of a percent and whole deal
 * targets, against an exact integer reference: required_whole(i) =
 * ceil(required_whole(i+1) · 1000 / k(i)). Counts stay below 1e11, the
 * domain where the tolerant rounding is proven exact for such rates.
 */
static void test_whole_counts_match_an_integer_reference(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    int checked = 0;
    for (int n = 0; n < 20000; ++n) {
        size_t stages = 1 + (size_t)(next_random(&seed) % 6);
        unsigned k[6];
        fpl_funnel f = {0};
        for (size_t i = 0; i < stages; ++i) {
            k[i] = 1 + (unsigned)(next_random(&seed) % 1000);
            char name[4] = {'s', (char)('0' + i), 0, 0};
            char rate[16];
            int len = snprintf(rate, sizeof rate, "%u/1000", k[i]);
            double r;
            assert_int_equal(fpl_parse_rate(rate, (size_t)len, &r, NULL), FPL_OK);
            fpl_test_add(&f, name, r);
        }
        uint64_t deals = 1 + next_random(&seed) % 100000;
        u128 whole[6];
        u128 w = deals;
        bool in_domain = true;
        u128 num = deals;
        u128 den = 1;
        long double exact[6];
        for (size_t i = stages; i-- > 0;) {
            w = (w * 1000 + k[i] - 1) / k[i];
            whole[i] = w;
            num *= 1000;
            den *= k[i];
            exact[i] = (long double)num / (long double)den;
            if (w > (u128)100000000000ull) {
                in_domain = false;
            }
        }
        if (!in_domain) {
            continue;
        }
        fpl_terms t = deal_terms(FPL_PERIOD_MONTH, (double)deals);
        fpl_plan p;
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
        assert_int_equal(p.deals_whole, deals);
        for (size_t i = 0; i < stages; ++i) {
            if (p.stages[i].required_whole != (uint64_t)whole[i]) {
                print_error("case %d stage %zu: %llu, want %llu\n", n, i,
                            (unsigned long long)p.stages[i].required_whole,
                            (unsigned long long)whole[i]);
                fail();
            }
            assert_close_rel(p.stages[i].required, (double)exact[i], 1e-13);
            /* Whole covers exact, up to the float noise the tolerance absorbs. */
            assert_true((double)p.stages[i].required_whole >=
                        p.stages[i].required * (1.0 - 64.0 * DBL_EPSILON));
        }
        checked++;
    }
    assert_true(checked > 10000);
}

/* The same plan, byte for byte, in every locale. */
static void test_results_do_not_change_with_the_locale(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    double r1;
    double r2;
    assert_int_equal(PARSE_RATE("27%", &r1), FPL_OK);
    assert_int_equal(PARSE_RATE("1/3", &r2), FPL_OK);
    fpl_test_add(&f, "mql", r1);
    fpl_test_add(&f, "Qualifizierte Anfrage", r2);
    fpl_terms t = revenue_terms(FPL_PERIOD_QUARTER, 1234567.89, 4321.5);
    t.has_cost_per_lead = true;
    t.cost_per_lead = 17.25;
    fpl_plan ref;
    memset(&ref, 0, sizeof ref);
    assert_int_equal(fpl_plan_compute(&f, &t, &ref, NULL), FPL_OK);
    for (size_t i = 0; i < FPL_TEST_LOCALE_COUNT; ++i) {
        fpl_test_set_locale(fpl_test_locales[i]);
        fpl_plan p;
        memset(&p, 0, sizeof p);
        assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
        assert_memory_equal(&p, &ref, sizeof p);
    }
    setlocale(LC_ALL, "C");
}

static void test_terms_errors_name_the_field(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_plan p;
    fpl_error e;
    fpl_terms t = {0};
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 1000;
    /* a revenue target without a deal size: the target is what needs one */
    assert_int_equal(fpl_terms_check(&t, &e), FPL_ERR_DEAL_SIZE_MISSING);
    assert_error(e, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_REVENUE, FPL_NO_INDEX);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_DEAL_SIZE_MISSING);
    assert_error(e, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_REVENUE, FPL_NO_INDEX);
    t.revenue = -1;
    assert_int_equal(fpl_terms_check(&t, &e), FPL_ERR_REVENUE);
    assert_error(e, FPL_ERR_REVENUE, FPL_FIELD_REVENUE, FPL_NO_INDEX);
    t.revenue = 1000;
    t.has_deal_size = true;
    t.deal_size = NAN;
    assert_int_equal(fpl_terms_check(&t, &e), FPL_ERR_DEAL_SIZE);
    assert_error(e, FPL_ERR_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, FPL_NO_INDEX);
    t.deal_size = 10;
    t.has_cost_per_lead = true;
    t.cost_per_lead = -1;
    assert_int_equal(fpl_terms_check(&t, &e), FPL_ERR_COST);
    assert_error(e, FPL_ERR_COST, FPL_FIELD_COST_PER_LEAD, FPL_NO_INDEX);
    t.cost_per_lead = 0;
    t.has_margin = true;
    t.margin = 0;
    assert_int_equal(fpl_terms_check(&t, &e), FPL_ERR_MARGIN);
    assert_error(e, FPL_ERR_MARGIN, FPL_FIELD_MARGIN, FPL_NO_INDEX);
    t.margin = 0.5;
    t.per = (fpl_period)7;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_PERIOD);
    assert_error(e, FPL_ERR_PERIOD, FPL_FIELD_PER, FPL_NO_INDEX);
    t.per = FPL_PERIOD_MONTH;
    t.target = FPL_TARGET_DEALS;
    t.deals = 0;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_DEALS);
    assert_error(e, FPL_ERR_DEALS, FPL_FIELD_DEALS, FPL_NO_INDEX);
    /* no target: no single field is at fault */
    t.target = FPL_TARGET_NONE;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_TARGET);
    assert_error(e, FPL_ERR_TARGET, FPL_FIELD_NONE, FPL_NO_INDEX);
    /* a question without an answer is about no field */
    t.target = FPL_TARGET_DEALS;
    t.deals = 1e300;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_TOO_LARGE);
    assert_error(e, FPL_ERR_TOO_LARGE, FPL_FIELD_NONE, FPL_NO_INDEX);
    /* the funnel's stage at fault */
    t.deals = 5;
    fpl_funnel g = f;
    g.stages[0].rate = 2.0;
    assert_int_equal(fpl_plan_compute(&g, &t, &p, &e), FPL_ERR_RATE_RANGE);
    assert_error(e, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, 0);
}

/* Two rates of 1e-200 multiply to 1e-400, below the smallest double: the
 * cumulative rate underflows to 0 while the volumes (1e-200 deals ÷ 1e-200
 * ÷ 1e-200 = 1e200) stay finite. The plan is refused as out of range, not
 * answered with a cumulative rate of 0 (nor as a count too large, as if
 * only the whole units were the trouble). */
static void test_underflowing_cumulative_rate_is_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 1e-200);
    fpl_test_add(&f, "deal", 1e-200);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 1e-200;
    fpl_plan p;
    fpl_error e;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, &e), FPL_ERR_OVERFLOW);
    assert_int_equal(e.status, FPL_ERR_OVERFLOW);
    /* 1e-150 twice does not underflow (1e-300): what is wrong then is only
     * the whole count at the top, 1e200 units, past 2^53 */
    fpl_funnel g = {0};
    fpl_test_add(&g, "lead", 1e-150);
    fpl_test_add(&g, "deal", 1e-150);
    assert_int_equal(fpl_plan_compute(&g, &t, &p, &e), FPL_ERR_TOO_LARGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example1_year_plan_needs_20000_leads),
        cmocka_unit_test(test_example2_thirds_need_exactly_75),
        cmocka_unit_test(test_example4_twelve_customers_need_100_or_60_leads),
        cmocka_unit_test(test_example5_27_percent_accepted_needs_149_leads),
        cmocka_unit_test(test_floating_traps_round_to_the_true_integer),
        cmocka_unit_test(test_fractional_deals_round_up_to_whole_deals_first),
        cmocka_unit_test(test_cost_per_lead_gives_budget_cac_and_cost_per_unit),
        cmocka_unit_test(test_bad_terms_are_refused_and_leave_the_plan_untouched),
        cmocka_unit_test(test_whole_counts_beyond_2_53_are_refused),
        cmocka_unit_test(test_whole_counts_match_an_integer_reference),
        cmocka_unit_test(test_results_do_not_change_with_the_locale),
        cmocka_unit_test(test_terms_errors_name_the_field),
        cmocka_unit_test(test_underflowing_cumulative_rate_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

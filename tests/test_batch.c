/*
 * funnelplan — batch: many plans at once, bit for bit the single plans.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
#include <stdlib.h>

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

typedef struct batch_buffers {
    size_t n;
    size_t stages;
    double *rates;
    double *deals;
    double *required;
    double *whole;
    double *deals_whole;
} batch_buffers;

static batch_buffers make_buffers(size_t n, size_t stages)
{
    batch_buffers b = {n, stages, calloc(n * stages, sizeof(double)), calloc(n, sizeof(double)),
                       calloc(n * stages, sizeof(double)), calloc(n * stages, sizeof(double)),
                       calloc(n, sizeof(double))};
    assert_non_null(b.rates);
    assert_non_null(b.deals);
    assert_non_null(b.required);
    assert_non_null(b.whole);
    assert_non_null(b.deals_whole);
    return b;
}

static void free_buffers(batch_buffers *b)
{
    free(b->rates);
    free(b->deals);
    free(b->required);
    free(b->whole);
    free(b->deals_whole);
}

static fpl_plan_batch batch_of(const batch_buffers *b)
{
    fpl_plan_batch pb = {b->n, b->stages, b->rates, b->deals, b->required, b->whole,
                         b->deals_whole};
    return pb;
}

/* Worked examples 1 and 5 side by side, as in the header's example. */
static void test_two_worked_examples_in_one_call(void **state)
{
    (void)state;
    const double rates[] = {0.01, 0.27, 0.10, 0.25};
    const double deals[] = {20, 10};
    double required[4];
    double whole[4];
    double deals_whole[2];
    fpl_plan_batch b = {2, 2, rates, deals, required, whole, deals_whole};
    fpl_error bad = {.index = 99};
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_OK);
    assert_int_equal(bad.status, FPL_OK);
    assert_int_equal(bad.index, 99); /* untouched on success */
    assert_close(required[0], 20000.0);
    assert_close(required[2], 200.0);
    assert_same_double(whole[0], 20000.0);
    assert_same_double(whole[2], 200.0);
    assert_close(required[1], 40.0 / 0.27);
    assert_same_double(whole[1], 149.0);
    assert_same_double(whole[3], 40.0);
    assert_same_double(deals_whole[0], 20.0);
    assert_same_double(deals_whole[1], 10.0);
}

/* Random funnels of every stage count, in batches that are not a multiple
 * of the kernel's block: identical bits to fpl_plan_compute(). */
static void test_batch_equals_single_plans_bit_for_bit(void **state)
{
    (void)state;
    uint64_t seed = 0x5DEECE66Dull;
    const size_t sizes[] = {1, 7, 255, 256, 257, 1000};
    for (size_t stages = 1; stages <= FPL_MAX_STAGES; stages += 3) {
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; ++z) {
            const size_t n = sizes[z];
            batch_buffers buf = make_buffers(n, stages);
            for (size_t i = 0; i < n; ++i) {
                buf.deals[i] = (double)(1 + next_random(&seed) % 100000) / 8.0;
                for (size_t k = 0; k < stages; ++k) {
                    /* mostly realistic rates, some exact-trap ones; long
                     * funnels get high rates so counts stay below 2^53 */
                    const unsigned low = stages <= 6 ? 100 : 600;
                    unsigned per_mille = low + (unsigned)(next_random(&seed) % (1001 - low));
                    buf.rates[k * n + i] = next_random(&seed) % 5 == 0
                                               ? (stages <= 6 ? 0.29 : 0.69)
                                               : per_mille / 1000.0;
                }
            }
            fpl_plan_batch b = batch_of(&buf);
            assert_int_equal(fpl_plan_batch_compute(&b, NULL), FPL_OK);
            for (size_t i = 0; i < n; ++i) {
                fpl_funnel f = {0};
                for (size_t k = 0; k < stages; ++k) {
                    char name[8];
                    int len = snprintf(name, sizeof name, "s%zu", k);
                    assert_int_equal(fpl_funnel_add_stage(&f, name, (size_t)len,
                                                          buf.rates[k * n + i], NULL),
                                     FPL_OK);
                }
                fpl_terms t = {0};
                t.target = FPL_TARGET_DEALS;
                t.deals = buf.deals[i];
                fpl_plan p;
                assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
                assert_same_double(buf.deals_whole[i], (double)p.deals_whole);
                for (size_t k = 0; k < stages; ++k) {
                    assert_same_double(buf.required[k * n + i], p.stages[k].required);
                    assert_same_double(buf.whole[k * n + i], (double)p.stages[k].required_whole);
                }
            }
            free_buffers(&buf);
        }
    }
}

/* The tolerant rounding of the kernel is fpl_ceil_tolerant() exactly, for
 * halves (ties away from zero), values near integers and huge values. */
static void test_kernel_rounding_is_fpl_ceil_tolerant(void **state)
{
    (void)state;
    const double deals[] = {0.5,  1.5,  2.5, 1e14 + 0.5, 2e14 + 0.5, 4503599627370495.5,
                            4503599627370496.0, 9007199254740992.0, 145.0 / 0.29 / 10.0,
                            DBL_TRUE_MIN, 1.0 + 16.0 * DBL_EPSILON, 1.0 + 32.0 * DBL_EPSILON,
                            3.0000000000000004, 0.9999999999999999};
    const size_t n = sizeof deals / sizeof deals[0];
    double rates[sizeof deals / sizeof deals[0]];
    double deals_whole[sizeof deals / sizeof deals[0]];
    for (size_t i = 0; i < n; ++i) {
        rates[i] = 1.0;
    }
    fpl_plan_batch b = {n, 1, rates, deals, NULL, NULL, deals_whole};
    assert_int_equal(fpl_plan_batch_compute(&b, NULL), FPL_OK);
    for (size_t i = 0; i < n; ++i) {
        assert_same_double(deals_whole[i], fpl_ceil_tolerant(deals[i]));
    }
}

static void test_the_first_funnel_at_fault_is_named(void **state)
{
    (void)state;
    const size_t n = 1000;
    batch_buffers buf = make_buffers(n, 3);
    for (size_t i = 0; i < n * 3; ++i) {
        buf.rates[i] = 0.5;
    }
    for (size_t i = 0; i < n; ++i) {
        buf.deals[i] = 10;
    }
    fpl_plan_batch b = batch_of(&buf);
    const struct {
        size_t index;
        size_t stage;
        double rate;
        double deals;
        fpl_status status;
    } faults[] = {
        {777, 1, 1.5, 10, FPL_ERR_RATE_RANGE},   {3, 2, 0.0, 10, FPL_ERR_RATE_RANGE},
        {999, 0, NAN, 10, FPL_ERR_RATE_RANGE},   {500, 0, 0.5, NAN, FPL_ERR_DEALS},
        {0, 0, 0.5, -1.0, FPL_ERR_DEALS},        {256, 0, 0.5, INFINITY, FPL_ERR_DEALS},
        {12, 0, 0.5, 2e15, FPL_ERR_TOO_LARGE},   {13, 0, 1e-300, 1e10, FPL_ERR_OVERFLOW},
        {14, 0, 0.5, DBL_MAX, FPL_ERR_OVERFLOW},
    };
    for (size_t j = 0; j < sizeof faults / sizeof faults[0]; ++j) {
        const size_t at = faults[j].stage * n + faults[j].index;
        const double rate = buf.rates[at];
        const double d = buf.deals[faults[j].index];
        buf.rates[at] = faults[j].rate;
        buf.deals[faults[j].index] = faults[j].deals;
        fpl_error bad;
        fpl_status st = fpl_plan_batch_compute(&b, &bad);
        if (st != faults[j].status || bad.status != st || bad.field != FPL_FIELD_FUNNEL ||
            bad.index != faults[j].index) {
            print_error("fault %zu: %s at %zu\n", j, fpl_status_name(st), bad.index);
            fail();
        }
        buf.rates[at] = rate;
        buf.deals[faults[j].index] = d;
    }
    /* Two faults: the first is named. */
    buf.rates[2 * n + 600] = 2.0;
    buf.deals[400] = 0.0;
    fpl_error bad;
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_ERR_DEALS);
    assert_error(bad, FPL_ERR_DEALS, FPL_FIELD_FUNNEL, 400);
    free_buffers(&buf);
}

/* Batches big enough to stream their outputs past the caches (over 8 MiB of
 * output) give the same bits as the same funnels planned in small batches. */
static void test_streamed_outputs_equal_small_batches(void **state)
{
    (void)state;
    const size_t n = 300000;
    const size_t stages = 2;
    batch_buffers big = make_buffers(n, stages);
    uint64_t seed = 0xB16B00B5ull;
    for (size_t i = 0; i < n; ++i) {
        big.deals[i] = (double)(1 + next_random(&seed) % 5000) / 4.0;
        for (size_t k = 0; k < stages; ++k) {
            big.rates[k * n + i] = (double)(1 + next_random(&seed) % 1000) / 1000.0;
        }
    }
    fpl_plan_batch b = batch_of(&big);
    assert_int_equal(fpl_plan_batch_compute(&b, NULL), FPL_OK);
    const size_t chunk = 1000;
    batch_buffers small = make_buffers(chunk, stages);
    for (size_t first = 0; first < n; first += chunk) {
        for (size_t i = 0; i < chunk; ++i) {
            small.deals[i] = big.deals[first + i];
            for (size_t k = 0; k < stages; ++k) {
                small.rates[k * chunk + i] = big.rates[k * n + first + i];
            }
        }
        fpl_plan_batch sb = batch_of(&small);
        assert_int_equal(fpl_plan_batch_compute(&sb, NULL), FPL_OK);
        assert_memory_equal(small.deals_whole, big.deals_whole + first, chunk * sizeof(double));
        for (size_t k = 0; k < stages; ++k) {
            assert_memory_equal(small.required + k * chunk, big.required + k * n + first,
                                chunk * sizeof(double));
            assert_memory_equal(small.whole + k * chunk, big.whole + k * n + first,
                                chunk * sizeof(double));
        }
    }
    free_buffers(&small);
    free_buffers(&big);
}

static void test_bad_batches_are_refused(void **state)
{
    (void)state;
    const double rates[] = {0.5};
    const double deals[] = {1};
    fpl_error bad = {.index = 7};
    assert_int_equal(fpl_plan_batch_compute(NULL, &bad), FPL_ERR_NULL);
    fpl_plan_batch b = {1, 0, rates, deals, NULL, NULL, NULL};
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_ERR_STAGE_COUNT);
    b.n_stages = FPL_MAX_STAGES + 1;
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_ERR_STAGE_COUNT);
    b.n_stages = 1;
    b.rates = NULL;
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_ERR_NULL);
    b.rates = rates;
    b.deals = NULL;
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_ERR_NULL);
    b.n_funnels = 0; /* an empty batch needs no buffers */
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_OK);
    b.n_funnels = 1;
    b.deals = deals; /* outputs may all be skipped */
    assert_int_equal(fpl_plan_batch_compute(&b, &bad), FPL_OK);
    assert_int_equal(bad.status, FPL_OK);
}

/* Revenue targets with deal sizes, deal targets with deal sizes, costs per
 * lead or none, in every period: each funnel's outputs are those of its
 * own fpl_plan_compute, bit for bit (the header's example among them). */
static void test_terms_batch_equals_single_plans_bit_for_bit(void **state)
{
    (void)state;
    uint64_t seed = 0xC0FFEEull;
    const size_t n = 700;
    const size_t stages = 5;
    batch_buffers buf = make_buffers(n, stages);
    double *revenue = calloc(n, sizeof(double));
    double *size = calloc(n, sizeof(double));
    double *cost = calloc(n, sizeof(double));
    double *deals = calloc(n, sizeof(double));
    double *budget = calloc(n, sizeof(double));
    double *cac = calloc(n, sizeof(double));
    double *kept = calloc(n, sizeof(double));
    assert_true(revenue && size && cost && deals && budget && cac && kept);
    for (size_t i = 0; i < n; ++i) {
        revenue[i] = (double)(1 + next_random(&seed) % 10000000);
        size[i] = (double)(1 + next_random(&seed) % 9000) / 2.0;
        cost[i] = i % 50 == 0 ? -0.0 : (double)(next_random(&seed) % 400) / 8.0;
        buf.deals[i] = (double)(1 + next_random(&seed) % 1000) / 3.0;
        for (size_t k = 0; k < stages; ++k) {
            buf.rates[k * n + i] = (double)(10 + next_random(&seed) % 991) / 1000.0;
        }
    }
    for (int shape = 0; shape < 8; ++shape) {
        const bool by_revenue = (shape & 1) != 0;
        const bool sized = by_revenue || (shape & 2) != 0;
        const bool costed = (shape & 4) != 0;
        fpl_plan_batch b = batch_of(&buf);
        if (by_revenue) {
            b.deals = NULL;
        }
        fpl_plan_batch_terms t = {(fpl_period)(shape % FPL_PERIOD_COUNT),
                                  by_revenue ? revenue : NULL, sized ? size : NULL,
                                  costed ? cost : NULL, deals, budget, cac, NULL, kept};
        assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, NULL), FPL_OK);
        for (size_t i = 0; i < n; ++i) {
            fpl_funnel f = {0};
            for (size_t k = 0; k < stages; ++k) {
                char name[8];
                int len = snprintf(name, sizeof name, "s%zu", k);
                assert_int_equal(fpl_funnel_add_stage(&f, name, (size_t)len,
                                                      buf.rates[k * n + i], NULL),
                                 FPL_OK);
            }
            fpl_terms pt = {0};
            pt.per = t.per;
            pt.target = by_revenue ? FPL_TARGET_REVENUE : FPL_TARGET_DEALS;
            pt.revenue = revenue[i];
            pt.deals = buf.deals[i];
            pt.has_deal_size = sized;
            pt.deal_size = size[i];
            pt.has_cost_per_lead = costed;
            pt.cost_per_lead = cost[i];
            fpl_plan p;
            assert_int_equal(fpl_plan_compute(&f, &pt, &p, NULL), FPL_OK);
            assert_same_double(deals[i], p.deals);
            assert_same_double(buf.deals_whole[i], (double)p.deals_whole);
            for (size_t k = 0; k < stages; ++k) {
                assert_same_double(buf.required[k * n + i], p.stages[k].required);
                assert_same_double(buf.whole[k * n + i], (double)p.stages[k].required_whole);
            }
            if (costed) {
                assert_memory_equal(&kept[i], &p.cost_per_lead, sizeof(double)); /* +0, not -0 */
                assert_memory_equal(&budget[i], &p.budget, sizeof(double)); /* +0, not -0 */
                assert_same_double(cac[i], p.cost_per_deal);
            }
        }
    }
    /* The header's example. */
    const double rates[] = {0.01, 0.27, 0.10, 0.25};
    const double rev[] = {1000000, 400000};
    const double sz[] = {50000, 40000};
    const double cst[] = {0, 2};
    double required[4];
    double whole[4];
    double d[2];
    double bud[2];
    double cpd[2];
    fpl_plan_batch b = {2, 2, rates, NULL, required, whole, NULL};
    fpl_plan_batch_terms t = {FPL_PERIOD_YEAR, rev, sz, cst, d, bud, cpd, NULL, NULL};
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, NULL), FPL_OK);
    assert_same_double(d[0], 20.0);
    assert_same_double(whole[0], 20000.0);
    assert_same_double(d[1], 10.0);
    assert_same_double(bud[1], 2.0 * (40.0 / 0.27));
    assert_same_double(cpd[1], bud[1] / 10.0);
    free(revenue);
    free(size);
    free(cost);
    free(deals);
    free(budget);
    free(cac);
    free(kept);
    free_buffers(&buf);
}

/* A cost per lead of -0 is kept as the single plan keeps it, +0, in the
 * batch's own output (and so in the budget and the cost per deal): the
 * bits of fpl_plan_compute's cost_per_lead, with and without statuses. */
static void test_terms_batch_keeps_the_single_plans_cost_per_lead(void **state)
{
    (void)state;
    const double rates[] = {0.01, 0.27, 0.5, 0.10, 0.25, 0.5};
    const double revenue[] = {1000000, 400000, 900};
    const double size[] = {50000, 40000, 30};
    const double cost[] = {-0.0, 2.0, -0.0};
    double kept[3] = {-1.0, -1.0, -1.0};
    double budget[3];
    double cac[3];
    fpl_status status[3];
    for (int with_status = 0; with_status < 2; ++with_status) {
        fpl_plan_batch b = {3, 2, rates, NULL, NULL, NULL, NULL};
        fpl_plan_batch_terms t = {FPL_PERIOD_QUARTER, revenue, size, cost, NULL, budget, cac,
                                  with_status ? status : NULL, kept};
        assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, NULL), FPL_OK);
        for (size_t i = 0; i < 3; ++i) {
            fpl_funnel f = {0};
            assert_int_equal(fpl_funnel_add_stage(&f, "a", 1, rates[i], NULL), FPL_OK);
            assert_int_equal(fpl_funnel_add_stage(&f, "b", 1, rates[3 + i], NULL), FPL_OK);
            fpl_terms pt = {0};
            pt.per = FPL_PERIOD_QUARTER;
            pt.target = FPL_TARGET_REVENUE;
            pt.revenue = revenue[i];
            pt.has_deal_size = true;
            pt.deal_size = size[i];
            pt.has_cost_per_lead = true;
            pt.cost_per_lead = cost[i];
            fpl_plan p;
            assert_int_equal(fpl_plan_compute(&f, &pt, &p, NULL), FPL_OK);
            assert_memory_equal(&kept[i], &p.cost_per_lead, sizeof(double));
            assert_memory_equal(&budget[i], &p.budget, sizeof(double));
            assert_memory_equal(&cac[i], &p.cost_per_deal, sizeof(double));
            if (with_status) {
                assert_int_equal(status[i], FPL_OK);
            }
        }
        assert_false(signbit(kept[0])); /* given -0: +0 */
        assert_false(signbit(kept[2]));
        assert_false(signbit(budget[0]));
        assert_false(signbit(cac[2]));
        assert_same_double(kept[1], 2.0);
    }
}

/* A funnel its single plan refuses is named, with that plan's status, the
 * first of several; a flag the single plans do not confirm is no fault. */
static void test_terms_batch_names_the_first_funnel_at_fault(void **state)
{
    (void)state;
    const size_t n = 600;
    batch_buffers buf = make_buffers(n, 2);
    double *revenue = calloc(n, sizeof(double));
    double *size = calloc(n, sizeof(double));
    double *cost = calloc(n, sizeof(double));
    assert_true(revenue && size && cost);
    for (size_t i = 0; i < n; ++i) {
        buf.rates[i] = 0.5;
        buf.rates[n + i] = 0.25;
        revenue[i] = 1000.0;
        size[i] = 100.0;
        cost[i] = 3.0;
    }
    const struct {
        size_t index;
        double revenue;
        double size;
        double cost;
        fpl_period per;
        fpl_status status;
    } faults[] = {
        {5, NAN, 100, 3, FPL_PERIOD_MONTH, FPL_ERR_REVENUE},
        {599, -1, 100, 3, FPL_PERIOD_MONTH, FPL_ERR_REVENUE},
        {256, 1000, 0, 3, FPL_PERIOD_MONTH, FPL_ERR_DEAL_SIZE},
        {300, 1000, INFINITY, 3, FPL_PERIOD_MONTH, FPL_ERR_DEAL_SIZE},
        {7, 1000, 100, -2, FPL_PERIOD_MONTH, FPL_ERR_COST},
        {8, 1000, 100, NAN, FPL_PERIOD_MONTH, FPL_ERR_COST},
        {9, 1e300, 1e-300, 3, FPL_PERIOD_MONTH, FPL_ERR_OVERFLOW},
        {10, 1e17, 1, 3, FPL_PERIOD_MONTH, FPL_ERR_TOO_LARGE},
        {11, 1000, 100, DBL_MAX, FPL_PERIOD_MONTH, FPL_ERR_OVERFLOW},
        {12, DBL_MAX, DBL_MAX / 1e6, 3, FPL_PERIOD_MONTH, FPL_ERR_OVERFLOW}, /* a year of it */
        {13, 1000, 100, DBL_MAX / 100, FPL_PERIOD_MONTH, FPL_ERR_OVERFLOW},  /* budget × 12 */
    };
    fpl_plan_batch b = batch_of(&buf);
    b.deals = NULL;
    for (size_t j = 0; j < sizeof faults / sizeof faults[0]; ++j) {
        const size_t i = faults[j].index;
        revenue[i] = faults[j].revenue;
        size[i] = faults[j].size;
        cost[i] = faults[j].cost;
        fpl_plan_batch_terms t = {faults[j].per, revenue, size, cost, NULL, NULL, NULL, NULL, NULL};
        fpl_error bad;
        fpl_status st = fpl_plan_batch_terms_compute(&b, &t, &bad);
        if (st != faults[j].status || bad.status != st || bad.field != FPL_FIELD_FUNNEL ||
            bad.index != i) {
            print_error("fault %zu: %s at %zu\n", j, fpl_status_name(st), bad.index);
            fail();
        }
        revenue[i] = 1000.0;
        size[i] = 100.0;
        cost[i] = 3.0;
    }
    /* A revenue whose year overflows is fine per year: flagged, not refused. */
    revenue[20] = DBL_MAX / 2;
    size[20] = DBL_MAX / 1e6;
    fpl_plan_batch_terms year = {FPL_PERIOD_YEAR, revenue, size, NULL, NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &year, NULL), FPL_OK);
    year.per = FPL_PERIOD_MONTH;
    fpl_error bad;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &year, &bad), FPL_ERR_OVERFLOW);
    assert_error(bad, FPL_ERR_OVERFLOW, FPL_FIELD_FUNNEL, 20);
    /* Two faults: the first is named. */
    year.per = FPL_PERIOD_YEAR;
    buf.rates[n + 450] = 0.0;
    size[40] = -1.0;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &year, &bad), FPL_ERR_DEAL_SIZE);
    assert_error(bad, FPL_ERR_DEAL_SIZE, FPL_FIELD_FUNNEL, 40);
    /* With statuses: every funnel planned, each fault its own status, the
     * flag of funnel 20 (its month overflows, its year does not) cleared. */
    fpl_status *status = calloc(n, sizeof(fpl_status));
    double *deals = calloc(n, sizeof(double));
    assert_true(status && deals);
    year.status = status;
    year.deals = deals;
    revenue[41] = NAN;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &year, &bad), FPL_ERR_DEAL_SIZE);
    assert_error(bad, FPL_ERR_DEAL_SIZE, FPL_FIELD_FUNNEL, 40);
    for (size_t i = 0; i < n; ++i) {
        const fpl_status want = i == 40 ? FPL_ERR_DEAL_SIZE : i == 41 ? FPL_ERR_REVENUE
                                : i == 450 ? FPL_ERR_RATE_RANGE : FPL_OK;
        assert_int_equal(status[i], want);
        if (want == FPL_OK) {
            assert_same_double(deals[i], revenue[i] / size[i]);
            assert_same_double(buf.whole[n + i], fpl_ceil_tolerant(deals[i] / 0.25));
        }
    }
    free(status);
    free(deals);
    free(revenue);
    free(size);
    free(cost);
    free_buffers(&buf);
}

static void test_bad_terms_batches_are_refused(void **state)
{
    (void)state;
    const double rates[] = {0.5};
    const double deals[] = {1};
    const double revenue[] = {100};
    fpl_plan_batch b = {1, 1, rates, deals, NULL, NULL, NULL};
    fpl_plan_batch_terms t = {0};
    fpl_error bad;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_OK); /* deal targets */
    assert_int_equal(fpl_plan_batch_terms_compute(NULL, &t, &bad), FPL_ERR_NULL);
    assert_int_equal(fpl_plan_batch_terms_compute(&b, NULL, &bad), FPL_ERR_NULL);
    t.revenue = revenue; /* a revenue target without deal sizes */
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_ERR_NULL);
    t.revenue = NULL;
    t.per = (fpl_period)FPL_PERIOD_COUNT;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_ERR_PERIOD);
    t.per = FPL_PERIOD_MONTH;
    b.n_stages = 0;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_ERR_STAGE_COUNT);
    b.n_stages = 1;
    b.deals = NULL;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_ERR_NULL);
    b.n_funnels = 0;
    assert_int_equal(fpl_plan_batch_terms_compute(&b, &t, &bad), FPL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_worked_examples_in_one_call),
        cmocka_unit_test(test_batch_equals_single_plans_bit_for_bit),
        cmocka_unit_test(test_kernel_rounding_is_fpl_ceil_tolerant),
        cmocka_unit_test(test_the_first_funnel_at_fault_is_named),
        cmocka_unit_test(test_streamed_outputs_equal_small_batches),
        cmocka_unit_test(test_bad_batches_are_refused),
        cmocka_unit_test(test_terms_batch_equals_single_plans_bit_for_bit),
        cmocka_unit_test(test_terms_batch_keeps_the_single_plans_cost_per_lead),
        cmocka_unit_test(test_terms_batch_names_the_first_funnel_at_fault),
        cmocka_unit_test(test_bad_terms_batches_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

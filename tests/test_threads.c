/*
 * funnelplan — reentrancy: many threads computing different plans and
 * forecasts at once get exactly what one thread gets. Run under
 * ThreadSanitizer in CI.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <pthread.h>
#include <stdlib.h>

enum { THREADS = 8, JOBS = 64, ROUNDS = 200 };

typedef struct job {
    fpl_funnel funnel;
    fpl_terms terms;
    fpl_forecast_input input;
    fpl_plan plan;
    fpl_forecast forecast;
    fpl_status plan_status;
    fpl_status forecast_status;
} job;

static job reference[JOBS];

static void make_job(int i, job *j)
{
    memset(j, 0, sizeof *j);
    const char *rates[] = {"1%", "12.5%", "1/3", "0.27", "25%", "69%", "29%", "99.9%"};
    int stages = 1 + i % 5;
    for (int s = 0; s < stages; ++s) {
        const char *text = rates[(i + 3 * s) % 8];
        double rate;
        assert_int_equal(fpl_parse_rate(text, strlen(text), &rate), FPL_OK);
        char name[8];
        int len = snprintf(name, sizeof name, "st%d", s);
        assert_int_equal(fpl_funnel_add_stage(&j->funnel, name, (size_t)len, rate), FPL_OK);
    }
    j->terms.per = (fpl_period)(i % 3);
    j->terms.target = i % 2 == 0 ? FPL_TARGET_REVENUE : FPL_TARGET_DEALS;
    j->terms.revenue = 1000.0 * (i + 1);
    j->terms.deals = 1.5 * (i + 1);
    j->terms.has_deal_size = true;
    j->terms.deal_size = 100.0 + i;
    j->terms.has_cost_per_lead = i % 4 == 0;
    j->terms.cost_per_lead = 2.5 * i;
    j->input.volume = 10.0 * (i + 7);
    j->input.at = 0;
}

static void run_job(job *j)
{
    j->plan_status = fpl_plan_compute(&j->funnel, &j->terms, &j->plan);
    j->forecast_status = fpl_forecast_compute(&j->funnel, &j->terms, &j->input, &j->forecast);
}

static void *worker(void *arg)
{
    int id = *(const int *)arg;
    int *mismatches = calloc(1, sizeof *mismatches);
    for (int round = 0; round < ROUNDS; ++round) {
        for (int k = 0; k < JOBS; ++k) {
            int i = (k + id * 7 + round) % JOBS; /* threads work on different jobs */
            job j;
            make_job(i, &j);
            run_job(&j);
            if (j.plan_status != reference[i].plan_status ||
                j.forecast_status != reference[i].forecast_status ||
                memcmp(&j.plan, &reference[i].plan, sizeof j.plan) != 0 ||
                memcmp(&j.forecast, &reference[i].forecast, sizeof j.forecast) != 0) {
                (*mismatches)++;
            }
        }
    }
    return mismatches;
}

static void test_threads_get_what_one_thread_gets(void **state)
{
    (void)state;
    for (int i = 0; i < JOBS; ++i) {
        make_job(i, &reference[i]);
        run_job(&reference[i]);
        assert_int_equal(reference[i].plan_status, FPL_OK);
        assert_int_equal(reference[i].forecast_status, FPL_OK);
    }
    pthread_t threads[THREADS];
    int ids[THREADS];
    for (int t = 0; t < THREADS; ++t) {
        ids[t] = t;
        assert_int_equal(pthread_create(&threads[t], NULL, worker, &ids[t]), 0);
    }
    int total = 0;
    for (int t = 0; t < THREADS; ++t) {
        void *result = NULL;
        assert_int_equal(pthread_join(threads[t], &result), 0);
        assert_non_null(result);
        total += *(int *)result;
        free(result);
    }
    assert_int_equal(total, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_get_what_one_thread_gets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

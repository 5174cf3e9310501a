/*
 * funnelplan — reentrancy: many threads computing different plans,
 * forecasts, odds (exact and simulated), schedules and paces at once get
 * exactly what one thread gets. Run under ThreadSanitizer in CI.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <pthread.h>
#include <stdlib.h>

enum { THREADS = 8, JOBS = 64, ROUNDS = 40, TRIALS = 100 };

typedef struct job {
    fpl_funnel funnel;
    fpl_terms terms;
    fpl_forecast_input input;
    fpl_plan plan;
    fpl_forecast forecast;
    fpl_status plan_status;
    fpl_status forecast_status;
    fpl_odds_input odds_input;
    fpl_odds odds;
    fpl_status odds_status;
    fpl_odds_sim_input sim_input;
    double work[2 * TRIALS];
    fpl_odds_sim sim;
    fpl_status sim_status;
    fpl_schedule_input schedule_input;
    fpl_schedule schedule;
    fpl_status schedule_status;
    fpl_pace_input pace_input;
    fpl_pace pace;
    fpl_status pace_status;
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
        assert_int_equal(fpl_parse_rate(text, strlen(text), &rate, NULL), FPL_OK);
        char name[8];
        int len = snprintf(name, sizeof name, "st%d", s);
        assert_int_equal(fpl_funnel_add_stage(&j->funnel, name, (size_t)len, rate, NULL), FPL_OK);
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
    j->odds_input.volume = j->input.volume;
    j->odds_input.n_levels = 1;
    j->odds_input.levels[0] = 0.6 + 0.005 * i;
    j->sim_input.volume = j->input.volume;
    j->sim_input.trials = TRIALS;
    j->sim_input.seed = (uint64_t)i;
    j->sim_input.deal_size_cv = i % 3 == 0 ? 0.5 : 0.0;
    j->sim_input.has_history[0] = i % 2 == 0;
    j->sim_input.won[0] = 3;
    j->sim_input.total[0] = 20;
    j->schedule_input.start.year = 2020 + i % 7;
    j->schedule_input.start.month = 1 + i % 12;
    j->schedule_input.months = 1 + (unsigned)i % 24;
    j->schedule_input.has_weights = i % 2 == 1;
    for (int m = 0; m < 12; ++m) {
        j->schedule_input.weights[m] = 1.0 + (m + i) % 5;
    }
    for (int s = 0; s < stages; ++s) {
        j->schedule_input.lag[s] = 0.25 * ((i + s) % 7);
        j->pace_input.lag[s] = j->schedule_input.lag[s];
        j->pace_input.has_actual[s] = true;
        j->pace_input.actual[s] = 3.0 * (i + s);
        j->pace_input.has_open[s] = s % 2 == 0;
        j->pace_input.open[s] = 2.0 + s;
    }
    j->schedule_input.reps = i % 4;
    j->schedule_input.has_reps = i % 4 != 0;
    j->pace_input.elapsed = (1.0 + i % 10) / 10.0;
}

static void run_job(job *j)
{
    j->plan_status = fpl_plan_compute(&j->funnel, &j->terms, &j->plan, NULL);
    j->forecast_status = fpl_forecast_compute(&j->funnel, &j->terms, &j->input, &j->forecast, NULL);
    j->odds_status = fpl_odds_compute(&j->funnel, &j->terms, &j->odds_input, &j->odds, NULL);
    j->sim_status = fpl_odds_simulate(&j->funnel, &j->terms, &j->sim_input, j->work,
                                      2 * TRIALS, &j->sim, NULL);
    j->schedule_status =
        fpl_schedule_compute(&j->funnel, &j->terms, &j->schedule_input, &j->schedule, NULL);
    j->pace_status = fpl_pace_compute(&j->funnel, &j->terms, &j->pace_input, &j->pace, NULL);
}

/* The results of two runs of one job are the same, byte for byte. */
static bool same(const job *a, const job *b)
{
    return a->plan_status == b->plan_status && a->forecast_status == b->forecast_status &&
           a->odds_status == b->odds_status && a->sim_status == b->sim_status &&
           a->schedule_status == b->schedule_status && a->pace_status == b->pace_status &&
           memcmp(&a->plan, &b->plan, sizeof a->plan) == 0 &&
           memcmp(&a->forecast, &b->forecast, sizeof a->forecast) == 0 &&
           memcmp(&a->odds, &b->odds, sizeof a->odds) == 0 &&
           memcmp(&a->sim, &b->sim, sizeof a->sim) == 0 &&
           memcmp(&a->schedule, &b->schedule, sizeof a->schedule) == 0 &&
           memcmp(&a->pace, &b->pace, sizeof a->pace) == 0;
}

static void *worker(void *arg)
{
    int id = *(const int *)arg;
    int *mismatches = calloc(1, sizeof *mismatches);
    for (int round = 0; round < ROUNDS; ++round) {
        for (int k = 0; k < JOBS; ++k) {
            int i = (k + id * 7 + round) % JOBS; /* threads work on different jobs */
            job *j = calloc(1, sizeof *j); /* large: on the heap, not the thread's stack */
            if (j == NULL) {
                (*mismatches)++;
                continue;
            }
            make_job(i, j);
            run_job(j);
            if (!same(j, &reference[i])) {
                (*mismatches)++;
            }
            free(j);
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
        assert_int_equal(reference[i].odds_status, FPL_OK);
        assert_int_equal(reference[i].sim_status, FPL_OK);
        assert_int_equal(reference[i].schedule_status, FPL_OK);
        assert_int_equal(reference[i].pace_status, FPL_OK);
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

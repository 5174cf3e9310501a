/*
 * funnelplan — benchmark of learning from a CRM history (issue 17): ROWS
 * history rows (default 1,000,000) made on the fly, a chunk at a time, fed
 * to fpl_learn_feed; the item table grown in place (realloc and
 * fpl_learn_grow_in_place) as the CLI does. Prints the time against the
 * baseline of making the same bytes and reading them once (in the same
 * process), the time spent growing the table, the peak memory the learner
 * was given (its table and the scratch of fpl_learn_finish) and the
 * process's peak resident size; for 1,000,000 rows, whether issue 17's
 * targets (2 s, 16 MiB) are met. With --runs N, the best of N (the
 * baseline and the learning taking turns; a busy machine slows some).
 *
 *     bench_learn [--rows N] [--runs N]
 *
 * The history: items enter a four-stage funnel; each passes a stage with
 * 60% (else lost), the last with 40% (won, with an amount); 10% of the
 * items are still open. The rows of 64 items at a time are interleaved,
 * so an item's rows are not together (the learner does not need them to
 * be). About three rows an item (328,516 items in 1,000,000 rows).
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { CHUNK = 64 * 1024, WINDOW = 64 };

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(void)
{
    return (double)(next_random() >> 11) * 0x1.0p-53;
}

/* One item's rows, written into out; returns the bytes. */
static size_t item_rows(uint64_t id, char *out, size_t *rows)
{
    static const char *const stages[4] = {"lead", "mql", "sql", "opportunity"};
    int day = (int)(uniform() * 700.0);
    size_t len = 0;
    *rows = 0;
    for (int k = 0; k < 4; ++k) {
        const int y = 2024 + day / 365;
        const int doy = day % 365;
        len += (size_t)snprintf(out + len, 256, "d%llu,%s,%04d-%02d-%02d,,web\n",
                                (unsigned long long)id, stages[k], y, doy / 31 + 1,
                                doy % 31 < 28 ? doy % 31 + 1 : 28);
        (*rows)++;
        day += 1 + (int)(uniform() * 20.0);
        const double u = uniform();
        if (u < 0.1 / 4.0) {
            return len; /* open */
        }
        if (u > (k < 3 ? 0.6 : 0.4)) {
            const int y2 = 2024 + day / 365;
            const int d2 = day % 365;
            len += (size_t)snprintf(out + len, 256, "d%llu,lost,%04d-%02d-%02d,,web\n",
                                    (unsigned long long)id, y2, d2 / 31 + 1,
                                    d2 % 31 < 28 ? d2 % 31 + 1 : 28);
            (*rows)++;
            return len;
        }
    }
    const int y = 2024 + day / 365;
    const int doy = day % 365;
    len += (size_t)snprintf(out + len, 256, "d%llu,won,%04d-%02d-%02d,%d,web\n",
                            (unsigned long long)id, y, doy / 31 + 1,
                            doy % 31 < 28 ? doy % 31 + 1 : 28, 1000 + (int)(uniform() * 9000));
    (*rows)++;
    return len;
}

/* The history, WINDOW items at a time with their rows interleaved (one
 * row of each in turn). */
typedef struct maker {
    uint64_t rows, target, next_id;
    char item[WINDOW][2048];
    size_t at[WINDOW], len[WINDOW];
    bool header;
} maker;

static size_t make(maker *m, char *out, size_t cap)
{
    size_t len = 0;
    if (!m->header) {
        len += (size_t)snprintf(out, cap, "id,stage,date,amount,source\n");
        m->header = true;
    }
    while (m->rows < m->target && len + 512 < cap) {
        for (int w = 0; w < WINDOW && m->rows < m->target && len + 512 < cap; ++w) {
            if (m->at[w] >= m->len[w]) {
                size_t rows;
                m->len[w] = item_rows(m->next_id++, m->item[w], &rows);
                m->at[w] = 0;
            }
            const char *row = m->item[w] + m->at[w];
            const char *end = memchr(row, '\n', m->len[w] - m->at[w]);
            const size_t n = (size_t)(end - row) + 1;
            memcpy(out + len, row, n);
            len += n;
            m->at[w] += n;
            m->rows++;
        }
    }
    return len;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char chunk[CHUNK];
static maker m;

/* The baseline: the same bytes made and read once (a newline count). */
static double baseline(uint64_t rows, size_t *bytes, uint64_t *lines)
{
    memset(&m, 0, sizeof m);
    m.target = rows;
    state = 0x9E3779B97F4A7C15ull;
    const double t0 = now();
    *lines = 0;
    *bytes = 0;
    for (size_t n; (n = make(&m, chunk, sizeof chunk)) > 0;) {
        *bytes += n;
        for (size_t i = 0; i < n; ++i) {
            *lines += chunk[i] == '\n';
        }
    }
    return now() - t0;
}

/* One learning of the history, timed. */
typedef struct run {
    double took, fed, growing; /* seconds: all, up to the end of feeding, in growing the table */
    size_t grows;              /* tables grown */
    size_t work_size;          /* the last table's bytes */
    size_t scratch_size;       /* finish()'s scratch */
    size_t peak;               /* the most given to the learner at once */
} run;

static bool learn(uint64_t rows, fpl_learn *l, fpl_learn_result *result, run *r)
{
    memset(&m, 0, sizeof m);
    m.target = rows;
    state = 0x9E3779B97F4A7C15ull;
    memset(r, 0, sizeof *r);
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_learn_stages_parse(&opt, "lead,mql,sql,opportunity", 24, NULL);
    size_t work_size = FPL_LEARN_WORK_MIN;
    void *work = malloc(work_size);
    r->peak = work_size;
    const double t0 = now();
    if (work == NULL || fpl_learn_begin(l, &opt, work, work_size, NULL) != FPL_OK) {
        free(work);
        return false;
    }
    fpl_learn_skipped skipped[64];
    bool end = false;
    while (!end) {
        const size_t n = make(&m, chunk, sizeof chunk);
        end = n == 0;
        size_t off = 0;
        for (;;) {
            size_t k = 0;
            size_t used = 0;
            fpl_status st = fpl_learn_feed(l, chunk + off, n - off, end, skipped, 64, &k, &used,
                                           NULL);
            off += used;
            if (st == FPL_ERR_WORKSPACE) {
                const double g0 = now();
                work_size = fpl_learn_work_needed(l);
                void *bigger = realloc(work, work_size);
                if (bigger == NULL) {
                    free(work);
                    return false;
                }
                work = bigger;
                if (fpl_learn_grow_in_place(l, work, work_size, NULL) != FPL_OK) {
                    free(work);
                    return false;
                }
                r->growing += now() - g0;
                r->grows++;
                r->peak = work_size > r->peak ? work_size : r->peak;
                continue;
            }
            if (st != FPL_OK || k > 0) {
                fprintf(stderr, "bench_learn: unexpected status %d or skipped rows\n", st);
                free(work);
                return false;
            }
            if (off >= n) {
                break;
            }
        }
    }
    r->fed = now() - t0;
    const size_t scratch_size = fpl_learn_finish_needed(l);
    void *scratch = malloc(scratch_size);
    const bool ok = scratch != NULL &&
                    fpl_learn_finish(l, scratch, scratch_size, result, NULL) == FPL_OK;
    r->took = now() - t0;
    r->work_size = work_size;
    r->scratch_size = scratch_size;
    r->peak = work_size + scratch_size > r->peak ? work_size + scratch_size : r->peak;
    free(scratch);
    free(work);
    return ok;
}

int main(int argc, char **argv)
{
    uint64_t rows = 1000000;
    int runs = 1;
    for (int i = 1; i + 1 < argc; ++i) {
        if (strcmp(argv[i], "--rows") == 0) {
            rows = strtoull(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--runs") == 0) {
            runs = atoi(argv[i + 1]);
        }
    }
    runs = runs < 1 ? 1 : runs;
    static fpl_learn l;
    static fpl_learn_result result;
    size_t bytes = 0;
    uint64_t lines = 0;
    double base = 0.0;
    run best;
    memset(&best, 0, sizeof best);
    for (int k = 0; k < runs; ++k) { /* best of runs, the baseline and learning taking turns */
        const double b = baseline(rows, &bytes, &lines);
        base = k == 0 || b < base ? b : base;
        run r;
        if (!learn(rows, &l, &result, &r)) {
            return 1;
        }
        if (k == 0 || r.took < best.took) {
            best = r;
        }
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const double mib = (double)best.peak / 1048576.0;
    printf("rows %llu (%zu bytes, %llu lines), items %llu, stages %zu\n",
           (unsigned long long)result.rows, bytes, (unsigned long long)lines,
           (unsigned long long)result.items, result.n_stages);
    printf("learn%s: %.3f s (feeding %.3f s of which growing the table %.3f s in %zu moves, "
           "finishing %.3f s); making and reading the bytes alone: %.3f s (ratio %.2f)\n",
           runs > 1 ? " (best of runs)" : "", best.took, best.fed, best.growing, best.grows,
           best.took - best.fed, base, best.took / base);
    printf("memory given to the learner at its peak: %.2f MiB (table %.2f MiB + scratch "
           "%.2f MiB); process peak resident: %.2f MiB\n",
           mib, (double)best.work_size / 1048576.0, (double)best.scratch_size / 1048576.0,
           (double)ru.ru_maxrss / 1024.0);
    printf("lead rate %.4f (naive %.4f), opportunity rate %.4f\n", result.stages[0].rate,
           result.stages[0].naive_rate, result.stages[3].rate);
    if (rows == 1000000) {
        printf("issue 17 targets for 1,000,000 rows: time <= 2 s %s (%.3f s); memory <= 16 MiB "
               "%s (%.2f MiB)\n",
               best.took <= 2.0 ? "met" : "MISSED", best.took, mib <= 16.0 ? "met" : "MISSED",
               mib);
    }
    return 0;
}

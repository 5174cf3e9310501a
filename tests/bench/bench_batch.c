/*
 * funnelplan — benchmark: fpl_plan_batch_compute against memcpy of the same
 * bytes (the roofline) and against a loop of fpl_plan_compute, all in one
 * process, best of several repetitions on CLOCK_MONOTONIC.
 * SPDX-License-Identifier: MIT
 *
 *   bench_batch [--funnels N] [--stages S] [--reps R] [--run LIST]
 *
 * N funnels (default 1,000,000) of S stages (default 5, at most 6), with
 * rates drawn in whole tenths of a percent from 1.0% to 100.0% and deal
 * targets drawn from the whole numbers 1 to 1,000 (splitmix64, a fixed seed:
 * every run plans the same funnels, and tests/bench/run.py makes the same
 * ones in Python). LIST is a comma-separated subset of batch, memcpy, scalar and
 * check (default all of them), or none: tests/bench/run.py runs it under
 * callgrind with `--run none` and with `--run batch` (then `scalar`), and
 * the difference over N is the instructions per funnel.
 *
 * A batch reads S + 1 doubles per funnel (rates, deal target) and writes
 * 2S + 1 (exact and whole volumes, whole deals). The roofline is memcpy
 * timed twice: copying half of all those bytes, so that the copy reads and
 * writes as many bytes in all as the batch does (the ratio the targets
 * use), and copying all of them (twice the traffic; for reference).
 *
 * `check` compares every output of the last batch, bit for bit, with the
 * results of fpl_plan_compute for the same funnel (the scalar loop's), and
 * the program exits 1 when one differs: a benchmark that plans wrongly
 * must not report a speed.
 *
 * Output: a header line, then one line per measurement, starting with its
 * key (batch, memcpy-traffic, memcpy-all, scalar), then seconds (best),
 * funnels per second and the time as a multiple of the batch's; ratios;
 * `check ok`. tests/bench/run.py parses these lines.
 */

#include <funnelplan.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUN_BATCH = 1, RUN_MEMCPY = 2, RUN_SCALAR = 4, RUN_CHECK = 8 };

typedef struct options {
    size_t funnels;
    size_t stages;
    unsigned reps;
    unsigned run;
} options;

typedef struct buffers {
    double *rates;       /* stages × funnels, stage-major */
    double *deals;       /* funnels */
    double *required;    /* stages × funnels: the batch's outputs */
    double *whole;
    double *deals_whole;
    double *s_required;  /* the same, from the scalar loop */
    double *s_whole;
    double *s_deals_whole;
    unsigned char *copy_src; /* memcpy roofline: all the bytes a batch moves */
    unsigned char *copy_dst;
} buffers;

/* The program's volatile sink: keeps results the compiler could discard. */
static volatile double sink;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t next_random(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int usage(const char *why)
{
    fprintf(stderr, "bench_batch: %s\n"
                    "usage: bench_batch [--funnels N] [--stages S] [--reps R] "
                    "[--run batch,memcpy,scalar,check|none]\n",
            why);
    return 2;
}

static int parse_size(const char *text, size_t min, size_t max, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v < min || v > max) {
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int parse_run(const char *text, unsigned *out)
{
    unsigned run = 0;
    const char *p = text;
    if (strcmp(text, "none") == 0) {
        *out = 0;
        return 0;
    }
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        if (len == 5 && strncmp(p, "batch", 5) == 0) {
            run |= RUN_BATCH;
        } else if (len == 6 && strncmp(p, "memcpy", 6) == 0) {
            run |= RUN_MEMCPY;
        } else if (len == 6 && strncmp(p, "scalar", 6) == 0) {
            run |= RUN_SCALAR;
        } else if (len == 5 && strncmp(p, "check", 5) == 0) {
            run |= RUN_CHECK;
        } else {
            return -1;
        }
        p += len;
        if (*p == ',') {
            ++p;
        }
    }
    *out = run;
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    o->funnels = 1000000;
    o->stages = 5;
    o->reps = 7;
    o->run = RUN_BATCH | RUN_MEMCPY | RUN_SCALAR | RUN_CHECK;
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc) {
            return usage("an option without its value");
        }
        size_t v;
        if (strcmp(argv[i], "--funnels") == 0) {
            if (parse_size(argv[i + 1], 1, (size_t)1 << 28, &o->funnels) != 0) {
                return usage("--funnels: a whole number from 1 to 2^28");
            }
        } else if (strcmp(argv[i], "--stages") == 0) {
            /* 1000 deals at 1% a stage need 10^15 leads over 6 stages, under
             * 2^53; over 7 the batch would refuse some funnels. */
            if (parse_size(argv[i + 1], 1, 6, &o->stages) != 0) {
                return usage("--stages: a whole number from 1 to 6");
            }
        } else if (strcmp(argv[i], "--reps") == 0) {
            if (parse_size(argv[i + 1], 1, 1000, &v) != 0) {
                return usage("--reps: a whole number from 1 to 1000");
            }
            o->reps = (unsigned)v;
        } else if (strcmp(argv[i], "--run") == 0) {
            if (parse_run(argv[i + 1], &o->run) != 0) {
                return usage("--run: batch, memcpy, scalar, check, comma-separated, or none");
            }
        } else {
            return usage("unknown option");
        }
    }
    /* The check compares the batch with the scalar loop: it needs both. */
    if (o->run & RUN_CHECK) {
        o->run |= RUN_BATCH | RUN_SCALAR;
    }
    return 0;
}

/* Allocates and touches (so no page is first faulted in a timed run). */
static void *alloc_touched(size_t bytes)
{
    void *p = malloc(bytes);
    if (p == NULL) {
        fprintf(stderr, "bench_batch: out of memory (%zu bytes)\n", bytes);
        exit(2);
    }
    memset(p, 0, bytes);
    return p;
}

static void make_inputs(const options *o, buffers *b)
{
    const size_t n = o->funnels;
    uint64_t seed = UINT64_C(20240509);
    for (size_t i = 0; i < n; ++i) {
        b->deals[i] = (double)(1 + next_random(&seed) % 1000);
        for (size_t k = 0; k < o->stages; ++k) {
            b->rates[k * n + i] = (double)(10 + next_random(&seed) % 991) / 1000.0;
        }
    }
}

static double time_batch(const options *o, const buffers *b)
{
    const fpl_plan_batch batch = {o->funnels, o->stages, b->rates, b->deals,
                                  b->required, b->whole, b->deals_whole};
    double best = -1.0;
    for (unsigned r = 0; r < o->reps; ++r) {
        fpl_error bad;
        const double t0 = now();
        const fpl_status st = fpl_plan_batch_compute(&batch, &bad);
        const double t = now() - t0;
        if (st != FPL_OK) {
            fprintf(stderr, "bench_batch: batch refused funnel %zu: %s\n", bad.index, fpl_strerror(st));
            exit(1);
        }
        sink = b->whole[0];
        best = best < 0.0 || t < best ? t : best;
    }
    return best;
}

static double time_memcpy(const options *o, const buffers *b, size_t bytes)
{
    double best = -1.0;
    for (unsigned r = 0; r < o->reps; ++r) {
        const double t0 = now();
        memcpy(b->copy_dst, b->copy_src, bytes);
        const double t = now() - t0;
        sink = (double)b->copy_dst[bytes / 2];
        best = best < 0.0 || t < best ? t : best;
    }
    return best;
}

/* What a caller without the batch API writes: one fpl_plan_compute per
 * funnel, results stored in the batch's layout. */
static double time_scalar(const options *o, const buffers *b)
{
    const size_t n = o->funnels;
    fpl_funnel f;
    memset(&f, 0, sizeof f);
    f.n_stages = o->stages;
    for (size_t k = 0; k < o->stages; ++k) {
        f.stages[k].name[0] = 's';
        f.stages[k].name[1] = (char)('A' + k);
    }
    fpl_terms t;
    memset(&t, 0, sizeof t);
    t.target = FPL_TARGET_DEALS;
    static fpl_plan p; /* large: not on the stack */
    double best = -1.0;
    for (unsigned r = 0; r < o->reps; ++r) {
        const double t0 = now();
        for (size_t i = 0; i < n; ++i) {
            for (size_t k = 0; k < o->stages; ++k) {
                f.stages[k].rate = b->rates[k * n + i];
            }
            t.deals = b->deals[i];
            const fpl_status st = fpl_plan_compute(&f, &t, &p, NULL);
            if (st != FPL_OK) {
                fprintf(stderr, "bench_batch: fpl_plan_compute refused funnel %zu: %s\n", i,
                        fpl_strerror(st));
                exit(1);
            }
            for (size_t k = 0; k < o->stages; ++k) {
                b->s_required[k * n + i] = p.stages[k].required;
                b->s_whole[k * n + i] = (double)p.stages[k].required_whole;
            }
            b->s_deals_whole[i] = (double)p.deals_whole;
        }
        const double el = now() - t0;
        best = best < 0.0 || el < best ? el : best;
    }
    return best;
}

/* Bit for bit: the batch's outputs are those of fpl_plan_compute. */
static int check(const options *o, const buffers *b)
{
    const size_t cells = o->funnels * o->stages;
    if (memcmp(b->required, b->s_required, cells * sizeof(double)) != 0 ||
        memcmp(b->whole, b->s_whole, cells * sizeof(double)) != 0 ||
        memcmp(b->deals_whole, b->s_deals_whole, o->funnels * sizeof(double)) != 0) {
        fprintf(stderr, "bench_batch: the batch differs from fpl_plan_compute\n");
        return -1;
    }
    return 0;
}

static void row(const char *key, const char *what, double seconds, size_t funnels,
                double batch_seconds)
{
    printf("%-15s %12.6f s %14.4e funnels/s", key, seconds, (double)funnels / seconds);
    if (batch_seconds > 0.0) {
        printf(" %9.3fx batch time", seconds / batch_seconds);
    }
    printf("   %s\n", what);
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, &o);
    if (rc != 0) {
        return rc;
    }
    const size_t n = o.funnels;
    const size_t cells = n * o.stages;
    const size_t bytes_in = (cells + n) * sizeof(double);
    const size_t bytes_out = (2 * cells + n) * sizeof(double);
    const size_t bytes_moved = bytes_in + bytes_out;

    buffers b;
    memset(&b, 0, sizeof b);
    b.rates = alloc_touched(cells * sizeof(double));
    b.deals = alloc_touched(n * sizeof(double));
    make_inputs(&o, &b);
    /* Always, so that runs under callgrind with and without `batch` differ
     * only by the batch itself. */
    b.required = alloc_touched(cells * sizeof(double));
    b.whole = alloc_touched(cells * sizeof(double));
    b.deals_whole = alloc_touched(n * sizeof(double));
    if (o.run & RUN_SCALAR) {
        b.s_required = alloc_touched(cells * sizeof(double));
        b.s_whole = alloc_touched(cells * sizeof(double));
        b.s_deals_whole = alloc_touched(n * sizeof(double));
    }
    if (o.run & RUN_MEMCPY) {
        b.copy_src = alloc_touched(bytes_moved);
        b.copy_dst = alloc_touched(bytes_moved);
        for (size_t i = 0; i < bytes_moved; i += 4096) {
            b.copy_src[i] = (unsigned char)i;
        }
    }

    printf("bench_batch: %zu funnels x %zu stages, best of %u (CLOCK_MONOTONIC), "
           "%zu bytes read + %zu written = %zu moved per batch\n",
           n, o.stages, o.reps, bytes_in, bytes_out, bytes_moved);
    double t_batch = 0.0;
    if (o.run & RUN_BATCH) {
        t_batch = time_batch(&o, &b);
        row("batch", "fpl_plan_batch_compute", t_batch, n, 0.0);
    }
    double t_traffic = 0.0;
    if (o.run & RUN_MEMCPY) {
        t_traffic = time_memcpy(&o, &b, bytes_moved / 2);
        const double t_all = time_memcpy(&o, &b, bytes_moved);
        char what[96];
        snprintf(what, sizeof what, "memcpy of %zu bytes: reads + writes = the batch's",
                 bytes_moved / 2);
        row("memcpy-traffic", what, t_traffic, n, t_batch);
        snprintf(what, sizeof what, "memcpy of %zu bytes: twice the batch's traffic",
                 bytes_moved);
        row("memcpy-all", what, t_all, n, t_batch);
    }
    if (o.run & RUN_SCALAR) {
        const double t_scalar = time_scalar(&o, &b);
        row("scalar", "fpl_plan_compute, one call per funnel", t_scalar, n, t_batch);
        if (t_batch > 0.0) {
            printf("ratio batch/scalar speed %.2f\n", t_scalar / t_batch);
        }
    }
    if ((o.run & RUN_BATCH) && (o.run & RUN_MEMCPY)) {
        printf("ratio batch/roofline %.3f (memcpy of the same traffic; 1.0 = at the roofline)\n",
               t_traffic / t_batch);
    }
    rc = 0;
    if (o.run & RUN_CHECK) {
        if (check(&o, &b) != 0) {
            rc = 1;
        } else {
            printf("check ok: every output of the batch equals fpl_plan_compute's, bit for bit\n");
        }
    }
    free(b.rates);
    free(b.deals);
    free(b.required);
    free(b.whole);
    free(b.deals_whole);
    free(b.s_required);
    free(b.s_whole);
    free(b.s_deals_whole);
    free(b.copy_src);
    free(b.copy_dst);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return 2;
    }
    return rc;
}

/*
 * funnelplan — many plans in one call, written for the vector units.
 * SPDX-License-Identifier: MIT
 *
 * The kernel works on blocks of BLOCK funnels that stay in L1: for each
 * stage, bottom up, one unit-stride loop over the block divides the running
 * exact and whole volumes by the stage's rates. Every operation in that loop
 * has a vector form in SSE2 (the rounding below avoids round() and ceil(),
 * which need SSE4.1), and faults only set a flag, so the loop has no exits.
 * When a flag is set, the funnels are planned one by one with
 * fpl_plan_compute(, NULL) to find the first at fault and its exact status.
 */

#include "internal.h"
#include "funnelplan/batch.h"

#include "funnelplan/plan.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Funnels per block: the block's running figures (4 × 2 KiB) stay in L1. */
#define BLOCK ((size_t)256)

/* Batches whose outputs exceed this many bytes write them with non-temporal
 * stores: they cannot stay in the caches anyway, and ordinary stores would
 * first read every output line from memory (read for ownership). */
#define STREAM_MIN_BYTES ((size_t)8 << 20)

/* On x86-64 Linux (ifunc), the kernel is also built for AVX2 and chosen at
 * load time; everywhere else the portable build is the only one. */
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(FPL_NO_MULTIVERSION)
#if defined(__has_feature)
#if !__has_feature(address_sanitizer) && !__has_feature(thread_sanitizer) && \
    !__has_feature(memory_sanitizer)
#define FPL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#else
#define FPL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
#ifndef FPL_CLONES
#define FPL_CLONES
#endif

/*
 * fpl_ceil_tolerant() for a positive finite x, bit for bit, from operations
 * that vectorise in SSE2: the nearest integer by adding and removing 2^52
 * (ties to even, corrected to ties away from zero as round() does), then the
 * 16-epsilon tolerance, then the ceiling from the nearest integer.
 */
static inline double ceil_tolerant_positive(double x)
{
    const double two52 = 4503599627370496.0;
    double even = x < two52 ? (x + two52) - two52 : x;
    double nearest = x - even >= 0.5 ? even + 1.0 : even;
    double ceiling = nearest < x ? nearest + 1.0 : nearest;
    return fabs(x - nearest) <= 16.0 * DBL_EPSILON * x ? nearest : ceiling;
}

/* Copies count doubles from the block to dst, with non-temporal stores when
 * stream is set (SSE2: 16 bytes at a time, after at most one double that
 * brings dst to a 16-byte boundary). */
static inline void put(double *dst, const double *src, size_t count, int stream)
{
#if defined(__SSE2__)
    if (stream && ((uintptr_t)dst & 7) == 0) { /* a misaligned double* is not ours to fix */
        size_t i = 0;
        if (((uintptr_t)dst & 15) != 0 && count > 0) {
            dst[0] = src[0];
            i = 1;
        }
        for (; i + 2 <= count; i += 2) {
            _mm_stream_pd(dst + i, _mm_loadu_pd(src + i));
        }
        if (i < count) {
            dst[i] = src[i];
        }
        return;
    }
#endif
    (void)stream;
    memcpy(dst, src, count * sizeof src[0]);
}

/* The shared stage loop must be inlined into each kernel (and each of its
 * target clones) to vectorise: as a call, the compiler cannot see that the
 * block's arrays are the kernel's own, and the loop runs one funnel at a
 * time (measured: 28-38x the single plans' speed fell to 10-12x). */
#if defined(__GNUC__) || defined(__clang__)
#define FPL_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define FPL_ALWAYS_INLINE inline
#endif

/* The running figures of a block of funnels: a flag (a double, like
 * everything else in the loop, so the comparisons become lane masks with no
 * reduction in the loop), the exact and whole volumes and the cumulative
 * rate, from the bottom of the funnel up. */
typedef struct block {
    double bad[BLOCK];
    double exact[BLOCK];
    double whole[BLOCK];
    double cumulative[BLOCK];
} block;

/* Funnels [first, first + count) of the batch, whose block holds the deals
 * (exact and whole), a cumulative rate of 1 and their flags: divides the
 * running volumes by each stage's rates, bottom up, flagging what
 * fpl_plan_compute refuses, and writes each stage's volumes to the batch's
 * outputs (with non-temporal stores when stream is set). */
static FPL_ALWAYS_INLINE void cascade(const fpl_plan_batch *b, size_t first, size_t count,
                                      block *restrict blk, int stream)
{
    const size_t n = b->n_funnels;
    for (size_t k = b->n_stages; k-- > 0;) {
        const double *restrict rates = b->rates + k * n + first;
        for (size_t i = 0; i < count; ++i) {
            const double r = rates[i];
            const double e = blk->exact[i] / r;
            const double c = blk->cumulative[i] * r;
            const double w = ceil_tolerant_positive(blk->whole[i] / r);
            const bool ok = (r > 0.0) & (r <= 1.0) & (e <= DBL_MAX) & (c > 0.0) &
                            (w <= FPL_WHOLE_MAX);
            blk->bad[i] = ok ? blk->bad[i] : 1.0;
            blk->exact[i] = e;
            blk->cumulative[i] = c;
            blk->whole[i] = w;
        }
        if (b->required != NULL) {
            put(b->required + k * n + first, blk->exact, count, stream);
        }
        if (b->required_whole != NULL) {
            put(b->required_whole + k * n + first, blk->whole, count, stream);
        }
    }
}

/* Whether any of the block's first count funnels is flagged. */
static FPL_ALWAYS_INLINE int flagged(const block *blk, size_t count)
{
    int any = 0;
    for (size_t i = 0; i < count; ++i) {
        any |= blk->bad[i] > 0.0;
    }
    return any;
}

/* Plans funnels [0, n) of the batch; returns nonzero when any is at fault. */
FPL_CLONES
static int kernel(const fpl_plan_batch *b)
{
    const size_t n = b->n_funnels;
    const size_t stages = b->n_stages;
    int fault = 0;
    const int stream = n > STREAM_MIN_BYTES / sizeof(double) / (2 * stages + 1);
    block blk;
    for (size_t first = 0; first < n; first += BLOCK) {
        size_t count = n - first;
        if (count > BLOCK) {
            count = BLOCK;
        }
        const double *deals = b->deals + first;
        for (size_t i = 0; i < count; ++i) {
            const double d = deals[i];
            const double w = ceil_tolerant_positive(d);
            const bool ok = (d > 0.0) & (d <= DBL_MAX) & (w <= FPL_WHOLE_MAX);
            blk.bad[i] = ok ? 0.0 : 1.0;
            blk.exact[i] = d;
            blk.whole[i] = w;
            blk.cumulative[i] = 1.0;
        }
        if (b->deals_whole != NULL) {
            put(b->deals_whole + first, blk.whole, count, stream);
        }
        cascade(b, first, count, &blk, stream);
        fault |= flagged(&blk, count);
    }
#if defined(__SSE2__)
    if (stream) {
        _mm_sfence(); /* the streamed stores are visible before the return */
    }
#endif
    return fault;
}

/* The status fpl_plan_compute(, NULL) gives funnel i of the batch, for its
 * terms (NULL: a deal target alone, per month). */
static fpl_status plan_one(const fpl_plan_batch *b, const fpl_plan_batch_terms *bt, size_t i)
{
    fpl_funnel f;
    memset(&f, 0, sizeof f);
    f.n_stages = b->n_stages;
    for (size_t k = 0; k < b->n_stages; ++k) {
        f.stages[k].name[0] = 's';
        f.stages[k].name[1] = (char)('A' + k); /* unique, never reserved */
        f.stages[k].rate = b->rates[k * b->n_funnels + i];
    }
    fpl_terms t;
    memset(&t, 0, sizeof t);
    t.target = FPL_TARGET_DEALS;
    if (bt != NULL) {
        t.per = bt->per;
        if (bt->revenue != NULL) {
            t.target = FPL_TARGET_REVENUE;
            t.revenue = bt->revenue[i];
        }
        t.has_deal_size = bt->deal_size != NULL;
        t.deal_size = t.has_deal_size ? bt->deal_size[i] : 0.0;
        t.has_cost_per_lead = bt->cost_per_lead != NULL;
        t.cost_per_lead = t.has_cost_per_lead ? bt->cost_per_lead[i] : 0.0;
    }
    if (t.target == FPL_TARGET_DEALS) {
        t.deals = b->deals[i];
    }
    fpl_plan p;
    return fpl_plan_compute(&f, &t, &p, NULL);
}

/* Whether x, and x rescaled to any period (at most 12 times x), is finite. */
static inline bool rescalable(double x)
{
    return fabs(x) * 12.0 <= DBL_MAX;
}

/* Plans funnels [0, n) of the batch for its terms (the outputs of
 * fpl_plan_compute, through the same operations in the same order); returns
 * nonzero when any funnel may be at fault: every funnel fpl_plan_compute
 * refuses is flagged (a flag it does not confirm costs only time). */
static int kernel_terms(const fpl_plan_batch *b, const fpl_plan_batch_terms *t)
{
    const size_t n = b->n_funnels;
    int fault = 0;
    block blk;
    double deals[BLOCK];
    for (size_t first = 0; first < n; first += BLOCK) {
        size_t count = n - first;
        if (count > BLOCK) {
            count = BLOCK;
        }
        for (size_t i = 0; i < count; ++i) {
            const size_t j = first + i;
            bool ok = true;
            double d;
            if (t->revenue != NULL) {
                const double r = t->revenue[j];
                d = r / t->deal_size[j];
                ok = isfinite(r) && r > 0.0 && rescalable(r);
            } else {
                d = b->deals[j];
            }
            if (t->deal_size != NULL) {
                ok = ok && isfinite(t->deal_size[j]) && t->deal_size[j] > 0.0;
            }
            const double w = ceil_tolerant_positive(d);
            ok = ok && d > 0.0 && d <= DBL_MAX && w <= FPL_WHOLE_MAX;
            blk.bad[i] = ok ? 0.0 : 1.0;
            deals[i] = d;
            blk.exact[i] = d;
            blk.whole[i] = w;
            blk.cumulative[i] = 1.0;
        }
        if (t->deals != NULL) {
            memcpy(t->deals + first, deals, count * sizeof deals[0]);
        }
        if (b->deals_whole != NULL) {
            memcpy(b->deals_whole + first, blk.whole, count * sizeof blk.whole[0]);
        }
        cascade(b, first, count, &blk, 0);
        if (t->cost_per_lead != NULL) {
            for (size_t i = 0; i < count; ++i) {
                const double cost = t->cost_per_lead[first + i] + 0.0; /* no negative zero */
                const double budget = blk.exact[i] * cost; /* required(top) · cost */
                const double per_deal = budget / deals[i];
                /* every stage's cost per unit is at most the cost per deal */
                const bool ok = isfinite(cost) && cost >= 0.0 && rescalable(budget) &&
                                isfinite(per_deal);
                blk.bad[i] = ok ? blk.bad[i] : 1.0;
                if (t->cost_per_lead_out != NULL) {
                    t->cost_per_lead_out[first + i] = cost;
                }
                if (t->budget != NULL) {
                    t->budget[first + i] = budget;
                }
                if (t->cost_per_deal != NULL) {
                    t->cost_per_deal[first + i] = per_deal;
                }
            }
        }
        fault |= flagged(&blk, count);
        if (t->status != NULL) {
            for (size_t i = 0; i < count; ++i) {
                /* a flag for now: confirmed, or not, by the caller */
                t->status[first + i] = blk.bad[i] > 0.0 ? FPL_ERR_OVERFLOW : FPL_OK;
            }
        }
    }
    return fault;
}

fpl_status fpl_plan_batch_compute(const fpl_plan_batch *batch, fpl_error *err)
{
    fpl__begin(err);
    if (batch == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (batch->n_stages < 1 || batch->n_stages > FPL_MAX_STAGES) {
        return fpl__done(err, FPL_ERR_STAGE_COUNT);
    }
    if (batch->n_funnels == 0) {
        return FPL_OK;
    }
    if (batch->rates == NULL || batch->deals == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (!kernel(batch)) {
        return FPL_OK;
    }
    for (size_t i = 0; i < batch->n_funnels; ++i) {
        fpl_status st = plan_one(batch, NULL, i);
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_FUNNEL, i);
        }
    }
    return FPL_OK; /* not reached: the kernel flags only what a plan refuses */
}

fpl_status fpl_plan_batch_terms_compute(const fpl_plan_batch *batch,
                                        const fpl_plan_batch_terms *terms, fpl_error *err)
{
    fpl__begin(err);
    if (batch == NULL || terms == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (batch->n_stages < 1 || batch->n_stages > FPL_MAX_STAGES) {
        return fpl__done(err, FPL_ERR_STAGE_COUNT);
    }
    if (fpl_period_months(terms->per) == 0) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    if (batch->n_funnels == 0) {
        return FPL_OK;
    }
    if (batch->rates == NULL || (terms->revenue == NULL && batch->deals == NULL) ||
        (terms->revenue != NULL && terms->deal_size == NULL)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (!kernel_terms(batch, terms)) {
        return FPL_OK;
    }
    fpl_status first = FPL_OK;
    for (size_t i = 0; i < batch->n_funnels; ++i) {
        if (terms->status != NULL && terms->status[i] == FPL_OK) {
            continue; /* not flagged */
        }
        fpl_status st = plan_one(batch, terms, i);
        if (terms->status != NULL) {
            terms->status[i] = st;
        }
        if (st != FPL_OK && first == FPL_OK) {
            first = fpl__fail(err, st, FPL_FIELD_FUNNEL, i);
            if (terms->status == NULL) {
                return first;
            }
        }
    }
    return first; /* FPL_OK: flags fpl_plan_compute did not confirm; the outputs hold */
}

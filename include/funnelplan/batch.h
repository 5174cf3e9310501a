/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file batch.h
 * @brief Many plans in one call, laid out for the vector units.
 */

#ifndef FUNNELPLAN_BATCH_H
#define FUNNELPLAN_BATCH_H

#include "funnelplan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup batch Batch
 * @brief Plan thousands to millions of funnels of the same stage count at once.
 *
 * Each funnel i is a deal target deals[i] and n_stages rates; the results are
 * exactly those of fpl_plan_compute() with an ::FPL_TARGET_DEALS target, bit
 * for bit: the exact volume each stage needs, and the whole counts cascading
 * up the funnel with the tolerant rounding of fpl_ceil_tolerant().
 *
 * **Layout: structure of arrays, stage-major.** The rate of stage k of funnel
 * i is `rates[k * n_funnels + i]`, and every output array is laid out the
 * same way. The work runs stage by stage over a block of funnels, so every
 * array is read and written with unit stride and the compiler turns the loop
 * into vector instructions (two funnels per SSE2 instruction, four with AVX2,
 * chosen at run time on x86-64 Linux). An array of structs (all the stages of
 * one funnel together) would need gathers and scatters instead. Funnels are
 * processed in blocks that stay in L1, so each input byte is read from
 * memory once and each output byte written once.
 *
 * Whole counts are doubles (every whole count is at most 2^53, so exact).
 * @{
 */

/** A batch of plans: inputs and caller-owned output buffers. */
typedef struct fpl_plan_batch {
    size_t n_funnels;       ///< funnels in the batch (0 is an empty batch)
    size_t n_stages;        ///< stages of every funnel, 1 to ::FPL_MAX_STAGES
    const double *rates;    ///< n_stages × n_funnels rates, stage-major
    const double *deals;    ///< n_funnels deal targets per period
    double *required;       ///< out: n_stages × n_funnels exact volumes, or NULL
    double *required_whole; ///< out: n_stages × n_funnels whole volumes, or NULL
    double *deals_whole;    ///< out: n_funnels whole deals, or NULL
} fpl_plan_batch;

/**
 * @brief Plans every funnel of a batch.
 *
 * @code
 * // two funnels of two stages: (1%, 10%) and (27%, 25%)
 * const double rates[] = {0.01, 0.27,    // stage 0 of funnels 0 and 1
 *                         0.10, 0.25};   // stage 1
 * const double deals[] = {20, 10};
 * double required[4], whole[4];
 * fpl_plan_batch b = {2, 2, rates, deals, required, whole, NULL};
 * fpl_error err;
 * if (fpl_plan_batch_compute(&b, &err) == FPL_OK) {
 *     // whole[0] == 20000 leads, whole[1] == 149 mqls
 * } else {
 *     // err.field == FPL_FIELD_FUNNEL, err.index: the first funnel at fault
 * }
 * @endcode
 *
 * Unlike the single-plan functions, a batch writes its outputs as it goes:
 * on failure the output buffers hold partial results and must not be used.
 * @param[in] batch the inputs and output buffers (outputs may be NULL to skip).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL (the batch, a needed input with funnels
 *   to plan); ::FPL_ERR_STAGE_COUNT; for the first funnel at fault the status
 *   fpl_plan_compute() would give it: ::FPL_ERR_RATE_RANGE, ::FPL_ERR_DEALS,
 *   ::FPL_ERR_TOO_LARGE or ::FPL_ERR_OVERFLOW.
 */
FPL_API fpl_status fpl_plan_batch_compute(const fpl_plan_batch *batch, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_BATCH_H */

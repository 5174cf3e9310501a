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

/**
 * The terms of a batch of plans beyond deal targets, for
 * fpl_plan_batch_terms_compute(): per funnel a revenue target, a deal size
 * and a cost per lead (each column optional), one period for the batch,
 * and the outputs these terms give. Zero-initialised: deal targets, no deal
 * size, no cost per lead, per month, no outputs. A new struct beside
 * ::fpl_plan_batch, as the ABI rule of common.h asks of a new capability.
 */
typedef struct fpl_plan_batch_terms {
    fpl_period per;              ///< the period of every target and cost of the batch
    const double *revenue;       ///< n_funnels revenue targets per period, or NULL: the targets are the batch's deals
    const double *deal_size;     ///< n_funnels average deal sizes, or NULL (none; a revenue target needs them)
    const double *cost_per_lead; ///< n_funnels costs of one unit entering the top stage, or NULL (none)
    double *deals;               ///< out: n_funnels exact deals per period (revenue / deal size, or the deals given), or NULL
    double *budget;              ///< out: n_funnels budgets, required(top) · cost per lead, or NULL (ignored without costs)
    double *cost_per_deal;       ///< out: n_funnels budget / deals, or NULL (ignored without costs)
    fpl_status *status;          ///< out: n_funnels statuses, each funnel's own (every funnel is then planned), or NULL: the first funnel at fault ends the call
    double *cost_per_lead_out;   ///< out: n_funnels costs per lead as the plan keeps them (a given -0 is +0), or NULL (ignored without costs)
} fpl_plan_batch_terms;

/**
 * @brief Plans every funnel of a batch for its own terms: a revenue target
 * with a deal size, or a deal target, and optionally a cost per lead.
 *
 * Funnel i is planned exactly as fpl_plan_compute() plans it with an
 * ::fpl_terms of `terms->per`, the target `terms->revenue[i]` (with
 * `terms->deal_size[i]`) or `batch->deals[i]`, and `terms->cost_per_lead[i]`
 * when given: the outputs of @p batch and of @p terms are that plan's deals,
 * whole deals, required and whole units per stage, cost per lead (the one
 * the plan keeps: +0 for a given -0), budget and cost per deal, bit for bit (a plan's other figures, such as its figures per period, are
 * not written; a funnel is refused when any of them would be).
 *
 * @code
 * // revenue 1,000,000 at 50,000 a deal, and 400,000 at 40,000 with leads at 2 each
 * const double rates[] = {0.01, 0.27,    // stage 0 of funnels 0 and 1
 *                         0.10, 0.25};   // stage 1
 * const double revenue[] = {1000000, 400000}, size[] = {50000, 40000}, cost[] = {0, 2};
 * double required[4], whole[4], deals[2], budget[2], cac[2];
 * fpl_plan_batch b = {2, 2, rates, NULL, required, whole, NULL};
 * fpl_plan_batch_terms t = {FPL_PERIOD_YEAR, revenue, size, cost, deals, budget, cac, NULL, NULL};
 * fpl_error err;
 * if (fpl_plan_batch_terms_compute(&b, &t, &err) == FPL_OK) {
 *     // deals[0] == 20, whole[0] == 20000 leads; deals[1] == 10,
 *     // budget[1] == 2 * 40 / 0.27 (required leads of funnel 1 × 2)
 * }
 * @endcode
 *
 * Without `terms->status`, like fpl_plan_batch_compute(), the outputs are
 * written as the batch goes and on failure hold partial results that must
 * not be used. With it, every funnel is planned and its status written
 * there, the one fpl_plan_compute() gives it: the outputs of each funnel
 * whose status is ::FPL_OK are its plan's, whatever the others' (so a
 * caller learns every funnel at fault in one call); the return value and
 * @p err still name the first at fault.
 * @param[in] batch the rates, the deal targets (read only without
 *   `terms->revenue`; may then be NULL) and the output buffers of every
 *   stage (outputs may be NULL to skip).
 * @param[in] terms the terms and their output buffers.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): for a
 *   funnel at fault ::FPL_FIELD_FUNNEL and its index.
 * @return ::FPL_OK; ::FPL_ERR_NULL (the batch, the terms, the rates, the
 *   targets, or the deal sizes of revenue targets, with funnels to plan);
 *   ::FPL_ERR_STAGE_COUNT; ::FPL_ERR_PERIOD; for the first funnel at fault
 *   the status fpl_plan_compute() gives it (::FPL_ERR_RATE_RANGE,
 *   ::FPL_ERR_REVENUE, ::FPL_ERR_DEALS, ::FPL_ERR_DEAL_SIZE, ::FPL_ERR_COST,
 *   ::FPL_ERR_TOO_LARGE, ::FPL_ERR_OVERFLOW).
 */
FPL_API fpl_status fpl_plan_batch_terms_compute(const fpl_plan_batch *batch,
                                                const fpl_plan_batch_terms *terms,
                                                fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_BATCH_H */

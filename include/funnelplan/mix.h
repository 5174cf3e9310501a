/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file mix.h
 * @brief Lead mixes: segments of leads (bands such as hot, warm and cold,
 * or any names) with their shares and their own rate at a stage blend into
 * the stage's rate, so that better leads are planned and priced like any
 * other rate.
 */

#ifndef FUNNELPLAN_MIX_H
#define FUNNELPLAN_MIX_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup mix Mix
 * @brief The rate of a stage from the segments of the units entering it.
 *
 * A stage's rate is an average over the leads that enter it: if 20% of them
 * are hot and move on at 60%, 30% warm at 30% and 50% cold at 5%, the stage
 * moves on 0.2 · 60% + 0.3 · 30% + 0.5 · 5% = 23.5% of its units. A hand-off
 * rule that passes on better leads changes the shares, and so the rate:
 * `plan`, `forecast` and `whatif` take a mix where they take a rate.
 * @{
 */

/** Most segments in a mix. */
#define FPL_MAX_SEGMENTS 16

/** A lead segment: its share of the units entering a stage and its rate there. */
typedef struct fpl_segment {
    char name[FPL_NAME_MAX + 1]; ///< e.g. `hot`
    double share;                ///< in [0, 1]
    double rate;                 ///< the stage's rate for this segment, in (0, 1]
} fpl_segment;

/** A mix of segments at one stage. */
typedef struct fpl_mix {
    size_t stage;                          ///< the stage the mix applies to
    size_t n_segments;                     ///< 1 … ::FPL_MAX_SEGMENTS
    fpl_segment segments[FPL_MAX_SEGMENTS]; ///< the segments
} fpl_mix;

/**
 * @brief Reads a mix `STAGE=NAME:SHARE@RATE,NAME:SHARE@RATE,...` (e.g.
 * `mql=hot:20%@60%,warm:30%@30%,cold:50%@5%`) against a funnel.
 * @param[in] funnel the funnel (for the stage name).
 * @param[in] text the text.
 * @param[in] len its length.
 * @param[out] out the mix, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   field ::FPL_FIELD_MIX, the index the stage (once known), the bytes the
 *   stage name, the segment at fault, or every segment when the shares do
 *   not add up.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_STAGE_UNKNOWN, ::FPL_ERR_MIX
 *   (syntax, a share outside [0, 1], a rate outside (0, 1], a duplicate or
 *   bad segment name, too many segments) or ::FPL_ERR_MIX_SHARES.
 */
FPL_API fpl_status fpl_mix_parse(const fpl_funnel *funnel, const char *text, size_t len,
                                 fpl_mix *out, fpl_error *err);

/**
 * @brief The blended rate of a mix: Σ share · rate / Σ share, with the
 * shares adding up to 100% (within 1e-9). When every segment has the same
 * rate, the blended rate is that rate exactly, so a mix of one rate plans
 * exactly like the plain rate.
 * @param[in] mix the mix.
 * @param[out] out the rate, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_MIX or ::FPL_ERR_MIX_SHARES.
 */
FPL_API fpl_status fpl_mix_rate(const fpl_mix *mix, double *out, fpl_error *err);

/**
 * @brief Sets the mixed stage's rate of @p funnel to the blended rate.
 * @param[in,out] funnel the funnel, changed only on success.
 * @param[in] mix the mix.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_STAGE_UNKNOWN, ::FPL_ERR_MIX
 *   or ::FPL_ERR_MIX_SHARES.
 */
FPL_API fpl_status fpl_mix_apply(fpl_funnel *funnel, const fpl_mix *mix, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_MIX_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file solve.h
 * @brief Goal seek: the value one lever must reach to hit the target.
 */

#ifndef FUNNELPLAN_SOLVE_H
#define FUNNELPLAN_SOLVE_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"
#include "funnelplan/whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup solve Goal seek
 * @brief Solve for one lever, everything else held.
 * @{
 */

/** A goal-seek question: which lever, from which volume. */
typedef struct fpl_solve_input {
    fpl_forecast_input volume; ///< the volume held and its stage
    fpl_lever lever;           ///< a stage rate, the deal size or the volume
    size_t stage;              ///< the stage, with ::FPL_LEVER_STAGE
} fpl_solve_input;

/** The result of fpl_solve_compute(). */
typedef struct fpl_solve {
    fpl_lever lever;  ///< the lever solved for
    size_t stage;     ///< its stage, with ::FPL_LEVER_STAGE
    double current;   ///< its value now (a rate as a fraction)
    double value;     ///< the value that hits the target exactly
    double change;    ///< value / current − 1
    fpl_period per;   ///< the period of the target (the terms' period); appended, so the JSON names it
} fpl_solve;

/**
 * @brief Goal seek: the value one lever must reach, everything else held, for
 * the volume to meet the target.
 *
 * Deals are volume × the product of the rates from the volume's stage down,
 * so each lever has a closed form: a rate or the volume scales by target
 * deals / deals; the deal size becomes target revenue / deals.
 * @param[in] funnel the funnel.
 * @param[in] terms the terms, with a target.
 * @param[in] input the volume, and the lever to solve for.
 * @param[out] out the solution, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): a lever
 *   that cannot reach the target is ::FPL_FIELD_LEVER.
 * @return ::FPL_OK; a funnel, terms or forecast status; ::FPL_ERR_TARGET
 *   without a target; ::FPL_ERR_CHANGE_LEVER for a lever that cannot reach
 *   the target (the cost per lead; the deal size under a deal target; a stage
 *   above the volume's); ::FPL_ERR_UNREACHABLE when no value in range can (a
 *   rate would have to exceed 100%).
 */
FPL_API fpl_status fpl_solve_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                     const fpl_solve_input *input, fpl_solve *out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SOLVE_H */

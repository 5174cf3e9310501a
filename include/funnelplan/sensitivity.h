/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file sensitivity.h
 * @brief Which lever pays most: every rate and the deal size moved one at a time.
 */

#ifndef FUNNELPLAN_SENSITIVITY_H
#define FUNNELPLAN_SENSITIVITY_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"
#include "funnelplan/whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup sensitivity Sensitivity
 * @brief Rank the levers of a funnel by what one step of each is worth.
 * @{
 */

/** A sensitivity question. Zero-initialised: +1pp on every stage, +10% deal size. */
typedef struct fpl_sensitivity_input {
    bool has_volume;           ///< volume held (else target held)
    fpl_forecast_input volume; ///< the volume and its stage, when held
    bool has_step;             ///< a stage step is given (default +1pp)
    fpl_change_kind step_kind; ///< ::FPL_CHANGE_POINTS or ::FPL_CHANGE_RELATIVE
    double step;               ///< the step, > 0
    bool has_deal_size_step;   ///< a deal-size step is given (default +10%)
    double deal_size_step;     ///< relative deal-size step, > 0
} fpl_sensitivity_input;

/**
 * @brief Reads a step as the CLI writes it: the stage step (`+1pp` or
 * `+10%`) or the deal-size step (`+10%` only).
 *
 * As fpl_change_value_parse(), with the rules of a step: a sign without `%`
 * or `pp` and a deal-size step that is not relative are ::FPL_ERR_STEP. The
 * value's range (above zero, and a stage step that is not a set value) is
 * checked by fpl_sensitivity_compute().
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[in] deal_size the deal-size step (else the stage step).
 * @param[out] kind_out how the step moves, written only on success.
 * @param[out] value_out by how much, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): the
 *   field ::FPL_FIELD_STEP or ::FPL_FIELD_DEAL_SIZE_STEP, the bytes the text.
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY; a parse status;
 *   ::FPL_ERR_CHANGE_POINTS (`pp` on the deal-size step); ::FPL_ERR_STEP.
 */
FPL_API fpl_status fpl_step_parse(const char *text, size_t len, bool deal_size,
                                  fpl_change_kind *kind_out, double *value_out, fpl_error *err);

/** One lever of a sensitivity result. */
typedef struct fpl_sensitivity_row {
    fpl_lever lever;  ///< ::FPL_LEVER_STAGE or ::FPL_LEVER_DEAL_SIZE
    size_t stage;     ///< the stage, with ::FPL_LEVER_STAGE
    double from;      ///< the lever's value now
    double to;        ///< the lever's value after the step (a rate is capped at 1)
    double effect;    ///< revenue gained (volume held) or top volume saved (target held), per period
    double share;     ///< effect / the largest effect (0 when that is 0)
} fpl_sensitivity_row;

/** The result of fpl_sensitivity_compute(): rows ranked, best first. */
typedef struct fpl_sensitivity {
    fpl_period per;          ///< the period of the effects
    bool volume_held;        ///< effects are revenue (true) or volume saved (false)
    fpl_change_kind step_kind; ///< the stage step's kind
    double step;             ///< the stage step
    double deal_size_step;   ///< the relative deal-size step
    size_t n_rows;           ///< rows in use: every stage, then the deal size when it counts
    fpl_sensitivity_row rows[FPL_MAX_STAGES + 1]; ///< ranked by effect; effects equal within rounding noise (64 epsilons of the figure they are differences of) keep funnel order
} fpl_sensitivity;

/**
 * @brief Moves every stage rate, and the deal size, one at a time, and ranks
 * the levers by what the step is worth.
 *
 * Volume held, the effect is the revenue gained (the deal-size row needs a
 * deal size); target held, it is the top-of-funnel volume saved per period
 * (a deal size only saves volume under a revenue target). In a
 * multiplicative funnel equal relative steps are worth the same on every
 * stage; a step of points is worth most on the weakest stage.
 * @param[in] funnel the funnel.
 * @param[in] terms the terms.
 * @param[in] input what is held and the steps.
 * @param[out] out the ranked rows, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): a step
 *   refused is ::FPL_FIELD_STEP or ::FPL_FIELD_DEAL_SIZE_STEP.
 * @return ::FPL_OK; a funnel, terms, plan or forecast status;
 *   ::FPL_ERR_STEP for a step that is not positive and finite or a step kind
 *   that is neither relative nor points; ::FPL_ERR_DEAL_SIZE_MISSING when a
 *   volume is held without a deal size (revenue is what a step is worth).
 */
FPL_API fpl_status fpl_sensitivity_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                           const fpl_sensitivity_input *input, fpl_sensitivity *out,
                                           fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SENSITIVITY_H */

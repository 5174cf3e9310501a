/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file whatif.h
 * @brief What an improvement is worth: changes, ROI, sensitivity, goal seek.
 */

#ifndef FUNNELPLAN_WHATIF_H
#define FUNNELPLAN_WHATIF_H

#include "funnelplan/common.h"
#include "funnelplan/forecast.h"
#include "funnelplan/funnel.h"
#include "funnelplan/mix.h"
#include "funnelplan/plan.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup whatif What-if
 * @brief Price an improvement before paying for it.
 *
 * A question is asked in one of two modes:
 * - **volume held** (a volume is given): the same volume yields more (or
 *   fewer) deals and more revenue; the baseline and the scenario are
 *   forecasts;
 * - **target held** (no volume; the terms carry a revenue or deal target):
 *   the same target needs less volume and, with a cost per lead, less money;
 *   the baseline and the scenario are plans.
 *
 * The gain of a period is the revenue gained × margin minus the acquisition
 * cost added (a saving counts as a gain). Over a horizon of N periods every
 * delta is multiplied by N; roi = (gain over the horizon − invest) / invest
 * and payback = invest / gain per period (only when the gain is positive).
 * @{
 */

/** Most changes in one what-if question. */
#define FPL_MAX_CHANGES 40

/** What a change moves. */
typedef enum fpl_lever {
    FPL_LEVER_STAGE = 0,        ///< the rate of one stage (fpl_change::stage)
    FPL_LEVER_DEAL_SIZE = 1,    ///< the deal size
    FPL_LEVER_VOLUME = 2,       ///< the volume (volume-held questions only)
    FPL_LEVER_COST_PER_LEAD = 3 ///< the cost per lead
} fpl_lever;

/** How a change moves its lever. */
typedef enum fpl_change_kind {
    FPL_CHANGE_RELATIVE = 0, ///< multiply by (1 + value): `+10%` is value 0.10
    FPL_CHANGE_POINTS = 1,   ///< add value (rates only): `+3pp` is value 0.03
    FPL_CHANGE_SET = 2       ///< replace by value: `40%`, `5000`
} fpl_change_kind;

/** One change of one lever. Zero-initialised: the top stage's rate, +0%. */
typedef struct fpl_change {
    fpl_lever lever;       ///< what moves
    size_t stage;          ///< the stage, with ::FPL_LEVER_STAGE
    fpl_change_kind kind;  ///< how it moves
    double value;          ///< by how much (signed for relative and points)
} fpl_change;

/**
 * @brief The name of a lever, as fpl_lever_parse() reads it and the JSON
 * prints it: the stage's name, `deal-size`, `volume` or `cost-per-lead`.
 * @param[in] funnel the funnel whose stage names are levers (may be NULL
 *   for a lever that is not a stage).
 * @param[in] lever the lever.
 * @param[in] stage the stage, with ::FPL_LEVER_STAGE.
 * @return a string of @p funnel or a static one; NULL for a lever outside
 *   the enum or a stage the funnel does not have.
 */
FPL_API const char *fpl_lever_name(const fpl_funnel *funnel, fpl_lever lever, size_t stage);

/**
 * @brief The name of a change kind, as the JSON prints it: `relative`,
 * `points` or `set`.
 * @param[in] kind the kind.
 * @return a static string; NULL for a kind outside the enum.
 */
FPL_API const char *fpl_change_kind_name(fpl_change_kind kind);

/**
 * @brief Reads a lever: a stage name of @p funnel, `deal-size`, `volume` or
 * `cost-per-lead` (exact bytes).
 * @param[in] funnel the funnel whose stage names are levers.
 * @param[in] text the lever; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] lever_out the lever, written only on success.
 * @param[out] stage_out the stage with ::FPL_LEVER_STAGE (0 otherwise),
 *   written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   the field ::FPL_FIELD_LEVER, the bytes the text.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_PARSE_EMPTY or
 *   ::FPL_ERR_STAGE_UNKNOWN.
 */
FPL_API fpl_status fpl_lever_parse(const fpl_funnel *funnel, const char *text, size_t len,
                                   fpl_lever *lever_out, size_t *stage_out, fpl_error *err);

/**
 * @brief Reads the CHANGE part of a change, or a step: `+10%`, `-10%`
 * (relative), `+3pp`, `-3pp` (percentage points), or a plain value (set).
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[in] is_rate whether the lever is a rate: points are allowed, and a
 *   plain value is read as a rate (`40%`, `2/5`) rather than an amount.
 * @param[out] kind_out how the lever moves, written only on success.
 * @param[out] value_out by how much (signed), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   the field ::FPL_FIELD_CHANGE, the bytes those at fault (the `pp`, or the text).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY;
 *   ::FPL_ERR_CHANGE_SYNTAX (a sign without `%` or `pp`);
 *   ::FPL_ERR_CHANGE_POINTS (`pp` when @p is_rate is false); a parse status.
 */
FPL_API fpl_status fpl_change_value_parse(const char *text, size_t len, bool is_rate,
                                          fpl_change_kind *kind_out, double *value_out,
                                          fpl_error *err);

/**
 * @brief Reads a change as the CLI writes it: `LEVER=CHANGE`.
 *
 * LEVER is a stage name of @p funnel, `deal-size`, `volume` or
 * `cost-per-lead` (split at the last `=`). CHANGE is `+10%` or `-10%`
 * (relative), `+3pp` or `-3pp` (percentage points, stages only), or a plain
 * value that sets the lever: a rate for a stage (`40%`, `2/5`), an amount
 * otherwise (`5000`, `4.5k`).
 * @param[in] funnel the funnel whose stage names are levers.
 * @param[in] text the change; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the change, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   the field ::FPL_FIELD_CHANGE (the caller knows which change), the bytes the
 *   lever's or the value's.
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY;
 *   ::FPL_ERR_CHANGE_SYNTAX (no `=`, no lever, no value); ::FPL_ERR_STAGE_UNKNOWN
 *   (no such lever); ::FPL_ERR_CHANGE_POINTS (`pp` on a lever that is not a
 *   rate); a parse status of the value.
 */
FPL_API fpl_status fpl_change_parse(const fpl_funnel *funnel, const char *text, size_t len,
                                    fpl_change *out, fpl_error *err);

/**
 * @brief Reads a horizon: a whole number of periods from 1 to
 * ::FPL_HORIZON_MAX, spelled as any count (`12`, `1e2`, `1,000`).
 * @param[in] text the text; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the horizon, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   the field ::FPL_FIELD_HORIZON, the bytes the text.
 * @return ::FPL_OK; ::FPL_ERR_NULL; a parse status; ::FPL_ERR_HORIZON for a
 *   fraction, zero or more than ::FPL_HORIZON_MAX.
 */
FPL_API fpl_status fpl_horizon_parse(const char *text, size_t len, unsigned *out, fpl_error *err);

/** A what-if question: the changes, and what is held. Zero-initialisable. */
typedef struct fpl_whatif_input {
    bool has_volume;              ///< volume held (else target held)
    fpl_forecast_input volume;    ///< the volume and its stage, when held
    size_t n_changes;             ///< changes in use (0 gives zero deltas)
    fpl_change changes[FPL_MAX_CHANGES]; ///< applied in order
    unsigned horizon;             ///< periods, at most ::FPL_HORIZON_MAX; 0 means the periods in a year
    bool has_invest;              ///< a one-off investment is given
    double invest;                ///< its cost, > 0
} fpl_whatif_input;

/**
 * One side of a what-if (the baseline or the scenario) over the horizon: each
 * per-period figure times ::fpl_whatif::horizon.
 */
typedef struct fpl_whatif_totals {
    double volume;    ///< the volume entering the held stage (volume held) or needed at the top (target held)
    double deals;     ///< the deals
    bool has_revenue; ///< this side knows its revenue (a deal size with a volume held, a revenue target held)
    double revenue;   ///< the revenue (0 when not known)
    double cost;      ///< the acquisition cost (0 without a cost per lead)
} fpl_whatif_totals;

/**
 * The result of fpl_whatif_compute().
 *
 * The struct grows only at its end (the members after ::fpl_whatif::payback_periods
 * were added later); a caller always passes the library's own sizeof.
 */
typedef struct fpl_whatif {
    fpl_period per;              ///< the period of every per-period figure
    unsigned horizon;            ///< periods the horizon spans
    bool volume_held;            ///< the mode: forecasts (true) or plans (false)
    fpl_funnel scenario_funnel;  ///< the funnel with the changes applied
    fpl_terms scenario_terms;    ///< the terms with the changes applied
    double scenario_volume;      ///< the volume with the changes applied (volume held)
    fpl_forecast baseline_forecast; ///< the baseline (volume held)
    fpl_forecast scenario_forecast; ///< the scenario (volume held)
    fpl_plan baseline_plan;      ///< the baseline (target held)
    fpl_plan scenario_plan;      ///< the scenario (target held)
    bool has_revenue;            ///< revenue is known (a deal size is given)
    double deals;                ///< deals gained per period (scenario − baseline)
    double revenue;              ///< revenue gained per period
    double volume;               ///< top-of-funnel volume added per period (negative: saved)
    bool has_cost;               ///< a cost per lead is given
    double cost;                 ///< acquisition cost added per period (negative: saved)
    double margin;               ///< gross margin used (1 when not given)
    double gain;                 ///< revenue × margin − cost, per period
    double revenue_horizon;      ///< revenue gained over the horizon
    double cost_horizon;         ///< cost added over the horizon
    double gain_horizon;         ///< gain over the horizon
    bool has_invest;             ///< an investment was given
    double invest;               ///< the investment
    double roi;                  ///< (gain over the horizon − invest) / invest
    bool has_payback;            ///< the gain per period is positive
    double payback_periods;      ///< invest / gain per period
    fpl_whatif_totals baseline_horizon; ///< the baseline over the horizon
    fpl_whatif_totals scenario_horizon; ///< the scenario over the horizon
    double volume_horizon;       ///< top-of-funnel volume added over the horizon (negative: saved)
    double deals_horizon;        ///< deals gained over the horizon
    bool has_whole_deals;        ///< the scenario's deals over the horizon are not a whole number (and at most 2^53): ::fpl_whatif::whole_deals counts them
    double whole_deals;          ///< the scenario's deals over the horizon in whole deals: rounded down, a value within 16 epsilons of a whole number being that number
    double whole_revenue;        ///< ::fpl_whatif::whole_deals × the scenario's deal size (0 without a deal size)
} fpl_whatif;

/**
 * @brief Checks a what-if question's changes, naming the first that fails.
 *
 * Applies the changes in order to copies of the funnel, terms and volume, as
 * fpl_whatif_compute() does first, so a caller can say which change was
 * wrong.
 * @param[in] funnel the funnel.
 * @param[in] terms the terms.
 * @param[in] input the changes and what is held.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   a change at fault is ::FPL_FIELD_CHANGE with its index.
 * @return ::FPL_OK or the status fpl_whatif_compute() would give for the
 *   changes: ::FPL_ERR_NULL, ::FPL_ERR_CHANGE_COUNT, ::FPL_ERR_STAGE_UNKNOWN,
 *   ::FPL_ERR_CHANGE_POINTS, ::FPL_ERR_CHANGE_VALUE, ::FPL_ERR_CHANGE_LEVER,
 *   ::FPL_ERR_RATE_RANGE, ::FPL_ERR_DEAL_SIZE, ::FPL_ERR_VOLUME or
 *   ::FPL_ERR_CHANGE_RANGE.
 */
FPL_API fpl_status fpl_whatif_check(const fpl_funnel *funnel, const fpl_terms *terms,
                                    const fpl_whatif_input *input, fpl_error *err);

/**
 * @brief Appends the change a scenario's lead mix makes: its stage's rate
 * set to the mix's blended rate (fpl_mix_rate()), after the changes
 * already in @p input.
 *
 * A scenario mix (say, a hand-off rule that passes on better leads) is
 * priced as this change, so every face lists its scenario mixes after its
 * changes, in funnel order, through this function. When
 * fpl_whatif_compute() then refuses a change at an index at or past the
 * changes that were not mixes, the fault is that mix's.
 * @param[in,out] input the whatif input; `n_changes` grows by one on success.
 * @param[in] mix a mix read against the funnel (fpl_mix_parse()).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; a status of fpl_mix_rate(); the status
 *   of fpl_limit_check() for ::FPL_LIMIT_CHANGES (index: the change's) when
 *   @p input holds ::FPL_MAX_CHANGES changes already. @p input is unchanged
 *   on failure.
 */
FPL_API fpl_status fpl_whatif_add_mix(fpl_whatif_input *input, const fpl_mix *mix,
                                      fpl_error *err);

/**
 * @brief Prices a set of changes against the unchanged funnel.
 *
 * Worked example 3 (75 opportunities a month, close rate 33% improved by
 * 10%, deals of 4,000, over 12 months):
 * @code
 * fpl_funnel f = {0};
 * fpl_error err;
 * if (fpl_funnel_add_stage(&f, "opportunity", 11, 0.33, &err) != FPL_OK) {
 *     return err.status;
 * }
 * fpl_terms t = {0};
 * t.has_deal_size = true;
 * t.deal_size = 4000;
 * fpl_whatif_input in = {0};
 * in.has_volume = true;
 * in.volume.volume = 75;
 * if (fpl_change_parse(&f, "opportunity=+10%", 16, &in.changes[0], &err) != FPL_OK) {
 *     return err.status; // err.offset, err.length: the lever's or the value's bytes
 * }
 * in.n_changes = 1;
 * in.horizon = 12;
 * fpl_whatif w;
 * if (fpl_whatif_compute(&f, &t, &in, &w, &err) == FPL_OK) {
 *     // w.revenue_horizon == 118800 (9,900 a month);
 *     // w.scenario_horizon.deals == 326.7, w.whole_deals == 326
 * } else if (err.field == FPL_FIELD_CHANGE) {
 *     // err.index: the change at fault
 * }
 * @endcode
 * @param[in] funnel the funnel.
 * @param[in] terms the terms; a target is needed when no volume is held.
 * @param[in] input the changes and what is held.
 * @param[out] out the result, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   a change at fault is ::FPL_FIELD_CHANGE with its index (a value set out of range
 *   too).
 * @return ::FPL_OK; a funnel, terms, plan or forecast status;
 *   ::FPL_ERR_CHANGE_COUNT; ::FPL_ERR_STAGE_UNKNOWN for a change's stage;
 *   ::FPL_ERR_CHANGE_POINTS; ::FPL_ERR_CHANGE_VALUE (a non-finite change);
 *   ::FPL_ERR_CHANGE_LEVER (volume changed while a target is held, deal size
 *   or cost changed when none is given); a value set out of range is bad
 *   input like the option it replaces (::FPL_ERR_RATE_RANGE,
 *   ::FPL_ERR_DEAL_SIZE, ::FPL_ERR_VOLUME); ::FPL_ERR_CHANGE_RANGE when a
 *   relative or point change pushes a rate out of (0, 1] or an amount to zero
 *   or below (a question without an answer); ::FPL_ERR_INVEST;
 *   ::FPL_ERR_HORIZON.
 */
FPL_API fpl_status fpl_whatif_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                      const fpl_whatif_input *input, fpl_whatif *out,
                                      fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_WHATIF_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file svg.h
 * @brief Pictures of a plan, a forecast, a what-if, a schedule and lead
 * channels as SVG, written into a caller buffer.
 */

#ifndef FUNNELPLAN_SVG_H
#define FUNNELPLAN_SVG_H

#include "funnelplan/channels.h"
#include "funnelplan/common.h"
#include "funnelplan/forecast.h"
#include "funnelplan/funnel.h"
#include "funnelplan/odds.h"
#include "funnelplan/plan.h"
#include "funnelplan/schedule.h"
#include "funnelplan/terms.h"
#include "funnelplan/whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup svg SVG
 * @brief A result as a picture: what `funnelplan ... --format svg` prints,
 * byte for byte, for C, the CLI and Python alike.
 *
 * Each function writes one standalone SVG 1.1 document, 800 px wide and as
 * tall as its content, UTF-8, without scripts, links, images or external
 * fonts; names are XML-escaped. The figures are those of the result,
 * rounded for display as the tables round them (@ref format).
 *
 * Buffers follow fpl_plan_json(): the text is cut short when @p capacity is
 * too small (always NUL-terminated when @p capacity > 0), and @p length_out
 * gets the length of the whole text, so a caller can call with capacity 0
 * first and again with `length + 1` bytes. A cut text is not a failure.
 *
 * Memory: nothing allocates; a call takes about 45 KB of stack. Thread
 * safety and locale: as everywhere in the library (see @ref common).
 * @{
 */

/**
 * @brief The picture of a plan: the funnel, top first, a bar per stage to
 * scale with its whole units, then the deals it wins; the budget, the gross
 * profit and, with a confidence, the volumes for that chance below.
 *
 * @code
 * size_t len;
 * fpl_error err;
 * if (fpl_plan_svg(&funnel, &plan, NULL, NULL, 0, &len, &err) != FPL_OK) {
 *     return err.status;
 * }
 * char *svg = malloc(len + 1);
 * if (svg != NULL && fpl_plan_svg(&funnel, &plan, NULL, svg, len + 1, &len, &err) == FPL_OK) {
 *     fwrite(svg, 1, len, stdout);
 * }
 * free(svg);
 * @endcode
 * @param[in] funnel the funnel planned.
 * @param[in] plan the plan (fpl_plan_compute()).
 * @param[in] confidence the volumes for a chance (fpl_odds_plan_compute()),
 *   or NULL.
 * @param[out] buf where the text goes (may be NULL when @p capacity is 0).
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted (cut
 *   when it is @p capacity or more); written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL (also for @p length_out NULL, or @p buf
 *   NULL with a capacity); otherwise what fpl_plan_json() refuses of the
 *   same arguments.
 */
FPL_API fpl_status fpl_plan_svg(const fpl_funnel *funnel, const fpl_plan *plan,
                                const fpl_odds_plan *confidence, char *buf, size_t capacity,
                                size_t *length_out, fpl_error *err);

/**
 * @brief The picture of a forecast: the funnel from the stage the volume
 * enters down, the units expected at each, the deals; revenue, budget,
 * gross profit and the target's gap below.
 * @param[in] funnel the funnel of the forecast.
 * @param[in] forecast the forecast (fpl_forecast_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return ::FPL_OK; ::FPL_ERR_NULL; otherwise what fpl_forecast_json()
 *   refuses.
 */
FPL_API fpl_status fpl_forecast_svg(const fpl_funnel *funnel, const fpl_forecast *forecast,
                                    char *buf, size_t capacity, size_t *length_out,
                                    fpl_error *err);

/**
 * @brief The picture of a what-if: the changes, then for every stage (from
 * the one the volume enters, or the top) and the deals the baseline's bar
 * above the scenario's; the revenue, cost, gain and investment below.
 *
 * The target held is the one of fpl_whatif::scenario_terms (changes never
 * move a target), so the terms are not asked again.
 * @param[in] funnel the funnel of the question (the baseline's).
 * @param[in] input the question (its changes, in the order applied).
 * @param[in] whatif the result (fpl_whatif_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return ::FPL_OK; ::FPL_ERR_NULL; otherwise what fpl_whatif_json()
 *   refuses (a change without a name is ::FPL_ERR_CHANGE_LEVER, field
 *   ::FPL_FIELD_CHANGE, index: which).
 */
FPL_API fpl_status fpl_whatif_svg(const fpl_funnel *funnel, const fpl_whatif_input *input,
                                  const fpl_whatif *whatif, char *buf, size_t capacity,
                                  size_t *length_out, fpl_error *err);

/**
 * @brief The picture of a schedule: for every stage and the deals, its
 * months as bars, the months before the start shaded; the lags, the lead
 * time, the velocity and the reps below.
 *
 * Whether a target per month or a seasonality was given is the schedule's
 * (fpl_schedule::has_monthly, fpl_schedule::has_weights).
 * @param[in] funnel the funnel scheduled.
 * @param[in] schedule the schedule (fpl_schedule_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return ::FPL_OK; ::FPL_ERR_NULL; what fpl_schedule_json() refuses;
 *   ::FPL_ERR_MONTHS (field ::FPL_FIELD_MONTHS) for a schedule without rows.
 */
FPL_API fpl_status fpl_schedule_svg(const fpl_funnel *funnel, const fpl_schedule *schedule,
                                    char *buf, size_t capacity, size_t *length_out,
                                    fpl_error *err);

/**
 * @brief The picture of lead channels, ranked by ROI: each one's leads,
 * deals and cost as bars to the largest channel's, the channels that lose
 * money marked; the totals, the marginal deal and the most a target can
 * reach below.
 * @param[in] funnel the funnel (for the stage names and rates shown).
 * @param[in] terms the terms of the question (the target's value).
 * @param[in] input the channels asked about (their names).
 * @param[in] channels the result (fpl_channels_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return ::FPL_OK; ::FPL_ERR_NULL; what fpl_funnel_check() refuses of the
 *   funnel; otherwise what fpl_channels_json() refuses.
 */
FPL_API fpl_status fpl_channels_svg(const fpl_funnel *funnel, const fpl_terms *terms,
                                    const fpl_channels_input *input,
                                    const fpl_channels *channels, char *buf, size_t capacity,
                                    size_t *length_out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SVG_H */

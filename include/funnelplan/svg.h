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
 * tall as its content, without scripts, links, images or external fonts;
 * names are XML-escaped, figures rounded for display (@ref format). Each
 * refuses what the JSON writer of the same result refuses, so a result the
 * library computed always draws.
 *
 * Buffers follow fpl_plan_json(): a text too long for @p capacity is cut
 * (NUL-terminated when @p capacity > 0) and @p length_out still gets the
 * whole length, so a caller can ask with capacity 0, then again with
 * `length + 1` bytes. Nothing allocates (a call takes about 45 KB of stack);
 * thread safety and locale as everywhere (see @ref common).
 * @{
 */

/**
 * @brief The picture of a plan: a bar per stage to scale with its whole
 * units, then the deals; budget, gross profit and confidence below.
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
 *   NULL with a capacity); what fpl_plan_json() refuses.
 */
FPL_API fpl_status fpl_plan_svg(const fpl_funnel *funnel, const fpl_plan *plan,
                                const fpl_odds_plan *confidence, char *buf, size_t capacity,
                                size_t *length_out, fpl_error *err);

/**
 * @brief The picture of a forecast: the units expected at each stage from
 * the one the volume enters, then the deals; revenue, budget and target below.
 * @param[in] funnel the funnel of the forecast.
 * @param[in] forecast the forecast (fpl_forecast_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return as fpl_plan_svg(), with fpl_forecast_json().
 */
FPL_API fpl_status fpl_forecast_svg(const fpl_funnel *funnel, const fpl_forecast *forecast,
                                    char *buf, size_t capacity, size_t *length_out,
                                    fpl_error *err);

/**
 * @brief The picture of a what-if: for each stage and the deals, the
 * baseline's bar above the scenario's; revenue, cost, gain and ROI below.
 * The target held is fpl_whatif::scenario_terms' (changes never move it).
 * @param[in] funnel the funnel of the question (the baseline's).
 * @param[in] input the question (its changes, in the order applied).
 * @param[in] whatif the result (fpl_whatif_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return as fpl_plan_svg(), with fpl_whatif_json() (a change without a
 *   name is ::FPL_ERR_CHANGE_LEVER, field ::FPL_FIELD_CHANGE, index: which).
 */
FPL_API fpl_status fpl_whatif_svg(const fpl_funnel *funnel, const fpl_whatif_input *input,
                                  const fpl_whatif *whatif, char *buf, size_t capacity,
                                  size_t *length_out, fpl_error *err);

/**
 * @brief The picture of a schedule: for each stage and the deals, its
 * months as bars, those before the start shaded; lags, velocity, reps below.
 * @param[in] funnel the funnel scheduled.
 * @param[in] schedule the schedule (fpl_schedule_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return as fpl_plan_svg(), with fpl_schedule_json(); ::FPL_ERR_MONTHS
 *   (field ::FPL_FIELD_MONTHS) for a schedule without rows.
 */
FPL_API fpl_status fpl_schedule_svg(const fpl_funnel *funnel, const fpl_schedule *schedule,
                                    char *buf, size_t capacity, size_t *length_out,
                                    fpl_error *err);

/**
 * @brief The picture of lead channels, ranked by ROI: each one's leads,
 * deals and cost as bars, those losing money marked; the totals below.
 * @param[in] funnel the funnel (for the stage names and rates shown).
 * @param[in] terms the terms of the question (the target's value).
 * @param[in] input the channels asked about (their names).
 * @param[in] channels the result (fpl_channels_compute()).
 * @param[out] buf as fpl_plan_svg().
 * @param[in] capacity as fpl_plan_svg().
 * @param[out] length_out as fpl_plan_svg().
 * @param[out] err as fpl_plan_svg().
 * @return as fpl_plan_svg(), with fpl_funnel_check() of @p funnel and
 *   fpl_channels_json().
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

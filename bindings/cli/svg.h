/*
 * funnelplan CLI — `--format svg`: pictures of a plan, a forecast, a
 * what-if, a schedule and lead channels (svg.c).
 * SPDX-License-Identifier: MIT
 *
 * Each function appends one standalone SVG 1.1 document, 800 px wide and as
 * tall as its content, to out. Only these five commands draw; funnelplan.c
 * refuses `--format svg` for the others.
 */

#ifndef FUNNELPLAN_CLI_SVG_H
#define FUNNELPLAN_CLI_SVG_H

#include "render.h"

/* The funnel of a plan, top first, then the deals it wins (with
 * `plan --confidence`, conf holds the volumes for that chance; else NULL). */
void cli_svg_plan(cli_buf *out, const fpl_funnel *funnel, const fpl_plan *plan,
                  const fpl_odds_plan *conf);
/* The funnel of a forecast, from the stage the volume enters down. */
void cli_svg_forecast(cli_buf *out, const fpl_funnel *funnel, const fpl_forecast *forecast);
/* A what-if: the baseline against the scenario, stage by stage. */
void cli_svg_whatif(cli_buf *out, const cli_question *q, const fpl_whatif_input *input,
                    const fpl_whatif *whatif);
/* A schedule: for every stage (and the deals) its months as bars, the
 * months before the start marked. */
void cli_svg_schedule(cli_buf *out, const fpl_funnel *funnel, const fpl_schedule_input *input,
                      const fpl_schedule *schedule);
/* Lead channels, ranked: each one's leads, deals and cost, the channels
 * that lose money marked. */
void cli_svg_channels(cli_buf *out, const fpl_funnel *funnel, const fpl_terms *terms,
                      const fpl_channels_input *input, const fpl_channels *channels);

#endif /* FUNNELPLAN_CLI_SVG_H */

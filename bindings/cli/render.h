/*
 * funnelplan CLI — presenting results.
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_CLI_RENDER_H
#define FUNNELPLAN_CLI_RENDER_H

#include "cli.h"
#include "funnelplan.h"

typedef enum cli_format {
    CLI_FORMAT_TABLE = 0, /* for people: aligned columns, bars, a footnote */
    CLI_FORMAT_JSON,      /* one object; the keys are a documented contract */
    CLI_FORMAT_CSV        /* a header row and one row per stage (or lever) */
} cli_format;

/* Appends the plan in the given format (the funnel gives the stage names). */
void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan);
/* Appends the forecast in the given format. */
void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast);

/* What a whatif, sensitivity or solve was asked of: the unchanged funnel and
 * terms, and the volume with its stage when one is held. The results carry
 * the figures; the question gives the names and the words of the headline. */
typedef struct cli_question {
    const fpl_funnel *funnel;
    const fpl_terms *terms;
    bool has_volume;
    fpl_forecast_input volume;
} cli_question;

/* Appends a what-if result: its baseline and scenario are rendered by the
 * plan or forecast renderers (from the scenario funnel for the scenario). */
void cli_render_whatif(cli_buf *out, cli_format format, const cli_question *q,
                       const fpl_whatif_input *input, const fpl_whatif *whatif);
/* Appends a sensitivity result: the levers ranked, best first. */
void cli_render_sensitivity(cli_buf *out, cli_format format, const cli_question *q,
                            const fpl_sensitivity *sensitivity);
/* Appends a goal-seek result. */
void cli_render_solve(cli_buf *out, cli_format format, const cli_question *q,
                      const fpl_solve *solve);

#endif /* FUNNELPLAN_CLI_RENDER_H */

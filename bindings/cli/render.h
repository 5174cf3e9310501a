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
    CLI_FORMAT_CSV        /* a header row and one row per stage */
} cli_format;

/* Appends the plan in the given format (the funnel gives the stage names). */
void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan);
/* Appends the forecast in the given format. */
void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast);

#endif /* FUNNELPLAN_CLI_RENDER_H */

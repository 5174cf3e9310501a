/*
 * funnelplan CLI — presenting results: the library renders plan, forecast,
 * whatif, sensitivity, solve and odds in every format (fpl_*_render,
 * through CLI_RENDER).
 * SPDX-License-Identifier: MIT
 *
 * No formula lives here: every figure comes from the library's result. The
 * only arithmetic is presentation (rounding for display, a fraction shown as
 * a percentage).
 *
 * JSON keys and their order are the documented contract: `--format json`
 * prints the same object as Python's `result.to_dict()`. The commands whose
 * JSON is not yet the library's use the jw writer below.
 */

#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON ---------------------------------------------------------------
 * A small pretty-printing writer: two spaces per level, one key or element
 * per line, like Python's json.dumps(indent=2). Declared in render.h: every
 * command's file writes its JSON with it. */

static void jw_newline(jw *w)
{
    cli_buf_putc(w->b, '\n');
    cli_buf_repeat(w->b, "  ", (size_t)w->depth);
}

/* Before a key, or before a value that is an array element. */
void jw_item(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma) {
        cli_buf_putc(w->b, ',');
    }
    if (w->depth > 0) {
        jw_newline(w);
    }
}

void jw_key(jw *w, const char *key)
{
    jw_item(w);
    cli_buf_json_string(w->b, key);
    cli_buf_puts(w->b, ": ");
    w->after_key = true;
}

void jw_open(jw *w, char c)
{
    jw_item(w);
    cli_buf_putc(w->b, c);
    w->depth++;
    w->need_comma = false;
}

void jw_close(jw *w, char c)
{
    w->depth--;
    if (w->need_comma) {
        jw_newline(w);
    }
    cli_buf_putc(w->b, c);
    w->need_comma = true;
}

void jw_number(jw *w, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    jw_item(w);
    cli_buf_puts(w->b, num);
    w->need_comma = true;
}

void jw_number_or_null(jw *w, bool present, double x)
{
    if (present) {
        jw_number(w, x);
    } else {
        jw_item(w);
        cli_buf_puts(w->b, "null");
        w->need_comma = true;
    }
}

void jw_count(jw *w, uint64_t n)
{
    jw_item(w);
    cli_buf_printf(w->b, "%llu", (unsigned long long)n);
    w->need_comma = true;
}

/* Whether x is a whole count that a uint64_t holds exactly (the cast
 * truncates, so a fraction comes back smaller). */
static bool is_count(double x)
{
    return x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x);
}

/* A whole count held in a double as a JSON integer; anything else (never,
 * from the library) as a number, so that it shows instead of being cut. */
void jw_whole(jw *w, double x)
{
    if (is_count(x)) {
        jw_count(w, (uint64_t)x);
    } else {
        jw_number(w, x);
    }
}

void jw_string(jw *w, const char *s)
{
    jw_item(w);
    cli_buf_json_string(w->b, s);
    w->need_comma = true;
}

void jw_bool(jw *w, bool x)
{
    jw_item(w);
    cli_buf_puts(w->b, x ? "true" : "false");
    w->need_comma = true;
}

void jw_key_number(jw *w, const char *key, double x)
{
    jw_key(w, key);
    jw_number(w, x);
}

void jw_key_string(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_end(jw *w)
{
    cli_buf_putc(w->b, '\n');
}

/* ---- lead mixes ---------------------------------------------------------
 * With a table, a line per mixed stage after the result; the JSON of a
 * result's mixes is the library's (fpl_plan_json() and the like). */

void cli_render_mixes(cli_buf *out, cli_format format, const char *key,
                      const fpl_funnel *funnel, const fpl_mix *mixes, size_t n)
{
    if (n == 0 || out->oom) {
        return;
    }
    char num[CLI_NUM_MAX];
    if (format == CLI_FORMAT_TABLE) {
        const bool scenario = strcmp(key, "scenario_mix") == 0;
        cli_buf_putc(out, '\n');
        for (size_t i = 0; i < n; ++i) {
            const fpl_mix *m = &mixes[i];
            double rate = 0.0;
            (void)fpl_mix_rate(m, &rate, NULL);
            cli_buf_printf(out, "%s at %s: ", scenario ? "Scenario lead mix" : "Lead mix",
                           funnel->stages[m->stage].name);
            for (size_t k = 0; k < m->n_segments; ++k) {
                cli_buf_printf(out, "%s%s ", k > 0 ? ", " : "", m->segments[k].name);
                cli_fmt_percent(num, m->segments[k].share);
                cli_buf_printf(out, "%s at ", num);
                cli_fmt_percent(num, m->segments[k].rate);
                cli_buf_puts(out, num);
            }
            cli_fmt_percent(num, rate);
            cli_buf_printf(out, "; blended rate %s.\n", num);
        }
    }
}

/* ---- tables ------------------------------------------------------------ */

void cli_put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_amount(num, x);
    cli_buf_puts(out, num);
}

void cli_put_percent(cli_buf *out, double fraction)
{
    char num[CLI_NUM_MAX];
    cli_fmt_percent(num, fraction);
    cli_buf_puts(out, num);
}

/* ---- entry points ------------------------------------------------------ */

/* Text the library writes (asked for its length first, then written): the
 * buffer's room for it, or NULL (a failed output) after a refusal (never,
 * for a result the library computed) or without memory. */
char *cli_library_space(cli_buf *out, fpl_status st, size_t len)
{
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text == NULL) {
        out->oom = true;
    }
    return text;
}

void cli_library_wrote(cli_buf *out, fpl_status st, size_t len)
{
    if (st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

void cli_render_whatif(cli_buf *out, cli_format format, const cli_question *q,
                       const fpl_whatif_input *input, const fpl_whatif *whatif,
                       const fpl_mix *mixes, size_t n_mixes, const fpl_mix *scenario_mixes,
                       size_t n_scenario_mixes)
{
    CLI_RENDER(out, fpl_whatif_render, q->funnel, input, whatif, mixes, n_mixes, scenario_mixes,
               n_scenario_mixes, format);
}

void cli_render_sensitivity(cli_buf *out, cli_format format, const cli_question *q,
                            const fpl_sensitivity *sensitivity)
{
    fpl_sensitivity_input in = {0};
    in.has_volume = q->has_volume;
    in.volume = q->volume;
    CLI_RENDER(out, fpl_sensitivity_render, q->funnel, q->terms, &in, sensitivity, format);
}

void cli_render_solve(cli_buf *out, cli_format format, const cli_question *q,
                      const fpl_solve *solve)
{
    fpl_solve_input in = {q->volume, solve->lever, solve->stage};
    CLI_RENDER(out, fpl_solve_render, q->funnel, q->terms, &in, solve, format);
}

void cli_render_odds(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                     const fpl_odds_sim *sim)
{
    CLI_RENDER(out, fpl_odds_render, funnel, odds, sim_input, sim, format);
}

void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan, const fpl_odds_plan *confidence,
                     const fpl_mix *mixes, size_t n_mixes)
{
    CLI_RENDER(out, fpl_plan_render, funnel, plan, confidence, mixes, n_mixes, format);
}

void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast, const fpl_mix *mixes, size_t n_mixes)
{
    CLI_RENDER(out, fpl_forecast_render, funnel, forecast, mixes, n_mixes, format);
}

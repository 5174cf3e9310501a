/*
 * funnelplan CLI — presenting results.
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_CLI_RENDER_H
#define FUNNELPLAN_CLI_RENDER_H

#include "cli.h"
#include "funnelplan.h"

/* The output formats are the library's (fpl_render_format). */
typedef fpl_render_format cli_format;
#define CLI_FORMAT_TABLE FPL_RENDER_TABLE
#define CLI_FORMAT_JSON FPL_RENDER_JSON
#define CLI_FORMAT_CSV FPL_RENDER_CSV
#define CLI_FORMAT_SVG FPL_RENDER_SVG

/* Text the library renders, appended to out: asked for its length
 * (capacity 0), then written into out's buffer; fn is an fpl_*_render or
 * fpl_*_json function and the arguments are those before its buffer. A
 * refusal (never, for a result the library computed) or no memory shows as
 * a failed output. */
#define CLI_RENDER(out, fn, ...)                                                \
    do {                                                                        \
        size_t cli_len_ = 0;                                                    \
        fpl_status cli_st_ = fn(__VA_ARGS__, NULL, 0, &cli_len_, NULL);         \
        char *cli_text_ = cli_library_space(out, cli_st_, cli_len_);            \
        if (cli_text_ != NULL) {                                                \
            cli_st_ = fn(__VA_ARGS__, cli_text_, cli_len_ + 1, &cli_len_, NULL); \
            cli_library_wrote(out, cli_st_, cli_len_);                          \
        }                                                                       \
    } while (0)
char *cli_library_space(cli_buf *out, fpl_status st, size_t len);
void cli_library_wrote(cli_buf *out, fpl_status st, size_t len);

/* ---- render.c: the JSON writer of the commands not yet described by the
 * library (plan, forecast and whatif's JSON is the library's, src/render/) -
 * Pretty-printing: two spaces per level, one key or element per line, like
 * Python's json.dumps(indent=2). Start with `jw w = {out, 0, false, false};`,
 * write keys and values (a value after jw_key(), or an element of the open
 * array), and end the top object with jw_end(). Numbers are the shortest
 * round-trip form (cli_fmt_json_number); whole counts are JSON integers. */
typedef struct jw {
    cli_buf *b;
    int depth;
    bool need_comma; /* the current container already has an item */
    bool after_key;  /* a key was written; its value comes next */
} jw;

/* Before a key, or before a value that is an array element. */
void jw_item(jw *w);
void jw_key(jw *w, const char *key);
/* Opens ('{' or '[') or closes ('}' or ']') an object or an array. */
void jw_open(jw *w, char c);
void jw_close(jw *w, char c);
void jw_number(jw *w, double x);
/* The number, or null when not present. */
void jw_number_or_null(jw *w, bool present, double x);
void jw_count(jw *w, uint64_t n);
/* A whole count held in a double, as a JSON integer. */
void jw_whole(jw *w, double x);
void jw_string(jw *w, const char *s);
void jw_bool(jw *w, bool x);
void jw_key_number(jw *w, const char *key, double x);
void jw_key_string(jw *w, const char *key, const char *s);
/* Ends the output after the top object (a newline). */
void jw_end(jw *w);

/* ---- render.c: small presentation helpers the commands share ------------ */
/* An amount for people (cli_fmt_amount), appended. */
void cli_put_amount(cli_buf *out, double x);
/* A fraction as a percentage (cli_fmt_percent), appended. */
void cli_put_percent(cli_buf *out, double fraction);

/* Appends the plan in the given format (the funnel gives the stage names),
 * and its lead mixes (--mix; n_mixes 0 without); with `plan --confidence`,
 * confidence holds the volumes for that chance (NULL without). The JSON is
 * the library's (fpl_plan_json). */
void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan, const fpl_odds_plan *confidence,
                     const fpl_mix *mixes, size_t n_mixes);
/* Appends the forecast and its lead mixes in the given format (the JSON is
 * the library's: fpl_forecast_json). */
void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast, const fpl_mix *mixes, size_t n_mixes);

/* What a whatif, sensitivity or solve was asked of: the unchanged funnel and
 * terms, and the volume with its stage when one is held. The results carry
 * the figures; the question gives the names and the words of the headline. */
typedef struct cli_question {
    const fpl_funnel *funnel;
    const fpl_terms *terms;
    bool has_volume;
    fpl_forecast_input volume;
} cli_question;

/* Appends a what-if result and its lead mixes (the funnel's and the
 * scenario's): fpl_whatif_render(). */
void cli_render_whatif(cli_buf *out, cli_format format, const cli_question *q,
                       const fpl_whatif_input *input, const fpl_whatif *whatif,
                       const fpl_mix *mixes, size_t n_mixes, const fpl_mix *scenario_mixes,
                       size_t n_scenario_mixes);
/* Appends a sensitivity result, the levers ranked best first
 * (fpl_sensitivity_render()). */
void cli_render_sensitivity(cli_buf *out, cli_format format, const cli_question *q,
                            const fpl_sensitivity *sensitivity);
/* Appends a goal-seek result (fpl_solve_render()). */
void cli_render_solve(cli_buf *out, cli_format format, const cli_question *q,
                      const fpl_solve *solve);

/* Appends the odds of a target: the exact binomial result and, when a
 * Monte Carlo ran, what it was asked (sim_input: variation and history) and
 * its estimates (sim); both NULL when it did not run. */
void cli_render_odds(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                     const fpl_odds_sim *sim);

/* ---- cmd_channels.c: `funnelplan channels` ------------------------------ */

/* What funnelplan.c read for a channels question: the funnel, the terms, the
 * --channel specs (read by the library here) and the texts of the options a
 * refusal may name (NULL when not given). */
typedef struct cli_channels_request {
    const fpl_funnel *funnel;
    const fpl_terms *terms;
    cli_format format;
    const char *const *channel;
    size_t n_channels;
    bool by_shares; /* --allocate shares */
    const char *revenue_text;
    const char *deals_text;
    const char *deal_size_text;
    const char *margin_text;
} cli_channels_request;

/* Runs the channels question: prints the result into out, or one error line
 * on stderr. Returns the exit status. */
int cli_channels_run(const cli_channels_request *rq, cli_buf *out);

/* ---- cmd_schedule.c: `funnelplan schedule` and `funnelplan pace` ------- */

/* What funnelplan.c read for a schedule or pace question: the funnel and
 * the terms (already checked), and the texts of the other options, read by
 * the library's parsers in cmd_schedule.c (NULL when not given; the
 * repeated ones as lists in the order given). */
typedef struct cli_schedule_request {
    const fpl_funnel *funnel;
    const fpl_terms *terms;
    cli_format format;
    const char *start;           /* schedule: YYYY-MM; pace: YYYY-MM-DD */
    const char *const *lag;      /* --lag STAGE=LAG */
    size_t n_lags;
    const char *reps;
    /* schedule */
    const char *months;
    const char *seasonality;
    const char *monthly_deals;
    const char *monthly_revenue;
    const char *quota;
    const char *attainment;
    /* pace */
    const char *elapsed;
    const char *as_of;
    const char *const *actual;   /* --actual STAGE=COUNT */
    size_t n_actuals;
    const char *actual_deals;
    const char *actual_revenue;
    const char *const *open;     /* --open STAGE=COUNT */
    size_t n_open;
    const char *at_risk;
    const char *off_track;
} cli_schedule_request;

/* Run a schedule or pace question: print the result into out, or one error
 * line on stderr. Return the exit status. */
int cli_schedule_run(const cli_schedule_request *rq, cli_buf *out);
int cli_pace_run(const cli_schedule_request *rq, cli_buf *out);

/* ---- render.c: lead mixes (--mix, --scenario-mix) ------------------------ */

/* Appends the mixes (in funnel order) of a result just rendered into out:
 * with a table, a line per mixed stage (key "scenario_mix" says they are
 * the scenario's); with JSON (the library writes a result's mixes), CSV or
 * SVG nothing (the stage rates are the blended ones). */
void cli_render_mixes(cli_buf *out, cli_format format, const char *key,
                      const fpl_funnel *funnel, const fpl_mix *mixes, size_t n);

/* ---- cmd_score.c: `funnelplan score` ------------------------------------- */

/* What funnelplan.c read for a score question: the texts of the options,
 * read by the library's parsers in cmd_score.c (NULL when not given). */
typedef struct cli_score_request {
    cli_format format;
    const char *leads;            /* --leads FILE; "-": standard input */
    const char *criteria;         /* --criteria (the preset: bant) */
    const char *const *criterion; /* --criterion SPEC, in the order given */
    size_t n_criteria;
    const char *hot;
    const char *warm;
    const char *id_column;
    bool strict;
    const char *top;
} cli_score_request;

/* Runs the score question: the result into out (streamed when out has a
 * sink), a line on stderr for every row skipped, or one error line. Returns
 * the exit status (CLI_EXIT_SKIPPED when some rows were skipped). */
int cli_score_run(const cli_score_request *rq, cli_buf *out);

#endif /* FUNNELPLAN_CLI_RENDER_H */

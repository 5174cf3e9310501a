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

/* An amount for people (FPL_NUMBER_AMOUNT), appended. */
void cli_put_amount(cli_buf *out, double x);

/* What a whatif, sensitivity or solve was asked of: the unchanged funnel and
 * terms, and the volume with its stage when one is held. The results carry
 * the figures; the question gives the names and the words of the headline. */
typedef struct cli_question {
    const fpl_funnel *funnel;
    const fpl_terms *terms;
    bool has_volume;
    fpl_forecast_input volume;
} cli_question;

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

/* ---- cmd_score.c: `funnelplan score` ------------------------------------- */

/* What funnelplan.c read for a score question: the texts of the options,
 * read by the library's parsers in cmd_score.c (NULL when not given). */
typedef struct cli_score_request {
    cli_format format;
    const char *leads;            /* --leads FILE; "-": standard input */
    const char *criteria;         /* --criteria PRESET (bant, bad, champ, meddic) */
    const char *const *criterion; /* --criterion SPEC, in the order given */
    size_t n_criteria;
    const char *hot;
    const char *warm;
    const char *id_column;
    bool strict;
    const char *top;
    const char *const *saturation; /* --saturation NAME=COUNT, in the order given */
    size_t n_saturations;
    const char *fit;               /* --fit COLUMN: fit the weights to its outcomes */
    const char *save;              /* --save FILE: the fitted criteria as an @FILE */
} cli_score_request;

/* Runs the score question: the result into out (streamed when out has a
 * sink), a line on stderr for every row skipped, or one error line. Returns
 * the exit status (CLI_EXIT_SKIPPED when some rows were skipped). */
int cli_score_run(const cli_score_request *rq, cli_buf *out);

/* ---- cmd_learn.c: `funnelplan learn` ------------------------------------- */

/* What funnelplan.c read for a learn question: the texts of the options,
 * read by the library's parsers in cmd_learn.c (NULL when not given). */
typedef struct cli_learn_request {
    cli_format format;
    const char *file;       /* the history (FILE; - is standard input) */
    const char *const *column; /* --column ROLE=NAME, in order */
    size_t n_column;
    const char *stages;     /* --stages a,b,c */
    const char *as_of;      /* --as-of DATE */
    bool backtest;          /* --backtest */
    const char *save;       /* --save FILE */
} cli_learn_request;

/* Runs the learn question: the result into out. */
int cli_learn_run(const cli_learn_request *rq, cli_buf *out);

#endif /* FUNNELPLAN_CLI_RENDER_H */

/*
 * funnelplan CLI — `funnelplan schedule` (the volume every stage must take
 * in each calendar month, with seasonality and the lag between stages) and
 * `funnelplan pace` (actuals so far against plan: attainment, run rate,
 * catch-up, status, the earliest warning and pipeline coverage).
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options (the funnel and the terms, checked; the
 * texts of every other option) and calls cli_schedule_run() or
 * cli_pace_run(); this file reads those texts with the library's parsers
 * (fpl_month_parse, fpl_date_parse, fpl_lag_parse, fpl_list_parse,
 * fpl_parse_amount, fpl_parse_rate), calls fpl_schedule_compute() or
 * fpl_pace_compute() and presents the result (the JSON is the library's:
 * fpl_schedule_json(), fpl_pace_json()). No formula and no default
 * lives here: every figure comes from the library's result (lags in months
 * and days, the attainment, thresholds and cumulative rates used), and
 * every refusal names the field and entry the library's fpl_error gives,
 * which fail_at() turns into the option and the text typed.
 *
 * The JSON keys and their order are the documented contract (docs/guide.md):
 * `--format json` prints what the library writes, the object Python's
 * `Schedule.to_dict()` and `Pace.to_dict()` read.
 */

#include "render.h"
#include "svg.h"

#include <stdlib.h>
#include <string.h>

/* ---- errors -------------------------------------------------------------- */

/* "funnelplan: --lag 'lead=-1': MESSAGE": bad input, exit 2. */
static int fail_value(const char *option, const char *value, const char *message)
{
    cli_error_value(option, value, message);
    return CLI_EXIT_USAGE;
}

/* The library's message for a status about one option's value. */
static int fail_status(const char *option, const char *value, fpl_status st)
{
    cli_error_value(option, value, fpl_strerror(st));
    return fpl_status_is_input_error(st) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

/* A status about no single option: "funnelplan: schedule: MESSAGE". */
static int fail_command(const char *command, fpl_status st)
{
    cli_error("%s: %s", command, fpl_strerror(st));
    return fpl_status_is_input_error(st) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

static int parse_amount(const char *option, const char *text, double *out)
{
    fpl_status st = fpl_parse_amount(text, strlen(text), out, NULL);
    return st == FPL_OK ? CLI_EXIT_OK : fail_status(option, text, st);
}

static int parse_rate(const char *option, const char *text, double *out)
{
    fpl_status st = fpl_parse_rate(text, strlen(text), out, NULL);
    return st == FPL_OK ? CLI_EXIT_OK : fail_status(option, text, st);
}

/* The texts given per stage: --lag, --actual and --open (NULL: none). */
typedef struct stage_texts {
    const char *lag[FPL_MAX_STAGES];
    const char *actual[FPL_MAX_STAGES];
    const char *open[FPL_MAX_STAGES];
} stage_texts;

static const char *stage_text(const char *const texts[FPL_MAX_STAGES], size_t index)
{
    return index < FPL_MAX_STAGES ? texts[index] : NULL;
}

/* A refusal of the library, about the option the field it names was given
 * by (and, for a stage, the STAGE=VALUE text of that stage); about the
 * command when no option was typed for it. */
static int fail_at(const cli_schedule_request *rq, const stage_texts *g, const char *command,
                   const fpl_error *e)
{
    const char *option = NULL;
    const char *text = NULL;
    switch (e->field) {
    case FPL_FIELD_START: option = "--start"; text = rq->start; break;
    case FPL_FIELD_MONTHS: option = "--months"; text = rq->months; break;
    case FPL_FIELD_SEASONALITY: option = "--seasonality"; text = rq->seasonality; break;
    case FPL_FIELD_MONTHLY_DEALS: option = "--monthly-deals"; text = rq->monthly_deals; break;
    case FPL_FIELD_MONTHLY_REVENUE:
        option = "--monthly-revenue";
        text = rq->monthly_revenue;
        break;
    case FPL_FIELD_LAG: option = "--lag"; text = stage_text(g->lag, e->index); break;
    case FPL_FIELD_REPS: option = "--reps"; text = rq->reps; break;
    case FPL_FIELD_QUOTA: option = "--quota"; text = rq->quota; break;
    case FPL_FIELD_ATTAINMENT: option = "--attainment"; text = rq->attainment; break;
    case FPL_FIELD_ELAPSED: option = "--elapsed"; text = rq->elapsed; break;
    case FPL_FIELD_AS_OF: option = "--as-of"; text = rq->as_of; break;
    case FPL_FIELD_ACTUAL: option = "--actual"; text = stage_text(g->actual, e->index); break;
    case FPL_FIELD_ACTUAL_DEALS: option = "--actual-deals"; text = rq->actual_deals; break;
    case FPL_FIELD_ACTUAL_REVENUE:
        option = "--actual-revenue";
        text = rq->actual_revenue;
        break;
    case FPL_FIELD_OPEN: option = "--open"; text = stage_text(g->open, e->index); break;
    case FPL_FIELD_AT_RISK: option = "--at-risk"; text = rq->at_risk; break;
    case FPL_FIELD_OFF_TRACK: option = "--off-track"; text = rq->off_track; break;
    default: break;
    }
    return text != NULL ? fail_status(option, text, e->status) : fail_command(command, e->status);
}

/* One STAGE=VALUE of a repeated option (split at the last '='), at most
 * once per stage: the stage's index and the text of the value. */
static int stage_value(const fpl_funnel *f, const char *option, const char *text,
                       const char *expected, bool seen[FPL_MAX_STAGES], size_t *stage,
                       const char **value)
{
    const char *eq = strrchr(text, '=');
    if (eq == NULL) {
        return fail_value(option, text, expected);
    }
    fpl_status st = fpl_funnel_find(f, text, (size_t)(eq - text), stage, NULL);
    if (st != FPL_OK) {
        return fail_status(option, text, st);
    }
    if (seen[*stage]) {
        return fail_value(option, text, "that stage is given already (once per stage)");
    }
    seen[*stage] = true;
    *value = eq + 1;
    return CLI_EXIT_OK;
}

/* --lag STAGE=LAG, repeated: stages without one keep a lag of 0. */
static int read_lags(const cli_schedule_request *rq, double lag[FPL_MAX_STAGES], stage_texts *g)
{
    bool seen[FPL_MAX_STAGES] = {false};
    for (size_t i = 0; i < rq->n_lags; ++i) {
        const char *text = rq->lag[i];
        size_t k;
        const char *value;
        int rc = stage_value(rq->funnel, "--lag", text, "expected STAGE=LAG, e.g. lead=45d",
                             seen, &k, &value);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        fpl_status st = fpl_lag_parse(value, strlen(value), &lag[k], NULL);
        if (st != FPL_OK) {
            return fail_status("--lag", text, st);
        }
        g->lag[k] = text;
    }
    return CLI_EXIT_OK;
}

/* ---- schedule: reading the question ---------------------------------- */

/* --months N: the input holds an unsigned, so a count that is not a whole
 * number an unsigned holds is refused here, with the library's status; the
 * library refuses the rest of its range. */
static int parse_months(const char *text, unsigned *out)
{
    double x;
    int rc = parse_amount("--months", text, &x);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (!(x <= 4294967295.0) || (double)(unsigned)x != x) {
        return fail_status("--months", text, FPL_ERR_MONTHS);
    }
    *out = (unsigned)x;
    return CLI_EXIT_OK;
}

/* A comma-separated list of exactly `want` numbers. */
static int parse_list(const char *option, const char *text, double *out, size_t capacity,
                      size_t want)
{
    size_t count = 0;
    fpl_status st = fpl_list_parse(text, strlen(text), out, capacity, &count, NULL);
    if (st == FPL_OK && count != want) {
        st = FPL_ERR_WEIGHTS_COUNT;
    }
    return st == FPL_OK ? CLI_EXIT_OK : fail_status(option, text, st);
}

/* The usage rules the library cannot see (it takes a monthly target or the
 * terms' one, and 0 for "not given"). */
static int check_schedule_usage(const cli_schedule_request *rq)
{
    const char *monthly = rq->monthly_deals != NULL ? rq->monthly_deals : rq->monthly_revenue;
    const char *monthly_option = rq->monthly_deals != NULL ? "--monthly-deals"
                                                           : "--monthly-revenue";
    if (rq->start == NULL) {
        cli_error("schedule: --start YYYY-MM is needed (the first month of the span)");
        return CLI_EXIT_USAGE;
    }
    if (rq->monthly_deals != NULL && rq->monthly_revenue != NULL) {
        return fail_value("--monthly-revenue", rq->monthly_revenue,
                          "cannot be given with --monthly-deals");
    }
    if (monthly != NULL && rq->terms->target != FPL_TARGET_NONE) {
        cli_error("%s: give a target per period or per month, not both", monthly_option);
        return CLI_EXIT_USAGE;
    }
    if (monthly != NULL && rq->seasonality != NULL) {
        return fail_value("--seasonality", rq->seasonality,
                          "seasonality spreads a target per period; a target per month "
                          "needs none");
    }
    if (monthly == NULL && rq->terms->target == FPL_TARGET_NONE) {
        cli_error("schedule: a target is needed: --revenue with --deal-size, --deals, or a "
                  "target per month (--monthly-deals or --monthly-revenue)");
        return CLI_EXIT_USAGE;
    }
    if (rq->attainment != NULL && rq->quota == NULL) {
        return fail_value("--attainment", rq->attainment,
                          "needs --quota (the share of the quota a rep attains)");
    }
    return CLI_EXIT_OK;
}

static int read_schedule(const cli_schedule_request *rq, fpl_schedule_input *in,
                         stage_texts *g)
{
    int rc = check_schedule_usage(rq);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    fpl_status st = fpl_month_parse(rq->start, strlen(rq->start), &in->start, NULL);
    if (st != FPL_OK) {
        return fail_status("--start", rq->start, st);
    }
    in->months = 12;
    if (rq->months != NULL && (rc = parse_months(rq->months, &in->months)) != CLI_EXIT_OK) {
        return rc;
    }
    if (rq->seasonality != NULL) {
        rc = parse_list("--seasonality", rq->seasonality, in->weights, 12, 12);
        in->has_weights = true;
    } else if (rq->monthly_deals != NULL || rq->monthly_revenue != NULL) {
        bool deals = rq->monthly_deals != NULL;
        rc = parse_list(deals ? "--monthly-deals" : "--monthly-revenue",
                        deals ? rq->monthly_deals : rq->monthly_revenue, in->monthly,
                        FPL_SCHEDULE_MAX_MONTHS, in->months);
        in->has_monthly = true;
        in->monthly_kind = deals ? FPL_TARGET_DEALS : FPL_TARGET_REVENUE;
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_lags(rq, in->lag, g);
    }
    if (rc == CLI_EXIT_OK && rq->reps != NULL) {
        rc = parse_amount("--reps", rq->reps, &in->reps);
        in->has_reps = true;
    }
    if (rc == CLI_EXIT_OK && rq->quota != NULL) {
        rc = parse_amount("--quota", rq->quota, &in->quota);
        in->has_quota = true;
    }
    if (rc == CLI_EXIT_OK && rq->attainment != NULL) {
        rc = parse_rate("--attainment", rq->attainment, &in->attainment);
        in->has_attainment = true;
    }
    return rc;
}

/* A refusal of fpl_schedule_compute(). fpl_month_parse() read the start, so
 * a start the library refuses is a span that leaves the calendar, with the
 * months the lags need before it: that is what the message says. */
static int fail_schedule(const cli_schedule_request *rq, const stage_texts *g,
                         const fpl_error *e)
{
    if (e->field == FPL_FIELD_START) {
        return fail_value("--start", rq->start,
                          "the schedule would run outside years 1 to 9999 (with the "
                          "months before the start that the lags need)");
    }
    return fail_at(rq, g, "schedule", e);
}

/* ---- schedule: the command ------------------------------------------- */

int cli_schedule_run(const cli_schedule_request *rq, cli_buf *out)
{
    /* The result is about 135 KB: on the heap, not the stack. */
    fpl_schedule_input *in = calloc(1, sizeof *in);
    fpl_schedule *s = malloc(sizeof *s);
    if (in == NULL || s == NULL) {
        free(in);
        free(s);
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    stage_texts given = {{NULL}, {NULL}, {NULL}};
    int rc = read_schedule(rq, in, &given);
    if (rc == CLI_EXIT_OK) {
        fpl_error err;
        fpl_status st = fpl_schedule_compute(rq->funnel, rq->terms, in, s, &err);
        if (st != FPL_OK) {
            rc = fail_schedule(rq, &given, &err);
        } else {
            if (rq->format == CLI_FORMAT_SVG) {
                cli_svg_schedule(out, rq->funnel, in, s);
            } else {
                CLI_RENDER(out, fpl_schedule_render, rq->funnel, s, rq->format);
            }
        }
    }
    free(in);
    free(s);
    return rc;
}

/* ---- pace: reading the question -------------------------------------- */

/* The share of the period elapsed: --elapsed RATE, or --start DATE with
 * --as-of DATE (exactly one of the two ways). */
static int read_elapsed(const cli_schedule_request *rq, const stage_texts *g, double *elapsed)
{
    if (rq->elapsed != NULL) {
        if (rq->start != NULL || rq->as_of != NULL) {
            return fail_value("--elapsed", rq->elapsed,
                              "give --elapsed, or --start with --as-of, not both");
        }
        return parse_rate("--elapsed", rq->elapsed, elapsed);
    }
    if (rq->start == NULL && rq->as_of == NULL) {
        cli_error("pace: the share of the period elapsed is needed: --elapsed RATE, or "
                  "--start DATE with --as-of DATE");
        return CLI_EXIT_USAGE;
    }
    if (rq->as_of == NULL) {
        return fail_value("--start", rq->start, "needs --as-of DATE (the day measured)");
    }
    if (rq->start == NULL) {
        return fail_value("--as-of", rq->as_of,
                          "needs --start DATE (the first day of the period)");
    }
    fpl_date start;
    fpl_date as_of;
    fpl_status st = fpl_date_parse(rq->start, strlen(rq->start), &start, NULL);
    if (st != FPL_OK) {
        return fail_status("--start", rq->start, st);
    }
    st = fpl_date_parse(rq->as_of, strlen(rq->as_of), &as_of, NULL);
    if (st != FPL_OK) {
        return fail_status("--as-of", rq->as_of, st);
    }
    fpl_error err;
    st = fpl_pace_elapsed(&start, &as_of, rq->terms->per, elapsed, &err);
    return st == FPL_OK ? CLI_EXIT_OK : fail_at(rq, g, "pace", &err);
}

/* --actual or --open STAGE=COUNT, repeated, once per stage. */
static int read_counts(const cli_schedule_request *rq, const char *option,
                       const char *const *texts, size_t n_texts, bool has[FPL_MAX_STAGES],
                       double value[FPL_MAX_STAGES], const char *given[FPL_MAX_STAGES])
{
    bool seen[FPL_MAX_STAGES] = {false};
    for (size_t i = 0; i < n_texts; ++i) {
        size_t k;
        const char *count;
        int rc = stage_value(rq->funnel, option, texts[i], "expected STAGE=COUNT, e.g. lead=150",
                             seen, &k, &count);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        /* the message names the whole STAGE=COUNT */
        fpl_status st = fpl_parse_amount(count, strlen(count), &value[k], NULL);
        if (st != FPL_OK) {
            return fail_status(option, texts[i], st);
        }
        has[k] = true;
        given[k] = texts[i];
    }
    return CLI_EXIT_OK;
}

static int read_pace(const cli_schedule_request *rq, fpl_pace_input *in, stage_texts *g)
{
    int rc = read_elapsed(rq, g, &in->elapsed);
    if (rc == CLI_EXIT_OK) {
        rc = read_counts(rq, "--actual", rq->actual, rq->n_actuals, in->has_actual, in->actual,
                         g->actual);
    }
    if (rc == CLI_EXIT_OK && rq->actual_deals != NULL) {
        rc = parse_amount("--actual-deals", rq->actual_deals, &in->actual_deals);
        in->has_actual_deals = true;
    }
    if (rc == CLI_EXIT_OK && rq->actual_revenue != NULL) {
        rc = parse_amount("--actual-revenue", rq->actual_revenue, &in->actual_revenue);
        in->has_actual_revenue = true;
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_counts(rq, "--open", rq->open, rq->n_open, in->has_open, in->open, g->open);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_lags(rq, in->lag, g);
    }
    if (rc == CLI_EXIT_OK && rq->at_risk != NULL) {
        rc = parse_rate("--at-risk", rq->at_risk, &in->at_risk);
        in->has_at_risk = true;
    }
    if (rc == CLI_EXIT_OK && rq->off_track != NULL) {
        rc = parse_rate("--off-track", rq->off_track, &in->off_track);
        in->has_off_track = true;
    }
    if (rc == CLI_EXIT_OK && rq->reps != NULL) {
        rc = parse_amount("--reps", rq->reps, &in->reps);
        in->has_reps = true;
    }
    return rc;
}

/* ---- pace: the command ----------------------------------------------- */

int cli_pace_run(const cli_schedule_request *rq, cli_buf *out)
{
    fpl_pace_input *in = calloc(1, sizeof *in);
    fpl_pace *p = malloc(sizeof *p);
    if (in == NULL || p == NULL) {
        free(in);
        free(p);
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    stage_texts given = {{NULL}, {NULL}, {NULL}};
    int rc = read_pace(rq, in, &given);
    if (rc == CLI_EXIT_OK) {
        fpl_error err;
        fpl_status st = fpl_pace_compute(rq->funnel, rq->terms, in, p, &err);
        if (st != FPL_OK) {
            rc = fail_at(rq, &given, "pace", &err);
        } else {
            /* the headline shows the dates read_elapsed() took the share from */
            fpl_date span[2];
            bool dated = rq->start != NULL && rq->as_of != NULL &&
                         fpl_date_parse(rq->start, strlen(rq->start), &span[0], NULL) == FPL_OK &&
                         fpl_date_parse(rq->as_of, strlen(rq->as_of), &span[1], NULL) == FPL_OK;
            CLI_RENDER(out, fpl_pace_render, rq->funnel, p, dated ? &span[0] : NULL,
                       dated ? &span[1] : NULL, rq->format);
        }
    }
    free(in);
    free(p);
    return rc;
}

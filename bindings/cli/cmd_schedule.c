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
 * (fpl_month_parse, fpl_date_parse, fpl_elapsed_parse, fpl_lag_parse,
 * fpl_list_parse, fpl_parse_amount, fpl_parse_rate), calls fpl_schedule_compute() or
 * fpl_pace_compute() and presents the result (the JSON is the library's:
 * fpl_schedule_json(), fpl_pace_json()). No formula and no default
 * lives here: every figure comes from the library's result (lags in months
 * and days, the attainment, thresholds and cumulative rates used), and
 * every refusal names the field and entry the library's fpl_error gives,
 * which fail_at() turns into the option (as the option table spells it)
 * and the text typed.
 *
 * The JSON keys and their order are the documented contract (docs/guide.md):
 * `--format json` prints what the library writes, the object Python's
 * `Schedule.to_dict()` and `Pace.to_dict()` read.
 */

#include "render.h"
#include "tables.h"

#include <stdlib.h>
#include <string.h>

/* ---- errors and the values typed ------------------------------------------ */

/* The texts given per stage: --lag, --actual and --open (NULL: none). */
typedef struct stage_texts {
    const char *lag[FPL_MAX_STAGES];
    const char *actual[FPL_MAX_STAGES];
    const char *open[FPL_MAX_STAGES];
} stage_texts;

#define TEXT_AT(member) offsetof(cli_schedule_request, member)

/* Where the text of each field's option is in the request. */
static const struct {
    fpl_field field;
    size_t at;
} texts[] = {
    {FPL_FIELD_START, TEXT_AT(start)},
    {FPL_FIELD_MONTHS, TEXT_AT(months)},
    {FPL_FIELD_SEASONALITY, TEXT_AT(seasonality)},
    {FPL_FIELD_MONTHLY_DEALS, TEXT_AT(monthly_deals)},
    {FPL_FIELD_MONTHLY_REVENUE, TEXT_AT(monthly_revenue)},
    {FPL_FIELD_REPS, TEXT_AT(reps)},
    {FPL_FIELD_QUOTA, TEXT_AT(quota)},
    {FPL_FIELD_ATTAINMENT, TEXT_AT(attainment)},
    {FPL_FIELD_ELAPSED, TEXT_AT(elapsed)},
    {FPL_FIELD_AS_OF, TEXT_AT(as_of)},
    {FPL_FIELD_ACTUAL_DEALS, TEXT_AT(actual_deals)},
    {FPL_FIELD_ACTUAL_REVENUE, TEXT_AT(actual_revenue)},
    {FPL_FIELD_AT_RISK, TEXT_AT(at_risk)},
    {FPL_FIELD_OFF_TRACK, TEXT_AT(off_track)},
};

/* The text typed for a field (for a STAGE=... option, the stage's entry);
 * NULL when none was. */
static const char *typed(const cli_schedule_request *rq, const stage_texts *g, fpl_field field,
                         size_t index)
{
    const char *const *per_stage = field == FPL_FIELD_LAG      ? g->lag
                                   : field == FPL_FIELD_ACTUAL ? g->actual
                                   : field == FPL_FIELD_OPEN   ? g->open
                                                               : NULL;
    if (per_stage != NULL) {
        return index < FPL_MAX_STAGES ? per_stage[index] : NULL;
    }
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; ++i) {
        if (texts[i].field == field) {
            return *(const char *const *)((const char *)rq + texts[i].at);
        }
    }
    return NULL;
}

/* The option of a field, as the option table spells it. */
static const char *option(fpl_field field)
{
    return cli_option_for_field(CMD_SCHEDULE | CMD_PACE, field)->name;
}

/* A refusal of the library, about the option the field it names was given
 * by (and, for a stage, the STAGE=VALUE text of that stage); about the
 * command when no option was typed for it. */
static int fail_at(const cli_schedule_request *rq, const stage_texts *g, const char *command,
                   const fpl_error *e)
{
    const char *text = typed(rq, g, e->field, e->index);
    if (text != NULL) {
        return cli_fail(option(e->field), text, e);
    }
    cli_error("%s: %s", command, fpl_strerror(e->status));
    return fpl_status_is_input_error(e->status) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

/* "funnelplan: --lag 'lead=-1': MESSAGE": a rule of the command line. */
static int fail_usage(fpl_field field, const char *text, const char *message)
{
    return cli_fail_usage(option(field), text, message);
}

/* Reads the field's text, when one was typed, with fpl_parse_rate() (rate)
 * or fpl_parse_amount(); sets *has. */
static int read_number(const cli_schedule_request *rq, fpl_field field, bool rate, double *out,
                       bool *has)
{
    static const stage_texts none;
    const char *text = typed(rq, &none, field, FPL_NO_INDEX);
    fpl_error e;
    if (text == NULL) {
        return CLI_EXIT_OK;
    }
    *has = true;
    if ((rate ? fpl_parse_rate : fpl_parse_amount)(text, strlen(text), out, &e) != FPL_OK) {
        return cli_fail(option(field), text, &e);
    }
    return CLI_EXIT_OK;
}

/* One STAGE=VALUE of a repeated option (split at the last '='), at most
 * once per stage: the stage's index and the text of the value. */
static int stage_value(const fpl_funnel *f, fpl_field field, const char *text,
                       const char *expected, bool seen[FPL_MAX_STAGES], size_t *stage,
                       const char **value)
{
    const char *eq = strrchr(text, '=');
    if (eq == NULL) {
        return fail_usage(field, text, expected);
    }
    fpl_error e;
    if (fpl_funnel_find(f, text, (size_t)(eq - text), stage, &e) != FPL_OK) {
        return cli_fail_funnel(f, option(field), text, &e);
    }
    if (seen[*stage]) {
        return fail_usage(field, text, "that stage is given already (once per stage)");
    }
    seen[*stage] = true;
    *value = eq + 1;
    return CLI_EXIT_OK;
}

/* --lag STAGE=LAG, repeated: stages without one keep the default lag. */
static int read_lags(const cli_schedule_request *rq, double lag[FPL_MAX_STAGES], stage_texts *g)
{
    bool seen[FPL_MAX_STAGES] = {false};
    for (size_t i = 0; i < rq->n_lags; ++i) {
        const char *text = rq->lag[i];
        size_t k;
        const char *value;
        int rc = stage_value(rq->funnel, FPL_FIELD_LAG, text, "expected STAGE=LAG, e.g. lead=45d",
                             seen, &k, &value);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        fpl_error e;
        if (fpl_lag_parse(value, strlen(value), &lag[k], &e) != FPL_OK) {
            return cli_fail(option(FPL_FIELD_LAG), text, &e);
        }
        g->lag[k] = text;
    }
    return CLI_EXIT_OK;
}

/* ---- schedule: reading the question ---------------------------------- */

/* --months N: a whole number of months within the library's limit. */
static int read_months(const cli_schedule_request *rq, unsigned *out)
{
    double x;
    bool has = false;
    int rc = read_number(rq, FPL_FIELD_MONTHS, false, &x, &has);
    fpl_error e;
    if (rc == CLI_EXIT_OK && has) {
        if (fpl_limit_check(FPL_LIMIT_MONTHS, x, FPL_NO_INDEX, &e) != FPL_OK) {
            return cli_fail(option(FPL_FIELD_MONTHS), rq->months, &e);
        }
        *out = (unsigned)x;
    }
    return rc;
}

/* A comma-separated list of exactly `want` numbers. */
static int parse_list(fpl_field field, const char *text, double *out, size_t capacity,
                      size_t want)
{
    size_t count = 0;
    fpl_error e;
    fpl_status st = fpl_list_parse(text, strlen(text), out, capacity, &count, &e);
    if (st == FPL_OK && count != want) { /* the input holds no count to check */
        const fpl_error wrong = {FPL_ERR_WEIGHTS_COUNT, field, FPL_NO_INDEX, 0, 0, 0};
        e = wrong;
        st = e.status;
    }
    return st == FPL_OK ? CLI_EXIT_OK : cli_fail(option(field), text, &e);
}

/* The usage rules the library cannot see (it takes a monthly target or the
 * terms' one, and 0 for "not given"). */
static int check_schedule_usage(const cli_schedule_request *rq)
{
    const char *monthly = rq->monthly_deals != NULL ? rq->monthly_deals : rq->monthly_revenue;
    const fpl_field monthly_field =
        rq->monthly_deals != NULL ? FPL_FIELD_MONTHLY_DEALS : FPL_FIELD_MONTHLY_REVENUE;
    if (rq->start == NULL) {
        cli_error("schedule: --start YYYY-MM is needed (the first month of the span)");
        return CLI_EXIT_USAGE;
    }
    if (rq->monthly_deals != NULL && rq->monthly_revenue != NULL) {
        return fail_usage(FPL_FIELD_MONTHLY_REVENUE, rq->monthly_revenue,
                          "cannot be given with --monthly-deals");
    }
    if (monthly != NULL && rq->terms->target != FPL_TARGET_NONE) {
        cli_error("%s: give a target per period or per month, not both", option(monthly_field));
        return CLI_EXIT_USAGE;
    }
    if (monthly != NULL && rq->seasonality != NULL) {
        return fail_usage(FPL_FIELD_SEASONALITY, rq->seasonality,
                          "seasonality spreads a target per period; a target per month "
                          "needs none");
    }
    if (monthly == NULL && rq->terms->target == FPL_TARGET_NONE) {
        cli_error("schedule: a target is needed: --revenue with --deal-size, --deals, or a "
                  "target per month (--monthly-deals or --monthly-revenue)");
        return CLI_EXIT_USAGE;
    }
    if (rq->attainment != NULL && rq->quota == NULL) {
        return fail_usage(FPL_FIELD_ATTAINMENT, rq->attainment,
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
    fpl_error e;
    if (fpl_month_parse(rq->start, strlen(rq->start), &in->start, &e) != FPL_OK) {
        return cli_fail(option(FPL_FIELD_START), rq->start, &e);
    }
    in->months = (unsigned)fpl_limit_bounds(FPL_LIMIT_MONTHS).default_whole;
    if ((rc = read_months(rq, &in->months)) != CLI_EXIT_OK) {
        return rc;
    }
    if (rq->seasonality != NULL) {
        const size_t weights = fpl_limit_bounds(FPL_LIMIT_SEASONALITY_WEIGHTS).max_whole;
        rc = parse_list(FPL_FIELD_SEASONALITY, rq->seasonality, in->weights, weights, weights);
        in->has_weights = true;
    } else if (rq->monthly_deals != NULL || rq->monthly_revenue != NULL) {
        bool deals = rq->monthly_deals != NULL;
        rc = parse_list(deals ? FPL_FIELD_MONTHLY_DEALS : FPL_FIELD_MONTHLY_REVENUE,
                        deals ? rq->monthly_deals : rq->monthly_revenue, in->monthly,
                        FPL_SCHEDULE_MAX_MONTHS, in->months);
        in->has_monthly = true;
        in->monthly_kind = deals ? FPL_TARGET_DEALS : FPL_TARGET_REVENUE;
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_lags(rq, in->lag, g);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_REPS, false, &in->reps, &in->has_reps);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_QUOTA, false, &in->quota, &in->has_quota);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_ATTAINMENT, true, &in->attainment, &in->has_attainment);
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
        return fail_usage(FPL_FIELD_START, rq->start,
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
            CLI_RENDER(out, fpl_schedule_render, rq->funnel, s, rq->format);
        }
    }
    free(in);
    free(s);
    return rc;
}

/* ---- pace: reading the question -------------------------------------- */

/* The share of the period elapsed: --elapsed SHARE|MONTHS (read by
 * fpl_elapsed_parse()), or --start DATE with --as-of DATE (exactly one of
 * the two ways). The dates, read once, go to span[0] and span[1] for the
 * headline (*dated tells whether they were given). */
static int read_elapsed(const cli_schedule_request *rq, const stage_texts *g, double *elapsed,
                        fpl_date span[2], bool *dated)
{
    fpl_error err;
    *dated = false;
    if (rq->elapsed != NULL) {
        if (rq->start != NULL || rq->as_of != NULL) {
            return fail_usage(FPL_FIELD_ELAPSED, rq->elapsed,
                              rq->start != NULL && rq->as_of != NULL
                                  ? "give --elapsed, or --start with --as-of, not both"
                              : rq->start != NULL ? "give --elapsed or --start, not both"
                                                  : "give --elapsed or --as-of, not both");
        }
        if (fpl_elapsed_parse(rq->elapsed, strlen(rq->elapsed), rq->terms->per, elapsed, &err) !=
            FPL_OK) {
            return fail_at(rq, g, "pace", &err);
        }
        return CLI_EXIT_OK;
    }
    if (rq->start == NULL && rq->as_of == NULL) {
        cli_error("pace: the share of the period elapsed is needed: --elapsed SHARE or MONTHS "
                  "(33%%, 4/12, 4m), or --start DATE with --as-of DATE");
        return CLI_EXIT_USAGE;
    }
    if (rq->as_of == NULL) {
        return fail_usage(FPL_FIELD_START, rq->start, "needs --as-of DATE (the day measured)");
    }
    if (rq->start == NULL) {
        return fail_usage(FPL_FIELD_AS_OF, rq->as_of,
                          "needs --start DATE (the first day of the period)");
    }
    if (fpl_date_parse(rq->start, strlen(rq->start), &span[0], &err) != FPL_OK) {
        return cli_fail(option(FPL_FIELD_START), rq->start, &err);
    }
    if (fpl_date_parse(rq->as_of, strlen(rq->as_of), &span[1], &err) != FPL_OK) {
        return cli_fail(option(FPL_FIELD_AS_OF), rq->as_of, &err);
    }
    if (fpl_pace_elapsed(&span[0], &span[1], rq->terms->per, elapsed, &err) != FPL_OK) {
        return fail_at(rq, g, "pace", &err);
    }
    *dated = true;
    return CLI_EXIT_OK;
}

/* --actual or --open STAGE=COUNT, repeated, once per stage. */
static int read_counts(const cli_schedule_request *rq, fpl_field field,
                       const char *const *texts, size_t n_texts, bool has[FPL_MAX_STAGES],
                       double value[FPL_MAX_STAGES], const char *given[FPL_MAX_STAGES])
{
    bool seen[FPL_MAX_STAGES] = {false};
    for (size_t i = 0; i < n_texts; ++i) {
        size_t k;
        const char *count;
        int rc = stage_value(rq->funnel, field, texts[i], "expected STAGE=COUNT, e.g. lead=150",
                             seen, &k, &count);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        /* the message names the whole STAGE=COUNT */
        fpl_error e;
        if (fpl_parse_count(count, strlen(count), &value[k], &e) != FPL_OK) {
            e.offset += (size_t)(count - texts[i]); /* the count's bytes, for the hint */
            return cli_fail(option(field), texts[i], &e);
        }
        has[k] = true;
        given[k] = texts[i];
    }
    return CLI_EXIT_OK;
}

static int read_pace(const cli_schedule_request *rq, fpl_pace_input *in, stage_texts *g,
                     fpl_date span[2], bool *dated)
{
    int rc = read_elapsed(rq, g, &in->elapsed, span, dated);
    if (rc == CLI_EXIT_OK) {
        rc = read_counts(rq, FPL_FIELD_ACTUAL, rq->actual, rq->n_actuals, in->has_actual,
                         in->actual, g->actual);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_ACTUAL_DEALS, false, &in->actual_deals,
                         &in->has_actual_deals);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_ACTUAL_REVENUE, false, &in->actual_revenue,
                         &in->has_actual_revenue);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_counts(rq, FPL_FIELD_OPEN, rq->open, rq->n_open, in->has_open, in->open,
                         g->open);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_lags(rq, in->lag, g);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_AT_RISK, true, &in->at_risk, &in->has_at_risk);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_OFF_TRACK, true, &in->off_track, &in->has_off_track);
    }
    if (rc == CLI_EXIT_OK) {
        rc = read_number(rq, FPL_FIELD_REPS, false, &in->reps, &in->has_reps);
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
    fpl_date span[2];
    bool dated = false;
    int rc = read_pace(rq, in, &given, span, &dated);
    if (rc == CLI_EXIT_OK) {
        fpl_error err;
        fpl_status st = fpl_pace_compute(rq->funnel, rq->terms, in, p, &err);
        if (st != FPL_OK) {
            rc = fail_at(rq, &given, "pace", &err);
        } else {
            /* the headline shows the dates read_elapsed() took the share from */
            CLI_RENDER(out, fpl_pace_render, rq->funnel, p, dated ? &span[0] : NULL,
                       dated ? &span[1] : NULL, rq->format);
        }
    }
    free(in);
    free(p);
    return rc;
}

/*
 * funnelplan CLI — `funnelplan schedule` (the volume every stage must take
 * in each calendar month, with seasonality and the lag between stages) and
 * `funnelplan pace` (actuals so far against plan: attainment, run rate,
 * catch-up, status, the earliest warning and pipeline coverage).
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options (the funnel and the terms, checked) and
 * calls cli_run_schedule() or cli_run_pace(); this file checks the usage
 * rules between the options, reads the rest with the library's parsers
 * (cli_read_fields over the field tables below, fpl_month_parse,
 * fpl_date_parse, fpl_elapsed_parse, fpl_list_parse) and renders the result.
 * No formula and no default lives here; a refusal names the field and entry
 * the library's fpl_error gives (cli_fail_error).
 *
 * The JSON keys and their order are the documented contract (docs/guide.md):
 * `--format json` prints what the library writes, the object Python's
 * `Schedule.to_dict()` and `Pace.to_dict()` read.
 */

#include "tables.h"

#include <string.h>

/* ---- schedule -------------------------------------------------------- */

/* The options read after the usage rules, in this order, and where each goes. */
static const cli_field schedule_fields[] = {
    {OPT_LAG, F_STAGE_LAG, AT(in.schedule.lag), 0},
    {OPT_REPS, F_AMOUNT, AT(in.schedule.reps), AT(in.schedule.has_reps)},
    {OPT_QUOTA, F_AMOUNT, AT(in.schedule.quota), AT(in.schedule.has_quota)},
    {OPT_ATTAINMENT, F_RATE, AT(in.schedule.attainment), AT(in.schedule.has_attainment)},
};

/* The usage rules the library cannot see (it takes a monthly target or the
 * terms' one, and 0 for "not given"). */
static int check_schedule_usage(const request *req)
{
    const char *const *v = req->value;
    const char *monthly =
        v[OPT_MONTHLY_DEALS] != NULL ? v[OPT_MONTHLY_DEALS] : v[OPT_MONTHLY_REVENUE];
    const bool target = req->terms.target != FPL_TARGET_NONE;
    if (v[OPT_START] == NULL) {
        cli_error("schedule: --start YYYY-MM is needed (the first month of the span)");
        return CLI_EXIT_USAGE;
    }
    if (v[OPT_MONTHLY_DEALS] != NULL && v[OPT_MONTHLY_REVENUE] != NULL) {
        return cli_fail_usage(cli_option_name(OPT_MONTHLY_REVENUE), v[OPT_MONTHLY_REVENUE],
                              "cannot be given with --monthly-deals");
    }
    if (monthly != NULL && target) {
        cli_error("%s: give a target per period or per month, not both",
                  cli_option_name(v[OPT_MONTHLY_DEALS] != NULL ? OPT_MONTHLY_DEALS
                                                               : OPT_MONTHLY_REVENUE));
        return CLI_EXIT_USAGE;
    }
    if (monthly != NULL && v[OPT_SEASONALITY] != NULL) {
        return cli_fail_usage(cli_option_name(OPT_SEASONALITY), v[OPT_SEASONALITY],
                              "seasonality spreads a target per period; a target per month "
                              "needs none");
    }
    if (monthly == NULL && !target) {
        cli_error("schedule: a target is needed: --revenue with --deal-size, --deals, or a "
                  "target per month (--monthly-deals or --monthly-revenue)");
        return CLI_EXIT_USAGE;
    }
    if (v[OPT_ATTAINMENT] != NULL && v[OPT_QUOTA] == NULL) {
        return cli_fail_usage(cli_option_name(OPT_ATTAINMENT), v[OPT_ATTAINMENT],
                              "needs --quota (the share of the quota a rep attains)");
    }
    return CLI_EXIT_OK;
}

/* A comma-separated list of exactly `want` numbers. */
static int parse_list(const request *req, opt_id id, fpl_field field, double *out,
                      size_t capacity, size_t want)
{
    const char *text = req->value[id];
    size_t count = 0;
    fpl_error e;
    fpl_status st = fpl_list_parse(text, strlen(text), out, capacity, &count, &e);
    if (st == FPL_OK && count != want) { /* the input holds no count to check */
        const fpl_error wrong = {FPL_ERR_WEIGHTS_COUNT, field, FPL_NO_INDEX, 0, 0, 0};
        e = wrong;
        st = e.status;
    }
    return st == FPL_OK ? CLI_EXIT_OK : cli_fail_option(req, id, text, &e);
}

static int read_schedule(request *req, fpl_schedule_input *in)
{
    const char *const *v = req->value;
    int rc = check_schedule_usage(req);
    fpl_error e;
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (fpl_month_parse(v[OPT_START], strlen(v[OPT_START]), &in->start, &e) != FPL_OK) {
        return cli_fail_option(req, OPT_START, v[OPT_START], &e);
    }
    /* --months N: a whole number of months within the library's limit */
    double months = (double)fpl_limit_bounds(FPL_LIMIT_MONTHS).default_whole;
    if (v[OPT_MONTHS] != NULL &&
        (fpl_parse_amount(v[OPT_MONTHS], strlen(v[OPT_MONTHS]), &months, &e) != FPL_OK ||
         fpl_limit_check(FPL_LIMIT_MONTHS, months, FPL_NO_INDEX, &e) != FPL_OK)) {
        return cli_fail_option(req, OPT_MONTHS, v[OPT_MONTHS], &e);
    }
    in->months = (unsigned)months;
    if (v[OPT_SEASONALITY] != NULL) {
        const size_t weights = fpl_limit_bounds(FPL_LIMIT_SEASONALITY_WEIGHTS).max_whole;
        rc = parse_list(req, OPT_SEASONALITY, FPL_FIELD_SEASONALITY, in->weights, weights, weights);
        in->has_weights = true;
    } else if (v[OPT_MONTHLY_DEALS] != NULL || v[OPT_MONTHLY_REVENUE] != NULL) {
        const bool deals = v[OPT_MONTHLY_DEALS] != NULL;
        rc = parse_list(req, deals ? OPT_MONTHLY_DEALS : OPT_MONTHLY_REVENUE,
                        deals ? FPL_FIELD_MONTHLY_DEALS : FPL_FIELD_MONTHLY_REVENUE, in->monthly,
                        FPL_SCHEDULE_MAX_MONTHS, in->months);
        in->has_monthly = true;
        in->monthly_kind = deals ? FPL_TARGET_DEALS : FPL_TARGET_REVENUE;
    }
    return rc != CLI_EXIT_OK ? rc
                             : cli_read_fields(req, schedule_fields,
                                               sizeof schedule_fields / sizeof schedule_fields[0]);
}

int cli_run_schedule(request *req, cli_buf *out, fpl_error *e)
{
    fpl_schedule_input *in = &req->in.schedule;
    int rc = read_schedule(req, in);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (fpl_schedule_compute(&req->funnel, &req->terms, in, &req->out.schedule, e) != FPL_OK) {
        /* fpl_month_parse() read the start, so a start the library refuses
         * is a span that leaves the calendar, with the months the lags need
         * before it: that is what the message says. */
        return e->field != FPL_FIELD_START
                   ? CLI_REFUSED
                   : cli_fail_usage(cli_option_name(OPT_START), req->value[OPT_START],
                                    "the schedule would run outside years 1 to 9999 (with the "
                                    "months before the start that the lags need)");
    }
    CLI_RENDER(out, fpl_schedule_render, &req->funnel, &req->out.schedule, req->format);
    return CLI_EXIT_OK;
}

/* ---- pace ------------------------------------------------------------ */

static const cli_field pace_fields[] = {
    {OPT_ACTUAL, F_STAGE_COUNT, AT(in.pace.actual), AT(in.pace.has_actual)},
    {OPT_ACTUAL_DEALS, F_AMOUNT, AT(in.pace.actual_deals), AT(in.pace.has_actual_deals)},
    {OPT_ACTUAL_REVENUE, F_AMOUNT, AT(in.pace.actual_revenue), AT(in.pace.has_actual_revenue)},
    {OPT_OPEN, F_STAGE_COUNT, AT(in.pace.open), AT(in.pace.has_open)},
    {OPT_LAG, F_STAGE_LAG, AT(in.pace.lag), 0},
    {OPT_AT_RISK, F_RATE, AT(in.pace.at_risk), AT(in.pace.has_at_risk)},
    {OPT_OFF_TRACK, F_RATE, AT(in.pace.off_track), AT(in.pace.has_off_track)},
    {OPT_REPS, F_AMOUNT, AT(in.pace.reps), AT(in.pace.has_reps)},
};

/* The share of the period elapsed: --elapsed SHARE|MONTHS (read by
 * fpl_elapsed_parse()), or --start DATE with --as-of DATE (exactly one of
 * the two ways). The dates, read once, go to span[0] and span[1] for the
 * headline (*dated tells whether they were given). */
static int read_elapsed(request *req, double *elapsed, fpl_date span[2], bool *dated)
{
    const char *elapsed_text = req->value[OPT_ELAPSED];
    const char *start = req->value[OPT_START];
    const char *as_of = req->value[OPT_AS_OF];
    fpl_error err;
    *dated = false;
    if (elapsed_text != NULL) {
        if (start != NULL || as_of != NULL) {
            return cli_fail_usage(cli_option_name(OPT_ELAPSED), elapsed_text,
                                  start != NULL && as_of != NULL
                                      ? "give --elapsed, or --start with --as-of, not both"
                                  : start != NULL ? "give --elapsed or --start, not both"
                                                  : "give --elapsed or --as-of, not both");
        }
        if (fpl_elapsed_parse(elapsed_text, strlen(elapsed_text), req->terms.per, elapsed,
                              &err) != FPL_OK) {
            return cli_fail_error(req, &err);
        }
        return CLI_EXIT_OK;
    }
    if (start == NULL && as_of == NULL) {
        cli_error("pace: the share of the period elapsed is needed: --elapsed SHARE or MONTHS "
                  "(33%%, 4/12, 4m), or --start DATE with --as-of DATE");
        return CLI_EXIT_USAGE;
    }
    if (as_of == NULL) {
        return cli_fail_usage(cli_option_name(OPT_START), start,
                              "needs --as-of DATE (the day measured)");
    }
    if (start == NULL) {
        return cli_fail_usage(cli_option_name(OPT_AS_OF), as_of,
                              "needs --start DATE (the first day of the period)");
    }
    if (fpl_date_parse(start, strlen(start), &span[0], &err) != FPL_OK) {
        return cli_fail_option(req, OPT_START, start, &err);
    }
    if (fpl_date_parse(as_of, strlen(as_of), &span[1], &err) != FPL_OK) {
        return cli_fail_option(req, OPT_AS_OF, as_of, &err);
    }
    if (fpl_pace_elapsed(&span[0], &span[1], req->terms.per, elapsed, &err) != FPL_OK) {
        return cli_fail_error(req, &err);
    }
    *dated = true;
    return CLI_EXIT_OK;
}

int cli_run_pace(request *req, cli_buf *out, fpl_error *e)
{
    fpl_pace_input *in = &req->in.pace;
    fpl_date span[2];
    bool dated = false;
    int rc = read_elapsed(req, &in->elapsed, span, &dated);
    if (rc == CLI_EXIT_OK) {
        rc = cli_read_fields(req, pace_fields, sizeof pace_fields / sizeof pace_fields[0]);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (fpl_pace_compute(&req->funnel, &req->terms, in, &req->out.pace, e) != FPL_OK) {
        return CLI_REFUSED;
    }
    /* the headline shows the dates read_elapsed() took the share from */
    CLI_RENDER(out, fpl_pace_render, &req->funnel, &req->out.pace, dated ? &span[0] : NULL,
               dated ? &span[1] : NULL, req->format);
    return CLI_EXIT_OK;
}

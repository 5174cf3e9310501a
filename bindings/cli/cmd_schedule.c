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
 * which fail_at() turns into the option (as the option table spells it)
 * and the text typed.
 *
 * The JSON keys and their order are the documented contract (docs/guide.md):
 * `--format json` prints what the library writes, the object Python's
 * `Schedule.to_dict()` and `Pace.to_dict()` read.
 */

#include "render.h"
#include "svg.h"
#include "tables.h"

#include <stdio.h>
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
        return cli_fail(option(field), text, &e);
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

/* ---- presentation helpers ------------------------------------------------ */

/* "2027-01": the library writes months. */
static void fmt_month(char out[FPL_CALENDAR_TEXT_MAX], fpl_month m)
{
    fpl_month_format(m, out, FPL_CALENDAR_TEXT_MAX);
}

/* x with one decimal, ".0" dropped: 3, 1.5 (for months and coverage). */
static void put_one_decimal(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    fpl_format_number(x, FPL_NUMBER_TENTHS, num, sizeof num);
    cli_buf_puts(out, num);
}

static void csv_number(cli_buf *out, bool present, double x)
{
    cli_buf_putc(out, ',');
    if (present) {
        char num[CLI_NUM_MAX];
        cli_fmt_json_number(num, x);
        cli_buf_puts(out, num);
    }
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

/* ---- JSON --------------------------------------------------------------- */

/* The JSON is the library's (fpl_schedule_json, fpl_pace_json): its length
 * first (capacity 0), then the text into the buffer. A refusal (never, for
 * a result the library computed) shows as a failed output. */
static void put_json(cli_buf *out, const fpl_funnel *f, const fpl_schedule *s, const fpl_pace *p)
{
    size_t len = 0;
    fpl_status st = s != NULL ? fpl_schedule_json(f, s, NULL, 0, &len, NULL)
                              : fpl_pace_json(f, p, NULL, 0, &len, NULL);
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text != NULL) {
        st = s != NULL ? fpl_schedule_json(f, s, text, len + 1, &len, NULL)
                       : fpl_pace_json(f, p, text, len + 1, &len, NULL);
    }
    if (text == NULL || st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

/* ---- schedule: CSV --------------------------------------------------- */

/* "NAME_per_rep" as a CSV field. */
static void csv_per_rep_field(cli_buf *out, const char *name)
{
    char field[FPL_NAME_MAX + 16];
    snprintf(field, sizeof field, "%s_per_rep", name);
    cli_buf_csv_field(out, field);
}

static void schedule_csv(cli_buf *out, const cli_schedule_request *rq, const fpl_schedule *s)
{
    const fpl_funnel *f = rq->funnel;
    const size_t n = s->n_stages;
    cli_buf_puts(out, "month,in_span,share,deals,revenue");
    for (size_t i = 0; i < n; ++i) {
        cli_buf_putc(out, ',');
        cli_buf_csv_field(out, f->stages[i].name);
    }
    if (s->has_reps) {
        cli_buf_puts(out, ",deals_per_rep");
        for (size_t i = 0; i < n; ++i) {
            cli_buf_putc(out, ',');
            csv_per_rep_field(out, f->stages[i].name);
        }
    }
    cli_buf_putc(out, '\n');
    for (size_t r = 0; r < s->n_rows; ++r) {
        const fpl_schedule_row *row = &s->rows[r];
        char month[FPL_CALENDAR_TEXT_MAX];
        fmt_month(month, row->month);
        cli_buf_printf(out, "%s,%s", month, row->in_span ? "true" : "false");
        csv_number(out, true, row->share);
        csv_number(out, true, row->deals);
        csv_number(out, s->has_revenue, row->revenue);
        for (size_t i = 0; i < n; ++i) {
            csv_number(out, true, row->entering[i]);
        }
        if (s->has_reps) {
            csv_number(out, true, row->deals_per_rep);
            for (size_t i = 0; i < n; ++i) {
                csv_number(out, true, row->entering_per_rep[i]);
            }
        }
        cli_buf_putc(out, '\n');
    }
}

/* ---- schedule: table ------------------------------------------------- */

/* The month-by-month table can have up to 242 rows and 69 columns, more
 * than cli_table holds: its cells are formatted twice instead, once to
 * measure the columns and once to print them (nothing is stored). Columns:
 * month, one per stage, deals, revenue (when known), with reps one per
 * stage and deals per rep, and a note for the months before the start. */
typedef struct sched_view {
    const fpl_funnel *f;
    const fpl_schedule *s;
    size_t n;       /* stages */
    size_t col_deals, col_revenue, col_rep, col_deals_rep, col_note, ncols;
} sched_view;

enum { SCHED_MAX_COLS = 1 + FPL_MAX_STAGES + 2 + FPL_MAX_STAGES + 1 + 1 };

static sched_view sched_columns(const fpl_funnel *f, const fpl_schedule *s)
{
    sched_view v;
    v.f = f;
    v.s = s;
    v.n = s->n_stages;
    size_t c = 1 + v.n;
    v.col_deals = c++;
    v.col_revenue = s->has_revenue ? c++ : (size_t)-1;
    v.col_rep = s->has_reps ? c : (size_t)-1;
    c += s->has_reps ? v.n : 0;
    v.col_deals_rep = s->has_reps ? c++ : (size_t)-1;
    v.col_note = c++;
    v.ncols = c;
    return v;
}

/* The text of one cell: row 0 is the header, rows 1 to n_rows the months,
 * the next one the totals. Returns whether the column is right-aligned. */
static bool sched_cell(const sched_view *v, size_t row, size_t col, char out[CLI_NUM_MAX])
{
    const fpl_schedule *s = v->s;
    out[0] = '\0';
    const bool header = row == 0;
    const bool total = row == s->n_rows + 1;
    const fpl_schedule_row *r = header || total ? NULL : &s->rows[row - 1];
    if (col == 0) {
        if (header) {
            snprintf(out, CLI_NUM_MAX, "month");
        } else if (total) {
            snprintf(out, CLI_NUM_MAX, "total");
        } else {
            char month[FPL_CALENDAR_TEXT_MAX];
            fmt_month(month, r->month);
            snprintf(out, CLI_NUM_MAX, "%s", month);
        }
        return false;
    }
    if (col == v->col_note) {
        if (r != NULL && !r->in_span) {
            snprintf(out, CLI_NUM_MAX, "before the start");
        }
        return false;
    }
    if (col <= v->n) {
        size_t i = col - 1;
        if (header) {
            snprintf(out, CLI_NUM_MAX, "%s", v->f->stages[i].name);
        } else {
            cli_fmt_amount(out, total ? s->totals[i] : r->entering[i]);
        }
    } else if (col == v->col_deals) {
        if (header) {
            snprintf(out, CLI_NUM_MAX, "deals");
        } else {
            cli_fmt_amount(out, total ? s->deals : r->deals);
        }
    } else if (col == v->col_revenue) {
        if (header) {
            snprintf(out, CLI_NUM_MAX, "revenue");
        } else {
            cli_fmt_amount(out, total ? s->revenue : r->revenue);
        }
    } else if (col == v->col_deals_rep) {
        if (header) {
            snprintf(out, CLI_NUM_MAX, "deals/rep");
        } else if (!total) {
            cli_fmt_amount(out, r->deals_per_rep);
        }
    } else if (v->col_rep != (size_t)-1 && col >= v->col_rep && col < v->col_rep + v->n) {
        size_t i = col - v->col_rep;
        if (header) {
            snprintf(out, CLI_NUM_MAX, "%s/rep", v->f->stages[i].name);
        } else if (!total) {
            cli_fmt_amount(out, r->entering_per_rep[i]);
        }
    }
    return true;
}

static void sched_grid(cli_buf *out, const sched_view *v)
{
    size_t width[SCHED_MAX_COLS] = {0};
    const size_t nrows = v->s->n_rows + 2;
    char cell[CLI_NUM_MAX];
    for (size_t r = 0; r < nrows; ++r) {
        for (size_t c = 0; c < v->ncols; ++c) {
            sched_cell(v, r, c, cell);
            size_t w = cli_display_width(cell);
            width[c] = w > width[c] ? w : width[c];
        }
    }
    for (size_t r = 0; r < nrows; ++r) {
        /* nothing is padded beyond the last cell that has text */
        size_t last = 0;
        for (size_t c = 0; c < v->ncols; ++c) {
            sched_cell(v, r, c, cell);
            last = cell[0] != '\0' ? c : last;
        }
        for (size_t c = 0; c <= last; ++c) {
            bool right = sched_cell(v, r, c, cell);
            size_t pad = width[c] - cli_display_width(cell);
            if (c > 0) {
                cli_buf_puts(out, "  ");
            }
            if (right) {
                cli_buf_repeat(out, " ", pad);
            }
            cli_buf_puts(out, cell);
            if (!right && c < last) {
                cli_buf_repeat(out, " ", pad);
            }
        }
        cli_buf_putc(out, '\n');
    }
}

static void schedule_table(cli_buf *out, const cli_schedule_request *rq,
                           const fpl_schedule_input *in, const fpl_schedule *s)
{
    const fpl_funnel *f = rq->funnel;
    const size_t n = s->n_stages;
    const char *per = fpl_period_name(s->per);
    char first[FPL_CALENDAR_TEXT_MAX];
    char start[FPL_CALENDAR_TEXT_MAX];
    fmt_month(start, s->start);
    fmt_month(first, s->rows[0].month);

    cli_buf_printf(out, "Schedule for %u month%s from %s: ", s->months, s->months == 1 ? "" : "s",
                   start);
    cli_put_amount(out, s->deals);
    cli_buf_puts(out, " deals");
    if (s->has_revenue) {
        cli_buf_puts(out, ", revenue ");
        cli_put_amount(out, s->revenue);
    }
    if (in->has_monthly) {
        cli_buf_puts(out, ", a target per month as given");
    } else if (in->has_weights) {
        cli_buf_puts(out, ", spread by the seasonality given");
    } else {
        cli_buf_puts(out, ", the same every month");
    }
    cli_buf_puts(out, ".\nUnits that must enter each stage in each month:\n\n");

    sched_view v = sched_columns(f, s);
    sched_grid(out, &v);

    cli_buf_putc(out, '\n');
    if (!in->has_monthly) {
        cli_buf_printf(out, "Totals are the plan's volume per %s for the %u month%s of the span.\n",
                       per, s->months, s->months == 1 ? "" : "s");
    }
    cli_buf_puts(out, "Lags (months):");
    for (size_t i = 0; i < n; ++i) {
        cli_buf_printf(out, "%s %s ", i > 0 ? "," : "", f->stages[i].name);
        cli_put_amount(out, s->lag_months[i]);
    }
    cli_buf_puts(out, "; from ");
    cli_buf_puts(out, f->stages[0].name);
    cli_buf_puts(out, " to a closed deal ");
    cli_put_amount(out, s->total_lag);
    cli_buf_puts(out, " months.\n");
    if (s->lead_months > 0) {
        cli_buf_printf(out, "Lead time: the funnel must start %zu month%s before %s, in %s.\n",
                       s->lead_months, s->lead_months == 1 ? "" : "s", start, first);
    }
    if (s->has_velocity) {
        cli_buf_puts(out, "Sales velocity: ");
        cli_put_amount(out, s->velocity_opportunities);
        cli_buf_printf(out, " entering %s a month x ", f->stages[n - 1].name);
        cli_put_percent(out, f->stages[n - 1].rate);
        cli_buf_puts(out, " won x deal size ");
        cli_put_amount(out, s->deal_size);
        cli_buf_puts(out, " / a cycle of ");
        cli_put_amount(out, s->velocity_cycle_days);
        cli_buf_puts(out, " days = ");
        cli_put_amount(out, s->velocity);
        cli_buf_puts(out, " per day.\n");
    }
    if (s->has_reps) {
        cli_buf_puts(out, "Per rep: ");
        cli_put_amount(out, s->reps);
        cli_buf_puts(out, " reps share the work (the /rep columns).\n");
    }
    if (s->has_reps_needed) {
        cli_buf_puts(out, "Reps needed at a quota of ");
        cli_put_amount(out, s->quota);
        cli_buf_printf(out, " per %s with ", per);
        cli_put_percent(out, s->attainment);
        cli_buf_puts(out, " attainment: ");
        cli_put_amount(out, s->reps_needed);
        char exact[CLI_NUM_MAX];
        char whole[CLI_NUM_MAX];
        cli_fmt_amount(exact, s->reps_needed);
        cli_fmt_amount(whole, s->reps_needed_whole);
        if (strcmp(exact, whole) != 0) {
            cli_buf_printf(out, ", %s whole reps", whole);
        }
        cli_buf_puts(out, ".\n");
    }
    cli_buf_puts(out, "Figures are rounded for display (--format json gives exact values).\n");
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
            switch (rq->format) {
            case CLI_FORMAT_JSON: put_json(out, rq->funnel, s, NULL); break;
            case CLI_FORMAT_CSV: schedule_csv(out, rq, s); break;
            case CLI_FORMAT_TABLE: schedule_table(out, rq, in, s); break;
            case CLI_FORMAT_SVG: cli_svg_schedule(out, rq->funnel, in, s); break;
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
            return fail_usage(FPL_FIELD_ELAPSED, rq->elapsed,
                              "give --elapsed, or --start with --as-of, not both");
        }
        bool has;
        return read_number(rq, FPL_FIELD_ELAPSED, true, elapsed, &has);
    }
    if (rq->start == NULL && rq->as_of == NULL) {
        cli_error("pace: the share of the period elapsed is needed: --elapsed RATE, or "
                  "--start DATE with --as-of DATE");
        return CLI_EXIT_USAGE;
    }
    if (rq->as_of == NULL) {
        return fail_usage(FPL_FIELD_START, rq->start, "needs --as-of DATE (the day measured)");
    }
    if (rq->start == NULL) {
        return fail_usage(FPL_FIELD_AS_OF, rq->as_of,
                          "needs --start DATE (the first day of the period)");
    }
    fpl_date start;
    fpl_date as_of;
    fpl_error err;
    if (fpl_date_parse(rq->start, strlen(rq->start), &start, &err) != FPL_OK) {
        return cli_fail(option(FPL_FIELD_START), rq->start, &err);
    }
    if (fpl_date_parse(rq->as_of, strlen(rq->as_of), &as_of, &err) != FPL_OK) {
        return cli_fail(option(FPL_FIELD_AS_OF), rq->as_of, &err);
    }
    fpl_status st = fpl_pace_elapsed(&start, &as_of, rq->terms->per, elapsed, &err);
    return st == FPL_OK ? CLI_EXIT_OK : fail_at(rq, g, "pace", &err);
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
        if (fpl_parse_amount(count, strlen(count), &value[k], &e) != FPL_OK) {
            return cli_fail(option(field), texts[i], &e);
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

/* ---- pace: CSV ------------------------------------------------------- */

static void pace_row_csv(cli_buf *out, const char *name, const fpl_pace_row *r)
{
    const bool a = r->has_actual;
    cli_buf_csv_field(out, name);
    csv_number(out, true, r->plan);
    csv_number(out, true, r->plan_to_date);
    csv_number(out, a, r->actual);
    csv_number(out, a, r->attainment);
    csv_number(out, a, r->projection);
    csv_number(out, a && r->has_needed_rate, r->needed_rate);
    cli_buf_putc(out, ',');
    if (a) {
        cli_buf_csv_field(out, fpl_pace_status_name(r->status));
    }
    cli_buf_putc(out, '\n');
}

static void pace_csv(cli_buf *out, const cli_schedule_request *rq, const fpl_pace *p)
{
    cli_buf_puts(out, "stage,plan,plan_to_date,actual,attainment,projection,needed_rate,status\n");
    for (size_t i = 0; i < p->n_stages; ++i) {
        pace_row_csv(out, rq->funnel->stages[i].name, &p->stages[i]);
    }
    pace_row_csv(out, "deals", &p->deals);
    if (p->has_revenue) {
        pace_row_csv(out, "revenue", &p->revenue);
    }
}

/* ---- pace: table ----------------------------------------------------- */

enum { P_NAME, P_PLAN, P_TO_DATE, P_ACTUAL, P_ATTAIN, P_PROJ, P_NEEDED, P_STATUS, P_IMPLIED,
       P_PLAN_REP, P_ACTUAL_REP, P_NEEDED_REP, P_N };

static void pace_table_row(cli_table *t, const char *name, const fpl_pace_row *r, bool stage,
                           bool reps)
{
    const bool a = r->has_actual;
    const bool rate = a && r->has_needed_rate;
    cli_table_row(t);
    cli_table_set(t, P_NAME, name);
    cli_table_set_amount(t, P_PLAN, true, r->plan);
    cli_table_set_amount(t, P_TO_DATE, true, r->plan_to_date);
    cli_table_set_amount(t, P_ACTUAL, a, r->actual);
    if (a) {
        char num[CLI_NUM_MAX];
        cli_fmt_percent(num, r->attainment);
        cli_table_set(t, P_ATTAIN, num);
    } else {
        cli_table_set(t, P_ATTAIN, "-");
    }
    cli_table_set_amount(t, P_PROJ, a, r->projection);
    cli_table_set_amount(t, P_NEEDED, rate, r->needed_rate);
    cli_table_set(t, P_STATUS, a ? fpl_pace_status_name(r->status) : "-");
    if (stage) {
        cli_table_set_amount(t, P_IMPLIED, a, r->implied_deals);
    }
    if (reps) {
        cli_table_set_amount(t, P_PLAN_REP, true, r->plan_per_rep);
        cli_table_set_amount(t, P_ACTUAL_REP, a, r->actual_per_rep);
        cli_table_set_amount(t, P_NEEDED_REP, rate, r->needed_rate_per_rep);
    }
}

static void pace_table(cli_buf *out, const cli_schedule_request *rq, const fpl_pace_input *in,
                       const fpl_pace *p)
{
    const fpl_funnel *f = rq->funnel;
    const char *per = fpl_period_name(p->per);

    cli_buf_printf(out, "Pace per %s: ", per);
    cli_put_percent(out, p->elapsed);
    cli_buf_printf(out, " of the %s elapsed", per);
    if (rq->as_of != NULL && rq->start != NULL) {
        cli_buf_printf(out, " (%s to %s)", rq->start, rq->as_of);
    }
    cli_buf_puts(out, "; target ");
    cli_put_amount(out, p->deals.plan);
    cli_buf_puts(out, " deals");
    if (p->has_revenue) {
        cli_buf_puts(out, ", revenue ");
        cli_put_amount(out, p->revenue.plan);
    }
    cli_buf_puts(out, ".\n\n");

    char needed[32];
    snprintf(needed, sizeof needed, "needed/%s", per);
    const char *headers[P_N] = {"",       "plan",    "to date",       "actual",
                                "attainment", "projection", needed,   "status",
                                "implied deals", "plan/rep", "actual/rep", "needed/rep"};
    const cli_align align[P_N] = {CLI_LEFT,  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_LEFT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_RIGHT};
    cli_table t;
    cli_table_init(&t, p->has_reps ? P_N : P_PLAN_REP, headers, align);
    for (size_t i = 0; i < p->n_stages; ++i) {
        pace_table_row(&t, f->stages[i].name, &p->stages[i], true, p->has_reps);
    }
    pace_table_row(&t, "deals", &p->deals, false, p->has_reps);
    if (p->has_revenue) {
        pace_table_row(&t, "revenue", &p->revenue, false, p->has_reps);
    }
    cli_table_render(&t, out);
    cli_table_free(&t);

    cli_buf_puts(out, "\nStatus against plan to date: on track from ");
    cli_put_percent(out, p->at_risk);
    cli_buf_puts(out, ", at risk from ");
    cli_put_percent(out, p->off_track);
    cli_buf_puts(out, ", off track below.\n");
    if (p->has_warning) {
        cli_buf_printf(out, "Warning: %s is off track: ", f->stages[p->warning_stage].name);
        if (p->warning_months > 0.0) {
            cli_buf_puts(out, "it shows in deals in about ");
            put_one_decimal(out, p->warning_months);
            cli_buf_puts(out, " months.\n");
        } else {
            cli_buf_puts(out, "with no lag below it, it shows in deals at once.\n");
        }
    }
    if (p->has_coverage) {
        cli_buf_puts(out, "Open pipeline:");
        size_t shown = 0;
        for (size_t i = 0; i < p->n_stages; ++i) {
            if (in->has_open[i]) {
                cli_buf_printf(out, "%s ", shown++ > 0 ? "," : "");
                cli_put_amount(out, in->open[i]);
                cli_buf_printf(out, " %s", f->stages[i].name);
            }
        }
        cli_buf_puts(out, "; expected to bring ");
        cli_put_amount(out, p->open_deals);
        cli_buf_puts(out, " deals.\n");
        if (p->has_coverage_ratio) {
            cli_buf_puts(out, "Pipeline covers ");
            put_one_decimal(out, p->coverage_raw);
            cli_buf_puts(out, "x of the ");
            cli_put_amount(out, p->still_to_close);
            cli_buf_puts(out, " deals still to close; weighted ");
            put_one_decimal(out, p->coverage_weighted);
            cli_buf_puts(out, "x");
        } else {
            cli_buf_puts(out, "Nothing is left to close: the deals won meet the target");
        }
        if (p->has_coverage_required) {
            cli_buf_puts(out, "; these rates need ");
            put_one_decimal(out, p->coverage_required);
            cli_buf_puts(out, "x.\n");
        } else {
            cli_buf_puts(out, "; the open pipeline is expected to bring no deals.\n");
        }
    }
    if (p->has_reps) {
        cli_buf_puts(out, "Per rep: ");
        cli_put_amount(out, p->reps);
        cli_buf_puts(out, " reps share the work (the /rep columns).\n");
    }
    cli_buf_puts(out, "Figures are rounded for display (--format json gives exact values).\n");
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
            switch (rq->format) {
            case CLI_FORMAT_JSON: put_json(out, rq->funnel, NULL, p); break;
            case CLI_FORMAT_CSV: pace_csv(out, rq, p); break;
            case CLI_FORMAT_SVG: /* not offered: funnelplan.c refuses it */
            case CLI_FORMAT_TABLE: pace_table(out, rq, in, p); break;
            }
        }
    }
    free(in);
    free(p);
    return rc;
}

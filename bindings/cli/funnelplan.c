/*
 * funnelplan — the command-line tool:
 * `funnelplan plan|forecast|whatif|sensitivity|solve [OPTIONS]`.
 * SPDX-License-Identifier: MIT
 *
 * Thin: read the arguments, call the library, present the result. One
 * option table drives both parsing and --help (as libgit2's src/cli does);
 * one function per command. Numbers typed by the user are read only by the
 * library's parsers, so they mean the same in every locale. Output is built
 * in memory and written at once; errors are one line on stderr.
 *
 * Exit statuses: 0 success; 1 a question without an answer (a whole count
 * above 2^53, a figure out of the range of a double, a change pushing a rate
 * out of (0, 1], a target no rate can reach); 2 bad input or usage; 3 the
 * output could not be written.
 */

#include "cli.h"
#include "render.h"

#include "funnelplan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the option table ---------------------------------------------------- */

enum {
    CMD_PLAN = 1u << 0,
    CMD_FORECAST = 1u << 1,
    CMD_WHATIF = 1u << 2,
    CMD_SENSITIVITY = 1u << 3,
    CMD_SOLVE = 1u << 4,
    CMD_ALL = CMD_PLAN | CMD_FORECAST | CMD_WHATIF | CMD_SENSITIVITY | CMD_SOLVE,
    /* the commands that ask a question of a volume or a target */
    CMD_QUESTION = CMD_WHATIF | CMD_SENSITIVITY | CMD_SOLVE,
    /* the commands where the volume is optional (else the target is held) */
    CMD_HOLD = CMD_WHATIF | CMD_SENSITIVITY
};

typedef enum opt_id {
    OPT_STAGE,
    OPT_DEAL_SIZE,
    OPT_REVENUE,
    OPT_DEALS,
    OPT_VOLUME,
    OPT_AT,
    OPT_CHANGE,
    OPT_HORIZON,
    OPT_INVEST,
    OPT_STEP,
    OPT_DEAL_SIZE_STEP,
    OPT_FOR,
    OPT_PER,
    OPT_COST_PER_LEAD,
    OPT_MARGIN,
    OPT_FORMAT,
    OPT_HELP,
    OPT_COUNT
} opt_id;

/* One row per option and help text: an option whose help differs between
 * commands has several rows with the same id and name and disjoint command
 * sets (each command sees at most one row of a name). The rows drive both
 * the parser and each command's --help, in this order. */
typedef struct cli_option {
    opt_id id;
    const char *name;    /* "--stage" */
    const char *metavar; /* "NAME=RATE"; NULL for a flag */
    unsigned commands;   /* CMD_* bits of the commands that take it with this help */
    bool repeat;         /* may be given more than once */
    const char *help;    /* one line per '\n' */
} cli_option;

static const cli_option options[] = {
    {OPT_STAGE, "--stage", "NAME=RATE", CMD_ALL, true,
     "a stage and its conversion rate, top of the funnel\n"
     "first; repeat for each stage (1 to 32); the last\n"
     "stage's rate is its win rate"},
    {OPT_REVENUE, "--revenue", "AMOUNT", CMD_PLAN, false,
     "revenue target per period (needs --deal-size)"},
    {OPT_REVENUE, "--revenue", "AMOUNT", CMD_FORECAST, false,
     "a revenue target to measure the forecast against"},
    {OPT_REVENUE, "--revenue", "AMOUNT", CMD_HOLD, false,
     "revenue target per period (needs --deal-size); held\n"
     "when no --volume is given"},
    {OPT_REVENUE, "--revenue", "AMOUNT", CMD_SOLVE, false,
     "the revenue target to reach per period (needs\n"
     "--deal-size); this or --deals is required"},
    {OPT_DEALS, "--deals", "COUNT", CMD_PLAN, false,
     "deal target per period (instead of --revenue)"},
    {OPT_DEALS, "--deals", "COUNT", CMD_FORECAST, false,
     "a deal target to measure the forecast against"},
    {OPT_DEALS, "--deals", "COUNT", CMD_HOLD, false,
     "deal target per period (instead of --revenue);\n"
     "held when no --volume is given"},
    {OPT_DEALS, "--deals", "COUNT", CMD_SOLVE, false,
     "the deal target to reach per period (instead of\n"
     "--revenue)"},
    {OPT_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_PLAN, false, "average deal size"},
    {OPT_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_FORECAST | CMD_QUESTION, false,
     "average deal size (gives the revenue)"},
    {OPT_VOLUME, "--volume", "COUNT", CMD_FORECAST | CMD_SOLVE, false,
     "units entering stage --at each period (required)"},
    {OPT_VOLUME, "--volume", "COUNT", CMD_HOLD, false,
     "units entering stage --at each period, held: the\n"
     "question is what the same volume brings; without\n"
     "it a target is held instead (what it needs)"},
    {OPT_AT, "--at", "NAME", CMD_FORECAST | CMD_QUESTION, false,
     "the stage the volume enters (default: the top)"},
    {OPT_CHANGE, "--change", "LEVER=CHANGE", CMD_WHATIF, true,
     "a change to price (0 to 40, applied in order).\n"
     "LEVER: a stage, deal-size, volume (with --volume)\n"
     "or cost-per-lead (with --cost-per-lead). CHANGE:\n"
     "+10% or -10% (relative: 33% becomes 36.3%), +3pp\n"
     "or -3pp (percentage points, stages only), or a\n"
     "plain value that sets the lever (40%, 5000)"},
    {OPT_HORIZON, "--horizon", "N", CMD_WHATIF, false,
     "periods to add the gain up over: a whole number\n"
     "from 1 to 1000000 (default: the periods in a year)"},
    {OPT_INVEST, "--invest", "AMOUNT", CMD_WHATIF, false,
     "one-off cost of the improvement: adds the ROI\n"
     "over the horizon and the payback in periods"},
    {OPT_STEP, "--step", "STEP", CMD_SENSITIVITY, false,
     "the step of every stage's rate: +1pp (default) or\n"
     "a relative step such as +10%; above zero"},
    {OPT_DEAL_SIZE_STEP, "--deal-size-step", "STEP", CMD_SENSITIVITY, false,
     "the relative step of the deal size: +10% (default)"},
    {OPT_FOR, "--for", "LEVER", CMD_SOLVE, false,
     "the lever to solve for (required): a stage at or\n"
     "below --at, deal-size (with --revenue) or volume"},
    {OPT_PER, "--per", "PERIOD", CMD_ALL, false,
     "period of the target, the volume and the cost:\n"
     "month (default), quarter or year"},
    {OPT_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_PLAN, false,
     "cost of one unit entering the top stage: adds the\n"
     "budget, the cost per deal and the cost per unit\n"
     "at every stage"},
    {OPT_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_FORECAST, false,
     "cost of one unit entering the top stage (only\n"
     "with --at at the top): adds the budget and the\n"
     "cost per deal"},
    {OPT_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_WHATIF, false,
     "cost of one unit entering the top stage (with a\n"
     "volume, only with --at at the top): the cost added\n"
     "or saved counts in the gain"},
    {OPT_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_SENSITIVITY | CMD_SOLVE, false,
     "cost of one unit entering the top stage (with a\n"
     "volume, only with --at at the top)"},
    {OPT_MARGIN, "--margin", "RATE", CMD_PLAN | CMD_FORECAST | CMD_SENSITIVITY | CMD_SOLVE,
     false, "gross margin, for the gross profit (default 100%)"},
    {OPT_MARGIN, "--margin", "RATE", CMD_WHATIF, false,
     "gross margin: the gain counts revenue x margin\n"
     "(default 100%)"},
    {OPT_FORMAT, "--format", "FORMAT", CMD_ALL, false,
     "table (default, for people), json or csv"},
    {OPT_HELP, "--help", NULL, CMD_ALL, false, "show this help and exit"},
};

enum { N_OPTIONS = sizeof options / sizeof options[0] };

static const cli_option *option_by_id(opt_id id)
{
    for (size_t i = 0; i < N_OPTIONS; ++i) {
        if (options[i].id == id) {
            return &options[i];
        }
    }
    return NULL;
}

/* ---- the commands -------------------------------------------------------- */

typedef struct request request;

typedef struct cli_command {
    const char *name;
    unsigned bit;
    const char *summary;
    const char *usage;
    const char *description;
    const char *csv; /* the CSV layout, for --help */
    const char *example;
    int (*run)(request *req, cli_buf *out);
} cli_command;

static int run_plan(request *req, cli_buf *out);
static int run_forecast(request *req, cli_buf *out);
static int run_whatif(request *req, cli_buf *out);
static int run_sensitivity(request *req, cli_buf *out);
static int run_solve(request *req, cli_buf *out);

static const cli_command commands[] = {
    {"plan", CMD_PLAN, "backward from a target: the units every stage needs",
     "funnelplan plan --stage NAME=RATE... TARGET [OPTIONS]",
     "Works backward from a target to the units that must enter every stage of\n"
     "the funnel per period, exact and in whole units. TARGET is either\n"
     "--revenue AMOUNT with --deal-size AMOUNT, or --deals COUNT.",
     "CSV: a header and one row per stage, top first: stage, rate,\n"
     "cumulative_rate, required, required_whole, cost_per (with a cost per lead),\n"
     "required_per_month, required_per_quarter, required_per_year.",
     "funnelplan plan --stage lead=1% --stage accepted=10% \\\n"
     "    --deal-size 50000 --revenue 1000000 --per year",
     run_plan},
    {"forecast", CMD_FORECAST, "forward from a volume: the deals and revenue it brings",
     "funnelplan forecast --stage NAME=RATE... --volume COUNT [--at NAME] [OPTIONS]",
     "Works forward from a volume entering one stage each period to the units\n"
     "expected at every stage below it, the deals and the revenue; with a target,\n"
     "the gap and the attainment.",
     "CSV: a header and one row per stage from --at down: stage, rate, expected,\n"
     "expected_per_month, expected_per_quarter, expected_per_year.",
     "funnelplan forecast --stage opportunity=1/3 --deal-size 4000 \\\n"
     "    --volume 75 --at opportunity",
     run_forecast},
    {"whatif", CMD_WHATIF, "what an improvement is worth: deltas, ROI, payback",
     "funnelplan whatif --stage NAME=RATE... (--volume COUNT | TARGET) "
     "--change LEVER=CHANGE... [OPTIONS]",
     "Prices a set of changes against the unchanged funnel. With --volume the\n"
     "volume is held: the same volume brings more (or fewer) deals and revenue.\n"
     "Without it the target (TARGET: --revenue with --deal-size, or --deals) is\n"
     "held: the same target needs less volume, and with --cost-per-lead less\n"
     "money. The gain of a period is the revenue gained x margin minus the\n"
     "acquisition cost added; over the horizon it is added up, and with --invest\n"
     "roi = (gain over the horizon - invest) / invest and payback = invest / gain\n"
     "per period.",
     "CSV: a header and one row per stage (from --at down with a volume, every\n"
     "stage with a target): stage, baseline_rate, scenario_rate, then\n"
     "baseline_expected, scenario_expected (volume held) or baseline_required,\n"
     "scenario_required (target held): the units entering the stage per period.\n"
     "The deltas, ROI and payback are in the table and the JSON.",
     "funnelplan whatif --stage opportunity=33% --deal-size 4000 --volume 75 \\\n"
     "    --at opportunity --change opportunity=+10% --horizon 12 --invest 50000",
     run_whatif},
    {"sensitivity", CMD_SENSITIVITY, "which lever pays most: one step of each, ranked",
     "funnelplan sensitivity --stage NAME=RATE... (--volume COUNT | TARGET) [OPTIONS]",
     "Moves every stage's rate by --step and the deal size by --deal-size-step,\n"
     "one at a time, and ranks the levers. With --volume (and --deal-size) by the\n"
     "revenue each step gains per period; without it, with a target held\n"
     "(TARGET: --revenue with --deal-size, or --deals), by the volume each step\n"
     "saves at the top of the funnel per period. A rate is capped at 100%.",
     "CSV: a header and one row per lever, best first: lever, from, to,\n"
     "revenue_delta (volume held) or volume_delta (target held), share.",
     "funnelplan sensitivity --stage lead=10% --stage sql=50% \\\n"
     "    --stage opportunity=25% --deal-size 4000 --volume 2000",
     run_sensitivity},
    {"solve", CMD_SOLVE, "goal seek: the value one lever must reach for the target",
     "funnelplan solve --stage NAME=RATE... --volume COUNT TARGET --for LEVER [OPTIONS]",
     "Finds the value one lever (a stage's rate, the deal size or the volume)\n"
     "must reach, everything else held, for the volume to meet the target.\n"
     "TARGET is --revenue AMOUNT with --deal-size AMOUNT, or --deals COUNT. When\n"
     "a rate would have to exceed 100%, there is no answer (exit status 1).",
     "CSV: a header and one row: lever, current, value, change (value / current\n"
     "- 1; a rate as a fraction).",
     "funnelplan solve --stage opportunity=33% --deal-size 4000 --volume 75 \\\n"
     "    --at opportunity --revenue 125000 --for opportunity",
     run_solve},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

/* The commands' names as a list, "plan, forecast, ... or solve" with conj
 * "or" (160 bytes hold every name, about 50). */
static const char *command_names(char out[160], const char *conj)
{
    out[0] = '\0';
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        if (i > 0 && i + 1 < N_COMMANDS) {
            strcat(out, ", ");
        } else if (i > 0) {
            strcat(out, " ");
            strcat(out, conj);
            strcat(out, " ");
        }
        strcat(out, commands[i].name);
    }
    return out;
}

/* ---- help ---------------------------------------------------------------- */

static const char numbers_help[] =
    "Numbers read the same in every locale:\n"
    "  AMOUNT, COUNT  1000000, 1e6, 1_000_000, 1,000,000, 250k, 1.5M, 2B\n"
    "  RATE           12%, 12.5%, 0.12, 1/3 (above 0% and at most 100%)\n"
    "  PERIOD         month, quarter or year\n"
    "\n"
    "@FILE anywhere among the arguments reads more arguments from FILE: one per\n"
    "line, or an option and its value on one line (--stage lead=1%); blank lines\n"
    "and lines starting with # are skipped. A saved funnel is a file of options.\n";

static const char exit_help[] =
    "Exit status: 0 success; 1 a question without an answer (a whole count above\n"
    "2^53, a figure out of the range of a double, a change that pushes a rate out\n"
    "of 0% to 100%, a target no rate up to 100% can reach); 2 bad input or usage;\n"
    "3 the output could not be written.\n";

static void global_help(cli_buf *out)
{
    cli_buf_printf(out,
                   "funnelplan %s: plan a sales funnel backward from a target, or forward\n"
                   "from a volume; price an improvement, rank the levers, solve for one.\n\n",
                   fpl_version_string());
    cli_buf_puts(out, "Usage:\n");
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        cli_buf_printf(out, "  %s\n", commands[i].usage);
    }
    cli_buf_puts(out, "  funnelplan COMMAND --help\n  funnelplan --help | --version\n\n"
                      "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        cli_buf_printf(out, "  %-13s%s\n", commands[i].name, commands[i].summary);
    }
    cli_buf_puts(out, "\nOptions:\n"
                      "  --help     show this help, or a command's with COMMAND --help\n"
                      "  --version  print the version and exit\n\n");
    cli_buf_puts(out, numbers_help);
    cli_buf_putc(out, '\n');
    cli_buf_puts(out, exit_help);
}

static void command_help(const cli_command *cmd, cli_buf *out)
{
    cli_buf_printf(out, "Usage: %s\n\n%s\n\nOptions:\n", cmd->usage, cmd->description);
    size_t col = 0;
    for (size_t i = 0; i < N_OPTIONS; ++i) {
        const cli_option *o = &options[i];
        if (o->commands & cmd->bit) {
            size_t w = strlen(o->name) + (o->metavar ? 1 + strlen(o->metavar) : 0);
            col = w > col ? w : col;
        }
    }
    col += 2;
    for (size_t i = 0; i < N_OPTIONS; ++i) {
        const cli_option *o = &options[i];
        if (!(o->commands & cmd->bit)) {
            continue;
        }
        size_t w = strlen(o->name) + (o->metavar ? 1 + strlen(o->metavar) : 0);
        cli_buf_printf(out, "  %s%s%s", o->name, o->metavar ? " " : "",
                       o->metavar ? o->metavar : "");
        cli_buf_repeat(out, " ", col - w);
        for (const char *s = o->help; *s != '\0'; ++s) {
            cli_buf_putc(out, *s);
            if (*s == '\n') {
                cli_buf_repeat(out, " ", col + 2);
            }
        }
        cli_buf_putc(out, '\n');
    }
    cli_buf_printf(out, "\n%s\n", cmd->csv);
    /* The example is a shell command, its second line indented. */
    cli_buf_puts(out, "\nExample:\n  ");
    for (const char *s = cmd->example; *s != '\0'; ++s) {
        cli_buf_putc(out, *s);
        if (*s == '\n') {
            cli_buf_puts(out, "  ");
        }
    }
    cli_buf_puts(out, "\n\n");
    cli_buf_puts(out, numbers_help);
    cli_buf_putc(out, '\n');
    cli_buf_puts(out, exit_help);
}

/* ---- parsing ------------------------------------------------------------- */

struct request {
    const cli_command *cmd;
    const char *value[OPT_COUNT]; /* each option's value as given (the last of a
                                   * repeated one); NULL when absent */
    fpl_funnel funnel;
    fpl_terms terms;
    double volume;
    cli_format format;
    /* whatif: the --change texts, read once the funnel is complete */
    const char *change[FPL_MAX_CHANGES];
    size_t n_changes;
    unsigned horizon; /* 0: the library's default, the periods in a year */
    double invest;
    /* sensitivity */
    fpl_change_kind step_kind;
    double step;
    double deal_size_step;
};

/* "funnelplan: --stage 'lead=150%': rate must be between 0% and 100%" */
static int fail_value(opt_id id, const char *value, const char *message)
{
    cli_error_value(option_by_id(id)->name, value, message);
    return CLI_EXIT_USAGE;
}

/* The library's message for a status about one option's value: bad input
 * exits 2, a question without an answer (a change pushing a rate past 100%,
 * a target no rate can reach) exits 1. */
static int fail_status(opt_id id, const char *value, fpl_status st)
{
    fail_value(id, value, fpl_strerror(st));
    return fpl_status_is_input_error(st) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

static bool starts_option(const char *arg)
{
    return arg[0] == '-' && arg[1] == '-' && arg[2] != '\0';
}

/* Adds one --stage NAME=RATE (split at the last '='). */
static int add_stage(request *req, const char *value)
{
    const char *eq = strrchr(value, '=');
    if (eq == NULL) {
        return fail_value(OPT_STAGE, value, "expected NAME=RATE, e.g. lead=12%");
    }
    size_t name_len = (size_t)(eq - value);
    fpl_status st = fpl_stage_name_check(value, name_len);
    if (st != FPL_OK) {
        return fail_status(OPT_STAGE, value, st);
    }
    double rate;
    st = fpl_parse_rate(eq + 1, strlen(eq + 1), &rate);
    if (st == FPL_OK) {
        st = fpl_funnel_add_stage(&req->funnel, value, name_len, rate);
    }
    if (st != FPL_OK) {
        return fail_status(OPT_STAGE, value, st);
    }
    return CLI_EXIT_OK;
}

static int parse_amount(opt_id id, const char *value, double *out)
{
    fpl_status st = fpl_parse_amount(value, strlen(value), out);
    return st == FPL_OK ? CLI_EXIT_OK : fail_status(id, value, st);
}

/* A step the library refuses, with the library's message. A sign without %
 * or pp is FPL_ERR_CHANGE_SYNTAX, whose message speaks of LEVER=CHANGE (right
 * for --change); for a step the message of FPL_ERR_STEP says what a step is. */
static int fail_step(opt_id id, const char *value, fpl_status st)
{
    return fail_status(id, value, st == FPL_ERR_CHANGE_SYNTAX ? FPL_ERR_STEP : st);
}

/* Reads one option's value into the request. */
static int take_value(request *req, opt_id id, const char *value)
{
    fpl_terms *t = &req->terms;
    fpl_status st = FPL_OK;
    int rc = CLI_EXIT_OK;
    fpl_change_kind kind;
    switch (id) {
    case OPT_STAGE:
        rc = add_stage(req, value);
        break;
    case OPT_DEAL_SIZE:
        rc = parse_amount(id, value, &t->deal_size);
        t->has_deal_size = true;
        break;
    case OPT_REVENUE:
        rc = parse_amount(id, value, &t->revenue);
        t->target = FPL_TARGET_REVENUE;
        break;
    case OPT_DEALS:
        rc = parse_amount(id, value, &t->deals);
        t->target = FPL_TARGET_DEALS;
        break;
    case OPT_VOLUME:
        rc = parse_amount(id, value, &req->volume);
        break;
    case OPT_COST_PER_LEAD:
        rc = parse_amount(id, value, &t->cost_per_lead);
        t->has_cost_per_lead = true;
        break;
    case OPT_MARGIN:
        st = fpl_parse_rate(value, strlen(value), &t->margin);
        t->has_margin = true;
        break;
    case OPT_PER:
        st = fpl_period_parse(value, strlen(value), &t->per);
        break;
    case OPT_FORMAT:
        if (strcmp(value, "table") == 0) {
            req->format = CLI_FORMAT_TABLE;
        } else if (strcmp(value, "json") == 0) {
            req->format = CLI_FORMAT_JSON;
        } else if (strcmp(value, "csv") == 0) {
            req->format = CLI_FORMAT_CSV;
        } else {
            rc = fail_value(id, value, "format must be table, json or csv");
        }
        break;
    case OPT_CHANGE: /* read against the funnel once every --stage is known */
        if (req->n_changes == FPL_MAX_CHANGES) {
            rc = fail_status(id, value, FPL_ERR_CHANGE_COUNT);
        } else {
            req->change[req->n_changes++] = value;
        }
        break;
    case OPT_HORIZON:
        st = fpl_horizon_parse(value, strlen(value), &req->horizon);
        break;
    case OPT_INVEST:
        rc = parse_amount(id, value, &req->invest);
        break;
    case OPT_STEP:
        st = fpl_change_value_parse(value, strlen(value), true, &req->step_kind, &req->step);
        rc = st == FPL_OK ? rc : fail_step(id, value, st);
        st = FPL_OK;
        break;
    case OPT_DEAL_SIZE_STEP:
        st = fpl_change_value_parse(value, strlen(value), false, &kind, &req->deal_size_step);
        if (st == FPL_OK && kind != FPL_CHANGE_RELATIVE) {
            /* The library takes the deal-size step as a relative number and
             * cannot see how it was written: a set value is refused here,
             * with the library's status for a step of the wrong kind. */
            st = FPL_ERR_STEP;
        }
        rc = st == FPL_OK ? rc : fail_step(id, value, st);
        st = FPL_OK;
        break;
    case OPT_AT:   /* looked up once the funnel is complete */
    case OPT_FOR:  /* likewise */
    case OPT_HELP: /* handled before parsing */
    case OPT_COUNT:
        break;
    }
    return st == FPL_OK ? rc : fail_status(id, value, st);
}

/* Reads the arguments of a command (args[0] is the command's name). */
static int parse_command(request *req, const cli_args *args)
{
    const char *cmd = req->cmd->name;
    for (size_t i = 1; i < args->n; ++i) {
        const char *arg = args->v[i];
        if (!starts_option(arg)) {
            cli_error("%s: unexpected argument '%s' (options start with --; see "
                      "funnelplan %s --help)",
                      cmd, arg, cmd);
            return CLI_EXIT_USAGE;
        }
        const char *eq = strchr(arg, '=');
        size_t name_len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
        const cli_option *opt = NULL;
        bool elsewhere = false;
        for (size_t k = 0; k < N_OPTIONS; ++k) {
            if (strlen(options[k].name) == name_len &&
                memcmp(options[k].name, arg, name_len) == 0) {
                if (options[k].commands & req->cmd->bit) {
                    opt = &options[k];
                } else {
                    elsewhere = true;
                }
            }
        }
        if (opt == NULL) {
            cli_error("%s: unknown option '%.*s'%s (see funnelplan %s --help)", cmd,
                      (int)name_len, arg, elsewhere ? " for this command" : "", cmd);
            return CLI_EXIT_USAGE;
        }
        const char *value;
        if (opt->metavar == NULL) {
            if (eq != NULL) {
                return fail_value(opt->id, eq + 1, "this option takes no value");
            }
            continue; /* --help was handled before parsing */
        } else if (eq != NULL) {
            value = eq + 1;
        } else if (i + 1 < args->n && !starts_option(args->v[i + 1])) {
            value = args->v[++i];
        } else {
            cli_error("%s: a value is needed (%s %s)", opt->name, opt->name, opt->metavar);
            return CLI_EXIT_USAGE;
        }
        if (!opt->repeat && req->value[opt->id] != NULL) {
            return fail_value(opt->id, value, "given more than once");
        }
        if ((opt->id == OPT_REVENUE && req->value[OPT_DEALS] != NULL) ||
            (opt->id == OPT_DEALS && req->value[OPT_REVENUE] != NULL)) {
            return fail_value(opt->id, value,
                              opt->id == OPT_REVENUE ? "cannot be given with --deals"
                                                     : "cannot be given with --revenue");
        }
        req->value[opt->id] = value;
        int rc = take_value(req, opt->id, value);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    return CLI_EXIT_OK;
}

/* The option whose value a status of fpl_terms_check() or of a calculation
 * is about, or OPT_COUNT when it is about no single option. */
static opt_id blame(fpl_status st)
{
    switch (st) {
    case FPL_ERR_PERIOD: return OPT_PER;
    case FPL_ERR_REVENUE: return OPT_REVENUE;
    case FPL_ERR_DEALS: return OPT_DEALS;
    case FPL_ERR_DEAL_SIZE: return OPT_DEAL_SIZE;
    case FPL_ERR_COST: return OPT_COST_PER_LEAD;
    case FPL_ERR_MARGIN: return OPT_MARGIN;
    case FPL_ERR_VOLUME: return OPT_VOLUME;
    case FPL_ERR_COST_NOT_TOP: return OPT_AT;
    case FPL_ERR_STAGE_UNKNOWN: return OPT_AT;
    case FPL_ERR_DEAL_SIZE_MISSING: return OPT_REVENUE;
    case FPL_ERR_INVEST: return OPT_INVEST;
    case FPL_ERR_HORIZON: return OPT_HORIZON;
    default: return OPT_COUNT;
    }
}

/* Reports a failure of the library: bad input names the option and value
 * (exit 2); a question without an answer names the command (exit 1). */
static int fail_library(const request *req, fpl_status st)
{
    opt_id id = blame(st);
    if (id != OPT_COUNT && req->value[id] != NULL) {
        return fail_status(id, req->value[id], st);
    }
    cli_error("%s: %s", req->cmd->name, fpl_strerror(st));
    return fpl_status_is_input_error(st) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

/* Checks shared by every command once all options are read. */
static int check_common(request *req)
{
    if (req->funnel.n_stages == 0) {
        cli_error("%s: at least one --stage NAME=RATE is needed", req->cmd->name);
        return CLI_EXIT_USAGE;
    }
    fpl_status st = fpl_terms_check(&req->terms);
    return st == FPL_OK ? CLI_EXIT_OK : fail_library(req, st);
}

/* The question a whatif, sensitivity or solve asks: the funnel, the terms,
 * and the volume and its stage when one is given (--at needs --volume). */
static int read_question(request *req, cli_question *q)
{
    memset(q, 0, sizeof *q);
    q->funnel = &req->funnel;
    q->terms = &req->terms;
    q->has_volume = req->value[OPT_VOLUME] != NULL;
    q->volume.volume = req->volume;
    const char *at = req->value[OPT_AT];
    if (at != NULL) {
        if (!q->has_volume) {
            return fail_value(OPT_AT, at, "needs --volume (the units entering that stage)");
        }
        fpl_status st = fpl_funnel_find(&req->funnel, at, strlen(at), &q->volume.at);
        if (st != FPL_OK) {
            return fail_status(OPT_AT, at, st);
        }
    }
    return CLI_EXIT_OK;
}

/* whatif and sensitivity hold either the volume or the target. */
static int need_volume_or_target(const request *req)
{
    if (req->value[OPT_VOLUME] == NULL && req->terms.target == FPL_TARGET_NONE) {
        cli_error("%s: --volume COUNT (the volume held) or a target (--revenue with "
                  "--deal-size, or --deals; the target held) is needed",
                  req->cmd->name);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* ---- the commands ---------------------------------------------------- */

static int run_plan(request *req, cli_buf *out)
{
    if (req->funnel.n_stages > 0 && req->terms.target == FPL_TARGET_NONE) {
        cli_error("plan: a target is needed: --revenue with --deal-size, or --deals");
        return CLI_EXIT_USAGE;
    }
    int rc = check_common(req);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    fpl_plan plan;
    fpl_status st = fpl_plan_compute(&req->funnel, &req->terms, &plan);
    if (st != FPL_OK) {
        return fail_library(req, st);
    }
    cli_render_plan(out, req->format, &req->funnel, &plan);
    return CLI_EXIT_OK;
}

static int run_forecast(request *req, cli_buf *out)
{
    int rc = check_common(req);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (req->value[OPT_VOLUME] == NULL) {
        cli_error("forecast: --volume COUNT is needed (the units entering --at each period)");
        return CLI_EXIT_USAGE;
    }
    fpl_forecast_input in = {req->volume, 0};
    const char *at = req->value[OPT_AT];
    if (at != NULL) {
        fpl_status st = fpl_funnel_find(&req->funnel, at, strlen(at), &in.at);
        if (st != FPL_OK) {
            return fail_status(OPT_AT, at, st);
        }
    }
    fpl_forecast forecast;
    fpl_status st = fpl_forecast_compute(&req->funnel, &req->terms, &in, &forecast);
    if (st != FPL_OK) {
        return fail_library(req, st);
    }
    cli_render_forecast(out, req->format, &req->funnel, &forecast);
    return CLI_EXIT_OK;
}

static int run_whatif(request *req, cli_buf *out)
{
    int rc = check_common(req);
    if (rc == CLI_EXIT_OK) {
        rc = need_volume_or_target(req);
    }
    cli_question q;
    if (rc == CLI_EXIT_OK) {
        rc = read_question(req, &q);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    fpl_whatif_input *in = calloc(1, sizeof *in);
    fpl_whatif *w = malloc(sizeof *w);
    if (in == NULL || w == NULL) {
        free(in);
        free(w);
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    in->has_volume = q.has_volume;
    in->volume = q.volume;
    in->horizon = req->horizon;
    in->has_invest = req->value[OPT_INVEST] != NULL;
    in->invest = req->invest;
    fpl_status st = FPL_OK;
    for (size_t i = 0; i < req->n_changes && st == FPL_OK; ++i) {
        const char *text = req->change[i];
        st = fpl_change_parse(&req->funnel, text, strlen(text), &in->changes[i]);
        if (st != FPL_OK) {
            rc = fail_status(OPT_CHANGE, text, st);
        }
        in->n_changes = i + 1;
    }
    if (st == FPL_OK) {
        st = fpl_whatif_compute(&req->funnel, &req->terms, in, w);
        if (st == FPL_OK) {
            cli_render_whatif(out, req->format, &q, in, w);
        } else {
            /* The library's order decides what is at fault; when it is a
             * change, fpl_whatif_check() says which one. */
            size_t k = in->n_changes;
            bool change = fpl_whatif_check(&req->funnel, &req->terms, in, &k) == st &&
                          k < in->n_changes;
            rc = change ? fail_status(OPT_CHANGE, req->change[k], st) : fail_library(req, st);
        }
    }
    free(in);
    free(w);
    return rc;
}

static int run_sensitivity(request *req, cli_buf *out)
{
    int rc = check_common(req);
    if (rc == CLI_EXIT_OK) {
        rc = need_volume_or_target(req);
    }
    cli_question q;
    if (rc == CLI_EXIT_OK) {
        rc = read_question(req, &q);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    fpl_sensitivity_input in = {0};
    in.has_volume = q.has_volume;
    in.volume = q.volume;
    in.has_step = req->value[OPT_STEP] != NULL;
    in.step_kind = req->step_kind;
    in.step = req->step;
    in.has_deal_size_step = req->value[OPT_DEAL_SIZE_STEP] != NULL;
    in.deal_size_step = req->deal_size_step;
    fpl_sensitivity *r = malloc(sizeof *r);
    if (r == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    fpl_status st = fpl_sensitivity_compute(&req->funnel, &req->terms, &in, r);
    if (st == FPL_OK) {
        cli_render_sensitivity(out, req->format, &q, r);
    } else if (st == FPL_ERR_STEP && (in.has_step || in.has_deal_size_step)) {
        /* The library does not say which step it refused: the stage step
         * when it refuses that one alone (the default deal-size step is
         * valid), else the deal-size step. */
        opt_id id = OPT_DEAL_SIZE_STEP;
        if (in.has_step) {
            bool both = in.has_deal_size_step;
            in.has_deal_size_step = false;
            if (!both || fpl_sensitivity_compute(&req->funnel, &req->terms, &in, r) == st) {
                id = OPT_STEP;
            }
        }
        rc = fail_step(id, req->value[id], st);
    } else {
        rc = fail_library(req, st);
    }
    free(r);
    return rc;
}

static int run_solve(request *req, cli_buf *out)
{
    int rc = check_common(req);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (req->value[OPT_VOLUME] == NULL) {
        cli_error("solve: --volume COUNT is needed (the units entering --at each period)");
        return CLI_EXIT_USAGE;
    }
    if (req->terms.target == FPL_TARGET_NONE) {
        cli_error("solve: a target is needed: --revenue with --deal-size, or --deals");
        return CLI_EXIT_USAGE;
    }
    const char *lever = req->value[OPT_FOR];
    if (lever == NULL) {
        cli_error("solve: --for LEVER is needed (a stage, deal-size or volume)");
        return CLI_EXIT_USAGE;
    }
    cli_question q;
    rc = read_question(req, &q);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    fpl_solve_input in = {q.volume, FPL_LEVER_STAGE, 0};
    fpl_status st = fpl_lever_parse(&req->funnel, lever, strlen(lever), &in.lever, &in.stage);
    if (st != FPL_OK) {
        return fail_status(OPT_FOR, lever, st);
    }
    fpl_solve s;
    st = fpl_solve_compute(&req->funnel, &req->terms, &in, &s);
    if (st == FPL_ERR_CHANGE_LEVER || st == FPL_ERR_UNREACHABLE ||
        st == FPL_ERR_STAGE_UNKNOWN) {
        return fail_status(OPT_FOR, lever, st);
    }
    if (st != FPL_OK) {
        return fail_library(req, st);
    }
    cli_render_solve(out, req->format, &q, &s);
    return CLI_EXIT_OK;
}

/* ---- main ---------------------------------------------------------------- */

/* Writes the whole output at once; exit status 3 when it cannot. */
static int emit(cli_buf *out)
{
    if (out->oom) {
        cli_error("cannot write output: out of memory");
        return CLI_EXIT_OUTPUT;
    }
    errno = 0;
    size_t written = out->len > 0 ? fwrite(out->data, 1, out->len, stdout) : 0;
    int err = errno;
    if (written == out->len && fflush(stdout) == 0) {
        err = 0;
    } else if (err == 0) {
        err = errno;
    }
    errno = 0;
    if (fclose(stdout) != 0 && err == 0) {
        err = errno != 0 ? errno : EIO;
    }
    if (written != out->len && err == 0) {
        err = EIO;
    }
    if (err != 0) {
        cli_error("cannot write output: %s", strerror(err));
        return CLI_EXIT_OUTPUT;
    }
    return CLI_EXIT_OK;
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static int run(const cli_args *args, cli_buf *out)
{
    if (args->n == 0) {
        char names[160];
        cli_error("a command is needed: %s (see funnelplan --help)",
                  command_names(names, "or"));
        return CLI_EXIT_USAGE;
    }
    const char *first = args->v[0];
    if (strcmp(first, "--version") == 0) {
        if (args->n > 1) {
            cli_error("--version: unexpected argument '%s'", args->v[1]);
            return CLI_EXIT_USAGE;
        }
        cli_buf_printf(out, "funnelplan %s\n", fpl_version_string());
        return CLI_EXIT_OK;
    }
    if (strcmp(first, "--help") == 0) {
        if (args->n == 1) {
            global_help(out);
            return CLI_EXIT_OK;
        }
        const cli_command *cmd = find_command(args->v[1]);
        if (cmd == NULL || args->n > 2) {
            cli_error("--help: unexpected argument '%s' (try funnelplan --help)",
                      cmd == NULL ? args->v[1] : args->v[2]);
            return CLI_EXIT_USAGE;
        }
        command_help(cmd, out);
        return CLI_EXIT_OK;
    }
    const cli_command *cmd = find_command(first);
    if (cmd == NULL) {
        char names[160];
        if (first[0] == '-') {
            cli_error("unknown option '%s': a command comes first: %s "
                      "(see funnelplan --help)",
                      first, command_names(names, "or"));
        } else {
            cli_error("unknown command '%s': the commands are %s "
                      "(see funnelplan --help)",
                      first, command_names(names, "and"));
        }
        return CLI_EXIT_USAGE;
    }
    /* --help anywhere wins over every other argument. No value can be the
     * bare word --help: a value never starts with "--" unless given as
     * --option=VALUE, and then it is not an argument of its own. */
    for (size_t i = 1; i < args->n; ++i) {
        if (strcmp(args->v[i], "--help") == 0) {
            command_help(cmd, out);
            return CLI_EXIT_OK;
        }
    }
    request *req = calloc(1, sizeof *req);
    if (req == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    req->cmd = cmd;
    req->format = CLI_FORMAT_TABLE;
    int rc = parse_command(req, args);
    if (rc == CLI_EXIT_OK) {
        rc = cmd->run(req, out);
    }
    free(req);
    return rc;
}

int cli_execute(int argc, char **argv, cli_buf *out)
{
    cli_args args = {0};
    int rc = CLI_EXIT_USAGE;
    if (cli_args_expand(&args, argc, argv)) {
        rc = run(&args, out);
    }
    cli_args_free(&args);
    return rc;
}

int cli_main(int argc, char **argv)
{
    /* No setlocale(): the program stays in the C locale on purpose. */
    cli_buf out = {0};
    int rc = cli_execute(argc, argv, &out);
    if (rc == CLI_EXIT_OK) {
        rc = emit(&out);
    }
    cli_buf_free(&out);
    return rc;
}

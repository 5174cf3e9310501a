/*
 * funnelplan CLI — the tables behind parsing and --help: the commands, the
 * options and the --format values. funnelplan.c defines them and drives the
 * parser and --help from them; gen.c reads the same tables to write the man
 * page and the bash completion (funnelplan --generate-man,
 * --generate-bash-completion), so neither can drift from the program.
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_CLI_TABLES_H
#define FUNNELPLAN_CLI_TABLES_H

#include "cli.h"
#include "render.h"

#include "funnelplan/common.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    CMD_PLAN = 1u << 0,
    CMD_FORECAST = 1u << 1,
    CMD_WHATIF = 1u << 2,
    CMD_SENSITIVITY = 1u << 3,
    CMD_SOLVE = 1u << 4,
    CMD_ODDS = 1u << 5,
    CMD_CHANNELS = 1u << 6,
    CMD_SCHEDULE = 1u << 7,
    CMD_PACE = 1u << 8,
    CMD_SCORE = 1u << 9,
    CMD_LEARN = 1u << 10,
    /* the commands that ask about a funnel (they take --stage) */
    CMD_FUNNEL = CMD_PLAN | CMD_FORECAST | CMD_WHATIF | CMD_SENSITIVITY | CMD_SOLVE | CMD_ODDS |
                 CMD_CHANNELS | CMD_SCHEDULE | CMD_PACE,
    CMD_ALL = CMD_FUNNEL | CMD_SCORE | CMD_LEARN,
    /* the commands that take a lead mix (--mix) */
    CMD_MIX = CMD_PLAN | CMD_FORECAST | CMD_WHATIF | CMD_SENSITIVITY | CMD_SOLVE,
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
    OPT_CONFIDENCE,
    OPT_SIMULATE,
    OPT_TRIALS,
    OPT_SEED,
    OPT_DEAL_SIZE_CV,
    OPT_HISTORY,
    OPT_CHANNEL,
    OPT_ALLOCATE,
    OPT_START,
    OPT_MONTHS,
    OPT_SEASONALITY,
    OPT_MONTHLY_DEALS,
    OPT_MONTHLY_REVENUE,
    OPT_LAG,
    OPT_REPS,
    OPT_QUOTA,
    OPT_ATTAINMENT,
    OPT_ELAPSED,
    OPT_AS_OF,
    OPT_ACTUAL,
    OPT_ACTUAL_DEALS,
    OPT_ACTUAL_REVENUE,
    OPT_OPEN,
    OPT_AT_RISK,
    OPT_OFF_TRACK,
    OPT_MIX,
    OPT_SCENARIO_MIX,
    OPT_LEADS,
    OPT_CRITERIA,
    OPT_CRITERION,
    OPT_HOT,
    OPT_WARM,
    OPT_ID_COLUMN,
    OPT_STRICT,
    OPT_TOP,
    OPT_SATURATION,
    OPT_FIT,
    OPT_COLUMN,
    OPT_STAGES,
    OPT_BACKTEST,
    OPT_SAVE,
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
    fpl_field field;     /* the library's field the value goes to (FPL_FIELD_NONE: no
                          * field, e.g. --format): an error about that field
                          * names this option (cli_option_for_field) */
    const char *name;    /* "--stage" */
    const char *metavar; /* "NAME=RATE"; NULL for a flag */
    unsigned commands;   /* CMD_* bits of the commands that take it with this help */
    bool repeat;         /* may be given more than once */
    const char *help;    /* one line per '\n' */
} cli_option;

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

/* One value of --format and the commands that take it (CMD_* bits). */
typedef struct cli_format_value {
    const char *name; /* "json" */
    cli_format format;
    unsigned commands;
} cli_format_value;

/* Everything gen.c needs, defined once in funnelplan.c. */
typedef struct cli_tables {
    const cli_option *options;
    size_t n_options;
    const cli_command *commands;
    size_t n_commands;
    const cli_format_value *formats;
    size_t n_formats;
    const char *numbers_help; /* the NUMBERS and @FILE paragraphs of --help */
    const char *exit_help;    /* "Exit status: 0 success; 1 ...; 2 ...; 3 ..." */
} cli_tables;

extern const cli_tables cli_program_tables;

/* The option of a command (a CMD_* bit) whose value goes to a library field,
 * for naming what the user typed in an error the library describes; NULL
 * when the command has none (and for FPL_FIELD_NONE). */
const cli_option *cli_option_for_field(unsigned command, fpl_field field);

/* ---- gen.c: the man page and the bash completion ------------------------- */

/* Runs a hidden mode of the program (not in --help, used by the build):
 *   funnelplan --generate-man              roff for funnelplan(1)
 *   funnelplan --generate-bash-completion  a bash completion script
 * args->v[0] is the mode. Leaves the text in out; returns the exit status. */
int cli_generate(const cli_args *args, cli_buf *out);

#endif /* FUNNELPLAN_CLI_TABLES_H */

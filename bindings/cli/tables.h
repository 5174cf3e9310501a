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

#include "funnelplan.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- printing what the library renders (buf.c) ---------------------- */

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
    OPT_FORM,
    OPT_BACKTEST,
    OPT_SAVE,
    OPT_OUTCOME,
    OPT_SAVE_SCORE,
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

/* What a command needs before its run() is called, checked by the program
 * in this order (so the first thing missing is what is said). */
enum {
    NEED_STAGES = 1u << 0,       /* at least one --stage */
    NEED_TARGET_FIRST = 1u << 1, /* a target, said before the terms are checked */
    NEED_TERMS = 1u << 2,        /* fpl_terms_check(), then --mix applied */
    NEED_VOLUME = 1u << 3,       /* --volume */
    NEED_TARGET = 1u << 4,       /* a target, said after the volume */
    NEED_EITHER = 1u << 5,       /* --volume or a target (the one held) */
    NEED_FOR = 1u << 6,          /* solve: --for */
    NEED_QUESTION = 1u << 7,     /* req->question: --volume per --per, --at */
    NEED_FUNNEL = NEED_STAGES | NEED_TERMS
};

/* A command's run() returns an exit status, or CLI_REFUSED when the library
 * refused what it was given: the program then reports *err (cli_fail_error). */
enum { CLI_REFUSED = -1 };

/* One row per command. A new command is a CMD_* bit, a row of the commands
 * table in funnelplan.c (its texts, what it needs, its run function, its
 * operand if any), the rows of the options it takes (an OPT_* id each, and
 * a binding in binds[] unless it is kept as typed) and its run function,
 * declared below and defined in a cmd_*.c of its own: run() reads req (the
 * options as given and as read) and writes what the library rendered into
 * out. --help, the man page and the completion follow from the rows. */
typedef struct cli_command {
    const char *name;
    unsigned bit;
    const char *summary;
    const char *usage;
    const char *description;
    const char *csv; /* the CSV layout, for --help */
    const char *example;
    unsigned needs;  /* NEED_* bits */
    int (*run)(request *req, cli_buf *out, fpl_error *err);
    const char *operand; /* the one argument that is not an option ("FILE"), kept in
                          * req->operand; NULL: the command takes none */
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
    const char *numbers_lead;                 /* NUMBERS: "Numbers read the same ...:" */
    const char *const (*number_kinds)[2];     /* {"RATE", "12%, 12.5%, ..."}, ... */
    size_t n_number_kinds;
    const char *files_help;                   /* the @FILE paragraph */
    const char *const *exit_statuses; /* "0 success; ", "1 ...", ...: --help's text */
    size_t n_exit_statuses;
} cli_tables;

extern const cli_tables cli_program_tables;

/* The option of a command (a CMD_* bit) whose value goes to a library field,
 * for naming what the user typed in an error the library describes; NULL
 * when the command has none (and for FPL_FIELD_NONE). */
const cli_option *cli_option_for_field(unsigned command, fpl_field field);

/* ---- the request: what the command line said --------------------------- */

/* Every value of a repeated option is kept as typed, in the order given:
 * LIST_MAX holds the longest list the library takes. */
enum { LIST_MAX = FPL_MAX_CHANGES };

struct request {
    const cli_command *cmd;
    const char *operand;          /* the command's operand (cli_command.operand) */
    const char *value[OPT_COUNT]; /* each option's value as given (the last of a
                                   * repeated one; "" for a flag); NULL when absent */
    const char *list[OPT_COUNT][LIST_MAX]; /* a repeated option's values, in order */
    size_t n[OPT_COUNT];
    fpl_funnel funnel;
    fpl_terms terms;
    cli_format format;
    /* NEED_QUESTION: whether --volume was given, and the volume (per --per)
     * with its stage (--at, the top when not given) */
    bool has_volume;
    fpl_forecast_input question;
    /* the inputs the options go into; the rest of each is filled by the
     * command (what is read against the funnel) */
    fpl_whatif_input whatif;           /* --horizon, --invest */
    fpl_sensitivity_input sensitivity; /* --step, --deal-size-step */
    fpl_odds_sim_input sim;            /* --trials, --seed, --deal-size-cv (the
                                        * library's defaults otherwise) */
    double confidence[FPL_ODDS_MAX_REQUESTED]; /* plan and odds: the --confidence levels */
    bool by_shares; /* channels: --allocate shares */
    /* --mix (NEED_TERMS) and whatif's --scenario-mix, in funnel order */
    fpl_mix mix[FPL_MAX_STAGES];
    size_t n_mixes;
    fpl_mix scenario_mix[FPL_MAX_STAGES];
    size_t n_scenario_mixes;
    /* the larger inputs and results, one command's at a time (the request
     * lives on the heap) */
    union {
        fpl_schedule_input schedule;
        fpl_pace_input pace;
        fpl_channels_input channels;
        fpl_criteria criteria;
    } in;
    union {
        fpl_whatif whatif;
        fpl_sensitivity sensitivity;
        fpl_schedule schedule;
        fpl_pace pace;
        fpl_channels channels;
    } out;
};

/* How a value is read where a command reads it (cli_read_fields): the
 * option, and the offsets in the request of the value and of the bool set
 * when given (0: none). A STAGE=VALUE option (F_STAGE_*) fills the entry of
 * its stage in an array of FPL_MAX_STAGES. */
typedef enum field_kind { F_AMOUNT, F_RATE, F_STAGE_COUNT, F_STAGE_LAG } field_kind;
typedef struct cli_field {
    opt_id id;
    field_kind kind;
    size_t at;
    size_t has_at;
} cli_field;
#define AT(member) offsetof(request, member)

/* Reads the options of fields[0, n) that were given, in that order. */
int cli_read_fields(request *req, const cli_field *fields, size_t n);

/* The i-th STAGE=VALUE text of option id, read against the funnel: its
 * stage into *stage (at most once per stage: seen) and the text after the
 * '=' into *value. Reports a refusal and returns its exit status. */
int cli_stage_value(request *req, opt_id id, size_t i, bool seen[FPL_MAX_STAGES],
                    size_t *stage, const char **value);

/* An option's name, as the option table spells it. */
const char *cli_option_name(opt_id id);

/* A value of option id refused by the library (err): with the funnel read
 * so far, so that a name that is no stage's gets the stages and the one
 * probably meant. Returns the exit status. */
int cli_fail_option(const request *req, opt_id id, const char *value, const fpl_error *err);

/* A refusal of the library: bad input names the option the field came from
 * and the text given (for a list, the entry the index names); a failure of
 * no option's value names the command. Returns the exit status. */
int cli_fail_error(const request *req, const fpl_error *err);

/* The text the user gave option id: for a repeated option the entry the
 * library's index names (the order given, or the stage for STAGE=...), else
 * its value; NULL when not given. */
const char *cli_given_text(const request *req, opt_id id, size_t index);

/* The commands' run functions (cmd_*.c). */
int cli_run_channels(request *req, cli_buf *out, fpl_error *err);
int cli_run_schedule(request *req, cli_buf *out, fpl_error *err);
int cli_run_pace(request *req, cli_buf *out, fpl_error *err);
int cli_run_score(request *req, cli_buf *out, fpl_error *err);
int cli_run_learn(request *req, cli_buf *out, fpl_error *err);

/* ---- cmd_score.c's fit, which learn's --leads shares ---------------------- */

/* A fit of criterion weights to leads' outcomes, and what it was made from
 * (source.outcome points at outcome; source.preset at a static name or
 * req's text). */
typedef struct cli_fit {
    fpl_score_fit_result result;
    fpl_score_fit_source source;
    char outcome[FPL_NAME_MAX + 1];
} cli_fit;

/* The criteria options (--criteria or --criterion, --saturation, --hot,
 * --warm) into req->in.criteria; a refusal is reported. Returns the exit
 * status. */
int cli_score_criteria(request *req);

/* Reads --leads as `score` does (the criteria read first, --id-column),
 * with the outcome column outcome, and fits the weights (fpl_score_fit)
 * into *fit. Each faulty row is reported as FILE:LINE: MESSAGE. Returns
 * CLI_EXIT_OK, CLI_EXIT_SKIPPED (rows skipped: *fit is still made) or a
 * failure's status, reported. */
int cli_fit_leads(request *req, const char *outcome, cli_fit *fit);

/* Writes the fitted criteria to path as an @FILE for score (option names
 * the path in a message). Returns the exit status. */
int cli_save_fit(opt_id option, const char *path, const cli_fit *fit);

/* Appends the fit as `score --fit` prints it (fpl_score_fit_render). */
void cli_fit_render(cli_format format, const cli_fit *fit, cli_buf *out);

/* ---- gen.c: the man page and the bash completion ------------------------- */

/* Runs a hidden mode of the program (not in --help, used by the build):
 *   funnelplan --generate-man              roff for funnelplan(1)
 *   funnelplan --generate-bash-completion  a bash completion script
 * args->v[0] is the mode. Leaves the text in out; returns the exit status. */
int cli_generate(const cli_args *args, cli_buf *out);

#endif /* FUNNELPLAN_CLI_TABLES_H */

/*
 * funnelplan — the command-line tool:
 * `funnelplan COMMAND [OPTIONS]`, the commands in commands[].
 * SPDX-License-Identifier: MIT
 *
 * Thin: read the arguments, call the library, present the result. One
 * option table drives parsing, --help, the man page and the completion (as
 * libgit2's src/cli does); binds[] says where each option's value goes.
 * A command is a row of the commands table: parse_command() reads its
 * options into the request (tables.h), prepare() checks what the row says
 * it needs (NEED_*), and its run() computes and renders; a refusal of the
 * library is reported once, by cli_fail_error(), naming the option and the
 * text the library's fpl_error points at. Numbers typed by the user are
 * read only by the library's parsers, so they mean the same in every
 * locale. Output is built in memory and written at once; errors are one
 * line on stderr.
 *
 * The exit statuses are listed in exit_statuses[] (--help, the man page).
 */

#include "cli.h"
#include "tables.h"

#include "funnelplan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the option table ---------------------------------------------------- */

/* The CMD_* bits, the option ids and the row types: see tables.h. */

/* The commands that draw a picture with --format svg (funnelplan/svg.h), and the rest. */
enum {
    CMD_SVG = CMD_PLAN | CMD_FORECAST | CMD_WHATIF | CMD_SCHEDULE | CMD_CHANNELS,
    CMD_NO_SVG = CMD_ALL & ~CMD_SVG /* sensitivity, solve, odds, pace, score, ... */
};

static const cli_option options[] = {
    {OPT_STAGE, FPL_FIELD_STAGE, "--stage", "NAME=RATE", CMD_FUNNEL, true,
     "a stage and its conversion rate, top of the funnel\n"
     "first; repeat for each stage ({stages.min} to {stages.max}); the last\n"
     "stage's rate is its win rate"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_PLAN, false,
     "revenue target per period (needs --deal-size)"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_FORECAST, false,
     "a revenue target to measure the forecast against"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_HOLD, false,
     "revenue target per period (needs --deal-size); held\n"
     "when no --volume is given"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_SOLVE | CMD_ODDS, false,
     "the revenue target to reach per period (needs\n"
     "--deal-size); this or --deals is required"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_PLAN, false,
     "deal target per period (instead of --revenue)"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_FORECAST, false,
     "a deal target to measure the forecast against"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_HOLD, false,
     "deal target per period (instead of --revenue);\n"
     "held when no --volume is given"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_SOLVE | CMD_ODDS, false,
     "the deal target to reach per period (instead of\n"
     "--revenue)"},
    {OPT_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_PLAN, false, "average deal size"},
    {OPT_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_FORECAST | CMD_QUESTION | CMD_ODDS, false,
     "average deal size (gives the revenue)"},
    {OPT_VOLUME, FPL_FIELD_VOLUME, "--volume", "COUNT[/PERIOD]", CMD_FORECAST | CMD_SOLVE, false,
     "units entering stage --at each period (required);\n"
     "600/month converts to --per (7,200 a year)"},
    {OPT_VOLUME, FPL_FIELD_VOLUME, "--volume", "COUNT[/PERIOD]", CMD_HOLD, false,
     "units entering stage --at each period, held: the\n"
     "question is what the same volume brings; without\n"
     "it a target is held instead (what it needs);\n"
     "600/month converts to --per (7,200 a year)"},
    {OPT_VOLUME, FPL_FIELD_VOLUME, "--volume", "COUNT[/PERIOD]", CMD_ODDS, false,
     "whole units entering stage --at, with their period:\n"
     "600/month, 1,800/quarter or 7,200/year (required);\n"
     "a bare COUNT is per month, taken only when --per is\n"
     "month (the default)"},
    {OPT_AT, FPL_FIELD_AT, "--at", "NAME", CMD_FORECAST | CMD_QUESTION | CMD_ODDS, false,
     "the stage the volume enters (default: the top)"},
    {OPT_CHANGE, FPL_FIELD_CHANGE, "--change", "LEVER=CHANGE", CMD_WHATIF, true,
     "a change to price ({changes.min} to {changes.max}, applied in order).\n"
     "LEVER: a stage, deal-size, volume (with --volume)\n"
     "or cost-per-lead (with --cost-per-lead). CHANGE:\n"
     "+10% or -10% (relative: 33% becomes 36.3%), +3pp\n"
     "or -3pp (percentage points, stages only), or a\n"
     "plain value that sets the lever (40%, 5000)"},
    {OPT_HORIZON, FPL_FIELD_HORIZON, "--horizon", "N", CMD_WHATIF, false,
     "periods to add the gain up over: a whole number\n"
     "from {horizon.min} to {horizon.max} (default: the periods in a year)"},
    {OPT_INVEST, FPL_FIELD_INVEST, "--invest", "AMOUNT", CMD_WHATIF, false,
     "one-off cost of the improvement: adds the ROI\n"
     "over the horizon and the payback in periods"},
    {OPT_STEP, FPL_FIELD_STEP, "--step", "STEP", CMD_SENSITIVITY, false,
     "the step of every stage's rate: +{step.default:pp} (default) or\n"
     "a relative step such as +10%; above zero"},
    {OPT_DEAL_SIZE_STEP, FPL_FIELD_DEAL_SIZE_STEP, "--deal-size-step", "STEP", CMD_SENSITIVITY, false,
     "the relative step of the deal size: +{deal_size_step.default} (default)"},
    {OPT_FOR, FPL_FIELD_LEVER, "--for", "LEVER", CMD_SOLVE, false,
     "the lever to solve for (required): a stage at or\n"
     "below --at, deal-size (with --revenue) or volume"},
    {OPT_CONFIDENCE, FPL_FIELD_CONFIDENCE, "--confidence", "RATE", CMD_PLAN, false,
     "a chance of reaching the target (e.g. 90%): adds\n"
     "the least whole units every stage needs for it"},
    {OPT_CONFIDENCE, FPL_FIELD_CONFIDENCE, "--confidence", "RATE", CMD_ODDS, true,
     "a chance to give the volume for, besides 50%, 80%,\n"
     "90%, 95% and 99% (up to {confidence_levels.max} levels; above {confidence.min} and\n"
     "below {confidence.max})"},
    {OPT_MIX, FPL_FIELD_MIX, "--mix", "MIX", CMD_MIX, true,
     "the lead mix entering a stage, as\n"
     "STAGE=NAME:SHARE@RATE,... (e.g.\n"
     "sql=hot:20%@60%,warm:30%@30%,cold:50%@5%): each\n"
     "segment's share of the units and its own rate; the\n"
     "shares add up to 100%; the stage's rate becomes the\n"
     "blended rate (its --stage rate is not used); once\n"
     "per stage"},
    {OPT_SCENARIO_MIX, FPL_FIELD_SCENARIO_MIX, "--scenario-mix", "MIX", CMD_WHATIF, true,
     "the scenario's lead mix (e.g. a hand-off rule that\n"
     "passes on better leads), as for --mix: a change\n"
     "that sets the stage's rate to the blended rate, as\n"
     "--change STAGE=RATE would (after the --change\n"
     "list); once per stage"},
    {OPT_SIMULATE, FPL_FIELD_NONE, "--simulate", NULL, CMD_ODDS, false,
     "run the Monte Carlo simulation too (implied by\n"
     "--trials, --seed, --deal-size-cv and --history)"},
    {OPT_TRIALS, FPL_FIELD_TRIALS, "--trials", "COUNT", CMD_ODDS, false,
     "Monte Carlo trials: a whole number from {trials.min} to\n"
     "{trials.max} (default {trials.default})"},
    {OPT_SEED, FPL_FIELD_SEED, "--seed", "N", CMD_ODDS, false,
     "the generator's seed: a whole number from {seed.min} to\n"
     "{seed.max} (default {seed.default}); the same seed\n"
     "gives the same figures on every platform"},
    {OPT_DEAL_SIZE_CV, FPL_FIELD_DEAL_SIZE_CV, "--deal-size-cv", "NUMBER", CMD_ODDS, false,
     "how much one deal's size varies: its standard\n"
     "deviation / the deal size, {deal_size_cv.default} (fixed, the default)\n"
     "or {deal_size_cv.min} to {deal_size_cv.max}, e.g. 0.5 (with --deal-size); the\n"
     "sizes are gamma distributed"},
    {OPT_HISTORY, FPL_FIELD_HISTORY, "--history", "STAGE=WON/TOTAL", CMD_ODDS, true,
     "a stage's rate known from history: WON of TOTAL\n"
     "units moved on (e.g. lead=12/100); each trial draws\n"
     "the rate from what that history allows (Beta\n"
     "posterior); at most once per stage"},
    {OPT_CHANNEL, FPL_FIELD_CHANNEL, "--channel", "SPEC", CMD_CHANNELS, true,
     "a lead channel ({channels.min} to {channels.max}): 'NAME: FIELD=VALUE, ...'\n"
     "with cost-per-lead=AMOUNT, or spend=AMOUNT with\n"
     "leads=COUNT (or with cost-per-lead); capacity=COUNT\n"
     "(most leads per period); rate=RATE (its own top\n"
     "rate) or quality=FACTOR (times the top rate);\n"
     "deal-size=AMOUNT; share=RATE (--allocate shares)"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_CHANNELS, false,
     "revenue target per period: allocate the leads\n"
     "(needs --deal-size, or every channel's own)"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_CHANNELS, false,
     "deal target per period: allocate the leads"},
    {OPT_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_CHANNELS, false,
     "average deal size of channels without their own"},
    {OPT_ALLOCATE, FPL_FIELD_ALLOCATE, "--allocate", "HOW", CMD_CHANNELS, false,
     "with a target: cheapest (default: the least cost\n"
     "within the capacities) or shares (every channel's\n"
     "share= of the leads)"},
    {OPT_MARGIN, FPL_FIELD_MARGIN, "--margin", "RATE", CMD_CHANNELS, false,
     "gross margin, for gross profit, ROI and break-even\n"
     "(default {margin.default})"},
    /* schedule and pace: the values are read in cmd_schedule.c */
    {OPT_START, FPL_FIELD_START, "--start", "YYYY-MM", CMD_SCHEDULE, false,
     "the first month of the span (required), e.g. 2027-01"},
    {OPT_MONTHS, FPL_FIELD_MONTHS, "--months", "N", CMD_SCHEDULE, false,
     "months in the span: a whole number from {months.min} to {months.max}\n"
     "(default {months.default})"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_SCHEDULE, false,
     "revenue target per period (needs --deal-size),\n"
     "spread over the months of the span"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_SCHEDULE, false,
     "deal target per period (instead of --revenue),\n"
     "spread over the months of the span"},
    {OPT_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_SCHEDULE, false,
     "average deal size: gives the revenue, and with a\n"
     "lag on the last stage the sales velocity"},
    {OPT_SEASONALITY, FPL_FIELD_SEASONALITY, "--seasonality", "W1,...,W12", CMD_SCHEDULE, false,
     "{seasonality_weights.max} weights, January first (e.g. 8,8,9,...): a\n"
     "month's share of the target is its weight / the\n"
     "span's total (default: every month the same)"},
    {OPT_MONTHLY_DEALS, FPL_FIELD_MONTHLY_DEALS, "--monthly-deals", "LIST", CMD_SCHEDULE, false,
     "a deal target for each month of the span, comma\n"
     "separated (--months values), instead of --revenue\n"
     "or --deals"},
    {OPT_MONTHLY_REVENUE, FPL_FIELD_MONTHLY_REVENUE, "--monthly-revenue", "LIST", CMD_SCHEDULE, false,
     "a revenue target for each month of the span (needs\n"
     "--deal-size), instead of --revenue or --deals"},
    {OPT_LAG, FPL_FIELD_LAG, "--lag", "STAGE=LAG", CMD_SCHEDULE, true,
     "average time from entering STAGE to entering the\n"
     "next (the last stage: to closing): 45 or 45d days,\n"
     "2w weeks, 1.5m months; once per stage (default {lag.default});\n"
     "a fraction of a month splits a month's volume over\n"
     "the two months it falls between"},
    {OPT_REPS, FPL_FIELD_REPS, "--reps", "N", CMD_SCHEDULE, false,
     "sales reps sharing the work: adds every figure per\n"
     "rep"},
    {OPT_QUOTA, FPL_FIELD_QUOTA, "--quota", "AMOUNT", CMD_SCHEDULE, false,
     "revenue quota of one rep per period (needs\n"
     "--deal-size): adds the reps needed"},
    {OPT_ATTAINMENT, FPL_FIELD_ATTAINMENT, "--attainment", "RATE", CMD_SCHEDULE, false,
     "share of the quota a rep attains (with --quota;\n"
     "default {attainment.default})"},
    {OPT_REVENUE, FPL_FIELD_REVENUE, "--revenue", "AMOUNT", CMD_PACE, false,
     "revenue target per period (needs --deal-size);\n"
     "this or --deals is required"},
    {OPT_DEALS, FPL_FIELD_DEALS, "--deals", "COUNT", CMD_PACE, false,
     "deal target per period (instead of --revenue)"},
    {OPT_DEAL_SIZE, FPL_FIELD_DEAL_SIZE, "--deal-size", "AMOUNT", CMD_PACE, false,
     "average deal size (paces the revenue too)"},
    {OPT_ELAPSED, FPL_FIELD_ELAPSED, "--elapsed", "SHARE|MONTHS", CMD_PACE, false,
     "share of the period elapsed: 50%, 0.5, 15/31, or\n"
     "months of it: 4m, 4 months (above 0, at most all)"},
    {OPT_START, FPL_FIELD_START, "--start", "DATE", CMD_PACE, false,
     "instead of --elapsed, with --as-of: the first day\n"
     "of the period, YYYY-MM-DD"},
    {OPT_AS_OF, FPL_FIELD_AS_OF, "--as-of", "DATE", CMD_PACE, false,
     "the day measured, YYYY-MM-DD: elapsed = the days\n"
     "from --start to its end / the days of the period"},
    {OPT_ACTUAL, FPL_FIELD_ACTUAL, "--actual", "STAGE=COUNT", CMD_PACE, true,
     "units that entered STAGE so far in the period;\n"
     "once per stage"},
    {OPT_ACTUAL_DEALS, FPL_FIELD_ACTUAL_DEALS, "--actual-deals", "COUNT", CMD_PACE, false,
     "deals won so far in the period"},
    {OPT_ACTUAL_REVENUE, FPL_FIELD_ACTUAL_REVENUE, "--actual-revenue", "AMOUNT", CMD_PACE, false,
     "revenue won so far in the period (needs\n"
     "--deal-size)"},
    {OPT_OPEN, FPL_FIELD_OPEN, "--open", "STAGE=COUNT", CMD_PACE, true,
     "units in STAGE now (the open pipeline): adds the\n"
     "pipeline coverage; once per stage"},
    {OPT_LAG, FPL_FIELD_LAG, "--lag", "STAGE=LAG", CMD_PACE, true,
     "average time from entering STAGE to the next (the\n"
     "last: to closing), as for schedule: how much later\n"
     "a stage off track shows in deals"},
    {OPT_AT_RISK, FPL_FIELD_AT_RISK, "--at-risk", "RATE", CMD_PACE, false,
     "below this share of plan to date a figure is at\n"
     "risk (default {at_risk.default}; at most {at_risk.max})"},
    {OPT_OFF_TRACK, FPL_FIELD_OFF_TRACK, "--off-track", "RATE", CMD_PACE, false,
     "below this share of plan to date a figure is off\n"
     "track (default {off_track.default}; at most --at-risk)"},
    {OPT_REPS, FPL_FIELD_REPS, "--reps", "N", CMD_PACE, false,
     "sales reps sharing the work: adds the figures per\n"
     "rep"},
    /* learn: the values are read in cmd_learn.c */
    {OPT_COLUMN, FPL_FIELD_COLUMN, "--column", "ROLE=NAME", CMD_LEARN, true,
     "the header name of a column: ROLE is id, stage,\n"
     "date, amount, source or owner (default: the\n"
     "canonical name, or Salesforce's and HubSpot's)"},
    {OPT_STAGES, FPL_FIELD_STAGES, "--stages", "A,B,C", CMD_LEARN, false,
     "the funnel's stages, top first (default: the stage\n"
     "names in the order they first appear, or the wide\n"
     "form's date columns in header order); won and lost\n"
     "are the outcomes"},
    {OPT_FORM, FPL_FIELD_HISTORY_FORM, "--form", "FORM", CMD_LEARN, false,
     "long: a row per stage entry (id, stage, date); wide:\n"
     "a row per item, a date column per stage, won and\n"
     "lost (an empty cell: not reached), amount, source\n"
     "and owner; auto (default): wide when the header has\n"
     "no stage column but a won or lost column or one\n"
     "named in --stages (both: refused, give --form)"},
    {OPT_AS_OF, FPL_FIELD_AS_OF, "--as-of", "DATE", CMD_LEARN, false,
     "what now is, YYYY-MM-DD (default: the latest date\n"
     "in the file); a row dated after it is skipped"},
    {OPT_BACKTEST, FPL_FIELD_NONE, "--backtest", NULL, CMD_LEARN, false,
     "also learn at past dates, forecast the months after\n"
     "each and compare with what happened (MAPE, bias)"},
    {OPT_SAVE, FPL_FIELD_NONE, "--save", "FILE", CMD_LEARN, false,
     "write the funnel learned as a file of options that\n"
     "plan, forecast, odds, schedule and channels take\n"
     "as @FILE (needs the history FILE)"},
    {OPT_LEADS, FPL_FIELD_LEADS, "--leads", "FILE", CMD_LEARN, false,
     "also fit the criteria's weights to the leads'\n"
     "outcomes: a CSV file of leads as score reads it,\n"
     "with the --outcome column; FILE (the history) may\n"
     "then be left out"},
    {OPT_OUTCOME, FPL_FIELD_OUTCOME, "--outcome", "COLUMN", CMD_LEARN, false,
     "with --leads: the column of outcomes (won, lost,\n"
     "empty while open); the fit is score --fit COLUMN's"},
    /* score: the values are read in cmd_score.c */
    {OPT_LEADS, FPL_FIELD_LEADS, "--leads", "FILE", CMD_SCORE, false,
     "the CSV file of leads (required; - reads standard\n"
     "input): a header row naming the id column and every\n"
     "criterion once (in any case), then a lead per row;\n"
     "RFC 4180 quoting, UTF-8; any size (memory does not\n"
     "grow with it)"},
    {OPT_CRITERIA, FPL_FIELD_CRITERIA, "--criteria", "PRESET", CMD_SCORE | CMD_LEARN, false,
     "a preset: bant (the default without --criterion:\n"
     "budget, authority, need and timing, equal weights,\n"
     "all four required for sales-ready), bad (need,\n"
     "activity as a count, social), champ or meddic; the\n"
     "guide lists their criteria and weights"},
    {OPT_CRITERION, FPL_FIELD_CRITERION, "--criterion", "SPEC", CMD_SCORE | CMD_LEARN, true,
     "a criterion instead of the preset ({criteria.min} to {criteria.max}, in\n"
     "order): NAME (weight 1), NAME=WEIGHT or\n"
     "NAME=WEIGHT,required (must be fully met for\n"
     "sales-ready; with none required, sales-ready means\n"
     "hot); a last ,saturation=COUNT makes it a count"},
    {OPT_SATURATION, FPL_FIELD_SATURATION, "--saturation", "NAME=COUNT", CMD_SCORE | CMD_LEARN, true,
     "criterion NAME is answered with a count (clicks,\n"
     "downloads, views), full at COUNT: answer =\n"
     "min(count / COUNT, 1)"},
    {OPT_HOT, FPL_FIELD_HOT, "--hot", "SCORE", CMD_SCORE, false,
     "a score at or above this is hot (default {hot.default}; at\n"
     "most {hot.max})"},
    {OPT_WARM, FPL_FIELD_WARM, "--warm", "SCORE", CMD_SCORE, false,
     "a score at or above this is warm, below it cold\n"
     "(default {warm.default}; above {warm.min}, at most --hot)"},
    {OPT_ID_COLUMN, FPL_FIELD_ID_COLUMN, "--id-column", "NAME", CMD_SCORE | CMD_LEARN, false,
     "the column that names a lead (default id)"},
    {OPT_STRICT, FPL_FIELD_NONE, "--strict", NULL, CMD_SCORE, false,
     "a faulty row is fatal (exit status 2, nothing on\n"
     "stdout); without it the row is reported on stderr,\n"
     "skipped, and the exit status is 4"},
    {OPT_TOP, FPL_FIELD_TOP, "--top", "N", CMD_SCORE, false,
     "print only the N best rows (the counts still cover\n"
     "every row)"},
    {OPT_FIT, FPL_FIELD_OUTCOME, "--fit", "COLUMN", CMD_SCORE, false,
     "fit the weights to the outcomes in COLUMN (won,\n"
     "lost, empty while open) instead of ranking: prints\n"
     "the weights as --criterion options and the area\n"
     "under the ROC curve, fitted and given, on every\n"
     "5th lead held back"},
    {OPT_SAVE, FPL_FIELD_NONE, "--save", "FILE", CMD_SCORE, false,
     "with --fit: write the fitted criteria to FILE, an\n"
     "@FILE for score"},
    {OPT_SAVE_SCORE, FPL_FIELD_NONE, "--save-score", "FILE", CMD_LEARN, false,
     "with --leads: write the fitted criteria to FILE, an\n"
     "@FILE for score (as score --fit --save does)"},
    {OPT_PER, FPL_FIELD_PER, "--per", "PERIOD", CMD_FUNNEL & ~CMD_ODDS, false,
     "period of the target, the volume and the cost:\n"
     "month (default), quarter or year"},
    {OPT_PER, FPL_FIELD_PER, "--per", "PERIOD", CMD_ODDS, false,
     "period of the target: month (default), quarter or\n"
     "year (the volume says its own: 600/month)"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_PLAN, false,
     "cost of one unit entering the top stage: adds the\n"
     "budget, the cost per deal and the cost per unit\n"
     "at every stage"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_FORECAST, false,
     "cost of one unit entering the top stage (only\n"
     "with --at at the top): adds the budget and the\n"
     "cost per deal"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_WHATIF, false,
     "cost of one unit entering the top stage (with a\n"
     "volume, only with --at at the top): the cost added\n"
     "or saved counts in the gain"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_SENSITIVITY | CMD_SOLVE, false,
     "cost of one unit entering the top stage (with a\n"
     "volume, only with --at at the top)"},
    {OPT_MARGIN, FPL_FIELD_MARGIN, "--margin", "RATE", CMD_PLAN | CMD_FORECAST | CMD_SENSITIVITY | CMD_SOLVE,
     false, "gross margin, for the gross profit (default {margin.default})"},
    {OPT_MARGIN, FPL_FIELD_MARGIN, "--margin", "RATE", CMD_WHATIF, false,
     "gross margin: the gain counts revenue x margin\n"
     "(default {margin.default})"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_ODDS, false,
     "accepted (so a saved funnel can be used) and not\n"
     "used by odds"},
    {OPT_MARGIN, FPL_FIELD_MARGIN, "--margin", "RATE", CMD_ODDS, false,
     "accepted (so a saved funnel can be used) and not\n"
     "used by odds"},
    {OPT_COST_PER_LEAD, FPL_FIELD_COST_PER_LEAD, "--cost-per-lead", "AMOUNT", CMD_SCHEDULE | CMD_PACE, false,
     "accepted (so a saved funnel can be used) and not\n"
     "used here"},
    {OPT_MARGIN, FPL_FIELD_MARGIN, "--margin", "RATE", CMD_SCHEDULE | CMD_PACE, false,
     "accepted (so a saved funnel can be used) and not\n"
     "used here"},
    {OPT_FORMAT, FPL_FIELD_NONE, "--format", "FORMAT", CMD_SVG, false,
     "table (default, for people), json, csv or svg\n"
     "(a picture: a standalone SVG 800 px wide)"},
    {OPT_FORMAT, FPL_FIELD_NONE, "--format", "FORMAT", CMD_NO_SVG, false,
     "table (default, for people), json or csv"},
    {OPT_HELP, FPL_FIELD_NONE, "--help", NULL, CMD_ALL, false, "show this help and exit (also -h)"},
};

enum { N_OPTIONS = sizeof options / sizeof options[0] };

const char *cli_option_name(opt_id id)
{
    for (size_t i = 0; i < N_OPTIONS; ++i) {
        if (options[i].id == id) {
            return options[i].name;
        }
    }
    return NULL;
}

/* ---- the commands -------------------------------------------------------- */

/* The command rows (cli_command): see tables.h. */

static int run_plan(request *req, cli_buf *out, fpl_error *err);
static int run_forecast(request *req, cli_buf *out, fpl_error *err);
static int run_whatif(request *req, cli_buf *out, fpl_error *err);
static int run_sensitivity(request *req, cli_buf *out, fpl_error *err);
static int run_solve(request *req, cli_buf *out, fpl_error *err);
static int run_odds(request *req, cli_buf *out, fpl_error *err);

static const cli_command commands[] = {
    {"plan", CMD_PLAN, "backward from a target: the units every stage needs",
     "funnelplan plan --stage NAME=RATE... TARGET [OPTIONS]",
     "Works backward from a target to the units that must enter every stage of\n"
     "the funnel per period, exact and in whole units. TARGET is either\n"
     "--revenue AMOUNT with --deal-size AMOUNT, or --deals COUNT. With\n"
     "--confidence RATE also the least whole units entering each stage that reach\n"
     "the whole deals with that chance (every unit converts on its own; see odds).",
     "CSV: a header and one row per stage, top first: stage, rate,\n"
     "cumulative_rate, required, required_whole, cost_per (with a cost per lead),\n"
     "required_for_confidence (with --confidence), required_per_month,\n"
     "required_per_quarter, required_per_year.",
     "funnelplan plan --stage lead=1% --stage accepted=10% \\\n"
     "    --deal-size 50000 --revenue 1000000 --per year",
     NEED_STAGES | NEED_TARGET_FIRST | NEED_TERMS, run_plan, NULL},
    {"forecast", CMD_FORECAST, "forward from a volume: the deals and revenue it brings",
     "funnelplan forecast --stage NAME=RATE... --volume COUNT [--at NAME] [OPTIONS]",
     "Works forward from a volume entering one stage each period to the units\n"
     "expected at every stage below it, the deals and the revenue; with a target,\n"
     "the gap and the attainment.",
     "CSV: a header and one row per stage from --at down: stage, rate, expected,\n"
     "expected_per_month, expected_per_quarter, expected_per_year.",
     "funnelplan forecast --stage opportunity=1/3 --deal-size 4000 \\\n"
     "    --volume 75 --at opportunity",
     NEED_FUNNEL | NEED_VOLUME | NEED_QUESTION, run_forecast, NULL},
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
     "CSV: figure,stage,baseline,scenario,delta, one row per figure of the\n"
     "table: rate (a row per stage), expected (volume held, from --at down) or\n"
     "required (target held), deal_size, cost_per_lead, then volume, deals,\n"
     "revenue, cost and gain per period, the same with _horizon over the\n"
     "horizon, and with --invest: invest, roi, payback_periods. The figures of\n"
     "the change alone (gain, invest, roi, payback) are in the delta column.",
     "funnelplan whatif --stage opportunity=33% --deal-size 4000 --volume 75 \\\n"
     "    --at opportunity --change opportunity=+10% --horizon 12 --invest 50000",
     NEED_FUNNEL | NEED_EITHER | NEED_QUESTION, run_whatif, NULL},
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
     NEED_FUNNEL | NEED_EITHER | NEED_QUESTION, run_sensitivity, NULL},
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
     NEED_FUNNEL | NEED_VOLUME | NEED_TARGET | NEED_FOR | NEED_QUESTION, run_solve, NULL},
    {"odds", CMD_ODDS, "the chance of the target with a volume, the volume for a chance",
     "funnelplan odds --stage NAME=RATE... --volume COUNT[/PERIOD] TARGET [OPTIONS]",
     "How likely a whole volume entering --at each period is to reach the target\n"
     "(TARGET: --revenue with --deal-size, or --deals; its deals rounded up to\n"
     "whole deals), when every unit becomes a deal on its own with the cumulative\n"
     "rate of that stage (binomial): the chance, the deals in 8 of 10 periods\n"
     "(P10 to P90), and the least volume for each confidence level. A Monte Carlo\n"
     "simulation (--simulate, or any of --trials, --seed, --deal-size-cv,\n"
     "--history) adds deal sizes that vary and rates known only from history;\n"
     "the same seed gives the same figures. The volume carries its own period\n"
     "(--volume 600/month with --per year is 7,200 a year); the target is per --per.",
     "CSV: a header and a row for the volume given, then one row per confidence\n"
     "level: row (given or needed), volume (units entering --at per --per: the\n"
     "volume given, or the least for the level), per, chance (the chance with\n"
     "the volume given, or the level, which the volume needed reaches),\n"
     "target_deals, given_volume (the same volume per volume_per: as given, or\n"
     "the least whole units per that period), volume_per.",
     "funnelplan odds --stage lead=12% --deals 12 --volume 100 --confidence 75%",
     NEED_STAGES | NEED_TARGET_FIRST | NEED_TERMS | NEED_VOLUME, run_odds, NULL},
    {"channels", CMD_CHANNELS, "lead channels: profitability, break-even, cheapest mix",
     "funnelplan channels --stage NAME=RATE... --channel SPEC... [TARGET] [OPTIONS]",
     "Without a target: the profitability of the leads each channel brings (each\n"
     "needs leads=, or spend= with cost-per-lead=): leads, opportunities (units\n"
     "entering the last stage), deals, revenue, cost, cost per deal, gross profit,\n"
     "ROI, ranked by ROI; the break-even cost per lead and the headroom. With a\n"
     "TARGET (--revenue, or --deals) the leads are allocated: the cheapest way\n"
     "within the capacities (channels in order of cost per deal), or by fixed\n"
     "shares (--allocate shares). When the channels cannot bring enough, there is\n"
     "no answer (exit status 1) and the message says the most they can deliver.\n"
     "A saved list of channels is a file of --channel lines: @FILE.",
     "CSV: a header and one row per channel, ranked: rank, channel, cost_per_lead,\n"
     "capacity, leads, share, opportunities, deals, revenue, cost,\n"
     "cost_per_opportunity, cost_per_deal, gross_profit, roi,\n"
     "break_even_cost_per_lead, headroom, loses_money (empty when unknown).",
     "funnelplan channels --stage lead=20% --stage sql=50% --stage opportunity=25% \\\n"
     "    --channel 'search: cost-per-lead=40, capacity=600' \\\n"
     "    --channel 'webinars: cost-per-lead=90, rate=40%, capacity=300' \\\n"
     "    --channel 'display: cost-per-lead=35, quality=0.5' \\\n"
     "    --deal-size 4000 --margin 60% --deals 40",
     NEED_STAGES, cli_run_channels, NULL},
    {"schedule", CMD_SCHEDULE, "month by month: seasonality, stage lags, reps, velocity",
     "funnelplan schedule --stage NAME=RATE... --start YYYY-MM TARGET [OPTIONS]",
     "Spreads the target over the calendar months of a span (--start, --months)\n"
     "by seasonality weights, or takes a target per month, and works back up the\n"
     "funnel with the lag of each stage: the units that must enter every stage in\n"
     "every month, from the first month in which the top of the funnel must\n"
     "already run. TARGET is --revenue with --deal-size, --deals, or a target per\n"
     "month (--monthly-deals or --monthly-revenue). The totals are plan's volume\n"
     "per period x the months of the span / the months of the period. With\n"
     "--reps every figure also per rep; with --quota the reps needed; with a deal\n"
     "size and a lag on the last stage the sales velocity (units entering the\n"
     "last stage a month x its rate x deal size / the days of its lag).",
     "CSV: a header and one row per month, earliest first: month, in_span (false\n"
     "before the start), share, deals, revenue (empty without a deal size), then\n"
     "the units entering each stage (a column per stage, named after it); with\n"
     "--reps also deals_per_rep and a STAGE_per_rep column per stage.",
     "funnelplan schedule --stage lead=10% --stage opportunity=1/3 --deals 120 \\\n"
     "    --per year --start 2027-01 --lag lead=1m --lag opportunity=2m",
     NEED_FUNNEL, cli_run_schedule, NULL},
    {"pace", CMD_PACE, "actuals against plan: status, catch-up, warning, coverage",
     "funnelplan pace --stage NAME=RATE... TARGET (--elapsed SHARE|MONTHS | --start DATE "
     "--as-of DATE) [OPTIONS]",
     "Measures the period's actuals so far against the plan of TARGET (--revenue\n"
     "with --deal-size, or --deals) at the share of the period elapsed: for every\n"
     "stage with --actual, and for the deals and revenue won, the plan to date,\n"
     "the attainment, the run-rate projection, the rate needed over the rest of\n"
     "the period, what is still needed in whole units and per month left, and a\n"
     "status (on track, at risk, off track). The early warning\n"
     "is the highest stage off track and, with --lag, how many months later it\n"
     "shows in deals. With --open, the pipeline coverage: the open units against\n"
     "the deals still to close, raw and weighted by each stage's rate to a won\n"
     "deal, and the coverage the funnel's own rates require (not a fixed 3x).",
     "CSV: a header and one row per stage, then a row deals and, with a deal\n"
     "size, a row revenue: stage, plan, plan_to_date, actual, attainment,\n"
     "projection, needed_rate, status, still_needed, still_needed_whole,\n"
     "needed_per_month, needed_per_month_whole, implied_deals (stages only), and\n"
     "with --reps plan_per_rep, actual_per_rep, needed_rate_per_rep (empty\n"
     "where the table shows no figure).",
     "funnelplan pace --stage lead=10% --stage opportunity=25% --deals 10 \\\n"
     "    --elapsed 50% --actual lead=150 --actual opportunity=19 --actual-deals 4",
     NEED_STAGES | NEED_TARGET_FIRST | NEED_TERMS, cli_run_pace, NULL},
    {"score", CMD_SCORE, "lead qualification: score, band and rank a CSV of leads",
     "funnelplan score --leads FILE [--criteria PRESET | --criterion SPEC...] [--fit COLUMN] "
     "[OPTIONS]",
     "Scores every lead of a CSV file against weighted criteria (BANT by\n"
     "default): an answer per criterion from 0 (not met) to 1 (fully met;\n"
     "yes/no, y/n and true/false in any case, 50% and 1/2 are read too; empty\n"
     "is 0). The score is 100 x the weighted answers / the weights (weights of\n"
     "any size, 1e-300 or 1e300, never overflow); the table shows it with one\n"
     "decimal, rounded toward its band at a threshold (74.99 is 74.9 warm, not\n"
     "75.0). The header's names match in any ASCII case. The band is hot at\n"
     "--hot or above, warm at --warm or above, else cold; a lead is sales-ready\n"
     "when every required criterion is fully met (with none required: when it\n"
     "is hot). Leads are ranked most promising first: higher score, then\n"
     "sales-ready, then the order of the file. A faulty row is reported on\n"
     "stderr as FILE:LINE: MESSAGE and skipped (exit status 4), or with --strict\n"
     "ends the run (exit status 2). With --fit COLUMN the weights are fitted\n"
     "to the won/lost outcomes instead (a logistic regression on 4 of every 5\n"
     "leads) and both scores are measured on the 5th by the area under the ROC\n"
     "curve; --save FILE keeps the fitted criteria as an @FILE.",
     "CSV: a header and one row per lead, ranked: rank, line (where the row\n"
     "starts in the file), id, score, band, sales_ready (true or false), missing\n"
     "(the criteria not fully met, separated by ;).",
     "funnelplan score --leads leads.csv --top 20",
     0, cli_run_score, NULL},
    {"learn", CMD_LEARN, "learn the funnel from CRM history: rates, lags, deal size",
     "funnelplan learn [FILE] [--stages A,B,C] [--leads LEADS --outcome COLUMN] [OPTIONS]",
     "Learns the funnel from a CSV history of items moving through stages (one\n"
     "row per stage entered: id, stage, date, and optionally amount, source and\n"
     "owner; the stage won or lost closes an item; or, --form wide, one row per\n"
     "item with a date column per stage, won and lost). Each stage's conversion\n"
     "rate counts an item still open as undecided, not lost (the Aalen-Johansen\n"
     "estimator: Kaplan-Meier with won and lost as competing outcomes), with a\n"
     "90% interval and the naive converted / entered beside it; the time to the\n"
     "next stage in days; deal size; seasonality of entries; figures by source\n"
     "and owner; with --backtest how plans learned at past dates would have\n"
     "done. A faulty row is reported on stderr as FILE:LINE: MESSAGE and skipped\n"
     "(exit status 4). --save FILE writes the funnel for plan and the others.\n"
     "\n"
     "With --leads LEADS --outcome COLUMN it also fits the criteria's weights to\n"
     "the leads' won/lost outcomes and prints how well the fitted score and the\n"
     "preset's separate won from lost (the area under the ROC curve on every 5th\n"
     "lead, held back): the fit of score --leads LEADS --fit COLUMN, byte for\n"
     "byte; --save-score FILE keeps the fitted criteria as an @FILE for score.\n"
     "Without the history FILE only the fit is printed; with both, the funnel\n"
     "then the fit (JSON: learn's object with one more key, score_fit, the fit's\n"
     "object).",
     "CSV: a header and one row per stage, top first: stage, entered, converted,\n"
     "lost, open, rate, low, high (the 90% interval), naive_rate, effective_n,\n"
     "lag_mean, lag_median, lag_p75, lag_p90 (days; empty when not known). With\n"
     "--leads, the fit's CSV (name, weight, given_weight, required, coefficient;\n"
     "a row per criterion) follows after one empty line; alone without FILE.",
     "funnelplan learn history.csv --stages lead,sql,opportunity --save funnel.txt",
     0, cli_run_learn, "FILE"},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

enum { COMMAND_NAMES_MAX = 160 };

/* Appends s to the *len bytes of out, a text of at most
 * COMMAND_NAMES_MAX - 1 bytes (what would not fit is cut). */
static void names_put(char out[COMMAND_NAMES_MAX], size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (n > COMMAND_NAMES_MAX - 1 - *len) {
        n = COMMAND_NAMES_MAX - 1 - *len;
    }
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

/* The commands' names as a list, "plan, forecast, ... or solve" with conj
 * "or" (160 bytes hold every name, about 50). */
static const char *command_names(char out[COMMAND_NAMES_MAX], const char *conj)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        if (i > 0 && i + 1 < N_COMMANDS) {
            names_put(out, &len, ", ");
        } else if (i > 0) {
            names_put(out, &len, " ");
            names_put(out, &len, conj);
            names_put(out, &len, " ");
        }
        names_put(out, &len, commands[i].name);
    }
    return out;
}

/* ---- help ---------------------------------------------------------------- */

/* What numbers look like, and @FILE: --help and the man page (NUMBERS, FILES). */
static const char numbers_lead[] = "Numbers read the same in every locale:";
static const char *const number_kinds[][2] = {
    {"AMOUNT, COUNT", "1000000, 1e6, 1_000_000, 1,000,000, 250k, 1.5M, 2B"},
    {"RATE", "12%, 12.5%, 0.12, 1/3 (above 0% and at most 100%)"},
    {"PERIOD", "month, quarter or year"},
};
static const char files_help[] =
    "@FILE anywhere among the arguments reads more arguments from FILE: one per\n"
    "line, or an option and its value on one line (--stage lead=1%); blank lines\n"
    "and lines starting with # are skipped. A saved funnel is a file of options.\n";

enum { N_NUMBER_KINDS = sizeof number_kinds / sizeof number_kinds[0] };

static void numbers_help(cli_buf *out)
{
    cli_buf_printf(out, "%s\n", numbers_lead);
    for (size_t i = 0; i < N_NUMBER_KINDS; ++i) {
        cli_buf_printf(out, "  %-15s%s\n", number_kinds[i][0], number_kinds[i][1]);
    }
    cli_buf_printf(out, "\n%s", files_help);
}

/* The exit statuses, "N text" each with what follows it in --help (after
 * "Exit status: "); the man page gives one paragraph per status, and an
 * entry that is not "N text" (learn's) goes on the paragraph before it. */
static const char *const exit_statuses[] = {
    "0 success; ",
    "1 a question without an answer (a whole count above\n"
    "2^53, a figure out of the range of a double, a change that pushes a rate out\n"
    "of 0% to 100%, a target no rate up to 100% can reach, channels that cannot\n"
    "bring enough leads); ",
    "2 bad input or usage;\n",
    "3 the output could not be written; ",
    "4 score only: some rows were skipped (each\n"
    "reported on stderr; the others are scored and printed); ",
    "learn exits 4 alike\n"
    "for the rows of a history it skips.\n",
};

enum { N_EXIT_STATUSES = sizeof exit_statuses / sizeof exit_statuses[0] };

static void exit_help(cli_buf *out)
{
    cli_buf_puts(out, "Exit status: ");
    for (size_t i = 0; i < N_EXIT_STATUSES; ++i) {
        cli_buf_puts(out, exit_statuses[i]);
    }
}

/* The values of --format, and the commands that take each. */
static const cli_format_value formats[] = {
    {"table", CLI_FORMAT_TABLE, CMD_ALL},
    {"json", CLI_FORMAT_JSON, CMD_ALL},
    {"csv", CLI_FORMAT_CSV, CMD_ALL},
    {"svg", CLI_FORMAT_SVG, CMD_SVG},
};

/* The tables, for gen.c (the man page and the bash completion). */
const cli_tables cli_program_tables = {
    options, N_OPTIONS, commands, N_COMMANDS,
    formats, sizeof formats / sizeof formats[0],
    numbers_lead, number_kinds, N_NUMBER_KINDS, files_help, exit_statuses, N_EXIT_STATUSES,
};

static int run_help(const cli_args *args, cli_buf *out);
static int run_version(const cli_args *args, cli_buf *out);

/* The program's own options, given instead of a command: what --help lists
 * under "Options:", and (help NULL, a name prefix) the hidden modes for the
 * build, --generate-man and --generate-bash-completion (gen.c). */
static const struct program_option {
    const char *name;
    const char *help;
    int (*run)(const cli_args *args, cli_buf *out);
} program_options[] = {
    {"--help", "show this help, or a command's with COMMAND --help", run_help},
    {"-h", "the same as --help; help [COMMAND] too", run_help},
    {"--version", "print the version and exit", run_version},
    {"--generate-", NULL, cli_generate},
};

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
    cli_buf_puts(out, "  funnelplan COMMAND --help\n  funnelplan help [COMMAND]\n"
                      "  funnelplan --help | --version\n\n"
                      "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        cli_buf_printf(out, "  %-13s%s\n", commands[i].name, commands[i].summary);
    }
    cli_buf_puts(out, "\nOptions:\n");
    for (size_t i = 0; program_options[i].help != NULL; ++i) {
        cli_buf_printf(out, "  %-11s%s\n", program_options[i].name, program_options[i].help);
    }
    cli_buf_putc(out, '\n');
    numbers_help(out);
    cli_buf_putc(out, '\n');
    exit_help(out);
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
        cli_buf help = {0};
        cli_buf_help(&help, o->help);
        for (size_t k = 0; k < help.len; ++k) {
            cli_buf_putc(out, help.data[k]);
            if (help.data[k] == '\n') {
                cli_buf_repeat(out, " ", col + 2);
            }
        }
        out->oom |= help.oom;
        cli_buf_free(&help);
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
    numbers_help(out);
    cli_buf_putc(out, '\n');
    exit_help(out);
}

/* ---- parsing ------------------------------------------------------------- */

/* How an option's value is read, and where it goes: the other half of an
 * option's row (tables.h has its name, metavar, commands, field and help). */
typedef enum value_kind {
    V_TEXT,      /* kept as typed in value[]: read later, against the complete
                  * funnel or by cmd_*.c (and flags: present) */
    V_LIST,      /* repeated: kept as typed in list[], at most `limit` */
    V_PER_STAGE, /* repeated STAGE=...: kept as typed, at most one per stage */
    V_AMOUNT,    /* fpl_parse_amount() into the double at `at` */
    V_VOLUME,    /* --volume: the text (COUNT or COUNT/PERIOD), read once --per
                  * is known: read_volume, and run_odds */
    V_COUNT,     /* fpl_parse_count() into the double at `at`: deals, volumes */
    V_RATE,      /* fpl_parse_rate() into the double at `at` */
    V_STAGE,     /* --stage NAME=RATE, added to the funnel */
    V_PERIOD,    /* fpl_period_parse() */
    V_FORMAT,    /* a value of the formats table the command takes */
    V_HORIZON,   /* fpl_horizon_parse() */
    V_STEP,      /* fpl_step_parse() of a rate's step, or (deal_size) the deal size's */
    V_TRIALS,    /* fpl_odds_trials_parse() */
    V_SEED,      /* decimal digits of a uint64_t */
    V_ALLOCATE,  /* cheapest or shares */
    V_CONFIDENCE /* a list whose entries are rates, read at once */
} value_kind;

typedef struct opt_bind {
    value_kind kind;
    size_t at;       /* offsetof(request, ...): the value (V_AMOUNT, V_RATE) */
    size_t has_at;   /* offsetof(request, ...): a bool set when given; 0: none */
    fpl_limit limit; /* V_LIST, V_CONFIDENCE: how many the library takes */
    int target;      /* V_AMOUNT of a target: its fpl_target_kind; else 0 */
    const char *full; /* V_PER_STAGE: the message past one per stage */
    const char *expected; /* STAGE=...: the message without an '=' (cli_stage_value) */
    const char *again;    /* STAGE=...: the message for a stage given twice */
} opt_bind;

#define ONCE "that stage is given already (once per stage)"

static const opt_bind binds[OPT_COUNT] = {
    [OPT_STAGE] = {V_STAGE, 0, 0, FPL_LIMIT_STAGES, 0, NULL, NULL, NULL},
    [OPT_DEAL_SIZE] = {V_AMOUNT, AT(terms.deal_size), AT(terms.has_deal_size), 0, 0, NULL, NULL, NULL},
    [OPT_REVENUE] = {V_AMOUNT, AT(terms.revenue), 0, 0, FPL_TARGET_REVENUE, NULL, NULL, NULL},
    [OPT_DEALS] = {V_COUNT, AT(terms.deals), 0, 0, FPL_TARGET_DEALS, NULL, NULL, NULL},
    [OPT_VOLUME] = {V_VOLUME, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_COST_PER_LEAD] = {V_AMOUNT, AT(terms.cost_per_lead), AT(terms.has_cost_per_lead), 0, 0,
                           NULL, NULL, NULL},
    [OPT_MARGIN] = {V_RATE, AT(terms.margin), AT(terms.has_margin), 0, 0, NULL, NULL, NULL},
    [OPT_PER] = {V_PERIOD, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_FORMAT] = {V_FORMAT, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_CHANGE] = {V_LIST, 0, 0, FPL_LIMIT_CHANGES, 0, NULL, NULL, NULL},
    [OPT_HORIZON] = {V_HORIZON, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_INVEST] = {V_AMOUNT, AT(whatif.invest), AT(whatif.has_invest), 0, 0, NULL, NULL, NULL},
    [OPT_STEP] = {V_STEP, AT(sensitivity.step), AT(sensitivity.has_step), 0, 0, NULL, NULL, NULL},
    [OPT_DEAL_SIZE_STEP] = {V_STEP, AT(sensitivity.deal_size_step),
                            AT(sensitivity.has_deal_size_step), 0, 0, NULL, NULL, NULL},
    [OPT_CONFIDENCE] = {V_CONFIDENCE, 0, 0, FPL_LIMIT_CONFIDENCE_LEVELS, 0, NULL, NULL, NULL},
    [OPT_TRIALS] = {V_TRIALS, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_SEED] = {V_SEED, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_DEAL_SIZE_CV] = {V_AMOUNT, AT(sim.deal_size_cv), 0, 0, 0, NULL, NULL, NULL},
    [OPT_HISTORY] = {V_PER_STAGE, .full = "at most one --history per stage",
                     .expected = "expected STAGE=WON/TOTAL, e.g. lead=12/100",
                     .again = "that stage's history is given already"},
    [OPT_CHANNEL] = {V_LIST, 0, 0, FPL_LIMIT_CHANNELS, 0, NULL, NULL, NULL},
    [OPT_ALLOCATE] = {V_ALLOCATE, 0, 0, 0, 0, NULL, NULL, NULL},
    [OPT_LAG] = {V_PER_STAGE, .full = "at most one per stage",
                 .expected = "expected STAGE=LAG, e.g. lead=45d", .again = ONCE},
    [OPT_ACTUAL] = {V_PER_STAGE, .full = "at most one per stage",
                    .expected = "expected STAGE=COUNT, e.g. lead=150", .again = ONCE},
    [OPT_OPEN] = {V_PER_STAGE, .full = "at most one per stage",
                    .expected = "expected STAGE=COUNT, e.g. lead=150", .again = ONCE},
    [OPT_MIX] = {V_PER_STAGE, 0, 0, 0, 0, "at most one per stage", NULL, NULL},
    [OPT_SCENARIO_MIX] = {V_PER_STAGE, 0, 0, 0, 0, "at most one per stage", NULL, NULL},
    [OPT_CRITERION] = {V_LIST, 0, 0, FPL_LIMIT_CRITERIA, 0, NULL, NULL, NULL},
    [OPT_SATURATION] = {V_LIST, 0, 0, FPL_LIMIT_CRITERIA, 0, NULL, NULL, NULL},
    /* every other option is V_TEXT (zero): --at and --for (read against the
     * funnel), the flags, and what cmd_schedule.c and cmd_score.c read */
};

_Static_assert(FPL_MAX_STAGES <= LIST_MAX && FPL_MAX_CHANNELS <= LIST_MAX &&
                   FPL_MAX_CRITERIA <= LIST_MAX && FPL_ODDS_MAX_REQUESTED <= LIST_MAX,
               "a list holds every entry the library takes");

/* A value of option id refused: with the funnel read so far, so that a name
 * that is no stage's gets the stages and the one probably meant. */
int cli_fail_option(const request *req, opt_id id, const char *value, const fpl_error *e)
{
    return cli_fail_funnel(&req->funnel, cli_option_name(id), value, e);
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
        return cli_fail_usage(cli_option_name(OPT_STAGE), value,
                              "expected NAME=RATE, e.g. lead=12%");
    }
    size_t name_len = (size_t)(eq - value);
    double rate;
    fpl_error e;
    if (fpl_stage_name_check(value, name_len, &e) != FPL_OK) {
        return cli_fail_option(req, OPT_STAGE, value, &e);
    }
    if (fpl_parse_rate(eq + 1, strlen(eq + 1), &rate, &e) != FPL_OK ||
        fpl_funnel_add_stage(&req->funnel, value, name_len, rate, &e) != FPL_OK) {
        e.offset = name_len + 1; /* the rate is at fault: its bytes, for the hint */
        e.length = strlen(eq + 1);
        return cli_fail_option(req, OPT_STAGE, value, &e);
    }
    req->list[OPT_STAGE][req->n[OPT_STAGE]++] = value;
    return CLI_EXIT_OK;
}

/* --seed N: decimal digits only, 0 to the library's largest seed (the
 * library takes any 64-bit seed; reading it is the binding's part). */
static bool parse_seed(const char *text, uint64_t *out)
{
    const uint64_t max = fpl_limit_bounds(FPL_LIMIT_SEED).max_whole;
    uint64_t v = 0;
    if (*text == '\0') {
        return false;
    }
    for (const char *s = text; *s != '\0'; ++s) {
        if (*s < '0' || *s > '9') {
            return false;
        }
        unsigned d = (unsigned)(*s - '0');
        if (v > (max - d) / 10u) {
            return false;
        }
        v = v * 10u + d;
    }
    *out = v;
    return true;
}

/* --format: a value of the formats table that the command takes. */
static int take_format(request *req, const char *value)
{
    const size_t n = sizeof formats / sizeof formats[0];
    const cli_format_value *known = NULL;
    cli_buf names = {0}; /* "table, json, csv or svg": the command's */
    size_t taken = 0;
    for (size_t i = 0; i < n; ++i) {
        known = strcmp(formats[i].name, value) == 0 ? &formats[i] : known;
        taken += (formats[i].commands & req->cmd->bit) != 0;
    }
    for (size_t i = 0, k = 0; i < n; ++i) {
        if (formats[i].commands & req->cmd->bit) {
            cli_buf_printf(&names, "%s%s", k == 0 ? "" : k + 1 < taken ? ", " : " or ",
                           formats[i].name);
            k++;
        }
    }
    cli_buf_putc(&names, '\0');
    int rc = CLI_EXIT_OK;
    if (known != NULL && (known->commands & req->cmd->bit)) {
        req->format = known->format;
    } else if (names.oom) {
        cli_error("out of memory");
        rc = CLI_EXIT_OUTPUT;
    } else if (known != NULL) {
        cli_error("--format '%s': %s has no %s output; format must be %s", value,
                  req->cmd->name, value, names.data);
        rc = CLI_EXIT_USAGE;
    } else {
        cli_buf msg = {0};
        cli_buf_printf(&msg, "format must be %s", names.data);
        cli_buf_putc(&msg, '\0');
        rc = cli_fail_usage(cli_option_name(OPT_FORMAT), value,
                            msg.oom ? "unknown format" : msg.data);
        cli_buf_free(&msg);
    }
    cli_buf_free(&names);
    return rc;
}

/* Reads one option's value to where its binding says it goes. */
static int take_value(request *req, opt_id id, const char *value)
{
    const opt_bind *b = &binds[id];
    const char *name = cli_option_name(id);
    const size_t len = strlen(value);
    const size_t n = req->n[id];
    char *base = (char *)req;
    double *x = (double *)(base + b->at);
    fpl_change_kind kind;
    fpl_error e;
    fpl_status st = FPL_OK;
    switch (b->kind) {
    case V_TEXT:
        if (id == OPT_COLUMN) { /* learn's --column, each kept for cmd_learn.c */
            if (req->n[id] == LIST_MAX) {
                return cli_fail_usage(name, value, "given too many times");
            }
            req->list[id][req->n[id]++] = value;
        }
        return CLI_EXIT_OK;
    case V_STAGE: return add_stage(req, value);
    case V_FORMAT: return take_format(req, value);
    case V_PER_STAGE:
        if (n == FPL_MAX_STAGES) {
            return cli_fail_usage(name, value, b->full);
        }
        req->list[id][req->n[id]++] = value;
        return CLI_EXIT_OK;
    case V_LIST:
    case V_CONFIDENCE:
        st = fpl_limit_check(b->limit, (double)n + 1, n, &e);
        if (st == FPL_OK && b->kind == V_CONFIDENCE) {
            st = fpl_parse_rate(value, len, &req->confidence[n], &e);
        }
        if (st == FPL_OK) {
            req->list[id][req->n[id]++] = value;
        }
        break;
    case V_VOLUME:
        return CLI_EXIT_OK; /* read with its period once --per is known (read_volume) */
    case V_AMOUNT:
    case V_COUNT:
        st = (b->kind == V_COUNT ? fpl_parse_count : fpl_parse_amount)(value, len, x, &e);
        if (b->target != 0) {
            req->terms.target = (fpl_target_kind)b->target;
        }
        break;
    case V_RATE: st = fpl_parse_rate(value, len, x, &e); break;
    case V_PERIOD: st = fpl_period_parse(value, len, &req->terms.per, &e); break;
    case V_HORIZON: st = fpl_horizon_parse(value, len, &req->whatif.horizon, &e); break;
    case V_STEP:
        st = fpl_step_parse(value, len, id == OPT_DEAL_SIZE_STEP,
                            id == OPT_STEP ? &req->sensitivity.step_kind : &kind, x, &e);
        break;
    case V_TRIALS: st = fpl_odds_trials_parse(value, len, &req->sim.trials, &e); break;
    case V_SEED:
        if (!parse_seed(value, &req->sim.seed)) {
            cli_buf msg = {0};
            cli_buf_help(&msg, "seed must be a whole number from {seed.min} to {seed.max}");
            cli_buf_putc(&msg, '\0');
            int rc = cli_fail_usage(name, value, msg.oom ? "not a seed" : msg.data);
            cli_buf_free(&msg);
            return rc;
        }
        break;
    case V_ALLOCATE:
        if (strcmp(value, "cheapest") != 0 && strcmp(value, "shares") != 0) {
            return cli_fail_usage(name, value, "allocate must be cheapest or shares");
        }
        req->by_shares = value[0] == 's';
        break;
    }
    if (b->has_at != 0) {
        *(bool *)(base + b->has_at) = true;
    }
    return st == FPL_OK ? CLI_EXIT_OK : cli_fail_option(req, id, value, &e);
}

/* The option of the command that arg[0, len) probably meant (fpl_suggest,
 * on the names without their dashes), or NULL. */
static const cli_option *suggest_option(const cli_command *cmd, const char *arg, size_t len)
{
    const char *names[N_OPTIONS];
    const cli_option *rows[N_OPTIONS];
    size_t n = 0;
    for (size_t k = 0; k < N_OPTIONS; ++k) {
        if (options[k].commands & cmd->bit) {
            rows[n] = &options[k];
            names[n++] = options[k].name + 2;
        }
    }
    const size_t dashes = len >= 2 && arg[1] == '-' ? 2 : 1;
    const size_t k = fpl_suggest(arg + dashes, len - dashes, names, n);
    return k == FPL_NO_INDEX ? NULL : rows[k];
}

/* Reads the arguments of a command (args[0] is the command's name). */
static int parse_command(request *req, const cli_args *args)
{
    const char *cmd = req->cmd->name;
    for (size_t i = 1; i < args->n; ++i) {
        const char *arg = args->v[i];
        if (!starts_option(arg) && req->cmd->operand != NULL && req->operand == NULL) {
            req->operand = arg;
            continue;
        }
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
            const cli_option *meant = elsewhere ? NULL : suggest_option(req->cmd, arg, name_len);
            cli_error("%s: unknown option '%.*s'%s%s%s%s (see funnelplan %s --help)", cmd,
                      (int)name_len, arg, elsewhere ? " for this command" : "",
                      meant != NULL ? ": did you mean " : "", meant != NULL ? meant->name : "",
                      meant != NULL ? "?" : "", cmd);
            return CLI_EXIT_USAGE;
        }
        const char *value;
        if (opt->metavar == NULL) {
            if (eq != NULL) {
                return cli_fail_usage(opt->name, eq + 1, "this option takes no value");
            }
            if (opt->id == OPT_HELP) {
                continue; /* handled before parsing */
            }
            if (!opt->repeat && req->value[opt->id] != NULL) {
                cli_error("%s: given more than once", opt->name);
                return CLI_EXIT_USAGE;
            }
            req->value[opt->id] = ""; /* a flag: present */
            continue;
        } else if (eq != NULL) {
            value = eq + 1;
        } else if (i + 1 < args->n && !starts_option(args->v[i + 1])) {
            value = args->v[++i];
        } else {
            cli_error("%s: a value is needed (%s %s)", opt->name, opt->name, opt->metavar);
            return CLI_EXIT_USAGE;
        }
        if (!opt->repeat && req->value[opt->id] != NULL) {
            return cli_fail_usage(opt->name, value, "given more than once");
        }
        /* one target: an option that sets one excludes the others */
        for (int k = 0; binds[opt->id].target != 0 && k < OPT_COUNT; ++k) {
            if (binds[k].target != 0 && k != (int)opt->id && req->value[k] != NULL) {
                cli_buf msg = {0};
                cli_buf_printf(&msg, "cannot be given with %s", cli_option_name((opt_id)k));
                cli_buf_putc(&msg, '\0');
                int rc = cli_fail_usage(opt->name, value, msg.oom ? "one target only" : msg.data);
                cli_buf_free(&msg);
                return rc;
            }
        }
        req->value[opt->id] = value;
        int rc = take_value(req, opt->id, value);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    return CLI_EXIT_OK;
}

/* The row of a command's options that takes a library field; NULL when none
 * does (FPL_FIELD_NONE never names an option). */
const cli_option *cli_option_for_field(unsigned command, fpl_field field)
{
    for (size_t i = 0; field != FPL_FIELD_NONE && i < N_OPTIONS; ++i) {
        if (options[i].field == field && (options[i].commands & command)) {
            return &options[i];
        }
    }
    return NULL;
}

/* The text, among texts[0, n), of a STAGE=... option about stage k. */
static const char *text_of_stage(const request *req, const char *const *texts, size_t n,
                                 size_t k)
{
    if (k >= req->funnel.n_stages) {
        return NULL;
    }
    const char *name = req->funnel.stages[k].name;
    for (size_t i = 0; i < n; ++i) {
        const char *eq = strrchr(texts[i], '=');
        if (eq != NULL && (size_t)(eq - texts[i]) == strlen(name) &&
            memcmp(texts[i], name, strlen(name)) == 0) {
            return texts[i];
        }
    }
    return NULL;
}

const char *cli_given_text(const request *req, opt_id id, size_t index)
{
    const size_t n = req->n[id];
    if (n == 0 || index == FPL_NO_INDEX) {
        return req->value[id];
    }
    if (binds[id].kind == V_PER_STAGE) {
        return text_of_stage(req, req->list[id], n, index);
    }
    return index < n ? req->list[id][index] : NULL;
}

int cli_fail_error(const request *req, const fpl_error *e)
{
    const cli_option *o = cli_option_for_field(req->cmd->bit, e->field);
    const char *text = o != NULL ? cli_given_text(req, o->id, e->index) : NULL;
    if (text != NULL) {
        return cli_fail_option(req, o->id, text, e);
    }
    cli_error("%s: %s", req->cmd->name, fpl_error_message(e));
    return fpl_status_is_input_error(e->status) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

int cli_stage_value(request *req, opt_id id, size_t i, bool seen[FPL_MAX_STAGES],
                    size_t *stage, const char **value)
{
    const char *text = req->list[id][i];
    /* defined on every path, though read only after CLI_EXIT_OK (the
     * analyzer cannot see that cli_fail_usage never returns that) */
    *stage = 0;
    *value = text;
    const char *eq = strrchr(text, '=');
    if (eq == NULL) {
        return cli_fail_usage(cli_option_name(id), text, binds[id].expected);
    }
    fpl_error e;
    if (fpl_funnel_find(&req->funnel, text, (size_t)(eq - text), stage, &e) != FPL_OK) {
        return cli_fail_option(req, id, text, &e);
    }
    if (seen[*stage]) {
        return cli_fail_usage(cli_option_name(id), text, binds[id].again);
    }
    seen[*stage] = true;
    *value = eq + 1;
    return CLI_EXIT_OK;
}

int cli_read_fields(request *req, const cli_field *fields, size_t n)
{
    char *base = (char *)req;
    for (size_t f = 0; f < n; ++f) {
        const cli_field *b = &fields[f];
        double *x = (double *)(base + b->at);
        bool *has = b->has_at != 0 ? (bool *)(base + b->has_at) : NULL;
        const char *text = req->value[b->id];
        fpl_error e;
        fpl_status st = FPL_OK;
        if (b->kind == F_STAGE_COUNT || b->kind == F_STAGE_LAG) {
            bool seen[FPL_MAX_STAGES] = {false};
            for (size_t i = 0; i < req->n[b->id] && st == FPL_OK; ++i) {
                size_t k;
                const char *v;
                const int rc = cli_stage_value(req, b->id, i, seen, &k, &v);
                if (rc != CLI_EXIT_OK) {
                    return rc;
                }
                text = req->list[b->id][i];
                st = (b->kind == F_STAGE_LAG ? fpl_lag_parse : fpl_parse_count)(v, strlen(v),
                                                                                &x[k], &e);
                if (st != FPL_OK && b->kind == F_STAGE_COUNT) {
                    e.offset += (size_t)(v - text); /* the count's bytes, for the hint */
                } else if (has != NULL) {
                    has[k] = true;
                }
            }
        } else if (text != NULL) {
            st = (b->kind == F_RATE ? fpl_parse_rate : fpl_parse_amount)(text, strlen(text), x, &e);
            if (has != NULL) {
                *has = true;
            }
        }
        if (st != FPL_OK) {
            return cli_fail_option(req, b->id, text, &e);
        }
    }
    return CLI_EXIT_OK;
}

/* Reads the --mix or --scenario-mix texts against the complete funnel: at
 * most one per stage; out gets the mixes in funnel order, texts_out their
 * texts. */
static int read_mixes(request *req, opt_id id, fpl_mix *out, const char **texts_out,
                      size_t *n_out)
{
    static const fpl_mix none;
    const char *const *texts = req->list[id];
    const char *given[FPL_MAX_STAGES] = {NULL};
    fpl_mix by_stage[FPL_MAX_STAGES];
    for (size_t i = 0; i < req->n[id]; ++i) {
        fpl_mix m = none;
        fpl_error e;
        if (fpl_mix_parse(&req->funnel, texts[i], strlen(texts[i]), &m, &e) != FPL_OK) {
            return cli_fail_option(req, id, texts[i], &e);
        }
        if (given[m.stage] != NULL) {
            return cli_fail_usage(cli_option_name(id), texts[i],
                                  "that stage's mix is given already");
        }
        given[m.stage] = texts[i];
        by_stage[m.stage] = m;
    }
    *n_out = 0;
    for (size_t k = 0; k < req->funnel.n_stages; ++k) {
        if (given[k] != NULL) {
            texts_out[*n_out] = given[k];
            out[(*n_out)++] = by_stage[k];
        }
    }
    return CLI_EXIT_OK;
}

/* What a command needs (its NEED_* bits), in the order said: the first
 * thing missing or refused is reported. */
static int prepare(request *req)
{
    const unsigned needs = req->cmd->needs;
    const char *cmd = req->cmd->name;
    const bool target = req->terms.target != FPL_TARGET_NONE;
    const char *volume = req->value[OPT_VOLUME];
    fpl_error e;
    if ((needs & NEED_STAGES) && req->funnel.n_stages == 0) {
        cli_error("%s: at least one --stage NAME=RATE is needed", cmd);
        return CLI_EXIT_USAGE;
    }
    if ((needs & NEED_TARGET_FIRST) && !target) {
        cli_error("%s: a target is needed: --revenue with --deal-size, or --deals", cmd);
        return CLI_EXIT_USAGE;
    }
    if (needs & NEED_TERMS) {
        const char *texts[FPL_MAX_STAGES];
        if (fpl_terms_check(&req->terms, &e) != FPL_OK) {
            return cli_fail_error(req, &e);
        }
        int rc = read_mixes(req, OPT_MIX, req->mix, texts, &req->n_mixes);
        for (size_t i = 0; i < req->n_mixes && rc == CLI_EXIT_OK; ++i) {
            if (fpl_mix_apply(&req->funnel, &req->mix[i], &e) != FPL_OK) {
                rc = cli_fail_error(req, &e);
            }
        }
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    if ((needs & NEED_VOLUME) && volume == NULL) {
        cli_error("%s: --volume COUNT is needed (the units entering --at each period)", cmd);
        return CLI_EXIT_USAGE;
    }
    if ((needs & NEED_TARGET) && !target) {
        cli_error("%s: a target is needed: --revenue with --deal-size, or --deals", cmd);
        return CLI_EXIT_USAGE;
    }
    if ((needs & NEED_EITHER) && volume == NULL && !target) {
        cli_error("%s: --volume COUNT (the volume held) or a target (--revenue with "
                  "--deal-size, or --deals; the target held) is needed",
                  cmd);
        return CLI_EXIT_USAGE;
    }
    if ((needs & NEED_FOR) && req->value[OPT_FOR] == NULL) {
        cli_error("%s: --for LEVER is needed (a stage, deal-size or volume)", cmd);
        return CLI_EXIT_USAGE;
    }
    if (!(needs & NEED_QUESTION)) {
        return CLI_EXIT_OK;
    }
    /* the volume per --per (600, or 600/month converted by the library), and
     * the stage it enters (--at needs --volume) */
    req->has_volume = volume != NULL;
    if (volume != NULL && fpl_volume_parse(volume, strlen(volume), req->terms.per,
                                           &req->question.volume, &e) != FPL_OK) {
        return cli_fail_option(req, OPT_VOLUME, volume, &e);
    }
    const char *at = req->value[OPT_AT];
    if (at != NULL && volume == NULL) {
        return cli_fail_usage(cli_option_name(OPT_AT), at,
                              "needs --volume (the units entering that stage)");
    }
    if (at != NULL &&
        fpl_funnel_find(&req->funnel, at, strlen(at), &req->question.at, &e) != FPL_OK) {
        return cli_fail_option(req, OPT_AT, at, &e);
    }
    return CLI_EXIT_OK;
}

/* ---- the commands ---------------------------------------------------- */

static int run_plan(request *req, cli_buf *out, fpl_error *e)
{
    fpl_plan plan;
    fpl_odds_plan odds; /* --confidence RATE: the volumes for that chance of the deals */
    const bool confidence = req->n[OPT_CONFIDENCE] > 0;
    if (fpl_plan_compute(&req->funnel, &req->terms, &plan, e) != FPL_OK ||
        (confidence && fpl_odds_plan_compute(&req->funnel, &req->terms, req->confidence[0],
                                             &odds, e) != FPL_OK)) {
        return CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_plan_render, &req->funnel, &plan, confidence ? &odds : NULL, req->mix,
               req->n_mixes, req->format);
    return CLI_EXIT_OK;
}

static int run_forecast(request *req, cli_buf *out, fpl_error *e)
{
    fpl_forecast forecast;
    if (fpl_forecast_compute(&req->funnel, &req->terms, &req->question, &forecast, e) != FPL_OK) {
        return CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_forecast_render, &req->funnel, &forecast, req->mix, req->n_mixes,
               req->format);
    return CLI_EXIT_OK;
}

static int run_whatif(request *req, cli_buf *out, fpl_error *e)
{
    fpl_whatif_input *in = &req->whatif;
    in->has_volume = req->has_volume;
    in->volume = req->question;
    const size_t n_changes = req->n[OPT_CHANGE];
    for (size_t i = 0; i < n_changes; ++i) {
        const char *text = req->list[OPT_CHANGE][i];
        in->n_changes = i + 1;
        if (fpl_change_parse(&req->funnel, text, strlen(text), &in->changes[i], e) != FPL_OK) {
            return cli_fail_option(req, OPT_CHANGE, text, e);
        }
    }
    /* --scenario-mix: after the --change list, in funnel order */
    const char *mix_texts[FPL_MAX_STAGES] = {NULL}; /* read_mixes sets those it reads */
    const int rc = read_mixes(req, OPT_SCENARIO_MIX, req->scenario_mix, mix_texts,
                              &req->n_scenario_mixes);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    for (size_t i = 0; i < req->n_scenario_mixes; ++i) {
        if (fpl_whatif_add_mix(in, &req->scenario_mix[i], e) != FPL_OK) {
            return cli_fail_option(req, OPT_SCENARIO_MIX, mix_texts[i], e);
        }
    }
    if (fpl_whatif_compute(&req->funnel, &req->terms, in, &req->out.whatif, e) != FPL_OK) {
        /* the changes after the --change list are the scenario mixes */
        const bool mixed = e->field == FPL_FIELD_CHANGE && e->index != FPL_NO_INDEX &&
                           e->index >= n_changes && e->index < in->n_changes;
        return mixed ? cli_fail_option(req, OPT_SCENARIO_MIX, mix_texts[e->index - n_changes], e)
                     : CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_whatif_render, &req->funnel, in, &req->out.whatif, req->mix,
               req->n_mixes, req->scenario_mix, req->n_scenario_mixes, req->format);
    return CLI_EXIT_OK;
}

static int run_sensitivity(request *req, cli_buf *out, fpl_error *e)
{
    fpl_sensitivity_input *in = &req->sensitivity;
    in->has_volume = req->has_volume;
    in->volume = req->question;
    if (fpl_sensitivity_compute(&req->funnel, &req->terms, in, &req->out.sensitivity, e) !=
        FPL_OK) {
        return CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_sensitivity_render, &req->funnel, &req->terms, in,
               &req->out.sensitivity, req->mix, req->n_mixes, req->format);
    return CLI_EXIT_OK;
}

static int run_solve(request *req, cli_buf *out, fpl_error *e)
{
    const char *lever = req->value[OPT_FOR];
    fpl_solve_input in = {req->question, FPL_LEVER_STAGE, 0};
    fpl_solve s;
    if (fpl_lever_parse(&req->funnel, lever, strlen(lever), &in.lever, &in.stage, e) != FPL_OK) {
        return cli_fail_option(req, OPT_FOR, lever, e);
    }
    if (fpl_solve_compute(&req->funnel, &req->terms, &in, &s, e) != FPL_OK) {
        return CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_solve_render, &req->funnel, &req->terms, &in, &s, req->mix, req->n_mixes,
               req->format);
    return CLI_EXIT_OK;
}

/* The --history texts of an odds question, each STAGE=WON/TOTAL read
 * against the complete funnel, at most once per stage. */
static int read_history(request *req)
{
    fpl_odds_sim_input *in = &req->sim;
    bool seen[FPL_MAX_STAGES] = {false};
    for (size_t i = 0; i < req->n[OPT_HISTORY]; ++i) {
        size_t k;
        const char *v;
        fpl_error e;
        int rc = cli_stage_value(req, OPT_HISTORY, i, seen, &k, &v);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        if (fpl_odds_history_parse(v, strlen(v), &in->won[k], &in->total[k], &e) != FPL_OK) {
            return cli_fail_option(req, OPT_HISTORY, req->list[OPT_HISTORY][i], &e);
        }
        in->has_history[k] = true;
    }
    return CLI_EXIT_OK;
}

static int run_odds(request *req, cli_buf *out, fpl_error *e)
{
    fpl_odds_input in;
    memset(&in, 0, sizeof in);
    const char *volume = req->value[OPT_VOLUME];
    const char *at = req->value[OPT_AT];
    if (fpl_odds_volume_parse(volume, strlen(volume), req->terms.per, &in.volume, &in.volume_per,
                              e) != FPL_OK) {
        return cli_fail_option(req, OPT_VOLUME, volume, e);
    }
    in.has_volume_per = true;
    if (at != NULL && fpl_funnel_find(&req->funnel, at, strlen(at), &in.at, e) != FPL_OK) {
        return cli_fail_option(req, OPT_AT, at, e);
    }
    in.n_levels = req->n[OPT_CONFIDENCE];
    memcpy(in.levels, req->confidence, in.n_levels * sizeof *in.levels);
    /* the Monte Carlo part: the same volume and stage, on the library's defaults */
    const bool simulate = req->value[OPT_SIMULATE] != NULL || req->value[OPT_TRIALS] != NULL ||
                          req->value[OPT_SEED] != NULL ||
                          req->value[OPT_DEAL_SIZE_CV] != NULL || req->n[OPT_HISTORY] > 0;
    req->sim.volume = in.volume;
    req->sim.has_volume_per = in.has_volume_per;
    req->sim.volume_per = in.volume_per;
    req->sim.at = in.at;
    const int rc = simulate ? read_history(req) : CLI_EXIT_OK;
    fpl_odds odds;
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (fpl_odds_compute(&req->funnel, &req->terms, &in, &odds, e) != FPL_OK) {
        return CLI_REFUSED;
    }
    fpl_odds_sim sim;
    if (simulate) {
        /* The library never allocates: the workspace is the caller's. */
        size_t len = fpl_odds_sim_work_len(req->sim.trials);
        double *work = len <= SIZE_MAX / sizeof *work ? malloc(len * sizeof *work) : NULL;
        if (work == NULL) {
            cli_error("out of memory");
            return CLI_EXIT_OUTPUT;
        }
        const fpl_status st =
            fpl_odds_simulate(&req->funnel, &req->terms, &req->sim, work, len, &sim, e);
        free(work);
        if (st != FPL_OK) {
            return CLI_REFUSED;
        }
    }
    CLI_RENDER(out, fpl_odds_render, &req->funnel, &odds, simulate ? &req->sim : NULL,
               simulate ? &sim : NULL, req->format);
    return CLI_EXIT_OK;
}

/* ---- main ---------------------------------------------------------------- */

/* Writes the whole output at once; exit status 3 when it cannot. */
static int emit(cli_buf *out)
{
    if (out->sink_error != 0) { /* a part streamed before (score) failed */
        (void)fclose(stdout); /* already failed: the error below says so */
        cli_error("cannot write output: %s", strerror(out->sink_error));
        return CLI_EXIT_OUTPUT;
    }
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

/* funnelplan --version */
static int run_version(const cli_args *args, cli_buf *out)
{
    if (args->n > 1) {
        cli_error("%s: unexpected argument '%s'", args->v[0], args->v[1]);
        return CLI_EXIT_USAGE;
    }
    cli_buf_printf(out, "funnelplan %s\n", fpl_version_string());
    return CLI_EXIT_OK;
}

/* The command name[0, len) probably meant ("help" too), or NULL. */
static const char *suggest_command(const char *name, size_t len)
{
    const char *names[N_COMMANDS + 1];
    for (size_t i = 0; i < N_COMMANDS; ++i) {
        names[i] = commands[i].name;
    }
    names[N_COMMANDS] = "help";
    const size_t k = fpl_suggest(name, len, names, N_COMMANDS + 1);
    return k == FPL_NO_INDEX ? NULL : names[k];
}

/* "unknown command 'NAME': did you mean plan? (see funnelplan --help)", or
 * with the commands listed when none is near. */
static int unknown_command(const char *name)
{
    const char *meant = suggest_command(name, strlen(name));
    if (meant != NULL) {
        cli_error("unknown command '%s': did you mean %s? (see funnelplan --help)", name, meant);
    } else {
        char names[COMMAND_NAMES_MAX];
        cli_error("unknown command '%s': the commands are %s (see funnelplan --help)", name,
                  command_names(names, "and"));
    }
    return CLI_EXIT_USAGE;
}

/* funnelplan --help [COMMAND], -h [COMMAND], help [COMMAND] */
static int run_help(const cli_args *args, cli_buf *out)
{
    if (args->n == 1) {
        global_help(out);
        return CLI_EXIT_OK;
    }
    const cli_command *cmd = find_command(args->v[1]);
    if (cmd == NULL && args->n == 2 && args->v[1][0] != '-') {
        return unknown_command(args->v[1]);
    }
    if (cmd == NULL || args->n > 2) {
        cli_error("%s: unexpected argument '%s' (try funnelplan --help)", args->v[0],
                  cmd == NULL ? args->v[1] : args->v[2]);
        return CLI_EXIT_USAGE;
    }
    command_help(cmd, out);
    return CLI_EXIT_OK;
}

/* Whether the arguments of a command ask for its help: --help or -h where
 * an option can stand (never as the value of an option before it). */
static bool asks_help(const cli_command *cmd, const cli_args *args)
{
    const char *help = cli_option_name(OPT_HELP);
    for (size_t i = 1; i < args->n; ++i) {
        const char *arg = args->v[i];
        if (strcmp(arg, help) == 0 || strcmp(arg, "-h") == 0) {
            return true;
        }
        if (!starts_option(arg) || strchr(arg, '=') != NULL) {
            continue;
        }
        for (size_t k = 0; k < N_OPTIONS; ++k) {
            if ((options[k].commands & cmd->bit) && strcmp(options[k].name, arg) == 0 &&
                options[k].metavar != NULL && i + 1 < args->n &&
                !starts_option(args->v[i + 1])) {
                i++; /* its value */
                break;
            }
        }
    }
    return false;
}

static int run(const cli_args *args, cli_buf *out)
{
    if (args->n == 0) {
        char names[COMMAND_NAMES_MAX];
        cli_error("a command is needed: %s (see funnelplan --help)",
                  command_names(names, "or"));
        return CLI_EXIT_USAGE;
    }
    const char *first = args->v[0];
    if (strcmp(first, "help") == 0) {
        return run_help(args, out);
    }
    for (size_t i = 0; i < sizeof program_options / sizeof program_options[0]; ++i) {
        const struct program_option *p = &program_options[i];
        const size_t n = strlen(p->name);
        if (strncmp(first, p->name, n) == 0 && (p->help == NULL || first[n] == '\0')) {
            return p->run(args, out);
        }
    }
    const cli_command *cmd = find_command(first);
    if (cmd == NULL) {
        if (first[0] != '-') {
            return unknown_command(first);
        }
        const char *names[sizeof program_options / sizeof program_options[0]];
        size_t n = 0;
        for (; program_options[n].help != NULL; ++n) { /* --help, -h, --version */
            const char *name = program_options[n].name;
            names[n] = name[1] == '-' ? name + 2 : NULL;
        }
        const size_t dashes = first[1] == '-' ? 2 : 1;
        const size_t k = fpl_suggest(first + dashes, strlen(first + dashes), names, n);
        char list[COMMAND_NAMES_MAX];
        if (k != FPL_NO_INDEX) {
            cli_error("unknown option '%s': did you mean %s? (see funnelplan --help)", first,
                      program_options[k].name);
        } else {
            cli_error("unknown option '%s': a command comes first: %s "
                      "(see funnelplan --help)",
                      first, command_names(list, "or"));
        }
        return CLI_EXIT_USAGE;
    }
    /* --help or -h wins over every other argument. No value can be the
     * bare word --help: a value never starts with "--" unless given as
     * --option=VALUE, and then it is not an argument of its own; -h counts
     * where an option can stand. */
    if (asks_help(cmd, args)) {
        command_help(cmd, out);
        return CLI_EXIT_OK;
    }
    request *req = calloc(1, sizeof *req);
    if (req == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    req->cmd = cmd;
    req->format = CLI_FORMAT_TABLE;
    fpl_odds_sim_input_init(&req->sim); /* the library's defaults */
    int rc = parse_command(req, args);
    if (rc == CLI_EXIT_OK) {
        rc = prepare(req);
    }
    if (rc == CLI_EXIT_OK) {
        fpl_error e;
        rc = cmd->run(req, out, &e);
        rc = rc == CLI_REFUSED ? cli_fail_error(req, &e) : rc;
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
    out.sink = stdout; /* a command may stream a long output (cli_buf_drain) */
    int rc = cli_execute(argc, argv, &out);
    if (rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED) {
        int written = emit(&out);
        rc = written == CLI_EXIT_OK ? rc : written;
    }
    cli_buf_free(&out);
    return rc;
}

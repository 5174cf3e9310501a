/*
 * funnelplan — status messages and the helpers every module shares.
 * SPDX-License-Identifier: MIT
 */

#include "internal.h"
#include "funnelplan/common.h"

#include <float.h>
#include <math.h>

const char *fpl_strerror(fpl_status status)
{
    switch (status) {
    case FPL_OK: return "success";
    case FPL_ERR_NULL: return "a required argument is missing";
    case FPL_ERR_PARSE_EMPTY: return "value is empty";
    case FPL_ERR_PARSE_SYNTAX: return "not a number";
    case FPL_ERR_PARSE_GROUPING: return "misplaced digit grouping (use 1,000,000 or 1_000_000)";
    case FPL_ERR_PARSE_NEGATIVE: return "must not be negative";
    case FPL_ERR_PARSE_OVERFLOW: return "number is too large";
    case FPL_ERR_PARSE_UNDERFLOW: return "number is too small: it rounds to zero";
    case FPL_ERR_PARSE_DIVZERO: return "fraction has a zero denominator";
    case FPL_ERR_PERIOD: return "period must be month, quarter or year";
    case FPL_ERR_STAGE_COUNT: return "a funnel needs 1 to 32 stages";
    case FPL_ERR_STAGE_NAME_EMPTY: return "stage name is empty";
    case FPL_ERR_STAGE_NAME_LONG: return "stage name is longer than 64 bytes";
    case FPL_ERR_STAGE_NAME_UTF8: return "stage name is not valid UTF-8";
    case FPL_ERR_STAGE_NAME_CONTROL: return "stage name contains a control character";
    case FPL_ERR_STAGE_NAME_RESERVED: return "stage name is reserved (won, deal-size, volume, cost-per-lead)";
    case FPL_ERR_STAGE_DUPLICATE: return "stage name is used twice";
    case FPL_ERR_STAGE_UNKNOWN: return "no stage of that name";
    case FPL_ERR_RATE_RANGE: return "rate must be above 0% and at most 100%";
    case FPL_ERR_DEAL_SIZE: return "deal size must be a positive number";
    case FPL_ERR_REVENUE: return "revenue must be a positive number";
    case FPL_ERR_DEALS: return "deals must be a positive number";
    case FPL_ERR_VOLUME: return "volume must be a positive number";
    case FPL_ERR_COST: return "cost per lead must be a number of 0 or more";
    case FPL_ERR_MARGIN: return "margin must be above 0% and at most 100%";
    case FPL_ERR_TARGET: return "a target is needed: a revenue with a deal size, or deals";
    case FPL_ERR_DEAL_SIZE_MISSING: return "a deal size is needed (for a revenue target, or to put a value on deals)";
    case FPL_ERR_COST_NOT_TOP: return "a cost per lead needs the volume to enter the top stage";
    case FPL_ERR_CHANGE_SYNTAX: return "a change is LEVER=CHANGE, e.g. opportunity=+10%";
    case FPL_ERR_CHANGE_POINTS: return "percentage points (pp) only change a stage's rate";
    case FPL_ERR_CHANGE_VALUE: return "change must be a finite number";
    case FPL_ERR_CHANGE_LEVER: return "this question cannot move that lever";
    case FPL_ERR_CHANGE_COUNT: return "at most 40 changes at once";
    case FPL_ERR_INVEST: return "investment must be a positive number";
    case FPL_ERR_HORIZON: return "horizon must be a whole number of periods from 1 to 1000000";
    case FPL_ERR_STEP: return "step must be a positive change such as +1pp or +10%";
    case FPL_ERR_TOO_LARGE: return "a whole count would exceed 2^53 and cannot be exact";
    case FPL_ERR_OVERFLOW: return "a result is too large or too small for a double";
    case FPL_ERR_CHANGE_RANGE: return "the change pushes a rate outside 0% to 100%, or an amount to 0 or below";
    case FPL_ERR_UNREACHABLE: return "no value of that lever reaches the target (a rate would exceed 100%)";
    case FPL_ERR_VOLUME_WHOLE: return "volume must be a whole number of units (at most 2^53)";
    case FPL_ERR_CONFIDENCE: return "confidence must be between 0% and 100%, both excluded";
    case FPL_ERR_CONFIDENCE_COUNT: return "at most 16 confidence levels at once";
    case FPL_ERR_TRIALS: return "trials must be a whole number from 1 to 10000000";
    case FPL_ERR_VARIATION: return "deal-size variation must be 0 or from 0.001 to 10";
    case FPL_ERR_HISTORY: return "history must be WON/TOTAL with whole numbers, 0 <= WON <= TOTAL and TOTAL >= 1";
    case FPL_ERR_WORKSPACE: return "the workspace is too small";
    case FPL_ERR_CHANNEL_COUNT: return "a question needs 1 to 32 channels";
    case FPL_ERR_CHANNEL_SYNTAX: return "expected NAME: FIELD=VALUE, ... (e.g. ads: cost-per-lead=40, capacity=500)";
    case FPL_ERR_CHANNEL_FIELD: return "unknown channel field (cost-per-lead, spend, leads, capacity, rate, quality, deal-size, share)";
    case FPL_ERR_CHANNEL_FIELD_TWICE: return "channel field is given twice";
    case FPL_ERR_CHANNEL_DUPLICATE: return "channel name is used twice";
    case FPL_ERR_CHANNEL_COST: return "a channel needs cost-per-lead, or spend with leads (not all three)";
    case FPL_ERR_CHANNEL_SPEND: return "spend must be a number of 0 or more (above 0 with cost-per-lead)";
    case FPL_ERR_CHANNEL_LEADS: return "leads must be a positive number; without a target every channel needs them";
    case FPL_ERR_CHANNEL_CAPACITY: return "capacity must be a positive number";
    case FPL_ERR_CHANNEL_OVER_CAPACITY: return "leads must not exceed the capacity";
    case FPL_ERR_CHANNEL_QUALITY: return "quality must give a top-stage rate above 0% and at most 100% (a factor above 0)";
    case FPL_ERR_CHANNEL_SHARE: return "shares must be between 0% and 100%, one per channel, adding up to 100%";
    case FPL_ERR_CHANNEL_SHORT: return "the channels cannot bring enough leads for the target";
    case FPL_ERR_DATE: return "not a calendar month YYYY-MM or date YYYY-MM-DD (years 1 to 9999)";
    case FPL_ERR_MONTHS: return "months must be a whole number from 1 to 120";
    case FPL_ERR_WEIGHTS: return "weights and monthly targets must be numbers of 0 or more, not all 0";
    case FPL_ERR_WEIGHTS_COUNT: return "wrong number of values: seasonality takes 12 weights (January first), monthly targets one per month";
    case FPL_ERR_LAG: return "lag must be days (45 or 45d), weeks (2w) or months (1.5m), 0 or more, adding up to at most 120 months";
    case FPL_ERR_REPS: return "reps must be a positive number";
    case FPL_ERR_QUOTA: return "quota must be a positive amount";
    case FPL_ERR_ATTAINMENT: return "attainment must be above 0% and at most 100%";
    case FPL_ERR_ELAPSED: return "the share of the period elapsed must be above 0% and at most 100%";
    case FPL_ERR_ACTUAL: return "actuals and open pipeline must be numbers of 0 or more";
    case FPL_ERR_THRESHOLD: return "thresholds must be between 0% and 1000%, off-track at most at-risk";
    case FPL_ERR_HISTORY_STAGE: return "a history must be on a stage the volume passes through (at or below the stage it enters)";
    case FPL_ERR_CRITERION: return "a criterion is NAME, NAME=WEIGHT or NAME=WEIGHT,required, with a positive weight";
    case FPL_ERR_CRITERION_DUPLICATE: return "two criteria have the same name (names match in any case)";
    case FPL_ERR_CRITERION_COUNT: return "from 1 to 32 criteria";
    case FPL_ERR_ANSWER: return "an answer is a number from 0 to 1 (or 0% to 100%), yes/no, y/n or true/false";
    case FPL_ERR_CSV_HEADER: return "the header must name the id column and every criterion, each once";
    case FPL_ERR_MIX: return "a mix is STAGE=NAME:SHARE@RATE,... with shares from 0% to 100% and rates above 0% and at most 100%";
    case FPL_ERR_MIX_SHARES: return "the shares of a mix must add up to 100%";
    case FPL_ERR_BANDS: return "the thresholds are scores above 0 and at most 100, warm at most hot";
    case FPL_ERR_TOP: return "top must be a whole number of rows (0 or more)";
    case FPL_ERR_FORMAT: return "this result is not rendered in that format";
    case FPL_ERR_PARSE_AMBIGUOUS: return "the number reads two ways";
    case FPL_ERR_CHANNEL_COMMITTED: return "with fixed shares a channel's leads follow its share: drop leads= (and the spend that goes with it), or allocate the cheapest way";
    case FPL_ERR_VOLUME_PERIOD: return "the volume needs its period, as the target is not per month";
    case FPL_ERR_VOLUME_SPLIT: return "the volume does not split into whole units per period of the target";
    case FPL_ERR_PARSE_COUNT_MAX: return "count must be at most 2^53 (9007199254740992), above which not every whole number is exact";
    case FPL_ERR_PRESET: return "the preset is bant, bad, champ or meddic";
    case FPL_ERR_SATURATION: return "a saturation is NAME=COUNT: a criterion's name and a count above 0";
    case FPL_ERR_OUTCOME_COLUMN: return "the outcome column must not be the id column or a criterion";
    case FPL_ERR_OUTCOMES: return "needs both won and lost leads (in the part fitted and in the part held back)";
    case FPL_ERR_RANK_VALUE: return "a value to rank must be a finite number";
    case FPL_ERR_COLUMN: return "expected ROLE=NAME, ROLE one of id, stage, date, amount, source, owner, NAME 1 to 64 bytes";
    case FPL_ERR_LEARN_EMPTY: return "the history has no item to learn from";
    case FPL_ERR_LEARN_FORM: return "form must be auto, long or wide";
    }
    return "unknown status";
}

const char *fpl_status_name(fpl_status status)
{
    switch (status) {
    case FPL_OK: return "FPL_OK";
    case FPL_ERR_NULL: return "FPL_ERR_NULL";
    case FPL_ERR_PARSE_EMPTY: return "FPL_ERR_PARSE_EMPTY";
    case FPL_ERR_PARSE_SYNTAX: return "FPL_ERR_PARSE_SYNTAX";
    case FPL_ERR_PARSE_GROUPING: return "FPL_ERR_PARSE_GROUPING";
    case FPL_ERR_PARSE_NEGATIVE: return "FPL_ERR_PARSE_NEGATIVE";
    case FPL_ERR_PARSE_OVERFLOW: return "FPL_ERR_PARSE_OVERFLOW";
    case FPL_ERR_PARSE_UNDERFLOW: return "FPL_ERR_PARSE_UNDERFLOW";
    case FPL_ERR_PARSE_DIVZERO: return "FPL_ERR_PARSE_DIVZERO";
    case FPL_ERR_PERIOD: return "FPL_ERR_PERIOD";
    case FPL_ERR_STAGE_COUNT: return "FPL_ERR_STAGE_COUNT";
    case FPL_ERR_STAGE_NAME_EMPTY: return "FPL_ERR_STAGE_NAME_EMPTY";
    case FPL_ERR_STAGE_NAME_LONG: return "FPL_ERR_STAGE_NAME_LONG";
    case FPL_ERR_STAGE_NAME_UTF8: return "FPL_ERR_STAGE_NAME_UTF8";
    case FPL_ERR_STAGE_NAME_CONTROL: return "FPL_ERR_STAGE_NAME_CONTROL";
    case FPL_ERR_STAGE_NAME_RESERVED: return "FPL_ERR_STAGE_NAME_RESERVED";
    case FPL_ERR_STAGE_DUPLICATE: return "FPL_ERR_STAGE_DUPLICATE";
    case FPL_ERR_STAGE_UNKNOWN: return "FPL_ERR_STAGE_UNKNOWN";
    case FPL_ERR_RATE_RANGE: return "FPL_ERR_RATE_RANGE";
    case FPL_ERR_DEAL_SIZE: return "FPL_ERR_DEAL_SIZE";
    case FPL_ERR_REVENUE: return "FPL_ERR_REVENUE";
    case FPL_ERR_DEALS: return "FPL_ERR_DEALS";
    case FPL_ERR_VOLUME: return "FPL_ERR_VOLUME";
    case FPL_ERR_COST: return "FPL_ERR_COST";
    case FPL_ERR_MARGIN: return "FPL_ERR_MARGIN";
    case FPL_ERR_TARGET: return "FPL_ERR_TARGET";
    case FPL_ERR_DEAL_SIZE_MISSING: return "FPL_ERR_DEAL_SIZE_MISSING";
    case FPL_ERR_COST_NOT_TOP: return "FPL_ERR_COST_NOT_TOP";
    case FPL_ERR_CHANGE_SYNTAX: return "FPL_ERR_CHANGE_SYNTAX";
    case FPL_ERR_CHANGE_POINTS: return "FPL_ERR_CHANGE_POINTS";
    case FPL_ERR_CHANGE_VALUE: return "FPL_ERR_CHANGE_VALUE";
    case FPL_ERR_CHANGE_LEVER: return "FPL_ERR_CHANGE_LEVER";
    case FPL_ERR_CHANGE_COUNT: return "FPL_ERR_CHANGE_COUNT";
    case FPL_ERR_INVEST: return "FPL_ERR_INVEST";
    case FPL_ERR_HORIZON: return "FPL_ERR_HORIZON";
    case FPL_ERR_STEP: return "FPL_ERR_STEP";
    case FPL_ERR_TOO_LARGE: return "FPL_ERR_TOO_LARGE";
    case FPL_ERR_OVERFLOW: return "FPL_ERR_OVERFLOW";
    case FPL_ERR_CHANGE_RANGE: return "FPL_ERR_CHANGE_RANGE";
    case FPL_ERR_UNREACHABLE: return "FPL_ERR_UNREACHABLE";
    case FPL_ERR_VOLUME_WHOLE: return "FPL_ERR_VOLUME_WHOLE";
    case FPL_ERR_CONFIDENCE: return "FPL_ERR_CONFIDENCE";
    case FPL_ERR_CONFIDENCE_COUNT: return "FPL_ERR_CONFIDENCE_COUNT";
    case FPL_ERR_TRIALS: return "FPL_ERR_TRIALS";
    case FPL_ERR_VARIATION: return "FPL_ERR_VARIATION";
    case FPL_ERR_HISTORY: return "FPL_ERR_HISTORY";
    case FPL_ERR_WORKSPACE: return "FPL_ERR_WORKSPACE";
    case FPL_ERR_CHANNEL_COUNT: return "FPL_ERR_CHANNEL_COUNT";
    case FPL_ERR_CHANNEL_SYNTAX: return "FPL_ERR_CHANNEL_SYNTAX";
    case FPL_ERR_CHANNEL_FIELD: return "FPL_ERR_CHANNEL_FIELD";
    case FPL_ERR_CHANNEL_FIELD_TWICE: return "FPL_ERR_CHANNEL_FIELD_TWICE";
    case FPL_ERR_CHANNEL_DUPLICATE: return "FPL_ERR_CHANNEL_DUPLICATE";
    case FPL_ERR_CHANNEL_COST: return "FPL_ERR_CHANNEL_COST";
    case FPL_ERR_CHANNEL_SPEND: return "FPL_ERR_CHANNEL_SPEND";
    case FPL_ERR_CHANNEL_LEADS: return "FPL_ERR_CHANNEL_LEADS";
    case FPL_ERR_CHANNEL_CAPACITY: return "FPL_ERR_CHANNEL_CAPACITY";
    case FPL_ERR_CHANNEL_OVER_CAPACITY: return "FPL_ERR_CHANNEL_OVER_CAPACITY";
    case FPL_ERR_CHANNEL_QUALITY: return "FPL_ERR_CHANNEL_QUALITY";
    case FPL_ERR_CHANNEL_SHARE: return "FPL_ERR_CHANNEL_SHARE";
    case FPL_ERR_CHANNEL_SHORT: return "FPL_ERR_CHANNEL_SHORT";
    case FPL_ERR_DATE: return "FPL_ERR_DATE";
    case FPL_ERR_MONTHS: return "FPL_ERR_MONTHS";
    case FPL_ERR_WEIGHTS: return "FPL_ERR_WEIGHTS";
    case FPL_ERR_WEIGHTS_COUNT: return "FPL_ERR_WEIGHTS_COUNT";
    case FPL_ERR_LAG: return "FPL_ERR_LAG";
    case FPL_ERR_REPS: return "FPL_ERR_REPS";
    case FPL_ERR_QUOTA: return "FPL_ERR_QUOTA";
    case FPL_ERR_ATTAINMENT: return "FPL_ERR_ATTAINMENT";
    case FPL_ERR_ELAPSED: return "FPL_ERR_ELAPSED";
    case FPL_ERR_ACTUAL: return "FPL_ERR_ACTUAL";
    case FPL_ERR_THRESHOLD: return "FPL_ERR_THRESHOLD";
    case FPL_ERR_HISTORY_STAGE: return "FPL_ERR_HISTORY_STAGE";
    case FPL_ERR_CRITERION: return "FPL_ERR_CRITERION";
    case FPL_ERR_CRITERION_DUPLICATE: return "FPL_ERR_CRITERION_DUPLICATE";
    case FPL_ERR_CRITERION_COUNT: return "FPL_ERR_CRITERION_COUNT";
    case FPL_ERR_ANSWER: return "FPL_ERR_ANSWER";
    case FPL_ERR_CSV_HEADER: return "FPL_ERR_CSV_HEADER";
    case FPL_ERR_MIX: return "FPL_ERR_MIX";
    case FPL_ERR_MIX_SHARES: return "FPL_ERR_MIX_SHARES";
    case FPL_ERR_BANDS: return "FPL_ERR_BANDS";
    case FPL_ERR_TOP: return "FPL_ERR_TOP";
    case FPL_ERR_FORMAT: return "FPL_ERR_FORMAT";
    case FPL_ERR_PARSE_AMBIGUOUS: return "FPL_ERR_PARSE_AMBIGUOUS";
    case FPL_ERR_CHANNEL_COMMITTED: return "FPL_ERR_CHANNEL_COMMITTED";
    case FPL_ERR_VOLUME_PERIOD: return "FPL_ERR_VOLUME_PERIOD";
    case FPL_ERR_VOLUME_SPLIT: return "FPL_ERR_VOLUME_SPLIT";
    case FPL_ERR_PARSE_COUNT_MAX: return "FPL_ERR_PARSE_COUNT_MAX";
    case FPL_ERR_PRESET: return "FPL_ERR_PRESET";
    case FPL_ERR_SATURATION: return "FPL_ERR_SATURATION";
    case FPL_ERR_OUTCOME_COLUMN: return "FPL_ERR_OUTCOME_COLUMN";
    case FPL_ERR_OUTCOMES: return "FPL_ERR_OUTCOMES";
    case FPL_ERR_RANK_VALUE: return "FPL_ERR_RANK_VALUE";
    case FPL_ERR_COLUMN: return "FPL_ERR_COLUMN";
    case FPL_ERR_LEARN_EMPTY: return "FPL_ERR_LEARN_EMPTY";
    case FPL_ERR_LEARN_FORM: return "FPL_ERR_LEARN_FORM";
    }
    return "FPL_ERR_UNKNOWN";
}

bool fpl_status_is_input_error(fpl_status status)
{
    switch (status) {
    case FPL_OK:
    case FPL_ERR_TOO_LARGE:
    case FPL_ERR_OVERFLOW:
    case FPL_ERR_CHANGE_RANGE:
    case FPL_ERR_UNREACHABLE:
    case FPL_ERR_CHANNEL_SHORT:
        return false;
    default:
        return true;
    }
}

unsigned fpl_period_months(fpl_period period)
{
    switch (period) {
    case FPL_PERIOD_MONTH: return 1;
    case FPL_PERIOD_QUARTER: return 3;
    case FPL_PERIOD_YEAR: return 12;
    }
    return 0;
}

const char *fpl_period_name(fpl_period period)
{
    switch (period) {
    case FPL_PERIOD_MONTH: return "month";
    case FPL_PERIOD_QUARTER: return "quarter";
    case FPL_PERIOD_YEAR: return "year";
    }
    return NULL;
}

static bool bytes_equal(const char *text, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len; ++i) {
        if (word[i] == '\0' || word[i] != text[i]) {
            return false;
        }
    }
    return word[i] == '\0';
}

fpl_status fpl_period_parse(const char *text, size_t len, fpl_period *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return fpl__done(err, FPL_ERR_PARSE_EMPTY);
    }
    static const fpl_period all[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                     FPL_PERIOD_YEAR};
    for (size_t i = 0; i < FPL_PERIOD_COUNT; ++i) {
        if (bytes_equal(text, len, fpl_period_name(all[i]))) {
            *out = all[i];
            return FPL_OK;
        }
    }
    return fpl__done(err, FPL_ERR_PERIOD);
}

double fpl_ceil_tolerant(double x)
{
    if (!isfinite(x)) {
        return x;
    }
    double nearest = round(x);
    if (fabs(x - nearest) <= 16.0 * DBL_EPSILON * fabs(x)) {
        return nearest;
    }
    return ceil(x);
}

const char *fpl_field_name(fpl_field field)
{
    switch (field) {
    case FPL_FIELD_NONE: return "none";
    case FPL_FIELD_STAGE: return "stage";
    case FPL_FIELD_DEAL_SIZE: return "deal_size";
    case FPL_FIELD_REVENUE: return "revenue";
    case FPL_FIELD_DEALS: return "deals";
    case FPL_FIELD_PER: return "per";
    case FPL_FIELD_COST_PER_LEAD: return "cost_per_lead";
    case FPL_FIELD_MARGIN: return "margin";
    case FPL_FIELD_VOLUME: return "volume";
    case FPL_FIELD_AT: return "at";
    case FPL_FIELD_CHANGE: return "change";
    case FPL_FIELD_HORIZON: return "horizon";
    case FPL_FIELD_INVEST: return "invest";
    case FPL_FIELD_STEP: return "step";
    case FPL_FIELD_DEAL_SIZE_STEP: return "deal_size_step";
    case FPL_FIELD_LEVER: return "lever";
    case FPL_FIELD_CONFIDENCE: return "confidence";
    case FPL_FIELD_TRIALS: return "trials";
    case FPL_FIELD_SEED: return "seed";
    case FPL_FIELD_DEAL_SIZE_CV: return "deal_size_cv";
    case FPL_FIELD_HISTORY: return "history";
    case FPL_FIELD_WORKSPACE: return "workspace";
    case FPL_FIELD_CHANNEL: return "channel";
    case FPL_FIELD_CHANNEL_COST_PER_LEAD: return "channel_cost_per_lead";
    case FPL_FIELD_CHANNEL_SPEND: return "channel_spend";
    case FPL_FIELD_CHANNEL_LEADS: return "channel_leads";
    case FPL_FIELD_CHANNEL_CAPACITY: return "channel_capacity";
    case FPL_FIELD_CHANNEL_QUALITY: return "channel_quality";
    case FPL_FIELD_CHANNEL_DEAL_SIZE: return "channel_deal_size";
    case FPL_FIELD_CHANNEL_SHARE: return "channel_share";
    case FPL_FIELD_ALLOCATE: return "allocate";
    case FPL_FIELD_START: return "start";
    case FPL_FIELD_MONTHS: return "months";
    case FPL_FIELD_SEASONALITY: return "seasonality";
    case FPL_FIELD_MONTHLY_DEALS: return "monthly_deals";
    case FPL_FIELD_MONTHLY_REVENUE: return "monthly_revenue";
    case FPL_FIELD_LAG: return "lag";
    case FPL_FIELD_REPS: return "reps";
    case FPL_FIELD_QUOTA: return "quota";
    case FPL_FIELD_ATTAINMENT: return "attainment";
    case FPL_FIELD_ELAPSED: return "elapsed";
    case FPL_FIELD_AS_OF: return "as_of";
    case FPL_FIELD_ACTUAL: return "actual";
    case FPL_FIELD_ACTUAL_DEALS: return "actual_deals";
    case FPL_FIELD_ACTUAL_REVENUE: return "actual_revenue";
    case FPL_FIELD_OPEN: return "open";
    case FPL_FIELD_AT_RISK: return "at_risk";
    case FPL_FIELD_OFF_TRACK: return "off_track";
    case FPL_FIELD_MIX: return "mix";
    case FPL_FIELD_SCENARIO_MIX: return "scenario_mix";
    case FPL_FIELD_CRITERIA: return "criteria";
    case FPL_FIELD_CRITERION: return "criterion";
    case FPL_FIELD_HOT: return "hot";
    case FPL_FIELD_WARM: return "warm";
    case FPL_FIELD_ID_COLUMN: return "id_column";
    case FPL_FIELD_ANSWER: return "answer";
    case FPL_FIELD_LEADS: return "leads";
    case FPL_FIELD_TOP: return "top";
    case FPL_FIELD_FUNNEL: return "funnel";
    case FPL_FIELD_CHANNEL_RATE: return "channel_rate";
    case FPL_FIELD_FORMAT: return "format";
    case FPL_FIELD_SATURATION: return "saturation";
    case FPL_FIELD_OUTCOME: return "outcome";
    case FPL_FIELD_WON: return "won";
    case FPL_FIELD_LOST: return "lost";
    case FPL_FIELD_COLUMN: return "column";
    case FPL_FIELD_STAGES: return "stages";
    case FPL_FIELD_HISTORY_FILE: return "history_file";
    case FPL_FIELD_HISTORY_FORM: return "history_form";
    }
    return "unknown";
}

/* The four name messages of fpl_strerror() ("stage name is empty", ...)
 * for another kind of name: 0 a channel's, 1 a criterion's, 2 the id
 * column's; which is the status's place among the four. */
static const char *name_message(int noun, int which)
{
    static const char *const text[3][4] = {
        {"channel name is empty", "channel name is longer than 64 bytes",
         "channel name is not valid UTF-8", "channel name contains a control character"},
        {"criterion name is empty", "criterion name is longer than 64 bytes",
         "criterion name is not valid UTF-8", "criterion name contains a control character"},
        {"id column name is empty", "id column name is longer than 64 bytes",
         "id column name is not valid UTF-8", "id column name contains a control character"}};
    return text[noun][which];
}

const char *fpl_error_message(const fpl_error *err)
{
    if (err == NULL) {
        return fpl_strerror(FPL_ERR_NULL);
    }
    /* A name status about a channel, a criterion or the id column speaks of
     * that name, not of a stage's. */
    const int noun = err->field == FPL_FIELD_CHANNEL     ? 0
                     : err->field == FPL_FIELD_CRITERION ? 1
                     : err->field == FPL_FIELD_ID_COLUMN ? 2
                                                         : -1;
    if (noun >= 0) {
        switch (err->status) {
        case FPL_ERR_STAGE_NAME_EMPTY: return name_message(noun, 0);
        case FPL_ERR_STAGE_NAME_LONG: return name_message(noun, 1);
        case FPL_ERR_STAGE_NAME_UTF8: return name_message(noun, 2);
        case FPL_ERR_STAGE_NAME_CONTROL: return name_message(noun, 3);
        case FPL_ERR_STAGE_NAME_RESERVED:
            if (err->field == FPL_FIELD_CHANNEL) {
                return "channel name is reserved (won, deal-size, volume, cost-per-lead)";
            }
            break;
        default: break;
        }
    }
    if (err->status == FPL_ERR_ELAPSED && err->field == FPL_FIELD_ELAPSED) {
        return "elapsed must be above 0 and at most the whole period: a share up to 100%, or "
               "months up to 1 (month), 3 (quarter) or 12 (year)";
    }
    /* a threshold speaks of the other one as a threshold, not as an option
     * that may not have been given */
    if (err->status == FPL_ERR_THRESHOLD && err->field == FPL_FIELD_AT_RISK) {
        return "the at-risk threshold must be above 0%, at most 1000%, and at least the "
               "off-track threshold (80% by default)";
    }
    if (err->status == FPL_ERR_THRESHOLD && err->field == FPL_FIELD_OFF_TRACK) {
        return "the off-track threshold must be above 0%, at most 1000%, and at most the "
               "at-risk threshold (95% by default)";
    }
    if (err->status == FPL_ERR_ELAPSED && err->field == FPL_FIELD_AS_OF) {
        return "the as-of date must lie in the period that begins at the start (from the "
               "start to the period's last day)";
    }
    if (err->field == FPL_FIELD_CHANNEL_RATE && err->status == FPL_ERR_CHANNEL_QUALITY) {
        return fpl_strerror(FPL_ERR_RATE_RANGE); /* a rate of its own, like a stage's */
    }
    return fpl_strerror(err->status);
}

fpl_field fpl__status_field(fpl_status st)
{
    switch (st) {
    case FPL_ERR_PERIOD: return FPL_FIELD_PER;
    case FPL_ERR_STAGE_COUNT:
    case FPL_ERR_STAGE_NAME_EMPTY:
    case FPL_ERR_STAGE_NAME_LONG:
    case FPL_ERR_STAGE_NAME_UTF8:
    case FPL_ERR_STAGE_NAME_CONTROL:
    case FPL_ERR_STAGE_NAME_RESERVED:
    case FPL_ERR_STAGE_DUPLICATE:
    case FPL_ERR_RATE_RANGE: return FPL_FIELD_STAGE;
    case FPL_ERR_DEAL_SIZE: return FPL_FIELD_DEAL_SIZE;
    case FPL_ERR_REVENUE: return FPL_FIELD_REVENUE;
    case FPL_ERR_DEALS: return FPL_FIELD_DEALS;
    case FPL_ERR_VOLUME: return FPL_FIELD_VOLUME;
    case FPL_ERR_COST: return FPL_FIELD_COST_PER_LEAD;
    case FPL_ERR_MARGIN: return FPL_FIELD_MARGIN;
    case FPL_ERR_DEAL_SIZE_MISSING: return FPL_FIELD_DEAL_SIZE;
    case FPL_ERR_COST_NOT_TOP: return FPL_FIELD_AT;
    case FPL_ERR_CHANGE_SYNTAX:
    case FPL_ERR_CHANGE_POINTS:
    case FPL_ERR_CHANGE_VALUE:
    case FPL_ERR_CHANGE_LEVER:
    case FPL_ERR_CHANGE_COUNT: return FPL_FIELD_CHANGE;
    case FPL_ERR_INVEST: return FPL_FIELD_INVEST;
    case FPL_ERR_HORIZON: return FPL_FIELD_HORIZON;
    case FPL_ERR_STEP: return FPL_FIELD_STEP;
    case FPL_ERR_VOLUME_WHOLE:
    case FPL_ERR_VOLUME_PERIOD:
    case FPL_ERR_VOLUME_SPLIT: return FPL_FIELD_VOLUME;
    case FPL_ERR_CONFIDENCE:
    case FPL_ERR_CONFIDENCE_COUNT: return FPL_FIELD_CONFIDENCE;
    case FPL_ERR_TRIALS: return FPL_FIELD_TRIALS;
    case FPL_ERR_VARIATION: return FPL_FIELD_DEAL_SIZE_CV;
    case FPL_ERR_HISTORY:
    case FPL_ERR_HISTORY_STAGE: return FPL_FIELD_HISTORY;
    case FPL_ERR_WORKSPACE: return FPL_FIELD_WORKSPACE;
    case FPL_ERR_CHANNEL_COUNT:
    case FPL_ERR_CHANNEL_SYNTAX:
    case FPL_ERR_CHANNEL_FIELD:
    case FPL_ERR_CHANNEL_FIELD_TWICE:
    case FPL_ERR_CHANNEL_DUPLICATE:
    case FPL_ERR_CHANNEL_COST:
    case FPL_ERR_CHANNEL_OVER_CAPACITY: return FPL_FIELD_CHANNEL;
    case FPL_ERR_CHANNEL_SPEND: return FPL_FIELD_CHANNEL_SPEND;
    case FPL_ERR_CHANNEL_LEADS:
    case FPL_ERR_CHANNEL_COMMITTED: return FPL_FIELD_CHANNEL_LEADS;
    case FPL_ERR_CHANNEL_CAPACITY: return FPL_FIELD_CHANNEL_CAPACITY;
    case FPL_ERR_CHANNEL_QUALITY: return FPL_FIELD_CHANNEL_QUALITY;
    case FPL_ERR_CHANNEL_SHARE: return FPL_FIELD_CHANNEL_SHARE;
    case FPL_ERR_MONTHS: return FPL_FIELD_MONTHS;
    case FPL_ERR_LAG: return FPL_FIELD_LAG;
    case FPL_ERR_REPS: return FPL_FIELD_REPS;
    case FPL_ERR_QUOTA: return FPL_FIELD_QUOTA;
    case FPL_ERR_ATTAINMENT: return FPL_FIELD_ATTAINMENT;
    case FPL_ERR_ELAPSED: return FPL_FIELD_ELAPSED;
    case FPL_ERR_ACTUAL: return FPL_FIELD_ACTUAL;
    case FPL_ERR_CRITERION:
    case FPL_ERR_CRITERION_DUPLICATE: return FPL_FIELD_CRITERION;
    case FPL_ERR_CRITERION_COUNT: return FPL_FIELD_CRITERIA;
    case FPL_ERR_ANSWER: return FPL_FIELD_ANSWER;
    case FPL_ERR_CSV_HEADER: return FPL_FIELD_LEADS;
    case FPL_ERR_MIX:
    case FPL_ERR_MIX_SHARES: return FPL_FIELD_MIX;
    case FPL_ERR_BANDS: return FPL_FIELD_HOT;
    case FPL_ERR_TOP: return FPL_FIELD_TOP;
    case FPL_ERR_FORMAT: return FPL_FIELD_FORMAT;
    case FPL_ERR_PRESET: return FPL_FIELD_CRITERIA;
    case FPL_ERR_SATURATION: return FPL_FIELD_SATURATION;
    case FPL_ERR_OUTCOME_COLUMN:
    case FPL_ERR_OUTCOMES: return FPL_FIELD_OUTCOME;
    case FPL_ERR_COLUMN: return FPL_FIELD_COLUMN;
    case FPL_ERR_LEARN_EMPTY: return FPL_FIELD_HISTORY_FILE;
    case FPL_ERR_LEARN_FORM: return FPL_FIELD_HISTORY_FORM;
    default: return FPL_FIELD_NONE;
    }
}

size_t fpl_utf8_next(const char *text, size_t len, uint32_t *cp_out)
{
    if (text == NULL || cp_out == NULL || len == 0) {
        return 0;
    }
    return fpl__utf8_decode((const unsigned char *)text, len, cp_out);
}

/*
 * funnelplan — status messages and the helpers every module shares.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/common.h"

#include <float.h>
#include <math.h>

const char *fpl_strerror(fpl_status status)
{
    switch (status) {
    case FPL_OK: return "success";
    case FPL_ERR_NULL: return "a required argument is missing (NULL)";
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
    case FPL_ERR_RATE_RANGE: return "rate must be between 0% and 100%";
    case FPL_ERR_DEAL_SIZE: return "deal size must be a positive number";
    case FPL_ERR_REVENUE: return "revenue must be a positive number";
    case FPL_ERR_DEALS: return "deals must be a positive number";
    case FPL_ERR_VOLUME: return "volume must be a positive number";
    case FPL_ERR_COST: return "cost per lead must be a number of 0 or more";
    case FPL_ERR_MARGIN: return "margin must be between 0% and 100%";
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

fpl_status fpl_period_parse(const char *text, size_t len, fpl_period *out)
{
    if (text == NULL || out == NULL) {
        return FPL_ERR_NULL;
    }
    if (len == 0) {
        return FPL_ERR_PARSE_EMPTY;
    }
    static const fpl_period all[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                     FPL_PERIOD_YEAR};
    for (size_t i = 0; i < FPL_PERIOD_COUNT; ++i) {
        if (bytes_equal(text, len, fpl_period_name(all[i]))) {
            *out = all[i];
            return FPL_OK;
        }
    }
    return FPL_ERR_PERIOD;
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

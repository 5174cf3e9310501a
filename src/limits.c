/*
 * funnelplan — the limits and defaults of every input, in one table.
 * SPDX-License-Identifier: MIT
 *
 * Each row restates nothing by hand: the capacities and defaults are the
 * modules' own macros. The three defaults no module names as a macro (the
 * schedule's 12 months and the sensitivity steps of src/sensitivity.c) are
 * held to the modules by tests/test_limits.c.
 */

#include "internal.h"
#include "funnelplan/limits.h"
#include "funnelplan/channels.h"
#include "funnelplan/mix.h"
#include "funnelplan/odds.h"
#include "funnelplan/pace.h"
#include "funnelplan/schedule.h"
#include "funnelplan/score.h"
#include "funnelplan/whatif.h"

#include <math.h>

typedef struct limit_row {
    const char *name;
    fpl_bound_kind kind;
    double min;
    double max;
    bool min_excluded;
    bool max_excluded;
    bool has_default;
    double def;
    fpl_status status; /* what a value out of bounds is refused with */
    fpl_field field;
} limit_row;

#define WHOLE FPL_BOUND_WHOLE
#define NUMBER FPL_BOUND_NUMBER
#define RATE FPL_BOUND_RATE

static const limit_row rows[FPL_LIMIT_COUNT] = {
    [FPL_LIMIT_STAGES] = {"stages", WHOLE, 1, FPL_MAX_STAGES, false, false, false, 0,
                          FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE},
    [FPL_LIMIT_CHANGES] = {"changes", WHOLE, 0, FPL_MAX_CHANGES, false, false, false, 0,
                           FPL_ERR_CHANGE_COUNT, FPL_FIELD_CHANGE},
    [FPL_LIMIT_HORIZON] = {"horizon", WHOLE, 1, FPL_HORIZON_MAX, false, false, false, 0,
                           FPL_ERR_HORIZON, FPL_FIELD_HORIZON},
    [FPL_LIMIT_CONFIDENCE_LEVELS] = {"confidence_levels", WHOLE, 0, FPL_ODDS_MAX_REQUESTED, false,
                                     false, false, 0, FPL_ERR_CONFIDENCE_COUNT,
                                     FPL_FIELD_CONFIDENCE},
    [FPL_LIMIT_CONFIDENCE] = {"confidence", RATE, 0, 1, true, true, false, 0, FPL_ERR_CONFIDENCE,
                              FPL_FIELD_CONFIDENCE},
    [FPL_LIMIT_TRIALS] = {"trials", WHOLE, 1, FPL_ODDS_TRIALS_MAX, false, false, true,
                          FPL_ODDS_TRIALS_DEFAULT, FPL_ERR_TRIALS, FPL_FIELD_TRIALS},
    [FPL_LIMIT_SEED] = {"seed", WHOLE, 0, (double)UINT64_MAX, false, false, true,
                        FPL_ODDS_SEED_DEFAULT, FPL_ERR_PARSE_OVERFLOW, FPL_FIELD_SEED},
    [FPL_LIMIT_DEAL_SIZE_CV] = {"deal_size_cv", NUMBER, FPL_ODDS_CV_MIN, FPL_ODDS_CV_MAX, false,
                                false, true, 0, FPL_ERR_VARIATION, FPL_FIELD_DEAL_SIZE_CV},
    [FPL_LIMIT_CHANNELS] = {"channels", WHOLE, 1, FPL_MAX_CHANNELS, false, false, false, 0,
                            FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL},
    [FPL_LIMIT_MONTHS] = {"months", WHOLE, 1, FPL_SCHEDULE_MAX_MONTHS, false, false, true, 12,
                          FPL_ERR_MONTHS, FPL_FIELD_MONTHS},
    [FPL_LIMIT_SEASONALITY_WEIGHTS] = {"seasonality_weights", WHOLE, 12, 12, false, false, false,
                                       0, FPL_ERR_WEIGHTS_COUNT, FPL_FIELD_SEASONALITY},
    [FPL_LIMIT_LAG] = {"lag", NUMBER, 0, FPL_SCHEDULE_MAX_LEAD, false, false, true, 0,
                       FPL_ERR_LAG, FPL_FIELD_LAG},
    [FPL_LIMIT_ATTAINMENT] = {"attainment", RATE, 0, 1, true, false, true, 1, FPL_ERR_ATTAINMENT,
                              FPL_FIELD_ATTAINMENT},
    [FPL_LIMIT_AT_RISK] = {"at_risk", RATE, 0, 10, true, false, true, FPL_PACE_AT_RISK_DEFAULT,
                           FPL_ERR_THRESHOLD, FPL_FIELD_AT_RISK},
    [FPL_LIMIT_OFF_TRACK] = {"off_track", RATE, 0, 10, true, false, true,
                             FPL_PACE_OFF_TRACK_DEFAULT, FPL_ERR_THRESHOLD, FPL_FIELD_OFF_TRACK},
    [FPL_LIMIT_CRITERIA] = {"criteria", WHOLE, 1, FPL_MAX_CRITERIA, false, false, false, 0,
                            FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA},
    [FPL_LIMIT_HOT] = {"hot", NUMBER, 0, 100, true, false, true, FPL_SCORE_HOT_DEFAULT,
                       FPL_ERR_BANDS, FPL_FIELD_HOT},
    [FPL_LIMIT_WARM] = {"warm", NUMBER, 0, 100, true, false, true, FPL_SCORE_WARM_DEFAULT,
                        FPL_ERR_BANDS, FPL_FIELD_WARM},
    [FPL_LIMIT_MARGIN] = {"margin", RATE, 0, 1, true, false, true, 1, FPL_ERR_MARGIN,
                          FPL_FIELD_MARGIN},
    [FPL_LIMIT_STEP] = {"step", RATE, 0, HUGE_VAL, true, false, true, 0.01, FPL_ERR_STEP,
                        FPL_FIELD_STEP},
    [FPL_LIMIT_DEAL_SIZE_STEP] = {"deal_size_step", RATE, 0, HUGE_VAL, true, false, true, 0.10,
                                  FPL_ERR_STEP, FPL_FIELD_DEAL_SIZE_STEP},
    [FPL_LIMIT_SEGMENTS] = {"segments", WHOLE, 1, FPL_MAX_SEGMENTS, false, false, false, 0,
                            FPL_ERR_MIX, FPL_FIELD_MIX},
};

static const limit_row *row_of(fpl_limit limit)
{
    return (int)limit >= 0 && (int)limit < FPL_LIMIT_COUNT ? &rows[limit] : NULL;
}

fpl_bounds fpl_limit_bounds(fpl_limit limit)
{
    fpl_bounds b = {FPL_BOUND_WHOLE, 0, 0, false, false, false, 0, 0, 0, 0};
    const limit_row *r = row_of(limit);
    if (r == NULL) {
        return b;
    }
    b.kind = r->kind;
    b.min = r->min;
    b.max = r->max;
    b.min_excluded = r->min_excluded;
    b.max_excluded = r->max_excluded;
    b.has_default = r->has_default;
    b.default_value = r->def;
    if (r->kind == FPL_BOUND_WHOLE) {
        /* (uint64_t)(double)UINT64_MAX would overflow: the seed is exact */
        b.min_whole = (uint64_t)r->min;
        b.max_whole = limit == FPL_LIMIT_SEED ? UINT64_MAX : (uint64_t)r->max;
        b.default_whole = (uint64_t)r->def;
    }
    return b;
}

const char *fpl_limit_name(fpl_limit limit)
{
    const limit_row *r = row_of(limit);
    return r != NULL ? r->name : NULL;
}

fpl_status fpl_limit_check(fpl_limit limit, double value, size_t index, fpl_error *err)
{
    const limit_row *r = row_of(limit);
    if (r == NULL) {
        return fpl__fail(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    }
    /* exact comparisons: a default and a whole count are exact values */
    if (r->has_default && !(value < r->def) && !(value > r->def)) {
        return FPL_OK;
    }
    const bool above = r->min_excluded ? value > r->min : value >= r->min;
    const bool below = r->max_excluded ? value < r->max : value <= r->max;
    const bool whole = r->kind != FPL_BOUND_WHOLE || !(value > floor(value));
    if (above && below && whole) {
        return FPL_OK;
    }
    return fpl__fail(err, r->status, r->field, index);
}

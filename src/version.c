/*
 * funnelplan — run-time version and ABI queries.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

const char *fpl_version_string(void)
{
    return FPL_VERSION_STRING;
}

unsigned fpl_version_number(void)
{
    return (unsigned)FPL_VERSION_NUMBER;
}

size_t fpl_abi_size(fpl_abi_struct which)
{
    switch (which) {
    case FPL_ABI_STAGE: return sizeof(fpl_stage);
    case FPL_ABI_FUNNEL: return sizeof(fpl_funnel);
    case FPL_ABI_TERMS: return sizeof(fpl_terms);
    case FPL_ABI_PLAN_STAGE: return sizeof(fpl_plan_stage);
    case FPL_ABI_PLAN_PERIOD: return sizeof(fpl_plan_period);
    case FPL_ABI_PLAN: return sizeof(fpl_plan);
    case FPL_ABI_FORECAST_INPUT: return sizeof(fpl_forecast_input);
    case FPL_ABI_FORECAST_PERIOD: return sizeof(fpl_forecast_period);
    case FPL_ABI_FORECAST: return sizeof(fpl_forecast);
    case FPL_ABI_CHANGE: return sizeof(fpl_change);
    case FPL_ABI_WHATIF_INPUT: return sizeof(fpl_whatif_input);
    case FPL_ABI_WHATIF: return sizeof(fpl_whatif);
    case FPL_ABI_SENSITIVITY_INPUT: return sizeof(fpl_sensitivity_input);
    case FPL_ABI_SENSITIVITY_ROW: return sizeof(fpl_sensitivity_row);
    case FPL_ABI_SENSITIVITY: return sizeof(fpl_sensitivity);
    case FPL_ABI_SOLVE_INPUT: return sizeof(fpl_solve_input);
    case FPL_ABI_SOLVE: return sizeof(fpl_solve);
    case FPL_ABI_PLAN_BATCH: return sizeof(fpl_plan_batch);
    case FPL_ABI_ODDS_INPUT: return sizeof(fpl_odds_input);
    case FPL_ABI_ODDS_LEVEL: return sizeof(fpl_odds_level);
    case FPL_ABI_ODDS: return sizeof(fpl_odds);
    case FPL_ABI_ODDS_PLAN: return sizeof(fpl_odds_plan);
    case FPL_ABI_ODDS_SIM_INPUT: return sizeof(fpl_odds_sim_input);
    case FPL_ABI_ODDS_ESTIMATE: return sizeof(fpl_odds_estimate);
    case FPL_ABI_ODDS_SIM: return sizeof(fpl_odds_sim);
    case FPL_ABI_CHANNEL: return sizeof(fpl_channel);
    case FPL_ABI_CHANNELS_INPUT: return sizeof(fpl_channels_input);
    case FPL_ABI_CHANNEL_FIGURES: return sizeof(fpl_channel_figures);
    case FPL_ABI_CHANNELS: return sizeof(fpl_channels);
    case FPL_ABI_RESERVED_29: return 0; /* retired: the value stays reserved */
    case FPL_ABI_MONTH: return sizeof(fpl_month);
    case FPL_ABI_DATE: return sizeof(fpl_date);
    case FPL_ABI_SCHEDULE_INPUT: return sizeof(fpl_schedule_input);
    case FPL_ABI_SCHEDULE_ROW: return sizeof(fpl_schedule_row);
    case FPL_ABI_SCHEDULE: return sizeof(fpl_schedule);
    case FPL_ABI_PACE_INPUT: return sizeof(fpl_pace_input);
    case FPL_ABI_PACE_ROW: return sizeof(fpl_pace_row);
    case FPL_ABI_PACE: return sizeof(fpl_pace);
    case FPL_ABI_CRITERION: return sizeof(fpl_criterion);
    case FPL_ABI_CRITERIA: return sizeof(fpl_criteria);
    case FPL_ABI_LEAD_SCORE: return sizeof(fpl_lead_score);
    case FPL_ABI_CSV_ROW: return sizeof(fpl_csv_row);
    case FPL_ABI_CSV_READER: return sizeof(fpl_csv_reader);
    case FPL_ABI_SEGMENT: return sizeof(fpl_segment);
    case FPL_ABI_MIX: return sizeof(fpl_mix);
    case FPL_ABI_ERROR: return sizeof(fpl_error);
    case FPL_ABI_WHATIF_TOTALS: return sizeof(fpl_whatif_totals);
    case FPL_ABI_SCORE_TALLY: return sizeof(fpl_score_tally);
    case FPL_ABI_SCORE_WRITER: return sizeof(fpl_score_writer);
    case FPL_ABI_BOUNDS: return sizeof(fpl_bounds);
    case FPL_ABI_SCORE_FIT_RESULT: return sizeof(fpl_score_fit_result);
    case FPL_ABI_SCORE_FIT_SOURCE: return sizeof(fpl_score_fit_source);
    case FPL_ABI_PLAN_BATCH_TERMS: return sizeof(fpl_plan_batch_terms);
    }
    return 0;
}

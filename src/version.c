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
    }
    return 0;
}

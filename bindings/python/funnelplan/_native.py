# funnelplan — ctypes mirror of the C API.
# SPDX-License-Identifier: MIT
"""The C structures and functions of ``libfunnelplan``, bound once at import.

The structures mirror ``include/funnelplan/*.h`` field for field, in the same
order and with the same types (``size_t`` is ``c_size_t``, ``bool`` is
``c_bool``, ``uint64_t`` is ``c_uint64``, enums are ``c_int``; the array
pointers of ``fpl_plan_batch`` are ``c_void_p``, set from buffer addresses
without building a ctypes object per buffer). Their layout
is fixed for a major version (the ABI rule in ``common.h``), which the loader
checks against :data:`_loader.ABI_MAJOR`.

Every function is declared once in :data:`FUNCTIONS` as (name, argtypes,
restype); those returning ``fpl_status`` get an ``errcheck`` that raises
:class:`FunnelError` for any status but ``FPL_OK``.
"""

import ctypes
from ctypes import byref
import types
from ctypes import (POINTER, Structure, c_bool, c_char, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_uint64, c_void_p)

from . import _loader
from ._errors import FunnelError

# Capacities from common.h; part of the ABI of the major version.
MAX_STAGES = 32
NAME_MAX = 64
PERIOD_COUNT = 3

MAX_CHANGES = 40  # whatif.h

# odds.h
ODDS_STANDARD_LEVELS = 5
ODDS_MAX_REQUESTED = 16
ODDS_MAX_LEVELS = ODDS_STANDARD_LEVELS + ODDS_MAX_REQUESTED
ODDS_QUANTILES = 3

# enum fpl_period, fpl_target_kind, fpl_lever and fpl_change_kind (values are
# part of the ABI).
PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR = 0, 1, 2
TARGET_NONE, TARGET_REVENUE, TARGET_DEALS = 0, 1, 2
LEVER_STAGE, LEVER_DEAL_SIZE, LEVER_VOLUME, LEVER_COST_PER_LEAD = 0, 1, 2, 3
CHANGE_RELATIVE, CHANGE_POINTS, CHANGE_SET = 0, 1, 2


class fpl_stage(Structure):
    _fields_ = [("name", c_char * (NAME_MAX + 1)),
                ("rate", c_double)]


class fpl_funnel(Structure):
    _fields_ = [("n_stages", c_size_t),
                ("stages", fpl_stage * MAX_STAGES)]


class fpl_terms(Structure):
    _fields_ = [("per", c_int),
                ("target", c_int),
                ("revenue", c_double),
                ("deals", c_double),
                ("has_deal_size", c_bool),
                ("deal_size", c_double),
                ("has_cost_per_lead", c_bool),
                ("cost_per_lead", c_double),
                ("has_margin", c_bool),
                ("margin", c_double)]


class fpl_plan_stage(Structure):
    _fields_ = [("rate", c_double),
                ("cumulative_rate", c_double),
                ("required", c_double),
                ("required_whole", c_uint64),
                ("cost_per", c_double)]


class fpl_plan_period(Structure):
    _fields_ = [("revenue", c_double),
                ("deals", c_double),
                ("required", c_double * MAX_STAGES),
                ("budget", c_double)]


class fpl_plan(Structure):
    _fields_ = [("per", c_int),
                ("n_stages", c_size_t),
                ("has_revenue", c_bool),
                ("revenue", c_double),
                ("has_deal_size", c_bool),
                ("deal_size", c_double),
                ("deals", c_double),
                ("deals_whole", c_uint64),
                ("margin", c_double),
                ("gross_profit", c_double),
                ("has_cost", c_bool),
                ("cost_per_lead", c_double),
                ("budget", c_double),
                ("cost_per_deal", c_double),
                ("stages", fpl_plan_stage * MAX_STAGES),
                ("by_period", fpl_plan_period * PERIOD_COUNT)]


class fpl_forecast_input(Structure):
    _fields_ = [("volume", c_double),
                ("at", c_size_t)]


class fpl_forecast_period(Structure):
    _fields_ = [("revenue", c_double),
                ("deals", c_double),
                ("expected", c_double * MAX_STAGES),
                ("budget", c_double)]


class fpl_forecast(Structure):
    _fields_ = [("per", c_int),
                ("n_stages", c_size_t),
                ("at", c_size_t),
                ("volume", c_double),
                ("expected", c_double * MAX_STAGES),
                ("deals", c_double),
                ("has_revenue", c_bool),
                ("deal_size", c_double),
                ("revenue", c_double),
                ("margin", c_double),
                ("gross_profit", c_double),
                ("has_cost", c_bool),
                ("cost_per_lead", c_double),
                ("budget", c_double),
                ("cost_per_deal", c_double),
                ("target", c_int),
                ("target_deals", c_double),
                ("has_target_revenue", c_bool),
                ("target_revenue", c_double),
                ("gap_deals", c_double),
                ("has_gap_revenue", c_bool),
                ("gap_revenue", c_double),
                ("attainment", c_double),
                ("by_period", fpl_forecast_period * PERIOD_COUNT)]


# whatif.h


class fpl_change(Structure):
    _fields_ = [("lever", c_int),
                ("stage", c_size_t),
                ("kind", c_int),
                ("value", c_double)]


class fpl_whatif_input(Structure):
    _fields_ = [("has_volume", c_bool),
                ("volume", fpl_forecast_input),
                ("n_changes", c_size_t),
                ("changes", fpl_change * MAX_CHANGES),
                ("horizon", c_uint),
                ("has_invest", c_bool),
                ("invest", c_double)]


class fpl_whatif_totals(Structure):
    _fields_ = [("volume", c_double),
                ("deals", c_double),
                ("has_revenue", c_bool),
                ("revenue", c_double),
                ("cost", c_double)]


class fpl_whatif(Structure):
    _fields_ = [("per", c_int),
                ("horizon", c_uint),
                ("volume_held", c_bool),
                ("scenario_funnel", fpl_funnel),
                ("scenario_terms", fpl_terms),
                ("scenario_volume", c_double),
                ("baseline_forecast", fpl_forecast),
                ("scenario_forecast", fpl_forecast),
                ("baseline_plan", fpl_plan),
                ("scenario_plan", fpl_plan),
                ("has_revenue", c_bool),
                ("deals", c_double),
                ("revenue", c_double),
                ("volume", c_double),
                ("has_cost", c_bool),
                ("cost", c_double),
                ("margin", c_double),
                ("gain", c_double),
                ("revenue_horizon", c_double),
                ("cost_horizon", c_double),
                ("gain_horizon", c_double),
                ("has_invest", c_bool),
                ("invest", c_double),
                ("roi", c_double),
                ("has_payback", c_bool),
                ("payback_periods", c_double),
                ("baseline_horizon", fpl_whatif_totals),
                ("scenario_horizon", fpl_whatif_totals),
                ("volume_horizon", c_double),
                ("deals_horizon", c_double),
                ("has_whole_deals", c_bool),
                ("whole_deals", c_double),
                ("whole_revenue", c_double)]


# sensitivity.h


class fpl_sensitivity_input(Structure):
    _fields_ = [("has_volume", c_bool),
                ("volume", fpl_forecast_input),
                ("has_step", c_bool),
                ("step_kind", c_int),
                ("step", c_double),
                ("has_deal_size_step", c_bool),
                ("deal_size_step", c_double)]


class fpl_sensitivity_row(Structure):
    # "from" is a Python keyword: read it with getattr(row, "from").
    _fields_ = [("lever", c_int),
                ("stage", c_size_t),
                ("from", c_double),
                ("to", c_double),
                ("effect", c_double),
                ("share", c_double)]


class fpl_sensitivity(Structure):
    _fields_ = [("per", c_int),
                ("volume_held", c_bool),
                ("step_kind", c_int),
                ("step", c_double),
                ("deal_size_step", c_double),
                ("n_rows", c_size_t),
                ("rows", fpl_sensitivity_row * (MAX_STAGES + 1))]


# solve.h


class fpl_solve_input(Structure):
    _fields_ = [("volume", fpl_forecast_input),
                ("lever", c_int),
                ("stage", c_size_t)]


class fpl_solve(Structure):
    _fields_ = [("lever", c_int),
                ("stage", c_size_t),
                ("current", c_double),
                ("value", c_double),
                ("change", c_double),
                ("per", c_int)]


# batch.h


class fpl_plan_batch(Structure):
    _fields_ = [("n_funnels", c_size_t),
                ("n_stages", c_size_t),
                ("rates", c_void_p),           # const double *
                ("deals", c_void_p),           # const double *
                ("required", c_void_p),        # double *
                ("required_whole", c_void_p),  # double *
                ("deals_whole", c_void_p)]     # double *


# odds.h


class fpl_odds_input(Structure):
    _fields_ = [("volume", c_double),
                ("at", c_size_t),
                ("n_levels", c_size_t),
                ("levels", c_double * ODDS_MAX_REQUESTED)]


class fpl_odds_level(Structure):
    _fields_ = [("confidence", c_double),
                ("has_volume", c_bool),
                ("volume", c_double)]


class fpl_odds(Structure):
    _fields_ = [("per", c_int),
                ("n_stages", c_size_t),
                ("at", c_size_t),
                ("volume", c_double),
                ("cumulative_rate", c_double),
                ("target_deals", c_double),
                ("has_target_revenue", c_bool),
                ("target_revenue", c_double),
                ("has_revenue", c_bool),
                ("deal_size", c_double),
                ("p_hit", c_double),
                ("p_miss", c_double),
                ("expected_deals", c_double),
                ("sd_deals", c_double),
                ("expected_revenue", c_double),
                ("deals_quantiles", c_double * ODDS_QUANTILES),
                ("revenue_quantiles", c_double * ODDS_QUANTILES),
                ("n_levels", c_size_t),
                ("volume_for", fpl_odds_level * ODDS_MAX_LEVELS)]


class fpl_odds_plan(Structure):
    _fields_ = [("confidence", c_double),
                ("deals_whole", c_double),
                ("n_stages", c_size_t),
                ("required", c_double * MAX_STAGES)]


class fpl_odds_sim_input(Structure):
    _fields_ = [("volume", c_double),
                ("at", c_size_t),
                ("trials", c_size_t),
                ("seed", c_uint64),
                ("deal_size_cv", c_double),
                ("has_history", c_bool * MAX_STAGES),
                ("won", c_double * MAX_STAGES),
                ("total", c_double * MAX_STAGES)]


class fpl_odds_estimate(Structure):
    _fields_ = [("value", c_double),
                ("std_error", c_double)]


class fpl_odds_sim(Structure):
    _fields_ = [("trials", c_size_t),
                ("seed", c_uint64),
                ("target_deals", c_double),
                ("has_revenue", c_bool),
                ("by_revenue", c_bool),
                ("p_hit", fpl_odds_estimate),
                ("expected_deals", fpl_odds_estimate),
                ("expected_revenue", fpl_odds_estimate),
                ("deals_quantiles", fpl_odds_estimate * ODDS_QUANTILES),
                ("revenue_quantiles", fpl_odds_estimate * ODDS_QUANTILES)]


# channels.h

MAX_CHANNELS = 32
QUALITY_FUNNEL, QUALITY_RATE, QUALITY_FACTOR = 0, 1, 2


class fpl_channel(Structure):
    _fields_ = [("name", c_char * (NAME_MAX + 1)),
                ("has_cost_per_lead", c_bool),
                ("cost_per_lead", c_double),
                ("has_spend", c_bool),
                ("spend", c_double),
                ("has_leads", c_bool),
                ("leads", c_double),
                ("has_capacity", c_bool),
                ("capacity", c_double),
                ("quality", c_int),
                ("quality_value", c_double),
                ("has_deal_size", c_bool),
                ("deal_size", c_double),
                ("has_share", c_bool),
                ("share", c_double)]


class fpl_channels_input(Structure):
    _fields_ = [("n_channels", c_size_t),
                ("channels", fpl_channel * MAX_CHANNELS),
                ("by_shares", c_bool)]


class fpl_channel_figures(Structure):
    _fields_ = [("top_rate", c_double),
                ("rate_to_won", c_double),
                ("opportunity_rate", c_double),
                ("cost_per_lead", c_double),
                ("has_capacity", c_bool),
                ("capacity", c_double),
                ("at_capacity", c_bool),
                ("leads", c_double),
                ("share", c_double),
                ("opportunities", c_double),
                ("deals", c_double),
                ("cost", c_double),
                ("cost_per_opportunity", c_double),
                ("cost_per_deal", c_double),
                ("has_revenue", c_bool),
                ("deal_size", c_double),
                ("value_per_lead", c_double),
                ("revenue", c_double),
                ("gross_profit", c_double),
                ("has_roi", c_bool),
                ("roi", c_double),
                ("break_even_cost_per_lead", c_double),
                ("headroom", c_double),
                ("loses_money", c_bool),
                ("rank", c_size_t)]


class fpl_channels(Structure):
    _fields_ = [("per", c_int),
                ("target", c_int),
                ("by_shares", c_bool),
                ("margin", c_double),
                ("target_deals", c_double),
                ("has_target_revenue", c_bool),
                ("target_revenue", c_double),
                ("n_channels", c_size_t),
                ("channels", fpl_channel_figures * MAX_CHANNELS),
                ("ranking", c_size_t * MAX_CHANNELS),
                ("leads", c_double),
                ("opportunities", c_double),
                ("deals", c_double),
                ("cost", c_double),
                ("cost_per_lead", c_double),
                ("cost_per_opportunity", c_double),
                ("cost_per_deal", c_double),
                ("has_revenue", c_bool),
                ("revenue", c_double),
                ("gross_profit", c_double),
                ("has_roi", c_bool),
                ("roi", c_double),
                ("n_losing", c_size_t),
                ("has_marginal", c_bool),
                ("marginal_channel", c_size_t),
                ("marginal_cost_per_deal", c_double),
                ("has_most", c_bool),
                ("most_leads", c_double),
                ("most_deals", c_double),
                ("has_most_revenue", c_bool),
                ("most_revenue", c_double)]


# schedule.h

SCHEDULE_MAX_MONTHS = 120
SCHEDULE_MAX_LEAD = 120
SCHEDULE_MAX_ROWS = SCHEDULE_MAX_MONTHS + SCHEDULE_MAX_LEAD
SEASONALITY_WEIGHTS = 12


class fpl_month(Structure):
    _fields_ = [("year", c_int),
                ("month", c_int)]


class fpl_date(Structure):
    _fields_ = [("year", c_int),
                ("month", c_int),
                ("day", c_int)]


class fpl_schedule_input(Structure):
    _fields_ = [("start", fpl_month),
                ("months", c_uint),
                ("has_weights", c_bool),
                ("weights", c_double * SEASONALITY_WEIGHTS),
                ("has_monthly", c_bool),
                ("monthly_kind", c_int),
                ("monthly", c_double * SCHEDULE_MAX_MONTHS),
                ("lag", c_double * MAX_STAGES),
                ("reps", c_double),
                ("has_quota", c_bool),
                ("quota", c_double),
                ("attainment", c_double),
                ("has_reps", c_bool),
                ("has_attainment", c_bool)]


class fpl_schedule_row(Structure):
    _fields_ = [("month", fpl_month),
                ("in_span", c_bool),
                ("share", c_double),
                ("deals", c_double),
                ("revenue", c_double),
                ("entering", c_double * MAX_STAGES),
                ("entering_per_rep", c_double * MAX_STAGES),
                ("deals_per_rep", c_double)]


class fpl_schedule(Structure):
    _fields_ = [("per", c_int),
                ("n_stages", c_size_t),
                ("start", fpl_month),
                ("months", c_uint),
                ("lead_months", c_size_t),
                ("n_rows", c_size_t),
                ("total_lag", c_double),
                ("deals", c_double),
                ("has_revenue", c_bool),
                ("deal_size", c_double),
                ("revenue", c_double),
                ("totals", c_double * MAX_STAGES),
                ("has_reps", c_bool),
                ("reps", c_double),
                ("has_reps_needed", c_bool),
                ("reps_needed", c_double),
                ("reps_needed_whole", c_double),
                ("has_velocity", c_bool),
                ("velocity", c_double),
                ("velocity_opportunities", c_double),
                ("velocity_cycle_days", c_double),
                ("rows", fpl_schedule_row * SCHEDULE_MAX_ROWS),
                ("lag_months", c_double * MAX_STAGES),
                ("lag_days", c_double * MAX_STAGES),
                ("quota", c_double),
                ("attainment", c_double),
                ("has_weights", c_bool),
                ("weights", c_double * SEASONALITY_WEIGHTS),
                ("has_monthly", c_bool),
                ("monthly_kind", c_int),
                ("monthly", c_double * SCHEDULE_MAX_MONTHS)]


# pace.h

PACE_ON_TRACK, PACE_AT_RISK, PACE_OFF_TRACK = 0, 1, 2


class fpl_pace_input(Structure):
    _fields_ = [("elapsed", c_double),
                ("has_actual", c_bool * MAX_STAGES),
                ("actual", c_double * MAX_STAGES),
                ("has_actual_deals", c_bool),
                ("actual_deals", c_double),
                ("has_actual_revenue", c_bool),
                ("actual_revenue", c_double),
                ("has_open", c_bool * MAX_STAGES),
                ("open", c_double * MAX_STAGES),
                ("lag", c_double * MAX_STAGES),
                ("at_risk", c_double),
                ("off_track", c_double),
                ("reps", c_double),
                ("has_at_risk", c_bool),
                ("has_off_track", c_bool),
                ("has_reps", c_bool)]


class fpl_pace_row(Structure):
    _fields_ = [("has_actual", c_bool),
                ("plan", c_double),
                ("plan_to_date", c_double),
                ("actual", c_double),
                ("attainment", c_double),
                ("projection", c_double),
                ("projected_attainment", c_double),
                ("still_needed", c_double),
                ("has_needed_rate", c_bool),
                ("needed_rate", c_double),
                ("catch_up", c_double),
                ("status", c_int),
                ("implied_deals", c_double),
                ("plan_per_rep", c_double),
                ("actual_per_rep", c_double),
                ("needed_rate_per_rep", c_double)]


class fpl_pace(Structure):
    _fields_ = [("per", c_int),
                ("n_stages", c_size_t),
                ("elapsed", c_double),
                ("at_risk", c_double),
                ("off_track", c_double),
                ("stages", fpl_pace_row * MAX_STAGES),
                ("deals", fpl_pace_row),
                ("has_revenue", c_bool),
                ("revenue", fpl_pace_row),
                ("has_warning", c_bool),
                ("warning_stage", c_size_t),
                ("warning_months", c_double),
                ("has_coverage", c_bool),
                ("open_units", c_double),
                ("open_deals", c_double),
                ("still_to_close", c_double),
                ("has_coverage_ratio", c_bool),
                ("coverage_raw", c_double),
                ("coverage_weighted", c_double),
                ("has_coverage_required", c_bool),
                ("coverage_required", c_double),
                ("has_reps", c_bool),
                ("reps", c_double),
                ("cumulative_rate", c_double * MAX_STAGES),
                ("has_open", c_bool * MAX_STAGES),
                ("open", c_double * MAX_STAGES)]


# score.h

MAX_CRITERIA = 32
BAND_COLD, BAND_WARM, BAND_HOT = 0, 1, 2
CSV_RECORD_MAX = 65536
CSV_ID_MAX = 256
CSV_MAX_COLUMNS = 256
# enum fpl_csv_fault
(CSV_OK, CSV_FIELDS, CSV_QUOTE, CSV_UNTERMINATED, CSV_UTF8, CSV_TOO_LONG, CSV_ID,
 CSV_ANSWER) = range(8)
CSV_FAULT_NAMES = ("FPL_CSV_OK", "FPL_CSV_FIELDS", "FPL_CSV_QUOTE", "FPL_CSV_UNTERMINATED",
                   "FPL_CSV_UTF8", "FPL_CSV_TOO_LONG", "FPL_CSV_ID", "FPL_CSV_ANSWER")


class fpl_criterion(Structure):
    _fields_ = [("name", c_char * (NAME_MAX + 1)),
                ("weight", c_double),
                ("required", c_bool)]


class fpl_criteria(Structure):
    _fields_ = [("n_criteria", c_size_t),
                ("criteria", fpl_criterion * MAX_CRITERIA),
                ("hot", c_double),
                ("warm", c_double),
                ("has_hot", c_bool),
                ("has_warm", c_bool)]


class fpl_lead_score(Structure):
    _fields_ = [("score", c_double),
                ("band", c_int),
                ("sales_ready", c_bool),
                ("missing", c_uint64),
                ("n_missing", c_size_t)]


class fpl_csv_row(Structure):
    _fields_ = [("line", c_uint64),
                ("fault", c_int),
                ("column", c_size_t),
                ("id", c_char * (CSV_ID_MAX + 1)),
                ("score", fpl_lead_score),
                ("criterion", c_size_t)]


class fpl_csv_reader(Structure):
    # About 70 KB; ctypes allocates it on the heap.
    _fields_ = [("criteria", fpl_criteria),
                ("id_column", c_char * (NAME_MAX + 1)),
                ("have_header", c_bool),
                ("n_columns", c_size_t),
                ("id_index", c_size_t),
                ("criterion_column", c_size_t * MAX_CRITERIA),
                ("line", c_uint64),
                ("record_line", c_uint64),
                ("rows", c_uint64),
                ("state", c_int),
                ("record_seen", c_bool),
                ("record_bad", c_bool),
                ("record_fault", c_int),
                ("record_len", c_size_t),
                ("field_start", c_size_t * (CSV_MAX_COLUMNS + 1)),
                ("n_fields", c_size_t),
                ("record", c_char * CSV_RECORD_MAX)]


# mix.h

MAX_SEGMENTS = 16


class fpl_segment(Structure):
    _fields_ = [("name", c_char * (NAME_MAX + 1)),
                ("share", c_double),
                ("rate", c_double)]


class fpl_mix(Structure):
    _fields_ = [("stage", c_size_t),
                ("n_segments", c_size_t),
                ("segments", fpl_segment * MAX_SEGMENTS)]


class fpl_error(Structure):
    _fields_ = [("status", c_int), ("field", c_int), ("index", c_size_t), ("offset", c_size_t),
                ("length", c_size_t), ("line", c_uint64)]


NO_INDEX = ctypes.c_size_t(-1).value  # FPL_NO_INDEX


# In the order of the C enum fpl_abi_struct, so that fpl_abi_size(i) is the
# C compiler's sizeof(STRUCTS[i]) in the library that was loaded. None holds
# the place of a retired struct (FPL_ABI_RESERVED_29, fpl_abi_size 0).
STRUCTS = (fpl_stage, fpl_funnel, fpl_terms, fpl_plan_stage, fpl_plan_period, fpl_plan,
           fpl_forecast_input, fpl_forecast_period, fpl_forecast,
           fpl_change, fpl_whatif_input, fpl_whatif, fpl_sensitivity_input, fpl_sensitivity_row,
           fpl_sensitivity, fpl_solve_input, fpl_solve, fpl_plan_batch,
           fpl_odds_input, fpl_odds_level, fpl_odds, fpl_odds_plan, fpl_odds_sim_input,
           fpl_odds_estimate, fpl_odds_sim,
           fpl_channel, fpl_channels_input, fpl_channel_figures, fpl_channels,
           None,
           fpl_month, fpl_date, fpl_schedule_input, fpl_schedule_row, fpl_schedule,
           fpl_pace_input, fpl_pace_row, fpl_pace,
           fpl_criterion, fpl_criteria, fpl_lead_score, fpl_csv_row, fpl_csv_reader,
           fpl_segment, fpl_mix, fpl_error)


# format.h

NUMBER_MAX = 512  # FPL_NUMBER_MAX: a buffer that holds any formatted number
CALENDAR_TEXT_MAX = 36  # FPL_CALENDAR_TEXT_MAX: any month or date as text


# render.h: a view, read node by node where JSON text would lose a type (a
# number 0.0 and a count 0 are both written 0). Not in STRUCTS (they have no
# fpl_abi_size); tests/python/test_abi.py checks their layout.

(NODE_OBJECT, NODE_ARRAY, NODE_NULL, NODE_BOOL, NODE_NUMBER, NODE_WHOLE, NODE_COUNT, NODE_STRING,
 NODE_MONTH) = range(9)
VIEW_MAX_DEPTH = 16


class fpl_node_value(ctypes.Union):
    _c_type_ = "__typeof__(((fpl_node *)0)->value)"  # unnamed in render.h
    _fields_ = [("boolean", c_bool), ("number", c_double), ("count", c_uint64),
                ("string", c_char_p), ("month", fpl_month)]


class fpl_node(Structure):
    _fields_ = [("kind", c_int), ("key", c_char_p), ("children", c_size_t),
                ("value", fpl_node_value)]


class fpl_view(Structure):
    _fields_ = [("nodes", POINTER(fpl_node)), ("capacity", c_size_t), ("count", c_size_t),
                ("needed", c_size_t), ("depth", c_size_t), ("open", c_size_t * VIEW_MAX_DEPTH),
                ("excess", c_size_t), ("last", c_size_t)]


VIEW_STRUCTS = (fpl_node, fpl_view)

(NUMBER_JSON, NUMBER_FIXED2, NUMBER_AMOUNT, NUMBER_TRIMMED, NUMBER_SIGNED, NUMBER_WHOLE,
 NUMBER_PERCENT, NUMBER_CHANCE, NUMBER_RELATIVE, NUMBER_TENTHS, NUMBER_COORDINATE) = range(11)


_STATUS = "status"  # restype marker: returns fpl_status, gets the errcheck

FUNCTIONS = (
    # common.h
    ("fpl_strerror", [c_int], c_char_p),
    ("fpl_status_name", [c_int], c_char_p),
    ("fpl_status_is_input_error", [c_int], c_bool),
    ("fpl_period_months", [c_int], c_uint),
    ("fpl_period_name", [c_int], c_char_p),
    ("fpl_period_parse", [c_char_p, c_size_t, POINTER(c_int)], _STATUS),
    ("fpl_ceil_tolerant", [c_double], c_double),
    ("fpl_field_name", [c_int], c_char_p),
    ("fpl_error_message", [POINTER(fpl_error)], c_char_p),
    # version.h
    ("fpl_version_string", [], c_char_p),
    ("fpl_version_number", [], c_uint),
    ("fpl_abi_size", [c_int], c_size_t),
    # parse.h
    ("fpl_parse_amount", [c_char_p, c_size_t, POINTER(c_double)], _STATUS),
    ("fpl_parse_rate", [c_char_p, c_size_t, POINTER(c_double)], _STATUS),
    # funnel.h
    ("fpl_stage_name_check", [c_char_p, c_size_t], _STATUS),
    ("fpl_funnel_add_stage", [POINTER(fpl_funnel), c_char_p, c_size_t, c_double], _STATUS),
    ("fpl_funnel_check", [POINTER(fpl_funnel)], _STATUS),
    ("fpl_funnel_find", [POINTER(fpl_funnel), c_char_p, c_size_t, POINTER(c_size_t)], _STATUS),
    # terms.h
    ("fpl_terms_check", [POINTER(fpl_terms)], _STATUS),
    ("fpl_target_name", [c_int], c_char_p),
    # plan.h
    ("fpl_plan_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_plan)], _STATUS),
    # forecast.h
    ("fpl_forecast_compute", [POINTER(fpl_funnel), POINTER(fpl_terms),
                              POINTER(fpl_forecast_input), POINTER(fpl_forecast)], _STATUS),
    # whatif.h
    ("fpl_lever_parse", [POINTER(fpl_funnel), c_char_p, c_size_t, POINTER(c_int),
                         POINTER(c_size_t)], _STATUS),
    ("fpl_change_value_parse", [c_char_p, c_size_t, c_bool, POINTER(c_int), POINTER(c_double)],
     _STATUS),
    ("fpl_change_parse", [POINTER(fpl_funnel), c_char_p, c_size_t, POINTER(fpl_change)],
     _STATUS),
    ("fpl_horizon_parse", [c_char_p, c_size_t, POINTER(c_uint)], _STATUS),
    ("fpl_whatif_check", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_whatif_input)],
     _STATUS),
    ("fpl_whatif_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_whatif_input),
                            POINTER(fpl_whatif)], _STATUS),
    # sensitivity.h
    ("fpl_step_parse", [c_char_p, c_size_t, c_bool, POINTER(c_int), POINTER(c_double)], _STATUS),
    ("fpl_sensitivity_compute", [POINTER(fpl_funnel), POINTER(fpl_terms),
                                 POINTER(fpl_sensitivity_input), POINTER(fpl_sensitivity)],
     _STATUS),
    # solve.h
    ("fpl_solve_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_solve_input),
                           POINTER(fpl_solve)], _STATUS),
    # batch.h
    ("fpl_plan_batch_compute", [POINTER(fpl_plan_batch)], _STATUS),
    # odds.h
    ("fpl_odds_tail", [c_double, c_double, c_double, POINTER(c_double), POINTER(c_double)],
     _STATUS),
    ("fpl_odds_quantile", [c_double, c_double, c_double, POINTER(c_double)], _STATUS),
    ("fpl_odds_volume_for", [c_double, c_double, c_double, POINTER(c_double)], _STATUS),
    ("fpl_odds_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_odds_input),
                          POINTER(fpl_odds)], _STATUS),
    ("fpl_odds_plan_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), c_double,
                               POINTER(fpl_odds_plan)], _STATUS),
    ("fpl_odds_history_parse", [c_char_p, c_size_t, POINTER(c_double), POINTER(c_double)],
     _STATUS),
    ("fpl_odds_sim_work_len", [c_size_t], c_size_t),
    ("fpl_odds_sim_input_init", [POINTER(fpl_odds_sim_input)], None),
    ("fpl_odds_trials_parse", [c_char_p, c_size_t, POINTER(c_size_t)], _STATUS),
    ("fpl_odds_simulate", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_odds_sim_input),
                           POINTER(c_double), c_size_t, POINTER(fpl_odds_sim)], _STATUS),
    # channels.h
    ("fpl_channel_parse", [c_char_p, c_size_t, POINTER(fpl_channel)], _STATUS),
    ("fpl_channel_check", [POINTER(fpl_channel)], _STATUS),
    ("fpl_channel_set_name", [POINTER(fpl_channel), c_char_p, c_size_t], _STATUS),
    ("fpl_channels_compute", [POINTER(fpl_funnel), POINTER(fpl_terms),
                              POINTER(fpl_channels_input), POINTER(fpl_channels)], _STATUS),
    ("fpl_channel_quality_name", [c_int], c_char_p),
    ("fpl_channels_mode_name", [POINTER(fpl_channels)], c_char_p),
    # schedule.h
    ("fpl_days_per_month", [], c_double),
    ("fpl_month_parse", [c_char_p, c_size_t, POINTER(fpl_month)], _STATUS),
    ("fpl_date_parse", [c_char_p, c_size_t, POINTER(fpl_date)], _STATUS),
    ("fpl_lag_parse", [c_char_p, c_size_t, POINTER(c_double)], _STATUS),
    ("fpl_list_parse", [c_char_p, c_size_t, POINTER(c_double), c_size_t, POINTER(c_size_t)],
     _STATUS),
    ("fpl_schedule_compute", [POINTER(fpl_funnel), POINTER(fpl_terms),
                              POINTER(fpl_schedule_input), POINTER(fpl_schedule)], _STATUS),
    # pace.h
    ("fpl_pace_status_name", [c_int], c_char_p),
    ("fpl_pace_elapsed", [POINTER(fpl_date), POINTER(fpl_date), c_int, POINTER(c_double)],
     _STATUS),
    ("fpl_pace_compute", [POINTER(fpl_funnel), POINTER(fpl_terms), POINTER(fpl_pace_input),
                          POINTER(fpl_pace)], _STATUS),
    # score.h
    ("fpl_band_name", [c_int], c_char_p),
    ("fpl_criteria_bant", [POINTER(fpl_criteria)], _STATUS),
    ("fpl_criteria_add_parse", [POINTER(fpl_criteria), c_char_p, c_size_t], _STATUS),
    ("fpl_criteria_check", [POINTER(fpl_criteria)], _STATUS),
    ("fpl_criteria_hot", [POINTER(fpl_criteria)], c_double),
    ("fpl_criteria_warm", [POINTER(fpl_criteria)], c_double),
    ("fpl_answer_parse", [c_char_p, c_size_t, POINTER(c_double)], _STATUS),
    ("fpl_score_lead", [POINTER(fpl_criteria), POINTER(c_double), c_size_t,
                        POINTER(fpl_lead_score)], _STATUS),
    ("fpl_score_before", [POINTER(fpl_lead_score), c_uint64, POINTER(fpl_lead_score), c_uint64],
     c_bool),
    ("fpl_score_top_parse", [c_char_p, c_size_t, POINTER(c_uint64)], _STATUS),
    ("fpl_csv_fault_message", [c_int], c_char_p),
    ("fpl_csv_begin", [POINTER(fpl_csv_reader), POINTER(fpl_criteria), c_char_p, c_size_t],
     _STATUS),
    ("fpl_csv_feed", [POINTER(fpl_csv_reader), c_char_p, c_size_t, c_bool, POINTER(fpl_csv_row),
                      c_size_t, POINTER(c_size_t), POINTER(c_size_t)], _STATUS),
    # mix.h
    ("fpl_mix_parse", [POINTER(fpl_funnel), c_char_p, c_size_t, POINTER(fpl_mix)], _STATUS),
    ("fpl_mix_rate", [POINTER(fpl_mix), POINTER(c_double)], _STATUS),
    ("fpl_mix_apply", [POINTER(fpl_funnel), POINTER(fpl_mix)], _STATUS),
    # render.h: the JSON of a result (buffer and capacity, then its length)
    ("fpl_plan_json", [POINTER(fpl_funnel), POINTER(fpl_plan), POINTER(fpl_odds_plan),
                       POINTER(fpl_mix), c_size_t, POINTER(c_char), c_size_t, POINTER(c_size_t)],
     _STATUS),
    ("fpl_forecast_json", [POINTER(fpl_funnel), POINTER(fpl_forecast), POINTER(fpl_mix),
                           c_size_t, POINTER(c_char), c_size_t, POINTER(c_size_t)], _STATUS),
    # render.h: odds (the simulation's labels, and its JSON)
    ("fpl_odds_distribution_name", [c_double], c_char_p),
    ("fpl_odds_judged_on_name", [POINTER(fpl_odds_sim)], c_char_p),
    ("fpl_odds_json", [POINTER(fpl_funnel), POINTER(fpl_odds), POINTER(fpl_odds_sim_input),
                       POINTER(fpl_odds_sim), POINTER(c_char), c_size_t, POINTER(c_size_t)],
     _STATUS),
    ("fpl_channels_json", [POINTER(fpl_terms), POINTER(fpl_channels_input),
                           POINTER(fpl_channels), POINTER(c_char), c_size_t, POINTER(c_size_t)],
     _STATUS),
    ("fpl_schedule_json", [POINTER(fpl_funnel), POINTER(fpl_schedule), POINTER(c_char), c_size_t,
                           POINTER(c_size_t)], _STATUS),
    ("fpl_pace_json", [POINTER(fpl_funnel), POINTER(fpl_pace), POINTER(c_char), c_size_t,
                       POINTER(c_size_t)], _STATUS),
    ("fpl_month_format", [fpl_month, POINTER(c_char), c_size_t], c_size_t),
    ("fpl_view_init", [POINTER(fpl_view), POINTER(fpl_node), c_size_t], None),
    ("fpl_view_schedule", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel),
                           POINTER(fpl_schedule)], _STATUS),
    ("fpl_view_pace", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel), POINTER(fpl_pace)],
     _STATUS),
    # render.h: the views every result's to_dict() walks (typed: a number is a
    # float, a whole count an int, which the JSON text cannot tell apart)
    ("fpl_view_check", [POINTER(fpl_view)], _STATUS),
    ("fpl_view_close", [POINTER(fpl_view)], None),
    ("fpl_view_reopen", [POINTER(fpl_view)], None),
    ("fpl_view_mixes", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel), POINTER(fpl_mix),
                        c_size_t], _STATUS),
    ("fpl_view_plan", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel), POINTER(fpl_plan),
                       POINTER(fpl_odds_plan)], _STATUS),
    ("fpl_view_forecast", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel),
                           POINTER(fpl_forecast)], _STATUS),
    ("fpl_view_odds", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel), POINTER(fpl_odds),
                       POINTER(fpl_odds_sim_input), POINTER(fpl_odds_sim)], _STATUS),
    ("fpl_view_channels", [POINTER(fpl_view), c_char_p, POINTER(fpl_terms),
                           POINTER(fpl_channels_input), POINTER(fpl_channels)], _STATUS),
    ("fpl_view_whatif", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel),
                         POINTER(fpl_whatif_input), POINTER(fpl_whatif)], _STATUS),
    ("fpl_view_sensitivity", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel),
                              POINTER(fpl_sensitivity)], _STATUS),
    ("fpl_view_solve", [POINTER(fpl_view), c_char_p, POINTER(fpl_funnel), POINTER(fpl_solve)],
     _STATUS),
    ("fpl_whatif_json", [POINTER(fpl_funnel), POINTER(fpl_whatif_input), POINTER(fpl_whatif),
                         POINTER(fpl_mix), c_size_t, POINTER(fpl_mix), c_size_t, POINTER(c_char),
                         c_size_t, POINTER(c_size_t)], _STATUS),
    ("fpl_sensitivity_json", [POINTER(fpl_funnel), POINTER(fpl_sensitivity), POINTER(c_char),
                              c_size_t, POINTER(c_size_t)], _STATUS),
    ("fpl_solve_json", [POINTER(fpl_funnel), POINTER(fpl_solve), POINTER(c_char), c_size_t,
                        POINTER(c_size_t)], _STATUS),
    # format.h (the output buffer is a ctypes.create_string_buffer)
    ("fpl_format_number", [c_double, c_int, POINTER(c_char), c_size_t], c_size_t),
    ("fpl_format_count", [c_uint64, POINTER(c_char), c_size_t], c_size_t),
    ("fpl_format_fixed", [c_double, c_int, c_bool, POINTER(c_char), c_size_t], c_size_t),
    ("fpl_format_exponent", [c_double, c_int, POINTER(c_char), c_size_t], c_size_t),
)

lib, library_path = _loader.load([name for name, _, _ in FUNCTIONS])


def _bind(name, argtypes, restype):
    """The C function; one that returns an fpl_status takes its trailing
    ``fpl_error *`` from here and raises a :class:`FunnelError` that carries
    where the library said the failure is."""
    func = getattr(lib, name)
    if restype is not _STATUS:
        func.argtypes = argtypes
        func.restype = restype
        return func
    func.argtypes = list(argtypes) + [POINTER(fpl_error)]
    func.restype = c_int

    def call(*args):
        err = fpl_error()
        result = func(*args, byref(err))
        if result != 0:
            raise error(result, where=err)
        return result

    call.__name__ = name
    call.c_function = func
    return call


# fn.plan_compute is fpl_plan_compute, and so on.
fn = types.SimpleNamespace(**{name[len("fpl_"):]: _bind(name, argtypes, restype)
                              for name, argtypes, restype in FUNCTIONS})


def _check_layout():
    """Refuse a library whose structs are not laid out as mirrored here."""
    wrong = ["%s is %d bytes here, %d in the library" % (s.__name__, ctypes.sizeof(s),
                                                         fn.abi_size(i))
             for i, s in enumerate(STRUCTS)
             if s is not None and ctypes.sizeof(s) != fn.abi_size(i)]
    if wrong:
        raise ImportError("funnelplan: the ctypes mirror of the C structs does not match %s: %s"
                          % (library_path, "; ".join(wrong)))


_check_layout()


def status_name(code):
    """The symbolic name of a status code (``fpl_status_name``)."""
    return fn.status_name(code).decode("ascii")


_PREFIX = "FPL_ERR_"


def _status_codes():
    """Every status the library knows, name -> code, read from the library."""
    codes = {}
    code = 0
    while True:
        name = status_name(code)
        if name == _PREFIX + "UNKNOWN":
            return codes
        codes[name] = code
        code += 1


STATUS = _status_codes()


#: The library's statuses by name without their prefix (``ERR["NULL"]``),
#: for the refusals the package decides (``_common.refuse``).
ERR = {name[len(_PREFIX):]: code for name, code in STATUS.items() if name.startswith(_PREFIX)}

_NEEDED = ("NULL", "PARSE_SYNTAX", "PARSE_OVERFLOW", "PARSE_EMPTY", "PARSE_NEGATIVE", "PERIOD",
           "STAGE_COUNT", "STAGE_NAME_UTF8", "STAGE_UNKNOWN", "VOLUME", "TARGET",
           "CHANGE_SYNTAX", "CHANGE_COUNT", "STEP", "STAGE_DUPLICATE", "VOLUME_WHOLE",
           "CONFIDENCE", "CONFIDENCE_COUNT", "TRIALS", "VARIATION", "HISTORY", "DATE", "MONTHS",
           "WEIGHTS", "WEIGHTS_COUNT", "LAG", "REPS", "QUOTA", "ATTAINMENT", "ELAPSED", "ACTUAL",
           "THRESHOLD", "CRITERION", "CRITERION_DUPLICATE", "CRITERION_COUNT", "ANSWER",
           "CSV_HEADER", "MIX", "MIX_SHARES", "BANDS")
if STATUS.get("FPL_OK") != 0 or any(name not in ERR for name in _NEEDED):
    raise ImportError("funnelplan: %s does not report the expected status names" % library_path)


def error(code, context=None, cls=FunnelError, where=None):
    """The :class:`FunnelError` for a status code, with the library's message
    and, from ``where`` (an :class:`fpl_error`), the field, list entry and
    bytes at fault (the message then worded for the field:
    ``fpl_error_message``)."""
    described = where is not None and where.status == code
    message = fn.error_message(byref(where)) if described else fn.strerror(code)
    exc = cls(status_name(code), message.decode("utf-8", "replace"), code=code,
              context=context, is_input_error=bool(fn.status_is_input_error(code)))
    if described:
        exc.field = fn.field_name(where.field).decode("ascii") if where.field else None
        exc.index = None if where.index == NO_INDEX else where.index
        exc.offset = where.offset
        exc.length = where.length
        exc.line = where.line or None
    return exc


def error_named(name, context=None, cls=FunnelError, field=None, index=None):
    """The :class:`FunnelError` for a status given by its symbolic name;
    with ``field`` (a field's name, see :data:`FIELDS`) and ``index``, worded
    and described as the library would."""
    if field is None:
        return error(STATUS[name], context, cls)
    where = fpl_error(status=STATUS[name], field=FIELDS[field],
                      index=NO_INDEX if index is None else index)
    return error(where.status, context, cls, where=where)


def _field_codes():
    """Every field the library names, name -> code, read from the library."""
    codes = {}
    code = 1
    while True:
        name = fn.field_name(code).decode("ascii")
        if name == "unknown":
            return codes
        codes[name] = code
        code += 1


FIELDS = _field_codes()


version_string = fn.version_string().decode("ascii")
version_number = fn.version_number()

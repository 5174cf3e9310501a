# funnelplan — writes the NULL sweep: every public function, NULL in each pointer.
# SPDX-License-Identifier: MIT
"""Reads every ``FPL_API`` declaration of ``include/funnelplan/*.h`` and writes
a cmocka program that calls each function that takes a pointer once with
valid arguments (the baseline, from ``null_sweep_fixture.h``), then once
with NULL in each pointer parameter in turn, the others valid, and checks
what the header promises: ``FPL_ERR_NULL`` in the status and in the error
(the default for a function returning ``fpl_status``), the baseline's
status when the NULL is the trailing ``err`` (always allowed), or the
documented behaviour listed below (``EXPECT``) — a function that returns
anything else must be listed, or this script stops. A pointer with a size
after it (``buf``/``capacity``, ``mixes``/``n_mixes``, ...) is also tried
NULL with a size of 0 where the header allows it (``ZERO``).

    python3 tests/null_sweep.py OUT.c     # meson does this at build time
    python3 tests/null_sweep.py --list    # the functions and their pointers

A new function in a header is swept from the next build on; one this
script cannot build arguments for stops the build, naming it.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HEADERS = os.path.join(os.path.dirname(HERE), "include", "funnelplan")

# Valid text for each function that reads one (the parameter after it is its length).
TEXT = {
    "fpl_channel_parse": "ads: cost-per-lead=20, capacity=400",
    "fpl_channel_set_name": "search",
    "fpl_error_hint": None,  # the fixture's refused text, fx.error_text
    "fpl_period_parse": "quarter",
    "fpl_utf8_next": "\u00e9t\u00e9",
    "fpl_format_escaped": "ads\tq1",
    "fpl_stage_name_check": "lead",
    "fpl_funnel_add_stage": "extra",
    "fpl_funnel_find": "mql",
    "fpl_mix_parse": "mql=hot:20%@60%,cold:80%@30%",
    "fpl_odds_trials_parse": "1000",
    "fpl_odds_history_parse": "12/100",
    "fpl_parse_amount": "1.5k",
    "fpl_parse_rate": "25%",
    "fpl_render_format_parse": "json",
    "fpl_month_parse": "2026-03",
    "fpl_date_parse": "2026-03-15",
    "fpl_lag_parse": "45d",
    "fpl_list_parse": "8,8,9,10",
    "fpl_criteria_add_parse": "budget2=2,required",
    "fpl_answer_parse": "yes",
    "fpl_score_top_parse": "10",
    "fpl_csv_begin": "id",
    "fpl_csv_feed": "id,budget,authority,need,timing\na,1,1,0.5,1\n",
    "fpl_step_parse": "+1pp",
    "fpl_lever_parse": "mql",
    "fpl_change_value_parse": "+10%",
    "fpl_change_parse": "deal-size=+10%",
    "fpl_horizon_parse": "12",
    "fpl_suggest": "lad",
    "fpl_funnel_hint": None,  # the fixture's refused text, fx.error_text
    "fpl_elapsed_parse": "4m",
    "fpl_odds_volume_parse": "600/month",
    "fpl_format_excerpt": "lead=25",
    "fpl_volume_parse": "600/month",
    "fpl_parse_count": "9007199254740992",
    "fpl_criteria_preset_parse": "MEDDIC",
    "fpl_criteria_saturation_parse": "need=20",
    "fpl_criterion_answer_parse": "50%",
    "fpl_csv_outcome_column": "outcome",
    "fpl_criteria_options": "fitted",
    "fpl_learn_column_parse": "stage=StageName",
    "fpl_learn_stages_parse": "lead,sql,opp",
    "fpl_learn_form_parse": "wide",
    "fpl_learn_feed": "id,stage,date\nc,lead,2026-01-03\n",
}

# Arguments that are not pointers (or pointers the type rules below do not
# cover), by function and parameter: C expressions over the fixture `fx`.
ARGS = {
    "fpl_suggest": {"candidates": "fx_candidates", "n": "2"},
    "fpl_funnel_hint": {"text": "fx.error_text", "len": "strlen(fx.error_text)"},
    "fpl_elapsed_parse": {"per": "FPL_PERIOD_YEAR"},
    "fpl_odds_volume_parse": {"per": "FPL_PERIOD_YEAR"},
    "fpl_volume_parse": {"per": "FPL_PERIOD_YEAR"},
    "fpl_odds_volume_period": {"per": "FPL_PERIOD_YEAR", "has_volume_per": "true",
                               "volume_per": "FPL_PERIOD_MONTH"},
    "fpl_score_format": {"score": "&fx.lead_score"},
    "fpl_error_hint": {"text": "fx.error_text", "len": "strlen(fx.error_text)"},
    "fpl_format_number": {"x": "1234.5", "style": "FPL_NUMBER_AMOUNT"},
    "fpl_format_count": {"n": "1234"},
    "fpl_format_fixed": {"x": "1234.5", "decimals": "2", "group": "true"},
    "fpl_format_exponent": {"x": "1234.5", "decimals": "2"},
    "fpl_month_format": {"month": "fx.month"},
    "fpl_date_format": {"date": "fx.date"},
    "fpl_funnel_add_stage": {"rate": "0.5"},
    "fpl_limit_check": {"limit": "FPL_LIMIT_STAGES", "value": "3.0", "index": "FPL_NO_INDEX"},
    "fpl_mix_parse": {"out": "&fx.mix"},
    "fpl_odds_tail": {"n": "100.0", "p": "0.5", "k": "50.0"},
    "fpl_odds_quantile": {"n": "100.0", "p": "0.5", "q": "0.5"},
    "fpl_odds_volume_for": {"p": "0.25", "k": "10.0", "confidence": "0.9"},
    "fpl_odds_plan_compute": {"confidence": "0.9"},
    "fpl_odds_simulate": {"work": "fx.work", "work_len": "2 * FX_TRIALS"},
    "fpl_pace_elapsed": {"per": "FPL_PERIOD_MONTH"},
    "fpl_view_init": {"nodes": "fx.nodes", "capacity": "FX_NODES"},
    "fpl_view_bool": {"x": "true"},
    "fpl_view_number": {"x": "1.5"},
    "fpl_view_number_or_null": {"present": "true", "x": "1.5"},
    "fpl_view_whole": {"x": "3.0"},
    "fpl_view_count": {"n": "3"},
    "fpl_view_string": {"s": '"s"'},
    "fpl_view_month": {"month": "fx.month"},
    "fpl_view_mixes": {"n": "fx.n_mixes"},
    "fpl_view_json": {"nodes": "fx.nodes", "count": "fx.n_nodes"},
    "fpl_score_render_begin": {"id_column": '"id"', "rows": "1", "id_cells": "1",
                               "ctx": "&fx_sink_bytes"},
    "fpl_score_render_lead": {"line": "2", "id": '"a"', "score": "&fx.lead_score"},
    "fpl_score_render_skipped": {"line": "3", "message": '"not a number"'},
    "fpl_score_fit_render": {"fit": "&fx.score_fit_result", "source": "&fx.score_fit_source",
                             "ctx": "&fx_sink_bytes"},
    "fpl_learn_fit_render": {"fit": "&fx.score_fit_result", "source": "&fx.score_fit_source"},
    "fpl_list_parse": {"out": "fx.list", "capacity": "FX_LIST"},
    "fpl_score_lead": {"answers": "fx.answers", "n_answers": "4", "out": "&fx.lead_score"},
    "fpl_score_before": {"a": "&fx.lead_score", "line_a": "2", "b": "&fx.lead_score_b",
                         "line_b": "3"},
    "fpl_csv_feed": {"at_end": "true", "rows": "fx.rows", "capacity": "FX_ROWS"},
    "fpl_score_tally_add": {"row": "&fx.csv_row"},
    "fpl_step_parse": {"deal_size": "false"},
    "fpl_lever_name": {"lever": "FPL_LEVER_STAGE", "stage": "1"},
    "fpl_change_value_parse": {"is_rate": "true"},
    "fpl_preset_name": {"preset": "FPL_PRESET_CHAMP"},
    "fpl_criteria_preset": {"preset": "FPL_PRESET_BAD"},
    "fpl_criteria_preset_parse": {"out": "&fx.criteria_b"},
    "fpl_criterion_answer_parse": {"index": "2"},
    "fpl_csv_outcome_column": {"reader": "&fx.csv_reader_b"},
    "fpl_score_fit": {"answers": "fx.fit_answers", "won": "fx.fit_won", "n_leads": "10",
                      "work": "fx.fit_work", "work_len": "2", "out": "&fx.score_fit_result"},
    "fpl_score_auc": {"won": "fx.won_values", "n_won": "2", "lost": "fx.lost_values",
                      "n_lost": "3"},
    "fpl_learn_begin": {"learn": "&fx.learn_fresh", "opt": "&fx.learn_options",
                        "work": "fx.learn_work_fresh", "work_size": "sizeof fx.learn_work_fresh"},
    "fpl_learn_grow": {"work": "fx.learn_work_grow", "work_size": "sizeof fx.learn_work_grow"},
    "fpl_learn_grow_in_place": {"work": "fx.learn_work", "work_size": "sizeof fx.learn_work"},
    "fpl_learn_finish": {"scratch": "fx.learn_scratch", "scratch_size": "sizeof fx.learn_scratch"},
    "fpl_learn_column_parse": {"opt": "&fx.learn_options"},
    "fpl_learn_stages_parse": {"opt": "&fx.learn_options"},
    "fpl_learn_feed": {"at_end": "true", "skipped": "fx.learn_skipped", "capacity": "4"},
}

# By parameter name, for every function.
NAMES = {
    "key": '"k"', "mixes": "fx.mixes", "n_mixes": "fx.n_mixes",
    "scenario_mixes": "fx.mixes", "n_scenario_mixes": "fx.n_mixes",
    "start": "&fx.start", "as_of": "&fx.as_of", "w": "&fx.score_writer",
    "sink": "fx_sink", "confidence": "&fx.odds_plan", "sim_input": "&fx.odds_sim_input",
    "sim": "&fx.odds_sim",
}

# Results a NULL gives where the header says it is allowed or what happens:
# (function, parameter) -> C condition over r (this call), b (the baseline)
# and fx (as the call left it). "*" stands for every pointer of the function.
OK_AS_BASE = "r.st == b.st && r.size == b.size"
SAME_TEXT = "r.size == b.size"  # the length of the whole text, nothing written
EXPECT = {
    # may be NULL, documented
    ("fpl_odds_tail", "at_least_out"): "r.st == FPL_OK",
    ("fpl_odds_tail", "below_out"): "r.st == FPL_OK",
    ("fpl_csv_begin", "id_column"): "r.st == FPL_OK && strcmp(fx.csv_reader.id_column, \"id\") == 0",
    ("fpl_score_render_begin", "ctx"): "r.st == FPL_OK",
    ("fpl_pace_render", "start"): "r.st == FPL_OK",
    ("fpl_pace_render", "as_of"): "r.st == FPL_OK",
    ("fpl_view_string", "s"): "r.json == b.json + 1",  # "s" becomes null
    ("fpl_error_message", "err"): "strcmp(r.str, fpl_strerror(FPL_ERR_NULL)) == 0",
    ("fpl_error_hint", "err"): "r.size == 0 && fx.buf[0] == '\\0'",
    ("fpl_error_hint", "text"): "r.size == 0 && fx.buf[0] == '\\0'",
    ("fpl_suggest", "typed"): "r.size == FPL_NO_INDEX",
    ("fpl_suggest", "candidates"): "r.size == FPL_NO_INDEX",
    ("fpl_format_excerpt", "text"): "r.size == 0 && fx.buf[0] == '\\0'",  # NULL is empty
    ("fpl_funnel_hint", "funnel"): SAME_TEXT,  # no funnel: fpl_error_hint's hint
    ("fpl_funnel_hint", "err"): "r.size == 0 && fx.buf[0] == '\\0'",
    ("fpl_funnel_hint", "text"): "r.size == 0 && fx.buf[0] == '\\0'",
    ("fpl_score_format", "criteria"): SAME_TEXT,  # the default thresholds
    ("fpl_score_format", "score"): "r.size == 0",
    ("fpl_csv_header_message", "reader"): "r.size == 0",
    ("fpl_utf8_next", "text"): "r.size == 0",
    ("fpl_utf8_next", "cp_out"): "r.size == 0",
    ("fpl_format_escaped", "text"): "r.size == 0 && fx.buf[0] == '\\0'",
    ("fpl_format_escaped", "cells_out"): "r.size == b.size",
    ("fpl_odds_sim_input_init", "input"): "true",
    ("fpl_view_init", "view"): "true",
    ("fpl_view_init", "nodes"): "fx.view.nodes == NULL && fx.view.capacity == 0",
    ("fpl_view_json", "nodes"): "r.size == 5",  # no nodes: null and a newline
    ("fpl_odds_judged_on_name", "sim"): "r.str == NULL",
    ("fpl_channels_mode_name", "channels"): "r.str == NULL",
    ("fpl_criteria_hot", "criteria"): "r.num == FPL_SCORE_HOT_DEFAULT",
    ("fpl_criteria_warm", "criteria"): "r.num == FPL_SCORE_WARM_DEFAULT",
    ("fpl_score_tally_add", "tally"): "true",
    ("fpl_score_tally_add", "row"): "fx.score_tally.scored == 1",
    ("fpl_lever_name", "funnel"): "r.str == NULL",  # a stage the funnel does not have
    # a lead that is not there ranks after one that is
    ("fpl_score_before", "a"): "r.flag == false",
    ("fpl_score_before", "b"): "r.flag == true",
    ("fpl_criteria_options", "criteria"): "r.size == 0",
    ("fpl_criteria_options", "comment"): "r.size > 0 && fx.buf[0] == '-'",  # no comment line
    ("fpl_criteria_preset_parse", "preset_out"): "r.st == FPL_OK",
    ("fpl_score_fit_render", "ctx"): "r.st == FPL_OK",
    ("fpl_learn_finish", "scratch"): "r.st == FPL_ERR_NULL && r.e.status == FPL_ERR_NULL",
    ("fpl_learn_header_message", "learn"): "r.size == 0",
    ("fpl_learn_work_needed", "learn"): "r.size == 0",
    ("fpl_learn_finish_needed", "learn"): "r.size == 0",
}
for fn in ("fpl_format_number", "fpl_format_count", "fpl_format_fixed", "fpl_format_exponent",
           "fpl_month_format", "fpl_date_format", "fpl_view_json", "fpl_format_escaped",
           "fpl_error_hint", "fpl_funnel_hint", "fpl_format_excerpt", "fpl_score_format", "fpl_csv_header_message",
           "fpl_criteria_options", "fpl_learn_header_message"):
    EXPECT[(fn, "out" if fn != "fpl_view_json" else "buf")] = SAME_TEXT
for fn in ("fpl_view_object", "fpl_view_array", "fpl_view_close", "fpl_view_reopen",
           "fpl_view_null", "fpl_view_bool", "fpl_view_number", "fpl_view_number_or_null",
           "fpl_view_whole", "fpl_view_count", "fpl_view_string", "fpl_view_month"):
    # nothing happens without a view; without a key the member's key is ""
    EXPECT[(fn, "view")] = "fx.view.count == 1"  # the fixture's root alone
    EXPECT[(fn, "key")] = "r.json > 0"
for fn, params in (("fpl_plan_render", ("confidence",)), ("fpl_plan_json", ("confidence",)),
                   ("fpl_plan_svg", ("confidence",)), ("fpl_view_plan", ("confidence",)),
                   ("fpl_odds_render", ("sim_input", "sim")),
                   ("fpl_odds_json", ("sim_input", "sim")),
                   ("fpl_view_odds", ("sim_input", "sim"))):
    for p in params:
        EXPECT[(fn, p)] = "r.st == FPL_OK"
# the simulation without what it was given is refused; what it was given
# without the simulation is no simulation
for fn in ("fpl_odds_render", "fpl_odds_json", "fpl_view_odds"):
    EXPECT[(fn, "sim_input")] = "r.st == FPL_ERR_NULL && r.e.status == FPL_ERR_NULL"
# a describer's key may be NULL (an array element, the root; "" in an object)
KEY_OK = "r.st == FPL_OK && r.json > 0"

# A pointer tried NULL with the size after it 0, and what that gives.
ZERO = {
    ("char", "buf"): OK_AS_BASE,
    ("char", "out"): SAME_TEXT,
    ("fpl_mix", "mixes"): "r.st == FPL_OK",
    ("fpl_mix", "scenario_mixes"): "r.st == FPL_OK",
    ("fpl_node", "nodes"): None,  # per function, below
}
ZERO_FN = {
    ("fpl_view_init", "nodes"): "fx.view.nodes == NULL && fx.view.capacity == 0",
    ("fpl_view_json", "nodes"): "r.size == 5",  # no nodes: null and a newline
    ("fpl_error_hint", "text"): "r.size == 0",  # an empty text: no hint
    ("fpl_funnel_hint", "text"): "r.size == 0",
    ("fpl_format_excerpt", "text"): "r.size == 0",
    ("fpl_suggest", "typed"): "r.size == FPL_NO_INDEX",
    ("fpl_suggest", "candidates"): "r.size == FPL_NO_INDEX",
}

FORMATS = ["FPL_RENDER_TABLE", "FPL_RENDER_JSON", "FPL_RENDER_CSV", "FPL_RENDER_SVG"]
SCALAR_OUT = {"double", "size_t", "uint64_t", "unsigned", "uint32_t", "fpl_period",
              "fpl_render_format", "fpl_lever", "fpl_change_kind", "fpl_preset"}
RESULT = {"fpl_status": "st", "size_t": "size", "const char *": "str", "bool": "flag",
          "double": "num", "unsigned": "u", "void": None}


def _strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def declarations():
    """(header, return type, name, [(const, type, pointer, name)]) of every FPL_API function."""
    out = []
    for header in sorted(os.listdir(HEADERS)):
        if not header.endswith(".h"):
            continue
        with open(os.path.join(HEADERS, header), encoding="utf-8") as f:
            text = _strip(f.read())
        found = 0
        for m in re.finditer(r"\bFPL_API\s+([^;(]*?)\s*\b(fpl_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
            found += 1
            params = []
            for p in m.group(3).split(","):
                p = " ".join(p.split())
                if p == "void":
                    continue
                names = re.fullmatch(r"const char ?\*const ?\*(\w+)", p)
                if names is not None:  # a list of names
                    params.append((True, "cstrs", True, names.group(1)))
                    continue
                pm = re.fullmatch(r"(const )?(\w+) ?(\*?) ?(\w+)", p)
                if pm is None:
                    raise SystemExit("null_sweep: cannot read parameter %r of %s" % (p, m.group(2)))
                params.append((bool(pm.group(1)), pm.group(2), bool(pm.group(3)), pm.group(4)))
            out.append((header, " ".join(m.group(1).split()), m.group(2), params))
        declared = len(re.findall(r"^\s*FPL_API\b", text, re.M))
        if declared != found:
            raise SystemExit("null_sweep: %s declares %d FPL_API functions, %d read"
                             % (header, declared, found))
    return out


def _callbacks():
    names = set()
    for header in os.listdir(HEADERS):
        if header.endswith(".h"):
            with open(os.path.join(HEADERS, header), encoding="utf-8") as f:
                names.update(re.findall(r"typedef [^;{}]*\(\*(\w+)\)\s*\(", f.read()))
    return names


def _c_string(s):
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        out.append(c if 32 <= b < 127 and c not in '"\\' else "\\%03o" % b)
    return '"' + "".join(out) + '"', len(s.encode("utf-8"))


def _is_pointer(param, callbacks):
    return param[2] or param[1] in callbacks


def plan_calls(fn, params, callbacks):
    """The arguments (C expressions), which are pointers, their sizes, locals."""
    args, pointers, locals_, sizes = [], [], [], {}
    given = ARGS.get(fn, {})
    text_len = None
    for i, (const, ctype, ptr, name) in enumerate(params):
        if name in given:
            expr = given[name]
        elif ctype == "fpl_error" and not const:
            expr = "&r.e"
        elif ctype == "fpl_error":
            expr = "&fx.error"
        elif ctype == "char" and ptr and const:
            if name in NAMES:
                expr = NAMES[name]
            elif fn in TEXT and TEXT[fn] is not None:
                expr, text_len = _c_string(TEXT[fn])
            else:
                raise SystemExit("null_sweep: no text for %s(%s): add it to TEXT" % (fn, name))
        elif ctype == "char" and ptr:
            expr = "fx.buf"
        elif ptr and ctype in SCALAR_OUT and not const:
            locals_.append("%s o_%s = 0;" % (ctype, name))
            expr = "&o_%s" % name
        elif name in NAMES:
            expr = NAMES[name]
        elif ptr and ctype.startswith("fpl_"):
            expr = "&fx.%s" % ctype[4:]
        elif ctype in callbacks:
            expr = NAMES.get(name)
        elif ctype == "void" and ptr:
            expr = "NULL"
        elif ctype == "size_t" and name in ("len", "name_len", "id_len") and text_len is not None:
            expr = str(text_len)
        elif ctype == "size_t" and name == "capacity" and params[i - 1][1] == "char":
            expr = "sizeof fx.buf"
        elif ctype == "fpl_render_format" and not ptr:
            expr = "fx_format"
        else:
            raise SystemExit("null_sweep: no value for %s(... %s %s ...): add it to ARGS"
                             % (fn, ctype, name))
        if expr is None:
            raise SystemExit("null_sweep: no value for %s(%s)" % (fn, name))
        if _is_pointer(params[i], callbacks):
            pointers.append((i, name, ctype))
            nxt = params[i + 1] if i + 1 < len(params) else None
            if nxt and nxt[1] in ("size_t",) and not nxt[2] and nxt[3] in (
                    "capacity", "count", "n", "n_mixes", "n_scenario_mixes", "len"):
                sizes[i] = i + 1
        args.append(expr)
    return args, pointers, locals_, sizes


def expectation(fn, ret, params, index, name, ctype, zero):
    if zero:
        if (fn, name) in ZERO_FN:
            return ZERO_FN[(fn, name)]
        return ZERO.get((ctype, name))
    if (fn, name) in EXPECT:
        return EXPECT[(fn, name)]
    if name == "key" and ret == "fpl_status":
        return KEY_OK
    if ret == "fpl_status":
        if ctype == "fpl_error" and not params[index][0]:
            return "r.st == b.st"
        return "r.st == FPL_ERR_NULL && r.e.status == FPL_ERR_NULL"
    raise SystemExit("null_sweep: %s returns %s: say in EXPECT what NULL in %s gives"
                     % (fn, ret, name))


def write(out_path):
    callbacks = _callbacks()
    decls = declarations()
    lines = ["/* Written by tests/null_sweep.py from the public headers: do not edit. */",
             '#include "null_sweep_fixture.h"', "",
             "#define NUL(k, x) (nul == (k) ? NULL : (x))",
             "#define SIZE(k, x) (zero == (k) ? 0 : (x))", ""]
    tests, skipped = [], []
    for header, ret, fn, params in decls:
        if not any(_is_pointer(p, callbacks) for p in params):
            skipped.append(fn)
            continue
        args, pointers, locals_, sizes = plan_calls(fn, params, callbacks)
        has_format = any(p[1] == "fpl_render_format" and not p[2] for p in params)
        call_args = []
        for i, expr in enumerate(args):
            k = [p[0] for p in pointers].index(i) if i in [p[0] for p in pointers] else None
            size_of = [j for j, s in sizes.items() if s == i]
            if k is not None:
                expr = "NUL(%d, %s)" % (k, expr)
            if size_of:
                expr = "SIZE(%d, %s)" % ([p[0] for p in pointers].index(size_of[0]), expr)
            call_args.append(expr)
        field = RESULT.get(ret, "?")
        if field == "?":
            raise SystemExit("null_sweep: %s returns %s: add it to RESULT" % (fn, ret))
        call = "%s(%s)" % (fn, ", ".join(call_args))
        lines.append("/* %s: %s */" % (header, fn))
        lines.append("static fx_res call_%s(int nul, int zero, fpl_render_format fx_format)" % fn)
        lines.append("{")
        lines.append("    fx_res r = fx_begin();")
        lines.append("    (void)nul; (void)zero; (void)fx_format;")
        lines += ["    " + l for l in locals_]
        lines.append("    %s%s;" % ("r.%s = " % field if field else "", call))
        if any(p[3] == "length_out" for p in params):
            lines.append("    r.size = o_length_out;")
        if any(p[1] == "fpl_view" and not p[0] for p in params):
            lines.append("    r.json = fx_view_json();")
        lines.append("    return r;")
        lines.append("}")
        lines.append("")
        lines.append("static void test_%s(void **state)" % fn)
        lines.append("{")
        lines.append("    (void)state;")
        lines.append("    int failures = 0;")
        formats = FORMATS if has_format else ["FPL_RENDER_TABLE"]
        lines.append("    const fpl_render_format formats[] = {%s};" % ", ".join(formats))
        lines.append("    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; ++f) {")
        lines.append("        const fx_res b = call_%s(-1, -1, formats[f]);" % fn)
        if ret == "fpl_status":
            if has_format:
                lines.append("        if (b.st == FPL_ERR_FORMAT && formats[f] == FPL_RENDER_SVG) {")
                lines.append("            continue; /* no picture of this result */")
                lines.append("        }")
            lines.append('        failures += fx_check(b.st == FPL_OK, "%s", "(none)", false, '
                         "formats[f], &b);" % fn)
        lines.append("        fx_res r;")
        for k, (i, name, ctype) in enumerate(pointers):
            cond = expectation(fn, ret, params, i, name, ctype, False)
            lines.append("        r = call_%s(%d, -1, formats[f]);" % (fn, k))
            lines.append('        failures += fx_check(%s, "%s", "%s", false, formats[f], &r);'
                         % (cond, fn, name))
            if i in sizes:
                cond = expectation(fn, ret, params, i, name, ctype, True)
                if cond is not None:
                    lines.append("        r = call_%s(%d, %d, formats[f]);" % (fn, k, k))
                    lines.append('        failures += fx_check(%s, "%s", "%s", true, formats[f], '
                                 "&r);" % (cond, fn, name))
        lines.append("        (void)b;")
        lines.append("    }")
        lines.append("    assert_int_equal(failures, 0);")
        lines.append("}")
        lines.append("")
        tests.append(fn)
    lines.append("int main(void)")
    lines.append("{")
    lines.append("    const struct CMUnitTest tests[] = {")
    lines += ["        cmocka_unit_test(test_%s)," % fn for fn in tests]
    lines.append("    };")
    lines.append("    /* %d functions take no pointer: %s */" % (len(skipped), ", ".join(skipped)))
    lines.append("    return cmocka_run_group_tests(tests, NULL, NULL);")
    lines.append("}")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        callbacks = _callbacks()
        for header, ret, fn, params in declarations():
            ptrs = [p[3] for p in params if _is_pointer(p, callbacks)]
            print("%s %s: %s" % (header, fn, ", ".join(ptrs) if ptrs else "(no pointer)"))
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    write(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

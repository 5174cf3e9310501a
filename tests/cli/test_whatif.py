"""Tests of `funnelplan whatif`, `funnelplan sensitivity` and `funnelplan solve`.

The helpers (the binary under $FUNNELPLAN_CLI, the $FUNNELPLAN_CLI_WRAPPER
prefix that `meson test --setup valgrindcli` sets, the Fraction references of
plan and forecast) come from test_cli.py, imported as a module so that its
test classes are not collected twice. Good argument lists are checked
against references computed with fractions.Fraction; bad ones must exit 2
(bad input) or 1 (a question without an answer) with one line on stderr that
names the option and the value, and print nothing on stdout.
"""

import copy
import csv
import io
import os
import re
import shutil
import sys
import tempfile
import unittest
from fractions import Fraction as Fr

import test_cli as base
from test_cli import S, Whole, run

# Deltas, ROI and payback are differences of doubles: compared more loosely
# than the figures they come from.
REL = 1e-12
REL_DELTA = 1e-9


# --------------------------------------------------------------------------
# Reference model (exact, with fractions)

class Change:
    """One --change: its spelling and what it means."""

    def __init__(self, text, lever, kind, value):
        self.text = text        # "opportunity=+10%"
        self.lever = lever      # a stage name, "deal-size", "volume", "cost-per-lead"
        self.kind = kind        # "relative", "points", "set"
        self.value = value      # Fraction, signed

    def moved(self, x):
        if self.kind == "relative":
            return x * (1 + self.value)
        if self.kind == "points":
            return x + self.value
        return self.value


def C(text, kind, value):
    return Change(text, text.rsplit("=", 1)[0], kind, value)


def mode_of(case):
    return "volume" if case.volume is not None else "target"


def ref_of(case):
    return base.ref_forecast(case) if case.volume is not None else base.ref_plan(case)


def with_command(case, command):
    c = copy.copy(case)
    c.command = command
    c.stages = list(case.stages)
    return c


def apply_changes(case, changes):
    """The scenario: a copy of the question with the changes applied in order."""
    c = with_command(case, case.command)
    names = [s[0] for s in c.stages]
    for ch in changes:
        if ch.lever in names:
            k = names.index(ch.lever)
            name, text, rate = c.stages[k]
            c.stages[k] = (name, text, ch.moved(rate))
        elif ch.lever == "deal-size":
            c.deal_size = ("", ch.moved(c.deal_size[1]))
        elif ch.lever == "volume":
            c.volume = ("", ch.moved(c.volume[1]))
        elif ch.lever == "cost-per-lead":
            c.cost = ("", ch.moved(c.cost[1]))
        else:
            raise AssertionError(ch.lever)
    return c


def periods_in_a_year(per):
    return 12 // base.MONTHS[per]


def ref_whatif(case, changes, horizon=None, invest=None):
    """The whatif object for a question (a base.Case: a forecast when it has
    a volume, else a plan) and a list of Change."""
    volume_held = case.volume is not None
    bcase = with_command(case, "forecast" if volume_held else "plan")
    scase = apply_changes(bcase, changes)
    b, s = ref_of(bcase), ref_of(scase)
    margin = case.margin[1] if case.margin is not None else Fr(1)
    has_revenue = case.deal_size is not None
    has_cost = case.cost is not None
    deals = s["deals"] - b["deals"]
    if volume_held:
        revenue = s["revenue"] - b["revenue"] if has_revenue else None
        volume = s["volume"] - b["volume"]
    else:
        if case.revenue is not None:
            revenue = s["revenue"] - b["revenue"]
        elif has_revenue:
            revenue = s["deals"] * scase.deal_size[1] - b["deals"] * bcase.deal_size[1]
        else:
            revenue = None
        volume = s["stages"][0]["required"] - b["stages"][0]["required"]
    cost = s["budget"] - b["budget"] if has_cost else None
    gain = (revenue if revenue is not None else 0) * margin - (cost if cost is not None else 0)
    h = horizon if horizon is not None else periods_in_a_year(case.per)
    out = {"command": "whatif", "per": case.per, "horizon": Whole(h),
           "mode": mode_of(case),
           "changes": [{"lever": ch.lever, "kind": ch.kind, "value": ch.value}
                       for ch in changes],
           "baseline": b, "scenario": s, "margin": margin,
           "delta": {"deals": deals, "revenue": revenue, "volume": volume, "cost": cost,
                     "gain": gain,
                     "revenue_horizon": None if revenue is None else revenue * h,
                     "cost_horizon": None if cost is None else cost * h,
                     "gain_horizon": gain * h}}
    if invest is not None:
        out["invest"] = invest
        out["roi"] = (gain * h - invest) / invest
        out["payback_periods"] = invest / gain if gain > 0 else None
    return out


def whatif_args(case, changes, fmt="json", horizon=None, invest=None):
    a = ["whatif"] + case.args(fmt)[1:]
    for ch in changes:
        a += ["--change", ch.text]
    if horizon is not None:
        a += ["--horizon", str(horizon)]
    if invest is not None:
        a += ["--invest", str(invest)]
    return a


def ref_sensitivity(case, step=("points", Fr(1, 100)), deal_size_step=Fr(1, 10)):
    volume_held = case.volume is not None

    def measure(c):
        if volume_held:
            return base.ref_forecast(with_command(c, "forecast"))["revenue"]
        return base.ref_plan(with_command(c, "plan"))["stages"][0]["required"]

    before = measure(case)
    rows = []
    for name, _, rate in case.stages:
        kind, v = step
        to = min(Fr(1), rate + v if kind == "points" else rate * (1 + v))
        after = measure(apply_changes(case, [Change("", name, "set", to)]))
        rows.append((name, rate, to, after - before if volume_held else before - after))
    if case.deal_size is not None and (volume_held or case.revenue is not None):
        ds = case.deal_size[1]
        to = ds * (1 + deal_size_step)
        after = measure(apply_changes(case, [Change("", "deal-size", "set", to)]))
        rows.append(("deal-size", ds, to, after - before if volume_held else before - after))
    rows.sort(key=lambda r: -r[3])  # stable: ties keep the funnel's order, deal size last
    best = rows[0][3]
    key = "revenue_delta" if volume_held else "volume_delta"
    return {"command": "sensitivity", "per": case.per, "mode": mode_of(case),
            "step": {"kind": step[0], "value": step[1]},
            "deal_size_step": deal_size_step,
            "rows": [{"lever": n, "from": f, "to": t, key: e,
                      "share": e / best if best > 0 else Fr(0)} for n, f, t, e in rows]}


def ref_solve(case, lever):
    names = [s[0] for s in case.stages]
    at = names.index(case.at) if case.at is not None else 0
    volume = case.volume[1]
    deals = volume * base.prod(s[2] for s in case.stages[at:])
    if case.revenue is not None:
        target = case.revenue[1] / case.deal_size[1]
    else:
        target = case.deals[1]
    if lever == "deal-size":
        current = case.deal_size[1]
        value = case.revenue[1] / deals
    elif lever == "volume":
        current = volume
        value = volume * target / deals
    else:
        current = case.stages[names.index(lever)][2]
        value = current * target / deals
    return {"command": "solve", "per": case.per, "lever": lever, "current": current,
            "value": value, "change": value / current - 1}


# --------------------------------------------------------------------------
# Questions

OPP33 = [S("opportunity", "33%", Fr(33, 100))]
FOUR_K = ("4000", Fr(4000))

# Worked example 3: 75 opportunities a month at 33%, deals of 4,000.
EX3 = base.Case("example 3", "forecast", OPP33, volume=("75", Fr(75)), deal_size=FOUR_K,
                at="opportunity")
EX3_CHANGE = [C("opportunity=+10%", "relative", Fr(1, 10))]

# The guide's target-held example: worked example 2 at 200 per opportunity.
EX2_COST = base.Case("example 2 with a cost", "plan", [S("opportunity", "1/3", Fr(1, 3))],
                     revenue=("100000", Fr(100000)), deal_size=FOUR_K, cost=("200", Fr(200)))

THREE = [S("lead", "10%", Fr(1, 10)), S("sql", "50%", Fr(1, 2)),
         S("opportunity", "25%", Fr(1, 4))]
# The sensitivity check of the brief: 1,000 leads a month, deals of 4,000.
SENS = base.Case("three stages, 1,000 leads", "forecast", THREE, volume=("1000", Fr(1000)),
                 deal_size=FOUR_K)
MIXED_VOLUME = base.Case("mixed, volume held", "forecast", THREE, volume=("2,000", Fr(2000)),
                         deal_size=FOUR_K, cost=("20", Fr(20)), margin=("60%", Fr(3, 5)),
                         per="quarter")
MIXED_CHANGES = [C("lead=+2pp", "points", Fr(2, 100)),
                 C("opportunity=+10%", "relative", Fr(1, 10)),
                 C("deal-size=4500", "set", Fr(4500)),
                 C("cost-per-lead=-10%", "relative", Fr(-1, 10)),
                 C("sql=55%", "set", Fr(55, 100)),
                 C("volume=+5%", "relative", Fr(5, 100))]
MIXED_TARGET = base.Case("mixed, deal target held", "plan", THREE, deals=("30", Fr(30)),
                         deal_size=("12.5k", Fr(12500)), cost=("3.5", Fr(7, 2)),
                         margin=("0.7", Fr(7, 10)), per="year")
MIXED_TARGET_CHANGES = [C("sql=+5pp", "points", Fr(5, 100)),
                        C("deal-size=+20%", "relative", Fr(1, 5)),
                        C("cost-per-lead=4", "set", Fr(4)),
                        C("lead=-1pp", "points", Fr(-1, 100))]
BELOW_TOP = base.Case("volume below the top", "forecast", THREE, volume=("90", Fr(90)),
                      at="sql", deals=("5", Fr(5)))


# --------------------------------------------------------------------------

class WhatIfTestCase(base.CliTestCase):
    def assertNear(self, got, want, rel=REL, path="$"):
        """A JSON tree against a Fraction reference: same keys in the same
        order, whole counts as integers, numbers within rel (zero exactly)."""
        if isinstance(want, dict):
            self.assertIsInstance(got, dict, path)
            self.assertEqual(list(got), list(want), "keys of " + path)
            for k in want:
                self.assertNear(got[k], want[k], rel, path + "." + k)
        elif isinstance(want, list):
            self.assertIsInstance(got, list, path)
            self.assertEqual(len(got), len(want), "length of " + path)
            for i, (g, w) in enumerate(zip(got, want)):
                self.assertNear(g, w, rel, "%s[%d]" % (path, i))
        elif want is None:
            self.assertIsNone(got, path)
        elif isinstance(want, str):
            self.assertEqual(got, want, path)
        elif isinstance(want, Whole):
            self.assertIs(type(got), int, "%s must be a JSON integer, got %r" % (path, got))
            self.assertEqual(got, int(want), path)
        else:
            self.assertIsInstance(got, (int, float), path)
            self.assertNotIsInstance(got, bool, path)
            want = Fr(want)
            if want == 0:
                self.assertEqual(got, 0, path)
            else:
                err = abs((Fr(got) - want) / want)
                self.assertLessEqual(err, rel, "%s: got %r, want %s" % (path, got, float(want)))

    def assertWhatIf(self, got, want):
        self.assertNear(got, want, REL_DELTA)
        self.assertNear(got["baseline"], want["baseline"], REL, "$.baseline")
        self.assertNear(got["scenario"], want["scenario"], REL, "$.scenario")

    def csv_rows(self, args):
        return list(csv.reader(io.StringIO(self.ok(args))))


SKIP = object()  # a cell the test does not check


def close(a, b, rel=REL_DELTA):
    return abs(a - b) <= rel * abs(b)


# --------------------------------------------------------------------------

class TestWhatIfJson(WhatIfTestCase):
    def test_example3_exactly(self):
        args = ["whatif", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
                "--at", "opportunity", "--change", "opportunity=+10%", "--horizon", "12",
                "--format", "json"]
        d = self.json_of(args)
        self.assertWhatIf(d, ref_whatif(EX3, EX3_CHANGE, horizon=12))
        delta = d["delta"]
        self.assertTrue(close(delta["revenue_horizon"], 118800), delta)
        self.assertFalse(close(delta["revenue_horizon"], 118000), delta)
        self.assertTrue(close(delta["revenue"], 9900), delta)
        self.assertTrue(close(delta["deals"], 2.475), delta)
        self.assertEqual(delta["volume"], 0)
        self.assertIsNone(delta["cost"])
        self.assertIsNone(delta["cost_horizon"])
        self.assertEqual(delta["gain_horizon"], delta["revenue_horizon"])
        year_b = d["baseline"]["by_period"]["year"]
        year_s = d["scenario"]["by_period"]["year"]
        self.assertEqual(year_b["revenue"], 1188000)
        self.assertEqual(year_b["deals"], 297)
        self.assertEqual(year_b["stages"][0]["expected"], 900)
        self.assertTrue(close(year_s["deals"], 326.7, REL), year_s)
        self.assertTrue(close(year_s["revenue"], 1306800, REL), year_s)
        self.assertTrue(close(d["scenario"]["stages"][0]["rate"], 0.363, REL))
        self.assertEqual((d["command"], d["mode"], d["horizon"]), ("whatif", "volume", 12))
        self.assertNotIn("roi", d)
        self.assertNotIn("invest", d)

        d = self.json_of(args + ["--invest", "50000"])
        self.assertWhatIf(d, ref_whatif(EX3, EX3_CHANGE, horizon=12, invest=Fr(50000)))
        self.assertEqual(list(d)[-3:], ["invest", "roi", "payback_periods"])
        self.assertEqual(d["invest"], 50000)
        self.assertTrue(close(d["roi"], (118800 - 50000) / 50000), d["roi"])
        self.assertTrue(close(d["payback_periods"], 50000 / 9900), d["payback_periods"])

    def test_baseline_and_scenario_are_the_forecast_objects(self):
        d = self.json_of(whatif_args(EX3, EX3_CHANGE, horizon=12))
        self.assertEqual(d["baseline"], self.json_of(EX3.args("json")))
        # The scenario is what `forecast` prints for the changed funnel: the
        # rate spelled as the shortest text of the scenario's double.
        rate = d["scenario"]["stages"][0]["rate"]
        changed = EX3.args("json")
        changed[changed.index("opportunity=33%")] = "opportunity=%r" % rate
        self.assertEqual(d["scenario"], self.json_of(changed))

    def test_baseline_and_scenario_are_the_plan_objects(self):
        change = [C("opportunity=40%", "set", Fr(2, 5))]
        d = self.json_of(whatif_args(EX2_COST, change))
        self.assertEqual(d["baseline"], self.json_of(EX2_COST.args("json")))
        scenario = EX2_COST.args("json")
        scenario[scenario.index("opportunity=1/3")] = "opportunity=40%"
        self.assertEqual(d["scenario"], self.json_of(scenario))

    def test_target_held_savings_with_cost_per_lead(self):
        change = [C("opportunity=40%", "set", Fr(2, 5))]
        d = self.json_of(whatif_args(EX2_COST, change, invest=20000))
        self.assertWhatIf(d, ref_whatif(EX2_COST, change, invest=Fr(20000)))
        delta = d["delta"]
        self.assertEqual(d["mode"], "target")
        self.assertEqual(d["horizon"], 12)
        self.assertEqual(delta["revenue"], 0)  # the target is held
        self.assertTrue(close(delta["volume"], -12.5), delta)
        self.assertTrue(close(delta["cost"], -2500), delta)
        self.assertTrue(close(delta["gain"], 2500), delta)
        self.assertTrue(close(delta["gain_horizon"], 30000), delta)
        self.assertTrue(close(d["roi"], 0.5), d)
        self.assertTrue(close(d["payback_periods"], 8), d)
        self.assertEqual(d["baseline"]["stages"][0]["required_whole"], 75)
        self.assertEqual(d["scenario"]["stages"][0]["required"], 62.5)

    def test_target_held_saving_counts_margin_and_deal_target(self):
        # A deal target without a deal size: no revenue, the saving is the gain.
        case = base.Case("deal target", "plan", THREE, deals=("25", Fr(25)),
                         cost=("10", Fr(10)), margin=("50%", Fr(1, 2)))
        changes = [C("opportunity=+5pp", "points", Fr(5, 100))]
        d = self.json_of(whatif_args(case, changes, horizon=3))
        self.assertWhatIf(d, ref_whatif(case, changes, horizon=3))
        self.assertIsNone(d["delta"]["revenue"])
        self.assertIsNone(d["delta"]["revenue_horizon"])
        self.assertTrue(close(d["delta"]["gain"], -d["delta"]["cost"]))

    def test_mixed_changes(self):
        for case, changes in [(MIXED_VOLUME, MIXED_CHANGES),
                              (MIXED_TARGET, MIXED_TARGET_CHANGES)]:
            for horizon, invest in [(None, None), (7, Fr(12345)), (1, Fr(1))]:
                with self.subTest(case=case.name, horizon=horizon, invest=invest):
                    d = self.json_of(whatif_args(case, changes, horizon=horizon,
                                                 invest=None if invest is None else
                                                 str(invest)))
                    self.assertWhatIf(d, ref_whatif(case, changes, horizon, invest))
        d = self.json_of(whatif_args(MIXED_VOLUME, MIXED_CHANGES))
        self.assertEqual(d["horizon"], 4)  # the quarters in a year
        self.assertEqual([c["kind"] for c in d["changes"]],
                         ["points", "relative", "set", "relative", "set", "relative"])
        self.assertEqual([c["lever"] for c in d["changes"]],
                         ["lead", "opportunity", "deal-size", "cost-per-lead", "sql", "volume"])
        self.assertEqual(d["scenario"]["deal_size"], 4500)
        self.assertEqual(d["scenario"]["volume"], 2100)
        self.assertEqual(d["scenario"]["cost_per_lead"], 18)
        d = self.json_of(whatif_args(MIXED_TARGET, MIXED_TARGET_CHANGES))
        self.assertEqual(d["horizon"], 1)  # a year in a year
        self.assertTrue(close(d["delta"]["revenue"], 30 * 12500 * 0.2), d["delta"])

    def test_volume_below_the_top(self):
        changes = [C("sql=+10%", "relative", Fr(1, 10)), C("lead=+10%", "relative", Fr(1, 10))]
        d = self.json_of(whatif_args(BELOW_TOP, changes))
        self.assertWhatIf(d, ref_whatif(BELOW_TOP, changes))
        self.assertEqual([s["name"] for s in d["scenario"]["stages"]], ["sql", "opportunity"])
        self.assertIn("attainment", d["baseline"])
        self.assertIsNone(d["delta"]["revenue"])

    def test_changes_apply_in_order(self):
        a = [C("opportunity=+10%", "relative", Fr(1, 10)), C("opportunity=+1pp", "points",
                                                              Fr(1, 100))]
        b = list(reversed(a))
        da = self.json_of(whatif_args(SENS, a))
        db = self.json_of(whatif_args(SENS, b))
        self.assertWhatIf(da, ref_whatif(SENS, a))
        self.assertWhatIf(db, ref_whatif(SENS, b))
        self.assertTrue(close(da["scenario"]["stages"][2]["rate"], 0.285, REL))
        self.assertTrue(close(db["scenario"]["stages"][2]["rate"], 0.286, REL))

    def test_empty_change_list_gives_zero_deltas(self):
        for case in (EX3, EX2_COST, MIXED_VOLUME, MIXED_TARGET):
            with self.subTest(case=case.name):
                d = self.json_of(whatif_args(case, [], invest=1000))
                self.assertEqual(d["changes"], [])
                self.assertEqual(d["baseline"], d["scenario"])
                for key, value in d["delta"].items():
                    if value is not None:
                        self.assertEqual(value, 0, key)
                self.assertEqual(d["roi"], -1)
                self.assertIsNone(d["payback_periods"])

    def test_a_worse_rate_has_no_payback(self):
        changes = [C("opportunity=-10%", "relative", Fr(-1, 10))]
        d = self.json_of(whatif_args(EX3, changes, invest=5000))
        self.assertWhatIf(d, ref_whatif(EX3, changes, invest=Fr(5000)))
        self.assertLess(d["delta"]["gain"], 0)
        self.assertIsNone(d["payback_periods"])
        self.assertLess(d["roi"], -1)

    def test_a_bigger_improvement_never_gives_less(self):
        last = None
        for pct in ("1", "2.5", "5", "10", "20", "50", "100", "200"):
            d = self.json_of(whatif_args(EX3, [C("opportunity=+%s%%" % pct, "relative", 0)]))
            gain = d["delta"]["revenue_horizon"]
            if last is not None:
                self.assertGreater(gain, last, pct)
            last = gain

    def test_gain_roi_and_payback_formulas_on_unnamed_cases(self):
        # margin, cost, a horizon and periods the examples do not use
        case = base.Case("lead funnel", "forecast",
                         [S("lead", "7.5%", Fr(3, 40)), S("demo", "2/7", Fr(2, 7))],
                         volume=("3.2k", Fr(3200)), deal_size=("2,750", Fr(2750)),
                         cost=("1.25", Fr(5, 4)), margin=("35%", Fr(7, 20)), per="quarter")
        changes = [C("demo=+7%", "relative", Fr(7, 100)), C("volume=4000", "set", Fr(4000))]
        d = self.json_of(whatif_args(case, changes, horizon=9, invest="2.5k"))
        want = ref_whatif(case, changes, horizon=9, invest=Fr(2500))
        self.assertWhatIf(d, want)
        delta = d["delta"]
        self.assertTrue(close(delta["gain"], delta["revenue"] * 0.35 - delta["cost"]))
        self.assertTrue(close(d["roi"], (delta["gain"] * 9 - 2500) / 2500))
        self.assertTrue(close(d["payback_periods"], 2500 / delta["gain"]))

    def test_horizon(self):
        for per, default in (("month", 12), ("quarter", 4), ("year", 1)):
            case = copy.copy(EX3)
            case.per = per
            with self.subTest(per=per):
                d = self.json_of(whatif_args(case, EX3_CHANGE))
                self.assertEqual(d["horizon"], default)
                self.assertWhatIf(d, ref_whatif(case, EX3_CHANGE))
        for spelling, value in (("1", 1), ("24", 24), ("1e3", 1000), ("1,000", 1000),
                                ("1_000_000", 1000000), ("1M", 1000000), ("2.0", 2)):
            with self.subTest(horizon=spelling):
                d = self.json_of(whatif_args(EX3, EX3_CHANGE, horizon=spelling))
                self.assertEqual(d["horizon"], value)
                self.assertIs(type(d["horizon"]), int)
                self.assertTrue(close(d["delta"]["revenue_horizon"], 9900 * value))

    def test_changes_from_a_file(self):
        tmp = tempfile.mkdtemp(prefix="funnelplan-whatif-")
        self.addCleanup(shutil.rmtree, tmp)
        path = os.path.join(tmp, "ex3.args")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# worked example 3\n--stage opportunity=33%\n--deal-size 4000\n"
                    "--volume 75\n--at opportunity\n--change opportunity=+10%\n"
                    "--horizon 12\n")
        self.assertEqual(self.ok(["whatif", "@" + path, "--format", "json"]),
                         self.ok(whatif_args(EX3, EX3_CHANGE, horizon=12)))


class TestWhatIfTableAndCsv(WhatIfTestCase):
    def test_example3_table(self):
        out = self.ok(whatif_args(EX3, EX3_CHANGE, fmt="table", horizon=12, invest=50000))
        lines = out.split("\n")
        self.assertTrue(out.startswith("What-if per month, volume held: 75 enter opportunity"),
                        out)
        self.assertIn("Changes: opportunity +10% (relative).", out)

        def row(label):
            found = [l for l in lines if l.startswith(label + "  ")]
            self.assertTrue(found, "no row %r in\n%s" % (label, out))
            return found

        self.assertEqual(row("opportunity rate")[0].split()[2:], ["33%", "36.3%"])
        per_month, over = row("deals")
        self.assertEqual(per_month.split()[1:], ["24.75", "27.23", "+2.48"])
        self.assertEqual(over.split()[1:], ["297", "326.7", "+29.7"])
        per_month, over = row("revenue")
        self.assertEqual(per_month.split()[1:], ["99,000", "108,900", "+9,900"])
        self.assertEqual(over.split()[1:], ["1,188,000", "1,306,800", "+118,800"])
        self.assertEqual(row("volume at opportunity")[1].split()[3:], ["900", "900", "0"])
        self.assertEqual([l.split()[1] for l in row("gain")], ["+9,900", "+118,800"])
        self.assertIn("over 12 months", out)
        self.assertIn("ROI 137.6% over 12 months; payback in 5.05 months.", out)
        self.assertIn("over 12 months the scenario wins 326.7 deals; counted in whole deals "
                      "326, i.e. revenue 1,304,000.", out)
        for wrong in ("118,000", "1,306,000"):
            self.assertNotIn(wrong, out)
        self.assertIn("rounded for display", out)

    def test_columns_are_aligned(self):
        for args in (whatif_args(EX3, EX3_CHANGE, fmt="table"),
                     whatif_args(MIXED_VOLUME, MIXED_CHANGES, fmt="table"),
                     whatif_args(EX2_COST, [C("opportunity=40%", "set", 0)], fmt="table")):
            with self.subTest(args=args):
                out = self.ok(args)
                blocks = out.split("\n\n")
                tables = [b for b in blocks if b.startswith(("per ", "over "))]
                self.assertEqual(len(tables), 2, out)
                for t in tables:
                    rows = t.split("\n")
                    header = rows[0]
                    # Figures are right-aligned under their headers: every
                    # cell ends at a header's right edge.
                    edges = {header.index(c) + len(c) for c in ("baseline", "scenario", "delta")}
                    for r in rows[1:]:
                        ends = {m.end() for m in re.finditer(r"(?<= )[-+]?[0-9][0-9,.]*%?", r)}
                        self.assertTrue(ends, r)
                        self.assertLessEqual(ends, edges, "%r in\n%s" % (r, t))
                        self.assertEqual(r, r.rstrip())

    def test_target_held_table(self):
        out = self.ok(whatif_args(EX2_COST, [C("opportunity=40%", "set", 0)], fmt="table",
                                  invest=20000))
        self.assertTrue(out.startswith("What-if per month, target held: revenue 100,000"), out)
        self.assertRegex(out, r"\nvolume at opportunity +75 +62\.5 +-12\.5\n")
        self.assertRegex(out, r"\ncost +15,000 +12,500 +-2,500\n")
        self.assertRegex(out, r"\ngain +\+2,500\n")
        self.assertRegex(out, r"\ngain +\+30,000\n")
        self.assertIn("ROI 50% over 12 months; payback in 8 months.", out)
        self.assertIn("acquisition cost added", out)

    def test_no_payback_is_said(self):
        out = self.ok(whatif_args(EX3, [C("opportunity=-1pp", "points", 0)], fmt="table",
                                  invest=100))
        self.assertIn("no payback: the gain per month is not positive", out)

    def test_csv(self):
        # issue 15: the CSV had rates and volumes but no revenue, gain, ROI
        # or payback. Every figure of the table is a row of its own
        # (figure,stage,baseline,scenario,delta), each the JSON's exact
        # value (the CSV writes the shortest text that reads back).
        for case, changes, invest in [(EX3, EX3_CHANGE, Fr(50000)),
                                      (MIXED_VOLUME, MIXED_CHANGES, Fr(1000)),
                                      (MIXED_TARGET, MIXED_TARGET_CHANGES, Fr(20000)),
                                      (BELOW_TOP, [], None),
                                      (EX2_COST, [C("opportunity=40%", "set", Fr(2, 5))], Fr(20000))]:
            with self.subTest(case=case.name):
                kw = {} if invest is None else {"invest": str(invest)}
                rows = self.csv_rows(whatif_args(case, changes, fmt="csv", **kw))
                got = self.json_of(whatif_args(case, changes, **kw))
                want = ref_whatif(case, changes, invest=invest)
                self.assertEqual(rows[0], ["figure", "stage", "baseline", "scenario", "delta"])
                table = {}
                for r in rows[1:]:
                    self.assertEqual(len(r), 5, r)
                    self.assertNotIn((r[0], r[1]), table, r)
                    table[(r[0], r[1])] = [None if t == "" else float(t) for t in r[2:]]
                b, sc, d = got["baseline"], got["scenario"], got["delta"]
                volume_held = case.volume is not None
                units = "expected" if volume_held else "required"
                expect = {}
                for name, _, value in case.stages:
                    bs = [x for x in b["stages"] if x["name"] == name]
                    ss = [x for x in sc["stages"] if x["name"] == name]
                    if bs:
                        expect[(units, name)] = [bs[0][units], ss[0][units], None]
                        expect[("rate", name)] = [bs[0]["rate"], ss[0]["rate"], None]
                    else:  # above the stage the volume enters: not in the JSON
                        expect[("rate", name)] = [float(value), SKIP, None]
                if case.deal_size is not None:
                    expect[("deal_size", "")] = [b["deal_size"], sc["deal_size"], None]
                if case.cost is not None:
                    expect[("cost_per_lead", "")] = [b["cost_per_lead"], sc["cost_per_lead"],
                                                     None]
                vol = (lambda o: o["volume"]) if volume_held else \
                    (lambda o: o["stages"][0]["required"])
                h = got["horizon"]
                expect[("volume", "")] = [vol(b), vol(sc), d["volume"]]
                expect[("deals", "")] = [b["deals"], sc["deals"], d["deals"]]
                if d["revenue"] is not None:
                    both = b.get("revenue") is not None and sc.get("revenue") is not None
                    expect[("revenue", "")] = [b["revenue"] if both else None,
                                               sc["revenue"] if both else None, d["revenue"]]
                    expect[("revenue_horizon", "")] = [
                        b["revenue"] * h if both else None, sc["revenue"] * h if both else None,
                        d["revenue_horizon"]]
                if d["cost"] is not None:
                    expect[("cost", "")] = [b["budget"], sc["budget"], d["cost"]]
                    expect[("cost_horizon", "")] = [b["budget"] * h, sc["budget"] * h,
                                                    d["cost_horizon"]]
                expect[("gain", "")] = [None, None, d["gain"]]
                expect[("volume_horizon", "")] = [vol(b) * h, vol(sc) * h,
                                                  float(want["delta"]["volume"] * h)]
                expect[("deals_horizon", "")] = [b["deals"] * h, sc["deals"] * h,
                                                 float(want["delta"]["deals"] * h)]
                expect[("gain_horizon", "")] = [None, None, d["gain_horizon"]]
                if invest is not None:
                    expect[("invest", "")] = [None, None, got["invest"]]
                    expect[("roi", "")] = [None, None, got["roi"]]
                    expect[("payback_periods", "")] = [None, None, got["payback_periods"]]
                    self.assertEqual(table[("roi", "")][2], got["roi"])  # exactly
                self.assertEqual(sorted(table), sorted(expect))
                exact = {"gain", "gain_horizon", "invest", "roi", "payback_periods", "deals",
                         "volume", "revenue", "cost", units, "rate", "deal_size",
                         "cost_per_lead"}
                for key, values in expect.items():
                    for i, (text, value) in enumerate(zip(table[key], values)):
                        if value is SKIP:
                            continue
                        if value is None or text is None:
                            self.assertEqual(text, value, (key, i))
                        elif key[0] in exact:
                            self.assertEqual(text, value, (key, i))  # the JSON's double
                        else:
                            self.assertTrue(close(Fr(text), Fr(value), REL_DELTA),
                                            (key, i, text, value))
                # and the figures the table exists for, against the reference
                self.assertTrue(close(Fr(table[("gain_horizon", "")][2]),
                                      want["delta"]["gain_horizon"], REL_DELTA)
                                or want["delta"]["gain_horizon"] == 0)
                if invest is not None:
                    self.assertTrue(close(Fr(table[("roi", "")][2]), want["roi"], REL_DELTA))


# --------------------------------------------------------------------------

EX3_ARGS = ["whatif", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
            "--at", "opportunity"]
TARGET_ARGS = ["whatif", "--stage", "lead=10%", "--stage", "opportunity=1/3", "--deals", "25"]

# Every bad spelling of --change: exit 2, the argument named.
BAD_CHANGES = [
    ("opportunity", "LEVER=CHANGE"),               # no '='
    ("opportunity+10%", "LEVER=CHANGE"),
    ("=+10%", "LEVER=CHANGE"),                      # no lever
    ("opportunity=", "LEVER=CHANGE"),              # empty value
    ("", "empty"),                                 # nothing at all
    ("foo=+10%", "no stage"),                      # unknown lever
    ("Opportunity=+10%", "no stage"),              # names are exact
    ("won=+10%", "no stage"),
    ("opportunity=+", "LEVER=CHANGE"),             # a sign alone
    ("opportunity=-", "LEVER=CHANGE"),
    ("opportunity=+10", "LEVER=CHANGE"),           # a sign without % or pp
    ("opportunity=-0.1", "LEVER=CHANGE"),
    ("opportunity=+pp", "LEVER=CHANGE"),
    ("opportunity=+%", "not a number"),
    ("opportunity=10pp", "not a number"),           # pp without a sign
    ("opportunity=10%%", "not a number"),
    ("opportunity=+x%", "not a number"),
    ("opportunity=+10%x", "LEVER=CHANGE"),
    ("opportunity=nan", "not a number"),
    ("opportunity=+nan%", "not a number"),
    ("opportunity=inf", "not a number"),
    ("opportunity=+inf%", "not a number"),
    ("opportunity=+1e999%", "too large"),
    ("opportunity=+1e-999%", "too small"),
    ("opportunity=+-10%", "negative"),
    ("opportunity= +10%", "not a number"),
    ("opportunity=+1,5%", "not a number"),
    ("opportunity=1/0", "zero denominator"),
    ("deal-size=+3pp", "percentage points"),       # pp on an amount
    ("volume=-1pp", "percentage points"),
    ("deal-size=+x%", "not a number"),
    ("deal-size=5,00", "grouping"),
    ("deal-size=-5", "LEVER=CHANGE"),             # a sign without %: not a negative set
    ("deal-size=4000x", "not a number"),
]


BAD = [(EX3_ARGS + ["--change", change], 2, ["--change '%s'" % change, needle])
       for change, needle in BAD_CHANGES]
BAD += [
    # changes this question cannot use
    (TARGET_ARGS + ["--change", "volume=+10%"], 2,
     ["--change 'volume=+10%'", "cannot move that lever"]),
    (TARGET_ARGS + ["--change", "deal-size=+10%"], 2, ["--change 'deal-size=+10%'"]),
    (EX3_ARGS + ["--change", "cost-per-lead=-5%"], 2, ["--change 'cost-per-lead=-5%'"]),
    (TARGET_ARGS + ["--change", "lead=+1pp", "--change", "deal-size=5000"], 2,
     ["--change 'deal-size=5000'"]),
    # a value set out of range is bad input, like the option it replaces
    (EX3_ARGS + ["--change", "opportunity=150%"], 2,
     ["--change 'opportunity=150%'", "rate must be above 0% and at most 100%"]),
    (EX3_ARGS + ["--change", "opportunity=0"], 2, ["--change 'opportunity=0'", "rate must"]),
    (EX3_ARGS + ["--change", "opportunity=+10%", "--change", "opportunity=1.01"], 2,
     ["--change 'opportunity=1.01'", "rate must"]),
    (EX3_ARGS + ["--change", "deal-size=0"], 2,
     ["--change 'deal-size=0'", "deal size must be a positive number"]),
    (EX3_ARGS + ["--change", "volume=0"], 2, ["--change 'volume=0'", "volume must be"]),
    # too many
    (EX3_ARGS + [a for i in range(41) for a in ("--change", "opportunity=+0.%d%%" % i)], 2,
     ["--change 'opportunity=+0.40%'", "at most 40"]),
    # what is held
    (["whatif", "--stage", "a=10%", "--change", "a=+1pp"], 2,
     ["whatif", "--volume", "target"]),
    (["whatif", "--stage", "a=10%", "--deals", "5", "--at", "a"], 2, ["--at 'a'", "--volume"]),
    (EX3_ARGS[:-2] + ["--at", "closing"], 2, ["--at 'closing'", "no stage"]),
    (["whatif", "--deals", "5", "--change", "a=+1pp"], 2, ["whatif", "--stage"]),
    (["whatif", "--stage", "a=10%", "--volume", "5", "--at", "b"], 2, ["--at 'b'"]),
    (["whatif", "--stage", "a=10%", "--stage", "b=10%", "--volume", "5", "--at", "b",
      "--cost-per-lead", "1"], 2, ["--at 'b'", "top stage"]),
    (["whatif", "--stage", "a=10%", "--revenue", "5"], 2, ["--revenue '5'", "deal size"]),
    # --horizon
    (EX3_ARGS + ["--horizon", "0"], 2, ["--horizon '0'", "whole number"]),
    (EX3_ARGS + ["--horizon", "1.5"], 2, ["--horizon '1.5'", "whole number"]),
    (EX3_ARGS + ["--horizon", "0.5"], 2, ["--horizon '0.5'"]),
    (EX3_ARGS + ["--horizon", "1000001"], 2, ["--horizon '1000001'", "1000000"]),
    (EX3_ARGS + ["--horizon", "1e7"], 2, ["--horizon '1e7'"]),
    (EX3_ARGS + ["--horizon", "1e999"], 2, ["--horizon '1e999'"]),
    (EX3_ARGS + ["--horizon", "-12"], 2, ["--horizon '-12'"]),
    (EX3_ARGS + ["--horizon", "twelve"], 2, ["--horizon 'twelve'"]),
    (EX3_ARGS + ["--horizon", ""], 2, ["--horizon ''"]),
    (EX3_ARGS + ["--horizon", "12", "--horizon", "6"], 2, ["--horizon '6'", "more than once"]),
    # --invest
    (EX3_ARGS + ["--invest", "0"], 2, ["--invest '0'", "investment must be a positive"]),
    (EX3_ARGS + ["--invest", "-50000"], 2, ["--invest '-50000'"]),
    (EX3_ARGS + ["--invest", "50k$"], 2, ["--invest '50k$'"]),
    (EX3_ARGS + ["--invest", "nan"], 2, ["--invest 'nan'"]),
    # options of other commands
    (EX3_ARGS + ["--step", "+1pp"], 2, ["unknown option", "'--step'", "for this command"]),
    (EX3_ARGS + ["--for", "opportunity"], 2, ["unknown option", "'--for'"]),
    (EX3_ARGS + ["--change"], 2, ["--change", "value is needed"]),
]

# Questions without an answer: exit 1, the change named.
NO_ANSWER = [
    (EX3_ARGS + ["--change", "opportunity=+300%"], "--change 'opportunity=+300%'"),
    (EX3_ARGS + ["--change", "opportunity=+68pp"], "--change 'opportunity=+68pp'"),
    (EX3_ARGS + ["--change", "opportunity=-100%"], "--change 'opportunity=-100%'"),
    (EX3_ARGS + ["--change", "opportunity=-33pp"], "--change 'opportunity=-33pp'"),
    (EX3_ARGS + ["--change", "opportunity=-50pp"], "--change 'opportunity=-50pp'"),
    (EX3_ARGS + ["--change", "deal-size=-100%"], "--change 'deal-size=-100%'"),
    (EX3_ARGS + ["--change", "volume=-200%"], "--change 'volume=-200%'"),
    # the second of two changes pushes the rate over 100%: it is the one named
    (EX3_ARGS + ["--change", "opportunity=+100%", "--change", "opportunity=+100%"],
     "--change 'opportunity=+100%'"),
    (EX3_ARGS + ["--change", "opportunity=90%", "--change", "opportunity=+20%"],
     "--change 'opportunity=+20%'"),
    (TARGET_ARGS + ["--change", "lead=+5pp", "--change", "opportunity=+201%"],
     "--change 'opportunity=+201%'"),
]


class TestWhatIfErrors(WhatIfTestCase):
    def test_bad_argument_table(self):
        self.assertGreaterEqual(len(BAD_CHANGES), 30)
        for args, status, needles in BAD:
            with self.subTest(args=args[len(EX3_ARGS):] or args):
                self.assertRefused(args, status, *needles)

    def test_message_is_the_library_message(self):
        err = self.assertRefused(EX3_ARGS + ["--change", "opportunity+10%"], 2)
        self.assertEqual(err, "funnelplan: --change 'opportunity+10%': a change is "
                              "LEVER=CHANGE, e.g. opportunity=+10%\n")

    def test_rate_pushed_over_100_percent_exits_1(self):
        for args, needle in NO_ANSWER:
            with self.subTest(args=args[len(EX3_ARGS):]):
                err = self.assertRefused(args, 1, needle, "0% to 100%")
                self.assertEqual(err.count("--change"), 1, err)
        err = self.assertRefused(EX3_ARGS + ["--change", "opportunity=+10%", "--change",
                                             "opportunity=+2000%", "--format", "json"], 1)
        self.assertEqual(err, "funnelplan: --change 'opportunity=+2000%': the change pushes a "
                              "rate outside 0% to 100%, or an amount to 0 or below\n")

    def test_the_first_bad_change_is_named(self):
        err = self.assertRefused(EX3_ARGS + ["--change", "opportunity=+1pp", "--change", "x=+1%",
                                             "--change", "y=+1%"], 2)
        self.assertIn("--change 'x=+1%'", err)


# --------------------------------------------------------------------------

class TestSensitivity(WhatIfTestCase):
    def sens_args(self, case, fmt="json", extra=()):
        return ["sensitivity"] + case.args(fmt)[1:] + list(extra)

    def test_default_ranking_worked_check(self):
        # +1pp: lead 4000·1000·(0.11−0.10)·0.5·0.25 = 5000, opportunity 2000,
        # sql 1000; the deal size +10%: 5000. lead ranks before deal-size.
        d = self.json_of(self.sens_args(SENS))
        self.assertNear(d, ref_sensitivity(SENS), REL_DELTA)
        self.assertEqual([r["lever"] for r in d["rows"]],
                         ["lead", "deal-size", "opportunity", "sql"])
        for r, want in zip(d["rows"], (5000, 5000, 2000, 1000)):
            self.assertTrue(close(r["revenue_delta"], want), r)
        self.assertEqual([r["share"] for r in d["rows"]][:1], [1])
        self.assertTrue(close(d["rows"][1]["share"], 1))
        self.assertTrue(close(d["rows"][2]["share"], 0.4))
        self.assertTrue(close(d["rows"][3]["share"], 0.2))
        self.assertEqual(d["step"], {"kind": "points", "value": 0.01})
        self.assertEqual(d["deal_size_step"], 0.1)
        self.assertEqual((d["command"], d["per"], d["mode"]), ("sensitivity", "month", "volume"))
        self.assertEqual((d["rows"][1]["from"], d["rows"][1]["to"]), (4000, 4400))

    def test_relative_steps_are_equal_across_stages(self):
        for step, value in (("+10%", Fr(1, 10)), ("+3.5%", Fr(35, 1000)), ("+50%", Fr(1, 2))):
            with self.subTest(step=step):
                d = self.json_of(self.sens_args(SENS, extra=["--step", step,
                                                             "--deal-size-step", step]))
                self.assertNear(d, ref_sensitivity(SENS, ("relative", value), value),
                                REL_DELTA)
                effects = [r["revenue_delta"] for r in d["rows"]]
                for e in effects:
                    self.assertTrue(close(e, effects[0]), effects)
                # equal effects keep the funnel's order, the deal size last
                self.assertEqual([r["lever"] for r in d["rows"]],
                                 ["lead", "sql", "opportunity", "deal-size"])
                self.assertEqual(d["step"]["kind"], "relative")

    def test_the_weakest_stage_gains_most_from_a_point(self):
        case = base.Case("weak", "forecast",
                         [S("a", "80%", Fr(4, 5)), S("b", "5%", Fr(1, 20)),
                          S("c", "40%", Fr(2, 5))], volume=("10k", Fr(10000)),
                         deal_size=("1", Fr(1)), per="year")
        d = self.json_of(self.sens_args(case, extra=["--step", "+2pp",
                                                     "--deal-size-step", "+1%"]))
        self.assertNear(d, ref_sensitivity(case, ("points", Fr(2, 100)), Fr(1, 100)), REL_DELTA)
        self.assertEqual([r["lever"] for r in d["rows"]], ["b", "c", "a", "deal-size"])

    def test_target_held_ranks_the_volume_saved(self):
        case = base.Case("guide", "plan", THREE, revenue=("100000", Fr(100000)),
                         deal_size=FOUR_K)
        d = self.json_of(self.sens_args(case))
        self.assertNear(d, ref_sensitivity(case), REL_DELTA)
        self.assertEqual(d["mode"], "target")
        self.assertEqual([r["lever"] for r in d["rows"]],
                         ["lead", "deal-size", "opportunity", "sql"])
        self.assertIn("volume_delta", d["rows"][0])
        self.assertNotIn("revenue_delta", d["rows"][0])
        self.assertTrue(close(d["rows"][0]["volume_delta"], 2000 * 0.01 / 0.11))
        # a deal target: the deal size changes nothing and has no row
        case = base.Case("deals", "plan", THREE, deals=("25", Fr(25)), deal_size=FOUR_K,
                         per="quarter")
        d = self.json_of(self.sens_args(case))
        self.assertNear(d, ref_sensitivity(case), REL_DELTA)
        self.assertEqual(len(d["rows"]), 3)

    def test_a_rate_is_capped_at_100_percent(self):
        case = base.Case("cap", "forecast", [S("a", "99.5%", Fr(995, 1000)),
                                             S("b", "50%", Fr(1, 2))],
                         volume=("100", Fr(100)), deal_size=("10", Fr(10)), at="a")
        d = self.json_of(self.sens_args(case))
        self.assertNear(d, ref_sensitivity(case), REL_DELTA)
        row = next(r for r in d["rows"] if r["lever"] == "a")
        self.assertEqual(row["to"], 1)

    def test_stage_above_the_volume_gains_nothing(self):
        case = copy.copy(SENS)
        case.at = "sql"
        d = self.json_of(self.sens_args(case))
        self.assertNear(d, ref_sensitivity(case), REL_DELTA)
        self.assertEqual(d["rows"][-1]["lever"], "lead")
        self.assertEqual(d["rows"][-1]["revenue_delta"], 0)

    def test_csv(self):
        for case, extra in ((SENS, []), (SENS, ["--step", "+10%"]),
                            (base.Case("t", "plan", THREE, revenue=("1M", Fr(10 ** 6)),
                                       deal_size=FOUR_K), [])):
            with self.subTest(case=case.name, extra=extra):
                rows = self.csv_rows(self.sens_args(case, "csv", extra))
                d = self.json_of(self.sens_args(case, "json", extra))
                key = "revenue_delta" if d["mode"] == "volume" else "volume_delta"
                self.assertEqual(rows[0], ["lever", "from", "to", key, "share"])
                self.assertEqual(len(rows), 1 + len(d["rows"]))
                for r, want in zip(rows[1:], d["rows"]):
                    self.assertEqual(r[0], want["lever"])
                    self.assertEqual([float(x) for x in r[1:]],
                                     [want["from"], want["to"], want[key], want["share"]])

    def test_table(self):
        out = self.ok(self.sens_args(SENS, "table"))
        self.assertTrue(out.startswith("Sensitivity per month, volume held: 1,000 enter lead"),
                        out)
        self.assertIn("every stage +1pp, the deal size +10%", out)
        lines = out.split("\n")
        start = next(i for i, l in enumerate(lines) if l.lstrip().startswith("#"))
        rows = [l.split() for l in lines[start + 1:start + 5]]
        self.assertEqual([r[:6] for r in rows],
                         [["1", "lead", "10%", "11%", "5,000", "100%"],
                          ["2", "deal-size", "4,000", "4,400", "5,000", "100%"],
                          ["3", "opportunity", "25%", "26%", "2,000", "40%"],
                          ["4", "sql", "50%", "51%", "1,000", "20%"]])
        bars = [len(r[6]) if len(r) > 6 else 0 for r in rows]
        self.assertEqual(bars[0], 24)  # the best lever fills the bar
        self.assertEqual(bars[0], bars[1])
        self.assertGreater(bars[2], bars[3])
        out = self.ok(["sensitivity", "--stage", "lead=10%", "--stage", "sql=50%",
                       "--deals", "5"])
        self.assertIn("target held: 5 deals", out)
        self.assertIn("lead saved", out)


BAD_SENS = [
    (["--step", "5%"], ["--step '5%'", "step must be a positive change such as +1pp or +10%"]),
    (["--step", "+0pp"], ["--step '+0pp'"]),
    (["--step", "-1pp"], ["--step '-1pp'"]),
    (["--step", "+0%"], ["--step '+0%'"]),
    (["--step", "-10%"], ["--step '-10%'"]),
    (["--step", "1pp"], ["--step '1pp'"]),
    (["--step", "+1"], ["--step '+1'", "step must be a positive change"]),
    (["--step", "+x"], ["--step '+x'"]),
    (["--step", ""], ["--step ''", "empty"]),
    (["--step", "+nan%"], ["--step '+nan%'"]),
    (["--step", "+1e999pp"], ["--step '+1e999pp'", "too large"]),
    (["--deal-size-step", "5000"], ["--deal-size-step '5000'", "step must be a positive"]),
    (["--deal-size-step", "10%"], ["--deal-size-step '10%'"]),
    (["--deal-size-step", "+3pp"], ["--deal-size-step '+3pp'", "percentage points"]),
    (["--deal-size-step", "-10%"], ["--deal-size-step '-10%'"]),
    (["--deal-size-step", "+0%"], ["--deal-size-step '+0%'"]),
    (["--step", "-1pp", "--deal-size-step", "-1%"], ["--step '-1pp'"]),
    (["--step", "+1pp", "--deal-size-step", "-1%"], ["--deal-size-step '-1%'"]),
    (["--step", "+1pp", "--step", "+2pp"], ["--step '+2pp'", "more than once"]),
    (["--change", "lead=+1pp"], ["unknown option", "'--change'"]),
    (["--horizon", "3"], ["unknown option", "'--horizon'"]),
]


class TestSensitivityErrors(WhatIfTestCase):
    def test_bad_argument_table(self):
        args = SENS.args("json")
        args[0] = "sensitivity"
        for extra, needles in BAD_SENS:
            with self.subTest(extra=extra):
                self.assertRefused(args + extra, 2, *needles)

    def test_what_is_held(self):
        self.assertRefused(["sensitivity", "--stage", "a=10%"], 2, "sensitivity", "--volume",
                           "target")
        self.assertRefused(["sensitivity", "--stage", "a=10%", "--volume", "5"], 2,
                           "sensitivity", "a deal size is needed")
        self.assertRefused(["sensitivity", "--stage", "a=10%", "--deals", "5", "--at", "a"], 2,
                           "--at 'a'", "--volume")
        self.assertRefused(["sensitivity", "--volume", "5", "--deal-size", "5"], 2,
                           "sensitivity", "--stage")


# --------------------------------------------------------------------------

SOLVE_EX3 = base.Case("example 3, 125,000 a month", "forecast", OPP33, volume=("75", Fr(75)),
                      deal_size=FOUR_K, at="opportunity", revenue=("125000", Fr(125000)))
SOLVE_25 = base.Case("example 3, 25 deals", "forecast", OPP33, volume=("75", Fr(75)),
                     deal_size=FOUR_K, deals=("25", Fr(25)))
SOLVE_LONG = base.Case("three stages", "forecast", THREE, volume=("2000", Fr(2000)),
                       deal_size=FOUR_K, revenue=("150k", Fr(150000)), per="quarter")
SOLVE_BELOW = base.Case("below the top", "forecast", THREE, volume=("400", Fr(400)),
                        at="sql", deals=("100", Fr(100)), per="year")


def solve_args(case, lever, fmt="json"):
    return ["solve"] + case.args(fmt)[1:] + ["--for", lever]


class TestSolve(WhatIfTestCase):
    def test_every_lever_matches_the_reference(self):
        for case, levers in ((SOLVE_EX3, ("opportunity", "deal-size", "volume")),
                             (SOLVE_25, ("opportunity", "deal-size", "volume")),
                             (SOLVE_LONG, ("lead", "sql", "opportunity", "deal-size",
                                           "volume")),
                             (SOLVE_BELOW, ("sql", "opportunity", "volume"))):
            for lever in levers:
                if lever == "deal-size" and case.revenue is None:
                    continue
                with self.subTest(case=case.name, lever=lever):
                    self.assertNear(self.json_of(solve_args(case, lever)),
                                    ref_solve(case, lever), REL_DELTA)

    def test_issue_acceptance_41_67_percent(self):
        d = self.json_of(solve_args(SOLVE_EX3, "opportunity"))
        self.assertTrue(close(d["value"], 125000 / 4000 / 75), d)
        self.assertEqual(round(d["value"] * 100, 2), 41.67)
        self.assertEqual(d["current"], 0.33)
        self.assertEqual(list(d), ["command", "per", "lever", "current", "value", "change"])
        out = self.ok(solve_args(SOLVE_EX3, "opportunity", "table"))
        self.assertIn("41.6667%", out)

    def test_table_sentence(self):
        out = self.ok(solve_args(SOLVE_25, "opportunity", "table"))
        self.assertEqual(out.split("\n")[0], "opportunity must convert 33.3333% (now 33%, "
                                             "+1.01%) for 75 a month to reach 25 deals.")
        self.assertRegex(out, r"\nopportunity +33% +33\.3333% +\+1\.01%\n")
        out = self.ok(solve_args(SOLVE_EX3, "deal-size", "table"))
        self.assertEqual(out.split("\n")[0], "The deal size must be 5,050.51 (now 4,000, "
                                             "+26.26%) for 75 a month to reach revenue 125,000.")
        out = self.ok(solve_args(SOLVE_EX3, "volume", "table"))
        self.assertEqual(out.split("\n")[0], "The volume entering opportunity must be 94.7 a "
                                             "month (now 75, +26.26%) to reach revenue 125,000.")
        out = self.ok(solve_args(SOLVE_BELOW, "opportunity", "table"))
        self.assertTrue(out.startswith("opportunity must convert 50% (now 25%, +100%) for 400 "
                                       "a year entering sql to reach 100 deals."), out)

    def test_csv(self):
        rows = self.csv_rows(solve_args(SOLVE_LONG, "sql", "csv"))
        d = self.json_of(solve_args(SOLVE_LONG, "sql"))
        self.assertEqual(rows[0], ["lever", "current", "value", "change"])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], "sql")
        self.assertEqual([float(x) for x in rows[1][1:]], [d["current"], d["value"], d["change"]])

    def test_unreachable_exits_1(self):
        for args, needle in (
                (["solve", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
                  "--revenue", "400000", "--for", "opportunity"], "--for 'opportunity'"),
                (["solve", "--stage", "a=50%", "--stage", "b=10%", "--volume", "100",
                  "--deals", "60", "--for", "b"], "--for 'b'"),
                (["solve", "--stage", "a=50%", "--stage", "b=10%", "--volume", "100",
                  "--deals", "10.0001", "--for", "a"], "--for 'a'")):
            with self.subTest(args=args):
                self.assertRefused(args, 1, needle, "exceed 100%")


SOLVE_ARGS = ["solve", "--stage", "lead=10%", "--stage", "opportunity=33%", "--deal-size",
              "4000", "--volume", "750"]
BAD_SOLVE = [
    (SOLVE_ARGS + ["--revenue", "1", "--for", "nope"], ["--for 'nope'", "no stage"]),
    (SOLVE_ARGS + ["--revenue", "1", "--for", ""], ["--for ''", "empty"]),
    (SOLVE_ARGS + ["--revenue", "1", "--for", "Lead"], ["--for 'Lead'"]),
    (SOLVE_ARGS + ["--revenue", "1", "--for", "cost-per-lead"],
     ["--for 'cost-per-lead'", "cannot move"]),
    (SOLVE_ARGS + ["--deals", "1", "--for", "deal-size"], ["--for 'deal-size'", "cannot move"]),
    (SOLVE_ARGS + ["--deals", "1", "--at", "opportunity", "--for", "lead"],
     ["--for 'lead'", "cannot move"]),
    (SOLVE_ARGS + ["--deals", "1", "--for", "lead", "--for", "volume"],
     ["--for 'volume'", "more than once"]),
    (SOLVE_ARGS + ["--deals", "1"], ["solve", "--for LEVER"]),
    (SOLVE_ARGS + ["--for", "lead"], ["solve", "target"]),
    (SOLVE_ARGS[:-2] + ["--deals", "1", "--for", "lead"], ["solve", "--volume"]),
    (SOLVE_ARGS + ["--deals", "1", "--for", "lead", "--at", "x"], ["--at 'x'"]),
    (SOLVE_ARGS + ["--deals", "0", "--for", "lead"], ["--deals '0'"]),
    (SOLVE_ARGS + ["--deals", "1", "--for", "lead", "--change", "lead=+1%"],
     ["unknown option", "'--change'"]),
    (SOLVE_ARGS + ["--deals", "1", "--for"], ["--for", "value is needed"]),
]


class TestSolveErrors(WhatIfTestCase):
    def test_bad_argument_table(self):
        for args, needles in BAD_SOLVE:
            with self.subTest(args=args[len(SOLVE_ARGS):]):
                self.assertRefused(args, 2, *needles)


# --------------------------------------------------------------------------

class TestHelpAndOutput(WhatIfTestCase):
    COMMANDS = ("plan", "forecast", "whatif", "sensitivity", "solve", "odds", "channels",
                "schedule", "pace", "score", "learn")
    FUNNEL_COMMANDS = COMMANDS[:-2]  # every one but score and learn takes --stage

    def test_global_help_lists_all_five_commands(self):
        out = self.ok(["--help"])
        section = out.split("Commands:\n")[1].split("\n\n")[0]
        listed = re.findall(r"^  (\w+) {2,}\S", section, re.M)
        self.assertEqual(tuple(listed), self.COMMANDS)
        for cmd in self.FUNNEL_COMMANDS:
            self.assertIn("funnelplan %s --stage" % cmd, out)
        self.assertIn("funnelplan score --leads FILE", out)

    def test_unknown_command_lists_them(self):
        err = self.assertRefused(["frobnicate"], 2)
        self.assertIn("plan, forecast, whatif, sensitivity, solve, odds, channels, schedule, pace, "
                      "score and learn", err)
        err = self.assertRefused([], 2)
        self.assertIn("plan, forecast, whatif, sensitivity, solve, odds, channels, schedule, pace, "
                      "score or learn", err)

    def test_command_help_comes_from_the_option_table(self):
        common = ["--stage", "--deal-size", "--revenue", "--deals", "--per", "--cost-per-lead",
                  "--margin", "--format", "--help", "--volume", "--at"]
        only = {"whatif": ["--change", "--horizon", "--invest", "--mix", "--scenario-mix"],
                "sensitivity": ["--step", "--deal-size-step", "--mix"],
                "solve": ["--for", "--mix"]}
        for cmd, mine in only.items():
            for args in ([cmd, "--help"], ["--help", cmd], [cmd, "--change", "x", "--help"]):
                with self.subTest(args=args):
                    out = self.ok(args)
                    self.assertTrue(out.startswith("Usage: funnelplan " + cmd), out)
                    options = re.findall(r"^  (--[a-z-]+)", out, re.M)
                    self.assertEqual(sorted(options), sorted(common + mine))
                    self.assertIn("CSV:", out)
                    self.assertIn("Exit status", out)
        self.assertNotIn("--change", self.ok(["forecast", "--help"]))
        self.assertIn("held", self.ok(["whatif", "--help"]))

    def test_output_that_cannot_be_written_exits_3(self):
        if not os.path.exists("/dev/full"):
            if sys.platform.startswith("linux"):
                self.fail("/dev/full is missing")
            self.skipTest("no /dev/full on this system")
        runs = [whatif_args(EX3, EX3_CHANGE, fmt) for fmt in ("table", "json", "csv")]
        runs += [["sensitivity"] + SENS.args(fmt)[1:] for fmt in ("table", "json", "csv")]
        runs += [solve_args(SOLVE_EX3, "volume", fmt) for fmt in ("table", "json", "csv")]
        runs += [["whatif", "--help"]]
        for args in runs:
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                r = run(args, stdout=full)
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, 3, err)
                self.assertTrue(err.startswith("funnelplan: cannot write output: "), err)
                self.assertEqual(err.count("\n"), 1, err)

    def test_table_is_the_default_format(self):
        for args in (whatif_args(EX3, EX3_CHANGE, "table"),
                     ["sensitivity"] + SENS.args("table")[1:],
                     solve_args(SOLVE_EX3, "opportunity", "table")):
            with self.subTest(command=args[0]):
                i = args.index("--format")
                self.assertEqual(self.ok(args[:i] + args[i + 2:]), self.ok(args))

    def test_names_are_escaped_in_json_and_quoted_in_csv(self):
        names = ['say "hi"', "comma, inside", "リード"]
        args = ["whatif"]
        for n in names:
            args += ["--stage", n + "=50%"]
        args += ["--deals", "2", "--change", names[0] + "=+10%", "--change", names[2] + "=+1pp"]
        d = self.json_of(args + ["--format", "json"])
        self.assertEqual([c["lever"] for c in d["changes"]], [names[0], names[2]])
        self.assertEqual([s["name"] for s in d["scenario"]["stages"]], names)
        rows = self.csv_rows(args + ["--format", "csv"])
        self.assertEqual([r[1] for r in rows[1:] if r[0] == "rate"], names)
        self.assertEqual([r[1] for r in rows[1:] if r[0] == "required"], names)
        rows = self.csv_rows(["sensitivity"] + args[1:-4] + ["--format", "csv"])
        self.assertEqual(sorted(r[0] for r in rows[1:]), sorted(names))


if __name__ == "__main__":
    unittest.main()

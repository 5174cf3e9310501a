"""Tests of the funnelplan command line.

The binary under test is $FUNNELPLAN_CLI (meson sets it; when it is set but
names no executable, every test fails instead of being skipped). When
$FUNNELPLAN_CLI_WRAPPER is set (`meson test --setup valgrindcli` sets it to a
valgrind command line, split here as a shell would), every run of the binary
is prefixed with it, so a memory error shows up as a wrong exit status or
extra stderr. Every run is in the C locale unless a test says otherwise.
Good argument lists are checked against references computed with
fractions.Fraction from the worked examples of EXAMPLES.md; bad argument
lists must exit 2 with one line on stderr that names
the option and the value, and print nothing on stdout.
"""

import csv
import io
import json
import math
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import unittest
from fractions import Fraction as Fr

CLI = os.environ.get("FUNNELPLAN_CLI", "")
WRAPPER = shlex.split(os.environ.get("FUNNELPLAN_CLI_WRAPPER", ""))
HERE = os.path.dirname(os.path.abspath(__file__))
VERSION_FILE = os.path.join(HERE, "..", "..", "VERSION")

MONTHS = {"month": 1, "quarter": 3, "year": 12}
PERIODS = ("month", "quarter", "year")
REL = 1e-12


def base_env(**extra):
    """The environment with every locale variable removed and LC_ALL=C."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k.startswith("LANG") or k == "LOCPATH")}
    env["LC_ALL"] = "C"
    env.update(extra)
    return env


# Under a wrapper (valgrind), every Nth launch runs wrapped, the others
# natively: all the checks still run on every launch, and the wrapper sees
# a sample spread over every test (the first launch of each file included).
WRAPPER_EVERY = max(1, int(os.environ.get("FUNNELPLAN_CLI_WRAPPER_EVERY", "1") or "1"))
_launches = [0]


def run(args, env=None, stdout=subprocess.PIPE, **kwargs):
    """Runs the CLI (under $FUNNELPLAN_CLI_WRAPPER when set, on every
    $FUNNELPLAN_CLI_WRAPPER_EVERY-th launch)."""
    wrapped = bool(WRAPPER) and _launches[0] % WRAPPER_EVERY == 0
    _launches[0] += 1
    return subprocess.run((WRAPPER if wrapped else []) + [CLI] + list(args), stdout=stdout,
                          stderr=subprocess.PIPE, env=env if env is not None else base_env(),
                          timeout=600 if wrapped else 60, **kwargs)


# --------------------------------------------------------------------------
# Reference model (exact, with fractions)


class Whole(int):
    """Marks a value that must be a JSON integer, exactly."""


def prod(values):
    out = Fr(1)
    for v in values:
        out *= v
    return out


def ceil(x):
    return Whole(math.ceil(Fr(x)))


class Case:
    """A question: its CLI spelling and the exact values it means."""

    def __init__(self, name, command, stages, per="month", revenue=None, deals=None,
                 deal_size=None, cost=None, margin=None, volume=None, at=None):
        self.name = name
        self.command = command
        self.stages = stages          # [(name, text, Fraction)]
        self.per = per
        self.revenue = revenue        # (text, Fraction) or None
        self.deals = deals
        self.deal_size = deal_size
        self.cost = cost
        self.margin = margin
        self.volume = volume
        self.at = at                  # stage name or None

    def args(self, fmt):
        a = [self.command]
        for name, text, _ in self.stages:
            a += ["--stage", "%s=%s" % (name, text)]
        for opt, val in (("--revenue", self.revenue), ("--deals", self.deals),
                         ("--deal-size", self.deal_size), ("--cost-per-lead", self.cost),
                         ("--margin", self.margin), ("--volume", self.volume)):
            if val is not None:
                a += [opt, val[0]]
        if self.at is not None:
            a += ["--at", self.at]
        a += ["--per", self.per, "--format", fmt]
        return a

    @staticmethod
    def v(pair):
        return None if pair is None else pair[1]

    def reference(self):
        return ref_plan(self) if self.command == "plan" else ref_forecast(self)


def scale(x, per, to):
    return None if x is None else x * MONTHS[to] / MONTHS[per]


def ref_plan(c):
    names = [s[0] for s in c.stages]
    rates = [s[2] for s in c.stages]
    n = len(rates)
    revenue, deal_size = Case.v(c.revenue), Case.v(c.deal_size)
    deals = revenue / deal_size if revenue is not None else Case.v(c.deals)
    cost = Case.v(c.cost)
    margin = Case.v(c.margin) if c.margin is not None else Fr(1)
    cum = [prod(rates[i:]) for i in range(n)]
    req = [deals / cum[i] for i in range(n)]
    whole = [None] * n
    w = ceil(deals)
    deals_whole = w
    for k in reversed(range(n)):
        w = ceil(Fr(w) / rates[k])
        whole[k] = w
    budget = req[0] * cost if cost is not None else None
    stages = []
    for k in range(n):
        s = {"name": names[k], "rate": rates[k], "cumulative_rate": cum[k],
             "required": req[k], "required_whole": whole[k]}
        if cost is not None:
            s["cost_per"] = budget / req[k]
        stages.append(s)
    by_period = {}
    for q in PERIODS:
        p = {"revenue": scale(revenue, c.per, q), "deals": scale(deals, c.per, q),
             "stages": [{"name": names[k], "required": scale(req[k], c.per, q)}
                        for k in range(n)]}
        if cost is not None:
            p["budget"] = scale(budget, c.per, q)
        by_period[q] = p
    out = {"command": "plan", "per": c.per, "revenue": revenue, "deal_size": deal_size,
           "deals": deals, "deals_whole": deals_whole, "margin": margin,
           "gross_profit": None if revenue is None else revenue * margin,
           "stages": stages, "by_period": by_period}
    if cost is not None:
        out.update({"cost_per_lead": cost, "budget": budget, "cost_per_deal": budget / deals})
    return out


def ref_forecast(c):
    names = [s[0] for s in c.stages]
    rates = [s[2] for s in c.stages]
    at = names.index(c.at) if c.at is not None else 0
    volume = Case.v(c.volume)
    deal_size = Case.v(c.deal_size)
    cost = Case.v(c.cost)
    margin = Case.v(c.margin) if c.margin is not None else Fr(1)
    expected = {}
    units = volume
    for k in range(at, len(rates)):
        expected[k] = units
        units = units * rates[k]
    deals = units
    revenue = deals * deal_size if deal_size is not None else None
    budget = volume * cost if cost is not None else None
    by_period = {}
    for q in PERIODS:
        p = {"revenue": scale(revenue, c.per, q), "deals": scale(deals, c.per, q),
             "stages": [{"name": names[k], "expected": scale(expected[k], c.per, q)}
                        for k in range(at, len(rates))]}
        if cost is not None:
            p["budget"] = scale(budget, c.per, q)
        by_period[q] = p
    out = {"command": "forecast", "per": c.per, "at": names[at], "volume": volume,
           "stages": [{"name": names[k], "rate": rates[k], "expected": expected[k]}
                      for k in range(at, len(rates))],
           "deals": deals, "revenue": revenue, "deal_size": deal_size, "margin": margin,
           "gross_profit": None if revenue is None else revenue * margin,
           "by_period": by_period}
    if cost is not None:
        out.update({"cost_per_lead": cost, "budget": budget, "cost_per_deal": budget / deals})
    if c.revenue is not None or c.deals is not None:
        if c.revenue is not None:
            target_revenue = Case.v(c.revenue)
            target_deals = target_revenue / deal_size
        else:
            target_deals = Case.v(c.deals)
            target_revenue = target_deals * deal_size if deal_size is not None else None
        out.update({
            "target_revenue": target_revenue,
            "target_deals": target_deals,
            "gap_revenue": (target_revenue - revenue
                            if target_revenue is not None and revenue is not None else None),
            "gap_deals": target_deals - deals,
            "attainment": deals / target_deals,
        })
    return out


def S(name, text, value):
    return (name, text, value)


# Worked examples of EXAMPLES.md (and a few with costs and targets).
EX1 = Case("example 1: annual plan, two stages", "plan",
           [S("lead", "1%", Fr(1, 100)), S("accepted", "10%", Fr(1, 10))], per="year",
           revenue=("1000000", Fr(1000000)), deal_size=("50000", Fr(50000)))
EX2 = Case("example 2: a third of opportunities close", "plan",
           [S("opportunity", "1/3", Fr(1, 3))], per="month",
           revenue=("100000", Fr(100000)), deal_size=("4000", Fr(4000)))
EX3 = Case("example 3 baseline: forecast of 75 opportunities at 33%", "forecast",
           [S("opportunity", "33%", Fr(33, 100))], volume=("75", Fr(75)),
           deal_size=("4000", Fr(4000)), at="opportunity")
EX4 = Case("example 4: 12 customers at 12%", "plan", [S("lead", "12%", Fr(12, 100))],
           deals=("12", Fr(12)))
EX4B = Case("example 4: 12 customers at 20%", "plan", [S("lead", "20%", Fr(20, 100))],
            deals=("12", Fr(12)))
EX5 = Case("example 5: sales accepts 27%", "plan",
           [S("mql", "27%", Fr(27, 100)), S("accepted", "25%", Fr(25, 100))],
           deals=("10", Fr(10)))
COST = Case("plan with a cost per lead and a margin", "plan",
            [S("lead", "5%", Fr(5, 100)), S("sql", "40%", Fr(40, 100)),
             S("opportunity", "25%", Fr(25, 100))], per="quarter",
            revenue=("1.5M", Fr(1500000)), deal_size=("12,500", Fr(12500)),
            cost=("35", Fr(35)), margin=("70%", Fr(70, 100)))
FORECAST_TARGET = Case("forecast from the top with cost and a revenue target", "forecast",
                       [S("lead", "10%", Fr(1, 10)), S("opportunity", "33%", Fr(33, 100))],
                       volume=("750", Fr(750)), deal_size=("4k", Fr(4000)),
                       revenue=("100000", Fr(100000)), cost=("20", Fr(20)),
                       margin=("0.7", Fr(7, 10)))
FORECAST_DEALS = Case("forecast below the top with a deal target, no deal size", "forecast",
                      [S("lead", "10%", Fr(1, 10)), S("opportunity", "1/3", Fr(1, 3)),
                       S("proposal", "12.5%", Fr(1, 8))],
                      volume=("90", Fr(90)), deals=("5", Fr(5)), at="opportunity",
                      per="year")

GOOD_CASES = [EX1, EX2, EX3, EX4, EX4B, EX5, COST, FORECAST_TARGET, FORECAST_DEALS]


# --------------------------------------------------------------------------

def significant_digits(text):
    mantissa = re.split("[eE]", text.lstrip("-"))[0].replace(".", "")
    return len(mantissa.lstrip("0").rstrip("0")) or 1


class CliTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CLI:
            raise unittest.SkipTest("FUNNELPLAN_CLI is not set to the funnelplan binary")
        # Set but wrong (not built, a typo): a failure, never a silent skip.
        if not os.path.isfile(CLI) or not os.access(CLI, os.X_OK):
            raise AssertionError("FUNNELPLAN_CLI=%r is not an executable file "
                                 "(build it: ninja -C build)" % CLI)

    def ok(self, args, env=None):
        r = run(args, env=env)
        self.assertEqual(r.returncode, 0, "args %r: stderr %r" % (args, r.stderr))
        self.assertEqual(r.stderr, b"", args)
        return r.stdout.decode("utf-8")

    def json_of(self, args):
        text = self.ok(args)
        numbers = []

        def keep(t):
            numbers.append(t)
            return float(t)
        obj = json.loads(text, parse_float=keep)
        # Shortest round trip: no more significant digits than Python's repr.
        for t in numbers:
            self.assertEqual(significant_digits(t), significant_digits(repr(float(t))),
                             "%s is not the shortest round-trip form" % t)
        return obj

    def assertMatches(self, got, want, path="$"):
        if isinstance(want, dict):
            self.assertIsInstance(got, dict, path)
            self.assertEqual(list(got), list(want), "keys of " + path)
            for k in want:
                self.assertMatches(got[k], want[k], path + "." + k)
        elif isinstance(want, list):
            self.assertIsInstance(got, list, path)
            self.assertEqual(len(got), len(want), "length of " + path)
            for i, (g, w) in enumerate(zip(got, want)):
                self.assertMatches(g, w, "%s[%d]" % (path, i))
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
                self.assertLessEqual(err, REL, "%s: got %r, want %s" % (path, got, float(want)))

    def assertRefused(self, args, status, *needles):
        r = run(args)
        err = r.stderr.decode("utf-8", "replace")
        self.assertEqual(r.returncode, status, "args %r: stderr %r" % (args, err))
        self.assertEqual(r.stdout, b"", "args %r printed on stdout" % (args,))
        self.assertTrue(err.endswith("\n"), repr(err))
        self.assertEqual(err.count("\n"), 1, "not one line: %r" % err)
        self.assertTrue(err.startswith("funnelplan: "), repr(err))
        for n in needles:
            self.assertIn(n, err, "args %r" % (args,))
        return err


# --------------------------------------------------------------------------

class TestWorkedExamplesJson(CliTestCase):
    def test_every_good_case_matches_the_fraction_reference(self):
        for c in GOOD_CASES:
            with self.subTest(c.name):
                self.assertMatches(self.json_of(c.args("json")), c.reference())

    def test_example1_figures(self):
        d = self.json_of(EX1.args("json"))
        self.assertEqual(d["deals"], 20)
        self.assertEqual([s["required_whole"] for s in d["stages"]], [20000, 200])
        month = d["by_period"]["month"]
        self.assertEqual(round(month["stages"][0]["required"], 2), 1666.67)
        self.assertEqual(round(month["stages"][1]["required"], 2), 16.67)
        self.assertEqual(round(month["deals"], 2), 1.67)
        self.assertEqual(month["stages"][0]["required"], 20000 / 12)

    def test_example2_thirds_need_exactly_75(self):
        d = self.json_of(EX2.args("json"))
        self.assertEqual(d["deals_whole"], 25)
        self.assertEqual(d["stages"][0]["required_whole"], 75)
        self.assertEqual(d["by_period"]["year"]["stages"][0]["required"], 900)
        self.assertEqual(d["by_period"]["year"]["deals"], 300)

    def test_example4_12_vs_20_percent(self):
        self.assertEqual(self.json_of(EX4.args("json"))["stages"][0]["required_whole"], 100)
        self.assertEqual(self.json_of(EX4B.args("json"))["stages"][0]["required_whole"], 60)

    def test_example5_whole_units_cascade(self):
        d = self.json_of(EX5.args("json"))
        self.assertEqual([s["required_whole"] for s in d["stages"]], [149, 40])
        self.assertEqual(round(d["stages"][0]["required"], 2), 148.15)
        self.assertIsNone(d["revenue"])
        self.assertIsNone(d["deal_size"])
        self.assertIsNone(d["gross_profit"])

    def test_145_deals_at_29_percent_need_500(self):
        d = self.json_of(["plan", "--stage", "opportunity=29%", "--deals", "145",
                          "--format", "json"])
        self.assertEqual(d["stages"][0]["required_whole"], 500)

    def test_example3_baseline_forecast(self):
        d = self.json_of(EX3.args("json"))
        self.assertEqual(d["deals"], 24.75)
        self.assertEqual(d["by_period"]["year"]["revenue"], 1188000)
        self.assertEqual(d["by_period"]["year"]["stages"][0]["expected"], 900)
        self.assertEqual(d["by_period"]["year"]["deals"], 297)
        self.assertNotIn("attainment", d)
        self.assertNotIn("budget", d)

    def test_forecast_target_gap_and_attainment(self):
        d = self.json_of(FORECAST_TARGET.args("json"))
        self.assertEqual(d["target_deals"], 25)
        self.assertEqual(d["gap_deals"], 0.25)
        self.assertEqual(d["gap_revenue"], 1000)
        self.assertEqual(d["attainment"], 0.99)
        self.assertEqual(d["budget"], 15000)
        d = self.json_of(FORECAST_DEALS.args("json"))
        self.assertIsNone(d["target_revenue"])
        self.assertIsNone(d["gap_revenue"])
        self.assertEqual([s["name"] for s in d["stages"]], ["opportunity", "proposal"])

    def test_cost_keys_only_with_a_cost(self):
        d = self.json_of(COST.args("json"))
        self.assertIn("cost_per", d["stages"][0])
        self.assertIn("budget", d["by_period"]["month"])
        self.assertEqual(list(d)[-3:], ["cost_per_lead", "budget", "cost_per_deal"])
        d = self.json_of(EX1.args("json"))
        self.assertNotIn("cost_per", d["stages"][0])
        self.assertNotIn("budget", d["by_period"]["month"])
        self.assertNotIn("budget", d)

    def test_whole_count_of_exactly_2_pow_53_is_exact(self):
        d = self.json_of(["plan", "--stage", "a=100%", "--deals", "9007199254740992",
                          "--format", "json"])
        self.assertEqual(d["deals_whole"], 2 ** 53)
        self.assertEqual(d["stages"][0]["required_whole"], 2 ** 53)

    def test_stage_names_are_json_escaped(self):
        names = ['say "hi"', "back\\slash", "Zielgruppe-Ü", "リード", "a=b"]
        args = ["plan"]
        for n in names:
            args += ["--stage", n + "=50%"]
        d = self.json_of(args + ["--deals", "1", "--format", "json"])
        self.assertEqual([s["name"] for s in d["stages"]], names)

    def test_equals_form_of_options(self):
        a = self.ok(["plan", "--stage=lead=1%", "--stage=accepted=10%", "--deal-size=50000",
                     "--revenue=1000000", "--per=year", "--format=json"])
        self.assertEqual(a, self.ok(EX1.args("json")))


class TestNumberSpellings(CliTestCase):
    def plan_json(self, revenue="1000000", rate="12%", deal_size="50000"):
        return self.ok(["plan", "--stage", "lead=" + rate, "--deal-size", deal_size,
                        "--revenue", revenue, "--format", "json"])

    def test_amount_spellings_agree(self):
        want = self.plan_json()
        for spelling in ["1000000", "1e6", "1E6", "1_000_000", "1,000,000", "1000k",
                         "1000K", "1M", "1m", "0.001B", "1.0e6", "1000000.000"]:
            with self.subTest(spelling):
                self.assertEqual(self.plan_json(revenue=spelling), want)

    def test_suffixes(self):
        for spelling, value in [("250k", 250000), ("1.5M", 1500000), ("2B", 2000000000),
                                ("1.1k", 1100), (".5M", 500000)]:
            with self.subTest(spelling):
                d = json.loads(self.plan_json(revenue=spelling))
                self.assertEqual(d["revenue"], value)

    def test_rate_spellings_agree(self):
        for group in [["12%", "0.12", "12/100", "0.120", "12.0%"],
                      ["12.5%", "0.125", "1/8", "125/1000"],
                      ["33%", "0.33", "33/100"]]:
            want = self.plan_json(rate=group[0])
            for spelling in group[1:]:
                with self.subTest(spelling):
                    self.assertEqual(self.plan_json(rate=spelling), want)

    def test_one_third(self):
        d = json.loads(self.plan_json(rate="1/3"))
        self.assertEqual(d["stages"][0]["rate"], 1 / 3)


class TestCsv(CliTestCase):
    def rows(self, case):
        text = self.ok(case.args("csv"))
        return list(csv.reader(io.StringIO(text)))

    def assertClose(self, text, want):
        want = Fr(want)
        self.assertLessEqual(abs((Fr(float(text)) - want) / want), REL, text)

    def test_plan_csv(self):
        for case in [EX1, EX2, EX5, COST]:
            with self.subTest(case.name):
                rows = self.rows(case)
                ref = case.reference()
                header = ["stage", "rate", "cumulative_rate", "required", "required_whole"]
                if case.cost is not None:
                    header.append("cost_per")
                header += ["required_per_month", "required_per_quarter", "required_per_year"]
                self.assertEqual(rows[0], header)
                self.assertEqual(len(rows), 1 + len(case.stages))
                for k, row in enumerate(rows[1:]):
                    rec = dict(zip(header, row))
                    st = ref["stages"][k]
                    self.assertEqual(rec["stage"], st["name"])
                    self.assertClose(rec["rate"], st["rate"])
                    self.assertClose(rec["cumulative_rate"], st["cumulative_rate"])
                    self.assertClose(rec["required"], st["required"])
                    self.assertEqual(rec["required_whole"], str(st["required_whole"]))
                    if case.cost is not None:
                        self.assertClose(rec["cost_per"], st["cost_per"])
                    for q in PERIODS:
                        self.assertClose(rec["required_per_" + q],
                                         ref["by_period"][q]["stages"][k]["required"])

    def test_forecast_csv(self):
        for case in [EX3, FORECAST_TARGET, FORECAST_DEALS]:
            with self.subTest(case.name):
                rows = self.rows(case)
                ref = case.reference()
                header = ["stage", "rate", "expected", "expected_per_month",
                          "expected_per_quarter", "expected_per_year"]
                self.assertEqual(rows[0], header)
                self.assertEqual(len(rows), 1 + len(ref["stages"]))
                for k, row in enumerate(rows[1:]):
                    rec = dict(zip(header, row))
                    self.assertEqual(rec["stage"], ref["stages"][k]["name"])
                    self.assertClose(rec["rate"], ref["stages"][k]["rate"])
                    self.assertClose(rec["expected"], ref["stages"][k]["expected"])
                    for q in PERIODS:
                        self.assertClose(rec["expected_per_" + q],
                                         ref["by_period"][q]["stages"][k]["expected"])

    def test_names_are_quoted(self):
        names = ['comma, inside', 'quote " inside', "plain"]
        args = ["plan"]
        for n in names:
            args += ["--stage", n + "=50%"]
        text = self.ok(args + ["--deals", "2", "--format", "csv"])
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual([r[0] for r in rows[1:]], names)


class TestTable(CliTestCase):
    def table_lines(self, text):
        """The lines of the aligned table: from the header to the next blank line."""
        lines = text.split("\n")
        start = next(i for i, l in enumerate(lines) if l.startswith("stage"))
        end = lines.index("", start)
        return lines[start:end]

    def test_example1_table(self):
        out = self.ok(EX1.args("table"))
        self.assertTrue(out.startswith("Plan per year: revenue 1,000,000"), out)
        for figure in ["20,000", "1,666.67", "16.67", "1.67", "200", "50,000", "1%", "10%",
                       "0.1%", "per month", "per quarter", "per year", "\u2588"]:
            self.assertIn(figure, out)
        self.assertIn("rounded for display", out)
        self.assertIn("rounded up", out)

    def test_columns_are_aligned(self):
        for case in [EX1, EX5, COST, EX3, FORECAST_TARGET]:
            with self.subTest(case.name):
                rows = self.table_lines(self.ok(case.args("table")))
                # Without the bars, every row ends at the right edge of "per year".
                widths = {len(r.rstrip(" \u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f"))
                          for r in rows}
                self.assertEqual(len(widths), 1, "\n".join(rows))

    def test_unicode_names_align_by_code_points(self):
        out = self.ok(["plan", "--stage", "Zielgruppe-Ü=10%", "--stage", "リード=50%",
                       "--deals", "3", "--format", "table"])
        rows = self.table_lines(out)
        bars = " \u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f"
        self.assertEqual(len({len(r.rstrip(bars)) for r in rows}), 1, out)

    def test_bars_are_linear_and_never_empty(self):
        out = self.ok(EX1.args("table"))
        rows = self.table_lines(out)[1:]
        full = rows[0].count("\u2588")
        self.assertGreater(full, 0)
        # accepted (1% of the top) and won (0.1%) still get a sliver.
        for r in rows[1:]:
            self.assertRegex(r, "[\u2588-\u258f]$")

    def test_example2_and_5_tables(self):
        out = self.ok(EX2.args("table"))
        self.assertIn("33.3333%", out)
        self.assertRegex(out, r"\b75\b")
        self.assertIn("900.00", out)
        out = self.ok(EX5.args("table"))
        self.assertIn("148.15", out)
        self.assertRegex(out, r"\b149\b")

    def test_rates_as_percentages(self):
        out = self.ok(["plan", "--stage", "a=12.5%", "--stage", "b=1/3", "--deals", "1"])
        self.assertIn("12.5%", out)
        self.assertIn("33.3333%", out)

    def test_cost_and_margin_appear(self):
        out = self.ok(COST.args("table"))
        self.assertIn("cost each", out)
        self.assertIn("Budget", out)
        self.assertIn("cost per deal", out)
        self.assertIn("Gross profit", out)

    def test_forecast_table(self):
        out = self.ok(EX3.args("table"))
        for figure in ["24.75", "1,188,000", "297", "900.00", "33%"]:
            self.assertIn(figure, out)
        out = self.ok(FORECAST_TARGET.args("table"))
        self.assertIn("attainment 99%", out)
        self.assertIn("short by 0.25 deals", out)
        self.assertIn("1,000", out)

    def test_table_is_the_default_format(self):
        args = EX1.args("table")
        i = args.index("--format")
        self.assertEqual(self.ok(args[:i] + args[i + 2:]), self.ok(args))


# --------------------------------------------------------------------------

LONG_NAME = "x" * 65
STAGES = ["--stage", "lead=1%", "--stage", "accepted=10%"]
PLAN = ["plan"] + STAGES + ["--deal-size", "50000"]
FC = ["forecast"] + STAGES + ["--volume", "1000"]
MANY = [a for i in range(33) for a in ("--stage", "s%d=50%%" % i)]

# (arguments, texts the one error line must contain)
BAD = [
    (PLAN + ["--revenue", ""], ["--revenue", "''", "empty"]),
    (PLAN + ["--revenue", "nan"], ["--revenue", "'nan'"]),
    (PLAN + ["--revenue", "NaN"], ["--revenue", "'NaN'"]),
    (PLAN + ["--revenue", "inf"], ["--revenue", "'inf'"]),
    (PLAN + ["--revenue", "infinity"], ["--revenue", "'infinity'"]),
    (PLAN + ["--revenue", "-5"], ["--revenue", "'-5'", "negative"]),
    (PLAN + ["--revenue", "0"], ["--revenue", "'0'"]),
    (PLAN + ["--revenue", "1e999"], ["--revenue", "'1e999'", "too large"]),
    (PLAN + ["--revenue", "12abc"], ["--revenue", "'12abc'"]),
    (PLAN + ["--revenue", "1,5"], ["--revenue", "'1,5'", "grouping"]),
    (PLAN + ["--revenue", "1,00,000"], ["--revenue", "'1,00,000'"]),
    (PLAN + ["--revenue", "1__000"], ["--revenue", "'1__000'"]),
    (PLAN + ["--revenue", " 100"], ["--revenue", "' 100'"]),
    (PLAN + ["--revenue", "1e6k"], ["--revenue", "'1e6k'"]),
    (PLAN + ["--revenue", "5x"], ["--revenue", "'5x'"]),
    (["plan"] + STAGES + ["--deal-size", "0", "--revenue", "5"], ["--deal-size", "'0'"]),
    (["plan"] + STAGES + ["--deal-size", "-1", "--revenue", "5"], ["--deal-size", "'-1'"]),
    (["plan"] + STAGES + ["--deals", "0"], ["--deals", "'0'"]),
    (["plan", "--stage", "lead=150%", "--deals", "5"],
     ["--stage", "'lead=150%'", "rate must be above 0% and at most 100%"]),
    (["plan", "--stage", "lead=0%", "--deals", "5"], ["--stage", "'lead=0%'"]),
    (["plan", "--stage", "lead=0", "--deals", "5"], ["--stage", "'lead=0'"]),
    (["plan", "--stage", "lead=1.5", "--deals", "5"], ["--stage", "'lead=1.5'"]),
    (["plan", "--stage", "lead=-10%", "--deals", "5"], ["--stage", "'lead=-10%'"]),
    (["plan", "--stage", "lead=1/0", "--deals", "5"], ["--stage", "'lead=1/0'"]),
    (["plan", "--stage", "lead=10%%", "--deals", "5"], ["--stage", "'lead=10%%'"]),
    (["plan", "--stage", "lead=", "--deals", "5"], ["--stage", "'lead='"]),
    (["plan", "--stage", "lead", "--deals", "5"], ["--stage", "'lead'", "NAME=RATE"]),
    (["plan", "--stage", "=10%", "--deals", "5"], ["--stage", "'=10%'", "empty"]),
    (["plan", "--stage", "a=10%", "--stage", "a=20%", "--deals", "5"],
     ["--stage", "'a=20%'", "twice"]),
    (["plan", "--stage", "won=10%", "--deals", "5"], ["--stage", "'won=10%'", "reserved"]),
    (["plan", "--stage", "deal-size=10%", "--deals", "5"], ["--stage", "'deal-size=10%'"]),
    (["plan", "--stage", "volume=10%", "--deals", "5"], ["--stage", "'volume=10%'"]),
    (["plan", "--stage", "cost-per-lead=10%", "--deals", "5"],
     ["--stage", "'cost-per-lead=10%'"]),
    (["plan", "--stage", LONG_NAME + "=10%", "--deals", "5"],
     ["--stage", "'%s=10%%'" % LONG_NAME, "64 bytes"]),
    (["plan", "--stage", "y" * 100 + "=10%", "--deals", "5"],      # quoted: 80 bytes and ...
     ["--stage", "'%s...'" % ("y" * 80), "64 bytes"]),
    (["plan", "--stage", "a\tb=10%", "--deals", "5"],
     ["--stage", "'a\\tb=10%'", "control character"]),
    (["plan", "--stage", "a\nb=10%", "--deals", "5"], ["--stage", "'a\\nb=10%'"]),
    (["plan", "--stage", "a\x7fb=10%", "--deals", "5"], ["--stage", "'a\\x7Fb=10%'"]),
    (["plan"] + MANY + ["--deals", "5"], ["--stage", "'s32=50%'", "1 to 32"]),
    (PLAN + ["--revenue", "5", "--bogus"], ["unknown option", "'--bogus'"]),
    (PLAN + ["--revenue", "5", "--volume", "3"], ["unknown option", "'--volume'"]),
    (PLAN + ["--revenue", "5", "--at", "lead"], ["unknown option", "'--at'"]),
    (["frobnicate"] + STAGES, ["unknown command", "'frobnicate'"]),
    (["--frobnicate"], ["unknown option", "'--frobnicate'"]),
    ([], ["command is needed"]),
    (PLAN + ["--revenue"], ["--revenue", "value is needed"]),
    (PLAN + ["--revenue", "--per", "year"], ["--revenue", "value is needed"]),
    (["plan"] + STAGES + ["--deals", "5", "--stage"], ["--stage", "value is needed"]),
    (PLAN + ["--revenue", "5", "--revenue", "6"], ["--revenue", "'6'", "more than once"]),
    (PLAN + ["--revenue", "5", "--per", "year", "--per", "month"],
     ["--per", "'month'", "more than once"]),
    (PLAN + ["--revenue", "5", "--deals", "6"], ["--deals", "'6'", "--revenue"]),
    (["plan"] + STAGES + ["--revenue", "1000000"], ["--revenue", "'1000000'", "deal size"]),
    (PLAN, ["plan", "target is needed", "--revenue", "--deals"]),
    (PLAN + ["--revenue", "5", "--per", "week"], ["--per", "'week'", "month, quarter or year"]),
    (PLAN + ["--revenue", "5", "--per", "Year"], ["--per", "'Year'"]),
    (PLAN + ["--revenue", "5", "--per", ""], ["--per", "''"]),
    (PLAN + ["--revenue", "5", "--format", "xml"], ["--format", "'xml'"]),
    (PLAN + ["--revenue", "5", "--format", "JSON"], ["--format", "'JSON'"]),
    (["plan", "--deal-size", "5", "--revenue", "5"], ["plan", "--stage"]),
    (["forecast", "--volume", "5"], ["forecast", "--stage"]),
    (["forecast"] + STAGES, ["forecast", "--volume"]),
    (FC + ["--volume", "5"], ["--volume", "'5'", "more than once"]),
    (["forecast"] + STAGES + ["--volume", "0"], ["--volume", "'0'"]),
    (["forecast"] + STAGES + ["--volume", "-3"], ["--volume", "'-3'"]),
    (FC + ["--at", "closing"], ["--at", "'closing'", "no stage"]),
    (FC + ["--at", ""], ["--at", "''"]),
    (FC + ["--at", "accepted", "--cost-per-lead", "5"],
     ["--at", "'accepted'", "top stage"]),
    (FC + ["--revenue", "100"], ["--revenue", "'100'", "deal size"]),
    (PLAN + ["--revenue", "5", "--cost-per-lead", "-1"], ["--cost-per-lead", "'-1'"]),
    (PLAN + ["--revenue", "5", "--cost-per-lead", "x"], ["--cost-per-lead", "'x'"]),
    (PLAN + ["--revenue", "5", "--margin", "0"], ["--margin", "'0'"]),
    (PLAN + ["--revenue", "5", "--margin", "0%"], ["--margin", "'0%'"]),
    (PLAN + ["--revenue", "5", "--margin", "150%"], ["--margin", "'150%'"]),
    (PLAN + ["--revenue", "5", "extra"], ["plan", "'extra'"]),
    (PLAN + ["--revenue", "5", "--help=yes"], ["--help", "'yes'"]),
    (["--version", "extra"], ["--version", "'extra'"]),
]


class TestBadArguments(CliTestCase):
    def test_bad_argument_table(self):
        self.assertGreaterEqual(len(BAD), 40)
        for args, needles in BAD:
            with self.subTest(args=args):
                self.assertRefused(args, 2, *needles)

    def test_message_is_the_library_message(self):
        err = self.assertRefused(["plan", "--stage", "lead=150%", "--deals", "5"], 2)
        self.assertEqual(err, "funnelplan: --stage 'lead=150%': "
                              "rate must be above 0% and at most 100%\n")

    def test_no_answer_exits_1(self):
        cases = [
            # a whole count above 2^53 cannot be exact
            (["plan", "--stage", "a=0.001", "--deals", "1e15"], "2^53"),
            (["plan", "--deals", "1e15", "--stage", "a=1e-3", "--format", "json"], "2^53"),
            (["plan", "--stage", "a=50%", "--deals", "9e15"], "2^53"),
            # figures beyond the range of a double (a count typed is at most 2^53)
            (["plan", "--stage", "a=1e-300", "--stage", "b=1e-300", "--deals", "1e15"],
             "too large or too small for a double"),
            (["forecast", "--stage", "a=50%", "--volume", "9e15", "--deal-size", "1e308"],
             "too large or too small for a double"),
        ]
        for args, needle in cases:
            with self.subTest(args=args):
                self.assertRefused(args, 1, needle)


class TestHelpAndVersion(CliTestCase):
    def test_version(self):
        out = self.ok(["--version"])
        with open(VERSION_FILE, encoding="utf-8") as f:
            version = f.read().strip()
        self.assertEqual(out, "funnelplan %s\n" % version)

    def test_global_help(self):
        out = self.ok(["--help"])
        for word in ["plan", "forecast", "--version", "@FILE", "Exit status"]:
            self.assertIn(word, out)

    def test_command_help_comes_from_the_option_table(self):
        common = ["--stage", "--deal-size", "--revenue", "--deals", "--per",
                  "--cost-per-lead", "--margin", "--format", "--help"]
        for cmd, only in [("plan", []), ("forecast", ["--volume", "--at"])]:
            for args in ([cmd, "--help"], ["--help", cmd],
                         [cmd, "--stage", "x=1%", "--help"],
                         [cmd, "--revenue", "not-a-number", "--help"]):
                with self.subTest(args=args):
                    out = self.ok(args)
                    self.assertTrue(out.startswith("Usage: funnelplan " + cmd), out)
                    for opt in common + only:
                        self.assertIn(opt, out)
        self.assertNotIn("--volume", self.ok(["plan", "--help"]))

    def test_output_that_cannot_be_written_exits_3(self):
        # /dev/full: every write fails with ENOSPC. Each format of each
        # command, and the help and version texts: exit 3, one line.
        if not os.path.exists("/dev/full"):
            if sys.platform.startswith("linux"):
                self.fail("/dev/full is missing")
            self.skipTest("no /dev/full on this system")
        runs = [case.args(fmt) for case in (EX1, EX3) for fmt in ("table", "json", "csv")]
        runs += [["--help"], ["plan", "--help"], ["--version"]]
        for args in runs:
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                r = run(args, stdout=full)
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, 3, err)
                self.assertTrue(err.startswith("funnelplan: cannot write output: "), err)
                self.assertTrue(err.endswith("\n"), err)
                self.assertEqual(err.count("\n"), 1, err)

    def test_closed_stdout_exits_3(self):
        # stdout closed (`funnelplan ... >&-`): EBADF, exit 3, one line.
        for fmt in ("table", "json", "csv"):
            with self.subTest(fmt=fmt):
                r = run(EX1.args(fmt), stdout=None, preexec_fn=lambda: os.close(1))
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, 3, err)
                self.assertTrue(err.startswith("funnelplan: cannot write output: "), err)
                self.assertEqual(err.count("\n"), 1, err)


# --------------------------------------------------------------------------

class TestArgFiles(CliTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="funnelplan-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_saved_funnel(self):
        path = self.write("funnel.txt",
                          b"\xef\xbb\xbf# example 1 of EXAMPLES.md\r\n"
                          b"\r\n"
                          b"   # an indented comment\r\n"
                          b"--stage lead=1%\r\n"
                          b"  --stage\t \taccepted=10%   \r\n"
                          b"\t\r\n"
                          b"--deal-size\r\n"
                          b"50000\n"
                          b"--per year")
        want = self.ok(EX1.args("json"))
        self.assertEqual(self.ok(["plan", "@" + path, "--revenue", "1000000",
                                  "--format", "json"]), want)
        # anywhere among the arguments, the command included
        cmd = self.write("cmd.txt", b"plan\n@" + path.encode() + b"\n")
        self.assertEqual(self.ok(["@" + cmd, "--revenue", "1000000", "--format", "json"]),
                         want)

    def test_names_with_blanks_in_a_file(self):
        path = self.write("f.txt", "--stage marketing lead=1%\n--stage Ü accepted=10%\n"
                          "--deals 2\n--format json\n".encode())
        d = json.loads(self.ok(["plan", "@" + path]))
        self.assertEqual([s["name"] for s in d["stages"]], ["marketing lead", "Ü accepted"])

    def test_empty_file_gives_no_arguments(self):
        empty = self.write("empty.txt", b"")
        bom = self.write("bom.txt", b"\xef\xbb\xbf")
        comments = self.write("comments.txt", b"# nothing\n\n  \n")
        want = self.ok(EX1.args("json"))
        for path in (empty, bom, comments):
            args = EX1.args("json")
            self.assertEqual(self.ok(args[:1] + ["@" + path] + args[1:]), want)

    def test_exactly_one_mib_is_read(self):
        line = b"# " + b"x" * 1021 + b"\n"            # 1024 bytes
        path = self.write("mib.txt", line * 1024)
        self.assertEqual(os.path.getsize(path), 1024 * 1024)
        args = EX1.args("json")
        self.assertEqual(self.ok(args + ["@" + path]), self.ok(args))

    def test_files_nest_eight_deep(self):
        # f1 names f2, ..., f8 holds the target: eight files deep is fine.
        def chain(n):
            paths = [os.path.join(self.dir, "chain%d-%d.txt" % (n, i)) for i in range(n)]
            for i, path in enumerate(paths):
                body = ("@%s\n" % paths[i + 1]) if i + 1 < n else "--deals 2\n"
                self.write(os.path.basename(path), body.encode())
            return paths[0]
        self.ok(["plan", "--stage", "a=50%", "@" + chain(8)])
        self.assertRefused(["plan", "--stage", "a=50%", "@" + chain(9)], 2, "nested")

    def test_bad_files(self):
        missing = os.path.join(self.dir, "missing.txt")
        big = self.write("big.txt", b"#" * (1024 * 1024 + 1))
        nul = self.write("nul.txt", b"--stage a=1%\n--deals\x005\n")
        loop = os.path.join(self.dir, "loop.txt")
        self.write("loop.txt", b"@" + loop.encode() + b"\n")
        inner_bad = self.write("inner.txt", b"--stage lead=150%\n")
        for path, needles in [(missing, ["cannot open"]), (self.dir, ["cannot read"]),
                              (big, ["1 MiB"]), (nul, ["NUL"]), (loop, ["nested"])]:
            with self.subTest(path=path):
                self.assertRefused(["plan", "@" + path] + STAGES + ["--deals", "2"], 2,
                                   "'%s'" % path, *needles)
        self.assertRefused(["plan", "@"], 2, "@FILE", "empty")
        self.assertRefused(["plan", "@" + inner_bad, "--deals", "2"], 2,
                           "--stage 'lead=150%'")


# --------------------------------------------------------------------------

# The locales the output must not depend on: decimal comma in all three,
# '.' grouping in German and Turkish, a narrow no-break space in French, and
# Turkish casing (towupper('i') is U+0130, toupper('i') stays 'i').
LOCALES = ("de_DE.UTF-8", "fr_FR.UTF-8", "tr_TR.UTF-8")
INSTALL_LOCALES = "install Debian's `locales` package (apt-get install locales)"
# What each locale must say, to prove the switch took effect: the first day
# of the week (nl_langinfo(DAY_1)) and the decimal point.
LOCALE_PROOF = {"C": ("Sunday", "."), "de_DE.UTF-8": ("Sonntag", ","),
                "fr_FR.UTF-8": ("dimanche", ","), "tr_TR.UTF-8": ("Pazar", ",")}

PROBE = r"""
import ctypes, json, locale, time
name = locale.setlocale(locale.LC_ALL, "")
conv = locale.localeconv()
libc = ctypes.CDLL(None)
libc.towupper.restype = libc.towlower.restype = ctypes.c_uint
libc.towupper.argtypes = libc.towlower.argtypes = [ctypes.c_uint]
libc.strtod.restype = ctypes.c_double
libc.strtod.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
print(json.dumps({"name": name, "decimal_point": conv["decimal_point"],
                  "thousands_sep": conv["thousands_sep"],
                  "day1": locale.nl_langinfo(locale.DAY_1),
                  "thursday": time.strftime("%A", time.gmtime(0)),
                  "strtod": libc.strtod(b"1,5", None),
                  "toupper_i": libc.toupper(ord("i")),
                  "towupper_i": libc.towupper(ord("i")),
                  "towlower_I": libc.towlower(ord("I"))}))
"""


def probe(env):
    """What PROBE reports in a child Python with env; its stderr on failure."""
    r = subprocess.run([sys.executable, "-c", PROBE], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    if r.returncode != 0:
        return r.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
    return json.loads(r.stdout)


def prepare_locales():
    """(LOCPATH directory, temporary directory to remove or None, {locale: why
    it is unavailable}). The directory meson made ($FUNNELPLAN_TEST_LOCPATH,
    with the stamp $FUNNELPLAN_TEST_LOCALES_STAMP saying "ok" or why not);
    run by hand, the locales are generated with localedef into a temporary
    directory."""
    locpath = os.environ.get("FUNNELPLAN_TEST_LOCPATH")
    if locpath:
        stamp = os.environ.get("FUNNELPLAN_TEST_LOCALES_STAMP", "")
        try:
            with open(stamp, encoding="utf-8") as f:
                reason = f.read().strip()
        except OSError as e:
            reason = "no stamp of the 'locales' target (%s)" % e
        tmp = None
    else:
        tmp = locpath = tempfile.mkdtemp(prefix="funnelplan-locale-")
        problems = []
        for loc in LOCALES:
            lang = loc.split(".")[0]
            try:
                r = subprocess.run(["localedef", "-c", "-i", lang, "-f", "UTF-8",
                                    os.path.join(locpath, loc)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   env=base_env(), timeout=120)
                if not os.path.isdir(os.path.join(locpath, loc)):
                    problems.append("%s: localedef made nothing: %s"
                                    % (lang, r.stdout.decode("utf-8", "replace").strip()))
            except OSError as e:
                problems.append("%s: %s" % (lang, e))
        reason = "\n".join(problems) or "ok"
    missing = {}
    for loc in LOCALES:
        if not os.path.isdir(os.path.join(locpath, loc)):
            lang = loc.split(".")[0] + ":"
            why = [line for line in reason.splitlines() if line.startswith(lang)]
            missing[loc] = ("\n".join(why) or reason if reason != "ok"
                            else "no %s in %s" % (loc, locpath))
    return locpath, tmp, missing


class TestLocale(CliTestCase):
    """The output and the error messages are the same bytes under LC_ALL set
    to de_DE, fr_FR and tr_TR (UTF-8) as under LC_ALL=C."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.locpath, cls.tmp, cls.missing = prepare_locales()
        # A locale that is there but does not switch (glibc quietly stays in
        # C) would make every comparison pass untested: probe each one once.
        cls.proof = {"C": probe(base_env())}
        for loc in LOCALES:
            if loc not in cls.missing:
                cls.proof[loc] = probe(cls.env(loc))
                if isinstance(cls.proof[loc], str):
                    cls.missing[loc] = "setting it fails: " + cls.proof[loc]

    @classmethod
    def tearDownClass(cls):
        if cls.tmp is not None:
            shutil.rmtree(cls.tmp)

    @classmethod
    def env(cls, loc):
        return base_env(LC_ALL=loc, LANG=loc, LOCPATH=cls.locpath)

    def require(self, loc):
        """Fails (never skips) when the locale could not be made."""
        if loc in self.missing:
            self.fail("the %s locale is unavailable (%s):\n%s"
                      % (loc, INSTALL_LOCALES, self.missing[loc]))

    def test_the_locales_really_switch(self):
        c = self.proof["C"]
        self.assertIsInstance(c, dict, c)
        self.assertEqual((c["day1"], c["decimal_point"]), LOCALE_PROOF["C"])
        self.assertEqual(c["towupper_i"], ord("I"))
        for loc in LOCALES:
            with self.subTest(locale=loc):
                self.require(loc)
                p = self.proof[loc]
                self.assertEqual(p["name"], loc)
                self.assertEqual((p["day1"], p["decimal_point"]), LOCALE_PROOF[loc], p)
                self.assertNotEqual(p["thursday"], "Thursday", p)
                self.assertEqual(p["strtod"], 1.5, "C code does not read a decimal comma")
                if loc.startswith("tr_"):
                    # Turkish casing: dotted capital I and dotless small i; the
                    # single-byte toupper leaves 'i' alone.
                    self.assertEqual(p["towupper_i"], 0x130, p)
                    self.assertEqual(p["towlower_I"], 0x131, p)
                    self.assertEqual(p["toupper_i"], ord("i"), p)
                else:
                    self.assertEqual(p["towupper_i"], ord("I"), p)
                if loc.startswith("fr_"):
                    self.assertIn(p["thousands_sep"], ("\u202f", "\xa0"), p)

    def test_output_is_byte_identical(self):
        names = ["--stage", "Zielgruppe-Ü=10%", "--stage", "İnceleme ı=1/3",
                 "--stage", "リード=50%", "--deals", "2.5"]
        cases = [(case.name, fmt, case.args(fmt)) for fmt in ("json", "table", "csv")
                 for case in (EX1, EX3, COST, FORECAST_TARGET)]
        cases += [("non-ASCII names", fmt, ["plan"] + names + ["--format", fmt])
                  for fmt in ("json", "table", "csv")]
        c_runs = {}
        for name, fmt, args in cases:
            c = run(args)
            self.assertEqual(c.returncode, 0, c.stderr)
            c_runs[name, fmt] = c.stdout
        for loc in LOCALES:
            with self.subTest(locale=loc):
                self.require(loc)
                env = self.env(loc)
                for name, fmt, args in cases:
                    with self.subTest(fmt=fmt, case=name):
                        r = run(args, env=env)
                        self.assertEqual(r.returncode, 0, r.stderr)
                        self.assertEqual(r.stderr, b"")
                        self.assertEqual(r.stdout, c_runs[name, fmt])

    def test_numbers_are_read_the_same(self):
        args = EX1.args("json")
        args[args.index("1000000")] = "1,000,000"
        want = run(EX1.args("json")).stdout
        for loc in LOCALES:
            with self.subTest(locale=loc):
                self.require(loc)
                r = run(args, env=self.env(loc))
                self.assertEqual((r.returncode, r.stdout, r.stderr), (0, want, b""))

    def test_error_messages_are_byte_identical(self):
        missing = os.path.join(tempfile.gettempdir(), "funnelplan-no-such-dir", "f.txt")
        bad = [
            ["plan", "--stage", "lead=1,5%", "--deals", "2"],            # decimal comma
            PLAN + ["--revenue", "1.000.000"],                            # German grouping
            PLAN + ["--revenue", "1\u202f000"],                           # French grouping
            PLAN + ["--revenue", "1,5"],
            PLAN + ["--revenue", "1e999"],
            PLAN + ["--revenue", "5", "--format", "JSON"],                # casing: Turkish I
            PLAN + ["--revenue", "5", "--per", "YEAR"],
            PLAN + ["--revenue", "5", "--per", "quarter", "--per", "İ"],
            ["forecast", "--stage", "INFO=10%", "--volume", "5", "--at", "info"],
            ["plan", "--stage", os.fsdecode(b"caf\xc3=10%"), "--deals", "2"],  # bad UTF-8
            ["plan", "--stage", "a\tb=10%", "--deals", "5"],
            ["plan", "--stage", "a=1e-300", "--stage", "b=1e-300", "--deals", "1e300"],
            ["plan", "--stage", "a=0.001", "--deals", "1e15"],
            ["plan", "@" + missing, "--stage", "a=10%", "--deals", "2"],  # strerror text
            ["frobnicate"],
        ]
        c_runs = [run(args) for args in bad]
        for args, c in zip(bad, c_runs):
            self.assertIn(c.returncode, (1, 2), args)
            self.assertTrue(c.stderr.startswith(b"funnelplan: "), c.stderr)
        for loc in LOCALES:
            with self.subTest(locale=loc):
                self.require(loc)
                env = self.env(loc)
                for args, c in zip(bad, c_runs):
                    with self.subTest(args=args):
                        r = run(args, env=env)
                        self.assertEqual((r.returncode, r.stdout, r.stderr),
                                         (c.returncode, b"", c.stderr))


# --------------------------------------------------------------------------

class TestFaults(CliTestCase):
    """Unreadable, special and truncated @FILEs: one line on stderr that
    starts with "funnelplan: ", exit status 2 and nothing on stdout; or, for
    special files that read like files, the same answer as a regular file.

    Decisions: /dev/null reads as an empty file (no arguments); a FIFO (and
    so process substitution, @<(...)) is read to its end like a file; an
    endless device such as /dev/zero is refused at 1 MiB."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="funnelplan-faults-")
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_file_that_cannot_be_read_even_by_root(self):
        # /proc/self/mem opens, but reading at offset 0 (an unmapped page)
        # fails with EIO, for root too.
        if not os.path.exists("/proc/self/mem"):
            if sys.platform.startswith("linux"):
                self.fail("/proc/self/mem is missing")
            self.skipTest("no /proc/self/mem on this system")
        self.assertRefused(["plan", "@/proc/self/mem", "--stage", "a=10%", "--deals", "2"],
                           2, "@FILE '/proc/self/mem'", "cannot read")

    def test_file_without_read_permission(self):
        path = self.write("secret.txt", b"--deals 2\n")
        os.chmod(path, 0)
        args = ["plan", "@" + path, "--stage", "a=10%", "--deals", "2"]
        if os.geteuid() != 0:
            self.assertRefused(args, 2, "'%s'" % path, "cannot open", "ermission denied")
            return
        # Root reads any file: run the CLI as nobody instead, when nobody
        # can reach the binary (and the wrapper); otherwise /proc/self/mem
        # above is the unreadable file.
        os.chmod(self.dir, 0o755)
        for prog in [CLI] + [shutil.which(w) or w for w in WRAPPER[:1]]:
            if os.stat(prog).st_mode & stat.S_IXOTH == 0 or not all(
                    os.stat(d).st_mode & stat.S_IXOTH
                    for d in parents(os.path.realpath(prog))):
                return
        # In a coverage build nobody cannot write the build tree's .gcda
        # files; GCOV_PREFIX sends them to a directory nobody can write.
        gcov = os.path.join(self.dir, "gcov")
        os.mkdir(gcov)
        os.chmod(gcov, 0o777)
        r = run(args, env=base_env(GCOV_PREFIX=gcov), user=65534, group=65534,
                extra_groups=[])
        err = r.stderr.decode("utf-8", "replace")
        self.assertEqual((r.returncode, r.stdout), (2, b""), err)
        self.assertEqual(err, "funnelplan: @FILE '%s': cannot open: Permission denied\n"
                         % path)

    def test_dev_null_is_an_empty_file(self):
        args = EX1.args("json")
        self.assertEqual(self.ok(args[:1] + ["@/dev/null"] + args[1:]), self.ok(args))

    def test_endless_device_is_refused_at_1_mib(self):
        self.assertRefused(["plan", "@/dev/zero", "--stage", "a=10%", "--deals", "2"], 2,
                           "@FILE '/dev/zero'", "larger than 1 MiB")

    def test_fifo_is_read_to_its_end(self):
        fifo = os.path.join(self.dir, "fifo")
        os.mkfifo(fifo)
        body = b"--stage lead=1%\n--stage accepted=10%\n--deal-size 50000\n--per year\n"

        def feed():
            with open(fifo, "wb") as f:
                f.write(body)
        writer = threading.Thread(target=feed)
        writer.start()
        try:
            out = self.ok(["plan", "@" + fifo, "--revenue", "1000000", "--format", "json"])
        finally:
            if writer.is_alive():  # the CLI never opened the FIFO: unblock the writer
                fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                writer.join()
                os.close(fd)
        self.assertEqual(out, self.ok(EX1.args("json")))

    def test_bad_paths_stay_on_one_line(self):
        # A path with a newline and a byte that is not UTF-8, and a loop of
        # symbolic links: the message escapes the path and names the errno.
        odd = os.path.join(self.dir, os.fsdecode(b"no\nsuch\xff"))
        self.assertRefused(["plan", "@" + odd, "--deals", "2"], 2,
                           "'%s/no\\nsuch\\xFF'" % self.dir, "cannot open")
        one, two = os.path.join(self.dir, "one"), os.path.join(self.dir, "two")
        os.symlink(two, one)
        os.symlink(one, two)
        self.assertRefused(["plan", "@" + one, "--deals", "2"], 2, "'%s'" % one,
                           "cannot open")

    def test_last_line_without_newline(self):
        for body in (b"--stage lead=1%\n--stage accepted=10%\n--deal-size 50000\n--per year",
                     b"--stage lead=1%\r\n--stage accepted=10%\r\n--per year\r\n--deal-size\r\n"
                     b"50000"):
            with self.subTest(body=body):
                path = self.write("cut.txt", body)
                self.assertEqual(self.ok(["plan", "@" + path, "--revenue", "1000000",
                                          "--format", "json"]),
                                 self.ok(EX1.args("json")))
        # The file ends after an option that needs a value.
        path = self.write("novalue.txt", b"--stage a=10%\n--deals")
        self.assertRefused(["plan", "@" + path], 2, "--deals", "value is needed")

    def test_file_cut_inside_a_multibyte_character(self):
        full = "--stage lead=1%\n--stage café=10%\n--deals 2\n".encode()
        cut = full[:full.index("é".encode()) + 1]          # ends in "caf\\xC3"
        self.assertEqual(cut[-4:], b"caf\xc3")
        path = self.write("cut.txt", cut)
        # The rate went with the cut: the value is refused, the stray byte
        # escaped so the message stays valid UTF-8 on one line.
        self.assertRefused(["plan", "@" + path, "--deals", "2"], 2,
                           "--stage 'caf\\xC3'", "NAME=RATE")
        # Cut inside the name with its rate kept (a name clipped by bytes):
        # the library refuses the name.
        path = self.write("clipped.txt", b"--stage lead=1%\n--stage caf\xc3=10%\n--deals 2\n")
        err = self.assertRefused(["plan", "@" + path], 2)
        self.assertEqual(err, "funnelplan: --stage 'caf\\xC3=10%': "
                              "stage name is not valid UTF-8\n")
        # --at cut the same way names no stage.
        path = self.write("at.txt", b"--at caf\xc3")
        self.assertRefused(["forecast", "--stage", "caf\xe9=10%", "--volume", "5",
                            "@" + path], 2, "--at 'caf\\xC3'", "no stage")
        # A cut four-byte character, and a lone continuation byte.
        for name in (b"\xf0\x9f\x98", b"x\x80y"):
            with self.subTest(name=name):
                path = self.write("bytes.txt", b"--stage " + name + b"=10%\n--deals 2\n")
                self.assertRefused(["plan", "@" + path], 2, "--stage",
                                   "stage name is not valid UTF-8")


def parents(path):
    """Every directory above path, the root included."""
    out = []
    while True:
        parent = os.path.dirname(path)
        if parent == path:
            return out
        out.append(parent)
        path = parent


if __name__ == "__main__":
    unittest.main()

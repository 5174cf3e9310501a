"""Tests of `funnelplan odds` and `funnelplan plan --confidence RATE`.

The helpers (the binary under $FUNNELPLAN_CLI, the $FUNNELPLAN_CLI_WRAPPER
prefix that `meson test --setup valgrindcli` sets, the JSON and refusal
checks) come from test_cli.py, imported as a module so that its test
classes are not collected twice. The exact binomial figures are checked
against a reference computed with Python integers and fractions.Fraction
(every tail, quantile and volume found by brute force); the Monte Carlo is
checked for determinism (a seed gives byte-identical output) and against
the exact chance within four of its own standard errors. Bad argument lists
must exit 2 with one line on stderr that names the option and the value,
and print nothing on stdout.
"""

import csv
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
import unittest
from fractions import Fraction as Fr

import test_cli as base
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python"))
import fpl_rng_reference  # noqa: E402  (tests/python: the generator's reference)
from test_cli import Whole, run

# The library's tails are accurate to about 1e-13; the figures it derives
# from exact inputs (N·p, √(N·p·(1−p))) to a few ulps.
REL = 1e-9

ODDS_KEYS = ["command", "per", "at", "volume", "cumulative_rate", "target_deals",
             "target_revenue", "deal_size", "p_hit", "p_miss", "expected_deals", "sd_deals",
             "expected_revenue", "deals_quantiles", "revenue_quantiles", "volume_for",
             "simulation", "volume_per", "given_volume"]
SIM_KEYS = ["trials", "seed", "deal_size_cv", "deal_size_distribution", "history",
            "judged_on", "p_hit", "expected_deals", "expected_revenue", "deals_quantiles",
            "revenue_quantiles", "std_error"]
STD_ERROR_KEYS = ["p_hit", "expected_deals", "expected_revenue", "deals_quantiles",
                  "revenue_quantiles"]
QUANTILE_KEYS = ["p10", "p50", "p90"]
STANDARD_LEVELS = [Fr(1, 2), Fr(4, 5), Fr(9, 10), Fr(19, 20), Fr(99, 100)]


# --------------------------------------------------------------------------
# Reference model: the binomial distribution in exact arithmetic

def at_least(n, p, k):
    """P(X >= k) for X ~ Binomial(n, p), p a Fraction: an exact Fraction,
    summed in integers over the common denominator b^n (the shorter side:
    1 minus the terms below k when k is small, exactly the same)."""
    if k <= 0:
        return Fr(1)
    if k > n:
        return Fr(0)
    a, b = p.numerator, p.denominator
    if k < n - k:
        below = sum(math.comb(n, j) * a ** j * (b - a) ** (n - j) for j in range(k))
        return 1 - Fr(below, b ** n)
    num = sum(math.comb(n, j) * a ** j * (b - a) ** (n - j) for j in range(k, n + 1))
    return Fr(num, b ** n)


MONTHS = {"month": 1, "quarter": 3, "year": 12}


def given_volume(n, per, volume_per):
    """The least whole units per volume_per that give n per per: n / ratio
    rounded up for a shorter period, n * ratio for a longer one."""
    mt, mv = MONTHS[per], MONTHS[volume_per]
    return -(-n * mv // mt) if mv <= mt else n * mv // mt


def at_most(n, p, d):
    return 1 - at_least(n, p, d + 1)


def quantile(n, p, q):
    """The smallest whole d with P(X <= d) >= q."""
    d = 0
    while at_most(n, p, d) < q:
        d += 1
    return d


def volume_for(p, k, c):
    """The smallest whole n with P(Binomial(n, p) >= k) >= c (brute force:
    the chance grows with n)."""
    n = k
    while at_least(n, p, k) < c:
        n += 1
    return n


def clear_of(value, threshold, margin=Fr(1, 10 ** 9)):
    """A reference decision the library's doubles cannot turn: value is not
    within margin of the threshold it is compared with."""
    return abs(value - threshold) > margin


def product(values):
    out = Fr(1)
    for v in values:
        out *= v
    return out


def whole_deals(deals):
    return math.ceil(deals)


def ref_odds(rates, volume, deals=None, revenue=None, deal_size=None, at=0, levels=(),
             per="month", names=None, volume_per=None):
    """The odds object (without "simulation") for a funnel of Fraction rates;
    volume per per, the target's period, given per volume_per (default per)."""
    volume_per = volume_per or per
    p = product(rates[at:])
    target = Fr(revenue) / Fr(deal_size) if revenue is not None else Fr(deals)
    k = whole_deals(target)
    all_levels = sorted(set(STANDARD_LEVELS) | set(levels))
    vols = []
    for c in all_levels:
        n = volume_for(p, k, c)
        # The brute force must not sit on a knife's edge for the test to mean anything.
        assert clear_of(at_least(n, p, k), c) and clear_of(at_least(n - 1, p, k), c), (n, c)
        vols.append({"confidence": c, "volume": Whole(n),
                     "given_volume": Whole(given_volume(n, per, volume_per))})
    q = []
    for level in (Fr(1, 10), Fr(1, 2), Fr(9, 10)):
        d = quantile(volume, p, level)
        assert clear_of(at_most(volume, p, d), level)
        assert d == 0 or clear_of(at_most(volume, p, d - 1), level)
        q.append(Whole(d))
    has_revenue = deal_size is not None
    ds = Fr(deal_size) if has_revenue else None
    hit = at_least(volume, p, k)
    return {
        "command": "odds", "per": per, "at": names[at] if names else None,
        "volume": Whole(volume), "cumulative_rate": p, "target_deals": Whole(k),
        "target_revenue": Fr(revenue) if revenue is not None else None,
        "deal_size": ds, "p_hit": hit, "p_miss": 1 - hit,
        "expected_deals": volume * p,
        "sd_deals": None,  # compared on its own: a square root is not a Fraction
        "expected_revenue": volume * p * ds if has_revenue else None,
        "deals_quantiles": dict(zip(QUANTILE_KEYS, q)),
        "revenue_quantiles": (dict(zip(QUANTILE_KEYS, [d * ds for d in q]))
                              if has_revenue else None),
        "volume_for": vols,
        "simulation": None,
        "volume_per": volume_per,
        "given_volume": Whole(volume * MONTHS[volume_per] // MONTHS[per]),
    }


def odds_args(stages, volume, *extra, fmt="json"):
    a = ["odds"]
    for s in stages:
        a += ["--stage", s]
    return a + ["--volume", str(volume)] + list(extra) + ["--format", fmt]


DANISH = ["odds", "--stage", "lead=12%", "--deals", "12", "--volume", "100"]


# --------------------------------------------------------------------------

class OddsTestCase(base.CliTestCase):
    def assertNear(self, got, want, path="$", rel=REL):
        """A JSON tree against a reference: same keys in the same order,
        whole counts as JSON integers, numbers within rel (zero exactly)."""
        if isinstance(want, dict):
            self.assertIsInstance(got, dict, path)
            self.assertEqual(list(got), list(want), "keys of " + path)
            for k in want:
                self.assertNear(got[k], want[k], path + "." + k, rel)
        elif isinstance(want, list):
            self.assertIsInstance(got, list, path)
            self.assertEqual(len(got), len(want), "length of " + path)
            for i, (g, w) in enumerate(zip(got, want)):
                self.assertNear(g, w, "%s[%d]" % (path, i), rel)
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

    def assertOdds(self, got, want, sd=None):
        """The odds object against ref_odds(); sd_deals against √(N·p·(1−p))."""
        want = dict(want)
        if want["at"] is None:
            want["at"] = got.get("at")
        self.assertIsInstance(got["sd_deals"], (int, float))
        n, p = want["volume"], want["cumulative_rate"]
        self.assertAlmostEqual(got["sd_deals"], math.sqrt(n * p * (1 - p)),
                               delta=1e-12 * max(1.0, math.sqrt(n * p)))
        want["sd_deals"] = Fr(got["sd_deals"]) if got["sd_deals"] != 0 else 0
        self.assertNear(got, want)

    def csv_rows(self, args):
        return list(csv.reader(io.StringIO(self.ok(args))))


# --------------------------------------------------------------------------

class TestDanishExample(OddsTestCase):
    """EXAMPLES.md 4, beyond the source: 100 leads at 12%, 12 customers."""

    def test_p_hit_is_0_5458(self):
        d = self.json_of(DANISH + ["--format", "json"])
        self.assertEqual(round(d["p_hit"], 4), 0.5458)
        exact = sum(Fr(math.comb(100, j)) * Fr(12, 100) ** j * Fr(88, 100) ** (100 - j)
                    for j in range(12, 101))
        self.assertLessEqual(abs(Fr(d["p_hit"]) - exact), Fr(1, 10 ** 9))
        self.assertLessEqual(abs(Fr(d["p_miss"]) - (1 - exact)), Fr(1, 10 ** 9))

    def test_136_leads_give_a_90_percent_chance(self):
        d = self.json_of(DANISH + ["--format", "json"])
        by_level = {Fr(v["confidence"]).limit_denominator(1000): v["volume"]
                    for v in d["volume_for"]}
        self.assertEqual(by_level[Fr(9, 10)], 136)
        self.assertIs(type(by_level[Fr(9, 10)]), int)
        # 135 would not do, 136 does.
        self.assertLess(at_least(135, Fr(12, 100), 12), Fr(9, 10))
        self.assertGreaterEqual(at_least(136, Fr(12, 100), 12), Fr(9, 10))

    def test_deals_quantiles(self):
        d = self.json_of(DANISH + ["--format", "json"])
        self.assertEqual(d["deals_quantiles"], {"p10": 8, "p50": 12, "p90": 16})
        for key, q in zip(QUANTILE_KEYS, (Fr(1, 10), Fr(1, 2), Fr(9, 10))):
            self.assertEqual(d["deals_quantiles"][key], quantile(100, Fr(12, 100), q))

    def test_whole_object_against_the_reference(self):
        d = self.json_of(DANISH + ["--format", "json"])
        self.assertOdds(d, ref_odds([Fr(12, 100)], 100, deals=12, names=["lead"]))
        self.assertEqual(d["expected_deals"], 12)
        self.assertEqual([v["volume"] for v in d["volume_for"]], [97, 122, 136, 149, 174])

    def test_table_sentences(self):
        out = self.ok(DANISH)
        self.assertIn("100 leads per month give a 54.6% chance of 12 deals "
                      "(expected 12; 8 to 16 deals in 8 of 10 months).\n", out)
        self.assertIn("\nLeads needed per month for a chance of 12 deals:\n", out)
        self.assertIn("\n  136 leads per month give a 90% chance of 12 deals.\n", out)
        self.assertIn("\n  122 leads per month give an 80% chance of 12 deals.\n", out)
        self.assertIn("\n   97 leads per month give a 50% chance of 12 deals.\n", out)
        self.assertIn("Odds per month: each lead becomes a deal on its own, "
                      "with a chance of 12%.\n", out)
        self.assertTrue(out.endswith("Figures are rounded for display "
                                     "(--format json gives exact values).\n"), out)
        self.assertNotIn("Simulation", out)

    def test_table_is_the_default_format(self):
        self.assertEqual(self.ok(DANISH), self.ok(DANISH + ["--format", "table"]))

    def test_csv(self):
        """Each row its own figures: the 100 leads given with their chance,
        then each level with the least volume for it (not the chance of
        100 leads repeated beside 174 leads)."""
        rows = self.csv_rows(DANISH + ["--format", "csv"])
        self.assertEqual(rows[0], ["row", "volume", "per", "chance", "target_deals",
                                   "given_volume", "volume_per"])
        d = self.json_of(DANISH + ["--format", "json"])
        self.assertEqual(rows[1], ["given", "100", "month", repr(d["p_hit"]), "12", "100",
                                   "month"])
        self.assertEqual([r[:2] + r[3:] for r in rows[2:]],
                         [["needed", v, c, "12", v, "month"] for c, v in
                          [("0.5", "97"), ("0.8", "122"), ("0.9", "136"), ("0.95", "149"),
                           ("0.99", "174")]])
        for r in rows[2:]:
            # the volume needed reaches its level; one less does not
            n, c = int(r[1]), Fr(r[3])
            self.assertGreaterEqual(at_least(n, Fr(12, 100), 12), c)
            self.assertLess(at_least(n - 1, Fr(12, 100), 12), c)


# Small funnels checked against the brute force: (stages, volume, target
# options, reference arguments).
CASES = [
    ("one stage, a deal target",
     ["lead=12%"], 100, ["--deals", "12"],
     dict(rates=[Fr(12, 100)], deals=12, names=["lead"])),
    ("two stages, a revenue target that rounds up to 13 deals",
     ["lead=10%", "opportunity=1/3"], 300, ["--deal-size", "4000", "--revenue", "50,000"],
     dict(rates=[Fr(1, 10), Fr(1, 3)], revenue=50000, deal_size=4000,
          names=["lead", "opportunity"])),
    ("volume below the top, per quarter, extra levels",
     ["lead=10%", "sql=50%", "opportunity=25%"], "80/quarter",
     ["--deals", "9", "--at", "sql", "--per", "quarter", "--confidence", "75%",
      "--confidence", "1/3", "--confidence", "0.9"],
     dict(rates=[Fr(1, 10), Fr(1, 2), Fr(1, 4)], deals=9, at=1, per="quarter",
          levels=[Fr(3, 4), Fr(1, 3), Fr(9, 10)], names=["lead", "sql", "opportunity"])),
    ("a deal target that is not whole, a deal size",
     ["mql=27%", "accepted=25%"], 150, ["--deals", "9.5", "--deal-size", "1.5k"],
     dict(rates=[Fr(27, 100), Fr(1, 4)], deals=Fr(19, 2), deal_size=1500,
          names=["mql", "accepted"])),
    ("a sure thing",
     ["opportunity=100%"], 5, ["--deals", "5"],
     dict(rates=[Fr(1)], deals=5, names=["opportunity"])),
    ("a hopeless volume: fewer units than deals",
     ["lead=45%"], 3, ["--deals", "4"],
     dict(rates=[Fr(45, 100)], deals=4, names=["lead"])),
    ("a small chance, many levels",
     ["lead=2%", "won-back=50%"], 40, ["--deals", "1", "--confidence", "0.999",
                                       "--confidence", "1.5%", "--confidence", "99.5%"],
     dict(rates=[Fr(2, 100), Fr(1, 2)], deals=1,
          levels=[Fr(999, 1000), Fr(15, 1000), Fr(995, 1000)], names=["lead", "won-back"])),
]


class TestExactModel(OddsTestCase):
    def test_cases_against_the_brute_force(self):
        for name, stages, volume, extra, ref in CASES:
            with self.subTest(name):
                d = self.json_of(odds_args(stages, volume, *extra))
                ref = dict(ref)
                count = int(str(volume).split("/")[0])
                self.assertOdds(d, ref_odds(volume=count, **ref))

    def test_key_order_and_types(self):
        d = self.json_of(DANISH + ["--format", "json"])
        self.assertEqual(list(d), ODDS_KEYS)
        for key in ("volume", "target_deals"):
            self.assertIs(type(d[key]), int, key)
        self.assertEqual(list(d["deals_quantiles"]), QUANTILE_KEYS)
        for v in d["deals_quantiles"].values():
            self.assertIs(type(v), int)
        for v in d["volume_for"]:
            self.assertEqual(list(v), ["confidence", "volume", "given_volume"])
            self.assertIs(type(v["volume"]), int)
        for key in ("target_revenue", "deal_size", "expected_revenue", "revenue_quantiles",
                    "simulation"):
            self.assertIsNone(d[key], key)

    def test_levels_are_merged_and_ascending(self):
        d = self.json_of(DANISH + ["--confidence", "75%", "--confidence", "0.9",
                                   "--confidence", "1/3", "--confidence", "90%",
                                   "--format", "json"])
        levels = [v["confidence"] for v in d["volume_for"]]
        self.assertEqual(levels, sorted(levels))
        self.assertEqual(levels, [1 / 3, 0.5, 0.75, 0.8, 0.9, 0.95, 0.99])
        self.assertEqual(d["volume_for"][4]["volume"], 136)

    def test_sixteen_levels_are_allowed(self):
        levels = ["%d%%" % (5 * i + 1) for i in range(16)]
        args = list(DANISH)
        for level in levels:
            args += ["--confidence", level]
        d = self.json_of(args + ["--format", "json"])
        self.assertEqual(len(d["volume_for"]), 21)

    def test_revenue_figures(self):
        d = self.json_of(odds_args(["lead=10%", "opportunity=1/3"], 300, "--deal-size", "4000",
                                   "--revenue", "50,000"))
        self.assertEqual(d["target_deals"], 13)
        self.assertEqual(d["target_revenue"], 50000)
        self.assertEqual(d["deal_size"], 4000)
        self.assertEqual([d["revenue_quantiles"][k] for k in QUANTILE_KEYS],
                         [4000 * d["deals_quantiles"][k] for k in QUANTILE_KEYS])

    def test_cost_per_lead_and_margin_are_accepted_and_not_used(self):
        plain = self.ok(DANISH + ["--format", "json"])
        self.assertEqual(self.ok(DANISH + ["--cost-per-lead", "25", "--margin", "60%",
                                           "--format", "json"]), plain)

    def test_volume_spellings_agree(self):
        want = self.ok(odds_args(["lead=1%"], 1000, "--deals", "5"))
        for spelling in ("1,000", "1k", "1e3", "1_000", "1000.0"):
            with self.subTest(spelling):
                self.assertEqual(self.ok(odds_args(["lead=1%"], spelling, "--deals", "5")),
                                 want)

    def test_json_from_a_file_of_options(self):
        tmp = tempfile.mkdtemp(prefix="funnelplan-odds-")
        try:
            path = os.path.join(tmp, "funnel.args")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# the Danish funnel\n--stage lead=12%\n--deals 12\n")
            self.assertEqual(self.ok(["odds", "@" + path, "--volume", "100", "--format",
                                      "json"]),
                             self.ok(DANISH + ["--format", "json"]))
        finally:
            shutil.rmtree(tmp)


class TestTableAndCsv(OddsTestCase):
    def test_revenue_target_table(self):
        out = self.ok(odds_args(["lead=10%", "opportunity=1/3"], 300, "--deal-size", "4000",
                                "--revenue", "50,000", fmt="table"))
        self.assertIn("Target per month: revenue 50,000 at a deal size of 4,000, "
                      "i.e. 13 deals.\n", out)
        self.assertIn("\nRevenue: expected 40,000; ", out)
        self.assertIn("300 leads per month give a ", out)
        self.assertIn("\nLeads needed per month for a chance of 13 deals:\n", out)

    def test_every_level_has_a_line(self):
        d = self.json_of(DANISH + ["--confidence", "33%", "--format", "json"])
        out = self.ok(DANISH + ["--confidence", "33%"])
        lines = [l for l in out.split("\n") if re.match(r"^ +[\d,]+ leads per month give ", l)]
        self.assertEqual(len(lines), len(d["volume_for"]))
        width = len(lines[0])
        for line, v in zip(lines, d["volume_for"]):
            pct = ("%.4f" % (v["confidence"] * 100)).rstrip("0").rstrip(".") + "%"
            self.assertRegex(line, r"^ +%s leads per month give an? %s chance of 12 deals\.$"
                             % (re.escape("{:,}".format(v["volume"])), re.escape(pct)))
            # counts right-aligned: the word after them starts in one column
            self.assertEqual(line.index(" leads"), lines[0].index(" leads"))
        self.assertGreater(width, 0)

    def test_names_singular_and_plural(self):
        out = self.ok(["odds", "--stage", "sales=100%", "--deals", "1", "--volume", "1"])
        self.assertIn("1 sales per month gives a 100.0% chance of 1 deal (expected 1; ", out)
        self.assertIn("\nSales needed per month for a chance of 1 deal:\n", out)
        out = self.ok(["odds", "--stage", "opportunity=1/3", "--deals", "2", "--volume",
                       "9/year", "--per", "year"])
        self.assertIn("9 opportunities per year give an 85.7% chance", out)  # "ies"
        self.assertIn(" in 8 of 10 years).", out)

    def test_chances_that_round_to_the_ends_are_not_shown_as_certain(self):
        out = self.ok(["odds", "--stage", "lead=99%", "--deals", "1", "--volume", "2"])
        self.assertIn("2 leads per month give a >99.9% chance of 1 deal", out)  # 0.9999
        out = self.ok(["odds", "--stage", "lead=1%", "--deals", "5", "--volume", "10"])
        self.assertIn("10 leads per month give a <0.1% chance of 5 deals", out)
        out = self.ok(["odds", "--stage", "lead=50%", "--deals", "4", "--volume", "3"])
        self.assertIn("3 leads per month give a 0.0% chance of 4 deals", out)

    def test_csv_rows_follow_the_levels(self):
        args = odds_args(["lead=10%", "sql=50%"], 500, "--deals", "20", "--confidence", "2/3")
        d = self.json_of(args)
        rows = self.csv_rows(args[:-2] + ["--format", "csv"])
        self.assertEqual(rows[0], ["row", "volume", "per", "chance", "target_deals",
                                   "given_volume", "volume_per"])
        self.assertEqual(len(rows), 2 + len(d["volume_for"]))
        self.assertEqual(rows[1][:4], ["given", "500", "month", repr(d["p_hit"])])
        for row, v in zip(rows[2:], d["volume_for"]):
            self.assertEqual(row[0], "needed")
            self.assertEqual(float(row[3]), v["confidence"])
            self.assertEqual(row[1], str(v["volume"]))
            self.assertEqual(row[4], "20")

    def test_stage_names_are_escaped_in_json(self):
        name = 'say "hi", \\ リード'
        d = self.json_of(["odds", "--stage", name + "=50%", "--deals", "1", "--volume", "4",
                          "--history", name + "=1/2", "--trials", "100", "--format", "json"])
        self.assertEqual(d["at"], name)
        self.assertEqual(d["simulation"]["history"], [{"stage": name, "won": 1, "total": 2}])


# --------------------------------------------------------------------------
# plan --confidence

def ref_required_for(rates, deals, c):
    """For each stage: the least whole units entering it that reach the
    whole deals with chance c (brute force)."""
    k = whole_deals(deals)
    out = []
    for i in range(len(rates)):
        p = product(rates[i:])
        n = volume_for(p, k, c)
        assert clear_of(at_least(n, p, k), c) and clear_of(at_least(n - 1, p, k), c)
        out.append(n)
    return out


PLAN_CASES = [
    (base.EX4, Fr(9, 10), "90%"),
    (base.EX4B, Fr(1, 2), "0.5"),
    (base.EX5, Fr(3, 4), "3/4"),
    (base.EX2, Fr(95, 100), "95%"),
    (base.Case("three stages, a deal target of 3.5", "plan",
               [base.S("lead", "20%", Fr(1, 5)), base.S("sql", "50%", Fr(1, 2)),
                base.S("opportunity", "40%", Fr(2, 5))], deals=("3.5", Fr(7, 2))),
     Fr(4, 5), "80%"),
]


class TestPlanConfidence(OddsTestCase):
    def test_volumes_against_the_brute_force(self):
        for case, c, text in PLAN_CASES:
            with self.subTest(case.name, confidence=text):
                d = self.json_of(case.args("json") + ["--confidence", text])
                deals = case.reference()["deals"]
                rates = [s[2] for s in case.stages]
                want = ref_required_for(rates, deals, c)
                self.assertEqual([s["required_for_confidence"] for s in d["stages"]], want)
                for s in d["stages"]:
                    self.assertIs(type(s["required_for_confidence"]), int)
                self.assertEqual(Fr(d["confidence"]), Fr(float(c)))

    def test_danish_plan_needs_136_for_90_percent(self):
        d = self.json_of(base.EX4.args("json") + ["--confidence", "90%"])
        self.assertEqual(d["stages"][0]["required_whole"], 100)
        self.assertEqual(d["stages"][0]["required_for_confidence"], 136)

    def test_keys_and_order(self):
        plain = self.json_of(base.COST.args("json"))
        d = self.json_of(base.COST.args("json") + ["--confidence", "90%"])
        keys = list(plain)
        i = keys.index("deals_whole") + 1
        self.assertEqual(list(d), keys[:i] + ["confidence"] + keys[i:])
        self.assertEqual(d["confidence"], 0.9)
        for s, p in zip(d["stages"], plain["stages"]):
            self.assertEqual(list(s), list(p) + ["required_for_confidence"])
            self.assertEqual(list(p)[-1], "cost_per")
        # Nothing else changes.
        for s in d["stages"]:
            del s["required_for_confidence"]
        del d["confidence"]
        self.assertEqual(d, plain)

    def test_without_confidence_nothing_is_added(self):
        d = self.json_of(base.EX4.args("json"))
        self.assertNotIn("confidence", d)
        self.assertNotIn("required_for_confidence", d["stages"][0])
        self.assertNotIn("required_for_confidence", self.ok(base.EX4.args("csv")))
        self.assertNotIn("for 90%", self.ok(base.EX4.args("table")))

    def test_the_reference_plan_still_matches(self):
        for case in (base.EX1, base.COST, base.EX5):
            with self.subTest(case.name):
                d = self.json_of(case.args("json") + ["--confidence", "95%"])
                for s in d["stages"]:
                    del s["required_for_confidence"]
                del d["confidence"]
                self.assertMatches(d, case.reference())

    def test_csv_column(self):
        for case in (base.EX5, base.COST):
            with self.subTest(case.name):
                rows = self.csv_rows(case.args("csv") + ["--confidence", "90%"])
                plain = self.csv_rows(case.args("csv"))
                header = plain[0]
                i = header.index("required_per_month")
                self.assertEqual(rows[0], header[:i] + ["required_for_confidence"] + header[i:])
                d = self.json_of(case.args("json") + ["--confidence", "90%"])
                for row, p, s in zip(rows[1:], plain[1:], d["stages"]):
                    self.assertEqual(row[:i] + row[i + 1:], p)
                    self.assertEqual(row[i], str(s["required_for_confidence"]))

    def test_table_column(self):
        out = self.ok(base.EX5.args("table") + ["--confidence", "90%"])
        lines = out.split("\n")
        header = next(l for l in lines if l.startswith("stage"))
        self.assertIn("whole/month  for 90%", header)
        d = self.json_of(base.EX5.args("json") + ["--confidence", "90%"])
        for s in d["stages"]:
            row = next(l for l in lines if l.startswith(s["name"] + " "))
            cells = row.split()
            self.assertEqual(cells[4], "{:,}".format(s["required_for_confidence"]))
        self.assertIn("for 90%: the least whole units entering each stage per month that "
                      "give a 90% chance of 10 deals", out)

    def test_confidence_is_not_repeated_in_plan(self):
        self.assertRefused(base.EX4.args("json") + ["--confidence", "90%", "--confidence",
                                                    "80%"], 2, "--confidence '80%'",
                           "more than once")


# --------------------------------------------------------------------------
# Monte Carlo

SIM = DANISH + ["--simulate"]
SIM_REVENUE = ["odds", "--stage", "lead=12%", "--stage", "opportunity=50%", "--deal-size",
               "4000", "--revenue", "30,000", "--volume", "150", "--deal-size-cv", "0.5",
               "--history", "opportunity=5/10", "--history", "lead=30/250", "--trials", "4000"]


class TestSimulation(OddsTestCase):
    def test_simulation_object(self):
        d = self.json_of(SIM + ["--format", "json"])
        s = d["simulation"]
        self.assertEqual(list(s), SIM_KEYS)
        self.assertEqual(s["trials"], 10000)
        self.assertEqual(s["seed"], 1)
        self.assertEqual(s["deal_size_cv"], 0)
        self.assertIsNone(s["deal_size_distribution"])
        self.assertEqual(s["history"], [])
        self.assertEqual(s["judged_on"], "deals")
        self.assertIsNone(s["expected_revenue"])
        self.assertIsNone(s["revenue_quantiles"])
        self.assertEqual(list(s["deals_quantiles"]), QUANTILE_KEYS)
        for v in s["deals_quantiles"].values():
            self.assertIs(type(v), int)
        self.assertEqual(list(s["std_error"]), STD_ERROR_KEYS)
        self.assertIsNone(s["std_error"]["expected_revenue"])
        self.assertIsNone(s["std_error"]["revenue_quantiles"])
        self.assertEqual(list(s["std_error"]["deals_quantiles"]), QUANTILE_KEYS)
        # The exact part is the same with or without the simulation.
        plain = self.json_of(DANISH + ["--format", "json"])
        del d["simulation"]
        del plain["simulation"]
        self.assertEqual(d, plain)

    def test_p_hit_within_four_standard_errors_of_the_exact_chance(self):
        runs = [SIM, DANISH + ["--seed", "12345", "--trials", "40000"],
                odds_args(["lead=10%", "sql=50%", "opportunity=25%"], 80, "--deals", "9",
                          "--at", "sql", "--trials", "20000", "--seed", "99")[:-2],
                odds_args(["lead=2%"], 200, "--deals", "2", "--simulate")[:-2]]
        for args in runs:
            with self.subTest(args=args):
                d = self.json_of(args + ["--format", "json"])
                s = d["simulation"]
                se = s["std_error"]["p_hit"]
                self.assertGreater(se, 0)
                self.assertLessEqual(abs(s["p_hit"] - d["p_hit"]), 4 * se,
                                     "simulated %r, exact %r, se %r"
                                     % (s["p_hit"], d["p_hit"], se))
                # its own standard error is the binomial one
                t = s["trials"]
                self.assertAlmostEqual(se, math.sqrt(s["p_hit"] * (1 - s["p_hit"]) / t),
                                       delta=1e-12)
                self.assertLessEqual(abs(s["expected_deals"] - d["expected_deals"]),
                                     4 * s["std_error"]["expected_deals"])

    def test_figures_are_the_reference_draws(self):
        # The seed fixes every figure: tests/python/fpl_rng_reference.py,
        # written from the generator's specification, draws the same numbers
        # (rates from their Beta posteriors, gamma revenue). Lead 30/250 and
        # opportunity 5/10 from history; 30,000 at 4,000 a deal is 8 deals.
        d = self.json_of(SIM_REVENUE + ["--seed", "42", "--format", "json"])
        s = d["simulation"]
        want = fpl_rng_reference.simulate([0.12, 0.5], 150, 8, 4000, 42, deal_size=4000.0,
                                          cv=0.5, revenue=30000.0,
                                          history={0: (30, 250), 1: (5, 10)})
        self.assertEqual(s["judged_on"], "revenue")
        self.assertEqual(s["p_hit"], want["p_hit"])
        self.assertEqual(s["std_error"]["p_hit"], want["p_hit_se"])
        self.assertEqual(s["expected_deals"], want["expected_deals"])
        self.assertEqual(s["std_error"]["expected_deals"], want["expected_deals_se"])
        self.assertEqual(s["expected_revenue"], want["expected_revenue"])
        self.assertEqual(s["std_error"]["expected_revenue"], want["expected_revenue_se"])
        for key, name in (("deals_quantiles", "deals_quantiles"),
                          ("revenue_quantiles", "revenue_quantiles")):
            got = [(s[key][q], s["std_error"][key][q]) for q in QUANTILE_KEYS]
            self.assertEqual(got, want[name], key)

    def test_same_seed_gives_byte_identical_output(self):
        for fmt in ("json", "table", "csv"):
            with self.subTest(fmt=fmt):
                a = self.ok(SIM_REVENUE + ["--seed", "42", "--format", fmt])
                b = self.ok(SIM_REVENUE + ["--seed", "42", "--format", fmt])
                self.assertEqual(a, b)
        # The default seed is 1.
        self.assertEqual(self.ok(SIM_REVENUE + ["--format", "json"]),
                         self.ok(SIM_REVENUE + ["--seed", "1", "--format", "json"]))
        self.assertEqual(self.ok(SIM + ["--format", "json"]),
                         self.ok(DANISH + ["--seed", "1", "--format", "json"]))

    def test_different_seeds_give_different_figures(self):
        a = self.json_of(SIM_REVENUE + ["--seed", "1", "--format", "json"])
        b = self.json_of(SIM_REVENUE + ["--seed", "2", "--format", "json"])
        self.assertNotEqual(a["simulation"], b["simulation"])
        self.assertEqual(b["simulation"]["seed"], 2)
        # The exact model does not depend on the seed.
        del a["simulation"]
        del b["simulation"]
        self.assertEqual(a, b)

    def test_varying_sizes_and_history(self):
        d = self.json_of(SIM_REVENUE + ["--format", "json"])
        s = d["simulation"]
        self.assertEqual(s["trials"], 4000)
        self.assertEqual(s["deal_size_cv"], 0.5)
        self.assertEqual(s["deal_size_distribution"], "gamma")
        # funnel order, whatever the order given
        self.assertEqual(s["history"], [{"stage": "lead", "won": 30, "total": 250},
                                        {"stage": "opportunity", "won": 5, "total": 10}])
        for h in s["history"]:
            self.assertIs(type(h["won"]), int)
            self.assertIs(type(h["total"]), int)
        self.assertEqual(s["judged_on"], "revenue")
        self.assertIsInstance(s["expected_revenue"], (int, float))
        self.assertEqual(list(s["revenue_quantiles"]), QUANTILE_KEYS)
        self.assertEqual(list(s["std_error"]["revenue_quantiles"]), QUANTILE_KEYS)
        self.assertLessEqual(s["revenue_quantiles"]["p10"], s["revenue_quantiles"]["p50"])
        self.assertLessEqual(s["revenue_quantiles"]["p50"], s["revenue_quantiles"]["p90"])
        self.assertTrue(0 <= s["p_hit"] <= 1)

    def test_fixed_sizes_with_a_revenue_target_are_judged_on_deals(self):
        d = self.json_of(["odds", "--stage", "lead=12%", "--deal-size", "4000", "--revenue",
                          "48,000", "--volume", "100", "--deal-size-cv", "0", "--format",
                          "json"])
        s = d["simulation"]
        self.assertEqual(s["judged_on"], "deals")
        self.assertEqual(s["deal_size_cv"], 0)
        self.assertIsNone(s["deal_size_distribution"])
        self.assertIsInstance(s["expected_revenue"], (int, float))

    def test_no_variation_needs_no_deal_size(self):
        d = self.json_of(DANISH + ["--deal-size-cv", "0", "--trials", "500", "--format",
                                   "json"])
        s = d["simulation"]
        self.assertEqual(s["deal_size_cv"], 0)
        self.assertIsNone(s["deal_size_distribution"])
        self.assertIsNone(s["expected_revenue"])
        self.assertEqual(self.ok(DANISH + ["--deal-size-cv", "0", "--trials", "500"]),
                         self.ok(DANISH + ["--trials", "500"]))

    def test_seed_spellings(self):
        d = self.json_of(DANISH + ["--seed", "18446744073709551615", "--trials", "100",
                                   "--format", "json"])
        self.assertEqual(d["simulation"]["seed"], 18446744073709551615)
        self.assertEqual(self.ok(DANISH + ["--seed", "007", "--trials", "100"]),
                         self.ok(DANISH + ["--seed", "7", "--trials", "100"]))
        d = self.json_of(DANISH + ["--seed", "0", "--trials", "100", "--format", "json"])
        self.assertEqual(d["simulation"]["seed"], 0)

    def test_trials_spellings(self):
        want = self.ok(DANISH + ["--trials", "2000", "--format", "json"])
        for spelling in ("2k", "2,000", "2e3", "2_000"):
            with self.subTest(spelling):
                self.assertEqual(self.ok(DANISH + ["--trials", spelling, "--format", "json"]),
                                 want)

    def test_simulation_table(self):
        out = self.ok(SIM_REVENUE)
        self.assertIn("\nSimulation (4,000 trials, seed 1): a", out)
        self.assertIn("chance of revenue 30,000.\n", out)
        self.assertIn("\n  Deals: expected ", out)
        self.assertIn("\n  Revenue: expected ", out)
        self.assertIn("\n  Deal sizes vary around 4,000 (gamma distributed, coefficient of "
                      "variation 0.5).\n", out)
        self.assertIn("\n  lead: the rate is drawn in every trial from its history, "
                      "30 of 250 moved on.\n", out)
        self.assertLess(out.index("  lead: "), out.index("  opportunity: "))
        out = self.ok(SIM)
        self.assertRegex(out, r"\nSimulation \(10,000 trials, seed 1\): an? [\d.]+% \u00B1 "
                              r"[\d.]+% chance of 12 deals\.\n")
        self.assertNotIn("Revenue", out)


# --------------------------------------------------------------------------

V = DANISH
V_DS = ["odds", "--stage", "lead=12%", "--stage", "sql=50%", "--deal-size", "4000",
        "--deals", "12", "--volume", "300"]
CONFIDENCE_17 = [a for i in range(17) for a in ("--confidence", "%d%%" % (i + 10))]

# (arguments, texts the one error line must contain)
BAD = [
    # the volume
    (["odds", "--stage", "lead=12%", "--deals", "12"], ["odds", "--volume COUNT is needed"]),
    (V[:-1] + ["12.5"], ["--volume '12.5'", "whole number"]),
    (V[:-1] + ["0.5"], ["--volume '0.5'"]),
    (V[:-1] + ["0"], ["--volume '0'", "positive"]),
    (V[:-1] + ["-100"], ["--volume '-100'", "negative"]),
    (V[:-1] + ["1e16"], ["--volume '1e16'", "2^53"]),
    (V[:-1] + [""], ["--volume ''", "empty"]),
    (V[:-1] + ["nan"], ["--volume 'nan'"]),
    (V[:-1] + ["inf"], ["--volume 'inf'"]),
    (V + ["--volume", "100"], ["--volume '100'", "more than once"]),
    (V + ["--at", "closing"], ["--at 'closing'", "no stage"]),
    # the target
    (["odds", "--stage", "lead=12%", "--volume", "100"],
     ["odds: a target is needed: --revenue with --deal-size, or --deals"]),
    (["odds", "--stage", "lead=12%", "--revenue", "5000", "--volume", "100"],
     ["--revenue '5000'", "deal size"]),
    (V + ["--revenue", "5"], ["--revenue '5'", "--deals"]),
    (["odds", "--deals", "12", "--volume", "100"], ["odds", "--stage"]),
    # --confidence
    (V + ["--confidence", "100%"], ["--confidence '100%'", "between 0% and 100%"]),
    (V + ["--confidence", "1"], ["--confidence '1'", "between 0% and 100%"]),
    (V + ["--confidence", "0"], ["--confidence '0'", "between 0% and 100%"]),
    (V + ["--confidence", "0%"], ["--confidence '0%'", "between 0% and 100%"]),
    (V + ["--confidence", "150%"], ["--confidence '150%'", "between 0% and 100%"]),
    (V + ["--confidence", "75%", "--confidence", "1.5", "--confidence", "2"],
     ["--confidence '1.5'", "between 0% and 100%"]),
    (V + ["--confidence", "-5%"], ["--confidence '-5%'", "negative"]),
    (V + ["--confidence", ""], ["--confidence ''", "empty"]),
    (V + ["--confidence", "nan"], ["--confidence 'nan'"]),
    (V + ["--confidence", "inf"], ["--confidence 'inf'"]),
    (V + ["--confidence", "1/0"], ["--confidence '1/0'"]),
    (V + ["--confidence", "90%%"], ["--confidence '90%%'"]),
    (V + CONFIDENCE_17, ["--confidence '26%'", "at most 16"]),
    (V + ["--confidence"], ["--confidence", "value is needed"]),
    # --trials
    (V + ["--trials", "0"], ["--trials '0'", "from 1 to 10000000"]),
    (V + ["--trials", "1e8"], ["--trials '1e8'", "from 1 to 10000000"]),
    (V + ["--trials", "10000001"], ["--trials '10000001'", "from 1 to 10000000"]),
    (V + ["--trials", "12.5"], ["--trials '12.5'", "whole number"]),
    (V + ["--trials", "0.5"], ["--trials '0.5'"]),
    (V + ["--trials", "-10"], ["--trials '-10'", "negative"]),
    (V + ["--trials", ""], ["--trials ''", "empty"]),
    (V + ["--trials", "nan"], ["--trials 'nan'"]),
    (V + ["--trials", "inf"], ["--trials 'inf'"]),
    (V + ["--trials", "1e999"], ["--trials '1e999'"]),
    (V + ["--trials", "100", "--trials", "200"], ["--trials '200'", "more than once"]),
    # --seed
    (V + ["--seed", "-1"], ["--seed '-1'", "seed must be a whole number from 0 to "
                                           "18446744073709551615"]),
    (V + ["--seed", "abc"], ["--seed 'abc'", "seed must be a whole number"]),
    (V + ["--seed", "18446744073709551616"], ["--seed '18446744073709551616'",
                                              "18446744073709551615"]),
    (V + ["--seed", "99999999999999999999999"], ["--seed '99999999999999999999999'"]),
    (V + ["--seed", ""], ["--seed ''", "seed must be"]),
    (V + ["--seed", "1.5"], ["--seed '1.5'"]),
    (V + ["--seed", "1e3"], ["--seed '1e3'"]),
    (V + ["--seed", "+7"], ["--seed '+7'"]),
    (V + ["--seed", " 7"], ["--seed ' 7'"]),
    (V + ["--seed", "1,000"], ["--seed '1,000'"]),
    (V + ["--seed", "nan"], ["--seed 'nan'"]),
    (V + ["--seed", "inf"], ["--seed 'inf'"]),
    # --deal-size-cv
    (V_DS + ["--deal-size-cv", "-1"], ["--deal-size-cv '-1'", "negative"]),
    (V + ["--deal-size-cv", "0.5"], ["--deal-size-cv '0.5'", "a deal size is needed"]),
    (["odds", "--stage", "lead=12%", "--deals", "12", "--volume", "100", "--deal-size-cv",
      "1e-3"], ["--deal-size-cv '1e-3'", "a deal size is needed"]),
    (V_DS + ["--deal-size-cv", "1e-4"], ["--deal-size-cv '1e-4'", "0 or from 0.001 to 10"]),
    (V_DS + ["--deal-size-cv", "10.5"], ["--deal-size-cv '10.5'", "0 or from 0.001 to 10"]),
    (V_DS + ["--deal-size-cv", "1e6"], ["--deal-size-cv '1e6'"]),
    (V_DS + ["--deal-size-cv", ""], ["--deal-size-cv ''", "empty"]),
    (V_DS + ["--deal-size-cv", "nan"], ["--deal-size-cv 'nan'"]),
    (V_DS + ["--deal-size-cv", "inf"], ["--deal-size-cv 'inf'"]),
    (V_DS + ["--deal-size-cv", "1e999"], ["--deal-size-cv '1e999'"]),
    (V_DS + ["--deal-size-cv", "50%"], ["--deal-size-cv '50%'"]),
    # --history
    (V + ["--history", "lead=13/12"], ["--history 'lead=13/12'", "WON/TOTAL"]),
    (V + ["--history", "nosuch=1/2"], ["--history 'nosuch=1/2'", "no stage"]),
    (V + ["--history", "lead=1/0"], ["--history 'lead=1/0'", "TOTAL >= 1"]),
    (V + ["--history", "lead=0/0"], ["--history 'lead=0/0'", "WON/TOTAL"]),
    (V + ["--history", "lead=1.5/10"], ["--history 'lead=1.5/10'", "whole numbers"]),
    (V + ["--history", "lead=-1/10"], ["--history 'lead=-1/10'"]),
    (V + ["--history", "lead=12"], ["--history 'lead=12'"]),
    (V + ["--history", "lead=12/"], ["--history 'lead=12/'"]),
    (V + ["--history", "lead=/100"], ["--history 'lead=/100'"]),
    (V + ["--history", "lead=nan/100"], ["--history 'lead=nan/100'"]),
    (V + ["--history", "lead=1/inf"], ["--history 'lead=1/inf'"]),
    (V + ["--history", "lead="], ["--history 'lead='"]),
    (V + ["--history", "lead"], ["--history 'lead'", "STAGE=WON/TOTAL"]),
    (V + ["--history", ""], ["--history ''", "STAGE=WON/TOTAL"]),
    (V + ["--history", "=1/2"], ["--history '=1/2'"]),
    (V + ["--history", "Lead=1/2"], ["--history 'Lead=1/2'", "no stage"]),
    (V + ["--history", "lead=1/2", "--history", "lead=3/4"],
     ["--history 'lead=3/4'", "given already"]),
    (V_DS + ["--history", "sql=1/2", "--history", "lead=1/9", "--history", "sql=1/2"],
     ["--history 'sql=1/2'", "given already"]),
    # a history the library cannot use: the stage is above --at
    (V_DS + ["--at", "sql", "--history", "sql=1/2", "--history", "lead=1/9"],
     ["--history 'lead=1/9'", "a history must be on a stage the volume passes through"]),
    # --simulate is a flag
    (V + ["--simulate=yes"], ["--simulate 'yes'", "takes no value"]),
    (V + ["--simulate", "--simulate"], ["--simulate", "more than once"]),
    # options of other commands, and odds options elsewhere
    (V + ["--change", "lead=+1pp"], ["unknown option", "'--change'", "for this command"]),
    (V + ["--for", "lead"], ["unknown option", "'--for'"]),
    (base.EX3.args("json") + ["--trials", "100"], ["unknown option", "'--trials'"]),
    (base.EX3.args("json") + ["--confidence", "90%"], ["unknown option", "'--confidence'"]),
    (base.EX4.args("json") + ["--simulate"], ["unknown option", "'--simulate'"]),
    (base.EX4.args("json") + ["--seed", "1"], ["unknown option", "'--seed'"]),
    # plan --confidence
    (base.EX4.args("json") + ["--confidence", "100%"],
     ["--confidence '100%'", "between 0% and 100%"]),
    (base.EX4.args("json") + ["--confidence", "0"], ["--confidence '0'"]),
    (base.EX4.args("json") + ["--confidence", "nan"], ["--confidence 'nan'"]),
    (base.EX4.args("json") + ["--confidence", ""], ["--confidence ''", "empty"]),
    (base.EX4.args("json") + ["--confidence", "inf"], ["--confidence 'inf'"]),
]


# The manager: 1.2M a year at deals of 10,000 (120 deals), 600 leads
# a month at 10% then 20% (p = 1/50).
MANAGER = ["odds", "--stage", "lead=10%", "--stage", "deal=20%", "--deal-size", "10k",
           "--revenue", "1.2M", "--per", "year"]


class TestVolumePeriod(OddsTestCase):
    """A volume carries its own period: 600 a month for a yearly target are
    7,200 a year, Bin(7200, 1/50) against 120 deals."""

    P = Fr(1, 50)

    def test_a_monthly_volume_for_a_yearly_target(self):
        d = self.json_of(MANAGER + ["--volume", "600/month", "--format", "json"])
        exact = at_least(7200, self.P, 120)
        self.assertEqual(d["volume"], 7200)
        self.assertEqual(d["given_volume"], 600)
        self.assertEqual((d["per"], d["volume_per"]), ("year", "month"))
        self.assertLessEqual(abs(Fr(d["p_hit"]) - exact), Fr(1, 10 ** 12))
        self.assertEqual(round(float(exact), 4), 0.9826)
        self.assertLessEqual(abs(Fr(d["expected_deals"]) - 144), Fr(144, 10 ** 14))
        for level in d["volume_for"]:
            n, c = level["volume"], Fr(level["confidence"])
            self.assertGreaterEqual(at_least(n, self.P, 120), c)
            self.assertLess(at_least(n - 1, self.P, 120), c)
            self.assertEqual(level["given_volume"], -(-n // 12))
        # what the bare 600 used to be: 600 a year, a chance below 10^-79
        self.assertLess(at_least(600, self.P, 120), Fr(1, 10 ** 79))

    def test_the_table_states_both_periods(self):
        out = self.ok(MANAGER + ["--volume", "600/month"])
        self.assertIn("Target per year: revenue 1,200,000 at a deal size of 10,000, "
                      "i.e. 120 deals.\n\n7,200 leads per year (600 per month) give a 98.3% "
                      "chance of 120 deals (expected 144; ", out)
        self.assertIn("\nLeads needed per year for a chance of 120 deals:\n"
                      "  5,984 leads per year (499 per month) give a 50% chance of 120 deals.\n",
                      out)

    def test_the_csv_rows_each_their_own(self):
        rows = self.csv_rows(MANAGER + ["--volume", "600/month", "--format", "csv"])
        d = self.json_of(MANAGER + ["--volume", "600/month", "--format", "json"])
        self.assertEqual(rows[1], ["given", "7200", "year", repr(d["p_hit"]), "120", "600",
                                   "month"])
        self.assertEqual(rows[2], ["needed", "5984", "year", "0.5", "120", "499", "month"])
        self.assertEqual(len(rows), 2 + len(d["volume_for"]))

    def test_every_spelling_of_the_same_volume_agrees(self):
        want = self.json_of(MANAGER + ["--volume", "600/month", "--format", "json"])
        for spelling, given, per in (("1,800/quarter", 1800, "quarter"),
                                     ("7.2k/year", 7200, "year")):
            with self.subTest(spelling):
                d = self.json_of(MANAGER + ["--volume", spelling, "--format", "json"])
                self.assertEqual((d["p_hit"], d["volume"]), (want["p_hit"], 7200))
                self.assertEqual((d["given_volume"], d["volume_per"]), (given, per))

    def test_a_yearly_volume_for_a_monthly_target_splits_exactly(self):
        d = self.json_of(["odds", "--stage", "lead=12%", "--deals", "12", "--volume",
                          "1,200/year", "--format", "json"])
        self.assertEqual((d["volume"], d["given_volume"]), (100, 1200))
        self.assertLessEqual(abs(Fr(d["p_hit"]) - at_least(100, Fr(12, 100), 12)),
                             Fr(1, 10 ** 12))
        self.assertEqual([v["given_volume"] for v in d["volume_for"]],
                         [12 * n for n in (97, 122, 136, 149, 174)])
        err = self.assertRefused(["odds", "--stage", "lead=12%", "--deals", "12", "--volume",
                                  "1,201/year"], 2)
        self.assertEqual(err, "funnelplan: --volume '1,201/year': the volume does not split "
                              "into whole units per period of the target\n")

    def test_a_bare_volume_needs_a_monthly_target(self):
        for per in ("quarter", "year"):
            with self.subTest(per):
                err = self.assertRefused(["odds", "--stage", "lead=12%", "--deals", "12",
                                          "--per", per, "--volume", "600"], 2)
                self.assertEqual(err, "funnelplan: --volume '600': the volume needs its "
                                      "period, as the target is not per month: write "
                                      "600/month, 600/quarter or 600/year\n")
        # --per after --volume: the same
        err = self.assertRefused(["odds", "--stage", "lead=12%", "--deals", "12", "--volume",
                                  "600", "--per", "year"], 2)
        self.assertIn("write 600/month, 600/quarter or 600/year", err)

    def test_the_simulation_reads_the_same_volume(self):
        d = self.json_of(MANAGER + ["--volume", "600/month", "--trials", "4000", "--format",
                                    "json"])
        sim = d["simulation"]
        self.assertLess(abs(sim["expected_deals"] - 144), 4 * sim["std_error"]["expected_deals"])
        self.assertLess(abs(sim["p_hit"] - d["p_hit"]), 4 * sim["std_error"]["p_hit"] + 1e-9)

    def test_a_history_is_exactly_won_of_total(self):
        err = self.assertRefused(DANISH + ["--history", "lead=12/100/2"], 2)
        self.assertEqual(err, "funnelplan: --history 'lead=12/100/2': history must be "
                              "WON/TOTAL with whole numbers, 0 <= WON <= TOTAL and "
                              "TOTAL >= 1\n")


class TestOddsErrors(OddsTestCase):
    def test_bad_argument_table(self):
        self.assertGreaterEqual(len(BAD), 80)
        for args, needles in BAD:
            with self.subTest(args=args):
                self.assertRefused(args, 2, *needles)

    def test_messages_are_the_library_messages(self):
        err = self.assertRefused(V + ["--confidence", "100%"], 2)
        self.assertEqual(err, "funnelplan: --confidence '100%': "
                              "confidence must be between 0% and 100%, both excluded\n")
        err = self.assertRefused(V[:-1] + ["12.5"], 2)
        self.assertEqual(err, "funnelplan: --volume '12.5': "
                              "volume must be a whole number of units (at most 2^53)\n")
        err = self.assertRefused(V + ["--trials", "0"], 2)
        self.assertEqual(err, "funnelplan: --trials '0': "
                              "trials must be a whole number from 1 to 10000000\n")
        err = self.assertRefused(V + ["--history", "lead=13/12"], 2)
        self.assertEqual(err, "funnelplan: --history 'lead=13/12': history must be WON/TOTAL "
                              "with whole numbers, 0 <= WON <= TOTAL and TOTAL >= 1\n")
        err = self.assertRefused(V + ["--seed", "abc"], 2)
        self.assertEqual(err, "funnelplan: --seed 'abc': "
                              "seed must be a whole number from 0 to 18446744073709551615\n")

    def test_sixteen_levels_then_the_seventeenth_is_named(self):
        err = self.assertRefused(V + CONFIDENCE_17, 2)
        self.assertEqual(err, "funnelplan: --confidence '26%': "
                              "at most 16 confidence levels at once\n")

    def test_no_answer_exits_1(self):
        # 10^9 deals at a rate of 10^-9 need a volume above 2^53: odds still
        # answers the chance (0) and says so per level; plan --confidence
        # has no answer.
        got = self.json_of(["odds", "--stage", "lead=1e-9", "--deals", "1e9", "--volume", "100",
                            "--format", "json"])
        self.assertEqual(got["p_hit"], 0)
        self.assertEqual([lv["volume"] for lv in got["volume_for"]], [None] * 5)
        out = self.ok(["odds", "--stage", "lead=1e-9", "--deals", "1e9", "--volume", "100"])
        self.assertIn("a 90% chance needs more than 2^53 units", out)
        self.assertRefused(["plan", "--stage", "lead=1e-9", "--deals", "1e9", "--confidence",
                            "90%"], 1, "2^53")


class TestHelpAndOutput(OddsTestCase):
    ODDS_OPTIONS = ["--stage", "--revenue", "--deals", "--deal-size", "--volume", "--at",
                    "--confidence", "--simulate", "--trials", "--seed", "--deal-size-cv",
                    "--history", "--per", "--cost-per-lead", "--margin", "--format", "--help"]

    def test_global_help_lists_odds(self):
        out = self.ok(["--help"])
        section = out.split("Commands:\n")[1].split("\n\n")[0]
        self.assertRegex(section, r"(?m)^  odds {2,}\S")
        self.assertIn("funnelplan odds --stage NAME=RATE... --volume COUNT[/PERIOD] TARGET", out)

    def test_odds_help_comes_from_the_option_table(self):
        for args in (["odds", "--help"], ["--help", "odds"], ["odds", "--seed", "x", "--help"]):
            with self.subTest(args=args):
                out = self.ok(args)
                self.assertTrue(out.startswith("Usage: funnelplan odds"), out)
                options = re.findall(r"^  (--[a-z-]+)", out, re.M)
                self.assertEqual(options, self.ODDS_OPTIONS)
                self.assertIn("CSV: a header and a row for the volume given, then one row per confidence\nlevel", out)
                self.assertIn("Exit status", out)
                self.assertIn("18446744073709551615", out)

    def test_plan_help_has_confidence(self):
        out = self.ok(["plan", "--help"])
        self.assertIn("--confidence RATE", out)
        self.assertIn("required_for_confidence", out)
        self.assertNotIn("--trials", out)

    def test_output_that_cannot_be_written_exits_3(self):
        if not os.path.exists("/dev/full"):
            if sys.platform.startswith("linux"):
                self.fail("/dev/full is missing")
            self.skipTest("no /dev/full on this system")
        runs = [DANISH + ["--format", fmt] for fmt in ("table", "json", "csv")]
        runs += [SIM + ["--format", "json"], ["odds", "--help"],
                 base.EX4.args("table") + ["--confidence", "90%"]]
        for args in runs:
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                r = run(args, stdout=full)
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, 3, err)
                self.assertTrue(err.startswith("funnelplan: cannot write output: "), err)
                self.assertEqual(err.count("\n"), 1, err)


if __name__ == "__main__":
    unittest.main()

# funnelplan — Funnel.whatif: worked example 3, both modes, ROI, refusals,
# and random questions against an exact Fraction reference.
# SPDX-License-Identifier: MIT
"""``Funnel.whatif(...)`` (SPEC "whatif", issue 4).

Exact values are Fractions of the decimals written; a delta is a difference,
so its error is judged against the larger of the two figures it is the
difference of. Set FUNNELPLAN_TEST_SEED to explore other random cases; a
failure names the seed and the case.
"""

import dataclasses
import decimal
import math
import os
import random
import unittest
from ctypes import byref, c_size_t
from fractions import Fraction

from fpl_support import close, questions
from fpl_whatif_support import EDGE, whatif_questions

import funnelplan as fp
from funnelplan import _native

SEED = int(os.environ.get("FUNNELPLAN_TEST_SEED", "20261124"))
COUNT = 400


class Mismatch(AssertionError):
    pass


def check(label, got, exact, scale=None):
    """``got`` is the double of ``exact`` within 1e-12 of ``scale``
    (default |exact|); None must match None."""
    if exact is None or got is None:
        if not (exact is None and got is None):
            raise Mismatch("%s: got %r, expected %r" % (label, got, exact))
        return
    if not isinstance(got, float):
        raise Mismatch("%s: %r is a %s, not a float" % (label, got, type(got).__name__))
    if not close(got, exact, scale):
        raise Mismatch("%s: got %r, exact %s (%r), scale %r"
                       % (label, got, exact, float(exact),
                          None if scale is None else float(scale)))


class ExactMixin:
    def assertExact(self, got, exact, msg=None):
        self.assertIsInstance(got, float, msg)
        self.assertTrue(close(got, Fraction(exact)),
                        "%s: %r is not %s within 1e-12" % (msg or "value", got, exact))

    def assertStatus(self, call, status, input_error=True, exc_type=fp.FunnelError):
        with self.assertRaises(exc_type) as cm:
            call()
        self.assertEqual(cm.exception.status, status, str(cm.exception))
        self.assertEqual(cm.exception.is_input_error, input_error, status)
        return cm.exception


def example_3():
    return fp.Funnel([("opportunity", "33%")], deal_size=4000)


class WorkedExample3(ExactMixin, unittest.TestCase):
    """EXAMPLES.md 3: 75 opportunities a month, close rate 33% improved by 10%
    (relative) to 36.3%, deals of 4,000, over 12 months."""

    def whatif(self, **kw):
        return example_3().whatif(volume=75, at="opportunity", changes={"opportunity": "+10%"},
                                  horizon=12, **kw)

    def test_revenue_gained_over_12_months_is_118800_not_118000(self):
        w = self.whatif()
        exact = 75 * (Fraction(33, 100) * Fraction(11, 10) - Fraction(33, 100)) * 4000 * 12
        self.assertEqual(exact, 118800)
        self.assertExact(w.delta.revenue_horizon, exact, "revenue over 12 months")
        self.assertNotEqual(round(w.delta.revenue_horizon), 118000)  # the source's slip
        self.assertExact(w.delta.revenue, 9900, "revenue a month")
        self.assertExact(w.delta.gain_horizon, 118800)
        self.assertExact(w.delta.deals * 12, Fraction(297, 10), "deals gained a year")
        self.assertEqual(w.delta.volume, 0.0)
        self.assertIsNone(w.delta.cost)
        self.assertIsNone(w.delta.cost_horizon)

    def test_baseline_and_scenario_over_a_year(self):
        w = self.whatif()
        self.assertEqual((w.per, w.horizon, w.mode), ("month", 12, "volume"))
        self.assertIsInstance(w.horizon, int)
        self.assertIsInstance(w.baseline, fp.Forecast)
        self.assertIsInstance(w.scenario, fp.Forecast)
        year_b = w.baseline.by_period.year
        year_s = w.scenario.by_period.year
        self.assertExact(year_b.stages[0].expected, 900, "opportunities a year")
        self.assertExact(year_b.deals, 297)
        self.assertExact(year_b.revenue, 1188000)
        self.assertExact(year_s.deals, Fraction(3267, 10), "scenario deals a year")
        self.assertExact(year_s.revenue, 1306800)
        self.assertEqual("{:,.1f}".format(year_s.deals), "326.7")
        # What counting whole deals would show (the table's note): 326, 1,304,000.
        self.assertEqual(math.floor(year_s.deals), 326)
        self.assertEqual(math.floor(year_s.deals) * 4000, 1304000)
        # The scenario is the changed funnel: same names, the changed rate.
        self.assertEqual([s.name for s in w.scenario.stages], ["opportunity"])
        self.assertEqual(w.scenario.stages[0].rate, 0.33 * (1 + 0.1))
        self.assertExact(w.scenario.stages[0].rate, Fraction(363, 1000))
        self.assertEqual(w.baseline.stages[0].rate, 0.33)
        self.assertEqual(w.baseline, example_3().forecast(75, at="opportunity"))
        self.assertEqual(w.changes, (fp.Change("opportunity", "relative", 0.1),))
        self.assertEqual(w.margin, 1.0)

    def test_roi_and_payback_of_50000(self):
        w = self.whatif(invest=50000)
        self.assertExact(w.invest, 50000)
        self.assertExact(w.roi, Fraction(118800 - 50000, 50000), "roi")
        self.assertExact(w.payback_periods, Fraction(50000, 9900), "payback in months")
        self.assertEqual("{:.2f}".format(w.payback_periods), "5.05")
        d = w.to_dict()
        self.assertEqual(list(d)[-3:], ["invest", "roi", "payback_periods"])
        self.assertNotIn("invest", self.whatif().to_dict())

    def test_the_same_through_strings_and_numbers(self):
        a = self.whatif(invest=50000)
        b = fp.Funnel([("opportunity", 0.33)]).whatif(
            volume="75", changes=[("opportunity", "+10%")], horizon="12", invest="50k",
            deal_size="4,000")
        c = example_3().whatif(volume=75, changes=["opportunity=+10%"], horizon=12.0,
                               invest=50_000)
        self.assertEqual(a, b)
        self.assertEqual(a.to_dict(), c.to_dict())

    def test_the_spec_call(self):
        funnel = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
        w = funnel.whatif(volume=75, at="accepted", changes={"accepted": "+10%"}, horizon=12,
                          invest=50_000)
        gained = 75 * Fraction(1, 10) * Fraction(1, 10) * 50000  # a month
        self.assertExact(w.delta.revenue, gained)
        self.assertExact(w.delta.revenue_horizon, gained * 12)
        self.assertExact(w.roi, (gained * 12 - 50000) / 50000)
        self.assertExact(w.payback_periods, Fraction(50000) / gained)
        self.assertEqual(w.baseline.at, "accepted")
        self.assertEqual([s.name for s in w.scenario.stages], ["accepted"])

    def test_to_dict_keys_in_contract_order(self):
        d = self.whatif(invest=50000).to_dict()
        self.assertEqual(list(d), ["command", "per", "horizon", "mode", "changes", "baseline",
                                   "scenario", "margin", "delta", "invest", "roi",
                                   "payback_periods"])
        self.assertEqual(d["command"], "whatif")
        self.assertEqual(d["changes"], [{"lever": "opportunity", "kind": "relative",
                                         "value": 0.1}])
        self.assertEqual(list(d["delta"]), ["deals", "revenue", "volume", "cost", "gain",
                                            "revenue_horizon", "cost_horizon", "gain_horizon"])
        self.assertEqual(d["baseline"]["command"], "forecast")
        self.assertIs(type(d["horizon"]), int)

    def test_results_are_frozen(self):
        w = self.whatif()
        with self.assertRaises(dataclasses.FrozenInstanceError):
            w.horizon = 3
        with self.assertRaises(dataclasses.FrozenInstanceError):
            w.delta.gain = 0.0
        self.assertEqual(hash(w.changes[0]), hash(fp.Change("opportunity", "relative", 0.1)))


class Horizon(ExactMixin, unittest.TestCase):

    def test_default_is_the_periods_in_a_year(self):
        for per, h in (("month", 12), ("quarter", 4), ("year", 1)):
            with self.subTest(per=per):
                w = example_3().whatif(volume=75, per=per, changes={"opportunity": "+10%"})
                self.assertEqual(w.horizon, h)
                self.assertIs(type(w.horizon), int)
                self.assertExact(w.delta.revenue_horizon, 9900 * h)

    def test_whole_numbers_in_any_form(self):
        for given, h in ((1, 1), ("12", 12), ("1e1", 10), ("1,000", 1000), (24.0, 24),
                         ("2_000", 2000), (10 ** 6, 10 ** 6), ("1M", 10 ** 6)):
            with self.subTest(horizon=given):
                w = example_3().whatif(volume=75, changes={"opportunity": "+10%"},
                                       horizon=given)
                self.assertEqual(w.horizon, h)

    def test_refusals(self):
        """The library's rule (fpl_horizon_parse): FPL_ERR_HORIZON for a
        number that is not a whole number from 1 to FPL_HORIZON_MAX, a parse
        status for text that is not a number. An int goes as its digits, a
        float as its repr."""
        cases = [(0, "FPL_ERR_HORIZON"), ("0", "FPL_ERR_HORIZON"), (0.0, "FPL_ERR_HORIZON"),
                 (-1, "FPL_ERR_PARSE_NEGATIVE"), ("-1", "FPL_ERR_PARSE_NEGATIVE"),
                 (-0.0, "FPL_ERR_PARSE_NEGATIVE"),
                 (1.5, "FPL_ERR_HORIZON"), ("1.5", "FPL_ERR_HORIZON"), ("0.5", "FPL_ERR_HORIZON"),
                 (Fraction(3, 2), "FPL_ERR_HORIZON"), (decimal.Decimal("1.5"), "FPL_ERR_HORIZON"),
                 ("12 months", "FPL_ERR_PARSE_SYNTAX"), ("", "FPL_ERR_PARSE_EMPTY"),
                 ("1,00", "FPL_ERR_PARSE_GROUPING"),
                 (10 ** 6 + 1, "FPL_ERR_HORIZON"), ("1000001", "FPL_ERR_HORIZON"),
                 ("1e300", "FPL_ERR_HORIZON"), (2 ** 32, "FPL_ERR_HORIZON"),
                 (2 ** 32 + 12, "FPL_ERR_HORIZON"),  # not 12 as an unsigned would wrap
                 (1e16, "FPL_ERR_HORIZON"),
                 (float("nan"), "FPL_ERR_PARSE_SYNTAX"), (float("inf"), "FPL_ERR_PARSE_SYNTAX"),
                 ("1e400", "FPL_ERR_PARSE_OVERFLOW"), (10 ** 400, "FPL_ERR_PARSE_OVERFLOW"),
                 (decimal.Decimal("1e400"), "FPL_ERR_PARSE_OVERFLOW"),
                 (-10 ** 400, "FPL_ERR_PARSE_NEGATIVE"),
                 # More digits than Python's int -> str limit.
                 (10 ** 5000, "FPL_ERR_PARSE_OVERFLOW"), (-10 ** 5000, "FPL_ERR_PARSE_NEGATIVE")]
        for given, status in cases:
            with self.subTest(horizon=given if not isinstance(given, int) or abs(given) < 10 ** 50
                              else "%s10**%d" % ("-" if given < 0 else "", len(str(abs(given)))
                                                if abs(given) < 10 ** 4000 else 5000)):
                e = self.assertStatus(lambda: example_3().whatif(volume=75, horizon=given),
                                      status)
                self.assertTrue(str(e).startswith("horizon "), str(e))
        e = self.assertStatus(lambda: example_3().whatif(volume=75, horizon=0),
                              "FPL_ERR_HORIZON")
        self.assertEqual(str(e), "horizon 0: horizon must be a whole number of periods from 1 "
                         "to 1000000")
        for given in (True, [12], object()):
            with self.subTest(horizon=given):
                self.assertStatus(lambda: example_3().whatif(volume=75, horizon=given),
                                  "FPL_ERR_PARSE_SYNTAX", exc_type=fp.FunnelTypeError)


class TargetHeld(ExactMixin, unittest.TestCase):
    """No volume: the same target needs less volume, and with a cost per lead
    less money."""

    def funnel(self, **kw):
        return fp.Funnel([("lead", "10%"), ("sql", "25%")], **kw)

    def test_savings_with_a_cost_per_lead(self):
        w = self.funnel(cost_per_lead=50).whatif(deals=10, changes={"lead": "+2pp"},
                                                 horizon=12, invest=10000)
        self.assertEqual(w.mode, "target")
        self.assertIsInstance(w.baseline, fp.Plan)
        self.assertIsInstance(w.scenario, fp.Plan)
        self.assertExact(w.baseline.stages[0].required, 400)
        self.assertExact(w.scenario.stages[0].required, Fraction(1000, 3))
        self.assertEqual(w.scenario.stages[0].required_whole, 334)
        self.assertExact(w.scenario.stages[0].rate, Fraction(12, 100))
        saved = Fraction(1000, 3) - 400
        self.assertExact(w.delta.volume, saved, "volume added (negative: saved)")
        self.assertExact(w.delta.cost, saved * 50, "cost added")
        self.assertExact(w.delta.gain, -saved * 50, "a saving counts as a gain")
        self.assertExact(w.delta.cost_horizon, saved * 50 * 12)
        self.assertExact(w.delta.gain_horizon, -saved * 50 * 12)
        self.assertEqual(w.delta.deals, 0.0)
        self.assertIsNone(w.delta.revenue)
        self.assertIsNone(w.delta.revenue_horizon)
        self.assertExact(w.roi, (-saved * 600 - 10000) / 10000)
        self.assertExact(w.payback_periods, 10000 / (-saved * 50))
        self.assertEqual(w.to_dict()["scenario"]["command"], "plan")

    def test_revenue_target_and_a_bigger_deal(self):
        w = self.funnel(deal_size=1000).whatif(revenue=25000, changes={"deal-size": "+25%"},
                                               per="quarter")
        self.assertEqual(w.horizon, 4)
        self.assertExact(w.baseline.deals, 25)
        self.assertExact(w.scenario.deals, 20)
        self.assertExact(w.scenario.deal_size, 1250)
        self.assertExact(w.delta.deals, -5)
        self.assertEqual(w.delta.revenue, 0.0)  # the same target
        self.assertExact(w.delta.volume, -200)
        self.assertIsNone(w.delta.cost)
        self.assertEqual(w.delta.gain, 0.0)  # no cost per lead: volume saved is not money

    def test_deal_target_and_a_bigger_deal_gains_revenue(self):
        w = self.funnel(deal_size=1000, margin="40%").whatif(deals=25,
                                                             changes={"deal-size": "1,250"})
        self.assertExact(w.delta.revenue, 25 * 250)
        self.assertExact(w.delta.gain, 25 * 250 * Fraction(2, 5))
        self.assertEqual(w.delta.volume, 0.0)
        self.assertExact(w.margin, Fraction(2, 5))

    def test_the_volume_cannot_move_when_the_target_is_held(self):
        self.assertStatus(lambda: self.funnel().whatif(deals=10, changes={"volume": "+10%"}),
                          "FPL_ERR_CHANGE_LEVER")

    def test_a_target_is_needed_without_a_volume(self):
        self.assertStatus(lambda: self.funnel().whatif(changes={"lead": "+1pp"}),
                          "FPL_ERR_TARGET")
        self.assertStatus(lambda: self.funnel().whatif(revenue=100, changes={"lead": "+1pp"}),
                          "FPL_ERR_DEAL_SIZE_MISSING")


class RoiAndPayback(ExactMixin, unittest.TestCase):

    def test_a_loss_has_no_payback(self):
        w = example_3().whatif(volume=75, changes={"opportunity": "-10%"}, invest=1000)
        self.assertExact(w.delta.gain, -9900)
        self.assertExact(w.roi, Fraction(-9900 * 12 - 1000, 1000))
        self.assertIsNone(w.payback_periods)
        self.assertIsNone(w.to_dict()["payback_periods"])
        self.assertIn("payback_periods", w.to_dict())

    def test_nothing_changed_returns_nothing(self):
        w = example_3().whatif(volume=75, invest=1000)
        self.assertEqual(w.delta.gain, 0.0)
        self.assertEqual(w.roi, -1.0)
        self.assertIsNone(w.payback_periods)

    def test_gain_is_revenue_times_margin_minus_cost(self):
        # 10% more leads at 2 each: +100 leads, +200 cost; revenue +1 deal.
        funnel = fp.Funnel([("lead", "5%"), ("sql", "20%")], deal_size=5000, margin="30%",
                           cost_per_lead=2)
        w = funnel.whatif(volume=1000, changes=[("volume", "+10%")], horizon=3, invest=700)
        self.assertExact(w.delta.revenue, 5000)
        self.assertExact(w.delta.cost, 200)
        self.assertExact(w.delta.gain, 5000 * Fraction(3, 10) - 200)
        self.assertExact(w.delta.gain_horizon, 1300 * 3)
        self.assertExact(w.roi, Fraction(3900 - 700, 700))
        self.assertExact(w.payback_periods, Fraction(700, 1300))
        self.assertExact(w.scenario.volume, 1100)
        self.assertExact(w.delta.volume, 100)

    def test_cheaper_leads_are_a_gain(self):
        funnel = fp.Funnel([("lead", "5%")], cost_per_lead=2)
        w = funnel.whatif(volume=1000, changes={"cost-per-lead": "-100%"}, invest=500)
        self.assertEqual(w.scenario.cost_per_lead, 0.0)
        self.assertExact(w.delta.cost, -2000)
        self.assertExact(w.delta.gain, 2000)
        self.assertIsNone(w.delta.revenue)
        self.assertExact(w.payback_periods, Fraction(1, 4))

    def test_bad_investments(self):
        for given, status in ((0, "FPL_ERR_INVEST"), ("0", "FPL_ERR_INVEST"),
                              (-5, "FPL_ERR_INVEST"), ("-5", "FPL_ERR_PARSE_NEGATIVE"),
                              (float("nan"), "FPL_ERR_INVEST"), ("abc", "FPL_ERR_PARSE_SYNTAX"),
                              (float("inf"), "FPL_ERR_INVEST")):
            with self.subTest(invest=given):
                e = self.assertStatus(lambda: example_3().whatif(volume=75, invest=given),
                                      status)
                self.assertIn("invest", str(e))


class MixedChanges(ExactMixin, unittest.TestCase):

    def funnel(self):
        return fp.Funnel([("lead", "10%"), ("opportunity", "33%")], deal_size=4000,
                         cost_per_lead=3)

    def test_several_levers_at_once_in_order(self):
        changes = [("lead", "+2pp"), ("opportunity", "40%"), ("deal-size", "+5%"),
                   ("volume", "2000"), ("cost-per-lead", "2.5")]
        w = self.funnel().whatif(volume=1000, changes=changes, horizon=6)
        self.assertEqual([c.to_dict() for c in w.changes],
                         [{"lever": "lead", "kind": "points", "value": 0.02},
                          {"lever": "opportunity", "kind": "set", "value": 0.4},
                          {"lever": "deal-size", "kind": "relative", "value": 0.05},
                          {"lever": "volume", "kind": "set", "value": 2000.0},
                          {"lever": "cost-per-lead", "kind": "set", "value": 2.5}])
        base_rev = 1000 * Fraction(1, 10) * Fraction(33, 100) * 4000
        scen_rev = 2000 * Fraction(12, 100) * Fraction(2, 5) * 4200
        self.assertExact(w.delta.revenue, scen_rev - base_rev)
        self.assertExact(w.delta.cost, 2000 * Fraction(5, 2) - 3000)
        self.assertExact(w.delta.gain_horizon, (scen_rev - base_rev - 2000) * 6)
        self.assertExact(w.scenario.deal_size, 4200)
        self.assertExact(w.scenario.cost_per_lead, Fraction(5, 2))
        self.assertEqual([s.rate for s in w.scenario.stages], [0.1 + 0.02, 0.4])

    def test_the_same_lever_twice_applies_in_order(self):
        a = self.funnel().whatif(volume=100, changes=[("opportunity", "+10%"),
                                                      ("opportunity", "+5pp")])
        b = self.funnel().whatif(volume=100, changes=[("opportunity", "+5pp"),
                                                      ("opportunity", "+10%")])
        self.assertExact(a.scenario.stages[1].rate, Fraction(33, 100) * Fraction(11, 10)
                         + Fraction(5, 100))
        self.assertExact(b.scenario.stages[1].rate, (Fraction(33, 100) + Fraction(5, 100))
                         * Fraction(11, 10))
        self.assertEqual(len(a.changes), 2)

    def test_mapping_pairs_and_strings_agree(self):
        kw = dict(volume=100, horizon=3)
        a = self.funnel().whatif(changes={"lead": "+1pp", "deal-size": "-5%"}, **kw)
        b = self.funnel().whatif(changes=[("lead", "+1pp"), ["deal-size", "-5%"]], **kw)
        c = self.funnel().whatif(changes=("lead=+1pp", "deal-size=-5%"), **kw)
        d = self.funnel().whatif(changes=iter([("lead", b"+1pp"), (b"deal-size", "-5%")]), **kw)
        self.assertEqual(a, b)
        self.assertEqual(a, c)
        self.assertEqual(a, d)

    def test_numbers_set_the_lever(self):
        w = self.funnel().whatif(volume=100, changes={"opportunity": 0.5, "deal-size": 5000,
                                                      "volume": 120})
        self.assertEqual([(c.kind, c.value) for c in w.changes],
                         [("set", 0.5), ("set", 5000.0), ("set", 120.0)])
        self.assertExact(w.scenario.revenue, 120 * Fraction(1, 10) * Fraction(1, 2) * 5000)

    def test_a_stage_name_with_an_equals_sign(self):
        funnel = fp.Funnel([("x=y", "50%"), ("a=b=c", "20%")], deal_size=100)
        w = funnel.whatif(volume=100, changes=[("x=y", "+10%"), ("a=b=c", "+1pp"),
                                               "x=y=+1pp"])
        self.assertEqual([c.lever for c in w.changes], ["x=y", "a=b=c", "x=y"])
        self.assertExact(w.scenario.stages[0].rate, Fraction(55, 100) + Fraction(1, 100))


class Refusals(ExactMixin, unittest.TestCase):

    def funnel(self):
        return fp.Funnel([("lead", "10%"), ("opportunity", "33%")], deal_size=4000)

    def test_a_rate_pushed_over_100_percent_has_no_answer(self):
        e = self.assertStatus(
            lambda: self.funnel().whatif(volume=100, changes=[("lead", "+1pp"),
                                                              ("opportunity", "+250%")]),
            "FPL_ERR_CHANGE_RANGE", input_error=False)
        self.assertIn("'opportunity' '+250%'", str(e))  # the change at fault
        self.assertIn("100%", e.message)
        for change in ("+68pp", "-33pp", "-100%", "-34pp", "+203.04%"):
            with self.subTest(change=change):
                self.assertStatus(
                    lambda: self.funnel().whatif(volume=100, changes={"opportunity": change}),
                    "FPL_ERR_CHANGE_RANGE", input_error=False)
        # Exactly 100% is a rate.
        w = self.funnel().whatif(volume=100, changes={"opportunity": "100%", "lead": "+90pp"})
        self.assertEqual([s.rate for s in w.scenario.stages], [1.0, 1.0])

    def test_an_amount_pushed_to_zero_has_no_answer(self):
        for lever, change in (("deal-size", "-100%"), ("volume", "-100%"),
                              ("volume", "-150%"), ("deal-size", "+1e308%"),
                              ("cost-per-lead", "-101%")):
            with self.subTest(change=(lever, change)):
                self.assertStatus(
                    lambda: fp.Funnel([("lead", "10%")], deal_size=4000, cost_per_lead=1)
                    .whatif(volume=100, changes=[(lever, change)]),
                    "FPL_ERR_CHANGE_RANGE", input_error=False)

    def test_a_value_set_out_of_range_is_bad_input(self):
        """Setting a lever is giving its option anew: out of range it is
        refused as the option is (the CLI's exit status 2), naming the change."""
        funnel = fp.Funnel([("lead", "10%"), ("opportunity", "33%")], deal_size=4000,
                           cost_per_lead=1)
        for lever, change, status in (
                ("opportunity", "101%", "FPL_ERR_RATE_RANGE"),
                ("opportunity", "150%", "FPL_ERR_RATE_RANGE"),
                ("opportunity", 1.01, "FPL_ERR_RATE_RANGE"),
                ("opportunity", 0, "FPL_ERR_RATE_RANGE"),
                ("opportunity", "0%", "FPL_ERR_RATE_RANGE"),
                ("opportunity", "10", "FPL_ERR_RATE_RANGE"),  # 1000%, not 10%
                ("lead", "3/2", "FPL_ERR_RATE_RANGE"),
                ("lead", float("inf"), "FPL_ERR_CHANGE_VALUE"),  # not a number at all
                ("deal-size", "0", "FPL_ERR_DEAL_SIZE"),
                ("deal-size", 0, "FPL_ERR_DEAL_SIZE"),
                ("deal-size", -4000, "FPL_ERR_DEAL_SIZE"),
                ("volume", "0", "FPL_ERR_VOLUME"),
                ("volume", -5, "FPL_ERR_VOLUME"),
                ("cost-per-lead", -1, "FPL_ERR_COST"),
                ("cost-per-lead", -0.01, "FPL_ERR_COST")):
            with self.subTest(change=(lever, change)):
                e = self.assertStatus(
                    lambda: funnel.whatif(volume=100, changes=[("lead", "+1pp"),
                                                               (lever, change)]), status)
                self.assertEqual(str(e), "change %r %r: %s" % (lever, change, e.message))
        # The same values in range are taken; a cost per lead may be set to 0.
        w = funnel.whatif(volume=100, changes={"opportunity": "100%", "deal-size": "0.01",
                                               "volume": "1e-3", "cost-per-lead": 0})
        self.assertEqual([s.rate for s in w.scenario.stages], [0.1, 1.0])
        self.assertEqual(w.scenario.cost_per_lead, 0.0)
        # Set through the CLI's own form too.
        self.assertStatus(lambda: funnel.whatif(volume=100, changes=["opportunity=150%"]),
                          "FPL_ERR_RATE_RANGE")
        # A bad option is refused as the option, not as a change that repeats it.
        e = self.assertStatus(lambda: funnel.whatif(volume=100, deal_size=0,
                                                    changes={"deal-size": "0"}),
                              "FPL_ERR_DEAL_SIZE")
        self.assertTrue(str(e).startswith("deal_size 0: "), str(e))

    def test_the_message_names_the_change_fpl_whatif_check_names(self):
        """The 2nd of 3 changes is at fault (in the first two questions the
        3rd would be too): the index fpl_whatif_check gives is 1, and the
        message names that change."""
        funnel = self.funnel()
        for changes, status, input_error in (
                ([("lead", "+1pp"), ("opportunity", "+250%"), ("opportunity", "150%")],
                 "FPL_ERR_CHANGE_RANGE", False),
                ([("lead", "+1pp"), ("opportunity", "150%"), ("opportunity", "+250%")],
                 "FPL_ERR_RATE_RANGE", True),
                ([("opportunity", "+1pp"), ("deal-size", "0"), ("lead", "+1pp")],
                 "FPL_ERR_DEAL_SIZE", True),
                ([("lead", "+85pp"), ("lead", "+10%"), ("lead", "+1pp")],
                 "FPL_ERR_CHANGE_RANGE", False),
                ([("lead", "+1pp"), ("cost-per-lead", "5"), ("lead", "+1pp")],
                 "FPL_ERR_CHANGE_LEVER", True)):
            with self.subTest(changes=changes):
                inp = _native.fpl_whatif_input()
                inp.has_volume = True
                inp.volume.volume = 100
                for i, (lever, change) in enumerate(changes):
                    text = ("%s=%s" % (lever, change)).encode()
                    _native.fn.change_parse(byref(funnel._c), text, len(text),
                                            byref(inp.changes[i]))
                inp.n_changes = len(changes)
                terms = _native.fpl_terms(has_deal_size=True, deal_size=4000)
                with self.assertRaises(fp.FunnelError) as cm:
                    _native.fn.whatif_check(byref(funnel._c), byref(terms), byref(inp))
                self.assertEqual(cm.exception.status, status)
                self.assertEqual(cm.exception.field, "change")
                self.assertEqual(cm.exception.index, 1)
                index = cm.exception
                e = self.assertStatus(lambda: funnel.whatif(volume=100, changes=changes),
                                      status, input_error)
                lever, change = changes[index.index]
                self.assertEqual(str(e), "change %r %r: %s" % (lever, change, e.message))
                # As "LEVER=CHANGE" strings the message names the string.
                e = self.assertStatus(
                    lambda: funnel.whatif(volume=100, changes=["%s=%s" % c for c in changes]),
                    status, input_error)
                self.assertTrue(str(e).startswith("change '%s=%s': " % (lever, change)), str(e))
        # No change at fault: the check passes and nothing is raised.
        inp = _native.fpl_whatif_input(n_changes=0)
        _native.fn.whatif_check(byref(funnel._c), byref(_native.fpl_terms()), byref(inp))

    # (change as given, status): every way a change can be misspelt.
    BAD_CHANGES = [
        ("opportunity", "FPL_ERR_CHANGE_SYNTAX"),          # no '='
        ("=+10%", "FPL_ERR_CHANGE_SYNTAX"),                # no lever
        ("opportunity=", "FPL_ERR_CHANGE_SYNTAX"),         # no change
        (("opportunity", ""), "FPL_ERR_CHANGE_SYNTAX"),
        (("", "+10%"), "FPL_ERR_CHANGE_SYNTAX"),
        (("nosuch", "+10%"), "FPL_ERR_STAGE_UNKNOWN"),
        (("Opportunity", "+10%"), "FPL_ERR_STAGE_UNKNOWN"),  # names are exact bytes
        (("won", "+10%"), "FPL_ERR_STAGE_UNKNOWN"),
        (("opportunity", "+10"), "FPL_ERR_CHANGE_SYNTAX"),   # a sign without % or pp
        (("deal-size", "-500"), "FPL_ERR_CHANGE_SYNTAX"),
        (("opportunity", "+"), "FPL_ERR_CHANGE_SYNTAX"),
        (("opportunity", "-"), "FPL_ERR_CHANGE_SYNTAX"),
        (("opportunity", "+pp"), "FPL_ERR_CHANGE_SYNTAX"),
        (("opportunity", "+10PP"), "FPL_ERR_CHANGE_SYNTAX"),
        (("opportunity", "+10%\n"), "FPL_ERR_CHANGE_SYNTAX"),
        (("deal-size", "+3pp"), "FPL_ERR_CHANGE_POINTS"),     # points on an amount
        (("volume", "-1pp"), "FPL_ERR_CHANGE_POINTS"),
        (("opportunity", "+%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+abc%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+10%%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "++10%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+10 %"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", " +10%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+10pp%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "10pp"), "FPL_ERR_PARSE_SYNTAX"),    # points need a sign
        (("opportunity", "+1,0%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+1/0%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+1/3%"), "FPL_ERR_PARSE_SYNTAX"),   # no fractions of a percent
        (("opportunity", "+inf%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+nan%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+½%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+1=0%"), "FPL_ERR_PARSE_SYNTAX"),
        (("opportunity", "+-10%"), "FPL_ERR_PARSE_NEGATIVE"),
        (("opportunity", "+1e400%"), "FPL_ERR_PARSE_OVERFLOW"),
        (("opportunity", "1e-400"), "FPL_ERR_PARSE_UNDERFLOW"),
        (("deal-size", "abc"), "FPL_ERR_PARSE_SYNTAX"),
        (("deal-size", "1/3"), "FPL_ERR_PARSE_SYNTAX"),      # a fraction is a rate
        (("volume", "5%"), "FPL_ERR_PARSE_SYNTAX"),
        (("deal-size", "1,00"), "FPL_ERR_PARSE_GROUPING"),
        (("cost-per-lead", "+10%"), "FPL_ERR_CHANGE_LEVER"),  # no cost per lead given
        (("opportunity", float("nan")), "FPL_ERR_CHANGE_VALUE"),
        (("deal-size", float("inf")), "FPL_ERR_CHANGE_VALUE"),
        (("opportunity", None), "FPL_ERR_NULL"),
        ((None, "+1%"), "FPL_ERR_NULL"),
    ]

    def test_every_bad_change_spelling(self):
        for change, status in self.BAD_CHANGES:
            with self.subTest(change=change):
                e = self.assertStatus(
                    lambda: self.funnel().whatif(volume=100, changes=[change]), status)
                self.assertTrue(str(e).startswith("change "), str(e))

    def test_wrong_types(self):
        for changes, status in (([5], "FPL_ERR_CHANGE_SYNTAX"),
                                ([("opportunity", True)], "FPL_ERR_CHANGE_SYNTAX"),
                                ([("opportunity", [1])], "FPL_ERR_CHANGE_SYNTAX"),
                                ([(5, "+1%")], "FPL_ERR_STAGE_UNKNOWN"),
                                ([("a", "b", "c")], "FPL_ERR_CHANGE_SYNTAX"),
                                ("opportunity=+10%", "FPL_ERR_CHANGE_SYNTAX"),
                                (5, "FPL_ERR_CHANGE_SYNTAX")):
            with self.subTest(changes=changes):
                self.assertStatus(lambda: self.funnel().whatif(volume=100, changes=changes),
                                  status, exc_type=fp.FunnelTypeError)

    def test_at_most_40_changes(self):
        w = self.funnel().whatif(volume=100, changes=[("lead", "+0.1pp")] * 40)
        self.assertEqual(len(w.changes), 40)
        self.assertExact(w.scenario.stages[0].rate, Fraction(14, 100))
        e = self.assertStatus(
            lambda: self.funnel().whatif(volume=100, changes=[("lead", "+0.1pp")] * 41),
            "FPL_ERR_CHANGE_COUNT")
        self.assertIn("41", str(e))

    def test_levers_that_are_not_given(self):
        funnel = fp.Funnel([("lead", "10%")])
        self.assertStatus(lambda: funnel.whatif(volume=100, changes={"deal-size": "+1%"}),
                          "FPL_ERR_CHANGE_LEVER")
        self.assertStatus(lambda: funnel.whatif(volume=100, changes={"cost-per-lead": "5"}),
                          "FPL_ERR_CHANGE_LEVER")

    def test_at_needs_a_volume(self):
        self.assertStatus(lambda: self.funnel().whatif(deals=5, at="opportunity"),
                          "FPL_ERR_VOLUME")
        self.assertStatus(lambda: self.funnel().whatif(deals=5, at="nope"),
                          "FPL_ERR_STAGE_UNKNOWN")

    def test_other_inputs_are_named(self):
        e = self.assertStatus(lambda: self.funnel().whatif(volume=-1), "FPL_ERR_VOLUME")
        self.assertIn("volume -1", str(e))
        e = self.assertStatus(lambda: fp.Funnel([("lead", "10%"), ("sql", "10%")],
                                                cost_per_lead=1).whatif(volume=5, at="sql"),
                              "FPL_ERR_COST_NOT_TOP")
        self.assertIn("cost_per_lead", str(e))
        self.assertStatus(lambda: self.funnel().whatif(volume=5, per="week"), "FPL_ERR_PERIOD")

    def test_a_scenario_too_large_for_whole_counts(self):
        funnel = fp.Funnel([("lead", "1%")])
        self.assertStatus(lambda: funnel.whatif(deals="1e12", changes={"lead": "1e-6%"}),
                          "FPL_ERR_TOO_LARGE", input_error=False)


# ---------------------------------------------------------------------------
# Random questions against the exact reference


def check_whatif(wq):
    """One random what-if question against exact arithmetic."""
    f = wq.q.funnel()
    kw = wq.kwargs()
    if wq.expect_range:
        want = wq.expect_status
        try:
            f.whatif(**kw)
        except fp.FunnelError as exc:
            if exc.status != want:
                raise Mismatch("expected %s, got %s" % (want, exc))
            if exc.is_input_error != (want != "FPL_ERR_CHANGE_RANGE"):
                raise Mismatch("%s: is_input_error %r" % (want, exc.is_input_error))
            # The change at fault is the last one, and the message names it.
            lever, text = wq.changes[-1]
            named = ("change %r" % ("%s=%s" % (lever, text)) if wq.form == "strings"
                     else "change %r %r" % (lever, text))
            if not str(exc).startswith(named + ": "):
                raise Mismatch("%r does not name %s" % (str(exc), named))
            return
        raise Mismatch("expected %s, got a result" % want)
    w = f.whatif(**kw)
    e = wq.exact()
    if w.mode != ("volume" if wq.volume_held else "target") or w.horizon != e["horizon"]:
        raise Mismatch("mode %r horizon %r" % (w.mode, w.horizon))
    if len(w.changes) != len(wq.exact_changes):
        raise Mismatch("%d changes" % len(w.changes))
    for got, (lever, stage, kind, value), (name, _) in zip(w.changes, wq.exact_changes,
                                                           wq.changes):
        if got.lever != name or got.kind != kind:
            raise Mismatch("change %r, expected %s %s" % (got, name, kind))
        check("change value", got.value, value)
    for key in ("deals", "revenue", "volume", "cost", "gain", "revenue_horizon",
                "cost_horizon", "gain_horizon"):
        check("delta." + key, getattr(w.delta, key), e[key], e[key + "_scale"])
    check("margin", w.margin, e["margin"])
    for k, s in enumerate(w.scenario.stages):
        check("scenario rate %d" % k, s.rate, e["scenario_rates"][k + (wq.q.at if
                                                                      wq.volume_held else 0)])
    if wq.invest is None:
        if (w.invest, w.roi, w.payback_periods) != (None, None, None):
            raise Mismatch("investment figures without an investment")
    else:
        check("invest", w.invest, wq.invest)
        check("roi", w.roi, e["roi"], e["roi_scale"])
        # The formulas hold on the library's own figures to the last bits.
        check("roi formula", w.roi, (Fraction(w.delta.gain_horizon) - Fraction(w.invest))
              / Fraction(w.invest))
        if abs(e["gain"]) > EDGE * e["gain_scale"]:
            if (w.payback_periods is None) != (e["payback"] is None):
                raise Mismatch("payback %r, exact %r" % (w.payback_periods, e["payback"]))
        if w.payback_periods is not None:
            check("payback formula", w.payback_periods,
                  Fraction(w.invest) / Fraction(w.delta.gain))
            if w.delta.gain <= 0:
                raise Mismatch("payback with a gain of %r" % w.delta.gain)
        elif w.delta.gain > 0:
            raise Mismatch("no payback with a gain of %r" % w.delta.gain)
    d = w.to_dict()
    if d["baseline"] != w.baseline.to_dict() or ("roi" in d) != (wq.invest is not None):
        raise Mismatch("to_dict() %r" % sorted(d))


class RandomQuestionsMatchExactArithmetic(unittest.TestCase):

    def run_all(self, cases, checker):
        failures = []
        for i, case in enumerate(cases):
            try:
                checker(case)
            except (Mismatch, fp.FunnelError) as exc:
                failures.append("case %d: %s: %s\n    %s"
                                % (i, type(exc).__name__, exc, case.describe()))
        if failures:
            self.fail("%d of %d cases fail (seed %d); the first ones:\n%s"
                      % (len(failures), len(cases), SEED, "\n".join(failures[:6])))

    def test_whatif_deltas_roi_and_payback(self):
        cases = whatif_questions(SEED, COUNT)
        # The generator reaches what it should.
        self.assertTrue(any(c.volume_held for c in cases))
        self.assertTrue(any(not c.volume_held for c in cases))
        self.assertTrue(any(c.expect_range for c in cases))
        self.assertTrue(any(c.expect_status == "FPL_ERR_CHANGE_RANGE" for c in cases))
        self.assertTrue(any(c.expect_status in ("FPL_ERR_RATE_RANGE", "FPL_ERR_DEAL_SIZE",
                                                "FPL_ERR_VOLUME") for c in cases))
        self.assertTrue(any(not c.changes for c in cases))
        self.assertTrue(any(len(c.changes) >= 3 for c in cases))
        for lever in ("deal-size", "volume", "cost-per-lead"):
            self.assertTrue(any(name == lever for c in cases for name, _ in c.changes), lever)
        for kind in ("relative", "points", "set"):
            self.assertTrue(any(ch[2] == kind for c in cases for ch in c.exact_changes), kind)
        self.assertTrue(any(c.invest is not None and not c.expect_range for c in cases))
        self.run_all(cases, check_whatif)

    def test_an_empty_change_gives_zero_deltas(self):
        def checker(q):
            for volume_held in (True, False):
                kw = q.forecast_kwargs() if volume_held else q.plan_kwargs()
                for changes in (None, {}, []):
                    w = q.funnel().whatif(changes=changes, invest=1000, **kw)
                    for key in ("deals", "volume", "gain", "gain_horizon"):
                        if getattr(w.delta, key) != 0.0:
                            raise Mismatch("%s delta %r" % (key, getattr(w.delta, key)))
                    for key in ("revenue", "revenue_horizon", "cost", "cost_horizon"):
                        if getattr(w.delta, key) not in (0.0, None):
                            raise Mismatch("%s delta %r" % (key, getattr(w.delta, key)))
                    if (w.delta.revenue is None) != (q.deal_size is None):
                        raise Mismatch("revenue delta %r" % w.delta.revenue)
                    if w.scenario != w.baseline or w.changes != ():
                        raise Mismatch("the scenario differs from the baseline")
                    if w.roi != -1.0 or w.payback_periods is not None:
                        raise Mismatch("roi %r payback %r" % (w.roi, w.payback_periods))
        self.run_all(questions(SEED + 1, 150), checker)

    def test_equal_relative_steps_move_revenue_equally(self):
        """Volume held, revenue = volume x product of the rates x deal size:
        +k% on any one stage below the volume's adds revenue x k, the same
        amount whichever stage; a stage above the volume's adds nothing."""
        rng = random.Random(SEED + 2)

        def checker(q):
            f = q.funnel()
            kw = q.forecast_kwargs()
            kw.setdefault("deal_size", q.texts.get("deal_size", "1000"))
            deal_size = q.deal_size if q.deal_size is not None else Fraction(1000)
            base = q.volume * math.prod(q.rates[q.at:]) * deal_size
            step_text = rng.choice(("0.1", "1", "2.5", "5", "10", "20", "50"))
            step = Fraction(step_text) / 100
            gains = []
            for k, (name, _) in enumerate(q.stages):
                if q.rates[k] * (1 + step) > 1 - EDGE:
                    continue  # this stage cannot take the step
                w = f.whatif(changes=[(name, "+%s%%" % step_text)], **kw)
                if k < q.at:
                    if w.delta.revenue != 0.0:
                        raise Mismatch("stage %d above the volume's moved revenue" % k)
                    continue
                gains.append(w.delta.revenue)
                check("revenue gained on stage %d" % k, w.delta.revenue, base * step,
                      base * (1 + step))
            if gains and max(gains) - min(gains) > 1e-9 * max(gains):
                raise Mismatch("unequal gains %r" % gains)
        self.run_all([q for q in questions(SEED + 2, 250)], checker)

    def test_a_bigger_improvement_never_gives_less(self):
        rng = random.Random(SEED + 3)

        def checker(q):
            f = q.funnel()
            volume_held = rng.random() < 0.5
            kw = q.forecast_kwargs() if volume_held else q.plan_kwargs()
            k = rng.randrange(q.at if volume_held else 0, len(q.stages))
            name = q.stages[k][0]
            for suffix, scale in (("%", q.rates[k]), ("pp", 1)):
                room = (1 - q.rates[k]) / scale  # the largest step that stays a rate
                steps = sorted({Fraction(rng.randint(0, 1000), 1000) * room
                                for _ in range(8)})
                previous = None
                for s in steps:
                    text = "+%.6f%s" % (float(s * 100), suffix)
                    try:
                        w = f.whatif(changes=[(name, text)], **kw)
                    except fp.FunnelError as exc:
                        if exc.status == "FPL_ERR_CHANGE_RANGE" and s > room * (1 - EDGE):
                            continue  # the double of a step at the edge is just over 1
                        raise
                    figures = (w.delta.deals, w.delta.gain, -w.delta.volume)
                    if previous is not None and any(a < b for a, b in zip(figures, previous)):
                        raise Mismatch("%s%s gives %r, less than %r for a smaller step"
                                       % (name, text, figures, previous))
                    previous = figures
        self.run_all(questions(SEED + 3, 200), checker)


if __name__ == "__main__":
    unittest.main()

# funnelplan — Funnel.solve: goal seek against exact arithmetic.
# SPDX-License-Identifier: MIT
"""``Funnel.solve(...)`` (issue 4): the value one lever must reach,
everything else held, for a volume to meet the target; the forecast with the
solved value attains the target."""

import math
import os
import random
import unittest
from fractions import Fraction

from fpl_support import close, questions
from fpl_whatif_support import EDGE

import funnelplan as fp

SEED = int(os.environ.get("FUNNELPLAN_TEST_SEED", "20261126"))
COUNT = 300


class Mismatch(AssertionError):
    pass


class Solve(unittest.TestCase):

    def assertExact(self, got, exact, msg=None):
        self.assertIsInstance(got, float, msg)
        self.assertTrue(close(got, Fraction(exact)),
                        "%s: %r is not %s within 1e-12" % (msg or "value", got, exact))

    def assertStatus(self, call, status, input_error=True):
        with self.assertRaises(fp.FunnelError) as cm:
            call()
        self.assertEqual(cm.exception.status, status, str(cm.exception))
        self.assertEqual(cm.exception.is_input_error, input_error)
        return cm.exception

    def funnel(self, rate="1/3"):
        return fp.Funnel([("opportunity", rate)], deal_size=4000)

    def test_75_opportunities_need_a_41_67_percent_close_rate_for_125000(self):
        for rate, current in (("1/3", Fraction(1, 3)), ("33%", Fraction(33, 100))):
            with self.subTest(rate=rate):
                s = self.funnel(rate).solve(lever="opportunity", volume=75, revenue=125_000)
                self.assertEqual((s.per, s.lever), ("month", "opportunity"))
                self.assertExact(s.current, current)
                self.assertExact(s.value, Fraction(125000, 4000 * 75))
                self.assertEqual("{:.2%}".format(s.value), "41.67%")
                self.assertExact(s.change, Fraction(125000, 4000 * 75) / current - 1)
                self.assertEqual(list(s.to_dict()), ["command", "per", "lever", "current",
                                                     "value", "change"])
                self.assertEqual(s.to_dict()["command"], "solve")

    def test_for_is_an_alias_of_lever(self):
        a = self.funnel().solve(lever="opportunity", volume=75, revenue=125000)
        b = self.funnel().solve(for_="opportunity", volume=75, revenue=125000)
        c = self.funnel().solve("opportunity", 75, revenue="125k")
        self.assertEqual(a, b)
        self.assertEqual(a, c)
        with self.assertRaises(TypeError):
            self.funnel().solve(lever="opportunity", for_="volume", volume=75, revenue=1)
        self.assertStatus(lambda: self.funnel().solve(volume=75, revenue=125000),
                          "FPL_ERR_NULL")

    def test_volume_and_deal_size(self):
        s = self.funnel().solve("volume", volume=75, revenue=125000, per="quarter")
        self.assertEqual((s.per, s.lever), ("quarter", "volume"))
        self.assertExact(s.value, Fraction(125000, 4000) * 3)
        self.assertExact(s.change, Fraction(1, 4))
        s = self.funnel().solve("deal-size", volume=75, revenue=125000)
        self.assertExact(s.value, 5000)
        self.assertExact(s.current, 4000)
        s = self.funnel().solve("volume", volume=75, deals=30)
        self.assertExact(s.value, 90)

    def test_a_rate_above_100_percent_is_unreachable(self):
        e = self.assertStatus(lambda: self.funnel().solve("opportunity", volume=75,
                                                          revenue=400_000),
                              "FPL_ERR_UNREACHABLE", input_error=False)
        self.assertIn("opportunity", str(e))
        # Exactly 100% is reachable.
        s = self.funnel().solve("opportunity", volume=75, revenue=300_000)
        self.assertEqual(s.value, 1.0)

    def test_a_rate_of_exactly_100_percent_is_reachable_whatever_the_rounding(self):
        """A target that needs exactly 100% is reachable even when rate x
        (target / deals) rounds to 1.0000000000000002 (0.3% and 100 deals
        from 100 units): fpl_solve_compute takes a value within rounding of
        1 as 1."""
        s = fp.Funnel([("a", "0.3%")]).solve("a", volume=100, deals=100)
        self.assertEqual(s.value, 1.0)

    def test_levers_that_cannot_reach_the_target(self):
        funnel = fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=100, cost_per_lead=1)
        self.assertStatus(lambda: funnel.solve("cost-per-lead", volume=100, revenue=1000),
                          "FPL_ERR_CHANGE_LEVER")
        self.assertStatus(lambda: funnel.solve("deal-size", volume=100, deals=10),
                          "FPL_ERR_CHANGE_LEVER")
        above = fp.Funnel([("lead", "10%"), ("sql", "25%")])  # a stage above the volume's
        self.assertStatus(lambda: above.solve("lead", volume=100, at="sql", deals=10),
                          "FPL_ERR_CHANGE_LEVER")

    def test_refusals(self):
        funnel = self.funnel()
        self.assertStatus(lambda: funnel.solve("opportunity", volume=75), "FPL_ERR_TARGET")
        self.assertStatus(lambda: funnel.solve("opportunity", revenue=1), "FPL_ERR_NULL")
        self.assertStatus(lambda: funnel.solve("nope", volume=75, revenue=1),
                          "FPL_ERR_STAGE_UNKNOWN")
        self.assertStatus(lambda: funnel.solve("", volume=75, revenue=1), "FPL_ERR_PARSE_EMPTY")
        self.assertStatus(lambda: funnel.solve("opportunity", volume=0, revenue=1),
                          "FPL_ERR_VOLUME")
        with self.assertRaises(fp.FunnelTypeError):
            funnel.solve(3, volume=75, revenue=1)


def check_solve(q, rng):
    """Solve a random lever on a random question; the forecast with the
    solved value must meet the target."""
    kw = q.forecast_kwargs()
    kw.pop("revenue", None)
    kw.pop("deals", None)
    levers = [name for name, _ in q.stages[q.at:]] + ["volume"]
    target_revenue = target_deals = None
    if q.deal_size is not None and rng.random() < 0.5:
        for key in ("target_revenue", "revenue"):
            if getattr(q, key) is not None:
                target_revenue, kw["revenue"] = getattr(q, key), q.texts[key]
                break
        else:
            target_revenue, kw["revenue"] = Fraction(123456, 100), "1,234.56"
        target_deals = target_revenue / q.deal_size
        levers.append("deal-size")
    else:
        for key in ("target_deals", "deals"):
            if getattr(q, key) is not None:
                target_deals, kw["deals"] = getattr(q, key), q.texts[key]
                break
        else:
            target_deals, kw["deals"] = Fraction(25, 2), "12.5"
    lever = rng.choice(levers)
    deals = q.volume * math.prod(q.rates[q.at:])
    scale = target_deals / deals
    if lever == "volume":
        current, value = q.volume, q.volume * scale
    elif lever == "deal-size":
        current, value = q.deal_size, target_revenue / deals
    else:
        k = [name for name, _ in q.stages].index(lever)
        current, value = q.rates[k], q.rates[k] * scale
    f = q.funnel()
    if lever not in ("volume", "deal-size") and abs(value - 1) < EDGE:
        return "edge"
    if lever not in ("volume", "deal-size") and value > 1:
        try:
            f.solve(lever, **kw)
        except fp.FunnelError as exc:
            if exc.status != "FPL_ERR_UNREACHABLE" or exc.is_input_error:
                raise Mismatch("%s: expected FPL_ERR_UNREACHABLE, got %s" % (lever, exc.status))
            return "unreachable"
        raise Mismatch("%s: expected FPL_ERR_UNREACHABLE, got a value" % lever)
    s = f.solve(lever=lever, **kw)
    if s.lever != lever or s.per != q.per:
        raise Mismatch("lever %r per %r" % (s.lever, s.per))
    for label, got, exact in (("current", s.current, current), ("value", s.value, value)):
        if not close(got, exact):
            raise Mismatch("%s %s %r, exact %s (%r)" % (lever, label, got, exact, float(exact)))
    if not close(s.change, value / current - 1, max(1, value / current)):
        raise Mismatch("%s change %r, exact %r" % (lever, s.change, float(value / current - 1)))
    # Forecast again with the solved value: the target is met.
    if lever == "volume":
        kw["volume"] = s.value
    elif lever == "deal-size":
        kw["deal_size"] = s.value
    else:
        stages = [(name, s.value if name == lever else rate) for name, rate in f.stages]
        f = fp.Funnel(stages, deal_size=f.deal_size)
    r = f.forecast(**kw)
    if abs(r.attainment - 1) > 1e-12:
        raise Mismatch("%s = %r attains %r" % (lever, s.value, r.attainment))
    return lever


class RandomQuestionsMeetTheTarget(unittest.TestCase):

    def test_solved_values_meet_the_target(self):
        rng = random.Random(SEED)
        failures = []
        seen = set()
        for i, q in enumerate(questions(SEED, COUNT)):
            try:
                outcome = check_solve(q, rng)
                seen.add(outcome if outcome in ("edge", "unreachable", "volume", "deal-size")
                         else "stage")
            except (Mismatch, fp.FunnelError) as exc:
                failures.append("case %d: %s: %s\n    %s" % (i, type(exc).__name__, exc,
                                                            q.describe()))
        if failures:
            self.fail("%d of %d cases fail (seed %d); the first ones:\n%s"
                      % (len(failures), COUNT, SEED, "\n".join(failures[:6])))
        self.assertLessEqual({"unreachable", "volume", "deal-size", "stage"}, seen)


if __name__ == "__main__":
    unittest.main()

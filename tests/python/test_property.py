# funnelplan — random funnels against an exact Fraction reference.
# SPDX-License-Identifier: MIT
"""Thousands of random funnels, plans and forecasts, checked against the
specification's formulas evaluated exactly (fractions.Fraction) from the
decimal values written, not from their doubles:

- every exact figure (deals, cumulative rates, required units, per-period
  figures, costs, forecast volumes, revenue, gaps, attainment) within 1e-12
  relative;
- every whole count (deals_whole, required_whole) exactly equal to the exact
  rational ceilings cascaded up the funnel.

Set FUNNELPLAN_TEST_SEED to explore other cases; a failure names the seed
and the case.
"""

import json
import os
import unittest

from fpl_support import PERIODS, close, questions

import funnelplan

SEED = int(os.environ.get("FUNNELPLAN_TEST_SEED", "20261123"))
COUNT = 3000


class Mismatch(AssertionError):
    pass


def check(label, got, exact, scale=None):
    if exact is None or got is None:
        if not (exact is None and got is None):
            raise Mismatch("%s: got %r, expected %r" % (label, got, exact))
        return
    if not isinstance(got, float):
        raise Mismatch("%s: %r is a %s, not a float" % (label, got, type(got).__name__))
    if not close(got, exact, scale):
        raise Mismatch("%s: got %r, exact %s (%r)" % (label, got, exact, float(exact)))


def check_whole(label, got, exact):
    if type(got) is not int or got != exact:
        raise Mismatch("%s: got %r, exact ceiling %r" % (label, got, exact))


def check_plan(q):
    p = q.funnel().plan(**q.plan_kwargs())
    e = q.exact_plan()
    n = len(q.stages)
    if p.per != q.per:
        raise Mismatch("per %r" % p.per)
    check("revenue", p.revenue, e["revenue"])
    check("deal_size", p.deal_size, e["deal_size"])
    check("deals", p.deals, e["deals"])
    check_whole("deals_whole", p.deals_whole, e["deals_whole"])
    check("margin", p.margin, e["margin"])
    check("gross_profit", p.gross_profit, e["gross_profit"])
    if len(p.stages) != n:
        raise Mismatch("%d stages" % len(p.stages))
    has_cost = q.cost_per_lead is not None
    for k, s in enumerate(p.stages):
        if s.name != q.stages[k][0]:
            raise Mismatch("stage %d is named %r" % (k, s.name))
        check("rate[%d]" % k, s.rate, q.rates[k])
        check("cumulative_rate[%d]" % k, s.cumulative_rate, e["cumulative"][k])
        check("required[%d]" % k, s.required, e["required"][k])
        check_whole("required_whole[%d]" % k, s.required_whole, e["required_whole"][k])
        check("cost_per[%d]" % k, s.cost_per, e["cost_per"][k] if has_cost else None)
    for name in PERIODS:
        f = p.by_period[name]
        ef = e["by_period"][name]
        check("%s.revenue" % name, f.revenue, ef["revenue"])
        check("%s.deals" % name, f.deals, ef["deals"])
        check("%s.budget" % name, f.budget, ef["budget"])
        for k, s in enumerate(f.stages):
            if s.name != q.stages[k][0]:
                raise Mismatch("%s stage %d is named %r" % (name, k, s.name))
            check("%s.required[%d]" % (name, k), s.required, ef["required"][k])
    check("cost_per_lead", p.cost_per_lead, e.get("cost_per_lead"))
    check("budget", p.budget, e.get("budget"))
    check("cost_per_deal", p.cost_per_deal, e.get("cost_per_deal"))
    d = p.to_dict()
    if ("cost_per_lead" in d) != has_cost or ("cost_per" in d["stages"][0]) != has_cost:
        raise Mismatch("cost keys present: %r" % sorted(d))
    if json.loads(json.dumps(d)) != d:
        raise Mismatch("to_dict() does not survive JSON")


def check_forecast(q):
    r = q.funnel().forecast(**q.forecast_kwargs())
    e = q.exact_forecast()
    n = len(q.stages)
    if r.per != q.per or r.at != q.stages[q.at][0]:
        raise Mismatch("per %r at %r" % (r.per, r.at))
    check("volume", r.volume, e["volume"])
    if [s.name for s in r.stages] != [name for name, _ in q.stages[q.at:]]:
        raise Mismatch("stages %r" % [s.name for s in r.stages])
    for s, k in zip(r.stages, range(q.at, n)):
        check("rate[%d]" % k, s.rate, q.rates[k])
        check("expected[%d]" % k, s.expected, e["expected"][k])
    check("deals", r.deals, e["deals"])
    check("revenue", r.revenue, e["revenue"])
    check("deal_size", r.deal_size, e["deal_size"])
    check("margin", r.margin, e["margin"])
    check("gross_profit", r.gross_profit, e["gross_profit"])
    for name in PERIODS:
        f = r.by_period[name]
        ef = e["by_period"][name]
        check("%s.revenue" % name, f.revenue, ef["revenue"])
        check("%s.deals" % name, f.deals, ef["deals"])
        check("%s.budget" % name, f.budget, ef["budget"])
        if [s.name for s in f.stages] != [name for name, _ in q.stages[q.at:]]:
            raise Mismatch("%s stages %r" % (name, [s.name for s in f.stages]))
        for s, k in zip(f.stages, range(q.at, n)):
            check("%s.expected[%d]" % (name, k), s.expected, ef["expected"][k])
    check("cost_per_lead", r.cost_per_lead, q.fc_cost)
    check("budget", r.budget, e.get("budget"))
    check("cost_per_deal", r.cost_per_deal, e.get("cost_per_deal"))
    has_target = "target_deals" in e
    if (r.target is not None) != has_target:
        raise Mismatch("target %r" % r.target)
    if has_target:
        check("target_revenue", r.target_revenue, e["target_revenue"])
        check("target_deals", r.target_deals, e["target_deals"])
        # A gap is a difference: its error is relative to the larger term.
        check("gap_deals", r.gap_deals, e["gap_deals"], max(e["target_deals"], e["deals"]))
        if e["gap_revenue"] is None:
            check("gap_revenue", r.gap_revenue, None)
        else:
            check("gap_revenue", r.gap_revenue, e["gap_revenue"],
                  max(e["target_revenue"], e["revenue"]))
        check("attainment", r.attainment, e["attainment"])
    else:
        for key in ("target_revenue", "target_deals", "gap_revenue", "gap_deals", "attainment"):
            check(key, getattr(r, key), None)
    d = r.to_dict()
    if ("attainment" in d) != has_target or ("budget" in d) != (q.fc_cost is not None):
        raise Mismatch("conditional keys present: %r" % sorted(d))
    if json.loads(json.dumps(d)) != d:
        raise Mismatch("to_dict() does not survive JSON")


class RandomFunnelsMatchExactArithmetic(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.questions = questions(SEED, COUNT)

    def run_all(self, checker):
        failures = []
        for i, q in enumerate(self.questions):
            try:
                checker(q)
            except (Mismatch, funnelplan.FunnelError) as exc:
                failures.append("case %d: %s\n    %s" % (i, exc, q.describe()))
        if failures:
            self.fail("%d of %d cases fail (seed %d); the first ones:\n%s"
                      % (len(failures), COUNT, SEED, "\n".join(failures[:8])))

    def test_generator_covers_the_interesting_cases(self):
        qs = self.questions
        self.assertGreaterEqual(len(qs), 3000)
        self.assertTrue(any(len(q.stages) == 1 for q in qs))
        self.assertTrue(any(len(q.stages) == 6 for q in qs))
        self.assertTrue(any("/" in rate for q in qs for _, rate in q.stages))
        self.assertTrue(any("." in rate for q in qs for _, rate in q.stages))
        self.assertTrue(any(q.revenue is not None for q in qs))
        self.assertTrue(any(q.deals is not None for q in qs))
        self.assertTrue(any(q.cost_per_lead == 0 for q in qs))
        self.assertTrue(any(q.target_revenue is not None for q in qs))
        self.assertTrue(any(q.target_deals is not None for q in qs))
        self.assertTrue(any(q.at > 0 for q in qs))
        # Whole counts that are exact integers, where a naive ceil of the
        # double would add one: the ceilings must still come out exact.
        self.assertTrue(any(q.exact_deals.denominator == 1 for q in qs))

    def test_plans_match_the_exact_reference(self):
        self.run_all(check_plan)

    def test_forecasts_match_the_exact_reference(self):
        self.run_all(check_forecast)


if __name__ == "__main__":
    unittest.main()

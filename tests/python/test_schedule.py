# funnelplan — Funnel.schedule() and Funnel.pace(): month by month, and actuals against plan.
# SPDX-License-Identifier: MIT
"""``Funnel.schedule()`` and ``Funnel.pace()`` against an exact reference
(fractions.Fraction, tests/python/fpl_schedule_support.py) on random cases
the C tests did not name; the properties of the issue (totals equal the
plan, a month more on every lag moves every row a month); pacing early, late
and on plan; ``to_dict()`` against the CLI's JSON; and refusals of bad input
as :class:`FunnelError` naming the argument.
"""

import calendar
import datetime
import json
import math
import pickle
import random
import subprocess
import unittest
from fractions import Fraction as Fr

import fpl_schedule_support as ref
from fpl_support import cli_path
from test_cli import difference, run_cli

import funnelplan as fp

TWO = [("lead", "10%"), ("opportunity", "25%")]
GUIDE_WEIGHTS = "6,6,8,8,9,9,6,5,9,10,12,12"
GUIDE_LAGS = {"lead": "1m", "opportunity": "2m"}


def guide_schedule(**kw):
    f = fp.Funnel(TWO, deal_size=10_000)
    return f.schedule("2027-01", 12, revenue="1.2M", per="year", seasonality=GUIDE_WEIGHTS,
                      lags=GUIDE_LAGS, **kw)


def guide_pace(**kw):
    args = dict(deals=30, per="quarter", start="2027-01-01", as_of="2027-02-14",
                actual={"lead": 450, "opportunity": 58}, actual_deals=14,
                open={"opportunity": 56}, lags=GUIDE_LAGS)
    args.update(kw)
    return fp.Funnel(TWO).pace(**args)


def assert_matches(test, got, want):
    problems = ref.mismatches(got, want)
    test.assertEqual(problems, [], "\n".join(problems[:10]))


# ---------------------------------------------------------------------------
# Known values


class ScheduleKnownValues(unittest.TestCase):

    def test_guide_seasonal_year_with_a_two_month_cycle(self):
        s = guide_schedule()
        self.assertEqual((s.start, s.months, s.lead_months, s.per), ("2027-01", 12, 3, "year"))
        self.assertEqual([r.month for r in s.rows][:4],
                         ["2026-10", "2026-11", "2026-12", "2027-01"])
        leads = [288, 288, 384, 384, 432, 432, 288, 240, 432, 480, 576, 576, 0, 0, 0]
        opps = [0, 28.8, 28.8, 38.4, 38.4, 43.2, 43.2, 28.8, 24, 43.2, 48, 57.6, 57.6, 0, 0]
        deals = [0, 0, 0, 7.2, 7.2, 9.6, 9.6, 10.8, 10.8, 7.2, 6, 10.8, 12, 14.4, 14.4]
        for r, lead, opp, d in zip(s.rows, leads, opps, deals):
            self.assertAlmostEqual(r.entering[0], lead, places=9, msg=r.month)
            self.assertAlmostEqual(r.entering[1], opp, places=9, msg=r.month)
            self.assertAlmostEqual(r.deals, d, places=9, msg=r.month)
            self.assertAlmostEqual(r.revenue, d * 10_000, places=5, msg=r.month)
            self.assertEqual(r.in_span, r.month >= "2027-01")
        self.assertEqual(s.entering("lead")[0], s.rows[0].entering[0])
        self.assertIs(s.row("2027-03"), s.rows[5])
        with self.assertRaises(KeyError):
            s.row("2030-01")
        self.assertAlmostEqual(s.stages[0].total, 4800, places=9)
        self.assertAlmostEqual(s.stages[1].total, 480, places=9)
        self.assertEqual(s.total_lag, 3.0)
        self.assertEqual((s.stages[1].lag_months, s.stages[1].lag_days), (2.0, 60.87375))
        self.assertEqual(s.seasonality, (6.0, 6.0, 8.0, 8.0, 9.0, 9.0, 6.0, 5.0, 9.0, 10.0,
                                         12.0, 12.0))
        self.assertIsNone(s.monthly)
        # velocity: 40 opportunities a month x 25% x 10,000 / 60.87 days
        self.assertAlmostEqual(s.velocity.per_day, 40 * 0.25 * 10_000 / 60.87375, places=9)
        self.assertEqual(s.velocity.win_rate, 0.25)
        self.assertIsNone(s.reps)
        self.assertIsNone(s.reps_needed)

    def test_guide_capacity(self):
        s = guide_schedule(reps=4, quota="400k", attainment="75%")
        self.assertEqual((s.reps, s.quota, s.attainment), (4.0, 400_000.0, 0.75))
        self.assertAlmostEqual(s.reps_needed, 4.0, places=12)
        self.assertEqual(s.reps_needed_whole, 4)
        self.assertIsInstance(s.reps_needed_whole, int)
        self.assertAlmostEqual(s.rows[0].entering_per_rep[0], 72.0, places=9)
        self.assertAlmostEqual(s.rows[3].deals_per_rep, 1.8, places=12)
        # attainment defaults to 100% with a quota
        self.assertEqual(guide_schedule(quota="400k").attainment, 1.0)
        self.assertEqual(guide_schedule(quota="400k").reps_needed_whole, 3)

    def test_flat_year_whole_month_lags(self):
        s = fp.Funnel([("lead", 0.1), ("opportunity", "1/3")]).schedule(
            (2027, 1), deals=120, per="year", lags={"lead": "1m", "opportunity": "2m"})
        self.assertEqual(s.lead_months, 3)
        self.assertEqual(len(s.rows), 15)
        for k, r in enumerate(s.rows):
            self.assertAlmostEqual(r.entering[0], 300 if k < 12 else 0, places=9)
            self.assertAlmostEqual(r.entering[1], 30 if 1 <= k < 13 else 0, places=9)
        self.assertIsNone(s.velocity)     # no deal size
        self.assertIsNone(s.revenue)
        self.assertIsNone(s.rows[5].revenue)

    def test_fractional_lags_split_between_neighbouring_months(self):
        f = fp.Funnel([("opportunity", "50%")])
        s = f.schedule("2027-03", 2, deals=10, lags={"opportunity": "0.5m"})
        self.assertEqual([r.entering[0] for r in s.rows], [10.0, 20.0, 10.0])
        # 45 days (the CLI's bare number, and a Python number) is 1.4785 months
        for lag in ("45", "45d", 45, 45.0):
            s = f.schedule("2027-03", 1, deals=10, lags={"opportunity": lag})
            frac = 45 / 30.436875 - 1
            self.assertEqual(s.lead_months, 2)
            self.assertAlmostEqual(s.rows[0].entering[0], 20 * frac, places=12)
            self.assertAlmostEqual(s.rows[1].entering[0], 20 * (1 - frac), places=12)
            self.assertEqual(s.rows[2].entering[0], 0.0)
            self.assertEqual(s.stages[0].lag_days, 45.0)
        # two half-month lags reach two months back with a quarter of the volume
        g = fp.Funnel([("lead", 0.5), ("opportunity", 0.5)])
        s = g.schedule("2027-03", 1, deals=10, lags={"lead": "0.5m", "opportunity": "0.5m"})
        self.assertEqual([r.entering[0] for r in s.rows], [10.0, 20.0, 10.0])
        # two weeks
        s = f.schedule("2027-03", 1, deals=10, lags=[("opportunity", "2w")])
        self.assertAlmostEqual(s.stages[0].lag_months, 14 / 30.436875, places=15)

    def test_monthly_targets_and_year_boundary(self):
        f = fp.Funnel([("lead", "10%"), ("opportunity", "1/3")], deal_size=4000)
        s = f.schedule("2027-11", 3, per="year", monthly_revenue="40k,80k,0",
                       lags=["opportunity=2m"], reps=4, quota="100k", attainment="80%")
        self.assertEqual(s.monthly, fp.MonthlyTarget("revenue", (40000.0, 80000.0, 0.0)))
        self.assertIsNone(s.seasonality)
        self.assertEqual([r.month for r in s.rows], ["2027-09", "2027-10", "2027-11",
                                                     "2027-12", "2028-01"])
        self.assertAlmostEqual(s.deals, 30, places=12)
        self.assertAlmostEqual(s.rows[0].entering[1], 30, places=12)
        self.assertAlmostEqual(s.rows[0].entering[0], 300, places=12)
        self.assertAlmostEqual(s.rows[3].deals_per_rep, 5, places=12)
        self.assertAlmostEqual(s.reps_needed, 6, places=12)
        self.assertEqual(s.reps_needed_whole, 6)
        self.assertAlmostEqual(s.velocity.opportunities_per_month, 30, places=12)
        same = f.schedule((2027, 11), 3, per="year", monthly_revenue=[40_000, "80k", 0.0],
                          lags={"opportunity": "2m"}, reps="4", quota=100_000,
                          attainment=0.8)
        self.assertEqual(same, s)
        d = f.schedule(datetime.date(2027, 11, 30), 3, monthly_deals=[10, 20, 0])
        self.assertEqual(d.monthly.kind, "deals")
        self.assertEqual(d.start, "2027-11")

    def test_seasonality_follows_the_calendar_and_repeats(self):
        f = fp.Funnel([("opportunity", "25%")], deal_size=1000)
        weights = list(range(1, 13))
        s = f.schedule("2027-07", 24, deals=156, per="year", seasonality=weights)
        self.assertAlmostEqual(s.rows[0].share, 7 / 156, places=15)      # July, of 2 years
        self.assertAlmostEqual(s.rows[6].deals, 2 * 156 * 1 / 156, places=12)  # January
        self.assertAlmostEqual(s.rows[18].deals, s.rows[6].deals, places=12)
        self.assertAlmostEqual(s.deals, 312, places=10)
        self.assertEqual(s.rows[6].month, "2028-01")
        self.assertEqual(s.rows[23].month, "2029-06")

    def test_huge_and_tiny_weights_are_only_weights(self):
        f = fp.Funnel(TWO)
        flat = f.schedule("2027-01", deals=12, per="year")
        for w in (1e308, 5e-324, "1e308", 1):
            with self.subTest(w=w):
                self.assertEqual(f.schedule("2027-01", deals=12, per="year",
                                            seasonality=[w] * 12).rows, flat.rows)
        half = f.schedule("2027-01", 2, deals=3, seasonality=[1e308, 5e-324] + [0] * 10)
        self.assertEqual([r.deals for r in half.rows], [6.0, 0.0])

    def test_to_dict_keys_in_contract_order(self):
        d = guide_schedule(reps=2, quota="1M").to_dict()
        self.assertEqual(list(d), ["command", "per", "start", "months", "lead_months",
                                   "total_lag", "deals", "revenue", "deal_size", "seasonality",
                                   "monthly", "stages", "rows", "reps", "quota", "attainment",
                                   "reps_needed", "reps_needed_whole", "velocity"])
        self.assertEqual(list(d["stages"][0]), ["name", "rate", "lag_months", "lag_days",
                                                "total"])
        self.assertEqual(list(d["rows"][0]), ["month", "in_span", "share", "deals", "revenue",
                                              "entering", "deals_per_rep",
                                              "entering_per_rep"])
        self.assertEqual(list(d["velocity"]), ["per_day", "opportunities_per_month",
                                               "win_rate", "deal_size", "cycle_days"])
        plain = fp.Funnel(TWO).schedule("2027-01", deals=1).to_dict()
        self.assertEqual(list(plain["rows"][0]), ["month", "in_span", "share", "deals",
                                                  "revenue", "entering"])
        for key in ("revenue", "deal_size", "seasonality", "monthly", "reps", "quota",
                    "attainment", "reps_needed", "reps_needed_whole", "velocity"):
            self.assertIsNone(plain[key], key)
        self.assertIs(type(plain["months"]), int)
        self.assertIs(type(plain["lead_months"]), int)

    def test_frozen_equal_and_picklable(self):
        s = guide_schedule(reps=3)
        self.assertEqual(pickle.loads(pickle.dumps(s)), s)
        with self.assertRaises(AttributeError):
            s.deals = 1
        with self.assertRaises(AttributeError):
            s.rows[0].deals = 1
        self.assertEqual(hash(s.stages[0]), hash(guide_schedule().stages[0]))


class PaceKnownValues(unittest.TestCase):

    def test_guide_halfway_through_the_quarter(self):
        p = guide_pace()
        self.assertEqual(p.elapsed, 0.5)
        lead, opp = p.stages
        self.assertEqual((lead.plan, lead.plan_to_date, lead.actual), (1200, 600, 450))
        self.assertEqual((lead.attainment, lead.needed_rate, lead.catch_up),
                         (0.75, 1500, 1.25))
        self.assertEqual(lead.status, "off track")
        self.assertEqual(lead.implied_deals, 11.25)
        self.assertEqual(opp.status, "on track")
        self.assertAlmostEqual(opp.attainment, 58 / 60, places=15)
        self.assertEqual((p.deals.plan, p.deals.needed_rate, p.deals.status),
                         (30.0, 32.0, "at risk"))
        self.assertAlmostEqual(p.deals.catch_up, 32 / 30, places=15)
        self.assertEqual(p.warning, fp.PaceWarning("lead", 3.0))
        self.assertEqual(p.coverage, fp.Coverage((fp.OpenPipeline("opportunity", 56.0),),
                                                 56.0, 14.0, 16.0, 3.5, 0.875, 4.0))
        self.assertIsNone(p.revenue)
        self.assertIsNone(p.reps)
        self.assertIs(p["lead"], lead)
        with self.assertRaises(KeyError):
            p["nope"]

    def test_elapsed_in_months_or_as_a_share(self):
        # the library reads the text (fpl_elapsed_parse): months of the period
        f = fp.Funnel(TWO)
        want = f.pace(deals=12, per="year", elapsed=Fr(1, 3), actual={"lead": 100})
        self.assertEqual(want.elapsed, float(Fr(1, 3)))
        for text in ("4m", "4 months", "4 month", "4/12", "1/3"):
            with self.subTest(elapsed=text):
                got = f.pace(deals=12, per="year", elapsed=text, actual={"lead": 100})
                self.assertEqual(got, want)
        self.assertEqual(f.pace(deals=12, per="quarter", elapsed="1.5m").elapsed, 0.5)
        self.assertEqual(f.pace(deals=12, per="month", elapsed="1 month").elapsed, 1.0)
        with self.assertRaises(fp.FunnelError) as cm:
            f.pace(deals=12, per="quarter", elapsed="4m")
        self.assertEqual((cm.exception.status, cm.exception.field),
                         ("FPL_ERR_ELAPSED", "elapsed"))
        self.assertIn("elapsed '4m'", str(cm.exception))
        self.assertIn("months up to 1 (month), 3 (quarter) or 12 (year)", str(cm.exception))

    def test_first_and_last_periods_of_the_calendar(self):
        f = fp.Funnel(TWO)
        for per, start, as_of, share in (
                ("month", "9999-12-01", "9999-12-31", Fr(1)),
                ("month", "9999-12-01", datetime.date(9999, 12, 10), Fr(10, 31)),
                ("quarter", (9999, 10, 1), "9999-12-31", Fr(1)),
                ("year", "9999-01-01", "9999-12-31", Fr(1)),
                ("year", "9999-02-01", "9999-12-31", Fr(334, 365)),
                ("month", "0001-01-01", "0001-01-31", Fr(1)),
                ("quarter", "0001-01-01", "0001-03-31", Fr(1)),
                ("year", datetime.date(1, 1, 1), "0001-07-02", Fr(183, 365))):
            with self.subTest(per=per, start=start, as_of=as_of):
                p = f.pace(deals=10, per=per, start=start, as_of=as_of)
                self.assertEqual(Fr(p.elapsed), Fr(float(share)))

    def test_still_needed_in_whole_units_and_per_month_left(self):
        # 10 deals a quarter at 30% then 10%: the plan's whole counts are 10
        # deals, 34 opportunities (33.3 up), 340 leads; 2 months are left
        f = fp.Funnel([("lead", "10%"), ("opportunity", "30%")], deal_size=1000)
        p = f.pace(deals=10, per="quarter", elapsed="1m", actual={"lead": 100, "opportunity": 9},
                   actual_deals=2, actual_revenue=2500)
        self.assertEqual(p.months_left, 2)
        lead, opp = p.stages
        self.assertEqual((lead.plan_whole, lead.still_needed_whole, lead.needed_per_month_whole),
                         (340, 240, 120))
        self.assertTrue(all(type(x) is int for x in (lead.plan_whole, lead.still_needed_whole,
                                                     lead.needed_per_month_whole)))
        exact = (Fr(10) / Fr("0.03") - 100) / 2  # 116.67, within a few ulps
        self.assertLessEqual(abs(Fr(lead.needed_per_month) - exact) / exact, Fr(1, 2 ** 50))
        self.assertEqual((opp.plan_whole, opp.still_needed_whole, opp.needed_per_month_whole),
                         (34, 25, 13))
        self.assertEqual((p.deals.still_needed_whole, p.deals.needed_per_month_whole,
                          p.deals.needed_per_month), (8, 4, 4.0))
        # revenue is an amount: per month left, no whole count
        self.assertEqual((p.revenue.plan_whole, p.revenue.still_needed_whole,
                          p.revenue.needed_per_month, p.revenue.needed_per_month_whole),
                         (None, None, 3750.0, None))
        # without an actual, nothing is still needed; the period over, nothing a month
        self.assertIsNone(f.pace(deals=10, elapsed=0.5).stages[0].still_needed_whole)
        over = f.pace(deals=10, per="quarter", elapsed="3m", actual={"lead": 100})
        self.assertEqual((over.months_left, over.stages[0].still_needed_whole,
                          over.stages[0].needed_per_month,
                          over.stages[0].needed_per_month_whole), (0, 240, None, None))

    def test_half_month_early_late_and_on_plan(self):
        f = fp.Funnel([("lead", "10%"), ("opportunity", "25%")])
        p = f.pace(deals=10, elapsed=0.5, actual={"lead": 150, "opportunity": 19},
                   actual_deals=4, lags={"lead": "1m", "opportunity": "2m"})
        self.assertEqual([s.status for s in p.stages], ["off track", "on track"])
        self.assertEqual(p.deals.status, "at risk")
        self.assertEqual(p.stages[0].projection, 300)
        self.assertEqual(p.stages[0].still_needed, 250)
        self.assertEqual(p.warning.months, 3.0)
        # exactly on plan is on track; ahead needs nothing more
        p = f.pace(deals=10, elapsed="50%", actual={"lead": 200, "opportunity": 45})
        self.assertEqual(p.stages[0].attainment, 1.0)
        self.assertEqual(p.stages[0].status, "on track")
        self.assertEqual((p.stages[1].still_needed, p.stages[1].needed_rate), (0.0, 0.0))
        self.assertIsNone(p.warning)
        # the period over: no rate is needed any more
        p = f.pace(deals=10, elapsed=1, actual={"lead": 200})
        self.assertIsNone(p.stages[0].needed_rate)
        self.assertIsNone(p.stages[0].catch_up)
        self.assertEqual(p.stages[0].projection, 200)
        # early in the period (a tenth gone), and late (nine tenths)
        p = f.pace(deals=10, elapsed="1/10", actual={"lead": 30})
        self.assertAlmostEqual(p.stages[0].attainment, 0.75, places=15)
        self.assertAlmostEqual(p.stages[0].needed_rate, 370 / 0.9, places=10)
        p = f.pace(deals=10, elapsed="90%", actual={"lead": 380})
        self.assertAlmostEqual(p.stages[0].attainment, 380 / 360, places=15)
        self.assertEqual(p.stages[0].status, "on track")
        self.assertAlmostEqual(p.stages[0].needed_rate, 20 / 0.1, places=9)

    def test_thresholds_at_their_edges(self):
        f = fp.Funnel([("lead", "10%"), ("opportunity", "25%")])
        # 19 of 20 due is exactly 95%: on track by default, at risk at 96%
        p = f.pace(deals=10, elapsed=0.5, actual={"opportunity": 19})
        self.assertEqual(p.stages[1].status, "on track")
        p = f.pace(deals=10, elapsed=0.5, actual={"opportunity": 19}, at_risk="96%")
        self.assertEqual(p.stages[1].status, "at risk")
        # 16 of 20 is exactly 80%: at risk; 15.99 off track
        self.assertEqual(f.pace(deals=10, elapsed=0.5, actual={"opportunity": 16})
                         .stages[1].status, "at risk")
        self.assertEqual(f.pace(deals=10, elapsed=0.5, actual={"opportunity": 15.99})
                         .stages[1].status, "off track")
        p = f.pace(deals=10, elapsed=0.5, actual={"opportunity": 16}, at_risk=1,
                   off_track="81%")
        self.assertEqual((p.at_risk, p.off_track), (1.0, 0.81))
        self.assertEqual(p.stages[1].status, "off track")
        # thresholds above 100% (up to 1000%) and equal thresholds
        p = f.pace(deals=10, elapsed=0.5, actual={"opportunity": 30}, at_risk="200%",
                   off_track="200%")
        self.assertEqual(p.stages[1].status, "off track")
        self.assertEqual(f.pace(deals=10, elapsed=0.5, actual={"opportunity": 40},
                                at_risk="200%", off_track="200%").stages[1].status,
                         "on track")
        self.assertEqual((p.at_risk, p.off_track), (2.0, 2.0))

    def test_warning_is_the_highest_stage_off_track(self):
        f = fp.Funnel([("lead", "50%"), ("mql", "50%"), ("sql", "50%")])
        p = f.pace(deals=10, elapsed=0.5, actual={"lead": 80, "mql": 10, "sql": 1},
                   lags={"mql": "1m", "sql": 61})
        self.assertEqual(p.stages[0].status, "on track")
        self.assertEqual(p.warning.stage, "mql")
        self.assertAlmostEqual(p.warning.months, 1 + 61 / 30.436875, places=14)

    def test_pipeline_coverage_revenue_and_reps(self):
        f = fp.Funnel([("lead", "10%"), ("opportunity", "25%")], deal_size=5000)
        p = f.pace(deals=10, elapsed=0.5, open={"opportunity": 12, "lead": 100},
                   actual_deals=4, actual_revenue=21_000, reps=2, at_risk=1, off_track=0.5)
        c = p.coverage
        self.assertEqual([o.stage for o in c.open], ["lead", "opportunity"])  # funnel order
        self.assertEqual((c.open_units, c.open_deals, c.still_to_close), (112.0, 5.5, 6.0))
        self.assertAlmostEqual(c.raw, 112 / 6, places=14)
        self.assertAlmostEqual(c.weighted, 5.5 / 6, places=15)
        self.assertAlmostEqual(c.required, 112 / 5.5, places=14)
        p = f.pace(deals=10, elapsed=0.5, open={"opportunity": 12}, actual_deals=4,
                   actual_revenue="21k", reps=2, at_risk=1, off_track=0.5)
        self.assertEqual(p.coverage.required, 4.0)   # 25% close rate: 4x, not 3x
        self.assertEqual((p.revenue.plan, p.revenue.status), (50_000.0, "at risk"))
        self.assertEqual((p.revenue.plan_per_rep, p.revenue.actual_per_rep), (25_000, 10_500))
        self.assertEqual(p.revenue.needed_rate_per_rep, 29_000)
        self.assertEqual(p.stages[0].plan_per_rep, 200)
        self.assertIsNone(p.stages[0].actual)
        self.assertIsNone(p.stages[0].actual_per_rep)
        self.assertEqual(p.reps, 2.0)
        # the target met: nothing to close, no ratios
        p = f.pace(deals=10, elapsed=0.5, open={"opportunity": 12}, actual_deals=12)
        self.assertEqual(p.coverage.still_to_close, 0.0)
        self.assertIsNone(p.coverage.raw)
        self.assertIsNone(p.coverage.weighted)
        # an open pipeline of zeros brings no deals: no required coverage
        p = f.pace(deals=10, elapsed=0.5, open={"opportunity": 0})
        self.assertIsNone(p.coverage.required)
        self.assertEqual(p.coverage.raw, 0.0)

    def test_elapsed_from_dates(self):
        f = fp.Funnel([("lead", "10%")])
        cases = [(("2027-01-01", "2027-02-14", "quarter"), Fr(45, 90)),
                 (("2027-01-01", "2027-02-14", "year"), Fr(45, 365)),
                 (("2027-01-01", "2027-01-01", "month"), Fr(1, 31)),
                 (("2027-12-01", "2028-02-29", "quarter"), Fr(1)),
                 (("2027-01-31", "2027-02-28", "month"), Fr(1)),
                 (((2028, 1, 31), datetime.date(2028, 2, 1), "month"), Fr(2, 30)),
                 ((datetime.date(2024, 3, 1), "2025-02-28", "year"), Fr(365, 365))]
        for (start, as_of, per), want in cases:
            with self.subTest(start=start, as_of=as_of, per=per):
                p = f.pace(deals=1, per=per, start=start, as_of=as_of)
                self.assertEqual(p.elapsed, float(want))
        for start, as_of, per in (("2027-01-31", "2027-03-01", "month"),
                                  ("2027-01-31", "2027-01-30", "month"),
                                  ("2027-01-01", "2028-01-01", "year")):
            with self.assertRaises(fp.FunnelError) as cm:
                f.pace(deals=1, per=per, start=start, as_of=as_of)
            self.assertEqual(cm.exception.status, "FPL_ERR_ELAPSED")
            self.assertIn("as_of", str(cm.exception))

    def test_to_dict_keys_in_contract_order(self):
        f = fp.Funnel(TWO, deal_size=100)
        d = f.pace(deals=10, elapsed=0.5, actual={"lead": 1}, reps=3, open={"lead": 5}
                   ).to_dict()
        self.assertEqual(list(d), ["command", "per", "elapsed", "at_risk", "off_track",
                                   "stages", "deals", "revenue", "warning", "coverage", "reps",
                                   "months_left"])
        row = ["plan", "plan_to_date", "actual", "attainment", "projection",
               "projected_attainment", "still_needed", "needed_rate", "catch_up", "status"]
        reps = ["plan_per_rep", "actual_per_rep", "needed_rate_per_rep"]
        left = ["plan_whole", "still_needed_whole", "needed_per_month", "needed_per_month_whole"]
        self.assertEqual(list(d["stages"][0]), ["name", "rate", "cumulative_rate"] + row + reps
                         + ["implied_deals"] + left)
        self.assertEqual(list(d["deals"]), row + reps + left)
        self.assertEqual(list(d["revenue"]), row + reps + left)
        self.assertEqual(list(d["warning"]), ["stage", "months"])
        self.assertEqual(list(d["coverage"]), ["open", "open_units", "open_deals",
                                               "still_to_close", "raw", "weighted",
                                               "required"])
        plain = fp.Funnel(TWO).pace(deals=10, elapsed=0.5).to_dict()
        self.assertEqual(list(plain["deals"]), row + left)
        for key in ("revenue", "warning", "coverage", "reps"):
            self.assertIsNone(plain[key])
        self.assertTrue(all(plain["deals"][k] is None for k in row[2:]))
        self.assertEqual(pickle.loads(pickle.dumps(guide_pace())), guide_pace())


# ---------------------------------------------------------------------------
# Against the exact reference, on cases the C tests did not name


class AgainstTheExactReference(unittest.TestCase):

    def test_random_schedules(self):
        for k, case in enumerate(ref.schedule_cases(70707, 200)):
            with self.subTest(case=k, args=case.args):
                got = fp.Funnel(case.funnel.stages()).schedule(
                    "%04d-%02d" % case.start, case.months, **case.kw)
                assert_matches(self, got.to_dict(), case.exact())

    def test_random_paces(self):
        statuses = set()
        warnings = coverages = 0
        for k, case in enumerate(ref.pace_cases(80808, 200)):
            with self.subTest(case=k, args=case.args):
                got = fp.Funnel(case.funnel.stages()).pace(**case.kw)
                assert_matches(self, got.to_dict(), case.exact())
                statuses.update(s.status for s in got.stages)
                warnings += got.warning is not None
                coverages += got.coverage is not None
        self.assertEqual(statuses, {None, "on track", "at risk", "off track"})
        self.assertGreater(warnings, 20)
        self.assertGreater(coverages, 20)

    def test_random_elapsed_from_dates(self):
        rng = random.Random(90909)
        f = fp.Funnel([("lead", "10%")])
        refused = 0
        for _ in range(300):
            year, month = rng.randint(1, 9998), rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(year, month)[1])
            start = datetime.date(year, month, day)
            per = rng.choice(ref.PERIODS)
            as_of = start + datetime.timedelta(days=rng.randint(-3, 370))
            want = ref.exact_elapsed(start, as_of, per)
            with self.subTest(start=start, as_of=as_of, per=per):
                if want is None:
                    with self.assertRaises(fp.FunnelError) as cm:
                        f.pace(deals=1, per=per, start=start, as_of=as_of)
                    self.assertEqual(cm.exception.status, "FPL_ERR_ELAPSED")
                    refused += 1
                    continue
                got = f.pace(deals=1, per=per, start=start.isoformat(), as_of=as_of)
                self.assertEqual(got.elapsed, float(want))
        self.assertGreater(refused, 5)


# ---------------------------------------------------------------------------
# Properties


class Properties(unittest.TestCase):

    def test_totals_equal_the_plan(self):
        """Every stage's units over all rows are plan's required per period
        × months of the span / months of the period."""
        for k, case in enumerate(ref.schedule_cases(31337, 120)):
            if "monthly" in case.ref:
                continue
            f = fp.Funnel(case.funnel.stages())
            s = f.schedule("%04d-%02d" % case.start, case.months, **case.kw)
            target = {key: case.kw[key] for key in ("revenue", "deals", "deal_size")
                      if key in case.kw}
            p = f.plan(per=case.per, **target)
            with self.subTest(case=k, args=case.args):
                for stage, planned in zip(s.stages, p.stages):
                    want = Fr(planned.required) * case.months / ref.MONTHS[case.per]
                    self.assertTrue(ref.close(stage.total, want), (stage, float(want)))
                    self.assertTrue(ref.close(math.fsum(s.entering(stage.name)),
                                              Fr(stage.total)))
                self.assertTrue(ref.close(s.deals, Fr(p.deals) * case.months
                                          / ref.MONTHS[case.per]))

    def test_a_month_more_on_every_lag_moves_every_row_a_month(self):
        rng = random.Random(4711)
        for k in range(60):
            funnel = ref.Funnel(rng)
            n = len(funnel.names)
            lags = [ref.random_lag(rng)[1] for _ in range(n)]
            # months as text, or days as text (a month is 30.436875 days)
            as_days = rng.random() < 0.5

            def text(m):
                # Days only where the lag is not whole months: 152.184375d is
                # 5 months in decimal but not quite in doubles (a lead row
                # more, holding 1e-16 of the volume).
                days = m * ref.DAYS_PER_MONTH
                if as_days and m.denominator != 1 and _decimal_ok(days):
                    return "%sd" % ref._plain(days)
                return ("%sm" % ref._plain(m) if _decimal_ok(m) else "%.17gm" % float(m))

            kw = dict(per=rng.choice(ref.PERIODS), deals=rng.randint(1, 1000),
                      seasonality=[rng.randint(1, 9) for _ in range(12)])
            start = (rng.randint(2000, 2050), rng.randint(1, 12))
            months = rng.randint(1, 36)
            f = fp.Funnel(funnel.stages())
            s1 = f.schedule(start, months, lags={name: text(m) for name, m in
                                                 zip(funnel.names, lags)}, **kw)
            s2 = f.schedule(start, months, lags={name: text(m + 1) for name, m in
                                                 zip(funnel.names, lags)}, **kw)
            with self.subTest(case=k, lags=lags, as_days=as_days):
                self.assertEqual(s2.lead_months, s1.lead_months + n)
                self.assertEqual(s2.rows[n].month, s1.rows[0].month)
                self.assertAlmostEqual(s2.total_lag, s1.total_lag + n, places=12)
                for i in range(n):
                    moved = n - i  # stage i enters the lags of i .. n-1 earlier
                    for r, row in enumerate(s1.rows):
                        later = s2.rows[r + n - moved]
                        self.assertTrue(ref.close(later.entering[i] + 1, Fr(row.entering[i]) + 1),
                                        (row.month, later.month, i))
                    self.assertTrue(ref.close(s2.stages[i].total, Fr(s1.stages[i].total)))
                self.assertEqual([r.deals for r in s2.rows[n:]], [r.deals for r in s1.rows])


def _decimal_ok(x):
    """True when a Fraction is a finite decimal (its denominator 2^a 5^b)."""
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


# ---------------------------------------------------------------------------
# The CLI prints what to_dict() returns


def cli_has(command):
    """True when the CLI has ``command`` (the CLI commands are written in
    parallel with the Python side: an older CLI answers with a usage error)."""
    if cli_path() is None:
        return False
    try:
        code, _, _ = run_cli([command, "--help"])
    except (OSError, subprocess.SubprocessError):
        return False
    return code == 0


def cli_json_or_fail(test, args):
    code, out, err = run_cli(args)
    test.assertEqual(code, 0, "funnelplan %s: exit %d: %s" % (" ".join(args), code, err))
    return json.loads(out)


class SameAsTheCli(unittest.TestCase):

    def test_schedule_to_dict_is_the_cli_json(self):
        if not cli_has("schedule"):
            self.skipTest("the funnelplan CLI has no `schedule` command yet (written in "
                          "parallel; this test runs once it is built)")
        cases = ref.schedule_cases(2468, 30)
        for k, case in enumerate(cases):
            with self.subTest(case=k, args=case.args):
                py = fp.Funnel(case.funnel.stages()).schedule(
                    "%04d-%02d" % case.start, case.months, **case.kw).to_dict()
                cli = cli_json_or_fail(self, case.args)
                self.assertIsNone(difference(py, cli))
                self.assertEqual(py, cli)
                # Equal faces could share a wrong figure: the figures both
                # print (equal as numbers, the CLI's JSON writes 27.0 as 27)
                # are held to the exact reference too.
                assert_matches(self, py, case.exact())
        guide = (["schedule"] + sum((["--stage", "%s=%s" % s] for s in TWO), []) +
                 ["--deal-size", "10000", "--revenue", "1.2M", "--per", "year", "--start",
                  "2027-01", "--months", "12", "--seasonality", GUIDE_WEIGHTS, "--lag",
                  "lead=1m", "--lag", "opportunity=2m", "--reps", "4", "--quota", "400k",
                  "--attainment", "75%", "--format", "json"])
        py = guide_schedule(reps=4, quota="400k", attainment="75%").to_dict()
        self.assertIsNone(difference(py, cli_json_or_fail(self, guide)))

    def test_pace_to_dict_is_the_cli_json(self):
        if not cli_has("pace"):
            self.skipTest("the funnelplan CLI has no `pace` command yet (written in "
                          "parallel; this test runs once it is built)")
        for k, case in enumerate(ref.pace_cases(13579, 30)):
            with self.subTest(case=k, args=case.args):
                py = fp.Funnel(case.funnel.stages()).pace(**case.kw).to_dict()
                cli = cli_json_or_fail(self, case.args)
                self.assertIsNone(difference(py, cli))
                self.assertEqual(py, cli)
                assert_matches(self, py, case.exact())
        guide = (["pace"] + sum((["--stage", "%s=%s" % s] for s in TWO), []) +
                 ["--deals", "30", "--per", "quarter", "--start", "2027-01-01", "--as-of",
                  "2027-02-14", "--actual", "lead=450", "--actual", "opportunity=58",
                  "--actual-deals", "14", "--open", "opportunity=56", "--lag", "lead=1m",
                  "--lag", "opportunity=2m", "--format", "json"])
        self.assertIsNone(difference(guide_pace().to_dict(), cli_json_or_fail(self, guide)))


    def test_python_numbers_are_the_cli_texts(self):
        """A number as a lag is days, like the CLI's bare number; dates and
        months as tuples or datetime.date are the CLI's text."""
        if not (cli_has("schedule") and cli_has("pace")):
            self.skipTest("the funnelplan CLI has no `schedule`/`pace` commands yet")
        stages = sum((["--stage", "%s=%s" % s] for s in TWO), [])
        f = fp.Funnel(TWO, deal_size=2500)
        py = f.schedule((2026, 11), 14, deals=7.5, per="quarter",
                        lags={"lead": 45, "opportunity": 30.5}, reps=3).to_dict()
        cli = cli_json_or_fail(self, ["schedule"] + stages + [
            "--deal-size", "2500", "--deals", "7.5", "--per", "quarter", "--start", "2026-11",
            "--months", "14", "--lag", "lead=45", "--lag", "opportunity=30.5", "--reps", "3",
            "--format", "json"])
        self.assertIsNone(difference(py, cli))
        py = f.pace(revenue=1e6, per="year", start=datetime.date(2027, 3, 31),
                    as_of=(2027, 9, 30), actual={"lead": 1500.5}, actual_revenue=4e5,
                    open=[("lead", 80), ("opportunity", 12)], lags={"opportunity": 61},
                    at_risk=0.9, off_track=0.6, reps=2).to_dict()
        cli = cli_json_or_fail(self, ["pace"] + stages + [
            "--deal-size", "2500", "--revenue", "1M", "--per", "year", "--start", "2027-03-31",
            "--as-of", "2027-09-30", "--actual", "lead=1500.5", "--actual-revenue", "400k",
            "--open", "lead=80", "--open", "opportunity=12", "--lag", "opportunity=61",
            "--at-risk", "90%", "--off-track", "60%", "--reps", "2", "--format", "json"])
        self.assertIsNone(difference(py, cli))
        self.assertEqual(py, cli)


# ---------------------------------------------------------------------------
# Refusals

NAN, INF = math.nan, math.inf
HUGE_INT = 10 ** 400
NO_ANSWER = ("FPL_ERR_OVERFLOW", "FPL_ERR_TOO_LARGE")  # is_input_error False: the CLI's exit 1


class ScheduleRefusals(unittest.TestCase):

    def check(self, bad, base):
        f = fp.Funnel(TWO, deal_size=1000) if base.pop("_size", True) else fp.Funnel(TWO)
        for kw, status, named in bad:
            args = dict(base, **kw)
            start = args.pop("start", "2027-01")
            with self.subTest(kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.schedule(start, **args)
                e = cm.exception
                self.assertEqual(e.status, status, str(e))
                self.assertIn(named, str(e))
                self.assertEqual(e.is_input_error, status not in NO_ANSWER, str(e))

    def test_bad_values_of_every_argument(self):
        bad = [
            # start
            ({"start": "2027-13"}, "FPL_ERR_DATE", "start"),
            ({"start": "2027-1"}, "FPL_ERR_DATE", "start"),
            ({"start": ""}, "FPL_ERR_DATE", "start"),
            ({"start": "0000-01"}, "FPL_ERR_DATE", "start"),
            ({"start": "2027-01-01"}, "FPL_ERR_DATE", "start"),
            ({"start": (2027, 0)}, "FPL_ERR_DATE", "start"),
            ({"start": (-1, 1)}, "FPL_ERR_DATE", "start"),
            ({"start": (HUGE_INT, 1)}, "FPL_ERR_DATE", "start"),
            ({"start": (10000, 1)}, "FPL_ERR_DATE", "start"),
            ({"start": (2027.0, 1)}, "FPL_ERR_DATE", "start"),
            ({"start": 2027}, "FPL_ERR_DATE", "start"),
            ({"start": NAN}, "FPL_ERR_DATE", "start"),
            ({"start": None}, "FPL_ERR_NULL", "start"),
            ({"start": "9999-12", "months": 2}, "FPL_ERR_DATE", "start"),
            ({"start": "0001-01", "lags": {"lead": "1m"}}, "FPL_ERR_DATE", "start"),
            # months
            ({"months": 0}, "FPL_ERR_MONTHS", "months"),
            ({"months": 121}, "FPL_ERR_MONTHS", "months"),
            ({"months": 1.5}, "FPL_ERR_MONTHS", "months"),
            ({"months": -3}, "FPL_ERR_MONTHS", "months"),
            ({"months": NAN}, "FPL_ERR_MONTHS", "months"),
            ({"months": INF}, "FPL_ERR_MONTHS", "months"),
            ({"months": HUGE_INT}, "FPL_ERR_PARSE_OVERFLOW", "months"),
            ({"months": 2 ** 32 + 12}, "FPL_ERR_MONTHS", "months"),
            ({"months": "1e3"}, "FPL_ERR_MONTHS", "months"),
            ({"months": ""}, "FPL_ERR_PARSE_EMPTY", "months"),
            ({"months": "twelve"}, "FPL_ERR_PARSE_SYNTAX", "months"),
            ({"months": "-1"}, "FPL_ERR_PARSE_NEGATIVE", "months"),
            ({"months": None}, "FPL_ERR_NULL", "months"),
            ({"months": True}, "FPL_ERR_PARSE_SYNTAX", "months"),
            # per
            ({"per": "week"}, "FPL_ERR_PERIOD", "per"),
            ({"per": ""}, "FPL_ERR_PARSE_EMPTY", "per"),
            ({"per": 12}, "FPL_ERR_PERIOD", "per"),
            # the target
            ({"deals": NAN}, "FPL_ERR_DEALS", "deals"),
            ({"deals": INF}, "FPL_ERR_DEALS", "deals"),
            ({"deals": -1}, "FPL_ERR_DEALS", "deals"),
            ({"deals": 0}, "FPL_ERR_DEALS", "deals"),
            ({"deals": "1e999"}, "FPL_ERR_PARSE_COUNT_MAX", "deals"),
            ({"deals": HUGE_INT}, "FPL_ERR_PARSE_COUNT_MAX", "deals"),   # a count: 2^53 at most
            ({"deals": 1e308}, "FPL_ERR_PARSE_COUNT_MAX", "deals"),
            ({"deals": ""}, "FPL_ERR_PARSE_EMPTY", "deals"),
            ({"deals": "ten"}, "FPL_ERR_PARSE_SYNTAX", "deals"),
            ({"deals": None}, "FPL_ERR_TARGET", "schedule"),
            ({"deals": None, "revenue": NAN}, "FPL_ERR_REVENUE", "revenue"),
            ({"deals": None, "revenue": -5}, "FPL_ERR_REVENUE", "revenue"),
            ({"deals": None, "revenue": 0}, "FPL_ERR_REVENUE", "revenue"),
            ({"deals": None, "revenue": "1e400"}, "FPL_ERR_PARSE_OVERFLOW", "revenue"),
            ({"revenue": 5}, "FPL_ERR_TARGET", "revenue"),
            ({"deal_size": NAN}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": -1}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": 0}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": INF}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": "1,0"}, "FPL_ERR_PARSE_GROUPING", "deal_size"),
            ({"deal_size": 1e308}, "FPL_ERR_OVERFLOW", "schedule"),
            # seasonality
            ({"seasonality": [1] * 11}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),
            ({"seasonality": [1] * 13}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),
            ({"seasonality": "1,2,3"}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),
            ({"seasonality": ",".join("1" * 13)}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),
            ({"seasonality": []}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),
            ({"seasonality": ""}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": [0] * 12}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": "0,0,0,0,0,0,0,0,0,0,0,0"}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": [NAN] + [1] * 11}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": [INF] + [1] * 11}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": [-1] + [1] * 11}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": "1,-2,3,4,5,6,7,8,9,10,11,12"}, "FPL_ERR_WEIGHTS",
             "seasonality"),
            ({"seasonality": "1,,3,4,5,6,7,8,9,10,11,12"}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": "1;2"}, "FPL_ERR_WEIGHTS_COUNT", "seasonality"),  # ; separates
            ({"seasonality": "1:2"}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": "1,500,1,1,1,1,1,1,1,1,1,1"}, "FPL_ERR_PARSE_AMBIGUOUS",
             "seasonality"),
            ({"seasonality": ["x"] + [1] * 11}, "FPL_ERR_PARSE_SYNTAX", "seasonality[0]"),
            ({"seasonality": [HUGE_INT] + [1] * 11}, "FPL_ERR_PARSE_OVERFLOW",
             "seasonality[0]"),
            ({"seasonality": 5}, "FPL_ERR_WEIGHTS", "seasonality"),
            ({"seasonality": [None] * 12}, "FPL_ERR_NULL", "seasonality[0]"),
            ({"start": "2027-01", "months": 2,
              "seasonality": [0, 0] + [1] * 10}, "FPL_ERR_WEIGHTS", "seasonality"),
            # lags
            ({"lags": {"lead": -1}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": NAN}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": INF}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": HUGE_INT}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "121m"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "3653d"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": ""}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "2x"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "-1m"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": None}}, "FPL_ERR_NULL", "lags 'lead'"),
            ({"lags": {"lead": True}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "60.5m", "opportunity": "59.6m"}}, "FPL_ERR_LAG", "lags"),
            ({"lags": {"nope": "1m"}}, "FPL_ERR_STAGE_UNKNOWN", "lags 'nope'"),
            ({"lags": {"": "1m"}}, "FPL_ERR_STAGE_UNKNOWN", "lags ''"),
            ({"lags": {3: "1m"}}, "FPL_ERR_STAGE_UNKNOWN", "lags 3"),
            ({"lags": [("lead", "1m"), ("lead", "2m")]}, "FPL_ERR_STAGE_DUPLICATE", "lags"),
            ({"lags": ["lead"]}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": [5]}, "FPL_ERR_LAG", "lags[0]"),
            ({"lags": 5}, "FPL_ERR_LAG", "lags 5"),
            # reps, quota, attainment
            ({"reps": 0}, "FPL_ERR_REPS", "reps"),
            ({"reps": "0"}, "FPL_ERR_REPS", "reps"),
            ({"reps": -0.0}, "FPL_ERR_REPS", "reps"),
            ({"reps": -2}, "FPL_ERR_REPS", "reps"),
            ({"reps": NAN}, "FPL_ERR_REPS", "reps"),
            ({"reps": INF}, "FPL_ERR_REPS", "reps"),
            ({"reps": "1e400"}, "FPL_ERR_PARSE_OVERFLOW", "reps"),
            ({"reps": ""}, "FPL_ERR_PARSE_EMPTY", "reps"),
            ({"reps": "many"}, "FPL_ERR_PARSE_SYNTAX", "reps"),
            ({"reps": 5e-324, "deals": 1e15}, "FPL_ERR_OVERFLOW", "schedule"),
            ({"quota": 0}, "FPL_ERR_QUOTA", "quota"),
            ({"quota": -1}, "FPL_ERR_QUOTA", "quota"),
            ({"quota": NAN}, "FPL_ERR_QUOTA", "quota"),
            ({"quota": INF}, "FPL_ERR_QUOTA", "quota"),
            ({"quota": ""}, "FPL_ERR_PARSE_EMPTY", "quota"),
            ({"quota": "1e999"}, "FPL_ERR_PARSE_OVERFLOW", "quota"),
            ({"quota": 5e-324}, "FPL_ERR_OVERFLOW", "schedule"),
            ({"quota": 1000, "attainment": 0}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": "0%"}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": "150%"}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": -0.5}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": NAN}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": INF}, "FPL_ERR_ATTAINMENT", "attainment"),
            ({"quota": 1000, "attainment": ""}, "FPL_ERR_PARSE_EMPTY", "attainment"),
            ({"quota": 1000, "attainment": "1/0"}, "FPL_ERR_PARSE_DIVZERO", "attainment"),
            ({"attainment": "80%"}, "FPL_ERR_QUOTA", "attainment"),
        ]
        self.check(bad, {"deals": 10})

    def test_monthly_targets(self):
        bad = [
            ({"monthly_deals": [1, 2]}, "FPL_ERR_WEIGHTS_COUNT", "monthly_deals"),
            ({"monthly_deals": "1,2"}, "FPL_ERR_WEIGHTS_COUNT", "monthly_deals"),
            ({"monthly_deals": "1,2,3,4"}, "FPL_ERR_WEIGHTS_COUNT", "monthly_deals"),
            ({"monthly_deals": ",".join(["1"] * 121)}, "FPL_ERR_WEIGHTS_COUNT",
             "monthly_deals"),
            ({"monthly_deals": []}, "FPL_ERR_WEIGHTS_COUNT", "monthly_deals"),
            ({"monthly_deals": ""}, "FPL_ERR_WEIGHTS", "monthly_deals"),
            ({"monthly_deals": "0,0,0"}, "FPL_ERR_WEIGHTS", "monthly_deals"),
            ({"monthly_deals": [NAN, 1, 1]}, "FPL_ERR_WEIGHTS", "monthly_deals"),
            ({"monthly_deals": [INF, 1, 1]}, "FPL_ERR_WEIGHTS", "monthly_deals"),
            ({"monthly_deals": [-1, 1, 1]}, "FPL_ERR_WEIGHTS", "monthly_deals"),
            ({"monthly_deals": ["1", "x", "1"]}, "FPL_ERR_PARSE_SYNTAX", "monthly_deals[1]"),
            ({"monthly_deals": [1e308, 1e308, 1e308]}, "FPL_ERR_OVERFLOW", "schedule"),
            ({"monthly_revenue": [1, 1, 1], "_size": False}, "FPL_ERR_DEAL_SIZE_MISSING",
             "monthly_revenue"),
            ({"monthly_deals": [1, 1, 1], "deals": 3}, "FPL_ERR_TARGET", "monthly_deals"),
            ({"monthly_revenue": [1, 1, 1], "revenue": 3}, "FPL_ERR_TARGET",
             "monthly_revenue"),
            ({"monthly_deals": [1, 1, 1], "monthly_revenue": [1, 1, 1]}, "FPL_ERR_TARGET",
             "schedule"),
            ({"monthly_deals": [1, 1, 1], "seasonality": [1] * 12}, "FPL_ERR_WEIGHTS",
             "seasonality"),
            ({"monthly_deals": {"a": 1}}, "FPL_ERR_WEIGHTS", "monthly_deals"),
        ]
        for kw, status, named in bad:
            size = kw.pop("_size", True)
            self.check([(kw, status, named)], {"months": 3, "_size": size})

    def test_the_library_names_the_field_and_stage(self):
        f = fp.Funnel(TWO)
        cases = [
            ({"months": 0}, "FPL_ERR_MONTHS", "months", None),
            ({"start": "0001-01", "lags": {"lead": "1m"}}, "FPL_ERR_DATE", "start", None),
            ({"seasonality": [1, -1] + [1] * 10}, "FPL_ERR_WEIGHTS", "seasonality", 1),
            ({"months": 2, "seasonality": [0, 0] + [1] * 10}, "FPL_ERR_WEIGHTS",
             "seasonality", None),
            ({"deals": None, "months": 3, "monthly_deals": [1, NAN, 1]}, "FPL_ERR_WEIGHTS",
             "monthly_deals", 1),
            ({"lags": {"lead": "60.5m", "opportunity": "59.6m"}}, "FPL_ERR_LAG", "lag", 1),
            ({"lags": {"opportunity": -1}}, "FPL_ERR_LAG", "lag", None),  # fpl_lag_parse
            ({"reps": 0}, "FPL_ERR_REPS", "reps", None),
            ({"quota": 0}, "FPL_ERR_QUOTA", "quota", None),
            ({"quota": 1000}, "FPL_ERR_DEAL_SIZE_MISSING", "quota", None),
        ]
        for kw, status, field, index in cases:
            args = dict({"deals": 10}, **kw)
            start = args.pop("start", "2027-01")
            with self.subTest(kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.schedule(start, **args)
                self.assertEqual((cm.exception.status, cm.exception.field, cm.exception.index),
                                 (status, field, index))
        sized = fp.Funnel(TWO, deal_size=1000)
        for kw, field in (({"quota": 1000, "attainment": 0}, "attainment"),
                          ({"quota": 1000, "attainment": "150%"}, "attainment")):
            with self.assertRaises(fp.FunnelError) as cm:
                sized.schedule("2027-01", deals=10, **kw)
            self.assertEqual((cm.exception.status, cm.exception.field),
                             ("FPL_ERR_ATTAINMENT", field))

    def test_results_carry_lag_days_and_the_attainment_used(self):
        f = fp.Funnel(TWO, deal_size=1000)
        s = f.schedule("2027-01", deals=10, lags={"opportunity": "2m"}, quota=50000)
        self.assertEqual(fp.DAYS_PER_MONTH, 30.436875)
        self.assertEqual(s.stages[1].lag_days, 2 * 30.436875)
        self.assertEqual(s.attainment, 1.0)  # the library's default
        s = f.schedule("2027-01", deals=10, quota=50000, attainment="80%")
        self.assertEqual(s.attainment, 0.8)

    def test_revenue_or_quota_without_a_deal_size(self):
        f = fp.Funnel(TWO)
        for kw, named in (({"revenue": 1000}, "revenue 1000 without a deal_size"),
                          ({"deals": 1, "quota": 1000}, "quota 1000 without a deal_size")):
            with self.assertRaises(fp.FunnelError) as cm:
                f.schedule("2027-01", **kw)
            self.assertEqual(cm.exception.status, "FPL_ERR_DEAL_SIZE_MISSING")
            self.assertIn(named, str(cm.exception))


class PaceRefusals(unittest.TestCase):

    def check(self, bad, base=None, size=True):
        f = fp.Funnel(TWO, deal_size=1000) if size else fp.Funnel(TWO)
        for kw, status, named in bad:
            args = dict(base or {"deals": 10, "elapsed": 0.5}, **kw)
            for key in [k for k, v in args.items() if v is ...]:
                del args[key]
            with self.subTest(kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.pace(**args)
                e = cm.exception
                self.assertEqual(e.status, status, str(e))
                self.assertIn(named, str(e))
                self.assertEqual(e.is_input_error, status not in NO_ANSWER, str(e))

    def test_bad_values_of_every_argument(self):
        bad = [
            # elapsed
            ({"elapsed": 0}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": "0%"}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": -0.1}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": 1.0000001}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": "101%"}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": NAN}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": INF}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": HUGE_INT}, "FPL_ERR_PARSE_OVERFLOW", "elapsed"),
            ({"elapsed": ""}, "FPL_ERR_PARSE_EMPTY", "elapsed"),
            ({"elapsed": "half"}, "FPL_ERR_PARSE_SYNTAX", "elapsed"),
            ({"elapsed": "1/0"}, "FPL_ERR_PARSE_DIVZERO", "elapsed"),
            ({"elapsed": "-50%"}, "FPL_ERR_PARSE_NEGATIVE", "elapsed"),
            ({"elapsed": True}, "FPL_ERR_PARSE_SYNTAX", "elapsed"),
            ({"elapsed": ...}, "FPL_ERR_ELAPSED", "pace"),
            ({"start": "2027-01-01", "as_of": "2027-01-05"}, "FPL_ERR_ELAPSED", "elapsed"),
            # start and as_of
            ({"elapsed": ..., "start": "2027-01-01"}, "FPL_ERR_ELAPSED", "as_of None"),
            ({"elapsed": ..., "as_of": "2027-01-01"}, "FPL_ERR_ELAPSED", "start None"),
            ({"elapsed": ..., "start": "2027-02-30", "as_of": "2027-03-01"},
             "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": "2027-01-01", "as_of": "2027-1-5"},
             "FPL_ERR_DATE", "as_of"),
            ({"elapsed": ..., "start": "", "as_of": "2027-01-05"}, "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": "2027-01", "as_of": "2027-01-05"},
             "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": (2027, 2, 29), "as_of": "2027-03-05"},
             "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": (HUGE_INT, 1, 1), "as_of": "2027-03-05"},
             "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": NAN, "as_of": "2027-03-05"}, "FPL_ERR_DATE", "start"),
            ({"elapsed": ..., "start": "2027-01-01", "as_of": "2026-12-31"},
             "FPL_ERR_ELAPSED", "as_of"),
            ({"elapsed": ..., "start": "9999-12-01", "as_of": "10000-01-01"},
             "FPL_ERR_DATE", "as_of"),
            # elapsed as text: months of the period or a share
            ({"elapsed": "13m", "per": "year"}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": "2 months"}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": "4"}, "FPL_ERR_ELAPSED", "elapsed"),
            ({"elapsed": "4 weeks"}, "FPL_ERR_PARSE_SYNTAX", "elapsed"),
            ({"elapsed": 4}, "FPL_ERR_ELAPSED", "elapsed"),
            # per and the target
            ({"per": "fortnight"}, "FPL_ERR_PERIOD", "per"),
            ({"deals": ...}, "FPL_ERR_TARGET", "pace"),
            ({"deals": NAN}, "FPL_ERR_DEALS", "deals"),
            ({"deals": -3}, "FPL_ERR_DEALS", "deals"),
            ({"deals": 0}, "FPL_ERR_DEALS", "deals"),
            ({"deals": INF}, "FPL_ERR_DEALS", "deals"),
            ({"deals": "1e999"}, "FPL_ERR_PARSE_COUNT_MAX", "deals"),
            ({"deals": ""}, "FPL_ERR_PARSE_EMPTY", "deals"),
            ({"deals": ..., "revenue": NAN}, "FPL_ERR_REVENUE", "revenue"),
            ({"deals": ..., "revenue": 0}, "FPL_ERR_REVENUE", "revenue"),
            ({"deal_size": -5}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": 0}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deal_size": NAN}, "FPL_ERR_DEAL_SIZE", "deal_size"),
            ({"deals": 1e308, "deal_size": 1e308}, "FPL_ERR_PARSE_COUNT_MAX", "deals"),
            # actuals and the open pipeline
            ({"actual": {"lead": -1}}, "FPL_ERR_ACTUAL", "actual 'lead' -1"),
            ({"actual": {"lead": NAN}}, "FPL_ERR_ACTUAL", "actual 'lead' nan"),
            ({"actual": {"lead": 1, "opportunity": INF}}, "FPL_ERR_ACTUAL",
             "actual 'opportunity' inf"),
            ({"actual": {"lead": "-1"}}, "FPL_ERR_PARSE_NEGATIVE", "actual 'lead'"),
            ({"actual": {"lead": ""}}, "FPL_ERR_PARSE_EMPTY", "actual 'lead'"),
            ({"actual": {"lead": "1e400"}}, "FPL_ERR_PARSE_COUNT_MAX", "actual 'lead'"),
            ({"actual": {"lead": HUGE_INT}}, "FPL_ERR_PARSE_COUNT_MAX", "actual 'lead'"),
            ({"actual": {"lead": 2 ** 53 + 1}}, "FPL_ERR_PARSE_COUNT_MAX", "actual 'lead'"),
            ({"actual": {"lead": "1.500"}}, "FPL_ERR_PARSE_AMBIGUOUS", "actual 'lead'"),
            ({"actual": {"lead": "ten"}}, "FPL_ERR_PARSE_SYNTAX", "actual 'lead'"),
            ({"actual": {"lead": None}}, "FPL_ERR_NULL", "actual 'lead'"),
            ({"actual": {"lead": 1e308}, "elapsed": 1e-10}, "FPL_ERR_PARSE_COUNT_MAX",
             "actual 'lead'"),
            ({"actual": {"nope": 1}}, "FPL_ERR_STAGE_UNKNOWN", "actual 'nope'"),
            ({"actual": ["lead=5", "lead=6"]}, "FPL_ERR_STAGE_DUPLICATE", "actual 'lead=6'"),
            ({"actual": ["lead:5"]}, "FPL_ERR_ACTUAL", "actual 'lead:5'"),
            ({"actual": 5}, "FPL_ERR_ACTUAL", "actual 5"),
            ({"open": {"opportunity": -2}}, "FPL_ERR_ACTUAL", "open 'opportunity' -2"),
            ({"open": {"opportunity": NAN}}, "FPL_ERR_ACTUAL", "open 'opportunity'"),
            ({"open": {"opportunity": INF}}, "FPL_ERR_ACTUAL", "open 'opportunity'"),
            ({"open": {"opportunity": "x"}}, "FPL_ERR_PARSE_SYNTAX", "open 'opportunity'"),
            ({"open": {"opportunity": 1e308, "lead": 1e308}}, "FPL_ERR_PARSE_COUNT_MAX",
             "open 'opportunity'"),
            ({"actual_deals": -1}, "FPL_ERR_ACTUAL", "actual_deals -1"),
            ({"actual_deals": NAN}, "FPL_ERR_ACTUAL", "actual_deals nan"),
            ({"actual_deals": INF}, "FPL_ERR_ACTUAL", "actual_deals inf"),
            ({"actual_deals": ""}, "FPL_ERR_PARSE_EMPTY", "actual_deals"),
            ({"actual_deals": "-1"}, "FPL_ERR_PARSE_NEGATIVE", "actual_deals"),
            ({"actual_deals": HUGE_INT}, "FPL_ERR_PARSE_OVERFLOW", "actual_deals"),
            ({"actual_revenue": -1}, "FPL_ERR_ACTUAL", "actual_revenue -1"),
            ({"actual_revenue": NAN}, "FPL_ERR_ACTUAL", "actual_revenue nan"),
            ({"actual_revenue": "1e999"}, "FPL_ERR_PARSE_OVERFLOW", "actual_revenue"),
            ({"actual_revenue": 1e308, "elapsed": 1e-10}, "FPL_ERR_OVERFLOW", "pace"),
            # lags
            ({"lags": {"lead": -1}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": NAN}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": INF}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": ""}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "1y"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "121m"}}, "FPL_ERR_LAG", "lags 'lead'"),
            ({"lags": {"lead": "60m", "opportunity": "60.5m"}}, "FPL_ERR_LAG", "lags"),
            ({"lags": {"won": "1m"}}, "FPL_ERR_STAGE_UNKNOWN", "lags 'won'"),
            # thresholds
            ({"at_risk": 0}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": "0%"}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": -0.5}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": NAN}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": INF}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": 11}, "FPL_ERR_THRESHOLD", "at_risk"),
            ({"at_risk": "1001%"}, "FPL_ERR_THRESHOLD", "at_risk"),
            # a clash with the other's default: that default, not an argument not given
            ({"at_risk": "0.5"}, "FPL_ERR_THRESHOLD",
             "at_risk '0.5': the at-risk threshold must be above 0%, at most 1000%, and at "
             "least the off-track threshold (80% by default)"),
            ({"at_risk": ""}, "FPL_ERR_PARSE_EMPTY", "at_risk"),
            ({"at_risk": "-5%"}, "FPL_ERR_PARSE_NEGATIVE", "at_risk"),
            ({"off_track": 0}, "FPL_ERR_THRESHOLD", "off_track"),
            ({"off_track": -1}, "FPL_ERR_THRESHOLD", "off_track"),
            ({"off_track": NAN}, "FPL_ERR_THRESHOLD", "off_track"),
            ({"off_track": INF}, "FPL_ERR_THRESHOLD", "off_track"),
            ({"off_track": "96%"}, "FPL_ERR_THRESHOLD",
             "off_track '96%': the off-track threshold must be above 0%, at most 1000%, and "
             "at most the at-risk threshold (95% by default)"),
            ({"off_track": HUGE_INT}, "FPL_ERR_PARSE_OVERFLOW", "off_track"),
            ({"off_track": "x"}, "FPL_ERR_PARSE_SYNTAX", "off_track"),
            # reps
            ({"reps": 0}, "FPL_ERR_REPS", "reps"),
            ({"reps": -1}, "FPL_ERR_REPS", "reps"),
            ({"reps": NAN}, "FPL_ERR_REPS", "reps"),
            ({"reps": INF}, "FPL_ERR_REPS", "reps"),
            ({"reps": ""}, "FPL_ERR_PARSE_EMPTY", "reps"),
            ({"reps": "1e999"}, "FPL_ERR_PARSE_OVERFLOW", "reps"),
            ({"reps": 5e-324}, "FPL_ERR_OVERFLOW", "pace"),
            ({"deals": 9e15}, "FPL_ERR_TOO_LARGE", "pace"),
        ]
        self.check(bad)

    def test_the_library_names_the_field_and_stage(self):
        f = fp.Funnel(TWO, deal_size=1000)
        cases = [
            ({"elapsed": 0}, "FPL_ERR_ELAPSED", "elapsed", None),
            ({"elapsed": None, "start": "2027-01-10", "as_of": "2027-01-09"},
             "FPL_ERR_ELAPSED", "as_of", None),
            ({"elapsed": None, "start": "9999-11-01", "as_of": "9999-12-01"},
             "FPL_ERR_ELAPSED", "as_of", None),
            ({"elapsed": "13m", "per": "year"}, "FPL_ERR_ELAPSED", "elapsed", None),
            ({"actual": {"lead": 1, "opportunity": INF}}, "FPL_ERR_ACTUAL", "actual", 1),
            ({"open": {"opportunity": -2}}, "FPL_ERR_ACTUAL", "open", 1),
            ({"actual_deals": -1}, "FPL_ERR_ACTUAL", "actual_deals", None),
            ({"actual_revenue": NAN}, "FPL_ERR_ACTUAL", "actual_revenue", None),
            ({"lags": {"lead": "60m", "opportunity": "60.5m"}}, "FPL_ERR_LAG", "lag", 1),
            ({"at_risk": 0}, "FPL_ERR_THRESHOLD", "at_risk", None),
            ({"at_risk": "0.5"}, "FPL_ERR_THRESHOLD", "at_risk", None),
            ({"off_track": "96%"}, "FPL_ERR_THRESHOLD", "off_track", None),
            ({"at_risk": "90%", "off_track": "95%"}, "FPL_ERR_THRESHOLD", "off_track", None),
            ({"reps": 0}, "FPL_ERR_REPS", "reps", None),
        ]
        for kw, status, field, index in cases:
            args = dict({"deals": 10, "elapsed": 0.5}, **kw)
            with self.subTest(kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.pace(**args)
                self.assertEqual((cm.exception.status, cm.exception.field, cm.exception.index),
                                 (status, field, index))

    def test_revenue_so_far_without_a_deal_size(self):
        self.check([({"actual_revenue": 100}, "FPL_ERR_DEAL_SIZE_MISSING",
                     "actual_revenue 100 without a deal_size"),
                    ({"deals": ..., "revenue": 100}, "FPL_ERR_DEAL_SIZE_MISSING",
                     "revenue 100 without a deal_size")], size=False)


if __name__ == "__main__":
    unittest.main()

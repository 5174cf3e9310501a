# funnelplan — the worked examples of EXAMPLES.md and the floating-point traps.
# SPDX-License-Identifier: MIT

import unittest
from fractions import Fraction

from fpl_support import close

import funnelplan as fp


class ExactMixin:
    def assertExact(self, got, exact, msg=None):
        """``got`` is the double of the exact value ``exact`` within 1e-12."""
        self.assertIsInstance(got, float, msg)
        self.assertTrue(close(got, Fraction(exact)),
                        "%s: %r is not %s within 1e-12" % (msg or "value", got, exact))

    def assertShown(self, got, text, msg=None):
        """Rounded to cents as a table shows it, ``got`` reads ``text``."""
        self.assertEqual("{:,.2f}".format(got), text, msg)


class WorkedExamples(ExactMixin, unittest.TestCase):
    """EXAMPLES.md: each must hold through C, the CLI and Python."""

    def test_1_annual_plan_two_stages(self):
        funnel = fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50000)
        p = funnel.plan(revenue=1000000, per="year")
        self.assertEqual(p.per, "year")
        self.assertExact(p.deals, 20)
        self.assertEqual(p.deals_whole, 20)
        self.assertEqual([s.name for s in p.stages], ["lead", "accepted"])
        self.assertExact(p.stages[1].required, 200)
        self.assertEqual(p.stages[1].required_whole, 200)
        self.assertExact(p.stages[0].required, 20000)
        self.assertEqual(p.stages[0].required_whole, 20000)
        month = p.by_period.month
        self.assertExact(month.stages[0].required, Fraction(20000, 12), "leads a month")
        self.assertExact(month.stages[1].required, Fraction(200, 12), "accepted a month")
        self.assertExact(month.deals, Fraction(20, 12), "deals a month")
        self.assertShown(month.stages[0].required, "1,666.67")
        self.assertShown(month.stages[1].required, "16.67")
        self.assertShown(month.deals, "1.67")
        self.assertExact(month.revenue, Fraction(1000000, 12))
        self.assertExact(p.by_period["year"].stages[0].required, 20000)
        self.assertIsNone(p.cost_per_lead)

    def test_1_with_numbers_and_strings_alike(self):
        a = fp.Funnel([("lead", 0.01), ("accepted", 0.1)], deal_size=50000).plan(
            revenue=1000000, per="year")
        b = fp.Funnel([("lead", "1%"), ("accepted", "1/10")], deal_size="50k").plan(
            revenue="1,000,000", per="year")
        c = fp.Funnel([("lead", "0.01"), ("accepted", "10%")]).plan(
            revenue="1M", deal_size="5e4", per="year")
        self.assertEqual(a, b)
        self.assertEqual(a.to_dict(), c.to_dict())

    def test_2_monthly_opportunities_a_third_close(self):
        funnel = fp.Funnel([("opportunity", "1/3")], deal_size=4000)
        p = funnel.plan(revenue=100000, per="month")
        self.assertExact(p.deals, 25)
        self.assertEqual(p.deals_whole, 25)
        self.assertExact(p.stages[0].required, 75)
        self.assertEqual(p.stages[0].required_whole, 75, "75 opportunities, not 76")
        year = p.by_period.year
        self.assertExact(year.stages[0].required, 900)
        self.assertExact(year.deals, 300)
        self.assertExact(year.revenue, 1200000)

    def test_3_baseline_forecast(self):
        funnel = fp.Funnel([("opportunity", "33%")], deal_size=4000)
        f = funnel.forecast(75, at="opportunity")
        self.assertEqual(f.at, "opportunity")
        self.assertExact(f.deals, Fraction("24.75"))
        self.assertExact(f.revenue, 99000)
        self.assertExact(f.by_period.year.deals, 297)
        self.assertExact(f.by_period.year.stages[0].expected, 900)
        self.assertExact(f.by_period.year.revenue, 1188000)
        self.assertIsNone(f.target)
        self.assertNotIn("attainment", f.to_dict())

    def test_4_conversion_12_versus_20_percent(self):
        p12 = fp.Funnel([("lead", "12%")]).plan(deals=12)
        p20 = fp.Funnel([("lead", "20%")]).plan(deals=12)
        self.assertExact(p12.stages[0].required, 100)
        self.assertEqual(p12.stages[0].required_whole, 100)
        self.assertExact(p20.stages[0].required, 60)
        self.assertEqual(p20.stages[0].required_whole, 60)
        self.assertIsNone(p12.revenue)
        self.assertIsNone(p12.deal_size)
        self.assertIsNone(p12.to_dict()["revenue"])

    def test_5_sales_accepts_27_percent(self):
        p = fp.Funnel([("mql", "27%"), ("accepted", "25%")]).plan(deals=10)
        self.assertExact(p.stages[1].required, 40)
        self.assertEqual(p.stages[1].required_whole, 40)
        self.assertExact(p.stages[0].required, Fraction(10 * 100 * 100, 27 * 25))
        self.assertShown(p.stages[0].required, "148.15")
        self.assertEqual(p.stages[0].required_whole, 149)

    def test_spec_python_example(self):
        funnel = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
        p = funnel.plan(revenue=1_000_000, per="year")
        self.assertEqual((p.deals, p.deals_whole, p.stages[0].required_whole), (20.0, 20, 20000))
        f = funnel.forecast(volume=75, at="accepted", per="month")
        self.assertExact(f.deals, Fraction("7.5"))
        self.assertExact(f.revenue, 375000)
        self.assertEqual([s.name for s in f.stages], ["accepted"])


class FloatingTraps(ExactMixin, unittest.TestCase):
    """Whole counts that a plain ceil() of the double would get wrong."""

    def whole(self, deals, rate):
        return fp.Funnel([("stage", rate)]).plan(deals=deals).stages[0]

    def test_145_deals_at_29_percent_need_exactly_500(self):
        for rate in ("29%", "0.29", "29/100", 0.29):
            s = self.whole(145, rate)
            self.assertEqual(s.required_whole, 500, rate)
            self.assertExact(s.required, 500)

    def test_69_deals_at_69_percent_need_exactly_100(self):
        for rate in ("69%", "0.69", 0.69):
            s = self.whole(69, rate)
            self.assertEqual(s.required_whole, 100, rate)
            self.assertExact(s.required, 100)

    def test_25_deals_at_a_third_need_75(self):
        for rate in ("1/3", 1 / 3, Fraction(1, 3)):
            s = self.whole(25, rate)
            self.assertEqual(s.required_whole, 75, rate)

    def test_whole_counts_cascade_up_the_funnel(self):
        # Whole units round up stage by stage, from the whole deals: here the
        # cascade (12) differs from rounding the exact top figure (9).
        p = fp.Funnel([("a", "50%"), ("b", "1/3")]).plan(deals="1.5")
        self.assertEqual(p.deals_whole, 2)
        self.assertEqual(p.stages[1].required_whole, 6)   # ceil(2 / (1/3))
        self.assertEqual(p.stages[0].required_whole, 12)  # ceil(6 / 0.5)
        self.assertExact(p.stages[0].required, 9)         # exact: 1.5 / (1/6)

    def test_parsed_rates_are_the_nearest_double(self):
        self.assertEqual(fp.parse_rate("29%"), 0.29)
        self.assertEqual(fp.parse_rate("33/100"), 0.33)
        self.assertEqual(fp.parse_rate("1/3"), 1 / 3)
        self.assertEqual(fp.parse_rate("12.5%"), 0.125)
        self.assertEqual(fp.parse_amount("1.1k"), 1100.0)
        self.assertEqual(fp.parse_amount("1,000,000"), 1e6)
        self.assertEqual(fp.parse_amount("1_000_000"), 1e6)
        self.assertEqual(fp.parse_amount("1.5M"), 1.5e6)
        self.assertEqual(fp.parse_amount("2B"), 2e9)
        self.assertEqual(fp.parse_amount("250k"), 250000.0)
        self.assertEqual(fp.parse_amount("0.1"), 0.1)


class Costs(ExactMixin, unittest.TestCase):

    def test_plan_budget_cost_per_deal_and_per_stage(self):
        funnel = fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50000,
                           cost_per_lead=20)
        p = funnel.plan(revenue="1M", per="year")
        self.assertExact(p.cost_per_lead, 20)
        self.assertExact(p.budget, 400000)          # 20,000 leads x 20
        self.assertExact(p.cost_per_deal, 20000)    # 400,000 / 20 deals
        self.assertExact(p.stages[0].cost_per, 20)
        self.assertExact(p.stages[1].cost_per, 2000)
        self.assertExact(p.by_period.month.budget, Fraction(400000, 12))
        d = p.to_dict()
        self.assertEqual(list(d)[-3:], ["cost_per_lead", "budget", "cost_per_deal"])
        self.assertIn("cost_per", d["stages"][0])
        self.assertIn("budget", d["by_period"]["quarter"])

    def test_keywords_override_the_funnel(self):
        funnel = fp.Funnel([("lead", "10%")], deal_size=1000, cost_per_lead=5, margin="50%")
        p = funnel.plan(revenue=10000, deal_size=2000, cost_per_lead=0, margin=1)
        self.assertExact(p.deals, 5)
        self.assertEqual(p.budget, 0.0)
        self.assertEqual(p.margin, 1.0)
        q = funnel.plan(revenue=10000)
        self.assertExact(q.deals, 10)
        self.assertExact(q.gross_profit, 5000)
        self.assertExact(q.budget, 500)

    def test_forecast_with_a_target_and_costs(self):
        funnel = fp.Funnel([("opportunity", "33%")], deal_size=4000, cost_per_lead=10)
        f = funnel.forecast(75, revenue="100k")
        self.assertEqual(f.target, "revenue")
        self.assertExact(f.target_deals, 25)
        self.assertExact(f.target_revenue, 100000)
        self.assertExact(f.gap_deals, Fraction("0.25"))
        self.assertExact(f.gap_revenue, 1000)
        self.assertExact(f.attainment, Fraction("0.99"))
        self.assertExact(f.budget, 750)
        self.assertExact(f.cost_per_deal, Fraction(750) / Fraction("24.75"))
        g = fp.Funnel([("opportunity", "33%")]).forecast(75, deals=30)
        self.assertEqual(g.target, "deals")
        self.assertIsNone(g.target_revenue)
        self.assertIsNone(g.gap_revenue)
        self.assertExact(g.gap_deals, Fraction("5.25"))
        d = g.to_dict()
        self.assertIsNone(d["target_revenue"])
        self.assertIsNone(d["gap_revenue"])
        self.assertNotIn("budget", d)


class ResultObjects(unittest.TestCase):

    def test_results_are_frozen(self):
        p = fp.Funnel([("lead", "10%")]).plan(deals=1)
        with self.assertRaises(AttributeError):
            p.deals = 2
        with self.assertRaises(AttributeError):
            p.stages[0].required = 2
        self.assertIsInstance(p.stages, tuple)
        self.assertEqual(hash(p.stages[0]), hash(p.stages[0]))

    def test_plan_to_dict_keys_in_contract_order(self):
        p = fp.Funnel([("lead", "10%")], deal_size=10).plan(revenue=100)
        d = p.to_dict()
        self.assertEqual(list(d), ["command", "per", "revenue", "deal_size", "deals",
                                   "deals_whole", "margin", "gross_profit", "stages",
                                   "by_period"])
        self.assertEqual(list(d["stages"][0]),
                         ["name", "rate", "cumulative_rate", "required", "required_whole"])
        self.assertEqual(list(d["by_period"]), ["month", "quarter", "year"])
        self.assertEqual(list(d["by_period"]["month"]), ["revenue", "deals", "stages"])
        self.assertEqual(d["by_period"]["month"]["stages"], [{"name": "lead", "required": 100.0}])
        self.assertIs(type(d["deals_whole"]), int)
        self.assertIs(type(d["stages"][0]["required_whole"]), int)

    def test_forecast_to_dict_keys_in_contract_order(self):
        f = fp.Funnel([("lead", "10%"), ("sql", "50%")], deal_size=10, cost_per_lead=1).forecast(
            100, deals=10)
        self.assertEqual(list(f.to_dict()), [
            "command", "per", "at", "volume", "stages", "deals", "revenue", "deal_size",
            "margin", "gross_profit", "by_period", "cost_per_lead", "budget", "cost_per_deal",
            "target_revenue", "target_deals", "gap_revenue", "gap_deals", "attainment"])
        self.assertEqual(list(f.to_dict()["stages"][0]), ["name", "rate", "expected"])
        self.assertEqual(list(f.to_dict()["by_period"]["year"]),
                         ["revenue", "deals", "stages", "budget"])

    def test_funnel_properties(self):
        funnel = fp.Funnel([("lead", "1%"), ("sql", "1/4")], deal_size="1.5k")
        self.assertEqual(funnel.stages, (fp.Stage("lead", 0.01), fp.Stage("sql", 0.25)))
        self.assertEqual(funnel.names, ("lead", "sql"))
        self.assertEqual(funnel.deal_size, 1500.0)
        self.assertIsNone(funnel.cost_per_lead)
        self.assertEqual(len(funnel), 2)
        self.assertIn("Funnel(", repr(funnel))
        again = fp.Funnel(funnel.stages, deal_size=funnel.deal_size)
        self.assertEqual(again.plan(deals=3), funnel.plan(deals=3))
        self.assertEqual(fp.Funnel({"lead": "1%", "sql": "1/4"}).stages, funnel.stages)
        self.assertEqual(again, funnel)
        self.assertNotEqual(fp.Funnel(funnel.stages), funnel)
        self.assertEqual(len({again, funnel}), 1)

    def test_funnels_and_results_pickle(self):
        import pickle
        funnel = fp.Funnel([("lead", "1%"), ("sql", "1/3")], deal_size="1.5k", margin="40%")
        again = pickle.loads(pickle.dumps(funnel))
        self.assertEqual(again, funnel)
        self.assertEqual(again.plan(deals=7), funnel.plan(deals=7))
        p = funnel.plan(deals=7)
        self.assertEqual(pickle.loads(pickle.dumps(p)), p)

    def test_version_and_library_path(self):
        import os
        self.assertRegex(fp.__version__, r"^\d+\.\d+\.\d+")
        self.assertTrue(fp.__version__.startswith("0."))
        self.assertTrue(fp.library_path)
        env = os.environ.get("FUNNELPLAN_LIBRARY")
        if env:
            self.assertEqual(fp.library_path, env)


if __name__ == "__main__":
    unittest.main()

# SPDX-License-Identifier: MIT
"""Flat data and names: every result's ``to_rows()`` (the rows of the CLI's
CSV, typed), ``to_frame()`` (a pandas DataFrame of them; pandas optional),
and parts found by name wherever they are found by position (``Named``).

The figures are checked against hand-derived exact values (Fractions); that
the rows are the CLI's CSV for every command is tests/cli/test_show.py's.

The DataFrame cases need pandas: the meson test ``python frame`` runs this
file under /usr/bin/python3 (Debian's python3-pandas, which the README's
test command installs) with FUNNELPLAN_TEST_NEED_PANDAS=1, so pandas
missing there fails; under another interpreter they are skipped."""

import os
import pickle
import subprocess
import sys
import unittest
from fractions import Fraction as F

import funnelplan as fp

try:
    import pandas
except ImportError:
    pandas = None
    if os.environ.get("FUNNELPLAN_TEST_NEED_PANDAS"):
        raise

needs_pandas = unittest.skipIf(
    pandas is None, "pandas is not importable by %s; the meson test 'python frame' runs this "
    "file under /usr/bin/python3 (Debian's python3-pandas)" % sys.executable)

TWO = [("lead", "10%"), ("deal", "25%")]


def exact(x):
    return F(x).limit_denominator(10**12)


class Rows(unittest.TestCase):

    def test_plan_rows_are_the_plan(self):
        # 10 deals at 25% need 40 deals entered, at 10% 400 leads; a quarter
        # is 3 months, a year 12; a cost of 5 a lead is 2000 a month, so 5 a
        # lead and 50 a unit of the deal stage.
        p = fp.Funnel(TWO, deal_size=1000, cost_per_lead=5).plan(deals=10)
        rows = p.to_rows()
        self.assertEqual([r["stage"] for r in rows], ["lead", "deal"])
        lead, deal = rows
        self.assertEqual(list(lead), list(deal))
        self.assertEqual((exact(lead["rate"]), exact(lead["cumulative_rate"])),
                         (F(1, 10), F(1, 40)))
        self.assertEqual((lead["required"], lead["required_whole"], lead["cost_per"]),
                         (400, 400, 5))
        self.assertEqual((deal["required"], deal["cost_per"]), (40, 50))
        self.assertEqual((lead["required_per_quarter"], lead["required_per_year"]), (1200, 4800))
        for r, s in zip(rows, p.stages):  # the same figures as the fields
            self.assertEqual((r["rate"], r["required"], r["required_whole"]),
                             (s.rate, s.required, s.required_whole))

    def test_numbers_are_typed(self):
        # a third of a unit is no whole: the column is floats; a column of
        # whole numbers ints; a name that reads as a number stays text. One
        # deal at 30% is 10/3 units entered, 4 whole; 4 at 30% is 40/3, 14.
        p = fp.Funnel([("1", "30%"), ("2", "30%")]).plan(deals=1)
        rows = p.to_rows()
        self.assertEqual([r["stage"] for r in rows], ["1", "2"])
        self.assertIs(type(rows[1]["required"]), float)
        self.assertEqual(exact(rows[1]["required"]), F(10, 3))
        self.assertEqual(exact(rows[0]["required"]), F(100, 9))
        self.assertIs(type(rows[0]["required_whole"]), int)
        self.assertEqual([r["required_whole"] for r in rows], [14, 4])

    def test_none_where_a_figure_does_not_apply(self):
        # only the lead stage has an actual: the deal stage's and the deals'
        # paced figures are empty cells, None, under the same keys
        pace = fp.Funnel(TWO).pace(deals=5, elapsed="50%", actual={"lead": 10})
        rows = pace.to_rows()
        self.assertEqual([r["stage"] for r in rows], ["lead", "deal", "deals"])
        self.assertEqual(len({tuple(r) for r in rows}), 1)
        lead, deal, deals = rows
        # plan 5 / 25% / 10% = 200 leads, half of it to date; 10 of 100 is 10%
        self.assertEqual((lead["plan"], lead["plan_to_date"], lead["actual"]), (200, 100, 10))
        self.assertEqual(exact(lead["attainment"]), F(1, 10))
        self.assertEqual(lead["status"], "off track")
        self.assertEqual(exact(lead["implied_deals"]), F(1, 4))  # 10 x 2.5%
        for r in (deal, deals):
            self.assertIsNone(r["actual"])
            self.assertIsNone(r["status"])
            self.assertIsNone(r["implied_deals"])

    def test_bools_and_months(self):
        s = fp.Funnel(TWO).schedule("2027-01", 3, deals=6, lags={"lead": "1m"})
        rows = s.to_rows()
        self.assertEqual([r["month"] for r in rows], ["2026-12", "2027-01", "2027-02", "2027-03"])
        self.assertEqual([r["in_span"] for r in rows], [False, True, True, True])
        self.assertEqual([r["deals"] for r in rows], [0, 6, 6, 6])
        # 6 deals a month need 24 deals entered, 240 leads a month before
        self.assertEqual([r["deal"] for r in rows], [0, 24, 24, 24])
        self.assertEqual([r["lead"] for r in rows], [240, 240, 240, 0])

    def test_score_rows(self):
        s = fp.score(b"id,budget,authority,need,timing\n7,1,1,1,1\n8,1,1,0.5,1\n")
        self.assertEqual(s.to_rows(), [
            {"rank": 1, "line": 2, "id": "7", "score": 100, "band": "hot",
             "sales_ready": True, "missing": None},
            {"rank": 2, "line": 3, "id": "8", "score": 87.5, "band": "hot",
             "sales_ready": False, "missing": "need"}])

    def test_a_result_without_rows_keeps_its_columns(self):
        s = fp.score(b"id,budget,authority,need,timing\n")
        self.assertEqual(s.to_rows(), [])
        self.assertEqual(s.to_csv(), "rank,line,id,score,band,sales_ready,missing\n")


class Names(unittest.TestCase):

    def setUp(self):
        self.f = fp.Funnel(TWO, deal_size=1000, mix={"lead": "a:50%@10%,b:50%@20%"})

    def test_stages_by_name_and_position(self):
        p = self.f.plan(deals=10)
        for stages in (p.stages, p.by_period["year"].stages, self.f.stages):
            self.assertIs(stages["deal"], stages[1])
            self.assertIs(stages["lead"], stages[-2])
            self.assertEqual(stages[:1], (stages[0],))
        self.assertIs(p["deal"], p.stages[1])
        self.assertIs(p[0], p.stages[0])
        self.assertIs(p.stages[True], p.stages[1])  # an __index__ is a position
        self.assertEqual(p.mix["lead"].segments["b"], fp.Segment("b", 0.5, 0.2))
        # 100 leads at the mix's 15% (half at 10%, half at 20%)
        self.assertEqual(exact(self.f.forecast(100)["deal"].expected), 15)
        self.assertIsInstance(p.stages, tuple)
        self.assertEqual(p.stages, tuple(p.stages))

    def test_every_result_with_parts(self):
        f = fp.Funnel(TWO, deal_size=1000)
        self.assertEqual(f.pace(deals=5, elapsed="50%")["deal"].plan, 20)
        self.assertEqual(f.channels(["a: cost-per-lead=10", "b: cost-per-lead=20"],
                                    deals=4)["b"].name, "b")
        self.assertEqual(f.sensitivity(deals=10)["deal"].lever, "deal")
        self.assertEqual(f.odds(500, deals=12)[0.9].volume, 662)
        s = f.schedule("2027-01", 2, deals=4)
        self.assertEqual(s["lead"].name, "lead")
        self.assertIs(s.rows["2027-02"], s.row("2027-02"))
        self.assertEqual(fp.score(b"id,budget,authority,need,timing\nacme,1,1,1,1\n")["acme"].rank, 1)

    def test_a_result_without_parts_is_not_indexable(self):
        solve = fp.Funnel(TWO).solve("lead", volume=300, deals=10)
        with self.assertRaisesRegex(TypeError, "Solve is not indexable"):
            solve["lead"]

    def test_an_unknown_name_lists_the_names(self):
        p = self.f.plan(deals=10)
        with self.assertRaises(KeyError) as cm:
            p["mql"]
        self.assertEqual(cm.exception.args[0], "'mql' is none of 'lead', 'deal'")
        with self.assertRaises(IndexError):
            p.stages[2]

    def test_named_parts_pickle(self):
        p = pickle.loads(pickle.dumps(self.f.plan(deals=10)))
        self.assertEqual(p["deal"].required, 40)
        self.assertEqual(str(p), str(self.f.plan(deals=10)))


class Frame(unittest.TestCase):

    @needs_pandas
    def test_to_frame_dtypes_and_values(self):
        p = fp.Funnel([("1", "30%"), ("2", "30%")], cost_per_lead=2).plan(deals=1)
        df = p.to_frame()
        self.assertEqual(list(df.columns), list(p.to_rows()[0]))
        self.assertEqual(df["stage"].tolist(), ["1", "2"])
        self.assertEqual(str(df["stage"].dtype), "object")
        self.assertEqual(str(df["required"].dtype), "float64")
        self.assertEqual(str(df["required_whole"].dtype), "int64")
        self.assertEqual([exact(x) for x in df["required"]], [F(100, 9), F(10, 3)])
        self.assertEqual([exact(x) for x in df["cost_per"]], [F(2), F(20, 3)])

    @needs_pandas
    def test_to_frame_missing_figures_and_bools(self):
        df = fp.Funnel(TWO).pace(deals=5, elapsed="50%", actual={"lead": 10}).to_frame()
        self.assertEqual(str(df["actual"].dtype), "float64")
        self.assertEqual(df["actual"].isna().tolist(), [False, True, True])
        self.assertEqual(df["actual"][0], 10)
        s = fp.score(b"id,budget,authority,need,timing\n7,1,1,1,1\n8,0,0,0,0\n").to_frame()
        self.assertEqual(str(s["sales_ready"].dtype), "bool")
        self.assertEqual(s["id"].tolist(), ["7", "8"])
        self.assertEqual(s["score"].tolist(), [100, 0])

    @needs_pandas
    def test_to_frame_of_no_rows_has_the_columns(self):
        df = fp.score(b"id,budget,authority,need,timing\n").to_frame()
        self.assertEqual(len(df), 0)
        self.assertEqual(list(df.columns),
                         ["rank", "line", "id", "score", "band", "sales_ready", "missing"])

    def test_import_without_pandas(self):
        # pandas hidden (None in sys.modules makes its import fail): the
        # package imports, to_rows() works, to_frame() names pandas; and
        # importing the package never imports pandas.
        code = "\n".join([
            "import sys",
            "import funnelplan as fp",
            "assert 'pandas' not in sys.modules, 'the package imported pandas'",
            "sys.modules['pandas'] = None",
            "p = fp.Funnel([('lead', '10%')]).plan(deals=1)",
            "assert p.to_rows()[0]['required'] == 10",
            "try:",
            "    p.to_frame()",
            "except ImportError as exc:",
            "    print(exc.name, exc)",
            "else:",
            "    raise SystemExit('to_frame() without pandas returned')",
        ])
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^pandas to_frame\(\) needs pandas, which is not "
                                   r"importable \(pip install pandas, or apt-get install "
                                   r"python3-pandas\); to_rows\(\) and to_csv\(\) need nothing")


if __name__ == "__main__":
    unittest.main()

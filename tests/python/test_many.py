# funnelplan — plan_many: one row per record, every figure the library's.
# SPDX-License-Identifier: MIT
"""``funnelplan.plan_many`` against ``Funnel(...).plan(...)`` (the same
doubles) and exact Fractions, for records the batch kernel plans (same
stages, deals alone) and records planned one by one; bad records (NaN, inf,
0, negative, huge, empty, malformed) each give a row naming the id, the
field and the library's message, and the records around them are planned.
The DataFrame cases run where pandas is importable (/usr/bin/python3 with
Debian's python3-pandas)."""

import math
import random
import sys
import unittest
import unittest.mock
from fractions import Fraction

import funnelplan as fp
from funnelplan import _many

try:
    import pandas
except ImportError:
    pandas = None

NAMES = ["lead", "mql", "sql", "opportunity", "proposal"]
NAN, INF = float("nan"), float("inf")


def records(rng, n, revenue=False):
    out = []
    for i in range(n):
        r = {"id": "t%d" % i}
        r.update({s: rng.choice([rng.randint(1, 1000) / 1000, "%d%%" % rng.randint(1, 100)])
                  for s in NAMES})
        if revenue and rng.random() < 0.5:
            r.update(revenue=rng.randint(1, 10**7), deal_size=rng.choice([5000, "2.5k"]),
                     cost_per_lead=rng.choice([None, 3]), per=rng.choice([None, "year"]))
        else:
            r.update(deals=rng.choice([float(rng.randint(1, 1000)), rng.randint(1, 50), "1,200"]),
                     per=rng.choice([None, "quarter"]))
        out.append(r)
    return out


def expected(record):
    """The row plan() gives for a record."""
    f = fp.Funnel([(s, record[s]) for s in NAMES])
    keys = ("revenue", "deals", "deal_size", "per", "cost_per_lead")
    p = f.plan(**{k: record[k] for k in keys if record.get(k) is not None})
    row = {"id": record["id"], "per": p.per, "revenue": p.revenue, "deal_size": p.deal_size,
           "deals": p.deals, "deals_whole": p.deals_whole, "cost_per_lead": p.cost_per_lead,
           "budget": p.budget, "cost_per_deal": p.cost_per_deal, "error": None, "field": None}
    for s in p.stages:
        row[s.name + "_required"] = s.required
        row[s.name + "_required_whole"] = s.required_whole
    return row, p


class PlanMany(unittest.TestCase):
    def test_rows_are_the_single_plans(self):
        rng = random.Random(1604)
        recs = records(rng, 3000, revenue=True)
        rows = fp.plan_many(recs, NAMES)
        self.assertEqual(len(rows), len(recs))
        for record, row in zip(recs, rows):
            want, p = expected(record)
            self.assertEqual(row, want)
            self.assertEqual(list(row), list(rows[0]))
            # exact: deals / the product of the rates below, as Fractions
            deals = Fraction(p.deals)
            cumulative = Fraction(1)
            for s in reversed(p.stages):
                cumulative *= Fraction(s.rate)
                exact = deals / cumulative
                self.assertLessEqual(abs(Fraction(row[s.name + "_required"]) - exact),
                                     exact * Fraction(1, 10**12))
                self.assertGreaterEqual(row[s.name + "_required_whole"], math.floor(exact))

    def test_the_kernel_plans_the_records_it_can(self):
        rng = random.Random(7)
        recs = records(rng, 2 * _many._CHUNK + 10)
        calls = []
        real = _many._plan_chunk
        with unittest.mock.patch.object(_many, "_plan_chunk",
                                        lambda *a, **k: calls.append(1) or real(*a, **k)):
            rows = fp.plan_many(recs, NAMES)
        self.assertEqual(len(calls), 3)
        for record, row in zip(recs, rows):
            self.assertEqual(row, expected(record)[0])

    def test_bad_records_each_say_why_and_the_others_are_planned(self):
        rng = random.Random(3)
        recs = records(rng, 60)
        bad = {  # position: (what changes, the field named)
            3: ({"lead": NAN}, "lead"), 7: ({"mql": INF}, "mql"), 11: ({"sql": 0}, "sql"),
            13: ({"proposal": -0.5}, "proposal"), 17: ({"lead": 1.5}, "lead"),
            19: ({"deals": NAN}, "deals"), 23: ({"deals": INF}, "deals"), 29: ({"deals": 0}, "deals"),
            31: ({"deals": -4}, "deals"), 37: ({"deals": 1e300}, "deals"),
            41: ({"deals": 2**60}, "deals"), 43: ({"deals": "abc"}, "deals"),
            47: ({"sql": ""}, "sql"), 53: ({"mql": [1]}, "mql"), 59: ({"per": "week"}, "per"),
            2: ({"deals": 2**53 + 1}, "deals"),  # an int the kernel's double would round down
        }
        for i, (change, _) in bad.items():
            recs[i].update(change)
        recs[5].pop("deals")
        recs[9]["deals"] = True
        rows = fp.plan_many(recs, NAMES)
        for i, (record, row) in enumerate(zip(recs, rows)):
            self.assertEqual(row["id"], record["id"])
            if i in bad or i in (5, 9):
                self.assertIsNotNone(row["error"], i)
                self.assertIsNone(row["deals_whole"])
                if i in bad:
                    self.assertEqual(row["field"], bad[i][1], row)
                    single = fp.Funnel([(s, record[s]) for s in NAMES]) \
                        if bad[i][1] in ("deals", "per") else None
                    if single is not None:  # the message plan() gives
                        with self.assertRaises(fp.FunnelError) as caught:
                            single.plan(deals=record["deals"], per=record.get("per"))
                        self.assertEqual(row["error"], str(caught.exception))
            else:
                self.assertEqual(row, expected(record)[0])
        self.assertIn("rate must be", rows[17]["error"])
        # a cost of -0.0 shows as the plan shows it
        free = dict(recs[1], cost_per_lead=-0.0, deals=None, revenue=1000, deal_size=10)
        row = fp.plan_many([free, dict(free, cost_per_lead=0.0)], NAMES)[0]
        self.assertEqual(row, expected(free)[0])
        self.assertEqual(str(row["cost_per_lead"]), str(expected(free)[1].cost_per_lead))
        self.assertIn("'lead' rate 1.5", rows[17]["error"])

    def test_stages_per_record_ids_and_odd_input(self):
        rows = fp.plan_many([{"stages": [("a", "10%"), ("b", "20%")], "deals": 4},
                             {"stages": {"a": 0.5}, "revenue": 100, "deal_size": 10},
                             {"stages": [("a", 0.5), ("a", 0.5)], "deals": 1},
                             {"stages": None, "deals": 1}, 7])
        self.assertEqual([r["id"] for r in rows], [0, 1, 2, 3, 4])
        self.assertEqual((rows[0]["a_required_whole"], rows[0]["b_required_whole"]), (200, 20))
        self.assertEqual((rows[1]["a_required"], rows[1]["b_required"]), (20.0, None))
        self.assertEqual(rows[2]["field"], "a")
        self.assertIn("used twice", rows[2]["error"])
        self.assertIsNotNone(rows[3]["error"])
        self.assertIn("must be a mapping", rows[4]["error"])
        odd = fp.plan_many([{"stages": [1, 2], "deals": 1}, {"stages": [(["x"], 0.5)], "deals": 1},
                            {"stages": [(None, 0.5)], "deals": 1}, {"stages": [], "deals": 1}])
        self.assertTrue(all(r["error"] and r["deals_whole"] is None for r in odd), odd)
        with self.assertRaises(fp.FunnelError):
            fp.plan_many([{"lead": 0.5, "deals": 1}], "lead")
        self.assertEqual(fp.plan_many([]), [])
        self.assertEqual(fp.plan_many(iter([]), NAMES), [])
        for junk in (None, "lead", {"deals": 1}):
            with self.assertRaises(fp.FunnelError):
                fp.plan_many(junk)
        self.assertEqual(fp.plan_many([{"key": "x", "a": 0.5, "deals": 1}], ["a"], id="key")[0]["id"],
                         "x")

    @unittest.skipIf(pandas is None, "pandas is not importable by %s; /usr/bin/python3 with "
                     "Debian's python3-pandas covers it" % sys.executable)
    def test_a_frame_gives_a_frame(self):
        rng = random.Random(5)
        recs = records(rng, 500, revenue=True)
        frame = pandas.DataFrame(recs)  # missing fields become NaN: absent
        out = fp.plan_many(frame, NAMES)
        self.assertIsInstance(out, pandas.DataFrame)
        self.assertEqual(list(out.columns), list(fp.plan_many(recs[:1], NAMES)[0]))
        for record, (_, row) in zip(recs, out.iterrows()):
            want = expected(record)[0]
            for key, value in want.items():
                got = row[key]
                if value is None:
                    self.assertTrue(got is None or got != got, (key, got))
                else:
                    self.assertEqual(got, value, key)
        self.assertIsInstance(fp.plan_many(recs[:3], NAMES, frame=True), pandas.DataFrame)
        self.assertIsInstance(fp.plan_many(frame.head(), NAMES, frame=False), list)


if __name__ == "__main__":
    unittest.main()

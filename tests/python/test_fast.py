# funnelplan — the fast single calls: the same results as before, by value.
# SPDX-License-Identifier: MIT
"""Plans, forecasts and what-ifs read their fields from the C result when
asked (``_common._Lazy``); every field must equal what the library's view
gives (``_from_view``, the former path, still used for the other results),
for random questions. The fast paths for a float (taken as the double the
parsers would give) and a period name (remembered) must refuse and accept
exactly what the slow paths do: a ``float`` subclass takes the slow path
with the same value."""

import dataclasses
import pickle
import random
import unittest

import funnelplan as fp
from funnelplan import _common
from funnelplan._common import _from_view
from funnelplan._native import fn
from funnelplan._whatif import WhatIf

NAN, INF = float("nan"), float("inf")


class Slow(float):
    """A float that is not ``float``: the path before the fast ones."""


def eager(result):
    """The result as the library's view builds it, field by field."""
    if isinstance(result, WhatIf):
        return _from_view(WhatIf, result._source(), result._source,
                          baseline=result.baseline, scenario=result.scenario)
    known = {"target": result.target} if isinstance(result, fp.Forecast) else {}
    return _from_view(type(result), result._source(), result._source, **known)


def parts(result):
    """Every part of a plan or forecast that has a to_dict of its own."""
    out = list(result.stages)
    for _, period in result.by_period.items():
        out.append(period)
        out.extend(period.stages)
    return out


def random_funnel(rng):
    n = rng.randint(1, 7)
    stages = [("s%d" % k, rng.choice([rng.randint(1, 1000) / 1000, "1/3", "12.5%"]))
              for k in range(n)]
    mix = None
    if rng.random() < 0.2:
        mix = {"s0": "hot:20%@60%,warm:30%@30%,cold:50%@5%"}
    return fp.Funnel(stages, deal_size=rng.choice([None, 4000, "2.5k"]), mix=mix)


class LazyEqualsView(unittest.TestCase):
    def check(self, result):
        full = eager(result)
        self.assertEqual(full, result)
        self.assertEqual(result.to_dict(), full.to_dict())
        if not isinstance(result, WhatIf):
            for mine, theirs in zip(parts(result), parts(full)):
                self.assertEqual(mine, theirs)
                self.assertEqual(mine.to_dict(), theirs.to_dict())
        again = pickle.loads(pickle.dumps(result))
        self.assertEqual(again, result)
        self.assertEqual(str(again), str(result))

    def test_random_questions(self):
        rng = random.Random(16)
        for _ in range(150):
            f = random_funnel(rng)
            per = rng.choice(["month", "quarter", "year"])
            cost = rng.choice([None, 2.5, "40"])
            target = {"deals": rng.randint(1, 500)} if f.deal_size is None or rng.random() < 0.5 \
                else {"revenue": rng.randint(1, 10**7)}
            self.check(f.plan(per=per, cost_per_lead=cost, **target))
            if rng.random() < 0.2:
                self.check(f.plan(deals=rng.randint(1, 50), confidence="90%"))
            at = rng.choice([None] + list(f.names)) if cost is None else None
            forecast_target = rng.choice([{}, target])
            self.check(f.forecast(rng.randint(1, 10**5), at=at, per=per, cost_per_lead=cost,
                                  **forecast_target))
            # a float volume and nothing else: the fast path once the period
            # was read (the first call reads it), its stages made at once
            volume = rng.randint(1, 10**6) / 7
            for _ in range(2):
                self.check(f.forecast(volume, per=per))
            change = {f.names[-1]: rng.choice(["-10%", "-1pp", "50%"])}
            self.check(f.whatif(change, volume=rng.randint(1, 10**4), horizon=rng.randint(1, 24),
                                invest=rng.choice([None, 1000])))
            self.check(f.whatif(change, per=per, cost_per_lead=cost, **target))

    def test_a_field_read_twice_is_the_same_object(self):
        p = fp.Funnel([("lead", "10%")]).plan(deals=3)
        self.assertIs(p.stages, p.stages)
        self.assertIs(p.by_period, p.by_period)
        with self.assertRaises(AttributeError):
            p.no_such_field


class ForecastStageIsARecord(unittest.TestCase):
    """ForecastStage is stored as a tuple (_common._record) and stays what a
    frozen dataclass of the package is: made by the fast path, the slow path,
    the view or by hand, it compares, hashes, shows, pickles and gives its
    to_dict() alike."""

    def setUp(self):
        self.funnel = fp.Funnel([("lead", "10%"), ("mql", "1/3"), ("deal", "25%")],
                                deal_size=1000)
        self.funnel.forecast(600.0, per="year")  # the period read: the next call is fast

    def test_every_way_of_making_one_agrees(self):
        fast = self.funnel.forecast(600.0, per="year")
        slow = self.funnel.forecast(Slow(600.0), per="year")
        viewed = eager(fast).stages
        by_hand = (fp.ForecastStage("lead", 0.1, 600.0),
                   fp.ForecastStage(name="mql", rate=1 / 3, expected=60.0),
                   fp.ForecastStage("deal", 0.25, expected=20.0))
        for stages in (slow.stages, viewed, by_hand):
            self.assertEqual(fast.stages, stages)
            self.assertEqual([hash(s) for s in fast.stages], [hash(s) for s in stages])
            self.assertEqual([repr(s) for s in fast.stages], [repr(s) for s in stages])
            self.assertEqual([s.to_dict() for s in fast.stages], [s.to_dict() for s in stages])
        self.assertEqual(repr(by_hand[0]), "ForecastStage(name='lead', rate=0.1, expected=600.0)")
        self.assertEqual(fast.stages["mql"].expected, 60.0)
        self.assertNotEqual(fast.stages[0], fp.ForecastStage("lead", 0.1, 600.5))
        self.assertNotEqual(fast.stages[0], ("lead", 0.1, 600.0))  # another class

    def test_its_dict_is_the_views_piece(self):
        fast = self.funnel.forecast(600.0, per="year")
        self.assertEqual([s.to_dict() for s in fast.stages], fast.to_dict()["stages"])
        below = self.funnel.forecast(90.0, at="mql")  # not the top: the path from `at`
        self.assertEqual([s.name for s in below.stages], ["mql", "deal"])
        self.assertEqual([s.expected for s in below.stages], [90.0, 30.0])
        self.assertEqual([s.to_dict() for s in below.stages], below.to_dict()["stages"])

    def test_frozen_with_the_fields_of_a_dataclass(self):
        s = self.funnel.forecast(600.0, per="year").stages[1]
        with self.assertRaises(dataclasses.FrozenInstanceError):
            s.expected = 1.0
        with self.assertRaises(AttributeError):
            s.other = 1.0
        self.assertEqual([f.name for f in dataclasses.fields(s)],
                         ["name", "rate", "expected", "_view"])
        changed = dataclasses.replace(s, expected=7.0, _view=None)
        self.assertEqual((changed.name, changed.expected), ("mql", 7.0))
        self.assertEqual(changed.to_dict(), {"name": "mql", "rate": 1 / 3, "expected": 7.0})
        self.assertIn("units expected to enter", type(s).expected.__doc__)

    def test_pickled_it_keeps_its_view(self):
        s = self.funnel.forecast(600.0, per="year").stages[2]
        again = pickle.loads(pickle.dumps(s))
        self.assertEqual(again, s)
        self.assertEqual(again.to_dict(), {"name": "deal", "rate": 0.25, "expected": 20})


class FastPathsRefuseAsBefore(unittest.TestCase):
    def outcome(self, func):
        try:
            return func().to_dict()
        except fp.FunnelError as exc:
            return (exc.status, str(exc), exc.field)

    def test_floats_as_the_parsers_read_them(self):
        f = fp.Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000)
        values = [NAN, INF, -INF, 0.0, -0.0, -1.0, 5e-324, 0.5, 20.0, 1e15 + 0.5,
                  9007199254740992.0, 9007199254740994.0, 1e300]
        for v in values:
            for kw in ("deals", "revenue"):
                with self.subTest(v=v, kw=kw):
                    self.assertEqual(self.outcome(lambda: f.plan(**{kw: v})),
                                     self.outcome(lambda: f.plan(**{kw: Slow(v)})))
            with self.subTest(v=v, volume=True):
                self.assertEqual(self.outcome(lambda: f.forecast(v)),
                                 self.outcome(lambda: f.forecast(Slow(v))))
            with self.subTest(v=v, deal_size=True):
                self.assertEqual(self.outcome(lambda: f.plan(deals=3, deal_size=v)),
                                 self.outcome(lambda: f.plan(deals=3, deal_size=Slow(v))))

    def test_whole_max_is_the_librarys(self):
        out = _common.c_double()
        fn.parse_count(b"9007199254740992", 16, out)
        self.assertEqual(out.value, _common._WHOLE_MAX)
        with self.assertRaises(fp.FunnelError) as caught:
            fn.parse_count(b"9007199254740993", 16, out)
        self.assertEqual(caught.exception.status, "FPL_ERR_PARSE_COUNT_MAX")
        with self.assertRaises(fp.FunnelError) as caught:
            fp.Funnel([("lead", "10%")]).plan(deals=9007199254740994.0)
        self.assertEqual(caught.exception.status, "FPL_ERR_PARSE_COUNT_MAX")

    def test_periods_remembered_read_the_same(self):
        f = fp.Funnel([("lead", "10%")])
        for per in ("year", "quarter", "month", "Year", "week", "", "years"):
            first = self.outcome(lambda: f.plan(deals=12, per=per))
            self.assertEqual(self.outcome(lambda: f.plan(deals=12, per=per)), first)
        self.assertEqual(f.plan(deals=12, per="year").per, "year")

    def test_the_funnels_defaults_and_overrides(self):
        f = fp.Funnel([("lead", "10%")], deal_size=100, cost_per_lead=2, margin="50%")
        p = f.plan(revenue=1000)
        self.assertEqual((p.deal_size, p.cost_per_lead, p.margin, p.deals), (100.0, 2.0, 0.5, 10.0))
        q = f.plan(revenue=1000, deal_size=50, cost_per_lead=1, margin=1.0)
        self.assertEqual((q.deal_size, q.cost_per_lead, q.margin, q.deals), (50.0, 1.0, 1.0, 20.0))
        self.assertEqual(f.plan(revenue=1000).deals, 10.0)  # the defaults were not changed

    def test_a_remembered_whatif_input_answers_as_a_new_one(self):
        # The second question with the same changes and horizon copies the
        # input the first made; the answer, and any refusal, must not change.
        def fresh():
            return fp.Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000)
        f = fresh()
        cases = [dict(volume=400.0, changes={"deal": "+10%"}, horizon=12),
                 dict(volume=400.0, changes=[("lead", "+2pp"), "deal=30%"], horizon="6"),
                 dict(volume=400.0, changes={"deal": "+10%"}, horizon=6),
                 dict(volume=NAN, changes={"deal": "+10%"}, horizon=12),
                 dict(volume=-1.0, changes={"deal": "+10%"}, horizon=12),
                 dict(deals=10, changes={"deal": "+10%"}, horizon=12),
                 dict(volume=400.0, at="deal", changes={"deal": "+10%"}, horizon=12),
                 dict(at="deal", changes={"deal": "+10%"}, horizon=12),
                 dict(volume=400.0, changes={"deal": "+300%"}, horizon=12),
                 dict(volume=400.0, changes={"deal": 2}, horizon=12)]
        for _ in range(2):
            for kw in cases:
                with self.subTest(**{k: repr(v) for k, v in kw.items()}):
                    self.assertEqual(self.outcome(lambda: f.whatif(**kw)),
                                     self.outcome(lambda: fresh().whatif(**kw)))
        w = f.whatif(**cases[0])
        self.assertEqual(w.baseline.to_dict(), w.to_dict()["baseline"])
        self.assertEqual(w.scenario.deals, fresh().whatif(**cases[0]).scenario.deals)


try:
    import numpy
except ImportError:
    numpy = None


@unittest.skipIf(numpy is None, "numpy is not importable here; /usr/bin/python3 with Debian's "
                 "python3-numpy covers it")
class BatchMemoryReused(unittest.TestCase):
    def test_a_result_held_is_never_written_again(self):
        n, stages = 120_000, 5  # 10.6 MB of outputs: pooled
        rng = numpy.random.default_rng(9)
        inputs = [(numpy.ascontiguousarray(rng.integers(10, 1001, (stages, n)) / 1000.0),
                   rng.integers(1, 1001, n).astype(numpy.float64)) for _ in range(4)]
        want = [fp.plan_batch(r, d, out=fp.PlanBatch(n, stages, numpy.empty((stages, n)),
                                                     numpy.empty((stages, n)), numpy.empty(n)))
                for r, d in inputs]
        held = [fp.plan_batch(*inputs[0]), fp.plan_batch(*inputs[1])]
        reused = held[0].required.ctypes.data  # an address: no reference
        kept = held[1].required_whole[0]  # a view alone keeps its memory
        del held[1]
        held[0] = None  # nothing refers to the first result's memory now
        third = fp.plan_batch(*inputs[2])
        self.assertEqual(third.required.ctypes.data, reused)
        fourth = fp.plan_batch(*inputs[3])
        self.assertFalse(numpy.shares_memory(fourth.required, kept))
        self.assertFalse(numpy.shares_memory(fourth.required, third.required))
        self.assertTrue(numpy.array_equal(kept, want[1].required_whole[0]))
        for got, w in ((third, want[2]), (fourth, want[3])):
            for name in ("required", "required_whole", "deals_whole"):
                self.assertTrue(numpy.array_equal(getattr(got, name), getattr(w, name)))


if __name__ == "__main__":
    unittest.main()

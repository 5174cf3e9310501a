# funnelplan — every refusal of the package speaks Python.
# SPDX-License-Identifier: MIT
"""A scan of bad calls: every argument of every public function and method
(and the entries of the lists and mappings they take) replaced, one at a
time, by values a person or a program plausibly passes by mistake (None, a
bool, text that is no number, NaN, infinity, 0, negatives, huge numbers, a
list, a mapping, an object, bytes that are not UTF-8). Each call must
either succeed or raise a ``FunnelError`` (``TypeError`` from Python itself
for a call it cannot bind), with one line that speaks Python: no C (a
"NULL", an ``fpl_`` name, a C field such as ``n_stages`` or ``has_volume``,
a ctypes name; ``n_stages`` is a keyword of ``plan_batch`` only), and every name with an underscore in it one of the
package's keywords. Run this file with ``-v`` and ``FPL_SHOW_MESSAGES=1``
to print every message it saw."""

import array
import decimal
import fractions
import inspect
import os
import re
import unittest

from fpl_support import funnelplan as fp

STAGES = [("lead", "10%"), ("opp", "25%")]
LEADS = "id,budget,authority,need,timing\na,1,yes,0.5,no\nb,0,no,1,yes\n"

# Each entry point: a name, a function of keyword arguments, and keyword
# arguments that make a valid call.
F = fp.Funnel(STAGES, deal_size=1000)
CALLS = [
    ("Funnel", fp.Funnel, dict(stages=STAGES, deal_size=1000, cost_per_lead=5, margin="50%",
                               mix={"lead": "hot:50%@20%,cold:50%@10%"})),
    ("plan", F.plan, dict(revenue=100_000, per="month", deal_size=2000, cost_per_lead=5,
                          margin="60%", confidence="90%")),
    ("plan deals", F.plan, dict(deals=10)),
    ("forecast", F.forecast, dict(volume=1000, at="lead", per="quarter", revenue=50_000,
                                  deal_size=2000, cost_per_lead=5, margin="60%")),
    ("whatif", F.whatif, dict(changes={"opp": "+10%"}, volume=1000, at="lead", per="month",
                              horizon=12, invest=5000, deal_size=2000, cost_per_lead=5,
                              margin="60%", scenario_mix={"lead": "a:50%@20%,b:50%@10%"})),
    ("whatif target", F.whatif, dict(changes=[("opp", "+1pp")], deals=10)),
    ("sensitivity", F.sensitivity, dict(volume=1000, at="lead", step="+1pp",
                                        deal_size_step="+10%", cost_per_lead=5)),
    ("solve", F.solve, dict(lever="opp", volume=1000, deals=30, per="month")),
    ("solve for", F.solve, dict(for_="volume", volume=1000, deals=30)),
    ("odds", F.odds, dict(volume=100, deals=2, confidence=["90%", 0.5], simulate=True,
                          trials=200, seed=7, deal_size_cv=0.5, history={"opp": (3, 12)})),
    ("odds per", F.odds, dict(volume=300, volume_per="quarter", deals=2)),
    ("channels", F.channels, dict(channels=["ads: cost-per-lead=40, capacity=5000",
                                            {"name": "fair", "cost_per_lead": 90, "rate": "20%"}],
                                  deals=10, per="month", deal_size=2000, margin="50%")),
    ("channels shares", F.channels, dict(channels=["a: cost-per-lead=4, share=50%",
                                                   "b: cost-per-lead=5, share=50%"],
                                         deals=10, allocate="shares")),
    ("schedule", F.schedule, dict(start="2027-01", months=12, per="year", revenue=600_000,
                                  seasonality=[1] * 12, lags={"lead": "1m", "opp": "2w"},
                                  reps=2, quota=50_000, attainment="80%")),
    ("schedule monthly", F.schedule, dict(start="2027-01", months=3, monthly_deals=[1, 2, 3])),
    ("pace", F.pace, dict(elapsed="50%", deals=10, actual={"lead": 100}, actual_deals=3,
                          open={"opp": 5}, at_risk="95%", off_track="80%", reps=2)),
    ("pace dates", F.pace, dict(start="2027-01-01", as_of="2027-01-15", revenue=10_000,
                                actual_revenue=4000, lags={"opp": "1w"})),
    ("score", fp.score, dict(leads=LEADS, criteria="bant", hot=75, warm=50, id_column="id",
                             strict=False, top=5)),
    ("Criteria", fp.Criteria, dict(criteria=["budget=2", "need"], hot=80, warm=40)),
    ("Criteria.score", fp.Criteria(["budget=2", "need"]).score,
     dict(answers={"budget": "yes", "need": 0.5})),
    ("parse_amount", fp.parse_amount, dict(text="1.5M")),
    ("parse_rate", fp.parse_rate, dict(text="12.5%")),
    ("plan_batch", fp.plan_batch, dict(rates=array.array("d", [0.1, 0.5, 0.2, 0.5]),
                                       deals=array.array("d", [3, 4]), n_stages=2)),
]


class Opaque:
    """An object of no type the package knows."""

    def __repr__(self):
        return "Opaque()"


BAD = [None, True, "", " ", "x", "abc%", "-5", "0", "25", "1e999", "NaN", float("nan"),
       float("inf"), -float("inf"), -1, 0, 0.0, 25, 1e-320, 10 ** 400, 2 ** 64, 1e308,
       decimal.Decimal("NaN"), decimal.Decimal("1e999999"), fractions.Fraction(1, 3),
       [], [None], {}, {"x": 1}, (1, 2, 3), Opaque(), b"\xff\xfe", "\x00", "x" * 300,
       "lead", "+10%", "+3pp", "2027-13", "1/0"]

# Entries of the lists and mappings an argument takes: (entry point, the
# argument, a function of a bad value giving the argument).
NESTED = [
    ("Funnel", "stages", lambda v: [("lead", v)]),
    ("Funnel", "stages", lambda v: [(v, "10%")]),
    ("Funnel", "stages", lambda v: [("lead", "10%"), v]),
    ("Funnel", "stages", lambda v: {"lead": v}),
    ("Funnel", "mix", lambda v: {"lead": v}),
    ("Funnel", "mix", lambda v: {v: "a:50%@20%,b:50%@10%"}),
    ("Funnel", "mix", lambda v: {"lead": [("a", v, "20%"), ("b", "50%", "10%")]}),
    ("Funnel", "mix", lambda v: {"lead": [(v, "50%", "20%"), ("b", "50%", "10%")]}),
    ("whatif", "changes", lambda v: {"opp": v}),
    ("whatif", "changes", lambda v: {v: "+10%"}),
    ("whatif", "changes", lambda v: [v]),
    ("odds", "confidence", lambda v: [v]),
    ("odds", "history", lambda v: {"opp": v}),
    ("odds", "history", lambda v: {"opp": (v, 12)}),
    ("odds", "history", lambda v: {v: (3, 12)}),
    ("channels", "channels", lambda v: [v]),
    ("channels", "channels", lambda v: [{"name": "ads", "cost_per_lead": v}]),
    ("channels", "channels", lambda v: [{"name": v, "cost_per_lead": 40}]),
    ("channels", "channels", lambda v: [{"name": "ads", "cost_per_lead": 40, "capacity": v}]),
    ("channels", "channels", lambda v: [{"name": "ads", "cost_per_lead": 40, v: 1}]),
    ("schedule", "seasonality", lambda v: [v] * 12),
    ("schedule", "seasonality", lambda v: [1] * 11 + [v]),
    ("schedule", "lags", lambda v: {"lead": v}),
    ("schedule", "lags", lambda v: {v: "1m"}),
    ("schedule monthly", "monthly_deals", lambda v: [1, v, 3]),
    ("pace", "actual", lambda v: {"lead": v}),
    ("pace", "actual", lambda v: {v: 100}),
    ("pace", "open", lambda v: {"opp": v}),
    ("Criteria", "criteria", lambda v: [v]),
    ("Criteria", "criteria", lambda v: [("budget", v)]),
    ("Criteria.score", "answers", lambda v: {"budget": v}),
    ("Criteria.score", "answers", lambda v: [v, 1]),
    ("score", "leads", lambda v: "id,budget,authority,need,timing\na,%s,1,1,1\n" % (v,)),
    ("plan_batch", "rates", lambda v: array.array("d", [v, 0.5, 0.2, 0.5])
     if isinstance(v, float) else [v]),
]

# Words that are C, never Python.
C_WORDS = re.compile(r"NULL|fpl_|FPL_|n_stages|has_[a-z]|\bc_[a-z]+\b|LP_|ctypes|struct\b")


def keywords():
    """Every keyword argument of the package's public functions and methods,
    and the names a channel's mapping takes."""
    names = {"cost_per_lead", "deal_size", "rate", "quality", "capacity", "spend", "leads",
             "share", "name"}
    for _, func, _ in CALLS:
        names.update(inspect.signature(func).parameters)
    return names


def bad_calls():
    """(what, the entry point, kwargs) of every bad call of the scan."""
    by_name = {name: (func, kwargs) for name, func, kwargs in CALLS}
    for name, func, kwargs in CALLS:
        for arg in kwargs:
            for value in BAD:
                yield ("%s(%s=%r)" % (name, arg, value), name, func, dict(kwargs, **{arg: value}),
                       value)
    for name, arg, make in NESTED:
        func, kwargs = by_name[name]
        for value in BAD:
            try:
                made = make(value)
            except TypeError:  # an unhashable key
                continue
            yield ("%s(%s=...%r...)" % (name, arg, value), name, func,
                   dict(kwargs, **{arg: made}), value)


def refusals():
    """(what, entry point, exception, the bad value) of every bad call the
    package refused."""
    out = []
    for what, name, func, kwargs, value in bad_calls():
        try:
            func(**kwargs)
        except Exception as exc:  # noqa: BLE001 (the test judges every kind)
            out.append((what, name, exc, value))
    return out


class Messages(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.refused = refusals()
        if os.environ.get("FPL_SHOW_MESSAGES"):
            for what, _, exc, _ in cls.refused:
                print("%-60s %s: %s" % (what[:60], type(exc).__name__, exc))

    def test_the_scan_is_large(self):
        self.assertGreater(len(self.refused), 4000)

    def test_every_valid_call_in_the_scan_is_valid(self):
        for name, func, kwargs in CALLS:
            with self.subTest(call=name):
                func(**kwargs)

    def test_every_refusal_is_a_funnel_error(self):
        """A FunnelError; a TypeError for a flag that is no bool; an OSError
        for text that names no file of leads."""
        for what, name, exc, _ in self.refused:
            with self.subTest(call=what):
                kinds = (fp.FunnelError, TypeError) + ((OSError, ValueError) if name == "score" else ())
                self.assertIsInstance(exc, kinds, "%s: %r" % (what, exc))

    def test_no_message_speaks_c(self):
        for what, name, exc, _ in self.refused:
            text = str(exc)
            if name == "plan_batch":  # its keyword
                text = text.replace("n_stages", "")
            with self.subTest(call=what):
                self.assertIsNone(C_WORDS.search(text), "%s: %s" % (what, exc))

    def test_every_snake_case_name_is_a_keyword(self):
        allowed = keywords()
        for what, _, exc, _ in self.refused:
            for word in re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", str(exc)):
                with self.subTest(call=what, word=word):
                    self.assertIn(word, allowed, "%s: %s" % (what, exc))

    def test_a_number_gets_no_hint_for_typed_text(self):
        """``did you mean 25%?`` corrects text as typed; a number (25, a
        fraction 0.25 in Python) has no text to correct."""
        hinted = 0
        for what, _, exc, value in self.refused:
            if "did you mean" in str(exc):
                hinted += 1
                with self.subTest(call=what):
                    self.assertIsInstance(value, (str, bytes), "%s: %s" % (what, exc))
        self.assertGreater(hinted, 0)

    def test_one_line_with_a_message(self):
        for what, _, exc, _ in self.refused:
            with self.subTest(call=what):
                text = str(exc)
                self.assertNotIn("\n", text)
                self.assertTrue(getattr(exc, "message", text).strip(), what)
                self.assertLessEqual(len(text), 400, what)


if __name__ == "__main__":
    unittest.main()

# funnelplan — Funnel.sensitivity: which lever pays most, against exact arithmetic.
# SPDX-License-Identifier: MIT
"""``Funnel.sensitivity(...)`` (SPEC "sensitivity", issue 4): every stage
rate moved by one step and the deal size by its own, one at a time, ranked
by revenue gained (volume held) or top-of-funnel volume saved (target held).
"""

import os
import random
import unittest
from fractions import Fraction

from fpl_support import close, questions
from fpl_whatif_support import exact_sensitivity, percent_text

import funnelplan as fp

SEED = int(os.environ.get("FUNNELPLAN_TEST_SEED", "20261125"))
COUNT = 300
REL = Fraction(1, 10 ** 12)


class Mismatch(AssertionError):
    pass


class Base(unittest.TestCase):
    def assertExact(self, got, exact, msg=None):
        self.assertIsInstance(got, float, msg)
        self.assertTrue(close(got, Fraction(exact)),
                        "%s: %r is not %s within 1e-12" % (msg or "value", got, exact))

    def assertStatus(self, call, status, exc_type=fp.FunnelError):
        with self.assertRaises(exc_type) as cm:
            call()
        self.assertEqual(cm.exception.status, status, str(cm.exception))
        return cm.exception


class Sensitivity(Base):

    def test_worked_example_3(self):
        s = fp.Funnel([("opportunity", "33%")], deal_size=4000).sensitivity(volume=75)
        self.assertEqual((s.per, s.mode, s.step_kind), ("month", "volume", "points"))
        self.assertEqual((s.step, s.deal_size_step), (0.01, 0.1))
        self.assertEqual([r.lever for r in s.rows], ["deal-size", "opportunity"])
        ds, opp = s.rows
        self.assertExact(ds.effect, 9900, "10% on 99,000")
        self.assertEqual((ds.from_, ds.to), (4000.0, 4400.0))
        self.assertExact(opp.effect, 75 * Fraction(1, 100) * 4000, "one point: 3,000")
        self.assertEqual(opp.from_, 0.33)
        self.assertExact(opp.to, Fraction(34, 100))
        self.assertEqual(ds.share, 1.0)
        self.assertExact(opp.share, Fraction(3000, 9900))
        self.assertEqual(opp.revenue_delta, opp.effect)
        self.assertIsNone(opp.volume_delta)
        self.assertEqual(s.to_dict(), {
            "command": "sensitivity", "per": "month", "mode": "volume",
            "step": {"kind": "points", "value": 0.01}, "deal_size_step": 0.1,
            "rows": [{"lever": "deal-size", "from": 4000.0, "to": 4400.0,
                      "revenue_delta": ds.effect, "share": 1.0},
                     {"lever": "opportunity", "from": 0.33, "to": opp.to,
                      "revenue_delta": opp.effect, "share": opp.share}]})
        self.assertEqual(list(s.to_dict()["rows"][0]),
                         ["lever", "from", "to", "revenue_delta", "share"])

    def test_a_point_on_the_weakest_stage_is_worth_most(self):
        funnel = fp.Funnel([("lead", "50%"), ("mql", "10%"), ("sql", "40%")], deal_size=1000)
        s = funnel.sensitivity(volume=1000, step="+1pp", deal_size_step="+1%")
        self.assertEqual([r.lever for r in s.rows], ["mql", "sql", "lead", "deal-size"])
        revenue = Fraction(1000) * Fraction(1, 2) * Fraction(1, 10) * Fraction(2, 5) * 1000
        for r, rate in zip(s.rows, (Fraction(1, 10), Fraction(2, 5), Fraction(1, 2))):
            self.assertExact(r.effect, revenue * Fraction(1, 100) / rate, r.lever)
        self.assertExact(s.rows[3].effect, revenue / 100)

    def test_equal_relative_steps_tie_in_funnel_order_deal_size_last(self):
        funnel = fp.Funnel([("lead", "3%"), ("mql", "40%"), ("sql", "25%")], deal_size=900)
        s = funnel.sensitivity(volume="100k", step="+10%")
        self.assertEqual(s.step_kind, "relative")
        self.assertEqual([r.lever for r in s.rows], ["lead", "mql", "sql", "deal-size"])
        revenue = 100000 * Fraction(3, 100) * Fraction(2, 5) * Fraction(1, 4) * 900
        for r in s.rows:
            self.assertExact(r.effect, revenue / 10, r.lever)
            self.assertAlmostEqual(r.share, 1.0, places=12)

    def test_target_held_ranks_volume_saved(self):
        funnel = fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=1000)
        s = funnel.sensitivity(revenue=10000, step="+5pp", per="quarter")
        self.assertEqual((s.mode, s.per), ("target", "quarter"))
        self.assertEqual([r.lever for r in s.rows], ["lead", "sql", "deal-size"])
        base = Fraction(10) / (Fraction(1, 10) * Fraction(1, 4))
        self.assertExact(s.rows[0].effect, base - 10 / (Fraction(15, 100) * Fraction(1, 4)))
        self.assertExact(s.rows[1].effect, base - 10 / (Fraction(1, 10) * Fraction(30, 100)))
        self.assertExact(s.rows[2].effect, base - Fraction(10, 11) * 10 * 4 * 10)
        self.assertEqual(s.rows[0].volume_delta, s.rows[0].effect)
        self.assertIsNone(s.rows[0].revenue_delta)
        self.assertEqual(list(s.to_dict()["rows"][0]),
                         ["lever", "from", "to", "volume_delta", "share"])
        # Under a deal target a bigger deal saves nothing: no row.
        s = funnel.sensitivity(deals=10)
        self.assertEqual([r.lever for r in s.rows], ["lead", "sql"])

    def test_a_rate_is_capped_at_100_percent(self):
        funnel = fp.Funnel([("lead", "99.5%"), ("sql", "100%")], deal_size=10)
        s = funnel.sensitivity(volume=100)
        rows = {r.lever: r for r in s.rows}
        self.assertEqual(rows["lead"].to, 1.0)
        self.assertEqual(rows["sql"].to, 1.0)
        self.assertEqual(rows["sql"].effect, 0.0)
        self.assertEqual(rows["sql"].share, 0.0)
        self.assertEqual(s.rows[-1].lever, "sql")

    def test_stages_above_the_volume_are_worth_nothing(self):
        funnel = fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=100)
        s = funnel.sensitivity(volume=40, at="sql")
        self.assertEqual([(r.lever, r.effect) for r in s.rows][-1], ("lead", 0.0))

    def test_steps(self):
        funnel = fp.Funnel([("lead", "10%")], deal_size=100)
        s = funnel.sensitivity(volume=10, step="+2.5%", deal_size_step="+20%")
        self.assertEqual((s.step_kind, s.step, s.deal_size_step), ("relative", 0.025, 0.2))
        s = funnel.sensitivity(volume=10, step=None, deal_size_step=None)  # library defaults
        self.assertEqual((s.step_kind, s.step, s.deal_size_step), ("points", 0.01, 0.1))
        self.assertEqual(s.to_dict()["step"], {"kind": "points", "value": 0.01})
        for step, status in (("1%", "FPL_ERR_STEP"), ("-1pp", "FPL_ERR_STEP"),
                             ("+0pp", "FPL_ERR_STEP"), ("+0%", "FPL_ERR_STEP"),
                             ("-0%", "FPL_ERR_STEP"), ("-10%", "FPL_ERR_STEP"),
                             (0.01, "FPL_ERR_STEP"), (float("nan"), "FPL_ERR_STEP"),
                             ("+1", "FPL_ERR_CHANGE_SYNTAX"), ("", "FPL_ERR_PARSE_EMPTY"),
                             ("+x%", "FPL_ERR_PARSE_SYNTAX")):
            with self.subTest(step=step):
                e = self.assertStatus(lambda: funnel.sensitivity(volume=10, step=step), status)
                self.assertIn("step", str(e))
        for step, status in (("+1pp", "FPL_ERR_CHANGE_POINTS"), ("5000", "FPL_ERR_STEP"),
                             ("-10%", "FPL_ERR_STEP"), ("+0%", "FPL_ERR_STEP"),
                             (0.1, "FPL_ERR_STEP"), ("+10", "FPL_ERR_CHANGE_SYNTAX")):
            with self.subTest(deal_size_step=step):
                e = self.assertStatus(
                    lambda: funnel.sensitivity(volume=10, deal_size_step=step), status)
                self.assertIn("deal_size_step", str(e))
        self.assertStatus(lambda: funnel.sensitivity(volume=10, step=True),
                          "FPL_ERR_CHANGE_SYNTAX", fp.FunnelTypeError)

    def test_refusals(self):
        funnel = fp.Funnel([("lead", "10%")])
        self.assertStatus(lambda: funnel.sensitivity(volume=10), "FPL_ERR_DEAL_SIZE_MISSING")
        self.assertStatus(lambda: funnel.sensitivity(), "FPL_ERR_TARGET")
        self.assertStatus(lambda: funnel.sensitivity(deals=5, at="lead"), "FPL_ERR_VOLUME")
        self.assertStatus(lambda: funnel.sensitivity(volume=10, at="x", deal_size=1),
                          "FPL_ERR_STAGE_UNKNOWN")
        self.assertStatus(lambda: funnel.sensitivity(volume=-1, deal_size=1), "FPL_ERR_VOLUME")


def random_step(rng):
    """(text, kind, exact) of a stage step of at least 0.1%."""
    if rng.random() < 0.5:
        text, v = percent_text(rng, 0.1, 20)
        return "+%spp" % text, "points", v
    text, v = percent_text(rng, 0.1, 100)
    return "+%s%%" % text, "relative", v


def check_sensitivity(q, rng):
    volume_held = rng.random() < 0.5
    if volume_held and q.deal_size is None:
        volume_held = False
    step_text, kind, step = random_step(rng)
    ds_text, ds_step = percent_text(rng, 0.1, 50)
    kw = q.forecast_kwargs() if volume_held else q.plan_kwargs()
    s = q.funnel().sensitivity(step=step_text, deal_size_step="+%s%%" % ds_text, **kw)
    if volume_held:
        rows, base = exact_sensitivity(q.rates, True, kind, step, ds_step, volume=q.volume,
                                       at=q.at, deal_size=q.deal_size)
    else:
        rows, base = exact_sensitivity(q.rates, False, kind, step, ds_step,
                                       deal_size=q.deal_size, deals=q.deals, revenue=q.revenue)
    n = len(q.stages)
    names = [name for name, _ in q.stages] + ["deal-size"]
    if s.mode != ("volume" if volume_held else "target") or len(s.rows) != len(rows):
        raise Mismatch("mode %s, %d rows, expected %d" % (s.mode, len(s.rows), len(rows)))
    if s.step_kind != kind or not close(s.step, step) or not close(s.deal_size_step, ds_step):
        raise Mismatch("step %s %r, deal-size step %r" % (s.step_kind, s.step, s.deal_size_step))
    exact = {names[i]: (i, frm, to, effect) for i, frm, to, effect in rows}
    best = max(effect for _, _, _, effect in rows)
    # Every effect is a difference of two figures of about |base|.
    tol = REL * 8 * abs(base) * (1 + 2 * max(step, ds_step))
    order = []
    for r in s.rows:
        i, frm, to, effect = exact[r.lever]
        order.append((effect, i, r.lever))
        if not (close(r.from_, frm) and close(r.to, to)):
            raise Mismatch("%s from %r to %r, exact %s to %s" % (r.lever, r.from_, r.to, frm, to))
        if abs(Fraction(r.effect) - effect) > tol:
            raise Mismatch("%s effect %r, exact %s (%r)" % (r.lever, r.effect, effect,
                                                           float(effect)))
        share = effect / best if best > 0 else 0
        if best > 0 and abs(Fraction(r.share) - share) > 4 * tol / best:
            raise Mismatch("%s share %r, exact %r" % (r.lever, r.share, float(share)))
    # The ranking is the exact one: effect descending, exact ties in funnel
    # order with the deal size last.
    expected = [lever for _, _, lever in sorted(order, key=lambda t: (-t[0], t[1]))]
    got = [r.lever for r in s.rows]
    if got != expected:
        raise Mismatch("ranked %r, exact ranking %r (effects %r)"
                       % (got, expected, [float(e) for e, _, _ in order]))
    if s.to_dict()["rows"][0].keys() != {"lever", "from", "to", "share",
                                          "revenue_delta" if volume_held else "volume_delta"}:
        raise Mismatch("row keys %r" % list(s.to_dict()["rows"][0]))
    return n


class RandomFunnelsMatchExactArithmetic(unittest.TestCase):

    def test_effects_and_ranking(self):
        rng = random.Random(SEED)
        failures = []
        for i, q in enumerate(questions(SEED, COUNT)):
            try:
                check_sensitivity(q, rng)
            except (Mismatch, fp.FunnelError) as exc:
                failures.append("case %d: %s: %s\n    %s" % (i, type(exc).__name__, exc,
                                                            q.describe()))
        if failures:
            self.fail("%d of %d cases fail (seed %d); the first ones:\n%s"
                      % (len(failures), COUNT, SEED, "\n".join(failures[:6])))

    def test_tiny_relative_steps_still_tie_in_funnel_order(self):
        """An effect is a difference of figures of size |base|, so its
        rounding noise is ~1e-16·|base|: fpl_sensitivity_compute judges ties
        against that noise, so exact ties (equal relative steps) stay in
        funnel order even for a step of 1e-5, where the noise is larger than
        1e-12 of the effects themselves."""
        funnel = fp.Funnel([("lead", "17.3%"), ("mql", "51.5%"), ("sql", "23.3%")])
        s = funnel.sensitivity(deals=10, step="+0.001%")
        self.assertEqual([r.lever for r in s.rows], ["lead", "mql", "sql"])


if __name__ == "__main__":
    unittest.main()

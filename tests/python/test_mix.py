# funnelplan — Funnel(..., mix=...) and whatif(scenario_mix=...): lead mixes from Python.
# SPDX-License-Identifier: MIT
"""Lead mixes against an exact reference (fractions.Fraction): the blended
rate Σ share · rate, a mix equal to a plain rate giving the identical plan,
a scenario mix equal to the equivalent change, every refusal; ``to_dict()``
against the CLI's ``--mix`` and ``--scenario-mix``.
"""

import json
import os
import pickle
import random
import subprocess
import unittest
from fractions import Fraction as Fr

from fpl_support import NAME_POOL, cli_path, close, exact_forecast, exact_plan, random_rate
from test_cli import difference

import funnelplan as fp

SEED = 23500
COUNT = 120

STAGES = [("lead", "10%"), ("mql", "50%"), ("sql", "25%")]
EXAMPLE = "hot:20%@60%,warm:30%@30%,cold:50%@5%"


def without(d, *keys):
    return {k: v for k, v in d.items() if k not in keys}


def random_shares(rng, n):
    """n share texts adding up to exactly 100%, with their exact values."""
    kind = rng.random()
    if kind < 0.5:
        cuts = sorted(rng.sample(range(1, 100), n - 1)) if n > 1 else []
        parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        return [("%d%%" % p, Fr(p, 100)) for p in parts]
    if kind < 0.8:
        cuts = sorted(rng.sample(range(1, 1000), n - 1)) if n > 1 else []
        parts = [b - a for a, b in zip([0] + cuts, cuts + [1000])]
        return [("%d.%d%%" % divmod(p, 10), Fr(p, 1000)) for p in parts]
    # thirds, sixths...: the doubles add up to 1 within the library's 1e-9
    d = rng.choice((3, 6, 7, 12))
    cuts = sorted(rng.sample(range(1, d), n - 1)) if 1 < n <= d else []
    parts = [b - a for a, b in zip([0] + cuts, cuts + [d])]
    return [("%d/%d" % (p, d), Fr(p, d)) for p in parts]


class MixCase:
    """A random funnel with a random mix at one or two stages."""

    def __init__(self, rng, same_rate=False):
        n = rng.randint(1, 5)
        names = rng.sample(NAME_POOL, n)
        rates = [random_rate(rng) for _ in range(n)]
        self.stages = [(names[k], rates[k][0]) for k in range(n)]
        self.rates = [r for _, r in rates]
        self.mixed = sorted(rng.sample(range(n), min(n, rng.randint(1, 2))))
        self.mix = {}
        self.segments = {}
        self.blended = list(self.rates)
        for k in self.mixed:
            m = rng.randint(1, 5)
            shares = random_shares(rng, m)
            m = len(shares)
            seg_names = rng.sample(["hot", "warm", "cold", "A", "b2", "Ünter", "x y", "won"], m)
            segs = []
            for j in range(m):
                rate = self.stages[k][1] if same_rate else random_rate(rng)[0]
                exact_rate = self.rates[k] if same_rate else None
                segs.append((seg_names[j], shares[j][0], rate, shares[j][1], exact_rate))
            self.segments[k] = segs
            if same_rate:
                self.blended[k] = self.rates[k]
            else:
                self.blended[k] = sum(sh * _exact_rate(r) for _, _, r, sh, _ in segs)
            form = rng.random()
            if form < 0.5:
                spec = ",".join("%s:%s@%s" % (a, b, c) for a, b, c, _, _ in segs)
            elif form < 0.8:
                spec = [(a, b, c) for a, b, c, _, _ in segs]
            else:
                spec = [(a, float(_exact_rate(b)) if "/" not in b else b, c)
                        for a, b, c, _, _ in segs]
            self.mix[names[k]] = spec
        self.deals = Fr(rng.randint(1, 500))
        self.volume = Fr(rng.randint(1, 10 ** 6))

    def cli_mix(self):
        args = []
        for k in self.mixed:
            args += ["--mix", "%s=%s" % (self.stages[k][0], ",".join(
                "%s:%s@%s" % (a, b, c) for a, b, c, _, _ in self.segments[k]))]
        return args


def _exact_rate(text):
    if "/" in text:
        a, b = text.split("/")
        return Fr(a) / Fr(b)
    if text.endswith("%"):
        return Fr(text[:-1]) / 100
    return Fr(text)


class Reference(unittest.TestCase):

    def test_the_23_5_percent_example(self):
        f = fp.Funnel(STAGES, mix={"mql": EXAMPLE}, deal_size=1000)
        exact = Fr(2, 10) * Fr(6, 10) + Fr(3, 10) * Fr(3, 10) + Fr(5, 10) * Fr(5, 100)
        self.assertEqual(exact, Fr(47, 200))
        self.assertTrue(close(f.stages[1].rate, exact))
        p = f.plan(deals=47, per="quarter")
        ref = exact_plan([Fr(1, 10), exact, Fr(1, 4)], Fr(47), "quarter")
        for s, req, cum in zip(p.stages, ref["required"], ref["cumulative"]):
            self.assertTrue(close(s.required, req), (s.required, req))
            self.assertTrue(close(s.cumulative_rate, cum))
        self.assertEqual([s.required_whole for s in p.stages], ref["required_whole"])
        self.assertEqual(p.stages[1].required_whole, 800)  # 47 / (23.5% × 25%)
        self.assertEqual(p.to_dict()["mix"], [
            {"stage": "mql", "segments": [{"name": "hot", "share": 0.2, "rate": 0.6},
                                          {"name": "warm", "share": 0.3, "rate": 0.3},
                                          {"name": "cold", "share": 0.5, "rate": 0.05}],
             "rate": f.stages[1].rate}])
        self.assertEqual(f.mix[0], fp.Mix("mql", (fp.Segment("hot", 0.2, 0.6),
                                                  fp.Segment("warm", 0.3, 0.3),
                                                  fp.Segment("cold", 0.5, 0.05)),
                                          f.stages[1].rate))
        fc = f.forecast(volume=1000, at="mql")
        ref = exact_forecast([Fr(1, 10), exact, Fr(1, 4)], Fr(1000), 1, "month",
                             deal_size=Fr(1000))
        self.assertTrue(close(fc.deals, ref["deals"]))
        self.assertTrue(close(fc.revenue, ref["revenue"]))
        self.assertEqual(list(fc.to_dict())[-1], "mix")

    def test_random_mixes_against_fractions(self):
        rng = random.Random(SEED)
        for i in range(COUNT):
            case = MixCase(rng)
            with self.subTest(case=i, stages=case.stages, mix=case.mix):
                f = fp.Funnel(case.stages, mix=case.mix, deal_size=100)
                for k in range(len(case.stages)):
                    self.assertTrue(close(f.stages[k].rate, case.blended[k]),
                                    (k, f.stages[k].rate, case.blended[k]))
                self.assertEqual([m.stage for m in f.mix],
                                 [case.stages[k][0] for k in case.mixed])
                # Exactly the plan of the plain funnel with the blended doubles.
                plain = fp.Funnel([(s.name, s.rate) for s in f.stages], deal_size=100)
                p = f.plan(deals=case.deals)
                self.assertEqual(without(p.to_dict(), "mix"),
                                 plain.plan(deals=case.deals).to_dict())
                self.assertEqual(list(p.to_dict())[-1], "mix")
                ref = exact_plan(case.blended, case.deals, "month")
                for s, req in zip(p.stages, ref["required"]):
                    self.assertTrue(close(s.required, req), (s.required, req))
                fc = f.forecast(volume=case.volume)
                self.assertEqual(without(fc.to_dict(), "mix"),
                                 plain.forecast(volume=case.volume).to_dict())
                fref = exact_forecast(case.blended, case.volume, 0, "month")
                self.assertTrue(close(fc.deals, fref["deals"]), (fc.deals, fref["deals"]))

    def test_a_mix_of_one_rate_plans_exactly_as_the_rate(self):
        rng = random.Random(SEED + 1)
        for i in range(COUNT):
            case = MixCase(rng, same_rate=True)
            with self.subTest(case=i, stages=case.stages, mix=case.mix):
                f = fp.Funnel(case.stages, mix=case.mix, deal_size="2.5k", cost_per_lead=3)
                plain = fp.Funnel(case.stages, deal_size="2.5k", cost_per_lead=3)
                self.assertEqual(f.stages, plain.stages)
                self.assertNotEqual(f, plain)
                self.assertEqual(without(f.plan(deals=case.deals, per="year").to_dict(), "mix"),
                                 plain.plan(deals=case.deals, per="year").to_dict())
                self.assertEqual(without(f.forecast(volume=case.volume).to_dict(), "mix"),
                                 plain.forecast(volume=case.volume).to_dict())
                top = case.stages[0][0]
                w = f.whatif(volume=case.volume, changes={top: "+1pp"} if case.rates[0] < Fr(
                    99, 100) else {"deal-size": "+10%"})
                wp = plain.whatif(volume=case.volume, changes={top: "+1pp"} if case.rates[0] < Fr(
                    99, 100) else {"deal-size": "+10%"})
                self.assertEqual(without(w.to_dict(), "mix"), wp.to_dict())

    def test_other_questions_use_the_blended_rate(self):
        f = fp.Funnel(STAGES, mix={"mql": EXAMPLE}, deal_size=1000)
        plain = fp.Funnel([(s.name, s.rate) for s in f.stages], deal_size=1000)
        self.assertEqual(f.sensitivity(volume=1000), plain.sensitivity(volume=1000))
        self.assertEqual(f.solve("sql", volume=1000, deals=10), plain.solve("sql", volume=1000,
                                                                            deals=10))
        self.assertEqual(f.odds(1000, deals=2), plain.odds(1000, deals=2))


class ScenarioMix(unittest.TestCase):

    def test_a_scenario_mix_is_the_change_to_its_blended_rate(self):
        better = "hot:40%@60%,warm:30%@30%,cold:30%@5%"
        blended = fp.Funnel(STAGES, mix={"mql": better}).stages[1].rate
        self.assertTrue(close(blended, Fr(4, 10) * Fr(6, 10) + Fr(3, 10) * Fr(3, 10)
                              + Fr(3, 10) * Fr(5, 100)))
        for mix in (None, {"mql": EXAMPLE}):
            f = fp.Funnel(STAGES, mix=mix, deal_size=4000, cost_per_lead=20)
            for kw in ({"volume": 1000}, {"deals": 5, "per": "quarter"},
                       {"revenue": "1M", "per": "year", "invest": 5000}):
                with self.subTest(mix=mix, kw=kw):
                    w = f.whatif(scenario_mix={"mql": better}, changes={"deal-size": "+5%"},
                                 horizon=6, **kw)
                    eq = f.whatif(changes=[("deal-size", "+5%"), ("mql", blended)],
                                  horizon=6, **kw)
                    d = w.to_dict()
                    self.assertEqual(without(d, "scenario_mix"), eq.to_dict())
                    self.assertEqual(d["changes"][-1], {"lever": "mql", "kind": "set",
                                                        "value": blended})
                    self.assertEqual(list(d)[-1], "scenario_mix")
                    self.assertEqual(d["scenario_mix"][0]["rate"], blended)
                    self.assertEqual("mix" in d, mix is not None)
                    if mix is not None:
                        self.assertEqual(list(d)[-2:], ["mix", "scenario_mix"])
                        self.assertEqual(d["mix"], [m.to_dict() for m in f.mix])
                    self.assertNotIn("mix", d["baseline"])
                    self.assertNotIn("mix", d["scenario"])

    def test_the_guide_story_55_percent_better_leads(self):
        # 55% more hot leads: the hand-off rule priced like any improvement.
        f = fp.Funnel(STAGES, mix={"mql": EXAMPLE}, deal_size=4000)
        w = f.whatif(volume=1000, scenario_mix={"mql": "hot:31%@60%,warm:30%@30%,cold:39%@5%"},
                     horizon=12, invest=10000)
        rate = Fr(31, 100) * Fr(6, 10) + Fr(3, 10) * Fr(3, 10) + Fr(39, 100) * Fr(5, 100)
        deals = 1000 * Fr(1, 10) * (rate - Fr(47, 200)) * Fr(1, 4)
        self.assertTrue(close(w.delta.deals, deals))
        self.assertTrue(close(w.delta.revenue_horizon, deals * 4000 * 12))

    def test_refused_scenario_mixes(self):
        f = fp.Funnel(STAGES)
        for mix, status in (({"mql": "hot:50%@60%"}, "FPL_ERR_MIX_SHARES"),
                            ({"nope": "a:1@1"}, "FPL_ERR_STAGE_UNKNOWN"),
                            ({"mql": "hot"}, "FPL_ERR_MIX"), (7, "FPL_ERR_MIX")):
            with self.subTest(mix=mix), self.assertRaises(fp.FunnelError) as cm:
                f.whatif(volume=10, scenario_mix=mix)
            self.assertEqual(cm.exception.status, status)
            self.assertIn("scenario_mix", str(cm.exception))
        with self.assertRaises(fp.FunnelError) as cm:
            f.whatif(volume=10, changes=[("lead", "+1pp")] * 40, scenario_mix={"mql": "a:1@1"})
        self.assertEqual(cm.exception.status, "FPL_ERR_CHANGE_COUNT")


class Forms(unittest.TestCase):

    def test_every_form_of_a_mix_is_the_same_mix(self):
        want = fp.Funnel(STAGES, mix={"mql": EXAMPLE})
        forms = [{"mql": [("hot", "20%", "60%"), ("warm", "30%", "30%"), ("cold", "50%", "5%")]},
                 {"mql": [("hot", 0.2, 0.6), ("warm", 0.3, 0.3), ("cold", 0.5, 0.05)]},
                 {"mql": [("hot", Fr(1, 5), "3/5"), ("warm", "0.3", 0.3), ("cold", "1/2", "5%")]},
                 {"mql": (fp.Segment("hot", 0.2, 0.6), fp.Segment("warm", 0.3, 0.3),
                          fp.Segment("cold", 0.5, 0.05))},
                 ["mql=" + EXAMPLE], "mql=" + EXAMPLE, [("mql", EXAMPLE)],
                 {"mql": list(want.mix[0].segments)}]
        for form in forms:
            with self.subTest(form=form):
                f = fp.Funnel(STAGES, mix=form)
                self.assertEqual(f, want)
                self.assertEqual(f.plan(deals=3).to_dict(), want.plan(deals=3).to_dict())
        self.assertEqual(pickle.loads(pickle.dumps(want)), want)
        self.assertEqual(hash(pickle.loads(pickle.dumps(want))), hash(want))
        self.assertEqual(eval(repr(want), {"Funnel": fp.Funnel}), want)
        self.assertEqual(fp.Funnel(STAGES, mix={}), fp.Funnel(STAGES))
        self.assertEqual(fp.Funnel(STAGES).mix, ())
        self.assertNotIn("mix", fp.Funnel(STAGES).plan(deals=3).to_dict())
        self.assertNotIn("mix", fp.Funnel(STAGES).forecast(volume=3).to_dict())
        self.assertNotIn("mix", fp.Funnel(STAGES).whatif(volume=3).to_dict())

    def test_mixes_in_funnel_order(self):
        f = fp.Funnel(STAGES, mix={"sql": "a:1@40%", "lead": "b:1/2@10%,c:1/2@30%"})
        self.assertEqual([m.stage for m in f.mix], ["lead", "sql"])
        self.assertEqual([m["stage"] for m in f.plan(deals=1).to_dict()["mix"]], ["lead", "sql"])
        self.assertTrue(close(f.stages[0].rate, Fr(1, 5)))
        self.assertEqual(f.stages[2].rate, 0.4)

    def test_the_given_rate_of_a_mixed_stage_is_still_checked(self):
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Funnel([("mql", "150%")], mix={"mql": "a:1@10%"})
        self.assertEqual(cm.exception.status, "FPL_ERR_RATE_RANGE")

    def test_refused_mixes(self):
        nan, inf = float("nan"), float("inf")
        cases = [
            ({"mql": "hot:20%@60%,warm:30%@30%"}, "FPL_ERR_MIX_SHARES"),      # 50%
            ({"mql": "hot:70%@60%,warm:40%@30%"}, "FPL_ERR_MIX_SHARES"),      # 110%
            ({"mql": "a:0.5@0.5,b:0.4999999@0.5"}, "FPL_ERR_MIX_SHARES"),
            ({"mql": [("a", 1 / 3, 0.5), ("b", 1 / 3, 0.5)]}, "FPL_ERR_MIX_SHARES"),
            ({"nope": EXAMPLE}, "FPL_ERR_STAGE_UNKNOWN"),
            ({"MQL": EXAMPLE}, "FPL_ERR_STAGE_UNKNOWN"),
            ({"": EXAMPLE}, "FPL_ERR_STAGE_UNKNOWN"),
            ({"mql": "hot20%@60%"}, "FPL_ERR_MIX"), ({"mql": "hot:20%60%"}, "FPL_ERR_MIX"),
            ({"mql": ":100%@60%"}, "FPL_ERR_MIX"), ({"mql": "a:100%@"}, "FPL_ERR_MIX"),
            ({"mql": "a:@50%"}, "FPL_ERR_MIX"), ({"mql": ""}, "FPL_ERR_MIX"),
            ({"mql": "a:1@1,"}, "FPL_ERR_MIX"), ({"mql": ",a:1@1"}, "FPL_ERR_MIX"),
            ({"mql": "a:50%@50%,a:50%@50%"}, "FPL_ERR_MIX"),            # duplicate segment
            ({"mql": "a:1@0"}, "FPL_ERR_MIX"), ({"mql": "a:1@0%"}, "FPL_ERR_MIX"),
            ({"mql": "a:1@101%"}, "FPL_ERR_MIX"), ({"mql": "a:101%@1"}, "FPL_ERR_MIX"),
            ({"mql": "a:-10%@1,b:110%@1"}, "FPL_ERR_MIX"), ({"mql": "a:1@-5%"}, "FPL_ERR_MIX"),
            ({"mql": "a:1@nan"}, "FPL_ERR_MIX"), ({"mql": "a:1@inf"}, "FPL_ERR_MIX"),
            ({"mql": "a:nan@1"}, "FPL_ERR_MIX"), ({"mql": "a:1@1/0"}, "FPL_ERR_MIX"),
            ({"mql": "a:1 @1"}, "FPL_ERR_MIX"), ({"mql": "a:1@1x"}, "FPL_ERR_MIX"),
            ({"mql": "a\tb:1@1"}, "FPL_ERR_MIX"), ({"mql": "x" * 65 + ":1@1"}, "FPL_ERR_MIX"),
            ({"mql": ",".join("s%d:1/17@1" % k for k in range(17))}, "FPL_ERR_MIX"),  # 17
            ({"mql": "a:0@50%,b:0@20%"}, "FPL_ERR_MIX_SHARES"),
            ({"mql": [("a", nan, 0.5)]}, "FPL_ERR_MIX"), ({"mql": [("a", 1, nan)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", 1, inf)]}, "FPL_ERR_MIX"), ({"mql": [("a", inf, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", 1, -0.5)]}, "FPL_ERR_MIX"), ({"mql": [("a", 1, 0)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", -0.0, 1), ("b", 1, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", 10 ** 400, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", 1, 1e-400)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", "", 1)]}, "FPL_ERR_MIX"), ({"mql": [("", 1, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a,b", 1, 1)]}, "FPL_ERR_MIX"), ({"mql": [("a=b", 1, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", "1,0", 1)]}, "FPL_ERR_MIX"),
            ({"mql": []}, "FPL_ERR_MIX"), ({"mql": [("a", 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", True, 1)]}, "FPL_ERR_MIX"), ({"mql": [(5, 1, 1)]}, "FPL_ERR_MIX"),
            ({"mql": [("a", None, 1)]}, "FPL_ERR_NULL"), ({"mql": 5}, "FPL_ERR_MIX"),
            ({"mql": None}, "FPL_ERR_MIX"), ({5: EXAMPLE}, "FPL_ERR_STAGE_UNKNOWN"),
            (["mql=" + EXAMPLE, "mql=" + EXAMPLE], "FPL_ERR_STAGE_DUPLICATE"),
            (["mql"], "FPL_ERR_MIX"), ([5], "FPL_ERR_MIX"), (5, "FPL_ERR_MIX"),
        ]
        for mix, status in cases:
            with self.subTest(mix=mix), self.assertRaises(fp.FunnelError) as cm:
                fp.Funnel(STAGES, mix=mix)
            self.assertEqual(cm.exception.status, status)
            self.assertTrue(str(cm.exception).startswith("mix"), str(cm.exception))
            self.assertTrue(cm.exception.is_input_error)


# ---------------------------------------------------------------------------
# The CLI's JSON


def run(args):
    proc = subprocess.run([cli_path()] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def cli_has_mix():
    if cli_path() is None:
        return False
    code, out, _ = run(["plan", "--help"])
    code2, out2, _ = run(["whatif", "--help"])
    return code == 0 and "--mix" in out and code2 == 0 and "--scenario-mix" in out2


class CliJsonEqualsToDict(unittest.TestCase):

    def setUp(self):
        if cli_path() is None:
            if os.environ.get("FUNNELPLAN_CLI"):
                self.fail("FUNNELPLAN_CLI=%r is not an executable file"
                          % os.environ["FUNNELPLAN_CLI"])
            self.skipTest("no CLI binary (set FUNNELPLAN_CLI, or build build/bindings/cli)")
        if not cli_has_mix():
            self.skipTest("the CLI has no --mix / --scenario-mix yet (`funnelplan plan --help`, "
                          "`whatif --help`): to_dict() == the CLI's JSON with mixes is not "
                          "checked")

    def assertSame(self, result, args):
        code, out, err = run(args + ["--format", "json"])
        self.assertEqual(code, 0, "funnelplan %s: %s" % (" ".join(args), err))
        d = difference(result.to_dict(), json.loads(out))
        self.assertIsNone(d, "funnelplan %s" % " ".join(args))

    def test_random_mixes(self):
        rng = random.Random(SEED + 2)
        for i in range(40):
            case = MixCase(rng, same_rate=rng.random() < 0.2)
            f = fp.Funnel(case.stages, mix=case.mix, deal_size=250)
            stages = []
            for name, rate in case.stages:
                stages += ["--stage", "%s=%s" % (name, rate)]
            common = stages + case.cli_mix() + ["--deal-size", "250"]
            deals = str(case.deals)
            volume = str(case.volume)
            with self.subTest(case=i, args=common):
                plan = f.plan(deals=deals)
                self.assertSame(plan, ["plan"] + common + ["--deals", deals])
                forecast = f.forecast(volume=volume)
                self.assertSame(forecast, ["forecast"] + common + ["--volume", volume])
                # Equal faces could share a wrong figure: the blended rates'
                # plan and forecast against exact arithmetic too.
                e = exact_plan(case.blended, case.deals, "month")
                for k, st in enumerate(plan.stages):
                    self.assertTrue(close(st.rate, case.blended[k]), (k, st.rate))
                    self.assertTrue(close(st.required, e["required"][k]), (k, st.required))
                    self.assertEqual(st.required_whole, e["required_whole"][k])
                e = exact_forecast(case.blended, case.volume, 0, "month", deal_size=Fr(250))
                self.assertTrue(close(forecast.deals, e["deals"]), forecast.deals)
                self.assertTrue(close(forecast.revenue, e["revenue"]), forecast.revenue)
                self.assertSame(f.whatif(volume=volume, changes={"deal-size": "+10%"}),
                                ["whatif"] + common + ["--volume", volume, "--change",
                                                       "deal-size=+10%"])
                k = case.mixed[0]
                better = case.cli_mix()[1].rsplit("=", 1)[1]
                name = case.stages[k][0]
                self.assertSame(f.whatif(deals=deals, scenario_mix={name: better}),
                                ["whatif"] + common + ["--deals", deals, "--scenario-mix",
                                                       "%s=%s" % (name, better)])
                # The scenario's mix is a change after every --change, wherever given.
                self.assertSame(f.whatif(volume=volume, scenario_mix={name: better},
                                         changes={"deal-size": "+10%", "volume": "-5%"}),
                                ["whatif"] + common + ["--volume", volume, "--scenario-mix",
                                                       "%s=%s" % (name, better), "--change",
                                                       "deal-size=+10%", "--change",
                                                       "volume=-5%"])

    def test_refusals_agree(self):
        for mix in ("mql=hot:20%@60%,warm:30%@30%", "nope=a:1@1", "mql=hot20%@60%",
                    "mql=a:1@nan", "mql=a:-1@1", "mql="):
            with self.subTest(mix=mix):
                with self.assertRaises(fp.FunnelError) as cm:
                    fp.Funnel(STAGES, mix=[mix])
                code, out, err = run(["plan"] + sum((["--stage", "%s=%s" % s] for s in STAGES),
                                                    []) + ["--mix", mix, "--deals", "3"])
                self.assertEqual((code, out), (2, ""))
                self.assertIn(cm.exception.message, err)


if __name__ == "__main__":
    unittest.main()

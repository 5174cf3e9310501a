# funnelplan — WhatIf/Sensitivity/Solve.to_dict() is the CLI's JSON, value for value.
# SPDX-License-Identifier: MIT
"""``funnelplan whatif|sensitivity|solve ... --format json`` and the Python
results' ``to_dict()`` must be the same object (/work/notes/contract.md, the
issue-4 half): same keys in the same order, the same conditional keys, the
very same doubles, integers for whole counts and the horizon, null for what
does not exist. Refusals agree too: the CLI exits 2 for what Python calls
bad input (``is_input_error``) and 1 for a question without an answer.

The CLI comes from $FUNNELPLAN_CLI (set by meson) or build/bindings/cli/, as
in test_cli.py.
"""

import math
import os
import random
from fractions import Fraction
import unittest

from fpl_support import cli_path, close, questions
from fpl_whatif_support import exact_sensitivity, percent_text, whatif_questions
from test_cli import cli_json, difference, run_cli
from test_whatif import Mismatch, check_whatif

import funnelplan as fp

SEED = int(os.environ.get("FUNNELPLAN_TEST_SEED", "20261127"))
COUNT = 100


def stage_args(stages):
    args = []
    for name, rate in stages:
        args += ["--stage", "%s=%s" % (name, rate)]
    return args


EX3 = ["--stage", "opportunity=33%", "--deal-size", "4000"]
TWO = ["--stage", "lead=10%", "--stage", "sql=25%"]

# (description, Python call, CLI arguments)
EXAMPLES = [
    ("example 3",
     lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
         volume=75, at="opportunity", changes={"opportunity": "+10%"}, horizon=12),
     ["whatif"] + EX3 + ["--volume", "75", "--at", "opportunity", "--change",
                         "opportunity=+10%", "--horizon", "12"]),
    ("example 3 with an investment",
     lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
         volume=75, changes=["opportunity=+10%"], horizon=12, invest=50_000),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "opportunity=+10%", "--horizon", "12",
                         "--invest", "50000"]),
    ("the spec's call",
     lambda: fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000).whatif(
         volume=75, at="accepted", changes={"accepted": "+10%"}, horizon=12, invest=50_000),
     ["whatif", "--stage", "lead=1%", "--stage", "accepted=0.10", "--deal-size", "50000",
      "--volume", "75", "--at", "accepted", "--change", "accepted=+10%", "--horizon", "12",
      "--invest", "50000"]),
    ("target held, savings with a cost per lead",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")], cost_per_lead=50).whatif(
         deals=10, changes={"lead": "+2pp"}, horizon=12, invest=10_000),
     ["whatif"] + TWO + ["--cost-per-lead", "50", "--deals", "10", "--change", "lead=+2pp",
                         "--horizon", "12", "--invest", "10000"]),
    ("a loss: no payback",
     lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
         volume=75, changes={"opportunity": "-10%"}, invest=1000, per="quarter"),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "opportunity=-10%", "--invest", "1000",
                         "--per", "quarter"]),
    ("mixed changes, one lever twice",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=900, cost_per_lead=2,
                       margin="40%").whatif(
         volume=1000, changes=[("lead", "+10%"), ("sql", "40%"), ("deal-size", "+5%"),
                               ("volume", "1,200"), ("cost-per-lead", "-50%"), ("lead", "-1pp")],
         horizon="6"),
     ["whatif"] + TWO + ["--deal-size", "900", "--cost-per-lead", "2", "--margin", "40%",
                         "--volume", "1000", "--change", "lead=+10%", "--change", "sql=40%",
                         "--change", "deal-size=+5%", "--change", "volume=1,200", "--change",
                         "cost-per-lead=-50%", "--change", "lead=-1pp", "--horizon", "6"]),
    ("no change at all",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")]).whatif(revenue="1M", deal_size="2k",
                                                                  per="year"),
     ["whatif"] + TWO + ["--revenue", "1M", "--deal-size", "2k", "--per", "year"]),
    ("sensitivity, example 3",
     lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).sensitivity(volume=75),
     ["sensitivity"] + EX3 + ["--volume", "75"]),
    ("sensitivity, relative steps tie",
     lambda: fp.Funnel([("lead", "3%"), ("mql", "40%"), ("sql", "25%")],
                       deal_size=900).sensitivity(volume="100k", step="+10%"),
     ["sensitivity", "--stage", "lead=3%", "--stage", "mql=40%", "--stage", "sql=25%",
      "--deal-size", "900", "--volume", "100k", "--step", "+10%"]),
    ("sensitivity, target held",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=1000).sensitivity(
         revenue=10000, step="+5pp", deal_size_step="+20%", per="quarter"),
     ["sensitivity"] + TWO + ["--deal-size", "1000", "--revenue", "10000", "--step", "+5pp",
                              "--deal-size-step", "+20%", "--per", "quarter"]),
    ("solve, 41.67% for 125,000",
     lambda: fp.Funnel([("opportunity", "1/3")], deal_size=4000).solve(
         lever="opportunity", volume=75, revenue=125_000),
     ["solve", "--stage", "opportunity=1/3", "--deal-size", "4000", "--volume", "75",
      "--revenue", "125000", "--for", "opportunity"]),
    ("solve for the volume",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")]).solve(
         for_="volume", volume=100, deals=5, per="year"),
     ["solve"] + TWO + ["--volume", "100", "--deals", "5", "--for", "volume", "--per", "year"]),
    ("solve for the deal size",
     lambda: fp.Funnel([("lead", "10%"), ("sql", "25%")], deal_size=10).solve(
         "deal-size", volume=100, at="sql", revenue=300),
     ["solve"] + TWO + ["--deal-size", "10", "--volume", "100", "--at", "sql", "--revenue",
                        "300", "--for", "deal-size"]),
]

# Refusals: Python raises FunnelError; the CLI exits 2 (bad input) or 1 (no
# answer) as is_input_error says, nothing on stdout, one line on stderr
# (with the library's message when ``same_message``).
REFUSALS = [
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes={"opportunity": "+250%"}),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "opportunity=+250%"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes={"opportunity": "150%"}),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "opportunity=150%"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes={"deal-size": "-100%"}),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "deal-size=-100%"], True),
    (lambda: fp.Funnel([("opportunity", "1/3")], deal_size=4000).solve(
        "opportunity", volume=75, revenue=400_000),
     ["solve", "--stage", "opportunity=1/3", "--deal-size", "4000", "--volume", "75",
      "--revenue", "400000", "--for", "opportunity"], True),
    (lambda: fp.Funnel([("lead", "1%")]).whatif(deals="1e12", changes={"lead": "1e-6%"}),
     ["whatif", "--stage", "lead=1%", "--deals", "1e12", "--change", "lead=1e-6%"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes={"deal-size": "0"}),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "deal-size=0"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes=[("opportunity", "+1pp"), ("volume", "0")]),
     ["whatif"] + EX3 + ["--volume", "75", "--change", "opportunity=+1pp", "--change",
                         "volume=0"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(volume=75, horizon=0),
     ["whatif"] + EX3 + ["--volume", "75", "--horizon", "0"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(volume=75,
                                                                        horizon="2.5"),
     ["whatif"] + EX3 + ["--volume", "75", "--horizon", "2.5"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(volume=75,
                                                                        horizon=10 ** 6 + 1),
     ["whatif"] + EX3 + ["--volume", "75", "--horizon", "1000001"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(volume=75,
                                                                        horizon="12 months"),
     ["whatif"] + EX3 + ["--volume", "75", "--horizon", "12 months"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(volume=75, invest=0),
     ["whatif"] + EX3 + ["--volume", "75", "--invest", "0"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, changes=[("opportunity", "+1pp")] * 41),
     ["whatif"] + EX3 + ["--volume", "75"] + ["--change", "opportunity=+1pp"] * 41, True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(deals=5,
                                                                        at="opportunity"),
     ["whatif"] + EX3 + ["--deals", "5", "--at", "opportunity"], False),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        deals=5, changes={"volume": "+10%"}),
     ["whatif"] + EX3 + ["--deals", "5", "--change", "volume=+10%"], True),
    (lambda: fp.Funnel([("opportunity", "33%")]).sensitivity(volume=75),
     ["sensitivity", "--stage", "opportunity=33%", "--volume", "75"], False),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=1).sensitivity(volume=75,
                                                                          step="-1pp"),
     ["sensitivity", "--stage", "opportunity=33%", "--deal-size", "1", "--volume", "75",
      "--step", "-1pp"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=1).sensitivity(
        volume=75, deal_size_step="5000"),
     ["sensitivity", "--stage", "opportunity=33%", "--deal-size", "1", "--volume", "75",
      "--deal-size-step", "5000"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=1).solve(
        "cost-per-lead", volume=75, deals=30),
     ["solve", "--stage", "opportunity=33%", "--deal-size", "1", "--volume", "75",
      "--deals", "30", "--for", "cost-per-lead"], True),
    (lambda: fp.Funnel([("opportunity", "33%")], deal_size=1).solve("opportunity", volume=75),
     ["solve", "--stage", "opportunity=33%", "--deal-size", "1", "--volume", "75",
      "--for", "opportunity"], False),
] + [
    # Every bad change spelling of test_whatif, through --change LEVER=CHANGE.
    (lambda change=change: fp.Funnel([("lead", "10%"), ("opportunity", "33%")],
                                     deal_size=4000).whatif(volume=100, changes=[change]),
     ["whatif", "--stage", "lead=10%", "--stage", "opportunity=33%", "--deal-size", "4000",
      "--volume", "100", "--change", change if isinstance(change, str) else "%s=%s" % change],
     True)
    for change in ["opportunity", "=+10%", "opportunity=", ("nosuch", "+10%"),
                   ("opportunity", "+10"), ("deal-size", "-500"), ("opportunity", "+"),
                   ("opportunity", "+pp"), ("deal-size", "+3pp"), ("opportunity", "+%"),
                   ("opportunity", "+abc%"), ("opportunity", "+10%%"), ("opportunity", "10pp"),
                   ("opportunity", "+1/3%"), ("opportunity", "+-10%"),
                   ("opportunity", "+1e400%"), ("opportunity", "1e-400"), ("deal-size", "abc"),
                   ("deal-size", "1/3"), ("volume", "5%"), ("deal-size", "1,00"),
                   ("cost-per-lead", "+10%"), ("opportunity", "-100%"), ("volume", "-1pp")]
]


def json_args(args):
    return args if "--format" in args else args + ["--format", "json"]


def random_sensitivity(rng, q):
    """(Python call, CLI arguments) of a sensitivity question on q."""
    volume_held = q.deal_size is not None and rng.random() < 0.5
    if rng.random() < 0.5:
        text, value = percent_text(rng, 0.1, 20)
        step = "+%spp" % text
        kind = "points"
    else:
        text, value = percent_text(rng, 0.1, 100)
        step = "+%s%%" % text
        kind = "relative"
    ds_text, ds_value = percent_text(rng, 0.1, 50)
    ds_step = "+%s%%" % ds_text
    kw = q.forecast_kwargs() if volume_held else q.plan_kwargs()
    args = q.forecast_cli_args() if volume_held else q.plan_cli_args()
    args[0] = "sensitivity"
    args += ["--step", step, "--deal-size-step", ds_step]
    call = lambda: q.funnel().sensitivity(step=step, deal_size_step=ds_step, **kw)  # noqa: E731
    # the exact question, for the reference (exact_sensitivity's arguments)
    call.exact = (volume_held, kind, value, ds_value)
    return call, args


def random_solve(rng, q):
    """(Python call, CLI arguments) of a goal seek on q (possibly unreachable)."""
    kw = q.forecast_kwargs()
    args = q.forecast_cli_args()
    args[0] = "solve"
    if "revenue" not in kw and "deals" not in kw:
        kw["deals"] = "12.5"
        args += ["--deals", "12.5"]
    levers = [name for name, _ in q.stages[q.at:]] + ["volume"]
    if "revenue" in kw:
        levers.append("deal-size")
    lever = rng.choice(levers)
    args += ["--for", lever]
    return (lambda: q.funnel().solve(lever, **kw)), args


class WhatIfCliJsonEqualsToDict(unittest.TestCase):

    def setUp(self):
        if cli_path() is None:
            if os.environ.get("FUNNELPLAN_CLI"):
                self.fail("FUNNELPLAN_CLI=%r is not an executable file (build it: "
                          "ninja -C build)" % os.environ["FUNNELPLAN_CLI"])
            self.skipTest("no CLI binary (set FUNNELPLAN_CLI, or build "
                          "build/bindings/cli/funnelplan)")

    def compare(self, call, args):
        """None when Python and the CLI agree, else what differs. A refusal
        must be a refusal on both sides, with the matching exit status."""
        try:
            result = call()
        except fp.FunnelError as exc:
            code, out, err = run_cli(json_args(args))
            want = 2 if exc.is_input_error else 1
            if code != want or out:
                return ("Python refuses (%s: %s), CLI exits %d (want %d), stdout %r, stderr %r"
                        % (exc.status, exc, code, want, out[:100], err))
            return None
        try:
            return difference(result.to_dict(), cli_json(json_args(args)))
        except AssertionError as exc:
            return str(exc)

    def run_cases(self, cases):
        failures = []
        for i, (call, args) in enumerate(cases):
            d = self.compare(call, args)
            if d:
                failures.append("case %d: funnelplan %s\n    %s" % (i, " ".join(args), d))
        if failures:
            self.fail("%d of %d cases differ (seed %d); the first ones:\n%s"
                      % (len(failures), len(cases), SEED, "\n".join(failures[:5])))

    def test_worked_examples(self):
        for name, call, args in EXAMPLES:
            with self.subTest(example=name):
                d = difference(call().to_dict(), cli_json(args + ["--format", "json"]))
                if d:
                    self.fail("funnelplan %s\n  %s" % (" ".join(args), d))

    def test_random_whatif(self):
        cases = whatif_questions(SEED, COUNT)
        self.run_cases([((lambda wq=wq: wq.q.funnel().whatif(**wq.kwargs())), wq.cli_args())
                        for wq in cases])
        # Equal faces could share a wrong figure: the same questions' figures
        # (the CLI's, equal to Python's above) against exact arithmetic.
        failures = []
        for i, wq in enumerate(cases):
            try:
                check_whatif(wq)
            except (Mismatch, fp.FunnelError) as exc:
                failures.append("case %d: %s\n    %s" % (i, exc, wq.describe()))
        self.assertEqual(failures, [], "\n".join(failures[:5]))

    def test_random_sensitivity(self):
        rng = random.Random(SEED + 1)
        qs = questions(SEED + 1, COUNT)
        cases = [random_sensitivity(rng, q) for q in qs]
        self.run_cases(cases)
        # Equal faces could share a wrong figure: each lever's from and to
        # against exact arithmetic, and the ranking where no effects are
        # within rounding of each other.
        failures = []
        for i, (q, (call, args)) in enumerate(zip(qs, cases)):
            volume_held, kind, step, ds_step = call.exact
            try:
                s = call()
            except fp.FunnelError:
                continue  # refused alike by both faces (run_cases)
            if volume_held:
                rows, base = exact_sensitivity(q.rates, True, kind, step, ds_step,
                                               volume=q.volume, at=q.at, deal_size=q.deal_size)
            else:
                rows, base = exact_sensitivity(q.rates, False, kind, step, ds_step,
                                               deal_size=q.deal_size, deals=q.deals,
                                               revenue=q.revenue)
            names = [name for name, _ in q.stages] + ["deal-size"]
            exact = {names[li]: (frm, to) for li, frm, to, _ in rows}
            for r in s.rows:
                frm, to = exact[r.lever]
                if not (close(r.from_, frm) and close(r.to, to)):
                    failures.append("case %d: %s from %r to %r, exact %s to %s"
                                    % (i, r.lever, r.from_, r.to, float(frm), float(to)))
            if len(s.rows) != len(rows):
                failures.append("case %d: %d rows, exact %d" % (i, len(s.rows), len(rows)))
        self.assertEqual(failures, [], "\n".join(failures[:5]))

    def test_random_solve(self):
        rng = random.Random(SEED + 2)
        qs = questions(SEED + 2, COUNT)
        cases = [random_solve(rng, q) for q in qs]
        self.run_cases(cases)
        # Equal faces could share a wrong figure: the value each lever must
        # reach, from the Fractions written. Deals are linear in a stage's
        # rate and in the volume, revenue in the deal size, so the value is
        # the current one times target / forecast (for the deal size, the
        # target revenue over the forecast deals).
        failures = []
        compared = 0
        for i, (q, (call, args)) in enumerate(zip(qs, cases)):
            lever = args[args.index("--for") + 1]
            deals = q.volume * math.prod(q.rates[q.at:])
            if q.target_revenue is not None:
                target_revenue = q.target_revenue
                target = q.target_revenue / q.deal_size
            else:
                target_revenue = None
                target = q.target_deals if q.target_deals is not None else Fraction(25, 2)
            names = [name for name, _ in q.stages]
            if lever == "volume":
                current, value = q.volume, q.volume * target / deals
            elif lever == "deal-size":
                current, value = q.deal_size, target_revenue / deals
            else:
                current = q.rates[names.index(lever)]
                value = current * target / deals
            try:
                s = call()
            except fp.FunnelError as exc:
                if lever in names and value > 1:
                    continue  # a rate above 100%: no answer, rightly
                failures.append("case %d: refused (%s), exact %s" % (i, exc, float(value)))
                continue
            if not (close(s.current, current) and close(s.value, value)
                    and close(s.change, value / current - 1, max(value / current, 1))):
                failures.append("case %d: funnelplan %s: current %r value %r, exact %r %r"
                                % (i, " ".join(args), s.current, s.value, float(current),
                                   float(value)))
            compared += 1
        self.assertEqual(failures, [], "\n".join(failures[:5]))
        self.assertGreater(compared, len(cases) // 2)  # most levers have an answer

    def test_refusals_agree(self):
        for call, args, same_message in REFUSALS:
            with self.subTest(args=args):
                with self.assertRaises(fp.FunnelError) as cm:
                    call()
                e = cm.exception
                code, out, err = run_cli(args + ["--format", "json"])
                self.assertEqual(code, 2 if e.is_input_error else 1,
                                 "exit status for %s (%s): %r" % (e.status, e, err))
                self.assertEqual(out, "")
                self.assertTrue(err.startswith("funnelplan: "), err)
                self.assertEqual(err.count("\n"), 1, err)
                if same_message:
                    self.assertIn(e.message, err)


if __name__ == "__main__":
    unittest.main()

# funnelplan — Python's to_dict() is the CLI's JSON, value for value.
# SPDX-License-Identifier: MIT
"""``funnelplan plan|forecast ... --format json`` and ``Plan.to_dict()`` /
``Forecast.to_dict()`` must be the same object (/work/notes/contract.md):
same keys in the same order, same conditional keys, the very same doubles
(the CLI prints the shortest form that reads back as the same double),
integers for whole counts and null for what does not exist.

The CLI comes from $FUNNELPLAN_CLI (set by meson) or build/bindings/cli/.
When $FUNNELPLAN_CLI is set but names no executable the tests fail; only
without both (run by hand, no CLI built) are they skipped.
"""

import json
import os
import subprocess
import unittest

from fpl_support import cli_path, close, questions

import funnelplan as fp

SEED = 4242
COUNT = 200


def run_cli(args):
    cli = cli_path()
    proc = subprocess.run([cli] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=30)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def cli_json(args):
    code, out, err = run_cli(args)
    if code != 0:
        raise AssertionError("funnelplan %s: exit %d, stderr %r" % (" ".join(args), code, err))
    try:
        return json.loads(out)
    except ValueError as exc:
        raise AssertionError("funnelplan %s: stdout is not JSON (%s): %r"
                             % (" ".join(args), exc, out[:300])) from None


def difference(py, cli, path="$"):
    """The first difference between two JSON-like objects, or None. Numbers
    must be the same double; a Python int (a whole count) must be a JSON
    integer; dict keys must come in the same order."""
    if isinstance(py, dict):
        if not isinstance(cli, dict):
            return "%s: object vs %r" % (path, cli)
        if list(py) != list(cli):
            return "%s: keys %r vs CLI %r" % (path, list(py), list(cli))
        for key in py:
            d = difference(py[key], cli[key], "%s.%s" % (path, key))
            if d:
                return d
        return None
    if isinstance(py, list):
        if not isinstance(cli, list) or len(py) != len(cli):
            return "%s: list of %d vs %r" % (path, len(py), cli)
        for i, (a, b) in enumerate(zip(py, cli)):
            d = difference(a, b, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if isinstance(py, bool) or isinstance(cli, bool) or py is None or cli is None:
        return None if py is cli or py == cli and type(py) is type(cli) else (
            "%s: %r vs CLI %r" % (path, py, cli))
    if isinstance(py, (int, float)):
        if not isinstance(cli, (int, float)):
            return "%s: %r vs CLI %r" % (path, py, cli)
        if isinstance(py, int) and not isinstance(cli, int):
            return "%s: whole count %r vs CLI %r (not a JSON integer)" % (path, py, cli)
        if float(py) != float(cli):
            return "%s: %r vs CLI %r" % (path, py, cli)
        return None
    return None if py == cli else "%s: %r vs CLI %r" % (path, py, cli)


def stage_args(stages):
    args = []
    for name, rate in stages:
        args += ["--stage", "%s=%s" % (name, rate)]
    return args


# (description, Python call, CLI arguments)
EXAMPLES = [
    ("example 1",
     lambda: fp.Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50000).plan(
         revenue=1000000, per="year"),
     ["plan", "--stage", "lead=1%", "--stage", "accepted=10%", "--deal-size", "50000",
      "--revenue", "1000000", "--per", "year"]),
    ("example 2",
     lambda: fp.Funnel([("opportunity", "1/3")], deal_size=4000).plan(revenue=100000,
                                                                       per="month"),
     ["plan", "--stage", "opportunity=1/3", "--deal-size", "4000", "--revenue", "100000",
      "--per", "month"]),
    ("example 3 baseline",
     lambda: fp.Funnel([("opportunity", "33%")], deal_size=4000).forecast(75, at="opportunity"),
     ["forecast", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
      "--at", "opportunity"]),
    ("example 4 (12%)",
     lambda: fp.Funnel([("lead", "12%")]).plan(deals=12),
     ["plan", "--stage", "lead=12%", "--deals", "12"]),
    ("example 4 (20%)",
     lambda: fp.Funnel([("lead", "20%")]).plan(deals=12),
     ["plan", "--stage", "lead=20%", "--deals", "12"]),
    ("example 5",
     lambda: fp.Funnel([("mql", "27%"), ("accepted", "25%")]).plan(deals=10),
     ["plan", "--stage", "mql=27%", "--stage", "accepted=25%", "--deals", "10"]),
    ("costs and margin",
     lambda: fp.Funnel([("lead", "1%"), ("accepted", "10%")]).plan(
         revenue="1.5M", deal_size="50k", cost_per_lead="12.5", margin="40%", per="quarter"),
     ["plan", "--stage", "lead=1%", "--stage", "accepted=10%", "--deal-size", "50k",
      "--revenue", "1.5M", "--cost-per-lead", "12.5", "--margin", "40%", "--per", "quarter"]),
    ("forecast with target and cost",
     lambda: fp.Funnel([("lead", "2%"), ("sql", "1/3")]).forecast(
         "1,000", deals=5, cost_per_lead=3, deal_size=900, per="year"),
     ["forecast", "--stage", "lead=2%", "--stage", "sql=1/3", "--volume", "1,000", "--deals",
      "5", "--cost-per-lead", "3", "--deal-size", "900", "--per", "year"]),
    ("forecast with deals target and no deal size",
     lambda: fp.Funnel([("lead", "2%"), ("sql", "1/3")]).forecast(600, at="sql", deals=300),
     ["forecast", "--stage", "lead=2%", "--stage", "sql=1/3", "--volume", "600", "--at", "sql",
      "--deals", "300"]),
]

# Bad input: Python raises FunnelError with the status whose message the CLI
# prints, and the CLI exits 2 (bad input) or 1 (no answer), as the error's
# is_input_error says.
REFUSALS = [
    (lambda: fp.Funnel([("lead", "150%")]), ["plan", "--stage", "lead=150%", "--deals", "1"]),
    (lambda: fp.Funnel([("lead", "1%")], deal_size="-5"),
     ["plan", "--stage", "lead=1%", "--deal-size", "-5", "--deals", "1"]),
    (lambda: fp.Funnel([("lead", "1%")]).plan(deals="1,5"),
     ["plan", "--stage", "lead=1%", "--deals", "1,5"]),
    (lambda: fp.Funnel([("won", "1%")]), ["plan", "--stage", "won=1%", "--deals", "1"]),
    (lambda: fp.Funnel([("a", "1%"), ("a", "2%")]),
     ["plan", "--stage", "a=1%", "--stage", "a=2%", "--deals", "1"]),
    (lambda: fp.Funnel([("lead", "1%")]).forecast(10, at="x"),
     ["forecast", "--stage", "lead=1%", "--volume", "10", "--at", "x"]),
    (lambda: fp.Funnel([("lead", "1%")]).plan(deals=1, per="week"),
     ["plan", "--stage", "lead=1%", "--deals", "1", "--per", "week"]),
    (lambda: fp.Funnel([("lead", "50%")]).plan(deals="1e16"),
     ["plan", "--stage", "lead=50%", "--deals", "1e16"]),
    (lambda: fp.Funnel([("lead", "50%")]).plan(deals="1e308"),
     ["plan", "--stage", "lead=50%", "--deals", "1e308"]),
    # text as typed on the command line gets the CLI's hint (did you mean 25%?)
    (lambda: fp.Funnel([("lead", "25")]), ["plan", "--stage", "lead=25", "--deals", "1"]),
    (lambda: fp.Funnel([("lead", "1%")], deal_size=5).plan(deals=1, margin="25"),
     ["plan", "--stage", "lead=1%", "--deal-size", "5", "--deals", "1", "--margin", "25"]),
    (lambda: fp.Funnel([("lead", "1%")], deal_size=5).whatif(volume=9, changes={"lead": "25"}),
     ["whatif", "--stage", "lead=1%", "--deal-size", "5", "--volume", "9",
      "--change", "lead=25"]),
    (lambda: fp.Funnel([("lead", "1%")], deal_size=5).whatif(volume=9, changes=["lead=25"]),
     ["whatif", "--stage", "lead=1%", "--deal-size", "5", "--volume", "9",
      "--change", "lead=25"]),
]


def reference_difference(q, cli):
    """Where the CLI's plan or forecast (JSON) leaves the exact reference of
    fpl_support (Fractions of the decimals written): None when it does not."""
    def bad(label, got, exact, scale=None):
        if exact is None:
            return None if got is None else "%s: %r, want null" % (label, got)
        if got is None or not close(got, exact, scale):
            return "%s: %r, exact %s" % (label, got, float(exact))
        return None

    checks = []
    if cli["command"] == "plan":
        e = q.exact_plan()
        checks.append(bad("deals", cli["deals"], e["deals"]))
        if cli["deals_whole"] != e["deals_whole"]:
            checks.append("deals_whole: %r, exact %r" % (cli["deals_whole"], e["deals_whole"]))
        checks.append(bad("revenue", cli["revenue"], e["revenue"]))
        for k, st in enumerate(cli["stages"]):
            checks.append(bad("cumulative_rate[%d]" % k, st["cumulative_rate"],
                              e["cumulative"][k]))
            checks.append(bad("required[%d]" % k, st["required"], e["required"][k]))
            if st["required_whole"] != e["required_whole"][k]:
                checks.append("required_whole[%d]: %r, exact %r"
                              % (k, st["required_whole"], e["required_whole"][k]))
        if "budget" in cli:
            checks.append(bad("budget", cli["budget"], e["budget"]))
    else:
        e = q.exact_forecast()
        checks.append(bad("deals", cli["deals"], e["deals"]))
        checks.append(bad("revenue", cli["revenue"], e["revenue"]))
        for st, k in zip(cli["stages"], range(q.at, len(q.rates))):
            checks.append(bad("expected[%d]" % k, st["expected"], e["expected"][k]))
        if "attainment" in e:
            checks.append(bad("attainment", cli["attainment"], e["attainment"]))
    checks = [c for c in checks if c]
    return "; ".join(checks) if checks else None


class CliJsonEqualsToDict(unittest.TestCase):

    def setUp(self):
        if cli_path() is None:
            if os.environ.get("FUNNELPLAN_CLI"):
                self.fail("FUNNELPLAN_CLI=%r is not an executable file (build it: "
                          "ninja -C build)" % os.environ["FUNNELPLAN_CLI"])
            self.skipTest("no CLI binary (set FUNNELPLAN_CLI, or build "
                          "build/bindings/cli/funnelplan)")

    def assertSame(self, result, args):
        d = difference(result.to_dict(), cli_json(args + ["--format", "json"]))
        if d:
            self.fail("funnelplan %s\n  %s" % (" ".join(args), d))

    def test_worked_examples(self):
        for name, call, args in EXAMPLES:
            with self.subTest(example=name):
                self.assertSame(call(), args)

    def test_random_funnels(self):
        failures = []
        for i, q in enumerate(questions(SEED, COUNT)):
            for result, args in ((lambda: q.funnel().plan(**q.plan_kwargs()), q.plan_cli_args()),
                                 (lambda: q.funnel().forecast(**q.forecast_kwargs()),
                                  q.forecast_cli_args())):
                try:
                    cli = cli_json(args)
                    d = difference(result().to_dict(), cli)
                    # Equal faces can share a wrong figure: the CLI's are
                    # also held to the exact Fraction reference.
                    d = d or reference_difference(q, cli)
                except AssertionError as exc:
                    d = str(exc)
                if d:
                    failures.append("case %d: funnelplan %s\n    %s" % (i, " ".join(args), d))
        if failures:
            self.fail("%d of %d runs differ (seed %d); the first ones:\n%s"
                      % (len(failures), 2 * COUNT, SEED, "\n".join(failures[:5])))

    def test_refusals_agree(self):
        for call, args in REFUSALS:
            with self.subTest(args=args):
                with self.assertRaises(fp.FunnelError) as cm:
                    call()
                e = cm.exception
                code, out, err = run_cli(args + ["--format", "json"])
                self.assertEqual(code, 2 if e.is_input_error else 1,
                                 "exit status for %s (%s): %r" % (e.status, e, err))
                self.assertEqual(out, "")
                self.assertTrue(err.startswith("funnelplan: "), err)
                # the same message and the same hint after it, or none
                self.assertTrue(err.endswith(": %s\n" % e.message), (err, e.message))


if __name__ == "__main__":
    unittest.main()

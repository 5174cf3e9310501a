"""Tests of lead mixes on the planning commands: `--mix` (plan, forecast,
whatif, sensitivity, solve) and whatif's `--scenario-mix`.

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) and the plan and
forecast references (fractions.Fraction) come from test_cli.py. A mix sets
its stage's rate to the blended rate sum(share * rate) (the shares add up
to 100%), so a mixed funnel must plan exactly as the funnel with that rate,
the JSON gaining a last key "mix"; a mix whose segments all have the
stage's rate gives byte for byte the plain output plus that key; a
scenario mix is the change `--change STAGE=<blended rate>`. Bad mixes exit
2 with one line on stderr naming the option and the value, and print
nothing on stdout.
"""

import json
import unittest
from fractions import Fraction as Fr

import test_cli as base
from test_cli import Case, S, ref_forecast, ref_plan, run

MIX_235 = "sql=hot:20%@60%,warm:30%@30%,cold:50%@5%"
RATE_235 = Fr(20, 100) * Fr(60, 100) + Fr(30, 100) * Fr(30, 100) + Fr(50, 100) * Fr(5, 100)
MIX_235_JSON = {"stage": "sql",
                "segments": [{"name": "hot", "share": Fr(1, 5), "rate": Fr(3, 5)},
                             {"name": "warm", "share": Fr(3, 10), "rate": Fr(3, 10)},
                             {"name": "cold", "share": Fr(1, 2), "rate": Fr(1, 20)}],
                "rate": RATE_235}

FUNNEL = ["--stage", "lead=10%", "--stage", "sql=30%", "--stage", "opportunity=1/3"]


def json_with_text(args):
    r = run(args)
    if r.returncode != 0 or r.stderr:
        raise AssertionError("args %r: exit %d, %r" % (args, r.returncode, r.stderr))
    text = r.stdout.decode("utf-8")
    return text, json.loads(text)


class MixTestCase(base.CliTestCase):
    def assertOnlyKeyAdded(self, plain_text, mixed_text, key="mix"):
        """The mixed output is the plain one with `key` added last."""
        self.assertTrue(plain_text.endswith("\n}\n"))
        head = plain_text[:-3]
        self.assertEqual(mixed_text[:len(head)], head)
        self.assertTrue(mixed_text[len(head):].startswith(',\n  "%s": [' % key),
                        mixed_text[len(head):len(head) + 40])
        mixed = json.loads(mixed_text)
        self.assertEqual(list(mixed)[-1], key)
        value = mixed.pop(key)
        self.assertEqual(mixed, json.loads(plain_text))
        return value


class TestMixEqualToThePlainRate(MixTestCase):
    """A mix of one rate plans exactly like the plain rate."""

    SAME = "sql=hot:20%@30%,warm:30%@30%,cold:50%@30%"

    def cases(self):
        return [
            ["plan"] + FUNNEL + ["--deals", "12", "--deal-size", "4000"],
            ["plan"] + FUNNEL + ["--revenue", "1.2M", "--deal-size", "40k", "--cost-per-lead",
                                 "25", "--per", "year"],
            ["forecast"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000", "--deals", "40"],
            ["forecast"] + FUNNEL + ["--volume", "600", "--at", "sql"],
            ["whatif"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000",
                                   "--change", "sql=+10%", "--invest", "20000"],
            ["whatif"] + FUNNEL + ["--deals", "10", "--change", "lead=+2pp",
                                   "--cost-per-lead", "30"],
        ]

    def test_json_is_byte_identical_but_for_the_mix_key(self):
        for args in self.cases():
            with self.subTest(args=args):
                plain, _ = json_with_text(args + ["--format", "json"])
                mixed, _ = json_with_text(args + ["--mix", self.SAME, "--format", "json"])
                mix = self.assertOnlyKeyAdded(plain, mixed)
                self.assertEqual(mix, [{"stage": "sql", "segments": [
                    {"name": "hot", "share": 0.2, "rate": 0.3},
                    {"name": "warm", "share": 0.3, "rate": 0.3},
                    {"name": "cold", "share": 0.5, "rate": 0.3}], "rate": 0.3}])

    def test_csv_is_identical_and_the_table_adds_a_note(self):
        for args in self.cases():
            with self.subTest(args=args):
                self.assertEqual(self.ok(args + ["--mix", self.SAME, "--format", "csv"]),
                                 self.ok(args + ["--format", "csv"]))
                plain = self.ok(args)
                mixed = self.ok(args + ["--mix", self.SAME])
                self.assertEqual(mixed, plain + "\nLead mix at sql: hot 20% at 30%, warm 30% at "
                                                 "30%, cold 50% at 30%; blended rate 30%.\n")

    def test_a_one_segment_mix_is_the_plain_rate(self):
        args = ["plan"] + FUNNEL + ["--deals", "7", "--format", "json"]
        plain, _ = json_with_text(args)
        for spec in ("sql=all:100%@30%", "sql=all:1@0.3", "sql=a:1/3@30%,b:1/3@30%,c:1/3@30%"):
            with self.subTest(spec=spec):
                mixed, _ = json_with_text(args + ["--mix", spec])
                self.assertOnlyKeyAdded(plain, mixed)


class TestRealMix(MixTestCase):
    def test_blended_rate_23_5_percent_plans_against_the_reference(self):
        self.assertEqual(RATE_235, Fr(47, 200))
        stages = [S("lead", "10%", Fr(1, 10)), S("sql", "30%", RATE_235),
                  S("opportunity", "1/3", Fr(1, 3))]
        cases = [Case("plan", "plan", stages, deals=("12", Fr(12)),
                      deal_size=("4000", Fr(4000)), cost=("25", Fr(25))),
                 Case("plan per year", "plan", stages, per="year",
                      revenue=("2M", Fr(2000000)), deal_size=("50k", Fr(50000))),
                 Case("forecast", "forecast", stages, volume=("5000", Fr(5000)),
                      deal_size=("4000", Fr(4000)), revenue=("100k", Fr(100000))),
                 Case("forecast at sql", "forecast", stages, volume=("800", Fr(800)),
                      at="sql", deals=("30", Fr(30)))]
        for c in cases:
            with self.subTest(c.name):
                got = self.json_of(c.args("json") + ["--mix", MIX_235])
                want = ref_plan(c) if c.command == "plan" else ref_forecast(c)
                want["mix"] = [MIX_235_JSON]
                self.assertMatches(got, want)

    def test_several_mixes_are_listed_in_funnel_order(self):
        got = self.json_of(["plan"] + FUNNEL + ["--deals", "5", "--format", "json",
                                                "--mix", "opportunity=big:25%@50%,small:75%@20%",
                                                "--mix", MIX_235])
        self.assertEqual([m["stage"] for m in got["mix"]], ["sql", "opportunity"])
        self.assertMatches(got["mix"][1]["rate"], Fr(1, 4) * Fr(1, 2) + Fr(3, 4) * Fr(1, 5))
        self.assertMatches([s["rate"] for s in got["stages"]],
                           [Fr(1, 10), RATE_235, Fr(11, 40)])

    def test_shares_may_be_zero_and_fractions(self):
        got = self.json_of(["plan"] + FUNNEL + ["--deals", "5", "--format", "json",
                                                "--mix", "sql=a:1/3@60%,b:1/3@30%,c:1/3@3/10,"
                                                         "none:0%@100%"])
        self.assertMatches(got["mix"][0]["rate"], Fr(2, 5))
        self.assertMatches(got["stages"][1]["rate"], Fr(2, 5))
        self.assertEqual(got["mix"][0]["segments"][3], {"name": "none", "share": 0, "rate": 1})

    def test_sensitivity_and_solve_use_the_blended_rate(self):
        common = FUNNEL + ["--deal-size", "4000", "--volume", "5000", "--mix", MIX_235,
                           "--format", "json"]
        sens = self.json_of(["sensitivity"] + common)
        row = [r for r in sens["rows"] if r["lever"] == "sql"][0]
        self.assertMatches(row["from"], RATE_235)
        self.assertNotIn("mix", sens)  # the contract's keys only
        solve = self.json_of(["solve"] + common + ["--revenue", "200k", "--for", "sql"])
        self.assertMatches(solve["current"], RATE_235)
        self.assertNotIn("mix", solve)
        # Per unit of the top: 1/10 * rate * 1/3 * 4000 * 5000 = 200k needs sql = 30%.
        self.assertMatches(solve["value"], Fr(3, 10))
        self.assertIn("Lead mix at sql", self.ok(["solve"] + common[:-2] +
                                                 ["--revenue", "200k", "--for", "sql"]))


class TestScenarioMix(MixTestCase):
    BETTER = "sql=hot:40%@60%,warm:30%@30%,cold:30%@5%"  # 34.5%

    def whatifs(self):
        return [
            ["whatif"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000", "--invest", "5000"],
            ["whatif"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000", "--mix", MIX_235,
                                   "--horizon", "6"],
            ["whatif"] + FUNNEL + ["--deals", "10", "--cost-per-lead", "30", "--mix", MIX_235,
                                   "--change", "lead=+1pp"],
            ["whatif"] + FUNNEL + ["--volume", "900", "--at", "sql", "--deal-size", "4000",
                                   "--change", "opportunity=+10%"],
        ]

    def test_scenario_mix_equals_the_equivalent_change(self):
        for args in self.whatifs():
            with self.subTest(args=args):
                text, got = json_with_text(args + ["--scenario-mix", self.BETTER,
                                                   "--format", "json"])
                scenario = got["scenario_mix"]
                self.assertEqual(len(scenario), 1)
                rate = scenario[0]["rate"]
                self.assertMatches(rate, Fr(2, 5) * Fr(3, 5) + Fr(3, 10) * Fr(3, 10) +
                                   Fr(3, 10) * Fr(1, 20))
                self.assertEqual(got["changes"][-1], {"lever": "sql", "kind": "set",
                                                      "value": rate})
                # The same whatif with --change sql=<the blended rate> (the
                # shortest text of the double reads back as the same double).
                plain, _ = json_with_text(args + ["--change", "sql=%r" % rate,
                                                  "--format", "json"])
                self.assertOnlyKeyAdded(plain, text, key="scenario_mix")
                self.assertEqual(got["scenario"]["stages"][1 if "--at" not in args else 0]
                                 ["rate"], rate)

    def test_baseline_and_scenario_mix_keys_come_last(self):
        got = self.json_of(["whatif"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000",
                                                  "--mix", MIX_235, "--scenario-mix", self.BETTER,
                                                  "--format", "json"])
        self.assertEqual(list(got)[-2:], ["mix", "scenario_mix"])
        self.assertMatches(got["mix"], [MIX_235_JSON])
        self.assertMatches(got["baseline"]["stages"][1]["rate"], RATE_235)
        self.assertMatches(got["scenario"]["stages"][1]["rate"], Fr(69, 200))
        self.assertNotIn("mix", got["baseline"])  # listed once, at the top
        # A better mix at sql: deals and revenue scale with the rate.
        self.assertMatches(got["delta"]["deals"],
                           Fr(5000) * Fr(1, 10) * (Fr(69, 200) - RATE_235) * Fr(1, 3))
        out = self.ok(["whatif"] + FUNNEL + ["--volume", "5000", "--deal-size", "4000",
                                            "--mix", MIX_235, "--scenario-mix", self.BETTER])
        self.assertIn("\nLead mix at sql: hot 20% at 60%", out)
        self.assertIn("\nScenario lead mix at sql: hot 40% at 60%, warm 30% at 30%, cold 30% at "
                      "5%; blended rate 34.5%.\n", out)

    def test_without_a_mix_no_keys(self):
        got = self.json_of(self.whatifs()[0] + ["--format", "json"])
        self.assertNotIn("mix", got)
        self.assertNotIn("scenario_mix", got)


# --------------------------------------------------------------------------

PLAN = ["plan"] + FUNNEL + ["--deals", "10"]
WHATIF = ["whatif"] + FUNNEL + ["--volume", "5000"]
SHARES = "the shares of a mix must add up to 100%"
SYNTAX = "a mix is STAGE=NAME:SHARE@RATE,..."

# (arguments, exit status, needles of the one stderr line)
BAD_MIXES = [
    (PLAN + ["--mix", "sql=hot:20%@60%,cold:70%@5%"], 2,
     "--mix 'sql=hot:20%@60%,cold:70%@5%': " + SHARES),
    (PLAN + ["--mix", "sql=hot:60%@60%,cold:60%@5%"], 2, SHARES),
    (PLAN + ["--mix", "sql=a:1/3@10%,b:1/3@10%"], 2, SHARES),
    (PLAN + ["--mix", "sql=hot:0%@60%"], 2, SHARES),
    (PLAN + ["--mix", "mql=hot:100%@60%"], 2, "--mix 'mql=hot:100%@60%': no stage of that name"),
    (PLAN + ["--mix", "SQL=hot:100%@60%"], 2, "no stage of that name"),
    (PLAN + ["--mix", "sql"], 2, "--mix 'sql': " + SYNTAX),
    (PLAN + ["--mix", "sql="], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:100%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot@60%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=:100%@60%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:100%@0%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:100%@150%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:150%@10%,cold:-50%@10%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:x@10%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:50%@10%,hot:50%@20%"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=hot:100%@10%,"], 2, SYNTAX),
    (PLAN + ["--mix", "sql=" + ",".join("s%d:%s@10%%" % (i, "1/17") for i in range(17))], 2,
     SYNTAX),
    (PLAN + ["--mix", "sql=a:100%@10%", "--mix", "sql=b:100%@20%"], 2,
     "--mix 'sql=b:100%@20%': that stage's mix is given already"),
    (PLAN + ["--mix"], 2, "--mix: a value is needed"),
    (PLAN + ["--scenario-mix", "sql=a:100%@10%"], 2,
     "unknown option '--scenario-mix' for this command"),
    (["odds"] + FUNNEL + ["--deals", "1", "--volume", "100", "--mix", "sql=a:100%@10%"], 2,
     "unknown option '--mix' for this command"),
    (["schedule"] + FUNNEL + ["--deals", "1", "--start", "2027-01", "--mix", "sql=a:100%@1%"],
     2, "unknown option '--mix' for this command"),
    (WHATIF + ["--scenario-mix", "sql=hot:20%@60%"], 2,
     "--scenario-mix 'sql=hot:20%@60%': " + SHARES),
    (WHATIF + ["--scenario-mix", "won=a:100%@10%"], 2, "no stage of that name"),
    (WHATIF + ["--scenario-mix", "sql=a:100%@10%", "--scenario-mix", "sql=b:100%@10%"], 2,
     "--scenario-mix 'sql=b:100%@10%': that stage's mix is given already"),
    (WHATIF + ["--mix", "lead=a:100%"], 2, "--mix 'lead=a:100%': " + SYNTAX),
    (["forecast"] + FUNNEL + ["--volume", "10", "--mix", "sql=a:50%@1%,b:49%@2%"], 2, SHARES),
    (["sensitivity"] + FUNNEL + ["--deals", "3", "--mix", "sql=a:50%@1%"], 2, SHARES),
    (["solve"] + FUNNEL + ["--deals", "3", "--volume", "9", "--for", "sql",
                           "--mix", "lead=a@1%"], 2, SYNTAX),
]


class TestBadMixes(MixTestCase):
    def test_bad_mixes_are_refused(self):
        for args, status, *needles in BAD_MIXES:
            with self.subTest(args=args[len(FUNNEL) + 1:]):
                self.assertRefused(args, status, *needles)

    def test_a_mix_that_pushes_a_change_past_100_percent_has_no_answer(self):
        self.assertRefused(WHATIF + ["--mix", "sql=a:50%@90%,b:50%@100%",
                                     "--change", "sql=+10%"], 1, "--change 'sql=+10%': ")

    def test_help_lists_the_mix_options(self):
        for cmd in ("plan", "forecast", "whatif", "sensitivity", "solve"):
            with self.subTest(cmd=cmd):
                out = self.ok([cmd, "--help"])
                self.assertIn("\n  --mix MIX  ", out)
                self.assertIn("STAGE=NAME:SHARE@RATE,...", out)
                self.assertEqual("\n  --scenario-mix " in out, cmd == "whatif")
        for cmd in ("odds", "channels", "schedule", "pace", "score"):
            self.assertNotIn("--mix", self.ok([cmd, "--help"]))


if __name__ == "__main__":
    unittest.main()

"""Tests of `funnelplan learn FILE`.

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) comes from
test_cli.py. The figures are checked against hand-derived values (the
estimator of learn.h; the same histories as tests/test_learn.c); the
statistical properties are tests/python/test_learn.py's. A faulty row is
reported on stderr as `funnelplan: FILE:LINE: MESSAGE` and skipped (exit
status 4, the rest printed); a file that cannot be learned from exits 2
with one line on stderr and nothing on stdout.
"""

import json
import os
import random
from fractions import Fraction
import tempfile
import unittest

import subprocess

import test_cli as base  # noqa: F401 (the runner's settings)


def run(args):
    """The CLI's exit status, stdout and stderr as text."""
    r = base.run(args)
    return subprocess.CompletedProcess(args, r.returncode, r.stdout.decode("utf-8"),
                                       r.stderr.decode("utf-8"))

HAND = ("id,stage,date,amount\n"
        "a,lead,2026-01-01,\n"
        "a,opp,2026-01-11,\n"
        "a,won,2026-01-31,1000\n"
        "b,lead,2026-01-01,\n"
        "b,opp,2026-01-21,\n"
        "b,lost,2026-02-10,\n"
        "c,lead,2026-01-01,\n"
        "c,lost,2026-01-06,\n"
        "d,lead,2026-01-01,\n"
        "d,lost,2026-01-16,\n")


class LearnCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def file(self, text, name="history.csv"):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path


class TestLearn(LearnCase):
    def test_json_of_a_history_without_open_items(self):
        path = self.file(HAND)
        r = run(["learn", path, "--stages", "lead,opp", "--format", "json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual(list(d)[:4], ["command", "estimator", "as_of", "first"])
        self.assertEqual(d["as_of"], "2026-02-10")
        self.assertEqual(d["items"], 4)
        lead, opp = d["stages"]
        self.assertEqual(lead["name"], "lead")
        self.assertEqual(lead["rate"], 0.5)
        self.assertEqual(lead["naive_rate"], 0.5)
        self.assertEqual(lead["effective_n"], 4.0)
        self.assertEqual(lead["lag_days"], {"mean": 15, "median": 10, "p75": 20, "p90": 20})
        self.assertEqual(opp["rate"], 0.5)
        self.assertEqual(d["deal_size"], {"count": 1, "mean": 1000, "median": 1000, "cv": 0})
        self.assertIsNone(d["seasonality"])
        self.assertIsNone(d["backtest"])
        self.assertEqual(d["sources"], [])

    def test_save_then_plan_with_it(self):
        path = self.file(HAND)
        saved = os.path.join(self.tmp.name, "funnel.txt")
        r = run(["learn", path, "--stages", "lead,opp", "--save", saved])
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(saved, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\n--stage lead=0.5\n--stage opp=0.5\n--deal-size 1000\n", text)
        for command in (["plan", "--deals", "1"], ["forecast", "--volume", "100"],
                        ["odds", "--volume", "100/month", "--deals", "10"],
                        ["schedule", "--deals", "1", "--start", "2027-01", "--months", "2"],
                        ["channels", "--deals", "1", "--channel", "web: cost-per-lead=5"]):
            p = run([command[0], "@" + saved] + command[1:] + ["--format", "json"])
            self.assertEqual(p.returncode, 0, (command, p.stderr))
        p = json.loads(run(["plan", "@" + saved, "--deals", "1", "--format", "json"]).stdout)
        self.assertEqual(p["stages"][0]["required_whole"], 4)

    def test_faulty_rows_exit_4_with_file_and_line(self):
        path = self.file("id,stage,date,amount\n"
                         "a,lead,2026-01-01,\n"
                         "a,demo,2026-01-02,\n"
                         "a,won,2026-01-05,ten\n"
                         "a,won,2026-01-05,\n"
                         "a,lost,2026-01-06,\n"
                         "b,opp,2026-01-03,\n"
                         "b,lead,2026-01-04,\n"
                         "b,lead,2026-03-01,\n")
        r = run(["learn", path, "--stages", "lead,opp", "--as-of", "2026-02-01"])
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertEqual(r.stderr.splitlines(), [
            "funnelplan: %s:3: the stage is not one of the stages given, nor won or lost" % path,
            "funnelplan: %s:4: the amount is not a number >= 0" % path,
            "funnelplan: %s:6: the item is both won and lost" % path,
            "funnelplan: %s:8: backwards dates: dated before an earlier stage of the item, "
            "or after its outcome" % path,
            "funnelplan: %s:9: the date is after the as-of date" % path])
        self.assertTrue(r.stdout.startswith("Funnel learned from 2 items (8 rows)"))

    def test_files_that_cannot_be_learned_exit_2(self):
        cases = [
            ("id,stage,when\na,lead,2026-01-01\n",
             "%s:1: the header has no column for the date (date, CreatedDate, ...; or "
             "--column date=NAME)"),
            ("", "%s:0: the file has no header (it is empty or blank)"),
            ("\x7fELF\"\x01\n", "%s:1: the header is not CSV text (column 1): a stray quote, "
             "a row too long, or not UTF-8"),
            ("id,stage,date\n", "learn: '%s': the history has no item to learn from"),
        ]
        for text, want in cases:
            path = self.file(text)
            r = run(["learn", path])
            self.assertEqual(r.returncode, 2, (text, r.stderr))
            self.assertEqual(r.stdout, "")
            self.assertEqual(r.stderr, "funnelplan: " + want % path + "\n")

    def test_bad_options_exit_2(self):
        path = self.file(HAND)
        cases = [
            (["learn"], "funnelplan: learn: a FILE is needed (a CSV history of stage "
                        "entries; - reads standard input)\n"),
            (["learn", path, "--column", "colour=x"], None),
            (["learn", path, "--stages", "lead,lead"], None),
            (["learn", path, "--as-of", "2026-02-30"], None),
            (["learn", path, "--format", "svg"], None),
            (["learn", path, path], None),
            (["learn", os.path.join(self.tmp.name, "missing.csv")], None),
        ]
        for args, want in cases:
            r = run(args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertEqual(r.stdout, "")
            self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
            if want is not None:
                self.assertEqual(r.stderr, want)
        r = run(["learn", path, "--column", "colour=x"])
        self.assertIn("--column 'colour=x'", r.stderr)

    def test_crm_headers_are_recognised(self):
        salesforce = self.file("Opportunity ID,Stage,Created Date,Amount,Lead Source\n"
                               "006A,Prospecting,2026-01-01 10:00,,Web\n"
                               "006A,Closed Won,2026-01-21 11:00,5000,Web\n", "sf.csv")
        hubspot = self.file("Record ID,Deal Stage,Date entered stage,Amount,Deal owner\n"
                            "1,appointmentscheduled,2026-01-01T09:00:00Z,,Ann\n"
                            "1,closedlost,2026-01-03T09:00:00Z,,Ann\n", "hs.csv")
        d = json.loads(run(["learn", salesforce, "--format", "json"]).stdout)
        self.assertEqual(d["stages"][0]["name"], "Prospecting")
        self.assertEqual(d["stages"][0]["rate"], 1)
        self.assertEqual(d["sources"][0]["name"], "Web")
        self.assertEqual(d["sources"][0]["won_revenue"], 5000)
        d = json.loads(run(["learn", hubspot, "--format", "json"]).stdout)
        self.assertEqual(d["stages"][0]["rate"], 0)
        self.assertEqual(d["owners"][0]["name"], "Ann")


    def test_sums_are_exact_and_do_not_depend_on_row_order(self):
        # Amounts from 1e-3 to 1e15 (a float sum of them rounds at every
        # step): the won revenue of each source and the deal size's mean
        # are the exact sums rounded once (Fraction), and the rows
        # shuffled print the same bytes, the back-test's included.
        rnd = random.Random(11)
        rows, won = [], {}
        for i in range(1500):
            s = rnd.choice(["web", "ads", "event"])
            day = rnd.randrange(600)
            rows.append(f"i{i},lead,{2024 + day // 336}-{1 + day % 336 // 28:02d}-{1 + day % 28:02d},,{s}\n")
            if i % 3:
                a = rnd.choice([rnd.random() * 10 ** rnd.randint(-3, 9),
                                rnd.randint(1, 10 ** 6) / 7, 1e15 + rnd.random()])
                end = min(day + rnd.randrange(1, 90), 1007)
                rows.append(f"i{i},won,{2024 + end // 336}-{1 + end % 336 // 28:02d}-"
                            f"{1 + end % 28:02d},{a!r},{s}\n")
                won.setdefault(s, []).append(a)
        head = "id,stage,date,amount,source\n"
        path = self.file(head + "".join(rows))
        args = ["--stages", "lead", "--backtest", "--format", "json"]
        r = run(["learn", path] + args)
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        for g in d["sources"]:
            self.assertEqual(float(g["won_revenue"]), float(sum(map(Fraction, won[g["name"]]))))
        amounts = [a for v in won.values() for a in v]
        total = float(sum(map(Fraction, amounts)))
        self.assertEqual(float(d["deal_size"]["mean"]), total / len(amounts))
        self.assertTrue(d["backtest"])
        rnd.shuffle(rows)
        again = run(["learn", self.file(head + "".join(rows), "shuffled.csv")] + args)
        self.assertEqual(again.stdout, r.stdout)


if __name__ == "__main__":
    unittest.main()

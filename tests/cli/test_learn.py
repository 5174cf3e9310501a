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
import math
import os
import random
from fractions import Fraction
import tempfile
import unittest
from fractions import Fraction as Fr

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

    def test_table_counts_one_in_the_singular(self):
        # HAND has one won deal with an amount: "1 won deal", not "deals";
        # one item of one row reads "1 item (1 row)".
        r = run(["learn", self.file(HAND), "--stages", "lead,opp"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(" over 1 won deal with an amount.\n", r.stdout)
        self.assertTrue(r.stdout.startswith("Funnel learned from 4 items (10 rows) "), r.stdout)
        r = run(["learn", self.file("id,stage,date\na,lead,2026-01-01\n")])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("Funnel learned from 1 item (1 row) from "), r.stdout)

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


# ---------------------------------------------------------------------------
# learn --leads LEADS --outcome COLUMN: criterion weights fitted to outcomes

BANT = ["budget", "authority", "need", "timing"]


def leads_text(seed, n, beta=(2.0, 1.0, 0.3, -0.6), open_every=11):
    """CSV text of BANT leads (answers 0, 1/2 or 1) whose log-odds of winning
    are -1.2 + sum(beta * answer), every open_every-th still open; and
    [(answers, won)] of the leads with an outcome, in file order."""
    rng = random.Random(seed)
    lines = ["id,budget,authority,need,timing,won"]
    leads = []
    for i in range(n):
        a = [rng.choice([Fr(0), Fr(1, 2), Fr(1)]) for _ in BANT]
        eta = -1.2 + sum(b * float(x) for b, x in zip(beta, a))
        won = rng.random() < 1 / (1 + math.exp(-eta))
        cell = "" if i % open_every == 0 else ("won" if won else "lost")
        lines.append("L%d,%s,%s" % (i, ",".join(str(x) for x in a), cell))
        if cell:
            leads.append((a, won))
    return "\n".join(lines) + "\n", leads


def area(held, weights):
    """The area under the ROC curve of the weighted mean of the answers on
    the held-back leads, exactly: (G + E/2) / (n_won n_lost)."""
    def score(a):
        return sum(Fr(w) * x for w, x in zip(weights, a)) / sum(Fr(w) for w in weights)
    won = [score(a) for a, w in held if w]
    lost = [score(a) for a, w in held if not w]
    g = sum(1 for x in won for y in lost if x > y)
    e = sum(1 for x in won for y in lost if x == y)
    return (Fr(g) + Fr(e, 2)) / (len(won) * len(lost))


class TestLearnLeads(LearnCase):
    def setUp(self):
        super().setUp()
        text, self.leads = leads_text(17, 600)
        self.leads_path = self.file(text, "leads.csv")
        self.history = self.file(HAND)

    def test_the_fit_is_score_fit_byte_for_byte(self):
        for fmt in ("table", "json", "csv"):
            with self.subTest(format=fmt):
                want = run(["score", "--leads", self.leads_path, "--fit", "won", "--format", fmt])
                got = run(["learn", "--leads", self.leads_path, "--outcome", "won",
                           "--format", fmt])
                self.assertEqual((got.returncode, got.stderr), (0, ""))
                self.assertEqual(want.returncode, 0, want.stderr)
                self.assertEqual(got.stdout, want.stdout)
        # and with a preset and criteria given one by one
        for extra in (["--criteria", "bant"],
                      ["--criterion", "budget=2,required", "--criterion", "authority",
                       "--criterion", "need", "--criterion", "timing"]):
            want = run(["score", "--leads", self.leads_path, "--fit", "won"] + extra)
            got = run(["learn", "--leads", self.leads_path, "--outcome", "won"] + extra)
            self.assertEqual(got.returncode, 0, got.stderr)
            self.assertEqual(got.stdout, want.stdout)

    def test_a_small_leads_file_in_every_format(self):
        # the lines of the golden corpus (tests/golden): 200 leads, a few KiB
        text, leads = leads_text(5, 200)
        path = self.file(text, "small_leads.csv")
        for fmt in ("table", "csv", "json"):
            with self.subTest(format=fmt):
                got = run(["learn", "--leads", path, "--outcome", "won", "--format", fmt])
                want = run(["score", "--leads", path, "--fit", "won", "--format", fmt])
                self.assertEqual((got.returncode, got.stderr), (0, ""))
                self.assertEqual(got.stdout, want.stdout)
        d = json.loads(run(["learn", "--leads", path, "--outcome", "won", "--format",
                            "json"]).stdout)
        held = [lead for i, lead in enumerate(leads) if (i + 1) % 5 == 0]
        self.assertEqual(d["open"], len(range(0, 200, 11)))
        self.assertEqual(d["auc"]["given"], float(area(held, [1, 1, 1, 1])))
        self.assertEqual(d["auc"]["fitted"],
                         float(area(held, [c["weight"] for c in d["criteria"]])))

    def test_weights_and_areas_against_fractions(self):
        r = run(["learn", "--leads", self.leads_path, "--outcome", "won", "--format", "json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        held = [lead for i, lead in enumerate(self.leads) if (i + 1) % 5 == 0]
        fitted = [lead for i, lead in enumerate(self.leads) if (i + 1) % 5 != 0]
        self.assertEqual(d["held_back"], {"every": 5, "won": sum(w for _, w in held),
                                          "lost": sum(not w for _, w in held)})
        self.assertEqual(d["fitted"], {"won": sum(w for _, w in fitted),
                                       "lost": sum(not w for _, w in fitted)})
        self.assertEqual(d["open"], len(range(0, 600, 11)))
        weights = [c["weight"] for c in d["criteria"]]
        self.assertEqual(weights[0], 10)  # budget weighs most (beta 2.0)
        self.assertTrue(weights[0] > weights[1] > weights[2], weights)
        self.assertEqual(weights[3], 0.01)  # timing lowers the odds: the floor
        self.assertEqual(d["auc"]["given"], float(area(held, [1, 1, 1, 1])))
        self.assertEqual(d["auc"]["fitted"], float(area(held, weights)))
        self.assertGreater(d["auc"]["fitted"], d["auc"]["given"])

    def test_with_a_history_the_json_gains_score_fit_only(self):
        alone = run(["learn", self.history, "--stages", "lead,opp", "--format", "json"])
        fit = run(["score", "--leads", self.leads_path, "--fit", "won", "--format", "json"])
        both = run(["learn", self.history, "--stages", "lead,opp", "--leads", self.leads_path,
                    "--outcome", "won", "--format", "json"])
        self.assertEqual((both.returncode, both.stderr), (0, ""))
        d = json.loads(both.stdout)
        self.assertEqual(list(d)[-1], "score_fit")
        self.assertEqual(d.pop("score_fit"), json.loads(fit.stdout))
        self.assertEqual(d, json.loads(alone.stdout))
        # learn's members are the same bytes, the fit's object follows
        self.assertTrue(both.stdout.startswith(alone.stdout[:-3] + ",\n  \"score_fit\": {\n"),
                        both.stdout[:200])

    def test_with_a_history_the_table_and_csv_are_both_in_turn(self):
        for fmt in ("table", "csv"):
            with self.subTest(format=fmt):
                alone = run(["learn", self.history, "--format", fmt])
                fit = run(["score", "--leads", self.leads_path, "--fit", "won", "--format", fmt])
                both = run(["learn", self.history, "--leads", self.leads_path, "--outcome",
                            "won", "--format", fmt])
                self.assertEqual(both.returncode, 0, both.stderr)
                self.assertEqual(both.stdout, alone.stdout + "\n" + fit.stdout)

    def test_save_score_is_what_score_takes_and_save_what_plan_takes(self):
        crit = os.path.join(self.tmp.name, "criteria.txt")
        funnel = os.path.join(self.tmp.name, "funnel.txt")
        saved = os.path.join(self.tmp.name, "score-saved.txt")
        r = run(["learn", self.history, "--stages", "lead,opp", "--leads", self.leads_path,
                 "--outcome", "won", "--save", funnel, "--save-score", crit])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(run(["score", "--leads", self.leads_path, "--fit", "won", "--save",
                              saved]).returncode, 0)
        with open(crit, encoding="utf-8") as f, open(saved, encoding="utf-8") as g:
            text = f.read()
            self.assertEqual(text, g.read())
        fitted = json.loads(run(["learn", "--leads", self.leads_path, "--outcome", "won",
                                 "--format", "json"]).stdout)
        scored = run(["score", "--leads", self.leads_path, "@" + crit, "--format", "json"])
        self.assertEqual(scored.returncode, 0, scored.stderr)
        self.assertEqual([c["weight"] for c in json.loads(scored.stdout)["criteria"]],
                         [c["weight"] for c in fitted["criteria"]])
        planned = run(["plan", "@" + funnel, "--deals", "10", "--format", "json"])
        self.assertEqual(planned.returncode, 0, planned.stderr)
        self.assertEqual(json.loads(planned.stdout)["stages"][0]["rate"], 0.5)

    def test_bad_leads_exit_2_or_4_with_file_and_line(self):
        p = self.file("id,budget,authority,need,timing\na,1,1,1,1\n", "noout.csv")
        r = run(["learn", "--leads", p, "--outcome", "won"])
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr, run(["score", "--leads", p, "--fit", "won"]).stderr)
        self.assertIn("won", r.stderr)
        # outcomes that are not won or lost, NaN answers: rows skipped at FILE:LINE
        text, _ = leads_text(5, 200)
        lines = text.splitlines()
        lines[3] = lines[3].rsplit(",", 1)[0] + ",maybe"
        lines[7] = "L6,NaN,1,1,1,won"
        p = self.file("\n".join(lines) + "\n", "bad.csv")
        r = run(["learn", "--leads", p, "--outcome", "won"])
        self.assertEqual(r.returncode, 4)
        self.assertEqual(r.stderr.splitlines(), [
            "funnelplan: %s:4: column 'won': the outcome is won, lost, or empty for a lead "
            "still open" % p,
            "funnelplan: %s:8: column 'budget': an answer is a number from 0 to 1 (or 0%% to "
            "100%%), yes/no, y/n or true/false" % p])
        self.assertEqual(json.loads(run(["learn", "--leads", p, "--outcome", "won", "--format",
                                         "json"]).stdout)["skipped"], 2)
        # an empty file; a file of one class only
        empty = self.file("", "empty.csv")
        r = run(["learn", "--leads", empty, "--outcome", "won"])
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr, run(["score", "--leads", empty, "--fit", "won"]).stderr)
        won = self.file("id,budget,authority,need,timing,won\n" + "".join(
            "l%d,1,1,1,1,won\n" % i for i in range(20)), "allwon.csv")
        r = run(["learn", "--leads", won, "--outcome", "won"])
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertTrue(r.stderr.startswith("funnelplan: --outcome 'won': "), r.stderr)

    def test_options_of_one_part_need_that_part(self):
        cases = [
            (["learn", "--leads", self.leads_path],
             "funnelplan: learn: --leads needs --outcome COLUMN (the column of won or lost "
             "the weights are fitted to)\n"),
            (["learn", "--outcome", "won"],
             "funnelplan: learn: a FILE is needed (a CSV history of stage entries; - reads "
             "standard input)\n"),
            (["learn", self.history, "--outcome", "won"],
             "funnelplan: learn: --outcome is about the leads: give --leads FILE too\n"),
            (["learn", self.history, "--criteria", "bad"],
             "funnelplan: learn: --criteria is about the leads: give --leads FILE too\n"),
            (["learn", "--leads", self.leads_path, "--outcome", "won", "--save", "x.txt"],
             "funnelplan: learn: --save is about the history: give its FILE too (the fitted "
             "criteria go to --save-score)\n"),
            (["learn", "--leads", self.leads_path, "--outcome", "won", "--stages", "a,b"],
             "funnelplan: learn: --stages is about the history: give its FILE too\n"),
            (["learn", "--leads", self.leads_path, "--outcome", "won", "--criterion", "x=0"],
             None),
        ]
        for args, want in cases:
            with self.subTest(args=args):
                r = run(args)
                self.assertEqual((r.returncode, r.stdout), (2, ""), r.stderr)
                self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                if want is not None:
                    self.assertEqual(r.stderr, want)
        # a refused criterion is said as score says it, before any file is read
        r = run(["learn", "/no/such/history.csv", "--leads", self.leads_path, "--outcome",
                 "won", "--criterion", "fit=0"])
        self.assertEqual(r.stderr.replace("learn", "score"),
                         run(["score", "--leads", self.leads_path, "--fit", "won",
                              "--criterion", "fit=0"]).stderr)

    def test_skipped_history_rows_and_a_fit_exit_4_with_both_printed(self):
        bad = self.file(HAND + "e,lead,not-a-date,\n", "badhist.csv")
        r = run(["learn", bad, "--leads", self.leads_path, "--outcome", "won", "--format",
                 "json"])
        self.assertEqual(r.returncode, 4)
        self.assertEqual(r.stderr, "funnelplan: %s:12: the date is not a date YYYY-MM-DD\n" % bad)
        d = json.loads(r.stdout)
        self.assertEqual((d["skipped"], d["score_fit"]["skipped"]), (1, 0))

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

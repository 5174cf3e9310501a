"""Tests of the wide form of `funnelplan learn FILE` (one row per item, a
date column per stage and outcome; learn.h).

The wide file of a history must learn exactly what the long file of the
same history learns: random histories are written in both forms and the
JSON compared byte for byte (all but `rows`, which counts the rows of the
file: one per stage entry in the long form, one per item in the wide).
Then each fault of a wide row, how the header tells the form, and where
the stage order comes from.
"""

import json
import random
import unittest

from test_learn import HAND, LearnCase, run

STAGES = ["lead", "mql", "sql", "demo", "opp", "proposal"]


def history(rng, n_items):
    """Random items: (id, {stage: day}, outcome or None, outcome day,
    amount or None, source, owner), days as ISO dates. Stages are entered
    in order, some skipped (an item may start below the top), the outcome
    on or after the last stage; dates span about two years so seasonality
    and the back-test have something to show."""
    import datetime
    base = datetime.date(2024, 1, 1)
    items = []
    for i in range(n_items):
        day = rng.randrange(0, 700)
        top = 0 if rng.random() < 0.8 else rng.randrange(1, len(STAGES))
        days = {}
        for k in range(top, len(STAGES)):
            if k > top and rng.random() < 0.15:
                continue  # skipped: passed on the next stage's date
            days[STAGES[k]] = day
            if rng.random() < 0.35:
                break
            day += rng.choice([0, 1, 3, 7, 15, 40])
        r = rng.random()
        outcome = "won" if r < 0.3 else "lost" if r < 0.75 else None
        if outcome is not None and rng.random() < 0.05:
            days = {}  # an outcome alone
        out_day = day + rng.choice([0, 2, 9, 30]) if outcome else None
        amount = rng.choice([None, 500, 1234.5, 20000]) if outcome != "lost" else None
        iso = {s: (base + datetime.timedelta(days=d)).isoformat() for s, d in days.items()}
        out_iso = (base + datetime.timedelta(days=out_day)).isoformat() if outcome else None
        items.append(("i%d" % i, iso, outcome, out_iso, amount,
                      rng.choice(["web", "event", "partner", ""]), rng.choice(["ann", "bo"])))
    return items


def long_csv(rng, items):
    rows = []
    for ident, days, outcome, out_day, amount, source, owner in items:
        mine = [[ident, s, d, "", source, owner] for s, d in days.items()]
        if outcome:
            mine.append([ident, outcome, out_day, "", source, owner])
        if amount is not None:
            mine[-1][3] = str(amount)  # on the won row (or the last)
        rng.shuffle(mine)  # the long form takes an item's rows in any order
        rows.extend(mine)
    # the items first seen in the wide file's order: the back-test's sums
    # run over the table of items, whose order (under collisions) is the
    # order items were first seen, in either form
    return "id,stage,date,amount,source,owner\n" + "".join(",".join(r) + "\n" for r in rows)


def wide_csv(items, header_stages):
    head = ["owner", "id"] + header_stages + ["won", "amount", "lost", "source"]
    lines = [",".join(head)]
    for ident, days, outcome, out_day, amount, source, owner in items:
        cell = {"id": ident, "owner": owner, "source": source,
                "amount": "" if amount is None else str(amount),
                "won": out_day if outcome == "won" else "",
                "lost": out_day if outcome == "lost" else ""}
        cell.update({s: days.get(s, "") for s in header_stages})
        lines.append(",".join(cell[h] for h in head))
    return "\n".join(lines) + "\n"


def without_rows(text):
    d = json.loads(text)
    rows = d["rows"]
    return text.replace('"rows": %d,' % rows, '"rows": R,', 1), rows


class TestWideEqualsLong(LearnCase):
    def test_random_histories_learn_the_same_in_both_forms(self):
        rng = random.Random(17)
        for trial in range(6):
            items = history(rng, rng.choice([5, 60, 3000]))
            long_path = self.file(long_csv(rng, items), "long%d.csv" % trial)
            wide_path = self.file(wide_csv(items, STAGES), "wide%d.csv" % trial)
            stages = ",".join(STAGES)
            want = run(["learn", long_path, "--stages", stages, "--backtest", "--format", "json"])
            self.assertEqual(want.returncode, 0, want.stderr)
            want_text, want_rows = without_rows(want.stdout)
            self.assertEqual(want_rows, sum(len(i[1]) + (i[2] is not None) for i in items))
            for extra in ([], ["--stages", stages], ["--form", "wide"]):
                got = run(["learn", wide_path, "--backtest", "--format", "json"] + extra)
                self.assertEqual(got.returncode, 0, (extra, got.stderr))
                got_text, got_rows = without_rows(got.stdout)
                self.assertEqual(got_rows, len(items))
                self.assertEqual(got_text, want_text, (trial, extra))

    def test_wide_hand_history(self):
        # test_learn.py's HAND history, one row per item
        path = self.file("id,lead,opp,won,lost,amount\n"
                         "a,2026-01-01,2026-01-11,2026-01-31,,1000\n"
                         "b,2026-01-01,2026-01-21,,2026-02-10,\n"
                         "c,2026-01-01,,,2026-01-06,\n"
                         "d,2026-01-01,,,2026-01-16,\n")
        r = run(["learn", path, "--format", "json"])
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual((d["rows"], d["items"], d["won"], d["lost"]), (4, 4, 1, 3))
        lead, opp = d["stages"]
        self.assertEqual((lead["name"], lead["rate"], lead["effective_n"]), ("lead", 0.5, 4.0))
        self.assertEqual(lead["lag_days"], {"mean": 15, "median": 10, "p75": 20, "p90": 20})
        self.assertEqual((opp["name"], opp["rate"]), ("opp", 0.5))
        self.assertEqual(d["deal_size"], {"count": 1, "mean": 1000, "median": 1000, "cv": 0})


WIDE_HEAD = "id,lead,opp,won,lost,amount\n"


class TestWideFaults(LearnCase):
    def test_each_fault_skips_its_row_with_file_and_line(self):
        path = self.file(WIDE_HEAD +
                         "a,2026-01-01,2026-01-02,2026-01-05,,\n"   # 2 good
                         "b,2026-01-01,2026-13-02,,,\n"             # 3 not a date
                         "c,2026-01-01,,,2026-03-01,\n"             # 4 after --as-of
                         "d,2026-01-01,,2026-01-09,,ten\n"          # 5 amount
                         "e,2026-01-01,,2026-01-09,2026-01-09,\n"   # 6 won and lost
                         "f,2026-01-05,2026-01-04,,,\n"             # 7 later stage earlier
                         "g,2026-01-01,2026-01-10,,2026-01-09,\n"   # 8 stage after outcome
                         "a,2026-01-02,,,2026-01-03,\n"             # 9 id again
                         "h,,,,,\n"                                 # 10 no date
                         "i,2026-01-01,\n"                          # 11 fields
                         ",2026-01-01,,,,\n"                        # 12 empty id
                         "j, 2026-01-03 ,2026-01-03T10:00,,,\n")    # 13 good (blanks, time)
        r = run(["learn", path, "--as-of", "2026-02-01", "--format", "json"])
        self.assertEqual(r.returncode, 4, r.stderr)
        want = [(3, "the date is not a date YYYY-MM-DD"),
                (4, "the date is after the as-of date"),
                (5, "the amount is not a number >= 0"),
                (6, "the item is both won and lost"),
                (7, "backwards dates: dated before an earlier stage of the item, or after its "
                    "outcome"),
                (8, "backwards dates: dated before an earlier stage of the item, or after its "
                    "outcome"),
                (9, "the id is on an earlier row too (the wide form has one row per item)"),
                (10, "no date in any stage, won or lost column"),
                (11, "not as many fields as the header"),
                (12, "the id is empty or longer than 256 bytes")]
        self.assertEqual(r.stderr.splitlines(),
                         ["funnelplan: %s:%d: %s" % (path, line, m) for line, m in want])
        d = json.loads(r.stdout)
        self.assertEqual((d["rows"], d["skipped"], d["items"], d["won"], d["open"]),
                         (12, 10, 2, 1, 1))
        # a's first row stands (the second is refused): lead to opp in 1 day, j's in 0
        self.assertEqual(d["stages"][0]["lag_days"]["mean"], 0.5)

    def test_a_faulty_row_does_not_claim_its_id(self):
        path = self.file(WIDE_HEAD +
                         "a,2026-01-01,nope,,,\n"
                         "a,2026-01-01,2026-01-03,2026-01-04,,\n")
        r = run(["learn", path, "--format", "json"])
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertEqual(len(r.stderr.splitlines()), 1)
        d = json.loads(r.stdout)
        self.assertEqual((d["items"], d["won"]), (1, 1))


class TestWideHeader(LearnCase):
    def learn(self, text, *args):
        return run(["learn", self.file(text), "--format", "json"] + list(args))

    def test_outcome_columns_tell_the_wide_form(self):
        for won, lost in (("won", "lost"), ("Closed Won", "closedlost"), ("WON", None)):
            head = "Deal ID,lead,opp," + won + ("," + lost if lost else "")
            row = "1,2026-01-01,2026-01-04,2026-01-09" + ("," if lost else "")
            r = self.learn(head + "\n" + row + "\n")
            self.assertEqual(r.returncode, 0, (head, r.stderr))
            d = json.loads(r.stdout)
            self.assertEqual([s["name"] for s in d["stages"]], ["lead", "opp"])
            self.assertEqual(d["won"], 1)

    def test_stages_naming_columns_tell_the_wide_form(self):
        # no outcome column: --stages names the date columns; every item open
        text = "id,note,lead,mql\n1,x,2026-01-01,2026-01-05\n2,y,2026-01-02,\n"
        r = self.learn(text, "--stages", "lead,MQL")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual([s["name"] for s in d["stages"]], ["lead", "MQL"])
        self.assertEqual((d["items"], d["open"]), (2, 2))
        self.assertEqual((d["stages"][0]["converted"], d["stages"][1]["entered"]), (1, 1))
        # --form wide without --stages: every other column is a stage, so
        # the note column is one and its cells are not dates
        r = self.learn(text + "3,,2026-01-01,\n", "--form", "wide")
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn(":2: the date is not a date", r.stderr)

    def test_stage_order_from_the_header_or_from_stages(self):
        text = ("id,mql,lead,won,lost\n"
                "1,2026-01-05,2026-01-01,2026-01-09,\n"
                "2,,2026-01-02,,2026-01-03\n")
        r = self.learn(text)  # header order: mql before lead, so item 1 is backwards
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn(":2: backwards dates", r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual([s["name"] for s in d["stages"]], ["mql", "lead"])
        r = self.learn(text, "--stages", "lead,mql")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual([s["name"] for s in d["stages"]], ["lead", "mql"])
        self.assertEqual([(s["entered"], s["converted"], s["lost"]) for s in d["stages"]],
                         [(2, 1, 1), (1, 1, 0)])

    def test_columns_map_id_amount_source_owner(self):
        text = ("Lead,Deal,Channel,Rep,Value,won,lost\n"
                "2026-01-01,9,web,ann,700,2026-01-04,\n")
        r = self.learn(text, "--column", "id=deal", "--column", "source=Channel",
                       "--column", "owner=rep", "--column", "amount=value")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual([s["name"] for s in d["stages"]], ["Lead"])
        self.assertEqual(d["sources"][0]["name"], "web")
        self.assertEqual(d["owners"][0]["won_revenue"], 700)

    def test_long_files_stay_long(self):
        r = self.learn("id,stage,date\na,lead,2026-01-01\na,won,2026-01-03\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["won"], 1)

    def test_headers_that_cannot_be_read_exit_2(self):
        cases = [
            ("id,stage,date,won\n", [],
             "the header fits both forms (column 2 names the stage of the long form, column 4 "
             "a date column of the wide form): say --form long or --form wide"),
            ("id,Stage,date,lead\n", ["--stages", "lead"],
             "the header fits both forms (column 2 names the stage of the long form, column 4 "
             "a date column of the wide form): say --form long or --form wide"),
            ("id,when,what\n", [],
             "the header has no column for the stage (stage, StageName, ...; or --column "
             "stage=NAME; or the wide form: a date column per stage, won and lost)"),
            ("id,lead,won\n", ["--stages", "lead,opp"],
             "the header has no date column for the stage 'opp' (the wide form: a date column "
             "per stage given)"),
            ("id,lead,Lead,won\n", [],
             "columns 2 and 3 of the header both name the date of one stage or outcome"),
            ("id,lead,won,closed won\n", [],
             "columns 3 and 4 of the header both name the date of one stage or outcome"),
            ("id,lead,,won\n", [],
             "column 3 of the header is not a stage name (the wide form takes each column but "
             "id, amount, source, owner, won and lost as a stage: give the stages with "
             "--stages)"),
            ("id," + ",".join("s%d" % i for i in range(33)) + ",won\n", [],
             "the header has more than 32 stage columns (the wide form takes each column but "
             "id, amount, source, owner, won and lost as a stage: give the stages with "
             "--stages)"),
            ("id,won,lost\n", [],
             "the header has no date column of a stage (the wide form: a date column per "
             "stage, won and lost)"),
            ("id,lead,won\n", ["--column", "date=lead"],
             "the wide form has a date column per stage, no stage or date column (--column "
             "stage= and date= are for the long form)"),
            ("lead,won\n", [],
             "the header has no column for the id (id, OpportunityId, ...; or --column id=NAME)"),
        ]
        for text, args, want in cases:
            path = self.file(text)
            r = run(["learn", path] + args)
            self.assertEqual(r.returncode, 2, (text, r.stderr))
            self.assertEqual(r.stdout, "")
            self.assertEqual(r.stderr, "funnelplan: %s:1: %s\n" % (path, want))

    def test_form_says_how_to_read_an_ambiguous_header(self):
        text = ("id,stage,date,won\n"
                "a,lead,2026-01-01,\n"
                "a,won,2026-01-05,\n")
        r = self.learn(text, "--form", "long")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["won"], 1)
        wide = ("id,stage,lead,won\n"
                "a,won,2026-01-01,2026-01-05\n")
        r = self.learn(wide, "--form", "wide", "--stages", "lead")
        self.assertEqual(r.returncode, 0, r.stderr)
        d = json.loads(r.stdout)
        self.assertEqual((d["won"], d["stages"][0]["name"]), (1, "lead"))
        r = run(["learn", self.file(wide), "--form", "Wide"])
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr,
                         "funnelplan: --form 'Wide': form must be auto, long or wide\n")


# A small wide history for the golden corpus (tests/golden): the --form
# lines in every format, and the two refusals of the form.
WIDE = ("id,lead,mql,opp,won,lost,amount\n"
        "a,2026-01-01,2026-01-05,2026-01-20,2026-02-01,,1000\n"
        "b,2026-01-02,2026-01-06,,,2026-01-30,\n"
        "c,2026-01-03,,,,2026-01-10,\n"
        "d,2026-01-04,2026-01-08,2026-01-25,,,\n"
        "e,2026-01-09,2026-01-12,2026-01-28,2026-02-10,,2500\n")


class TestFormLines(LearnCase):
    def test_wide_and_auto_read_the_small_wide_history_alike(self):
        path = self.file(WIDE, "wide.csv")
        for fmt in ("table", "csv", "json"):
            with self.subTest(format=fmt):
                wide = run(["learn", path, "--form", "wide", "--format", fmt])
                auto = run(["learn", path, "--form", "auto", "--format", fmt])
                self.assertEqual((wide.returncode, wide.stderr), (0, ""))
                self.assertEqual((auto.returncode, auto.stderr, auto.stdout),
                                 (0, "", wide.stdout))
        d = json.loads(run(["learn", path, "--form", "wide", "--format", "json"]).stdout)
        self.assertEqual([s["name"] for s in d["stages"]], ["lead", "mql", "opp"])
        self.assertEqual((d["items"], d["won"], d["lost"]), (5, 2, 2))
        lead, mql, opp = d["stages"]
        self.assertEqual((lead["entered"], lead["converted"]), (5, 4))
        self.assertEqual((mql["entered"], mql["converted"]), (4, 3))
        self.assertEqual((opp["entered"], opp["converted"], opp["open"]), (3, 2, 1))
        self.assertEqual(d["deal_size"]["mean"], 1750)

    def test_long_form_given_reads_the_long_history(self):
        path = self.file(HAND, "long.csv")
        for fmt in ("table", "csv", "json"):
            with self.subTest(format=fmt):
                given = run(["learn", path, "--form", "long", "--stages", "lead,opp",
                             "--format", fmt])
                self.assertEqual((given.returncode, given.stderr), (0, ""))
                self.assertEqual(given.stdout, run(["learn", path, "--stages", "lead,opp",
                                                    "--format", fmt]).stdout)
        d = json.loads(run(["learn", path, "--form", "long", "--stages", "lead,opp",
                            "--format", "json"]).stdout)
        self.assertEqual((d["items"], d["stages"][0]["rate"]), (4, 0.5))

    def test_the_two_refusals_of_the_form(self):
        both = self.file("id,stage,date,won\na,lead,2026-01-01,\n", "both.csv")
        r = run(["learn", both])
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr, "funnelplan: %s:1: the header fits both forms (column 2 "
                         "names the stage of the long form, column 4 a date column of the "
                         "wide form): say --form long or --form wide\n" % both)
        r = run(["learn", self.file(WIDE, "wide.csv"), "--form", "bogus"])
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr,
                         "funnelplan: --form 'bogus': form must be auto, long or wide\n")


if __name__ == "__main__":
    unittest.main()

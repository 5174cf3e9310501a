"""Tests of `funnelplan score`.

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) comes from
test_cli.py, as in test_channels.py. The reference is written here with
fractions.Fraction, from the definition in include/funnelplan/score.h and
notes/score_contract.md: score = 100 * sum(weight * answer) / sum(weight);
hot at a score >= the hot threshold, warm at >= warm, else cold;
sales-ready when every required criterion is fully met (with none
required: when hot); ranked by score (highest first), then sales-ready
first, then the line of the file. The files are made at random here (ids
with commas, quotes, line ends inside quotes and UTF-8; answers spelled
1/0/yes/no/50%/fractions), so they are not the files the C tests named.

A malformed row is reported on stderr as `funnelplan: FILE:LINE: MESSAGE`
and skipped (exit status 4), or with --strict ends the run (exit 2, nothing
on stdout). The bounded-memory test scores a 1,000,000-row file and holds
the program's peak resident memory under 64 MB.
"""

import csv
import heapq
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from fractions import Fraction as Fr

import test_cli as base
from test_cli import Whole, run

BANT = ["budget", "authority", "need", "timing"]

FAULT = {
    "fields": "not as many fields as the header",
    "quote": "a quote inside an unquoted field, or text after a closing quote",
    "unterminated": "a quoted field is not closed at the end of the file",
    "utf8": "not valid UTF-8 text (or a NUL byte)",
    "too_long": "the row is longer than 65536 bytes",
    "id": "the id is empty or longer than 256 bytes",
    "answer": "an answer is a number from 0 to 1 (or 0% to 100%), yes/no, y/n or true/false",
}


# --------------------------------------------------------------------------
# The reference


def parse_answer(text):
    """An answer as fpl_answer_parse reads the spellings used here."""
    t = text.strip(" \t")
    if t == "":
        return Fr(0)
    low = t.lower()
    if low in ("yes", "y", "true"):
        return Fr(1)
    if low in ("no", "n", "false"):
        return Fr(0)
    if t.endswith("%"):
        v = Fr(t[:-1]) / 100
    elif "/" in t:
        a, b = t.split("/")
        v = Fr(a) / Fr(b)
    else:
        v = Fr(t)
    assert 0 <= v <= 1, text
    return v


class Criteria:
    """[(name, weight, required)] and the thresholds."""

    def __init__(self, items, hot=Fr(75), warm=Fr(50)):
        self.items = [(n, Fr(w), bool(r)) for n, w, r in items]
        self.hot = Fr(hot)
        self.warm = Fr(warm)

    @staticmethod
    def bant():
        return Criteria([(n, 1, True) for n in BANT])

    def names(self):
        return [n for n, _, _ in self.items]

    def args(self):
        out = []
        for n, w, r in self.items:
            out += ["--criterion", "%s=%s%s" % (n, frac_text(w), ",required" if r else "")]
        return out

    def score(self, answers):
        """(score, band, sales_ready, missing) of a lead's answers (a list of
        Fractions in criteria order)."""
        total = sum(w for _, w, _ in self.items)
        score = 100 * sum(w * a for (_, w, _), a in zip(self.items, answers)) / total
        band = "hot" if score >= self.hot else "warm" if score >= self.warm else "cold"
        required = [a for (_, _, r), a in zip(self.items, answers) if r]
        ready = all(a == 1 for a in required) if required else band == "hot"
        missing = [n for (n, _, _), a in zip(self.items, answers) if a < 1]
        return score, band, ready, missing


def frac_text(x):
    x = Fr(x)
    return str(x.numerator) if x.denominator == 1 else repr(float(x))


def reference(criteria, leads, skipped=(), top=None, id_column="id"):
    """The JSON object of `score`: leads is [(line, id, answers)], skipped
    [(line, message)] in file order."""
    rows = []
    for line, lead_id, answers in leads:
        score, band, ready, missing = criteria.score(answers)
        rows.append((-score, not ready, line, lead_id, score, band, ready, missing))
    rows.sort(key=lambda r: r[:3])
    bands = {"hot": 0, "warm": 0, "cold": 0}
    for r in rows:
        bands[r[5]] += 1
    shown = rows if top is None else rows[:top]
    return {
        "command": "score",
        "criteria": [{"name": n, "weight": w, "required": r} for n, w, r in criteria.items],
        "hot": criteria.hot, "warm": criteria.warm, "id_column": id_column,
        "scored": Whole(len(rows)), "skipped": Whole(len(skipped)),
        "bands": {k: Whole(v) for k, v in bands.items()},
        "sales_ready": Whole(sum(1 for r in rows if r[6])),
        "rows": [{"rank": Whole(i + 1), "line": Whole(r[2]), "id": r[3], "score": r[4],
                  "band": r[5], "sales_ready": r[6], "missing": r[7]}
                 for i, r in enumerate(shown)],
        "skipped_rows": [{"line": Whole(l), "message": m} for l, m in list(skipped)[:100]],
    }


# --------------------------------------------------------------------------
# Random files


ID_PIECES = ["acme", "Müller GmbH", "東京 商事", "a,b", 'say "hi"', "multi\nline", " spaced ",
             "😀 emoji", "O'Brien & Co", "x;y", "tab\there", "ﬁne print", "ok"]

SPELLINGS = {
    Fr(0): ["0", "no", "No", "n", "FALSE", "", "0%", " 0 ", "0.0", "0/4"],
    Fr(1): ["1", "yes", "YES", "y", "true", "100%", " 1 ", "1.0", "4/4"],
    Fr(1, 2): ["50%", "1/2", "0.5", " 0.50 ", "2/4"],
    Fr(1, 4): ["25%", "0.25", "1/4"],
    Fr(3, 4): ["75%", "0.75", "3/4"],
    Fr(1, 3): ["1/3"],
    Fr(2, 3): ["2/3"],
    Fr(1, 10): ["10%", "0.1", "1/10"],
    Fr(9, 10): ["90%", "0.9"],
}
VALUES = list(SPELLINGS)


def field(text, force=False):
    if force or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class LeadFile:
    """A CSV file of leads made at random, and what the reference needs:
    the leads [(line, id, answers)] in file order."""

    def __init__(self, rng, criteria, n, id_column="id", extra=("notes", "owner"),
                 values=VALUES, crlf=None, blank_lines=True, bom=False, final_newline=True):
        names = criteria.names()
        columns = [id_column] + names + list(extra)
        rng.shuffle(columns)
        if crlf is None:
            crlf = rng.random() < 0.5
        eol = "\r\n" if crlf else "\n"
        parts = []
        line = 1
        header = ",".join(field(c, force=rng.random() < 0.2) for c in columns) + eol
        parts.append(("\ufeff" if bom else "") + header)
        line += header.count("\n")
        self.leads = []
        for i in range(n):
            if blank_lines and rng.random() < 0.05:
                parts.append(eol)
                line += 1
            lead_id = "%s %d" % (rng.choice(ID_PIECES), i) if rng.random() < 0.7 else \
                rng.choice(ID_PIECES)
            answers = {c: rng.choice(values) for c in names}
            cells = []
            for c in columns:
                if c == id_column:
                    cells.append(field(lead_id, force=rng.random() < 0.2))
                elif c in answers:
                    cells.append(field(rng.choice(SPELLINGS[answers[c]]),
                                       force=rng.random() < 0.2))
                else:
                    cells.append(field(rng.choice(["", "call back", "a, b", 'q"q', "é"])))
            text = ",".join(cells) + eol
            if i == n - 1 and not final_newline:
                text = text[:-len(eol)]
            self.leads.append((line, lead_id, [answers[c] for c in names]))
            parts.append(text)
            line += text.count("\n")
        self.text = "".join(parts)

    def write(self, path):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self.text)
        return path


# --------------------------------------------------------------------------


class ScoreTestCase(base.CliTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="funnelplan-score-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    def assertMatches(self, got, want, path="$"):
        if isinstance(want, bool):
            self.assertIs(got, want, path)
        else:
            super().assertMatches(got, want, path)

    def score(self, args, status=0, data=None):
        """(stdout text, stderr lines) of a run that must exit with status."""
        r = run(["score"] + list(args), input=data)
        err = r.stderr.decode("utf-8")
        self.assertEqual(r.returncode, status, "args %r: stderr %r" % (args, err[:2000]))
        return r.stdout.decode("utf-8"), err.splitlines()

    def score_json(self, args, status=0, data=None):
        out, err = self.score(list(args) + ["--format", "json"], status, data)
        return json.loads(out), err


class TestScoreAgainstReference(ScoreTestCase):
    def test_bant_preset_on_random_files(self):
        rng = random.Random(8101)
        bant = Criteria.bant()
        for k in range(6):
            f = LeadFile(rng, bant, rng.randint(1, 400), bom=k == 2, final_newline=k != 3)
            p = f.write(self.path("bant%d.csv" % k))
            args = ["--leads", p] + (["--criteria", "bant"] if k % 2 else [])
            with self.subTest(file=k):
                got, err = self.score_json(args)
                self.assertEqual(err, [])
                self.assertMatches(got, reference(bant, f.leads))

    def test_custom_criteria_and_thresholds_on_random_files(self):
        rng = random.Random(8102)
        for k in range(6):
            names = rng.sample(["budget", "fit", "urgency", "priorité", "champion", "need",
                                "size", "région", "stack"], rng.randint(1, 6))
            items = [(n, rng.choice([1, 2, 3, Fr(1, 2), Fr(5, 4), 10]), rng.random() < 0.4)
                     for n in names]
            warm = rng.choice([Fr(30), Fr(50), Fr(100, 3), Fr(60)])
            hot = rng.choice([warm, Fr(70), Fr(80), Fr(100)])
            hot = max(hot, warm)
            crit = Criteria(items, hot=hot, warm=warm)
            id_column = rng.choice(["id", "lead", "Lead ID", "clé"])
            f = LeadFile(rng, crit, rng.randint(50, 300), id_column=id_column)
            p = f.write(self.path("custom%d.csv" % k))
            args = ["--leads", p] + crit.args() + ["--id-column", id_column]
            args += ["--hot", frac_text(hot), "--warm", frac_text(warm)]
            with self.subTest(file=k, criteria=items, hot=hot, warm=warm):
                got, err = self.score_json(args)
                self.assertEqual(err, [])
                self.assertMatches(got, reference(crit, f.leads, id_column=id_column))

    def test_without_required_criteria_sales_ready_means_hot(self):
        crit = Criteria([("fit", 1, False), ("need", 3, False)])
        p = self.write("noreq.csv", "id,fit,need\na,1,1\nb,0,1\nc,1,0\nd,1/2,1\n")
        got, _ = self.score_json(["--leads", p] + crit.args())
        leads = [(2, "a", [Fr(1), Fr(1)]), (3, "b", [Fr(0), Fr(1)]), (4, "c", [Fr(1), Fr(0)]),
                 (5, "d", [Fr(1, 2), Fr(1)])]
        self.assertMatches(got, reference(crit, leads))
        self.assertEqual([(r["id"], r["score"], r["sales_ready"]) for r in got["rows"]],
                         [("a", 100, True), ("d", 87.5, True), ("b", 75, True),
                          ("c", 25, False)])

    def test_ties_rank_sales_ready_first_then_the_file_order(self):
        # Equal scores: the sales-ready lead first, then the earlier line.
        crit = Criteria([("budget", 1, True), ("fit", 1, False)])
        text = ("id,budget,fit\n"
                "late-fit,0,1\n"       # 50, not ready
                "early-budget,1,0\n"   # 50, ready
                "twin-1,1/2,1/2\n"     # 50, not ready
                "full,1,1\n"           # 100, ready
                "twin-2,50%,0.5\n"     # 50, not ready
                "late-budget,yes,no\n"  # 50, ready
                "half,1/2,1\n"         # 75 (hot by >=), not ready
                "half-2,1,1/2\n")      # 75, ready
        p = self.write("ties.csv", text)
        got, _ = self.score_json(["--leads", p] + crit.args())
        self.assertEqual([r["id"] for r in got["rows"]],
                         ["full", "half-2", "half", "early-budget", "late-budget", "late-fit",
                          "twin-1", "twin-2"])
        self.assertEqual([r["band"] for r in got["rows"]][:3], ["hot", "hot", "hot"])
        self.assertEqual(got["bands"], {"hot": 3, "warm": 5, "cold": 0})

    def test_ties_across_batches_keep_the_file_order(self):
        # 150,000 rows with few distinct scores: more than two batches of
        # 65,536 rows, merged from temporary files; the whole ranking (CSV)
        # against the reference.
        rng = random.Random(8103)
        crit = Criteria([("budget", 2, True), ("need", 1, True), ("fit", 1, False)])
        names = crit.names()
        lines = ["id,fit,budget,need\n"]
        leads = []
        spell = {Fr(0): "0", Fr(1, 2): "50%", Fr(1): "yes"}
        for i in range(150000):
            a = [rng.choice(list(spell)) for _ in names]
            leads.append((i + 2, "L%d" % i, a))
            lines.append("L%d,%s,%s,%s\n" % (i, spell[a[2]], spell[a[0]], spell[a[1]]))
        p = self.write("ties_big.csv", "".join(lines))
        out, err = self.score(["--leads", p, "--format", "csv"] + crit.args())
        self.assertEqual(err, [])
        want = reference(crit, leads)["rows"]
        got = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(got[0], ["rank", "line", "id", "score", "band", "sales_ready",
                                  "missing"])
        self.assertEqual(len(got), len(want) + 1)
        for g, w in zip(got[1:], want):
            self.assertEqual((int(g[0]), int(g[1]), g[2]), (w["rank"], w["line"], w["id"]))
            self.assertEqual(Fr(g[3]), w["score"])  # multiples of 12.5: exact
            self.assertEqual(g[4], w["band"])
            self.assertEqual(g[5], "true" if w["sales_ready"] else "false")
            self.assertEqual(g[6], ";".join(w["missing"]))

    def test_top_limits_the_rows_not_the_counts(self):
        rng = random.Random(8104)
        bant = Criteria.bant()
        f = LeadFile(rng, bant, 120)
        p = f.write(self.path("top.csv"))
        for top in (0, 1, 7, 120, 500):
            with self.subTest(top=top):
                got, _ = self.score_json(["--leads", p, "--top", str(top)])
                self.assertMatches(got, reference(bant, f.leads, top=top))
                self.assertEqual(got["scored"], 120)
                out, _ = self.score(["--leads", p, "--top", str(top), "--format", "csv"])
                self.assertEqual(len(list(csv.reader(io.StringIO(out, newline="")))),
                                 1 + min(top, 120))

    def test_csv_output_round_trips_through_the_csv_module(self):
        rng = random.Random(8105)
        bant = Criteria.bant()
        f = LeadFile(rng, bant, 300)
        p = f.write(self.path("round.csv"))
        out, _ = self.score(["--leads", p, "--format", "csv"])
        got = list(csv.reader(io.StringIO(out, newline="")))
        want = reference(bant, f.leads)["rows"]
        self.assertEqual(len(got), 301)
        for g, w in zip(got[1:], want):
            # commas, quotes and UTF-8 as they are; line ends, tabs and
            # backslashes escaped (the rule of the table: no control
            # character reaches a terminal raw)
            self.assertEqual(g[2], escaped(w["id"]))
            self.assertEqual(int(g[1]), w["line"])
            self.assertLessEqual(abs(Fr(g[3]) - w["score"]), Fr(1, 10**12) * w["score"])
        # Quoted exactly when needed (RFC 4180; a blank at either end too).
        self.assertEqual(out, "".join(",".join(csv_field(x) for x in row) + "\n"
                                      for row in got))
        self.assertIn('"say ""hi""', out)
        self.assertIn('multi\\nline', out)
        self.assertIn('tab\\there', out)
        self.assertNotIn('multi\nline', out)

    def test_table_lists_the_rows_and_the_counts(self):
        p = self.write("t.csv", 'id,budget,authority,need,timing\nacme,1,1,1,1\n'
                                '"multi\nline",1,1,1/2,1\nzed,0,0,0,no\nbad,2,1,1,1\n')
        out, err = self.score(["--leads", p], status=4)
        lines = out.splitlines()
        self.assertEqual(lines[0].split(), ["rank", "id", "score", "band", "sales-ready",
                                            "missing"])
        self.assertEqual(lines[1].split(), ["1", "acme", "100.0", "hot", "yes"])
        self.assertEqual(lines[2].split(), ["2", "multi\\nline", "87.5", "hot", "no", "need"])
        self.assertEqual(lines[3].split()[:5], ["3", "zed", "0.0", "cold", "no"])
        self.assertTrue(lines[3].endswith("budget, authority, need, timing"))
        self.assertEqual(lines[-1], "3 leads scored: 2 hot, 0 warm, 1 cold; 1 sales-ready; "
                                    "1 row skipped")
        self.assertEqual(len(err), 1)
        for line in lines:
            self.assertEqual(line, line.rstrip(), "trailing blanks")


class TestScoreWeightsAndDisplay(ScoreTestCase):
    """Weights of any size give the exact score; the table never shows a
    score across the threshold of the band beside it."""

    def test_weights_of_any_size(self):
        # (criteria, answers, the score in the CSV, band); before: 100 hot,
        # null cold, 0 cold
        for crit, answers, want, band in (
                (["a=1e307"], "0.5", "50", "warm"),
                (["a=9e307", "b=9e307"], "0.5,1", "75", "hot"),
                (["a=4e-324", "b=4e-324"], "0.5,0.5", "50", "warm"),
                (["a=1.7976931348623157e308", "b=4e-324"], "0.5,1", "50", "warm"),
                (["a=1e300", "b=1e-300", "c=1"], "1,1,0", "100", "hot")):
            with self.subTest(crit=crit):
                names = ",".join(c.split("=")[0] for c in crit)
                args = ["--leads", "-", "--format", "csv"]
                for c in crit:
                    args += ["--criterion", c]
                r = run(["score"] + args, input=("id,%s\nx,%s\n" % (names, answers)).encode())
                self.assertEqual(r.returncode, 0, r.stderr)
                line = r.stdout.decode().splitlines()[1].split(",")
                self.assertEqual(line[3:5], [want, band])

    def table_scores(self, answers, extra=()):
        data = "id,s\n" + "".join("l%d,%s\n" % (i, a) for i, a in enumerate(answers))
        r = run(["score", "--leads", "-", "--criterion", "s"] + list(extra),
                input=data.encode())
        self.assertEqual(r.returncode, 0, r.stderr)
        got = {}
        for line in r.stdout.decode().splitlines()[1:]:
            cells = line.split()
            if len(cells) >= 4 and cells[0].isdigit() and cells[1][1:].isdigit():
                got[answers[int(cells[1][1:])]] = (cells[2], cells[3])
        return got

    def test_a_rounded_score_stays_on_its_side_of_a_threshold(self):
        self.assertEqual(self.table_scores(["74.95%", "74.99%", "49.95%", "49.99%", "75%",
                                            "50%", "74.94%", "99.99%", "1", "0.875"]),
                         {"74.95%": ("74.9", "warm"), "74.99%": ("74.9", "warm"),
                          "49.95%": ("49.9", "cold"), "49.99%": ("49.9", "cold"),
                          "75%": ("75.0", "hot"), "50%": ("50.0", "warm"),
                          "74.94%": ("74.9", "warm"), "99.99%": ("99.9", "hot"),
                          "1": ("100.0", "hot"), "0.875": ("87.5", "hot")})

    def test_custom_thresholds(self):
        self.assertEqual(self.table_scores(["74.95%", "74.99%", "74.94%", "49.95%", "49.94%"],
                                           ["--hot", "74.95", "--warm", "49.95"]),
                         {"74.95%": ("75.0", "hot"), "74.99%": ("75.0", "hot"),
                          "74.94%": ("74.9", "warm"), "49.95%": ("50.0", "warm"),
                          "49.94%": ("49.9", "cold")})
        self.assertEqual(self.table_scores(["79.99%", "80%", "59.99%", "60%"],
                                           ["--hot", "80", "--warm", "60"]),
                         {"79.99%": ("79.9", "warm"), "80%": ("80.0", "hot"),
                          "59.99%": ("59.9", "cold"), "60%": ("60.0", "warm")})
        # thresholds closer than a tenth: as many decimals as the band needs
        self.assertEqual(self.table_scores(["80.03%", "80.049%", "80.05%", "80.01%",
                                            "80.009%"], ["--hot", "80.05", "--warm", "80.01"]),
                         {"80.03%": ("80.03", "warm"), "80.049%": ("80.04", "warm"),
                          "80.05%": ("80.1", "hot"), "80.01%": ("80.01", "warm"),
                          "80.009%": ("80.0", "cold")})


class TestScoreFiles(ScoreTestCase):
    def test_empty_file_has_no_header(self):
        for data in (b"", b"\n\n", b"\r\n"):
            with self.subTest(data=data):
                p = self.write("empty.csv", data)
                r = run(["score", "--leads", p, "--format", "json"])
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stdout, b"")
                self.assertEqual(r.stderr.decode(),
                                 "funnelplan: --leads '%s': the file has no header (it is "
                                 "empty or blank)\n" % p)

    def test_ids_never_reach_the_terminal_raw(self):
        # An escape sequence, a right-to-left override, an isolate, a mark, a
        # backslash and a quoted comma: the one rule of fpl_format_escaped in
        # the table and the CSV; the JSON keeps the text, as \u escapes.
        p = self.write("ids.csv", b'id,budget,authority,need,timing\n'
                                  b'"a\x1b[31mX",1,1,1,1\n'
                                  b'b\xe2\x80\xaecba,1,0,1,0\n'
                                  b'"c\\d,e\xe2\x81\xa6\xe2\x80\x8f",0,0,0,1\n')
        r = run(["score", "--leads", p])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(
            r.stdout,
            b"rank  id                              score  band  sales-ready  missing\n"
            b"   1  a\\x1B[31mX                      100.0  hot   yes\n"
            b"   2  b\\xE2\\x80\\xAEcba                 50.0  warm  no           authority, timing\n"
            b"   3  c\\\\d,e\\xE2\\x81\\xA6\\xE2\\x80\\x8F   25.0  cold  no           "
            b"budget, authority, need\n"
            b"\n"
            b"3 leads scored: 1 hot, 1 warm, 1 cold; 1 sales-ready; 0 rows skipped\n")
        r = run(["score", "--leads", p, "--format", "csv"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(
            r.stdout,
            b"rank,line,id,score,band,sales_ready,missing\n"
            b"1,2,a\\x1B[31mX,100,hot,true,\n"
            b"2,3,b\\xE2\\x80\\xAEcba,50,warm,false,authority;timing\n"
            b'3,4,"c\\\\d,e\\xE2\\x81\\xA6\\xE2\\x80\\x8F",25,cold,false,budget;authority;need\n')
        got, _ = self.score_json(["--leads", p])
        self.assertEqual([row["id"] for row in got["rows"]],
                         ["a\x1b[31mX", "b\u202ecba", "c\\d,e\u2066\u200f"])
        r = run(["score", "--leads", p, "--format", "json"])
        self.assertIn(b'"id": "b\\u202ecba"', r.stdout)
        self.assertNotIn(b"\xe2\x80\xae", r.stdout)

    def test_header_only_scores_nothing(self):
        for text in ("id,budget,authority,need,timing\n", "id,budget,authority,need,timing",
                     "\ufeffbudget,timing,need,authority,id,notes\r\n\r\n"):
            with self.subTest(text=text):
                p = self.write("header.csv", text)
                got, err = self.score_json(["--leads", p])
                self.assertEqual(err, [])
                self.assertMatches(got, reference(Criteria.bant(), []))
                out, _ = self.score(["--leads", p, "--format", "csv"])
                self.assertEqual(out, "rank,line,id,score,band,sales_ready,missing\n")

    def test_header_faults_exit_2_with_nothing_on_stdout(self):
        # Each names the column at fault (from 1), or the name without one.
        cases = [("id,budget,authority,need\n1,1,1,1\n", [],
                  "the header has no column named 'timing' (a criterion)"),
                 ("lead,budget,authority,need,timing\n", [],
                  "the header has no column named 'id' (the id column)"),
                 ("id,budget,authority,need,timing,id\n", [],
                  "columns 1 and 6 of the header both name 'id' (the id column; names "
                  "match in any case)"),
                 ("id,budget,budget,authority,need,timing\n", [],
                  "columns 2 and 3 of the header both name 'budget' (a criterion; names "
                  "match in any case)"),
                 ("ID,Budget,authority,NEED,timing,budget\n", [],
                  "columns 2 and 6 of the header both name 'budget' (a criterion; names "
                  "match in any case)"),
                 ("id,budget,authority,need,timing\n", ["--id-column", "lead"],
                  "the header has no column named 'lead' (the id column)"),
                 ('id,"budget,authority,need,timing\n', [],
                  "column 2 of the header is a quoted field not closed at the end of the "
                  "file"),
                 ('id,budget,authority,ne"ed,timing\n', [],
                  "column 4 of the header has a quote inside an unquoted field, or text "
                  "after a closing quote"),
                 ("id,budget,authority,need,timing," + ",".join(["x"] * 300) + "\n", [],
                  "the header has more than 256 columns"),
                 ("id,budget,\udcffx,authority,need,timing\n", [],
                  "column 3 of the header is not valid UTF-8 text (or holds a NUL byte)"),
                 ("id,budget,authority,need,timing," + "n" * 70000 + "\n", [],
                  "the header is longer than 65536 bytes (at column 6): is it a CSV file "
                  "with a line per lead?")]
        for text, extra, message in cases:
            with self.subTest(text=text[:60], extra=extra):
                p = self.write("h.csv", text.encode("utf-8", "surrogateescape"))
                r = run(["score", "--leads", p] + extra)
                self.assertEqual((r.returncode, r.stdout, r.stderr.decode()),
                                 (2, b"", "funnelplan: --leads '%s': %s\n" % (p, message)))

    def test_header_names_match_in_any_ascii_case(self):
        p = self.write("case.csv", "Lead ID,BUDGET,Authority,nEED,timing\nacme,1,1,0.5,yes\n")
        out, err = self.score(["--leads", p, "--id-column", "lead id", "--format", "csv"])
        self.assertEqual((out, err), ("rank,line,id,score,band,sales_ready,missing\n"
                                      "1,2,acme,87.5,hot,false,need\n", []))
        # beyond ASCII, byte for byte: É is not é
        p = self.write("e.csv", "id,\u00c9tape\nx,1\n")
        r = run(["score", "--leads", p, "--criterion", "\u00e9tape"])
        self.assertEqual((r.returncode, r.stderr.decode()),
                         (2, "funnelplan: --leads '%s': the header has no column named "
                             "'\u00e9tape' (a criterion)\n" % p))

    def test_criteria_differing_in_case_are_one_criterion_twice(self):
        r = run(["score", "--leads", "-", "--criterion", "need", "--criterion", "Need"],
                input=b"id,need,Need\nx,1,1\n")
        self.assertEqual((r.returncode, r.stdout), (2, b""))
        self.assertEqual(r.stderr.decode(), "funnelplan: --criterion 'Need': two criteria have "
                         "the same name (names match in any case)\n")

    def test_an_endless_header_stops_with_an_error(self):
        # 1 MiB of one header column through a pipe: refused once past the
        # longest header the reader holds, without waiting for a line end
        # (as `--leads /dev/zero` does).
        r = run(["score", "--leads", "-"], input=b"id," + b"x" * (1 << 20))
        self.assertEqual((r.returncode, r.stdout, r.stderr.decode()),
                         (2, b"", "funnelplan: --leads '-': the header is longer than 65536 "
                                  "bytes (at column 2): is it a CSV file with a line per "
                                  "lead?\n"))

    def test_closed_standard_output_is_blamed_not_a_temporary_file(self):
        # more rows than one batch (65536): the sort spills to temporary
        # files, which would take descriptor 1 with standard output closed
        rows = "".join("l%d,1,0.5,1,%d\n" % (i, i % 2) for i in range(70000))
        p = self.write("big.csv", "id,budget,authority,need,timing\n" + rows)
        for extra in ([], ["--top", "1"]):
            with self.subTest(extra=extra):
                r = run(["score", "--leads", p] + extra, stdout=None,
                        preexec_fn=lambda: os.close(1))
                self.assertEqual((r.returncode, r.stderr.decode()),
                                 (3, "funnelplan: cannot write output: Bad file descriptor\n"))

    def test_malformed_rows_are_reported_with_their_lines(self):
        long_row = '"' + "x" * 70000 + '",1,1,1,1\n'
        data = ("id,budget,authority,need,timing\n"     # 1
                "good-1,1,1,1,1\n"                      # 2
                "few,1,1\n"                             # 3
                "many,1,1,1,1,1\n"                      # 4
                "maybe,1,maybe,1,1\n"                   # 5 authority
                "over,1,1,150%,1\n"                     # 6 need
                "neg,1,1,1,-1\n"                        # 7 timing
                ",1,1,1,1\n"                            # 8 empty id
                + "L" * 257 + ",1,1,1,1\n"              # 9 id too long
                'a"b,1,1,1,1\n'                         # 10 quote
                '"ab"c,1,1,1,1\n'                       # 11 text after the quote
                ).encode() + b"\xff\xfe,1,1,1,1\n" + (  # 12 not UTF-8
                "good-2,1,0,1,1\n"                      # 13
                + long_row +                            # 14 too long
                '"good\n3",yes,yes,yes,no\n'            # 15-16
                "\n"                                    # 17 blank
                '"open,1,1,1,1\nmore').encode()        # 18 unterminated
        p = self.write("bad.csv", data)
        want_skipped = [(3, FAULT["fields"]), (4, FAULT["fields"]),
                        (5, "column 'authority': " + FAULT["answer"]),
                        (6, "column 'need': " + FAULT["answer"]),
                        (7, "column 'timing': " + FAULT["answer"]),
                        (8, FAULT["id"]), (9, FAULT["id"]), (10, FAULT["quote"]),
                        (11, FAULT["quote"]), (12, FAULT["utf8"]), (14, FAULT["too_long"]),
                        (18, FAULT["unterminated"])]
        leads = [(2, "good-1", [Fr(1)] * 4), (13, "good-2", [Fr(1), Fr(0), Fr(1), Fr(1)]),
                 (15, "good\n3", [Fr(1), Fr(1), Fr(1), Fr(0)])]
        got, err = self.score_json(["--leads", p], status=4)
        self.assertEqual(err, ["funnelplan: %s:%d: %s" % (p, l, m) for l, m in want_skipped])
        self.assertMatches(got, reference(Criteria.bant(), leads, skipped=want_skipped))
        for fmt in ("csv", "table"):
            out, err2 = self.score(["--leads", p, "--format", fmt], status=4)
            self.assertEqual(err2, err)
            self.assertIn("good-2", out)

    def test_strict_makes_the_first_fault_fatal(self):
        p = self.write("strict.csv", "id,budget,authority,need,timing\nok,1,1,1,1\n"
                                     "x,1,1,1,maybe\ny,1,1\n")
        for fmt in ("json", "csv", "table"):
            with self.subTest(fmt=fmt):
                r = run(["score", "--leads", p, "--strict", "--format", fmt])
                self.assertEqual(r.returncode, 2)
                self.assertEqual(r.stdout, b"")
                self.assertEqual(r.stderr.decode(), "funnelplan: %s:3: column 'timing': %s\n"
                                 % (p, FAULT["answer"]))
        # A clean file passes --strict with exit 0.
        q = self.write("clean.csv", "id,budget,authority,need,timing\nok,1,1,1,1\n")
        got, _ = self.score_json(["--leads", q, "--strict"])
        self.assertEqual(got["scored"], 1)

    def test_only_the_first_100_skipped_rows_are_listed(self):
        text = "id,budget,authority,need,timing\n" + "".join(
            "r%d,1,1,1,%s\n" % (i, "2" if i % 2 else "1") for i in range(300))
        p = self.write("many.csv", text)
        got, err = self.score_json(["--leads", p], status=4)
        self.assertEqual(got["skipped"], 150)
        self.assertEqual(got["scored"], 150)
        self.assertEqual(len(err), 150)
        self.assertEqual([s["line"] for s in got["skipped_rows"]],
                         [2 + i for i in range(300) if i % 2][:100])

    def test_standard_input(self):
        rng = random.Random(8106)
        f = LeadFile(rng, Criteria.bant(), 80)
        got, err = self.score_json(["--leads", "-"], data=f.text.encode("utf-8"))
        self.assertEqual(err, [])
        self.assertMatches(got, reference(Criteria.bant(), f.leads))
        _, err = self.score(["--leads", "-"], status=4,
                            data=b"id,budget,authority,need,timing\nx,1\n")
        self.assertEqual(err, ["funnelplan: stdin:2: " + FAULT["fields"]])

    def test_a_file_that_cannot_be_read(self):
        missing = self.path("missing.csv")
        self.assertRefused(["score", "--leads", missing], 2,
                           "funnelplan: --leads '%s': cannot read: " % missing)
        self.assertRefused(["score", "--leads", self.dir], 2, "cannot read: ")

    def test_output_that_cannot_be_written_exits_3(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full on this system")
        p = self.write("full.csv", "id,budget,authority,need,timing\nok,1,1,1,1\nbad,1\n")
        for fmt in ("json", "csv", "table"):
            with open("/dev/full", "wb") as full:
                r = run(["score", "--leads", p, "--format", fmt], stdout=full)
            self.assertEqual(r.returncode, 3, fmt)
            self.assertIn(b"funnelplan: cannot write output: ", r.stderr)


# --------------------------------------------------------------------------

ROW = "id,budget,authority,need,timing\nok,1,1,1,1\n"

# (arguments after --leads FILE, exit status, needles of the one stderr line)
BAD_OPTIONS = [
    (["--hot", "150"], 2, "--hot '150': ", "at most 100"),
    (["--hot", "0"], 2, "--hot '0': "),
    (["--hot", "-5"], 2, "--hot '-5': must not be negative"),
    (["--warm", "80"], 2, "--warm '80': ", "warm at most hot"),
    (["--hot", "40", "--warm", "60"], 2, "--warm '60': "),
    (["--hot", "40"], 2, "--hot '40': "),
    (["--warm", "x"], 2, "--warm 'x': "),
    (["--top", "1.5"], 2, "--top '1.5': top must be a whole number"),
    (["--top", "-1"], 2, "--top '-1': "),
    (["--top", "ten"], 2, "--top 'ten': "),
    (["--criteria", "spiced"], 2, "--criteria 'spiced': the preset is bant, bad, champ or meddic"),
    (["--criteria", "bant", "--criterion", "fit"], 2,
     "score: --criteria and --criterion cannot be given together"),
    (["--criterion", "fit=0"], 2, "--criterion 'fit=0': a criterion is NAME"),
    (["--criterion", "fit=-1,required"], 2, "--criterion 'fit=-1,required': "),
    (["--criterion", "fit=2,optional"], 2, "--criterion 'fit=2,optional': "),
    (["--criterion", "fit", "--criterion", "fit=2"], 2,
     "--criterion 'fit=2': two criteria have the same name (names match in any case)"),
    (["--criterion", ""], 2, "--criterion '': criterion name is empty"),
    (["--criterion", "fit", "--criterion", "=2,required"], 2,
     "--criterion '=2,required': criterion name is empty"),
    (["--criterion", "a\tb=2"], 2, "--criterion 'a\\tb=2': criterion name contains a control"),
    (["--criterion", "x" * 65], 2, "criterion name is longer than 64 bytes"),
    (["--warm", "0"], 2, "--warm '0': ", "warm at most hot"),
    (["--hot", "0", "--warm", "0"], 2, "--hot '0': "),
    (["--hot", "150", "--warm", "0"], 2, "--warm '0': "),
    (["--hot", "150", "--warm", "80"], 2, "--hot '150': "),
    (["--warm", "150"], 2, "--warm '150': "),
    (["--criterion", "fit"] * 33, 2, "--criterion 'fit': from 1 to 32 criteria"),
    (["--id-column", ""], 2, "--id-column '': "),
    (["--format", "svg"], 2, "score has no svg output"),
    (["--format", "xml"], 2, "--format 'xml': "),
    (["--strict=yes"], 2, "this option takes no value"),
    (["--stage", "lead=10%"], 2, "unknown option '--stage' for this command"),
    (["--mix", "lead=a:100%@1%"], 2, "unknown option '--mix' for this command"),
    (["--top", "1", "--top", "2"], 2, "--top '2': given more than once"),
    (["extra"], 2, "score: unexpected argument 'extra'"),
]


class TestScoreOptions(ScoreTestCase):
    def test_bad_options_are_refused(self):
        p = self.write("ok.csv", ROW)
        for extra, status, *needles in BAD_OPTIONS:
            with self.subTest(args=extra):
                self.assertRefused(["score", "--leads", p] + extra, status, *needles)

    def test_leads_is_required(self):
        self.assertRefused(["score"], 2, "score: --leads FILE is needed")
        self.assertRefused(["score", "--top", "3"], 2, "--leads FILE is needed")

    def test_help_lists_the_options_and_exit_status_4(self):
        out = self.ok(["score", "--help"])
        self.assertTrue(out.startswith("Usage: funnelplan score --leads FILE"), out)
        for opt in ("--leads", "--criteria", "--criterion", "--hot", "--warm", "--id-column",
                    "--strict", "--top", "--format", "--help"):
            self.assertIn("\n  " + opt, out)
        self.assertNotIn("\n  --stage", out)
        self.assertNotIn("\n  --per", out)
        self.assertIn("4 score only: some rows were skipped", out)
        self.assertIn("4 score only: some rows were skipped", self.ok(["--help"]))
        self.assertIn("  score  ", self.ok(["--help"]))

    def test_thresholds_and_weights_in_json(self):
        p = self.write("w.csv", "id,fit,need\na,1,1/3\n")
        got, _ = self.score_json(["--leads", p, "--criterion", "fit=1.5k",
                                  "--criterion", "need=2,required", "--hot", "90",
                                  "--warm", "1e1"])
        self.assertEqual(got["criteria"], [{"name": "fit", "weight": 1500, "required": False},
                                           {"name": "need", "weight": 2, "required": True}])
        self.assertEqual((got["hot"], got["warm"]), (90, 10))
        self.assertAlmostEqual(got["rows"][0]["score"], 100 * (1500 + 2 / 3) / 1502)


# --------------------------------------------------------------------------
# Presets, counted criteria and weights fitted to outcomes

# The presets as the guide lists them: (name, weight, required[, saturation]).
PRESET_TABLE = {
    "bant": [("budget", 1, True), ("authority", 1, True), ("need", 1, True),
             ("timing", 1, True)],
    "bad": [("need", 2, True), ("activity", 1, False, 10), ("social", 1, False)],
    "champ": [("challenges", 3, True), ("authority", 2, False), ("money", 1, False),
              ("prioritization", 2, False)],
    "meddic": [("metrics", 1, False), ("economic_buyer", 2, True),
               ("decision_criteria", 1, False), ("decision_process", 1, False),
               ("identify_pain", 2, True), ("champion", 2, True)],
}


def criteria_json(items):
    out = []
    for item in items:
        d = {"name": item[0], "weight": item[1], "required": item[2]}
        if len(item) > 3:
            d["saturation"] = item[3]
        out.append(d)
    return out


def auc_reference(won, lost):
    """(G + E/2) / (n_won n_lost) as a Fraction."""
    g = sum(1 for w in won for l in lost if w > l)
    e = sum(1 for w in won for l in lost if w == l)
    return (Fr(g) + Fr(e, 2)) / (len(won) * len(lost))


def synthetic_leads(rng, n, beta, open_every=13):
    """CSV text of BANT leads whose log-odds of winning are -1.5 + Σ beta·answer,
    with every open_every-th lead still open; and [(answers, won)] of the
    leads with an outcome, in file order."""
    import math
    lines = ["id,budget,authority,need,timing,stage"]
    leads = []
    for i in range(n):
        a = [rng.choice([Fr(0), Fr(1, 2), Fr(1)]) for _ in BANT]
        eta = -1.5 + sum(b * float(x) for b, x in zip(beta, a))
        won = rng.random() < 1 / (1 + math.exp(-eta))
        stage = "" if i % open_every == 0 else rng.choice(["won", "Won", " WON"]) if won \
            else rng.choice(["lost", "LOST"])
        lines.append("L%d,%s,%s" % (i, ",".join(str(float(x)) for x in a), stage))
        if stage:
            leads.append((a, won))
    return "\n".join(lines) + "\n", leads


class TestScoreQualification(ScoreTestCase):
    def test_presets_have_their_criteria_and_weights(self):
        for name, items in PRESET_TABLE.items():
            with self.subTest(preset=name):
                names = [i[0] for i in items]
                p = self.write(name + ".csv", "id," + ",".join(n.upper() for n in names) + "\n"
                               "a," + ",".join("10" if len(i) > 3 else "1" for i in items)
                               + "\n")
                got, _ = self.score_json(["--leads", p, "--criteria", name.upper()])
                self.assertEqual(got["criteria"], criteria_json(items))
                self.assertEqual(got["rows"][0]["score"], 100)
                self.assertIs(got["rows"][0]["sales_ready"], True)

    def test_bad_activity_is_a_count_scaled_by_the_saturation(self):
        rng = random.Random(41)
        for saturation in (None, 20, 3.5):
            lines = ["id,need,activity,social"]
            want = []
            sat = Fr(10) if saturation is None else Fr(saturation)
            for i in range(60):
                need = rng.choice([Fr(0), Fr(1, 2), Fr(1)])
                clicks = rng.choice([0, 1, 2, 3, 7, 10, 19, 20, 21, 250, ""])
                social = rng.choice([Fr(0), Fr(1, 4), Fr(1)])
                lines.append("l%d,%s,%s,%s" % (i, need, clicks, social))
                activity = min(Fr(clicks or 0) / sat, Fr(1))
                want.append(100 * (2 * need + activity + social) / 4)
            p = self.write("bad.csv", "\n".join(lines) + "\n")
            args = ["--leads", p, "--criteria", "bad"]
            if saturation is not None:
                args += ["--saturation", "activity=%s" % saturation]
            got, _ = self.score_json(args)
            self.assertEqual(got["criteria"][1]["saturation"], float(sat))
            by_line = {r["line"]: r["score"] for r in got["rows"]}
            for i, w in enumerate(want):
                self.assertMatches(by_line[i + 2], w, "line %d" % (i + 2))
        # a count that is not one is the row's fault, named by its column
        p = self.write("badc.csv", "id,need,activity,social\na,1,-1,1\nb,1,many,0\nc,1,1e400,0\n")
        out, err = self.score(["--leads", p, "--criteria", "bad"], 4)
        self.assertEqual(err, ["funnelplan: %s:%d: column 'activity': a count is a number of "
                               "0 or more (empty is 0)" % (p, line) for line in (2, 3, 4)])

    def test_fit_weights_and_the_areas_against_fractions(self):
        rng = random.Random(2024)
        beta = [2.5, 1.2, 0.4, -0.8]
        text, leads = synthetic_leads(rng, 3000, beta)
        p = self.write("hist.csv", text)
        saved = self.path("fitted.txt")
        got, err = self.score_json(["--leads", p, "--fit", "stage", "--save", saved])
        self.assertEqual(err, [])
        held = [lead for i, lead in enumerate(leads) if (i + 1) % 5 == 0]
        fitted = [lead for i, lead in enumerate(leads) if (i + 1) % 5 != 0]
        self.assertEqual(got["held_back"], {"every": 5, "won": sum(w for _, w in held),
                                            "lost": sum(not w for _, w in held)})
        self.assertEqual(got["fitted"], {"won": sum(w for _, w in fitted),
                                         "lost": sum(not w for _, w in fitted)})
        self.assertEqual(got["open"], len(range(0, 3000, 13)))
        self.assertEqual(got["preset"], "bant")
        self.assertEqual(got["outcome"], "stage")
        self.assertIs(got["converged"], True)
        weights = [c["weight"] for c in got["criteria"]]
        self.assertEqual([c["name"] for c in got["criteria"]], BANT)
        self.assertEqual(weights[0], 10)
        self.assertTrue(weights[0] > weights[1] > weights[2] > weights[3], weights)
        self.assertEqual(weights[3], 0.01)
        self.assertEqual([c["floored"] for c in got["criteria"]], [False, False, False, True])
        self.assertEqual([c["given_weight"] for c in got["criteria"]], [1, 1, 1, 1])

        def area(ws):
            def score(a):
                return sum(Fr(w) * x for w, x in zip(ws, a)) / sum(Fr(w) for w in ws)
            return auc_reference([score(a) for a, w in held if w],
                                 [score(a) for a, w in held if not w])
        self.assertEqual(got["auc"]["given"], float(area([1, 1, 1, 1])))
        self.assertEqual(got["auc"]["fitted"], float(area(weights)))
        self.assertGreater(got["auc"]["fitted"], got["auc"]["given"])
        # the options, printed and saved, read back to the fitted criteria
        want_options = ("# criteria fitted to the outcomes in column stage\n" + "".join(
            "--criterion %s=%s,required\n" % (n, repr(w).rstrip("0").rstrip(".")
                                               if isinstance(w, float) else w)
            for n, w in zip(BANT, weights)))
        self.assertEqual(got["options"], want_options)
        with open(saved, encoding="utf-8") as f:
            self.assertEqual(f.read(), want_options)
        again, _ = self.score_json(["--leads", p, "@" + saved])
        self.assertEqual(again["criteria"],
                         [{"name": n, "weight": w, "required": True}
                          for n, w in zip(BANT, weights)])
        # the table says the same
        table, _ = self.score(["--leads", p, "--fit", "stage"])
        self.assertIn("area under the ROC curve on the held-back leads: fitted %.4f, bant %.4f"
                      % (got["auc"]["fitted"], got["auc"]["given"]), table)
        self.assertTrue(table.endswith(want_options), table[-400:])
        self.assertIn("no positive effect", table.splitlines()[4])
        csv_text, _ = self.score(["--leads", p, "--fit", "stage", "--format", "csv"])
        self.assertEqual(csv_text.splitlines()[0], "name,weight,given_weight,required,coefficient")
        self.assertEqual(len(csv_text.splitlines()), 5)

    def test_the_guides_fit_example(self):
        # docs/guide.md, "Fitting the weights to outcomes": the history it
        # fits, drawn here as it was drawn for the guide.
        import math
        rng = random.Random(7)
        beta = {"budget": 2.5, "authority": 1.2, "need": 0.4, "timing": -0.8}
        lines = ["id,budget,authority,need,timing,stage"]
        for i in range(2000):
            a = {k: rng.choice([0, 0.5, 1]) for k in beta}
            eta = -1.5 + sum(beta[k] * a[k] for k in beta)
            won = rng.random() < 1 / (1 + math.exp(-eta))
            stage = "" if i % 17 == 0 else ("won" if won else "lost")
            lines.append("L%d,%s,%s,%s,%s,%s" % (i, a["budget"], a["authority"], a["need"],
                                                 a["timing"], stage))
        p = self.write("history.csv", "\n".join(lines) + "\n")
        guide = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                             "guide.md")
        with open(guide, encoding="utf-8") as f:
            text = f.read()
        start = text.index("    $ funnelplan score --leads history.csv --fit stage --save "
                           "fitted.txt\n")
        end = text.index("    $ funnelplan score --leads new-leads.csv @fitted.txt")
        block = text[start:end].split("\n")[1:]
        want = "\n".join(line[4:] for line in block).rstrip("\n") + "\n"
        saved = self.path("fitted.txt")
        out, err = self.score(["--leads", p, "--fit", "stage", "--save", saved])
        self.assertEqual(err, [])
        self.assertEqual(out, want)

    def test_fit_refusals(self):
        ok = "id,budget,authority,need,timing,stage\n" + "".join(
            "l%d,%d,1,1,%d,%s\n" % (i, i % 2, i % 3 == 0, "won" if i % 2 else "lost")
            for i in range(20))
        p = self.write("ok.csv", ok)
        won_only = self.write("won.csv", ok.replace("lost", "won"))
        cases = [
            (["--leads", p, "--fit", "result"], 2,
             "the header has no column named 'result' (the outcome column)"),
            (["--leads", p, "--fit", "ID"], 2,
             "--fit 'ID': the outcome column must not be the id column or a criterion"),
            (["--leads", p, "--fit", "need"], 2, "--fit 'need': the outcome column must not"),
            (["--leads", p, "--fit", ""], 2, "--fit '': "),
            (["--leads", won_only, "--fit", "stage"], 2,
             "--fit 'stage': needs both won and lost leads"),
            (["--leads", p, "--save", self.path("x")], 2, "--save needs --fit COLUMN"),
            (["--leads", p, "--fit", "stage", "--top", "3"], 2,
             "--top and --fit cannot be given together"),
            (["--leads", p, "--fit", "stage", "--save", self.path("no/such/dir")], 3,
             "--save '%s': cannot write" % self.path("no/such/dir")),
            (["--leads", p, "--saturation", "clicks=3"], 2,
             "--saturation 'clicks=3': a saturation is NAME=COUNT"),
            (["--leads", p, "--saturation", "need=0"], 2, "--saturation 'need=0': "),
            (["--leads", p, "--saturation", "need=nan"], 2, "--saturation 'need=nan': "),
            (["--leads", p, "--criterion", "x=1,saturation=-2"], 2,
             "--criterion 'x=1,saturation=-2': a saturation is NAME=COUNT"),
        ]
        for args, status, needle in cases:
            with self.subTest(args=args):
                self.assertRefused(["score"] + args, status, needle)
        # a row at fault: skipped (exit 4), or fatal with --strict
        bad = ok + "m,1,1,1,1,maybe\nn,nan,1,1,1,won\no,1e999,1,1,1,lost\np,1,1,1,1,\n"
        b = self.write("bad.csv", bad)
        got, err = self.score_json(["--leads", b, "--fit", "stage"], 4)
        self.assertEqual(err, [
            "funnelplan: %s:22: column 'stage': the outcome is won, lost, or empty for a lead "
            "still open" % b,
            "funnelplan: %s:23: column 'budget': " % b + FAULT["answer"],
            "funnelplan: %s:24: column 'budget': " % b + FAULT["answer"]])
        self.assertEqual((got["skipped"], got["open"]), (3, 1))
        self.assertRefused(["score", "--leads", b, "--fit", "stage", "--strict"], 2,
                           "%s:22: column 'stage': the outcome is won" % b)

# --------------------------------------------------------------------------


def escaped(text):
    """fpl_format_escaped's rule, written independently: a backslash, LF, CR
    and tab as two characters, every byte of any other control character
    (C0, DEL, C1) or bidirectional control as \\xNN."""
    pairs = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    unsafe = set(range(0x20)) | {0x7F} | set(range(0x80, 0xA0)) | {
        0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
    out = []
    for ch in text:
        if ch in pairs:
            out.append(pairs[ch])
        elif ord(ch) in unsafe:
            out.append("".join("\\x%02X" % b for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def csv_field(x):
    return '"' + x.replace('"', '""') + '"' if any(c in x for c in ',"\r\n') or \
        (x and (x[0] == " " or x[-1] == " ")) else x


# Run by a fresh, small Python: it starts the CLI and reports that child's
# own peak RSS (wait4). Measured from this test's process instead, the figure
# would include the pages the child shares with its (large) parent until it
# execs, since Linux keeps a process's peak across exec.
MEASURE = r"""
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write("\n%d\n" % usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_rss_kb(args):
    """Runs the CLI and returns (CompletedProcess, peak resident memory in
    KiB, seconds)."""
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-c", MEASURE, base.CLI] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=base.base_env(), timeout=120)
    err, _, rss = r.stderr.decode().rstrip("\n").rpartition("\n")
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout,
                                    err[:-1].encode() if err.endswith("\n") else err.encode())
    return r, int(rss), time.monotonic() - start


class TestScoreBoundedMemory(ScoreTestCase):
    ROWS = 1000000

    def test_one_million_rows_in_bounded_memory(self):
        if base.WRAPPER:
            self.skipTest("memory is measured on the program itself, not under a wrapper")
        # Every answer is a quarter; most leads answer at most 3/4, so the
        # best are the few planted above that (full marks, one 3/4), then
        # the 75s (every answer 3/4) in file order.
        rng = random.Random(8107)
        spell = [["0", "no"], ["1/4", "25%"], ["50%", "0.5"], ["3/4", "0.75"], ["1", "yes"]]
        n = self.ROWS
        quarters = rng.choices(range(4), k=4 * n)
        planted = rng.sample(range(n), 9)
        for i in planted[:5]:
            quarters[4 * i:4 * i + 4] = [4, 4, 4, 4]
        for k, i in enumerate(planted[5:]):
            quarters[4 * i:4 * i + 4] = [4, 4, 4, 4]
            quarters[4 * i + k % 4] = 3
        parts = ["id,budget,authority,need,timing\n"]
        for i in range(n):
            q = quarters[4 * i:4 * i + 4]
            parts.append("lead-%d,%s,%s,%s,%s\n" % (i, spell[q[0]][i & 1], spell[q[1]][(i >> 1) & 1],
                                                    spell[q[2]][(i >> 2) & 1],
                                                    spell[q[3]][(i >> 3) & 1]))
        p = self.path("big.csv")
        with open(p, "w", encoding="ascii") as f:
            f.write("".join(parts))
        del parts
        # The true top 10: score (in quarters), sales-ready, line.
        best = heapq.nsmallest(10, ((-sum(quarters[4 * i:4 * i + 4]),
                                     not all(x == 4 for x in quarters[4 * i:4 * i + 4]), i + 2)
                                    for i in range(n)))

        r, rss, secs = peak_rss_kb(["score", "--leads", p, "--format", "csv", "--top", "10"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, b"")
        rows = list(csv.reader(io.StringIO(r.stdout.decode(), newline="")))[1:]
        self.assertEqual(len(rows), 10)
        self.assertEqual([int(x[1]) for x in rows], [b[2] for b in best])
        self.assertEqual([float(x[3]) for x in rows], [-b[0] * 6.25 for b in best])
        self.assertEqual([x[2] for x in rows], ["lead-%d" % (b[2] - 2) for b in best])
        self.assertLess(rss, 64 * 1024, "peak RSS %d KiB" % rss)
        print("\n1,000,000 rows, --format csv --top 10: peak RSS %.1f MiB, %.2f s"
              % (rss / 1024, secs))

        r, rss, secs = peak_rss_kb(["score", "--leads", p, "--format", "json", "--top", "10"])
        self.assertEqual(r.returncode, 0, r.stderr)
        got = json.loads(r.stdout)
        self.assertEqual(got["scored"], n)
        self.assertEqual(got["skipped"], 0)
        self.assertEqual(got["sales_ready"], 5)
        self.assertEqual([x["line"] for x in got["rows"]], [b[2] for b in best])
        self.assertLess(rss, 64 * 1024, "peak RSS %d KiB" % rss)


if __name__ == "__main__":
    unittest.main()

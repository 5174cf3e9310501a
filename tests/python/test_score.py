# funnelplan — funnelplan.score() and Criteria: lead qualification from Python.
# SPDX-License-Identifier: MIT
"""``funnelplan.score()`` and :class:`funnelplan.Criteria` against an exact
reference (fractions.Fraction, fpl_score_support.py) on random CSV files and
leads the C tests did not name (quoted ids with commas, quotes and line
breaks, UTF-8, yes/no/50%/1/3 answers, blank lines, CRLF, a BOM, rows at
fault), the same file through every kind of source and chunking, ties,
strict, top, empty and huge values; ``to_dict()`` against the CLI's
``funnelplan score ... --format json``.
"""

import doctest
import io
import math
import os
import pathlib
import pickle
import random
import subprocess
import tempfile
import unittest
from fractions import Fraction as Fr

import fpl_score_support as ref
from fpl_support import cli_path, close
from test_cli import difference

import funnelplan as fp
from funnelplan import _score

SEED = 20270808
FILES = 14           # random files of 10 to 40 rows: about 350 leads
LEADS = 300          # random single leads through Criteria.score

HEADER = b"id,budget,authority,need,timing\n"


def load_tests(loader, tests, pattern):
    tests.addTests(doctest.DocTestSuite(_score))
    return tests


def random_case(seed):
    """(LeadsFile, Python kwargs, exact criteria, exact hot, exact warm, CLI args)."""
    rng = ref.rng_for(seed)
    spec, exact, cli = ref.random_criteria(rng)
    hot_text, warm_text, hot, warm = ref.random_thresholds(rng)
    id_column = rng.choice(("id", "id", "Lead ID", "e-mail", "won"))
    pool = None
    if rng.random() < 0.3:
        pool = rng.choice((("yes", "no"), ("1", "0", "50%"), ("1/2", "yes", "", "1/4")))
    lf = ref.LeadsFile(rng, exact, hot, warm, rng.randint(10, 40), id_column=id_column,
                       answer_pool=pool)
    kwargs = {"criteria": spec, "id_column": id_column}
    if hot_text is not None:
        kwargs["hot"] = hot_text
        kwargs["warm"] = warm_text
        cli = cli + ["--hot", hot_text, "--warm", warm_text]
    cli = cli + ["--id-column", id_column]
    return lf, kwargs, exact, hot, warm, cli


class Reference(unittest.TestCase):
    """Scores, bands, sales-readiness, missing criteria, ranking and faults
    against the exact reference."""

    def assertMatches(self, result, lf, exact, hot, warm, top=None, what=""):
        ranked = ref.ranked(lf.expected)
        scored = lf.scored
        skipped = lf.skipped
        self.assertEqual(result.scored, len(scored), what)
        self.assertEqual(result.skipped, len(skipped), what)
        self.assertEqual(result.hot, float(hot))
        self.assertEqual(result.warm, float(warm))
        self.assertEqual([(c.name, c.weight, c.required) for c in result.criteria],
                         [(n, float(w), r) for n, w, r in exact])
        bands = {b: sum(e.band == b for e in scored) for b in ("hot", "warm", "cold")}
        self.assertEqual(result.bands, fp.Bands(**bands), what)
        self.assertEqual(result.sales_ready, sum(e.ready for e in scored), what)
        want = ranked if top is None else ranked[:top]
        self.assertEqual(len(result.rows), len(want), what)
        for rank, (got, exp) in enumerate(zip(result.rows, want), 1):
            where = "%s rank %d line %d" % (what, rank, exp.line)
            self.assertEqual((got.rank, got.line, got.id), (rank, exp.line, exp.id), where)
            self.assertTrue(close(got.score, exp.score, 100), "%s: %r vs %s"
                            % (where, got.score, exp.score))
            self.assertEqual((got.band, got.sales_ready, got.missing),
                             (exp.band, exp.ready, exp.missing), where)
        self.assertEqual([(s.line, s.message) for s in result.skipped_rows],
                         [(e.line, e.message) for e in skipped[:100]], what)
        self.assertEqual([s.fault for s in result.skipped_rows],
                         [e.fault for e in skipped[:100]], what)

    def test_random_files(self):
        leads = 0
        for i in range(FILES):
            lf, kwargs, exact, hot, warm, _ = random_case(SEED + i)
            leads += len(lf.expected)
            with self.subTest(file=i):
                self.assertMatches(fp.score(lf.data, **kwargs), lf, exact, hot, warm,
                                   what="file %d" % i)
        self.assertGreaterEqual(leads, 300)

    def test_random_leads_one_at_a_time(self):
        rng = ref.rng_for(SEED)
        for i in range(LEADS):
            spec, exact, _ = ref.random_criteria(rng)
            hot_text, warm_text, hot, warm = ref.random_thresholds(rng)
            criteria = fp.Criteria(spec, hot=hot_text, warm=warm_text)
            texts, values = zip(*(ref.random_answer(rng) for _ in exact))
            want = ref.exact_score(exact, values, hot, warm)
            if rng.random() < 0.5:
                got = criteria.score(list(texts))
            else:
                got = criteria.score(dict(zip(criteria.names, texts)))
            with self.subTest(lead=i, answers=texts):
                self.assertTrue(close(got.score, want[0], 100), (got.score, want[0]))
                self.assertEqual((got.band, got.sales_ready, got.missing), want[1:])

    def test_ties_sales_ready_first_then_the_file(self):
        # a is required, b is not: (1, 1/2) and (1/2, 1) both score 75.
        data = (b"id,a,b\n"
                b"t1,1/2,1\n"      # 75, not ready
                b"t2,1,50%\n"      # 75, ready
                b"t3,yes,yes\n"    # 100, ready
                b"t4,0.5,1\n"      # 75, not ready
                b"t5,1,0.5\n"      # 75, ready
                b"t6,no,no\n")     # 0
        s = fp.score(data, ["a=1,required", "b"])
        self.assertEqual([r.id for r in s.rows], ["t3", "t2", "t5", "t1", "t4", "t6"])
        self.assertEqual([r.rank for r in s.rows], [1, 2, 3, 4, 5, 6])
        self.assertEqual([r.sales_ready for r in s.rows], [True, True, True, False, False, False])
        self.assertEqual(s.bands, fp.Bands(5, 0, 1))

    def test_the_library_decides_the_order(self):
        """0.1 + 0.2 is a hair above 0.3 in doubles: the raw scores differ, the
        library's grid of a billionth of a point ties them, so the earlier
        line comes first -- and the threshold of 10 is met by both."""
        data = b"id,a,b,c\ny,0.3,0,0\nx,0.1,0.2,0\n"
        s = fp.score(data, ["a", "b", "c"], hot=10, warm=5)
        x = fp.Criteria(["a", "b", "c"]).score([0.1, 0.2, 0])
        y = fp.Criteria(["a", "b", "c"]).score([0.3, 0, 0])
        self.assertNotEqual(x.score, y.score)  # the precondition
        self.assertEqual([r.id for r in s.rows], ["y", "x"])
        self.assertEqual([r.band for r in s.rows], ["hot", "hot"])
        self.assertEqual([r.sales_ready for r in s.rows], [True, True])  # none required: hot

    def test_bant_worked_example(self):
        s = fp.Criteria.bant().score({"budget": 1, "authority": 1, "need": 0.5, "timing": 1})
        self.assertEqual(s, fp.LeadScore(87.5, "hot", False, ("need",)))
        self.assertEqual(fp.Criteria.bant().score(["yes"] * 4),
                         fp.LeadScore(100.0, "hot", True, ()))
        self.assertEqual(fp.Criteria.bant().score([None, "", "  ", False]),
                         fp.LeadScore(0.0, "cold", False, ref.BANT))
        self.assertEqual(fp.Criteria.bant().score({}).score, 0.0)
        self.assertEqual(fp.Criteria.bant().score([1, 1, 0, 0]).band, "warm")  # 50 >= 50
        self.assertEqual(fp.Criteria.bant().score(["1", "0", "1/3", "0"]).band, "cold")


class Sources(unittest.TestCase):
    """The same file from every kind of source, and in chunks of every size,
    gives the same result."""

    def cases(self):
        for i in range(4):
            lf, kwargs, *_ = random_case(SEED + 100 + i)
            yield lf, kwargs

    def test_every_kind_of_source(self):
        with tempfile.TemporaryDirectory() as tmp:
            for k, (lf, kwargs) in enumerate(self.cases()):
                want = fp.score(lf.data, **kwargs).to_dict()
                path = os.path.join(tmp, "leads %d.csv" % k)
                with open(path, "wb") as f:
                    f.write(lf.data)
                sources = {"path str": lambda: path,
                           "pathlib": lambda: pathlib.Path(path),
                           "bytearray": lambda: bytearray(lf.data),
                           "memoryview": lambda: memoryview(lf.data),
                           "BytesIO": lambda: io.BytesIO(lf.data)}
                try:
                    text = lf.data.decode("utf-8")
                except UnicodeDecodeError:
                    text = None
                if text is not None:
                    sources["str"] = lambda: text
                    sources["StringIO"] = lambda: io.StringIO(text, newline="")
                for name, source in sources.items():
                    with self.subTest(file=k, source=name):
                        self.assertEqual(fp.score(source(), **kwargs).to_dict(), want)
                for mode in ("rb", "r"):
                    with self.subTest(file=k, source="open(%r)" % mode):
                        kw = ({} if mode == "rb" else
                              {"encoding": "utf-8", "errors": "surrogateescape", "newline": ""})
                        with open(path, mode, **kw) as f:
                            got = fp.score(f, **kwargs).to_dict()
                        if mode == "rb" or text is not None:
                            self.assertEqual(got, want)

    def test_every_chunk_and_buffer_size(self):
        saved = _score._CHUNK, _score._ROWS
        try:
            for k, (lf, kwargs) in enumerate(self.cases()):
                want = fp.score(lf.data, **kwargs).to_dict()
                for chunk, rows in ((1, 1), (2, 1), (7, 2), (64, 3), (1000, 1), (5, 1024)):
                    _score._CHUNK, _score._ROWS = chunk, rows
                    with self.subTest(file=k, chunk=chunk, rows=rows):
                        self.assertEqual(fp.score(io.BytesIO(lf.data), **kwargs).to_dict(), want)
        finally:
            _score._CHUNK, _score._ROWS = saved

    def test_a_str_without_a_line_break_is_a_path(self):
        with self.assertRaises(FileNotFoundError):
            fp.score("no such file.csv")
        with self.assertRaises(FileNotFoundError):
            fp.score(pathlib.Path("no/such/file.csv"))

    def test_refused_sources(self):
        for bad in (5, None, 1.5, ["id,budget"], object()):
            with self.subTest(source=bad), self.assertRaises(fp.FunnelTypeError) as cm:
                fp.score(bad)
            self.assertEqual(cm.exception.status, "FPL_ERR_CSV_HEADER")

    def test_a_file_opened_here_is_closed_after_a_refusal(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.csv")
            with open(path, "wb") as f:
                f.write(HEADER + b"a,1,1,1\n")
            with self.assertRaises(fp.FunnelError):
                fp.score(path, strict=True)
            os.remove(path)  # (on every system, only if closed)


class Faults(unittest.TestCase):

    def test_each_fault_and_its_line(self):
        data = (b"\xef\xbb\xbfid,budget,authority,need,timing,notes\r\n"
                b"ok1,1,1,1,1,\r\n"                        # 2
                b"\r\n"                                     # 3 blank
                b"few,1,1,1\r\n"                            # 4
                b"many,1,1,1,1,,x\r\n"                      # 5
                b'q"uote,1,1,1,1,\r\n'                      # 6
                b'"after"x,1,1,1,1,\r\n'                    # 7
                b"utf,1,1,1,1,\xff\r\n"                     # 8
                b",1,1,1,1,\r\n"                            # 9
                b'"",1,1,1,1,\r\n'                          # 10
                + b"L" * 257 + b",1,1,1,1,\r\n"            # 11
                + b"ans,1,1,2,1,\r\n"                       # 12
                b'"multi\nline",yes,yes,"1\n",1,\r\n'       # 13-15: answer "1\n"
                b"two,1,abc,1,-1,\r\n"                      # 16
                b"big,1,1,1,1," + b"z" * 70000 + b"\r\n"    # 17
                b"ok2,1,1,1,1,\r\n"                         # 18
                b'"open,1,1,1,1,\r\nmore\r\n')              # 19: never closed
        s = fp.score(data)
        self.assertEqual([(r.id, r.line) for r in s.rows], [("ok1", 2), ("ok2", 18)])
        want = [(4, "FPL_CSV_FIELDS", None), (5, "FPL_CSV_FIELDS", None),
                (6, "FPL_CSV_QUOTE", None), (7, "FPL_CSV_QUOTE", None),
                (8, "FPL_CSV_UTF8", None), (9, "FPL_CSV_ID", None), (10, "FPL_CSV_ID", None),
                (11, "FPL_CSV_ID", None), (12, "FPL_CSV_ANSWER", "need"),
                (13, "FPL_CSV_ANSWER", "need"), (16, "FPL_CSV_ANSWER", "authority"),
                (17, "FPL_CSV_TOO_LONG", None), (19, "FPL_CSV_UNTERMINATED", None)]
        self.assertEqual([(r.line, r.fault, r.column) for r in s.skipped_rows], want)
        self.assertEqual([r.message for r in s.skipped_rows],
                         [ref.fault_message(f, c) for _, f, c in want])
        self.assertEqual(s.skipped_rows[8].message, "column 'need': an answer is a number "
                         "from 0 to 1 (or 0% to 100%), yes/no, y/n or true/false")
        self.assertEqual(s.skipped_rows[0].message, "not as many fields as the header")
        self.assertIn("UTF-8", s.skipped_rows[4].message)
        self.assertEqual((s.scored, s.skipped), (2, 13))

    def test_strict_names_the_first_fault(self):
        for i in range(FILES):
            lf, kwargs, *_ = random_case(SEED + i)
            first = next((e for e in lf.expected if e.fault), None)
            with self.subTest(file=i):
                if first is None:
                    self.assertEqual(fp.score(lf.data, strict=True, **kwargs),
                                     fp.score(lf.data, **kwargs))
                    continue
                with self.assertRaises(fp.FunnelError) as cm:
                    fp.score(lf.data, strict=True, **kwargs)
                e = cm.exception
                self.assertEqual(e.line, first.line)
                self.assertEqual(e.fault, first.fault)
                self.assertEqual(e.status, "FPL_ERR_ANSWER" if first.fault == "FPL_CSV_ANSWER"
                                 else first.fault)
                self.assertEqual(str(e), "line %d: %s" % (first.line, first.message))
                self.assertTrue(e.is_input_error)
                self.assertEqual(pickle.loads(pickle.dumps(e)).status, e.status)

    def test_strict_names_the_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "leads.csv")
            with open(path, "wb") as f:
                f.write(HEADER + b"a,1,1,1,1\n\nb,1,yes,maybe,1\n")
            with self.assertRaises(fp.FunnelError) as cm:
                fp.score(path, strict=True)
            self.assertEqual(str(cm.exception), "%s:4: column 'need': an answer is a number "
                             "from 0 to 1 (or 0%% to 100%%), yes/no, y/n or true/false" % path)
            self.assertEqual(cm.exception.code, fp._native.STATUS["FPL_ERR_ANSWER"])
            self.assertEqual((cm.exception.field, cm.exception.index, cm.exception.line),
                             ("answer", 2, 4))
            with open(path, "rb") as f, self.assertRaises(fp.FunnelError) as cm:
                fp.score(f, strict=True)
            self.assertTrue(str(cm.exception).startswith("%s:4: " % path))

    def test_only_the_first_100_skipped_rows_are_listed(self):
        body = b"".join(b"r%d,1,1,%s,1\n" % (i, b"x" if i % 3 == 0 else b"1")
                        for i in range(1000))
        s = fp.score(HEADER + body)
        self.assertEqual(s.skipped, 334)
        self.assertEqual(s.scored, 666)
        self.assertEqual(len(s.skipped_rows), 100)
        self.assertEqual([r.line for r in s.skipped_rows], [2 + 3 * k for k in range(100)])
        self.assertEqual(len(s.to_dict()["skipped_rows"]), 100)

    def test_line_ends_cr_crlf_lf_and_blank_lines(self):
        data = b"id,a\rx,1\r\ny,0\n\n\r\n\rz,1/2"
        s = fp.score(data, ["a"])
        self.assertEqual([(r.id, r.line) for r in s.rows], [("x", 2), ("z", 7), ("y", 3)])
        s = fp.score(b"\n\r\nid,a\nx,1\n", ["a"])  # blank lines before the header
        self.assertEqual([(r.id, r.line) for r in s.rows], [("x", 4)])

    def test_quoted_ids_keep_every_byte(self):
        ids = ['a,b', 'say "hi"', "two\nlines", "cr\r\nlf", " padded ", "ü商🙂", "x" * 256,
               "=1+1", "'", '""', ","]
        body = b"".join(b'"%s",1,1,1,1\n' % i.encode().replace(b'"', b'""') for i in ids)
        s = fp.score(HEADER + body)
        self.assertEqual([r.id for r in s.rows], ids)
        self.assertEqual(s.skipped, 0)

    def test_header_faults(self):
        for data in (b"", b"\n\r\n\n", b"name,budget,authority,need,timing\nx,1,1,1,1\n",
                     b"id,budget,authority,need\nx,1,1,1\n",
                     b"id,budget,authority,need,timing,budget\nx,1,1,1,1,1\n",
                     b"id,id,budget,authority,need,timing\n",
                     b"id,budget,authority,need,timing,\xff\n",
                     b'id,budget,authority,need,"timing\n',
                     b"id,budget,authority,need,tim\"ing\n",
                     b",".join(b"c%d" % k for k in range(300)) + b"," + HEADER,
                     b"ID,Budget,Authority,Need,Timing,BUDGET\n",
                     b"id," + b"x" * 100000):
            with self.subTest(data=data[:60]), self.assertRaises(fp.FunnelError) as cm:
                fp.score(data)
            self.assertEqual(cm.exception.status, "FPL_ERR_CSV_HEADER")
            self.assertEqual(cm.exception.field, "leads")
        # the library's words, naming the column at fault (from 1)
        for data, fault, message in (
                (b"", "NONE", "the file has no header (it is empty or blank)"),
                (b"name,budget,authority,need,timing\nx,1,1,1,1\n", "MISSING",
                 "the header has no column named 'id' (the id column)"),
                (b"id,budget,authority,need\nx,1,1,1\n", "MISSING",
                 "the header has no column named 'timing' (a criterion)"),
                (b"id,budget,authority,need,timing,Budget\n", "TWICE",
                 "columns 2 and 6 of the header both name 'budget' (a criterion; names match "
                 "in any case)"),
                (b"id,Id,budget,authority,need,timing\n", "TWICE",
                 "columns 1 and 2 of the header both name 'id' (the id column; names match "
                 "in any case)"),
                (b"id,budget,authority,need,timing,\xff\n", "UTF8",
                 "column 6 of the header is not valid UTF-8 text (or holds a NUL byte)"),
                (b'id,budget,authority,need,"timing\n', "UNTERMINATED",
                 "column 5 of the header is a quoted field not closed at the end of the file"),
                (b"id,budget,authority,need,tim\"ing\n", "QUOTE",
                 "column 5 of the header has a quote inside an unquoted field, or text after "
                 "a closing quote"),
                (b",".join(b"c%d" % k for k in range(300)) + b"," + HEADER, "COLUMNS",
                 "the header has more than 256 columns"),
                (b"id," + b"x" * 100000, "LONG",
                 "the header is longer than 65536 bytes (at column 2): is it a CSV file with "
                 "a line per lead?")):
            with self.subTest(data=data[:40]), self.assertRaises(fp.FunnelError) as cm:
                fp.score(data)
            self.assertEqual((str(cm.exception), cm.exception.fault),
                             ("leads: " + message, "FPL_CSV_HEADER_" + fault))

    def test_header_names_match_in_any_ascii_case(self):
        s = fp.score(b"Lead ID,BUDGET,Authority,nEED,timing\nacme,1,1,0.5,yes\n",
                     id_column="lead id")
        self.assertEqual([(r.id, r.score, r.band, r.missing) for r in s.rows],
                         [("acme", 87.5, "hot", ("need",))])
        # beyond ASCII, byte for byte: \u00c9 is not \u00e9
        with self.assertRaises(fp.FunnelError) as cm:
            fp.score("id,\u00c9tape\nx,1\n".encode(), criteria=["\u00e9tape"])
        self.assertEqual(str(cm.exception),
                         "leads: the header has no column named '\u00e9tape' (a criterion)")
        # criteria that differ only in case are one criterion given twice
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Criteria(["need", "Need"])
        self.assertEqual(cm.exception.status, "FPL_ERR_CRITERION_DUPLICATE")
        self.assertEqual(cm.exception.index, 1)

    def test_an_endless_header_stops(self):
        # a file object that never ends and never breaks a line (as
        # /dev/zero): refused once the header cannot be valid
        class Endless(io.RawIOBase):
            given = 0

            def readable(self):
                return True

            def readinto(self, b):
                b[:] = b"\0" * len(b)
                Endless.given += len(b)
                if Endless.given > 1 << 24:
                    raise AssertionError("read on past the header's limit")
                return len(b)
        with self.assertRaises(fp.FunnelError) as cm:
            fp.score(Endless())
        self.assertEqual((cm.exception.status, cm.exception.fault, cm.exception.index),
                         ("FPL_ERR_CSV_HEADER", "FPL_CSV_HEADER_LONG", 0))
        self.assertLessEqual(Endless.given, 2 * 65536)

    def test_header_faults_say_the_column_and_line(self):
        # (file, the column at fault or None, the header's line or None)
        for data, column, line in (
                (b"", None, None), (b"\n\n", None, None),
                (b"name,budget,authority,need,timing\n", None, 1),
                (b"\r\n\nid,budget,authority,need\nx,1,1,1\n", None, 3),
                (b"id,budget,authority,need,timing,budget\n", 5, 1),
                (b"id,id,budget,authority,need,timing\n", 1, 1),
                (b"id,budget,authority,need,timing,\xff\n", 5, 1),
                (b'id,budget,authority,need,"timing\n', 4, 1),
                (b",".join(b"c%d" % k for k in range(300)) + b"," + HEADER, 256, 1)):
            with self.subTest(data=data[:40]), self.assertRaises(fp.FunnelError) as cm:
                fp.score(data)
            self.assertEqual((cm.exception.field, cm.exception.index, cm.exception.line),
                             ("leads", column, line))

    def test_empty_and_header_only(self):
        for data in (HEADER, HEADER.rstrip(b"\n"), HEADER + b"\n\n", "id,budget,authority,"
                     "need,timing\r\n"):
            with self.subTest(data=data):
                s = fp.score(data)
                self.assertEqual((s.scored, s.skipped, s.rows, s.skipped_rows),
                                 (0, 0, (), ()))
                self.assertEqual(s.to_dict()["bands"], {"hot": 0, "warm": 0, "cold": 0})

    def test_huge_values(self):
        data = (HEADER + b"a,1e308,1,1,1\n" + b"b,1e-400,1,1,1\n"
                + b"c,99999999999999999999%,1,1,1\n"
                + b"d,0." + b"0" * 500 + b",1,1,1\n" + b"d2,0." + b"0" * 500 + b"1,1,1,1\n"
                + b"e," + b"1" * 70000 + b",1,1,1\n" + b"f,1/" + b"9" * 400 + b",1,1,1\n"
                + b"g,0/1,1,1,1\n")
        s = fp.score(data)
        self.assertEqual([(r.line, r.fault) for r in s.skipped_rows],
                         [(2, "FPL_CSV_ANSWER"), (3, "FPL_CSV_ANSWER"), (4, "FPL_CSV_ANSWER"),
                          (6, "FPL_CSV_ANSWER"), (7, "FPL_CSV_TOO_LONG"),
                          (8, "FPL_CSV_ANSWER")])  # 1e-501 rounds to 0: refused
        self.assertEqual([(r.id, r.line, r.score) for r in s.rows],
                         [("d", 5, 75.0), ("g", 9, 75.0)])

    def test_many_rows_stream(self):
        rows = 30000
        body = b"".join(b"lead%d,%d/4,yes,%s,1\n" % (i, i % 5, b"no" if i % 7 else b"y")
                        for i in range(rows))
        s = fp.score(HEADER + body, top=5)
        self.assertEqual(s.scored, rows)
        self.assertEqual(len(s.rows), 5)
        # Score 100 only with budget 4/4 and need y: i % 5 == 4 and i % 7 == 0.
        want = [i for i in range(rows) if i % 5 == 4 and i % 7 == 0][:5]
        self.assertEqual([r.id for r in s.rows], ["lead%d" % i for i in want])
        self.assertEqual(s.sales_ready, len([i for i in range(rows) if i % 5 == 4 and
                                             i % 7 == 0]))


def _weight(rng):
    """A random finite positive double over the whole range, subnormals
    and the extremes included."""
    pick = rng.random()
    if pick < 0.1:
        return rng.choice((5e-324, 1e-323, 2.2250738585072014e-308, 1.7976931348623157e308,
                           9e307, 1e307, 1.0))
    if pick < 0.2:  # a subnormal
        return rng.randint(1, 2 ** 52 - 1) * 5e-324
    return math.ldexp(1 + rng.random(), rng.randint(-1022, 1023))


class Weights(unittest.TestCase):
    """Scores against the exact score (fractions) for weights of any finite
    positive size: never NaN, never out of [0, 100], within the rounding of
    the formula's sums."""

    def assertExact(self, weights, answers, what):
        c = fp.Criteria([("c%d" % i, w) for i, w in enumerate(weights)])
        held = [k.weight for k in c.criteria]
        self.assertEqual(held, weights, what)  # the text round trip is exact
        got = c.score(answers)
        exact = (100 * sum(Fr(w) * Fr(a) for w, a in zip(held, answers))
                 / sum(Fr(w) for w in held))
        n = len(weights)
        # the sums of the scaled weights round n times each, the product and
        # the quotient once: (2n + 2) units of 2^-53 of a score below 100
        bound = Fr(100 * (2 * n + 2), 2 ** 53)
        self.assertFalse(math.isnan(got.score), what)
        self.assertTrue(0 <= got.score <= 100, what)
        self.assertLessEqual(abs(Fr(got.score) - exact), bound, what)
        # the band is the exact score's, except within a billionth of a line
        key = round(exact * 10 ** 9)
        if abs(key - 75 * 10 ** 9) > 1 and abs(key - 50 * 10 ** 9) > 1:
            band = ("hot" if key >= 75 * 10 ** 9 else "warm" if key >= 50 * 10 ** 9
                    else "cold")
            self.assertEqual(got.band, band, what)
        return got

    def test_the_issue_s_cases(self):
        self.assertEqual(self.assertExact([1e307], [0.5], "1e307").score, 50.0)
        s = self.assertExact([9e307, 9e307], [0.5, 1], "9e307 twice")
        self.assertEqual((s.score, s.band), (75.0, "hot"))
        s = self.assertExact([5e-324, 5e-324], [0.5, 0.5], "4e-324 twice")
        self.assertEqual((s.score, s.band), (50.0, "warm"))
        s = fp.Criteria([("a", "1e307")]).score(["yes"])
        self.assertEqual((s.score, s.band), (100.0, "hot"))

    def test_random_weights_over_the_whole_range(self):
        rng = random.Random(SEED + 15)
        for k in range(400):
            n = rng.randint(1, 32)
            weights = [_weight(rng) for _ in range(n)]
            answers = [rng.choice((0, 1, 0.5, 0.25, rng.random())) for _ in range(n)]
            self.assertExact(weights, answers, "case %d: %r %r" % (k, weights, answers))

    def test_ordinary_weights_give_the_formula_s_bits(self):
        rng = random.Random(SEED + 16)
        for _ in range(200):
            n = rng.randint(1, 8)
            weights = [rng.choice((1, 2, 3, 0.5, 0.1, 0.3, 7.25, 1e3)) for _ in range(n)]
            answers = [rng.choice((0, 1, 0.5, 0.1, 1 / 3)) for _ in range(n)]
            total = got = 0.0
            for w, a in zip(weights, answers):  # the formula, in the order of C
                total += w
                got += w * a
            want = min(100.0 * got / total, 100.0)
            for scale in (1.0, 2.0 ** 900, 2.0 ** -900):
                scaled = [w * scale for w in weights]
                s = fp.Criteria([("c%d" % i, w) for i, w in enumerate(scaled)]).score(answers)
                self.assertEqual(s.score, want, (weights, answers, scale))


class FieldsAndMarks(unittest.TestCase):
    """UTF-8 is checked field by field, and a byte-order mark is skipped even
    before a quoted first header field (both once missed by the library)."""

    def test_utf8_is_checked_field_by_field(self):
        # "ab\xc3" and "\xa9" are each invalid, though joined they make "abé".
        s = fp.score(b"id,notes,budget,authority,need,timing\nab\xc3,\xa9,1,1,1,1\n")
        self.assertEqual([r.fault for r in s.skipped_rows], ["FPL_CSV_UTF8"])

    def test_a_bom_before_a_quoted_header_is_skipped(self):
        s = fp.score(b'\xef\xbb\xbf"id",budget,authority,need,timing\nx,1,1,1,1\n')
        self.assertEqual(s.scored, 1)


class BoundedTop(unittest.TestCase):
    """With top, rows are cut to the best top as they come (every 2 * top +
    4096 rows): the rows kept are those of the full ranking, ties included."""

    def test_top_over_many_prunes_equals_the_full_ranking(self):
        rng = random.Random(SEED + 11)
        answers = ("1", "0", "yes", "no", "50%", "1/4", "")
        lines = ["id,budget,authority,need,timing"]
        for i in range(20000):
            lines.append("L%d,%s" % (i, ",".join(rng.choice(answers) for _ in range(4))))
        data = ("\n".join(lines) + "\n").encode()
        full = fp.score(data)
        for top in (0, 1, 7, 50):
            with self.subTest(top=top):
                part = fp.score(data, top=top)
                self.assertEqual(part.rows, full.rows[:top])
                self.assertEqual((part.scored, part.bands, part.sales_ready),
                                 (full.scored, full.bands, full.sales_ready))


class Arguments(unittest.TestCase):

    def test_top(self):
        lf, kwargs, *_ = random_case(SEED + 3)
        full = fp.score(lf.data, **kwargs)
        for top, n in ((0, 0), (1, 1), (3, 3), ("2", 2), (2.0, 2), (10 ** 30, len(full.rows))):
            with self.subTest(top=top):
                s = fp.score(lf.data, top=top, **kwargs)
                self.assertEqual(s.rows, full.rows[:n])
                self.assertEqual((s.scored, s.skipped, s.bands, s.sales_ready, s.skipped_rows),
                                 (full.scored, full.skipped, full.bands, full.sales_ready,
                                  full.skipped_rows))
        for top, status in ((-1, "FPL_ERR_PARSE_NEGATIVE"), (1.5, "FPL_ERR_PARSE_SYNTAX"),
                            ("abc", "FPL_ERR_PARSE_SYNTAX"), (float("nan"), "FPL_ERR_PARSE_SYNTAX"),
                            (float("inf"), "FPL_ERR_PARSE_SYNTAX"), ("", "FPL_ERR_PARSE_EMPTY"),
                            (True, "FPL_ERR_PARSE_SYNTAX")):
            with self.subTest(top=top), self.assertRaises(fp.FunnelError) as cm:
                fp.score(lf.data, top=top, **kwargs)
            self.assertEqual(cm.exception.status, status)

    def test_id_column(self):
        data = b"Lead ID,won,budget,authority,need,timing\nx,1,1,1,1,1\n"
        self.assertEqual(fp.score(data, id_column="Lead ID").rows[0].id, "x")
        self.assertEqual(fp.score(data, id_column="won").rows[0].id, "1")  # reserved words too
        self.assertEqual(fp.score(data, id_column="Lead ID").id_column, "Lead ID")
        for bad, status in (("", "FPL_ERR_STAGE_NAME_EMPTY"),
                            ("a\nb", "FPL_ERR_STAGE_NAME_CONTROL"),
                            ("x" * 65, "FPL_ERR_STAGE_NAME_LONG"),
                            (b"\xff", "FPL_ERR_STAGE_NAME_UTF8"), (5, "FPL_ERR_STAGE_NAME_UTF8"),
                            (None, "FPL_ERR_STAGE_NAME_UTF8")):
            with self.subTest(id_column=bad), self.assertRaises(fp.FunnelError) as cm:
                fp.score(data, id_column=bad)
            self.assertEqual(cm.exception.status, status)
        with self.assertRaises(TypeError):
            fp.score(data, id_column="Lead ID", strict="yes")

    def test_criteria_forms(self):
        a = fp.Criteria(["budget=2,required", ("need", 1.5), ("x=y", "2.5k", True),
                         fp.Criterion("z"), ("w",), ("won", 3)])
        self.assertEqual(a.criteria, (fp.Criterion("budget", 2.0, True),
                                      fp.Criterion("need", 1.5, False),
                                      fp.Criterion("x=y", 2500.0, True),
                                      fp.Criterion("z", 1.0, False), fp.Criterion("w", 1.0, False),
                                      fp.Criterion("won", 3.0, False)))
        self.assertEqual((a.hot, a.warm), (75.0, 50.0))
        b = fp.Criteria([("budget", 2, True), "need=1.5", "x=y=2_500,required", "z", "w=1",
                         "won=3"])
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        self.assertEqual(pickle.loads(pickle.dumps(a)), a)
        self.assertEqual(eval(repr(a), {"Criteria": fp.Criteria}), a)
        bant = fp.Criteria.bant(hot="80", warm=60)
        self.assertEqual(bant.names, ref.BANT)
        self.assertTrue(all(c.weight == 1 and c.required for c in bant.criteria))
        self.assertEqual((bant.hot, bant.warm), (80.0, 60.0))
        self.assertEqual(fp.Criteria("bant"), fp.Criteria.bant())
        self.assertEqual(fp.Criteria(bant, hot=90).hot, 90.0)
        self.assertEqual(fp.Criteria(bant, hot=90).warm, 60.0)
        self.assertEqual(fp.score(HEADER, bant).to_dict()["hot"], 80.0)
        self.assertEqual(fp.score(HEADER, bant, warm=70).to_dict()["warm"], 70.0)
        self.assertEqual(len(fp.Criteria(["c%d" % k for k in range(32)])), 32)
        self.assertEqual(bant.to_dict(), [{"name": n, "weight": 1.0, "required": True}
                                          for n in ref.BANT])

    def test_refused_criteria(self):
        cases = [
            ([], "FPL_ERR_CRITERION_COUNT"), (["c%d" % k for k in range(33)],
                                              "FPL_ERR_CRITERION_COUNT"),
            (None, "FPL_ERR_CRITERION_COUNT"),
            (["a", "a"], "FPL_ERR_CRITERION_DUPLICATE"),
            (["a", ("a", 2)], "FPL_ERR_CRITERION_DUPLICATE"),
            (["a=0"], "FPL_ERR_CRITERION"), (["a=-1"], "FPL_ERR_CRITERION"),
            (["a=nan"], "FPL_ERR_CRITERION"), (["a=inf"], "FPL_ERR_CRITERION"),
            (["a="], "FPL_ERR_CRITERION"), (["a=x"], "FPL_ERR_CRITERION"),
            (["a=1,optional"], "FPL_ERR_CRITERION"),
            ([("a", 0)], "FPL_ERR_CRITERION"), ([("a", -2.5)], "FPL_ERR_CRITERION"),
            ([("a", float("nan"))], "FPL_ERR_CRITERION"),
            ([("a", float("inf"))], "FPL_ERR_CRITERION"), ([("a", 10 ** 400)], "FPL_ERR_CRITERION"),
            ([("a", "")], "FPL_ERR_CRITERION"), ([("a", 1e-400)], "FPL_ERR_CRITERION"),
            ([""], "FPL_ERR_STAGE_NAME_EMPTY"), (["=2"], "FPL_ERR_STAGE_NAME_EMPTY"),
            (["x" * 65], "FPL_ERR_STAGE_NAME_LONG"), (["a\tb"], "FPL_ERR_STAGE_NAME_CONTROL"),
            ([b"\xff"], "FPL_ERR_STAGE_NAME_UTF8"), (["\udc80"], "FPL_ERR_STAGE_NAME_UTF8"),
            ("bnat", "FPL_ERR_PRESET"), ("", "FPL_ERR_PRESET"),
            (5, "FPL_ERR_CRITERION"), ([5], "FPL_ERR_CRITERION"),
            ([("a", 1, "yes")], "FPL_ERR_CRITERION"), ([("a", True)], "FPL_ERR_CRITERION"),
            ([("a", 1, True, 4, 5)], "FPL_ERR_CRITERION"),
            ([("a", 1, True, 0.0)], None), ([("a", 1, True, -4)], "FPL_ERR_SATURATION"), ([(5, 1)], "FPL_ERR_STAGE_NAME_UTF8"),
        ]
        for criteria, status in cases:
            if status is None:  # a saturation of 0: not a counted criterion
                self.assertEqual(fp.Criteria(criteria).criteria[0].saturation, 0)
                continue
            with self.subTest(criteria=criteria), self.assertRaises(fp.FunnelError) as cm:
                fp.Criteria(criteria)
            self.assertEqual(cm.exception.status, status)
            with self.assertRaises(fp.FunnelError) as cm2:
                fp.score(HEADER, criteria)
            self.assertEqual(cm2.exception.status, status)

    def test_refused_criteria_say_which(self):
        # (criteria, field, index, offset, length, message)
        cases = [
            (["a", "b=0"], "criterion", 1, 2, 1, "a criterion is NAME"),
            (["a", "b", "c=x,required"], "criterion", 2, 2, 1, "a criterion is NAME"),
            (["a", "a=2"], "criterion", 1, 0, 1, "two criteria have the same name"),
            (["=2"], "criterion", 0, 0, 0, "criterion name is empty"),
            (["ok", "a\tb"], "criterion", 1, 0, 3, "criterion name contains a control character"),
            (["x" * 65], "criterion", 0, 0, 65, "criterion name is longer than 64 bytes"),
            ([b"\xff"], "criterion", 0, 0, 1, "criterion name is not valid UTF-8"),
            (["ok", (5, 1)], "criterion", 1, 0, 0, "name must be a str"),
            (["c%d" % k for k in range(33)], "criteria", None, 0, 0, "from 1 to 32 criteria"),
        ]
        for criteria, field, index, offset, length, message in cases:
            with self.subTest(criteria=criteria[:3]), self.assertRaises(fp.FunnelError) as cm:
                fp.Criteria(criteria)
            e = cm.exception
            self.assertEqual((e.field, e.index, e.offset, e.length), (field, index, offset, length))
            self.assertTrue(e.message.startswith(message), e.message)
            self.assertNotIn("stage", str(e))

    def test_thresholds_say_which(self):
        for hot, warm, field in ((0, None, "hot"), (None, 0, "warm"), (0, 0, "hot"),
                                 (150, 0, "warm"), (150, 80, "hot"), (40, None, "hot"),
                                 (None, 80, "warm"), (40, 60, "warm"),
                                 (float("nan"), None, "hot")):
            with self.subTest(hot=hot, warm=warm), self.assertRaises(fp.FunnelError) as cm:
                fp.Criteria.bant(hot=hot, warm=warm)
            self.assertEqual((cm.exception.status, cm.exception.field, cm.exception.index),
                             ("FPL_ERR_BANDS", field, None))
        # the defaults are the library's, and a threshold not given stays so
        c = fp.Criteria.bant()
        self.assertEqual((c.hot, c.warm), (75.0, 50.0))
        self.assertFalse(c._c.has_hot or c._c.has_warm)
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Criteria(c, hot=40)  # warm is still the default: hot is at fault
        self.assertEqual(cm.exception.field, "hot")
        self.assertIn("hot 40 and warm 50.0 (the default)", str(cm.exception))
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Criteria.bant(warm="0")
        self.assertEqual(str(cm.exception), "warm '0': 0 < warm <= hot <= 100: the thresholds "
                         "are scores above 0 and at most 100, warm at most hot")

    def test_thresholds(self):
        for hot, warm in ((100, 100), (1e-9, 1e-9), ("62.5", "0.1"), (None, 10), (90, None)):
            with self.subTest(hot=hot, warm=warm):
                c = fp.Criteria.bant(hot=hot, warm=warm)
                self.assertEqual(c.hot, 75.0 if hot is None else fp.parse_amount(str(hot)))
        cases = [(0, None, "FPL_ERR_BANDS"), (None, 0, "FPL_ERR_BANDS"),
                 (0.0, 0.0, "FPL_ERR_BANDS"), (101, None, "FPL_ERR_BANDS"),
                 (40, None, "FPL_ERR_BANDS"), (60, 70, "FPL_ERR_BANDS"),
                 (float("nan"), None, "FPL_ERR_BANDS"),
                 (None, float("nan"), "FPL_ERR_BANDS"),
                 (float("inf"), None, "FPL_ERR_BANDS"), (-5, None, "FPL_ERR_BANDS"),
                 ("-5", None, "FPL_ERR_PARSE_NEGATIVE"), ("abc", None, "FPL_ERR_PARSE_SYNTAX"),
                 ("", None, "FPL_ERR_PARSE_EMPTY"), ("80%", None, "FPL_ERR_PARSE_SYNTAX"),
                 (True, None, "FPL_ERR_PARSE_SYNTAX"), ([80], None, "FPL_ERR_PARSE_SYNTAX"),
                 (10 ** 400, None, "FPL_ERR_PARSE_OVERFLOW"), ("0", None, "FPL_ERR_BANDS")]
        for hot, warm, status in cases:
            with self.subTest(hot=hot, warm=warm), self.assertRaises(fp.FunnelError) as cm:
                fp.Criteria.bant(hot=hot, warm=warm)
            self.assertEqual(cm.exception.status, status)
            with self.assertRaises(fp.FunnelError) as cm2:
                fp.score(HEADER, hot=hot, warm=warm)
            self.assertEqual(cm2.exception.status, status)
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Criteria.bant(hot=40)
        self.assertIn("hot 40 and warm 50.0 (the default)", str(cm.exception))

    def test_refused_answers(self):
        bant = fp.Criteria.bant()
        for answers, culprit in (([1, 1, 2, 1], "need"), ([1, -0.1, 1, 1], "authority"),
                                 ([float("nan"), 1, 1, 1], "budget"),
                                 ([1, 1, 1, float("inf")], "timing"),
                                 ([1, 1, 1, 10 ** 400], "timing"),
                                 (["1", "abc", 1, 1], "authority"),
                                 (["150%", 1, 1, 1], "budget"),
                                 ({"timing": "maybe"}, "timing"),
                                 ([1, 1, [1], 1], "need")):
            with self.subTest(answers=answers), self.assertRaises(fp.FunnelError) as cm:
                bant.score(answers)
            self.assertEqual(cm.exception.status, "FPL_ERR_ANSWER")
            self.assertIn("for '%s'" % culprit, str(cm.exception))
            self.assertEqual((cm.exception.field, cm.exception.index),
                             ("answer", ref.BANT.index(culprit)))
        for answers in ([1, 1, 1], [1] * 5, {"budgte": 1}, "yes", 5, None):
            with self.subTest(answers=answers), self.assertRaises(fp.FunnelError) as cm:
                bant.score(answers)
            self.assertIn(cm.exception.status, ("FPL_ERR_ANSWER", "FPL_ERR_NULL"))

    def test_answers_as_the_library_reads_them(self):
        c = fp.Criteria(["a"], hot=100, warm=50)
        for text, value in (("YES", 1), (" y ", 1), ("True", 1), ("No", 0), ("n", 0),
                            ("FALSE", 0), ("", 0), ("\t", 0), ("1/3", Fr(1, 3)),
                            ("12.5%", Fr(1, 8)), (".5", Fr(1, 2)), ("1e-1", Fr(1, 10)),
                            ("100%", 1), ("3/3", 1), ("0/7", 0)):
            with self.subTest(answer=text):
                self.assertTrue(close(c.score([text]).score, 100 * Fr(value), 100))
                self.assertEqual(c.score([text]).missing, () if value == 1 else ("a",))


class Dicts(unittest.TestCase):

    def test_to_dict_keys_in_the_contract_order(self):
        lf, kwargs, *_ = random_case(SEED + 7)
        d = fp.score(lf.data, **kwargs).to_dict()
        self.assertEqual(list(d), ["command", "criteria", "hot", "warm", "id_column", "scored",
                                   "skipped", "bands", "sales_ready", "rows", "skipped_rows"])
        self.assertEqual(d["command"], "score")
        self.assertEqual(list(d["rows"][0]), ["rank", "line", "id", "score", "band",
                                              "sales_ready", "missing"])
        self.assertEqual(list(d["criteria"][0]), ["name", "weight", "required"])
        self.assertIsInstance(d["rows"][0]["missing"], list)
        s = fp.score(lf.data, **kwargs)
        self.assertEqual(pickle.loads(pickle.dumps(s)), s)


# ---------------------------------------------------------------------------
# The CLI's JSON


def run(args, stdin=None):
    proc = subprocess.run([cli_path()] + args, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def cli_has_score():
    if cli_path() is None:
        return False
    code, _, _ = run(["score", "--help"])
    return code == 0


class CliJsonEqualsToDict(unittest.TestCase):

    def setUp(self):
        if cli_path() is None:
            if os.environ.get("FUNNELPLAN_CLI"):
                self.fail("FUNNELPLAN_CLI=%r is not an executable file"
                          % os.environ["FUNNELPLAN_CLI"])
            self.skipTest("no CLI binary (set FUNNELPLAN_CLI, or build build/bindings/cli)")
        if not cli_has_score():
            self.skipTest("the CLI has no `score` command yet (`funnelplan score --help` fails): "
                          "to_dict() == `funnelplan score --format json` is not checked")

    def test_random_files(self):
        import json
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(8):
                lf, kwargs, exact, hot, warm, cli = random_case(SEED + 200 + i)
                path = os.path.join(tmp, "leads-%d.csv" % i)
                with open(path, "wb") as f:
                    f.write(lf.data)
                for top in (None, 3):
                    args = ["score", "--leads", path] + cli
                    py_kwargs = dict(kwargs)
                    if top is not None:
                        args += ["--top", str(top)]
                        py_kwargs["top"] = top
                    with self.subTest(file=i, top=top, args=args):
                        result = fp.score(path, **py_kwargs)
                        code, out, err = run(args + ["--format", "json"])
                        self.assertEqual(code, 4 if result.skipped else 0, err)
                        d = difference(result.to_dict(), json.loads(out.decode("utf-8")))
                        self.assertIsNone(d)
                        self.assertEqual(err.splitlines(),
                                         ["funnelplan: %s:%d: %s" % (path, e.line, e.message)
                                          for e in lf.skipped])
                # --strict: the first fault is fatal, as in Python.
                args = ["score", "--leads", path, "--strict", "--format", "json"] + cli
                code, out, err = run(args)
                if lf.skipped:
                    with self.assertRaises(fp.FunnelError) as cm:
                        fp.score(path, strict=True, **kwargs)
                    self.assertEqual((code, out), (2, b""))
                    self.assertEqual(err, "funnelplan: %s\n" % cm.exception)
                else:
                    self.assertEqual(code, 0, err)

    def test_fixed_files(self):
        import json
        many = HEADER + b"".join(b"r%d,1,1,%s,1\n" % (i, b"x" if i % 3 == 0 else b"1")
                                 for i in range(1000))
        faults = (b"id,budget,authority,need,timing,notes\r\nok1,1,1,1,1,\r\n\r\nfew,1,1\r\n"
                  b'q"uote,1,1,1,1,\r\n"multi\nline",yes,yes,"1/3",1,x\r\nutf,1,1,1,1,\xff\r\n'
                  b",1,1,1,1,\r\nbig,1,1,1,1," + b"z" * 70000 + b"\r\nans,1,1,2,1,\r\n"
                  b'"open,1,1,1,1,\r\n')
        with tempfile.TemporaryDirectory() as tmp:
            for k, (data, extra) in enumerate(((many, []), (many, ["--top", "0"]),
                                               (faults, []), (faults, ["--top", "1"]),
                                               (HEADER, []), (HEADER.rstrip(), ["--hot", "90"]))):
                path = os.path.join(tmp, "fixed-%d.csv" % k)
                with open(path, "wb") as f:
                    f.write(data)
                kwargs = {}
                if extra and extra[0] == "--top":
                    kwargs["top"] = extra[1]
                elif extra:
                    kwargs["hot"] = extra[1]
                with self.subTest(file=k, extra=extra):
                    result = fp.score(path, **kwargs)
                    code, out, err = run(["score", "--leads", path, "--format", "json"] + extra)
                    self.assertEqual(code, 4 if result.skipped else 0, err)
                    self.assertIsNone(difference(result.to_dict(),
                                                 json.loads(out.decode("utf-8"))))
                    self.assertEqual(len(err.splitlines()), result.skipped)

    def test_stdin_and_bant_default(self):
        import json
        lf, kwargs, *_ = random_case(SEED + 1)
        data = ref.LeadsFile(ref.rng_for(5), [(n, Fr(1), True) for n in ref.BANT], Fr(75),
                             Fr(50), 30).data
        code, out, err = run(["score", "--leads", "-", "--format", "json"], stdin=data)
        self.assertIn(code, (0, 4), err)
        self.assertIsNone(difference(fp.score(data).to_dict(), json.loads(out.decode())))


if __name__ == "__main__":
    unittest.main()

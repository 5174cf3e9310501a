# funnelplan — helpers of test_score.py and test_mix.py: an exact reference of
# lead scores (fractions.Fraction) and a generator of random CSV files of leads.
# SPDX-License-Identifier: MIT
"""Not a test module.

The reference reads every answer and weight from the text a user wrote, as
an exact rational, and applies the definitions of ``score.h`` literally:
score = 100 · Σ w·a / Σ w; hot at score >= hot, warm at >= warm, else cold;
sales-ready when every required criterion has answer 1 (with none required:
when hot); missing = the criteria whose answer is not 1; ranked by score
(higher first), then sales-ready first, then line. A generated file records
for every data record the line it starts on (1 + the LFs before it) and what
the library must make of it: a score, or the fault and its message.
"""

import random
from fractions import Fraction

import fpl_support  # noqa: F401  (sets the import path)

BANT = ("budget", "authority", "need", "timing")

FAULTS = ("FPL_CSV_FIELDS", "FPL_CSV_QUOTE", "FPL_CSV_UNTERMINATED", "FPL_CSV_UTF8",
          "FPL_CSV_TOO_LONG", "FPL_CSV_ID", "FPL_CSV_ANSWER")


def _library_messages():
    """fpl_csv_fault_message of every fault (the text the CLI prints after
    "FILE:LINE: "), from the library itself: the tests check that Python
    passes it on unchanged (and test_score.py checks a few words of it)."""
    from funnelplan import _native
    return {name: _native.fn.csv_fault_message(code).decode("utf-8")
            for code, name in enumerate(("FPL_CSV_OK",) + FAULTS) if code}


MESSAGES = _library_messages()


def fault_message(fault, column=None):
    message = MESSAGES[fault]
    return message if column is None else "column '%s': %s" % (column, message)


# ---------------------------------------------------------------------------
# Answers


YES = ("yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "yEs")
NO = ("no", "No", "NO", "n", "N", "false", "False", "FALSE")
BAD = ("2", "-1", "-0", "abc", "150%", "101%", "nan", "NaN", "inf", "-inf", "1e400", "1e-400",
       "yes!", "ja", "1/0", "0x1", "1,5", "1.5", "2/1", "50 %", "+1", "½", "１", "0..5", "1e",
       "4/3", "1.0000001")


def exact_answer(text):
    """The exact value of an answer as the library defines it, or None when
    it must be refused."""
    t = text.strip(" \t")
    if t == "":
        return Fraction(0)
    if t.lower() in ("yes", "y", "true"):
        return Fraction(1)
    if t.lower() in ("no", "n", "false"):
        return Fraction(0)
    try:
        if "/" in t:
            a, b = t.split("/")
            value = Fraction(a) / Fraction(b)
        elif t.endswith("%"):
            value = Fraction(t[:-1]) / 100
        else:
            value = Fraction(t)
    except (ValueError, ZeroDivisionError):
        return None
    return value if 0 <= value <= 1 else None


def random_answer(rng, pool=None):
    """(text, exact value) of a good answer."""
    if pool is not None:
        text = rng.choice(pool)
        return text, exact_answer(text)
    kind = rng.randrange(9)
    if kind == 0:
        text = rng.choice(YES)
    elif kind == 1:
        text = rng.choice(NO)
    elif kind == 2:
        text = rng.choice(("1", "0", "1.0", "0.0", "1.00", ".5", "0.25", "0.75", "0.1", "0.9"))
    elif kind == 3:
        text = "%d%%" % rng.randint(0, 100)
    elif kind == 4:
        text = "%d.%d%%" % (rng.randint(0, 99), rng.randint(0, 9))
    elif kind == 5:
        b = rng.randint(1, 12)
        text = "%d/%d" % (rng.randint(0, b), b)
    elif kind == 6:
        text = ""
    elif kind == 7:
        text = rng.choice(("  yes", "no ", "\t1", " 50% ", " 1/3\t", "   "))
    else:
        text = "0.%03d" % rng.randint(0, 999)
    value = exact_answer(text)
    assert value is not None, text
    return text, value


# ---------------------------------------------------------------------------
# Criteria


NAME_POOL = ("budget", "authority", "need", "timing", "fit", "Größe", "商机", "intent score",
             "x=y", "demo booked", "champion", "Ω", "a" * 64, "pain", "urgency")


def random_criteria(rng):
    """(Python criteria argument, [(name, exact weight, required)], CLI args)."""
    if rng.random() < 0.35:
        return "bant", [(n, Fraction(1), True) for n in BANT], ["--criteria", "bant"]
    n = rng.randint(1, 6)
    names = rng.sample(NAME_POOL, n)
    spec = []
    exact = []
    cli = []
    for name in names:
        whole = rng.random() < 0.7
        weight_text = str(rng.randint(1, 5)) if whole else "%d.%d" % (rng.randint(0, 4),
                                                                      rng.randint(1, 9))
        required = rng.random() < 0.4
        exact.append((name, Fraction(weight_text), required))
        # Specs read by the library, or tuples (a name with '=' needs the weight).
        if "=" not in name and rng.random() < 0.5:
            text = name + ("=" + weight_text if weight_text != "1" or rng.random() < 0.5 else "")
            text += ",required" if required else ""
            spec.append(text)
        else:
            spec.append((name, float(weight_text) if rng.random() < 0.5 else weight_text,
                         required))
        cli += ["--criterion", "%s=%s%s" % (name, weight_text, ",required" if required else "")]
    return spec, exact, cli


def random_thresholds(rng):
    """(hot text or None, warm text or None, exact hot, exact warm)."""
    kind = rng.random()
    if kind < 0.4:
        return None, None, Fraction(75), Fraction(50)
    hot = Fraction(rng.randint(40, 100)) if rng.random() < 0.7 else Fraction(rng.randint(
        400, 1000), 10)
    warm = Fraction(rng.randint(1, int(hot * 10)), 10)
    if rng.random() < 0.3:
        warm = hot  # warm equal to hot: no warm band
    return _dec(hot), _dec(warm), hot, warm


def _dec(x):
    return str(x.numerator) if x.denominator == 1 else "%.1f" % float(x)


# ---------------------------------------------------------------------------
# The reference


class Expected:
    """What the library must make of one record."""

    def __init__(self, line, ident=None, score=None, band=None, ready=None, missing=None,
                 fault=None, column=None):
        self.line = line
        self.id = ident
        self.score = score
        self.band = band
        self.ready = ready
        self.missing = missing
        self.fault = fault
        self.column = column

    @property
    def message(self):
        return fault_message(self.fault, self.column)


def exact_score(criteria, answers, hot, warm):
    """(score, band, sales_ready, missing) exactly; criteria as
    [(name, weight, required)], answers as Fractions."""
    total = sum(w for _, w, _ in criteria)
    score = 100 * sum(w * a for (_, w, _), a in zip(criteria, answers)) / total
    band = "hot" if score >= hot else "warm" if score >= warm else "cold"
    required = [a == 1 for (_, _, r), a in zip(criteria, answers) if r]
    ready = all(required) if required else band == "hot"
    missing = tuple(name for (name, _, _), a in zip(criteria, answers) if a != 1)
    return score, band, ready, missing


def ranked(expected):
    """The scored records in the order of the specification."""
    scored = [e for e in expected if e.fault is None]
    return sorted(scored, key=lambda e: (-e.score, not e.ready, e.line))


# ---------------------------------------------------------------------------
# Random files


ID_POOL = ("acme", "Globex Corp", "a,b", 'say "hi"', "line\nbreak", "crlf\r\ninside", "ü",
           "商机 #1", "🙂", " padded ", "x" * 256, "O'Brien", "tab\there", "=SUM(A1)", "-",
           "1", "comma, \"quote\", and\nnewline")


def quote(data):
    return b'"' + data.replace(b'"', b'""') + b'"'


def field(rng, text, force=False):
    data = text.encode("utf-8") if isinstance(text, str) else text
    if force or any(c in data for c in b',"\r\n') or rng.random() < 0.15:
        return quote(data)
    return data


class LeadsFile:
    """A random CSV file of leads (bytes) and what the library must make of
    every record of it."""

    def __init__(self, rng, criteria, hot, warm, n_rows, id_column="id", faults=0.2,
                 answer_pool=None, crlf=None, final_newline=None, bom=None):
        names = [c[0] for c in criteria]
        extra = rng.sample(["notes", "owner", "source", "Notiz"], rng.randint(0, 2))
        columns = [id_column] + names + extra
        rng.shuffle(columns)
        self.columns = columns
        crlf = rng.random() < 0.4 if crlf is None else crlf
        eol = b"\r\n" if crlf else b"\n"
        out = bytearray()
        if bom if bom is not None else rng.random() < 0.15:
            out += b"\xef\xbb\xbf"
        out += b",".join(field(rng, c) for c in columns) + eol
        self.expected = []
        last = n_rows - 1
        for i in range(n_rows):
            while rng.random() < 0.1:
                out += rng.choice((b"\n", b"\r\n"))  # blank lines are skipped
            line = out.count(b"\n") + 1
            values = {}
            exact = []
            for name in names:
                text, value = random_answer(rng, answer_pool)
                values[name] = text
                exact.append(value)
            ident = rng.choice(ID_POOL) if rng.random() < 0.5 else "lead-%d" % i
            values[id_column] = ident
            for e in extra:
                values[e] = rng.choice(("", "call back", "x,y", 'he said "no"', "Zürich"))
            fault = None
            column = None
            cells = [field(rng, values[c]) for c in columns]
            if rng.random() < faults:
                fault = rng.choice(("FPL_CSV_FIELDS", "FPL_CSV_QUOTE", "FPL_CSV_UTF8",
                                    "FPL_CSV_ID", "FPL_CSV_ANSWER", "FPL_CSV_ANSWER"))
                if fault == "FPL_CSV_FIELDS":
                    if rng.random() < 0.5:
                        cells.pop(rng.randrange(len(cells)))
                    else:
                        cells.insert(rng.randrange(len(cells) + 1), b"extra")
                elif fault == "FPL_CSV_QUOTE":
                    k = rng.randrange(len(cells))
                    cells[k] = rng.choice((b'ab"c', b'"ab"c', b'"1" ', b'x"'))
                elif fault == "FPL_CSV_UTF8":
                    k = rng.randrange(len(cells))
                    bad = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"a\x80b"))
                    cells[k] = quote(bad) if rng.random() < 0.5 else bad
                elif fault == "FPL_CSV_ID":
                    k = columns.index(id_column)
                    cells[k] = rng.choice((b"", b'""', quote(b"y" * 257), "é".encode() * 129))
                else:
                    # One or two bad answers: the first in the order of the
                    # criteria is the one named.
                    bad_names = rng.sample(names, min(len(names), rng.randint(1, 2)))
                    for name in bad_names:
                        cells[columns.index(name)] = field(rng, rng.choice(BAD))
                    column = next(n for n in names if n in bad_names)
            out += b",".join(cells)
            if i < last or (final_newline if final_newline is not None
                            else rng.random() < 0.8):
                out += eol
            if fault is None:
                score, band, ready, missing = exact_score(criteria, exact, hot, warm)
                self.expected.append(Expected(line, ident, score, band, ready, missing))
            else:
                self.expected.append(Expected(line, fault=fault, column=column))
        self.data = bytes(out)

    @property
    def scored(self):
        return [e for e in self.expected if e.fault is None]

    @property
    def skipped(self):
        return [e for e in self.expected if e.fault is not None]


def rng_for(seed):
    return random.Random(seed)

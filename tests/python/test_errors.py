# funnelplan — bad input through every entry point raises FunnelError with
# the library's status and message.
# SPDX-License-Identifier: MIT

import pickle
import unittest
from decimal import Decimal
from fractions import Fraction

import fpl_support  # noqa: F401  (sets the import path)

import funnelplan as fp
from funnelplan import _native

NAN = float("nan")
INF = float("inf")
HUGE_INT = 10 ** 400          # too large for a double

TOP = [("lead", "10%"), ("sql", "50%")]


def funnel(**kw):
    return fp.Funnel(TOP, **kw)


# Values refused by the library for every positive amount (deal size,
# revenue, deals, volume), with the status expected: the status of the
# argument itself (FPL_ERR_DEAL_SIZE, ...) is marked by None.
AMOUNT_CASES = [
    (NAN, None), (INF, None), (-INF, None), (0, None), (0.0, None), (-5, None), (-0.0, None),
    (1e-400, None),                      # underflows to 0
    ("0", None), ("0.0", None), ("1e-400", "FPL_ERR_PARSE_UNDERFLOW"), (Decimal("NaN"), None), (Decimal("-1"), None),
    ("", "FPL_ERR_PARSE_EMPTY"), ("-5", "FPL_ERR_PARSE_NEGATIVE"),
    ("abc", "FPL_ERR_PARSE_SYNTAX"), ("nan", "FPL_ERR_PARSE_SYNTAX"),
    ("inf", "FPL_ERR_PARSE_SYNTAX"), ("1.5.5", "FPL_ERR_PARSE_SYNTAX"),
    (" 1", "FPL_ERR_PARSE_SYNTAX"), ("1 ", "FPL_ERR_PARSE_SYNTAX"), ("+1", "FPL_ERR_PARSE_SYNTAX"),
    ("1k5", "FPL_ERR_PARSE_SYNTAX"), ("1e6k", "FPL_ERR_PARSE_SYNTAX"),
    ("0x10", "FPL_ERR_PARSE_SYNTAX"), ("1\x000", "FPL_ERR_PARSE_SYNTAX"),
    ("1,000\n", "FPL_ERR_PARSE_SYNTAX"), ("12%", "FPL_ERR_PARSE_SYNTAX"),
    ("1,5", "FPL_ERR_PARSE_GROUPING"), ("1__000", "FPL_ERR_PARSE_GROUPING"),
    ("1e999", "FPL_ERR_PARSE_OVERFLOW"), (HUGE_INT, "FPL_ERR_PARSE_OVERFLOW"),
    (Fraction(HUGE_INT), "FPL_ERR_PARSE_OVERFLOW"), (str(HUGE_INT), "FPL_ERR_PARSE_OVERFLOW"),
    ("\ud800", "FPL_ERR_PARSE_SYNTAX"),
]
WRONG_TYPES = [True, False, [1], (1,), {"a": 1}, object(), 1j]

# Rates: the stage refuses what is outside (0, 1].
RATE_CASES = [
    (NAN, "FPL_ERR_RATE_RANGE"), (INF, "FPL_ERR_RATE_RANGE"), (-INF, "FPL_ERR_RATE_RANGE"),
    (0, "FPL_ERR_RATE_RANGE"), (-0.1, "FPL_ERR_RATE_RANGE"),
    (1.0000000000000002, "FPL_ERR_RATE_RANGE"),
    (1.5, "FPL_ERR_RATE_RANGE"), ("150%", "FPL_ERR_RATE_RANGE"), ("0%", "FPL_ERR_RATE_RANGE"),
    ("3/2", "FPL_ERR_RATE_RANGE"), ("1e-400", "FPL_ERR_PARSE_UNDERFLOW"),
    ("", "FPL_ERR_PARSE_EMPTY"), ("-1%", "FPL_ERR_PARSE_NEGATIVE"),
    ("1/0", "FPL_ERR_PARSE_DIVZERO"), ("0/0", "FPL_ERR_PARSE_DIVZERO"),
    ("%", "FPL_ERR_PARSE_SYNTAX"), ("12%%", "FPL_ERR_PARSE_SYNTAX"),
    ("1/3%", "FPL_ERR_PARSE_SYNTAX"),
    ("1,000%", "FPL_ERR_PARSE_SYNTAX"), ("12 %", "FPL_ERR_PARSE_SYNTAX"),
    ("abc", "FPL_ERR_PARSE_SYNTAX"), ("1e999", "FPL_ERR_PARSE_OVERFLOW"),
    (HUGE_INT, "FPL_ERR_PARSE_OVERFLOW"), (None, "FPL_ERR_NULL"),
]


class RefusalMixin:
    def assertRefused(self, status, func, *args, type_error=None, context=None, own=None,
                      **kwargs):
        with self.assertRaises(fp.FunnelError, msg="%s %r %r" % (status, args, kwargs)) as cm:
            func(*args, **kwargs)
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual(e.status, status, "%s: %s" % (status, e))
        self.assertEqual(e.code, _native.STATUS[status])
        # the library's message, and after it the library's hint when it has one;
        # or the package's own for a value of the wrong Python type (``own``)
        message = own or _native.fn.strerror(e.code).decode()
        self.assertIn(e.message[len(message):][:2], ("", ": "), e.message)
        self.assertEqual(e.message[:len(message)], message)
        self.assertTrue(str(e).endswith(": " + e.message), str(e))
        self.assertTrue(e.context, str(e))
        self.assertEqual(str(e), "%s: %s" % (e.context, e.message))
        if type_error is not None:
            self.assertEqual(isinstance(e, TypeError), type_error, str(e))
        if context is not None:
            self.assertTrue(str(e).startswith(context), "%r does not start with %r"
                            % (str(e), context))
        return e


# Deals and volumes are counts (fpl_parse_count): above 2^53 is refused as such.
COUNTS = ("FPL_ERR_DEALS", "FPL_ERR_VOLUME")


class AmountsAndCounts(RefusalMixin, unittest.TestCase):
    """deal_size, revenue, deals, volume: positive finite amounts."""

    ENTRY_POINTS = {
        "FPL_ERR_DEAL_SIZE": [
            ("Funnel(deal_size=)", lambda v: funnel(deal_size=v)),
            ("plan(deal_size=)", lambda v: funnel().plan(deals=1, deal_size=v)),
            ("forecast(deal_size=)", lambda v: funnel().forecast(1, deal_size=v)),
        ],
        "FPL_ERR_REVENUE": [
            ("plan(revenue=)", lambda v: funnel(deal_size=10).plan(revenue=v)),
            ("forecast(revenue=)", lambda v: funnel(deal_size=10).forecast(1, revenue=v)),
        ],
        "FPL_ERR_DEALS": [
            ("plan(deals=)", lambda v: funnel().plan(deals=v)),
            ("forecast(deals=)", lambda v: funnel().forecast(1, deals=v)),
        ],
        "FPL_ERR_VOLUME": [
            ("forecast(volume)", lambda v: funnel().forecast(v)),
            ("forecast(volume=, at=)", lambda v: funnel().forecast(volume=v, at="sql")),
        ],
    }

    def test_bad_values(self):
        for own_status, entries in self.ENTRY_POINTS.items():
            for label, call in entries:
                for value, status in AMOUNT_CASES:
                    if status == "FPL_ERR_PARSE_OVERFLOW" and own_status in COUNTS:
                        status = "FPL_ERR_PARSE_COUNT_MAX"  # a count: at most 2^53
                    with self.subTest(entry=label, value=value):
                        self.assertRefused(status or own_status, call, value,
                                           type_error=False)

    def test_wrong_types(self):
        for entries in self.ENTRY_POINTS.values():
            for label, call in entries:
                for value in WRONG_TYPES:
                    with self.subTest(entry=label, value=value):
                        self.assertRefused("FPL_ERR_PARSE_SYNTAX", call, value, type_error=True)

    def test_messages_name_the_argument_and_value(self):
        self.assertRefused("FPL_ERR_PARSE_NEGATIVE", funnel, deal_size="-5",
                           context="deal_size '-5': must not be negative")
        self.assertRefused("FPL_ERR_DEAL_SIZE", funnel, deal_size=-5,
                           context="deal_size -5: deal size must be a positive number")
        self.assertRefused("FPL_ERR_REVENUE", funnel(deal_size=1).plan, revenue=NAN,
                           context="revenue nan: ")
        self.assertRefused("FPL_ERR_PARSE_SYNTAX", funnel().plan, deals=True,
                           context="deals True (bool): not a number")
        self.assertRefused("FPL_ERR_VOLUME", funnel().forecast, "0",
                           context="volume '0': volume must be a positive number")

    def test_none_where_required(self):
        self.assertRefused("FPL_ERR_NULL", funnel().forecast, None, context="volume None")
        self.assertRefused("FPL_ERR_NULL", funnel().forecast, volume=None)

    def test_valid_edge_values_are_accepted(self):
        f = funnel()
        self.assertEqual(f.plan(deals=Decimal("2.5")).deals, 2.5)
        self.assertEqual(f.plan(deals=Fraction(5, 2)).deals, 2.5)
        self.assertEqual(f.plan(deals=b"2.5").deals, 2.5)
        self.assertEqual(f.plan(deals=2 ** 53 // 10 ** 3).deals_whole, 2 ** 53 // 10 ** 3)
        self.assertEqual(f.plan(deals="5e-324").deals_whole, 1)
        # a count is exact up to 2^53, decided from the exact value given
        whole = fp.Funnel([("x", "100%")])
        self.assertEqual(whole.plan(deals=2 ** 53).deals_whole, 2 ** 53)
        self.assertEqual(whole.plan(deals=Decimal(2 ** 53)).deals_whole, 2 ** 53)
        self.assertEqual(whole.plan(deals=2.0 ** 53).deals_whole, 2 ** 53)
        self.assertEqual(f.plan(deals=130.125).deals, 130.125)   # a float reads one way
        self.assertEqual(f.plan(deals=Decimal("130.125")).deals, 130.125)

    def test_counts_above_2_pow_53_are_refused_exactly(self):
        # (a count typed above 2^53 is bad input, as on the command line)
        for value in (2 ** 53 + 1, Decimal(2 ** 53 + 1), Fraction(2 ** 53 + 1), HUGE_INT,
                      "9007199254740993", Decimal("9007199254740992.5"), "1e16", 1e16,
                      2.0 ** 53 + 2, 1e308, "1.5e308"):
            with self.subTest(value=value):
                self.assertRefused("FPL_ERR_PARSE_COUNT_MAX", funnel().plan, deals=value)
                self.assertRefused("FPL_ERR_PARSE_COUNT_MAX", funnel().forecast, value)
        self.assertEqual(funnel(deal_size="1e308").deal_size, 1e308)


class CostsAndMargins(RefusalMixin, unittest.TestCase):

    def test_cost_per_lead(self):
        cases = [(NAN, "FPL_ERR_COST"), (INF, "FPL_ERR_COST"), (-INF, "FPL_ERR_COST"),
                 (-1, "FPL_ERR_COST"), (-1e-300, "FPL_ERR_COST"), ("-1", "FPL_ERR_PARSE_NEGATIVE"),
                 ("", "FPL_ERR_PARSE_EMPTY"), ("1,5", "FPL_ERR_PARSE_GROUPING"),
                 ("x", "FPL_ERR_PARSE_SYNTAX"), ("1e999", "FPL_ERR_PARSE_OVERFLOW"),
                 (HUGE_INT, "FPL_ERR_PARSE_OVERFLOW")]
        calls = [lambda v: funnel(cost_per_lead=v),
                 lambda v: funnel().plan(deals=1, cost_per_lead=v),
                 lambda v: funnel().forecast(10, cost_per_lead=v)]
        for call in calls:
            for value, status in cases:
                with self.subTest(value=value):
                    self.assertRefused(status, call, value, type_error=False)
            for value in WRONG_TYPES:
                with self.subTest(value=value):
                    self.assertRefused("FPL_ERR_PARSE_SYNTAX", call, value, type_error=True)
        # Zero is a free channel, not an error.
        self.assertEqual(funnel(cost_per_lead=0).plan(deals=1).budget, 0.0)
        self.assertEqual(funnel().plan(deals=1, cost_per_lead=-0.0).cost_per_lead, 0.0)

    def test_cost_needs_the_volume_at_the_top(self):
        e = self.assertRefused("FPL_ERR_COST_NOT_TOP", funnel(cost_per_lead=1).forecast, 10,
                               at="sql")
        self.assertIn("at 'sql'", str(e))
        self.assertEqual(funnel(cost_per_lead=1).forecast(10, at="lead").budget, 10.0)

    def test_margin(self):
        cases = [(0, "FPL_ERR_MARGIN"), (NAN, "FPL_ERR_MARGIN"), (INF, "FPL_ERR_MARGIN"),
                 (-0.5, "FPL_ERR_MARGIN"), (1.5, "FPL_ERR_MARGIN"), ("150%", "FPL_ERR_MARGIN"),
                 ("0%", "FPL_ERR_MARGIN"), ("-5%", "FPL_ERR_PARSE_NEGATIVE"),
                 ("1/0", "FPL_ERR_PARSE_DIVZERO"), ("", "FPL_ERR_PARSE_EMPTY"),
                 ("5 %", "FPL_ERR_PARSE_SYNTAX"), (HUGE_INT, "FPL_ERR_PARSE_OVERFLOW")]
        calls = [lambda v: funnel(margin=v), lambda v: funnel().plan(deals=1, margin=v),
                 lambda v: funnel().forecast(10, margin=v)]
        for call in calls:
            for value, status in cases:
                with self.subTest(value=value):
                    self.assertRefused(status, call, value, type_error=False)
            for value in WRONG_TYPES:
                with self.subTest(value=value):
                    self.assertRefused("FPL_ERR_PARSE_SYNTAX", call, value, type_error=True)


class Targets(RefusalMixin, unittest.TestCase):

    def test_plan_needs_exactly_one_target(self):
        f = funnel(deal_size=10)
        self.assertRefused("FPL_ERR_TARGET", f.plan, context="plan (neither")
        self.assertRefused("FPL_ERR_TARGET", f.plan, revenue=10, deals=1,
                           context="plan (revenue 10 and deals 1")
        self.assertRefused("FPL_ERR_DEAL_SIZE_MISSING", funnel().plan, revenue=10,
                           context="plan (revenue 10 without a deal_size)")
        self.assertRefused("FPL_ERR_TARGET", f.forecast, 1, revenue=10, deals=1)
        self.assertRefused("FPL_ERR_DEAL_SIZE_MISSING", funnel().forecast, 1, revenue="1k",
                           context="forecast (revenue '1k' without a deal_size)")

    def test_huge_values_without_an_answer(self):
        """Well-formed questions whose answer is no double or no exact whole
        count: FPL_ERR_OVERFLOW / FPL_ERR_TOO_LARGE, not input errors."""
        one = fp.Funnel([("x", "50%")])
        tiny = fp.Funnel([("a", 1e-200), ("b", 1e-200)])
        small = fp.Funnel([("a", 1e-10), ("b", 1e-10)])
        cases = [
            ("FPL_ERR_OVERFLOW", lambda: one.plan(revenue=1e308, deal_size=1e-10)),
            ("FPL_ERR_OVERFLOW", lambda: one.plan(revenue=1e308, deal_size=0.5)),  # 2e308 deals
            ("FPL_ERR_OVERFLOW", lambda: tiny.plan(deals=1)),             # rates underflow
            ("FPL_ERR_OVERFLOW", lambda: one.plan(deals=1e10, cost_per_lead=1e300)),
            ("FPL_ERR_OVERFLOW", lambda: one.forecast(9e15, deal_size=1e308)),
            ("FPL_ERR_OVERFLOW", lambda: one.forecast("9e15", per="month", deal_size=1e300)),
            ("FPL_ERR_OVERFLOW", lambda: one.forecast(9e15, cost_per_lead=1e300)),
            ("FPL_ERR_OVERFLOW", lambda: tiny.forecast(1e-300)),
            ("FPL_ERR_OVERFLOW", lambda: one.forecast(1, revenue=1e308, deal_size=1e-10)),
            ("FPL_ERR_TOO_LARGE", lambda: one.plan(deals=2 ** 53)),      # 2^54 leads
            ("FPL_ERR_TOO_LARGE", lambda: one.plan(deals=9e15)),
            ("FPL_ERR_TOO_LARGE", lambda: one.plan(deals=2 ** 52 + 1)),   # 2^53 + 2 leads
            ("FPL_ERR_TOO_LARGE", lambda: small.plan(deals=1e-5)),        # whole: 1e20
            ("FPL_ERR_TOO_LARGE", lambda: one.plan(revenue="1B", deal_size="1e-10")),
        ]
        for status, call in cases:
            with self.subTest(status=status):
                e = self.assertRefused(status, call)
                self.assertFalse(e.is_input_error)
        self.assertEqual(one.plan(deals=2 ** 52).stages[0].required_whole, 2 ** 53)

    def test_input_errors_are_marked_as_such(self):
        with self.assertRaises(fp.FunnelError) as cm:
            funnel().plan(deals=-1)
        self.assertTrue(cm.exception.is_input_error)


class Periods(RefusalMixin, unittest.TestCase):

    def test_bad_periods(self):
        f = funnel()
        for per, status, type_error in [("week", "FPL_ERR_PERIOD", False),
                                        ("Month", "FPL_ERR_PERIOD", False),
                                        ("month ", "FPL_ERR_PERIOD", False),
                                        ("months", "FPL_ERR_PERIOD", False),
                                        ("", "FPL_ERR_PARSE_EMPTY", False),
                                        (1, "FPL_ERR_PERIOD", True),
                                        (True, "FPL_ERR_PERIOD", True)]:
            with self.subTest(per=per):
                self.assertRefused(status, f.plan, deals=1, per=per, type_error=type_error)
                self.assertRefused(status, f.forecast, 1, per=per, type_error=type_error)

    def test_good_periods(self):
        f = funnel()
        self.assertEqual(f.plan(deals=12, per="year").by_period.month.deals, 1.0)
        self.assertEqual(f.plan(deals=1, per=None).per, "month")
        self.assertEqual(f.forecast(3, per="quarter").per, "quarter")


class StagesAndNames(RefusalMixin, unittest.TestCase):

    def test_bad_rates(self):
        for value, status in RATE_CASES:
            with self.subTest(rate=value):
                e = self.assertRefused(status, fp.Funnel, [("lead", "10%"), ("sql", value)],
                                       type_error=False)
                self.assertTrue(str(e).startswith("stage 'sql'"), str(e))
        for value in WRONG_TYPES:
            with self.subTest(rate=value):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", fp.Funnel, [("lead", value)],
                                   type_error=True)

    def test_rate_message(self):
        self.assertRefused("FPL_ERR_RATE_RANGE", fp.Funnel, [("lead", "150%")],
                           context="stage 'lead' rate '150%': rate must be above 0% and at most 100%")
        # the rate given; for text (typed as on the command line) the library's
        # hint on how to write it, none for a number (25 is no text to correct)
        e = self.assertRefused("FPL_ERR_RATE_RANGE", fp.Funnel, [("lead", 25)])
        self.assertEqual(str(e), "stage 'lead' rate 25: rate must be above 0% and at most 100%")
        e = self.assertRefused("FPL_ERR_RATE_RANGE", fp.Funnel, [("lead", "25")])
        self.assertEqual(str(e), "stage 'lead' rate '25': rate must be above 0% and at most "
                                 "100%: did you mean 25%?")

    def test_bad_names(self):
        cases = [("", "FPL_ERR_STAGE_NAME_EMPTY"), (b"", "FPL_ERR_STAGE_NAME_EMPTY"),
                 ("x" * 65, "FPL_ERR_STAGE_NAME_LONG"), ("é" * 33, "FPL_ERR_STAGE_NAME_LONG"),
                 ("a\nb", "FPL_ERR_STAGE_NAME_CONTROL"), ("\t", "FPL_ERR_STAGE_NAME_CONTROL"),
                 ("a\x00b", "FPL_ERR_STAGE_NAME_CONTROL"), ("\x7f", "FPL_ERR_STAGE_NAME_CONTROL"),
                 ("\x85", "FPL_ERR_STAGE_NAME_CONTROL"),
                 ("\ud800", "FPL_ERR_STAGE_NAME_UTF8"), (b"\xff", "FPL_ERR_STAGE_NAME_UTF8"),
                 (b"\xc3", "FPL_ERR_STAGE_NAME_UTF8"), (b"\xc0\xaf", "FPL_ERR_STAGE_NAME_UTF8"),
                 ("won", "FPL_ERR_STAGE_NAME_RESERVED"),
                 ("deal-size", "FPL_ERR_STAGE_NAME_RESERVED"),
                 ("volume", "FPL_ERR_STAGE_NAME_RESERVED"),
                 ("cost-per-lead", "FPL_ERR_STAGE_NAME_RESERVED"), (None, "FPL_ERR_NULL")]
        for name, status in cases:
            with self.subTest(name=name):
                self.assertRefused(status, fp.Funnel, [("lead", "10%"), (name, "10%")],
                                   type_error=False)
        for name in (42, 1.5, True, ["a"], object()):
            with self.subTest(name=name):
                e = self.assertRefused("FPL_ERR_STAGE_NAME_UTF8", fp.Funnel, [(name, "10%")],
                                       type_error=True, own="name must be a str")
                self.assertTrue(str(e).startswith("stage %s" % (name,)), str(e))

    def test_good_names(self):
        names = ["x" * 64, "é" * 32, "商机", "Won", "won ", "a=b", "deal size", "😀",
                 "\u00a0", "won-back"]
        f = fp.Funnel([(n, "50%") for n in names])
        self.assertEqual(f.names, tuple(names))
        self.assertEqual(fp.Funnel([(b"caf\xc3\xa9", 1)]).names, ("café",))

    def test_duplicates(self):
        self.assertRefused("FPL_ERR_STAGE_DUPLICATE", fp.Funnel,
                           [("lead", "10%"), ("sql", "10%"), ("lead", "20%")],
                           context="stage 'lead': stage name is used twice")
        self.assertRefused("FPL_ERR_STAGE_DUPLICATE", fp.Funnel, [("é", "1%"), ("é".encode(), 1)])

    def test_stage_count(self):
        self.assertEqual(len(fp.Funnel([("s%d" % i, "90%") for i in range(32)])), 32)
        self.assertRefused("FPL_ERR_STAGE_COUNT", fp.Funnel,
                           [("s%d" % i, "90%") for i in range(33)],
                           context="stages (33 given)")
        self.assertRefused("FPL_ERR_STAGE_COUNT", fp.Funnel, [], context="stages (0 given)")
        self.assertRefused("FPL_ERR_STAGE_COUNT", fp.Funnel, {})
        self.assertRefused("FPL_ERR_STAGE_COUNT", fp.Funnel, iter(()))

    def test_malformed_stage_lists(self):
        self.assertRefused("FPL_ERR_NULL", fp.Funnel, None)
        for stages in ("lead=1%", b"x", 5, 1.5):
            with self.subTest(stages=stages):
                self.assertRefused("FPL_ERR_STAGE_COUNT", fp.Funnel, stages, type_error=True,
                                   own="expected a list of (name, rate) pairs or a mapping "
                                       "{name: rate}")
        for stages in ([("lead",)], [("lead", "1%", "x")], ["lead"], [None], [5]):
            with self.subTest(stages=stages):
                self.assertRefused("FPL_ERR_NULL", fp.Funnel, stages, type_error=True,
                                   own="expected a (name, rate) pair")


class At(RefusalMixin, unittest.TestCase):

    def test_unknown_stage(self):
        f = funnel()
        for at in ("opportunity", "", "LEAD", "lead ", b"sq", "won"):
            with self.subTest(at=at):
                self.assertRefused("FPL_ERR_STAGE_UNKNOWN", f.forecast, 1, at=at,
                                   type_error=False)
        for at in (0, 1, True, ["lead"]):
            with self.subTest(at=at):
                self.assertRefused("FPL_ERR_STAGE_UNKNOWN", f.forecast, 1, at=at,
                                   type_error=True)
        self.assertRefused("FPL_ERR_STAGE_UNKNOWN", f.forecast, 1, at="x",
                           context="at 'x': no stage of that name")
        # the stages, and the one meant when one is near (the library's hint)
        names = "the stages are lead, sql"
        for at, hint in (("x", names), ("LEAD", "did you mean lead? (%s)" % names),
                         (b"sq", names), ("sqll", "did you mean sql? (%s)" % names)):
            with self.subTest(at=at):
                e = self.assertRefused("FPL_ERR_STAGE_UNKNOWN", f.forecast, 1, at=at)
                self.assertEqual(e.message, "no stage of that name: " + hint)

    def test_known_stage(self):
        self.assertEqual(funnel().forecast(10, at="sql").deals, 5.0)
        self.assertEqual(funnel().forecast(10, at=b"sql").at, "sql")
        self.assertEqual(funnel().forecast(10).at, "lead")


class ParseFunctions(RefusalMixin, unittest.TestCase):

    def test_parse_amount(self):
        for value, status in AMOUNT_CASES:
            if not isinstance(value, str) or status is None:
                continue
            with self.subTest(value=value):
                self.assertRefused(status, fp.parse_amount, value, context="amount ")
        for value in WRONG_TYPES + [None, 5, 5.0, HUGE_INT]:
            with self.subTest(value=value):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", fp.parse_amount, value,
                                   type_error=True)
        self.assertEqual(fp.parse_amount("0"), 0.0)

    def test_parse_rate(self):
        for value, status in RATE_CASES:
            if not isinstance(value, str) or status == "FPL_ERR_RATE_RANGE":
                continue
            with self.subTest(value=value):
                self.assertRefused(status, fp.parse_rate, value, context="rate ")
        for value in WRONG_TYPES + [None, 0.5]:
            with self.subTest(value=value):
                self.assertRefused("FPL_ERR_PARSE_SYNTAX", fp.parse_rate, value,
                                   type_error=True)
        self.assertEqual(fp.parse_rate("150%"), 1.5)  # range is the stage's business


class TheErrorItself(unittest.TestCase):

    def test_error_survives_pickling(self):
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Funnel([("lead", True)])
        e = cm.exception
        again = pickle.loads(pickle.dumps(e))
        self.assertIs(type(again), type(e))
        self.assertEqual((again.status, again.message, again.context, again.code, str(again)),
                         (e.status, e.message, e.context, e.code, str(e)))

    def test_every_status_has_a_name_and_message(self):
        self.assertEqual(_native.STATUS["FPL_OK"], 0)
        self.assertGreaterEqual(len(_native.STATUS), 28)
        for name, code in _native.STATUS.items():
            self.assertTrue(name.startswith("FPL_"))
            self.assertTrue(_native.fn.strerror(code))


class TheLibraryNamesTheField(unittest.TestCase):
    """``.field`` and ``.index`` come from the library's fpl_error: the
    argument at fault is named without a second call."""

    def refusal(self, call):
        with self.assertRaises(fp.FunnelError) as cm:
            call()
        e = cm.exception
        return e.status, e.field, e.index

    def test_terms_and_questions(self):
        f = fp.Funnel([("lead", "10%"), ("sql", "50%")])
        g = fp.Funnel([("lead", "10%"), ("sql", "50%")], deal_size=10)
        for call, want in (
                (lambda: f.plan(revenue=1000),
                 ("FPL_ERR_DEAL_SIZE_MISSING", "revenue", None)),
                (lambda: f.plan(deals=5, margin=0), ("FPL_ERR_MARGIN", "margin", None)),
                (lambda: f.plan(deals=9e15), ("FPL_ERR_TOO_LARGE", None, None)),
                (lambda: f.forecast(100, at="sql", cost_per_lead=5),
                 ("FPL_ERR_COST_NOT_TOP", "at", None)),
                (lambda: g.whatif(["lead=+1pp", "volume=0"], volume=100),
                 ("FPL_ERR_VOLUME", "change", 1)),
                (lambda: g.whatif({"lead": "+1pp"}, volume=100, invest=0),
                 ("FPL_ERR_INVEST", "invest", None)),
                (lambda: g.sensitivity(volume=100, step="+0pp", deal_size_step="+0%"),
                 ("FPL_ERR_STEP", "step", None)),
                (lambda: g.sensitivity(volume=100, deal_size_step="+0%"),
                 ("FPL_ERR_STEP", "deal_size_step", None)),
                (lambda: f.sensitivity(volume=100),
                 ("FPL_ERR_DEAL_SIZE_MISSING", "deal_size", None)),
                (lambda: f.solve("sql", volume=100, at="sql", deals=120),
                 ("FPL_ERR_UNREACHABLE", "lever", None)),
                (lambda: fp.Funnel([("lead", "10%"), ("sql", "50%")],
                                   mix={"sql": "a:50%@5%,b:40%@5%"}),
                 ("FPL_ERR_MIX_SHARES", "mix", 1)),
                (lambda: fp.Funnel([("lead", "10%"), ("lead", "20%")]),
                 ("FPL_ERR_STAGE_DUPLICATE", "stage", 1))):
            with self.subTest(want=want):
                self.assertEqual(self.refusal(call), want)


if __name__ == "__main__":
    unittest.main()

# funnelplan — what every question of the package shares.
# SPDX-License-Identifier: MIT
"""The helpers every module uses, once: how a Python value reaches the
library (numbers as doubles, text as UTF-8 for its own parsers), how a
refusal is raised (:func:`refuse`, by the library's status names), how a
refusal gets its context, the lead mixes a funnel or a scenario takes, and
the typed view a result's ``to_dict()`` walks.

The library decides what is valid: Python only refuses what cannot reach
it, a value of the wrong type (a bool, a list, a name that is not text), an
int too large for a double, and ``None`` where a value is required. This
module imports no other module of the package but ``_native`` and
``_errors``, which is what keeps the package's imports free of cycles.
"""

import csv
import ctypes
import dataclasses
import decimal
import fractions
import html
import inspect
import io
import math
import numbers
import re
import typing
from ctypes import byref, c_double, c_int
from dataclasses import dataclass
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

from . import _native
from ._errors import FunnelError, FunnelTypeError
from ._native import fn

try:
    # (how a NamedTuple's fields read their items)
    from _collections import _tuplegetter  # type: ignore[import]
except ImportError:  # (not CPython)
    def _tuplegetter(index, doc):
        return property(lambda self: tuple.__getitem__(self, index), doc=doc)

#: Period names, in the order of the C enum and of ``by_period``.
PERIODS = ("month", "quarter", "year")

#: The type hint of an amount or a count: a number, or text read as the CLI
#: reads it (``"1.5M"``, ``"250k"``, ``"1,000"``, ``"1e6"``).
Amount = Union[int, float, decimal.Decimal, fractions.Fraction, str]
#: The type hint of a rate: a number (a fraction, 0.12), or text as the CLI
#: reads it (``"12%"``, ``"1/3"``, ``"0.12"``).
Rate = Amount
#: The type hint of what ``to_dict()`` returns: the JSON object as Python values.
JSONDict = Dict[str, Any]


def refuse(status, context=None, message=None, *, typed=False, field=None, index=None):
    """The :class:`FunnelError` for a refusal decided before the library is
    called: ``status`` is one of the library's status names without its
    prefix (``"PARSE_SYNTAX"``, looked up in :data:`_native.ERR`), ``typed``
    makes it a :class:`FunnelTypeError` (a value of the wrong Python type).
    Without ``message`` the library words it (for ``field``, a name of
    :data:`_native.FIELDS`, and ``index`` when given); with one, the message
    is the package's own (a Python type: ``"name must be a str"``)."""
    code = _native.ERR[status]
    cls = FunnelTypeError if typed else FunnelError
    exc = _native.error_named(_native.status_name(code), context, cls, field, index)
    if message is None:
        return exc
    return exc._copy(message, context)


def status_is(exc, *names):
    """Whether a :class:`FunnelError` has one of the statuses ``names``
    (written as for :func:`refuse`)."""
    return exc.status in [_native.status_name(_native.ERR[name]) for name in names]


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, bool)


def _opt(present, value):
    """A C figure, or None where its ``has_`` flag says it is absent."""
    return value if present else None


def _name(text):
    """A name the library gives (a period, a mode, a status, a band)."""
    return text.decode("ascii")


def _items(label, value, status, text=None, other=None):
    """The items of an argument given as a mapping (its (key, value) pairs,
    in its order) or as a sequence. Text is one item, or with ``text`` (what
    to give instead) refused; anything else is refused, saying ``other``
    (what to give instead). A refusal has ``status`` and is a
    :class:`FunnelTypeError`."""
    def refused(instead):
        return refuse(status, "%s %s" % (label, _describe(value)),
                      instead and "expected " + instead, typed=True)
    if hasattr(value, "items") and callable(value.items):
        return list(value.items())
    if _is_text(value):
        if text is None:
            return [value]
        raise refused(text)
    try:
        return list(value)
    except TypeError:
        raise refused(other or text) from None


def _hinted(exc, data):
    """``exc`` (the library's refusal of the text ``data``) with the
    library's hint on how to write it after the message
    (``fpl_error_hint``: ``did you mean month?``), as the CLI prints it."""
    where = _native.fpl_error(status=exc.code, field=_native.FIELDS.get(exc.field, 0),
                              index=_native.NO_INDEX if exc.index is None else exc.index,
                              offset=exc.offset, length=exc.length)
    hint = ctypes.create_string_buffer(_native.HINT_MAX)
    if fn.error_hint(byref(where), data, len(data), hint, len(hint)) == 0:
        return exc
    return exc._copy("%s: %s" % (exc.message, hint.value.decode("utf-8", "replace")), exc.context)


def _parse(func, data, out, context):
    """``func(data, len(data), &out)`` with ``context`` on a refusal."""
    try:
        func(data, len(data), byref(out))
    except FunnelError as exc:
        raise _hinted(exc, data).with_context(context) from None
    return out


# ---------------------------------------------------------------------------
# Inputs


def _excerpt(text):
    """The start of a text as the library quotes it in a message
    (``fpl_format_excerpt``: at most a short prefix, cut on a UTF-8
    boundary, escaped, ``...`` when cut)."""
    data = _encode(text)
    out = ctypes.create_string_buffer(_native.EXCERPT_TEXT_MAX)
    fn.format_excerpt(data, len(data), out, len(out))
    return out.value.decode("utf-8", "replace")


def _describe(value):
    """How a value is named in an error's context: ``'12%'``, ``-5``, ``True (bool)``.
    Text is cut as the library cuts it (:func:`_excerpt`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            text = repr(value)
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            text = "an int of about %d digits" % (value.bit_length() * 0.30103)
    elif isinstance(value, (str, bytes)):
        text = repr(value)
        if len(_encode(value)) > _native.EXCERPT_MAX:
            text = ("b'%s'" if isinstance(value, bytes) else "'%s'") % _excerpt(value)
        return text
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = "%r (%s)" % (value, type(value).__name__)
    return text if len(text) <= 80 else text[:77] + "..."


def _encode(text):
    """Bytes for the library. Lone surrogates are kept (as invalid UTF-8) so
    that the library, not the codec, refuses them."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    return bytes(text)


def _is_text(value):
    return isinstance(value, (str, bytes, bytearray))


def _number(context, value, parse):
    """A double from a number or a numeric string read by ``parse``."""
    if value is None:
        raise refuse("NULL", context)
    if isinstance(value, bool):
        raise refuse("PARSE_SYNTAX", context, typed=True)
    if _is_text(value):
        data = _encode(value)
        out = c_double()
        try:
            parse(data, len(data), byref(out))
        except FunnelError as exc:
            raise _hinted(exc, data).with_context(context) from None
        return out.value
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            return float(value)
        except OverflowError:
            raise refuse("PARSE_OVERFLOW", context) from None
        except (TypeError, ValueError):
            raise refuse("PARSE_SYNTAX", context) from None
    raise refuse("PARSE_SYNTAX", context, typed=True)


def _float_text(x):
    """A double as text the library's parsers read back as the same double
    and one way only: ``repr`` (its shortest round-trip form) with an
    exponent, so 130.125 is no thousands group (``130.125e0``); ``nan``,
    ``inf`` and negatives as ``repr`` writes them, for the library to refuse."""
    text = repr(x)
    return text if "e" in text or not math.isfinite(x) else text + "e0"


def _count_text(value):
    """A count as the decimal text ``fpl_parse_count`` checks against the
    library's largest count, from its exact value (an int, a whole Fraction,
    a Decimal, a float); None for what is not a finite count > 0 (the
    library refuses it in its own words)."""
    if isinstance(value, numbers.Rational) and not isinstance(value, bool) \
            and value.denominator == 1 and value >= 0:
        return str(value.numerator)   # ValueError: more digits than Python prints
    if isinstance(value, float) and math.isfinite(value) and value > 0:
        return _float_text(value)     # as the CLI's text of the same double
    # A Decimal in exponent form, which reads one way (130.125 is no group).
    if isinstance(value, decimal.Decimal) and value.is_finite() and value > 0:
        return format(value, "e")          # exact: 1.30125e+2
    return None


#: FPL_WHOLE_MAX (common.h), 2^53: fpl_parse_count reads the text of a
#: float up to it as that very float (tests/python/test_fast.py checks both).
_WHOLE_MAX = _native.WHOLE_MAX


def _count(label, value):
    """A count (deals, volume, leads, actuals) read by ``fpl_parse_count``:
    a number above the library's largest count (2**53) is refused from its
    exact value, so 2**53 + 1 is not read as 2**53; a float above it is
    refused as the CLI refuses its text."""
    if type(value) is float and not value > _WHOLE_MAX:  # NaN, 0, < 0: for the library
        return value
    return _count_in("%s %s" % (label, _describe(value)), value)


def _count_in(context, value):
    """:func:`_count` with the context of a refusal given."""
    if _is_number(value):
        try:
            text = _count_text(value)
        except ValueError:
            raise refuse("PARSE_COUNT_MAX", context) from None
        if text is not None:
            return _number(context, text, fn.parse_count)
    return _number(context, value, fn.parse_count)


def _volume(value, per):
    """A volume per the C period ``per``: a count as :func:`_count` reads it,
    or text as ``fpl_volume_parse`` reads it (``"600/month"`` is 7200 a year)."""
    if type(value) is float and not value > _WHOLE_MAX:  # as _count
        return value
    context = "volume %s" % _describe(value)
    if _is_text(value):
        return _number(context, value, lambda data, n, out: fn.volume_parse(data, n, per, out))
    return _count_in(context, value)


def _amount(label, value):
    if type(value) is float:  # what _number gives a float: itself
        return value
    return _number("%s %s" % (label, _describe(value)), value, fn.parse_amount)


def _rate(label, value):
    if type(value) is float:
        return value
    return _number("%s %s" % (label, _describe(value)), value, fn.parse_rate)


def _period(per):
    """The C period for a name (``None`` is the default, month)."""
    if per is None:
        return _native.PERIOD_MONTH
    known = _PERIODS_READ.get(per) if type(per) is str else None
    if known is not None:
        return known
    context = "per %s" % _describe(per)
    if not _is_text(per):
        raise refuse("PERIOD", context, typed=True)
    value = _parse(fn.period_parse, _encode(per), c_int(), context).value
    if type(per) is str and len(_PERIODS_READ) < 64:
        _PERIODS_READ[per] = value
    return value


#: Period names as the library read them (fpl_period_parse), for the next call.
_PERIODS_READ: Dict[Any, Any] = {}


class _Value(NamedTuple):
    """An optional input: what the caller wrote (for messages) and its double."""
    given: object
    value: float


def _optional(label, value, reader, default=None):
    if value is None:
        return default
    return _Value(value, reader(label, value))


def _call(func, args, what, given, funnel=None, text=None):
    """Calls a status-returning function; on failure says what it refused
    (see :func:`_context`). With ``funnel`` (a C ``fpl_funnel``) and the
    ``text`` it read, a name that is no stage's gets the library's hint
    (:func:`stage_hint`); a value the caller typed as text gets the hint
    the CLI prints for the same text (:func:`_hinted`), a number none."""
    try:
        func(*args)
    except FunnelError as exc:
        if funnel is not None:
            exc = stage_hint(exc, funnel, text)
        if _is_text(given.get(exc.field)):
            exc = _hinted(exc, _encode(given[exc.field]))
        raise exc.with_context(_context(exc, what, given)) from None


def _compute(func, args, what, given):
    """:func:`_call` for a ``fn.<name>_compute`` on the fast path: the C
    function itself, given the structs (passed by reference)."""
    err = _native.error_struct()
    status = func.c_function(*args, err)
    if status:
        exc = _native.error(status, where=err)
        if _is_text(given.get(exc.field)):  # typed text: the CLI's hint, as _call gives it
            exc = _hinted(exc, _encode(given[exc.field]))
        raise exc.with_context(_context(exc, what, given)) from None


def stage_hint(exc, funnel, text):
    """``exc`` with ``fpl_funnel_hint``'s hint after its message when it is
    about a name that is no stage's (``STAGE_UNKNOWN``): the funnel's stages
    and the one probably meant, as the CLI says it. ``funnel`` is the C
    ``fpl_funnel``, ``text`` the bytes the library read."""
    if not status_is(exc, "STAGE_UNKNOWN") or text is None:
        return exc
    where = _native._MIRRORS["fpl_error"](
        status=exc.code, field=_native.FIELDS.get(exc.field, 0) if exc.field else 0,
        index=_native.NO_INDEX if exc.index is None else exc.index,
        offset=exc.offset, length=exc.length)
    n = fn.funnel_hint(byref(funnel), byref(where), text, len(text), None, 0)
    if n == 0:
        return exc
    out = ctypes.create_string_buffer(n + 1)
    fn.funnel_hint(byref(funnel), byref(where), text, len(text), out, n + 1)
    return exc._copy("%s: %s" % (exc.message, out.value.decode("utf-8", "replace")), exc.context)


def _context(exc, what, given):
    """What a refusal is about, in the caller's terms: the argument named by
    the library's field (``exc.field``; ``given`` maps argument names to the
    values the caller wrote), else ``what`` (the question, "plan",
    "forecast"), with why for a target that is missing or incomplete."""
    if status_is(exc, "TARGET", "DEAL_SIZE_MISSING"):
        return "%s (%s)" % (what, _target_detail(given))
    if exc.field not in given:
        return what
    context = "%s %s" % (exc.field, _describe(given[exc.field]))
    if exc.field == "at" and "cost_per_lead" in given:  # a cost needs the top stage
        context = "cost_per_lead %s with %s" % (_describe(given["cost_per_lead"]), context)
    return context


def _target_detail(given):
    """Why a target was refused, in the caller's terms."""
    if "revenue" in given and "deal_size" not in given:
        return "revenue %s without a deal_size" % _describe(given["revenue"])
    if "revenue" not in given and "deals" not in given:
        return "neither revenue nor deals given"
    return "the target is incomplete"


# ---------------------------------------------------------------------------
# Results


def _month_text(m):
    """A C fpl_month as the library writes it: ``"2027-01"``."""
    text = ctypes.create_string_buffer(_native.CALENDAR_TEXT_MAX)
    fn.month_format(m, text, len(text))
    return text.value.decode("ascii")


def _node_value(nodes, i):
    """(the value of view node i and its subtree, the index after it): what
    ``json.loads`` of the library's JSON gives, except that a number is a
    float and only a whole count an int (the text writes 0.0 and 0 alike)."""
    n = nodes[i]
    kind = n.kind
    if kind in (_native.NODE_OBJECT, _native.NODE_ARRAY):
        items = []
        i += 1
        for _ in range(n.children):
            key = nodes[i].key
            value, i = _node_value(nodes, i)
            items.append((None if key is None else key.decode("utf-8"), value))
        if kind == _native.NODE_OBJECT:
            return dict(items), i
        return [v for _, v in items], i
    v = n.value
    if kind == _native.NODE_BOOL:
        return bool(v.boolean), i + 1
    if kind == _native.NODE_NUMBER:
        return (v.number if math.isfinite(v.number) else None), i + 1
    if kind == _native.NODE_WHOLE:
        x = v.number
        return (int(x) if math.isfinite(x) and x == int(x) and x >= 0 else x), i + 1
    if kind == _native.NODE_COUNT:
        return int(v.count), i + 1
    if kind == _native.NODE_STRING:
        return (None if v.string is None else v.string.decode("utf-8")), i + 1
    if kind == _native.NODE_MONTH:
        return _month_text(v.month), i + 1
    return None, i + 1


def _view_dict(describe, args, mixes=()):
    """The object the library's view of a result describes: the JSON of
    ``--format json``, with its types (a number is a float, a whole count an
    int). ``describe`` is a bound ``fn.view_<result>``, ``args`` what follows
    its view and key; ``mixes`` lists ``(key, funnel, C mixes, how many)``
    appended to the object as the CLI appends them. A first pass without
    nodes counts them."""
    def build(view, check):
        call = describe if check else describe.c_function
        call(byref(view), None, *args, *(() if check else (None,)))
        for key, funnel, mix, n in mixes:
            if n:
                fn.view_reopen(byref(view))
                add = fn.view_mixes if check else fn.view_mixes.c_function
                add(byref(view), key, funnel, mix, n, *(() if check else (None,)))
                fn.view_close(byref(view))
    view = _native.fpl_view()
    fn.view_init(byref(view), None, 0)
    build(view, False)
    size = max(view.needed, 1024)
    while True:
        nodes = (_native.fpl_node * size)()
        fn.view_init(byref(view), nodes, size)
        try:
            build(view, True)
            fn.view_check(byref(view))
        except FunnelError as exc:
            # a describer that refuses a small view before counting it all
            if not status_is(exc, "WORKSPACE") or size >= 1 << 22:
                raise
            size *= 4
            continue
        return _node_value(nodes, 0)[0]


class _View:
    """The library's view of one result, walked when a ``to_dict()`` asks
    for it: ``describer`` names a ``fn.view_<result>`` (render.h),
    ``structs`` are the C structs it describes (copies the result keeps;
    None for an absent one) and ``mixes`` the ``(key, C funnel, C mixes, how
    many)`` appended as the CLI appends them. Plain data, so results pickle."""

    def __init__(self, describer, *structs, mixes=(), given=()):
        self.describer, self.structs = describer, structs
        # each mix a struct of its own (a ctypes array type does not pickle)
        self.mixes = tuple((key, funnel, _mix_tuple(mix, n))
                           for key, funnel, mix, n in mixes) if mixes else ()
        # What the result's renderer takes beyond the view's structs (the
        # terms and the question of a sensitivity, the dates of a pace).
        self.given = given

    def mix(self, key):
        """(C mixes, how many) listed under ``key``, for a renderer."""
        for k, _, mix in self.mixes:
            if k == key:
                return _mix_array(mix)
        return None, 0

    def __call__(self, *path):
        """The object the view describes, or its piece down the keys ``path``."""
        def ref(c):
            return None if c is None else byref(c)
        d = _view_dict(getattr(fn, self.describer), tuple(map(ref, self.structs)),
                       [(key, ref(funnel), (_native.fpl_mix * len(mix))(*mix), len(mix))
                        for key, funnel, mix in self.mixes])
        for key in path:
            d = d[key]
        return d

    def part(self, *path):
        """What a part of the result keeps for its ``to_dict()``."""
        return (self, path)


def _mix_tuple(mix, n):
    """C mixes (an array and how many) as a tuple of structs, which pickles."""
    return tuple(map(_copy, (mix or ())[:n]))


def _mix_array(mix):
    """(C array, how many) of a tuple of C mixes, as a renderer takes them."""
    return ((_native.fpl_mix * len(mix))(*mix), len(mix)) if mix else (None, 0)


def _render(func, args, fmt):
    """The text the library renders: ``func`` is a bound ``fn.<result>_render``
    (render.h), ``args`` the C values before its format (a struct is passed
    by reference), ``fmt`` a ``_native.RENDER_*``. Measured with capacity 0,
    then written, as the CLI's ``CLI_RENDER`` does; the bytes are UTF-8."""
    args = tuple(byref(a) if isinstance(a, ctypes.Structure) else a for a in args)
    length = ctypes.c_size_t()
    func(*args, fmt, None, 0, byref(length))
    buf = ctypes.create_string_buffer(length.value + 1)
    func(*args, fmt, buf, len(buf), byref(length))
    return buf.raw[:length.value].decode("utf-8")


class Named(tuple):
    """A tuple of parts that a part's name indexes too: ``plan.stages["lead"]``
    as ``plan.stages[0]``. A part's name is its ``name`` (a stage, a channel),
    ``stage``, ``lever``, ``month``, ``id`` (a scored lead) or ``confidence``
    (an odds level: ``odds.volume_for[0.9]``), whichever it has first; an
    int (anything with ``__index__``) or a slice is a position, as for any
    tuple. A name none has raises
    KeyError listing the names there are.

    >>> from funnelplan import Funnel
    >>> plan = Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10)
    >>> plan.stages["deal"].required, plan.stages[1].required
    (40.0, 40.0)
    """

    __slots__ = ()
    _KEYS = ("name", "stage", "lever", "month", "id", "confidence")

    @staticmethod
    def _key(part):
        return next((getattr(part, k) for k in Named._KEYS if hasattr(part, k)), None)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice) or hasattr(type(key), "__index__"):  # numpy's ints too
            return tuple.__getitem__(self, key)
        for part in self:
            if self._key(part) == key:
                return part
        raise KeyError("%r is none of %s" % (key, ", ".join(repr(self._key(p)) for p in self)
                                            or "(none)"))


def _table(text: str, text_columns: Tuple[str, ...]) -> Tuple[List[str], List[Dict[str, Any]]]:
    """(header, rows) of the library's CSV ``text``: a row a dict of the
    header's keys, an empty cell None, a column of ``true``/``false`` bools,
    a column of JSON numbers ints when every one is whole and floats
    otherwise; the ``text_columns`` (names: a stage, a channel, an id) and
    any other column stay str."""
    header, *cells = list(csv.reader(io.StringIO(text, newline="")))
    columns = [_cells(column, name in text_columns)
               for name, column in zip(header, zip(*cells))] if cells else []
    return header, [dict(zip(header, row)) for row in zip(*columns)]


_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")
_WHOLE = re.compile(r"-?(0|[1-9][0-9]*)\Z")


def _cells(column: Tuple[str, ...], text: bool) -> List[Any]:
    given = [c for c in column if c != ""]
    kind: Any
    if text:
        kind = str
    elif all(c in ("true", "false") for c in given):
        kind = "true".__eq__
    elif all(_WHOLE.match(c) for c in given):
        kind = int
    elif all(_NUMBER.match(c) for c in given):
        kind = float
    else:
        kind = str
    return [None if c == "" else kind(c) for c in column]


class _Shown:
    """What every result shows, all of it rendered by the library as the CLI
    prints it: ``str()`` the table, :meth:`to_csv` and from it
    :meth:`to_rows` and :meth:`to_frame`, and in a notebook ``_repr_svg_``
    and ``_repr_html_``. A result class gives ``_render_args()``, (its
    ``fn.<result>_render``, the C values before the format), ``_headline``,
    the fields its ``repr`` shows, and ``_by_name``, the field of parts
    ``result[name]`` looks in (``Plan``: ``"stages"``)."""

    _headline: Tuple[str, ...] = ()
    _source: Any
    _by_name: Optional[str] = None
    #: The CSV columns of names, which stay text even when they read as numbers.
    _text_columns = ("stage", "channel", "lever")

    def _render_args(self) -> Tuple[Any, Tuple[Any, ...]]:
        raise NotImplementedError

    def _rows_csv(self) -> str:
        """The CSV :meth:`to_rows` and :meth:`to_frame` read: :meth:`to_csv`
        (a result whose CSV holds two tables gives the first)."""
        return self.to_csv()

    def _render_text(self, fmt: int) -> str:
        func, args = self._render_args()
        return _render(func, args, fmt)

    def to_dict(self) -> JSONDict:
        """The object ``funnelplan <command> --format json`` prints for the
        same question, as Python values (a number is a float, a whole count
        an int, ``null`` None), read from the library's view of the result.

        >>> from funnelplan import Funnel
        >>> d = Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10).to_dict()
        >>> d["command"], d["deals_whole"], d["stages"][0]["required"]
        ('plan', 10, 400.0)
        """
        return self._source()

    def __str__(self) -> str:
        """The table ``funnelplan <command> --format table`` prints for the
        same question, its final newline included.

        >>> from funnelplan import Funnel
        >>> plan = Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000).plan(deals=10)
        >>> print(str(plan).splitlines()[0])
        Plan per month: 10 deals at a deal size of 1,000
        """
        return self._render_text(_native.RENDER_TABLE)

    def to_csv(self) -> str:
        """The CSV ``funnelplan <command> --format csv`` prints for the same
        question, byte for byte, as a str (its final newline included).

        >>> from funnelplan import Funnel
        >>> plan = Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000).plan(deals=10)
        >>> print(plan.to_csv().splitlines()[1])
        lead,0.1,0.025,400,400,400,1200,4800
        """
        return self._render_text(_native.RENDER_CSV)

    def to_rows(self) -> List[Dict[str, Any]]:
        """The rows of :meth:`to_csv` as a list of dicts, the CSV's header
        the keys of every row (a stage, a level, a lever, a month or a lead
        a row, as the CLI's CSV): numbers as int (a column of whole numbers)
        or float, ``true``/``false`` as bool, names as str, and None where
        the CSV leaves a figure out (it does not apply).

        >>> from funnelplan import Funnel
        >>> plan = Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000).plan(deals=10)
        >>> row = plan.to_rows()[0]
        >>> row["stage"], row["rate"], row["required_whole"], row["required_per_year"]
        ('lead', 0.1, 400, 4800)
        """
        return _table(self._rows_csv(), self._text_columns)[1]

    def to_frame(self) -> Any:  # a pandas.DataFrame (pandas is optional)
        """:meth:`to_rows` as a pandas ``DataFrame`` (its columns those of
        the CSV, in order; None is NaN in a column of numbers). pandas is
        optional: without it this raises ImportError naming it, and
        :meth:`to_rows` and :meth:`to_csv` need nothing.

        >>> from funnelplan import Funnel
        >>> plan = Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10)
        >>> plan.to_frame()[["stage", "required_whole"]].values.tolist()  # doctest: +SKIP
        [['lead', 400], ['deal', 40]]
        """
        try:
            import pandas  # type: ignore[import]
        except ImportError as exc:
            raise ImportError("to_frame() needs pandas, which is not importable (pip install "
                              "pandas, or apt-get install python3-pandas); to_rows() and "
                              "to_csv() need nothing: %s" % exc, name="pandas") from exc
        header, rows = _table(self._rows_csv(), self._text_columns)
        return pandas.DataFrame.from_records(rows, columns=header)

    def __getitem__(self, name: Any) -> Any:
        """A part of the result by name (or position): ``plan["lead"]`` is
        ``plan.stages["lead"]`` (see :class:`Named`).

        >>> from funnelplan import Funnel
        >>> plan = Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10)
        >>> plan["deal"].required, plan[0].name
        (40.0, 'lead')
        """
        if self._by_name is None:
            raise TypeError("%s is not indexable" % type(self).__name__)
        return getattr(self, self._by_name)[name]

    def _repr_svg_(self) -> Optional[str]:
        """The picture ``funnelplan <command> --format svg`` draws (plan,
        forecast, whatif, schedule, channels), as a str; None for a result
        the library draws no picture of (odds, sensitivity, solve, pace).

        >>> from funnelplan import Funnel
        >>> f = Funnel([("lead", "10%"), ("deal", "25%")], deal_size=1000)
        >>> "<svg" in f.plan(deals=10)._repr_svg_()
        True
        >>> f.solve("lead", volume=400, deals=10)._repr_svg_() is None
        True
        """
        try:
            return self._render_text(_native.RENDER_SVG)
        except FunnelError as exc:
            if status_is(exc, "FORMAT"):  # the library draws none
                return None
            raise

    def _repr_html_(self) -> str:
        """What a notebook shows: the table (``str()``), HTML-escaped in a
        ``<pre>``, then the picture (:meth:`_repr_svg_`) when there is one.

        >>> from funnelplan import Funnel
        >>> html = Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10)._repr_html_()
        >>> html.startswith("<pre>"), html.endswith("</svg>\\n")
        (True, True)
        """
        svg = self._repr_svg_()
        return "<pre>%s</pre>\n%s" % (html.escape(str(self)), svg or "")

    def __repr__(self) -> str:
        """The class and its headline figures, dataclass-style; ``...``
        stands for the fields left out (``str()`` shows them all)."""
        shown = ["%s=%r" % (name, getattr(self, name)) for name in self._headline]
        if len(shown) < len([f for f in dataclasses.fields(self)
                             if not f.name.startswith("_")]):
            shown.append("...")
        return "%s(%s)" % (type(self).__name__, ", ".join(shown))


class _Lazy:
    """A result whose public fields are read from its C struct when first
    asked for (``_readers``: field name -> function of the result), so that
    a question costs one C call and the figures nobody reads cost nothing.
    :func:`_lazy` makes one; the values equal those of the library's view
    (the view's ``null`` is None; tests/python compares every field)."""

    _readers: Dict[Any, Any] = {}

    def __getattr__(self, name):
        read = type(self)._readers.get(name)
        if read is None:
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))
        value = self.__dict__[name] = read(self)
        return value


class _Reader:
    """A :class:`_Lazy` field on its class: read once from the result's C
    struct when first asked for, then kept in the instance (which this
    non-data descriptor then lets win), without the AttributeError that a
    ``__getattr__`` would first cost."""

    __slots__ = ("name", "read")

    def __init__(self, name, read):
        self.name, self.read = name, read

    def __get__(self, obj, cls=None):
        if obj is None:
            raise AttributeError(self.name)  # a field of instances, as dataclasses have it
        value = obj.__dict__[self.name] = self.read(obj)
        return value


def _readers(cls, readers):
    """Gives the :class:`_Lazy` class ``cls`` its ``readers`` (field name
    -> function of the result), each a :class:`_Reader` on the class."""
    cls._readers = readers
    for name, read in readers.items():
        setattr(cls, name, _Reader(name, read))
    return readers


def _viewed(name):
    """A :class:`_Lazy` reader of field ``name`` from the result's view (the
    ``to_dict()`` object, described once and kept), as :func:`_from_view`
    reads it."""
    def read(obj):
        d = obj.__dict__.get("_d")
        if d is None:
            d = obj.__dict__["_d"] = obj._source()
        hint = typing.get_type_hints(type(obj))[name]
        return _field_value(hint, d.get(name), obj._source, (name,))
    return read


def _make(cls, **values):
    """An instance of the frozen dataclass ``cls`` with ``values`` as its
    fields (some of them, for a :class:`_Lazy`), without running
    ``__init__``."""
    obj = cls.__new__(cls)
    obj.__dict__.update(values)
    return obj


def _if(flag, value):
    """A figure the view gives as ``null`` unless ``flag``."""
    return value if flag else None


def _record(cls):
    """Makes the frozen dataclass ``cls``, a subclass of ``tuple`` with
    ``__slots__ = ()`` whose ``__new__`` stores its fields in order and its
    ``_view`` (last) as two items, a record: each public field reads its
    item (as a ``NamedTuple``'s does), ``_view`` the last two, and pickling
    gives ``__new__`` the items back. The package makes one with
    ``tuple.__new__(cls, items)``, a single C call, where a dataclass's
    ``__init__`` costs a Python call and a ``setattr`` a field."""
    names = [f.name for f in dataclasses.fields(cls)]
    assert names[-1] == "_view", cls
    doc = inspect.getdoc(cls) or ""
    for i, name in enumerate(names[:-1]):
        line = re.search(r"^\s*%s: (.*)$" % name, doc, re.M)
        setattr(cls, name, _tuplegetter(i, line.group(1) if line else name))
    i = len(names) - 1

    cls._view = property(lambda self: None if self[i] is None else (self[i], self[i + 1]))
    cls.__getnewargs__ = lambda self: tuple(self[:i]) + (self._view,)
    return cls


def _view_field():
    """The ``_view`` field of a :class:`_Part`."""
    return dataclasses.field(default=None, repr=False, compare=False)


class _Part:
    """A part of a result (a stage, a period, a row): its ``to_dict()`` is
    its piece of the result's view (``_view``: the :class:`_View` and the
    keys down to the piece, set by the package). A part built by hand has
    no view, and gives its public fields."""

    __slots__ = ()  # (a record's instances have none; other parts' have a __dict__)
    _view: Any

    def to_dict(self) -> JSONDict:
        """This part's piece of its result's ``to_dict()``: the object (or
        the element of a list) that ``--format json`` prints for it.

        >>> from funnelplan import Funnel
        >>> Funnel([("lead", "10%"), ("deal", "25%")]).plan(deals=10).stages[1].to_dict()
        {'name': 'deal', 'rate': 0.25, 'cumulative_rate': 0.25, 'required': 40.0, 'required_whole': 40}
        """
        if self._view is None:
            return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                    if not f.name.startswith("_")}
        view, path = self._view
        return view(*path)


def _from_view(cls, d, view=None, path=(), **known):
    """A result (or a part) of dataclass ``cls`` from ``d``, its object in the
    library's view: every public field from the key of its name (None where
    the view leaves it out), a part or a tuple of parts built alike, a list a
    tuple; ``known`` gives fields the view does not hold. A result's
    ``_source`` is ``view``; a part's ``_view`` the keys ``path`` down to it."""
    hints = typing.get_type_hints(cls)
    args = dict(known)
    for f in dataclasses.fields(cls):
        if f.name in known:
            continue
        if f.name == "_source":
            args[f.name] = view
        elif f.name == "_view":
            args[f.name] = view.part(*path)
        elif not f.name.startswith("_"):
            where = path + (f.name,)
            if "of" in f.metadata:  # a container (Periods) of parts of one class
                args[f.name] = hints[f.name](**{
                    g.name: _from_view(f.metadata["of"], d[f.name][g.name], view,
                                       where + (g.name,))
                    for g in dataclasses.fields(typing.get_origin(hints[f.name]) or hints[f.name])})
            else:
                args[f.name] = _field_value(hints[f.name], d.get(f.name), view, where)
    return cls(**args)


def _field_value(hint, value, view, path):
    if value is None:
        return None
    if typing.get_origin(hint) is typing.Union:  # Optional[X]
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if dataclasses.is_dataclass(hint):
        return _from_view(hint, value, view, path)
    if typing.get_origin(hint) is tuple:  # Tuple[X, ...]: parts by name too
        item = typing.get_args(hint)[0]
        return (Named if dataclasses.is_dataclass(item) else tuple)(
            _field_value(item, v, view, path + (k,)) for k, v in enumerate(value))
    return value


def _copy(c_struct):
    """A copy of a C struct, so a result keeps what it was computed from."""
    return type(c_struct).from_buffer_copy(c_struct)


def _mixes_arg(mixes, mix):
    """(C mixes, how many) for a result whose ``mix`` is ``mix``: none once
    the result's mixes were taken off (a what-if lists them at its top)."""
    return (mixes, len(mix)) if mix else (None, 0)


@dataclass(frozen=True)
class Segment:
    """One segment of a lead mix (an element of :attr:`Mix.segments`).

    Attributes:
        name: the segment's name (``"hot"``).
        share: its share of the units entering the stage, a fraction.
        rate: the stage's conversion rate for its units, a fraction in (0, 1].
    """
    name: str
    share: float
    rate: float

    def to_dict(self) -> JSONDict:
        """The segment as ``to_dict()`` of a result lists it.

        >>> Segment("hot", 0.2, 0.6).to_dict()
        {'name': 'hot', 'share': 0.2, 'rate': 0.6}
        """
        return {"name": self.name, "share": self.share, "rate": self.rate}


@dataclass(frozen=True)
class Mix:
    """The lead mix of one stage (``Funnel(..., mix=...)``).

    Attributes:
        stage: the name of the stage the mix enters.
        segments: its segments, in the order given (:class:`Segment`).
        rate: the blended rate the stage takes, Σ share · rate; a fraction.
    """
    stage: str
    segments: Tuple[Segment, ...]
    rate: float

    def to_dict(self) -> JSONDict:
        """The mix as ``to_dict()`` of a result lists it under ``"mix"``.

        >>> from funnelplan import Funnel
        >>> Funnel([("mql", "10%")], mix={"mql": "hot:50%@40%,cold:50%@10%"}).mix[0].to_dict()
        {'stage': 'mql', 'segments': [{'name': 'hot', 'share': 0.5, 'rate': 0.4}, {'name': 'cold', 'share': 0.5, 'rate': 0.1}], 'rate': 0.25}
        """
        return {"stage": self.stage, "segments": [s.to_dict() for s in self.segments],
                "rate": self.rate}


def _mix_piece(context, value):
    """A segment's name, share or rate as text of the mix syntax: text as
    given, a number as the repr of its double (read back exactly; ``nan``,
    ``inf`` and negatives are left for the library to refuse)."""
    if value is None:
        raise refuse("NULL", context)
    if _is_text(value):
        data = _encode(value)
    elif isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, bool):
        try:
            data = repr(float(value)).encode("ascii")
        except OverflowError:
            data = b"inf"
    else:
        raise refuse("MIX", context, typed=True)
    if b"," in data or b"=" in data:
        # The text could not say where it ends.
        raise refuse("MIX", context + ": ',' and '=' cannot be written "
                     "in a mix")
    return data


def _mix_text(item, index, what):
    """(text for fpl_mix_parse, context) of one item of a mix argument."""
    if _is_text(item):
        return _encode(item), "%s %s" % (what, _describe(item))
    if not (isinstance(item, (tuple, list)) and len(item) == 2):
        raise refuse("MIX", "%s[%d] %s" % (what, index, _describe(item)),
                     "expected a (stage, mix) pair or 'STAGE=NAME:SHARE@RATE,...'", typed=True)
    stage, spec = item
    context = "%s %s %s" % (what, _describe(stage), _describe(spec))
    if not _is_text(stage):
        raise refuse("STAGE_UNKNOWN", context, typed=True)
    if _is_text(spec):
        body = _encode(spec)
    else:
        try:
            segments = list(spec)
        except TypeError:
            raise refuse("MIX", context, typed=True) from None
        parts = []
        for k, seg in enumerate(segments):
            if isinstance(seg, Segment):
                seg = (seg.name, seg.share, seg.rate)
            where = "%s: segment %s" % (context, _describe(seg))
            if not (isinstance(seg, (tuple, list)) and len(seg) == 3):
                raise refuse("MIX", where, "expected (name, share, rate)", typed=True)
            name, share, rate = seg
            if not _is_text(name):
                raise refuse("MIX", where, typed=True)
            parts.append(_mix_piece(where, name) + b":" + _mix_piece(where, share) + b"@"
                         + _mix_piece(where, rate))
        body = b",".join(parts)
    return _encode(stage) + b"=" + body, context


def _parse_mixes(c, mix, what):
    """[(C fpl_mix, :class:`Mix`)] of a mix argument, read by ``fpl_mix_parse``
    against the C funnel ``c``, in funnel order."""
    if mix is None:
        return []
    found = {}
    for index, item in enumerate(_items(what, mix, "MIX", other="a mapping {stage: mix}")):
        text, context = _mix_text(item, index, what)
        m = _native.fpl_mix()
        _call(fn.mix_parse, (byref(c), text, len(text), byref(m)), context, {}, c, text)
        if m.stage in found:
            raise refuse("STAGE_DUPLICATE", "%s: a second mix for stage %s"
                         % (context, _describe(c.stages[m.stage].name.decode())))
        rate = c_double()
        _call(fn.mix_rate, (byref(m), byref(rate)), context, {})
        segments = Named(Segment(g.name.decode("utf-8"), g.share, g.rate)
                         for g in m.segments[:m.n_segments])
        found[m.stage] = (m, Mix(c.stages[m.stage].name.decode("utf-8"), segments, rate.value))
    return [found[k] for k in sorted(found)]


def _mix_argument(mix):
    """A funnel's mixes as the ``mix`` argument that rebuilds them."""
    return {m.stage: [(g.name, g.share, g.rate) for g in m.segments] for m in mix}


def _missing(label):
    raise refuse("NULL", "%s None" % label)


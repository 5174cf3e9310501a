# funnelplan — lead qualification: criteria, scores, bands, ranking a CSV of leads.
# SPDX-License-Identifier: MIT
""":func:`score` (a CSV file of leads, scored and ranked), :class:`Criteria`
(a definition of a qualified lead, scoring one lead at a time; presets bant,
bad, champ and meddic), :func:`fit_score` (weights fitted to won/lost
outcomes, measured by the area under the ROC curve) and :func:`auc`, over
``include/funnelplan/score.h``.

The library decides everything: criteria written as text are read by
``fpl_criteria_add_parse`` (the CLI's ``--criterion``), answers by
``fpl_answer_parse``, the file by the streaming reader ``fpl_csv_feed`` (fed
64 KiB at a time), scores and bands by ``fpl_score_lead``, and the ranking
by ``fpl_score_before`` (the sort's only comparison). ``to_dict()`` is the
object ``funnelplan score ... --format json`` prints
(notes/score_contract.md).

Python keeps every scored row in memory to rank them (about 1 KB per row);
the CLI is the bounded-memory path for files of millions of leads.
"""

import ctypes
import functools
import json
import numbers
import os
from ctypes import byref, c_double, c_size_t
from dataclasses import dataclass, field
from typing import IO, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._common import JSONDict, Named, _Shown, _amount, _describe, _encode, _float_text, _is_text, _items, refuse
from ._errors import FunnelError
from ._native import fn

__all__ = ["Criteria", "Criterion", "LeadScore", "Score", "ScoredLead", "SkippedRow", "Bands",
           "ScoreFit", "score", "fit_score", "auc", "PRESETS"]

#: The presets' names, in the library's order (``fpl_preset_name``).
PRESETS = tuple(fn.preset_name(p).decode("ascii") for p in range(_native.PRESET_COUNT))

#: Bytes read from the source and fed to the library at a time.
_CHUNK = 65536
#: Rows the library may return from one call of ``fpl_csv_feed``.
_ROWS = 1024
#: Skipped rows kept in a :class:`Score` (the CLI's JSON lists the first 100).
SKIPPED_ROWS_KEPT = 100
#: fpl_text_sink: where the library's score writer puts its text.
_SINK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), c_size_t)


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Criterion:
    """One criterion of a :class:`Criteria`.

    Attributes:
        name: the criterion's name, as the CSV file's header names its column.
        weight: its weight in the score (> 0; 1 by default).
        required: whether it must be fully met (answer 1) for a lead to be
            sales-ready.
        saturation: above 0, the criterion is answered with a count (clicks,
            downloads, product views) scaled to min(count / saturation, 1);
            0, with a number from 0 to 1.
    """
    name: str
    weight: float = 1.0
    required: bool = False
    saturation: float = 0.0

    def to_dict(self) -> JSONDict:
        """The criterion as the CLI's JSON lists it (``saturation`` only for
        a counted criterion).

        >>> Criterion("need", 2.0, True).to_dict()
        {'name': 'need', 'weight': 2.0, 'required': True}
        """
        d: JSONDict = {"name": self.name, "weight": self.weight, "required": self.required}
        if self.saturation > 0:
            d["saturation"] = self.saturation
        return d


@dataclass(frozen=True)
class LeadScore:
    """One lead's score (:meth:`Criteria.score`).

    Attributes:
        score: 100 · Σ weight · answer / Σ weight, from 0 to 100; exact.
        band: ``"hot"``, ``"warm"`` or ``"cold"``.
        sales_ready: whether every required criterion is fully met (with
            none required: whether it is hot).
        missing: the criteria it does not fully meet, in the criteria's order.
    """
    score: float
    band: str
    sales_ready: bool
    missing: Tuple[str, ...]

    def to_dict(self) -> JSONDict:
        """The score as a dict of its fields.

        >>> Criteria.bant().score({"budget": 1, "authority": 1, "need": 1}).to_dict()
        {'score': 75.0, 'band': 'hot', 'sales_ready': False, 'missing': ['timing']}
        """
        return {"score": self.score, "band": self.band, "sales_ready": self.sales_ready,
                "missing": list(self.missing)}


@dataclass(frozen=True)
class ScoredLead:
    """A scored row of the file (an element of :attr:`Score.rows`).

    Attributes:
        rank: its place, 1 for the most promising; an int.
        line: the line where its record starts (1 is the header); an int.
        id: the lead's id, from the id column.
        score: its score, from 0 to 100 (see :class:`LeadScore`); exact.
        band: ``"hot"``, ``"warm"`` or ``"cold"``.
        sales_ready: whether every required criterion is fully met.
        missing: the criteria it does not fully meet, in the criteria's order.
    """
    rank: int
    line: int
    id: str
    score: float
    band: str
    sales_ready: bool
    missing: Tuple[str, ...]

    def to_dict(self) -> JSONDict:
        """The row as ``Score.to_dict()`` lists it under ``"rows"``.

        >>> score("id,budget,authority,need,timing\\nacme,1,1,0,1\\n").rows[0].to_dict()
        {'rank': 1, 'line': 2, 'id': 'acme', 'score': 75.0, 'band': 'hot', 'sales_ready': False, 'missing': ['need']}
        """
        return {"rank": self.rank, "line": self.line, "id": self.id, "score": self.score,
                "band": self.band, "sales_ready": self.sales_ready,
                "missing": list(self.missing)}


@dataclass(frozen=True)
class SkippedRow:
    """A row that was not scored: its ``line`` and the ``message`` the CLI
    prints after ``FILE:LINE:``. ``fault`` is the library's name for the
    fault (``"FPL_CSV_FIELDS"``, ``"FPL_CSV_ANSWER"``, ...); ``column`` the
    criterion whose answer was refused (``FPL_CSV_ANSWER`` only).

    Attributes:
        line: the line where the row starts (1 is the header); an int.
        message: what is wrong with it, as the CLI prints it.
        fault: the library's name of the fault (``"FPL_CSV_FIELDS"``, ...).
        column: the criterion whose answer was refused; None for other faults.
    """
    line: int
    message: str
    fault: str
    column: Optional[str] = None

    def to_dict(self) -> JSONDict:
        """The row as ``Score.to_dict()`` lists it under ``"skipped_rows"``.

        >>> score("id,budget,authority,need,timing\\nacme,1,1\\n").skipped_rows[0].to_dict()["line"]
        2
        """
        return {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class Bands:
    """How many scored rows fall in each band (:attr:`Score.bands`).

    Attributes:
        hot: rows scoring at least the hot threshold; an int.
        warm: rows at least warm but below hot; an int.
        cold: the other scored rows; an int.
    """
    hot: int
    warm: int
    cold: int

    def to_dict(self) -> JSONDict:
        """The counts as a dict.

        >>> Bands(3, 2, 1).to_dict()
        {'hot': 3, 'warm': 2, 'cold': 1}
        """
        return {"hot": self.hot, "warm": self.warm, "cold": self.cold}


@dataclass(frozen=True, repr=False)
class Score(_Shown):
    """A file of leads, scored and ranked most promising first.

    ``scored`` and ``skipped`` count every row of the file; ``bands`` and
    ``sales_ready`` count every scored row; ``rows`` holds the ranked rows
    (the first ``top`` only when :func:`score` was given ``top``);
    ``skipped_rows`` the first 100 rows that were not scored, in file order.

    Attributes:
        criteria: the criteria scored against (:class:`Criterion`).
        hot: the hot threshold used, a score from 0 to 100.
        warm: the warm threshold used.
        id_column: the name of the id column.
        scored: rows scored; an int.
        skipped: rows that could not be scored; an int.
        bands: how many scored rows fall in each band (:class:`Bands`).
        sales_ready: how many scored rows are sales-ready; an int.
        rows: the ranked rows, most promising first (:class:`ScoredLead`).
        skipped_rows: the first 100 rows not scored, in file order
            (:class:`SkippedRow`).

    ``to_dict()`` is the object ``funnelplan score ... --format json`` prints;
    ``str()`` its table and :meth:`to_csv` its CSV (the library's
    ``fpl_score_render_*``); ``score["acme"]`` is the row of the lead ``acme``.
    """
    criteria: Tuple[Criterion, ...]
    hot: float
    warm: float
    id_column: str
    scored: int
    skipped: int
    bands: Bands
    sales_ready: int
    rows: Tuple[ScoredLead, ...]
    skipped_rows: Tuple[SkippedRow, ...]
    # What the library renders: the C criteria, the reader's id column, the
    # counts (fpl_score_tally), the widest id of every scored row as the
    # table shows it, and each row's fpl_lead_score.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ("id_column", "scored", "skipped", "sales_ready")
    _by_name = "rows"
    _text_columns = ("id", "band", "missing")

    def _render_text(self, fmt):
        """The text ``funnelplan score`` prints in format ``fmt``, written
        by the library a part at a time (``fpl_score_render_begin``, a lead
        at a time, ``_end``) into a list."""
        criteria, id_column, tally, id_cells, scores = self._source
        parts = []
        sink = _SINK(lambda ctx, text, n: parts.append(text[:n]))
        w = _native.fpl_score_writer()
        fn.score_render_begin(byref(w), fmt, byref(criteria), id_column, byref(tally),
                              len(self.rows), id_cells, ctypes.cast(sink, ctypes.c_void_p), None)
        lead, writer = fn.score_render_lead.c_function, byref(w)  # refuses only NULLs
        for row, s in zip(self.rows, scores):
            lead(writer, row.line, row.id.encode("utf-8", "surrogatepass"), byref(s), None)
        fn.score_render_end(byref(w))
        return b"".join(parts).decode("utf-8")

    def to_dict(self) -> JSONDict:
        """The object ``funnelplan score ... --format json`` prints.

        >>> d = score("id,budget,authority,need,timing\\nacme,1,1,1,1\\n").to_dict()
        >>> d["command"], d["scored"], d["bands"], d["rows"][0]["id"]
        ('score', 1, {'hot': 1, 'warm': 0, 'cold': 0}, 'acme')
        """
        return {"command": "score", "criteria": [c.to_dict() for c in self.criteria],
                "hot": self.hot, "warm": self.warm, "id_column": self.id_column,
                "scored": self.scored, "skipped": self.skipped, "bands": self.bands.to_dict(),
                "sales_ready": self.sales_ready, "rows": [r.to_dict() for r in self.rows],
                "skipped_rows": [r.to_dict() for r in self.skipped_rows]}


# ---------------------------------------------------------------------------
# Criteria


def _number_text(value):
    """A number as text the library's parsers read back as the same double
    (``repr`` of a double is its shortest round-trip form; ``nan``, ``inf``
    and negatives are left for the library to refuse)."""
    try:
        x = float(value)
    except OverflowError:
        x = float("inf") if value > 0 else float("-inf")
    return _float_text(x).encode("ascii")


def _is_real(value):
    """A weight or an answer as a number: a real, not a bool (nor, unlike
    the amounts of the other questions, a Decimal)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _criterion_text(index, item):
    """(text for fpl_criteria_add_parse, context) of one item of ``criteria``."""
    if _is_text(item):
        return _encode(item), "criteria[%d] %s" % (index, _describe(item))
    if isinstance(item, Criterion):
        item = (item.name, item.weight, item.required, item.saturation)
    context = "criteria[%d] %s" % (index, _describe(item))
    if not (isinstance(item, (tuple, list)) and 1 <= len(item) <= 4):
        raise refuse("CRITERION", context, "expected a spec 'NAME=WEIGHT,required' or a "
                     "(name, weight, required, saturation) tuple", typed=True)
    name = item[0]
    weight = item[1] if len(item) > 1 else 1
    required = item[2] if len(item) > 2 else False
    saturation = item[3] if len(item) > 3 else 0
    if not _is_text(name):
        raise refuse("STAGE_NAME_UTF8", context, "name must be a str", typed=True,
                     field="criterion", index=index)
    if _is_text(weight):
        weight_text = _encode(weight)
    elif _is_real(weight):
        weight_text = _number_text(weight)
    else:
        raise refuse("CRITERION", context, typed=True)
    if not isinstance(required, bool):
        raise refuse("CRITERION", context + ": required is True or False", typed=True)
    suffix = b""
    if not (_is_real(saturation) and saturation == 0):
        if _is_text(saturation):
            suffix = b",saturation=" + _encode(saturation)
        elif _is_real(saturation):
            suffix = b",saturation=" + _number_text(saturation)
        else:
            raise refuse("SATURATION", context, typed=True)
    # Always NAME=WEIGHT: the library splits at the last '=', so a name may
    # hold '=' itself.
    text = _encode(name) + b"=" + weight_text + (b",required" if required else b"") + suffix
    return text, context


def _set_thresholds(c, hot, warm):
    """Gives the library the thresholds given (None: its default) and has it
    check them; it says which one is at fault."""
    given = {"hot": hot, "warm": warm}
    c.has_hot = hot is not None
    c.hot = 0.0 if hot is None else _amount("hot", hot)
    c.has_warm = warm is not None
    c.warm = 0.0 if warm is None else _amount("warm", warm)
    try:
        fn.criteria_check(byref(c))
    except FunnelError as exc:
        if exc.field in given:
            value = given[exc.field]
            if value is not None and getattr(c, exc.field) == 0:
                context = "%s %s" % (exc.field, _describe(value))
            else:
                context = "hot %s and warm %s" % (
                    "%s (the default)" % fn.criteria_hot(byref(c)) if hot is None
                    else _describe(hot),
                    "%s (the default)" % fn.criteria_warm(byref(c)) if warm is None
                    else _describe(warm))
            raise exc.with_context(context + ": %g < warm <= hot <= %g" % (
                _native.LIMITS["warm"].min, _native.LIMITS["hot"].max)) from None
        raise exc.with_context("criteria") from None  # pragma: no cover


class Criteria:
    """A definition of a qualified lead: weighted criteria, some required,
    and the thresholds of the bands.

    ``criteria`` is a preset's name (``"bant"``, ``"bad"``, ``"champ"``,
    ``"meddic"``, any case; :data:`PRESETS`), a list of specs as the CLI's
    ``--criterion`` (``"budget"``, ``"need=2"``, ``"budget=2,required"``,
    ``"clicks=1,saturation=20"``), of ``(name, weight, required,
    saturation)`` tuples (all but the name optional: 1, False, 0) or of
    :class:`Criterion`; :meth:`bant` is the BANT preset (budget, authority,
    need, timing; equal weights; all four required), :meth:`preset` any
    preset. ``hot`` and ``warm`` are the thresholds of the bands (numbers or
    text such as ``"80"``; 0 < warm <= hot <= 100; default 75 and 50).
    ``saturation`` maps a criterion's name to a count above 0 (the CLI's
    ``--saturation NAME=COUNT``): that criterion is then answered with a
    count, scaled to min(count / saturation, 1), as the ``bad`` preset's
    activity is (saturation 10 by default).

    A lead's score is 100 · Σ weight · answer / Σ weight; it is hot at a
    score >= hot, warm at >= warm, else cold; sales-ready when every required
    criterion is fully met (with none required: when hot).

    >>> bant = Criteria.bant()
    >>> s = bant.score({"budget": "yes", "authority": 1, "need": "50%", "timing": True})
    >>> s.score, s.band, s.sales_ready, s.missing
    (87.5, 'hot', False, ('need',))
    """

    __slots__ = ("_c", "_criteria", "_preset")

    def __init__(self, criteria: Union[str, Sequence[Any]], *,
                 hot: Optional[Union[float, str]] = None,
                 warm: Optional[Union[float, str]] = None,
                 saturation: Optional[Mapping[str, Any]] = None) -> None:
        self._preset: Optional[str] = None
        if criteria is None:
            raise refuse("CRITERION_COUNT", "criteria None")
        if _is_text(criteria):
            data = _encode(criteria)
            c = _native.fpl_criteria()
            which = ctypes.c_int()
            try:
                fn.criteria_preset_parse(data, len(data), byref(c), byref(which))
            except FunnelError as exc:
                raise exc.with_context("criteria %s" % _describe(criteria)) from None
            self._preset = PRESETS[which.value]
            self._init(c, hot, warm, saturation)
            return
        if isinstance(criteria, Criteria):
            # a threshold not given stays as the other had it: given or not
            c = criteria._c
            self._preset = criteria._preset if saturation is None else None
            self._init(criteria._copy(), hot if hot is not None or not c.has_hot else c.hot,
                       warm if warm is not None or not c.has_warm else c.warm, saturation)
            return
        try:
            items = list(criteria)
        except TypeError:
            raise refuse("CRITERION", "criteria %s" % _describe(criteria), typed=True) from None
        c = _native.fpl_criteria()
        for index, item in enumerate(items):
            text, context = _criterion_text(index, item)
            try:
                fn.criteria_add_parse(byref(c), text, len(text))
            except FunnelError as exc:
                if exc.field == "criteria":  # too many: the list as a whole
                    context = "criteria (%d given)" % len(items)
                raise exc.with_context(context) from None
        if not items:
            raise refuse("CRITERION_COUNT", "criteria (none given)")
        self._init(c, hot, warm, saturation)

    def _init(self, c, hot, warm, saturation=None):
        for item in [] if saturation is None else _items("saturation", saturation,
                                                          "SATURATION"):
            # {name: count}, or "NAME=COUNT" as the CLI's --saturation
            if isinstance(item, tuple) and len(item) == 2 and _is_text(item[0]):
                name, count = item
                if not (_is_text(count) or _is_real(count)):
                    raise refuse("SATURATION", "saturation %s: %s" % (
                        _describe(name), _describe(count)), typed=True)
                text = _encode(name) + b"=" + (_encode(count) if _is_text(count)
                                                 else _number_text(count))
                context = "saturation %s: %s" % (_describe(name), _describe(count))
            elif _is_text(item):
                text, context = _encode(item), "saturation %s" % _describe(item)
            else:
                raise refuse("SATURATION", "saturation %s" % _describe(item), typed=True)
            try:
                fn.criteria_saturation_parse(byref(c), text, len(text))
            except FunnelError as exc:
                raise exc.with_context(context) from None
        _set_thresholds(c, hot, warm)
        self._c = c
        self._criteria = tuple(Criterion(k.name.decode("utf-8"), k.weight, bool(k.required),
                                         c.saturation[i])
                               for i, k in enumerate(c.criteria[:c.n_criteria]))

    def _copy(self):
        return _native.fpl_criteria.from_buffer_copy(self._c)

    @classmethod
    def bant(cls, *, hot: Optional[Union[float, str]] = None,
             warm: Optional[Union[float, str]] = None) -> "Criteria":
        """The BANT preset: budget, authority, need, timing; weight 1 each;
        all required.

        >>> Criteria.bant(hot=80).names, Criteria.bant(hot=80).hot
        (('budget', 'authority', 'need', 'timing'), 80.0)
        """
        return cls("bant", hot=hot, warm=warm)

    @classmethod
    def preset(cls, name: str, *, hot: Optional[Union[float, str]] = None,
               warm: Optional[Union[float, str]] = None,
               saturation: Optional[Mapping[str, Any]] = None) -> "Criteria":
        """A preset by name (:data:`PRESETS`; the guide lists their criteria
        and weights): ``Criteria.preset("bad", saturation={"activity": 20})``.

        >>> Criteria.preset("champ").names
        ('challenges', 'authority', 'money', 'prioritization')
        """
        if not _is_text(name):
            raise refuse("PRESET", "preset %s" % _describe(name), typed=True)
        return cls(name, hot=hot, warm=warm, saturation=saturation)

    @property
    def preset_name(self) -> Optional[str]:
        """The preset these criteria are (``"bant"``, ...), None when they
        were given one by one."""
        return self._preset

    def options(self, comment: Optional[str] = None) -> str:
        """The criteria as an @FILE of the CLI's options
        (``fpl_criteria_options``): ``--criterion`` lines, ``--hot`` and
        ``--warm`` when given.

        >>> print(Criteria(["budget", "need=2,required"]).options(), end="")
        --criterion budget=1
        --criterion need=2,required
        """
        size = _native.CRITERIA_OPTIONS_MAX
        text = ctypes.create_string_buffer(size)
        data = None if comment is None else _encode(comment)[:256]
        fn.criteria_options(byref(self._c), data, text, size)
        return text.value.decode("utf-8")

    @property
    def criteria(self) -> Tuple[Criterion, ...]:
        """The criteria, in order, as :class:`Criterion`."""
        return self._criteria

    @property
    def names(self) -> Tuple[str, ...]:
        """The criteria's names, in order."""
        return tuple(c.name for c in self._criteria)

    @property
    def hot(self) -> float:
        """The hot threshold in use (the library's default when none was given)."""
        return fn.criteria_hot(byref(self._c))

    @property
    def warm(self) -> float:
        """The warm threshold in use (the library's default when none was given)."""
        return fn.criteria_warm(byref(self._c))

    def __len__(self) -> int:
        return len(self._criteria)

    def _key(self):
        return (self._criteria, self.hot, self.warm)

    def __eq__(self, other):
        if not isinstance(other, Criteria):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __reduce__(self):
        return (_rebuild_criteria, self._key())

    def __repr__(self):
        return "Criteria(%r, hot=%r, warm=%r)" % (
            [(c.name, c.weight, c.required) + ((c.saturation,) if c.saturation else ())
             for c in self._criteria], self.hot, self.warm)

    def _lead_score(self, s):
        return LeadScore(s.score, fn.band_name(s.band).decode("ascii"), bool(s.sales_ready),
                         self._missing(s.missing))

    def _missing(self, bits):
        return tuple(c.name for i, c in enumerate(self._criteria) if bits >> i & 1)

    def _answer(self, index, name, value):
        """One answer (of criterion ``index``) as a double: text read by
        ``fpl_answer_parse`` (``"yes"``, ``"50%"``, ``"1/3"``, ``""``),
        True/False as yes/no, None as not known (0), a number as it is (the
        library checks the range)."""
        context = "answer %s for %s" % (_describe(value), _describe(name))
        if value is None:
            return 0.0
        counted = self._c.saturation[index] > 0
        if isinstance(value, bool):
            if counted:
                raise refuse("ANSWER", context + ": a count", typed=True, field="answer",
                             index=index)
            return 1.0 if value else 0.0
        if counted and _is_real(value):
            value = _number_text(value).decode("ascii")
        if _is_text(value):
            data = _encode(value)
            out = c_double()
            try:
                fn.criterion_answer_parse(byref(self._c), index, data, len(data), byref(out))
            except FunnelError as exc:
                exc = exc.with_context(context)
                exc.index = index  # the library read one answer: which is known here
                raise exc from None
            return out.value
        if _is_real(value):
            try:
                return float(value)
            except OverflowError:
                raise refuse("ANSWER", context, field="answer", index=index) from None
        raise refuse("ANSWER", context, typed=True, field="answer", index=index)

    def score(self, answers: Union[Mapping[str, Any], Sequence[Any]]) -> LeadScore:
        """Scores one lead: a :class:`LeadScore`.

        ``answers`` maps a criterion's name to its answer (a criterion left
        out is not known: 0, as an empty cell of a CSV file), or is a
        sequence of one answer per criterion, in order. An answer is a
        number in [0, 1], text as in the CSV file (``"yes"``, ``"no"``,
        ``"50%"``, ``"1/3"``), True/False, or None (not known: 0); a
        counted criterion's (a saturation above 0) is a count of 0 or more.

        >>> Criteria(["budget", "need=2,required"]).score(["yes", "50%"])
        LeadScore(score=66.66666666666667, band='warm', sales_ready=False, missing=('need',))
        """
        names = self.names
        if answers is None:
            raise refuse("NULL", "answers None")
        if hasattr(answers, "items") and callable(answers.items):
            given = dict(answers.items())
            unknown = [k for k in given if k not in names]
            if unknown:
                raise refuse("ANSWER", "answers: %s is not a criterion (%s)"
                             % (_describe(unknown[0]), ", ".join(names)))
            items = [(n, given.get(n)) for n in names]
        elif _is_text(answers):
            raise refuse("ANSWER", "answers %s" % _describe(answers),
                         "expected a mapping or a sequence", typed=True)
        else:
            try:
                values = list(answers)
            except TypeError:
                raise refuse("ANSWER", "answers %s" % _describe(answers), typed=True) from None
            if len(values) != len(names):
                raise refuse("ANSWER", "answers: %d given for %d criteria"
                             % (len(values), len(names)))
            items = list(zip(names, values))
        array = (c_double * len(items))(*[self._answer(i, n, v)
                                          for i, (n, v) in enumerate(items)])
        out = _native.fpl_lead_score()
        try:
            fn.score_lead(byref(self._c), array, len(items), byref(out))
        except FunnelError as exc:
            if exc.field == "answer" and exc.index is not None:
                name, value = items[exc.index]
                raise exc.with_context("answer %s for %s"
                                       % (_describe(value), _describe(name))) from None
            raise exc.with_context("answers") from None  # pragma: no cover
        return self._lead_score(out)

    def to_dict(self) -> List[JSONDict]:
        """The criteria as the CLI's JSON lists them.

        >>> Criteria(["budget", "need=2,required"]).to_dict()[1]
        {'name': 'need', 'weight': 2.0, 'required': True}
        """
        return [c.to_dict() for c in self._criteria]


def _rebuild_criteria(criteria, hot, warm):
    return Criteria(list(criteria), hot=hot, warm=warm)


# ---------------------------------------------------------------------------
# Reading the leads


def _chunks(leads):
    """(file name for messages or None, generator of bytes chunks) of a
    source: a path (os.PathLike, or a str without a line break), a binary
    or text file object, or the CSV text itself (bytes, or a str with a
    line break)."""
    if isinstance(leads, (bytes, bytearray, memoryview)):
        return None, _once(bytes(leads))
    if isinstance(leads, str) and ("\n" in leads or "\r" in leads):
        return None, _once(_encode(leads))
    if isinstance(leads, (str, os.PathLike)):
        path = os.fspath(leads)
        return os.fsdecode(path), _file_chunks(open(path, "rb"), True)
    if hasattr(leads, "read") and callable(leads.read):
        name = getattr(leads, "name", None)
        return (name if isinstance(name, str) else None), _file_chunks(leads, False)
    raise refuse("CSV_HEADER", "leads %s" % _describe(leads),
                 "expected a path, a file object or the CSV text", typed=True)


def _once(data):
    yield data


def _file_chunks(f, close):
    try:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                return
            yield _encode(chunk) if isinstance(chunk, str) else bytes(chunk)
    finally:
        if close:
            f.close()


def _criteria_of(criteria, hot, warm):
    if isinstance(criteria, Criteria) and hot is None and warm is None:
        return criteria
    return Criteria(criteria, hot=hot, warm=warm)


def _top(top):
    """The number of ranked rows kept, or None for all."""
    if top is None:
        return None
    context = "top %s" % _describe(top)
    if isinstance(top, bool):
        raise refuse("PARSE_SYNTAX", context, typed=True)
    if isinstance(top, numbers.Integral):
        n = int(top)
    else:
        x = _amount("top", top)
        if not (x == x and abs(x) != float("inf") and x == int(x)):
            raise refuse("PARSE_SYNTAX", context + ": a whole number of rows")
        n = int(x)
    if n < 0:
        raise refuse("PARSE_NEGATIVE", context)
    return n


def _before(a, b):
    """The library's order (``fpl_score_before``) as a comparison of
    (score, line) pairs."""
    return -1 if fn.score_before(a[0], a[1], b[0], b[1]) else 1


def _fault_error(label, row, message, names):
    """The :class:`FunnelError` of a row at fault (``strict``): about the
    answer (its criterion's index) or the file (``leads``), at its line."""
    where = "line %d" % row.line if label is None else "%s:%d" % (label, row.line)
    if row.fault == "FPL_CSV_ANSWER":
        exc = refuse("ANSWER", where, message)
    else:
        exc = FunnelError(row.fault, message, context=where)
    exc.line = row.line
    exc.fault = row.fault
    if row.column is not None:
        exc.field, exc.index = "answer", names.index(row.column)
    else:
        exc.field = "leads"
    return exc


def _header_error(exc, reader, context):
    """The :class:`FunnelError` of a refused header, in the library's words
    naming the column at fault (``fpl_csv_header_message``); ``.fault`` is
    the library's name for why (``"FPL_CSV_HEADER_MISSING"``, ...)."""
    text = ctypes.create_string_buffer(_native.CSV_HEADER_MESSAGE_MAX)
    fn.csv_header_message(byref(reader), text, len(text))
    other = exc._copy(text.value.decode("utf-8", "replace"), context)
    other.fault = _native.CSV_HEADER_FAULT_NAMES[reader.header_fault]
    return other


def _skipped_row(r, messages, names, outcome):
    """The :class:`SkippedRow` of a row the library refused, with the CLI's
    message (``column 'need': ...`` for an answer or an outcome)."""
    fault = r.fault
    if fault not in messages:
        messages[fault] = fn.csv_fault_message(fault).decode("utf-8")
    column = None
    message = messages[fault]
    if fault in (_native.CSV_ANSWER, _native.CSV_COUNT):
        column = names[r.criterion]
        message = "column '%s': %s" % (column, message)
    elif fault == _native.CSV_OUTCOME:
        message = "column '%s': %s" % (outcome, message)
    return SkippedRow(int(r.line), message, _native.CSV_FAULT_NAMES[fault], column)


def _begin_reader(crit, id_column):
    """The library's streaming reader, begun for the criteria and the id column."""
    if not _is_text(id_column):
        raise refuse("STAGE_NAME_UTF8", "id_column %s" % _describe(id_column), "must be a str",
                     typed=True)
    id_data = _encode(id_column)
    reader = _native.fpl_csv_reader()
    try:
        fn.csv_begin(byref(reader), byref(crit._c), id_data, len(id_data))
    except FunnelError as exc:
        raise exc.with_context("id_column %s" % _describe(id_column)) from None
    return reader


def _read_rows(reader, label, chunks, take):
    """Feeds every chunk to the library's streaming reader; ``take(rows,
    count)`` gets the rows of each call. A refused header raises."""
    rows = (_native.fpl_csv_row * _ROWS)()
    n = c_size_t()
    used = c_size_t()

    def feed(data, at_end):
        while True:
            try:
                fn.csv_feed(byref(reader), data, len(data), at_end, rows, _ROWS, byref(n),
                            byref(used))
            except FunnelError as exc:
                take(rows, n.value)  # rows before a fault of the header: none
                context = "leads" if label is None else "leads %s" % _describe(label)
                if reader.header_fault != _native.CSV_HEADER_OK:
                    raise _header_error(exc, reader, context) from None
                raise exc.with_context(context) from None
            take(rows, n.value)
            data = data[used.value:]
            if not data and not (at_end and n.value == _ROWS):
                return

    try:
        for chunk in chunks:
            feed(chunk, False)
        feed(b"", True)
    finally:
        chunks.close()  # a file opened here is closed even when a row is refused


def score(leads: Union[str, bytes, "os.PathLike[str]", IO[Any]],
          criteria: Union[str, "Criteria", Sequence[Any]] = "bant", *,
          hot: Optional[Union[float, str]] = None, warm: Optional[Union[float, str]] = None,
          id_column: str = "id", strict: bool = False, top: Optional[int] = None) -> Score:
    """Scores a CSV file of leads and ranks them, most promising first: a
    :class:`Score`.

    ``leads`` is a path (``pathlib.Path``, or a str without a line break), a
    file object opened in binary mode (or in text mode; ``newline=""``
    keeps line ends inside quoted ids as they are), or the CSV text itself
    (bytes, or a str holding a line break). The header names the id column
    (``id_column``) and every criterion; other columns are ignored. RFC 4180
    quoting, UTF-8, LF or CRLF line ends, blank lines skipped.

    ``criteria`` is ``"bant"`` (the preset), a :class:`Criteria`, or a list
    of specs or tuples as :class:`Criteria` takes; ``hot`` and ``warm`` are
    the thresholds of the bands (default 75 and 50).

    A path that cannot be opened raises ``OSError``, as ``open`` does. A
    row at fault (a field too many or too few, a stray quote, invalid
    UTF-8, an empty id, an answer that is not a number from 0 to 1 or
    yes/no) is skipped and listed in ``skipped_rows`` with its line and the
    CLI's message; with ``strict=True`` the first one raises
    :class:`FunnelError` naming ``FILE:LINE`` (``line N`` for CSV text or
    a file object without a name; ``.line`` and ``.fault``
    tell which; ``.status`` is ``ANSWER`` for an answer, else the
    fault's name such as ``"FPL_CSV_FIELDS"``). A header without the id
    column or a criterion raises ``CSV_HEADER``, its message naming the
    column at fault (names match in any ASCII case: ``Budget`` is the
    criterion ``budget``; two columns naming one are refused); its
    ``.fault`` says why (``"FPL_CSV_HEADER_MISSING"``, ``"FPL_CSV_HEADER_TWICE"``,
    ``"FPL_CSV_HEADER_LONG"`` for a first line past 65536 bytes, ...). ``top`` keeps only
    the first ``top`` ranked rows (the counts cover every row); with it, memory
    stays bounded however long the file (the rows are cut to the best ``top``
    as they come), without it every scored row is held.

    >>> s = score(b"id,budget,authority,need,timing\\nacme,yes,yes,50%,yes\\n"
    ...           b"globex,1,1,1,1\\n")
    >>> [(r.rank, r.id, r.score, r.band, r.sales_ready) for r in s.rows]
    [(1, 'globex', 100.0, 'hot', True), (2, 'acme', 87.5, 'hot', False)]
    """
    crit = _criteria_of(criteria, hot, warm)
    if not _is_text(id_column):
        raise refuse("STAGE_NAME_UTF8", "id_column %s" % _describe(id_column), "must be a str",
                     typed=True)
    keep = _top(top)
    if not isinstance(strict, bool):
        raise TypeError("score(): strict is True or False, not %s" % _describe(strict))
    reader = _begin_reader(crit, id_column)
    label, chunks = _chunks(leads)

    names = crit.names
    band_names = {b: fn.band_name(b).decode("ascii")
                  for b in (_native.BAND_COLD, _native.BAND_WARM, _native.BAND_HOT)}
    messages: Dict[Any, str] = {}
    missing_of: Dict[int, Tuple[str, ...]] = {}   # bits of fpl_lead_score.missing -> names
    scored = []       # (fpl_lead_score, line, id, score, band, sales_ready, missing)
    # With `top`, memory stays bounded whatever the file's size: whenever the
    # list reaches this length it is ranked and cut to the best `keep` (the
    # order is total, so the best of all are among the best kept so far).
    prune_at = None if keep is None else 2 * keep + 4096

    def rank(items):
        # The library's order decides (the comparison is fpl_score_before
        # alone); sorting by the raw score first only spares it work: its
        # order differs from that one among scores within a billionth of a
        # point, which the stable second sort puts right with few comparisons.
        items.sort(key=lambda t: (-t[3], not t[5], t[1]))
        items.sort(key=functools.cmp_to_key(_before))
        if keep is not None:
            del items[keep:]
    skipped: List[SkippedRow] = []
    n_skipped = 0
    counts = {"hot": 0, "warm": 0, "cold": 0}
    n_ready = 0
    tally = _native.fpl_score_tally()
    id_cells = 0      # the widest id as the table shows it (fpl_format_escaped)
    cells = c_size_t()

    def take(rows, count):
        nonlocal n_skipped, n_ready, id_cells
        for k in range(count):
            r = rows[k]
            fn.score_tally_add(byref(tally), byref(r))
            if r.fault == _native.CSV_OK:
                if id_cells < _native.SCORE_ID_WIDTH_MAX:  # the widest the table shows
                    fn.format_escaped(r.id, None, 0, byref(cells))
                    id_cells = max(id_cells, cells.value)
                s = _native.fpl_lead_score.from_buffer_copy(r.score)
                band = band_names[s.band]
                counts[band] += 1
                ready = bool(s.sales_ready)
                n_ready += ready
                # (the library checked the id's UTF-8; "replace" only guards)
                ident = r.id.decode("utf-8", "replace")
                bits = s.missing
                missing = missing_of.get(bits)
                if missing is None:
                    missing = missing_of[bits] = crit._missing(bits)
                scored.append((s, r.line, ident, s.score, band, ready, missing))
                if keep is not None and len(scored) >= prune_at:
                    rank(scored)  # only the best `keep` can still be printed
                continue
            row = _skipped_row(r, messages, names, None)
            if strict:
                raise _fault_error(label, row, row.message, names)
            n_skipped += 1
            if len(skipped) < SKIPPED_ROWS_KEPT:
                skipped.append(row)

    _read_rows(reader, label, chunks, take)

    rank(scored)
    ranked = Named(ScoredLead(i + 1, int(line), ident, value, band, ready, missing)
                   for i, (_, line, ident, value, band, ready, missing) in enumerate(scored))
    return Score(criteria=crit.criteria, hot=crit.hot, warm=crit.warm,
                 id_column=id_column if isinstance(id_column, str)
                 else bytes(id_column).decode("utf-8"),  # type: ignore[arg-type]
                 scored=sum(counts.values()), skipped=n_skipped,
                 bands=Bands(counts["hot"], counts["warm"], counts["cold"]),
                 sales_ready=n_ready, rows=ranked, skipped_rows=tuple(skipped),
                 _source=(crit._copy(), bytes(reader.id_column), tally, id_cells,
                          tuple(t[0] for t in scored)))


# ---------------------------------------------------------------------------
# Fitting weights to outcomes


_SINK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)


def _render_fit(fmt, result, source):
    """The library's text of a fit (``fpl_score_fit_render``)."""
    parts = []

    def put(ctx, text, n):
        parts.append(ctypes.string_at(text, n))
    sink = _SINK(put)
    fn.score_fit_render(fmt, byref(result), byref(source), ctypes.cast(sink, ctypes.c_void_p),
                        None)
    return b"".join(parts).decode("utf-8")


@dataclass(frozen=True)
class ScoreFit:
    """Criterion weights fitted to won/lost outcomes (:func:`fit_score`).

    ``criteria`` is a :class:`Criteria` with the fitted weights (the names,
    required flags, saturations and thresholds of ``given``);
    ``coefficients`` the logistic model's log-odds per unit of each answer
    and ``intercept`` its log-odds at all answers 0; ``floored`` the
    criteria whose weight is the floor 0.01 (no positive effect). The model
    is fitted on 4 leads of every 5 (``fitted_won``, ``fitted_lost``) and
    measured on every 5th (``held_back_won``, ``held_back_lost``):
    ``auc_fitted`` and ``auc_given`` are the areas under the ROC curve of
    the fitted and the given criteria's scores there. ``open`` rows had no
    outcome; ``skipped`` rows were at fault (the first 100 in
    ``skipped_rows``). ``options`` is the CLI's ``--save`` file.
    ``to_dict()`` and ``str()`` are ``funnelplan score --fit`` in JSON and as
    a table.

    Attributes:
        criteria: the fitted criteria (:class:`Criteria`).
        given: the criteria given, measured beside them (:class:`Criteria`).
        outcome: the name of the outcome column.
        coefficients: the model's log-odds per unit of each answer, in order.
        intercept: the model's log-odds with every answer 0.
        floored: names of the criteria at the floor weight 0.01.
        fitted_won: won leads fitted on; an int.
        fitted_lost: lost leads fitted on; an int.
        held_back_won: won leads held back for measuring; an int.
        held_back_lost: lost leads held back for measuring; an int.
        open: rows without an outcome (not used); an int.
        skipped: rows at fault; an int.
        auc_fitted: area under the ROC curve of the fitted scores on the
            held-back leads, from 0 to 1 (exact; ties count half).
        auc_given: the same for the criteria given.
        iterations: Newton steps taken; an int.
        converged: whether the fit converged.
        options: the CLI's ``--save`` file: ``--criterion`` lines.
        skipped_rows: the first 100 rows at fault (:class:`SkippedRow`).
    """
    criteria: Criteria
    given: Criteria
    outcome: str
    coefficients: Tuple[float, ...]
    intercept: float
    floored: Tuple[str, ...]
    fitted_won: int
    fitted_lost: int
    held_back_won: int
    held_back_lost: int
    open: int
    skipped: int
    auc_fitted: float
    auc_given: float
    iterations: int
    converged: bool
    options: str
    skipped_rows: Tuple[SkippedRow, ...]
    _result: object = field(default=None, repr=False, compare=False)
    _source: object = field(default=None, repr=False, compare=False)

    @property
    def weights(self) -> Dict[str, float]:
        """The fitted weights by criterion name, in order."""
        return {c.name: c.weight for c in self.criteria.criteria}

    def to_dict(self) -> JSONDict:
        """The object ``funnelplan score --fit COLUMN --format json`` prints.

        >>> rows = ["l%d,%d,1,%d,0,%s" % (i, i % 2, i % 3 > 0, "won" if i % 2 else "lost")
        ...         for i in range(40)]
        >>> fit = fit_score("\\n".join(["id,budget,authority,need,timing,outcome"] + rows),
        ...                 "outcome")
        >>> fit.to_dict()["outcome"], fit.fitted_won + fit.held_back_won
        ('outcome', 20)
        """
        return json.loads(_render_fit(_native.RENDER_JSON, self._result, self._source))

    def __str__(self) -> str:
        """The table ``funnelplan score --fit COLUMN`` prints.

        >>> fit = fit_score("id,budget,authority,need,timing,won\\n"
        ...                 + "".join("l%d,%d,1,1,0,%s\\n" % (i, i % 2, "won" if i % 2 else "lost")
        ...                           for i in range(20)), "won")
        >>> "budget" in str(fit)
        True
        """
        return _render_fit(_native.RENDER_TABLE, self._result, self._source)


def fit_score(leads: Union[str, bytes, "os.PathLike[str]", IO[Any]], outcome: Union[str, bytes],
              criteria: Union[str, "Criteria", Sequence[Any]] = "bant", *,
              hot: Optional[Union[float, str]] = None, warm: Optional[Union[float, str]] = None,
              saturation: Optional[Mapping[str, Any]] = None, id_column: str = "id",
              strict: bool = False) -> ScoreFit:
    """Fits the criteria's weights to the won/lost outcomes of a CSV file of
    leads and measures them against the criteria given: a :class:`ScoreFit`.

    ``leads`` is read as :func:`score` reads it, with one more column,
    ``outcome``, holding ``won``, ``lost`` (any case) or nothing for a lead
    still open (not used). ``criteria``, ``hot``, ``warm`` and
    ``saturation`` are as :class:`Criteria` takes them. The method is the
    library's (``fpl_score_fit``, the guide's "Fitting the weights"): a
    logistic regression on 4 of every 5 leads with an outcome, weights
    scaled so the largest is 10, rounded to 3 significant digits; the area
    under the ROC curve measured on every 5th lead. ``funnelplan score
    --leads FILE --fit COLUMN`` prints the same.

    >>> fit = fit_score("id,budget,authority,need,timing,outcome\\n"
    ...                 + "".join("l%d,%d,1,1,0,%s\\n" % (i, i % 2, "won" if i % 2 else "lost")
    ...                           for i in range(20)), "outcome")
    >>> fit.held_back_won + fit.held_back_lost, fit.fitted_won + fit.fitted_lost
    (4, 16)

    Refused (:class:`FunnelError`): no column ``outcome`` (``CSV_HEADER``),
    an outcome column that is the id column or a criterion
    (``OUTCOME_COLUMN``), no won or no lost lead in either part
    (``OUTCOMES``). A row at fault (an outcome other than won/lost/empty,
    an answer out of range) is skipped, or with ``strict=True`` raises.
    """
    crit = Criteria(criteria, hot=hot, warm=warm, saturation=saturation)  # type: ignore[arg-type]
    if not _is_text(outcome):
        raise refuse("STAGE_NAME_UTF8", "outcome %s" % _describe(outcome), typed=True)
    if not isinstance(strict, bool):
        raise TypeError("fit_score(): strict is True or False, not %s" % _describe(strict))
    reader = _begin_reader(crit, id_column)
    out_data = _encode(outcome)
    try:
        fn.csv_outcome_column(byref(reader), out_data, len(out_data))
    except FunnelError as exc:
        raise exc.with_context("outcome %s" % _describe(outcome)) from None
    label, chunks = _chunks(leads)
    k = len(crit)
    answers = []  # k per lead
    won = []
    names = crit.names
    messages: Dict[Any, str] = {}
    skipped: List[SkippedRow] = []
    counts = {"open": 0, "skipped": 0}

    def take(rows, count):
        for i in range(count):
            r = rows[i]
            if r.fault == _native.CSV_OK:
                if r.outcome == _native.OUTCOME_NONE:
                    counts["open"] += 1
                    continue
                answers.extend(r.answers[:k])
                won.append(r.outcome == _native.OUTCOME_WON)
                continue
            row = _skipped_row(r, messages, names, outcome)
            if strict:
                raise _fault_error(label, row, row.message, names)
            counts["skipped"] += 1
            if len(skipped) < SKIPPED_ROWS_KEPT:
                skipped.append(row)

    _read_rows(reader, label, chunks, take)
    n = len(won)
    work_len = fn.score_fit_work(n)
    work = (c_double * max(work_len, 1))()
    result = _native.fpl_score_fit_result()
    try:
        fn.score_fit(byref(crit._c), (c_double * max(len(answers), 1))(*answers),
                     (ctypes.c_bool * max(n, 1))(*won), n, work, work_len, byref(result))
    except FunnelError as exc:
        raise exc.with_context("outcome %s" % _describe(outcome)) from None
    fitted = Criteria.__new__(Criteria)
    fitted._preset = None
    fitted._init(_native.fpl_criteria.from_buffer_copy(result.fitted), None, None)
    source = _native.fpl_score_fit_source()
    source.preset = None if crit.preset_name is None else crit.preset_name.encode("ascii")
    source.outcome = out_data
    source.open = counts["open"]
    source.skipped = counts["skipped"]
    comment = "criteria fitted to the outcomes in column %s" % (
        outcome if isinstance(outcome, str) else bytes(outcome).decode("utf-8"))
    return ScoreFit(criteria=fitted, given=crit,
                    outcome=outcome if isinstance(outcome, str)
                    else bytes(outcome).decode("utf-8"),
                    coefficients=tuple(result.coefficient[:k]), intercept=result.intercept,
                    floored=tuple(c for i, c in enumerate(names) if result.floored >> i & 1),
                    fitted_won=result.fit_won, fitted_lost=result.fit_lost,
                    held_back_won=result.test_won, held_back_lost=result.test_lost,
                    open=counts["open"], skipped=counts["skipped"],
                    auc_fitted=result.auc_fitted, auc_given=result.auc_given,
                    iterations=result.iterations, converged=bool(result.converged),
                    options=fitted.options(comment), skipped_rows=tuple(skipped),
                    _result=result, _source=source)


def auc(won: Sequence[float], lost: Sequence[float]) -> float:
    """The area under the ROC curve of values of won and lost leads
    (``fpl_score_auc``): the share of (won, lost) pairs where the won
    value is higher, a tie counting half; exact (whole counts, one
    division). Values are real numbers; NaN and infinities are refused
    (``RANK_VALUE``), as an empty side is (``OUTCOMES``).

    >>> auc([3, 1, 2], [1, 0, 2, 2]) == 17 / 24
    True
    """
    sides = []
    for label, values in (("won", won), ("lost", lost)):
        items = _items(label, values, "RANK_VALUE", text="")
        out = []
        for i, v in enumerate(items):
            if not _is_real(v):
                raise refuse("RANK_VALUE", "%s[%d] %s" % (label, i, _describe(v)), typed=True,
                             field=label, index=i)
            try:
                out.append(float(v))
            except OverflowError:
                out.append(float("inf") if v > 0 else float("-inf"))
        sides.append(out)
    w, l = sides
    result = c_double()
    try:
        fn.score_auc((c_double * max(len(w), 1))(*w), len(w), (c_double * max(len(l), 1))(*l),
                     len(l), byref(result))
    except FunnelError as exc:
        side = w if exc.field == "won" else l
        if exc.index is not None and exc.index < len(side):
            raise exc.with_context("%s[%d] %r" % (exc.field, exc.index,
                                                  side[exc.index])) from None
        raise exc.with_context(exc.field or "values") from None
    return result.value

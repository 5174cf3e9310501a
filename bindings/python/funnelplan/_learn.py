# funnelplan — learning the funnel from CRM history.
# SPDX-License-Identifier: MIT
"""``funnelplan.learn(history, ...)``: the funnel a CRM's stage history
shows (learn.h), as ``funnelplan learn FILE`` prints it.

The library reads the CSV bytes and decides everything: the columns, the
stages, which rows are faulty, the estimator. Python only turns rows given
as Python values into CSV text, hands the bytes to ``fpl_learn_feed`` and
turns the result into a :class:`Learned` whose ``to_dict()`` is the CLI's
JSON (``fpl_learn_json``), ``str()`` and ``to_csv()`` the CLI's table and
CSV (``fpl_learn_render``), and whose ``funnel`` is a ready
:class:`~funnelplan.Funnel` (``fpl_learn_funnel``).

With ``leads=`` and ``outcome=`` the criteria's weights are fitted to the
leads' outcomes too, by :func:`~funnelplan.fit_score` (the same path as
``funnelplan learn FILE --leads LEADS --outcome COLUMN``): the result's
``score_fit`` is that :class:`~funnelplan.ScoreFit`, and its ``to_dict()``,
``str()`` and ``to_csv()`` are the CLI's of both (``fpl_learn_fit_render``).
"""

import csv
import ctypes
import io
import json
import numbers
from ctypes import byref
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._common import _render, _Shown, _describe, _encode, _is_text, refuse
from ._errors import FunnelError
from ._model import Funnel
from ._native import fn
from ._score import Criteria, ScoreFit, _chunks, fit_score

_CHUNK = 64 * 1024
_SKIPPED = 256
_COLUMNS = ("id", "stage", "date", "amount", "source", "owner")


@dataclass(frozen=True)
class LearnedSkip:
    """A row of the history that was skipped: its ``line`` (1 is the
    header) and why, in the library's words.

    Attributes:
        line: the line of the history file (1 is the header).
        message: why it was skipped, as the CLI prints it after FILE:LINE.
    """
    line: int
    message: str


@dataclass(frozen=True, repr=False)
class Learned(_Shown):
    """What a history comes to. ``stages``, ``deal_size``, ``seasonality``,
    ``sources``, ``owners`` and ``backtest`` are the JSON's objects (dicts
    and lists, as ``to_dict()`` gives them); ``skipped`` the rows skipped;
    ``funnel`` the funnel learned, ready for ``plan()`` and the others.

    Attributes:
        as_of: what "now" was, ``YYYY-MM-DD`` (``as_of`` given, else the
            latest date in the history).
        items: items (leads, deals) in the history; an int.
        stages: per stage, top first, a dict: ``name``, ``rate`` (the
            conversion to the next stage, open items undecided; a fraction),
            ``interval`` ([low, high], 90%), ``naive_rate`` (converted /
            entered), counts and ``lag_days`` (mean, median, p75, p90 in days).
        deal_size: won amounts' ``mean``, ``median`` and ``cv`` (money); None
            without amounts.
        seasonality: 12 monthly weights of entries (January first, mean 1);
            None when the history spans less than a year.
        sources: per source a dict: volume, rates and won revenue.
        owners: per owner a dict: volume, rates and won revenue.
        backtest: the back-test (months, MAPE and bias of deals and revenue);
            None without ``backtest=True``.
        skipped: the rows skipped (:class:`LearnedSkip`), at most 256.
        score_fit: the criterion weights fitted to the leads' outcomes
            (:class:`~funnelplan.ScoreFit`, as :func:`~funnelplan.fit_score`
            gives it) when ``learn()`` was given ``leads`` and ``outcome``;
            else None.
    """
    as_of: str
    items: int
    stages: Tuple[Dict[str, Any], ...]
    deal_size: Optional[Dict[str, Any]]
    seasonality: Optional[Tuple[float, ...]]
    sources: Tuple[Dict[str, Any], ...]
    owners: Tuple[Dict[str, Any], ...]
    backtest: Optional[Dict[str, Any]]
    skipped: Tuple[LearnedSkip, ...]
    score_fit: Optional[ScoreFit] = None
    _c: Any = field(default=None, repr=False, compare=False)

    _headline = ("as_of", "items")

    def _render_args(self) -> Any:
        if self.score_fit is None:
            return fn.learn_render, (self._c,)
        fit = self.score_fit
        return fn.learn_fit_render, (self._c, fit._result, fit._source)

    def _rows_csv(self) -> str:
        """The stages' CSV (with a fit, ``to_csv()`` adds the fit's table
        after an empty line: its rows are ``score_fit.criteria``)."""
        return _render(fn.learn_render, (self._c,), _native.RENDER_CSV)

    def to_dict(self) -> Dict[str, Any]:
        """The object ``funnelplan learn --format json`` prints.

        >>> import funnelplan
        >>> rows = [("a", "lead", "2026-01-01"), ("a", "won", "2026-01-11", 1000),
        ...         ("b", "lead", "2026-01-01"), ("b", "lost", "2026-01-21")]
        >>> funnelplan.learn(rows).to_dict()["stages"][0]["naive_rate"]
        0.5
        """
        if self.score_fit is not None:  # learn's object, then "score_fit"
            return json.loads(self._render_text(_native.RENDER_JSON))
        length = ctypes.c_size_t()
        fn.learn_json(byref(self._c), None, 0, byref(length))
        buf = ctypes.create_string_buffer(length.value + 1)
        fn.learn_json(byref(self._c), buf, len(buf), byref(length))
        return json.loads(buf.raw[:length.value].decode("utf-8"))

    @property
    def funnel(self) -> Funnel:
        """The funnel learned (every stage at its learned rate, the mean won
        amount as its deal size): ``learned.funnel.plan(deals=10)``. Raises
        :class:`FunnelError` when a stage has no rate in (0, 1]."""
        f = _native.fpl_funnel()
        fn.learn_funnel(byref(self._c), byref(f))
        stages = [(self._c.stages[k].name.decode("utf-8"), self._c.stages[k].rate)
                  for k in range(self._c.n_stages)]
        deal = self._c.deal_mean if self._c.has_deal_size and self._c.deal_mean > 0 else None
        return Funnel(stages, deal_size=deal)

    def saved(self) -> str:
        """The saved funnel ``funnelplan learn --save FILE`` writes: an @FILE
        of options for plan, forecast, odds, schedule and channels.

        >>> import funnelplan
        >>> rows = [("a", "lead", "2026-01-01"), ("a", "won", "2026-01-11", 1000),
        ...         ("b", "lead", "2026-01-01"), ("b", "lost", "2026-01-21")]
        >>> "--stage lead=" in funnelplan.learn(rows).saved()
        True
        """
        length = ctypes.c_size_t()
        fn.learn_save(byref(self._c), None, 0, byref(length))
        buf = ctypes.create_string_buffer(length.value + 1)
        fn.learn_save(byref(self._c), buf, len(buf), byref(length))
        return buf.raw[:length.value].decode("utf-8")


def _rows_csv(rows):
    """CSV bytes of rows given as Python values: mappings (the header from
    the first row's keys) or sequences in the order id, stage, date, amount,
    source, owner (as long as the longest row)."""
    rows = list(rows)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    if rows and isinstance(rows[0], dict):
        header = list(rows[0].keys())
        w.writerow(header)
        for r in rows:
            w.writerow(["" if r.get(k) is None else r.get(k) for k in header])
    else:
        width = max((len(r) for r in rows), default=3)
        w.writerow(_COLUMNS[:max(3, width)])
        for r in rows:
            w.writerow(["" if v is None else v for v in r] + [""] * (width - len(r)))
    return _encode(out.getvalue())


def _source(history):
    """(label for messages, generator of bytes) of a history."""
    if isinstance(history, (list, tuple)) or (
            not _is_text(history) and not isinstance(history, (bytes, bytearray, memoryview))
            and not hasattr(history, "read") and not hasattr(history, "__fspath__")
            and hasattr(history, "__iter__")):
        return None, iter([_rows_csv(history)])
    try:
        return _chunks(history)
    except FunnelError:
        raise refuse("CSV_HEADER", "history %s: expected a path, a file object, the CSV "
                     "text or rows" % _describe(history), typed=True) from None


def _text_arg(label, value):
    if not _is_text(value):
        raise refuse("NULL", "%s %s: expected text" % (label, _describe(value)), typed=True)
    return _encode(value)


def learn(history: Any, *, stages: Optional[Union[str, Sequence[str]]] = None,
          columns: Optional[Mapping[str, str]] = None, as_of: Optional[str] = None,
          backtest: bool = False, form: Optional[str] = None, leads: Any = None,
          outcome: Optional[str] = None, criteria: Union[str, Criteria, Sequence[Any]] = "bant",
          saturation: Optional[Mapping[str, Any]] = None, id_column: str = "id") -> Learned:
    """Learns the funnel from a CRM stage history (see learn.h and the
    guide): ``history`` is a path, a file object, the CSV text, or rows
    (mappings, or sequences id, stage, date[, amount, source, owner]).
    ``stages`` the funnel's stages top first (a list or ``"a,b,c"``),
    ``columns`` a mapping role -> header name (``{"stage": "StageName"}``),
    ``as_of`` a date ``"YYYY-MM-DD"``, ``backtest`` True for the back-test,
    ``form`` the history's form as ``funnelplan learn --form`` takes it
    (``"auto"``, ``"long"`` or ``"wide"``; None: the library's default, the
    header tells).

    >>> import funnelplan
    >>> rows = [("a", "lead", "2026-01-01"), ("a", "won", "2026-01-11", 1000),
    ...         ("b", "lead", "2026-01-01"), ("b", "lost", "2026-01-21")]
    >>> learned = funnelplan.learn(rows)
    >>> learned.stages[0]["rate"], learned.funnel.stages[0].rate
    (0.5, 0.5)

    The wide form, one row per item and a date column per stage and outcome
    (an empty cell: not reached):

    >>> wide = [{"id": "a", "lead": "2026-01-01", "won": "2026-01-11", "lost": None},
    ...         {"id": "b", "lead": "2026-01-01", "won": None, "lost": "2026-01-21"}]
    >>> funnelplan.learn(wide, form="wide").stages[0]["rate"]
    0.5

    ``leads`` (a CSV file of leads as :func:`~funnelplan.score` reads it:
    a path, a file object or the text) with ``outcome``, the name of its
    won/lost column, also fits the criteria's weights to the leads'
    outcomes: ``score_fit`` is what :func:`~funnelplan.fit_score` gives
    for ``(leads, outcome, criteria, saturation=..., id_column=...)``, the
    area under the ROC curve of the fitted score beside the preset's on
    every 5th lead held back; ``to_dict()`` gains the key ``"score_fit"``
    (``funnelplan learn FILE --leads LEADS --outcome COLUMN --format
    json``). For the leads alone, call :func:`~funnelplan.fit_score`.

    >>> leads = "id,budget,authority,need,timing,won\\n" + "".join(
    ...     "l%d,%d,1,%d,0,%s\\n" % (i, i % 2, i % 3 > 0, "won" if i % 2 else "lost")
    ...     for i in range(40))
    >>> both = funnelplan.learn(rows, leads=leads, outcome="won")
    >>> both.score_fit.auc_fitted == both.to_dict()["score_fit"]["auc"]["fitted"]
    True
    >>> both.score_fit.weights["budget"], both.to_dict()["stages"][0]["rate"]
    (10.0, 0.5)
    """
    if (leads is None) != (outcome is None):
        raise refuse("NULL", "outcome %s" % _describe(outcome) if leads is not None
                     else "leads None", "leads and outcome are given together (the leads' "
                     "won/lost column)", typed=True)
    opt = _native.fpl_learn_options()
    if stages is not None:
        text = ",".join(stages) if isinstance(stages, (list, tuple)) else stages
        data = _text_arg("stages", text)
        fn.learn_stages_parse(byref(opt), data, len(data))
    for role, name in (dict(columns) if columns is not None else {}).items():
        data = _text_arg("columns", role) + b"=" + _text_arg("columns", name)
        fn.learn_column_parse(byref(opt), data, len(data))
    if form is not None:
        data = _text_arg("form", form)
        parsed = ctypes.c_int()
        fn.learn_form_parse(data, len(data), byref(parsed))
        opt.form = parsed.value
    if as_of is not None:
        data = _text_arg("as_of", as_of)
        fn.date_parse(data, len(data), byref(opt.as_of))
        opt.has_as_of = True
    if not isinstance(backtest, bool):
        raise refuse("NULL", "backtest %s: expected True or False" % _describe(backtest),
                     typed=True)
    opt.backtest = backtest
    label, chunks = _source(history)
    learner = _native.fpl_learn()
    # the library allocates nothing: its table of items is ours, larger
    # when it asks (fpl_learn_work_needed), and so is the scratch
    work = ctypes.create_string_buffer(_native.LEARN_WORK_MIN)
    fn.learn_begin(byref(learner), byref(opt), work, len(work))
    skipped = []
    out = (_native.fpl_learn_skipped * _SKIPPED)()
    n = ctypes.c_size_t()
    used = ctypes.c_size_t()
    def take():
        for i in range(n.value):
            skipped.append(LearnedSkip(out[i].line,
                                       fn.learn_fault_message(out[i].fault).decode("utf-8")))

    def with_end(chunks):
        """(chunk, False) for every chunk as it is read, then (b"", True):
        a file streams, never held whole."""
        for chunk in chunks:
            yield bytes(chunk), False
        yield b"", True

    for chunk, at_end in with_end(chunks):
        off = 0
        while True:
            try:
                fn.learn_feed(byref(learner), chunk[off:], len(chunk) - off, at_end, out,
                              _SKIPPED, byref(n), byref(used))
            except FunnelError:
                if fn.learn_work_needed(byref(learner)) > 0:  # the table is full: a larger one
                    off += used.value
                    take()
                    bigger = ctypes.create_string_buffer(fn.learn_work_needed(byref(learner)))
                    fn.learn_grow(byref(learner), bigger, len(bigger))
                    work = bigger  # the old table is no longer used
                    continue
                message = ctypes.create_string_buffer(_native.CSV_HEADER_MESSAGE_MAX)
                if fn.learn_header_message(byref(learner), message, len(message)) == 0:
                    raise
                raise refuse("CSV_HEADER", label or "history",
                             message.value.decode("utf-8", "replace")) from None
            off += used.value
            take()
            if (used.value == 0 and n.value == 0) or not (
                    off < len(chunk) or (at_end and n.value == _SKIPPED)):
                break
    result = _native.fpl_learn_result()
    size = fn.learn_finish_needed(byref(learner))
    scratch = (ctypes.c_uint64 * (size // 8 + 1))()
    fn.learn_finish(byref(learner), scratch, ctypes.sizeof(scratch), byref(result))
    del work
    fit = None
    if leads is not None and outcome is not None:  # given together (checked above)
        fit = fit_score(leads, outcome, criteria, saturation=saturation, id_column=id_column)
    learned = Learned("", 0, (), None, None, (), (), None, tuple(skipped), None, result)
    d = learned.to_dict()
    return Learned(d["as_of"], d["items"], tuple(d["stages"]), d["deal_size"],
                   None if d["seasonality"] is None else tuple(d["seasonality"]),
                   tuple(d["sources"]), tuple(d["owners"]), d["backtest"], tuple(skipped),
                   fit, result)

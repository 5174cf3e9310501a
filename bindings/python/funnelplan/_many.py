# funnelplan — many plans from a table of records.
# SPDX-License-Identifier: MIT
"""``plan_many``: one plan per record (a dict, or a row of a DataFrame).

Every figure and every refusal comes from the library: with the stage
names given, records with one target (deals, or a revenue with a deal size)
and a cost per lead or none are planned by the batch kernel
(``fpl_plan_batch_terms_compute``), grouped by shape and period, a chunk a
call, every record's status coming back from the call; the others (and
every record the kernel refuses, for the library's own words on it) one by
one with ``fpl_plan_compute`` on one C funnel per set of stage names. A
record the library refuses becomes a row that says why (its ``error`` and
``field``), and the others are planned all the same.
"""

import array
import importlib
import itertools
import math
import operator
import sys
from collections.abc import Mapping
from typing import Any, Dict, List, Optional, Sequence

from . import _native
from ._common import _WHOLE_MAX, _amount, _context, _count, _describe, _is_text, _period, _rate, refuse
from ._errors import FunnelError
from ._model import _PLAN, _PLAN_STAGE, Funnel, _period_name

__all__ = ["plan_many"]

#: The record's fields beside the stages and the id, as plan() names them.
FIELDS = ("revenue", "deals", "deal_size", "per", "cost_per_lead")
_FIGURES = ("per", "revenue", "deal_size", "deals", "deals_whole")
_COSTS = ("cost_per_lead", "budget", "cost_per_deal")


def plan_many(records: Any, stages: Optional[Sequence[str]] = None, *, id: str = "id",
              frame: Optional[bool] = None) -> Any:
    """Plans every record: a list of dicts, one per record in order (a pandas
    DataFrame when ``records`` is one, or when ``frame`` is True).

    A record is a mapping (or a DataFrame row) with the keys of
    :meth:`Funnel.plan` (``revenue`` or ``deals``, ``deal_size``, ``per``,
    ``cost_per_lead``: numbers or the CLI's strings), an id under ``id``
    (default ``"id"``; the record's position when absent) and its stages:
    with ``stages`` (the stage names, top first) each stage's rate under its
    name, else a ``"stages"`` key as :class:`Funnel` takes it. In a
    DataFrame a missing value (NaN, None) is an absent field.

    Every row has the same keys: ``id``, ``per``, ``revenue``,
    ``deal_size``, ``deals``, ``deals_whole``, ``<stage>_required`` and
    ``<stage>_required_whole`` for every stage named by any record,
    ``cost_per_lead``, ``budget``, ``cost_per_deal``, ``error`` and ``field``
    (None where a figure does not apply). A record the library refuses
    gives a row with its id, ``error`` (the message) and ``field`` (the
    record's key at fault: a stage name, ``"deals"``...), and no figures.

    >>> rows = plan_many([{"id": "north", "lead": "10%", "deal": 0.25, "deals": 10},
    ...                   {"id": "south", "lead": 0, "deal": 0.25, "deals": 10}],
    ...                  stages=["lead", "deal"])
    >>> rows[0]["lead_required_whole"], rows[0]["error"]
    (400, None)
    >>> rows[1]["field"], rows[1]["error"]
    ('lead', "stage 'lead' rate 0: rate must be above 0% and at most 100%")
    """
    pandas: Any = sys.modules.get("pandas")
    is_frame = pandas is not None and isinstance(records, pandas.DataFrame)
    if is_frame:
        n = len(records)
        table = {c: records[c].astype(object).where(records[c].notna(), None).tolist()
                 for c in records.columns}
        records = [None] * n
    elif records is None or isinstance(records, (str, bytes, Mapping)):
        raise refuse("NULL" if records is None else "PARSE_SYNTAX",
                     "records %s" % _describe(records),
                     "give an iterable of dicts or a pandas DataFrame", typed=True)
    else:
        records = list(records)
        n, table = len(records), None
        maps = [r if type(r) is dict or isinstance(r, Mapping) else {} for r in records]
        plain = all(type(r) is dict for r in maps)

    present = set(table) if table is not None else set().union(*maps)

    def column(key):
        if key not in present:
            return [None] * n
        if table is not None:
            return table[key]
        if plain:
            return list(map(dict.get, maps, itertools.repeat(key)))
        return [r.get(key) for r in maps]

    if isinstance(stages, (str, bytes)):
        raise refuse("PARSE_SYNTAX", "stages %s" % _describe(stages),
                     "give the stage names as a list", typed=True)
    names = None if stages is None else tuple(stages)
    ids = [i if v is None else v for i, v in enumerate(column(id))]
    given = {key: column(key) for key in FIELDS}
    rows: List[Any] = [None] * n
    funnels: Dict[Any, Any] = {}     # stage names -> Funnel (or the FunnelError of its names)
    keys: Any = _keys((), names) if names is not None else None
    want_frame = bool(frame or (frame is None and is_frame))
    if want_frame and pandas is None:
        pandas = importlib.import_module("pandas")  # the caller asked for a DataFrame
    columns = None
    if names is not None:
        rates = [column(name) for name in names]
        columns = _Columns(keys, n, sys.modules["numpy"] if want_frame else None)
        _batch(columns, ids, names, rates, given)
        rows = columns.rows()
    fields = [(k, v) for k, v in given.items() if k in present]
    for i, row in enumerate(rows):
        if row is not None:
            continue
        if names is not None and (table is not None or maps[i] is records[i]):  # a mapping
            rows[i] = _one(funnels, ids[i], names, [col[i] for col in rates],
                           {k: v[i] for k, v in fields if v[i] is not None})
            columns.put(i, rows[i])  # type: ignore[union-attr]
            continue
        record = records[i] if table is None else dict(
            zip(table, (values[i] for values in table.values())))
        try:
            if not isinstance(record, Mapping):
                raise refuse("PARSE_SYNTAX", "record %s" % _describe(record),
                             "must be a mapping", typed=True)
            items = record.get("stages")
            items = list(items.items() if isinstance(items, Mapping) else items or ())
            stage_names = tuple(name for name, _ in items)
            hash(stage_names)
        except (FunnelError, TypeError, ValueError) as exc:
            if not isinstance(exc, FunnelError):
                exc = refuse("PARSE_SYNTAX", "record %d stages" % i,
                             "expected (name, rate) pairs or a mapping name -> rate",
                             typed=True)
            rows[i] = _failed(ids[i], exc, None, {})
            if columns is not None:
                columns.put(i, rows[i])
            continue
        rows[i] = _one(funnels, ids[i], stage_names, [r for _, r in items],
                       {k: v[i] for k, v in fields if v[i] is not None})
        if columns is not None:
            columns.put(i, rows[i])
    if columns is not None:
        if want_frame:
            return pandas.DataFrame(columns.frame(), columns=keys)
        return columns.dicts()
    keys = keys or _keys(rows, names)
    empty = dict.fromkeys(keys)
    out = [row if len(row) == len(keys) else dict(empty, **row) for row in rows]
    if want_frame:
        return pandas.DataFrame(out, columns=keys)
    return out


def _one(funnels, rid, names, rates, given):
    """The row of a record planned by fpl_plan_compute."""
    try:
        funnel, labels, c, stages, out = _funnel(funnels, names)
        for stage, label, rate in zip(stages, labels, rates):
            stage.rate = _rate(label, rate)
        terms, _ = funnel._terms(given.get("per"), given.get("revenue"), given.get("deals"),
                                 given.get("deal_size"), given.get("cost_per_lead"), None, "plan")
        _native.fn.plan_compute(c, terms, out)
    except FunnelError as exc:
        return _failed(rid, exc, names, {**given, **dict(zip(names, rates))})
    p = _Read(out)
    row = {key: _PLAN[key](p) for key in _FIGURES + _COSTS}
    row["id"] = rid
    size = _PLAN_STAGE.size
    for name, (_, _, units, whole, _) in zip(names, _PLAN_STAGE.iter_unpack(
            memoryview(out.stages).cast("B")[:len(names) * size])):
        row[name + "_required"] = units
        row[name + "_required_whole"] = whole
    return row


class _Read:
    """A C plan as :data:`_model._PLAN`'s readers take it."""
    __slots__ = ("_c",)

    def __init__(self, c):
        self._c = c


def _funnel(funnels, names):
    """For these stage names: the funnel, each stage's label in messages, a
    C funnel whose rates each record sets, its stages, and a C plan every
    record is planned into (read before the next); raises the FunnelError of
    the names."""
    if names not in funnels:
        try:
            funnel = Funnel([(n, 1.0) for n in names])
            c = type(funnel._c).from_buffer_copy(funnel._c)
            funnels[names] = (funnel, ["stage %s rate" % _describe(n) for n in names], c,
                              [c.stages[k] for k in range(len(names))], _native.fpl_plan())
        except FunnelError as exc:
            funnels[names] = exc
    if isinstance(funnels[names], FunnelError):
        raise funnels[names]
    return funnels[names]


def _failed(rid, exc, names, given):
    """The row of a refused record: its id, the message and the key at fault."""
    field = exc.field
    if field is None and exc.context:  # refused before the library: the key read
        field = next((k for k in list(given) + list(names or ()) if isinstance(k, str)
                      and exc.context.startswith((k + " ", "stage %s " % _describe(k)))), None)
    if names and field == "stage" and exc.index is not None and exc.index < len(names):
        field = names[exc.index]
        context = "stage %s rate %s" % (_describe(field), _describe(given.get(field)))
    else:
        context = _context(exc, "plan", given)
    message = str(exc) if exc.context is not None else "%s: %s" % (context, exc.message)
    return {"id": rid, "error": message, "field": field}


#: Records per call of the kernel (the bounds of its temporary arrays).
_CHUNK = 4096


def _doubles(values, read, most=None):
    """The doubles of a column as ``read`` gives them (one by one, text and
    all), or None for a value it refuses; numbers in one go when the column
    holds only floats and ints (which ``read`` takes as their double; with
    ``most``, a count's largest, only ints up to it: a larger int is read
    from its exact value)."""
    types = set(map(type, values))
    if types <= {float, int} and (most is None or int not in types or
                                  max(v for v in values if type(v) is int) <= most):
        try:
            return array.array("d", values)
        except OverflowError:
            pass
    known = {}
    out = []
    for v in values:
        try:
            key = (type(v), v) if _is_text(v) else None
            if key is not None and key in known:
                out.append(known[key])
                continue
            x = read(v)
            if key is not None:
                known[key] = x
            out.append(x)
        except (FunnelError, TypeError):
            out.append(None)
    return out


#: The columns of a record's terms the kernel takes, and how each is read
#: (as Funnel.plan reads the same argument; a count's ints in one go only up
#: to FPL_WHOLE_MAX, as _count reads them; a float above it the kernel
#: refuses, as the library refuses its text).
_READERS = (("revenue", lambda v: _amount("revenue", v), None),
            ("deals", lambda v: _count("deals", v), _WHOLE_MAX),
            ("deal_size", lambda v: _amount("deal_size", v), None),
            ("cost_per_lead", lambda v: _amount("cost_per_lead", v), None))


class _Columns:
    """The rows of plan_many with its stage names given, a column per key
    (a list; for a DataFrame a numpy array of doubles for a figure, NaN
    where it does not apply), and which records are planned."""

    _TEXT = ("id", "per", "error", "field")

    def __init__(self, keys, n, numpy):
        self.keys, self.n, self.numpy = keys, n, numpy
        self.done = bytearray(n)
        self.order: List[int] = []  # the records the lists' gathered values are of
        self.gathered: Dict[str, List[Any]] = {}
        self.cols = {k: [None] * n if numpy is None or k in self._TEXT
                     else numpy.full(n, numpy.nan) for k in keys}

    def rows(self):
        """A list with True for every record planned, None for the others."""
        return [True if d else None for d in self.done]

    def put(self, i, row):
        """Record i's row (a dict of some of the keys)."""
        for k in self.keys:
            v = row.get(k)
            col = self.cols[k]
            if v is None and type(col) is not list:
                v = math.nan
            col[i] = v
        self.done[i] = 1

    def set(self, key, at, values):
        """Column ``key`` at the records ``at`` (a range of step 1 or a list):
        ``values``, an array.array of doubles (ints for a whole count) or a
        list. Lists gather every call's values in order, put in place by
        :meth:`finish` in one go."""
        col = self.cols[key]
        if type(col) is list:
            if type(values) is array.array:
                values = values.tolist() if not key.endswith("whole") \
                    else list(map(int, values.tolist()))
            self.gathered.setdefault(key, []).extend(values)
            if key == "id":
                self.order.extend(at)
        else:
            where = slice(at.start, at.stop) if type(at) is range else at
            col[where] = self.numpy.frombuffer(values)

    def finish(self):
        """Puts the lists' values gathered by :meth:`set` in place: in the
        order of the records (one gather in C), None where none was set."""
        order, m = self.order, len(self.order)
        if m == 0:
            return
        if order == list(range(self.n)):
            pick = None
        else:
            pos = [m] * self.n
            for j, i in enumerate(order):
                pos[i] = j
            pick = operator.itemgetter(*pos) if self.n > 1 else (lambda v: [v[pos[0]]])
        for k in self.keys:
            if type(self.cols[k]) is not list:
                continue
            values = self.gathered.get(k)
            if values is None:
                continue
            if pick is not None:
                values.append(None)
                values = list(pick(values))
            self.cols[k] = values
        self.gathered.clear()

    def dicts(self):
        """The rows as dicts."""
        return list(map(dict, map(zip, itertools.repeat(self.keys),
                                  zip(*(self.cols[k] for k in self.keys)))))

    def frame(self):
        """The columns as a DataFrame takes them, typed as pandas types the
        dicts: a whole count without gaps as int64, a figure no record has
        as None, the others as doubles (NaN where a figure does not apply)."""
        numpy, out = self.numpy, {}
        for k in self.keys:
            col = self.cols[k]
            if type(col) is not list:
                gaps = numpy.isnan(col)
                if gaps.all():
                    col = [None] * self.n
                elif k.endswith("whole") and not gaps.any():
                    col = col.astype(numpy.int64)
            out[k] = col
        return out


def _batch(out, ids, names, rates, given):
    """Plans the records the kernel takes (a revenue with a deal size, or
    deals; a cost per lead or not), by shape and period, a chunk a call of
    ``fpl_plan_batch_terms_compute``. A record it refuses (or whose value
    cannot reach it) is left for :func:`_one`, for the library's own words
    on it; the others are planned all the same."""
    n = len(ids)
    if n == 0:
        return
    columns = [given[k] for k, _, _ in _READERS]  # the terms' columns
    per = given["per"]
    if all(col.count(None) in (0, n) for col in columns) and per.count(per[0]) == n:
        # one shape and one period (the usual table): no grouping
        groups = {(tuple(col[0] is not None for col in columns) if n else None,
                   _hashable(per[0]) if n else None): range(n)}
    else:
        try:
            hash(tuple(per))
        except TypeError:  # an unhashable value (refused below)
            per = list(map(_hashable, per))
        groups = {}
        for i, key in enumerate(zip(zip(*[[v is not None for v in col] for col in columns]),
                                    per)):
            groups.setdefault(key, []).append(i)
    for (shape, p), take in groups.items():
        has_revenue, has_deals, has_size, has_cost = shape
        if has_revenue == has_deals or (has_revenue and not has_size):
            continue  # no target, two, or a revenue without a deal size: for _one
        try:
            code = _period(p.value if type(p) is _Unhashable else p)
            name = _period_name(code)
        except (FunnelError, TypeError):
            continue  # a period the library refuses: for _one
        whole = type(take) is range
        if whole:
            pick = list
        elif len(take) == 1:
            def pick(col, i=take[0]):
                return [col[i]]
        else:
            gather = operator.itemgetter(*take)  # in C

            def pick(col):
                return list(gather(col))
        values = [_doubles(pick(col), read, most) if present else None
                  for (key, read, most), col, present in zip(_READERS, columns, shape)]
        stage_rates = [_doubles(pick(col), lambda v: _rate("rate", v)) for col in rates]
        refused = {j for col in values + stage_rates if type(col) is list
                   for j, v in enumerate(col) if v is None}
        at = [j for j in range(len(take)) if j not in refused] if refused else \
            range(len(take))
        for start in range(0, len(at), _CHUNK):
            _kernel(out, ids, take, at[start:start + _CHUNK], names, stage_rates, values,
                    code, name)
    out.finish()


class _Unhashable:
    """An unhashable value of a column, as a key (by identity)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return type(other) is _Unhashable and other.value is self.value

    def __hash__(self):
        return id(self.value)


def _hashable(v):
    """A column's value as a key: itself, or an :class:`_Unhashable`."""
    try:
        hash(v)
        return v
    except TypeError:
        return _Unhashable(v)


def _new(n):
    """n doubles, and their address."""
    a = array.array("d", bytes(8 * n))
    return a, a.buffer_info()[0]


def _kernel(columns, ids, take, at, names, rates, values, per, per_name):
    """Into ``columns``: the records ``take[j]`` for j in ``at`` (their
    positions among ``rates``, the stages' columns, and ``values``, the
    terms' columns: revenue, deals, deal size, cost per lead, or None),
    from one fpl_plan_batch_terms_compute; a record it refuses is left
    unplanned (for :func:`_one`)."""
    n, stages = len(at), len(names)
    if type(at) is range or at[-1] - at[0] + 1 == n:  # consecutive: slices
        first = at[0]

        def part(col):
            return col[first:first + n]
        records = take[first:first + n]
    else:
        def part(col):
            return [col[j] for j in at]
        records = [take[j] for j in at]
    c_rates = array.array("d")
    for col in rates:
        c_rates.extend(part(col))
    terms = [None if col is None else array.array("d", part(col)) for col in values]
    revenue, deals, deal_size, cost = terms
    required, required_at = _new(n * stages)
    whole, whole_at = _new(n * stages)
    deals_whole, deals_whole_at = _new(n)
    deals_out, deals_out_at = _new(n)
    cost_kept, cost_kept_at = _new(n) if cost is not None else (None, None)
    budget, budget_at = _new(n) if cost is not None else (None, None)
    per_deal, per_deal_at = _new(n) if cost is not None else (None, None)
    status = array.array("i", bytes(4 * n))

    def address(a):
        return None if a is None else a.buffer_info()[0]
    batch = _native.fpl_plan_batch(n, stages, c_rates.buffer_info()[0], address(deals),
                                   required_at, whole_at, deals_whole_at)
    c_terms = _native.fpl_plan_batch_terms(per, address(revenue), address(deal_size),
                                           address(cost), deals_out_at, budget_at, per_deal_at,
                                           status.buffer_info()[0], cost_kept_at)
    try:
        _plan_chunk(batch, c_terms)
    except FunnelError as exc:
        if exc.index is None:
            raise
    refused = status.count(0) != n
    if refused:  # the figures of a refused record are not read (and may not be whole)
        for j in (j for j, st in enumerate(status) if st):
            deals_whole[j] = 0.0
            for k in range(stages):
                whole[k * n + j] = 0.0
    if type(records) is range and records.step != 1:
        records = list(records)
    put = columns.set
    put("id", records, ids[records.start:records.stop] if type(records) is range
        else [ids[i] for i in records])
    put("per", records, [per_name] * n)
    put("deals", records, deals_out)
    put("deals_whole", records, deals_whole)
    for key, col in (("revenue", revenue), ("deal_size", deal_size), ("cost_per_lead", cost_kept),
                     ("budget", budget), ("cost_per_deal", per_deal)):
        if col is not None:
            put(key, records, col)
        elif columns.numpy is None:
            put(key, records, [None] * n)
    if columns.numpy is None:
        put("error", records, [None] * n)
        put("field", records, [None] * n)
    for k, name in enumerate(names):
        put(name + "_required", records, required[k * n:(k + 1) * n])
        put(name + "_required_whole", records, whole[k * n:(k + 1) * n])
    done = columns.done
    if not refused and type(records) is range:
        done[records.start:records.stop] = b"\x01" * n
    else:
        for i, st in zip(records, status):
            if st == 0:
                done[i] = 1


def _plan_chunk(batch, terms):
    """fpl_plan_batch_terms_compute (its FunnelError names the first record
    at fault; every record's status is in ``terms``)."""
    _native.fn.plan_batch_terms_compute(batch, terms)


def _keys(rows, names):
    """The keys of every row: the figures, every stage's, the costs, the error."""
    stage_keys = {}
    for name in names or ():
        stage_keys[name + "_required"] = stage_keys[name + "_required_whole"] = None
    if names is None:
        for row in rows:
            for key in row:
                if key.endswith("_required") or key.endswith("_required_whole"):
                    stage_keys.setdefault(key)
    return ["id"] + list(_FIGURES) + list(stage_keys) + list(_COSTS) + ["error", "field"]

# funnelplan — many plans from a table of records.
# SPDX-License-Identifier: MIT
"""``plan_many``: one plan per record (a dict, or a row of a DataFrame).

Every figure and every refusal comes from the library: records whose stages
share their names and that give deals alone are planned by the batch kernel
(``fpl_plan_batch_compute``) in one call; the others one by one with
``fpl_plan_compute`` on one C funnel per set of stage names. A record the
library refuses becomes a row that says why (its ``error`` and ``field``),
and the others are planned all the same.
"""

import array
import importlib
import itertools
import sys
from collections.abc import Mapping
from typing import Any, Dict, List, Optional, Sequence

from . import _native
from ._batch import plan_batch
from ._common import _WHOLE_MAX, _context, _count, _describe, _is_text, _period, _rate, refuse
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

    present = set(table) if table is not None else set().union(*maps)

    def column(key):
        if key not in present:
            return [None] * n
        if table is not None:
            return table[key]
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
    if names is not None:
        rates = [column(name) for name in names]
        _batch(rows, ids, names, rates, given, keys)
    fields = [(k, v) for k, v in given.items() if k in present]
    for i, row in enumerate(rows):
        if row is not None:
            continue
        if names is not None and (table is not None or maps[i] is records[i]):  # a mapping
            rows[i] = _one(funnels, ids[i], names, [col[i] for col in rates],
                           {k: v[i] for k, v in fields if v[i] is not None})
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
            continue
        rows[i] = _one(funnels, ids[i], stage_names, [r for _, r in items],
                       {k: v[i] for k, v in fields if v[i] is not None})
    keys = keys or _keys(rows, names)
    empty = dict.fromkeys(keys)
    out = [row if len(row) == len(keys) else dict(empty, **row) for row in rows]
    if frame or (frame is None and is_frame):
        if pandas is None:
            pandas = importlib.import_module("pandas")  # the caller asked for a DataFrame
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


#: Records per call of the kernel: a refusal re-plans only its own chunk.
_CHUNK = 4096


def _doubles(values, read):
    """The doubles of a column as ``read`` gives them (one by one, text and
    all), or None for a value it refuses; numbers in one go when the column
    holds only floats and ints."""
    if set(map(type, values)) <= {float, int}:
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


def _batch(rows, ids, names, rates, given, keys):
    """Plans the records that give deals alone, a chunk a call of the kernel;
    a record the kernel refuses is planned alone (:func:`_one`), for the
    library's own words on it, and the rest of its chunk goes on."""
    take = [i for i, (d, r, s, c) in enumerate(zip(*(given[k] for k in (
        "deals", "revenue", "deal_size", "cost_per_lead"))))
        if d is not None and r is None and s is None and c is None]
    if not take:
        return
    deals = given["deals"]
    pick = (lambda col: [col[i] for i in take]) if len(take) < len(deals) else list
    counts = pick(deals)
    if all(type(d) is float and not d > _WHOLE_MAX for d in counts):
        counts = array.array("d", counts)
    else:
        counts = _doubles(counts, lambda v: _count("deals", v))
    columns = [_doubles(pick(col), lambda v: _rate("rate", v)) for col in rates]
    per = pick(given["per"])
    try:
        distinct = set(per)
    except TypeError:  # an unhashable value (refused below)
        per = list(map(_hashable, per))
        distinct = set(per)
    periods = {}  # each value of the column: the library's name, or None if refused
    for v in distinct:
        try:
            periods[v] = _period_name(_period(v.value if type(v) is _Unhashable else v))
        except (FunnelError, TypeError):
            periods[v] = None
    refused = {j for col in columns + [counts] if type(col) is list
               for j, v in enumerate(col) if v is None}
    ok = [(i, j, p) for j, (i, p) in enumerate(zip(take, map(periods.get, per)))
          if p is not None and j not in refused]
    for start in range(0, len(ok), _CHUNK):
        part = ok[start:start + _CHUNK]
        while part:
            try:
                _kernel(rows, ids, part, names, columns, counts, keys)
                break
            except FunnelError as exc:
                if exc.index is None:
                    raise
                if exc.index:
                    _kernel(rows, ids, part[:exc.index], names, columns, counts, keys)
                part = part[exc.index + 1:]


class _Unhashable:
    """An unhashable value of a column, as a key (by identity)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _hashable(v):
    """A column's value as a key: itself, or an :class:`_Unhashable`."""
    try:
        hash(v)
        return v
    except TypeError:
        return _Unhashable(v)


def _kernel(rows, ids, part, names, columns, counts, keys):
    """The rows (with ``keys``) of ``part`` (row, position among the columns,
    period) from one fpl_plan_batch_compute."""
    n, at = len(part), [j for _, j, _ in part]
    if at[-1] - at[0] + 1 == n:  # consecutive: slices
        def take(col):
            return col[at[0]:at[-1] + 1]
    else:
        def take(col):
            return [col[j] for j in at]
    rates = array.array("d")
    for col in columns:
        rates.extend(take(col))
    deals = array.array("d", take(counts))
    result = plan_batch(rates, deals, len(names))
    required = result.required.tolist()
    whole = [int(w) for w in result.required_whole.tolist()]
    none = itertools.repeat(None)
    values = {"id": [ids[i] for i, _, _ in part], "per": [p for _, _, p in part],
              "deals": deals.tolist(), "deals_whole": [int(w) for w in result.deals_whole.tolist()]}
    for k, name in enumerate(names):
        values[name + "_required"] = required[k * n:(k + 1) * n]
        values[name + "_required_whole"] = whole[k * n:(k + 1) * n]
    for (i, _, _), row in zip(part, zip(*(values.get(key, none) for key in keys))):
        rows[i] = dict(zip(keys, row))


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

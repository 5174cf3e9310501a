# funnelplan — month by month (schedule) and actuals against plan (pace).
# SPDX-License-Identifier: MIT
"""``Funnel.schedule()`` and ``Funnel.pace()`` and their frozen results, over
``fpl_schedule_compute`` and ``fpl_pace_compute``.

Every formula is the library's (``schedule.h``, ``pace.h``), and so is every
parser: months (``"2027-01"``) go through ``fpl_month_parse``, dates
(``"2027-02-14"``) through ``fpl_date_parse``, the share elapsed (``"4m"``,
``"33%"``) through ``fpl_elapsed_parse``, lags (``"45d"``, ``"2w"``,
``"1.5m"``) through ``fpl_lag_parse``, lists given as the CLI's text
(``"8,8,9,..."``) through ``fpl_list_parse``; a ``(2027, 1)`` tuple or a
``datetime.date`` is written as that text first. A number as a lag is days,
like the CLI's bare number (written as ``"<repr>d"`` for ``fpl_lag_parse``).

Only what a C field cannot hold is refused here: months that are not a whole
number an unsigned int holds (status ``MONTHS``, as the CLI's ``--months``).
Every other refusal is the library's, and names its field and stage
(``FunnelError.field``, ``.index``), which the message turns back into the
argument given. Defaults (thresholds, attainment) and figures (lags in days,
the attainment used, cumulative rates) are the library's too, and so are the
results: their fields are read from the view the library describes of them
(``fpl_view_schedule``, ``fpl_view_pace``), which is also ``to_dict()``,
the object ``funnelplan schedule|pace ... --format json`` prints.
"""

import datetime
import decimal
import numbers
from ctypes import byref, c_double, c_size_t
from dataclasses import dataclass, field
from typing import Optional, Tuple

from . import _native
from ._common import (_Shown, PERIODS, _View, _amount, _count_in, _float_text, _hinted, _copy, _describe, _encode, _from_view, _is_int,
                      _is_text, _items, _number, _parse, _rate, refuse, status_is)
from ._errors import FunnelError
from ._native import fn

__all__ = ["DAYS_PER_MONTH", "Schedule", "ScheduleStage", "ScheduleRow", "MonthlyTarget",
           "Velocity", "Pace", "PaceRow", "PaceStage", "PaceWarning", "Coverage",
           "OpenPipeline"]

#: Days in the average month (365.2425 / 12): a lag in days over this is months.
DAYS_PER_MONTH = fn.days_per_month()


# ---------------------------------------------------------------------------
# Results: schedule


@dataclass(frozen=True)
class ScheduleStage:
    """One stage of a schedule: its lag to the next stage (the last: to
    closing) in months and in days, and the units entering it over all rows
    (``plan``'s required × months of the span / months of the period)."""
    name: str
    rate: float
    lag_months: float
    lag_days: float                   # lag_months * DAYS_PER_MONTH
    total: float


@dataclass(frozen=True)
class ScheduleRow:
    """One calendar month of a schedule. ``entering`` holds the units that
    must enter each stage in this month, top first; months before the start
    (``in_span`` False) close no deals. The per-rep figures are None
    without reps."""
    month: str                        # "YYYY-MM"
    in_span: bool
    share: float                      # of the span's deals (0 before the start)
    deals: float                      # closing this month
    revenue: Optional[float]          # None without a deal size
    entering: Tuple[float, ...]
    deals_per_rep: Optional[float] = None
    entering_per_rep: Optional[Tuple[float, ...]] = None


@dataclass(frozen=True)
class MonthlyTarget:
    """A target given month by month: ``kind`` ``"deals"`` or ``"revenue"``
    and one value per month of the span."""
    kind: str
    values: Tuple[float, ...]


@dataclass(frozen=True)
class Velocity:
    """Sales velocity, revenue per day: opportunities per month (units
    entering the last stage, the span's average) × win rate (the last
    stage's rate) × deal size / cycle days (the last stage's lag)."""
    per_day: float
    opportunities_per_month: float
    win_rate: float
    deal_size: float
    cycle_days: float


@dataclass(frozen=True, repr=False)
class Schedule(_Shown):
    """Month by month: the units every stage must take in each calendar
    month, from the earliest month any stage needs volume (``lead_months``
    before the start) to the end of the span.

    ``to_dict()`` is the object ``funnelplan schedule ... --format json`` prints.
    """
    per: str
    start: str                        # "YYYY-MM"
    months: int
    lead_months: int
    total_lag: float                  # months from the top stage to closing
    deals: float                      # over the span
    revenue: Optional[float]          # None without a deal size
    deal_size: Optional[float]
    seasonality: Optional[Tuple[float, ...]]   # the 12 weights given, January first
    monthly: Optional[MonthlyTarget]  # a target per month, when given
    stages: Tuple[ScheduleStage, ...]
    rows: Tuple[ScheduleRow, ...]     # earliest first
    reps: Optional[float]
    quota: Optional[float]            # revenue per rep per period
    attainment: Optional[float]       # share of quota a rep makes (None without a quota)
    reps_needed: Optional[float]
    reps_needed_whole: Optional[int]
    velocity: Optional[Velocity]      # None without a deal size or a last-stage lag
    # What the library describes (fpl_view_schedule), and so what the
    # fields are read from: the C funnel and schedule.
    _source: _View = field(default=None, repr=False, compare=False)
    _headline = ('per', 'start', 'months', 'deals', 'revenue')
    _by_name = "stages"

    def _render_args(self):
        return fn.schedule_render, self._source.structs

    def row(self, month):
        """The row of a calendar month (``"2027-03"``); KeyError if none."""
        for r in self.rows:
            if r.month == month:
                return r
        raise KeyError(month)

    def entering(self, stage):
        """Every row's units entering one stage (by name), earliest first."""
        for k, s in enumerate(self.stages):
            if s.name == stage:
                return tuple(r.entering[k] for r in self.rows)
        raise KeyError(stage)

    def to_dict(self):
        return self._source()


# ---------------------------------------------------------------------------
# Results: pace


@dataclass(frozen=True)
class PaceRow:
    """One paced figure (a stage's units, the deals or the revenue) against
    its plan for the period. Every figure from ``actual`` on is None without
    an actual; ``needed_rate`` and ``catch_up`` also when the period is over.
    The per-rep figures are None without reps."""
    plan: float
    plan_to_date: float               # plan * elapsed
    actual: Optional[float]
    attainment: Optional[float]       # actual / plan to date
    projection: Optional[float]       # actual / elapsed: the run rate
    projected_attainment: Optional[float]  # projection / plan
    still_needed: Optional[float]     # max(0, plan - actual)
    needed_rate: Optional[float]      # still needed / (1 - elapsed), per period
    catch_up: Optional[float]         # needed rate / plan
    status: Optional[str]             # "on track", "at risk", "off track"
    plan_per_rep: Optional[float]
    actual_per_rep: Optional[float]
    needed_rate_per_rep: Optional[float]
    # what is still needed in whole units (None for revenue and without an
    # actual) and per month left (None also when the period is over)
    plan_whole: Optional[int]              # the plan's whole count (required_whole, deals_whole)
    still_needed_whole: Optional[int]      # max(0, plan_whole - actual), rounded up
    needed_per_month: Optional[float]      # still needed / months_left
    needed_per_month_whole: Optional[int]  # still_needed_whole / months_left, rounded up


@dataclass(frozen=True)
class PaceStage(PaceRow):
    """A stage's units so far against its plan, and the deals they imply at
    the funnel's rates (``implied_deals``: actual × cumulative rate; None
    without an actual)."""
    name: str
    rate: float
    cumulative_rate: float
    implied_deals: Optional[float]


@dataclass(frozen=True)
class PaceWarning:
    """The highest stage off track, and in how many months (the sum of the
    lags from it to closing) it shows in deals."""
    stage: str
    months: float


@dataclass(frozen=True)
class OpenPipeline:
    """Units in one stage now."""
    stage: str
    units: float


@dataclass(frozen=True)
class Coverage:
    """The open pipeline against the deals still to close: ``raw`` = open
    units / still to close, ``weighted`` = open deals / still to close (both
    None with nothing left to close), and ``required`` = open units / open
    deals, the raw coverage the funnel's own rates need (None when the
    pipeline brings no deals)."""
    open: Tuple[OpenPipeline, ...]    # the stages given, funnel order
    open_units: float
    open_deals: float                 # sum of open * cumulative rate
    still_to_close: float             # max(0, target deals - deals so far)
    raw: Optional[float]
    weighted: Optional[float]
    required: Optional[float]


@dataclass(frozen=True, repr=False)
class Pace(_Shown):
    """Actuals so far against plan: every stage, the deals and the revenue
    (None without a deal size), the earliest warning and the pipeline
    coverage (None without an open pipeline).

    ``to_dict()`` is the object ``funnelplan pace ... --format json`` prints.
    """
    per: str
    elapsed: float                    # share of the period gone, (0, 1]
    at_risk: float                    # the thresholds used
    off_track: float
    stages: Tuple[PaceStage, ...]
    deals: PaceRow
    revenue: Optional[PaceRow]
    warning: Optional[PaceWarning]
    coverage: Optional[Coverage]
    reps: Optional[float]
    months_left: float                # months(per) * (1 - elapsed)
    # What the library describes (fpl_view_pace), and so what the fields are
    # read from: the C funnel and pace.
    _source: _View = field(default=None, repr=False, compare=False)
    _headline = ('per', 'elapsed', 'months_left')
    _by_name = "stages"  # pace["lead"]: a stage's row

    def _render_args(self):
        # the dates the elapsed share came from (None, None without them)
        return fn.pace_render, self._source.structs + self._source.given

    def to_dict(self):
        return self._source()


# ---------------------------------------------------------------------------
# Inputs


def _calendar_text(label, value, parts):
    """The text of a month (parts 2) or date (parts 3) given as text, a
    ``datetime.date`` or a tuple of ints, for the library's parser."""
    context = "%s %s" % (label, _describe(value))
    if value is None:
        raise refuse("NULL", context)
    if _is_text(value):
        return _encode(value), context
    if isinstance(value, datetime.date):
        fields = (value.year, value.month, value.day)[:parts]
    elif isinstance(value, (tuple, list)) and len(value) == parts \
            and all(_is_int(v) for v in value):
        fields = tuple(int(v) for v in value)
        if any(abs(v) > 10 ** 6 for v in fields):
            raise refuse("DATE", context)
    else:
        raise refuse("DATE", context, typed=True)
    return ("-".join(["%04d"] + ["%02d"] * (parts - 1)) % fields).encode("ascii"), context


def _month(label, value):
    """A C fpl_month: ``"2027-01"``, ``(2027, 1)`` or a ``datetime.date``."""
    data, context = _calendar_text(label, value, 2)
    return _parse(fn.month_parse, data, _native.fpl_month(), context)


def _date(label, value):
    """A C fpl_date: ``"2027-02-14"``, ``(2027, 2, 14)`` or a ``datetime.date``."""
    data, context = _calendar_text(label, value, 3)
    return _parse(fn.date_parse, data, _native.fpl_date(), context)


def _months(value):
    """The span's months as the C unsigned (the library refuses the rest of
    its range), as the CLI's --months."""
    context = "months %s" % _describe(value)
    x = _amount("months", value)
    if not (0 <= x < 2 ** 32 and x == int(x)):
        raise refuse("MONTHS", context)
    return int(x)


def _values(label, value, capacity, needed):
    """A list of numbers >= 0: the CLI's text (``"8,8,9,..."``, read by
    ``fpl_list_parse``) or a sequence of numbers or amount strings.
    Exactly ``needed`` values."""
    context = "%s %s" % (label, _describe(value))
    if value is None:
        raise refuse("NULL", context)
    if _is_text(value):
        data = _encode(value)
        buf = (c_double * capacity)()
        count = c_size_t()
        try:
            fn.list_parse(data, len(data), buf, capacity, byref(count))
        except FunnelError as exc:
            raise _hinted(exc, data).with_context(context) from None
        values = tuple(buf[:count.value])
    else:
        if isinstance(value, (numbers.Real, decimal.Decimal)) or isinstance(value, dict):
            raise refuse("WEIGHTS", context, typed=True)
        try:
            items = list(value)
        except TypeError:
            raise refuse("WEIGHTS", context, typed=True) from None
        values = tuple(_amount("%s[%d]" % (label, k), item) for k, item in enumerate(items))
    if len(values) != needed:
        raise refuse("WEIGHTS_COUNT", "%s (%d values, %d needed)"
                     % (context, len(values), needed))
    return values


def _lag(context, value):
    """A lag in months read by ``fpl_lag_parse``: text (``"45d"``, ``"2w"``,
    ``"1.5m"``, ``"45"``) or a number of days."""
    if value is None:
        raise refuse("NULL", context)
    if _is_text(value):
        data = _encode(value)
    elif isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, bool):
        try:
            days = float(value)
        except (OverflowError, TypeError, ValueError):
            raise refuse("LAG", context) from None
        # repr is the shortest text that reads back as the same double; the
        # parser refuses nan, inf and negatives as it does on the command line.
        # With an exponent it reads one way (97.398 days is no thousands group).
        data = (_float_text(days if days != 0 else 0.0) + "d").encode("ascii")
    else:
        raise refuse("LAG", context, typed=True)
    return _parse(fn.lag_parse, data, c_double(), context).value


def _elapsed(value, per):
    """The share of the period elapsed: text read by ``fpl_elapsed_parse``
    (a share, ``"33%"``, ``"4/12"``, or months, ``"4m"``, ``"4 months"``, of
    the period ``per``), or a number, the share itself (``Fraction(4, 12)``)."""
    context = "elapsed %s" % _describe(value)
    if _is_text(value):
        data = _encode(value)
        share = c_double()
        try:
            fn.elapsed_parse(data, len(data), per, byref(share))
        except FunnelError as exc:
            raise _hinted(exc, data).with_context(context) from None
        return share.value
    return _rate("elapsed", value)  # fpl_pace_compute() holds it to (0, 1]


def _count(context, value):
    """A count (actual or open) read by ``fpl_parse_count``; 0 allowed."""
    return _count_in(context, value)


def _stage_items(label, value, status):
    """(stage, value, context) from a mapping {stage: value}, a sequence of
    (stage, value) pairs or of the CLI's ``"STAGE=VALUE"`` strings."""
    out = []
    for index, item in enumerate(_items(label, value, status, other="a mapping {stage: value}")):
        if _is_text(item):
            context = "%s %s" % (label, _describe(item))
            stage, sep, text = _encode(item).rpartition(b"=")
            if not sep:
                raise refuse(status, context)
            out.append((stage, text, context))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            out.append((item[0], item[1],
                        "%s %s %s" % (label, _describe(item[0]), _describe(item[1]))))
        else:
            raise refuse(status, "%s[%d] %s: expected a (stage, value) pair or 'STAGE=VALUE'"
                         % (label, index, _describe(item)), typed=True)
    return out


def _per_stage(funnel, label, value, read, status):
    """{stage index: (double, context)} of a per-stage argument; each stage once."""
    if value is None:
        return {}
    out = {}
    for stage, given, context in _stage_items(label, value, status):
        k = funnel._find(stage, context)
        if k in out:
            raise refuse("STAGE_DUPLICATE", "%s: stage %s given twice"
                         % (context, _describe(funnel.names[k])))
        out[k] = (read(context, given), context)
    return out


def _fail(exc, what, given, stages):
    """Re-raises a refusal of the whole computation, naming the argument
    the library's field is (``stages``: {field: {stage index: context}} for
    the per-stage arguments)."""
    field = exc.field
    context = stages.get(field, {}).get(exc.index)
    if context is not None:
        raise exc.with_context(context) from None
    if status_is(exc, "DEAL_SIZE_MISSING"):
        # the terms' revenue is refused as about the deal size it lacks
        culprit = field if field in given else "revenue"
        detail = "%s %s" % (culprit, _describe(given.get(culprit)))
        raise exc.with_context("%s (%s without a deal_size)" % (what, detail)) from None
    if status_is(exc, "TARGET"):
        raise exc.with_context("%s (no target: give revenue or deals%s)"
                               % (what, ", or monthly_deals or monthly_revenue"
                                  if what == "schedule" else "")) from None
    if field in given:
        raise exc.with_context("%s %s" % (field, _describe(given[field]))) from None
    raise exc.with_context(what) from None


# ---------------------------------------------------------------------------
# schedule


def schedule(funnel, start, months, per, revenue, deals, deal_size, seasonality, monthly_deals,
             monthly_revenue, lags, reps, quota, attainment):
    """:meth:`Funnel.schedule`."""
    if monthly_deals is not None and monthly_revenue is not None:
        raise refuse("TARGET", "schedule", "give monthly_deals or monthly_revenue, "
                     "not both")
    monthly_label = ("monthly_deals" if monthly_deals is not None else
                     "monthly_revenue" if monthly_revenue is not None else None)
    monthly = monthly_deals if monthly_deals is not None else monthly_revenue
    if monthly_label is not None and (revenue is not None or deals is not None):
        raise refuse("TARGET", monthly_label, "give a target per period or per month, "
                     "not both")
    if monthly_label is not None and seasonality is not None:
        raise refuse("WEIGHTS", "seasonality", "seasonality spreads a target per period; "
                     "a target per month needs none")
    if attainment is not None and quota is None:
        raise refuse("QUOTA", "attainment %s" % _describe(attainment),
                     "attainment is the share of a quota: give "
                     "the quota too")
    terms, given = funnel._terms(per, revenue, deals, deal_size, None, None, "schedule")
    inp = _native.fpl_schedule_input()
    inp.start = _month("start", start)
    given["start"] = start
    inp.months = _months(months)
    given["months"] = months
    weights = None
    if seasonality is not None:
        weights = _values("seasonality", seasonality, len(inp.weights), len(inp.weights))
        inp.has_weights = True
        inp.weights[:] = weights
        given["seasonality"] = seasonality
    values = None
    if monthly_label is not None:
        values = _values(monthly_label, monthly, _native.SCHEDULE_MAX_MONTHS, inp.months)
        inp.has_monthly = True
        inp.monthly_kind = (_native.TARGET_DEALS if monthly_label == "monthly_deals"
                            else _native.TARGET_REVENUE)
        inp.monthly[:len(values)] = values
        given[monthly_label] = monthly
    lag_contexts = {}
    for k, (months_lag, context) in _per_stage(funnel, "lags", lags, _lag, "LAG").items():
        inp.lag[k] = months_lag
        lag_contexts[k] = context
    if reps is not None:
        inp.has_reps = True
        inp.reps = _amount("reps", reps)
        given["reps"] = reps
    if quota is not None:
        inp.has_quota = True
        inp.quota = _amount("quota", quota)
        given["quota"] = quota
    if attainment is not None:
        inp.has_attainment = True
        inp.attainment = _rate("attainment", attainment)
        given["attainment"] = attainment

    out = _native.fpl_schedule()
    try:
        fn.schedule_compute(byref(funnel._c), byref(terms), byref(inp), byref(out))
    except FunnelError as exc:
        if exc.field == "start":  # a span leaving the calendar
            raise exc.with_context("start %s (the schedule's months, with those its lags "
                                   "need before it, must lie in years 1 to 9999)"
                                   % _describe(start)) from None
        _fail(exc, "schedule", given, {"lag": lag_contexts})

    view = _View("view_schedule", _copy(funnel._c), out)
    return _from_view(Schedule, view(), view)


# ---------------------------------------------------------------------------
# pace


def pace(funnel, elapsed, start, as_of, per, revenue, deals, deal_size, actual, actual_deals,
         actual_revenue, open_, lags, at_risk, off_track, reps):
    """:meth:`Funnel.pace`."""
    dates = start is not None or as_of is not None
    if elapsed is not None and dates:
        # name only what was given
        other = ("start and as_of" if start is not None and as_of is not None else
                 "start" if start is not None else "as_of")
        raise refuse("ELAPSED", "elapsed %s" % _describe(elapsed),
                     "give elapsed or %s, not both" % other)
    if elapsed is None and (start is None or as_of is None):
        raise refuse("ELAPSED", "pace (start %s, as_of %s)" % (_describe(start),
                                                               _describe(as_of)),
                     "give elapsed (a share of the period), or "
                     "the period's start date and an as_of date")
    terms, given = funnel._terms(per, revenue, deals, deal_size, None, None, "pace")
    inp = _native.fpl_pace_input()
    if elapsed is not None:
        inp.elapsed = _elapsed(elapsed, terms.per)
        given["elapsed"] = elapsed
    else:
        first = _date("start", start)
        day = _date("as_of", as_of)
        share = c_double()
        try:
            fn.pace_elapsed(byref(first), byref(day), terms.per, byref(share))
        except FunnelError as exc:
            raise exc.with_context("as_of %s with start %s (per %s)"
                                   % (_describe(as_of), _describe(start),
                                      PERIODS[terms.per])) from None
        inp.elapsed = share.value
    per_stage = {}
    for label, value in (("actual", actual), ("open", open_)):
        per_stage[label] = {}
        for k, (x, context) in _per_stage(funnel, label, value, _count, "ACTUAL").items():
            getattr(inp, "has_" + label)[k] = True
            getattr(inp, label)[k] = x
            per_stage[label][k] = context
    for label, value in (("actual_deals", actual_deals), ("actual_revenue", actual_revenue)):
        if value is not None:
            setattr(inp, "has_" + label, True)
            setattr(inp, label, _amount(label, value))
            given[label] = value
    per_stage["lag"] = {}
    for k, (months_lag, context) in _per_stage(funnel, "lags", lags, _lag, "LAG").items():
        inp.lag[k] = months_lag
        per_stage["lag"][k] = context
    for label, value in (("at_risk", at_risk), ("off_track", off_track)):
        if value is not None:
            setattr(inp, "has_" + label, True)
            setattr(inp, label, _rate(label, value))
    if reps is not None:
        inp.has_reps = True
        inp.reps = _amount("reps", reps)
        given["reps"] = reps

    out = _native.fpl_pace()
    try:
        fn.pace_compute(byref(funnel._c), byref(terms), byref(inp), byref(out))
    except FunnelError as exc:
        if exc.field in ("at_risk", "off_track"):
            # the thresholds given (the message names the other one's default)
            raise exc.with_context(", ".join(
                "%s %s" % (label, _describe(value))
                for label, value in (("at_risk", at_risk), ("off_track", off_track))
                if value is not None)) from None
        _fail(exc, "pace", given, per_stage)

    # the table's headline shows the dates the elapsed share came from
    view = _View("view_pace", _copy(funnel._c), out,
                 given=(first, day) if elapsed is None else (None, None))
    return _from_view(Pace, view(), view)

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
from typing import Any, Optional, Tuple

from . import _native
from ._common import (JSONDict, _Shown, PERIODS, _View, _amount, _count_in, _float_text, _hinted, _copy, _describe, _encode, _from_view, _is_int,
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
    """One stage of a schedule (an element of :attr:`Schedule.stages`).

    Attributes:
        name: the stage's name.
        rate: its conversion rate, a fraction in (0, 1].
        lag_months: the time from entering it to entering the next stage
            (the last: to closing), in months (not whole).
        lag_days: the same in days: lag_months × :data:`DAYS_PER_MONTH`.
        total: units entering it over all rows (the plan's required × months
            of the span / months of the period); exact, unrounded.
    """
    name: str
    rate: float
    lag_months: float
    lag_days: float
    total: float


@dataclass(frozen=True)
class ScheduleRow:
    """One calendar month of a schedule (an element of :attr:`Schedule.rows`).
    Its figures are for that month; exact, unrounded.

    Attributes:
        month: the month, ``"YYYY-MM"``.
        in_span: whether it is in the span (months before the start close no
            deals: they take the volume later deals need).
        share: its share of the span's deals, a fraction (0 before the start).
        deals: deals closing in this month.
        revenue: deals × deal size, in money; None without a deal size.
        entering: units that must enter each stage in this month, top first.
        deals_per_rep: deals / reps; None without reps.
        entering_per_rep: entering / reps, per stage; None without reps.
    """
    month: str
    in_span: bool
    share: float
    deals: float
    revenue: Optional[float]
    entering: Tuple[float, ...]
    deals_per_rep: Optional[float] = None
    entering_per_rep: Optional[Tuple[float, ...]] = None


@dataclass(frozen=True)
class MonthlyTarget:
    """A target given month by month (:attr:`Schedule.monthly`).

    Attributes:
        kind: ``"deals"`` or ``"revenue"``.
        values: one target per month of the span, first month first (deals,
            or money), as given.
    """
    kind: str
    values: Tuple[float, ...]


@dataclass(frozen=True)
class Velocity:
    """Sales velocity (:attr:`Schedule.velocity`).

    Attributes:
        per_day: revenue per day, in money: opportunities per month × win
            rate × deal size / cycle days.
        opportunities_per_month: units entering the last stage per month,
            the span's average; exact.
        win_rate: the last stage's rate, a fraction.
        deal_size: the deal size, in money.
        cycle_days: the last stage's lag, in days.
    """
    per_day: float
    opportunities_per_month: float
    win_rate: float
    deal_size: float
    cycle_days: float


@dataclass(frozen=True, repr=False)
class Schedule(_Shown):
    """Month by month: the units every stage must take in each calendar
    month, from the earliest month any stage needs volume (``lead_months``
    before the start) to the end of the span (:meth:`Funnel.schedule`).

    Attributes:
        per: the period of the target: ``"month"``, ``"quarter"`` or ``"year"``.
        start: the first month of the span, ``"YYYY-MM"``.
        months: months in the span; an int.
        lead_months: rows before the start (every lag rounded up, summed); an int.
        total_lag: months from entering the top stage to closing (not whole).
        deals: deals over the whole span; exact.
        revenue: revenue over the span, in money; None without a deal size.
        deal_size: the deal size in money; None without one.
        seasonality: the 12 weights given, January first; None without them.
        monthly: the target given month by month (:class:`MonthlyTarget`);
            None when a target per period was given.
        stages: every stage, top first (:class:`ScheduleStage`).
        rows: one row per calendar month, earliest first (:class:`ScheduleRow`).
        reps: the reps; None without them.
        quota: revenue per rep per period, in money; None without one.
        attainment: the share of quota a rep makes, a fraction; None without
            a quota.
        reps_needed: revenue per period / (quota × attainment); exact. None
            without a quota.
        reps_needed_whole: the same rounded up; an int. None without a quota.
        velocity: the sales velocity (:class:`Velocity`); None without a deal
            size or a lag on the last stage.

    ``to_dict()`` is the object ``funnelplan schedule ... --format json`` prints.
    """
    per: str
    start: str
    months: int
    lead_months: int
    total_lag: float
    deals: float
    revenue: Optional[float]
    deal_size: Optional[float]
    seasonality: Optional[Tuple[float, ...]]
    monthly: Optional[MonthlyTarget]
    stages: Tuple[ScheduleStage, ...]
    rows: Tuple[ScheduleRow, ...]
    reps: Optional[float]
    quota: Optional[float]
    attainment: Optional[float]
    reps_needed: Optional[float]
    reps_needed_whole: Optional[int]
    velocity: Optional[Velocity]
    # What the library describes (fpl_view_schedule), and so what the
    # fields are read from: the C funnel and schedule.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'start', 'months', 'deals', 'revenue')
    _by_name = "stages"

    def _render_args(self):
        return fn.schedule_render, self._source.structs

    def row(self, month: str) -> ScheduleRow:
        """The row of a calendar month (``"2027-03"``); KeyError if none.

        >>> from funnelplan import Funnel
        >>> f = Funnel([("lead", "10%")], deal_size=1000)
        >>> s = f.schedule("2027-01", 3, deals=30, per="quarter")
        >>> s.row("2027-02").deals, s.row("2027-02").entering
        (10.0, (100.0,))
        """
        for r in self.rows:
            if r.month == month:
                return r
        raise KeyError(month)

    def entering(self, stage: str) -> Tuple[float, ...]:
        """Every row's units entering one stage (by name), earliest first;
        KeyError for another name.

        >>> from funnelplan import Funnel
        >>> s = Funnel([("lead", "10%")]).schedule("2027-01", 3, deals=30, per="quarter",
        ...                                        lags={"lead": "1m"})
        >>> s.entering("lead")
        (100.0, 100.0, 100.0, 0.0)
        """
        for k, s in enumerate(self.stages):
            if s.name == stage:
                return tuple(r.entering[k] for r in self.rows)
        raise KeyError(stage)

    def to_dict(self) -> JSONDict:
        return self._source()


# ---------------------------------------------------------------------------
# Results: pace


@dataclass(frozen=True)
class PaceRow:
    """One paced figure (a stage's units, the deals or the revenue) against
    its plan for the period. Every figure from ``actual`` on is None without
    an actual; ``needed_rate`` and ``catch_up`` also when the period is over.
    Units are the row's: units of a stage, deals, or money for revenue; per
    the whole period (:attr:`Pace.per`) unless said otherwise; exact unless
    whole.

    Attributes:
        plan: the plan for the whole period.
        plan_to_date: plan × elapsed: the plan for the share gone.
        actual: the actual so far; None without one.
        attainment: actual / plan to date, a fraction.
        projection: actual / elapsed: the run rate over the whole period.
        projected_attainment: projection / plan, a fraction.
        still_needed: max(0, plan − actual) for the rest of the period.
        needed_rate: still needed / (1 − elapsed): the rate per period the
            rest needs; None also when the period is over.
        catch_up: needed rate / plan, a fraction (1.25: 25% above plan);
            None also when the period is over.
        status: ``"on track"``, ``"at risk"`` or ``"off track"`` (attainment
            against :attr:`Pace.at_risk` and :attr:`Pace.off_track`).
        plan_per_rep: plan / reps; None without reps (so are the next two).
        actual_per_rep: actual / reps.
        needed_rate_per_rep: needed rate / reps.
        plan_whole: the plan in whole units (the plan's required_whole or
            deals_whole); an int. None for revenue.
        still_needed_whole: max(0, plan_whole − actual), rounded up; an int.
            None for revenue and without an actual.
        needed_per_month: still needed / months left, per month; None
            without an actual or when the period is over.
        needed_per_month_whole: still_needed_whole / months left, rounded up;
            an int. None when either is.
    """
    plan: float
    plan_to_date: float
    actual: Optional[float]
    attainment: Optional[float]
    projection: Optional[float]
    projected_attainment: Optional[float]
    still_needed: Optional[float]
    needed_rate: Optional[float]
    catch_up: Optional[float]
    status: Optional[str]
    plan_per_rep: Optional[float]
    actual_per_rep: Optional[float]
    needed_rate_per_rep: Optional[float]
    plan_whole: Optional[int]
    still_needed_whole: Optional[int]
    needed_per_month: Optional[float]
    needed_per_month_whole: Optional[int]


@dataclass(frozen=True)
class PaceStage(PaceRow):
    """A stage's units so far against its plan (an element of
    :attr:`Pace.stages`): the fields of :class:`PaceRow` in units entering
    the stage, and:

    Attributes:
        name: the stage's name.
        rate: its conversion rate, a fraction in (0, 1].
        cumulative_rate: its rate times every rate below it, a fraction.
        implied_deals: actual × cumulative rate: the deals its units so far
            imply at the funnel's rates; exact. None without an actual.
    """
    name: str
    rate: float
    cumulative_rate: float
    implied_deals: Optional[float]


@dataclass(frozen=True)
class PaceWarning:
    """The earliest warning (:attr:`Pace.warning`).

    Attributes:
        stage: the name of the highest stage off track.
        months: in how many months it shows in deals: the sum of the lags
            from it to closing (not whole).
    """
    stage: str
    months: float


@dataclass(frozen=True)
class OpenPipeline:
    """Units in one stage now (an element of :attr:`Coverage.open`).

    Attributes:
        stage: the stage's name.
        units: the units in it now, as given.
    """
    stage: str
    units: float


@dataclass(frozen=True)
class Coverage:
    """The open pipeline against the deals still to close: ``raw`` = open
    units / still to close, ``weighted`` = open deals / still to close (both
    None with nothing left to close), and ``required`` = open units / open
    deals, the raw coverage the funnel's own rates need (None when the
    pipeline brings no deals).

    Attributes:
        open: the open units of the stages given, in funnel order
            (:class:`OpenPipeline`).
        open_units: the open units, summed.
        open_deals: Σ open units × the stage's cumulative rate: the deals
            the open pipeline brings; exact.
        still_to_close: max(0, target deals − deals so far).
        raw: open units / still to close, a ratio; None with nothing to close.
        weighted: open deals / still to close, a ratio; None with nothing to
            close.
        required: open units / open deals: the raw coverage the funnel's own
            rates need; None when the pipeline brings no deals.
    """
    open: Tuple[OpenPipeline, ...]
    open_units: float
    open_deals: float
    still_to_close: float
    raw: Optional[float]
    weighted: Optional[float]
    required: Optional[float]


@dataclass(frozen=True, repr=False)
class Pace(_Shown):
    """Actuals so far against plan: every stage, the deals and the revenue
    (None without a deal size), the earliest warning and the pipeline
    coverage (None without an open pipeline).

    Attributes:
        per: the period of the plan: ``"month"``, ``"quarter"`` or ``"year"``.
        elapsed: the share of the period gone, a fraction in (0, 1].
        at_risk: the attainment below which a row is at risk, a fraction.
        off_track: the attainment below which a row is off track, a fraction.
        stages: every stage, top first (:class:`PaceStage`).
        deals: the deals won so far against plan (:class:`PaceRow`).
        revenue: the revenue so far against plan, in money; None without a
            deal size.
        warning: the earliest warning (:class:`PaceWarning`); None when no
            stage is off track.
        coverage: the pipeline coverage (:class:`Coverage`); None without an
            open pipeline.
        reps: the reps; None without them.
        months_left: months of the period left: months × (1 − elapsed) (whole
            when within 16 epsilons of a whole number).

    ``pace["lead"]`` is a stage's row by name.
    ``to_dict()`` is the object ``funnelplan pace ... --format json`` prints.
    """
    per: str
    elapsed: float
    at_risk: float
    off_track: float
    stages: Tuple[PaceStage, ...]
    deals: PaceRow
    revenue: Optional[PaceRow]
    warning: Optional[PaceWarning]
    coverage: Optional[Coverage]
    reps: Optional[float]
    months_left: float
    # What the library describes (fpl_view_pace), and so what the fields are
    # read from: the C funnel and pace.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'elapsed', 'months_left')
    _by_name = "stages"  # pace["lead"]: a stage's row

    def _render_args(self):
        # the dates the elapsed share came from (None, None without them)
        return fn.pace_render, self._source.structs + self._source.given

    def to_dict(self) -> JSONDict:
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
            raise refuse(status, "%s[%d] %s" % (label, index, _describe(item)),
                         "expected a (stage, value) pair or 'STAGE=VALUE'", typed=True)
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

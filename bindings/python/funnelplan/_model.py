# funnelplan — the Python surface: Funnel, plans and forecasts.
# SPDX-License-Identifier: MIT
"""``Funnel`` and the frozen result classes.

The library decides what is valid: numbers are passed through as doubles
(NaN and infinities included) for it to refuse, and numeric strings are read
by its own locale-independent parsers (``fpl_parse_amount``,
``fpl_parse_rate``). Python only refuses what cannot reach the library: a
value of the wrong type (a bool, a list, a name that is not text), an int
too large for a double, and ``None`` where a value is required. A result's
fields, and its parts' and its own ``to_dict()``, are read from the view the
library describes of it (``fpl_view_plan``, ``fpl_view_forecast``).
"""

import ctypes
import functools
from itertools import repeat
import struct
from ctypes import byref, c_size_t
from dataclasses import dataclass, field
from typing import (Any, Dict, Generic, Iterable, Mapping, NamedTuple, Optional, Sequence, Tuple,
                    TypeVar, Union)

from . import _channels, _native, _odds, _schedule, _whatif
from ._common import (Amount, JSONDict, Rate, _Lazy, _readers, _Shown, Mix, Named, PERIODS, Segment, _Part, _View, _amount, _call,
                      _compute, _count, _copy, _hinted, _if, _make, _from_view,
                      _volume, _describe, _encode, _is_text, _items, _missing, _mix_argument, _mixes_arg,
                      _name, _optional, _parse, _parse_mixes, _period, _rate, _view_field, refuse, status_is,
                      stage_hint)
from ._common import _PERIODS_READ, _WHOLE_MAX, _record
from ._errors import FunnelError
from ._native import fn

__all__ = ["PERIODS", "Funnel", "Stage", "Plan", "PlanStage", "PlanPeriod", "StageRequired",
           "Forecast", "ForecastStage", "ForecastPeriod", "StageExpected", "Periods",
           "Mix", "Segment", "parse_amount", "parse_rate"]

#: The figures of one period length in a :class:`Periods`.
P = TypeVar("P")


def parse_amount(text: str) -> float:
    """Reads an amount or a count as the CLI does: ``"1,000,000"``, ``"1.5M"``,
    ``"250k"``, ``"1e6"``, ``"1_000"``. Same result in every locale.

    >>> parse_amount("1.5M"), parse_amount("250k"), parse_amount("1,000,000")
    (1500000.0, 250000.0, 1000000.0)

    Raises :class:`FunnelError` (``.status`` e.g. ``PARSE_SYNTAX``).
    """
    if not _is_text(text):
        raise refuse("PARSE_SYNTAX", "amount %s" % _describe(text), typed=True)
    return _amount("amount", text)


def parse_rate(text: str) -> float:
    """Reads a rate as the CLI does: ``"12%"``, ``"12.5%"``, ``"0.12"``, ``"1/3"``.
    The range is not checked (``"150%"`` gives 1.5); a funnel stage checks it.

    >>> parse_rate("12.5%"), parse_rate("1/4"), parse_rate("150%")
    (0.125, 0.25, 1.5)

    Raises :class:`FunnelError`.
    """
    if not _is_text(text):
        raise refuse("PARSE_SYNTAX", "rate %s" % _describe(text), typed=True)
    return _rate("rate", text)


@dataclass(frozen=True)
class Periods(Generic[P]):
    """One figure set per period length (a :class:`PlanPeriod` or a
    :class:`ForecastPeriod`), each the same question scaled to that length
    (a year is 12 months, a quarter 3). ``periods["year"]`` works too.

    Attributes:
        month: the figures per month.
        quarter: the figures per quarter (3 months).
        year: the figures per year (12 months).
    """
    month: P
    quarter: P
    year: P

    def __getitem__(self, name: str) -> P:
        """The figures of the period ``name`` (``"month"``, ``"quarter"``,
        ``"year"``); KeyError for another name.

        >>> p = Funnel([("lead", "10%")]).plan(deals=3)
        >>> p.by_period["year"].deals
        36.0
        """
        if name not in PERIODS:
            raise KeyError(name)
        return getattr(self, name)

    def items(self) -> Tuple[Tuple[str, P], ...]:
        """``(period name, figures)`` pairs, month first.

        >>> p = Funnel([("lead", "10%")]).plan(deals=3)
        >>> [(name, f.deals) for name, f in p.by_period.items()]
        [('month', 3.0), ('quarter', 9.0), ('year', 36.0)]
        """
        return tuple((name, getattr(self, name)) for name in PERIODS)


@dataclass(frozen=True)
class StageRequired(_Part):
    """Units that must enter one stage in one period length (an element of
    :attr:`PlanPeriod.stages`).

    Attributes:
        name: the stage's name.
        required: units that must enter the stage per month, quarter or year
            (the :class:`PlanPeriod`'s length); exact, unrounded.
    """
    name: str
    required: float
    _view: tuple = _view_field()


@dataclass(frozen=True)
class PlanPeriod(_Part):
    """A plan's figures scaled to one period length (an element of
    :attr:`Plan.by_period`): month, quarter or year.

    Attributes:
        revenue: the revenue target in money per this period; exact. None
            when the target was deals.
        deals: deals needed per this period; exact, unrounded (1.67 a month
            for 20 a year).
        stages: units every stage needs per this period, top first
            (:class:`StageRequired`).
        budget: acquisition budget in money per this period (required at the
            top stage × cost per lead); exact. None without a cost per lead.
    """
    revenue: Optional[float]
    deals: float
    stages: Tuple[StageRequired, ...]
    budget: Optional[float]
    _view: tuple = _view_field()


@dataclass(frozen=True)
class PlanStage(_Part):
    """One stage of a plan (an element of :attr:`Plan.stages`), per the
    plan's period (:attr:`Plan.per`).

    Attributes:
        name: the stage's name.
        rate: its conversion rate, a fraction in (0, 1]: the share of the
            units entering it that reach the next stage (the last: are won).
        cumulative_rate: this rate times the rate of every stage below it: the
            chance that one unit entering this stage becomes a deal; a fraction.
        required: units that must enter this stage per period; exact,
            unrounded (deals / cumulative_rate).
        required_whole: the same in whole units, rounded up tolerantly and
            cascading up the funnel (whole units of the stage below / rate); an
            int.
        cost_per: the acquisition budget per unit entering this stage, in
            money (budget / required); exact. None without a cost per lead.
        required_for_confidence: the least whole units entering this stage per
            period that reach :attr:`Plan.deals_whole` deals with the chance
            :attr:`Plan.confidence`; an int. None unless ``plan()`` was given
            a ``confidence``.
    """
    name: str
    rate: float
    cumulative_rate: float
    required: float
    required_whole: int
    cost_per: Optional[float]
    required_for_confidence: Optional[int] = None
    _view: tuple = _view_field()


@dataclass(frozen=True, repr=False)
class Plan(_Lazy, _Shown):
    """Backward from a target: deals and the units every stage needs
    (:meth:`Funnel.plan`). Every figure is per :attr:`per` unless it says
    otherwise; :attr:`by_period` scales them to a month, a quarter and a year.

    Attributes:
        per: the period of the target: ``"month"``, ``"quarter"`` or ``"year"``.
        revenue: the revenue target in money per period; None when the target
            was deals.
        deal_size: the average deal size in money; None when none was given.
        deals: deals needed per period (revenue / deal size, or the deals
            given); exact, unrounded.
        deals_whole: deals rounded up (tolerantly) to a whole deal; an int.
        margin: the gross margin, a fraction (1.0 when none was given).
        gross_profit: revenue × margin in money per period; None without a
            revenue.
        stages: every stage's figures, top first (:class:`PlanStage`).
        by_period: the figures per month, quarter and year (:class:`Periods`
            of :class:`PlanPeriod`).
        cost_per_lead: the cost of one unit entering the top stage, in money;
            None without a cost per lead (so are the next two).
        budget: acquisition budget per period, in money: required at the top
            stage × cost per lead; exact.
        cost_per_deal: budget / deals (CAC), in money per deal; exact.
        confidence: the chance ``plan(confidence=...)`` asked for, a fraction
            in (0, 1) (then every stage has its ``required_for_confidence``);
            None without one.
        mix: the funnel's lead mixes (:class:`Mix`), in funnel order; None
            without one.

    ``str()`` is the CLI's table, :meth:`to_csv` its CSV and ``to_dict()``
    the object ``funnelplan plan ... --format json`` prints:

    >>> p = Funnel([("opportunity", "1/3")], deal_size=4000).plan(revenue=100_000)
    >>> p.deals, p.deals_whole, p.stages[0].required_whole, p.by_period.year.deals
    (25.0, 25, 75, 300.0)
    """
    per: str
    revenue: Optional[float]
    deal_size: Optional[float]
    deals: float
    deals_whole: int
    margin: float
    gross_profit: Optional[float]
    stages: Tuple[PlanStage, ...]
    by_period: Periods[PlanPeriod] = field(metadata={"of": PlanPeriod})
    cost_per_lead: Optional[float]
    budget: Optional[float]
    cost_per_deal: Optional[float]
    confidence: Optional[float] = None
    mix: Optional[Tuple[Mix, ...]] = None
    # What the library describes (fpl_view_plan): the C funnel, plan,
    # confidence volumes (or None) and mixes.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'revenue', 'deals', 'deals_whole')
    _by_name = "stages"

    def _render_args(self):
        funnel, plan, confidence = self._source.structs
        return fn.plan_render, (funnel, plan, confidence, *self._source.mix(b"mix"))

    def to_dict(self) -> JSONDict:
        return self._source()


@dataclass(frozen=True)
class StageExpected(_Part):
    """Units expected to enter one stage in one period length (an element
    of :attr:`ForecastPeriod.stages`).

    Attributes:
        name: the stage's name.
        expected: units expected to enter the stage per month, quarter or
            year (the :class:`ForecastPeriod`'s length); exact, unrounded.
    """
    name: str
    expected: float
    _view: tuple = _view_field()


@dataclass(frozen=True)
class ForecastPeriod(_Part):
    """A forecast's figures scaled to one period length (an element of
    :attr:`Forecast.by_period`): month, quarter or year.

    Attributes:
        revenue: expected revenue in money per this period; exact. None
            without a deal size.
        deals: expected deals per this period; exact, unrounded.
        stages: units expected to enter every stage per this period, from
            the stage the volume enters down (:class:`StageExpected`).
        budget: acquisition cost in money per this period (volume × cost per
            lead); exact. None without a cost per lead.
    """
    revenue: Optional[float]
    deals: float
    stages: Tuple[StageExpected, ...]
    budget: Optional[float]
    _view: tuple = _view_field()


@_record
@dataclass(frozen=True, init=False)
class ForecastStage(_Part, tuple):
    """One stage of a forecast (an element of :attr:`Forecast.stages`, from
    the stage the volume enters down), per the forecast's period.

    Attributes:
        name: the stage's name.
        rate: its conversion rate, a fraction in (0, 1].
        expected: units expected to enter this stage per period; exact,
            unrounded (volume × the rates of the stages above it, from ``at``).

    A dataclass stored as a tuple (a record, as a ``NamedTuple`` is), so that
    a forecast makes its stages in one C call each: frozen, compared and
    hashed by its fields as any dataclass here, and a tuple too (of its
    fields and what its ``to_dict()`` reads).

    >>> ForecastStage(name="lead", rate=0.1, expected=500.0)
    ForecastStage(name='lead', rate=0.1, expected=500.0)
    """
    __slots__ = ()
    name: str
    rate: float
    expected: float
    _view: tuple = _view_field()

    def __new__(cls, name: str, rate: float, expected: float,
                _view: Optional[tuple] = None) -> "ForecastStage":
        return tuple.__new__(cls, (name, rate, expected) + (_view or (None, None)))


@dataclass(frozen=True, repr=False)
class Forecast(_Lazy, _Shown):
    """Forward from a volume: expected units, deals and revenue
    (:meth:`Funnel.forecast`). Every figure is per :attr:`per` unless it
    says otherwise; :attr:`by_period` scales them to a month, a quarter and
    a year. Expected values are exact (not whole).

    Attributes:
        per: the period of the volume: ``"month"``, ``"quarter"`` or ``"year"``.
        at: the name of the stage the volume enters.
        volume: units entering ``at`` per period, as given; exact.
        stages: every stage from ``at`` down (:class:`ForecastStage`).
        deals: expected deals per period; exact, unrounded.
        revenue: deals × deal size in money per period; None without a deal
            size.
        deal_size: the average deal size in money; None when none was given.
        margin: the gross margin, a fraction (1.0 when none was given).
        gross_profit: revenue × margin in money per period; None without a
            revenue.
        by_period: the figures per month, quarter and year (:class:`Periods`
            of :class:`ForecastPeriod`).
        cost_per_lead: the cost of one unit entering the top stage, in money;
            None without a cost per lead (so are the next two).
        budget: volume × cost per lead, in money per period.
        cost_per_deal: budget / deals, in money per deal.
        target: what the forecast is measured against: ``"revenue"``,
            ``"deals"`` or None (no target; then the next five are None).
        target_revenue: the revenue target in money per period; None for a
            deal target without a deal size.
        target_deals: the deals the target means, per period; exact.
        gap_revenue: target_revenue − revenue in money per period (positive:
            short); None when either is unknown.
        gap_deals: target_deals − deals per period (positive: short); exact.
        attainment: deals / target_deals, a fraction (1.0 is on target).
        mix: the funnel's lead mixes (:class:`Mix`), in funnel order; None
            without one.

    >>> f = Funnel([("opportunity", "1/3")], deal_size=4000).forecast(75, deals=30)
    >>> f.deals, f.revenue, f.gap_deals, f.by_period.year.revenue
    (25.0, 100000.0, 5.0, 1200000.0)
    """
    per: str
    at: str
    volume: float
    stages: Tuple[ForecastStage, ...]
    deals: float
    revenue: Optional[float]
    deal_size: Optional[float]
    margin: float
    gross_profit: Optional[float]
    by_period: Periods[ForecastPeriod] = field(metadata={"of": ForecastPeriod})
    cost_per_lead: Optional[float]
    budget: Optional[float]
    cost_per_deal: Optional[float]
    target: Optional[str]
    target_revenue: Optional[float]
    target_deals: Optional[float]
    gap_revenue: Optional[float]
    gap_deals: Optional[float]
    attainment: Optional[float]
    mix: Optional[Tuple[Mix, ...]] = None
    # What the library describes (fpl_view_forecast): the C funnel, forecast
    # and mixes.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'at', 'volume', 'deals', 'revenue')
    _by_name = "stages"

    def _render_args(self):
        funnel, forecast = self._source.structs
        return fn.forecast_render, (funnel, forecast, *self._source.mix(b"mix"))

    def to_dict(self) -> JSONDict:
        return self._source()


# ---------------------------------------------------------------------------
# The funnel


class Stage(NamedTuple):
    """A stage of a funnel (an element of :attr:`Funnel.stages`).

    Attributes:
        name: the stage's name (1 to 64 bytes of UTF-8).
        rate: its conversion rate, a fraction in (0, 1] (the blended rate
            when the stage has a lead mix).
    """
    name: str
    rate: float


def _stage_items(stages):
    if stages is None:
        raise refuse("NULL", "stages None")
    pairs = "a list of (name, rate) pairs or a mapping {name: rate}"
    return _items("stages", stages, "STAGE_COUNT", text=pairs, other=pairs)


class Funnel:
    """A funnel: named stages with conversion rates, top first.

    ``stages`` is a sequence of ``(name, rate)`` pairs (or a mapping
    name -> rate); a rate is a number or a string as on the command line
    (``"1%"``, ``"12.5%"``, ``"0.1"``, ``"1/3"``). ``deal_size``,
    ``cost_per_lead`` (numbers or strings such as ``"1.5M"``, ``"1,000"``) and
    ``margin`` (a rate) are defaults for every question; the keywords of
    :meth:`plan` and :meth:`forecast` override them.

    ``mix`` gives stages a lead mix: ``{stage: "hot:20%@60%,warm:30%@30%,
    cold:50%@5%"}`` (the CLI's ``--mix STAGE=...`` without ``STAGE=``) or
    ``{stage: [("hot", "20%", "60%"), ("warm", 0.3, 0.3), ...]}`` (name,
    share, rate: numbers or the CLI's rates); the shares add up to 100%.
    Such a stage takes the blended rate Σ share · rate in every question
    (its rate in ``stages`` must still be valid, and is otherwise unused),
    and the results of :meth:`plan`, :meth:`forecast` and :meth:`whatif`
    list the mixes (``"mix"`` in ``to_dict()``, as the CLI's ``--mix``):

    >>> f = Funnel([("mql", "10%"), ("sql", "50%")],
    ...            mix={"mql": "hot:20%@60%,warm:30%@30%,cold:50%@5%"})
    >>> f.stages[0].rate, f.plan(deals=47).stages[0].required_whole
    (0.235, 400)

    The library checks everything as the funnel is built (names: 1 to 64
    bytes of UTF-8, no control characters, unique, not reserved; rates in
    (0, 1]; at most 32 stages) and :class:`FunnelError` says what it refused.
    A Funnel does not change once built.
    """

    __slots__ = ("_c", "_stages", "_names", "_deal_size", "_cost_per_lead", "_margin", "_mix",
                 "_c_mix", "_base", "_rates", "_memo")

    def __init__(self, stages: Union[Iterable[Tuple[str, Rate]], Mapping[str, Rate]],
                 deal_size: Optional[Amount] = None, cost_per_lead: Optional[Amount] = None,
                 margin: Optional[Rate] = None, mix: Optional[Mapping[str, Any]] = None) -> None:
        items = _stage_items(stages)
        c = _native.fpl_funnel()
        built = []
        for index, item in enumerate(items):
            if not (isinstance(item, (tuple, list)) and len(item) == 2):
                raise refuse("NULL", "stages[%d] %s" % (index, _describe(item)),
                             "expected a (name, rate) pair", typed=True)
            name, rate = item
            context = "stage %s" % _describe(name)
            if name is None:
                data = None  # the library refuses NULL
            elif _is_text(name):
                data = _encode(name)
            else:
                raise refuse("STAGE_NAME_UTF8", context, "name must be a str", typed=True)
            _call(fn.stage_name_check, (data, 0 if data is None else len(data)), context, {})
            value = _rate(context + " rate", rate)
            try:
                fn.funnel_add_stage(byref(c), data, len(data), value)  # type: ignore[arg-type]
            except FunnelError as exc:
                if exc.index is None:  # no stage of its own: one too many
                    raise exc.with_context("stages (%d given)" % len(items)) from None
                if status_is(exc, "RATE_RANGE"):  # the rate given, and for text how to write it
                    context = "%s rate %s" % (context, _describe(rate))
                    exc = _hinted(exc, _encode(rate)) if _is_text(rate) else exc
                raise exc.with_context(context) from None
            built.append(Stage(data.decode("utf-8"), value))  # type: ignore[union-attr]
        _call(fn.funnel_check, (byref(c),), "stages (%d given)" % len(items), {})
        mixes = _parse_mixes(c, mix, "mix")
        for m, _ in mixes:
            fn.mix_apply(byref(c), byref(m))
            built[m.stage] = Stage(built[m.stage].name, c.stages[m.stage].rate)
        self._mix = Named(x for _, x in mixes)
        self._c_mix = (_native.fpl_mix * len(mixes))(*(m for m, _ in mixes)) if mixes else None
        self._c = c
        self._stages = Named(built)
        self._names = tuple(s.name for s in built)
        self._rates = tuple(s.rate for s in built)
        self._memo: Dict[Any, Any] = {}  # what the library read for this funnel (_whatif._remembered)
        self._deal_size = _optional("deal_size", deal_size, _amount)
        self._cost_per_lead = _optional("cost_per_lead", cost_per_lead, _amount)
        self._margin = _optional("margin", margin, _rate)
        self._base = self._options(None, None, None)
        terms, given = self._terms(None, None, None, None, None, None, "funnel")
        _call(fn.terms_check, (byref(terms),), "funnel", given)

    @property
    def stages(self) -> Tuple[Stage, ...]:
        """The stages, top first, as ``Stage(name, rate)`` (rates as doubles);
        ``stages["lead"]`` finds one by name (:class:`Named`)."""
        return self._stages

    @property
    def names(self) -> Tuple[str, ...]:
        """The stages' names, top first."""
        return self._names

    @property
    def deal_size(self) -> Optional[float]:
        """The default average deal size in money; None when none was given."""
        return None if self._deal_size is None else self._deal_size.value

    @property
    def cost_per_lead(self) -> Optional[float]:
        """The default cost of one unit entering the top stage, in money;
        None when none was given."""
        return None if self._cost_per_lead is None else self._cost_per_lead.value

    @property
    def margin(self) -> Optional[float]:
        """The default gross margin, a fraction; None when none was given
        (the questions then take 100%)."""
        return None if self._margin is None else self._margin.value

    @property
    def mix(self) -> Tuple[Mix, ...]:
        """The lead mixes, in funnel order, as :class:`Mix` (empty without one)."""
        return self._mix

    def __len__(self) -> int:
        return len(self._stages)

    def _key(self):
        return (self._stages, self.deal_size, self.cost_per_lead, self.margin, self._mix)

    def __eq__(self, other):
        if not isinstance(other, Funnel):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __reduce__(self):
        # The doubles rebuild the very same funnel (a double reads back exactly).
        return (_rebuild_funnel, self._key()[:4] + (_mix_argument(self._mix),))

    def __repr__(self):
        extra = "".join(", %s=%r" % (k, v) for k, v in (("deal_size", self.deal_size),
                                                        ("cost_per_lead", self.cost_per_lead),
                                                        ("margin", self.margin))
                        if v is not None)
        if self._mix:
            extra += ", mix=%r" % _mix_argument(self._mix)
        return "Funnel(%r%s)" % ([tuple(s) for s in self._stages], extra)

    def _terms(self, per, revenue, deals, deal_size, cost_per_lead, margin, what):
        """The C terms and the caller's values by argument name (for messages)."""
        if deal_size is None and cost_per_lead is None and margin is None:
            t, given = self._base
            t, given = type(t).from_buffer_copy(t), dict(given)
        else:
            t, given = self._options(deal_size, cost_per_lead, margin)
        t.per = _period(per)
        if revenue is not None and deals is not None:
            raise refuse("TARGET", "%s (revenue %s and deals %s: give one of them)"
                         % (what, _describe(revenue), _describe(deals)))
        if revenue is not None:
            t.target = _native.TARGET_REVENUE
            t.revenue = _amount("revenue", revenue)
            given["revenue"] = revenue
        elif deals is not None:
            t.target = _native.TARGET_DEALS
            t.deals = _count("deals", deals)
            given["deals"] = deals
        return t, given

    def _options(self, deal_size, cost_per_lead, margin):
        """C terms with the deal size, cost per lead and margin given (else the
        funnel's), and the caller's values by argument name."""
        t = _native.fpl_terms()
        given = {}
        for label, value, reader, default in (
                ("deal_size", deal_size, _amount, self._deal_size),
                ("cost_per_lead", cost_per_lead, _amount, self._cost_per_lead),
                ("margin", margin, _rate, self._margin)):
            v = _optional(label, value, reader, default)
            if v is not None:
                setattr(t, "has_" + label, True)
                setattr(t, label, v.value)
                given[label] = v.given
        return t, given

    def plan(self, revenue: Optional[Amount] = None, deals: Optional[Amount] = None,
             per: str = "month", deal_size: Optional[Amount] = None,
             cost_per_lead: Optional[Amount] = None, margin: Optional[Rate] = None,
             confidence: Optional[Rate] = None) -> Plan:
        """Backward from a target per ``per`` (``"month"``, ``"quarter"``,
        ``"year"``): exactly one of ``revenue`` (needs a deal size) or
        ``deals``. Amounts are numbers or strings (``"1.5M"``). Returns a
        :class:`Plan`; raises :class:`FunnelError`.

        ``confidence`` (a rate in (0, 1), e.g. ``"90%"``) also gives every
        stage the least whole volume that reaches the whole deals with that
        chance (``required_for_confidence``; the CLI's ``plan --confidence``):

        >>> p = Funnel([("lead", "12%")]).plan(deals=12, confidence="90%")
        >>> p.stages[0].required_whole, p.stages[0].required_for_confidence
        (100, 136)
        """
        terms, given = self._terms(per, revenue, deals, deal_size, cost_per_lead, margin, "plan")
        out = _native.fpl_plan()
        _compute(fn.plan_compute, (self._c, terms, out), "plan", given)
        if confidence is None:
            return self._plan_result(out)
        return self._plan_result(out, *_odds.plan_confidence(self, terms, given, confidence))

    def forecast(self, volume: Amount, at: Optional[str] = None, per: str = "month",
                 revenue: Optional[Amount] = None, deals: Optional[Amount] = None,
                 deal_size: Optional[Amount] = None, cost_per_lead: Optional[Amount] = None,
                 margin: Optional[Rate] = None) -> Forecast:
        """Forward from ``volume`` units entering stage ``at`` (a stage name;
        default the top stage) each ``per``. ``revenue`` or ``deals`` (at most
        one) is an optional target to measure the forecast against. Returns a
        :class:`Forecast`; raises :class:`FunnelError`.

        >>> f = Funnel([("lead", "1%"), ("accepted", "10%")], deal_size=50_000)
        >>> r = f.forecast(200, at="accepted", per="year", revenue="1.2M")
        >>> r.deals, r.revenue, r.gap_revenue, r.attainment
        (20.0, 1000000.0, 200000.0, 0.8333333333333334)
        """
        if (type(volume) is float and at is None and revenue is None and deals is None
                and deal_size is None and cost_per_lead is None and margin is None
                and not volume > _WHOLE_MAX and not self._mix):
            # The usual call: the funnel's terms, a float volume (passed as the
            # double the library would read), a period it has read before.
            terms = None
            if type(per) is str:
                terms = self._memo.get(per)
                if terms is None and per in _PERIODS_READ:
                    # (C terms are only read: one copy a period serves every call)
                    terms = self._memo[per] = _FROM_COPY(self._base[0])
                    terms.per = _PERIODS_READ[per]
            if terms is not None:
                out = _FORECAST_OUT()
                if not _FORECAST_C(self._c, terms, _FORECAST_IN(volume), out, None):
                    # Made as _make makes a result, its dict given whole, with
                    # the figures every caller reads (deals, revenue, stages:
                    # one unpack of the C result, _FIGURES) made now and the
                    # rest when read (_FORECAST); mix is the class's None.
                    names = self._names
                    n = len(names)
                    got = _FIGURES[n].unpack_from(out)
                    result = _NEW(Forecast)
                    view = _View("view_forecast", self._c, out)
                    _SET(result, "__dict__", {
                        "_c": out, "_fc": self._c, "_rates": self._rates, "_names": names,
                        "deals": got[n], "revenue": got[n + 2] if got[n + 1] else None,
                        # (_stage_records inline, zip taking the n units of
                        # got: a call would cost 4% here)
                        "_source": view, "stages": Named(map(_NEW_TUPLE, repeat(ForecastStage), zip(
                            names, self._rates, got, repeat(view), _STAGE_PATHS)))})
                    return result
                # refused: said by the call below, in its words
        terms, given = self._terms(per, revenue, deals, deal_size, cost_per_lead, margin,
                                   "forecast")
        given["volume"] = volume
        inp = _native.fpl_forecast_input()
        inp.volume = _volume(volume, terms.per) if volume is not None else _missing("volume")
        inp.at = self._index(at)
        if at is not None:
            given["at"] = at
        out = _native.fpl_forecast()
        _compute(fn.forecast_compute, (self._c, terms, inp, out), "forecast", given)
        return self._forecast_result(out)

    def odds(self, volume: Amount, at: Optional[str] = None, per: str = "month",
             revenue: Optional[Amount] = None, deals: Optional[Amount] = None,
             deal_size: Optional[Amount] = None, cost_per_lead: Optional[Amount] = None,
             margin: Optional[Rate] = None, *, confidence: Union[Rate, Sequence[Rate]] = (),
             simulate: bool = False, trials: Optional[Amount] = None, seed: Optional[int] = None,
             deal_size_cv: Optional[Rate] = None, history: Optional[Any] = None,
             volume_per: Optional[str] = None) -> "_odds.Odds":
        """The chance that ``volume`` whole units entering stage ``at``
        (default the top stage) each ``per`` reach the target (``revenue``
        or ``deals``, required), the volume each confidence level needs and
        the quantiles of deals: an :class:`Odds`.

        Each unit becomes a deal on its own with the cumulative rate of
        ``at``, so deals are binomial (the exact model):

        >>> o = Funnel([("lead", "12%")]).odds(100, deals=12, confidence=["75%"])
        >>> round(o.p_hit, 4), o.volume_needed(0.75), o.volume_needed(0.9)
        (0.5458, 117, 136)

        ``confidence`` adds levels (rates: ``0.75``, ``"75%"``, ``"3/4"``;
        one or a sequence of up to 16) to the standard 50, 80, 90, 95, 99%.
        Monte Carlo runs (``simulation``) when ``simulate`` is True or any of
        ``trials`` (whole, 1 to 10,000,000; default 10,000), ``seed`` (an int
        from 0 to 2**64 - 1; default 1), ``deal_size_cv`` (the coefficient of
        variation of a deal's size, >= 0; sizes are then gamma distributed)
        or ``history`` is given. ``history`` maps a stage to its record, won
        of total units that moved on: ``{"lead": "12/100"}`` or
        ``{"lead": (12, 100)}`` (also a list of such pairs, or of
        ``"STAGE=WON/TOTAL"`` strings as on the command line); that stage's
        rate is then drawn from its Beta posterior in every trial.

        The volume carries its own period: ``volume_per`` (``"month"``,
        ``"quarter"``, ``"year"``) or text such as ``"600/month"``; ``per``
        is the target's. A volume without one is per month and taken only
        when ``per`` is a month: 600 leads with a yearly target are refused
        rather than read as 600 a year. 600 a month for a yearly target are
        7,200 a year (``o.volume``; ``o.given_volume`` is 600):

        >>> o = Funnel([("lead", "2%")]).odds(600, volume_per="month", deals=120, per="year")
        >>> o.volume, o.given_volume, o.volume_per, round(o.p_hit, 4)
        (7200, 600, 'month', 0.9826)
        """
        return _odds.odds(self, volume, at, per, revenue, deals, deal_size, cost_per_lead,
                          margin, confidence, simulate, trials, seed, deal_size_cv, history,
                          volume_per)

    def whatif(self, changes: Optional[Any] = None, volume: Optional[Amount] = None,
               at: Optional[str] = None, per: str = "month", revenue: Optional[Amount] = None,
               deals: Optional[Amount] = None, horizon: Optional[Union[int, str]] = None,
               invest: Optional[Amount] = None, deal_size: Optional[Amount] = None,
               cost_per_lead: Optional[Amount] = None, margin: Optional[Rate] = None,
               scenario_mix: Optional[Mapping[str, Any]] = None) -> "_whatif.WhatIf":
        """What a set of changes is worth: a :class:`WhatIf`.

        ``changes`` is a mapping ``{lever: change}`` (in its order) or a
        sequence of ``(lever, change)`` pairs (in order; a lever may appear
        more than once) or of ``"LEVER=CHANGE"`` strings as on the command
        line. A lever is a stage name, ``"deal-size"``, ``"volume"`` or
        ``"cost-per-lead"``; a change is a string read by the library --
        ``"+10%"``/``"-10%"`` (relative: 33% becomes 36.3%), ``"+3pp"``/
        ``"-3pp"`` (percentage points, rates only) or a plain value that
        sets the lever (``"40%"``, ``"2/5"`` for a stage; ``"5000"``,
        ``"4.5k"`` otherwise) -- or a number, which sets the lever. At most
        40 changes; none gives zero deltas.

        With ``volume`` (units entering stage ``at`` each ``per``) the volume
        is held: the baseline and scenario are forecasts and the gain is more
        deals and revenue. Without it the target (``revenue`` or ``deals``)
        is held: they are plans and the gain is volume (with a cost per lead,
        money) saved. ``horizon`` is a whole number of periods from 1 to
        1,000,000 (an int, or a string such as ``"12"``, read by the library
        as the CLI's ``--horizon``; refused with ``.field`` ``"horizon"``
        otherwise; default the periods in a year);
        ``invest`` a one-off cost of the improvement, giving ROI and payback.

        >>> funnel = Funnel([("opportunity", "33%")], deal_size=4000)
        >>> w = funnel.whatif(volume=75, changes={"opportunity": "+10%"}, horizon=12)
        >>> round(w.scenario.deals * 12, 6), round(w.delta.revenue_horizon, 6)
        (326.7, 118800.0)

        A relative or point change that pushes a rate out of (0%, 100%] (or
        an amount to 0 or below) raises :class:`FunnelError` with status
        ``CHANGE_RANGE`` and ``is_input_error`` False; a change
        that sets a value out of range is bad input with the status of the
        option it replaces (a rate, a deal size, a volume, a cost per lead).
        Either way ``.field`` is ``"change"``, ``.index`` says which change
        (the scenario mixes count after ``changes``) and the context names
        it.

        ``scenario_mix`` (as the funnel's ``mix``) is the improved lead mix
        of the scenario (e.g. a hand-off rule that passes on better leads):
        each stage it names is changed to its blended rate, a ``"set"``
        change after ``changes``, exactly as ``{stage: blended_rate}`` would;
        ``to_dict()`` then lists it as ``"scenario_mix"`` (and the funnel's
        own mixes as ``"mix"``).
        """
        return _whatif.whatif(self, changes, volume, at, per, revenue, deals, horizon, invest,
                              deal_size, cost_per_lead, margin, scenario_mix)

    def sensitivity(self, volume: Optional[Amount] = None, at: Optional[str] = None,
                    per: str = "month", revenue: Optional[Amount] = None,
                    deals: Optional[Amount] = None, step: Optional[str] = "+1pp",
                    deal_size_step: Optional[str] = "+10%", deal_size: Optional[Amount] = None,
                    cost_per_lead: Optional[Amount] = None,
                    margin: Optional[Rate] = None) -> "_whatif.Sensitivity":
        """Which lever pays most: a :class:`Sensitivity`.

        Every stage rate is moved by ``step`` (``"+1pp"``, or relative such
        as ``"+10%"``; capped at 100%), and the deal size by
        ``deal_size_step`` (relative, ``"+10%"``), one at a time. With
        ``volume`` (held; a deal size is needed) the rows are ranked by the
        revenue gained; without it the target (``revenue`` or ``deals``) is
        held and they are ranked by the top-of-funnel volume saved. The
        deal size has a row unless the target is deals (then it saves
        nothing). ``None`` for a step means the library's default.

        >>> f = Funnel([("lead", "10%"), ("opportunity", "25%")], deal_size=1000)
        >>> s = f.sensitivity(volume=1000)
        >>> [(r.lever, round(r.effect, 6)) for r in s.rows]
        [('lead', 2500.0), ('deal-size', 2500.0), ('opportunity', 1000.0)]

        (25 deals of 1,000 a month; a point on the 10% stage is 10% more
        deals, a point on the 25% stage 4% more.)
        """
        return _whatif.sensitivity(self, volume, at, per, revenue, deals, step, deal_size_step,
                                   deal_size, cost_per_lead, margin)

    def solve(self, lever: Optional[str] = None, volume: Optional[Amount] = None,
              at: Optional[str] = None, per: str = "month", revenue: Optional[Amount] = None,
              deals: Optional[Amount] = None, deal_size: Optional[Amount] = None,
              cost_per_lead: Optional[Amount] = None, margin: Optional[Rate] = None,
              for_: Optional[str] = None) -> "_whatif.Solve":
        """Goal seek: the value ``lever`` must reach, everything else held,
        for ``volume`` units entering stage ``at`` each ``per`` to meet the
        target (``revenue`` or ``deals``, required). A :class:`Solve`.

        ``lever`` is a stage name (its rate), ``"deal-size"`` (under a revenue
        target) or ``"volume"``; ``for_`` is an alias named after the CLI's
        ``--for`` (give one of the two). When no value in range can reach the
        target (a rate would exceed 100%) :class:`FunnelError` has status
        ``UNREACHABLE`` and ``is_input_error`` False.

        >>> s = Funnel([("opportunity", "1/3")], deal_size=4000).solve(
        ...     "opportunity", volume=75, revenue=125_000)
        >>> round(s.value, 6), round(s.change, 6)
        (0.416667, 0.25)
        """
        if lever is not None and for_ is not None:
            raise TypeError("solve(): give lever or for_, not both")
        return _whatif.solve(self, for_ if lever is None else lever, volume, at, per, revenue,
                             deals, deal_size, cost_per_lead, margin)

    def channels(self, channels: Sequence[Union[str, Mapping[str, Any]]],
                 revenue: Optional[Amount] = None, deals: Optional[Amount] = None,
                 per: str = "month", deal_size: Optional[Amount] = None,
                 margin: Optional[Rate] = None,
                 allocate: str = "cheapest") -> "_channels.Channels":
        """Lead channels: a :class:`Channels` (profitability, break-even, ranking
        and, with a target, the allocation of leads).

        ``channels`` is a list of specs as the CLI's ``--channel``
        (``"ads: cost-per-lead=40, capacity=500, rate=2%"``) or of mappings
        with ``name`` and any of ``cost_per_lead``, ``spend``, ``leads``,
        ``capacity``, ``rate``, ``quality``, ``deal_size``, ``share``. Without
        ``revenue`` or ``deals`` each channel needs its leads; with one the
        leads are allocated the cheapest way (``allocate="cheapest"``) or by
        each channel's ``share`` (``allocate="shares"``). When the channels
        cannot bring enough, :class:`FunnelError` has status
        ``CHANNEL_SHORT``, ``is_input_error`` False and ``.most``
        the most they can deliver.

        >>> f = Funnel([("lead", "20%"), ("sql", "50%"), ("opportunity", "25%")],
        ...            deal_size=4000, margin="60%")
        >>> r = f.channels(["search: cost-per-lead=40, capacity=600",
        ...                 "webinars: cost-per-lead=90, rate=40%, capacity=300",
        ...                 "display: cost-per-lead=35, quality=0.5"], deals=40)
        >>> [c.leads for c in r.channels], r.total.cost, r.marginal.cost_per_deal
        ([600.0, 300.0, 800.0], 79000.0, 2800.0)
        """
        return _channels.channels(self, channels, revenue, deals, per, deal_size, margin,
                                  allocate)

    def schedule(self, start: Any, months: Amount = 12, *, per: str = "month",
                 revenue: Optional[Amount] = None, deals: Optional[Amount] = None,
                 deal_size: Optional[Amount] = None,
                 seasonality: Optional[Union[str, Sequence[Amount]]] = None,
                 monthly_deals: Optional[Union[str, Sequence[Amount]]] = None,
                 monthly_revenue: Optional[Union[str, Sequence[Amount]]] = None,
                 lags: Optional[Mapping[str, Any]] = None, reps: Optional[Amount] = None,
                 quota: Optional[Amount] = None,
                 attainment: Optional[Rate] = None) -> "_schedule.Schedule":
        """Month by month: the units every stage must take in each calendar
        month of a span, and in the months before it: a :class:`Schedule`.

        ``start`` is the span's first month (``"2027-01"``, ``(2027, 1)`` or a
        ``datetime.date``), ``months`` its length (1 to 120). Its deals are
        the target per ``per`` (``revenue`` or ``deals``) rescaled to the
        span and spread by ``seasonality`` (12 weights, January first: a
        sequence or the CLI's ``"6,6,8,..."``), or given month by month
        (``monthly_deals`` or ``monthly_revenue``, one value per month,
        instead of a target per period and of seasonality). ``lags`` maps a
        stage to the time from entering it to entering the next (the last:
        to closing): ``"45d"``, ``"2w"``, ``"1.5m"``, or a number of days.
        ``reps`` adds per-rep figures; ``quota`` (revenue per rep per
        ``per``) and ``attainment`` (a rate, default 100%) give the reps
        needed.

        >>> f = Funnel([("lead", "10%"), ("opportunity", "25%")], deal_size=10_000)
        >>> s = f.schedule("2027-01", 12, revenue="1.2M", per="year",
        ...                seasonality="6,6,8,8,9,9,6,5,9,10,12,12",
        ...                lags={"lead": "1m", "opportunity": "2m"})
        >>> s.rows[0].month, s.lead_months, round(s.rows[0].entering[0], 9)
        ('2026-10', 3, 288.0)
        >>> [round(t.total, 9) for t in s.stages], round(s.velocity.per_day, 2)
        ([4800.0, 480.0], 1642.74)
        """
        return _schedule.schedule(self, start, months, per, revenue, deals, deal_size,
                                  seasonality, monthly_deals, monthly_revenue, lags, reps, quota,
                                  attainment)

    def pace(self, *, elapsed: Optional[Rate] = None, start: Any = None, as_of: Any = None,
             per: str = "month", revenue: Optional[Amount] = None,
             deals: Optional[Amount] = None, deal_size: Optional[Amount] = None,
             actual: Optional[Mapping[str, Amount]] = None,
             actual_deals: Optional[Amount] = None, actual_revenue: Optional[Amount] = None,
             open: Optional[Mapping[str, Amount]] = None,
             lags: Optional[Mapping[str, Any]] = None, at_risk: Optional[Rate] = None,
             off_track: Optional[Rate] = None,
             reps: Optional[Amount] = None) -> "_schedule.Pace":
        """Actuals so far against the plan of a target (``revenue`` or
        ``deals`` per ``per``, required): a :class:`Pace`.

        The share of the period gone is ``elapsed`` (a share: ``"50%"``,
        ``0.5``, ``"15/31"``, or months of the period as text: ``"4m"``,
        ``"4 months"``) or comes from the period's ``start`` date and
        an ``as_of`` date (``"2027-02-14"``, ``(2027, 2, 14)`` or a
        ``datetime.date``; both days counted). ``actual`` and ``open`` map a
        stage to the units that entered it so far and to the units in it
        now; ``actual_deals`` and ``actual_revenue`` are what was won so
        far. ``lags`` (as in :meth:`schedule`) date the early warning;
        ``at_risk`` and ``off_track`` are the thresholds of attainment
        (default 95% and 80%); ``reps`` adds per-rep figures.

        >>> f = Funnel([("lead", "10%"), ("opportunity", "25%")])
        >>> p = f.pace(deals=30, per="quarter", start="2027-01-01", as_of="2027-02-14",
        ...            actual={"lead": 450, "opportunity": 58}, actual_deals=14,
        ...            open={"opportunity": 56}, lags={"lead": "1m", "opportunity": "2m"})
        >>> p.elapsed, p["lead"].status, p.deals.status, p.warning
        (0.5, 'off track', 'at risk', PaceWarning(stage='lead', months=3.0))
        >>> p.coverage.raw, p.coverage.weighted, p.coverage.required
        (3.5, 0.875, 4.0)
        >>> p.months_left, p["lead"].still_needed_whole, p["lead"].needed_per_month_whole
        (1.5, 750, 500)
        """
        return _schedule.pace(self, elapsed, start, as_of, per, revenue, deals, deal_size,
                              actual, actual_deals, actual_revenue, open, lags, at_risk,
                              off_track, reps)

    def _index(self, at):
        """The index of the stage ``at`` (the top stage for None)."""
        return 0 if at is None else self._find(at, "at %s" % _describe(at))

    def _find(self, stage, context):
        """The index of a stage by name, as ``fpl_funnel_find`` finds it."""
        if stage is None:
            raise refuse("NULL", context)
        if not _is_text(stage):
            raise refuse("STAGE_UNKNOWN", context, typed=True)
        data = _encode(stage)
        try:
            found = _parse(functools.partial(fn.funnel_find, byref(self._c)), data, c_size_t(),
                           context)
        except FunnelError as exc:
            raise stage_hint(exc, self._c, data) from None
        return found.value

    def _view(self, describer, c_funnel, *structs, mixes=True):
        """The :class:`_View` of a result on this funnel, listing its mixes
        unless ``mixes`` is False (a what-if lists them once, at its top)."""
        if not (mixes and self._mix):
            return _View(describer, c_funnel, *structs)
        return _View(describer, c_funnel, *structs,
                     mixes=[(b"mix", c_funnel, *_mixes_arg(self._c_mix, self._mix))])

    def _plan_result(self, p, confidence=None, required=None, c_confidence=None, mixes=True):
        """A :class:`Plan` of the C result ``p`` (with a confidence: its level,
        the volumes every stage needs and the C result that holds them); its
        fields are read from ``p`` when asked for (:data:`_PLAN`)."""
        view = self._view("view_plan", self._c, p, c_confidence, mixes=mixes)
        return _make(Plan, _c=p, _names=self._names, _required=required, _source=view,
                     confidence=confidence, mix=self._mix if mixes and self._mix else None)

    def _forecast_result(self, r, funnel=None, mixes=True):
        """A :class:`Forecast` of the C result ``r``; ``funnel`` is the C funnel
        it was computed on (default this one), for its rates (:data:`_FORECAST`)."""
        c_funnel = self._c if funnel is None else funnel
        view = self._view("view_forecast", c_funnel, r, mixes=mixes)
        rates = self._rates if funnel is None else None
        return _make(Forecast, _c=r, _fc=c_funnel, _rates=rates, _names=self._names, _source=view,
                     mix=self._mix if mixes and self._mix else None)


def _periods(result, part, stage_part, first, figure):
    """``by_period`` of a plan or forecast: per period its ``part`` with the
    stages from ``first`` down as ``stage_part`` (name, ``figure``)."""
    c, view, names = result._c, result._source, result._names
    has_cost = c.has_cost
    out = {}
    for q, per in enumerate(PERIODS):
        b = c.by_period[q]
        values = getattr(b, figure)
        out[per] = _make(part, revenue=_if(c.has_revenue, b.revenue), deals=b.deals,
                         budget=_if(has_cost, b.budget), _view=view.part("by_period", per),
                         stages=Named(_make(stage_part, name=names[k], _view=view.part(
                             "by_period", per, "stages", k - first), **{figure: values[k]})
                             for k in range(first, c.n_stages)))
    return _make(Periods, **out)


def _plan_stages(p):
    c, names, required, view = p._c, p._names, p._required, p._source
    cost, new, n = c.has_cost, PlanStage.__new__, c.n_stages
    stages = []
    for k, (rate, cumulative, units, whole, cost_per) in enumerate(_PLAN_STAGE.iter_unpack(
            memoryview(c.stages).cast("B")[:n * _PLAN_STAGE.size])):
        s = new(PlanStage)
        s.__dict__.update(name=names[k], rate=rate, cumulative_rate=cumulative, required=units,
                          required_whole=whole, cost_per=cost_per if cost else None,
                          required_for_confidence=None if required is None else required[k],
                          _view=(view, ("stages", k)))
        stages.append(s)
    return Named(stages)


#: fpl_plan_stage's fields in order: read in one go (checked against the
#: mirror at import).
_PLAN_STAGE = struct.Struct("=dddQd")
assert _PLAN_STAGE.size == ctypes.sizeof(_native.fpl_plan_stage)


def _forecast_stages(f):
    rates = f._rates if f._rates is not None else [s.rate for s in f._fc.stages]
    return _stage_records(f._names, rates, f._c, f._source)


def _stage_records(names, rates, c, view):
    """Forecast.stages: the ForecastStage of every stage from the one the
    volume enters down, of the C forecast ``c`` on a funnel of these names
    and rates; ``view`` the result's _View."""
    at = c.at
    # (zip stops at the shortest: the n - at units)
    return Named(map(_NEW_TUPLE, repeat(ForecastStage), zip(
        names[at:], rates[at:], c.expected[at:c.n_stages], repeat(view), _STAGE_PATHS)))


#: A record (_record) from its items, in one C call.
_NEW_TUPLE = tuple.__new__
#: k doubles read from a buffer in one call; where fpl_forecast.expected starts.


def _figures(n):
    """The struct that reads, from an fpl_forecast of n stages entered at the
    top, its n units, deals, has_revenue and revenue, placed as the mirror
    says."""
    c = _native.fpl_forecast
    where = [(c.expected.offset, "%dd" % n, 8 * n), (c.deals.offset, "d", 8),
             (c.has_revenue.offset, "?", 1), (c.revenue.offset, "d", 8)]
    fmt, at = "=", 0
    for offset, code, size in where:
        assert offset >= at
        fmt += "%dx%s" % (offset - at, code)
        at = offset + size
    return struct.Struct(fmt)


#: Funnel.forecast's fast path reads a result of n stages with _FIGURES[n].
_FIGURES = tuple(_figures(n) for n in range(_native.MAX_STAGES + 1))


#: The path of stage k in a result's view, made once.
_STAGE_PATHS = tuple(("stages", k) for k in range(_native.MAX_STAGES))


#: The fast path of Funnel.forecast: the C function, a copy of C terms, a
#: result made without __init__ (as _make makes one).
_NEW, _SET = object.__new__, object.__setattr__
_FORECAST_OUT: Any = _native.fpl_forecast
_FORECAST_IN: Any = _native.fpl_forecast_input
_FORECAST_C = fn.forecast_compute.c_function
_FROM_COPY: Any = _native.fpl_terms.from_buffer_copy  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=None)
def _period_name(per):
    return _name(fn.period_name(per))


#: How a Plan reads each field from its fpl_plan, as fpl_view_plan shows it.
_PLAN = {
    "per": lambda p: _period_name(p._c.per),
    "revenue": lambda p: _if(p._c.has_revenue, p._c.revenue),
    "deal_size": lambda p: _if(p._c.has_deal_size, p._c.deal_size),
    "deals": lambda p: p._c.deals,
    "deals_whole": lambda p: p._c.deals_whole,
    "margin": lambda p: p._c.margin,
    "gross_profit": lambda p: _if(p._c.has_revenue, p._c.gross_profit),
    "stages": _plan_stages,
    "by_period": lambda p: _periods(p, PlanPeriod, StageRequired, 0, "required"),
    "cost_per_lead": lambda p: _if(p._c.has_cost, p._c.cost_per_lead),
    "budget": lambda p: _if(p._c.has_cost, p._c.budget),
    "cost_per_deal": lambda p: _if(p._c.has_cost, p._c.cost_per_deal),
}


def _target(f, name, flag=True):
    c = f._c
    return _if(c.target != _native.TARGET_NONE and flag, getattr(c, name))


#: How a Forecast reads each field from its fpl_forecast (fpl_view_forecast).
_FORECAST = {
    "per": lambda f: _period_name(f._c.per),
    "at": lambda f: f._names[f._c.at],
    "volume": lambda f: f._c.volume,
    "stages": _forecast_stages,
    "deals": lambda f: f._c.deals,
    "revenue": lambda f: _if(f._c.has_revenue, f._c.revenue),
    "deal_size": lambda f: _if(f._c.has_revenue, f._c.deal_size),
    "margin": lambda f: f._c.margin,
    "gross_profit": lambda f: _if(f._c.has_revenue, f._c.gross_profit),
    "by_period": lambda f: _periods(f, ForecastPeriod, StageExpected, f._c.at, "expected"),
    "cost_per_lead": lambda f: _if(f._c.has_cost, f._c.cost_per_lead),
    "budget": lambda f: _if(f._c.has_cost, f._c.budget),
    "cost_per_deal": lambda f: _if(f._c.has_cost, f._c.cost_per_deal),
    "target": lambda f: None if f._c.target == _native.TARGET_NONE else _name(
        fn.target_name(f._c.target)),
    "target_revenue": lambda f: _target(f, "target_revenue", f._c.has_target_revenue),
    "target_deals": lambda f: _target(f, "target_deals"),
    "gap_revenue": lambda f: _target(f, "gap_revenue", f._c.has_gap_revenue),
    "gap_deals": lambda f: _target(f, "gap_deals"),
    "attainment": lambda f: _target(f, "attainment"),
}


_readers(Plan, _PLAN)
_readers(Forecast, _FORECAST)


def _rebuild_funnel(stages, deal_size, cost_per_lead, margin, mix=None):
    return Funnel(stages, deal_size=deal_size, cost_per_lead=cost_per_lead, margin=margin,
                  mix=mix)


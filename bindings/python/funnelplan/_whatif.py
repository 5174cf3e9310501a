# funnelplan — what an improvement is worth: what-if, sensitivity, goal seek.
# SPDX-License-Identifier: MIT
"""The results of :meth:`Funnel.whatif`, :meth:`Funnel.sensitivity` and
:meth:`Funnel.solve`, and the calls behind them (``fpl_whatif_compute``,
``fpl_sensitivity_compute``, ``fpl_solve_compute``).

As elsewhere the library decides what is valid: changes, steps and horizons
written as text are read by its own parsers (``fpl_change_parse``,
``fpl_change_value_parse``, ``fpl_lever_parse``, ``fpl_horizon_parse``), and
numbers go through as doubles (a horizon as its decimal text) for it to
refuse. ``fpl_whatif_check`` says which change a refused question is about.
A result's fields, and its ``to_dict()`` (the object the CLI's
``whatif|sensitivity|solve ... --format json`` prints), are read from the
view the library describes of it (``fpl_view_whatif``, ``fpl_view_solve``;
a sensitivity's rows are named in Python's terms from its C result).
"""

import decimal
import numbers
from ctypes import byref, c_double, c_int, c_size_t, c_uint
from dataclasses import dataclass, field
from typing import Any, Optional, Tuple

from . import _native
from ._common import (JSONDict, _Lazy, _readers, _Shown, Named, _if, _make, _viewed, _mix_array, _mix_tuple, _mixes_arg, Mix, PERIODS, _Part, _View, _amount, _count, _count_in, _call, _volume,
                      _context, _copy, _describe, _encode, _from_view, _is_number, _is_text,
                      _items, _missing, _mixes_arg, _float_text, _number, _parse, _parse_mixes,
                      _view_field, _hinted, refuse)
from ._errors import FunnelError
from ._native import fn

__all__ = ["LEVERS", "CHANGE_KINDS", "Change", "WhatIf", "WhatIfDelta",
           "Sensitivity", "SensitivityRow", "Solve"]

#: Lever names that are not stages, by C enum value (a stage lever is named
#: by its stage).
LEVERS = {_native.LEVER_DEAL_SIZE: "deal-size", _native.LEVER_VOLUME: "volume",
          _native.LEVER_COST_PER_LEAD: "cost-per-lead"}

#: Change kinds as the JSON names them, in the order of the C enum.
CHANGE_KINDS = ("relative", "points", "set")


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Change(_Part):
    """One change of one lever, as the library read it (an element of
    :attr:`WhatIf.changes`).

    Attributes:
        lever: what moves: a stage's name, ``"deal-size"``, ``"volume"`` or
            ``"cost-per-lead"``.
        kind: ``"relative"`` (``+10%``), ``"points"`` (``-3pp``, rates only)
            or ``"set"`` (a new value).
        value: by how much: a fraction for relative (0.1 for ``+10%``) and
            points (-0.03 for ``-3pp``); for set the new value (a rate as a
            fraction, 0.4 for ``40%``; an amount in money or units).
    """
    lever: str
    kind: str
    value: float
    _view: tuple = _view_field()


@dataclass(frozen=True)
class WhatIfDelta(_Part):
    """Scenario minus baseline (:attr:`WhatIf.delta`): per period
    (:attr:`WhatIf.per`), and over the horizon. All exact, unrounded.

    Attributes:
        deals: deals gained per period.
        revenue: revenue gained in money per period; None without a deal size.
        volume: units added per period (negative: saved): the volume given
            (volume held) or the volume required at the top stage (target held).
        cost: acquisition cost added in money per period (negative: saved);
            None without a cost per lead.
        gain: revenue × margin − cost in money per period (a None revenue or
            cost counts as 0).
        revenue_horizon: revenue × horizon, in money; None without a deal size.
        cost_horizon: cost × horizon, in money; None without a cost per lead.
        gain_horizon: gain × horizon, in money.
    """
    deals: float
    revenue: Optional[float]
    volume: float
    cost: Optional[float]
    gain: float
    revenue_horizon: Optional[float]
    cost_horizon: Optional[float]
    gain_horizon: float
    _view: tuple = _view_field()


@dataclass(frozen=True, repr=False)
class WhatIf(_Lazy, _Shown):
    """What a set of changes is worth.

    The scenario is computed on the changed funnel (same stage names,
    changed rates) and terms (:meth:`Funnel.whatif`).

    Attributes:
        per: the period of every per-period figure: ``"month"``,
            ``"quarter"`` or ``"year"``.
        horizon: the periods the horizon spans; an int.
        mode: ``"volume"`` (a volume was given and held: ``baseline`` and
            ``scenario`` are :class:`Forecast` results) or ``"target"`` (the
            target was held: they are :class:`Plan` results).
        changes: the changes in the order applied (:class:`Change`).
        baseline: the unchanged question's :class:`Forecast` or :class:`Plan`.
        scenario: the same question with the changes applied.
        margin: the gross margin, a fraction (1.0 when none was given).
        delta: scenario − baseline, per period and over the horizon
            (:class:`WhatIfDelta`).
        invest: the one-off investment in money; None without one (so are
            the next two).
        roi: (gain over the horizon − invest) / invest, a fraction (1.376 is
            +137.6%).
        payback_periods: invest / gain per period, in periods (not whole);
            None also when the gain per period is not positive.
        mix: the funnel's lead mixes (the baseline's, :class:`Mix`), in
            funnel order; None without them.
        scenario_mix: the scenario's lead mixes (``whatif(scenario_mix=...)``);
            None without them.

    ``to_dict()`` is the object ``funnelplan whatif ... --format json`` prints.

    >>> from funnelplan import Funnel
    >>> w = Funnel([("opportunity", "33%")], deal_size=4000).whatif(
    ...     volume=75, changes={"opportunity": "+10%"}, horizon=12, invest=50_000)
    >>> w.mode, round(w.delta.deals, 6), round(w.delta.gain_horizon, 6), round(w.roi, 6)
    ('volume', 2.475, 118800.0, 1.376)
    """
    per: str
    horizon: int
    mode: str
    changes: Tuple[Change, ...]
    baseline: Any  # a Forecast or a Plan (_model imports this module: no cycle)
    scenario: Any
    margin: float
    delta: WhatIfDelta
    invest: Optional[float]
    roi: Optional[float]
    payback_periods: Optional[float]
    mix: Optional[Tuple[Mix, ...]] = None
    scenario_mix: Optional[Tuple[Mix, ...]] = None
    # What the library describes (fpl_view_whatif): the C funnel, question,
    # result, mixes and scenario mixes.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'mode', 'horizon')

    def _render_args(self):
        funnel, question, whatif = self._source.structs
        return fn.whatif_render, (funnel, question, whatif, *self._source.mix(b"mix"),
                                  *self._source.mix(b"scenario_mix"))

    def to_dict(self) -> JSONDict:
        return self._source()


@dataclass(frozen=True)
class SensitivityRow(_Part):
    """One lever moved by one step (an element of :attr:`Sensitivity.rows`).

    Attributes:
        lever: a stage's name or ``"deal-size"``.
        from_: the lever's value now (a rate as a fraction, a deal size in
            money); ``"from"`` in ``to_dict()``.
        to: its value after the step (a rate is capped at 1).
        effect: the revenue gained in money per period (volume held; also
            :attr:`revenue_delta`) or the top-of-funnel units saved per period
            (target held; also :attr:`volume_delta`); exact.
        share: effect / the best row's effect, a fraction (0 when the best is 0).
        mode: ``"volume"`` or ``"target"``, as the result's.
    """
    lever: str
    from_: float
    to: float
    effect: float
    share: float
    mode: str
    _view: tuple = _view_field()

    @property
    def revenue_delta(self) -> Optional[float]:
        """``effect`` when the volume was held (revenue gained per period), else None."""
        return self.effect if self.mode == "volume" else None

    @property
    def volume_delta(self) -> Optional[float]:
        """``effect`` when the target was held (top units saved per period), else None."""
        return self.effect if self.mode == "target" else None

    def to_dict(self) -> JSONDict:
        if self._view is None:
            raise TypeError("a SensitivityRow of a Sensitivity has a to_dict()")
        return _Part.to_dict(self)


@dataclass(frozen=True, repr=False)
class Sensitivity(_Shown):
    """Every stage rate, and the deal size, moved one step at a time
    (:meth:`Funnel.sensitivity`).

    Attributes:
        per: the period of the effects: ``"month"``, ``"quarter"`` or ``"year"``.
        mode: ``"volume"`` (ranked by revenue gained) or ``"target"`` (ranked
            by top-of-funnel volume saved).
        step_kind: the kind of the rates' step: ``"points"`` or ``"relative"``.
        step: its size, a fraction (0.01 for ``+1pp``, 0.1 for ``+10%``).
        deal_size_step: the relative step of the deal size (0.1 for ``+10%``).
        rows: one row per lever, ranked by effect, best first (ties in funnel
            order, the deal size last) (:class:`SensitivityRow`).

    ``to_dict()`` is the object ``funnelplan sensitivity ... --format json``
    prints.

    >>> from funnelplan import Funnel
    >>> s = Funnel([("lead", "10%")], deal_size=1000).sensitivity(volume=100)
    >>> [(r.lever, r.to, round(r.effect, 6)) for r in s.rows]
    [('lead', 0.11, 1000.0), ('deal-size', 1100.0, 1000.0)]
    """
    per: str
    mode: str
    step_kind: str
    step: float
    deal_size_step: float
    rows: Tuple[SensitivityRow, ...]
    # What the library describes (fpl_view_sensitivity): the C funnel and result.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'mode', 'step_kind', 'step')
    _by_name = "rows"  # sensitivity["lead"]: a lever's row

    def _render_args(self):
        funnel, sensitivity = self._source.structs
        terms, question, mixes = self._source.given
        return fn.sensitivity_render, (funnel, terms, question, sensitivity,
                                       *_mix_array(mixes))

    def to_dict(self) -> JSONDict:
        return self._source()


@dataclass(frozen=True, repr=False)
class Solve(_Shown):
    """Goal seek: the value one lever must reach, everything else held, for
    the volume to meet the target (:meth:`Funnel.solve`).

    Attributes:
        per: the period of the volume and the target.
        lever: the lever solved for: a stage's name (its rate),
            ``"deal-size"`` or ``"volume"``.
        current: its value now (a rate as a fraction, a deal size in money,
            a volume in units per period).
        value: the value that meets the target exactly, in the same unit;
            exact, unrounded (a volume is not rounded up to whole units).
        change: value / current − 1, a fraction (0.25 is +25%).

    ``to_dict()`` is the object ``funnelplan solve ... --format json`` prints.
    """
    per: str
    lever: str
    current: float
    value: float
    change: float
    # What the library describes (fpl_view_solve): the C funnel and result.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'lever', 'current', 'value', 'change')

    def _render_args(self):
        funnel, solve = self._source.structs
        terms, question, mixes = self._source.given
        return fn.solve_render, (funnel, terms, question, solve, *_mix_array(mixes))

    def to_dict(self) -> JSONDict:
        return self._source()


# ---------------------------------------------------------------------------
# Inputs


def _lever_name(funnel, lever, stage):
    return funnel.names[stage] if lever == _native.LEVER_STAGE else LEVERS[lever]


def _lever(funnel, lever, context):
    """(C lever, stage index) for a lever name, read by ``fpl_lever_parse``."""
    if lever is None:
        raise refuse("NULL", context)
    if not _is_text(lever):
        raise refuse("STAGE_UNKNOWN", context, typed=True)
    data = _encode(lever)
    kind = c_int()
    stage = c_size_t()
    _call(fn.lever_parse, (byref(funnel._c), data, len(data), byref(kind), byref(stage)),
          context, {}, funnel._c, data)
    return kind.value, stage.value


def _change_value(context, value, is_rate):
    """(C kind, value) of a CHANGE: text read by ``fpl_change_value_parse``;
    a number sets the lever."""
    if value is None:
        raise refuse("NULL", context)
    if _is_text(value):
        data = _encode(value)
        kind = c_int()
        out = c_double()
        _call(fn.change_value_parse, (data, len(data), is_rate, byref(kind), byref(out)),
              context, {})
        return kind.value, out.value
    if _is_number(value):
        return _native.CHANGE_SET, _number(context, value, None)
    raise refuse("CHANGE_SYNTAX", context, typed=True)


def _change_items(changes):
    """The changes as a list: a mapping's items in order, or a sequence."""
    if changes is None:
        return []
    return _items("changes", changes, "CHANGE_SYNTAX",
                  text="a mapping or a list of (lever, change) pairs")


def _remembered(funnel, key, read):
    """What ``read()`` gives for ``key`` (text, or a pair of texts, a number
    of a plain type), as the library read it for this funnel before: a
    change or a horizon need not be parsed again."""
    if type(key[1]) is tuple and all(type(v) in (str, int) for v in key[1]) \
            or type(key[1]) in (str, int):
        known = funnel._memo.get(key)
        if known is None:
            known = read()
            if len(funnel._memo) < 256:
                funnel._memo[key] = known
        return known
    return read()


def _change(funnel, item, index):
    """(C fpl_change, context, the text the library read or None) for one
    item of ``changes``."""
    c = _native.fpl_change()
    if _is_text(item):
        # The CLI's own form, "LEVER=CHANGE".
        context = "change %s" % _describe(item)
        data = _encode(item)
        _call(fn.change_parse, (byref(funnel._c), data, len(data), byref(c)), context, {},
              funnel._c, data)
        return c, context, data
    if not (isinstance(item, (tuple, list)) and len(item) == 2):
        raise refuse("CHANGE_SYNTAX", "changes[%d] %s" % (index, _describe(item)),
                     "expected a (lever, change) pair or 'LEVER=CHANGE'", typed=True)
    lever, value = item
    context = "change %s %s" % (_describe(lever), _describe(value))
    if (_is_text(lever) and _is_text(value) and b"=" not in _encode(value)):
        # Exactly the text the CLI reads from --change LEVER=CHANGE (split at
        # the last '='), so both refuse a bad change with the same status.
        data = _encode(lever) + b"=" + _encode(value)
        _call(fn.change_parse, (byref(funnel._c), data, len(data), byref(c)), context, {},
              funnel._c, data)
        return c, context, data
    c.lever, c.stage = _lever(funnel, lever, context)
    if c.lever == _native.LEVER_VOLUME and _is_number(value):
        # a volume set is a count, read as fpl_change_parse reads one
        c.kind, c.value = _native.CHANGE_SET, _count_in(context, value)
    else:
        c.kind, c.value = _change_value(context, value, c.lever == _native.LEVER_STAGE)
    return c, context, None


def _horizon_text(context, value):
    """A horizon as the text ``fpl_horizon_parse`` reads: text as given, an
    int as its decimal digits, a Decimal as ``str()`` gives it, any other
    number as the ``repr`` of its double (which reads back exactly)."""
    if _is_text(value):
        return _encode(value)
    if isinstance(value, bool) or not _is_number(value):
        raise refuse("PARSE_SYNTAX", context, typed=True)
    if isinstance(value, numbers.Integral):
        n = int(value)
        try:
            return str(n).encode("ascii")
        except ValueError:
            # More digits than Python turns into text (sys.get_int_max_str_digits()):
            # its sign and order of magnitude, which the library reads the same way.
            return ("%s1e%d" % ("-" if n < 0 else "", abs(n).bit_length() * 0.30103)
                    ).encode("ascii")
    if isinstance(value, decimal.Decimal):
        return (format(value, "e") if value.is_finite() else str(value)).encode("ascii")
    return _float_text(_number(context, value, None)).encode("ascii")


def _horizon(value):
    """The C horizon: 0 (the library's default, the periods in a year) for
    None, else what ``fpl_horizon_parse`` reads, as the CLI's --horizon."""
    if value is None:
        return 0
    context = "horizon %s" % _describe(value)
    return _parse(fn.horizon_parse, _horizon_text(context, value), c_uint(), context).value


def _volume_input(funnel, target, volume, at, given, per):
    """Fills a C fpl_forecast_input from ``volume`` (per the C period ``per``;
    text may name its own: ``"600/month"``) and ``at``."""
    target.volume = _volume(volume, per)
    target.at = funnel._index(at)
    given["volume"] = volume
    if at is not None:
        given["at"] = at


def _at_without_volume(funnel, at, what):
    funnel._index(at)  # an unknown stage is refused as such first
    raise refuse("VOLUME", "%s (at %s without a volume)"
                 % (what, _describe(at)))


# ---------------------------------------------------------------------------
# The questions


def whatif(funnel, changes, volume, at, per, revenue, deals, horizon, invest, deal_size,
           cost_per_lead, margin, scenario_mix=None):
    """:meth:`Funnel.whatif`."""
    terms, given = funnel._terms(per, revenue, deals, deal_size, cost_per_lead, margin,
                                 "whatif")
    items = _change_items(changes)
    key = _changes_key(items, horizon) if scenario_mix is None else None
    known = funnel._memo.get(key) if key is not None else None
    if known is not None:
        # these changes and horizon, as the library read them for this funnel before
        template, contexts, texts = known
        inp = _COPY_INPUT(template)
        mixes = []
    else:
        inp = _native.fpl_whatif_input()
    if volume is not None:
        inp.has_volume = True
        _volume_input(funnel, inp.volume, volume, at, given, terms.per)
    elif at is not None:
        _at_without_volume(funnel, at, "whatif")
    if known is None:
        # The scenario's mixes: each a change that sets its stage to the blended rate.
        mixes = _parse_mixes(funnel._c, scenario_mix, "scenario_mix")
        if len(items) + len(mixes) > _native.LIMITS["changes"].max_whole:
            raise refuse("CHANGE_COUNT", "changes (%d given%s)"
                         % (len(items), " and %d scenario mixes" % len(mixes)
                            if mixes else ""))
        contexts, texts = [], {}
        for index, item in enumerate(items):
            c, context, texts[index] = _remembered(funnel, ("change", item),
                                                   lambda: _change(funnel, item, index))
            inp.changes[index] = c
            contexts.append(context)
        inp.n_changes = len(contexts)
        for m, mix in mixes:  # each priced as the change that sets its stage's blended rate
            context = "scenario_mix %s" % _describe(mix.stage)
            _call(fn.whatif_add_mix, (byref(inp), byref(m)), context, {})
            contexts.append(context)
        inp.horizon = _remembered(funnel, ("horizon", horizon), lambda: _horizon(horizon))
        if key is not None and len(funnel._memo) < 256:
            template = _COPY_INPUT(inp)
            template.has_volume = False
            template.volume = _native.fpl_forecast_input()
            funnel._memo[key] = (template, contexts, texts)
    if invest is not None:
        inp.has_invest = True
        inp.invest = _amount("invest", invest)
        given["invest"] = invest
    out = _native.fpl_whatif()
    err = _native.error_struct()
    try:
        if _WHATIF_C(funnel._c, terms, inp, out, err):
            raise _native.error(err.status, where=err)
    except FunnelError as exc:
        if exc.field == "change" and exc.index is not None:  # the change at fault
            if texts.get(exc.index):  # typed as text: the CLI's hint for it
                exc = _hinted(exc, texts[exc.index])
            raise exc.with_context(contexts[exc.index]) from None
        raise exc.with_context(_context(exc, "whatif", given)) from None

    view = _View("view_whatif", funnel._c, inp, out,
                 mixes=[(b"mix", funnel._c, *_mixes_arg(funnel._c_mix, funnel.mix)),
                        (b"scenario_mix", funnel._c, [m for m, _ in mixes], len(mixes))]
                 if mixes or funnel.mix else ())
    # baseline and scenario are made when first asked for (_sides)
    return _make(WhatIf, _c=out, _source=view, _funnel=funnel,
                 mix=funnel.mix or None, scenario_mix=tuple(x for _, x in mixes) or None)


def _sides(w):
    """(baseline, scenario) of a what-if: forecasts or plans of its C
    result, the mixes listed once, at its top (not in either)."""
    out, funnel = w._c, w._funnel
    if out.volume_held:
        baseline = funnel._forecast_result(out.baseline_forecast, mixes=False)
        scenario = funnel._forecast_result(out.scenario_forecast, out.scenario_funnel, False)
    else:
        baseline = funnel._plan_result(out.baseline_plan, mixes=False)
        scenario = funnel._plan_result(out.scenario_plan, mixes=False)
    w.__dict__["scenario"] = scenario
    return baseline


def _scenario(w):
    w.baseline  # makes both
    return w.__dict__["scenario"]


def _changes_key(items, horizon):
    """The key under which a funnel remembers an input made of these changes
    and horizon (text and ints only: a float could be -0.0, equal to 0.0), or
    None."""
    if type(horizon) not in (str, int, type(None)):
        return None
    for item in items:
        if not (type(item) is str or type(item) is tuple and len(item) == 2 and
                type(item[0]) is str and type(item[1]) in (str, int)):
            return None
    return ("whatif", tuple(items), horizon)


_COPY_INPUT: Any = _native.fpl_whatif_input.from_buffer_copy  # type: ignore[attr-defined]

#: The C function of fpl_whatif_compute, called with the structs.
_WHATIF_C = fn.whatif_compute.c_function


def _delta(w):
    c = w._c
    return _make(WhatIfDelta, deals=c.deals, revenue=_if(c.has_revenue, c.revenue),
                 volume=c.volume, cost=_if(c.has_cost, c.cost), gain=c.gain,
                 revenue_horizon=_if(c.has_revenue, c.revenue_horizon),
                 cost_horizon=_if(c.has_cost, c.cost_horizon), gain_horizon=c.gain_horizon,
                 _view=w._source.part("delta"))


#: How a WhatIf reads its fields: the figures from its fpl_whatif (as
#: fpl_view_whatif shows them), the question (mode, changes, mixes) from
#: its view.
_readers(WhatIf, dict(
    {name: _viewed(name) for name in ("per", "mode", "changes")},
    horizon=lambda w: w._c.horizon, margin=lambda w: w._c.margin, delta=_delta,
    baseline=_sides, scenario=_scenario,
    invest=lambda w: _if(w._c.has_invest, w._c.invest),
    roi=lambda w: _if(w._c.has_invest, w._c.roi),
    payback_periods=lambda w: _if(w._c.has_invest and w._c.has_payback, w._c.payback_periods)))


def _funnel_mixes(funnel):
    """The funnel's C mixes, which the table of a sensitivity or a solve
    lists under it (not in its view: the JSON has none)."""
    return _mix_tuple(*_mixes_arg(funnel._c_mix, funnel.mix))


def sensitivity(funnel, volume, at, per, revenue, deals, step, deal_size_step, deal_size,
                cost_per_lead, margin):
    """:meth:`Funnel.sensitivity`."""
    terms, given = funnel._terms(per, revenue, deals, deal_size, cost_per_lead, margin,
                                 "sensitivity")
    inp = _native.fpl_sensitivity_input()
    if volume is not None:
        inp.has_volume = True
        _volume_input(funnel, inp.volume, volume, at, given, terms.per)
    elif at is not None:
        _at_without_volume(funnel, at, "sensitivity")
    if step is not None:
        inp.has_step = True
        inp.step_kind, inp.step = _change_value("step %s" % _describe(step), step, True)
        given["step"] = step
    if deal_size_step is not None:
        context = "deal_size_step %s" % _describe(deal_size_step)
        kind, value = _change_value(context, deal_size_step, False)
        if kind != _native.CHANGE_RELATIVE:
            # A deal-size step is relative only ("+10%"); the C input holds
            # no kind, so a set value is refused here with the status the
            # library gives a step of the wrong kind.
            raise refuse("STEP", context)
        inp.has_deal_size_step = True
        inp.deal_size_step = value
        given["deal_size_step"] = deal_size_step
    out = _native.fpl_sensitivity()
    try:
        fn.sensitivity_compute(byref(funnel._c), byref(terms), byref(inp), byref(out))
    except FunnelError as exc:
        if exc.field == "deal_size" and "deal_size" not in given:
            # no deal size with a volume held
            raise exc.with_context("sensitivity (volume %s without a deal_size: the levers are "
                                   "ranked by the revenue a step gains)"
                                   % _describe(volume)) from None
        raise exc.with_context(_context(exc, "sensitivity", given)) from None
    mode = "volume" if out.volume_held else "target"
    view = _View("view_sensitivity", _copy(funnel._c), out,
                 given=(_copy(terms), _copy(inp), _funnel_mixes(funnel)))
    rows = Named(SensitivityRow(_lever_name(funnel, r.lever, r.stage), getattr(r, "from"), r.to,
                                r.effect, r.share, mode, view.part("rows", k))
                 for k, r in enumerate(out.rows[:out.n_rows]))
    return Sensitivity(per=PERIODS[out.per], mode=mode, step_kind=CHANGE_KINDS[out.step_kind],
                       step=out.step, deal_size_step=out.deal_size_step, rows=rows,
                       _source=view)


def solve(funnel, lever, volume, at, per, revenue, deals, deal_size, cost_per_lead, margin):
    """:meth:`Funnel.solve`."""
    terms, given = funnel._terms(per, revenue, deals, deal_size, cost_per_lead, margin, "solve")
    inp = _native.fpl_solve_input()
    if volume is None:
        _missing("volume")
    _volume_input(funnel, inp.volume, volume, at, given, terms.per)
    context = "lever %s" % _describe(lever)
    inp.lever, inp.stage = _lever(funnel, lever, context)
    out = _native.fpl_solve()
    try:
        fn.solve_compute(byref(funnel._c), byref(terms), byref(inp), byref(out))
    except FunnelError as exc:
        if exc.field == "lever":
            raise exc.with_context("solve (%s)" % context) from None
        raise exc.with_context(_context(exc, "solve", given)) from None
    view = _View("view_solve", _copy(funnel._c), out,
                 given=(_copy(terms), _copy(inp), _funnel_mixes(funnel)))
    return _from_view(Solve, view(), view)

# funnelplan — lead channels: profitability, break-even and allocation.
# SPDX-License-Identifier: MIT
"""``Funnel.channels()`` and its frozen results, over ``fpl_channels_compute``.

A channel is given as the CLI's ``--channel`` spec (``"ads: cost-per-lead=40,
capacity=500, rate=2%"``, read by the library's ``fpl_channel_parse``) or as
a mapping with the keys ``name``, ``cost_per_lead``, ``spend``, ``leads``,
``capacity``, ``rate``, ``quality``, ``deal_size``, ``share`` (numbers or
the CLI's strings). The result's fields, and ``to_dict()`` (the object
``funnelplan channels ... --format json`` prints), are read from the view
the library describes of it (``fpl_view_channels``).
"""

from ctypes import byref
from dataclasses import dataclass, field
from typing import Any, Optional, Tuple

from . import _native
from ._common import (JSONDict, _Shown, _Part, _View, _amount, _count, _copy, _describe, _encode, _from_view, _is_text, _opt,
                      _rate, _view_field, refuse)
from ._errors import FunnelError

__all__ = ["Channels", "ChannelFigures", "ChannelTotal", "ChannelTarget", "Marginal",
           "ChannelMost"]

# Mapping keys -> (fpl_channel field, reader).
_KEYS = {"cost_per_lead": _amount, "spend": _amount, "leads": _count, "capacity": _count,
         "deal_size": _amount, "share": _rate}


@dataclass(frozen=True)
class ChannelTarget(_Part):
    """What the allocation met (:attr:`Channels.target`).

    Attributes:
        kind: ``"deals"`` or ``"revenue"``.
        value: the target per period: deals (exact) or money.
    """
    kind: str
    value: float
    _view: tuple = _view_field()


@dataclass(frozen=True)
class ChannelFigures(_Part):
    """One channel's figures (an element of :attr:`Channels.channels`; see
    ``channels.h`` for each formula). Per-period figures are per
    :attr:`Channels.per`; all are exact, unrounded. None: unknown (no deal
    size; no ROI at a cost of 0).

    Attributes:
        name: the channel's name.
        rank: its place in the ranking, 1 for the best; an int.
        quality: how its leads' top-stage rate is set: ``"funnel"`` (the
            funnel's own), ``"rate"`` (replaced) or ``"factor"`` (multiplied).
        quality_value: the rate (a fraction) or the factor; None for ``"funnel"``.
        top_rate: the top-stage rate of its leads, a fraction.
        opportunity_rate: opportunities (units entering the last stage) per lead.
        rate_to_won: deals per lead, a fraction.
        cost_per_lead: the cost of one lead, in money.
        capacity: the most leads it can bring per period; None without a limit.
        at_capacity: whether its leads equal its capacity.
        leads: leads per period, given or allocated.
        share: its leads / all channels' leads, a fraction.
        opportunities: units entering the last stage per period.
        deals: deals per period.
        cost: leads × cost per lead, in money per period.
        cost_per_opportunity: cost per lead / opportunities per lead, in money.
        cost_per_deal: cost per lead / rate to won (CAC), in money per deal.
        deal_size: the deal size used (the channel's or the funnel's), in money.
        value_per_lead: deal size × rate to won: the revenue of one lead on
            average, in money (per lead, not per period).
        revenue: deals × deal size, in money per period.
        gross_profit: revenue × margin − cost, in money per period.
        roi: gross profit / cost, a fraction (the same at any volume).
        break_even_cost_per_lead: value per lead × margin: the cost per lead
            at which it makes nothing, in money.
        headroom: break-even − cost per lead, in money per lead.
        loses_money: whether the headroom is below 0; None without revenue.
        committed: with a target: its ``leads`` were given (fixed, not allocated).
        budget_leads: with a target: the leads its ``spend`` buys at its cost
            per lead (their cap); None without a budget.
        at_budget: whether it has a budget and its leads use it up.
    """
    name: str
    rank: int
    quality: str
    quality_value: Optional[float]
    top_rate: float
    opportunity_rate: float
    rate_to_won: float
    cost_per_lead: float
    capacity: Optional[float]
    at_capacity: bool
    leads: float
    share: float
    opportunities: float
    deals: float
    cost: float
    cost_per_opportunity: float
    cost_per_deal: float
    deal_size: Optional[float]
    value_per_lead: Optional[float]
    revenue: Optional[float]
    gross_profit: Optional[float]
    roi: Optional[float]
    break_even_cost_per_lead: Optional[float]
    headroom: Optional[float]
    loses_money: Optional[bool]
    committed: bool = False
    budget_leads: Optional[float] = None
    at_budget: bool = False
    _view: tuple = _view_field()


@dataclass(frozen=True)
class ChannelTotal(_Part):
    """All channels together (:attr:`Channels.total`), per period; exact.

    Attributes:
        leads: all channels' leads per period.
        opportunities: all channels' opportunities per period.
        deals: all channels' deals per period.
        cost: all channels' cost, in money per period.
        cost_per_lead: cost / leads, in money.
        cost_per_opportunity: cost / opportunities, in money.
        cost_per_deal: cost / deals (the blended CAC), in money.
        revenue: all channels' revenue, in money per period; None unless
            every channel's is known.
        gross_profit: revenue × margin − cost, in money per period; None
            without revenue.
        roi: gross profit / cost, a fraction; None without revenue or at a
            cost of 0.
    """
    leads: float
    opportunities: float
    deals: float
    cost: float
    cost_per_lead: float
    cost_per_opportunity: float
    cost_per_deal: float
    revenue: Optional[float]
    gross_profit: Optional[float]
    roi: Optional[float]
    _view: tuple = _view_field()


@dataclass(frozen=True)
class Marginal(_Part):
    """The cost of one more deal than the allocation delivers, given the
    capacities and budgets: ``channel`` is where it comes from,
    ``last_channel`` the last channel it draws on when the first has room
    for only part of it (both ``None`` with fixed shares, where every
    channel grows in its share).

    Attributes:
        channel: the channel one more deal comes from; None by shares.
        cost_per_deal: what one more deal costs, in money.
        last_channel: the last channel it draws on (``channel`` unless the
            first has room for only part of it); None by shares.
    """
    channel: Optional[str]
    cost_per_deal: float
    last_channel: Optional[str] = None
    _view: tuple = _view_field()


@dataclass(frozen=True)
class ChannelMost(_Part):
    """The most the channels can deliver per period (every channel full, or
    the first full at fixed shares) (:attr:`Channels.most`); exact.

    Attributes:
        leads: the most leads per period.
        deals: the most deals per period.
        revenue: the most revenue, in money per period; None unless every
            channel's revenue is known.
    """
    leads: float
    deals: float
    revenue: Optional[float]
    _view: tuple = _view_field()


@dataclass(frozen=True, repr=False)
class Channels(_Shown):
    """Lead channels: profitability, break-even and ranking, and with a
    target the allocation of leads (:meth:`Funnel.channels`).
    ``channels["search"]`` is a channel's figures by name.

    Attributes:
        per: the period of every per-period figure.
        mode: ``"volumes"`` (each channel's leads given), ``"cheapest"`` (a
            target met the cheapest way) or ``"shares"`` (by fixed shares).
        target: the target met (:class:`ChannelTarget`); None without one.
        deal_size: the funnel's deal size in money; None without one.
        margin: the gross margin, a fraction (1.0 when none was given).
        channels: every channel's figures, in the order given
            (:class:`ChannelFigures`).
        ranking: the channels' names, best first.
        losing: the names of the channels that lose money, best first.
        total: all channels together (:class:`ChannelTotal`).
        marginal: the cost of one more deal (:class:`Marginal`); None without
            a target or when no channel has room for one more.
        most: the most the channels can deliver (:class:`ChannelMost`); None
            when a channel has no limit.

    ``to_dict()`` is the object ``funnelplan channels ... --format json`` prints.

    >>> from funnelplan import Funnel
    >>> r = Funnel([("lead", "20%"), ("sql", "50%"), ("opportunity", "25%")], deal_size=4000,
    ...            margin="60%").channels(["search: cost-per-lead=40, capacity=600",
    ...                                    "display: cost-per-lead=35, quality=0.5"], deals=40)
    >>> r.ranking, r["display"].leads, r["display"].break_even_cost_per_lead, r.total.cost
    (('search', 'display'), 2000.0, 30.0, 94000.0)
    """
    per: str
    mode: str
    target: Optional[ChannelTarget]
    deal_size: Optional[float]
    margin: float
    channels: Tuple[ChannelFigures, ...]
    ranking: Tuple[str, ...]
    losing: Tuple[str, ...]
    total: ChannelTotal
    marginal: Optional[Marginal]
    most: Optional[ChannelMost]
    # What the library describes (fpl_view_channels): the C terms, channels
    # input and result.
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'mode', 'deal_size', 'ranking')
    _by_name = "channels"  # channels["search"]: a channel's figures

    def _render_args(self):
        terms, question, channels = self._source.structs
        return _native.fn.channels_render, (*self._source.given, terms, question, channels)

    def to_dict(self) -> JSONDict:
        """The object ``funnelplan channels ... --format json`` prints: the
        library's view of the result (``fpl_view_channels``).

        >>> from funnelplan import Funnel
        >>> d = Funnel([("lead", "10%")]).channels(["ads: leads=200, cost-per-lead=5"]).to_dict()
        >>> d["mode"], d["channels"][0]["deals"], d["total"]["cost"]
        ('volumes', 20.0, 1000.0)
        """
        return self._source()


def _channel(index, item):
    """One fpl_channel from a spec string or a mapping, checked. A refusal
    carries the channel's ``index`` and the library's field."""
    c = _native.fpl_channel()
    if _is_text(item):
        context = "channels[%d] %s" % (index, _describe(item))
        data = _encode(item)
        try:
            _native.fn.channel_parse(data, len(data), byref(c))
        except FunnelError as exc:
            a, n = exc.offset, exc.length
            if not (a == 0 and n == len(data)) and a + n <= len(data):
                context += ": %r" % data[a:a + n].decode("utf-8", "replace")
            raise _at(exc.with_context(context), index) from None
        return c
    if not isinstance(item, dict):
        raise _at(refuse("CHANNEL_SYNTAX", "channels[%d] %s" % (index, _describe(item)),
                         "expected a spec string or a mapping", typed=True, field="channel"),
                  index)
    name = item.get("name")
    context = "channels[%d] %s" % (index, _describe(name))
    if name is not None and not _is_text(name):
        raise _at(refuse("STAGE_NAME_UTF8", context, "name must be a str", typed=True,
                         field="channel"), index)
    data = b"" if name is None else _encode(name)
    try:
        _native.fn.channel_set_name(byref(c), data, len(data))
        for key, value in item.items():
            if key == "name" or value is None:
                continue
            label = "%s %s" % (context, key)
            try:
                if key in _KEYS:
                    setattr(c, "has_" + key, True)
                    setattr(c, key, _KEYS[key](label, value))
                elif key in ("rate", "quality"):
                    if c.quality != _native.QUALITY_FUNNEL:
                        raise refuse("CHANNEL_QUALITY", "%s (rate and quality together)" % context,
                                     field="channel_quality")
                    c.quality = _native.QUALITY_RATE if key == "rate" else _native.QUALITY_FACTOR
                    c.quality_value = _rate(label, value)
                else:
                    raise refuse("CHANNEL_FIELD", "%s: %s" % (context, _describe(key)),
                                 field="channel")
            except FunnelError as exc:
                if exc.field is None:  # a value that cannot be read: that key's
                    exc.field = "channel_" + key
                raise _at(exc, index) from None
        _native.fn.channel_check(byref(c))
    except FunnelError as exc:
        raise _at(exc if exc.context else exc.with_context(context), index) from None
    return c


def _at(exc, index):
    """The error about channel ``index``."""
    exc.index = index
    return exc


def channels(funnel, specs, revenue, deals, per, deal_size, margin, allocate):
    if _is_text(specs) or isinstance(specs, dict):
        specs = [specs]
    try:
        items = list(specs)
    except TypeError:
        raise refuse("CHANNEL_COUNT", "channels %s" % _describe(specs), typed=True) from None
    if allocate not in ("cheapest", "shares"):
        raise FunnelError("FPL_ERR_ALLOCATE", "allocate must be cheapest or shares",
                          context="allocate %s" % _describe(allocate))
    channels = _native.LIMITS["channels"]
    if not channels.min_whole <= len(items) <= channels.max_whole:
        raise refuse("CHANNEL_COUNT", "channels (%d given)" % len(items))
    terms, given = funnel._terms(per, revenue, deals, deal_size, None, margin, "channels")
    terms.has_cost_per_lead = False  # each channel has its own
    if allocate == "shares" and terms.target == _native.TARGET_NONE:
        raise refuse("TARGET", "channels (allocate 'shares' needs "
                     "revenue or deals)")
    inp = _native.fpl_channels_input()
    for i, item in enumerate(items):
        inp.channels[i] = _channel(i, item)
    inp.n_channels = len(items)
    inp.by_shares = allocate == "shares"
    r = _native.fpl_channels()
    try:
        _native.fn.channels_compute(byref(funnel._c), byref(terms), byref(inp), byref(r))
    except FunnelError as exc:
        field = exc.field or ""
        if field.startswith("channel") and exc.index is not None:  # a channel's field
            context = "channels[%d] %s" % (exc.index, _describe(items[exc.index]))
        elif field in given:  # a keyword's: revenue, deals, deal_size, margin
            context = "%s %s" % (field, _describe(given[field]))
        else:
            context = "channels"
        err = exc.with_context(context)
        if r.has_most:  # too little supply: the result holds the most
            err.most = ChannelMost(r.most_leads, r.most_deals,
                                   _opt(r.has_most_revenue, r.most_revenue))
        raise err from None
    view = _View("view_channels", _copy(terms), _copy(inp), _copy(r),
                 given=(_copy(funnel._c),))  # the table's headline shows its stages
    return _from_view(Channels, view(), view)

# funnelplan — the odds of reaching a target: exact binomial model and Monte Carlo.
# SPDX-License-Identifier: MIT
"""The results of :meth:`Funnel.odds` and the calls behind them
(``fpl_odds_compute``, ``fpl_odds_simulate``, ``fpl_odds_plan_compute``).

Every unit entering a stage becomes a won deal on its own with the stage's
cumulative rate, so the deals from a whole volume are binomial: 100 leads at
12% give 12 deals on average, but reach 12 deals only a little more than half
the time.

>>> from funnelplan import Funnel
>>> o = Funnel([("lead", "12%")]).odds(100, deals=12)
>>> round(o.p_hit, 4), o.expected_deals, o.deals_quantiles.p50
(0.5458, 12.0, 12)
>>> [(level.confidence, level.volume) for level in o.volume_for]
[(0.5, 97), (0.8, 122), (0.9, 136), (0.95, 149), (0.99, 174)]

As elsewhere the library decides what is valid, and its defaults
(``fpl_odds_sim_input_init``: the trials and the seed when none is given):
numbers go through as doubles and text is read by its own parsers
(``fpl_parse_amount``, ``fpl_parse_rate``, ``fpl_odds_trials_parse``,
``fpl_odds_history_parse``). Only what a C field cannot hold is refused
here: a trial count that is not a whole number a C size holds
(status ``TRIALS``) and a seed that is not a whole number from 0 to
2**64 - 1. A refusal names what the library says it is about (its
``field`` and ``index``). The result's fields are read from the library's
view of it (``fpl_view_odds``), which is also ``to_dict()``: the object
``funnelplan odds ... --format json`` prints (and, for a plan with
``confidence``, ``funnelplan plan ... --confidence RATE --format json``).
"""

import decimal
import math
import numbers
from ctypes import byref, c_double, c_int, c_size_t, sizeof
from dataclasses import dataclass, field
from typing import Any, Optional, Tuple, Union

from . import _native
from ._common import (JSONDict, _Shown, _Part, _View, _amount, _call, _copy, _count, _describe, _encode, _from_view,
                      _is_int, _is_text, _items, _parse, _rate, _view_field, refuse, status_is)
from ._errors import FunnelError
from ._native import fn

__all__ = ["STANDARD_LEVELS", "SEED_MAX", "Odds", "OddsLevel", "Quantiles", "OddsHistory",
           "OddsSimulation", "OddsStdError"]

#: The confidence levels every :class:`Odds` gives a volume for.
STANDARD_LEVELS = (0.5, 0.8, 0.9, 0.95, 0.99)

#: The largest seed (the C ``uint64_t``).
SEED_MAX = _native.LIMITS["seed"].max_whole

_SEED_MESSAGE = "seed must be a whole number from 0 to %d" % SEED_MAX


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Quantiles(_Part):
    """P10, P50 and P90 of a distribution of deals or revenue per period:
    the least value with at least 10%, 50%, 90% of the chance at or below it.
    Of deals: whole deals, ints; of revenue: deal quantiles × deal size, in
    money; in :class:`OddsStdError`: their standard errors, floats.

    Attributes:
        p10: the 10th percentile.
        p50: the median.
        p90: the 90th percentile.
    """
    p10: Union[int, float]
    p50: Union[int, float]
    p90: Union[int, float]
    _view: tuple = _view_field()


@dataclass(frozen=True)
class OddsLevel(_Part):
    """The least whole volume that reaches the target with a given chance
    (an element of :attr:`Odds.volume_for`).

    Attributes:
        confidence: the chance, a fraction in (0, 1) (0.9 for 90%).
        volume: the least whole units entering ``at`` per period (the
            target's, :attr:`Odds.per`) with that chance; an int. None above 2^53.
        given_volume: the same per the volume's own period
            (:attr:`Odds.volume_per`), whole; None without a volume.
    """
    confidence: float
    volume: Optional[int]
    _view: tuple = _view_field()
    given_volume: Optional[int] = None


@dataclass(frozen=True)
class OddsHistory(_Part):
    """A stage's rate known from history (an element of
    :attr:`OddsSimulation.history`): drawn from Beta(won + 1, total − won + 1)
    in every trial.

    Attributes:
        stage: the stage's name.
        won: units that moved on to the next stage (the last: were won); an int.
        total: units that entered the stage; an int.
    """
    stage: str
    won: int
    total: int
    _view: tuple = _view_field()


@dataclass(frozen=True)
class OddsStdError(_Part):
    """The standard errors of a simulation's estimates
    (:attr:`OddsSimulation.std_error`), each in the unit of its estimate.

    Attributes:
        p_hit: of the chance of the target, a fraction.
        expected_deals: of the mean deals per period.
        expected_revenue: of the mean revenue, in money; None without a deal size.
        deals_quantiles: of the deal quantiles (floats).
        revenue_quantiles: of the revenue quantiles; None without a deal size.
    """
    p_hit: float
    expected_deals: float
    expected_revenue: Optional[float]
    deals_quantiles: Quantiles
    revenue_quantiles: Optional[Quantiles]
    _view: tuple = _view_field()


@dataclass(frozen=True)
class OddsSimulation(_Part):
    """Monte Carlo estimates (``fpl_odds_simulate``): deal sizes that vary
    (gamma distributed with coefficient of variation ``deal_size_cv``) and
    rates known only from ``history`` (drawn from their Beta posterior in
    every trial). The same ``seed`` gives the same figures everywhere.
    Estimates are per period and carry sampling error (:attr:`std_error`).

    Attributes:
        trials: the trials run; an int.
        seed: the seed of the generator; an int.
        deal_size_cv: the coefficient of variation of a deal's size (0 when
            sizes are fixed).
        deal_size_distribution: ``"gamma"``, or None when sizes are fixed.
        history: the stages whose rates come from history, in funnel order
            (:class:`OddsHistory`).
        judged_on: ``"revenue"`` when a trial hits on revenue ≥ the revenue
            target (a revenue target with varying sizes), else ``"deals"``.
        p_hit: the share of trials that hit the target, a fraction.
        expected_deals: the mean deals per period over the trials.
        expected_revenue: the mean revenue per period, in money; None without
            a deal size.
        deals_quantiles: quantiles of deals per period (:class:`Quantiles`, ints).
        revenue_quantiles: quantiles of revenue per period, in money; None
            without a deal size.
        std_error: the standard error of each estimate (:class:`OddsStdError`).
    """
    trials: int
    seed: int
    deal_size_cv: float
    deal_size_distribution: Optional[str]
    history: Tuple[OddsHistory, ...]
    judged_on: str
    p_hit: float
    expected_deals: float
    expected_revenue: Optional[float]
    deals_quantiles: Quantiles
    revenue_quantiles: Optional[Quantiles]
    std_error: OddsStdError
    _view: tuple = _view_field()


@dataclass(frozen=True, repr=False)
class Odds(_Shown):
    """The chance of the target with a volume (exact binomial model), the
    volume each confidence level needs, the quantiles of deals, and, when
    Monte Carlo ran, its estimates in ``simulation``.

    ``target_deals`` is the target's deals rounded up (tolerantly): a
    revenue target at a fixed deal size is reached exactly when the deals
    reach it. ``volume_for`` lists the standard levels (50, 80, 90, 95, 99%)
    and those asked for, ascending, without duplicates; it is always the
    exact model (the funnel's rates, a fixed deal size).

    Attributes:
        per: the period of the volume and the target.
        at: the name of the stage the volume enters.
        volume: N, whole units entering ``at`` per period (:attr:`per`); an int.
        cumulative_rate: p, the chance that one unit entering ``at`` becomes
            a deal; a fraction.
        target_deals: k, whole deals the target needs per period; an int.
        target_revenue: the revenue target in money per period; None when
            the target was deals.
        deal_size: the deal size in money; None without one.
        p_hit: P(deals ≥ k), the chance of the target; exact binomial.
        p_miss: P(deals < k), computed directly (not 1 − p_hit).
        expected_deals: N·p, the mean deals per period; exact.
        sd_deals: √(N·p·(1 − p)), the standard deviation of deals.
        expected_revenue: N·p × deal size, in money per period; None without
            a deal size.
        deals_quantiles: quantiles of deals per period (:class:`Quantiles`, ints).
        revenue_quantiles: the deal quantiles × deal size, in money; None
            without a deal size.
        volume_for: the least whole volume per confidence level, ascending
            (:class:`OddsLevel`).
        simulation: the Monte Carlo estimates (:class:`OddsSimulation`); None
            unless it ran.
        volume_per: the period the volume was given per (``"month"``, ...).
        given_volume: the volume as given, whole units per ``volume_per``.

    ``to_dict()`` is the object ``funnelplan odds ... --format json`` prints.
    """
    per: str
    at: str
    volume: int
    cumulative_rate: float
    target_deals: int
    target_revenue: Optional[float]
    deal_size: Optional[float]
    p_hit: float
    p_miss: float
    expected_deals: float
    sd_deals: float
    expected_revenue: Optional[float]
    deals_quantiles: Quantiles
    revenue_quantiles: Optional[Quantiles]
    volume_for: Tuple[OddsLevel, ...]
    simulation: Optional[OddsSimulation]
    # What the library describes (fpl_view_odds): the C funnel, exact result,
    # and the simulation input and simulation (both None unless Monte Carlo ran).
    _source: Any = field(default=None, repr=False, compare=False)
    _headline = ('per', 'at', 'volume', 'target_deals', 'p_hit')
    _by_name = "volume_for"  # odds[0.9]: a confidence level

    def _render_args(self):
        return fn.odds_render, self._source.structs
    # The volume as given, per its own period: ``volume`` and the volumes of
    # ``volume_for`` are per ``per``, the target's period.
    volume_per: str = None  # type: ignore[assignment]
    given_volume: int = None  # type: ignore[assignment]

    def volume_needed(self, confidence: float) -> Optional[int]:
        """The volume for a level of :attr:`volume_for` (a float such as
        0.9); KeyError if that level was not computed.

        >>> from funnelplan import Funnel
        >>> Funnel([("lead", "12%")]).odds(100, deals=12).volume_needed(0.5)
        97

        (With 97 leads P(12 deals or more) is 0.5015; with 96, 0.4865.)
        """
        for level in self.volume_for:
            if level.confidence == confidence:
                return level.volume
        raise KeyError(confidence)

    def to_dict(self) -> JSONDict:
        return self._source()


# ---------------------------------------------------------------------------
# Inputs


def _whole(label, value, status, read=_amount):
    """A double from an amount (number or text; ``read``: ``_count`` for a
    count, refused above 2**53), refusing an int that no double holds
    exactly (2**53 + 1 would silently become 2**53)."""
    if value is None:
        raise refuse("NULL", "%s None" % label)
    x = read(label, value)
    if _is_int(value) and x != int(value):
        raise refuse(status, "%s %s" % (label, _describe(value)))
    return x


def _levels(confidence):
    """[(what the caller wrote, double)] of the confidence levels asked for."""
    if confidence is None:
        return []
    if _is_text(confidence) or isinstance(confidence, (numbers.Real, decimal.Decimal)):
        items = [confidence]               # one level
    else:
        try:
            items = list(confidence)
        except TypeError:
            raise refuse("PARSE_SYNTAX", "confidence %s"
                         % _describe(confidence), typed=True) from None
    if len(items) > _native.LIMITS["confidence_levels"].max_whole:
        raise refuse("CONFIDENCE_COUNT", "confidence (%d given)" % len(items))
    return [(item, _rate("confidence", item)) for item in items]


def _trials(value):
    """The C trial count: text as ``fpl_odds_trials_parse`` reads it; a
    number passed on when it is a whole number a C size holds (the library
    judges the range, 0 included), else status ``TRIALS``."""
    context = "trials %s" % _describe(value)
    if _is_text(value):
        data = _encode(value)
        out = c_size_t()
        _call(fn.odds_trials_parse, (data, len(data), byref(out)), context, {})
        return out.value
    x = _whole("trials", value, "TRIALS")
    if not (math.isfinite(x) and x == math.floor(x) and 0 <= x < 2.0 ** (8 * sizeof(c_size_t))):
        raise refuse("TRIALS", context)
    return int(x)


def _seed(value):
    """A seed: an int (or the CLI's decimal digits) from 0 to 2**64 - 1."""
    context = "seed %s" % _describe(value)
    if _is_text(value):
        text = _encode(value)
        if not text:
            raise refuse("PARSE_EMPTY", context, _SEED_MESSAGE)
        if text[:1] == b"-" and text[1:].isdigit() and text[1:].isascii():
            raise refuse("PARSE_NEGATIVE", context, _SEED_MESSAGE)
        if not (text.isascii() and text.isdigit()):
            raise refuse("PARSE_SYNTAX", context, _SEED_MESSAGE)
        # At most 20 significant digits: never a huge int to build.
        if len(text.lstrip(b"0")) > 20:
            raise refuse("PARSE_OVERFLOW", context, _SEED_MESSAGE)
        value = int(text)
    elif not _is_int(value):
        raise refuse("PARSE_SYNTAX", context, _SEED_MESSAGE, typed=True)
    value = int(value)
    if value < 0:
        raise refuse("PARSE_NEGATIVE", context, _SEED_MESSAGE)
    if value > SEED_MAX:
        raise refuse("PARSE_OVERFLOW", context, _SEED_MESSAGE)
    return value


def _count_text(context, value):
    """One side of a (won, total) pair as text for ``fpl_odds_history_parse``."""
    if _is_text(value):
        data = _encode(value)
        if b"/" in data:
            raise refuse("HISTORY", context)
        return data
    if value is None or isinstance(value, bool):
        raise refuse("HISTORY", context, typed=True)
    if _is_int(value):
        n = int(value)
        if abs(n) >= 10 ** 400:
            raise refuse("HISTORY", context)
        return str(n).encode("ascii")
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            x = float(value)
        except (OverflowError, ValueError, TypeError):
            raise refuse("HISTORY", context) from None
        if math.isfinite(x) and x == math.floor(x):
            return ("%d" % x).encode("ascii")
        # Not whole, NaN, an infinity: the library's parser refuses its repr.
        return repr(x).encode("ascii")
    raise refuse("HISTORY", context, typed=True)


def _history_value(context, value):
    """(won, total) read by ``fpl_odds_history_parse`` from 'WON/TOTAL' or a pair."""
    if _is_text(value):
        data = _encode(value)
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        data = _count_text(context, value[0]) + b"/" + _count_text(context, value[1])
    elif value is None:
        raise refuse("NULL", context)
    else:
        raise refuse("HISTORY", context, typed=True)
    won = c_double()
    total = c_double()
    _call(fn.odds_history_parse, (data, len(data), byref(won), byref(total)), context, {})
    return won.value, total.value


def _history(funnel, inp, history):
    """Fills the history of a C fpl_odds_sim_input; returns the context of
    each stage's entry (for messages), by stage index."""
    contexts = {}
    for index, item in enumerate(_items("history", history, "HISTORY", text=(
            "a mapping {stage: 'WON/TOTAL' or (won, total)} or a list of pairs"))):
        if _is_text(item):
            # The CLI's own form, "STAGE=WON/TOTAL", split at the last '='.
            context = "history %s" % _describe(item)
            stage, sep, value = _encode(item).rpartition(b"=")
            if not sep:
                raise refuse("HISTORY", context)
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            stage, value = item
            context = "history %s %s" % (_describe(stage), _describe(value))
        else:
            raise refuse("HISTORY", "history[%d] %s" % (index, _describe(item)),
                         "expected a (stage, 'WON/TOTAL') pair or 'STAGE=WON/TOTAL'", typed=True)
        k = funnel._find(stage, context)
        if inp.has_history[k]:
            raise refuse("STAGE_DUPLICATE", "%s: stage %s has a history already"
                         % (context, _describe(funnel.names[k])))
        inp.won[k], inp.total[k] = _history_value(context, value)
        inp.has_history[k] = True
        contexts[k] = context
    return contexts


_VOLUME_PER_ADVICE = "give volume_per='month' (or 'quarter', 'year'), or volume='%s/month'"


def _volume(per, volume, volume_per, given):
    """(count, C period of the count) of a volume: text as
    ``fpl_odds_volume_parse`` reads it (``"600/month"``; a bare count only
    with a monthly target), a number with ``volume_per`` or, without one,
    as ``fpl_odds_volume_period`` allows (only with a monthly target)."""
    context = "volume %s" % _describe(volume)
    has_per = volume_per is not None
    vper = _native.PERIOD_MONTH
    if has_per:
        per_context = "volume_per %s" % _describe(volume_per)
        if not _is_text(volume_per):
            raise refuse("PERIOD", per_context, typed=True)
        vper = _parse(fn.period_parse, _encode(volume_per), c_int(), per_context).value
    if has_per:
        given["volume_per"] = volume_per
    if _is_text(volume) and not has_per:
        data = _encode(volume)
        count, out_per = c_double(), c_int()
        try:
            _call(fn.odds_volume_parse, (data, len(data), per, byref(count), byref(out_per)),
                  context, {})
        except FunnelError as exc:
            raise _with_advice(exc, data[exc.offset:exc.offset + exc.length]) from None
        return count.value, out_per.value
    if volume is None:
        raise refuse("NULL", "volume None")
    count = _whole("volume", volume, "VOLUME_WHOLE", _count)
    out_per = c_int()
    try:
        _call(fn.odds_volume_period, (per, has_per, vper, byref(out_per)), context, {})
    except FunnelError as exc:
        whole = math.isfinite(count) and count == math.floor(count)
        raise _with_advice(exc, "%d" % count if whole else _describe(volume)) from None
    return count, out_per.value


def _with_advice(exc, count):
    """A volume refused for want of its period, with how to say it here."""
    if not status_is(exc, "VOLUME_PERIOD"):
        return exc
    if isinstance(count, bytes):
        count = count.decode("utf-8", "replace")
    return exc._copy("%s: %s" % (exc.message, _VOLUME_PER_ADVICE % count), exc.context)


def _simulate_flag(value):
    if value is None or value is False or value is True:
        return bool(value)
    raise refuse("PARSE_SYNTAX", "simulate %s" % _describe(value),
                 "simulate must be True or False", typed=True)


def _reraise(exc):
    raise exc


def _odds_context(exc, given, levels, what, history, funnel, at):
    """What an odds refusal is about, from the library's field and index, in
    the caller's terms; None for what every question names alike."""
    if exc.field == "confidence":
        if exc.index is not None and exc.index < len(levels):
            return "confidence %s" % _describe(levels[exc.index][0])
        if "confidence" in given:
            return "confidence %s" % _describe(given["confidence"])
    if exc.field == "history" and exc.index in history:
        if status_is(exc, "HISTORY_STAGE") and exc.index < at:
            return "%s (the volume enters below it, at %s)" % (
                history[exc.index], _describe(funnel.names[at]))
        return history[exc.index]
    if exc.field == "deal_size_cv" and status_is(exc, "DEAL_SIZE_MISSING") \
            and "deal_size_cv" in given:
        return "%s (deal_size_cv %s without a deal_size)" % (what,
                                                             _describe(given["deal_size_cv"]))
    if exc.field in ("volume", "trials", "deal_size_cv") and exc.field in given:
        return "%s %s" % (exc.field, _describe(given[exc.field]))
    return None


def _odds_call(func, args, given, levels=(), what="odds", history=None, funnel=None, at=0):
    """Calls an odds function once; a refusal names what the library says
    it is about (``levels``: [(as given, double)]; ``history``: the context
    of each stage's history, by stage index)."""
    try:
        func(*args)
        return
    except FunnelError as exc:
        context = _odds_context(exc, given, levels, what, history or {}, funnel, at)
        if context is not None:
            raise exc.with_context(context) from None
        failure = exc
    # Any other fault: named as plan() and forecast() name it.
    _call(_reraise, (failure,), what, given)


# ---------------------------------------------------------------------------
# The questions


def odds(funnel, volume, at, per, revenue, deals, deal_size, cost_per_lead, margin, confidence,
         simulate, trials, seed, deal_size_cv, history, volume_per=None):
    """:meth:`Funnel.odds`."""
    terms, given = funnel._terms(per, revenue, deals, deal_size, cost_per_lead, margin, "odds")
    inp = _native.fpl_odds_input()
    inp.volume, inp.volume_per = _volume(terms.per, volume, volume_per, given)
    inp.has_volume_per = True
    given["volume"] = volume
    inp.at = funnel._index(at)
    if at is not None:
        given["at"] = at
    levels = _levels(confidence)
    for k, (_, value) in enumerate(levels):
        inp.levels[k] = value
    inp.n_levels = len(levels)

    run = _simulate_flag(simulate) or any(
        v is not None for v in (trials, seed, deal_size_cv, history))
    if run:
        sim_in = _native.fpl_odds_sim_input()
        fn.odds_sim_input_init(byref(sim_in))  # the library's defaults
        sim_in.volume = inp.volume
        sim_in.has_volume_per = inp.has_volume_per
        sim_in.volume_per = inp.volume_per
        sim_in.at = inp.at
        if trials is not None:
            sim_in.trials = _trials(trials)
            given["trials"] = trials
        if seed is not None:
            sim_in.seed = _seed(seed)
        if deal_size_cv is not None:
            sim_in.deal_size_cv = _amount("deal_size_cv", deal_size_cv)
            given["deal_size_cv"] = deal_size_cv
        history_contexts = {} if history is None else _history(funnel, sim_in, history)

    out = _native.fpl_odds()
    _odds_call(fn.odds_compute, (byref(funnel._c), byref(terms), byref(inp), byref(out)),
               given, levels)
    sim = _simulate(funnel, terms, sim_in, given, history_contexts) if run else None
    c_sim_in, c_sim = (_copy(sim_in), _copy(sim)) if run else (None, None)
    view = _View("view_odds", _copy(funnel._c), _copy(out), c_sim_in, c_sim)
    return _from_view(Odds, view(), view)


def _simulate(funnel, terms, inp, given, history_contexts):
    """The C result of ``fpl_odds_simulate`` (the workspace is allocated
    here: the library never allocates)."""
    work_len = fn.odds_sim_work_len(inp.trials)
    work = (c_double * work_len)()
    out = _native.fpl_odds_sim()
    _odds_call(fn.odds_simulate,
               (byref(funnel._c), byref(terms), byref(inp), work, work_len, byref(out)),
               given, history=history_contexts, funnel=funnel, at=inp.at)
    return out


def plan_confidence(funnel, terms, given, confidence):
    """(level, whole volumes per stage, the C result) for
    :meth:`Funnel.plan`'s ``confidence`` (``fpl_odds_plan_compute``)."""
    value = _rate("confidence", confidence)
    given = dict(given, confidence=confidence)
    out = _native.fpl_odds_plan()
    _odds_call(fn.odds_plan_compute, (byref(funnel._c), byref(terms), value, byref(out)),
               given, what="plan")
    return out.confidence, tuple(int(r) for r in out.required[:out.n_stages]), out

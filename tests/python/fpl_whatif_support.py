# funnelplan — helpers of the what-if, sensitivity and goal-seek tests: an
# exact reference in fractions.Fraction and random questions.
# SPDX-License-Identifier: MIT
"""Helpers for tests/python (not a test module itself).

The reference applies changes, steps and goal seeks to the exact decimal
values the user wrote, then evaluates the specification's formulas with
fpl_support's exact plan and forecast, so a difference (a delta, a saving)
is compared with its exact value, not with a second floating-point
computation. A difference's error is judged against the figures it is the
difference of (``scale``), as for the forecast's gaps.
"""

import math
import random
from fractions import Fraction

from fpl_support import MONTHS, Question, amount_text, exact_forecast, exact_plan, random_cents

# Keep exact results this far from a boundary (0, 1 for rates) unless they are
# exactly on it by construction, so that the double computation and the exact
# one cannot disagree on which side they fall.
EDGE = Fraction(1, 10 ** 9)


class RangeError(Exception):
    """The exact reference says: a change takes its lever out of range.
    ``status`` is FPL_ERR_CHANGE_RANGE (a question without an answer) for a
    relative or point change, and the status of the option it replaces (bad
    input) for a value set out of range."""

    def __init__(self, kind, set_status):
        self.status = set_status if kind == "set" else "FPL_ERR_CHANGE_RANGE"
        super().__init__(self.status)

    @property
    def is_input_error(self):
        return self.status != "FPL_ERR_CHANGE_RANGE"


class LeverError(Exception):
    """The exact reference says: FPL_ERR_CHANGE_LEVER."""


# ---------------------------------------------------------------------------
# Exact what-if


def move(current, kind, value):
    if kind == "relative":
        return current * (1 + value)
    if kind == "points":
        return current + value
    return value


def apply_changes(rates, deal_size, cost, volume, changes):
    """Applies (lever, stage, kind, value) changes in order to exact values;
    returns (rates, deal_size, cost, volume) or raises RangeError/LeverError."""
    rates = list(rates)
    for lever, stage, kind, value in changes:
        if lever == "stage":
            r = move(rates[stage], kind, value)
            if not 0 < r <= 1:
                raise RangeError(kind, "FPL_ERR_RATE_RANGE")
            rates[stage] = r
        elif lever == "deal-size":
            if deal_size is None:
                raise LeverError()
            deal_size = move(deal_size, kind, value)
            if deal_size <= 0:
                raise RangeError(kind, "FPL_ERR_DEAL_SIZE")
        elif lever == "volume":
            if volume is None:
                raise LeverError()
            volume = move(volume, kind, value)
            if volume <= 0:
                raise RangeError(kind, "FPL_ERR_VOLUME")
        else:
            if cost is None:
                raise LeverError()
            cost = move(cost, kind, value)
            if cost < 0:
                raise RangeError(kind, "FPL_ERR_COST")
    return rates, deal_size, cost, volume


def exact_whatif(rates, per, changes, volume=None, at=0, revenue=None, deals=None,
                 deal_size=None, cost=None, margin=None, horizon=None, invest=None):
    """Every figure of a what-if from exact values: a dict of the deltas
    (with ``<name>_scale``: the larger of the two figures a delta is the
    difference of), roi and payback, and the exact baseline and scenario."""
    m = Fraction(1) if margin is None else margin
    h = horizon if horizon is not None else 12 // MONTHS[per]
    s_rates, s_ds, s_cost, s_volume = apply_changes(rates, deal_size, cost, volume, changes)
    e = {"horizon": h, "margin": m}
    if volume is not None:
        b = exact_forecast(rates, volume, at, per, deal_size=deal_size, cost_per_lead=cost,
                           margin=margin, target_revenue=revenue, target_deals=deals)
        s = exact_forecast(s_rates, s_volume, at, per, deal_size=s_ds, cost_per_lead=s_cost,
                           margin=margin, target_revenue=revenue, target_deals=deals)
        pairs = {"deals": (b["deals"], s["deals"]),
                 "revenue": (b["revenue"], s["revenue"]),
                 "volume": (b["volume"], s["volume"]),
                 "cost": (b.get("budget"), s.get("budget"))}
    else:
        b_deals = revenue / deal_size if revenue is not None else deals
        s_deals = revenue / s_ds if revenue is not None else deals
        b = exact_plan(rates, b_deals, per, revenue=revenue, deal_size=deal_size,
                       cost_per_lead=cost, margin=margin)
        s = exact_plan(s_rates, s_deals, per, revenue=revenue, deal_size=s_ds,
                       cost_per_lead=s_cost, margin=margin)
        if revenue is not None:
            rev = (revenue, revenue)
        elif deal_size is not None:
            rev = (b_deals * deal_size, s_deals * s_ds)
        else:
            rev = (None, None)
        pairs = {"deals": (b_deals, s_deals), "revenue": rev,
                 "volume": (b["required"][0], s["required"][0]),
                 "cost": (b.get("budget"), s.get("budget"))}
    for key, (x, y) in pairs.items():
        if x is None:
            e[key] = None
            e[key + "_scale"] = None
        else:
            e[key] = y - x
            e[key + "_scale"] = max(abs(x), abs(y))
    e["gain"] = (e["revenue"] or 0) * m - (e["cost"] or 0)
    e["gain_scale"] = (e["revenue_scale"] or 0) * m + (e["cost_scale"] or 0)
    for key in ("revenue", "cost", "gain"):
        e[key + "_horizon"] = None if e[key] is None else e[key] * h
        e[key + "_horizon_scale"] = None if e[key] is None else e[key + "_scale"] * h
    if invest is not None:
        e["roi"] = (e["gain_horizon"] - invest) / invest
        e["roi_scale"] = (e["gain_horizon_scale"] + invest) / invest
        e["payback"] = invest / e["gain"] if e["gain"] > 0 else None
    e["baseline"] = b
    e["scenario"] = s
    e["scenario_rates"] = s_rates
    return e


# ---------------------------------------------------------------------------
# Random changes


def percent_text(rng, low, high):
    """(text without sign, exact fraction) of a percentage in [low, high]%:
    whole or one decimal."""
    tenths = rng.randint(int(low * 10), int(high * 10))
    if tenths % 10 == 0 and rng.random() < 0.7:
        return "%d" % (tenths // 10), Fraction(tenths, 1000)
    return "%d.%d" % divmod(tenths, 10), Fraction(tenths, 1000)


def random_stage_change(rng, rate):
    """(text, kind, exact value) of a change of a stage whose rate is ``rate``."""
    kind = rng.choice(("relative", "relative", "points", "points", "set"))
    sign = rng.choice("+-") if rng.random() < 0.8 else "+"
    if kind == "relative":
        text, v = percent_text(rng, 0.1, 60 if sign == "-" else 150)
        return "%s%s%%" % (sign, text), kind, v if sign == "+" else -v
    if kind == "points":
        text, v = percent_text(rng, 0.1, 30)
        return "%s%spp" % (sign, text), kind, v if sign == "+" else -v
    if rng.random() < 0.05:
        text, v = percent_text(rng, 100.1, 300)  # set out of range: bad input
        return text + "%", kind, v
    if rng.random() < 0.5:
        text, v = percent_text(rng, 0.1, 100)
        return text + "%", kind, v
    b = rng.randint(1, 12)
    a = rng.randint(1, b)
    return "%d/%d" % (a, b), kind, Fraction(a, b)


def random_amount_change(rng, current, allow_zero=False):
    """(text, kind, exact value) of a change of an amount; sometimes "0",
    which only a cost per lead may be set to (``allow_zero``: -100% too)."""
    if rng.random() < 0.6:
        sign = rng.choice("+-")
        text, v = percent_text(rng, 0.1, 90 if sign == "-" else 200)
        if allow_zero and sign == "-" and rng.random() < 0.1:
            text, v = "100", Fraction(1)
        return "%s%s%%" % (sign, text), "relative", v if sign == "+" else -v
    if rng.random() < 0.1:
        return "0", "set", Fraction(0)  # bad input unless a cost per lead
    value = random_cents(rng, float(current) / 4 + 0.01, float(current) * 4 + 0.02)
    return amount_text(rng, value), "set", value


def near_edge(value, low, high):
    """An exact result close to a boundary of (low, high] but not on one
    that both computations reach exactly."""
    return abs(value - low) < EDGE * max(1, abs(low)) or abs(value - high) < EDGE * abs(high)


class WhatIfQuestion:
    """A random what-if question on a random funnel (fpl_support.Question),
    as Python keywords, CLI arguments and exact values."""

    def __init__(self, rng, volume_held=None):
        self.q = q = Question(rng)
        self.volume_held = rng.random() < 0.5 if volume_held is None else volume_held
        n = len(q.rates)
        rates = list(q.rates)
        deal_size = q.deal_size
        cost = q.fc_cost if self.volume_held else q.cost_per_lead
        self.cost = cost
        volume = q.volume if self.volume_held else None
        self.changes = []      # (lever, change text)
        self.exact_changes = []  # (lever kind, stage, kind, exact value)
        self.expect_range = False  # a change takes its lever out of range:
        self.expect_status = None  # the status it gives, and that change is the last
        for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3, 5))):
            levers = ["stage"] * 3
            if deal_size is not None:
                levers.append("deal-size")
            if volume is not None:
                levers.append("volume")
            if cost is not None:
                levers.append("cost-per-lead")
            lever = rng.choice(levers)
            for _attempt in range(20):
                if lever == "stage":
                    k = rng.randrange(n)
                    text, kind, v = random_stage_change(rng, rates[k])
                    after = move(rates[k], kind, v)
                    if kind != "set" and near_edge(after, 0, 1):
                        continue
                    if kind == "set" and after == 0:
                        continue
                    name = q.stages[k][0]
                    change = (lever, k, kind, v)
                else:
                    k = 0
                    current = {"deal-size": deal_size, "volume": volume,
                               "cost-per-lead": cost}[lever]
                    text, kind, v = random_amount_change(rng, current,
                                                         lever == "cost-per-lead")
                    after = move(current, kind, v)
                    if after != 0 and abs(after) < EDGE * current:
                        continue
                    name = lever
                    change = (lever, 0, kind, v)
                break
            else:
                continue
            try:
                rates, deal_size, cost, volume = apply_changes(rates, deal_size, cost, volume,
                                                               [change])
            except RangeError as exc:
                self.expect_range = True
                self.expect_status = exc.status
            self.changes.append((name, text))
            self.exact_changes.append(change)
            if self.expect_range:
                break
        if not self.expect_range:
            # Whole counts of the scenario's plan must stay exact (far below 2^53).
            cum = math.prod(rates)
            if not self.volume_held and q.exact_deals / cum > Fraction(10 ** 12):
                self.changes, self.exact_changes = [], []
        self.form = rng.choice(("pairs", "pairs", "strings", "mapping"))
        if self.form == "mapping" and len({c[0] for c in self.changes}) != len(self.changes):
            self.form = "pairs"
        self.horizon = None
        self.horizon_text = None
        if rng.random() < 0.6:
            self.horizon = rng.choice((1, 2, 3, 6, 12, 18, 24, 36, 60))
            self.horizon_text = (str(self.horizon) if rng.random() < 0.5
                                 else self.horizon)
        self.invest = None
        if rng.random() < 0.5:
            self.invest = random_cents(rng, 100, 10 ** 7)
            self.invest_text = amount_text(rng, self.invest)

    def describe(self):
        return "%s volume_held=%s changes=%r horizon=%r invest=%r" % (
            self.q.describe(), self.volume_held, self.changes, self.horizon_text,
            self.invest)

    def changes_argument(self):
        if self.form == "mapping":
            return dict(self.changes)
        if self.form == "strings":
            return ["%s=%s" % c for c in self.changes]
        return list(self.changes)

    def kwargs(self):
        q = self.q
        if self.volume_held:
            kw = q.forecast_kwargs()
        else:
            kw = q.plan_kwargs()
        kw["changes"] = self.changes_argument()
        if self.horizon_text is not None:
            kw["horizon"] = self.horizon_text
        if self.invest is not None:
            kw["invest"] = self.invest_text
        return kw

    def cli_args(self):
        q = self.q
        if self.volume_held:
            args = q.forecast_cli_args()
        else:
            args = q.plan_cli_args()
        args[0] = "whatif"
        for lever, text in self.changes:
            args += ["--change", "%s=%s" % (lever, text)]
        if self.horizon_text is not None:
            args += ["--horizon", str(self.horizon_text)]
        if self.invest is not None:
            args += ["--invest", self.invest_text]
        return args

    def exact(self):
        q = self.q
        kw = dict(per=q.per, deal_size=q.deal_size, cost=self.cost, margin=q.margin,
                  horizon=self.horizon, invest=self.invest)
        if self.volume_held:
            return exact_whatif(q.rates, changes=self.exact_changes, volume=q.volume, at=q.at,
                                revenue=q.target_revenue, deals=q.target_deals, **kw)
        return exact_whatif(q.rates, changes=self.exact_changes, revenue=q.revenue,
                            deals=q.deals, **kw)


def whatif_questions(seed, count, **kw):
    rng = random.Random(seed)
    return [WhatIfQuestion(rng, **kw) for _ in range(count)]


# ---------------------------------------------------------------------------
# Sensitivity


def measure(rates, volume_held, volume, at, deal_size, deals, revenue):
    """Revenue (volume held) or top-of-funnel volume needed (target held)."""
    if volume_held:
        return volume * math.prod(rates[at:]) * deal_size
    d = revenue / deal_size if revenue is not None else deals
    return d / math.prod(rates)


def exact_sensitivity(rates, volume_held, step_kind, step, deal_size_step, volume=None, at=0,
                      deal_size=None, deals=None, revenue=None):
    """[(lever index, from, to, effect)] in funnel order (the deal size as
    index len(rates)), and the base measure."""
    base = measure(rates, volume_held, volume, at, deal_size, deals, revenue)
    rows = []
    for k, r in enumerate(rates):
        to = min(Fraction(1), move(r, step_kind, step))
        moved_rates = list(rates)
        moved_rates[k] = to
        after = measure(moved_rates, volume_held, volume, at, deal_size, deals, revenue)
        rows.append((k, r, to, after - base if volume_held else base - after))
    if deal_size is not None and (volume_held or revenue is not None):
        to = deal_size * (1 + deal_size_step)
        after = measure(rates, volume_held, volume, at, to, deals, revenue)
        rows.append((len(rates), deal_size, to, after - base if volume_held else base - after))
    return rows, base

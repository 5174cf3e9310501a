# funnelplan — shared helpers of the Python tests: paths, an exact reference
# model in fractions.Fraction, and a generator of random questions.
# SPDX-License-Identifier: MIT
"""Helpers for tests/python (not a test module itself).

The reference model computes every figure of the specification from the
exact decimal values the user wrote (``Fraction("12.5") / 100``), never from
doubles, so the tests compare the library against the mathematics rather
than against a second floating-point implementation.
"""

import math
import os
import random
import re
import shlex
import shutil
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PACKAGE_PARENT = os.path.join(REPO, "bindings", "python")

if PACKAGE_PARENT not in sys.path:
    sys.path.insert(0, PACKAGE_PARENT)  # also run outside meson

import funnelplan  # noqa: E402  (after the path is set)

MONTHS = {"month": 1, "quarter": 3, "year": 12}
PERIODS = ("month", "quarter", "year")
REL = 1e-12


def cli_path():
    """The CLI binary: $FUNNELPLAN_CLI, else the usual build location; None if absent."""
    path = os.environ.get("FUNNELPLAN_CLI") or os.path.join(REPO, "build", "bindings", "cli",
                                                             "funnelplan")
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def c_compiler():
    """The C compiler as a command list: $FUNNELPLAN_TEST_CC (meson sets it to
    the compiler that built the library, so under meson there is always
    one), else cc, gcc or clang on PATH; None if there is none."""
    configured = os.environ.get("FUNNELPLAN_TEST_CC")
    if configured:
        return shlex.split(configured)
    for name in ("cc", "gcc", "clang"):
        path = shutil.which(name)
        if path:
            return [path]
    return None


def package_env(**extra):
    """Environment for a child Python that imports this very package and library."""
    env = dict(os.environ)
    env["PYTHONPATH"] = PACKAGE_PARENT + os.pathsep + HERE
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["FUNNELPLAN_LIBRARY"] = funnelplan.library_path
    env.update(extra)
    return env


# ---------------------------------------------------------------------------
# Comparing doubles with exact values


def close(got, exact, scale=None):
    """True when ``got`` is within REL of ``exact`` relative to ``scale``
    (default |exact|); an exact zero must come out as zero."""
    if scale is None:
        scale = abs(exact)
    if scale == 0:
        return got == 0
    return abs(Fraction(got) - exact) <= Fraction(REL) * abs(Fraction(scale))


# ---------------------------------------------------------------------------
# Exact reference model (SPEC "The model")


def exact_plan(rates, deals, per, revenue=None, deal_size=None, cost_per_lead=None,
               margin=None):
    """Every figure of a plan from exact rationals. ``rates`` top first."""
    n = len(rates)
    cumulative = [None] * n
    c = Fraction(1)
    for k in reversed(range(n)):
        c *= rates[k]
        cumulative[k] = c
    required = [deals / cumulative[k] for k in range(n)]
    deals_whole = math.ceil(deals)
    whole = [None] * n
    w = deals_whole
    for k in reversed(range(n)):
        w = math.ceil(w / rates[k])
        whole[k] = w
    r = {"per": per, "revenue": revenue, "deal_size": deal_size, "deals": deals,
         "deals_whole": deals_whole, "margin": Fraction(1) if margin is None else margin,
         "cumulative": cumulative, "required": required, "required_whole": whole}
    r["gross_profit"] = None if revenue is None else revenue * r["margin"]
    if cost_per_lead is not None:
        budget = required[0] * cost_per_lead
        r["cost_per_lead"] = cost_per_lead
        r["budget"] = budget
        r["cost_per_deal"] = budget / deals
        r["cost_per"] = [budget / q for q in required]
    r["by_period"] = {}
    for name in PERIODS:
        f = Fraction(MONTHS[name], MONTHS[per])
        r["by_period"][name] = {
            "revenue": None if revenue is None else revenue * f,
            "deals": deals * f,
            "required": [q * f for q in required],
            "budget": r["budget"] * f if cost_per_lead is not None else None}
    return r


def exact_forecast(rates, volume, at, per, deal_size=None, cost_per_lead=None, margin=None,
                   target_revenue=None, target_deals=None):
    """Every figure of a forecast from exact rationals; at is a stage index."""
    n = len(rates)
    expected = {}
    units = volume
    for k in range(at, n):
        expected[k] = units
        units *= rates[k]
    deals = units
    r = {"per": per, "volume": volume, "expected": expected, "deals": deals,
         "deal_size": deal_size, "margin": Fraction(1) if margin is None else margin}
    r["revenue"] = None if deal_size is None else deals * deal_size
    r["gross_profit"] = None if deal_size is None else r["revenue"] * r["margin"]
    if cost_per_lead is not None:
        r["budget"] = volume * cost_per_lead
        r["cost_per_deal"] = r["budget"] / deals
    if target_revenue is not None or target_deals is not None:
        if target_revenue is not None:
            target_deals = target_revenue / deal_size
        elif deal_size is not None:
            target_revenue = target_deals * deal_size
        r["target_revenue"] = target_revenue
        r["target_deals"] = target_deals
        r["gap_deals"] = target_deals - deals
        r["gap_revenue"] = (None if target_revenue is None or r["revenue"] is None
                            else target_revenue - r["revenue"])
        r["attainment"] = deals / target_deals
    r["by_period"] = {}
    for name in PERIODS:
        f = Fraction(MONTHS[name], MONTHS[per])
        r["by_period"][name] = {
            "revenue": None if r["revenue"] is None else r["revenue"] * f,
            "deals": deals * f,
            "expected": {k: v * f for k, v in expected.items()},
            "budget": r["budget"] * f if cost_per_lead is not None else None}
    return r


# ---------------------------------------------------------------------------
# Writing exact decimals as the CLI's number forms


def decimal_text(value):
    """A finite decimal string for a Fraction whose denominator divides a
    power of ten, e.g. Fraction(12345, 100) -> '123.45'."""
    value = Fraction(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    digits = 0
    while (value * 10 ** digits).denominator != 1:
        digits += 1
        if digits > 40:
            raise ValueError("not a finite decimal: %r" % value)
    scaled = (value * 10 ** digits).numerator
    text = str(scaled).rjust(digits + 1, "0")
    if digits:
        text = text[:-digits] + "." + text[-digits:]
    return sign + text


def _group(int_text, sep):
    out = []
    while len(int_text) > 3:
        out.insert(0, int_text[-3:])
        int_text = int_text[:-3]
    out.insert(0, int_text)
    return sep.join(out)


def _one_way(text):
    """``text`` as it reads one way: 123.456 and 1.250k read two ways (a
    European thousands point) and are refused, 123.4560 is the same value."""
    m = re.fullmatch(r"([1-9][0-9]{0,2}\.[0-9]{3})([kKmMbB]?)", text)
    return m.group(1) + "0" + m.group(2) if m else text


def amount_text(rng, value):
    """The exact decimal ``value`` written in one of the forms fpl_parse_amount
    accepts: plain, 1,000 grouping, 1_000 grouping, k/M suffix or exponent,
    never one that reads two ways (:func:`_one_way`)."""
    return _one_way(_amount_text(rng, value))


def _amount_text(rng, value):
    plain = decimal_text(value)
    int_part, _, frac_part = plain.partition(".")
    form = rng.randrange(6)
    if form == 1 and len(int_part) > 3:
        return _group(int_part, ",") + ("." + frac_part if frac_part else "")
    if form == 2 and len(int_part) > 3:
        return _group(int_part, "_") + ("." + frac_part if frac_part else "")
    if form == 3 and value >= 1000:
        if value >= 10 ** 9 and rng.random() < 0.5:
            suffixes, scale = "Bb", 10 ** 9
        elif value >= 10 ** 6 and rng.random() < 0.5:
            suffixes, scale = "Mm", 10 ** 6
        else:
            suffixes, scale = "kK", 10 ** 3
        return decimal_text(Fraction(value) / scale) + rng.choice(suffixes)
    if form == 4:
        digits = 0
        while (Fraction(value) * 10 ** digits).denominator != 1:
            digits += 1
        mantissa = (Fraction(value) * 10 ** digits).numerator
        return "%de%d" % (mantissa, -digits) if digits else "%dE0" % mantissa
    return plain


# ---------------------------------------------------------------------------
# Random questions

NAME_POOL = ("lead", "MQL", "SQL", "accepted", "opportunity", "proposal", "Verhandlung",
             "möte", "商机", "Qualifizierte Leads", "demo booked", "x=y", "stage #7", "Ω",
             "a" * 64, "won-back", "trial", "intro call")


def random_rate(rng):
    """(text, exact value) of a rate: an integer percent, a one-decimal
    percent or a simple fraction a/b."""
    kind = rng.random()
    if kind < 0.4:
        p = rng.randint(1, 100)
        return "%d%%" % p, Fraction(p, 100)
    if kind < 0.8:
        t = rng.randint(1, 1000)
        return "%d.%d%%" % divmod(t, 10), Fraction(t, 1000)
    b = rng.randint(1, 12)
    a = rng.randint(1, b)
    return "%d/%d" % (a, b), Fraction(a, b)


def random_cents(rng, low, high):
    """An exact whole-cent amount in [low, high], log-uniformly spread."""
    x = math.exp(rng.uniform(math.log(low), math.log(high)))
    cents = max(1, int(round(x * 100)))
    if rng.random() < 0.3:
        cents = max(100, cents // 100 * 100)  # whole units too
    return Fraction(cents, 100)


class Question:
    """A random funnel and a plan and a forecast question on it, each held
    as the texts a user writes and as exact values."""

    def __init__(self, rng):
        n = rng.randint(1, 6)
        while True:
            stages = [random_rate(rng) for _ in range(n)]
            cum = math.prod(r for _, r in stages)
            if cum >= Fraction(1, 10 ** 7):
                break
        names = rng.sample(NAME_POOL, n)
        self.stages = [(names[i], stages[i][0]) for i in range(n)]
        self.rates = [r for _, r in stages]
        self.per = rng.choice(PERIODS)
        self.cum = cum

        # Plan: keep every required count below ~1e10, far inside 2^53 and
        # far from where the ceiling's tolerance could blur an exact answer.
        max_deals = min(Fraction(10 ** 6), Fraction(10 ** 10) * cum / (n + 1))
        self.deal_size = random_cents(rng, 1, 100000) if rng.random() < 0.8 else None
        if self.deal_size is not None and rng.random() < 0.6:
            target_deals = Fraction(math.exp(rng.uniform(math.log(1e-3),
                                                         math.log(float(max_deals)))))
            cents = max(1, round(target_deals * self.deal_size * 100))
            self.revenue = Fraction(cents, 100)
            self.deals = None
            self.exact_deals = self.revenue / self.deal_size
        else:
            self.revenue = None
            if rng.random() < 0.5:
                d = rng.randint(1, max(1, int(max_deals)))
                self.deals = Fraction(d)
            else:
                hundredths = rng.randint(1, max(1, int(max_deals * 100)))
                self.deals = Fraction(hundredths, 100)
            self.exact_deals = self.deals
        self.cost_per_lead = None
        if rng.random() < 0.4:
            self.cost_per_lead = (Fraction(0) if rng.random() < 0.1
                                  else random_cents(rng, 0.01, 500))
        self.margin = None
        self.margin_text = None
        if rng.random() < 0.3:
            self.margin_text, self.margin = random_rate(rng)

        # Forecast
        self.at = rng.randrange(n) if rng.random() < 0.5 else 0
        self.volume = random_cents(rng, 0.01, 1e9)
        kind = rng.random()
        self.target_revenue = self.target_deals = None
        if kind < 0.3 and self.deal_size is not None:
            self.target_revenue = random_cents(rng, 1, 1e9)
        elif kind < 0.6:
            self.target_deals = random_cents(rng, 0.01, 1e6)
        self.fc_cost = self.cost_per_lead if self.at == 0 else None

        # Texts, drawn once so the Python and CLI runs see the same strings.
        self.texts = {}
        for key in ("deal_size", "revenue", "deals", "cost_per_lead", "volume",
                    "target_revenue", "target_deals"):
            value = getattr(self, key)
            if value is not None:
                self.texts[key] = amount_text(rng, value)
        if self.margin is not None:
            self.texts["margin"] = self.margin_text
        # Defaults on the funnel, or keywords on the call (which override).
        self.deal_size_on_funnel = rng.random() < 0.5

    def describe(self):
        return ("stages=%r per=%s texts=%r at=%d" % (self.stages, self.per, self.texts, self.at))

    def funnel(self):
        kw = {}
        if self.deal_size is not None and self.deal_size_on_funnel:
            kw["deal_size"] = self.texts["deal_size"]
        return funnelplan.Funnel(self.stages, **kw)

    def _common_kwargs(self, cost):
        kw = {"per": self.per}
        if self.deal_size is not None and not self.deal_size_on_funnel:
            kw["deal_size"] = self.texts["deal_size"]
        if cost is not None:
            kw["cost_per_lead"] = self.texts["cost_per_lead"]
        if self.margin is not None:
            kw["margin"] = self.texts["margin"]
        return kw

    def plan_kwargs(self):
        kw = self._common_kwargs(self.cost_per_lead)
        if self.revenue is not None:
            kw["revenue"] = self.texts["revenue"]
        else:
            kw["deals"] = self.texts["deals"]
        return kw

    def forecast_kwargs(self):
        kw = self._common_kwargs(self.fc_cost)
        kw["volume"] = self.texts["volume"]
        kw["at"] = self.stages[self.at][0]
        if self.target_revenue is not None:
            kw["revenue"] = self.texts["target_revenue"]
        elif self.target_deals is not None:
            kw["deals"] = self.texts["target_deals"]
        return kw

    def exact_plan(self):
        return exact_plan(self.rates, self.exact_deals, self.per, revenue=self.revenue,
                          deal_size=self.deal_size, cost_per_lead=self.cost_per_lead,
                          margin=self.margin)

    def exact_forecast(self):
        return exact_forecast(self.rates, self.volume, self.at, self.per,
                              deal_size=self.deal_size, cost_per_lead=self.fc_cost,
                              margin=self.margin, target_revenue=self.target_revenue,
                              target_deals=self.target_deals)

    def _cli_common(self, cost):
        args = []
        for name, rate in self.stages:
            args += ["--stage", "%s=%s" % (name, rate)]
        if self.deal_size is not None:
            args += ["--deal-size", self.texts["deal_size"]]
        if cost is not None:
            args += ["--cost-per-lead", self.texts["cost_per_lead"]]
        if self.margin is not None:
            args += ["--margin", self.texts["margin"]]
        args += ["--per", self.per, "--format", "json"]
        return args

    def plan_cli_args(self):
        args = ["plan"] + self._cli_common(self.cost_per_lead)
        if self.revenue is not None:
            args += ["--revenue", self.texts["revenue"]]
        else:
            args += ["--deals", self.texts["deals"]]
        return args

    def forecast_cli_args(self):
        args = ["forecast"] + self._cli_common(self.fc_cost)
        args += ["--volume", self.texts["volume"], "--at", self.stages[self.at][0]]
        if self.target_revenue is not None:
            args += ["--revenue", self.texts["target_revenue"]]
        elif self.target_deals is not None:
            args += ["--deals", self.texts["target_deals"]]
        return args


def questions(seed, count):
    rng = random.Random(seed)
    return [Question(rng) for _ in range(count)]

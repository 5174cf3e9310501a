# funnelplan — exact references for `schedule` and `pace` (fractions.Fraction).
# SPDX-License-Identifier: MIT
"""Exact references for ``Funnel.schedule()`` and ``Funnel.pace()`` (and
the CLI's ``schedule``/``pace`` JSON), from the formulas of SPEC.md, the
issue and the headers, computed in exact rationals from the decimal values a
user writes: lags in days are days / 30.436875 exactly, fractional lags split
a month's need exactly, and so on. Not a test module itself.

Each reference returns the JSON object the command prints with Fractions in
place of numbers; :func:`mismatches` compares a ``to_dict()`` with it to a
relative 1e-12. Where a double must lose digits to cancellation (plan −
actual, target − won), the reference gives the scale the error is relative
to (:class:`Scaled`); where a status sits within rounding of a threshold,
it accepts either answer (:data:`EITHER`).
"""

import calendar
import datetime
import math
import random
from fractions import Fraction as Fr

DAYS_PER_MONTH = Fr("30.436875")
MONTHS = {"month": 1, "quarter": 3, "year": 12}
PERIODS = ("month", "quarter", "year")
REL = Fr(1, 10 ** 12)


class Scaled:
    """An exact value whose double may be off by REL of ``scale`` (not of itself)."""

    def __init__(self, value, scale):
        self.value = Fr(value)
        self.scale = abs(Fr(scale))

    def __repr__(self):
        return "Scaled(%s, scale %s)" % (float(self.value), float(self.scale))


class _Either:
    """Any value is accepted (a status within rounding of a threshold)."""

    def __repr__(self):
        return "EITHER"


EITHER = _Either()


def ceil(x):
    return -((-x.numerator) // x.denominator)


def floor(x):
    return x.numerator // x.denominator


def month_label(index):
    """'YYYY-MM' of a month index year * 12 + month - 1."""
    return "%04d-%02d" % (index // 12, index % 12 + 1)


# ---------------------------------------------------------------------------
# schedule


def exact_schedule(names, rates, per, start, months, deals=None, revenue=None, deal_size=None,
                   weights=None, monthly=None, lags=None, reps=None, quota=None,
                   attainment=None):
    """The schedule object. ``start`` (year, month); ``lags`` exact months
    per stage; ``monthly`` ("deals"|"revenue", values); ``weights`` 12
    Fractions, January first."""
    n = len(rates)
    lags = list(lags) if lags is not None else [Fr(0)] * n
    first = start[0] * 12 + start[1] - 1
    if monthly is not None:
        kind, values = monthly
        month_deals = [v / deal_size if kind == "revenue" else Fr(v) for v in values]
    else:
        per_period = revenue / deal_size if revenue is not None else deals
        span = per_period / MONTHS[per] * months
        w = [weights[(first + t) % 12] if weights is not None else Fr(1)
             for t in range(months)]
        month_deals = [span * x / sum(w) for x in w]
    total_deals = sum(month_deals)
    lead = sum(ceil(x) for x in lags)
    count = lead + months
    entering = [[Fr(0)] * count for _ in range(n)]
    for i in reversed(range(n)):
        whole = floor(lags[i])
        frac = lags[i] - whole
        for row in range(count):
            u = row - lead
            if i == n - 1:
                need = month_deals[u] if u >= 0 else Fr(0)
            else:
                need = entering[i + 1][row]
            if need:
                amount = need / rates[i]
                entering[i][row - whole] += amount * (1 - frac)
                if frac:
                    entering[i][row - whole - 1] += amount * frac
    totals = [sum(e) for e in entering]
    has_size = deal_size is not None
    rows = []
    for row in range(count):
        u = row - lead
        d = month_deals[u] if u >= 0 else Fr(0)
        r = {"month": month_label(first - lead + row), "in_span": u >= 0,
             "share": d / total_deals, "deals": d,
             "revenue": d * deal_size if has_size else None,
             "entering": [entering[i][row] for i in range(n)]}
        if reps is not None:
            r["deals_per_rep"] = d / reps
            r["entering_per_rep"] = [entering[i][row] / reps for i in range(n)]
        rows.append(r)
    out = {"command": "schedule", "per": per, "start": month_label(first), "months": months,
           "lead_months": lead, "total_lag": sum(lags), "deals": total_deals,
           "revenue": total_deals * deal_size if has_size else None,
           "deal_size": deal_size if has_size else None,
           "seasonality": list(weights) if weights is not None and monthly is None else None,
           "monthly": (None if monthly is None else
                       {"kind": monthly[0], "values": list(monthly[1])}),
           "stages": [{"name": names[i], "rate": rates[i], "lag_months": lags[i],
                       "lag_days": lags[i] * DAYS_PER_MONTH, "total": totals[i]}
                      for i in range(n)],
           "rows": rows, "reps": reps, "quota": quota,
           "attainment": None if quota is None else (attainment or Fr(1)),
           "reps_needed": None, "reps_needed_whole": None, "velocity": None}
    if quota is not None:
        per_period = total_deals * deal_size / months * MONTHS[per]
        needed = per_period / (quota * (attainment or Fr(1)))
        out["reps_needed"] = needed
        out["reps_needed_whole"] = ceil(needed)
    if has_size and lags[n - 1] > 0:
        opportunities = totals[n - 1] / months
        cycle = lags[n - 1] * DAYS_PER_MONTH
        out["velocity"] = {"per_day": opportunities * rates[n - 1] * deal_size / cycle,
                           "opportunities_per_month": opportunities,
                           "win_rate": rates[n - 1], "deal_size": deal_size,
                           "cycle_days": cycle}
    return out


# ---------------------------------------------------------------------------
# pace


def exact_elapsed(start, as_of, per):
    """Days from start to as_of, both counted, over the days of the period
    beginning at start (a start on the 31st runs to the end of a shorter
    month); None when as_of is outside the period."""
    index = start.year * 12 + start.month - 1 + MONTHS[per]
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        end = datetime.date(year, month, start.day)
    else:
        end = datetime.date(year, month, last) + datetime.timedelta(days=1)
    done = (as_of - start).days + 1
    length = (end - start).days
    if done < 1 or done > length:
        return None
    return Fr(done, length)


def _status(att, at_risk, off_track):
    for th in (at_risk, off_track):
        if abs(att - th) <= REL * th:
            return EITHER
    return "on track" if att >= at_risk else "at risk" if att >= off_track else "off track"


def _pace_row(plan, actual, e, reps, at_risk, off_track):
    r = {"plan": plan, "plan_to_date": plan * e, "actual": actual, "attainment": None,
         "projection": None, "projected_attainment": None, "still_needed": None,
         "needed_rate": None, "catch_up": None, "status": None}
    if actual is not None:
        r["attainment"] = actual / (plan * e)
        r["projection"] = actual / e
        r["projected_attainment"] = actual / e / plan
        still = max(Fr(0), plan - actual)
        scale = max(plan, actual)  # plan - actual loses digits when they are close
        r["still_needed"] = Scaled(still, scale)
        if e < 1:
            r["needed_rate"] = Scaled(still / (1 - e), scale / (1 - e))
            r["catch_up"] = Scaled(still / (1 - e) / plan, scale / (1 - e) / plan)
        r["status"] = _status(r["attainment"], at_risk, off_track)
    if reps is not None:
        r["plan_per_rep"] = plan / reps
        r["actual_per_rep"] = None if actual is None else actual / reps
        r["needed_rate_per_rep"] = (None if r["needed_rate"] is None else
                                    Scaled(r["needed_rate"].value / reps,
                                           r["needed_rate"].scale / reps))
    return r


def _ceil(q):
    """A tolerant ceiling of an exact value the library holds as a double:
    exact for an integer, EITHER within 1e-9 of one (the double may fall
    on either side), else the ceiling."""
    if q is EITHER:
        return EITHER
    if q.denominator == 1:
        return int(q)
    if abs(q - round(q)) <= Fr(1, 10 ** 9) * max(abs(q), 1):
        return EITHER
    return math.ceil(q)


def _minus(whole, actual):
    return EITHER if whole is EITHER else whole - actual


def _whole_plan(target, rates):
    """deals_whole and each stage's required_whole, top first (SPEC.md)."""
    below = _ceil(target)
    deals_whole = below
    out = []
    for rate in reversed(rates):
        below = _ceil(Fr(below) / rate) if below is not EITHER else EITHER
        out.append(below)
    return deals_whole, out[::-1]


def _pace_left(row, plan_whole, months, e):
    """The keys pace adds after a row's others: whole units still needed
    (plan_whole None: revenue, no whole count) and per month left."""
    actual = row["actual"]
    left = {"plan_whole": None, "still_needed_whole": None, "needed_per_month": None,
            "needed_per_month_whole": None}
    if actual is None:
        return left
    months_left = months * (1 - e)
    if plan_whole is not None:
        left["plan_whole"] = plan_whole
        still = _minus(plan_whole, actual)
        left["still_needed_whole"] = (EITHER if still is EITHER else
                                      _ceil(still) if still > 0 else 0)
    if e < 1:
        still = row["still_needed"]
        loss = Fr(months) / months_left  # months - months * e loses digits near the end
        left["needed_per_month"] = Scaled(still.value / months_left,
                                          still.scale / months_left * loss)
        whole = left["still_needed_whole"]
        if plan_whole is not None:
            left["needed_per_month_whole"] = (EITHER if whole is EITHER else
                                              _ceil(Fr(whole) / months_left))
    return left


def exact_pace(names, rates, per, elapsed, deals=None, revenue=None, deal_size=None,
               actual=None, actual_deals=None, actual_revenue=None, open_=None, lags=None,
               at_risk=None, off_track=None, reps=None):
    """The pace object. ``actual``/``open_`` map a stage index to a count."""
    n = len(rates)
    actual = actual or {}
    open_ = open_ or {}
    lags = list(lags) if lags is not None else [Fr(0)] * n
    at_risk = Fr("0.95") if at_risk is None else at_risk
    off_track = Fr("0.80") if off_track is None else off_track
    target = revenue / deal_size if revenue is not None else deals
    cum = [math.prod(rates[i:], start=Fr(1)) for i in range(n)]
    deals_whole, stages_whole = _whole_plan(target, rates)
    stages = []
    for i in range(n):
        s = {"name": names[i], "rate": rates[i], "cumulative_rate": cum[i]}
        s.update(_pace_row(target / cum[i], actual.get(i), elapsed, reps, at_risk, off_track))
        s["implied_deals"] = actual[i] * cum[i] if i in actual else None
        s.update(_pace_left(s, stages_whole[i], MONTHS[per], elapsed))
        stages.append(s)
    deals_row = _pace_row(target, actual_deals, elapsed, reps, at_risk, off_track)
    deals_row.update(_pace_left(deals_row, deals_whole, MONTHS[per], elapsed))
    out = {"command": "pace", "per": per, "elapsed": elapsed, "at_risk": at_risk,
           "off_track": off_track, "stages": stages, "deals": deals_row,
           "revenue": None, "warning": None, "coverage": None, "reps": reps,
           "months_left": Scaled(MONTHS[per] * (1 - elapsed), MONTHS[per])}
    if deal_size is not None:
        plan_revenue = revenue if revenue is not None else target * deal_size
        out["revenue"] = _pace_row(plan_revenue, actual_revenue, elapsed, reps, at_risk,
                                   off_track)
        out["revenue"].update(_pace_left(out["revenue"], None, MONTHS[per], elapsed))
    for i in range(n):
        status = stages[i]["status"]
        if status is EITHER:
            out["warning"] = EITHER  # which stage is first off track is a matter of rounding
            break
        if status == "off track":
            out["warning"] = {"stage": names[i], "months": sum(lags[i:])}
            break
    if open_:
        units = sum(open_.values())
        expected = sum(v * cum[i] for i, v in open_.items())
        # deals so far: the deals won, or else revenue so far / deal size
        if actual_deals is not None:
            won = actual_deals
        elif actual_revenue is not None:
            won = actual_revenue / deal_size
        else:
            won = Fr(0)
        still = max(Fr(0), target - won)
        cov = {"open": [{"stage": names[i], "units": open_[i]} for i in sorted(open_)],
               "open_units": units, "open_deals": expected,
               "still_to_close": Scaled(still, max(target, won)),
               "raw": None, "weighted": None, "required": None}
        if still > 0:
            loss = max(target, won) / still
            cov["raw"] = Scaled(units / still, units / still * loss)
            cov["weighted"] = Scaled(expected / still, expected / still * loss)
        if expected > 0:
            cov["required"] = units / expected
        out["coverage"] = cov
    return out


# ---------------------------------------------------------------------------
# Comparing


def mismatches(got, want, path="$"):
    """Every difference between a to_dict() and an exact reference: same keys
    in the same order, the same None/bool/str/int, numbers within REL."""
    out = []
    if want is EITHER:
        return out
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return ["%s: %r, want an object" % (path, got)]
        if list(got) != list(want):
            return ["%s: keys %r, want %r" % (path, list(got), list(want))]
        for key in want:
            out += mismatches(got[key], want[key], "%s.%s" % (path, key))
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return ["%s: %r, want a list of %d" % (path, got, len(want))]
        for k, (a, b) in enumerate(zip(got, want)):
            out += mismatches(a, b, "%s[%d]" % (path, k))
        return out
    if want is None or isinstance(want, (bool, str)):
        if got is want or (type(got) is type(want) and got == want):
            return out
        return ["%s: %r, want %r" % (path, got, want)]
    if isinstance(want, int):
        if type(got) is not int or got != want:
            return ["%s: %r, want the integer %d" % (path, got, want)]
        return out
    scale = None
    if isinstance(want, Scaled):
        want, scale = want.value, want.scale
    if not isinstance(got, float):
        return ["%s: %r, want a float near %r" % (path, got, float(want))]
    if not close(got, want, scale):
        return ["%s: %r, want %r (%s)" % (path, got, float(want), want)]
    return out


def close(got, exact, scale=None):
    """Within REL of ``exact`` relative to ``scale`` (default |exact|); an
    exact zero must be zero."""
    exact = Fr(exact)
    if scale is None:
        scale = abs(exact)
    if scale == 0:
        return got == 0
    if not math.isfinite(got):
        return False
    return abs(Fr(got) - exact) <= REL * scale


# ---------------------------------------------------------------------------
# Random questions, held as the texts a user writes and as exact values

NAMES = ("lead", "MQL", "SQL", "opportunity", "proposal", "möte", "商机", "demo booked",
         "x=y", "Ω")


def random_rate(rng, low=1):
    """(text, exact) of a stage rate: a percent, a one-decimal percent or a ratio."""
    kind = rng.random()
    if kind < 0.4:
        p = rng.randint(max(1, low), 100)
        return "%d%%" % p, Fr(p, 100)
    if kind < 0.7:
        t = rng.randint(max(1, low) * 10, 1000)
        return "%d.%d%%" % divmod(t, 10), Fr(t, 1000)
    b = rng.randint(1, 12)
    a = rng.randint(1, b)
    return "%d/%d" % (a, b), Fr(a, b)


def random_lag(rng):
    """(text, exact months) of a lag from 0 to about 4 months: whole months,
    decimal months, whole days, weeks, or 0."""
    kind = rng.random()
    if kind < 0.2:
        return "0", Fr(0)
    if kind < 0.4:
        m = rng.randint(0, 4)
        return "%dm" % m, Fr(m)
    if kind < 0.6:
        t = rng.randint(1, 40)  # tenths of a month
        return "%d.%dm" % divmod(t, 10), Fr(t, 10)
    if kind < 0.75:
        m = rng.choice([Fr(1, 4), Fr(1, 2), Fr(3, 4), Fr(5, 4), Fr(9, 4), Fr(7, 2)])
        return "%sm" % (float(m),), m
    if kind < 0.93:
        d = rng.randint(1, 121)
        return rng.choice(["%d", "%dd"]) % d, Fr(d) / DAYS_PER_MONTH
    w = rng.randint(1, 17)
    return "%dw" % w, Fr(7 * w) / DAYS_PER_MONTH


class Funnel:
    """A random funnel of 1 to 5 stages: names, rate texts and exact rates."""

    def __init__(self, rng, most=5):
        n = rng.randint(1, most)
        self.names = rng.sample(NAMES, n)
        picked = [random_rate(rng) for _ in range(n)]
        self.texts = [t for t, _ in picked]
        self.rates = [r for _, r in picked]

    def stages(self):
        return list(zip(self.names, self.texts))

    def stage_args(self):
        args = []
        for name, text in self.stages():
            args += ["--stage", "%s=%s" % (name, text)]
        return args


def _decimal(rng, low_cents, high_cents):
    cents = rng.randint(low_cents, high_cents)
    return "%d.%02d" % divmod(cents, 100), Fr(cents, 100)


class ScheduleCase:
    """A random schedule question: kwargs for Funnel.schedule(), CLI
    arguments and the exact reference, from the same texts."""

    def __init__(self, rng):
        self.funnel = Funnel(rng)
        n = len(self.funnel.rates)
        self.per = rng.choice(PERIODS)
        self.start = (rng.randint(1990, 2100), rng.randint(1, 12))
        self.months = rng.randint(1, 36)
        self.kw = {"per": self.per}
        self.args = ["schedule"] + self.funnel.stage_args() + [
            "--per", self.per, "--start", "%04d-%02d" % self.start,
            "--months", str(self.months)]
        self.ref = {"per": self.per, "start": self.start, "months": self.months}
        self.deal_size = None
        if rng.random() < 0.7:
            text, self.deal_size = _decimal(rng, 100, 10 ** 7)
            self.kw["deal_size"] = text
            self.args += ["--deal-size", text]
            self.ref["deal_size"] = self.deal_size
        kind = rng.random()
        if kind < 0.2:
            # a target per month
            values = [Fr(rng.randint(0, 5000), 100) for _ in range(self.months)]
            if not any(values):
                values[rng.randrange(self.months)] = Fr(1)
            key = "revenue" if self.deal_size is not None and rng.random() < 0.5 else "deals"
            text = ",".join(_plain(v) for v in values)
            self.kw["monthly_" + key] = (text if rng.random() < 0.5 else
                                         [rng.choice([float(v), _plain(v)]) for v in values])
            self.args += ["--monthly-" + key, text]
            self.ref["monthly"] = (key, values)
        else:
            if self.deal_size is not None and rng.random() < 0.5:
                text, value = _decimal(rng, 10 ** 4, 10 ** 11)
                self.kw["revenue"] = text
                self.args += ["--revenue", text]
                self.ref["revenue"] = value
            else:
                text, value = _decimal(rng, 1, 10 ** 6)
                self.kw["deals"] = text
                self.args += ["--deals", text]
                self.ref["deals"] = value
            if rng.random() < 0.6:
                weights = [Fr(rng.randint(0, 20)) / rng.choice([1, 2, 10]) for _ in range(12)]
                first = self.start[0] * 12 + self.start[1] - 1
                if not any(weights[(first + t) % 12] for t in range(self.months)):
                    weights[self.start[1] - 1] = Fr(1)
                text = ",".join(_plain(w) for w in weights)
                self.kw["seasonality"] = (text if rng.random() < 0.5 else
                                          [float(w) for w in weights])
                self.args += ["--seasonality", text]
                self.ref["weights"] = weights
        lags = [Fr(0)] * n
        given = {}
        for i in range(n):
            if rng.random() < 0.75:
                text, lags[i] = random_lag(rng)
                given[self.funnel.names[i]] = text
                self.args += ["--lag", "%s=%s" % (self.funnel.names[i], text)]
        if given:
            self.kw["lags"] = given
        self.ref["lags"] = lags
        if rng.random() < 0.3:
            reps = rng.randint(1, 40)
            self.kw["reps"] = reps
            self.args += ["--reps", str(reps)]
            self.ref["reps"] = Fr(reps)
        if self.deal_size is not None and rng.random() < 0.3:
            text, quota = _decimal(rng, 10 ** 5, 10 ** 9)
            self.kw["quota"] = text
            self.args += ["--quota", text]
            self.ref["quota"] = quota
            if rng.random() < 0.6:
                p = rng.randint(1, 100)
                self.kw["attainment"] = "%d%%" % p
                self.args += ["--attainment", "%d%%" % p]
                self.ref["attainment"] = Fr(p, 100)
        self.args += ["--format", "json"]

    def exact(self):
        return exact_schedule(self.funnel.names, self.funnel.rates, **self.ref)


class PaceCase:
    """A random pace question, as ScheduleCase."""

    def __init__(self, rng):
        self.funnel = Funnel(rng)
        names = self.funnel.names
        n = len(names)
        self.per = rng.choice(PERIODS)
        self.kw = {"per": self.per}
        self.args = ["pace"] + self.funnel.stage_args() + ["--per", self.per]
        self.ref = {"per": self.per}
        if rng.random() < 0.7:
            text, self.ref["deal_size"] = _decimal(rng, 100, 10 ** 7)
            self.kw["deal_size"] = text
            self.args += ["--deal-size", text]
        if "deal_size" in self.ref and rng.random() < 0.5:
            text, self.ref["revenue"] = _decimal(rng, 10 ** 4, 10 ** 11)
            self.kw["revenue"] = text
            self.args += ["--revenue", text]
            target = self.ref["revenue"] / self.ref["deal_size"]
        else:
            text, self.ref["deals"] = _decimal(rng, 100, 10 ** 6)
            self.kw["deals"] = text
            self.args += ["--deals", text]
            target = self.ref["deals"]
        if rng.random() < 0.25:
            year, month = rng.randint(1990, 2100), rng.randint(1, 12)
            day = rng.choice([1, 1, 1, rng.randint(2, 31)])
            start = datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))
            length = exact_elapsed(start, start, self.per).denominator
            as_of = start + datetime.timedelta(days=rng.randint(0, 400) % max(1, length))
            e = exact_elapsed(start, as_of, self.per)
            self.kw.update(start=start.isoformat(), as_of=(as_of if rng.random() < 0.5
                                                           else as_of.isoformat()))
            self.args += ["--start", start.isoformat(), "--as-of", as_of.isoformat()]
        else:
            kind = rng.random()
            if kind < 0.4:
                d = rng.randint(1, 31)
                k = rng.randint(1, d)
                text, e = "%d/%d" % (k, d), Fr(k, d)
            elif kind < 0.9:
                p = rng.randint(1, 100)
                text, e = "%d%%" % p, Fr(p, 100)
            else:
                text, e = "100%", Fr(1)
            self.kw["elapsed"] = text
            self.args += ["--elapsed", text]
        self.ref["elapsed"] = e
        cum = [math.prod(self.funnel.rates[i:], start=Fr(1)) for i in range(n)]
        actual = {}
        for i in range(n):
            if rng.random() < 0.7:
                # around the plan to date, so every status turns up
                due = target / cum[i] * e
                v = Fr(round(due * Fr(rng.randint(0, 160), 100) * 100), 100)
                actual[i] = v
        if actual:
            self.kw["actual"] = {names[i]: _plain(v) if rng.random() < 0.5 else float(v)
                                 for i, v in actual.items()}
            for i, v in actual.items():
                self.args += ["--actual", "%s=%s" % (names[i], _plain(v))]
        self.ref["actual"] = actual
        if rng.random() < 0.7:
            v = Fr(round(target * e * Fr(rng.randint(0, 150), 100) * 100), 100)
            if abs(target - v) < target / 1000:
                v = target / 2 if v < target else target * 2  # keep clear of target - won ~ 0
                v = Fr(round(v * 100), 100)
            self.kw["actual_deals"] = _plain(v)
            self.args += ["--actual-deals", _plain(v)]
            self.ref["actual_deals"] = v
        if "deal_size" in self.ref and rng.random() < 0.5:
            plan_revenue = self.ref.get("revenue") or target * self.ref["deal_size"]
            v = Fr(round(plan_revenue * e * Fr(rng.randint(0, 150), 100) * 100), 100)
            self.kw["actual_revenue"] = float(v)
            self.args += ["--actual-revenue", _plain(v)]
            self.ref["actual_revenue"] = v
        open_ = {}
        if rng.random() < 0.5:
            for i in range(n):
                if rng.random() < 0.6:
                    open_[i] = Fr(rng.randint(0, 5000))
            if open_:
                self.kw["open"] = [(names[i], int(v)) for i, v in open_.items()]
                for i, v in open_.items():
                    self.args += ["--open", "%s=%s" % (names[i], _plain(v))]
        self.ref["open_"] = open_
        lags = [Fr(0)] * n
        given = {}
        for i in range(n):
            if rng.random() < 0.5:
                text, lags[i] = random_lag(rng)
                given[names[i]] = text
                self.args += ["--lag", "%s=%s" % (names[i], text)]
        if given:
            self.kw["lags"] = given
        self.ref["lags"] = lags
        if rng.random() < 0.3:
            hi = rng.randint(50, 150)
            lo = rng.randint(10, hi)
            self.kw.update(at_risk="%d%%" % hi, off_track="%d%%" % lo)
            self.args += ["--at-risk", "%d%%" % hi, "--off-track", "%d%%" % lo]
            self.ref.update(at_risk=Fr(hi, 100), off_track=Fr(lo, 100))
        if rng.random() < 0.3:
            reps = rng.randint(1, 40)
            self.kw["reps"] = str(reps)
            self.args += ["--reps", str(reps)]
            self.ref["reps"] = Fr(reps)
        self.args += ["--format", "json"]

    def exact(self):
        return exact_pace(self.funnel.names, self.funnel.rates, **self.ref)


def _plain(value):
    """An exact decimal Fraction as plain decimal text ('12.5', '3'), never
    one that reads two ways: 97.398 (a European thousands point) is
    written 97.3980."""
    value = Fr(value)
    if value.denominator == 1:
        return str(value.numerator)
    digits = 0
    while (value * 10 ** digits).denominator != 1:
        digits += 1
    text = str((value * 10 ** digits).numerator).rjust(digits + 1, "0")
    whole = text[:-digits]
    return whole + "." + text[-digits:] + ("0" if digits == 3 and whole != "0" else "")


def schedule_cases(seed, count):
    rng = random.Random(seed)
    return [ScheduleCase(rng) for _ in range(count)]


def pace_cases(seed, count):
    rng = random.Random(seed)
    return [PaceCase(rng) for _ in range(count)]

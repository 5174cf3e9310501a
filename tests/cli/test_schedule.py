"""Tests of `funnelplan schedule` and `funnelplan pace`.

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) comes from
test_cli.py, as in test_whatif.py and test_channels.py. The exact reference
is computed here with fractions.Fraction, and written differently from the
library: a month's deals are sent up the funnel through the convolution of
the lags below each stage (a lag of w + f months puts 1 - f of the volume w
months earlier and f one month more), instead of stage by stage. Good
argument lists are checked against it key by key (the order of the keys
too); bad ones must exit 2 with exactly one line on stderr,
`funnelplan: OPTION 'VALUE': MESSAGE` (or `funnelplan: COMMAND: MESSAGE`
when no single value is wrong), and print nothing on stdout.
"""

import csv
import io
import math
import os
import re
import unittest
from fractions import Fraction as Fr

import test_cli as base
from test_cli import Whole, run

MONTHS = {"month": 1, "quarter": 3, "year": 12}
DPM = Fr("30.436875")  # days in the average month: 365.2425 / 12


def prod(values):
    out = Fr(1)
    for v in values:
        out *= v
    return out


def month_add(ym, k):
    idx = ym[0] * 12 + (ym[1] - 1) + k
    return (idx // 12, idx % 12 + 1)


def mtext(ym):
    return "%04d-%02d" % ym


def stage_args(stages):
    out = []
    for name, rate in stages:
        out += ["--stage", "%s=%d/%d" % (name, rate.numerator, rate.denominator)]
    return out


def fr(x):
    return None if x is None else Fr(x)


def num_text(x):
    """A number as the CLI reads it exactly: whole, or decimal digits."""
    x = Fr(x)
    if x.denominator == 1:
        return str(x.numerator)
    text = "%.17g" % float(x)
    assert Fr(text) == x, x
    return text


def lag_text(lag):
    """A lag in months as the CLI reads it exactly: N/Dm is not a form, so
    whole and decimal months only (the tests use such lags)."""
    if lag.denominator == 1:
        return "%dm" % lag.numerator
    text = "%.10g" % float(lag)
    assert Fr(text) == lag, lag
    return text + "m"


# --------------------------------------------------------------------------
# Reference: schedule


def kernel(lag):
    """Where a month's volume goes, lag months back: {months back: share}."""
    whole = math.floor(lag)
    frac = lag - whole
    return {whole: Fr(1)} if frac == 0 else {whole: 1 - frac, whole + 1: frac}


def convolve(a, b):
    out = {}
    for ka, va in a.items():
        for kb, vb in b.items():
            out[ka + kb] = out.get(ka + kb, Fr(0)) + va * vb
    return out


def ref_schedule(stages, per, start, months=12, deals=None, revenue=None, deal_size=None,
                 weights=None, monthly=None, lags=None, reps=None, quota=None,
                 attainment=None):
    names = [s[0] for s in stages]
    rates = [s[1] for s in stages]
    n = len(stages)
    deals, revenue, deal_size = fr(deals), fr(revenue), fr(deal_size)
    reps, quota, attainment = fr(reps), fr(quota), fr(attainment)
    lags = list(lags) if lags is not None else [Fr(0)] * n
    lead = sum(math.ceil(lag) for lag in lags)
    if monthly is not None:
        kind, values = monthly[0], [Fr(v) for v in monthly[1]]
        md = [v / deal_size if kind == "revenue" else v for v in values]
    else:
        per_period = revenue / deal_size if revenue is not None else deals
        span = per_period * months / MONTHS[per]
        w = [weights[(start[1] - 1 + t) % 12] if weights else Fr(1) for t in range(months)]
        md = [span * x / sum(w) for x in w]
    rows = lead + months
    cum = [prod(rates[i:]) for i in range(n)]
    entering = [[Fr(0)] * rows for _ in range(n)]
    for i in range(n):
        k = {0: Fr(1)}
        for j in range(i, n):
            k = convolve(k, kernel(lags[j]))
        for t in range(months):
            for back, share in k.items():
                if share:
                    entering[i][lead + t - back] += md[t] / cum[i] * share
    total_deals = sum(md)
    has_size = deal_size is not None
    out_rows = []
    for r in range(rows):
        u = r - lead
        d = md[u] if u >= 0 else Fr(0)
        row = {"month": mtext(month_add(start, u)), "in_span": u >= 0,
               "share": d / total_deals if u >= 0 else Fr(0), "deals": d,
               "revenue": d * deal_size if has_size else None,
               "entering": [entering[i][r] for i in range(n)]}
        if reps is not None:
            row["deals_per_rep"] = d / reps
            row["entering_per_rep"] = [entering[i][r] / reps for i in range(n)]
        out_rows.append(row)
    revenue_span = total_deals * deal_size if has_size else None
    reps_needed = None
    if quota is not None:
        att = attainment if attainment is not None else Fr(1)
        reps_needed = revenue_span / months * MONTHS[per] / (quota * att)
    velocity = None
    if has_size and lags[-1] > 0:
        opportunities = sum(entering[-1]) / months
        cycle = lags[-1] * DPM
        velocity = {"per_day": opportunities * rates[-1] * deal_size / cycle,
                    "opportunities_per_month": opportunities, "win_rate": rates[-1],
                    "deal_size": deal_size, "cycle_days": cycle}
    return {
        "command": "schedule", "per": per, "start": mtext(start), "months": Whole(months),
        "lead_months": Whole(lead), "total_lag": sum(lags), "deals": total_deals,
        "revenue": revenue_span, "deal_size": deal_size,
        "seasonality": list(weights) if weights else None,
        "monthly": None if monthly is None else {"kind": monthly[0], "values": list(monthly[1])},
        "stages": [{"name": names[i], "rate": rates[i], "lag_months": lags[i],
                    "lag_days": lags[i] * DPM, "total": sum(entering[i])} for i in range(n)],
        "rows": out_rows,
        "reps": reps,
        "quota": quota,
        "attainment": (attainment if attainment is not None else Fr(1)) if quota else None,
        "reps_needed": reps_needed,
        "reps_needed_whole": Whole(math.ceil(reps_needed)) if reps_needed is not None else None,
        "velocity": velocity,
    }


def schedule_args(stages, per, start, months=None, deals=None, revenue=None, deal_size=None,
                  weights=None, monthly=None, lags=None, reps=None, quota=None,
                  attainment=None, fmt="json"):
    a = ["schedule"] + stage_args(stages) + ["--per", per, "--start", mtext(start)]
    if months is not None:
        a += ["--months", str(months)]
    for opt, val in (("--deals", deals), ("--revenue", revenue), ("--deal-size", deal_size),
                     ("--reps", reps), ("--quota", quota)):
        if val is not None:
            a += [opt, num_text(val)]
    if attainment is not None:
        a += ["--attainment", "%d/%d" % (attainment.numerator, attainment.denominator)]
    if weights is not None:
        a += ["--seasonality", ",".join(num_text(w) for w in weights)]
    if monthly is not None:
        a += ["--monthly-" + monthly[0], ",".join(num_text(v) for v in monthly[1])]
    if lags is not None:
        for (name, _), lag in zip(stages, lags):
            a += ["--lag", "%s=%s" % (name, lag_text(lag))]
    return a + ["--format", fmt]


def ref_and_args(**kw):
    """The CLI arguments and the reference of one schedule question; the
    months default to 12 on both sides."""
    ref_kw = dict(kw)
    ref_kw.pop("fmt", None)
    if ref_kw.get("months") is None:
        ref_kw.pop("months", None)
    return schedule_args(**kw), ref_schedule(**ref_kw)


# --------------------------------------------------------------------------
# Reference: pace


def ref_row(plan, actual, e, th, reps):
    row = {"plan": plan, "plan_to_date": plan * e}
    if actual is None:
        row.update({"actual": None, "attainment": None, "projection": None,
                    "projected_attainment": None, "still_needed": None, "needed_rate": None,
                    "catch_up": None, "status": None})
    else:
        att = actual / (plan * e)
        still = max(Fr(0), plan - actual)
        needed = still / (1 - e) if e < 1 else None
        row.update({"actual": actual, "attainment": att, "projection": actual / e,
                    "projected_attainment": actual / e / plan, "still_needed": still,
                    "needed_rate": needed,
                    "catch_up": needed / plan if needed is not None else None,
                    "status": ("on track" if att >= th[0] else
                               "at risk" if att >= th[1] else "off track")})
    if reps is not None:
        row["plan_per_rep"] = plan / reps
        row["actual_per_rep"] = actual / reps if actual is not None else None
        row["needed_rate_per_rep"] = (row["needed_rate"] / reps
                                      if row["needed_rate"] is not None else None)
    return row


def ref_left(plan, plan_whole, actual, e, months_left):
    """What is still needed in whole units (plan_whole: the plan's whole
    count, None for revenue) and per month left (pace.h)."""
    if actual is None:
        return {"plan_whole": None, "still_needed_whole": None, "needed_per_month": None,
                "needed_per_month_whole": None}
    whole = None if plan_whole is None else Whole(max(0, math.ceil(plan_whole - actual)))
    per_month = max(Fr(0), plan - actual) / months_left if e < 1 else None
    return {"plan_whole": None if plan_whole is None else Whole(plan_whole),
            "still_needed_whole": whole,
            "needed_per_month": per_month,
            "needed_per_month_whole": (Whole(math.ceil(Fr(int(whole)) / months_left))
                                       if whole is not None and e < 1 else None)}


def whole_cascade(deals, rates):
    """deals_whole and every stage's required_whole, top first (SPEC.md)."""
    deals_whole = math.ceil(deals)
    out = []
    below = deals_whole
    for rate in reversed(rates):
        below = math.ceil(Fr(below) / rate)
        out.append(below)
    return deals_whole, out[::-1]


def ref_pace(stages, per, elapsed, deals=None, revenue=None, deal_size=None, actual=None,
             actual_deals=None, actual_revenue=None, open_=None, lags=None,
             at_risk=Fr(95, 100), off_track=Fr(80, 100), reps=None):
    names = [s[0] for s in stages]
    rates = [s[1] for s in stages]
    n = len(stages)
    deals, revenue, deal_size, reps = fr(deals), fr(revenue), fr(deal_size), fr(reps)
    actual_deals, actual_revenue = fr(actual_deals), fr(actual_revenue)
    actual = {k: Fr(v) for k, v in (actual or {}).items()}
    open_ = {k: Fr(v) for k, v in (open_ or {}).items()}
    lags = lags or {}
    target_deals = revenue / deal_size if revenue is not None else deals
    cum = [prod(rates[i:]) for i in range(n)]
    th = (at_risk, off_track)
    months_left = MONTHS[per] * (1 - elapsed)
    deals_whole, stages_whole = whole_cascade(target_deals, rates)
    out_stages = []
    warning = None
    for i in range(n):
        a = actual.get(names[i])
        s = {"name": names[i], "rate": rates[i], "cumulative_rate": cum[i]}
        s.update(ref_row(target_deals / cum[i], a, elapsed, th, reps))
        s["implied_deals"] = a * cum[i] if a is not None else None
        s.update(ref_left(target_deals / cum[i], stages_whole[i], a, elapsed, months_left))
        out_stages.append(s)
        if warning is None and s["status"] == "off track":
            warning = {"stage": names[i],
                       "months": sum((lags.get(names[j], Fr(0)) for j in range(i, n)), Fr(0))}
    coverage = None
    if open_:
        given = [(names[i], open_[names[i]]) for i in range(n) if names[i] in open_]
        units = sum(v for _, v in given)
        expected = sum(open_[names[i]] * cum[i] for i in range(n) if names[i] in open_)
        # deals so far: the deals won, or else revenue so far / deal size
        if actual_deals is not None:
            won = actual_deals
        elif actual_revenue is not None:
            won = actual_revenue / deal_size
        else:
            won = Fr(0)
        still = max(Fr(0), target_deals - won)
        coverage = {"open": [{"stage": k, "units": v} for k, v in given],
                    "open_units": units, "open_deals": expected, "still_to_close": still,
                    "raw": units / still if still > 0 else None,
                    "weighted": expected / still if still > 0 else None,
                    "required": units / expected if expected > 0 else None}
    rev = None
    if deal_size is not None:
        plan_revenue = revenue if revenue is not None else target_deals * deal_size
        rev = ref_row(plan_revenue, actual_revenue, elapsed, th, reps)
        rev.update(ref_left(plan_revenue, None, actual_revenue, elapsed, months_left))
    deals_row = ref_row(target_deals, actual_deals, elapsed, th, reps)
    deals_row.update(ref_left(target_deals, deals_whole, actual_deals, elapsed, months_left))
    return {"command": "pace", "per": per, "elapsed": elapsed, "at_risk": at_risk,
            "off_track": off_track, "stages": out_stages, "deals": deals_row,
            "revenue": rev, "warning": warning, "coverage": coverage, "reps": reps,
            "months_left": months_left}


def frac_text(x):
    return "%d/%d" % (x.numerator, x.denominator)


def pace_args(stages, per, elapsed, deals=None, revenue=None, deal_size=None, actual=None,
              actual_deals=None, actual_revenue=None, open_=None, lags=None, at_risk=None,
              off_track=None, reps=None, fmt="json"):
    a = ["pace"] + stage_args(stages) + ["--per", per, "--elapsed", frac_text(elapsed)]
    for opt, val in (("--deals", deals), ("--revenue", revenue), ("--deal-size", deal_size),
                     ("--actual-deals", actual_deals), ("--actual-revenue", actual_revenue),
                     ("--reps", reps)):
        if val is not None:
            a += [opt, num_text(val)]
    for opt, val in (("--at-risk", at_risk), ("--off-track", off_track)):
        if val is not None:
            a += [opt, frac_text(val)]
    for name, v in (actual or {}).items():
        a += ["--actual", "%s=%s" % (name, v)]
    for name, v in (open_ or {}).items():
        a += ["--open", "%s=%s" % (name, v)]
    for name, v in (lags or {}).items():
        a += ["--lag", "%s=%s" % (name, lag_text(v))]
    return a + ["--format", fmt]


def pace_case(**kw):
    ref_kw = {k: v for k, v in kw.items() if v is not None and k != "fmt"}
    return pace_args(**kw), ref_pace(**ref_kw)


# --------------------------------------------------------------------------

LEAD_OPP = [("lead", Fr(1, 10)), ("opportunity", Fr(1, 3))]
PACE_FUNNEL = [("lead", Fr(1, 10)), ("opportunity", Fr(1, 4))]


class ScheduleTestCase(base.CliTestCase):
    def assertMatches(self, got, want, path="$"):
        if isinstance(want, bool):
            self.assertIs(got, want, path)
        else:
            super().assertMatches(got, want, path)

    def check(self, args, want):
        got = self.json_of(args)
        self.assertMatches(got, want)
        return got

    def csv_rows(self, args):
        return list(csv.reader(io.StringIO(self.ok(args))))


class TestScheduleJson(ScheduleTestCase):
    def test_flat_year_with_whole_month_lags(self):
        # 10% of leads become opportunities a month later, a third of those
        # close two months later; 120 deals a year from January 2027.
        args, want = ref_and_args(stages=LEAD_OPP, per="year", start=(2027, 1), deals=120,
                                  lags=[Fr(1), Fr(2)])
        got = self.check(args, want)
        months = [r["month"] for r in got["rows"]]
        self.assertEqual(months[0], "2026-10")
        self.assertEqual(months[-1], "2027-12")
        self.assertEqual(len(months), 15)
        self.assertEqual(got["lead_months"], 3)
        self.assertEqual(got["total_lag"], 3)
        for r, row in enumerate(got["rows"]):
            self.assertEqual(row["entering"][0], 300 if r < 12 else 0, row["month"])
            self.assertEqual(row["entering"][1], 30 if 1 <= r < 13 else 0, row["month"])
            self.assertEqual(row["deals"], 10 if r >= 3 else 0, row["month"])
            self.assertIs(row["in_span"], r >= 3)
        self.assertEqual([s["total"] for s in got["stages"]], [3600, 360])
        self.assertIsNone(got["velocity"])
        self.assertIsNone(got["reps"])
        self.assertNotIn("deals_per_rep", got["rows"][0])

    def test_seasonal_year(self):
        weights = [8, 8, 9, 10, 10, 9, 7, 6, 9, 10, 12, 14]   # a busy December
        args, want = ref_and_args(stages=LEAD_OPP, per="year", start=(2027, 1),
                                  revenue=Fr(1_120_000), deal_size=Fr(4000),
                                  weights=[Fr(w) for w in weights], lags=[Fr(1), Fr(2)])
        got = self.check(args, want)
        # 280 deals a year, weights adding up to 112: 2.5 deals per weight.
        self.assertEqual([r["deals"] for r in got["rows"][3:]], [2.5 * w for w in weights])
        self.assertEqual(got["seasonality"], weights)
        self.assertEqual(got["rows"][14]["revenue"], 140_000)
        # leads for December's 35 deals came in September: 35 x 3 x 10
        self.assertEqual(got["rows"][11]["entering"][0], 1050)

    def test_seasonal_span_from_july_follows_the_calendar(self):
        weights = [Fr(m) for m in range(1, 13)]
        args, want = ref_and_args(stages=[("opportunity", Fr(1, 4))], per="year",
                                  start=(2027, 7), deals=156, weights=weights)
        got = self.check(args, want)
        self.assertEqual(got["rows"][0]["deals"], 14)     # July: 7 / 78 of 156
        self.assertEqual(got["rows"][6]["month"], "2028-01")
        self.assertEqual(got["rows"][6]["deals"], 2)      # January: 1 / 78

    def test_half_month_lag_splits_evenly(self):
        args, want = ref_and_args(stages=[("opportunity", Fr(1, 2))], per="month",
                                  start=(2027, 3), months=2, deals=10, lags=[Fr(1, 2)])
        got = self.check(args, want)
        self.assertEqual([r["entering"][0] for r in got["rows"]], [10, 20, 10])
        self.assertEqual([r["month"] for r in got["rows"]], ["2027-02", "2027-03", "2027-04"])

    def test_two_half_month_lags_reach_two_months_back(self):
        stages = [("lead", Fr(1, 2)), ("opportunity", Fr(1, 2))]
        args, want = ref_and_args(stages=stages, per="month", start=(2027, 3), months=1,
                                  deals=10, lags=[Fr(1, 2), Fr(1, 2)])
        got = self.check(args, want)
        self.assertEqual([r["entering"][0] for r in got["rows"]], [10, 20, 10])
        self.assertEqual(got["lead_months"], 2)

    def test_45_day_lag_in_days_weeks_and_bare_numbers(self):
        stages = [("opportunity", Fr(1, 2))]
        lag = Fr(45) / DPM   # 1.4785 months: 52.15% one month back, 47.85% two
        want = ref_schedule(stages, "month", (2027, 3), months=1, deals=Fr(10), lags=[lag])
        for text in ("45d", "45", "6.428571428571429w"):
            with self.subTest(lag=text):
                args = ["schedule", "--stage", "opportunity=50%", "--deals", "10",
                        "--start", "2027-03", "--months", "1", "--lag", "opportunity=" + text,
                        "--format", "json"]
                got = self.json_of(args)
                if text.endswith("w"):
                    # 6.428571428571429 weeks is 45 days up to its decimals
                    self.assertAlmostEqual(got["stages"][0]["lag_days"], 45, places=9)
                    continue
                self.assertMatches(got, want)
                self.assertEqual(got["stages"][0]["lag_days"], 45)
                frac = float(lag - 1)
                self.assertAlmostEqual(got["rows"][0]["entering"][0], 20 * frac, places=12)
                self.assertAlmostEqual(got["rows"][1]["entering"][0], 20 * (1 - frac),
                                       places=12)
                self.assertEqual(got["rows"][2]["entering"][0], 0)

    def test_start_in_november_crosses_the_year(self):
        args, want = ref_and_args(stages=LEAD_OPP, per="quarter", start=(2027, 11), months=3,
                                  deals=45, lags=[Fr(3, 2), Fr(1)])
        got = self.check(args, want)
        self.assertEqual([r["month"] for r in got["rows"]],
                         ["2027-08", "2027-09", "2027-10", "2027-11", "2027-12", "2028-01"])
        self.assertEqual(got["start"], "2027-11")

    def test_monthly_targets(self):
        args, want = ref_and_args(stages=LEAD_OPP, per="year", start=(2027, 11), months=3,
                                  deal_size=Fr(4000),
                                  monthly=("revenue", [Fr(40000), Fr(80000), Fr(0)]),
                                  lags=[Fr(0), Fr(2)])
        got = self.check(args, want)
        self.assertEqual(got["monthly"], {"kind": "revenue", "values": [40000, 80000, 0]})
        self.assertEqual(got["deals"], 30)
        args, want = ref_and_args(stages=LEAD_OPP, per="month", start=(2027, 1), months=4,
                                  monthly=("deals", [Fr(1), Fr(2), Fr(3), Fr("4.5")]))
        self.check(args, want)

    def test_reps_quota_and_velocity(self):
        args, want = ref_and_args(stages=LEAD_OPP, per="year", start=(2027, 11), months=3,
                                  revenue=Fr(480000), deal_size=Fr(4000), lags=[Fr(1), Fr(2)],
                                  reps=Fr(4), quota=Fr(100000), attainment=Fr(4, 5))
        got = self.check(args, want)
        self.assertEqual(got["reps_needed"], 6)
        self.assertIs(type(got["reps_needed_whole"]), int)
        self.assertEqual(got["velocity"]["opportunities_per_month"], 30)
        self.assertEqual(got["velocity"]["cycle_days"], 2 * 30.436875)
        self.assertEqual(got["rows"][3]["deals_per_rep"], 2.5)
        self.assertEqual(got["rows"][0]["entering_per_rep"], [75, 0])
        # reps needed that are not whole round up
        args, want = ref_and_args(stages=LEAD_OPP, per="month", start=(2027, 1), months=2,
                                  revenue=Fr(50000), deal_size=Fr(5000), quota=Fr(12000))
        got = self.check(args, want)
        self.assertEqual(got["reps_needed_whole"], 5)
        self.assertEqual(got["attainment"], 1)

    def test_totals_equal_plan_times_months(self):
        stages = [("lead", Fr(3, 100)), ("sql", Fr(2, 5)), ("opportunity", Fr(29, 100))]
        for per, months, lags in (("year", 12, [Fr(1, 4), Fr(3, 2), Fr(2)]),
                                  ("quarter", 7, [Fr(0), Fr(1), Fr("0.7")]),
                                  ("month", 30, [Fr(2), Fr(0), Fr(0)])):
            with self.subTest(per=per):
                args, want = ref_and_args(stages=stages, per=per, start=(2026, 5),
                                          months=months, deals=145, lags=lags,
                                          weights=[Fr(w) for w in range(3, 15)])
                got = self.check(args, want)
                plan = self.json_of(["plan"] + stage_args(stages) +
                                    ["--deals", "145", "--per", per, "--format", "json"])
                for i, (s, p) in enumerate(zip(got["stages"], plan["stages"])):
                    self.assertMatches(s["total"], Fr(p["required"]) * months / MONTHS[per])
                    self.assertMatches(math.fsum(r["entering"][i] for r in got["rows"]),
                                       Fr(s["total"]))

    def test_shifting_every_lag_by_a_month_shifts_the_rows(self):
        stages = [("lead", Fr(1, 5)), ("sql", Fr(1, 2)), ("opportunity", Fr(1, 4))]
        lags = [Fr(1, 4), Fr(3, 2), Fr(0)]
        kw = dict(stages=stages, per="year", start=(2027, 2), months=5, deals=96,
                  weights=[Fr(w) for w in (5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)])
        a = self.json_of(schedule_args(lags=lags, **kw))
        b = self.json_of(schedule_args(lags=[x + 1 for x in lags], **kw))
        self.assertEqual(b["lead_months"], a["lead_months"] + 3)
        by_month_b = {r["month"]: r for r in b["rows"]}
        for row in a["rows"]:
            ym = tuple(int(x) for x in row["month"].split("-"))
            for i in range(3):
                # stage i: every lag at and below it moved: n - i months
                moved = mtext(month_add(ym, -(3 - i)))
                self.assertMatches(by_month_b[moved]["entering"][i], Fr(row["entering"][i]))
        # one stage: the whole column moves one month
        one = dict(stages=[("lead", Fr(1, 2))], per="month", start=(2027, 12), months=3,
                   deals=7)
        a = self.json_of(schedule_args(lags=[Fr("0.3")], **one))
        b = self.json_of(schedule_args(lags=[Fr("1.3")], **one))
        # (0.3 and 1.3 - 1 are not the same double: equal up to rounding)
        self.assertEqual(len(b["rows"]), len(a["rows"]) + 1)
        for ra, rb in zip(a["rows"], b["rows"]):
            self.assertMatches(rb["entering"], [Fr(x) for x in ra["entering"]])
        self.assertEqual(b["rows"][-1]["entering"], [0])

    def test_key_order_and_nulls(self):
        got = self.json_of(["schedule", "--stage", "lead=50%", "--deals", "3",
                            "--start", "2027-01", "--months", "2", "--format", "json"])
        self.assertEqual(list(got), ["command", "per", "start", "months", "lead_months",
                                     "total_lag", "deals", "revenue", "deal_size",
                                     "seasonality", "monthly", "stages", "rows", "reps", "quota",
                                     "attainment", "reps_needed", "reps_needed_whole",
                                     "velocity"])
        self.assertEqual(list(got["stages"][0]), ["name", "rate", "lag_months", "lag_days",
                                                  "total"])
        self.assertEqual(list(got["rows"][0]), ["month", "in_span", "share", "deals",
                                                "revenue", "entering"])
        for k in ("revenue", "deal_size", "seasonality", "monthly", "reps", "quota",
                  "attainment", "reps_needed", "reps_needed_whole", "velocity"):
            self.assertIsNone(got[k], k)
        self.assertIsNone(got["rows"][0]["revenue"])
        self.assertIs(type(got["months"]), int)
        self.assertIs(type(got["lead_months"]), int)
        got = self.json_of(["schedule", "--stage", "lead=50%", "--deals", "3", "--reps", "2",
                            "--start", "2027-01", "--months", "2", "--format", "json"])
        self.assertEqual(list(got["rows"][0]), ["month", "in_span", "share", "deals",
                                                "revenue", "entering", "deals_per_rep",
                                                "entering_per_rep"])

    def test_longest_span_and_lead_and_most_stages(self):
        stages = [("s%02d" % i, Fr(9, 10)) for i in range(32)]
        args = ["schedule"] + stage_args(stages) + [
            "--deals", "1", "--start", "2040-01", "--months", "120", "--reps", "3",
            "--deal-size", "10"]
        args += ["--lag", "s00=89m", "--lag", "s31=31m"]
        got = self.json_of(args + ["--format", "json"])
        self.assertEqual(got["lead_months"], 120)
        self.assertEqual(len(got["rows"]), 240)
        self.assertEqual(got["rows"][0]["month"], "2030-01")
        table = self.ok(args)
        lines = table.splitlines()
        self.assertIn("s31/rep", lines[3])
        self.assertTrue(any(line.startswith("2049-12 ") for line in lines))
        self.assertTrue(any(line.startswith("total ") for line in lines))


class TestScheduleCsvAndTable(ScheduleTestCase):
    def test_csv_header_and_rows(self):
        args, want = ref_and_args(stages=LEAD_OPP, per="year", start=(2027, 1), deals=120,
                                  lags=[Fr(1), Fr(2)], fmt="csv")
        rows = self.csv_rows(args)
        self.assertEqual(rows[0], ["month", "in_span", "share", "deals", "revenue", "lead",
                                   "opportunity"])
        self.assertEqual(len(rows), 1 + 15)
        self.assertEqual(rows[1], ["2026-10", "false", "0", "0", "", "300", "0"])
        self.assertEqual(rows[4][:5], ["2027-01", "true", "0.08333333333333333", "10", ""])
        for r, w in zip(rows[1:], want["rows"]):
            self.assertEqual(r[0], w["month"])
            self.assertMatches([float(x) for x in r[5:]], w["entering"])

    def test_csv_with_reps_and_names_that_need_quotes(self):
        rows = self.csv_rows(["schedule", "--stage", "lead, new=10%", "--stage", 'opp "x"=1/3',
                              "--deals", "3", "--deal-size", "100", "--reps", "3",
                              "--start", "2027-01", "--months", "2", "--format", "csv"])
        self.assertEqual(rows[0], ["month", "in_span", "share", "deals", "revenue",
                                   "lead, new", 'opp "x"', "deals_per_rep",
                                   "lead, new_per_rep", 'opp "x"_per_rep'])
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[1][4], "300")
        self.assertEqual(rows[1][7:], ["1", "30", "3"])

    def test_table(self):
        out = self.ok(schedule_args(LEAD_OPP, "year", (2027, 1), deals=120, deal_size=4000,
                                    lags=[Fr(1), Fr(2)], reps=2, quota=100000,
                                    fmt="table"))
        lines = out.splitlines()
        self.assertTrue(out.startswith("Schedule for 12 months from 2027-01: 120 deals"), out)
        header = [l for l in lines if l.startswith("month ")][0]
        self.assertEqual(header.split(), ["month", "lead", "opportunity", "deals", "revenue",
                                          "lead/rep", "opportunity/rep", "deals/rep"])
        self.assertIn("2026-10    300", out)
        self.assertIn("before the start", [l for l in lines if l.startswith("2026-12")][0])
        self.assertNotIn("before the start", [l for l in lines if l.startswith("2027-01")][0])
        total = [l for l in lines if l.startswith("total")][0]
        self.assertEqual(total.split(), ["total", "3,600", "360", "120", "480,000"])
        self.assertIn("Lead time: the funnel must start 3 months before 2027-01, in 2026-10.",
                      out)
        self.assertIn("Sales velocity:", out)
        self.assertIn("Reps needed at a quota of 100,000 per year with 100% attainment: 4.80, "
                      "5 whole reps.", out)
        for line in lines:
            self.assertEqual(line, line.rstrip(), "trailing blanks")

    def test_table_is_the_default_format(self):
        args = schedule_args(LEAD_OPP, "year", (2027, 1), deals=120, fmt="table")
        self.assertEqual(self.ok(args[:-2]), self.ok(args))

    def test_output_that_cannot_be_written_exits_3(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full on this system")
        for args in (schedule_args(LEAD_OPP, "year", (2027, 1), deals=120),
                     pace_args(PACE_FUNNEL, "month", Fr(1, 2), deals=10, actual={"lead": 1})):
            with self.subTest(command=args[0]), open("/dev/full", "wb") as full:
                r = run(args, stdout=full)
                self.assertEqual(r.returncode, 3, r.stderr)
                self.assertTrue(r.stderr.startswith(b"funnelplan: cannot write output: "))


class TestPaceJson(ScheduleTestCase):
    def test_half_month_early_warning(self):
        # 10 deals a month need 40 opportunities and 400 leads. Half the month
        # gone: 150 leads (75% of 200: off track), 19 opportunities (95%: on
        # track), 4 deals (80%: at risk).
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               actual={"lead": 150, "opportunity": 19}, actual_deals=4,
                               lags={"lead": Fr(1), "opportunity": Fr(2)})
        got = self.check(args, want)
        lead = got["stages"][0]
        self.assertEqual((lead["plan"], lead["plan_to_date"], lead["attainment"]),
                         (400, 200, 0.75))
        self.assertEqual((lead["projection"], lead["still_needed"], lead["needed_rate"],
                          lead["catch_up"]), (300, 250, 500, 1.25))
        self.assertEqual(lead["status"], "off track")
        self.assertEqual(lead["implied_deals"], 3.75)
        self.assertEqual(got["stages"][1]["status"], "on track")
        self.assertEqual(got["deals"]["status"], "at risk")
        self.assertEqual(got["deals"]["needed_rate"], 12)
        self.assertEqual(got["warning"], {"stage": "lead", "months": 3})
        self.assertIsNone(got["revenue"])
        self.assertIsNone(got["coverage"])

    def test_exactly_on_plan_early_and_late(self):
        for elapsed, lead, opp, deals in ((Fr(1, 2), 200, 20, 5),     # exactly on plan
                                          (Fr(1, 10), 30, 6, 1),      # early, mixed
                                          (Fr(9, 10), 400, 30, 7),    # late
                                          (Fr(1), 380, 41, 10)):      # the period over
            with self.subTest(elapsed=elapsed):
                args, want = pace_case(stages=PACE_FUNNEL, per="quarter", elapsed=elapsed,
                                       deals=Fr(10, 3) * 3,
                                       actual={"lead": lead, "opportunity": opp},
                                       actual_deals=deals, lags={"opportunity": Fr(2)})
                got = self.check(args, want)
                if elapsed == Fr(1, 2):
                    self.assertEqual([s["attainment"] for s in got["stages"]], [1, 1])
                    self.assertEqual([s["status"] for s in got["stages"]], ["on track"] * 2)
                    self.assertIsNone(got["warning"])
                if elapsed == 1:
                    self.assertIsNone(got["deals"]["needed_rate"])
                    self.assertIsNone(got["deals"]["catch_up"])
                    self.assertEqual(got["deals"]["still_needed"], 0)

    def test_opportunities_off_track_warn_two_months_ahead(self):
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               actual={"lead": 400, "opportunity": 10},
                               lags={"lead": Fr(1), "opportunity": Fr(2)})
        got = self.check(args, want)
        self.assertEqual(got["warning"], {"stage": "opportunity", "months": 2})

    def test_thresholds_revenue_reps_and_coverage(self):
        # Revenue 21,000 of 25,000 due: 84%, at risk between 50% and 100%.
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               deal_size=5000, actual_deals=4, actual_revenue=21000,
                               open_={"lead": 100, "opportunity": 12}, reps=2,
                               at_risk=Fr(1), off_track=Fr(1, 2))
        got = self.check(args, want)
        self.assertEqual(got["revenue"]["status"], "at risk")
        self.assertEqual(got["revenue"]["needed_rate_per_rep"], 29000)
        self.assertEqual((got["at_risk"], got["off_track"]), (1, 0.5))
        cov = got["coverage"]
        self.assertEqual(cov["open"], [{"stage": "lead", "units": 100},
                                       {"stage": "opportunity", "units": 12}])
        self.assertEqual((cov["open_units"], cov["open_deals"], cov["still_to_close"]),
                         (112, 5.5, 6))
        self.assertEqual(got["reps"], 2)
        self.assertEqual(list(got["stages"][0]),
                         ["name", "rate", "cumulative_rate", "plan", "plan_to_date", "actual",
                          "attainment", "projection", "projected_attainment", "still_needed",
                          "needed_rate", "catch_up", "status", "plan_per_rep", "actual_per_rep",
                          "needed_rate_per_rep", "implied_deals", "plan_whole",
                          "still_needed_whole", "needed_per_month", "needed_per_month_whole"])

    def test_coverage_of_opportunities_at_25_percent_needs_4x(self):
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               actual_deals=4, open_={"opportunity": 12})
        got = self.check(args, want)
        self.assertEqual(got["coverage"]["required"], 4)
        self.assertEqual(got["coverage"]["raw"], 2)
        self.assertEqual(got["coverage"]["weighted"], 0.5)
        # the target met already: nothing still to close, no ratio
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               actual_deals=12, open_={"opportunity": 12})
        got = self.check(args, want)
        self.assertIsNone(got["coverage"]["raw"])
        self.assertIsNone(got["coverage"]["weighted"])
        self.assertEqual(got["coverage"]["still_to_close"], 0)
        # an empty pipeline brings nothing: no required coverage
        args, want = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                               open_={"opportunity": 0})
        got = self.check(args, want)
        self.assertIsNone(got["coverage"]["required"])

    def test_elapsed_from_start_and_as_of(self):
        common = ["pace", "--stage", "lead=10%", "--deals", "10", "--actual", "lead=20",
                  "--format", "json"]
        for per, start, as_of, share in (("quarter", "2027-01-01", "2027-02-14", Fr(45, 90)),
                                         ("year", "2027-01-01", "2027-02-14", Fr(45, 365)),
                                         ("month", "2027-01-01", "2027-01-01", Fr(1, 31)),
                                         ("quarter", "2027-12-01", "2028-02-29", Fr(1)),
                                         ("month", "2027-01-31", "2027-02-28", Fr(1))):
            with self.subTest(per=per, start=start, as_of=as_of):
                got = self.json_of(common + ["--per", per, "--start", start, "--as-of", as_of])
                self.assertMatches(got["elapsed"], share)
                want = self.json_of(common + ["--per", per, "--elapsed", frac_text(share)])
                self.assertEqual(got, want)

    def test_elapsed_in_months_and_shares(self):
        # --elapsed reads months of the period (fpl_elapsed_parse) and shares
        common = ["pace", "--stage", "lead=10%", "--deals", "10", "--actual", "lead=20",
                  "--format", "json"]
        for per, texts, share in (
                ("year", ["4m", "4 months", "4 month", "4 Months", "4mo", "4/12", "1/3"],
                 Fr(1, 3)),
                ("year", ["12m", "100%", "1"], Fr(1)),
                ("quarter", ["1.5m", "1.5 months", "50%", "0.5"], Fr(1, 2)),
                ("month", ["1m", "1 month"], Fr(1))):
            want = self.json_of(common + ["--per", per, "--elapsed", frac_text(share)])
            self.assertMatches(want["elapsed"], share)
            for text in texts:
                with self.subTest(per=per, elapsed=text):
                    self.assertEqual(self.json_of(common + ["--per", per, "--elapsed", text]),
                                     want)

    def test_first_and_last_periods_of_the_calendar(self):
        common = ["pace", "--stage", "lead=10%", "--deals", "10", "--actual", "lead=20",
                  "--format", "json"]
        for per, start, as_of, share in (
                ("month", "9999-12-01", "9999-12-31", Fr(1)),
                ("month", "9999-12-01", "9999-12-15", Fr(15, 31)),
                ("quarter", "9999-10-01", "9999-12-31", Fr(1)),
                ("quarter", "9999-10-01", "9999-11-15", Fr(46, 92)),
                ("year", "9999-01-01", "9999-12-31", Fr(1)),
                ("year", "9999-01-01", "9999-07-01", Fr(182, 365)),
                # a year from February 9999 ends in January 10000: 334 of its 365 days
                ("year", "9999-02-01", "9999-12-31", Fr(334, 365)),
                ("month", "0001-01-01", "0001-01-31", Fr(1)),
                ("quarter", "0001-01-01", "0001-02-28", Fr(59, 90)),
                ("year", "0001-01-01", "0001-01-01", Fr(1, 365)),
                ("year", "0001-01-01", "0001-12-31", Fr(1))):
            with self.subTest(per=per, start=start, as_of=as_of):
                got = self.json_of(common + ["--per", per, "--start", start, "--as-of", as_of])
                self.assertMatches(got["elapsed"], share)
        out = self.ok(["pace", "--stage", "lead=10%", "--deals", "10", "--start", "9999-12-01",
                       "--as-of", "9999-12-31"])
        self.assertTrue(out.startswith("Pace per month: 100% of the month elapsed (9999-12-01 "
                                       "to 9999-12-31); target 10 deals."), out)
        self.assertRefused(["pace", "--stage", "lead=10%", "--deals", "10", "--start",
                            "9999-12-01", "--as-of", "10000-01-01"], 2, "--as-of '10000-01-01'")

    def test_still_needed_in_whole_units_and_per_month_left(self):
        # 10 deals a quarter at 30% then 10%: whole plan 10 deals, 34
        # opportunities (10 / 0.3 = 33.3), 340 leads (34 / 0.1); a third gone
        stages = [("lead", Fr(1, 10)), ("opportunity", Fr(3, 10))]
        args, want = pace_case(stages=stages, per="quarter", elapsed=Fr(1, 3), deals=10,
                               actual={"lead": 100, "opportunity": 9}, actual_deals=2)
        args[args.index("--elapsed") + 1] = "1m"
        got = self.check(args, want)
        self.assertEqual(got["months_left"], 2)
        lead, opp = got["stages"]
        self.assertEqual((lead["plan_whole"], lead["still_needed_whole"],
                          lead["needed_per_month_whole"]), (340, 240, 120))
        self.assertMatches(lead["needed_per_month"], (Fr(1000, 3) - 100) / 2)
        self.assertEqual((opp["plan_whole"], opp["still_needed_whole"],
                          opp["needed_per_month_whole"]), (34, 25, 13))
        self.assertEqual((got["deals"]["still_needed_whole"],
                          got["deals"]["needed_per_month_whole"]), (8, 4))
        for k in ("plan_whole", "still_needed_whole", "needed_per_month_whole"):
            self.assertIs(type(lead[k]), int, k)
        table = self.ok(args[:-1] + ["table"])
        self.assertIn("lead         333.33   111.11     100", table)
        self.assertRegex(table, r"lead .* 240 +120  at risk")
        self.assertRegex(table, r"opportunity .* 25 +13  at risk")
        self.assertRegex(table, r"deals .* 8 +4  off track")
        self.assertIn("per month left: over the 2 months left.", table)
        # the period over: nothing per month left
        args, want = pace_case(stages=stages, per="quarter", elapsed=Fr(1), deals=10,
                               actual={"lead": 100})
        got = self.check(args, want)
        self.assertEqual(got["stages"][0]["still_needed_whole"], 240)
        self.assertIsNone(got["stages"][0]["needed_per_month_whole"])

    def test_displays_never_cross_the_line_beside_them(self):
        # opportunities: plan 400 a month, 200 to date at half the month
        base_args = ["pace", "--stage", "lead=10%", "--stage", "opportunity=25%", "--deals",
                     "100", "--elapsed", "50%"]

        def row(extra):
            out = self.ok(base_args + extra)
            line = next(x for x in out.splitlines() if x.startswith("opportunity"))
            return line.split()

        for actual, extra, shown, status in (
                ("189.9999999", [], "94.99999995%", "at"),        # not "95%"
                ("190", [], "95%", "on"),
                ("159.9999999", [], "79.99999995%", "off"),       # not "80%"
                ("160", [], "80%", "at"),
                ("175", [], "87.5%", "at"),
                ("175", ["--at-risk", "87.5%"], "87.5%", "on"),
                ("174.99999999", ["--at-risk", "87.5%"], "87.49999999%", "at"),
                ("174.99999999", ["--at-risk", "87.5%", "--off-track", "87.5%"],
                 "87.49999999%", "off"),
                ("175.00000001", ["--at-risk", "87.5%", "--off-track", "87.5%"],
                 "87.5%", "on")):
            with self.subTest(actual=actual, extra=extra):
                cells = row(["--actual", "opportunity=" + actual] + extra)
                self.assertEqual(cells[4], shown)
                self.assertEqual(cells[9], status)
        # coverage: 0.875 of the deals still to close is not "0.9x", 3.9984x
        # beside 4x is not "4x", 0.9996 is not "1x"
        for open_units, raw, weighted in (("350", "3.5", "0.875"), ("399.84", "3.998", "0.9996"),
                                          ("399.99996", "3.9999996", "0.9999999"),
                                          # at or above the line may show on it
                                          ("400", "4", "1"), ("400.2", "4.002", "1")):
            with self.subTest(open=open_units):
                out = self.ok(base_args + ["--open", "opportunity=" + open_units])
                self.assertIn("Pipeline covers %sx of the 100 deals still to close; weighted "
                              "%sx; these rates need 4x." % (raw, weighted), out)

    def test_csv_and_table(self):
        args, _ = pace_case(stages=PACE_FUNNEL, per="month", elapsed=Fr(1, 2), deals=10,
                            deal_size=5000, actual={"lead": 150}, actual_revenue=21000,
                            lags={"lead": Fr(1), "opportunity": Fr(2)},
                            open_={"lead": 100, "opportunity": 12}, fmt="csv")
        rows = self.csv_rows(args)
        self.assertEqual(rows[0], ["stage", "plan", "plan_to_date", "actual", "attainment",
                                   "projection", "needed_rate", "status", "still_needed",
                                   "still_needed_whole", "needed_per_month",
                                   "needed_per_month_whole", "implied_deals"])
        self.assertEqual([r[0] for r in rows[1:]], ["lead", "opportunity", "deals", "revenue"])
        # 250 leads still needed over the half month left: 500 a month
        self.assertEqual(rows[1], ["lead", "400", "200", "150", "0.75", "300", "500",
                                   "off track", "250", "250", "500", "500", "3.75"])
        self.assertEqual(rows[2], ["opportunity", "40", "20"] + [""] * 10)
        # revenue has no whole count: its whole columns are empty; no implied deals
        self.assertEqual(rows[4][7:], ["at risk", "29000", "", "58000", "", ""])
        # with reps, the table's per-rep columns: 2 reps share 400 leads
        reps = self.csv_rows(args[:-2] + ["--reps", "2", "--format", "csv"])
        self.assertEqual(reps[0][-3:], ["plan_per_rep", "actual_per_rep", "needed_rate_per_rep"])
        self.assertEqual(reps[1][-3:], ["200", "75", "250"])
        no_size = self.csv_rows(pace_args(PACE_FUNNEL, "month", Fr(1, 2), deals=10, fmt="csv"))
        self.assertEqual([r[0] for r in no_size[1:]], ["lead", "opportunity", "deals"])
        out = self.ok(args[:-1] + ["table"])
        self.assertIn("Warning: lead is off track: it shows in deals in about 3 months.", out)
        # no deals given: 21,000 of revenue so far count as 4.2 deals won
        self.assertIn("Pipeline covers 19.31x of the 5.80 deals still to close; weighted "
                      "0.948x; these rates need 20.364x.", out)
        self.assertIn("Still needed: whole units to the plan's whole counts, less the actual; "
                      "per month left: over the 0.5 months left.", out)
        self.assertTrue(out.startswith("Pace per month: 50% of the month elapsed; target 10 "
                                       "deals, revenue 50,000."), out)


# --------------------------------------------------------------------------
# Refusals

MSG = {
    "date": "not a calendar month YYYY-MM or date YYYY-MM-DD (years 1 to 9999)",
    "months": "months must be a whole number from 1 to 120",
    "weights": "weights and monthly targets must be numbers of 0 or more, not all 0",
    "count": "wrong number of values: seasonality takes 12 weights (January first), "
             "monthly targets one per month",
    "lag": "lag must be days (45 or 45d), weeks (2w) or months (1.5m), 0 or more, adding up "
           "to at most 120 months",
    "reps": "reps must be a positive number",
    "quota": "quota must be a positive amount",
    "attainment": "attainment must be above 0% and at most 100%",
    "elapsed": "elapsed must be above 0 and at most the whole period: a share up to 100%, or "
               "months up to 1 (month), 3 (quarter) or 12 (year)",
    "as_of": "the as-of date must lie in the period that begins at the start (from the start "
             "to the period's last day)",
    "at_risk": "the at-risk threshold must be above 0%, at most 1000%, and at least the "
               "off-track threshold (80% by default)",
    "off_track": "the off-track threshold must be above 0%, at most 1000%, and at most the "
                 "at-risk threshold (95% by default)",
    "unknown": "no stage of that name",
    "negative": "must not be negative",
    "nan": "not a number",
    "size": "a deal size is needed (for a revenue target, or to put a value on deals)",
}

SCHED = ["schedule", "--stage", "lead=10%", "--stage", "opportunity=1/3", "--deals", "10"]
SCHED_START = SCHED + ["--start", "2027-01"]
TWELVE = ",".join(["1"] * 12)

SCHEDULE_BAD = [
    (SCHED + ["--start", "2027-13"], "--start '2027-13': " + MSG["date"]),
    (SCHED + ["--start", "2027-1"], "--start '2027-1': " + MSG["date"]),
    (SCHED + ["--start", "2027-01-01"], "--start '2027-01-01': " + MSG["date"]),
    (SCHED_START + ["--months", "0"], "--months '0': " + MSG["months"]),
    (SCHED_START + ["--months", "121"], "--months '121': " + MSG["months"]),
    (SCHED_START + ["--months", "1.5"], "--months '1.5': " + MSG["months"]),
    (SCHED_START + ["--months", "-3"], "--months '-3': " + MSG["negative"]),
    (SCHED_START + ["--seasonality", ",".join(["1"] * 11)],
     "--seasonality '%s': %s" % (",".join(["1"] * 11), MSG["count"])),
    (SCHED_START + ["--seasonality", ",".join(["1"] * 13)],
     "--seasonality '%s': %s" % (",".join(["1"] * 13), MSG["count"])),
    (SCHED_START + ["--seasonality", ",".join(["0"] * 12)],
     "--seasonality '%s': %s" % (",".join(["0"] * 12), MSG["weights"])),
    (SCHED_START + ["--months", "2", "--seasonality", "0,0" + ",1" * 10],
     "--seasonality '0,0%s': %s" % (",1" * 10, MSG["weights"])),
    (SCHED_START + ["--seasonality", "1,-1" + ",1" * 10],
     "--seasonality '1,-1%s': %s" % (",1" * 10, MSG["weights"])),
    (SCHED_START + ["--monthly-deals", "1,2"],
     "--monthly-deals: give a target per period or per month, not both"),
    (["schedule", "--stage", "lead=10%", "--start", "2027-01", "--months", "3",
      "--monthly-deals", "1,2"], "--monthly-deals '1,2': " + MSG["count"]),
    (["schedule", "--stage", "lead=10%", "--start", "2027-01", "--months", "2",
      "--monthly-deals", "0,0"], "--monthly-deals '0,0': " + MSG["weights"]),
    (["schedule", "--stage", "lead=10%", "--start", "2027-01", "--months", "2",
      "--monthly-revenue", "1,2"], "--monthly-revenue '1,2': " + MSG["size"]),
    (["schedule", "--stage", "lead=10%", "--start", "2027-01", "--months", "2",
      "--monthly-deals", "1,2", "--seasonality", TWELVE],
     "--seasonality '%s': seasonality spreads a target per period; a target per month "
     "needs none" % TWELVE),
    (SCHED_START + ["--lag", "x=1d"],
     "--lag 'x=1d': " + MSG["unknown"] + ": the stages are lead, opportunity"),
    (SCHED_START + ["--lag", "lead=-1"], "--lag 'lead=-1': " + MSG["lag"]),
    (SCHED_START + ["--lag", "lead=abc"], "--lag 'lead=abc': " + MSG["lag"]),
    (SCHED_START + ["--lag", "lead=121m"], "--lag 'lead=121m': " + MSG["lag"]),
    (SCHED_START + ["--lag", "lead"], "--lag 'lead': expected STAGE=LAG, e.g. lead=45d"),
    (SCHED_START + ["--lag", "lead=1", "--lag", "lead=2"],
     "--lag 'lead=2': that stage is given already (once per stage)"),
    (SCHED_START + ["--lag", "lead=60.5m", "--lag", "opportunity=59.6m"],
     "--lag 'opportunity=59.6m': " + MSG["lag"]),
    (SCHED_START + ["--reps", "0"], "--reps '0': " + MSG["reps"]),
    (SCHED_START + ["--reps", "x"], "--reps 'x': " + MSG["nan"]),
    (SCHED_START + ["--deal-size", "5", "--quota", "0"], "--quota '0': " + MSG["quota"]),
    (SCHED_START + ["--quota", "100"], "--quota '100': " + MSG["size"]),
    (SCHED_START + ["--attainment", "80%"],
     "--attainment '80%': needs --quota (the share of the quota a rep attains)"),
    (SCHED_START + ["--deal-size", "5", "--quota", "9", "--attainment", "0"],
     "--attainment '0': " + MSG["attainment"]),
    (SCHED_START + ["--deal-size", "5", "--quota", "9", "--attainment", "101%"],
     "--attainment '101%': " + MSG["attainment"]),
    (SCHED + ["--start", "0001-01", "--lag", "lead=1m"],
     "--start '0001-01': the schedule would run outside years 1 to 9999 (with the months "
     "before the start that the lags need)"),
    (SCHED_START + ["--start", "2027-02"], "--start '2027-02': given more than once"),
    (SCHED, "schedule: --start YYYY-MM is needed (the first month of the span)"),
    (["schedule", "--stage", "lead=10%", "--start", "2027-01"],
     "schedule: a target is needed: --revenue with --deal-size, --deals, or a target per "
     "month (--monthly-deals or --monthly-revenue)"),
    (["schedule", "--deals", "1", "--start", "2027-01"],
     "schedule: at least one --stage NAME=RATE is needed"),
    (SCHED_START + ["--elapsed", "50%"],
     "schedule: unknown option '--elapsed' for this command (see funnelplan schedule --help)"),
]

PACE = ["pace", "--stage", "lead=10%", "--stage", "opportunity=25%", "--deals", "10"]
PACE_E = PACE + ["--elapsed", "50%"]

PACE_BAD = [
    (PACE + ["--elapsed", "0"], "--elapsed '0': " + MSG["elapsed"]),
    (PACE + ["--elapsed", "150%"], "--elapsed '150%': " + MSG["elapsed"]),
    (PACE + ["--elapsed", "NaN"], "--elapsed 'NaN': " + MSG["nan"]),
    (PACE + ["--elapsed", "50%", "--start", "2027-01-01", "--as-of", "2027-01-05"],
     "--elapsed '50%': give --elapsed, or --start with --as-of, not both"),
    (PACE + ["--start", "2027-01-01"],
     "--start '2027-01-01': needs --as-of DATE (the day measured)"),
    (PACE + ["--as-of", "2027-01-01"],
     "--as-of '2027-01-01': needs --start DATE (the first day of the period)"),
    (PACE + ["--start", "2027-01-10", "--as-of", "2027-01-09"],
     "--as-of '2027-01-09': " + MSG["as_of"]),
    (PACE + ["--start", "2027-01-01", "--as-of", "2027-02-01"],
     "--as-of '2027-02-01': " + MSG["as_of"]),
    (PACE + ["--start", "2027-02-29", "--as-of", "2027-03-01"],
     "--start '2027-02-29': " + MSG["date"]),
    (PACE + ["--start", "2027-01-01", "--as-of", "2027-13-01"],
     "--as-of '2027-13-01': " + MSG["date"]),
    (PACE, "pace: the share of the period elapsed is needed: --elapsed SHARE or MONTHS (33%, "
           "4/12, 4m), or --start DATE with --as-of DATE"),
    (PACE_E + ["--actual", "lead=-1"], "--actual 'lead=-1': " + MSG["negative"]),
    (PACE_E + ["--actual", "lead=abc"], "--actual 'lead=abc': " + MSG["nan"]),
    (PACE_E + ["--actual", "lead"], "--actual 'lead': expected STAGE=COUNT, e.g. lead=150"),
    (PACE_E + ["--actual", "won=3"],
     "--actual 'won=3': " + MSG["unknown"] + ": the stages are lead, opportunity"),
    (PACE_E + ["--actual", "lead=1", "--actual", "lead=2"],
     "--actual 'lead=2': that stage is given already (once per stage)"),
    (PACE_E + ["--open", "opportunity=-2"], "--open 'opportunity=-2': " + MSG["negative"]),
    (PACE_E + ["--actual-deals", "-1"], "--actual-deals '-1': " + MSG["negative"]),
    (PACE_E + ["--actual-revenue", "100"], "--actual-revenue '100': " + MSG["size"]),
    (PACE_E + ["--off-track", "96%"], "--off-track '96%': " + MSG["off_track"]),
    (PACE_E + ["--at-risk", "50%"], "--at-risk '50%': " + MSG["at_risk"]),
    (PACE_E + ["--at-risk", "90%", "--off-track", "95%"],
     "--off-track '95%': " + MSG["off_track"]),
    (PACE_E + ["--at-risk", "1001%", "--off-track", "95%"],
     "--at-risk '1001%': " + MSG["at_risk"]),
    (PACE_E + ["--at-risk", "0"], "--at-risk '0': " + MSG["at_risk"]),
    (PACE_E + ["--off-track", "0"], "--off-track '0': " + MSG["off_track"]),
    # months and shares (fpl_elapsed_parse), refused naming --elapsed only
    (PACE + ["--elapsed", "2m"], "--elapsed '2m': " + MSG["elapsed"]),
    (PACE + ["--elapsed", "13m", "--per", "year"], "--elapsed '13m': " + MSG["elapsed"]),
    (PACE + ["--elapsed", "4 weeks"], "--elapsed '4 weeks': " + MSG["nan"]),
    (PACE + ["--elapsed", "4"],
     "--elapsed '4': " + MSG["elapsed"] + ": did you mean 4m (4 months) or 4%?"),
    (PACE + ["--elapsed", "33"], "--elapsed '33': " + MSG["elapsed"] + ": did you mean 33%?"),
    (PACE + ["--elapsed", "4m", "--start", "2027-01-01"],
     "--elapsed '4m': give --elapsed or --start, not both"),
    (PACE + ["--elapsed", "4m", "--as-of", "2027-01-01"],
     "--elapsed '4m': give --elapsed or --as-of, not both"),
    (PACE_E + ["--reps", "0"], "--reps '0': " + MSG["reps"]),
    (PACE_E + ["--lag", "lead=-1d"], "--lag 'lead=-1d': " + MSG["lag"]),
    (PACE_E + ["--lag", "lead=100m", "--lag", "opportunity=21m"],
     "--lag 'opportunity=21m': " + MSG["lag"]),
    (["pace", "--stage", "lead=10%", "--elapsed", "50%"],
     "pace: a target is needed: --revenue with --deal-size, or --deals"),
    (["pace", "--stage", "lead=10%", "--revenue", "100", "--elapsed", "50%"],
     "--revenue '100': " + MSG["size"]),
    (PACE_E + ["--months", "3"],
     "pace: unknown option '--months' for this command (see funnelplan pace --help)"),
]


class TestRefusals(ScheduleTestCase):
    def assertRefusedExactly(self, args, message):
        err = self.assertRefused(args, 2)
        self.assertEqual(err, "funnelplan: " + message + "\n", "args %r" % (args,))

    def test_schedule_refuses_bad_argument_lists(self):
        for args, message in SCHEDULE_BAD:
            with self.subTest(args=args):
                self.assertRefusedExactly(args, message)

    def test_pace_refuses_bad_argument_lists(self):
        for args, message in PACE_BAD:
            with self.subTest(args=args):
                self.assertRefusedExactly(args, message)

    def test_good_lists_beside_the_bad_ones_pass(self):
        # the same lists with the fault removed run: the refusals are about it
        for args in (SCHED_START, SCHED_START + ["--seasonality", TWELVE],
                     SCHED_START + ["--lag", "lead=60m", "--lag", "opportunity=60m"],
                     PACE_E, PACE_E + ["--at-risk", "1000%", "--off-track", "95%"],
                     PACE + ["--start", "2027-01-10", "--as-of", "2027-01-10"],
                     PACE_E + ["--actual", "lead=0", "--open", "opportunity=0",
                               "--actual-deals", "0"]):
            with self.subTest(args=args):
                self.ok(args)


class TestHelp(ScheduleTestCase):
    def test_command_help_comes_from_the_option_table(self):
        want = {
            "schedule": ["--stage", "--start", "--months", "--revenue", "--deals",
                         "--deal-size", "--seasonality", "--monthly-deals",
                         "--monthly-revenue", "--lag", "--reps", "--quota", "--attainment",
                         "--per", "--cost-per-lead", "--margin", "--format", "--help"],
            "pace": ["--stage", "--revenue", "--deals", "--deal-size", "--elapsed", "--start",
                     "--as-of", "--actual", "--actual-deals", "--actual-revenue", "--open",
                     "--lag", "--at-risk", "--off-track", "--reps", "--per", "--cost-per-lead",
                     "--margin", "--format", "--help"],
        }
        for cmd, options in want.items():
            for args in ([cmd, "--help"], ["--help", cmd]):
                with self.subTest(args=args):
                    out = self.ok(args)
                    self.assertTrue(out.startswith("Usage: funnelplan " + cmd + " --stage"))
                    self.assertEqual(re.findall(r"^  (--[a-z-]+)", out, re.M), options)
                    self.assertIn("CSV:", out)
                    self.assertIn("Exit status", out)

    def test_help_examples_run(self):
        for cmd in ("schedule", "pace"):
            with self.subTest(cmd=cmd):
                out = self.ok([cmd, "--help"])
                example = out.split("Example:\n")[1].split("\n\n")[0]
                words = example.replace("\\\n", " ").split()
                self.assertEqual(words[:2], ["funnelplan", cmd])
                self.ok(words[1:])


if __name__ == "__main__":
    unittest.main()

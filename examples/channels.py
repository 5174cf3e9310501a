#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Which lead channels pay, and the cheapest mix that meets the target.

The guide's three channels, for a funnel where 20% of leads become SQLs, half
of those become opportunities and a quarter of those close, at deals of 4,000
and a 60% gross margin:

- search at 40 a lead, at most 600 leads a month;
- webinars at 90 a lead, at most 300, whose leads qualify at 40% (not 20%);
- display at 35 a lead, unlimited, whose leads are half as good.

Then when the leads must come in for a year of it (schedule). Every figure printed is checked
against the guide; the script exits 1 on a mismatch.

    PYTHONPATH=bindings/python python3 examples/channels.py
"""

import sys

import funnelplan as fp

failures = 0


def check(what, got, want, tolerance=1e-9):
    global failures
    if not abs(got - want) <= tolerance * max(1.0, abs(want)):
        print("channels.py: %s is %r, expected %r" % (what, got, want), file=sys.stderr)
        failures += 1


funnel = fp.Funnel([("lead", "20%"), ("sql", "50%"), ("opportunity", "25%")], deal_size=4000)
mix = funnel.channels(["search: cost-per-lead=40, capacity=600",
                       "webinars: cost-per-lead=90, capacity=300, rate=40%",
                       "display: cost-per-lead=35, quality=0.5"],
                      deals=40, margin="60%")
mix_dict = mix.to_dict()      # the same object as `funnelplan channels ... --format json`
print("the cheapest mix for 40 deals a month:")
for ch in mix_dict["channels"]:
    print("  %-9s %5.0f leads  %4.1f deals  cost per deal %6.0f  break-even %4.0f a lead%s"
          % (ch["name"], ch["leads"], ch["deals"], ch["cost_per_deal"],
             ch["break_even_cost_per_lead"], "  (loses money)" if ch["loses_money"] else ""))
total = mix_dict["total"]
print("  total cost %.0f, %.0f a deal; one more deal costs %.0f (%s)"
      % (total["cost"], total["cost_per_deal"], mix_dict["marginal"]["cost_per_deal"],
         mix_dict["marginal"]["channel"]))
by_name = {ch["name"]: ch for ch in mix_dict["channels"]}
check("search leads", by_name["search"]["leads"], 600)
check("webinar leads", by_name["webinars"]["leads"], 300)
check("display leads", by_name["display"]["leads"], 800)
check("cost", total["cost"], 79000)
check("cost per deal", total["cost_per_deal"], 1975)
check("marginal cost per deal", mix_dict["marginal"]["cost_per_deal"], 2800)
check("display break-even", by_name["display"]["break_even_cost_per_lead"], 30)

# A year of the same funnel, leads two weeks before SQLs, SQLs a month before
# opportunities, six weeks to close.
year = funnel.schedule("2027-01", deals=40, per="month",
                       lags={"lead": "2w", "sql": "1m", "opportunity": "6w"})
first = year.to_dict()["rows"][0]
print("the leads of January 2027's deals start in %s (%d months before)"
      % (first["month"], year.lead_months))
check("leads over the year", year.to_dict()["stages"][0]["total"], 40 * 12 / 0.025)

sys.exit(1 if failures else 0)

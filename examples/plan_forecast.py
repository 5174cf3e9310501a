#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Worked examples 1 and 2 of the guide, from Python.

Run from the repository root after building (see README.md):

    PYTHONPATH=bindings/python python3 examples/plan_forecast.py

The package finds the shared library in the build tree, or wherever
FUNNELPLAN_LIBRARY points. Every figure is asserted, so the script doubles as
a test (suite `examples`).
"""

import math

import funnelplan as fp


def close(got, want):
    """Equal up to the last few bits: 20000 / 12 is a double, not a decimal."""
    return math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)


def example_1():
    """An annual plan: 1,000,000 a year at deals of 50,000, lead 1% -> accepted 10%."""
    funnel = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
    plan = funnel.plan(revenue=1_000_000, per="year")
    lead, accepted = plan.stages
    print(f"example 1: {plan.deals:g} deals a year ({plan.deals_whole} whole), "
          f"{accepted.required:,.0f} accepted leads, {lead.required:,.0f} leads")

    assert close(plan.deals, 20)
    assert plan.deals_whole == 20
    assert close(accepted.required, 200) and accepted.required_whole == 200
    assert close(lead.required, 20_000) and lead.required_whole == 20_000

    # The same object as `funnelplan plan ... --format json`.
    d = plan.to_dict()
    assert d["command"] == "plan" and d["per"] == "year"
    assert d["revenue"] == 1_000_000 and d["deal_size"] == 50_000
    assert [s["name"] for s in d["stages"]] == ["lead", "accepted"]
    assert close(d["stages"][0]["cumulative_rate"], 0.001)
    month = d["by_period"]["month"]
    print(f"           per month: {month['stages'][0]['required']:,.2f} leads, "
          f"{month['stages'][1]['required']:,.2f} accepted, {month['deals']:.2f} deals")
    assert close(month["stages"][0]["required"], 20_000 / 12)   # 1,666.67
    assert close(month["stages"][1]["required"], 200 / 12)      # 16.67
    assert close(month["deals"], 20 / 12)                       # 1.67
    assert close(d["by_period"]["quarter"]["stages"][0]["required"], 5_000)

    # Forward again: the planned leads give the target back.
    forecast = funnel.forecast(volume=lead.required, per="year", revenue=1_000_000)
    f = forecast.to_dict()
    print(f"           forecast from {f['volume']:,.0f} leads: {f['deals']:g} deals, "
          f"revenue {f['revenue']:,.0f}, attainment {f['attainment']:g}")
    assert f["command"] == "forecast" and f["at"] == "lead"
    assert close(forecast.deals, 20)
    assert close(f["revenue"], 1_000_000)
    assert close(f["attainment"], 1)


def example_2():
    """A monthly opportunity target: 100,000 a month at 4,000, a third close."""
    funnel = fp.Funnel([("opportunity", "1/3")], deal_size="4,000")
    plan = funnel.plan(revenue="100k", per="month")
    opp = plan.stages[0]
    year = plan.to_dict()["by_period"]["year"]
    print(f"example 2: {plan.deals:g} deals and {opp.required_whole} opportunities a month; "
          f"{year['deals']:g} deals and {year['stages'][0]['required']:g} opportunities a year")
    assert close(plan.deals, 25) and plan.deals_whole == 25
    assert opp.required_whole == 75          # not 76: tolerant rounding
    assert close(opp.required, 75)
    assert close(year["deals"], 300)
    assert close(year["stages"][0]["required"], 900)

    # Deals given directly, no deal size: revenue does not exist.
    d = fp.Funnel([("opportunity", "1/3")]).plan(deals=25).to_dict()
    assert d["revenue"] is None and d["deal_size"] is None
    assert d["stages"][0]["required_whole"] == 75


def bad_input():
    """Bad input raises FunnelError, a ValueError with the library's message."""
    try:
        fp.Funnel([("lead", "150%")]).plan(deals=10)
    except fp.FunnelError as e:
        assert isinstance(e, ValueError)
        print(f"bad input: {e}")
    else:
        raise AssertionError("a rate of 150% was accepted")


if __name__ == "__main__":
    example_1()
    example_2()
    bad_input()
    print("all figures as in the guide")

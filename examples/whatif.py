#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What is an improvement worth? Worked example 3 of the guide, from Python.

75 opportunities a month close at 33%, at 4,000 a deal. If the close rate
improves by 10% (relative) to 36.3%, what is that worth over 12 months, and
does an investment of 50,000 in it pay? Then: which lever of a funnel pays
most, and what close rate would make 125,000 a month.

Run from the repository root after building (see README.md):

    PYTHONPATH=bindings/python python3 examples/whatif.py

The package finds the shared library in the build tree, or wherever
FUNNELPLAN_LIBRARY points. Every figure is asserted, so the script doubles as
a test (suite `examples`).
"""

import math

import funnelplan as fp


def close(got, want):
    """Equal to 1e-9, relative: 33% x 1.1 has no exact binary form, so the
    118,800 gained comes out as 118800.00000000017."""
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def roi_of_a_better_close_rate():
    """Worked example 3, volume held: the same 75 opportunities, more deals."""
    funnel = fp.Funnel([("opportunity", "33%")], deal_size=4000)
    w = funnel.whatif(volume=75, at="opportunity", changes={"opportunity": "+10%"},
                      horizon=12, invest=50_000)
    base, scen = w.baseline.by_period["year"], w.scenario.by_period["year"]
    print(f"close rate 33% -> {w.scenario.stages[0].rate:.1%}, 75 opportunities a month")
    print(f"  baseline: {base.deals:7.2f} deals, revenue {base.revenue:12,.2f} a year")
    print(f"  scenario: {scen.deals:7.2f} deals, revenue {scen.revenue:12,.2f} a year")
    print(f"  gain:     {w.delta.deals * w.horizon:7.2f} deals, revenue "
          f"{w.delta.revenue_horizon:12,.2f} over {w.horizon} months "
          f"({w.delta.revenue:,.2f} a month)")
    # Counting whole deals gives 326 x 4,000 = 1,304,000; the source's
    # 1,306,000 is neither that nor the exact 1,306,800.
    print(f"  counted in whole deals: {math.floor(scen.deals)}, "
          f"i.e. {math.floor(scen.deals) * 4000:,}")
    print(f"  invest 50,000: roi {w.roi:.4g}, payback {w.payback_periods:.3g} months")

    assert w.mode == "volume" and w.horizon == 12
    assert close(base.deals, 297) and close(base.revenue, 1_188_000)
    assert close(scen.deals, 326.7) and close(scen.revenue, 1_306_800)
    assert math.floor(scen.deals) * 4000 == 1_304_000
    assert close(w.delta.deals, 2.475)
    assert close(w.delta.revenue, 9_900)
    assert close(w.delta.revenue_horizon, 118_800)      # not the source's 118,000
    assert close(w.delta.gain_horizon, 118_800)         # margin 100%, no cost
    assert close(w.roi, (118_800 - 50_000) / 50_000)    # 1.376
    assert close(w.payback_periods, 50_000 / 9_900)     # 5.05 months

    # The same object as `funnelplan whatif ... --format json`.
    d = w.to_dict()
    assert d["command"] == "whatif" and d["mode"] == "volume"
    assert d["changes"] == [{"lever": "opportunity", "kind": "relative", "value": 0.1}]
    assert d["baseline"]["command"] == "forecast"
    assert close(d["delta"]["revenue_horizon"], 118_800)
    assert d["delta"]["cost"] is None                   # no cost per lead
    assert close(d["roi"], 1.376)

    # At a gross margin of 40% the same improvement does not pay within a year.
    w40 = funnel.whatif(volume=75, changes={"opportunity": "+10%"}, horizon=12,
                        invest=50_000, margin="40%")
    print(f"  at a margin of 40%: gain {w40.delta.gain_horizon:,.2f}, roi {w40.roi:.4g}, "
          f"payback {w40.payback_periods:.4g} months")
    assert close(w40.delta.gain_horizon, 47_520)
    assert close(w40.roi, (47_520 - 50_000) / 50_000)
    assert close(w40.payback_periods, 50_000 / 3_960)


def the_same_target_for_less():
    """Target held (worked example 2): a close rate of 40% instead of a third
    needs 62.5 opportunities instead of 75; at 200 each that saves 2,500 a
    month."""
    funnel = fp.Funnel([("opportunity", "1/3")], deal_size=4000, cost_per_lead=200)
    w = funnel.whatif(revenue=100_000, changes=[("opportunity", "40%")], invest=20_000)
    print(f"target held: {w.baseline.stages[0].required:g} -> "
          f"{w.scenario.stages[0].required:g} opportunities a month, "
          f"saves {-w.delta.cost:,.2f} a month; roi {w.roi:g}, "
          f"payback {w.payback_periods:g} months")
    assert w.mode == "target" and w.horizon == 12       # the periods in a year
    assert close(w.delta.volume, -12.5)
    assert close(w.delta.revenue, 0)                    # the target is held
    assert close(w.delta.cost, -2_500)
    assert close(w.delta.gain_horizon, 30_000)
    assert close(w.roi, 0.5) and close(w.payback_periods, 8)


def which_lever_pays_most():
    """Sensitivity: +1pp on every stage, +10% on the deal size, ranked."""
    funnel = fp.Funnel([("lead", "10%"), ("sql", "50%"), ("opportunity", "25%")],
                       deal_size=4000)
    s = funnel.sensitivity(volume=2000)
    print("which lever pays most (2,000 leads a month, revenue gained a month):")
    for row in s.rows:
        print(f"  {row.lever:12} {row.from_:>8g} -> {row.to:<8g} "
              f"{row.revenue_delta:+10,.2f}  share {row.share:.2f}")
    # A point is worth most on the weakest stage: +1pp on 10% is +10% of the
    # deals, on 25% +4%, on 50% only +2%.
    assert [r.lever for r in s.rows] == ["lead", "deal-size", "opportunity", "sql"]
    for row, effect, share in zip(s.rows, [10_000, 10_000, 4_000, 2_000], [1, 1, 0.4, 0.2]):
        assert close(row.revenue_delta, effect) and close(row.share, share), row

    # Equal relative steps move revenue equally: +10% anywhere is +10,000.
    s10 = funnel.sensitivity(volume=2000, step="+10%")
    assert all(close(r.revenue_delta, 10_000) for r in s10.rows)
    print("  +10% on any lever:", ", ".join(f"{r.lever} {r.revenue_delta:+,.0f}"
                                            for r in s10.rows))

    # Target held, the volume saved follows the same ranking.
    t = funnel.sensitivity(revenue=100_000)
    assert [r.lever for r in t.rows] == ["lead", "deal-size", "opportunity", "sql"]
    assert close(t.rows[0].volume_delta, 2000 * 0.01 / 0.11)     # 181.82 leads saved
    assert close(t.rows[3].volume_delta, 2000 * 0.01 / 0.51)     # 39.22
    assert t.to_dict()["rows"][0]["lever"] == "lead"

    # The single-stage funnel of worked example 3: the deal size first.
    e3 = fp.Funnel([("opportunity", "33%")], deal_size=4000).sensitivity(volume=75)
    assert [r.lever for r in e3.rows] == ["deal-size", "opportunity"]
    assert close(e3.rows[0].revenue_delta, 9_900) and close(e3.rows[1].revenue_delta, 3_000)


def goal_seek():
    """The close rate, volume and deal size that make 125,000 a month."""
    funnel = fp.Funnel([("opportunity", "33%")], deal_size=4000)
    print("goal seek for 125,000 a month from 75 opportunities:")
    for lever, want in [("opportunity", 31.25 / 75), ("volume", 75 * 31.25 / 24.75),
                        ("deal-size", 125_000 / 24.75)]:
        s = funnel.solve(lever=lever, volume=75, revenue=125_000)
        print(f"  {s.lever:12} {s.current:>8g} -> {s.value:<10.6g} ({s.change:+.2%})")
        assert close(s.value, want) and close(s.change, 31.25 / 24.75 - 1)
        assert s.to_dict()["command"] == "solve"

    # 400,000 a month needs a close rate of 133%: no answer.
    try:
        funnel.solve(lever="opportunity", volume=75, revenue=400_000)
    except fp.FunnelError as e:
        assert e.status == "FPL_ERR_UNREACHABLE" and not e.is_input_error
        print(f"  400,000 a month: {e}")
    else:
        raise AssertionError("a close rate of 133% was found")


def out_of_range():
    """A change that pushes a rate over 100% is a question without an answer."""
    funnel = fp.Funnel([("opportunity", "33%")], deal_size=4000)
    try:
        funnel.whatif(volume=75, changes={"opportunity": "+70pp"})
    except fp.FunnelError as e:
        assert e.status == "FPL_ERR_CHANGE_RANGE" and not e.is_input_error
        print(f"opportunity +70pp: {e}")
    else:
        raise AssertionError("a close rate of 103% was accepted")


if __name__ == "__main__":
    roi_of_a_better_close_rate()
    the_same_target_for_less()
    which_lever_pays_most()
    goal_seek()
    out_of_range()
    print("all figures as in the guide")

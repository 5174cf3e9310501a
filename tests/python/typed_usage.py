# funnelplan — a script as an analyst would write it, type-checked by
# check_types.py (never run): the package's type hints carry the types of
# every result's fields through to the caller.
# SPDX-License-Identifier: MIT

from typing import List, Optional, Tuple

import funnelplan as fp

funnel = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
plan: fp.Plan = funnel.plan(revenue="1M", per="year")
required: float = plan.stages[0].required
whole: int = plan.stages[0].required_whole
per_month: float = plan.by_period.month.stages[0].required
budget: Optional[float] = plan.by_period["year"].budget
forecast: fp.Forecast = funnel.forecast(volume=200, at="accepted", per="year")
revenue: Optional[float] = forecast.by_period.quarter.revenue
whatif: fp.WhatIf = funnel.whatif(volume=75, at="accepted", changes={"accepted": "+10%"})
gain: float = whatif.delta.gain_horizon
odds: fp.Odds = fp.Funnel([("lead", "12%")]).odds(100, deals=12)
needed: Optional[int] = odds.volume_needed(0.9)
schedule: fp.Schedule = funnel.schedule("2027-01", 12, deals=20, per="year")
entering: Tuple[float, ...] = schedule.entering("lead")
pace: fp.Pace = funnel.pace(deals=2, elapsed="50%", actual={"lead": 100})
status: Optional[str] = pace["lead"].status
scored: fp.Score = fp.score("id,budget,authority,need,timing\nacme,1,1,1,1\n")
ids: List[str] = [r.id for r in scored.rows]
table: str = str(plan) + plan.to_csv()
as_json: dict = plan.to_dict()

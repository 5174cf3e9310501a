# funnelplan — sales-funnel planning, from Python.
# SPDX-License-Identifier: MIT
"""Sales-funnel planning over ``libfunnelplan`` (ctypes, standard library only).

>>> import funnelplan as fp
>>> funnel = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
>>> p = funnel.plan(revenue="1M", per="year")
>>> p.deals, p.deals_whole, p.stages[0].required_whole
(20.0, 20, 20000)
>>> round(p.by_period.month.stages[0].required, 2)
1666.67
>>> f = funnel.forecast(volume=200, at="accepted", per="year")
>>> f.deals, f.revenue
(20.0, 1000000.0)

>>> w = fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
...     volume=75, changes={"opportunity": "+10%"}, horizon=12, invest=50_000)
>>> round(w.delta.revenue_horizon, 6), round(w.roi, 6), round(w.payback_periods, 6)
(118800.0, 1.376, 5.050505)

The odds of the target, not just its expected value (``Funnel.odds``, an
:class:`Odds`: the exact binomial model, the volume for each confidence
level in :class:`OddsLevel` rows, :class:`Quantiles` of deals, and with
Monte Carlo an :class:`OddsSimulation` with its :class:`OddsStdError` and
:class:`OddsHistory`); ``Funnel.plan(..., confidence="90%")`` adds the
volume every stage needs for that chance:

>>> o = fp.Funnel([("lead", "12%")]).odds(100, deals=12)
>>> round(o.p_hit, 4), o.volume_needed(0.9)
(0.5458, 136)

Month by month (``Funnel.schedule``, a :class:`Schedule`): the volume every
stage must take in each calendar month (:class:`ScheduleRow`), with
seasonality or a :class:`MonthlyTarget`, the lag of every stage
(:class:`ScheduleStage`), reps and quota, and the sales :class:`Velocity`;
and actuals against plan (``Funnel.pace``, a :class:`Pace`): every stage
(:class:`PaceStage`), the deals and revenue (:class:`PaceRow`), the earliest
:class:`PaceWarning` and the pipeline :class:`Coverage` of the
:class:`OpenPipeline`. Lags are kept in months of :data:`DAYS_PER_MONTH` days:

>>> f = fp.Funnel([("lead", "10%"), ("opportunity", "25%")])
>>> s = f.schedule("2027-01", 12, deals=120, per="year",
...                lags={"lead": "1m", "opportunity": "2m"})
>>> s.rows[0].month, round(s.rows[0].entering[0], 9), s.rows[3].deals
('2026-10', 400.0, 10.0)
>>> p = f.pace(deals=30, per="quarter", elapsed="50%", actual={"lead": 450})
>>> p["lead"].attainment, p["lead"].status, p.warning.stage
(0.75, 'off track', 'lead')

Lead qualification (:func:`score`, a :class:`Score`): a CSV file of leads
scored against weighted criteria (:class:`Criteria`, BANT by default; one
lead at a time with :meth:`Criteria.score`, a :class:`LeadScore`), banded
hot, warm or cold and ranked (:class:`ScoredLead`; rows at fault in
:class:`SkippedRow`); and lead mixes (``Funnel(..., mix=...)``: the
:class:`Segment` shares and rates of a :class:`Mix` blend into a stage's
rate):

>>> s = fp.score("id,budget,authority,need,timing\\nacme,yes,yes,no,yes\\n")
>>> s.rows[0].score, s.rows[0].band, s.rows[0].missing
(75.0, 'hot', ('need',))
>>> fp.Funnel([("mql", "10%")], mix={"mql": "hot:50%@40%,cold:50%@10%"}).stages[0].rate
0.25

``to_dict()`` of every result (:class:`Plan`, :class:`Forecast`,
:class:`WhatIf`, :class:`Sensitivity`, :class:`Solve`, :class:`Odds`,
:class:`Channels`, :class:`Schedule`, :class:`Pace`, :class:`Score`) returns
the very object that ``funnelplan plan|forecast|whatif|sensitivity|solve|odds|
channels|schedule|pace|score ... --format json`` prints.
:func:`plan_batch` plans millions of funnels of one stage count in one call,
over buffers (``array.array``, numpy arrays) that it reads without copying;
:func:`plan_many` plans a list of dicts or a DataFrame, one row per record.
Every refusal raises
:class:`FunnelError` (a ``ValueError``) with the library's status and message.

The shared library is looked for in ``$FUNNELPLAN_LIBRARY``, next to this
package, in the libdir of the installation (``meson install`` records it in
``_paths.py``), in the source tree's ``build*/`` directories, then on the
system (``ctypes.util.find_library``); :data:`library_path` says which was
used.
"""

from ._errors import FunnelError, FunnelTypeError
from ._native import library_path, version_string as __version__
from ._model import (PERIODS, Forecast, ForecastPeriod, ForecastStage, Funnel, Periods, Plan,
                     Mix, PlanPeriod, PlanStage, Segment, Stage, StageExpected, StageRequired,
                     parse_amount, parse_rate)
from ._whatif import (Change, Sensitivity, SensitivityRow, Solve, WhatIf, WhatIfDelta)
from ._batch import BatchFunnel, PlanBatch, plan_batch
from ._many import plan_many
from ._odds import Odds, OddsHistory, OddsLevel, OddsSimulation, OddsStdError, Quantiles
from ._channels import (ChannelFigures, ChannelMost, Channels, ChannelTarget, ChannelTotal,
                        Marginal)
from ._schedule import (DAYS_PER_MONTH, Coverage, MonthlyTarget, OpenPipeline, Pace, PaceRow,
                        PaceStage, PaceWarning, Schedule, ScheduleRow, ScheduleStage, Velocity)
from ._learn import Learned, LearnedSkip, learn
from ._score import (PRESETS, Bands, Criteria, Criterion, LeadScore, Score, ScoredLead,
                     ScoreFit, SkippedRow, auc, fit_score, score)

__all__ = ["__version__", "library_path", "FunnelError", "FunnelTypeError", "PERIODS", "Funnel",
           "Stage", "Plan", "PlanStage", "PlanPeriod", "StageRequired", "Forecast",
           "ForecastStage", "ForecastPeriod", "StageExpected", "Periods", "WhatIf",
           "WhatIfDelta", "Change", "Sensitivity", "SensitivityRow", "Solve", "parse_amount",
           "parse_rate", "plan_batch", "plan_many", "PlanBatch", "BatchFunnel", "Odds", "OddsLevel",
           "Quantiles", "OddsSimulation", "OddsStdError", "OddsHistory", "Channels",
           "ChannelFigures", "ChannelTotal", "ChannelTarget", "Marginal", "ChannelMost",
           "DAYS_PER_MONTH", "Schedule", "ScheduleStage", "ScheduleRow", "MonthlyTarget",
           "Velocity", "Pace", "PaceRow", "PaceStage", "PaceWarning", "Coverage",
           "OpenPipeline", "Mix", "Segment", "score", "Score", "ScoredLead", "SkippedRow",
           "Bands", "Criteria", "Criterion", "LeadScore", "ScoreFit", "fit_score", "auc",
           "PRESETS", "learn", "Learned", "LearnedSkip"]

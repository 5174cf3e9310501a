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

``to_dict()`` of every result (:class:`Plan`, :class:`Forecast`,
:class:`WhatIf`, :class:`Sensitivity`, :class:`Solve`) returns the very
object that ``funnelplan plan|forecast|whatif|sensitivity|solve ...
--format json`` prints. :func:`plan_batch` plans millions of funnels of one
stage count in one call, over buffers (``array.array``, numpy arrays) that it
reads without copying. Every refusal raises
:class:`FunnelError` (a ``ValueError``) with the library's status and message.

The shared library is looked for in ``$FUNNELPLAN_LIBRARY``, next to this
package, in the source tree's ``build*/`` directories, then on the system
(``ctypes.util.find_library``); :data:`library_path` says which was used.
"""

from ._errors import FunnelError, FunnelTypeError
from ._native import library_path, version_string as __version__
from ._model import (PERIODS, Forecast, ForecastPeriod, ForecastStage, Funnel, Periods, Plan,
                     PlanPeriod, PlanStage, Stage, StageExpected, StageRequired, parse_amount,
                     parse_rate)
from ._whatif import (Change, Sensitivity, SensitivityRow, Solve, WhatIf, WhatIfDelta)
from ._batch import BatchFunnel, PlanBatch, plan_batch

__all__ = ["__version__", "library_path", "FunnelError", "FunnelTypeError", "PERIODS", "Funnel",
           "Stage", "Plan", "PlanStage", "PlanPeriod", "StageRequired", "Forecast",
           "ForecastStage", "ForecastPeriod", "StageExpected", "Periods", "WhatIf",
           "WhatIfDelta", "Change", "Sensitivity", "SensitivityRow", "Solve", "parse_amount",
           "parse_rate", "plan_batch", "PlanBatch", "BatchFunnel"]

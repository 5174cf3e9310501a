# funnelplan — a part's to_dict() is its piece of the result's to_dict().
# SPDX-License-Identifier: MIT
"""The stages, periods, changes, rows, quantiles and channels of a result
give, from ``to_dict()``, the very piece of the result's object (the
library's view walked down to them), also after a pickle round trip."""

import pickle
import unittest

import fpl_support  # noqa: F401  (puts the package on the path)

import funnelplan as fp


def funnel():
    return fp.Funnel([("lead", "10%"), ("opp", "25%"), ("demo", "50%")], deal_size=4000,
                     cost_per_lead=3, mix={"lead": "hot:20%@30%,cold:80%@5%"})


class PartsArePiecesOfTheResult(unittest.TestCase):

    def test_plan(self):
        p = funnel().plan(deals=12, confidence="90%")
        d = p.to_dict()
        self.assertEqual([s.to_dict() for s in p.stages], d["stages"])
        for name, period in p.by_period.items():
            self.assertEqual(period.to_dict(), d["by_period"][name])
            self.assertEqual([s.to_dict() for s in period.stages], d["by_period"][name]["stages"])
        self.assertEqual([m.to_dict() for m in p.mix], d["mix"])

    def test_forecast_from_a_lower_stage(self):
        f = fp.Funnel([("lead", "10%"), ("opp", "25%"), ("demo", "50%")], deal_size=4000)
        r = f.forecast(100, at="opp", deals=3)
        d = r.to_dict()
        self.assertEqual([s.to_dict() for s in r.stages], d["stages"])
        self.assertEqual(r.by_period.year.stages[0].to_dict(),
                         d["by_period"]["year"]["stages"][0])

    def test_whatif_sensitivity(self):
        w = funnel().whatif(volume=1000, changes={"opp": "+2pp", "deal-size": "+5%"}, horizon=6)
        d = w.to_dict()
        self.assertEqual([c.to_dict() for c in w.changes], d["changes"])
        self.assertEqual(w.delta.to_dict(), d["delta"])
        self.assertEqual(w.baseline.to_dict(), d["baseline"])
        self.assertEqual(w.scenario.stages[1].to_dict(), d["scenario"]["stages"][1])
        s = funnel().sensitivity(volume=1000)
        self.assertEqual([r.to_dict() for r in s.rows], s.to_dict()["rows"])

    def test_odds(self):
        o = funnel().odds(400, deals=3, confidence="75%", trials=300, deal_size_cv=0.3,
                          history={"opp": "5/20"})
        d = o.to_dict()
        self.assertEqual([v.to_dict() for v in o.volume_for], d["volume_for"])
        self.assertEqual(o.deals_quantiles.to_dict(), d["deals_quantiles"])
        sim = o.simulation
        self.assertEqual(sim.to_dict(), d["simulation"])
        self.assertEqual(sim.std_error.to_dict(), d["simulation"]["std_error"])
        self.assertEqual(sim.std_error.revenue_quantiles.to_dict(),
                         d["simulation"]["std_error"]["revenue_quantiles"])
        self.assertEqual([h.to_dict() for h in sim.history], d["simulation"]["history"])

    def test_channels(self):
        r = funnel().channels(["ads: cost-per-lead=40, capacity=1000", "b: cost-per-lead=4"],
                              deals=2)
        d = r.to_dict()
        self.assertEqual([c.to_dict() for c in r.channels], d["channels"])
        for key in ("target", "total", "marginal"):
            self.assertEqual(getattr(r, key).to_dict(), d[key])

    def test_after_a_pickle(self):
        p = funnel().plan(deals=12)
        again = pickle.loads(pickle.dumps(p))
        self.assertEqual(again.stages[0].to_dict(), p.stages[0].to_dict())
        self.assertEqual(again.by_period.month.to_dict(), p.by_period.month.to_dict())

    def test_a_part_built_by_hand_gives_its_fields(self):
        self.assertEqual(fp.Quantiles(1, 2, 3).to_dict(), {"p10": 1, "p50": 2, "p90": 3})
        self.assertEqual(fp.Change("lead", "set", 0.5).to_dict(),
                         {"lever": "lead", "kind": "set", "value": 0.5})


if __name__ == "__main__":
    unittest.main()

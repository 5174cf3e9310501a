# SPDX-License-Identifier: MIT
"""to_dict() comes from the library's description of a result, and keeps its
types: a figure held in a double is a float even when it is whole (20 deals
of a revenue target are 20.0), a whole count is an int. The JSON text cannot
tell them apart ("20" either way), so a to_dict() read back from the text
would turn floats into ints."""

import unittest

import funnelplan as fp


def leaves(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, path + "/" + k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, "%s/%d" % (path, i))
    else:
        yield path, obj


class ToDictKeepsTypes(unittest.TestCase):

    def test_whole_figures_in_doubles_stay_floats(self):
        f = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
        d = f.plan(revenue=1_000_000, per="year").to_dict()
        self.assertIs(type(d["deals"]), float)
        self.assertEqual(d["deals"], 20.0)
        self.assertIs(type(d["deals_whole"]), int)
        self.assertIs(type(d["stages"][0]["required"]), float)
        self.assertIs(type(d["stages"][0]["required_whole"]), int)
        w = fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
            volume=75, changes={"opportunity": "+10%"}, horizon=12, invest=50_000).to_dict()
        self.assertIs(type(w["baseline"]["volume"]), float)
        self.assertIs(type(w["horizon"]), int)

    def test_every_number_of_every_result_is_a_float_or_a_count(self):
        f = fp.Funnel([("lead", "1%"), ("accepted", 0.10)], deal_size=50_000)
        results = {
            "plan": f.plan(revenue=1_000_000, per="year"),
            "forecast": f.forecast(volume=20_000, per="year", revenue=1_000_000),
            "channels": f.channels(["ads: cost-per-lead=40, capacity=1000, rate=2%"], deals=2),
            "schedule": f.schedule("2027-01", months=3, revenue=1_000_000, per="year"),
        }
        for name, result in results.items():
            for path, value in leaves(result.to_dict()):
                with self.subTest(result=name, path=path):
                    self.assertIn(type(value), (float, int, str, bool, type(None)))
                    if type(value) is int:
                        self.assertGreaterEqual(value, 0)


if __name__ == "__main__":
    unittest.main()

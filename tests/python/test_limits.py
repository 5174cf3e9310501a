# funnelplan — the limits Python reads from the library (limits.h) instead
# of restating them.
# SPDX-License-Identifier: MIT
import unittest

import fpl_support  # noqa: F401  (sets the import path)
import funnelplan as fp
from funnelplan import _odds
from funnelplan import _native


class LimitsComeFromTheLibrary(unittest.TestCase):
    def test_the_limits_of_the_specification(self):
        L = _native.LIMITS
        self.assertEqual((L["stages"].min_whole, L["stages"].max_whole), (1, 32))
        self.assertEqual((L["channels"].min_whole, L["channels"].max_whole), (1, 32))
        self.assertEqual(L["changes"].max_whole, 40)
        self.assertEqual(L["confidence_levels"].max_whole, 16)
        self.assertEqual((L["trials"].min_whole, L["trials"].max_whole,
                          L["trials"].default_whole), (1, 10_000_000, 10_000))
        self.assertEqual((L["months"].max_whole, L["months"].default_whole), (120, 12))
        self.assertEqual((L["at_risk"].default_value, L["off_track"].default_value),
                         (0.95, 0.80))
        self.assertEqual(L["seed"].max_whole, 2 ** 64 - 1)

    def test_seed_max_is_the_librarys(self):
        self.assertEqual(_odds.SEED_MAX, 18446744073709551615)

    def test_a_33rd_channel_is_refused_with_the_count_status(self):
        f = fp.Funnel([("lead", "10%")])
        specs = ["c%d: cost-per-lead=10, leads=5" % i for i in range(33)]
        with self.assertRaises(fp.FunnelError) as cm:
            f.channels(specs)
        self.assertEqual(cm.exception.status, "FPL_ERR_CHANNEL_COUNT")


if __name__ == "__main__":
    unittest.main()

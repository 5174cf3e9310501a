# funnelplan — Funnel.channels(): lead channels from Python.
# SPDX-License-Identifier: MIT
"""``Funnel.channels()`` against an exact reference (fractions.Fraction) on
random cases the C tests did not name, its ``to_dict()`` against the CLI's
JSON, and refusals of bad input as :class:`FunnelError`.
"""

import math
import pickle
import random
import unittest
from fractions import Fraction as Fr

import fpl_channels_support as ref
from fpl_support import cli_path
from test_cli import cli_json, difference, run_cli

import funnelplan as fp

STAGES = [("lead", "20%"), ("sql", "50%"), ("opportunity", "25%")]
EXACT_STAGES = [("lead", Fr(1, 5)), ("sql", Fr(1, 2)), ("opportunity", Fr(1, 4))]
GUIDE = ["search: cost-per-lead=40, capacity=600, share=50%",
         "webinars: cost-per-lead=90, rate=40%, capacity=300, share=25%",
         "display: cost-per-lead=35, quality=0.5, share=25%"]


def funnel(**kw):
    return fp.Funnel(STAGES, **kw)


def fraction_args(stages):
    out = []
    for name, rate in stages:
        out += ["--stage", "%s=%d/%d" % (name, rate.numerator, rate.denominator)]
    return out


class KnownValues(unittest.TestCase):
    def test_guide_figures(self):
        r = funnel(deal_size=4000, margin="60%").channels(GUIDE, deals=40)
        self.assertEqual(r.mode, "cheapest")
        self.assertEqual(r.target, fp.ChannelTarget("deals", 40.0))
        self.assertEqual([c.leads for c in r.channels], [600, 300, 800])
        self.assertEqual(r["display"].cost_per_deal, 2800)
        self.assertTrue(r["display"].loses_money)
        self.assertEqual(r.losing, ("display",))
        self.assertEqual(r.ranking, ("search", "webinars", "display"))
        self.assertEqual(r.total.cost, 79000)
        self.assertEqual(r.total.gross_profit, 17000)
        self.assertEqual(r.marginal, fp.Marginal("display", 2800.0, "display"))
        self.assertIsNone(r.most)
        self.assertEqual(r["search"].rank, 1)
        self.assertAlmostEqual(r["webinars"].roi, 1 / 3, places=15)
        with self.assertRaises(KeyError):
            r["nope"]

    def test_mappings_equal_specs(self):
        f = funnel(deal_size=4000, margin="60%")
        a = f.channels(GUIDE, deals=40)
        b = f.channels([{"name": "search", "cost_per_lead": 40, "capacity": "600", "share": 0.5},
                        {"name": "webinars", "cost_per_lead": "90", "rate": "40%",
                         "capacity": 300, "share": "1/4"},
                        {"name": "display", "cost_per_lead": 35.0, "quality": 0.5,
                         "share": 0.25}], deals=40)
        self.assertEqual(a, b)
        self.assertEqual(pickle.loads(pickle.dumps(a)), a)

    def test_shares_and_the_most_they_can_deliver(self):
        f = funnel(deal_size=4000, margin="60%")
        r = f.channels(GUIDE, deals=30, allocate="shares")
        self.assertEqual(r.mode, "shares")
        self.assertIsNone(r.marginal.channel)
        self.assertEqual(r.most, fp.ChannelMost(1200.0, 33.75, 135000.0))
        with self.assertRaises(fp.FunnelError) as cm:
            f.channels(GUIDE, deals=40, allocate="shares")
        self.assertEqual(cm.exception.status, "FPL_ERR_CHANNEL_SHORT")
        self.assertFalse(cm.exception.is_input_error)
        self.assertEqual(cm.exception.most, fp.ChannelMost(1200.0, 33.75, 135000.0))

    def test_marginal_cost_is_one_more_deal(self):
        # issue 15: search and webinars full at 30 deals; one more deal is
        # display's, 35 / (1/80) = 2,800 (not webinars' 1,800).
        chans = [{"name": "search", "cost_per_lead": 40, "capacity": 600},
                 {"name": "webinars", "cost_per_lead": 90, "rate": "40%", "capacity": 300},
                 {"name": "display", "cost_per_lead": 35, "quality": 0.5}]
        r = funnel(deal_size=4000).channels(chans, deals=30)
        self.assertEqual(r.marginal, fp.Marginal("display", Fr(2800), "display"))
        r = funnel(deal_size=4000).channels(chans[:2], deals=30)
        self.assertIsNone(r.marginal)
        chans[1]["capacity"] = 310  # half a deal of room: 900 + 1,400
        r = funnel(deal_size=4000).channels(chans, deals=30)
        self.assertEqual(r.marginal, fp.Marginal("webinars", Fr(2300), "display"))

    def test_leads_and_spend_with_a_target(self):
        chans = [{"name": "search", "cost_per_lead": 40, "capacity": 600, "leads": 100},
                 {"name": "webinars", "cost_per_lead": 90, "rate": "40%", "spend": 9000},
                 {"name": "display", "cost_per_lead": 35, "quality": 0.5}]
        r = funnel(deal_size=4000).channels(chans, deals=30)
        self.assertEqual([c.leads for c in r.channels], [100, 100, 1800])
        self.assertEqual([c.committed for c in r.channels], [True, False, False])
        self.assertEqual([c.budget_leads for c in r.channels], [None, 100, None])
        self.assertEqual([c.at_budget for c in r.channels], [False, True, False])
        self.assertEqual(r.total.cost, 76000)
        with self.assertRaises(fp.FunnelError) as cm:
            funnel(deal_size=4000).channels(
                ["search: cost-per-lead=40, leads=100, share=50%",
                 "display: cost-per-lead=35, share=50%"], deals=8, allocate="shares")
        self.assertEqual(cm.exception.status, "FPL_ERR_CHANNEL_COMMITTED")
        self.assertEqual(cm.exception.field, "channel_leads")
        self.assertEqual(cm.exception.index, 0)

    def test_capacity_exhaustion_cheapest(self):
        f = funnel(deal_size=4000)
        specs = GUIDE[:2] + ["display: cost-per-lead=35, quality=0.5, capacity=200"]
        with self.assertRaises(fp.FunnelError) as cm:
            f.channels(specs, revenue=200_000)
        self.assertEqual(cm.exception.most.deals, 32.5)
        self.assertEqual(cm.exception.most.revenue, 130000)
        self.assertEqual(cm.exception.most.leads, 1100)


class AgainstTheExactReference(unittest.TestCase):
    def test_random_cases(self):
        rng = random.Random(777001)
        checked = short = 0
        for case in range(250):
            stages, chans = ref.random_case(rng)
            deal_size = Fr(rng.randint(100, 90000), 10)
            margin = Fr(rng.randint(1, 100), 100)
            mode = rng.choice(["volumes", "cheapest", "cheapest", "shares"])
            target = None
            if mode == "volumes":
                for c in chans:
                    c.leads = Fr(rng.randint(1, 5000))
                    if c.capacity is not None and c.capacity < c.leads:
                        c.capacity = c.leads + rng.randint(0, 100)
            elif rng.random() < 0.5:
                target = ("deals", Fr(rng.randint(1, 4000), 8))
            else:
                target = ("revenue", Fr(rng.randint(1, 10**7), 10))
            f = fp.Funnel([(n, "%d/%d" % (r.numerator, r.denominator)) for n, r in stages],
                          deal_size=float(deal_size), margin=float(margin))
            kw = {}
            if target is not None:
                kw[target[0]] = float(target[1])
            want = ref.reference(stages, chans, deal_size=deal_size, margin=margin,
                                 target=target, by_shares=mode == "shares")
            specs = [c.spec() for c in chans]
            with self.subTest(case=case, specs=specs, target=target, mode=mode):
                if isinstance(want, tuple):
                    with self.assertRaises(fp.FunnelError) as cm:
                        f.channels(specs, allocate="shares" if mode == "shares" else "cheapest",
                                   **kw)
                    self.assertEqual(cm.exception.status, "FPL_ERR_CHANNEL_SHORT")
                    most = want[1]
                    self.assertLessEqual(abs(Fr(cm.exception.most.deals) - most["deals"]),
                                         Fr(1, 10**12) * most["deals"])
                    short += 1
                    continue
                got = f.channels(specs, allocate="shares" if mode == "shares" else "cheapest",
                                 **kw).to_dict()
                problems = ref.mismatches(got, want)
                self.assertEqual(problems, [], "\n".join(problems[:8]))
                if mode == "cheapest":
                    ys = [Fr(c["rate_to_won"]) * (Fr(c["deal_size"])
                                                  if target[0] == "revenue" else 1)
                          for c in got["channels"]]
                    lp = ref.lp_cheapest_cost([Fr(c["cost_per_lead"]) for c in got["channels"]],
                                              ys, [c.capacity for c in chans], target[1])
                    self.assertLessEqual(abs(Fr(got["total"]["cost"]) - lp),
                                         Fr(1, 10**9) * max(lp, 1))
                    for c in got["channels"]:
                        self.assertLessEqual(c["leads"], c["capacity"] or math.inf)
                    self.assertLessEqual(abs(Fr(got["total"]["deals"]) - (
                        target[1] if target[0] == "deals" else Fr(got["total"]["deals"]))),
                        Fr(1, 10**12) * target[1])
                checked += 1
        self.assertGreater(checked, 100)
        self.assertGreater(short, 0)


class SameAsTheCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if cli_path() is None:
            raise unittest.SkipTest("the funnelplan CLI is not built")

    def test_to_dict_is_the_cli_json(self):
        rng = random.Random(99123)
        for case in range(25):
            stages, chans = ref.random_case(rng)
            specs = [c.spec() for c in chans]
            mode = rng.choice(["cheapest", "shares", "volumes"])
            if mode == "volumes":
                for c in chans:
                    c.capacity = None
                    c.leads = Fr(rng.randint(1, 900))
                specs = [c.spec() for c in chans]
            f = fp.Funnel([(n, "%d/%d" % (r.numerator, r.denominator)) for n, r in stages],
                          deal_size="4,000", margin="35%")
            args = (["channels"] + fraction_args(stages) +
                    ["--deal-size", "4,000", "--margin", "35%", "--format", "json",
                     "--per", "quarter"])
            kw = {"per": "quarter"}
            if mode != "volumes":
                args += ["--deals", "3.5", "--allocate", mode]
                kw.update(deals="3.5", allocate=mode)
            for s in specs:
                args += ["--channel", s]
            with self.subTest(case=case, args=args):
                try:
                    py = f.channels(specs, **kw).to_dict()
                except fp.FunnelError as exc:
                    self.assertFalse(exc.is_input_error)
                    code, out, err = run_cli(args)
                    self.assertEqual(code, 1, err)
                    continue
                cli = cli_json(args)
                self.assertIsNone(difference(py, cli))
                self.assertEqual(py, cli)
                # Equal faces could share a wrong figure: the figures both
                # print are held to the exact Fraction reference too.
                want = ref.reference(stages, chans, deal_size=Fr(4000), margin=Fr(35, 100),
                                     target=None if mode == "volumes" else ("deals", Fr(7, 2)),
                                     by_shares=mode == "shares", per="quarter")
                problems = ref.mismatches(py, want)
                self.assertEqual(problems, [], "\n".join(problems[:8]))


class Refusals(unittest.TestCase):
    def test_bad_inputs_raise_funnel_error(self):
        f = funnel(deal_size=4000)
        bad = [
            ([{"name": "a", "cost_per_lead": float("nan")}], {"deals": 1}, "FPL_ERR_COST"),
            ([{"name": "a", "cost_per_lead": math.inf}], {"deals": 1}, "FPL_ERR_COST"),
            ([{"name": "a", "cost_per_lead": -1}], {"deals": 1}, "FPL_ERR_COST"),
            ([{"name": "a", "cost_per_lead": "-1"}], {"deals": 1}, "FPL_ERR_PARSE_NEGATIVE"),
            ([{"name": "a", "cost_per_lead": 1, "capacity": 0}], {"deals": 1},
             "FPL_ERR_CHANNEL_CAPACITY"),
            ([{"name": "a", "cost_per_lead": 1, "capacity": math.nan}], {"deals": 1},
             "FPL_ERR_CHANNEL_CAPACITY"),
            ([{"name": "a", "cost_per_lead": 1, "leads": 1e309}], {}, "FPL_ERR_CHANNEL_LEADS"),
            ([{"name": "a", "cost_per_lead": 1e300, "leads": 9e15}], {}, "FPL_ERR_OVERFLOW"),
            ([{"name": "a", "cost_per_lead": 1, "leads": 2 ** 53 + 1}], {}, "FPL_ERR_PARSE_COUNT_MAX"),
            ([{"name": "a", "cost_per_lead": 1, "rate": 0}], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY"),
            ([{"name": "a", "cost_per_lead": 1, "quality": 6}], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY"),
            ([{"name": "a", "cost_per_lead": 1, "colour": 6}], {"deals": 1},
             "FPL_ERR_CHANNEL_FIELD"),
            ([{"name": "", "cost_per_lead": 1}], {"deals": 1}, "FPL_ERR_STAGE_NAME_EMPTY"),
            ([{"name": "a\x00b", "cost_per_lead": 1}], {"deals": 1},
             "FPL_ERR_STAGE_NAME_CONTROL"),
            ([{"name": "x" * 65, "cost_per_lead": 1}], {"deals": 1}, "FPL_ERR_STAGE_NAME_LONG"),
            ([{"cost_per_lead": 1}], {"deals": 1}, "FPL_ERR_STAGE_NAME_EMPTY"),
            ([{"name": "a"}], {"deals": 1}, "FPL_ERR_CHANNEL_COST"),
            (["a: cost-per-lead=1", "a: cost-per-lead=2"], {"deals": 1},
             "FPL_ERR_CHANNEL_DUPLICATE"),
            ([], {"deals": 1}, "FPL_ERR_CHANNEL_COUNT"),
            (["c%d: cost-per-lead=1" % i for i in range(33)], {"deals": 1},
             "FPL_ERR_CHANNEL_COUNT"),
            ([""], {"deals": 1}, "FPL_ERR_PARSE_EMPTY"),
            (["a cost-per-lead=1"], {"deals": 1}, "FPL_ERR_CHANNEL_SYNTAX"),
            (["a: cost-per-lead=1e999"], {"deals": 1}, "FPL_ERR_PARSE_OVERFLOW"),
            (["a: cost-per-lead=1"], {"deals": 0}, "FPL_ERR_DEALS"),
            (["a: cost-per-lead=1"], {"deals": math.nan}, "FPL_ERR_DEALS"),
            (["a: cost-per-lead=1"], {"revenue": -5}, "FPL_ERR_REVENUE"),
            (["a: cost-per-lead=1"], {"deals": 1, "margin": 2}, "FPL_ERR_MARGIN"),
            (["a: cost-per-lead=1"], {"deals": 1, "allocate": "shares"}, "FPL_ERR_CHANNEL_SHARE"),
            (["a: cost-per-lead=1"], {"allocate": "shares"}, "FPL_ERR_TARGET"),
            (["a: cost-per-lead=1"], {"deals": 1, "allocate": "cheap"}, "FPL_ERR_ALLOCATE"),
            (["a: cost-per-lead=1"], {"deals": 1, "per": "week"}, "FPL_ERR_PERIOD"),
        ]
        for channels, kw, status in bad:
            with self.subTest(channels=channels[:2], kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.channels(channels, **kw)
                self.assertEqual(cm.exception.status, status, str(cm.exception))
                self.assertEqual(cm.exception.is_input_error, status != "FPL_ERR_OVERFLOW",
                                 str(cm.exception))

    def test_wrong_types(self):
        f = funnel()
        for item in ([1, 2], 5, None, True):
            with self.assertRaises(fp.FunnelError):
                f.channels([item], deals=1)
        with self.assertRaises(fp.FunnelError):
            f.channels([{"name": "a", "cost_per_lead": True}], deals=1)
        with self.assertRaises(fp.FunnelError):
            f.channels(42, deals=1)

    def test_the_error_names_the_channel_and_field(self):
        with self.assertRaises(fp.FunnelError) as cm:
            funnel().channels(["ok: cost-per-lead=1", "ads: cost=3"], deals=1)
        self.assertIn("channels[1] 'ads: cost=3': 'cost=3'", str(cm.exception))
        self.assertEqual(cm.exception.status, "FPL_ERR_CHANNEL_FIELD")
        with self.assertRaises(fp.FunnelError) as cm:
            funnel().channels(["ok: cost-per-lead=1", "x: cost-per-lead=1, quality=9"], deals=1)
        self.assertIn("channels[1]", str(cm.exception))


    def test_the_library_names_the_field_and_the_channel(self):
        """exc.field and exc.index come from the library (fpl_error)."""
        f = funnel(deal_size=4000)
        bad = [
            # (channels, keywords, status, field, index, message)
            (["ok: cost-per-lead=1", "won: cost-per-lead=4"], {"deals": 1},
             "FPL_ERR_STAGE_NAME_RESERVED", "channel", 1,
             "channels[1] 'won: cost-per-lead=4': 'won': channel name is reserved "
             "(won, deal-size, volume, cost-per-lead)"),
            (["ok: cost-per-lead=1", "ads: cost-per-lead=4, rate=0%"], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY", "channel_rate", 1,
             "channels[1] 'ads: cost-per-lead=4, rate=0%': 'rate=0%': "
             "rate must be above 0% and at most 100%"),
            (["a: cost-per-lead=4, quality=0"], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY", "channel_quality", 0, "'quality=0': quality must give"),
            (["a: cost-per-lead=4, spend=x"], {"deals": 1},
             "FPL_ERR_PARSE_SYNTAX", "channel_spend", 0, "'spend=x': not a number"),
            ([{"name": "a", "cost_per_lead": 1, "rate": 0}], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY", "channel_rate", 0,
             "channels[0] 'a': rate must be above 0% and at most 100%"),
            ([{"name": "a", "cost_per_lead": "x"}], {"deals": 1},
             "FPL_ERR_PARSE_SYNTAX", "channel_cost_per_lead", 0, "cost_per_lead 'x': not a number"),
            ([{"name": "a", "cost_per_lead": 1, "capacity": 0}], {"deals": 1},
             "FPL_ERR_CHANNEL_CAPACITY", "channel_capacity", 0, "capacity must be"),
            ([{"name": "ok", "cost_per_lead": 1}, {"name": None, "cost_per_lead": 1}],
             {"deals": 1}, "FPL_ERR_STAGE_NAME_EMPTY", "channel", 1,
             "channels[1] None (NoneType): channel name is empty"),
            ([{"name": "a\x00b", "cost_per_lead": 1}], {"deals": 1},
             "FPL_ERR_STAGE_NAME_CONTROL", "channel", 0, "channel name contains a control"),
            (["a: cost-per-lead=1", "b: cost-per-lead=1, quality=6"], {"deals": 1},
             "FPL_ERR_CHANNEL_QUALITY", "channel_quality", 1,
             "channels[1] 'b: cost-per-lead=1, quality=6': quality must give"),
            (["a: cost-per-lead=1, leads=5", "b: cost-per-lead=1"], {},
             "FPL_ERR_CHANNEL_LEADS", "channel_leads", 1, "channels[1] 'b: cost-per-lead=1': "),
            (["a: cost-per-lead=1", "a: cost-per-lead=2"], {"deals": 1},
             "FPL_ERR_CHANNEL_DUPLICATE", "channel", 1, "channel name is used twice"),
            (["a: cost-per-lead=1, share=50%", "b: cost-per-lead=1"],
             {"deals": 1, "allocate": "shares"}, "FPL_ERR_CHANNEL_SHARE", "channel_share", 1,
             "channels[1] 'b: cost-per-lead=1': shares must"),
            (["a: cost-per-lead=1, share=50%", "b: cost-per-lead=1, share=20%"],
             {"deals": 1, "allocate": "shares"}, "FPL_ERR_CHANNEL_SHARE", "allocate", None,
             "channels: shares must"),
            (["a: cost-per-lead=1"], {"deals": 1, "margin": 2}, "FPL_ERR_MARGIN", "margin", None,
             "margin 2: margin must be above 0% and at most 100%"),
        ]
        for channels, kw, status, field, index, message in bad:
            with self.subTest(channels=channels, kw=kw):
                with self.assertRaises(fp.FunnelError) as cm:
                    f.channels(channels, **kw)
                e = cm.exception
                self.assertEqual((e.status, e.field, e.index), (status, field, index), str(e))
                self.assertIn(message, str(e))
        # A revenue target without a deal size anywhere is about the revenue.
        with self.assertRaises(fp.FunnelError) as cm:
            funnel().channels(["a: cost-per-lead=1"], revenue=1000)
        self.assertEqual((cm.exception.field, cm.exception.index), ("revenue", None))
        self.assertEqual(str(cm.exception), "revenue 1000: a deal size is needed (for a revenue "
                         "target, or to put a value on deals)")
        # No answer: no field, and the most they can deliver.
        with self.assertRaises(fp.FunnelError) as cm:
            f.channels(["a: cost-per-lead=1, capacity=10"], deals=100)
        self.assertEqual((cm.exception.field, cm.exception.index), (None, None))
        self.assertEqual(cm.exception.most, fp.ChannelMost(10.0, 0.25, 1000.0))


if __name__ == "__main__":
    unittest.main()

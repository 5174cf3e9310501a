"""Tests of `funnelplan channels`.

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) comes from
test_cli.py, as in test_whatif.py; the exact reference (fractions.Fraction)
from tests/python/fpl_channels_support.py, shared with the Python tests.
Good argument lists are checked against the reference; bad ones must exit 2
(bad input) or 1 (channels that cannot bring enough) with one line on
stderr that names the option and the value, and print nothing on stdout.
"""

import csv
import io
import os
import random
import sys
import tempfile
import unittest
from fractions import Fraction as Fr

import test_cli as base
from test_cli import run

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import fpl_channels_support as ref  # noqa: E402
from fpl_channels_support import Chan  # noqa: E402

FUNNEL = ["--stage", "lead=20%", "--stage", "sql=50%", "--stage", "opportunity=25%"]
SEARCH = "search: cost-per-lead=40, capacity=600, share=50%"
WEBINARS = "webinars: cost-per-lead=90, rate=40%, capacity=300, share=25%"
DISPLAY = "display: cost-per-lead=35, quality=0.5, share=25%"
GUIDE = ["--channel", SEARCH, "--channel", WEBINARS, "--channel", DISPLAY,
         "--deal-size", "4000", "--margin", "60%"]

STAGES = [("lead", Fr(1, 5)), ("sql", Fr(1, 2)), ("opportunity", Fr(1, 4))]
GUIDE_CHANS = [Chan("search", cpl=Fr(40), capacity=Fr(600), share=Fr(1, 2)),
               Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), capacity=Fr(300), share=Fr(1, 4)),
               Chan("display", cpl=Fr(35), quality=Fr(1, 2), share=Fr(1, 4))]


def stage_args(stages):
    out = []
    for name, rate in stages:
        out += ["--stage", "%s=%d/%d" % (name, rate.numerator, rate.denominator)]
    return out


class ChannelsTestCase(base.CliTestCase):
    def assertAgrees(self, got, want):
        problems = ref.mismatches(got, want)
        self.assertEqual(problems, [], "\n".join(problems[:10]))


class TestChannelsJson(ChannelsTestCase):
    def test_guide_cheapest_40_deals(self):
        got = self.json_of(["channels"] + FUNNEL + GUIDE + ["--deals", "40", "--format", "json"])
        want = ref.reference(STAGES, GUIDE_CHANS, deal_size=Fr(4000), margin=Fr(3, 5),
                             target=("deals", Fr(40)))
        self.assertAgrees(got, want)
        # The figures of the guide, spelled out.
        self.assertEqual([c["leads"] for c in got["channels"]], [600, 300, 800])
        self.assertEqual([c["deals"] for c in got["channels"]], [15, 15, 10])
        self.assertEqual(got["total"]["cost"], 79000)
        self.assertEqual(got["total"]["cost_per_deal"], 1975)
        self.assertEqual(got["marginal"], {"channel": "display", "cost_per_deal": 2800,
                                           "last_channel": "display"})
        self.assertEqual(got["losing"], ["display"])
        self.assertEqual(got["ranking"], ["search", "webinars", "display"])
        self.assertEqual([c["break_even_cost_per_lead"] for c in got["channels"]], [60, 120, 30])
        self.assertIsNone(got["most"])
        self.assertIs(type(got["channels"][0]["rank"]), int)

    def test_guide_by_shares_30_deals(self):
        got = self.json_of(["channels"] + FUNNEL + GUIDE +
                           ["--deals", "30", "--allocate", "shares", "--format", "json"])
        want = ref.reference(STAGES, GUIDE_CHANS, deal_size=Fr(4000), margin=Fr(3, 5),
                             target=("deals", Fr(30)), by_shares=True)
        self.assertAgrees(got, want)
        self.assertEqual(got["mode"], "shares")
        self.assertIsNone(got["marginal"]["channel"])
        self.assertEqual(got["most"], {"leads": 1200, "deals": 33.75, "revenue": 135000})

    def test_profitability_of_volumes_with_spend(self):
        chans = [Chan("search", cpl=Fr(40), leads=Fr(600)),
                 Chan("events", spend=Fr(12000), leads=Fr(100), deal_size=Fr(10000)),
                 Chan("ads", spend=Fr(8000), cpl=Fr(40), quality=Fr(1, 2))]
        args = ["channels"] + FUNNEL + ["--deal-size", "4k", "--margin", "60%"]
        for c in chans:
            args += ["--channel", c.spec()]
        got = self.json_of(args + ["--format", "json"])
        self.assertAgrees(got, ref.reference(STAGES, chans, deal_size=Fr(4000),
                                             margin=Fr(3, 5)))
        self.assertEqual(got["mode"], "volumes")
        self.assertIsNone(got["target"])
        self.assertEqual(got["channels"][1]["cost"], 12000)
        self.assertEqual(got["channels"][2]["roi"], -0.25)
        self.assertEqual(got["losing"], ["ads"])

    def test_zero_cost_channel_has_null_roi_and_ranks_first(self):
        got = self.json_of(["channels"] + FUNNEL +
                           ["--channel", "search: cost-per-lead=40",
                            "--channel", "referrals: cost-per-lead=0, capacity=200, rate=40%",
                            "--deal-size", "4000", "--deals", "12", "--format", "json"])
        ch = {c["name"]: c for c in got["channels"]}
        self.assertIsNone(ch["referrals"]["roi"])
        self.assertEqual(ch["referrals"]["leads"], 200)
        self.assertEqual(ch["search"]["leads"], 80)
        self.assertEqual(got["ranking"][0], "referrals")
        self.assertEqual(got["marginal"], {"channel": "search", "cost_per_deal": 1600,
                                           "last_channel": "search"})

    def test_without_deal_size_revenue_is_null(self):
        got = self.json_of(["channels", "--stage", "opportunity=1/3",
                            "--channel", "partners: cost-per-lead=300, leads=75",
                            "--format", "json"])
        c = got["channels"][0]
        self.assertEqual(c["opportunities"], 75)
        self.assertEqual(c["deals"], 25)
        for k in ("deal_size", "revenue", "gross_profit", "roi", "break_even_cost_per_lead",
                  "headroom", "loses_money"):
            self.assertIsNone(c[k], k)
        self.assertIsNone(got["total"]["revenue"])
        self.assertIsNone(got["deal_size"])

    def test_random_cases_against_the_exact_reference(self):
        rng = random.Random(20260601)
        checked = short = 0
        for case in range(60):
            stages, chans = ref.random_case(rng)
            deal_size = Fr(rng.randint(1000, 9000))
            margin = Fr(rng.randint(20, 100), 100)
            by_shares = rng.random() < 0.3
            if rng.random() < 0.5:
                target = ("deals", Fr(rng.randint(1, 400), 4))
            else:
                target = ("revenue", Fr(rng.randint(1000, 900000)))
            args = ["channels"] + stage_args(stages) + [
                "--deal-size", str(deal_size), "--margin", "%d/%d" % (margin.numerator,
                                                                     margin.denominator),
                "--" + target[0], str(target[1]) if target[1].denominator == 1
                else repr(float(target[1])), "--format", "json"]
            if by_shares:
                args += ["--allocate", "shares"]
            for c in chans:
                args += ["--channel", c.spec()]
            want = ref.reference(stages, chans, deal_size=deal_size, margin=margin,
                                 target=target, by_shares=by_shares)
            with self.subTest(case=case, args=args):
                if isinstance(want, tuple):
                    err = self.assertRefused(args, 1, "cannot bring enough leads", "at most ")
                    short += 1
                    continue
                got = self.json_of(args)
                self.assertAgrees(got, want)
                if not by_shares:
                    ys = [c["rate_to_won"] * (c["deal_size"] if target[0] == "revenue" else 1)
                          for c in got["channels"]]
                    lp = ref.lp_cheapest_cost([Fr(c["cost_per_lead"]) for c in got["channels"]],
                                              [Fr(y) for y in ys],
                                              [None if c.capacity is None else c.capacity
                                               for c in chans], target[1])
                    self.assertLessEqual(abs(Fr(got["total"]["cost"]) - lp),
                                         Fr(1, 10**9) * max(lp, 1))
                checked += 1
        self.assertGreater(checked, 20)


class TestChannelsTableAndCsv(ChannelsTestCase):
    def test_guide_table(self):
        text = self.ok(["channels"] + FUNNEL + GUIDE + ["--deals", "40"])
        self.assertIn("cheapest allocation for 40 deals", text)
        lines = text.splitlines()
        row = [ln for ln in lines if ln.split()[:2] == ["3", "display"]][0]
        self.assertEqual(row.split(), ["3", "display", "35", "800", "10", "40,000", "28,000",
                                       "2,800", "-14.2857%", "30", "-5", "loses", "money"])
        self.assertIn("One more deal costs 2,800 (display).", text)
        self.assertIn("Losing money at any volume: display (pays 35 a lead, breaks even at 30).",
                      text)
        total = [ln for ln in lines if ln.split()[:1] == ["total"]][0]
        self.assertIn("79,000", total)
        self.assertIn("1,975", total)
        # The columns line up: every row as wide as the header's columns.
        header = [ln for ln in lines if ln.startswith("#")][0]
        self.assertEqual(header.index("channel"), row.index("display"))

    def test_csv_rows_ranked(self):
        text = self.ok(["channels"] + FUNNEL + GUIDE + ["--deals", "40", "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual([r["channel"] for r in rows], ["search", "webinars", "display"])
        self.assertEqual(rows[2]["capacity"], "")
        self.assertEqual(rows[2]["loses_money"], "true")
        self.assertEqual(float(rows[0]["roi"]), 0.5)
        self.assertEqual(rows[1]["leads"], "300")

    def test_channels_from_a_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "channels.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# our lead sources\n--channel %s\n--channel %s\n--channel %s\n"
                        % (SEARCH, WEBINARS, DISPLAY))
            a = self.ok(["channels"] + FUNNEL + ["@" + path, "--deal-size", "4000",
                                                 "--margin", "60%", "--deals", "40",
                                                 "--format", "json"])
        b = self.ok(["channels"] + FUNNEL + GUIDE + ["--deals", "40", "--format", "json"])
        self.assertEqual(a, b)

    def test_help(self):
        text = self.ok(["channels", "--help"])
        self.assertIn("--channel SPEC", text)
        self.assertIn("--allocate HOW", text)
        self.assertNotIn("--volume", text)


# The channels of issue 15: search and webinars have room for exactly 30
# deals (600 x 1/40 + 300 x 1/20); display has no capacity.
SEARCH_600 = Chan("search", cpl=Fr(40), capacity=Fr(600))
WEBINARS_300 = Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), capacity=Fr(300))
DISPLAY_FREE = Chan("display", cpl=Fr(35), quality=Fr(1, 2))


def channel_args(chans, *extra):
    args = ["channels"] + FUNNEL + ["--deal-size", "4000", "--margin", "60%"]
    for c in chans:
        args += ["--channel", c.spec()]
    return args + list(extra)


class TestMarginalCost(ChannelsTestCase):
    """The marginal cost is the cost of ONE MORE deal than the allocation
    delivers, given every capacity and budget."""

    def check(self, chans, target, by_shares=False):
        value = target[1]
        text = str(value) if value.denominator == 1 else repr(float(value))
        args = channel_args(chans, "--" + target[0], text, "--format", "json")
        if by_shares:
            args += ["--allocate", "shares"]
        got = self.json_of(args)
        want = ref.reference(STAGES, chans, deal_size=Fr(4000), margin=Fr(3, 5),
                             target=target, by_shares=by_shares)
        self.assertAgrees(got, want)
        return got

    def test_cheapest_channels_full_the_next_deal_costs_the_next_channel(self):
        # issue 15: this reported 1,800 (webinars, full) although one more
        # deal can only come from display at 35 / (1/80) = 2,800.
        got = self.check([SEARCH_600, WEBINARS_300, DISPLAY_FREE], ("deals", Fr(30)))
        self.assertEqual(got["marginal"], {"channel": "display", "cost_per_deal": 2800,
                                           "last_channel": "display"})
        self.assertEqual([c["at_capacity"] for c in got["channels"]], [True, True, False])
        text = self.ok(channel_args([SEARCH_600, WEBINARS_300, DISPLAY_FREE], "--deals", "30"))
        self.assertIn("One more deal costs 2,800 (display).", text)
        self.assertNotIn("1,800 (webinars)", text)

    def test_next_deal_split_between_two_channels(self):
        # webinars has 10 leads of room: half a deal at 1,800, the other
        # half from display at 2,800: 900 + 1,400 = 2,300.
        webinars = Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), capacity=Fr(310))
        got = self.check([SEARCH_600, webinars, DISPLAY_FREE], ("deals", Fr(30)))
        self.assertEqual(got["marginal"], {"channel": "webinars", "cost_per_deal": 2300,
                                           "last_channel": "display"})
        text = self.ok(channel_args([SEARCH_600, webinars, DISPLAY_FREE], "--deals", "30"))
        self.assertIn("One more deal costs 2,300 (webinars has room for part of it, "
                      "display the rest).", text)

    def test_every_channel_full_no_marginal_cost(self):
        got = self.check([SEARCH_600, WEBINARS_300], ("deals", Fr(30)))
        self.assertIsNone(got["marginal"])
        self.assertEqual(got["most"], {"leads": 900, "deals": 30, "revenue": 120000})
        text = self.ok(channel_args([SEARCH_600, WEBINARS_300], "--deals", "30"))
        self.assertIn("No channel has room for one more deal.", text)
        self.assertNotIn("One more deal costs", text)

    def test_room_left_in_the_marginal_channel(self):
        got = self.check([SEARCH_600, WEBINARS_300, DISPLAY_FREE], ("deals", Fr(20)))
        # search full (15 deals), webinars brings 5 of its 15: the next deal
        # is webinars' at 90 / (1/20) = 1,800.
        self.assertEqual(got["marginal"]["cost_per_deal"], 1800)
        self.assertEqual(got["channels"][1]["leads"], 100)

    def test_revenue_target_next_deal_along_the_fill(self):
        # A revenue target fills by cost per unit of revenue; the next deal
        # continues that fill: events (own deal size 10,000) is full, so
        # it comes from search at 40 / (1/40) = 1,600.
        events = Chan("events", cpl=Fr(100), capacity=Fr(200), deal_size=Fr(10000))
        got = self.check([events, Chan("search", cpl=Fr(40))], ("revenue", Fr(50000)))
        self.assertEqual(got["channels"][0]["leads"], 200)
        self.assertEqual(got["marginal"], {"channel": "search", "cost_per_deal": 1600,
                                           "last_channel": "search"})

    def test_shares_next_deal_at_the_blended_cost_or_none_at_the_limit(self):
        chans = [Chan("search", cpl=Fr(40), capacity=Fr(600), share=Fr(1, 2)),
                 Chan("display", cpl=Fr(35), quality=Fr(1, 2), share=Fr(1, 2))]
        got = self.check(chans, ("deals", Fr(9)), by_shares=True)
        # per lead: 1/2 x 1/40 + 1/2 x 1/80 = 3/160 deals at 75/2: 2,000 a deal
        self.assertIsNone(got["marginal"]["channel"])
        self.assertIsNone(got["marginal"]["last_channel"])
        self.assertAlmostEqual(got["marginal"]["cost_per_deal"], 2000, places=9)
        # 1,200 leads in all is search at capacity: 22.5 deals, no more.
        got = self.check(chans, ("deals", Fr(45, 2)), by_shares=True)
        self.assertIsNone(got["marginal"])
        self.assertEqual([c["at_capacity"] for c in got["channels"]], [True, False])
        self.assertEqual(got["channels"][0]["leads"], 600)
        text = self.ok(channel_args(chans, "--deals", "22.5", "--allocate", "shares"))
        self.assertIn("One more deal would take a channel past its limit at these shares.",
                      text)


class TestChannelFieldsWithTarget(ChannelsTestCase):
    """With a target, leads= commits a channel to its leads and a spend with
    a cost per lead caps them; neither is ignored."""

    def check(self, chans, target, by_shares=False):
        args = channel_args(chans, "--" + target[0], str(target[1]), "--format", "json")
        got = self.json_of(args)
        want = ref.reference(STAGES, chans, deal_size=Fr(4000), margin=Fr(3, 5), target=target)
        self.assertAgrees(got, want)
        return got

    def test_leads_commit_and_spend_caps(self):
        chans = [Chan("search", cpl=Fr(40), capacity=Fr(600), leads=Fr(100)),
                 Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), spend=Fr(9000)),
                 DISPLAY_FREE]
        got = self.check(chans, ("deals", Fr(30)))
        ch = got["channels"]
        # search: its 100 committed leads (not the 600 it could take);
        # webinars: 9,000 / 90 = 100 leads, the budget spent;
        # display: the rest, 30 - 2.5 - 5 = 22.5 deals from 1,800 leads.
        self.assertEqual([c["leads"] for c in ch], [100, 100, 1800])
        self.assertEqual([c["deals"] for c in ch], [2.5, 5, 22.5])
        self.assertEqual([c["cost"] for c in ch], [4000, 9000, 63000])
        self.assertEqual([c["committed"] for c in ch], [True, False, False])
        self.assertEqual([c["budget_leads"] for c in ch], [None, 100, None])
        self.assertEqual([c["at_budget"] for c in ch], [False, True, False])
        self.assertEqual(got["total"]["cost"], 76000)
        text = self.ok(channel_args(chans, "--deals", "30"))
        self.assertIn("committed\n", text)
        self.assertIn("budget spent\n", text)

    def test_budget_above_the_capacity_the_capacity_binds(self):
        chans = [Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), spend=Fr(90000),
                      capacity=Fr(300)), DISPLAY_FREE]
        got = self.check(chans, ("deals", Fr(30)))
        self.assertEqual(got["channels"][0]["leads"], 300)
        self.assertIs(got["channels"][0]["at_capacity"], True)
        self.assertEqual(got["channels"][0]["budget_leads"], 1000)

    def test_budget_not_used_up(self):
        chans = [Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), spend=Fr(90000)), DISPLAY_FREE]
        got = self.check(chans, ("deals", Fr(30)))
        self.assertEqual(got["channels"][0]["leads"], 600)
        self.assertEqual(got["channels"][0]["cost"], 54000)
        self.assertIs(got["channels"][0]["at_budget"], False)
        self.assertEqual(got["channels"][0]["budget_leads"], 1000)

    def test_spend_with_leads_is_a_committed_volume_at_its_cost(self):
        chans = [Chan("events", spend=Fr(12000), leads=Fr(100), deal_size=Fr(10000)),
                 SEARCH_600]
        got = self.check(chans, ("deals", Fr(10)))
        self.assertEqual(got["channels"][0]["leads"], 100)
        self.assertEqual(got["channels"][0]["cost"], 12000)
        self.assertEqual(got["channels"][1]["leads"], 300)  # 10 - 2.5 deals

    def test_committed_leads_above_the_target_are_kept(self):
        chans = [Chan("search", cpl=Fr(40), leads=Fr(2000)), DISPLAY_FREE]
        got = self.check(chans, ("deals", Fr(30)))
        self.assertEqual(got["total"]["deals"], 50)
        self.assertEqual(got["channels"][1]["leads"], 0)
        # the 51st deal is display's
        self.assertEqual(got["marginal"]["cost_per_deal"], 2800)
        text = self.ok(channel_args(chans, "--deals", "30"))
        self.assertIn("Committed leads alone bring 50 deals (revenue 200,000), more than the "
                      "target.\n", text)
        text = self.ok(channel_args(chans, "--deals", "60"))
        self.assertNotIn("Committed leads alone", text)

    def test_budgets_bound_the_supply(self):
        chans = [Chan("search", cpl=Fr(40), spend=Fr(8000)),
                 Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), spend=Fr(9000))]
        want = ref.reference(STAGES, chans, deal_size=Fr(4000), target=("deals", Fr(30)))
        self.assertEqual(want[0], "short")
        self.assertEqual(want[1], {"leads": 300, "deals": 10, "revenue": 40000})
        self.assertRefused(channel_args(chans, "--deals", "30"), 1,
                           "at most 10 deals (revenue 40,000) from 300 leads per month")

    def test_budget_limits_a_shares_split(self):
        chans = [Chan("search", cpl=Fr(40), spend=Fr(8000), share=Fr(1, 2)),
                 Chan("display", cpl=Fr(35), quality=Fr(1, 2), share=Fr(1, 2))]
        # search's 200 leads at half the leads: at most 400 leads, 7.5 deals
        self.assertRefused(channel_args(chans, "--deals", "8", "--allocate", "shares"), 1,
                           "at most 7.50 deals (revenue 30,000) from 400 leads per month at "
                           "these shares")
        args = channel_args(chans, "--deals", "6", "--allocate", "shares", "--format", "json")
        got = self.json_of(args)
        self.assertAgrees(got, ref.reference(STAGES, chans, deal_size=Fr(4000),
                                             margin=Fr(3, 5), target=("deals", Fr(6)),
                                             by_shares=True))
        self.assertAlmostEqual(got["channels"][0]["leads"], 160, places=9)

    def test_leads_refused_with_fixed_shares(self):
        chans = [Chan("search", cpl=Fr(40), leads=Fr(100), share=Fr(1, 2)),
                 Chan("display", cpl=Fr(35), share=Fr(1, 2))]
        err = self.assertRefused(channel_args(chans, "--deals", "8", "--allocate", "shares"), 2)
        self.assertEqual(err, "funnelplan: --channel 'search: cost-per-lead=40, leads=100, "
                              "share=1/2': with fixed shares a channel's leads follow its "
                              "share: drop leads= (and the spend that goes with it), or "
                              "allocate the cheapest way\n")

    def test_spend_is_the_cost_without_a_target(self):
        # 1 / 49 x 49 is 0.9999999999999999 in doubles: the cost of a spend
        # given with its leads is the spend itself.
        got = self.json_of(["channels"] + FUNNEL + ["--channel", "a: spend=1, leads=49",
                                                    "--format", "json"])
        self.assertEqual(repr(got["channels"][0]["cost"]), "1")
        self.assertEqual(got["total"]["cost"], 1)

    def test_random_committed_and_budgeted_channels(self):
        rng = random.Random(20261203)
        checked = 0
        for case in range(40):
            stages, chans = ref.random_case(rng)
            for c in chans:
                c.share = None
                roll = rng.random()
                if roll < 0.25:
                    c.leads = Fr(rng.randint(1, 400))
                    if c.capacity is not None and c.leads > c.capacity:
                        c.capacity = None
                elif roll < 0.5 and c.cpl > 0:
                    c.spend = c.cpl * rng.randint(1, 3000)
                    if c.capacity is not None and c.spend / c.cpl > c.capacity:
                        c.capacity = None
            target = ("deals", Fr(rng.randint(1, 400), 4))
            args = ["channels"] + stage_args(stages) + ["--deal-size", "5000", "--deals",
                                                        repr(float(target[1])),
                                                        "--format", "json"]
            for c in chans:
                args += ["--channel", c.spec()]
            want = ref.reference(stages, chans, deal_size=Fr(5000), target=target)
            with self.subTest(case=case, args=args):
                if isinstance(want, tuple):
                    self.assertRefused(args, 1, "cannot bring enough leads")
                    continue
                self.assertAgrees(self.json_of(args), want)
                checked += 1
        self.assertGreater(checked, 15)


class TestChannelsCsvCarriesTheTable(ChannelsTestCase):
    def test_csv_figures_are_the_json_values(self):
        chans = [Chan("search", cpl=Fr(40), capacity=Fr(600), leads=Fr(100)),
                 Chan("webinars", cpl=Fr(90), rate=Fr(2, 5), spend=Fr(9000)), DISPLAY_FREE]
        got = self.json_of(channel_args(chans, "--deals", "30", "--format", "json"))
        rows = list(csv.DictReader(io.StringIO(self.ok(channel_args(chans, "--deals", "30",
                                                                    "--format", "csv")))))
        self.assertEqual([r["channel"] for r in rows], got["ranking"])
        by_name = {c["name"]: c for c in got["channels"]}
        for r in rows:
            c = by_name[r["channel"]]
            for key in ("cost_per_lead", "leads", "share", "opportunities", "deals", "revenue",
                        "cost", "cost_per_opportunity", "cost_per_deal", "gross_profit", "roi",
                        "break_even_cost_per_lead", "headroom", "value_per_lead"):
                self.assertEqual(float(r[key]), c[key], key)
            for key in ("loses_money", "at_capacity", "committed", "at_budget"):
                self.assertEqual(r[key], "true" if c[key] else "false", key)
            self.assertEqual(r["budget_leads"], "" if c["budget_leads"] is None
                             else "%g" % c["budget_leads"])
            self.assertEqual(r["capacity"], "" if c["capacity"] is None
                             else "%g" % c["capacity"])


class TestChannelsErrors(ChannelsTestCase):
    BAD = [
        # (extra args, exit status, needles)
        (["--channel", "ads: cost=40"], 2,
         ["--channel 'ads: cost=40': 'cost=40': unknown channel field"]),
        (["--channel", "ads cost-per-lead=40"], 2, ["expected NAME: FIELD=VALUE"]),
        (["--channel", "ads: cost-per-lead=-40"], 2, ["'cost-per-lead=-40': must not be negative"]),
        (["--channel", "ads: cost-per-lead=nan"], 2, ["'cost-per-lead=nan': not a number"]),
        (["--channel", "ads: cost-per-lead=inf"], 2, ["not a number"]),
        (["--channel", "ads: cost-per-lead=1e999"], 2, ["number is too large"]),
        (["--channel", "ads: cost-per-lead="], 2, ["value is empty"]),
        (["--channel", ""], 2, ["--channel '': value is empty"]),
        (["--channel", "ads: cost-per-lead=4, capacity=0"], 2,
         ["'capacity=0': capacity must be a positive number"]),
        # A channel's rate is spoken of as a rate, its quality as a quality.
        (["--channel", "ads: cost-per-lead=4, rate=150%"], 2,
         ["--channel 'ads: cost-per-lead=4, rate=150%': 'rate=150%': "
          "rate must be above 0% and at most 100%"]),
        (["--channel", "ads: cost-per-lead=4, rate=0%"], 2,
         ["--channel 'ads: cost-per-lead=4, rate=0%': 'rate=0%': "
          "rate must be above 0% and at most 100%"]),
        (["--channel", "ads: cost-per-lead=4, rate=2%, quality=2"], 2,
         ["--channel 'ads: cost-per-lead=4, rate=2%, quality=2': 'quality=2': quality must give"]),
        (["--channel", "ads: cost-per-lead=4, quality=6"], 2, ["quality must give"]),
        (["--channel", "ads: cost-per-lead=4, cost-per-lead=5"], 2, ["given twice"]),
        (["--channel", "ads: spend=100"], 2, ["needs cost-per-lead, or spend with leads"]),
        # A channel's name is spoken of as a channel name, not a stage name.
        (["--channel", "won: cost-per-lead=4"], 2,
         ["--channel 'won: cost-per-lead=4': 'won': channel name is reserved "
          "(won, deal-size, volume, cost-per-lead)"]),
        (["--channel", " : cost-per-lead=4", "--deals", "1"], 2,
         ["--channel ' : cost-per-lead=4': '': channel name is empty"]),
        (["--channel", "a\x01: cost-per-lead=4", "--deals", "1"], 2,
         ["'a\\x01': channel name contains a control character"]),
        (["--channel", "ads: cost-per-lead=4", "--channel", "ads: cost-per-lead=5"], 2,
         ["--channel 'ads: cost-per-lead=5': channel name is used twice"]),
        (["--channel", "ads: cost-per-lead=4, deal-size=0"], 2, ["deal size must be"]),
        (["--channel", "ads: cost-per-lead=4, leads=10, capacity=5"], 2,
         ["leads must not exceed the capacity"]),
        (["--channel", "ads: cost-per-lead=4"], 2, ["leads must be a positive number"]),
        # a budget above the capacity: refused only without a target
        (["--channel", "ads: cost-per-lead=2, spend=400, capacity=100"], 2,
         ["--channel 'ads: cost-per-lead=2, spend=400, capacity=100': leads must not exceed "
          "the capacity"]),
        # The question names the channel at fault, the whole spec quoted.
        (["--channel", "a: cost-per-lead=4, leads=10", "--channel", "b: cost-per-lead=4"], 2,
         ["--channel 'b: cost-per-lead=4': leads must be a positive number"]),
        (["--channel", "a: cost-per-lead=4", "--channel", "b: cost-per-lead=4, quality=6",
          "--deals", "1"], 2,
         ["--channel 'b: cost-per-lead=4, quality=6': quality must give a top-stage rate"]),
        (["--channel", "a: cost-per-lead=4", "--deals", "1", "--deal-size", "0"], 2,
         ["--deal-size '0': deal size must be a positive number"]),
        (["--channel", "a: cost-per-lead=4", "--deals", "1", "--margin", "200%"], 2,
         ["--margin '200%': margin must be above 0% and at most 100%"]),
        (["--channel", "ads: cost-per-lead=4", "--deals", "0"], 2, ["--deals '0'"]),
        (["--channel", "ads: cost-per-lead=4", "--revenue", "1000"], 2,
         ["--revenue '1000': a deal size is needed"]),
        (["--channel", "ads: cost-per-lead=4", "--deals", "5", "--allocate", "cheap"], 2,
         ["--allocate 'cheap': allocate must be cheapest or shares"]),
        (["--channel", "ads: cost-per-lead=4", "--allocate", "shares"], 2,
         ["--allocate shares needs a target"]),
        (["--channel", "ads: cost-per-lead=4, share=50%", "--deals", "5",
          "--allocate", "shares"], 2, ["--allocate 'shares': shares must"]),
        (["--channel", "a: cost-per-lead=4, share=1", "--channel", "b: cost-per-lead=4",
          "--deals", "5", "--allocate", "shares"], 2, ["--channel 'b: cost-per-lead=4': shares"]),
        ([], 2, ["at least one --channel"]),
        (["--channel", "ads: cost-per-lead=4", "--volume", "5"], 2,
         ["unknown option '--volume' for this command"]),
        (["--channel", "ads: cost-per-lead=4", "--margin", "0"], 2, ["--margin '0'"]),
    ]

    def test_bad_argument_table(self):
        for extra, status, needles in self.BAD:
            with self.subTest(args=extra):
                self.assertRefused(["channels"] + FUNNEL + extra, status, *needles)

    def test_no_stage(self):
        self.assertRefused(["channels", "--channel", "a: cost-per-lead=1", "--deals", "1"], 2,
                           "at least one --stage")

    def test_too_many_channels(self):
        args = ["channels"] + FUNNEL + ["--deals", "1"]
        for i in range(33):
            args += ["--channel", "c%d: cost-per-lead=1" % i]
        self.assertRefused(args, 2, "1 to 32 channels")

    def test_not_enough_supply_exits_1_with_the_most(self):
        args = ["channels"] + FUNNEL + ["--channel", SEARCH, "--channel", WEBINARS,
                                        "--channel", "display: cost-per-lead=35, quality=0.5, "
                                        "capacity=200", "--deal-size", "4000", "--deals", "40"]
        err = self.assertRefused(args, 1, "cannot bring enough leads for the target")
        self.assertIn("at most 32.50 deals (revenue 130,000) from 1,100 leads per month", err)
        err = self.assertRefused(["channels"] + FUNNEL + GUIDE + ["--deals", "40", "--allocate",
                                                                 "shares"], 1)
        self.assertIn("at most 33.75 deals (revenue 135,000) from 1,200 leads per month at "
                      "these shares", err)


if __name__ == "__main__":
    unittest.main()

"""Tests of funnelplan.learn against synthetic histories with known truth.

Histories are generated here from known rates and lag distributions
(exponential to conversion, Weibull to loss), items entering uniformly over
a year and cut off at the as-of date (an item whose next event falls after
it is still open). The properties: the learned rate's 90% interval covers
the true rate in about 90% of the histories, the naive won/total is biased
low and the learned rate is not, lags and deal size recover their
parameters, and the back-test error of a stationary history is small and of
a history with a regime change large. The CLI's output is the same bytes
as str(), to_csv() and to_dict().
"""

import datetime
import json
import math
import os
import random
import subprocess
import tempfile
import unittest

import funnelplan as fp

START = datetime.date(2025, 1, 1)


def day(n):
    return (START + datetime.timedelta(days=n)).isoformat()


def history(rnd, n_items, rate, conv_mean, loss_scale, span, as_of, amounts=(1000,),
            rate_after=None, change=None):
    """CSV text of one single-stage history: item i enters at a uniform day
    of [0, span); converts (won) with chance rate (rate_after from day
    change on) after an exponential lag of mean conv_mean days, else is
    lost after a Weibull(1.5, loss_scale) lag; an event after as_of is not
    in the file (the item is open)."""
    lines = ["id,stage,date,amount"]
    for i in range(n_items):
        e = rnd.randrange(span)
        p = rate if change is None or e < change else rate_after
        won = rnd.random() < p
        lag = rnd.expovariate(1.0 / conv_mean) if won else rnd.weibullvariate(loss_scale, 1.5)
        t = e + int(lag)
        lines.append("i%d,lead,%s," % (i, day(e)))
        if t <= as_of:
            lines.append("i%d,%s,%s,%s" % (i, "won" if won else "lost", day(t),
                                          rnd.choice(amounts) if won else ""))
    return "\n".join(lines) + "\n"


class TestLearnRecoversTheTruth(unittest.TestCase):
    def test_interval_covers_the_true_rate_about_90_percent(self):
        rnd = random.Random(1717)
        rate = 0.3
        n, covered, learned, naive = 1000, 0, 0.0, 0.0
        for _ in range(n):
            text = history(rnd, 120, rate, 40.0, 60.0, 365, 364)
            s = fp.learn(text, as_of=day(364)).stages[0]
            low, high = s["interval"]
            covered += low <= rate <= high
            learned += s["rate"] / n
            naive += s["naive_rate"] / n
        share = covered / n
        # 1,000 histories: the share's standard error is about 0.95 points
        self.assertGreater(share, 0.87, share)
        self.assertLess(share, 0.93, share)
        self.assertLess(abs(learned - rate), 0.01, learned)
        self.assertLess(naive, rate - 0.02, naive)  # open items counted as lost

    def test_lags_and_deal_size_recover_their_parameters(self):
        rnd = random.Random(99)
        text = history(rnd, 20000, 0.4, 30.0, 45.0, 730, 729, amounts=(1000, 2000, 6000))
        r = fp.learn(text)
        s = r.stages[0]
        self.assertAlmostEqual(s["rate"], 0.4, delta=0.012)
        # whole days of an exponential of mean 30: mean 29.5, median 20
        lag = s["lag_days"]
        self.assertAlmostEqual(lag["mean"], 29.5, delta=1.0)
        self.assertAlmostEqual(lag["median"], math.floor(30 * math.log(2)), delta=1.0)
        self.assertAlmostEqual(lag["p90"], math.floor(30 * math.log(10)), delta=3.0)
        self.assertAlmostEqual(r.deal_size["mean"], 3000, delta=100)
        sd = math.sqrt(((1000 - 3000) ** 2 + (2000 - 3000) ** 2 + (6000 - 3000) ** 2) / 3)
        self.assertAlmostEqual(r.deal_size["cv"], sd / 3000, delta=0.03)

    def test_backtest_small_when_stationary_large_after_a_regime_change(self):
        rnd = random.Random(5)
        steady = fp.learn(history(rnd, 6000, 0.3, 10.0, 15.0, 730, 729), backtest=True)
        changed = fp.learn(history(rnd, 6000, 0.5, 10.0, 15.0, 730, 729, rate_after=0.1,
                                   change=365), backtest=True)
        b, c = steady.backtest, changed.backtest
        self.assertEqual(len(b["months"]), 24)
        self.assertLess(b["deals_mape"], 0.25, b["deals_mape"])
        self.assertLess(abs(b["deals_bias"]), 0.15, b["deals_bias"])
        self.assertGreater(c["deals_mape"], 1.0, c["deals_mape"])
        self.assertGreater(c["deals_bias"], 0.5, c["deals_bias"])


class TestLearnFaces(unittest.TestCase):
    def test_cli_prints_what_python_gives(self):
        cli = os.environ.get("FUNNELPLAN_CLI")
        if not cli:
            self.skipTest("FUNNELPLAN_CLI is not set (run through meson test)")
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, os.pardir, os.pardir, "examples", "crm_history.csv")
        args = ["--stages", "lead,mql,sql,opportunity", "--backtest"]
        r = fp.learn(path, stages="lead,mql,sql,opportunity", backtest=True)

        def run(*more):
            return subprocess.run([cli, "learn", path] + args + list(more), capture_output=True,
                                  text=True, check=True).stdout
        self.assertEqual(run(), str(r))
        self.assertEqual(run("--format", "csv"), r.to_csv())
        self.assertEqual(json.loads(run("--format", "json")), r.to_dict())
        with tempfile.TemporaryDirectory() as tmp:
            saved = os.path.join(tmp, "funnel.txt")
            run("--save", saved)
            with open(saved, encoding="utf-8") as f:
                self.assertEqual(f.read(), r.saved())
            plan = subprocess.run([cli, "plan", "@" + saved, "--deals", "10", "--format",
                                   "json"], capture_output=True, text=True, check=True).stdout
        self.assertEqual(json.loads(plan), r.funnel.plan(deals=10).to_dict())

    def test_rows_and_bad_input(self):
        rows = [{"id": "a", "stage": "lead", "date": "2026-01-01"},
                {"id": "a", "stage": "won", "date": "2026-01-11"},
                {"id": "b", "stage": "lead", "date": "2026-01-01"},
                {"id": "b", "stage": "lost", "date": "2026-01-21"},
                {"id": "c", "stage": "lead", "date": "2026-01-30"},   # after as-of
                {"id": "a", "stage": "lost", "date": "2026-01-12"},   # won and lost
                {"id": "d", "stage": "sql", "date": "2026-01-02"},    # not a stage given
                {"id": "b", "stage": "lead", "date": "20260101"}]     # not a date
        r = fp.learn(rows, stages=["lead"], as_of="2026-01-25")
        self.assertEqual([s.line for s in r.skipped], [6, 7, 8, 9])
        self.assertEqual(r.skipped[0].message, "the date is after the as-of date")
        self.assertEqual(r.skipped[1].message, "the item is both won and lost")
        self.assertEqual(r.stages[0]["rate"], 0.5)
        self.assertEqual(r.funnel.stages[0].rate, 0.5)
        amounts = fp.learn("id,stage,date,amount\na,lead,2026-01-01,\na,won,2026-01-02,lots\n")
        self.assertEqual([s.message for s in amounts.skipped],
                         ["the amount is not a number >= 0"])
        with self.assertRaises(fp.FunnelError) as cm:
            fp.learn(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        self.assertIn("header", str(cm.exception))
        with self.assertRaises(fp.FunnelError):
            fp.learn("id,stage,date\n")  # no item
        with self.assertRaises(fp.FunnelError):
            fp.learn(rows, columns={"colour": "x"})
        with self.assertRaises(fp.FunnelError):
            fp.learn(rows, as_of="2026-02-30")
        with self.assertRaises(fp.FunnelError):
            fp.learn(rows, stages="lead,lead")

    def test_leads_fit_beside_the_funnel_as_fit_score_and_the_cli(self):
        rnd = random.Random(7)
        lines = ["id,budget,authority,need,timing,result"]
        for i in range(300):
            a = [rnd.choice([0, 0.5, 1]) for _ in range(4)]
            p = 1 / (1 + math.exp(-(-1.0 + 2.0 * a[0] + 0.8 * a[2])))
            lines.append("l%d,%s,%s" % (i, ",".join(str(x) for x in a),
                                        "" if i % 9 == 0 else ("won" if rnd.random() < p
                                                               else "lost")))
        leads = "\n".join(lines) + "\n"
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, os.pardir, os.pardir, "examples", "crm_history.csv")
        alone = fp.learn(path)
        both = fp.learn(path, leads=leads, outcome="result", criteria="bant")
        fit = fp.fit_score(leads, "result", "bant")
        self.assertIsNone(alone.score_fit)
        self.assertEqual(both.score_fit.weights, fit.weights)
        self.assertEqual((both.score_fit.auc_fitted, both.score_fit.auc_given),
                         (fit.auc_fitted, fit.auc_given))
        d = both.to_dict()
        self.assertEqual(d.pop("score_fit"), fit.to_dict())
        self.assertEqual(d, alone.to_dict())
        self.assertEqual(str(both), str(alone) + "\n" + str(fit))
        self.assertEqual(both.to_rows(), alone.to_rows())
        with self.assertRaises(fp.FunnelError):
            fp.learn(path, leads=leads)  # no outcome column named
        with self.assertRaises(fp.FunnelError):
            fp.learn(path, outcome="result")  # no leads
        cli = os.environ.get("FUNNELPLAN_CLI")
        if not cli:
            return
        with tempfile.TemporaryDirectory() as tmp:
            lp = os.path.join(tmp, "leads.csv")
            with open(lp, "w", encoding="utf-8") as f:
                f.write(leads)
            for fmt, text in (("table", str(both)), ("csv", both.to_csv())):
                r = subprocess.run([cli, "learn", path, "--leads", lp, "--outcome", "result",
                                    "--format", fmt], capture_output=True, text=True, check=True)
                self.assertEqual(r.stdout, text)
            r = subprocess.run([cli, "learn", path, "--leads", lp, "--outcome", "result",
                                "--format", "json"], capture_output=True, text=True, check=True)
            self.assertEqual(json.loads(r.stdout), both.to_dict())


if __name__ == "__main__":
    unittest.main()

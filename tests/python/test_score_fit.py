# funnelplan — presets, counted criteria, fit_score() and auc() from Python.
# SPDX-License-Identifier: MIT
"""The qualification presets (bant, bad, champ, meddic) against the table
the guide prints; BAD's activity as a count scaled by its saturation against
Fractions; :func:`funnelplan.auc` against a Fraction reference (ties as
half) on random values with many ties; :func:`funnelplan.fit_score` on
synthetic histories drawn from known weights (a property: the fitted
weights come out in the order of the true ones, for every seed), its areas
against the Fraction AUC of the held-back leads, its ``to_dict()`` against
``funnelplan score --fit``; and the refusals (no outcome column, outcomes
other than won/lost, one class only, NaN, infinities, huge numbers).

Deterministic: every random draw comes from ``random.Random(SEED + k)``.
"""

import json
import math
import os
import random
import subprocess
import tempfile
import unittest
from fractions import Fraction as Fr

from fpl_support import cli_path
from test_cli import difference

import funnelplan as fp

SEED = 20261204

PRESETS = {
    "bant": [("budget", 1, True, 0), ("authority", 1, True, 0), ("need", 1, True, 0),
             ("timing", 1, True, 0)],
    "bad": [("need", 2, True, 0), ("activity", 1, False, 10), ("social", 1, False, 0)],
    "champ": [("challenges", 3, True, 0), ("authority", 2, False, 0), ("money", 1, False, 0),
              ("prioritization", 2, False, 0)],
    "meddic": [("metrics", 1, False, 0), ("economic_buyer", 2, True, 0),
               ("decision_criteria", 1, False, 0), ("decision_process", 1, False, 0),
               ("identify_pain", 2, True, 0), ("champion", 2, True, 0)],
}


def auc_reference(won, lost):
    """(pairs won higher + pairs equal / 2) / (n_won · n_lost), exactly."""
    g = sum(1 for w in won for l in lost if w > l)
    e = sum(1 for w in won for l in lost if w == l)
    return (Fr(g) + Fr(e, 2)) / (len(won) * len(lost))


def history(rng, names, beta, n, intercept=-1.0, open_every=0):
    """CSV text of leads whose log-odds of winning are intercept + Σ beta · answer
    (answers 0, 1/4, ..., 1), an outcome column `result`; every open_every-th
    lead still open. Also [(answers as Fractions, won)] of those with an outcome."""
    lines = ["id," + ",".join(names) + ",result"]
    leads = []
    for i in range(n):
        a = [Fr(rng.randrange(5), 4) for _ in names]
        eta = intercept + sum(b * float(x) for b, x in zip(beta, a))
        won = rng.random() < 1.0 / (1.0 + math.exp(-eta))
        open_ = open_every and i % open_every == 0
        outcome = "" if open_ else "won" if won else "lost"
        lines.append("lead%d,%s,%s" % (i, ",".join(str(float(x)) for x in a), outcome))
        if not open_:
            leads.append((a, won))
    return ("\n".join(lines) + "\n").encode("ascii"), leads


class Presets(unittest.TestCase):
    def test_every_preset_has_its_criteria_and_weights(self):
        self.assertEqual(fp.PRESETS, ("bant", "bad", "champ", "meddic"))
        for name, items in PRESETS.items():
            for spelling in (name, name.upper(), name.capitalize()):
                c = fp.Criteria(spelling)
                self.assertEqual(c.preset_name, name)
                self.assertEqual(c.criteria, tuple(fp.Criterion(*i) for i in items))
                self.assertEqual((c.hot, c.warm), (75, 50))
                self.assertEqual(fp.Criteria.preset(spelling), c)
        self.assertEqual(fp.Criteria.bant(), fp.Criteria("bant"))
        self.assertIsNone(fp.Criteria(["need"]).preset_name)

    def test_unknown_presets_are_refused(self):
        for bad in ("", "spiced", "bant ", "b\u00e4d", "meddicc"):
            with self.assertRaises(fp.FunnelError) as cm:
                fp.Criteria(bad)
            self.assertEqual(cm.exception.status, "FPL_ERR_PRESET")
            self.assertIn("the preset is bant, bad, champ or meddic", str(cm.exception))
        with self.assertRaises(fp.FunnelTypeError):
            fp.Criteria.preset(3)

    def test_bad_activity_counts_against_fractions(self):
        rng = random.Random(SEED)
        for saturation in (None, 20, "2.5", 0.5):
            kwargs = {} if saturation is None else {"saturation": {"activity": saturation}}
            c = fp.Criteria("bad", **kwargs)
            sat = Fr(10) if saturation is None else Fr(saturation)
            self.assertEqual(c.criteria[1].saturation, float(sat))
            for _ in range(200):
                need = rng.choice([0, Fr(1, 2), 1])
                count = rng.choice([0, 1, 2, 3, 9, 10, 11, 25, 1000, "7", "1.5k", None])
                social = rng.choice([0, Fr(1, 4), 1])
                got = c.score({"need": float(need), "activity": count, "social": float(social)})
                activity = min(Fr(1500 if count == "1.5k" else int(count or 0)) / sat, 1)
                want = 100 * (2 * need + activity + social) / 4
                self.assertAlmostEqual(got.score, float(want), delta=1e-12 * 100)
                self.assertEqual(got.sales_ready, need == 1)
        # "NAME=COUNT" as the CLI's --saturation, and in a criterion's spec
        self.assertEqual(fp.Criteria("bad", saturation=["activity=20"]).criteria[1].saturation,
                         20)
        c = fp.Criteria(["clicks=2,required,saturation=50", ("views", 1, False, 4)])
        self.assertEqual(c.criteria, (fp.Criterion("clicks", 2, True, 50),
                                      fp.Criterion("views", 1, False, 4)))
        self.assertEqual(c.score([25, 1]).score, 100 * (2 * 0.5 + 0.25) / 3)
        self.assertEqual(c.options(), "--criterion clicks=2,required,saturation=50\n"
                                      "--criterion views=1,saturation=4\n")
        self.assertEqual(fp.Criteria([fp.Criterion("clicks", 2, True, 50)]).criteria[0],
                         fp.Criterion("clicks", 2, True, 50))

    def test_bad_counts_and_saturations_are_refused(self):
        c = fp.Criteria("bad")
        for count in (-1, "-1", float("nan"), float("inf"), 10 ** 400, "1e400", "yes", "x"):
            with self.subTest(count=count):
                with self.assertRaises(fp.FunnelError) as cm:
                    c.score({"need": 1, "activity": count, "social": 1})
                self.assertEqual(cm.exception.status, "FPL_ERR_ANSWER")
                self.assertEqual((cm.exception.field, cm.exception.index), ("answer", 1))
        with self.assertRaises(fp.FunnelTypeError):
            c.score({"need": 1, "activity": True, "social": 1})
        for sat in ({"activity": 0}, {"activity": -2}, {"activity": float("nan")},
                    {"activity": float("inf")}, {"activity": "lots"}, {"clicks": 3},
                    ["activity"], ["=3"]):
            with self.subTest(saturation=sat):
                with self.assertRaises(fp.FunnelError) as cm:
                    fp.Criteria("bad", saturation=sat)
                self.assertEqual(cm.exception.status, "FPL_ERR_SATURATION")
        for sat in ({"activity": None}, [3], 7):
            with self.assertRaises(fp.FunnelTypeError):
                fp.Criteria("bad", saturation=sat)
        with self.assertRaises(fp.FunnelError) as cm:
            fp.Criteria(["x=1,saturation=0"])
        self.assertEqual(cm.exception.status, "FPL_ERR_SATURATION")


class Auc(unittest.TestCase):
    def test_hand_computed(self):
        # won 3 beats all four; 1 beats 0, ties 1; 2 beats 1 and 0, ties both 2s
        self.assertEqual(fp.auc([3, 1, 2], [1, 0, 2, 2]), 17 / 24)
        self.assertEqual(fp.auc([5, 5], [5, 5, 5]), 0.5)
        self.assertEqual(fp.auc([2], [1]), 1.0)
        self.assertEqual(fp.auc([1], [2]), 0.0)
        self.assertEqual(fp.auc((x for x in [1.0 + 2 ** -52]), [1.0]), 1.0)

    def test_against_fractions_with_many_ties(self):
        rng = random.Random(SEED + 1)
        for _ in range(300):
            pool = [rng.choice([-1e300, -2.5, 0.0, 1e-300, 0.1, 0.1 + 0.2, 0.3, 7, 1e300])
                    for _ in range(rng.randrange(1, 6))]
            won = [rng.choice(pool) for _ in range(rng.randrange(1, 40))]
            lost = [rng.choice(pool) for _ in range(rng.randrange(1, 40))]
            want = auc_reference([Fr(x) for x in won], [Fr(x) for x in lost])
            self.assertEqual(fp.auc(won, lost), float(want), (won, lost))
            self.assertEqual(fp.auc(lost, won), float(1 - want))

    def test_refusals(self):
        for won, lost, status, where in (
                ([], [1], "FPL_ERR_OUTCOMES", "won"), ([1], [], "FPL_ERR_OUTCOMES", "lost"),
                ([1, float("nan")], [0], "FPL_ERR_RANK_VALUE", "won[1]"),
                ([1], [0, float("-inf")], "FPL_ERR_RANK_VALUE", "lost[1]"),
                ([10 ** 400], [0], "FPL_ERR_RANK_VALUE", "won[0]")):
            with self.subTest(won=won, lost=lost):
                with self.assertRaises(fp.FunnelError) as cm:
                    fp.auc(won, lost)
                self.assertEqual(cm.exception.status, status)
                self.assertTrue(str(cm.exception).startswith(where), str(cm.exception))
        for won in (["1"], [True], [None], "12", 5):
            with self.assertRaises(fp.FunnelTypeError):
                fp.auc(won, [1])


class Fit(unittest.TestCase):
    def test_the_fitted_weights_follow_the_true_ones(self):
        # A property: for every seed and every set of well-separated true
        # weights, the fitted weights are in the same order, and a criterion
        # that lowers the odds gets the floor.
        names = ["a", "b", "c", "d", "e"]
        for k in range(6):
            rng = random.Random(SEED + 10 + k)
            beta = rng.sample([3.2, 2.1, 1.2, 0.5], 4) + [-1.0]
            order = sorted(range(5), key=lambda j: -beta[j])
            data, _ = history(rng, names, beta, 4000, open_every=rng.choice([0, 7]))
            with self.subTest(seed=SEED + 10 + k, beta=beta):
                f = fp.fit_score(data, "result", [(n, 1) for n in names])
                w = [f.weights[n] for n in names]
                self.assertEqual(sorted(range(5), key=lambda j: -w[j]), order, w)
                self.assertEqual(max(w), 10)
                self.assertEqual(f.floored, ("e",))
                self.assertEqual(w[4], 0.01)
                self.assertTrue(f.converged)
                for j in range(4):
                    self.assertLess(abs(f.coefficients[j] - beta[j]), 0.5)
                self.assertGreater(f.auc_fitted, f.auc_given)

    def test_areas_against_fractions_on_the_held_back_leads(self):
        rng = random.Random(SEED + 3)
        names = ["budget", "authority", "need", "timing"]
        data, leads = history(rng, names, [1.5, 0.2, 2.5, 0.9], 2500, open_every=11)
        f = fp.fit_score(data, "result")
        held = [lead for i, lead in enumerate(leads) if (i + 1) % 5 == 0]
        fitted = [lead for i, lead in enumerate(leads) if (i + 1) % 5 != 0]
        self.assertEqual((f.held_back_won, f.held_back_lost),
                         (sum(w for _, w in held), sum(not w for _, w in held)))
        self.assertEqual((f.fitted_won, f.fitted_lost),
                         (sum(w for _, w in fitted), sum(not w for _, w in fitted)))
        self.assertEqual(f.open, len(range(0, 2500, 11)))
        for weights, got in (([1, 1, 1, 1], f.auc_given),
                             ([c.weight for c in f.criteria.criteria], f.auc_fitted)):
            def score(a):
                return sum(Fr(w) * x for w, x in zip(weights, a))
            want = auc_reference([score(a) for a, won in held if won],
                                 [score(a) for a, won in held if not won])
            self.assertEqual(got, float(want))
        # the same history, the same bits; the weights read back as criteria
        self.assertEqual(fp.fit_score(data, "result"), f)
        self.assertEqual(fp.Criteria([l.split(" ", 1)[1] for l in f.options.splitlines()
                                      if l.startswith("--criterion ")]), f.criteria)
        self.assertTrue(f.options.startswith("# criteria fitted to the outcomes in column "
                                             "result\n"))
        self.assertEqual(f.to_dict()["auc"], {"fitted": f.auc_fitted, "given": f.auc_given})
        self.assertIn("area under the ROC curve on the held-back leads", str(f))

    def test_refusals(self):
        rng = random.Random(SEED + 4)
        data, _ = history(rng, ["budget", "authority", "need", "timing"], [1, 1, 1, 1], 200)
        with self.assertRaises(fp.FunnelError) as cm:
            fp.fit_score(data, "outcome")
        self.assertEqual(cm.exception.status, "FPL_ERR_CSV_HEADER")
        self.assertIn("the header has no column named 'outcome' (the outcome column)",
                      str(cm.exception))
        for col in ("id", "NEED", ""):
            with self.assertRaises(fp.FunnelError):
                fp.fit_score(data, col)
        with self.assertRaises(fp.FunnelTypeError):
            fp.fit_score(data, None)
        for one_class in (data.replace(b",lost", b",won"), data.replace(b",won", b",lost"),
                          b"id,budget,authority,need,timing,result\n"):
            with self.assertRaises(fp.FunnelError) as cm:
                fp.fit_score(one_class, "result")
            self.assertEqual(cm.exception.status, "FPL_ERR_OUTCOMES")
            self.assertIn("needs both won and lost leads", str(cm.exception))
        # rows at fault: skipped, or with strict=True the first one raises
        bad = data + (b"x1,1,1,1,1,maybe\nx2,nan,1,1,1,won\nx3,inf,1,1,1,lost\n"
                      b"x4,1e308,1,1,1,won\nx5,-0.5,1,1,1,lost\n")
        f = fp.fit_score(bad, "result")
        self.assertEqual(f.skipped, 5)
        self.assertEqual([r.message for r in f.skipped_rows][0],
                         "column 'result': the outcome is won, lost, or empty for a lead "
                         "still open")
        self.assertEqual({r.column for r in f.skipped_rows[1:]}, {"budget"})
        with self.assertRaises(fp.FunnelError) as cm:
            fp.fit_score(bad, "result", strict=True)
        self.assertEqual(cm.exception.line, 202)


class CliEqualsPython(unittest.TestCase):
    def test_to_dict_is_the_cli_json(self):
        cli = cli_path()
        if cli is None:
            self.skipTest("no CLI binary (set FUNNELPLAN_CLI, or build build/bindings/cli)")
        rng = random.Random(SEED + 5)
        data, _ = history(rng, ["need", "activity", "social"], [2.0, 1.0, 0.3], 1500,
                          open_every=9)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "leads.csv")
            with open(path, "wb") as f:
                f.write(data)
            for args, kwargs in (([], {}), (["--criteria", "bad"], {"criteria": "bad"}),
                                 (["--criteria", "bad", "--saturation", "activity=0.5"],
                                  {"criteria": "bad", "saturation": {"activity": 0.5}}),
                                 (["--criterion", "need=3", "--criterion", "activity",
                                   "--criterion", "social=1,required", "--hot", "60"],
                                  {"criteria": ["need=3", "activity", "social=1,required"],
                                   "hot": 60})):
                if not args:
                    args, kwargs = ["--criterion", "need", "--criterion", "activity",
                                    "--criterion", "social"], {
                        "criteria": ["need", "activity", "social"]}
                with self.subTest(args=args):
                    f = fp.fit_score(path, "result", **kwargs)
                    for fmt, want in (("json", None), ("table", str(f))):
                        proc = subprocess.run([cli, "score", "--leads", path, "--fit", "result",
                                               "--format", fmt] + args,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                              timeout=60)
                        self.assertEqual(proc.returncode, 0, proc.stderr[:300])
                        out = proc.stdout.decode("utf-8")
                        if want is None:
                            self.assertIsNone(difference(f.to_dict(), json.loads(out)))
                        else:
                            self.assertEqual(out, want)


if __name__ == "__main__":
    unittest.main()

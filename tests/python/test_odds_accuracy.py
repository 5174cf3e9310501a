# funnelplan — the accuracy promise of the binomial tails (odds.h, the
# guide): an absolute error of at most 1e-12 at every volume up to 2^53.
# SPDX-License-Identifier: MIT
"""fpl_odds_tail, fpl_odds_quantile and fpl_odds_volume_for against a
60-digit reference (tests/python/fpl_binomial_ref.py: the incomplete beta
integral by Gauss-Legendre in ``decimal``), which is itself checked against
exact rational sums at small volumes and against the exact identities of
p = 1/2 at large ones.

Volumes 10^9, 10^12, 10^15 and 2^53; rates 1/2, 0.1, 0.01, 1e-6, 0.999 and
1/3 (whose mean is not whole); deals from 12 standard deviations below the
mean to 12 above. The measured error is about 2e-16 everywhere; the test
holds the documented bound, 1e-12. The rates are the doubles the library is
given: the reference uses exactly those.
"""

import ctypes
import decimal
import math
import unittest
from decimal import Decimal
from fractions import Fraction

import fpl_binomial_ref as ref
from fpl_odds_support import ExactBinomial, log_factorial

from funnelplan import _native

BOUND = Decimal("1e-12")          # odds.h and docs/guide.md
TIE = Decimal("1e-12")            # a probability this close to a level reaches it
VOLUMES = (10**9, 10**12, 10**15, 2**53)
RATES = (0.5, 0.1, 0.01, 1e-6, 0.999, 1 / 3)
OFFSETS = (-12, -3, -1, -0.5, 0, 0.5, 1, 3, 12)


def lib_tail(n, p, k):
    up = ctypes.c_double()
    below = ctypes.c_double()
    _native.fn.odds_tail(float(n), p, float(k), ctypes.byref(up), ctypes.byref(below))
    return up.value, below.value


def deals_near(n, p):
    mean = n * p
    sd = math.sqrt(n * p * (1 - p))
    ks = set()
    for o in OFFSETS:
        k = math.floor(mean + o * sd) + (1 if o >= 0 else 0)
        if 0 <= k <= n:
            ks.add(k)
    return sorted(ks)


class ReferenceIsRight(unittest.TestCase):
    """The reference before it judges anything."""

    def test_against_exact_rationals(self):
        for n, p, ks in ((60, 0.5, (1, 29, 30, 31, 60)), (400, 0.1, (2, 30, 40, 41, 60)),
                         (2000, 1e-3, (1, 2, 5)), (1500, 0.999, (1490, 1498, 1500)),
                         (999, 1 / 3, (300, 333, 334, 380))):
            exact = ExactBinomial(n, Fraction(p))
            for k in ks:
                up, below = ref.tails(n, p, k)
                want = Fraction(exact.tail_num(k), exact.den)
                with self.subTest(n=n, p=p, k=k):
                    self.assertLess(abs(Fraction(up) - want), Fraction(1, 10**17))
                    self.assertLess(abs(Fraction(below) - (1 - want)), Fraction(1, 10**17))

    def test_against_the_identity_at_one_half(self):
        # even n: P(X >= n/2 + 1) = (1 - C(n, n/2) / 2^n) / 2
        for n in VOLUMES:
            m = n // 2
            with decimal.localcontext() as ctx:
                ctx.prec = 60
                pmf = (log_factorial(n) - 2 * log_factorial(m) - n * Decimal(2).ln()).exp()
                want = (1 - pmf) / 2
            up, _ = ref.tails(n, 0.5, m + 1)
            with self.subTest(n=n):
                self.assertLess(abs(up - want), Decimal("1e-30"))


class TailsAreAccurate(unittest.TestCase):

    def test_tails_within_the_bound(self):
        for n in VOLUMES:
            worst = Decimal(0)
            for p in RATES:
                for k in deals_near(n, p):
                    want_up, want_below = ref.tails(n, p, k)
                    up, below = lib_tail(n, p, k)
                    err = max(abs(Decimal(up) - want_up), abs(Decimal(below) - want_below))
                    worst = max(worst, err)
                    with self.subTest(n=n, p=p, k=k):
                        self.assertLessEqual(err, BOUND, "P(X >= k) = %r, reference %s"
                                             % (up, want_up))
                        # the small side keeps its digits, relative to itself
                        small = min(want_up, want_below)
                        if small > Decimal("1e-300"):
                            got = Decimal(up if want_up <= want_below else below)
                            self.assertLess(abs(got - small) / small, Decimal("1e-9"))
            self.assertGreater(worst, 0)   # the comparison compared something

    def test_symmetry_at_one_half(self):
        # P(X >= k) + P(X >= n - k + 1) = 1, exactly, at every k
        for n in VOLUMES:
            for k in deals_near(n, 0.5):
                up, _ = lib_tail(n, 0.5, k)
                mirror, _ = lib_tail(n, 0.5, n - k + 1)
                with self.subTest(n=n, k=k):
                    self.assertLessEqual(abs(Decimal(up) + Decimal(mirror) - 1), BOUND)


class WholeAnswersLandRight(unittest.TestCase):
    """The quantile and the volume for a confidence are whole numbers: with
    accurate tails they are the least that qualify by the reference (a
    probability within 1e-12 of the level counts as reaching it)."""

    def test_quantiles(self):
        for n in VOLUMES:
            for p in (0.5, 1 / 3):
                for q in (0.1, 0.5):
                    d = ctypes.c_double()
                    _native.fn.odds_quantile(float(n), p, q, ctypes.byref(d))
                    d = int(d.value)
                    cdf_d = ref.tails(n, p, d + 1)[1]        # P(X <= d)
                    cdf_before = ref.tails(n, p, d)[1]       # P(X <= d - 1)
                    level = Decimal(q)
                    with self.subTest(n=n, p=p, q=q, d=d):
                        self.assertGreaterEqual(cdf_d, level - TIE)
                        self.assertLess(cdf_before, level - TIE)

    def test_median_at_one_half(self):
        for n in VOLUMES:
            d = ctypes.c_double()
            _native.fn.odds_quantile(float(n), 0.5, 0.5, ctypes.byref(d))
            self.assertEqual(int(d.value), n // 2)

    def test_volumes_for_confidence(self):
        for p, k in ((0.5, 2**51), (0.1, 10**14), (0.01, 10**12), (1e-6, 10**9),
                     (1 / 3, 3 * 10**14 + 7)):
            for c in (0.5, 0.99):
                v = ctypes.c_double()
                _native.fn.odds_volume_for(p, float(k), c, ctypes.byref(v))
                v = int(v.value)
                with self.subTest(p=p, k=k, c=c, volume=v):
                    self.assertGreaterEqual(ref.tails(v, p, k)[0], Decimal(c) - TIE)
                    self.assertLess(ref.tails(v - 1, p, k)[0], Decimal(c) - TIE)


if __name__ == "__main__":
    unittest.main()

# funnelplan — exact and high-precision binomial references for the odds tests.
# SPDX-License-Identifier: MIT
"""Independent references for ``Funnel.odds`` (not a test module itself).

- :class:`ExactBinomial`: X ~ Binomial(n, p) with p a Fraction, every
  probability an exact rational kept as an unreduced integer pair (reducing
  fractions of 100,000-bit integers would cost more than computing them).
  For n up to a few thousand.
- :func:`big_tail`: P(X >= k) for n up to 2^53 with the ``decimal`` module at
  50 digits: log C(n, k) from a Stirling series for log(n!) with ten
  Bernoulli terms (``math.lgamma`` is a double: at n = 1e9 its absolute
  error in log(n!) is about 1e-6 and would sink the comparison), then the
  pmf summed outward from the start with the ratio recurrence until the
  terms are below 1e-40.
"""

import decimal
import math
from decimal import Decimal
from fractions import Fraction

# ---------------------------------------------------------------------------
# Exact (small n)


class ExactBinomial:
    """Binomial(n, p) with exact rational probabilities.

    Every probability is ``num / self.den`` with ``den = D**n`` (p = a/D in
    lowest terms), never reduced.
    """

    def __init__(self, n, p):
        p = Fraction(p)
        if not (0 < p < 1) or n < 0 or n != int(n):
            raise ValueError("need a whole n >= 0 and 0 < p < 1")
        self.n = int(n)
        self.a = p.numerator
        self.b = p.denominator - p.numerator
        self.den = p.denominator ** self.n
        self._terms = []     # pmf numerators C(n,d) a^d b^(n-d), d = 0, 1, ...
        self._cdf = []       # their running sums

    def _extend(self, d):
        """Makes pmf numerators up to index d (<= n) available."""
        n, a, b = self.n, self.a, self.b
        while len(self._terms) <= d:
            j = len(self._terms)
            if j == 0:
                t = b ** n
            else:
                # C(n,j) a^j b^(n-j) = C(n,j-1) a^(j-1) b^(n-j+1) (n-j+1) a / (j b): exact.
                t = self._terms[-1] * (n - j + 1) * a // (j * b)
            self._terms.append(t)
            self._cdf.append(t + (self._cdf[-1] if self._cdf else 0))

    def cdf_num(self, d):
        """Numerator of P(X <= d)."""
        if d < 0:
            return 0
        if d >= self.n:
            return self.den
        self._extend(d)
        return self._cdf[d]

    def tail_num(self, k):
        """Numerator of P(X >= k)."""
        return self.den - self.cdf_num(k - 1)

    def tail(self, k):
        """P(X >= k) as a float (correctly rounded: int / int is)."""
        return self.tail_num(k) / self.den

    def below(self, k):
        """P(X < k) as a float."""
        return self.cdf_num(k - 1) / self.den

    def tail_at_least(self, k, c):
        """P(X >= k) >= c, exactly (c a Fraction)."""
        c = Fraction(c)
        return self.tail_num(k) * c.denominator >= c.numerator * self.den

    def tail_distance(self, k, c):
        """|P(X >= k) - c| as a float (for spotting near ties)."""
        c = Fraction(c)
        diff = self.tail_num(k) * c.denominator - c.numerator * self.den
        return abs(diff) / (self.den * c.denominator)

    def quantile(self, q):
        """The smallest whole d with P(X <= d) >= q (q a Fraction)."""
        q = Fraction(q)
        d = 0
        while self.cdf_num(d) * q.denominator < q.numerator * self.den:
            d += 1
        return d

    def quantile_margin(self, q, d):
        """min over d-1, d of |P(X <= .) - q| (for spotting near ties)."""
        q = Fraction(q)
        out = []
        for x in (d - 1, d):
            diff = self.cdf_num(x) * q.denominator - q.numerator * self.den
            out.append(abs(diff) / (self.den * q.denominator))
        return min(out)


def exact_volume_for(p, k, c, limit=100000):
    """The smallest whole n with P(Binomial(n, p) >= k) >= c, by bracketing
    and bisection on exact tails (P grows with n). None beyond ``limit``."""
    p = Fraction(p)
    c = Fraction(c)
    if k <= 0:
        return 0
    lo = k - 1                               # P = 0 < c
    hi = max(k, math.ceil(k / p))
    while not ExactBinomial(hi, p).tail_at_least(k, c):
        lo = hi
        hi *= 2
        if hi > limit:
            return None
    while hi - lo > 1:                      # P(lo) < c <= P(hi)
        mid = (lo + hi) // 2
        if ExactBinomial(mid, p).tail_at_least(k, c):
            hi = mid
        else:
            lo = mid
    return hi


# ---------------------------------------------------------------------------
# High precision (large n)

PREC = 50
_PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494")
# B_2, B_4, ..., B_20
_BERNOULLI = (Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30),
              Fraction(5, 66), Fraction(-691, 2730), Fraction(7, 6), Fraction(-3617, 510),
              Fraction(43867, 798), Fraction(-174611, 330))


def _dec(fraction):
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def log_factorial(x):
    """log(x!) to about PREC digits (call inside a context of that precision)."""
    x = int(x)
    if x < 60:
        return Decimal(math.factorial(x)).ln()
    X = Decimal(x)
    s = (X + Decimal("0.5")) * X.ln() - X + (2 * _PI).ln() / 2
    # Stirling's series: sum B_2m / (2m (2m-1) x^(2m-1)); at x >= 60 the
    # tenth term is below 1e-60.
    power = X
    x2 = X * X
    for m, b in enumerate(_BERNOULLI, start=1):
        s += _dec(b) / (Decimal(2 * m * (2 * m - 1)) * power)
        power *= x2
    return s


def big_tail(n, p, k, floor=Decimal("1e-40")):
    """P(X >= k) for X ~ Binomial(n, p) as a Decimal of PREC digits; p a Fraction."""
    p = Fraction(p)
    n = int(n)
    k = int(k)
    if k <= 0:
        return Decimal(1)
    if k > n:
        return Decimal(0)
    with decimal.localcontext() as ctx:
        ctx.prec = PREC
        P = _dec(p)
        Q = _dec(1 - p)
        lnP, lnQ = P.ln(), Q.ln()
        lnfn = log_factorial(n)

        def pmf(j):
            return (lnfn - log_factorial(j) - log_factorial(n - j) + j * lnP
                    + (n - j) * lnQ).exp()

        mode = math.floor((n + 1) * p)
        ratio_up = P / Q            # pmf(j+1)/pmf(j) = (n-j)/(j+1) * p/q
        if k - 1 <= mode:
            # P(X < k): from k-1 down; the terms only fall.
            j = k - 1
            term = pmf(j)
            total = Decimal(0)
            while True:
                total += term
                if j == 0 or term < floor:
                    break
                term = term * Decimal(j) / (Decimal(n - j + 1) * ratio_up)
                j -= 1
            return 1 - total
        # P(X >= k): from k up; the terms only fall.
        j = k
        term = pmf(j)
        total = Decimal(0)
        while True:
            total += term
            if j == n or term < floor:
                break
            term = term * Decimal(n - j) * ratio_up / Decimal(j + 1)
            j += 1
        return total

# funnelplan — a 60-digit reference for binomial tails at any volume up to 2^53.
# SPDX-License-Identifier: MIT
"""P(X >= k) for X ~ Binomial(n, p) to about 40 significant digits for any
n up to 2^53 (not a test module itself).

Summing the pmf (fpl_odds_support.big_tail) needs about ten standard
deviations of terms: 10^9 of them at n = 2^53, p = 1/2. This reference uses
the identity P(X >= k) = I_p(k, n - k + 1), the regularized incomplete beta
function, and integrates its density

    t^(k-1) (1 - t)^(n-k) · n! / ((k-1)! (n-k)!)

numerically in ``decimal`` at 60 digits: from p away from the mode of the
density (where it only falls) over 60 standard deviations of t, in pieces of
two standard deviations, each by 20-point Gauss-Legendre. Nothing here is
asymptotic or shares a formula with src/odds.c: log(x!) is Stirling's series
with enough Bernoulli terms (fpl_odds_support.log_factorial), the nodes are
Newton's roots of the Legendre polynomial in 60 digits, and the density is a
smooth bell (log-concave), on which Gauss-Legendre over two standard
deviations is exact far beyond 1e-25. ``tails`` checks itself against exact
rational sums at small n in tests/python/test_odds_accuracy.py.
"""

import decimal
import functools
import math
from decimal import Decimal
from fractions import Fraction

from fpl_odds_support import log_factorial

PREC = 60
NODES = 20
WIDTH_SD = 60          # standard deviations integrated beyond p
PIECE_SD = 2           # standard deviations in one Gauss-Legendre piece
_GL = None


def _legendre_nodes():
    """The 20-point Gauss-Legendre nodes and weights on [-1, 1] in PREC digits."""
    global _GL
    if _GL is not None:
        return _GL
    m = NODES
    out = []
    with decimal.localcontext() as ctx:
        ctx.prec = PREC + 10
        for i in range(1, m // 2 + 1):
            x = Decimal(math.cos(math.pi * (i - 0.25) / (m + 0.5)))
            for _ in range(100):
                p0, p1 = Decimal(1), x
                for j in range(2, m + 1):
                    p0, p1 = p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j
                dp = m * (x * p1 - p0) / (x * x - 1)
                dx = p1 / dp
                x -= dx
                if abs(dx) < Decimal(10) ** -(PREC + 5):
                    break
            p0, p1 = Decimal(1), x
            for j in range(2, m + 1):
                p0, p1 = p1, ((2 * j - 1) * x * p1 - (j - 1) * p0) / j
            dp = m * (x * p1 - p0) / (x * x - 1)
            w = 2 / ((1 - x * x) * dp * dp)
            out.append((x, w))
            out.append((-x, w))
    _GL = out
    return out


@functools.lru_cache(maxsize=None)
def tails(n, p, k):
    """(P(X >= k), P(X < k)) as Decimals, each computed so that the smaller
    one is accurate relative to itself; p a float or Fraction in [0, 1]."""
    n = int(n)
    k = int(k)
    p = Fraction(p)
    if k <= 0:
        return Decimal(1), Decimal(0)
    if k > n or p == 0:
        return Decimal(0), Decimal(1)
    if p == 1:
        return Decimal(1), Decimal(0)
    nodes = _legendre_nodes()
    with decimal.localcontext() as ctx:
        ctx.prec = PREC
        P = Decimal(p.numerator) / Decimal(p.denominator)
        a = k          # I_p(a, b), b = n - k + 1
        b = n - k + 1
        log_norm = log_factorial(n) - log_factorial(k - 1) - log_factorial(n - k)
        am1 = Decimal(a - 1)
        bm1 = Decimal(b - 1)

        def density(t):
            v = log_norm
            if a > 1:
                v += am1 * t.ln()
            if b > 1:
                v += bm1 * (1 - t).ln()
            return v.exp()

        N = Decimal(n)
        sd = (Decimal(a) * Decimal(b) / ((N + 1) * (N + 1) * (N + 2))).sqrt()
        mode = Decimal(a - 1) / Decimal(n - 1) if n > 1 else Decimal("0.5")
        width = WIDTH_SD * sd
        if P <= mode:
            lo, hi = max(Decimal(0), P - width), P
        else:
            lo, hi = P, min(Decimal(1), P + width)
        pieces = WIDTH_SD // PIECE_SD
        step = (hi - lo) / pieces
        total = Decimal(0)
        for i in range(pieces):
            left = lo + i * step
            half = step / 2
            mid = left + half
            for x, w in nodes:
                total += w * density(mid + half * x)
            # the rest is below 1e-40 of the total far out
        total = total * step / 2
        if P <= mode:
            return +total, 1 - total
        return 1 - total, +total

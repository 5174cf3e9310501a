# funnelplan — an independent reference of the Monte Carlo odds (src/rng.c, fpl_odds_simulate).
# SPDX-License-Identifier: MIT
"""The library's random numbers are specified (src/rng.h): xoshiro256**
seeded by splitmix64, and draws that use only IEEE-754 arithmetic (+ − × ÷
and sqrt, correctly rounded) with the exact scalings frexp, ldexp and floor
and the library's own logarithm and exponential. Python's floats are the
same doubles and its ``math.sqrt``, ``frexp``, ``ldexp`` and ``floor`` the
same exact operations, so this module, written from the specification,
draws the same numbers for a seed, and ``simulate`` gives the figures
``fpl_odds_simulate`` must give, to the last bit: the seed-fixed golden
values of the Monte Carlo tests (tests/python/test_odds.py,
tests/cli/test_odds.py, and the values pinned in tests/test_odds.c).
Expressions keep the C evaluation order (C11 without contraction)."""

import math

MASK = (1 << 64) - 1
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
QUANTILES = (0.1, 0.5, 0.9)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Rng:
    """xoshiro256** with a splitmix64 seeding, and the library's draws."""

    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s = self.s
        result = (_rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def uniform(self):
        return (float(self.next() >> 11) + 0.5) * 2.0 ** -53

    def normal(self):
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                return u * math.sqrt(-2.0 * det_log(s) / s)

    def _gamma_large(self, shape):
        d = shape - 1.0 / 3.0
        c = 1.0 / math.sqrt(9.0 * d)
        while True:
            while True:
                x = self.normal()
                v = 1.0 + c * x
                if not v <= 0.0:
                    break
            v = v * v * v
            u = self.uniform()
            x2 = x * x
            if u < 1.0 - 0.0331 * x2 * x2:
                return d * v
            if det_log(u) < 0.5 * x2 + d * (1.0 - v + det_log(v)):
                return d * v

    def gamma(self, shape):
        if shape < 1.0:
            g = self._gamma_large(shape + 1.0)
            return g * det_exp(det_log(self.uniform()) / shape)
        return self._gamma_large(shape)

    def beta(self, a, b):
        x = self.gamma(a)
        y = self.gamma(b)
        return x / (x + y)

    def _binomial_small(self, n, p):
        log_q = det_log1p(-p)
        count = 0.0
        used = 0.0
        while True:
            gap = float(math.floor(det_log(self.uniform()) / log_q))
            used += gap + 1.0
            if used > n:
                return count
            count += 1.0

    def binomial(self, n, p):
        if not p > 0.0 or not n > 0.0:
            return 0.0
        if p >= 1.0:
            return n
        total = 0.0
        while n > 0.0 and n * p >= 16.0 and n * (1.0 - p) >= 16.0:
            a = float(math.floor(n / 2.0)) + 1.0
            b = n + 1.0 - a
            x = self.beta(a, b)
            if x >= p:
                n = a - 1.0
                p = p / x
            else:
                total += a
                n = b - 1.0
                p = (p - x) / (1.0 - x)
        if not n > 0.0 or not p > 0.0:
            return total
        if p >= 1.0:
            return total + n
        if n * p < 16.0:
            return total + self._binomial_small(n, p)
        return total + n - self._binomial_small(n, 1.0 - p)


def det_log(x):
    m, e = math.frexp(x)
    if m < 0.70710678118654752440:
        m *= 2.0
        e -= 1
    f = m - 1.0
    s = f / (m + 1.0)
    s2 = s * s
    poly = 1.0 / 25.0
    for j in range(23, 2, -2):
        poly = 1.0 / float(j) + s2 * poly
    logm = 2.0 * s + 2.0 * s * s2 * poly
    k = float(e)
    return (k * LN2_HI + logm) + k * LN2_LO


def det_log1p(x):
    if abs(x) < 2.0 ** -5:
        s = x / (2.0 + x)
        s2 = s * s
        poly = 1.0 / 21.0
        for j in range(19, 2, -2):
            poly = 1.0 / float(j) + s2 * poly
        return 2.0 * s + 2.0 * s * s2 * poly
    return det_log(1.0 + x)


def det_exp(x):
    if x > 709.782712893384:
        return math.inf
    if x < -745.2:
        return 0.0
    k = float(math.floor(x * 1.44269504088896340736 + 0.5))
    r = (x - k * LN2_HI) - k * LN2_LO
    total = 1.0
    for j in range(16, 0, -1):
        total = 1.0 + total * r / float(j)
    return math.ldexp(total, int(k))


def _mean(x):
    total = 0.0
    for v in x:
        total += v
    t = len(x)
    mean = total / float(t)
    ss = 0.0
    for v in x:
        ss += (v - mean) * (v - mean)
    return mean, (math.sqrt(ss / float(t - 1) / float(t)) if t > 1 else 0.0)


def _quantile(xs, q):
    tt = float(len(xs))
    se_rank = math.sqrt(tt * q * (1.0 - q))
    rank = float(math.ceil(q * tt))
    lo = max(float(math.ceil(q * tt - se_rank)), 1.0)
    hi = min(float(math.ceil(q * tt + se_rank)), tt)
    r = max(rank, 1.0)
    return xs[int(r) - 1], (xs[int(hi) - 1] - xs[int(lo) - 1]) / 2.0


def simulate(rates, volume, k, trials, seed, at=0, deal_size=None, cv=0.0, revenue=None,
             history=None):
    """The figures of fpl_odds_simulate: rates as doubles (each stage's),
    k the whole deals the target needs, revenue the revenue target (a
    revenue target with sizes that vary is judged on revenue), history
    {stage index: (won, total)}. A dict of the estimates and their
    standard errors, as floats."""
    history = history or {}
    rng = Rng(seed)
    varies = cv > 0.0
    by_revenue = varies and revenue is not None
    shape_per_deal = 1.0 / (cv * cv) if varies else 0.0
    scale = deal_size * cv * cv if varies else 0.0
    deals, revs, hits = [], [], 0.0
    for _ in range(trials):
        p = 1.0
        for i in range(at, len(rates)):
            if i in history:
                won, total = history[i]
                p *= rng.beta(float(won) + 1.0, float(total - won) + 1.0)
            else:
                p *= rates[i]
        d = rng.binomial(float(volume), p)
        deals.append(d)
        rev = 0.0
        if deal_size is not None:
            if varies:
                rev = rng.gamma(d * shape_per_deal) * scale if d > 0.0 else 0.0
            else:
                rev = d * deal_size
        revs.append(rev)
        hit = rev >= revenue if by_revenue else d >= k
        hits += 1.0 if hit else 0.0
    tt = float(trials)
    p_hit = hits / tt
    out = {"p_hit": p_hit, "p_hit_se": math.sqrt(p_hit * (1.0 - p_hit) / tt),
           "by_revenue": by_revenue}
    out["expected_deals"], out["expected_deals_se"] = _mean(deals)
    ds = sorted(deals)
    out["deals_quantiles"] = [_quantile(ds, q) for q in QUANTILES]
    if deal_size is not None:
        out["expected_revenue"], out["expected_revenue_se"] = _mean(revs)
        rs = sorted(revs)
        out["revenue_quantiles"] = [_quantile(rs, q) for q in QUANTILES]
    return out

/*
 * funnelplan — the library's own random numbers: see rng.h.
 * SPDX-License-Identifier: MIT
 */

#include "rng.h"

#include <float.h>
#include <math.h>

/* ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants). */
static const double LN2_HI = 6.93147180369123816490e-01;
static const double LN2_LO = 1.90821492927058770002e-10;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

void fpl__rng_seed(fpl__rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; ++i) {
        rng->s[i] = splitmix64(&x);
    }
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t fpl__rng_next(fpl__rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double fpl__rng_uniform(fpl__rng *rng)
{
    /* (j + 1/2) · 2^-53 for j in [0, 2^53): never 0, never 1, exact. */
    return ((double)(fpl__rng_next(rng) >> 11) + 0.5) * 0x1p-53;
}

double fpl__det_log(double x)
{
    int e;
    double m = frexp(x, &e); /* x = m · 2^e, m in [0.5, 1) */
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    /* log m = 2 atanh(s), s = (m − 1)/(m + 1), |s| <= 0.1716, s² <= 0.0295 */
    const double f = m - 1.0;
    const double s = f / (m + 1.0);
    const double s2 = s * s;
    double poly = 1.0 / 25.0;
    for (int j = 23; j >= 3; j -= 2) {
        poly = 1.0 / (double)j + s2 * poly;
    }
    /* log m = f − s·(f − 2·s2·poly·…): written as 2s + 2s³·poly */
    const double logm = 2.0 * s + 2.0 * s * s2 * poly;
    const double k = (double)e;
    return (k * LN2_HI + logm) + k * LN2_LO;
}

double fpl__det_log1p(double x)
{
    if (fabs(x) < 0x1p-5) {
        /* log(1 + x) = 2 atanh(x / (2 + x)) */
        const double s = x / (2.0 + x);
        const double s2 = s * s;
        double poly = 1.0 / 21.0;
        for (int j = 19; j >= 3; j -= 2) {
            poly = 1.0 / (double)j + s2 * poly;
        }
        return 2.0 * s + 2.0 * s * s2 * poly;
    }
    return fpl__det_log(1.0 + x);
}

double fpl__det_exp(double x)
{
    if (x > 709.782712893384) {
        return HUGE_VAL;
    }
    if (x < -745.2) {
        return 0.0;
    }
    const double k = floor(x * 1.44269504088896340736 + 0.5);
    const double r = (x - k * LN2_HI) - k * LN2_LO; /* |r| <= 0.3466 */
    double sum = 1.0;
    for (int j = 16; j >= 1; --j) {
        sum = 1.0 + sum * r / (double)j;
    }
    return ldexp(sum, (int)k);
}

double fpl__rng_normal(fpl__rng *rng)
{
    /* Marsaglia's polar method: only log and sqrt. One of the pair is used,
     * so that every draw costs the same and stays independent of history. */
    for (;;) {
        const double u = 2.0 * fpl__rng_uniform(rng) - 1.0;
        const double v = 2.0 * fpl__rng_uniform(rng) - 1.0;
        const double s = u * u + v * v;
        if (s < 1.0 && s > 0.0) {
            return u * sqrt(-2.0 * fpl__det_log(s) / s);
        }
    }
}

/* Marsaglia and Tsang (2000), for shape >= 1. */
static double gamma_large(fpl__rng *rng, double shape)
{
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x;
        double v;
        do {
            x = fpl__rng_normal(rng);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = fpl__rng_uniform(rng);
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) {
            return d * v;
        }
        if (fpl__det_log(u) < 0.5 * x2 + d * (1.0 - v + fpl__det_log(v))) {
            return d * v;
        }
    }
}

double fpl__rng_gamma(fpl__rng *rng, double shape)
{
    if (shape < 1.0) {
        /* Gamma(a) = Gamma(a + 1) · U^(1/a) */
        const double g = gamma_large(rng, shape + 1.0);
        return g * fpl__det_exp(fpl__det_log(fpl__rng_uniform(rng)) / shape);
    }
    return gamma_large(rng, shape);
}

double fpl__rng_beta(fpl__rng *rng, double a, double b)
{
    const double x = fpl__rng_gamma(rng, a);
    const double y = fpl__rng_gamma(rng, b);
    return x / (x + y);
}

/* Successes among n Bernoulli(p) trials for a small mean n·p: count the
 * geometric gaps between successes that fit into n. */
static double binomial_small(fpl__rng *rng, double n, double p)
{
    const double log_q = fpl__det_log1p(-p);
    double count = 0.0;
    double used = 0.0;
    for (;;) {
        /* failures before the next success: floor(log U / log q) */
        const double gap = floor(fpl__det_log(fpl__rng_uniform(rng)) / log_q);
        used += gap + 1.0;
        if (used > n) {
            return count;
        }
        count += 1.0;
    }
}

double fpl__rng_binomial(fpl__rng *rng, double n, double p)
{
    if (!(p > 0.0) || !(n > 0.0)) {
        return 0.0;
    }
    if (p >= 1.0) {
        return n;
    }
    double total = 0.0;
    /* Knuth's splitting (TAOCP 3.4.1): the a-th smallest of n uniforms is
     * Beta(a, n + 1 − a); the uniforms below p are counted on its one side
     * only, so each step halves n and costs one beta draw. */
    while (n > 0.0 && n * p >= 16.0 && n * (1.0 - p) >= 16.0) {
        const double a = floor(n / 2.0) + 1.0;
        const double b = n + 1.0 - a;
        const double x = fpl__rng_beta(rng, a, b);
        if (x >= p) {
            n = a - 1.0;
            p = p / x;
        } else {
            total += a;
            n = b - 1.0;
            p = (p - x) / (1.0 - x);
        }
    }
    if (!(n > 0.0) || !(p > 0.0)) {
        return total;
    }
    if (p >= 1.0) {
        return total + n;
    }
    if (n * p < 16.0) {
        return total + binomial_small(rng, n, p);
    }
    /* few failures: count them instead */
    return total + n - binomial_small(rng, n, 1.0 - p);
}

/*
 * funnelplan — the library's own random numbers (not installed).
 * SPDX-License-Identifier: MIT
 *
 * xoshiro256** seeded by splitmix64, and draws from the normal, gamma, beta
 * and binomial distributions that use only IEEE-754 arithmetic (+ − × ÷ and
 * sqrt, all correctly rounded) and the exact scalings frexp/ldexp/floor:
 * the logarithm and exponential are our own, so one seed gives the same
 * numbers on every platform and every libm.
 */

#ifndef FUNNELPLAN_RNG_H
#define FUNNELPLAN_RNG_H

#include <stdint.h>

typedef struct fpl__rng {
    uint64_t s[4];
} fpl__rng;

void fpl__rng_seed(fpl__rng *rng, uint64_t seed);
uint64_t fpl__rng_next(fpl__rng *rng);
/* Uniform in the open interval (0, 1), a multiple of 2^-53 plus 2^-54. */
double fpl__rng_uniform(fpl__rng *rng);
double fpl__rng_normal(fpl__rng *rng);
/* Gamma(shape, 1), shape > 0. */
double fpl__rng_gamma(fpl__rng *rng, double shape);
/* Beta(a, b), a, b > 0. */
double fpl__rng_beta(fpl__rng *rng, double a, double b);
/* Binomial(n, p): n a whole number >= 0 (up to 2^53), p in [0, 1]; exact in distribution. */
double fpl__rng_binomial(fpl__rng *rng, double n, double p);

/* Deterministic natural logarithm (x > 0 finite) and exponential, within
 * about 2 ulp, from + − × ÷ only. */
double fpl__det_log(double x);
double fpl__det_log1p(double x);
double fpl__det_exp(double x);

#endif /* FUNNELPLAN_RNG_H */

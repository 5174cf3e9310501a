/*
 * funnelplan — the odds of reaching a target: exact binomial model and a
 * seeded Monte Carlo.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/odds.h"
#include "funnelplan/parse.h"

#include "internal.h"
#include "rng.h"

#include <float.h>
#include <math.h>
#include <string.h>

static const double STANDARD_LEVELS[FPL_ODDS_STANDARD_LEVELS] = {0.5, 0.8, 0.9, 0.95, 0.99};
static const double QUANTILE_Q[FPL_ODDS_QUANTILES] = {0.1, 0.5, 0.9};

/* A probability within this of a level counts as reaching it: the tails
 * are good to 1e-12 (measured 4e-16) up to 2^53 units, and exact ties are
 * common (a 50% rate reaches k deals from 2k − 1 units with probability
 * exactly 1/2, which rounding may put a hair below). */
#define TIE 1e-12

static const double LN_2PI = 1.837877066409345483560659472811;

/* ---------------------------------------------------------------------------
 * Binomial probabilities by Loader's saddle-point method ("Fast and accurate
 * computation of binomial probabilities", 2000): relative error near machine
 * precision for any n, where lgamma-based formulas lose digits as n grows.
 */

/* stirlerr(n) = log(n!) − log(√(2πn)·(n/e)^n), for whole n >= 1. */
static double stirlerr(double n)
{
    static const double table[16] = {
        0.0,                   0.08106146679532726,  0.0413406959554093,
        0.02767792568499834,   0.020790672103765093, 0.016644691189821193,
        0.013876128823070748,  0.01189670994589177,  0.010411265261972096,
        0.009255462182712733,  0.00833056343336287,  0.007573675487951841,
        0.00694284010720953,   0.006408994188004207, 0.0059513701127588475,
        0.005554733551962801,
    };
    const double s0 = 1.0 / 12.0;
    const double s1 = 1.0 / 360.0;
    const double s2 = 1.0 / 1260.0;
    const double s3 = 1.0 / 1680.0;
    const double s4 = 1.0 / 1188.0;
    if (n <= 15.0) {
        return table[(int)n];
    }
    const double nn = n * n;
    if (n > 500.0) {
        return (s0 - s1 / nn) / n;
    }
    if (n > 80.0) {
        return (s0 - (s1 - s2 / nn) / nn) / n;
    }
    if (n > 35.0) {
        return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
    }
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/* bd0(x, m) = x·log(x/m) + m − x, without cancellation when x ≈ m. */
static double bd0(double x, double m)
{
    if (fabs(x - m) < 0.1 * (x + m)) {
        double v = (x - m) / (x + m);
        double s = (x - m) * v;
        double ej = 2.0 * x * v;
        v *= v;
        for (int j = 1; j < 1000; ++j) {
            ej *= v;
            const double s1 = s + ej / (double)(2 * j + 1);
            if (!(s1 < s || s1 > s)) {
                return s1;
            }
            s = s1;
        }
        return s;
    }
    return x * log(x / m) + m - x;
}

/* P(X = x) for X ~ Binomial(n, p), q = 1 − p, 0 <= x <= n whole, 0 < p < 1. */
static double binomial_pmf(double x, double n, double p, double q)
{
    if (x <= 0.0) {
        const double lc = p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q);
        return exp(lc);
    }
    if (x >= n) {
        const double lc = q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p);
        return exp(lc);
    }
    const double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) -
                      bd0(n - x, n * q);
    /* log(1 − x/n), from the exact n − x when x/n is near 1 */
    const double lf = LN_2PI + log(x) + (x < 0.5 * n ? log1p(-x / n) : log((n - x) / n));
    return exp(lc - 0.5 * lf);
}

/* ---------------------------------------------------------------------------
 * Tails for large parameters: Temme's uniform asymptotic expansion of the
 * incomplete beta function about the mean, in the form DiDonato and Morris
 * give it (ACM TOMS 708, 1992, BASYM). The continued fraction needs about
 * √(N·p·(1−p))/4 steps near the mean, 12 million at N = 2^53, p = 1/2, and
 * every step adds its rounding: it drifted by 3e-8 there (and by 2e-6 at a
 * rate of 1e-6, where 1 − (a + b)·x/(a + 1) cancelled). The expansion costs
 * the same few hundred operations at any N.
 */

/* x − log(1 + x) for x > −1, without cancellation near 0: with
 * r = x/(2 + x), log(1 + x) = 2·atanh(r) and x − 2r = 2r²/(1 − r). */
static double x_minus_log1p(double x)
{
    if (x < -0.5 || x > 1.0) {
        return x - log1p(x);
    }
    const double r = x / (2.0 + x);
    const double r2 = r * r;
    double power = r; /* r^(2j+1) */
    double odd = 0.0; /* r³/3 + r⁵/5 + … */
    for (int j = 1; j < 80; ++j) {
        power *= r2;
        const double next = odd + power / (double)(2 * j + 1);
        if (!(next < odd || next > odd)) {
            break;
        }
        odd = next;
    }
    return 2.0 * r2 / (1.0 - r) - 2.0 * odd;
}

/* The exact product a·b as hi + lo (Dekker; no fused multiply-add). */
static void two_product(double a, double b, double *hi, double *lo)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    const double ca = split * a;
    const double ah = ca - (ca - a);
    const double al = a - ah;
    const double cb = split * b;
    const double bh = cb - (cb - b);
    const double bl = b - bh;
    const double p = a * b;
    *hi = p;
    *lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/* The continued fraction of I_x(a, b) divided by its prefactor
 * x^a·y^b/B(a, b), for a, b > 1, in the form of DiDonato and Morris (TOMS
 * 708, BFRAC): written with λ = (a + b)·y − b ≥ 0 instead of x and y, it has
 * no 1 − (a + b)·x/(a + 1) to cancel when a is huge and x near the mean
 * (the classic Lentz form lost 1e-9 there at 10^9 units). */
static double beta_frac(double a, double b, double x, double y, double lambda)
{
    const double c = lambda + 1.0;
    const double c0 = b / a;
    const double c1 = 1.0 / a + 1.0;
    const double yp1 = y + 1.0;
    double p = 1.0;
    double s = a + 1.0;
    double an = 0.0;
    double bn = 1.0;
    double anp1 = 1.0;
    double bnp1 = c / c1;
    double r = c1 / c;
    for (int step = 1; step <= 100000; ++step) {
        const double n = (double)step;
        double t = n / a;
        const double w = n * (b - n) * x;
        double e = a / s;
        const double alpha = p * (p + c0) * e * e * (w * x);
        e = (t + 1.0) / (c1 + t + t);
        const double beta = n + w / s + e * (c + n * yp1);
        p = t + 1.0;
        s += 2.0;
        t = alpha * an + beta * anp1;
        an = anp1;
        anp1 = t;
        t = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = t;
        const double r0 = r;
        r = anp1 / bnp1;
        if (fabs(r - r0) <= DBL_EPSILON * r) {
            break;
        }
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    return r;
}

/* Terms of the expansion at most (even). */
#define ASYM_TERMS 20

/* I_x(a, b) for a, b ≥ 100 and 0 ≤ λ = (a + b)·(1 − x) − b ≤ 0.03·min(a, b),
 * the side of the mean where I is at most about 1/2. The leading term is
 * erfc(√f)/2 with f = −log of the density ratio to the mode, the
 * corrections a series in 1/√min(a, b). */
static double beta_asym(double a, double b, double lambda)
{
    const double e0 = 1.1283791670955126;  /* 2/√π */
    const double e1 = 0.35355339059327378; /* 2^(−3/2) */
    const double f = a * x_minus_log1p(-lambda / a) + b * x_minus_log1p(lambda / b);
    if (f > 700.0) {
        return 0.0; /* below 1e-305 */
    }
    const double t = exp(-f);
    const double z0 = sqrt(f);
    const double z = z0 / e1 * 0.5;
    const double z2 = f + f;
    double h;
    double r1;
    double w0;
    if (a < b) {
        h = a / b;
        r1 = (b - a) / b;
        w0 = 1.0 / sqrt(a * (h + 1.0));
    } else {
        h = b / a;
        r1 = (b - a) / a;
        w0 = 1.0 / sqrt(b * (h + 1.0));
    }
    const double r0 = 1.0 / (h + 1.0);
    double a0[ASYM_TERMS + 1];
    double b0[ASYM_TERMS + 1];
    double c[ASYM_TERMS + 1];
    double d[ASYM_TERMS + 1];
    a0[0] = r1 * (2.0 / 3.0);
    c[0] = -0.5 * a0[0];
    d[0] = -c[0];
    /* j0 = exp(f)·erfc(√f)/(2·e0); j1 starts at 2^(−3/2) */
    double j0 = 0.5 / e0 * (exp(f) * erfc(z0));
    double j1 = e1;
    double sum = j0 + d[0] * w0 * j1;
    double s = 1.0;
    const double h2 = h * h;
    double hn = 1.0;
    double w = w0;
    double znm1 = z;
    double zn = z2;
    for (int n = 2; n <= ASYM_TERMS; n += 2) {
        hn *= h2;
        a0[n - 1] = r0 * 2.0 * (h * hn + 1.0) / ((double)n + 2.0);
        s += hn;
        a0[n] = r1 * 2.0 * s / ((double)n + 3.0);
        for (int i = n; i <= n + 1; ++i) {
            const double r = ((double)i + 1.0) * -0.5;
            b0[0] = r * a0[0];
            for (int m = 2; m <= i; ++m) {
                double bsum = 0.0;
                for (int j = 1; j <= m - 1; ++j) {
                    bsum += ((double)j * r - (double)(m - j)) * a0[j - 1] * b0[m - j - 1];
                }
                b0[m - 1] = r * a0[m - 1] + bsum / (double)m;
            }
            c[i - 1] = b0[i - 1] / ((double)i + 1.0);
            double dsum = 0.0;
            for (int j = 1; j <= i - 1; ++j) {
                dsum += d[i - j - 1] * c[j - 1];
            }
            d[i - 1] = -(dsum + c[i - 1]);
        }
        j0 = e1 * znm1 + ((double)n - 1.0) * j0;
        j1 = e1 * zn + (double)n * j1;
        znm1 *= z2;
        zn *= z2;
        w *= w0;
        const double t0 = d[n - 1] * w * j0;
        w *= w0;
        const double t1 = d[n] * w * j1;
        sum += t0 + t1;
        if (fabs(t0) + fabs(t1) <= 1e-17 * sum) {
            break;
        }
    }
    /* Γ(a + b)/(Γ(a)·Γ(b)) beyond Stirling's leading terms */
    const double u = exp(-(stirlerr(a) + stirlerr(b) - stirlerr(a + b)));
    return e0 * t * u * sum;
}

/* λ = k − (n + 1)·p from the exact product n·p: at N = 2^53 a rounded
 * N·p is off by up to 1/2, which moves a tail by 1e-8. */
static double deviation(double n, double p, double k)
{
    double hi;
    double lo;
    two_product(n, p, &hi, &lo);
    return ((k - hi) - lo) - p;
}

/* Both tails at k for Binomial(n, p): upper = P(X >= k), lower = P(X < k).
 * Arguments already checked: n, k whole, n >= 0, k >= 0, 0 <= p <= 1. */
static void tails(double n, double p, double k, double *upper, double *lower)
{
    if (k <= 0.0) {
        *upper = 1.0;
        *lower = 0.0;
        return;
    }
    if (k > n || !(p > 0.0)) {
        *upper = 0.0;
        *lower = 1.0;
        return;
    }
    if (p >= 1.0) {
        *upper = 1.0;
        *lower = 0.0;
        return;
    }
    if (k <= 1.0) {
        /* P(X < 1) = q^n */
        const double l = n * log1p(-p);
        *lower = exp(l);
        *upper = -expm1(l);
        return;
    }
    if (k >= n) {
        /* P(X >= n) = p^n */
        const double l = n * log(p);
        *upper = exp(l);
        *lower = -expm1(l);
        return;
    }
    const double q = 1.0 - p;
    /* P(X >= k) = I_p(a, b), a = k, b = n − k + 1, and P(X < k) = I_q(b, a);
     * λ ≥ 0 (k at or above the mean) makes the first the smaller side. */
    const double a = k;
    const double b = n - k + 1.0;
    const double lambda = deviation(n, p, k);
    const bool up = lambda >= 0.0;
    double small;
    if (a >= 100.0 && b >= 100.0 && fabs(lambda) <= 0.03 * (a < b ? a : b)) {
        small = up ? beta_asym(a, b, lambda) : beta_asym(b, a, -lambda);
    } else {
        /* the prefactor p^k·q^(n−k+1)/B(k, n − k + 1) is k·q·pmf(k), the
         * same for both sides */
        const double pre = k * q * binomial_pmf(k, n, p, q);
        small = pre * (up ? beta_frac(a, b, p, q, lambda) : beta_frac(b, a, q, p, -lambda));
    }
    small = small > 1.0 ? 1.0 : small;
    *upper = up ? small : 1.0 - small;
    *lower = up ? 1.0 - small : small;
}

static bool is_whole(double x, double max)
{
    return isfinite(x) && x >= 0.0 && x <= max && !(floor(x) < x);
}

static bool is_probability(double p)
{
    return p >= 0.0 && p <= 1.0; /* false for NaN */
}

static bool is_level(double c)
{
    return c > 0.0 && c < 1.0; /* false for NaN */
}

fpl_status fpl_odds_tail(double n, double p, double k, double *at_least_out,
                         double *below_out, fpl_error *err)
{
    fpl__begin(err);
    if (!is_whole(n, FPL_WHOLE_MAX)) {
        return fpl__done(err, FPL_ERR_VOLUME_WHOLE);
    }
    if (!is_probability(p)) {
        return fpl__done(err, FPL_ERR_RATE_RANGE);
    }
    if (!(k >= 0.0) || floor(k) < k) {
        return fpl__done(err, FPL_ERR_DEALS); /* NaN, negative or fractional; +inf is whole */
    }
    double u;
    double l;
    tails(n, p, k, &u, &l);
    if (at_least_out != NULL) {
        *at_least_out = u;
    }
    if (below_out != NULL) {
        *below_out = l;
    }
    return FPL_OK;
}

/* The smallest whole d in [0, n] with P(X <= d) >= q. */
static double quantile(double n, double p, double q)
{
    if (!(p > 0.0)) {
        return 0.0;
    }
    if (p >= 1.0) {
        return n;
    }
    const double mean = n * p;
    const double sd = sqrt(mean * (1.0 - p));
    /* Bracket around the mean, widening until lo fails and hi holds. */
    double step = floor(4.0 * sd) + 1.0;
    double lo = floor(mean) - step;
    double hi = floor(mean) + step;
    double u;
    double l;
    for (;;) {
        if (lo < 0.0) {
            lo = -1.0; /* P(X <= -1) = 0 < q: fails by definition */
            break;
        }
        tails(n, p, lo + 1.0, &u, &l);
        if (l < q - TIE) {
            break;
        }
        step *= 2.0;
        lo -= step;
    }
    step = floor(4.0 * sd) + 1.0;
    for (;;) {
        if (hi >= n) {
            hi = n; /* P(X <= n) = 1 >= q */
            break;
        }
        tails(n, p, hi + 1.0, &u, &l);
        if (l >= q - TIE) {
            break;
        }
        step *= 2.0;
        hi += step;
    }
    while (hi - lo > 1.0) {
        const double mid = floor(lo + (hi - lo) / 2.0);
        tails(n, p, mid + 1.0, &u, &l);
        if (l >= q - TIE) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    return hi;
}

fpl_status fpl_odds_quantile(double n, double p, double q, double *out, fpl_error *err)
{
    fpl__begin(err);
    if (out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (!is_whole(n, FPL_WHOLE_MAX)) {
        return fpl__done(err, FPL_ERR_VOLUME_WHOLE);
    }
    if (!is_probability(p)) {
        return fpl__done(err, FPL_ERR_RATE_RANGE);
    }
    if (!is_level(q)) {
        return fpl__done(err, FPL_ERR_CONFIDENCE);
    }
    *out = quantile(n, p, q);
    return FPL_OK;
}

/* P(Binomial(n, p) >= k) >= c, up to a tie. */
static bool reaches(double n, double p, double k, double c)
{
    double u;
    double l;
    tails(n, p, k, &u, &l);
    return u >= c - TIE;
}

/* The smallest whole n with P(Binomial(n, p) >= k) >= c; false above 2^53. */
static bool volume_for(double p, double k, double c, double *out)
{
    if (k <= 0.0) {
        *out = 0.0;
        return true;
    }
    if (p >= 1.0) {
        *out = k;
        return true;
    }
    const double guess = floor(k / p);
    if (!(guess <= FPL_WHOLE_MAX)) {
        return false;
    }
    /* One standard deviation of the volume needed, √(k(1 − p))/p. */
    double step = floor(sqrt(k * (1.0 - p)) / p) + 1.0;
    const double start = guess < k ? k : guess;
    double lo = start;
    double hi = start;
    if (reaches(start, p, k, c)) {
        for (;;) {
            lo = hi - step;
            if (lo < k) {
                lo = k - 1.0; /* fewer than k units cannot give k deals */
                break;
            }
            if (!reaches(lo, p, k, c)) {
                break;
            }
            hi = lo;
            step *= 2.0;
        }
    } else {
        for (;;) {
            hi = lo + step;
            if (!(hi <= FPL_WHOLE_MAX)) {
                if (lo >= FPL_WHOLE_MAX || !reaches(FPL_WHOLE_MAX, p, k, c)) {
                    return false;
                }
                hi = FPL_WHOLE_MAX;
                break;
            }
            if (reaches(hi, p, k, c)) {
                break;
            }
            lo = hi;
            step *= 2.0;
        }
    }
    while (hi - lo > 1.0) {
        const double mid = floor(lo + (hi - lo) / 2.0);
        if (reaches(mid, p, k, c)) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    *out = hi;
    return true;
}

fpl_status fpl_odds_volume_for(double p, double k, double confidence, double *out, fpl_error *err)
{
    fpl__begin(err);
    if (out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (!(p > 0.0 && p <= 1.0)) {
        return fpl__done(err, FPL_ERR_RATE_RANGE);
    }
    if (!is_whole(k, FPL_WHOLE_MAX)) {
        return fpl__done(err, FPL_ERR_DEALS);
    }
    if (!is_level(confidence)) {
        return fpl__done(err, FPL_ERR_CONFIDENCE);
    }
    double v;
    if (!volume_for(p, k, confidence, &v)) {
        return fpl__done(err, FPL_ERR_TOO_LARGE);
    }
    *out = v;
    return FPL_OK;
}

fpl_status fpl_odds_history_parse(const char *text, size_t len, double *won_out,
                                  double *total_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || won_out == NULL || total_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const char *slash = memchr(text, '/', len);
    if (slash == NULL) {
        return fpl__fail_at(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, 0, len);
    }
    const size_t wlen = (size_t)(slash - text);
    const size_t tlen = len - wlen - 1;
    if (memchr(slash + 1, '/', tlen) != NULL) {
        /* "12/100/2" is not 12 of 50: exactly one '/', TOTAL a count */
        return fpl__fail_at(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, wlen + 1,
                            tlen);
    }
    double won;
    double total;
    if (fpl_parse_count(text, wlen, &won, NULL) != FPL_OK || !is_whole(won, FPL_WHOLE_MAX)) {
        return fpl__fail_at(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, 0, wlen);
    }
    if (fpl_parse_count(slash + 1, tlen, &total, NULL) != FPL_OK ||
        !is_whole(total, FPL_WHOLE_MAX) || total < 1.0) {
        return fpl__fail_at(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, wlen + 1,
                            tlen);
    }
    if (won > total) {
        return fpl__fail_at(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, FPL_NO_INDEX, 0, len);
    }
    *won_out = won;
    *total_out = total;
    return FPL_OK;
}

void fpl_odds_sim_input_init(fpl_odds_sim_input *input)
{
    static const fpl_odds_sim_input defaults = FPL_ODDS_SIM_INPUT_INIT;
    if (input != NULL) {
        *input = defaults;
    }
}

fpl_status fpl_odds_trials_parse(const char *text, size_t len, size_t *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    double x;
    const fpl_status st = fpl_parse_amount(text, len, &x, NULL);
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_TRIALS, FPL_NO_INDEX, 0, len);
    }
    if (!is_whole(x, (double)FPL_ODDS_TRIALS_MAX) || x < 1.0) {
        return fpl__fail_at(err, FPL_ERR_TRIALS, FPL_FIELD_TRIALS, FPL_NO_INDEX, 0, len);
    }
    *out = (size_t)x;
    return FPL_OK;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The bytes of the count in COUNT/PERIOD (a word after the last '/'), or
 * the whole text when no period follows (fpl_parse_count() judges it). */
static size_t count_length(const char *text, size_t len)
{
    size_t slash = len;
    while (slash > 0 && text[slash - 1] != '/') {
        --slash;
    }
    return slash > 0 && slash < len && is_letter(text[slash]) ? slash - 1 : len;
}

fpl_status fpl_odds_volume_period(fpl_period per, bool has_volume_per, fpl_period volume_per,
                                  fpl_period *out, fpl_error *err)
{
    fpl__begin(err);
    if (out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (fpl_period_months(per) == 0) {
        return fpl__fail(err, FPL_ERR_PERIOD, FPL_FIELD_PER, FPL_NO_INDEX);
    }
    if (has_volume_per) {
        if (fpl_period_months(volume_per) == 0) {
            return fpl__fail(err, FPL_ERR_PERIOD, FPL_FIELD_VOLUME, FPL_NO_INDEX);
        }
        *out = volume_per;
        return FPL_OK;
    }
    /* "600 leads" means 600 a month to a manager, whatever the period of
     * the target: taken only where that reading and the target's agree. */
    if (per != FPL_PERIOD_MONTH) {
        return fpl__fail(err, FPL_ERR_VOLUME_PERIOD, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    }
    *out = FPL_PERIOD_MONTH;
    return FPL_OK;
}

fpl_status fpl_odds_volume_parse(const char *text, size_t len, fpl_period per, double *volume_out,
                                 fpl_period *volume_per_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || volume_out == NULL || volume_per_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const size_t clen = count_length(text, len);
    const bool has_period = clen < len;
    fpl_period vper = FPL_PERIOD_MONTH;
    if (has_period && fpl_period_parse(text + clen + 1, len - clen - 1, &vper, NULL) != FPL_OK) {
        return fpl__fail_at(err, FPL_ERR_PERIOD, FPL_FIELD_VOLUME, FPL_NO_INDEX, clen + 1,
                            len - clen - 1);
    }
    double v;
    fpl_error e;
    fpl_status st = fpl_parse_count(text, clen, &v, &e);
    if (st != FPL_OK) {
        const bool inside = e.length > 0 && e.offset <= clen && e.length <= clen - e.offset;
        return fpl__fail_at(err, st, FPL_FIELD_VOLUME, FPL_NO_INDEX, inside ? e.offset : 0,
                            inside ? e.length : clen);
    }
    st = fpl_odds_volume_period(per, has_period, vper, &vper, err);
    if (st != FPL_OK) {
        if (err != NULL) {
            err->offset = 0; /* the count, which the hint writes with a period */
            err->length = clen;
        }
        return st;
    }
    *volume_out = v;
    *volume_per_out = vper;
    return FPL_OK;
}

fpl_status fpl_volume_parse(const char *text, size_t len, fpl_period per, double *out,
                            fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (fpl_period_months(per) == 0) {
        return fpl__done(err, FPL_ERR_PERIOD);
    }
    /* A bare count is per `per`: fpl_odds_volume_parse() as for a monthly
     * target, which takes a bare count as it is. */
    double v;
    fpl_period vper;
    fpl_status st = fpl_odds_volume_parse(text, len, FPL_PERIOD_MONTH, &v, &vper, err);
    if (st != FPL_OK) {
        return st;
    }
    const double y = count_length(text, len) < len ? fpl__rescale(v, vper, per) : v;
    if (!isfinite(y)) {
        return fpl__fail(err, FPL_ERR_OVERFLOW, FPL_FIELD_VOLUME, FPL_NO_INDEX);
    }
    *out = y;
    return FPL_OK;
}

static fpl_status check_volume(double volume)
{
    if (!(isfinite(volume) && volume >= 1.0)) {
        return FPL_ERR_VOLUME;
    }
    if (!is_whole(volume, FPL_WHOLE_MAX)) {
        return FPL_ERR_VOLUME_WHOLE;
    }
    return FPL_OK;
}

/* The volume per the target's period `per` from a volume `given` per
 * `vper` (per itself when the caller said no period): exact, since the
 * months of one period divide the other's (1, 3, 12). */
static fpl_status volume_per_target(double given, bool has_vper, fpl_period vper,
                                    fpl_period per, double *out)
{
    fpl_status st = check_volume(given);
    if (st != FPL_OK) {
        return st;
    }
    const double mt = (double)fpl_period_months(per);
    const double mv = has_vper ? (double)fpl_period_months(vper) : mt;
    if (!(mv > 0.0)) {
        return FPL_ERR_PERIOD;
    }
    if (mv <= mt) {
        const double r = mt / mv; /* 1, 3, 4 or 12 */
        if (given > FPL_WHOLE_MAX / r) {
            return FPL_ERR_VOLUME_WHOLE;
        }
        *out = given * r;
        return FPL_OK;
    }
    const double r = mv / mt;
    if (fmod(given, r) > 0.0) {
        return FPL_ERR_VOLUME_SPLIT;
    }
    *out = given / r;
    return FPL_OK;
}

/* What every odds question shares: checked inputs, p and k. */
typedef struct odds_setup {
    double p;          /* cumulative rate from `at` */
    double k;          /* whole deals the target needs */
    bool has_target_revenue;
    bool has_revenue;
    double volume;     /* per the target's period, when a volume was given */
} odds_setup;

/* given (NULL: none) is a volume per vper (per the target's period unless
 * has_vper); a failure of it is the volume's. */
static fpl_status setup(const fpl_funnel *funnel, const fpl_terms *terms, size_t at,
                        const double *given, bool has_vper, fpl_period vper, odds_setup *out,
                        fpl_error *err)
{
    fpl_status st = fpl__check_question(funnel, terms, err);
    if (st != FPL_OK) {
        return st;
    }
    if (terms->target == FPL_TARGET_NONE) {
        return FPL_ERR_TARGET;
    }
    if (at >= funnel->n_stages) {
        return fpl__fail(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_AT, FPL_NO_INDEX);
    }
    double p = 1.0;
    for (size_t i = at; i < funnel->n_stages; ++i) {
        p *= funnel->stages[i].rate;
    }
    if (!(p > 0.0)) {
        return FPL_ERR_OVERFLOW; /* the product underflowed to zero */
    }
    const double deals = terms->target == FPL_TARGET_REVENUE
                             ? terms->revenue / terms->deal_size
                             : terms->deals;
    if (!(deals > 0.0) || !isfinite(deals)) {
        return FPL_ERR_OVERFLOW;
    }
    double k;
    if (!fpl__whole(deals, &k)) {
        return FPL_ERR_TOO_LARGE;
    }
    out->p = p;
    out->k = k;
    out->has_target_revenue = terms->target == FPL_TARGET_REVENUE;
    out->has_revenue = terms->has_deal_size;
    out->volume = 0.0;
    st = given != NULL ? volume_per_target(*given, has_vper, vper, terms->per, &out->volume) : st;
    return st != FPL_OK ? fpl__fail(err, st, FPL_FIELD_VOLUME, FPL_NO_INDEX) : FPL_OK;
}

/* The least whole units per `vper` that give n per `per` (0 past 2^53). */
static double volume_as_given(double n, fpl_period vper, fpl_period per)
{
    const double mt = (double)fpl_period_months(per);
    const double mv = (double)fpl_period_months(vper);
    if (mv <= mt) {
        const double r = mt / mv;
        const double rem = fmod(n, r);
        return (n - rem) / r + (rem > 0.0 ? 1.0 : 0.0);
    }
    const double r = mv / mt;
    return n <= FPL_WHOLE_MAX / r ? n * r : 0.0;
}

/* Insertion into an ascending list without duplicates. */
static void add_level(fpl_odds *r, double c)
{
    size_t i = 0;
    while (i < r->n_levels && r->volume_for[i].confidence < c) {
        ++i;
    }
    if (i < r->n_levels && !(r->volume_for[i].confidence > c)) {
        return; /* already there */
    }
    for (size_t j = r->n_levels; j > i; --j) {
        r->volume_for[j] = r->volume_for[j - 1];
    }
    r->volume_for[i].confidence = c;
    r->volume_for[i].has_volume = false;
    r->volume_for[i].volume = 0.0;
    r->n_levels++;
}

fpl_status fpl_odds_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_odds_input *input, fpl_odds *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    odds_setup s;
    fpl_status st = setup(funnel, terms, input->at, &input->volume, input->has_volume_per,
                          input->volume_per, &s, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const double volume = s.volume;
    if (input->n_levels > FPL_ODDS_MAX_REQUESTED) {
        return fpl__done(err, FPL_ERR_CONFIDENCE_COUNT);
    }
    for (size_t i = 0; i < input->n_levels; ++i) {
        if (!is_level(input->levels[i])) {
            return fpl__fail(err, FPL_ERR_CONFIDENCE, FPL_FIELD_CONFIDENCE, i);
        }
    }

    fpl_odds r;
    memset(&r, 0, sizeof r);
    r.per = terms->per;
    r.n_stages = funnel->n_stages;
    r.at = input->at;
    r.volume = volume;
    r.volume_per = input->has_volume_per ? input->volume_per : terms->per;
    r.given_volume = input->volume;
    r.cumulative_rate = s.p;
    r.target_deals = s.k;
    r.has_target_revenue = s.has_target_revenue;
    if (s.has_target_revenue) {
        r.target_revenue = terms->revenue;
    }
    r.has_revenue = s.has_revenue;
    if (s.has_revenue) {
        r.deal_size = terms->deal_size;
    }
    tails(r.volume, s.p, s.k, &r.p_hit, &r.p_miss);
    r.expected_deals = r.volume * s.p;
    r.sd_deals = sqrt(r.expected_deals * (1.0 - s.p));
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        r.deals_quantiles[i] = quantile(r.volume, s.p, QUANTILE_Q[i]);
    }
    bool finite = true;
    if (r.has_revenue) {
        r.expected_revenue = fpl__track(r.expected_deals * r.deal_size, &finite);
        for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
            r.revenue_quantiles[i] = fpl__track(r.deals_quantiles[i] * r.deal_size, &finite);
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    for (int i = 0; i < FPL_ODDS_STANDARD_LEVELS; ++i) {
        add_level(&r, STANDARD_LEVELS[i]);
    }
    for (size_t i = 0; i < input->n_levels; ++i) {
        add_level(&r, input->levels[i]);
    }
    for (size_t i = 0; i < r.n_levels; ++i) {
        double v = 0.0;
        r.volume_for[i].has_volume = volume_for(s.p, s.k, r.volume_for[i].confidence, &v);
        r.volume_for[i].volume = v;
        r.given_volume_for[i] =
            r.volume_for[i].has_volume ? volume_as_given(v, r.volume_per, r.per) : 0.0;
    }
    *out = r;
    return FPL_OK;
}

fpl_status fpl_odds_plan_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                 double confidence, fpl_odds_plan *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    odds_setup s;
    fpl_status st = setup(funnel, terms, 0, NULL, false, FPL_PERIOD_MONTH, &s, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    if (!is_level(confidence)) {
        return fpl__done(err, FPL_ERR_CONFIDENCE);
    }
    fpl_odds_plan r;
    memset(&r, 0, sizeof r);
    r.confidence = confidence;
    r.deals_whole = s.k;
    r.n_stages = funnel->n_stages;
    double p = 1.0;
    for (size_t i = funnel->n_stages; i-- > 0;) {
        p *= funnel->stages[i].rate;
        if (!volume_for(p, s.k, confidence, &r.required[i])) {
            return fpl__done(err, FPL_ERR_TOO_LARGE);
        }
    }
    *out = r;
    return FPL_OK;
}

/* ---------------------------------------------------------------------------
 * Monte Carlo.
 */

size_t fpl_odds_sim_work_len(size_t trials)
{
    return trials > SIZE_MAX / 2 ? SIZE_MAX : 2 * trials;
}

/* In-place heapsort, ascending: no allocation, no recursion. */
static void sift_down(double *a, size_t start, size_t end)
{
    size_t root = start;
    while (2 * root + 1 < end) {
        size_t child = 2 * root + 1;
        if (child + 1 < end && a[child] < a[child + 1]) {
            ++child;
        }
        if (!(a[root] < a[child])) {
            return;
        }
        const double t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void heap_sort(double *a, size_t n)
{
    for (size_t start = n / 2; start-- > 0;) {
        sift_down(a, start, n);
    }
    for (size_t end = n; end-- > 1;) {
        const double t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
}

/* The q-quantile of a sorted sample (the smallest x with F(x) >= q) and the
 * half spread of the order statistics one standard error of the rank away. */
static fpl_odds_estimate sample_quantile(const double *sorted, size_t t, double q)
{
    const double tt = (double)t;
    const double se_rank = sqrt(tt * q * (1.0 - q));
    const double rank = ceil(q * tt);
    double lo = ceil(q * tt - se_rank);
    double hi = ceil(q * tt + se_rank);
    lo = lo < 1.0 ? 1.0 : lo;
    hi = hi > tt ? tt : hi;
    const double r = rank < 1.0 ? 1.0 : rank;
    fpl_odds_estimate e;
    e.value = sorted[(size_t)r - 1];
    e.std_error = (sorted[(size_t)hi - 1] - sorted[(size_t)lo - 1]) / 2.0;
    return e;
}

static fpl_odds_estimate sample_mean(const double *x, size_t t)
{
    /* two passes: the mean, then the spread around it */
    double sum = 0.0;
    for (size_t i = 0; i < t; ++i) {
        sum += x[i];
    }
    const double mean = sum / (double)t;
    double ss = 0.0;
    for (size_t i = 0; i < t; ++i) {
        const double d = x[i] - mean;
        ss += d * d;
    }
    fpl_odds_estimate e;
    e.value = mean;
    e.std_error = t > 1 ? sqrt(ss / (double)(t - 1) / (double)t) : 0.0;
    return e;
}

fpl_status fpl_odds_simulate(const fpl_funnel *funnel, const fpl_terms *terms,
                             const fpl_odds_sim_input *input, double *work, size_t work_len,
                             fpl_odds_sim *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    odds_setup s;
    fpl_status st = setup(funnel, terms, input->at, &input->volume, input->has_volume_per,
                          input->volume_per, &s, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const double volume = s.volume;
    const size_t trials = input->trials;
    if (trials < 1 || trials > FPL_ODDS_TRIALS_MAX) {
        return fpl__done(err, FPL_ERR_TRIALS);
    }
    const double cv = input->deal_size_cv;
    if (!(cv >= FPL_ODDS_CV_MIN && cv <= FPL_ODDS_CV_MAX) && fpclassify(cv) != FP_ZERO) {
        return fpl__done(err, FPL_ERR_VARIATION);
    }
    if (cv > 0.0 && !s.has_revenue) {
        /* the terms are fine without a deal size: the variation needs one */
        return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_DEAL_SIZE_CV, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        if (!input->has_history[i]) {
            continue;
        }
        const double won = input->won[i];
        const double total = input->total[i];
        if (i < input->at || i >= funnel->n_stages) {
            return fpl__fail(err, FPL_ERR_HISTORY_STAGE, FPL_FIELD_HISTORY, i);
        }
        if (!is_whole(won, FPL_WHOLE_MAX) || !is_whole(total, FPL_WHOLE_MAX) || total < 1.0 ||
            won > total) {
            return fpl__fail(err, FPL_ERR_HISTORY, FPL_FIELD_HISTORY, i);
        }
    }
    if (work == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (work_len < 2 * trials) {
        return fpl__done(err, FPL_ERR_WORKSPACE);
    }

    const bool varies = cv > 0.0;
    const bool by_revenue = varies && s.has_target_revenue;
    /* Gamma deal sizes with mean m and CV c: shape 1/c², scale m·c²; the sum
     * of d of them is Gamma(d/c², m·c²). */
    const double shape_per_deal = varies ? 1.0 / (cv * cv) : 0.0;
    const double scale = varies ? terms->deal_size * cv * cv : 0.0;
    double *deals = work;
    double *revenue = work + trials;
    fpl__rng rng;
    fpl__rng_seed(&rng, input->seed);
    double hits = 0.0;
    bool finite = true;
    for (size_t t = 0; t < trials; ++t) {
        double p = 1.0;
        for (size_t i = input->at; i < funnel->n_stages; ++i) {
            if (input->has_history[i]) {
                const double won = input->won[i];
                const double lost = input->total[i] - won;
                p *= fpl__rng_beta(&rng, won + 1.0, lost + 1.0);
            } else {
                p *= funnel->stages[i].rate;
            }
        }
        const double d = fpl__rng_binomial(&rng, volume, p);
        deals[t] = d;
        double rev = 0.0;
        if (s.has_revenue) {
            if (varies) {
                rev = d > 0.0 ? fpl__rng_gamma(&rng, d * shape_per_deal) * scale : 0.0;
            } else {
                rev = d * terms->deal_size;
            }
            if (!isfinite(rev)) {
                finite = false;
            }
        }
        revenue[t] = rev;
        const bool hit = by_revenue ? rev >= terms->revenue : d >= s.k;
        hits += hit ? 1.0 : 0.0;
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }

    fpl_odds_sim r;
    memset(&r, 0, sizeof r);
    r.trials = trials;
    r.seed = input->seed;
    r.target_deals = s.k;
    r.has_revenue = s.has_revenue;
    r.by_revenue = by_revenue;
    const double tt = (double)trials;
    r.p_hit.value = hits / tt;
    r.p_hit.std_error = sqrt(r.p_hit.value * (1.0 - r.p_hit.value) / tt);
    r.expected_deals = sample_mean(deals, trials);
    heap_sort(deals, trials);
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        r.deals_quantiles[i] = sample_quantile(deals, trials, QUANTILE_Q[i]);
    }
    if (s.has_revenue) {
        r.expected_revenue = sample_mean(revenue, trials);
        if (!isfinite(r.expected_revenue.value) || !isfinite(r.expected_revenue.std_error)) {
            return fpl__done(err, FPL_ERR_OVERFLOW);
        }
        heap_sort(revenue, trials);
        for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
            r.revenue_quantiles[i] = sample_quantile(revenue, trials, QUANTILE_Q[i]);
        }
    }
    *out = r;
    return FPL_OK;
}

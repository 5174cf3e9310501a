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
 * are good to about 1e-13 up to 10^9 units, and exact ties are common (a
 * 50% rate reaches k deals from 2k − 1 units with probability exactly 1/2,
 * which rounding may put a hair below). */
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
    const double lf = LN_2PI + log(x) + log1p(-x / n);
    return exp(lc - 0.5 * lf);
}

/* The continued fraction of the incomplete beta function I_x(a, b)
 * (modified Lentz), as in Numerical Recipes' betacf. Converges quickly for
 * x < (a + 1)/(a + b + 2); about √(a·b/(a + b))/4 steps near the mean. */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    /* c and d carry from one step to the next (cppcheck misreads the loop) */
    // cppcheck-suppress variableScope
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (fabs(d) < tiny) {
        d = tiny;
    }
    d = 1.0 / d;
    double h = d;
    for (uint64_t step = 1; step < UINT64_C(4000000000); ++step) {
        const double m = (double)step;
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny) {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if (fabs(c) < tiny) {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny) {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if (fabs(c) < tiny) {
            c = tiny;
        }
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < 2.0 * DBL_EPSILON) {
            break;
        }
    }
    return h;
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
    const double q = 1.0 - p;
    /* P(X >= k) = I_p(k, n − k + 1). Its prefactor p^k·q^(n−k+1)/(k·B) is
     * pmf(k)·q, and that of the mirror I_q(n − k + 1, k) is pmf(k − 1)·p. */
    const double a = k;
    const double b = n - k + 1.0;
    if (p < (a + 1.0) / (a + b + 2.0)) {
        double u = binomial_pmf(k, n, p, q) * q * beta_cf(a, b, p);
        u = u > 1.0 ? 1.0 : u;
        *upper = u;
        *lower = 1.0 - u;
    } else {
        double l = binomial_pmf(k - 1.0, n, p, q) * p * beta_cf(b, a, q);
        l = l > 1.0 ? 1.0 : l;
        *lower = l;
        *upper = 1.0 - l;
    }
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

/* What every odds question shares: checked inputs, p and k. */
typedef struct odds_setup {
    double p;          /* cumulative rate from `at` */
    double k;          /* whole deals the target needs */
    bool has_target_revenue;
    bool has_revenue;
} odds_setup;

static fpl_status setup(const fpl_funnel *funnel, const fpl_terms *terms, size_t at,
                        odds_setup *out, fpl_error *err)
{
    fpl_status st = fpl_funnel_check(funnel, err);
    if (st != FPL_OK) {
        return st;
    }
    st = fpl_terms_check(terms, err);
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
    fpl_status st = setup(funnel, terms, input->at, &s, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    st = check_volume(input->volume);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
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
    r.volume = input->volume;
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
    fpl_status st = setup(funnel, terms, 0, &s, err);
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
    fpl_status st = setup(funnel, terms, input->at, &s, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    st = check_volume(input->volume);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
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
        const double d = fpl__rng_binomial(&rng, input->volume, p);
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

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file odds.h
 * @brief How likely the target is with a volume, and the volume that makes
 * it likely: the exact binomial model and a seeded Monte Carlo.
 */

#ifndef FUNNELPLAN_ODDS_H
#define FUNNELPLAN_ODDS_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup odds Odds
 * @brief The chance of reaching a target, not just the expected value.
 *
 * The model: every unit entering stage `at` becomes a won deal on its own,
 * independently, with the cumulative rate p of that stage (the product of
 * its rate and every rate below it). Deals from N units are then
 * Binomial(N, p): expected N·p, but 100 leads at 12% reach 12 deals only
 * with probability 0.5458.
 *
 * - the deals a target needs, k, are the target's deals rounded up
 *   (tolerantly, as everywhere): a revenue target at a fixed deal size is
 *   reached exactly when deals ≥ k;
 * - P(deals ≥ k) = I_p(k, N − k + 1), the regularized incomplete beta
 *   function: near the mean (k and N − k + 1 both at least 100) by Temme's
 *   uniform asymptotic expansion, elsewhere by the continued fraction of
 *   DiDonato and Morris (TOMS 708) with a prefactor (a binomial probability)
 *   computed in log space by Loader's saddle-point method, both in terms of
 *   k − (N + 1)·p formed from the exact product N·p. The absolute error of
 *   P(deals ≥ k) and of P(deals < k) is at most 1e-12 for every volume up to
 *   2^53 and every rate (tested at 10^9, 10^12, 10^15 and 2^53 units against
 *   a 60-digit reference; measured below 4e-16), and the smaller of the two
 *   keeps its digits relative to itself (measured within 3e-13 of itself
 *   down to 1e-300); a few hundred operations at any N;
 * - volume for confidence c: the smallest whole N with P(deals ≥ k) ≥ c
 *   (P grows with N, found by bracketing and bisection on exact values);
 * - deal quantile q: the smallest whole d with P(deals ≤ d) ≥ q;
 * - in both, a probability within 1e-12 of the level counts as reaching it:
 *   exact ties are common (a 50% rate gives k deals from 2k − 1 units with
 *   probability exactly 1/2) and rounding may put them a hair below.
 *
 * Monte Carlo (fpl_odds_simulate()) covers what the exact model cannot:
 * deal sizes that vary (gamma distributed with the given coefficient of
 * variation, so the revenue of d deals is Gamma(d/cv², deal size·cv²)
 * exactly) and rates known only from history (won of total: the rate is
 * drawn from the Beta(won + 1, total − won + 1) posterior of a uniform
 * prior in every trial). The generator is the library's own (xoshiro256**
 * seeded by splitmix64) and every draw uses only IEEE-754 arithmetic and
 * the library's own logarithm and exponential, so a seed gives the same
 * figures on every platform.
 * @{
 */

/** Confidence levels every odds result gives a volume for: 50, 80, 90, 95, 99%. */
#define FPL_ODDS_STANDARD_LEVELS 5

/** Most confidence levels a caller may add to the standard five. */
#define FPL_ODDS_MAX_REQUESTED 16

/** Most confidence levels in a result (standard and requested, duplicates merged). */
#define FPL_ODDS_MAX_LEVELS (FPL_ODDS_STANDARD_LEVELS + FPL_ODDS_MAX_REQUESTED)

/** Most Monte Carlo trials in one call. */
#define FPL_ODDS_TRIALS_MAX 10000000u

/** Trials when the caller does not say (set by fpl_odds_sim_input_init()). */
#define FPL_ODDS_TRIALS_DEFAULT 10000u

/** Seed when the caller does not say (set by fpl_odds_sim_input_init()). */
#define FPL_ODDS_SEED_DEFAULT 1u

/** Smallest deal-size variation (coefficient of variation) other than 0. */
#define FPL_ODDS_CV_MIN 0.001

/** Largest deal-size variation: a standard deviation of ten times the mean. */
#define FPL_ODDS_CV_MAX 10.0

/** The three quantiles every result reports, in this order: P10, P50, P90. */
#define FPL_ODDS_QUANTILES 3

/**
 * @brief P(X ≥ k) and P(X < k) for X ~ Binomial(n, p), each computed
 * directly (so a tiny tail is accurate, not 1 minus something).
 * @param[in] n whole number of trials, 0 … 2^53.
 * @param[in] p success probability, in [0, 1].
 * @param[in] k whole threshold, ≥ 0 (any size; above n the answer is 0).
 * @param[out] at_least_out P(X ≥ k); may be NULL.
 * @param[out] below_out P(X < k) = 1 − P(X ≥ k); may be NULL.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_VOLUME_WHOLE (n), ::FPL_ERR_RATE_RANGE (p) or
 *   ::FPL_ERR_DEALS (k not a whole number ≥ 0).
 */
FPL_API fpl_status fpl_odds_tail(double n, double p, double k, double *at_least_out,
                                 double *below_out, fpl_error *err);

/**
 * @brief The q-quantile of X ~ Binomial(n, p): the smallest whole d with
 * P(X ≤ d) ≥ q.
 * @param[in] n whole number of trials, 0 … 2^53.
 * @param[in] p success probability, in [0, 1].
 * @param[in] q the probability, in (0, 1).
 * @param[out] out the quantile, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_VOLUME_WHOLE,
 *   ::FPL_ERR_RATE_RANGE or ::FPL_ERR_CONFIDENCE (q).
 */
FPL_API fpl_status fpl_odds_quantile(double n, double p, double q, double *out, fpl_error *err);

/**
 * @brief The smallest whole volume n with P(Binomial(n, p) ≥ k) ≥ confidence.
 *
 * 136 leads at 12% are the least that give a 90% chance of 12 deals:
 * @code
 * double n;
 * if (fpl_odds_volume_for(0.12, 12, 0.9, &n) == FPL_OK) {
 *     // n == 136
 * }
 * @endcode
 * @param[in] p success probability, in (0, 1].
 * @param[in] k whole number of successes wanted, ≥ 0 (0 needs no volume).
 * @param[in] confidence in (0, 1).
 * @param[out] out the volume, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_RATE_RANGE, ::FPL_ERR_DEALS,
 *   ::FPL_ERR_CONFIDENCE, or ::FPL_ERR_TOO_LARGE when the volume would
 *   exceed 2^53.
 */
FPL_API fpl_status fpl_odds_volume_for(double p, double k, double confidence, double *out,
                                       fpl_error *err);

/**
 * @brief Reads a volume and its period: `COUNT/PERIOD` (`600/month`,
 * `1,800/quarter`, `7.2k/year`) or a bare `COUNT`.
 *
 * A manager who says "600 leads" means 600 a month whatever the period of
 * the target, so a bare count is taken only when the target is per month
 * (it is then per month); with a target per quarter or year it is refused
 * (::FPL_ERR_VOLUME_PERIOD: write `600/month` or `600/year`). The count is
 * read as fpl_parse_count() reads it, the text after the last `/` as a
 * period name when it starts with a letter; fpl_odds_compute() judges
 * whether the count is whole.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[in] per the period of the target (fpl_terms::per).
 * @param[out] volume_out the count, per @p volume_per_out, written only on success.
 * @param[out] volume_per_out the period of the count, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): field
 *   ::FPL_FIELD_VOLUME and the bytes at fault (the count, or the period).
 * @return ::FPL_OK, ::FPL_ERR_NULL, a status of fpl_parse_count() (the
 *   count), ::FPL_ERR_PERIOD (a word after the `/` that is not month, quarter
 *   or year) or ::FPL_ERR_VOLUME_PERIOD (a bare count, @p per not a month).
 */
FPL_API fpl_status fpl_odds_volume_parse(const char *text, size_t len, fpl_period per,
                                         double *volume_out, fpl_period *volume_per_out,
                                         fpl_error *err);

/**
 * @brief Reads the volume of a forecast, what-if, sensitivity or goal seek,
 * per the period of its figures: `600` (per @p per, the period the command
 * states everything in) or `600/month`, `1,800/quarter`, `7,200/year` (the
 * period written out, converted to @p per: 600/month of a yearly question
 * is 7,200).
 * A target and a volume share one period in these questions, so a bare count
 * stays per @p per; the period written out says what a manager means when the
 * target is yearly and the leads are counted monthly. The count is read as
 * fpl_parse_count() reads it; a volume per a longer period converts to a
 * fraction per a shorter one (1,201/year is 100.0833... a month), which
 * forecasts may take.
 * @code
 * double v;
 * fpl_volume_parse("600/month", FPL_NUL_TERMINATED, FPL_PERIOD_YEAR, &v, NULL); // 7200
 * @endcode
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes (::FPL_NUL_TERMINATED: up to its NUL).
 * @param[in] per the period of the question (fpl_terms::per).
 * @param[out] out the volume per @p per, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): field
 *   ::FPL_FIELD_VOLUME and the bytes at fault.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_PERIOD (@p per, or the word
 *   after the `/`), a status of fpl_parse_count(), or ::FPL_ERR_OVERFLOW.
 */
FPL_API fpl_status fpl_volume_parse(const char *text, size_t len, fpl_period per, double *out,
                                    fpl_error *err);

/**
 * @brief The rule of fpl_odds_volume_parse() for a volume that is a number,
 * not a text (Python's `odds(600, per="year")`): the period of the volume,
 * refusing to guess it.
 * @param[in] per the period of the target (fpl_terms::per).
 * @param[in] has_volume_per whether the caller said the volume's period.
 * @param[in] volume_per that period (when @p has_volume_per).
 * @param[out] out the period of the volume, written only on success:
 *   @p volume_per, or a month when none was said and @p per is a month.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): field
 *   ::FPL_FIELD_VOLUME.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_PERIOD (a value outside the
 *   enum) or ::FPL_ERR_VOLUME_PERIOD (no period said, @p per not a month).
 */
FPL_API fpl_status fpl_odds_volume_period(fpl_period per, bool has_volume_per,
                                          fpl_period volume_per, fpl_period *out,
                                          fpl_error *err);

/**
 * What an odds question is asked: a whole volume entering one stage.
 *
 * The volume is per fpl_odds_input::volume_per when
 * fpl_odds_input::has_volume_per is set, and per the target's period (fpl_terms::per) otherwise. A volume per a
 * shorter period is multiplied exactly (600 a month are 7,200 a year); a
 * volume per a longer period must split into whole units per the target's
 * period (1,200 a year are 100 a month; 1,201 a year is
 * ::FPL_ERR_VOLUME_SPLIT), since the binomial counts whole units. The
 * struct grows only at its end; zero is the old meaning of every new member.
 */
typedef struct fpl_odds_input {
    double volume;    ///< whole units entering stage @ref at per period (see below), ≥ 1
    size_t at;        ///< index of the stage the volume enters (0 = top)
    size_t n_levels;  ///< confidence levels requested beyond the standard five
    double levels[FPL_ODDS_MAX_REQUESTED]; ///< each in (0, 1)
    bool has_volume_per;   ///< the volume is per fpl_odds_input::volume_per (else per the target's)
    fpl_period volume_per; ///< the period of the volume (when fpl_odds_input::has_volume_per)
} fpl_odds_input;

/** The volume a confidence level needs. */
typedef struct fpl_odds_level {
    double confidence; ///< the chance of reaching the target, in (0, 1)
    bool has_volume;   ///< false when the volume would exceed 2^53 (no answer)
    double volume;     ///< least whole units entering `at` that give it (when has_volume)
} fpl_odds_level;

/** The result of fpl_odds_compute() (the exact binomial model). */
typedef struct fpl_odds {
    fpl_period per;          ///< the period of the target, and of fpl_odds::volume and the figures
    size_t n_stages;         ///< number of stages in the funnel
    size_t at;               ///< the stage the volume enters
    double volume;           ///< whole units entering stage @ref at per period
    double cumulative_rate;  ///< p: the chance one unit entering `at` becomes a deal
    double target_deals;     ///< k: whole deals the target needs
    bool has_target_revenue; ///< the target was given as revenue
    double target_revenue;   ///< the revenue target (when has_target_revenue)
    bool has_revenue;        ///< a deal size is known, so revenue figures are
    double deal_size;        ///< the deal size (when has_revenue)
    double p_hit;            ///< P(deals ≥ k)
    double p_miss;           ///< P(deals < k), computed directly
    double expected_deals;   ///< N·p
    double sd_deals;         ///< √(N·p·(1 − p))
    double expected_revenue; ///< N·p · deal size (when has_revenue)
    double deals_quantiles[FPL_ODDS_QUANTILES];   ///< P10, P50, P90 of deals
    double revenue_quantiles[FPL_ODDS_QUANTILES]; ///< deal quantiles · deal size (when has_revenue)
    size_t n_levels;         ///< confidence levels in @ref volume_for
    fpl_odds_level volume_for[FPL_ODDS_MAX_LEVELS]; ///< ascending confidence, no duplicates
    /* Members added later: the volume's own period. */
    fpl_period volume_per;   ///< the period of the volume as given (fpl_odds::per when none was said)
    double given_volume;     ///< the volume as given, per fpl_odds::volume_per (not fpl_odds::per)
    /** For each level of @ref volume_for (with a volume): the least whole
     * units per fpl_odds::volume_per that give it: the level's volume itself when
     * the periods agree; rounded up when the volume's period is shorter
     * (6,705 a year are 559 a month); multiplied when longer (136 a month
     * are 1,632 a year); 0 past 2^53. */
    double given_volume_for[FPL_ODDS_MAX_LEVELS];
} fpl_odds;

/**
 * @brief The chance of the target with a volume, the volume for each
 * confidence level, and the quantiles of deals (exact binomial model).
 *
 * The worked Danish example: 100 leads at 12%, 12 deals wanted.
 * @code
 * fpl_funnel f = {0};
 * fpl_funnel_add_stage(&f, "lead", 4, 0.12);
 * fpl_terms t = {0};
 * t.target = FPL_TARGET_DEALS;
 * t.deals = 12;
 * fpl_odds_input in = {0};
 * in.volume = 100;
 * fpl_odds r;
 * if (fpl_odds_compute(&f, &t, &in, &r) == FPL_OK) {
 *     // r.p_hit ≈ 0.5458; r.volume_for[2] is {0.9, 136}
 * }
 * @endcode
 * @param[in] funnel the funnel (checked as by fpl_funnel_check()).
 * @param[in] terms period, target (required), deal size, margin; a cost
 *   per lead is accepted and not used.
 * @param[in] input the volume, the stage it enters, extra confidence levels.
 * @param[out] out the result, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): a
 *   level out of range is ::FPL_FIELD_CONFIDENCE with the index of the first
 *   such in `input->levels`; a stage `at` beyond the last is ::FPL_FIELD_AT.
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_TARGET without a
 *   target; ::FPL_ERR_VOLUME (not a finite number ≥ 1);
 *   ::FPL_ERR_VOLUME_WHOLE (not whole, or above 2^53, as given or per the
 *   target's period); ::FPL_ERR_PERIOD (fpl_odds_input::volume_per outside
 *   the enum); ::FPL_ERR_VOLUME_SPLIT (a volume per a longer period that
 *   is not a whole number per the target's period);
 *   ::FPL_ERR_STAGE_UNKNOWN; ::FPL_ERR_CONFIDENCE_COUNT;
 *   ::FPL_ERR_CONFIDENCE (a level not in (0, 1)); ::FPL_ERR_TOO_LARGE when
 *   the target needs more than 2^53 deals (a level whose volume would exceed
 *   2^53 is not an error: its fpl_odds_level.has_volume is false);
 *   ::FPL_ERR_OVERFLOW when revenue figures overflow.
 */
FPL_API fpl_status fpl_odds_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                    const fpl_odds_input *input, fpl_odds *out, fpl_error *err);

/** The volume every stage needs for a confidence level (`plan --confidence`). */
typedef struct fpl_odds_plan {
    double confidence;   ///< the level asked for
    double deals_whole;  ///< whole deals the target needs
    size_t n_stages;     ///< number of stages
    double required[FPL_MAX_STAGES]; ///< least whole units entering each stage for that chance
} fpl_odds_plan;

/**
 * @brief For every stage, the least whole volume entering it that reaches
 * the target's whole deals with the given chance: the companion of
 * fpl_plan_compute()'s expected-value volumes.
 * @param[in] funnel the funnel.
 * @param[in] terms the terms; a target is required.
 * @param[in] confidence in (0, 1).
 * @param[out] out the volumes, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_TARGET;
 *   ::FPL_ERR_CONFIDENCE; ::FPL_ERR_TOO_LARGE.
 */
FPL_API fpl_status fpl_odds_plan_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                         double confidence, fpl_odds_plan *out, fpl_error *err);

/**
 * Monte Carlo: what varies, how many trials, which seed. Start from
 * ::FPL_ODDS_SIM_INPUT_INIT or fpl_odds_sim_input_init(), which set the
 * defaults (::FPL_ODDS_TRIALS_DEFAULT trials, seed ::FPL_ODDS_SEED_DEFAULT,
 * fixed deal sizes, no history); a struct that is only zeroed has 0 trials,
 * which fpl_odds_simulate() refuses. The struct grows only at its end, and
 * the initialisers give every new member its default.
 */
typedef struct fpl_odds_sim_input {
    double volume;        ///< whole units entering stage @ref at per period, ≥ 1
    size_t at;            ///< index of the stage the volume enters (0 = top)
    size_t trials;        ///< 1 … ::FPL_ODDS_TRIALS_MAX (initially ::FPL_ODDS_TRIALS_DEFAULT)
    uint64_t seed;        ///< any value, the same seed the same figures (initially ::FPL_ODDS_SEED_DEFAULT)
    double deal_size_cv;  ///< coefficient of variation of one deal's size: 0 (fixed) or ::FPL_ODDS_CV_MIN … ::FPL_ODDS_CV_MAX
    bool has_history[FPL_MAX_STAGES]; ///< stage i's rate is known from history
    double won[FPL_MAX_STAGES];   ///< units of stage i that moved on (whole, ≥ 0)
    double total[FPL_MAX_STAGES]; ///< units that entered stage i (whole, ≥ won, ≥ 1)
    bool has_volume_per;   ///< the volume is per fpl_odds_sim_input::volume_per (as in ::fpl_odds_input)
    fpl_period volume_per; ///< the period of the volume (when fpl_odds_sim_input::has_volume_per)
} fpl_odds_sim_input;

/** An fpl_odds_sim_input with every default: `fpl_odds_sim_input in = FPL_ODDS_SIM_INPUT_INIT;` */
#define FPL_ODDS_SIM_INPUT_INIT                                                                    \
    {0.0, 0, FPL_ODDS_TRIALS_DEFAULT, FPL_ODDS_SEED_DEFAULT, 0.0, {false}, {0.0}, {0.0},          \
     false, FPL_PERIOD_MONTH}

/**
 * @brief Sets every member of a Monte Carlo input to its default, as
 * ::FPL_ODDS_SIM_INPUT_INIT does (for callers that cannot use the macro).
 * @param[out] input the input to set; nothing happens when NULL.
 */
FPL_API void fpl_odds_sim_input_init(fpl_odds_sim_input *input);

/**
 * @brief Reads a number of Monte Carlo trials (e.g. `20000`, `20k`,
 * `1e6`): a count as fpl_parse_amount() reads it, whole, from 1 to
 * ::FPL_ODDS_TRIALS_MAX.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] out the trials, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): field
 *   ::FPL_FIELD_TRIALS, the bytes at fault.
 * @return ::FPL_OK, ::FPL_ERR_NULL, a status of fpl_parse_amount() or
 *   ::FPL_ERR_TRIALS.
 */
FPL_API fpl_status fpl_odds_trials_parse(const char *text, size_t len, size_t *out,
                                         fpl_error *err);

/**
 * @brief Reads a history `WON/TOTAL` (e.g. `12/100`: 12 of 100 units that
 * entered the stage moved on). Each side is a count as fpl_parse_amount()
 * reads it (`1,200/5k` works) and must be whole, with 0 ≤ WON ≤ TOTAL and
 * TOTAL ≥ 1.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] won_out WON, written only on success.
 * @param[out] total_out TOTAL, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): field
 *   ::FPL_FIELD_HISTORY without an index (the text names no stage), and the
 *   bytes at fault: WON, TOTAL, or the whole text when there is no `/` or
 *   WON exceeds TOTAL.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_HISTORY.
 */
FPL_API fpl_status fpl_odds_history_parse(const char *text, size_t len, double *won_out,
                                          double *total_out, fpl_error *err);

/** A Monte Carlo estimate and its standard error. */
typedef struct fpl_odds_estimate {
    double value;     ///< the estimate
    double std_error; ///< its standard error
} fpl_odds_estimate;

/** The result of fpl_odds_simulate(). */
typedef struct fpl_odds_sim {
    size_t trials;                ///< trials run
    uint64_t seed;                ///< the seed used
    double target_deals;          ///< k: whole deals the target needs
    bool has_revenue;             ///< a deal size is known
    bool by_revenue;              ///< the hit is judged on revenue (revenue target, varying sizes)
    fpl_odds_estimate p_hit;      ///< share of trials that reach the target
    fpl_odds_estimate expected_deals;   ///< mean deals
    fpl_odds_estimate expected_revenue; ///< mean revenue (when has_revenue)
    fpl_odds_estimate deals_quantiles[FPL_ODDS_QUANTILES];   ///< P10, P50, P90 of deals
    fpl_odds_estimate revenue_quantiles[FPL_ODDS_QUANTILES]; ///< P10, P50, P90 of revenue (when has_revenue)
} fpl_odds_sim;

/**
 * @brief Doubles of workspace fpl_odds_simulate() needs for a number of trials.
 * @param[in] trials the trials.
 * @return 2 · trials (the largest size_t when that does not fit).
 */
FPL_API size_t fpl_odds_sim_work_len(size_t trials);

/**
 * @brief Estimates the odds by simulation when deal sizes vary or rates are
 * known only from history.
 *
 * Each trial draws every rate with a history from its Beta posterior, the
 * deals from Binomial(volume, cumulative rate) and, with a deal-size
 * variation, the revenue of those deals from a gamma distribution; the hit
 * is deals ≥ k, or revenue ≥ the revenue target when sizes vary. Standard
 * errors: √(p(1−p)/T) for the chance, s/√T for means, and for a quantile
 * half the spread of the order statistics one standard error of the rank
 * (√(T·q·(1−q))) either side.
 * @param[in] funnel the funnel.
 * @param[in] terms the terms; a target is required.
 * @param[in] input volume, stage, trials, seed, variation and history.
 * @param[in,out] work caller's workspace of at least
 *   fpl_odds_sim_work_len(trials) doubles (the library never allocates).
 * @param[in] work_len doubles available at @p work.
 * @param[out] out the estimates, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): trials
 *   are ::FPL_FIELD_TRIALS, the variation ::FPL_FIELD_DEAL_SIZE_CV (also
 *   for a variation without a deal size), a history ::FPL_FIELD_HISTORY
 *   with the index of its stage.
 * @return ::FPL_OK; the statuses of fpl_odds_compute(); ::FPL_ERR_TRIALS
 *   (0 or more than ::FPL_ODDS_TRIALS_MAX);
 *   ::FPL_ERR_VARIATION; ::FPL_ERR_HISTORY (won or total not whole, won >
 *   total, total 0); ::FPL_ERR_HISTORY_STAGE (a history on a stage above
 *   `at` or beyond the last); ::FPL_ERR_DEAL_SIZE_MISSING (a variation
 *   without a deal size); ::FPL_ERR_WORKSPACE
 *   when @p work_len is too small.
 */
FPL_API fpl_status fpl_odds_simulate(const fpl_funnel *funnel, const fpl_terms *terms,
                                     const fpl_odds_sim_input *input, double *work, size_t work_len,
                                     fpl_odds_sim *out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_ODDS_H */

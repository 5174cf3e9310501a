/*
 * funnelplan — the table and the CSV of an odds result: the exact binomial
 * figures and, when a Monte Carlo ran, its estimates (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's; the standard error of the
 * simulated chance is shown in percentage points.
 */

#include "internal.h"

#include "../internal.h"

/* "a 54.6%", "an 80%": a chance read aloud. */
static void put_a(fpl__doc *d, double p, fpl_number_style style)
{
    char num[FPL_NUMBER_MAX];
    fpl_format_number(p, style, num, sizeof num);
    fpl__put(d, fpl__article(num), " ", num);
}

/* "136 leads per month give ", "1 lead per month gives ", and with a
 * volume of its own period "7,200 leads per year (600 per month) give ":
 * n per the target's period, given per the volume's (0: not shown). */
static void put_give(fpl__doc *d, const fpl_odds *r, double n, double given, const char *name)
{
    fpl__put_units(d, n, name);
    fpl__put(d, " per ", fpl_period_name(r->per));
    if (r->volume_per != r->per && given > 0.0) {
        fpl__put(d, " (");
        fpl__put_style(d, given, FPL_NUMBER_WHOLE);
        fpl__put(d, " per ", fpl_period_name(r->volume_per), ")");
    }
    fpl__put(d, fpl__is_one(n) ? " gives " : " give ");
}

/* The middle of the distribution, P10 to P90: "8 to 16 deals in 8 of 10
 * months" (deals), "32,000 to 64,000 in 8 of 10 months" (revenue). */
static void put_range(fpl__doc *d, const double q[FPL_ODDS_QUANTILES], bool deals,
                      fpl_period per)
{
    fpl_number_style style = deals ? FPL_NUMBER_WHOLE : FPL_NUMBER_AMOUNT;
    if (q[0] < q[2]) {
        fpl__put_style(d, q[0], style);
        fpl__put(d, " to ");
    }
    if (deals) {
        fpl__put_units(d, q[2], "deal");
    } else {
        fpl__put_style(d, q[2], style);
    }
    fpl__put(d, " in 8 of 10 ", fpl_period_name(per), "s");
}

/* "  Deals: expected 12 ± 0.03; 8 to 16 deals in 8 of 10 months.\n" */
static void put_estimated(fpl__doc *d, bool deals, const fpl_odds_estimate *e,
                          const fpl_odds_estimate q[FPL_ODDS_QUANTILES], fpl_period per)
{
    double values[FPL_ODDS_QUANTILES];
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        values[i] = q[i].value;
    }
    fpl__put(d, deals ? "  Deals" : "  Revenue", ": expected ");
    fpl__put_style(d, e->value, FPL_NUMBER_TRIMMED);
    fpl__put(d, " \u00B1 ");
    fpl__put_style(d, e->std_error, FPL_NUMBER_TRIMMED);
    fpl__put(d, "; ");
    put_range(d, values, deals, per);
    fpl__put(d, ".\n");
}

static void simulation_table(fpl__doc *d, const fpl_funnel *f, const fpl_odds *r,
                             const fpl_odds_sim_input *in, const fpl_odds_sim *s)
{
    fpl__put(d, "\nSimulation (");
    fpl__put_count(d, (uint64_t)s->trials);
    fpl__put(d, " trials, seed ");
    fpl__put_digits(d, s->seed);
    fpl__put(d, "): ");
    put_a(d, s->p_hit.value, FPL_NUMBER_CHANCE);
    fpl__put(d, " \u00B1 ");
    fpl__put_style(d, s->p_hit.std_error * 100.0, FPL_NUMBER_TRIMMED);
    fpl__put(d, "% chance of ");
    if (s->by_revenue) {
        fpl__put(d, "revenue ");
        fpl__put_style(d, r->target_revenue, FPL_NUMBER_AMOUNT);
    } else {
        fpl__put_units(d, s->target_deals, "deal");
    }
    fpl__put(d, ".\n");
    put_estimated(d, true, &s->expected_deals, s->deals_quantiles, r->per);
    if (s->has_revenue) {
        put_estimated(d, false, &s->expected_revenue, s->revenue_quantiles, r->per);
    }
    if (in->deal_size_cv > 0.0) {
        fpl__put(d, "  Deal sizes vary around ");
        fpl__put_style(d, r->deal_size, FPL_NUMBER_AMOUNT);
        fpl__put(d, " (gamma distributed, coefficient of variation ");
        fpl__put_style(d, in->deal_size_cv, FPL_NUMBER_JSON); /* 0.5, 0.001: as typed */
        fpl__put(d, ").\n");
    }
    for (size_t k = 0; k < f->n_stages; ++k) {
        if (in->has_history[k]) {
            fpl__put(d, "  ", f->stages[k].name,
                     ": the rate is drawn in every trial from its history, ");
            fpl__put_style(d, in->won[k], FPL_NUMBER_WHOLE);
            fpl__put(d, " of ");
            fpl__put_style(d, in->total[k], FPL_NUMBER_WHOLE);
            fpl__put(d, " moved on.\n");
        }
    }
}

static void odds_table(fpl__doc *d, const fpl_funnel *f, const fpl_odds *r,
                       const fpl_odds_sim_input *si, const fpl_odds_sim *s)
{
    const char *per = fpl_period_name(r->per);
    const char *at = f->stages[r->at].name;

    /* The model and the target. */
    fpl__put(d, "Odds per ", per, ": each ", at, " becomes a deal on its own, with a chance of ");
    fpl__put_style(d, r->cumulative_rate, FPL_NUMBER_PERCENT);
    fpl__put(d, ".\nTarget per ", per, ": ");
    if (r->has_target_revenue) {
        fpl__put(d, "revenue ");
        fpl__put_style(d, r->target_revenue, FPL_NUMBER_AMOUNT);
        fpl__put(d, " at a deal size of ");
        fpl__put_style(d, r->deal_size, FPL_NUMBER_AMOUNT);
        fpl__put(d, ", i.e. ");
    }
    fpl__put_units(d, r->target_deals, "deal");
    fpl__put(d, ".\n\n");

    /* The chance with the volume given, and the spread. */
    put_give(d, r, r->volume, r->given_volume, at);
    put_a(d, r->p_hit, FPL_NUMBER_CHANCE);
    fpl__put(d, " chance of ");
    fpl__put_units(d, r->target_deals, "deal");
    fpl__put(d, " (expected ");
    fpl__put_style(d, r->expected_deals, FPL_NUMBER_TRIMMED);
    fpl__put(d, "; ");
    put_range(d, r->deals_quantiles, true, r->per);
    fpl__put(d, ").\n");
    if (r->has_revenue) {
        fpl__put(d, "Revenue: expected ");
        fpl__put_style(d, r->expected_revenue, FPL_NUMBER_AMOUNT);
        fpl__put(d, "; ");
        put_range(d, r->revenue_quantiles, false, r->per);
        fpl__put(d, ".\n");
    }

    /* The volume for each level, the counts aligned: "136 leads give a 90%
     * chance of 12 deals." */
    char names[FPL_NAME_MAX + 2];
    char num[FPL_NUMBER_MAX];
    fpl__plural(names, at);
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"; /* no locale */
    if (names[0] >= 'a' && names[0] <= 'z') {
        names[0] = upper[names[0] - 'a'];
    }
    fpl__put(d, "\n", names, " needed per ", per, " for a chance of ");
    fpl__put_units(d, r->target_deals, "deal");
    fpl__put(d, ":\n");
    size_t width = 0;
    for (size_t i = 0; i < r->n_levels; ++i) {
        size_t w = fpl_format_number(r->volume_for[i].volume, FPL_NUMBER_WHOLE, num, sizeof num);
        width = w > width ? w : width;
    }
    for (size_t i = 0; i < r->n_levels; ++i) {
        const fpl_odds_level *l = &r->volume_for[i];
        size_t w = fpl_format_number(l->volume, FPL_NUMBER_WHOLE, num, sizeof num);
        fpl__put(d, "  ");
        if (!l->has_volume) {
            put_a(d, l->confidence, FPL_NUMBER_PERCENT);
            fpl__put(d, " chance needs more than 2^53 units, beyond exact counting.\n");
            continue;
        }
        for (; w < width; ++w) {
            fpl__put(d, " ");
        }
        put_give(d, r, l->volume, r->given_volume_for[i], at);
        put_a(d, l->confidence, FPL_NUMBER_PERCENT);
        fpl__put(d, " chance of ");
        fpl__put_units(d, r->target_deals, "deal");
        fpl__put(d, ".\n");
    }
    if (s != NULL) {
        simulation_table(d, f, r, si, s);
    }
    fpl__put(d, "\n", fpl__rounded_note);
}

/* Each row its own figures: the volume given and its chance, then per
 * confidence level the least volume for it and that level (the chance it
 * gives at least). volume is per `per`, the target's period; given_volume
 * is the same volume per volume_per, the period the volume was given in. */
static void odds_csv_row(fpl__doc *d, const fpl_odds *r, const char *row, bool has_volume,
                         double volume, double chance, double given)
{
    fpl__csv_text(d, true, row);
    if (has_volume) {
        fpl__csv_whole(d, volume);
    } else {
        fpl__put(d, ","); /* empty: more than 2^53 units */
    }
    fpl__csv_text(d, false, fpl_period_name(r->per));
    fpl__csv_number(d, chance);
    fpl__csv_whole(d, r->target_deals);
    if (has_volume && given > 0.0) {
        fpl__csv_whole(d, given);
    } else {
        fpl__put(d, ",");
    }
    fpl__csv_text(d, false, fpl_period_name(r->volume_per));
    fpl__put(d, "\n");
}

static void odds_csv(fpl__doc *d, const fpl_odds *r)
{
    fpl__put(d, "row,volume,per,chance,target_deals,given_volume,volume_per\n");
    odds_csv_row(d, r, "given", true, r->volume, r->p_hit, r->given_volume);
    for (size_t i = 0; i < r->n_levels; ++i) {
        const fpl_odds_level *l = &r->volume_for[i];
        odds_csv_row(d, r, "needed", l->has_volume, l->volume, l->confidence,
                     r->given_volume_for[i]);
    }
}

fpl_status fpl_odds_render(const fpl_funnel *funnel, const fpl_odds *odds,
                           const fpl_odds_sim_input *sim_input, const fpl_odds_sim *sim,
                           fpl_render_format format, char *buf, size_t capacity,
                           size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_odds_json(funnel, odds, sim_input, sim, json ? buf : NULL,
                                  json ? capacity : 0, &len, err);
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            odds_csv(&d, odds);
        } else {
            odds_table(&d, funnel, odds, sim_input, sim);
        }
    }
    return fpl__render_end(&d, err);
}

/*
 * funnelplan — the table and the CSV of lead channels (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * No formula: every figure is the result's.
 */

#include "internal.h"

#include "../internal.h"

static void channels_csv(fpl__doc *d, const fpl_channels_input *in, const fpl_channels *r)
{
    fpl__put(d, "rank,channel,cost_per_lead,capacity,leads,share,opportunities,deals,revenue,"
                "cost,cost_per_opportunity,cost_per_deal,gross_profit,roi,"
                "break_even_cost_per_lead,headroom,loses_money,value_per_lead,at_capacity,"
                "committed,budget_leads,at_budget\n");
    for (size_t k = 0; k < r->n_channels; ++k) {
        const fpl_channel_figures *f = &r->channels[r->ranking[k]];
        const bool rev = f->has_revenue;
        const bool has[] = {true, f->has_capacity, true, true, true, true, rev,
                            true, true, true, rev, f->has_roi, rev, rev};
        const double x[] = {f->cost_per_lead, f->capacity, f->leads, f->share,
                            f->opportunities, f->deals, f->revenue, f->cost,
                            f->cost_per_opportunity, f->cost_per_deal, f->gross_profit,
                            f->roi, f->break_even_cost_per_lead, f->headroom};
        fpl__put_digits(d, k + 1);
        fpl__csv_text(d, false, in->channels[r->ranking[k]].name);
        for (size_t c = 0; c < sizeof x / sizeof x[0]; ++c) {
            fpl__csv_maybe(d, has[c], x[c]);
        }
        fpl__put(d, !rev ? "," : f->loses_money ? ",true" : ",false");
        fpl__csv_maybe(d, rev, f->value_per_lead);
        fpl__put(d, f->at_capacity ? ",true" : ",false", f->committed ? ",true" : ",false");
        fpl__csv_maybe(d, f->has_budget, f->budget_leads);
        fpl__put(d, f->at_budget ? ",true\n" : ",false\n");
    }
}

/* The headline: what was asked, the funnel and the margin. */
static void channels_headline(fpl__doc *d, const fpl_funnel *fn, const fpl_terms *terms,
                              const fpl_channels *r)
{
    fpl__put(d, "Lead channels per ", fpl_period_name(r->per), ": ");
    if (r->target == FPL_TARGET_NONE) {
        fpl__put(d, "the profitability of the leads each brings");
    } else {
        fpl__put(d, r->by_shares ? "leads split by fixed shares" : "the cheapest allocation",
                 " for ");
        if (r->target == FPL_TARGET_REVENUE) {
            fpl__put_amount(d, "revenue ", terms->revenue, "");
        } else {
            fpl__put_amount(d, "", terms->deals, " deals");
        }
    }
    fpl__put(d, ".\nFunnel: ");
    for (size_t k = 0; k < fn->n_stages; ++k) {
        fpl__put(d, k > 0 ? " > " : "", fn->stages[k].name);
        fpl__put_figure(d, " ", fn->stages[k].rate, FPL_NUMBER_PERCENT, "");
    }
    fpl__put_figure(d, "; margin ", r->margin, FPL_NUMBER_PERCENT, ". Ranked by ROI.\n\n");
}

/* Ranked channels, then their total. */
static void channels_grid(fpl__doc *d, const fpl_channels_input *in, const fpl_channels *r)
{
    enum { C_RANK, C_NAME, C_CPL, C_LEADS, C_DEALS, C_REVENUE, C_COST, C_CPD, C_ROI, C_BE,
           C_HEAD, C_NOTE, C_N };
    static const char *const headers[C_N] = {"#",          "channel",  "cost/lead", "leads",
                                             "deals",      "revenue",  "cost",      "cost/deal",
                                             "ROI",        "break-even", "headroom", ""};
    fpl__align al[C_N];
    for (size_t c = 0; c < C_N; ++c) {
        al[c] = c == C_NAME || c == C_NOTE ? FPL__LEFT : FPL__RIGHT;
    }
    fpl__table_begin(d, C_N, headers, al);
    for (size_t k = 0; k <= r->n_channels; ++k) {
        const bool total = k == r->n_channels;
        const fpl_channel_figures *f = &r->channels[total ? 0 : r->ranking[k]];
        const bool rev = total ? r->has_revenue : f->has_revenue;
        const bool has_roi = total ? r->has_roi : f->has_roi;
        const double x[] = {f->cost_per_lead, f->leads,         f->deals,
                            f->revenue,       f->cost,          f->cost_per_deal};
        const double t[] = {r->cost_per_lead, r->leads,         r->deals,
                            r->revenue,       r->cost,          r->cost_per_deal};
        fpl__table_row(d);
        if (!total) {
            fpl__table_count(d, C_RANK, k + 1);
        }
        fpl__table_set(d, C_NAME, total ? "total" : in->channels[r->ranking[k]].name);
        for (size_t c = 0; c < 6; ++c) {
            fpl__table_maybe(d, C_CPL + c, c + C_CPL != C_REVENUE || rev, total ? t[c] : x[c],
                             FPL_NUMBER_AMOUNT);
        }
        if (has_roi) {
            fpl__table_style(d, C_ROI, total ? r->roi : f->roi, FPL_NUMBER_PERCENT);
        } else {
            fpl__table_set(d, C_ROI, rev ? "free" : "-");
        }
        if (!total) {
            const bool loses = rev && f->loses_money;
            fpl__table_maybe(d, C_BE, rev, f->break_even_cost_per_lead, FPL_NUMBER_AMOUNT);
            fpl__table_maybe(d, C_HEAD, rev, f->headroom, FPL_NUMBER_AMOUNT);
            /* committed, full or budget spent, loses money */
            char note[64];
            fpl__join(note, sizeof note, f->committed ? "committed" : "",
                      f->committed && (f->at_capacity || f->at_budget || loses) ? ", " : "",
                      f->at_capacity ? "full" : f->at_budget ? "budget spent" : "",
                      (f->at_capacity || f->at_budget) && loses ? ", " : "",
                      loses ? "loses money" : "");
            fpl__table_set(d, C_NOTE, note);
        }
    }
    fpl__table_end(d);
}

static void channels_table(fpl__doc *d, const fpl_funnel *fn, const fpl_terms *terms,
                           const fpl_channels_input *in, const fpl_channels *r)
{
    const char *per = fpl_period_name(r->per);
    channels_headline(d, fn, terms, r);
    channels_grid(d, in, r);
    fpl__put(d, "\n");
    if (r->has_revenue) {
        fpl__put_amount(d, "Gross profit ", r->gross_profit, " per ");
        fpl__put(d, per, ".\n");
    }
    /* Committed leads alone past the target: the surplus is said. */
    bool committed = false, allocated = false;
    for (size_t i = 0; i < r->n_channels; ++i) {
        committed = committed || r->channels[i].committed;
        allocated = allocated || (!r->channels[i].committed && r->channels[i].leads > 0.0);
    }
    const bool over = r->target == FPL_TARGET_REVENUE ? r->revenue > terms->revenue
                                                      : r->deals > terms->deals;
    if (committed && !allocated && over) {
        fpl__put_amount(d, "Committed leads alone bring ", r->deals, " deals");
        if (r->has_revenue) {
            fpl__put_amount(d, " (revenue ", r->revenue, ")");
        }
        fpl__put(d, ", more than the target.\n");
    }
    if (r->has_marginal) {
        fpl__put_amount(d, "One more deal costs ", r->marginal_cost_per_deal, "");
        if (r->marginal_channel >= r->n_channels) {
            fpl__put(d, " (every channel in its share).\n");
        } else if (r->marginal_last_channel != r->marginal_channel) {
            fpl__put(d, " (", in->channels[r->marginal_channel].name, " has room for part of it, ",
                     in->channels[r->marginal_last_channel].name, " the rest).\n");
        } else {
            fpl__put(d, " (", in->channels[r->marginal_channel].name, ").\n");
        }
    } else if (r->target != FPL_TARGET_NONE) {
        fpl__put(d, r->by_shares ? "One more deal would take a channel past its limit at these "
                                   "shares.\n"
                                 : "No channel has room for one more deal.\n");
    }
    if (r->n_losing > 0) {
        fpl__put(d, "Losing money at any volume:");
        const char *sep = " ";
        for (size_t k = 0; k < r->n_channels; ++k) {
            const fpl_channel_figures *f = &r->channels[r->ranking[k]];
            if (f->has_revenue && f->loses_money) {
                fpl__put(d, sep, in->channels[r->ranking[k]].name);
                fpl__put_amount(d, " (pays ", f->cost_per_lead, " a lead, breaks even at ");
                fpl__put_amount(d, "", f->break_even_cost_per_lead, ")");
                sep = "; ";
            }
        }
        fpl__put(d, ".\n");
    }
    if (r->has_most) {
        fpl__put_amount(d, "At most ", r->most_deals, " deals");
        if (r->has_most_revenue) {
            fpl__put_amount(d, " (revenue ", r->most_revenue, ")");
        }
        fpl__put_amount(d, " from ", r->most_leads, " leads per ");
        fpl__put(d, per, r->by_shares ? " at these shares.\n" : " with every channel full.\n");
    }
    fpl__put(d, "break-even: the highest cost per lead that still pays back (deal size x\n"
                "rate to won x margin); headroom: break-even - cost per lead.\n",
             fpl__rounded_note);
}

fpl_status fpl_channels_render(const fpl_funnel *funnel, const fpl_terms *terms,
                               const fpl_channels_input *input, const fpl_channels *channels,
                               fpl_render_format format, char *buf, size_t capacity,
                               size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    const bool json = format == FPL_RENDER_JSON;
    size_t len = 0;
    fpl_status st = fpl_funnel_check(funnel, err);
    if (st == FPL_OK) {
        st = fpl_channels_json(terms, input, channels, json ? buf : NULL, json ? capacity : 0,
                               &len, err);
    }
    if (st == FPL_OK && format == FPL_RENDER_SVG) {
        return fpl_channels_svg(funnel, terms, input, channels, buf, capacity, length_out, err);
    }
    fpl__doc d;
    for (fpl__render_begin(&d, st, len, format, buf, capacity, length_out, err);
         fpl__doc_pass(&d);) {
        if (format == FPL_RENDER_CSV) {
            channels_csv(&d, input, channels);
        } else {
            channels_table(&d, funnel, terms, input, channels);
        }
    }
    return fpl__render_end(&d, err);
}

/*
 * funnelplan — the description of a channels result, and its JSON.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented JSON contract (docs/guide.md,
 * "channels"). fpl_channels_json() writes the same bytes as fpl_view_json()
 * over fpl_view_channels(), holding one channel's nodes at a time.
 */

#include "internal.h"

#include "../internal.h"

#include <string.h>

/* What the description reads, checked before a node is added: so a view is
 * never left half-built by a refusal of the result. */
static fpl_status check(const fpl_terms *terms, const fpl_channels_input *input,
                        const fpl_channels *r, fpl_error *err)
{
    if (terms == NULL || input == NULL || r == NULL) {
        return FPL_ERR_NULL;
    }
    if (fpl_period_name(r->per) == NULL) {
        return FPL_ERR_PERIOD;
    }
    if (fpl_channels_mode_name(r) == NULL) {
        return FPL_ERR_TARGET;
    }
    if (r->n_channels > FPL_MAX_CHANNELS || r->n_channels > input->n_channels) {
        return fpl__fail(err, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    }
    for (size_t i = 0; i < r->n_channels; ++i) {
        const fpl_channel *c = &input->channels[i];
        if (memchr(c->name, '\0', sizeof c->name) == NULL) {
            return fpl__fail(err, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_CHANNEL, i);
        }
        if (fpl_channel_quality_name(c->quality) == NULL) {
            return fpl__fail(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, i);
        }
        if (r->ranking[i] >= r->n_channels) {
            return fpl__fail(err, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, i);
        }
    }
    return FPL_OK;
}

/* One channel's object, as an element of the open array. */
static void view_channel(fpl_view *v, const fpl_channels_input *input, const fpl_channels *r,
                         size_t i)
{
    const fpl_channel *c = &input->channels[i];
    const fpl_channel_figures *f = &r->channels[i];
    fpl_view_object(v, NULL);
    fpl_view_string(v, "name", c->name);
    fpl_view_count(v, "rank", (uint64_t)f->rank + 1u);
    fpl_view_string(v, "quality", fpl_channel_quality_name(c->quality));
    fpl_view_number_or_null(v, "quality_value", c->quality != FPL_QUALITY_FUNNEL,
                            c->quality_value);
    fpl_view_number(v, "top_rate", f->top_rate);
    fpl_view_number(v, "opportunity_rate", f->opportunity_rate);
    fpl_view_number(v, "rate_to_won", f->rate_to_won);
    fpl_view_number(v, "cost_per_lead", f->cost_per_lead);
    fpl_view_number_or_null(v, "capacity", f->has_capacity, f->capacity);
    fpl_view_bool(v, "at_capacity", f->at_capacity);
    fpl_view_number(v, "leads", f->leads);
    fpl_view_number(v, "share", f->share);
    fpl_view_number(v, "opportunities", f->opportunities);
    fpl_view_number(v, "deals", f->deals);
    fpl_view_number(v, "cost", f->cost);
    fpl_view_number(v, "cost_per_opportunity", f->cost_per_opportunity);
    fpl_view_number(v, "cost_per_deal", f->cost_per_deal);
    fpl_view_number_or_null(v, "deal_size", f->has_revenue, f->deal_size);
    fpl_view_number_or_null(v, "value_per_lead", f->has_revenue, f->value_per_lead);
    fpl_view_number_or_null(v, "revenue", f->has_revenue, f->revenue);
    fpl_view_number_or_null(v, "gross_profit", f->has_revenue, f->gross_profit);
    fpl_view_number_or_null(v, "roi", f->has_roi, f->roi);
    fpl_view_number_or_null(v, "break_even_cost_per_lead", f->has_revenue,
                            f->break_even_cost_per_lead);
    fpl_view_number_or_null(v, "headroom", f->has_revenue, f->headroom);
    if (f->has_revenue) {
        fpl_view_bool(v, "loses_money", f->loses_money);
    } else {
        fpl_view_null(v, "loses_money");
    }
    fpl_view_bool(v, "committed", f->committed);
    fpl_view_number_or_null(v, "budget_leads", f->has_budget, f->budget_leads);
    fpl_view_bool(v, "at_budget", f->at_budget);
    fpl_view_close(v);
}

/* The result's object; with bodies false its "channels" array is left
 * empty. */
static void view_result(fpl_view *v, const char *key, const fpl_terms *t,
                        const fpl_channels_input *input, const fpl_channels *r, bool bodies)
{
    const fpl_channel *ch = input->channels;
    fpl_view_object(v, key);
    fpl_view_string(v, "command", "channels");
    fpl_view_string(v, "per", fpl_period_name(r->per));
    fpl_view_string(v, "mode", fpl_channels_mode_name(r));
    if (r->target == FPL_TARGET_NONE) {
        fpl_view_null(v, "target");
    } else {
        fpl_view_object(v, "target");
        fpl_view_string(v, "kind", fpl_target_name(r->target));
        fpl_view_number(v, "value", r->target == FPL_TARGET_REVENUE ? t->revenue : t->deals);
        fpl_view_close(v);
    }
    fpl_view_number_or_null(v, "deal_size", t->has_deal_size, t->deal_size);
    fpl_view_number(v, "margin", r->margin);
    fpl_view_array(v, "channels");
    for (size_t i = 0; bodies && i < r->n_channels; ++i) {
        view_channel(v, input, r, i);
    }
    fpl_view_close(v);
    fpl_view_array(v, "ranking");
    for (size_t k = 0; k < r->n_channels; ++k) {
        fpl_view_string(v, NULL, ch[r->ranking[k]].name);
    }
    fpl_view_close(v);
    fpl_view_array(v, "losing");
    for (size_t k = 0; k < r->n_channels; ++k) {
        const fpl_channel_figures *f = &r->channels[r->ranking[k]];
        if (f->has_revenue && f->loses_money) {
            fpl_view_string(v, NULL, ch[r->ranking[k]].name);
        }
    }
    fpl_view_close(v);
    fpl_view_object(v, "total");
    fpl_view_number(v, "leads", r->leads);
    fpl_view_number(v, "opportunities", r->opportunities);
    fpl_view_number(v, "deals", r->deals);
    fpl_view_number(v, "cost", r->cost);
    fpl_view_number(v, "cost_per_lead", r->cost_per_lead);
    fpl_view_number(v, "cost_per_opportunity", r->cost_per_opportunity);
    fpl_view_number(v, "cost_per_deal", r->cost_per_deal);
    fpl_view_number_or_null(v, "revenue", r->has_revenue, r->revenue);
    fpl_view_number_or_null(v, "gross_profit", r->has_revenue, r->gross_profit);
    fpl_view_number_or_null(v, "roi", r->has_roi, r->roi);
    fpl_view_close(v);
    if (!r->has_marginal) {
        fpl_view_null(v, "marginal");
    } else {
        fpl_view_object(v, "marginal");
        /* by shares every channel supplies the last deal: no one channel */
        fpl_view_string(v, "channel",
                        r->marginal_channel < r->n_channels ? ch[r->marginal_channel].name : NULL);
        fpl_view_number(v, "cost_per_deal", r->marginal_cost_per_deal);
        fpl_view_string(v, "last_channel", r->marginal_last_channel < r->n_channels
                                               ? ch[r->marginal_last_channel].name
                                               : NULL);
        fpl_view_close(v);
    }
    if (!r->has_most) {
        fpl_view_null(v, "most");
    } else {
        fpl_view_object(v, "most");
        fpl_view_number(v, "leads", r->most_leads);
        fpl_view_number(v, "deals", r->most_deals);
        fpl_view_number_or_null(v, "revenue", r->has_most_revenue, r->most_revenue);
        fpl_view_close(v);
    }
    fpl_view_close(v);
}

fpl_status fpl_view_channels(fpl_view *view, const char *key, const fpl_terms *terms,
                             const fpl_channels_input *input, const fpl_channels *channels,
                             fpl_error *err)
{
    fpl__begin(err);
    fpl_status st = view == NULL ? FPL_ERR_NULL : check(terms, input, channels, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    view_result(view, key, terms, input, channels, true);
    return fpl_view_check(view, err);
}

/* The view without the channels' objects: the root's leaves and objects,
 * and the names of ranking and losing. */
#define SKELETON_NODES (FPL_VIEW_CHANNELS_NODES - FPL_VIEW_CHANNEL_NODES * FPL_MAX_CHANNELS)

static void describe_channel(fpl_view *view, const void *input, const void *channels, size_t i)
{
    view_channel(view, input, channels, i);
}

fpl_status fpl_channels_json(const fpl_terms *terms, const fpl_channels_input *input,
                             const fpl_channels *channels, char *buf, size_t capacity,
                             size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    fpl__json j;
    fpl_status st = fpl__json_begin(&j, buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = check(terms, input, channels, err);
    }
    if (st == FPL_OK) {
        /* the skeleton's members, its "channels" filled a channel at a time */
        fpl_node nodes[SKELETON_NODES];
        fpl_view view;
        fpl_view_init(&view, nodes, SKELETON_NODES);
        view_result(&view, NULL, terms, input, channels, false);
        const fpl__part each = {"channels", channels->n_channels, describe_channel, input,
                                channels};
        st = fpl__json_members(&j, &view, &each, err);
    }
    return fpl__json_end(&j, NULL, st, length_out, err);
}

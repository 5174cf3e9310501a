/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file channels.h
 * @brief Lead channels: which sources pay, and the cheapest mix that meets the target.
 */

#ifndef FUNNELPLAN_CHANNELS_H
#define FUNNELPLAN_CHANNELS_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup channels Lead channels
 * @brief Profitability, break-even and allocation of lead sources.
 *
 * A channel (lead source) feeds the top stage of the funnel. It has a name
 * (checked like a stage name), a cost per lead (or a spend per period), an
 * optional capacity (most leads per period), a quality and optionally its own
 * deal size. Every per-period figure (leads, spend, capacity, the target) is
 * per ::fpl_terms::per.
 *
 * **Cost.** A channel's cost is linear in its leads, at a cost per lead:
 * - `cost_per_lead` alone: the cost per lead (the leads are decided by the
 *   allocation, or given with `leads`);
 * - `spend` with `leads`: the cost per lead is spend / leads;
 * - `spend` with `cost_per_lead`: the leads are spend / cost per lead.
 * Giving all three, or fewer than the two a cost needs, is
 * ::FPL_ERR_CHANNEL_COST.
 *
 * **What each field means, with and without a target.** No field is ever
 * ignored:
 * | field | no target | a target, the cheapest way | a target, fixed shares |
 * |-------|-----------|----------------------------|------------------------|
 * | `leads` | the leads it brings (needed) | committed: exactly these leads, counted first, whatever they cost | refused (::FPL_ERR_CHANNEL_COMMITTED): the share sets them |
 * | `spend` with `leads` | its cost | the committed leads' cost | refused, as `leads` |
 * | `spend` with `cost_per_lead` | its cost; leads = spend / cost per lead (not above the capacity) | a budget: at most spend / cost per lead leads (the capacity may bind first) | a budget, as a capacity |
 * | `capacity` | leads must not exceed it; bounds the most | most leads | most leads |
 * | `share` | not used | not used | its share of the leads (needed) |
 *
 * A committed channel or a budget used up costs the spend as given; leads
 * a budget leaves unused cost nothing. Committed leads that bring more than
 * the target are kept (the totals show the surplus).
 *
 * **Quality.** The channel's leads convert at the funnel's rates except at
 * the top stage, whose rate is the funnel's own (::FPL_QUALITY_FUNNEL), a
 * rate of the channel's own (::FPL_QUALITY_RATE) or the funnel's times a
 * factor (::FPL_QUALITY_FACTOR); the resulting rate must be in (0, 1].
 *
 * **Figures of a channel** (exact, never rounded):
 * - rate to won = its top rate × the rates of every stage below the top:
 *   deals per lead;
 * - opportunities = the units that enter the **last** stage of the funnel
 *   (whose rate is the win rate), leads × the rates above it: with a single
 *   stage they are the leads themselves;
 * - deals = leads × rate to won; revenue = deals × deal size (its own, else
 *   the terms'); cost = leads × cost per lead (a spend given: the spend);
 * - value per lead = deal size × rate to won: the revenue one lead brings on
 *   average, in the currency of the deal size, per lead (not per period: it
 *   is the same whatever fpl_terms::per is); the gross profit a lead brings
 *   before its cost is value per lead × margin;
 * - cost per opportunity = cost per lead / opportunities per lead; cost per
 *   deal (CAC) = cost per lead / rate to won; both hold for any volume;
 * - gross profit = revenue × margin − cost; ROI = gross profit / cost, which
 *   does not depend on the volume (no ROI when the cost per lead is 0);
 * - break-even cost per lead = deal size × rate to won × margin: the highest
 *   cost per lead at which the channel still pays back; headroom =
 *   break-even − cost per lead; a channel with a negative headroom loses
 *   money at any volume.
 *
 * **Ranking.** Channels are ranked by ROI, highest first, a channel of zero
 * cost first of all (when every channel's revenue is known); then by cost
 * per deal, lowest first; then by name in byte order. Equal keys are exact
 * equality of the doubles.
 *
 * **Three questions**, chosen by the terms and fpl_channels_input::by_shares:
 * - no target: the profitability of the volumes each channel delivers (every
 *   channel needs its leads);
 * - a revenue or deal target: the cheapest allocation of leads that meets
 *   it within the capacities;
 * - a target and `by_shares`: the leads split by fixed shares, scaled to
 *   meet the target.
 *
 * **Why greedy is cheapest.** Every channel turns a lead into y target
 * units (deals, or revenue: rate to won × deal size) at a cost c, so the
 * question is: minimise Σ cᵢxᵢ subject to Σ yᵢxᵢ ≥ T and 0 ≤ xᵢ ≤ capacityᵢ,
 * a linear programme with one constraint (a fractional knapsack). Fill the
 * channels in increasing order of cᵢ / yᵢ, the cost per unit of target (the
 * cost per deal under a deal target). Any other feasible allocation moves
 * some target units from a channel earlier in that order, which has room,
 * to one later; each unit so moved costs cⱼ/yⱼ ≥ cᵢ/yᵢ instead, so it cannot
 * be cheaper (an exchange argument). Channels of equal cost per unit fill in
 * the order given; committed channels are counted first and take no part.
 *
 * **The marginal cost** is the cost of ONE MORE deal than the allocation
 * delivers, given every capacity and budget: the fill goes on in the same
 * order, each channel with room bringing deals at its cost per deal (cost
 * per lead / rate to won) until one whole deal is reached. When the cheapest
 * channel with room has room for less than a deal (r deals, r < 1), the
 * marginal cost is r × its cost per deal + (1 − r) × the next one's, and so
 * on: with search full, webinars 10 leads (half a deal at 1,800) from full
 * and display unlimited at 2,800 a deal, one more deal costs 900 + 1,400 =
 * 2,300. Under a deal target this is exactly C(T + 1) − C(T), C the least
 * cost of a target; under a revenue target it is the next deal along the
 * fill by cost per unit of revenue. With fixed shares every channel grows in
 * its share: the marginal cost is Σ shareᵢ × cost per leadᵢ / Σ shareᵢ ×
 * rate to wonᵢ (the blended cost per deal). There is none
 * (fpl_channels::has_marginal false) when no channel has room for one more
 * deal, or when, by shares, one more deal takes a channel past its limit.
 *
 * @code
 * fpl_funnel f = {0};
 * fpl_funnel_add_stage(&f, "lead", 4, 0.10);
 * fpl_funnel_add_stage(&f, "opportunity", 11, 0.25);
 * fpl_terms t = {0};
 * t.target = FPL_TARGET_DEALS;
 * t.deals = 30;
 * t.has_deal_size = true;
 * t.deal_size = 5000;
 * fpl_channels_input in = {0};
 * const char *spec[] = {"ads: cost-per-lead=20, capacity=400",
 *                       "events: cost-per-lead=60, rate=20%"};
 * for (size_t i = 0; i < 2; ++i) {
 *     fpl_channel_parse(spec[i], strlen(spec[i]), &in.channels[i], NULL);
 * }
 * in.n_channels = 2;
 * fpl_channels r;
 * if (fpl_channels_compute(&f, &t, &in, &r, NULL) == FPL_OK) {
 *     // ads: 400 leads, 10 deals, cost per deal 800;
 *     // events: 400 leads, 20 deals, cost per deal 1,200 (the marginal cost)
 * }
 * @endcode
 * @{
 */

/** Most channels in one question. */
#define FPL_MAX_CHANNELS 32

/** What a channel's quality is. */
typedef enum fpl_channel_quality {
    FPL_QUALITY_FUNNEL = 0, ///< the funnel's own top-stage rate
    FPL_QUALITY_RATE = 1,   ///< quality_value replaces the top-stage rate, in (0, 1]
    FPL_QUALITY_FACTOR = 2  ///< quality_value multiplies the top-stage rate, > 0
} fpl_channel_quality;

/**
 * @brief A lead channel. Zero-initialised: no name, no cost, the funnel's
 * own quality; every optional value has a `has_` flag.
 */
typedef struct fpl_channel {
    char name[FPL_NAME_MAX + 1];  ///< NUL-terminated UTF-8 name, checked like a stage name
    bool has_cost_per_lead;       ///< whether @ref cost_per_lead is given
    double cost_per_lead;         ///< cost of one lead, >= 0
    bool has_spend;               ///< whether @ref spend is given
    double spend;                 ///< spend per period, >= 0 (> 0 with a cost per lead)
    bool has_leads;               ///< whether @ref leads is given
    double leads;                 ///< leads delivered per period, > 0
    bool has_capacity;            ///< whether @ref capacity is given (else unlimited)
    double capacity;              ///< most leads per period, > 0
    fpl_channel_quality quality;  ///< what @ref quality_value means
    double quality_value;         ///< the top-stage rate or the factor on it
    bool has_deal_size;           ///< whether @ref deal_size is given (else the terms')
    double deal_size;             ///< the channel's own average deal size, > 0
    bool has_share;               ///< whether @ref share is given
    double share;                 ///< fraction of the leads, in [0, 1] (fixed shares only)
} fpl_channel;

/**
 * @brief Reads a channel as the CLI writes it:
 * `NAME: FIELD=VALUE, FIELD=VALUE, ...`.
 *
 * NAME runs to the first `:` (blanks around it are dropped), so a channel
 * named in a spec cannot contain `:`. Fields are separated by `,` or `;`;
 * a `,` followed by text without `=` belongs to the value before it, so
 * `capacity=1,000` is one thousand. Blanks around fields and values are
 * dropped. The fields, each at most once:
 * - `cost-per-lead=AMOUNT`, `spend=AMOUNT`, `leads=COUNT` (see the cost rules);
 * - `capacity=COUNT`: most leads per period, > 0;
 * - `rate=RATE`: the top-stage rate of the channel's leads;
 * - `quality=FACTOR`: a factor on the funnel's top rate (`1.2`, `120%`, `6/5`);
 * - `deal-size=AMOUNT`: the channel's own deal size;
 * - `share=RATE`: its share of the leads with fixed shares.
 *
 * Amounts and rates are read by fpl_parse_amount() and fpl_parse_rate().
 * The channel is then checked as by fpl_channel_check().
 *
 * On failure @p err names the part of the spec at fault (fpl_error::offset
 * and fpl_error::length; ::FPL_NO_INDEX, as the spec is one channel) and
 * its field: ::FPL_FIELD_CHANNEL for the name, the syntax, an unknown field
 * or the cost rules; for one `FIELD=VALUE` (a value that cannot be read or
 * is out of range, or a field given twice) the field of that value:
 * ::FPL_FIELD_CHANNEL_COST_PER_LEAD, ::FPL_FIELD_CHANNEL_SPEND,
 * ::FPL_FIELD_CHANNEL_LEADS, ::FPL_FIELD_CHANNEL_CAPACITY,
 * ::FPL_FIELD_CHANNEL_RATE, ::FPL_FIELD_CHANNEL_QUALITY (also for `rate=`
 * and `quality=` together), ::FPL_FIELD_CHANNEL_DEAL_SIZE or
 * ::FPL_FIELD_CHANNEL_SHARE. The part is the name (`won`), the whole
 * `FIELD=VALUE` (`capacity=0`) or, for a fault of the whole channel (no
 * `:`, no cost, leads above the capacity), the whole spec. Print
 * fpl_error_message(), which speaks of a channel name, not a stage name.
 *
 * @code
 * fpl_channel c;
 * const char *s = "ads: cost-per-lead=40, capacity=1,000, rate=2%, deal-size=6k";
 * fpl_channel_parse(s, strlen(s), &c, NULL);  // FPL_OK
 * @endcode
 * @param[in] text the spec; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the channel, written only on success.
 * @param[out] err where a failure is, see ::fpl_error and above (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PARSE_EMPTY;
 *   ::FPL_ERR_CHANNEL_SYNTAX (no `:`, a field without `=` or a value);
 *   ::FPL_ERR_CHANNEL_FIELD (an unknown field); ::FPL_ERR_CHANNEL_FIELD_TWICE;
 *   a name status of fpl_stage_name_check(); a parse status of a value; a
 *   status of fpl_channel_check().
 */
FPL_API fpl_status fpl_channel_parse(const char *text, size_t len, fpl_channel *out,
                                     fpl_error *err);

/**
 * @brief Checks one channel on its own: its name, that every value given is
 * in range, and that its cost is known (the cost rules above).
 *
 * What needs the funnel or the question (the top rate a factor gives, leads
 * without a target, shares) is checked by fpl_channels_compute().
 *
 * On failure @p err names the field (fpl_error::index is ::FPL_NO_INDEX):
 * ::FPL_FIELD_CHANNEL for the name and the cost rules (a cost per lead of 0
 * with a spend is ::FPL_FIELD_CHANNEL_COST_PER_LEAD); the member's own
 * field for a value out of range (a rate of ::FPL_QUALITY_RATE is
 * ::FPL_FIELD_CHANNEL_RATE); ::FPL_FIELD_CHANNEL_LEADS for leads above the
 * capacity.
 * @param[in] channel the channel.
 * @param[out] err where a failure is, see ::fpl_error and above (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; a name status (the name must be
 *   NUL-terminated within ::FPL_NAME_MAX bytes, else ::FPL_ERR_STAGE_NAME_LONG);
 *   ::FPL_ERR_COST (a cost per lead that is not a finite number >= 0);
 *   ::FPL_ERR_CHANNEL_SPEND; ::FPL_ERR_CHANNEL_LEADS; ::FPL_ERR_CHANNEL_COST;
 *   ::FPL_ERR_CHANNEL_CAPACITY; ::FPL_ERR_CHANNEL_OVER_CAPACITY (leads given
 *   above the capacity; the leads a spend buys at a cost per lead are a
 *   budget, checked against the capacity by fpl_channels_compute() only
 *   without a target); ::FPL_ERR_CHANNEL_QUALITY (an unknown kind, a rate not in
 *   (0, 1] or a factor not a positive finite number); ::FPL_ERR_DEAL_SIZE;
 *   ::FPL_ERR_CHANNEL_SHARE (a share not in [0, 1]); ::FPL_ERR_OVERFLOW
 *   (the leads a spend buys, or the cost per lead of a spend, out of the
 *   range of a double).
 */
FPL_API fpl_status fpl_channel_check(const fpl_channel *channel, fpl_error *err);

/**
 * @brief Sets a channel's name, checked as a stage name is.
 *
 * The way to name a channel built field by field: the name is checked by
 * fpl_stage_name_check() (so an embedded NUL is a control character, not a
 * silent end) and copied NUL-terminated into fpl_channel::name. A failure
 * is about ::FPL_FIELD_CHANNEL, the bytes at fault the whole name.
 *
 * @code
 * fpl_channel c = {0};
 * fpl_channel_set_name(&c, "search", 6, NULL);  // FPL_OK
 * @endcode
 * @param[in,out] channel the channel; only its name changes, and only on success.
 * @param[in] name the name; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; a name status of fpl_stage_name_check().
 */
FPL_API fpl_status fpl_channel_set_name(fpl_channel *channel, const char *name, size_t len,
                                        fpl_error *err);

/** A channels question. Zero-initialisable: no channels, no fixed shares. */
typedef struct fpl_channels_input {
    size_t n_channels;                        ///< channels in use, 1 to ::FPL_MAX_CHANNELS
    fpl_channel channels[FPL_MAX_CHANNELS];   ///< the channels, names unique
    bool by_shares;                           ///< with a target: split by fixed shares, not the cheapest way
} fpl_channels_input;

/** One channel's figures in an ::fpl_channels result. */
typedef struct fpl_channel_figures {
    double top_rate;              ///< the top-stage rate of the channel's leads
    double rate_to_won;           ///< deals per lead
    double opportunity_rate;      ///< opportunities (units entering the last stage) per lead
    double cost_per_lead;         ///< cost of one lead
    bool has_capacity;            ///< the channel has a capacity
    double capacity;              ///< its capacity, leads per period
    bool at_capacity;             ///< the leads equal the capacity
    double leads;                 ///< leads per period (given, or allocated)
    double share;                 ///< leads / all channels' leads
    double opportunities;         ///< units entering the last stage per period
    double deals;                 ///< deals per period
    double cost;                  ///< leads × cost per lead, per period
    double cost_per_opportunity;  ///< cost per lead / opportunities per lead
    double cost_per_deal;         ///< cost per lead / rate to won (CAC)
    bool has_revenue;             ///< a deal size is known (the channel's or the terms')
    double deal_size;             ///< the deal size used
    double value_per_lead;        ///< deal size × rate to won: the average revenue of one lead, in the deal size's currency (per lead, not per period)
    double revenue;               ///< deals × deal size, per period
    double gross_profit;          ///< revenue × margin − cost, per period
    bool has_roi;                 ///< has_revenue and a cost per lead above 0
    double roi;                   ///< gross profit / cost (the same at any volume)
    double break_even_cost_per_lead; ///< value per lead × margin (with revenue)
    double headroom;              ///< break-even − cost per lead (with revenue)
    bool loses_money;             ///< headroom < 0 (with revenue)
    size_t rank;                  ///< position in the ranking, 0 = best
    bool committed;               ///< with a target: its leads are fixed by `leads=` (not allocated)
    bool has_budget;              ///< with a target: a spend with a cost per lead caps its leads
    double budget_leads;          ///< the leads its spend buys: spend / cost per lead (with has_budget)
    bool at_budget;               ///< has_budget and the leads equal budget_leads (the spend is used up)
} fpl_channel_figures;

/** The result of fpl_channels_compute(). */
typedef struct fpl_channels {
    fpl_period per;           ///< the period of every per-period figure
    fpl_target_kind target;   ///< ::FPL_TARGET_NONE: volumes given; else what was met
    bool by_shares;           ///< the target was met by fixed shares
    double margin;            ///< gross margin used (1 when not given)
    double target_deals;      ///< the deal target; under a revenue target, the deals allocated
    bool has_target_revenue;  ///< the target's revenue is known (with a target)
    double target_revenue;    ///< the revenue target; under a deal target, the revenue allocated
    size_t n_channels;        ///< channels, as in the input
    fpl_channel_figures channels[FPL_MAX_CHANNELS]; ///< in the order given
    size_t ranking[FPL_MAX_CHANNELS]; ///< channel indices, best first
    double leads;             ///< all channels' leads per period
    double opportunities;     ///< all channels' opportunities
    double deals;             ///< all channels' deals
    double cost;              ///< all channels' cost
    double cost_per_lead;     ///< cost / leads
    double cost_per_opportunity; ///< cost / opportunities
    double cost_per_deal;     ///< cost / deals (blended CAC)
    bool has_revenue;         ///< every channel's revenue is known
    double revenue;           ///< all channels' revenue
    double gross_profit;      ///< revenue × margin − cost
    bool has_roi;             ///< has_revenue and a cost above 0
    double roi;               ///< gross profit / cost
    size_t n_losing;          ///< channels that lose money
    bool has_marginal;        ///< a target was met and one more deal can be had (the marginal cost is known)
    size_t marginal_channel;  ///< the first channel one more deal comes from; n_channels by shares (all do)
    double marginal_cost_per_deal; ///< the cost of one more deal than the allocation delivers (see above)
    bool has_most;            ///< the channels' supply is bounded (also on ::FPL_ERR_CHANNEL_SHORT)
    double most_leads;        ///< the most leads they can bring (at full capacity, or at the shares)
    double most_deals;        ///< the most deals they can bring
    bool has_most_revenue;    ///< every channel's revenue is known
    double most_revenue;      ///< the most revenue they can bring
    size_t marginal_last_channel; ///< the last channel one more deal draws on (= marginal_channel when one channel has room for all of it; n_channels by shares)
} fpl_channels;

/**
 * @brief Profitability, break-even, ranking and, with a target, the
 * allocation of leads across channels.
 *
 * Without a target every channel needs its leads (given or from its
 * spend). With a revenue or deal target the leads are allocated, the
 * cheapest way or by fixed shares (every channel then needs a share, the
 * shares adding up to 100% within 1e-9; a channel's leads are its share of
 * the total). A revenue target needs a deal size for every channel, its own
 * or the terms'. Under a target a channel's `leads` commits it to those
 * leads (refused by shares) and a `spend` with a cost per lead caps its
 * leads (see the table above). The terms' cost per lead is not used: each
 * channel has its own.
 *
 * When the channels cannot bring enough (every channel that could help is
 * full), the answer is ::FPL_ERR_CHANNEL_SHORT, and @p out says the most
 * they can deliver: under the cheapest allocation every channel at its
 * limit (its committed leads, else the lower of its capacity and its
 * budget); by shares the split at which the first channel is at its limit.
 *
 * On failure @p err names the field and, for a channel, its index in
 * @p input (fpl_error::index): a fault of one channel (as by
 * fpl_channel_check(), its name used twice, a factor giving a top rate above
 * 100%, its leads missing without a target, its share missing, its rate to
 * won or leads out of the range of a double) is about that channel's field
 * (::FPL_FIELD_CHANNEL, ::FPL_FIELD_CHANNEL_QUALITY, ...). Shares that do
 * not add up to 100% are about ::FPL_FIELD_ALLOCATE; a revenue target
 * with a channel that has no deal size, its own or the terms', is about
 * ::FPL_FIELD_REVENUE; a fault of the funnel or the terms is described as
 * by fpl_funnel_check() and fpl_terms_check().
 *
 * @code
 * fpl_channels r;
 * fpl_error err;
 * fpl_status st = fpl_channels_compute(&f, &t, &in, &r, &err);
 * if (st == FPL_ERR_CHANNEL_SHORT) {
 *     // r.has_most: at most r.most_deals deals from r.most_leads leads
 * } else if (st != FPL_OK && err.index != FPL_NO_INDEX) {
 *     // in.channels[err.index]: fpl_field_name(err.field), fpl_error_message(&err)
 * }
 * @endcode
 * @param[in] funnel the funnel (checked as by fpl_funnel_check()).
 * @param[in] terms period, optional target, default deal size, margin.
 * @param[in] input the channels.
 * @param[out] out the result, written only on success, with one exception:
 *   on ::FPL_ERR_CHANNEL_SHORT it holds the most the channels can deliver
 *   (fpl_channels::has_most true, fpl_channels::most_leads,
 *   fpl_channels::most_deals, fpl_channels::has_most_revenue and
 *   fpl_channels::most_revenue, with fpl_channels::per, fpl_channels::target
 *   and fpl_channels::by_shares as asked), every other member zero.
 * @param[out] err where a failure is, see ::fpl_error and above (may be NULL).
 * @return ::FPL_OK; a funnel or terms status; ::FPL_ERR_CHANNEL_COUNT; a
 *   status of fpl_channel_check(); ::FPL_ERR_CHANNEL_DUPLICATE;
 *   ::FPL_ERR_CHANNEL_QUALITY (a factor giving a rate above 100%);
 *   ::FPL_ERR_CHANNEL_LEADS (leads unknown without a target);
 *   ::FPL_ERR_CHANNEL_OVER_CAPACITY (without a target, the leads a spend
 *   buys above the capacity, about ::FPL_FIELD_CHANNEL_SPEND);
 *   ::FPL_ERR_CHANNEL_COMMITTED (a channel's leads given with fixed shares,
 *   about ::FPL_FIELD_CHANNEL_LEADS of that channel);
 *   ::FPL_ERR_DEAL_SIZE_MISSING (a revenue target and a channel without a
 *   deal size); ::FPL_ERR_CHANNEL_SHARE (a share missing, or shares not
 *   adding up to 100%); ::FPL_ERR_CHANNEL_SHORT (no answer: not enough
 *   supply); ::FPL_ERR_OVERFLOW when a figure is out of the range of a double.
 */
FPL_API fpl_status fpl_channels_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                        const fpl_channels_input *input, fpl_channels *out,
                                        fpl_error *err);

/**
 * @brief The name of a channel's quality kind, as the JSON and every face
 * print it: `"funnel"`, `"rate"` or `"factor"`.
 * @param[in] quality the kind.
 * @return a static string; NULL for a value that is not a kind.
 */
FPL_API const char *fpl_channel_quality_name(fpl_channel_quality quality);

/**
 * @brief The question a result answered, as the JSON and every face print
 * it: `"volumes"` (no target), `"cheapest"` (the cheapest allocation for a
 * target) or `"shares"` (a target met by fixed shares).
 * @param[in] channels the result.
 * @return a static string; NULL when @p channels is NULL or its
 *   fpl_channels::target is not a kind.
 */
FPL_API const char *fpl_channels_mode_name(const fpl_channels *channels);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_CHANNELS_H */

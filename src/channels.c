/*
 * funnelplan — lead channels: profitability, break-even and allocation.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/channels.h"
#include "funnelplan/parse.h"

#include "internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* ---- one channel ------------------------------------------------------- */

/* The ranges of the values a channel gives, in field order; *field gets
 * the field of a value out of range. */
static fpl_status check_values(const fpl_channel *c, fpl_field *field)
{
    if (c->has_cost_per_lead && !(isfinite(c->cost_per_lead) && c->cost_per_lead >= 0.0)) {
        *field = FPL_FIELD_CHANNEL_COST_PER_LEAD;
        return FPL_ERR_COST;
    }
    if (c->has_spend && !(isfinite(c->spend) && c->spend >= 0.0)) {
        *field = FPL_FIELD_CHANNEL_SPEND;
        return FPL_ERR_CHANNEL_SPEND;
    }
    if (c->has_leads && !(isfinite(c->leads) && c->leads > 0.0)) {
        *field = FPL_FIELD_CHANNEL_LEADS;
        return FPL_ERR_CHANNEL_LEADS;
    }
    if (c->has_capacity && !(isfinite(c->capacity) && c->capacity > 0.0)) {
        *field = FPL_FIELD_CHANNEL_CAPACITY;
        return FPL_ERR_CHANNEL_CAPACITY;
    }
    switch (c->quality) {
    case FPL_QUALITY_FUNNEL:
        break;
    case FPL_QUALITY_RATE:
        if (!(c->quality_value > 0.0 && c->quality_value <= 1.0)) {
            *field = FPL_FIELD_CHANNEL_RATE;
            return FPL_ERR_CHANNEL_QUALITY;
        }
        break;
    case FPL_QUALITY_FACTOR:
        if (!(isfinite(c->quality_value) && c->quality_value > 0.0)) {
            *field = FPL_FIELD_CHANNEL_QUALITY;
            return FPL_ERR_CHANNEL_QUALITY;
        }
        break;
    default:
        *field = FPL_FIELD_CHANNEL_QUALITY;
        return FPL_ERR_CHANNEL_QUALITY;
    }
    if (c->has_deal_size && !(isfinite(c->deal_size) && c->deal_size > 0.0)) {
        *field = FPL_FIELD_CHANNEL_DEAL_SIZE;
        return FPL_ERR_DEAL_SIZE;
    }
    if (c->has_share && !(c->share >= 0.0 && c->share <= 1.0)) {
        *field = FPL_FIELD_CHANNEL_SHARE;
        return FPL_ERR_CHANNEL_SHARE;
    }
    return FPL_OK;
}

/* The cost per lead, and the leads when they are known, by the cost rules
 * (for a channel whose values are in range); *field gets the field of a
 * failure. */
static fpl_status cost_rule(const fpl_channel *c, double *cpl, bool *has_leads, double *leads,
                            fpl_field *field)
{
    const bool cost = c->has_cost_per_lead, spend = c->has_spend, given = c->has_leads;
    *field = FPL_FIELD_CHANNEL;
    if (cost && spend && given) {
        return FPL_ERR_CHANNEL_COST;
    }
    if (cost && spend) {
        if (!(c->cost_per_lead > 0.0)) {
            *field = FPL_FIELD_CHANNEL_COST_PER_LEAD;
            return FPL_ERR_CHANNEL_COST; /* a spend buys no number of free leads */
        }
        if (!(c->spend > 0.0)) {
            *field = FPL_FIELD_CHANNEL_SPEND;
            return FPL_ERR_CHANNEL_SPEND;
        }
        *cpl = c->cost_per_lead + 0.0;
        *has_leads = true;
        *leads = c->spend / c->cost_per_lead;
        return isfinite(*leads) && *leads > 0.0 ? FPL_OK : FPL_ERR_OVERFLOW;
    }
    if (spend && given) {
        *cpl = c->spend / c->leads + 0.0;
        *has_leads = true;
        *leads = c->leads;
        return isfinite(*cpl) ? FPL_OK : FPL_ERR_OVERFLOW;
    }
    if (cost) {
        *cpl = c->cost_per_lead + 0.0; /* no negative zero */
        *has_leads = given;
        *leads = given ? c->leads : 0.0;
        return FPL_OK;
    }
    return FPL_ERR_CHANNEL_COST;
}

fpl_status fpl_channel_check(const fpl_channel *channel, fpl_error *err)
{
    fpl__begin(err);
    if (channel == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const char *end = memchr(channel->name, '\0', sizeof channel->name);
    if (end == NULL) {
        return fpl__fail(err, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    }
    fpl_status st = fpl_stage_name_check(channel->name, (size_t)(end - channel->name), NULL);
    if (st != FPL_OK) {
        return fpl__fail(err, st, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    }
    fpl_field field = FPL_FIELD_CHANNEL;
    st = check_values(channel, &field);
    double cpl, leads;
    bool has_leads;
    if (st == FPL_OK) {
        st = cost_rule(channel, &cpl, &has_leads, &leads, &field);
    }
    /* Leads given above the capacity contradict it; the leads a spend buys
     * at a cost per lead are a budget under a target, which the capacity
     * may bound (fpl_channels_compute() refuses them without a target). */
    if (st == FPL_OK && has_leads && channel->has_leads && channel->has_capacity &&
        leads > channel->capacity) {
        field = FPL_FIELD_CHANNEL_LEADS;
        st = FPL_ERR_CHANNEL_OVER_CAPACITY;
    }
    return st == FPL_OK ? FPL_OK : fpl__fail(err, st, field, FPL_NO_INDEX);
}

fpl_status fpl_channel_set_name(fpl_channel *channel, const char *name, size_t len,
                                fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(name, len);
    if (channel == NULL || name == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_stage_name_check(name, len, NULL);
    if (st != FPL_OK) {
        return fpl__fail_at(err, st, FPL_FIELD_CHANNEL, FPL_NO_INDEX, 0, len);
    }
    memcpy(channel->name, name, len); /* len <= FPL_NAME_MAX: checked */
    channel->name[len] = '\0';
    return FPL_OK;
}

/* ---- parsing a spec ------------------------------------------------------ */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Narrows [*b, *e) to drop blanks at both ends. */
static void trim(const char *text, size_t *b, size_t *e)
{
    while (*b < *e && is_blank(text[*b])) {
        ++*b;
    }
    while (*e > *b && is_blank(text[*e - 1])) {
        --*e;
    }
}

/* The fields of a spec, in the order of fpl_channel. */
typedef enum field_id {
    F_COST_PER_LEAD,
    F_SPEND,
    F_LEADS,
    F_CAPACITY,
    F_RATE,
    F_QUALITY,
    F_DEAL_SIZE,
    F_SHARE,
    F_COUNT
} field_id;

static const char *const field_names[F_COUNT] = {
    "cost-per-lead", "spend", "leads", "capacity", "rate", "quality", "deal-size", "share",
};

/* What each field is, for an error. */
static const fpl_field field_ids[F_COUNT] = {
    FPL_FIELD_CHANNEL_COST_PER_LEAD, FPL_FIELD_CHANNEL_SPEND,   FPL_FIELD_CHANNEL_LEADS,
    FPL_FIELD_CHANNEL_CAPACITY,      FPL_FIELD_CHANNEL_RATE,    FPL_FIELD_CHANNEL_QUALITY,
    FPL_FIELD_CHANNEL_DEAL_SIZE,     FPL_FIELD_CHANNEL_SHARE,
};

/* Reads one FIELD=VALUE of [b, e) into c; on failure *field gets the field
 * at fault and the caller reports [b, e). */
static fpl_status take_field(const char *text, size_t b, size_t e, unsigned *seen, fpl_channel *c,
                             fpl_field *field)
{
    *field = FPL_FIELD_CHANNEL;
    const char *eq = memchr(text + b, '=', e - b);
    if (eq == NULL) {
        return FPL_ERR_CHANNEL_SYNTAX;
    }
    size_t kb = b, ke = (size_t)(eq - text), vb = ke + 1, ve = e;
    trim(text, &kb, &ke);
    trim(text, &vb, &ve);
    if (kb == ke) {
        return FPL_ERR_CHANNEL_SYNTAX;
    }
    field_id id = F_COUNT;
    for (int k = 0; k < F_COUNT; ++k) {
        size_t n = strlen(field_names[k]);
        if (n == ke - kb && memcmp(text + kb, field_names[k], n) == 0) {
            id = (field_id)k;
        }
    }
    if (id == F_COUNT) {
        return FPL_ERR_CHANNEL_FIELD;
    }
    *field = field_ids[id];
    if (*seen & (1u << id)) {
        return FPL_ERR_CHANNEL_FIELD_TWICE;
    }
    *seen |= 1u << id;
    const char *v = text + vb;
    const size_t vlen = ve - vb;
    double x = 0.0;
    fpl_status st;
    switch (id) {
    case F_RATE:
    case F_QUALITY:
    case F_SHARE:
        st = fpl_parse_rate(v, vlen, &x, NULL);
        break;
    case F_LEADS:
    case F_CAPACITY: /* counts of leads: exact up to 2^53 */
        st = fpl_parse_count(v, vlen, &x, NULL);
        break;
    default:
        st = fpl_parse_amount(v, vlen, &x, NULL);
        break;
    }
    if (st != FPL_OK) {
        return st;
    }
    switch (id) {
    case F_COST_PER_LEAD: c->has_cost_per_lead = true; c->cost_per_lead = x; break;
    case F_SPEND: c->has_spend = true; c->spend = x; break;
    case F_LEADS: c->has_leads = true; c->leads = x; break;
    case F_CAPACITY: c->has_capacity = true; c->capacity = x; break;
    case F_RATE:
    case F_QUALITY:
        if (c->quality != FPL_QUALITY_FUNNEL) {
            *field = FPL_FIELD_CHANNEL_QUALITY; /* rate and quality together */
            return FPL_ERR_CHANNEL_QUALITY;
        }
        c->quality = id == F_RATE ? FPL_QUALITY_RATE : FPL_QUALITY_FACTOR;
        c->quality_value = x;
        break;
    case F_DEAL_SIZE: c->has_deal_size = true; c->deal_size = x; break;
    case F_SHARE: c->has_share = true; c->share = x; break;
    case F_COUNT: break;
    }
    return check_values(c, field); /* earlier fields passed: a fault is this one's */
}

/* A failure of the spec about field, at bytes [b, e) of the text. */
static fpl_status parse_fail(fpl_error *err, fpl_status st, fpl_field field, size_t b, size_t e)
{
    return fpl__fail_at(err, st, field, FPL_NO_INDEX, b, e - b);
}

fpl_status fpl_channel_parse(const char *text, size_t len, fpl_channel *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    size_t b = 0, e = len;
    trim(text, &b, &e);
    if (b == e) {
        return parse_fail(err, FPL_ERR_PARSE_EMPTY, FPL_FIELD_CHANNEL, 0, len);
    }
    const char *colon = memchr(text, ':', len);
    if (colon == NULL) {
        return parse_fail(err, FPL_ERR_CHANNEL_SYNTAX, FPL_FIELD_CHANNEL, 0, len);
    }
    fpl_channel c;
    memset(&c, 0, sizeof c);
    size_t nb = 0, ne = (size_t)(colon - text);
    trim(text, &nb, &ne);
    fpl_status st = fpl_channel_set_name(&c, text + nb, ne - nb, NULL);
    if (st != FPL_OK) {
        return parse_fail(err, st, FPL_FIELD_CHANNEL, nb, ne);
    }

    /* Fields: split at ',' and ';'; a piece after ',' without '=' belongs to
     * the value before it (digit grouping: capacity=1,000). */
    unsigned seen = 0;
    fpl_field field = FPL_FIELD_CHANNEL;
    size_t start = (size_t)(colon - text) + 1; /* the current field */
    bool have = false;                         /* a field is pending */
    size_t fb = 0, fe = 0;                     /* its extent */
    size_t i = start;
    for (;;) {
        size_t j = i;
        while (j < len && text[j] != ',' && text[j] != ';') {
            ++j;
        }
        size_t pb = i, pe = j;
        trim(text, &pb, &pe);
        bool has_eq = memchr(text + pb, '=', pe - pb) != NULL;
        bool after_comma = i > start && text[i - 1] == ',';
        if (have && !has_eq && after_comma && pb < pe) {
            fe = pe; /* a digit group of the pending value */
        } else {
            if (have) {
                st = take_field(text, fb, fe, &seen, &c, &field);
                if (st != FPL_OK) {
                    return parse_fail(err, st, field, fb, fe);
                }
            }
            if (pb == pe && !(j == len && i == start)) {
                /* an empty field (",," or a separator at the end) */
                return parse_fail(err, FPL_ERR_CHANNEL_SYNTAX, FPL_FIELD_CHANNEL,
                                  i > start ? i - 1 : i, j);
            }
            have = pb < pe;
            fb = pb;
            fe = pe;
        }
        if (j == len) {
            break;
        }
        i = j + 1;
    }
    if (have) {
        st = take_field(text, fb, fe, &seen, &c, &field);
        if (st != FPL_OK) {
            return parse_fail(err, st, field, fb, fe);
        }
    }
    st = fpl_channel_check(&c, err); /* the cost rules: about the whole spec */
    if (st != FPL_OK) {
        return err == NULL ? st : parse_fail(err, st, err->field, 0, len);
    }
    *out = c;
    return FPL_OK;
}

/* ---- the question ------------------------------------------------------ */

/* What every channel needs before the question: its cost per lead, leads
 * (when known), rates and deal size. */
typedef struct unit {
    double cpl;
    bool has_leads;
    double leads;
    double yield; /* target units per lead: deals, or revenue */
} unit;

/* Ranking: ROI (a free channel first) when every revenue is known, then cost
 * per deal, then name. True when channel a ranks before channel b. */
static bool ranks_before(const fpl_channels *r, const fpl_channel_figures *a,
                         const fpl_channel_figures *b, const char *an, const char *bn)
{
    if (r->has_revenue) {
        bool afree = !(a->cost_per_lead > 0.0), bfree = !(b->cost_per_lead > 0.0);
        if (afree != bfree) {
            return afree;
        }
        if (!afree) {
            if (a->roi > b->roi) {
                return true;
            }
            if (a->roi < b->roi) {
                return false;
            }
        }
    }
    if (a->cost_per_deal < b->cost_per_deal) {
        return true;
    }
    if (a->cost_per_deal > b->cost_per_deal) {
        return false;
    }
    return strcmp(an, bn) < 0;
}

/* The most every channel at full capacity brings (all have a capacity). */
static void most_at_capacity(fpl_channels *r, const fpl_channel *ch, size_t n)
{
    r->has_most = true;
    for (size_t i = 0; i < n; ++i) {
        r->most_leads += ch[i].capacity;
        r->most_deals += ch[i].capacity * r->channels[i].rate_to_won;
        r->most_revenue += ch[i].capacity * r->channels[i].value_per_lead;
    }
}

fpl_status fpl_channels_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                const fpl_channels_input *input, fpl_channels *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl_funnel_check(funnel, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const size_t n = input->n_channels;
    if (n == 0 || n > FPL_MAX_CHANNELS) {
        return fpl__done(err, FPL_ERR_CHANNEL_COUNT);
    }
    const fpl_channel *ch = input->channels;
    for (size_t i = 0; i < n; ++i) {
        st = fpl_channel_check(&ch[i], err);
        if (st != FPL_OK) {
            if (err != NULL) {
                err->index = i; /* the check named the field */
            }
            return st;
        }
        for (size_t j = 0; j < i; ++j) {
            if (strcmp(ch[i].name, ch[j].name) == 0) {
                return fpl__fail(err, FPL_ERR_CHANNEL_DUPLICATE, FPL_FIELD_CHANNEL, i);
            }
        }
    }
    /* A revenue target needs a deal size for every channel: its own or the
     * terms'. The terms are checked with one that stands for them all. */
    fpl_terms tc = *terms;
    if (tc.target == FPL_TARGET_REVENUE && !tc.has_deal_size) {
        for (size_t i = 0; i < n; ++i) {
            if (!ch[i].has_deal_size) {
                /* the revenue target is what needs it */
                return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_REVENUE, FPL_NO_INDEX);
            }
        }
        tc.has_deal_size = true;
        tc.deal_size = ch[0].deal_size;
    }
    st = fpl_terms_check(&tc, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }

    bool finite = true;
    fpl_channels r;
    memset(&r, 0, sizeof r);
    r.per = terms->per;
    r.target = terms->target;
    r.by_shares = terms->target != FPL_TARGET_NONE && input->by_shares;
    r.margin = terms->has_margin ? terms->margin : 1.0;
    r.n_channels = n;
    r.has_revenue = true;
    const size_t ns = funnel->n_stages;
    const bool revenue_target = terms->target == FPL_TARGET_REVENUE;
    unit u[FPL_MAX_CHANNELS];

    for (size_t i = 0; i < n; ++i) {
        const fpl_channel *c = &ch[i];
        fpl_channel_figures *f = &r.channels[i];
        double top = funnel->stages[0].rate;
        if (c->quality == FPL_QUALITY_RATE) {
            top = c->quality_value;
        } else if (c->quality == FPL_QUALITY_FACTOR) {
            top *= c->quality_value;
        }
        if (!(top > 0.0 && top <= 1.0)) {
            return fpl__fail(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, i);
        }
        f->top_rate = top;
        /* Units entering the last stage per lead, then deals per lead. */
        double opp = 1.0;
        for (size_t k = 0; k + 1 < ns; ++k) {
            opp *= k == 0 ? top : funnel->stages[k].rate;
        }
        f->opportunity_rate = opp;
        f->rate_to_won = opp * (ns == 1 ? top : funnel->stages[ns - 1].rate);
        if (!(f->rate_to_won > 0.0)) {
            /* the product underflowed */
            return fpl__fail(err, FPL_ERR_OVERFLOW, FPL_FIELD_CHANNEL, i);
        }
        fpl_field field;
        st = cost_rule(c, &u[i].cpl, &u[i].has_leads, &u[i].leads, &field);
        if (st != FPL_OK) {
            return fpl__fail(err, st, field, i);
        }
        f->cost_per_lead = u[i].cpl;
        f->has_capacity = c->has_capacity;
        f->capacity = c->has_capacity ? c->capacity : 0.0;
        f->cost_per_opportunity = fpl__track(u[i].cpl / opp, &finite);
        f->cost_per_deal = fpl__track(u[i].cpl / f->rate_to_won, &finite);
        f->has_revenue = c->has_deal_size || terms->has_deal_size;
        r.has_revenue = r.has_revenue && f->has_revenue;
        if (f->has_revenue) {
            f->deal_size = c->has_deal_size ? c->deal_size : terms->deal_size;
            f->value_per_lead = fpl__track(f->deal_size * f->rate_to_won, &finite);
            f->break_even_cost_per_lead = fpl__track(f->value_per_lead * r.margin, &finite);
            f->headroom = fpl__track(f->break_even_cost_per_lead - u[i].cpl, &finite);
            f->loses_money = f->headroom < 0.0;
            r.n_losing += f->loses_money ? 1u : 0u;
            f->has_roi = u[i].cpl > 0.0;
            if (f->has_roi) {
                f->roi = fpl__track(f->headroom / u[i].cpl, &finite);
            }
        }
        u[i].yield = revenue_target ? f->value_per_lead : f->rate_to_won;
    }

    /* The leads of every channel. */
    double leads[FPL_MAX_CHANNELS];
    bool full_capacity = true; /* every channel has a capacity */
    for (size_t i = 0; i < n; ++i) {
        full_capacity = full_capacity && ch[i].has_capacity;
    }
    /* With a target: a channel given its leads (leads=, alone or with a
     * spend) is committed to them; a spend with a cost per lead is a budget
     * that caps the leads at spend / cost per lead. limit[i] is the most
     * leads channel i can bring (HUGE_VAL: no limit). */
    double limit[FPL_MAX_CHANNELS];
    bool committed[FPL_MAX_CHANNELS];
    for (size_t i = 0; i < n; ++i) {
        const fpl_channel *c = &ch[i];
        fpl_channel_figures *f = &r.channels[i];
        committed[i] = terms->target != FPL_TARGET_NONE && c->has_leads;
        f->committed = committed[i];
        f->has_budget = terms->target != FPL_TARGET_NONE && c->has_spend && c->has_cost_per_lead;
        f->budget_leads = f->has_budget ? u[i].leads : 0.0;
        limit[i] = c->has_capacity ? c->capacity : HUGE_VAL;
        /* committed leads are the channel's volume; a budget caps it below its capacity */
        if (committed[i] || (f->has_budget && u[i].leads < limit[i])) {
            limit[i] = u[i].leads;
        }
        if (committed[i] && r.by_shares) {
            /* fixed shares set every channel's leads */
            return fpl__fail(err, FPL_ERR_CHANNEL_COMMITTED, FPL_FIELD_CHANNEL_LEADS, i);
        }
    }
    if (terms->target == FPL_TARGET_NONE) {
        for (size_t i = 0; i < n; ++i) {
            if (!u[i].has_leads) {
                return fpl__fail(err, FPL_ERR_CHANNEL_LEADS, FPL_FIELD_CHANNEL_LEADS, i);
            }
            if (ch[i].has_capacity && u[i].leads > ch[i].capacity) {
                /* the leads its spend buys, above its capacity */
                return fpl__fail(err, FPL_ERR_CHANNEL_OVER_CAPACITY, FPL_FIELD_CHANNEL_SPEND, i);
            }
            leads[i] = u[i].leads;
        }
        if (full_capacity) {
            most_at_capacity(&r, ch, n);
        }
    } else {
        const double target = revenue_target ? terms->revenue : terms->deals;
        const double tol = 64.0 * DBL_EPSILON * target;
        bool limited = true; /* every channel has a limit */
        for (size_t i = 0; i < n; ++i) {
            limited = limited && isfinite(limit[i]);
        }
        if (r.by_shares) {
            double sum = 0.0, per_lead = 0.0, deals_per_lead = 0.0, cost_per_lead = 0.0;
            for (size_t i = 0; i < n; ++i) {
                if (!ch[i].has_share) {
                    return fpl__fail(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_CHANNEL_SHARE, i);
                }
                sum += ch[i].share;
                per_lead += ch[i].share * u[i].yield;
                deals_per_lead += ch[i].share * r.channels[i].rate_to_won;
                cost_per_lead += ch[i].share * u[i].cpl;
            }
            if (!(fabs(sum - 1.0) <= 1e-9)) {
                /* the split as a whole */
                return fpl__fail(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_ALLOCATE, FPL_NO_INDEX);
            }
            const double total = target / per_lead;
            if (!(isfinite(total))) {
                return fpl__done(err, FPL_ERR_OVERFLOW);
            }
            /* The most leads the shares allow: the first channel full (at
             * its capacity or its budget). */
            double most = HUGE_VAL;
            for (size_t i = 0; i < n; ++i) {
                if (isfinite(limit[i]) && ch[i].share > 0.0) {
                    double m = limit[i] / ch[i].share;
                    most = m < most ? m : most;
                }
            }
            if (isfinite(most)) {
                r.has_most = true;
                r.most_leads = most;
                for (size_t i = 0; i < n; ++i) {
                    r.most_deals += ch[i].share * most * r.channels[i].rate_to_won;
                    r.most_revenue += ch[i].share * most * r.channels[i].value_per_lead;
                }
            }
            const double slack = 1.0 + 64.0 * DBL_EPSILON;
            if (r.has_most && total > most * slack) {
                goto short_of_target;
            }
            for (size_t i = 0; i < n; ++i) {
                leads[i] = ch[i].share * total;
                if (leads[i] > limit[i] * (1.0 - 64.0 * DBL_EPSILON)) {
                    leads[i] = limit[i]; /* at the limit, up to rounding either way */
                }
            }
            /* One more deal: every channel grows in its share, by
             * 1 / deals per lead leads in all, at the blended cost per deal;
             * none when that takes a channel past its limit. */
            const double more = total + 1.0 / deals_per_lead;
            if (!(r.has_most && more > most * slack)) {
                r.has_marginal = true;
                r.marginal_channel = n; /* every channel: they scale together */
                r.marginal_last_channel = n;
                r.marginal_cost_per_deal = fpl__track(cost_per_lead / deals_per_lead, &finite);
            }
        } else {
            /* Greedy by cost per unit of target; equal keys keep input order. */
            size_t order[FPL_MAX_CHANNELS];
            double key[FPL_MAX_CHANNELS];
            for (size_t i = 0; i < n; ++i) {
                key[i] = u[i].cpl / u[i].yield;
                size_t k = i;
                while (k > 0 && key[order[k - 1]] > key[i]) {
                    order[k] = order[k - 1];
                    --k;
                }
                order[k] = i;
            }
            if (limited) {
                r.has_most = true;
                for (size_t i = 0; i < n; ++i) {
                    r.most_leads += limit[i];
                    r.most_deals += limit[i] * r.channels[i].rate_to_won;
                    r.most_revenue += limit[i] * r.channels[i].value_per_lead;
                }
            }
            /* Committed leads count first, whatever they cost. */
            double remaining = target;
            for (size_t i = 0; i < n; ++i) {
                leads[i] = committed[i] ? limit[i] : 0.0;
                remaining -= leads[i] * u[i].yield;
            }
            for (size_t k = 0; k < n; ++k) {
                const size_t i = order[k];
                if (committed[i] || remaining <= tol) {
                    continue;
                }
                const double supply = limit[i] * u[i].yield;
                if (supply <= remaining + tol) {
                    leads[i] = limit[i];
                    remaining -= supply;
                } else {
                    leads[i] = remaining / u[i].yield;
                    remaining = 0.0;
                }
            }
            if (remaining > tol) {
                goto short_of_target;
            }
            /* One more deal than the allocation delivers: the fill goes on
             * in the same order, each channel with room bringing deals at
             * its cost per deal until one whole deal is reached. A channel
             * with room for less than a deal brings what it can and the next
             * one the rest. None when every channel is full. */
            double need = 1.0, cost = 0.0;
            for (size_t k = 0; k < n && need > 64.0 * DBL_EPSILON; ++k) {
                const size_t i = order[k];
                const fpl_channel_figures *f = &r.channels[i];
                if (committed[i]) {
                    continue;
                }
                const double room = isfinite(limit[i]) ? (limit[i] - leads[i]) * f->rate_to_won
                                                        : HUGE_VAL;
                if (isfinite(room) && !(room > 64.0 * DBL_EPSILON * limit[i] * f->rate_to_won)) {
                    continue; /* full, up to rounding */
                }
                const double take = room < need ? room : need;
                cost += take * f->cost_per_deal;
                need -= take;
                if (!r.has_marginal) {
                    r.has_marginal = true;
                    r.marginal_channel = i;
                }
                r.marginal_last_channel = i;
            }
            if (need > 64.0 * DBL_EPSILON) {
                r.has_marginal = false; /* the channels cannot bring one more deal */
            } else {
                r.marginal_cost_per_deal = fpl__track(cost, &finite);
            }
        }
    }

    /* The figures of every channel, and the totals. */
    for (size_t i = 0; i < n; ++i) {
        fpl_channel_figures *f = &r.channels[i];
        const fpl_channel *c = &ch[i];
        f->leads = fpl__track(leads[i], &finite);
        f->at_capacity = c->has_capacity && !(f->leads < c->capacity);
        f->at_budget = f->has_budget && !(f->leads < f->budget_leads);
        f->opportunities = fpl__track(f->leads * f->opportunity_rate, &finite);
        f->deals = fpl__track(f->leads * f->rate_to_won, &finite);
        /* A spend given with the leads it buys is the cost as given: the
         * volumes without a target, a committed channel's, and a budget
         * used up. */
        const bool spent = c->has_spend && (terms->target == FPL_TARGET_NONE ||
                                            f->committed || f->at_budget);
        f->cost = fpl__track(spent ? c->spend + 0.0 : f->leads * f->cost_per_lead, &finite);
        if (f->has_revenue) {
            f->revenue = fpl__track(f->deals * f->deal_size, &finite);
            f->gross_profit = fpl__track(f->revenue * r.margin - f->cost, &finite);
            r.revenue += f->revenue;
        }
        r.leads += f->leads;
        r.opportunities += f->opportunities;
        r.deals += f->deals;
        r.cost += f->cost;
    }
    for (size_t i = 0; i < n; ++i) {
        r.channels[i].share = fpl__track(r.channels[i].leads / r.leads, &finite);
    }
    r.cost += 0.0;
    r.cost_per_lead = fpl__track(r.cost / r.leads, &finite);
    r.cost_per_opportunity = fpl__track(r.cost / r.opportunities, &finite);
    r.cost_per_deal = fpl__track(r.cost / r.deals, &finite);
    if (r.has_revenue) {
        r.gross_profit = fpl__track(fpl__track(r.revenue, &finite) * r.margin - r.cost, &finite);
        r.has_roi = r.cost > 0.0;
        if (r.has_roi) {
            r.roi = fpl__track(r.gross_profit / r.cost, &finite);
        }
    } else {
        r.revenue = 0.0;
    }
    r.has_most_revenue = r.has_most && r.has_revenue;
    if (!r.has_most_revenue) {
        r.most_revenue = 0.0;
    }
    if (terms->target == FPL_TARGET_DEALS) {
        r.target_deals = terms->deals;
        r.has_target_revenue = r.has_revenue;
        r.target_revenue = r.has_revenue ? r.revenue : 0.0;
    } else if (revenue_target) {
        r.target_deals = r.deals;
        r.has_target_revenue = true;
        r.target_revenue = terms->revenue;
    }
    /* Ranking: insertion sort, n <= 32. */
    for (size_t i = 0; i < n; ++i) {
        size_t k = i;
        while (k > 0 && ranks_before(&r, &r.channels[i], &r.channels[r.ranking[k - 1]],
                                     ch[i].name, ch[r.ranking[k - 1]].name)) {
            r.ranking[k] = r.ranking[k - 1];
            --k;
        }
        r.ranking[k] = i;
    }
    for (size_t k = 0; k < n; ++k) {
        r.channels[r.ranking[k]].rank = k;
    }
    if (!finite || !(r.deals > 0.0)) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    *out = r;
    return FPL_OK;

short_of_target:
    {
        /* No answer, but the most the channels can deliver is one. */
        fpl_channels most;
        memset(&most, 0, sizeof most);
        most.per = r.per;
        most.target = r.target;
        most.by_shares = r.by_shares;
        most.has_most = true;
        most.most_leads = r.most_leads;
        most.most_deals = r.most_deals;
        most.has_most_revenue = r.has_revenue;
        most.most_revenue = r.has_revenue ? r.most_revenue : 0.0;
        *out = most;
    }
    return fpl__done(err, FPL_ERR_CHANNEL_SHORT);
}

/* ---- names ------------------------------------------------------------- */

const char *fpl_channel_quality_name(fpl_channel_quality quality)
{
    switch (quality) {
    case FPL_QUALITY_FUNNEL: return "funnel";
    case FPL_QUALITY_RATE: return "rate";
    case FPL_QUALITY_FACTOR: return "factor";
    }
    return NULL;
}

const char *fpl_channels_mode_name(const fpl_channels *channels)
{
    if (channels == NULL) {
        return NULL;
    }
    switch (channels->target) {
    case FPL_TARGET_NONE: return "volumes";
    case FPL_TARGET_REVENUE:
    case FPL_TARGET_DEALS: return channels->by_shares ? "shares" : "cheapest";
    }
    return NULL;
}

/*
 * funnelplan — lead channels: parsing, profitability, break-even, allocation.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

/* lead 20% -> sql 50% -> opportunity 25%: 2.5% of leads are won. */
static fpl_funnel three_stage_funnel(void)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.2);
    fpl_test_add(&f, "sql", 0.5);
    fpl_test_add(&f, "opportunity", 0.25);
    return f;
}

static void add_channel(fpl_channels_input *in, const char *spec)
{
    size_t at = 99, len = 99;
    fpl_status st = fpl_channel_parse(spec, strlen(spec), &in->channels[in->n_channels], NULL);
    if (st != FPL_OK) {
        print_error("%s: %s at [%zu, +%zu)\n", spec, fpl_status_name(st), at, len);
    }
    assert_int_equal(st, FPL_OK);
    in->n_channels++;
}

/* The guide's three channels: search pays best, webinars convert best,
 * display loses money at any volume. */
static void guide_channels(fpl_channels_input *in)
{
    memset(in, 0, sizeof *in);
    add_channel(in, "search: cost-per-lead=40, capacity=600, share=50%");
    add_channel(in, "webinars: cost-per-lead=90, rate=40%, capacity=300, share=25%");
    add_channel(in, "display: cost-per-lead=35, quality=0.5, share=25%");
}

static fpl_terms deal_terms(double deals)
{
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = deals;
    t.has_deal_size = true;
    t.deal_size = 4000;
    t.has_margin = true;
    t.margin = 0.6;
    return t;
}

/* ---- parsing ------------------------------------------------------------ */

static void test_parse_reads_every_field(void **state)
{
    (void)state;
    fpl_channel c;
    const char *s = "google ads : cost-per-lead=40, capacity=1,000, rate=2%; deal-size=6k,"
                    " share=1/4";
    assert_int_equal(fpl_channel_parse(s, strlen(s), &c, NULL), FPL_OK);
    assert_string_equal(c.name, "google ads");
    assert_true(c.has_cost_per_lead);
    assert_same_double(c.cost_per_lead, 40.0);
    assert_true(c.has_capacity);
    assert_same_double(c.capacity, 1000.0);
    assert_int_equal(c.quality, FPL_QUALITY_RATE);
    assert_same_double(c.quality_value, 0.02);
    assert_true(c.has_deal_size);
    assert_same_double(c.deal_size, 6000.0);
    assert_true(c.has_share);
    assert_same_double(c.share, 0.25);
    assert_false(c.has_spend);
    assert_false(c.has_leads);

    s = "events:spend=12,000,leads=100,quality=120%";
    assert_int_equal(fpl_channel_parse(s, strlen(s), &c, NULL), FPL_OK);
    assert_string_equal(c.name, "events");
    assert_same_double(c.spend, 12000.0);
    assert_same_double(c.leads, 100.0);
    assert_int_equal(c.quality, FPL_QUALITY_FACTOR);
    assert_same_double(c.quality_value, 1.2);
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_OK);
}

typedef struct bad_spec {
    const char *spec;
    fpl_status status;
    const char *part; /* the part reported at fault; NULL: the whole spec */
} bad_spec;

static void test_parse_refuses_bad_specs_and_names_the_field(void **state)
{
    (void)state;
    static const bad_spec bad[] = {
        {"", FPL_ERR_PARSE_EMPTY, NULL},
        {"   ", FPL_ERR_PARSE_EMPTY, NULL},
        {"ads cost-per-lead=4", FPL_ERR_CHANNEL_SYNTAX, NULL},
        {": cost-per-lead=4", FPL_ERR_STAGE_NAME_EMPTY, ""},
        {"won: cost-per-lead=4", FPL_ERR_STAGE_NAME_RESERVED, "won"},
        {"ads: cost=40", FPL_ERR_CHANNEL_FIELD, "cost=40"},
        {"ads: Rate=2%, cost-per-lead=4", FPL_ERR_CHANNEL_FIELD, "Rate=2%"},
        {"ads: cost-per-lead=40, cost-per-lead=50", FPL_ERR_CHANNEL_FIELD_TWICE,
         "cost-per-lead=50"},
        {"ads: cost-per-lead=-40", FPL_ERR_PARSE_NEGATIVE, "cost-per-lead=-40"},
        {"ads: cost-per-lead=nan", FPL_ERR_PARSE_SYNTAX, "cost-per-lead=nan"},
        {"ads: cost-per-lead=inf", FPL_ERR_PARSE_SYNTAX, "cost-per-lead=inf"},
        {"ads: cost-per-lead=1e400", FPL_ERR_PARSE_OVERFLOW, "cost-per-lead=1e400"},
        {"ads: cost-per-lead=", FPL_ERR_PARSE_EMPTY, "cost-per-lead="},
        {"ads: =4", FPL_ERR_CHANNEL_SYNTAX, "=4"},
        {"ads: 40", FPL_ERR_CHANNEL_SYNTAX, "40"},
        {"ads: cost-per-lead=4,,capacity=5", FPL_ERR_CHANNEL_SYNTAX, ","},
        {"ads: cost-per-lead=4,", FPL_ERR_CHANNEL_SYNTAX, ","},
        {"ads: cost-per-lead=4; 000", FPL_ERR_CHANNEL_SYNTAX, "000"},
        {"ads: cost-per-lead=40 capacity=5", FPL_ERR_PARSE_SYNTAX, "cost-per-lead=40 capacity=5"},
        {"ads: cost-per-lead=4, capacity=0", FPL_ERR_CHANNEL_CAPACITY, "capacity=0"},
        {"ads: cost-per-lead=4, leads=0", FPL_ERR_CHANNEL_LEADS, "leads=0"},
        {"ads: cost-per-lead=4, rate=150%", FPL_ERR_CHANNEL_QUALITY, "rate=150%"},
        {"ads: cost-per-lead=4, rate=0", FPL_ERR_CHANNEL_QUALITY, "rate=0"},
        {"ads: cost-per-lead=4, quality=0", FPL_ERR_CHANNEL_QUALITY, "quality=0"},
        {"ads: cost-per-lead=4, rate=2%, quality=2", FPL_ERR_CHANNEL_QUALITY, "quality=2"},
        {"ads: cost-per-lead=4, deal-size=0", FPL_ERR_DEAL_SIZE, "deal-size=0"},
        {"ads: cost-per-lead=4, share=101%", FPL_ERR_CHANNEL_SHARE, "share=101%"},
        {"ads:", FPL_ERR_CHANNEL_COST, NULL},
        {"ads: spend=100", FPL_ERR_CHANNEL_COST, NULL},
        {"ads: leads=100", FPL_ERR_CHANNEL_COST, NULL},
        {"ads: cost-per-lead=1, spend=100, leads=100", FPL_ERR_CHANNEL_COST, NULL},
        {"ads: cost-per-lead=0, spend=100", FPL_ERR_CHANNEL_COST, NULL},
        {"ads: cost-per-lead=2, spend=0", FPL_ERR_CHANNEL_SPEND, NULL},
        {"ads: cost-per-lead=1, leads=200, capacity=100", FPL_ERR_CHANNEL_OVER_CAPACITY, NULL},
        {"ads: cost-per-lead=2, spend=400, capacity=100", FPL_ERR_CHANNEL_OVER_CAPACITY, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        const char *s = bad[i].spec;
        fpl_channel c;
        memset(&c, 0xA5, sizeof c);
        fpl_channel before = c;
        size_t at = 999, len = 999;
        fpl_status st = fpl_channel_parse(s, strlen(s), &c, NULL);
        if (st != bad[i].status) {
            print_error("%s: %s, want %s\n", s, fpl_status_name(st),
                        fpl_status_name(bad[i].status));
        }
        assert_int_equal(st, bad[i].status);
        assert_memory_equal(&c, &before, sizeof c); /* untouched */
        if (bad[i].part == NULL) {
            assert_int_equal(at, 0);
            assert_int_equal(len, strlen(s));
        } else {
            if (len != strlen(bad[i].part) || memcmp(s + at, bad[i].part, len) != 0) {
                print_error("%s: part [%zu, +%zu), want '%s'\n", s, at, len, bad[i].part);
            }
            assert_int_equal(len, strlen(bad[i].part));
            assert_memory_equal(s + at, bad[i].part, len);
        }
    }
    fpl_channel c;
    assert_int_equal(fpl_channel_parse(NULL, 3, &c, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_channel_parse("a: cost-per-lead=1", 18, NULL, NULL),
                     FPL_ERR_NULL);
    /* An embedded NUL is seen, not a silent end of the text. */
    assert_int_equal(fpl_channel_parse("a\0b: cost-per-lead=1", 20, &c, NULL),
                     FPL_ERR_STAGE_NAME_CONTROL);
    assert_int_equal(fpl_channel_parse("ab: cost-per-lead=1\0", 20, &c, NULL),
                     FPL_ERR_PARSE_SYNTAX);
}

static void test_check_refuses_values_out_of_range(void **state)
{
    (void)state;
    fpl_channel c = {0};
    strcpy(c.name, "ads");
    c.has_cost_per_lead = true;
    c.cost_per_lead = 10;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_OK);
    c.cost_per_lead = NAN;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_COST);
    c.cost_per_lead = -1;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_COST);
    c.cost_per_lead = INFINITY;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_COST);
    c.cost_per_lead = 10;
    c.has_capacity = true;
    c.capacity = INFINITY;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_CAPACITY);
    c.capacity = 0;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_CAPACITY);
    c.has_capacity = false;
    c.quality = FPL_QUALITY_RATE;
    c.quality_value = NAN;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_QUALITY);
    c.quality = (fpl_channel_quality)7;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_QUALITY);
    c.quality = FPL_QUALITY_FACTOR;
    c.quality_value = INFINITY;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_QUALITY);
    c.quality = FPL_QUALITY_FUNNEL;
    c.has_share = true;
    c.share = NAN;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_SHARE);
    c.has_share = false;
    c.has_spend = true;
    c.spend = -0.5;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_SPEND);
    c.has_spend = false;
    memset(c.name, 'x', sizeof c.name); /* no NUL within the array */
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_STAGE_NAME_LONG);
    assert_int_equal(fpl_channel_check(NULL, NULL), FPL_ERR_NULL);
}

/* ---- profitability ------------------------------------------------------ */

/* Volumes given: each channel's figures, by hand. */
static void test_profitability_of_given_volumes(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 4000;
    t.has_margin = true;
    t.margin = 0.6;
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, leads=600");
    add_channel(&in, "events: spend=12000, leads=100, deal-size=10000");
    add_channel(&in, "ads: spend=8000, cost-per-lead=40, quality=0.5");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(r.target, FPL_TARGET_NONE);
    assert_int_equal(r.n_channels, 3);

    const fpl_channel_figures *s = &r.channels[0];
    assert_close(s->top_rate, 0.2);
    assert_close(s->rate_to_won, 0.025);
    assert_close(s->opportunity_rate, 0.1);
    assert_close(s->leads, 600);
    assert_close(s->opportunities, 60);
    assert_close(s->deals, 15);
    assert_close(s->revenue, 60000);
    assert_close(s->cost, 24000);
    assert_close(s->cost_per_opportunity, 400);
    assert_close(s->cost_per_deal, 1600);
    assert_close(s->gross_profit, 12000); /* 60,000 x 60% - 24,000 */
    assert_true(s->has_roi);
    assert_close(s->roi, 0.5);
    assert_close(s->value_per_lead, 100);
    assert_close(s->break_even_cost_per_lead, 60);
    assert_close(s->headroom, 20);
    assert_false(s->loses_money);

    const fpl_channel_figures *e = &r.channels[1]; /* spend with leads */
    assert_close(e->cost_per_lead, 120);
    assert_same_double(e->cost, 12000);
    assert_close(e->deals, 2.5);
    assert_close(e->revenue, 25000);
    assert_close(e->gross_profit, 3000);
    assert_close(e->roi, 0.25);
    assert_close(e->cost_per_deal, 4800);
    assert_close(e->break_even_cost_per_lead, 150);
    assert_close(e->headroom, 30);

    const fpl_channel_figures *a = &r.channels[2]; /* spend with a cost per lead */
    assert_close(a->leads, 200);
    assert_close(a->top_rate, 0.1);
    assert_close(a->deals, 2.5);
    assert_close(a->cost, 8000);
    assert_close(a->revenue, 10000);
    assert_close(a->gross_profit, -2000);
    assert_close(a->roi, -0.25);
    assert_close(a->break_even_cost_per_lead, 30);
    assert_close(a->headroom, -10);
    assert_true(a->loses_money);

    assert_int_equal(r.n_losing, 1);
    assert_close(r.leads, 900);
    assert_close(r.deals, 20);
    assert_close(r.cost, 44000);
    assert_true(r.has_revenue);
    assert_close(r.revenue, 95000);
    assert_close(r.gross_profit, 13000);
    assert_close(r.roi, 13000.0 / 44000.0);
    assert_close(r.cost_per_deal, 2200);
    assert_close(r.cost_per_lead, 44000.0 / 900.0);
    assert_close(r.channels[0].share, 600.0 / 900.0);
    /* Ranked by ROI: search 0.5, events 0.25, ads -0.25. */
    assert_int_equal(r.ranking[0], 0);
    assert_int_equal(r.ranking[1], 1);
    assert_int_equal(r.ranking[2], 2);
    assert_int_equal(r.channels[2].rank, 2);
    assert_false(r.has_marginal);
    assert_false(r.has_most); /* no capacities */
}

/* With a single stage, opportunities are the leads themselves. */
static void test_single_stage_opportunities_are_the_leads(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "opportunity", 1.0 / 3.0);
    fpl_terms t = {0};
    fpl_channels_input in = {0};
    add_channel(&in, "partners: cost-per-lead=300, leads=75, rate=1/3");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[0].opportunities, 75);
    assert_close(r.channels[0].deals, 25);
    assert_close(r.channels[0].cost_per_opportunity, 300);
    assert_close(r.channels[0].cost_per_deal, 900);
    assert_false(r.channels[0].has_revenue); /* no deal size anywhere */
    assert_false(r.channels[0].has_roi);
    assert_false(r.has_revenue);
    assert_false(r.has_roi);
    assert_int_equal(r.n_losing, 0);
}

/* A free channel has no ROI, ranks first and fills first. */
static void test_zero_cost_channel_ranks_and_fills_first(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(10);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40");
    add_channel(&in, "referrals: cost-per-lead=0, capacity=200, rate=40%");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    const fpl_channel_figures *ref = &r.channels[1];
    assert_false(ref->has_roi);
    assert_same_double(ref->cost_per_deal, 0.0);
    assert_same_double(ref->cost, 0.0);
    assert_close(ref->break_even_cost_per_lead, 120); /* 4000 x 5% x 60% */
    assert_close(ref->headroom, 120);
    assert_int_equal(r.ranking[0], 1);
    /* 200 referrals bring 10 deals for nothing: the target is met. */
    assert_close(ref->leads, 200);
    assert_true(ref->at_capacity);
    assert_same_double(r.channels[0].leads, 0.0);
    assert_same_double(r.cost, 0.0);
    assert_false(r.has_roi);
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, 1);
    assert_same_double(r.marginal_cost_per_deal, 0.0);
    /* Two more deals come from search at 1,600 each. */
    t.deals = 12;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[0].leads, 80);
    assert_close(r.cost, 3200);
    assert_int_equal(r.marginal_channel, 0);
    assert_close(r.marginal_cost_per_deal, 1600);
}

/* Equal keys: the ranking breaks ties by name, the allocation by the order given. */
static void test_ties_rank_by_name_and_fill_in_order_given(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(20);
    fpl_channels_input in = {0};
    add_channel(&in, "beta: cost-per-lead=40, capacity=600");
    add_channel(&in, "alpha: cost-per-lead=40, capacity=600");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(r.ranking[0], 1);
    assert_int_equal(r.ranking[1], 0);
    assert_close(r.channels[0].leads, 600);
    assert_true(r.channels[0].at_capacity);
    assert_close(r.channels[1].leads, 200);
    assert_false(r.channels[1].at_capacity);
    assert_close(r.cost, 32000);
    assert_int_equal(r.marginal_channel, 1);
}

/* ---- allocation ---------------------------------------------------------- */

static void test_guide_cheapest_allocation_of_40_deals(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(40);
    fpl_channels_input in;
    guide_channels(&in);
    fpl_channels r;
    fpl_channels_fault fault;
    memset(&fault, 0x5A, sizeof fault);
    fpl_channels_fault fault_before = fault;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_memory_equal(&fault, &fault_before, sizeof fault); /* untouched on success */
    const fpl_channel_figures *s = &r.channels[0], *w = &r.channels[1], *d = &r.channels[2];
    assert_close(s->cost_per_deal, 1600);
    assert_close(w->cost_per_deal, 1800);
    assert_close(d->cost_per_deal, 2800);
    /* Search and webinars are full; display brings the last 10 deals. */
    assert_close(s->leads, 600);
    assert_close(w->leads, 300);
    assert_close(d->leads, 800);
    assert_true(s->at_capacity && w->at_capacity);
    assert_false(d->has_capacity);
    assert_close(s->deals, 15);
    assert_close(w->deals, 15);
    assert_close(d->deals, 10);
    assert_close(s->opportunities, 60);
    assert_close(w->opportunities, 60);
    assert_close(d->opportunities, 40);
    assert_close(w->cost_per_opportunity, 450);
    assert_close(d->cost_per_opportunity, 700);
    assert_close(s->cost, 24000);
    assert_close(w->cost, 27000);
    assert_close(d->cost, 28000);
    assert_close(s->gross_profit, 12000);
    assert_close(w->gross_profit, 9000);
    assert_close(d->gross_profit, -4000);
    assert_close(w->roi, 1.0 / 3.0);
    assert_close(d->roi, -1.0 / 7.0);
    assert_close(w->break_even_cost_per_lead, 120);
    assert_close(d->break_even_cost_per_lead, 30);
    assert_close(d->headroom, -5);
    assert_true(d->loses_money);
    assert_int_equal(r.n_losing, 1);
    assert_close(r.deals, 40);
    assert_close(r.target_deals, 40);
    assert_true(r.has_target_revenue);
    assert_close(r.target_revenue, 160000);
    assert_close(r.leads, 1700);
    assert_close(r.cost, 79000);
    assert_close(r.cost_per_deal, 1975);
    assert_close(r.revenue, 160000);
    assert_close(r.gross_profit, 17000);
    assert_close(r.roi, 17000.0 / 79000.0);
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, 2);
    assert_close(r.marginal_cost_per_deal, 2800);
    assert_int_equal(r.ranking[0], 0);
    assert_int_equal(r.ranking[1], 1);
    assert_int_equal(r.ranking[2], 2);
    assert_false(r.has_most); /* display has no capacity */
}

static void test_guide_30_deals_cheapest_and_by_shares(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(30);
    fpl_channels_input in;
    guide_channels(&in);
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    /* Search and webinars meet it exactly at their capacities. */
    assert_close(r.channels[0].leads, 600);
    assert_same_double(r.channels[1].leads, 300); /* full, not 299.99999 */
    assert_true(r.channels[1].at_capacity);
    assert_same_double(r.channels[2].leads, 0.0);
    assert_close(r.cost, 51000);
    assert_int_equal(r.marginal_channel, 1);
    assert_close(r.marginal_cost_per_deal, 1800);

    in.by_shares = true; /* 50% / 25% / 25% of the leads */
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(r.by_shares);
    /* 0.028125 deals per lead: 30 deals need 1,066.67 leads. */
    assert_close(r.leads, 30.0 / 0.028125);
    assert_close(r.channels[0].leads, 30.0 / 0.028125 / 2);
    assert_close(r.channels[1].leads, 30.0 / 0.028125 / 4);
    assert_close(r.channels[0].share, 0.5);
    assert_close(r.deals, 30);
    assert_close(r.cost, 164000.0 / 3.0); /* 21,333.33 + 24,000 + 9,333.33 */
    assert_true(r.cost > 51000);           /* dearer than the cheapest */
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, r.n_channels);
    assert_close(r.marginal_cost_per_deal, r.cost / 30);
    assert_true(r.has_most);
    assert_close(r.most_leads, 1200);
    assert_close(r.most_deals, 33.75);
}

static void test_capacity_exhaustion_reports_the_most(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(40);
    fpl_channels_input in;
    guide_channels(&in);
    in.channels[2].has_capacity = true;
    in.channels[2].capacity = 200;
    fpl_channels r;
    memset(&r, 0x3C, sizeof r);
    fpl_channels before = r;
    fpl_channels_fault fault;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHORT);
    assert_false(fpl_status_is_input_error(FPL_ERR_CHANNEL_SHORT));
    assert_memory_equal(&r, &before, sizeof r); /* untouched */
    assert_false(fault.has_channel);
    assert_true(fault.has_most);
    assert_close(fault.most_leads, 1100);
    assert_close(fault.most_deals, 32.5);
    assert_true(fault.has_most_revenue);
    assert_close(fault.most_revenue, 130000);
    /* 32.5 deals can be met; the result says the most too. */
    t.deals = 32.5;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(r.has_most);
    assert_close(r.most_deals, 32.5);
    assert_true(r.channels[2].at_capacity);

    /* By shares, the first full channel limits all: 1,200 leads, 33.75 deals. */
    guide_channels(&in);
    in.by_shares = true;
    t.deals = 40;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHORT);
    assert_close(fault.most_leads, 1200);
    assert_close(fault.most_deals, 33.75);
    assert_close(fault.most_revenue, 135000);
    t.deals = 33.75;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(r.channels[0].at_capacity);
    assert_true(r.channels[1].at_capacity);
}

/* Under a revenue target a channel of big deals can be cheaper per unit of
 * revenue though dearer per deal. */
static void test_revenue_target_fills_by_cost_per_revenue(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 5;
    t.has_deal_size = true;
    t.deal_size = 1000;
    fpl_channels_input in = {0};
    add_channel(&in, "small: cost-per-lead=40, capacity=1000");
    add_channel(&in, "large: cost-per-lead=120, deal-size=10000, capacity=1000");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[0].leads, 200); /* 1,600 a deal beats 4,800 */
    assert_same_double(r.channels[1].leads, 0.0);

    t.target = FPL_TARGET_REVENUE;
    t.revenue = 50000;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    /* 0.48 per unit of revenue beats 1.6: large brings 250 a lead. */
    assert_close(r.channels[1].leads, 200);
    assert_same_double(r.channels[0].leads, 0.0);
    assert_close(r.revenue, 50000);
    assert_close(r.cost, 24000);
    assert_close(r.target_revenue, 50000);
    assert_close(r.target_deals, 5);
    assert_close(r.marginal_cost_per_deal, 4800);

    /* A revenue target with a deal size on every channel needs none in the terms. */
    t.has_deal_size = false;
    in.channels[0].has_deal_size = true;
    in.channels[0].deal_size = 1000;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    in.channels[0].has_deal_size = false;
    fpl_channels_fault fault;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_DEAL_SIZE_MISSING);
    assert_true(fault.has_channel);
    assert_int_equal(fault.channel, 0);
}

/* A tiny deterministic generator for the property tests. */
static uint64_t lcg_state = 0x9E3779B97F4A7C15u;
static double uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
    return (double)(lcg_state >> 11) / 9007199254740992.0;
}

/* Cost of the cheapest allocation by brute force: every channel but one at
 * a point of a grid of its capacity (the grid holds 0 and the capacity, the
 * corners where an optimum of a one-constraint linear programme has all but
 * one channel), the one left meeting the target exactly. */
static double brute_force(size_t n, const double cost[], const double yield[],
                          const double cap[], double target)
{
    enum { STEPS = 8 };
    double best = INFINITY;
    size_t points = 1;
    for (size_t i = 0; i + 1 < n; ++i) {
        points *= STEPS + 1;
    }
    for (size_t free_one = 0; free_one < n; ++free_one) {
        for (size_t p = 0; p < points; ++p) {
            size_t code = p;
            double supplied = 0.0, spent = 0.0;
            for (size_t i = 0; i < n; ++i) {
                if (i == free_one) {
                    continue;
                }
                double x = cap[i] * (double)(code % (STEPS + 1)) / STEPS;
                code /= STEPS + 1;
                supplied += x * yield[i];
                spent += x * cost[i];
            }
            double need = target - supplied;
            double x = need > 0.0 ? need / yield[free_one] : 0.0;
            if (x <= cap[free_one] * (1 + 1e-12)) {
                spent += x * cost[free_one];
                best = spent < best ? spent : best;
            }
        }
    }
    return best;
}

static void test_allocation_meets_target_within_capacity_and_nothing_is_cheaper(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    for (int trial = 0; trial < 300; ++trial) {
        size_t n = 2 + (size_t)(uniform() * 3); /* 2 to 4 channels */
        fpl_channels_input in = {0};
        in.n_channels = n;
        double cost[4], yield[4], cap[4], supply = 0.0;
        for (size_t i = 0; i < n; ++i) {
            fpl_channel *c = &in.channels[i];
            snprintf(c->name, sizeof c->name, "c%zu", i);
            c->has_cost_per_lead = true;
            /* Some free and some equal costs, to exercise ties. */
            c->cost_per_lead = uniform() < 0.1 ? 0.0 : (double)(1 + (int)(uniform() * 20)) * 5;
            c->quality = FPL_QUALITY_RATE;
            c->quality_value = (double)(1 + (int)(uniform() * 10)) / 20.0;
            c->has_capacity = true;
            c->capacity = (double)(50 + (int)(uniform() * 20) * 50);
            cost[i] = c->cost_per_lead;
            yield[i] = c->quality_value * 0.5 * 0.25;
            cap[i] = c->capacity;
            supply += cap[i] * yield[i];
        }
        fpl_terms t = {0};
        t.target = FPL_TARGET_DEALS;
        t.deals = supply * (0.05 + 0.9 * uniform());
        fpl_channels r;
        assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
        double deals = 0.0;
        for (size_t i = 0; i < n; ++i) {
            assert_true(r.channels[i].leads >= 0.0);
            assert_true(r.channels[i].leads <= cap[i]);
            deals += r.channels[i].deals;
        }
        assert_close(deals, t.deals);
        double best = brute_force(n, cost, yield, cap, t.deals);
        assert_true(best >= r.cost * (1 - 1e-12) - 1e-9);
        assert_close_rel(best, r.cost, 1e-9);

        /* Beyond the supply there is no answer, and the most is the supply. */
        t.deals = supply * 1.01;
        fpl_channels_fault fault;
        assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHORT);
        assert_close(fault.most_deals, supply);
    }
}

/* ---- refusals ------------------------------------------------------------ */

static void test_question_refusals_name_the_channel(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(10);
    fpl_channels_input in;
    guide_channels(&in);
    fpl_channels r;
    fpl_channels_fault fault;

    /* A factor that pushes the top rate past 100%. */
    in.channels[2].quality_value = 6;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_QUALITY);
    assert_true(fault.has_channel);
    assert_int_equal(fault.channel, 2);
    assert_true(fpl_status_is_input_error(FPL_ERR_CHANNEL_QUALITY));
    in.channels[2].quality_value = 5; /* exactly 100% is allowed */
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[2].top_rate, 1.0);

    guide_channels(&in);
    strcpy(in.channels[1].name, "search");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_DUPLICATE);
    assert_int_equal(fault.channel, 1);

    guide_channels(&in);
    in.channels[1].capacity = -1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_CAPACITY);
    assert_int_equal(fault.channel, 1);

    guide_channels(&in);
    in.channels[0].cost_per_lead = NAN;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_COST);
    assert_int_equal(fault.channel, 0);

    /* Without a target every channel needs its leads. */
    guide_channels(&in);
    fpl_terms none = t;
    none.target = FPL_TARGET_NONE;
    assert_int_equal(fpl_channels_compute(&f, &none, &in, &r, NULL), FPL_ERR_CHANNEL_LEADS);
    assert_int_equal(fault.channel, 0);

    /* Shares: one missing, or not adding up to 100%. */
    in.by_shares = true;
    in.channels[1].has_share = false;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHARE);
    assert_true(fault.has_channel);
    assert_int_equal(fault.channel, 1);
    in.channels[1].has_share = true;
    in.channels[1].share = 0.2;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHARE);
    assert_false(fault.has_channel);
    /* Thirds add up to 100% within rounding. */
    for (size_t i = 0; i < 3; ++i) {
        in.channels[i].share = 1.0 / 3.0;
    }
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);

    in.n_channels = 0;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_COUNT);
    in.n_channels = FPL_MAX_CHANNELS + 1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_COUNT);
    in.n_channels = 3;

    t.deals = -1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_DEALS);
    assert_false(fault.has_channel);
    t.deals = 10;
    fpl_funnel empty = {0};
    assert_int_equal(fpl_channels_compute(&empty, &t, &in, &r, NULL), FPL_ERR_STAGE_COUNT);
    assert_int_equal(fpl_channels_compute(NULL, &t, &in, &r, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_channels_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
}

static void test_overflow_is_a_question_without_answer(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    fpl_channels_input in = {0};
    add_channel(&in, "huge: cost-per-lead=1e300, leads=1e300");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_OVERFLOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_reads_every_field),
        cmocka_unit_test(test_parse_refuses_bad_specs_and_names_the_field),
        cmocka_unit_test(test_check_refuses_values_out_of_range),
        cmocka_unit_test(test_profitability_of_given_volumes),
        cmocka_unit_test(test_single_stage_opportunities_are_the_leads),
        cmocka_unit_test(test_zero_cost_channel_ranks_and_fills_first),
        cmocka_unit_test(test_ties_rank_by_name_and_fill_in_order_given),
        cmocka_unit_test(test_guide_cheapest_allocation_of_40_deals),
        cmocka_unit_test(test_guide_30_deals_cheapest_and_by_shares),
        cmocka_unit_test(test_capacity_exhaustion_reports_the_most),
        cmocka_unit_test(test_revenue_target_fills_by_cost_per_revenue),
        cmocka_unit_test(test_allocation_meets_target_within_capacity_and_nothing_is_cheaper),
        cmocka_unit_test(test_question_refusals_name_the_channel),
        cmocka_unit_test(test_overflow_is_a_question_without_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

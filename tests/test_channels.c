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
    fpl_error err;
    fpl_status st = fpl_channel_parse(spec, strlen(spec), &in->channels[in->n_channels], &err);
    if (st != FPL_OK) {
        print_error("%s: %s at [%zu, +%zu)\n", spec, fpl_status_name(st), err.offset,
                    err.length);
    }
    assert_int_equal(st, FPL_OK);
    in->n_channels++;
}

/* The failure err describes: its status, field and list entry (this
 * file's own, which leaves the bytes alone). */
#undef assert_error
#undef assert_error_at
static void assert_error_at(const fpl_error *err, fpl_status status, fpl_field field,
                            size_t index, const char *file, int line)
{
    if (err->status != status || err->field != field || err->index != index) {
        print_error("error %s, field %s, index %zu; want %s, %s, %zu\n",
                    fpl_status_name(err->status), fpl_field_name(err->field), err->index,
                    fpl_status_name(status), fpl_field_name(field), index);
        _fail(file, line);
    }
}
#define assert_error(err, status, field, index) \
    assert_error_at(&(err), (status), (field), (index), __FILE__, __LINE__)

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
    fpl_field field;  /* the field at fault */
    const char *part; /* the part reported at fault; NULL: the whole spec */
} bad_spec;

#define CH FPL_FIELD_CHANNEL

static void test_parse_refuses_bad_specs_and_names_the_field(void **state)
{
    (void)state;
    static const bad_spec bad[] = {
        {"", FPL_ERR_PARSE_EMPTY, CH, NULL},
        {"   ", FPL_ERR_PARSE_EMPTY, CH, NULL},
        {"ads cost-per-lead=4", FPL_ERR_CHANNEL_SYNTAX, CH, NULL},
        {": cost-per-lead=4", FPL_ERR_STAGE_NAME_EMPTY, CH, ""},
        {"won: cost-per-lead=4", FPL_ERR_STAGE_NAME_RESERVED, CH, "won"},
        {" a\tb : cost-per-lead=4", FPL_ERR_STAGE_NAME_CONTROL, CH, "a\tb"},
        {"ads: cost=40", FPL_ERR_CHANNEL_FIELD, CH, "cost=40"},
        {"ads: Rate=2%, cost-per-lead=4", FPL_ERR_CHANNEL_FIELD, CH, "Rate=2%"},
        {"ads: cost-per-lead=40, cost-per-lead=50", FPL_ERR_CHANNEL_FIELD_TWICE,
         FPL_FIELD_CHANNEL_COST_PER_LEAD, "cost-per-lead=50"},
        {"ads: cost-per-lead=-40", FPL_ERR_PARSE_NEGATIVE, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead=-40"},
        {"ads: cost-per-lead=nan", FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead=nan"},
        {"ads: cost-per-lead=inf", FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead=inf"},
        {"ads: cost-per-lead=1e400", FPL_ERR_PARSE_OVERFLOW, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead=1e400"},
        {"ads: cost-per-lead=", FPL_ERR_PARSE_EMPTY, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead="},
        {"ads: =4", FPL_ERR_CHANNEL_SYNTAX, CH, "=4"},
        {"ads: 40", FPL_ERR_CHANNEL_SYNTAX, CH, "40"},
        {"ads: cost-per-lead=4,,capacity=5", FPL_ERR_CHANNEL_SYNTAX, CH, ","},
        {"ads: cost-per-lead=4,", FPL_ERR_CHANNEL_SYNTAX, CH, ","},
        {"ads: cost-per-lead=4; 000", FPL_ERR_CHANNEL_SYNTAX, CH, "000"},
        {"ads: cost-per-lead=40 capacity=5", FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANNEL_COST_PER_LEAD,
         "cost-per-lead=40 capacity=5"},
        {"ads: cost-per-lead=4, spend=x", FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANNEL_SPEND,
         "spend=x"},
        {"ads: cost-per-lead=4, capacity=0", FPL_ERR_CHANNEL_CAPACITY, FPL_FIELD_CHANNEL_CAPACITY,
         "capacity=0"},
        {"ads: cost-per-lead=4, leads=0", FPL_ERR_CHANNEL_LEADS, FPL_FIELD_CHANNEL_LEADS,
         "leads=0"},
        {"ads: cost-per-lead=4, rate=150%", FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_RATE,
         "rate=150%"},
        {"ads: cost-per-lead=4, rate=0", FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_RATE,
         "rate=0"},
        {"ads: cost-per-lead=4, rate=1%, rate=2%", FPL_ERR_CHANNEL_FIELD_TWICE,
         FPL_FIELD_CHANNEL_RATE, "rate=2%"},
        {"ads: cost-per-lead=4, quality=0", FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY,
         "quality=0"},
        {"ads: cost-per-lead=4, rate=2%, quality=2", FPL_ERR_CHANNEL_QUALITY,
         FPL_FIELD_CHANNEL_QUALITY, "quality=2"},
        {"ads: cost-per-lead=4, quality=2, rate=2%", FPL_ERR_CHANNEL_QUALITY,
         FPL_FIELD_CHANNEL_QUALITY, "rate=2%"},
        {"ads: cost-per-lead=4, deal-size=0", FPL_ERR_DEAL_SIZE, FPL_FIELD_CHANNEL_DEAL_SIZE,
         "deal-size=0"},
        {"ads: cost-per-lead=4, share=101%", FPL_ERR_CHANNEL_SHARE, FPL_FIELD_CHANNEL_SHARE,
         "share=101%"},
        {"ads:", FPL_ERR_CHANNEL_COST, CH, NULL},
        {"ads: spend=100", FPL_ERR_CHANNEL_COST, CH, NULL},
        {"ads: leads=100", FPL_ERR_CHANNEL_COST, CH, NULL},
        {"ads: cost-per-lead=1, spend=100, leads=100", FPL_ERR_CHANNEL_COST, CH, NULL},
        {"ads: cost-per-lead=0, spend=100", FPL_ERR_CHANNEL_COST,
         FPL_FIELD_CHANNEL_COST_PER_LEAD, NULL},
        {"ads: cost-per-lead=2, spend=0", FPL_ERR_CHANNEL_SPEND, FPL_FIELD_CHANNEL_SPEND, NULL},
        {"ads: cost-per-lead=1, leads=200, capacity=100", FPL_ERR_CHANNEL_OVER_CAPACITY,
         FPL_FIELD_CHANNEL_LEADS, NULL},
        {"ads: spend=1e300, cost-per-lead=1e-300", FPL_ERR_OVERFLOW, CH, NULL},
        /* leads and capacity are counts: exact up to 2^53, decided from the digits */
        {"ads: cost-per-lead=1, leads=9007199254740993", FPL_ERR_PARSE_COUNT_MAX,
         FPL_FIELD_CHANNEL_LEADS, "leads=9007199254740993"},
        {"ads: cost-per-lead=1, capacity=1e16", FPL_ERR_PARSE_COUNT_MAX,
         FPL_FIELD_CHANNEL_CAPACITY, "capacity=1e16"},
        {"ads: cost-per-lead=1, leads=1.500", FPL_ERR_PARSE_AMBIGUOUS, FPL_FIELD_CHANNEL_LEADS,
         "leads=1.500"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        const char *s = bad[i].spec;
        fpl_channel c;
        memset(&c, 0xA5, sizeof c);
        fpl_channel before = c;
        fpl_error err;
        memset(&err, 0x5A, sizeof err);
        fpl_status st = fpl_channel_parse(s, strlen(s), &c, &err);
        if (st != bad[i].status || err.field != bad[i].field) {
            print_error("%s: %s (%s), want %s (%s)\n", s, fpl_status_name(st),
                        fpl_field_name(err.field), fpl_status_name(bad[i].status),
                        fpl_field_name(bad[i].field));
        }
        assert_int_equal(st, bad[i].status);
        assert_error(err, bad[i].status, bad[i].field, FPL_NO_INDEX);
        assert_int_equal(err.line, 0);
        assert_memory_equal(&c, &before, sizeof c); /* untouched */
        const size_t at = err.offset, len = err.length;
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
    fpl_error err;
    assert_int_equal(fpl_channel_parse(NULL, 3, &c, &err), FPL_ERR_NULL);
    assert_error(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_int_equal(fpl_channel_parse("a: cost-per-lead=1", 18, NULL, NULL),
                     FPL_ERR_NULL);
    /* An embedded NUL is seen, not a silent end of the text. */
    assert_int_equal(fpl_channel_parse("a\0b: cost-per-lead=1", 20, &c, &err),
                     FPL_ERR_STAGE_NAME_CONTROL);
    assert_error(err, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    assert_int_equal(err.offset, 0);
    assert_int_equal(err.length, 3);
    assert_int_equal(fpl_channel_parse("ab: cost-per-lead=1\0", 20, &c, &err),
                     FPL_ERR_PARSE_SYNTAX);
    assert_error(err, FPL_ERR_PARSE_SYNTAX, FPL_FIELD_CHANNEL_COST_PER_LEAD, FPL_NO_INDEX);
    assert_int_equal(err.offset, 4);
    assert_int_equal(err.length, 16);
    /* Success leaves the field, entry and bytes as they were. */
    memset(&err, 0x5A, sizeof err);
    fpl_error before = err;
    assert_int_equal(fpl_channel_parse("ab: cost-per-lead=1", 19, &c, &err), FPL_OK);
    assert_string_equal(c.name, "ab");
    assert_true(c.has_cost_per_lead);
    assert_same_double(c.cost_per_lead, 1.0);
    assert_error(err, FPL_OK, before.field, before.index);
    assert_int_equal(err.offset, before.offset);
}

/* The message speaks of what the user wrote: a channel name is not a stage
 * name, a channel's rate is not its quality. */
static void test_messages_speak_of_the_channel(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        const char *message;
    } cases[] = {
        {"won: cost-per-lead=4", "channel name is reserved (won, deal-size, volume, cost-per-lead)"},
        {": cost-per-lead=4", "channel name is empty"},
        {"a\x01: cost-per-lead=4", "channel name contains a control character"},
        {"\xff: cost-per-lead=4", "channel name is not valid UTF-8"},
        {"ads: cost-per-lead=4, rate=0%", "rate must be above 0% and at most 100%"},
        {"ads: cost-per-lead=4, rate=150%", "rate must be above 0% and at most 100%"},
        {"ads: cost-per-lead=4, quality=0",
         "quality must give a top-stage rate above 0% and at most 100% (a factor above 0)"},
        {"ads: cost-per-lead=4, capacity=0", "capacity must be a positive number"},
        {"ads: cost-per-lead=-4", "must not be negative"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        fpl_channel c;
        fpl_error err;
        const char *s = cases[i].spec;
        assert_int_not_equal(fpl_channel_parse(s, strlen(s), &c, &err), FPL_OK);
        assert_string_equal(fpl_error_message(&err), cases[i].message);
    }
    /* A name too long for the struct. */
    char name[FPL_NAME_MAX + 2];
    memset(name, 'x', sizeof name);
    fpl_channel c = {0};
    fpl_error err;
    assert_int_equal(fpl_channel_set_name(&c, name, sizeof name, &err), FPL_ERR_STAGE_NAME_LONG);
    assert_string_equal(fpl_error_message(&err), "channel name is longer than 64 bytes");
    /* The same statuses about a stage keep their words. */
    err.field = FPL_FIELD_STAGE;
    assert_string_equal(fpl_error_message(&err), fpl_strerror(FPL_ERR_STAGE_NAME_LONG));
    err.status = FPL_ERR_CHANNEL_QUALITY;
    err.field = FPL_FIELD_CHANNEL_QUALITY;
    assert_string_equal(fpl_error_message(&err), fpl_strerror(FPL_ERR_CHANNEL_QUALITY));
    assert_string_equal(fpl_error_message(NULL), fpl_strerror(FPL_ERR_NULL));
    assert_string_equal(fpl_field_name(FPL_FIELD_CHANNEL_RATE), "channel_rate");
}

static void test_set_name_checks_and_copies(void **state)
{
    (void)state;
    fpl_channel c;
    memset(&c, 0, sizeof c);
    c.has_cost_per_lead = true;
    fpl_error err;
    assert_int_equal(fpl_channel_set_name(&c, "search ads", 6, &err), FPL_OK);
    assert_string_equal(c.name, "search");
    assert_true(c.has_cost_per_lead); /* only the name changes */
    char name[FPL_NAME_MAX];
    memset(name, 'y', sizeof name);
    assert_int_equal(fpl_channel_set_name(&c, name, sizeof name, &err), FPL_OK);
    assert_int_equal(strlen(c.name), FPL_NAME_MAX);
    fpl_channel before = c;
    assert_int_equal(fpl_channel_set_name(&c, "a\0b", 3, &err), FPL_ERR_STAGE_NAME_CONTROL);
    assert_error(err, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    assert_int_equal(err.offset, 0);
    assert_int_equal(err.length, 3);
    assert_memory_equal(&c, &before, sizeof c); /* untouched on failure */
    assert_int_equal(fpl_channel_set_name(&c, "volume", 6, &err), FPL_ERR_STAGE_NAME_RESERVED);
    assert_error(err, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    assert_int_equal(fpl_channel_set_name(&c, "", 0, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(fpl_channel_set_name(NULL, "a", 1, &err), FPL_ERR_NULL);
    assert_error(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_int_equal(fpl_channel_set_name(&c, NULL, 1, NULL), FPL_ERR_NULL);
}

static void test_check_refuses_values_out_of_range(void **state)
{
    (void)state;
    fpl_channel c = {0};
    fpl_error err;
    strcpy(c.name, "ads");
    c.has_cost_per_lead = true;
    c.cost_per_lead = 10;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_OK);
    c.cost_per_lead = NAN;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_COST);
    assert_error(err, FPL_ERR_COST, FPL_FIELD_CHANNEL_COST_PER_LEAD, FPL_NO_INDEX);
    c.cost_per_lead = -1;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_COST);
    c.cost_per_lead = INFINITY;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_COST);
    c.cost_per_lead = 10;
    c.has_capacity = true;
    c.capacity = INFINITY;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_CAPACITY);
    assert_error(err, FPL_ERR_CHANNEL_CAPACITY, FPL_FIELD_CHANNEL_CAPACITY, FPL_NO_INDEX);
    c.capacity = 0;
    assert_int_equal(fpl_channel_check(&c, NULL), FPL_ERR_CHANNEL_CAPACITY);
    c.has_capacity = false;
    c.quality = FPL_QUALITY_RATE;
    c.quality_value = NAN;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_QUALITY);
    assert_error(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_RATE, FPL_NO_INDEX);
    c.quality = (fpl_channel_quality)7;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_QUALITY);
    assert_error(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, FPL_NO_INDEX);
    c.quality = FPL_QUALITY_FACTOR;
    c.quality_value = INFINITY;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_QUALITY);
    assert_error(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, FPL_NO_INDEX);
    c.quality = FPL_QUALITY_FUNNEL;
    c.has_deal_size = true;
    c.deal_size = 0;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_DEAL_SIZE);
    assert_error(err, FPL_ERR_DEAL_SIZE, FPL_FIELD_CHANNEL_DEAL_SIZE, FPL_NO_INDEX);
    c.has_deal_size = false;
    c.has_share = true;
    c.share = NAN;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_SHARE);
    assert_error(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_CHANNEL_SHARE, FPL_NO_INDEX);
    c.has_share = false;
    c.has_spend = true;
    c.spend = -0.5;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_SPEND);
    assert_error(err, FPL_ERR_CHANNEL_SPEND, FPL_FIELD_CHANNEL_SPEND, FPL_NO_INDEX);
    c.spend = 100;
    c.has_leads = true;
    c.leads = 10;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_COST); /* all three */
    assert_error(err, FPL_ERR_CHANNEL_COST, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    c.has_cost_per_lead = false;
    c.has_capacity = true;
    c.capacity = 5;
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_CHANNEL_OVER_CAPACITY);
    assert_error(err, FPL_ERR_CHANNEL_OVER_CAPACITY, FPL_FIELD_CHANNEL_LEADS, FPL_NO_INDEX);
    c.has_capacity = false;
    c.has_spend = false;
    c.has_leads = false;
    c.has_cost_per_lead = true;
    strcpy(c.name, "won");
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_STAGE_NAME_RESERVED);
    assert_error(err, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    memset(c.name, 'x', sizeof c.name); /* no NUL within the array */
    assert_int_equal(fpl_channel_check(&c, &err), FPL_ERR_STAGE_NAME_LONG);
    assert_error(err, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    assert_int_equal(fpl_channel_check(NULL, &err), FPL_ERR_NULL);
    assert_error(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
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
    /* The referrals are all used: one more deal is search's, 40 / 2.5%. */
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, 0);
    assert_int_equal(r.marginal_last_channel, 0);
    assert_close(r.marginal_cost_per_deal, 1600);
    /* Two more deals come from search at 1,600 each. */
    t.deals = 12;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[0].leads, 80);
    assert_close(r.cost, 3200);
    assert_int_equal(r.marginal_channel, 0);
    assert_close(r.marginal_cost_per_deal, 1600);
}


/* ---- issue 15: the marginal cost, and leads= and spend= with a target --- */

/* One more deal that one channel cannot bring alone: webinars has 10 leads
 * of room (half a deal at 1,800), display the other half (at 2,800). */
static void test_next_deal_split_between_two_channels(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(30);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, capacity=600");
    add_channel(&in, "webinars: cost-per-lead=90, rate=40%, capacity=310");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[1].leads, 300);
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, 1);
    assert_int_equal(r.marginal_last_channel, 2);
    assert_close(r.marginal_cost_per_deal, 2300); /* 900 + 1,400 */
}

/* Every channel full at the target: no more deal at any cost. */
static void test_every_channel_full_has_no_marginal_cost(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(30);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, capacity=600");
    add_channel(&in, "webinars: cost-per-lead=90, rate=40%, capacity=300");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_false(r.has_marginal);
    assert_true(r.has_most);
    assert_close(r.most_deals, 30);
}

/* With a target, leads= commits a channel to its leads and a spend with a
 * cost per lead caps them at spend / cost per lead (a budget). */
static void test_leads_commit_and_spend_caps_with_a_target(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(30);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, capacity=600, leads=100");
    add_channel(&in, "webinars: cost-per-lead=90, rate=40%, spend=9000");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    /* search 100 leads, 2.5 deals, though cheaper than the rest; webinars
     * 9,000 / 90 = 100 leads, 5 deals; display the other 22.5 deals. */
    assert_true(r.channels[0].committed);
    assert_same_double(r.channels[0].leads, 100);
    assert_false(r.channels[0].at_capacity);
    assert_close(r.channels[0].cost, 4000);
    assert_false(r.channels[1].committed);
    assert_true(r.channels[1].has_budget);
    assert_same_double(r.channels[1].budget_leads, 100);
    assert_true(r.channels[1].at_budget);
    assert_same_double(r.channels[1].cost, 9000); /* the spend as given */
    assert_close(r.channels[2].leads, 1800);
    assert_close(r.channels[2].deals, 22.5);
    assert_false(r.channels[2].has_budget);
    assert_close(r.deals, 30);
    assert_close(r.cost, 76000);
    assert_int_equal(r.marginal_channel, 2);
    assert_close(r.marginal_cost_per_deal, 2800);

    /* A budget not used up: 600 of the 1,000 leads 90,000 buys. */
    in.n_channels = 0;
    add_channel(&in, "webinars: cost-per-lead=90, rate=40%, spend=90000");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.channels[0].leads, 600);
    assert_false(r.channels[0].at_budget);
    assert_close(r.channels[0].cost, 54000);
    assert_close(r.marginal_cost_per_deal, 1800);

    /* Budgets bound the supply: 200 + 100 leads, 5 + 5 deals. */
    in.n_channels = 0;
    add_channel(&in, "search: cost-per-lead=40, spend=8000");
    add_channel(&in, "webinars: cost-per-lead=90, rate=40%, spend=9000");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHORT);
    assert_true(r.has_most);
    assert_close(r.most_leads, 300);
    assert_close(r.most_deals, 10);

    /* Committed leads above the target are kept; the 51st deal is display's. */
    in.n_channels = 0;
    add_channel(&in, "search: cost-per-lead=40, leads=2000");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_close(r.deals, 50);
    assert_same_double(r.channels[1].leads, 0.0);
    assert_close(r.marginal_cost_per_deal, 2800);
}

/* A budget above the capacity: the capacity binds under a target; without
 * one the leads it buys (200) cannot exceed the capacity (100). */
static void test_budget_above_the_capacity(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(5);
    fpl_channels_input in = {0};
    add_channel(&in, "ads: cost-per-lead=2, spend=400, capacity=100");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.channels[0].leads, 100);
    assert_true(r.channels[0].at_capacity);
    assert_false(r.channels[0].at_budget);
    assert_same_double(r.channels[0].budget_leads, 200);
    assert_close(r.channels[0].cost, 200);
    assert_close(r.channels[1].deals, 2.5); /* 5 - 100 x 2.5% */
    t.target = FPL_TARGET_NONE;
    in.n_channels = 1;
    fpl_error err;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err),
                     FPL_ERR_CHANNEL_OVER_CAPACITY);
    assert_error(err, FPL_ERR_CHANNEL_OVER_CAPACITY, FPL_FIELD_CHANNEL_SPEND, 0);
}

/* Fixed shares set every channel's leads: a committed channel is refused. */
static void test_committed_leads_refused_with_fixed_shares(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(8);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, share=50%");
    add_channel(&in, "display: spend=3500, leads=100, share=50%");
    in.by_shares = true;
    fpl_channels r;
    fpl_error err;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_COMMITTED);
    assert_error(err, FPL_ERR_CHANNEL_COMMITTED, FPL_FIELD_CHANNEL_LEADS, 1);
    assert_true(fpl_status_is_input_error(FPL_ERR_CHANNEL_COMMITTED));
    /* A budget is a limit, like a capacity: 8,000 / 40 = 200 leads at half
     * the leads is 400 leads, 7.5 deals at most. */
    in.n_channels = 0;
    add_channel(&in, "search: cost-per-lead=40, spend=8000, share=50%");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5, share=50%");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHORT);
    assert_close(r.most_leads, 400);
    assert_close(r.most_deals, 7.5);
}

/* Without a target a spend given with its leads is the cost, exactly: 1 / 49
 * x 49 is 0.9999999999999999 in doubles. */
static void test_spend_is_the_cost_without_a_target(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    fpl_channels_input in = {0};
    add_channel(&in, "a: spend=1, leads=49");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true((1.0 / 49.0) * 49.0 != 1.0); /* the case is one that tells */
    assert_same_double(r.channels[0].cost, 1.0);
    assert_same_double(r.cost, 1.0);
}

/* Fixed shares that fill a channel exactly: its leads are its capacity, not
 * 599.9999999999999, and one more deal is past the limit. */
static void test_shares_exactly_at_capacity(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = deal_terms(22.5);
    fpl_channels_input in = {0};
    add_channel(&in, "search: cost-per-lead=40, capacity=600, share=50%");
    add_channel(&in, "display: cost-per-lead=35, quality=0.5, share=50%");
    in.by_shares = true;
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(22.5 / (0.5 * 0.025 + 0.5 * 0.0125) / 2 < 600); /* rounding tells */
    assert_same_double(r.channels[0].leads, 600);
    assert_true(r.channels[0].at_capacity);
    assert_false(r.has_marginal);
    /* 9 deals: 1/2 x 40 + 1/2 x 35 = 37.5 a lead for 3/160 deals: 2,000. */
    t.deals = 9;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_true(r.has_marginal);
    assert_close(r.marginal_cost_per_deal, 2000);
}

/* Comparisons at a limit allow 64 epsilons of rounding: a target equal to
 * a channel's supply in decimal is met at its capacity, not a hair short of
 * it, nor refused as out of reach. */
static void test_capacity_comparisons_allow_rounding(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_terms t = deal_terms(0.3);
    fpl_channels_input in = {0};
    add_channel(&in, "a: cost-per-lead=10, capacity=3");
    add_channel(&in, "b: cost-per-lead=20");
    fpl_channels r;
    /* 3 x 0.1 is 0.30000000000000004: above the target by a hair. */
    assert_true(3 * 0.1 > 0.3);
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.channels[0].leads, 3);
    assert_true(r.channels[0].at_capacity);
    assert_same_double(r.channels[1].leads, 0.0);
    assert_int_equal(r.marginal_channel, 1); /* a is full */
    assert_close(r.marginal_cost_per_deal, 200);

    /* 3 x 0.3 is 0.8999999999999999: below the target by a hair. */
    fpl_funnel g = {0};
    fpl_test_add(&g, "lead", 0.3);
    t.deals = 0.9;
    in.n_channels = 0;
    add_channel(&in, "a: cost-per-lead=10, capacity=3");
    assert_true(3 * 0.3 < 0.9);
    assert_int_equal(fpl_channels_compute(&g, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.channels[0].leads, 3);
    assert_false(r.has_marginal);

    /* By shares: 4.2 deals / 0.3 is 14.000000000000002 leads, 7 each,
     * a's capacity: met, a full. */
    t.deals = 4.2;
    in.n_channels = 0;
    add_channel(&in, "a: cost-per-lead=10, capacity=7, share=50%");
    add_channel(&in, "b: cost-per-lead=20, share=50%");
    in.by_shares = true;
    assert_true(4.2 / (0.5 * 0.3 + 0.5 * 0.3) > 14);
    assert_int_equal(fpl_channels_compute(&g, &t, &in, &r, NULL), FPL_OK);
    assert_same_double(r.channels[0].leads, 7);
    assert_true(r.channels[0].at_capacity);
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
    fpl_error err;
    memset(&err, 0x5A, sizeof err);
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_OK);
    assert_int_equal(err.status, FPL_OK);
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
    /* Issue 15: the last deal allocated cost 1,800 (webinars), but both
     * cheap channels are full: one more deal is display's, 35 / 1.25%. */
    assert_true(r.has_marginal);
    assert_int_equal(r.marginal_channel, 2);
    assert_int_equal(r.marginal_last_channel, 2);
    assert_close(r.marginal_cost_per_deal, 2800);

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
    assert_int_equal(r.marginal_last_channel, r.n_channels);
    /* 50% x 40 + 25% x 90 + 25% x 35 = 51.25 a lead, for 0.028125 deals */
    assert_close(r.marginal_cost_per_deal, 51.25 / 0.028125);
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
    fpl_error err;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHORT);
    assert_false(fpl_status_is_input_error(FPL_ERR_CHANNEL_SHORT));
    /* No channel and no field is at fault: the question has no answer. */
    assert_error(err, FPL_ERR_CHANNEL_SHORT, FPL_FIELD_NONE, FPL_NO_INDEX);
    /* The result holds the most they can deliver, every channel full: search
     * 600 leads (15 deals), webinars 300 (15), display 200 (2.5). */
    assert_true(r.has_most);
    assert_close(r.most_leads, 1100);
    assert_close(r.most_deals, 32.5);
    assert_true(r.has_most_revenue);
    assert_close(r.most_revenue, 130000);
    assert_int_equal(r.per, FPL_PERIOD_MONTH);
    assert_int_equal(r.target, FPL_TARGET_DEALS);
    assert_false(r.by_shares);
    /* ... and nothing else: no channels, no totals. */
    assert_int_equal(r.n_channels, 0);
    assert_same_double(r.leads, 0.0);
    assert_same_double(r.deals, 0.0);
    assert_same_double(r.cost, 0.0);
    assert_same_double(r.target_deals, 0.0);
    assert_false(r.has_revenue);
    assert_false(r.has_marginal);
    assert_same_double(r.channels[0].leads, 0.0);
    assert_int_equal(r.ranking[0], 0);
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
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHORT);
    assert_error(err, FPL_ERR_CHANNEL_SHORT, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_true(r.has_most);
    assert_true(r.by_shares);
    assert_close(r.most_leads, 1200);
    assert_close(r.most_deals, 33.75);
    assert_true(r.has_most_revenue);
    assert_close(r.most_revenue, 135000);
    assert_int_equal(r.n_channels, 0);
    /* Without a deal size the most revenue is unknown. */
    t.has_deal_size = false;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHORT);
    assert_close(r.most_deals, 33.75);
    assert_false(r.has_most_revenue);
    assert_same_double(r.most_revenue, 0.0);
    t.has_deal_size = true;
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
    fpl_error err;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_DEAL_SIZE_MISSING);
    /* The revenue target is what needs a deal size for channel "small". */
    assert_error(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_REVENUE, FPL_NO_INDEX);
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
        assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_ERR_CHANNEL_SHORT);
        assert_true(r.has_most);
        assert_close(r.most_deals, supply);
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
    fpl_error err;

    /* A factor that pushes the top rate past 100%: display's quality. */
    in.channels[2].quality_value = 6;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_QUALITY);
    assert_error(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_QUALITY, 2);
    assert_string_equal(fpl_error_message(&err), fpl_strerror(FPL_ERR_CHANNEL_QUALITY));
    assert_true(fpl_status_is_input_error(FPL_ERR_CHANNEL_QUALITY));
    in.channels[2].quality_value = 5; /* exactly 100% is allowed */
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_OK);
    assert_close(r.channels[2].top_rate, 1.0);

    /* A rate of its own out of range, on webinars. */
    guide_channels(&in);
    in.channels[1].quality_value = 0.0;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_QUALITY);
    assert_error(err, FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_RATE, 1);
    assert_string_equal(fpl_error_message(&err), "rate must be above 0% and at most 100%");

    guide_channels(&in);
    strcpy(in.channels[1].name, "search");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_DUPLICATE);
    assert_error(err, FPL_ERR_CHANNEL_DUPLICATE, FPL_FIELD_CHANNEL, 1);

    guide_channels(&in);
    strcpy(in.channels[2].name, "won");
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_STAGE_NAME_RESERVED);
    assert_error(err, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_CHANNEL, 2);
    assert_string_equal(fpl_error_message(&err),
                        "channel name is reserved (won, deal-size, volume, cost-per-lead)");

    guide_channels(&in);
    in.channels[1].capacity = -1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_CAPACITY);
    assert_error(err, FPL_ERR_CHANNEL_CAPACITY, FPL_FIELD_CHANNEL_CAPACITY, 1);

    guide_channels(&in);
    in.channels[0].cost_per_lead = NAN;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_COST);
    assert_error(err, FPL_ERR_COST, FPL_FIELD_CHANNEL_COST_PER_LEAD, 0);

    guide_channels(&in);
    in.channels[2].has_deal_size = true;
    in.channels[2].deal_size = -5;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_DEAL_SIZE);
    assert_error(err, FPL_ERR_DEAL_SIZE, FPL_FIELD_CHANNEL_DEAL_SIZE, 2);

    /* A spend with a cost per lead of 0 buys no number of leads. */
    guide_channels(&in);
    in.channels[1].cost_per_lead = 0;
    in.channels[1].has_spend = true;
    in.channels[1].spend = 100;
    in.channels[1].has_capacity = false;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_COST);
    assert_error(err, FPL_ERR_CHANNEL_COST, FPL_FIELD_CHANNEL_COST_PER_LEAD, 1);

    /* Without a target every channel needs its leads. */
    guide_channels(&in);
    fpl_terms none = t;
    none.target = FPL_TARGET_NONE;
    assert_int_equal(fpl_channels_compute(&f, &none, &in, &r, &err), FPL_ERR_CHANNEL_LEADS);
    assert_error(err, FPL_ERR_CHANNEL_LEADS, FPL_FIELD_CHANNEL_LEADS, 0);
    for (size_t i = 0; i < 2; ++i) {
        in.channels[i].has_leads = true;
        in.channels[i].leads = 10;
    }
    assert_int_equal(fpl_channels_compute(&f, &none, &in, &r, &err), FPL_ERR_CHANNEL_LEADS);
    assert_error(err, FPL_ERR_CHANNEL_LEADS, FPL_FIELD_CHANNEL_LEADS, 2);

    /* Shares: one missing (webinars), or not adding up to 100% (the split). */
    guide_channels(&in);
    in.by_shares = true;
    in.channels[1].has_share = false;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHARE);
    assert_error(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_CHANNEL_SHARE, 1);
    in.channels[1].has_share = true;
    in.channels[1].share = 0.2;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHARE);
    assert_error(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_ALLOCATE, FPL_NO_INDEX);
    /* Thirds add up to 100% within rounding. */
    for (size_t i = 0; i < 3; ++i) {
        in.channels[i].share = 1.0 / 3.0;
    }
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_OK);
    /* 99.5% is not 100%: only rounding is forgiven */
    in.channels[0].share = 0.5;
    in.channels[1].share = 0.25;
    in.channels[2].share = 0.245;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_SHARE);
    assert_error(err, FPL_ERR_CHANNEL_SHARE, FPL_FIELD_ALLOCATE, FPL_NO_INDEX);
    /* one channel with every lead: a share of 100% is a share */
    in.channels[0].share = 0.0;
    in.channels[1].share = 0.0;
    in.channels[2].share = 1.0; /* display, which has no capacity */
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_OK);
    assert_same_double(r.channels[0].leads, 0.0);
    assert_same_double(r.channels[1].leads, 0.0);
    assert_true(r.channels[2].leads > 0.0);

    in.n_channels = 0;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_COUNT);
    assert_error(err, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    in.n_channels = FPL_MAX_CHANNELS + 1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_CHANNEL_COUNT);
    assert_error(err, FPL_ERR_CHANNEL_COUNT, FPL_FIELD_CHANNEL, FPL_NO_INDEX);
    in.n_channels = 3;

    /* The terms and the funnel are described as their own checks do. */
    t.deals = -1;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_DEALS);
    assert_error(err, FPL_ERR_DEALS, FPL_FIELD_DEALS, FPL_NO_INDEX);
    t.deals = 10;
    t.margin = 2;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_MARGIN);
    assert_error(err, FPL_ERR_MARGIN, FPL_FIELD_MARGIN, FPL_NO_INDEX);
    t.margin = 0.6;
    fpl_funnel empty = {0};
    assert_int_equal(fpl_channels_compute(&empty, &t, &in, &r, &err), FPL_ERR_STAGE_COUNT);
    assert_error(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    fpl_funnel bad = f;
    bad.stages[1].rate = 1.5;
    assert_int_equal(fpl_channels_compute(&bad, &t, &in, &r, &err), FPL_ERR_RATE_RANGE);
    assert_error(err, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, 1);
    assert_int_equal(fpl_channels_compute(NULL, &t, &in, &r, &err), FPL_ERR_NULL);
    assert_error(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_int_equal(fpl_channels_compute(&f, &t, &in, NULL, NULL), FPL_ERR_NULL);
}

static void test_overflow_is_a_question_without_answer(void **state)
{
    (void)state;
    fpl_funnel f = three_stage_funnel();
    fpl_terms t = {0};
    fpl_channels_input in = {0};
    add_channel(&in, "huge: cost-per-lead=1e300, leads=9e15");
    fpl_channels r;
    fpl_error err;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, &err), FPL_ERR_OVERFLOW);
    assert_error(err, FPL_ERR_OVERFLOW, FPL_FIELD_NONE, FPL_NO_INDEX); /* the totals */

    /* A channel whose rate to won underflows: that channel. */
    fpl_funnel tiny = {0};
    for (int k = 0; k < 4; ++k) {
        char name[8];
        snprintf(name, sizeof name, "s%d", k);
        fpl_test_add(&tiny, name, 1e-100);
    }
    in.channels[0].leads = 10;
    in.channels[0].cost_per_lead = 1;
    assert_int_equal(fpl_channels_compute(&tiny, &t, &in, &r, &err), FPL_ERR_OVERFLOW);
    assert_error(err, FPL_ERR_OVERFLOW, FPL_FIELD_CHANNEL, 0);
}

/* A channel whose cost per lead is exactly its break-even cost (8,000 ×
 * 50% × 25% = 1,000 at a margin of 100%) has a headroom of 0: it does not
 * lose money, it breaks even (ROI 0); a cent more per lead loses. */
static void test_break_even_channel_does_not_lose_money(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 8000;
    fpl_channels_input in = {0};
    add_channel(&in, "even: cost-per-lead=1000, leads=80");
    add_channel(&in, "over: cost-per-lead=1000.01, leads=80");
    fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    const fpl_channel_figures *even = &r.channels[0];
    assert_same_double(even->value_per_lead, 1000.0);
    assert_same_double(even->break_even_cost_per_lead, 1000.0);
    assert_same_double(even->headroom, 0.0);
    assert_false(even->loses_money);
    assert_same_double(even->roi, 0.0);
    assert_same_double(even->gross_profit, 0.0);
    const fpl_channel_figures *over = &r.channels[1];
    assert_close(over->headroom, -0.01);
    assert_true(over->loses_money);
    assert_int_equal(r.n_losing, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_reads_every_field),
        cmocka_unit_test(test_parse_refuses_bad_specs_and_names_the_field),
        cmocka_unit_test(test_messages_speak_of_the_channel),
        cmocka_unit_test(test_set_name_checks_and_copies),
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
        cmocka_unit_test(test_next_deal_split_between_two_channels),
        cmocka_unit_test(test_every_channel_full_has_no_marginal_cost),
        cmocka_unit_test(test_leads_commit_and_spend_caps_with_a_target),
        cmocka_unit_test(test_committed_leads_refused_with_fixed_shares),
        cmocka_unit_test(test_budget_above_the_capacity),
        cmocka_unit_test(test_spend_is_the_cost_without_a_target),
        cmocka_unit_test(test_shares_exactly_at_capacity),
        cmocka_unit_test(test_capacity_comparisons_allow_rounding),
        cmocka_unit_test(test_break_even_channel_does_not_lose_money),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — the text tables and CSV of schedules, paces and lead
 * channels (src/render/table_schedule.c, table_channels.c): the bytes
 * `funnelplan schedule|pace|channels` print, checked by hand.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* lead 10% > opportunity 50%, 24 deals a year. */
static void small_question(fpl_funnel *f, fpl_terms *t)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.10);
    fpl_test_add(f, "opportunity", 0.50);
    *t = (fpl_terms){0};
    t->per = FPL_PERIOD_YEAR;
    t->target = FPL_TARGET_DEALS;
    t->deals = 24;
}

/* Two months from 2027-01, an opportunity closing a month after it enters:
 * 2 deals a month need 4 opportunities and 40 leads the month before. */
static void small_schedule(fpl_funnel *f, fpl_schedule *s)
{
    fpl_terms t;
    small_question(f, &t);
    static fpl_schedule_input in;
    in = (fpl_schedule_input){0};
    in.start = (fpl_month){2027, 1};
    in.months = 2;
    in.lag[1] = 1;
    assert_int_equal(fpl_schedule_compute(f, &t, &in, s, NULL), FPL_OK);
}

/* Half the year gone, 216 leads of the 240 planned to date (90%, at risk)
 * and 12 deals of 12 (on track). */
static void small_pace(fpl_funnel *f, fpl_pace *p)
{
    fpl_terms t;
    small_question(f, &t);
    fpl_pace_input in = {0};
    in.elapsed = 0.5;
    in.has_actual[0] = true;
    in.actual[0] = 216;
    in.has_actual_deals = true;
    in.actual_deals = 12;
    assert_int_equal(fpl_pace_compute(f, &t, &in, p, NULL), FPL_OK);
}

/* 30 deals a month at 5,000 from ads (20 a lead, at most 400) and events
 * (60 a lead, its own top rate of 20%): ads full, events the rest. */
static void small_channels(fpl_funnel *f, fpl_terms *t, fpl_channels_input *in,
                           fpl_channels *r)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.10);
    fpl_test_add(f, "opportunity", 0.25);
    *t = (fpl_terms){0};
    t->target = FPL_TARGET_DEALS;
    t->deals = 30;
    t->has_deal_size = true;
    t->deal_size = 5000;
    *in = (fpl_channels_input){0};
    const char *spec[] = {"ads: cost-per-lead=20, capacity=400",
                          "events: cost-per-lead=60, rate=20%"};
    for (size_t i = 0; i < 2; ++i) {
        assert_int_equal(fpl_channel_parse(spec[i], strlen(spec[i]), &in->channels[i], NULL),
                         FPL_OK);
    }
    in->n_channels = 2;
    assert_int_equal(fpl_channels_compute(f, t, in, r, NULL), FPL_OK);
}

static char text[8192];

/* The rendering asserted to fit, its length that of the text. */
#define RENDER(fn, ...)                                                                 \
    do {                                                                                \
        size_t len_ = 0;                                                                \
        assert_int_equal(fn(__VA_ARGS__, text, sizeof text, &len_, NULL), FPL_OK);     \
        assert_true(len_ < sizeof text);                                                \
        assert_int_equal(strlen(text), len_);                                           \
    } while (0)

static void test_schedule_table_and_csv_are_the_cli_bytes(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    small_schedule(&f, &s);
    RENDER(fpl_schedule_render, &f, &s, FPL_RENDER_TABLE);
    assert_string_equal(text,
        "Schedule for 2 months from 2027-01: 4 deals, the same every month.\n"
        "Units that must enter each stage in each month:\n"
        "\n"
        "month    lead  opportunity  deals\n"
        "2026-12    40            4      0  before the start\n"
        "2027-01    40            4      2\n"
        "2027-02     0            0      2\n"
        "total      80            8      4\n"
        "\n"
        "Totals are the plan's volume per year for the 2 months of the span.\n"
        "Lags (months): lead 0, opportunity 1; from lead to a closed deal 1 months.\n"
        "Lead time: the funnel must start 1 month before 2027-01, in 2026-12.\n"
        "Figures are rounded for display (--format json gives exact values).\n");
    RENDER(fpl_schedule_render, &f, &s, FPL_RENDER_CSV);
    assert_string_equal(text,
        "month,in_span,share,deals,revenue,lead,opportunity\n"
        "2026-12,false,0,0,,40,4\n"
        "2027-01,true,0.5,2,,40,4\n"
        "2027-02,true,0.5,2,,0,0\n");
}

static void test_pace_table_and_csv_are_the_cli_bytes(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_pace p;
    small_pace(&f, &p);
    RENDER(fpl_pace_render, &f, &p, NULL, NULL, FPL_RENDER_TABLE);
    assert_string_equal(text,
        "Pace per year: 50% of the year elapsed; target 24 deals.\n"
        "\n"
        "             plan  to date  actual  attainment  projection  needed/year  still needed  "
        "per month left  status    implied deals\n"
        "lead          480      240     216         90%         432          528           264  "
        "            44  at risk           10.80\n"
        "opportunity    48       24       -           -           -            -             -  "
        "             -  -                     -\n"
        "deals          24       12      12        100%          24           24            12  "
        "             2  on track\n"
        "\n"
        "Status against plan to date: on track from 95%, at risk from 80%, off track below.\n"
        "Still needed: whole units to the plan's whole counts, less the actual; per month left: "
        "over the 6 months left.\n"
        "Figures are rounded for display (--format json gives exact values).\n");
    RENDER(fpl_pace_render, &f, &p, NULL, NULL, FPL_RENDER_CSV);
    /* 264 leads still needed (480 − 216) over the 6 months left: 44 a month */
    assert_string_equal(text,
        "stage,plan,plan_to_date,actual,attainment,projection,needed_rate,status,still_needed,"
        "still_needed_whole,needed_per_month,needed_per_month_whole,implied_deals\n"
        "lead,480,240,216,0.9,432,528,at risk,264,264,44,44,10.8\n"
        "opportunity,48,24,,,,,,,,,,\n"
        "deals,24,12,12,1,24,24,on track,12,12,2,2,\n");
    /* the dates the share was measured between, in the headline */
    const fpl_date start = {2027, 1, 1};
    const fpl_date as_of = {2027, 7, 2};
    RENDER(fpl_pace_render, &f, &p, &start, &as_of, FPL_RENDER_TABLE);
    static const char headline[] = "Pace per year: 50% of the year elapsed (2027-01-01 to "
                                   "2027-07-02); target 24 deals.\n\n";
    assert_memory_equal(text, headline, sizeof headline - 1);
}

static void test_channels_table_and_csv_are_the_cli_bytes(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    static fpl_channels_input in;
    static fpl_channels r;
    small_channels(&f, &t, &in, &r);
    RENDER(fpl_channels_render, &f, &t, &in, &r, FPL_RENDER_TABLE);
    assert_string_equal(text,
        "Lead channels per month: the cheapest allocation for 30 deals.\n"
        "Funnel: lead 10% > opportunity 25%; margin 100%. Ranked by ROI.\n"
        "\n"
        "#  channel  cost/lead  leads  deals  revenue    cost  cost/deal        ROI  "
        "break-even  headroom\n"
        "1  ads             20    400     10   50,000   8,000        800       525%  "
        "       125       105  full\n"
        "2  events          60    400     20  100,000  24,000      1,200  316.6667%  "
        "       250       190\n"
        "   total           40    800     30  150,000  32,000   1,066.67    368.75%\n"
        "\n"
        "Gross profit 118,000 per month.\n"
        "One more deal costs 1,200 (events).\n"
        "break-even: the highest cost per lead that still pays back (deal size x\n"
        "rate to won x margin); headroom: break-even - cost per lead.\n"
        "Figures are rounded for display (--format json gives exact values).\n");
    RENDER(fpl_channels_render, &f, &t, &in, &r, FPL_RENDER_CSV);
    assert_string_equal(text,
        "rank,channel,cost_per_lead,capacity,leads,share,opportunities,deals,revenue,cost,"
        "cost_per_opportunity,cost_per_deal,gross_profit,roi,break_even_cost_per_lead,"
        "headroom,loses_money,value_per_lead,at_capacity,committed,budget_leads,at_budget\n"
        "1,ads,20,400,400,0.5,40,10,50000,8000,200,800,42000,5.25,125,105,false,125,true,false,,"
        "false\n"
        "2,events,60,,400,0.5,80,20,100000,24000,300,1200,76000,3.1666666666666665,250,190,"
        "false,250,false,false,,false\n");
    /* the JSON is fpl_channels_json()'s */
    static char json[8192];
    size_t len;
    assert_int_equal(fpl_channels_json(&t, &in, &r, json, sizeof json, &len, NULL), FPL_OK);
    RENDER(fpl_channels_render, &f, &t, &in, &r, FPL_RENDER_JSON);
    assert_string_equal(text, json);
}

/* Capacity 0 gives the length, length + 1 the text; a short buffer is cut
 * like snprintf and still answers the whole length. */
static void test_tables_are_asked_for_their_length_first(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    small_schedule(&f, &s);
    for (int format = FPL_RENDER_TABLE; format <= FPL_RENDER_CSV; ++format) {
        size_t len = 0;
        assert_int_equal(fpl_schedule_render(&f, &s, (fpl_render_format)format, NULL, 0, &len,
                                             NULL),
                         FPL_OK);
        char *buf = malloc(len + 1);
        assert_non_null(buf);
        size_t again = 0;
        assert_int_equal(fpl_schedule_render(&f, &s, (fpl_render_format)format, buf, len + 1,
                                             &again, NULL),
                         FPL_OK);
        assert_int_equal(again, len);
        assert_int_equal(strlen(buf), len);
        char cut[8] = "xxxxxxx";
        assert_int_equal(fpl_schedule_render(&f, &s, (fpl_render_format)format, cut,
                                             sizeof cut, &again, NULL),
                         FPL_OK);
        assert_int_equal(again, len);
        assert_memory_equal(cut, buf, sizeof cut - 1);
        assert_int_equal(cut[sizeof cut - 1], '\0');
        free(buf);
    }
}

static void test_tables_refuse_what_they_cannot_write(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    static fpl_pace p;
    fpl_terms t;
    static fpl_channels_input in;
    static fpl_channels r;
    small_schedule(&f, &s);
    assert_int_equal(fpl_schedule_render(&f, &s, FPL_RENDER_TABLE, text, sizeof text, NULL,
                                         NULL),
                     FPL_ERR_NULL);
    small_pace(&f, &p);
    fpl_error e;
    size_t len = 99;
    assert_int_equal(fpl_pace_render(&f, &p, NULL, NULL, FPL_RENDER_CSV, text, sizeof text,
                                     NULL, &e),
                     FPL_ERR_NULL);
    assert_int_equal(e.status, FPL_ERR_NULL);
    assert_int_equal(fpl_pace_render(&f, &p, NULL, NULL, FPL_RENDER_SVG, text, sizeof text,
                                     &len, &e),
                     FPL_ERR_FORMAT);
    assert_int_equal(e.field, FPL_FIELD_FORMAT);
    assert_int_equal(len, 99); /* nothing written, no length */
    small_channels(&f, &t, &in, &r);
    assert_int_equal(fpl_channels_render(&f, &t, &in, &r, FPL_RENDER_CSV, text, sizeof text,
                                         NULL, NULL),
                     FPL_ERR_NULL);
    /* the funnel the headline lists is checked too */
    assert_int_equal(fpl_channels_render(NULL, &t, &in, &r, FPL_RENDER_TABLE, text,
                                         sizeof text, &len, NULL),
                     FPL_ERR_NULL);
    f.n_stages = FPL_MAX_STAGES + 1;
    assert_int_equal(fpl_channels_render(&f, &t, &in, &r, FPL_RENDER_TABLE, text,
                                         sizeof text, &len, NULL),
                     FPL_ERR_STAGE_COUNT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_table_and_csv_are_the_cli_bytes),
        cmocka_unit_test(test_pace_table_and_csv_are_the_cli_bytes),
        cmocka_unit_test(test_channels_table_and_csv_are_the_cli_bytes),
        cmocka_unit_test(test_tables_are_asked_for_their_length_first),
        cmocka_unit_test(test_tables_refuse_what_they_cannot_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

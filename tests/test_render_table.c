/*
 * funnelplan — the tables and CSV of plans and forecasts (src/render/text.c,
 * table_plan.c): bytes checked by hand.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

/* 120,000 a month at 1,000 a deal: 120 deals; "won it" at 25% needs 480,
 * lead at 50% needs 960; 960 leads at 10 cost 9,600 (80 a deal, 20 for
 * each unit entering "won it"); 40% of 120,000 is 48,000. */
static void plan_120(fpl_funnel *f, fpl_plan *p)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.5);
    fpl_test_add(f, "won it", 0.25);
    fpl_terms t = {.per = FPL_PERIOD_MONTH, .target = FPL_TARGET_REVENUE, .revenue = 120000,
                   .has_deal_size = true, .deal_size = 1000, .has_cost_per_lead = true,
                   .cost_per_lead = 10, .has_margin = true, .margin = 0.4};
    assert_int_equal(fpl_plan_compute(f, &t, p, NULL), FPL_OK);
}

static const char plan_120_table[] =
    "Plan per month: revenue 120,000 \u00F7 deal size 1,000 = 120 deals\n"
    "\n"
    "stage   rate  cumulative  whole/month  cost each  per month  per quarter   per year\n"
    "lead     50%       12.5%          960      10.00     960.00     2,880.00  11,520.00  "
    "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588"
    "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
    "won it   25%         25%          480      20.00     480.00     1,440.00   5,760.00  "
    "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
    "won                               120      80.00     120.00       360.00   1,440.00  "
    "\u2588\u2588\u2588\n"
    "\n"
    "Budget at a cost per lead of 10: 9,600 per month, 28,800 per quarter, 115,200 per year; "
    "cost per deal 80.\n"
    "Gross profit at a margin of 40%: 48,000 per month.\n"
    "\n"
    "Figures are rounded for display (--format json gives exact values).\n"
    "Whole counts are rounded up: the deals first, then each stage from the bottom of the "
    "funnel up.\n";

static void test_plan_table_bytes(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan_120(&f, &p);
    char text[4096];
    size_t len = 0;
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                     &len, NULL),
                     FPL_OK);
    assert_string_equal(text, plan_120_table);
    assert_int_equal(len, sizeof plan_120_table - 1);
}

/* Asked with capacity 0 it tells the length; cut short it keeps a prefix
 * and the NUL; with length + 1 it writes it all. */
static void test_plan_render_length_first(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan_120(&f, &p);
    size_t len = 0;
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_TABLE, NULL, 0, &len, NULL),
                     FPL_OK);
    assert_int_equal(len, sizeof plan_120_table - 1);
    char small[11];
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_TABLE, small,
                                     sizeof small, &len, NULL),
                     FPL_OK);
    assert_string_equal(small, "Plan per m");
    assert_int_equal(len, sizeof plan_120_table - 1);
}

/* A name with a comma and a quote is quoted, the quote doubled. */
static void test_plan_csv_bytes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "a,\"b\"", 0.5);
    fpl_terms t = {.per = FPL_PERIOD_YEAR, .target = FPL_TARGET_DEALS, .deals = 12};
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    char text[1024];
    size_t len = 0;
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_CSV, text, sizeof text,
                                     &len, NULL),
                     FPL_OK);
    assert_string_equal(text, "stage,rate,cumulative_rate,required,required_whole,"
                              "required_per_month,required_per_quarter,required_per_year\n"
                              "\"a,\"\"b\"\"\",0.5,0.5,24,24,2,6,24\n");
    /* blanks at either end would be lost by a CSV reader: quoted too */
    f = (fpl_funnel){0};
    fpl_test_add(&f, "x ", 0.5);
    fpl_test_add(&f, " y", 0.5);
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_CSV, text, sizeof text,
                                     &len, NULL),
                     FPL_OK);
    assert_string_equal(text, "stage,rate,cumulative_rate,required,required_whole,"
                              "required_per_month,required_per_quarter,required_per_year\n"
                              "\"x \",0.5,0.25,48,48,4,12,48\n"
                              "\" y\",0.5,0.5,24,24,2,6,24\n");
}

/* JSON is the result's JSON function, byte for byte. */
static void test_plan_render_json_is_plan_json(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan_120(&f, &p);
    char a[8192];
    char b[8192];
    size_t la = 0;
    size_t lb = 0;
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_JSON, a, sizeof a, &la,
                                     NULL),
                     FPL_OK);
    assert_int_equal(fpl_plan_json(&f, &p, NULL, NULL, 0, b, sizeof b, &lb, NULL), FPL_OK);
    assert_int_equal(la, lb);
    assert_string_equal(a, b);
}

static void test_forecast_csv_and_table(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_test_add(&f, "close", 0.25);
    fpl_terms t = {.per = FPL_PERIOD_MONTH, .has_deal_size = true, .deal_size = 1000};
    fpl_forecast_input in = {.volume = 100, .at = 0};
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    char text[4096];
    size_t len = 0;
    assert_int_equal(fpl_forecast_render(&f, &r, NULL, 0, FPL_RENDER_CSV, text, sizeof text,
                                         &len, NULL),
                     FPL_OK);
    assert_string_equal(text, "stage,rate,expected,expected_per_month,expected_per_quarter,"
                              "expected_per_year\n"
                              "lead,0.5,100,100,300,1200\n"
                              "close,0.25,50,50,150,600\n");
    assert_int_equal(fpl_forecast_render(&f, &r, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                         &len, NULL),
                     FPL_OK);
    /* 100 leads at 50% then 25%: 12.5 deals, 12,500 of revenue. */
    const char *first = "Forecast per month: 100 enter lead \u2192 12.50 deals \u00D7 deal size "
                        "1,000 = revenue 12,500\n\nstage  rate  per month  per quarter  per year\n";
    assert_memory_equal(text, first, strlen(first));
    assert_non_null(strstr(text, "\nwon              12.50        37.50    150.00  \u2588\u2588\u2588\n"));
    assert_non_null(strstr(text, "Revenue: 12,500 per month, 37,500 per quarter, 150,000 per year.\n"));
}

static void test_render_refusals(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan_120(&f, &p);
    char text[64];
    size_t len = 7;
    fpl_error err;
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                     NULL, &err),
                     FPL_ERR_NULL);
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, (fpl_render_format)42, text,
                                     sizeof text, &len, &err),
                     FPL_ERR_FORMAT);
    assert_error(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX);
    assert_int_equal(len, 7); /* untouched on failure */
    assert_int_equal(fpl_plan_render(NULL, &p, NULL, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                     &len, &err),
                     FPL_ERR_NULL);
    p.n_stages = 3; /* more than the funnel: checked as the JSON checks it, in every format */
    assert_int_equal(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_CSV, text, sizeof text,
                                     &len, &err),
                     FPL_ERR_STAGE_COUNT);
    assert_error(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    assert_int_equal(len, 7);
}

/* Format names read back; anything else is refused with its bytes. */
static void test_render_format_names(void **state)
{
    (void)state;
    for (int f = FPL_RENDER_TABLE; f <= FPL_RENDER_SVG; ++f) {
        const char *name = fpl_render_format_name((fpl_render_format)f);
        fpl_render_format back = (fpl_render_format)99;
        assert_int_equal(fpl_render_format_parse(name, FPL_NUL_TERMINATED, &back, NULL), FPL_OK);
        assert_int_equal(back, f);
    }
    assert_string_equal(fpl_render_format_name(FPL_RENDER_CSV), "csv");
    assert_null(fpl_render_format_name((fpl_render_format)4));
    fpl_render_format out = FPL_RENDER_CSV;
    fpl_error err;
    assert_int_equal(fpl_render_format_parse("tablex", 5, &out, NULL), FPL_OK);
    assert_int_equal(out, FPL_RENDER_TABLE);
    assert_int_equal(fpl_render_format_parse("JSON", 4, &out, &err), FPL_ERR_FORMAT);
    assert_error_at(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX, 0, 4);
    assert_int_equal(fpl_render_format_parse("", 0, &out, &err), FPL_ERR_FORMAT);
    assert_int_equal(fpl_render_format_parse(NULL, 0, &out, &err), FPL_ERR_NULL);
    assert_int_equal(out, FPL_RENDER_TABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_table_bytes),
        cmocka_unit_test(test_plan_render_length_first),
        cmocka_unit_test(test_plan_csv_bytes),
        cmocka_unit_test(test_plan_render_json_is_plan_json),
        cmocka_unit_test(test_forecast_csv_and_table),
        cmocka_unit_test(test_render_refusals),
        cmocka_unit_test(test_render_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

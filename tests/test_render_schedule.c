/*
 * funnelplan — rendering schedules and paces: months as text, the views
 * and their JSON.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <limits.h>

/* The JSON of a view as a NUL-terminated string in out (asserting it fits). */
static void json_of(const fpl_view *v, char *out, size_t capacity)
{
    size_t len = fpl_view_json(v->nodes, v->count, out, capacity);
    assert_true(len < capacity);
    assert_int_equal(strlen(out), len);
}

/* ---- months and dates --------------------------------------------------- */

static void test_months_and_dates_are_written_as_printf_writes_them(void **state)
{
    (void)state;
    char text[FPL_CALENDAR_TEXT_MAX];
    assert_int_equal(fpl_month_format((fpl_month){2027, 1}, text, sizeof text), 7);
    assert_string_equal(text, "2027-01");
    assert_int_equal(fpl_month_format((fpl_month){1, 12}, text, sizeof text), 7);
    assert_string_equal(text, "0001-12");
    assert_int_equal(fpl_date_format((fpl_date){2027, 3, 15}, text, sizeof text), 10);
    assert_string_equal(text, "2027-03-15");
    assert_int_equal(fpl_date_format((fpl_date){9999, 12, 31}, text, sizeof text), 10);
    assert_string_equal(text, "9999-12-31");
    /* any ints, as "%04d-%02d" and "%04d-%02d-%02d" */
    const int values[] = {0, 1, 9, 10, 99, 100, 999, 1000, 12345, -1, -5, -99, -1000,
                          INT_MAX, INT_MIN};
    const size_t n = sizeof values / sizeof values[0];
    for (size_t a = 0; a < n; ++a) {
        for (size_t b = 0; b < n; ++b) {
            char want[64];
            int len = snprintf(want, sizeof want, "%04d-%02d", values[a], values[b]);
            assert_int_equal(fpl_month_format((fpl_month){values[a], values[b]}, text,
                                              sizeof text),
                             len);
            assert_string_equal(text, want);
            len = snprintf(want, sizeof want, "%04d-%02d-%02d", values[a], values[b],
                           values[(a + b) % n]);
            assert_true(len < FPL_CALENDAR_TEXT_MAX);
            assert_int_equal(fpl_date_format((fpl_date){values[a], values[b], values[(a + b) % n]},
                                             text, sizeof text),
                             len);
            assert_string_equal(text, want);
        }
    }
}

static void test_months_are_cut_like_snprintf(void **state)
{
    (void)state;
    char text[5] = "xxxx";
    assert_int_equal(fpl_month_format((fpl_month){2027, 1}, text, sizeof text), 7);
    assert_string_equal(text, "2027");
    assert_int_equal(fpl_month_format((fpl_month){2027, 1}, NULL, 0), 7);
    assert_int_equal(fpl_date_format((fpl_date){2027, 1, 2}, text, 1), 10);
    assert_string_equal(text, "");
}

/* ---- schedule ----------------------------------------------------------- */

/* Two stages, three rows (one before the start), built by hand. */
static void hand_schedule(fpl_funnel *f, fpl_schedule *s)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, "lead", 0.1);
    fpl_test_add(f, "opportunity", 0.5);
    memset(s, 0, sizeof *s);
    s->per = FPL_PERIOD_YEAR;
    s->n_stages = 2;
    s->start = (fpl_month){2027, 1};
    s->months = 2;
    s->lead_months = 1;
    s->n_rows = 3;
    s->total_lag = 1;
    s->deals = 4;
    s->totals[0] = 80;
    s->totals[1] = 8;
    s->lag_months[1] = 1;
    s->lag_days[1] = FPL_DAYS_PER_MONTH;
    const fpl_month months[3] = {{2026, 12}, {2027, 1}, {2027, 2}};
    for (size_t r = 0; r < 3; ++r) {
        s->rows[r].month = months[r];
        s->rows[r].in_span = r > 0;
        s->rows[r].share = r > 0 ? 0.5 : 0;
        s->rows[r].deals = r > 0 ? 2 : 0;
        s->rows[r].entering[0] = r < 2 ? 40 : 0;
        s->rows[r].entering[1] = r < 2 ? 4 : 0;
    }
}

static void test_schedule_view_has_the_contract_nodes(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    hand_schedule(&f, &s);
    fpl_node nodes[128];
    fpl_view v;
    fpl_view_init(&v, nodes, 128);
    assert_int_equal(fpl_view_schedule(&v, NULL, &f, &s, NULL), FPL_OK);
    /* root, 9 leaves, seasonality and monthly null, stages [2 x 6], rows [3 x
     * (object, 5 leaves, entering [2])], 5 leaves, velocity null */
    assert_int_equal(v.count, 1 + 9 + 2 + 13 + 1 + 3 * 9 + 5 + 1);
    assert_int_equal(v.needed, v.count);
    assert_int_equal(nodes[0].children, 9 + 2 + 2 + 5 + 1);
    assert_int_equal(nodes[3].kind, FPL_NODE_MONTH);
    assert_string_equal(nodes[3].key, "start");
    assert_int_equal(nodes[3].value.month.year, 2027);

    static char text[8192];
    json_of(&v, text, sizeof text);
    assert_non_null(strstr(text, "{\n  \"command\": \"schedule\",\n  \"per\": \"year\",\n"
                                 "  \"start\": \"2027-01\",\n  \"months\": 2,\n"
                                 "  \"lead_months\": 1,\n  \"total_lag\": 1,\n  \"deals\": 4,\n"
                                 "  \"revenue\": null,\n  \"deal_size\": null,\n"
                                 "  \"seasonality\": null,\n  \"monthly\": null,\n"));
    assert_non_null(strstr(text, "\"name\": \"opportunity\",\n      \"rate\": 0.5,\n"
                                 "      \"lag_months\": 1,\n      \"lag_days\": 30.436875,\n"
                                 "      \"total\": 8\n"));
    assert_non_null(strstr(text, "    {\n      \"month\": \"2026-12\",\n"
                                 "      \"in_span\": false,\n      \"share\": 0,\n"
                                 "      \"deals\": 0,\n      \"revenue\": null,\n"
                                 "      \"entering\": [\n        40,\n        4\n      ]\n"
                                 "    },\n"));
    assert_non_null(strstr(text, "  \"reps\": null,\n  \"quota\": null,\n"
                                 "  \"attainment\": null,\n  \"reps_needed\": null,\n"
                                 "  \"reps_needed_whole\": null,\n  \"velocity\": null\n}\n"));
    size_t len;
    static char one_call[8192];
    assert_int_equal(fpl_schedule_json(&f, &s, one_call, sizeof one_call, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(text));
    assert_string_equal(one_call, text);
}

static void test_schedule_view_shows_what_was_given(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    hand_schedule(&f, &s);
    s.has_monthly = true;
    s.monthly_kind = FPL_TARGET_REVENUE;
    s.monthly[0] = 1000;
    s.monthly[1] = 3000;
    s.monthly[2] = 99; /* past the span: not shown */
    s.has_reps = true;
    s.reps = 2;
    s.has_reps_needed = true;
    s.quota = 500;
    s.attainment = 0.8;
    s.reps_needed = 2.5;
    s.reps_needed_whole = 3;
    s.has_revenue = true;
    s.deal_size = 1000;
    s.revenue = 4000;
    s.has_velocity = true;
    s.velocity = 12.5;
    s.velocity_opportunities = 4;
    s.velocity_cycle_days = 30.5;
    static char text[16384];
    size_t len;
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, NULL), FPL_OK);
    assert_non_null(strstr(text, "  \"monthly\": {\n    \"kind\": \"revenue\",\n"
                                 "    \"values\": [\n      1000,\n      3000\n    ]\n  },\n"));
    assert_non_null(strstr(text, "      \"deals_per_rep\": 0,\n      \"entering_per_rep\": [\n"));
    assert_non_null(strstr(text, "  \"reps\": 2,\n  \"quota\": 500,\n  \"attainment\": 0.8,\n"
                                 "  \"reps_needed\": 2.5,\n  \"reps_needed_whole\": 3,\n"));
    assert_non_null(strstr(text, "  \"velocity\": {\n    \"per_day\": 12.5,\n"
                                 "    \"opportunities_per_month\": 4,\n    \"win_rate\": 0.5,\n"
                                 "    \"deal_size\": 1000,\n    \"cycle_days\": 30.5\n  }\n}\n"));
    s.has_monthly = false;
    s.has_weights = true;
    for (int m = 0; m < 12; ++m) {
        s.weights[m] = m + 0.5;
    }
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, NULL), FPL_OK);
    assert_non_null(strstr(text, "  \"seasonality\": [\n    0.5,\n    1.5,\n"));
    assert_non_null(strstr(text, "    11.5\n  ],\n  \"monthly\": null,\n"));
}

/* A computed schedule: fpl_schedule_json() (one row at a time) writes the
 * bytes of fpl_view_json() over the whole view, and is cut like snprintf. */
static void test_schedule_json_is_the_whole_view(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 1.0 / 3.0);
    fpl_terms t = {0};
    t.per = FPL_PERIOD_YEAR;
    t.target = FPL_TARGET_REVENUE;
    t.revenue = 480000;
    t.has_deal_size = true;
    t.deal_size = 4000;
    static fpl_schedule_input in;
    memset(&in, 0, sizeof in);
    in.start = (fpl_month){2027, 1};
    in.months = 12;
    in.has_weights = true;
    for (int m = 0; m < 12; ++m) {
        in.weights[m] = m < 6 ? 1 : 2;
    }
    in.lag[0] = 1.0;
    in.lag[1] = 45 / FPL_DAYS_PER_MONTH;
    in.has_reps = true;
    in.reps = 3;
    in.has_quota = true;
    in.quota = 200000;
    static fpl_schedule s;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);

    static fpl_node nodes[FPL_VIEW_SCHEDULE_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_SCHEDULE_NODES);
    assert_int_equal(fpl_view_schedule(&v, NULL, &f, &s, NULL), FPL_OK);
    static char whole[65536];
    json_of(&v, whole, sizeof whole);
    assert_non_null(strstr(whole, "\"month\": \"2026-10\""));  /* three months before */
    assert_non_null(strstr(whole, "\"attainment\": 1,\n"));   /* the attainment used */
    assert_non_null(strstr(whole, "\"lag_days\": 45,\n"));
    static char text[65536];
    size_t len;
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(whole));
    assert_string_equal(text, whole);
    /* the length first, then a text cut short, NUL-terminated */
    assert_int_equal(fpl_schedule_json(&f, &s, NULL, 0, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(whole));
    char cut[100];
    assert_int_equal(fpl_schedule_json(&f, &s, cut, sizeof cut, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(whole));
    assert_int_equal(strlen(cut), sizeof cut - 1);
    assert_memory_equal(cut, whole, sizeof cut - 1);
}

/* The node counts are exact: the largest results take all of them. */
static void test_largest_results_fit_the_promised_capacities(void **state)
{
    (void)state;
    static fpl_funnel f;
    f = (fpl_funnel){0};
    for (int i = 0; i < FPL_MAX_STAGES; ++i) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        fpl_test_add(&f, name, 0.5);
    }
    static fpl_schedule s;
    memset(&s, 0, sizeof s);
    s.n_stages = FPL_MAX_STAGES;
    s.start = (fpl_month){2027, 1};
    s.months = FPL_SCHEDULE_MAX_MONTHS;
    s.n_rows = FPL_SCHEDULE_MAX_ROWS;
    s.lead_months = FPL_SCHEDULE_MAX_ROWS - FPL_SCHEDULE_MAX_MONTHS;
    s.has_weights = true; /* never with monthly targets from the library: a bound */
    s.has_monthly = true;
    s.has_reps = true;
    s.has_reps_needed = true;
    s.has_velocity = true;
    s.has_revenue = true;
    static fpl_node nodes[FPL_VIEW_SCHEDULE_NODES + 1];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_SCHEDULE_NODES + 1);
    assert_int_equal(fpl_view_schedule(&v, NULL, &f, &s, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_SCHEDULE_NODES);
    /* one row of them */
    assert_int_equal(FPL_VIEW_SCHEDULE_ROW_NODES, 9 + 2 * FPL_MAX_STAGES);

    static fpl_pace p;
    memset(&p, 0, sizeof p);
    p.n_stages = FPL_MAX_STAGES;
    for (int i = 0; i < FPL_MAX_STAGES; ++i) {
        p.stages[i].has_actual = true;
        p.has_open[i] = true;
    }
    p.has_revenue = true;
    p.has_warning = true;
    p.has_coverage = true;
    p.has_reps = true;
    fpl_view_init(&v, nodes, FPL_VIEW_PACE_NODES + 1);
    assert_int_equal(fpl_view_pace(&v, NULL, &f, &p, NULL), FPL_OK);
    assert_int_equal(v.count, FPL_VIEW_PACE_NODES);
    assert_int_equal(FPL_VIEW_PACE_NODES, 56 + 25 * FPL_MAX_STAGES);
}

static void test_views_refuse_what_they_cannot_describe(void **state)
{
    (void)state;
    fpl_funnel f;
    static fpl_schedule s;
    hand_schedule(&f, &s);
    fpl_node nodes[16];
    fpl_view v;
    fpl_view_init(&v, nodes, 16);
    fpl_error err;
    size_t len;
    char text[16];
    assert_int_equal(fpl_view_schedule(NULL, NULL, &f, &s, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_schedule_json(&f, &s, NULL, 0, NULL, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_schedule_json(&f, &s, NULL, 5, &len, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_schedule_json(NULL, &s, text, sizeof text, &len, &err), FPL_ERR_NULL);
    /* too small a view: a prefix stored, the need told */
    assert_int_equal(fpl_view_schedule(&v, NULL, &f, &s, &err), FPL_ERR_WORKSPACE);
    assert_int_equal(err.field, FPL_FIELD_WORKSPACE);
    assert_int_equal(v.count, 16);
    assert_int_equal(v.needed, 59);
    s.n_stages = 3; /* more than the funnel */
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, &err),
                     FPL_ERR_STAGE_COUNT);
    assert_int_equal(err.field, FPL_FIELD_STAGE);
    s.n_stages = 0;
    fpl_view_init(&v, nodes, 16);
    assert_int_equal(fpl_view_schedule(&v, NULL, &f, &s, &err), FPL_ERR_STAGE_COUNT);
    assert_int_equal(v.count, 0); /* nothing added */
    s.n_stages = 2;
    s.n_rows = FPL_SCHEDULE_MAX_ROWS + 1;
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, &err), FPL_ERR_MONTHS);
    assert_int_equal(err.field, FPL_FIELD_MONTHS);
    s.n_rows = 3;
    s.per = (fpl_period)7;
    assert_int_equal(fpl_schedule_json(&f, &s, text, sizeof text, &len, &err), FPL_ERR_PERIOD);

    static fpl_pace p;
    memset(&p, 0, sizeof p);
    p.n_stages = 2;
    assert_int_equal(fpl_pace_json(&f, NULL, text, sizeof text, &len, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_pace_json(&f, &p, text, sizeof text, NULL, &err), FPL_ERR_NULL);
    p.has_warning = true;
    p.warning_stage = 2;
    assert_int_equal(fpl_pace_json(&f, &p, text, sizeof text, &len, &err), FPL_ERR_STAGE_UNKNOWN);
    assert_error(err, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_STAGE, 2);
    p.has_warning = false;
    p.n_stages = 3;
    assert_int_equal(fpl_pace_json(&f, &p, text, sizeof text, &len, &err), FPL_ERR_STAGE_COUNT);
    p.n_stages = 2;
    p.per = (fpl_period)-1;
    assert_int_equal(fpl_pace_json(&f, &p, text, sizeof text, &len, &err), FPL_ERR_PERIOD);
}

/* ---- pace --------------------------------------------------------------- */

/* Halfway through a month of 10 deals (test_pace.c), with an open pipeline
 * and reps. */
static void test_pace_json_shows_the_figures_and_names(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_pace_input in;
    memset(&in, 0, sizeof in);
    in.elapsed = 0.5;
    in.has_actual[0] = true;
    in.actual[0] = 150;
    in.has_actual_deals = true;
    in.actual_deals = 4;
    in.has_open[1] = true;
    in.open[1] = 12;
    in.lag[0] = 1.0;
    in.lag[1] = 2.0;
    in.has_reps = true;
    in.reps = 2;
    fpl_pace p;
    assert_int_equal(fpl_pace_compute(&f, &t, &in, &p, NULL), FPL_OK);
    fpl_node nodes[FPL_VIEW_PACE_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL_VIEW_PACE_NODES);
    assert_int_equal(fpl_view_pace(&v, NULL, &f, &p, NULL), FPL_OK);
    /* root, 5 leaves, stages [2 x 22], deals {17}, revenue null, warning
     * {2}, coverage {open [1 x 3], 6}, reps, months_left */
    assert_int_equal(v.count, 1 + 5 + 1 + 2 * 22 + 18 + 1 + 3 + (1 + 1 + 3 + 6) + 1 + 1);
    static char text[16384];
    json_of(&v, text, sizeof text);
    assert_non_null(strstr(text, "{\n  \"command\": \"pace\",\n  \"per\": \"month\",\n"
                                 "  \"elapsed\": 0.5,\n  \"at_risk\": 0.95,\n"
                                 "  \"off_track\": 0.8,\n  \"stages\": [\n    {\n"
                                 "      \"name\": \"lead\",\n      \"rate\": 0.1,\n"
                                 "      \"cumulative_rate\": 0.025,\n      \"plan\": 400,\n"
                                 "      \"plan_to_date\": 200,\n      \"actual\": 150,\n"
                                 "      \"attainment\": 0.75,\n"));
    assert_non_null(strstr(text, "      \"catch_up\": 1.25,\n      \"status\": \"off track\",\n"
                                 "      \"plan_per_rep\": 200,\n      \"actual_per_rep\": 75,\n"
                                 "      \"needed_rate_per_rep\": 250,\n"
                                 "      \"implied_deals\": 3.75,\n"
                                 "      \"plan_whole\": 400,\n"
                                 "      \"still_needed_whole\": 250,\n"
                                 "      \"needed_per_month\": 500,\n"
                                 "      \"needed_per_month_whole\": 500\n    },\n"));
    /* a stage without an actual: its figures and status null */
    assert_non_null(strstr(text, "      \"actual\": null,\n      \"attainment\": null,\n"));
    assert_non_null(strstr(text, "      \"status\": null,\n      \"plan_per_rep\": 20,\n"
                                 "      \"actual_per_rep\": null,\n"
                                 "      \"needed_rate_per_rep\": null,\n"
                                 "      \"implied_deals\": null,\n"
                                 "      \"plan_whole\": null,\n"
                                 "      \"still_needed_whole\": null,\n"
                                 "      \"needed_per_month\": null,\n"
                                 "      \"needed_per_month_whole\": null\n"));
    assert_non_null(strstr(text, "  \"revenue\": null,\n  \"warning\": {\n"
                                 "    \"stage\": \"lead\",\n    \"months\": 3\n  },\n"
                                 "  \"coverage\": {\n    \"open\": [\n      {\n"
                                 "        \"stage\": \"opportunity\",\n"
                                 "        \"units\": 12\n      }\n    ],\n"
                                 "    \"open_units\": 12,\n    \"open_deals\": 3,\n"
                                 "    \"still_to_close\": 6,\n    \"raw\": 2,\n"
                                 "    \"weighted\": 0.5,\n    \"required\": 4\n  },\n"
                                 "  \"reps\": 2,\n  \"months_left\": 0.5\n}\n"));
    size_t len;
    static char one_call[16384];
    assert_int_equal(fpl_pace_json(&f, &p, one_call, sizeof one_call, &len, NULL), FPL_OK);
    assert_int_equal(len, strlen(text));
    assert_string_equal(one_call, text);
}

/* The status names are the library's, the same in every locale. */
static void test_pace_status_names(void **state)
{
    (void)state;
    assert_string_equal(fpl_pace_status_name(FPL_PACE_ON_TRACK), "on track");
    assert_string_equal(fpl_pace_status_name(FPL_PACE_AT_RISK), "at risk");
    assert_string_equal(fpl_pace_status_name(FPL_PACE_OFF_TRACK), "off track");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months_and_dates_are_written_as_printf_writes_them),
        cmocka_unit_test(test_months_are_cut_like_snprintf),
        cmocka_unit_test(test_schedule_view_has_the_contract_nodes),
        cmocka_unit_test(test_schedule_view_shows_what_was_given),
        cmocka_unit_test(test_schedule_json_is_the_whole_view),
        cmocka_unit_test(test_largest_results_fit_the_promised_capacities),
        cmocka_unit_test(test_views_refuse_what_they_cannot_describe),
        cmocka_unit_test(test_pace_json_shows_the_figures_and_names),
        cmocka_unit_test(test_pace_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — rendering: the tables and CSV of a what-if, a sensitivity
 * ranking and a goal seek, byte for byte.
 * SPDX-License-Identifier: MIT
 *
 * One funnel whose figures are exact in binary: 64 enter a at 50%, b wins
 * 25%, deals of 8. So 8 deals and 64 of revenue a month.
 */

#include "fpl_test.h"

static fpl_funnel funnel_ab(void)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "a", 0.5);
    fpl_test_add(&f, "b", 0.25);
    return f;
}

static fpl_terms terms_ab(void)
{
    fpl_terms t = {0};
    t.per = FPL_PERIOD_MONTH;
    t.has_deal_size = true;
    t.deal_size = 8;
    return t;
}

/* b +25pp doubles the deals: 16 a month, 128 of revenue; over 3 months
 * +192, so 100 invested returns 92% and pays back in 100 / 64 months. */
static void whatif_ab(fpl_funnel *f, fpl_whatif_input *in, fpl_whatif *w)
{
    *f = funnel_ab();
    fpl_terms t = terms_ab();
    *in = (fpl_whatif_input){0};
    in->has_volume = true;
    in->volume.volume = 64;
    assert_int_equal(fpl_change_parse(f, "b=+25pp", 7, &in->changes[0], NULL), FPL_OK);
    in->n_changes = 1;
    in->horizon = 3;
    in->has_invest = true;
    in->invest = 100;
    assert_int_equal(fpl_whatif_compute(f, &t, in, w, NULL), FPL_OK);
}

static void test_whatif_table_and_csv(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_whatif_input in;
    static fpl_whatif w;
    whatif_ab(&f, &in, &w);
    char text[2048];
    size_t len = 0;
    assert_int_equal(fpl_whatif_render(&f, &in, &w, NULL, 0, NULL, 0, FPL_RENDER_TABLE, text,
                                       sizeof text, &len, NULL),
                     FPL_OK);
    assert_string_equal(text, "What-if per month, volume held: 64 enter a each month.\n"
                              "Changes: b +25pp (points).\n"
                              "\n"
                              "per month    baseline  scenario  delta\n"
                              "a rate            50%       50%\n"
                              "b rate            25%       50%\n"
                              "deal size           8         8\n"
                              "volume at a        64        64      0\n"
                              "deals               8        16     +8\n"
                              "revenue            64       128    +64\n"
                              "gain                               +64\n"
                              "\n"
                              "over 3 months  baseline  scenario  delta\n"
                              "volume at a         192       192      0\n"
                              "deals                24        48    +24\n"
                              "revenue             192       384   +192\n"
                              "gain                                +192\n"
                              "\n"
                              "Investment 100: ROI 92% over 3 months; payback in 1.56 months.\n"
                              "\n"
                              "Figures are rounded for display (--format json gives exact "
                              "values).\n");
    assert_int_equal(len, strlen(text));
    assert_int_equal(fpl_whatif_render(&f, &in, &w, NULL, 0, NULL, 0, FPL_RENDER_CSV, text,
                                       sizeof text, &len, NULL),
                     FPL_OK);
    /* Every figure of the table, each in a row of its own: 100 invested
     * returns (3 x 64 - 100) / 100 = 0.92 and pays back in 100 / 64 =
     * 1.5625 months. */
    assert_string_equal(text, "figure,stage,baseline,scenario,delta\n"
                              "rate,a,0.5,0.5,\n"
                              "rate,b,0.25,0.5,\n"
                              "expected,a,64,64,\n"
                              "expected,b,32,32,\n"
                              "deal_size,,8,8,\n"
                              "volume,,64,64,0\n"
                              "deals,,8,16,8\n"
                              "revenue,,64,128,64\n"
                              "gain,,,,64\n"
                              "volume_horizon,,192,192,0\n"
                              "deals_horizon,,24,48,24\n"
                              "revenue_horizon,,192,384,192\n"
                              "gain_horizon,,,,192\n"
                              "invest,,,,100\n"
                              "roi,,,,0.92\n"
                              "payback_periods,,,,1.5625\n");
    /* a horizon of one month is one month, not "1 months" */
    fpl_terms t = terms_ab();
    in.horizon = 1;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_int_equal(fpl_whatif_render(&f, &in, &w, NULL, 0, NULL, 0, FPL_RENDER_TABLE, text,
                                       sizeof text, &len, NULL),
                     FPL_OK);
    assert_non_null(strstr(text, "\nover 1 month  "));
    assert_non_null(strstr(text, "ROI -36% over 1 month;"));
    in.horizon = 2;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    assert_int_equal(fpl_whatif_render(&f, &in, &w, NULL, 0, NULL, 0, FPL_RENDER_TABLE, text,
                                       sizeof text, &len, NULL),
                     FPL_OK);
    assert_non_null(strstr(text, "\nover 2 months  "));
}

/* Volume held, +25pp and the deal size +25%: b 25% -> 50% doubles the
 * revenue (+64), a 50% -> 75% adds half (+32), a deal of 10 adds 16. */
static void test_sensitivity_csv(void **state)
{
    (void)state;
    fpl_funnel f = funnel_ab();
    fpl_terms t = terms_ab();
    fpl_sensitivity_input in = {0};
    in.has_volume = true;
    in.volume.volume = 64;
    in.has_step = true;
    in.step_kind = FPL_CHANGE_POINTS;
    in.step = 0.25;
    in.has_deal_size_step = true;
    in.deal_size_step = 0.25;
    fpl_sensitivity r;
    assert_int_equal(fpl_sensitivity_compute(&f, &t, &in, &r, NULL), FPL_OK);
    char text[512];
    size_t len = 0;
    assert_int_equal(fpl_sensitivity_render(&f, &t, &in, &r, NULL, 0, FPL_RENDER_CSV, text, sizeof text,
                                            &len, NULL),
                     FPL_OK);
    assert_string_equal(text, "lever,from,to,revenue_delta,share\n"
                              "b,0.25,0.5,64,1\n"
                              "a,0.5,0.75,32,0.5\n"
                              "deal-size,8,10,16,0.25\n");
    /* a ranking has no picture */
    fpl_error err;
    len = 7;
    assert_int_equal(fpl_sensitivity_render(&f, &t, &in, &r, NULL, 0, FPL_RENDER_SVG, text, sizeof text,
                                            &len, &err),
                     FPL_ERR_FORMAT);
    assert_int_equal(err.field, FPL_FIELD_FORMAT);
    assert_int_equal(len, 7);
}

/* 16 deals from 64 at a (32 reach b) need b to convert 50%: +100%. */
static void solve_ab(fpl_funnel *f, fpl_terms *t, fpl_solve_input *in, fpl_solve *s)
{
    *f = funnel_ab();
    *t = terms_ab();
    t->target = FPL_TARGET_DEALS;
    t->deals = 16;
    *in = (fpl_solve_input){{64, 0}, FPL_LEVER_STAGE, 1};
    assert_int_equal(fpl_solve_compute(f, t, in, s, NULL), FPL_OK);
}

static void test_solve_csv(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_solve_input in;
    fpl_solve s;
    solve_ab(&f, &t, &in, &s);
    char text[256];
    size_t len = 0;
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_CSV, text, sizeof text, &len,
                                      NULL),
                     FPL_OK);
    assert_string_equal(text, "lever,current,value,change\nb,0.25,0.5,1\n");
    assert_int_equal(len, strlen(text));
}

/* Capacity 0 gives the length; length + 1 the text, as the JSON writers;
 * a buffer too small keeps what fits and a NUL. */
static void test_length_first_then_the_text(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_solve_input in;
    fpl_solve s;
    solve_ab(&f, &t, &in, &s);
    const char *want = "b must convert 50% (now 25%, +100%) for 64 a month to reach 16 deals.\n"
                       "\n"
                       "lever  now  needed  change\n"
                       "b      25%     50%   +100%\n"
                       "\n"
                       "Figures are rounded for display (--format json gives exact values).\n";
    size_t len = 0;
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_TABLE, NULL, 0, &len, NULL),
                     FPL_OK);
    assert_int_equal(len, strlen(want));
    char *text = malloc(len + 1);
    assert_non_null(text);
    size_t again = 0;
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_TABLE, text, len + 1, &again,
                                      NULL),
                     FPL_OK);
    assert_int_equal(again, len);
    assert_string_equal(text, want);
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_TABLE, text, 9, &again, NULL),
                     FPL_OK);
    assert_int_equal(again, len);
    assert_string_equal(text, "b must c");
    free(text);
}

static void test_refusals(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_terms t;
    fpl_solve_input in;
    fpl_solve s;
    solve_ab(&f, &t, &in, &s);
    char text[256];
    size_t len = 0;
    fpl_error err;
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_CSV, text, sizeof text, NULL,
                                      &err),
                     FPL_ERR_NULL);
    assert_int_equal(fpl_solve_render(&f, NULL, &in, &s, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                      &len, &err),
                     FPL_ERR_NULL);
    in.volume.at = 2; /* a stage the funnel lacks */
    assert_int_equal(fpl_solve_render(&f, &t, &in, &s, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
                                      &len, &err),
                     FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(err.field, FPL_FIELD_AT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whatif_table_and_csv),
        cmocka_unit_test(test_sensitivity_csv),
        cmocka_unit_test(test_solve_csv),
        cmocka_unit_test(test_length_first_then_the_text),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — rendering: the SVG pictures (funnelplan/svg.h).
 * SPDX-License-Identifier: MIT
 *
 * The pictures are checked byte for byte against the CLI by the golden
 * corpus; here, small questions whose bars are derived by hand: the page's
 * content is 752 px wide (800 less two margins of 24), a funnel's bars are
 * centred at x = 400, side bars start at x = 24 and leave 220 px (what-if)
 * or 260 px (channels) for their labels.
 */

#include "fpl_test.h"

static char text[65536];

/* Asserts that the picture holds needle. */
static void assert_has(const char *needle)
{
    if (strstr(text, needle) == NULL) {
        print_error("missing: %s\n", needle);
        fail();
    }
}

/* Asserts a whole document of len bytes in text. */
static void assert_document(size_t len)
{
    assert_true(len < sizeof text);
    assert_int_equal(strlen(text), len);
    assert_true(strncmp(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
    assert_string_equal(text + len - 7, "</svg>\n");
}

/* Asserts that a renderer of every format (st, the length in *len) wrote
 * in rendered the picture in text. */
static char rendered[65536];
static void assert_rendered_same(fpl_status st, const size_t *len)
{
    assert_int_equal(st, FPL_OK);
    assert_int_equal(*len, strlen(text));
    assert_string_equal(rendered, text);
}

/* lead 25% > opportunity 50%, per month. */
static void funnel(fpl_funnel *f, const char *top_name)
{
    *f = (fpl_funnel){0};
    fpl_test_add(f, top_name, 0.25);
    fpl_test_add(f, "opportunity", 0.5);
}

/* 10 deals a month: 20 opportunities, 80 leads. */
static void plan(fpl_funnel *f, fpl_plan *p, const char *top_name)
{
    funnel(f, top_name);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    assert_int_equal(fpl_plan_compute(f, &t, p, NULL), FPL_OK);
}

static void test_plan_svg_draws_the_funnel_to_scale(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "lead");
    size_t len = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    /* 8 + 4, a title line of 25, a subtitle line of 18, 10: the first
     * header at 65, its bar 20 below; each row 24 + 6 + a header of 20. */
    assert_has("<title>Plan per month: 10 deals</title>");
    assert_has(">lead</text>");
    assert_has(">rate 25% \u00B7 cumulative 12.5% \u00B7 960 per year</text>");
    /* 80 leads: the whole width; 20 opportunities: a quarter; 10 deals: an eighth. */
    assert_has("<rect x=\"24\" y=\"85\" width=\"752\" height=\"24\" fill=\"#4e79a7\"/>");
    assert_has("<rect x=\"306\" y=\"135\" width=\"188\" height=\"24\" fill=\"#d9711c\"/>");
    assert_has("<rect x=\"353\" y=\"185\" width=\"94\" height=\"24\" fill=\"#3d8b37\"/>");
    /* the band from the bottom of the leads' bar to the top of the next */
    assert_has("<polygon points=\"24.0,109.0 776.0,109.0 494.0,135.0 306.0,135.0\" "
               "fill=\"#e8edf3\"/>");
    /* whole units inside the bars, in white */
    assert_has("<text x=\"400\" y=\"102\" font-size=\"13\" font-weight=\"bold\" "
               "text-anchor=\"middle\" fill=\"#ffffff\">80</text>");
    assert_has("text-anchor=\"middle\" fill=\"#ffffff\">10</text>");
    /* below the deals' bar (215), 8, the footnote 6 + 15, a margin of 16 */
    assert_has(" width=\"800\" height=\"260\" viewBox=\"0 0 800 260\"");
}

static void test_plan_svg_is_cut_like_snprintf_and_retried(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "lead");
    size_t whole = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, NULL, 0, &whole, NULL), FPL_OK);
    assert_true(whole > 1000);
    char small[100];
    size_t len = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, small, sizeof small, &len, NULL), FPL_OK);
    assert_int_equal(len, whole); /* the whole length, to retry with */
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, whole + 1, &len, NULL), FPL_OK);
    assert_int_equal(len, whole);
    assert_document(len);
    assert_memory_equal(small, text, sizeof small - 1);
    /* one byte short: all but the last newline */
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, whole, &len, NULL), FPL_OK);
    assert_int_equal(strlen(text), whole - 1);
}

/* The renderer of every format draws the same picture. */
static void test_plan_and_forecast_render_draw_the_svg(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "lead");
    size_t len = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, sizeof text, &len, NULL), FPL_OK);
    assert_rendered_same(fpl_plan_render(&f, &p, NULL, NULL, 0, FPL_RENDER_SVG, rendered,
                                         sizeof rendered, &len, NULL),
                         &len);
    fpl_forecast_input in = {80, 0};
    fpl_forecast r;
    fpl_terms t = {0};
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    assert_int_equal(fpl_forecast_svg(&f, &r, text, sizeof text, &len, NULL), FPL_OK);
    assert_rendered_same(fpl_forecast_render(&f, &r, NULL, 0, FPL_RENDER_SVG, rendered,
                                             sizeof rendered, &len, NULL),
                         &len);
}

static void test_svg_escapes_names(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "R&D <\"1\">");
    size_t len = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has(">R&amp;D &lt;&quot;1&quot;&gt;</text>");
    assert_null(strstr(text, "R&D"));
}

static void test_plan_svg_with_confidence_names_its_volumes(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "lead");
    fpl_odds_plan conf = {0};
    conf.confidence = 0.9;
    conf.deals_whole = 10;
    conf.n_stages = 2;
    conf.required[0] = 120;
    conf.required[1] = 26;
    size_t len = 0;
    assert_int_equal(fpl_plan_svg(&f, &p, &conf, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has("\u00B7 960 per year \u00B7 for 90%: 120</text>");
    assert_has("\u00B7 240 per year \u00B7 for 90%: 26</text>");
    assert_has(">for 90%: the least whole units entering each stage that give a 90% chance of "
               "10 whole deals.</text>");
}

static void test_forecast_svg_draws_from_the_stage_entered(void **state)
{
    (void)state;
    fpl_funnel f;
    funnel(&f, "lead");
    fpl_terms t = {0};
    t.has_deal_size = true;
    t.deal_size = 1000;
    fpl_forecast_input in = {0};
    in.volume = 80;
    in.at = 1; /* 80 opportunities: 40 deals */
    fpl_forecast r;
    assert_int_equal(fpl_forecast_compute(&f, &t, &in, &r, NULL), FPL_OK);
    size_t len = 0;
    assert_int_equal(fpl_forecast_svg(&f, &r, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has("<title>Forecast per month: 80 enter opportunity \u2192 40 deals \u00D7 deal size "
               "1,000 = revenue 40,000</title>");
    assert_null(strstr(text, ">lead</text>"));
    assert_has("width=\"752\" height=\"24\" fill=\"#d9711c\"/>"); /* the stage's own colour */
    /* the title takes two lines of 25: the deals' bar, half as wide, at 160 */
    assert_has("<rect x=\"212\" y=\"160\" width=\"376\" height=\"24\" fill=\"#3d8b37\"/>");
    assert_has(">Revenue: 40,000 per month, 120,000 per quarter, 480,000 per year.</text>");
}

static void test_whatif_svg_pairs_baseline_and_scenario(void **state)
{
    (void)state;
    fpl_funnel f;
    funnel(&f, "lead");
    fpl_terms t = {0};
    fpl_whatif_input in = {0};
    in.has_volume = true;
    in.volume.volume = 80;
    assert_int_equal(fpl_change_parse(&f, "opportunity=+100%", 17, &in.changes[0], NULL),
                     FPL_OK);
    in.n_changes = 1;
    fpl_whatif w;
    assert_int_equal(fpl_whatif_compute(&f, &t, &in, &w, NULL), FPL_OK);
    size_t len = 0;
    assert_int_equal(fpl_whatif_svg(&f, &in, &w, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has("<title>What-if per month, volume held: 80 enter lead each month</title>");
    /* 113 characters of 13 px do not fit in 752 px: broken at a space */
    assert_has(">Changes: opportunity +100% (relative). Units expected at each stage per "
               "month, the baseline</text>");
    assert_has(">above the scenario.</text>");
    assert_has(">rate 50% \u2192 100%</text>");
    /* 80 leads take the 532 px; 20 opportunities a quarter: 133; deals 10 and 20. */
    assert_has("width=\"532\" height=\"14\" fill=\"#aab2bd\"/>");
    assert_has("width=\"133\" height=\"14\" fill=\"#aab2bd\"/>");
    assert_has("width=\"66.5\" height=\"14\" fill=\"#aab2bd\"/>");
    assert_has("width=\"133\" height=\"14\" fill=\"#4e79a7\"/>");
    assert_has(">80 (0)</text>");
    assert_has(">20 (+10)</text>");
    assert_rendered_same(fpl_whatif_render(&f, &in, &w, NULL, 0, NULL, 0, FPL_RENDER_SVG, rendered,
                                           sizeof rendered, &len, NULL),
                         &len);
}

static void test_schedule_svg_draws_each_month(void **state)
{
    (void)state;
    fpl_funnel f;
    funnel(&f, "lead");
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    static fpl_schedule_input in;
    memset(&in, 0, sizeof in);
    in.start = (fpl_month){2027, 1};
    in.months = 3;
    static fpl_schedule s;
    assert_int_equal(fpl_schedule_compute(&f, &t, &in, &s, NULL), FPL_OK);
    size_t len = 0;
    assert_int_equal(fpl_schedule_svg(&f, &s, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has("<title>Schedule for 3 months from 2027-01: 30 deals, the same every "
               "month</title>");
    assert_has(">total 30 \u00B7 peak 10 in 2027-01</text>");
    /* three slots of 752 / 3 px, each bar 70% of its slot, the peak 96 high */
    assert_has("<rect x=\"61.6\" y=\"");
    assert_has("width=\"175.5\" height=\"96\" fill=\"#3d8b37\"/>");
    assert_has(">Mar</text>");
    assert_has(">2027</text>");
    assert_rendered_same(
        fpl_schedule_render(&f, &s, FPL_RENDER_SVG, rendered, sizeof rendered, &len, NULL), &len);
}

static void test_channels_svg_ranks_and_scales_each_measure(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.10);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 30;
    t.has_deal_size = true;
    t.deal_size = 5000;
    static fpl_channels_input in;
    memset(&in, 0, sizeof in);
    const char *spec[] = {"ads: cost-per-lead=20, capacity=400",
                          "events: cost-per-lead=60, rate=20%"};
    for (size_t i = 0; i < 2; ++i) {
        assert_int_equal(fpl_channel_parse(spec[i], strlen(spec[i]), &in.channels[i], NULL),
                         FPL_OK);
    }
    in.n_channels = 2;
    static fpl_channels r;
    assert_int_equal(fpl_channels_compute(&f, &t, &in, &r, NULL), FPL_OK);
    size_t len = 0;
    assert_int_equal(fpl_channels_svg(&f, &t, &in, &r, text, sizeof text, &len, NULL), FPL_OK);
    assert_document(len);
    assert_has("<title>Lead channels per month: the cheapest allocation for 30 deals</title>");
    assert_has(">1. ads</text>");
    assert_has(">full \u00B7 ROI 525% \u00B7 cost/lead 20 \u00B7 cost/deal 800 \u00B7 "
               "break-even 125</text>");
    assert_has(">2. events</text>");
    /* 492 px for the largest: ads' 10 deals of 20 and cost 8,000 of 24,000 */
    assert_has("width=\"246\" height=\"12\" fill=\"#3d8b37\"/>");
    assert_has("width=\"164\" height=\"12\" fill=\"#d9711c\"/>");
    assert_has(">10 deals \u00B7 revenue 50,000</text>");
    assert_rendered_same(fpl_channels_render(&f, &t, &in, &r, FPL_RENDER_SVG, rendered,
                                             sizeof rendered, &len, NULL),
                         &len);
}

static void test_svg_refuses_null_and_bad_results(void **state)
{
    (void)state;
    fpl_funnel f;
    fpl_plan p;
    plan(&f, &p, "lead");
    fpl_error err;
    size_t len = 7;
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, sizeof text, NULL, &err), FPL_ERR_NULL);
    assert_int_equal(err.status, FPL_ERR_NULL);
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, NULL, 10, &len, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_plan_svg(NULL, &p, NULL, text, sizeof text, &len, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_forecast_svg(&f, NULL, text, sizeof text, &len, NULL), FPL_ERR_NULL);
    assert_int_equal(len, 7); /* written only on success */

    p.n_stages = 3; /* more stages than the funnel */
    assert_int_equal(fpl_plan_svg(&f, &p, NULL, text, sizeof text, &len, &err),
                     FPL_ERR_STAGE_COUNT);
    assert_int_equal(err.field, FPL_FIELD_STAGE);

    fpl_forecast r = {0};
    r.n_stages = 2;
    r.at = 2;
    assert_int_equal(fpl_forecast_svg(&f, &r, text, sizeof text, &len, &err),
                     FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(err.field, FPL_FIELD_AT);

    fpl_whatif_input in = {0};
    in.n_changes = 2;
    in.changes[1].lever = (fpl_lever)99;
    fpl_whatif w = {0};
    assert_int_equal(fpl_whatif_svg(&f, &in, &w, text, sizeof text, &len, &err),
                     FPL_ERR_CHANGE_LEVER);
    assert_int_equal(err.field, FPL_FIELD_CHANGE);
    assert_int_equal(err.index, 1);

    static fpl_schedule s;
    memset(&s, 0, sizeof s);
    s.n_stages = 2;
    assert_int_equal(fpl_schedule_svg(&f, &s, text, sizeof text, &len, &err), FPL_ERR_MONTHS);
    assert_int_equal(err.field, FPL_FIELD_MONTHS);
    assert_int_equal(err.index, FPL_NO_INDEX);

    fpl_terms t = {0};
    static fpl_channels_input ci;
    static fpl_channels cr;
    memset(&ci, 0, sizeof ci);
    memset(&cr, 0, sizeof cr);
    ci.n_channels = 2;
    cr.n_channels = 2;
    cr.ranking[0] = 1;
    cr.ranking[1] = 5;
    assert_int_equal(fpl_channels_svg(NULL, &t, &ci, &cr, text, sizeof text, &len, &err),
                     FPL_ERR_NULL);
    assert_int_equal(fpl_channels_svg(&f, &t, &ci, &cr, text, sizeof text, &len, &err),
                     FPL_ERR_CHANNEL_COUNT);
    assert_int_equal(err.field, FPL_FIELD_CHANNEL);
    assert_int_equal(err.index, 1);
    assert_int_equal(len, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_svg_draws_the_funnel_to_scale),
        cmocka_unit_test(test_plan_svg_is_cut_like_snprintf_and_retried),
        cmocka_unit_test(test_plan_and_forecast_render_draw_the_svg),
        cmocka_unit_test(test_svg_escapes_names),
        cmocka_unit_test(test_plan_svg_with_confidence_names_its_volumes),
        cmocka_unit_test(test_forecast_svg_draws_from_the_stage_entered),
        cmocka_unit_test(test_whatif_svg_pairs_baseline_and_scenario),
        cmocka_unit_test(test_schedule_svg_draws_each_month),
        cmocka_unit_test(test_channels_svg_ranks_and_scales_each_measure),
        cmocka_unit_test(test_svg_refuses_null_and_bad_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

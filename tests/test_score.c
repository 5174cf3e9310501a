/*
 * funnelplan — lead scores against criteria, and the streaming CSV reader.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <math.h>
#include <string.h>

static fpl_csv_reader reader;
static fpl_csv_row rows[64];

#define ADD(c, lit) fpl_criteria_add_parse((c), (lit), sizeof(lit) - 1, NULL)

static void test_score_bant_preset(void **state)
{
    (void)state;
    fpl_criteria bant;
    assert_int_equal(fpl_criteria_bant(&bant, NULL), FPL_OK);
    assert_int_equal(bant.n_criteria, 4);
    assert_string_equal(bant.criteria[0].name, "budget");
    assert_string_equal(bant.criteria[3].name, "timing");
    assert_int_equal(fpl_criteria_check(&bant, NULL), FPL_OK);
    fpl_lead_score s;
    const double all[4] = {1, 1, 1, 1};
    assert_int_equal(fpl_score_lead(&bant, all, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 100.0);
    assert_int_equal(s.band, FPL_BAND_HOT);
    assert_true(s.sales_ready);
    assert_int_equal(s.n_missing, 0);
    /* half the need: 87.5, hot, but not sales-ready: need is required */
    const double half_need[4] = {1, 1, 0.5, 1};
    assert_int_equal(fpl_score_lead(&bant, half_need, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 87.5);
    assert_int_equal(s.band, FPL_BAND_HOT);
    assert_false(s.sales_ready);
    assert_int_equal(s.n_missing, 1);
    assert_int_equal(s.missing, 1u << 2);
    /* exactly at the thresholds: 75 is hot, 50 is warm, 25 cold */
    const double three[4] = {1, 1, 1, 0};
    assert_int_equal(fpl_score_lead(&bant, three, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 75.0);
    assert_int_equal(s.band, FPL_BAND_HOT);
    const double two[4] = {1, 0, 1, 0};
    assert_int_equal(fpl_score_lead(&bant, two, 4, &s, NULL), FPL_OK);
    assert_int_equal(s.band, FPL_BAND_WARM);
    assert_int_equal(s.missing, (1u << 1) | (1u << 3));
    const double one[4] = {0, 0, 0, 1};
    assert_int_equal(fpl_score_lead(&bant, one, 4, &s, NULL), FPL_OK);
    assert_int_equal(s.band, FPL_BAND_COLD);
    assert_string_equal(fpl_band_name(s.band), "cold");
    assert_string_equal(fpl_band_name(FPL_BAND_HOT), "hot");
    assert_string_equal(fpl_band_name((fpl_band)9), "unknown");
}

static void test_score_custom_criteria_and_thresholds(void **state)
{
    (void)state;
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "budget=3,required"), FPL_OK);
    assert_int_equal(ADD(&c, "fit=1.5"), FPL_OK);
    assert_int_equal(ADD(&c, "urgency"), FPL_OK);
    assert_int_equal(c.n_criteria, 3);
    assert_same_double(c.criteria[0].weight, 3.0);
    assert_true(c.criteria[0].required);
    assert_same_double(c.criteria[2].weight, 1.0);
    assert_false(c.criteria[2].required);
    c.hot = 80;
    c.warm = 40;
    assert_int_equal(fpl_criteria_check(&c, NULL), FPL_OK);
    fpl_lead_score s;
    const double a[3] = {1, 0.5, 0}; /* (3 + 0.75) / 5.5 */
    assert_int_equal(fpl_score_lead(&c, a, 3, &s, NULL), FPL_OK);
    assert_close(s.score, 100.0 * 3.75 / 5.5);
    assert_int_equal(s.band, FPL_BAND_WARM);
    assert_true(s.sales_ready); /* the one required criterion is met */
    /* 0.1 + 0.2 of a point's noise does not miss a threshold: weights 1
     * each, answers 0.3 and 0.9, (0.3 + 0.9)/2 = 0.6 of 100 = 60 exactly */
    fpl_criteria d;
    memset(&d, 0, sizeof d);
    assert_int_equal(ADD(&d, "a"), FPL_OK);
    assert_int_equal(ADD(&d, "b"), FPL_OK);
    d.warm = 60;
    d.hot = 90;
    const double n[2] = {0.3, 0.9};
    assert_int_equal(fpl_score_lead(&d, n, 2, &s, NULL), FPL_OK);
    assert_int_equal(s.band, FPL_BAND_WARM);
    /* no required criterion: sales-ready when hot */
    const double full[2] = {1, 1};
    assert_int_equal(fpl_score_lead(&d, full, 2, &s, NULL), FPL_OK);
    assert_true(s.sales_ready);
    assert_int_equal(fpl_score_lead(&d, n, 2, &s, NULL), FPL_OK);
    assert_false(s.sales_ready);
}

static void test_score_refuses_bad_criteria_and_answers(void **state)
{
    (void)state;
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    assert_int_equal(fpl_criteria_check(&c, NULL), FPL_ERR_CRITERION_COUNT);
    const char *bad[] = {"x=0", "x=-1", "x=abc", "x=", "x=nan", "x=inf", "x=1,requird"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        assert_int_not_equal(fpl_criteria_add_parse(&c, bad[i], strlen(bad[i]), NULL), FPL_OK);
    }
    assert_int_equal(c.n_criteria, 0);
    assert_int_equal(ADD(&c, "=2"), FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(ADD(&c, "bad\tname=2"), FPL_ERR_STAGE_NAME_CONTROL);
    assert_int_equal(ADD(&c, "need"), FPL_OK);
    assert_int_equal(ADD(&c, "need=2"), FPL_ERR_CRITERION_DUPLICATE);
    for (int i = 1; i < FPL_MAX_CRITERIA; ++i) {
        char name[8];
        const int len = snprintf(name, sizeof name, "c%d", i);
        assert_int_equal(fpl_criteria_add_parse(&c, name, (size_t)len, NULL), FPL_OK);
    }
    assert_int_equal(ADD(&c, "one-more"), FPL_ERR_CRITERION_COUNT);
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    bant.hot = 40;
    bant.warm = 60; /* warm above hot */
    assert_int_equal(fpl_criteria_check(&bant, NULL), FPL_ERR_BANDS);
    bant.hot = 101;
    bant.warm = 50;
    assert_int_equal(fpl_criteria_check(&bant, NULL), FPL_ERR_BANDS);
    bant.hot = 0;
    bant.criteria[2].weight = NAN;
    fpl_error at;
    assert_int_equal(fpl_criteria_check(&bant, &at), FPL_ERR_CRITERION);
    assert_int_equal(at.field, FPL_FIELD_CRITERION);
    assert_int_equal(at.index, 2);
    fpl_criteria_bant(&bant, NULL);
    fpl_lead_score s;
    memset(&s, 0x11, sizeof s);
    const fpl_lead_score before = s;
    const double bad_answers[][4] = {{1, 1, 1, 1.5}, {1, -0.1, 1, 1}, {NAN, 1, 1, 1},
                                     {1, 1, INFINITY, 1}};
    for (size_t i = 0; i < 4; ++i) {
        assert_int_equal(fpl_score_lead(&bant, bad_answers[i], 4, &s, NULL), FPL_ERR_ANSWER);
    }
    const double ok[4] = {1, 1, 1, 1};
    assert_int_equal(fpl_score_lead(&bant, ok, 3, &s, NULL), FPL_ERR_ANSWER);
    assert_memory_equal(&s, &before, sizeof s);
    double v;
    const char *good[] = {"1", "0", " 0.5 ", "50%", "1/4", "YES", "no", "y", "N", "True",
                          "false", ""};
    const double want[] = {1, 0, 0.5, 0.5, 0.25, 1, 0, 1, 0, 1, 0, 0};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; ++i) {
        assert_int_equal(fpl_answer_parse(good[i], strlen(good[i]), &v, NULL), FPL_OK);
        assert_same_double(v, want[i]);
    }
    const char *worse[] = {"2", "-1", "150%", "maybe", "1e400", "nan", "yess", "0x1"};
    for (size_t i = 0; i < sizeof worse / sizeof worse[0]; ++i) {
        assert_int_equal(fpl_answer_parse(worse[i], strlen(worse[i]), &v, NULL), FPL_ERR_ANSWER);
    }
}

/* Feeds text in pieces of `chunk` bytes and collects every row. */
static size_t feed_all(const char *text, size_t chunk, fpl_status *st)
{
    size_t len = strlen(text);
    size_t total = 0;
    size_t pos = 0;
    fpl_csv_row buf[3];
    *st = FPL_OK;
    for (;;) {
        size_t take = len - pos < chunk ? len - pos : chunk;
        const bool end = pos + take == len;
        size_t n = 0;
        size_t used = 0;
        *st = fpl_csv_feed(&reader, text + pos, take, end, buf, 3, &n, &used, NULL);
        for (size_t i = 0; i < n && total < 64; ++i) {
            rows[total++] = buf[i];
        }
        pos += used;
        if (*st != FPL_OK || (end && used == take && n < 3)) {
            break;
        }
    }
    return total;
}

static void test_score_csv_rfc4180(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    static const char text[] =
        "\xEF\xBB\xBFid,Company,budget,authority,need,timing\r\n"
        "L1,\"Acme, Inc.\",1,1,1,1\r\n"
        "\r\n"
        "L2,\"Quote \"\"here\"\"\",yes,no,50%,1\n"
        "\"L3\nwith a line\",x,1,1,1,0\n"
        "L4,only,three\n"
        "L5,bad\"quote,1,1,1,1\n"
        "L6,x,1,1,2,1\n"
        ",noid,1,1,1,1\n"
        "L8,\"after\"x,1,1,1,1\n"
        "\xC3\xA9t\xC3\xA9,utf8,1,0,1,0\n"
        "L10,\xFF,1,1,1,1\n"
        "L11,last,0,0,0,0";
    const size_t chunks[] = {1, 2, 7, 4096};
    for (size_t c = 0; c < 4; ++c) {
        assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
        fpl_status st;
        const size_t n = feed_all(text, chunks[c], &st);
        assert_int_equal(st, FPL_OK);
        assert_int_equal(n, 11);
        assert_int_equal(rows[0].fault, FPL_CSV_OK);
        assert_string_equal(rows[0].id, "L1");
        assert_int_equal(rows[0].line, 2);
        assert_same_double(rows[0].score.score, 100.0);
        assert_int_equal(rows[1].fault, FPL_CSV_OK);
        assert_int_equal(rows[1].line, 4); /* the blank line 3 is skipped */
        assert_same_double(rows[1].score.score, 62.5);
        assert_string_equal(rows[2].id, "L3\nwith a line");
        assert_int_equal(rows[2].line, 5);
        assert_int_equal(rows[3].line, 7); /* the quoted line end counts */
        assert_int_equal(rows[3].fault, FPL_CSV_FIELDS);
        assert_int_equal(rows[4].fault, FPL_CSV_QUOTE);
        assert_int_equal(rows[5].fault, FPL_CSV_ANSWER);
        assert_int_equal(rows[5].column, 4);
        assert_int_equal(rows[6].fault, FPL_CSV_ID);
        assert_int_equal(rows[7].fault, FPL_CSV_QUOTE);
        assert_int_equal(rows[8].fault, FPL_CSV_OK);
        assert_string_equal(rows[8].id, "\xC3\xA9t\xC3\xA9");
        assert_int_equal(rows[9].fault, FPL_CSV_UTF8);
        assert_int_equal(rows[10].fault, FPL_CSV_OK);
        assert_int_equal(rows[10].line, 14);
        assert_same_double(rows[10].score.score, 0.0);
    }
    assert_string_equal(fpl_csv_fault_message(FPL_CSV_FIELDS), "not as many fields as the header");
}

static void test_score_csv_header_and_ends(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    fpl_status st;
    const char *bad_headers[] = {"", "\n\n", "name,budget,authority,need,timing\n",
                                 "id,budget,authority,need\n",
                                 "id,budget,authority,need,timing,budget\n",
                                 "id,id,budget,authority,need,timing\n",
                                 "id,\"budget,authority,need,timing\n"};
    for (size_t i = 0; i < sizeof bad_headers / sizeof bad_headers[0]; ++i) {
        assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
        (void)feed_all(bad_headers[i], 4096, &st);
        assert_int_equal(st, FPL_ERR_CSV_HEADER);
    }
    /* a byte-order mark before a quoted first header field */
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    size_t n = feed_all("\xEF\xBB\xBF\"id\",budget,authority,need,timing\nA,1,1,1,1\n", 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].id, "A");
    /* a UTF-8 sequence cut by a comma is invalid in both fields */
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    n = feed_all("id,x,budget,authority,need,timing\nA\xC3,\xA9,1,1,1,1\n", 4096, &st);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].fault, FPL_CSV_UTF8);
    /* a custom id column, columns in any order, extra columns ignored */
    assert_int_equal(fpl_csv_begin(&reader, &bant, "lead", 4, NULL), FPL_OK);
    n = feed_all("timing,need,x,lead,authority,budget\n1,1,z,A,1,0\n", 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].id, "A");
    assert_same_double(rows[0].score.score, 75.0);
    assert_int_equal(rows[0].score.missing, 1u); /* budget */
    /* an unterminated quote at the end of the file */
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    n = feed_all("id,budget,authority,need,timing\nA,1,1,1,\"1\n", 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].fault, FPL_CSV_UNTERMINATED);
    /* a header only: no rows, no error */
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    n = feed_all("id,budget,authority,need,timing", 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 0);
    /* a record longer than the reader holds is refused, the next one read */
    static char big[FPL_CSV_RECORD_MAX + 200];
    strcpy(big, "id,budget,authority,need,timing\nA,1,1,1,\"");
    size_t len = strlen(big);
    memset(big + len, 'x', FPL_CSV_RECORD_MAX + 10);
    len += FPL_CSV_RECORD_MAX + 10;
    strcpy(big + len, "\"\nB,1,1,1,1\n");
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    n = feed_all(big, 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(rows[0].fault, FPL_CSV_TOO_LONG);
    assert_int_equal(rows[1].fault, FPL_CSV_OK);
    assert_string_equal(rows[1].id, "B");
    assert_int_equal(rows[1].line, 3);
    /* bad calls */
    size_t used;
    assert_int_equal(fpl_csv_feed(&reader, "x", 1, false, rows, 0, &n, &used, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_begin(&reader, &bant, "bad\nid", 6, NULL), FPL_ERR_STAGE_NAME_CONTROL);
}

/* Ranking: score, then sales-ready, then the file's order. */
static void test_score_ranking_order(void **state)
{
    (void)state;
    fpl_lead_score a = {80, FPL_BAND_HOT, false, 0, 0};
    fpl_lead_score b = {80, FPL_BAND_HOT, true, 0, 0};
    fpl_lead_score c = {90, FPL_BAND_HOT, false, 0, 0};
    assert_true(fpl_score_before(&c, 9, &b, 1));
    assert_true(fpl_score_before(&b, 5, &a, 2)); /* sales-ready first among equals */
    assert_true(fpl_score_before(&a, 2, &a, 3)); /* then the file's order */
    assert_false(fpl_score_before(&a, 3, &a, 2));
    /* a billionth of a point of noise is a tie */
    fpl_lead_score d = a;
    d.score = 80.0 + 1e-12;
    assert_false(fpl_score_before(&d, 4, &a, 2));
    assert_true(fpl_score_before(&a, 2, &d, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_bant_preset),
        cmocka_unit_test(test_score_custom_criteria_and_thresholds),
        cmocka_unit_test(test_score_refuses_bad_criteria_and_answers),
        cmocka_unit_test(test_score_csv_rfc4180),
        cmocka_unit_test(test_score_csv_header_and_ends),
        cmocka_unit_test(test_score_ranking_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

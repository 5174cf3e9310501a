/*
 * funnelplan — lead scores against criteria, and the streaming CSV reader.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
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
    assert_same_double(s.score, 50.0);
    assert_int_equal(s.band, FPL_BAND_WARM);
    assert_int_equal(s.missing, (1u << 1) | (1u << 3));
    const double one[4] = {0, 0, 0, 1};
    assert_int_equal(fpl_score_lead(&bant, one, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 25.0);
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
    c.has_hot = true;
    c.warm = 40;
    c.has_warm = true;
    assert_int_equal(fpl_criteria_check(&c, NULL), FPL_OK);
    assert_same_double(fpl_criteria_hot(&c), 80.0);
    assert_same_double(fpl_criteria_warm(&c), 40.0);
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
    d.has_warm = true;
    d.hot = 90;
    d.has_hot = true;
    const double n[2] = {0.3, 0.9};
    assert_int_equal(fpl_score_lead(&d, n, 2, &s, NULL), FPL_OK);
    assert_same_double(s.score, 60.0);
    assert_int_equal(s.band, FPL_BAND_WARM);
    /* no required criterion: sales-ready when hot */
    const double full[2] = {1, 1};
    assert_int_equal(fpl_score_lead(&d, full, 2, &s, NULL), FPL_OK);
    assert_same_double(s.score, 100.0);
    assert_int_equal(s.band, FPL_BAND_HOT);
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
    bant.criteria[2].weight = NAN;
    fpl_error at;
    assert_int_equal(fpl_criteria_check(&bant, &at), FPL_ERR_CRITERION);
    assert_error(at, FPL_ERR_CRITERION, FPL_FIELD_CRITERION, 2);
    fpl_criteria_bant(&bant, NULL);
    fpl_lead_score s;
    memset(&s, 0x11, sizeof s);
    const fpl_lead_score before = s;
    const double bad_answers[][4] = {{1, 1, 1, 1.5}, {1, -0.1, 1, 1}, {NAN, 1, 1, 1},
                                     {1, 1, INFINITY, 1}};
    const size_t bad_index[4] = {3, 1, 0, 2};
    for (size_t i = 0; i < 4; ++i) {
        assert_int_equal(fpl_score_lead(&bant, bad_answers[i], 4, &s, &at), FPL_ERR_ANSWER);
        assert_error(at, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, bad_index[i]);
    }
    const double ok[4] = {1, 1, 1, 1};
    assert_int_equal(fpl_score_lead(&bant, ok, 3, &s, &at), FPL_ERR_ANSWER);
    assert_error(at, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, FPL_NO_INDEX);
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
        assert_int_equal(fpl_answer_parse(worse[i], strlen(worse[i]), &v, &at), FPL_ERR_ANSWER);
        assert_error_at(at, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, FPL_NO_INDEX, 0, strlen(worse[i]));
    }
    /* the bytes at fault are the answer without the spaces around it */
    assert_int_equal(fpl_answer_parse(" \tmaybe ", 8, &v, &at), FPL_ERR_ANSWER);
    assert_int_equal(at.offset, 2);
    assert_int_equal(at.length, 5);
}

/* A criterion's text: which criterion, and the bytes of the name or the
 * weight at fault; the count is about the criteria as a whole. */
static void test_score_criterion_errors_say_where(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        fpl_status status;
        size_t offset;
        size_t length;
    } cases[] = {
        {"fit=0", FPL_ERR_CRITERION, 4, 1},
        {"fit=-1,required", FPL_ERR_CRITERION, 4, 2},
        {"fit=2,optional", FPL_ERR_CRITERION, 4, 10},
        {"fit=", FPL_ERR_CRITERION, 4, 0},
        {"a=b=nan", FPL_ERR_CRITERION, 4, 3},
        {"=2", FPL_ERR_STAGE_NAME_EMPTY, 0, 0},
        {"", FPL_ERR_STAGE_NAME_EMPTY, 0, 0},
        {"bad\tname=2,required", FPL_ERR_STAGE_NAME_CONTROL, 0, 8},
        {"\xFFx", FPL_ERR_STAGE_NAME_UTF8, 0, 2},
        {"need=3", FPL_ERR_CRITERION_DUPLICATE, 0, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        fpl_criteria c;
        memset(&c, 0, sizeof c);
        assert_int_equal(ADD(&c, "budget"), FPL_OK);
        assert_int_equal(ADD(&c, "need=2"), FPL_OK);
        fpl_error err;
        memset(&err, 0x5a, sizeof err);
        const size_t len = strlen(cases[i].text);
        assert_int_equal(fpl_criteria_add_parse(&c, cases[i].text, len, &err), cases[i].status);
        /* the third criterion */
        assert_error_at(err, cases[i].status, FPL_FIELD_CRITERION, 2, cases[i].offset,
                        cases[i].length);
        assert_int_equal(err.line, 0);
        assert_int_equal(c.n_criteria, 2);
    }
    /* a name status about a criterion speaks of a criterion name */
    fpl_error err;
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "won"), FPL_OK); /* the stage words are names like others */
    assert_int_equal(fpl_criteria_add_parse(&c, "=1", 2, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_string_equal(fpl_error_message(&err), "criterion name is empty");
    assert_int_equal(fpl_criteria_add_parse(&c, "a\nb", 3, &err), FPL_ERR_STAGE_NAME_CONTROL);
    assert_string_equal(fpl_error_message(&err), "criterion name contains a control character");
    assert_int_equal(fpl_criteria_add_parse(&c, "\xC3", 1, &err), FPL_ERR_STAGE_NAME_UTF8);
    assert_string_equal(fpl_error_message(&err), "criterion name is not valid UTF-8");
    char long_name[FPL_NAME_MAX + 2];
    memset(long_name, 'x', sizeof long_name);
    assert_int_equal(fpl_criteria_add_parse(&c, long_name, sizeof long_name, &err),
                     FPL_ERR_STAGE_NAME_LONG);
    assert_string_equal(fpl_error_message(&err), "criterion name is longer than 64 bytes");
    assert_int_equal(err.length, sizeof long_name);
    /* other statuses keep the library's message; a stage keeps "stage name" */
    assert_int_equal(fpl_criteria_add_parse(&c, "won=0", 5, &err), FPL_ERR_CRITERION);
    assert_string_equal(fpl_error_message(&err), fpl_strerror(FPL_ERR_CRITERION));
    const fpl_error stage = {FPL_ERR_STAGE_NAME_EMPTY, FPL_FIELD_STAGE, 0, 0, 0, 0};
    assert_string_equal(fpl_error_message(&stage), "stage name is empty");
    assert_string_equal(fpl_error_message(NULL), fpl_strerror(FPL_ERR_NULL));
    const fpl_error id = {FPL_ERR_STAGE_NAME_EMPTY, FPL_FIELD_ID_COLUMN, FPL_NO_INDEX, 0, 0, 0};
    assert_string_equal(fpl_error_message(&id), "id column name is empty");
    /* the struct: which criterion, no bytes */
    memset(&c, 0, sizeof c);
    assert_int_equal(fpl_criteria_check(&c, &err), FPL_ERR_CRITERION_COUNT);
    assert_error(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    assert_int_equal(ADD(&c, "a"), FPL_OK);
    assert_int_equal(ADD(&c, "b"), FPL_OK);
    assert_int_equal(ADD(&c, "c"), FPL_OK);
    memcpy(c.criteria[2].name, "a", 2);
    assert_int_equal(fpl_criteria_check(&c, &err), FPL_ERR_CRITERION_DUPLICATE);
    assert_error(err, FPL_ERR_CRITERION_DUPLICATE, FPL_FIELD_CRITERION, 2);
    c.criteria[1].name[0] = '\0';
    assert_int_equal(fpl_criteria_check(&c, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_error(err, FPL_ERR_STAGE_NAME_EMPTY, FPL_FIELD_CRITERION, 1);
    assert_string_equal(fpl_error_message(&err), "criterion name is empty");
    for (int i = 3; i < FPL_MAX_CRITERIA; ++i) {
        char name[8];
        const int len = snprintf(name, sizeof name, "c%d", i);
        assert_int_equal(fpl_criteria_add_parse(&c, name, (size_t)len, NULL), FPL_OK);
    }
    assert_int_equal(fpl_criteria_add_parse(&c, "more", 4, &err), FPL_ERR_CRITERION_COUNT);
    assert_error(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
}

/* The thresholds: the defaults unless given; one given is checked as given
 * (0 is refused, never the default), and the one at fault is named. */
static void test_score_thresholds_name_hot_or_warm(void **state)
{
    (void)state;
    fpl_criteria c;
    fpl_criteria_bant(&c, NULL);
    assert_false(c.has_hot);
    assert_false(c.has_warm);
    assert_same_double(fpl_criteria_hot(&c), FPL_SCORE_HOT_DEFAULT);
    assert_same_double(fpl_criteria_warm(&c), FPL_SCORE_WARM_DEFAULT);
    assert_same_double(fpl_criteria_hot(NULL), 75.0);
    assert_same_double(fpl_criteria_warm(NULL), 50.0);
    c.hot = 10; /* not given: ignored */
    c.warm = 90;
    assert_same_double(fpl_criteria_hot(&c), 75.0);
    assert_int_equal(fpl_criteria_check(&c, NULL), FPL_OK);
    static const struct {
        bool has_hot;
        double hot;
        bool has_warm;
        double warm;
        fpl_field field; /* FPL_FIELD_NONE: accepted */
    } cases[] = {
        {true, 0, false, 0, FPL_FIELD_HOT},
        {false, 0, true, 0, FPL_FIELD_WARM},
        {true, 0, true, 0, FPL_FIELD_HOT},
        {true, 150, true, 0, FPL_FIELD_WARM}, /* not above 0 comes first */
        {true, -5, false, 0, FPL_FIELD_HOT},
        {true, NAN, false, 0, FPL_FIELD_HOT},
        {false, 0, true, NAN, FPL_FIELD_WARM},
        {true, 150, false, 0, FPL_FIELD_HOT},
        {true, 150, true, 80, FPL_FIELD_HOT},
        {true, INFINITY, false, 0, FPL_FIELD_HOT},
        {true, 40, false, 0, FPL_FIELD_HOT},  /* below the default warm */
        {false, 0, true, 80, FPL_FIELD_WARM}, /* above the default hot */
        {true, 40, true, 60, FPL_FIELD_WARM}, /* both given: warm does not fit */
        {true, 100, true, 100, FPL_FIELD_NONE},
        {true, 1e-9, true, 1e-9, FPL_FIELD_NONE},
        {true, 90, false, 0, FPL_FIELD_NONE},
        {false, 0, true, 10, FPL_FIELD_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        fpl_criteria_bant(&c, NULL);
        c.has_hot = cases[i].has_hot;
        c.hot = cases[i].hot;
        c.has_warm = cases[i].has_warm;
        c.warm = cases[i].warm;
        fpl_error err;
        memset(&err, 0, sizeof err);
        const fpl_status want = cases[i].field == FPL_FIELD_NONE ? FPL_OK : FPL_ERR_BANDS;
        assert_int_equal(fpl_criteria_check(&c, &err), want);
        if (want != FPL_OK) {
            assert_error(err, FPL_ERR_BANDS, cases[i].field, FPL_NO_INDEX);
        }
    }
    /* scoring and the reader check the same way */
    fpl_criteria_bant(&c, NULL);
    c.has_warm = true;
    c.warm = 0;
    fpl_error err;
    const double all[4] = {1, 1, 1, 1};
    fpl_lead_score s;
    assert_int_equal(fpl_score_lead(&c, all, 4, &s, &err), FPL_ERR_BANDS);
    assert_int_equal(err.field, FPL_FIELD_WARM);
    assert_int_equal(fpl_csv_begin(&reader, &c, NULL, 0, &err), FPL_ERR_BANDS);
    assert_int_equal(err.field, FPL_FIELD_WARM);
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
        assert_int_equal(rows[5].criterion, 2); /* need: the third criterion */
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
    static const struct {
        const char *text;
        size_t column; /* the column at fault */
        uint64_t line; /* the header's line */
        fpl_csv_header_fault fault;
        const char *message; /* fpl_csv_header_message() */
    } bad_headers[] = {
        {"", FPL_NO_INDEX, 0, FPL_CSV_HEADER_NONE, "the file has no header (it is empty or blank)"},
        {"\n\n", FPL_NO_INDEX, 0, FPL_CSV_HEADER_NONE,
         "the file has no header (it is empty or blank)"},
        {"name,budget,authority,need,timing\n", FPL_NO_INDEX, 1, FPL_CSV_HEADER_MISSING,
         "the header has no column named 'id' (the id column)"},
        {"\n\nid,budget,authority,need\n", FPL_NO_INDEX, 3, FPL_CSV_HEADER_MISSING,
         "the header has no column named 'timing' (a criterion)"},
        {"id,budget,authority,need,timing,budget\n", 5, 1, FPL_CSV_HEADER_TWICE,
         "columns 2 and 6 of the header both name 'budget' (a criterion; names match in any "
         "case)"},
        {"id,Budget,authority,need,timing,bUDGET\n", 5, 1, FPL_CSV_HEADER_TWICE,
         "columns 2 and 6 of the header both name 'budget' (a criterion; names match in any "
         "case)"},
        {"id,ID,budget,authority,need,timing\n", 1, 1, FPL_CSV_HEADER_TWICE,
         "columns 1 and 2 of the header both name 'id' (the id column; names match in any "
         "case)"},
        {"id,budget,authority,need,timing,\xFF\n", 5, 1, FPL_CSV_HEADER_UTF8,
         "column 6 of the header is not valid UTF-8 text (or holds a NUL byte)"},
        {"\r\nid,budget,authority,ne\"ed,timing\n", 3, 2, FPL_CSV_HEADER_QUOTE,
         "column 4 of the header has a quote inside an unquoted field, or text after a closing "
         "quote"},
        {"id,\"budget,authority,need,timing\n", 1, 1, FPL_CSV_HEADER_UNTERMINATED,
         "column 2 of the header is a quoted field not closed at the end of the file"},
        {"id,\"budget\"x,authority,need,timing\n", 1, 1, FPL_CSV_HEADER_QUOTE,
         "column 2 of the header has a quote inside an unquoted field, or text after a closing "
         "quote"},
    };
    for (size_t i = 0; i < sizeof bad_headers / sizeof bad_headers[0]; ++i) {
        assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
        fpl_csv_row buf[2];
        size_t n_rows;
        size_t used;
        fpl_error err;
        memset(&err, 0x5a, sizeof err);
        const char *text = bad_headers[i].text;
        assert_int_equal(fpl_csv_feed(&reader, text, strlen(text), true, buf, 2, &n_rows, &used,
                                      &err),
                         FPL_ERR_CSV_HEADER);
        assert_error(err, FPL_ERR_CSV_HEADER, FPL_FIELD_LEADS, bad_headers[i].column);
        assert_int_equal(err.line, bad_headers[i].line);
        assert_int_equal(n_rows, 0);
        assert_int_equal(reader.header_fault, bad_headers[i].fault);
        char message[FPL_CSV_HEADER_MESSAGE_MAX];
        const size_t mlen = fpl_csv_header_message(&reader, message, sizeof message);
        assert_string_equal(message, bad_headers[i].message);
        assert_int_equal(mlen, strlen(bad_headers[i].message));
        /* cut to the room given, the whole length still told */
        char small[8];
        assert_int_equal(fpl_csv_header_message(&reader, small, sizeof small), mlen);
        assert_int_equal(strlen(small), 7);
        assert_memory_equal(small, bad_headers[i].message, 7);
        assert_int_equal(fpl_csv_header_message(&reader, NULL, 0), mlen);
    }
    /* too many columns: the first one past the limit */
    static char wide[8 * (FPL_CSV_MAX_COLUMNS + 8)];
    size_t wlen = 0;
    for (unsigned k = 0; k < FPL_CSV_MAX_COLUMNS + 4; ++k) {
        wlen += (size_t)snprintf(wide + wlen, sizeof wide - wlen, "c%u,", k);
    }
    wlen += (size_t)snprintf(wide + wlen, sizeof wide - wlen, "id\n");
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
    {
        fpl_csv_row buf[2];
        size_t n_rows;
        size_t used;
        fpl_error err;
        assert_int_equal(fpl_csv_feed(&reader, wide, wlen, true, buf, 2, &n_rows, &used, &err),
                         FPL_ERR_CSV_HEADER);
        assert_int_equal(err.field, FPL_FIELD_LEADS);
        assert_int_equal(err.index, FPL_CSV_MAX_COLUMNS);
        assert_int_equal(err.line, 1);
        char message[FPL_CSV_HEADER_MESSAGE_MAX];
        (void)fpl_csv_header_message(&reader, message, sizeof message);
        assert_string_equal(message, "the header has more than 256 columns");
        /* refused at the column past the limit, not at the line end */
        assert_int_equal(used, (size_t)(strstr(wide, ",c256,") - wide) + 6);
    }
    /* names match in any ASCII case; beyond ASCII, byte for byte */
    assert_int_equal(fpl_csv_begin(&reader, &bant, "Lead", 4, NULL), FPL_OK);
    size_t nc = feed_all("LEAD,Budget,AUTHORITY,need,tImInG\nA,1,1,0.5,1\n", 4096, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(nc, 1);
    assert_string_equal(rows[0].id, "A");
    assert_same_double(rows[0].score.score, 87.5);
    {
        fpl_criteria e;
        memset(&e, 0, sizeof e);
        assert_int_equal(ADD(&e, "\xC3\xA9tape"), FPL_OK); /* étape */
        assert_int_equal(fpl_csv_begin(&reader, &e, NULL, 0, NULL), FPL_OK);
        (void)feed_all("id,\xC3\x89tape\nA,1\n", 4096, &st); /* Étape */
        assert_int_equal(st, FPL_ERR_CSV_HEADER);
        assert_int_equal(reader.header_fault, FPL_CSV_HEADER_MISSING);
        assert_int_equal(reader.header_name, 0);
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
    fpl_error err;
    assert_int_equal(fpl_csv_begin(&reader, &bant, "bad\nid", 6, &err), FPL_ERR_STAGE_NAME_CONTROL);
    assert_error(err, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_ID_COLUMN, FPL_NO_INDEX);
    assert_int_equal(fpl_csv_begin(&reader, &bant, "", 0, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(err.field, FPL_FIELD_ID_COLUMN);
    bant.criteria[1].weight = 0;
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, &err), FPL_ERR_CRITERION);
    assert_error(err, FPL_ERR_CRITERION, FPL_FIELD_CRITERION, 1);
}

/* An endless first line (`--leads /dev/zero`): refused once it is longer
 * than a record the reader holds, without a line end ever coming. */
static void test_score_csv_endless_header_stops(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    static char chunk[4096];
    memset(chunk, 0, sizeof chunk); /* as /dev/zero gives */
    for (int first = 0; first < 2; ++first) {
        assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK);
        size_t total = 0;
        fpl_status st = FPL_OK;
        fpl_error err;
        if (first == 1) { /* a valid start, then an endless second column */
            size_t n;
            size_t used;
            assert_int_equal(fpl_csv_feed(&reader, "id,", 3, false, rows, 1, &n, &used, &err),
                             FPL_OK);
            total = used;
            memset(chunk, 'x', sizeof chunk);
        }
        for (int k = 0; k < 1000 && st == FPL_OK; ++k) { /* 4 MB at most */
            size_t n;
            size_t used;
            st = fpl_csv_feed(&reader, chunk, sizeof chunk, false, rows, 1, &n, &used, &err);
            assert_int_equal(n, 0);
            total += used;
        }
        assert_int_equal(st, FPL_ERR_CSV_HEADER);
        assert_error(err, FPL_ERR_CSV_HEADER, FPL_FIELD_LEADS, (size_t)first);
        assert_int_equal(err.line, 1);
        /* up to the byte past the 65536 it holds (the comma is not held) */
        assert_int_equal(total, FPL_CSV_RECORD_MAX + 1 + (first == 1 ? 1 : 0));
        assert_int_equal(reader.header_fault, FPL_CSV_HEADER_LONG);
        char message[FPL_CSV_HEADER_MESSAGE_MAX];
        (void)fpl_csv_header_message(&reader, message, sizeof message);
        assert_string_equal(message, first == 1
                                         ? "the header is longer than 65536 bytes (at column 2): "
                                           "is it a CSV file with a line per lead?"
                                         : "the header is longer than 65536 bytes (at column 1): "
                                           "is it a CSV file with a line per lead?");
        /* and it stays refused: nothing more is read */
        size_t n;
        size_t used;
        assert_int_equal(fpl_csv_feed(&reader, chunk, sizeof chunk, true, rows, 1, &n, &used, NULL),
                         FPL_OK);
        assert_int_equal(used, 0);
    }
}

/* Weights of any finite positive size: the score of the formula, scaled
 * by a power of two (exactly), never NaN, never out of [0, 100]. */
static void test_score_weights_of_any_size(void **state)
{
    (void)state;
    fpl_lead_score s;
    fpl_criteria c;
    /* one criterion of 1e307, half met: 50, warm (it was 100, hot) */
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "a=1e307"), FPL_OK);
    const double half[1] = {0.5};
    assert_int_equal(fpl_score_lead(&c, half, 1, &s, NULL), FPL_OK);
    assert_same_double(s.score, 50.0);
    assert_int_equal(s.band, FPL_BAND_WARM);
    /* two of 9e307 (their sum overflows): 75, hot (it was NaN) */
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "a=9e307"), FPL_OK);
    assert_int_equal(ADD(&c, "b=9e307"), FPL_OK);
    const double half_one[2] = {0.5, 1};
    assert_int_equal(fpl_score_lead(&c, half_one, 2, &s, NULL), FPL_OK);
    assert_same_double(s.score, 75.0);
    assert_int_equal(s.band, FPL_BAND_HOT);
    /* two of 4e-324, the least double (half of it vanished): 50 */
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "a=4e-324"), FPL_OK);
    assert_int_equal(ADD(&c, "b=4e-324"), FPL_OK);
    assert_same_double(c.criteria[0].weight, DBL_TRUE_MIN);
    const double halves[2] = {0.5, 0.5};
    assert_int_equal(fpl_score_lead(&c, halves, 2, &s, NULL), FPL_OK);
    assert_same_double(s.score, 50.0);
    assert_int_equal(s.band, FPL_BAND_WARM);
    /* the largest and the least double together: the least is 10^-630 of
     * the score, below its last bit */
    c.criteria[0].weight = DBL_MAX;
    c.criteria[1].weight = DBL_TRUE_MIN;
    const double a_half[2] = {0.5, 1};
    assert_int_equal(fpl_score_lead(&c, a_half, 2, &s, NULL), FPL_OK);
    assert_same_double(s.score, 50.0);
    /* three of DBL_MAX, one met: 100/3, as three of 1 give */
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 3; ++i) {
        c.criteria[i].name[0] = (char)('a' + i);
        c.criteria[i].weight = DBL_MAX;
    }
    c.n_criteria = 3;
    const double one_of_three[3] = {1, 0, 0};
    assert_int_equal(fpl_score_lead(&c, one_of_three, 3, &s, NULL), FPL_OK);
    assert_same_double(s.score, 100.0 * 1.0 / 3.0);
    assert_int_equal(s.band, FPL_BAND_COLD);
    /* ordinary weights: the formula's very bits, and the same bits when
     * every weight is scaled by 2^1000 or 2^-1000 */
    static const double w[3] = {0.1, 0.2, 0.3};
    const double ans[3] = {1, 0.5, 0.25};
    const double total = 0.1 + 0.2 + 0.3;
    const double got = 0.1 * 1 + 0.2 * 0.5 + 0.3 * 0.25;
    const double want = 100.0 * got / total;
    for (int e = -1000; e <= 1000; e += 1000) {
        for (int i = 0; i < 3; ++i) {
            c.criteria[i].weight = ldexp(w[i], e);
        }
        assert_int_equal(fpl_score_lead(&c, ans, 3, &s, NULL), FPL_OK);
        assert_same_double(s.score, want);
        assert_close(s.score, 275.0 / 6.0); /* 100 · 0.275 / 0.6 */
    }
    /* every answer met, weights from the least to the largest: 100 */
    memset(&c, 0, sizeof c);
    const double extremes[4] = {DBL_TRUE_MIN, DBL_MIN, 1.0, DBL_MAX};
    for (int i = 0; i < 4; ++i) {
        c.criteria[i].name[0] = (char)('a' + i);
        c.criteria[i].weight = extremes[i];
    }
    c.n_criteria = 4;
    const double all[4] = {1, 1, 1, 1};
    assert_int_equal(fpl_score_lead(&c, all, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 100.0);
    const double none[4] = {0, 0, 0, 0};
    assert_int_equal(fpl_score_lead(&c, none, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 0.0);
    /* a weight that is not finite and positive is still refused */
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "a=1e309"), FPL_ERR_CRITERION);
    assert_int_equal(ADD(&c, "a=0"), FPL_ERR_CRITERION);
}

/* A score as the table shows it, at the edges of the bands. */
static const char *shown(const fpl_criteria *c, double answer)
{
    static char text[FPL_NUMBER_MAX];
    fpl_lead_score s;
    assert_int_equal(fpl_score_lead(c, &answer, 1, &s, NULL), FPL_OK);
    const size_t n = fpl_score_format(c, &s, text, sizeof text);
    assert_int_equal(n, strlen(text));
    return text;
}

static void test_score_format_never_crosses_a_line(void **state)
{
    (void)state;
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "s"), FPL_OK);
    /* default thresholds, 75 and 50: a warm score is never shown 75.0 */
    assert_string_equal(shown(&c, 0.7495), "74.9");
    assert_string_equal(shown(&c, 0.7499), "74.9");
    assert_string_equal(shown(&c, 0.74999999), "74.9");
    assert_string_equal(shown(&c, 0.4995), "49.9");
    assert_string_equal(shown(&c, 0.4999), "49.9");
    assert_string_equal(shown(&c, 0.75), "75.0");
    assert_string_equal(shown(&c, 0.5), "50.0");
    assert_string_equal(shown(&c, 0.7494), "74.9");  /* the nearest, as before */
    assert_string_equal(shown(&c, 0.7506), "75.1");
    assert_string_equal(shown(&c, 0.875), "87.5");
    assert_string_equal(shown(&c, 0.1225), "12.2"); /* the nearest: 12.25 is 12.2499... */
    assert_string_equal(shown(&c, 0), "0.0");
    /* 100.0 means every criterion fully met */
    assert_string_equal(shown(&c, 0.9999), "99.9");
    assert_string_equal(shown(&c, 0.99999999999), "99.9");
    assert_string_equal(shown(&c, 1), "100.0");
    /* custom thresholds a tenth apart or more: one decimal, toward the band */
    c.has_hot = true;
    c.hot = 74.95;
    c.has_warm = true;
    c.warm = 49.95;
    assert_string_equal(shown(&c, 0.7495), "75.0"); /* hot now */
    assert_string_equal(shown(&c, 0.7499), "75.0");
    assert_string_equal(shown(&c, 0.7494), "74.9");
    assert_string_equal(shown(&c, 0.4995), "50.0"); /* warm now */
    assert_string_equal(shown(&c, 0.4994), "49.9");
    c.hot = 80;
    c.warm = 60;
    assert_string_equal(shown(&c, 0.7999), "79.9");
    assert_string_equal(shown(&c, 0.5999), "59.9");
    assert_string_equal(shown(&c, 0.8), "80.0");
    /* thresholds closer than a tenth, off the grid of tenths: the fewest
     * decimals that stay inside the band, never more than theirs */
    c.hot = 80.05;
    c.warm = 80.01;
    assert_string_equal(shown(&c, 0.8003), "80.03");
    assert_string_equal(shown(&c, 0.8001), "80.01");
    assert_string_equal(shown(&c, 0.80049), "80.04");
    assert_string_equal(shown(&c, 0.8005), "80.1");
    assert_string_equal(shown(&c, 0.80009), "80.0"); /* cold */
    c.hot = 50.000000002;
    c.warm = 50.000000001;
    assert_string_equal(shown(&c, 0.50000000001), "50.000000001"); /* warm */
    assert_string_equal(shown(&c, 0.50000000002), "50.1");         /* hot */
    assert_string_equal(shown(&c, 0.5), "50.0");                   /* cold */
    /* no score: an empty text; the length whatever the room */
    fpl_lead_score s = {74.99, FPL_BAND_WARM, false, 1, 1};
    char small[3];
    assert_int_equal(fpl_score_format(NULL, &s, small, sizeof small), 4);
    assert_string_equal(small, "74");
    assert_int_equal(fpl_score_format(NULL, &s, NULL, 0), 4);
    assert_int_equal(fpl_score_format(NULL, NULL, small, sizeof small), 0);
    assert_string_equal(small, "");
}

/* Every score function given NULL where it takes a pointer. */
static void test_score_null_pointers(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    fpl_lead_score s = {80, FPL_BAND_HOT, false, 0, 0};
    /* no score ranks after every score (this crashed) */
    assert_false(fpl_score_before(&s, 1, NULL, 2) == false);
    assert_true(fpl_score_before(&s, 1, NULL, 2));
    assert_false(fpl_score_before(NULL, 1, &s, 2));
    assert_false(fpl_score_before(NULL, 1, NULL, 2));
    fpl_error err;
    assert_int_equal(fpl_criteria_bant(NULL, &err), FPL_ERR_NULL);
    assert_int_equal(err.status, FPL_ERR_NULL);
    assert_int_equal(fpl_criteria_add_parse(NULL, "a", 1, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_criteria_add_parse(&bant, NULL, 1, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_criteria_check(NULL, NULL), FPL_ERR_NULL);
    double x = 7;
    assert_int_equal(fpl_answer_parse(NULL, 1, &x, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_answer_parse("1", 1, NULL, NULL), FPL_ERR_NULL);
    assert_same_double(x, 7.0);
    const double a[4] = {1, 1, 1, 1};
    assert_int_equal(fpl_score_lead(NULL, a, 4, &s, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_score_lead(&bant, NULL, 4, &s, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_score_lead(&bant, a, 4, NULL, NULL), FPL_ERR_NULL);
    uint64_t top;
    assert_int_equal(fpl_score_top_parse("1", 1, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_score_top_parse(NULL, 1, &top, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_begin(NULL, &bant, NULL, 0, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_begin(&reader, NULL, NULL, 0, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_begin(&reader, &bant, NULL, 0, NULL), FPL_OK); /* id */
    size_t n;
    size_t used;
    fpl_csv_row row[1];
    assert_int_equal(fpl_csv_feed(NULL, "x", 1, false, row, 1, &n, &used, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_feed(&reader, NULL, 1, false, row, 1, &n, &used, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_feed(&reader, "x", 1, false, NULL, 1, &n, &used, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_feed(&reader, "x", 1, false, row, 1, NULL, &used, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_feed(&reader, "x", 1, false, row, 1, &n, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_csv_feed(&reader, NULL, 0, true, row, 1, &n, &used, NULL),
                     FPL_ERR_CSV_HEADER); /* no data at the end: no header */
    char text[8] = "junk";
    assert_int_equal(fpl_csv_header_message(NULL, text, sizeof text), 0);
    assert_string_equal(text, "");
    fpl_score_tally tally = {0};
    fpl_score_tally_add(NULL, row);
    fpl_score_tally_add(&tally, NULL);
    assert_int_equal(tally.scored + tally.skipped, 0);
    assert_same_double(fpl_criteria_hot(NULL), 75.0);
    assert_same_double(fpl_criteria_warm(NULL), 50.0);
}

/* How many leads to keep: a whole number from 0 to 2^53, about `top`. */
static void test_score_top_is_a_whole_count(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        fpl_status status;
        uint64_t value;
    } cases[] = {
        {"0", FPL_OK, 0},
        {"10", FPL_OK, 10},
        {"1k", FPL_OK, 1000},
        {"1e3", FPL_OK, 1000},
        {"9007199254740992", FPL_OK, UINT64_C(9007199254740992)},
        {"1.5", FPL_ERR_TOP, 0},
        {"1e30", FPL_ERR_TOP, 0},
        {"-1", FPL_ERR_PARSE_NEGATIVE, 0},
        {"ten", FPL_ERR_PARSE_SYNTAX, 0},
        {"", FPL_ERR_PARSE_EMPTY, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        uint64_t n = 77;
        fpl_error err;
        memset(&err, 0x5a, sizeof err);
        const char *t = cases[i].text;
        assert_int_equal(fpl_score_top_parse(t, strlen(t), &n, &err), cases[i].status);
        if (cases[i].status == FPL_OK) {
            assert_int_equal(n, cases[i].value);
        } else {
            assert_int_equal(n, 77);
            assert_error(err, cases[i].status, FPL_FIELD_TOP, FPL_NO_INDEX);
        }
    }
    assert_string_equal(fpl_strerror(FPL_ERR_TOP),
                        "top must be a whole number of rows (0 or more)");
    uint64_t n;
    assert_int_equal(fpl_score_top_parse(NULL, 0, &n, NULL), FPL_ERR_NULL);
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

/* ---- presets, counted criteria, outcomes, fitting ------------------------ */

static void expect_preset(fpl_preset p, const char *name, size_t n, const char *const names[],
                          const double weights[], const bool required[], const double sat[])
{
    fpl_criteria c;
    assert_int_equal(fpl_criteria_preset(p, &c, NULL), FPL_OK);
    assert_string_equal(fpl_preset_name(p), name);
    assert_int_equal(c.n_criteria, n);
    for (size_t i = 0; i < n; ++i) {
        assert_string_equal(c.criteria[i].name, names[i]);
        assert_same_double(c.criteria[i].weight, weights[i]);
        assert_int_equal(c.criteria[i].required, required[i]);
        assert_same_double(c.saturation[i], sat[i]);
    }
    assert_false(c.has_hot);
    assert_false(c.has_warm);
    assert_int_equal(fpl_criteria_check(&c, NULL), FPL_OK);
    /* by name, in any ASCII case */
    char upper[16];
    size_t len = strlen(name);
    for (size_t i = 0; i <= len; ++i) {
        upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    }
    fpl_criteria d;
    fpl_preset which = FPL_PRESET_COUNT;
    assert_int_equal(fpl_criteria_preset_parse(upper, len, &d, &which, NULL), FPL_OK);
    assert_int_equal(which, p);
    assert_memory_equal(&c, &d, sizeof c);
}

static void test_score_presets_have_their_criteria_and_weights(void **state)
{
    (void)state;
    const char *const bant[] = {"budget", "authority", "need", "timing"};
    expect_preset(FPL_PRESET_BANT, "bant", 4, bant, (const double[]){1, 1, 1, 1},
                  (const bool[]){true, true, true, true}, (const double[]){0, 0, 0, 0});
    const char *const bad[] = {"need", "activity", "social"};
    expect_preset(FPL_PRESET_BAD, "bad", 3, bad, (const double[]){2, 1, 1},
                  (const bool[]){true, false, false}, (const double[]){0, 10, 0});
    const char *const champ[] = {"challenges", "authority", "money", "prioritization"};
    expect_preset(FPL_PRESET_CHAMP, "champ", 4, champ, (const double[]){3, 2, 1, 2},
                  (const bool[]){true, false, false, false}, (const double[]){0, 0, 0, 0});
    const char *const meddic[] = {"metrics", "economic_buyer", "decision_criteria",
                                  "decision_process", "identify_pain", "champion"};
    expect_preset(FPL_PRESET_MEDDIC, "meddic", 6, meddic, (const double[]){1, 2, 1, 1, 2, 2},
                  (const bool[]){false, true, false, false, true, true},
                  (const double[]){0, 0, 0, 0, 0, 0});
    assert_same_double(FPL_SCORE_SATURATION_DEFAULT, 10.0);
    /* bant is the old entry point's preset, and the default */
    fpl_criteria a;
    fpl_criteria b;
    fpl_criteria_bant(&a, NULL);
    fpl_criteria_preset(FPL_PRESET_DEFAULT, &b, NULL);
    assert_memory_equal(&a, &b, sizeof a);
    /* MEDDIC: every required criterion met, the rest not: 6/9 of the weight */
    fpl_criteria m;
    fpl_criteria_preset(FPL_PRESET_MEDDIC, &m, NULL);
    fpl_lead_score s;
    assert_int_equal(fpl_score_lead(&m, (const double[]){0, 1, 0, 0, 1, 1}, 6, &s, NULL), FPL_OK);
    assert_same_double(s.score, 100.0 * 6.0 / 9.0);
    assert_true(s.sales_ready);
    /* CHAMP: challenges and money met: (3 + 1) / 8 */
    fpl_criteria_preset(FPL_PRESET_CHAMP, &m, NULL);
    assert_int_equal(fpl_score_lead(&m, (const double[]){1, 0, 1, 0}, 4, &s, NULL), FPL_OK);
    assert_same_double(s.score, 50.0);
    assert_true(s.sales_ready);
    /* unknown names and values */
    fpl_error err;
    assert_int_equal(fpl_criteria_preset_parse("spiced", 6, &m, NULL, &err), FPL_ERR_PRESET);
    assert_error_at(err, FPL_ERR_PRESET, FPL_FIELD_CRITERIA, FPL_NO_INDEX, 0, 6);
    const char *bad_names[] = {"", "ban", "bants", " bant", "bant\n", "b\xC3\xA4nt"};
    for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; ++i) {
        assert_int_equal(fpl_criteria_preset_parse(bad_names[i], strlen(bad_names[i]), &m, NULL,
                                                   NULL),
                         FPL_ERR_PRESET);
    }
    assert_int_equal(fpl_criteria_preset((fpl_preset)FPL_PRESET_COUNT, &m, &err),
                     FPL_ERR_PRESET);
    assert_error(err, FPL_ERR_PRESET, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    assert_int_equal(fpl_criteria_preset((fpl_preset)-1, &m, NULL), FPL_ERR_PRESET);
    assert_string_equal(fpl_preset_name((fpl_preset)FPL_PRESET_COUNT), "unknown");
    assert_string_equal(fpl_strerror(FPL_ERR_PRESET), "the preset is bant, bad, champ or meddic");
}

static void test_score_bad_activity_is_a_count_scaled_by_saturation(void **state)
{
    (void)state;
    fpl_criteria bad;
    fpl_criteria_preset(FPL_PRESET_BAD, &bad, NULL);
    const struct {
        const char *text;
        double want; /* < 0: refused */
    } cases[] = {
        {"5", 0.5}, {"10", 1.0}, {"250", 1.0}, {"0", 0.0}, {"", 0.0}, {"  3 ", 0.3},
        {"1.5k", 1.0}, {"2.5", 0.25}, {"-1", -1}, {"nan", -1}, {"inf", -1}, {"1e400", -1},
        {"yes", -1}, {"50%", -1}, {"abc", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        double a = -7.0;
        fpl_error err;
        const fpl_status st =
            fpl_criterion_answer_parse(&bad, 1, cases[i].text, strlen(cases[i].text), &a, &err);
        if (cases[i].want < 0) {
            assert_int_equal(st, FPL_ERR_ANSWER);
            assert_int_equal(err.field, FPL_FIELD_ANSWER);
            assert_int_equal(err.index, 1);
            assert_same_double(a, -7.0);
        } else {
            assert_int_equal(st, FPL_OK);
            assert_same_double(a, cases[i].want);
        }
    }
    /* need and social are answered as ever */
    double a;
    assert_int_equal(fpl_criterion_answer_parse(&bad, 0, "yes", 3, &a, NULL), FPL_OK);
    assert_same_double(a, 1.0);
    fpl_error err;
    assert_int_equal(fpl_criterion_answer_parse(&bad, 2, "7", 1, &a, &err), FPL_ERR_ANSWER);
    assert_error_at(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, 2, 0, 1);
    assert_int_equal(fpl_criterion_answer_parse(&bad, 3, "1", 1, &a, NULL), FPL_ERR_NULL);
    /* need met, 5 clicks of 10, half the social information:
     * (2 · 1 + 1 · 0.5 + 1 · 0.5) / 4 = 75 */
    fpl_lead_score s;
    assert_int_equal(fpl_score_lead(&bad, (const double[]){1, 0.5, 0.5}, 3, &s, NULL), FPL_OK);
    assert_same_double(s.score, 75.0);
    assert_true(s.sales_ready);
    /* the saturation the user sets */
    assert_int_equal(fpl_criteria_saturation_parse(&bad, "Activity=20", 11, NULL), FPL_OK);
    assert_same_double(bad.saturation[1], 20.0);
    assert_int_equal(fpl_criterion_answer_parse(&bad, 1, "5", 1, &a, NULL), FPL_OK);
    assert_same_double(a, 0.25);
    assert_int_equal(fpl_criteria_saturation_parse(&bad, "social=1k", 9, NULL), FPL_OK);
    assert_same_double(bad.saturation[2], 1000.0);
    const struct {
        const char *text;
        size_t index, offset, length;
    } refused[] = {
        {"activity=0", 1, 9, 1}, {"activity=-3", 1, 9, 2}, {"activity=", 1, 9, 0},
        {"activity=nan", 1, 9, 3}, {"activity=1e999", 1, 9, 5}, {"clicks=5", FPL_NO_INDEX, 0, 6},
        {"activity", FPL_NO_INDEX, 0, 8}, {"=5", FPL_NO_INDEX, 0, 0},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; ++i) {
        fpl_criteria before = bad;
        assert_int_equal(fpl_criteria_saturation_parse(&bad, refused[i].text,
                                                       strlen(refused[i].text), &err),
                         FPL_ERR_SATURATION);
        assert_error_at(err, FPL_ERR_SATURATION, FPL_FIELD_SATURATION, refused[i].index,
                        refused[i].offset, refused[i].length);
        assert_memory_equal(&before, &bad, sizeof bad);
    }
    /* in a criterion's spec */
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ADD(&c, "clicks=2,required,saturation=50"), FPL_OK);
    assert_int_equal(ADD(&c, "views,saturation=1.5k"), FPL_OK);
    assert_int_equal(ADD(&c, "fit=3"), FPL_OK);
    assert_same_double(c.criteria[0].weight, 2.0);
    assert_true(c.criteria[0].required);
    assert_same_double(c.saturation[0], 50.0);
    assert_string_equal(c.criteria[1].name, "views");
    assert_same_double(c.criteria[1].weight, 1.0);
    assert_same_double(c.saturation[1], 1500.0);
    assert_same_double(c.saturation[2], 0.0);
    assert_int_equal(fpl_criteria_add_parse(&c, "x=1,saturation=0", 16, &err), FPL_ERR_SATURATION);
    assert_error_at(err, FPL_ERR_SATURATION, FPL_FIELD_CRITERION, 3, 15, 1);
    assert_int_equal(c.n_criteria, 3);
    /* checked: finite and not negative */
    const double wrong[] = {-1.0, NAN, INFINITY};
    for (size_t i = 0; i < 3; ++i) {
        fpl_criteria d = c;
        d.saturation[2] = wrong[i];
        assert_int_equal(fpl_criteria_check(&d, &err), FPL_ERR_SATURATION);
        assert_error(err, FPL_ERR_SATURATION, FPL_FIELD_SATURATION, 2);
        fpl_lead_score s2;
        assert_int_equal(fpl_score_lead(&d, (const double[]){1, 1, 1}, 3, &s2, NULL),
                         FPL_ERR_SATURATION);
    }
}

static void test_score_options_read_back_to_the_same_definition(void **state)
{
    (void)state;
    fpl_criteria bad;
    fpl_criteria_preset(FPL_PRESET_BAD, &bad, NULL);
    bad.criteria[1].weight = 0.1 + 0.2;
    bad.has_hot = true;
    bad.hot = 80;
    char text[FPL_CRITERIA_OPTIONS_MAX];
    const size_t n = fpl_criteria_options(&bad, "fitted\nignored", text, sizeof text);
    const char *want = "# fitted\n"
                       "--criterion need=2,required\n"
                       "--criterion activity=0.30000000000000004,saturation=10\n"
                       "--criterion social=1\n"
                       "--hot 80\n";
    assert_string_equal(text, want);
    assert_int_equal(n, strlen(want));
    /* cut to the capacity, the whole length counted */
    char small[10];
    assert_int_equal(fpl_criteria_options(&bad, "fitted", small, sizeof small), n);
    assert_string_equal(small, "# fitted\n");
    /* every --criterion line reads back to the very same criteria */
    fpl_criteria back;
    memset(&back, 0, sizeof back);
    for (const char *line = strstr(text, "--criterion "); line != NULL;
         line = strstr(line, "--criterion ")) {
        line += strlen("--criterion ");
        const size_t len = (size_t)(strchr(line, '\n') - line);
        assert_int_equal(fpl_criteria_add_parse(&back, line, len, NULL), FPL_OK);
    }
    back.has_hot = true;
    back.hot = 80;
    assert_memory_equal(&back, &bad, sizeof bad);
    assert_int_equal(fpl_criteria_options(NULL, "x", text, sizeof text), 0);
}

static void test_score_csv_outcome_column(void **state)
{
    (void)state;
    fpl_criteria bad;
    fpl_criteria_preset(FPL_PRESET_BAD, &bad, NULL);
    fpl_error err;
    assert_int_equal(fpl_csv_begin(&reader, &bad, NULL, 0, NULL), FPL_OK);
    assert_int_equal(fpl_csv_outcome_column(&reader, "ID", 2, &err), FPL_ERR_OUTCOME_COLUMN);
    assert_error_at(err, FPL_ERR_OUTCOME_COLUMN, FPL_FIELD_OUTCOME, FPL_NO_INDEX, 0, 2);
    assert_int_equal(fpl_csv_outcome_column(&reader, "Need", 4, &err), FPL_ERR_OUTCOME_COLUMN);
    assert_int_equal(fpl_csv_outcome_column(&reader, "", 0, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(err.field, FPL_FIELD_OUTCOME);
    assert_int_equal(fpl_csv_outcome_column(&reader, "Stage", 5, &err), FPL_OK);
    fpl_status st;
    size_t n = feed_all("id,need,activity,social,stage\r\n"
                        "a,yes,5,0.5,won\r\n"
                        "b,no,30,1, Lost \r\n"
                        "c,1,,0,\r\n"
                        "d,1,x,0,won\r\n"
                        "e,1,1,1,maybe\r\n"
                        "f,1,-2,1,lost\r\n",
                        7, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(n, 6);
    assert_int_equal(rows[0].fault, FPL_CSV_OK);
    assert_int_equal(rows[0].outcome, FPL_OUTCOME_WON);
    assert_same_double(rows[0].answers[0], 1.0);
    assert_same_double(rows[0].answers[1], 0.5);
    assert_same_double(rows[0].answers[2], 0.5);
    assert_same_double(rows[0].score.score, 75.0);
    assert_int_equal(rows[1].outcome, FPL_OUTCOME_LOST);
    assert_same_double(rows[1].answers[1], 1.0);
    assert_same_double(rows[1].score.score, 50.0);
    assert_int_equal(rows[2].fault, FPL_CSV_OK);
    assert_int_equal(rows[2].outcome, FPL_OUTCOME_NONE);
    assert_same_double(rows[2].answers[1], 0.0);
    assert_int_equal(rows[3].fault, FPL_CSV_COUNT);
    assert_int_equal(rows[3].criterion, 1);
    assert_int_equal(rows[3].column, 2);
    assert_int_equal(rows[4].fault, FPL_CSV_OUTCOME);
    assert_int_equal(rows[4].column, 4);
    assert_int_equal(rows[4].line, 6);
    assert_int_equal(rows[5].fault, FPL_CSV_COUNT);
    assert_string_equal(fpl_csv_fault_message(FPL_CSV_OUTCOME),
                        "the outcome is won, lost, or empty for a lead still open");
    assert_string_equal(fpl_csv_fault_message(FPL_CSV_COUNT),
                        "a count is a number of 0 or more (empty is 0)");
    /* too late once bytes were fed */
    assert_int_equal(fpl_csv_outcome_column(&reader, "x", 1, NULL), FPL_ERR_NULL);
    /* the header must name it, once */
    char message[FPL_CSV_HEADER_MESSAGE_MAX];
    fpl_csv_begin(&reader, &bad, NULL, 0, NULL);
    fpl_csv_outcome_column(&reader, "outcome", 7, NULL);
    n = feed_all("id,need,activity,social\na,1,1,1,won\n", 64, &st);
    assert_int_equal(st, FPL_ERR_CSV_HEADER);
    fpl_csv_header_message(&reader, message, sizeof message);
    assert_string_equal(message, "the header has no column named 'outcome' (the outcome column)");
    fpl_csv_begin(&reader, &bad, NULL, 0, NULL);
    fpl_csv_outcome_column(&reader, "outcome", 7, NULL);
    n = feed_all("outcome,id,need,activity,social,OUTCOME\n", 64, &st);
    assert_int_equal(st, FPL_ERR_CSV_HEADER);
    fpl_csv_header_message(&reader, message, sizeof message);
    assert_string_equal(message, "columns 1 and 6 of the header both name 'outcome' (the outcome "
                                 "column; names match in any case)");
    /* without an outcome column, the column is just another column */
    fpl_csv_begin(&reader, &bad, NULL, 0, NULL);
    n = feed_all("id,need,activity,social,outcome\na,1,1,1,maybe\n", 64, &st);
    assert_int_equal(st, FPL_OK);
    assert_int_equal(rows[0].fault, FPL_CSV_OK);
    assert_int_equal(rows[0].outcome, FPL_OUTCOME_NONE);
}

static void test_score_auc_counts_ties_as_half(void **state)
{
    (void)state;
    /* won 3 beats all 4 lost; won 1 beats 0 and ties 1; won 2 beats 1 and
     * 0 and ties both 2s: (4 + 1.5 + 3) / 12 = 17/24 */
    double won[3] = {3, 1, 2};
    double lost[4] = {1, 0, 2, 2};
    double auc = -1;
    assert_int_equal(fpl_score_auc(won, 3, lost, 4, &auc, NULL), FPL_OK);
    assert_same_double(auc, 17.0 / 24.0);
    double same_w[2] = {5, 5};
    double same_l[3] = {5, 5, 5};
    assert_int_equal(fpl_score_auc(same_w, 2, same_l, 3, &auc, NULL), FPL_OK);
    assert_same_double(auc, 0.5);
    double hi[2] = {9, 8};
    double lo[2] = {-1e308, 7};
    assert_int_equal(fpl_score_auc(hi, 2, lo, 2, &auc, NULL), FPL_OK);
    assert_same_double(auc, 1.0);
    assert_int_equal(fpl_score_auc(lo, 2, hi, 2, &auc, NULL), FPL_OK);
    assert_same_double(auc, 0.0);
    /* the smallest difference counts: values are compared exactly */
    double a[1] = {1.0 + DBL_EPSILON};
    double b[1] = {1.0};
    assert_int_equal(fpl_score_auc(a, 1, b, 1, &auc, NULL), FPL_OK);
    assert_same_double(auc, 1.0);
    fpl_error err;
    double w[2] = {1, NAN};
    double l[2] = {0, 1};
    auc = -1;
    assert_int_equal(fpl_score_auc(w, 2, l, 2, &auc, &err), FPL_ERR_RANK_VALUE);
    assert_error(err, FPL_ERR_RANK_VALUE, FPL_FIELD_WON, 1);
    w[1] = 2;
    l[1] = -INFINITY;
    assert_int_equal(fpl_score_auc(w, 2, l, 2, &auc, &err), FPL_ERR_RANK_VALUE);
    assert_error(err, FPL_ERR_RANK_VALUE, FPL_FIELD_LOST, 1);
    assert_int_equal(fpl_score_auc(w, 0, l, 2, &auc, &err), FPL_ERR_OUTCOMES);
    assert_error(err, FPL_ERR_OUTCOMES, FPL_FIELD_WON, FPL_NO_INDEX);
    assert_int_equal(fpl_score_auc(w, 2, NULL, 0, &auc, &err), FPL_ERR_OUTCOMES);
    assert_error(err, FPL_ERR_OUTCOMES, FPL_FIELD_LOST, FPL_NO_INDEX);
    assert_same_double(auc, -1);
}

/* A deterministic generator for synthetic leads (a 64-bit LCG, top bits). */
static uint64_t lcg_state;
static double uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
    return (double)(lcg_state >> 11) / 9007199254740992.0;
}

enum { SYN_N = 4000, SYN_K = 4 };
static double syn_answers[SYN_N * SYN_K];
static bool syn_won[SYN_N];
static double syn_work[SYN_N];

/* Leads whose log-odds of winning are -2 + Σ beta_j · answer_j. */
static void synthesize(const double beta[SYN_K], uint64_t seed)
{
    lcg_state = seed;
    for (size_t i = 0; i < SYN_N; ++i) {
        double eta = -2.0;
        for (size_t j = 0; j < SYN_K; ++j) {
            /* half the answers yes/no, half a share */
            const double u = uniform();
            const double a = j % 2 == 0 ? (u < 0.5 ? 0.0 : 1.0) : round(u * 4.0) / 4.0;
            syn_answers[i * SYN_K + j] = a;
            eta += beta[j] * a;
        }
        syn_won[i] = uniform() < 1.0 / (1.0 + exp(-eta));
    }
}

static void test_score_fit_recovers_the_order_of_true_weights(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    const double beta[SYN_K] = {3.0, 1.5, 0.5, -1.0};
    synthesize(beta, 17);
    fpl_score_fit_result r;
    assert_int_equal(fpl_score_fit_work(SYN_N), SYN_N / 5);
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work,
                                   fpl_score_fit_work(SYN_N), &r, NULL),
                     FPL_OK);
    assert_true(r.converged);
    assert_true(r.iterations >= 3 && r.iterations < 30);
    assert_int_equal(r.fit_won + r.fit_lost, SYN_N - SYN_N / 5);
    assert_int_equal(r.test_won + r.test_lost, SYN_N / 5);
    /* the coefficients near the truth, the weights in its order */
    assert_true(fabs(r.coefficient[0] - 3.0) < 0.4);
    assert_true(fabs(r.coefficient[1] - 1.5) < 0.4);
    assert_true(fabs(r.coefficient[2] - 0.5) < 0.4);
    assert_true(r.coefficient[3] < 0.0);
    assert_same_double(r.fitted.criteria[0].weight, FPL_SCORE_FIT_WEIGHT_MAX);
    assert_true(r.fitted.criteria[1].weight < r.fitted.criteria[0].weight);
    assert_true(r.fitted.criteria[2].weight < r.fitted.criteria[1].weight);
    assert_same_double(r.fitted.criteria[3].weight, FPL_SCORE_FIT_WEIGHT_MIN);
    assert_int_equal(r.floored, 1u << 3);
    /* three significant digits: the shortest form that reads back has at
     * most three digits */
    for (size_t j = 0; j < 3; ++j) {
        char text[FPL_NUMBER_MAX];
        fpl_format_number(r.fitted.criteria[j].weight, FPL_NUMBER_JSON, text, sizeof text);
        size_t digits = 0;
        bool leading = true;
        for (const char *p = text; *p != '\0'; ++p) {
            if (*p >= '1' && *p <= '9') {
                leading = false;
            }
            digits += *p >= '0' && *p <= '9' && !leading;
        }
        assert_true(digits <= 3);
    }
    /* names, required flags and thresholds are the definition's */
    assert_string_equal(r.fitted.criteria[0].name, "budget");
    assert_true(r.fitted.criteria[3].required);
    assert_memory_equal(&r.given, &bant, sizeof bant);
    /* the fitted score separates better than equal weights, on leads held back */
    assert_true(r.auc_fitted > r.auc_given + 0.02);
    assert_true(r.auc_fitted > 0.7 && r.auc_fitted < 1.0);
    /* the same leads give the same bits */
    fpl_score_fit_result again;
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work, SYN_N, &again,
                                   NULL),
                     FPL_OK);
    assert_memory_equal(&again, &r, sizeof r);
    /* the held-back AUC is fpl_score_auc of the scores of leads 5, 10, ... */
    double w[SYN_N / 5];
    double l[SYN_N / 5];
    size_t nw = 0;
    size_t nl = 0;
    for (size_t i = 4; i < SYN_N; i += 5) {
        fpl_lead_score s;
        assert_int_equal(fpl_score_lead(&bant, syn_answers + i * SYN_K, SYN_K, &s, NULL), FPL_OK);
        if (syn_won[i]) {
            w[nw++] = round(s.score * 1e9);
        } else {
            l[nl++] = round(s.score * 1e9);
        }
    }
    double auc;
    assert_int_equal(fpl_score_auc(w, nw, l, nl, &auc, NULL), FPL_OK);
    assert_same_double(auc, r.auc_given);
}

static void test_score_fit_refuses_what_it_cannot_fit(void **state)
{
    (void)state;
    fpl_criteria bant;
    fpl_criteria_bant(&bant, NULL);
    const double beta[SYN_K] = {1, 1, 1, 1};
    synthesize(beta, 5);
    fpl_score_fit_result r;
    memset(&r, 0x5a, sizeof r);
    const fpl_score_fit_result untouched = r;
    fpl_error err;
    /* one class only */
    bool all_won[SYN_N];
    for (size_t i = 0; i < SYN_N; ++i) {
        all_won[i] = true;
    }
    assert_int_equal(fpl_score_fit(&bant, syn_answers, all_won, SYN_N, syn_work, SYN_N, &r, &err),
                     FPL_ERR_OUTCOMES);
    assert_error(err, FPL_ERR_OUTCOMES, FPL_FIELD_OUTCOME, FPL_NO_INDEX);
    /* lost leads only among those held back, or none held back */
    for (size_t i = 0; i < SYN_N; ++i) {
        all_won[i] = (i + 1) % 5 != 0;
    }
    assert_int_equal(fpl_score_fit(&bant, syn_answers, all_won, SYN_N, syn_work, SYN_N, &r, NULL),
                     FPL_ERR_OUTCOMES);
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, 4, syn_work, SYN_N, &r, NULL),
                     FPL_ERR_OUTCOMES);
    assert_int_equal(fpl_score_fit(&bant, NULL, NULL, 0, NULL, 0, &r, NULL), FPL_ERR_OUTCOMES);
    /* an answer that is not in [0, 1]: which criterion, which lead */
    const double wrong[] = {NAN, INFINITY, -0.5, 1.0 + 1e-15, 1e308};
    for (size_t k = 0; k < sizeof wrong / sizeof wrong[0]; ++k) {
        const double keep = syn_answers[37 * SYN_K + 2];
        syn_answers[37 * SYN_K + 2] = wrong[k];
        assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work, SYN_N, &r,
                                       &err),
                         FPL_ERR_ANSWER);
        assert_error(err, FPL_ERR_ANSWER, FPL_FIELD_ANSWER, 2);
        assert_int_equal(err.line, 38);
        syn_answers[37 * SYN_K + 2] = keep;
    }
    /* a workspace too small */
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work, SYN_N / 5 - 1,
                                   &r, &err),
                     FPL_ERR_WORKSPACE);
    assert_error(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    /* a definition at fault */
    fpl_criteria c = bant;
    c.criteria[1].weight = NAN;
    assert_int_equal(fpl_score_fit(&c, syn_answers, syn_won, SYN_N, syn_work, SYN_N, &r, &err),
                     FPL_ERR_CRITERION);
    assert_error(err, FPL_ERR_CRITERION, FPL_FIELD_CRITERION, 1);
    assert_memory_equal(&r, &untouched, sizeof r);
    /* answers that separate won from lost perfectly: the penalty keeps the
     * coefficients finite, the area is 1 */
    for (size_t i = 0; i < SYN_N; ++i) {
        syn_won[i] = syn_answers[i * SYN_K] == 1.0;
    }
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work, SYN_N, &r, NULL),
                     FPL_OK);
    assert_true(isfinite(r.coefficient[0]) && r.coefficient[0] > 5.0);
    assert_same_double(r.auc_fitted, 1.0);
    assert_same_double(r.fitted.criteria[0].weight, FPL_SCORE_FIT_WEIGHT_MAX);
    /* nothing predicts winning: every weight at the floor */
    for (size_t i = 0; i < SYN_N; ++i) {
        syn_won[i] = syn_answers[i * SYN_K] == 0.0 && syn_answers[i * SYN_K + 2] == 0.0;
    }
    assert_int_equal(fpl_score_fit(&bant, syn_answers, syn_won, SYN_N, syn_work, SYN_N, &r, NULL),
                     FPL_OK);
    assert_true(r.coefficient[0] < 0 && r.coefficient[2] < 0);
    assert_int_equal(r.floored & 5u, 5u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_bant_preset),
        cmocka_unit_test(test_score_custom_criteria_and_thresholds),
        cmocka_unit_test(test_score_refuses_bad_criteria_and_answers),
        cmocka_unit_test(test_score_criterion_errors_say_where),
        cmocka_unit_test(test_score_thresholds_name_hot_or_warm),
        cmocka_unit_test(test_score_csv_rfc4180),
        cmocka_unit_test(test_score_csv_header_and_ends),
        cmocka_unit_test(test_score_csv_endless_header_stops),
        cmocka_unit_test(test_score_weights_of_any_size),
        cmocka_unit_test(test_score_format_never_crosses_a_line),
        cmocka_unit_test(test_score_null_pointers),
        cmocka_unit_test(test_score_top_is_a_whole_count),
        cmocka_unit_test(test_score_ranking_order),
        cmocka_unit_test(test_score_presets_have_their_criteria_and_weights),
        cmocka_unit_test(test_score_bad_activity_is_a_count_scaled_by_saturation),
        cmocka_unit_test(test_score_options_read_back_to_the_same_definition),
        cmocka_unit_test(test_score_csv_outcome_column),
        cmocka_unit_test(test_score_auc_counts_ties_as_half),
        cmocka_unit_test(test_score_fit_recovers_the_order_of_true_weights),
        cmocka_unit_test(test_score_fit_refuses_what_it_cannot_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

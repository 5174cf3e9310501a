/*
 * funnelplan — a file of scored leads written a lead at a time
 * (fpl_score_render_*): the bytes of `funnelplan score` in every format.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

static char text[4096];
static size_t text_len;
static size_t pieces;

static void into_text(void *ctx, const char *s, size_t len)
{
    assert_ptr_equal(ctx, text);
    assert_true(text_len + len < sizeof text);
    memcpy(text + text_len, s, len);
    text_len += len;
    text[text_len] = '\0';
    pieces++;
}

/* fit (weight 2, required) and budget (weight 1); hot from 80. */
static fpl_criteria two_criteria(void)
{
    fpl_criteria c = {0};
    assert_int_equal(fpl_criteria_add_parse(&c, "fit=2,required", FPL_NUL_TERMINATED, NULL),
                     FPL_OK);
    assert_int_equal(fpl_criteria_add_parse(&c, "budget=1", FPL_NUL_TERMINATED, NULL), FPL_OK);
    c.has_hot = true;
    c.hot = 80;
    return c;
}

static const char two_leads_json[] =
    "{\n"
    "  \"command\": \"score\",\n"
    "  \"criteria\": [\n"
    "    {\n"
    "      \"name\": \"fit\",\n"
    "      \"weight\": 2,\n"
    "      \"required\": true\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"budget\",\n"
    "      \"weight\": 1,\n"
    "      \"required\": false\n"
    "    }\n"
    "  ],\n"
    "  \"hot\": 80,\n"
    "  \"warm\": 50,\n"
    "  \"id_column\": \"lead id\",\n"
    "  \"scored\": 2,\n"
    "  \"skipped\": 1,\n"
    "  \"bands\": {\n"
    "    \"hot\": 1,\n"
    "    \"warm\": 0,\n"
    "    \"cold\": 1\n"
    "  },\n"
    "  \"sales_ready\": 1,\n"
    "  \"rows\": [\n"
    "    {\n"
    "      \"rank\": 1,\n"
    "      \"line\": 3,\n"
    "      \"id\": \"a\\\"1\",\n"
    "      \"score\": 100,\n"
    "      \"band\": \"hot\",\n"
    "      \"sales_ready\": true,\n"
    "      \"missing\": []\n"
    "    },\n"
    "    {\n"
    "      \"rank\": 2,\n"
    "      \"line\": 2,\n"
    "      \"id\": \"b2\",\n"
    "      \"score\": 33.333333333333336,\n"
    "      \"band\": \"cold\",\n"
    "      \"sales_ready\": false,\n"
    "      \"missing\": [\n"
    "        \"fit\",\n"
    "        \"budget\"\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"skipped_rows\": [\n"
    "    {\n"
    "      \"line\": 4,\n"
    "      \"message\": \"not as many fields as the header\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void test_score_json_is_the_cli_contract(void **state)
{
    (void)state;
    const fpl_criteria c = two_criteria();
    fpl_score_tally tally = {0};
    fpl_csv_row rows[3] = {{.line = 2}, {.line = 3}, {.line = 4, .fault = FPL_CSV_FIELDS}};
    const double answers[2][2] = {{0.5, 0}, {1, 1}};
    for (int i = 0; i < 2; ++i) {
        assert_int_equal(fpl_score_lead(&c, answers[i], 2, &rows[i].score, NULL), FPL_OK);
    }
    for (int i = 0; i < 3; ++i) {
        fpl_score_tally_add(&tally, &rows[i]);
    }
    text_len = 0;
    fpl_score_writer json;
    fpl_error err;
    assert_int_equal(fpl_score_render_begin(&json, FPL_RENDER_JSON, &c, "lead id", &tally, 2, 0,
                                            into_text, text, &err), FPL_OK);
    assert_int_equal(fpl_score_render_lead(&json, 3, "a\"1", &rows[1].score, &err), FPL_OK);
    assert_int_equal(fpl_score_render_lead(&json, 2, "b2", &rows[0].score, &err), FPL_OK);
    assert_int_equal(
        fpl_score_render_skipped(&json, 4, fpl_csv_fault_message(FPL_CSV_FIELDS), &err), FPL_OK);
    /* the rows are over, and once ended so is the rest */
    assert_int_equal(fpl_score_render_lead(&json, 5, "c", &rows[0].score, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_score_render_end(&json, &err), FPL_OK);
    assert_int_equal(fpl_score_render_end(&json, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_score_render_skipped(&json, 6, "x", &err), FPL_ERR_NULL);
    assert_string_equal(text, two_leads_json);
    assert_int_equal(json.leads, 2);
    assert_int_equal(json.skipped, 1);
}

static void test_score_json_of_no_leads_has_empty_lists(void **state)
{
    (void)state;
    fpl_criteria c = {0};
    assert_int_equal(fpl_criteria_add_parse(&c, "fit=1", FPL_NUL_TERMINATED, NULL), FPL_OK);
    const fpl_score_tally tally = {0};
    text_len = 0;
    pieces = 0;
    fpl_score_writer json;
    assert_int_equal(fpl_score_render_begin(&json, FPL_RENDER_JSON, &c, "id", &tally, 0, 0,
                                            into_text, text, NULL), FPL_OK);
    const size_t head = pieces;
    assert_true(head > 0); /* written as it is made, not held */
    assert_int_equal(fpl_score_render_end(&json, NULL), FPL_OK);
    const char *tail = strstr(text, "\"sales_ready\": 0,\n");
    assert_non_null(tail);
    assert_string_equal(tail, "\"sales_ready\": 0,\n  \"rows\": [],\n  \"skipped_rows\": []\n}\n");
}

/* Two leads and a skipped row: an id that CSV quotes, one with control
 * characters that the table escapes (8 cells: wider than "lead id"). */
static void write_two_leads(fpl_render_format format)
{
    const fpl_criteria c = two_criteria();
    fpl_score_tally tally = {0};
    fpl_csv_row rows[3] = {{.line = 2}, {.line = 3}, {.line = 4, .fault = FPL_CSV_FIELDS}};
    const double answers[2][2] = {{0.5, 0}, {1, 1}};
    for (int i = 0; i < 3; ++i) {
        if (i < 2) {
            assert_int_equal(fpl_score_lead(&c, answers[i], 2, &rows[i].score, NULL), FPL_OK);
        }
        fpl_score_tally_add(&tally, &rows[i]);
    }
    const char *ids[2] = {"b\x01\tz", "x, \"1\""};
    size_t cells = 0;
    size_t widest = 0;
    for (int i = 0; i < 2; ++i) {
        (void)fpl_format_escaped(ids[i], NULL, 0, &cells);
        widest = cells > widest ? cells : widest;
    }
    assert_int_equal(widest, 8);
    text_len = 0;
    pieces = 0;
    fpl_score_writer w;
    fpl_error err;
    assert_int_equal(fpl_score_render_begin(&w, format, &c, "lead id", &tally, 2, widest,
                                            into_text, text, &err), FPL_OK);
    assert_int_equal(fpl_score_render_lead(&w, 3, ids[1], &rows[1].score, &err), FPL_OK);
    assert_int_equal(fpl_score_render_lead(&w, 2, ids[0], &rows[0].score, &err), FPL_OK);
    const size_t before = pieces;
    assert_int_equal(fpl_score_render_skipped(&w, 4, "x", &err), FPL_OK);
    assert_int_equal(pieces, before); /* listed in the JSON only */
    assert_int_equal(fpl_score_render_lead(&w, 5, "c", &rows[0].score, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_score_render_end(&w, &err), FPL_OK);
    assert_int_equal(fpl_score_render_end(&w, &err), FPL_ERR_NULL);
}

static void test_score_table_escapes_ids_and_pads_columns(void **state)
{
    (void)state;
    write_two_leads(FPL_RENDER_TABLE);
    assert_string_equal(text,
                        "rank  lead id   score  band  sales-ready  missing\n"
                        "   1  x, \"1\"    100.0  hot   yes\n"
                        "   2  b\\x01\\tz   33.3  cold  no           fit, budget\n"
                        "\n"
                        "2 leads scored: 1 hot, 0 warm, 1 cold; 1 sales-ready; 1 row skipped\n");
}

static void test_score_csv_quotes_ids(void **state)
{
    (void)state;
    write_two_leads(FPL_RENDER_CSV);
    assert_string_equal(text, "rank,line,id,score,band,sales_ready,missing\n"
                              "1,3,\"x, \"\"1\"\"\",100,hot,true,\n"
                              "2,2,b\\x01\\tz,33.333333333333336,cold,false,fit;budget\n");
}

/* One lead whose id holds an escape sequence, a right-to-left override, an
 * isolate, a mark and a quote, written in a format. */
static void write_bidi_lead(fpl_render_format format)
{
    const fpl_criteria c = two_criteria();
    fpl_score_tally tally = {0};
    fpl_csv_row row = {.line = 2};
    const double answers[2] = {1, 1};
    assert_int_equal(fpl_score_lead(&c, answers, 2, &row.score, NULL), FPL_OK);
    fpl_score_tally_add(&tally, &row);
    text_len = 0;
    pieces = 0;
    fpl_score_writer w;
    fpl_error err;
    assert_int_equal(fpl_score_render_begin(&w, format, &c, "id", &tally, 1, 24, into_text, text,
                                            &err), FPL_OK);
    assert_int_equal(fpl_score_render_lead(&w, 2, "\x1b[2Jab\xe2\x80\xaeyx\xe2\x81\xa6\xe2\x80\x8f\"",
                                           &row.score, &err), FPL_OK);
    assert_int_equal(fpl_score_render_end(&w, &err), FPL_OK);
}

static void test_score_ids_never_reach_a_terminal_raw(void **state)
{
    (void)state;
    write_bidi_lead(FPL_RENDER_CSV);
    assert_string_equal(text, "rank,line,id,score,band,sales_ready,missing\n"
                              "1,2,\"\\x1B[2Jab\\xE2\\x80\\xAEyx\\xE2\\x81\\xA6\\xE2\\x80\\x8F\"\"\","
                              "100,hot,true,\n");
    write_bidi_lead(FPL_RENDER_TABLE);
    assert_non_null(strstr(text, "   1  \\x1B[2Jab\\xE2\\x80\\xAEyx\\xE2\\x81\\xA6\\xE2\\x80\\x8F\"  100.0"));
    assert_null(strstr(text, "\xe2\x80\xae"));
    write_bidi_lead(FPL_RENDER_JSON);
    assert_non_null(strstr(text, "\"id\": \"\\u001b[2Jab\\u202eyx\\u2066\\u200f\\\"\""));
    assert_null(strstr(text, "\xe2\x80\xae"));
}

static void test_escaped_text_is_one_printable_line(void **state)
{
    (void)state;
    char out[64];
    size_t cells = 0;
    const char *text_in = "a\\b\n\x7f\xc2\x80\xc3\xa9\xff";
    assert_int_equal(fpl_format_escaped(text_in, out, sizeof out, &cells), 24);
    assert_string_equal(out, "a\\\\b\\n\\x7F\\xC2\\x80\xc3\xa9\\xFF");
    assert_int_equal(cells, 23);
    assert_int_equal(fpl_format_escaped(text_in, out, 4, NULL), 24); /* cut short */
    assert_string_equal(out, "a\\\\");
    assert_int_equal(fpl_format_escaped(NULL, NULL, 0, &cells), 0);
    assert_int_equal(cells, 0);
}

static void test_escaped_text_shows_bidirectional_controls_as_bytes(void **state)
{
    (void)state;
    char out[128];
    size_t cells = 0;
    /* U+202E RLO, U+2066 LRI, U+2069 PDI, U+200E LRM, U+200F RLM, U+061C
     * ALM: escaped; U+05D0 (a Hebrew letter) and U+2010 (a hyphen) kept. */
    const char *text_in = "\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c"
                          "\xd7\x90\xe2\x80\x90";
    assert_int_equal(fpl_format_escaped(text_in, out, sizeof out, &cells), 5 * 12 + 8 + 2 + 3);
    assert_string_equal(out, "\\xE2\\x80\\xAE\\xE2\\x81\\xA6\\xE2\\x81\\xA9\\xE2\\x80\\x8E"
                             "\\xE2\\x80\\x8F\\xD8\\x9C\xd7\x90\xe2\x80\x90");
    assert_int_equal(cells, 5 * 12 + 8 + 2);
    /* U+202A..U+202D and U+2067, U+2068: the rest of the set */
    const char *more = "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x81\xa7\xe2\x81\xa8";
    assert_int_equal(fpl_format_escaped(more, out, sizeof out, &cells), 6 * 12);
    assert_string_equal(out, "\\xE2\\x80\\xAA\\xE2\\x80\\xAB\\xE2\\x80\\xAC\\xE2\\x80\\xAD"
                             "\\xE2\\x81\\xA7\\xE2\\x81\\xA8");
}

static void test_score_writer_refuses_what_it_cannot_write(void **state)
{
    (void)state;
    fpl_criteria c = {0};
    const fpl_score_tally tally = {0};
    fpl_score_writer json;
    fpl_error err;
    assert_int_equal(fpl_score_render_begin(&json, FPL_RENDER_JSON, &c, "id", &tally, 0, 0, NULL,
                                            NULL, &err), FPL_ERR_NULL);
    assert_int_equal(fpl_score_render_begin(NULL, FPL_RENDER_JSON, &c, "id", &tally, 0, 0,
                                            into_text, text, &err), FPL_ERR_NULL);
    c.n_criteria = FPL_MAX_CRITERIA + 1;
    assert_int_equal(fpl_score_render_begin(&json, FPL_RENDER_JSON, &c, "id", &tally, 0, 0,
                                            into_text, text, &err), FPL_ERR_CRITERION_COUNT);
    assert_error(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    c.n_criteria = 0;
    assert_int_equal(fpl_score_render_begin(&json, FPL_RENDER_SVG, &c, "id", &tally, 0, 0,
                                            into_text, text, &err), FPL_ERR_FORMAT);
    assert_error(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX);
    assert_int_equal(fpl_score_render_begin(&json, (fpl_render_format)7, &c, "id", &tally, 0, 0,
                                            into_text, text, &err), FPL_ERR_FORMAT);
    assert_int_equal(fpl_score_render_lead(NULL, 1, "a", NULL, &err), FPL_ERR_NULL);
    /* a tally counts what fpl_csv_feed gave */
    fpl_score_tally t = {0};
    fpl_csv_row row = {.score = {.band = FPL_BAND_WARM, .sales_ready = true}};
    fpl_score_tally_add(&t, &row);
    fpl_score_tally_add(&t, NULL);
    row.fault = FPL_CSV_UTF8;
    fpl_score_tally_add(&t, &row);
    assert_int_equal(t.scored, 1);
    assert_int_equal(t.skipped, 1);
    assert_int_equal(t.bands[FPL_BAND_WARM], 1);
    assert_int_equal(t.sales_ready, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_json_is_the_cli_contract),
        cmocka_unit_test(test_score_json_of_no_leads_has_empty_lists),
        cmocka_unit_test(test_score_table_escapes_ids_and_pads_columns),
        cmocka_unit_test(test_score_csv_quotes_ids),
        cmocka_unit_test(test_escaped_text_is_one_printable_line),
        cmocka_unit_test(test_escaped_text_shows_bidirectional_controls_as_bytes),
        cmocka_unit_test(test_score_ids_never_reach_a_terminal_raw),
        cmocka_unit_test(test_score_writer_refuses_what_it_cannot_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — learning a funnel from CRM history, against values derived
 * by hand from the estimator of learn.h.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <math.h>
#include <string.h>

static fpl_learn learner; /* large: static */
static fpl_learn_result result;
static unsigned char first_work[FPL_LEARN_WORK_MIN];
static size_t grown; /* tables given larger */
static size_t first_size = sizeof first_work; /* bytes of first_work given */
static unsigned char *first_table = first_work; /* the first table given */

/* Learns from text with the options; the rows skipped into skipped. The
 * table starts at the least size and is grown when the learner asks. */
static fpl_status learn_text(const fpl_learn_options *opt, const char *text,
                             fpl_learn_skipped *skipped, size_t capacity, size_t *n_skipped,
                             fpl_error *err)
{
    void *work = NULL;
    grown = 0;
    fpl_status st = fpl_learn_begin(&learner, opt, first_table, first_size, err);
    if (st != FPL_OK) {
        return st;
    }
    const size_t len = strlen(text);
    size_t at = 0;
    *n_skipped = 0;
    for (;;) {
        size_t n = 0;
        size_t used = 0;
        st = fpl_learn_feed(&learner, text + at, len - at, true, skipped + *n_skipped,
                            capacity - *n_skipped, &n, &used, err);
        at += used;
        *n_skipped += n;
        /* what a caller tells apart without the status (learn.h) */
        assert_int_equal(st == FPL_ERR_WORKSPACE, fpl_learn_work_needed(&learner) > 0);
        assert_int_equal(st == FPL_ERR_CSV_HEADER,
                         fpl_learn_header_message(&learner, NULL, 0) > 0);
        if (st == FPL_ERR_WORKSPACE) {
            const size_t size = fpl_learn_work_needed(&learner);
            if (work == NULL) { /* from the static table: a second one */
                void *bigger = malloc(size);
                assert_non_null(bigger);
                assert_int_equal(fpl_learn_grow(&learner, bigger, size / 2, NULL),
                                 FPL_ERR_WORKSPACE); /* too small: refused, nothing moved */
                assert_int_equal(fpl_learn_grow(&learner, bigger, size, NULL), FPL_OK);
                work = bigger;
            } else { /* the same table made larger, rehashed in place */
                work = realloc(work, size);
                assert_non_null(work);
                assert_int_equal(fpl_learn_grow_in_place(&learner, work, size, NULL), FPL_OK);
            }
            grown++;
            continue;
        }
        if (st != FPL_OK || (used == 0 && n == 0) || *n_skipped == capacity) {
            break;
        }
    }
    if (st == FPL_OK) {
        const size_t size = fpl_learn_finish_needed(&learner);
        void *scratch = malloc(size);
        assert_non_null(scratch);
        if (learner.items > 0) {
            assert_int_equal(fpl_learn_finish(&learner, scratch, size - 8, &result, NULL),
                             FPL_ERR_WORKSPACE);
        }
        st = fpl_learn_finish(&learner, scratch, size, &result, err);
        free(scratch);
    }
    free(work);
    return st;
}

static double wilson(double p, double n, bool high)
{
    const double z = FPL_LEARN_Z90;
    const double d = 1.0 + z * z / n;
    const double c = (p + z * z / (2.0 * n)) / d;
    const double h = z / d * sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n));
    return high ? fmin(1.0, c + h) : fmax(0.0, c - h);
}

/* Four leads all decided: the rate is the plain share, every Kaplan–Meier
 * weight 1/4, so Kish's size is 4. */
static void test_learn_without_open_items_is_the_plain_share(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_learn_stages_parse(&opt, "lead, opp", 9, NULL), FPL_OK);
    const char *csv = "id,stage,date,amount\n"
                      "a,lead,2026-01-01,\n"
                      "a,opp,2026-01-11,\n"
                      "a,won,2026-01-31,1000\n"
                      "b,lead,2026-01-01,\n"
                      "b,opp,2026-01-21,\n"
                      "b,lost,2026-02-10,\n"
                      "c,lead,2026-01-01,\n"
                      "c,lost,2026-01-06,\n"
                      "d,lead,2026-01-01,\n"
                      "d,lost,2026-01-16,\n";
    fpl_learn_skipped sk[4];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(result.n_stages, 2);
    assert_int_equal(result.items, 4);
    assert_int_equal(result.won, 1);
    assert_int_equal(result.lost, 3);
    const fpl_learn_stage *lead = &result.stages[0];
    assert_string_equal(lead->name, "lead");
    assert_int_equal(lead->entered, 4);
    assert_int_equal(lead->converted, 2);
    assert_int_equal(lead->lost, 2);
    assert_close(lead->rate, 0.5);
    assert_close(lead->naive_rate, 0.5);
    assert_close(lead->effective, 4.0);
    assert_close(lead->low, wilson(0.5, 4.0, false));
    assert_close(lead->high, wilson(0.5, 4.0, true));
    /* conversions at 10 and 20 days, a quarter each */
    assert_close(lead->lag.mean, 15.0);
    assert_close(lead->lag.median, 10.0);
    assert_close(lead->lag.p75, 20.0);
    assert_close(lead->lag.p90, 20.0);
    const fpl_learn_stage *opp = &result.stages[1];
    assert_int_equal(opp->entered, 2);
    assert_close(opp->rate, 0.5);
    assert_close(opp->effective, 2.0); /* both decided on day 20: weight 1/2 each */
    assert_close(opp->lag.mean, 20.0);
    assert_true(result.has_deal_size);
    assert_close(result.deal_mean, 1000.0);
    assert_close(result.deal_cv, 0.0);
    assert_false(result.has_seasonality);
    assert_int_equal(result.as_of.year, 2026);
    assert_int_equal(result.as_of.month, 2);
    assert_int_equal(result.as_of.day, 10);
}

/* An item still open is undecided: censored at its age, it leaves the
 * risk set before the others decide, so each decided item weighs 1/3. The
 * naive rate counts it lost: 2/4. */
static void test_learn_open_item_is_undecided_not_lost(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_date_parse("2026-01-31", 10, &opt.as_of, NULL), FPL_OK);
    opt.has_as_of = true;
    const char *csv = "OpportunityId,StageName,CreatedDate,Amount\r\n" /* Salesforce's names */
                      "a,Lead,2026-01-01T09:00:00Z,\r\n"
                      "a,Closed Won,2026-01-11,1000\r\n"
                      "b,Lead,2026-01-26,\r\n"
                      "c,Lead,2026-01-01,\r\n"
                      "c,Closed Lost,2026-01-21,\r\n"
                      "d,Lead,2026-01-01,\r\n"
                      "\"d\",won,2026-01-31,\"3,000\"\r\n";
    fpl_learn_skipped sk[4];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(result.n_stages, 1);
    const fpl_learn_stage *s = &result.stages[0];
    assert_string_equal(s->name, "Lead");
    assert_int_equal(s->entered, 4);
    assert_int_equal(s->open, 1);
    assert_close(s->rate, 2.0 / 3.0);
    assert_close(s->naive_rate, 0.5);
    assert_close(s->effective, 3.0);
    assert_close(s->low, wilson(2.0 / 3.0, 3.0, false));
    assert_close(s->high, wilson(2.0 / 3.0, 3.0, true));
    assert_close(s->lag.mean, 20.0);
    assert_close(s->lag.median, 10.0);
    assert_close(s->lag.p75, 30.0);
    assert_close(s->lag.p90, 30.0);
    assert_close(result.deal_mean, 2000.0);
    assert_close(result.deal_median, 2000.0);
    assert_close(result.deal_cv, sqrt(2.0) / 2.0);

    fpl_funnel f;
    assert_int_equal(fpl_learn_funnel(&result, &f, NULL), FPL_OK);
    assert_int_equal(f.n_stages, 1);
    assert_close(f.stages[0].rate, 2.0 / 3.0);
    char text[1024];
    size_t len = 0;
    assert_int_equal(fpl_learn_save(&result, text, sizeof text, &len, NULL), FPL_OK);
    assert_int_equal(strlen(text), len);
    assert_non_null(strstr(text, "\n--stage Lead=0.6666666666666667\n--deal-size 2000\n"));
    assert_non_null(strstr(text, "# schedule: --lag Lead=20d\n"));
}

/* Every kind of faulty row is skipped and named with its line. */
static void test_learn_faulty_rows_are_skipped_with_their_lines(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_learn_stages_parse(&opt, "lead,opp", 8, NULL), FPL_OK);
    assert_int_equal(fpl_learn_column_parse(&opt, "amount=Value", 12, NULL), FPL_OK);
    assert_int_equal(fpl_date_parse("2026-03-01", 10, &opt.as_of, NULL), FPL_OK);
    opt.has_as_of = true;
    const char *csv = "id,stage,date,Value\n"
                      "a,lead,2026-01-01,\n"     /* 2 */
                      "a,demo,2026-01-02,\n"     /* 3 unknown stage */
                      "a,opp,2026-04-01,\n"      /* 4 after the as-of date */
                      "a,opp,2026-01-05,ten\n"   /* 5 not a number */
                      "a,won,2026-02-01,\n"      /* 6 */
                      "a,lost,2026-02-02,\n"     /* 7 won and lost */
                      "b,opp,2026-01-10,\n"      /* 8 */
                      "b,lead,2026-01-20,\n"     /* 9 backwards */
                      "b,opp,2026-13-01,\n"      /* 10 not a date */
                      ",lead,2026-01-01,\n"      /* 11 no id */
                      "c,lead,2026-01-01\n"      /* 12 a field short */
                      "c,lead,2026-01-01,\"5\"x\n"; /* 13 a stray quote */
    fpl_learn_skipped sk[16];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 16, &n, NULL), FPL_OK);
    const struct {
        uint64_t line;
        fpl_learn_fault fault;
    } want[] = {{3, FPL_LEARN_FAULT_STAGE},    {4, FPL_LEARN_FAULT_FUTURE},
                {5, FPL_LEARN_FAULT_AMOUNT},   {7, FPL_LEARN_FAULT_OUTCOME},
                {9, FPL_LEARN_FAULT_BACKWARDS}, {10, FPL_LEARN_FAULT_DATE},
                {11, FPL_LEARN_FAULT_ID},      {12, FPL_LEARN_FAULT_FIELDS},
                {13, FPL_LEARN_FAULT_QUOTE}};
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; ++i) {
        assert_int_equal(sk[i].line, want[i].line);
        assert_int_equal(sk[i].fault, want[i].fault);
    }
    assert_int_equal(result.rows, 12);
    assert_int_equal(result.skipped, 9);
    assert_int_equal(result.items, 2);
    /* b entered at opp: it counts for opp only, open there */
    assert_int_equal(result.stages[0].entered, 1);
    assert_int_equal(result.stages[1].entered, 2);
    assert_int_equal(result.stages[1].open, 1);
    assert_string_equal(fpl_learn_fault_message(FPL_LEARN_FAULT_BACKWARDS),
                        "backwards dates: dated before an earlier stage of the item, or after "
                        "its outcome");
}

/* A header without a date column, a file that is not CSV, an empty file. */
static void test_learn_refuses_a_header_it_cannot_read(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_learn_skipped sk[4];
    size_t n = 0;
    fpl_error err;
    char msg[FPL_CSV_HEADER_MESSAGE_MAX];

    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, NULL), FPL_OK);
    size_t used = 0;
    const char *text = "id,stage,when\na,lead,2026-01-01\n";
    assert_int_equal(fpl_learn_feed(&learner, text, strlen(text), true, sk, 4, &n, &used, &err),
                     FPL_ERR_CSV_HEADER);
    assert_int_equal(err.field, FPL_FIELD_HISTORY_FILE);
    assert_int_equal(err.line, 1);
    fpl_learn_header_message(&learner, msg, sizeof msg);
    assert_string_equal(msg, "the header has no column for the date (date, CreatedDate, ...; "
                             "or --column date=NAME)");

    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, NULL), FPL_OK);
    text = "\x89PNG\r\n\x1a\n\"\x00\x01";
    assert_int_equal(fpl_learn_feed(&learner, text, 11, true, sk, 4, &n, &used, &err),
                     FPL_ERR_CSV_HEADER);

    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, NULL), FPL_OK);
    assert_int_equal(fpl_learn_feed(&learner, "", 0, true, sk, 4, &n, &used, &err),
                     FPL_ERR_CSV_HEADER);
    fpl_learn_header_message(&learner, msg, sizeof msg);
    assert_string_equal(msg, "the file has no header (it is empty or blank)");

    /* a header and no item */
    assert_int_equal(learn_text(&opt, "id,stage,date\n", sk, 4, &n, &err), FPL_ERR_LEARN_EMPTY);
}

static void test_learn_options_are_read_by_the_library(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_error err;
    assert_int_equal(fpl_learn_column_parse(&opt, "Stage=Deal Stage", 16, NULL), FPL_OK);
    assert_string_equal(opt.column[FPL_LEARN_STAGE].text, "Deal Stage");
    assert_int_equal(fpl_learn_column_parse(&opt, "colour=x", 8, &err), FPL_ERR_COLUMN);
    assert_int_equal(err.field, FPL_FIELD_COLUMN);
    assert_int_equal(err.offset, 0);
    assert_int_equal(err.length, 6);
    assert_int_equal(fpl_learn_column_parse(&opt, "stage=", 6, &err), FPL_ERR_COLUMN);
    assert_int_equal(fpl_learn_column_parse(&opt, "stage", 5, &err), FPL_ERR_COLUMN);
    assert_int_equal(fpl_learn_stages_parse(&opt, "a,b,a", 5, &err), FPL_ERR_STAGE_DUPLICATE);
    assert_int_equal(err.index, 2);
    assert_int_equal(err.offset, 4);
    assert_int_equal(fpl_learn_stages_parse(&opt, "a,,b", 4, &err), FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(err.index, 1);
    assert_int_equal(fpl_learn_stages_parse(&opt, "a,won", 5, &err),
                     FPL_ERR_STAGE_NAME_RESERVED);
    opt.as_of = (fpl_date){2026, 2, 30};
    opt.has_as_of = true;
    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, &err), FPL_ERR_DATE);
    assert_int_equal(err.field, FPL_FIELD_AS_OF);
}

/* Twelve whole months of entries, twice as many in March: March weighs
 * 24/13 of the mean month. */
static void test_learn_seasonality_from_a_year_of_entries(void **state)
{
    (void)state;
    static char csv[8192];
    size_t len = (size_t)snprintf(csv, sizeof csv, "id,stage,date\n");
    int id = 0;
    for (int m = 1; m <= 12; ++m) {
        for (int k = 0; k < (m == 3 ? 2 : 1); ++k) {
            len += (size_t)snprintf(csv + len, sizeof csv - len, "i%d,lead,2025-%02d-%02d\n"
                                    "i%d,won,2025-%02d-%02d\n", id, m, 1 + k, id, m, 3 + k);
            id++;
        }
    }
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_date_parse("2025-12-31", 10, &opt.as_of, NULL), FPL_OK);
    opt.has_as_of = true;
    fpl_learn_skipped sk[4];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    assert_true(result.has_seasonality);
    for (int m = 0; m < 12; ++m) {
        assert_close(result.seasonality[m], (m == 2 ? 24.0 : 12.0) / 13.0);
    }
    assert_close(result.stages[0].rate, 1.0);
    assert_close(result.stages[0].lag.mean, 2.0);
}

/* Thousands of items, in a table that starts at the least size, rows out
 * of order: the table grows (the row that found it full waits and is read
 * again), and every item counts once. Item i is won when i % 4 == 0, else
 * lost, after i % 7 days: the rate is 1/4 exactly. */
static void test_learn_grows_its_table_and_keeps_every_item(void **state)
{
    (void)state;
    enum { ITEMS = 9000 };
    const size_t cap = 64 * ITEMS;
    char *csv = malloc(cap);
    assert_non_null(csv);
    size_t len = (size_t)snprintf(csv, cap, "id,stage,date\n");
    for (int pass = 0; pass < 2; ++pass) { /* the outcomes first, then the entries */
        for (int i = 0; i < ITEMS; ++i) {
            if (pass == 0) {
                len += (size_t)snprintf(csv + len, cap - len, "item-%d,%s,2026-01-%02d\n", i,
                                        i % 4 == 0 ? "won" : "lost", 1 + i % 7);
            } else {
                len += (size_t)snprintf(csv + len, cap - len, "item-%d,lead,2026-01-01\n", i);
            }
        }
    }
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_learn_skipped sk[4];
    size_t n = 0;
    /* the stages learned from the file: a late item with six more makes
     * the records grow too, in place */
    const size_t before = len;
    for (int k = 1; k <= 6; ++k) {
        len += (size_t)snprintf(csv + len, cap - len, "wide,step%d,2026-02-%02d\n", k, k);
    }
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(result.items, ITEMS + 1);
    assert_int_equal(result.n_stages, 7);
    assert_int_equal(result.stages[0].entered, ITEMS);
    assert_close(result.stages[0].rate, 0.25);
    assert_int_equal(result.stages[6].entered, ITEMS / 4 + 1); /* the won passed every stage */
    csv[before] = '\0';
    assert_int_equal(fpl_learn_stages_parse(&opt, "lead", 4, NULL), FPL_OK);
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    free(csv);
    assert_true(grown >= 3);
    assert_int_equal(n, 0);
    assert_int_equal(result.rows, 2 * ITEMS);
    assert_int_equal(result.items, ITEMS);
    assert_int_equal(result.stages[0].entered, ITEMS);
    assert_close(result.stages[0].rate, 0.25);
    assert_close(result.stages[0].naive_rate, 0.25);
}

/* The wide form: one row per item, a date column per stage. Thousands of
 * items, six stages from the header (more than a first table's records
 * hold) and the same history with twenty stages in a table too small for
 * their records (the first row waits for a larger one): the table grows,
 * every item counts once. Item i enters s0 on day 1, reaches s5 when
 * i % 3 == 0 (skipping s1 to s4: passed on s5's date) and is won then, or
 * is lost on day 2 else: s0's rate is 1/3. */
static void test_learn_wide_rows_are_items(void **state)
{
    (void)state;
    enum { ITEMS = 6000 };
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_learn_skipped sk[8];
    size_t n = 0;
    for (int stages = 6; stages <= 20; stages += 14) {
        const size_t cap = (size_t)(80 + 12 * stages) * ITEMS;
        char *csv = malloc(cap);
        assert_non_null(csv);
        size_t len = (size_t)snprintf(csv, cap, "id");
        for (int k = 0; k < stages; ++k) {
            len += (size_t)snprintf(csv + len, cap - len, ",s%d", k);
        }
        len += (size_t)snprintf(csv + len, cap - len, ",lost,won\n");
        for (int i = 0; i < ITEMS; ++i) {
            len += (size_t)snprintf(csv + len, cap - len, "item-%d,2026-01-01", i);
            for (int k = 1; k < stages; ++k) {
                len += (size_t)snprintf(csv + len, cap - len, k == 5 && i % 3 == 0 ? ",2026-01-04" : ",");
            }
            len += (size_t)snprintf(csv + len, cap - len, i % 3 == 0 ? ",,2026-01-05\n"
                                                                        : ",2026-01-02,\n");
        }
        len += (size_t)snprintf(csv + len, cap - len, "item-7,2026-01-01");
        for (int k = 1; k < stages; ++k) {
            len += (size_t)snprintf(csv + len, cap - len, ",");
        }
        (void)snprintf(csv + len, cap - len, ",,\n"); /* an id again: refused */
        first_size = stages == 6 ? sizeof first_work : 1024;
        assert_int_equal(learn_text(&opt, csv, sk, 8, &n, NULL), FPL_OK);
        first_size = sizeof first_work;
        free(csv);
        assert_true(grown >= (stages == 6 ? 2u : 3u));
        assert_int_equal(n, 1);
        assert_int_equal(sk[0].line, ITEMS + 2);
        assert_int_equal(sk[0].fault, FPL_LEARN_FAULT_DUPLICATE);
        assert_int_equal(result.rows, ITEMS + 1);
        assert_int_equal(result.items, ITEMS);
        assert_int_equal(result.n_stages, (size_t)stages);
        assert_string_equal(result.stages[5].name, "s5");
        assert_int_equal(result.stages[0].entered, ITEMS);
        assert_int_equal(result.stages[1].entered, ITEMS / 3); /* s1: passed on s5's date */
        assert_close(result.stages[0].rate, 1.0 / 3.0);
        assert_close(result.stages[0].lag.mean, 3.0);
        assert_int_equal(result.won, ITEMS / 3);
    }
}

static void test_learn_form_is_read_by_the_library(void **state)
{
    (void)state;
    fpl_learn_form form = FPL_LEARN_FORM_AUTO;
    fpl_error err;
    assert_int_equal(fpl_learn_form_parse("wide", 4, &form, NULL), FPL_OK);
    assert_int_equal(form, FPL_LEARN_FORM_WIDE);
    assert_int_equal(fpl_learn_form_parse("long", 4, &form, NULL), FPL_OK);
    assert_int_equal(form, FPL_LEARN_FORM_LONG);
    assert_int_equal(fpl_learn_form_parse("widest", 4, &form, NULL), FPL_OK);
    assert_int_equal(form, FPL_LEARN_FORM_WIDE);
    assert_int_equal(fpl_learn_form_parse("Wide", 4, &form, &err), FPL_ERR_LEARN_FORM);
    assert_int_equal(form, FPL_LEARN_FORM_WIDE); /* unchanged */
    assert_int_equal(err.field, FPL_FIELD_HISTORY_FORM);
    assert_int_equal(err.length, 4);
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    opt.form = (fpl_learn_form)3;
    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, &err),
                     FPL_ERR_LEARN_FORM);
    /* the header decides: a won column and no stage column is wide; both
     * is refused; --form long reads the same header as long */
    memset(&opt, 0, sizeof opt);
    fpl_learn_skipped sk[4];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, "id,stage,date,won\n", sk, 4, &n, &err),
                     FPL_ERR_CSV_HEADER);
    assert_int_equal(err.line, 1);
    char msg[FPL_CSV_HEADER_MESSAGE_MAX];
    (void)fpl_learn_header_message(&learner, msg, sizeof msg);
    assert_non_null(strstr(msg, "say --form long or --form wide"));
    opt.form = FPL_LEARN_FORM_LONG;
    assert_int_equal(learn_text(&opt, "id,stage,date,won\na,lead,2026-01-01,x\n", sk, 4, &n,
                                NULL), FPL_OK);
    assert_int_equal(result.n_stages, 1);
    opt.form = FPL_LEARN_FORM_AUTO;
    assert_int_equal(learn_text(&opt, "id,lead,won\na,2026-01-01,2026-01-03\n", sk, 4, &n,
                                NULL), FPL_OK);
    assert_int_equal(result.won, 1);
    assert_close(result.stages[0].lag.mean, 2.0);
}

/* An item keeps its days in 16 bits from 1900-01-01: a row dated outside
 * 1900-01-01 … 2079-06-05 is skipped and named; the two ends are learned,
 * and an open item's age up to an as-of date of 9999-12-31 (2,958,463 days
 * from 1900-01-01) is kept whole. Lead: d lost after a day (a third), a
 * converted after 65,534 days (a third), c open: rate 1/2. */
static void test_learn_dates_outside_the_window_are_skipped(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_date_parse("9999-12-31", 10, &opt.as_of, NULL), FPL_OK);
    opt.has_as_of = true;
    const char *csv = "id,stage,date\n"
                      "a,lead,1900-01-01\n"
                      "a,won,2079-06-05\n"
                      "b,lead,1899-12-31\n" /* 4: before the window */
                      "b,lead,2079-06-06\n" /* 5: after it */
                      "c,lead,1900-01-01\n"
                      "d,lead,1900-01-01\n"
                      "d,lost,1900-01-02\n";
    fpl_learn_skipped sk[4];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sk[0].line, 4);
    assert_int_equal(sk[0].fault, FPL_LEARN_FAULT_DATE_RANGE);
    assert_int_equal(sk[1].line, 5);
    assert_int_equal(sk[1].fault, FPL_LEARN_FAULT_DATE_RANGE);
    assert_string_equal(fpl_learn_fault_message(FPL_LEARN_FAULT_DATE_RANGE),
                        "the date is before 1900-01-01 or after 2079-06-05");
    assert_int_equal(result.items, 3);
    assert_int_equal(result.first.year, 1900);
    assert_int_equal(result.first.month, 1);
    assert_int_equal(result.first.day, 1);
    const fpl_learn_stage *lead = &result.stages[0];
    assert_int_equal(lead->entered, 3);
    assert_int_equal(lead->converted, 1);
    assert_int_equal(lead->lost, 1);
    assert_int_equal(lead->open, 1);
    assert_close(lead->rate, 0.5);
    assert_close(lead->effective, 2.0);
    assert_close(lead->lag.mean, 65534.0);
    assert_close(lead->lag.p90, 65534.0);

    /* after the as-of date is told first, as before */
    assert_int_equal(fpl_date_parse("2026-01-31", 10, &opt.as_of, NULL), FPL_OK);
    assert_int_equal(learn_text(&opt, "id,stage,date\na,lead,2026-01-01\na,won,2080-01-01\n", sk,
                                4, &n, NULL),
                     FPL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(sk[0].fault, FPL_LEARN_FAULT_FUTURE);
}

/* finish() sorts its keys in the table's free slots when they fit there
 * (the items packed at its front), else in the scratch: one stage (24-byte
 * slots) and 2387 items fill the least table to 7/8, which leaves no room
 * for 4 bytes an item; in a table four times as large the keys fit. The
 * figures are the same. Item i is won when i % 3 == 0, else lost, after
 * i % 5 days. */
static void test_learn_keys_in_the_table_or_in_the_scratch(void **state)
{
    (void)state;
    enum { ITEMS = 2387 };
    const size_t cap = 64 * ITEMS;
    char *csv = malloc(cap);
    assert_non_null(csv);
    size_t len = (size_t)snprintf(csv, cap, "id,stage,date\n");
    for (int i = 0; i < ITEMS; ++i) {
        len += (size_t)snprintf(csv + len, cap - len, "i%d,lead,2026-01-01\ni%d,%s,2026-01-%02d\n",
                                i, i, i % 3 == 0 ? "won" : "lost", 1 + i % 5);
    }
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_learn_stages_parse(&opt, "lead", 4, NULL), FPL_OK);
    fpl_learn_stage got[2];
    size_t needed[2];
    for (int big = 0; big < 2; ++big) {
        const size_t size = (big ? 4 : 1) * (size_t)FPL_LEARN_WORK_MIN;
        unsigned char *work = malloc(size);
        assert_non_null(work);
        assert_int_equal(fpl_learn_begin(&learner, &opt, work, size, NULL), FPL_OK);
        fpl_learn_skipped sk[4];
        size_t n = 1;
        size_t used = 0;
        assert_int_equal(fpl_learn_feed(&learner, csv, len, true, sk, 4, &n, &used, NULL), FPL_OK);
        assert_int_equal(n, 0);
        assert_int_equal(used, len); /* no larger table was asked for */
        needed[big] = fpl_learn_finish_needed(&learner);
        void *scratch = malloc(needed[big]);
        assert_non_null(scratch);
        assert_int_equal(fpl_learn_finish(&learner, scratch, needed[big], &result, NULL), FPL_OK);
        free(scratch);
        free(work);
        got[big] = result.stages[0];
    }
    assert_true(needed[0] >= 4 * ITEMS);  /* the keys in the scratch */
    const size_t won = (ITEMS + 2) / 3; /* i = 0, 3, …, 2385 */
    assert_int_equal(needed[1], 8 * (won + 1)); /* the won amounts only */
    assert_int_equal(got[0].entered, ITEMS);
    assert_close(got[0].rate, (double)won / ITEMS);
    assert_memory_equal(&got[0], &got[1], sizeof got[0]);
    free(csv);
}

/* A learner finished before the end of the history (its items packed for
 * the keys) takes more rows afterwards, and a second finish() of the same
 * rows gives the same result to the bit. */
static void test_learn_finish_early_then_more_rows(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    const char *first = "id,stage,date,amount\n"
                        "a,lead,2026-01-01,\n"
                        "b,lead,2026-01-02,\n"
                        "a,won,2026-01-11,1000.5\n";
    const char *rest = "c,lead,2026-01-03,\n"
                       "b,lost,2026-01-07,\n"
                       "a,lead,2026-01-01,\n" /* a again: found where it was hashed */
                       "c,won,2026-01-23,0.25\n";
    fpl_learn_skipped sk[4];
    size_t n = 0;
    size_t used = 0;
    static fpl_learn_result early, again;
    assert_int_equal(fpl_learn_begin(&learner, &opt, first_work, sizeof first_work, NULL), FPL_OK);
    assert_int_equal(fpl_learn_feed(&learner, first, strlen(first), false, sk, 4, &n, &used, NULL),
                     FPL_OK);
    static uint64_t scratch[256];
    assert_true(fpl_learn_finish_needed(&learner) <= sizeof scratch);
    assert_int_equal(fpl_learn_finish(&learner, scratch, sizeof scratch, &early, NULL), FPL_OK);
    assert_int_equal(early.items, 2);
    assert_int_equal(early.stages[0].converted, 1);
    assert_int_equal(early.stages[0].open, 1);
    assert_int_equal(fpl_learn_feed(&learner, rest, strlen(rest), true, sk, 4, &n, &used, NULL),
                     FPL_OK);
    assert_int_equal(n, 0);
    assert_int_equal(fpl_learn_finish(&learner, scratch, sizeof scratch, &result, NULL), FPL_OK);
    assert_int_equal(fpl_learn_finish(&learner, scratch, sizeof scratch, &again, NULL), FPL_OK);
    assert_memory_equal(&result, &again, sizeof result);
    assert_int_equal(result.items, 3);
    assert_int_equal(result.won, 2);
    assert_int_equal(result.lost, 1);
    assert_int_equal(result.stages[0].entered, 3);
    assert_close(result.stages[0].rate, 2.0 / 3.0);
    assert_close(result.deal_mean, (1000.5 + 0.25) / 2.0);
}

/* Text a sink collects. */
typedef struct collected {
    char text[16384];
    size_t len;
} collected;

static void collect(void *ctx, const char *text, size_t len)
{
    collected *c = ctx;
    assert_true(c->len + len < sizeof c->text);
    memcpy(c->text + c->len, text, len);
    c->len += len;
    c->text[c->len] = '\0';
}

static char fit_text[3][32768];

/* learn with --leads: learn's text, then the fit's as score --fit writes
 * it; in the JSON, the fit's object is learn's last member, score_fit. */
static void test_learn_fit_render_is_learn_then_the_fit(void **state)
{
    (void)state;
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    const char *csv = "id,stage,date\n"
                      "a,lead,2026-01-01\n"
                      "a,won,2026-01-11\n"
                      "b,lead,2026-01-01\n"
                      "b,lost,2026-01-21\n";
    fpl_learn_skipped sk[2];
    size_t n = 0;
    assert_int_equal(learn_text(&opt, csv, sk, 2, &n, NULL), FPL_OK);
    /* 20 leads: budget decides, authority is noise */
    enum { N = 20 };
    double answers[N * 4];
    bool won[N];
    for (size_t i = 0; i < N; ++i) {
        won[i] = i % 2 == 1;
        const double a[4] = {(i % 4 == 0) ? 1.0 - (double)won[i] : (double)won[i],
                             (double)(i % 3 == 0), 1.0, 0.5};
        memcpy(answers + 4 * i, a, sizeof a);
    }
    fpl_criteria bant;
    assert_int_equal(fpl_criteria_preset(FPL_PRESET_BANT, &bant, NULL), FPL_OK);
    double work[N];
    fpl_score_fit_result fit;
    assert_int_equal(fpl_score_fit(&bant, answers, won, N, work, N, &fit, NULL), FPL_OK);
    const fpl_score_fit_source source = {"bant", "won", 3, 1};
    const fpl_render_format formats[3] = {FPL_RENDER_JSON, FPL_RENDER_TABLE, FPL_RENDER_CSV};
    for (size_t k = 0; k < 3; ++k) {
        static collected alone;
        static collected fitted;
        alone.len = 0;
        fitted.len = 0;
        size_t len = 0;
        assert_int_equal(fpl_learn_render(&result, formats[k], alone.text, sizeof alone.text,
                                          &alone.len, NULL),
                         FPL_OK);
        assert_int_equal(fpl_score_fit_render(formats[k], &fit, &source, collect, &fitted, NULL),
                         FPL_OK);
        char *both = fit_text[k];
        assert_int_equal(fpl_learn_fit_render(&result, &fit, &source, formats[k], NULL, 0, &len,
                                              NULL),
                         FPL_OK);
        assert_true(len < sizeof fit_text[k]);
        size_t len2 = 0;
        assert_int_equal(fpl_learn_fit_render(&result, &fit, &source, formats[k], both,
                                              sizeof fit_text[k], &len2, NULL),
                         FPL_OK);
        assert_int_equal(len2, len);
        assert_int_equal(strlen(both), len);
        char want[32768];
        size_t w = 0;
        if (formats[k] == FPL_RENDER_JSON) {
            /* learn's object without its "\n}\n", then the fit's one level in */
            assert_true(alone.len > 3 && strcmp(alone.text + alone.len - 3, "\n}\n") == 0);
            memcpy(want, alone.text, alone.len - 3);
            w = alone.len - 3;
            w += (size_t)snprintf(want + w, sizeof want - w, ",\n  \"score_fit\": ");
            for (size_t i = 0; i + 1 < fitted.len; ++i) { /* its last newline left out */
                want[w++] = fitted.text[i];
                if (fitted.text[i] == '\n') {
                    want[w++] = ' ';
                    want[w++] = ' ';
                }
            }
            w += (size_t)snprintf(want + w, sizeof want - w, "\n}\n");
        } else {
            w = (size_t)snprintf(want, sizeof want, "%s\n%s", alone.text, fitted.text);
        }
        assert_int_equal(len, w);
        assert_memory_equal(both, want, w);
    }
    assert_non_null(strstr(fit_text[1], "area under the ROC curve on the held-back leads"));
    size_t len = 0;
    fpl_error err;
    assert_int_equal(fpl_learn_fit_render(&result, NULL, &source, FPL_RENDER_JSON, NULL, 0, &len,
                                          &err),
                     FPL_ERR_NULL);
    assert_int_equal(fpl_learn_fit_render(&result, &fit, &source, FPL_RENDER_SVG, NULL, 0, &len,
                                          &err),
                     FPL_ERR_FORMAT);
    assert_int_equal(err.field, FPL_FIELD_FORMAT);
}

/* The date n days after 2024-01-01 (days of the civil calendar). */
static fpl_date day_after_2024(int n)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    fpl_date d = {2024, 1, 1};
    for (; n > 0; --n) {
        const int leap = d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0);
        if (d.day < len[d.month - 1] + (d.month == 2 && leap)) {
            d.day++;
        } else if (d.month < 12) {
            d.month++;
            d.day = 1;
        } else {
            d = (fpl_date){d.year + 1, 1, 1};
        }
    }
    return d;
}

/* The figures do not depend on the order of the rows or on the tables
 * given: a few thousand items over two years, amounts of many digits (so
 * that every sum rounds), sources and owners, a back-test; learned (i)
 * in the order written from a first table large enough for all, (ii) its
 * rows shuffled from the least first table, grown many times. Every
 * figure is the same to the bit. */
static void test_learn_figures_do_not_depend_on_row_order_or_tables(void **state)
{
    (void)state;
    enum { ITEMS = 4000, MAX_ROWS = 3 * ITEMS };
    const size_t line_cap = 96;
    char *lines = malloc((size_t)MAX_ROWS * line_cap);
    size_t *order = malloc(MAX_ROWS * sizeof *order);
    const size_t cap = (size_t)MAX_ROWS * line_cap + 64;
    char *csv = malloc(cap);
    assert_true(lines != NULL && order != NULL && csv != NULL);
    size_t rows = 0;
    uint64_t r = 0x9E3779B97F4A7C15u;
#define NEXT() (r = r * 6364136223846793005u + 1442695040888963407u, (uint32_t)(r >> 33))
    for (int i = 0; i < ITEMS; ++i) {
        const int t0 = (int)(NEXT() % 700);
        const int t1 = t0 + 1 + (int)(NEXT() % 40);
        const fpl_date d0 = day_after_2024(t0);
        const fpl_date d1 = day_after_2024(t1);
        const fpl_date d2 = day_after_2024(t1 + 1 + (int)(NEXT() % 60));
        const char *src[] = {"web", "ads", "partner", "event", "referral"};
        const char *own[] = {"ann", "bob", "cy"};
        const char *s = src[NEXT() % 5];
        const char *o = own[NEXT() % 3];
        snprintf(lines + rows++ * line_cap, line_cap, "it%d,lead,%04d-%02d-%02d,,%s,%s\n", i,
                 d0.year, d0.month, d0.day, s, o);
        const uint32_t fate = NEXT() % 4; /* 0, 1: won; 2: lost; 3: open */
        if (fate == 3 && d1.year > 2025) {
            continue;
        }
        snprintf(lines + rows++ * line_cap, line_cap, "it%d,opp,%04d-%02d-%02d,,%s,%s\n", i,
                 d1.year, d1.month, d1.day, s, o);
        if (fate < 3 && d2.year < 2026) {
            const double amount = (double)(NEXT() % 1000000) / 7.0 + 1.0 / 3.0;
            char a[40] = "";
            if (fate < 2) {
                snprintf(a, sizeof a, "%.17g", amount);
            }
            snprintf(lines + rows++ * line_cap, line_cap, "it%d,%s,%04d-%02d-%02d,%s,%s,%s\n", i,
                     fate < 2 ? "won" : "lost", d2.year, d2.month, d2.day, a, s, o);
        }
    }
    for (size_t i = 0; i < rows; ++i) {
        order[i] = i;
    }
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    assert_int_equal(fpl_learn_stages_parse(&opt, "lead,opp", 8, NULL), FPL_OK);
    opt.backtest = true;
    static fpl_learn_result first;
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) { /* Fisher–Yates */
            for (size_t i = rows - 1; i > 0; --i) {
                const size_t j = NEXT() % (i + 1);
                const size_t t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        size_t len = (size_t)snprintf(csv, cap, "id,stage,date,amount,source,owner\n");
        for (size_t i = 0; i < rows; ++i) {
            len += (size_t)snprintf(csv + len, cap - len, "%s", lines + order[i] * line_cap);
        }
        unsigned char *big = malloc(pass == 0 ? (size_t)16 << 20 : 1);
        assert_non_null(big);
        first_table = pass == 0 ? big : first_work;
        first_size = pass == 0 ? (size_t)16 << 20 : FPL_LEARN_WORK_MIN;
        fpl_learn_skipped sk[4];
        size_t n = 0;
        assert_int_equal(learn_text(&opt, csv, sk, 4, &n, NULL), FPL_OK);
        first_table = first_work;
        first_size = sizeof first_work;
        free(big);
        assert_int_equal(n, 0);
        assert_int_equal(result.items, ITEMS);
        if (pass == 0) {
            assert_int_equal(grown, 0);
            assert_true(result.has_backtest && result.backtest.n_rows > 3);
            assert_true(result.n_sources == 5 && result.n_owners == 3);
            assert_true(result.has_deal_size && result.deal_count > 1000);
            first = result;
        } else {
            assert_true(grown >= 3);
        }
    }
#undef NEXT
    /* the figures the engineers saw differ first, then all of it */
    assert_memory_equal(&first.deal_mean, &result.deal_mean, sizeof result.deal_mean);
    assert_memory_equal(&first.deal_cv, &result.deal_cv, sizeof result.deal_cv);
    assert_memory_equal(first.sources, result.sources, sizeof result.sources);
    assert_memory_equal(first.owners, result.owners, sizeof result.owners);
    assert_memory_equal(&first.backtest, &result.backtest, sizeof result.backtest);
    assert_memory_equal(&first, &result, sizeof result);
    free(lines);
    free(order);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learn_without_open_items_is_the_plain_share),
        cmocka_unit_test(test_learn_open_item_is_undecided_not_lost),
        cmocka_unit_test(test_learn_faulty_rows_are_skipped_with_their_lines),
        cmocka_unit_test(test_learn_refuses_a_header_it_cannot_read),
        cmocka_unit_test(test_learn_options_are_read_by_the_library),
        cmocka_unit_test(test_learn_seasonality_from_a_year_of_entries),
        cmocka_unit_test(test_learn_grows_its_table_and_keeps_every_item),
        cmocka_unit_test(test_learn_wide_rows_are_items),
        cmocka_unit_test(test_learn_form_is_read_by_the_library),
        cmocka_unit_test(test_learn_dates_outside_the_window_are_skipped),
        cmocka_unit_test(test_learn_keys_in_the_table_or_in_the_scratch),
        cmocka_unit_test(test_learn_finish_early_then_more_rows),
        cmocka_unit_test(test_learn_fit_render_is_learn_then_the_fit),
        cmocka_unit_test(test_learn_figures_do_not_depend_on_row_order_or_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

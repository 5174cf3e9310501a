/*
 * funnelplan — funnels: stage names, rates, counts, lookups.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

typedef struct name_case {
    const char *name;
    size_t len; /* 0: strlen */
    fpl_status status;
} name_case;

static const name_case name_cases[] = {
    {"lead", 0, FPL_OK},
    {"Sales accepted lead", 0, FPL_OK},
    {"Qualifizierte Anfrage \xc3\xbc", 0, FPL_OK},                 /* ü */
    {"\xe5\x95\x86\xe6\x9c\xba", 0, FPL_OK},                       /* 商机 */
    {"\xf0\x9f\x94\xa5 hot", 0, FPL_OK},                           /* emoji */
    {"a=b", 0, FPL_OK},
    {"won!", 0, FPL_OK},
    {"Won", 0, FPL_OK}, /* reserved words are exact */
    {"", 0, FPL_ERR_STAGE_NAME_EMPTY},
    {"won", 0, FPL_ERR_STAGE_NAME_RESERVED},
    {"deal-size", 0, FPL_ERR_STAGE_NAME_RESERVED},
    {"volume", 0, FPL_ERR_STAGE_NAME_RESERVED},
    {"cost-per-lead", 0, FPL_ERR_STAGE_NAME_RESERVED},
    {"tab\there", 0, FPL_ERR_STAGE_NAME_CONTROL},
    {"line\nbreak", 0, FPL_ERR_STAGE_NAME_CONTROL},
    {"del\x7f", 0, FPL_ERR_STAGE_NAME_CONTROL},
    {"c1\xc2\x85", 0, FPL_ERR_STAGE_NAME_CONTROL},                /* NEL */
    {"rlo\xe2\x80\xae", 0, FPL_ERR_STAGE_NAME_CONTROL},         /* U+202E: bidi override */
    {"lre\xe2\x80\xaa", 0, FPL_ERR_STAGE_NAME_CONTROL},         /* U+202A */
    {"lri\xe2\x81\xa6", 0, FPL_ERR_STAGE_NAME_CONTROL},         /* U+2066: isolate */
    {"pdi\xe2\x81\xa9", 0, FPL_ERR_STAGE_NAME_CONTROL},         /* U+2069 */
    {"rlm\xe2\x80\x8f", 0, FPL_ERR_STAGE_NAME_CONTROL},         /* U+200F: mark */
    {"alm\xd8\x9c", 0, FPL_ERR_STAGE_NAME_CONTROL},              /* U+061C */
    {"\xd7\x9c\xd7\x99\xd7\x93", 0, FPL_OK},                   /* Hebrew letters */
    {"dash\xe2\x80\x90", 0, FPL_OK},                             /* U+2010 hyphen */
    {"ltr\xe2\x80\xaf", 0, FPL_OK},                              /* U+202F: a space */
    {"nul\0x", 5, FPL_ERR_STAGE_NAME_CONTROL},
    {"bad\xc3\x28", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"overlong\xc0\xaf", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"overlong3\xe0\x80\xaf", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"surrogate\xed\xa0\x80", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"too big\xf4\x90\x80\x80", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"cut\xe5\x95", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"\xff", 0, FPL_ERR_STAGE_NAME_UTF8},
    {"\x80", 0, FPL_ERR_STAGE_NAME_UTF8},
};

static void test_stage_names_are_checked(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof name_cases / sizeof name_cases[0]; ++i) {
        const name_case *c = &name_cases[i];
        size_t len = c->len != 0 ? c->len : strlen(c->name);
        fpl_status st = fpl_stage_name_check(c->name, len, NULL);
        if (st != c->status) {
            print_error("name case %zu: %s, want %s\n", i, fpl_status_name(st),
                        fpl_status_name(c->status));
            fail();
        }
    }
    assert_int_equal(fpl_stage_name_check(NULL, 1, NULL), FPL_ERR_NULL);
}

static void test_names_of_64_bytes_fit_and_65_do_not(void **state)
{
    (void)state;
    char name[FPL_NAME_MAX + 2];
    memset(name, 'x', sizeof name);
    fpl_funnel f = {0};
    assert_int_equal(fpl_funnel_add_stage(&f, name, FPL_NAME_MAX + 1, 0.5, NULL),
                     FPL_ERR_STAGE_NAME_LONG);
    assert_int_equal(f.n_stages, 0);
    assert_int_equal(fpl_funnel_add_stage(&f, name, FPL_NAME_MAX, 0.5, NULL), FPL_OK);
    assert_int_equal(strlen(f.stages[0].name), FPL_NAME_MAX);
    assert_int_equal(fpl_funnel_check(&f, NULL), FPL_OK);
    /* 64 bytes of multi-byte characters: 21 three-byte characters + 1 byte. */
    fpl_funnel g = {0};
    char wide[FPL_NAME_MAX];
    for (int i = 0; i < 21; ++i) {
        memcpy(wide + 3 * i, "\xe2\x82\xac", 3); /* € */
    }
    wide[63] = 'e';
    assert_int_equal(fpl_funnel_add_stage(&g, wide, sizeof wide, 1.0, NULL), FPL_OK);
    assert_int_equal(g.n_stages, 1);
    assert_memory_equal(g.stages[0].name, wide, sizeof wide);
    assert_int_equal(g.stages[0].name[sizeof wide], '\0');
    assert_same_double(g.stages[0].rate, 1.0);
}

static void test_rates_must_be_in_zero_one(void **state)
{
    (void)state;
    const double good[] = {1.0, 0.5, 1e-9, DBL_TRUE_MIN, DBL_MIN, nextafter(1.0, 0.0)};
    const double bad[] = {0.0, -0.0, -1.0, nextafter(1.0, 2.0), 1.5, DBL_MAX, NAN, -NAN,
                          INFINITY, -INFINITY, -DBL_TRUE_MIN};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; ++i) {
        fpl_funnel f = {0};
        assert_int_equal(fpl_funnel_add_stage(&f, "s", 1, good[i], NULL), FPL_OK);
        assert_int_equal(f.n_stages, 1);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        fpl_funnel f = {0};
        assert_int_equal(fpl_funnel_add_stage(&f, "s", 1, bad[i], NULL), FPL_ERR_RATE_RANGE);
        assert_int_equal(f.n_stages, 0);
    }
}

static void test_duplicates_and_the_33rd_stage_are_refused(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    assert_int_equal(fpl_funnel_add_stage(&f, "lead", 4, 0.2, NULL), FPL_ERR_STAGE_DUPLICATE);
    assert_int_equal(fpl_funnel_add_stage(&f, "lea", 3, 0.2, NULL), FPL_OK);
    assert_int_equal(fpl_funnel_add_stage(&f, "leads", 5, 0.2, NULL), FPL_OK);
    for (int i = 3; i < FPL_MAX_STAGES; ++i) {
        char name[8];
        int n = snprintf(name, sizeof name, "s%d", i);
        assert_int_equal(fpl_funnel_add_stage(&f, name, (size_t)n, 0.9, NULL), FPL_OK);
    }
    assert_int_equal(f.n_stages, FPL_MAX_STAGES);
    assert_int_equal(fpl_funnel_add_stage(&f, "extra", 5, 0.9, NULL), FPL_ERR_STAGE_COUNT);
    assert_int_equal(f.n_stages, FPL_MAX_STAGES);
    assert_int_equal(fpl_funnel_check(&f, NULL), FPL_OK);
    assert_int_equal(fpl_funnel_add_stage(NULL, "x", 1, 0.5, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_funnel_add_stage(&f, NULL, 1, 0.5, NULL), FPL_ERR_NULL);
}

static void test_check_names_the_faulty_stage_of_a_hand_built_funnel(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_error at;
    assert_int_equal(fpl_funnel_check(&f, &at), FPL_ERR_STAGE_COUNT);
    assert_int_equal(at.field, FPL_FIELD_STAGE);
    assert_true(at.index == FPL_NO_INDEX); /* no single stage is at fault */
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "mql", 0.2);
    fpl_test_add(&f, "sql", 0.3);

    fpl_funnel g = f;
    g.stages[2].rate = NAN;
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_RATE_RANGE);
    assert_error(at, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, 2);

    g = f;
    memcpy(g.stages[1].name, "lead", 5);
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_STAGE_DUPLICATE);
    assert_error(at, FPL_ERR_STAGE_DUPLICATE, FPL_FIELD_STAGE, 1);

    g = f;
    memset(g.stages[0].name, 'x', sizeof g.stages[0].name); /* no terminator */
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_STAGE_NAME_LONG);
    assert_error(at, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_STAGE, 0);

    g = f;
    g.stages[1].name[0] = '\0';
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_STAGE_NAME_EMPTY);
    assert_error(at, FPL_ERR_STAGE_NAME_EMPTY, FPL_FIELD_STAGE, 1);

    g = f;
    memcpy(g.stages[2].name, "won", 4);
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_STAGE_NAME_RESERVED);
    assert_error(at, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_STAGE, 2);

    g = f;
    g.n_stages = FPL_MAX_STAGES + 1;
    assert_int_equal(fpl_funnel_check(&g, &at), FPL_ERR_STAGE_COUNT);
    assert_int_equal(fpl_funnel_add_stage(&g, "x", 1, 0.5, NULL), FPL_ERR_STAGE_COUNT);
    assert_int_equal(fpl_funnel_check(NULL, NULL), FPL_ERR_NULL);
}

/* FPL_NUL_TERMINATED: the text's length is up to its NUL, so a name is
 * stored whole, never cut short by a miscounted length. */
static void test_nul_terminated_names_are_read_to_the_nul(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_error err;
    assert_int_equal(fpl_funnel_add_stage(&f, "opportunity", FPL_NUL_TERMINATED, 0.25, &err),
                     FPL_OK);
    assert_string_equal(f.stages[0].name, "opportunity");
    size_t at = 77;
    assert_int_equal(fpl_funnel_find(&f, "opportunity", FPL_NUL_TERMINATED, &at, &err), FPL_OK);
    assert_int_equal(at, 0);
    assert_int_equal(fpl_funnel_find(&f, "opp", FPL_NUL_TERMINATED, &at, &err),
                     FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_add_stage(&f, "", FPL_NUL_TERMINATED, 0.5, &err),
                     FPL_ERR_STAGE_NAME_EMPTY);
    assert_int_equal(err.field, FPL_FIELD_STAGE);
    assert_int_equal(fpl_funnel_add_stage(&f, NULL, FPL_NUL_TERMINATED, 0.5, &err), FPL_ERR_NULL);
    double x = 0;
    assert_int_equal(fpl_parse_amount("1,500", FPL_NUL_TERMINATED, &x, &err), FPL_OK);
    assert_true(x == 1500.0);
    assert_int_equal(fpl_parse_rate("12.5%", FPL_NUL_TERMINATED, &x, &err), FPL_OK);
    assert_true(x == 0.125);
    fpl_period per = FPL_PERIOD_MONTH;
    assert_int_equal(fpl_period_parse("year", FPL_NUL_TERMINATED, &per, &err), FPL_OK);
    assert_int_equal(per, FPL_PERIOD_YEAR);
    /* a counted length still stops where it says */
    assert_int_equal(fpl_parse_amount("15x", 2, &x, &err), FPL_OK);
    assert_true(x == 15.0);
}

static void test_find_is_exact(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "opportunity", 0.25);
    size_t at = 77;
    assert_int_equal(fpl_funnel_find(&f, "opportunity", 11, &at, NULL), FPL_OK);
    assert_int_equal(at, 1);
    assert_int_equal(fpl_funnel_find(&f, "lead", 4, &at, NULL), FPL_OK);
    assert_int_equal(at, 0);
    at = 77;
    assert_int_equal(fpl_funnel_find(&f, "Lead", 4, &at, NULL), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_find(&f, "lea", 3, &at, NULL), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_find(&f, "lead\0", 5, &at, NULL), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_find(&f, "", 0, &at, NULL), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(at, 77);
    assert_int_equal(fpl_funnel_find(NULL, "lead", 4, &at, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_funnel_find(&f, NULL, 4, &at, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_funnel_find(&f, "lead", 4, NULL, NULL), FPL_ERR_NULL);
    f.n_stages = 1000;
    assert_int_equal(fpl_funnel_find(&f, "lead", 4, &at, NULL), FPL_ERR_STAGE_COUNT);
}

static void test_errors_name_the_stage_and_the_bytes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_error e;
    /* the stage being added is stage 1; the bytes are those at fault */
    assert_int_equal(fpl_funnel_add_stage(&f, "le\x01" "ad", 5, 0.5, &e), FPL_ERR_STAGE_NAME_CONTROL);
    assert_error_at(e, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_STAGE, 1, 2, 1);
    assert_int_equal(fpl_funnel_add_stage(&f, "a\xff" "b", 3, 0.5, &e), FPL_ERR_STAGE_NAME_UTF8);
    assert_error_at(e, FPL_ERR_STAGE_NAME_UTF8, FPL_FIELD_STAGE, 1, 1, 1);
    assert_int_equal(fpl_funnel_add_stage(&f, "won", 3, 0.5, &e), FPL_ERR_STAGE_NAME_RESERVED);
    assert_error_at(e, FPL_ERR_STAGE_NAME_RESERVED, FPL_FIELD_STAGE, 1, 0, 3);
    assert_int_equal(fpl_funnel_add_stage(&f, "lead", 4, 0.5, &e), FPL_ERR_STAGE_DUPLICATE);
    assert_error_at(e, FPL_ERR_STAGE_DUPLICATE, FPL_FIELD_STAGE, 1, 0, 4);
    assert_int_equal(fpl_funnel_add_stage(&f, "sql", 3, 0.0, &e), FPL_ERR_RATE_RANGE);
    assert_error(e, FPL_ERR_RATE_RANGE, FPL_FIELD_STAGE, 1);
    assert_int_equal(fpl_funnel_add_stage(&f, "", 0, 0.5, &e), FPL_ERR_STAGE_NAME_EMPTY);
    assert_error(e, FPL_ERR_STAGE_NAME_EMPTY, FPL_FIELD_STAGE, 1);
    char name[FPL_NAME_MAX + 3];
    memset(name, 'x', sizeof name);
    assert_int_equal(fpl_funnel_add_stage(&f, name, sizeof name, 0.5, &e), FPL_ERR_STAGE_NAME_LONG);
    assert_error_at(e, FPL_ERR_STAGE_NAME_LONG, FPL_FIELD_STAGE, 1, FPL_NAME_MAX, 3);
    /* the check of a name alone knows no stage */
    assert_int_equal(fpl_stage_name_check("a\nb", 3, &e), FPL_ERR_STAGE_NAME_CONTROL);
    assert_error_at(e, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_STAGE, FPL_NO_INDEX, 1, 1);
    /* a 33rd stage: no stage of the funnel is at fault */
    for (size_t k = 1; k < FPL_MAX_STAGES; ++k) {
        char n[8];
        snprintf(n, sizeof n, "s%zu", k);
        fpl_test_add(&f, n, 0.5);
    }
    assert_int_equal(fpl_funnel_add_stage(&f, "more", 4, 0.5, &e), FPL_ERR_STAGE_COUNT);
    assert_error(e, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGE, FPL_NO_INDEX);
    /* a name not found: the caller knows which field named it; the bytes are the name */
    size_t k = 99;
    assert_int_equal(fpl_funnel_find(&f, "nope", 4, &k, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error_at(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_NONE, FPL_NO_INDEX, 0, 4);
    assert_int_equal(k, 99);
}

static void test_a_bidirectional_override_is_refused_where_it_is(void **state)
{
    (void)state;
    fpl_error e;
    assert_int_equal(fpl_stage_name_check("ab\xe2\x80\xae" "cd", 7, &e), FPL_ERR_STAGE_NAME_CONTROL);
    assert_error_at(e, FPL_ERR_STAGE_NAME_CONTROL, FPL_FIELD_STAGE, FPL_NO_INDEX, 2, 3);
}

static void test_suggest_finds_the_name_meant(void **state)
{
    (void)state;
    static const char *const commands[] = {"plan", "forecast", "whatif", "sensitivity", "solve",
                                           "odds", "channels", "schedule", "pace", "score"};
    static const char *const options[] = {"stage", "revenue", "deals", "deal-size", "volume",
                                          "deal-size-step", "per", "format", "help"};
    const size_t nc = sizeof commands / sizeof commands[0];
    const size_t no = sizeof options / sizeof options[0];
    assert_int_equal(fpl_suggest("plna", 4, commands, nc), 0);       /* a swap */
    assert_int_equal(fpl_suggest("PLAN", 4, commands, nc), 0);       /* case */
    assert_int_equal(fpl_suggest("forcast", 7, commands, nc), 1);    /* a deletion */
    assert_int_equal(fpl_suggest("sensitivty", 10, commands, nc), 3);
    assert_int_equal(fpl_suggest("oods", 4, commands, nc), 5);       /* a substitution */
    assert_int_equal(fpl_suggest("sched", 5, commands, nc), 7);      /* a unique prefix */
    assert_int_equal(fpl_suggest("sc", 2, commands, nc), FPL_NO_INDEX); /* 2 bytes: exact only */
    assert_int_equal(fpl_suggest("s", 1, commands, nc), FPL_NO_INDEX);
    assert_int_equal(fpl_suggest("xyzzy", 5, commands, nc), FPL_NO_INDEX);
    assert_int_equal(fpl_suggest("", 0, commands, nc), FPL_NO_INDEX);
    assert_int_equal(fpl_suggest(NULL, 0, commands, nc), FPL_NO_INDEX);
    assert_int_equal(fpl_suggest("plan", 4, NULL, 0), FPL_NO_INDEX);
    assert_int_equal(fpl_suggest("deal_size", 9, options, no), 3);
    assert_int_equal(fpl_suggest("dealsize", 8, options, no), 3);
    assert_int_equal(fpl_suggest("revenu", 6, options, no), 1);
    assert_int_equal(fpl_suggest("rev", 3, options, no), 1);
    assert_int_equal(fpl_suggest("deal", 4, options, no), 2);       /* deals: 1 edit; 3 prefixed */
    assert_int_equal(fpl_suggest("dea", 3, options, no), FPL_NO_INDEX); /* prefix of three */
    assert_int_equal(fpl_suggest("dealsizestep", 12, options, no), 5);
    assert_int_equal(fpl_suggest("volumes", 7, options, no), 4);
    /* 3 to 5 bytes: one edit; from 6 bytes: two */
    assert_int_equal(fpl_suggest("pre", 3, options, no), 6);
    assert_int_equal(fpl_suggest("stgee", 5, options, no), FPL_NO_INDEX); /* two edits */
    assert_int_equal(fpl_suggest("fromat", 6, options, no), 7);
    assert_int_equal(fpl_suggest("frmaat", 6, options, no), 7);  /* two edits at 6 bytes */
    assert_int_equal(fpl_suggest("fxrmxt", 6, options, no), 7);
    assert_int_equal(fpl_suggest("fxxmxt", 6, options, no), FPL_NO_INDEX); /* three */
    /* the first of equals; NULL entries skipped */
    static const char *const two[] = {NULL, "lead", "lean"};
    assert_int_equal(fpl_suggest("leap", 4, two, 3), 1);
    /* texts are not NUL-terminated */
    assert_int_equal(fpl_suggest("plnaXYZ", 4, commands, nc), 0);
    /* longer than 128 bytes: the prefix rule only */
    char long_name[200];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    const char *const longs[] = {long_name};
    assert_int_equal(fpl_suggest(long_name, 150, longs, 1), 0);
    assert_int_equal(fpl_suggest("ab", 2, longs, 1), FPL_NO_INDEX);
}

static void test_funnel_hint_lists_the_stages_and_the_one_meant(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_error e;
    char out[FPL_FUNNEL_HINT_MAX];
    size_t k;
    assert_int_equal(fpl_funnel_find(&f, "lad", 3, &k, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_hint(&f, &e, "lad", 3, out, sizeof out), 53);
    assert_string_equal(out, "did you mean lead? (the stages are lead, opportunity)");
    /* the name's bytes within a longer text (offset and length) */
    e.offset = 0;
    e.length = 3;
    assert_int_equal(fpl_funnel_hint(&f, &e, "opp=a:1@1", 9, out, sizeof out), 60);
    assert_string_equal(out, "did you mean opportunity? (the stages are lead, opportunity)");
    assert_int_equal(fpl_funnel_find(&f, "xyz", 3, &k, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_int_equal(fpl_funnel_hint(&f, &e, "xyz", 3, out, sizeof out), 32);
    assert_string_equal(out, "the stages are lead, opportunity");
    /* a lever: the levers that are not stages too */
    e.field = FPL_FIELD_LEVER;
    assert_int_equal(fpl_funnel_hint(&f, &e, "dealsize", 8, out, sizeof out), 92);
    assert_string_equal(out, "did you mean deal-size? (the levers are lead, opportunity, "
                             "deal-size, volume, cost-per-lead)");
    /* cut to the capacity, the whole length returned */
    e.field = FPL_FIELD_AT;
    assert_int_equal(fpl_funnel_hint(&f, &e, "lad", 3, out, 8), 53);
    assert_string_equal(out, "did you");
    /* without a funnel, or another failure: fpl_error_hint's hint */
    assert_int_equal(fpl_funnel_hint(NULL, &e, "lad", 3, out, sizeof out), 0);
    assert_string_equal(out, "");
    fpl_error rate = {.status = FPL_ERR_RATE_RANGE, .field = FPL_FIELD_STAGE};
    assert_int_equal(fpl_funnel_hint(&f, &rate, "25", 2, out, sizeof out), 17);
    assert_string_equal(out, "did you mean 25%?");
    /* a rate typed as a percentage: above 1 and at most 100, nothing else */
    static const struct {
        const char *text;
        const char *hint;
    } rates[] = {{"1.5", "did you mean 1.5%?"}, {"2", "did you mean 2%?"},
                 {"99.5", "did you mean 99.5%?"}, {"100", "did you mean 100%?"},
                 {"100.0", "did you mean 100.0%?"}, {"025", "did you mean 025%?"},
                 {"100.5", ""}, {"250", ""}, {"1000", ""}, {"0", ""}, {"1.0", ""},
                 {"-25", ""}, {"25pp", ""}, {".5", ""}, {"1,5", ""}};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; ++i) {
        const size_t len = strlen(rates[i].text);
        assert_int_equal(fpl_error_hint(&rate, rates[i].text, len, out, sizeof out),
                         strlen(rates[i].hint));
        assert_string_equal(out, rates[i].hint);
    }
    /* the bytes at fault within the text */
    rate.offset = 5;
    rate.length = 2;
    assert_int_equal(fpl_error_hint(&rate, "lead=25", 7, out, sizeof out), 17);
    assert_string_equal(out, "did you mean 25%?");
    rate.offset = 0;
    rate.length = 0;
    assert_int_equal(fpl_funnel_hint(&f, NULL, "lad", 3, out, sizeof out), 0);
    assert_int_equal(fpl_funnel_hint(&f, &e, NULL, 0, out, sizeof out), 32);
    assert_int_equal(fpl_funnel_hint(&f, &e, "lad", 3, NULL, 0), 53);
    /* every one of 32 stages of 64 bytes fits FPL_FUNNEL_HINT_MAX */
    fpl_funnel big = {0};
    for (size_t i = 0; i < FPL_MAX_STAGES; ++i) {
        char name[FPL_NAME_MAX + 1];
        memset(name, 'a', FPL_NAME_MAX);
        snprintf(name, sizeof name, "%02zu", i);
        name[2] = 'a';
        assert_int_equal(fpl_funnel_add_stage(&big, name, FPL_NAME_MAX, 0.5, NULL), FPL_OK);
    }
    e.field = FPL_FIELD_CHANGE;
    const size_t n = fpl_funnel_hint(&big, &e, "zzzzzzzzzzzzzzzzzzz", 19, out, sizeof out);
    assert_true(n < sizeof out);
    assert_int_equal(n, strlen("the levers are ") + FPL_MAX_STAGES * (FPL_NAME_MAX + 2) +
                            strlen("deal-size, volume, cost-per-lead"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stage_names_are_checked),
        cmocka_unit_test(test_names_of_64_bytes_fit_and_65_do_not),
        cmocka_unit_test(test_rates_must_be_in_zero_one),
        cmocka_unit_test(test_duplicates_and_the_33rd_stage_are_refused),
        cmocka_unit_test(test_check_names_the_faulty_stage_of_a_hand_built_funnel),
        cmocka_unit_test(test_nul_terminated_names_are_read_to_the_nul),
        cmocka_unit_test(test_find_is_exact),
        cmocka_unit_test(test_a_bidirectional_override_is_refused_where_it_is),
        cmocka_unit_test(test_suggest_finds_the_name_meant),
        cmocka_unit_test(test_funnel_hint_lists_the_stages_and_the_one_meant),
        cmocka_unit_test(test_errors_name_the_stage_and_the_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — amount and rate parsing: every spelling, every refusal,
 * correct rounding, no locale.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
#include <locale.h>

typedef struct parse_case {
    const char *text;
    size_t len; /* 0: strlen(text) */
    fpl_status status;
    double value;
} parse_case;

static void check_cases(const parse_case *cases, size_t n,
                        fpl_status (*parse)(const char *, size_t, double *, fpl_error *))
{
    for (size_t i = 0; i < n; ++i) {
        const parse_case *c = &cases[i];
        size_t len = c->len != 0 ? c->len : strlen(c->text);
        double got = -12345.0;
        fpl_status st = parse(c->text, len, &got, NULL);
        if (st != c->status) {
            print_error("'%s': status %s, want %s\n", c->text, fpl_status_name(st),
                        fpl_status_name(c->status));
            fail();
        }
        if (st == FPL_OK) {
            assert_same_double(got, c->value);
        } else {
            assert_same_double(got, -12345.0); /* untouched on failure */
        }
    }
}

static const parse_case amount_cases[] = {
    {"1000000", 0, FPL_OK, 1e6},
    {"1e6", 0, FPL_OK, 1e6},
    {"1E6", 0, FPL_OK, 1e6},
    {"1e+6", 0, FPL_OK, 1e6},
    {"1_000_000", 0, FPL_OK, 1e6},
    {"1,000,000", 0, FPL_OK, 1e6},
    {"250k", 0, FPL_OK, 250000.0},
    {"250K", 0, FPL_OK, 250000.0},
    {"1.5M", 0, FPL_OK, 1.5e6},
    {"1.5m", 0, FPL_OK, 1.5e6},
    {"2B", 0, FPL_OK, 2e9},
    {"2b", 0, FPL_OK, 2e9},
    {"1.1k", 0, FPL_OK, 1100.0},
    {"0.29", 0, FPL_OK, 0.29},
    {".5", 0, FPL_OK, 0.5},
    {"5.", 0, FPL_OK, 5.0},
    {"0", 0, FPL_OK, 0.0},
    {"000123", 0, FPL_OK, 123.0},
    {"1,000.25", 0, FPL_OK, 1000.25},
    {"12,345,678.9", 0, FPL_OK, 12345678.9},
    {"1_0", 0, FPL_OK, 10.0},
    {"0.000_001", 0, FPL_OK, 1e-6},
    {"1e-3", 0, FPL_OK, 0.001},
    {"4.9406564584124654e-324", 0, FPL_OK, DBL_TRUE_MIN},
    {"2.4703282292062328e-324", 0, FPL_OK, DBL_TRUE_MIN}, /* just above half: rounds up */
    {"2.4703282292062327e-324", 0, FPL_ERR_PARSE_UNDERFLOW, 0}, /* below half: zero */
    {"1.7976931348623157e308", 0, FPL_OK, DBL_MAX},
    {"9007199254740993", 0, FPL_OK, 9007199254740992.0}, /* tie to even */
    {"9007199254740995", 0, FPL_OK, 9007199254740996.0}, /* tie to even */
    {"1e-400", 0, FPL_ERR_PARSE_UNDERFLOW, 0},
    {"0e-400", 0, FPL_OK, 0.0},
    {"0.000", 0, FPL_OK, 0.0},
    {"", 0, FPL_ERR_PARSE_EMPTY, 0},
    {"-5", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"-0", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"-1e400", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"+5", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e400", 0, FPL_ERR_PARSE_OVERFLOW, 0},
    {"1.8e308", 0, FPL_ERR_PARSE_OVERFLOW, 0},
    {"1,5", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1,,000", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1,0000", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1234,567", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1,000_000", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1__0", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1_", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1,", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"1.5,0", 0, FPL_ERR_PARSE_GROUPING, 0},
    {",100", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"_1", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {".", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"e5", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e+", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e3k", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1kk", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"0x10", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"nan", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"NaN", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"inf", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"infinity", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"12%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1/3", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {" 5", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"5 ", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"5abc", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1.2.3", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"\xd9\xa1", 0, FPL_ERR_PARSE_SYNTAX, 0},       /* ARABIC-INDIC DIGIT ONE */
    {"1\xc2\xa0" "000", 0, FPL_ERR_PARSE_SYNTAX, 0}, /* no-break space */
    {"5\0" "00", 4, FPL_ERR_PARSE_SYNTAX, 0},       /* embedded NUL is seen */
    {"\xff", 0, FPL_ERR_PARSE_SYNTAX, 0},
    /* a point before exactly three digits reads two ways (8 or 8000) */
    {"8.000", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"1.200", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"1.234", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"999.999", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"1.250M", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"2.500k", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"-8.000", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"8.000x", 0, FPL_ERR_PARSE_SYNTAX, 0},
    /* ... and these read one way only */
    {"8.00", 0, FPL_OK, 8.0},
    {"8.0000", 0, FPL_OK, 8.0},
    {"8.0", 0, FPL_OK, 8.0},
    {"0.250", 0, FPL_OK, 0.25},
    {".250", 0, FPL_OK, 0.25},
    {"1000.500", 0, FPL_OK, 1000.5},
    {"1,000.500", 0, FPL_OK, 1000.5},
    {"1_200.500", 0, FPL_OK, 1200.5},
    {"8.000e0", 0, FPL_OK, 8.0},
    {"1.25M", 0, FPL_OK, 1250000.0},
    {"1,250", 0, FPL_OK, 1250.0},
    /* a decimal comma is no thousands group */
    {"0,25", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"0,250", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"0,250,000", 0, FPL_ERR_PARSE_GROUPING, 0},
    {"12,5", 0, FPL_ERR_PARSE_GROUPING, 0},
};

static void test_amount_spellings_and_refusals(void **state)
{
    (void)state;
    check_cases(amount_cases, sizeof amount_cases / sizeof amount_cases[0], fpl_parse_amount);
}

static const parse_case rate_cases[] = {
    {"12%", 0, FPL_OK, 0.12},
    {"12.5%", 0, FPL_OK, 0.125},
    {"0.12", 0, FPL_OK, 0.12},
    {"1/3", 0, FPL_OK, 1.0 / 3.0},
    {"29%", 0, FPL_OK, 0.29},
    {"33/100", 0, FPL_OK, 0.33},
    {"100%", 0, FPL_OK, 1.0},
    {"150%", 0, FPL_OK, 1.5}, /* range is the funnel's business */
    {"0%", 0, FPL_OK, 0.0},
    {"1", 0, FPL_OK, 1.0},
    {"1e-9", 0, FPL_OK, 1e-9},
    {"0.5/2", 0, FPL_OK, 0.25},
    {"", 0, FPL_ERR_PARSE_EMPTY, 0},
    {"%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"12%%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"12 %", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1/0", 0, FPL_ERR_PARSE_DIVZERO, 0},
    {"0/0", 0, FPL_ERR_PARSE_DIVZERO, 0},
    {"1/", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"/3", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1/3/4", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1/3%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e3/2", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"-5%", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"-1/3", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"1/-3", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"1,5%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"12k", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"1e400%", 0, FPL_ERR_PARSE_OVERFLOW, 0},
    {"5e-324%", 0, FPL_ERR_PARSE_UNDERFLOW, 0},
    {"1e-3%", 0, FPL_OK, 1e-5},
    {"1.2e-1", 0, FPL_OK, 0.12},
    {"nan%", 0, FPL_ERR_PARSE_SYNTAX, 0},
    {"12\0%", 4, FPL_ERR_PARSE_SYNTAX, 0},
    /* a rate has no grouping: a point reads one way */
    {"12.500%", 0, FPL_OK, 0.125},
    {"1.500", 0, FPL_OK, 1.5},
    {"0,25", 0, FPL_ERR_PARSE_SYNTAX, 0},
};

static const parse_case count_cases[] = {
    {"9007199254740992", 0, FPL_OK, 9007199254740992.0},
    {"9007199254740993", 0, FPL_ERR_PARSE_COUNT_MAX, 0}, /* rounds to 2^53: refused first */
    {"9007199254740994", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"09007199254740993", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"9007199254740992.5", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"9007199254740992.000", 0, FPL_OK, 9007199254740992.0},
    {"9007199254740991.9", 0, FPL_OK, 9007199254740992.0},
    {"9,007,199,254,740,993", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"9.007199254740992e15", 0, FPL_OK, 9007199254740992.0},
    {"9.007199254740993e15", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"9007199254.740992M", 0, FPL_OK, 9007199254740992.0},
    {"9007199254.740993M", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"1e16", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"1e15", 0, FPL_OK, 1e15},
    {"1e400", 0, FPL_ERR_PARSE_COUNT_MAX, 0},
    {"4503599627370497.5", 0, FPL_OK, 4503599627370498.0}, /* below: rounds as ever, to even */
    {"0", 0, FPL_OK, 0.0},
    {"2.5", 0, FPL_OK, 2.5},
    {"-9007199254740993", 0, FPL_ERR_PARSE_NEGATIVE, 0},
    {"8.000", 0, FPL_ERR_PARSE_AMBIGUOUS, 0},
    {"", 0, FPL_ERR_PARSE_EMPTY, 0},
};

static void test_counts_above_two_to_the_53_are_refused_from_the_digits(void **state)
{
    (void)state;
    check_cases(count_cases, sizeof count_cases / sizeof count_cases[0], fpl_parse_count);
    /* digits dropped past the 800 the parser keeps still count */
    char text[1000];
    memcpy(text, "9007199254740992.", 17);
    memset(text + 17, '0', 900);
    text[917] = '1';
    double x = 7.0;
    assert_int_equal(fpl_parse_count(text, 918, &x, NULL), FPL_ERR_PARSE_COUNT_MAX);
    text[917] = '0';
    assert_int_equal(fpl_parse_count(text, 918, &x, NULL), FPL_OK);
    assert_same_double(x, 9007199254740992.0);
}

/* The hint for a text, as the CLI prints it after the message. */
static void expect_hint(fpl_status (*parse)(const char *, size_t, double *, fpl_error *),
                        const char *text, fpl_status st, const char *hint)
{
    double x;
    fpl_error e;
    char out[FPL_HINT_MAX];
    assert_int_equal(parse(text, strlen(text), &x, &e), st);
    const size_t n = fpl_error_hint(&e, text, strlen(text), out, sizeof out);
    assert_string_equal(out, hint);
    assert_int_equal(n, strlen(hint));
}

static void test_numbers_that_read_two_ways_say_how_to_write_each(void **state)
{
    (void)state;
    expect_hint(fpl_parse_amount, "8.000", FPL_ERR_PARSE_AMBIGUOUS, "write 8000 or 8.0");
    expect_hint(fpl_parse_amount, "1.200", FPL_ERR_PARSE_AMBIGUOUS, "write 1200 or 1.2");
    expect_hint(fpl_parse_amount, "1.250", FPL_ERR_PARSE_AMBIGUOUS, "write 1250 or 1.25");
    expect_hint(fpl_parse_amount, "1.234", FPL_ERR_PARSE_AMBIGUOUS, "write 1234 or 1.2340");
    expect_hint(fpl_parse_amount, "1.250M", FPL_ERR_PARSE_AMBIGUOUS, "write 1250M or 1.25M");
    expect_hint(fpl_parse_count, "2.000k", FPL_ERR_PARSE_AMBIGUOUS, "write 2000k or 2.0k");
    expect_hint(fpl_parse_amount, "0,25", FPL_ERR_PARSE_GROUPING, "write 0.25");
    expect_hint(fpl_parse_amount, "0,250", FPL_ERR_PARSE_GROUPING, "write 0.250");
    expect_hint(fpl_parse_amount, "12,5", FPL_ERR_PARSE_GROUPING, "write 12.5");
    expect_hint(fpl_parse_amount, "1,5000", FPL_ERR_PARSE_GROUPING, "write 1.5000");
    expect_hint(fpl_parse_amount, "1,,000", FPL_ERR_PARSE_GROUPING, "");
    expect_hint(fpl_parse_rate, "0,25", FPL_ERR_PARSE_SYNTAX, "write 0.25 or 25%");
    expect_hint(fpl_parse_rate, "0,5", FPL_ERR_PARSE_SYNTAX, "write 0.5 or 50%");
    expect_hint(fpl_parse_rate, "0,125", FPL_ERR_PARSE_SYNTAX, "write 0.125 or 12.5%");
    expect_hint(fpl_parse_rate, "0,05", FPL_ERR_PARSE_SYNTAX, "write 0.05 or 5%");
    expect_hint(fpl_parse_rate, "0,001", FPL_ERR_PARSE_SYNTAX, "write 0.001 or 0.1%");
    expect_hint(fpl_parse_rate, "12,5", FPL_ERR_PARSE_SYNTAX, "write 12.5%");
    expect_hint(fpl_parse_rate, "12,5%", FPL_ERR_PARSE_SYNTAX, "write 12.5%");
    expect_hint(fpl_parse_rate, "abc", FPL_ERR_PARSE_SYNTAX, "");
    expect_hint(fpl_parse_count, "9007199254740993", FPL_ERR_PARSE_COUNT_MAX, "");
}

static void test_rate_spellings_and_refusals(void **state)
{
    (void)state;
    check_cases(rate_cases, sizeof rate_cases / sizeof rate_cases[0], fpl_parse_rate);
}

static void test_percent_decimal_and_ratio_give_the_same_double(void **state)
{
    (void)state;
    char pct[16];
    char dec[16];
    char ratio[16];
    for (int k = 1; k <= 1000; ++k) {
        /* k tenths of a percent: "12.5%", "0.125", "125/1000" */
        int n1 = snprintf(pct, sizeof pct, "%d.%d%%", k / 10, k % 10);
        int n2 = snprintf(dec, sizeof dec, "0.%03d", k);
        int n3 = snprintf(ratio, sizeof ratio, "%d/1000", k);
        if (k == 1000) {
            n2 = snprintf(dec, sizeof dec, "1.000");
        }
        double a;
        double b;
        double c;
        assert_int_equal(fpl_parse_rate(pct, (size_t)n1, &a, NULL), FPL_OK);
        assert_int_equal(fpl_parse_rate(dec, (size_t)n2, &b, NULL), FPL_OK);
        assert_int_equal(fpl_parse_rate(ratio, (size_t)n3, &c, NULL), FPL_OK);
        assert_same_double(a, b);
        assert_same_double(a, c);
        assert_same_double(a, (double)k / 1000.0);
    }
}

static void test_very_long_numbers_round_correctly(void **state)
{
    (void)state;
    /* 0.1 followed by ten thousand digits: still the double nearest 0.1. */
    static char text[10003];
    text[0] = '0';
    text[1] = '.';
    text[2] = '1';
    memset(text + 3, '0', sizeof text - 3);
    double v;
    assert_int_equal(fpl_parse_amount(text, sizeof text, &v, NULL), FPL_OK);
    assert_same_double(v, 0.1);
    /* The halfway point between 1 and the next double, then a 1 far away:
     * the far digit decides, so it must round up. */
    static char half[2000];
    const char *mid = "1.00000000000000011102230246251565404236316680908203125";
    size_t m = strlen(mid);
    memcpy(half, mid, m);
    memset(half + m, '0', sizeof half - m - 1);
    half[sizeof half - 1] = '1';
    assert_int_equal(fpl_parse_amount(half, sizeof half, &v, NULL), FPL_OK);
    assert_same_double(v, 1.0 + DBL_EPSILON);
    assert_int_equal(fpl_parse_amount(half, m, &v, NULL), FPL_OK);
    assert_same_double(v, 1.0); /* exactly halfway: ties to even */
    /* Ten thousand digits of integer part overflow. */
    static char big[10000];
    memset(big, '9', sizeof big);
    assert_int_equal(fpl_parse_amount(big, sizeof big, &v, NULL), FPL_ERR_PARSE_OVERFLOW);
}

static void test_parsers_refuse_null(void **state)
{
    (void)state;
    double v = 7.0;
    assert_int_equal(fpl_parse_amount(NULL, 3, &v, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_parse_amount("123", 3, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_parse_rate(NULL, 3, &v, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_parse_rate("12%", 3, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_parse_count(NULL, 3, &v, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_parse_count("123", 3, NULL, NULL), FPL_ERR_NULL);
    assert_same_double(v, 7.0);
}

static void test_parsing_ignores_the_host_locale(void **state)
{
    (void)state;
    for (size_t i = 0; i < FPL_TEST_LOCALE_COUNT; ++i) {
        fpl_test_set_locale(fpl_test_locales[i]);
        assert_string_equal(localeconv()->decimal_point, ","); /* the switch took */
        double v;
        assert_int_equal(PARSE_AMOUNT("1,000.5", &v), FPL_OK);
        assert_same_double(v, 1000.5);
        assert_int_equal(PARSE_AMOUNT("1,5", &v), FPL_ERR_PARSE_GROUPING);
        assert_int_equal(PARSE_RATE("12.5%", &v), FPL_OK);
        assert_same_double(v, 0.125);
        assert_int_equal(PARSE_RATE("12,5%", &v), FPL_ERR_PARSE_SYNTAX);
        assert_int_equal(PARSE_AMOUNT("1.5M", &v), FPL_OK);
        assert_same_double(v, 1.5e6);
        assert_int_equal(PARSE_AMOUNT("1.5m", &v), FPL_OK); /* no locale casing */
        assert_same_double(v, 1.5e6);
        assert_int_equal(fpl_stage_name_check("WON", 3, NULL), FPL_OK); /* exact, not tr_TR case */
    }
    setlocale(LC_ALL, "C");
}

static void test_parse_errors_give_the_bytes_not_the_field(void **state)
{
    (void)state;
    double x = 7.0;
    fpl_error e;
    /* a parser does not know which field its text is for: the caller does */
    assert_int_equal(fpl_parse_amount("12x", 3, &x, &e), FPL_ERR_PARSE_SYNTAX);
    assert_error_at(e, FPL_ERR_PARSE_SYNTAX, FPL_FIELD_NONE, FPL_NO_INDEX, 0, 3);
    assert_int_equal(fpl_parse_amount("-5", 2, &x, &e), FPL_ERR_PARSE_NEGATIVE);
    assert_error_at(e, FPL_ERR_PARSE_NEGATIVE, FPL_FIELD_NONE, FPL_NO_INDEX, 0, 2);
    assert_int_equal(fpl_parse_rate("1/0", 3, &x, &e), FPL_ERR_PARSE_DIVZERO);
    assert_error_at(e, FPL_ERR_PARSE_DIVZERO, FPL_FIELD_NONE, FPL_NO_INDEX, 0, 3);
    assert_int_equal(fpl_parse_rate("", 0, &x, &e), FPL_ERR_PARSE_EMPTY);
    assert_error(e, FPL_ERR_PARSE_EMPTY, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_int_equal(fpl_parse_amount("1,00", 4, &x, &e), FPL_ERR_PARSE_GROUPING);
    assert_error_at(e, FPL_ERR_PARSE_GROUPING, FPL_FIELD_NONE, FPL_NO_INDEX, 0, 4);
    assert_int_equal(fpl_parse_amount(NULL, 4, &x, &e), FPL_ERR_NULL);
    assert_error(e, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    assert_same_double(x, 7.0);
    assert_int_equal(fpl_parse_rate("12%", 3, &x, &e), FPL_OK);
    assert_same_double(x, 0.12);
    assert_int_equal(e.status, FPL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_spellings_and_refusals),
        cmocka_unit_test(test_rate_spellings_and_refusals),
        cmocka_unit_test(test_percent_decimal_and_ratio_give_the_same_double),
        cmocka_unit_test(test_very_long_numbers_round_correctly),
        cmocka_unit_test(test_parsers_refuse_null),
        cmocka_unit_test(test_parsing_ignores_the_host_locale),
        cmocka_unit_test(test_parse_errors_give_the_bytes_not_the_field),
        cmocka_unit_test(test_counts_above_two_to_the_53_are_refused_from_the_digits),
        cmocka_unit_test(test_numbers_that_read_two_ways_say_how_to_write_each),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

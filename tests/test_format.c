/*
 * funnelplan — tests for format.h: numbers as text, exactly and without the
 * locale. Hand-picked cases with their text spelled out, then every style
 * against the CLI's former snprintf/strtod formatting (the reference below,
 * in the C locale) over millions of random doubles.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>
#include <time.h>

/* ---- the reference: the CLI's formatting before format.h ----------------- */

enum { REF_MAX = 512 };

/* snprintf("%.*f", decimals, x), remembered: the styles below ask for the
 * same text several times, and glibc's conversion of a large double is the
 * slow part of the differential test (snprintf is a pure function, so the
 * memo changes no result). */
static const char *ref_f(double x, int decimals)
{
    enum { SLOTS = 8 };
    static struct {
        uint64_t bits;
        int decimals;
        char text[REF_MAX];
    } memo[SLOTS];
    static unsigned next;
    static bool used[SLOTS];
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    for (unsigned i = 0; i < SLOTS; ++i) {
        if (used[i] && memo[i].bits == bits && memo[i].decimals == decimals) {
            return memo[i].text;
        }
    }
    unsigned i = next++ % SLOTS;
    used[i] = true;
    memo[i].bits = bits;
    memo[i].decimals = decimals;
    snprintf(memo[i].text, sizeof memo[i].text, "%.*f", decimals, x);
    return memo[i].text;
}

/* The CLI's JSON layout of a "%.*e" text: positional for 1e-7 <= |x| < 1e21. */
static void ref_json_layout(char out[REF_MAX], const char *sci)
{
    const char *s = sci;
    char *o = out;
    if (*s == '-') {
        *o++ = *s++;
    }
    char digits[32];
    size_t nd = 0;
    for (; *s != 'e'; ++s) {
        if (*s != '.') {
            digits[nd++] = *s;
        }
    }
    int e = atoi(s + 1);
    while (nd > 1 && digits[nd - 1] == '0') {
        nd--;
    }
    const int n = (int)nd;
    if (e >= -7 && e < 21) {
        if (e >= n - 1) {
            memcpy(o, digits, nd);
            o += nd;
            for (int i = 0; i < e - (n - 1); ++i) {
                *o++ = '0';
            }
        } else if (e >= 0) {
            memcpy(o, digits, (size_t)e + 1);
            o += e + 1;
            *o++ = '.';
            memcpy(o, digits + e + 1, nd - (size_t)e - 1);
            o += nd - (size_t)e - 1;
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -e - 1; ++i) {
                *o++ = '0';
            }
            memcpy(o, digits, nd);
            o += nd;
        }
        *o = '\0';
    } else {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, nd - 1);
            o += nd - 1;
        }
        snprintf(o, 16, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
}

/* cli_fmt_json_number as it was: the shortest "%.*e" precision that strtod
 * reads back. */
static void ref_json_literal(char out[REF_MAX], double x)
{
    if (!isfinite(x)) {
        strcpy(out, "null");
        return;
    }
    char sci[64];
    for (int p = 1; p <= 17; ++p) {
        snprintf(sci, sizeof sci, "%.*e", p - 1, x);
        if (strtod(sci, NULL) == x) {
            break;
        }
    }
    ref_json_layout(out, sci);
}

/* The same, with one snprintf instead of seventeen: the p-digit rounding of
 * x is the p-digit rounding (half to even) of its 17-digit rounding, unless
 * the digits cut off are exactly 5000...; then snprintf is asked. (Each
 * candidate still goes through strtod; ref_json_literal checks this on a
 * share of the doubles.) */
static void ref_json(char out[REF_MAX], double x)
{
    if (!isfinite(x)) {
        strcpy(out, "null");
        return;
    }
    char r17[64];
    snprintf(r17, sizeof r17, "%.16e", x);
    const char *s = r17;
    bool negative = *s == '-';
    if (negative) {
        s++;
    }
    char d17[18];
    d17[0] = s[0];
    memcpy(d17 + 1, s + 2, 16);
    d17[17] = '\0';
    int e17 = atoi(s + 19);
    char sci[64];
    for (int p = 1; p <= 17; ++p) {
        bool tie = p < 17 && d17[p] == '5' && strspn(d17 + p + 1, "0") >= (size_t)(16 - p);
        if (p == 17) {
            strcpy(sci, r17);
        } else if (tie) {
            snprintf(sci, sizeof sci, "%.*e", p - 1, x);
        } else {
            char d[18];
            memcpy(d, d17, (size_t)p);
            int e = e17;
            if (d17[p] >= '5') {
                int i = p - 1;
                while (i >= 0 && d[i] == '9') {
                    d[i--] = '0';
                }
                if (i < 0) {
                    d[0] = '1';
                    e++;
                } else {
                    d[i]++;
                }
            }
            char *o = sci;
            if (negative) {
                *o++ = '-';
            }
            *o++ = d[0];
            if (p > 1) {
                *o++ = '.';
                memcpy(o, d + 1, (size_t)p - 1);
                o += p - 1;
            }
            snprintf(o, 16, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        }
        if (strtod(sci, NULL) == x) {
            break;
        }
    }
    ref_json_layout(out, sci);
}

static char *ref_group(char *o, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) {
            *o++ = ',';
        }
        *o++ = digits[i];
    }
    return o;
}

/* "%.*f", grouped when asked (the sign and the point kept where they are). */
static void ref_fixed(char out[REF_MAX], double x, int decimals, bool group)
{
    char tmp[REF_MAX];
    strcpy(tmp, ref_f(x, decimals));
    if (!group || !isfinite(x)) {
        strcpy(out, tmp);
        return;
    }
    const char *s = tmp;
    char *o = out;
    if (*s == '-') {
        *o++ = *s++;
    }
    const char *point = strchr(s, '.');
    size_t int_len = point != NULL ? (size_t)(point - s) : strlen(s);
    o = ref_group(o, s, int_len);
    strcpy(o, s + int_len);
}

/* Every display style bounds its width: a finite value of 1e21 or more in
 * magnitude is written as JSON writes it, in exponent form. */
static bool ref_huge(double x)
{
    return isfinite(x) && fabs(x) >= 1e21;
}

static void ref_fixed2(char out[REF_MAX], double x)
{
    if (!isfinite(x)) {
        strcpy(out, isnan(x) ? "nan" : (x < 0 ? "-inf" : "inf"));
        return;
    }
    if (ref_huge(x)) {
        ref_json(out, x);
        return;
    }
    char tmp[REF_MAX];
    strcpy(tmp, ref_f(x, 2)); /* snprintf(tmp, sizeof tmp, "%.2f", x) */
    const char *s = tmp;
    bool negative = *s == '-';
    if (negative) {
        s++;
    }
    if (negative && strspn(s, "0.") == strlen(s)) {
        negative = false;
    }
    const char *point = strchr(s, '.');
    size_t int_len = point != NULL ? (size_t)(point - s) : strlen(s);
    char *o = out;
    if (negative) {
        *o++ = '-';
    }
    o = ref_group(o, s, int_len);
    strcpy(o, s + int_len);
}

static void ref_amount(char out[REF_MAX], double x)
{
    ref_fixed2(out, x);
    size_t n = strlen(out);
    if (n > 3 && strcmp(out + n - 3, ".00") == 0) {
        out[n - 3] = '\0';
    }
}

static void ref_count(char out[REF_MAX], uint64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    char *o = ref_group(out, tmp, strlen(tmp));
    *o = '\0';
}

static void ref_percent(char out[REF_MAX], double fraction)
{
    if (ref_huge(fraction * 100.0)) {
        ref_json(out, fraction * 100.0); /* at most 24 bytes */
        strcat(out, "%");
        return;
    }
    char tmp[REF_MAX - 2];
    strcpy(tmp, ref_f(fraction * 100.0, 4)); /* snprintf "%.4f" */
    size_t n = strlen(tmp);
    while (n > 0 && tmp[n - 1] == '0') {
        n--;
    }
    if (n > 0 && tmp[n - 1] == '.') {
        n--;
    }
    tmp[n] = '\0';
    if (strcmp(tmp, "0") == 0 && fraction > 0.0) {
        strcpy(out, "<0.0001%");
        return;
    }
    memcpy(out, tmp, n);
    out[n] = '%';
    out[n + 1] = '\0';
}

static void ref_chance(char out[REF_MAX], double p)
{
    if (ref_huge(p * 100.0)) {
        ref_json(out, p * 100.0);
        strcat(out, "%");
        return;
    }
    strcpy(out, ref_f(p * 100.0, 1)); /* snprintf(out, REF_MAX, "%.1f%%", p * 100.0) */
    strcat(out, "%");
    if (strcmp(out, "0.0%") == 0 && p > 0.0) {
        strcpy(out, "<0.1%");
    } else if (strcmp(out, "100.0%") == 0 && p < 1.0) {
        strcpy(out, ">99.9%");
    }
}

static void ref_trimmed(char out[REF_MAX], double x)
{
    ref_fixed2(out, x);
    char *point = strchr(out, '.');
    if (point != NULL && !ref_huge(x)) {
        size_t n = strlen(out);
        while (out[n - 1] == '0') {
            out[--n] = '\0';
        }
        if (out[n - 1] == '.') {
            out[n - 1] = '\0';
        }
    }
}

/* out = sign + num + suffix (render.c's join; the texts are far shorter) */
static void ref_join(char out[REF_MAX], const char *sign, const char *num, const char *suffix)
{
    strcpy(out, sign);
    strcat(out, num);
    strcat(out, suffix);
}

static void ref_signed(char out[REF_MAX], double x)
{
    char num[REF_MAX];
    ref_trimmed(num, x);
    ref_join(out, x > 0.0 && strcmp(num, "0") != 0 ? "+" : "", num, "");
}

static void ref_relative(char out[REF_MAX], double change)
{
    char num[REF_MAX];
    ref_trimmed(num, change * 100.0);
    ref_join(out, change > 0.0 && strcmp(num, "0") != 0 ? "+" : "", num, "%");
}

static void ref_whole(char out[REF_MAX], double x)
{
    if (x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x)) {
        ref_count(out, (uint64_t)x);
    } else {
        ref_fixed2(out, x);
    }
}

static void ref_tenths(char out[REF_MAX], double x)
{
    if (ref_huge(x)) {
        ref_json(out, x);
        return;
    }
    strcpy(out, ref_f(x, 1)); /* snprintf(out, REF_MAX, "%.1f", x) */
    size_t n = strlen(out);
    if (n > 2 && strcmp(out + n - 2, ".0") == 0) {
        out[n - 2] = '\0';
    }
    if (strcmp(out, "0") == 0 && x > 0.0) {
        snprintf(out, REF_MAX, "<0.1");
    }
}

static void ref_coordinate(char out[REF_MAX], double x)
{
    if (ref_huge(x)) {
        ref_json(out, x);
        return;
    }
    strcpy(out, ref_f(x, 1)); /* snprintf(out, REF_MAX, "%.1f", x) */
    size_t n = strlen(out);
    if (n > 2 && strcmp(out + n - 2, ".0") == 0) {
        out[n - 2] = '\0';
    }
    if (strcmp(out, "-0") == 0) {
        strcpy(out, "0");
    }
}

typedef void (*ref_fn)(char[REF_MAX], double);

static const ref_fn refs[FPL_NUMBER_STYLE_COUNT] = {
    [FPL_NUMBER_JSON] = ref_json,         [FPL_NUMBER_FIXED2] = ref_fixed2,
    [FPL_NUMBER_AMOUNT] = ref_amount,     [FPL_NUMBER_TRIMMED] = ref_trimmed,
    [FPL_NUMBER_SIGNED] = ref_signed,     [FPL_NUMBER_WHOLE] = ref_whole,
    [FPL_NUMBER_PERCENT] = ref_percent,   [FPL_NUMBER_CHANCE] = ref_chance,
    [FPL_NUMBER_RELATIVE] = ref_relative, [FPL_NUMBER_TENTHS] = ref_tenths,
    [FPL_NUMBER_COORDINATE] = ref_coordinate,
};

/* ---- hand-picked cases -------------------------------------------------- */

static void expect(double x, fpl_number_style style, const char *want)
{
    char got[FPL_NUMBER_MAX];
    size_t n = fpl_format_number(x, style, got, sizeof got);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
        print_error("style %d of %.17g: got \"%s\" (%zu), want \"%s\"\n", (int)style, x, got, n,
                    want);
        fail();
    }
}

static void expect_fixed(double x, int decimals, bool group, const char *want)
{
    char got[FPL_NUMBER_MAX];
    size_t n = fpl_format_fixed(x, decimals, group, got, sizeof got);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
        print_error("fixed %d of %.17g: got \"%s\", want \"%s\"\n", decimals, x, got, want);
        fail();
    }
}

static void expect_exponent(double x, int decimals, const char *want)
{
    char got[FPL_NUMBER_MAX];
    size_t n = fpl_format_exponent(x, decimals, got, sizeof got);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
        print_error("exponent %d of %.17g: got \"%s\", want \"%s\"\n", decimals, x, got, want);
        fail();
    }
}

static void test_json_is_the_shortest_text_that_reads_back(void **state)
{
    (void)state;
    expect(0.0, FPL_NUMBER_JSON, "0");
    expect(-0.0, FPL_NUMBER_JSON, "-0");
    expect(0.1, FPL_NUMBER_JSON, "0.1");
    expect(1.0 / 3.0, FPL_NUMBER_JSON, "0.3333333333333333");
    expect(2.0 / 3.0, FPL_NUMBER_JSON, "0.6666666666666666");
    expect(0.1 + 0.2, FPL_NUMBER_JSON, "0.30000000000000004");
    expect(1304000.0, FPL_NUMBER_JSON, "1304000");
    expect(-2.5, FPL_NUMBER_JSON, "-2.5");
    expect(1e21, FPL_NUMBER_JSON, "1e+21");
    expect(999999999999999868928.0, FPL_NUMBER_JSON, "999999999999999900000");
    expect(1e-7, FPL_NUMBER_JSON, "0.0000001"); /* 9.99999999999999954748e-8 reads back */
    expect(nextafter(1e-7, 0.0), FPL_NUMBER_JSON, "9.999999999999998e-8");
    expect(1.5e-7, FPL_NUMBER_JSON, "0.00000015");
    expect(9.99e-8, FPL_NUMBER_JSON, "9.99e-8");
    expect(1e-6, FPL_NUMBER_JSON, "0.000001");
    expect(1.25e-6, FPL_NUMBER_JSON, "0.00000125");
    expect(9007199254740992.0, FPL_NUMBER_JSON, "9007199254740992");
    expect(9007199254740994.0, FPL_NUMBER_JSON, "9007199254740994");
    expect(5e-324, FPL_NUMBER_JSON, "5e-324");
    expect(-5e-324, FPL_NUMBER_JSON, "-5e-324");
    expect(DBL_MIN, FPL_NUMBER_JSON, "2.2250738585072014e-308");
    expect(DBL_MAX, FPL_NUMBER_JSON, "1.7976931348623157e+308");
    expect(-DBL_MAX, FPL_NUMBER_JSON, "-1.7976931348623157e+308");
    expect(1e23, FPL_NUMBER_JSON, "1e+23");
    expect(5e-7, FPL_NUMBER_JSON, "0.0000005");
    expect(5e-8, FPL_NUMBER_JSON, "5e-8");
    expect(123456789012345680000.0, FPL_NUMBER_JSON, "123456789012345680000");
    expect((double)NAN, FPL_NUMBER_JSON, "null");
    expect((double)INFINITY, FPL_NUMBER_JSON, "null");
    expect(-(double)INFINITY, FPL_NUMBER_JSON, "null");
}

static void test_fixed_rounds_the_exact_value_half_to_even(void **state)
{
    (void)state;
    expect_fixed(0.125, 2, false, "0.12");  /* exactly half: to the even digit */
    expect_fixed(0.375, 2, false, "0.38");
    expect_fixed(2.675, 2, false, "2.67");  /* 2.67499999999999982236431605997495353221893310546875 */
    expect_fixed(1.005, 2, false, "1.00");  /* 1.00499999999999989341858963598497211933135986328125 */
    expect_fixed(0.5, 0, false, "0");
    expect_fixed(1.5, 0, false, "2");
    expect_fixed(2.5, 0, false, "2");
    expect_fixed(-0.0, 2, false, "-0.00");
    expect_fixed(-0.001, 2, false, "-0.00");
    expect_fixed(1234567.891, 2, true, "1,234,567.89");
    expect_fixed(999.995, 2, true, "1,000.00"); /* 999.99500000000000454747... */
    expect_fixed(999.9949999999999, 2, true, "999.99");
    expect_fixed(5e-324, 40, false, "0.0000000000000000000000000000000000000000");
    expect_fixed(0.1, 40, false, "0.1000000000000000055511151231257827021182");
    expect_fixed(9007199254740993.0, 0, true, "9,007,199,254,740,992");
    expect_fixed(1e21, 0, false, "1000000000000000000000");
    expect_fixed(DBL_MAX, 0, false,
                 "17976931348623157081452742373170435679807056752584499659891747680315726078002853"
                 "87605895586327668781715404589535143824642343213268894641827684675467035375169860"
                 "49910576551282076245490090389328944075868508455133942304583236903222948165808559"
                 "332123348274797826204144723168738177180919299881250404026184124858368");
    expect_fixed((double)NAN, 2, false, "nan");
    expect_fixed(-(double)NAN, 2, false, "-nan");
    expect_fixed(-(double)INFINITY, 1, true, "-inf");
    expect_fixed(1.5, -3, false, "2");     /* clamped to 0 decimals */
    expect_exponent(0.0, 2, "0.00e+00");
    expect_exponent(-0.0, 0, "-0e+00");
    expect_exponent(1250.0, 3, "1.250e+03");
    expect_exponent(125.0, 1, "1.2e+02");  /* a tie: to the even digit */
    expect_exponent(135.0, 1, "1.4e+02");
    expect_exponent(9.5, 0, "1e+01");      /* the carry moves the exponent */
    expect_exponent(5e-324, 16, "4.9406564584124654e-324");
    expect_exponent(DBL_MAX, 3, "1.798e+308");
    expect_exponent(1e100, 0, "1e+100");
    expect_exponent((double)INFINITY, 2, "inf");
}

static void test_styles_of_the_faces(void **state)
{
    (void)state;
    expect(1304000.0, FPL_NUMBER_FIXED2, "1,304,000.00");
    expect(-0.001, FPL_NUMBER_FIXED2, "0.00"); /* -0.00 reads better as 0.00 */
    expect(-0.0, FPL_NUMBER_FIXED2, "0.00");
    expect(-0.005, FPL_NUMBER_FIXED2, "-0.01"); /* -0.005000000000000000104... */
    expect(999.9950000000001, FPL_NUMBER_FIXED2, "1,000.00");
    expect(-(double)NAN, FPL_NUMBER_FIXED2, "nan");
    expect(-(double)INFINITY, FPL_NUMBER_FIXED2, "-inf");
    expect(1000000.0, FPL_NUMBER_AMOUNT, "1,000,000");
    expect(5.0 / 3.0, FPL_NUMBER_AMOUNT, "1.67");
    expect(2.5, FPL_NUMBER_AMOUNT, "2.50");
    expect(326.7, FPL_NUMBER_TRIMMED, "326.7");
    expect(296.99999999999994, FPL_NUMBER_TRIMMED, "297");
    expect(9900.0, FPL_NUMBER_SIGNED, "+9,900");
    expect(-2500.0, FPL_NUMBER_SIGNED, "-2,500");
    expect(0.001, FPL_NUMBER_SIGNED, "0");
    expect(1234.0, FPL_NUMBER_WHOLE, "1,234");
    expect(-0.0, FPL_NUMBER_WHOLE, "0");
    expect(9007199254740992.0, FPL_NUMBER_WHOLE, "9,007,199,254,740,992");
    expect(18014398509481984.0, FPL_NUMBER_WHOLE, "18,014,398,509,481,984.00");
    expect(12.5, FPL_NUMBER_WHOLE, "12.50");
    expect(0.125, FPL_NUMBER_PERCENT, "12.5%");
    expect(1.0, FPL_NUMBER_PERCENT, "100%");
    expect(1e-7, FPL_NUMBER_PERCENT, "<0.0001%");
    expect(-0.0, FPL_NUMBER_PERCENT, "-0%");
    expect(0.546, FPL_NUMBER_CHANCE, "54.6%");
    expect(1e-9, FPL_NUMBER_CHANCE, "<0.1%");
    expect(0.99999, FPL_NUMBER_CHANCE, ">99.9%");
    expect(1.0, FPL_NUMBER_CHANCE, "100.0%");
    expect(0.1, FPL_NUMBER_RELATIVE, "+10%");
    expect(-0.025, FPL_NUMBER_RELATIVE, "-2.5%");
    expect(0.0, FPL_NUMBER_RELATIVE, "0%");
    expect(3.0, FPL_NUMBER_TENTHS, "3");
    expect(1.5, FPL_NUMBER_TENTHS, "1.5");
    expect(0.04, FPL_NUMBER_TENTHS, "<0.1");
    expect(12.25, FPL_NUMBER_COORDINATE, "12.2");
    expect(-0.04, FPL_NUMBER_COORDINATE, "0");
    expect(300.0, FPL_NUMBER_COORDINATE, "300");
}

static void test_counts_are_grouped_in_threes(void **state)
{
    (void)state;
    char out[FPL_NUMBER_MAX];
    assert_int_equal(fpl_format_count(0, out, sizeof out), 1);
    assert_string_equal(out, "0");
    assert_int_equal(fpl_format_count(999, out, sizeof out), 3);
    assert_string_equal(out, "999");
    fpl_format_count(1000, out, sizeof out);
    assert_string_equal(out, "1,000");
    assert_int_equal(fpl_format_count(UINT64_MAX, out, sizeof out), 26);
    assert_string_equal(out, "18,446,744,073,709,551,615");
}

static void test_buffers_are_cut_like_snprintf(void **state)
{
    (void)state;
    char out[8];
    memset(out, 'x', sizeof out);
    assert_int_equal(fpl_format_number(1234567.0, FPL_NUMBER_FIXED2, out, 5), 12);
    assert_string_equal(out, "1,23");
    assert_int_equal(out[5], 'x');
    assert_int_equal(fpl_format_number(1234567.0, FPL_NUMBER_FIXED2, NULL, 0), 12);
    out[0] = 'x';
    assert_int_equal(fpl_format_fixed(0.5, 1, false, out, 1), 3);
    assert_int_equal(out[0], '\0');
    assert_int_equal(fpl_format_count(1000, out, 3), 5);
    assert_string_equal(out, "1,");
    assert_int_equal(fpl_format_number(1.0, (fpl_number_style)99, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* FPL_NUMBER_MAX holds the longest text */
    char big[FPL_NUMBER_MAX];
    size_t n = fpl_format_fixed(-DBL_MAX, FPL_FORMAT_DECIMALS_MAX, true, big, sizeof big);
    assert_true(n < FPL_NUMBER_MAX);
    assert_int_equal(strlen(big), n);
}

static void test_excerpts_quote_a_short_prefix_cut_on_utf8(void **state)
{
    (void)state;
    char out[FPL_EXCERPT_TEXT_MAX];
    /* short texts whole, escaped as fpl_format_escaped() escapes */
    assert_int_equal(fpl_format_excerpt("lead=25", FPL_NUL_TERMINATED, out, sizeof out), 7);
    assert_string_equal(out, "lead=25");
    assert_int_equal(fpl_format_excerpt("a\nb", 3, out, sizeof out), 4);
    assert_string_equal(out, "a\\nb");
    assert_int_equal(fpl_format_excerpt("a\0b", 3, out, sizeof out), 6);
    assert_string_equal(out, "a\\x00b");
    assert_int_equal(fpl_format_excerpt(NULL, 0, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* exactly FPL_EXCERPT_MAX bytes: whole; one more: cut, with "..." */
    char text[200];
    memset(text, 'x', sizeof text);
    assert_int_equal(FPL_EXCERPT_MAX, 80); /* a whole stage name and its rate */
    assert_int_equal(fpl_format_excerpt(text, FPL_EXCERPT_MAX, out, sizeof out), 80);
    assert_int_equal(fpl_format_excerpt(text, FPL_EXCERPT_MAX + 1, out, sizeof out), 83);
    assert_memory_equal(out, text, 80);
    assert_string_equal(out + 80, "...");
    /* a 2-byte sequence across byte 80 is left out whole */
    memcpy(text + 79, "\xc3\xa9", 2);
    assert_int_equal(fpl_format_excerpt(text, 100, out, sizeof out), 82);
    assert_memory_equal(out, text, 79);
    assert_string_equal(out + 79, "...");
    /* four-byte escapes: 80 invalid bytes fill FPL_EXCERPT_TEXT_MAX */
    memset(text, 0xff, sizeof text);
    assert_int_equal(fpl_format_excerpt(text, sizeof text, out, sizeof out),
                     FPL_EXCERPT_TEXT_MAX - 1);
    assert_string_equal(out + 4 * 79, "\\xFF...");
}

static void test_formatting_ignores_the_host_locale(void **state)
{
    (void)state;
    for (size_t i = 0; i < FPL_TEST_LOCALE_COUNT; ++i) {
        fpl_test_set_locale(fpl_test_locales[i]);
        expect(1234567.891, FPL_NUMBER_FIXED2, "1,234,567.89");
        expect(0.1, FPL_NUMBER_JSON, "0.1");
        expect(0.125, FPL_NUMBER_PERCENT, "12.5%");
        expect_exponent(1250.0, 3, "1.250e+03");
    }
    setlocale(LC_ALL, "C");
}

/* ---- the bound: no display is hundreds of digits long ---------------------- */

static void check_style(double x, fpl_number_style style, const char *want)
{
    char out[FPL_NUMBER_MAX];
    assert_int_equal(fpl_format_number(x, style, out, sizeof out), strlen(want));
    assert_string_equal(out, want);
}

static void test_huge_figures_print_in_exponent_form(void **state)
{
    (void)state;
    check_style(1e300, FPL_NUMBER_AMOUNT, "1e+300");
    check_style(1e300, FPL_NUMBER_FIXED2, "1e+300");
    check_style(1e300, FPL_NUMBER_WHOLE, "1e+300");
    check_style(1.2e301, FPL_NUMBER_TRIMMED, "1.2e+301");
    check_style(1e21, FPL_NUMBER_AMOUNT, "1e+21");
    check_style(-1e21, FPL_NUMBER_FIXED2, "-1e+21");
    check_style(2.5e22, FPL_NUMBER_SIGNED, "+2.5e+22");
    check_style(-2.5e22, FPL_NUMBER_SIGNED, "-2.5e+22");
    check_style(1e19, FPL_NUMBER_PERCENT, "1e+21%");
    check_style(1e20, FPL_NUMBER_RELATIVE, "+1e+22%");
    check_style(-3e25, FPL_NUMBER_TENTHS, "-3e+25");
    check_style(DBL_MAX, FPL_NUMBER_AMOUNT, "1.7976931348623157e+308");
    /* the largest double below 1e21 still in full: 22 digits at most */
    check_style(999999999999999868928.0, FPL_NUMBER_AMOUNT, "999,999,999,999,999,868,928");
    check_style(999999999999999868928.0, FPL_NUMBER_FIXED2, "999,999,999,999,999,868,928.00");
    /* the infinities and NaN as before; tiny values as zero */
    check_style(HUGE_VAL, FPL_NUMBER_AMOUNT, "inf");
    check_style(-HUGE_VAL, FPL_NUMBER_FIXED2, "-inf");
    check_style(1e-300, FPL_NUMBER_AMOUNT, "0");
    /* no display style is longer than 32 bytes, whatever the double */
    const double xs[] = {DBL_MAX, -DBL_MAX, 1e21, 1e300, -1e300, 123456789012345678901234.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
        for (int st = FPL_NUMBER_FIXED2; st < FPL_NUMBER_STYLE_COUNT; ++st) {
            assert_true(fpl_format_number(xs[i], (fpl_number_style)st, NULL, 0) <= 32);
        }
    }
}

/* ---- differential: every style against the reference --------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double uniform01(void)
{
    return (double)(next_u64() >> 11) * 0x1p-53;
}

static double from_bits(uint64_t bits)
{
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* A value a funnel plan could show: amounts, counts, rates, cents, ties. */
static double realistic(void)
{
    static const double scales[] = {1e-9, 1e-6, 1e-3, 0.01, 0.1, 1,    10,   100,
                                    1e3,  1e4,  1e5,  1e6,  1e7, 1e9, 1e12, 1e15,
                                    1e18, 1e21, 1e25};
    uint64_t pick = next_u64();
    double sign = (pick & 1u) != 0 ? -1.0 : 1.0;
    double scale = scales[(pick >> 1) % (sizeof scales / sizeof scales[0])];
    switch ((pick >> 8) % 8) {
    case 0: /* uniform over a scale */
        return sign * uniform01() * scale;
    case 1: /* a probability */
        return uniform01();
    case 2: /* whole cents, and the halfway points between them */
        return sign * (double)(next_u64() % 100000000u) / ((pick >> 16) & 1u ? 100.0 : 200.0);
    case 3: /* a ratio of small whole numbers, as a plan's rates give */
        return sign * (double)(next_u64() % 10000u) / (double)(1u + next_u64() % 997u);
    case 4: /* whole counts, some beyond 2^53 */
        return (double)(next_u64() >> (11 + (pick >> 16) % 50));
    case 5: /* near a rounding edge of one, two or four decimals */
    {
        static const double units[] = {0.1, 0.01, 0.0001, 0.000001};
        double unit = units[(pick >> 16) % 4];
        double k = (double)(next_u64() % 2000000u);
        double x = (k + 0.5) * unit;
        int steps = (int)((pick >> 20) % 5) - 2;
        for (; steps > 0; --steps) {
            x = nextafter(x, INFINITY);
        }
        for (; steps < 0; ++steps) {
            x = nextafter(x, 0.0);
        }
        return sign * x;
    }
    case 6: /* a probability near 0 or 1 */
    {
        double tiny = uniform01() * 1e-3 * scale;
        return (pick >> 16) & 1u ? tiny : 1.0 - tiny;
    }
    default: /* a power of two or ten, or next to one */
    {
        double x = (pick >> 16) & 1u ? ldexp(1.0, (int)(next_u64() % 160u) - 70)
                                     : pow(10.0, (double)((int)(next_u64() % 46u) - 20));
        return sign * ((pick >> 17) & 1u ? nextafter(x, INFINITY) : x);
    }
    }
}

static size_t mismatches;

static void compare(const char *what, double x, int arg, const char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        if (mismatches++ < 20) {
            uint64_t bits;
            memcpy(&bits, &x, sizeof bits);
            print_error("%s(%d) of %.17g (0x%016llx): got \"%s\", want \"%s\"\n", what, arg, x,
                        (unsigned long long)bits, got, want);
        }
    }
}

static void check_value(double x, uint64_t pick)
{
    char got[FPL_NUMBER_MAX];
    char want[REF_MAX];
    for (int s = 0; s < FPL_NUMBER_STYLE_COUNT; ++s) {
        fpl_format_number(x, (fpl_number_style)s, got, sizeof got);
        refs[s](want, x);
        compare("style", x, s, got, want);
    }
    if ((pick >> 32) % 16 == 0) { /* the shortcut of ref_json against the CLI's loop */
        char literal[REF_MAX];
        ref_json_literal(literal, x);
        refs[FPL_NUMBER_JSON](want, x);
        compare("json shortcut", x, 0, want, literal);
    }
    int decimals = (int)(pick % (FPL_FORMAT_DECIMALS_MAX + 1));
    bool group = ((pick >> 8) & 1u) != 0;
    fpl_format_fixed(x, decimals, group, got, sizeof got);
    ref_fixed(want, x, decimals, group);
    compare("fixed", x, decimals, got, want);
    int sig = (int)((pick >> 16) % 18); /* the JSON precisions, and more */
    if ((pick >> 24) % 8 == 0) {
        sig = (int)((pick >> 16) % (FPL_FORMAT_DECIMALS_MAX + 1));
    }
    fpl_format_exponent(x, sig, got, sizeof got);
    snprintf(want, sizeof want, "%.*e", sig, x);
    compare("exponent", x, sig, got, want);
    if (x >= 0.0 && x < 18446744073709551616.0) {
        fpl_format_count((uint64_t)x, got, sizeof got);
        ref_count(want, (uint64_t)x);
        compare("count", x, 0, got, want);
    }
}

/* Random doubles compared: $FPL_FORMAT_CASES, else `--cases N`, else 2 million. */
static long cases = 2000000;

static long cases_from_env(void)
{
    const char *s = getenv("FPL_FORMAT_CASES");
    long n = s != NULL ? strtol(s, NULL, 10) : 0;
    return n > 0 ? n : cases;
}

static void test_every_style_matches_snprintf_over_random_doubles(void **state)
{
    (void)state;
    const long n_cases = cases_from_env();
    mismatches = 0;
    long n_bits = 0;
    clock_t t0 = clock();
    for (long i = 0; i < n_cases; ++i) {
        uint64_t pick = next_u64();
        /* one in four a random bit pattern (half of them above 1e21, with
         * up to 309 digits: the slow part of glibc), the rest realistic */
        bool bits = (i & 3) == 0;
        double x = bits ? from_bits(next_u64()) : realistic();
        n_bits += bits;
        check_value(x, pick);
    }
    /* the edges, in every style */
    const double edges[] = {0.0,       -0.0,     DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX,
                            5e-324,    -5e-324,  DBL_EPSILON, 1e21, 1e-7, nextafter(1e21, 0.0),
                            nextafter(1e-7, 0.0), 9007199254740992.0, 0.5, 0.999995, 0.9995,
                            (double)INFINITY, -(double)INFINITY, (double)NAN, -(double)NAN,
                            ldexp(1.0, 1023), nextafter(DBL_MIN, 0.0)};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; ++i) {
        for (uint64_t pick = 0; pick < 64; ++pick) {
            check_value(edges[i], next_u64());
        }
    }
    double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("%ld random doubles (%ld random bit patterns), each in %d styles, %%.*f, "
                  "%%.*e and as a count: %zu mismatches (%.1f s with the reference)\n",
                  n_cases, n_bits, FPL_NUMBER_STYLE_COUNT, mismatches, seconds);
    assert_int_equal(mismatches, 0);
}

/* How long the library takes alone, for the record (not a pass/fail). */
static void test_benchmark(void **state)
{
    (void)state;
    char out[FPL_NUMBER_MAX];
    size_t total = 0;
    const long n = 200000;
    clock_t t0 = clock();
    for (long i = 0; i < n; ++i) {
        double x = realistic();
        total += fpl_format_number(x, FPL_NUMBER_JSON, out, sizeof out);
        total += fpl_format_number(x, FPL_NUMBER_AMOUNT, out, sizeof out);
    }
    double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("benchmark: %.0f ns per realistic number (JSON and amount; %zu bytes)\n",
                  seconds * 1e9 / (double)n, total);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--cases") == 0 && strtol(argv[2], NULL, 10) > 0) {
        cases = strtol(argv[2], NULL, 10);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_is_the_shortest_text_that_reads_back),
        cmocka_unit_test(test_fixed_rounds_the_exact_value_half_to_even),
        cmocka_unit_test(test_styles_of_the_faces),
        cmocka_unit_test(test_counts_are_grouped_in_threes),
        cmocka_unit_test(test_huge_figures_print_in_exponent_form),
        cmocka_unit_test(test_buffers_are_cut_like_snprintf),
        cmocka_unit_test(test_excerpts_quote_a_short_prefix_cut_on_utf8),
        cmocka_unit_test(test_formatting_ignores_the_host_locale),
        cmocka_unit_test(test_every_style_matches_snprintf_over_random_doubles),
        cmocka_unit_test(test_benchmark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

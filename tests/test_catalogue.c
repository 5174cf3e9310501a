/*
 * funnelplan — the bad-input catalogue: hostile strings for every string
 * input and special doubles for every numeric input of every entry point,
 * each with its documented status; out-parameters untouched on error.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

typedef struct hostile {
    const char *text;
    size_t len;          /* 0: strlen */
    int amount;          /* status of fpl_parse_amount */
    int rate;            /* status of fpl_parse_rate */
    int name;            /* status of fpl_stage_name_check */
    double value;        /* when a parser succeeds */
} hostile;

enum { OK = FPL_OK, SYN = FPL_ERR_PARSE_SYNTAX, GRP = FPL_ERR_PARSE_GROUPING,
       NEG = FPL_ERR_PARSE_NEGATIVE, OVF = FPL_ERR_PARSE_OVERFLOW, DIV = FPL_ERR_PARSE_DIVZERO,
       EMP = FPL_ERR_PARSE_EMPTY, UND = FPL_ERR_PARSE_UNDERFLOW };

static char ten_thousand_digits[10000];

static hostile catalogue[] = {
    {"", 0, EMP, EMP, FPL_ERR_STAGE_NAME_EMPTY, 0},
    {"%", 0, SYN, SYN, OK, 0},
    {"1/0", 0, SYN, DIV, OK, 0},
    {"0/0", 0, SYN, DIV, OK, 0},
    {"1e400", 0, OVF, OVF, OK, 0},
    {"1e309", 0, OVF, OVF, OK, 0},
    {"99999999999999999999999e99999", 0, OVF, OVF, OK, 0},
    {"0x10", 0, SYN, SYN, OK, 0},
    {"0b101", 0, SYN, SYN, OK, 0},
    {"1,5", 0, GRP, SYN, OK, 0},
    {"1,,000", 0, GRP, SYN, OK, 0},
    {"1.000,5", 0, GRP, SYN, OK, 0},
    {"1_000_", 0, GRP, SYN, OK, 0},
    {"\xd9\xa1\xd9\xa2", 0, SYN, SYN, OK, 0},        /* Arabic-Indic digits */
    {"\xef\xbc\x91", 0, SYN, SYN, OK, 0},            /* fullwidth one */
    {"\xc2\xbd", 0, SYN, SYN, OK, 0},                /* ½ */
    {"1\xc2\xa0" "000", 0, SYN, SYN, OK, 0},         /* no-break space */
    {"1\xe2\x80\x89" "000", 0, SYN, SYN, OK, 0},     /* thin space */
    {"1\xd9\xab" "5", 0, SYN, SYN, OK, 0},           /* Arabic decimal separator */
    {"1\xe2\x80\xae", 0, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0}, /* right-to-left override */
    {"1\0" "5", 3, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0},
    {"\0", 1, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0},
    {"\xff\xfe", 0, SYN, SYN, FPL_ERR_STAGE_NAME_UTF8, 0},
    {"\xc0\xaf", 0, SYN, SYN, FPL_ERR_STAGE_NAME_UTF8, 0},
    {"1\xe2\x82", 0, SYN, SYN, FPL_ERR_STAGE_NAME_UTF8, 0},
    {"-", 0, SYN, SYN, OK, 0},
    {"--1", 0, SYN, SYN, OK, 0},
    {"+1", 0, SYN, SYN, OK, 0},
    {"-0.0", 0, NEG, NEG, OK, 0},
    {"-1e400", 0, NEG, NEG, OK, 0},
    {" ", 0, SYN, SYN, OK, 0},
    {"\t1", 0, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0},
    {"1\n", 0, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0},
    {"1\r", 0, SYN, SYN, FPL_ERR_STAGE_NAME_CONTROL, 0},
    {"NaN", 0, SYN, SYN, OK, 0},
    {"-nan", 0, SYN, SYN, OK, 0},
    {"Infinity", 0, SYN, SYN, OK, 0},
    {"-inf", 0, SYN, SYN, OK, 0},
    {"e", 0, SYN, SYN, OK, 0},
    {"1e", 0, SYN, SYN, OK, 0},
    {"1e-", 0, SYN, SYN, OK, 0},
    {"1e+-5", 0, SYN, SYN, OK, 0},
    {"1e5e5", 0, SYN, SYN, OK, 0},
    {".", 0, SYN, SYN, OK, 0},
    {"..", 0, SYN, SYN, OK, 0},
    {"1..2", 0, SYN, SYN, OK, 0},
    {"1.2.3", 0, SYN, SYN, OK, 0},
    {"k", 0, SYN, SYN, OK, 0},
    {"1kk", 0, SYN, SYN, OK, 0},
    {"1M%", 0, SYN, SYN, OK, 0},
    {"1 000", 0, SYN, SYN, OK, 0},
    {"1'000", 0, SYN, SYN, OK, 0},
    {"_", 0, SYN, SYN, OK, 0},
    {",,,", 0, SYN, SYN, OK, 0},
    {"%%", 0, SYN, SYN, OK, 0},
    {"50%%", 0, SYN, SYN, OK, 0},
    {"12%3", 0, SYN, SYN, OK, 0},
    {"/", 0, SYN, SYN, OK, 0},
    {"1//2", 0, SYN, SYN, OK, 0},
    {"1/2/3", 0, SYN, SYN, OK, 0},
    {"1/3 ", 0, SYN, SYN, OK, 0},
    {"1%/2", 0, SYN, SYN, OK, 0},
    {"1/1e3", 0, SYN, SYN, OK, 0},
    {"\xd9\xa1/\xd9\xa3", 0, SYN, SYN, OK, 0},
    {"=1", 0, SYN, SYN, OK, 0},
    {"won", 0, SYN, SYN, FPL_ERR_STAGE_NAME_RESERVED, 0},
    {"1e-99999999999", 0, UND, UND, OK, 0},
    {"0e-99999999999", 0, OK, OK, OK, 0.0},
    {"0/5", 0, SYN, OK, OK, 0.0},
    {"1e-5%", 0, SYN, OK, OK, 1e-7},
    {"2.5e-324", 0, OK, OK, OK, DBL_TRUE_MIN},
    {"9007199254740993", 0, OK, OK, OK, 9007199254740992.0},
    {ten_thousand_digits, sizeof ten_thousand_digits, OVF, OVF, FPL_ERR_STAGE_NAME_LONG, 0},
};

static void test_hostile_strings_get_their_documented_status(void **state)
{
    (void)state;
    memset(ten_thousand_digits, '9', sizeof ten_thousand_digits);
    size_t n = sizeof catalogue / sizeof catalogue[0];
    assert_true(n >= 60);
    for (size_t i = 0; i < n; ++i) {
        const hostile *h = &catalogue[i];
        size_t len = h->len != 0 ? h->len : strlen(h->text);
        double a = 42.0;
        double r = 42.0;
        fpl_period p = FPL_PERIOD_QUARTER;
        fpl_status sa = fpl_parse_amount(h->text, len, &a, NULL);
        fpl_status sr = fpl_parse_rate(h->text, len, &r, NULL);
        fpl_status sn = fpl_stage_name_check(h->text, len, NULL);
        fpl_status sp = fpl_period_parse(h->text, len, &p, NULL);
        if (sa != (fpl_status)h->amount || sr != (fpl_status)h->rate ||
            sn != (fpl_status)h->name) {
            print_error("catalogue %zu: amount %s rate %s name %s\n", i, fpl_status_name(sa),
                        fpl_status_name(sr), fpl_status_name(sn));
            fail();
        }
        assert_int_equal(sp, len == 0 ? FPL_ERR_PARSE_EMPTY : FPL_ERR_PERIOD);
        assert_int_equal(p, FPL_PERIOD_QUARTER);
        assert_same_double(a, sa == FPL_OK ? h->value : 42.0);
        assert_same_double(r, sr == FPL_OK ? h->value : 42.0);
        /* A funnel refuses the same names, and finds nothing by them. */
        fpl_funnel f = {0};
        fpl_test_add(&f, "lead", 0.5);
        fpl_funnel before = f;
        fpl_status sf = fpl_funnel_add_stage(&f, h->text, len, 0.5, NULL);
        if (sn != FPL_OK) {
            assert_int_equal(sf, sn);
            assert_memory_equal(&f, &before, sizeof f);
        }
        size_t at = 99;
        assert_int_equal(fpl_funnel_find(&before, h->text, len, &at, NULL), FPL_ERR_STAGE_UNKNOWN);
        assert_int_equal(at, 99);
    }
}

/* The special doubles of the catalogue, in a fixed order. */
enum { V_NAN, V_MNAN, V_INF, V_MINF, V_ZERO, V_MZERO, V_TINY, V_MAX, V_MONE, V_BELOW1,
       V_ABOVE1, V_2P53, V_2P60, V_COUNT };

static double special(int which)
{
    switch (which) {
    case V_NAN: return NAN;
    case V_MNAN: return -NAN;
    case V_INF: return INFINITY;
    case V_MINF: return -INFINITY;
    case V_ZERO: return 0.0;
    case V_MZERO: return -0.0;
    case V_TINY: return DBL_TRUE_MIN;
    case V_MAX: return DBL_MAX;
    case V_MONE: return -1.0;
    case V_BELOW1: return nextafter(1.0, 0.0);
    case V_ABOVE1: return nextafter(1.0, 2.0);
    case V_2P53: return 9007199254740992.0;
    default: return 1152921504606846976.0; /* 2^60 */
    }
}

typedef enum field { F_RATE, F_REVENUE, F_DEALS, F_DEAL_SIZE, F_COST, F_MARGIN, F_VOLUME } field;

/* Base question: one stage at 50%, 10 deals a month (deal size 1 when the
 * revenue is varied, revenue 10 when the deal size is), volume 40. */
static fpl_status run(field which, double v, bool forecast)
{
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.5);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_forecast_input in = {40, 0};
    switch (which) {
    case F_RATE: f.stages[0].rate = v; break;
    case F_REVENUE:
        t.target = FPL_TARGET_REVENUE;
        t.revenue = v;
        t.has_deal_size = true;
        t.deal_size = 1;
        break;
    case F_DEALS: t.deals = v; break;
    case F_DEAL_SIZE:
        t.target = FPL_TARGET_REVENUE;
        t.revenue = 10;
        t.has_deal_size = true;
        t.deal_size = v;
        break;
    case F_COST: t.has_cost_per_lead = true; t.cost_per_lead = v; break;
    case F_MARGIN: t.has_margin = true; t.margin = v; break;
    case F_VOLUME: in.volume = v; break;
    }
    if (forecast) {
        fpl_forecast sentinel;
        memset(&sentinel, 0x3C, sizeof sentinel);
        fpl_forecast out = sentinel;
        fpl_status st = fpl_forecast_compute(&f, &t, &in, &out, NULL);
        if (st != FPL_OK) {
            assert_memory_equal(&out, &sentinel, sizeof out);
        }
        return st;
    }
    fpl_plan sentinel;
    memset(&sentinel, 0xC3, sizeof sentinel);
    fpl_plan out = sentinel;
    fpl_status st = fpl_plan_compute(&f, &t, &out, NULL);
    if (st != FPL_OK) {
        assert_memory_equal(&out, &sentinel, sizeof out);
    } else {
        assert_true((double)out.stages[0].required_whole >= 1.0);
    }
    return st;
}

enum { R = FPL_ERR_RATE_RANGE, RV = FPL_ERR_REVENUE, D = FPL_ERR_DEALS, DS = FPL_ERR_DEAL_SIZE,
       C = FPL_ERR_COST, M = FPL_ERR_MARGIN, V = FPL_ERR_VOLUME, BIG = FPL_ERR_TOO_LARGE,
       OUT = FPL_ERR_OVERFLOW, NA = -1 };

/* Expected plan / forecast status per field and special value. NA: the
 * field is not an input of that entry point. */
static const int expect_plan[7][V_COUNT] = {
    /*            nan -nan inf -inf  0   -0 tiny max  -1 1-u 1+u 2^53 2^60 */
    [F_RATE] =    {R,  R,   R,  R,   R,  R,  OUT, R,   R,  OK, R,  R,   R},
    [F_REVENUE] = {RV, RV,  RV, RV,  RV, RV, OK,  OUT, RV, OK, OK, BIG, BIG},
    [F_DEALS] =   {D,  D,   D,  D,   D,  D,  OK,  OUT, D,  OK, OK, BIG, BIG},
    [F_DEAL_SIZE] = {DS, DS, DS, DS, DS, DS, OUT, OK,  DS, OK, OK, OK,  OK},
    [F_COST] =    {C,  C,   C,  C,   OK, OK, OK,  OUT, C,  OK, OK, OK,  OK},
    [F_MARGIN] =  {M,  M,   M,  M,   M,  M,  OK,  M,   M,  OK, M,  M,   M},
    [F_VOLUME] =  {NA, NA,  NA, NA,  NA, NA, NA,  NA,  NA, NA, NA, NA,  NA},
};
static const int expect_forecast[7][V_COUNT] = {
    /*            nan -nan inf -inf  0   -0 tiny max  -1 1-u 1+u 2^53 2^60 */
    [F_RATE] =    {R,  R,   R,  R,   R,  R,  OK,  R,   R,  OK, R,  R,   R},
    [F_REVENUE] = {RV, RV,  RV, RV,  RV, RV, OUT, OK,  RV, OK, OK, OK,  OK},
    [F_DEALS] =   {D,  D,   D,  D,   D,  D,  OUT, OK,  D,  OK, OK, OK,  OK},
    [F_DEAL_SIZE] = {DS, DS, DS, DS, DS, DS, OUT, OUT, DS, OK, OK, OK,  OK},
    [F_COST] =    {C,  C,   C,  C,   OK, OK, OK,  OUT, C,  OK, OK, OK,  OK},
    [F_MARGIN] =  {M,  M,   M,  M,   M,  M,  OK,  M,   M,  OK, M,  M,   M},
    [F_VOLUME] =  {V,  V,   V,  V,   V,  V,  OUT, OUT, V,  OK, OK, OK,  OK},
};

static void test_special_doubles_get_their_documented_status(void **state)
{
    (void)state;
    int failures = 0;
    for (int fld = F_RATE; fld <= F_VOLUME; ++fld) {
        for (int v = 0; v < V_COUNT; ++v) {
            const int want[2] = {expect_plan[fld][v], expect_forecast[fld][v]};
            for (int fc = 0; fc < 2; ++fc) {
                if (want[fc] == NA) {
                    continue;
                }
                fpl_status got = run((field)fld, special(v), fc == 1);
                if (got != (fpl_status)want[fc]) {
                    print_error("%s field %d value %d: %s, want %s\n",
                                fc ? "forecast" : "plan", fld, v, fpl_status_name(got),
                                fpl_status_name((fpl_status)want[fc]));
                    failures++;
                }
            }
        }
    }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_strings_get_their_documented_status),
        cmocka_unit_test(test_special_doubles_get_their_documented_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

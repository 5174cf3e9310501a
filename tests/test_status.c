/*
 * funnelplan — status messages, periods, tolerant rounding and the version.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <float.h>

static void test_every_status_has_its_own_message_and_name(void **state)
{
    (void)state;
    for (int i = 0; i < FPL_STATUS_COUNT; ++i) {
        const char *msg = fpl_strerror((fpl_status)i);
        const char *name = fpl_status_name((fpl_status)i);
        assert_non_null(msg);
        assert_string_not_equal(msg, "unknown status");
        assert_string_not_equal(name, "FPL_ERR_UNKNOWN");
        assert_int_equal(strncmp(name, "FPL_", 4), 0);
        assert_null(strchr(msg, '\n'));
        for (int j = 0; j < i; ++j) {
            assert_string_not_equal(msg, fpl_strerror((fpl_status)j));
            assert_string_not_equal(name, fpl_status_name((fpl_status)j));
        }
    }
    assert_string_equal(fpl_strerror((fpl_status)FPL_STATUS_COUNT), "unknown status");
    assert_string_equal(fpl_strerror((fpl_status)-1), "unknown status");
    assert_string_equal(fpl_status_name((fpl_status)999), "FPL_ERR_UNKNOWN");
    assert_string_equal(fpl_strerror(FPL_ERR_RATE_RANGE), "rate must be above 0% and at most 100%");
}

static void test_only_questions_without_answer_are_not_input_errors(void **state)
{
    (void)state;
    assert_false(fpl_status_is_input_error(FPL_OK));
    assert_false(fpl_status_is_input_error(FPL_ERR_TOO_LARGE));
    assert_false(fpl_status_is_input_error(FPL_ERR_OVERFLOW));
    assert_false(fpl_status_is_input_error(FPL_ERR_CHANGE_RANGE));
    assert_false(fpl_status_is_input_error(FPL_ERR_UNREACHABLE));
    assert_false(fpl_status_is_input_error(FPL_ERR_CHANNEL_SHORT));
    for (int i = 1; i < FPL_STATUS_COUNT; ++i) {
        fpl_status s = (fpl_status)i;
        if (s != FPL_ERR_TOO_LARGE && s != FPL_ERR_OVERFLOW && s != FPL_ERR_CHANGE_RANGE &&
            s != FPL_ERR_UNREACHABLE && s != FPL_ERR_CHANNEL_SHORT) {
            assert_true(fpl_status_is_input_error(s));
        }
    }
}

static void test_periods_have_months_names_and_parse_back(void **state)
{
    (void)state;
    assert_int_equal(fpl_period_months(FPL_PERIOD_MONTH), 1);
    assert_int_equal(fpl_period_months(FPL_PERIOD_QUARTER), 3);
    assert_int_equal(fpl_period_months(FPL_PERIOD_YEAR), 12);
    assert_int_equal(fpl_period_months((fpl_period)3), 0);
    assert_null(fpl_period_name((fpl_period)-1));
    for (int i = 0; i < FPL_PERIOD_COUNT; ++i) {
        const char *name = fpl_period_name((fpl_period)i);
        fpl_period p = (fpl_period)99;
        assert_int_equal(fpl_period_parse(name, strlen(name), &p, NULL), FPL_OK);
        assert_int_equal(p, i);
    }
    fpl_period p = FPL_PERIOD_YEAR;
    assert_int_equal(fpl_period_parse("Month", 5, &p, NULL), FPL_ERR_PERIOD);
    assert_int_equal(fpl_period_parse("mont", 4, &p, NULL), FPL_ERR_PERIOD);
    assert_int_equal(fpl_period_parse("months", 6, &p, NULL), FPL_ERR_PERIOD);
    assert_int_equal(fpl_period_parse("month\0", 6, &p, NULL), FPL_ERR_PERIOD);
    assert_int_equal(fpl_period_parse("", 0, &p, NULL), FPL_ERR_PARSE_EMPTY);
    assert_int_equal(fpl_period_parse(NULL, 3, &p, NULL), FPL_ERR_NULL);
    assert_int_equal(fpl_period_parse("year", 4, NULL, NULL), FPL_ERR_NULL);
    assert_int_equal(p, FPL_PERIOD_YEAR); /* untouched by every failure */
    /* what people also write: a hint, never accepted */
    static const char *const typed[][2] = {
        {"monthly", "did you mean month?"},  {"Month", "did you mean month?"},
        {"months", "did you mean month?"},   {"quarterly", "did you mean quarter?"},
        {"Q", "did you mean quarter?"},      {"yearly", "did you mean year?"},
        {"annual", "did you mean year?"},    {"YEAR", "did you mean year?"},
        {"fortnight", ""},                   {"monthlyy", ""},
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; ++i) {
        fpl_error e;
        char hint[FPL_HINT_MAX];
        const size_t n = strlen(typed[i][0]);
        assert_int_equal(fpl_period_parse(typed[i][0], n, &p, &e), FPL_ERR_PERIOD);
        (void)fpl_error_hint(&e, typed[i][0], n, hint, sizeof hint);
        assert_string_equal(hint, typed[i][1]);
    }
    assert_int_equal(p, FPL_PERIOD_YEAR);
}

static void test_rate_messages_say_above_zero(void **state)
{
    (void)state;
    /* 0% and 150% are refused alike: the message says both bounds */
    assert_string_equal(fpl_strerror(FPL_ERR_RATE_RANGE), "rate must be above 0% and at most 100%");
    assert_string_equal(fpl_strerror(FPL_ERR_MARGIN), "margin must be above 0% and at most 100%");
    fpl_error e = {FPL_ERR_MARGIN, FPL_FIELD_MARGIN, FPL_NO_INDEX, 0, 0, 0};
    char hint[FPL_HINT_MAX];
    assert_int_equal(fpl_error_hint(&e, "25", 2, hint, sizeof hint), 17);
    assert_string_equal(hint, "did you mean 25%?");
    assert_int_equal(fpl_error_hint(&e, "0%", 2, hint, sizeof hint), 0);
    assert_string_equal(hint, "");
    fpl_error c = {FPL_ERR_CHANNEL_QUALITY, FPL_FIELD_CHANNEL_RATE, 0, 5, 9, 0};
    const char *spec = "ads: rate = 40, leads=5";
    assert_int_equal(fpl_error_hint(&c, spec, strlen(spec), hint, sizeof hint), 17);
    assert_string_equal(hint, "did you mean 40%?");
    assert_string_equal(fpl_error_message(&c), "rate must be above 0% and at most 100%");
    fpl_error w = {FPL_ERR_CHANGE_RANGE, FPL_FIELD_CHANGE, 0, 0, 0, 0};
    assert_int_equal(fpl_error_hint(&w, "lead=25", 7, hint, sizeof hint), 17);
    assert_string_equal(hint, "did you mean 25%?");
    assert_string_equal(fpl_strerror(FPL_ERR_PARSE_COUNT_MAX),
                        "count must be at most 2^53 (9007199254740992), above which not every "
                        "whole number is exact");
    assert_string_equal(fpl_status_name(FPL_ERR_PARSE_COUNT_MAX), "FPL_ERR_PARSE_COUNT_MAX");
    assert_true(fpl_status_is_input_error(FPL_ERR_PARSE_COUNT_MAX));
}

static void test_ceil_tolerant_absorbs_float_noise_but_not_fractions(void **state)
{
    (void)state;
    assert_same_double(fpl_ceil_tolerant(145.0 / 0.29), 500.0);
    assert_same_double(fpl_ceil_tolerant(69.0 / 0.69), 100.0);
    assert_same_double(fpl_ceil_tolerant(25.0 / (1.0 / 3.0)), 75.0);
    assert_same_double(fpl_ceil_tolerant(1.0 + 16.0 * DBL_EPSILON), 1.0);
    assert_same_double(fpl_ceil_tolerant(1.0 + 32.0 * DBL_EPSILON), 2.0);
    assert_same_double(fpl_ceil_tolerant(1e6 + 1e-6), 1000001.0);
    assert_same_double(fpl_ceil_tolerant(148.148148148148), 149.0);
    assert_same_double(fpl_ceil_tolerant(0.0), 0.0);
    assert_same_double(fpl_ceil_tolerant(DBL_TRUE_MIN), 1.0);
    assert_same_double(fpl_ceil_tolerant(-1.5), -1.0);
    assert_same_double(fpl_ceil_tolerant(DBL_MAX), DBL_MAX);
    assert_true(isnan(fpl_ceil_tolerant(NAN)));
    assert_true(isinf(fpl_ceil_tolerant(INFINITY)));
}

static void test_version_is_one_source_of_truth(void **state)
{
    (void)state;
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", FPL_VERSION_MAJOR, FPL_VERSION_MINOR,
             FPL_VERSION_PATCH);
    assert_string_equal(fpl_version_string(), FPL_VERSION_STRING);
    assert_string_equal(fpl_version_string(), expect);
    assert_int_equal(fpl_version_number(), FPL_VERSION_NUMBER);
    assert_int_equal(fpl_version_number(),
                     FPL_VERSION_MAJOR * 10000 + FPL_VERSION_MINOR * 100 + FPL_VERSION_PATCH);
}

static void test_abi_sizes_are_the_structs_sizes(void **state)
{
    (void)state;
    assert_int_equal(fpl_abi_size(FPL_ABI_STAGE), sizeof(fpl_stage));
    assert_int_equal(fpl_abi_size(FPL_ABI_FUNNEL), sizeof(fpl_funnel));
    assert_int_equal(fpl_abi_size(FPL_ABI_TERMS), sizeof(fpl_terms));
    assert_int_equal(fpl_abi_size(FPL_ABI_PLAN_STAGE), sizeof(fpl_plan_stage));
    assert_int_equal(fpl_abi_size(FPL_ABI_PLAN_PERIOD), sizeof(fpl_plan_period));
    assert_int_equal(fpl_abi_size(FPL_ABI_PLAN), sizeof(fpl_plan));
    assert_int_equal(fpl_abi_size(FPL_ABI_FORECAST_INPUT), sizeof(fpl_forecast_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_FORECAST_PERIOD), sizeof(fpl_forecast_period));
    assert_int_equal(fpl_abi_size(FPL_ABI_FORECAST), sizeof(fpl_forecast));
    assert_int_equal(fpl_abi_size(FPL_ABI_CHANGE), sizeof(fpl_change));
    assert_int_equal(fpl_abi_size(FPL_ABI_WHATIF_INPUT), sizeof(fpl_whatif_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_WHATIF), sizeof(fpl_whatif));
    assert_int_equal(fpl_abi_size(FPL_ABI_SENSITIVITY_INPUT), sizeof(fpl_sensitivity_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_SENSITIVITY_ROW), sizeof(fpl_sensitivity_row));
    assert_int_equal(fpl_abi_size(FPL_ABI_SENSITIVITY), sizeof(fpl_sensitivity));
    assert_int_equal(fpl_abi_size(FPL_ABI_SOLVE_INPUT), sizeof(fpl_solve_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_SOLVE), sizeof(fpl_solve));
    assert_int_equal(fpl_abi_size(FPL_ABI_PLAN_BATCH), sizeof(fpl_plan_batch));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_INPUT), sizeof(fpl_odds_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_LEVEL), sizeof(fpl_odds_level));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS), sizeof(fpl_odds));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_PLAN), sizeof(fpl_odds_plan));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_SIM_INPUT), sizeof(fpl_odds_sim_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_ESTIMATE), sizeof(fpl_odds_estimate));
    assert_int_equal(fpl_abi_size(FPL_ABI_ODDS_SIM), sizeof(fpl_odds_sim));
    assert_int_equal(fpl_abi_size(FPL_ABI_CHANNEL), sizeof(fpl_channel));
    assert_int_equal(fpl_abi_size(FPL_ABI_CHANNELS_INPUT), sizeof(fpl_channels_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_CHANNEL_FIGURES), sizeof(fpl_channel_figures));
    assert_int_equal(fpl_abi_size(FPL_ABI_CHANNELS), sizeof(fpl_channels));
    assert_int_equal(fpl_abi_size(FPL_ABI_RESERVED_29), 0); /* retired fpl_channels_fault */
    assert_int_equal(fpl_abi_size(FPL_ABI_MONTH), sizeof(fpl_month));
    assert_int_equal(fpl_abi_size(FPL_ABI_DATE), sizeof(fpl_date));
    assert_int_equal(fpl_abi_size(FPL_ABI_SCHEDULE_INPUT), sizeof(fpl_schedule_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_SCHEDULE_ROW), sizeof(fpl_schedule_row));
    assert_int_equal(fpl_abi_size(FPL_ABI_SCHEDULE), sizeof(fpl_schedule));
    assert_int_equal(fpl_abi_size(FPL_ABI_PACE_INPUT), sizeof(fpl_pace_input));
    assert_int_equal(fpl_abi_size(FPL_ABI_PACE_ROW), sizeof(fpl_pace_row));
    assert_int_equal(fpl_abi_size(FPL_ABI_PACE), sizeof(fpl_pace));
    assert_int_equal(fpl_abi_size(FPL_ABI_CRITERION), sizeof(fpl_criterion));
    assert_int_equal(fpl_abi_size(FPL_ABI_CRITERIA), sizeof(fpl_criteria));
    assert_int_equal(fpl_abi_size(FPL_ABI_LEAD_SCORE), sizeof(fpl_lead_score));
    assert_int_equal(fpl_abi_size(FPL_ABI_CSV_ROW), sizeof(fpl_csv_row));
    assert_int_equal(fpl_abi_size(FPL_ABI_CSV_READER), sizeof(fpl_csv_reader));
    assert_int_equal(fpl_abi_size(FPL_ABI_SEGMENT), sizeof(fpl_segment));
    assert_int_equal(fpl_abi_size(FPL_ABI_MIX), sizeof(fpl_mix));
    assert_int_equal(fpl_abi_size(FPL_ABI_ERROR), sizeof(fpl_error));
    assert_int_equal(fpl_abi_size(FPL_ABI_WHATIF_TOTALS), sizeof(fpl_whatif_totals));
    assert_int_equal(fpl_abi_size(FPL_ABI_SCORE_TALLY), sizeof(fpl_score_tally));
    assert_int_equal(fpl_abi_size(FPL_ABI_SCORE_WRITER), sizeof(fpl_score_writer));
    assert_int_equal(fpl_abi_size((fpl_abi_struct)FPL_ABI_STRUCT_COUNT), 0);
}

/* fpl_utf8_next: the library's one rule of valid UTF-8, which the CLI's
 * escaping uses too. */
static void test_utf8_next_decodes_only_valid_sequences(void **state)
{
    (void)state;
    uint32_t cp = 7;
    assert_int_equal(fpl_utf8_next("a", 1, &cp), 1);
    assert_int_equal(cp, 'a');
    assert_int_equal(fpl_utf8_next("\xC3\xA9t\xC3\xA9", 5, &cp), 2); /* é */
    assert_int_equal(cp, 0xE9);
    assert_int_equal(fpl_utf8_next("\xF0\x9F\x98\x80", 4, &cp), 4); /* U+1F600 */
    assert_int_equal(cp, 0x1F600);
    cp = 7;
    assert_int_equal(fpl_utf8_next("\xC0\x80", 2, &cp), 0);         /* overlong NUL */
    assert_int_equal(fpl_utf8_next("\xED\xA0\x80", 3, &cp), 0);     /* a surrogate */
    assert_int_equal(fpl_utf8_next("\xF4\x90\x80\x80", 4, &cp), 0); /* past U+10FFFF */
    assert_int_equal(fpl_utf8_next("\xE2\x82\xAC", 2, &cp), 0);     /* cut by len */
    assert_int_equal(fpl_utf8_next("\x80", 1, &cp), 0);               /* a lone continuation */
    assert_int_equal(cp, 7);                                           /* untouched */
    assert_int_equal(fpl_utf8_next("a", 0, &cp), 0);
    assert_int_equal(fpl_utf8_next(NULL, 1, &cp), 0);
    assert_int_equal(fpl_utf8_next("a", 1, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_status_has_its_own_message_and_name),
        cmocka_unit_test(test_utf8_next_decodes_only_valid_sequences),
        cmocka_unit_test(test_only_questions_without_answer_are_not_input_errors),
        cmocka_unit_test(test_periods_have_months_names_and_parse_back),
        cmocka_unit_test(test_ceil_tolerant_absorbs_float_noise_but_not_fractions),
        cmocka_unit_test(test_rate_messages_say_above_zero),
        cmocka_unit_test(test_version_is_one_source_of_truth),
        cmocka_unit_test(test_abi_sizes_are_the_structs_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

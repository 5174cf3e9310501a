/*
 * funnelplan — fuzz target: every string parser and name check.
 * Invariants: success means a finite, non-negative number; every status is
 * a documented one; amount and rate agree on plain decimals.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <math.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

static bool plain_decimal(const uint8_t *data, size_t size)
{
    bool point = false;
    bool digit = false;
    for (size_t i = 0; i < size; ++i) {
        if (data[i] >= '0' && data[i] <= '9') {
            digit = true;
        } else if (data[i] == '.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digit;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    double amount = -1.0;
    double rate = -1.0;
    fpl_status sa = fpl_parse_amount(text, size, &amount, NULL);
    fpl_status sr = fpl_parse_rate(text, size, &rate, NULL);
    check((int)sa >= 0 && (int)sa < FPL_STATUS_COUNT);
    check((int)sr >= 0 && (int)sr < FPL_STATUS_COUNT);
    if (sa == FPL_OK) {
        check(isfinite(amount) && amount >= 0.0);
    } else {
        check(amount == -1.0);
    }
    if (sr == FPL_OK) {
        check(isfinite(rate) && rate >= 0.0);
    } else {
        check(rate == -1.0);
    }
    if (plain_decimal(data, size)) {
        /* A plain decimal reads the same as an amount and as a rate, but
         * for D.DDD (one to three digits, a point, three digits): eight or
         * eight thousand as an amount, refused; one reading as a rate. */
        check(sa == sr || (sa == FPL_ERR_PARSE_AMBIGUOUS && sr == FPL_OK));
        check(sa != FPL_OK || amount == rate);
    }
    fpl_period period = FPL_PERIOD_QUARTER;
    fpl_status sp = fpl_period_parse(text, size, &period, NULL);
    check(sp == FPL_OK || period == FPL_PERIOD_QUARTER);
    /* Changes and steps: success means a finite value of a known kind. */
    fpl_funnel levers = {0};
    fpl_funnel_add_stage(&levers, "lead", 4, 0.5, NULL);
    fpl_change change = {FPL_LEVER_VOLUME, 77, FPL_CHANGE_SET, -3.0};
    fpl_status sc = fpl_change_parse(&levers, text, size, &change, NULL);
    check((int)sc >= 0 && (int)sc < FPL_STATUS_COUNT);
    if (sc == FPL_OK) {
        check(isfinite(change.value) && (int)change.kind >= 0 && change.kind <= FPL_CHANGE_SET);
        check(change.lever != FPL_LEVER_STAGE || change.stage == 0);
        check(change.kind != FPL_CHANGE_POINTS || change.lever == FPL_LEVER_STAGE);
    } else {
        check(change.stage == 77 && change.value == -3.0);
    }
    for (int is_rate = 0; is_rate < 2; ++is_rate) {
        fpl_change_kind kind = FPL_CHANGE_SET;
        double value = -5.0;
        fpl_status sv = fpl_change_value_parse(text, size, is_rate == 1, &kind, &value, NULL);
        check(sv == FPL_OK ? isfinite(value) : value == -5.0);
        check(sv != FPL_OK || is_rate == 1 || kind != FPL_CHANGE_POINTS);
    }
    fpl_status sn = fpl_stage_name_check(text, size, NULL);
    fpl_funnel f = {0};
    fpl_status sf = fpl_funnel_add_stage(&f, text, size, 0.5, NULL);
    check(sn == sf);
    if (sf == FPL_OK) {
        size_t at = 9;
        check(fpl_funnel_find(&f, text, size, &at, NULL) == FPL_OK && at == 0);
        check(fpl_funnel_check(&f, NULL) == FPL_OK);
    }
    return 0;
}

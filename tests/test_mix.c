/*
 * funnelplan — lead mixes: segments blend into a stage's rate.
 * SPDX-License-Identifier: MIT
 */

#include "fpl_test.h"

#include <math.h>
#include <string.h>

#define PARSE_MIX(f, lit, out) fpl_mix_parse((f), (lit), sizeof(lit) - 1, (out), NULL)

/* 20% hot at 60%, 30% warm at 30%, 50% cold at 5%: 23.5%. */
static void test_mix_blends_segments(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "mql", 0.27);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_mix m;
    assert_int_equal(PARSE_MIX(&f, "mql=hot:20%@60%,warm:30%@30%,cold:50%@5%", &m), FPL_OK);
    assert_int_equal(m.stage, 0);
    assert_int_equal(m.n_segments, 3);
    assert_string_equal(m.segments[1].name, "warm");
    assert_same_double(m.segments[1].share, 0.3);
    assert_same_double(m.segments[2].rate, 0.05);
    double rate;
    assert_int_equal(fpl_mix_rate(&m, &rate, NULL), FPL_OK);
    assert_close(rate, 0.235);
    assert_int_equal(fpl_mix_apply(&f, &m, NULL), FPL_OK);
    assert_close(f.stages[0].rate, 0.235);
    assert_same_double(f.stages[1].rate, 0.25);
    /* 10 deals: 40 opportunities, 40 / 0.235 mqls */
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_plan p;
    assert_int_equal(fpl_plan_compute(&f, &t, &p, NULL), FPL_OK);
    assert_close(p.stages[0].required, 40.0 / 0.235);
}

/* A mix whose segments all have the stage's rate plans exactly like it,
 * bit for bit, whatever the shares. */
static void test_mix_of_one_rate_is_the_plain_rate(void **state)
{
    (void)state;
    fpl_funnel plain = {0};
    fpl_test_add(&plain, "lead", 0.27);
    fpl_test_add(&plain, "accepted", 0.25);
    fpl_funnel mixed = plain;
    fpl_mix m;
    assert_int_equal(PARSE_MIX(&mixed, "lead=a:10%@27%,b:20%@27%,c:70%@27%", &m), FPL_OK);
    assert_int_equal(fpl_mix_apply(&mixed, &m, NULL), FPL_OK);
    fpl_terms t = {0};
    t.target = FPL_TARGET_DEALS;
    t.deals = 10;
    fpl_plan a;
    fpl_plan b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_int_equal(fpl_plan_compute(&plain, &t, &a, NULL), FPL_OK);
    assert_int_equal(fpl_plan_compute(&mixed, &t, &b, NULL), FPL_OK);
    assert_memory_equal(&a, &b, sizeof a);
    /* thirds add up to 1 within the tolerance */
    assert_int_equal(PARSE_MIX(&mixed, "accepted=x:1/3@10%,y:1/3@20%,z:1/3@30%", &m), FPL_OK);
    double rate;
    assert_int_equal(fpl_mix_rate(&m, &rate, NULL), FPL_OK);
    assert_close(rate, 0.2);
}

static void test_mix_refuses_bad_mixes(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.27);
    fpl_mix m;
    memset(&m, 0x3F, sizeof m);
    const fpl_mix before = m;
    const char *bad[] = {"lead", "lead=", "lead=hot", "lead=hot:20%", "lead=hot@20%",
                         "lead=:100%@20%", "lead=hot:100%@0%", "lead=hot:100%@120%",
                         "lead=hot:120%@20%", "lead=hot:-1@20%", "lead=hot:100%@nan",
                         "lead=a:50%@10%,a:50%@20%", "lead=a:50%@10%,,b:50%@20%",
                         "lead=a\tb:100%@10%"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        assert_int_equal(fpl_mix_parse(&f, bad[i], strlen(bad[i]), &m, NULL), FPL_ERR_MIX);
    }
    assert_int_equal(PARSE_MIX(&f, "lead=a:50%@10%,b:40%@20%", &m), FPL_ERR_MIX_SHARES);
    assert_int_equal(PARSE_MIX(&f, "lead=a:60%@10%,b:50%@20%", &m), FPL_ERR_MIX_SHARES);
    assert_int_equal(PARSE_MIX(&f, "nosuch=a:100%@10%", &m), FPL_ERR_STAGE_UNKNOWN);
    assert_memory_equal(&m, &before, sizeof m);
    /* 17 segments are too many */
    char text[512] = "lead=";
    for (int i = 0; i < 17; ++i) {
        char seg[32];
        snprintf(seg, sizeof seg, "%ss%d:1/17@10%%", i ? "," : "", i);
        strcat(text, seg);
    }
    assert_int_equal(fpl_mix_parse(&f, text, strlen(text), &m, NULL), FPL_ERR_MIX);
    /* only segments with a share of 0 have a rate: nothing moves on */
    fpl_mix z;
    memset(&z, 0, sizeof z);
    z.n_segments = 2;
    strcpy(z.segments[0].name, "a");
    z.segments[0].share = 1.0;
    z.segments[0].rate = 0.5;
    strcpy(z.segments[1].name, "b");
    z.segments[1].share = 0.0;
    z.segments[1].rate = 0.5;
    double rate;
    assert_int_equal(fpl_mix_rate(&z, &rate, NULL), FPL_OK);
    assert_same_double(rate, 0.5);
    z.segments[0].rate = 1.0; /* a segment that always converts is a rate */
    assert_int_equal(fpl_mix_rate(&z, &rate, NULL), FPL_OK);
    assert_same_double(rate, 1.0);
    z.segments[0].rate = 0.5;
    z.stage = 3;
    assert_int_equal(fpl_mix_apply(&f, &z, NULL), FPL_ERR_STAGE_UNKNOWN);
    z.stage = 0;
    z.segments[1].share = 1e-3; /* the sum is off */
    assert_int_equal(fpl_mix_apply(&f, &z, NULL), FPL_ERR_MIX_SHARES);
    assert_same_double(f.stages[0].rate, 0.27);
    assert_int_equal(fpl_mix_rate(NULL, &rate, NULL), FPL_ERR_NULL);
}

static void test_mix_errors_name_the_stage_and_the_segment(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "lead", 0.1);
    fpl_test_add(&f, "sql", 0.5);
    fpl_mix m;
    fpl_error e;
#define MIX(text) fpl_mix_parse(&f, (text), sizeof(text) - 1, &m, &e)
    /* the stage name's bytes when no stage has it */
    assert_int_equal(MIX("nope=a:100%@5%"), FPL_ERR_STAGE_UNKNOWN);
    assert_error_at(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_MIX, FPL_NO_INDEX, 0, 4);
    /* no '=' at all: the whole text */
    assert_int_equal(MIX("a:100%@5%"), FPL_ERR_MIX);
    assert_error_at(e, FPL_ERR_MIX, FPL_FIELD_MIX, FPL_NO_INDEX, 0, 9);
    /* the segment at fault, on stage 1 */
    assert_int_equal(MIX("sql=a:50%@5%,b:x@5%"), FPL_ERR_MIX);
    assert_error_at(e, FPL_ERR_MIX, FPL_FIELD_MIX, 1, 13, 6);
    assert_int_equal(MIX("sql=a:50%@5%,a:50%@5%"), FPL_ERR_MIX); /* a name twice */
    assert_error_at(e, FPL_ERR_MIX, FPL_FIELD_MIX, 1, 13, 8);
    assert_int_equal(MIX("lead=a:50%@0%,b:50%@5%"), FPL_ERR_MIX); /* a rate of 0 */
    assert_error_at(e, FPL_ERR_MIX, FPL_FIELD_MIX, 0, 5, 8);
    /* shares that do not add up: every segment */
    assert_int_equal(MIX("sql=a:50%@5%,b:40%@5%"), FPL_ERR_MIX_SHARES);
    assert_error_at(e, FPL_ERR_MIX_SHARES, FPL_FIELD_MIX, 1, 4, 17);
#undef MIX
    /* a hand-built mix: the stage it blends */
    assert_int_equal(fpl_mix_parse(&f, "sql=a:50%@5%,b:50%@7%", 21, &m, &e), FPL_OK);
    fpl_mix bad = m;
    bad.segments[1].share = 0.4;
    double rate;
    assert_int_equal(fpl_mix_rate(&bad, &rate, &e), FPL_ERR_MIX_SHARES);
    assert_error(e, FPL_ERR_MIX_SHARES, FPL_FIELD_MIX, 1);
    bad = m;
    bad.stage = 7;
    assert_int_equal(fpl_mix_apply(&f, &bad, &e), FPL_ERR_STAGE_UNKNOWN);
    assert_error(e, FPL_ERR_STAGE_UNKNOWN, FPL_FIELD_MIX, 7);
}

/* A scenario mix is priced as the change that sets its stage's rate to the
 * blended rate, appended after the changes already there: 20% hot at 60%
 * and 80% cold at 10% blend to 20%; past the last change the library
 * takes, the input is left as it was. */
static void test_whatif_add_mix_appends_a_set_change(void **state)
{
    (void)state;
    fpl_funnel f = {0};
    fpl_test_add(&f, "mql", 0.27);
    fpl_test_add(&f, "opportunity", 0.25);
    fpl_mix m;
    assert_int_equal(PARSE_MIX(&f, "opportunity=hot:20%@60%,cold:80%@10%", &m), FPL_OK);
    fpl_whatif_input in = {0};
    in.n_changes = 1;
    in.changes[0].lever = FPL_LEVER_DEAL_SIZE;
    fpl_error e;
    assert_int_equal(fpl_whatif_add_mix(&in, &m, &e), FPL_OK);
    assert_int_equal(in.n_changes, 2);
    assert_int_equal(in.changes[0].lever, FPL_LEVER_DEAL_SIZE);
    assert_int_equal(in.changes[1].lever, FPL_LEVER_STAGE);
    assert_int_equal(in.changes[1].stage, 1);
    assert_int_equal(in.changes[1].kind, FPL_CHANGE_SET);
    assert_close(in.changes[1].value, 0.2); /* 0.2 * 0.6 + 0.8 * 0.1 */
    in.n_changes = FPL_MAX_CHANGES;
    fpl_error want;
    const fpl_status limit =
        fpl_limit_check(FPL_LIMIT_CHANGES, FPL_MAX_CHANGES + 1.0, FPL_MAX_CHANGES, &want);
    assert_int_not_equal(limit, FPL_OK);
    assert_int_equal(fpl_whatif_add_mix(&in, &m, &e), limit);
    assert_error(e, limit, want.field, FPL_MAX_CHANGES);
    assert_int_equal(in.n_changes, FPL_MAX_CHANGES);
    fpl_mix bad = m;
    bad.segments[0].share = 0.5; /* the shares add up to 130% */
    in.n_changes = 0;
    assert_int_not_equal(fpl_whatif_add_mix(&in, &bad, &e), FPL_OK);
    assert_int_equal(in.n_changes, 0);
    assert_int_equal(fpl_whatif_add_mix(NULL, &m, &e), FPL_ERR_NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_blends_segments),
        cmocka_unit_test(test_mix_of_one_rate_is_the_plain_rate),
        cmocka_unit_test(test_mix_refuses_bad_mixes),
        cmocka_unit_test(test_mix_errors_name_the_stage_and_the_segment),
        cmocka_unit_test(test_whatif_add_mix_appends_a_set_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * funnelplan — fuzz target: the streaming CSV scorer and the mix parser.
 * Invariants: the rows do not depend on how the bytes are split into
 * chunks (the whole input at once against pieces whose sizes the input
 * chooses); line numbers never go down; a scored row has a score in
 * [0, 100] and an id; every status is documented; a parsed mix has shares
 * adding up to 100% and a blended rate in (0, 1].
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

enum { MAX_ROWS = 512 };

static fpl_csv_reader reader;
static fpl_csv_row whole[MAX_ROWS];
static fpl_csv_row pieces[MAX_ROWS];

/* Feeds text in chunks (step 0: all at once) through a rows buffer of
 * `room`; returns the number of rows kept (at most MAX_ROWS). */
static size_t feed(const fpl_criteria *c, const char *text, size_t len, size_t step,
                   size_t room, fpl_csv_row *out, fpl_status *st_out)
{
    check(fpl_csv_begin(&reader, c, NULL, 0, NULL) == FPL_OK);
    fpl_csv_row buf[7];
    size_t kept = 0;
    size_t pos = 0;
    fpl_status st = FPL_OK;
    for (int guard = 0; guard < 1000000; ++guard) {
        const size_t take = step == 0 || len - pos < step ? len - pos : step;
        const bool end = pos + take == len;
        size_t n = 0;
        size_t used = 0;
        st = fpl_csv_feed(&reader, text + pos, take, end, buf, room, &n, &used, NULL);
        check((int)st >= 0 && (int)st < FPL_STATUS_COUNT);
        check(used <= take && n <= room);
        for (size_t i = 0; i < n && kept < MAX_ROWS; ++i) {
            out[kept++] = buf[i];
        }
        pos += used;
        if (st != FPL_OK || (end && used == take && n < room)) {
            break;
        }
    }
    *st_out = st;
    return kept;
}

static void same_rows(const fpl_csv_row *a, const fpl_csv_row *b, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        check(a[i].line == b[i].line && a[i].fault == b[i].fault);
        if (a[i].fault == FPL_CSV_OK) {
            check(strcmp(a[i].id, b[i].id) == 0);
            check(memcmp(&a[i].score.score, &b[i].score.score, sizeof(double)) == 0);
            check(a[i].score.missing == b[i].score.missing);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) {
        return 0;
    }
    const size_t step = 1 + data[0] % 17;
    const size_t room = 1 + data[1] % 7;
    const char *text = (const char *)data + 2;
    const size_t len = size - 2;

    /* BANT, and two criteria named like the fuzzer's likely columns */
    fpl_criteria bant;
    check(fpl_criteria_bant(&bant, NULL) == FPL_OK);
    fpl_criteria ab;
    memset(&ab, 0, sizeof ab);
    check(fpl_criteria_add_parse(&ab, "a=2,required", 12, NULL) == FPL_OK);
    check(fpl_criteria_add_parse(&ab, "b", 1, NULL) == FPL_OK);
    const fpl_criteria *sets[2] = {&bant, &ab};
    for (size_t s = 0; s < 2; ++s) {
        fpl_status st1;
        fpl_status st2;
        const size_t n1 = feed(sets[s], text, len, 0, 7, whole, &st1);
        const size_t n2 = feed(sets[s], text, len, step, room, pieces, &st2);
        check(st1 == st2 && n1 == n2);
        same_rows(whole, pieces, n1);
        for (size_t i = 0; i < n1; ++i) {
            check(i == 0 || whole[i].line > whole[i - 1].line);
            if (whole[i].fault == FPL_CSV_OK) {
                check(whole[i].score.score >= 0.0 && whole[i].score.score <= 100.0);
                check(whole[i].id[0] != '\0');
            } else {
                check(fpl_csv_fault_message(whole[i].fault) != NULL);
            }
        }
    }

    /* The same text as a mix of the stage `lead`. */
    fpl_funnel f = {0};
    check(fpl_funnel_add_stage(&f, "lead", 4, 0.5, NULL) == FPL_OK);
    fpl_mix m;
    fpl_status sm = fpl_mix_parse(&f, text, len, &m, NULL);
    check((int)sm >= 0 && (int)sm < FPL_STATUS_COUNT);
    if (sm == FPL_OK) {
        double rate = -1.0;
        check(fpl_mix_rate(&m, &rate, NULL) == FPL_OK);
        check(rate > 0.0 && rate <= 1.0);
        double sum = 0.0;
        for (size_t i = 0; i < m.n_segments; ++i) {
            sum += m.segments[i].share;
        }
        check(fabs(sum - 1.0) <= 1e-9);
        check(fpl_mix_apply(&f, &m, NULL) == FPL_OK);
        check(f.stages[0].rate == rate);
    }
    /* And as criteria and an answer. */
    fpl_criteria c;
    memset(&c, 0, sizeof c);
    fpl_status sc = fpl_criteria_add_parse(&c, text, len, NULL);
    check((int)sc >= 0 && (int)sc < FPL_STATUS_COUNT);
    check(sc != FPL_OK || (c.n_criteria == 1 && c.criteria[0].weight > 0.0));
    double answer = -1.0;
    if (fpl_answer_parse(text, len, &answer, NULL) == FPL_OK) {
        check(answer >= 0.0 && answer <= 1.0);
    }
    return 0;
}

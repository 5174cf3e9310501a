/*
 * funnelplan — fuzz target: learning a funnel from CRM history (learn.h).
 * The first bytes choose the options (the form, stages given or not, an
 * as-of date, the back-test), how the history is split into chunks, how
 * few skipped rows a call may report and how the table of items grows; the
 * rest is the history. Invariants: the learner answers the same whether
 * the history comes whole into a large table or in pieces into the
 * smallest one grown step by step (the same status, the same skipped rows
 * with the same lines and faults, the same JSON to the last digit); every
 * status and fault is documented; a learned result renders in every format
 * (the measured length is the written one) and its funnel is valid.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

enum { MAX_SKIPPED = 256, LARGE = 1 << 18 };

typedef struct run {
    fpl_status status;
    size_t n_skipped;
    fpl_learn_skipped skipped[MAX_SKIPPED];
    fpl_learn_result result;
} run;

static fpl_learn learner;
static run whole;
static run pieces;

/* Learns text with opt: in chunks of step bytes (0: all at once), at most
 * room skipped rows a call, from a table of first bytes grown to what the
 * learner asks (in place when in_place, else into a new block). */
static void learn(const fpl_learn_options *opt, const char *text, size_t len, size_t step,
                  size_t room, size_t first, bool in_place, run *out)
{
    memset(out, 0, sizeof *out);
    void *work = malloc(first);
    check(work != NULL);
    fpl_error err;
    fpl_status st = fpl_learn_begin(&learner, opt, work, first, &err);
    size_t pos = 0;
    for (int guard = 0; st == FPL_OK && guard < 1000000; ++guard) {
        const size_t take = step == 0 || len - pos < step ? len - pos : step;
        const bool end = pos + take == len;
        fpl_learn_skipped buf[8];
        size_t n = 0;
        size_t used = 0;
        st = fpl_learn_feed(&learner, text + pos, take, end, buf, room, &n, &used, &err);
        check((int)st >= 0 && (int)st < FPL_STATUS_COUNT);
        check(used <= take && n <= room);
        for (size_t i = 0; i < n; ++i) {
            check(fpl_learn_fault_message(buf[i].fault) != NULL);
            if (out->n_skipped < MAX_SKIPPED) {
                out->skipped[out->n_skipped++] = buf[i];
            }
        }
        pos += used;
        if (st != FPL_OK && fpl_learn_work_needed(&learner) > 0) {
            const size_t need = fpl_learn_work_needed(&learner);
            void *larger = in_place ? realloc(work, need) : malloc(need);
            check(larger != NULL);
            st = in_place ? fpl_learn_grow_in_place(&learner, larger, need, &err)
                          : fpl_learn_grow(&learner, larger, need, &err);
            check(st == FPL_OK);
            if (!in_place) {
                free(work);
            }
            work = larger;
            continue;
        }
        if (st != FPL_OK) {
            char why[FPL_CSV_HEADER_MESSAGE_MAX];
            (void)fpl_learn_header_message(&learner, why, sizeof why);
            check(strlen(why) < sizeof why);
            break;
        }
        if (end && used == take && n < room) {
            break;
        }
    }
    if (st == FPL_OK) {
        const size_t need = fpl_learn_finish_needed(&learner);
        void *scratch = malloc(need > 0 ? need : 1);
        check(scratch != NULL);
        st = fpl_learn_finish(&learner, scratch, need, &out->result, &err);
        check((int)st >= 0 && (int)st < FPL_STATUS_COUNT);
        free(scratch);
    }
    out->status = st;
    free(work);
}

/* A learned result renders in every format (the measured length is the
 * written one), and gives a valid funnel when it has stages enough. Its
 * JSON, every figure exact (shortest round-trip doubles), is left in json. */
static void renders(const fpl_learn_result *r, char *json, size_t capacity)
{
    static char text[1 << 18];
    json[0] = '\0';
    for (int f = FPL_RENDER_TABLE; f <= FPL_RENDER_SVG; ++f) {
        size_t measured = 0;
        size_t written = 0;
        if (fpl_learn_render(r, (fpl_render_format)f, NULL, 0, &measured, NULL) != FPL_OK) {
            check(f == FPL_RENDER_SVG); /* learn draws no picture */
            continue;
        }
        char *out = f == FPL_RENDER_JSON ? json : text;
        const size_t room = f == FPL_RENDER_JSON ? capacity : sizeof text;
        check(measured < room);
        check(fpl_learn_render(r, (fpl_render_format)f, out, room, &written, NULL) == FPL_OK);
        check(written == measured && strlen(out) == written);
    }
    fpl_funnel funnel;
    if (fpl_learn_funnel(r, &funnel, NULL) == FPL_OK) {
        check(fpl_funnel_check(&funnel, NULL) == FPL_OK);
    }
}

static char json_whole[1 << 18];
static char json_pieces[1 << 18];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) {
        return 0;
    }
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    opt.form = (fpl_learn_form)((data[0] & 3) % 3);
    opt.backtest = (data[0] & 4) != 0;
    if (data[0] & 8) {
        static const char stages[] = "lead,mql,sql";
        check(fpl_learn_stages_parse(&opt, stages, sizeof stages - 1, NULL) == FPL_OK);
    }
    if (data[0] & 16) {
        opt.has_as_of = true;
        opt.as_of = (fpl_date){2024, 1 + data[1] % 12, 1 + data[1] % 28};
    }
    const size_t step = data[2] % 19;     /* 0: whole */
    const size_t room = 1 + data[3] % 8;  /* skipped rows a call */
    const char *text = (const char *)data + 4;
    const size_t len = size - 4;

    learn(&opt, text, len, 0, 8, LARGE, true, &whole);
    learn(&opt, text, len, step, room, FPL_LEARN_WORK_MIN, (data[1] & 1) != 0, &pieces);

    check(whole.status == pieces.status);
    check(whole.n_skipped == pieces.n_skipped);
    for (size_t i = 0; i < whole.n_skipped; ++i) {
        check(whole.skipped[i].line == pieces.skipped[i].line &&
              whole.skipped[i].fault == pieces.skipped[i].fault);
        check(i == 0 || whole.skipped[i].line > whole.skipped[i - 1].line);
    }
    if (whole.status == FPL_OK) {
        /* (the JSON, not the struct's bytes: its padding is nobody's) */
        renders(&whole.result, json_whole, sizeof json_whole);
        renders(&pieces.result, json_pieces, sizeof json_pieces);
        check(strcmp(json_whole, json_pieces) == 0);
    }
    return 0;
}

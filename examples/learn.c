/*
 * funnelplan example: learn the funnel from a CRM history, then plan with it.
 *
 *     learn [HISTORY.csv]        (default: examples/crm_history.csv, the
 *                                 synthetic export shipped beside this file)
 *
 * The file is read a chunk at a time into a learner that keeps one small
 * record per item in memory this program owns (the library allocates
 * nothing): when its table is full, the learner says how many bytes the
 * next one needs, the table is made larger with realloc and feeding goes
 * on where it stopped. Rows the learner skips are printed as FILE:LINE.
 * Then the learned funnel (rates that count open items as undecided) is
 * printed as `funnelplan learn` prints it, and planned backward from a
 * yearly revenue at the learned deal size.
 *
 * Build against a build tree:
 *     cc examples/learn.c -Iinclude -Ibuild/include -Lbuild -lfunnelplan -lm -o learn
 *     LD_LIBRARY_PATH=build ./learn examples/crm_history.csv
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 64 * 1024, SKIPPED = 16 };

/* Feeds the whole file to the learner, growing its table (*work) as asked.
 * 0 on success; rows skipped are printed, they do not stop the learning. */
static int feed_file(fpl_learn *l, void **work, FILE *fp, const char *path)
{
    static char chunk[CHUNK];
    fpl_learn_skipped skipped[SKIPPED];
    bool at_end = false;
    while (!at_end) {
        const size_t got = fread(chunk, 1, sizeof chunk, fp);
        if (got < sizeof chunk) {
            if (ferror(fp)) {
                fprintf(stderr, "%s: cannot read\n", path);
                return 1;
            }
            at_end = true;
        }
        size_t off = 0;
        for (;;) {
            size_t n = 0;
            size_t used = 0;
            fpl_error err;
            const fpl_status st = fpl_learn_feed(l, chunk + off, got - off, at_end, skipped,
                                                 SKIPPED, &n, &used, &err);
            off += used;
            for (size_t i = 0; i < n; ++i) {
                fprintf(stderr, "%s:%llu: %s\n", path, (unsigned long long)skipped[i].line,
                        fpl_learn_fault_message(skipped[i].fault));
            }
            if (st != FPL_OK && fpl_learn_work_needed(l) > 0) {
                /* the table is full: a larger one, the items rehashed in place */
                const size_t size = fpl_learn_work_needed(l);
                void *larger = realloc(*work, size);
                if (larger == NULL) {
                    fprintf(stderr, "out of memory\n");
                    return 1;
                }
                *work = larger;
                if (fpl_learn_grow_in_place(l, larger, size, &err) != FPL_OK) {
                    fprintf(stderr, "%s\n", fpl_error_message(&err));
                    return 1;
                }
                continue; /* the rest of the chunk, with room */
            }
            if (st != FPL_OK) {
                /* a refused header is worded by the learner, anything else by the error */
                char why[FPL_CSV_HEADER_MESSAGE_MAX];
                const bool header = fpl_learn_header_message(l, why, sizeof why) > 0;
                fprintf(stderr, "%s:%llu: %s\n", path, (unsigned long long)err.line,
                        header ? why : fpl_error_message(&err));
                return 1;
            }
            /* the list of skipped rows was full: call again for the rest */
            if (!(off < got || (at_end && n == SKIPPED)) || (used == 0 && n == 0)) {
                break;
            }
        }
    }
    return 0;
}

/* Learns from the file at path into *out. 0 on success. */
static int learn_file(const char *path, fpl_learn_result *out)
{
    fpl_learn_options opt;
    memset(&opt, 0, sizeof opt);
    fpl_error err;
    static const char stages[] = "lead,mql,sql,opportunity";
    if (fpl_learn_stages_parse(&opt, stages, strlen(stages), &err) != FPL_OK) {
        fprintf(stderr, "--stages: %s\n", fpl_error_message(&err));
        return 1;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        perror(path);
        return 1;
    }
    fpl_learn *l = malloc(sizeof *l); /* the learner holds a record buffer: not on the stack */
    void *work = malloc(FPL_LEARN_WORK_MIN);
    void *scratch = NULL;
    int rc = l == NULL || work == NULL;
    if (rc == 0 && fpl_learn_begin(l, &opt, work, FPL_LEARN_WORK_MIN, &err) != FPL_OK) {
        fprintf(stderr, "%s\n", fpl_error_message(&err));
        rc = 1;
    }
    if (rc == 0) {
        rc = feed_file(l, &work, fp, path);
    }
    if (rc == 0) {
        const size_t size = fpl_learn_finish_needed(l);
        scratch = malloc(size > 0 ? size : 1);
        if (scratch == NULL || fpl_learn_finish(l, scratch, size, out, &err) != FPL_OK) {
            fprintf(stderr, "%s: %s\n", path,
                    scratch == NULL ? "out of memory" : fpl_error_message(&err));
            rc = 1;
        }
    }
    free(scratch);
    free(work);
    free(l);
    (void)fclose(fp); /* read only */
    return rc;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/crm_history.csv";
    fpl_learn_result *learned = malloc(sizeof *learned);
    if (learned == NULL || learn_file(path, learned) != 0) {
        free(learned);
        return 1;
    }

    /* What `funnelplan learn FILE --stages ...` prints: measure, then write. */
    size_t len = 0;
    fpl_error err;
    if (fpl_learn_render(learned, FPL_RENDER_TABLE, NULL, 0, &len, &err) != FPL_OK) {
        fprintf(stderr, "%s\n", fpl_error_message(&err));
        free(learned);
        return 1;
    }
    char *text = malloc(len + 1);
    if (text == NULL) {
        free(learned);
        return 1;
    }
    (void)fpl_learn_render(learned, FPL_RENDER_TABLE, text, len + 1, &len, NULL);
    fputs(text, stdout);
    free(text);

    /* Plan with it: 600,000 a year at the learned mean deal size. */
    fpl_funnel funnel;
    fpl_plan plan;
    fpl_terms terms;
    memset(&terms, 0, sizeof terms);
    terms.per = FPL_PERIOD_YEAR;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 600000;
    terms.has_deal_size = learned->has_deal_size;
    terms.deal_size = learned->deal_mean;
    if (fpl_learn_funnel(learned, &funnel, &err) != FPL_OK ||
        fpl_plan_compute(&funnel, &terms, &plan, &err) != FPL_OK) {
        fprintf(stderr, "plan: %s\n", fpl_error_message(&err));
        free(learned);
        return 1;
    }
    printf("\nFor 600,000 a year at the learned deal size: %llu deals, %llu leads a year "
           "(%.1f a month).\n",
           (unsigned long long)plan.deals_whole, (unsigned long long)plan.stages[0].required_whole,
           plan.by_period[FPL_PERIOD_MONTH].required[0]);
    /* The shipped history: 400 items, so a check that this program read it. */
    const int ok = strcmp(path, "examples/crm_history.csv") != 0 || learned->items == 400;
    free(learned);
    return ok ? 0 : 1;
}

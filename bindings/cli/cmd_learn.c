/*
 * funnelplan CLI — `funnelplan learn FILE`: the funnel a CRM's stage
 * history shows; with --leads, criterion weights fitted to leads' outcomes.
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options and calls cli_run_learn() (the command's
 * row: its operand FILE is req->operand); this file reads their texts with
 * the library's parsers (fpl_learn_column_parse, fpl_learn_stages_parse,
 * fpl_learn_form_parse, fpl_date_parse), feeds the file to the library's
 * streaming learner (fpl_learn_begin, fpl_learn_feed, fpl_learn_finish) a
 * chunk at a time, and writes what fpl_learn_render() and fpl_learn_save()
 * write. No formula, default or range lives here. The library allocates
 * nothing: its table of items is ours, given larger when it asks
 * (fpl_learn_work_needed() says how large after a feed it could not
 * finish; then fpl_learn_grow_in_place), and so is the scratch of
 * fpl_learn_finish(). A header the library refused is one its
 * fpl_learn_header_message() words; no status is told apart here.
 *
 * Exit statuses: 0 every row used; 2 bad input (an option, the header, a
 * file that cannot be read, a history without items); 3 the output or the
 * saved funnel could not be written; 4 some rows were skipped (each
 * reported on stderr as FILE:LINE: MESSAGE; the rest is learned from and
 * printed).
 *
 * With --leads LEADS --outcome COLUMN the criteria's weights are fitted to
 * the leads' outcomes by score's own path (cli_fit_leads, cmd_score.c: the
 * same reading, fit and messages as `score --fit`), after the history; the
 * history FILE is then optional. One FILE and the leads: the library writes
 * both (fpl_learn_fit_render); the leads alone: the fit as score prints it.
 * --save writes the funnel, --save-score the fitted criteria (two files:
 * plan takes no --criterion, score no --stage).
 */

#include "tables.h"

#include "funnelplan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    CHUNK = 64 * 1024, /* bytes read from the file at a time */
    FEED_SKIPPED = 64  /* skipped rows one fpl_learn_feed() call may list */
};

static int fail_memory(void)
{
    cli_error("out of memory");
    return CLI_EXIT_OUTPUT;
}

/* The options into the library's struct; a refusal is in *e (the --column
 * it names: the library's index is no list's, so the entry's is set). */
static int read_options(const request *req, fpl_learn_options *opt, fpl_error *e)
{
    memset(opt, 0, sizeof *opt);
    for (size_t i = 0; i < req->n[OPT_COLUMN]; ++i) {
        const char *column = req->list[OPT_COLUMN][i];
        if (fpl_learn_column_parse(opt, column, strlen(column), e) != FPL_OK) {
            e->index = i;
            return CLI_REFUSED;
        }
    }
    const char *stages = req->value[OPT_STAGES];
    if (stages != NULL && fpl_learn_stages_parse(opt, stages, strlen(stages), e) != FPL_OK) {
        return CLI_REFUSED;
    }
    const char *form = req->value[OPT_FORM];
    if (form != NULL && fpl_learn_form_parse(form, strlen(form), &opt->form, e) != FPL_OK) {
        return CLI_REFUSED;
    }
    const char *as_of = req->value[OPT_AS_OF];
    if (as_of != NULL) {
        if (fpl_date_parse(as_of, strlen(as_of), &opt->as_of, e) != FPL_OK) {
            e->field = FPL_FIELD_AS_OF;
            return CLI_REFUSED;
        }
        opt->has_as_of = true;
    }
    opt->backtest = req->value[OPT_BACKTEST] != NULL;
    return CLI_EXIT_OK;
}

static int cannot_read(const char *path, int err)
{
    cli_error("learn: '%s': cannot read: %s", path, strerror(err != 0 ? err : EIO));
    return CLI_EXIT_USAGE;
}

/* The learner and the memory it works in. */
typedef struct learner {
    fpl_learn *l;
    void *work;
} learner;

/* A larger table, when the learner asks for one: the same one made larger
 * (realloc; the library rehashes it in place), so one table is in memory
 * at a time. */
static int grow(learner *lr)
{
    const size_t size = fpl_learn_work_needed(lr->l);
    void *work = realloc(lr->work, size);
    if (work == NULL) {
        return fail_memory();
    }
    lr->work = work;
    if (fpl_learn_grow_in_place(lr->l, work, size, NULL) != FPL_OK) {
        return fail_memory();
    }
    return CLI_EXIT_OK;
}

/* A feed that failed for want of nothing larger: a header the library
 * refused (it words why, at FILE:LINE), or any other refusal. */
static int fail_feed(const fpl_learn *l, const char *path, const char *file, const fpl_error *e)
{
    char message[FPL_CSV_HEADER_MESSAGE_MAX];
    if (fpl_learn_header_message(l, message, sizeof message) == 0) {
        return cli_fail_funnel(NULL, "learn", path, e);
    }
    cli_error("%s:%llu: %s", file, (unsigned long long)e->line, message);
    return CLI_EXIT_USAGE;
}

/* Feeds the whole file; reports each skipped row. */
static int read_history(learner *lr, const char *path, const char *file, char *chunk)
{
    fpl_learn *l = lr->l;
    const bool from_stdin = strcmp(path, "-") == 0;
    errno = 0;
    FILE *fp = from_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL) {
        return cannot_read(path, errno);
    }
    int rc = CLI_EXIT_OK;
    bool at_end = false;
    fpl_learn_skipped skipped[FEED_SKIPPED];
    while (rc == CLI_EXIT_OK && !at_end) {
        errno = 0;
        const size_t got = fread(chunk, 1, CHUNK, fp);
        if (got < CHUNK) {
            if (ferror(fp)) {
                rc = cannot_read(path, errno);
                break;
            }
            at_end = true;
        }
        size_t off = 0;
        for (;;) {
            size_t n = 0;
            size_t used = 0;
            fpl_error err;
            fpl_status st = fpl_learn_feed(l, chunk + off, got - off, at_end, skipped,
                                           FEED_SKIPPED, &n, &used, &err);
            off += used;
            for (size_t i = 0; i < n; ++i) {
                cli_error("%s:%llu: %s", file, (unsigned long long)skipped[i].line,
                          fpl_learn_fault_message(skipped[i].fault));
            }
            if (st != FPL_OK && fpl_learn_work_needed(l) > 0) { /* the table is full */
                rc = grow(lr);
                if (rc == CLI_EXIT_OK) {
                    continue; /* the rest of the chunk, with room */
                }
            } else if (st != FPL_OK) {
                rc = fail_feed(l, path, file, &err);
            }
            if (rc != CLI_EXIT_OK || (used == 0 && n == 0) ||
                !(off < got || (at_end && n == FEED_SKIPPED))) {
                break;
            }
        }
    }
    if (!from_stdin) {
        (void)fclose(fp); /* read only: nothing to lose */
    }
    return rc;
}

static int save(const char *path, const fpl_learn_result *result)
{
    size_t len = 0;
    fpl_error e;
    if (fpl_learn_save(result, NULL, 0, &len, &e) != FPL_OK) {
        cli_error("learn: --save '%s': %s (stage %s)", path, fpl_error_message(&e),
                  e.index < result->n_stages ? result->stages[e.index].name : "?");
        return CLI_EXIT_NO_ANSWER;
    }
    char *text = malloc(len + 1);
    if (text == NULL) {
        return fail_memory();
    }
    (void)fpl_learn_save(result, text, len + 1, &len, NULL);
    errno = 0;
    FILE *fp = fopen(path, "wb");
    int rc = CLI_EXIT_OK;
    if (fp == NULL || fwrite(text, 1, len, fp) != len || fclose(fp) != 0) {
        cli_error("learn: --save '%s': cannot write: %s", path,
                  strerror(errno != 0 ? errno : EIO));
        rc = CLI_EXIT_OUTPUT;
    }
    free(text);
    return rc;
}

/* Learns from the history at path into *result. */
static int learn_history(request *req, const char *path, fpl_learn_result *result,
                         fpl_error *err)
{
    fpl_learn_options opt;
    int rc = read_options(req, &opt, err);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    learner lr = {malloc(sizeof *lr.l), malloc(FPL_LEARN_WORK_MIN)};
    fpl_learn *l = lr.l;
    char *chunk = malloc(CHUNK);
    void *scratch = NULL;
    fpl_error e;
    if (l == NULL || lr.work == NULL || chunk == NULL ||
        fpl_learn_begin(l, &opt, lr.work, FPL_LEARN_WORK_MIN, &e) != FPL_OK) {
        rc = fail_memory();
    }
    const char *file = strcmp(path, "-") == 0 ? "stdin" : path;
    if (rc == CLI_EXIT_OK) {
        rc = read_history(&lr, path, file, chunk);
    }
    if (rc == CLI_EXIT_OK) {
        free(chunk); /* room for the scratch */
        chunk = NULL;
        const size_t size = fpl_learn_finish_needed(l);
        scratch = malloc(size > 0 ? size : 1);
        if (scratch == NULL) {
            rc = fail_memory();
        } else if (fpl_learn_finish(l, scratch, size, result, &e) != FPL_OK) {
            cli_error("learn: '%s': %s", path, fpl_error_message(&e));
            rc = CLI_EXIT_USAGE;
        }
    }
    free(scratch);
    free(lr.work);
    free(l);
    free(chunk);
    return rc;
}

/* The options of one part (the history's, the leads') given without it. */
static int check_parts(const request *req, const char *path)
{
    static const opt_id history[] = {OPT_COLUMN, OPT_STAGES, OPT_FORM, OPT_AS_OF, OPT_BACKTEST,
                                     OPT_SAVE};
    static const opt_id leads[] = {OPT_OUTCOME,   OPT_CRITERIA,  OPT_CRITERION,
                                   OPT_SATURATION, OPT_ID_COLUMN, OPT_SAVE_SCORE};
    if (path == NULL && req->value[OPT_LEADS] == NULL) {
        cli_error("learn: a FILE is needed (a CSV history of stage entries; - reads "
                  "standard input)");
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; path == NULL && i < sizeof history / sizeof history[0]; ++i) {
        if (req->value[history[i]] != NULL) {
            cli_error("learn: %s is about the history: give its FILE too%s",
                      cli_option_name(history[i]),
                      history[i] == OPT_SAVE ? " (the fitted criteria go to --save-score)"
                                             : "");
            return CLI_EXIT_USAGE;
        }
    }
    for (size_t i = 0; req->value[OPT_LEADS] == NULL && i < sizeof leads / sizeof leads[0];
         ++i) {
        if (req->value[leads[i]] != NULL) {
            cli_error("learn: %s is about the leads: give --leads FILE too",
                      cli_option_name(leads[i]));
            return CLI_EXIT_USAGE;
        }
    }
    if (req->value[OPT_LEADS] != NULL && req->value[OPT_OUTCOME] == NULL) {
        cli_error("learn: --leads needs --outcome COLUMN (the column of won or lost the "
                  "weights are fitted to)");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

int cli_run_learn(request *req, cli_buf *out, fpl_error *err)
{
    const char *path = req->operand;
    const char *leads = req->value[OPT_LEADS];
    int rc = check_parts(req, path);
    if (rc == CLI_EXIT_OK && leads != NULL) {
        rc = cli_score_criteria(req); /* refused before any file is read */
    }
    fpl_learn_result *result = path != NULL ? malloc(sizeof *result) : NULL;
    cli_fit *fit = leads != NULL ? malloc(sizeof *fit) : NULL;
    if (rc == CLI_EXIT_OK && ((path != NULL && result == NULL) || (leads != NULL && fit == NULL))) {
        rc = fail_memory();
    }
    if (rc == CLI_EXIT_OK && path != NULL) {
        rc = learn_history(req, path, result, err);
    }
    bool skipped = rc == CLI_EXIT_OK && path != NULL && result->skipped > 0;
    if (rc == CLI_EXIT_OK && leads != NULL) {
        rc = cli_fit_leads(req, req->value[OPT_OUTCOME], fit);
        skipped = skipped || rc == CLI_EXIT_SKIPPED;
        rc = rc == CLI_EXIT_SKIPPED ? CLI_EXIT_OK : rc;
    }
    if (rc == CLI_EXIT_OK && path != NULL && leads != NULL) {
        CLI_RENDER(out, fpl_learn_fit_render, result, &fit->result, &fit->source, req->format);
    } else if (rc == CLI_EXIT_OK && path != NULL) {
        CLI_RENDER(out, fpl_learn_render, result, req->format);
    } else if (rc == CLI_EXIT_OK) {
        cli_fit_render(req->format, fit, out);
    }
    if (rc == CLI_EXIT_OK && result != NULL && req->value[OPT_SAVE] != NULL) {
        rc = save(req->value[OPT_SAVE], result);
    }
    if (rc == CLI_EXIT_OK && fit != NULL && req->value[OPT_SAVE_SCORE] != NULL) {
        rc = cli_save_fit(OPT_SAVE_SCORE, req->value[OPT_SAVE_SCORE], fit);
    }
    if (rc == CLI_EXIT_OK && skipped) {
        rc = CLI_EXIT_SKIPPED;
    }
    free(result);
    free(fit);
    return rc;
}

/*
 * funnelplan CLI — `funnelplan score`: every lead of a CSV file scored
 * against weighted criteria (BANT by default), banded and ranked, most
 * promising first.
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options and calls cli_run_score(); this file reads
 * their texts with the library's parsers (fpl_criteria_bant,
 * fpl_criteria_add_parse, fpl_parse_amount, fpl_criteria_check,
 * fpl_score_top_parse), feeds the file to the library's streaming reader
 * (fpl_csv_begin, fpl_csv_feed) and ranks the rows with fpl_score_before().
 * No formula, default or range lives here; a refusal names the field at
 * fault (fpl_error) and fail() prints it as the option typed.
 *
 * Memory does not grow with the file. The file is read in chunks; at most
 * BATCH scored rows are held (their line, score and id), each full batch is
 * sorted and written to a temporary file as a run of compact records, and
 * the runs are merged (a binary heap) while the output is written. Runs are
 * merged FAN_IN at a time as they pile up (like the levels of a merge
 * sort), so the open files and the memory of the merge stay bounded too. A
 * file whose rows fit in one batch never touches a temporary file.
 *
 * The counts come before the rows in the JSON, and the whole file is read
 * before anything is written: a fault under --strict, or a header that
 * cannot be scored, leaves nothing on stdout. The rows are then written as
 * they come out of the merge (cli_buf_drain), never all built in memory.
 *
 * With --fit COLUMN the rows are not ranked: each scored row's answers
 * and outcome are kept (growing arrays: the fit needs them all), and
 * fpl_score_fit() fits the weights; fpl_score_fit_render() writes the
 * result and fpl_criteria_options() the --save file.
 *
 * Exit statuses: 0 every row scored; 2 bad input (an option, the header, a
 * file that cannot be read, the first faulty row with --strict); 3 the
 * output (or a temporary file) could not be written; 4 some rows were
 * skipped (each reported on stderr as FILE:LINE: MESSAGE).
 *
 * The table, the CSV and the JSON are the library's
 * (fpl_score_render_begin(), _lead(), _skipped(), _end()), written into out
 * a part at a time; the counts are its too (fpl_score_tally_add()), and the
 * width of an id as the table shows it (fpl_format_escaped()).
 */

#define _POSIX_C_SOURCE 200809L /* fstat: is standard output open? */

#include "tables.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    CHUNK = 64 * 1024, /* bytes read from the file at a time */
    FEED_ROWS = 256,   /* rows one fpl_csv_feed() call may give */
    BATCH = 65536,     /* most scored rows held in memory */
    FAN_IN = 16,       /* runs merged into one at a time */
    KEEP_SKIPPED = 100, /* skipped rows listed in the JSON */
    RECORD_HEAD = 28    /* a record on disk: line, score, missing, band,
                         * sales-ready, id length (then the id's bytes) */
};

/* ---- errors -------------------------------------------------------------- */

/* The option the user typed for the field the library blames, and its
 * text (cli_fail_error); the id column and the preset when not typed. */
static int fail(const request *req, const fpl_error *err)
{
    const cli_option *o = cli_option_for_field(req->cmd->bit, err->field);
    if (o != NULL && cli_given_text(req, o->id, err->index) != NULL) {
        return cli_fail_error(req, err);
    }
    if (err->field == FPL_FIELD_ID_COLUMN) {
        return cli_fail_option(req, OPT_ID_COLUMN, "id", err);
    }
    /* the default preset itself: never refused by the library */
    return cli_fail_option(req, OPT_CRITERIA, fpl_preset_name(FPL_PRESET_DEFAULT), err);
}

/* A temporary file that cannot be made, written or read back: the output
 * cannot be made either (exit status 3, as for out of memory). */
static int fail_temp(int err)
{
    cli_error("score: a temporary file failed: %s", strerror(err != 0 ? err : EIO));
    return CLI_EXIT_OUTPUT;
}

/* A new temporary file into *out. With standard output closed the system
 * would give the file descriptor 1, so that the output went into the
 * temporary file and a run read back the output's bytes: the fault is the
 * output's, and is said as emit() says it (exit status 3). */
static int temp_file(FILE **out)
{
    struct stat st;
    *out = NULL;
    if (fstat(STDOUT_FILENO, &st) != 0 && errno == EBADF) {
        cli_error("cannot write output: %s", strerror(EBADF));
        return CLI_EXIT_OUTPUT;
    }
    errno = 0;
    *out = tmpfile();
    return *out != NULL ? CLI_EXIT_OK : fail_temp(errno);
}

static int fail_memory(void)
{
    cli_error("out of memory");
    return CLI_EXIT_OUTPUT;
}

/* ---- the options --------------------------------------------------------- */

/* The thresholds given, read after the criteria (the library checks them
 * and has the defaults). */
static const cli_field threshold_fields[] = {
    {OPT_HOT, F_AMOUNT, AT(in.criteria.hot), AT(in.criteria.has_hot)},
    {OPT_WARM, F_AMOUNT, AT(in.criteria.warm), AT(in.criteria.has_warm)},
};

/* The definition: the BANT preset or the --criterion list, and the
 * thresholds (into req->in.criteria). */
int cli_score_criteria(request *req)
{
    fpl_criteria *c = &req->in.criteria;
    if (req->value[OPT_CRITERIA] != NULL && req->n[OPT_CRITERION] > 0) {
        cli_error("%s: --criteria and --criterion cannot be given together "
                  "(--criteria names a preset; --criterion gives each criterion)",
                  req->cmd->name);
        return CLI_EXIT_USAGE;
    }
    fpl_error err;
    if (req->n[OPT_CRITERION] == 0) {
        const char *preset = req->value[OPT_CRITERIA];
        const fpl_status st =
            preset != NULL ? fpl_criteria_preset_parse(preset, strlen(preset), c, NULL, &err)
                           : fpl_criteria_preset(FPL_PRESET_DEFAULT, c, &err);
        if (st != FPL_OK) {
            return fail(req, &err);
        }
    }
    for (size_t i = 0; i < req->n[OPT_CRITERION]; ++i) {
        const char *text = req->list[OPT_CRITERION][i];
        if (fpl_criteria_add_parse(c, text, strlen(text), &err) != FPL_OK) {
            return fail(req, &err);
        }
    }
    for (size_t i = 0; i < req->n[OPT_SATURATION]; ++i) {
        const char *text = req->list[OPT_SATURATION][i];
        if (fpl_criteria_saturation_parse(c, text, strlen(text), &err) != FPL_OK) {
            return cli_fail_option(req, OPT_SATURATION, text, &err);
        }
    }
    const int rc = cli_read_fields(req, threshold_fields, 2);
    return rc != CLI_EXIT_OK || fpl_criteria_check(c, &err) == FPL_OK ? rc : fail(req, &err);
}

/* --top N: how many of the best leads to print (every one without it). */
static int read_top(const request *req, uint64_t *out)
{
    *out = UINT64_MAX;
    fpl_error err;
    const char *top = req->value[OPT_TOP];
    if (top != NULL && fpl_score_top_parse(top, strlen(top), out, &err) != FPL_OK) {
        return fail(req, &err);
    }
    return CLI_EXIT_OK;
}

/* ---- the rows ------------------------------------------------------------ */

/* A scored row as the ranking and the output need it. In a batch the id
 * lives in the batch's arena at id_at. */
typedef struct lead {
    uint64_t line;
    fpl_lead_score score;
    size_t id_at;
    size_t id_len;
} lead;

/* A skipped row, for the JSON's "skipped_rows" (the first KEEP_SKIPPED). */
typedef struct skipped_row {
    uint64_t line;
    fpl_csv_fault fault;
    size_t criterion; /* with FPL_CSV_ANSWER: the criterion whose column is at fault */
} skipped_row;

/* A sorted run on disk. */
typedef struct score_run {
    FILE *f;
    uint64_t count;
    unsigned level; /* 0: one batch; k + 1: FAN_IN runs of level k merged */
} score_run;

typedef struct scorer {
    const request *req;
    const char *file; /* the --leads value as messages name it ("stdin" for -) */
    const fpl_criteria *criteria; /* req->in.criteria */
    fpl_csv_reader *reader;
    fpl_csv_row *rows;
    char *chunk;
    /* the batch in memory */
    lead *batch;
    size_t n_batch;
    char *ids;
    size_t ids_len;
    size_t ids_cap;
    /* the runs on disk */
    score_run *runs;
    size_t n_runs;
    size_t runs_cap;
    /* the counts, over every row */
    fpl_score_tally tally;
    skipped_row kept[KEEP_SKIPPED];
    size_t n_kept;
    size_t id_cells; /* the widest id as the table shows it */
    cli_buf scratch;
    /* with --fit: every lead with an outcome */
    double *answers; /* criteria.n_criteria per lead */
    bool *won;
    size_t n_leads;
    size_t leads_cap;
    uint64_t open; /* rows without an outcome */
} scorer;

static int compare_leads(const void *pa, const void *pb)
{
    const lead *a = pa;
    const lead *b = pb;
    if (fpl_score_before(&a->score, a->line, &b->score, b->line)) {
        return -1;
    }
    if (fpl_score_before(&b->score, b->line, &a->score, a->line)) {
        return 1;
    }
    return 0;
}

/* The message of a skipped row: the library's, with the column named for an
 * answer at fault ("column 'budget': ..."). */
static void fault_message(cli_buf *out, const scorer *s, const skipped_row *r)
{
    if ((r->fault == FPL_CSV_ANSWER || r->fault == FPL_CSV_COUNT) &&
        r->criterion < s->criteria->n_criteria) {
        cli_buf_puts(out, "column '");
        cli_buf_puts(out, s->criteria->criteria[r->criterion].name);
        cli_buf_puts(out, "': ");
    } else if (r->fault == FPL_CSV_OUTCOME) {
        cli_buf_puts(out, "column '");
        cli_buf_puts(out, s->reader->outcome_column);
        cli_buf_puts(out, "': ");
    }
    cli_buf_puts(out, fpl_csv_fault_message(r->fault));
}

/* ---- runs on disk -------------------------------------------------------- */

static bool put_record(FILE *f, const lead *l, const char *id)
{
    unsigned char head[RECORD_HEAD];
    const uint16_t id_len = (uint16_t)l->id_len;
    memcpy(head, &l->line, 8);
    memcpy(head + 8, &l->score.score, 8);
    memcpy(head + 16, &l->score.missing, 8);
    head[24] = (unsigned char)l->score.band;
    head[25] = l->score.sales_ready ? 1u : 0u;
    memcpy(head + 26, &id_len, 2);
    return fwrite(head, 1, sizeof head, f) == sizeof head &&
           fwrite(id, 1, l->id_len, f) == l->id_len;
}

static size_t bits_set(uint64_t x)
{
    size_t n = 0;
    for (; x != 0; x &= x - 1) {
        ++n;
    }
    return n;
}

static bool get_record(FILE *f, lead *l, char id[FPL_CSV_ID_MAX + 1])
{
    unsigned char head[RECORD_HEAD];
    uint16_t id_len;
    if (fread(head, 1, sizeof head, f) != sizeof head) {
        return false;
    }
    memset(l, 0, sizeof *l);
    memcpy(&l->line, head, 8);
    memcpy(&l->score.score, head + 8, 8);
    memcpy(&l->score.missing, head + 16, 8);
    l->score.band = (fpl_band)head[24];
    l->score.sales_ready = head[25] != 0;
    l->score.n_missing = bits_set(l->score.missing);
    memcpy(&id_len, head + 26, 2);
    if (id_len > FPL_CSV_ID_MAX || fread(id, 1, id_len, f) != id_len) {
        return false;
    }
    id[id_len] = '\0';
    l->id_len = id_len;
    return true;
}

/* Where merged rows go: false stops the merge (enough rows, or a failure
 * the sink remembers). */
typedef bool (*row_sink)(void *ctx, const lead *l, const char *id);

/* One run being merged: its next row. */
typedef struct source {
    FILE *f;
    uint64_t left;
    lead cur;
    char id[FPL_CSV_ID_MAX + 1];
} source;

static bool source_next(source *s)
{
    if (!get_record(s->f, &s->cur, s->id)) {
        return false;
    }
    s->left--;
    return true;
}

static bool source_before(const source *a, const source *b)
{
    return fpl_score_before(&a->cur.score, a->cur.line, &b->cur.score, b->cur.line);
}

static void sift_down(const source *src, size_t *heap, size_t n, size_t i)
{
    for (;;) {
        size_t best = i;
        const size_t l = 2 * i + 1;
        const size_t r = l + 1;
        if (l < n && source_before(&src[heap[l]], &src[heap[best]])) {
            best = l;
        }
        if (r < n && source_before(&src[heap[r]], &src[heap[best]])) {
            best = r;
        }
        if (best == i) {
            return;
        }
        const size_t t = heap[i];
        heap[i] = heap[best];
        heap[best] = t;
        i = best;
    }
}

/* Merges n sorted runs into the sink, best first. Returns CLI_EXIT_OK (also
 * when the sink stopped it) or the status of a failure, reported. */
static int merge_runs(const score_run *runs, size_t n, row_sink put, void *ctx)
{
    source *src = calloc(n, sizeof *src);
    size_t *heap = calloc(n, sizeof *heap);
    if (src == NULL || heap == NULL) {
        free(src);
        free(heap);
        return fail_memory();
    }
    int rc = CLI_EXIT_OK;
    size_t h = 0;
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; ++i) {
        src[i].f = runs[i].f;
        src[i].left = runs[i].count;
        errno = 0;
        if (fflush(runs[i].f) != 0 || fseek(runs[i].f, 0, SEEK_SET) != 0) {
            rc = fail_temp(errno);
        } else if (src[i].left > 0) {
            if (source_next(&src[i])) {
                heap[h++] = i;
            } else {
                rc = fail_temp(errno);
            }
        }
    }
    for (size_t i = h / 2; i-- > 0;) {
        sift_down(src, heap, h, i);
    }
    while (rc == CLI_EXIT_OK && h > 0) {
        source *top = &src[heap[0]];
        if (!put(ctx, &top->cur, top->id)) {
            break;
        }
        if (top->left > 0) {
            errno = 0;
            if (!source_next(top)) {
                rc = fail_temp(errno);
                break;
            }
        } else {
            heap[0] = heap[--h];
        }
        sift_down(src, heap, h, 0);
    }
    free(src);
    free(heap);
    return rc;
}

/* The sink that writes a merged run. */
typedef struct run_writer {
    FILE *f;
    uint64_t count;
    int err; /* errno of a failed write; 0 while none */
} run_writer;

static bool put_to_run(void *ctx, const lead *l, const char *id)
{
    run_writer *w = ctx;
    errno = 0;
    if (!put_record(w->f, l, id)) {
        w->err = errno != 0 ? errno : EIO;
        return false;
    }
    w->count++;
    return true;
}

/* Runs pile up as on a stack, their levels never rising towards the top:
 * while the top FAN_IN runs have the same level, merge them into one of
 * the next level. */
static int cascade(scorer *s)
{
    while (s->n_runs >= FAN_IN) {
        const size_t first = s->n_runs - FAN_IN;
        const unsigned level = s->runs[first].level;
        if (s->runs[s->n_runs - 1].level != level) {
            return CLI_EXIT_OK;
        }
        run_writer w = {NULL, 0, 0};
        int rc = temp_file(&w.f);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        rc = merge_runs(&s->runs[first], FAN_IN, put_to_run, &w);
        if (rc == CLI_EXIT_OK && w.err != 0) {
            rc = fail_temp(w.err);
        }
        if (rc != CLI_EXIT_OK) {
            (void)fclose(w.f); /* the failure is rc's */
            return rc;
        }
        for (size_t i = first; i < s->n_runs; ++i) {
            (void)fclose(s->runs[i].f); /* read to the end: nothing left to lose */
        }
        s->runs[first] = (score_run){w.f, w.count, level + 1};
        s->n_runs = first + 1;
    }
    return CLI_EXIT_OK;
}

/* Sorts the batch and writes it to a new temporary file as a run. */
static int spill(scorer *s)
{
    qsort(s->batch, s->n_batch, sizeof *s->batch, compare_leads);
    if (s->n_runs == s->runs_cap) {
        size_t cap = s->runs_cap == 0 ? (size_t)2 * FAN_IN : 2 * s->runs_cap;
        score_run *p = realloc(s->runs, cap * sizeof *p);
        if (p == NULL) {
            return fail_memory();
        }
        s->runs = p;
        s->runs_cap = cap;
    }
    FILE *f;
    const int rc = temp_file(&f);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    for (size_t i = 0; i < s->n_batch; ++i) {
        errno = 0;
        if (!put_record(f, &s->batch[i], s->ids + s->batch[i].id_at)) {
            int err = errno;
            (void)fclose(f); /* the failure is err's */
            return fail_temp(err);
        }
    }
    s->runs[s->n_runs++] = (score_run){f, s->n_batch, 0};
    s->n_batch = 0;
    s->ids_len = 0;
    return cascade(s);
}

/* ---- reading ------------------------------------------------------------- */

/* --fit: a scored row's answers and outcome, kept for the fit. */
static int keep_lead(scorer *s, const fpl_csv_row *row)
{
    if (row->outcome != FPL_OUTCOME_WON && row->outcome != FPL_OUTCOME_LOST) {
        s->open++;
        return CLI_EXIT_OK;
    }
    const size_t k = s->criteria->n_criteria;
    if (s->n_leads == s->leads_cap) {
        const size_t cap = s->leads_cap == 0 ? 4096 : 2 * s->leads_cap;
        double *a = cap <= SIZE_MAX / (k * sizeof *a) ? realloc(s->answers, cap * k * sizeof *a)
                                                      : NULL;
        if (a == NULL) {
            return fail_memory();
        }
        s->answers = a;
        bool *w = realloc(s->won, cap * sizeof *w);
        if (w == NULL) {
            return fail_memory();
        }
        s->won = w;
        s->leads_cap = cap;
    }
    memcpy(s->answers + s->n_leads * k, row->answers, k * sizeof *row->answers);
    s->won[s->n_leads++] = row->outcome == FPL_OUTCOME_WON;
    return CLI_EXIT_OK;
}

static int take_row(scorer *s, const fpl_csv_row *row)
{
    if (row->fault != FPL_CSV_OK) {
        const bool answer = row->fault == FPL_CSV_ANSWER || row->fault == FPL_CSV_COUNT;
        const skipped_row r = {row->line, row->fault, answer ? row->criterion : SIZE_MAX};
        fpl_score_tally_add(&s->tally, row);
        if (s->n_kept < KEEP_SKIPPED) {
            s->kept[s->n_kept++] = r;
        }
        s->scratch.len = 0;
        fault_message(&s->scratch, s, &r);
        cli_buf_putc(&s->scratch, '\0');
        cli_error("%s:%llu: %s", s->file, (unsigned long long)r.line,
                  s->scratch.oom ? fpl_csv_fault_message(r.fault) : s->scratch.data);
        return s->req->value[OPT_STRICT] != NULL ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    fpl_score_tally_add(&s->tally, row);
    if (s->reader->outcome_column[0] != '\0') { /* a fit's leads */
        return keep_lead(s, row);
    }
    size_t cells = 0;
    (void)fpl_format_escaped(row->id, NULL, 0, &cells);
    s->id_cells = cells > s->id_cells ? cells : s->id_cells;
    if (s->n_batch == BATCH) {
        int rc = spill(s);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    const size_t id_len = strlen(row->id);
    if (s->ids_cap - s->ids_len < id_len) {
        size_t cap = s->ids_cap == 0 ? (size_t)64 * 1024 : 2 * s->ids_cap;
        while (cap - s->ids_len < id_len) {
            cap *= 2;
        }
        char *p = realloc(s->ids, cap);
        if (p == NULL) {
            return fail_memory();
        }
        s->ids = p;
        s->ids_cap = cap;
    }
    memcpy(s->ids + s->ids_len, row->id, id_len);
    s->batch[s->n_batch++] = (lead){row->line, row->score, s->ids_len, id_len};
    s->ids_len += id_len;
    return CLI_EXIT_OK;
}

static int cannot_read(const char *path, int err)
{
    char message[256];
    (void)snprintf(message, sizeof message, "cannot read: %s", /* a longer one is cut */
                   strerror(err != 0 ? err : EIO));
    return cli_fail_usage(cli_option_name(OPT_LEADS), path, message);
}

/* Reads the whole file through the library's reader. */
static int read_leads(scorer *s)
{
    const char *path = s->req->value[OPT_LEADS];
    const bool from_stdin = strcmp(path, "-") == 0;
    errno = 0;
    FILE *fp = from_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL) {
        return cannot_read(path, errno);
    }
    int rc = CLI_EXIT_OK;
    bool at_end = false;
    while (rc == CLI_EXIT_OK && !at_end) {
        errno = 0;
        const size_t got = fread(s->chunk, 1, CHUNK, fp);
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
            fpl_status st = fpl_csv_feed(s->reader, s->chunk + off, got - off, at_end, s->rows,
                                         FEED_ROWS, &n, &used, &err);
            off += used;
            for (size_t i = 0; i < n && rc == CLI_EXIT_OK; ++i) {
                rc = take_row(s, &s->rows[i]);
            }
            if (rc == CLI_EXIT_OK && st == FPL_ERR_CSV_HEADER) {
                /* the library says which column, or which name has none */
                char message[FPL_CSV_HEADER_MESSAGE_MAX];
                (void)fpl_csv_header_message(s->reader, message, sizeof message);
                rc = cli_fail_usage(cli_option_name(OPT_LEADS), path, message);
            } else if (rc == CLI_EXIT_OK && st != FPL_OK) {
                rc = fail(s->req, &err);
            }
            /* More to feed: the rest of the chunk, or (at the end, with the
             * rows full) a last row still pending. A call that takes
             * nothing and gives nothing has nothing more to say. */
            if (rc != CLI_EXIT_OK || (used == 0 && n == 0) ||
                !(off < got || (at_end && n == FEED_ROWS))) {
                break;
            }
        }
    }
    if (!from_stdin) {
        (void)fclose(fp); /* read only: a read error is rc's */
    }
    return rc;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct writer {
    const scorer *s;
    cli_buf *out;
    fpl_score_writer w;
    uint64_t top;
} writer;

/* The library's writer puts its text here. */
static void put_text(void *out, const char *text, size_t len)
{
    cli_buf_put(out, text, len);
}

static bool put_row(void *ctx, const lead *l, const char *id)
{
    writer *wr = ctx;
    if (wr->w.leads >= wr->top || wr->out->sink_error != 0) {
        return false;
    }
    (void)fpl_score_render_lead(&wr->w, l->line, id, &l->score, NULL);
    cli_buf_drain(wr->out);
    return wr->out->sink_error == 0;
}

/* The skipped rows listed (in the JSON) and the end. */
static void end_output(writer *wr, cli_buf *cell)
{
    const scorer *s = wr->s;
    for (size_t i = 0; i < s->n_kept; ++i) {
        cell->len = 0;
        fault_message(cell, s, &s->kept[i]);
        cli_buf_putc(cell, '\0');
        (void)fpl_score_render_skipped(&wr->w, s->kept[i].line, cell->oom ? "" : cell->data,
                                       NULL);
    }
    (void)fpl_score_render_end(&wr->w, NULL);
}

/* Writes the result: the counts, then the rows best first (from the batch
 * when every row fit in it, else merged from the runs), then the rest. */
static int write_result(scorer *s, uint64_t top, cli_buf *out)
{
    int rc = CLI_EXIT_OK;
    if (s->n_runs > 0 && s->n_batch > 0) {
        rc = spill(s); /* the last batch becomes a run like the others */
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    writer wr = {s, out, {0}, top};
    (void)fpl_score_render_begin(&wr.w, s->req->format, s->criteria, s->reader->id_column,
                                 &s->tally, s->tally.scored < top ? s->tally.scored : top,
                                 s->id_cells, put_text, out, NULL);
    if (s->n_runs == 0) {
        qsort(s->batch, s->n_batch, sizeof *s->batch, compare_leads);
        for (size_t i = 0; i < s->n_batch; ++i) {
            const lead *l = &s->batch[i];
            /* the id is not NUL-terminated in the arena */
            char id[FPL_CSV_ID_MAX + 1];
            memcpy(id, s->ids + l->id_at, l->id_len);
            id[l->id_len] = '\0';
            if (!put_row(&wr, l, id)) {
                break;
            }
        }
    } else {
        rc = merge_runs(s->runs, s->n_runs, put_row, &wr);
    }
    if (rc == CLI_EXIT_OK) {
        end_output(&wr, &s->scratch);
    }
    return rc;
}

/* ---- --fit, and learn's --leads ------------------------------------------- */

/* Writes the fitted criteria as an @FILE to path, the value of option. */
int cli_save_fit(opt_id option, const char *path, const cli_fit *fit)
{
    char text[FPL_CRITERIA_OPTIONS_MAX + FPL_NAME_MAX + 64];
    char comment[FPL_NAME_MAX + 64];
    (void)snprintf(comment, sizeof comment, "criteria fitted to the outcomes in column %s",
                   fit->outcome);
    (void)fpl_criteria_options(&fit->result.fitted, comment, text, sizeof text);
    errno = 0;
    FILE *f = fopen(path, "w");
    const size_t len = strlen(text);
    bool ok = f != NULL && fwrite(text, 1, len, f) == len;
    int err = errno;
    if (f != NULL && fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        cli_error("%s '%s': cannot write: %s", cli_option_name(option), path,
                  strerror(err != 0 ? err : EIO));
        return CLI_EXIT_OUTPUT;
    }
    return CLI_EXIT_OK;
}

/* Fits the weights to the leads kept: fit->result and fit->source. */
static int fit_kept(scorer *s, cli_fit *fit)
{
    const size_t work_len = fpl_score_fit_work(s->n_leads);
    double *work = malloc((work_len > 0 ? work_len : 1) * sizeof *work);
    if (work == NULL) {
        return fail_memory();
    }
    fpl_error err;
    const fpl_status st = fpl_score_fit(s->criteria, s->answers, s->won, s->n_leads, work,
                                        work_len, &fit->result, &err);
    free(work);
    if (st != FPL_OK) {
        return fail(s->req, &err);
    }
    const request *req = s->req;
    const char *preset = req->value[OPT_CRITERIA];
    (void)snprintf(fit->outcome, sizeof fit->outcome, "%s", s->reader->outcome_column);
    fit->source = (fpl_score_fit_source){
        req->n[OPT_CRITERION] == 0 ? (preset != NULL ? preset : fpl_preset_name(FPL_PRESET_DEFAULT))
                                   : NULL,
        fit->outcome, s->open, s->tally.skipped};
    return CLI_EXIT_OK;
}

static void free_scorer(scorer *s);
static int read_file(scorer *s, const char *outcome);

int cli_fit_leads(request *req, const char *outcome, cli_fit *fit)
{
    scorer *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return fail_memory();
    }
    s->req = req;
    s->criteria = &req->in.criteria;
    int rc = read_file(s, outcome);
    if (rc == CLI_EXIT_OK) {
        rc = fit_kept(s, fit);
    }
    if (rc == CLI_EXIT_OK && s->tally.skipped > 0) {
        rc = CLI_EXIT_SKIPPED;
    }
    free_scorer(s);
    return rc;
}

/* score --fit: the fit, saved with --save, written. */
static int write_fit(request *req, cli_buf *out)
{
    cli_fit *fit = malloc(sizeof *fit);
    if (fit == NULL) {
        return fail_memory();
    }
    int rc = cli_fit_leads(req, req->value[OPT_FIT], fit);
    if ((rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED) && req->value[OPT_SAVE] != NULL) {
        const int saved = cli_save_fit(OPT_SAVE, req->value[OPT_SAVE], fit);
        rc = saved != CLI_EXIT_OK ? saved : rc;
    }
    if (rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED) {
        cli_fit_render(req->format, fit, out);
    }
    free(fit);
    return rc;
}

void cli_fit_render(cli_format format, const cli_fit *fit, cli_buf *out)
{
    (void)fpl_score_fit_render(format, &fit->result, &fit->source, put_text, out, NULL);
}

/* ---- the command --------------------------------------------------------- */

static void free_scorer(scorer *s)
{
    for (size_t i = 0; i < s->n_runs; ++i) {
        (void)fclose(s->runs[i].f); /* temporary files, about to vanish */
    }
    free(s->runs);
    free(s->reader);
    free(s->rows);
    free(s->chunk);
    free(s->batch);
    free(s->ids);
    free(s->answers);
    free(s->won);
    cli_buf_free(&s->scratch);
    free(s);
}

/* Reads --leads through the library's reader, with the outcome column
 * outcome (NULL: none): the rows go to take_row(). */
static int read_file(scorer *s, const char *outcome)
{
    const request *req = s->req;
    int rc = CLI_EXIT_OK;
    s->file = strcmp(req->value[OPT_LEADS], "-") == 0 ? "stdin" : req->value[OPT_LEADS];
    s->reader = malloc(sizeof *s->reader);
    s->rows = malloc(FEED_ROWS * sizeof *s->rows);
    s->chunk = malloc(CHUNK);
    s->batch = malloc(BATCH * sizeof *s->batch);
    if (s->reader == NULL || s->rows == NULL || s->chunk == NULL || s->batch == NULL) {
        rc = fail_memory();
    }
    if (rc == CLI_EXIT_OK) {
        const char *id = req->value[OPT_ID_COLUMN] != NULL ? req->value[OPT_ID_COLUMN] : "id";
        fpl_error err;
        if (fpl_csv_begin(s->reader, s->criteria, id, strlen(id), &err) != FPL_OK ||
            (outcome != NULL &&
             fpl_csv_outcome_column(s->reader, outcome, strlen(outcome), &err) != FPL_OK)) {
            rc = fail(req, &err);
        }
    }
    return rc == CLI_EXIT_OK ? read_leads(s) : rc;
}

int cli_run_score(request *req, cli_buf *out, fpl_error *unused)
{
    (void)unused;
    uint64_t top = UINT64_MAX;
    int rc = cli_score_criteria(req);
    if (rc == CLI_EXIT_OK) {
        rc = read_top(req, &top);
    }
    const char *fit = req->value[OPT_FIT];
    if (rc == CLI_EXIT_OK && fit != NULL && req->value[OPT_TOP] != NULL) {
        cli_error("score: --top and --fit cannot be given together (--fit ranks no leads)");
        rc = CLI_EXIT_USAGE;
    }
    if (rc == CLI_EXIT_OK && req->value[OPT_SAVE] != NULL && fit == NULL) {
        cli_error("score: --save needs --fit COLUMN (it saves the fitted criteria)");
        rc = CLI_EXIT_USAGE;
    }
    if (rc == CLI_EXIT_OK && req->value[OPT_LEADS] == NULL) {
        cli_error("score: --leads FILE is needed (a CSV file of leads; - reads standard "
                  "input)");
        rc = CLI_EXIT_USAGE;
    }
    if (rc != CLI_EXIT_OK || fit != NULL) {
        return rc != CLI_EXIT_OK ? rc : write_fit(req, out);
    }
    scorer *s = calloc(1, sizeof *s);
    if (s == NULL) {
        return fail_memory();
    }
    s->req = req;
    s->criteria = &req->in.criteria;
    rc = read_file(s, NULL);
    if (rc == CLI_EXIT_OK) {
        rc = write_result(s, top, out);
    }
    if (rc == CLI_EXIT_OK && s->tally.skipped > 0) {
        rc = CLI_EXIT_SKIPPED;
    }
    free_scorer(s);
    return rc;
}

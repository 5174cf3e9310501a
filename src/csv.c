/*
 * funnelplan — the streaming CSV tokenizer of fpl_csv_feed and
 * fpl_learn_feed (see csv.h).
 * SPDX-License-Identifier: MIT
 */

#include "csv.h"

#include "funnelplan/learn.h"
#include "funnelplan/score.h"

#include <string.h>

/* The fault is written into the owner's enum as an int: both enums are of
 * an int's size and number the tokenizer's faults alike. */
_Static_assert(sizeof(fpl_csv_fault) == sizeof(int) && sizeof(fpl_learn_fault) == sizeof(int),
               "a record's fault is an int");
_Static_assert((int)FPL_CSV_FIELDS == FPL__CSV_FAULT_FIELDS &&
                   (int)FPL_CSV_QUOTE == FPL__CSV_FAULT_QUOTE &&
                   (int)FPL_CSV_UNTERMINATED == FPL__CSV_FAULT_UNTERMINATED &&
                   (int)FPL_CSV_TOO_LONG == FPL__CSV_FAULT_TOO_LONG,
               "fpl_csv_fault numbers the tokenizer's faults as csv.h does");
_Static_assert((int)FPL_LEARN_FAULT_FIELDS == FPL__CSV_FAULT_FIELDS &&
                   (int)FPL_LEARN_FAULT_QUOTE == FPL__CSV_FAULT_QUOTE &&
                   (int)FPL_LEARN_FAULT_UNTERMINATED == FPL__CSV_FAULT_UNTERMINATED &&
                   (int)FPL_LEARN_FAULT_TOO_LONG == FPL__CSV_FAULT_TOO_LONG,
               "fpl_learn_fault numbers the tokenizer's faults as csv.h does");

static void set_fault(const fpl__csv *t, int fault)
{
    memcpy(t->fault, &fault, sizeof fault);
}

/* What changes at nearly every byte, in locals while the bytes are read:
 * the owner's members are written back before a hook sees them. */
typedef struct cursor {
    int state;
    bool seen;
    bool bad;
    size_t len;
} cursor;

static void load(const fpl__csv *t, cursor *cur)
{
    cur->state = *t->state;
    cur->seen = *t->seen;
    cur->bad = *t->bad;
    cur->len = *t->len;
}

static void store(const fpl__csv *t, const cursor *cur)
{
    *t->state = cur->state;
    *t->seen = cur->seen;
    *t->bad = cur->bad;
    *t->len = cur->len;
}

/* The record's first fault is the one it keeps. */
static void mark_bad(const fpl__csv *t, cursor *cur, int fault)
{
    if (!cur->bad) {
        cur->bad = true;
        set_fault(t, fault);
    }
}

static void put_byte(const fpl__csv *t, cursor *cur, char c)
{
    if (cur->bad) {
        return; /* nothing of a faulty record is kept */
    }
    if (cur->len >= FPL_CSV_RECORD_MAX) {
        mark_bad(t, cur, FPL__CSV_FAULT_TOO_LONG);
        return;
    }
    t->rec[cur->len++] = c;
}

/* Ends the current field; the next one starts at len. */
static void end_field(const fpl__csv *t, cursor *cur)
{
    if (cur->bad) {
        return;
    }
    if (*t->n_fields >= FPL_CSV_MAX_COLUMNS) {
        mark_bad(t, cur, FPL__CSV_FAULT_FIELDS);
        return;
    }
    (*t->n_fields)++;
    t->start[*t->n_fields] = cur->len;
}

static void clear(const fpl__csv *t)
{
    *t->len = 0;
    *t->n_fields = 0;
    t->start[0] = 0;
    *t->bad = false;
    set_fault(t, FPL__CSV_FAULT_NONE);
    *t->seen = false;
}

bool fpl__csv_args_ok(const char *data, size_t len, const void *out, size_t capacity,
                      const size_t *n_out, const size_t *consumed_out)
{
    return (data != NULL || len == 0) && out != NULL && capacity > 0 && n_out != NULL &&
           consumed_out != NULL;
}

/* A record with its fields ended: the header or a row (not a blank line),
 * then cleared but for FPL_ERR_WORKSPACE. */
static fpl_status read_record(const fpl__csv *t, const fpl__csv_hooks *hooks, void *owner,
                              void *out, size_t *n, fpl_error *err)
{
    fpl_status st = FPL_OK;
    if (*t->seen) {
        st = *t->have_header ? hooks->row(owner, out, n, err) : hooks->header(owner, err);
        if (st == FPL_ERR_WORKSPACE) {
            return st; /* the record is read again later */
        }
    }
    clear(t);
    return st;
}

fpl_status fpl__csv_again(const fpl__csv *t, const fpl__csv_hooks *hooks, void *owner, void *out,
                          size_t *n, fpl_error *err)
{
    return read_record(t, hooks, owner, out, n, err);
}

/* The current record is complete: the header, a row, or a blank line. */
static fpl_status finish(const fpl__csv *t, cursor *cur, const fpl__csv_hooks *hooks, void *owner,
                         void *out, size_t *n, fpl_error *err)
{
    end_field(t, cur);
    store(t, cur);
    const fpl_status st = read_record(t, hooks, owner, out, n, err);
    load(t, cur);
    return st;
}

/* Whether c ends a run of bytes that a field takes as they are: in an
 * unquoted field a comma, a quote or a line end; in a quoted one a quote. */
static inline bool ends_run(char c, bool quoted)
{
    return quoted ? c == '"' : (c == ',' || c == '"' || c == '\n' || c == '\r');
}

/* Reads the run of bytes from data[i] on (at least data[i]) that the field
 * takes as they are, as put_byte() would one at a time, but in one pass:
 * into the record unless it is at fault, and the byte past
 * FPL_CSV_RECORD_MAX marks it too long and ends the run. Counts the line
 * ends of a quoted run. Returns the bytes read. */
static inline size_t take_run(const fpl__csv *t, cursor *cur, const char *data, size_t i,
                              size_t len, bool quoted)
{
    size_t j = i;
    uint64_t lines = 0;
    if (!cur->bad) {
        const size_t room = FPL_CSV_RECORD_MAX - cur->len;
        const size_t keep = len - i < room ? len : i + room;
        char *dst = t->rec + cur->len;
        while (j < keep && !ends_run(data[j], quoted)) {
            lines += quoted && data[j] == '\n';
            *dst++ = data[j++];
        }
        cur->len += j - i;
        if (j < len && !ends_run(data[j], quoted)) {
            /* the record is full: this byte makes it too long */
            mark_bad(t, cur, FPL__CSV_FAULT_TOO_LONG);
            lines += quoted && data[j] == '\n';
            ++j;
        }
    } else {
        while (j < len && !ends_run(data[j], quoted)) {
            lines += quoted && data[j] == '\n';
            ++j;
        }
    }
    *t->line += lines;
    return j - i;
}

fpl_status fpl__csv_feed(const fpl__csv *tok, const fpl__csv_hooks *hooks, void *owner, void *out,
                         const char *data, size_t len, bool at_end, size_t capacity, size_t *n,
                         size_t *consumed, fpl_error *err)
{
    const fpl__csv k = *tok; /* a copy no byte stored into the record can change */
    const fpl__csv *t = &k;
    cursor cur;
    load(t, &cur);
    size_t i = 0;
    fpl_status st = FPL_OK;
    while (i < len && cur.state != FPL__CSV_DONE) {
        const char c = data[i];
        /* A record may end here: make sure there is room for its output. */
        const bool ends = (c == '\n' || c == '\r') &&
                          (cur.state == FPL__CSV_FIELD_START || cur.state == FPL__CSV_UNQUOTED ||
                           cur.state == FPL__CSV_QUOTE_QUOTED);
        if (ends && *n == capacity) {
            break;
        }
        switch (cur.state) {
        case FPL__CSV_AFTER_CR:
            cur.state = FPL__CSV_FIELD_START;
            if (c == '\n') {
                ++i;
                continue; /* CRLF: the record ended at the CR */
            }
            continue; /* look at c again, at the start of a record */
        case FPL__CSV_FIELD_START:
            if (c == '"') {
                cur.seen = true;
                cur.state = FPL__CSV_QUOTED;
                break;
            }
            cur.state = FPL__CSV_UNQUOTED;
            continue; /* look at c again, in an unquoted field */
        case FPL__CSV_UNQUOTED:
            if (!ends_run(c, false)) {
                /* the field's bytes up to its end, at once */
                cur.seen = true;
                i += take_run(t, &cur, data, i, len, false) - 1;
            } else if (c == ',') {
                cur.seen = true;
                end_field(t, &cur);
                cur.state = FPL__CSV_FIELD_START;
            } else if (c == '\n' || c == '\r') {
                cur.state = c == '\r' ? FPL__CSV_AFTER_CR : FPL__CSV_FIELD_START;
                st = finish(t, &cur, hooks, owner, out, n, err);
                (*t->line)++;
                *t->record_line = *t->line;
            } else if (!*t->have_header && *t->n_fields == 0 && cur.len == 3 &&
                       memcmp(t->rec, "\xEF\xBB\xBF", 3) == 0) {
                /* A byte-order mark, then a quote opening the first field:
                 * the mark is not part of the field. */
                cur.len = 0;
                cur.state = FPL__CSV_QUOTED;
            } else {
                mark_bad(t, &cur, FPL__CSV_FAULT_QUOTE); /* a quote inside an unquoted field */
                cur.seen = true;
            }
            break;
        case FPL__CSV_QUOTED:
            if (c == '"') {
                cur.state = FPL__CSV_QUOTE_QUOTED;
            } else {
                /* the field's bytes up to the next quote, at once */
                i += take_run(t, &cur, data, i, len, true) - 1;
            }
            break;
        case FPL__CSV_QUOTE_QUOTED:
            if (c == '"') {
                put_byte(t, &cur, '"'); /* a doubled quote */
                cur.state = FPL__CSV_QUOTED;
            } else if (c == ',' || c == '\n' || c == '\r') {
                cur.state = FPL__CSV_UNQUOTED;
                continue; /* the field ended: look at c again, as after an unquoted one */
            } else {
                /* text after the closing quote (kept no more than any byte
                 * of a record at fault) */
                mark_bad(t, &cur, FPL__CSV_FAULT_QUOTE);
                cur.state = FPL__CSV_UNQUOTED;
            }
            break;
        default:
            break;
        }
        ++i;
        if (st == FPL_OK && !*t->have_header && cur.bad) {
            /* The header cannot be valid any more (too long, too many
             * columns, a stray quote): refuse it now rather than read on
             * to a line end that may never come. */
            store(t, &cur);
            st = hooks->header(owner, err);
            load(t, &cur);
        }
        if (st == FPL_ERR_WORKSPACE) {
            break; /* the owner makes room, then feeds again from here */
        }
        if (st != FPL_OK) {
            cur.state = FPL__CSV_DONE;
            break;
        }
    }
    if (st == FPL_OK && at_end && i == len && cur.state != FPL__CSV_DONE) {
        /* The last record, without a line end after it. */
        if (cur.seen && *n == capacity) {
            store(t, &cur);
            *consumed = i;
            return FPL_OK; /* call again (with at_end) for the last record */
        }
        if (cur.seen) {
            if (cur.state == FPL__CSV_QUOTED) {
                mark_bad(t, &cur, FPL__CSV_FAULT_UNTERMINATED);
            }
            st = finish(t, &cur, hooks, owner, out, n, err);
            if (st == FPL_ERR_WORKSPACE) {
                *consumed = i;
                return st;
            }
        }
        if (st == FPL_OK && !*t->have_header) {
            store(t, &cur);
            st = hooks->no_header(owner, err); /* an empty file, or only blank lines */
            load(t, &cur);
        }
        cur.state = FPL__CSV_DONE;
    }
    store(t, &cur);
    *consumed = i;
    return st;
}

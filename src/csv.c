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
_Static_assert(FPL_CSV_FIELDS == FPL__CSV_FAULT_FIELDS &&
                   FPL_LEARN_FAULT_FIELDS == FPL__CSV_FAULT_FIELDS,
               "fields");
_Static_assert(FPL_CSV_QUOTE == FPL__CSV_FAULT_QUOTE &&
                   FPL_LEARN_FAULT_QUOTE == FPL__CSV_FAULT_QUOTE,
               "quote");
_Static_assert(FPL_CSV_UNTERMINATED == FPL__CSV_FAULT_UNTERMINATED &&
                   FPL_LEARN_FAULT_UNTERMINATED == FPL__CSV_FAULT_UNTERMINATED,
               "unterminated");
_Static_assert(FPL_CSV_TOO_LONG == FPL__CSV_FAULT_TOO_LONG &&
                   FPL_LEARN_FAULT_TOO_LONG == FPL__CSV_FAULT_TOO_LONG,
               "too long");

static void set_fault(const fpl__csv *t, int fault)
{
    memcpy(t->fault, &fault, sizeof fault);
}

/* The record's first fault is the one it keeps. */
static void mark_bad(const fpl__csv *t, int fault)
{
    if (!*t->bad) {
        *t->bad = true;
        set_fault(t, fault);
    }
}

static void put_byte(const fpl__csv *t, char c)
{
    if (*t->bad) {
        return; /* nothing of a faulty record is kept */
    }
    if (*t->len >= FPL_CSV_RECORD_MAX) {
        mark_bad(t, FPL__CSV_FAULT_TOO_LONG);
        return;
    }
    t->rec[(*t->len)++] = c;
}

/* Ends the current field; the next one starts at *len. */
static void end_field(const fpl__csv *t)
{
    if (*t->bad) {
        return;
    }
    if (*t->n_fields >= FPL_CSV_MAX_COLUMNS) {
        mark_bad(t, FPL__CSV_FAULT_FIELDS);
        return;
    }
    (*t->n_fields)++;
    t->start[*t->n_fields] = *t->len;
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

fpl_status fpl__csv_again(const fpl__csv *t, const fpl__csv_hooks *hooks, void *ctx, size_t *n,
                          fpl_error *err)
{
    fpl_status st = FPL_OK;
    if (*t->seen) {
        st = hooks->record(ctx, n, err);
        if (st == FPL_ERR_WORKSPACE) {
            return st; /* the record is read again later */
        }
    }
    clear(t);
    return st;
}

/* The current record is complete: the header, a row, or a blank line. */
static fpl_status finish(const fpl__csv *t, const fpl__csv_hooks *hooks, void *ctx, size_t *n,
                         fpl_error *err)
{
    end_field(t);
    return fpl__csv_again(t, hooks, ctx, n, err);
}

fpl_status fpl__csv_feed(const fpl__csv *tok, const fpl__csv_hooks *hooks, void *ctx,
                         const char *data, size_t len, bool at_end, size_t capacity, size_t *n,
                         size_t *consumed, fpl_error *err)
{
    const fpl__csv k = *tok; /* (the pointers in registers, not reloaded after each byte stored) */
    const fpl__csv *t = &k;
    size_t i = 0;
    fpl_status st = FPL_OK;
    while (i < len && *t->state != FPL__CSV_DONE) {
        const char c = data[i];
        /* A record may end here: make sure there is room for its output. */
        const bool ends = (c == '\n' || c == '\r') &&
                          (*t->state == FPL__CSV_FIELD_START || *t->state == FPL__CSV_UNQUOTED ||
                           *t->state == FPL__CSV_QUOTE_QUOTED);
        if (ends && *n == capacity) {
            break;
        }
        switch (*t->state) {
        case FPL__CSV_AFTER_CR:
            *t->state = FPL__CSV_FIELD_START;
            if (c == '\n') {
                ++i;
                continue; /* CRLF: the record ended at the CR */
            }
            continue; /* look at c again, at the start of a record */
        case FPL__CSV_FIELD_START:
            if (c == '"') {
                *t->seen = true;
                *t->state = FPL__CSV_QUOTED;
                break;
            }
            *t->state = FPL__CSV_UNQUOTED;
            continue; /* look at c again, in an unquoted field */
        case FPL__CSV_UNQUOTED:
            if (c == ',') {
                *t->seen = true;
                end_field(t);
                *t->state = FPL__CSV_FIELD_START;
            } else if (c == '\n' || c == '\r') {
                *t->state = c == '\r' ? FPL__CSV_AFTER_CR : FPL__CSV_FIELD_START;
                st = finish(t, hooks, ctx, n, err);
                (*t->line)++;
                *t->record_line = *t->line;
            } else if (c == '"' && !*t->have_header && *t->n_fields == 0 && *t->len == 3 &&
                       memcmp(t->rec, "\xEF\xBB\xBF", 3) == 0) {
                /* A byte-order mark, then a quoted first field: the mark is
                 * not part of the field. */
                *t->len = 0;
                *t->state = FPL__CSV_QUOTED;
            } else {
                if (c == '"') {
                    mark_bad(t, FPL__CSV_FAULT_QUOTE);
                }
                *t->seen = true;
                put_byte(t, c);
            }
            break;
        case FPL__CSV_QUOTED:
            if (c == '"') {
                *t->state = FPL__CSV_QUOTE_QUOTED;
            } else {
                if (c == '\n') {
                    (*t->line)++;
                }
                put_byte(t, c);
            }
            break;
        case FPL__CSV_QUOTE_QUOTED:
            if (c == '"') {
                put_byte(t, '"');
                *t->state = FPL__CSV_QUOTED;
            } else if (c == ',') {
                *t->seen = true;
                end_field(t);
                *t->state = FPL__CSV_FIELD_START;
            } else if (c == '\n' || c == '\r') {
                *t->state = c == '\r' ? FPL__CSV_AFTER_CR : FPL__CSV_FIELD_START;
                st = finish(t, hooks, ctx, n, err);
                (*t->line)++;
                *t->record_line = *t->line;
            } else {
                mark_bad(t, FPL__CSV_FAULT_QUOTE); /* text after the closing quote */
                put_byte(t, c);
                *t->state = FPL__CSV_UNQUOTED;
            }
            break;
        default:
            break;
        }
        ++i;
        if (st == FPL_OK && !*t->have_header && *t->bad) {
            /* The header cannot be valid any more (too long, too many
             * columns, a stray quote): refuse it now rather than read on
             * to a line end that may never come. */
            st = hooks->refuse(ctx, err);
        }
        if (st == FPL_ERR_WORKSPACE) {
            break; /* the owner makes room, then feeds again from here */
        }
        if (st != FPL_OK) {
            *t->state = FPL__CSV_DONE;
            break;
        }
    }
    if (st == FPL_OK && at_end && i == len && *t->state != FPL__CSV_DONE) {
        /* The last record, without a line end after it. */
        if (*t->seen && *n == capacity) {
            *consumed = i;
            return FPL_OK; /* call again (with at_end) for the last record */
        }
        if (*t->seen) {
            if (*t->state == FPL__CSV_QUOTED) {
                mark_bad(t, FPL__CSV_FAULT_UNTERMINATED);
            }
            st = finish(t, hooks, ctx, n, err);
            if (st == FPL_ERR_WORKSPACE) {
                *consumed = i;
                return st;
            }
        }
        if (st == FPL_OK && !*t->have_header) {
            st = hooks->no_header(ctx, err); /* an empty file, or only blank lines */
        }
        *t->state = FPL__CSV_DONE;
    }
    *consumed = i;
    return st;
}

/*
 * funnelplan — the streaming CSV tokenizer that the lead scorer (score.c,
 * fpl_csv_feed) and the learner (learn.c, fpl_learn_feed) share (not
 * installed).
 *
 * One loop reads the bytes: fields, quotes, CRLF, the line count, the
 * record's faults (a stray quote, too long, too many fields, a quoted field
 * open at the end). It calls its owner back once a record, never once a
 * byte: a record before the header (to read it as the header, or refuse
 * it as soon as it is at fault), a row, and the end without a header.
 *
 * The tokenizer's state lives in the owner's public struct (fpl_csv_reader,
 * fpl_learn), whose layouts are fixed for the major version and differ, so
 * neither can embed a common struct: fpl__csv points at the members.
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_CSV_H
#define FUNNELPLAN_CSV_H

#include "funnelplan/common.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The tokenizer's states (fpl_csv_reader::state, fpl_learn::state). */
enum {
    FPL__CSV_FIELD_START = 0, /* at the start of a field */
    FPL__CSV_UNQUOTED,        /* in an unquoted field */
    FPL__CSV_QUOTED,          /* in a quoted field */
    FPL__CSV_QUOTE_QUOTED,    /* a quote seen in a quoted field: doubled, or the end */
    FPL__CSV_AFTER_CR,        /* a record ended at CR: an LF right after belongs to it */
    FPL__CSV_DONE             /* the end was seen and handled */
};

/* The faults the tokenizer finds in a record, numbered as fpl_csv_fault
 * and fpl_learn_fault number them (csv.c checks). */
enum {
    FPL__CSV_FAULT_NONE = 0,
    FPL__CSV_FAULT_FIELDS = 1,       /* more than FPL_CSV_MAX_COLUMNS fields */
    FPL__CSV_FAULT_QUOTE = 2,        /* a quote inside an unquoted field, or text after a closing one */
    FPL__CSV_FAULT_UNTERMINATED = 3, /* a quoted field open at the end of the input */
    FPL__CSV_FAULT_TOO_LONG = 5      /* more than FPL_CSV_RECORD_MAX bytes */
};

/* The owner's members the tokenizer reads and writes. */
typedef struct fpl__csv {
    int *state;               /* FPL__CSV_FIELD_START ... */
    bool *seen;               /* the record has a byte: it is not a blank line */
    bool *bad;                /* the record is at fault */
    void *fault;              /* its fault: an enum of the size of an int, written as one */
    size_t *len;              /* bytes of the record held in rec */
    size_t *n_fields;         /* fields of the record ended so far */
    size_t *start;            /* [FPL_CSV_MAX_COLUMNS + 1]: where each field starts in rec */
    char *rec;                /* [FPL_CSV_RECORD_MAX]: the record's unquoted fields */
    uint64_t *line;           /* the current physical line */
    uint64_t *record_line;    /* the line where the record began */
    const bool *have_header;  /* the owner has read the header */
} fpl__csv;

/* The owner's part, called once a record, never once a byte. owner is
 * the owner's state (what it gave fpl__csv_feed), out its output buffer. */
typedef struct fpl__csv_hooks {
    /* A record before the header: it ended (its fields ended, it has a
     * byte), or it is at fault before its end and so cannot be a valid
     * header any more. Reads it as the header, refuses it (a failure), or
     * passes over it (learn: a comment line before the header; never a
     * record at fault). */
    fpl_status (*header)(void *owner, fpl_error *err);
    /* A record after the header ended: a row. Puts into out[*n] what it
     * puts (at most one output, counting *n). The record is cleared
     * afterwards, whatever the status, but for FPL_ERR_WORKSPACE: then it
     * is kept as it is for fpl__csv_again, and the feed stops there. */
    fpl_status (*row)(void *owner, void *out, size_t *n, fpl_error *err);
    /* The input ended without a header (empty, or only blank lines or
     * what the header hook passed over). Returns a failure. */
    fpl_status (*no_header)(void *owner, fpl_error *err);
} fpl__csv_hooks;

/* The arguments of a feed besides the owner's state: data (NULL only when
 * len is 0), an output buffer of capacity > 0 and the two counts. */
bool fpl__csv_args_ok(const char *data, size_t len, const void *out, size_t capacity,
                      const size_t *n_out, const size_t *consumed_out);

/* Reads data[0 .. len) from where the last call stopped, as
 * fpl_csv_feed() and fpl_learn_feed() describe: stops before a line end
 * when *n reached capacity, after a failure, or at FPL_ERR_WORKSPACE; with
 * at_end, ends the last record and calls no_header when none was read.
 * *n counts on from its value; *consumed is the bytes read. */
fpl_status fpl__csv_feed(const fpl__csv *t, const fpl__csv_hooks *hooks, void *owner, void *out,
                         const char *data, size_t len, bool at_end, size_t capacity, size_t *n,
                         size_t *consumed, fpl_error *err);

/* The record kept after the row hook answered FPL_ERR_WORKSPACE, its
 * fields already ended: the row hook again, then the record cleared
 * (unless the hook answers FPL_ERR_WORKSPACE again). */
fpl_status fpl__csv_again(const fpl__csv *t, const fpl__csv_hooks *hooks, void *owner, void *out,
                          size_t *n, fpl_error *err);

#endif

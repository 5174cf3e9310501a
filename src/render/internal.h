/*
 * funnelplan — what the files of the rendering layer share (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_RENDER_INTERNAL_H
#define FUNNELPLAN_RENDER_INTERNAL_H

#include "funnelplan/format.h"
#include "funnelplan/render.h"

/* ---- describe.c --------------------------------------------------------- */

/* Adds one mix's object (as an element of the open array): its stage, its
 * segments and its blended rate. The mix was checked by fpl__mixes_check. */
void fpl__view_mix(fpl_view *view, const fpl_funnel *funnel, const fpl_mix *mix);

/* The checks fpl_view_mixes() makes of its arguments. */
fpl_status fpl__mixes_check(const fpl_funnel *funnel, const fpl_mix *mixes, size_t n,
                            fpl_error *err);

/* ---- json.c ------------------------------------------------------------- */

/* Text written into the caller's buffer like snprintf: len counts every
 * byte, the buffer keeps the first capacity - 1 and a NUL. */
typedef struct fpl__text {
    char *buf;
    size_t capacity;
    size_t len;
} fpl__text;

void fpl__text_put(fpl__text *t, const char *s, size_t n);
/* An unsigned integer in decimal, no separators. */
void fpl__text_count(fpl__text *t, uint64_t n);
/* Ends the text with a NUL (when there is room for one). */
void fpl__text_end(fpl__text *t);

/* Before a member or an element of a container at depth - 1: the comma of
 * the one before (unless first), a newline and the indent of depth, and the
 * key when not NULL. */
void fpl__json_item(fpl__text *t, bool first, size_t depth, const char *key);
/* After the last member or element: a newline and the indent of depth
 * (when there was one), and the closing c. */
void fpl__json_close(fpl__text *t, bool empty, size_t depth, char c);
/* The value of node i and its subtree, at depth; returns the index after
 * the subtree. */
size_t fpl__json_value(fpl__text *t, const fpl_node *nodes, size_t count, size_t i,
                       size_t depth);

/* ---- text.c: tables, CSV and sentences ---------------------------------
 * A document (the table or CSV of a result) is written by one function
 * that runs twice: the first pass measures the columns of its tables and
 * writes nothing, the second writes with those widths. No allocation:
 *
 *     fpl__doc d;
 *     for (fpl__render_begin(&d, st, len, format, ...); fpl__doc_pass(&d);) {
 *         ... fpl__put(&d, ...), fpl__table_begin(&d, ...) ...
 *     }
 *     return fpl__render_end(&d, err);
 *
 * where st and len are what the result's JSON function answered (into the
 * caller's buffer when the format is JSON, else with capacity 0): the JSON
 * describers check the result once for every format.
 */

enum {
    FPL__TABLES = 8,         /* tables in one document */
    FPL__COLS = 2 * FPL_MAX_STAGES + 5, /* columns in one table: a schedule's with reps */
    FPL__CELL = FPL_NUMBER_MAX /* bytes of one cell, the NUL counted */
};

/* Column alignment. */
typedef enum fpl__align { FPL__LEFT, FPL__RIGHT } fpl__align;

typedef struct fpl__doc {
    fpl__text text;
    fpl_status status;  /* of the rendering: nothing is written unless FPL_OK */
    size_t *length_out;
    int pass;       /* 0 before the first, 1 measuring, 2 writing */
    size_t table;   /* tables begun in this pass */
    size_t ncols;   /* of the open table; 0 when none is open */
    bool row_open;  /* the open table has a row not yet written */
    fpl__align align[FPL__COLS];
    size_t width[FPL__TABLES][FPL__COLS];
    char cell[FPL__COLS][FPL__CELL];
} fpl__doc;

void fpl__doc_init(fpl__doc *d, char *buf, size_t capacity);
/* Starts the next pass; false after the second. */
bool fpl__doc_pass(fpl__doc *d);
/* Begins rendering a result in format (svg: whether it has a picture),
 * after its JSON answered st and json_length; refuses a missing
 * length_out (FPL_ERR_NULL) and a format the result lacks (FPL_ERR_FORMAT). */
void fpl__render_begin(fpl__doc *d, fpl_status st, size_t json_length, fpl_render_format format,
                       bool svg, char *buf, size_t capacity, size_t *length_out, fpl_error *err);
/* Ends the text with a NUL, stores its whole length (a text cut short is
 * not a failure) and returns the status through fpl__done. */
fpl_status fpl__render_end(fpl__doc *d, fpl_error *err);

/* Text: written in the second pass only. fpl__put takes strings up to a
 * NULL; fpl__put_* write one figure in the display styles of format.h. */
void fpl__put(fpl__doc *d, ...);
void fpl__put_n(fpl__doc *d, const char *s, size_t n);
/* out (size bytes, at least 1) = the strings up to a NULL, cut to fit. */
char *fpl__join(char *out, size_t size, ...);
void fpl__put_style(fpl__doc *d, double x, fpl_number_style style);
void fpl__put_count(fpl__doc *d, uint64_t n);
void fpl__put_digits(fpl__doc *d, uint64_t n); /* no separators */
/* before, x in style, after: "Gross profit 118,000 per ". */
void fpl__put_figure(fpl__doc *d, const char *before, double x, fpl_number_style style,
                     const char *after);
/* A field of CSV: quoted when it holds a comma, a quote, a line break or
 * an outer blank; ",x" with a comma before it unless first. */
void fpl__csv_text(fpl__doc *d, bool first, const char *s);
/* ",x" for a figure: the shortest text that reads back (a whole count with
 * fpl__csv_whole as an integer when it is one). */
void fpl__csv_number(fpl__doc *d, double x);
void fpl__csv_whole(fpl__doc *d, double x);
void fpl__csv_count(fpl__doc *d, uint64_t n);
/* fpl__csv_number when present, else an empty field. */
void fpl__csv_maybe(fpl__doc *d, bool present, double x);

/* A table: its header row, then rows of cells; columns two blanks apart,
 * right-aligned ones padded on the left, nothing padded after the last
 * cell with text. A cell not set is empty. */
void fpl__table_begin(fpl__doc *d, size_t ncols, const char *const *headers,
                      const fpl__align *align);
void fpl__table_row(fpl__doc *d);
void fpl__table_set(fpl__doc *d, size_t col, const char *text);
void fpl__table_style(fpl__doc *d, size_t col, double x, fpl_number_style style);
void fpl__table_count(fpl__doc *d, size_t col, uint64_t n);
/* fpl__table_style when present, else "-". */
void fpl__table_maybe(fpl__doc *d, size_t col, bool present, double x, fpl_number_style style);
/* A bar of width value / top in eighths of FPL__BAR_WIDTH cells; any
 * positive value gets at least a sliver. */
void fpl__table_bar(fpl__doc *d, size_t col, double value, double top);
void fpl__table_end(fpl__doc *d);

#define FPL__BAR_WIDTH 24

/* ---- table_plan.c: sentences several results share ------------------------ */

/* The row that stands for won deals below the last stage. */
extern const char fpl__won_label[];
/* The footnote of every table. */
extern const char fpl__rounded_note[];
/* A name in the plural: "leads", "opportunities" (cut to FPL_NAME_MAX - 1 first). */
void fpl__plural(char out[FPL_NAME_MAX + 2], const char *name);
/* Whether a whole count shows as "1". */
bool fpl__is_one(double n);
/* "100 leads", "1 lead", "12 deals": the name in the plural unless one. */
void fpl__put_units(fpl__doc *d, double n, const char *name);
/* "a" or "an" before a percentage read aloud: an 80%, an 11%, a 54.6%. */
const char *fpl__article(const char *percent);
/* "16,666.67 per month, 50,000 per quarter, 200,000 per year" */
void fpl__put_by_period(fpl__doc *d, const double values[FPL_PERIOD_COUNT]);
void fpl__put_budget(fpl__doc *d, double cost_per_lead, const double budget[FPL_PERIOD_COUNT],
                     double cost_per_deal);
void fpl__put_gross_profit(fpl__doc *d, double margin, double gross_profit, fpl_period per);
/* A line per mix, after a blank line: "Lead mix at opp: a 50% at 20%, ...;
 * blended rate 25%." (Scenario lead mix when scenario). */
void fpl__put_mixes(fpl__doc *d, bool scenario, const fpl_funnel *funnel, const fpl_mix *mixes,
                    size_t n);

/* Width in character cells: the UTF-8 sequences. */
size_t fpl__display_width(const char *s);

#endif /* FUNNELPLAN_RENDER_INTERNAL_H */

/*
 * funnelplan — what the files of the rendering layer share (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_RENDER_INTERNAL_H
#define FUNNELPLAN_RENDER_INTERNAL_H

#include "funnelplan/format.h"
#include "funnelplan/render.h"
#include "funnelplan/svg.h"

/* ---- json.c ------------------------------------------------------------- */

/* Text written into the caller's buffer like snprintf: len counts every
 * byte, the buffer keeps the first capacity - 1 and a NUL. */
typedef struct fpl__text {
    char *buf;
    size_t capacity;
    size_t len;
    fpl_text_sink sink; /* when not NULL, the bytes go there, not into buf */
    void *ctx;
} fpl__text;

void fpl__text_put(fpl__text *t, const char *s, size_t n);
/* An unsigned integer in decimal, no separators. */
void fpl__text_count(fpl__text *t, uint64_t n);
/* Ends the text with a NUL (when there is room for one). */
void fpl__text_end(fpl__text *t);

/* JSON written a part at a time, with the bytes fpl_view_json() writes of
 * the whole: so a large result (a schedule's rows, a what-if's two plans)
 * is written from small views, one after the other. */
typedef struct fpl__json {
    fpl__text t;
    size_t depth;                     /* containers open */
    size_t items[FPL_VIEW_MAX_DEPTH]; /* members or elements written in each */
    char close[FPL_VIEW_MAX_DEPTH];   /* and the byte that closes it */
} fpl__json;

/* Opens an object ('{') or an array ('[') under key (NULL in an array or at
 * the root); fpl__json_close() closes it, and after the root ends the text
 * (a newline and the NUL). */
void fpl__json_open(fpl__json *j, const char *key, char c);
void fpl__json_close(fpl__json *j);
/* The root of a view (nodes, count) as one value under key. */
void fpl__json_put(fpl__json *j, const char *key, const fpl_node *nodes, size_t count);

/* An array whose n elements are each described alone, into a few nodes:
 * describe(view, a, b, i) adds element i. */
typedef struct fpl__part {
    const char *key;
    size_t n;
    void (*describe)(fpl_view *view, const void *a, const void *b, size_t i);
    const void *a;
    const void *b;
} fpl__part;

/* Nodes an element of a part may take: a schedule's row is the largest. */
#define FPL__PART_NODES FPL_VIEW_SCHEDULE_ROW_NODES

fpl_status fpl__json_array(fpl__json *j, const fpl__part *part, fpl_error *err);
/* The members of a described view's root object as members of the open
 * object; its empty array under hole->key (when hole is not NULL) is
 * filled by hole. Fails as fpl_view_check() when the view did not fit. */
fpl_status fpl__json_members(fpl__json *j, const fpl_view *view, const fpl__part *hole,
                             fpl_error *err);

/* The JSON of a result written a part at a time into the caller's buffer:
 * begin checks the buffer and opens the root object; end writes the members
 * of view (when not NULL), closes the root and tells the length, when st
 * is FPL_OK; both return their status through fpl__done. */
fpl_status fpl__json_begin(fpl__json *j, char *buf, size_t capacity, const size_t *length_out,
                           fpl_error *err);
fpl_status fpl__json_end(fpl__json *j, const fpl_view *view, fpl_status st, size_t *length_out,
                         fpl_error *err);

/* ---- describe.c --------------------------------------------------------- */

/* The checks fpl_view_mixes() makes of its arguments. */
fpl_status fpl__mixes_check(const fpl_funnel *funnel, const fpl_mix *mixes, size_t n,
                            fpl_error *err);
/* The mixes (checked) as an array under key; nothing when n is 0. */
fpl_status fpl__json_mixes(fpl__json *j, const char *key, const fpl_funnel *funnel,
                           const fpl_mix *mixes, size_t n, fpl_error *err);

/* ---- describe_score.c: a fit, also inside learn's JSON and table ------- */

/* Nodes of a fit's object (fpl__fit_describe). */
#define FPL__FIT_NODES (1 + 14 + 7 + 9 * FPL_MAX_CRITERIA)

/* Checks a fit and its source as fpl_score_fit_render() does (FPL_ERR_NULL,
 * FPL_ERR_CRITERION_COUNT) and writes its --criterion options (the @FILE
 * text of `score --fit --save`) into options. */
fpl_status fpl__fit_check(const fpl_score_fit_result *fit, const fpl_score_fit_source *source,
                          char options[FPL_CRITERIA_OPTIONS_MAX], fpl_error *err);
/* The fit's JSON object under key (NULL at the root), its table and its CSV. */
void fpl__fit_describe(fpl_view *v, const char *key, const fpl_score_fit_result *f,
                       const fpl_score_fit_source *src, const char *options);
void fpl__fit_table(const fpl_score_fit_result *f, const fpl_score_fit_source *src,
                    const char *options, fpl__text *t);
void fpl__fit_csv(const fpl_score_fit_result *fit, fpl__text *t);

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
/* Begins rendering a result as a table or CSV (a picture is handed to its
 * fpl_*_svg() before), after its JSON answered st and json_length; refuses
 * a missing length_out (FPL_ERR_NULL) and any other format (FPL_ERR_FORMAT). */
void fpl__render_begin(fpl__doc *d, fpl_status st, size_t json_length, fpl_render_format format,
                       char *buf, size_t capacity, size_t *length_out, fpl_error *err);
/* Ends the text with a NUL, stores its whole length (a text cut short is
 * not a failure) and returns the status through fpl__done. */
fpl_status fpl__render_end(fpl__doc *d, fpl_error *err);

/* Text: written in the second pass only. fpl__put takes strings up to a
 * NULL; fpl__put_* write one figure in the display styles of format.h. */
void fpl__put_list(fpl__doc *d, ...);
#define fpl__put(d, ...) fpl__put_list((d), __VA_ARGS__, (const char *)NULL)
void fpl__put_n(fpl__doc *d, const char *s, size_t n);
/* out (size bytes, at least 1) = the strings up to a NULL, cut to fit. */
char *fpl__join_list(char *out, size_t size, ...);
#define fpl__join(out, size, ...) fpl__join_list((out), (size), __VA_ARGS__, (const char *)NULL)
void fpl__put_style(fpl__doc *d, double x, fpl_number_style style);
void fpl__put_count(fpl__doc *d, uint64_t n);
void fpl__put_digits(fpl__doc *d, uint64_t n); /* no separators */
/* before, x in style, after: "Gross profit 118,000 per ". */
void fpl__put_figure(fpl__doc *d, const char *before, double x, fpl_number_style style,
                     const char *after);
#define fpl__put_amount(d, before, x, after) \
    fpl__put_figure((d), (before), (x), FPL_NUMBER_AMOUNT, (after))
/* A field of CSV: quoted when it holds a comma, a quote, a line break or
 * an outer blank; ",x" with a comma before it unless first. */
void fpl__csv_text(fpl__doc *d, bool first, const char *s);
void fpl__csv_field(fpl__text *t, const char *s); /* the field alone, no comma */
/* A field of free text (a lead's id): escaped as fpl_format_escaped() does,
 * then quoted as fpl__csv_field() would, so no control or bidirectional
 * character reaches a terminal raw. */
void fpl__csv_escaped(fpl__text *t, const char *s);
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

/* s as fpl_format_escaped() writes it, to t; returns its width in cells. */
size_t fpl__escaped(fpl__text *t, const char *s);
/* Width in character cells: the UTF-8 sequences. */
size_t fpl__display_width(const char *s);

#endif /* FUNNELPLAN_RENDER_INTERNAL_H */

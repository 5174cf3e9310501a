/*
 * funnelplan — what the files of the rendering layer share (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_RENDER_INTERNAL_H
#define FUNNELPLAN_RENDER_INTERNAL_H

#include "funnelplan/render.h"

/* ---- json.c ------------------------------------------------------------- */

/* Text written into the caller's buffer like snprintf: len counts every
 * byte, the buffer keeps the first capacity - 1 and a NUL. */
typedef struct fpl__text {
    char *buf;
    size_t capacity;
    size_t len;
    fpl_json_sink sink; /* when not NULL, the bytes go there, not into buf */
    void *ctx;
} fpl__text;

void fpl__text_put(fpl__text *t, const char *s, size_t n);
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

#endif /* FUNNELPLAN_RENDER_INTERNAL_H */

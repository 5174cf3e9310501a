/*
 * funnelplan — what the files of the rendering layer share (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_RENDER_INTERNAL_H
#define FUNNELPLAN_RENDER_INTERNAL_H

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

#endif /* FUNNELPLAN_RENDER_INTERNAL_H */

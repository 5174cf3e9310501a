/*
 * funnelplan — views: the description of a result that every writer walks.
 * SPDX-License-Identifier: MIT
 *
 * A view is built in preorder into the caller's nodes. Each open container
 * counts its direct children as they are added; a node past the capacity
 * is only counted (view->needed), so a view too small for its result still
 * holds a valid prefix and tells the capacity it needs. Containers nested
 * past FPL_VIEW_MAX_DEPTH are counted the same way, with all they hold.
 */

#include "funnelplan/render.h"

#include "../internal.h"

#define NOT_STORED ((size_t)-1)

void fpl_view_init(fpl_view *view, fpl_node *nodes, size_t capacity)
{
    if (view == NULL) {
        return;
    }
    *view = (fpl_view){0};
    view->nodes = nodes;
    view->capacity = nodes != NULL ? capacity : 0;
    view->last = NOT_STORED;
}

fpl_status fpl_view_check(const fpl_view *view, fpl_error *err)
{
    fpl__begin(err);
    if (view == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (view->count < view->needed) {
        return fpl__done(err, FPL_ERR_WORKSPACE);
    }
    return FPL_OK;
}

/* Adds a node in the open container (or as the root); NULL when it is only
 * counted. */
static fpl_node *add(fpl_view *view, fpl_node_kind kind, const char *key)
{
    if (view == NULL) {
        return NULL;
    }
    view->needed++;
    view->last = NOT_STORED;
    if (view->excess > 0) {
        return NULL; /* inside a container nested too deep */
    }
    size_t parent = view->depth > 0 ? view->open[view->depth - 1] : NOT_STORED;
    if (view->depth > 0 && parent == NOT_STORED) {
        return NULL; /* inside a container that was not stored */
    }
    if (view->depth == 0 && view->count > 0) {
        return NULL; /* a view has one root */
    }
    if (view->count >= view->capacity) {
        return NULL;
    }
    if (parent != NOT_STORED) {
        view->nodes[parent].children++;
    }
    fpl_node *node = &view->nodes[view->count++];
    *node = (fpl_node){0};
    node->kind = kind;
    node->key = key;
    return node;
}

static void open_container(fpl_view *view, fpl_node_kind kind, const char *key)
{
    if (view == NULL) {
        return;
    }
    if (view->depth == FPL_VIEW_MAX_DEPTH || view->excess > 0) {
        /* Too deep: counted, not stored, and so is everything inside. */
        view->needed++;
        view->last = NOT_STORED;
        view->excess++;
        return;
    }
    size_t index = view->count;
    fpl_node *node = add(view, kind, key);
    view->open[view->depth++] = node != NULL ? index : NOT_STORED;
}

void fpl_view_object(fpl_view *view, const char *key)
{
    open_container(view, FPL_NODE_OBJECT, key);
}

void fpl_view_array(fpl_view *view, const char *key)
{
    open_container(view, FPL_NODE_ARRAY, key);
}

void fpl_view_close(fpl_view *view)
{
    if (view == NULL) {
        return;
    }
    if (view->excess > 0) {
        view->excess--;
        return;
    }
    if (view->depth == 0) {
        return;
    }
    view->depth--;
    view->last = view->open[view->depth];
}

void fpl_view_reopen(fpl_view *view)
{
    if (view == NULL || view->last == NOT_STORED || view->depth == FPL_VIEW_MAX_DEPTH) {
        return;
    }
    view->open[view->depth++] = view->last;
    view->last = NOT_STORED;
}

/* Adds a leaf: its kind and its value are the template's. */
static void add_leaf(fpl_view *view, const char *key, fpl_node leaf)
{
    fpl_node *node = add(view, leaf.kind, key);
    if (node != NULL) {
        node->value = leaf.value;
    }
}

void fpl_view_null(fpl_view *view, const char *key)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_NULL});
}

void fpl_view_bool(fpl_view *view, const char *key, bool x)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_BOOL, .value.boolean = x});
}

void fpl_view_number(fpl_view *view, const char *key, double x)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_NUMBER, .value.number = x});
}

void fpl_view_number_or_null(fpl_view *view, const char *key, bool present, double x)
{
    add_leaf(view, key, present ? (fpl_node){.kind = FPL_NODE_NUMBER, .value.number = x}
                                : (fpl_node){.kind = FPL_NODE_NULL});
}

void fpl_view_whole(fpl_view *view, const char *key, double x)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_WHOLE, .value.number = x});
}

void fpl_view_count(fpl_view *view, const char *key, uint64_t n)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_COUNT, .value.count = n});
}

void fpl_view_string(fpl_view *view, const char *key, const char *s)
{
    add_leaf(view, key, s != NULL ? (fpl_node){.kind = FPL_NODE_STRING, .value.string = s}
                                  : (fpl_node){.kind = FPL_NODE_NULL});
}

void fpl_view_month(fpl_view *view, const char *key, fpl_month month)
{
    add_leaf(view, key, (fpl_node){.kind = FPL_NODE_MONTH, .value.month = month});
}

/*
 * funnelplan — JSON: any view written as text into the caller's buffer.
 * SPDX-License-Identifier: MIT
 *
 * Pretty-printed like Python's json.dumps(indent=2): two spaces per level,
 * one member or element per line, "key": value, [] and {} when empty. This
 * is the one place where JSON bytes are made.
 */

#include "internal.h"

#include "../internal.h"

#include "funnelplan/format.h"

#include <string.h>

/* ---- text into the caller's buffer -------------------------------------- */

void fpl__text_put(fpl__text *t, const char *s, size_t n)
{
    if (t->len < t->capacity) {
        size_t room = t->capacity - 1 - t->len; /* one byte stays for the NUL */
        memcpy(t->buf + t->len, s, n < room ? n : room);
    }
    t->len += n;
}

void fpl__text_end(fpl__text *t)
{
    if (t->capacity > 0) {
        t->buf[t->len < t->capacity ? t->len : t->capacity - 1] = '\0';
    }
}

static void put_str(fpl__text *t, const char *s)
{
    fpl__text_put(t, s, strlen(s));
}

static void put_indent(fpl__text *t, size_t depth)
{
    for (size_t i = 0; i < depth; ++i) {
        fpl__text_put(t, "  ", 2);
    }
}

void fpl__text_count(fpl__text *t, uint64_t n)
{
    char digits[20];
    size_t i = sizeof digits;
    do {
        digits[--i] = (char)('0' + n % 10u);
        n /= 10u;
    } while (n > 0);
    fpl__text_put(t, digits + i, sizeof digits - i);
}

static void put_number(fpl__text *t, double x)
{
    char text[FPL_NUMBER_MAX];
    size_t len = fpl_format_number(x, FPL_NUMBER_JSON, text, sizeof text);
    fpl__text_put(t, text, len < sizeof text ? len : sizeof text - 1);
}

/* Whether x is a whole count that a uint64_t holds exactly (the cast
 * truncates, so a fraction comes back smaller). */
static bool is_count(double x)
{
    return x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x);
}

/* A string in quotes: ", \ and the control characters escaped, every other
 * byte as it is. */
static void put_string(fpl__text *t, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    fpl__text_put(t, "\"", 1);
    const char *run = s; /* bytes not yet written that need no escape */
    for (; *s != '\0'; ++s) {
        unsigned char c = (unsigned char)*s;
        const char *esc = NULL;
        char u[7] = {'\\', 'u', '0', '0', 0, 0, 0};
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                u[4] = hex[c >> 4];
                u[5] = hex[c & 0xFu];
                esc = u;
            }
        }
        if (esc != NULL) {
            fpl__text_put(t, run, (size_t)(s - run));
            put_str(t, esc);
            run = s + 1;
        }
    }
    fpl__text_put(t, run, (size_t)(s - run));
    fpl__text_put(t, "\"", 1);
}

/* ---- JSON --------------------------------------------------------------- */

void fpl__json_item(fpl__text *t, bool first, size_t depth, const char *key)
{
    if (!first) {
        fpl__text_put(t, ",", 1);
    }
    fpl__text_put(t, "\n", 1);
    put_indent(t, depth);
    if (key != NULL) {
        put_string(t, key);
        fpl__text_put(t, ": ", 2);
    }
}

void fpl__json_close(fpl__text *t, bool empty, size_t depth, char c)
{
    if (!empty) {
        fpl__text_put(t, "\n", 1);
        put_indent(t, depth);
    }
    fpl__text_put(t, &c, 1);
}

/* The index after node i's subtree, without writing it: each container
 * adds its children to the nodes still to pass (no stack needed). */
static size_t skip(const fpl_node *nodes, size_t count, size_t i)
{
    size_t pending = 1;
    while (pending > 0 && i < count) {
        pending--;
        if (nodes[i].kind == FPL_NODE_OBJECT || nodes[i].kind == FPL_NODE_ARRAY) {
            pending += nodes[i].children;
        }
        i++;
    }
    return i;
}

/* Recursive over the nesting, which a view bounds by FPL_VIEW_MAX_DEPTH. */
// NOLINTNEXTLINE(misc-no-recursion)
size_t fpl__json_value(fpl__text *t, const fpl_node *nodes, size_t count, size_t i,
                       size_t depth)
{
    const fpl_node *n = &nodes[i];
    switch (n->kind) {
    case FPL_NODE_OBJECT:
    case FPL_NODE_ARRAY: {
        if (depth >= FPL_VIEW_MAX_DEPTH) {
            put_str(t, "null");
            return skip(nodes, count, i);
        }
        const bool object = n->kind == FPL_NODE_OBJECT;
        fpl__text_put(t, object ? "{" : "[", 1);
        size_t next = i + 1;
        size_t written = 0;
        for (; written < n->children && next < count; ++written) {
            const char *key = object ? (nodes[next].key != NULL ? nodes[next].key : "") : NULL;
            fpl__json_item(t, written == 0, depth + 1, key);
            next = fpl__json_value(t, nodes, count, next, depth + 1);
        }
        fpl__json_close(t, written == 0, depth, object ? '}' : ']');
        return next;
    }
    case FPL_NODE_BOOL: put_str(t, n->value.boolean ? "true" : "false"); break;
    case FPL_NODE_NUMBER: put_number(t, n->value.number); break;
    case FPL_NODE_WHOLE:
        if (is_count(n->value.number)) {
            fpl__text_count(t, (uint64_t)n->value.number);
        } else {
            put_number(t, n->value.number); /* never from the library: shown, not cut */
        }
        break;
    case FPL_NODE_COUNT: fpl__text_count(t, n->value.count); break;
    case FPL_NODE_STRING:
        if (n->value.string != NULL) {
            put_string(t, n->value.string);
        } else {
            put_str(t, "null");
        }
        break;
    case FPL_NODE_MONTH: {
        char text[FPL_CALENDAR_TEXT_MAX];
        size_t len = fpl_month_format(n->value.month, text, sizeof text);
        fpl__text_put(t, "\"", 1);
        fpl__text_put(t, text, len < sizeof text ? len : sizeof text - 1);
        fpl__text_put(t, "\"", 1);
        break;
    }
    case FPL_NODE_NULL:
    default: put_str(t, "null"); break;
    }
    return i + 1;
}

// NOLINTNEXTLINE(readability-non-const-parameter): buf is written through t
size_t fpl_view_json(const fpl_node *nodes, size_t count, char *buf, size_t capacity)
{
    fpl__text t = {buf, buf != NULL ? capacity : 0, 0};
    if (nodes == NULL || count == 0) {
        put_str(&t, "null");
    } else {
        (void)fpl__json_value(&t, nodes, count, 0, 0);
    }
    fpl__text_put(&t, "\n", 1);
    fpl__text_end(&t);
    return t.len;
}

/* ---- a result and its mixes in one call ---------------------------------
 * The result's view is written member by member, then the mixes one at a
 * time, each described into a few nodes: so only the result's nodes are
 * held at once, not FPL_VIEW_MAX_NODES, and the stack stays small. The bytes
 * are those of fpl_view_json() over the whole view (test_render.c). */

static fpl_status result_json(fpl_view *view, const fpl_funnel *funnel, const fpl_mix *mixes,
                              size_t n_mixes, char *buf, size_t capacity, size_t *length_out,
                              fpl_error *err)
{
    fpl__text t = {buf, buf != NULL ? capacity : 0, 0};
    const fpl_node *nodes = view->nodes;
    const fpl_node *root = &nodes[0];
    if (n_mixes == 0 || root->kind != FPL_NODE_OBJECT) {
        *length_out = fpl_view_json(nodes, view->count, buf, capacity);
        return FPL_OK;
    }
    fpl__text_put(&t, "{", 1);
    size_t next = 1;
    size_t written = 0;
    for (; written < root->children && next < view->count; ++written) {
        fpl__json_item(&t, written == 0, 1, nodes[next].key != NULL ? nodes[next].key : "");
        next = fpl__json_value(&t, nodes, view->count, next, 1);
    }
    fpl__json_item(&t, written == 0, 1, "mix");
    fpl__text_put(&t, "[", 1);
    for (size_t i = 0; i < n_mixes; ++i) {
        fpl_node mix_nodes[FPL_VIEW_MIX_NODES];
        fpl_view mix_view;
        fpl_view_init(&mix_view, mix_nodes, FPL_VIEW_MIX_NODES);
        fpl__view_mix(&mix_view, funnel, &mixes[i]);
        fpl_status st = fpl_view_check(&mix_view, err);
        if (st != FPL_OK) {
            return st;
        }
        fpl__json_item(&t, i == 0, 2, NULL);
        (void)fpl__json_value(&t, mix_nodes, mix_view.count, 0, 2);
    }
    fpl__json_close(&t, false, 1, ']');
    fpl__json_close(&t, false, 0, '}');
    fpl__text_put(&t, "\n", 1);
    fpl__text_end(&t);
    *length_out = t.len;
    return FPL_OK;
}

fpl_status fpl_plan_json(const fpl_funnel *funnel, const fpl_plan *plan,
                         const fpl_odds_plan *confidence, const fpl_mix *mixes, size_t n_mixes,
                         char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    if (length_out == NULL || (buf == NULL && capacity > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__mixes_check(funnel, mixes, n_mixes, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    fpl_node nodes[FPL_VIEW_PLAN_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_PLAN_NODES);
    st = fpl_view_plan(&view, NULL, funnel, plan, confidence, err);
    if (st == FPL_OK) {
        st = result_json(&view, funnel, mixes, n_mixes, buf, capacity, length_out, err);
    }
    return fpl__done(err, st);
}

fpl_status fpl_forecast_json(const fpl_funnel *funnel, const fpl_forecast *forecast,
                             const fpl_mix *mixes, size_t n_mixes, char *buf, size_t capacity,
                             size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    if (length_out == NULL || (buf == NULL && capacity > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__mixes_check(funnel, mixes, n_mixes, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    fpl_node nodes[FPL_VIEW_FORECAST_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_FORECAST_NODES);
    st = fpl_view_forecast(&view, NULL, funnel, forecast, err);
    if (st == FPL_OK) {
        st = result_json(&view, funnel, mixes, n_mixes, buf, capacity, length_out, err);
    }
    return fpl__done(err, st);
}

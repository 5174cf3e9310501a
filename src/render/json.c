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
    if (t->sink != NULL) {
        t->sink(t->ctx, s, n);
    } else if (t->len < t->capacity) {
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

static const unsigned char *c_bytes(const char *s)
{
    return (const unsigned char *)s;
}

/* The bytes before the NUL at s, up to the 4 of the longest UTF-8 sequence. */
static size_t up_to_4(const char *s)
{
    size_t n = 0;
    while (n < 4 && s[n] != '\0') {
        n++;
    }
    return n;
}

/* A string in quotes: ", \ and the control characters escaped (C1 and the
 * bidirectional controls too, fpl__unsafe_char), every other byte as it is. */
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
        size_t n = 1;
        uint32_t cp = 0;
        if (c >= 0x80 && (n = fpl__utf8_decode(c_bytes(s), up_to_4(s), &cp)) > 0 &&
            fpl__unsafe_char(cp)) {
            /* a C1 or bidirectional control: as \uXXXX (the same text to a
             * JSON reader, never raw on a terminal) */
            u[2] = hex[(cp >> 12) & 0xFu];
            u[3] = hex[(cp >> 8) & 0xFu];
            u[4] = hex[(cp >> 4) & 0xFu];
            u[5] = hex[cp & 0xFu];
            esc = u;
        } else {
            n = 1;
        }
        if (esc != NULL) {
            fpl__text_put(t, run, (size_t)(s - run));
            put_str(t, esc);
            run = s + n;
            s += n - 1;
        }
    }
    fpl__text_put(t, run, (size_t)(s - run));
    fpl__text_put(t, "\"", 1);
}

/* ---- JSON --------------------------------------------------------------- */

/* Before a member or an element of a container at depth - 1: the comma of
 * the one before (unless first), a newline and the indent of depth, and the
 * key when not NULL. */
static void put_item(fpl__text *t, bool first, size_t depth, const char *key)
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

/* After the last member or element: a newline and the indent of depth
 * (when there was one), and the closing c. */
static void put_close(fpl__text *t, bool empty, size_t depth, char c)
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

/* The value of node i and its subtree, at depth; returns the index after
 * the subtree. Recursive over the nesting, which a view bounds by
 * FPL_VIEW_MAX_DEPTH. */
// NOLINTNEXTLINE(misc-no-recursion)
static size_t put_value(fpl__text *t, const fpl_node *nodes, size_t count, size_t i, size_t depth)
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
            put_item(t, written == 0, depth + 1, key);
            next = put_value(t, nodes, count, next, depth + 1);
        }
        put_close(t, written == 0, depth, object ? '}' : ']');
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

/* ---- a part at a time ---------------------------------------------------- */

/* Before a member or an element of the open container (nothing at the root). */
static void stream_item(fpl__json *j, const char *key)
{
    if (j->depth > 0) {
        put_item(&j->t, j->items[j->depth - 1]++ == 0, j->depth, key);
    }
}

/* After a value: the end of the text when it was the root. */
static void stream_end(fpl__json *j)
{
    if (j->depth == 0) {
        fpl__text_put(&j->t, "\n", 1);
        fpl__text_end(&j->t);
    }
}

void fpl__json_open(fpl__json *j, const char *key, char c)
{
    stream_item(j, key);
    fpl__text_put(&j->t, &c, 1);
    j->close[j->depth] = c == '{' ? '}' : ']';
    j->items[j->depth++] = 0;
}

void fpl__json_close(fpl__json *j)
{
    j->depth--;
    put_close(&j->t, j->items[j->depth] == 0, j->depth, j->close[j->depth]);
    stream_end(j);
}

void fpl__json_put(fpl__json *j, const char *key, const fpl_node *nodes, size_t count)
{
    stream_item(j, key);
    if (nodes == NULL || count == 0) {
        put_str(&j->t, "null");
    } else {
        (void)put_value(&j->t, nodes, count, 0, j->depth);
    }
    stream_end(j);
}

fpl_status fpl__json_array(fpl__json *j, const fpl__part *part, fpl_error *err)
{
    fpl__json_open(j, part->key, '[');
    for (size_t i = 0; i < part->n; ++i) {
        fpl_node nodes[FPL__PART_NODES];
        fpl_view view;
        fpl_view_init(&view, nodes, FPL__PART_NODES);
        part->describe(&view, part->a, part->b, i);
        fpl_status st = fpl_view_check(&view, err);
        if (st != FPL_OK) {
            return st;
        }
        fpl__json_put(j, NULL, nodes, view.count);
    }
    fpl__json_close(j);
    return FPL_OK;
}

fpl_status fpl__json_members(fpl__json *j, const fpl_view *view, const fpl__part *hole,
                             fpl_error *err)
{
    fpl_status st = fpl_view_check(view, err);
    const fpl_node *nodes = view->nodes;
    size_t next = 1;
    for (size_t m = 0; st == FPL_OK && next < view->count && m < nodes[0].children; ++m) {
        const fpl_node *n = &nodes[next];
        if (hole != NULL && n->kind == FPL_NODE_ARRAY && n->children == 0 && n->key != NULL &&
            strcmp(n->key, hole->key) == 0) {
            st = fpl__json_array(j, hole, err);
            next++;
        } else {
            stream_item(j, n->key != NULL ? n->key : "");
            next = put_value(&j->t, nodes, view->count, next, j->depth);
        }
    }
    return st;
}

// NOLINTNEXTLINE(readability-non-const-parameter): buf is written through j
fpl_status fpl__json_begin(fpl__json *j, char *buf, size_t capacity, const size_t *length_out,
                           fpl_error *err)
{
    *j = (fpl__json){.t = {.buf = buf, .capacity = buf != NULL ? capacity : 0}};
    if (length_out == NULL || (buf == NULL && capacity > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl__json_open(j, NULL, '{');
    return FPL_OK;
}

fpl_status fpl__json_end(fpl__json *j, const fpl_view *view, fpl_status st, size_t *length_out,
                         fpl_error *err)
{
    if (st == FPL_OK && view != NULL) {
        st = fpl__json_members(j, view, NULL, err);
    }
    if (st == FPL_OK) {
        fpl__json_close(j);
        *length_out = j->t.len;
    }
    return fpl__done(err, st);
}

// NOLINTNEXTLINE(readability-non-const-parameter): buf is written through j
size_t fpl_view_json(const fpl_node *nodes, size_t count, char *buf, size_t capacity)
{
    fpl__json j = {.t = {.buf = buf, .capacity = buf != NULL ? capacity : 0}};
    fpl__json_put(&j, NULL, nodes, count);
    return j.t.len;
}

/* ---- a plan or a forecast and its mixes ---------------------------------
 * The result's members, then its mixes one at a time: so only the result's
 * nodes are held at once, not FPL_VIEW_MAX_NODES. The bytes are those of
 * fpl_view_json() over the whole view (test_render.c). */

/* What the JSON of a result and its mixes checks before it describes. */
static fpl_status result_begin(fpl__json *j, char *buf, size_t capacity, const size_t *length_out,
                               const fpl_funnel *funnel, const fpl_mix *mixes, size_t n_mixes,
                               fpl_error *err)
{
    fpl__begin(err);
    fpl_status st = fpl__json_begin(j, buf, capacity, length_out, err);
    return st == FPL_OK ? fpl__mixes_check(funnel, mixes, n_mixes, err) : st;
}

/* The described result's members (st: the describer's status), then its mixes. */
static fpl_status result_end(fpl__json *j, const fpl_view *view, fpl_status st,
                             const fpl_funnel *funnel, const fpl_mix *mixes, size_t n_mixes,
                             size_t *length_out, fpl_error *err)
{
    if (st == FPL_OK) {
        st = fpl__json_members(j, view, NULL, err);
    }
    if (st == FPL_OK) {
        st = fpl__json_mixes(j, "mix", funnel, mixes, n_mixes, err);
    }
    return fpl__json_end(j, NULL, st, length_out, err);
}

fpl_status fpl_plan_json(const fpl_funnel *funnel, const fpl_plan *plan,
                         const fpl_odds_plan *confidence, const fpl_mix *mixes, size_t n_mixes,
                         char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl_node nodes[FPL_VIEW_PLAN_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_PLAN_NODES);
    fpl__json j;
    fpl_status st = result_begin(&j, buf, capacity, length_out, funnel, mixes, n_mixes, err);
    if (st == FPL_OK) {
        st = fpl_view_plan(&view, NULL, funnel, plan, confidence, err);
    }
    return result_end(&j, &view, st, funnel, mixes, n_mixes, length_out, err);
}

fpl_status fpl_forecast_json(const fpl_funnel *funnel, const fpl_forecast *forecast,
                             const fpl_mix *mixes, size_t n_mixes, char *buf, size_t capacity,
                             size_t *length_out, fpl_error *err)
{
    fpl_node nodes[FPL_VIEW_FORECAST_NODES];
    fpl_view view;
    fpl_view_init(&view, nodes, FPL_VIEW_FORECAST_NODES);
    fpl__json j;
    fpl_status st = result_begin(&j, buf, capacity, length_out, funnel, mixes, n_mixes, err);
    if (st == FPL_OK) {
        st = fpl_view_forecast(&view, NULL, funnel, forecast, err);
    }
    return result_end(&j, &view, st, funnel, mixes, n_mixes, length_out, err);
}

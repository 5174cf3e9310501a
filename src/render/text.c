/*
 * funnelplan — documents: the text tables, CSV and sentences of every
 * result, written into the caller's buffer in two passes (internal.h).
 * SPDX-License-Identifier: MIT
 *
 * The one place where a table is laid out and a CSV field quoted; the
 * per-result files (table_*.c) only say which cells and sentences.
 */

#include "internal.h"

#include "../internal.h"

#include <stdarg.h>
#include <string.h>

static const char *const format_names[] = {"table", "json", "csv", "svg"};

const char *fpl_render_format_name(fpl_render_format format)
{
    return (unsigned)format < 4u ? format_names[format] : NULL;
}

fpl_status fpl_render_format_parse(const char *text, size_t len, fpl_render_format *out,
                                   fpl_error *err)
{
    fpl__begin(err);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    len = fpl__text_len(text, len);
    for (unsigned f = 0; f < 4u; ++f) {
        if (strlen(format_names[f]) == len && memcmp(format_names[f], text, len) == 0) {
            *out = (fpl_render_format)f;
            return fpl__done(err, FPL_OK);
        }
    }
    return fpl__fail_at(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX, 0, len);
}

void fpl__doc_init(fpl__doc *d, char *buf, size_t capacity)
{
    memset(d, 0, sizeof *d);
    d->text.buf = buf;
    d->text.capacity = buf != NULL ? capacity : 0;
}

bool fpl__doc_pass(fpl__doc *d)
{
    if (d->pass >= 2) {
        return false;
    }
    d->pass++;
    d->text.len = 0;
    d->table = 0;
    d->ncols = 0;
    return true;
}

void fpl__render_begin(fpl__doc *d, fpl_status st, size_t json_length, fpl_render_format format,
                       char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    fpl__doc_init(d, buf, capacity);
    d->length_out = length_out;
    d->pass = 2; /* nothing to write, unless all is well below */
    if (st == FPL_OK && (length_out == NULL || (buf == NULL && capacity > 0))) {
        st = fpl__fail(err, FPL_ERR_NULL, FPL_FIELD_NONE, FPL_NO_INDEX);
    } else if (st == FPL_OK && format == FPL_RENDER_JSON) {
        d->text.len = json_length; /* written already */
    } else if (st == FPL_OK && format != FPL_RENDER_TABLE && format != FPL_RENDER_CSV) {
        st = fpl__fail(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX);
    } else if (st == FPL_OK) {
        d->pass = 0;
    }
    d->status = st;
}

fpl_status fpl__render_end(fpl__doc *d, fpl_error *err)
{
    if (d->status == FPL_OK) {
        fpl__text_end(&d->text);
        *d->length_out = d->text.len;
    }
    return fpl__done(err, d->status);
}

void fpl__put_n(fpl__doc *d, const char *s, size_t n)
{
    if (d->pass == 2) {
        fpl__text_put(&d->text, s, n);
    }
}

void fpl__put_list(fpl__doc *d, ...)
{
    va_list ap;
    va_start(ap, d);
    for (const char *s = va_arg(ap, const char *); s != NULL; s = va_arg(ap, const char *)) {
        fpl__put_n(d, s, strlen(s));
    }
    va_end(ap);
}

char *fpl__join_list(char *out, size_t size, ...)
{
    size_t n = 0;
    va_list ap;
    va_start(ap, size);
    for (const char *s = va_arg(ap, const char *); s != NULL; s = va_arg(ap, const char *)) {
        size_t k = strlen(s);
        k = k < size - 1 - n ? k : size - 1 - n;
        memcpy(out + n, s, k);
        n += k;
    }
    va_end(ap);
    out[n] = '\0';
    return out;
}

void fpl__put_style(fpl__doc *d, double x, fpl_number_style style)
{
    char num[FPL_NUMBER_MAX];
    fpl_format_number(x, style, num, sizeof num);
    fpl__put(d, num);
}

void fpl__put_digits(fpl__doc *d, uint64_t n)
{
    if (d->pass == 2) {
        fpl__text_count(&d->text, n);
    }
}

void fpl__put_figure(fpl__doc *d, const char *before, double x, fpl_number_style style,
                     const char *after)
{
    fpl__put(d, before);
    fpl__put_style(d, x, style);
    fpl__put(d, after);
}

void fpl__put_count(fpl__doc *d, uint64_t n)
{
    char num[FPL_NUMBER_MAX];
    fpl_format_count(n, num, sizeof num);
    fpl__put(d, num);
}

/* ---- CSV ------------------------------------------------------------------ */

void fpl__csv_field(fpl__text *t, const char *s)
{
    size_t n = strlen(s);
    if (strpbrk(s, ",\"\r\n") == NULL && !(n > 0 && (s[0] == ' ' || s[n - 1] == ' '))) {
        fpl__text_put(t, s, n);
        return;
    }
    fpl__text_put(t, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        fpl__text_put(t, s, (size_t)(q - s) + 1);
        fpl__text_put(t, "\"", 1);
    }
    fpl__text_put(t, s, strlen(s));
    fpl__text_put(t, "\"", 1);
}

void fpl__csv_text(fpl__doc *d, bool first, const char *s)
{
    if (!first) {
        fpl__put_n(d, ",", 1);
    }
    if (d->pass == 2) {
        fpl__csv_field(&d->text, s);
    }
}

void fpl__csv_number(fpl__doc *d, double x)
{
    fpl__put_n(d, ",", 1);
    fpl__put_style(d, x, FPL_NUMBER_JSON);
}

void fpl__csv_whole(fpl__doc *d, double x)
{
    if (x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x)) {
        fpl__csv_count(d, (uint64_t)x);
    } else {
        fpl__csv_number(d, x);
    }
}

void fpl__csv_maybe(fpl__doc *d, bool present, double x)
{
    if (present) {
        fpl__csv_number(d, x);
    } else {
        fpl__put_n(d, ",", 1);
    }
}

void fpl__csv_count(fpl__doc *d, uint64_t n)
{
    fpl__put_n(d, ",", 1);
    fpl__put_digits(d, n);
}

/* ---- tables --------------------------------------------------------------- */

/* s[0, len) as fpl_format_escaped() writes it, to t; its width in cells. */
static size_t escaped_n(fpl__text *t, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t cells = 0;
    for (size_t left = len, n; left > 0; s += n, left -= n) {
        uint32_t cp = 0;
        n = fpl__utf8_decode((const unsigned char *)s, left, &cp);
        const char *pair = cp == '\\' ? "\\\\" : cp == '\n' ? "\\n"
                         : cp == '\r' ? "\\r" : cp == '\t' ? "\\t" : NULL;
        if (n > 0 && pair != NULL) {
            fpl__text_put(t, pair, 2);
            cells += 2;
        } else if (n == 0 || fpl__unsafe_char(cp)) {
            n += n == 0;
            for (size_t i = 0; i < n; ++i, cells += 4) {
                const unsigned char c = (unsigned char)s[i];
                fpl__text_put(t, (const char[4]){'\\', 'x', hex[c >> 4], hex[c & 15u]}, 4);
            }
        } else {
            fpl__text_put(t, s, n);
            cells++;
        }
    }
    return cells;
}

size_t fpl__escaped(fpl__text *t, const char *s)
{
    return escaped_n(t, s, strlen(s));
}

void fpl__csv_escaped(fpl__text *t, const char *s)
{
    const size_t n = strlen(s);
    const bool quote = strpbrk(s, ",\"") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
    fpl__text_put(t, "\"", quote ? 1 : 0);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        (void)escaped_n(t, s, (size_t)(q - s));
        fpl__text_put(t, "\"\"", 2);
    }
    (void)escaped_n(t, s, strlen(s));
    fpl__text_put(t, "\"", quote ? 1 : 0);
}

// NOLINTNEXTLINE(readability-non-const-parameter): out is written through t
size_t fpl_format_escaped(const char *text, char *out, size_t capacity, size_t *cells_out)
{
    fpl__text t = {.buf = out, .capacity = out != NULL ? capacity : 0};
    const size_t cells = text != NULL ? fpl__escaped(&t, text) : 0;
    fpl__text_end(&t);
    if (cells_out != NULL) {
        *cells_out = cells;
    }
    return t.len;
}

// NOLINTNEXTLINE(readability-non-const-parameter): out is written through t
size_t fpl_format_excerpt(const char *text, size_t len, char *out, size_t capacity)
{
    char head[FPL_EXCERPT_MAX + 1] = {0};
    size_t n = 0;
    len = text != NULL ? fpl__text_len(text, len) : 0;
    while (n < len) {
        uint32_t cp;
        size_t k = fpl__utf8_decode((const unsigned char *)text + n, len - n, &cp);
        k = k == 0 ? 1 : k;
        if (n + k > FPL_EXCERPT_MAX) {
            break;
        }
        n += k;
    }
    if (n > 0) {
        memcpy(head, text, n);
    }
    head[n] = '\0';
    fpl__text t = {.buf = out, .capacity = out != NULL ? capacity : 0};
    /* escaped a NUL-terminated piece at a time: an embedded NUL as \x00 */
    for (size_t at = 0; at <= n;) {
        (void)fpl__escaped(&t, head + at);
        at += strlen(head + at) + 1;
        if (at <= n) {
            fpl__text_put(&t, "\\x00", 4);
        }
    }
    if (n < len) {
        fpl__text_put(&t, "...", 3);
    }
    fpl__text_end(&t);
    return t.len;
}

size_t fpl__display_width(const char *s)
{
    size_t w = 0;
    for (; *s != '\0'; ++s) {
        w += ((unsigned char)*s & 0xC0u) != 0x80u;
    }
    return w;
}

/* The row built so far: measured (first pass) or written (second). */
static void flush_row(fpl__doc *d)
{
    if (!d->row_open) {
        return;
    }
    d->row_open = false;
    size_t *width = d->width[d->table - 1];
    size_t last = FPL__COLS; /* the last cell with text: nothing padded past it */
    for (size_t c = 0; c < d->ncols; ++c) {
        size_t w = fpl__display_width(d->cell[c]);
        if (d->pass == 1 && w > width[c]) {
            width[c] = w;
        }
        last = w > 0 ? c : last;
    }
    for (size_t c = 0; last < FPL__COLS && c <= last; ++c) {
        size_t pad = width[c] - fpl__display_width(d->cell[c]);
        if (c > 0) {
            fpl__put_n(d, "  ", 2);
        }
        for (size_t i = 0; d->align[c] == FPL__RIGHT && i < pad; ++i) {
            fpl__put_n(d, " ", 1);
        }
        fpl__put(d, d->cell[c]);
        for (size_t i = 0; c < last && d->align[c] == FPL__LEFT && i < pad; ++i) {
            fpl__put_n(d, " ", 1);
        }
    }
    fpl__put_n(d, "\n", 1);
}

void fpl__table_row(fpl__doc *d)
{
    flush_row(d);
    d->row_open = d->ncols > 0;
    for (size_t c = 0; c < d->ncols; ++c) {
        d->cell[c][0] = '\0';
    }
}

void fpl__table_begin(fpl__doc *d, size_t ncols, const char *const *headers,
                      const fpl__align *align)
{
    fpl__table_end(d);
    if (d->table >= FPL__TABLES) {
        return; /* more tables than any result has: a programming error */
    }
    d->table++;
    d->ncols = ncols < FPL__COLS ? ncols : FPL__COLS;
    memcpy(d->align, align, d->ncols * sizeof *align);
    fpl__table_row(d);
    for (size_t c = 0; c < d->ncols; ++c) {
        fpl__table_set(d, c, headers[c]);
    }
}

void fpl__table_set(fpl__doc *d, size_t col, const char *text)
{
    if (col < d->ncols) {
        size_t n = strlen(text);
        n = n < FPL__CELL ? n : FPL__CELL - 1;
        memcpy(d->cell[col], text, n);
        d->cell[col][n] = '\0';
    }
}

void fpl__table_style(fpl__doc *d, size_t col, double x, fpl_number_style style)
{
    if (col < d->ncols) {
        fpl_format_number(x, style, d->cell[col], FPL__CELL);
    }
}

void fpl__table_count(fpl__doc *d, size_t col, uint64_t n)
{
    if (col < d->ncols) {
        fpl_format_count(n, d->cell[col], FPL__CELL);
    }
}

void fpl__table_maybe(fpl__doc *d, size_t col, bool present, double x, fpl_number_style style)
{
    if (present) {
        fpl__table_style(d, col, x, style);
    } else {
        fpl__table_set(d, col, "-");
    }
}

void fpl__table_bar(fpl__doc *d, size_t col, double value, double top)
{
    /* U+2588 FULL BLOCK, then U+2589..U+258F: seven eighths down to one. */
    static const char *const partial[8] = {"",         "\u258F", "\u258E", "\u258D",
                                           "\u258C", "\u258B", "\u258A", "\u2589"};
    static const char full[] = "\u2588";
    if (col >= d->ncols || !(value > 0.0) || !(top > 0.0)) {
        return;
    }
    double ratio = value / top < 1.0 ? value / top : 1.0;
    long eighths = (long)(ratio * FPL__BAR_WIDTH * 8 + 0.5);
    eighths = eighths < 1 ? 1 : eighths; /* a thin sliver: the stage is there, just small */
    char *o = d->cell[col];
    for (long i = 0; i < eighths / 8; ++i, o += sizeof full - 1) {
        memcpy(o, full, sizeof full - 1);
    }
    const char *tail = partial[eighths % 8];
    memcpy(o, tail, strlen(tail) + 1);
}

void fpl__table_end(fpl__doc *d)
{
    flush_row(d);
    d->ncols = 0;
}

/*
 * funnelplan CLI — a growing text buffer, number formats, escaping, errors.
 * SPDX-License-Identifier: MIT
 */

#include "cli.h"
#include "tables.h"

#include "funnelplan/common.h"
#include "funnelplan/format.h"
#include "funnelplan/funnel.h"
#include "funnelplan/limits.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the buffer ---------------------------------------------------------- */

static bool buf_reserve(cli_buf *b, size_t extra)
{
    if (b->oom) {
        return false;
    }
    if (extra <= b->cap - b->len) {
        return true;
    }
    size_t want = b->len + extra;
    if (want < b->len) {
        b->oom = true;
        return false;
    }
    size_t cap = b->cap < 256 ? 256 : b->cap;
    while (cap < want) {
        if (cap > SIZE_MAX / 2) {
            cap = want;
            break;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

char *cli_buf_space(cli_buf *b, size_t n)
{
    return buf_reserve(b, n) ? b->data + b->len : NULL;
}

void cli_buf_put(cli_buf *b, const char *s, size_t n)
{
    if (n == 0 || !buf_reserve(b, n)) {
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void cli_buf_puts(cli_buf *b, const char *s)
{
    cli_buf_put(b, s, strlen(s));
}

void cli_buf_putc(cli_buf *b, char c)
{
    cli_buf_put(b, &c, 1);
}

void cli_buf_repeat(cli_buf *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; ++i) {
        cli_buf_puts(b, s);
    }
}

static void buf_vprintf(cli_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    /* ap comes from va_start in every caller: the analyzer's va_list check
     * misreads a va_list copied with va_copy (LLVM bug 41311). */
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) {
        b->oom = true;
    } else if (buf_reserve(b, (size_t)n + 1)) {
        (void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2); /* n bytes, measured */
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void cli_buf_printf(cli_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void cli_buf_free(cli_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void cli_buf_drain(cli_buf *b)
{
    if (b->sink == NULL || b->len < CLI_BUF_DRAIN_AT) {
        return;
    }
    if (!b->oom && b->sink_error == 0) {
        errno = 0;
        if (fwrite(b->data, 1, b->len, (FILE *)b->sink) != b->len) {
            b->sink_error = errno != 0 ? errno : EIO;
        }
    }
    b->len = 0;
}

/* ---- text -------------------------------------------------------------- */

void cli_buf_escaped(cli_buf *b, const char *text)
{
    const size_t n = fpl_format_escaped(text, NULL, 0, NULL); /* the library's rule */
    char *p = cli_buf_space(b, n + 1);
    if (p != NULL) {
        b->len += fpl_format_escaped(text, p, n + 1, NULL);
    }
}

/* ---- errors ------------------------------------------------------------ */

static void write_error_line(cli_buf *line)
{
    cli_buf_putc(line, '\n');
    /* a failure to write to stderr has nowhere to be reported */
    if (line->oom) {
        (void)fputs("funnelplan: out of memory\n", stderr);
    } else {
        (void)fwrite(line->data, 1, line->len, stderr);
    }
    (void)fflush(stderr);
    cli_buf_free(line);
}

void cli_error(const char *fmt, ...)
{
    cli_buf msg = {0};
    cli_buf line = {0};
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    cli_buf_putc(&msg, '\0');
    cli_buf_puts(&line, "funnelplan: ");
    cli_buf_escaped(&line, msg.oom ? "out of memory" : msg.data); /* one line, whatever it holds */
    line.oom |= msg.oom;
    cli_buf_free(&msg);
    write_error_line(&line);
}

void cli_error_part(const char *what, const char *value, const char *part, size_t len,
                    const char *message)
{
    cli_buf line = {0};
    char quoted[FPL_EXCERPT_TEXT_MAX]; /* at most a short prefix: the library's rule */
    cli_buf_puts(&line, "funnelplan: ");
    cli_buf_escaped(&line, what);
    fpl_format_excerpt(value, FPL_NUL_TERMINATED, quoted, sizeof quoted);
    cli_buf_printf(&line, " '%s': ", quoted);
    if (part != NULL) {
        fpl_format_excerpt(part, len, quoted, sizeof quoted);
        cli_buf_printf(&line, "'%s': ", quoted);
    }
    cli_buf_escaped(&line, message);
    write_error_line(&line);
}

void cli_error_value(const char *what, const char *value, const char *message)
{
    cli_error_part(what, value, NULL, 0, message);
}

int cli_fail_usage(const char *option, const char *value, const char *message)
{
    cli_error_value(option, value, message);
    return CLI_EXIT_USAGE;
}

int cli_fail_funnel(const fpl_funnel *funnel, const char *option, const char *value,
                    const fpl_error *err)
{
    /* The library's message, then its hint on how to write the value. */
    const char *text = fpl_error_message(err);
    char message[FPL_FUNNEL_HINT_MAX + 256];
    const size_t n = strlen(text);
    if (n < 256 && fpl_funnel_hint(funnel, err, value, strlen(value), message + n + 2,
                                   FPL_FUNNEL_HINT_MAX) > 0) {
        memcpy(message, text, n);
        memcpy(message + n, ": ", 2);
        text = message;
    }
    cli_error_value(option, value, text);
    return err != NULL && !fpl_status_is_input_error(err->status) ? CLI_EXIT_NO_ANSWER
                                                                   : CLI_EXIT_USAGE;
}

/* ---- help text: the library's limits ------------------------------------ */

/* Appends the bound a placeholder's inside, "NAME.BOUND[:pp]", names:
 * BOUND is min, max or default of the limit NAME (fpl_limit_name); a whole
 * count in digits, a number as in JSON, a rate as a percentage (":pp": in
 * percentage points). False when it names none. */
static bool put_bound(cli_buf *b, const char *s, size_t n)
{
    static const char *const which[3] = {"min", "max", "default"};
    const bool points = n > 3 && memcmp(s + n - 3, ":pp", 3) == 0;
    const char *dot = memchr(s, '.', n);
    if (dot == NULL) {
        return false;
    }
    const size_t name_len = (size_t)(dot - s);
    const size_t which_len = (size_t)(s + n - (points ? 3 : 0) - (dot + 1));
    int k = 0;
    while (k < 3 && !(strlen(which[k]) == which_len && memcmp(which[k], dot + 1, which_len) == 0)) {
        ++k;
    }
    for (int i = 0; k < 3 && i < FPL_LIMIT_COUNT; ++i) {
        const char *name = fpl_limit_name((fpl_limit)i);
        if (strlen(name) != name_len || memcmp(name, s, name_len) != 0) {
            continue;
        }
        const fpl_bounds bd = fpl_limit_bounds((fpl_limit)i);
        if (k == 2 && !bd.has_default) {
            return false;
        }
        if (bd.kind == FPL_BOUND_WHOLE) {
            cli_buf_printf(b, "%llu", /* in the C locale: the program never sets one */
                           (unsigned long long)(k == 0   ? bd.min_whole
                                                : k == 1 ? bd.max_whole
                                                         : bd.default_whole));
            return true;
        }
        char num[CLI_NUM_MAX];
        const double x = k == 0 ? bd.min : k == 1 ? bd.max : bd.default_value;
        fpl_format_number(x, bd.kind == FPL_BOUND_RATE ? FPL_NUMBER_PERCENT : FPL_NUMBER_JSON, num,
                          sizeof num);
        const size_t len = strlen(num);
        const bool pp = points && len > 0 && num[len - 1] == '%';
        cli_buf_put(b, num, pp ? len - 1 : len);
        cli_buf_puts(b, pp ? "pp" : "");
        return true;
    }
    return false;
}

void cli_buf_help(cli_buf *b, const char *text)
{
    const char *s = text;
    for (;;) {
        const char *open = strchr(s, '{');
        const char *close = open != NULL ? strchr(open, '}') : NULL;
        if (close == NULL) {
            cli_buf_puts(b, s);
            return;
        }
        cli_buf_put(b, s, (size_t)(open - s));
        if (!put_bound(b, open + 1, (size_t)(close - open - 1))) {
            cli_buf_put(b, open, (size_t)(close + 1 - open)); /* no limit: as written */
        }
        s = close + 1;
    }
}

/* ---- what the library renders (CLI_RENDER, tables.h) ---------------- */

void cli_put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    fpl_format_number(x, FPL_NUMBER_AMOUNT, num, sizeof num);
    cli_buf_puts(out, num);
}

/* Text the library writes (asked for its length first, then written): the
 * buffer's room for it, or NULL (a failed output) after a refusal (never,
 * for a result the library computed) or without memory. */
char *cli_library_space(cli_buf *out, fpl_status st, size_t len)
{
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text == NULL) {
        out->oom = true;
    }
    return text;
}

void cli_library_wrote(cli_buf *out, fpl_status st, size_t len)
{
    if (st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

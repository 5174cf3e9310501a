/*
 * funnelplan CLI — the argument list and @FILE expansion.
 * SPDX-License-Identifier: MIT
 *
 * An argument "@FILE" (from the command line or from a line of another
 * file) is replaced by the arguments FILE holds:
 * - UTF-8 text of at most 1 MiB; an optional UTF-8 BOM at the start is
 *   skipped; LF or CRLF line ends; NUL bytes are refused;
 * - each line is trimmed of spaces and tabs; empty lines and lines whose
 *   first non-blank is '#' are skipped;
 * - a line that starts with "--" and holds a space or tab is split at the
 *   first run of blanks into an option and its value (so a saved funnel can
 *   say `--stage lead=1%`); any other line is one argument;
 * - a line "@OTHER" reads OTHER in turn, up to CLI_ARGFILE_DEPTH files deep.
 *   File names are relative to the working directory.
 */

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool args_push(cli_args *args, const char *s, size_t n)
{
    if (args->n == args->cap) {
        size_t cap = args->cap == 0 ? 16 : args->cap * 2;
        char **v = realloc(args->v, cap * sizeof *v);
        if (v == NULL) {
            cli_error("out of memory");
            return false;
        }
        args->v = v;
        args->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        cli_error("out of memory");
        return false;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    args->v[args->n++] = copy;
    return true;
}

void cli_args_free(cli_args *args)
{
    for (size_t i = 0; i < args->n; ++i) {
        free(args->v[i]);
    }
    free(args->v);
    args->v = NULL;
    args->n = 0;
    args->cap = 0;
}

/* "funnelplan: @FILE 'PATH': MESSAGE"; arg is the argument, '@' included. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void file_error(const char *arg, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): started above (LLVM bug 41311) */
    (void)vsnprintf(text, sizeof text, fmt, ap); /* a longer message is cut */
    va_end(ap);
    cli_error_value("@FILE", arg + 1, text);
}

/* Reads the whole file named by arg + 1 into data; false after an error. */
static bool read_file(const char *arg, cli_buf *data)
{
    const char *path = arg + 1;
    if (*path == '\0') {
        file_error(arg, "file name is empty");
        return false;
    }
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        file_error(arg, "cannot open: %s", errno != 0 ? strerror(errno) : "unknown error");
        return false;
    }
    char chunk[16384];
    bool ok = true;
    for (;;) {
        errno = 0;
        size_t got = fread(chunk, 1, sizeof chunk, f);
        if (got > 0) {
            if (data->len + got > CLI_ARGFILE_MAX) {
                file_error(arg, "file is larger than 1 MiB");
                ok = false;
                break;
            }
            cli_buf_put(data, chunk, got);
            if (data->oom) {
                file_error(arg, "out of memory");
                ok = false;
                break;
            }
        }
        if (got < sizeof chunk) {
            if (ferror(f)) {
                file_error(arg, "cannot read: %s", errno != 0 ? strerror(errno) : "read error");
                ok = false;
            }
            break;
        }
    }
    (void)fclose(f); /* read only: a read error is ferror's, above */
    return ok;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool expand(cli_args *args, const char *arg, int depth);

/* Adds one argument: a file to read when it starts with '@', else itself.
 * Recursive with expand(), which stops at CLI_ARGFILE_DEPTH files deep. */
/* NOLINTNEXTLINE(misc-no-recursion): bounded by CLI_ARGFILE_DEPTH */
static bool add_arg(cli_args *args, const char *s, size_t n, int depth)
{
    if (n > 0 && s[0] == '@') { /* the name, NUL-terminated, for a moment the last argument */
        bool ok = args_push(args, s, n);
        char *name = ok ? args->v[--args->n] : NULL;
        ok = ok && expand(args, name, depth + 1);
        free(name);
        return ok;
    }
    return args_push(args, s, n);
}

/* NOLINTNEXTLINE(misc-no-recursion): bounded by CLI_ARGFILE_DEPTH */
static bool expand(cli_args *args, const char *arg, int depth)
{
    if (depth > CLI_ARGFILE_DEPTH) {
        file_error(arg, "@FILE nested more than 8 files deep");
        return false;
    }
    cli_buf data = {0};
    if (!read_file(arg, &data)) {
        cli_buf_free(&data);
        return false;
    }
    const char *p = data.data;
    size_t len = data.len;
    if (len > 0 && memchr(p, '\0', len) != NULL) {
        size_t at = (size_t)((const char *)memchr(p, '\0', len) - p);
        size_t line = 1;
        for (size_t i = 0; i < at; ++i) {
            line += p[i] == '\n';
        }
        file_error(arg, "file contains a NUL byte (line %zu)", line);
        cli_buf_free(&data);
        return false;
    }
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    bool ok = true;
    size_t i = 0;
    while (ok && i < len) {
        size_t start = i;
        while (i < len && p[i] != '\n') {
            i++;
        }
        size_t end = i;
        if (i < len) {
            i++; /* the '\n' */
        }
        if (end > start && p[end - 1] == '\r') {
            end--;
        }
        while (start < end && is_blank(p[start])) {
            start++;
        }
        while (end > start && is_blank(p[end - 1])) {
            end--;
        }
        if (start == end || p[start] == '#') {
            continue;
        }
        const char *line = p + start;
        size_t n = end - start;
        size_t blank = 0;
        while (blank < n && !is_blank(line[blank])) {
            blank++;
        }
        if (n > 2 && line[0] == '-' && line[1] == '-' && blank < n) {
            size_t value = blank;
            while (value < n && is_blank(line[value])) {
                value++;
            }
            ok = args_push(args, line, blank) && args_push(args, line + value, n - value);
        } else {
            ok = add_arg(args, line, n, depth);
        }
    }
    cli_buf_free(&data);
    return ok;
}

bool cli_args_expand(cli_args *args, int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (!add_arg(args, argv[i], strlen(argv[i]), 0)) {
            return false;
        }
    }
    return true;
}

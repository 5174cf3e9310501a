/*
 * funnelplan — the command-line tool: what its files share.
 * SPDX-License-Identifier: MIT
 *
 * The tool is thin: it reads arguments, calls the library, and presents the
 * result. Everything it prints goes into a memory buffer first and is
 * written to stdout at once, so an error never leaves half an answer behind.
 * Numbers are written by the library (format.h), never with the printf
 * family, so no locale can change them; the program never calls setlocale()
 * either.
 */

#ifndef FUNNELPLAN_CLI_H
#define FUNNELPLAN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "funnelplan/format.h"

/* Exit statuses (see funnelplan --help). */
enum {
    CLI_EXIT_OK = 0,      /* success */
    CLI_EXIT_NO_ANSWER = 1, /* a well-formed question without an answer */
    CLI_EXIT_USAGE = 2,   /* bad input or usage */
    CLI_EXIT_OUTPUT = 3,  /* the output could not be written */
    CLI_EXIT_SKIPPED = 4  /* score: some rows were skipped (the rest is the output) */
};

/* ---- buf.c: a growing text buffer and the number formats ---------------- */

/* A growing byte buffer. Zero-initialised it is empty. After an allocation
 * failure it stops growing and remembers the failure in `oom`.
 * With a sink (the program's stdout, set by cli_main), cli_buf_drain() may
 * write what is held so far and empty the buffer: a command whose output
 * grows with its input (score) streams it instead of holding it all. */
typedef struct cli_buf {
    char *data;
    size_t len;
    size_t cap;
    bool oom;
    void *sink;     /* a FILE *, or NULL: everything stays in the buffer */
    int sink_error; /* errno of the first failed write to the sink; 0 if none */
} cli_buf;

void cli_buf_put(cli_buf *b, const char *s, size_t n);
/* Room for n more bytes at data + len (len unchanged: the caller writes
 * there and adds what it wrote), or NULL when out of memory. */
char *cli_buf_space(cli_buf *b, size_t n);
void cli_buf_puts(cli_buf *b, const char *s);
void cli_buf_putc(cli_buf *b, char c);
void cli_buf_repeat(cli_buf *b, const char *s, size_t times);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void cli_buf_printf(cli_buf *b, const char *fmt, ...);
void cli_buf_free(cli_buf *b);
/* With a sink, once CLI_BUF_DRAIN_AT bytes or more are held: writes them to
 * the sink and empties the buffer (a failure is kept in sink_error, and
 * what follows is dropped). Without a sink, nothing. */
#define CLI_BUF_DRAIN_AT ((size_t)64 * 1024)
void cli_buf_drain(cli_buf *b);

/* Large enough for any number these functions print (a double printed in
 * full with two decimals and thousands separators is about 420 bytes). */
#define CLI_NUM_MAX FPL_NUMBER_MAX

/* Appends s for an error message, escaped by fpl_format_escaped() so the
 * message stays on one line. */
void cli_buf_escaped(cli_buf *b, const char *s);

/* Appends a help text with its placeholders filled from the library's
 * limits (limits.h): "{trials.max}" is 10000000, "{margin.default}" 100%,
 * "{step.default:pp}" 1pp. So --help, the man page and the completion state
 * a range or a default only as the library does. */
void cli_buf_help(cli_buf *b, const char *text);

/* ---- errors ---------------------------------------------------------- */

/* Writes "funnelplan: " + the formatted message + "\n" to stderr. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_error(const char *fmt, ...);
/* Writes "funnelplan: WHAT 'VALUE': MESSAGE" to stderr, VALUE escaped. */
void cli_error_value(const char *what, const char *value, const char *message);

/* "funnelplan: WHAT 'VALUE': 'PART': MESSAGE", PART the len bytes at part
 * (a piece of VALUE); VALUE and PART quoted as the library cuts a value. */
void cli_error_part(const char *what, const char *value, const char *part, size_t len,
                    const char *message);
/* The library refused VALUE, the text of OPTION: writes
 * "funnelplan: OPTION 'VALUE': MESSAGE" with the library's message for the
 * failure (fpl_error_message) and returns the exit status: CLI_EXIT_USAGE
 * for bad input, CLI_EXIT_NO_ANSWER for a question without an answer. With
 * the funnel the value was read against (or NULL), a name that is no
 * stage's gets the stages and the one probably meant (fpl_funnel_hint). */
struct fpl_error;
struct fpl_funnel;
int cli_fail_funnel(const struct fpl_funnel *funnel, const char *option, const char *value,
                    const struct fpl_error *err);
/* A usage rule of the command line refused VALUE, the text of OPTION:
 * writes "funnelplan: OPTION 'VALUE': MESSAGE"; returns CLI_EXIT_USAGE. */
int cli_fail_usage(const char *option, const char *value, const char *message);

/* ---- args.c: the argument list and @FILE expansion ------------------- */

/* Arguments after @FILE expansion; each is an owned NUL-terminated string. */
typedef struct cli_args {
    char **v;
    size_t n;
    size_t cap;
} cli_args;

/* Longest @FILE read, and how deep files may name other files. */
#define CLI_ARGFILE_MAX ((size_t)1024 * 1024)
#define CLI_ARGFILE_DEPTH 8

/* Copies argv[1..argc-1] into args, replacing every @FILE argument by the
 * arguments read from FILE. On failure prints the error line and returns
 * false. */
bool cli_args_expand(cli_args *args, int argc, char **argv);
void cli_args_free(cli_args *args);

/* ---- funnelplan.c: the program ----------------------------------------- */

/* Expands @FILEs and runs the command line argv[1..argc-1], leaving what it
 * would print in out; errors go to stderr. Returns the exit status. Writes
 * nothing to stdout, so it can run many times in one process (the fuzzer). */
int cli_execute(int argc, char **argv, cli_buf *out);
/* The whole program: cli_execute(), then the output written and stdout
 * closed, with write errors reported (exit status 3). */
int cli_main(int argc, char **argv);

#endif /* FUNNELPLAN_CLI_H */

/*
 * funnelplan — fuzz target: the command line, including @FILE contents.
 *
 * Input: FILE CONTENT, then two NUL bytes, then the arguments separated by
 * NUL bytes (without the two NULs, everything is arguments). The content is
 * written to a file that the argument "@F" names. Invariants: the exit
 * status is 0, 1, 2 or 4 (score: rows skipped; 3 only when memory runs
 * out), success (0 or 4) leaves output
 * and failure leaves none, and JSON output is one object. `--leads` always
 * names the fuzzed file and `--trials` is held to 100, so that no run waits
 * on standard input or simulates for seconds.
 * Run libFuzzer with -close_fd_mask=2: the tool's error lines go to stderr.
 * SPDX-License-Identifier: MIT
 */

#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 64 };

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (path[0] == '\0') {
        snprintf(path, sizeof path, "/tmp/funnelplan-fuzz-%ld.args", (long)getpid());
    }
    size_t args_at = 0;
    for (size_t i = 0; i + 1 < size; ++i) {
        if (data[i] == 0 && data[i + 1] == 0) {
            FILE *f = fopen(path, "wb");
            check(f != NULL);
            check(fwrite(data, 1, i, f) == i);
            check(fclose(f) == 0);
            args_at = i + 2;
            break;
        }
    }
    /* A NUL-terminated copy, split at NULs into arguments. */
    size_t n = size - args_at;
    char *text = malloc(n + 1);
    check(text != NULL);
    memcpy(text, data + args_at, n);
    text[n] = '\0';
    char at_file[80];
    snprintf(at_file, sizeof at_file, "@%s", path);
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "funnelplan";
    for (size_t i = 0; i <= n && argc < MAX_ARGS;) {
        char *arg = text + i;
        size_t len = strlen(arg);
        argv[argc++] = strcmp(arg, "@F") == 0 ? at_file : arg;
        i += len + 1;
    }
    argv[argc] = NULL;
    /* Keep every run short and self-contained: `--leads` always reads the
     * fuzzed file (never stdin or a device), and `--trials` stays small. */
    static char leads_eq[96];
    snprintf(leads_eq, sizeof leads_eq, "--leads=%s", path);
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--leads") == 0 && i + 1 < argc) {
            argv[i + 1] = path;
        } else if (strncmp(argv[i], "--leads=", 8) == 0) {
            argv[i] = leads_eq;
        } else if (strcmp(argv[i], "--trials") == 0 && i + 1 < argc) {
            argv[i + 1] = "100";
        } else if (strncmp(argv[i], "--trials=", 9) == 0) {
            argv[i] = "--trials=100";
        }
    }

    cli_buf out = {0};
    int rc = cli_execute(argc, argv, &out);
    check(rc == CLI_EXIT_OK || rc == CLI_EXIT_NO_ANSWER || rc == CLI_EXIT_USAGE ||
          rc == CLI_EXIT_SKIPPED || (rc == CLI_EXIT_OUTPUT && out.oom));
    if (rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED) {
        check(out.len > 0 && out.data[out.len - 1] == '\n');
        if (out.data[0] == '{') {
            check(out.len >= 3 && out.data[out.len - 2] == '}');
        }
    }
    cli_buf_free(&out);
    free(text);
    return 0;
}

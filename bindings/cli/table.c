/*
 * funnelplan CLI — aligned text tables.
 * SPDX-License-Identifier: MIT
 */

#include "cli.h"

#include <stdlib.h>
#include <string.h>

static char *copy_text(const char *s)
{
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (c != NULL) {
        memcpy(c, s, n + 1);
    }
    return c;
}

void cli_table_init(cli_table *t, size_t ncols, const char *const *headers,
                    const cli_align *align)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols < CLI_TABLE_MAX_COLS ? ncols : CLI_TABLE_MAX_COLS;
    t->nrows = 1;
    for (size_t c = 0; c < t->ncols; ++c) {
        t->align[c] = align[c];
        cli_table_set(t, c, headers[c]);
    }
}

size_t cli_table_row(cli_table *t)
{
    if (t->nrows < CLI_TABLE_MAX_ROWS) {
        t->nrows++;
    } else {
        t->oom = true; /* more rows than a funnel can have: a programming error */
    }
    return t->nrows - 1;
}

void cli_table_set(cli_table *t, size_t col, const char *text)
{
    if (col >= t->ncols || t->nrows == 0) {
        return;
    }
    char **cell = &t->cell[t->nrows - 1][col];
    free(*cell);
    *cell = copy_text(text);
    if (*cell == NULL) {
        t->oom = true;
    }
}

void cli_table_render(const cli_table *t, cli_buf *out)
{
    if (t->oom) {
        out->oom = true;
        return;
    }
    size_t width[CLI_TABLE_MAX_COLS] = {0};
    for (size_t r = 0; r < t->nrows; ++r) {
        for (size_t c = 0; c < t->ncols; ++c) {
            const char *s = t->cell[r][c];
            size_t w = s != NULL ? cli_display_width(s) : 0;
            if (w > width[c]) {
                width[c] = w;
            }
        }
    }
    for (size_t r = 0; r < t->nrows; ++r) {
        /* The last column that has text: nothing is padded beyond it. */
        size_t last = 0;
        bool any = false;
        for (size_t c = 0; c < t->ncols; ++c) {
            if (t->cell[r][c] != NULL && t->cell[r][c][0] != '\0') {
                last = c;
                any = true;
            }
        }
        for (size_t c = 0; any && c <= last; ++c) {
            const char *s = t->cell[r][c] != NULL ? t->cell[r][c] : "";
            size_t pad = width[c] - cli_display_width(s);
            if (c > 0) {
                cli_buf_puts(out, "  ");
            }
            if (t->align[c] == CLI_RIGHT) {
                cli_buf_repeat(out, " ", pad);
                cli_buf_puts(out, s);
            } else {
                cli_buf_puts(out, s);
                if (c < last) {
                    cli_buf_repeat(out, " ", pad);
                }
            }
        }
        cli_buf_putc(out, '\n');
    }
}

void cli_table_free(cli_table *t)
{
    for (size_t r = 0; r < CLI_TABLE_MAX_ROWS; ++r) {
        for (size_t c = 0; c < CLI_TABLE_MAX_COLS; ++c) {
            free(t->cell[r][c]);
            t->cell[r][c] = NULL;
        }
    }
}

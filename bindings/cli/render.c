/*
 * funnelplan CLI — printing what the library renders: every result's table,
 * CSV, JSON and picture is written by the library (fpl_*_render, called
 * through CLI_RENDER in render.h); this file only finds room for it.
 * SPDX-License-Identifier: MIT
 */

#include "render.h"

void cli_put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_amount(num, x);
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

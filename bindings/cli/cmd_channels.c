/*
 * funnelplan CLI — `funnelplan channels`: lead channels' profitability,
 * break-even and the cheapest allocation for a target.
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options (the funnel, the terms, the --channel and
 * --allocate texts) and calls cli_run_channels(); this file reads the
 * channel specs with the library's fpl_channel_parse(), calls
 * fpl_channels_compute() and presents the result. No formula lives here.
 *
 * `--format json` prints what the library writes (fpl_channels_json(), the
 * contract of docs/guide.md), as Python's `Channels.to_dict()` returns it.
 */

#include "tables.h"

#include <stdlib.h>
#include <string.h>

/* ---- the command ------------------------------------------------------- */

/* "funnelplan: --channel 'ads: cost=4': 'cost=4': unknown channel field ...":
 * the part of the spec at fault is quoted when the library names one that
 * is not the whole spec (has_part: a parse, whose bytes are meaningful). */
static int fail_spec(const char *spec, const fpl_error *e, bool has_part)
{
    const char *channel = cli_option_name(OPT_CHANNEL);
    const char *message = fpl_error_message(e);
    size_t n = strlen(spec), at = e->offset, len = e->length;
    if (!has_part || (at == 0 && len == n) || at > n || len > n - at) {
        return cli_fail_funnel(NULL, channel, spec, e);
    }
    cli_buf msg = {0};
    char hint[FPL_HINT_MAX];
    cli_buf_puts(&msg, message);
    if (fpl_error_hint(e, spec, n, hint, sizeof hint) > 0) {
        cli_buf_printf(&msg, ": %s", hint); /* how to write it, as cli_fail says */
    }
    cli_buf_putc(&msg, '\0');
    cli_error_part(channel, spec, spec + at, len, msg.oom ? message : msg.data);
    cli_buf_free(&msg);
    return fpl_status_is_input_error(e->status) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

/* "channels: the channels cannot bring enough ...: at most 32.50 deals ...",
 * from the most the library wrote into the result. */
static int fail_short(const request *req, const fpl_error *e,
                      const fpl_channels *fault)
{
    cli_buf msg = {0};
    cli_buf_printf(&msg, "channels: %s: at most ", fpl_error_message(e));
    cli_put_amount(&msg, fault->most_deals);
    cli_buf_puts(&msg, " deals");
    if (fault->has_most_revenue) {
        cli_buf_puts(&msg, " (revenue ");
        cli_put_amount(&msg, fault->most_revenue);
        cli_buf_putc(&msg, ')');
    }
    cli_buf_puts(&msg, " from ");
    cli_put_amount(&msg, fault->most_leads);
    cli_buf_printf(&msg, " leads per %s%s", fpl_period_name(req->terms.per),
                   req->by_shares ? " at these shares" : " with every channel full");
    cli_buf_putc(&msg, '\0');
    cli_error("%s", msg.oom ? fpl_error_message(e) : msg.data);
    cli_buf_free(&msg);
    return CLI_EXIT_NO_ANSWER;
}

int cli_run_channels(request *req, cli_buf *out, fpl_error *e)
{
    fpl_channels_input *in = &req->in.channels;
    if (req->n[OPT_CHANNEL] == 0) {
        cli_error("channels: at least one --channel 'NAME: cost-per-lead=AMOUNT, ...' is needed");
        return CLI_EXIT_USAGE;
    }
    if (req->by_shares && req->terms.target == FPL_TARGET_NONE) {
        cli_error("channels: --allocate shares needs a target (--revenue with --deal-size, or "
                  "--deals)");
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; i < req->n[OPT_CHANNEL]; ++i) {
        const char *spec = req->list[OPT_CHANNEL][i];
        if (fpl_channel_parse(spec, strlen(spec), &in->channels[i], e) != FPL_OK) {
            return fail_spec(spec, e, true);
        }
    }
    in->n_channels = req->n[OPT_CHANNEL];
    in->by_shares = req->by_shares;
    fpl_status st = fpl_channels_compute(&req->funnel, &req->terms, in, &req->out.channels, e);
    if (st == FPL_ERR_CHANNEL_SHORT) { /* the result holds the most */
        return fail_short(req, e, &req->out.channels);
    }
    /* one about a channel (the library names a channel's fields "channel"
     * and "channel_...") names its --channel */
    if (st != FPL_OK && e->index != FPL_NO_INDEX && e->index < in->n_channels &&
        strncmp(fpl_field_name(e->field), "channel", 7) == 0) {
        return fail_spec(req->list[OPT_CHANNEL][e->index], e, false);
    }
    if (st != FPL_OK) {
        return CLI_REFUSED;
    }
    CLI_RENDER(out, fpl_channels_render, &req->funnel, &req->terms, in, &req->out.channels,
               req->format);
    return CLI_EXIT_OK;
}

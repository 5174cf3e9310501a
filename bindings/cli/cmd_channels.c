/*
 * funnelplan CLI — `funnelplan channels`: lead channels' profitability,
 * break-even and the cheapest allocation for a target.
 * SPDX-License-Identifier: MIT
 *
 * funnelplan.c reads the options (the funnel, the terms, the --channel and
 * --allocate texts) and calls cli_channels_run(); this file reads the
 * channel specs with the library's fpl_channel_parse(), calls
 * fpl_channels_compute() and presents the result. No formula lives here.
 *
 * `--format json` prints what the library writes (fpl_channels_json(), the
 * contract of docs/guide.md), as Python's `Channels.to_dict()` returns it.
 */

#include "render.h"
#include "tables.h"

#include <stdlib.h>
#include <string.h>

/* ---- the command ------------------------------------------------------- */

/* The option of a field, as the option table spells it. */
static const char *option(fpl_field field)
{
    return cli_option_for_field(CMD_CHANNELS, field)->name;
}

/* The exit status of a failure: 2 for bad input, 1 for no answer. */
static int exit_status(fpl_status st)
{
    return fpl_status_is_input_error(st) ? CLI_EXIT_USAGE : CLI_EXIT_NO_ANSWER;
}

/* "funnelplan: --channel 'ads: cost=4': 'cost=4': unknown channel field ...":
 * the part of the spec at fault is quoted when the library names one that
 * is not the whole spec (has_part: a parse, whose bytes are meaningful). */
static int fail_spec(const char *spec, const fpl_error *e, bool has_part)
{
    const char *channel = option(FPL_FIELD_CHANNEL);
    const char *message = fpl_error_message(e);
    size_t n = strlen(spec), at = e->offset, len = e->length;
    if (!has_part || (at == 0 && len == n) || at > n || len > n - at) {
        return cli_fail(channel, spec, e);
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
    return exit_status(e->status);
}

/* The text the user typed for a field of the question that is not a
 * channel's, NULL when none (its option is the field's name with dashes). */
static const char *typed(const cli_channels_request *rq, fpl_field field)
{
    switch (field) {
    case FPL_FIELD_REVENUE: return rq->revenue_text;
    case FPL_FIELD_DEALS: return rq->deals_text;
    case FPL_FIELD_DEAL_SIZE: return rq->deal_size_text;
    case FPL_FIELD_MARGIN: return rq->margin_text;
    case FPL_FIELD_ALLOCATE: return rq->by_shares ? "shares" : NULL;
    default: return NULL;
    }
}

/* A failure of the question: one about a channel (the library names a
 * channel's fields "channel" and "channel_...") names its --channel, one
 * about another field the option it was typed as, else the command. */
static int fail_question(const cli_channels_request *rq, const fpl_error *e)
{
    if (e->index != FPL_NO_INDEX && e->index < rq->n_channels &&
        strncmp(fpl_field_name(e->field), "channel", 7) == 0) {
        return fail_spec(rq->channel[e->index], e, false);
    }
    const char *value = typed(rq, e->field);
    if (value != NULL) {
        return cli_fail(option(e->field), value, e);
    }
    cli_error("channels: %s", fpl_error_message(e));
    return exit_status(e->status);
}

/* "channels: the channels cannot bring enough ...: at most 32.50 deals ...",
 * from the most the library wrote into the result. */
static int fail_short(const cli_channels_request *rq, const fpl_error *e,
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
    cli_buf_printf(&msg, " leads per %s%s", fpl_period_name(rq->terms->per),
                   rq->by_shares ? " at these shares" : " with every channel full");
    cli_buf_putc(&msg, '\0');
    cli_error("%s", msg.oom ? fpl_error_message(e) : msg.data);
    cli_buf_free(&msg);
    return CLI_EXIT_NO_ANSWER;
}

int cli_channels_run(const cli_channels_request *rq, cli_buf *out)
{
    if (rq->n_channels == 0) {
        cli_error("channels: at least one --channel 'NAME: cost-per-lead=AMOUNT, ...' is needed");
        return CLI_EXIT_USAGE;
    }
    if (rq->by_shares && rq->terms->target == FPL_TARGET_NONE) {
        cli_error("channels: --allocate shares needs a target (--revenue with --deal-size, or "
                  "--deals)");
        return CLI_EXIT_USAGE;
    }
    fpl_channels_input *in = calloc(1, sizeof *in);
    fpl_channels *r = malloc(sizeof *r);
    if (in == NULL || r == NULL) {
        free(in);
        free(r);
        cli_error("out of memory");
        return CLI_EXIT_OUTPUT;
    }
    int rc = CLI_EXIT_OK;
    for (size_t i = 0; i < rq->n_channels && rc == CLI_EXIT_OK; ++i) {
        const char *spec = rq->channel[i];
        fpl_error e;
        if (fpl_channel_parse(spec, strlen(spec), &in->channels[i], &e) != FPL_OK) {
            rc = fail_spec(spec, &e, true);
        }
    }
    if (rc == CLI_EXIT_OK) {
        in->n_channels = rq->n_channels;
        in->by_shares = rq->by_shares;
        fpl_error e;
        fpl_status st = fpl_channels_compute(rq->funnel, rq->terms, in, r, &e);
        if (st == FPL_OK) {
            CLI_RENDER(out, fpl_channels_render, rq->funnel, rq->terms, in, r, rq->format);
        } else if (st == FPL_ERR_CHANNEL_SHORT) { /* the result holds the most */
            rc = fail_short(rq, &e, r);
        } else {
            rc = fail_question(rq, &e);
        }
    }
    free(in);
    free(r);
    return rc;
}

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
#include "svg.h"
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON ---------------------------------------------------------------- */

/* The library's JSON (src/render/describe_channels.c): asked for its length
 * first (capacity 0), then written into the buffer. A refusal (never, for a
 * result the library computed) shows as a failed output. */
static void channels_json(cli_buf *out, const cli_channels_request *rq,
                          const fpl_channels_input *in, const fpl_channels *r)
{
    size_t len = 0;
    fpl_status st = fpl_channels_json(rq->terms, in, r, NULL, 0, &len, NULL);
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text != NULL) {
        st = fpl_channels_json(rq->terms, in, r, text, len + 1, &len, NULL);
    }
    if (text == NULL || st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

/* ---- CSV ----------------------------------------------------------------- */

static void csv_number(cli_buf *out, bool present, double x)
{
    cli_buf_putc(out, ',');
    if (present) {
        char num[CLI_NUM_MAX];
        cli_fmt_json_number(num, x);
        cli_buf_puts(out, num);
    }
}

static void channels_csv(cli_buf *out, const fpl_channels_input *in, const fpl_channels *r)
{
    cli_buf_puts(out, "rank,channel,cost_per_lead,capacity,leads,share,opportunities,deals,"
                      "revenue,cost,cost_per_opportunity,cost_per_deal,gross_profit,roi,"
                      "break_even_cost_per_lead,headroom,loses_money\n");
    for (size_t k = 0; k < r->n_channels; ++k) {
        size_t i = r->ranking[k];
        const fpl_channel_figures *f = &r->channels[i];
        cli_buf_printf(out, "%zu,", k + 1);
        cli_buf_csv_field(out, in->channels[i].name);
        csv_number(out, true, f->cost_per_lead);
        csv_number(out, f->has_capacity, f->capacity);
        csv_number(out, true, f->leads);
        csv_number(out, true, f->share);
        csv_number(out, true, f->opportunities);
        csv_number(out, true, f->deals);
        csv_number(out, f->has_revenue, f->revenue);
        csv_number(out, true, f->cost);
        csv_number(out, true, f->cost_per_opportunity);
        csv_number(out, true, f->cost_per_deal);
        csv_number(out, f->has_revenue, f->gross_profit);
        csv_number(out, f->has_roi, f->roi);
        csv_number(out, f->has_revenue, f->break_even_cost_per_lead);
        csv_number(out, f->has_revenue, f->headroom);
        cli_buf_puts(out, !f->has_revenue ? "," : f->loses_money ? ",true" : ",false");
        cli_buf_putc(out, '\n');
    }
}

/* ---- table --------------------------------------------------------------- */

static void channels_table(cli_buf *out, const cli_channels_request *rq,
                           const fpl_channels_input *in, const fpl_channels *r)
{
    const fpl_funnel *fn = rq->funnel;
    const char *per = fpl_period_name(r->per);
    char num[CLI_NUM_MAX];

    cli_buf_printf(out, "Lead channels per %s: ", per);
    if (r->target == FPL_TARGET_NONE) {
        cli_buf_puts(out, "the profitability of the leads each brings");
    } else {
        cli_buf_puts(out, r->by_shares ? "leads split by fixed shares" : "the cheapest allocation");
        cli_buf_puts(out, " for ");
        if (r->target == FPL_TARGET_REVENUE) {
            cli_buf_puts(out, "revenue ");
            cli_put_amount(out, rq->terms->revenue);
        } else {
            cli_put_amount(out, rq->terms->deals);
            cli_buf_puts(out, " deals");
        }
    }
    cli_buf_puts(out, ".\nFunnel: ");
    for (size_t k = 0; k < fn->n_stages; ++k) {
        cli_fmt_percent(num, fn->stages[k].rate);
        cli_buf_printf(out, "%s%s %s", k > 0 ? " > " : "", fn->stages[k].name, num);
    }
    cli_fmt_percent(num, r->margin);
    cli_buf_printf(out, "; margin %s. Ranked by ROI.\n\n", num);

    enum { C_RANK, C_NAME, C_CPL, C_LEADS, C_DEALS, C_REVENUE, C_COST, C_CPD, C_ROI, C_BE,
           C_HEAD, C_NOTE, C_N };
    const char *headers[C_N] = {"#",    "channel",   "cost/lead", "leads",      "deals",    "revenue",
                                "cost", "cost/deal", "ROI",       "break-even", "headroom", ""};
    const cli_align align[C_N] = {CLI_RIGHT, CLI_LEFT,  CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_RIGHT,
                                  CLI_RIGHT, CLI_RIGHT, CLI_RIGHT, CLI_LEFT};
    cli_table t;
    cli_table_init(&t, C_N, headers, align);
    for (size_t k = 0; k < r->n_channels; ++k) {
        size_t i = r->ranking[k];
        const fpl_channel_figures *f = &r->channels[i];
        cli_table_row(&t);
        snprintf(num, sizeof num, "%zu", k + 1);
        cli_table_set(&t, C_RANK, num);
        cli_table_set(&t, C_NAME, in->channels[i].name);
        cli_table_set_amount(&t, C_CPL, true, f->cost_per_lead);
        cli_table_set_amount(&t, C_LEADS, true, f->leads);
        cli_table_set_amount(&t, C_DEALS, true, f->deals);
        cli_table_set_amount(&t, C_REVENUE, f->has_revenue, f->revenue);
        cli_table_set_amount(&t, C_COST, true, f->cost);
        cli_table_set_amount(&t, C_CPD, true, f->cost_per_deal);
        if (f->has_roi) {
            cli_fmt_percent(num, f->roi);
            cli_table_set(&t, C_ROI, num);
        } else {
            cli_table_set(&t, C_ROI, f->has_revenue ? "free" : "-");
        }
        cli_table_set_amount(&t, C_BE, f->has_revenue, f->break_even_cost_per_lead);
        cli_table_set_amount(&t, C_HEAD, f->has_revenue, f->headroom);
        const char *note = f->has_revenue && f->loses_money ? "loses money" : "";
        if (f->at_capacity) {
            note = f->has_revenue && f->loses_money ? "full, loses money" : "full";
        }
        cli_table_set(&t, C_NOTE, note);
    }
    cli_table_row(&t);
    cli_table_set(&t, C_NAME, "total");
    cli_table_set_amount(&t, C_CPL, true, r->cost_per_lead);
    cli_table_set_amount(&t, C_LEADS, true, r->leads);
    cli_table_set_amount(&t, C_DEALS, true, r->deals);
    cli_table_set_amount(&t, C_REVENUE, r->has_revenue, r->revenue);
    cli_table_set_amount(&t, C_COST, true, r->cost);
    cli_table_set_amount(&t, C_CPD, true, r->cost_per_deal);
    if (r->has_roi) {
        cli_fmt_percent(num, r->roi);
        cli_table_set(&t, C_ROI, num);
    } else {
        cli_table_set(&t, C_ROI, r->has_revenue ? "free" : "-");
    }
    cli_table_render(&t, out);
    cli_table_free(&t);

    cli_buf_putc(out, '\n');
    if (r->has_revenue) {
        cli_buf_puts(out, "Gross profit ");
        cli_put_amount(out, r->gross_profit);
        cli_buf_printf(out, " per %s.\n", per);
    }
    if (r->has_marginal) {
        cli_buf_puts(out, "The last deal costs ");
        cli_put_amount(out, r->marginal_cost_per_deal);
        if (r->marginal_channel < r->n_channels) {
            cli_buf_printf(out, " (%s).\n", in->channels[r->marginal_channel].name);
        } else {
            cli_buf_puts(out, " (every channel in its share).\n");
        }
    }
    if (r->n_losing > 0) {
        cli_buf_puts(out, "Losing money at any volume:");
        size_t shown = 0;
        for (size_t k = 0; k < r->n_channels; ++k) {
            size_t i = r->ranking[k];
            const fpl_channel_figures *f = &r->channels[i];
            if (f->has_revenue && f->loses_money) {
                cli_buf_printf(out, "%s %s (pays ", shown++ > 0 ? ";" : "", in->channels[i].name);
                cli_put_amount(out, f->cost_per_lead);
                cli_buf_puts(out, " a lead, breaks even at ");
                cli_put_amount(out, f->break_even_cost_per_lead);
                cli_buf_putc(out, ')');
            }
        }
        cli_buf_puts(out, ".\n");
    }
    if (r->has_most) {
        cli_buf_puts(out, "At most ");
        cli_put_amount(out, r->most_deals);
        cli_buf_puts(out, " deals");
        if (r->has_most_revenue) {
            cli_buf_puts(out, " (revenue ");
            cli_put_amount(out, r->most_revenue);
            cli_buf_putc(out, ')');
        }
        cli_buf_puts(out, " from ");
        cli_put_amount(out, r->most_leads);
        cli_buf_printf(out, " leads per %s %s.\n", per,
                       r->by_shares ? "at these shares" : "with every channel full");
    }
    cli_buf_puts(out, "break-even: the highest cost per lead that still pays back (deal size x\n"
                      "rate to won x margin); headroom: break-even - cost per lead.\n"
                      "Figures are rounded for display (--format json gives exact values).\n");
}

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
    cli_buf_printf(&msg, "'%.*s': %s", (int)len, spec + at, message);
    cli_buf_putc(&msg, '\0');
    cli_error_value(channel, spec, msg.oom ? message : msg.data);
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
            switch (rq->format) {
            case CLI_FORMAT_JSON: channels_json(out, rq, in, r); break;
            case CLI_FORMAT_CSV: channels_csv(out, in, r); break;
            case CLI_FORMAT_TABLE: channels_table(out, rq, in, r); break;
            case CLI_FORMAT_SVG: cli_svg_channels(out, rq->funnel, rq->terms, in, r); break;
            }
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

/*
 * funnelplan CLI — presenting results: the library renders plan, forecast,
 * whatif, sensitivity and solve in every format but SVG (fpl_*_render,
 * through CLI_RENDER); odds as CSV and a table are still written here.
 * SPDX-License-Identifier: MIT
 *
 * No formula lives here: every figure comes from the library's result. The
 * only arithmetic is presentation (rounding for display, a fraction shown as
 * a percentage).
 *
 * `--format svg` draws plan, forecast and whatif with svg.c.
 *
 * JSON keys and their order are the documented contract: `--format json`
 * prints the same object as Python's `result.to_dict()`. The commands whose
 * JSON is not yet the library's use the jw writer below.
 */

#include "render.h"
#include "svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON ---------------------------------------------------------------
 * A small pretty-printing writer: two spaces per level, one key or element
 * per line, like Python's json.dumps(indent=2). Declared in render.h: every
 * command's file writes its JSON with it. */

static void jw_newline(jw *w)
{
    cli_buf_putc(w->b, '\n');
    cli_buf_repeat(w->b, "  ", (size_t)w->depth);
}

/* Before a key, or before a value that is an array element. */
void jw_item(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma) {
        cli_buf_putc(w->b, ',');
    }
    if (w->depth > 0) {
        jw_newline(w);
    }
}

void jw_key(jw *w, const char *key)
{
    jw_item(w);
    cli_buf_json_string(w->b, key);
    cli_buf_puts(w->b, ": ");
    w->after_key = true;
}

void jw_open(jw *w, char c)
{
    jw_item(w);
    cli_buf_putc(w->b, c);
    w->depth++;
    w->need_comma = false;
}

void jw_close(jw *w, char c)
{
    w->depth--;
    if (w->need_comma) {
        jw_newline(w);
    }
    cli_buf_putc(w->b, c);
    w->need_comma = true;
}

void jw_number(jw *w, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    jw_item(w);
    cli_buf_puts(w->b, num);
    w->need_comma = true;
}

void jw_number_or_null(jw *w, bool present, double x)
{
    if (present) {
        jw_number(w, x);
    } else {
        jw_item(w);
        cli_buf_puts(w->b, "null");
        w->need_comma = true;
    }
}

void jw_count(jw *w, uint64_t n)
{
    jw_item(w);
    cli_buf_printf(w->b, "%llu", (unsigned long long)n);
    w->need_comma = true;
}

/* Whether x is a whole count that a uint64_t holds exactly (the cast
 * truncates, so a fraction comes back smaller). */
static bool is_count(double x)
{
    return x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x);
}

/* A whole count held in a double as a JSON integer; anything else (never,
 * from the library) as a number, so that it shows instead of being cut. */
void jw_whole(jw *w, double x)
{
    if (is_count(x)) {
        jw_count(w, (uint64_t)x);
    } else {
        jw_number(w, x);
    }
}

void jw_string(jw *w, const char *s)
{
    jw_item(w);
    cli_buf_json_string(w->b, s);
    w->need_comma = true;
}

void jw_bool(jw *w, bool x)
{
    jw_item(w);
    cli_buf_puts(w->b, x ? "true" : "false");
    w->need_comma = true;
}

void jw_key_number(jw *w, const char *key, double x)
{
    jw_key(w, key);
    jw_number(w, x);
}

void jw_key_string(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_end(jw *w)
{
    cli_buf_putc(w->b, '\n');
}

/* ---- lead mixes ---------------------------------------------------------
 * With a table, a line per mixed stage after the result; the JSON of a
 * result's mixes is the library's (fpl_plan_json() and the like). */

void cli_render_mixes(cli_buf *out, cli_format format, const char *key,
                      const fpl_funnel *funnel, const fpl_mix *mixes, size_t n)
{
    if (n == 0 || out->oom) {
        return;
    }
    char num[CLI_NUM_MAX];
    if (format == CLI_FORMAT_TABLE) {
        const bool scenario = strcmp(key, "scenario_mix") == 0;
        cli_buf_putc(out, '\n');
        for (size_t i = 0; i < n; ++i) {
            const fpl_mix *m = &mixes[i];
            double rate = 0.0;
            (void)fpl_mix_rate(m, &rate, NULL);
            cli_buf_printf(out, "%s at %s: ", scenario ? "Scenario lead mix" : "Lead mix",
                           funnel->stages[m->stage].name);
            for (size_t k = 0; k < m->n_segments; ++k) {
                cli_buf_printf(out, "%s%s ", k > 0 ? ", " : "", m->segments[k].name);
                cli_fmt_percent(num, m->segments[k].share);
                cli_buf_printf(out, "%s at ", num);
                cli_fmt_percent(num, m->segments[k].rate);
                cli_buf_puts(out, num);
            }
            cli_fmt_percent(num, rate);
            cli_buf_printf(out, "; blended rate %s.\n", num);
        }
    }
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_number(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_json_number(num, x);
    cli_buf_putc(out, ',');
    cli_buf_puts(out, num);
}

/* ",12" for a whole count, else the number (as jw_whole). */
static void csv_whole(cli_buf *out, double x)
{
    if (is_count(x)) {
        cli_buf_printf(out, ",%llu", (unsigned long long)x);
    } else {
        csv_number(out, x);
    }
}

/* ---- tables ------------------------------------------------------------ */

/* A whole count with separators (anything else with two decimals). */
static void fmt_whole(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_WHOLE, out, CLI_NUM_MAX);
}

/* A name in the plural, by the plain English rule: a consonant and "y"
 * become "ies" ("opportunities"), "s" is appended unless the name ends in
 * one ("leads", "deals", "sales"); cut to FPL_NAME_MAX - 1 bytes first. */
static void plural(char out[FPL_NAME_MAX + 2], const char *name)
{
    size_t len = strlen(name);
    if (len > FPL_NAME_MAX - 1) {
        len = FPL_NAME_MAX - 1;
    }
    memcpy(out, name, len);
    const char last = len > 0 ? name[len - 1] : '\0';
    const char before = len > 1 ? name[len - 2] : '\0';
    if (last == 'y' && before != '\0' && strchr("aeiouAEIOU", before) == NULL) {
        out[len - 1] = 'i';
        out[len++] = 'e';
        out[len++] = 's';
    } else if (len == 0 || last != 's') {
        out[len++] = 's';
    }
    out[len] = '\0';
}

/* "100 leads", "1 lead", "12 deals": a whole count of units of a stage (or
 * of deals), the name in the plural unless the count is one. */
static void put_units(cli_buf *out, double n, const char *name)
{
    char num[CLI_NUM_MAX];
    char names[FPL_NAME_MAX + 2];
    fmt_whole(num, n);
    plural(names, name);
    cli_buf_printf(out, "%s %s", num, strcmp(num, "1") == 0 ? name : names);
}

/* "a" or "an" before a percentage as it is read aloud: an 80%, an 8.5%,
 * an 11%, an 18% chance; a 54.6% chance. */
static const char *article(const char *percent)
{
    size_t digits = strspn(percent, "0123456789");
    bool an = percent[0] == '8' ||
              (digits == 2 && (strncmp(percent, "11", 2) == 0 || strncmp(percent, "18", 2) == 0));
    return an ? "an" : "a";
}

/* The verb after put_units(): "1 lead gives", "100 leads give". */
static const char *give(double n)
{
    char num[CLI_NUM_MAX];
    fmt_whole(num, n);
    return strcmp(num, "1") == 0 ? " gives " : " give ";
}

void cli_put_amount(cli_buf *out, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_amount(num, x);
    cli_buf_puts(out, num);
}

void cli_table_set_amount(cli_table *t, size_t col, bool present, double x)
{
    char num[CLI_NUM_MAX];
    if (present) {
        cli_fmt_amount(num, x);
    } else {
        snprintf(num, sizeof num, "-");
    }
    cli_table_set(t, col, num);
}

void cli_put_percent(cli_buf *out, double fraction)
{
    char num[CLI_NUM_MAX];
    cli_fmt_percent(num, fraction);
    cli_buf_puts(out, num);
}

/* ---- a what-if's changes, for svg.c ------------------------------------ */

/* The library's names; "?" for what has none (never, for a result the
 * library computed). */
static const char *lever_name(const fpl_funnel *f, fpl_lever lever, size_t stage)
{
    const char *name = fpl_lever_name(f, lever, stage);
    return name != NULL ? name : "?";
}

static const char *kind_name(fpl_change_kind kind)
{
    const char *name = fpl_change_kind_name(kind);
    return name != NULL ? name : "?";
}

/* x with up to two decimals, trailing zeros dropped: 326.7, 297, 1,304,000. */
static void fmt_trimmed(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_TRIMMED, out, CLI_NUM_MAX);
}

/* out = sign + num + suffix (a formatted number is far shorter than
 * CLI_NUM_MAX; the number is cut should it ever not fit). */
static void join(char out[CLI_NUM_MAX], const char *sign, const char *num, const char *suffix)
{
    size_t a = strlen(sign);
    size_t n = strlen(num);
    size_t c = strlen(suffix);
    if (a + n + c >= CLI_NUM_MAX) {
        n = CLI_NUM_MAX - 1 - a - c;
    }
    memcpy(out, sign, a);
    memcpy(out + a, num, n);
    memcpy(out + a + n, suffix, c + 1);
}

/* A delta: "+9,900", "-2,500", "0" (two decimals at most). */
static void fmt_signed(char out[CLI_NUM_MAX], double x)
{
    fpl_format_number(x, FPL_NUMBER_SIGNED, out, CLI_NUM_MAX);
}

/* A change as typed: "+10%", "-3pp", "40%" (a rate set), "5,000" (an amount
 * set). */
static void fmt_change(char out[CLI_NUM_MAX], const fpl_change *c)
{
    char num[CLI_NUM_MAX];
    const char *sign = c->value < 0.0 ? "-" : "+";
    double magnitude = c->value < 0.0 ? -c->value : c->value;
    switch (c->kind) {
    case FPL_CHANGE_RELATIVE:
        cli_fmt_percent(num, magnitude);
        join(out, sign, num, "");
        return;
    case FPL_CHANGE_POINTS:
        cli_fmt_percent(num, magnitude);
        num[strlen(num) - 1] = '\0'; /* the '%' becomes "pp" */
        join(out, sign, num, "pp");
        return;
    case FPL_CHANGE_SET:
        break;
    }
    if (c->lever == FPL_LEVER_STAGE) {
        cli_fmt_percent(out, c->value);
    } else {
        fmt_trimmed(out, c->value);
    }
}

/* ---- odds -------------------------------------------------------------- */

/* The values (or the standard errors) of the three quantile estimates. */
static void estimates(const fpl_odds_estimate e[FPL_ODDS_QUANTILES], bool std_error,
                      double out[FPL_ODDS_QUANTILES])
{
    for (int i = 0; i < FPL_ODDS_QUANTILES; ++i) {
        out[i] = std_error ? e[i].std_error : e[i].value;
    }
}

/* The JSON is the library's (fpl_odds_json()): asked for its length first
 * (capacity 0), then written into the buffer; a refusal (never, for a
 * result the library computed) shows as a failed output. */
static void odds_json(cli_buf *out, const fpl_funnel *f, const fpl_odds *r,
                      const fpl_odds_sim_input *si, const fpl_odds_sim *s)
{
    size_t len = 0;
    fpl_status st = fpl_odds_json(f, r, si, s, NULL, 0, &len, NULL);
    char *text = st == FPL_OK ? cli_buf_space(out, len + 1) : NULL;
    if (text != NULL) {
        st = fpl_odds_json(f, r, si, s, text, len + 1, &len, NULL);
    }
    if (text == NULL || st != FPL_OK) {
        out->oom = true;
        return;
    }
    out->len += len;
}

/* One row per confidence level; the chance with the volume given is the
 * same on every row, so that each row reads on its own. */
static void odds_csv(cli_buf *out, const fpl_odds *r)
{
    cli_buf_puts(out, "confidence,volume,p_hit,target_deals\n");
    for (size_t i = 0; i < r->n_levels; ++i) {
        char num[CLI_NUM_MAX];
        cli_fmt_json_number(num, r->volume_for[i].confidence);
        cli_buf_puts(out, num);
        if (r->volume_for[i].has_volume) {
            csv_whole(out, r->volume_for[i].volume);
        } else {
            cli_buf_putc(out, ','); /* empty: more than 2^53 units */
        }
        csv_number(out, r->p_hit);
        csv_whole(out, r->target_deals);
        cli_buf_putc(out, '\n');
    }
}

/* "a 54.6% chance" (one decimal; see cli_fmt_chance). */
static void put_chance(cli_buf *out, double p)
{
    char num[CLI_NUM_MAX];
    cli_fmt_chance(num, p);
    cli_buf_printf(out, "%s %s chance", article(num), num);
}

/* The middle of the distribution, P10 to P90: "8 to 16 deals" (or "12
 * deals" when they agree), then "in 8 of 10 months". */
static void put_deal_range(cli_buf *out, const double q[FPL_ODDS_QUANTILES], fpl_period per)
{
    if (q[0] < q[2]) {
        char num[CLI_NUM_MAX];
        fmt_whole(num, q[0]);
        cli_buf_printf(out, "%s to ", num);
    }
    put_units(out, q[2], "deal");
    cli_buf_printf(out, " in 8 of 10 %ss", fpl_period_name(per));
}

/* "32,000 to 64,000 in 8 of 10 months" */
static void put_revenue_range(cli_buf *out, const double q[FPL_ODDS_QUANTILES], fpl_period per)
{
    if (q[0] < q[2]) {
        cli_put_amount(out, q[0]);
        cli_buf_puts(out, " to ");
    }
    cli_put_amount(out, q[2]);
    cli_buf_printf(out, " in 8 of 10 %ss", fpl_period_name(per));
}

/* "12 ± 0.03" */
static void put_estimate(cli_buf *out, const fpl_odds_estimate *e)
{
    char num[CLI_NUM_MAX];
    fmt_trimmed(num, e->value);
    cli_buf_printf(out, "%s \u00B1 ", num);
    fmt_trimmed(num, e->std_error);
    cli_buf_puts(out, num);
}

static void simulation_table(cli_buf *out, const fpl_funnel *f, const fpl_odds *r,
                             const fpl_odds_sim_input *in, const fpl_odds_sim *s)
{
    char num[CLI_NUM_MAX];
    double q[FPL_ODDS_QUANTILES];
    cli_fmt_count(num, (uint64_t)s->trials);
    cli_buf_printf(out, "\nSimulation (%s trials, seed %llu): ", num,
                   (unsigned long long)s->seed);
    cli_fmt_chance(num, s->p_hit.value);
    cli_buf_printf(out, "%s %s \u00B1 ", article(num), num);
    /* Presentation: the standard error in percentage points. */
    fmt_trimmed(num, s->p_hit.std_error * 100.0);
    cli_buf_printf(out, "%s%% chance of ", num);
    if (s->by_revenue) {
        cli_buf_puts(out, "revenue ");
        cli_put_amount(out, r->target_revenue);
    } else {
        put_units(out, s->target_deals, "deal");
    }
    cli_buf_puts(out, ".\n  Deals: expected ");
    put_estimate(out, &s->expected_deals);
    cli_buf_puts(out, "; ");
    estimates(s->deals_quantiles, false, q);
    put_deal_range(out, q, r->per);
    cli_buf_puts(out, ".\n");
    if (s->has_revenue) {
        cli_buf_puts(out, "  Revenue: expected ");
        put_estimate(out, &s->expected_revenue);
        cli_buf_puts(out, "; ");
        estimates(s->revenue_quantiles, false, q);
        put_revenue_range(out, q, r->per);
        cli_buf_puts(out, ".\n");
    }
    if (in->deal_size_cv > 0.0) {
        cli_buf_puts(out, "  Deal sizes vary around ");
        cli_put_amount(out, r->deal_size);
        cli_fmt_json_number(num, in->deal_size_cv); /* 0.5, 0.001: as typed */
        cli_buf_printf(out, " (gamma distributed, coefficient of variation %s).\n", num);
    }
    for (size_t k = 0; k < f->n_stages; ++k) {
        if (in->has_history[k]) {
            cli_buf_printf(out, "  %s: the rate is drawn in every trial from its history, ",
                           f->stages[k].name);
            fmt_whole(num, in->won[k]);
            cli_buf_printf(out, "%s of ", num);
            fmt_whole(num, in->total[k]);
            cli_buf_printf(out, "%s moved on.\n", num);
        }
    }
}

static void odds_table(cli_buf *out, const fpl_funnel *f, const fpl_odds *r,
                       const fpl_odds_sim_input *si, const fpl_odds_sim *s)
{
    const char *per = fpl_period_name(r->per);
    const char *at = f->stages[r->at].name;
    char num[CLI_NUM_MAX];

    /* The model and the target. */
    cli_fmt_percent(num, r->cumulative_rate);
    cli_buf_printf(out, "Odds per %s: each %s becomes a deal on its own, with a chance of %s.\n",
                   per, at, num);
    cli_buf_printf(out, "Target per %s: ", per);
    if (r->has_target_revenue) {
        cli_buf_puts(out, "revenue ");
        cli_put_amount(out, r->target_revenue);
        cli_buf_puts(out, " at a deal size of ");
        cli_put_amount(out, r->deal_size);
        cli_buf_puts(out, ", i.e. ");
    }
    put_units(out, r->target_deals, "deal");
    cli_buf_puts(out, ".\n\n");

    /* The chance with the volume given, and the spread. */
    put_units(out, r->volume, at);
    cli_buf_puts(out, give(r->volume));
    put_chance(out, r->p_hit);
    cli_buf_puts(out, " of ");
    put_units(out, r->target_deals, "deal");
    fmt_trimmed(num, r->expected_deals);
    cli_buf_printf(out, " (expected %s; ", num);
    put_deal_range(out, r->deals_quantiles, r->per);
    cli_buf_puts(out, ").\n");
    if (r->has_revenue) {
        cli_buf_puts(out, "Revenue: expected ");
        cli_put_amount(out, r->expected_revenue);
        cli_buf_puts(out, "; ");
        put_revenue_range(out, r->revenue_quantiles, r->per);
        cli_buf_puts(out, ".\n");
    }

    /* The volume for each level: "136 leads give a 90% chance of 12
     * deals.", the counts aligned. */
    char names[FPL_NAME_MAX + 2];
    plural(names, at);
    if (names[0] >= 'a' && names[0] <= 'z') {
        names[0] = (char)(names[0] - 'a' + 'A');
    }
    cli_buf_printf(out, "\n%s needed for a chance of ", names);
    put_units(out, r->target_deals, "deal");
    cli_buf_puts(out, ":\n");
    size_t width = 0;
    for (size_t i = 0; i < r->n_levels; ++i) {
        fmt_whole(num, r->volume_for[i].volume);
        width = strlen(num) > width ? strlen(num) : width;
    }
    for (size_t i = 0; i < r->n_levels; ++i) {
        const fpl_odds_level *l = &r->volume_for[i];
        if (!l->has_volume) {
            cli_fmt_percent(num, l->confidence);
            cli_buf_printf(out, "  %s %s chance needs more than 2^53 units, beyond exact counting.\n",
                           article(num), num);
            continue;
        }
        fmt_whole(num, l->volume);
        cli_buf_repeat(out, " ", 2 + width - strlen(num));
        put_units(out, l->volume, at);
        cli_buf_puts(out, give(l->volume));
        cli_fmt_percent(num, l->confidence);
        cli_buf_printf(out, "%s %s chance of ", article(num), num);
        put_units(out, r->target_deals, "deal");
        cli_buf_puts(out, ".\n");
    }
    if (s != NULL) {
        simulation_table(out, f, r, si, s);
    }
    cli_buf_puts(out, "\nFigures are rounded for display (--format json gives exact values).\n");
}

/* ---- helpers shared with svg.c (declared in render.h) ------------------- */

void cli_fmt_trimmed(char out[CLI_NUM_MAX], double x)
{
    fmt_trimmed(out, x);
}

void cli_fmt_signed(char out[CLI_NUM_MAX], double x)
{
    fmt_signed(out, x);
}

void cli_fmt_whole(char out[CLI_NUM_MAX], double x)
{
    fmt_whole(out, x);
}

void cli_put_changes(cli_buf *out, const fpl_funnel *f, const fpl_whatif_input *in)
{
    char num[CLI_NUM_MAX];
    if (in->n_changes == 0) {
        cli_buf_puts(out, "none");
    }
    for (size_t i = 0; i < in->n_changes; ++i) {
        const fpl_change *c = &in->changes[i];
        fmt_change(num, c);
        cli_buf_printf(out, "%s%s %s (%s)", i > 0 ? ", " : "",
                       lever_name(f, c->lever, c->stage), num, kind_name(c->kind));
    }
}

/* ---- entry points ------------------------------------------------------ */

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

void cli_render_whatif(cli_buf *out, cli_format format, const cli_question *q,
                       const fpl_whatif_input *input, const fpl_whatif *whatif,
                       const fpl_mix *mixes, size_t n_mixes, const fpl_mix *scenario_mixes,
                       size_t n_scenario_mixes)
{
    if (format == CLI_FORMAT_SVG) {
        cli_svg_whatif(out, q, input, whatif);
        return;
    }
    CLI_RENDER(out, fpl_whatif_render, q->funnel, input, whatif, mixes, n_mixes, scenario_mixes,
               n_scenario_mixes, format);
}

void cli_render_sensitivity(cli_buf *out, cli_format format, const cli_question *q,
                            const fpl_sensitivity *sensitivity)
{
    fpl_sensitivity_input in = {0};
    in.has_volume = q->has_volume;
    in.volume = q->volume;
    CLI_RENDER(out, fpl_sensitivity_render, q->funnel, q->terms, &in, sensitivity, format);
}

void cli_render_solve(cli_buf *out, cli_format format, const cli_question *q,
                      const fpl_solve *solve)
{
    fpl_solve_input in = {q->volume, solve->lever, solve->stage};
    CLI_RENDER(out, fpl_solve_render, q->funnel, q->terms, &in, solve, format);
}

void cli_render_odds(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                     const fpl_odds_sim *sim)
{
    /* Both or neither: a simulation is shown with what it was asked. */
    if (sim_input == NULL) {
        sim = NULL;
    }
    switch (format) {
    case CLI_FORMAT_JSON: odds_json(out, funnel, odds, sim_input, sim); break;
    case CLI_FORMAT_CSV: odds_csv(out, odds); break;
    case CLI_FORMAT_SVG: /* not offered: funnelplan.c refuses it */
    case CLI_FORMAT_TABLE: odds_table(out, funnel, odds, sim_input, sim); break;
    }
}

void cli_render_plan(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                     const fpl_plan *plan, const fpl_odds_plan *confidence,
                     const fpl_mix *mixes, size_t n_mixes)
{
    if (format == CLI_FORMAT_SVG) {
        cli_svg_plan(out, funnel, plan, confidence);
        return;
    }
    CLI_RENDER(out, fpl_plan_render, funnel, plan, confidence, mixes, n_mixes, format);
}

void cli_render_forecast(cli_buf *out, cli_format format, const fpl_funnel *funnel,
                         const fpl_forecast *forecast, const fpl_mix *mixes, size_t n_mixes)
{
    if (format == CLI_FORMAT_SVG) {
        cli_svg_forecast(out, funnel, forecast);
        return;
    }
    CLI_RENDER(out, fpl_forecast_render, funnel, forecast, mixes, n_mixes, format);
}

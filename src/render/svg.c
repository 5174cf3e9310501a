/*
 * funnelplan — SVG: a plan, a forecast, a what-if, a schedule and lead
 * channels as pictures, written into the caller's buffer.
 * SPDX-License-Identifier: MIT
 *
 * Each picture is a standalone SVG 1.1 document, 800 px wide and as tall as
 * its content: no scripts, links, images or external fonts (the generic
 * family sans-serif). Names are XML-escaped and stay UTF-8, except U+FFFE
 * and U+FFFF, which XML does not allow: they are drawn as U+FFFD.
 *
 * The only arithmetic is layout: a bar's length is its value over the
 * largest value drawn beside it, and a text's width is estimated from its
 * characters (there are no font metrics). The height comes first in the
 * document, so a picture is drawn twice: into nothing to measure it, then
 * into the buffer.
 */

#include "internal.h"

#include "../internal.h"

#include "funnelplan/format.h"
#include "funnelplan/svg.h"

#include <stdarg.h>
#include <string.h>

enum { PAGE_WIDTH = 800, MARGIN = 24 };
#define CONTENT_WIDTH ((double)(PAGE_WIDTH - 2 * MARGIN))
#define RIGHT_EDGE ((double)(PAGE_WIDTH - MARGIN))

#define INK "#1f2328"
#define MUTED "#57606a"
#define BAND "#e8edf3" /* the band joining a funnel's bars, shaded months */
#define GRID "#c9d1d9"
#define WHITE "#ffffff"
#define BASELINE_COLOUR "#aab2bd"
#define SCENARIO_COLOUR "#4e79a7"
#define WON_COLOUR "#3d8b37"
#define BAD_COLOUR "#c62828" /* a channel that loses money */
#define LEADS_COLOUR "#4e79a7"
#define COST_COLOUR "#d9711c"
#define SEP " \u00B7 "

static const char *const stage_colours[] = {"#4e79a7", "#d9711c", "#2f8f89", "#8e6c8a",
                                            "#9c755f", "#c44e8a", "#5b6b7c", "#a8842a"};

static const char *stage_colour(size_t k)
{
    return stage_colours[k % (sizeof stage_colours / sizeof stage_colours[0])];
}

typedef struct style {
    int size; /* px */
    bool bold;
    const char *fill;
} style;

static const style TITLE = {18, true, INK};
static const style SUBTITLE = {13, false, MUTED};
static const style NAME = {14, true, INK};
static const style NAME_BAD = {14, true, BAD_COLOUR};
static const style DETAIL = {12, false, MUTED};
static const style LABEL = {13, true, INK};
static const style LABEL_IN = {13, true, WHITE};
static const style SMALL_LABEL = {12, false, INK};
static const style VALUE = {10, false, INK};
static const style AXIS = {10, false, MUTED};
static const style NOTE = {13, false, INK};
static const style FOOTNOTE = {11, false, MUTED};

typedef enum anchor { START, MIDDLE, END } anchor;

/* The longest line composed: every channel losing money, with its name and
 * two numbers at their longest (a what-if's changes and a schedule's lags
 * are shorter). */
#define LINE_MAX (64 + FPL_MAX_CHANNELS * (FPL_NAME_MAX + 2 * FPL_NUMBER_MAX + 48))

/* A picture being drawn, from the top down. */
typedef struct svg {
    fpl__text *out;   /* the document: nothing while measuring, then the buffer */
    fpl__text none;
    int height;       /* the page's, once measured (0 while measuring) */
    double y;         /* the top of the free space below what is drawn */
    fpl__text title;  /* the headline, in <title> and as the first line */
    fpl__text line;   /* a text being composed */
    char title_buf[8 * FPL_NUMBER_MAX];
    char line_buf[LINE_MAX];
} svg;

/* ---- text ----------------------------------------------------------------- */

/* n bytes of UTF-8 as XML character data or an attribute value. */
static void escape(fpl__text *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        const unsigned char c = (unsigned char)s[i];
        const char *e = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                      : c == '"' ? "&quot;" : c == '\'' ? "&apos;" : c < 0x20 ? "?" : NULL;
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] & 0xFEu) == 0xBE) {
            e = "\xEF\xBF\xBD";
            i += 2;
        }
        fpl__text_put(t, e != NULL ? e : s + i, e != NULL ? strlen(e) : 1);
    }
}

/* Appends f, each directive replaced by the next argument: %s a string, %e
 * a string XML-escaped, %d an int, %u an unsigned, %z a size_t, %n a count
 * (uint64_t, grouped), %m a month, %o a double with one decimal, and a
 * double in a style of fpl_format_number(): %x a coordinate, %a an amount,
 * %f two decimals, %t trimmed, %+ signed, %w whole, %p a percentage. */
static void vsay(fpl__text *t, const char *f, va_list ap)
{
    static const char styled[] = "xaft+wp";
    static const fpl_number_style styles[] = {FPL_NUMBER_COORDINATE, FPL_NUMBER_AMOUNT,
                                              FPL_NUMBER_FIXED2,     FPL_NUMBER_TRIMMED,
                                              FPL_NUMBER_SIGNED,     FPL_NUMBER_WHOLE,
                                              FPL_NUMBER_PERCENT};
    for (const char *pct; (pct = strchr(f, '%')) != NULL; f = pct + 2) {
        fpl__text_put(t, f, (size_t)(pct - f));
        char num[FPL_NUMBER_MAX];
        size_t n = 0;
        const char *s = num;
        const char *style_at = pct[1] != '\0' ? strchr(styled, pct[1]) : NULL;
        if (style_at != NULL) {
            n = fpl_format_number(va_arg(ap, double), styles[style_at - styled], num, sizeof num);
        } else if (pct[1] == 's' || pct[1] == 'e') {
            s = va_arg(ap, const char *);
            n = strlen(s);
        } else if (pct[1] == 'o') {
            n = fpl_format_fixed(va_arg(ap, double), 1, false, num, sizeof num);
        } else if (pct[1] == 'd' || pct[1] == 'u' || pct[1] == 'z') {
            double x = pct[1] == 'd' ? (double)va_arg(ap, int)
                     : pct[1] == 'u' ? (double)va_arg(ap, unsigned) : (double)va_arg(ap, size_t);
            n = fpl_format_fixed(x, 0, false, num, sizeof num);
        } else if (pct[1] == 'n') {
            n = fpl_format_count(va_arg(ap, uint64_t), num, sizeof num);
        } else if (pct[1] == 'm') {
            n = fpl_month_format(va_arg(ap, fpl_month), num, sizeof num);
        }
        n = s == num && n >= sizeof num ? sizeof num - 1 : n;
        if (pct[1] == 'e') {
            escape(t, s, n);
        } else {
            fpl__text_put(t, s, n);
        }
    }
    fpl__text_put(t, f, strlen(f));
}

static void say(fpl__text *t, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsay(t, f, ap);
    va_end(ap);
}

/* f as say() writes it, into out, FPL_NUMBER_MAX bytes (a number, a year, a
 * numbered name). */
static const char *fmt(char *out, const char *f, ...)
{
    fpl__text t = {out, FPL_NUMBER_MAX, 0};
    va_list ap;
    va_start(ap, f);
    vsay(&t, f, ap);
    va_end(ap);
    fpl__text_end(&t);
    return out;
}

/* The line, emptied, to compose a text in. */
static fpl__text *line(svg *d)
{
    d->line.len = 0;
    return &d->line;
}

static const char *text_of(fpl__text *t)
{
    fpl__text_end(t);
    return t->buf;
}

/* The estimated width in px of n bytes of text (code points x an average
 * advance: generous for Latin text in DejaVu Sans, Liberation Sans, Arial). */
static double text_width(const char *s, size_t n, style st)
{
    size_t points = 0;
    for (size_t i = 0; i < n; ++i) {
        points += ((unsigned char)s[i] & 0xC0u) != 0x80u;
    }
    return (double)points * st.size * (st.bold ? 0.66 : 0.6);
}

static double width_of(const char *s, style st)
{
    return text_width(s, strlen(s), st);
}

/* ---- elements ------------------------------------------------------------- */

static void text_n(svg *d, double x, double y, anchor a, style st, const char *s, size_t n)
{
    static const char *const anchors[] = {"", " text-anchor=\"middle\"", " text-anchor=\"end\""};
    say(d->out, "<text x=\"%x\" y=\"%x\" font-size=\"%d\"%s%s fill=\"%s\">", x, y, st.size,
        st.bold ? " font-weight=\"bold\"" : "", anchors[a], st.fill);
    escape(d->out, s, n);
    say(d->out, "</text>\n");
}

static void text(svg *d, double x, double y, anchor a, style st, const char *s)
{
    text_n(d, x, y, a, st, s, strlen(s));
}

/* extra: more attributes, each after a space. */
static void rect(svg *d, double x, double y, double w, double h, const char *fill,
                 const char *extra)
{
    say(d->out, "<rect x=\"%x\" y=\"%x\" width=\"%x\" height=\"%x\" fill=\"%s\"%s/>\n", x, y, w,
        h, fill, extra);
}

static void hline(svg *d, double x0, double x1, double y, const char *stroke)
{
    say(d->out, "<line x1=\"%x\" y1=\"%x\" x2=\"%x\" y2=\"%x\" stroke=\"%s\" stroke-width=\"1\"/>\n",
        x0, y, x1, y, stroke);
}

/* The end of the first line of s when it is broken at spaces into lines of
 * at most width px (estimated); a word longer than a line stays whole. */
static const char *wrap(const char *s, double width, style st)
{
    const char *end = NULL;
    for (const char *q = s;;) {
        const char *space = strchr(q, ' ');
        const char *word_end = space != NULL ? space : q + strlen(q);
        if (end != NULL && text_width(s, (size_t)(word_end - s), st) > width) {
            return end;
        }
        end = word_end;
        if (space == NULL) {
            return end;
        }
        q = space + 1;
    }
}

/* Writes s from d->y down in lines of at most width px, broken at spaces
 * (or, when draw is false, only counts them); returns the lines. */
static size_t lines(svg *d, bool draw, double x, double width, style st, double line_height,
                    const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0'; ++n) {
        const char *end = wrap(p, width, st);
        if (draw) {
            text_n(d, x, d->y + line_height * 0.75, START, st, p, (size_t)(end - p));
            d->y += line_height;
        }
        for (p = end; *p == ' '; ++p) {
        }
    }
    return n;
}

static void para(svg *d, style st, double line_height, const char *s)
{
    (void)lines(d, true, MARGIN, CONTENT_WIDTH, st, line_height, s);
}

/* The document's head, then the title's line(s). */
static void headline(svg *d)
{
    const char *title = text_of(&d->title);
    say(d->out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
        "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n<title>%e</title>\n"
        "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
        PAGE_WIDTH, d->height, PAGE_WIDTH, d->height, title, PAGE_WIDTH, d->height, WHITE);
    d->y += 4.0;
    para(d, TITLE, 25.0, title);
}

static void subtitle(svg *d)
{
    para(d, SUBTITLE, 18.0, text_of(&d->line));
}

static void note(svg *d)
{
    para(d, NOTE, 19.0, text_of(&d->line));
}

static void footnote(svg *d)
{
    d->y += 6.0;
    para(d, FOOTNOTE, 15.0, "Figures are rounded for display (--format json gives exact values).");
}

/* ---- pieces the pictures share -------------------------------------------- */

/* The height of a row's header: the name on the left and the detail on the
 * right, or the detail on lines of its own below when both do not fit. */
static double header_height(svg *d, const char *name, const char *detail)
{
    const double room = CONTENT_WIDTH - width_of(name, NAME) - 16.0;
    if (detail[0] == '\0' || width_of(detail, DETAIL) <= room) {
        return 20.0;
    }
    return 20.0 + 16.0 * (double)lines(d, false, MARGIN, CONTENT_WIDTH, DETAIL, 16.0, detail);
}

static void header(svg *d, const char *name, style name_style, const char *detail)
{
    const double height = header_height(d, name, detail);
    text(d, MARGIN, d->y + 15.0, START, name_style, name);
    if (height <= 20.0 && detail[0] != '\0') {
        text(d, RIGHT_EDGE, d->y + 15.0, END, DETAIL, detail);
    }
    d->y += 20.0;
    if (height > 20.0) {
        para(d, DETAIL, 16.0, detail);
    }
}

/* A bar's length for value, when top is drawn max long; any positive value
 * gets at least a sliver; 0 when there is no bar. */
static double bar_length(double value, double top, double max)
{
    if (!(top > 0.0) || !(value > 0.0)) {
        return 0.0;
    }
    double w = max * (value / top);
    w = w > max ? max : w;
    return w < 2.0 ? 2.0 : w;
}

static double larger(double a, double b)
{
    return a > b ? a : b;
}

/* A small coloured square and its caption; returns the x after it. */
static double legend_item(svg *d, double x, const char *colour, const char *caption)
{
    rect(d, x, d->y + 4.0, 12.0, 12.0, colour, "");
    text(d, x + 17.0, d->y + 14.0, START, DETAIL, caption);
    return x + 17.0 + width_of(caption, DETAIL) + 18.0;
}

/* Bars side by side, left-aligned, each labelled to its right. */
typedef struct side_bars {
    double height, label_room, baseline;
} side_bars;

static const side_bars PAIR = {14.0, 220.0, 11.5};
static const side_bars CHANNEL = {12.0, 260.0, 10.5};

static void side_bar(svg *d, side_bars k, double value, double top, const char *colour,
                     const char *label)
{
    const double w = bar_length(value, top, CONTENT_WIDTH - k.label_room);
    if (w > 0.0) {
        rect(d, MARGIN, d->y, w, k.height, colour, "");
    }
    text(d, MARGIN + w + 6.0, d->y + k.baseline, START, SMALL_LABEL, label);
    d->y += k.height + 3.0;
}

/* "A per month, B per quarter, C per year" */
static void by_period(fpl__text *b, const double v[FPL_PERIOD_COUNT])
{
    static const fpl_period periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        say(b, "%s%a per %s", q > 0 ? ", " : "", v[q], fpl_period_name(periods[q]));
    }
}

/* ---- funnels: plan and forecast ------------------------------------------- */

/* The last bar of a funnel, for the band that joins it to the next. */
typedef struct funnel_bar {
    bool drawn;
    double x0, x1, bottom;
} funnel_bar;

enum { FUNNEL_BAR_HEIGHT = 24 };

/* One stage of a funnel: its header, then its bar centred on the page, the
 * label inside the bar when it fits, else to its right; a band joins it to
 * the bar above. */
static void funnel_row(svg *d, funnel_bar *prev, const char *name, const char *detail,
                       double value, double top, const char *label, const char *colour)
{
    const double w = bar_length(value, top, CONTENT_WIDTH);
    const double cx = PAGE_WIDTH / 2.0;
    const double bar_top = d->y + header_height(d, name, detail);
    if (prev->drawn && w > 0.0) {
        say(d->out, "<polygon points=\"%o,%o %o,%o %o,%o %o,%o\" fill=\"%s\"/>\n", prev->x0,
            prev->bottom, prev->x1, prev->bottom, cx + w / 2.0, bar_top, cx - w / 2.0, bar_top,
            BAND);
    }
    header(d, name, NAME, detail);
    if (w > 0.0) {
        rect(d, cx - w / 2.0, bar_top, w, FUNNEL_BAR_HEIGHT, colour, "");
    }
    if (width_of(label, LABEL) + 12.0 <= w) {
        text(d, cx, bar_top + 17.0, MIDDLE, LABEL_IN, label);
    } else {
        text(d, cx + w / 2.0 + 8.0, bar_top + 17.0, START, LABEL, label);
    }
    *prev = (funnel_bar){w > 0.0, cx - w / 2.0, cx + w / 2.0, bar_top + FUNNEL_BAR_HEIGHT};
    d->y = bar_top + FUNNEL_BAR_HEIGHT + 6.0;
}

static void budget_note(svg *d, double cost_per_lead, const double budget[FPL_PERIOD_COUNT],
                        double cost_per_deal)
{
    fpl__text *b = line(d);
    say(b, "Budget at a cost per lead of %a: ", cost_per_lead);
    by_period(b, budget);
    say(b, "; cost per deal %a.", cost_per_deal);
    note(d);
}

static void profit_note(svg *d, bool has_revenue, double margin, double gross_profit,
                        const char *per)
{
    if (has_revenue && margin < 1.0) {
        say(line(d), "Gross profit at a margin of %p: %a per %s.", margin, gross_profit, per);
        note(d);
    }
}

static fpl_period other_period(fpl_period per)
{
    return per == FPL_PERIOD_MONTH ? FPL_PERIOD_YEAR : FPL_PERIOD_MONTH;
}

static void plan_picture(svg *d, const fpl_funnel *f, const fpl_plan *p, const fpl_odds_plan *conf)
{
    const char *per = fpl_period_name(p->per);
    const fpl_period other = other_period(p->per);
    const char *other_name = fpl_period_name(other);
    char num[FPL_NUMBER_MAX], whole[FPL_NUMBER_MAX], level[FPL_NUMBER_MAX];
    fmt(level, "%p", conf != NULL ? conf->confidence : 0.0);
    fmt(num, "%a", p->deals);
    fmt(whole, "%n", p->deals_whole);

    say(&d->title, "Plan per %s: ", per);
    if (p->has_revenue) {
        say(&d->title, "revenue %a \u00F7 deal size %a = ", p->revenue, p->deal_size);
    }
    say(&d->title, "%s deals", num);
    if (strcmp(num, whole) != 0) {
        say(&d->title, " (%s whole)", whole);
    }
    if (!p->has_revenue && p->has_deal_size) {
        say(&d->title, " at a deal size of %a", p->deal_size);
    }
    headline(d);
    say(line(d), "Whole units entering each stage per %s (rounded up from the bottom); "
                 "bars to scale.", per);
    subtitle(d);
    d->y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    const double top = p->stages[0].required;
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        fpl__text *b = line(d);
        say(b, "rate %p" SEP "cumulative %p" SEP "%a per %s", s->rate, s->cumulative_rate,
            p->by_period[other].required[k], other_name);
        if (p->has_cost) {
            say(b, SEP "cost each %f", s->cost_per);
        }
        if (conf != NULL) {
            say(b, SEP "for %s: %w", level, conf->required[k]);
        }
        funnel_row(d, &prev, f->stages[k].name, text_of(b), s->required, top,
                   fmt(num, "%n", s->required_whole), stage_colour(k));
    }
    fpl__text *b = line(d);
    say(b, "deals" SEP "%a per %s", p->by_period[other].deals, other_name);
    if (p->has_cost) {
        say(b, SEP "cost per deal %f", p->cost_per_deal);
    }
    if (conf != NULL) {
        say(b, SEP "for %s: %w", level, conf->deals_whole);
    }
    funnel_row(d, &prev, "won", text_of(b), p->deals, top, whole, WON_COLOUR);

    d->y += 8.0;
    if (p->has_cost) {
        double budget[FPL_PERIOD_COUNT];
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            budget[q] = p->by_period[q].budget;
        }
        budget_note(d, p->cost_per_lead, budget, p->cost_per_deal);
    }
    profit_note(d, p->has_revenue, p->margin, p->gross_profit, per);
    if (conf != NULL) {
        say(line(d), "for %s: the least whole units entering each stage that give a %s chance "
                     "of %n whole deals.", level, level, p->deals_whole);
        note(d);
    }
    footnote(d);
}

static void forecast_picture(svg *d, const fpl_funnel *f, const fpl_forecast *r)
{
    const char *per = fpl_period_name(r->per);
    const fpl_period other = other_period(r->per);
    const char *other_name = fpl_period_name(other);
    char num[FPL_NUMBER_MAX];

    say(&d->title, "Forecast per %s: %a enter %s \u2192 %a deals", per, r->volume,
        f->stages[r->at].name, r->deals);
    if (r->has_revenue) {
        say(&d->title, " \u00D7 deal size %a = revenue %a", r->deal_size, r->revenue);
    }
    headline(d);
    say(line(d), "Units expected at each stage per %s; the bars are to scale.", per);
    subtitle(d);
    d->y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    const double top = r->expected[r->at];
    for (size_t k = r->at; k < r->n_stages; ++k) {
        fpl__text *b = line(d);
        say(b, "rate %p" SEP "%a per %s", f->stages[k].rate, r->by_period[other].expected[k],
            other_name);
        funnel_row(d, &prev, f->stages[k].name, text_of(b), r->expected[k], top,
                   fmt(num, "%a", r->expected[k]), stage_colour(k));
    }
    fpl__text *b = line(d);
    say(b, "deals" SEP "%a per %s", r->by_period[other].deals, other_name);
    if (r->has_revenue) {
        say(b, SEP "revenue %a", r->revenue);
    }
    funnel_row(d, &prev, "won", text_of(b), r->deals, top, fmt(num, "%a", r->deals), WON_COLOUR);

    d->y += 8.0;
    double revenue[FPL_PERIOD_COUNT], budget[FPL_PERIOD_COUNT];
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        revenue[q] = r->by_period[q].revenue;
        budget[q] = r->by_period[q].budget;
    }
    if (r->has_revenue) {
        b = line(d);
        say(b, "Revenue: ");
        by_period(b, revenue);
        say(b, ".");
        note(d);
    }
    if (r->has_cost) {
        budget_note(d, r->cost_per_lead, budget, r->cost_per_deal);
    }
    profit_note(d, r->has_revenue, r->margin, r->gross_profit, per);
    if (r->target != FPL_TARGET_NONE) {
        b = line(d);
        say(b, "Target per %s: ", per);
        if (r->has_target_revenue) {
            say(b, "revenue %a = ", r->target_revenue);
        }
        say(b, "%a deals; attainment %p.", r->target_deals, r->attainment);
        if (r->gap_deals > 0.0 || r->gap_deals < 0.0) { /* the sign only chooses the words */
            const bool short_of = r->gap_deals > 0.0;
            say(b, short_of ? " Short by %a deals" : " Ahead by %a deals",
                short_of ? r->gap_deals : -r->gap_deals);
            if (r->has_gap_revenue) {
                say(b, ", revenue %a", short_of ? r->gap_revenue : -r->gap_revenue);
            }
            say(b, ".");
        } else {
            say(b, " The forecast meets the target exactly.");
        }
        note(d);
    }
    footnote(d);
}

/* ---- what-if: the baseline against the scenario --------------------------- */

/* A row of the what-if: the header, then the baseline's bar and the
 * scenario's, the scenario labelled with the delta when it has one. */
static void pair_row(svg *d, const char *name, const char *detail, double base, double scen,
                     double top, bool has_delta, double delta)
{
    char num[FPL_NUMBER_MAX];
    header(d, name, NAME, detail);
    d->y += 2.0;
    side_bar(d, PAIR, base, top, BASELINE_COLOUR, fmt(num, "%t", base));
    fpl__text *b = line(d);
    say(b, "%t", scen);
    if (has_delta) {
        say(b, " (%+)", delta);
    }
    side_bar(d, PAIR, scen, top, SCENARIO_COLOUR, text_of(b));
    d->y += 8.0;
}

/* "+10%", "-3pp", "40%" (a rate set), "5,000" (an amount set), each with its
 * lever and kind: "opportunity +10% (relative)". */
static void changes(fpl__text *b, const fpl_funnel *f, const fpl_whatif_input *in)
{
    if (in->n_changes == 0) {
        say(b, "none");
    }
    for (size_t i = 0; i < in->n_changes; ++i) {
        const fpl_change *c = &in->changes[i];
        const char *sign = c->value < 0.0 ? "-" : "+";
        const double magnitude = c->value < 0.0 ? -c->value : c->value;
        char num[FPL_NUMBER_MAX];
        say(b, "%s%s ", i > 0 ? ", " : "", fpl_lever_name(f, c->lever, c->stage));
        if (c->kind == FPL_CHANGE_RELATIVE) {
            say(b, "%s%p", sign, magnitude);
        } else if (c->kind == FPL_CHANGE_POINTS) {
            num[fpl_format_number(magnitude, FPL_NUMBER_PERCENT, num, sizeof num) - 1] = '\0';
            say(b, "%s%spp", sign, num);
        } else {
            say(b, c->lever == FPL_LEVER_STAGE ? "%p" : "%t", c->value);
        }
        say(b, " (%s)", fpl_change_kind_name(c->kind));
    }
}

/* "99,000 → 108,900 (+9,900)" */
static void put_change(fpl__text *b, double base, double scen, double delta)
{
    say(b, "%t \u2192 %t (%+)", base, scen, delta);
}

static void whatif_picture(svg *d, const fpl_funnel *f, const fpl_whatif_input *in,
                           const fpl_whatif *r)
{
    const fpl_funnel *g = &r->scenario_funnel;
    const fpl_terms *terms = &r->scenario_terms; /* its target is the question's */
    const char *per = fpl_period_name(r->per);
    const char *plural = r->horizon == 1 ? "" : "s";
    const bool held = r->volume_held;
    const fpl_forecast *bf = &r->baseline_forecast;
    const fpl_forecast *sf = &r->scenario_forecast;
    const fpl_plan *bp = &r->baseline_plan;
    const fpl_plan *sp = &r->scenario_plan;
    const size_t first = held ? bf->at : 0;

    say(&d->title, "What-if per %s, ", per);
    if (held) {
        say(&d->title, "volume held: %a enter %s each %s", bf->volume, f->stages[first].name, per);
    } else {
        say(&d->title, "target held: ");
        if (terms->target == FPL_TARGET_REVENUE) {
            say(&d->title, "revenue %a", terms->revenue);
        } else {
            say(&d->title, "%a deals", terms->deals);
        }
        say(&d->title, " each %s", per);
    }
    headline(d);
    fpl__text *b = line(d);
    say(b, "Changes: ");
    changes(b, f, in);
    say(b, ". Units %s each stage per %s, the baseline above the scenario.",
        held ? "expected at" : "that must enter", per);
    subtitle(d);
    d->y += 4.0;
    legend_item(d, legend_item(d, MARGIN, BASELINE_COLOUR, "baseline"), SCENARIO_COLOUR,
                "scenario");
    d->y += 26.0;

    const double base_deals = held ? bf->deals : bp->deals;
    const double scen_deals = held ? sf->deals : sp->deals;
    double top = larger(base_deals, scen_deals);
    for (size_t k = first; k < f->n_stages; ++k) {
        top = larger(top, larger(held ? bf->expected[k] : bp->stages[k].required,
                                 held ? sf->expected[k] : sp->stages[k].required));
    }
    for (size_t k = first; k < f->n_stages; ++k) {
        char from[FPL_NUMBER_MAX], to[FPL_NUMBER_MAX];
        fmt(from, "%p", f->stages[k].rate);
        fmt(to, "%p", g->stages[k].rate);
        b = line(d);
        say(b, "rate %s", from);
        if (strcmp(from, to) != 0) {
            say(b, " \u2192 %s", to);
        }
        /* the library's volume delta is the one of the first row */
        pair_row(d, f->stages[k].name, text_of(b), held ? bf->expected[k] : bp->stages[k].required,
                 held ? sf->expected[k] : sp->stages[k].required, top, k == first, r->volume);
    }
    pair_row(d, "won", "deals", base_deals, scen_deals, top, true, r->deals);

    d->y += 4.0;
    if (r->has_revenue) {
        b = line(d);
        say(b, "Revenue per %s: ", per);
        if (held ? bf->has_revenue && sf->has_revenue : bp->has_revenue && sp->has_revenue) {
            put_change(b, held ? bf->revenue : bp->revenue, held ? sf->revenue : sp->revenue,
                       r->revenue);
        } else {
            say(b, "%+", r->revenue);
        }
        say(b, ".");
        note(d);
    }
    if (r->has_cost) {
        b = line(d);
        say(b, "Acquisition cost per %s: ", per);
        put_change(b, held ? bf->budget : bp->budget, held ? sf->budget : sp->budget, r->cost);
        say(b, ".");
        note(d);
    }
    b = line(d);
    say(b, "Gain per %s %+; over %u %s%s %+.", per, r->gain, r->horizon, per, plural,
        r->gain_horizon);
    if (r->margin < 1.0 || r->has_cost) {
        say(b, " Gain = revenue gained");
        if (r->margin < 1.0) {
            say(b, " \u00D7 margin %p", r->margin);
        }
        say(b, r->has_cost ? " \u2212 acquisition cost added." : ".");
    }
    note(d);
    if (r->has_invest) {
        b = line(d);
        say(b, "Investment %a: ROI %p over %u %s%s", r->invest, r->roi, r->horizon, per, plural);
        if (r->has_payback) {
            say(b, "; payback in %t %ss.", r->payback_periods, per);
        } else {
            say(b, "; no payback: the gain per %s is not positive.", per);
        }
        note(d);
    }
    footnote(d);
}

/* ---- schedule: the months as bars ----------------------------------------- */

enum { CHART_HEIGHT = 96, VALUE_ROOM = 14, AXIS_ROOM = 30 };

/* A value of a schedule row: the units entering a stage, or the deals
 * (stage == n_stages). */
static double month_value(const fpl_schedule *s, size_t row, size_t stage)
{
    return stage < s->n_stages ? s->rows[row].entering[stage] : s->rows[row].deals;
}

/* One series of the schedule: the header (its name, its total and its
 * peak), the months as bars over the same axis, the months before the start
 * shaded and their bars paler, values above the bars where they fit. */
static void month_panel(svg *d, const fpl_schedule *s, const char *name, size_t stage,
                        double total, const char *colour, bool first_panel)
{
    static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const size_t n = s->n_rows;
    const double slot = CONTENT_WIDTH / (double)n;
    double peak = 0.0;
    size_t peak_row = 0;
    for (size_t r = 0; r < n; ++r) {
        if (month_value(s, r, stage) > peak) {
            peak = month_value(s, r, stage);
            peak_row = r;
        }
    }
    fpl__text *b = line(d);
    say(b, "total %a", total);
    if (peak > 0.0) {
        say(b, SEP "peak %a in %m", peak, s->rows[peak_row].month);
    }
    header(d, name, NAME, text_of(b));

    const double top = d->y;
    const double base = top + VALUE_ROOM + CHART_HEIGHT;
    if (s->lead_months > 0) {
        const double w = slot * (double)s->lead_months;
        rect(d, MARGIN, top, w, base - top, BAND, "");
        if (first_panel && width_of("before the start", AXIS) + 6.0 <= w) {
            text(d, MARGIN + w / 2.0, top + 10.0, MIDDLE, AXIS, "before the start");
        }
    }
    hline(d, MARGIN, RIGHT_EDGE, base + 0.5, GRID);
    char num[FPL_NUMBER_MAX];
    for (size_t r = 0; r < n; ++r) {
        const double v = month_value(s, r, stage);
        const double h = bar_length(v, peak, CHART_HEIGHT);
        const double x = MARGIN + slot * (double)r;
        if (h > 0.0) {
            rect(d, x + slot * 0.15, base - h, slot * 0.7, h, colour,
                 s->rows[r].in_span ? "" : " fill-opacity=\"0.45\"");
        }
        if (width_of(fmt(num, "%a", v), VALUE) <= slot - 2.0) {
            text(d, x + slot / 2.0, base - h - 3.0, MIDDLE, VALUE, num);
        }
    }
    /* The months: each one's name when they fit, else the Januaries. */
    for (size_t r = 0; r < n; ++r) {
        const fpl_month m = s->rows[r].month;
        const double cx = MARGIN + slot * ((double)r + 0.5);
        fmt(num, "%d", m.year);
        if (slot >= 26.0) {
            text(d, cx, base + 13.0, MIDDLE, AXIS, month_names[(size_t)(m.month - 1) % 12u]);
            if (r == 0 || m.month == 1) {
                text(d, cx, base + 25.0, MIDDLE, AXIS, num);
            }
        } else if (m.month == 1 && slot * 12.0 >= 34.0) {
            hline(d, cx - slot / 2.0, cx - slot / 2.0 + 1.0, base + 3.0, MUTED);
            text(d, cx - slot / 2.0, base + 13.0, START, AXIS, num);
        }
    }
    d->y = base + AXIS_ROOM + 6.0;
}

static void schedule_picture(svg *d, const fpl_funnel *f, const fpl_schedule *s)
{
    const size_t n = s->n_stages;
    const char *per = fpl_period_name(s->per);
    const char *lead_plural = s->lead_months == 1 ? "" : "s";

    say(&d->title, "Schedule for %u month%s from %m: %a deals", s->months,
        s->months == 1 ? "" : "s", s->start, s->deals);
    if (s->has_revenue) {
        say(&d->title, ", revenue %a", s->revenue);
    }
    say(&d->title, s->has_monthly   ? ", a target per month as given"
                   : s->has_weights ? ", spread by the seasonality given"
                                    : ", the same every month");
    headline(d);
    fpl__text *b = line(d);
    say(b, "Units that must enter each stage in each month, and the deals closing.");
    if (s->lead_months > 0) {
        say(b, " Shaded: the %z month%s before %m in which the funnel must already run.",
            s->lead_months, lead_plural, s->start);
    }
    subtitle(d);
    b = line(d);
    say(b, "Lags (months):");
    for (size_t i = 0; i < n; ++i) {
        say(b, "%s %s %a", i > 0 ? "," : "", f->stages[i].name, s->lag_months[i]);
    }
    say(b, "; from %s to a closed deal %a months.", f->stages[0].name, s->total_lag);
    subtitle(d);
    d->y += 10.0;

    for (size_t i = 0; i < n; ++i) {
        month_panel(d, s, f->stages[i].name, i, s->totals[i], stage_colour(i), i == 0);
    }
    month_panel(d, s, "deals", n, s->deals, WON_COLOUR, false);

    if (s->has_revenue) {
        say(line(d), "Revenue over the span %a at a deal size of %a.", s->revenue, s->deal_size);
        note(d);
    }
    if (s->lead_months > 0) {
        say(line(d), "Lead time: the funnel must start %z month%s before %m, in %m.",
            s->lead_months, lead_plural, s->start, s->rows[0].month);
        note(d);
    }
    if (s->has_velocity) {
        say(line(d), "Sales velocity: %a entering %s a month \u00D7 %p won \u00D7 deal size %a "
                     "/ a cycle of %a days = %a per day.", s->velocity_opportunities,
            f->stages[n - 1].name, f->stages[n - 1].rate, s->deal_size, s->velocity_cycle_days,
            s->velocity);
        note(d);
    }
    if (s->has_reps) {
        say(line(d), "Per rep: %a reps share the work (--format table or json gives the figures "
                     "per rep).", s->reps);
        note(d);
    }
    if (s->has_reps_needed) {
        char exact[FPL_NUMBER_MAX], whole[FPL_NUMBER_MAX];
        fmt(exact, "%a", s->reps_needed);
        fmt(whole, "%a", s->reps_needed_whole);
        b = line(d);
        say(b, "Reps needed at a quota of %a per %s with %p attainment: %s", s->quota, per,
            s->attainment, exact);
        if (strcmp(exact, whole) != 0) {
            say(b, ", %s whole reps", whole);
        }
        say(b, ".");
        note(d);
    }
    footnote(d);
}

/* ---- channels: leads, deals and cost of each ------------------------------ */

/* "ROI 50%", or "ROI free" (nothing spent); with a revenue only. */
static void put_roi(fpl__text *b, bool has_roi, double roi)
{
    if (has_roi) {
        say(b, "ROI %p", roi);
    } else {
        say(b, "ROI free");
    }
}

static void channel_row(svg *d, const fpl_channels *r, size_t k, const char *channel_name,
                        const double top[3])
{
    const fpl_channel_figures *c = &r->channels[r->ranking[k]];
    const bool losing = c->has_revenue && c->loses_money;
    char name[FPL_NUMBER_MAX];
    fmt(name, "%z. %s", k + 1, channel_name);
    fpl__text *b = line(d);
    say(b, "%s%s", losing ? "loses money" SEP : "", c->at_capacity ? "full" SEP : "");
    if (c->has_revenue) {
        put_roi(b, c->has_roi, c->roi);
        say(b, SEP);
    }
    say(b, "cost/lead %a" SEP "cost/deal %a", c->cost_per_lead, c->cost_per_deal);
    if (c->has_revenue) {
        say(b, SEP "break-even %a", c->break_even_cost_per_lead);
    }
    const double row_top = d->y;
    header(d, name, losing ? NAME_BAD : NAME, text_of(b));
    side_bar(d, CHANNEL, c->leads, top[0], LEADS_COLOUR, fmt(name, "%a leads", c->leads));
    b = line(d);
    say(b, "%a deals", c->deals);
    if (c->has_revenue) {
        say(b, SEP "revenue %a", c->revenue);
    }
    side_bar(d, CHANNEL, c->deals, top[1], WON_COLOUR, text_of(b));
    b = line(d);
    say(b, "cost %a", c->cost);
    if (c->has_revenue) {
        say(b, SEP "gross profit %a", c->gross_profit);
    }
    side_bar(d, CHANNEL, c->cost, top[2], COST_COLOUR, text_of(b));
    if (losing) {
        rect(d, MARGIN - 14.0, row_top + 3.0, 4.0, d->y - row_top - 3.0, BAD_COLOUR, "");
    }
    d->y += 10.0;
}

static void channels_picture(svg *d, const fpl_funnel *fn, const fpl_terms *terms,
                             const fpl_channels_input *in, const fpl_channels *r)
{
    const char *per = fpl_period_name(r->per);

    say(&d->title, "Lead channels per %s: ", per);
    if (r->target == FPL_TARGET_NONE) {
        say(&d->title, "the profitability of the leads each brings");
    } else {
        say(&d->title, "%s for ", r->by_shares ? "leads split by fixed shares"
                                                : "the cheapest allocation");
        if (r->target == FPL_TARGET_REVENUE) {
            say(&d->title, "revenue %a", terms->revenue);
        } else {
            say(&d->title, "%a deals", terms->deals);
        }
    }
    headline(d);
    fpl__text *b = line(d);
    say(b, "Funnel: ");
    for (size_t k = 0; k < fn->n_stages; ++k) {
        say(b, "%s%s %p", k > 0 ? " > " : "", fn->stages[k].name, fn->stages[k].rate);
    }
    say(b, "; margin %p. Ranked by ROI; figures per %s.", r->margin, per);
    subtitle(d);
    d->y += 4.0;
    double x = legend_item(d, MARGIN, LEADS_COLOUR, "leads");
    x = legend_item(d, x, WON_COLOUR, "deals");
    x = legend_item(d, x, COST_COLOUR, "cost");
    if (r->n_losing > 0) {
        rect(d, x, d->y + 3.0, 4.0, 14.0, BAD_COLOUR, "");
        text(d, x + 10.0, d->y + 14.0, START, DETAIL, "loses money");
    }
    d->y += 28.0;

    double top[3] = {0.0, 0.0, 0.0}; /* each measure to its own scale */
    for (size_t i = 0; i < r->n_channels; ++i) {
        top[0] = larger(top[0], r->channels[i].leads);
        top[1] = larger(top[1], r->channels[i].deals);
        top[2] = larger(top[2], r->channels[i].cost);
    }
    for (size_t k = 0; k < r->n_channels; ++k) {
        channel_row(d, r, k, in->channels[r->ranking[k]].name, top);
    }

    b = line(d);
    say(b, "Total per %s: %a leads, %a deals, cost %a", per, r->leads, r->deals, r->cost);
    if (r->has_revenue) {
        say(b, ", revenue %a, gross profit %a", r->revenue, r->gross_profit);
    }
    say(b, "; cost per lead %a, cost per deal %a", r->cost_per_lead, r->cost_per_deal);
    if (r->has_revenue) {
        say(b, "; ");
        put_roi(b, r->has_roi, r->roi);
    }
    say(b, ".");
    note(d);
    if (r->has_marginal) {
        b = line(d);
        say(b, "The last deal costs %a", r->marginal_cost_per_deal);
        if (r->marginal_channel < r->n_channels) {
            say(b, " (%s).", in->channels[r->marginal_channel].name);
        } else {
            say(b, " (every channel in its share).");
        }
        note(d);
    }
    if (r->n_losing > 0) {
        b = line(d);
        say(b, "Losing money at any volume:");
        size_t shown = 0;
        for (size_t k = 0; k < r->n_channels; ++k) {
            const size_t i = r->ranking[k];
            const fpl_channel_figures *c = &r->channels[i];
            if (c->has_revenue && c->loses_money) {
                say(b, "%s %s (pays %a a lead, breaks even at %a)", shown++ > 0 ? ";" : "",
                    in->channels[i].name, c->cost_per_lead, c->break_even_cost_per_lead);
            }
        }
        say(b, ".");
        note(d);
    }
    if (r->has_most) {
        b = line(d);
        say(b, "At most %a deals", r->most_deals);
        if (r->has_most_revenue) {
            say(b, " (revenue %a)", r->most_revenue);
        }
        say(b, " from %a leads per %s %s.", r->most_leads, per,
            r->by_shares ? "at these shares" : "with every channel full");
        note(d);
    }
    d->y += 6.0;
    if (r->has_revenue) {
        para(d, FOOTNOTE, 15.0,
             "break-even: the highest cost per lead that still pays back (deal size \u00D7 "
             "rate to won \u00D7 margin).");
    }
    para(d, FOOTNOTE, 15.0, "Figures are rounded for display (--format json gives exact values).");
}

/* ---- entry points --------------------------------------------------------- */

/* The buffer's checks; FPL_OK when they pass. */
static fpl_status buffer_check(const char *buf, size_t capacity, const size_t *length_out,
                               fpl_error *err)
{
    fpl__begin(err);
    return length_out == NULL || (buf == NULL && capacity > 0) ? fpl__done(err, FPL_ERR_NULL)
                                                               : FPL_OK;
}

/* Starts pass 0 (measuring, into nothing) or pass 1 (into t). */
static void pass(svg *d, int n, fpl__text *t)
{
    d->height = n == 0 ? 0 : (int)(d->y + 16.0);
    d->none = (fpl__text){NULL, 0, 0};
    d->out = n == 0 ? &d->none : t;
    d->y = 8.0;
    d->title = (fpl__text){d->title_buf, sizeof d->title_buf, 0};
    d->line = (fpl__text){d->line_buf, sizeof d->line_buf, 0};
}

static fpl_status end(fpl__text *t, fpl_status st, size_t *length_out, fpl_error *err)
{
    if (st == FPL_OK) {
        say(t, "</svg>\n");
        fpl__text_end(t);
        *length_out = t->len;
    }
    return fpl__done(err, st);
}

/* Each picture is refused for what its JSON refuses (checked by writing
 * the JSON into nothing), so a result the library computed always draws. */

fpl_status fpl_plan_svg(const fpl_funnel *funnel, const fpl_plan *plan,
                        const fpl_odds_plan *confidence, char *buf, size_t capacity,
                        size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = buffer_check(buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_plan_json(funnel, plan, confidence, NULL, 0, NULL, 0, &n, err);
    }
    svg d;
    fpl__text t = {buf, capacity, 0};
    for (int i = 0; st == FPL_OK && i < 2; ++i) {
        pass(&d, i, &t);
        plan_picture(&d, funnel, plan, confidence);
    }
    return end(&t, st, length_out, err);
}

fpl_status fpl_forecast_svg(const fpl_funnel *funnel, const fpl_forecast *forecast, char *buf,
                            size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = buffer_check(buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_forecast_json(funnel, forecast, NULL, 0, NULL, 0, &n, err);
    }
    svg d;
    fpl__text t = {buf, capacity, 0};
    for (int i = 0; st == FPL_OK && i < 2; ++i) {
        pass(&d, i, &t);
        forecast_picture(&d, funnel, forecast);
    }
    return end(&t, st, length_out, err);
}

fpl_status fpl_whatif_svg(const fpl_funnel *funnel, const fpl_whatif_input *input,
                          const fpl_whatif *whatif, char *buf, size_t capacity,
                          size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = buffer_check(buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_whatif_json(funnel, input, whatif, NULL, 0, NULL, 0, NULL, 0, &n, err);
    }
    svg d;
    fpl__text t = {buf, capacity, 0};
    for (int i = 0; st == FPL_OK && i < 2; ++i) {
        pass(&d, i, &t);
        whatif_picture(&d, funnel, input, whatif);
    }
    return end(&t, st, length_out, err);
}

fpl_status fpl_schedule_svg(const fpl_funnel *funnel, const fpl_schedule *schedule, char *buf,
                            size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = buffer_check(buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_schedule_json(funnel, schedule, NULL, 0, &n, err);
    }
    if (st == FPL_OK && schedule->n_rows == 0) {
        st = fpl__fail(err, FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    }
    svg d;
    fpl__text t = {buf, capacity, 0};
    for (int i = 0; st == FPL_OK && i < 2; ++i) {
        pass(&d, i, &t);
        schedule_picture(&d, funnel, schedule);
    }
    return end(&t, st, length_out, err);
}

fpl_status fpl_channels_svg(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_channels_input *input, const fpl_channels *channels,
                            char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = buffer_check(buf, capacity, length_out, err);
    if (st == FPL_OK) {
        st = fpl_funnel_check(funnel, err);
    }
    if (st == FPL_OK) {
        st = fpl_channels_json(terms, input, channels, NULL, 0, &n, err);
    }
    svg d;
    fpl__text t = {buf, capacity, 0};
    for (int i = 0; st == FPL_OK && i < 2; ++i) {
        pass(&d, i, &t);
        channels_picture(&d, funnel, terms, input, channels);
    }
    return end(&t, st, length_out, err);
}

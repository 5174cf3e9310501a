/*
 * funnelplan — SVG: a plan, a forecast, a what-if, a schedule and lead
 * channels as pictures, written into the caller's buffer.
 * SPDX-License-Identifier: MIT
 *
 * Standalone SVG 1.1, 800 px wide and as tall as its content, no scripts,
 * links, images or external fonts. The only arithmetic is layout: a bar's
 * length is its value over the largest value drawn beside it, and a text's
 * width is estimated from its characters (there are no font metrics). The
 * height comes first in the document, so a picture is drawn twice: into
 * nothing to measure it, then into the buffer.
 */

#include "internal.h"

#include "../internal.h"

#include "funnelplan/format.h"
#include "funnelplan/svg.h"

#include <stdarg.h>
#include <string.h>

enum { PAGE_WIDTH = 800, MARGIN = 24, FUNNEL_BAR_HEIGHT = 24 };
enum { CHART_HEIGHT = 96, VALUE_ROOM = 14, AXIS_ROOM = 30 };
#define CONTENT_WIDTH ((double)(PAGE_WIDTH - 2 * MARGIN))
#define RIGHT_EDGE ((double)(PAGE_WIDTH - MARGIN))

#define INK "#1f2328"
#define MUTED "#57606a"
#define BAND "#e8edf3" /* joins a funnel's bars; shades the months before a start */
#define GRID "#c9d1d9"
#define BASELINE_COLOUR "#aab2bd"
#define SCENARIO_COLOUR "#4e79a7"
#define WON_COLOUR "#3d8b37"
#define BAD_COLOUR "#c62828" /* a channel that loses money */
#define LEADS_COLOUR "#4e79a7"
#define COST_COLOUR "#d9711c"
#define SEP " \u00B7 "

static const char *const stage_colours[] = {"#4e79a7", "#d9711c", "#2f8f89", "#8e6c8a",
                                            "#9c755f", "#c44e8a", "#5b6b7c", "#a8842a"};

typedef struct style {
    int size; /* px */
    bool bold;
    const char *fill;
} style;

static const style TITLE = {18, true, INK}, SUBTITLE = {13, false, MUTED};
static const style NAME = {14, true, INK}, NAME_BAD = {14, true, BAD_COLOUR};
static const style DETAIL = {12, false, MUTED}, NOTE = {13, false, INK};
static const style LABEL = {13, true, INK}, LABEL_IN = {13, true, "#ffffff"};
static const style SMALL_LABEL = {12, false, INK}, VALUE = {10, false, INK};
static const style AXIS = {10, false, MUTED}, FOOTNOTE = {11, false, MUTED};

typedef enum anchor { START, MIDDLE, END } anchor;

/* The longest line composed: every channel losing money, with its name and
 * two numbers at their longest (a what-if's changes and a schedule's lags
 * are shorter). */
#define LINE_BYTES (64 + FPL_MAX_CHANNELS * (FPL_NAME_MAX + 2 * FPL_NUMBER_MAX + 48))

/* A picture being drawn, from the top down. */
typedef struct svg {
    fpl__text *out;  /* the document: nothing while measuring, then the buffer */
    fpl__text none;
    int height;      /* the page's, once measured (0 while measuring) */
    double y;        /* the top of the free space below what is drawn */
    fpl__text title; /* the headline, in <title> and as the first line */
    fpl__text line;  /* a text being composed */
    char title_buf[8 * FPL_NUMBER_MAX];
    char line_buf[LINE_BYTES];
} svg;

/* What is drawn: the arguments of one of the public functions. */
typedef struct picture {
    void (*draw)(svg *d, const struct picture *p);
    const fpl_funnel *funnel;
    const fpl_plan *plan;
    const fpl_odds_plan *confidence;
    const fpl_forecast *forecast;
    const fpl_whatif_input *whatif_input;
    const fpl_whatif *whatif;
    const fpl_schedule *schedule;
    const fpl_terms *terms;
    const fpl_channels_input *channels_input;
    const fpl_channels *channels;
} picture;

/* ---- text ----------------------------------------------------------------- */

/* n bytes of UTF-8 as XML character data or an attribute value; U+FFFE and
 * U+FFFF, not XML characters, become U+FFFD. */
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
 * a string XML-escaped, %d an int (every small count drawn), %n a count
 * (uint64_t, grouped), %m a month, %o a double with one decimal, %b three
 * doubles (per month, quarter and year), and a double in a style of
 * fpl_format_number(): %x a coordinate, %a an amount, %f two decimals, %t
 * trimmed, %+ signed, %w whole, %p a percentage. %? takes a bool: when it
 * is false, what follows up to %; is left out (its arguments still read). */
/* clang-analyzer reads a va_list handed on by a caller that va_start()ed
 * it as uninitialised (a false positive of valist.Uninitialized). */
// NOLINTBEGIN(clang-analyzer-valist.Uninitialized)
static void vsay(fpl__text *t, const char *f, va_list ap)
{
    static const char styled[] = "xaft+wp";
    static const fpl_number_style styles[] = {FPL_NUMBER_COORDINATE, FPL_NUMBER_AMOUNT,
                                              FPL_NUMBER_FIXED2,     FPL_NUMBER_TRIMMED,
                                              FPL_NUMBER_SIGNED,     FPL_NUMBER_WHOLE,
                                              FPL_NUMBER_PERCENT};
    fpl__text none = {.buf = NULL};
    fpl__text *to = t;
    for (const char *pct; (pct = strchr(f, '%')) != NULL; f = pct + 2) {
        fpl__text_put(to, f, (size_t)(pct - f));
        const char c = pct[1];
        char num[FPL_NUMBER_MAX];
        const char *s = num;
        size_t n = 0;
        if (c != '\0' && strchr(styled, c) != NULL) {
            n = fpl_format_number(va_arg(ap, double), styles[strchr(styled, c) - styled], num,
                                  sizeof num);
        } else if (c == 's' || c == 'e') {
            s = va_arg(ap, const char *);
            n = strlen(s);
        } else if (c == 'o') {
            n = fpl_format_fixed(va_arg(ap, double), 1, false, num, sizeof num);
        } else if (c == 'd') {
            n = fpl_format_fixed((double)va_arg(ap, int), 0, false, num, sizeof num);
        } else if (c == 'n') {
            n = fpl_format_count(va_arg(ap, uint64_t), num, sizeof num);
        } else if (c == 'm') {
            n = fpl_month_format(va_arg(ap, fpl_month), num, sizeof num);
        } else if (c == 'b') {
            const double *v = va_arg(ap, const double *);
            for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
                const char *per = fpl_period_name((fpl_period)q);
                n = fpl_format_number(v[q], FPL_NUMBER_AMOUNT, num, sizeof num);
                fpl__text_put(to, ", ", q > 0 ? 2 : 0);
                fpl__text_put(to, num, n < sizeof num ? n : sizeof num - 1);
                fpl__text_put(to, " per ", 5);
                fpl__text_put(to, per, strlen(per));
            }
            n = 0;
        } else if (c == '?') {
            to = va_arg(ap, int) ? t : &none;
        } else if (c == ';') {
            to = t;
        }
        n = s == num && n >= sizeof num ? sizeof num - 1 : n;
        if (c == 'e') {
            escape(to, s, n);
        } else {
            fpl__text_put(to, s, n);
        }
    }
    fpl__text_put(to, f, strlen(f));
}
// NOLINTEND(clang-analyzer-valist.Uninitialized)

static void say(fpl__text *t, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsay(t, f, ap);
    va_end(ap);
}

/* f as say() writes it, into out: FPL_NUMBER_MAX bytes (a number, a year, a
 * numbered name). */
// NOLINTNEXTLINE(readability-non-const-parameter): out is written through t
static const char *fmt(char *out, const char *f, ...)
{
    fpl__text t = {.buf = out, .capacity = FPL_NUMBER_MAX};
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
    say(d->out,
        "<line x1=\"%x\" y1=\"%x\" x2=\"%x\" y2=\"%x\" stroke=\"%s\" stroke-width=\"1\"/>\n", x0,
        y, x1, y, stroke);
}

/* The end of the first line of s when it is broken at spaces into lines of
 * at most width px (estimated); a word longer than a line stays whole. */
static const char *wrap(const char *s, double width, style st)
{
    const char *end = NULL;
    for (const char *q = s;; q = end + 1) {
        const char *space = strchr(q, ' ');
        const char *word_end = space != NULL ? space : q + strlen(q);
        if (end != NULL && text_width(s, (size_t)(word_end - s), st) > width) {
            return end;
        }
        end = word_end;
        if (space == NULL) {
            return end;
        }
    }
}

/* Writes s from d->y down in lines of the content's width, broken at spaces
 * (or, when draw is false, only counts them); returns the lines. */
static size_t lines(svg *d, bool draw, style st, double line_height, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0'; ++n) {
        const char *end = wrap(p, CONTENT_WIDTH, st);
        if (draw) {
            text_n(d, MARGIN, d->y + line_height * 0.75, START, st, p, (size_t)(end - p));
            d->y += line_height;
        }
        for (p = end; *p == ' '; ++p) {
        }
    }
    return n;
}

static void vpara(svg *d, style st, double line_height, const char *f, va_list ap)
{
    if (f != NULL) {
        vsay(line(d), f, ap);
    }
    (void)lines(d, true, st, line_height, text_of(&d->line));
}

/* Composes f into the line (f NULL: the line as composed) and writes it. */
static void para(svg *d, style st, double line_height, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vpara(d, st, line_height, f, ap);
    va_end(ap);
}

/* A note below a picture, when show. */
static void note(svg *d, bool show, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    if (show) {
        vpara(d, NOTE, 19.0, f, ap);
    }
    va_end(ap);
}

static void footnote(svg *d, bool break_even)
{
    d->y += 6.0;
    if (break_even) {
        para(d, FOOTNOTE, 15.0, "break-even: the highest cost per lead that still pays back "
                                "(deal size \u00D7 rate to won \u00D7 margin).");
    }
    fpl__text_put(line(d), fpl__rounded_note, strlen(fpl__rounded_note) - 1); /* no newline */
    para(d, FOOTNOTE, 15.0, NULL);
}

/* The document's head, then the title's line(s). */
static void headline(svg *d)
{
    const char *title = text_of(&d->title);
    say(d->out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
        "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n<title>%e</title>\n"
        "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
        PAGE_WIDTH, d->height, PAGE_WIDTH, d->height, title, PAGE_WIDTH, d->height);
    d->y += 4.0;
    (void)lines(d, true, TITLE, 25.0, title);
}

/* ---- pieces the pictures share -------------------------------------------- */

/* The height of a row's header: the name on the left and the detail (the
 * line) on the right, or the detail on lines of its own below when both do
 * not fit. */
static double header_height(svg *d, const char *name)
{
    const char *detail = text_of(&d->line);
    const double room = CONTENT_WIDTH - width_of(name, NAME) - 16.0;
    if (detail[0] == '\0' || width_of(detail, DETAIL) <= room) {
        return 20.0;
    }
    return 20.0 + 16.0 * (double)lines(d, false, DETAIL, 16.0, detail);
}

static void header(svg *d, const char *name, style name_style)
{
    const double height = header_height(d, name);
    text(d, MARGIN, d->y + 15.0, START, name_style, name);
    if (height <= 20.0 && d->line.len > 0) {
        text(d, RIGHT_EDGE, d->y + 15.0, END, DETAIL, text_of(&d->line));
    }
    d->y += 20.0;
    if (height > 20.0) {
        para(d, DETAIL, 16.0, NULL);
    }
}

/* A bar's length for value, when top is drawn max long; any positive value
 * gets at least a sliver; 0 when there is no bar. */
static double bar_length(double value, double top, double max)
{
    if (!(top > 0.0) || !(value > 0.0)) {
        return 0.0;
    }
    const double w = max * (value / top) > max ? max : max * (value / top);
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

/* Bars under one another, left-aligned, each labelled to its right. */
typedef struct side_bars {
    double height, label_room, baseline;
} side_bars;

static const side_bars PAIR = {14.0, 220.0, 11.5}, CHANNEL = {12.0, 260.0, 10.5};

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

/* ---- funnels: plan and forecast ------------------------------------------- */

/* The last bar of a funnel, for the band that joins it to the next. */
typedef struct funnel_bar {
    bool drawn;
    double x0, x1, bottom;
} funnel_bar;

/* One stage of a funnel: its header (the detail is the line), then its bar
 * centred on the page, the label inside the bar when it fits, else to its
 * right; a band joins it to the bar above. */
static void funnel_row(svg *d, funnel_bar *prev, const char *name, double value, double top,
                       const char *label, const char *colour)
{
    const double w = bar_length(value, top, CONTENT_WIDTH);
    const double cx = PAGE_WIDTH / 2.0;
    const double bar_top = d->y + header_height(d, name);
    if (prev->drawn && w > 0.0) {
        say(d->out, "<polygon points=\"%o,%o %o,%o %o,%o %o,%o\" fill=\"%s\"/>\n", prev->x0,
            prev->bottom, prev->x1, prev->bottom, cx + w / 2.0, bar_top, cx - w / 2.0, bar_top,
            BAND);
    }
    header(d, name, NAME);
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

/* A funnel row mentions its figure in the other period: a month, or a year
 * for monthly figures. */
static fpl_period other_period(fpl_period per)
{
    return per == FPL_PERIOD_MONTH ? FPL_PERIOD_YEAR : FPL_PERIOD_MONTH;
}

static void plan_picture(svg *d, const picture *pic)
{
    static const fpl_odds_plan no_confidence;
    const fpl_plan *p = pic->plan;
    const bool has_conf = pic->confidence != NULL;
    const fpl_odds_plan *conf = has_conf ? pic->confidence : &no_confidence;
    const char *per = fpl_period_name(p->per);
    const fpl_period other = other_period(p->per);
    char num[FPL_NUMBER_MAX], whole[FPL_NUMBER_MAX], level[FPL_NUMBER_MAX];
    fmt(level, "%p", conf->confidence);
    fmt(whole, "%n", p->deals_whole);
    fmt(num, "%a", p->deals);
    say(&d->title, "Plan per %s: %?revenue %a \u00F7 deal size %a = %;%s deals%? (%s whole)%;",
        per, p->has_revenue, p->revenue, p->deal_size, num, strcmp(num, whole) != 0, whole);
    say(&d->title, "%? at a deal size of %a%;", !p->has_revenue && p->has_deal_size, p->deal_size);
    headline(d);
    para(d, SUBTITLE, 18.0, "Whole units entering each stage per %s (rounded up from the bottom); "
                            "bars to scale.", per);
    d->y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        say(line(d), "rate %p" SEP "cumulative %p" SEP "%a per %s%?" SEP "cost each %f%;%?" SEP
                     "for %s: %w%;", s->rate, s->cumulative_rate, p->by_period[other].required[k],
            fpl_period_name(other), p->has_cost, s->cost_per, has_conf, level, conf->required[k]);
        funnel_row(d, &prev, pic->funnel->stages[k].name, s->required, p->stages[0].required,
                   fmt(num, "%n", s->required_whole), stage_colours[k % 8]);
    }
    say(line(d), "deals" SEP "%a per %s%?" SEP "cost per deal %f%;%?" SEP "for %s: %w%;",
        p->by_period[other].deals, fpl_period_name(other), p->has_cost, p->cost_per_deal,
        has_conf, level, conf->deals_whole);
    funnel_row(d, &prev, fpl__won_label, p->deals, p->stages[0].required, whole, WON_COLOUR);

    d->y += 8.0;
    const double budget[] = {p->by_period[0].budget, p->by_period[1].budget,
                             p->by_period[2].budget};
    note(d, p->has_cost, "Budget at a cost per lead of %a: %b; cost per deal %a.",
         p->cost_per_lead, budget, p->cost_per_deal);
    note(d, p->has_revenue && p->margin < 1.0, "Gross profit at a margin of %p: %a per %s.",
         p->margin, p->gross_profit, per);
    note(d, has_conf, "for %s: the least whole units entering each stage that give a %s chance "
                      "of %n whole deals.", level, level, p->deals_whole);
    footnote(d, false);
}

static void forecast_picture(svg *d, const picture *pic)
{
    const fpl_funnel *f = pic->funnel;
    const fpl_forecast *r = pic->forecast;
    const char *per = fpl_period_name(r->per);
    const fpl_period other = other_period(r->per);
    char num[FPL_NUMBER_MAX];
    say(&d->title, "Forecast per %s: %a enter %s \u2192 %a deals%? \u00D7 deal size %a = revenue "
                   "%a%;", per, r->volume, f->stages[r->at].name, r->deals, r->has_revenue,
        r->deal_size, r->revenue);
    headline(d);
    para(d, SUBTITLE, 18.0, "Units expected at each stage per %s; the bars are to scale.", per);
    d->y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    for (size_t k = r->at; k < r->n_stages; ++k) {
        say(line(d), "rate %p" SEP "%a per %s", f->stages[k].rate, r->by_period[other].expected[k],
            fpl_period_name(other));
        funnel_row(d, &prev, f->stages[k].name, r->expected[k], r->expected[r->at],
                   fmt(num, "%a", r->expected[k]), stage_colours[k % 8]);
    }
    say(line(d), "deals" SEP "%a per %s%?" SEP "revenue %a%;", r->by_period[other].deals,
        fpl_period_name(other), r->has_revenue, r->revenue);
    funnel_row(d, &prev, fpl__won_label, r->deals, r->expected[r->at], fmt(num, "%a", r->deals),
               WON_COLOUR);

    d->y += 8.0;
    const double revenue[] = {r->by_period[0].revenue, r->by_period[1].revenue,
                              r->by_period[2].revenue};
    const double budget[] = {r->by_period[0].budget, r->by_period[1].budget,
                             r->by_period[2].budget};
    note(d, r->has_revenue, "Revenue: %b.", revenue);
    note(d, r->has_cost, "Budget at a cost per lead of %a: %b; cost per deal %a.",
         r->cost_per_lead, budget, r->cost_per_deal);
    note(d, r->has_revenue && r->margin < 1.0, "Gross profit at a margin of %p: %a per %s.",
         r->margin, r->gross_profit, per);
    /* The sign of the gap only chooses the words. */
    const bool gap = r->gap_deals > 0.0 || r->gap_deals < 0.0;
    const bool short_of = r->gap_deals > 0.0;
    note(d, r->target != FPL_TARGET_NONE, "Target per %s: %?revenue %a = %;%a deals; attainment "
                                          "%p.%? %s by %a deals%;%?, revenue %a%;%s", per,
         r->has_target_revenue, r->target_revenue, r->target_deals, r->attainment, gap,
         short_of ? "Short" : "Ahead", short_of ? r->gap_deals : -r->gap_deals,
         gap && r->has_gap_revenue, short_of ? r->gap_revenue : -r->gap_revenue,
         gap ? "." : " The forecast meets the target exactly.");
    footnote(d, false);
}

/* ---- what-if: the baseline against the scenario --------------------------- */

/* A row's figure: the units at stage k (k < n) or the deals, of the
 * baseline or of the scenario. */
static double figure(const fpl_whatif *r, bool scenario, size_t k, size_t n)
{
    if (r->volume_held) {
        const fpl_forecast *x = scenario ? &r->scenario_forecast : &r->baseline_forecast;
        return k < n ? x->expected[k] : x->deals;
    }
    const fpl_plan *x = scenario ? &r->scenario_plan : &r->baseline_plan;
    return k < n ? x->stages[k].required : x->deals;
}

static void whatif_picture(svg *d, const picture *pic)
{
    const fpl_funnel *f = pic->funnel;
    const fpl_whatif_input *in = pic->whatif_input;
    const fpl_whatif *r = pic->whatif;
    const fpl_terms *terms = &r->scenario_terms; /* its target is the question's */
    const char *per = fpl_period_name(r->per);
    const char *plural = r->horizon == 1 ? "" : "s";
    const bool held = r->volume_held;
    const size_t first = held ? r->baseline_forecast.at : 0;
    const size_t n = f->n_stages;
    char num[FPL_NUMBER_MAX], to[FPL_NUMBER_MAX];
    if (held) {
        say(&d->title, "What-if per %s, volume held: %a enter %s each %s", per,
            r->baseline_forecast.volume, f->stages[first].name, per);
    } else if (terms->target == FPL_TARGET_REVENUE) {
        say(&d->title, "What-if per %s, target held: revenue %a each %s", per, terms->revenue, per);
    } else {
        say(&d->title, "What-if per %s, target held: %a deals each %s", per, terms->deals, per);
    }
    headline(d);
    fpl__text *b = line(d);
    say(b, "Changes: %?none%;", in->n_changes == 0);
    for (size_t i = 0; i < in->n_changes; ++i) {
        const fpl_change *c = &in->changes[i];
        const double magnitude = c->value < 0.0 ? -c->value : c->value;
        say(b, "%s%s %s", i > 0 ? ", " : "", fpl_lever_name(f, c->lever, c->stage),
            c->kind == FPL_CHANGE_SET ? "" : c->value < 0.0 ? "-" : "+");
        if (c->kind == FPL_CHANGE_POINTS) { /* "+3pp": the percentage's '%' becomes "pp" */
            num[fpl_format_number(magnitude, FPL_NUMBER_PERCENT, num, sizeof num) - 1] = '\0';
            say(b, "%spp", num);
        } else {
            say(b, c->kind == FPL_CHANGE_SET && c->lever != FPL_LEVER_STAGE ? "%t" : "%p",
                c->kind == FPL_CHANGE_SET ? c->value : magnitude);
        }
        say(b, " (%s)", fpl_change_kind_name(c->kind));
    }
    say(b, ". Units %s each stage per %s, the baseline above the scenario.",
        held ? "expected at" : "that must enter", per);
    para(d, SUBTITLE, 18.0, NULL);
    d->y += 4.0;
    legend_item(d, legend_item(d, MARGIN, BASELINE_COLOUR, "baseline"), SCENARIO_COLOUR,
                "scenario");
    d->y += 26.0;

    double top = 0.0;
    for (size_t k = first; k <= n; ++k) {
        top = larger(top, larger(figure(r, false, k, n), figure(r, true, k, n)));
    }
    /* Each stage's row, then the deals': the baseline's bar, then the
     * scenario's with the library's delta (the volume's at the first row). */
    for (size_t k = first; k <= n; ++k) {
        if (k < n) {
            fmt(num, "%p", f->stages[k].rate);
            fmt(to, "%p", r->scenario_funnel.stages[k].rate);
            say(line(d), "rate %s%? \u2192 %s%;", num, strcmp(num, to) != 0, to);
        } else {
            say(line(d), "deals");
        }
        header(d, k < n ? f->stages[k].name : fpl__won_label, NAME);
        d->y += 2.0;
        side_bar(d, PAIR, figure(r, false, k, n), top, BASELINE_COLOUR,
                 fmt(num, "%t", figure(r, false, k, n)));
        side_bar(d, PAIR, figure(r, true, k, n), top, SCENARIO_COLOUR,
                 fmt(num, "%t%? (%+)%;", figure(r, true, k, n), k == first || k == n,
                     k == n ? r->deals : r->volume));
        d->y += 8.0;
    }

    d->y += 4.0;
    const fpl_forecast *bf = &r->baseline_forecast, *sf = &r->scenario_forecast;
    const fpl_plan *bp = &r->baseline_plan, *sp = &r->scenario_plan;
    const bool both = held ? bf->has_revenue && sf->has_revenue
                           : bp->has_revenue && sp->has_revenue;
    note(d, r->has_revenue, "Revenue per %s: %?%t \u2192 %t (%+)%;%?%+%;.", per, both,
         held ? bf->revenue : bp->revenue, held ? sf->revenue : sp->revenue, r->revenue, !both,
         r->revenue);
    note(d, r->has_cost, "Acquisition cost per %s: %t \u2192 %t (%+).", per,
         held ? bf->budget : bp->budget, held ? sf->budget : sp->budget, r->cost);
    const bool explain = r->margin < 1.0 || r->has_cost;
    note(d, true, "Gain per %s %+; over %d %s%s %+.%? Gain = revenue gained%;%? \u00D7 margin "
                  "%p%;%s", per, r->gain, (int)r->horizon, per, plural, r->gain_horizon, explain,
         r->margin < 1.0, r->margin,
         !explain ? "" : r->has_cost ? " \u2212 acquisition cost added." : ".");
    note(d, r->has_invest, "Investment %a: ROI %p over %d %s%s; %?payback in %t %ss.%;%?no "
                           "payback: the gain per %s is not positive.%;", r->invest, r->roi,
         (int)r->horizon, per, plural, r->has_payback, r->payback_periods, per,
         !r->has_payback, per);
    footnote(d, false);
}

/* ---- schedule: the months as bars ----------------------------------------- */

/* One series of the schedule, the units entering a stage (or, stage ==
 * n_stages, the deals): the header (its total and its peak), the months as
 * bars over the same axis, the months before the start shaded and their
 * bars paler, values above the bars where they fit. */
static void month_panel(svg *d, const fpl_schedule *s, const char *name, size_t stage,
                        double total, const char *colour)
{
    static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const double slot = CONTENT_WIDTH / (double)s->n_rows;
    double v[FPL_SCHEDULE_MAX_ROWS];
    double peak = 0.0;
    size_t peak_row = 0;
    for (size_t r = 0; r < s->n_rows; ++r) {
        v[r] = stage < s->n_stages ? s->rows[r].entering[stage] : s->rows[r].deals;
        if (v[r] > peak) {
            peak = v[r];
            peak_row = r;
        }
    }
    say(line(d), "total %a%?" SEP "peak %a in %m%;", total, peak > 0.0, peak,
        s->rows[peak_row].month);
    header(d, name, NAME);

    const double top = d->y;
    const double base = top + VALUE_ROOM + CHART_HEIGHT;
    const double shaded = slot * (double)s->lead_months;
    if (s->lead_months > 0) {
        rect(d, MARGIN, top, shaded, base - top, BAND, "");
        if (stage == 0 && width_of("before the start", AXIS) + 6.0 <= shaded) {
            text(d, MARGIN + shaded / 2.0, top + 10.0, MIDDLE, AXIS, "before the start");
        }
    }
    hline(d, MARGIN, RIGHT_EDGE, base + 0.5, GRID);
    char num[FPL_NUMBER_MAX];
    for (size_t r = 0; r < s->n_rows; ++r) {
        const double h = bar_length(v[r], peak, CHART_HEIGHT);
        const double x = MARGIN + slot * (double)r;
        if (h > 0.0) {
            rect(d, x + slot * 0.15, base - h, slot * 0.7, h, colour,
                 s->rows[r].in_span ? "" : " fill-opacity=\"0.45\"");
        }
        if (width_of(fmt(num, "%a", v[r]), VALUE) <= slot - 2.0) {
            text(d, x + slot / 2.0, base - h - 3.0, MIDDLE, VALUE, num);
        }
    }
    /* The months: each one's name when they fit, else the Januaries. */
    for (size_t r = 0; r < s->n_rows; ++r) {
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

static void schedule_picture(svg *d, const picture *pic)
{
    const fpl_funnel *f = pic->funnel;
    const fpl_schedule *s = pic->schedule;
    const size_t n = s->n_stages;
    const char *lead_plural = s->lead_months == 1 ? "" : "s";
    char num[FPL_NUMBER_MAX], whole[FPL_NUMBER_MAX];
    say(&d->title, "Schedule for %d month%s from %m: %a deals%?, revenue %a%;, %s", (int)s->months,
        s->months == 1 ? "" : "s", s->start, s->deals, s->has_revenue, s->revenue,
        s->has_monthly   ? "a target per month as given"
        : s->has_weights ? "spread by the seasonality given" : "the same every month");
    headline(d);
    para(d, SUBTITLE, 18.0, "Units that must enter each stage in each month, and the deals "
                            "closing.%? Shaded: the %d month%s before %m in which the funnel "
                            "must already run.%;", s->lead_months > 0, (int)s->lead_months,
         lead_plural, s->start);
    fpl__text *b = line(d);
    say(b, "Lags (months):");
    for (size_t i = 0; i < n; ++i) {
        say(b, "%s %s %a", i > 0 ? "," : "", f->stages[i].name, s->lag_months[i]);
    }
    say(b, "; from %s to a closed deal %a months.", f->stages[0].name, s->total_lag);
    para(d, SUBTITLE, 18.0, NULL);
    d->y += 10.0;

    for (size_t i = 0; i < n; ++i) {
        month_panel(d, s, f->stages[i].name, i, s->totals[i], stage_colours[i % 8]);
    }
    month_panel(d, s, "deals", n, s->deals, WON_COLOUR);

    note(d, s->has_revenue, "Revenue over the span %a at a deal size of %a.", s->revenue,
         s->deal_size);
    note(d, s->lead_months > 0, "Lead time: the funnel must start %d month%s before %m, in %m.",
         (int)s->lead_months, lead_plural, s->start, s->rows[0].month);
    note(d, s->has_velocity, "Sales velocity: %a entering %s a month \u00D7 %p won \u00D7 deal "
                             "size %a / a cycle of %a days = %a per day.",
         s->velocity_opportunities, f->stages[n - 1].name, f->stages[n - 1].rate, s->deal_size,
         s->velocity_cycle_days, s->velocity);
    note(d, s->has_reps, "Per rep: %a reps share the work (--format table or json gives the "
                         "figures per rep).", s->reps);
    fmt(num, "%a", s->reps_needed);
    fmt(whole, "%a", s->reps_needed_whole);
    note(d, s->has_reps_needed, "Reps needed at a quota of %a per %s with %p attainment: %s%?, "
                                "%s whole reps%;.", s->quota, fpl_period_name(s->per),
         s->attainment, num, strcmp(num, whole) != 0, whole);
    footnote(d, false);
}

/* ---- channels: leads, deals and cost of each ------------------------------ */

static void channels_picture(svg *d, const picture *pic)
{
    const fpl_funnel *fn = pic->funnel;
    const fpl_channels_input *in = pic->channels_input;
    const fpl_channels *r = pic->channels;
    const char *per = fpl_period_name(r->per);
    char name[FPL_NUMBER_MAX];
    const char *how = r->by_shares ? "leads split by fixed shares" : "the cheapest allocation";
    if (r->target == FPL_TARGET_NONE) {
        say(&d->title, "Lead channels per %s: the profitability of the leads each brings", per);
    } else if (r->target == FPL_TARGET_REVENUE) {
        say(&d->title, "Lead channels per %s: %s for revenue %a", per, how, pic->terms->revenue);
    } else {
        say(&d->title, "Lead channels per %s: %s for %a deals", per, how, pic->terms->deals);
    }
    headline(d);
    fpl__text *b = line(d);
    say(b, "Funnel: ");
    for (size_t k = 0; k < fn->n_stages; ++k) {
        say(b, "%s%s %p", k > 0 ? " > " : "", fn->stages[k].name, fn->stages[k].rate);
    }
    say(b, "; margin %p. Ranked by ROI; figures per %s.", r->margin, per);
    para(d, SUBTITLE, 18.0, NULL);
    d->y += 4.0;
    double x = legend_item(d, MARGIN, LEADS_COLOUR, "leads");
    x = legend_item(d, legend_item(d, x, WON_COLOUR, "deals"), COST_COLOUR, "cost");
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
        const fpl_channel_figures *c = &r->channels[r->ranking[k]];
        const bool losing = c->has_revenue && c->loses_money;
        const bool revenue = c->has_revenue;
        say(line(d), "%?loses money" SEP "%;%?full" SEP "%;%?ROI %p" SEP "%;%?ROI free" SEP "%;"
                     "cost/lead %a" SEP "cost/deal %a%?" SEP "break-even %a%;", losing,
            c->at_capacity, revenue && c->has_roi, c->roi, revenue && !c->has_roi,
            c->cost_per_lead, c->cost_per_deal, revenue, c->break_even_cost_per_lead);
        const double row_top = d->y;
        header(d, fmt(name, "%d. %s", (int)(k + 1), in->channels[r->ranking[k]].name),
               losing ? NAME_BAD : NAME);
        side_bar(d, CHANNEL, c->leads, top[0], LEADS_COLOUR, fmt(name, "%a leads", c->leads));
        side_bar(d, CHANNEL, c->deals, top[1], WON_COLOUR,
                 fmt(name, "%a deals%?" SEP "revenue %a%;", c->deals, revenue, c->revenue));
        side_bar(d, CHANNEL, c->cost, top[2], COST_COLOUR,
                 fmt(name, "cost %a%?" SEP "gross profit %a%;", c->cost, revenue,
                     c->gross_profit));
        if (losing) {
            rect(d, MARGIN - 14.0, row_top + 3.0, 4.0, d->y - row_top - 3.0, BAD_COLOUR, "");
        }
        d->y += 10.0;
    }

    note(d, true, "Total per %s: %a leads, %a deals, cost %a%?, revenue %a, gross profit %a%;; "
                  "cost per lead %a, cost per deal %a%?; ROI %p%;%?; ROI free%;.", per, r->leads,
         r->deals, r->cost, r->has_revenue, r->revenue, r->gross_profit, r->cost_per_lead,
         r->cost_per_deal, r->has_revenue && r->has_roi, r->roi, r->has_revenue && !r->has_roi);
    note(d, r->has_marginal, "The last deal costs %a (%s).", r->marginal_cost_per_deal,
         r->marginal_channel < r->n_channels ? in->channels[r->marginal_channel].name
                                             : "every channel in its share");
    b = line(d);
    say(b, "Losing money at any volume:");
    for (size_t k = 0, shown = 0; k < r->n_channels; ++k) {
        const fpl_channel_figures *c = &r->channels[r->ranking[k]];
        if (c->has_revenue && c->loses_money) {
            say(b, "%s %s (pays %a a lead, breaks even at %a)", shown++ > 0 ? ";" : "",
                in->channels[r->ranking[k]].name, c->cost_per_lead, c->break_even_cost_per_lead);
        }
    }
    say(b, ".");
    note(d, r->n_losing > 0, NULL);
    note(d, r->has_most, "At most %a deals%? (revenue %a)%; from %a leads per %s %s.",
         r->most_deals, r->has_most_revenue, r->most_revenue, r->most_leads, per,
         r->by_shares ? "at these shares" : "with every channel full");
    footnote(d, r->has_revenue);
}

/* ---- entry points --------------------------------------------------------- */

/* Draws pic into the buffer after its checks: the buffer's, then those of
 * the JSON writer of the same result (st), so a picture refuses what its
 * JSON refuses and a result the library computed always draws. */
// NOLINTNEXTLINE(readability-non-const-parameter): buf is written through t
static fpl_status draw(const picture *pic, fpl_status st, char *buf, size_t capacity,
                       size_t *length_out, fpl_error *err)
{
    if (length_out == NULL || (buf == NULL && capacity > 0)) {
        st = FPL_ERR_NULL;
    }
    svg d;
    fpl__text t = {.buf = buf, .capacity = capacity};
    for (int pass = 0; pass < 2 && st == FPL_OK; ++pass) {
        d.height = pass == 0 ? 0 : (int)(d.y + 16.0);
        d.none = (fpl__text){.buf = NULL};
        d.out = pass == 0 ? &d.none : &t;
        d.y = 8.0;
        d.title = (fpl__text){.buf = d.title_buf, .capacity = sizeof d.title_buf};
        d.line = (fpl__text){.buf = d.line_buf, .capacity = sizeof d.line_buf};
        pic->draw(&d, pic);
    }
    if (st == FPL_OK) {
        say(&t, "</svg>\n");
        fpl__text_end(&t);
        *length_out = t.len;
    }
    return fpl__done(err, st);
}

fpl_status fpl_plan_svg(const fpl_funnel *funnel, const fpl_plan *plan,
                        const fpl_odds_plan *confidence, char *buf, size_t capacity,
                        size_t *length_out, fpl_error *err)
{
    size_t n;
    const picture pic = {plan_picture, funnel, .plan = plan, .confidence = confidence};
    return draw(&pic, fpl_plan_json(funnel, plan, confidence, NULL, 0, NULL, 0, &n, err), buf,
                capacity, length_out, err);
}

fpl_status fpl_forecast_svg(const fpl_funnel *funnel, const fpl_forecast *forecast, char *buf,
                            size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    const picture pic = {forecast_picture, funnel, .forecast = forecast};
    return draw(&pic, fpl_forecast_json(funnel, forecast, NULL, 0, NULL, 0, &n, err), buf,
                capacity, length_out, err);
}

fpl_status fpl_whatif_svg(const fpl_funnel *funnel, const fpl_whatif_input *input,
                          const fpl_whatif *whatif, char *buf, size_t capacity,
                          size_t *length_out, fpl_error *err)
{
    size_t n;
    const picture pic = {whatif_picture, funnel, .whatif_input = input, .whatif = whatif};
    return draw(&pic, fpl_whatif_json(funnel, input, whatif, NULL, 0, NULL, 0, NULL, 0, &n, err),
                buf, capacity, length_out, err);
}

fpl_status fpl_schedule_svg(const fpl_funnel *funnel, const fpl_schedule *schedule, char *buf,
                            size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = fpl_schedule_json(funnel, schedule, NULL, 0, &n, err);
    if (st == FPL_OK && schedule->n_rows == 0) {
        st = fpl__fail(err, FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    }
    const picture pic = {schedule_picture, funnel, .schedule = schedule};
    return draw(&pic, st, buf, capacity, length_out, err);
}

fpl_status fpl_channels_svg(const fpl_funnel *funnel, const fpl_terms *terms,
                            const fpl_channels_input *input, const fpl_channels *channels,
                            char *buf, size_t capacity, size_t *length_out, fpl_error *err)
{
    size_t n;
    fpl_status st = fpl_funnel_check(funnel, err);
    st = st != FPL_OK ? st : fpl_channels_json(terms, input, channels, NULL, 0, &n, err);
    const picture pic = {channels_picture, funnel, .terms = terms, .channels_input = input,
                         .channels = channels};
    return draw(&pic, st, buf, capacity, length_out, err);
}

/*
 * funnelplan CLI — `--format svg`: a plan, a forecast, a what-if, a
 * schedule and lead channels as pictures.
 * SPDX-License-Identifier: MIT
 *
 * Each picture is a standalone SVG 1.1 document, 800 px wide and as tall as
 * its content: no scripts, links, images or external fonts (the generic
 * family sans-serif), so it renders the same offline, in a browser or in a
 * page that embeds it. Every stage and channel name is XML-escaped; names
 * are UTF-8 without control characters (the library checks them) and stay
 * UTF-8, except U+FFFE and U+FFFF, which XML does not allow and which are
 * drawn as U+FFFD.
 *
 * No formula lives here: every figure drawn is the library's, formatted by
 * the helpers the tables use (cli_fmt_count, cli_fmt_amount, cli_fmt_percent,
 * cli_fmt_trimmed, ...). The only arithmetic is layout: a bar's length is its
 * value over the largest value drawn beside it, and the width of a text is
 * estimated from its characters (there are no font metrics), to keep texts
 * apart and to wrap long lines.
 */

#include "svg.h"

#include <stdio.h>
#include <string.h>

/* ---- the page ------------------------------------------------------------ */

enum { PAGE_WIDTH = 800, MARGIN = 24 };
#define CONTENT_WIDTH ((double)(PAGE_WIDTH - 2 * MARGIN))
#define RIGHT_EDGE ((double)(PAGE_WIDTH - MARGIN))

/* Colours: ink, muted text, the band joining a funnel's bars, the grid. */
#define INK "#1f2328"
#define MUTED "#57606a"
#define BAND "#e8edf3"
#define GRID "#c9d1d9"
#define WHITE "#ffffff"
#define BASELINE_COLOUR "#aab2bd" /* what-if: the baseline */
#define SCENARIO_COLOUR "#4e79a7" /* what-if: the scenario */
#define WON_COLOUR "#3d8b37"      /* won deals */
#define BAD_COLOUR "#c62828"      /* a channel that loses money */
#define LEADS_COLOUR "#4e79a7"
#define COST_COLOUR "#d9711c"

/* One colour per stage (dark enough for white text on them), in turn. */
static const char *const stage_colours[] = {"#4e79a7", "#d9711c", "#2f8f89", "#8e6c8a",
                                            "#9c755f", "#c44e8a", "#5b6b7c", "#a8842a"};

static const char *stage_colour(size_t k)
{
    return stage_colours[k % (sizeof stage_colours / sizeof stage_colours[0])];
}

typedef struct style {
    int size;         /* font size, px */
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

/* A picture being drawn: the elements go into body, from the top down; the
 * document around them is written at the end, when the height is known. */
typedef struct svg {
    cli_buf body;
    cli_buf title; /* the headline: the document's <title> and its first line */
    cli_buf line;  /* scratch: a text being composed */
    double y;      /* the top of the free space below what is drawn */
} svg;

static void start(svg *d)
{
    memset(d, 0, sizeof *d);
    d->y = 8.0;
}

/* " name="12.5"": one decimal, ".0" dropped. */
static void attr(cli_buf *b, const char *name, double x)
{
    char num[CLI_NUM_MAX];
    fpl_format_number(x, FPL_NUMBER_COORDINATE, num, sizeof num);
    cli_buf_printf(b, " %s=\"%s\"", name, num);
}

/* " 12.5,300.0": a point of a polygon, one decimal each. */
static void point(cli_buf *b, const char *sep, double x, double y)
{
    char num[CLI_NUM_MAX];
    cli_buf_puts(b, sep);
    fpl_format_fixed(x, 1, false, num, sizeof num);
    cli_buf_puts(b, num);
    cli_buf_putc(b, ',');
    fpl_format_fixed(y, 1, false, num, sizeof num);
    cli_buf_puts(b, num);
}

/* Appends n bytes of UTF-8 as XML character data or an attribute value. */
static void put_escaped(cli_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        const unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': cli_buf_puts(b, "&amp;"); break;
        case '<': cli_buf_puts(b, "&lt;"); break;
        case '>': cli_buf_puts(b, "&gt;"); break;
        case '"': cli_buf_puts(b, "&quot;"); break;
        case '\'': cli_buf_puts(b, "&apos;"); break;
        default:
            if (c < 0x20) {
                cli_buf_putc(b, '?'); /* never in a name; not allowed in XML */
            } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                       ((unsigned char)s[i + 2] & 0xFEu) == 0xBE) {
                cli_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFE, U+FFFF: not XML characters */
                i += 2;
            } else {
                cli_buf_putc(b, (char)c);
            }
        }
    }
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

static void text_open(svg *d, double x, double y, anchor a, style st)
{
    cli_buf *b = &d->body;
    cli_buf_puts(b, "<text");
    attr(b, "x", x);
    attr(b, "y", y);
    cli_buf_printf(b, " font-size=\"%d\"", st.size);
    if (st.bold) {
        cli_buf_puts(b, " font-weight=\"bold\"");
    }
    if (a != START) {
        cli_buf_printf(b, " text-anchor=\"%s\"", a == MIDDLE ? "middle" : "end");
    }
    cli_buf_printf(b, " fill=\"%s\">", st.fill);
}

static void text_n(svg *d, double x, double y, anchor a, style st, const char *s, size_t n)
{
    text_open(d, x, y, a, st);
    put_escaped(&d->body, s, n);
    cli_buf_puts(&d->body, "</text>\n");
}

static void text(svg *d, double x, double y, anchor a, style st, const char *s)
{
    text_n(d, x, y, a, st, s, strlen(s));
}

/* The scratch line, emptied, to compose a text in. */
static cli_buf *line(svg *d)
{
    d->line.len = 0;
    return &d->line;
}

/* The scratch line as a string ("" after an allocation failure, which then
 * fails the whole output). */
static const char *line_str(svg *d)
{
    cli_buf_putc(&d->line, '\0');
    if (d->line.oom || d->line.data == NULL) {
        d->body.oom = true;
        return "";
    }
    d->line.len--;
    return d->line.data;
}

static void rect(svg *d, double x, double y, double w, double h, const char *fill,
                 const char *extra)
{
    cli_buf *b = &d->body;
    cli_buf_puts(b, "<rect");
    attr(b, "x", x);
    attr(b, "y", y);
    attr(b, "width", w);
    attr(b, "height", h);
    cli_buf_printf(b, " fill=\"%s\"%s%s/>\n", fill, extra[0] != '\0' ? " " : "", extra);
}

static void hline(svg *d, double x0, double x1, double y, const char *stroke)
{
    cli_buf *b = &d->body;
    cli_buf_puts(b, "<line");
    attr(b, "x1", x0);
    attr(b, "y1", y);
    attr(b, "x2", x1);
    attr(b, "y2", y);
    cli_buf_printf(b, " stroke=\"%s\" stroke-width=\"1\"/>\n", stroke);
}

/* The end of the first line of s when it is broken at spaces into lines of
 * at most width px (estimated); a word longer than a line stays whole. */
static const char *wrap(const char *s, double width, style st)
{
    const char *end = NULL;
    const char *q = s;
    for (;;) {
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

/* The lines para() writes s in. */
static size_t para_lines(const char *s, double width, style st)
{
    size_t lines = 0;
    for (const char *p = s; *p != '\0'; ++lines) {
        p = wrap(p, width, st);
        while (*p == ' ') {
            p++;
        }
    }
    return lines;
}

/* Writes s (NUL-terminated) from d->y down in lines of at most width px
 * (estimated), broken at spaces. */
static void para(svg *d, double x, double width, style st, double line_height, const char *s)
{
    for (const char *p = s; *p != '\0';) {
        const char *end = wrap(p, width, st);
        text_n(d, x, d->y + line_height * 0.75, START, st, p, (size_t)(end - p));
        d->y += line_height;
        p = end;
        while (*p == ' ') {
            p++;
        }
    }
}

/* The title line(s): the headline in d->title. */
static void headline(svg *d)
{
    cli_buf_putc(&d->title, '\0');
    if (d->title.oom || d->title.data == NULL) {
        d->body.oom = true;
        return;
    }
    d->title.len--;
    d->y += 4.0;
    para(d, MARGIN, CONTENT_WIDTH, TITLE, 25.0, d->title.data);
}

/* Writes the document around the body into out. */
static void finish(cli_buf *out, svg *d)
{
    const int height = (int)(d->y + 16.0);
    cli_buf_printf(out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" "
                   "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n",
                   PAGE_WIDTH, height, PAGE_WIDTH, height);
    cli_buf_puts(out, "<title>");
    put_escaped(out, d->title.data != NULL ? d->title.data : "", d->title.len);
    cli_buf_puts(out, "</title>\n");
    cli_buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", PAGE_WIDTH, height,
                   WHITE);
    cli_buf_put(out, d->body.data != NULL ? d->body.data : "", d->body.len);
    cli_buf_puts(out, "</svg>\n");
    if (d->body.oom || d->title.oom || d->line.oom) {
        out->oom = true;
    }
    cli_buf_free(&d->body);
    cli_buf_free(&d->title);
    cli_buf_free(&d->line);
}

/* ---- pieces the pictures share ------------------------------------------- */

/* The height of a row's header: the name on the left and the detail on the
 * right, or the detail on lines of its own below when both do not fit. */
static double header_height(const char *name, const char *detail)
{
    const double room = CONTENT_WIDTH - width_of(name, NAME) - 16.0;
    if (detail[0] == '\0' || width_of(detail, DETAIL) <= room) {
        return 20.0;
    }
    return 20.0 + 16.0 * (double)para_lines(detail, CONTENT_WIDTH, DETAIL);
}

static void header(svg *d, const char *name, style name_style, const char *detail)
{
    const double height = header_height(name, detail);
    text(d, MARGIN, d->y + 15.0, START, name_style, name);
    if (height <= 20.0) {
        if (detail[0] != '\0') {
            text(d, RIGHT_EDGE, d->y + 15.0, END, DETAIL, detail);
        }
        d->y += 20.0;
        return;
    }
    d->y += 20.0;
    para(d, MARGIN, CONTENT_WIDTH, DETAIL, 16.0, detail);
}

/* A bar's length for value, when top is drawn max long; any positive value
 * gets at least a sliver (as the table's bars); 0 when there is no bar. */
static double bar_length(double value, double top, double max)
{
    if (!(top > 0.0) || !(value > 0.0)) {
        return 0.0;
    }
    double w = max * (value / top);
    w = w > max ? max : w;
    return w < 2.0 ? 2.0 : w;
}

/* A small coloured square and its caption; returns the x after it. */
static double legend_item(svg *d, double x, const char *colour, const char *caption)
{
    rect(d, x, d->y + 4.0, 12.0, 12.0, colour, "");
    text(d, x + 17.0, d->y + 14.0, START, DETAIL, caption);
    return x + 17.0 + width_of(caption, DETAIL) + 18.0;
}

static void footnote(svg *d)
{
    d->y += 6.0;
    para(d, MARGIN, CONTENT_WIDTH, FOOTNOTE, 15.0,
         "Figures are rounded for display (--format json gives exact values).");
}

/* A note below a picture: the composed line, wrapped. */
static void note(svg *d)
{
    para(d, MARGIN, CONTENT_WIDTH, NOTE, 19.0, line_str(d));
}

static void put_amount(cli_buf *b, double x)
{
    cli_put_amount(b, x);
}

static void put_count(cli_buf *b, uint64_t n)
{
    char num[CLI_NUM_MAX];
    cli_fmt_count(num, n);
    cli_buf_puts(b, num);
}

static void put_fixed2(cli_buf *b, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_fixed2(num, x);
    cli_buf_puts(b, num);
}

static void put_whole(cli_buf *b, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_whole(num, x);
    cli_buf_puts(b, num);
}

static void put_trimmed(cli_buf *b, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_trimmed(num, x);
    cli_buf_puts(b, num);
}

static void put_signed(cli_buf *b, double x)
{
    char num[CLI_NUM_MAX];
    cli_fmt_signed(num, x);
    cli_buf_puts(b, num);
}

#define SEP " \u00B7 " /* a middle dot between the parts of a detail */

/* ---- funnels: plan and forecast ------------------------------------------ */

/* The last bar of a funnel, for the band that joins it to the next. */
typedef struct funnel_bar {
    bool drawn;
    double x0, x1, bottom;
} funnel_bar;

enum { FUNNEL_BAR_HEIGHT = 24 };

/* One stage of a funnel: its header, then its bar centred on the page (its
 * length value / top of the width), the label inside the bar when it fits,
 * else to its right; a band joins it to the bar above. */
static void funnel_row(svg *d, funnel_bar *prev, const char *name, const char *detail,
                       double value, double top, const char *label, const char *colour)
{
    const double w = bar_length(value, top, CONTENT_WIDTH);
    const double cx = PAGE_WIDTH / 2.0;
    const double bar_top = d->y + header_height(name, detail);
    if (prev->drawn && w > 0.0) {
        cli_buf *b = &d->body;
        cli_buf_puts(b, "<polygon points=\"");
        point(b, "", prev->x0, prev->bottom);
        point(b, " ", prev->x1, prev->bottom);
        point(b, " ", cx + w / 2.0, bar_top);
        point(b, " ", cx - w / 2.0, bar_top);
        cli_buf_printf(b, "\" fill=\"%s\"/>\n", BAND);
    }
    header(d, name, NAME, detail);
    d->y = bar_top;
    if (w > 0.0) {
        rect(d, cx - w / 2.0, bar_top, w, FUNNEL_BAR_HEIGHT, colour, "");
    }
    const double baseline = bar_top + 17.0;
    if (width_of(label, LABEL) + 12.0 <= w) {
        text(d, cx, baseline, MIDDLE, LABEL_IN, label);
    } else {
        text(d, cx + w / 2.0 + 8.0, baseline, START, LABEL, label);
    }
    prev->drawn = w > 0.0;
    prev->x0 = cx - w / 2.0;
    prev->x1 = cx + w / 2.0;
    prev->bottom = bar_top + FUNNEL_BAR_HEIGHT;
    d->y = bar_top + FUNNEL_BAR_HEIGHT + 6.0;
}

/* The other period a funnel row mentions: a month, or a year for monthly
 * figures. */
static fpl_period other_period(fpl_period per)
{
    return per == FPL_PERIOD_MONTH ? FPL_PERIOD_YEAR : FPL_PERIOD_MONTH;
}

/* "Budget at a cost per lead of 35: 10,500 per month, ...; cost per deal 1,400." */
static void put_budget(cli_buf *b, double cost_per_lead, const double budget[FPL_PERIOD_COUNT],
                       double cost_per_deal)
{
    static const fpl_period periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};
    cli_buf_puts(b, "Budget at a cost per lead of ");
    put_amount(b, cost_per_lead);
    cli_buf_puts(b, ": ");
    for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
        cli_buf_puts(b, q > 0 ? ", " : "");
        put_amount(b, budget[q]);
        cli_buf_printf(b, " per %s", fpl_period_name(periods[q]));
    }
    cli_buf_puts(b, "; cost per deal ");
    put_amount(b, cost_per_deal);
    cli_buf_puts(b, ".");
}

void cli_svg_plan(cli_buf *out, const fpl_funnel *f, const fpl_plan *p, const fpl_odds_plan *conf)
{
    svg d;
    start(&d);
    const char *per = fpl_period_name(p->per);
    const fpl_period other = other_period(p->per);
    char num[CLI_NUM_MAX];
    char whole[CLI_NUM_MAX];
    char level[CLI_NUM_MAX];
    cli_fmt_percent(level, conf != NULL ? conf->confidence : 0.0);

    cli_buf *t = &d.title;
    cli_buf_printf(t, "Plan per %s: ", per);
    if (p->has_revenue) {
        cli_buf_puts(t, "revenue ");
        put_amount(t, p->revenue);
        cli_buf_puts(t, " \u00F7 deal size ");
        put_amount(t, p->deal_size);
        cli_buf_puts(t, " = ");
    }
    cli_fmt_amount(num, p->deals);
    cli_fmt_count(whole, p->deals_whole);
    cli_buf_printf(t, "%s deals", num);
    if (strcmp(num, whole) != 0) {
        cli_buf_printf(t, " (%s whole)", whole);
    }
    if (!p->has_revenue && p->has_deal_size) {
        cli_buf_puts(t, " at a deal size of ");
        put_amount(t, p->deal_size);
    }
    headline(&d);
    cli_buf_printf(line(&d),
                   "Whole units entering each stage per %s (rounded up from the bottom); "
                   "bars to scale.",
                   per);
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    d.y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    const double top = p->stages[0].required;
    for (size_t k = 0; k < p->n_stages; ++k) {
        const fpl_plan_stage *s = &p->stages[k];
        cli_buf *b = line(&d);
        cli_buf_puts(b, "rate ");
        cli_put_percent(b, s->rate);
        cli_buf_puts(b, SEP "cumulative ");
        cli_put_percent(b, s->cumulative_rate);
        cli_buf_puts(b, SEP);
        put_amount(b, p->by_period[other].required[k]);
        cli_buf_printf(b, " per %s", fpl_period_name(other));
        if (p->has_cost) {
            cli_buf_puts(b, SEP "cost each ");
            put_fixed2(b, s->cost_per);
        }
        if (conf != NULL) {
            cli_buf_printf(b, SEP "for %s: ", level);
            put_whole(b, conf->required[k]);
        }
        cli_fmt_count(num, s->required_whole);
        funnel_row(&d, &prev, f->stages[k].name, line_str(&d), s->required, top, num,
                   stage_colour(k));
    }
    cli_buf *b = line(&d);
    cli_buf_puts(b, "deals" SEP);
    put_amount(b, p->by_period[other].deals);
    cli_buf_printf(b, " per %s", fpl_period_name(other));
    if (p->has_cost) {
        cli_buf_puts(b, SEP "cost per deal ");
        put_fixed2(b, p->cost_per_deal);
    }
    if (conf != NULL) {
        cli_buf_printf(b, SEP "for %s: ", level);
        put_whole(b, conf->deals_whole);
    }
    funnel_row(&d, &prev, "won", line_str(&d), p->deals, top, whole, WON_COLOUR);

    d.y += 8.0;
    if (p->has_cost) {
        double budget[FPL_PERIOD_COUNT];
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            budget[q] = p->by_period[q].budget;
        }
        put_budget(line(&d), p->cost_per_lead, budget, p->cost_per_deal);
        note(&d);
    }
    if (p->has_revenue && p->margin < 1.0) {
        b = line(&d);
        cli_buf_puts(b, "Gross profit at a margin of ");
        cli_put_percent(b, p->margin);
        cli_buf_puts(b, ": ");
        put_amount(b, p->gross_profit);
        cli_buf_printf(b, " per %s.", per);
        note(&d);
    }
    if (conf != NULL) {
        b = line(&d);
        cli_buf_printf(b, "for %s: the least whole units entering each stage that give a %s "
                          "chance of ", level, level);
        put_count(b, p->deals_whole);
        cli_buf_puts(b, " whole deals.");
        note(&d);
    }
    footnote(&d);
    finish(out, &d);
}

void cli_svg_forecast(cli_buf *out, const fpl_funnel *f, const fpl_forecast *r)
{
    svg d;
    start(&d);
    const char *per = fpl_period_name(r->per);
    const fpl_period other = other_period(r->per);
    char num[CLI_NUM_MAX];

    cli_buf *t = &d.title;
    cli_buf_printf(t, "Forecast per %s: ", per);
    put_amount(t, r->volume);
    cli_buf_printf(t, " enter %s \u2192 ", f->stages[r->at].name);
    put_amount(t, r->deals);
    cli_buf_puts(t, " deals");
    if (r->has_revenue) {
        cli_buf_puts(t, " \u00D7 deal size ");
        put_amount(t, r->deal_size);
        cli_buf_puts(t, " = revenue ");
        put_amount(t, r->revenue);
    }
    headline(&d);
    cli_buf_printf(line(&d), "Units expected at each stage per %s; the bars are to scale.", per);
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    d.y += 10.0;

    funnel_bar prev = {false, 0.0, 0.0, 0.0};
    const double top = r->expected[r->at];
    for (size_t k = r->at; k < r->n_stages; ++k) {
        cli_buf *b = line(&d);
        cli_buf_puts(b, "rate ");
        cli_put_percent(b, f->stages[k].rate);
        cli_buf_puts(b, SEP);
        put_amount(b, r->by_period[other].expected[k]);
        cli_buf_printf(b, " per %s", fpl_period_name(other));
        cli_fmt_amount(num, r->expected[k]);
        funnel_row(&d, &prev, f->stages[k].name, line_str(&d), r->expected[k], top, num,
                   stage_colour(k));
    }
    cli_buf *b = line(&d);
    cli_buf_puts(b, "deals" SEP);
    put_amount(b, r->by_period[other].deals);
    cli_buf_printf(b, " per %s", fpl_period_name(other));
    if (r->has_revenue) {
        cli_buf_puts(b, SEP "revenue ");
        put_amount(b, r->revenue);
    }
    cli_fmt_amount(num, r->deals);
    funnel_row(&d, &prev, "won", line_str(&d), r->deals, top, num, WON_COLOUR);

    d.y += 8.0;
    static const fpl_period periods[FPL_PERIOD_COUNT] = {FPL_PERIOD_MONTH, FPL_PERIOD_QUARTER,
                                                         FPL_PERIOD_YEAR};
    if (r->has_revenue) {
        b = line(&d);
        cli_buf_puts(b, "Revenue: ");
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            cli_buf_puts(b, q > 0 ? ", " : "");
            put_amount(b, r->by_period[q].revenue);
            cli_buf_printf(b, " per %s", fpl_period_name(periods[q]));
        }
        cli_buf_puts(b, ".");
        note(&d);
    }
    if (r->has_cost) {
        double budget[FPL_PERIOD_COUNT];
        for (int q = 0; q < FPL_PERIOD_COUNT; ++q) {
            budget[q] = r->by_period[q].budget;
        }
        put_budget(line(&d), r->cost_per_lead, budget, r->cost_per_deal);
        note(&d);
    }
    if (r->has_revenue && r->margin < 1.0) {
        b = line(&d);
        cli_buf_puts(b, "Gross profit at a margin of ");
        cli_put_percent(b, r->margin);
        cli_buf_puts(b, ": ");
        put_amount(b, r->gross_profit);
        cli_buf_printf(b, " per %s.", per);
        note(&d);
    }
    if (r->target != FPL_TARGET_NONE) {
        b = line(&d);
        cli_buf_printf(b, "Target per %s: ", per);
        if (r->has_target_revenue) {
            cli_buf_puts(b, "revenue ");
            put_amount(b, r->target_revenue);
            cli_buf_puts(b, " = ");
        }
        put_amount(b, r->target_deals);
        cli_buf_puts(b, " deals; attainment ");
        cli_put_percent(b, r->attainment);
        cli_buf_puts(b, ".");
        /* The sign of the gap only chooses the words. */
        if (r->gap_deals > 0.0 || r->gap_deals < 0.0) {
            const bool short_of = r->gap_deals > 0.0;
            cli_buf_puts(b, short_of ? " Short by " : " Ahead by ");
            put_amount(b, short_of ? r->gap_deals : -r->gap_deals);
            cli_buf_puts(b, " deals");
            if (r->has_gap_revenue) {
                cli_buf_puts(b, ", revenue ");
                put_amount(b, short_of ? r->gap_revenue : -r->gap_revenue);
            }
            cli_buf_puts(b, ".");
        } else {
            cli_buf_puts(b, " The forecast meets the target exactly.");
        }
        note(&d);
    }
    footnote(&d);
    finish(out, &d);
}

/* ---- what-if: the baseline against the scenario -------------------------- */

enum { PAIR_BAR_HEIGHT = 14, PAIR_LABEL_ROOM = 220 };

/* One bar of a pair, left-aligned, labelled to its right. */
static void pair_bar(svg *d, double value, double top, const char *colour, const char *label)
{
    const double w = bar_length(value, top, CONTENT_WIDTH - PAIR_LABEL_ROOM);
    if (w > 0.0) {
        rect(d, MARGIN, d->y, w, PAIR_BAR_HEIGHT, colour, "");
    }
    text(d, MARGIN + w + 6.0, d->y + 11.5, START, SMALL_LABEL, label);
    d->y += PAIR_BAR_HEIGHT + 3.0;
}

/* A row of the what-if: the header, then the baseline's bar and the
 * scenario's, the scenario labelled with the library's delta when it has
 * one for this row (has_delta). */
static void pair_row(svg *d, const char *name, const char *detail, double base, double scen,
                     double top, bool has_delta, double delta)
{
    char num[CLI_NUM_MAX];
    header(d, name, NAME, detail);
    d->y += 2.0;
    cli_fmt_trimmed(num, base);
    pair_bar(d, base, top, BASELINE_COLOUR, num);
    cli_buf *b = line(d);
    put_trimmed(b, scen);
    if (has_delta) {
        cli_buf_puts(b, " (");
        put_signed(b, delta);
        cli_buf_puts(b, ")");
    }
    pair_bar(d, scen, top, SCENARIO_COLOUR, line_str(d));
    d->y += 8.0;
}

/* "99,000 → 108,900 (+9,900)" */
static void put_change(cli_buf *b, double base, double scen, double delta)
{
    put_trimmed(b, base);
    cli_buf_puts(b, " \u2192 ");
    put_trimmed(b, scen);
    cli_buf_puts(b, " (");
    put_signed(b, delta);
    cli_buf_puts(b, ")");
}

static double larger(double a, double b)
{
    return a > b ? a : b;
}

void cli_svg_whatif(cli_buf *out, const cli_question *q, const fpl_whatif_input *in,
                    const fpl_whatif *r)
{
    svg d;
    start(&d);
    const fpl_funnel *f = q->funnel;
    const fpl_funnel *g = &r->scenario_funnel;
    const char *per = fpl_period_name(r->per);
    const bool held = r->volume_held;
    const size_t first = held ? r->baseline_forecast.at : 0;
    const size_t n = f->n_stages;

    cli_buf *t = &d.title;
    cli_buf_printf(t, "What-if per %s, ", per);
    if (held) {
        cli_buf_puts(t, "volume held: ");
        put_amount(t, r->baseline_forecast.volume);
        cli_buf_printf(t, " enter %s each %s", f->stages[first].name, per);
    } else {
        cli_buf_puts(t, "target held: ");
        if (q->terms->target == FPL_TARGET_REVENUE) {
            cli_buf_puts(t, "revenue ");
            put_amount(t, q->terms->revenue);
        } else {
            put_amount(t, q->terms->deals);
            cli_buf_puts(t, " deals");
        }
        cli_buf_printf(t, " each %s", per);
    }
    headline(&d);
    cli_buf *b = line(&d);
    cli_buf_puts(b, "Changes: ");
    cli_put_changes(b, f, in);
    cli_buf_printf(b, ". Units %s each stage per %s, the baseline above the scenario.",
                   held ? "expected at" : "that must enter", per);
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    d.y += 4.0;
    double x = legend_item(&d, MARGIN, BASELINE_COLOUR, "baseline");
    legend_item(&d, x, SCENARIO_COLOUR, "scenario");
    d.y += 26.0;

    /* The scale: the largest figure drawn. */
    double top = 0.0;
    for (size_t k = first; k < n; ++k) {
        top = larger(top, held ? r->baseline_forecast.expected[k]
                               : r->baseline_plan.stages[k].required);
        top = larger(top, held ? r->scenario_forecast.expected[k]
                               : r->scenario_plan.stages[k].required);
    }
    const double base_deals = held ? r->baseline_forecast.deals : r->baseline_plan.deals;
    const double scen_deals = held ? r->scenario_forecast.deals : r->scenario_plan.deals;
    top = larger(top, larger(base_deals, scen_deals));

    char from[CLI_NUM_MAX];
    char to[CLI_NUM_MAX];
    for (size_t k = first; k < n; ++k) {
        cli_fmt_percent(from, f->stages[k].rate);
        cli_fmt_percent(to, g->stages[k].rate);
        b = line(&d);
        cli_buf_printf(b, "rate %s", from);
        if (strcmp(from, to) != 0) {
            cli_buf_printf(b, " \u2192 %s", to);
        }
        const double base = held ? r->baseline_forecast.expected[k]
                                  : r->baseline_plan.stages[k].required;
        const double scen = held ? r->scenario_forecast.expected[k]
                                  : r->scenario_plan.stages[k].required;
        /* the library's volume delta is the one of this row */
        pair_row(&d, f->stages[k].name, line_str(&d), base, scen, top, k == first, r->volume);
    }
    pair_row(&d, "won", "deals", base_deals, scen_deals, top, true, r->deals);

    d.y += 4.0;
    const fpl_forecast *bf = &r->baseline_forecast;
    const fpl_forecast *sf = &r->scenario_forecast;
    const fpl_plan *bp = &r->baseline_plan;
    const fpl_plan *sp = &r->scenario_plan;
    if (r->has_revenue) {
        b = line(&d);
        cli_buf_printf(b, "Revenue per %s: ", per);
        const bool both = held ? bf->has_revenue && sf->has_revenue
                               : bp->has_revenue && sp->has_revenue;
        if (both) {
            put_change(b, held ? bf->revenue : bp->revenue, held ? sf->revenue : sp->revenue,
                       r->revenue);
        } else {
            put_signed(b, r->revenue);
        }
        cli_buf_puts(b, ".");
        note(&d);
    }
    if (r->has_cost) {
        b = line(&d);
        cli_buf_printf(b, "Acquisition cost per %s: ", per);
        put_change(b, held ? bf->budget : bp->budget, held ? sf->budget : sp->budget, r->cost);
        cli_buf_puts(b, ".");
        note(&d);
    }
    b = line(&d);
    cli_buf_printf(b, "Gain per %s ", per);
    put_signed(b, r->gain);
    cli_buf_printf(b, "; over %u %s%s ", r->horizon, per, r->horizon == 1 ? "" : "s");
    put_signed(b, r->gain_horizon);
    cli_buf_puts(b, ".");
    if (r->margin < 1.0 || r->has_cost) {
        cli_buf_puts(b, " Gain = revenue gained");
        if (r->margin < 1.0) {
            cli_buf_puts(b, " \u00D7 margin ");
            cli_put_percent(b, r->margin);
        }
        cli_buf_puts(b, r->has_cost ? " \u2212 acquisition cost added." : ".");
    }
    note(&d);
    if (r->has_invest) {
        b = line(&d);
        cli_buf_puts(b, "Investment ");
        put_amount(b, r->invest);
        cli_buf_puts(b, ": ROI ");
        cli_put_percent(b, r->roi);
        cli_buf_printf(b, " over %u %s%s", r->horizon, per, r->horizon == 1 ? "" : "s");
        if (r->has_payback) {
            cli_buf_puts(b, "; payback in ");
            put_trimmed(b, r->payback_periods);
            cli_buf_printf(b, " %ss.", per);
        } else {
            cli_buf_printf(b, "; no payback: the gain per %s is not positive.", per);
        }
        note(&d);
    }
    footnote(&d);
    finish(out, &d);
}

/* ---- schedule: the months as bars ---------------------------------------- */

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "2027-01": the library writes months. */
static void fmt_month(char out[FPL_CALENDAR_TEXT_MAX], fpl_month m)
{
    fpl_month_format(m, out, FPL_CALENDAR_TEXT_MAX);
}

/* A value of a schedule row: the units entering a stage, or the deals
 * (stage == n_stages). */
static double month_value(const fpl_schedule *s, size_t row, size_t stage)
{
    return stage < s->n_stages ? s->rows[row].entering[stage] : s->rows[row].deals;
}

enum { CHART_HEIGHT = 96, VALUE_ROOM = 14, AXIS_ROOM = 30 };

/* One series of the schedule: the header (its name, its total and its
 * peak), the months as bars over the same axis, the months before the start
 * shaded and their bars paler, values above the bars where they fit. */
static void month_panel(svg *d, const fpl_schedule *s, const char *name, size_t stage,
                        double total, const char *colour, bool first_panel)
{
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
    char month[FPL_CALENDAR_TEXT_MAX];
    fmt_month(month, s->rows[peak_row].month);
    cli_buf *b = line(d);
    cli_buf_puts(b, "total ");
    put_amount(b, total);
    if (peak > 0.0) {
        cli_buf_puts(b, SEP "peak ");
        put_amount(b, peak);
        cli_buf_printf(b, " in %s", month);
    }
    header(d, name, NAME, line_str(d));

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
    char num[CLI_NUM_MAX];
    for (size_t r = 0; r < n; ++r) {
        const fpl_schedule_row *row = &s->rows[r];
        const double v = month_value(s, r, stage);
        const double h = bar_length(v, peak, CHART_HEIGHT);
        const double x = MARGIN + slot * (double)r;
        if (h > 0.0) {
            rect(d, x + slot * 0.15, base - h, slot * 0.7, h, colour,
                 row->in_span ? "" : "fill-opacity=\"0.45\"");
        }
        cli_fmt_amount(num, v);
        if (width_of(num, VALUE) <= slot - 2.0) {
            text(d, x + slot / 2.0, base - h - 3.0, MIDDLE, VALUE, num);
        }
    }
    /* The months: each one's name when they fit, else the Januaries. */
    for (size_t r = 0; r < n; ++r) {
        const fpl_month m = s->rows[r].month;
        const double cx = MARGIN + slot * ((double)r + 0.5);
        char year[16];
        snprintf(year, sizeof year, "%d", m.year);
        if (slot >= 26.0) {
            text(d, cx, base + 13.0, MIDDLE, AXIS, month_names[(size_t)(m.month - 1) % 12u]);
            if (r == 0 || m.month == 1) {
                text(d, cx, base + 25.0, MIDDLE, AXIS, year);
            }
        } else if (m.month == 1 && slot * 12.0 >= 34.0) {
            hline(d, cx - slot / 2.0, cx - slot / 2.0 + 1.0, base + 3.0, MUTED);
            text(d, cx - slot / 2.0, base + 13.0, START, AXIS, year);
        }
    }
    d->y = base + AXIS_ROOM + 6.0;
}

void cli_svg_schedule(cli_buf *out, const fpl_funnel *f, const fpl_schedule_input *in,
                      const fpl_schedule *s)
{
    svg d;
    start(&d);
    const size_t n = s->n_stages;
    const char *per = fpl_period_name(s->per);
    char start_month[FPL_CALENDAR_TEXT_MAX];
    char first_month[FPL_CALENDAR_TEXT_MAX];
    fmt_month(start_month, s->start);
    fmt_month(first_month, s->rows[0].month);

    cli_buf *t = &d.title;
    cli_buf_printf(t, "Schedule for %u month%s from %s: ", s->months, s->months == 1 ? "" : "s",
                   start_month);
    put_amount(t, s->deals);
    cli_buf_puts(t, " deals");
    if (s->has_revenue) {
        cli_buf_puts(t, ", revenue ");
        put_amount(t, s->revenue);
    }
    if (in->has_monthly) {
        cli_buf_puts(t, ", a target per month as given");
    } else if (in->has_weights) {
        cli_buf_puts(t, ", spread by the seasonality given");
    } else {
        cli_buf_puts(t, ", the same every month");
    }
    headline(&d);
    cli_buf *b = line(&d);
    cli_buf_puts(b, "Units that must enter each stage in each month, and the deals closing.");
    if (s->lead_months > 0) {
        cli_buf_printf(b, " Shaded: the %zu month%s before %s in which the funnel must already "
                          "run.",
                       s->lead_months, s->lead_months == 1 ? "" : "s", start_month);
    }
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    b = line(&d);
    cli_buf_puts(b, "Lags (months):");
    for (size_t i = 0; i < n; ++i) {
        cli_buf_printf(b, "%s %s ", i > 0 ? "," : "", f->stages[i].name);
        put_amount(b, s->lag_months[i]);
    }
    cli_buf_printf(b, "; from %s to a closed deal ", f->stages[0].name);
    put_amount(b, s->total_lag);
    cli_buf_puts(b, " months.");
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    d.y += 10.0;

    for (size_t i = 0; i < n; ++i) {
        month_panel(&d, s, f->stages[i].name, i, s->totals[i], stage_colour(i), i == 0);
    }
    month_panel(&d, s, "deals", n, s->deals, WON_COLOUR, false);

    if (s->has_revenue) {
        b = line(&d);
        cli_buf_puts(b, "Revenue over the span ");
        put_amount(b, s->revenue);
        cli_buf_puts(b, " at a deal size of ");
        put_amount(b, s->deal_size);
        cli_buf_puts(b, ".");
        note(&d);
    }
    if (s->lead_months > 0) {
        b = line(&d);
        cli_buf_printf(b, "Lead time: the funnel must start %zu month%s before %s, in %s.",
                       s->lead_months, s->lead_months == 1 ? "" : "s", start_month, first_month);
        note(&d);
    }
    if (s->has_velocity) {
        b = line(&d);
        cli_buf_puts(b, "Sales velocity: ");
        put_amount(b, s->velocity_opportunities);
        cli_buf_printf(b, " entering %s a month \u00D7 ", f->stages[n - 1].name);
        cli_put_percent(b, f->stages[n - 1].rate);
        cli_buf_puts(b, " won \u00D7 deal size ");
        put_amount(b, s->deal_size);
        cli_buf_puts(b, " / a cycle of ");
        put_amount(b, s->velocity_cycle_days);
        cli_buf_puts(b, " days = ");
        put_amount(b, s->velocity);
        cli_buf_puts(b, " per day.");
        note(&d);
    }
    if (s->has_reps) {
        b = line(&d);
        cli_buf_puts(b, "Per rep: ");
        put_amount(b, s->reps);
        cli_buf_puts(b, " reps share the work (--format table or json gives the figures per "
                        "rep).");
        note(&d);
    }
    if (s->has_reps_needed) {
        b = line(&d);
        cli_buf_puts(b, "Reps needed at a quota of ");
        put_amount(b, s->quota);
        cli_buf_printf(b, " per %s with ", per);
        cli_put_percent(b, s->attainment);
        cli_buf_puts(b, " attainment: ");
        put_amount(b, s->reps_needed);
        char exact[CLI_NUM_MAX];
        char whole[CLI_NUM_MAX];
        cli_fmt_amount(exact, s->reps_needed);
        cli_fmt_amount(whole, s->reps_needed_whole);
        if (strcmp(exact, whole) != 0) {
            cli_buf_printf(b, ", %s whole reps", whole);
        }
        cli_buf_puts(b, ".");
        note(&d);
    }
    footnote(&d);
    finish(out, &d);
}

/* ---- channels: leads, deals and cost of each --------------------------- */

enum { CHANNEL_BAR_HEIGHT = 12, CHANNEL_LABEL_ROOM = 260 };

/* One of a channel's three bars, left-aligned, labelled to its right. */
static void channel_bar(svg *d, double value, double top, const char *colour, const char *label)
{
    const double w = bar_length(value, top, CONTENT_WIDTH - CHANNEL_LABEL_ROOM);
    if (w > 0.0) {
        rect(d, MARGIN, d->y, w, CHANNEL_BAR_HEIGHT, colour, "");
    }
    text(d, MARGIN + w + 6.0, d->y + 10.5, START, SMALL_LABEL, label);
    d->y += CHANNEL_BAR_HEIGHT + 3.0;
}

/* "ROI 50%", or "ROI free" (nothing spent); with a revenue only. */
static void put_roi(cli_buf *b, bool has_roi, double roi)
{
    cli_buf_puts(b, "ROI ");
    if (has_roi) {
        cli_put_percent(b, roi);
    } else {
        cli_buf_puts(b, "free");
    }
}

void cli_svg_channels(cli_buf *out, const fpl_funnel *fn, const fpl_terms *terms,
                      const fpl_channels_input *in, const fpl_channels *r)
{
    svg d;
    start(&d);
    const char *per = fpl_period_name(r->per);

    cli_buf *t = &d.title;
    cli_buf_printf(t, "Lead channels per %s: ", per);
    if (r->target == FPL_TARGET_NONE) {
        cli_buf_puts(t, "the profitability of the leads each brings");
    } else {
        cli_buf_puts(t, r->by_shares ? "leads split by fixed shares" : "the cheapest allocation");
        cli_buf_puts(t, " for ");
        if (r->target == FPL_TARGET_REVENUE) {
            cli_buf_puts(t, "revenue ");
            put_amount(t, terms->revenue);
        } else {
            put_amount(t, terms->deals);
            cli_buf_puts(t, " deals");
        }
    }
    headline(&d);
    cli_buf *b = line(&d);
    cli_buf_puts(b, "Funnel: ");
    for (size_t k = 0; k < fn->n_stages; ++k) {
        cli_buf_printf(b, "%s%s ", k > 0 ? " > " : "", fn->stages[k].name);
        cli_put_percent(b, fn->stages[k].rate);
    }
    cli_buf_puts(b, "; margin ");
    cli_put_percent(b, r->margin);
    cli_buf_printf(b, ". Ranked by ROI; figures per %s.", per);
    para(&d, MARGIN, CONTENT_WIDTH, SUBTITLE, 18.0, line_str(&d));
    d.y += 4.0;
    double x = legend_item(&d, MARGIN, LEADS_COLOUR, "leads");
    x = legend_item(&d, x, WON_COLOUR, "deals");
    x = legend_item(&d, x, COST_COLOUR, "cost");
    if (r->n_losing > 0) {
        rect(&d, x, d.y + 3.0, 4.0, 14.0, BAD_COLOUR, "");
        text(&d, x + 10.0, d.y + 14.0, START, DETAIL, "loses money");
    }
    d.y += 28.0;

    /* Each measure to its own scale: the largest channel's. */
    double top_leads = 0.0, top_deals = 0.0, top_cost = 0.0;
    for (size_t i = 0; i < r->n_channels; ++i) {
        top_leads = larger(top_leads, r->channels[i].leads);
        top_deals = larger(top_deals, r->channels[i].deals);
        top_cost = larger(top_cost, r->channels[i].cost);
    }
    cli_buf name = {0};
    for (size_t k = 0; k < r->n_channels; ++k) {
        const size_t i = r->ranking[k];
        const fpl_channel_figures *c = &r->channels[i];
        const bool losing = c->has_revenue && c->loses_money;
        name.len = 0;
        cli_buf_printf(&name, "%zu. %s", k + 1, in->channels[i].name);
        cli_buf_putc(&name, '\0');
        b = line(&d);
        if (losing) {
            cli_buf_puts(b, "loses money" SEP);
        }
        if (c->at_capacity) {
            cli_buf_puts(b, "full" SEP);
        }
        if (c->has_revenue) {
            put_roi(b, c->has_roi, c->roi);
            cli_buf_puts(b, SEP);
        }
        cli_buf_puts(b, "cost/lead ");
        put_amount(b, c->cost_per_lead);
        cli_buf_puts(b, SEP "cost/deal ");
        put_amount(b, c->cost_per_deal);
        if (c->has_revenue) {
            cli_buf_puts(b, SEP "break-even ");
            put_amount(b, c->break_even_cost_per_lead);
        }
        const double row_top = d.y;
        header(&d, name.oom ? "" : name.data, losing ? NAME_BAD : NAME, line_str(&d));
        b = line(&d);
        put_amount(b, c->leads);
        cli_buf_puts(b, " leads");
        channel_bar(&d, c->leads, top_leads, LEADS_COLOUR, line_str(&d));
        b = line(&d);
        put_amount(b, c->deals);
        cli_buf_puts(b, " deals");
        if (c->has_revenue) {
            cli_buf_puts(b, SEP "revenue ");
            put_amount(b, c->revenue);
        }
        channel_bar(&d, c->deals, top_deals, WON_COLOUR, line_str(&d));
        b = line(&d);
        cli_buf_puts(b, "cost ");
        put_amount(b, c->cost);
        if (c->has_revenue) {
            cli_buf_puts(b, SEP "gross profit ");
            put_amount(b, c->gross_profit);
        }
        channel_bar(&d, c->cost, top_cost, COST_COLOUR, line_str(&d));
        if (losing) {
            rect(&d, MARGIN - 14.0, row_top + 3.0, 4.0, d.y - row_top - 3.0, BAD_COLOUR, "");
        }
        d.y += 10.0;
    }
    if (name.oom) {
        d.body.oom = true;
    }
    cli_buf_free(&name);

    b = line(&d);
    cli_buf_printf(b, "Total per %s: ", per);
    put_amount(b, r->leads);
    cli_buf_puts(b, " leads, ");
    put_amount(b, r->deals);
    cli_buf_puts(b, " deals, cost ");
    put_amount(b, r->cost);
    if (r->has_revenue) {
        cli_buf_puts(b, ", revenue ");
        put_amount(b, r->revenue);
        cli_buf_puts(b, ", gross profit ");
        put_amount(b, r->gross_profit);
    }
    cli_buf_puts(b, "; cost per lead ");
    put_amount(b, r->cost_per_lead);
    cli_buf_puts(b, ", cost per deal ");
    put_amount(b, r->cost_per_deal);
    if (r->has_revenue) {
        cli_buf_puts(b, "; ");
        put_roi(b, r->has_roi, r->roi);
    }
    cli_buf_puts(b, ".");
    note(&d);
    if (r->has_marginal) {
        b = line(&d);
        cli_buf_puts(b, "The last deal costs ");
        put_amount(b, r->marginal_cost_per_deal);
        if (r->marginal_channel < r->n_channels) {
            cli_buf_printf(b, " (%s).", in->channels[r->marginal_channel].name);
        } else {
            cli_buf_puts(b, " (every channel in its share).");
        }
        note(&d);
    }
    if (r->n_losing > 0) {
        b = line(&d);
        cli_buf_puts(b, "Losing money at any volume:");
        size_t shown = 0;
        for (size_t k = 0; k < r->n_channels; ++k) {
            const size_t i = r->ranking[k];
            const fpl_channel_figures *c = &r->channels[i];
            if (c->has_revenue && c->loses_money) {
                cli_buf_printf(b, "%s %s (pays ", shown++ > 0 ? ";" : "", in->channels[i].name);
                put_amount(b, c->cost_per_lead);
                cli_buf_puts(b, " a lead, breaks even at ");
                put_amount(b, c->break_even_cost_per_lead);
                cli_buf_puts(b, ")");
            }
        }
        cli_buf_puts(b, ".");
        note(&d);
    }
    if (r->has_most) {
        b = line(&d);
        cli_buf_puts(b, "At most ");
        put_amount(b, r->most_deals);
        cli_buf_puts(b, " deals");
        if (r->has_most_revenue) {
            cli_buf_puts(b, " (revenue ");
            put_amount(b, r->most_revenue);
            cli_buf_puts(b, ")");
        }
        cli_buf_puts(b, " from ");
        put_amount(b, r->most_leads);
        cli_buf_printf(b, " leads per %s %s.", per,
                       r->by_shares ? "at these shares" : "with every channel full");
        note(&d);
    }
    d.y += 6.0;
    if (r->has_revenue) {
        para(&d, MARGIN, CONTENT_WIDTH, FOOTNOTE, 15.0,
             "break-even: the highest cost per lead that still pays back (deal size \u00D7 "
             "rate to won \u00D7 margin).");
    }
    para(&d, MARGIN, CONTENT_WIDTH, FOOTNOTE, 15.0,
         "Figures are rounded for display (--format json gives exact values).");
    finish(out, &d);
}

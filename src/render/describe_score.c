/*
 * funnelplan — a file of scored leads (its JSON, table or CSV), written a
 * lead at a time.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented contract (docs/guide.md,
 * "score"). A file can have millions of leads: each part (the head, a
 * lead, a skipped row) is described into a few nodes, or a line, and
 * written to the caller's sink; between two parts the writer holds only
 * how many leads and skipped rows it wrote, the counts and the table's
 * column widths.
 */

#include "internal.h"

#include "../internal.h"

#include <string.h>

/* The head: the object, its 4 leading members with 4 per criterion (a
 * saturation for a counted one), the counts and the bands. */
#define HEAD_NODES (1 + 2 + 5 * FPL_MAX_CRITERIA + 5 + 4 + 1)

/* A lead: the object, 7 figures and a missing criterion each. */
#define LEAD_NODES (8 + FPL_MAX_CRITERIA)

/* The text as it stands between two parts: the root object open and, in
 * it, the rows (before any skipped row) or the skipped rows. */
static fpl__json stream_of(const fpl_score_writer *w)
{
    return (fpl__json){.t = {.sink = w->sink, .ctx = w->ctx},
                       .depth = 2,
                       .items = {1, w->skipped > 0 ? w->skipped : w->leads},
                       .close = {'}', ']'}};
}

/* Writes a part described in view as the next element of the open array. */
static fpl_status put(fpl__json *j, const fpl_view *view, fpl_error *err)
{
    fpl_status st = fpl_view_check(view, err);
    if (st == FPL_OK) {
        fpl__json_put(j, NULL, view->nodes, view->count);
    }
    return fpl__done(err, st);
}

/* After the last lead: the rows closed, the skipped rows opened. */
static void skipped_rows(fpl__json *j)
{
    fpl__json_close(j);
    fpl__json_open(j, "skipped_rows", '[');
}

static void put_str(fpl__text *t, const char *s)
{
    fpl__text_put(t, s, strlen(s));
}

/* The names of the criteria a lead misses, in criteria order, joined. */
// NOLINTNEXTLINE(readability-non-const-parameter): out is written through t
static const char *missing_names(char *out, size_t size, const fpl_criteria *c,
                                 uint64_t missing, const char *sep)
{
    fpl__text t = {.buf = out, .capacity = size};
    for (size_t i = 0, n = 0; i < c->n_criteria && i < FPL_MAX_CRITERIA; ++i) {
        if (missing & (UINT64_C(1) << i)) {
            put_str(&t, n++ > 0 ? sep : "");
            put_str(&t, c->criteria[i].name);
        }
    }
    fpl__text_end(&t);
    return out;
}

static void blanks(fpl__text *t, size_t n)
{
    static const char forty[] = "                                        ";
    for (size_t k; n > 0; n -= k) {
        fpl__text_put(t, forty, k = n < 40 ? n : 40);
    }
}

/* A line of the table: each cell padded to its column, two blanks apart,
 * nothing after the last cell with text; a lead's id (cell 1) escaped. */
static void table_line(const fpl_score_writer *w, const char *const cell[6], bool lead)
{
    /* A score wider than 5 (more decimals, between thresholds closer than a
     * tenth: fpl_score_format()) widens its own line only. */
    const size_t width[6] = {w->rank_width, w->id_width, 5, 4, 11, 0};
    fpl__text t = {.sink = w->sink, .ctx = w->ctx};
    size_t last = 6;
    while (last > 0 && cell[last - 1][0] == '\0') {
        last--;
    }
    for (size_t c = 0; c < last; ++c) {
        const bool escape = lead && c == 1;
        const bool right = c == 0 || c == 2;
        const size_t cells = escape ? fpl__escaped(&(fpl__text){0}, cell[c])
                                    : fpl__display_width(cell[c]);
        const size_t pad = cells < width[c] ? width[c] - cells : 0;
        blanks(&t, c > 0 ? 2 : 0);
        blanks(&t, right ? pad : 0);
        if (escape) {
            (void)fpl__escaped(&t, cell[c]);
        } else {
            put_str(&t, cell[c]);
        }
        blanks(&t, right || c + 1 == last ? 0 : pad);
    }
    fpl__text_put(&t, "\n", 1);
}

/* The JSON's head: the object and its members up to the opening of rows. */
static fpl_status json_head(const fpl_score_writer *w, const char *id_column, fpl_error *err)
{
    const fpl_criteria *criteria = w->criteria;
    fpl_node nodes[HEAD_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, HEAD_NODES);
    fpl_view_object(&v, NULL);
    fpl_view_string(&v, "command", "score");
    fpl_view_array(&v, "criteria");
    for (size_t i = 0; i < criteria->n_criteria; ++i) {
        fpl_view_object(&v, NULL);
        fpl_view_string(&v, "name", criteria->criteria[i].name);
        fpl_view_number(&v, "weight", criteria->criteria[i].weight);
        fpl_view_bool(&v, "required", criteria->criteria[i].required);
        if (criteria->saturation[i] > 0.0) {
            fpl_view_number(&v, "saturation", criteria->saturation[i]);
        }
        fpl_view_close(&v);
    }
    fpl_view_close(&v);
    fpl_view_number(&v, "hot", fpl_criteria_hot(criteria));
    fpl_view_number(&v, "warm", fpl_criteria_warm(criteria));
    fpl_view_string(&v, "id_column", id_column);
    fpl_view_count(&v, "scored", w->tally.scored);
    fpl_view_count(&v, "skipped", w->tally.skipped);
    fpl_view_object(&v, "bands");
    static const fpl_band order[3] = {FPL_BAND_HOT, FPL_BAND_WARM, FPL_BAND_COLD};
    for (int b = 0; b < 3; ++b) {
        fpl_view_count(&v, fpl_band_name(order[b]), w->tally.bands[order[b]]);
    }
    fpl_view_close(&v);
    fpl_view_count(&v, "sales_ready", w->tally.sales_ready);
    fpl_view_close(&v);
    fpl__json j = {.t = {.sink = w->sink, .ctx = w->ctx}};
    fpl__json_open(&j, NULL, '{');
    fpl_status st = fpl__json_members(&j, &v, NULL, err);
    if (st == FPL_OK) {
        fpl__json_open(&j, "rows", '[');
    }
    return fpl__done(err, st);
}

fpl_status fpl_score_render_begin(fpl_score_writer *w, fpl_render_format format,
                                  const fpl_criteria *criteria, const char *id_column,
                                  const fpl_score_tally *tally, uint64_t rows, size_t id_cells,
                                  fpl_text_sink sink, void *ctx, fpl_error *err)
{
    fpl__begin(err);
    if (w == NULL || criteria == NULL || id_column == NULL || tally == NULL || sink == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (format != FPL_RENDER_TABLE && format != FPL_RENDER_JSON && format != FPL_RENDER_CSV) {
        return fpl__fail(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX);
    }
    if (criteria->n_criteria > FPL_MAX_CRITERIA) {
        return fpl__fail(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    const size_t rank_width = fpl_format_count(rows, NULL, 0);
    size_t id_width = id_cells < FPL_SCORE_ID_WIDTH_MAX ? id_cells : FPL_SCORE_ID_WIDTH_MAX;
    const size_t head_width = fpl__display_width(id_column);
    if (id_width < head_width) { /* the header's width at least */
        id_width = head_width;
    }
    *w = (fpl_score_writer){sink, ctx, criteria, 0, 0, format, rank_width > 4 ? rank_width : 4,
                            id_width, *tally};
    if (format == FPL_RENDER_JSON) {
        return json_head(w, id_column, err);
    }
    if (format == FPL_RENDER_CSV) {
        fpl__text t = {.sink = sink, .ctx = ctx};
        put_str(&t, "rank,line,id,score,band,sales_ready,missing\n");
    } else {
        table_line(w, (const char *const[6]){"rank", id_column, "score", "band", "sales-ready",
                                             "missing"}, false);
    }
    return FPL_OK;
}

fpl_status fpl_score_render_lead(fpl_score_writer *w, uint64_t line, const char *id,
                                 const fpl_lead_score *score, fpl_error *err)
{
    fpl__begin(err);
    if (w == NULL || w->sink == NULL || w->criteria == NULL || id == NULL || score == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_criteria *c = w->criteria;
    const char *band = fpl_band_name(score->band);
    char missing[FPL_MAX_CRITERIA * (FPL_NAME_MAX + 2)];
    char num[FPL_NUMBER_MAX];
    fpl__text t = {.sink = w->sink, .ctx = w->ctx};
    if (w->format == FPL_RENDER_CSV) {
        fpl__text_count(&t, ++w->leads);
        put_str(&t, ",");
        fpl__text_count(&t, line);
        put_str(&t, ",");
        fpl__csv_escaped(&t, id);
        fpl_format_number(score->score, FPL_NUMBER_JSON, num, sizeof num);
        const char *const rest[] = {",", num, ",", band, score->sales_ready ? ",true," : ",false,"};
        for (size_t k = 0; k < 5; ++k) {
            put_str(&t, rest[k]);
        }
        fpl__csv_field(&t, missing_names(missing, sizeof missing, c, score->missing, ";"));
        put_str(&t, "\n");
        return FPL_OK;
    }
    if (w->format == FPL_RENDER_TABLE) {
        char rank[FPL_NUMBER_MAX];
        fpl_format_count(++w->leads, rank, sizeof rank);
        fpl_score_format(c, score, num, sizeof num); /* never across its band's line */
        table_line(w, (const char *const[6]){rank, id, num, band, score->sales_ready ? "yes" : "no",
                                             missing_names(missing, sizeof missing, c,
                                                           score->missing, ", ")}, true);
        return FPL_OK;
    }
    fpl_node nodes[LEAD_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, LEAD_NODES);
    fpl_view_object(&v, NULL);
    fpl_view_count(&v, "rank", w->leads + 1);
    fpl_view_count(&v, "line", line);
    fpl_view_string(&v, "id", id);
    fpl_view_number(&v, "score", score->score);
    fpl_view_string(&v, "band", band);
    fpl_view_bool(&v, "sales_ready", score->sales_ready);
    fpl_view_array(&v, "missing");
    for (size_t i = 0; i < c->n_criteria && i < FPL_MAX_CRITERIA; ++i) {
        if (score->missing & (UINT64_C(1) << i)) {
            fpl_view_string(&v, NULL, c->criteria[i].name);
        }
    }
    fpl_view_close(&v);
    fpl_view_close(&v);
    fpl__json j = stream_of(w);
    w->leads++;
    return put(&j, &v, err);
}

fpl_status fpl_score_render_skipped(fpl_score_writer *w, uint64_t line, const char *message,
                                    fpl_error *err)
{
    fpl__begin(err);
    if (w == NULL || w->sink == NULL || message == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    w->criteria = NULL; /* the rows are over */
    if (w->format != FPL_RENDER_JSON) {
        w->skipped++;
        return FPL_OK;
    }
    fpl_node nodes[3];
    fpl_view v;
    fpl_view_init(&v, nodes, 3);
    fpl_view_object(&v, NULL);
    fpl_view_count(&v, "line", line);
    fpl_view_string(&v, "message", message);
    fpl_view_close(&v);
    fpl__json j = stream_of(w);
    if (w->skipped++ == 0) {
        skipped_rows(&j);
    }
    return put(&j, &v, err);
}

fpl_status fpl_score_render_end(fpl_score_writer *w, fpl_error *err)
{
    fpl__begin(err);
    if (w == NULL || w->sink == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (w->format == FPL_RENDER_JSON) {
        fpl__json j = stream_of(w);
        if (w->skipped == 0) {
            skipped_rows(&j);
        }
        fpl__json_close(&j);
        fpl__json_close(&j);
    } else if (w->format == FPL_RENDER_TABLE) {
        const fpl_score_tally *n = &w->tally;
        const uint64_t count[6] = {n->scored, n->bands[FPL_BAND_HOT], n->bands[FPL_BAND_WARM],
                                   n->bands[FPL_BAND_COLD], n->sales_ready, n->skipped};
        const char *const after[6] = {n->scored == 1 ? " lead scored: " : " leads scored: ",
                                      " hot, ", " warm, ", " cold; ", " sales-ready; ",
                                      n->skipped == 1 ? " row skipped\n" : " rows skipped\n"};
        char num[FPL_NUMBER_MAX];
        fpl__text t = {.sink = w->sink, .ctx = w->ctx};
        put_str(&t, "\n");
        for (size_t k = 0; k < 6; ++k) {
            fpl_format_count(count[k], num, sizeof num);
            put_str(&t, num);
            put_str(&t, after[k]);
        }
    }
    w->sink = NULL;
    w->criteria = NULL;
    return FPL_OK;
}

/* ---- a fit ----------------------------------------------------------------- */

/* A fit's object under key (NULL at the root): 14 members, 3 nested
 * objects' 7, 8 per criterion and its object (FPL__FIT_NODES). */
void fpl__fit_describe(fpl_view *v, const char *key, const fpl_score_fit_result *f,
                       const fpl_score_fit_source *src, const char *options)
{
    const fpl_criteria *c = &f->fitted;
    fpl_view_object(v, key);
    fpl_view_string(v, "command", "score");
    fpl_view_string(v, "outcome", src->outcome);
    if (src->preset != NULL) {
        fpl_view_string(v, "preset", src->preset);
    } else {
        fpl_view_null(v, "preset");
    }
    fpl_view_array(v, "criteria");
    for (size_t i = 0; i < c->n_criteria; ++i) {
        fpl_view_object(v, NULL);
        fpl_view_string(v, "name", c->criteria[i].name);
        fpl_view_number(v, "weight", c->criteria[i].weight);
        fpl_view_number(v, "given_weight", f->given.criteria[i].weight);
        fpl_view_bool(v, "required", c->criteria[i].required);
        fpl_view_number(v, "coefficient", f->coefficient[i]);
        fpl_view_bool(v, "floored", (f->floored >> i & 1u) != 0);
        if (c->saturation[i] > 0.0) {
            fpl_view_number(v, "saturation", c->saturation[i]);
        }
        fpl_view_close(v);
    }
    fpl_view_close(v);
    fpl_view_number(v, "intercept", f->intercept);
    fpl_view_object(v, "fitted");
    fpl_view_count(v, "won", f->fit_won);
    fpl_view_count(v, "lost", f->fit_lost);
    fpl_view_close(v);
    fpl_view_object(v, "held_back");
    fpl_view_count(v, "every", FPL_SCORE_FIT_HOLDOUT);
    fpl_view_count(v, "won", f->test_won);
    fpl_view_count(v, "lost", f->test_lost);
    fpl_view_close(v);
    fpl_view_count(v, "open", src->open);
    fpl_view_count(v, "skipped", src->skipped);
    fpl_view_object(v, "auc");
    fpl_view_number(v, "fitted", f->auc_fitted);
    fpl_view_number(v, "given", f->auc_given);
    fpl_view_close(v);
    fpl_view_count(v, "iterations", f->iterations);
    fpl_view_bool(v, "converged", f->converged);
    fpl_view_string(v, "options", options);
    fpl_view_close(v);
}

static fpl_status fit_json(const fpl_score_fit_result *f, const fpl_score_fit_source *src,
                           const char *options, fpl_text_sink sink, void *ctx, fpl_error *err)
{
    fpl_node nodes[FPL__FIT_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, FPL__FIT_NODES);
    fpl__fit_describe(&v, NULL, f, src, options);
    fpl__json j = {.t = {.sink = sink, .ctx = ctx}};
    fpl__json_open(&j, NULL, '{');
    fpl_status st = fpl__json_members(&j, &v, NULL, err);
    if (st == FPL_OK) {
        fpl__json_close(&j);
    }
    return fpl__done(err, st);
}

/* A table cell padded to width: right-aligned or left. */
static void fit_cell(fpl__text *t, const char *s, size_t width, bool right)
{
    const size_t cells = fpl__display_width(s);
    const size_t pad = cells < width ? width - cells : 0;
    blanks(t, right ? pad : 0);
    put_str(t, s);
    blanks(t, right ? 0 : pad);
}

static void put_count(fpl__text *t, uint64_t n)
{
    char num[FPL_NUMBER_MAX];
    fpl_format_count(n, num, sizeof num);
    put_str(t, num);
}

void fpl__fit_table(const fpl_score_fit_result *f, const fpl_score_fit_source *src,
                    const char *options, fpl__text *t)
{
    const fpl_criteria *c = &f->fitted;
    size_t name_width = fpl__display_width("criterion");
    for (size_t i = 0; i < c->n_criteria; ++i) {
        const size_t w = fpl__display_width(c->criteria[i].name);
        name_width = w > name_width ? w : name_width;
    }
    fit_cell(t, "criterion", name_width, false);
    put_str(t, "  weight  given  coefficient\n");
    char num[FPL_NUMBER_MAX];
    for (size_t i = 0; i < c->n_criteria; ++i) {
        const bool floored = (f->floored >> i & 1u) != 0;
        fit_cell(t, c->criteria[i].name, name_width, false);
        put_str(t, "  ");
        fpl_format_number(c->criteria[i].weight, FPL_NUMBER_JSON, num, sizeof num);
        fit_cell(t, num, 6, true);
        put_str(t, "  ");
        fpl_format_number(f->given.criteria[i].weight, FPL_NUMBER_JSON, num, sizeof num);
        fit_cell(t, num, 5, true);
        put_str(t, "  ");
        fpl_format_fixed(f->coefficient[i], 3, false, num, sizeof num);
        fit_cell(t, num, 11, true);
        put_str(t, floored ? "  no positive effect\n" : "\n");
    }
    const uint64_t counts[9] = {f->fit_won + f->fit_lost, f->fit_won, f->fit_lost,
                                FPL_SCORE_FIT_HOLDOUT, f->test_won + f->test_lost,
                                f->test_won, f->test_lost, src->open, src->skipped};
    const char *const after[9] = {" leads (", " won, ", " lost); held back every ", "th: ",
                                  " (", " won, ", " lost); ", " open, ",
                                  src->skipped == 1 ? " row skipped\n" : " rows skipped\n"};
    put_str(t, "\nfitted on ");
    for (size_t k = 0; k < 9; ++k) {
        put_count(t, counts[k]);
        put_str(t, after[k]);
    }
    put_str(t, "area under the ROC curve on the held-back leads: fitted ");
    fpl_format_fixed(f->auc_fitted, 4, false, num, sizeof num);
    put_str(t, num);
    put_str(t, ", ");
    put_str(t, src->preset != NULL ? src->preset : "given");
    put_str(t, " ");
    fpl_format_fixed(f->auc_given, 4, false, num, sizeof num);
    put_str(t, num);
    put_str(t, f->converged ? "\n\n" : " (the fit did not converge)\n\n");
    put_str(t, options);
}

fpl_status fpl__fit_check(const fpl_score_fit_result *fit, const fpl_score_fit_source *source,
                          char options[FPL_CRITERIA_OPTIONS_MAX], fpl_error *err)
{
    if (fit == NULL || source == NULL || source->outcome == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_criteria *c = &fit->fitted;
    if (c->n_criteria > FPL_MAX_CRITERIA || fit->given.n_criteria != c->n_criteria) {
        return fpl__fail(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    char comment[FPL_NAME_MAX + 64];
    fpl__text ct = {.buf = comment, .capacity = sizeof comment};
    put_str(&ct, "criteria fitted to the outcomes in column ");
    put_str(&ct, source->outcome);
    fpl__text_end(&ct);
    (void)fpl_criteria_options(c, comment, options, FPL_CRITERIA_OPTIONS_MAX);
    return FPL_OK;
}

void fpl__fit_csv(const fpl_score_fit_result *fit, fpl__text *t)
{
    const fpl_criteria *c = &fit->fitted;
    put_str(t, "name,weight,given_weight,required,coefficient\n");
    char num[FPL_NUMBER_MAX];
    for (size_t i = 0; i < c->n_criteria; ++i) {
        fpl__csv_field(t, c->criteria[i].name);
        const double figures[2] = {c->criteria[i].weight, fit->given.criteria[i].weight};
        for (int k = 0; k < 2; ++k) {
            put_str(t, ",");
            fpl_format_number(figures[k], FPL_NUMBER_JSON, num, sizeof num);
            put_str(t, num);
        }
        put_str(t, c->criteria[i].required ? ",true," : ",false,");
        fpl_format_number(fit->coefficient[i], FPL_NUMBER_JSON, num, sizeof num);
        put_str(t, num);
        put_str(t, "\n");
    }
}

fpl_status fpl_score_fit_render(fpl_render_format format, const fpl_score_fit_result *fit,
                                const fpl_score_fit_source *source, fpl_text_sink sink, void *ctx,
                                fpl_error *err)
{
    fpl__begin(err);
    if (fit == NULL || source == NULL || source->outcome == NULL || sink == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (format != FPL_RENDER_TABLE && format != FPL_RENDER_JSON && format != FPL_RENDER_CSV) {
        return fpl__fail(err, FPL_ERR_FORMAT, FPL_FIELD_FORMAT, FPL_NO_INDEX);
    }
    char options[FPL_CRITERIA_OPTIONS_MAX];
    const fpl_status st = fpl__fit_check(fit, source, options, err);
    if (st != FPL_OK) {
        return st;
    }
    fpl__text t = {.sink = sink, .ctx = ctx};
    if (format == FPL_RENDER_JSON) {
        return fit_json(fit, source, options, sink, ctx, err);
    }
    if (format == FPL_RENDER_TABLE) {
        fpl__fit_table(fit, source, options, &t);
    } else {
        fpl__fit_csv(fit, &t);
    }
    return FPL_OK;
}

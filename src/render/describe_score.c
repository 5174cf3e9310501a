/*
 * funnelplan — the JSON of a file of scored leads, written a lead at a time.
 * SPDX-License-Identifier: MIT
 *
 * The keys and their order are the documented contract (docs/guide.md,
 * "score"). A file can have millions of leads: each part (the
 * head, a lead, a skipped row) is described into a few nodes and written to
 * the caller's sink; between two parts the writer holds only how many leads
 * and skipped rows it wrote.
 */

#include "internal.h"

#include "../internal.h"

/* The head: the object, its 4 leading members with 3 per criterion, the
 * counts and the bands. */
#define HEAD_NODES (1 + 2 + 4 * FPL_MAX_CRITERIA + 5 + 4 + 1)

/* A lead: the object, 7 figures and a missing criterion each. */
#define LEAD_NODES (8 + FPL_MAX_CRITERIA)

/* The text as it stands between two parts: the root object open and, in
 * it, the rows (before any skipped row) or the skipped rows. */
static fpl__json stream_of(const fpl_score_json *json)
{
    return (fpl__json){.t = {.sink = json->sink, .ctx = json->ctx},
                       .depth = 2,
                       .items = {1, json->skipped > 0 ? json->skipped : json->leads},
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

fpl_status fpl_score_json_begin(fpl_score_json *json, const fpl_criteria *criteria,
                                const char *id_column, const fpl_score_tally *tally,
                                fpl_json_sink sink, void *ctx, fpl_error *err)
{
    fpl__begin(err);
    if (json == NULL || criteria == NULL || id_column == NULL || tally == NULL || sink == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (criteria->n_criteria > FPL_MAX_CRITERIA) {
        return fpl__fail(err, FPL_ERR_CRITERION_COUNT, FPL_FIELD_CRITERIA, FPL_NO_INDEX);
    }
    *json = (fpl_score_json){sink, ctx, criteria, 0, 0};
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
        fpl_view_close(&v);
    }
    fpl_view_close(&v);
    fpl_view_number(&v, "hot", fpl_criteria_hot(criteria));
    fpl_view_number(&v, "warm", fpl_criteria_warm(criteria));
    fpl_view_string(&v, "id_column", id_column);
    fpl_view_count(&v, "scored", tally->scored);
    fpl_view_count(&v, "skipped", tally->skipped);
    fpl_view_object(&v, "bands");
    static const fpl_band order[3] = {FPL_BAND_HOT, FPL_BAND_WARM, FPL_BAND_COLD};
    for (int b = 0; b < 3; ++b) {
        fpl_view_count(&v, fpl_band_name(order[b]), tally->bands[order[b]]);
    }
    fpl_view_close(&v);
    fpl_view_count(&v, "sales_ready", tally->sales_ready);
    fpl_view_close(&v);
    fpl__json j = {.t = {.sink = sink, .ctx = ctx}};
    fpl__json_open(&j, NULL, '{');
    fpl_status st = fpl__json_members(&j, &v, NULL, err);
    if (st == FPL_OK) {
        fpl__json_open(&j, "rows", '[');
    }
    return fpl__done(err, st);
}

fpl_status fpl_score_json_lead(fpl_score_json *json, uint64_t line, const char *id,
                               const fpl_lead_score *score, fpl_error *err)
{
    fpl__begin(err);
    if (json == NULL || json->sink == NULL || json->criteria == NULL || id == NULL ||
        score == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const fpl_criteria *c = json->criteria;
    fpl_node nodes[LEAD_NODES];
    fpl_view v;
    fpl_view_init(&v, nodes, LEAD_NODES);
    fpl_view_object(&v, NULL);
    fpl_view_count(&v, "rank", json->leads + 1);
    fpl_view_count(&v, "line", line);
    fpl_view_string(&v, "id", id);
    fpl_view_number(&v, "score", score->score);
    fpl_view_string(&v, "band", fpl_band_name(score->band));
    fpl_view_bool(&v, "sales_ready", score->sales_ready);
    fpl_view_array(&v, "missing");
    for (size_t i = 0; i < c->n_criteria && i < FPL_MAX_CRITERIA; ++i) {
        if (score->missing & (UINT64_C(1) << i)) {
            fpl_view_string(&v, NULL, c->criteria[i].name);
        }
    }
    fpl_view_close(&v);
    fpl_view_close(&v);
    fpl__json j = stream_of(json);
    json->leads++;
    return put(&j, &v, err);
}

fpl_status fpl_score_json_skipped(fpl_score_json *json, uint64_t line, const char *message,
                                  fpl_error *err)
{
    fpl__begin(err);
    if (json == NULL || json->sink == NULL || message == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_node nodes[3];
    fpl_view v;
    fpl_view_init(&v, nodes, 3);
    fpl_view_object(&v, NULL);
    fpl_view_count(&v, "line", line);
    fpl_view_string(&v, "message", message);
    fpl_view_close(&v);
    fpl__json j = stream_of(json);
    if (json->skipped++ == 0) {
        skipped_rows(&j);
    }
    json->criteria = NULL; /* the rows are over */
    return put(&j, &v, err);
}

fpl_status fpl_score_json_end(fpl_score_json *json, fpl_error *err)
{
    fpl__begin(err);
    if (json == NULL || json->sink == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl__json j = stream_of(json);
    if (json->skipped == 0) {
        skipped_rows(&j);
    }
    fpl__json_close(&j);
    fpl__json_close(&j);
    json->sink = NULL;
    json->criteria = NULL;
    return FPL_OK;
}

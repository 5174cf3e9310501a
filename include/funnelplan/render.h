/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file render.h
 * @brief Presenting results: a description of a result (a view) and the
 * JSON written from it.
 */

#ifndef FUNNELPLAN_RENDER_H
#define FUNNELPLAN_RENDER_H

#include "channels.h"
#include "common.h"
#include "forecast.h"
#include "funnel.h"
#include "learn.h"
#include "mix.h"
#include "odds.h"
#include "pace.h"
#include "plan.h"
#include "schedule.h"
#include "score.h"
#include "sensitivity.h"
#include "solve.h"
#include "terms.h"
#include "whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup render Rendering
 * @brief What every face shows of a result, described once and written by
 * one writer per format.
 *
 * A result is first described as a *view*: a flat array of typed nodes in
 * preorder (an object or an array is followed by its children, each with
 * its own subtree), the figures and names in the order the documented JSON
 * contract gives them. A writer then walks any view: fpl_view_json() writes
 * JSON into a caller buffer. So the command line, Python's `to_dict()` and a
 * C program get the same bytes from the same description.
 *
 * Memory: nothing allocates. A view's nodes are the caller's array, with its
 * capacity (::FPL_VIEW_MAX_NODES always suffices for one plan or forecast
 * with its mixes; a describer given too few, even none, still counts them
 * all in fpl_view::needed, so a second call with that many succeeds); text
 * goes into the caller's buffer, whose size the writer tells like
 * `snprintf` (call it with capacity 0 first). A view
 * borrows the strings it names (stage and segment names, keys): keep the
 * funnel, the mixes and the keys alive until the view is written.
 *
 * Thread safety and locale: as everywhere in the library (see @ref common).
 * @{
 */

/** Deepest nesting of objects and arrays in a view (the root is depth 1). */
#define FPL_VIEW_MAX_DEPTH 16

/**
 * Nodes fpl_view_plan() adds at most (every stage, cost and confidence):
 * the object and its 12 figures, stages, by_period.
 */
#define FPL_VIEW_PLAN_NODES (13 + 1 + 8 * FPL_MAX_STAGES + 1 + \
                             FPL_PERIOD_COUNT * (5 + 3 * FPL_MAX_STAGES))

/**
 * Nodes fpl_view_forecast() adds at most (every stage, cost and target):
 * the object and its 17 figures, stages, by_period.
 */
#define FPL_VIEW_FORECAST_NODES (18 + 1 + 4 * FPL_MAX_STAGES + 1 + \
                                 FPL_PERIOD_COUNT * (5 + 3 * FPL_MAX_STAGES))

/** Nodes one mix adds at most to fpl_view_mixes()'s array. */
#define FPL_VIEW_MIX_NODES (4 + 4 * FPL_MAX_SEGMENTS)

/**
 * Nodes that always suffice for a plan or a forecast with a mix at every
 * stage: the capacity to give fpl_view_init() when in doubt.
 */
#define FPL_VIEW_MAX_NODES ((FPL_VIEW_PLAN_NODES > FPL_VIEW_FORECAST_NODES ? \
                             FPL_VIEW_PLAN_NODES : FPL_VIEW_FORECAST_NODES) + \
                            1 + FPL_MAX_STAGES * FPL_VIEW_MIX_NODES)

/** What a node is; a JSON value of that kind. */
typedef enum fpl_node_kind {
    FPL_NODE_OBJECT = 0, ///< an object; its fpl_node::children members follow, each with a key
    FPL_NODE_ARRAY,      ///< an array; its fpl_node::children elements follow
    FPL_NODE_NULL,       ///< no value (a figure the result does not have): `null`
    FPL_NODE_BOOL,       ///< fpl_node::value.boolean: `true` or `false`
    FPL_NODE_NUMBER,     ///< fpl_node::value.number, the shortest text that reads back to it (`null` when not finite)
    FPL_NODE_WHOLE,      ///< fpl_node::value.number, a whole count held in a double: an integer (a number when it is not whole)
    FPL_NODE_COUNT,      ///< fpl_node::value.count: an integer
    FPL_NODE_STRING,     ///< fpl_node::value.string, NUL-terminated UTF-8 (`null` when NULL)
    FPL_NODE_MONTH       ///< fpl_node::value.month, a calendar month: the string `"YYYY-MM"` (fpl_month_format())
} fpl_node_kind;

/** One node of a view. */
typedef struct fpl_node {
    fpl_node_kind kind; ///< what the node is
    const char *key;    ///< its key within an object; NULL for an array element and the root (borrowed)
    size_t children;    ///< for an object or an array: how many children follow (direct ones; each is followed by its own subtree)
    /** The value of a leaf, as fpl_node::kind says. */
    union {
        bool boolean;       ///< ::FPL_NODE_BOOL
        double number;      ///< ::FPL_NODE_NUMBER and ::FPL_NODE_WHOLE
        uint64_t count;     ///< ::FPL_NODE_COUNT
        const char *string; ///< ::FPL_NODE_STRING (borrowed)
        fpl_month month;    ///< ::FPL_NODE_MONTH
    } value;
} fpl_node;

/**
 * @brief A view being built: the caller's nodes, and where the next node
 * goes.
 *
 * Set it up with fpl_view_init(); the fields are read-only for the caller.
 * Adding never fails on its own: a node past the capacity (or nested past
 * ::FPL_VIEW_MAX_DEPTH, or a second root) is counted in fpl_view::needed but not
 * stored (the nodes stored stay a valid, shorter view), and
 * fpl_view_check() or the describer that was adding says so.
 */
typedef struct fpl_view {
    fpl_node *nodes;   ///< the caller's array
    size_t capacity;   ///< its length in nodes
    size_t count;      ///< nodes stored so far
    size_t needed;     ///< nodes added so far, stored or not: the capacity the view needs
    size_t depth;      ///< containers open
    size_t open[FPL_VIEW_MAX_DEPTH]; ///< the index of each open container (`(size_t)-1` when it was not stored)
    size_t excess;     ///< containers open past ::FPL_VIEW_MAX_DEPTH (counted in fpl_view::needed, not stored, with all they hold)
    size_t last;       ///< the index of the container closed last, while nothing follows it; `(size_t)-1` otherwise
} fpl_view;

/**
 * @brief Starts an empty view over the caller's nodes.
 * @param[out] view the view.
 * @param[in] nodes the array the nodes go into (may be NULL when
 *   @p capacity is 0: then the view only counts what it needs).
 * @param[in] capacity its length in nodes.
 */
FPL_API void fpl_view_init(fpl_view *view, fpl_node *nodes, size_t capacity);

/**
 * @brief Whether every node added was stored.
 * @param[in] view the view.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_WORKSPACE when the nodes did
 *   not fit (fpl_view::needed says how many are needed), the nesting went
 *   past ::FPL_VIEW_MAX_DEPTH or a second root was added.
 */
FPL_API fpl_status fpl_view_check(const fpl_view *view, fpl_error *err);

/**
 * @brief Opens an object: the nodes added next are its members, until
 * fpl_view_close().
 * @param[in,out] view the view.
 * @param[in] key its key in the enclosing object (NULL in an array or at
 *   the root).
 */
FPL_API void fpl_view_object(fpl_view *view, const char *key);

/**
 * @brief Opens an array: the nodes added next are its elements, until
 * fpl_view_close().
 * @param[in,out] view the view.
 * @param[in] key its key in the enclosing object (NULL in an array or at
 *   the root).
 */
FPL_API void fpl_view_array(fpl_view *view, const char *key);

/**
 * @brief Closes the object or array opened last (nothing when none is open).
 * @param[in,out] view the view.
 */
FPL_API void fpl_view_close(fpl_view *view);

/**
 * @brief Opens again the object or array closed last, so that members can
 * be added at its end: how a result's object gets the key of its lead mixes
 * (fpl_view_mixes()). Nothing happens unless a container was just closed.
 * @param[in,out] view the view.
 */
FPL_API void fpl_view_reopen(fpl_view *view);

/**
 * @brief Adds `null`.
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 */
FPL_API void fpl_view_null(fpl_view *view, const char *key);

/**
 * @brief Adds `true` or `false`.
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] x the value.
 */
FPL_API void fpl_view_bool(fpl_view *view, const char *key, bool x);

/**
 * @brief Adds a number.
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] x the value.
 */
FPL_API void fpl_view_number(fpl_view *view, const char *key, double x);

/**
 * @brief Adds a number when @p present, else `null`.
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] present whether the result has the figure.
 * @param[in] x the value.
 */
FPL_API void fpl_view_number_or_null(fpl_view *view, const char *key, bool present, double x);

/**
 * @brief Adds a whole count held in a double (written as an integer).
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] x the value.
 */
FPL_API void fpl_view_whole(fpl_view *view, const char *key, double x);

/**
 * @brief Adds a count.
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] n the value.
 */
FPL_API void fpl_view_count(fpl_view *view, const char *key, uint64_t n);

/**
 * @brief Adds a string (borrowed: kept alive by the caller).
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] s NUL-terminated UTF-8; NULL adds `null`.
 */
FPL_API void fpl_view_string(fpl_view *view, const char *key, const char *s);

/**
 * @brief Adds a calendar month (written `"YYYY-MM"`: the view holds the
 * month, not a text that would have to be kept alive).
 * @param[in,out] view the view.
 * @param[in] key the key (NULL in an array).
 * @param[in] month the month.
 */
FPL_API void fpl_view_month(fpl_view *view, const char *key, fpl_month month);

/**
 * @brief Adds the description of a plan: the object `funnelplan plan
 * --format json` prints (keys and order in docs/guide.md).
 * @param[in,out] view the view; the plan goes into the open container (or
 *   becomes the root).
 * @param[in] key its key in the enclosing object (NULL in an array or at
 *   the root).
 * @param[in] funnel the funnel planned (for the stage names).
 * @param[in] plan the plan.
 * @param[in] confidence with `plan --confidence`, the volumes for that
 *   chance (fpl_odds_plan_compute()); NULL without.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the plan has
 *   more stages than the funnel; ::FPL_ERR_PERIOD for a period outside the
 *   enum; ::FPL_ERR_WORKSPACE when the view is full (see fpl_view_check()).
 */
FPL_API fpl_status fpl_view_plan(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                 const fpl_plan *plan, const fpl_odds_plan *confidence,
                                 fpl_error *err);

/**
 * @brief Adds the description of a forecast: the object `funnelplan
 * forecast --format json` prints.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel of the forecast (for the stage names and
 *   rates).
 * @param[in] forecast the forecast.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_view_plan(); ::FPL_ERR_STAGE_UNKNOWN when the stage the
 *   volume enters is not one of the forecast's.
 */
FPL_API fpl_status fpl_view_forecast(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                     const fpl_forecast *forecast, fpl_error *err);

/**
 * @brief Adds the lead mixes of a result, a list under @p key (`"mix"`,
 * `"scenario_mix"`), each with its stage, segments and blended rate;
 * nothing when @p n is 0.
 *
 * The result's object was closed by its describer: fpl_view_reopen() it
 * first, and close it again after.
 * @param[in,out] view the view.
 * @param[in] key the key.
 * @param[in] funnel the funnel (for the stage names).
 * @param[in] mixes the mixes, in funnel order (may be NULL when @p n is 0).
 * @param[in] n how many.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_UNKNOWN for a mix of a
 *   stage the funnel does not have; a status of fpl_mix_rate() (field
 *   ::FPL_FIELD_MIX, index: the stage); ::FPL_ERR_WORKSPACE when the view
 *   is full.
 */
FPL_API fpl_status fpl_view_mixes(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                  const fpl_mix *mixes, size_t n, fpl_error *err);

/**
 * @brief Writes a view as JSON, like `snprintf`: at most @p capacity − 1
 * bytes and a NUL (nothing when @p capacity is 0).
 *
 * The text is the root node (the first) and a newline, pretty-printed as
 * Python's `json.dumps(indent=2)`: two spaces per level, one member or
 * element per line, `[]` and `{}` when empty. Strings are escaped (`\"`,
 * `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters and DEL as
 * `\u00XX`); other bytes are copied. An empty view is `null`. A view that
 * names more children than it holds is written with what it holds; nesting
 * past ::FPL_VIEW_MAX_DEPTH is written as `null`.
 *
 * @code
 * fpl_node nodes[FPL_VIEW_MAX_NODES];
 * fpl_view view;
 * fpl_view_init(&view, nodes, FPL_VIEW_MAX_NODES);
 * if (fpl_view_plan(&view, NULL, &funnel, &plan, NULL, NULL) == FPL_OK) {
 *     char text[8192];
 *     size_t len = fpl_view_json(view.nodes, view.count, text, sizeof text);
 *     if (len < sizeof text) {
 *         fputs(text, stdout);
 *     }
 * }
 * @endcode
 * @param[in] nodes the view's nodes (may be NULL when @p count is 0).
 * @param[in] count how many.
 * @param[out] buf where the text goes (may be NULL when @p capacity is 0).
 * @param[in] capacity its size in bytes.
 * @return the length of the whole text, NUL not counted: it was cut when
 *   that is @p capacity or more.
 */
FPL_API size_t fpl_view_json(const fpl_node *nodes, size_t count, char *buf, size_t capacity);

/**
 * @brief The JSON of a plan and its mixes: what `funnelplan plan --format
 * json` prints, byte for byte (fpl_view_plan(), fpl_view_mixes() under
 * `"mix"` and fpl_view_json() in one call).
 *
 * @code
 * char text[8192];
 * size_t len;
 * if (fpl_plan_json(&funnel, &plan, NULL, NULL, 0, text, sizeof text, &len, NULL) == FPL_OK &&
 *     len < sizeof text) {
 *     fputs(text, stdout);
 * }
 * @endcode
 * @param[in] funnel the funnel planned.
 * @param[in] plan the plan.
 * @param[in] confidence the volumes for a chance, or NULL.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted (cut
 *   when it is @p capacity or more); written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_plan() or fpl_view_mixes(); a
 *   text cut short is not a failure.
 */
FPL_API fpl_status fpl_plan_json(const fpl_funnel *funnel, const fpl_plan *plan,
                                 const fpl_odds_plan *confidence, const fpl_mix *mixes,
                                 size_t n_mixes, char *buf, size_t capacity, size_t *length_out,
                                 fpl_error *err);

/**
 * @brief The JSON of a forecast and its mixes: what `funnelplan forecast
 * --format json` prints, byte for byte.
 * @param[in] funnel the funnel of the forecast.
 * @param[in] forecast the forecast.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_forecast() or fpl_view_mixes().
 */
FPL_API fpl_status fpl_forecast_json(const fpl_funnel *funnel, const fpl_forecast *forecast,
                                     const fpl_mix *mixes, size_t n_mixes, char *buf,
                                     size_t capacity, size_t *length_out, fpl_error *err);

/* ---- schedule and pace ---------------------------------------------------- */

/**
 * Nodes one row (a calendar month) of a schedule adds at most: the object,
 * 5 figures, `entering`, and with reps `deals_per_rep` and
 * `entering_per_rep`.
 */
#define FPL_VIEW_SCHEDULE_ROW_NODES (9 + 2 * FPL_MAX_STAGES)

/**
 * Nodes fpl_view_schedule() adds at most: the object and its 9 leading
 * figures, `seasonality` (12 weights), `monthly` (a target per month of the
 * span), `stages`, `rows`, the 5 figures of reps and `velocity`.
 */
#define FPL_VIEW_SCHEDULE_NODES (10 + 13 + (3 + FPL_SCHEDULE_MAX_MONTHS) + \
                                 (1 + 6 * FPL_MAX_STAGES) + \
                                 (1 + FPL_SCHEDULE_MAX_ROWS * FPL_VIEW_SCHEDULE_ROW_NODES) + \
                                 5 + 6)

/**
 * Nodes fpl_view_pace() adds at most: the object and its 5 leading figures,
 * `stages` (each with 21 figures), `deals` and `revenue` (17 each),
 * `warning`, `coverage` (the open pipeline of every stage), `reps` and
 * `months_left`.
 */
#define FPL_VIEW_PACE_NODES (6 + (1 + 22 * FPL_MAX_STAGES) + 2 * 18 + 3 + \
                             (8 + 3 * FPL_MAX_STAGES) + 2)

/**
 * @brief Adds the description of a schedule: the object `funnelplan
 * schedule --format json` prints (keys and order in docs/guide.md).
 * @param[in,out] view the view; as fpl_view_plan(). A whole schedule can
 *   take ::FPL_VIEW_SCHEDULE_NODES nodes (about 570 KB): fpl_schedule_json()
 *   writes the same text with a few hundred.
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel scheduled (for the stage names and rates).
 * @param[in] schedule the schedule (fpl_schedule_compute()).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the schedule
 *   has more stages than the funnel (or none); ::FPL_ERR_PERIOD for a period
 *   outside the enum; ::FPL_ERR_MONTHS for more rows or months than a
 *   schedule holds; ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_schedule(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                     const fpl_schedule *schedule, fpl_error *err);

/**
 * @brief Adds the description of a pace: the object `funnelplan pace
 * --format json` prints, with the status names of fpl_pace_status_name().
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel paced (for the stage names and rates).
 * @param[in] pace the pace (fpl_pace_compute()).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the pace has
 *   more stages than the funnel; ::FPL_ERR_STAGE_UNKNOWN when the warning
 *   names a stage the pace does not have; ::FPL_ERR_PERIOD;
 *   ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_pace(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                 const fpl_pace *pace, fpl_error *err);

/**
 * @brief The JSON of a schedule: what `funnelplan schedule --format json`
 * prints, byte for byte (fpl_view_schedule() and fpl_view_json(), one row
 * at a time, so without a view of the whole schedule).
 *
 * @code
 * size_t len;
 * if (fpl_schedule_json(&funnel, &s, NULL, 0, &len, NULL) == FPL_OK) {
 *     char *text = malloc(len + 1);
 *     if (text != NULL &&
 *         fpl_schedule_json(&funnel, &s, text, len + 1, &len, NULL) == FPL_OK) {
 *         fputs(text, stdout);
 *     }
 *     free(text);
 * }
 * @endcode
 * @param[in] funnel the funnel scheduled.
 * @param[in] schedule the schedule.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_schedule(); a text cut short is
 *   not a failure.
 */
FPL_API fpl_status fpl_schedule_json(const fpl_funnel *funnel, const fpl_schedule *schedule,
                                     char *buf, size_t capacity, size_t *length_out,
                                     fpl_error *err);

/**
 * @brief The JSON of a pace: what `funnelplan pace --format json` prints,
 * byte for byte.
 * @param[in] funnel the funnel paced.
 * @param[in] pace the pace.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_pace().
 */
FPL_API fpl_status fpl_pace_json(const fpl_funnel *funnel, const fpl_pace *pace, char *buf,
                                 size_t capacity, size_t *length_out, fpl_error *err);

/* ---- odds ---------------------------------------------------------------- */

/**
 * Nodes fpl_view_odds_sim() adds at most (a history on every stage, a deal
 * size): the object and its 4 settings, history, judged_on and 3 figures,
 * two quantile objects, and std_error with its own 3 figures and two.
 */
#define FPL_VIEW_ODDS_SIM_NODES (1 + 4 + 1 + 4 * FPL_MAX_STAGES + 4 + 2 * 4 + \
                                 1 + 3 + 2 * 4)

/**
 * Nodes fpl_view_odds() adds at most (a deal size, every confidence level, a
 * simulation): the object and its 13 figures, two quantile objects,
 * volume_for (an object of 3 a level), simulation, volume_per and
 * given_volume.
 */
#define FPL_VIEW_ODDS_NODES (1 + 13 + 2 * 4 + 1 + 4 * FPL_ODDS_MAX_LEVELS + 2 + \
                             FPL_VIEW_ODDS_SIM_NODES)

/**
 * @brief How a simulation's deal sizes are distributed, as the odds JSON
 * names it (`deal_size_distribution`).
 * @param[in] deal_size_cv fpl_odds_sim_input::deal_size_cv.
 * @return `"gamma"` when the sizes vary (@p deal_size_cv > 0); NULL when
 *   they are fixed (the JSON's `null`).
 */
FPL_API const char *fpl_odds_distribution_name(double deal_size_cv);

/**
 * @brief What a simulation judged a hit on, as the odds JSON names it
 * (`judged_on`).
 * @param[in] sim the simulation.
 * @return `"revenue"` when fpl_odds_sim::by_revenue, else `"deals"`; NULL
 *   when @p sim is NULL.
 */
FPL_API const char *fpl_odds_judged_on_name(const fpl_odds_sim *sim);

/**
 * @brief Adds the description of a Monte Carlo simulation: the object under
 * `"simulation"` in `funnelplan odds --simulate --format json`.
 *
 * Its settings come from what it was asked: the deal-size variation
 * (`deal_size_cv` and `deal_size_distribution`) and the rates known from
 * history (`history`, in funnel order) are @p input's.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key its key in the enclosing object (NULL in an array or at
 *   the root).
 * @param[in] funnel the funnel (for the stage names of the history).
 * @param[in] input what fpl_odds_simulate() was given.
 * @param[in] sim what it returned.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the funnel
 *   has more than ::FPL_MAX_STAGES stages; ::FPL_ERR_WORKSPACE when the
 *   view is full (see fpl_view_check()).
 */
FPL_API fpl_status fpl_view_odds_sim(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                     const fpl_odds_sim_input *input, const fpl_odds_sim *sim,
                                     fpl_error *err);

/**
 * @brief Adds the description of an odds result: the object `funnelplan
 * odds --format json` prints (keys and order in docs/guide.md), with the
 * simulation (fpl_view_odds_sim()) under `"simulation"`, or `null` there
 * without one.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel (for the stage names).
 * @param[in] odds the exact result (fpl_odds_compute()).
 * @param[in] sim_input what fpl_odds_simulate() was given; NULL without a
 *   simulation.
 * @param[in] sim what it returned; NULL without a simulation.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL (also for @p sim without @p sim_input);
 *   ::FPL_ERR_STAGE_COUNT; ::FPL_ERR_CONFIDENCE_COUNT when the result has
 *   more than ::FPL_ODDS_MAX_LEVELS levels; ::FPL_ERR_STAGE_UNKNOWN when
 *   the stage the volume enters is not the funnel's; ::FPL_ERR_PERIOD;
 *   ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_odds(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                 const fpl_odds *odds, const fpl_odds_sim_input *sim_input,
                                 const fpl_odds_sim *sim, fpl_error *err);

/**
 * @brief The JSON of an odds result: what `funnelplan odds --format json`
 * prints (with `--simulate`, give the simulation), byte for byte.
 *
 * @code
 * char text[8192];
 * size_t len;
 * if (fpl_odds_json(&funnel, &odds, NULL, NULL, text, sizeof text, &len, NULL) == FPL_OK &&
 *     len < sizeof text) {
 *     fputs(text, stdout);
 * }
 * @endcode
 * @param[in] funnel the funnel.
 * @param[in] odds the exact result.
 * @param[in] sim_input what the simulation was given, or NULL.
 * @param[in] sim the simulation, or NULL.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_odds().
 */
FPL_API fpl_status fpl_odds_json(const fpl_funnel *funnel, const fpl_odds *odds,
                                 const fpl_odds_sim_input *sim_input, const fpl_odds_sim *sim,
                                 char *buf, size_t capacity, size_t *length_out, fpl_error *err);

/* ---- channels ---------------------------------------------------------- */

/** Nodes one channel adds to fpl_view_channels(): its object and 28 figures. */
#define FPL_VIEW_CHANNEL_NODES 29

/**
 * Nodes fpl_view_channels() adds at most (::FPL_MAX_CHANNELS channels, a
 * target, a marginal cost and a most): the object and its 5 leaves, target
 * (3), channels, ranking and losing (an array and a name per channel each),
 * total (11), marginal (4), most (4).
 */
#define FPL_VIEW_CHANNELS_NODES (31 + (FPL_VIEW_CHANNEL_NODES + 2) * FPL_MAX_CHANNELS)

/**
 * @brief Adds the description of a channels result: the object `funnelplan
 * channels --format json` prints (keys and order in docs/guide.md).
 *
 * The mode is fpl_channels_mode_name(), a channel's quality
 * fpl_channel_quality_name(), the target's kind fpl_target_name(); the
 * target's value and the deal size are the terms'; a channel's name,
 * quality and quality value are the input's.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] terms the terms of the question (the target's value, the deal
 *   size).
 * @param[in] input the channels asked about (their names and qualities).
 * @param[in] channels the result of fpl_channels_compute().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_PERIOD for a period outside
 *   the enum; ::FPL_ERR_TARGET for a target kind outside the enum;
 *   ::FPL_ERR_CHANNEL_COUNT (field ::FPL_FIELD_CHANNEL) when the result has
 *   more channels than the input or ::FPL_MAX_CHANNELS, or a ranking entry
 *   (index: its position) names a channel it does not have;
 *   ::FPL_ERR_STAGE_NAME_LONG (field ::FPL_FIELD_CHANNEL, index: the
 *   channel) for a name not NUL-terminated; ::FPL_ERR_CHANNEL_QUALITY (field
 *   ::FPL_FIELD_CHANNEL_QUALITY, index: the channel) for a quality kind
 *   outside the enum; ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_channels(fpl_view *view, const char *key, const fpl_terms *terms,
                                     const fpl_channels_input *input,
                                     const fpl_channels *channels, fpl_error *err);

/**
 * @brief The JSON of a channels result: what `funnelplan channels --format
 * json` prints, byte for byte (fpl_view_channels() and fpl_view_json() in
 * one call, holding one channel's nodes at a time).
 *
 * @code
 * char text[32768];
 * size_t len;
 * if (fpl_channels_json(&terms, &input, &result, text, sizeof text, &len, NULL) == FPL_OK &&
 *     len < sizeof text) {
 *     fputs(text, stdout);
 * }
 * @endcode
 * @param[in] terms as fpl_view_channels().
 * @param[in] input as fpl_view_channels().
 * @param[in] channels as fpl_view_channels().
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_channels(); a text cut short is
 *   not a failure.
 */
FPL_API fpl_status fpl_channels_json(const fpl_terms *terms, const fpl_channels_input *input,
                                     const fpl_channels *channels, char *buf, size_t capacity,
                                     size_t *length_out, fpl_error *err);

/* ---- what-if, sensitivity and goal seek ------------------------------- */

/**
 * Nodes a what-if's baseline or scenario adds at most: a plan without a
 * confidence (its figure and one per stage fewer) or a forecast, the larger.
 */
#define FPL_VIEW_SIDE_NODES (FPL_VIEW_PLAN_NODES - 1 - FPL_MAX_STAGES > FPL_VIEW_FORECAST_NODES ? \
                             FPL_VIEW_PLAN_NODES - 1 - FPL_MAX_STAGES : FPL_VIEW_FORECAST_NODES)

/**
 * Nodes fpl_view_whatif() adds at most (every change, an investment): the
 * object and its 4 leading figures, changes, baseline, scenario, margin,
 * delta and its 8 figures, invest, roi and payback_periods.
 */
#define FPL_VIEW_WHATIF_NODES (19 + 4 * FPL_MAX_CHANGES + 2 * FPL_VIEW_SIDE_NODES)

/**
 * Nodes fpl_view_sensitivity() adds at most (every stage and the deal
 * size): the object, command, per, mode, step and its 2 figures,
 * deal_size_step, rows.
 */
#define FPL_VIEW_SENSITIVITY_NODES (9 + 6 * (FPL_MAX_STAGES + 1))

/** Nodes fpl_view_solve() adds: the object and its 6 figures. */
#define FPL_VIEW_SOLVE_NODES 7

/**
 * @brief Adds the description of a what-if: the object `funnelplan whatif
 * --format json` prints (before its lead mixes), the baseline and the
 * scenario described by fpl_view_forecast() (volume held) or
 * fpl_view_plan() (target held).
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel of the question (the baseline's; the
 *   scenario's is fpl_whatif::scenario_funnel).
 * @param[in] input the question (for its changes, in the order applied).
 * @param[in] whatif the result.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_CHANGE_COUNT for more than
 *   ::FPL_MAX_CHANGES changes; ::FPL_ERR_CHANGE_LEVER for a change whose
 *   lever or kind has no name (field ::FPL_FIELD_CHANGE, index: which);
 *   ::FPL_ERR_PERIOD; a status of fpl_view_plan() or fpl_view_forecast();
 *   ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_whatif(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                   const fpl_whatif_input *input, const fpl_whatif *whatif,
                                   fpl_error *err);

/**
 * @brief Adds the description of a sensitivity ranking: the object
 * `funnelplan sensitivity --format json` prints.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel of the question (for the levers' names).
 * @param[in] sensitivity the result.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT for more rows
 *   than fpl_sensitivity::rows holds; ::FPL_ERR_CHANGE_LEVER for a row whose
 *   lever has no name (field ::FPL_FIELD_LEVER, index: the row);
 *   ::FPL_ERR_STEP for a step kind outside the enum; ::FPL_ERR_PERIOD;
 *   ::FPL_ERR_WORKSPACE when the view is full.
 */
FPL_API fpl_status fpl_view_sensitivity(fpl_view *view, const char *key,
                                        const fpl_funnel *funnel,
                                        const fpl_sensitivity *sensitivity, fpl_error *err);

/**
 * @brief Adds the description of a goal seek: the object `funnelplan solve
 * --format json` prints.
 * @param[in,out] view the view; as fpl_view_plan().
 * @param[in] key as fpl_view_plan().
 * @param[in] funnel the funnel of the question (for the lever's name).
 * @param[in] solve the result.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_CHANGE_LEVER for a lever
 *   without a name; ::FPL_ERR_PERIOD; ::FPL_ERR_WORKSPACE when the view is
 *   full.
 */
FPL_API fpl_status fpl_view_solve(fpl_view *view, const char *key, const fpl_funnel *funnel,
                                  const fpl_solve *solve, fpl_error *err);

/**
 * @brief The JSON of a what-if and its lead mixes: what `funnelplan whatif
 * --format json` prints, byte for byte (fpl_view_whatif(), then
 * fpl_view_mixes() under `"mix"` and under `"scenario_mix"`).
 *
 * Written a part at a time, so the stack holds one plan's nodes, not
 * ::FPL_VIEW_WHATIF_NODES.
 * @param[in] funnel the funnel of the question.
 * @param[in] input the question.
 * @param[in] whatif the result.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[in] scenario_mixes the scenario's lead mixes (`--scenario-mix`),
 *   stages of @p funnel (may be NULL when @p n_scenario_mixes is 0).
 * @param[in] n_scenario_mixes how many.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_whatif() or fpl_view_mixes().
 */
FPL_API fpl_status fpl_whatif_json(const fpl_funnel *funnel, const fpl_whatif_input *input,
                                   const fpl_whatif *whatif, const fpl_mix *mixes,
                                   size_t n_mixes, const fpl_mix *scenario_mixes,
                                   size_t n_scenario_mixes, char *buf, size_t capacity,
                                   size_t *length_out, fpl_error *err);

/**
 * @brief The JSON of a sensitivity ranking: what `funnelplan sensitivity
 * --format json` prints, byte for byte.
 * @param[in] funnel the funnel of the question.
 * @param[in] sensitivity the result.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_sensitivity().
 */
FPL_API fpl_status fpl_sensitivity_json(const fpl_funnel *funnel,
                                        const fpl_sensitivity *sensitivity, char *buf,
                                        size_t capacity, size_t *length_out, fpl_error *err);

/**
 * @brief The JSON of a goal seek: what `funnelplan solve --format json`
 * prints, byte for byte.
 * @param[in] funnel the funnel of the question.
 * @param[in] solve the result.
 * @param[out] buf where the text goes, as fpl_view_json().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out as fpl_plan_json().
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or a status of fpl_view_solve().
 */
FPL_API fpl_status fpl_solve_json(const fpl_funnel *funnel, const fpl_solve *solve, char *buf,
                                  size_t capacity, size_t *length_out, fpl_error *err);

/* ---- every format ------------------------------------------------------- */

/** The formats a result is rendered in: what `--format` takes. */
typedef enum fpl_render_format {
    FPL_RENDER_TABLE = 0, ///< for people: a headline, aligned columns with bars, notes (UTF-8)
    FPL_RENDER_JSON,      ///< the JSON contract, as the result's `fpl_*_json()` writes it
    FPL_RENDER_CSV,       ///< a header row, then one row per stage, lever, level or month
    FPL_RENDER_SVG        ///< a picture (plan, forecast, whatif, schedule and channels only)
} fpl_render_format;

/**
 * @brief The name of a format, as `--format` takes it: `"table"`, `"json"`,
 * `"csv"` or `"svg"`.
 * @param[in] format the format.
 * @return a static string; NULL for a value outside the enum.
 */
FPL_API const char *fpl_render_format_name(fpl_render_format format);

/**
 * @brief Reads a format name (exact, lower case, as fpl_render_format_name()
 * writes it).
 * @param[in] text the name; NUL-terminated when @p len is ::FPL_NUL_TERMINATED.
 * @param[in] len its length in bytes.
 * @param[out] out the format, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_FORMAT (::FPL_FIELD_FORMAT).
 */
FPL_API fpl_status fpl_render_format_parse(const char *text, size_t len, fpl_render_format *out,
                                           fpl_error *err);

/**
 * @brief A plan and its mixes in any format: what `funnelplan plan
 * --format F` prints, byte for byte.
 *
 * Every format checks the plan as fpl_plan_json() does; ::FPL_RENDER_SVG is
 * fpl_plan_svg()'s picture (the mixes are checked, not drawn). Text goes
 * into the caller's buffer as fpl_view_json() writes it: call with capacity
 * 0 for the length, then with length + 1.
 *
 * @code
 * char text[4096];
 * size_t len;
 * if (fpl_plan_render(&funnel, &plan, NULL, NULL, 0, FPL_RENDER_TABLE, text, sizeof text,
 *                     &len, NULL) == FPL_OK && len < sizeof text) {
 *     fputs(text, stdout);
 * }
 * @endcode
 * @param[in] funnel the funnel planned.
 * @param[in] plan the plan.
 * @param[in] confidence the volumes for a chance, or NULL.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[in] format the format.
 * @param[out] buf where the text goes (may be NULL when @p capacity is 0).
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, a status of fpl_plan_json(), ::FPL_ERR_NULL or
 *   ::FPL_ERR_FORMAT (a format outside ::fpl_render_format).
 */
FPL_API fpl_status fpl_plan_render(const fpl_funnel *funnel, const fpl_plan *plan,
                                   const fpl_odds_plan *confidence, const fpl_mix *mixes,
                                   size_t n_mixes, fpl_render_format format, char *buf,
                                   size_t capacity, size_t *length_out, fpl_error *err);

/**
 * @brief A forecast and its mixes in any format: what `funnelplan forecast
 * --format F` prints, byte for byte.
 * @param[in] funnel the funnel of the forecast.
 * @param[in] forecast the forecast.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_forecast_json().
 */
FPL_API fpl_status fpl_forecast_render(const fpl_funnel *funnel, const fpl_forecast *forecast,
                                       const fpl_mix *mixes, size_t n_mixes,
                                       fpl_render_format format, char *buf, size_t capacity,
                                       size_t *length_out, fpl_error *err);

/**
 * @brief An odds result in any format but SVG: what `funnelplan odds
 * --format F` prints, byte for byte.
 *
 * The simulation is shown when both @p sim_input and @p sim are given
 * (the table says what it was asked; the CSV, one row per confidence
 * level, has the exact figures only); @p sim_input without @p sim is no
 * simulation, @p sim without @p sim_input is refused, as fpl_odds_json()
 * does.
 * @param[in] funnel the funnel.
 * @param[in] odds the exact result (fpl_odds_compute()).
 * @param[in] sim_input what fpl_odds_simulate() was given, or NULL.
 * @param[in] sim what it returned, or NULL.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_odds_json();
 *   ::FPL_ERR_FORMAT also for ::FPL_RENDER_SVG (odds have no picture).
 */
FPL_API fpl_status fpl_odds_render(const fpl_funnel *funnel, const fpl_odds *odds,
                                   const fpl_odds_sim_input *sim_input, const fpl_odds_sim *sim,
                                   fpl_render_format format, char *buf, size_t capacity,
                                   size_t *length_out, fpl_error *err);

/**
 * @brief A what-if and its lead mixes in any format: what `funnelplan
 * whatif --format F` prints, byte for byte (SVG: fpl_whatif_svg()).
 *
 * The result and the input carry every word of the table (what is held,
 * the changes as typed).
 * @param[in] funnel the funnel of the question.
 * @param[in] input the question.
 * @param[in] whatif the result.
 * @param[in] mixes the funnel's lead mixes (may be NULL when @p n_mixes is 0).
 * @param[in] n_mixes how many.
 * @param[in] scenario_mixes the scenario's lead mixes (may be NULL when
 *   @p n_scenario_mixes is 0).
 * @param[in] n_scenario_mixes how many.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_whatif_json().
 */
FPL_API fpl_status fpl_whatif_render(const fpl_funnel *funnel, const fpl_whatif_input *input,
                                     const fpl_whatif *whatif, const fpl_mix *mixes,
                                     size_t n_mixes, const fpl_mix *scenario_mixes,
                                     size_t n_scenario_mixes, fpl_render_format format,
                                     char *buf, size_t capacity, size_t *length_out,
                                     fpl_error *err);

/**
 * @brief A sensitivity ranking in any format but SVG: what `funnelplan
 * sensitivity --format F` prints, byte for byte (without its lead mixes).
 * @param[in] funnel the funnel of the question.
 * @param[in] terms the terms it was computed with (the target held, named
 *   in the headline).
 * @param[in] input the question (the volume held, named in the headline).
 * @param[in] sensitivity the result.
 * @param[in] mixes the funnel's lead mixes, a line each under the table (may
 *   be NULL when @p n_mixes is 0; not in the JSON or the CSV).
 * @param[in] n_mixes how many.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_sensitivity_json();
 *   ::FPL_ERR_STAGE_UNKNOWN (::FPL_FIELD_AT) for a volume held at a stage
 *   the funnel lacks.
 */
FPL_API fpl_status fpl_sensitivity_render(const fpl_funnel *funnel, const fpl_terms *terms,
                                          const fpl_sensitivity_input *input,
                                          const fpl_sensitivity *sensitivity,
                                          const fpl_mix *mixes, size_t n_mixes,
                                          fpl_render_format format, char *buf,
                                          size_t capacity, size_t *length_out, fpl_error *err);

/**
 * @brief A goal seek in any format but SVG: what `funnelplan solve
 * --format F` prints, byte for byte (without its lead mixes).
 * @param[in] funnel the funnel of the question.
 * @param[in] terms the terms it was computed with (the target, named in the
 *   headline).
 * @param[in] input the question (the volume, named in the headline).
 * @param[in] solve the result.
 * @param[in] mixes the funnel's lead mixes, as fpl_sensitivity_render().
 * @param[in] n_mixes how many.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_sensitivity_render(), with the statuses of fpl_solve_json().
 */
FPL_API fpl_status fpl_solve_render(const fpl_funnel *funnel, const fpl_terms *terms,
                                    const fpl_solve_input *input, const fpl_solve *solve,
                                    const fpl_mix *mixes, size_t n_mixes,
                                    fpl_render_format format, char *buf, size_t capacity,
                                    size_t *length_out, fpl_error *err);

/**
 * @brief A schedule in any format: what `funnelplan schedule --format F`
 * prints, byte for byte (SVG: fpl_schedule_svg()).
 * @param[in] funnel the funnel scheduled.
 * @param[in] schedule the schedule.
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_schedule_json().
 */
FPL_API fpl_status fpl_schedule_render(const fpl_funnel *funnel, const fpl_schedule *schedule,
                                       fpl_render_format format, char *buf, size_t capacity,
                                       size_t *length_out, fpl_error *err);

/**
 * @brief A pace in any format but SVG: what `funnelplan pace --format F`
 * prints, byte for byte.
 * @param[in] funnel the funnel paced.
 * @param[in] pace the pace.
 * @param[in] start the first day of the period, or NULL.
 * @param[in] as_of the day measured, or NULL; with @p start, the table's
 *   headline shows both (`(2027-01-01 to 2027-02-15)`), as when the
 *   elapsed share came from fpl_pace_elapsed().
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_pace_json().
 */
FPL_API fpl_status fpl_pace_render(const fpl_funnel *funnel, const fpl_pace *pace,
                                   const fpl_date *start, const fpl_date *as_of,
                                   fpl_render_format format, char *buf, size_t capacity,
                                   size_t *length_out, fpl_error *err);

/**
 * @brief The JSON of a funnel learned from history: what `funnelplan learn
 * --format json` prints and Python's `to_dict()` reads. The keys: `command`
 * ("learn"), `estimator`, `as_of`, `first`, `rows`, `skipped`, `items`,
 * `won`, `lost`, `open`, `stages` (each `name`, `rate`, `interval` [low,
 * high], `naive_rate`, `entered`, `converted`, `lost`, `open`,
 * `effective_n`, `lag_days` {`mean`, `median`, `p75`, `p90`}), `deal_size`
 * {`count`, `mean`, `median`, `cv`}, `seasonality` (12 numbers), `sources`
 * and `owners` (each `name`, `items`, `won`, `lost`, `open`, `win_rate`,
 * `naive_win_rate`, `won_revenue`), `backtest` {`months` (each `cutoff`,
 * `month`, `deals`, `actual_deals`, `revenue`, `actual_revenue`),
 * `deals_mape`, `deals_bias`, `revenue_mape`, `revenue_bias`}; a figure
 * that is not known is `null`.
 * @param[in] result the result of fpl_learn_finish().
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or ::FPL_ERR_NULL.
 */
FPL_API fpl_status fpl_learn_json(const fpl_learn_result *result, char *buf, size_t capacity,
                                  size_t *length_out, fpl_error *err);

/**
 * @brief A funnel learned from history in any format but SVG: what
 * `funnelplan learn --format F` prints, byte for byte.
 * @param[in] result the result of fpl_learn_finish().
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_FORMAT (SVG).
 */
FPL_API fpl_status fpl_learn_render(const fpl_learn_result *result, fpl_render_format format,
                                    char *buf, size_t capacity, size_t *length_out,
                                    fpl_error *err);

/**
 * @brief Lead channels in any format: what `funnelplan channels --format
 * F` prints, byte for byte (SVG: fpl_channels_svg()).
 * @param[in] funnel the funnel of the channels (the table's headline shows
 *   its stages), checked as fpl_funnel_check() does.
 * @param[in] terms the terms of the question, as fpl_channels_json().
 * @param[in] input the channels asked about.
 * @param[in] channels the result of fpl_channels_compute().
 * @param[in] format the format.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return as fpl_plan_render(), with the statuses of fpl_funnel_check() and
 *   fpl_channels_json().
 */
FPL_API fpl_status fpl_channels_render(const fpl_funnel *funnel, const fpl_terms *terms,
                                       const fpl_channels_input *input,
                                       const fpl_channels *channels, fpl_render_format format,
                                       char *buf, size_t capacity, size_t *length_out,
                                       fpl_error *err);
/* ---- score ---------------------------------------------------------------- */

/**
 * @brief Where text written a part at a time goes: each piece of text in
 * order (not NUL-terminated), as soon as it is made.
 * @param[in] ctx what the caller gave with the sink.
 * @param[in] text the bytes.
 * @param[in] len how many.
 */
typedef void (*fpl_text_sink)(void *ctx, const char *text, size_t len);

/** Widest id column of the score table, in cells: a longer id overflows it. */
#define FPL_SCORE_ID_WIDTH_MAX 40

/**
 * @brief A file of scored leads written a lead at a time, in any format but
 * SVG: what `funnelplan score` prints, byte for byte, with memory that does
 * not grow with the file.
 *
 * Set up by fpl_score_render_begin() (the JSON's object and counts, the
 * table's or the CSV's header), then fpl_score_render_lead() for each lead
 * in rank order, fpl_score_render_skipped() for each skipped row to list
 * (the JSON's `skipped_rows`; nothing in a table or CSV), and
 * fpl_score_render_end() (the table's counts). The fields are read-only for
 * the caller. New members are appended at the end.
 *
 * @code
 * static void to_file(void *f, const char *text, size_t len) { fwrite(text, 1, len, f); }
 * fpl_score_writer w;
 * if (fpl_score_render_begin(&w, FPL_RENDER_JSON, &criteria, "id", &tally, n, 0,
 *                            to_file, stdout, NULL) == FPL_OK) {
 *     for (size_t i = 0; i < n; ++i) {
 *         fpl_score_render_lead(&w, rows[i].line, rows[i].id, &rows[i].score, NULL);
 *     }
 *     fpl_score_render_end(&w, NULL);
 * }
 * @endcode
 */
typedef struct fpl_score_writer {
    fpl_text_sink sink;           ///< where the text goes; NULL once ended
    void *ctx;                    ///< given to the sink
    const fpl_criteria *criteria; ///< the definition (borrowed); NULL once a skipped row was written
    uint64_t leads;               ///< leads written: the last one's rank
    uint64_t skipped;             ///< skipped rows written
    fpl_render_format format;     ///< ::FPL_RENDER_TABLE, ::FPL_RENDER_JSON or ::FPL_RENDER_CSV
    size_t rank_width;            ///< the table's rank column, in cells
    size_t id_width;              ///< the table's id column, in cells
    fpl_score_tally tally;        ///< the counts of the whole file
} fpl_score_writer;

/**
 * @brief Starts a file of scored leads: for JSON the object, its criteria
 * and thresholds, the id column, the counts and the opening of its `rows`;
 * for a table or CSV the header line.
 * @param[out] w the writer.
 * @param[in] format ::FPL_RENDER_TABLE, ::FPL_RENDER_JSON or ::FPL_RENDER_CSV.
 * @param[in] criteria the definition the leads were scored with (kept:
 *   alive until the last lead is written).
 * @param[in] id_column the name of the id column, NUL-terminated.
 * @param[in] tally the counts of the whole file (fpl_score_tally_add()).
 * @param[in] rows how many leads will be written (the table's rank column
 *   is as wide as the last rank).
 * @param[in] id_cells the widest id that will be written, as the table
 *   shows it: the largest `cells_out` of fpl_format_escaped() (the column
 *   is at most ::FPL_SCORE_ID_WIDTH_MAX wide, at least as wide as
 *   @p id_column).
 * @param[in] sink where the text goes.
 * @param[in] ctx given to the sink.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_FORMAT for SVG or a value
 *   outside the enum; ::FPL_ERR_CRITERION_COUNT for more than
 *   ::FPL_MAX_CRITERIA criteria.
 */
FPL_API fpl_status fpl_score_render_begin(fpl_score_writer *w, fpl_render_format format,
                                          const fpl_criteria *criteria, const char *id_column,
                                          const fpl_score_tally *tally, uint64_t rows,
                                          size_t id_cells, fpl_text_sink sink, void *ctx,
                                          fpl_error *err);

/**
 * @brief Writes the next lead of the ranking (its rank is one more than the
 * last's): line (not in the table), id (escaped in the table), score, band,
 * sales-readiness and the criteria it misses.
 * @param[in,out] w the writer.
 * @param[in] line the lead's line in the file.
 * @param[in] id its id, NUL-terminated.
 * @param[in] score its score.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL, also after a skipped row or the end.
 */
FPL_API fpl_status fpl_score_render_lead(fpl_score_writer *w, uint64_t line, const char *id,
                                         const fpl_lead_score *score, fpl_error *err);

/**
 * @brief Lists a skipped row, after every lead: under the JSON's
 * `skipped_rows` (a table or CSV lists none).
 * @param[in,out] w the writer.
 * @param[in] line the row's line in the file.
 * @param[in] message why it was skipped, NUL-terminated.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL, also after the end.
 */
FPL_API fpl_status fpl_score_render_skipped(fpl_score_writer *w, uint64_t line,
                                            const char *message, fpl_error *err);

/**
 * @brief Ends the text: the JSON closed with its final newline, the table's
 * counts after a blank line.
 * @param[in,out] w the writer.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL, also when it was already ended.
 */
FPL_API fpl_status fpl_score_render_end(fpl_score_writer *w, fpl_error *err);

/** What a fit was made from, besides its result: for fpl_score_fit_render(). */
typedef struct fpl_score_fit_source {
    const char *preset;  ///< the preset's name (fpl_preset_name()), NULL for criteria given one by one
    const char *outcome; ///< the outcome column's name
    uint64_t open;       ///< rows without an outcome (still open), not used
    uint64_t skipped;    ///< rows at fault, not used
} fpl_score_fit_source;

/**
 * @brief Writes a fit (fpl_score_fit()): what `funnelplan score --fit`
 * prints, byte for byte.
 *
 * The table: a line per criterion (its fitted weight, the weight given,
 * the coefficient, `no positive effect` where the weight is at the floor),
 * the counts, the areas under the ROC curve on the held-back leads (fitted
 * and given, 4 decimals), then the fitted criteria as options
 * (fpl_criteria_options()). JSON: `command` ("score"), `outcome`,
 * `preset` (null for criteria given one by one), `criteria` (each `name`,
 * `weight`, `given_weight`, `required`, `coefficient`, `floored`, and
 * `saturation` for a counted criterion), `intercept`, `fitted` {`won`,
 * `lost`}, `held_back` {`every`, `won`, `lost`}, `open`, `skipped`, `auc`
 * {`fitted`, `given`}, `iterations`, `converged`, `options` (the `@FILE`
 * text). CSV: a header and a row per criterion: name, weight,
 * given_weight, required, coefficient.
 * @param[in] format ::FPL_RENDER_TABLE, ::FPL_RENDER_JSON or ::FPL_RENDER_CSV.
 * @param[in] fit the fit.
 * @param[in] source what it was made from.
 * @param[in] sink where the text goes.
 * @param[in] ctx given to the sink.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL (also without an outcome column's
 *   name); ::FPL_ERR_FORMAT for SVG or a value outside the enum;
 *   ::FPL_ERR_CRITERION_COUNT for more than ::FPL_MAX_CRITERIA criteria.
 */
FPL_API fpl_status fpl_score_fit_render(fpl_render_format format, const fpl_score_fit_result *fit,
                                        const fpl_score_fit_source *source, fpl_text_sink sink,
                                        void *ctx, fpl_error *err);

/**
 * @brief A funnel learned from a history and criterion weights fitted to
 * leads' outcomes, in one text: what `funnelplan learn FILE --leads LEADS
 * --outcome COLUMN` prints, byte for byte.
 *
 * JSON: the object of fpl_learn_json() with one more member at its end,
 * `score_fit`, the object fpl_score_fit_render() writes (so a reader of
 * learn's JSON finds every key where it was). The table: fpl_learn_render()'s
 * table, a blank line, then fpl_score_fit_render()'s. CSV: the stages' CSV
 * of fpl_learn_render(), one empty line, then the fit's CSV (a header
 * `name,weight,...` and a row per criterion): two tables, the empty line
 * between them the only one in the text.
 * @param[in] result the funnel learned (fpl_learn_finish()).
 * @param[in] fit the fit (fpl_score_fit()).
 * @param[in] source what the fit was made from.
 * @param[in] format ::FPL_RENDER_TABLE, ::FPL_RENDER_JSON or ::FPL_RENDER_CSV.
 * @param[out] buf where the text goes, as fpl_plan_render().
 * @param[in] capacity its size in bytes.
 * @param[out] length_out the length of the whole text, NUL not counted.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_FORMAT; as fpl_score_fit_render().
 */
FPL_API fpl_status fpl_learn_fit_render(const fpl_learn_result *result,
                                        const fpl_score_fit_result *fit,
                                        const fpl_score_fit_source *source,
                                        fpl_render_format format, char *buf, size_t capacity,
                                        size_t *length_out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_RENDER_H */

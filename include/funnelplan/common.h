/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file common.h
 * @brief Export macro, status codes, periods and the library-wide limits.
 *
 * Every public header includes this one. It has no dependencies beyond the
 * C standard library.
 */

#ifndef FUNNELPLAN_COMMON_H
#define FUNNELPLAN_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * @defgroup common Common definitions
 * @brief Status codes, periods, limits and the rules every module follows.
 *
 * Conventions shared by the whole API:
 * - Functions that can fail return an ::fpl_status; on failure their
 *   out-parameters are left untouched.
 * - Functions that cannot fail return their value directly.
 * - Thread safety: the library has no global or thread-local state and never
 *   allocates on the calculation path. Every function is reentrant; inputs may
 *   be shared read-only between threads.
 * - Text: every function that reads a text takes its bytes and their length
 *   (`const char *text, size_t len`); the text need not be NUL-terminated.
 *   A length of ::FPL_NUL_TERMINATED means "up to the terminating NUL", so
 *   `fpl_funnel_add_stage(&f, "lead", FPL_NUL_TERMINATED, 0.01, &err)` needs
 *   no count of bytes that could be wrong.
 * - Locale: nothing the library does depends on the host's locale; it never
 *   calls `setlocale`, `strtod`, the `printf` family or `ctype.h`.
 * - ABI: every public struct has a fixed layout for a given major version
 *   (the shared library's soversion). Fields are never added, removed or
 *   reordered within a major version; new capabilities arrive as new structs
 *   and functions. Arrays inside structs have fixed capacities
 *   (::FPL_MAX_STAGES, ::FPL_NAME_MAX).
 * @{
 */

#if defined(FPL_STATIC)
#define FPL_API
#elif defined(_WIN32)
#if defined(FPL_BUILDING)
#define FPL_API __declspec(dllexport)
#else
#define FPL_API __declspec(dllimport)
#endif
#else
/** Marks a symbol of the public API (exported from the shared library). */
#define FPL_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** A text length meaning "up to the terminating NUL" (see @ref common). */
#define FPL_NUL_TERMINATED ((size_t)-1)

/** Most stages a funnel can have. */
#define FPL_MAX_STAGES 32

/** Longest horizon of a what-if question, in periods. */
#define FPL_HORIZON_MAX 1000000u

/** Longest stage name in bytes of UTF-8, not counting the terminating NUL. */
#define FPL_NAME_MAX 64

/**
 * Largest whole count the library returns: 2^53. Above it not every integer
 * is a double, so whole counts cannot be exact and ::FPL_ERR_TOO_LARGE is
 * returned instead.
 */
#define FPL_WHOLE_MAX 9007199254740992.0

/**
 * @brief Result of every function that can fail.
 *
 * ::FPL_OK is zero; every other value names one specific fault.
 * fpl_strerror() gives its message; fpl_status_is_input_error() tells bad
 * input (the CLI exits 2) from a question without an answer (exit 1).
 */
typedef enum fpl_status {
    FPL_OK = 0,                 ///< success
    FPL_ERR_NULL,               ///< a required pointer argument was NULL
    FPL_ERR_PARSE_EMPTY,        ///< the text to parse was empty
    FPL_ERR_PARSE_SYNTAX,       ///< the text is not a number of the accepted forms
    FPL_ERR_PARSE_GROUPING,     ///< misplaced `,` or `_` digit grouping
    FPL_ERR_PARSE_NEGATIVE,     ///< a negative number where none is allowed
    FPL_ERR_PARSE_OVERFLOW,     ///< the number is too large for a double
    FPL_ERR_PARSE_UNDERFLOW,    ///< a non-zero number so small it rounds to zero
    FPL_ERR_PARSE_DIVZERO,      ///< a fraction `a/b` with b equal to zero
    FPL_ERR_PERIOD,             ///< not a known period (month, quarter, year)
    FPL_ERR_STAGE_COUNT,        ///< fewer than 1 or more than ::FPL_MAX_STAGES stages
    FPL_ERR_STAGE_NAME_EMPTY,   ///< a stage name is empty
    FPL_ERR_STAGE_NAME_LONG,    ///< a stage name is longer than ::FPL_NAME_MAX bytes
    FPL_ERR_STAGE_NAME_UTF8,    ///< a stage name is not valid UTF-8
    FPL_ERR_STAGE_NAME_CONTROL, ///< a stage name holds a control character
    FPL_ERR_STAGE_NAME_RESERVED,///< a stage name is reserved (`won`, `deal-size`, `volume`, `cost-per-lead`)
    FPL_ERR_STAGE_DUPLICATE,    ///< two stages share a name
    FPL_ERR_STAGE_UNKNOWN,      ///< no stage has that name or index
    FPL_ERR_RATE_RANGE,         ///< a rate is not in (0, 1]
    FPL_ERR_DEAL_SIZE,          ///< the deal size is not a positive finite number
    FPL_ERR_REVENUE,            ///< the revenue target is not a positive finite number
    FPL_ERR_DEALS,              ///< the deal target is not a positive finite number
    FPL_ERR_VOLUME,             ///< the volume is not a positive finite number
    FPL_ERR_COST,               ///< the cost per lead is not a finite number >= 0
    FPL_ERR_MARGIN,             ///< the gross margin is not in (0, 1]
    FPL_ERR_TARGET,             ///< no target where one is needed, or an unknown target kind
    FPL_ERR_DEAL_SIZE_MISSING,  ///< a revenue target without a deal size
    FPL_ERR_COST_NOT_TOP,       ///< a cost per lead needs the volume to enter the top stage
    FPL_ERR_CHANGE_SYNTAX,      ///< a change is not LEVER=CHANGE
    FPL_ERR_CHANGE_POINTS,      ///< percentage points (`pp`) on a lever that is not a rate
    FPL_ERR_CHANGE_VALUE,       ///< a change or step is not a finite number, or of an unknown kind
    FPL_ERR_CHANGE_LEVER,       ///< a lever that this question cannot move
    FPL_ERR_CHANGE_COUNT,       ///< more than ::FPL_MAX_CHANGES changes
    FPL_ERR_INVEST,             ///< the investment is not a positive finite number
    FPL_ERR_HORIZON,            ///< the horizon is not a whole number of periods from 1 to ::FPL_HORIZON_MAX
    FPL_ERR_STEP,               ///< a sensitivity step is not a positive relative or point change
    FPL_ERR_TOO_LARGE,          ///< a whole count would exceed 2^53 (cannot be exact)
    FPL_ERR_OVERFLOW,           ///< a result is too large (or a quotient too small) for a double
    FPL_ERR_CHANGE_RANGE,       ///< a change pushes a rate out of (0, 1] or an amount out of range
    FPL_ERR_UNREACHABLE,        ///< no value of the lever in range reaches the target
    /* Values are stable: statuses added later are appended below. */
    FPL_ERR_VOLUME_WHOLE,       ///< odds need a whole volume from 0 to 2^53
    FPL_ERR_CONFIDENCE,         ///< a confidence level or probability is not in (0, 1)
    FPL_ERR_CONFIDENCE_COUNT,   ///< more than ::FPL_ODDS_MAX_REQUESTED confidence levels
    FPL_ERR_TRIALS,             ///< Monte Carlo trials not from 1 to ::FPL_ODDS_TRIALS_MAX
    FPL_ERR_VARIATION,          ///< the deal-size variation is not 0 or from ::FPL_ODDS_CV_MIN to ::FPL_ODDS_CV_MAX
    FPL_ERR_HISTORY,            ///< a history is not WON/TOTAL with whole 0 <= WON <= TOTAL, TOTAL >= 1
    FPL_ERR_WORKSPACE,          ///< the caller's workspace is smaller than needed
    FPL_ERR_CHANNEL_COUNT,      ///< fewer than 1 or more than ::FPL_MAX_CHANNELS channels
    FPL_ERR_CHANNEL_SYNTAX,     ///< a channel spec is not `NAME: FIELD=VALUE, ...`
    FPL_ERR_CHANNEL_FIELD,      ///< an unknown field in a channel spec
    FPL_ERR_CHANNEL_FIELD_TWICE,///< a field given twice in a channel spec
    FPL_ERR_CHANNEL_DUPLICATE,  ///< two channels share a name
    FPL_ERR_CHANNEL_COST,       ///< a channel's cost is not known: cost-per-lead, or spend with leads (not all three)
    FPL_ERR_CHANNEL_SPEND,      ///< a channel's spend is not a finite number >= 0 (> 0 with a cost per lead)
    FPL_ERR_CHANNEL_LEADS,      ///< a channel's leads are not a positive finite number, or unknown without a target
    FPL_ERR_CHANNEL_CAPACITY,   ///< a channel's capacity is not a positive finite number
    FPL_ERR_CHANNEL_OVER_CAPACITY, ///< a channel's leads exceed its capacity
    FPL_ERR_CHANNEL_QUALITY,    ///< a channel's quality does not give a top-stage rate in (0, 1]
    FPL_ERR_CHANNEL_SHARE,      ///< a share is not in [0, 1], is missing, or the shares do not add up to 100%
    FPL_ERR_CHANNEL_SHORT,      ///< the channels cannot bring enough leads for the target
    FPL_ERR_DATE,               ///< not a calendar month `YYYY-MM` or date `YYYY-MM-DD` of years 1 to 9999
    FPL_ERR_MONTHS,             ///< a schedule's months are not from 1 to ::FPL_SCHEDULE_MAX_MONTHS
    FPL_ERR_WEIGHTS,            ///< a weight or monthly target is not a number >= 0, or all are 0
    FPL_ERR_WEIGHTS_COUNT,      ///< a list has the wrong number of values (12 weights, one target per month)
    FPL_ERR_LAG,                ///< a lag is not a number of days, weeks or months >= 0, or they add up past ::FPL_SCHEDULE_MAX_LEAD months
    FPL_ERR_REPS,               ///< the reps are not a positive finite number
    FPL_ERR_QUOTA,              ///< the quota per rep is not a positive finite number
    FPL_ERR_ATTAINMENT,         ///< the quota attainment is not in (0, 1]
    FPL_ERR_ELAPSED,            ///< the share of the period elapsed is not in (0, 1]
    FPL_ERR_ACTUAL,             ///< an actual or open count is not a finite number >= 0
    FPL_ERR_THRESHOLD,          ///< pace thresholds not in (0, 10], or off-track above at-risk
    FPL_ERR_HISTORY_STAGE,      ///< a history on a stage the volume does not pass (above `at`, or no such stage)
    FPL_ERR_CRITERION,          ///< a criterion is not NAME, NAME=WEIGHT or NAME=WEIGHT,required with a positive weight
    FPL_ERR_CRITERION_DUPLICATE,///< two criteria share a name
    FPL_ERR_CRITERION_COUNT,    ///< fewer than 1 or more than ::FPL_MAX_CRITERIA criteria
    FPL_ERR_ANSWER,             ///< an answer is not a number from 0 to 1, or yes/no, y/n, true/false
    FPL_ERR_CSV_HEADER,         ///< the CSV header does not name the id column and every criterion once
    FPL_ERR_MIX,                ///< a mix is not `STAGE=NAME:SHARE@RATE,...` with shares in [0, 1] and rates in (0, 1]
    FPL_ERR_MIX_SHARES,         ///< the shares of a mix do not add up to 100%
    FPL_ERR_BANDS,              ///< score thresholds not 0 < warm <= hot <= 100
    FPL_ERR_TOP,                ///< how many rows to keep is not a whole number from 0 to 2^53
    FPL_ERR_FORMAT,             ///< a result has no rendering in that format (see ::fpl_render_format)
    FPL_ERR_PARSE_AMBIGUOUS,    ///< a number that reads two ways: `8.000` (eight or eight thousand), `1,500` in a list (one value or two)
    FPL_ERR_CHANNEL_COMMITTED,  ///< a channel's leads fixed (`leads=`) where fixed shares set them
    FPL_ERR_VOLUME_PERIOD,      ///< a volume without its period (`600/month`) where the target is not per month
    FPL_ERR_VOLUME_SPLIT,       ///< a volume per a longer period that does not split into whole units per the target's period
    FPL_ERR_PARSE_COUNT_MAX,    ///< a count above 2^53, where not every whole number is a double (fpl_parse_count())
    FPL_ERR_PRESET,             ///< not a preset of criteria (bant, bad, champ, meddic)
    FPL_ERR_SATURATION,         ///< a saturation is not NAME=COUNT with a criterion's name and a count above 0
    FPL_ERR_OUTCOME_COLUMN,     ///< the outcome column is the id column or a criterion's
    FPL_ERR_OUTCOMES,           ///< fitting or ranking needs won and lost leads (in the part fitted and the part held back)
    FPL_ERR_RANK_VALUE,         ///< a value to rank (fpl_score_auc()) is not a finite number
    FPL_ERR_COLUMN,             ///< a column mapping is not ROLE=NAME with a role id, stage, date, amount, source or owner
    FPL_ERR_LEARN_EMPTY,        ///< a history without any item to learn from
    FPL_ERR_LEARN_FORM          ///< the form of a history is not auto, long or wide
} fpl_status;

/** Number of ::fpl_status values (one past the last). */
#define FPL_STATUS_COUNT ((int)FPL_ERR_LEARN_FORM + 1)

/**
 * @brief The message for a status: one line, lower case, no final period.
 * @param[in] status any value; unknown values get a generic message.
 * @return a static string, never NULL.
 */
FPL_API const char *fpl_strerror(fpl_status status);

/**
 * @brief The symbolic name of a status, e.g. `"FPL_ERR_RATE_RANGE"`.
 * @param[in] status any value; unknown values give `"FPL_ERR_UNKNOWN"`.
 * @return a static string, never NULL.
 */
FPL_API const char *fpl_status_name(fpl_status status);

/**
 * @brief Tells bad input from a question that has no answer.
 *
 * ::FPL_ERR_TOO_LARGE, ::FPL_ERR_OVERFLOW, ::FPL_ERR_CHANGE_RANGE,
 * ::FPL_ERR_UNREACHABLE and ::FPL_ERR_CHANNEL_SHORT are well-formed questions whose answer cannot be
 * given (the CLI exits 1); every other failure is bad input (the CLI exits 2).
 * @param[in] status a failure status.
 * @return true for bad input, false for ::FPL_OK and for no-answer statuses.
 */
FPL_API bool fpl_status_is_input_error(fpl_status status);

/**
 * @brief The input a failure is about: which field, named the same way by
 * every face.
 *
 * fpl_field_name() gives its name (`"deal_size"`, `"stage"`, ...): the
 * Python keyword, and the CLI option without its dashes, underscores for
 * hyphens. Values are stable: fields added later are appended.
 */
typedef enum fpl_field {
    FPL_FIELD_NONE = 0,             ///< no single field (a question without an answer, a NULL argument)
    /* the funnel and its terms */
    FPL_FIELD_STAGE,                ///< a stage of the funnel (index: which): its name or its rate
    FPL_FIELD_DEAL_SIZE,            ///< the average deal size
    FPL_FIELD_REVENUE,              ///< the revenue target
    FPL_FIELD_DEALS,                ///< the deal target
    FPL_FIELD_PER,                  ///< the period of the targets and volumes
    FPL_FIELD_COST_PER_LEAD,        ///< the cost per lead
    FPL_FIELD_MARGIN,               ///< the gross margin
    /* forecast, odds, what-if */
    FPL_FIELD_VOLUME,               ///< the volume entering a stage each period
    FPL_FIELD_AT,                   ///< the stage the volume enters
    FPL_FIELD_CHANGE,               ///< a what-if change (index: which)
    FPL_FIELD_HORIZON,              ///< the what-if horizon
    FPL_FIELD_INVEST,               ///< the investment of a what-if
    FPL_FIELD_STEP,                 ///< the sensitivity step of the rates
    FPL_FIELD_DEAL_SIZE_STEP,       ///< the sensitivity step of the deal size
    FPL_FIELD_LEVER,                ///< the lever a goal seek moves (`--for`)
    FPL_FIELD_CONFIDENCE,           ///< a confidence level (index: which)
    FPL_FIELD_TRIALS,               ///< the Monte Carlo trials
    FPL_FIELD_SEED,                 ///< the Monte Carlo seed
    FPL_FIELD_DEAL_SIZE_CV,         ///< the deal-size variation
    FPL_FIELD_HISTORY,              ///< a stage's history (index: the stage)
    FPL_FIELD_WORKSPACE,            ///< the caller's workspace
    /* channels */
    FPL_FIELD_CHANNEL,              ///< a channel (index: which), as a whole or its name
    FPL_FIELD_CHANNEL_COST_PER_LEAD,///< a channel's `cost-per-lead=` (index: the channel)
    FPL_FIELD_CHANNEL_SPEND,        ///< a channel's `spend=` (index: the channel)
    FPL_FIELD_CHANNEL_LEADS,        ///< a channel's `leads=` (index: the channel)
    FPL_FIELD_CHANNEL_CAPACITY,     ///< a channel's `capacity=` (index: the channel)
    FPL_FIELD_CHANNEL_QUALITY,      ///< a channel's `quality=` (index: the channel); its `rate=` is ::FPL_FIELD_CHANNEL_RATE
    FPL_FIELD_CHANNEL_DEAL_SIZE,    ///< a channel's `deal-size=` (index: the channel)
    FPL_FIELD_CHANNEL_SHARE,        ///< a channel's `share=` (index: the channel)
    FPL_FIELD_ALLOCATE,             ///< how a target is split across channels
    /* schedule and pace */
    FPL_FIELD_START,                ///< the first month (schedule) or day (pace) of the span
    FPL_FIELD_MONTHS,               ///< the months of a schedule
    FPL_FIELD_SEASONALITY,          ///< the seasonal weights (index: the month, when one is at fault)
    FPL_FIELD_MONTHLY_DEALS,        ///< the deal target of each month (index: the month)
    FPL_FIELD_MONTHLY_REVENUE,      ///< the revenue target of each month (index: the month)
    FPL_FIELD_LAG,                  ///< the lag of a stage (index: the stage)
    FPL_FIELD_REPS,                 ///< the sales reps
    FPL_FIELD_QUOTA,                ///< the quota per rep
    FPL_FIELD_ATTAINMENT,           ///< the quota attainment
    FPL_FIELD_ELAPSED,              ///< the share of the period elapsed
    FPL_FIELD_AS_OF,                ///< the day of the actuals
    FPL_FIELD_ACTUAL,               ///< the actual count of a stage (index: the stage)
    FPL_FIELD_ACTUAL_DEALS,         ///< the deals won so far
    FPL_FIELD_ACTUAL_REVENUE,       ///< the revenue won so far
    FPL_FIELD_OPEN,                 ///< the open count of a stage (index: the stage)
    FPL_FIELD_AT_RISK,              ///< the coverage below which pace is at risk
    FPL_FIELD_OFF_TRACK,            ///< the coverage below which pace is off track
    /* lead mixes and scores */
    FPL_FIELD_MIX,                  ///< a lead mix (index: the stage it blends)
    FPL_FIELD_SCENARIO_MIX,         ///< a what-if's scenario mix (index: the stage)
    FPL_FIELD_CRITERIA,             ///< the criteria as a whole: a preset (`bant`), how many
    FPL_FIELD_CRITERION,            ///< a criterion (index: which)
    FPL_FIELD_HOT,                  ///< the score from which a lead is hot
    FPL_FIELD_WARM,                 ///< the score from which a lead is warm
    FPL_FIELD_ID_COLUMN,            ///< the id column of a CSV file of leads
    FPL_FIELD_ANSWER,               ///< a lead's answer (index: the criterion)
    FPL_FIELD_LEADS,                ///< a CSV file of leads (line: where)
    FPL_FIELD_TOP,                  ///< how many of the best leads to keep
    FPL_FIELD_FUNNEL,               ///< a funnel of a batch (index: which)
    FPL_FIELD_CHANNEL_RATE,         ///< a channel's `rate=`, its own top-stage rate (index: the channel)
    FPL_FIELD_FORMAT,               ///< the output format asked of a renderer
    FPL_FIELD_SATURATION,           ///< a criterion's saturation (index: the criterion)
    FPL_FIELD_OUTCOME,              ///< the outcome column of a CSV file of leads, or its outcomes as a whole
    FPL_FIELD_WON,                  ///< the values of won leads to rank (index: which)
    FPL_FIELD_LOST,                 ///< the values of lost leads to rank (index: which)
    /* learn */
    FPL_FIELD_COLUMN,               ///< a column mapping of a history (`--column`)
    FPL_FIELD_STAGES,               ///< the stages of a history, top first (index: which)
    FPL_FIELD_HISTORY_FILE,         ///< a CSV file of CRM history (line: where)
    FPL_FIELD_HISTORY_FORM          ///< the form of a history (`--form`)
} fpl_field;

/** Number of ::fpl_field values (one past the last). */
#define FPL_FIELD_COUNT ((int)FPL_FIELD_HISTORY_FORM + 1)

/** fpl_error::index when the fault is in no list. */
#define FPL_NO_INDEX ((size_t)-1)

/**
 * @brief Where a failure is: its status, the field, the entry of a list
 * and, for text, the bytes at fault.
 *
 * Every function that can fail takes an `fpl_error *err` as its last
 * argument. NULL is allowed (the status alone is returned). On failure the
 * function writes the whole struct; on success it leaves it untouched. So a
 * binding names the culprit from this one call and never calls again to
 * find it (the shape of jansson's `json_error_t`).
 *
 * @code
 * fpl_error err;
 * if (fpl_plan_compute(&funnel, &terms, &plan, &err) != FPL_OK) {
 *     fprintf(stderr, "%s", fpl_field_name(err.field));
 *     if (err.index != FPL_NO_INDEX) fprintf(stderr, " %zu", err.index + 1);
 *     fprintf(stderr, ": %s\n", fpl_strerror(err.status));
 * }
 * @endcode
 */
typedef struct fpl_error {
    fpl_status status; ///< the status returned
    fpl_field field;   ///< the field at fault; ::FPL_FIELD_NONE when no single one is
    size_t index;      ///< the entry of a list at fault (stage, change, channel, level, ...), top or first is 0; ::FPL_NO_INDEX when none
    size_t offset;     ///< for text: the byte offset of the part at fault in the text given (0 otherwise)
    size_t length;     ///< for text: the length in bytes of the part at fault (0: the whole text, or not text)
    uint64_t line;     ///< for a CSV file: the line at fault, from 1 (0 when none)
} fpl_error;

/**
 * @brief The name of a field: `"deal_size"`, `"stage"`, `"channel_spend"`, ...
 *
 * Lower case with underscores: the Python keyword, and the CLI option
 * without its dashes with underscores for hyphens (`--deal-size`).
 * @param[in] field any value; unknown values give `"unknown"`.
 * @return a static string, never NULL.
 */
FPL_API const char *fpl_field_name(fpl_field field);

/**
 * @brief The message for a failure, worded for the field at fault.
 *
 * fpl_strerror() of the status, except where the field changes what the
 * message is about: a name status about ::FPL_FIELD_CHANNEL,
 * ::FPL_FIELD_CRITERION or ::FPL_FIELD_ID_COLUMN speaks of a channel,
 * criterion or id column name (`"criterion name is empty"`, where
 * fpl_strerror() says "stage name"), and ::FPL_ERR_CHANNEL_QUALITY about
 * ::FPL_FIELD_CHANNEL_RATE of the rate. One line, lower case, no final
 * period: the one source of the wording every face prints.
 * @param[in] err a failure as a function described it; NULL gives the
 *   message of ::FPL_ERR_NULL.
 * @return a static string, never NULL.
 */
FPL_API const char *fpl_error_message(const fpl_error *err);

/** Bytes that always hold a hint of fpl_error_hint() and its NUL. */
#define FPL_HINT_MAX 256

/**
 * @brief How to write what was probably meant, from the text refused.
 *
 * Where fpl_error_message() says what is wrong, the hint says how to write
 * it, worded from the part of `text` at fault (`err->offset` and
 * `err->length`; the whole text when the length is 0): `did you mean 25%?`
 * for a rate typed as `25`. Lower case, no final period; the faces print it
 * after the message with `": "` between. It quotes at most a short prefix
 * of the text, so a huge value is never echoed whole.
 * @param[in] err a failure as the function that refused `text` described
 *   it; NULL gives no hint.
 * @param[in] text the text that was refused (the whole option or argument
 *   value); may be NULL when `len` is 0.
 * @param[in] len its length in bytes.
 * @param[out] out the hint, NUL-terminated, cut to `capacity` bytes; may be
 *   NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_HINT_MAX always suffices.
 * @return the length of the whole hint, without the NUL; 0 when there is
 *   none.
 */
FPL_API size_t fpl_error_hint(const fpl_error *err, const char *text, size_t len, char *out,
                              size_t capacity);

/**
 * @brief The period a target, volume or figure refers to.
 *
 * The zero value is ::FPL_PERIOD_MONTH, the default of the specification.
 */
typedef enum fpl_period {
    FPL_PERIOD_MONTH = 0,   ///< one month
    FPL_PERIOD_QUARTER = 1, ///< three months
    FPL_PERIOD_YEAR = 2     ///< twelve months
} fpl_period;

/** Number of periods (the size of the `by_period` arrays). */
#define FPL_PERIOD_COUNT 3

/**
 * @brief Months in a period: 1, 3 or 12 (0 for a value outside the enum).
 * @param[in] period the period.
 * @return the number of months.
 */
FPL_API unsigned fpl_period_months(fpl_period period);

/**
 * @brief The name of a period: `"month"`, `"quarter"` or `"year"`.
 * @param[in] period the period.
 * @return a static string; NULL for a value outside the enum.
 */
FPL_API const char *fpl_period_name(fpl_period period);

/**
 * @brief Reads a period name (`month`, `quarter`, `year`; exact, lower case).
 * @param[in] text the name; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the period, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_PARSE_EMPTY or ::FPL_ERR_PERIOD.
 */
FPL_API fpl_status fpl_period_parse(const char *text, size_t len, fpl_period *out, fpl_error *err);

/**
 * @brief Decodes the UTF-8 sequence at the start of a text: the library's
 * one rule of valid UTF-8 (no overlong forms, no surrogates, nothing past
 * U+10FFFF, no sequence cut short), which stage names are checked by, for
 * faces that print names.
 * @param[in] text the bytes; need not be NUL-terminated.
 * @param[in] len how many bytes there are (0 gives 0).
 * @param[out] cp_out the code point, written only when a sequence is valid.
 * @return the length of the valid sequence, 1 to 4; 0 when the bytes do not
 *   begin one (or @p text or @p cp_out is NULL).
 */
FPL_API size_t fpl_utf8_next(const char *text, size_t len, uint32_t *cp_out);

/**
 * @brief Rounds up with the tolerance of the specification.
 *
 * A value within 16 machine epsilons of an integer, relative to its size
 * (|x − round(x)| ≤ 16·DBL_EPSILON·|x|), is that integer; otherwise the
 * result is ceil(x). So 145 / 0.29 (500.00000000000006 in doubles) gives 500.
 * @param[in] x any double; NaN and infinities are returned unchanged.
 * @return the tolerant ceiling of @p x.
 */
FPL_API double fpl_ceil_tolerant(double x);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_COMMON_H */

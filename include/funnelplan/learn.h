/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file learn.h
 * @brief Learning a funnel from CRM history: conversion rates that count
 * open items as undecided, lags, deal size, seasonality, figures by source
 * and owner, and a back-test of the plans the history would have given.
 */

#ifndef FUNNELPLAN_LEARN_H
#define FUNNELPLAN_LEARN_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"
#include "funnelplan/schedule.h"
#include "funnelplan/score.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup learn Learn
 * @brief The funnel a CRM's stage history shows, with how sure it is.
 *
 * **Input.** A CSV file (the tokenizer of fpl_csv_feed(): RFC 4180 quotes,
 * LF or CRLF, a UTF-8 byte-order mark, blank lines skipped, lines starting
 * with `#` before the header skipped as comments) in the long
 * form: one row per stage entry with the columns `id`, `stage`, `date`
 * (`YYYY-MM-DD`, optionally followed by `T` or a blank and a time, which is
 * ignored) and optionally `amount`, `source` and `owner`. The columns are
 * found by name with ASCII case folded: the names given
 * (fpl_learn_column_parse()), else the canonical names, else the names of
 * two CRMs' exports (Salesforce: `OpportunityId`/`Opportunity ID`,
 * `StageName`/`Stage`, `CreatedDate`/`Created Date`/`Last Modified`,
 * `Amount`, `LeadSource`/`Lead Source`, `Owner`/`Opportunity Owner`;
 * HubSpot: `Deal ID`/`Record ID`, `Deal Stage`, `Date entered stage`/
 * `Last Modified Date`, `Amount`, `Original Source`, `Deal owner`). A stage
 * value is a stage of the funnel (the list given, else the names in the
 * order they first appear), or an outcome: `won` (also `closed won`,
 * `closedwon`) or `lost` (`closed lost`, `closedlost`), ASCII case folded.
 * An item's earliest row is its entry; an item that skips a stage passed
 * it on the date of the next stage it reached.
 *
 * **The wide form** (::FPL_LEARN_FORM_WIDE) has one row per item: the id
 * column, a date column per stage and one each for `won` and `lost` (any
 * spelling of the outcomes above), and optionally `amount`, `source` and
 * `owner` (found as above; no stage or date column: mapping either is
 * refused). A non-empty date cell is the day the item entered that stage
 * or had that outcome; an empty one, not reached. The stages are the list
 * given, each naming its date column (other columns are ignored), else
 * every column but the id, amount, source, owner, won and lost, in header
 * order. It learns exactly what the same history in the long form learns
 * (only fpl_learn_result::rows, the rows of the file, differs).
 * With ::FPL_LEARN_FORM_AUTO (the default) the header tells the form: wide
 * when it has no stage column but a column of won or lost or named by a
 * stage given; both is refused (::FPL_ERR_CSV_HEADER: "say --form long or
 * --form wide"); neither, long. The header of the wide form is also
 * refused for a stage given without its column, two columns naming one
 * stage or outcome, a stage column that is not a stage name, more than
 * ::FPL_MAX_STAGES of them, or none.
 *
 * **Faulty rows** are skipped and reported (fpl_learn_skipped), never
 * fatal: a row that is not valid CSV, an empty id, an unknown stage, a
 * date that is not one or is after the as-of date, an amount that is not a
 * number, the second outcome of an item (won and lost), and *backwards
 * dates*: a row dated before the entry of an earlier stage of its item, or
 * after its outcome (so a history in date order never trips on a deal that
 * moves back a stage: the earliest date of each stage counts).
 * * A wide row is one item and is skipped as a whole for the same faults
 * (both won and lost dated; a stage dated before an earlier one or after
 * the outcome), for a row with no date, and for an id already on an
 * earlier row (the first row stands).
 *
 * **Memory** is one compact record per item (not per row): 22 bytes and 2
 * per stage, rounded up to 8 (32 bytes with 4 stages), in an
 * open-addressing table at most 7/8 full, in the caller's memory (the
 * library allocates nothing): fpl_learn_begin() takes a first table; when
 * it is full, fpl_learn_feed() answers ::FPL_ERR_WORKSPACE,
 * fpl_learn_work_needed() says how many bytes the next one needs (a
 * quarter more slots) and fpl_learn_grow() moves the items there (then the
 * old one may be freed and feeding goes on where it stopped). So a table
 * is about 7/10 full or more after it grew: with 4 stages at most 46 bytes
 * an item (the benchmark's 1,000,000 rows, 328,516 items: 13.2 MiB). A
 * record keeps its days in 16 bits from 1900-01-01: a row dated before
 * 1900-01-01 or after 2079-06-05 is skipped (::FPL_LEARN_FAULT_DATE_RANGE;
 * the as-of date may be any date). fpl_learn_finish() packs the items at
 * the front of the table and sorts its keys (4 bytes an item) in the slots
 * freed when they fit there (they do with 2 stages or more), else in its
 * scratch. The scratch is fpl_learn_finish_needed() bytes: 8 per won item,
 * per month or, with the back-test, 16 per day of the history, whichever
 * is most, and the keys when they did not fit. After it the table holds
 * the items packed: feeding more rows (to a learner finished before the
 * end) first puts them back in their places. An item is known by a 64-bit
 * hash of its id: two ids with one hash, about one chance in 10^8 among a
 * million items, would count as one item. The rows can come in any order.
 *
 * **The estimator** (fpl_learn_finish()), for each stage: every item that
 * entered it is, at the as-of date, converted (it reached a later stage or
 * won), lost there, or still open (censored at its age). The
 * Aalen–Johansen estimator (Kaplan–Meier with two competing outcomes) gives
 * the cumulative chances of conversion and of loss, F1 and F2, at the
 * longest time observed; the rate is F1 / (F1 + F2), the share converting
 * of the items decided, each decided item weighted by the Kaplan–Meier
 * weight of its time (S(t−)/at risk). Open items so count as undecided,
 * not lost. Without open items it is converted / entered. The 90% interval
 * is Wilson's score interval at z = 1.6449 with Kish's effective size
 * (Σw)²/Σw² of those weights. The naive rate, converted / entered, is
 * shown beside it. The lag of a stage is the time to conversion among the
 * converted, from the same estimator (F1(t)/F1): mean, median, 75th and
 * 90th percentile in days. The win rate of a source or owner is the same
 * estimator from an item's entry to won or lost.
 *
 * **Order**: the figures do not depend on the order of the rows or on the
 * tables given (fpl_learn_begin(), fpl_learn_grow(),
 * fpl_learn_grow_in_place()): the same items give the same result to the
 * bit, so a re-sorted export, the CLI and Python agree. Every sum over
 * items (won revenue by source and owner, the deal size's mean and so its
 * cv, the back-test's deals, revenue and deal size) is exact, rounded
 * once to nearest; the rest is counts or runs over sorted keys. What an
 * item is can depend on the order only where its rows disagree: an item
 * whose rows other than the won one give different amounts keeps the last
 * one read, a row is backwards (skipped) against the rows read before it,
 * and past ::FPL_LEARN_MAX_GROUPS names the first seen are kept apart.
 *
 * Thread safety: a learner is used by one thread at a time; distinct
 * learners are independent. No locale is used.
 * @{
 */

/** Bytes fpl_learn_begin() needs at least (a table of 16 items or more). */
#define FPL_LEARN_WORK_MIN 65536u

/** Most distinct sources (and owners) kept apart; the rest count as `(other)`. */
#define FPL_LEARN_MAX_GROUPS 32

/** Most back-test rows: cut-off dates × months forecast after each. */
#define FPL_LEARN_MAX_BACKTEST 24

/** Months forecast after each back-test cut-off. */
#define FPL_LEARN_BACKTEST_MONTHS 3

/** Back-test cut-offs at most (the first days of the months before the as-of month). */
#define FPL_LEARN_BACKTEST_CUTOFFS 8

/** The z of a 90% two-sided interval. */
#define FPL_LEARN_Z90 1.6448536269514722

/** What a column of the history holds. */
typedef enum fpl_learn_role {
    FPL_LEARN_ID = 0, ///< the item (opportunity, deal, lead)
    FPL_LEARN_STAGE,  ///< the stage entered, or `won`/`lost`
    FPL_LEARN_DATE,   ///< the day it was entered
    FPL_LEARN_AMOUNT, ///< the amount (optional column)
    FPL_LEARN_SOURCE, ///< the lead source (optional column)
    FPL_LEARN_OWNER   ///< the owner (optional column)
} fpl_learn_role;

/** Number of ::fpl_learn_role values. */
#define FPL_LEARN_ROLES 6

/**
 * @brief The name of a role as fpl_learn_column_parse() takes it: `"id"`,
 * `"stage"`, `"date"`, `"amount"`, `"source"`, `"owner"`.
 * @param[in] role the role.
 * @return a static string (`"unknown"` outside the enum).
 */
FPL_API const char *fpl_learn_role_name(fpl_learn_role role);

/** The form of a history (fpl_learn_options::form). Values are stable. */
typedef enum fpl_learn_form {
    FPL_LEARN_FORM_AUTO = 0, ///< told by the header (the rule of the group doc)
    FPL_LEARN_FORM_LONG,     ///< one row per stage entry: id, stage, date
    FPL_LEARN_FORM_WIDE      ///< one row per item: a date column per stage, won and lost
} fpl_learn_form;

/** A name (of a column or a stage). */
typedef struct fpl_learn_name {
    char text[FPL_NAME_MAX + 1]; ///< NUL-terminated UTF-8
} fpl_learn_name;

/**
 * What to learn from. Zero-initialise, then set what is given; new members
 * are appended at the end.
 */
typedef struct fpl_learn_options {
    fpl_learn_name column[FPL_LEARN_ROLES]; ///< the header name of each role (::fpl_learn_role); empty: found by the names above
    size_t n_stages;                       ///< stages given, top first (0: the stage names in the order they first appear)
    fpl_learn_name stages[FPL_MAX_STAGES]; ///< their names
    fpl_date as_of;                                ///< what "now" is, when fpl_learn_options::has_as_of
    bool has_as_of;                                ///< false: the latest date in the file
    bool backtest;                                 ///< also back-test (fpl_learn_result::backtest)
    fpl_learn_form form;                           ///< the form of the history (::FPL_LEARN_FORM_AUTO: told by its header)
} fpl_learn_options;

/**
 * @brief Reads the form of a history: `auto`, `long` or `wide` (exact,
 * lower case).
 * @param[in] text the name; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] out the form, written only on success.
 * @param[out] err where a failure is (may be NULL): ::FPL_FIELD_HISTORY_FORM.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_LEARN_FORM.
 */
FPL_API fpl_status fpl_learn_form_parse(const char *text, size_t len, fpl_learn_form *out,
                                        fpl_error *err);

/**
 * @brief Reads a column mapping `ROLE=NAME` (`stage=StageName`) into @p opt.
 * @param[in,out] opt the options, changed only on success.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is (may be NULL): ::FPL_FIELD_COLUMN and
 *   the bytes at fault.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_COLUMN (not ROLE=NAME, an
 *   unknown role, a name that is empty or longer than ::FPL_NAME_MAX bytes).
 */
FPL_API fpl_status fpl_learn_column_parse(fpl_learn_options *opt, const char *text, size_t len,
                                          fpl_error *err);

/**
 * @brief Reads the stages, top first, separated by commas (`lead,sql,opp`)
 * into @p opt, each checked as a stage name.
 * @param[in,out] opt the options, changed only on success.
 * @param[in] text the text.
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is (may be NULL): ::FPL_FIELD_STAGES,
 *   the index of the name at fault and its bytes.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_STAGE_COUNT, a stage-name
 *   status or ::FPL_ERR_STAGE_DUPLICATE.
 */
FPL_API fpl_status fpl_learn_stages_parse(fpl_learn_options *opt, const char *text, size_t len,
                                          fpl_error *err);

/** Why a row of the history was skipped. Values are stable. */
typedef enum fpl_learn_fault {
    FPL_LEARN_FAULT_NONE = 0,      ///< not skipped
    FPL_LEARN_FAULT_FIELDS,        ///< not as many fields as the header
    FPL_LEARN_FAULT_QUOTE,         ///< a stray quote
    FPL_LEARN_FAULT_UNTERMINATED,  ///< a quoted field still open at the end of the file
    FPL_LEARN_FAULT_UTF8,          ///< not valid UTF-8, or a NUL byte
    FPL_LEARN_FAULT_TOO_LONG,      ///< longer than ::FPL_CSV_RECORD_MAX bytes
    FPL_LEARN_FAULT_ID,            ///< the id is empty
    FPL_LEARN_FAULT_STAGE,         ///< not a stage given, nor won or lost
    FPL_LEARN_FAULT_STAGES,        ///< a stage name past ::FPL_MAX_STAGES (give the stages)
    FPL_LEARN_FAULT_DATE,          ///< not a date YYYY-MM-DD
    FPL_LEARN_FAULT_FUTURE,        ///< a date after the as-of date
    FPL_LEARN_FAULT_AMOUNT,        ///< the amount is not a number >= 0
    FPL_LEARN_FAULT_OUTCOME,       ///< the item is already won (or lost) and now lost (or won)
    FPL_LEARN_FAULT_BACKWARDS,     ///< dated before an earlier stage of the item, or after its outcome
    FPL_LEARN_FAULT_DUPLICATE,     ///< wide form: the item's id is on an earlier row too
    FPL_LEARN_FAULT_NO_DATE,       ///< wide form: no date in any stage or outcome column
    FPL_LEARN_FAULT_DATE_RANGE     ///< a date before 1900-01-01 or after 2079-06-05 (see Memory)
} fpl_learn_fault;

/**
 * @brief The message of a row fault, one line, lower case.
 * @param[in] fault the fault.
 * @return a static string.
 */
FPL_API const char *fpl_learn_fault_message(fpl_learn_fault fault);

/** A skipped row. */
typedef struct fpl_learn_skipped {
    uint64_t line;         ///< the line where the row starts (1 = the header)
    fpl_learn_fault fault; ///< why
} fpl_learn_skipped;

/**
 * @brief A learner reading a history. Large (about 80 KB): allocate it
 * statically or on the heap. Set up with fpl_learn_begin(); its table of
 * items is the caller's memory. The members are the library's: read none
 * of them.
 */
typedef struct fpl_learn {
    fpl_learn_options opt;     ///< the options
    int state;                 ///< tokenizer state
    bool seen;                 ///< the record has a byte
    bool bad;                  ///< the record is at fault
    bool have_header;          ///< the header was read
    bool pending;              ///< a row waits for a larger table
    fpl_learn_fault fault;     ///< the record's fault
    size_t rec_len;            ///< bytes of the record held
    size_t n_fields;           ///< fields of the record so far
    size_t start[FPL_CSV_MAX_COLUMNS + 1]; ///< where each field starts
    uint64_t line;             ///< the current physical line
    uint64_t record_line;      ///< the line where the record began
    size_t col[FPL_LEARN_ROLES]; ///< the column of each role (::FPL_NO_INDEX: none)
    size_t n_columns;          ///< columns of the header
    int header_fault;          ///< why the header was refused (0: it was not)
    int header_role;           ///< the role at fault
    size_t header_column;      ///< the column at fault
    size_t header_first;       ///< the column that named the role first
    size_t n_stages;           ///< stages known so far
    size_t cap_stages;         ///< days kept per item
    fpl_learn_name stages[FPL_MAX_STAGES]; ///< their names
    size_t n_sources;          ///< sources known
    fpl_learn_name sources[FPL_LEARN_MAX_GROUPS + 1]; ///< their names
    size_t n_owners;           ///< owners known
    fpl_learn_name owners[FPL_LEARN_MAX_GROUPS + 1];  ///< their names
    void *table;               ///< the items (the caller's memory)
    size_t slots;              ///< slots of the table
    size_t needed;             ///< bytes the next table needs (0: none is needed)
    size_t want_cap;           ///< days per item in the next table
    uint64_t pending_line;     ///< the line of the row waiting
    size_t items;              ///< items in it
    size_t slot_size;          ///< bytes of a slot
    bool compact;              ///< the items are packed at the table's front (fpl_learn_finish())
    uint64_t rows;             ///< data rows read
    uint64_t skipped;          ///< rows skipped
    int min_day;               ///< the earliest day read
    int max_day;               ///< the latest day read
    bool wide;                 ///< the history is in the wide form
    size_t wide_col[FPL_MAX_STAGES + 2]; ///< wide form: the date column of stage k at k, of won and lost at ::FPL_MAX_STAGES and after (::FPL_NO_INDEX: none)
    size_t table_bytes;        ///< bytes of the table of items given last
    char rec[FPL_CSV_RECORD_MAX]; ///< the current record's fields
} fpl_learn;

/**
 * @brief Starts learning, the items in @p work.
 * @param[out] learn the learner.
 * @param[in] opt the options (copied).
 * @param[in] work the first table of items: ::FPL_LEARN_WORK_MIN bytes or
 *   more, kept alive until fpl_learn_grow() moves the
 *   items elsewhere or the learning ends.
 * @param[in] work_size its size in bytes.
 * @param[out] err where a failure is (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_COLUMN (a column name that is
 *   not NUL-terminated), a stage status (::FPL_FIELD_STAGES), ::FPL_ERR_DATE
 *   (::FPL_FIELD_AS_OF) or ::FPL_ERR_WORKSPACE (@p work too small).
 */
FPL_API fpl_status fpl_learn_begin(fpl_learn *learn, const fpl_learn_options *opt, void *work,
                                   size_t work_size, fpl_error *err);

/**
 * @brief The bytes the next table of items needs, after fpl_learn_feed()
 * answered ::FPL_ERR_WORKSPACE.
 * @param[in] learn the learner (NULL: 0).
 * @return the bytes; 0 when no larger table is needed.
 */
FPL_API size_t fpl_learn_work_needed(const fpl_learn *learn);

/**
 * @brief Moves the items into a larger table; the old one is no longer
 * used. Then call fpl_learn_feed() again with the bytes it did not consume.
 * @param[in,out] learn the learner.
 * @param[in] work the new table, at least fpl_learn_work_needed() bytes.
 * @param[in] work_size its size.
 * @param[out] err where a failure is (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_WORKSPACE (too small).
 */
FPL_API fpl_status fpl_learn_grow(fpl_learn *learn, void *work, size_t work_size,
                                  fpl_error *err);

/**
 * @brief As fpl_learn_grow(), with the new table holding the current
 * one's bytes at its start (the table made larger by `realloc`): the items
 * are rehashed where they are, so no second table is needed at once
 * (when more stages were learned and the records grow, the items move to
 * the end of @p work first: fpl_learn_work_needed() counts that room).
 * @param[in,out] learn the learner.
 * @param[in] work the larger table, the current one's bytes first.
 * @param[in] work_size its size (at least fpl_learn_work_needed()).
 * @param[out] err where a failure is (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_WORKSPACE.
 */
FPL_API fpl_status fpl_learn_grow_in_place(fpl_learn *learn, void *work, size_t work_size,
                                           fpl_error *err);

/**
 * @brief Feeds the next bytes of the history; rows completed in them are
 * learned from, and the rows skipped are listed in @p skipped. Call again
 * with the rest when @p consumed_out is less than @p len (the list was
 * full), and finally with @p at_end true (len may be 0).
 * @param[in,out] learn the learner.
 * @param[in] data the bytes.
 * @param[in] len how many.
 * @param[in] at_end no more bytes follow.
 * @param[out] skipped where skipped rows go.
 * @param[in] capacity room at @p skipped (at least 1).
 * @param[out] n_skipped_out rows listed.
 * @param[out] consumed_out bytes of @p data used.
 * @param[out] err where a failure is (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_CSV_HEADER (the header lacks
 *   the id, stage or date column, names one twice, or is not CSV; fits
 *   both forms or is a faulty wide one (the group doc); or no
 *   header at all: fpl_learn_header_message() says which; the error names
 *   ::FPL_FIELD_HISTORY_FILE and the line) or ::FPL_ERR_WORKSPACE (the
 *   table is full: fpl_learn_grow(), then feed the rest from
 *   @p consumed_out on).
 *
 * A caller need not tell the statuses apart: after a call that did not
 * answer ::FPL_OK, fpl_learn_work_needed() is not 0 exactly when the table
 * is full (grow it to that many bytes and call again), and
 * fpl_learn_header_message() is not empty exactly when the header was
 * refused (print it with the line in @p err); anything else is said by
 * fpl_error_message().
 * @code
 * st = fpl_learn_feed(l, data, len, at_end, skipped, cap, &n, &used, &err);
 * if (st != FPL_OK && fpl_learn_work_needed(l) > 0) {
 *     work = realloc(work, fpl_learn_work_needed(l));       // check it
 *     st = fpl_learn_grow_in_place(l, work, fpl_learn_work_needed(l), &err);
 *     // then feed data + used on
 * }
 * @endcode
 */
FPL_API fpl_status fpl_learn_feed(fpl_learn *learn, const char *data, size_t len, bool at_end,
                                  fpl_learn_skipped *skipped, size_t capacity,
                                  size_t *n_skipped_out, size_t *consumed_out, fpl_error *err);

/**
 * @brief Why the header was refused, one line, lower case (empty when it
 * was not): `the header has no column for the date (date, CreatedDate, ...;
 * or --column date=NAME)`.
 * @param[in] learn the learner (NULL: an empty text).
 * @param[out] out the text, cut to @p capacity bytes (may be NULL when 0).
 * @param[in] capacity bytes at @p out; ::FPL_CSV_HEADER_MESSAGE_MAX suffices.
 * @return the length of the whole text.
 */
FPL_API size_t fpl_learn_header_message(const fpl_learn *learn, char *out, size_t capacity);

/** Time to the next stage, in days, among the items that reached it. */
typedef struct fpl_learn_lag {
    bool has;      ///< some item converted (else every figure is 0)
    double mean;   ///< mean days
    double median; ///< 50th percentile
    double p75;    ///< 75th percentile
    double p90;    ///< 90th percentile
} fpl_learn_lag;

/** What the history shows of one stage. */
typedef struct fpl_learn_stage {
    char name[FPL_NAME_MAX + 1]; ///< its name
    uint64_t entered;   ///< items that entered it
    uint64_t converted; ///< of them, reached a later stage or won
    uint64_t lost;      ///< lost at this stage
    uint64_t open;      ///< still open at this stage at the as-of date
    bool has_rate;      ///< some item was decided (else rate and interval are 0)
    double rate;        ///< learned conversion rate to the next stage (to won for the last)
    double low;         ///< 90% interval, low end
    double high;        ///< 90% interval, high end
    double effective;   ///< Kish's effective number of decided items behind the rate
    double naive_rate;  ///< converted / entered (open counted as lost); 0 when none entered
    fpl_learn_lag lag;  ///< time to the next stage
} fpl_learn_stage;

/** Figures of one source or owner. */
typedef struct fpl_learn_group {
    char name[FPL_NAME_MAX + 1]; ///< its name (`(none)`: empty; `(other)`: past ::FPL_LEARN_MAX_GROUPS)
    uint64_t items;       ///< items
    uint64_t won;         ///< won
    uint64_t lost;        ///< lost
    uint64_t open;        ///< open
    bool has_win_rate;    ///< some item was decided
    double win_rate;      ///< learned rate from entry to won (the estimator above)
    double naive_win_rate;///< won / items
    double won_revenue;   ///< the amounts of the items won
} fpl_learn_group;

/** One month of the back-test. */
typedef struct fpl_learn_backtest_row {
    fpl_date cutoff;        ///< the day learned at (the first of a month)
    fpl_month month;        ///< the month forecast
    double deals;           ///< deals forecast won in that month
    double actual_deals;    ///< deals won in that month
    double revenue;         ///< revenue forecast (deals × the mean deal size learned then)
    double actual_revenue;  ///< revenue won
} fpl_learn_backtest_row;

/** How plans learned from past dates fared. */
typedef struct fpl_learn_backtest {
    size_t n_rows;             ///< rows
    fpl_learn_backtest_row rows[FPL_LEARN_MAX_BACKTEST]; ///< by cut-off, then month
    bool has_deals_mape;       ///< some month had deals won
    double deals_mape;         ///< mean |forecast − actual| / actual over the months with deals
    double deals_bias;         ///< Σ(forecast − actual) / Σ actual (deals); 0 without deals
    bool has_revenue_mape;     ///< some month had revenue won
    double revenue_mape;       ///< as deals_mape for revenue
    double revenue_bias;       ///< as deals_bias for revenue
} fpl_learn_backtest;

/** What a history comes to. New members are appended. */
typedef struct fpl_learn_result {
    fpl_date as_of;        ///< the as-of date used
    fpl_date first;        ///< the earliest date read
    uint64_t rows;         ///< data rows read
    uint64_t skipped;      ///< rows skipped
    uint64_t items;        ///< items
    uint64_t won;          ///< items won
    uint64_t lost;         ///< items lost
    uint64_t open;         ///< items open
    size_t n_stages;       ///< stages
    fpl_learn_stage stages[FPL_MAX_STAGES]; ///< top first
    bool has_deal_size;    ///< some won item had an amount
    uint64_t deal_count;   ///< won items with an amount
    double deal_mean;      ///< mean won amount
    double deal_median;    ///< median won amount
    double deal_cv;        ///< sample standard deviation / mean (0 with one deal)
    bool has_seasonality;  ///< the entries span at least 12 whole months
    double seasonality[12];///< January first: mean entries of that month / mean of all 12 (average 1)
    size_t n_sources;      ///< sources (0 without a source column)
    fpl_learn_group sources[FPL_LEARN_MAX_GROUPS + 1]; ///< by items, most first
    size_t n_owners;       ///< owners (0 without an owner column)
    fpl_learn_group owners[FPL_LEARN_MAX_GROUPS + 1];  ///< by items, most first
    bool has_backtest;     ///< a back-test was asked for and some cut-off had history before it
    fpl_learn_backtest backtest; ///< the back-test
} fpl_learn_result;

/**
 * @brief The scratch fpl_learn_finish() needs, in bytes.
 * @param[in] learn the learner, every byte fed (NULL: 0).
 * @return the bytes.
 */
FPL_API size_t fpl_learn_finish_needed(const fpl_learn *learn);

/**
 * @brief Learns from every row fed: the result.
 * @param[in,out] learn the learner (all bytes fed, at_end given); its items
 *   end packed at the front of its table (the Memory paragraph above).
 * @param[in] scratch working memory of fpl_learn_finish_needed() bytes or
 *   more, 8-byte aligned (may be NULL when @p scratch_size is 0).
 * @param[in] scratch_size its size.
 * @param[out] out the result.
 * @param[out] err where a failure is (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_CSV_HEADER (no header was
 *   read), ::FPL_ERR_LEARN_EMPTY (no item) or ::FPL_ERR_WORKSPACE (the
 *   scratch is too small).
 */
FPL_API fpl_status fpl_learn_finish(fpl_learn *learn, void *scratch, size_t scratch_size,
                                    fpl_learn_result *out, fpl_error *err);

/**
 * @brief The funnel learned: every stage at its learned rate, ready for
 * plan, forecast, odds, schedule and channels.
 * @param[in] result the result.
 * @param[out] out the funnel.
 * @param[out] err where a failure is (may be NULL): ::FPL_FIELD_STAGE and
 *   the stage whose rate is not in (0, 1] (no item decided, or none
 *   converted).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_RATE_RANGE.
 */
FPL_API fpl_status fpl_learn_funnel(const fpl_learn_result *result, fpl_funnel *out,
                                    fpl_error *err);

/**
 * @brief The saved funnel: an \@FILE of options (`--stage NAME=RATE` per
 * stage, `--deal-size AMOUNT` when known) that plan, forecast, odds,
 * schedule and channels take, with the lags, the deal-size variation and
 * the seasonality as comments ready to uncomment for schedule and odds.
 * @param[in] result the result.
 * @param[out] buf the text, like `snprintf` (may be NULL when @p capacity is 0).
 * @param[in] capacity its size.
 * @param[out] length_out the length of the whole text.
 * @param[out] err where a failure is (may be NULL).
 * @return as fpl_learn_funnel().
 */
FPL_API fpl_status fpl_learn_save(const fpl_learn_result *result, char *buf, size_t capacity,
                                  size_t *length_out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_LEARN_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file score.h
 * @brief Lead qualification: weighted criteria such as BANT, a score from 0
 * to 100, bands, sales-readiness, and a streaming CSV reader that scores
 * every row of a file of leads.
 */

#ifndef FUNNELPLAN_SCORE_H
#define FUNNELPLAN_SCORE_H

#include "funnelplan/common.h"
#include "funnelplan/funnel.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup score Score
 * @brief A shared definition of a qualified lead, applied to every lead.
 *
 * A lead answers every criterion with a number in [0, 1] (1: fully met, 0:
 * not at all; `yes`/`no` and `50%` are read too). Its score is
 * 100 · Σ weight · answer / Σ weight. Its band is hot at a score ≥ the hot
 * threshold (default 75), warm at ≥ the warm threshold (default 50), else
 * cold (the thresholds in use: fpl_criteria_hot() and fpl_criteria_warm()).
 * It is sales-ready when every required criterion is fully met (answer
 * 1); with no required criterion, when it is hot. The criteria it misses are
 * those not fully met.
 *
 * The BANT preset: budget, authority, need and timing, equal weights, all
 * four required for sales-ready.
 *
 * Ranking, most promising first: higher score first; among equal scores
 * sales-ready first; then the order of the file. Scores are compared (for
 * ties and thresholds alike) on a grid of a billionth of a point,
 * round(score · 10^9), so rounding noise never splits a tie or misses a
 * threshold and the order stays transitive.
 * @{
 */

/** Most criteria in one definition. */
#define FPL_MAX_CRITERIA 32

/** The hot threshold when none is given (fpl_criteria::has_hot false). */
#define FPL_SCORE_HOT_DEFAULT 75.0

/** The warm threshold when none is given (fpl_criteria::has_warm false). */
#define FPL_SCORE_WARM_DEFAULT 50.0

/** One criterion. */
typedef struct fpl_criterion {
    char name[FPL_NAME_MAX + 1]; ///< NUL-terminated UTF-8, rules of a stage name
    double weight;               ///< > 0, finite
    bool required;               ///< must be fully met for sales-ready
} fpl_criterion;

/**
 * A definition of a qualified lead. Zero-initialise (the default
 * thresholds), then add criteria; give a threshold by setting it and its
 * `has_` flag. A threshold given is checked as given: 0 is refused, it
 * never means the default. New members are appended at the end.
 */
typedef struct fpl_criteria {
    size_t n_criteria;                      ///< criteria in use
    fpl_criterion criteria[FPL_MAX_CRITERIA]; ///< in order
    double hot;   ///< hot threshold in (0, 100], used when fpl_criteria::has_hot
    double warm;  ///< warm threshold in (0, hot], used when fpl_criteria::has_warm
    bool has_hot;  ///< fpl_criteria::hot is given; false: ::FPL_SCORE_HOT_DEFAULT
    bool has_warm; ///< fpl_criteria::warm is given; false: ::FPL_SCORE_WARM_DEFAULT
} fpl_criteria;

/**
 * @brief The hot threshold in use: fpl_criteria::hot when given, else
 * ::FPL_SCORE_HOT_DEFAULT (also for NULL).
 * @param[in] criteria the definition (may be NULL).
 * @return the threshold (not checked: see fpl_criteria_check()).
 */
FPL_API double fpl_criteria_hot(const fpl_criteria *criteria);

/**
 * @brief The warm threshold in use: fpl_criteria::warm when given, else
 * ::FPL_SCORE_WARM_DEFAULT (also for NULL).
 * @param[in] criteria the definition (may be NULL).
 * @return the threshold (not checked: see fpl_criteria_check()).
 */
FPL_API double fpl_criteria_warm(const fpl_criteria *criteria);

/** A lead's band. */
typedef enum fpl_band {
    FPL_BAND_COLD = 0, ///< below the warm threshold
    FPL_BAND_WARM = 1, ///< at or above warm, below hot
    FPL_BAND_HOT = 2   ///< at or above the hot threshold
} fpl_band;

/**
 * @brief The name of a band: `"hot"`, `"warm"`, `"cold"`.
 * @param[in] band the band; unknown values give `"unknown"`.
 * @return a static string.
 */
FPL_API const char *fpl_band_name(fpl_band band);

/**
 * @brief Fills @p out with the BANT preset (budget, authority, need,
 * timing; weight 1 each; all required; default thresholds).
 * @param[out] out the criteria.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or ::FPL_ERR_NULL.
 */
FPL_API fpl_status fpl_criteria_bant(fpl_criteria *out, fpl_error *err);

/**
 * @brief Reads a criterion `NAME=WEIGHT` or `NAME=WEIGHT,required` (the
 * weight as fpl_parse_amount() reads it; `NAME` alone means weight 1), and
 * appends it.
 *
 * A failure names ::FPL_FIELD_CRITERION with the index the criterion would
 * have had (criteria->n_criteria) and the bytes at fault: the weight for
 * ::FPL_ERR_CRITERION, the name for a name status or
 * ::FPL_ERR_CRITERION_DUPLICATE; ::FPL_ERR_CRITERION_COUNT names
 * ::FPL_FIELD_CRITERIA (the list as a whole).
 * @param[in,out] criteria the definition, changed only on success.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, a stage-name status for the name (the
 *   reserved words are allowed; fpl_error_message() words it for a
 *   criterion), ::FPL_ERR_CRITERION (syntax or weight),
 *   ::FPL_ERR_CRITERION_DUPLICATE or ::FPL_ERR_CRITERION_COUNT.
 */
FPL_API fpl_status fpl_criteria_add_parse(fpl_criteria *criteria, const char *text, size_t len,
                                          fpl_error *err);

/**
 * @brief Checks a definition: 1 to ::FPL_MAX_CRITERIA criteria, valid unique
 * names, positive finite weights, 0 < warm ≤ hot ≤ 100.
 *
 * A failure names the field: ::FPL_FIELD_CRITERIA for the count,
 * ::FPL_FIELD_CRITERION and its index for a criterion (the later of two
 * with the same name), ::FPL_FIELD_HOT or ::FPL_FIELD_WARM for
 * ::FPL_ERR_BANDS: a threshold given that is not above 0 (hot first), a hot
 * threshold above 100, else warm above hot is the fault of warm when warm
 * is given and of hot otherwise.
 * @param[in] criteria the definition.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_CRITERION_COUNT, a stage-name
 *   status, ::FPL_ERR_CRITERION_DUPLICATE, ::FPL_ERR_CRITERION (a weight) or
 *   ::FPL_ERR_BANDS.
 */
FPL_API fpl_status fpl_criteria_check(const fpl_criteria *criteria, fpl_error *err);

/**
 * @brief Reads one answer: a number or a rate in [0, 1] as fpl_parse_rate()
 * reads it (`1`, `0`, `0.5`, `50%`, `1/2`), or `yes`/`no`, `y`/`n`,
 * `true`/`false` (ASCII, any case). Spaces around it are ignored; an empty
 * answer is 0 (not known, so not met). A failure names ::FPL_FIELD_ANSWER
 * (no index) and the bytes of the answer without the spaces around it.
 * @param[in] text the text.
 * @param[in] len its length in bytes.
 * @param[out] out the answer, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_ANSWER.
 */
FPL_API fpl_status fpl_answer_parse(const char *text, size_t len, double *out, fpl_error *err);

/** A lead's score. */
typedef struct fpl_lead_score {
    double score;        ///< 0 … 100
    fpl_band band;       ///< by the thresholds
    bool sales_ready;    ///< every required criterion fully met (no required: hot)
    uint64_t missing;    ///< bit i set: criterion i is not fully met
    size_t n_missing;    ///< criteria not fully met
} fpl_lead_score;

/**
 * @brief Scores one lead.
 * @code
 * fpl_criteria bant;
 * fpl_criteria_bant(&bant, NULL);
 * const double answers[4] = {1, 1, 0.5, 1}; // budget, authority, need, timing
 * fpl_lead_score s;
 * fpl_score_lead(&bant, answers, 4, &s, NULL); // s.score == 87.5, hot, not sales-ready
 * @endcode
 * @param[in] criteria the definition (checked as by fpl_criteria_check()).
 * @param[in] answers one answer per criterion, in [0, 1].
 * @param[in] n_answers must equal criteria->n_criteria.
 * @param[out] out the score, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, a criteria status, ::FPL_ERR_ANSWER (an answer outside
 *   [0, 1] or NaN: ::FPL_FIELD_ANSWER with its index; n_answers wrong:
 *   no index).
 */
FPL_API fpl_status fpl_score_lead(const fpl_criteria *criteria, const double *answers,
                                  size_t n_answers, fpl_lead_score *out, fpl_error *err);

/**
 * @brief Whether lead a ranks before lead b: higher score, then
 * sales-ready, then the earlier line.
 * @param[in] a one lead's score.
 * @param[in] line_a its line in the file.
 * @param[in] b the other's.
 * @param[in] line_b its line.
 * @return true when a comes first; a NULL lead comes after any other (two
 *   NULL leads: false).
 */
FPL_API bool fpl_score_before(const fpl_lead_score *a, uint64_t line_a, const fpl_lead_score *b,
                              uint64_t line_b);

/**
 * @brief Reads how many of the best leads to keep: a whole number from 0 to
 * 2^53 (::FPL_WHOLE_MAX), as fpl_parse_amount() reads it (`10`, `1k`,
 * `1e3`).
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] out the count, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL): always
 *   ::FPL_FIELD_TOP.
 * @return ::FPL_OK, ::FPL_ERR_NULL, a parse status (not a number, negative,
 *   ...) or ::FPL_ERR_TOP (not whole, or above 2^53).
 */
FPL_API fpl_status fpl_score_top_parse(const char *text, size_t len, uint64_t *out,
                                       fpl_error *err);

/* ---- streaming CSV --------------------------------------------------- */

/** Longest record (one lead's line, quotes included) the CSV reader holds. */
#define FPL_CSV_RECORD_MAX 65536u

/** Longest lead id in bytes. */
#define FPL_CSV_ID_MAX 256u

/** Most columns in a CSV file. */
#define FPL_CSV_MAX_COLUMNS 256u

/** Why a row was not scored (fpl_csv_row.fault). */
typedef enum fpl_csv_fault {
    FPL_CSV_OK = 0,           ///< scored
    FPL_CSV_FIELDS,           ///< not as many fields as the header
    FPL_CSV_QUOTE,            ///< a quote in the middle of an unquoted field, or text after a closing quote
    FPL_CSV_UNTERMINATED,     ///< a quoted field still open at the end of the file
    FPL_CSV_UTF8,             ///< not valid UTF-8, or a NUL byte
    FPL_CSV_TOO_LONG,         ///< the record is longer than ::FPL_CSV_RECORD_MAX bytes
    FPL_CSV_ID,               ///< the id is empty or longer than ::FPL_CSV_ID_MAX bytes
    FPL_CSV_ANSWER            ///< an answer is not a number in [0, 1] or yes/no
} fpl_csv_fault;

/**
 * @brief The message for a row fault, one line, lower case.
 * @param[in] fault the fault.
 * @return a static string.
 */
FPL_API const char *fpl_csv_fault_message(fpl_csv_fault fault);

/** One row of a CSV file, scored or refused. New members are appended. */
typedef struct fpl_csv_row {
    uint64_t line;              ///< line of the file where the record starts (1 = header)
    fpl_csv_fault fault;        ///< ::FPL_CSV_OK when scored
    size_t column;              ///< with ::FPL_CSV_ANSWER: the column (0-based) at fault
    char id[FPL_CSV_ID_MAX + 1]; ///< the lead's id, NUL-terminated (when scored)
    fpl_lead_score score;       ///< the score (when scored)
    size_t criterion;           ///< with ::FPL_CSV_ANSWER: the criterion (0-based) whose answer is at fault
} fpl_csv_row;

/**
 * @brief The state of a streaming CSV scorer. Large (about 70 KB):
 * allocate it statically or on the heap. Set up with fpl_csv_begin().
 */
typedef struct fpl_csv_reader {
    fpl_criteria criteria;           ///< the definition used
    char id_column[FPL_NAME_MAX + 1]; ///< the name of the id column
    bool have_header;                ///< the header was read
    size_t n_columns;                ///< columns of the header
    size_t id_index;                 ///< column of the id
    size_t criterion_column[FPL_MAX_CRITERIA]; ///< column of each criterion
    uint64_t line;                   ///< the current physical line
    uint64_t record_line;            ///< line where the current record began
    uint64_t rows;                   ///< data records seen (scored or not)
    int state;                       ///< tokenizer state (internal)
    bool record_seen;                ///< the current record has a byte (it is not a blank line)
    bool record_bad;                 ///< the current record is already at fault
    fpl_csv_fault record_fault;      ///< its fault
    size_t record_len;               ///< bytes of the current record held
    size_t field_start[FPL_CSV_MAX_COLUMNS + 1]; ///< where each field of the record starts
    size_t n_fields;                 ///< fields of the current record so far
    char record[FPL_CSV_RECORD_MAX]; ///< the current record's unquoted fields
} fpl_csv_reader;

/**
 * @brief Starts reading a CSV file of leads.
 * @param[out] reader the state.
 * @param[in] criteria the definition (checked).
 * @param[in] id_column the name of the id column (`id` when NULL).
 * @param[in] id_len its length.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, a criteria status, or a stage-name
 *   status for the id column (::FPL_FIELD_ID_COLUMN; the reserved words are
 *   allowed).
 */
FPL_API fpl_status fpl_csv_begin(fpl_csv_reader *reader, const fpl_criteria *criteria,
                                 const char *id_column, size_t id_len, fpl_error *err);

/**
 * @brief Feeds the next bytes of the file; every record completed in them
 * is scored into @p rows. Call again with the rest when @p consumed_out is
 * less than @p len (the rows buffer was full), and finally with @p at_end
 * true (len may be 0) to finish the last record.
 *
 * Records end at LF or CRLF; fields are separated by commas; a field in
 * double quotes may hold commas, line ends and doubled quotes (RFC 4180); a
 * UTF-8 byte-order mark at the very start is skipped; empty lines are
 * skipped. The first record is the header: it must name the id column and
 * every criterion (matched exactly; other columns are ignored).
 * @param[in,out] reader the state.
 * @param[in] data the bytes.
 * @param[in] len how many.
 * @param[in] at_end no more bytes follow.
 * @param[out] rows where rows go.
 * @param[in] capacity room at @p rows (at least 1).
 * @param[out] n_rows_out rows written.
 * @param[out] consumed_out bytes of @p data used.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_CSV_HEADER (a header without
 *   the id column or a criterion, a duplicate column name, a header at fault,
 *   or no header at all at the end: the file cannot be scored). It names
 *   ::FPL_FIELD_LEADS, the header's line in fpl_error::line (0 without a
 *   header) and, when one column is at fault, its index (from 0) in
 *   fpl_error::index: the second of two with the same name, a column that
 *   is not valid UTF-8, the column with a stray quote or where the header
 *   grows too long, the first column past ::FPL_CSV_MAX_COLUMNS.
 *   ::FPL_NO_INDEX when a name is missing.
 */
FPL_API fpl_status fpl_csv_feed(fpl_csv_reader *reader, const char *data, size_t len, bool at_end,
                                fpl_csv_row *rows, size_t capacity, size_t *n_rows_out,
                                size_t *consumed_out, fpl_error *err);

/** What a file of leads came to: the counts `funnelplan score` reports. */
typedef struct fpl_score_tally {
    uint64_t scored;      ///< rows scored
    uint64_t skipped;     ///< rows refused (fpl_csv_row::fault)
    uint64_t bands[3];    ///< rows scored in each band, indexed by ::fpl_band
    uint64_t sales_ready; ///< rows scored sales-ready
} fpl_score_tally;

/**
 * @brief Counts one row of a file (fpl_csv_feed()) in a tally.
 * @param[in,out] tally the tally, zero-initialised before the first row.
 * @param[in] row the row, scored or refused; nothing happens when NULL.
 */
FPL_API void fpl_score_tally_add(fpl_score_tally *tally, const fpl_csv_row *row);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SCORE_H */

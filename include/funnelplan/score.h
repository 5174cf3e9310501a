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
 * not at all; `yes`/`no`, `y`/`n`, `true`/`false` and `50%` are read too).
 * Its score is 100 · Σ weight · answer / Σ weight, the weights first scaled
 * by the power of two that brings the largest into [1, 2): exact, so
 * ordinary weights give the formula's bits, and weights of any finite
 * positive size (4e-324 to 1.8e308) neither overflow nor vanish; a score is
 * never NaN and never outside [0, 100]. Its band is hot at a score ≥ the hot
 * threshold (default 75), warm at ≥ the warm threshold (default 50), else
 * cold (the thresholds in use: fpl_criteria_hot() and fpl_criteria_warm()).
 * It is sales-ready when every required criterion is fully met (answer
 * 1); with no required criterion, when it is hot. The criteria it misses are
 * those not fully met.
 *
 * Presets (fpl_criteria_preset(), by name fpl_criteria_preset_parse()),
 * each a starting point to adjust or to fit to the history
 * (fpl_score_fit()):
 * - `bant`: budget, authority, need, timing; weight 1 each; all four
 *   required for sales-ready.
 * - `bad`: need (weight 2, required), activity (weight 1), social (weight
 *   1): the nurturing-stage model of the lead-management literature.
 *   Activity is answered with a count of clicks, downloads and product
 *   views, scaled to min(count / saturation, 1) (default saturation
 *   ::FPL_SCORE_SATURATION_DEFAULT; set it with fpl_criteria_saturation_parse());
 *   social is the social information known about the lead (its role, its
 *   company, its network), from 0 to 1.
 * - `champ`: challenges (weight 3, required), authority (weight 2), money
 *   (weight 1), prioritization (weight 2): BANT reordered around the
 *   buyer's challenges, money last.
 * - `meddic`: metrics (1), economic_buyer (2, required), decision_criteria
 *   (1), decision_process (1), identify_pain (2, required), champion (2,
 *   required): the enterprise checklist; pain, the economic buyer and a
 *   champion make an opportunity sales-ready.
 *
 * A criterion with a saturation above 0 (fpl_criteria::saturation) is
 * answered with a count (a number of 0 or more, as fpl_parse_amount()
 * reads it; empty is 0) instead of a number in [0, 1]; its answer is
 * min(count / saturation, 1) (fpl_criterion_answer_parse()).
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
    /** Criterion i's saturation: above 0, it is answered with a count
     *  scaled to min(count / saturation, 1); 0 (zero-initialised), with a
     *  number in [0, 1]. Finite and not negative. */
    double saturation[FPL_MAX_CRITERIA];
} fpl_criteria;

/** The saturation of the `bad` preset's activity: 10 clicks, downloads
 *  and product views make a fully active lead. */
#define FPL_SCORE_SATURATION_DEFAULT 10.0

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

/** A preset of criteria. Values are stable: new ones are appended. */
typedef enum fpl_preset {
    FPL_PRESET_BANT = 0, ///< budget, authority, need, timing
    FPL_PRESET_BAD,      ///< need, activity (a count), social information
    FPL_PRESET_CHAMP,    ///< challenges, authority, money, prioritization
    FPL_PRESET_MEDDIC    ///< metrics, economic buyer, decision criteria and process, pain, champion
} fpl_preset;

/** Number of ::fpl_preset values. */
#define FPL_PRESET_COUNT 4

/** The preset used when none is named: ::FPL_PRESET_BANT. */
#define FPL_PRESET_DEFAULT FPL_PRESET_BANT

/**
 * @brief The name of a preset: `"bant"`, `"bad"`, `"champ"`, `"meddic"`.
 * @param[in] preset the preset; unknown values give `"unknown"`.
 * @return a static string.
 */
FPL_API const char *fpl_preset_name(fpl_preset preset);

/**
 * @brief Fills @p out with a preset: its criteria, weights, required
 * criteria and saturations (see @ref score), the default thresholds.
 * @code
 * fpl_criteria bad;
 * fpl_criteria_preset(FPL_PRESET_BAD, &bad, NULL);
 * // need=2,required  activity=1 (a count, saturation 10)  social=1
 * @endcode
 * @param[in] preset the preset.
 * @param[out] out the criteria.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_PRESET (a value outside
 *   the enum; ::FPL_FIELD_CRITERIA).
 */
FPL_API fpl_status fpl_criteria_preset(fpl_preset preset, fpl_criteria *out, fpl_error *err);

/**
 * @brief Fills @p out with the preset of that name (ASCII, any case:
 * `bant`, `BAD`, `Champ`, `meddic`).
 * @param[in] text the name (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] out the criteria, written only on success.
 * @param[out] preset_out which preset (may be NULL).
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_CRITERIA and the bytes of the name.
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_PRESET.
 */
FPL_API fpl_status fpl_criteria_preset_parse(const char *text, size_t len, fpl_criteria *out,
                                             fpl_preset *preset_out, fpl_error *err);

/**
 * @brief Reads a saturation `NAME=COUNT` (a count above 0 as
 * fpl_parse_amount() reads it: `20`, `1k`) and sets it on the criterion of
 * that name (ASCII case folded): from then on that criterion is answered
 * with a count, scaled to min(count / COUNT, 1).
 * @param[in,out] criteria the definition, changed only on success.
 * @param[in] text the text (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_SATURATION, the criterion's index when the name is one's
 *   (else ::FPL_NO_INDEX), and the bytes at fault (the count, or the name).
 * @return ::FPL_OK, ::FPL_ERR_NULL or ::FPL_ERR_SATURATION.
 */
FPL_API fpl_status fpl_criteria_saturation_parse(fpl_criteria *criteria, const char *text,
                                                 size_t len, fpl_error *err);

/**
 * @brief Reads a criterion `NAME=WEIGHT` or `NAME=WEIGHT,required` (the
 * weight as fpl_parse_amount() reads it; `NAME` alone means weight 1), and
 * appends it. A last `,saturation=COUNT` (after `,required` when both are
 * given; COUNT above 0) makes it a counted criterion (fpl_criteria::saturation):
 * `activity=1,saturation=20`.
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
 * names, positive finite weights, saturations finite and not negative
 * (::FPL_ERR_SATURATION, ::FPL_FIELD_SATURATION with the criterion's
 * index), 0 < warm ≤ hot ≤ 100.
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
 *   ::FPL_ERR_BANDS or ::FPL_ERR_SATURATION.
 */
FPL_API fpl_status fpl_criteria_check(const fpl_criteria *criteria, fpl_error *err);

/**
 * @brief Writes a definition as an `@FILE` of options that `funnelplan
 * score` reads back to the very same definition: a `#` comment line, then
 * one `--criterion NAME=WEIGHT[,required][,saturation=COUNT]` per
 * criterion (numbers in their shortest round-trip form), then `--hot` and
 * `--warm` when given.
 * @param[in] criteria the definition.
 * @param[in] comment the text of the first line after `# ` (NULL: none;
 *   a line break in it ends it).
 * @param[out] out the text, NUL-terminated, cut to @p capacity bytes; may
 *   be NULL when @p capacity is 0.
 * @param[in] capacity bytes at @p out; ::FPL_CRITERIA_OPTIONS_MAX always
 *   suffices for a comment up to 256 bytes.
 * @return the length of the whole text, without the NUL (0 for NULL
 *   criteria).
 */
FPL_API size_t fpl_criteria_options(const fpl_criteria *criteria, const char *comment, char *out,
                                    size_t capacity);

/** Bytes that always hold fpl_criteria_options()'s text and its NUL. */
#define FPL_CRITERIA_OPTIONS_MAX 8192u

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

/**
 * @brief Reads criterion @p index's answer: for a counted criterion
 * (fpl_criteria::saturation above 0) a count of 0 or more as
 * fpl_parse_amount() reads it (empty: 0), scaled to min(count /
 * saturation, 1); for any other, as fpl_answer_parse().
 * @param[in] criteria the definition (not checked).
 * @param[in] index the criterion.
 * @param[in] text the text.
 * @param[in] len its length in bytes.
 * @param[out] out the answer in [0, 1], written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_ANSWER with @p index, and the bytes.
 * @return ::FPL_OK, ::FPL_ERR_NULL (also an index past the criteria) or
 *   ::FPL_ERR_ANSWER.
 */
FPL_API fpl_status fpl_criterion_answer_parse(const fpl_criteria *criteria, size_t index,
                                              const char *text, size_t len, double *out,
                                              fpl_error *err);

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
 * @return true when a comes first. No score (NULL) ranks after every
 *   score: false when @p a is NULL, true when only @p b is.
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
    FPL_CSV_ANSWER,           ///< an answer is not a number in [0, 1] or yes/no, y/n, true/false
    FPL_CSV_COUNT,            ///< a counted criterion's answer is not a number of 0 or more
    FPL_CSV_OUTCOME           ///< the outcome is not won, lost or empty (fpl_csv_outcome_column())
} fpl_csv_fault;

/** A lead's outcome, from the outcome column (fpl_csv_outcome_column()). */
typedef enum fpl_outcome {
    FPL_OUTCOME_NONE = 0, ///< no outcome column, or the lead is still open (an empty cell)
    FPL_OUTCOME_WON,      ///< `won` (ASCII, any case, spaces around ignored)
    FPL_OUTCOME_LOST      ///< `lost`
} fpl_outcome;

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
    size_t criterion;           ///< with ::FPL_CSV_ANSWER or ::FPL_CSV_COUNT: the criterion (0-based) whose answer is at fault
    double answers[FPL_MAX_CRITERIA]; ///< the answers read, in [0, 1], one per criterion (when scored)
    fpl_outcome outcome;        ///< the outcome (when scored and the reader has an outcome column)
} fpl_csv_row;

/**
 * Why the header of a file was refused (fpl_csv_reader::header_fault);
 * fpl_csv_header_message() words it. Values are stable: new ones are
 * appended.
 */
typedef enum fpl_csv_header_fault {
    FPL_CSV_HEADER_OK = 0,       ///< not refused
    FPL_CSV_HEADER_NONE,         ///< no header at all: the file is empty or blank
    FPL_CSV_HEADER_MISSING,      ///< no column names the id column or a criterion (fpl_csv_reader::header_name)
    FPL_CSV_HEADER_TWICE,        ///< two columns name the id column or the same criterion
    FPL_CSV_HEADER_COLUMNS,      ///< more than ::FPL_CSV_MAX_COLUMNS columns
    FPL_CSV_HEADER_UTF8,         ///< a column is not valid UTF-8 text, or holds a NUL byte
    FPL_CSV_HEADER_LONG,         ///< longer than ::FPL_CSV_RECORD_MAX bytes
    FPL_CSV_HEADER_QUOTE,        ///< a quote inside an unquoted column, or text after a closing quote
    FPL_CSV_HEADER_UNTERMINATED  ///< a quoted column still open at the end of the file
} fpl_csv_header_fault;

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
    fpl_csv_header_fault header_fault; ///< why the header was refused (::FPL_CSV_HEADER_OK: it was not)
    size_t header_column; ///< the header's column at fault (from 0), ::FPL_NO_INDEX when none (a name missing, no header)
    size_t header_first;  ///< with ::FPL_CSV_HEADER_TWICE: the column that gave the name first
    size_t header_name;   ///< with ::FPL_CSV_HEADER_MISSING or ::FPL_CSV_HEADER_TWICE: the criterion (from 0), ::FPL_MAX_CRITERIA for the id column, ::FPL_CSV_OUTCOME_NAME for the outcome column
    char outcome_column[FPL_NAME_MAX + 1]; ///< the name of the outcome column (fpl_csv_outcome_column()); empty: none
    size_t outcome_index;            ///< column of the outcome
} fpl_csv_reader;

/** fpl_csv_reader::header_name for the outcome column. */
#define FPL_CSV_OUTCOME_NAME (FPL_MAX_CRITERIA + 1)

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
 * @brief Asks the reader for an outcome column too, after fpl_csv_begin()
 * and before the first byte is fed: the header must then name it once
 * (any ASCII case), and each scored row carries its outcome
 * (fpl_csv_row::outcome): `won` or `lost` (any case), or an empty cell for
 * a lead still open; anything else is the row's fault ::FPL_CSV_OUTCOME.
 * @param[in,out] reader the state.
 * @param[in] name the column's name (need not be NUL-terminated).
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_OUTCOME.
 * @return ::FPL_OK, ::FPL_ERR_NULL (also once bytes were fed), a
 *   stage-name status (the reserved words are allowed) or
 *   ::FPL_ERR_OUTCOME_COLUMN (the id column's or a criterion's name, in any
 *   case).
 */
FPL_API fpl_status fpl_csv_outcome_column(fpl_csv_reader *reader, const char *name, size_t len,
                                          fpl_error *err);

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
 * every criterion once each. Names match with ASCII case folded (`Budget`
 * is the criterion `budget`; beyond ASCII, byte for byte), so two columns
 * `budget` and `Budget` name one criterion twice; other columns are
 * ignored. A header is refused as soon as it cannot be valid (longer than
 * ::FPL_CSV_RECORD_MAX bytes, more than ::FPL_CSV_MAX_COLUMNS columns, a
 * stray quote), without reading on to its line end: an endless first line
 * ends the reading after ::FPL_CSV_RECORD_MAX bytes. Why a header was
 * refused stays in fpl_csv_reader::header_fault and its neighbours;
 * fpl_csv_header_message() words it.
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

/**
 * @brief Says why the header of a file was refused, naming the column at
 * fault (counted from 1) or the name without a column: `the header has no
 * column named 'need' (a criterion)`, `columns 2 and 5 of the header both
 * name 'budget'`. One line, lower case; empty when the header was not
 * refused.
 * @param[in] reader the reader whose fpl_csv_feed() returned
 *   ::FPL_ERR_CSV_HEADER (NULL: an empty text).
 * @param[out] out the text, NUL-terminated, cut to @p capacity bytes; may be
 *   NULL when @p capacity is 0.
 * @param[in] capacity bytes at @p out; ::FPL_CSV_HEADER_MESSAGE_MAX always
 *   suffices.
 * @return the length of the whole text, without the NUL.
 */
FPL_API size_t fpl_csv_header_message(const fpl_csv_reader *reader, char *out, size_t capacity);

/** Bytes that always hold fpl_csv_header_message()'s text and its NUL. */
#define FPL_CSV_HEADER_MESSAGE_MAX 256u

/**
 * @brief Writes a score as the table shows it: one decimal, rounded to
 * the nearest, unless that would cross a threshold of its band (74.99,
 * warm, is not `75.0`): then rounded toward its band (`74.9`), and when no
 * one-decimal figure lies in the band (thresholds closer than a tenth),
 * with the fewest more decimals that do, up to 9 (the grid scores are
 * compared on; never more than the thresholds' own decimals). The figure
 * shown is never on the other side of a threshold from the band beside
 * it, and only a score of 100 shows `100.0` (99.99 is `99.9`).
 * @param[in] criteria the definition whose thresholds banded the score
 *   (NULL: the default thresholds).
 * @param[in] score the score.
 * @param[out] out the text, NUL-terminated, cut to @p capacity bytes; may be
 *   NULL when @p capacity is 0.
 * @param[in] capacity bytes at @p out; ::FPL_NUMBER_MAX always suffices.
 * @return the length of the whole text, without the NUL (0 when @p score
 *   is NULL).
 */
FPL_API size_t fpl_score_format(const fpl_criteria *criteria, const fpl_lead_score *score,
                                char *out, size_t capacity);

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

/* ---- fitting weights to outcomes ------------------------------------- */

/** Every this many-th lead with an outcome (the 5th, 10th, ... in the
 *  order given) is held back from the fit, to measure it on. */
#define FPL_SCORE_FIT_HOLDOUT 5u

/** The L2 penalty on the coefficients of the fitted logistic model (not
 *  its intercept): keeps them finite when the answers separate won from
 *  lost perfectly. */
#define FPL_SCORE_FIT_RIDGE 1.0

/** The largest fitted weight: the other weights are scaled to it. */
#define FPL_SCORE_FIT_WEIGHT_MAX 10.0

/** The smallest fitted weight: a criterion whose coefficient is not
 *  positive (or whose weight would be smaller) gets this one. */
#define FPL_SCORE_FIT_WEIGHT_MIN 0.01

/** Significant decimal digits of a fitted weight. */
#define FPL_SCORE_FIT_DIGITS 3

/** Newton iterations at most. */
#define FPL_SCORE_FIT_ITERATIONS 100

/** What a fit found. New members are appended at the end. */
typedef struct fpl_score_fit_result {
    fpl_criteria fitted;  ///< the definition given, with the fitted weights
    fpl_criteria given;   ///< the definition given (the preset in use)
    double coefficient[FPL_MAX_CRITERIA]; ///< the logistic model's log-odds per unit of each answer
    double intercept;     ///< its log-odds of a lead with every answer 0
    uint64_t floored;     ///< bit i: criterion i's weight is ::FPL_SCORE_FIT_WEIGHT_MIN (coefficient not positive, or too small)
    uint64_t fit_won;     ///< won leads fitted on
    uint64_t fit_lost;    ///< lost leads fitted on
    uint64_t test_won;    ///< won leads held back
    uint64_t test_lost;   ///< lost leads held back
    double auc_fitted;    ///< area under the ROC curve of the fitted weights' score on the held-back leads
    double auc_given;     ///< the same of the definition given
    unsigned iterations;  ///< Newton iterations taken
    bool converged;       ///< the last step moved no coefficient by more than 1e-9
} fpl_score_fit_result;

/**
 * @brief How many doubles of workspace fpl_score_fit() needs for @p n_leads
 * leads: one for each lead held back.
 * @param[in] n_leads the leads.
 * @return floor(n_leads / ::FPL_SCORE_FIT_HOLDOUT).
 */
FPL_API size_t fpl_score_fit_work(size_t n_leads);

/**
 * @brief Fits the weights of a definition to leads' outcomes, and measures
 * it against the definition given on leads held back.
 *
 * Method (deterministic, documented in the guide): the leads are taken in
 * the order given; every ::FPL_SCORE_FIT_HOLDOUT-th (the 5th, 10th, ...) is
 * held back. On the others a logistic regression of won on the answers (an
 * intercept, one coefficient per criterion, an L2 penalty of
 * ::FPL_SCORE_FIT_RIDGE on the coefficients) is fitted by Newton's method
 * from zero, each step halved until the penalised likelihood does not
 * rise, until no coefficient moves by more than 1e-9 or after
 * ::FPL_SCORE_FIT_ITERATIONS steps; sums run in the order of the leads, so
 * the same leads give the same bits. The weights are the coefficients
 * scaled so the largest is ::FPL_SCORE_FIT_WEIGHT_MAX, rounded to
 * ::FPL_SCORE_FIT_DIGITS significant digits, and at least
 * ::FPL_SCORE_FIT_WEIGHT_MIN: a score with them ranks leads as the model's
 * odds do wherever no coefficient is negative. Both definitions are then
 * measured on the held-back leads by the area under the ROC curve of their
 * scores (fpl_score_auc(), the scores on the grid they are compared on),
 * the fitted one with the rounded weights it prints.
 *
 * The leads come from anywhere; from a CSV file, through fpl_csv_feed()
 * with fpl_csv_outcome_column(): each scored row's fpl_csv_row::answers
 * and fpl_csv_row::outcome (a row still open is no lead here).
 * @code
 * // answers: n × 4 answers of leads (BANT), won: n flags
 * double *work = malloc(fpl_score_fit_work(n) * sizeof *work);
 * fpl_score_fit_result r;
 * if (fpl_score_fit(&bant, answers, won, n, work, fpl_score_fit_work(n), &r, NULL) == FPL_OK) {
 *     // r.fitted: the weights to use; r.auc_fitted against r.auc_given
 * }
 * @endcode
 * @param[in] criteria the definition whose weights are fitted (checked).
 * @param[in] answers the leads' answers, criteria->n_criteria per lead, in
 *   [0, 1].
 * @param[in] won one flag per lead: true won, false lost.
 * @param[in] n_leads the leads.
 * @param[out] work workspace (overwritten).
 * @param[in] work_len its doubles, at least fpl_score_fit_work(n_leads).
 * @param[out] out the result, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, a criteria status, ::FPL_ERR_ANSWER (an
 *   answer outside [0, 1] or NaN: ::FPL_FIELD_ANSWER, the criterion in
 *   fpl_error::index and the lead, from 1, in fpl_error::line),
 *   ::FPL_ERR_WORKSPACE, or ::FPL_ERR_OUTCOMES (no won or no lost lead in
 *   the part fitted or in the part held back: ::FPL_FIELD_OUTCOME).
 */
FPL_API fpl_status fpl_score_fit(const fpl_criteria *criteria, const double *answers,
                                 const bool *won, size_t n_leads, double *work, size_t work_len,
                                 fpl_score_fit_result *out, fpl_error *err);

/**
 * @brief The area under the ROC curve: the share of (won, lost) pairs
 * whose won value is higher, a tie counting half: (G + E / 2) / (n_won ·
 * n_lost) with G the pairs won higher and E the pairs equal, counted
 * exactly (whole numbers), then one division. Values are compared as
 * given (exactly); it is 1 when every won value is above every lost one,
 * 0.5 for all equal.
 * @param[in,out] won the values of the won leads (sorted in place).
 * @param[in] n_won how many (at least 1).
 * @param[in,out] lost the values of the lost leads (sorted in place).
 * @param[in] n_lost how many (at least 1).
 * @param[out] out the area, written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL):
 *   ::FPL_FIELD_WON or ::FPL_FIELD_LOST, with the index of a value that is
 *   not finite.
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_OUTCOMES (no won or no lost
 *   value) or ::FPL_ERR_RANK_VALUE (NaN or infinite).
 */
FPL_API fpl_status fpl_score_auc(double *won, size_t n_won, double *lost, size_t n_lost,
                                 double *out, fpl_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_SCORE_H */

/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file funnel.h
 * @brief A funnel: named stages with conversion rates, top first.
 */

#ifndef FUNNELPLAN_FUNNEL_H
#define FUNNELPLAN_FUNNEL_H

#include "funnelplan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup funnel Funnel
 * @brief Building and checking a funnel.
 *
 * A funnel is 1 to ::FPL_MAX_STAGES stages, top first. A stage's rate is the
 * fraction of the units entering it that reach the next stage; the last
 * stage's rate is its win rate. Rates are in (0, 1]. Names are 1 to
 * ::FPL_NAME_MAX bytes of UTF-8 without control characters, unique, and not
 * one of the reserved words `won`, `deal-size`, `volume`, `cost-per-lead`.
 *
 * A zero-initialised ::fpl_funnel is an empty funnel; fill it with
 * fpl_funnel_add_stage(), which checks each stage as it comes, or write the
 * fields yourself and call fpl_funnel_check().
 *
 * @code
 * fpl_funnel f = {0};
 * fpl_error err;
 * if (fpl_funnel_add_stage(&f, "lead", 4, 0.01, &err) != FPL_OK ||
 *     fpl_funnel_add_stage(&f, "accepted", 8, 0.10, &err) != FPL_OK) {
 *     // err.index: the stage; err.offset, err.length: the bytes of its name at fault
 * }
 * @endcode
 * @{
 */

/** One stage of a funnel. */
typedef struct fpl_stage {
    char name[FPL_NAME_MAX + 1]; ///< NUL-terminated UTF-8 name
    double rate;                 ///< conversion rate to the next stage, in (0, 1]
} fpl_stage;

/** A funnel: stages top first. Zero-initialised, it is empty. */
typedef struct fpl_funnel {
    size_t n_stages;                   ///< number of stages in use
    fpl_stage stages[FPL_MAX_STAGES];  ///< the stages, top first
} fpl_funnel;

/**
 * @brief Checks a stage name on its own (length, UTF-8, control characters,
 * reserved words).
 * @param[in] name the name; need not be NUL-terminated.
 * @param[in] len its length in bytes.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL or one of the ::FPL_ERR_STAGE_NAME_EMPTY
 *   ... ::FPL_ERR_STAGE_NAME_RESERVED statuses.
 */
FPL_API fpl_status fpl_stage_name_check(const char *name, size_t len, fpl_error *err);

/**
 * @brief Appends a stage below the existing ones, after checking it.
 * @param[in,out] funnel the funnel; unchanged on failure.
 * @param[in] name the stage's name; need not be NUL-terminated.
 * @param[in] name_len the name's length in bytes.
 * @param[in] rate the stage's conversion rate, in (0, 1].
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK; ::FPL_ERR_NULL; ::FPL_ERR_STAGE_COUNT when the funnel is
 *   full (or its count is corrupt); a name status; ::FPL_ERR_STAGE_DUPLICATE;
 *   ::FPL_ERR_RATE_RANGE.
 */
FPL_API fpl_status fpl_funnel_add_stage(fpl_funnel *funnel, const char *name, size_t name_len,
                                        double rate, fpl_error *err);

/**
 * @brief Checks a whole funnel, as every calculation does first.
 * @param[in] funnel the funnel.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK or the first fault found: ::FPL_ERR_NULL,
 *   ::FPL_ERR_STAGE_COUNT, a name status, ::FPL_ERR_STAGE_DUPLICATE,
 *   ::FPL_ERR_RATE_RANGE.
 */
FPL_API fpl_status fpl_funnel_check(const fpl_funnel *funnel, fpl_error *err);

/**
 * @brief Finds a stage by name (exact, byte for byte).
 * @param[in] funnel the funnel.
 * @param[in] name the name; need not be NUL-terminated.
 * @param[in] name_len its length in bytes.
 * @param[out] index_out the stage's index (top is 0), written only on success.
 * @param[out] err where a failure is, see ::fpl_error (may be NULL).
 * @return ::FPL_OK, ::FPL_ERR_NULL, ::FPL_ERR_STAGE_COUNT or
 *   ::FPL_ERR_STAGE_UNKNOWN.
 */
FPL_API fpl_status fpl_funnel_find(const fpl_funnel *funnel, const char *name, size_t name_len,
                                   size_t *index_out, fpl_error *err);

/**
 * @brief The candidate a mistyped name probably meant: the one rule of
 * every did-you-mean (commands and options of the CLI, stage names).
 *
 * Letters compare ASCII case-insensitively. A candidate matches when the
 * optimal-string-alignment distance (insertions, deletions, substitutions
 * and swaps of two neighbouring bytes) between it and `typed` is at most
 * 0 for a typed text of 1 or 2 bytes, 1 for 3 to 5 bytes and 2 from 6
 * bytes on (`lad` is `lead`, `plna` is `plan`, `dealsize` and `deal_size`
 * are `deal-size`); the least distance wins, the first candidate among
 * equals. When none does, a typed text of at least 3 bytes that begins
 * exactly one candidate names it (`rev` is `revenue`). Texts and names
 * longer than 128 bytes are compared by the prefix rule only.
 *
 * @code
 * static const char *const commands[] = {"plan", "forecast", "odds"};
 * size_t k = fpl_suggest("plna", 4, commands, 3);   // 0: "plan"
 * @endcode
 *
 * @param[in] typed the text typed; need not be NUL-terminated; may be
 *   NULL when `len` is 0.
 * @param[in] len its length in bytes.
 * @param[in] candidates the names it may stand for, NUL-terminated
 *   (a NULL entry is skipped); may be NULL when `n` is 0.
 * @param[in] n how many.
 * @return the index of the candidate meant, or ::FPL_NO_INDEX when none
 *   matches (or `typed` is empty).
 */
FPL_API size_t fpl_suggest(const char *typed, size_t len, const char *const *candidates,
                           size_t n);

/** Bytes that always hold a hint of fpl_funnel_hint() and its NUL: the
 *  longest hint of fpl_error_hint(), or every stage name listed. */
#define FPL_FUNNEL_HINT_MAX (FPL_HINT_MAX + FPL_MAX_STAGES * (FPL_NAME_MAX + 2) + 64)

/**
 * @brief fpl_error_hint() with the funnel at hand: a name that is no
 * stage's gets the funnel's stages and the one probably meant.
 *
 * For ::FPL_ERR_STAGE_UNKNOWN the hint lists the stages, top first, and, when
 * fpl_suggest() finds one, suggests it: `did you mean lead? (the stages
 * are lead, opportunity)`, or `the stages are lead, opportunity`. The name
 * is the part of `text` at fault (`err->offset`, `err->length`; the whole
 * text when the length is 0). Any other failure gets fpl_error_hint()'s
 * hint. The faces print it after the message with `": "` between.
 * @param[in] funnel the funnel the name was looked up in; NULL gives
 *   fpl_error_hint()'s hint.
 * @param[in] err the failure; NULL gives no hint.
 * @param[in] text the text that was refused; may be NULL when `len` is 0.
 * @param[in] len its length in bytes.
 * @param[out] out the hint, NUL-terminated, cut to `capacity` bytes; may be
 *   NULL when `capacity` is 0.
 * @param[in] capacity bytes at `out`; ::FPL_FUNNEL_HINT_MAX always suffices.
 * @return the length of the whole hint, without the NUL; 0 when there is
 *   none.
 */
FPL_API size_t fpl_funnel_hint(const fpl_funnel *funnel, const fpl_error *err, const char *text,
                               size_t len, char *out, size_t capacity);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* FUNNELPLAN_FUNNEL_H */

/*
 * funnelplan — learning a funnel from CRM history: a streaming reader of
 * stage histories, one compact record per item, and the Aalen–Johansen
 * estimator of conversion with open items as undecided (see learn.h).
 * SPDX-License-Identifier: MIT
 *
 * The CSV tokenizer follows the rules of score.c's fpl_csv_feed() (RFC 4180
 * quotes, LF or CRLF, a byte-order mark, blank lines, the record limits);
 * it is a copy of that state machine rather than a shared one only because
 * score.c is being reworked on another branch: once both land, the two
 * should share one tokenizer (a follow-up, not a design choice).
 */

#include "funnelplan/learn.h"
#include "funnelplan/format.h"
#include "funnelplan/parse.h"
#include "funnelplan/score.h"

#include "csv.h"
#include "internal.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers -------------------------------------------------------- */

const char *fpl_learn_role_name(fpl_learn_role role)
{
    switch (role) {
    case FPL_LEARN_ID: return "id";
    case FPL_LEARN_STAGE: return "stage";
    case FPL_LEARN_DATE: return "date";
    case FPL_LEARN_AMOUNT: return "amount";
    case FPL_LEARN_SOURCE: return "source";
    case FPL_LEARN_OWNER: return "owner";
    }
    return "unknown";
}

const char *fpl_learn_fault_message(fpl_learn_fault fault)
{
    switch (fault) {
    case FPL_LEARN_FAULT_NONE: return "learned";
    case FPL_LEARN_FAULT_FIELDS: return "not as many fields as the header";
    case FPL_LEARN_FAULT_QUOTE: return "a quote inside an unquoted field, or text after a closing quote";
    case FPL_LEARN_FAULT_UNTERMINATED: return "a quoted field is not closed at the end of the file";
    case FPL_LEARN_FAULT_UTF8: return "not valid UTF-8 text (or a NUL byte)";
    case FPL_LEARN_FAULT_TOO_LONG: return "the row is longer than 65536 bytes";
    case FPL_LEARN_FAULT_ID: return "the id is empty or longer than 256 bytes";
    case FPL_LEARN_FAULT_STAGE: return "the stage is not one of the stages given, nor won or lost";
    case FPL_LEARN_FAULT_STAGES: return "more than 32 stage names (give the stages with --stages)";
    case FPL_LEARN_FAULT_DATE: return "the date is not a date YYYY-MM-DD";
    case FPL_LEARN_FAULT_FUTURE: return "the date is after the as-of date";
    case FPL_LEARN_FAULT_AMOUNT: return "the amount is not a number >= 0";
    case FPL_LEARN_FAULT_OUTCOME: return "the item is both won and lost";
    case FPL_LEARN_FAULT_BACKWARDS:
        return "backwards dates: dated before an earlier stage of the item, or after its outcome";
    case FPL_LEARN_FAULT_DUPLICATE:
        return "the id is on an earlier row too (the wide form has one row per item)";
    case FPL_LEARN_FAULT_NO_DATE: return "no date in any stage, won or lost column";
    case FPL_LEARN_FAULT_DATE_RANGE:
        return "the date is before 1900-01-01 or after 2079-06-05";
    }
    return "unknown fault";
}

static bool same_folded(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) {
        return false;
    }
    for (size_t i = 0; i < alen; ++i) {
        if (fpl__lower_ascii(a[i]) != fpl__lower_ascii(b[i])) {
            return false;
        }
    }
    return true;
}

/* strlen bounded by max (strnlen is POSIX, not C11). */
static size_t bounded_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0') {
        ++n;
    }
    return n;
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
        ++*s;
        --*len;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t')) {
        --*len;
    }
}

/* Days since 0001-01-01 (day 0), proleptic Gregorian. */
static int32_t day_of(fpl_date d)
{
    long y = d.year - (d.month <= 2);
    const long era = y / 400;
    const long yoe = y - era * 400;
    const long m = d.month;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 306); /* 0001-01-01 is day 0 */
}

static fpl_date date_of(int32_t n)
{
    long z = (long)n + 306;
    const long era = z / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    return (fpl_date){(int)y, (int)m, (int)d};
}

/* The month number (year * 12 + month - 1) of a day. */
static int32_t month_of(int32_t day)
{
    const fpl_date d = date_of(day);
    return (int32_t)(d.year * 12 + d.month - 1);
}

static int32_t month_start(int32_t month)
{
    return day_of((fpl_date){(int)(month / 12), (int)(month % 12) + 1, 1});
}

/* A date, optionally followed by 'T' or a blank and a time (ignored). */
static bool read_date(const char *s, size_t len, int32_t *out)
{
    trim(&s, &len);
    if (len > 10 && (s[10] == 'T' || s[10] == ' ')) {
        len = 10;
    }
    fpl_date d;
    if (fpl_date_parse(s, len, &d, NULL) != FPL_OK) {
        return false;
    }
    *out = day_of(d);
    return true;
}

/* A name (at most FPL_NAME_MAX bytes: checked when it was read) into a
 * result's name field, cut there should it ever be longer. */
static void copy_name(char dst[FPL_NAME_MAX + 1], const char *src)
{
    size_t n = strlen(src);
    n = n < FPL_NAME_MAX ? n : FPL_NAME_MAX;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Text written into a caller's buffer like snprintf: len counts every
 * byte; the strings up to a NULL are appended. */
typedef struct textbuf {
    char *buf;
    size_t cap;
    size_t len;
} textbuf;

static void tb_put(textbuf *t, ...)
{
    va_list ap;
    va_start(ap, t);
    for (const char *s = va_arg(ap, const char *); s != NULL; s = va_arg(ap, const char *)) {
        for (; *s != '\0'; ++s, ++t->len) {
            if (t->len + 1 < t->cap) {
                t->buf[t->len] = *s;
            }
        }
    }
    va_end(ap);
}

/* ---- options ------------------------------------------------------------ */

fpl_status fpl_learn_column_parse(fpl_learn_options *opt, const char *text, size_t len,
                                  fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (opt == NULL || text == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const char *eq = memchr(text, '=', len);
    if (eq == NULL) {
        return fpl__fail_at(err, FPL_ERR_COLUMN, FPL_FIELD_COLUMN, FPL_NO_INDEX, 0, len);
    }
    const size_t role_len = (size_t)(eq - text);
    const char *name = eq + 1;
    const size_t name_len = len - role_len - 1;
    for (int r = 0; r < FPL_LEARN_ROLES; ++r) {
        const char *word = fpl_learn_role_name((fpl_learn_role)r);
        if (same_folded(text, role_len, word, strlen(word))) {
            if (name_len == 0 || name_len > FPL_NAME_MAX || memchr(name, '\0', name_len)) {
                return fpl__fail_at(err, FPL_ERR_COLUMN, FPL_FIELD_COLUMN, FPL_NO_INDEX,
                                    role_len + 1, name_len);
            }
            memcpy(opt->column[r].text, name, name_len);
            opt->column[r].text[name_len] = '\0';
            return FPL_OK;
        }
    }
    return fpl__fail_at(err, FPL_ERR_COLUMN, FPL_FIELD_COLUMN, FPL_NO_INDEX, 0, role_len);
}

fpl_status fpl_learn_stages_parse(fpl_learn_options *opt, const char *text, size_t len,
                                  fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (opt == NULL || text == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_learn_options o = *opt;
    o.n_stages = 0;
    size_t at = 0;
    for (;;) {
        const char *comma = memchr(text + at, ',', len - at);
        const size_t end = comma != NULL ? (size_t)(comma - text) : len;
        const char *s = text + at;
        size_t n = end - at;
        trim(&s, &n);
        const size_t off = (size_t)(s - text);
        if (o.n_stages == FPL_MAX_STAGES) {
            return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGES, FPL_NO_INDEX);
        }
        fpl_status st = fpl_stage_name_check(s, n, NULL);
        if (st != FPL_OK) {
            return fpl__fail_at(err, st, FPL_FIELD_STAGES, o.n_stages, off, n);
        }
        for (size_t k = 0; k < o.n_stages; ++k) {
            if (same_folded(s, n, o.stages[k].text, strlen(o.stages[k].text))) {
                return fpl__fail_at(err, FPL_ERR_STAGE_DUPLICATE, FPL_FIELD_STAGES, o.n_stages,
                                    off, n);
            }
        }
        memcpy(o.stages[o.n_stages].text, s, n);
        o.stages[o.n_stages].text[n] = '\0';
        o.n_stages++;
        if (comma == NULL) {
            break;
        }
        at = end + 1;
    }
    *opt = o;
    return FPL_OK;
}

fpl_status fpl_learn_form_parse(const char *text, size_t len, fpl_learn_form *out,
                                fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    static const char *const names[] = {"auto", "long", "wide"};
    for (size_t i = 0; i < 3; ++i) {
        if (len == strlen(names[i]) && memcmp(text, names[i], len) == 0) {
            *out = (fpl_learn_form)i;
            return FPL_OK;
        }
    }
    return fpl__fail_at(err, FPL_ERR_LEARN_FORM, FPL_FIELD_HISTORY_FORM, FPL_NO_INDEX, 0, len);
}

/* ---- exact sums ------------------------------------------------------------ */

/* The sums over items (won revenue, deal size, the back-test's deals and
 * revenue) are exact: the items are visited in the order of the table,
 * which depends on the order of the rows and on the tables given, and a
 * floating-point sum in that order would too (in the last bits). An
 * xsum-like superaccumulator: every finite double is an integer times
 * 2^-1074, held in 32-bit digits of int64 limbs (a limb takes 2^31 adds
 * before it can overflow: the carries are propagated every 2^30); the
 * result is the exact sum rounded once, to nearest. 68 limbs: 2^-1074 up
 * to past DBL_MAX, with room for the carries. */
#define XSUM_LIMBS 68
#define XSUM_ADDS (1u << 30)

typedef struct xsum {
    int64_t limb[XSUM_LIMBS]; /* limb i: its digit times 2^(32 i - 1074) */
    uint32_t adds;            /* since the carries were last propagated */
    double special;           /* the sum of the infinities and NaNs */
} xsum;

static void xsum_init(xsum *x)
{
    memset(x, 0, sizeof *x);
}

/* Every limb but the last to a digit in [0, 2^32), the carries up. */
static void xsum_carry(xsum *x)
{
    for (size_t i = 0; i + 1 < XSUM_LIMBS; ++i) {
        const int64_t c = x->limb[i] >= 0 ? x->limb[i] / 4294967296
                                          : -((-x->limb[i] + 4294967295) / 4294967296);
        x->limb[i] -= c * 4294967296;
        x->limb[i + 1] += c;
    }
    x->adds = 0;
}

static void xsum_add(xsum *x, double v)
{
    if (!isfinite(v)) {
        x->special += v;
        return;
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    if ((bits << 1) == 0) {
        return; /* ±0 */
    }
    const unsigned e = (unsigned)(bits >> 52) & 0x7FFu;
    const uint64_t m = (bits & 0xFFFFFFFFFFFFFu) | (e != 0 ? (uint64_t)1 << 52 : 0);
    const unsigned at = e != 0 ? e - 1 : 0; /* the bit of m's units, from 2^-1074 */
    const unsigned s = at % 32;
    const size_t i = at / 32;
    const int64_t d0 = (int64_t)((m << s) & 0xFFFFFFFFu);
    const int64_t d1 = (int64_t)((m >> (32 - s)) & 0xFFFFFFFFu);
    const int64_t d2 = s == 0 ? 0 : (int64_t)(m >> (64 - s));
    if (bits >> 63) {
        x->limb[i] -= d0;
        x->limb[i + 1] -= d1;
        x->limb[i + 2] -= d2;
    } else {
        x->limb[i] += d0;
        x->limb[i + 1] += d1;
        x->limb[i + 2] += d2;
    }
    if (++x->adds == XSUM_ADDS) {
        xsum_carry(x);
    }
}

/* The exact sum rounded to nearest (ties to even; a sum in the subnormal
 * range may be rounded twice, the same way whatever the order). */
static double xsum_round(const xsum *acc)
{
    if (!isfinite(acc->special)) { /* sums of infinities and NaNs are never finite */
        return acc->special;
    }
    xsum x = *acc;
    xsum_carry(&x);
    double sign = 1.0;
    if (x.limb[XSUM_LIMBS - 1] < 0) {
        for (size_t i = 0; i < XSUM_LIMBS; ++i) {
            x.limb[i] = -x.limb[i];
        }
        xsum_carry(&x);
        sign = -1.0;
    }
    size_t t = XSUM_LIMBS;
    while (t > 0 && x.limb[t - 1] == 0) {
        --t;
    }
    if (t == 0) {
        return 0.0;
    }
    --t; /* the top digit (the last limb may exceed 32 bits: not for sums of doubles) */
    const uint64_t top = (uint64_t)x.limb[t];
    const uint64_t mid = t >= 1 ? (uint64_t)x.limb[t - 1] : 0;
    const uint64_t low = t >= 2 ? (uint64_t)x.limb[t - 2] : 0;
    unsigned hb = 0; /* bits of the top digit, 1 … 32 */
    while (hb < 32 && (top >> hb) != 0) {
        ++hb;
    }
    /* the 64 bits from the top, the bits below them only sticky (bit 0):
     * the conversion to double rounds them once, correctly */
    uint64_t v = (top << (64 - hb)) | (mid << (32 - hb)) | (low >> hb);
    bool sticky = (low & (((uint64_t)1 << hb) - 1)) != 0;
    for (size_t i = 0; i + 2 < t && !sticky; ++i) {
        sticky = x.limb[i] != 0;
    }
    v |= sticky ? 1u : 0u;
    const int scale = 32 * ((int)t - 2) - 1074 + (int)hb;
    return sign * ldexp((double)v, scale);
}

/* ---- the learner ----------------------------------------------------------- */

enum { OUT_NONE = 0, OUT_WON = 1, OUT_LOST = 2 };

/* Header faults (fpl_learn_header_message); HF_AMBIGUOUS and after are
 * of the wide form. */
enum {
    HF_OK, HF_NONE, HF_MISSING, HF_TWICE, HF_BAD,
    HF_AMBIGUOUS,    /* both forms fit */
    HF_WIDE_ROLE,    /* --column stage= or date= given for the wide form */
    HF_WIDE_MISSING, /* a stage given has no date column (header_role: which) */
    HF_WIDE_TWICE,   /* two columns name one stage or outcome */
    HF_WIDE_NAME,    /* a column taken as a stage is not a stage name */
    HF_WIDE_COUNT,   /* more stage columns than FPL_MAX_STAGES */
    HF_WIDE_NONE     /* no stage column */
};

#define NO_DAY INT32_MAX
#define NO_GROUP 0xFFu

/* The days an item keeps are 16-bit offsets from 1900-01-01 (day DAY_FIRST
 * of day_of), so its record stays small: the window is 1900-01-01 to
 * 2079-06-05 (FPL_LEARN_FAULT_DATE_RANGE outside it), STORED_NONE the
 * offset of NO_DAY. Keys of the estimator hold times up to 2^24 days, more
 * than the 2,958,463 from 1900-01-01 to an as-of date of 9999-12-31. */
#define DAY_FIRST 693595
#define STORED_NONE 0xFFFFu
#define DAY_LAST (DAY_FIRST + (int32_t)STORED_NONE - 1)

/* One item's record: 22 bytes, then a stored day per stage (at[], with
 * STORED_NONE: not recorded), the slot rounded up to 8 bytes (slot_bytes):
 * 32 bytes for 4 stages. */
typedef struct item {
    uint64_t hash;       /* 0: an empty slot */
    double amount;       /* NaN: none */
    uint16_t outcome_at; /* the outcome's stored day, with outcome */
    uint8_t source;      /* NO_GROUP: none */
    uint8_t owner;
    uint8_t outcome;     /* OUT_* */
    uint8_t amount_won;  /* the amount came from the won row */
    uint16_t at[];       /* the stored day each stage was entered */
} item;

static uint16_t stored(int32_t day)
{
    return day == NO_DAY ? (uint16_t)STORED_NONE : (uint16_t)(day - DAY_FIRST);
}

static int32_t unstored(uint16_t at)
{
    return at == STORED_NONE ? NO_DAY : DAY_FIRST + (int32_t)at;
}

/* The day item it entered stage k (NO_DAY: not recorded). */
static int32_t day_at(const item *it, size_t k)
{
    return unstored(it->at[k]);
}

/* The day of its outcome (NO_DAY: none). */
static int32_t outcome_day(const item *it)
{
    return unstored(it->outcome_at);
}

static item *slot_at(const fpl_learn *l, size_t i)
{
    return (item *)(void *)((unsigned char *)l->table + i * l->slot_size);
}

/* The slots finish() walks: once it has packed the items at the front of
 * the table (compact()), only those. */
static size_t live_slots(const fpl_learn *l)
{
    return l->compact ? l->items : l->slots;
}

static size_t slot_index(uint64_t hash, size_t slots)
{
    return (size_t)(((hash >> 32) * (uint64_t)slots) >> 32);
}

/* Whether n items overfill a table of slots: at most 7/8 full (linear
 * probing on a 64-bit mixed hash stays short at that load). */
static bool too_full(size_t n, size_t slots)
{
    return n * 8 > slots * 7;
}

/* Bytes of a slot with cap days, a multiple of an item's alignment so that
 * every slot's item is aligned (22 bytes and 2 per day, rounded up to 8). */
static size_t slot_bytes(size_t cap)
{
    const size_t a = _Alignof(item);
    return (offsetof(item, at) + cap * sizeof(uint16_t) + a - 1) / a * a;
}

/* Moves the items into a table of slots records with cap days each, in
 * the caller's work (slots * slot_bytes(cap) bytes, not the current table). */
static void resize(fpl_learn *l, void *work, size_t slots, size_t cap)
{
    const size_t size = slot_bytes(cap);
    unsigned char *t = work;
    memset(t, 0, slots * size);
    for (size_t i = 0; i < l->slots; ++i) {
        item *old = slot_at(l, i);
        if (old->hash == 0) {
            continue;
        }
        size_t j = slot_index(old->hash, slots);
        while (((item *)(void *)(t + j * size))->hash != 0) {
            j = j + 1 == slots ? 0 : j + 1;
        }
        item *nw = (item *)(void *)(t + j * size);
        memcpy(nw, old, offsetof(item, at));
        for (size_t k = 0; k < cap; ++k) {
            nw->at[k] = k < l->cap_stages ? old->at[k] : (uint16_t)STORED_NONE;
        }
    }
    l->table = t;
    l->slots = slots;
    l->slot_size = size;
    l->cap_stages = cap;
    l->compact = false;
}

/* The table is full, or its records need room for more stages: the bytes
 * the next work must have (fpl_learn_work_needed). */
static void need_work(fpl_learn *l, size_t cap)
{
    /* a quarter more each time (each move is in place with
     * fpl_learn_grow_in_place: the peak is the last table, at least 7/10
     * full, so the peak is at most 46 bytes an item with 4 stages) */
    const size_t slots = l->items < 512 ? 1024 : l->slots + l->slots / 4;
    l->want_cap = cap;
    l->needed = slots * slot_bytes(cap);
    if (cap != l->cap_stages) {
        l->needed += l->slots * l->slot_size; /* room to move in place (grow_in_place) */
    }
}

size_t fpl_learn_work_needed(const fpl_learn *learn)
{
    return learn != NULL ? learn->needed : 0;
}

/* Rehashes the table in place into slots slots (its memory already that
 * large, the items in its first l->slots): each item not yet placed is
 * taken out and put at its new place; an item not yet placed found on the
 * way is swapped out and placed in turn. The high bit of `outcome` marks
 * the items placed. */
static void rehash_in_place(fpl_learn *l, size_t slots)
{
    const size_t size = l->slot_size;
    const size_t old = l->slots;
    unsigned char *t = l->table;
    uint64_t carry[(offsetof(item, at) + FPL_MAX_STAGES * sizeof(uint16_t) + 7) / 8];
    uint64_t swap[sizeof carry / sizeof carry[0]];
    memset(t + old * size, 0, (slots - old) * size);
    l->slots = slots;
    /* from the last slot down: an item's new home is mostly at or after its
     * slot, where every item is placed already, so it goes to the first
     * empty slot there (two streams of memory, not chains of swaps) */
    for (size_t i = old; i-- > 0;) {
        item *it = slot_at(l, i);
        if (it->hash == 0 || (it->outcome & 0x80u)) {
            continue;
        }
        memcpy(carry, it, size);
        memset(it, 0, size);
        bool placed = false;
        while (!placed) {
            const item *c = (const item *)(void *)carry;
            for (size_t j = slot_index(c->hash, slots);; j = j + 1 == slots ? 0 : j + 1) {
                item *at = slot_at(l, j);
                if (at->hash == 0) {
                    memcpy(at, carry, size);
                    at->outcome |= 0x80u;
                    placed = true;
                    break;
                }
                if (!(at->outcome & 0x80u)) { /* not placed yet: it is carried next */
                    memcpy(swap, at, size);
                    memcpy(at, carry, size);
                    at->outcome |= 0x80u;
                    memcpy(carry, swap, size);
                    break;
                }
            }
        }
    }
    for (size_t i = 0; i < slots; ++i) {
        slot_at(l, i)->outcome &= 0x7Fu;
    }
    l->compact = false;
}

fpl_status fpl_learn_grow_in_place(fpl_learn *learn, void *work, size_t work_size,
                                   fpl_error *err)
{
    fpl__begin(err);
    if (learn == NULL || work == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_learn *l = learn;
    const size_t cap = l->needed > 0 ? l->want_cap : l->cap_stages;
    const size_t old_bytes = l->slots * l->slot_size;
    if (work_size < old_bytes || (l->needed > 0 && work_size < l->needed)) {
        return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    }
    if (cap == l->cap_stages) {
        const size_t slots = work_size / l->slot_size;
        if (too_full(l->items + 1, slots)) {
            return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
        }
        l->table = work;
        l->table_bytes = work_size;
        rehash_in_place(l, slots);
    } else {
        /* larger records: the items move to the end, then into the front */
        const size_t front = (work_size - old_bytes) / 8 * 8; /* the tail stays aligned */
        const size_t slots = front / slot_bytes(cap);
        if (too_full(l->items + 1, slots)) {
            return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
        }
        unsigned char *tail = (unsigned char *)work + front;
        memmove(tail, work, old_bytes);
        l->table = tail;
        resize(l, work, slots, cap);
        l->table_bytes = front;
    }
    l->needed = 0;
    return FPL_OK;
}

fpl_status fpl_learn_grow(fpl_learn *learn, void *work, size_t work_size, fpl_error *err)
{
    fpl__begin(err);
    if (learn == NULL || work == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    const size_t cap = learn->needed > 0 ? learn->want_cap : learn->cap_stages;
    const size_t slots = work_size / slot_bytes(cap);
    if (slots < 16 || too_full(learn->items + 1, slots) ||
        (learn->needed > 0 && work_size < learn->needed)) {
        return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    }
    resize(learn, work, slots, cap);
    learn->table_bytes = work_size;
    learn->needed = 0;
    return FPL_OK;
}

fpl_status fpl_learn_begin(fpl_learn *learn, const fpl_learn_options *opt, void *work,
                           size_t work_size, fpl_error *err)
{
    fpl__begin(err);
    if (opt == NULL || learn == NULL || work == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    for (int r = 0; r < FPL_LEARN_ROLES; ++r) {
        const size_t n = bounded_len(opt->column[r].text, FPL_NAME_MAX + 1);
        if (n > FPL_NAME_MAX) {
            return fpl__fail(err, FPL_ERR_COLUMN, FPL_FIELD_COLUMN, (size_t)r);
        }
    }
    if (opt->n_stages > FPL_MAX_STAGES) {
        return fpl__fail(err, FPL_ERR_STAGE_COUNT, FPL_FIELD_STAGES, FPL_NO_INDEX);
    }
    if (opt->form != FPL_LEARN_FORM_AUTO && opt->form != FPL_LEARN_FORM_LONG &&
        opt->form != FPL_LEARN_FORM_WIDE) {
        return fpl__fail(err, FPL_ERR_LEARN_FORM, FPL_FIELD_HISTORY_FORM, FPL_NO_INDEX);
    }
    for (size_t k = 0; k < opt->n_stages; ++k) {
        const size_t n = bounded_len(opt->stages[k].text, FPL_NAME_MAX + 1);
        fpl_status st = fpl_stage_name_check(opt->stages[k].text, n, NULL);
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_STAGES, k);
        }
    }
    if (opt->has_as_of) {
        char text[16];
        const size_t n = fpl_date_format(opt->as_of, text, sizeof text);
        fpl_date back;
        if (n >= sizeof text || fpl_date_parse(text, n, &back, NULL) != FPL_OK ||
            back.year != opt->as_of.year || back.month != opt->as_of.month ||
            back.day != opt->as_of.day) {
            return fpl__fail(err, FPL_ERR_DATE, FPL_FIELD_AS_OF, FPL_NO_INDEX);
        }
    }
    fpl_learn *l = learn;
    memset(l, 0, offsetof(fpl_learn, rec)); /* the record needs no clearing */
    l->opt = *opt;
    l->line = 1;
    l->record_line = 1;
    l->state = FPL__CSV_FIELD_START;
    l->min_day = INT32_MAX;
    l->max_day = INT32_MIN;
    for (int r = 0; r < FPL_LEARN_ROLES; ++r) {
        l->col[r] = FPL_NO_INDEX;
    }
    l->header_column = FPL_NO_INDEX;
    l->header_first = FPL_NO_INDEX;
    for (size_t k = 0; k < FPL_MAX_STAGES + 2; ++k) {
        l->wide_col[k] = FPL_NO_INDEX;
    }
    l->n_stages = opt->n_stages;
    memcpy(l->stages, opt->stages, sizeof l->stages);
    l->cap_stages = opt->n_stages > 0 ? opt->n_stages : 4;
    return fpl_learn_grow(l, work, work_size, err);
}

/* ---- the header ---------------------------------------------------------- */

/* The names a role is found by when none is given: the canonical name,
 * then Salesforce's, then HubSpot's. */
static const char *const ALIASES[FPL_LEARN_ROLES][8] = {
    {"id", "OpportunityId", "Opportunity ID", "Deal ID", "Record ID", "hs_object_id", NULL},
    {"stage", "StageName", "Stage", "Deal Stage", "dealstage", NULL},
    {"date", "CreatedDate", "Created Date", "Last Modified", "Date entered stage",
     "Last Modified Date", NULL},
    {"amount", "Amount", NULL},
    {"source", "LeadSource", "Lead Source", "Original Source", "hs_analytics_source", NULL},
    {"owner", "Owner", "OwnerId", "Opportunity Owner", "Deal owner", "hubspot_owner_id", NULL},
};

static void field_of(const fpl_learn *l, size_t i, const char **s, size_t *len)
{
    *s = l->rec + l->start[i];
    *len = l->start[i + 1] - l->start[i];
}

static fpl_status header_fail(fpl_learn *l, int fault, int role, size_t column, size_t first,
                              fpl_error *err)
{
    l->header_fault = fault;
    l->header_role = role;
    l->header_column = column;
    l->header_first = first;
    (void)fpl__fail(err, FPL_ERR_CSV_HEADER, FPL_FIELD_HISTORY_FILE, column);
    if (err != NULL) {
        err->line = fault == HF_NONE ? 0 : l->record_line;
    }
    return FPL_ERR_CSV_HEADER;
}

static int outcome_of(const char *s, size_t len);

/* A cell of the header: the byte-order mark off the first, trimmed
 * (its UTF-8 already checked). */
static void header_cell(const fpl_learn *l, size_t f, const char **s, size_t *len)
{
    field_of(l, f, s, len);
    if (f == 0 && *len >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) {
        *s += 3;
        *len -= 3;
    }
    trim(s, len);
}

/* The column of a role: the given name, else the aliases in order (the
 * first found wins); *twice a second column with that name (else
 * FPL_NO_INDEX). */
static size_t role_column(const fpl_learn *l, int r, size_t *twice)
{
    const bool given = l->opt.column[r].text[0] != '\0';
    size_t col = FPL_NO_INDEX;
    *twice = FPL_NO_INDEX;
    for (size_t a = 0; a < 8 && col == FPL_NO_INDEX; ++a) {
        const char *want = given ? l->opt.column[r].text : ALIASES[r][a];
        if (want == NULL || (given && a > 0)) {
            break;
        }
        for (size_t f = 0; f < l->n_fields; ++f) {
            const char *s;
            size_t len;
            header_cell(l, f, &s, &len);
            if (same_folded(s, len, want, strlen(want))) {
                if (col != FPL_NO_INDEX) {
                    *twice = f;
                    return col;
                }
                col = f;
            }
        }
    }
    return col;
}

/* The first column of the wide form's own: a date column of an outcome,
 * or named after a stage given (FPL_NO_INDEX: none). */
static size_t wide_evidence(const fpl_learn *l)
{
    for (size_t f = 0; f < l->n_fields; ++f) {
        const char *s;
        size_t len;
        header_cell(l, f, &s, &len);
        if (outcome_of(s, len) != OUT_NONE) {
            return f;
        }
        for (size_t k = 0; k < l->opt.n_stages; ++k) {
            if (same_folded(s, len, l->opt.stages[k].text, strlen(l->opt.stages[k].text))) {
                return f;
            }
        }
    }
    return FPL_NO_INDEX;
}

/* The date columns of the wide form: won, lost and the stages (the stages
 * given, else every column not of a role nor an outcome, in order). */
static fpl_status read_wide_columns(fpl_learn *l, fpl_error *err)
{
    const bool given = l->opt.n_stages > 0;
    size_t n = given ? l->opt.n_stages : 0;
    for (size_t f = 0; f < l->n_fields; ++f) {
        if (f == l->col[FPL_LEARN_ID] || f == l->col[FPL_LEARN_AMOUNT] ||
            f == l->col[FPL_LEARN_SOURCE] || f == l->col[FPL_LEARN_OWNER]) {
            continue;
        }
        const char *s;
        size_t len;
        header_cell(l, f, &s, &len);
        size_t k = FPL_NO_INDEX;
        const int outcome = outcome_of(s, len);
        if (outcome != OUT_NONE) {
            k = FPL_MAX_STAGES + (size_t)outcome - 1;
        } else if (given) {
            for (size_t j = 0; j < n && k == FPL_NO_INDEX; ++j) {
                if (same_folded(s, len, l->stages[j].text, strlen(l->stages[j].text))) {
                    k = j;
                }
            }
            if (k == FPL_NO_INDEX) {
                continue; /* a column the stages given do not name */
            }
        } else {
            if (fpl_stage_name_check(s, len, NULL) != FPL_OK) {
                return header_fail(l, HF_WIDE_NAME, 0, f, FPL_NO_INDEX, err);
            }
            for (size_t j = 0; j < n && k == FPL_NO_INDEX; ++j) {
                if (same_folded(s, len, l->stages[j].text, strlen(l->stages[j].text))) {
                    k = j; /* the same stage twice: refused below */
                }
            }
            if (k == FPL_NO_INDEX) {
                if (n == FPL_MAX_STAGES) {
                    return header_fail(l, HF_WIDE_COUNT, 0, f, FPL_NO_INDEX, err);
                }
                memcpy(l->stages[n].text, s, len);
                l->stages[n].text[len] = '\0';
                k = n++;
            }
        }
        if (l->wide_col[k] != FPL_NO_INDEX) {
            return header_fail(l, HF_WIDE_TWICE, 0, f, l->wide_col[k], err);
        }
        l->wide_col[k] = f;
    }
    for (size_t k = 0; k < n; ++k) {
        if (l->wide_col[k] == FPL_NO_INDEX) {
            return header_fail(l, HF_WIDE_MISSING, (int)k, FPL_NO_INDEX, FPL_NO_INDEX, err);
        }
    }
    if (n == 0) {
        return header_fail(l, HF_WIDE_NONE, 0, FPL_NO_INDEX, FPL_NO_INDEX, err);
    }
    l->n_stages = n;
    l->wide = true;
    const size_t slots = l->table_bytes / slot_bytes(n);
    if (n > l->cap_stages && l->items == 0 && slots >= 16) {
        /* the table is still empty: laid out again as fpl_learn_begin()
         * would have with these stages given (the figures would not
         * differ otherwise: the sums over items are exact, xsum) */
        resize(l, l->table, slots, n);
    }
    return FPL_OK;
}

/* The header: which form, and the columns. The form is wide when asked,
 * or (asked neither) when the header has no stage column but a date
 * column of won or lost or of a stage given; both at once is refused. */
static fpl_status read_header(fpl_learn *l, fpl_error *err)
{
    if (l->bad) {
        return header_fail(l, HF_BAD, 0, l->n_fields, FPL_NO_INDEX, err);
    }
    for (size_t f = 0; f < l->n_fields; ++f) {
        const char *s;
        size_t len;
        field_of(l, f, &s, &len);
        if (f == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        if (!fpl__utf8_text(s, len)) {
            return header_fail(l, HF_BAD, 0, f, FPL_NO_INDEX, err);
        }
    }
    bool wide = l->opt.form == FPL_LEARN_FORM_WIDE;
    if (l->opt.form == FPL_LEARN_FORM_AUTO) {
        size_t twice;
        const size_t stage = role_column(l, FPL_LEARN_STAGE, &twice);
        const size_t evidence = wide_evidence(l);
        if (stage != FPL_NO_INDEX && evidence != FPL_NO_INDEX) {
            return header_fail(l, HF_AMBIGUOUS, 0, evidence, stage, err);
        }
        wide = evidence != FPL_NO_INDEX;
    }
    if (wide && (l->opt.column[FPL_LEARN_STAGE].text[0] != '\0' ||
                 l->opt.column[FPL_LEARN_DATE].text[0] != '\0')) {
        return header_fail(l, HF_WIDE_ROLE, 0, FPL_NO_INDEX, FPL_NO_INDEX, err);
    }
    for (int r = 0; r < FPL_LEARN_ROLES; ++r) {
        if (wide && (r == FPL_LEARN_STAGE || r == FPL_LEARN_DATE)) {
            continue;
        }
        size_t twice;
        l->col[r] = role_column(l, r, &twice);
        if (twice != FPL_NO_INDEX) {
            return header_fail(l, HF_TWICE, r, twice, l->col[r], err);
        }
        if (r <= FPL_LEARN_DATE && l->col[r] == FPL_NO_INDEX) {
            return header_fail(l, HF_MISSING, r, FPL_NO_INDEX, FPL_NO_INDEX, err);
        }
    }
    if (wide) {
        const fpl_status st = read_wide_columns(l, err);
        if (st != FPL_OK) {
            return st;
        }
    }
    l->n_columns = l->n_fields;
    l->have_header = true;
    return FPL_OK;
}

/* How the wide form picks its stage columns without --stages. */
#define WIDE_HINT                                                                          \
    " (the wide form takes each column but id, amount, source, owner, won and lost as a " \
    "stage: give the stages with --stages)"

size_t fpl_learn_header_message(const fpl_learn *learn, char *out, size_t capacity)
{
    char text[FPL_CSV_HEADER_MESSAGE_MAX];
    textbuf tb = {text, sizeof text, 0};
    text[0] = '\0';
    if (learn != NULL) {
        const char *role = fpl_learn_role_name((fpl_learn_role)learn->header_role);
        const char *given = learn->opt.column[learn->header_role].text;
        char num[3][24];
        fpl_format_count(learn->header_column + 1, num[0], sizeof num[0]);
        fpl_format_count(learn->header_first + 1, num[1], sizeof num[1]);
        fpl_format_count(FPL_MAX_STAGES, num[2], sizeof num[2]);
        switch (learn->header_fault) {
        case HF_NONE: tb_put(&tb, "the file has no header (it is empty or blank)", (const char *)NULL); break;
        case HF_MISSING:
            if (given[0] != '\0') {
                tb_put(&tb, "the header has no column named '", given,
                          "' (the ", role, " column)", (const char *)NULL);
            } else {
                tb_put(&tb, "the header has no column for the ", role, " (",
                          ALIASES[learn->header_role][0], ", ", ALIASES[learn->header_role][1],
                          ", ...; or --column ", role, "=NAME", (const char *)NULL);
                tb_put(&tb, learn->header_role == FPL_LEARN_STAGE
                                ? "; or the wide form: a date column per stage, won and lost)"
                                : ")",
                       (const char *)NULL);
            }
            break;
        case HF_AMBIGUOUS:
            tb_put(&tb, "the header fits both forms (column ", num[1],
                   " names the stage of the long form, column ", num[0],
                   " a date column of the wide form): say --form long or --form wide",
                   (const char *)NULL);
            break;
        case HF_WIDE_ROLE:
            tb_put(&tb, "the wide form has a date column per stage, no stage or date column "
                        "(--column stage= and date= are for the long form)",
                   (const char *)NULL);
            break;
        case HF_WIDE_MISSING:
            tb_put(&tb, "the header has no date column for the stage '",
                   learn->opt.stages[learn->header_role].text,
                   "' (the wide form: a date column per stage given)", (const char *)NULL);
            break;
        case HF_WIDE_TWICE:
            tb_put(&tb, "columns ", num[1], " and ", num[0],
                   " of the header both name the date of one stage or outcome",
                   (const char *)NULL);
            break;
        case HF_WIDE_NAME:
            tb_put(&tb, "column ", num[0], " of the header is not a stage name", WIDE_HINT,
                   (const char *)NULL);
            break;
        case HF_WIDE_COUNT:
            tb_put(&tb, "the header has more than ", num[2], " stage columns", WIDE_HINT,
                   (const char *)NULL);
            break;
        case HF_WIDE_NONE:
            tb_put(&tb, "the header has no date column of a stage (the wide form: a date "
                        "column per stage, won and lost)",
                   (const char *)NULL);
            break;
        case HF_TWICE:
            tb_put(&tb, "columns ", num[1], " and ", num[0],
                      " of the header both name the ", role, " column", (const char *)NULL);
            break;
        case HF_BAD:
            tb_put(&tb, "the header is not CSV text (column ", num[0],
                      "): a stray quote, a row too long, or not UTF-8", (const char *)NULL);
            break;
        default: break;
        }
    }
    text[tb.len < sizeof text ? tb.len : sizeof text - 1] = '\0';
    const size_t n = strlen(text);
    if (capacity > 0 && out != NULL) {
        const size_t k = n < capacity - 1 ? n : capacity - 1;
        memcpy(out, text, k);
        out[k] = '\0';
    }
    return n;
}

/* ---- rows ------------------------------------------------------------------ */

static uint64_t hash_id(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < len; ++i) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33; /* mix the high bits, which pick the slot */
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h != 0 ? h : 1;
}

static item *find_or_add(fpl_learn *l, uint64_t h)
{
    if (too_full(l->items + 1, l->slots)) {
        need_work(l, l->cap_stages);
        return NULL;
    }
    size_t j = slot_index(h, l->slots);
    for (;;) {
        item *it = slot_at(l, j);
        if (it->hash == h) {
            return it;
        }
        if (it->hash == 0) {
            it->hash = h;
            it->amount = (double)NAN;
            it->outcome_at = (uint16_t)STORED_NONE;
            it->source = NO_GROUP;
            it->owner = NO_GROUP;
            for (size_t k = 0; k < l->cap_stages; ++k) {
                it->at[k] = (uint16_t)STORED_NONE;
            }
            l->items++;
            return it;
        }
        j = j + 1 == l->slots ? 0 : j + 1;
    }
}

/* The outcome a stage value names, or OUT_NONE. */
static int outcome_of(const char *s, size_t len)
{
    static const char *const won[] = {"won", "closed won", "closedwon", "closed-won"};
    static const char *const lost[] = {"lost", "closed lost", "closedlost", "closed-lost"};
    for (size_t i = 0; i < 4; ++i) {
        if (same_folded(s, len, won[i], strlen(won[i]))) {
            return OUT_WON;
        }
        if (same_folded(s, len, lost[i], strlen(lost[i]))) {
            return OUT_LOST;
        }
    }
    return OUT_NONE;
}

/* The stage a value names (learning new names when none were given), or
 * a fault. */
static fpl_learn_fault stage_of(fpl_learn *l, const char *s, size_t len, size_t *out)
{
    for (size_t k = 0; k < l->n_stages; ++k) {
        if (same_folded(s, len, l->stages[k].text, strlen(l->stages[k].text))) {
            *out = k;
            return FPL_LEARN_FAULT_NONE;
        }
    }
    if (l->opt.n_stages > 0 || fpl_stage_name_check(s, len, NULL) != FPL_OK) {
        return FPL_LEARN_FAULT_STAGE;
    }
    if (l->n_stages == FPL_MAX_STAGES) {
        return FPL_LEARN_FAULT_STAGES;
    }
    if (l->n_stages == l->cap_stages) {
        need_work(l, 2 * l->cap_stages < FPL_MAX_STAGES ? 2 * l->cap_stages : FPL_MAX_STAGES);
        return FPL_LEARN_FAULT_NONE; /* the row waits for the room (fpl_learn_grow) */
    }
    memcpy(l->stages[l->n_stages].text, s, len);
    l->stages[l->n_stages].text[len] = '\0';
    *out = l->n_stages++;
    return FPL_LEARN_FAULT_NONE;
}

/* The index of a source (g 0) or owner (g 1); "(other)" past the limit. */
static uint8_t group_of(fpl_learn *l, int g, const char *s, size_t len)
{
    size_t *count = g == 0 ? &l->n_sources : &l->n_owners;
    fpl_learn_name *names = g == 0 ? l->sources : l->owners;
    if (len > FPL_NAME_MAX) {
        len = FPL_NAME_MAX; /* a long name is cut (at a byte: names are shown escaped) */
    }
    for (size_t k = 0; k < *count; ++k) {
        if (strlen(names[k].text) == len && memcmp(names[k].text, s, len) == 0) {
            return (uint8_t)k;
        }
    }
    if (*count == FPL_LEARN_MAX_GROUPS) {
        return FPL_LEARN_MAX_GROUPS; /* (other) */
    }
    memcpy(names[*count].text, s, len);
    names[*count].text[len] = '\0';
    return (uint8_t)(*count)++;
}

/* The source and owner of a row, for an item that has none yet. */
static void read_groups(fpl_learn *l, item *it)
{
    for (int g = 0; g < 2; ++g) {
        const size_t c = l->col[g == 0 ? FPL_LEARN_SOURCE : FPL_LEARN_OWNER];
        uint8_t *slot = g == 0 ? &it->source : &it->owner;
        if (c != FPL_NO_INDEX && *slot == NO_GROUP) {
            const char *s;
            size_t len;
            field_of(l, c, &s, &len);
            trim(&s, &len);
            if (len > 0) {
                *slot = group_of(l, g, s, len);
            }
        }
    }
}

/* The amount of a row: NaN when none; false when it is not a number >= 0. */
static bool read_amount(const fpl_learn *l, double *amount)
{
    *amount = (double)NAN;
    if (l->col[FPL_LEARN_AMOUNT] != FPL_NO_INDEX) {
        const char *s;
        size_t len;
        field_of(l, l->col[FPL_LEARN_AMOUNT], &s, &len);
        trim(&s, &len);
        if (len > 0 && (fpl_parse_amount(s, len, amount, NULL) != FPL_OK || !(*amount >= 0.0))) {
            return false;
        }
    }
    return true;
}

/* The day a date field names, held to what a record keeps: a date, not
 * after the as-of date, inside the window of stored days. */
static fpl_learn_fault read_day(const fpl_learn *l, const char *s, size_t len, int32_t *day)
{
    if (!read_date(s, len, day)) {
        return FPL_LEARN_FAULT_DATE;
    }
    if (l->opt.has_as_of && *day > day_of(l->opt.as_of)) {
        return FPL_LEARN_FAULT_FUTURE;
    }
    if (*day < DAY_FIRST || *day > DAY_LAST) {
        return FPL_LEARN_FAULT_DATE_RANGE;
    }
    return FPL_LEARN_FAULT_NONE;
}

/* A row of the wide form: one item, its stages and outcome dated in their
 * columns (an empty cell: not reached). The faults of the long form, for
 * the row as a whole, then a second row of one id. */
static fpl_learn_fault read_wide_row(fpl_learn *l, const char *id, size_t id_len)
{
    const size_t n = l->n_stages;
    int32_t day[FPL_MAX_STAGES + 2];
    bool any = false;
    for (size_t k = 0; k < FPL_MAX_STAGES + 2; ++k) {
        day[k] = NO_DAY;
        if (l->wide_col[k] == FPL_NO_INDEX) {
            continue;
        }
        const char *s;
        size_t len;
        field_of(l, l->wide_col[k], &s, &len);
        trim(&s, &len);
        if (len == 0) {
            continue;
        }
        const fpl_learn_fault f = read_day(l, s, len, &day[k]);
        if (f != FPL_LEARN_FAULT_NONE) {
            return f;
        }
        any = true;
    }
    if (!any) {
        return FPL_LEARN_FAULT_NO_DATE;
    }
    double amount;
    if (!read_amount(l, &amount)) {
        return FPL_LEARN_FAULT_AMOUNT;
    }
    const int32_t won = day[FPL_MAX_STAGES], lost = day[FPL_MAX_STAGES + 1];
    if (won != NO_DAY && lost != NO_DAY) {
        return FPL_LEARN_FAULT_OUTCOME;
    }
    const int outcome = won != NO_DAY ? OUT_WON : lost != NO_DAY ? OUT_LOST : OUT_NONE;
    const int32_t closed_on = won != NO_DAY ? won : lost; /* NO_DAY: open */
    int32_t last = INT32_MIN, first = NO_DAY;
    for (size_t k = 0; k < n; ++k) {
        if (day[k] != NO_DAY) {
            if (day[k] < last || day[k] > closed_on) {
                return FPL_LEARN_FAULT_BACKWARDS;
            }
            last = day[k];
            first = first < day[k] ? first : day[k];
        }
    }
    if (n > l->cap_stages) {
        need_work(l, n); /* the records need a day per stage of the header */
        return FPL_LEARN_FAULT_NONE; /* the row waits for the room (fpl_learn_grow) */
    }
    const size_t before = l->items;
    item *it = find_or_add(l, hash_id(id, id_len));
    if (it == NULL) {
        return FPL_LEARN_FAULT_NONE; /* the row waits for the room (fpl_learn_grow) */
    }
    if (l->items == before) {
        return FPL_LEARN_FAULT_DUPLICATE;
    }
    for (size_t k = 0; k < n; ++k) {
        it->at[k] = stored(day[k]);
    }
    it->outcome = (uint8_t)outcome;
    it->outcome_at = stored(closed_on);
    if (!isnan(amount)) {
        it->amount = amount;
        it->amount_won = outcome == OUT_WON;
    }
    read_groups(l, it);
    const int32_t lo = first < closed_on ? first : closed_on;
    const int32_t hi = closed_on != NO_DAY ? closed_on : last;
    l->min_day = lo < l->min_day ? lo : l->min_day;
    l->max_day = hi > l->max_day ? hi : l->max_day;
    return FPL_LEARN_FAULT_NONE;
}

static fpl_learn_fault read_row(fpl_learn *l)
{
    if (l->bad) {
        return l->fault;
    }
    if (l->n_fields != l->n_columns) {
        return FPL_LEARN_FAULT_FIELDS;
    }
    for (size_t f = 0; f < l->n_fields; ++f) {
        const char *s;
        size_t len;
        field_of(l, f, &s, &len);
        if (!fpl__utf8_text(s, len)) {
            return FPL_LEARN_FAULT_UTF8;
        }
    }
    const char *id, *stage = "", *date = "";
    size_t id_len, stage_len = 0, date_len = 0;
    field_of(l, l->col[FPL_LEARN_ID], &id, &id_len);
    if (!l->wide) {
        field_of(l, l->col[FPL_LEARN_STAGE], &stage, &stage_len);
        field_of(l, l->col[FPL_LEARN_DATE], &date, &date_len);
    }
    trim(&id, &id_len);
    trim(&stage, &stage_len);
    if (id_len == 0 || id_len > FPL_CSV_ID_MAX) {
        return FPL_LEARN_FAULT_ID;
    }
    if (l->wide) {
        return read_wide_row(l, id, id_len);
    }
    const int outcome = outcome_of(stage, stage_len);
    size_t k = 0;
    if (outcome == OUT_NONE) {
        const fpl_learn_fault f = stage_of(l, stage, stage_len, &k);
        if (f != FPL_LEARN_FAULT_NONE || l->needed > 0) {
            return f;
        }
    }
    int32_t day;
    const fpl_learn_fault f = read_day(l, date, date_len, &day);
    if (f != FPL_LEARN_FAULT_NONE) {
        return f;
    }
    double amount;
    if (!read_amount(l, &amount)) {
        return FPL_LEARN_FAULT_AMOUNT;
    }
    item *it = find_or_add(l, hash_id(id, id_len));
    if (it == NULL) {
        return FPL_LEARN_FAULT_NONE; /* the row waits for the room (fpl_learn_grow) */
    }
    uint16_t *d = it->at; /* stored days, in the order of the days */
    const uint16_t at = stored(day);
    const size_t n = l->n_stages;
    if (outcome != OUT_NONE) {
        if (it->outcome != OUT_NONE && it->outcome != outcome) {
            return FPL_LEARN_FAULT_OUTCOME;
        }
        for (size_t j = 0; j < n; ++j) {
            if (d[j] != STORED_NONE && at < d[j]) {
                return FPL_LEARN_FAULT_BACKWARDS;
            }
        }
        it->outcome = (uint8_t)outcome;
        it->outcome_at = at < it->outcome_at ? at : it->outcome_at;
        if (outcome == OUT_WON && !isnan(amount)) {
            it->amount = amount;
            it->amount_won = 1;
        }
    } else {
        if (it->outcome != OUT_NONE && at > it->outcome_at) {
            return FPL_LEARN_FAULT_BACKWARDS;
        }
        if (d[k] == STORED_NONE || at < d[k]) {
            for (size_t j = 0; j < n; ++j) {
                if (d[j] != STORED_NONE && ((j < k && at < d[j]) || (j > k && at > d[j]))) {
                    return FPL_LEARN_FAULT_BACKWARDS;
                }
            }
            d[k] = at;
        }
    }
    if (!isnan(amount) && !it->amount_won) {
        it->amount = amount;
    }
    read_groups(l, it);
    l->min_day = day < l->min_day ? day : l->min_day;
    l->max_day = day > l->max_day ? day : l->max_day;
    return FPL_LEARN_FAULT_NONE;
}

/* ---- feeding (the tokenizer is csv.c's) ----------------------------------- */

/* A record before the header: a comment line (what the file is), or the
 * header. */
static fpl_status feed_header(void *learn, fpl_error *err)
{
    fpl_learn *l = learn;
    if (!l->bad && l->rec_len > 0 && l->rec[0] == '#') {
        return FPL_OK;
    }
    return read_header(l, err);
}

static fpl_status feed_row(void *learn, void *skipped, size_t *n, fpl_error *err)
{
    fpl_learn *l = learn;
    const fpl_learn_fault fault = read_row(l);
    if (l->needed > 0) {
        /* no room for the row's item: it is read again once the caller
         * gives a larger table */
        l->pending = true;
        l->pending_line = l->record_line;
        return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    }
    l->rows++;
    if (fault != FPL_LEARN_FAULT_NONE) {
        fpl_learn_skipped *s = (fpl_learn_skipped *)skipped + *n;
        l->skipped++;
        s->line = l->record_line;
        s->fault = fault;
        (*n)++;
    }
    return FPL_OK;
}

static fpl_status feed_no_header(void *learn, fpl_error *err)
{
    return header_fail(learn, HF_NONE, 0, FPL_NO_INDEX, FPL_NO_INDEX, err);
}

static const fpl__csv_hooks FEED_HOOKS = {feed_header, feed_row, feed_no_header};

fpl_status fpl_learn_feed(fpl_learn *learn, const char *data, size_t len, bool at_end,
                          fpl_learn_skipped *skipped, size_t capacity, size_t *n_skipped_out,
                          size_t *consumed_out, fpl_error *err)
{
    fpl__begin(err);
    if (learn == NULL ||
        !fpl__csv_args_ok(data, len, skipped, capacity, n_skipped_out, consumed_out)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_learn *l = learn;
    const fpl__csv tok = {&l->state,   &l->seen,        &l->bad,        &l->fault,
                          &l->rec_len, &l->n_fields,    l->start,       l->rec,
                          &l->line,    &l->record_line, &l->have_header};
    *n_skipped_out = 0;
    *consumed_out = 0;
    if (l->compact && l->state != FPL__CSV_DONE) {
        rehash_in_place(l, l->slots); /* finished early: the items to their places again */
    }
    if (l->pending) { /* the row that waited for room, its fields already ended */
        const uint64_t line = l->record_line;
        l->pending = false;
        l->record_line = l->pending_line;
        const fpl_status st = fpl__csv_again(&tok, &FEED_HOOKS, l, skipped, n_skipped_out, err);
        if (!l->pending) {
            l->record_line = line;
        }
        if (st != FPL_OK) {
            return fpl__done(err, st);
        }
    }
    return fpl__done(err, fpl__csv_feed(&tok, &FEED_HOOKS, l, skipped, data, len, at_end,
                                        capacity, n_skipped_out, consumed_out, err));
}

/* ---- the estimator ----------------------------------------------------------
 * Keys are 32 bits, (t << 2) | kind with kind 0 converted (won), 1 lost, 2
 * still open: sorted, events come before the items censored at the same
 * time. A time t is at most 2,958,463 days (an item's day is 1900-01-01 or
 * later, now at most 9999-12-31), below the 2^24 its bits hold; the six
 * bits above them carry a group (groups()). */

enum { K_CONV = 0, K_LOST = 1, K_OPEN = 2 };

#define KEY_GROUP_SHIFT 26

static uint32_t key(int64_t t, int kind)
{
    return ((uint32_t)(t < 0 ? 0 : t) << 2) | (uint32_t)kind;
}

/* Sorts the n keys of a run by their byte at shift (American flag sort:
 * each key swapped into its bucket); a run of fewer than 32 keys by
 * insertion, whole. */
static void sort_run(uint32_t *a, size_t n, unsigned shift)
{
    if (n < 32) {
        for (size_t i = 1; i < n; ++i) {
            const uint32_t v = a[i];
            size_t j = i;
            for (; j > 0 && a[j - 1] > v; --j) {
                a[j] = a[j - 1];
            }
            a[j] = v;
        }
        return;
    }
    size_t next[256] = {0}; /* first the counts, then where each bucket's next key goes */
    size_t end[256];
    for (size_t i = 0; i < n; ++i) {
        next[(a[i] >> shift) & 0xFFu]++;
    }
    size_t at = 0;
    for (size_t b = 0; b < 256; ++b) {
        const size_t count = next[b];
        next[b] = at;
        at += count;
        end[b] = at;
    }
    for (size_t b = 0; b < 256; ++b) {
        while (next[b] < end[b]) {
            uint32_t v = a[next[b]];
            size_t d = (v >> shift) & 0xFFu;
            while (d != b) { /* v to its bucket, the key there carried on */
                const uint32_t w = a[next[d]];
                a[next[d]++] = v;
                v = w;
                d = (v >> shift) & 0xFFu;
            }
            a[next[b]++] = v;
        }
    }
}

/* Sorts n keys in place: a radix sort from the highest byte any key has
 * down, each pass over the runs of keys equal in the bytes above (sorted
 * by the passes before). No memory beyond the keys (qsort may allocate as
 * much again) and a fraction of qsort's time. */
static void sort_keys(uint32_t *a, size_t n)
{
    uint32_t any = 0;
    for (size_t i = 0; i < n; ++i) {
        any |= a[i];
    }
    unsigned top = 0;
    while (top < 24 && (any >> top) > 0xFFu) {
        top += 8;
    }
    for (unsigned shift = top;; shift -= 8) {
        for (size_t i = 0; i < n;) {
            size_t j = n;
            if (shift < top) {
                const uint32_t above = a[i] >> (shift + 8);
                for (j = i + 1; j < n && a[j] >> (shift + 8) == above; ++j) {
                }
            }
            sort_run(a + i, j - i, shift);
            i = j;
        }
        if (shift == 0) {
            break;
        }
    }
}

typedef struct aj {
    double f1, f2; /* at the last time */
    double sw, sw2; /* the weights of the decided items */
    uint64_t n1, n2, n3;
} aj;

#define KEY_TIME(k) (((k) & ((1u << KEY_GROUP_SHIFT) - 1)) >> 2)

/* The items decided (d1 converted, d2 lost) and censored (c) at the time
 * of keys[i]; returns the index of the next time. */
static size_t tally(const uint32_t *keys, size_t i, size_t n, double *d1, double *d2, double *c)
{
    const uint32_t t = KEY_TIME(keys[i]);
    for (; i < n && KEY_TIME(keys[i]) == t; ++i) {
        const int kind = (int)(keys[i] & 3u);
        *d1 += kind == K_CONV;
        *d2 += kind == K_LOST;
        *c += kind == K_OPEN;
    }
    return i;
}

/* The Aalen–Johansen estimator over sorted keys (the group bits ignored).
 * With grid (2 * (last + 1) doubles), F1 and F2 at every day 0 … last: F1
 * at t in grid[t], F2 in grid[last + 1 + t]. */
static void aj_run(const uint32_t *keys, size_t n, aj *out, double *grid, int64_t last)
{
    double s = 1.0;
    double at_risk = (double)n;
    aj a = {0};
    int64_t filled = 0; /* grid days written */
    for (size_t i = 0; i < n;) {
        const uint32_t t = KEY_TIME(keys[i]);
        double d1 = 0, d2 = 0, c = 0;
        i = tally(keys, i, n, &d1, &d2, &c);
        if (d1 + d2 > 0) {
            for (; grid != NULL && filled < (int64_t)t && filled <= last; ++filled) {
                grid[filled] = a.f1;
                grid[last + 1 + filled] = a.f2;
            }
            const double w = s / at_risk;
            a.f1 += w * d1;
            a.f2 += w * d2;
            a.sw += w * (d1 + d2);
            a.sw2 += w * w * (d1 + d2);
            s *= 1.0 - (d1 + d2) / at_risk;
        }
        a.n1 += (uint64_t)d1;
        a.n2 += (uint64_t)d2;
        a.n3 += (uint64_t)c;
        at_risk -= d1 + d2 + c;
    }
    for (; grid != NULL && filled <= last; ++filled) {
        grid[filled] = a.f1;
        grid[last + 1 + filled] = a.f2;
    }
    *out = a;
}

/* The rate, its interval and effective size from an estimate. */
static bool aj_rate(const aj *a, double *rate, double *low, double *high, double *eff)
{
    const double decided = a->f1 + a->f2;
    if (!(decided > 0.0) || !(a->sw2 > 0.0)) {
        *rate = *low = *high = *eff = 0.0;
        return false;
    }
    const double p = a->f1 / decided;
    const double ne = a->sw * a->sw / a->sw2;
    const double z = FPL_LEARN_Z90;
    const double z2 = z * z;
    const double denom = 1.0 + z2 / ne;
    const double center = (p + z2 / (2.0 * ne)) / denom;
    const double half = z / denom * sqrt(p * (1.0 - p) / ne + z2 / (4.0 * ne * ne));
    *rate = p;
    *low = center - half > 0.0 ? center - half : 0.0;
    *high = center + half < 1.0 ? center + half : 1.0;
    *eff = ne;
    return true;
}

/* The lag figures: the time to conversion among the converted, from the
 * jumps of F1 (a second walk over the sorted keys, F1's total known). */
static void lag_of(const uint32_t *keys, size_t n, double total, fpl_learn_lag *out)
{
    memset(out, 0, sizeof *out);
    if (!(total > 0.0)) {
        return;
    }
    const double q[3] = {0.5, 0.75, 0.9};
    double *dst[3] = {&out->median, &out->p75, &out->p90};
    size_t next = 0;
    double s = 1.0;
    double at_risk = (double)n;
    double f1 = 0.0;
    double mean = 0.0;
    for (size_t i = 0; i < n;) {
        const uint32_t t = KEY_TIME(keys[i]);
        double d1 = 0, d2 = 0, c = 0;
        i = tally(keys, i, n, &d1, &d2, &c);
        if (d1 > 0) {
            const double jump = s / at_risk * d1;
            f1 += jump;
            mean += (double)t * jump;
            while (next < 3 && f1 >= q[next] * total * (1.0 - 1e-12)) {
                *dst[next++] = (double)t;
            }
        }
        if (d1 + d2 > 0) {
            s *= 1.0 - (d1 + d2) / at_risk;
        }
        at_risk -= d1 + d2 + c;
    }
    out->has = true;
    out->mean = mean / total;
}

/* Where an item entered the funnel and what it reached. */
typedef struct path {
    size_t entry, high; /* the first stage entered, the highest recorded */
    int32_t day[FPL_MAX_STAGES + 1]; /* the day each stage was passed into (suffix minimum); [S]: won */
    int32_t entry_day;
} path;

static void path_of(const fpl_learn *l, item *it, path *p)
{
    const size_t n = l->n_stages;
    const int32_t outcome_on = outcome_day(it);
    p->entry = n;
    p->high = 0;
    for (size_t k = 0; k < n; ++k) {
        if (it->at[k] != STORED_NONE) {
            p->entry = k < p->entry ? k : p->entry;
            p->high = k;
        }
    }
    int32_t m = it->outcome == OUT_WON ? outcome_on : NO_DAY;
    p->day[n] = m;
    for (size_t k = n; k-- > 0;) {
        const int32_t d = day_at(it, k);
        m = d < m ? d : m;
        p->day[k] = m;
    }
    if (p->entry == n) { /* only an outcome: it entered the top on that day */
        p->entry = 0;
        p->high = 0;
        for (size_t k = 0; k <= n; ++k) {
            p->day[k] = it->outcome == OUT_WON ? outcome_on : NO_DAY;
        }
        p->day[0] = outcome_on;
    }
    if (it->outcome == OUT_WON) {
        p->high = n - 1 < p->high ? p->high : n - 1;
    }
    p->entry_day = p->day[p->entry];
}

/* The key of item it at stage k (entry ≤ k ≤ high), as seen at day now
 * (events after it unknown); false when it had not entered k by then. */
static bool stage_key(const item *it, const path *p, size_t k, size_t n, int32_t now,
                      uint32_t *out)
{
    if (k < p->entry || k > p->high || p->day[k] > now) {
        return false;
    }
    const int32_t next = p->day[k + 1 <= n ? k + 1 : n];
    if (k < p->high || it->outcome == OUT_WON) {
        if (next != NO_DAY && next <= now) {
            *out = key((int64_t)next - p->day[k], K_CONV);
            return true;
        }
    } else if (it->outcome == OUT_LOST && outcome_day(it) <= now) {
        *out = key((int64_t)outcome_day(it) - p->day[k], K_LOST);
        return true;
    }
    *out = key((int64_t)now - p->day[k], K_OPEN);
    return true;
}

/* From entry to won or lost, as seen at day now. */
static bool entry_key(const item *it, const path *p, int32_t now, uint32_t *out)
{
    if (p->entry_day > now) {
        return false;
    }
    if (it->outcome != OUT_NONE && outcome_day(it) <= now) {
        *out = key((int64_t)outcome_day(it) - p->entry_day,
                   it->outcome == OUT_WON ? K_CONV : K_LOST);
    } else {
        *out = key((int64_t)now - p->entry_day, K_OPEN);
    }
    return true;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a;
    const double y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_groups(const void *a, const void *b)
{
    const fpl_learn_group *x = a;
    const fpl_learn_group *y = b;
    if (x->items != y->items) {
        return x->items > y->items ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

/* F1 and F2 at day t from a grid of days 0 … last (0 before day 0, the
 * last value after it). */
static void f_at(const double *grid, int64_t last, int64_t t, double *f1, double *f2)
{
    if (t < 0) {
        *f1 = *f2 = 0.0;
        return;
    }
    t = t < last ? t : last;
    *f1 = grid[t];
    *f2 = grid[last + 1 + t];
}

static void groups(fpl_learn *l, int g, uint32_t *keys, int32_t now, fpl_learn_result *out)
{
    const size_t c = l->col[g == 0 ? FPL_LEARN_SOURCE : FPL_LEARN_OWNER];
    size_t *count = g == 0 ? &out->n_sources : &out->n_owners;
    fpl_learn_group *gr = g == 0 ? out->sources : out->owners;
    *count = 0;
    if (c == FPL_NO_INDEX) {
        return;
    }
    const size_t known = g == 0 ? l->n_sources : l->n_owners;
    const fpl_learn_name *names = g == 0 ? l->sources : l->owners;
    /* groups: the names, then (other), then (none), as long as they fit */
    fpl_learn_group all[FPL_LEARN_MAX_GROUPS + 2];
    memset(all, 0, sizeof all);
    for (size_t k = 0; k < FPL_LEARN_MAX_GROUPS + 2; ++k) {
        copy_name(all[k].name, k < known ? names[k].text
                               : k == FPL_LEARN_MAX_GROUPS ? "(other)" : "(none)");
    }
    xsum won[FPL_LEARN_MAX_GROUPS + 2]; /* the won revenue (exact sums) */
    for (size_t k = 0; k < FPL_LEARN_MAX_GROUPS + 2; ++k) {
        xsum_init(&won[k]);
    }
    size_t nk = 0;
    for (size_t i = 0; i < live_slots(l); ++i) {
        item *it = slot_at(l, i);
        if (it->hash == 0) {
            continue;
        }
        path p;
        path_of(l, it, &p);
        const uint8_t v = g == 0 ? it->source : it->owner;
        const size_t k = v == NO_GROUP ? FPL_LEARN_MAX_GROUPS + 1 : v;
        fpl_learn_group *x = &all[k];
        x->items++;
        x->won += it->outcome == OUT_WON;
        x->lost += it->outcome == OUT_LOST;
        x->open += it->outcome == OUT_NONE;
        if (it->outcome == OUT_WON && !isnan(it->amount)) {
            xsum_add(&won[k], it->amount);
        }
        uint32_t kk;
        if (entry_key(it, &p, now, &kk)) {
            keys[nk++] = ((uint32_t)k << KEY_GROUP_SHIFT) | kk;
        }
    }
    for (size_t k = 0; k < FPL_LEARN_MAX_GROUPS + 2; ++k) {
        all[k].won_revenue = xsum_round(&won[k]);
    }
    sort_keys(keys, nk);
    for (size_t i = 0; i < nk;) {
        const size_t k = (size_t)(keys[i] >> KEY_GROUP_SHIFT);
        size_t j = i;
        while (j < nk && (keys[j] >> KEY_GROUP_SHIFT) == k) {
            ++j;
        }
        aj a;
        aj_run(keys + i, j - i, &a, NULL, 0);
        double lo, hi, eff;
        all[k].has_win_rate = aj_rate(&a, &all[k].win_rate, &lo, &hi, &eff);
        i = j;
    }
    for (size_t k = 0; k < FPL_LEARN_MAX_GROUPS + 2; ++k) {
        if (all[k].items == 0) {
            continue;
        }
        all[k].naive_win_rate = (double)all[k].won / (double)all[k].items;
        if (*count < FPL_LEARN_MAX_GROUPS + 1) {
            gr[(*count)++] = all[k];
        }
    }
    qsort(gr, *count, sizeof *gr, compare_groups);
}

static void seasonality(fpl_learn *l, int32_t as_of, double *counts, fpl_learn_result *out)
{
    out->has_seasonality = false;
    const int32_t first_day = l->min_day;
    int32_t m0 = month_of(first_day);
    if (date_of(first_day).day != 1) {
        m0++; /* the first month is not whole */
    }
    int32_t m1 = month_of(as_of); /* one past the last whole month */
    if (month_of(as_of + 1) != m1) {
        m1++; /* the as-of day ends its month */
    }
    if (m1 - m0 < 12) {
        return;
    }
    memset(counts, 0, (size_t)(m1 - m0) * sizeof *counts);
    for (size_t i = 0; i < live_slots(l); ++i) {
        item *it = slot_at(l, i);
        if (it->hash == 0) {
            continue;
        }
        path p;
        path_of(l, it, &p);
        const int32_t m = month_of(p.entry_day);
        if (m >= m0 && m < m1) {
            counts[m - m0] += 1.0;
        }
    }
    double avg[12] = {0};
    double occ[12] = {0};
    for (int32_t m = m0; m < m1; ++m) {
        avg[m % 12] += counts[m - m0];
        occ[m % 12] += 1.0;
    }
    double mean = 0.0;
    for (int k = 0; k < 12; ++k) {
        avg[k] /= occ[k];
        mean += avg[k] / 12.0;
    }
    if (!(mean > 0.0)) {
        return;
    }
    for (int k = 0; k < 12; ++k) {
        out->seasonality[k] = avg[k] / mean;
    }
    out->has_seasonality = true;
}

/* The learned entry-to-won incidences as known at day c, and the mean deal
 * size then; false without any item before c. */
static bool learn_at(fpl_learn *l, int32_t c, uint32_t *keys, double *grid, int64_t last,
                     double *deal)
{
    size_t nk = 0;
    xsum sum;
    xsum_init(&sum);
    double n_amounts = 0.0;
    for (size_t i = 0; i < live_slots(l); ++i) {
        item *it = slot_at(l, i);
        if (it->hash == 0) {
            continue;
        }
        path p;
        path_of(l, it, &p);
        uint32_t k;
        if (entry_key(it, &p, c - 1, &k)) {
            keys[nk++] = k;
        }
        if (it->outcome == OUT_WON && outcome_day(it) < c && !isnan(it->amount)) {
            xsum_add(&sum, it->amount);
            n_amounts += 1.0;
        }
    }
    if (nk == 0) {
        return false;
    }
    sort_keys(keys, nk);
    aj a;
    aj_run(keys, nk, &a, grid, last);
    *deal = n_amounts > 0 ? xsum_round(&sum) / n_amounts : 0.0;
    return true;
}

static void backtest(fpl_learn *l, int32_t as_of, uint32_t *keys, double *grid,
                     fpl_learn_result *out)
{
    fpl_learn_backtest *b = &out->backtest;
    memset(b, 0, sizeof *b);
    out->has_backtest = false;
    const int64_t last = (int64_t)as_of - l->min_day + 1; /* the longest time seen */
    int32_t end = month_of(as_of); /* one past the last whole month */
    if (month_of(as_of + 1) != end) {
        end++;
    }
    const int32_t first = month_of(l->min_day);
    double ape_d = 0, ape_r = 0, nd = 0, nr = 0, sum_fd = 0, sum_ad = 0, sum_fr = 0, sum_ar = 0;
    for (int k = FPL_LEARN_BACKTEST_CUTOFFS - 1; k >= 0; --k) {
        const int32_t cm = end - FPL_LEARN_BACKTEST_MONTHS - k;
        if (cm <= first) {
            continue; /* nothing known before it */
        }
        const int32_t c = month_start(cm);
        double deal = 0.0;
        if (!learn_at(l, c, keys, grid, last, &deal)) {
            continue;
        }
        const size_t row0 = b->n_rows;
        xsum deals[FPL_LEARN_BACKTEST_MONTHS]; /* the rows' sums, exact */
        xsum revenue[FPL_LEARN_BACKTEST_MONTHS];
        for (int m = 0; m < FPL_LEARN_BACKTEST_MONTHS; ++m) {
            xsum_init(&deals[m]);
            xsum_init(&revenue[m]);
            fpl_learn_backtest_row *r = &b->rows[b->n_rows++];
            r->cutoff = date_of(c);
            r->month = (fpl_month){(int)((cm + m) / 12), (int)((cm + m) % 12) + 1};
        }
        for (size_t i = 0; i < live_slots(l); ++i) {
            item *it = slot_at(l, i);
            if (it->hash == 0) {
                continue;
            }
            path p;
            path_of(l, it, &p);
            const int32_t e = p.entry_day;
            for (int m = 0; m < FPL_LEARN_BACKTEST_MONTHS; ++m) {
                fpl_learn_backtest_row *r = &b->rows[row0 + (size_t)m];
                const int32_t s = month_start(cm + m);
                const int32_t t = month_start(cm + m + 1);
                if (it->outcome == OUT_WON && outcome_day(it) >= s && outcome_day(it) < t) {
                    r->actual_deals += 1.0;
                    xsum_add(&revenue[m], isnan(it->amount) ? 0.0 : it->amount);
                }
                if (e >= t) {
                    continue;
                }
                double a1, a2, b1, b2;
                if (e < c) {
                    /* open at the cut-off: the chance of a win in the month,
                     * given no outcome before it */
                    if (it->outcome != OUT_NONE && outcome_day(it) < c) {
                        continue;
                    }
                    double g1, g2;
                    f_at(grid, last, (int64_t)c - e - 1, &g1, &g2);
                    const double left = 1.0 - g1 - g2;
                    if (!(left > 1e-12)) {
                        continue;
                    }
                    f_at(grid, last, (int64_t)t - e - 1, &a1, &a2);
                    f_at(grid, last, (int64_t)s - e - 1, &b1, &b2);
                    xsum_add(&deals[m], (a1 - b1) / left);
                } else {
                    /* entered after the cut-off (the entries that then came) */
                    f_at(grid, last, (int64_t)t - e - 1, &a1, &a2);
                    if (e > s) {
                        b1 = 0.0;
                    } else {
                        f_at(grid, last, (int64_t)s - e - 1, &b1, &b2);
                    }
                    xsum_add(&deals[m], a1 - b1);
                }
            }
        }
        for (int m = 0; m < FPL_LEARN_BACKTEST_MONTHS; ++m) {
            fpl_learn_backtest_row *r = &b->rows[row0 + (size_t)m];
            r->deals = xsum_round(&deals[m]);
            r->actual_revenue = xsum_round(&revenue[m]);
            r->revenue = r->deals * deal;
            sum_fd += r->deals;
            sum_ad += r->actual_deals;
            sum_fr += r->revenue;
            sum_ar += r->actual_revenue;
            if (r->actual_deals > 0) {
                ape_d += fabs(r->deals - r->actual_deals) / r->actual_deals;
                nd += 1;
            }
            if (r->actual_revenue > 0) {
                ape_r += fabs(r->revenue - r->actual_revenue) / r->actual_revenue;
                nr += 1;
            }
        }
    }
    if (b->n_rows == 0) {
        return;
    }
    out->has_backtest = true;
    b->has_deals_mape = nd > 0;
    b->deals_mape = nd > 0 ? ape_d / nd : 0.0;
    b->deals_bias = sum_ad > 0 ? (sum_fd - sum_ad) / sum_ad : 0.0;
    b->has_revenue_mape = nr > 0;
    b->revenue_mape = nr > 0 ? ape_r / nr : 0.0;
    b->revenue_bias = sum_ar > 0 ? (sum_fr - sum_ar) / sum_ar : 0.0;
}

static int32_t as_of_day(const fpl_learn *l)
{
    return l->opt.has_as_of ? day_of(l->opt.as_of) : l->max_day;
}

/* The parts of the scratch: the keys (4 bytes an item), in the table's
 * free slots when they fit there once the items are packed at its front
 * (compact()), else at the start of the scratch (key_bytes: their bytes
 * there, 0 in the table); then the largest of the won amounts, the months'
 * counts and the back-test's grid (rest, in 8-byte words). */
static void scratch_parts(const fpl_learn *l, size_t *key_bytes, size_t *rest)
{
    uint64_t won = 0;
    for (size_t i = 0; i < live_slots(l); ++i) {
        const item *it = slot_at(l, i);
        won += it->hash != 0 && it->outcome == OUT_WON;
    }
    const int32_t as_of = as_of_day(l);
    const bool any = l->items > 0 && l->min_day <= as_of;
    const size_t months = any ? (size_t)(month_of(as_of) - month_of(l->min_day)) + 2 : 1;
    const size_t grid = any && l->opt.backtest ? 2 * ((size_t)(as_of - l->min_day) + 3) : 0;
    const size_t keys = ((l->items + 1) * sizeof(uint32_t) + 7) / 8 * 8;
    *key_bytes = keys <= (l->slots - l->items) * l->slot_size ? 0 : keys;
    *rest = (size_t)won + 1;
    *rest = months > *rest ? months : *rest;
    *rest = grid > *rest ? grid : *rest;
}

size_t fpl_learn_finish_needed(const fpl_learn *learn)
{
    if (learn == NULL) {
        return 0;
    }
    size_t key_bytes, rest;
    scratch_parts(learn, &key_bytes, &rest);
    return key_bytes + 8 * rest;
}

/* Packs the items at the front of the table, in the order of their slots
 * (any order would do: finish()'s sums over items are exact), the slots
 * after them empty: they are free for the keys. Lookups need the items at
 * their hashed places again: fpl_learn_feed() rehashes them back
 * (rehash_in_place) should more rows come. */
static void compact(fpl_learn *l)
{
    if (l->compact) {
        return;
    }
    size_t to = 0;
    for (size_t i = 0; i < l->slots; ++i) {
        const item *it = slot_at(l, i);
        if (it->hash != 0) {
            if (to != i) {
                memcpy(slot_at(l, to), it, l->slot_size);
            }
            ++to;
        }
    }
    memset(slot_at(l, to), 0, (l->slots - to) * l->slot_size);
    l->compact = true;
}

fpl_status fpl_learn_finish(fpl_learn *learn, void *scratch, size_t scratch_size,
                            fpl_learn_result *out, fpl_error *err)
{
    fpl__begin(err);
    if (learn == NULL || out == NULL || (scratch == NULL && scratch_size > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_learn *l = learn;
    memset(out, 0, sizeof *out);
    if (!l->have_header) {
        if (l->header_fault == HF_OK) {
            l->header_fault = HF_NONE;
        }
        return fpl__fail(err, FPL_ERR_CSV_HEADER, FPL_FIELD_HISTORY_FILE, FPL_NO_INDEX);
    }
    if (l->items == 0 || l->n_stages == 0) {
        return fpl__fail(err, FPL_ERR_LEARN_EMPTY, FPL_FIELD_HISTORY_FILE, FPL_NO_INDEX);
    }
    if (scratch_size < fpl_learn_finish_needed(l)) {
        return fpl__fail(err, FPL_ERR_WORKSPACE, FPL_FIELD_WORKSPACE, FPL_NO_INDEX);
    }
    size_t key_bytes, n_rest;
    scratch_parts(l, &key_bytes, &n_rest);
    if (key_bytes == 0) {
        compact(l);
    }
    uint32_t *keys = key_bytes > 0 ? scratch : (void *)slot_at(l, l->items);
    double *rest = (double *)(void *)((unsigned char *)scratch + key_bytes);
    const int32_t as_of = as_of_day(l);
    const size_t n = l->n_stages;
    out->as_of = date_of(as_of);
    out->first = date_of(l->min_day);
    out->rows = l->rows;
    out->skipped = l->skipped;
    out->items = l->items;
    out->n_stages = n;
    for (size_t i = 0; i < live_slots(l); ++i) {
        item *it = slot_at(l, i);
        if (it->hash != 0) {
            out->won += it->outcome == OUT_WON;
            out->lost += it->outcome == OUT_LOST;
            out->open += it->outcome == OUT_NONE;
        }
    }
    for (size_t k = 0; k < n; ++k) {
        fpl_learn_stage *s = &out->stages[k];
        copy_name(s->name, l->stages[k].text);
        size_t nk = 0;
        for (size_t i = 0; i < live_slots(l); ++i) {
            item *it = slot_at(l, i);
            if (it->hash == 0) {
                continue;
            }
            path p;
            path_of(l, it, &p);
            if (stage_key(it, &p, k, n, as_of, &keys[nk])) {
                nk++;
            }
        }
        sort_keys(keys, nk);
        aj a;
        aj_run(keys, nk, &a, NULL, 0);
        s->entered = nk;
        s->converted = a.n1;
        s->lost = a.n2;
        s->open = a.n3;
        s->has_rate = aj_rate(&a, &s->rate, &s->low, &s->high, &s->effective);
        s->naive_rate = nk > 0 ? (double)a.n1 / (double)nk : 0.0;
        lag_of(keys, nk, a.f1, &s->lag);
    }
    /* deal size */
    double *amounts = rest;
    {
        size_t na = 0;
        xsum sum;
        xsum_init(&sum);
        for (size_t i = 0; i < live_slots(l); ++i) {
            item *it = slot_at(l, i);
            if (it->hash != 0 && it->outcome == OUT_WON && !isnan(it->amount)) {
                amounts[na++] = it->amount;
                xsum_add(&sum, it->amount);
            }
        }
        if (na > 0) {
            qsort(amounts, na, sizeof *amounts, compare_doubles);
            const double mean = xsum_round(&sum) / (double)na;
            double ss = 0.0;
            for (size_t i = 0; i < na; ++i) {
                ss += (amounts[i] - mean) * (amounts[i] - mean);
            }
            out->has_deal_size = true;
            out->deal_count = na;
            out->deal_mean = mean;
            out->deal_median = na % 2 == 1 ? amounts[na / 2]
                                           : (amounts[na / 2 - 1] + amounts[na / 2]) / 2.0;
            out->deal_cv = na > 1 && mean > 0.0 ? sqrt(ss / (double)(na - 1)) / mean : 0.0;
        }
    }
    seasonality(l, as_of, rest, out);
    groups(l, 0, keys, as_of, out);
    groups(l, 1, keys, as_of, out);
    if (l->opt.backtest) {
        backtest(l, as_of, keys, rest, out);
    }
    if (l->compact) { /* the slots that held the keys empty again */
        memset(slot_at(l, l->items), 0, (l->slots - l->items) * l->slot_size);
    }
    return FPL_OK;
}

/* ---- the funnel learned ------------------------------------------------- */

fpl_status fpl_learn_funnel(const fpl_learn_result *result, fpl_funnel *out, fpl_error *err)
{
    fpl__begin(err);
    if (result == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_funnel f;
    memset(&f, 0, sizeof f);
    for (size_t k = 0; k < result->n_stages; ++k) {
        const fpl_learn_stage *s = &result->stages[k];
        fpl_status st = fpl_funnel_add_stage(&f, s->name, strlen(s->name),
                                             s->has_rate ? s->rate : 0.0, NULL);
        if (st != FPL_OK) {
            return fpl__fail(err, st, FPL_FIELD_STAGE, k);
        }
    }
    *out = f;
    return FPL_OK;
}

fpl_status fpl_learn_save(const fpl_learn_result *result, char *buf, size_t capacity,
                          size_t *length_out, fpl_error *err)
{
    fpl__begin(err);
    if (result == NULL || length_out == NULL || (buf == NULL && capacity > 0)) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_funnel f;
    fpl_status st = fpl_learn_funnel(result, &f, err);
    if (st != FPL_OK) {
        return st;
    }
    textbuf t = {buf, capacity, 0};
    char num[FPL_NUMBER_MAX];
    char day[16];
    fpl_date_format(result->as_of, day, sizeof day);
    fpl_format_count(result->items, num, sizeof num);
    tb_put(&t, "# A funnel learned by funnelplan learn from ", num,
                     " items of CRM history up to ", day, ".\n",
                     "# Use it as @FILE with plan, forecast, odds, schedule or channels.\n",
                     (const char *)NULL);
    for (size_t k = 0; k < result->n_stages; ++k) {
        fpl_format_number(result->stages[k].rate, FPL_NUMBER_JSON, num, sizeof num);
        tb_put(&t, "--stage ", result->stages[k].name, "=", num, "\n", (const char *)NULL);
    }
    if (result->has_deal_size) {
        fpl_format_number(result->deal_mean, FPL_NUMBER_JSON, num, sizeof num);
        tb_put(&t, "--deal-size ", num, "\n", (const char *)NULL);
        fpl_format_number(result->deal_cv, FPL_NUMBER_JSON, num, sizeof num);
        tb_put(&t, "# odds: --deal-size-cv ", num, "\n", (const char *)NULL);
    }
    for (size_t k = 0; k < result->n_stages; ++k) {
        if (result->stages[k].lag.has) {
            fpl_format_number(result->stages[k].lag.mean, FPL_NUMBER_JSON, num, sizeof num);
            tb_put(&t, "# schedule: --lag ", result->stages[k].name, "=", num, "d\n",
                             (const char *)NULL);
        }
    }
    if (result->has_seasonality) {
        tb_put(&t, "# schedule: --seasonality ", (const char *)NULL);
        for (int m = 0; m < 12; ++m) {
            fpl_format_number(result->seasonality[m], FPL_NUMBER_JSON, num, sizeof num);
            tb_put(&t, m > 0 ? "," : "", num, (const char *)NULL);
        }
        tb_put(&t, "\n", (const char *)NULL);
    }
    if (capacity > 0) {
        buf[t.len < capacity ? t.len : capacity - 1] = '\0';
    }
    *length_out = t.len;
    return FPL_OK;
}

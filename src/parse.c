/*
 * funnelplan — locale-independent, correctly rounded number parsing.
 * SPDX-License-Identifier: MIT
 *
 * The text is first read into an exact decimal (up to DEC_DIGITS significant
 * digits, with a flag remembering that non-zero digits beyond were dropped),
 * then converted to the nearest double by exact shifts by powers of two: the
 * "simple decimal conversion" known from Go's strconv. It needs no big
 * integers, no allocation, no strtod and no locale, and it rounds correctly
 * (ties to even) for every input, however many digits it has.
 */

#include "internal.h"
#include "funnelplan/parse.h"

#include <math.h>
#include <string.h>

enum { DEC_DIGITS = 800, EXP_CLAMP = 100000, MAX_SHIFT = 60 };

typedef struct decimal {
    unsigned char d[DEC_DIGITS]; /* digit values, most significant first */
    int nd;                      /* digits in use */
    int dp;                      /* value = 0.d[0]d[1]... x 10^dp */
    int total;                   /* significant digits read, stored or not */
    bool trunc;                  /* non-zero digits were dropped */
} decimal;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void decimal_trim(decimal *a)
{
    while (a->nd > 0 && a->d[a->nd - 1] == 0) {
        a->nd--;
    }
    if (a->nd == 0) {
        a->dp = 0;
    }
}

/* Appends one digit read from the text; leading zeros only move the point. */
static void decimal_push(decimal *a, int digit, bool after_point)
{
    if (digit == 0 && a->total == 0) {
        if (after_point) {
            a->dp--;
        }
        return;
    }
    if (!after_point) {
        a->dp++;
    }
    a->total++;
    if (a->nd < DEC_DIGITS) {
        a->d[a->nd++] = (unsigned char)digit;
    } else if (digit != 0) {
        a->trunc = true;
    }
}

/* Divides by 2^k, 1 <= k <= MAX_SHIFT. */
static void right_shift(decimal *a, unsigned k)
{
    int r = 0;
    int w = 0;
    uint64_t n = 0;
    for (; (n >> k) == 0; r++) {
        if (r >= a->nd) {
            if (n == 0) {
                a->nd = 0;
                a->dp = 0;
                return;
            }
            while ((n >> k) == 0) {
                n *= 10;
                r++;
            }
            break;
        }
        n = n * 10 + a->d[r];
    }
    a->dp -= r - 1;
    const uint64_t mask = (UINT64_C(1) << k) - 1;
    for (; r < a->nd; r++) {
        uint64_t c = a->d[r];
        a->d[w++] = (unsigned char)(n >> k);
        n = (n & mask) * 10 + c;
    }
    while (n > 0) {
        unsigned char dig = (unsigned char)(n >> k);
        n &= mask;
        if (w < DEC_DIGITS) {
            a->d[w++] = dig;
        } else if (dig > 0) {
            a->trunc = true;
        }
        n *= 10;
    }
    a->nd = w;
    decimal_trim(a);
}

/* Multiplies by 2^k, 1 <= k <= MAX_SHIFT. */
static void left_shift(decimal *a, unsigned k)
{
    unsigned char low_first[DEC_DIGITS + 24];
    int t = 0;
    uint64_t carry = 0;
    for (int r = a->nd - 1; r >= 0; r--) {
        uint64_t n = ((uint64_t)a->d[r] << k) + carry;
        low_first[t++] = (unsigned char)(n % 10);
        carry = n / 10;
    }
    while (carry > 0) {
        low_first[t++] = (unsigned char)(carry % 10);
        carry /= 10;
    }
    a->dp += t - a->nd;
    int w = 0;
    for (int i = t - 1; i >= 0; i--) {
        if (w < DEC_DIGITS) {
            a->d[w++] = low_first[i];
        } else if (low_first[i] != 0) {
            a->trunc = true;
        }
    }
    a->nd = w;
    decimal_trim(a);
}

static void decimal_shift(decimal *a, int k)
{
    while (k > MAX_SHIFT) {
        left_shift(a, MAX_SHIFT);
        k -= MAX_SHIFT;
    }
    if (k > 0) {
        left_shift(a, (unsigned)k);
    }
    while (k < -MAX_SHIFT) {
        right_shift(a, MAX_SHIFT);
        k += MAX_SHIFT;
    }
    if (k < 0) {
        right_shift(a, (unsigned)-k);
    }
}

static bool should_round_up(const decimal *a, int nd)
{
    if (nd < 0 || nd >= a->nd) {
        return false;
    }
    if (a->d[nd] == 5 && nd + 1 == a->nd) {
        if (a->trunc) {
            return true;
        }
        return nd > 0 && a->d[nd - 1] % 2 == 1;
    }
    return a->d[nd] >= 5;
}

static uint64_t rounded_integer(const decimal *a)
{
    uint64_t n = 0;
    int i = 0;
    for (; i < a->dp && i < a->nd; i++) {
        n = n * 10 + a->d[i];
    }
    for (; i < a->dp; i++) {
        n *= 10;
    }
    if (should_round_up(a, a->dp)) {
        n++;
    }
    return n;
}

/* The double nearest to the decimal (consumes it). */
static fpl_status decimal_to_double(decimal *a, double *out)
{
    static const int powtab[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
    enum { MANT_BITS = 52, BIAS = -1023, EXP_MAX_FIELD = 2047 };

    if (a->nd == 0) {
        *out = 0.0;
        return FPL_OK;
    }
    if (a->dp > 310) {
        return FPL_ERR_PARSE_OVERFLOW;
    }
    if (a->dp < -330) {
        *out = 0.0;
        return FPL_OK;
    }
    int exp = 0;
    while (a->dp > 0) {
        int n = a->dp >= 9 ? 27 : powtab[a->dp];
        decimal_shift(a, -n);
        exp += n;
    }
    while (a->dp < 0 || (a->dp == 0 && a->d[0] < 5)) {
        int n = -a->dp >= 9 ? 27 : powtab[-a->dp];
        decimal_shift(a, n);
        exp -= n;
    }
    exp--; /* the value is now in [1, 2) x 2^exp */
    if (exp < BIAS + 1) {
        int n = BIAS + 1 - exp;
        decimal_shift(a, -n);
        exp += n;
    }
    if (exp - BIAS >= EXP_MAX_FIELD) {
        return FPL_ERR_PARSE_OVERFLOW;
    }
    decimal_shift(a, 1 + MANT_BITS);
    uint64_t mant = rounded_integer(a);
    if (mant == (UINT64_C(2) << MANT_BITS)) {
        mant >>= 1;
        exp++;
        if (exp - BIAS >= EXP_MAX_FIELD) {
            return FPL_ERR_PARSE_OVERFLOW;
        }
    }
    if ((mant & (UINT64_C(1) << MANT_BITS)) == 0) {
        exp = BIAS; /* subnormal */
    }
    uint64_t bits = mant & ((UINT64_C(1) << MANT_BITS) - 1);
    bits |= (uint64_t)((unsigned)(exp - BIAS) & 0x7FFu) << MANT_BITS;
    double value;
    memcpy(&value, &bits, sizeof value);
    *out = value;
    return FPL_OK;
}

typedef struct scan_rules {
    bool grouping; /* 1,000,000 and 1_000_000 */
    bool exponent; /* 1e6 */
} scan_rules;

/*
 * Reads digits[.digits][e[+-]digits] at *pos into a, stopping at the first
 * byte that cannot continue the number. Reports a malformed number; what
 * follows it is the caller's business.
 */
static fpl_status scan_number(const char *s, size_t len, size_t *pos, decimal *a,
                              scan_rules rules, bool *saw_exponent)
{
    size_t i = *pos;
    char group = 0;
    int run = 0;
    bool first_group = true;
    int int_digits = 0;
    int frac_digits = 0;

    while (i < len) {
        char c = s[i];
        if (is_digit(c)) {
            decimal_push(a, c - '0', false);
            run++;
            int_digits++;
            i++;
        } else if (rules.grouping && (c == ',' || c == '_')) {
            if (int_digits == 0) {
                return FPL_ERR_PARSE_SYNTAX;
            }
            if (group != 0 && group != c) {
                return FPL_ERR_PARSE_GROUPING;
            }
            if (c == ',' && (first_group ? run > 3 : run != 3)) {
                return FPL_ERR_PARSE_GROUPING;
            }
            if (c == ',' && first_group && s[*pos] == '0') {
                return FPL_ERR_PARSE_GROUPING; /* 0,250: a decimal comma, not a group */
            }
            group = c;
            first_group = false;
            run = 0;
            i++;
            if (i >= len || !is_digit(s[i])) {
                return FPL_ERR_PARSE_GROUPING;
            }
        } else {
            break;
        }
    }
    if (group == ',' && run != 3) {
        return FPL_ERR_PARSE_GROUPING;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len) {
            char c = s[i];
            if (is_digit(c)) {
                decimal_push(a, c - '0', true);
                frac_digits++;
                i++;
            } else if (rules.grouping && c == '_' && frac_digits > 0) {
                i++;
                if (i >= len || !is_digit(s[i])) {
                    return FPL_ERR_PARSE_GROUPING;
                }
            } else if (rules.grouping && c == ',') {
                return FPL_ERR_PARSE_GROUPING;
            } else {
                break;
            }
        }
    }
    if (int_digits + frac_digits == 0) {
        return FPL_ERR_PARSE_SYNTAX;
    }
    *saw_exponent = false;
    if (rules.exponent && i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool neg = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            neg = s[i] == '-';
            i++;
        }
        if (i >= len || !is_digit(s[i])) {
            return FPL_ERR_PARSE_SYNTAX;
        }
        int e = 0;
        while (i < len && is_digit(s[i])) {
            if (e < EXP_CLAMP) {
                e = e * 10 + (s[i] - '0');
            }
            i++;
        }
        a->dp += neg ? -e : e;
        *saw_exponent = true;
    }
    *pos = i;
    return FPL_OK;
}

/* Moves the decimal point by a power of ten exactly (suffixes, percent). */
static void decimal_scale10(decimal *a, int power)
{
    if (a->nd > 0) {
        a->dp += power;
    }
}

/* An optional '-' at *pos, then scan_number(). */
static fpl_status scan_signed(const char *s, size_t len, size_t *pos, decimal *a,
                              scan_rules rules, bool *negative, bool *saw_exponent)
{
    *negative = *pos < len && s[*pos] == '-';
    *pos += *negative ? 1u : 0u;
    *saw_exponent = false;
    return scan_number(s, len, pos, a, rules, saw_exponent);
}

static fpl_status finish(decimal *a, bool negative, double *out)
{
    decimal_trim(a);
    const bool nonzero = a->nd > 0;
    double value;
    fpl_status st = decimal_to_double(a, &value);
    if (st == FPL_OK && nonzero && !(value > 0.0)) {
        st = FPL_ERR_PARSE_UNDERFLOW;
    }
    if (negative) {
        return FPL_ERR_PARSE_NEGATIVE;
    }
    if (st != FPL_OK) {
        return st;
    }
    *out = value;
    return FPL_OK;
}

/* A text refused: the parser does not know which field the text is for
 * (the caller does); the bytes are the whole text. */
static fpl_status parse_fail(fpl_error *err, fpl_status st, size_t len)
{
    return st == FPL_OK ? st : fpl__fail_at(err, st, FPL_FIELD_NONE, FPL_NO_INDEX, 0, len);
}

/*
 * Digits in the shape of a European thousands group as much as of a
 * decimal: [1-9][0-9]{0,2} "." [0-9]{3}, the whole number (suffix aside).
 * 8.000 is eight or eight thousand, 1.250M 1.25 or 1250 million. A leading
 * zero (0.250), four integer digits (1000.500), grouping (1,000.500),
 * another count of decimals (8.00, 8.0000) or an exponent read one way only.
 */
static bool point_reads_as_group(const char *s, size_t n)
{
    size_t dot = 0;
    while (dot < n && is_digit(s[dot])) {
        dot++;
    }
    if (dot < 1 || dot > 3 || s[0] == '0' || dot + 4 != n || s[dot] != '.') {
        return false;
    }
    return is_digit(s[dot + 1]) && is_digit(s[dot + 2]) && is_digit(s[dot + 3]);
}

/* Whether the exact decimal exceeds 2^53 (FPL_WHOLE_MAX), decided from its
 * digits before any rounding: 9007199254740993 is above, although it
 * rounds to 2^53. */
static bool above_whole_max(decimal *a)
{
    static const char max[] = "9007199254740992"; /* 2^53: 16 digits */
    enum { MAX_DIGITS = 16 };
    decimal_trim(a);
    if (a->nd == 0 || a->dp < MAX_DIGITS) {
        return false;
    }
    if (a->dp > MAX_DIGITS) {
        return true;
    }
    for (int k = 0; k < MAX_DIGITS; ++k) {
        const int d = k < a->nd ? a->d[k] : 0;
        if (d != max[k] - '0') {
            return d > max[k] - '0';
        }
    }
    return a->nd > MAX_DIGITS || a->trunc;
}

static fpl_status parse_amount_or_count(const char *text, size_t len, double *out, fpl_error *err,
                                        bool count)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return parse_fail(err, FPL_ERR_PARSE_EMPTY, len);
    }
    size_t i = 0;
    decimal a = {0};
    bool negative;
    bool saw_exponent;
    const scan_rules rules = {true, true};
    fpl_status st = scan_signed(text, len, &i, &a, rules, &negative, &saw_exponent);
    if (st != FPL_OK) {
        return parse_fail(err, st, len);
    }
    const size_t number_end = i;
    if (i < len && !saw_exponent) {
        int power = 0;
        switch (text[i]) {
        case 'k': case 'K': power = 3; break;
        case 'm': case 'M': power = 6; break;
        case 'b': case 'B': power = 9; break;
        default: break;
        }
        if (power != 0) {
            decimal_scale10(&a, power);
            i++;
        }
    }
    if (i != len) {
        return parse_fail(err, FPL_ERR_PARSE_SYNTAX, len);
    }
    const size_t start = negative ? 1 : 0;
    if (!negative && !saw_exponent &&
        point_reads_as_group(text + start, number_end - start)) {
        return parse_fail(err, FPL_ERR_PARSE_AMBIGUOUS, len);
    }
    if (!negative && count && above_whole_max(&a)) {
        return parse_fail(err, FPL_ERR_PARSE_COUNT_MAX, len);
    }
    return parse_fail(err, finish(&a, negative, out), len);
}

fpl_status fpl_parse_amount(const char *text, size_t len, double *out, fpl_error *err)
{
    return parse_amount_or_count(text, len, out, err, false);
}

fpl_status fpl_parse_count(const char *text, size_t len, double *out, fpl_error *err)
{
    return parse_amount_or_count(text, len, out, err, true);
}

/* A plain decimal for one side of a ratio: digits and a point only. */
static fpl_status parse_plain(const char *s, size_t len, size_t *pos, double *out)
{
    decimal a = {0};
    bool negative;
    bool saw_exponent;
    const scan_rules rules = {false, false};
    fpl_status st = scan_signed(s, len, pos, &a, rules, &negative, &saw_exponent);
    return st != FPL_OK ? st : finish(&a, negative, out);
}

fpl_status fpl_parse_rate(const char *text, size_t len, double *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    if (len == 0) {
        return parse_fail(err, FPL_ERR_PARSE_EMPTY, len);
    }
    const char *slash = memchr(text, '/', len);
    if (slash != NULL) {
        size_t i = 0;
        double num;
        double den;
        fpl_status st = parse_plain(text, (size_t)(slash - text), &i, &num);
        if (st == FPL_OK && i != (size_t)(slash - text)) {
            st = FPL_ERR_PARSE_SYNTAX;
        }
        if (st != FPL_OK) {
            return parse_fail(err, st, len);
        }
        i++;
        st = parse_plain(text, len, &i, &den);
        if (st == FPL_OK && i != len) {
            st = FPL_ERR_PARSE_SYNTAX;
        }
        if (st != FPL_OK) {
            return parse_fail(err, st, len);
        }
        if (!(den > 0.0)) {
            return parse_fail(err, FPL_ERR_PARSE_DIVZERO, len);
        }
        double q = num / den;
        if (!isfinite(q)) {
            return parse_fail(err, FPL_ERR_PARSE_OVERFLOW, len);
        }
        if (num > 0.0 && !(q > 0.0)) {
            return parse_fail(err, FPL_ERR_PARSE_UNDERFLOW, len);
        }
        *out = q;
        return FPL_OK;
    }
    size_t i = 0;
    decimal a = {0};
    bool negative;
    bool saw_exponent;
    const scan_rules rules = {false, true};
    fpl_status st = scan_signed(text, len, &i, &a, rules, &negative, &saw_exponent);
    if (st != FPL_OK) {
        return parse_fail(err, st, len);
    }
    if (i < len && text[i] == '%') {
        decimal_scale10(&a, -2);
        i++;
    }
    if (i != len) {
        return parse_fail(err, FPL_ERR_PARSE_SYNTAX, len);
    }
    return parse_fail(err, finish(&a, negative, out), len);
}

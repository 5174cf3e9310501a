/*
 * funnelplan — numbers as text, exactly and without the locale.
 * SPDX-License-Identifier: MIT
 *
 * A double is m · 2^e with m < 2^53. Its decimal digits are those of the
 * integer floor(m · 2^e · 10^t) for a chosen power of ten t, worked out in a
 * small big integer on the stack, together with the class of what was cut
 * off (nothing, less than half a unit, exactly half, more): enough to round
 * half to even on the exact value, as glibc's printf does. The shortest
 * round-trip form compares each candidate with the exact midpoints to the
 * neighbouring doubles, as a correctly rounding strtod decides.
 */

#include "funnelplan/format.h"

#include <float.h>
#include <string.h>

/* ---- a small big integer ------------------------------------------------- */

/* 40 words of 32 bits: 1280 bits hold the largest scaled value, DBL_MAX
 * (2^1024) times 10^FPL_FORMAT_DECIMALS_MAX (2^133). */
enum { BIG_WORDS = 40 };

typedef struct big {
    size_t n;                 /* words in use; no leading zero words */
    uint32_t w[BIG_WORDS];    /* little-endian */
} big;

static void big_set(big *b, uint64_t v)
{
    b->n = 0;
    while (v != 0) {
        b->w[b->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void big_trim(big *b)
{
    while (b->n > 0 && b->w[b->n - 1] == 0) {
        b->n--;
    }
}

static void big_mul_small(big *b, uint32_t k)
{
    uint64_t carry = 0;
    for (size_t i = 0; i < b->n; ++i) {
        uint64_t p = (uint64_t)b->w[i] * k + carry;
        b->w[i] = (uint32_t)p;
        carry = p >> 32;
    }
    if (carry != 0 && b->n < BIG_WORDS) {
        b->w[b->n++] = (uint32_t)carry;
    }
}

static void big_mul_pow5(big *b, int n)
{
    static const uint32_t pow5[13] = {1u,      5u,       25u,       125u,      625u,
                                      3125u,   15625u,   78125u,    390625u,   1953125u,
                                      9765625u, 48828125u, 244140625u};
    for (; n >= 13; n -= 13) {
        big_mul_small(b, 1220703125u); /* 5^13 */
    }
    if (n > 0 && n < 13) { /* (always below 13 here: said for the linters) */
        big_mul_small(b, pow5[n]);
    }
}

static void big_shl(big *b, int s)
{
    if (b->n == 0 || s <= 0) {
        return;
    }
    size_t words = (size_t)s / 32;
    unsigned bits = (unsigned)s % 32;
    size_t n = b->n;
    if (n + words + 1 > BIG_WORDS) { /* never, for a double (see BIG_WORDS) */
        return;
    }
    b->w[n + words] = 0;
    for (size_t i = n; i-- > 0;) {
        uint32_t v = b->w[i];
        if (bits != 0) {
            b->w[i + words + 1] |= v >> (32 - bits);
            b->w[i + words] = v << bits;
        } else {
            b->w[i + words] = v;
        }
    }
    for (size_t i = 0; i < words; ++i) {
        b->w[i] = 0;
    }
    b->n = n + words + 1;
    big_trim(b);
}

/* What a rounding cut off, against half a unit of the last digit kept. */
typedef enum rest {
    REST_ZERO,
    REST_BELOW,
    REST_HALF,
    REST_ABOVE
} rest;

static bool big_bit(const big *b, size_t i)
{
    return i / 32 < b->n && ((b->w[i / 32] >> (i % 32)) & 1u) != 0;
}

/* Whether any of the bits below bit k is set. */
static bool big_any_below(const big *b, size_t k)
{
    size_t words = k / 32;
    for (size_t i = 0; i < words && i < b->n; ++i) {
        if (b->w[i] != 0) {
            return true;
        }
    }
    return words < b->n && (b->w[words] & ((1u << (k % 32)) - 1u)) != 0;
}

/* b = floor(b / 2^s); returns what was cut off. */
static rest big_shr(big *b, int s)
{
    if (s <= 0 || b->n == 0) {
        return REST_ZERO;
    }
    size_t k = (size_t)s;
    bool half = big_bit(b, k - 1);
    bool below = big_any_below(b, k - 1);
    rest r = half ? (below ? REST_ABOVE : REST_HALF) : (below ? REST_BELOW : REST_ZERO);
    size_t words = k / 32;
    unsigned bits = (unsigned)(k % 32);
    if (words >= b->n) {
        b->n = 0;
        return r;
    }
    size_t n = b->n - words;
    for (size_t i = 0; i < n; ++i) {
        uint32_t v = b->w[i + words] >> bits;
        if (bits != 0 && i + words + 1 < b->n) {
            v |= b->w[i + words + 1] << (32 - bits);
        }
        b->w[i] = v;
    }
    b->n = n;
    big_trim(b);
    return r;
}

/* b = floor(b / d); returns b mod d. */
static uint32_t big_div_small(big *b, uint32_t d)
{
    uint64_t rem = 0;
    for (size_t i = b->n; i-- > 0;) {
        uint64_t cur = (rem << 32) | b->w[i];
        b->w[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    big_trim(b);
    return (uint32_t)rem;
}

/* The class of r / d cut off (d an even power of ten), with `sticky` for
 * anything cut off below it. */
static rest rest_of_u64(uint64_t r, uint64_t d, bool sticky)
{
    uint64_t half = d / 2;
    if (r > half || (r == half && sticky)) {
        return REST_ABOVE;
    }
    if (r == half) {
        return REST_HALF;
    }
    return (r != 0 || sticky) ? REST_BELOW : REST_ZERO;
}

static rest rest_of(uint32_t r, uint32_t d, bool sticky)
{
    return rest_of_u64(r, d, sticky);
}

static const uint32_t pow10_u32[10] = {1u,      10u,      100u,      1000u,      10000u,
                                       100000u, 1000000u, 10000000u, 100000000u, 1000000000u};

/* b = floor(M · 2^f · 10^t); returns what was cut off. */
static rest scaled(big *b, uint64_t m, int f, int t)
{
    big_set(b, m);
    if (t >= 0) {
        big_mul_pow5(b, t);
        if (f + t >= 0) {
            big_shl(b, f + t);
            return REST_ZERO;
        }
        return big_shr(b, -(f + t));
    }
    rest fraction = REST_ZERO;
    if (f >= 0) {
        big_shl(b, f);
    } else {
        fraction = big_shr(b, -f);
    }
    /* Divide by 10^-t, the lowest digits first: the last remainder is the
     * most significant part cut off, the others only tell whether it was
     * exact. */
    int u = -t;
    bool sticky = fraction != REST_ZERO;
    uint32_t r = 0;
    uint32_t d = 1;
    if (u % 9 != 0) {
        d = pow10_u32[u % 9];
        r = big_div_small(b, d);
    }
    for (int i = 0; i < u / 9; ++i) {
        sticky = sticky || r != 0;
        d = 1000000000u;
        r = big_div_small(b, d);
    }
    return rest_of(r, d, sticky);
}

/* The decimal digits of b, most significant first, none for zero (at most
 * 386 for 1280 bits); returns their count. */
static size_t big_digits(big *b, char *out)
{
    uint32_t chunks[(BIG_WORDS * 32) / 29 + 1] = {0};
    size_t n = 0;
    while (b->n > 0) { /* big_div_small with a constant divisor: no division instruction */
        uint64_t rem = 0;
        for (size_t i = b->n; i-- > 0;) {
            uint64_t cur = (rem << 32) | b->w[i];
            b->w[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        big_trim(b);
        chunks[n++] = (uint32_t)rem;
    }
    size_t len = 0;
    for (size_t i = n; i-- > 0;) {
        char tmp[9];
        uint32_t v = chunks[i];
        for (int k = 8; k >= 0; --k) {
            tmp[k] = (char)('0' + v % 10u);
            v /= 10u;
        }
        size_t skip = 0;
        if (i == n - 1) {
            while (skip < 8 && tmp[skip] == '0') {
                skip++;
            }
        }
        memcpy(out + len, tmp + skip, 9 - skip);
        len += 9 - skip;
    }
    return len;
}

/* Rounds the digits half to even given what was cut off; returns whether a
 * carry made them one longer ("999" becomes "1000"). */
static bool round_digits(char *d, size_t *n, rest r)
{
    bool odd = *n > 0 && ((d[*n - 1] - '0') & 1) != 0;
    if (!(r == REST_ABOVE || (r == REST_HALF && odd))) {
        return false;
    }
    for (size_t i = *n; i-- > 0;) {
        if (d[i] != '9') {
            d[i]++;
            return false;
        }
        d[i] = '0';
    }
    memmove(d + 1, d, *n);
    d[0] = '1';
    (*n)++;
    return true;
}

/* ---- the parts of a double ------------------------------------------------ */

typedef struct parts {
    bool negative;
    bool nan;
    bool inf;
    uint64_t m;   /* x = m · 2^e; m = 0 for zero */
    int e;
    bool even;    /* the significand is even (strtod's ties go to it) */
    bool lower_closer; /* a power of two: the double below is half as far */
} parts;

static parts split(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    parts p;
    p.negative = (bits >> 63) != 0;
    int biased = (int)((bits >> 52) & 0x7FFu);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1u);
    p.nan = biased == 0x7FF && frac != 0;
    p.inf = biased == 0x7FF && frac == 0;
    p.even = (frac & 1u) == 0;
    p.lower_closer = frac == 0 && biased > 1;
    if (biased == 0) {
        p.m = frac;
        p.e = -1074;
    } else {
        p.m = frac | (UINT64_C(1) << 52);
        p.e = biased - 1075;
    }
    return p;
}

static int bit_length(uint64_t v)
{
    int n = 0;
    while (v != 0) {
        n++;
        v >>= 1;
    }
    return n;
}

/* floor(n · log10(2)) for |n| <= 1650 (78913 / 2^18 is close enough). */
static int floor_log10_pow2(int n)
{
    if (n >= 0) {
        return (int)(((uint32_t)n * 78913u) >> 18);
    }
    return -(int)((((uint32_t)-n * 78913u) >> 18) + 1u);
}

/* The first `digits` significant digits of m · 2^e (m > 0), cut off, what
 * was cut off, and the decimal exponent of the first digit. */
static size_t significant(uint64_t m, int e, int digits, char *out, rest *r, int *exp10)
{
    int k = floor_log10_pow2(e + bit_length(m) - 1); /* k <= exponent <= k + 1 */
    big b;
    *r = scaled(&b, m, e, digits - 1 - k);
    size_t n = big_digits(&b, out);
    *exp10 = k;
    if (n > (size_t)digits) { /* the exponent is k + 1: cut one more digit */
        int last = out[n - 1] - '0';
        n--;
        *r = rest_of((uint32_t)last, 10u, *r != REST_ZERO);
        *exp10 = k + 1;
    }
    return n;
}

/* ---- writing ----------------------------------------------------------- */

typedef struct text {
    char s[FPL_NUMBER_MAX];
    size_t n;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (n > sizeof t->s - 1 - t->n) {
        n = sizeof t->s - 1 - t->n;
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
}

static void puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void putc_(text *t, char c)
{
    put(t, &c, 1);
}

/* Digits with a ',' between groups of three. */
static void put_grouped(text *t, const char *digits, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) {
            putc_(t, ',');
        }
        putc_(t, digits[i]);
    }
}

static size_t finish(const text *t, char *out, size_t capacity)
{
    if (capacity > 0 && out != NULL) { /* NULL: only the length, as with capacity 0 */
        size_t n = t->n < capacity - 1 ? t->n : capacity - 1;
        memcpy(out, t->s, n);
        out[n] = '\0';
    }
    return t->n;
}

static int clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > FPL_FORMAT_DECIMALS_MAX ? FPL_FORMAT_DECIMALS_MAX : decimals;
}

/* Writes NaN or an infinity as glibc's printf; false for a finite number. */
static bool put_special(text *t, const parts *p)
{
    if (!p->nan && !p->inf) {
        return false;
    }
    puts_(t, p->negative ? "-" : "");
    puts_(t, p->nan ? "nan" : "inf");
    return true;
}

/* "%.*f", with separators when `group`. */
static void put_fixed(text *t, double x, int decimals, bool group)
{
    parts p = split(x);
    if (put_special(t, &p)) {
        return;
    }
    char d[FPL_NUMBER_MAX];
    size_t n = 0;
    if (p.m != 0) {
        big b;
        rest r = scaled(&b, p.m, p.e, decimals);
        n = big_digits(&b, d);
        round_digits(d, &n, r);
    }
    size_t dec = (size_t)decimals;
    if (p.negative) {
        putc_(t, '-');
    }
    if (n <= dec) {
        putc_(t, '0');
    } else if (group) {
        put_grouped(t, d, n - dec);
    } else {
        put(t, d, n - dec);
    }
    if (dec > 0) {
        putc_(t, '.');
        for (size_t i = n; i < dec; ++i) {
            putc_(t, '0');
        }
        if (n <= dec) {
            put(t, d, n);
        } else {
            put(t, d + n - dec, dec);
        }
    }
}

/* "e+05", "e-300": the exponent with at least `width` digits. */
static void put_exp10(text *t, int exp10, int width)
{
    putc_(t, 'e');
    putc_(t, exp10 < 0 ? '-' : '+');
    unsigned v = (unsigned)(exp10 < 0 ? -exp10 : exp10);
    char tmp[8];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    while (n < width) {
        tmp[n++] = '0';
    }
    while (n > 0) {
        putc_(t, tmp[--n]);
    }
}

/* "%.*e" */
static void put_exponent(text *t, double x, int decimals)
{
    parts p = split(x);
    if (put_special(t, &p)) {
        return;
    }
    if (p.negative) {
        putc_(t, '-');
    }
    char d[FPL_NUMBER_MAX] = {0};
    int exp10 = 0;
    size_t n;
    if (p.m == 0) {
        n = (size_t)decimals + 1;
        memset(d, '0', n);
    } else {
        rest r;
        n = significant(p.m, p.e, decimals + 1, d, &r, &exp10);
        if (round_digits(d, &n, r)) {
            n--; /* "1000" for 999.5: one digit fewer, a power of ten more */
            exp10++;
        }
    }
    putc_(t, d[0]);
    if (n > 1) {
        putc_(t, '.');
        put(t, d + 1, n - 1);
    }
    put_exp10(t, exp10, 2);
}

/* ---- the shortest form that reads back ----------------------------------- */

static const uint64_t pow10_u64[19] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000),
    UINT64_C(100000), UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000),
    UINT64_C(1000000000), UINT64_C(10000000000), UINT64_C(100000000000),
    UINT64_C(1000000000000), UINT64_C(10000000000000), UINT64_C(100000000000000),
    UINT64_C(1000000000000000), UINT64_C(10000000000000000),
    UINT64_C(100000000000000000), UINT64_C(1000000000000000000)};

/* A big integer below 2^64 as a uint64_t. */
static uint64_t big_u64(const big *b)
{
    uint64_t v = 0;
    for (size_t i = b->n; i-- > 0;) {
        v = (v << 32) | b->w[i];
    }
    return v;
}

/* The decimal that "%.*e" gives at the fewest precisions 1..17 for which
 * strtod reads back the same double: its digits (trailing zeros dropped) and
 * the exponent of the first. m > 0. */
static size_t shortest(const parts *p, char *out, int *exp10)
{
    /* 17 significant digits cut off: f = floor(|x| · 10^t) */
    char d[FPL_NUMBER_MAX];
    rest r;
    int e10;
    size_t n = significant(p->m, p->e, 17, d, &r, &e10);
    uint64_t f = 0;
    for (size_t i = 0; i < n; ++i) {
        f = f * 10u + (uint64_t)(d[i] - '0');
    }
    const int t = 16 - e10;
    /* The midpoints to the neighbouring doubles at the same scale; strtod
     * rounds a decimal between them to x, and one on them to the even of
     * the two. Above DBL_MAX the neighbour is 2^1024, read as infinity. */
    big b;
    uint64_t lo_m = p->lower_closer ? 4u * p->m - 1u : 2u * p->m - 1u;
    int lo_e = p->lower_closer ? p->e - 2 : p->e - 1;
    rest lo_r = scaled(&b, lo_m, lo_e, t);
    uint64_t lo = big_u64(&b);
    rest hi_r = scaled(&b, 2u * p->m + 1u, p->e - 1, t);
    uint64_t hi = big_u64(&b);
    for (int digits = 1; digits <= 17; ++digits) {
        uint64_t unit = pow10_u64[17 - digits];
        uint64_t q = f / unit;
        rest qr = digits == 17 ? r : rest_of_u64(f % unit, unit, r != REST_ZERO);
        if (qr == REST_ABOVE || (qr == REST_HALF && (q & 1u) != 0)) {
            q++;
        }
        uint64_t c = q * unit; /* the candidate at the scale of f */
        bool above_lo = c > lo || (c == lo && lo_r == REST_ZERO && p->even);
        bool below_hi = c < hi || (c == hi && (hi_r != REST_ZERO || p->even));
        if (above_lo && below_hi) {
            int e = e10;
            if (q == pow10_u64[digits]) { /* 9.99 became 10.0 */
                q = 1;
                e++;
            }
            char tmp[20];
            size_t k = 0;
            do {
                tmp[k++] = (char)('0' + q % 10u);
                q /= 10u;
            } while (q != 0);
            size_t len = 0;
            while (k > 0) {
                out[len++] = tmp[--k];
            }
            while (len > 1 && out[len - 1] == '0') {
                len--;
            }
            *exp10 = e;
            return len;
        }
    }
    /* Unreachable: 17 significant digits always read back. */
    out[0] = '0';
    *exp10 = 0;
    return 1;
}

static void put_json(text *t, double x)
{
    parts p = split(x);
    if (p.nan || p.inf) {
        puts_(t, "null");
        return;
    }
    if (p.negative) {
        putc_(t, '-');
    }
    char d[24];
    int e = 0;
    size_t nd = 1;
    if (p.m == 0) {
        d[0] = '0';
    } else {
        nd = shortest(&p, d, &e);
    }
    const int n = (int)nd;
    if (e >= -7 && e < 21) {
        if (e >= n - 1) {
            put(t, d, nd);
            for (int i = 0; i < e - (n - 1); ++i) {
                putc_(t, '0');
            }
        } else if (e >= 0) {
            put(t, d, (size_t)e + 1);
            putc_(t, '.');
            put(t, d + e + 1, nd - (size_t)e - 1);
        } else {
            puts_(t, "0.");
            for (int i = 0; i < -e - 1; ++i) {
                putc_(t, '0');
            }
            put(t, d, nd);
        }
    } else {
        putc_(t, d[0]);
        if (nd > 1) {
            putc_(t, '.');
            put(t, d + 1, nd - 1);
        }
        put_exp10(t, e, 1);
    }
}

/* ---- the styles ----------------------------------------------------------- */

static bool text_is(const text *t, const char *s)
{
    size_t n = strlen(s);
    return t->n == n && memcmp(t->s, s, n) == 0;
}

static bool ends_with(const text *t, const char *s)
{
    size_t n = strlen(s);
    return t->n >= n && memcmp(t->s + t->n - n, s, n) == 0;
}

static void put_count(text *t, uint64_t v)
{
    char tmp[20];
    size_t k = 0;
    do {
        tmp[19 - k++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    put_grouped(t, tmp + 20 - k, k);
}

/* The bound of every display style: a finite value of 1e21 or more in
 * magnitude is written as JSON writes it, in exponent form (1e+300,
 * -2.5e+21), never as hundreds of digits. */
static bool is_huge(double x)
{
    return (x >= 1e21 && x <= DBL_MAX) || (x <= -1e21 && x >= -DBL_MAX);
}

/* Two decimals, separators, "-0.00" as "0.00", "nan", "inf", "-inf"; a huge
 * value in exponent form. */
static void put_fixed2(text *t, double x)
{
    parts p = split(x);
    if (p.nan) {
        puts_(t, "nan");
        return;
    }
    if (is_huge(x)) {
        put_json(t, x);
        return;
    }
    size_t start = t->n;
    put_fixed(t, x, 2, true);
    if (p.negative && !p.inf) {
        bool zero = true;
        for (size_t i = start + 1; i < t->n; ++i) {
            zero = zero && (t->s[i] == '0' || t->s[i] == '.');
        }
        if (zero) { /* -0.00 reads better as 0.00 */
            memmove(t->s + start, t->s + start + 1, t->n - start - 1);
            t->n--;
        }
    }
}

static void put_trimmed(text *t, double x)
{
    size_t start = t->n;
    put_fixed2(t, x);
    if (memchr(t->s + start, '.', t->n - start) != NULL && !is_huge(x)) {
        while (t->s[t->n - 1] == '0') {
            t->n--;
        }
        if (t->s[t->n - 1] == '.') {
            t->n--;
        }
    }
}

/* trimmed, with '+' before a positive value that does not show as "0" */
static void put_signed(text *t, double x, const char *suffix)
{
    text num = {{0}, 0};
    put_trimmed(&num, x);
    if (x > 0.0 && !text_is(&num, "0")) {
        putc_(t, '+');
    }
    put(t, num.s, num.n);
    puts_(t, suffix);
}

/* One decimal without separators, ".0" dropped. */
static void put_tenths(text *t, double x)
{
    if (is_huge(x)) {
        put_json(t, x);
        return;
    }
    put_fixed(t, x, 1, false);
    if (t->n > 2 && ends_with(t, ".0")) {
        t->n -= 2;
    }
}

static void format_style(text *t, double x, fpl_number_style style)
{
    switch (style) {
    case FPL_NUMBER_JSON:
        put_json(t, x);
        return;
    case FPL_NUMBER_FIXED2:
        put_fixed2(t, x);
        return;
    case FPL_NUMBER_AMOUNT:
        put_fixed2(t, x);
        if (t->n > 3 && ends_with(t, ".00")) {
            t->n -= 3;
        }
        return;
    case FPL_NUMBER_TRIMMED:
        put_trimmed(t, x);
        return;
    case FPL_NUMBER_SIGNED:
        put_signed(t, x, "");
        return;
    case FPL_NUMBER_WHOLE:
        /* the cast truncates, so a fraction comes back smaller */
        if (x >= 0.0 && x <= FPL_WHOLE_MAX && !((double)(uint64_t)x < x)) {
            put_count(t, (uint64_t)x);
        } else {
            put_fixed2(t, x);
        }
        return;
    case FPL_NUMBER_PERCENT:
        if (is_huge(x * 100.0)) {
            put_json(t, x * 100.0);
            putc_(t, '%');
            return;
        }
        put_fixed(t, x * 100.0, 4, false);
        while (t->n > 0 && t->s[t->n - 1] == '0') {
            t->n--;
        }
        if (t->n > 0 && t->s[t->n - 1] == '.') {
            t->n--;
        }
        if (text_is(t, "0") && x > 0.0) {
            t->n = 0;
            puts_(t, "<0.0001%"); /* too small for four decimals, yet not zero */
            return;
        }
        putc_(t, '%');
        return;
    case FPL_NUMBER_CHANCE:
        if (is_huge(x * 100.0)) { /* no chance is, but the bound holds for any double */
            put_json(t, x * 100.0);
            putc_(t, '%');
            return;
        }
        put_fixed(t, x * 100.0, 1, false);
        if (text_is(t, "0.0") && x > 0.0) {
            t->n = 0;
            puts_(t, "<0.1%");
        } else if (text_is(t, "100.0") && x < 1.0) {
            t->n = 0;
            puts_(t, ">99.9%");
        } else {
            putc_(t, '%');
        }
        return;
    case FPL_NUMBER_RELATIVE:
        put_signed(t, x * 100.0, "%");
        return;
    case FPL_NUMBER_TENTHS:
        put_tenths(t, x);
        if (text_is(t, "0") && x > 0.0) {
            t->n = 0;
            puts_(t, "<0.1");
        }
        return;
    case FPL_NUMBER_COORDINATE:
        put_tenths(t, x);
        if (text_is(t, "-0")) {
            t->n = 0;
            putc_(t, '0');
        }
        return;
    }
}

/* ---- the API ------------------------------------------------------------ */

size_t fpl_format_number(double x, fpl_number_style style, char *out, size_t capacity)
{
    text t;
    t.n = 0;
    format_style(&t, x, style);
    return finish(&t, out, capacity);
}

size_t fpl_format_count(uint64_t n, char *out, size_t capacity)
{
    text t;
    t.n = 0;
    put_count(&t, n);
    return finish(&t, out, capacity);
}

size_t fpl_format_fixed(double x, int decimals, bool group, char *out, size_t capacity)
{
    text t;
    t.n = 0;
    put_fixed(&t, x, clamp_decimals(decimals), group);
    return finish(&t, out, capacity);
}

size_t fpl_format_exponent(double x, int decimals, char *out, size_t capacity)
{
    text t;
    t.n = 0;
    put_exponent(&t, x, clamp_decimals(decimals));
    return finish(&t, out, capacity);
}

/* rational.c — exact fraction arithmetic: the 64-bit fast path, handing
 * over to rational_big.c when an operand is big or a result does not fit.
 * See rational.h for why scores are fractions rather than doubles. */
#include "rational.h"

#include "rational_big.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Binary gcd: shifts and subtractions, no division (a 64-bit division is
 * tens of cycles, a 128-bit one a library call), and the smaller of the
 * two chosen without a branch (which way it goes is a coin toss). */
static inline uint64_t gcd64(uint64_t a, uint64_t b)
{
    if (a == 0) return b;
    if (b == 0) return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        uint64_t lo = a < b ? a : b, hi = a < b ? b : a;
        a = lo;
        b = hi - lo;
    } while (b != 0);
    return a << shift;
}

/* |v| of a value that is not INT64_MIN. */
static inline uint64_t mag64(int64_t v) { return v < 0 ? (uint64_t)-v : (uint64_t)v; }

static wide_t wgcd(wide_t a, wide_t b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    if (a <= (wide_t)UINT64_MAX && b <= (wide_t)UINT64_MAX) return (wide_t)gcd64((uint64_t)a, (uint64_t)b);
    while (b != 0) {
        wide_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Reduce a wide fraction and narrow it to 64 bits, or flag overflow. */
static rat_t narrow(wide_t num, wide_t den, bool *overflow)
{
    rat_t r = {0, 1};
    if (den == 0) {
        *overflow = true;
        return r;
    }
    if (den < 0) {
        num = -num;
        den = -den;
    }
    if (num >= -(wide_t)INT64_MAX && num <= INT64_MAX && den <= INT64_MAX) {
        /* within 64 bits: reduced with 64-bit operations */
        int64_t n = (int64_t)num, d = (int64_t)den;
        if (d != 1) {
            int64_t g = (int64_t)gcd64(mag64(n), (uint64_t)d);
            if (g > 1) {
                n /= g;
                d /= g;
            }
        }
        r.num = n;
        r.den = d;
        return r;
    }
    wide_t g = den == 1 ? 1 : wgcd(num, den); /* whole numbers are the common case */
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (__builtin_expect(num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX, 0))
        return big_from_wide(num, den, overflow);
    r.num = (int64_t)num;
    r.den = (int64_t)den;
    return r;
}

rat_t rat_make(int64_t num, int64_t den, bool *overflow)
{
    return narrow(num, den, overflow);
}

#define ANY_BIG(a, b) __builtin_expect(((a).den == 0) | ((b).den == 0), 0)
/* Operands the 64-bit paths below take: small, and neither numerator
 * INT64_MIN (whose magnitude has no int64_t; the canonical form never
 * holds it, but rat_int can make one). */
#define BOTH_FAST(a, b) __builtin_expect((((a).den != 0) & ((b).den != 0) & \
                                          ((a).num != INT64_MIN) & ((b).num != INT64_MIN)), 1)

/* The canonical small form holds |num| <= INT64_MAX: INT64_MIN is not one. */
static inline bool fits(int64_t num) { return num != INT64_MIN; }

/* The sum by 128-bit products: the general path. */
static rat_t add_wide(rat_t a, rat_t b, bool *overflow)
{
    if (a.den == b.den)
        return narrow((wide_t)a.num + b.num, a.den, overflow);
    return narrow((wide_t)a.num * b.den + (wide_t)b.num * a.den,
                  (wide_t)a.den * b.den, overflow);
}

rat_t rat_add(rat_t a, rat_t b, bool *overflow)
{
    if (a.den == 1 && b.den == 1) {
        int64_t r;
        if (__builtin_add_overflow(a.num, b.num, &r) || r == INT64_MIN)
            return big_from_wide((wide_t)a.num + b.num, 1, overflow);
        return rat_int(r);
    }
    if (ANY_BIG(a, b)) return big_add(a, b, overflow);
    if (!BOTH_FAST(a, b)) return add_wide(a, b, overflow);
    int64_t num, den;
    if (a.den == b.den) {
        /* (a + b) / d: one gcd with d */
        if (__builtin_add_overflow(a.num, b.num, &num) || !fits(num)) return add_wide(a, b, overflow);
        if (num == 0) return rat_int(0);
        uint64_t g = gcd64(mag64(num), (uint64_t)a.den);
        rat_t r = {num / (int64_t)g, a.den / (int64_t)g};
        return r;
    }
    /* Knuth's way (TAOCP 4.5.1): with g = gcd(a.den, b.den), the sum is
     * t / (a.den/g · b.den) where t = a.num·(b.den/g) + b.num·(a.den/g),
     * and only gcd(t, g) can be common to both. With g = 1 it is reduced
     * as it stands. Every product checked; any overflow takes the wide path. */
    int64_t g = (int64_t)gcd64((uint64_t)a.den, (uint64_t)b.den);
    int64_t da = a.den / g, db = b.den / g, x, y;
    if (__builtin_mul_overflow(a.num, db, &x) || __builtin_mul_overflow(b.num, da, &y) ||
        __builtin_add_overflow(x, y, &num) || !fits(num))
        return add_wide(a, b, overflow);
    if (num == 0) return rat_int(0);
    int64_t g2 = g == 1 ? 1 : (int64_t)gcd64(mag64(num), (uint64_t)g);
    if (__builtin_mul_overflow(da, b.den / g2, &den)) return add_wide(a, b, overflow);
    rat_t r = {num / g2, den};
    return r;
}

rat_t rat_neg(rat_t a, bool *overflow)
{
    if (__builtin_expect(a.den == 0, 0)) return big_neg(a, overflow);
    if (fits(a.num)) { /* a reduced fraction stays reduced */
        rat_t r = {-a.num, a.den};
        return r;
    }
    return narrow(-(wide_t)a.num, a.den, overflow);
}

rat_t rat_sub(rat_t a, rat_t b, bool *overflow)
{
    if (ANY_BIG(a, b)) return big_sub(a, b, overflow);
    return rat_add(a, rat_neg(b, overflow), overflow);
}

/* The product of two reduced fractions, cross-reduced first: with
 * g1 = gcd(an, bd) and g2 = gcd(bn, ad) divided out, nothing is left
 * in common, so the product needs no further gcd. */
static rat_t mul_fast(int64_t an, int64_t ad, int64_t bn, int64_t bd, bool *overflow)
{
    if (an == 0 || bn == 0) return rat_int(0);
    int64_t g1 = (int64_t)gcd64(mag64(an), (uint64_t)bd), g2 = (int64_t)gcd64(mag64(bn), (uint64_t)ad);
    if (g1 > 1) {
        an /= g1;
        bd /= g1;
    }
    if (g2 > 1) {
        bn /= g2;
        ad /= g2;
    }
    int64_t num, den;
    if (__builtin_mul_overflow(an, bn, &num) || !fits(num) || __builtin_mul_overflow(ad, bd, &den))
        return narrow((wide_t)an * bn, (wide_t)ad * bd, overflow); /* reduced: it becomes big */
    rat_t r = {num, den};
    return r;
}

rat_t rat_mul(rat_t a, rat_t b, bool *overflow)
{
    if (ANY_BIG(a, b)) return big_mul(a, b, overflow);
    if (BOTH_FAST(a, b)) return mul_fast(a.num, a.den, b.num, b.den, overflow);
    /* Cross-reduce first so that products of reduced fractions stay small. */
    wide_t g1 = wgcd(a.num, b.den), g2 = wgcd(b.num, a.den);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    return narrow(((wide_t)a.num / g1) * ((wide_t)b.num / g2),
                  ((wide_t)a.den / g2) * ((wide_t)b.den / g1), overflow);
}

rat_t rat_div(rat_t a, rat_t b, bool *overflow)
{
    if (b.num == 0) {
        *overflow = true;
        return rat_int(0);
    }
    if (ANY_BIG(a, b)) return big_div(a, b, overflow);
    if (BOTH_FAST(a, b)) /* a × (1/b), the sign of b moved to its denominator's place */
        return mul_fast(a.num, a.den, b.num < 0 ? -b.den : b.den, (int64_t)mag64(b.num), overflow);
    return narrow((wide_t)a.num * b.den, (wide_t)a.den * b.num, overflow);
}

int rat_cmp_slow(rat_t a, rat_t b)
{
    if (ANY_BIG(a, b)) return big_cmp(a, b);
    int64_t l, r;
    if (!__builtin_mul_overflow(a.num, b.den, &l) && !__builtin_mul_overflow(b.num, a.den, &r))
        return (l > r) - (l < r);
    wide_t wl = (wide_t)a.num * b.den, wr = (wide_t)b.num * a.den;
    return (wl > wr) - (wl < wr);
}

rat_t rat_min(rat_t a, rat_t b) { return rat_cmp(a, b) <= 0 ? a : b; }
rat_t rat_max(rat_t a, rat_t b) { return rat_cmp(a, b) >= 0 ? a : b; }

static const int64_t pow10_table[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
    1000000000, 10000000000, 100000000000, 1000000000000,
};

rat_t rat_round(rat_t a, int digits, bool *overflow)
{
    if (digits < 0) digits = 0;
    if (digits > 12) digits = 12;
    if (__builtin_expect(a.den == 0, 0)) return big_round(a, digits, overflow);
    int64_t scaled64;
    if (!__builtin_mul_overflow(a.num, pow10_table[digits], &scaled64)) { /* in 64 bits */
        int64_t q = scaled64 / a.den, rem = scaled64 % a.den;
        if (rem < 0) rem = -rem;
        if (rem >= a.den - rem) q += (scaled64 < 0) ? -1 : 1; /* 2·rem >= den, without overflow */
        return narrow(q, pow10_table[digits], overflow);
    }
    wide_t scale = pow10_table[digits];
    wide_t scaled = (wide_t)a.num * scale; /* exact: |num| < 2^63, scale < 2^40 */
    wide_t q = scaled / a.den, rem = scaled % a.den;
    if (rem < 0) rem = -rem;
    if (2 * rem >= a.den) q += (scaled < 0) ? -1 : 1;
    return narrow(q, scale, overflow);
}

bool rat_parse(const char *text, size_t len, rat_t *out)
{
    if (len > 0 && len <= 18) { /* digits with at most one point, as most numbers are: in 64 bits */
        int64_t v = 0, den = 1;
        size_t i = 0, ndig = 0;
        bool point = false;
        for (; i < len; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                ndig++;
                if (point) den *= 10;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (i == len && ndig > 0) {
            bool overflow = false;
            *out = den == 1 ? rat_int(v) : rat_make(v, den, &overflow);
            return true;
        }
    }
    /* The value is ±digits × 10^exp10; digits holds the significant
     * digits only (no leading zeros, trailing zeros moved to exp10). */
    char digits[RAT_MAX_DIGITS];
    size_t ndigits = 0, written = 0;
    long exp10 = 0;
    bool neg = false, frac = false;
    size_t i = 0;
    if (i < len && (text[i] == '-' || text[i] == '+')) {
        neg = text[i] == '-';
        i++;
    }
    for (; i < len; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            if (++written > RAT_MAX_DIGITS) return false;
            if (frac) exp10--;
            if (c != '0' || ndigits > 0) digits[ndigits++] = c;
        } else if (c == '_') {
            continue;
        } else if ((c == '.' || c == ',') && !frac) {
            frac = true;
        } else if (c == 'e' || c == 'E') {
            break;
        } else {
            return false;
        }
    }
    if (written == 0) return false;
    if (i < len) { /* exponent */
        i++;
        bool eneg = false;
        long e = 0;
        size_t edigits = 0;
        if (i < len && (text[i] == '-' || text[i] == '+')) eneg = text[i++] == '-';
        for (; i < len; i++) {
            if (text[i] < '0' || text[i] > '9') return false;
            e = e * 10 + (text[i] - '0');
            edigits++;
            if (e > RAT_MAX_EXPONENT) return false;
        }
        if (edigits == 0) return false;
        exp10 += eneg ? -e : e;
    }
    while (ndigits > 0 && digits[ndigits - 1] == '0') {
        ndigits--;
        exp10++;
    }
    if (ndigits == 0) {
        *out = rat_int(0);
        return true;
    }
    if (ndigits <= 19 && exp10 >= -36 && (long)ndigits + exp10 <= 38) { /* within 128 bits */
        wide_t num = 0, den = 1;
        for (size_t k = 0; k < ndigits; k++) num = num * 10 + (digits[k] - '0');
        for (long k = 0; k < (exp10 < 0 ? -exp10 : exp10); k++) {
            if (exp10 < 0) den *= 10;
            else num *= 10;
        }
        bool overflow = false;
        *out = narrow(neg ? -num : num, den, &overflow);
        return !overflow;
    }
    return big_parse(neg, digits, ndigits, exp10, out);
}

bool rat_from_double_digits(double d, rat_t *out, int *digits)
{
    if (!isfinite(d)) return false;
    /* The shortest of 15, 16, 17 significant digits that reads back to d:
     * 15 digits always suffice for decimals typed by people (0.1, 7.35). */
    char buf[64];
    int prec = 15;
    for (; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d) break;
    }
    if (digits) *digits = prec;
    return rat_parse(buf, strlen(buf), out);
}

bool rat_from_double(double d, rat_t *out) { return rat_from_double_digits(d, out, NULL); }

double rat_to_double(rat_t a)
{
    if (__builtin_expect(a.den == 0, 0)) return big_to_double(a);
    return (double)a.num / (double)a.den;
}

/* Writes the decimal digits of v (no sign) and returns the length. */
static size_t put_digits(unsigned long long v, char *out)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return n;
}

/* Copies text into buf as snprintf would: truncated, always terminated. */
static char *copy_out(const char *text, size_t len, char *buf, size_t size)
{
    if (size == 0) return buf;
    if (len >= size) len = size - 1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return buf;
}

/* No printf here: results of a whole province pass through this, and
 * formatting was a tenth of a batch's time with snprintf. */
/* The exact text from GMP when it fits buf, else 6 significant digits. */
static char *format_big(rat_t a, int digits, bool fixed, char *buf, size_t size)
{
    char *text = big_format(a, digits, fixed);
    size_t n = strlen(text);
    if (n < size) copy_out(text, n, buf, size);
    else snprintf(buf, size, "%.6g", rat_to_double(a));
    free(text);
    return buf;
}

static char *format_impl(rat_t a, int digits, bool fixed, char *buf, size_t size)
{
    char text[64];
    size_t n = 0;
    if (__builtin_expect(a.den == 0, 0))
        return format_big(a, digits < 0 ? 0 : digits > 12 ? 12 : digits, fixed, buf, size);
    if (a.den == 1 && !fixed) { /* whole numbers: the common case */
        unsigned long long mag = a.num < 0 ? (unsigned long long)(-(a.num + 1)) + 1 : (unsigned long long)a.num;
        if (a.num < 0) text[n++] = '-';
        n += put_digits(mag, text + n);
        return copy_out(text, n, buf, size);
    }
    if (digits < 0) digits = 0;
    if (digits > 12) digits = 12; /* as rat_round */
    /* q = |a| × 10^digits rounded half away from zero, as rat_round does;
     * in 64 bits when that fits (the 128-bit division is a slow call). */
    uint64_t scale = (uint64_t)pow10_table[digits], den = (uint64_t)a.den;
    uint64_t mag = a.num < 0 ? (uint64_t)(-(a.num + 1)) + 1 : (uint64_t)a.num;
    uint64_t q;
    if (mag <= UINT64_MAX / scale) {
        uint64_t scaled = mag * scale, rem = scaled % den;
        q = scaled / den + (rem >= den - rem); /* 2·rem >= den, without overflow */
    } else {
        unsigned __int128 scaled = (unsigned __int128)mag * scale, wq = scaled / den;
        uint64_t rem = (uint64_t)(scaled % den);
        wq += rem >= den - rem;
        if (wq > UINT64_MAX) return format_big(a, digits, fixed, buf, size);
        q = (uint64_t)wq;
    }
    unsigned long long ip = q / scale, fp = q % scale;
    if (a.num < 0 && q != 0) text[n++] = '-';
    n += put_digits(ip, text + n);
    if (digits > 0 && (fixed || fp != 0)) {
        text[n++] = '.';
        for (int k = digits - 1; k >= 0; k--) { /* fp with leading zeros, to `digits` places */
            text[n + (size_t)k] = (char)('0' + fp % 10);
            fp /= 10;
        }
        n += (size_t)digits;
        if (!fixed)
            while (text[n - 1] == '0') n--; /* fp != 0: a nonzero digit stops this */
    }
    return copy_out(text, n, buf, size);
}

char *rat_format(rat_t a, int digits, char *buf, size_t size)
{
    return format_impl(a, digits, false, buf, size);
}

char *rat_format_fixed(rat_t a, int digits, char *buf, size_t size)
{
    return format_impl(a, digits, true, buf, size);
}

char *rat_format_alloc(rat_t a, int digits)
{
    if (digits < 0) digits = 0;
    if (digits > 12) digits = 12;
    if (rat_is_big(a)) return big_format(a, digits, false);
    char buf[64]; /* a small number takes at most 34 */
    return xstrdup(format_impl(a, digits, false, buf, sizeof buf));
}

void rat_decimal_comma(char *text)
{
    for (; *text; text++)
        if (*text == '.') *text = ',';
}

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

static wide_t wgcd(wide_t a, wide_t b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    if (a <= (wide_t)UINT64_MAX && b <= (wide_t)UINT64_MAX) {
        /* Hardware division: 128-bit modulo is a slow library call. */
        uint64_t x = (uint64_t)a, y = (uint64_t)b;
        while (y != 0) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
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

rat_t rat_add(rat_t a, rat_t b, bool *overflow)
{
    if (a.den == 1 && b.den == 1) {
        int64_t r;
        if (__builtin_add_overflow(a.num, b.num, &r) || r == INT64_MIN)
            return big_from_wide((wide_t)a.num + b.num, 1, overflow);
        return rat_int(r);
    }
    if (ANY_BIG(a, b)) return big_add(a, b, overflow);
    if (a.den == b.den)
        return narrow((wide_t)a.num + b.num, a.den, overflow);
    return narrow((wide_t)a.num * b.den + (wide_t)b.num * a.den,
                  (wide_t)a.den * b.den, overflow);
}

rat_t rat_neg(rat_t a, bool *overflow)
{
    if (__builtin_expect(a.den == 0, 0)) return big_neg(a, overflow);
    return narrow(-(wide_t)a.num, a.den, overflow);
}

rat_t rat_sub(rat_t a, rat_t b, bool *overflow)
{
    if (ANY_BIG(a, b)) return big_sub(a, b, overflow);
    return rat_add(a, rat_neg(b, overflow), overflow);
}

rat_t rat_mul(rat_t a, rat_t b, bool *overflow)
{
    if (ANY_BIG(a, b)) return big_mul(a, b, overflow);
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
    return narrow((wide_t)a.num * b.den, (wide_t)a.den * b.num, overflow);
}

int rat_cmp(rat_t a, rat_t b)
{
    if (ANY_BIG(a, b)) return big_cmp(a, b);
    wide_t l = (wide_t)a.num * b.den, r = (wide_t)b.num * a.den;
    return (l > r) - (l < r);
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

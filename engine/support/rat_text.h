/* rat_text.h — a number as rat_format(v, 6, …) writes it, appended
 * straight to a buffer with the decimal mark a report asks for: a batch
 * writes five to thirty of these a unit (each criterion's points, the
 * totals of a CSV row). Whole numbers and fractions whose denominator
 * divides 10^6 (halves, quarters, fifths, hundredths: nearly all points)
 * are written here, two digits at a time and without a division by the
 * denominator; decimals of more than 6 places and any other fraction
 * with one 64-bit division; only numbers beyond that go through
 * rat_format. */
#ifndef CHISO_RAT_TEXT_H
#define CHISO_RAT_TEXT_H

#include "rational.h"
#include "xalloc.h"

#include <stdint.h>
#include <string.h>

/* The longest text rat_text_put writes (a sign, 20 digits, a mark, 6). */
enum { RAT_TEXT_MAX = 28 };

static const char rat_text_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                        "8081828384858687888990919293949596979899";

/* 10^6 / d for the denominators below 128 that divide 10^6, else 0: the
 * usual denominators are found without a division. */
static const uint32_t rat_text_scale[128] = {
    [1] = 1000000, [2] = 500000, [4] = 250000, [5] = 200000, [8] = 125000, [10] = 100000, [16] = 62500,
    [20] = 50000,  [25] = 40000, [32] = 31250, [40] = 25000, [50] = 20000, [64] = 15625,  [80] = 12500,
    [100] = 10000, [125] = 8000};

/* The decimal digits of v at out; returns their number (1 to 20). */
static inline size_t rat_text_uint(char *out, uint64_t v)
{
    if (v < 10) {
        out[0] = (char)('0' + v);
        return 1;
    }
    if (v < 100) {
        memcpy(out, rat_text_pairs + 2 * v, 2);
        return 2;
    }
    static const uint64_t pow10[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                       10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                       100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                       100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                       100000000000000000ULL, 1000000000000000000ULL,
                                       10000000000000000000ULL};
    /* digits: from the bits (an estimate one short at most), then one comparison */
    size_t n = (size_t)((64 - __builtin_clzll(v)) * 1233) >> 12;
    n += v >= pow10[n];
    char *at = out + n;
    while (v >= 100) {
        uint64_t q = v / 100;
        at -= 2;
        memcpy(at, rat_text_pairs + 2 * (v - 100 * q), 2);
        v = q;
    }
    if (v >= 10) memcpy(at - 2, rat_text_pairs + 2 * v, 2);
    else at[-1] = (char)('0' + v);
    return n;
}

/* v as rat_format(v, 6) writes it, `point` as the decimal mark, at out
 * (room for RAT_TEXT_MAX bytes); returns its length, or 0 for a number
 * beyond 64 bits or a fraction whose numerator times 10^6 does not fit 64
 * bits, unless its denominator is a multiple of 10^6 (the caller then
 * asks rat_format). */
static inline size_t rat_text_put(char *out, rat_t v, char point)
{
    uint64_t mag = v.num < 0 ? (uint64_t)(-(v.num + 1)) + 1 : (uint64_t)v.num;
    size_t n = 0;
    if (v.den == 1) {
        if (v.num < 0) out[n++] = '-';
        return n + rat_text_uint(out + n, mag);
    }
    /* q = |v| × 10^6, rounded half away from zero as rat_format rounds */
    uint64_t q, scale = 0;
    if (v.den > 0 && v.den <= 1000000)
        scale = v.den < 128 ? rat_text_scale[v.den] : 1000000u % (uint32_t)v.den == 0 ? 1000000u / (uint32_t)v.den : 0;
    if (scale && mag <= UINT64_MAX / 1000000) {
        q = mag * scale;
    } else if (v.den > 1000000 && v.den % 1000000 == 0) {
        /* a decimal of more than 6 places (2^a 5^b, a and b >= 6): a
         * division in 64 bits, where rat_format's product needs 128 */
        uint64_t d = (uint64_t)v.den / 1000000, rem;
        q = mag / d;
        rem = mag - q * d;
        q += rem >= d - rem; /* 2·rem >= d, without overflow */
    } else if (v.den > 0 && mag <= UINT64_MAX / 1000000) { /* thirds, sevenths: as rat_format divides */
        uint64_t scaled = mag * 1000000, d = (uint64_t)v.den, rem;
        q = scaled / d;
        rem = scaled - q * d;
        q += rem >= d - rem;
    } else {
        return 0;
    }
    uint64_t ip = q / 1000000;
    uint32_t fp = (uint32_t)(q - ip * 1000000);
    if (v.num < 0 && q) out[n++] = '-';
    n += rat_text_uint(out + n, ip);
    if (fp) { /* six digits in pairs, without the zeros at the end */
        out[n] = point;
        uint32_t hi = fp / 10000, lo = fp - hi * 10000, mid = lo / 100, last = lo - mid * 100;
        memcpy(out + n + 1, rat_text_pairs + 2 * hi, 2);
        memcpy(out + n + 3, rat_text_pairs + 2 * mid, 2);
        memcpy(out + n + 5, rat_text_pairs + 2 * last, 2);
        uint32_t end = last ? last : mid ? mid : hi; /* the last pair not 00 (fp != 0: there is one) */
        n += (last ? 7 : mid ? 5 : 3) - (end % 10 == 0);
    }
    return n;
}

/* Appends v with at most 6 decimals (rounded half away from zero,
 * trailing zeros dropped), `point` as the decimal mark. */
static inline void sb_add_rat6(strbuf_t *sb, rat_t v, char point)
{
    sb_reserve(sb, 48);
    size_t n = rat_text_put(sb->data + sb->len, v, point);
    if (n) {
        sb->len += n;
        sb->data[sb->len] = '\0';
        return;
    }
    char buf[48];
    rat_format(v, 6, buf, sizeof buf);
    size_t at = sb->len;
    sb_adds(sb, buf);
    if (point != '.')
        for (char *p = sb->data + at; *p; p++)
            if (*p == '.') *p = point;
}

#endif

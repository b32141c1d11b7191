/* rational.h — exact numbers for scores, thresholds and ratios.
 *
 * Every number chiso computes with is a fraction num/den, kept in lowest
 * terms. Decimal literals (0.1, 99,9%) and ratios of integer metrics
 * (49/50) are therefore exact: 49/50 meets ">= 98%" and ten 0.1 points add
 * up to exactly 1.
 *
 * The fast path is a fraction of 64-bit integers with 128-bit
 * intermediates. A result that does not fit there becomes a big fraction
 * (GMP), allocated in the arena the thread has named with rat_big_arena
 * (scoring names the result's own): rat_t then has den == 0 and `num`
 * holds a pointer to it. A number that fits 64 bits is always kept in the
 * fast form, so results are identical to the fast path wherever it fits
 * and the hot path only pays one test for den == 0. Without an arena (as
 * when rules are checked) such a result sets the overflow flag instead,
 * and the caller turns that into an error. */
#ifndef CHISO_RATIONAL_H
#define CHISO_RATIONAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef struct {
    int64_t num; /* a big number: its (const struct rat_big *) */
    int64_t den; /* > 0; 0 marks a big number */
} rat_t;

struct arena;

static inline rat_t rat_int(int64_t n) { rat_t r = {n, 1}; return r; }
rat_t rat_make(int64_t num, int64_t den, bool *overflow);

/* Where this thread's big numbers go from now on (NULL: nowhere; results
 * beyond 64 bits then overflow). Returns the arena named before. */
struct arena *rat_big_arena(struct arena *a);
static inline bool rat_is_big(rat_t a) { return a.den == 0; }
/* r itself, or, when it is big, a copy living in `a` (for what outlives
 * the arena it was made in). */
rat_t rat_keep(rat_t r, struct arena *a);
/* -1, 0 or 1. */
int rat_sign_big(rat_t a);
static inline int rat_sign(rat_t a) { return a.den != 0 ? (a.num > 0) - (a.num < 0) : rat_sign_big(a); }
/* The value as an int64_t, when it is a whole number that fits one. */
bool rat_to_int64(rat_t a, int64_t *out);

rat_t rat_add(rat_t a, rat_t b, bool *overflow);
rat_t rat_sub(rat_t a, rat_t b, bool *overflow);
rat_t rat_mul(rat_t a, rat_t b, bool *overflow);
/* b must be non-zero. */
rat_t rat_div(rat_t a, rat_t b, bool *overflow);
rat_t rat_neg(rat_t a, bool *overflow);
/* The comparison of any two numbers (by 64-bit products when they fit). */
int rat_cmp_slow(rat_t a, rat_t b);
/* -1, 0 or 1; two fractions of the same denominator (whole numbers, say)
 * are compared inline. */
static inline int rat_cmp(rat_t a, rat_t b)
{
    if (a.den == b.den && a.den != 0) return (a.num > b.num) - (a.num < b.num);
    return rat_cmp_slow(a, b);
}
static inline bool rat_is_zero(rat_t a) { return a.num == 0; } /* never big */
bool rat_big_is_int(rat_t a);
static inline bool rat_is_int(rat_t a) { return a.den == 1 || (a.den == 0 && rat_big_is_int(a)); }
rat_t rat_min(rat_t a, rat_t b);
rat_t rat_max(rat_t a, rat_t b);

/* Round to `digits` decimal places, halves away from zero (the way points
 * are rounded by hand). digits in 0..12. */
rat_t rat_round(rat_t a, int digits, bool *overflow);

/* Parse a decimal such as "12", "0.5", "1_000", "99,9" (comma as the decimal
 * mark), optionally with an exponent ("1e-3"). Returns false on bad syntax or
 * overflow. With a big arena, any number of at most RAT_MAX_DIGITS digits
 * and an exponent within ±RAT_MAX_EXPONENT is read exactly. */
#define RAT_MAX_DIGITS 1000
#define RAT_MAX_EXPONENT 1000
bool rat_parse(const char *text, size_t len, rat_t *out);

/* Exact value of a double as the shortest decimal that reads back to the
 * same double (0.1 -> 1/10). False when not finite or out of range. */
bool rat_from_double(double d, rat_t *out);
/* Same; *digits: the significant digits that took (15 to 17; more than
 * 15 means a decimal of more digits may have been rounded to d). */
bool rat_from_double_digits(double d, rat_t *out, int *digits);

double rat_to_double(rat_t a);

/* Decimal text with at most `digits` decimals after rounding, trailing zeros
 * dropped ("9.25", "92.5", "10"). buf should hold 48 bytes; a big number
 * whose digits do not fit in buf is written to 6 significant digits
 * instead ("1.23457e+40"), which rat_format_alloc never needs to do. */
char *rat_format(rat_t a, int digits, char *buf, size_t bufsize);
/* Same, but always exactly `digits` decimals ("9.25", "10.00"). */
char *rat_format_fixed(rat_t a, int digits, char *buf, size_t bufsize);

/* Like rat_format, the whole text however long (malloc'd). */
char *rat_format_alloc(rat_t a, int digits);

/* Writes the decimal mark the Vietnamese way: "9.25" becomes "9,25". */
void rat_decimal_comma(char *text);

#endif

/* rational.h — exact numbers for scores, thresholds and ratios.
 *
 * Every number chiso computes with is a fraction num/den of 64-bit integers,
 * kept in lowest terms with den > 0. Decimal literals (0.1, 99,9%) and ratios
 * of integer metrics (49/50) are therefore exact: 49/50 meets ">= 98%" and ten
 * 0.1 points add up to exactly 1. Intermediate products use 128-bit integers;
 * a result that does not fit in 64 bits sets the overflow flag instead of
 * wrapping, and the caller turns that into an error result. */
#ifndef CHISO_RATIONAL_H
#define CHISO_RATIONAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef struct {
    int64_t num;
    int64_t den; /* always > 0 */
} rat_t;

static inline rat_t rat_int(int64_t n) { rat_t r = {n, 1}; return r; }
rat_t rat_make(int64_t num, int64_t den, bool *overflow);

rat_t rat_add(rat_t a, rat_t b, bool *overflow);
rat_t rat_sub(rat_t a, rat_t b, bool *overflow);
rat_t rat_mul(rat_t a, rat_t b, bool *overflow);
/* b must be non-zero. */
rat_t rat_div(rat_t a, rat_t b, bool *overflow);
rat_t rat_neg(rat_t a, bool *overflow);
int rat_cmp(rat_t a, rat_t b);
static inline bool rat_is_zero(rat_t a) { return a.num == 0; }
static inline bool rat_is_int(rat_t a) { return a.den == 1; }
rat_t rat_min(rat_t a, rat_t b);
rat_t rat_max(rat_t a, rat_t b);

/* Round to `digits` decimal places, halves away from zero (the way points
 * are rounded by hand). digits in 0..12. */
rat_t rat_round(rat_t a, int digits, bool *overflow);

/* Parse a decimal such as "12", "0.5", "1_000", "99,9" (comma as the decimal
 * mark), optionally with an exponent ("1e-3"). Returns false on bad syntax or
 * overflow. */
bool rat_parse(const char *text, size_t len, rat_t *out);

/* Exact value of a double as the shortest decimal that reads back to the
 * same double (0.1 -> 1/10). False when not finite or out of range. */
bool rat_from_double(double d, rat_t *out);

double rat_to_double(rat_t a);

/* Decimal text with at most `digits` decimals after rounding, trailing zeros
 * dropped ("9.25", "92.5", "10"). buf should hold 48 bytes. */
char *rat_format(rat_t a, int digits, char *buf, size_t bufsize);
/* Same, but always exactly `digits` decimals ("9.25", "10.00"). */
char *rat_format_fixed(rat_t a, int digits, char *buf, size_t bufsize);

/* Writes the decimal mark the Vietnamese way: "9.25" becomes "9,25". */
void rat_decimal_comma(char *text);

#endif

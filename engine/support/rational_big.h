/* rational_big.h — the arbitrary-precision side of rational.c (GMP), called
 * only on its slow paths: when an operand is big, or a result does not fit
 * 64 bits. Every function returns a number in canonical form: small when
 * it fits, big (in this thread's big arena) otherwise; without an arena, or
 * beyond RAT_BIG_MAX_LIMBS, it sets *overflow. */
#ifndef CHISO_RATIONAL_BIG_H
#define CHISO_RATIONAL_BIG_H

#include "rational.h"

typedef __int128 wide_t;

/* About 600 000 decimal digits: far beyond any real computation, and a
 * bound on what a hostile formula can make a unit allocate. */
#define RAT_BIG_MAX_LIMBS 32768

/* num/den in lowest terms, den > 0, not fitting 64 bits. */
rat_t big_from_wide(wide_t num, wide_t den, bool *overflow);
rat_t big_add(rat_t a, rat_t b, bool *overflow);
rat_t big_sub(rat_t a, rat_t b, bool *overflow);
rat_t big_mul(rat_t a, rat_t b, bool *overflow);
rat_t big_div(rat_t a, rat_t b, bool *overflow); /* b != 0 */
rat_t big_neg(rat_t a, bool *overflow);
int big_cmp(rat_t a, rat_t b);
rat_t big_round(rat_t a, int digits, bool *overflow);
/* ±(the decimal digits `digits`) × 10^exp10, exactly. */
bool big_parse(bool neg, const char *digits, size_t ndigits, long exp10, rat_t *out);
/* As rat_format; malloc'd. */
char *big_format(rat_t a, int digits, bool fixed);
double big_to_double(rat_t a);

#endif

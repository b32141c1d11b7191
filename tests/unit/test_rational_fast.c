/* test_rational_fast.c — the 64-bit paths of exact arithmetic
 * (engine/support/rational.c): sums of equal denominators with one gcd,
 * Knuth's sum of different ones, cross-reduced products and quotients,
 * comparisons by 64-bit products, negation and rounding without a gcd or a
 * 128-bit division. Each case was worked out by hand (and checked with
 * Python's fractions.Fraction, written next to it); the edges are where
 * a 64-bit product or sum overflows and the slow path must take over,
 * giving the same reduced fraction, or a big number when the result does
 * not fit. A seeded sweep then compares every operation with GMP. */
#include "support.h"

#include "engine/support/arena.h"
#include "engine/support/rational.h"

#include <gmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define M INT64_MAX /* 9223372036854775807 = 7 · 73 · 127 · 337 · 92737 · 649657 */

static arena_t bigs;
static arena_t *outer;

static int setup(void **state)
{
    (void)state;
    arena_init(&bigs);
    outer = rat_big_arena(&bigs);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rat_big_arena(outer);
    arena_free(&bigs);
    return 0;
}

static rat_t q(int64_t num, int64_t den)
{
    bool of = false;
    rat_t r = rat_make(num, den, &of);
    assert_false(of);
    return r;
}

static void is(rat_t r, int64_t num, int64_t den)
{
    assert_false(rat_is_big(r));
    assert_true(r.num == num);
    assert_true(r.den == den);
}

/* The exact text of a (big) result, with 6 decimals at most. */
static void text_is(rat_t r, const char *want)
{
    char *t = rat_format_alloc(r, 6);
    assert_string_equal(t, want);
    free(t);
}

static void sums(void **s)
{
    (void)s;
    bool of = false;
    /* equal denominators: one gcd with the denominator */
    is(rat_add(q(1, 4), q(1, 4), &of), 1, 2);
    is(rat_add(q(3, 10), q(7, 10), &of), 1, 1);
    is(rat_add(q(5, 12), q(1, 12), &of), 1, 2);
    is(rat_add(q(1, 2), q(-1, 2), &of), 0, 1);
    /* coprime denominators: reduced as it stands */
    is(rat_add(q(1, 2), q(1, 3), &of), 5, 6);
    /* gcd(6, 3) = 3: t = 1·1 + 1·2 = 3, gcd(t, 3) = 3 */
    is(rat_add(q(1, 6), q(1, 3), &of), 1, 2);
    is(rat_add(q(3, 10), q(1, 15), &of), 11, 30);   /* Fraction(3,10)+Fraction(1,15) */
    is(rat_sub(q(7, 12), q(1, 4), &of), 1, 3);
    is(rat_add(q(1, 6), q(-1, 6), &of), 0, 1);
    is(rat_add(q(-1, 4), q(1, 6), &of), -1, 12);
    assert_false(of);
    /* the numerators' sum overflows 64 bits, the reduced sum does not:
     * M/2 + M/2 = M */
    is(rat_add(q(M, 2), q(M, 2), &of), M, 1);
    is(rat_sub(q(-M, 2), q(M, 2), &of), -M, 1);
    assert_false(of);
    /* a product overflows and so does the result: M/2 + 1/6 = 13835058055282163711/3 */
    rat_t r = rat_add(q(M, 2), q(1, 6), &of);
    assert_false(of);
    assert_true(rat_is_big(r));
    text_is(r, "4611686018427387903.666667");
    assert_int_equal(rat_cmp(rat_sub(r, q(1, 6), &of), q(M, 2)), 0);
    /* the denominators' product passes 64 bits:
     * 1/(2^32+1) + 1/(2^32-1) = 8589934592/18446744073709551615 */
    r = rat_add(q(1, 4294967297LL), q(1, 4294967295LL), &of);
    assert_true(rat_is_big(r));
    assert_int_equal(rat_cmp(rat_sub(r, q(1, 4294967295LL), &of), q(1, 4294967297LL)), 0);
    /* M/2 + M/3 = 46116860184273879035/6 */
    r = rat_add(q(M, 2), q(M, 3), &of);
    assert_true(rat_is_big(r));
    text_is(r, "7686143364045646505.833333");
    assert_false(of);
    /* whole numbers at the edge */
    is(rat_add(rat_int(M - 1), rat_int(1), &of), M, 1);
    assert_true(rat_is_big(rat_add(rat_int(M), rat_int(1), &of)));
    assert_false(of);
}

static void products_and_quotients(void **s)
{
    (void)s;
    bool of = false;
    is(rat_mul(q(2, 3), q(3, 4), &of), 1, 2);
    is(rat_mul(q(-4, 9), q(3, 2), &of), -2, 3);
    is(rat_mul(q(5, 6), q(9, 10), &of), 3, 4);
    is(rat_mul(q(0, 1), q(-7, 3), &of), 0, 1);
    is(rat_mul(q(M, 4), q(2, M), &of), 1, 2);
    /* 3037000499² fits 64 bits, 3037000500² does not */
    is(rat_mul(rat_int(3037000499LL), rat_int(3037000499LL), &of), 9223372030926249001LL, 1);
    assert_false(of);
    rat_t r = rat_mul(rat_int(3037000500LL), rat_int(3037000500LL), &of);
    assert_true(rat_is_big(r));
    text_is(r, "9223372037000250000");
    r = rat_mul(q(1, 3037000500LL), q(1, 3037000500LL), &of); /* 1/9223372037000250000 */
    assert_true(rat_is_big(r));
    assert_int_equal(rat_cmp(rat_mul(r, rat_int(3037000500LL), &of), q(1, 3037000500LL)), 0);
    assert_false(of);
    /* quotients: the sign moves to the numerator */
    is(rat_div(q(1, 2), q(-3, 4), &of), -2, 3);
    is(rat_div(q(5, 6), q(-10, 9), &of), -3, 4);
    is(rat_div(rat_int(-6), rat_int(-4), &of), 3, 2);
    is(rat_div(rat_int(7), rat_int(7), &of), 1, 1);
    is(rat_div(rat_int(M), rat_int(M), &of), 1, 1);
    is(rat_div(rat_int(1), rat_int(-M), &of), -1, M);
    is(rat_div(rat_int(9836), rat_int(11143), &of), 9836, 11143); /* coprime counts */
    is(rat_div(rat_int(3892), rat_int(4199), &of), 3892, 4199);
    is(rat_div(rat_int(2178), rat_int(2418), &of), 363, 403);
    is(rat_div(q(10, 1), rat_int(100), &of), 1, 10);
    assert_false(of);
    r = rat_div(q(1, 3037000500LL), rat_int(3037000500LL), &of);
    assert_true(rat_is_big(r));
    /* division by zero is flagged, as before */
    rat_div(rat_int(1), rat_int(0), &of);
    assert_true(of);
}

static void comparisons_and_signs(void **s)
{
    (void)s;
    assert_int_equal(rat_cmp(q(1, 3), q(1, 3)), 0);
    assert_int_equal(rat_cmp(q(1, 3), q(2, 3)), -1);
    assert_int_equal(rat_cmp(q(49, 50), q(98, 100)), 0);
    assert_int_equal(rat_cmp(q(3892, 4199), q(95, 100)), -1); /* 0.9268... < 0.95 */
    assert_int_equal(rat_cmp(q(-1, 2), q(-1, 3)), -1);
    assert_int_equal(rat_cmp(rat_int(5), q(9, 2)), 1);
    /* the cross products pass 64 bits: M/(M-1) < (M-1)/(M-2) */
    assert_int_equal(rat_cmp(q(M, M - 1), q(M - 1, M - 2)), -1);
    assert_int_equal(rat_cmp(q(M - 1, M - 2), q(M, M - 1)), 1);
    assert_int_equal(rat_cmp(q(-M, M - 1), q(-(M - 1), M - 2)), 1);
    assert_int_equal(rat_sign(q(-1, 7)), -1);
    assert_int_equal(rat_sign(rat_int(0)), 0);
    assert_int_equal(rat_sign(q(M, 3)), 1);
    bool of = false;
    rat_t big = rat_mul(rat_int(M), rat_int(-2), &of);
    assert_int_equal(rat_sign(big), -1);
    assert_int_equal(rat_cmp(big, rat_int(-M)), -1);
    assert_int_equal(rat_cmp(rat_int(-M), big), 1);
    is(rat_neg(q(M, 3), &of), -M, 3);
    is(rat_neg(q(-3, 4), &of), 3, 4);
    assert_false(of);
}

static void rounding(void **s)
{
    (void)s;
    bool of = false;
    is(rat_round(q(2, 3), 2, &of), 67, 100);
    is(rat_round(q(-1, 8), 2, &of), -13, 100); /* halves away from zero */
    is(rat_round(q(1, 8), 2, &of), 13, 100);
    is(rat_round(q(5, 2), 0, &of), 3, 1);
    is(rat_round(q(9875, 1000), 2, &of), 247, 25); /* 9.875 to 9.88 */
    /* the scaled numerator passes 64 bits: M/3 to 6 decimals,
     * 3074457345618258602333333/10^6 */
    rat_t r = rat_round(q(M, 3), 6, &of);
    assert_false(of);
    assert_true(rat_is_big(r));
    text_is(r, "3074457345618258602.333333");
    is(rat_round(rat_int(M), 0, &of), M, 1);
    assert_false(of);
}

/* The numerator INT64_MIN has no 64-bit magnitude: rat_int can make it,
 * the canonical form never holds it; it takes the slow paths. */
static void the_most_negative_integer(void **s)
{
    (void)s;
    bool of = false;
    is(rat_mul(rat_int(INT64_MIN), q(1, 2), &of), -4611686018427387904LL, 1);
    is(rat_div(rat_int(INT64_MIN), rat_int(-2), &of), 4611686018427387904LL, 1);
    is(rat_add(rat_int(INT64_MIN), rat_int(1), &of), -M, 1);
    /* INT64_MIN + 1/2 = -18446744073709551615/2 */
    rat_t r = rat_add(rat_int(INT64_MIN), q(1, 2), &of);
    assert_true(rat_is_big(r));
    text_is(r, "-9223372036854775807.5");
    assert_int_equal(rat_cmp(rat_int(INT64_MIN), q(-M, 1)), -1);
    assert_false(of);
}

/* Without a big arena, a result beyond 64 bits still sets the flag. */
static void overflow_without_an_arena(void **s)
{
    (void)s;
    arena_t *mine = rat_big_arena(NULL);
    bool of = false;
    is(rat_add(q(M, 2), q(M, 2), &of), M, 1);
    assert_false(of);
    rat_add(q(M, 2), q(1, 6), &of);
    assert_true(of);
    of = false;
    rat_mul(rat_int(3037000500LL), rat_int(3037000500LL), &of);
    assert_true(of);
    of = false;
    rat_div(q(1, 3037000500LL), rat_int(3037000500LL), &of);
    assert_true(of);
    rat_big_arena(mine);
}

/* ---- a seeded sweep against GMP ---- */

static uint64_t seed = 0x9E3779B97F4A7C15ULL;
static uint64_t next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* Numbers of the sizes scoring meets, and of the edges. */
static int64_t pick(bool positive)
{
    static const int64_t edges[] = {1, 2, 3, 10, 100, 1000, 10000, 1000000, 1000000000LL,
                                    3037000499LL, 3037000500LL, 4294967295LL, 4294967297LL,
                                    M / 2, M / 3, M - 2, M - 1, M};
    uint64_t x = next_random();
    int64_t v;
    switch (x % 5) {
    case 0: v = (int64_t)(x >> 8) % 13 + 1; break;
    case 1: v = (int64_t)((x >> 8) % 100000) + 1; break;
    case 2: v = edges[(x >> 8) % (sizeof edges / sizeof *edges)]; break;
    case 3: v = (int64_t)((x >> 8) % 4000000000ULL) + 1; break;
    default: v = (int64_t)(x >> 2) | 1; break;
    }
    if (!positive && (x >> 63)) v = -v;
    return v;
}

static void to_mpq(mpq_t out, rat_t r)
{
    assert_false(rat_is_big(r));
    mpz_set_si(mpq_numref(out), r.num);
    mpz_set_si(mpq_denref(out), r.den);
}

/* r is the reduced form of want: small when it fits, big otherwise. */
static void same(rat_t r, const mpq_t want, bool of)
{
    assert_false(of);
    bool fits = mpz_fits_slong_p(mpq_numref(want)) && mpz_cmp_si(mpq_numref(want), -M) >= 0 &&
                mpz_fits_slong_p(mpq_denref(want));
    if (!fits) {
        assert_true(rat_is_big(r));
        return;
    }
    assert_false(rat_is_big(r));
    assert_true(r.num == mpz_get_si(mpq_numref(want)));
    assert_true(r.den == mpz_get_si(mpq_denref(want)));
}

static void sweep_against_gmp(void **s)
{
    (void)s;
    mpq_t a, b, want;
    mpq_inits(a, b, want, NULL);
    for (int i = 0; i < 50000; i++) {
        rat_t x = q(pick(false), pick(true)), y = q(pick(false), pick(true));
        to_mpq(a, x);
        to_mpq(b, y);
        bool of = false;
        mpq_add(want, a, b);
        same(rat_add(x, y, &of), want, of);
        mpq_sub(want, a, b);
        same(rat_sub(x, y, &of), want, of);
        mpq_mul(want, a, b);
        same(rat_mul(x, y, &of), want, of);
        mpq_div(want, a, b);
        same(rat_div(x, y, &of), want, of);
        int c = mpq_cmp(a, b);
        assert_int_equal(rat_cmp(x, y), (c > 0) - (c < 0));
        if ((i & 1023) == 0) { /* big numbers made by the sweep go with the arena */
            arena_free(&bigs);
            arena_init(&bigs);
        }
    }
    mpq_clears(a, b, want, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sums, setup, teardown),
        cmocka_unit_test_setup_teardown(products_and_quotients, setup, teardown),
        cmocka_unit_test_setup_teardown(comparisons_and_signs, setup, teardown),
        cmocka_unit_test_setup_teardown(rounding, setup, teardown),
        cmocka_unit_test_setup_teardown(the_most_negative_integer, setup, teardown),
        cmocka_unit_test_setup_teardown(overflow_without_an_arena, setup, teardown),
        cmocka_unit_test_setup_teardown(sweep_against_gmp, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

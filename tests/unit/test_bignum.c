/* test_bignum.c — exact numbers beyond 64 bits (engine/support/rational.c
 * handing over to GMP): every operation and comparison on big numbers,
 * mixed with small ones; results back in the fast form whenever they fit;
 * rounding, formatting (also where a buffer is too short), reading decimals
 * with any reasonable exponent, copies that outlive their arena, and the
 * old overflow flag where no arena is named. Expected values were worked
 * out with Python's fractions.Fraction; each is written next to its test. */
#include "support.h"

#include "engine/support/arena.h"
#include "engine/support/json_writer.h"
#include "engine/support/rational.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The exact text of r with 6 decimals at most. */
static const char *text(rat_t r)
{
    static char buf[8][256];
    static int next;
    char *b = buf[next++ % 8];
    char *t = rat_format_alloc(r, 6);
    snprintf(b, 256, "%s", t);
    free(t);
    return b;
}

static rat_t parse(const char *s)
{
    rat_t r;
    assert_true(rat_parse(s, strlen(s), &r));
    return r;
}

static void small_is_small(rat_t r, int64_t num, int64_t den)
{
    assert_false(rat_is_big(r));
    assert_true(r.num == num);
    assert_true(r.den == den);
}

static void integers_past_64_bits_and_back(void **s)
{
    (void)s;
    bool of = false;
    rat_t max = rat_int(INT64_MAX);
    rat_t past = rat_add(max, rat_int(1), &of); /* 2^63 */
    assert_false(of);
    assert_true(rat_is_big(past));
    assert_string_equal(text(past), "9223372036854775808");
    assert_true(rat_is_int(past));
    assert_int_equal(rat_sign(past), 1);
    small_is_small(rat_sub(past, rat_int(1), &of), INT64_MAX, 1); /* back in the fast form */
    rat_t sq = rat_mul(rat_int(999999999999), rat_int(999999999999), &of);
    assert_string_equal(text(sq), "999999999998000000000001");
    small_is_small(rat_div(sq, rat_int(999999999999), &of), 999999999999, 1);
    /* 999999999998000000000001 / 7 = 142857142856857142857143 */
    assert_string_equal(text(rat_div(sq, rat_int(7), &of)), "142857142856857142857143");
    rat_t neg = rat_neg(sq, &of);
    assert_string_equal(text(neg), "-999999999998000000000001");
    assert_int_equal(rat_sign(neg), -1);
    small_is_small(rat_add(sq, neg, &of), 0, 1);
    int64_t whole;
    assert_false(rat_to_int64(sq, &whole));
    assert_true(rat_to_int64(rat_int(-5), &whole) && whole == -5);
    rat_t under = rat_sub(rat_int(-INT64_MAX), rat_int(1), &of); /* -2^63 */
    assert_true(rat_is_big(under));
    assert_string_equal(text(under), "-9223372036854775808");
    assert_false(of);
}

static void fractions_past_64_bits(void **s)
{
    (void)s;
    bool of = false;
    rat_t a = {1, 4000000007}, b = {1, 4000000009};
    rat_t ab = rat_mul(a, b, &of); /* 1/16000000064000000063 */
    assert_true(rat_is_big(ab));
    assert_false(rat_is_int(ab));
    rat_t sum = rat_add(a, b, &of); /* 8000000016/16000000064000000063 */
    rat_t diff = rat_sub(a, b, &of); /* 2/16000000064000000063 */
    assert_true(rat_is_big(sum) && rat_is_big(diff));
    /* Exactly twice ab, and sum - diff = 2/4000000009. */
    assert_int_equal(rat_cmp(diff, rat_mul(ab, rat_int(2), &of)), 0);
    small_is_small(rat_sub(sum, diff, &of), 2, 4000000009);
    small_is_small(rat_mul(ab, rat_int(4000000007), &of), 1, 4000000009); /* big × small */
    small_is_small(rat_div(ab, a, &of), 1, 4000000009);                    /* big / small */
    assert_string_equal(text(rat_div(a, rat_mul(a, ab, &of), &of)), "16000000064000000063"); /* 1/ab */
    small_is_small(rat_div(rat_int(4000000007), rat_div(rat_int(1), b, &of), &of), 4000000007, 4000000009);
    small_is_small(rat_div(sum, diff, &of), 4000000008, 1);                /* big / big */
    small_is_small(rat_add(sum, rat_neg(diff, &of), &of), 2, 4000000009);  /* big + big */
    assert_false(of);
    /* to 6 decimals: 6.249999975e-20 is 0 */
    assert_string_equal(text(ab), "0");
    char buf[48];
    assert_string_equal(rat_format_fixed(rat_add(ab, rat_int(3), &of), 2, buf, sizeof buf), "3.00");
    double d = rat_to_double(ab);
    assert_true(d > 6.2499999e-20 && d < 6.2500000e-20);
}

static void comparisons_mix_small_and_big(void **s)
{
    (void)s;
    bool of = false;
    rat_t big = rat_mul(rat_int(999999999999), rat_int(999999999999), &of);
    rat_t bigger = rat_add(big, rat_int(1), &of);
    rat_t tiny = rat_mul((rat_t){1, 4000000007}, (rat_t){1, 4000000009}, &of);
    rat_t negbig = rat_neg(big, &of);
    assert_int_equal(rat_cmp(big, bigger), -1);
    assert_int_equal(rat_cmp(bigger, big), 1);
    assert_int_equal(rat_cmp(big, rat_mul(rat_int(999999999999), rat_int(999999999999), &of)), 0);
    assert_int_equal(rat_cmp(big, rat_int(INT64_MAX)), 1);
    assert_int_equal(rat_cmp(rat_int(INT64_MAX), big), -1);
    assert_int_equal(rat_cmp(negbig, rat_int(-INT64_MAX)), -1);
    assert_int_equal(rat_cmp(tiny, rat_int(0)), 1);
    assert_int_equal(rat_cmp(tiny, (rat_t){1, INT64_MAX}), -1);
    assert_int_equal(rat_cmp(rat_neg(tiny, &of), rat_int(0)), -1);
    assert_true(rat_cmp(rat_min(big, rat_int(3)), rat_int(3)) == 0);
    assert_true(rat_cmp(rat_max(big, rat_int(3)), big) == 0);
    assert_true(rat_cmp(rat_min(negbig, tiny), negbig) == 0);
    assert_true(rat_cmp(rat_max(negbig, tiny), tiny) == 0);
    assert_false(rat_is_zero(tiny));
    assert_false(of);
}

static void rounding_and_formatting(void **s)
{
    (void)s;
    bool of = false;
    rat_t e20 = rat_mul(rat_int(10000000000), rat_int(10000000000), &of); /* 10^20 */
    rat_t third = rat_add(e20, (rat_t){1, 3}, &of);                         /* 300000000000000000001/3 */
    assert_string_equal(text(third), "100000000000000000000.333333");
    assert_string_equal(text(rat_round(third, 2, &of)), "100000000000000000000.33");
    rat_t half = rat_neg(rat_add(e20, (rat_t){1, 2}, &of), &of); /* halves away from zero */
    assert_string_equal(text(rat_round(half, 0, &of)), "-100000000000000000001");
    assert_string_equal(text(rat_round(rat_neg(half, &of), 0, &of)), "100000000000000000001");
    char buf[48];
    assert_string_equal(rat_format_fixed(third, 2, buf, sizeof buf), "100000000000000000000.33");
    assert_string_equal(rat_format_fixed(e20, 2, buf, sizeof buf), "100000000000000000000.00");
    assert_string_equal(rat_format(rat_neg(third, &of), 1, buf, sizeof buf), "-100000000000000000000.3");
    /* -(10^20 + 1/3) × 10^-24: -0.0001000… to 6 decimals, then 12 */
    rat_t e24 = rat_mul(e20, rat_int(10000), &of);
    rat_t small_big = rat_div(rat_neg(third, &of), e24, &of);
    assert_string_equal(text(small_big), "-0.0001");
    assert_string_equal(rat_format(small_big, 12, buf, sizeof buf), "-0.0001");
    /* A number longer than the buffer: 6 significant digits, never cut. */
    rat_t e60 = rat_mul(rat_mul(e20, e20, &of), e20, &of);
    assert_string_equal(rat_format(e60, 6, buf, sizeof buf), "1e+60");
    char *whole = rat_format_alloc(e60, 6);
    assert_int_equal(strlen(whole), 61);
    assert_true(whole[0] == '1' && strspn(whole + 1, "0") == 60);
    free(whole);
    /* A small number whose 6-decimal scaling passes 64 bits: exact too. */
    assert_string_equal(rat_format((rat_t){INT64_MAX, 3}, 6, buf, sizeof buf), "3074457345618258602.333333");
    assert_false(of);
}

static void decimals_are_read_exactly(void **s)
{
    (void)s;
    bool of = false;
    rat_t r = parse("1e-400");
    assert_true(rat_is_big(r));
    rat_t back = rat_mul(r, rat_int(10), &of);
    for (int i = 1; i < 400; i++) back = rat_mul(back, rat_int(10), &of);
    small_is_small(back, 1, 1);
    assert_false(of);
    small_is_small(parse("1e18"), 1000000000000000000, 1);
    small_is_small(parse("1E+18"), 1000000000000000000, 1);
    small_is_small(parse("0.000000000000000000001e21"), 1, 1);
    small_is_small(parse("100.000000000000000000000"), 100, 1); /* trailing zeros cost nothing */
    small_is_small(parse("-12.50"), -25, 2);
    rat_t big = parse("123456789012345678901234567890.5");
    assert_string_equal(text(big), "123456789012345678901234567890.5");
    rat_t tiny = parse("1e-21");
    assert_true(rat_is_big(tiny));
    assert_string_equal(text(tiny), "0");
    /* The bounds: 1000 digits and an exponent within ±1000. */
    char digits[1200];
    memset(digits, '7', 1000);
    digits[1000] = '\0';
    assert_true(rat_parse(digits, 1000, &r));
    digits[1000] = '7';
    assert_false(rat_parse(digits, 1001, &r));
    assert_true(rat_parse("1e1000", 6, &r));
    assert_false(rat_parse("1e1001", 6, &r));
    assert_false(rat_parse("1e-1001", 7, &r));
    assert_false(rat_parse("1e", 2, &r));
    assert_false(rat_parse("e5", 2, &r));
    assert_false(rat_parse("1.2.3", 5, &r));
    /* Doubles: the shortest decimal that reads back, at any magnitude. */
    assert_true(rat_from_double(1e18, &r));
    small_is_small(r, 1000000000000000000, 1);
    assert_true(rat_from_double(1e-21, &r));
    assert_int_equal(rat_cmp(r, tiny), 0);
    assert_true(rat_from_double(0.1, &r));
    small_is_small(r, 1, 10);
}

static void copies_outlive_their_arena(void **s)
{
    (void)s;
    bool of = false;
    arena_t scratch, keep;
    arena_init(&scratch);
    arena_init(&keep);
    arena_t *prev = rat_big_arena(&scratch);
    rat_t big = rat_mul(rat_int(999999999999), rat_int(999999999999), &of);
    rat_t frac = rat_mul((rat_t){1, 4000000007}, (rat_t){-1, 4000000009}, &of);
    rat_t kept = rat_keep(big, &keep), kept_frac = rat_keep(frac, &keep);
    small_is_small(rat_keep(rat_int(5), &keep), 5, 1);
    rat_big_arena(prev);
    arena_free(&scratch); /* the originals are gone */
    assert_string_equal(text(kept), "999999999998000000000001");
    small_is_small(rat_mul(kept_frac, rat_int(-4000000007), &of), 1, 4000000009);
    arena_free(&keep);
    assert_false(of);
}

static void without_an_arena_big_results_overflow(void **s)
{
    (void)s;
    arena_t *prev = rat_big_arena(NULL);
    bool of = false;
    rat_mul(rat_int(999999999999), rat_int(999999999999), &of);
    assert_true(of);
    of = false;
    rat_add(rat_int(INT64_MAX), rat_int(1), &of);
    assert_true(of);
    of = false;
    rat_mul((rat_t){1, 4000000007}, (rat_t){1, 4000000009}, &of);
    assert_true(of);
    of = false;
    small_is_small(rat_mul((rat_t){1, 4000000007}, rat_int(2), &of), 2, 4000000007);
    assert_false(of);
    rat_t r;
    assert_false(rat_parse("1e-400", 6, &r));
    assert_true(rat_parse("0.5", 3, &r));
    rat_big_arena(prev);
}

static void json_shows_big_numbers_exactly(void **s)
{
    (void)s;
    bool of = false;
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_array(&w);
    jw_rat(&w, rat_mul(rat_int(999999999999), rat_int(999999999999), &of)); /* whole, past 64 bits */
    jw_rat(&w, parse("123456789012345678901234567890.5"));
    jw_rat(&w, rat_mul((rat_t){1, 4000000007}, (rat_t){1, 4000000009}, &of)); /* rounds to 0 */
    jw_rat(&w, rat_add(rat_mul((rat_t){1, 4000000007}, (rat_t){1, 4000000009}, &of), rat_int(10), &of));
    jw_end_array(&w);
    assert_string_equal(sb.data, "[999999999998000000000001.0,123456789012345678901234567890.5,0,10]");
    json_error_t err;
    json_t *back = json_loads(sb.data, 0, &err); /* jansson reads it back */
    assert_non_null(back);
    assert_true(json_is_real(json_array_get(back, 0)));
    json_decref(back);
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(integers_past_64_bits_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(fractions_past_64_bits, setup, teardown),
        cmocka_unit_test_setup_teardown(comparisons_mix_small_and_big, setup, teardown),
        cmocka_unit_test_setup_teardown(rounding_and_formatting, setup, teardown),
        cmocka_unit_test_setup_teardown(decimals_are_read_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(copies_outlive_their_arena, setup, teardown),
        cmocka_unit_test_setup_teardown(without_an_arena_big_results_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(json_shows_big_numbers_exactly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_csv_cell.c — the writers a CSV row of a batch is made with,
 * against the general ways they stand for: numbers against rat_format
 * (and its decimal mark replaced) over many values and both marks, digits
 * against printf, texts against the quoting rules written out plainly
 * here (every special character at every position, both separators,
 * formulas), and a unit's percent against rat_div and rat_mul. */
#include "support.h"

#include "engine/batch/unit_summary.h"
#include "engine/report/csv_cell.h"
#include "engine/support/rat_text.h"
#include "engine/support/rational.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* rat_format(v, 6) with `point` for the decimal mark. */
static void expected_number(rat_t v, char point, char *out, size_t size)
{
    rat_format(v, 6, out, size);
    for (char *p = out; *p; p++)
        if (*p == '.') *p = point;
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Reduced, as every rat_t the engine makes. */
static rat_t reduced(int64_t num, int64_t den)
{
    bool of = false;
    return rat_div(rat_int(num), rat_int(den), &of);
}

static void assert_number_written(rat_t v)
{
    static const char points[] = {'.', ','};
    for (int m = 0; m < 2; m++) {
        char want[64];
        expected_number(v, points[m], want, sizeof want);
        strbuf_t sb;
        sb_init(&sb);
        sb_adds(&sb, "x");
        sb_add_rat6(&sb, v, points[m]);
        if (strcmp(sb.data + 1, want))
            fail_msg("sb_add_rat6(%" PRId64 "/%" PRId64 ", '%c'): \"%s\", not \"%s\"", v.num, v.den, points[m],
                     sb.data + 1, want);
        sb.len = 0;
        sb_adds(&sb, "id");
        csv_sep_rat(&sb, ';', v, points[m]);
        assert_int_equal(sb.data[2], ';');
        assert_string_equal(sb.data + 3, want);
        assert_int_equal(sb.len, 3 + strlen(want));
        char buf[RAT_TEXT_MAX + 1];
        size_t n = rat_text_put(buf, v, points[m]);
        if (n) { /* when it writes, it writes rat_format's text */
            buf[n] = '\0';
            assert_string_equal(buf, want);
        }
        sb.len = 0;
        csv_number(&sb, v, points[m], -1);
        assert_string_equal(sb.data, want);
        sb_free(&sb);
    }
}

/* Every denominator dividing 10^6 (the fast path) and others (the way
 * round), with numerators small, large, at the edges and random. */
static void numbers_are_written_as_rat_format_writes_them(void **state)
{
    (void)state;
    int64_t dens[128];
    size_t nd = 0;
    for (int64_t d = 1; d <= 1000000; d++)
        if (1000000 % d == 0) dens[nd++] = d; /* 49 divisors */
    const int64_t others[] = {3, 6, 7, 9, 11, 12, 30, 128, 3125 * 3, 999999, 1000001, 2000000, 1000000007};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) dens[nd++] = others[i];
    /* decimals of more than 6 places: multiples of 10^6 by 2^a 5^b, and others */
    int64_t ten = 1000000;
    for (int k = 7; k <= 18; k++) dens[nd++] = ten *= 10; /* 10^7 to 10^18 */
    const int64_t long_decimals[] = {2000000, 64000000, 3125000000, 1000000LL << 40, 1000000LL * 244140625 * 4,
                                     3000000, 7000000000LL};
    for (size_t i = 0; i < sizeof long_decimals / sizeof *long_decimals; i++) dens[nd++] = long_decimals[i];
    const int64_t nums[] = {0, 1, -1, 2, 5, 7, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 999999, 1000000,
                            1000001, 123456789, 9999999999, 18446744073709LL, 18446744073710LL, INT64_MAX / 2,
                            INT64_MAX, -INT64_MAX, INT64_MIN + 1};
    for (size_t d = 0; d < nd; d++)
        for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
            assert_number_written(reduced(nums[i], dens[d]));
            assert_number_written(reduced(-nums[i], dens[d]));
        }
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next_random(&s);
        int64_t den = (r & 3) ? dens[r % nd]
                      : (r & 4) ? (int64_t)(next_random(&s) % 5000000) + 1
                                : 1000000 * ((int64_t)1 << (next_random(&s) % 20)) * (int64_t)(next_random(&s) % 5 == 0 ? 78125 : 1);
        int shift = (int)(next_random(&s) % 63);
        int64_t num = (int64_t)(next_random(&s) >> (shift + 1));
        if (r & 16) num = -num;
        assert_number_written(reduced(num, den));
    }
    assert_number_written((rat_t){INT64_MIN, 1}); /* the one magnitude without a positive twin */
    /* halves of the sixth decimal, rounded away from zero: 1/128 = 0.0078125 */
    for (int64_t den = 128; den <= (1LL << 40); den <<= 1)
        for (int64_t num = 1; num < 40; num += 2) assert_number_written(reduced(num, den));
    strbuf_t sb;
    sb_init(&sb);
    sb_add_rat6(&sb, (rat_t){1, 128}, ',');
    sb_addc(&sb, ' ');
    sb_add_rat6(&sb, (rat_t){-1, 128}, '.');
    sb_addc(&sb, ' ');
    sb_add_rat6(&sb, (rat_t){2, 3}, '.');
    sb_addc(&sb, ' ');
    sb_add_rat6(&sb, (rat_t){-1, 3000000}, '.');
    assert_string_equal(sb.data, "0,007813 -0.007813 0.666667 0");
    sb_free(&sb);
}

static void digits_are_written_as_printf_writes_them(void **state)
{
    (void)state;
    char want[32], got[32];
    uint64_t v = 1;
    for (int i = 0; i < 20; i++, v *= 10) /* each power of ten and its neighbours */
        for (int64_t d = -1; d <= 1; d++) {
            uint64_t x = v + (uint64_t)d;
            snprintf(want, sizeof want, "%" PRIu64, x);
            size_t n = rat_text_uint(got, x);
            got[n] = '\0';
            assert_string_equal(got, want);
        }
    uint64_t s = 42;
    for (int i = 0; i < 100000; i++) {
        uint64_t x = next_random(&s) >> (next_random(&s) % 64);
        snprintf(want, sizeof want, "%" PRIu64, x);
        size_t n = rat_text_uint(got, x);
        got[n] = '\0';
        assert_string_equal(got, want);
    }
    snprintf(want, sizeof want, "%" PRIu64, UINT64_MAX);
    got[rat_text_uint(got, UINT64_MAX)] = '\0';
    assert_string_equal(got, want);
    strbuf_t sb;
    sb_init(&sb);
    csv_sep_rank(&sb, ',', 0); /* no rank: the separator alone */
    csv_sep_rank(&sb, ',', 7);
    csv_sep_rank(&sb, ';', 16390);
    assert_string_equal(sb.data, ",,7;16390");
    sb_free(&sb);
}

/* The quoting rules, written out: a formula gets an apostrophe first;
 * then a text holding the separator, '"', '\n' or '\r' is quoted, its
 * '"' doubled; any other is copied. */
static void expected_text(strbuf_t *out, const char *s, char sep)
{
    if (!s) return;
    char *t = malloc(strlen(s) + 2);
    bool formula = strchr("=+-@\t\r", s[0]) && s[0];
    sprintf(t, "%s%s", formula ? "'" : "", s);
    bool quote = false;
    for (const char *p = t; *p; p++) quote |= *p == sep || *p == '"' || *p == '\n' || *p == '\r';
    if (quote) sb_addc(out, '"');
    for (const char *p = t; *p; p++) {
        if (*p == '"') sb_addc(out, '"');
        sb_addc(out, *p);
    }
    if (quote) sb_addc(out, '"');
    free(t);
}

static void assert_text_written(const char *s, char sep)
{
    strbuf_t want, got;
    sb_init(&want);
    sb_init(&got);
    sb_adds(&want, "a");
    sb_addc(&want, sep);
    expected_text(&want, s, sep);
    sb_adds(&got, "a");
    csv_sep_text(&got, sep, s);
    if (strcmp(got.data, want.data)) fail_msg("text \"%s\" with '%c': [%s], not [%s]", s ? s : "(null)", sep, got.data, want.data);
    assert_int_equal(got.len, want.len);
    sb_free(&want);
    sb_free(&got);
}

static void texts_are_quoted_when_they_must_be(void **state)
{
    (void)state;
    const char specials[] = {';', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', '\'', ' ', 'a'};
    const char *bases[] = {"", "x", "Đơn vị số 1", "UBND huyện Cẩm Xuyên (Hà Tĩnh)", "<stdin>:16390",
                           "0123456789abcdef0123456789"};
    const char seps[] = {';', ','};
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
        for (size_t c = 0; c < sizeof specials; c++)
            for (size_t at = 0; at <= strlen(bases[b]); at++) { /* every position, the end included */
                char s[64];
                size_t len = strlen(bases[b]);
                memcpy(s, bases[b], at);
                s[at] = specials[c];
                memcpy(s + at + 1, bases[b] + at, len - at + 1);
                for (size_t k = 0; k < sizeof seps; k++) assert_text_written(s, seps[k]);
            }
    for (size_t k = 0; k < sizeof seps; k++) {
        assert_text_written(NULL, seps[k]);
        assert_text_written("", seps[k]);
        assert_text_written("\"\"", seps[k]);
        assert_text_written("=SUM(A1;B1)", seps[k]);
        assert_text_written("-5", seps[k]);
        assert_text_written("line\r\nnext", seps[k]);
        assert_text_written("Tỷ lệ (%)", seps[k]);
    }
    /* every byte but NUL, alone and between letters */
    for (int c = 1; c < 256; c++) {
        char s[4] = {(char)c, 0, 0, 0}, m[4] = {'a', (char)c, 'b', 0};
        for (size_t k = 0; k < sizeof seps; k++) {
            assert_text_written(s, seps[k]);
            assert_text_written(m, seps[k]);
        }
    }
    /* a separator the table does not know takes the general way */
    assert_text_written("a|b", '|');
    assert_text_written("a;b", '|');
    /* the cases spelled out */
    strbuf_t sb;
    sb_init(&sb);
    csv_text(&sb, "Đơn vị C, \"ngoặc\"", ',');
    csv_sep_text(&sb, ';', "=1+1");
    csv_sep_text(&sb, ';', "a;b");
    csv_sep_text(&sb, ';', NULL);
    assert_string_equal(sb.data, "\"Đơn vị C, \"\"ngoặc\"\"\";'=1+1;\"a;b\";");
    sb_free(&sb);
}

/* Rounded as a published table shows it: fixed decimals, halves away
 * from zero, either mark. */
static void rounded_numbers_keep_their_decimals(void **state)
{
    (void)state;
    strbuf_t sb;
    sb_init(&sb);
    csv_number(&sb, (rat_t){5, 2}, ',', 0);
    sb_addc(&sb, ' ');
    csv_number(&sb, (rat_t){-5, 2}, '.', 0);
    sb_addc(&sb, ' ');
    csv_number(&sb, (rat_t){1, 3}, ',', 2);
    sb_addc(&sb, ' ');
    csv_number(&sb, (rat_t){2, 1}, '.', 3);
    sb_addc(&sb, ' ');
    csv_number(&sb, (rat_t){12345, 1000}, ',', 2);
    assert_string_equal(sb.data, "3 -3 0,33 2.000 12,35");
    sb_free(&sb);
}

/* A unit's percent, with the maxima that divide 100 and others, is what
 * scoring computes: rat_mul(rat_div(points, max), 100). */
static void percents_are_computed_as_scoring_computes_them(void **state)
{
    (void)state;
    const int64_t maxima[] = {1, 2, 3, 4, 5, 7, 8, 10, 20, 25, 40, 50, 60, 99, 100, 101, 200, 1000};
    const int64_t dens[] = {1, 2, 3, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 1000, 3125, 1000000, 7, 12, 999};
    uint64_t s = 7;
    for (size_t m = 0; m < sizeof maxima / sizeof *maxima; m++)
        for (size_t d = 0; d < sizeof dens / sizeof *dens; d++)
            for (int i = 0; i < 300; i++) {
                int64_t num = (int64_t)(next_random(&s) >> (i < 200 ? 50 : 2));
                if (i & 1) num = -num;
                rat_t points = reduced(num, dens[d]), max = rat_int(maxima[m]);
                bool of_want = false, of_got = false;
                rat_t want = rat_mul(rat_div(points, max, &of_want), rat_int(100), &of_want);
                rat_t got = unit_percent_value(points, max, &of_got);
                if (of_want) continue; /* unit_summarize keeps such a percent: never asked */
                assert_false(of_got);
                if (got.num != want.num || got.den != want.den)
                    fail_msg("%" PRId64 "/%" PRId64 " of %" PRId64 ": %" PRId64 "/%" PRId64 ", not %" PRId64
                             "/%" PRId64,
                             points.num, points.den, maxima[m], got.num, got.den, want.num, want.den);
            }
    /* a fraction of a maximum */
    bool of = false;
    rat_t p = unit_percent_value((rat_t){7, 2}, (rat_t){15, 2}, &of);
    assert_int_equal(p.num, 140);
    assert_int_equal(p.den, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_are_written_as_rat_format_writes_them),
        cmocka_unit_test(digits_are_written_as_printf_writes_them),
        cmocka_unit_test(texts_are_quoted_when_they_must_be),
        cmocka_unit_test(rounded_numbers_keep_their_decimals),
        cmocka_unit_test(percents_are_computed_as_scoring_computes_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_support.c — the support code that batch output is written with:
 * JSON string escaping (its eight-bytes-at-a-time fast path against
 * jansson reading the text back), numbers formatted without printf, the
 * string buffer, and the one pass that validates a rules file's UTF-8 and
 * tells whether it may need NFC. */
#include "support.h"

#include "engine/report/display.h"
#include "engine/eval/ranking.h"
#include "engine/support/arena.h"
#include "engine/support/nfc.h"
#include "engine/support/utf8.h"
#include "engine/support/json_writer.h"
#include "engine/support/rational.h"
#include "engine/support/rat_text.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The JSON text the writer makes of s, read back by jansson. */
static void assert_round_trip(const char *s)
{
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_array(&w);
    jw_string(&w, s);
    jw_end_array(&w);
    json_error_t err;
    json_t *back = json_loads(sb.data, 0, &err);
    if (!back) fail_msg("not JSON: %s (%s)", sb.data, err.text);
    assert_string_equal(json_string_value(json_array_get(back, 0)), s);
    assert_int_equal(strlen(sb.data), sb.len);
    json_decref(back);
    sb_free(&sb);
}

static void every_special_character_at_every_position_is_escaped(void **state)
{
    (void)state;
    const char specials[] = {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', '\x7f'};
    char s[40];
    for (size_t len = 1; len <= 33; len++) {
        for (size_t at = 0; at < len; at++) {
            for (size_t k = 0; k < sizeof specials; k++) {
                memset(s, 'a', len);
                s[len] = '\0';
                s[at] = specials[k];
                assert_round_trip(s);
            }
        }
    }
}

static void plain_and_vietnamese_strings_are_copied(void **state)
{
    (void)state;
    assert_round_trip("");
    assert_round_trip("a");
    assert_round_trip("abcdefgh");          /* exactly one word of eight bytes */
    assert_round_trip("Sở Nội vụ tỉnh Hà Tĩnh"); /* bytes above 0x7f are not escapes */
    assert_round_trip("Tỷ lệ hồ sơ giải quyết đúng hạn ≥ 98%");
    assert_round_trip("!#$%&'()*+,-./[]^_`{|}~ "); /* the neighbours of '"' and '\\' */
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_string(&w, "Đức Thọ");
    assert_string_equal(sb.data, "\"Đức Thọ\""); /* UTF-8 stays as it is */
    sb_free(&sb);
}

static void integers_and_objects_are_written_compactly(void **state)
{
    (void)state;
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_object(&w);
    jw_key(&w, "a");
    jw_int(&w, 0);
    JW_KEY(&w, "b"); /* the literal form writes the same */
    jw_int(&w, -42);
    jw_key(&w, "min");
    jw_int(&w, INT64_MIN);
    jw_key(&w, "max");
    jw_int(&w, INT64_MAX);
    jw_key(&w, "r");
    jw_rat(&w, (rat_t){-1, 3});
    jw_key(&w, "n");
    jw_null(&w);
    jw_end_object(&w);
    assert_string_equal(sb.data, "{\"a\":0,\"b\":-42,\"min\":-9223372036854775808,"
                                 "\"max\":9223372036854775807,\"r\":-0.333333,\"n\":null}");
    sb_free(&sb);
}

static void numbers_are_formatted_exactly(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(rat_format((rat_t){7, 1}, 6, buf, sizeof buf), "7");
    assert_string_equal(rat_format((rat_t){-7, 1}, 6, buf, sizeof buf), "-7");
    assert_string_equal(rat_format((rat_t){1, 2}, 6, buf, sizeof buf), "0.5");
    assert_string_equal(rat_format((rat_t){-1, 8}, 6, buf, sizeof buf), "-0.125");
    assert_string_equal(rat_format((rat_t){2, 3}, 6, buf, sizeof buf), "0.666667"); /* rounded */
    assert_string_equal(rat_format((rat_t){1, 2000000}, 6, buf, sizeof buf), "0.000001"); /* 5e-7 rounds up... */
    assert_string_equal(rat_format((rat_t){1, 3000000}, 6, buf, sizeof buf), "0");       /* ...3.3e-7 down */
    assert_string_equal(rat_format((rat_t){-1, 3000000}, 6, buf, sizeof buf), "0");      /* no "-0" */
    assert_string_equal(rat_format((rat_t){3, 1}, 0, buf, sizeof buf), "3");
    assert_string_equal(rat_format_fixed((rat_t){3, 1}, 2, buf, sizeof buf), "3.00");
    assert_string_equal(rat_format_fixed((rat_t){8825, 100}, 2, buf, sizeof buf), "88.25");
    assert_string_equal(rat_format_fixed((rat_t){88125, 1000}, 2, buf, sizeof buf), "88.13"); /* half up */
    assert_string_equal(rat_format_fixed((rat_t){1, 200}, 2, buf, sizeof buf), "0.01");
    assert_string_equal(rat_format_fixed((rat_t){-1, 4}, 1, buf, sizeof buf), "-0.3");
    assert_string_equal(rat_format((rat_t){INT64_MAX, 1}, 6, buf, sizeof buf), "9223372036854775807");
    /* Beyond 64 bits once scaled: the 128-bit path (5e13/7 × 10^6 > 2^64). */
    assert_string_equal(rat_format((rat_t){50000000000000, 7}, 6, buf, sizeof buf), "7142857142857.142857");
    assert_string_equal(rat_format((rat_t){-50000000000000, 7}, 6, buf, sizeof buf), "-7142857142857.142857");
    assert_string_equal(rat_format((rat_t){10000000000000, 7}, 6, buf, sizeof buf), "1428571428571.428571");
    /* Rounding at the last place carries into the whole part. */
    assert_string_equal(rat_format_fixed((rat_t){19999999, 10000000}, 2, buf, sizeof buf), "2.00");
    assert_string_equal(rat_format((rat_t){-19999999, 10000000}, 6, buf, sizeof buf), "-2");
    /* Truncated as snprintf would, always terminated. */
    char small[4];
    assert_string_equal(rat_format((rat_t){123456, 1}, 6, small, sizeof small), "123");
    assert_string_equal(rat_format_fixed((rat_t){1, 3}, 2, small, sizeof small), "0.3");
}

static const char *shown(json_t *v, unsigned flags)
{
    static char buf[128];
    display_value(v, flags, "(không phát sinh)", buf, sizeof buf);
    json_decref(v);
    return buf;
}

/* sb_add_rat6 writes what rat_format(v, 6) does, with the decimal mark
 * asked for: on its fast path (denominators dividing 10^6) and off it. */
static void numbers_appended_as_rat_format_writes_them(void **state)
{
    (void)state;
    const rat_t vs[] = {{0, 1}, {7, 1}, {-7, 1}, {1, 2}, {-1, 2}, {-1, 8}, {2, 3}, {1, 2000000}, {-1, 3000000},
                        {6735, 100}, {-6735, 100}, {1, 1000000}, {999999, 1000000}, {123456789, 1000},
                        {INT64_MAX, 1}, {INT64_MIN + 1, 1}, {INT64_MAX, 2}, {-INT64_MAX, 5}, {50000000000000, 7},
                        {9223372036854, 5}, {9223372036855, 5}, {1, 3}, {21, 20}};
    strbuf_t sb;
    sb_init(&sb);
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        char want[64];
        rat_format(vs[i], 6, want, sizeof want);
        sb.len = 0;
        sb_adds(&sb, "x;");
        sb_add_rat6(&sb, vs[i], '.');
        assert_string_equal(sb.data + 2, want);
        for (char *p = want; *p; p++)
            if (*p == '.') *p = ',';
        sb.len = 0;
        sb_add_rat6(&sb, vs[i], ',');
        assert_string_equal(sb.data, want);
    }
    sb.len = 0;
    sb_add_rat6(&sb, (rat_t){-6735, 100}, ',');
    assert_string_equal(sb.data, "-67,35");
    sb_free(&sb);
}

/* Whole keys: ranking_run_whole gives the ranks ranking_run gives (ties
 * shared, the next rank skipping them, each group apart, entries that
 * take no part unranked), below and above the size where the radix
 * sort takes over. */
typedef struct {
    const int *keys;
    const uint32_t *groups;
} whole_keys_t;

static bool whole_key_of(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group)
{
    const whole_keys_t *k = ctx;
    if (key) *key = rat_int(k->keys[i]);
    else *approx = (double)k->keys[i];
    *group = k->groups[i];
    return k->keys[i] != 999; /* takes no part */
}

/* Keys put into the ranking's key space beforehand, read from there by
 * the key function of ranking_run_whole. */
typedef struct {
    int32_t key;
    uint32_t group;
    uint32_t takes_part;
} spaced_key_t;

static bool spaced_key_of(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group)
{
    (void)key; /* whole keys: never asked */
    const spaced_key_t *k = ctx;
    if (!k[i].takes_part) return false;
    *approx = k[i].key;
    *group = k[i].group;
    return true;
}

/* Ranks written into the work space (ranking_ranks) are those written
 * into an array of the caller's, by both kinds of run, with entries that
 * take no part (their 0 written over what the sort left there) or none. */
static void ranks_in_the_work_space(ranking_t *rk, size_t n, whole_keys_t *ctx, const uint32_t *want)
{
    uint32_t *in = ranking_ranks(rk);
    memset(in, 0xab, n * sizeof *in);
    ranking_run(rk, n, whole_key_of, ctx, in);
    for (size_t i = 0; i < n; i++) assert_int_equal(in[i], want[i]);
    memset(in, 0xab, n * sizeof *in);
    ranking_run_whole(rk, n, whole_key_of, ctx, in);
    for (size_t i = 0; i < n; i++) assert_int_equal(in[i], want[i]);
    /* the keys in the key space, the ranks written over them */
    _Static_assert(sizeof(spaced_key_t) <= RANKING_KEY_BYTES, "fits");
    spaced_key_t *spaced = ranking_key_space(rk);
    for (size_t i = 0; i < n; i++)
        spaced[i] = (spaced_key_t){ctx->keys[i], ctx->groups[i], ctx->keys[i] != 999};
    ranking_run_whole(rk, n, spaced_key_of, spaced, ranking_ranks(rk));
    for (size_t i = 0; i < n; i++) assert_int_equal(ranking_ranks(rk)[i], want[i]);
    /* in the caller's work space, which outlives the ranking (freed here,
     * after ranking_free: not twice) and serves again */
    unsigned char *space = malloc(ranking_space(n));
    memset(space, 0xcd, ranking_space(n));
    for (int again = 0; again < 2; again++) {
        ranking_t *own = ranking_new_in(n, space);
        uint32_t *ranks = ranking_ranks(own);
        assert_true((unsigned char *)ranks >= space && (unsigned char *)(ranks + n) <= space + ranking_space(n));
        if (again) ranking_run_whole(own, n, whole_key_of, ctx, ranks);
        else ranking_run(own, n, whole_key_of, ctx, ranks);
        for (size_t i = 0; i < n; i++) assert_int_equal(ranks[i], want[i]);
        ranking_free(own);
    }
    free(space);
}

static void whole_keys_rank_as_exact_keys_do(void **state)
{
    (void)state;
    const size_t sizes[] = {7, 600, 5000};
    for (size_t s = 0; s < 2 * sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s / 2];
        bool some_out = s % 2 == 0;
        int *keys = malloc(n * sizeof *keys);
        uint32_t *groups = malloc(n * sizeof *groups), *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        unsigned seed = 12345;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            keys[i] = (int)((seed >> 8) % 201) - 100; /* many ties, negatives too */
            if (some_out && (seed >> 20) % 17 == 0) keys[i] = 999;
            if (i % 1000 == 999) keys[i] = 4000000; /* near 2^22 */
            groups[i] = 1 + (uint32_t)((seed >> 4) % 3);
        }
        whole_keys_t ctx = {keys, groups};
        ranking_t *rk = ranking_new(n);
        ranking_run(rk, n, whole_key_of, &ctx, a);
        ranking_run_whole(rk, n, whole_key_of, &ctx, b);
        size_t unranked = 0;
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(a[i], b[i]);
            unranked += a[i] == 0;
        }
        assert_true(some_out ? unranked > 0 : unranked == 0);
        ranks_in_the_work_space(rk, n, &ctx, a);
        ranking_free(rk);
        free(keys);
        free(groups);
        free(a);
        free(b);
    }
    /* by hand: 5, 3, 5, 1 in one group; 2 alone in another */
    int keys[] = {5, 3, 5, 1, 2, 999};
    uint32_t groups[] = {1, 1, 1, 1, 2, 1}, ranks[6];
    whole_keys_t ctx = {keys, groups};
    ranking_t *rk = ranking_new(6);
    ranking_run_whole(rk, 6, whole_key_of, &ctx, ranks);
    const uint32_t want[] = {1, 3, 1, 4, 1, 0};
    for (int i = 0; i < 6; i++) assert_int_equal(ranks[i], want[i]);
    ranks_in_the_work_space(rk, 6, &ctx, want);
    ranking_free(rk);
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i]) return false;
    return true;
}

/* Room taken from the chunk being filled (arena_alloc_spare): zeroed,
 * aligned, after what was allocated and before what comes next, never a
 * new chunk (NULL when the room is short, the arena as it was). */
static void spare_room_of_an_arena(void **state)
{
    (void)state;
    for (int large = 0; large < 2; large++) {
        arena_t a;
        if (large) arena_init_large(&a);
        else arena_init(&a);
        assert_null(arena_alloc_spare(&a, 16)); /* no chunk yet: none is made */
        assert_null(a.head);
        unsigned char *first = arena_alloc(&a, 100);
        memset(first, 0x5a, 100);
        arena_chunk_t *chunk = a.head;
        size_t chunks = a.nchunks;
        size_t room = large ? (size_t)3 << 20 : (size_t)40 << 10;
        unsigned char *spare = arena_alloc_spare(&a, room);
        assert_non_null(spare);
        assert_true(spare >= first + 100);
        assert_int_equal((uintptr_t)spare % _Alignof(max_align_t), 0);
        assert_true(all_zero(spare, room));
        memset(spare, 0xa5, room);
        assert_ptr_equal(a.head, chunk);
        assert_int_equal(a.nchunks, chunks);
        /* more than is left: NULL, and nothing taken */
        assert_null(arena_alloc_spare(&a, room));
        assert_ptr_equal(a.head, chunk);
        unsigned char *after = arena_alloc(&a, 64);
        assert_true(after >= spare + room || a.head != chunk);
        assert_true(all_zero(after, 64));
        assert_int_equal(first[99], 0x5a);
        /* what is left of the new chunk, if one was made, serves again */
        unsigned char *more = arena_alloc_spare(&a, 1);
        assert_non_null(more);
        assert_true(all_zero(more, 1));
        arena_free(&a);
    }
}

static void values_are_shown_one_way_everywhere(void **state)
{
    (void)state;
    assert_string_equal(shown(json_integer(12000), 0), "12000");
    assert_string_equal(shown(json_real(0.95), 0), "0.95");
    assert_string_equal(shown(json_real(5.914286), 0), "5.914286");  /* as the JSON holds it */
    assert_string_equal(shown(json_real(0.955), DISPLAY_PERCENT), "95.5%"); /* exact: not 95.49999 */
    assert_string_equal(shown(json_real(0.955), DISPLAY_PERCENT | DISPLAY_FIXED), "95.50%");
    assert_string_equal(shown(json_real(0.535714), DISPLAY_PERCENT), "53.57%");
    assert_string_equal(shown(json_integer(1), DISPLAY_PERCENT), "100%");
    assert_string_equal(shown(json_real(1.5), DISPLAY_FIXED), "1.50");
    assert_string_equal(shown(json_real(9.25), DISPLAY_FIXED | DISPLAY_COMMA), "9,25");
    assert_string_equal(shown(json_real(0.8825), DISPLAY_PERCENT | DISPLAY_FIXED | DISPLAY_COMMA), "88,25%");
    /* yes/no in the language of messages: English here, "đúng"/"sai" from the
     * catalogue in Vietnamese reports (tests/i18n) */
    assert_string_equal(shown(json_true(), 0), "true");
    assert_string_equal(shown(json_false(), 0), "false");
    assert_string_equal(shown(json_null(), 0), "(không phát sinh)");
    assert_string_equal(shown(json_string("2021-01-15"), DISPLAY_COMMA), "2021-01-15"); /* strings untouched */
    assert_string_equal(shown(json_real(1e300), 0), "1e+300");     /* beyond fractions: a double */
    assert_string_equal(shown(json_array(), 0), "?");
}

/* The one rounding rule: halves away from zero, from the exact value.
 * 2.125, 81.25, 40.125 and 2.675 are where a binary double rounds the
 * other way (printf("%.2f", 2.675) says 2.67). */
static void halves_round_away_from_zero_in_every_form(void **state)
{
    (void)state;
    char buf[64];
    bool of = false;
    assert_string_equal(display_rat(rat_make(17, 8, &of), DISPLAY_FIXED, buf, sizeof buf), "2.13");   /* 2.125 */
    assert_string_equal(display_rat(rat_make(-17, 8, &of), DISPLAY_FIXED, buf, sizeof buf), "-2.13");
    assert_string_equal(display_rat(rat_make(6500, 8000, &of), DISPLAY_PERCENT | DISPLAY_FIXED, buf, sizeof buf), "81.25%");
    assert_string_equal(display_rat(rat_make(325, 4, &of), DISPLAY_WHOLE, buf, sizeof buf), "81");    /* 81.25 */
    assert_string_equal(display_rat(rat_make(161, 2, &of), DISPLAY_WHOLE, buf, sizeof buf), "81");    /* 80.5 */
    assert_string_equal(display_rat(rat_make(321, 800, &of), DISPLAY_PERCENT | DISPLAY_FIXED, buf, sizeof buf), "40.13%");
    assert_string_equal(display_rat(rat_make(5, 2, &of), DISPLAY_FIXED | DISPLAY_SIGN, buf, sizeof buf), "+2.50");
    assert_string_equal(display_rat(rat_int(0), DISPLAY_FIXED | DISPLAY_SIGN, buf, sizeof buf), "0.00");
    assert_false(of);
    /* statistics kept as doubles: read back as their shortest decimal */
    assert_string_equal(display_double(2.125, DISPLAY_FIXED, buf, sizeof buf), "2.13");
    assert_string_equal(display_double(2.675, DISPLAY_FIXED, buf, sizeof buf), "2.68");
    assert_string_equal(display_double(0.8125, DISPLAY_PERCENT | DISPLAY_FIXED | DISPLAY_COMMA, buf, sizeof buf), "81,25%");
    assert_string_equal(display_double(-0.0, DISPLAY_FIXED, buf, sizeof buf), "0.00");
    assert_string_equal(shown(json_real(2.125), DISPLAY_FIXED), "2.13");
    assert_string_equal(shown(json_real(0.40125), DISPLAY_PERCENT | DISPLAY_FIXED), "40.13%");
}

static void texts_are_put_in_nfc_only_when_needed(void **state)
{
    (void)state;
    assert_null(nfc_if_needed(""));
    assert_null(nfc_if_needed("UBND huyen Duc Tho"));
    assert_null(nfc_if_needed("UBND huyện Đức Thọ, Hà Tĩnh")); /* precomposed: left alone */
    assert_null(nfc_if_needed("Ữ ự ỹ ậ ẫ"));                 /* U+1E00–U+1EFF */
    assert_null(nfc_if_needed("Zürich · 2021 – 50%"));         /* other NFC text, checked by utf8proc */
    char *n = nfc_if_needed("huye\xcc\xa3\xcc\x82n");      /* e + dot below + circumflex */
    assert_string_equal(n, "huyện");
    free(n);
    n = nfc_if_needed("\xc4\x90u\xcc\x9b\xcc\x81" "c Tho\xcc\xa3"); /* Đức Thọ decomposed */
    assert_string_equal(n, "Đức Thọ");
    free(n);
    n = nfc_if_needed("\xe2\x84\xab"); /* ANGSTROM SIGN becomes Å (U+00C5) */
    assert_string_equal(n, "\xc3\x85");
    free(n);
}

/* The valid prefix and the NFC flag of `text` (n bytes) at every offset
 * it can start at within an eight-byte word, after `pad` ASCII bytes. */
static void assert_validates(const char *text, size_t n, size_t valid, int maybe_not_nfc)
{
    for (size_t pad = 0; pad < 17; pad++) {
        char buf[128];
        memset(buf, 'a', pad);
        memcpy(buf + pad, text, n);
        int flag = -1;
        assert_int_equal(utf8_valid_prefix_nfc((const unsigned char *)buf, pad + n, &flag), pad + valid);
        if (valid == n) assert_int_equal(flag, maybe_not_nfc);
    }
}

static void rules_text_is_validated_and_screened_for_nfc_in_one_pass(void **state)
{
    (void)state;
    const char *plain[] = {"", "chỉ_số \"Đức Thọ\" { tổng 100 }", "Ữ ự ỹ ậ ẫ", "mức ≥ 98% -> 1 ≤ → – “x”",
                           "Zürich · 2021"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        assert_validates(plain[i], strlen(plain[i]), strlen(plain[i]), 0);
        assert_true(nfc_quick_check(plain[i]));
    }
    const char *maybe[] = {"a ≠ b", "huye\xcc\xa3\xcc\x82n", "\xe2\x84\xab", "\xe2\x83\x90", "日本", "\xf0\x9f\x98\x80"};
    for (size_t i = 0; i < sizeof maybe / sizeof *maybe; i++)
        assert_validates(maybe[i], strlen(maybe[i]), strlen(maybe[i]), 1);
    /* the first bad byte, wherever it falls in a word of eight */
    assert_validates("ab\0cd", 5, 2, 0);
    assert_validates("ab\xff", 3, 2, 0);
    assert_validates("xin chào\xc3", 10, 9, 0);             /* cut short */
    assert_validates("\xe0\x80\x80", 3, 0, 0);            /* overlong */
    assert_validates("\xed\xa0\x80", 3, 0, 0);            /* surrogate */
    assert_validates("\xf4\x90\x80\x80", 4, 0, 0);       /* beyond U+10FFFF */
    assert_validates("abcdefgh\x80", 9, 8, 0);              /* a lone continuation byte */
}

static void string_buffer_grows_and_stays_terminated(void **state)
{
    (void)state;
    strbuf_t sb;
    sb_init(&sb);
    for (int i = 0; i < 10000; i++) sb_addc(&sb, (char)('a' + i % 26));
    assert_int_equal(sb.len, 10000);
    assert_int_equal(sb.data[10000], '\0');
    assert_int_equal(sb.data[9999], 'a' + 9999 % 26);
    sb.len = 0;
    sb_adds(&sb, "xin chào");
    assert_string_equal(sb.data, "xin chào");
    char *taken = sb_take(&sb);
    assert_string_equal(taken, "xin chào");
    free(taken);
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_special_character_at_every_position_is_escaped),
        cmocka_unit_test(plain_and_vietnamese_strings_are_copied),
        cmocka_unit_test(integers_and_objects_are_written_compactly),
        cmocka_unit_test(numbers_are_formatted_exactly),
        cmocka_unit_test(numbers_appended_as_rat_format_writes_them),
        cmocka_unit_test(whole_keys_rank_as_exact_keys_do),
        cmocka_unit_test(spare_room_of_an_arena),
        cmocka_unit_test(values_are_shown_one_way_everywhere),
        cmocka_unit_test(halves_round_away_from_zero_in_every_form),
        cmocka_unit_test(texts_are_put_in_nfc_only_when_needed),
        cmocka_unit_test(string_buffer_grows_and_stays_terminated),
        cmocka_unit_test(rules_text_is_validated_and_screened_for_nfc_in_one_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_json_fast.c — the simdjson reader (engine/support/json_fast.cpp)
 * against jansson's: every text it takes gives the tree json_loadb gives
 * (same types, same values, same key order), and every text jansson
 * decides in its own way (an error, a duplicate key, a NUL, a number at
 * the edges) is left to jansson, so that its message and position stay
 * the ones users see. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include "engine/support/json_fast.h"

#include <stdlib.h>
#include <string.h>

static const size_t FLAGS = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY;

/* Taken by the fast reader, and the same as jansson's tree. */
static void fast_and_same(const char *text)
{
    json_t *fast = json_fast_load(text, strlen(text), false);
    json_t *slow = json_loadb(text, strlen(text), FLAGS, NULL);
    if (!fast) fail_msg("not read fast: %s", text);
    assert_non_null(slow);
    if (!same_json_tree(fast, slow)) fail_msg("a different tree: %s", text);
    json_decref(fast);
    json_decref(slow);
}

/* Left to jansson (whether jansson takes it or not). */
static void left_to_jansson(const char *text, size_t len)
{
    json_t *fast = json_fast_load(text, len, false);
    if (fast) fail_msg("read fast, but jansson must decide: %.*s", (int)(len > 60 ? 60 : len), text);
}

static void test_same_trees(void **state)
{
    (void)state;
    fast_and_same("{\"unit\":{\"id\":\"H01\",\"name\":\"Huyện Đức Thọ\",\"level\":\"huyện\"},\"period\":\"2021\","
                  "\"metrics\":{\"plan\":{\"tasks\":12,\"done\":11.5,\"issued_on\":\"2021-01-05\"},"
                  "\"survey\":{\"satisfaction\":0.875},\"reports\":{\"late\":null},\"ok\":true,\"no\":false}}");
    fast_and_same("{\"b\":1,\"a\":2,\"c\":{\"z\":[1,2,[3,{}],[]],\"y\":\"\"}}"); /* key order kept */
    fast_and_same("  {\"x\" : [ 1 , -2 , 3.25 , -1e-5 , 1E+2 , 1.5e299 , -0 , -9223372036854775808 ,"
                  " 9223372036854775807 ] }  \n");
    fast_and_same("{\"s\":\"tab\\tquote\\\" slash\\/ back\\\\ nl\\n \\u00e9\\u1ec7 \\ud83d\\ude00\"}");
    fast_and_same("\"a string\"");
    fast_and_same("42");
    fast_and_same("0.1");
    fast_and_same("null");
    fast_and_same("[]");
    fast_and_same("{\"h\":\"\xed\x95\x9c\xea\xb5\xad\"}"); /* Hangul starts with 0xED too */
}

static void test_left_to_jansson(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "",
        "   ",
        "{\"a\":1,\"a\":2}",                            /* duplicate key: jansson names it */
        "{\"o\":{\"k\":1,\"k\":1}}",
        "{\"a\\u0000b\":1}",                           /* NUL in a key */
        "{\"a\":\"x\\u0000y\"}",                        /* NUL in a string */
        "{\"a\":\"x\\ud800y\"}",                        /* lone high surrogate */
        "{\"a\":\"x\\udc00y\"}",                        /* lone low surrogate */
        "{\"a\":18446744073709551615}",                /* beyond int64: jansson, then exact */
        "{\"a\":9223372036854775808}",
        "{\"a\":-9223372036854775809}",
        "{\"a\":123456789012345678901234567890}",
        "{\"a\":1e400}",
        "{\"a\":1e-400}",
        "{\"a\":0.0}",                                 /* zero and the extremes of a double */
        "{\"a\":-0.0}",
        "{\"a\":1e-320}",
        "{\"a\":1}x",                                  /* trailing text */
        "{\"a\":1} {}",
        "{\"a\":01}",
        "{\"a\":NaN}",
        "{\"a\":tru}",
        "{'a':1}",
        "{\"a\":1,}",
        "{\"a\":[1,2,]}",
        "{\"a\":\"raw\ttab\"}",                         /* a control character unescaped */
        "{\"a\":\"\xff\"}",                             /* not UTF-8 */
        "{\"a\":\"\xc3\"}",
        "{\"a\":\"\xed\xa0\x80\"}",                     /* an encoded surrogate */
        "{\"a\":1",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) left_to_jansson(texts[i], strlen(texts[i]));
    left_to_jansson("{\"a\":1}\0", 8); /* a NUL after the value */
    /* nesting deeper than simdjson's 1 024 levels: jansson reads it (or not) */
    size_t depth = 1500;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    left_to_jansson(deep, 2 * depth);
    free(deep);
}

/* A NUL or a lone surrogate at every place of strings of 1 to 24 bytes
 * (the check goes eight bytes at a time, its last word overlapping), in a
 * key and in a value; and the same strings with a Hangul letter (0xED,
 * taken) there instead. */
static void test_every_place(void **state)
{
    (void)state;
    static const char *const bad[] = {"\\u0000", "\\udc00", "\\ud800"};
    char text[300], s[120];
    for (int n = 1; n <= 24; n++)
        for (int at = 0; at < n; at++) {
            for (size_t b = 0; b < 3; b++) {
                snprintf(s, sizeof s, "%.*s%s%.*s", at, "abcdefghijklmnopqrstuvwxyz", bad[b], n - at - 1,
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
                snprintf(text, sizeof text, "{\"%s\":1}", s);
                left_to_jansson(text, strlen(text));
                snprintf(text, sizeof text, "{\"k\":\"%s\"}", s);
                left_to_jansson(text, strlen(text));
            }
            snprintf(s, sizeof s, "%.*s\xed\x95\x9c%.*s", at, "abcdefghijklmnopqrstuvwxyz", n - at - 1,
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            snprintf(text, sizeof text, "{\"%s\":\"%s\"}", s, s);
            fast_and_same(text);
        }
}

/* A text just at the end of its buffer (no padding after it): read from
 * a copy; AddressSanitizer and valgrind see every byte read. */
static void test_no_padding_needed(void **state)
{
    (void)state;
    const char *text = "{\"unit\":{\"id\":\"X\"},\"metrics\":{\"a\":1}}";
    size_t len = strlen(text);
    char *exact = malloc(len);
    memcpy(exact, text, len);
    json_t *j = json_fast_load(exact, len, false);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "metrics"), "a")), 1);
    json_decref(j);
    free(exact);
}

/* With allow_nul, strings may hold NUL (jansson's JSON_ALLOW_NUL: the
 * marked exact numbers); keys still may not. */
static void test_allow_nul(void **state)
{
    (void)state;
    const char *text = "{\"x\":\"\\u00001.00000000000000000001\",\"y\":[\"a\\u0000b\"]}";
    json_t *fast = json_fast_load(text, strlen(text), true);
    json_t *slow = json_loadb(text, strlen(text), FLAGS | JSON_ALLOW_NUL, NULL);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_true(same_json_tree(fast, slow));
    assert_int_equal(json_string_length(json_object_get(fast, "x")), 23);
    json_decref(fast);
    json_decref(slow);
    assert_null(json_fast_load("{\"a\\u0000\":1}", 13, true));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_trees),
        cmocka_unit_test(test_left_to_jansson),
        cmocka_unit_test(test_every_place),
        cmocka_unit_test(test_no_padding_needed),
        cmocka_unit_test(test_allow_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_exact.c — scoring stays exact where 64-bit fractions overflow: the
 * average of five survey groups' satisfaction ratios (whose common
 * denominator is 1 237 × 2 099 × 3 119 × 4 127 × 5 101), a constant
 * expression past 64 bits, and big intermediates that come back small.
 * Every expected value was worked out with Python's fractions.Fraction;
 * the exact ones are checked with bands whose thresholds are those
 * fractions, so that a value off by 1e-30 would fail. */
#include "support.h"

#include "engine/eval/result.h"
#include "engine/support/json_exact.h"

#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The compact result JSON text, as `chiso score` writes it. */
static char *result_text(const char *rules, const char *sub)
{
    chiso_program *p = load_rules(rules);
    if (chiso_program_errors(p)) chiso_program_print_diagnostics(p, stderr, false);
    assert_int_equal(chiso_program_errors(p), 0);
    chiso_result *r = chiso_score_text(p, 0, sub, strlen(sub), "test.json");
    strbuf_t sb;
    sb_init(&sb);
    result_write_json(r, &sb, false);
    chiso_result_free(r);
    chiso_program_free(p);
    return sb_take(&sb);
}

static json_t *run(const char *rules, const char *sub)
{
    char *text = result_text(rules, sub);
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    assert_non_null(j);
    free(text);
    return j;
}

#define AVG "(ratio(s.g1.yes, s.g1.n) + ratio(s.g2.yes, s.g2.n) + ratio(s.g3.yes, s.g3.n)" \
            " + ratio(s.g4.yes, s.g4.n) + ratio(s.g5.yes, s.g5.n)) / 5 * 10"
#define SURVEY "{\"unit\":{\"id\":\"u\"},\"period\":\"2021\",\"metrics\":{\"s\":{" \
    "\"g1\":{\"yes\":1198,\"n\":1237},\"g2\":{\"yes\":2033,\"n\":2099},\"g3\":{\"yes\":3019,\"n\":3119}," \
    "\"g4\":{\"yes\":3997,\"n\":4127},\"g5\":{\"yes\":4940,\"n\":5101}},\"d\":{\"on_time\":5778,\"total\":5926}}}"

/* v = (1198/1237 + 2033/2099 + 3019/3119 + 3997/4127 + 4940/5101) / 5 × 10
 *   = 1650948543184888574 / 170485444160363219 = 9.68380937924508…
 * 1.1 = 2 × linear(v, 5, 10) = 2 (v − 5) / 5 = 1597042644766144958 / 852427220801816095
 *     = 1.87352375169803…; 1.2 = 2 (v >= 9); 2.1 = 3 (5778/5926 = 97.5 % >= 95 %)
 * points = 1.1 + 5 = 5859178748775225433 / 852427220801816095 = 6.87352375169803…
 * percent = points / 7 × 100 = 16740510710786358380 / 170485444160363219 = 98.1931964528290…
 * With 64-bit fractions the percent overflowed and the unit was not scored. */
static const char *SURVEY_RULES =
    "index \"t\" { total 7 grade { \"Xuất sắc\" >= 90 \"Yếu\" otherwise }\n"
    " field 1 \"Hài lòng\" max 4 {\n"
    "  criterion 1.1 \"theo tỷ lệ\" max 2 { score max * linear(" AVG ", 5, 10) }\n"
    "  criterion 1.2 \"theo mức\" max 2 { value " AVG " band >= 9 -> 2 band >= 8 -> 1 band otherwise -> 0 } }\n"
    " field 2 \"TTHC\" max 3 {\n"
    "  criterion 2.1 \"đúng hạn\" max 3 { value ratio(d.on_time, d.total) band >= 95% -> 3 band otherwise -> 0 } }\n"
    " field 9 \"kiểm tra\" max 0 {\n"
    "  criterion 9.1 \"v đúng bằng\" max 0 { value " AVG " band >= 1650948543184888574 / 170485444160363219 -> 0"
    "   band otherwise -> 0 }\n"
    "  criterion 9.2 \"v không lớn hơn\" max 0 { value " AVG " band > 1650948543184888574 / 170485444160363219 -> 0"
    "   band otherwise -> 0 } } }";

static void five_survey_groups_average_exactly(void **s)
{
    (void)s;
    char *text = result_text(SURVEY_RULES, SURVEY);
    json_t *r = json_loads(text, 0, NULL);
    assert_non_null(r);
    assert_string_equal(str(r, "status"), "ok");
    /* Written to 6 decimals, rounded half away from zero. */
    assert_non_null(strstr(text, "\"points\":6.873524,\"max\":7,\"percent\":98.193196,\"grade\":\"Xuất sắc\""));
    assert_true(num_field(find_node(r, "1.1"), "points") == 1.873524);
    assert_true(num_field(find_node(r, "1.2"), "points") == 2);
    assert_true(num_field(find_node(r, "1.2"), "value") == 9.683809);
    assert_true(num_field(find_node(r, "2.1"), "points") == 3);
    /* v is exactly the fraction: >= holds, > does not. */
    assert_string_equal(str(find_node(r, "9.1"), "band"), ">= 1650948543184888574 / 170485444160363219");
    assert_string_equal(str(find_node(r, "9.2"), "band"), "otherwise");
    json_decref(r);
    free(text);
}

/* 999999999999² = 999999999998000000000001, past 64 bits: once checked
 * clean and then failed every unit; now it scores, exactly. */
static void constant_past_64_bits_scores(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 2 field 1 \"f\" max 2 {\n"
        " criterion 1.1 \"c\" max 1 { value 999999999999 * 999999999999\n"
        "   band > 999999999999 * 999999999999 -> 0 band >= 999999999999 * 999999999999 -> 1 band otherwise -> 0 }\n"
        " criterion 1.2 \"back to small\" max 1 { score 999999999999 * 999999999999 / 999999999999 / 999999999999 } } }";
    char *text = result_text(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{}}");
    assert_non_null(strstr(text, "\"value\":999999999998000000000001.0"));
    assert_non_null(strstr(text, "\"points\":2,\"max\":2,\"percent\":100"));
    free(text);
}

/* A big intermediate with a small result is the fast path's number. */
static void big_intermediates_come_back_small(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
        " score (a.x * a.y - a.x * a.y + a.z) / a.w } } }";
    /* x·y = 4000000007 × 4000000009 overflows; the difference is 0; z/w = 3/4 */
    json_t *r = run(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":"
                           "{\"x\":4000000007,\"y\":4000000009,\"z\":3,\"w\":4}}}");
    assert_string_equal(str(r, "status"), "ok");
    assert_true(num_field(r, "points") == 0.75);
    assert_true(num_field(r, "percent") == 75);
    json_decref(r);
}

/* Points that are themselves big fractions: summed, made a percent,
 * compared with a self-assessment, and ranked exactly. */
static void big_points_sum_rank_and_compare(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 2 field 1 \"f\" max 2 {"
        " criterion 1.1 \"c\" max 1 { score 1 - ratio(1, a.p) * ratio(1, a.q) }"
        " criterion 1.2 \"d\" max 1 { score 1 } } }";
    /* 1.1 = 1 - 1/(p·q), p·q = 16000000064000000063 past 64 bits; total 2 - 1/(p·q);
     * percent 100 - 50/(p·q): to 6 decimals 2 and 100 (not reached: below by 3e-18). */
    const char *sub = "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"p\":4000000007,\"q\":4000000009}},"
                      "\"self_assessment\":{\"total\":2}}";
    chiso_program *p = load_rules(rules);
    assert_int_equal(chiso_program_errors(p), 0);
    const char *sub2 = "{\"unit\":{\"id\":\"v\"},\"metrics\":{\"a\":{\"p\":4000000007,\"q\":4000000007}}}";
    chiso_result *rs[3] = {chiso_score_text(p, 0, sub, strlen(sub), "u.json"),
                           chiso_score_text(p, 0, sub2, strlen(sub2), "v.json"),
                           chiso_score_text(p, 0, sub, strlen(sub), "u2.json")};
    /* v loses 1/p², more than 1/(p·q) since p < q: v is behind. */
    chiso_rank(rs, 3);
    json_t *u = chiso_result_to_json(rs[0]), *v = chiso_result_to_json(rs[1]), *u2 = chiso_result_to_json(rs[2]);
    assert_string_equal(str(u, "status"), "ok");
    assert_true(num_field(u, "points") == 2);
    assert_true(num_field(u, "percent") == 100);
    assert_int_equal(json_integer_value(json_object_get(u, "rank")), 1);
    assert_int_equal(json_integer_value(json_object_get(u2, "rank")), 1); /* the same exact percent */
    assert_int_equal(json_integer_value(json_object_get(v, "rank")), 3);  /* below by 3e-18 % only */
    /* claimed 2, computed 2 - 1/(p·q): they differ, though both show as 2 */
    assert_int_equal(json_array_size(json_object_get(u, "self_assessment")), 1);
    json_decref(u);
    json_decref(v);
    json_decref(u2);
    for (int i = 0; i < 3; i++) chiso_result_free(rs[i]);
    chiso_program_free(p);
}

/* Numbers in a submission are read as written: beyond a double's 15
 * digits and range, and beyond 64 bits, exactly. */
static void submitted_numbers_are_read_exactly(void **s)
{
    (void)s;
    const char *rules_fmt =
        "index \"t\" { total 2 field 1 \"f\" max 2 {"
        " criterion 1.1 \"at least\" max 1 { value a.x band >= %s -> 1 band otherwise -> 0 }"
        " criterion 1.2 \"above\" max 1 { value a.x band > %s -> 1 band otherwise -> 0 } } }";
    static const struct {
        const char *json, *exact; /* as submitted; the same value as a rules expression */
        const char *value;        /* the result's "value" text */
    } cases[] = {
        {"1e-21", "1 / 1000000000000000000 / 1000", "0"},
        {"1e18", "1000000000000000000", "1000000000000000000"},
        {"1E+18", "1000000000000000000", "1000000000000000000"},
        {"0.1234567890123456789", "1234567890123456789 / 1000000000000000000 / 10", "0.123457"},
        {"12345678901234567890123", "1234567890123 * 10000000000 + 4567890123", "12345678901234567890123.0"},
        {"1.00000000000000000001", "1 + 1 / 1000000000000000000 / 100", "1"},
        {"-7.5e-1", "-0.75", "-0.75"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char rules[1024], sub[256];
        snprintf(rules, sizeof rules, rules_fmt, cases[i].exact, cases[i].exact);
        snprintf(sub, sizeof sub, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":%s}}}", cases[i].json);
        char *text = result_text(rules, sub);
        char value[128];
        snprintf(value, sizeof value, "\"value\":%s,", cases[i].value);
        if (!strstr(text, value) || !strstr(text, "\"points\":1,\"max\":2"))
            fprintf(stderr, "case %s: %s\n", cases[i].json, text);
        assert_non_null(strstr(text, value));
        /* >= holds, > does not: exactly the value written, not a double near it */
        assert_non_null(strstr(text, "\"points\":1,\"max\":2"));
        free(text);
    }
    /* 1e-400 is exactly 1 / (10^10)^40 */
    char rules[4096], tens[1024] = "1";
    for (int i = 0; i < 40; i++) strcat(tens, " / 10000000000");
    snprintf(rules, sizeof rules, rules_fmt, tens, tens);
    char *exact = result_text(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":1e-400}}}");
    assert_non_null(strstr(exact, "\"points\":1,\"max\":2"));
    free(exact);
    /* 1e-400 is not 0: a band "> 0" holds */
    char *text = result_text("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
                             " value a.x band > 0 -> 1 band otherwise -> 0 } } }",
                             "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":1e-400}}}");
    assert_non_null(strstr(text, "\"points\":1,\"max\":1"));
    free(text);
}

/* Numbers of the unit object, echoed in the result, come out as the
 * submission wrote them (they were strings holding a NUL and the number),
 * and a caller's tree gets doubles, or the text of one beyond a double. */
static void unit_numbers_echoed_as_written(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
                        " value a.x band > 0 -> 1 band otherwise -> 0 } } }";
    const char *sub = "{\"unit\":{\"id\":\"u\",\"code\":123456789012345678901234,\"area\":1.23456789012345678,"
                      "\"far\":[1e400,{\"near\":-2E-400}]},\"metrics\":{\"a\":{\"x\":1}}}";
    char *text = result_text(rules, sub);
    assert_non_null(strstr(text, "\"unit\":{\"id\":\"u\",\"code\":123456789012345678901234,"
                                 "\"area\":1.23456789012345678,\"far\":[1e400,{\"near\":-2E-400}]},"));
    assert_null(strstr(text, "\\u0000"));
    free(text);

    chiso_program *p = load_rules(rules);
    chiso_result *r = chiso_score_text(p, 0, sub, strlen(sub), "test.json");
    json_t *j = chiso_result_to_json(r);
    json_t *unit = json_object_get(j, "unit");
    assert_string_equal(str(j, "status"), "ok");
    assert_true(json_is_real(json_object_get(unit, "code")));
    assert_true(json_real_value(json_object_get(unit, "code")) == 123456789012345678901234.0);
    assert_true(json_real_value(json_object_get(unit, "area")) == 1.23456789012345678);
    json_t *far = json_object_get(unit, "far");
    assert_string_equal(json_string_value(json_array_get(far, 0)), "1e400"); /* no double holds it */
    assert_string_equal(json_string_value(json_object_get(json_array_get(far, 1), "near")), "-2E-400");
    json_decref(j);
    chiso_result_free(r);
    chiso_program_free(p);
}

/* The writer's rewriting of marked numbers leaves everything else alone. */
static void marked_numbers_rewritten_in_place(void **s)
{
    (void)s;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"{\"a\":\"\\u000012345678901234567890\"}", "{\"a\":12345678901234567890}"},
        {"[\"\\u00001e400\",\"\\u0000-1.5E-7\"]", "[1e400,-1.5E-7]"},
        {"[\"\\u0001#1.0000001\",\"\\u0001#\\\"123\\\"\"]", "[1.0000001,\"123\"]"},
        {"[\"\\u0000not a number\",\"plain\"]", "[\"\\u0000not a number\",\"plain\"]"},
        {"{\"\\u0000\":1}", "{\"\\u0000\":1}"},
        {"\"\\u0000", "\"\\u0000"},
        {"no marks", "no marks"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = strdup(cases[i].in);
        size_t n = json_exact_fix_text(t, strlen(t));
        assert_int_equal(n, strlen(cases[i].out));
        assert_string_equal(t, cases[i].out);
        free(t);
    }
}

/* Beyond the documented bounds: an error naming the metric and the number. */
static void numbers_beyond_the_bounds_are_errors(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
                        " value a.x band > 0 -> 1 band otherwise -> 0 } } }";
    static const char *const subs[] = {
        "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":1e1001}}}",
        "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":-1e-1001}}}",
    };
    for (size_t i = 0; i < 2; i++) {
        json_t *r = run(rules, subs[i]);
        assert_string_equal(str(r, "status"), "error");
        const char *e = json_string_value(json_array_get(json_object_get(r, "errors"), 0));
        assert_non_null(strstr(e, i == 0 ? "metric 'a.x' = 1e1001 is beyond the numbers chiso reads exactly"
                                         : "metric 'a.x' = -1e-1001 is beyond"));
        assert_non_null(strstr(e, "at most 1000 digits and an exponent within ±1000"));
        json_decref(r);
    }
    /* A 1001-digit integer */
    char sub[1200] = "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":";
    size_t n = strlen(sub);
    memset(sub + n, '9', 1001);
    strcpy(sub + n + 1001, "}}}");
    json_t *r = run(rules, sub);
    assert_string_equal(str(r, "status"), "error");
    assert_non_null(strstr(json_string_value(json_array_get(json_object_get(r, "errors"), 0)),
                           "= 9999999999999999999999999999999999999..."));
    json_decref(r);
    /* Not a number where a string is read, nor a date */
    r = run("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
            " score if a.s == \"x\" then 1 else 0 } } }",
            "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"s\":1e400}}}");
    assert_string_equal(str(r, "status"), "error");
    assert_non_null(strstr(json_string_value(json_array_get(json_object_get(r, "errors"), 0)),
                           "metric 'a.s' must be a string, but is 1e400"));
    json_decref(r);
    /* Invalid JSON after such a number: the position in the text as written */
    r = run(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":{\"x\":1e-400,}}}");
    assert_non_null(strstr(json_string_value(json_array_get(json_object_get(r, "errors"), 0)),
                           "invalid JSON at line 1, column 47"));
    json_decref(r);
}

/* The one pass over a submission's text, at every offset of what it
 * looks for: a long number, a combining mark, a \u escape; precomposed
 * Vietnamese letters and escaped backslashes across word boundaries. */
static void the_text_scan_finds_what_it_must(void **s)
{
    (void)s;
    for (size_t pad = 0; pad < 25; pad++) { /* the scan reads 16 bytes at a time, then 8 */
        char text[256];
        char spaces[32] = "";
        memset(spaces, ' ', pad);
        snprintf(text, sizeof text, "{%s\"x\":1234567890123456}", spaces); /* 16 digits */
        assert_true(submission_scan(text, strlen(text)).long_numbers);
        snprintf(text, sizeof text, "{%s\"x\":0.1234567890123456}", spaces); /* 16 digits and a point */
        assert_true(submission_scan(text, strlen(text)).long_numbers);
        snprintf(text, sizeof text, "{%s\"x\":1234567,\"y\":1.5,\"z\":-0.25e3}", spaces); /* short ones */
        assert_false(submission_scan(text, strlen(text)).long_numbers);
        snprintf(text, sizeof text, "{%s\"huyện Đức Thọ\":\"a\\\\u\"}", spaces); /* NFC; "\\u" is no escape */
        assert_true(submission_scan(text, strlen(text)).keys_nfc);
        snprintf(text, sizeof text, "{%s\"ho\xcc\x82\xcc\x80\":1}", spaces); /* combining marks */
        assert_false(submission_scan(text, strlen(text)).keys_nfc);
        snprintf(text, sizeof text, "{%s\"h\\u1ed3\":1}", spaces); /* an escape */
        assert_false(submission_scan(text, strlen(text)).keys_nfc);
        snprintf(text, sizeof text, "{%s\"\xe2\x82\xac\":1}", spaces); /* U+20AC: left to utf8proc */
        assert_false(submission_scan(text, strlen(text)).keys_nfc);
    }
}


/* The text rewritten with each number a double would not give back
 * exactly marked as written, at every offset (the rewrite reads eight
 * bytes at a time): digits in strings, escaped quotes and backslashes,
 * leading zeros, 18 and 19 digits, exponents, a number at the very end. */
static void the_rewrite_marks_exactly_what_doubles_lose(void **s)
{
    (void)s;
    static const char *const cases[][2] = {
        {"{\"a\":12345678901234567890}", "{\"a\":\"\\u000012345678901234567890\"}"},
        {"{\"a\":123456789012345678,\"b\":-123456789012345678,\"c\":0,\"d\":-0}", NULL}, /* 18 digits */
        {"{\"a\":-1234567890123456789}", "{\"a\":\"\\u0000-1234567890123456789\"}"},       /* 19 */
        {"{\"s\":\"12345678901234567890\",\"t\":\"a\\\"12345678901234567890\\\\\",\"n\":0.12345678901234567}",
         "{\"s\":\"12345678901234567890\",\"t\":\"a\\\"12345678901234567890\\\\\",\"n\":\"\\u00000.12345678901234567\"}"},
        {"{\"a\":\"x\\u0000y\",\"n\":1e400}", NULL}, /* a NUL escape: parsed as it is, jansson refuses it */
        {"[0123456789012345678901]", "[0\"\\u0000123456789012345678901\"]"},
        {"1.00000000000000001", "\"\\u00001.00000000000000001\""},
        {"{\"a\":1e5,\"b\":2E-3,\"c\":1e-400,\"d\":12345678901234.5}", "{\"a\":1e5,\"b\":2E-3,\"c\":\"\\u00001e-400\",\"d\":12345678901234.5}"},
        {"[\"\\\\\",12345678901234567890,\"\\\\\\\"\"]", "[\"\\\\\",\"\\u000012345678901234567890\",\"\\\\\\\"\"]"},
        {"[-,99999999999999999999,-]", "[-,\"\\u000099999999999999999999\",-]"},
        {"[1.5,\"abc\\", NULL}, /* a string left open */
        {"{\"tiêu chí\":\"số 12345678901234567890\",\"n\":1234567.1234567891}",
         "{\"tiêu chí\":\"số 12345678901234567890\",\"n\":\"\\u00001234567.1234567891\"}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (size_t pad = 0; pad < 9; pad++) {
            char text[256], want[256];
            snprintf(text, sizeof text, "%*s%s", (int)pad, "", cases[i][0]);
            size_t n = 0;
            char *got = submission_exact_numbers(text, strlen(text), &n);
            if (!cases[i][1]) {
                if (got) fail_msg("rewritten, but must not be: %s -> %.*s", text, (int)n, got);
                continue;
            }
            snprintf(want, sizeof want, "%*s%s", (int)pad, "", cases[i][1]);
            if (!got || n != strlen(want) || memcmp(got, want, n))
                fail_msg("%s\n  gives %.*s\n  not   %s", text, got ? (int)n : 4, got ? got : "NULL", want);
            free(got);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_survey_groups_average_exactly),
        cmocka_unit_test(constant_past_64_bits_scores),
        cmocka_unit_test(big_intermediates_come_back_small),
        cmocka_unit_test(big_points_sum_rank_and_compare),
        cmocka_unit_test(submitted_numbers_are_read_exactly),
        cmocka_unit_test(numbers_beyond_the_bounds_are_errors),
        cmocka_unit_test(the_text_scan_finds_what_it_must),
        cmocka_unit_test(the_rewrite_marks_exactly_what_doubles_lose),
        cmocka_unit_test(unit_numbers_echoed_as_written),
        cmocka_unit_test(marked_numbers_rewritten_in_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

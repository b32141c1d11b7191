/* test_json_refs.c — results spooled with codes for their constant pieces
 * (engine/support/json_refs.h) expand to exactly the text the result
 * writer gives without them: for every fixture submission of the bundled
 * indexes, with explain traces, for results in error and for units with
 * numbers kept as written. Codes of every length round-trip, never hold a
 * line end, and a damaged code is refused. */
#include "support.h"

#include "engine/eval/result.h"
#include "engine/support/json_refs.h"
#include "engine/support/json_writer.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The result of `text` written with codes expands to the plain text;
 * the spooled form is no longer than it (under half of it when `shorter`
 * and the unit is scored). */
static void same_after_expanding(const chiso_program *p, const json_refs_t *refs, const char *text, size_t len,
                                 unsigned flags, bool shorter)
{
    chiso_result *r = chiso_score_text_ex(p, 0, text, len, "test.json", flags);
    strbuf_t plain, coded, expanded;
    sb_init(&plain);
    sb_init(&coded);
    sb_init(&expanded);
    result_write_json(r, &plain, false);
    result_write_json_refs(r, &coded, false, refs);
    assert_null(memchr(coded.data, '\n', coded.len));
    assert_true(json_refs_expand(refs, coded.data, coded.len, &expanded));
    if (expanded.len != plain.len || memcmp(expanded.data, plain.data, plain.len))
        fail_msg("expanded\n%.300s\nnot\n%.300s", expanded.data, plain.data);
    assert_true(coded.len <= plain.len);
    if (shorter && r->ok && coded.len * 2 >= plain.len) fail_msg("spooled in %zu bytes of %zu", coded.len, plain.len);
    sb_free(&plain);
    sb_free(&coded);
    sb_free(&expanded);
    chiso_result_free(r);
}

static void test_fixture_results_expand_to_the_plain_text(void **state)
{
    (void)state;
    static const char *const sets[][2] = {
        {"rules/examples/huyen-mini.chiso", "fixtures/examples/submissions"},
        {"rules/cap-huyen/ha-tinh-2021.chiso", "fixtures/cap-huyen/submissions"},
        {"rules/cap-so/dak-nong-y-te-2020.chiso", "fixtures/cap-so/submissions"},
        {"rules/cap-xa/lam-dong-2025.chiso", "fixtures/cap-xa/submissions"},
        {"rules/par-index/tinh-2017.chiso", "fixtures/par-index/submissions"},
        {"rules/par-index/tinh-2022-2030.chiso", "fixtures/par-index-2022-2030/submissions"},
    };
    int files = 0;
    for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
        chiso_program *p = chiso_program_load(sets[s][0]);
        assert_non_null(p);
        assert_int_equal(chiso_program_errors(p), 0);
        json_refs_t *refs = result_json_refs(p);
        DIR *d = opendir(sets[s][1]);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 5, ".json")) continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", sets[s][1], e->d_name);
            size_t len;
            char *text = read_file(path, &len);
            same_after_expanding(p, refs, text, len, 0, true);
            same_after_expanding(p, refs, text, len, CHISO_SCORE_TRACE, false);
            free(text);
            files++;
        }
        closedir(d);
        json_refs_free(refs);
        chiso_program_free(p);
    }
    assert_true(files > 20);
}

static void test_errors_and_long_numbers_expand_to_the_plain_text(void **state)
{
    (void)state;
    chiso_program *p = chiso_program_load("rules/examples/huyen-mini.chiso");
    assert_non_null(p);
    json_refs_t *refs = result_json_refs(p);
    static const char *const subs[] = {
        "{\"unit\":{\"id\":\"H1\"},\"period\":\"2021\",\"metrics\":{}}",                       /* missing metrics */
        "{\"unit\":{\"id\":\"H1\"},\"period\":\"2021\",\"metrics\":",                           /* not JSON */
        "{\"unit\":{\"id\":\"H1\",\"pop\":12345678901234567890123},\"period\":\"2021\",\"metrics\":{}}", /* kept as written */
        "{\"unit\":{\"id\":\"tab\\there\",\"name\":\"\\u0001\"},\"period\":\"2021\",\"metrics\":{}}",
    };
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) same_after_expanding(p, refs, subs[i], strlen(subs[i]), 0, false);
    json_refs_free(refs);
    chiso_program_free(p);
}

static void test_codes_of_every_length_round_trip(void **state)
{
    (void)state;
    json_refs_t *refs = json_refs_new();
    static char keys[60000][8];
    for (int i = 0; i < 60000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        json_refs_add_string(refs, keys[i]);
    }
    /* added twice: one piece */
    json_refs_add_string(refs, keys[0]);
    assert_int_equal(json_refs_find(refs, keys[0], JSON_REF_STRING), JC_COUNT);
    assert_int_equal(json_refs_find(refs, keys[0], JSON_REF_TEXT), -1);
    static const int ids[] = {0, 8, 9, 10, 27, 28, 29, 251, 252, 253, 300, 5000, 50000};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        strbuf_t coded, out;
        sb_init(&coded);
        sb_init(&out);
        sb_adds(&coded, "a");
        json_refs_put(&coded, ids[i]);
        sb_adds(&coded, "b");
        assert_null(memchr(coded.data, '\n', coded.len));
        assert_true(json_refs_expand(refs, coded.data, coded.len, &out));
        char want[32];
        if (ids[i] < JC_COUNT) snprintf(want, sizeof want, "a%sb", jw_common_text[ids[i]].text);
        else snprintf(want, sizeof want, "a\"k%d\"b", ids[i] - JC_COUNT);
        assert_string_equal(out.data, want);
        sb_free(&coded);
        sb_free(&out);
    }
    json_refs_free(refs);
    /* damaged: a code cut short, a line end, a NUL, pieces the table has not */
    refs = json_refs_new();
    static const char *const bad[] = {"x\x1e", "x\x1f\x20", "x\x1e\x05", "x\n", "", "x\x1e\xff", "x\x1f\x20\x20"};
    static const size_t badlen[] = {2, 3, 3, 2, 1, 3, 4};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        strbuf_t out;
        sb_init(&out);
        assert_false(json_refs_expand(refs, bad[i], badlen[i], &out));
        sb_free(&out);
    }
    json_refs_free(refs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_results_expand_to_the_plain_text),
        cmocka_unit_test(test_errors_and_long_numbers_expand_to_the_plain_text),
        cmocka_unit_test(test_codes_of_every_length_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

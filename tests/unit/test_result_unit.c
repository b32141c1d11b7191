/* test_result_unit.c — the unit object in a result's JSON: written by the
 * result writer itself for the usual one (strings, booleans, null, nothing
 * to escape), by jansson for any other; the text is json_dumpb's either
 * way, members in their order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chiso.h"

#include <stdlib.h>
#include <string.h>

static void test_unit_as_jansson_writes_it(void **state)
{
    (void)state;
    chiso_program *p = chiso_program_load("rules/examples/huyen-mini.chiso");
    assert_non_null(p);
    assert_int_equal(chiso_program_errors(p), 0);
    static const char *const units[] = {
        "{\"id\":\"H1\",\"name\":\"Huyện Đức Thọ\",\"level\":\"huyện\"}",
        "{\"level\":\"huyện\",\"id\":\"H2\",\"ranked\":false,\"note\":null,\"ok\":true}", /* order kept */
        "{\"id\":\"H3\",\"name\":\"tab\\there \\\"quoted\\\" back\\\\slash\"}",           /* escapes: jansson's */
        "{\"id\":\"H4\",\"name\":\"\\u0001\\u001f\\b\\f\\r\\n\\u007f /\"}",
        "{\"id\":\"H5\",\"population\":12345,\"area\":12.5,\"tags\":[\"a\",{\"b\":1}]}",
        "{\"id\":\"H6\",\"k\\\"ey\":\"x\",\"\":\"\"}",
        "{}",
    };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char sub[600];
        snprintf(sub, sizeof sub, "{\"unit\":%s,\"metrics\":{}}", units[i]);
        chiso_result *r = chiso_score_text(p, 0, sub, strlen(sub), "t");
        json_t *tree = json_loads(sub, 0, NULL);
        json_t *unit = json_object_get(tree, "unit");
        char *want = json_dumps(unit, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
        char *text = chiso_result_json_text(r);
        const char *at = strstr(text, "{\"unit\":");
        assert_non_null(at);
        if (strncmp(at + 8, want, strlen(want)))
            fail_msg("unit %zu written as\n%.200s\nnot as jansson writes it\n%s", i, at + 8, want);
        free(want);
        free(text);
        json_decref(tree);
        chiso_result_free(r);
    }
    chiso_program_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_as_jansson_writes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_json_paths.c — reading a submission along the metric paths
 * (engine/support/json_paths.cpp) against jansson's whole tree: every
 * value found by a path is the value jansson's tree holds there, the rest
 * of the tree is jansson's, and every text jansson decides in its own way
 * (anywhere, in the metrics not read too) is left to it. Then whole
 * results: scoring a text read along the paths gives the result, errors
 * and their order included, that scoring jansson's tree gives (with its
 * long numbers kept as written, as the text is read when it has some). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include "chiso.h"
#include "engine/eval/result.h"
#include "engine/support/json_fast.h"
#include "engine/support/json_paths.h"

#include <stdlib.h>
#include <string.h>

static const size_t FLAGS = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY;

/* The paths below as nodes: node k (k >= 1) is key[k] under parent[k]. */
static const char *const PATHS[] = {"plan.tasks", "plan.done", "survey.satisfaction", "reports.late",
                                    "ok", "a.b.c", "x", "x.y", "deep.k", "big.k1", "big.k12"};
/* and, added in setup: m.a0…m.a19 (a node of many keys, looked up by
 * hashing) and w.k0…w.k299 (more keys than a bit each can mark) */
enum { MAX_NODES = 400 };
static json_paths *paths;
static int parent[MAX_NODES];
static const char *key[MAX_NODES];

static void add_path(const char *text)
{
    char *path = strdup(text), *save = NULL;
    int node = 0;
    for (char *seg = strtok_r(path, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
        int up = node;
        node = json_paths_add(paths, up, seg);
        assert_true(node > 0 && node < MAX_NODES);
        if (!key[node]) key[node] = strdup(seg);
        assert_string_equal(key[node], seg);
        parent[node] = up;
    }
    json_paths_end(paths, node);
    free(path);
}

static int setup(void **state)
{
    (void)state;
    paths = json_paths_new();
    for (size_t i = 0; i < sizeof PATHS / sizeof *PATHS; i++) add_path(PATHS[i]);
    char path[32];
    for (int i = 0; i < 20; i++) {
        snprintf(path, sizeof path, "m.a%d", i);
        add_path(path);
    }
    for (int i = 0; i < 300; i++) {
        snprintf(path, sizeof path, "w.k%d", i);
        add_path(path);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    json_paths_free(paths);
    for (int k = 0; k < MAX_NODES; k++) free((char *)key[k]);
    return 0;
}

/* What binding finds at node k: the value read for it under a stand-in,
 * else a lookup in the value of its parent (made whole). */
static const json_t *found(json_t *const *values, const json_t *metrics, int k)
{
    if (k == 0) return metrics;
    const json_t *up = found(values, metrics, parent[k]);
    if (up && up == values[0]) return values[k];
    return json_is_object(up) ? json_object_get(up, key[k]) : NULL;
}

/* What jansson's tree holds at node k. */
static const json_t *expected(const json_t *metrics, int k)
{
    if (k == 0) return metrics;
    const json_t *up = expected(metrics, parent[k]);
    return json_is_object(up) ? json_object_get(up, key[k]) : NULL;
}

/* Read along the paths, and the same as jansson's tree. */
static void along_and_same(const char *text)
{
    size_t n = json_paths_count(paths);
    json_t *values[MAX_NODES];
    json_t *fast = json_paths_load(text, strlen(text), paths, values, false);
    json_t *slow = json_loadb(text, strlen(text), FLAGS, NULL);
    if (!fast) fail_msg("not read along the paths: %s", text);
    assert_non_null(slow);
    json_t *metrics = json_object_get(slow, "metrics");
    if (json_is_object(metrics)) {
        if (!values[0] || json_object_get(fast, "metrics") != values[0]) fail_msg("no stand-in: %s", text);
        for (size_t k = 0; k < n; k++) {
            const json_t *got = found(values, values[0], (int)k), *want = expected(metrics, (int)k);
            if (got == values[0] ? !json_is_object(want) : !same_json_tree(got, want))
                fail_msg("node %zu (%s) differs: %s", k, k ? key[k] : "metrics", text);
        }
        json_t *a = json_copy(fast), *b = json_copy(slow); /* the rest: jansson's tree */
        json_object_set_new(a, "metrics", json_object());
        json_object_set_new(b, "metrics", json_object());
        if (!same_json_tree(a, b)) fail_msg("a different tree: %s", text);
        json_decref(a);
        json_decref(b);
    } else {
        assert_null(values[0]);
        if (!same_json_tree(fast, slow)) fail_msg("a different tree: %s", text);
    }
    for (size_t k = 1; k < n; k++)
        if (values[k] != values[0]) json_decref(values[k]);
    json_decref(fast);
    json_decref(slow);
}

/* Left to jansson; nothing is left made. */
static void left_to_jansson(const char *text)
{
    json_t *values[MAX_NODES];
    memset(values, 0xAB, sizeof values);
    json_t *fast = json_paths_load(text, strlen(text), paths, values, false);
    if (fast) fail_msg("read along the paths, but jansson must decide: %s", text);
    for (size_t k = 0; k < json_paths_count(paths); k++) assert_null(values[k]);
}

static void test_paths_tree(void **state)
{
    (void)state;
    assert_int_equal(json_paths_add(paths, 0, "plan"), parent[json_paths_add(paths, json_paths_add(paths, 0, "plan"), "done")]);
    assert_int_equal(json_paths_count(paths), 19 + 21 + 301); /* the root, 18 keys, m and w with theirs */
}

static void test_same_values(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{\"unit\":{\"id\":\"H01\",\"name\":\"Huyện Đức Thọ\",\"level\":\"huyện\"},\"period\":\"2021\","
        "\"metrics\":{\"plan\":{\"tasks\":12,\"done\":11.5,\"issued_on\":\"2021-01-05\"},"
        "\"survey\":{\"satisfaction\":0.875},\"reports\":{\"late\":null},\"ok\":true,\"no\":false},"
        "\"self_assessment\":{\"A\":1.5,\"total\":{\"points\":3,\"evidence\":[\"x\"]}}}",
        "{\"metrics\":{}}",
        "{\"metrics\":{\"plan\":null,\"survey\":\"text\",\"reports\":[1,{\"late\":2}],\"a\":{\"b\":7}}}",
        "{\"metrics\":{\"a\":{\"b\":{\"c\":{\"d\":[1,{\"e\":null}]}}},\"x\":{\"y\":2,\"z\":[]}}}", /* x: read whole */
        "{\"metrics\":{\"x\":5,\"deep\":{\"k\":\"<điền: số>\",\"other\":{\"k\":1,\"l\":{\"m\":[[[]]]}}}}}",
        "{\"metrics\":{\"other\":{\"k\":1,\"k2\":{\"k\":1}},\"more\":[{\"a\":1,\"b\":2}],\"s\":\"\\\"q\\\" \\u00e9\"}}",
        /* many keys: a key given twice is looked for by hashing */
        "{\"metrics\":{\"big\":{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,"
        "\"k10\":10,\"k11\":11,\"k12\":12.25,\"k13\":-13},\"n1\":1,\"n2\":2,\"n3\":3,\"n4\":4,\"n5\":5,\"n6\":6,"
        "\"n7\":7,\"n8\":8,\"n9\":9,\"n10\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}}}",
        "{\"metrics\":{\"plan\":{\"tasks\":-9223372036854775808,\"done\":9223372036854775807},\"ok\":1e300}}",
        "{\"unit\":{\"id\":\"U\"},\"metrics\":\"not an object\"}",
        "{\"unit\":{\"id\":\"U\"}}",
        "{\"metrics\":{\"plan\":{\"tasks\":1}},\"metric\":2,\"metricss\":3}",
        /* keys like a path's: as long, the same first byte, a prefix, empty */
        "{\"metrics\":{\"plan\":{\"taskz\":1,\"tasks\":2,\"task\":3,\"tasks \":4,\"\":5,\"dona\":{\"done\":6},"
        "\"Done\":7,\"done\":8},\"plans\":1,\"pla\":2}}",
        /* keys of 1–12 bytes differing from a path's in one byte, first to last; keys out of order */
        "{\"metrics\":{\"survey\":{\"Satisfaction\":1,\"satisfXction\":2,\"satisfactioN\":3,"
        "\"satisfaction\":4,\"satisfactio\":5},\"plan\":{\"done\":1,\"tAsks\":2,\"tasKs\":3,\"tasks\":4},"
        "\"big\":{\"k13\":1,\"k12\":2,\"k11\":3,\"k1\":4,\"k\":5},\"x\":{\"z\":1,\"y\":2},\"reports\":{}}}",
        /* a node of many keys (looked up by hashing), and of more than a bit each can mark */
        "{\"metrics\":{\"m\":{\"a0\":1,\"a19\":2,\"zz\":3,\"a5\":{\"q\":1},\"a\":4,\"a00\":5,\"a20\":6},"
        "\"w\":{\"k0\":1,\"k299\":[2],\"k150\":{\"k150\":3},\"k300\":4,\"other\":5,\"k63\":6,\"k64\":7}}}",
        /* more than sixteen keys beside the paths, in an object on them */
        "{\"metrics\":{\"plan\":{\"u1\":1,\"u2\":1,\"u3\":1,\"u4\":1,\"u5\":1,\"u6\":1,\"u7\":1,\"u8\":1,"
        "\"u9\":1,\"tasks\":3,\"u10\":1,\"u11\":1,\"u12\":1,\"u13\":1,\"u14\":1,\"u15\":1,\"u16\":1,"
        "\"u17\":1,\"u18\":1,\"done\":2}}}",
        "[{\"metrics\":{}}]",
        "\"metrics\"",
        "42",
        "null",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) along_and_same(texts[i]);
}

static void test_left_to_jansson(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "",
        "{\"metrics\":{\"plan\":1,\"plan\":2}}",                 /* a key given twice, on a path */
        "{\"metrics\":{\"zz\":1,\"zz\":2}}",                     /* and beside the paths */
        "{\"metrics\":{\"o\":{\"q\":[{\"a\":1,\"a\":2}]}}}",        /* deep beside the paths */
        "{\"metrics\":{\"plan\":{\"tasks\":1,\"q\":{\"a\":1,\"a\":1}}}}",
        "{\"metrics\":{},\"metrics\":{}}",
        "{\"metrics\":{},\"metrics\":1}",
        "{\"metrics\":1,\"metrics\":{}}",
        "{\"unit\":{\"id\":\"a\",\"id\":\"b\"},\"metrics\":{}}",
        "{\"metrics\":{\"n1\":1,\"n2\":2,\"n3\":3,\"n4\":4,\"n5\":5,\"n6\":6,\"n7\":7,\"n8\":8,\"n9\":9,\"n5\":0}}",
        "{\"metrics\":{\"o\":\"x\\u0000y\"}}",                    /* NUL, beside the paths */
        "{\"metrics\":{\"o\\u0000\":1}}",
        "{\"metrics\":{\"plan\":{\"tasks\":\"x\\u0000y\"}}}",      /* and on one */
        "{\"metrics\":{\"o\":\"x\\ud800y\"}}",
        "{\"metrics\":{\"x\\udc00\":1}}",
        "{\"metrics\":{\"o\":18446744073709551615}}",
        "{\"metrics\":{\"ok\":9223372036854775808}}",
        "{\"metrics\":{\"o\":[1e400]}}",
        "{\"metrics\":{\"o\":0.0}}",
        "{\"metrics\":{\"ok\":-0.0}}",
        "{\"metrics\":{\"o\":1e-320}}",
        "{\"metrics\":{\"o\":1}} x",
        "{\"metrics\":{\"o\":01}}",
        "{\"metrics\":{\"o\":\"\xff\"}}",
        "{\"metrics\":{\"plan\":{\"tasks\":1}}",
        "{\"self_assessment\":{\"A\":1,\"A\":2},\"metrics\":{}}",
        "{\"metrics\":{\"plan\":{\"tasks\":1,\"done\":2,\"tasks\":3}}}", /* a path key, not next to itself */
        "{\"metrics\":{\"plan\":{\"\":1,\"tasks\":2,\"\":3}}}",           /* an empty key beside the paths */
        "{\"metrics\":{\"m\":{\"a3\":1,\"a4\":1,\"a3\":2}}}",             /* on a node of many keys */
        "{\"metrics\":{\"w\":{\"k7\":1,\"k8\":1,\"k7\":2}}}",             /* of more than a bit each */
        "{\"metrics\":{\"w\":{\"k7\":1,\"x\":1,\"x\":2}}}",
        "{\"metrics\":{\"survey\":{\"satisfaction\":1,\"satisfactioN\":1,\"satisfaction\":2}}}",
        "{\"metrics\":{\"survey\":{\"satisfactioN\":1,\"satisfaction\":1,\"satisfactioN\":2}}}",
        "{\"metrics\":{\"plan\":{\"u1\":1,\"u2\":1,\"u3\":1,\"u4\":1,\"u5\":1,\"u6\":1,\"u7\":1,\"u8\":1,"
        "\"u9\":1,\"tasks\":3,\"u10\":1,\"u11\":1,\"u12\":1,\"u13\":1,\"u14\":1,\"u15\":1,\"u16\":1,"
        "\"u17\":1,\"u18\":1,\"u3\":2}}}",                                     /* among many beside the paths */
        "{\"metrics\":{\"o\":{\"u1\":1,\"u2\":1,\"u3\":1,\"u4\":1,\"u5\":1,\"u6\":1,\"u7\":1,\"u8\":1,"
        "\"u9\":1,\"u10\":1,\"u11\":1,\"u12\":1,\"u13\":1,\"u14\":1,\"u15\":1,\"u16\":1,\"u17\":1,"
        "\"u17\":2}}}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) left_to_jansson(texts[i]);
}

/* Every text json_fast_load leaves to jansson is left to it here too,
 * whole and as a metric beside the paths or on one. */
static void test_as_json_fast(void **state)
{
    (void)state;
    static const char *const values[] = {
        "{\"a\":1,\"a\":2}", "\"x\\u0000y\"", "\"\\udc00\"", "18446744073709551615", "1e400", "0.0",
        "-0.0", "1e-320", "[1,{\"k\":1,\"k\":2}]", "{\"a\\u0000\":1}",
        /* a NUL or a lone surrogate at each place of strings of 4 to 9 bytes */
        "\"abc\\u0000\"", "\"\\u0000abc\"", "\"ab\\u0000cde\"", "\"abcdef\\u0000\"", "\"\\udc00a\"",
        "\"ab\\udc00cd\"", "\"abcd\\ud800\"", "\"abcdef\\udfff\"", "{\"abc\\u0000\":1}", "{\"ab\\udc00c\":1}",
    };
    char text[200];
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        left_to_jansson(values[i]);
        snprintf(text, sizeof text, "{\"metrics\":{\"other\":%s}}", values[i]);
        assert_null(json_fast_load(text, strlen(text), false));
        left_to_jansson(text);
        snprintf(text, sizeof text, "{\"metrics\":{\"x\":%s}}", values[i]);
        left_to_jansson(text);
        snprintf(text, sizeof text, "{\"unit\":%s,\"metrics\":{}}", values[i]);
        left_to_jansson(text);
    }
}

/* Whole results: a text scored along the paths (chiso_score_text) and
 * jansson's tree of it scored (chiso_score) give the same result JSON,
 * with the same errors in the same order. */
static void test_same_results(void **state)
{
    (void)state;
    chiso_program *p = chiso_program_load("rules/examples/huyen-mini.chiso");
    assert_non_null(p);
    assert_int_equal(chiso_program_errors(p), 0);
#define FULL "\"plan\":{\"issued_on\":\"2020-12-20\",\"tasks\":20,\"done\":18},\"communes\":{\"total\":10," \
             "\"inspected\":3},\"reports\":{\"late\":1},\"survey\":{\"satisfaction\":8.5}"
    static const char *const subs[] = {
        "{\"unit\":{\"id\":\"H1\",\"name\":\"Huyện Một\"},\"period\":\"2021\",\"metrics\":{" FULL ","
        "\"dossiers\":{\"total\":100,\"on_time\":97},\"thừa\":[1,2]},\"self_assessment\":{\"1.1\":1,\"3.1\":4}}",
        "{\"unit\":{\"id\":\"H2\"},\"metrics\":{" FULL ",\"dossiers\":null}}",
        "{\"unit\":{\"id\":\"H3\"},\"metrics\":{\"plan\":{\"issued_on\":20201201,\"tasks\":\"<điền: số>\","
        "\"done\":{\"x\":1}},\"communes\":[1],\"reports\":\"none\",\"dossiers\":{\"total\":5.5,\"on_time\":-1},"
        "\"survey\":{\"satisfaction\":11}}}",
        "{\"unit\":{\"id\":\"H4\"},\"metrics\":{\"plan\":{},\"dossiers\":{\"total\":10,\"on_time\":12}}}",
        "{\"unit\":{\"id\":\"H5\"},\"metrics\":{" FULL ",\"dossiers\":{\"total\":3,\"on_time\":1.5}}}",
        "{\"unit\":{\"id\":\"H6\"},\"metrics\":{\"plan\":null,\"communes\":null,\"reports\":null,\"dossiers\":null,"
        "\"survey\":{\"satisfaction\":null}}}",
        "{\"unit\":{\"id\":\"H7\"},\"metrics\":[]}",
        "{\"unit\":\"H8\",\"metrics\":{}}",
        "{\"unit\":{\"id\":\"H9\",\"ranked\":false},\"period\":2021,\"metrics\":{" FULL ","
        "\"dossiers\":{\"total\":4,\"on_time\":4,\"on_time\":3}}}",
        "{\"unit\":{\"id\":\"<điền: mã>\"},\"period\":\"<điền: kỳ>\",\"metrics\":{" FULL "}}",
        /* numbers of 16 digits or more: read as written (the text marked) */
        "{\"unit\":{\"id\":\"H10\"},\"metrics\":{\"plan\":{\"issued_on\":\"2020-12-20\",\"tasks\":20,\"done\":18},"
        "\"communes\":{\"total\":10,\"inspected\":3.00000000000000000001},\"reports\":{\"late\":1},"
        "\"survey\":{\"satisfaction\":8.12345678901234567891},\"dossiers\":{\"total\":123456789012345678901234,"
        "\"on_time\":123456789012345678901230},\"thừa\":[1.00000000000000000001]}}",
        "{\"unit\":{\"id\":\"H11\"},\"metrics\":{" FULL ",\"dossiers\":{\"total\":1e400,\"on_time\":1}}}",
        /* a long number in the unit object: read whole */
        "{\"unit\":{\"id\":\"H12\",\"population\":12345678901234567890123},\"metrics\":{" FULL ","
        "\"dossiers\":{\"total\":4,\"on_time\":4}}}",
    };
#undef FULL
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        chiso_result *along = chiso_score_text(p, 0, subs[i], strlen(subs[i]), "t");
        json_error_t err;
        json_t *tree = submission_load_exact(subs[i], strlen(subs[i])); /* as scoring the text whole reads it */
        bool exact = tree != NULL;
        if (!tree) tree = json_loadb(subs[i], strlen(subs[i]), FLAGS, &err);
        chiso_result *whole = tree ? chiso_score(p, 0, tree, "t") /* a key given twice: */
                                   : chiso_result_error(p, 0, "t", "unused");
        whole->exact_numbers = exact; /* its unit's long numbers are written as the text has them */
        if (!tree) { /* the message jansson gives, as before */
            char *a = chiso_result_json_text(along), want[120];
            snprintf(want, sizeof want, "invalid JSON at line %d, column %d: duplicate object key near", err.line,
                     err.column);
            if (!strstr(a, want)) fail_msg("not jansson's message (%s): %s", want, a);
            free(a);
            chiso_result_free(along);
            chiso_result_free(whole);
            continue;
        }
        char *a = chiso_result_json_text(along), *b = chiso_result_json_text(whole);
        if (strcmp(a, b)) fail_msg("results differ for %s:\n%s\n%s", subs[i], a, b);
        free(a);
        free(b);
        chiso_result_free(along);
        chiso_result_free(whole);
        json_decref(tree);
    }
    chiso_program_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths_tree),
        cmocka_unit_test(test_same_values),
        cmocka_unit_test(test_left_to_jansson),
        cmocka_unit_test(test_as_json_fast),
        cmocka_unit_test(test_same_results),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

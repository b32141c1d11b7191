/* test_envelope.c — a submission's envelope (its top level and unit
 * object) read by the walk along the metric paths without jansson
 * (json_paths_load_envelope; the result keeps the unit as texts,
 * result_unit.c) against the general path (chiso_score_ex on jansson's
 * tree): for every shape of envelope put together from the pieces below,
 * the same result JSON byte for byte, the same explanation, the same unit
 * object and texts, the same ranks. The usual shapes must take the walk
 * and every other shape must not (else the comparison would prove
 * nothing, or a shape the walk does not check would pass unseen). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#include "chiso.h"
#include "engine/compile/loaded_program.h"
#include "engine/eval/result.h"
#include "engine/support/json_paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const size_t FLAGS = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY;

typedef struct {
    const char *text; /* NULL: the member is absent */
    bool usual;       /* of the shape the walk reads (json_paths.h) */
} piece_t;

/* "Huyện Đức Thọ" and "huyện" with combining marks (NFD). */
#define NFD_NAME "Huye\xcc\xa3\xcc\x82n \xc4\x90u\xcc\x9b\xcc\x81\x63 Tho\xcc\xa3"
#define NFD_LEVEL "huye\xcc\xa3\xcc\x82n"

static const piece_t units[] = {
    {"{\"id\":\"H1\",\"name\":\"Huyện Đức Thọ\",\"level\":\"huyện\"}", true},
    {"{\"level\":\"huyện\",\"id\":\"H2\",\"name\":\"Thị xã Hồng Lĩnh\"}", true},
    {"{\"name\":\"Thành phố\",\"ranked\":true,\"level\":\"thành phố\",\"id\":\"H3\"}", true},
    {"{\"id\":\"H4\"}", true},
    {"{\"id\":\"H5\",\"ranked\":false}", true},
    {"{\"ranked\":false,\"id\":\"H6\",\"level\":\"xã\"}", true},
    {"{\"id\":\"H7\",\"ranked\":true}", true},
    {"{\"id\":\"H8\",\"name\":\"\",\"level\":\"\"}", true},
    {"{\"id\":\"Huyện \\\"quoted\\\" \\\\ back\",\"name\":\"tab\\there\\nline\",\"level\":\"\\u0001\\u001f\"}", true},
    {"{\"id\":\"H9\",\"name\":\"\\u007f / \\b\\f\\r\"}", true},
    {"{\"id\":\"<H10\",\"name\":\"H10>\",\"level\":\">\"}", true},
    {"{\"id\":\"<\"}", true},
    {"{\"id\":\"H11\",\"name\":\"" NFD_NAME "\",\"level\":\"" NFD_LEVEL "\"}", true},
    {"{\"id\":\"" NFD_LEVEL "\"}", true},
    {"{\"id\":\"H12\",\"name\":\"\\u0110\\u1ee9c Th\\u1ecd\"}", true},
    {"{\"id\":\"H13\",\"name\":\"@RANGE\"}", true}, /* replaced by every code point of two ranges */
    /* placeholders, and strings of their shape */
    {"{\"id\":\"<điền: mã đơn vị>\",\"name\":\"A\"}", false},
    {"{\"id\":\"P1\",\"name\":\"<điền: tên đơn vị>\"}", false},
    {"{\"id\":\"P2\",\"level\":\"<fill: level>\"}", false},
    {"{\"id\":\"P3\",\"name\":\"<Dien ten>\"}", false},
    {"{\"id\":\"<x>\"}", false},
    {"{\"id\":\"<>\"}", false},
    /* not of the usual shape */
    {"{\"id\":\"\"}", false},
    {"{\"name\":\"No id\"}", false},
    {"{}", false},
    {"{\"id\":5}", false},
    {"{\"id\":null,\"name\":\"A\"}", false},
    {"{\"id\":\"E1\",\"name\":7}", false},
    {"{\"id\":\"E2\",\"name\":null}", false},
    {"{\"id\":\"E3\",\"level\":[\"x\"]}", false},
    {"{\"id\":\"E4\",\"ranked\":null}", false},
    {"{\"id\":\"E5\",\"ranked\":\"no\"}", false},
    {"{\"id\":\"E6\",\"ranked\":0}", false},
    {"{\"id\":\"E7\",\"note\":\"x\"}", false},
    {"{\"population\":12345,\"id\":\"E8\",\"area\":1.5}", false},
    {"{\"id\":\"E9\",\"tags\":[\"a\",{\"b\":1}],\"ranked\":false}", false},
    {"{\"id\":\"E10\",\"population\":12345678901234567890123}", false},
    {"{\"id\":\"E11\",\"name\":\"a\\u0000b\"}", false},
    {"{\"id\":\"E12\\ud800\"}", false},
    {"{\"id\":\"a\",\"id\":\"b\"}", false},
    {"{\"id\":\"E13\",\"ranked\":true,\"ranked\":false}", false},
    {"{\"id\":\"E14\",\"name\":\"A\",\"name\":\"A\"}", false},
    {"\"H1\"", false},
    {"5", false},
    {"null", false},
    {"[]", false},
    {"true", false},
    {NULL, false},
};

static const piece_t periods[] = {
    {"\"2021\"", true},
    {NULL, true},
    {"2021", true},
    {"-7", true},
    {"922337203685477580", true},
    {"-922337203685477580", true},
    {"9223372036854775807", false}, /* of 16 digits or more: kept as written (a marked string) */
    {"-9223372036854775808", false},
    {"null", true},
    {"\"\"", true},
    {"\"2021-Q4\"", true},
    {"\"Năm 2021\"", true},
    {"\"k\\u1ef3 2021\"", true},
    {"\"ky\xcc\x80 2021\"", true}, /* NFD */
    {"\"2021>\"", true},
    {"\"<điền: kỳ>\"", false},
    {"\"<2021>\"", false},
    {"2021.5", false},
    {"1e3", false},
    {"true", false},
    {"[2021]", false},
    {"{\"year\":2021}", false},
    {"18446744073709551615", false},
    {"12345678901234567", true}, /* 64 bits hold it: not marked */
    {"\"20\\u000021\"", false},
};

/* Members of the top level after the unit, period and metrics. */
static const piece_t extras[] = {
    {"", true},
    {",\"self_assessment\":{\"1.1\":1,\"3.1\":{\"points\":4,\"evidence\":[\"x\"]},\"total\":9,\"9.9\":2}", true},
    {",\"self_assessment\":{\"1.1\":\"một\",\"1.2\":{\"explanation\":\"x\"},\"tổng\":1.5}", true},
    {",\"self_assessment\":null", true},
    {",\"self_assessment\":\"x\"", true},
    {",\"self_assessment\":[1]", true},
    {",\"note\":\"ghi chú\"", true},
    {",\"note\":[1,{\"a\":null}],\"attachments\":{\"x\":[]},\"nót\":true", true},
    {",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,"
     "\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"r\":18", true},
    {",\"note\":12345678901234567890,\"more\":[1.00000000000000000001]", true}, /* read exactly */
    {",\"self_assessment\":{\"1.1\":1.00000000000000000001,\"3.1\":4,\"1.3\":123456789012345678901}", true},
    {",\"note\":1,\"note\":2", false},
    {",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,"
     "\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"a\":18", false},
    {",\"self_assessment\":{\"1.1\":1},\"self_assessment\":null", false},
    {",\"self_assessment\":{\"1.1\":1,\"1.1\":2}", false},
    {",\"unit\":{\"id\":\"again\"}", false},
    {",\"period\":\"2022\"", false},
    {",\"metrics\":{}", false},
    {",\"note\":\"x\\u0000y\"", false},
    {",\"note\\u0000\":1", false},
    {",\"note\":18446744073709551615", true}, /* kept as written */
    {",\"note\":0.0", false},
};

static const piece_t metrics[] = {
    {"{\"plan\":{\"issued_on\":\"2020-12-20\",\"tasks\":20,\"done\":18},\"communes\":{\"total\":10,"
     "\"inspected\":@},\"reports\":{\"late\":1},\"survey\":{\"satisfaction\":8.5},"
     "\"dossiers\":{\"total\":100,\"on_time\":97}}", true},
    {"{}", true},
    {"{\"plan\":null,\"thừa\":[1,2]}", true},
    {"{\"plan\":{\"issued_on\":\"2020-12-20\",\"tasks\":20,\"done\":18},\"communes\":{\"total\":10,"
     "\"inspected\":3.00000000000000000001},\"survey\":{\"satisfaction\":8.12345678901234567891},"
     "\"dossiers\":{\"total\":123456789012345678901234,\"on_time\":123456789012345678901230}}", true},
    {"{\"dossiers\":{\"total\":1e400,\"on_time\":1}}", true},
    /* whole numbers bound without a value: out of range, breaking a
     * constraint, where a date is expected, at the edges of 64 bits */
    {"{\"plan\":{\"issued_on\":20201231,\"tasks\":-3,\"done\":4},\"communes\":{\"total\":2,\"inspected\":0},"
     "\"reports\":{\"late\":-1},\"survey\":{\"satisfaction\":11},\"dossiers\":{\"total\":5,\"on_time\":@}}", true},
    {"{\"plan\":{\"issued_on\":\"2021-01-01\",\"tasks\":-9223372036854775808,\"done\":9223372036854775807},"
     "\"survey\":{\"satisfaction\":-1},\"dossiers\":{\"total\":999999999999999999,\"on_time\":-999999999999999999}}", true},
    {"[]", false},
    {"\"none\"", false},
    {"null", false},
    {NULL, false},
};

/* Every code point of U+0080–U+02FF and U+1E00–U+1EFF, which the scan of
 * a text finds need no NFC: the walk keeps them as they stand, the general
 * path normalizes them; a difference would show in the results. */
static char range_text[4096];

static void make_range_text(void)
{
    char *w = range_text;
    for (unsigned c = 0x80; c <= 0x2FF; c++) {
        *w++ = (char)(0xC0 | (c >> 6));
        *w++ = (char)(0x80 | (c & 0x3F));
    }
    for (unsigned c = 0x1E00; c <= 0x1EFF; c++) {
        *w++ = (char)(0xE0 | (c >> 12));
        *w++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *w++ = (char)(0x80 | (c & 0x3F));
    }
    *w = '\0';
}

static chiso_program *mini, *versioned, *kinds;

static int setup(void **state)
{
    (void)state;
    make_range_text();
    mini = chiso_program_load("rules/examples/huyen-mini.chiso");
    versioned = load_rules("metric plan.tasks \"Nhiệm vụ\" count\n"
                           "index \"V\" {\n  applies_to 2017 to 2020\n  source \"Cũ\"\n  total 2\n"
                           "  criterion 1 \"A\" max 2 { score if plan.tasks >= 10 then 2 else 1 }\n}\n"
                           "index \"V\" {\n  applies_to 2021 to 2030\n  total 4\n"
                           "  criterion 1 \"A\" max 4 { score if plan.tasks >= 20 then 4 else 3 }\n}\n");
    kinds = load_rules("metric a.n \"N\" count from 0 to 100 required\n"
                       "metric a.p \"P\" percent from 0 to 100\n"
                       "metric a.b \"B\" boolean\n"
                       "metric a.t \"T\" text\n"
                       "metric a.d \"D\" date\n"
                       "metric a.r \"R\" ratio\n"
                       "metric b.x \"X\" amount <= a.n\n"
                       "index \"K\" {\n  total 6\n"
                       "  criterion 1 \"n\" max 1 { score if a.n >= 5 then 1 else 0 }\n"
                       "  criterion 2 \"p\" max 1 { score if a.p >= 50% then 1 else 0 }\n"
                       "  criterion 3 \"b\" max 1 { score if a.b then 1 else 0 }\n"
                       "  criterion 4 \"t\" max 1 { score if present(a.t) then 1 else 0 }\n"
                       "  criterion 5 \"d\" max 1 { score if a.d <= 2021-01-01 then 1 else 0 }\n"
                       "  criterion 6 \"r\" max 1 { score if a.r + b.x >= 1 then 1 else 0 }\n}\n");
    return mini && versioned && kinds && !chiso_program_errors(mini) && !chiso_program_errors(versioned) &&
                   !chiso_program_errors(kinds)
               ? 0
               : -1;
}

static int teardown(void **state)
{
    (void)state;
    chiso_program_free(mini);
    chiso_program_free(versioned);
    chiso_program_free(kinds);
    return 0;
}

/* Appends `piece` to `sb`, with "@RANGE" replaced by range_text and "@"
 * by `seed`. */
static void add_piece(strbuf_t *sb, const char *piece, int seed)
{
    for (const char *p = piece; *p; p++) {
        if (!strncmp(p, "@RANGE", 6)) {
            sb_adds(sb, range_text);
            p += 5;
        } else if (*p == '@') {
            sb_printf(sb, "%d", seed % 11);
        } else {
            sb_addc(sb, *p);
        }
    }
}

typedef struct {
    const char *unit, *period, *extra, *metrics;
    int order; /* 0: unit, period, metrics, extras; 1: metrics first; 2: extras first, unit last */
} shape_t;

static char *compose(const shape_t *s, int seed)
{
    strbuf_t sb;
    sb_init(&sb);
    sb_addc(&sb, '{');
    bool first = true;
#define MEMBER(key, value)                                    \
    do {                                                      \
        if (value) {                                          \
            if (!first) sb_addc(&sb, ',');                    \
            first = false;                                    \
            sb_adds(&sb, "\"" key "\":");                     \
            add_piece(&sb, value, seed);                      \
        }                                                     \
    } while (0)
    /* the extras begin with a comma: an empty object gets a first member */
#define EXTRAS()                                              \
    do {                                                      \
        if (*s->extra) {                                      \
            if (first) sb_adds(&sb, "\"first\":0");           \
            first = false;                                    \
            add_piece(&sb, s->extra, seed);                   \
        }                                                     \
    } while (0)
    if (s->order == 2) EXTRAS();
    if (s->order == 1) MEMBER("metrics", s->metrics);
    if (s->order != 2) MEMBER("unit", s->unit);
    MEMBER("period", s->period);
    if (s->order != 1) MEMBER("metrics", s->metrics);
    if (s->order == 2) MEMBER("unit", s->unit);
    if (s->order != 2) EXTRAS();
#undef MEMBER
#undef EXTRAS
    sb_addc(&sb, '}');
    return sb_take(&sb);
}

static char *explained(const chiso_result *r)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    chiso_result_print_explain(r, NULL, f);
    fclose(f);
    return text;
}

static char *unit_dump(const chiso_result *r)
{
    json_t *u = result_unit_json(r);
    char *text = json_dumps(u, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(u);
    return text ? text : strdup("(none)");
}

/* Whether the walk reads the text's envelope without a tree (a text with
 * long numbers as chiso_score_text reads it: with them kept as written). */
static bool walked(const chiso_program *p, const char *text)
{
    const json_paths *paths = p->prog.code->paths;
    size_t n = json_paths_count(paths), exact_len = 0;
    json_t **values = calloc(n, sizeof *values);
    json_envelope env;
    char *exact = submission_exact_numbers(text, strlen(text), &exact_len);
    long long *ints = calloc(n, sizeof *ints);
    json_t *tree = exact ? json_paths_load_envelope(exact, exact_len, paths, values, ints, true, &env)
                         : json_paths_load_envelope(text, strlen(text), paths, values, ints, false, &env);
    free(ints);
    free(exact);
    bool read = env.metrics != NULL;
    if (read) assert_null(tree);
    for (size_t k = 1; k < n; k++)
        if (values[k] != values[0]) json_decref(values[k]);
    json_decref(tree);
    json_decref(env.metrics);
    json_decref(env.claims);
    free(values);
    return read;
}

typedef struct {
    chiso_result **along, **whole;
    size_t n, cap;
    size_t walked; /* how many texts the walk read */
} runs_t;

/* One text both ways: the same result JSON, explanation and unit. */
static void both_ways(const chiso_program *p, const char *text, bool usual, runs_t *runs)
{
    if (walked(p, text) != usual) fail_msg("the walk %s the envelope of %.300s", usual ? "did not read" : "read", text);
    runs->walked += usual;
    size_t len = strlen(text);
    chiso_result *along = chiso_score_text(p, 0, text, len, "t");
    json_error_t err;
    json_t *tree = submission_load_exact(text, len); /* as scoring the text whole reads it */
    bool exact = tree != NULL;
    if (!tree) tree = json_loadb(text, len, FLAGS, &err);
    if (!tree) { /* jansson refuses it: the message it gives */
        char want[300];
        snprintf(want, sizeof want, "invalid JSON at line %d, column %d: %s", err.line, err.column, err.text);
        if (along->nerrors != 1 || strcmp(along->errors[0], want))
            fail_msg("not jansson's message (%s) for %.300s", want, text);
        chiso_result_free(along);
        return;
    }
    chiso_result *whole = chiso_score_ex(p, 0, tree, "t", 0);
    whole->exact_numbers = exact; /* its unit's long numbers are written as the text has them */
    json_decref(tree);
    char *a = chiso_result_json_text(along), *b = chiso_result_json_text(whole);
    if (strcmp(a, b)) fail_msg("results differ for %.300s:\n%s\n%s", text, a, b);
    free(a);
    free(b);
    a = explained(along);
    b = explained(whole);
    if (strcmp(a, b)) fail_msg("explanations differ for %.300s:\n%s\n%s", text, a, b);
    free(a);
    free(b);
    a = unit_dump(along);
    b = unit_dump(whole);
    if (strcmp(a, b)) fail_msg("unit objects differ for %.300s:\n%s\n%s", text, a, b);
    free(a);
    free(b);
    for (int m = UNIT_ID; m <= UNIT_LEVEL; m++) {
        const char *x = result_unit_string(along, m), *y = result_unit_string(whole, m);
        if (x ? !y || strcmp(x, y) : y != NULL) fail_msg("unit member %d differs for %.300s", m, text);
    }
    if (runs->n == runs->cap) {
        runs->cap = runs->cap ? runs->cap * 2 : 256;
        runs->along = realloc(runs->along, runs->cap * sizeof *runs->along);
        runs->whole = realloc(runs->whole, runs->cap * sizeof *runs->whole);
    }
    runs->along[runs->n] = along;
    runs->whole[runs->n++] = whole;
}

/* Ranked both ways (by level and period, which the walk read as texts):
 * the same ranks. */
static void same_ranks(runs_t *runs)
{
    chiso_rank(runs->along, runs->n);
    chiso_rank(runs->whole, runs->n);
    for (size_t i = 0; i < runs->n; i++) {
        char *a = chiso_result_json_text(runs->along[i]), *b = chiso_result_json_text(runs->whole[i]);
        if (strcmp(a, b)) fail_msg("ranked results differ:\n%s\n%s", a, b);
        free(a);
        free(b);
        chiso_result_free(runs->along[i]);
        chiso_result_free(runs->whole[i]);
    }
    free(runs->along);
    free(runs->whole);
    *runs = (runs_t){0};
}

static void run_shape(const chiso_program *p, const piece_t *u, const piece_t *per, const piece_t *x,
                      const piece_t *m, int order, int seed, runs_t *runs)
{
    shape_t s = {u->text, per->text, x->text, m->text, order};
    /* an extra member giving the unit, period or metrics again: only
     * when they are given once before */
    if ((!strncmp(x->text, ",\"unit\":", 8) && !u->text) || (!strncmp(x->text, ",\"period\":", 10) && !per->text) ||
        (!strncmp(x->text, ",\"metrics\":", 11) && !m->text))
        return;
    char *text = compose(&s, seed);
    both_ways(p, text, u->usual && per->usual && x->usual && m->usual, runs);
    free(text);
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

static void test_units_and_periods(void **state)
{
    (void)state;
    runs_t runs = {0};
    int seed = 0;
    for (size_t u = 0; u < COUNT(units); u++)
        for (size_t per = 0; per < COUNT(periods); per++)
            run_shape(mini, &units[u], &periods[per], &extras[0], &metrics[0], (int)(seed % 3), seed, &runs),
                seed++;
    assert_true(runs.walked > 200);
    same_ranks(&runs);
}

static void test_units_and_extras(void **state)
{
    (void)state;
    runs_t runs = {0};
    int seed = 0;
    for (size_t u = 0; u < COUNT(units); u++)
        for (size_t x = 0; x < COUNT(extras); x++)
            for (int order = 0; order < 3; order++)
                run_shape(mini, &units[u], &periods[0], &extras[x], &metrics[seed % 3 ? 0 : 2], order, seed, &runs),
                    seed++;
    assert_true(runs.walked > 400);
    same_ranks(&runs);
}

static void test_metrics_and_periods(void **state)
{
    (void)state;
    runs_t runs = {0};
    int seed = 0;
    for (size_t m = 0; m < COUNT(metrics); m++)
        for (size_t per = 0; per < COUNT(periods); per++)
            for (size_t x = 0; x < COUNT(extras); x += 3)
                run_shape(mini, &units[seed % 8], &periods[per], &extras[x], &metrics[m], seed % 3, seed, &runs),
                    seed++;
    assert_true(runs.walked > 100);
    same_ranks(&runs);
}

/* The version of the index is picked by the period the walk read. */
static void test_versions(void **state)
{
    (void)state;
    static const piece_t tasks[] = {{"{\"plan\":{\"tasks\":25}}", true}, {"{\"plan\":{\"tasks\":12}}", true}};
    static const piece_t versioned_periods[] = {
        {"\"2019\"", true}, {"\"2021\"", true}, {"2018", true}, {"2025", true}, {"\"Năm 2020\"", true},
        {"\"1999\"", true}, {"2040", true},     {NULL, true},   {"null", true}, {"\"\"", true},
    };
    runs_t runs = {0};
    int seed = 0;
    for (size_t per = 0; per < COUNT(versioned_periods); per++)
        for (size_t t = 0; t < COUNT(tasks); t++)
            for (size_t u = 0; u < 8; u++)
                run_shape(versioned, &units[u], &versioned_periods[per], &extras[seed % 3 ? 0 : 3], &tasks[t],
                          seed % 3, seed, &runs),
                    seed++;
    assert_int_equal(runs.walked, runs.n);
    same_ranks(&runs);
}

/* Whole numbers for metrics of every kind, bound without a value where
 * the rules expect a number and through one elsewhere: the same results,
 * messages quoting them included. */
static void test_whole_numbers(void **state)
{
    (void)state;
    static const char *const n[] = {"7", "-1", "101", "null", "999999999999999999", "100", "0"};
    static const char *const pct[] = {"85", "150", "-5", "50", "49"};
    static const char *const b[] = {"1", "0", "true", "-3"};
    static const char *const t[] = {"5", "\"x\""};
    static const char *const d[] = {"20200101", "\"2020-01-01\"", "0"};
    static const char *const r[] = {"2", "1", "0", "-1"};
    static const char *const x[] = {"9", "3", "-7"};
    runs_t runs = {0};
    char text[400];
    for (int seed = 0; seed < 420; seed++) {
        snprintf(text, sizeof text,
                 "{\"a\":{\"n\":%s,\"p\":%s,\"b\":%s,\"t\":%s,\"d\":%s,\"r\":%s},\"b\":{\"x\":%s}}",
                 n[seed % 7], pct[seed / 7 % 5], b[seed / 3 % 4], t[seed % 2], d[seed / 5 % 3], r[seed / 2 % 4],
                 x[seed / 11 % 3]);
        piece_t m = {text, true};
        run_shape(kinds, &units[seed % 8], &periods[0], &extras[0], &m, seed % 3, seed, &runs);
    }
    assert_int_equal(runs.walked, runs.n);
    same_ranks(&runs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_and_periods),
        cmocka_unit_test(test_units_and_extras),
        cmocka_unit_test(test_metrics_and_periods),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_whole_numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

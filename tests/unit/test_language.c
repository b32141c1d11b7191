/* test_language.c — lexer, parser and checker through the library: token
 * kinds, bilingual keywords, NFC, percent and date literals, error
 * recovery, and each checker error at its exact line:column. */
#include "support.h"

#include "grammar/keywords.h"
#include "engine/support/rational.h"

#include <stdlib.h>
#include <string.h>

static json_t *score_of(const char *rules, const char *sub)
{
    chiso_program *p = load_rules(rules);
    if (chiso_program_errors(p)) chiso_program_print_diagnostics(p, stderr, false);
    json_t *r = score_json(p, sub);
    chiso_program_free(p);
    return r;
}

#define ONE_LEAF(body) \
    "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { " body " } } }"

static void keyword_table_has_ascii_forms(void **s)
{
    (void)s;
    assert_true(keyword_table_consistent());
}

static void vietnamese_keywords_with_and_without_diacritics(void **s)
{
    (void)s;
    const char *vi = "chỉ_số \"t\" { tổng 1 lĩnh_vực 1 \"f\" tối_đa 1 { tiêu_chí 1.1 \"c\" tối_đa 1 {"
                     " giá_trị x mức ≥ 1 -> 1 mức còn_lại -> 0 } } }";
    const char *ascii = "chi_so \"t\" { tong 1 linh_vuc 1 \"f\" toi_da 1 { tieu_chi 1.1 \"c\" toi_da 1 {"
                        " gia_tri x muc >= 1 -> 1 muc con_lai -> 0 } } }";
    json_t *a = score_of(vi, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"x\":1}}");
    json_t *b = score_of(ascii, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"x\":0}}");
    assert_true(num_field(a, "points") == 1);
    assert_true(num_field(b, "points") == 0);
    json_decref(a);
    json_decref(b);
}

static void nfc_identifiers_are_equal(void **s)
{
    (void)s;
    /* "hồ_sơ" decomposed in the rules (o + circumflex + grave), precomposed in the submission */
    const char *rules = ONE_LEAF("score ho\xcc\x82\xcc\x80_so\xcc\x9b.x");
    json_t *r = score_of(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"hồ_sơ\":{\"x\":1}}}");
    assert_string_equal(json_string_value(json_object_get(r, "status")), "ok");
    assert_true(num_field(r, "points") == 1);
    json_decref(r);
}

static void percent_with_decimal_comma(void **s)
{
    (void)s;
    /* 999 of 1000 is exactly 99,9 % */
    const char *rules = ONE_LEAF("value ratio(a, b) band >= 99,9% -> 1 band otherwise -> 0");
    json_t *r = score_of(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":999,\"b\":1000}}");
    assert_true(num_field(r, "points") == 1);
    json_decref(r);
    r = score_of(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":998,\"b\":1000}}");
    assert_true(num_field(r, "points") == 0);
    json_decref(r);
}

static void dates_strings_escapes_backquotes_and_operators(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 4\n"
        "  field 1 \"f\" max 4 {\n"
        "    criterion 1.1 \"date\" max 1 { score if plan.issued_on ≤ 2020-12-31 then 1 else 0 }\n"
        "    criterion 1.2 \"string\" max 1 { score if kind == \"x\\u{1EA1}\" then 1 else 0 }\n"
        "    criterion 1.3 \"key\" max 1 { score if `hồ sơ đúng hạn` ≠ 0 then 1 else 0 }  # comment\n"
        "    criterion 1.4 \"arrow\" max 1 { value n band ≥ 1 → 1 band otherwise -> 0 }\n"
        "  }\n}\n";
    json_t *r = score_of(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"plan\":{\"issued_on\":\"2020-12-31\"},"
                                "\"kind\":\"xạ\",\"hồ sơ đúng hạn\":5,\"n\":1}}");
    assert_true(num_field(r, "points") == 4);
    json_decref(r);
}

static void bom_and_crlf_keep_line_numbers(void **s)
{
    (void)s;
    const char *rules = "\xEF\xBB\xBFindex \"t\" {\r\n  total 1\r\n  field 1 \"f\" max 1 {\r\n"
                        "    criterion 1.1 \"c\" max 1 { score raito(1, 2) }\r\n  }\r\n}\r\n";
    chiso_program *p = load_rules(rules);
    assert_diag(p, 4, 37, "error", "unknown function 'raito'");
    chiso_program_free(p);
}

static void lexical_errors_have_positions(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" {\n  source “x”\n  total 1 field 1 \"f\" max 1 {"
                                  " criterion 1.1 \"c\" max 1 { score 2021-02-30 } } }\n");
    assert_diag(p, 2, 10, "error", "unexpected character '“' (U+201C)");
    assert_diag(p, 3, 63, "error", "invalid date '2021-02-30'");
    chiso_program_free(p);
    p = load_rules("index \"t {\n}\n");
    assert_diag(p, 1, 7, "error", "unterminated string");
    chiso_program_free(p);
    p = load_rules("index \"t\" {\n  total 1 \xff\n}\n");
    assert_diag(p, 2, 11, "error", "invalid UTF-8 byte sequence (byte 0xFF)");
    chiso_program_free(p);
}

static void syntax_errors_are_all_reported(void **s)
{
    (void)s;
    const char *rules = "index \"t\" {\n"
                        "  total 3\n"
                        "  field 1 \"a\" max { }\n"                               /* 3: max without number */
                        "  field 2 \"b\" max 1 { criterion 2.1 \"c\" max 1 { score 1 + } }\n" /* 4 */
                        "  field 3 \"c\" max 1 { criterion 3.1 \"d\" max 1 { value 1 band >= -> 1 } }\n" /* 5 */
                        "}\n";
    chiso_program *p = load_rules(rules);
    assert_diag(p, 3, 19, "error", "unexpected '{', expected number");
    assert_diag(p, 4, 59, "error", "unexpected '}', expected an expression");
    assert_diag(p, 5, 65, "error", "unexpected '->', expected an expression");
    assert_int_equal(chiso_program_errors(p), 3);
    chiso_program_free(p);
}

static void empty_file_is_an_error(void **s)
{
    (void)s;
    chiso_program *p = load_rules("");
    assert_diag(p, 1, 1, "error", "the rules file is empty");
    chiso_program_free(p);
}

static void checker_errors_at_their_positions(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" {\n"                                                    /* 1 */
        "  total 10\n"                                                       /* 2 */
        "  field 1 \"a\" max 3 {\n"                                          /* 3 */
        "    criterion 1.1 \"x\" max 1 { score if d <= 5 and d >= 2020-01-01 then 1 else 0 }\n" /* 4 */
        "    criterion 1.2 \"y\" max 1 { score true + 1 }\n"                 /* 5 */
        "    criterion 1.1 \"z\" max 1 { value name band >= 1 -> 1 }\n"      /* 6 */
        "  }\n"                                                              /* 7 */
        "  field 2 \"b\" max 5 {\n"                                          /* 8 */
        "    let r = later + 1\n"                                            /* 9 */
        "    let later = 2\n"                                                /* 10 */
        "    criterion 2.1 \"w\" max 2 { score ratio(a) + r }\n"             /* 11 */
        "    criterion 2.2 \"v\" max 2 { score r }\n"                        /* 12 */
        "  }\n"                                                              /* 13 */
        "}\n";
    chiso_program *p = load_rules(rules);
    assert_diag(p, 2, 9, "error", "the fields add up to 8, not to the total 10");
    assert_diag(p, 4, 53, "error", "cannot compare a number with a date");
    assert_diag(p, 5, 42, "error", "cannot apply '+' to a boolean and a number");
    assert_diag(p, 6, 15, "error", "duplicate node ID '1.1'");
    assert_diag(p, 8, 19, "error", "the children of '2' add up to 4, not to its max 5");
    assert_diag(p, 9, 13, "error", "'later' is used before it is defined");
    assert_diag(p, 11, 37, "error", "ratio takes 2 arguments, not 1");
    chiso_program_free(p);
}

static void band_checks(void **s)
{
    (void)s;
    chiso_program *p = load_rules(ONE_LEAF("value ratio(a, b) band >= 90% -> 1 band >= 95% -> 0.5 band otherwise -> 0"));
    assert_diag(p, 1, 102, "error", "band '>= 95%' can never be chosen");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value linear(a, 0, 10) band >= 0 -> 1 band otherwise -> 0"));
    assert_diag(p, 1, 105, "error", "'otherwise' can never be chosen");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value ratio(a, b) band >= 98% -> 1 band >= 95% -> 0.5"));
    assert_diag(p, 1, 67, "warning", "covers values in [0%, 95%)");
    chiso_program_free(p);
    /* ratio() is never negative: ">= 0%" last covers everything, no warning */
    p = load_rules(ONE_LEAF("value ratio(a, b) band >= 98% -> 1 band >= 0% -> 0"));
    assert_int_equal(chiso_program_errors(p), 0);
    assert_int_equal(chiso_program_warnings(p), 0);
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value n band = \"x\" -> 1"));
    assert_true(chiso_program_errors(p) >= 1);
    chiso_program_free(p);
}

/* A yes/no value: `band true` / `mức đúng` bands, both answers covered,
 * every band reachable, no order. */
static void boolean_bands(void **s)
{
    (void)s;
    chiso_program *p = load_rules(ONE_LEAF("value a >= 5 band true -> max band false -> 0"));
    assert_int_equal(chiso_program_errors(p), 0);
    assert_int_equal(chiso_program_warnings(p), 0);
    chiso_program_free(p);
    p = load_rules("chỉ_số \"t\" { tổng 1 lĩnh_vực 1 \"f\" tối_đa 1 { tiêu_chí 1.1 \"c\" tối_đa 1 {"
                   " giá_trị kh.đã_ban_hành mức đúng -> tối_đa mức sai -> 0 } } }");
    assert_int_equal(chiso_program_errors(p), 0);
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value a >= 5 band true -> 1"));
    assert_diag(p, 1, 67, "error", "the bands of '1.1' say nothing for sai (false)");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value a >= 5 band false -> 0 band otherwise -> 1"));
    assert_int_equal(chiso_program_errors(p), 0); /* otherwise covers true */
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value a >= 5 band true -> 1 band == true -> 0 band false -> 0"));
    assert_diag(p, 1, 95, "error", "band '== true' can never be chosen");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value a >= 5 band true -> 1 band false -> 0 band otherwise -> 0"));
    assert_diag(p, 1, 111, "error", "'otherwise' can never be chosen");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value a >= 5 band >= true -> 1 band otherwise -> 0"));
    assert_diag(p, 1, 80, "error", "a yes/no value has no order");
    chiso_program_free(p);
    p = load_rules(ONE_LEAF("value ratio(a, b) band true -> 1 band otherwise -> 0"));
    assert_true(chiso_program_errors(p) >= 1); /* a number against a yes/no band */
    chiso_program_free(p);
}

/* `implements` / `thực_hiện` is a keyword with its three spellings. */
static void implements_links_a_target(void **s)
{
    (void)s;
    const char *forms[] = {"implements", "thực_hiện", "thuc_hien"};
    for (int i = 0; i < 3; i++) {
        char text[256];
        snprintf(text, sizeof text, "plan \"p\" { target T1 \"t\" field tthc %s P1 a / b >= 98%%\n"
                                    "  target T2 \"u\" %s P2 field x c >= 1 }", forms[i], forms[i]);
        chiso_program *p = load_rules(text);
        assert_int_equal(chiso_program_errors(p), 0);
        chiso_program_free(p);
    }
}

static void grade_thresholds_must_descend(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 1 grade { \"A\" >= 50 \"B\" >= 80 \"C\" otherwise }\n"
                                  " field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score 1 } } }");
    assert_diag(p, 1, 39, "error", "grade \"B\" can never be given");
    chiso_program_free(p);
}

static void lints(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 4 field 1 \"f\" max 4 {\n"
        "  criterion 1.1 \"a\" max 1 { applies_if ratio(a, b) >= 0 score 1 }\n"
        "  criterion 1.2 \"b\" max 1 { applies_if 1 > 2 score 1 }\n"
        "  criterion 1.3 \"c\" max 1 { score ratio(dossiers.ok, dossiers.total) + ratio(dossier.total, 1) }\n"
        "  criterion 1.4 \"d\" max 1 { let unused = 1 score ratio(dossiers.ok, dossiers.total) + dvc.muc2 + dvc.muc3 }\n"
        "} }\n";
    chiso_program *p = load_rules(rules);
    assert_int_equal(chiso_program_errors(p), 0);
    assert_diag(p, 2, 52, "warning", "applies_if of '1.1' is always true");
    assert_diag(p, 3, 42, "warning", "applies_if of '1.2' is always false");
    assert_diag(p, 4, 78, "warning", "metric 'dossier.total' is read only here; did you mean 'dossiers.total'?");
    assert_diag(p, 5, 33, "warning", "'unused' is defined but never used");
    /* dvc.muc2 and dvc.muc3 differ only in a digit: not reported as a typo */
    assert_int_equal(chiso_program_warnings(p), 4);
    chiso_program_free(p);
}

static void includes(void **s)
{
    (void)s;
    chiso_program *p = chiso_program_load("tests/data/include/top.chiso");
    assert_int_equal(chiso_program_errors(p), 0);
    assert_int_equal(chiso_program_index_count(p), 1);
    assert_int_equal(chiso_program_plan_count(p), 1);
    assert_string_equal(chiso_program_plan_name(p, 0), "Kế hoạch gồm");
    chiso_program_free(p);
    p = chiso_program_load("tests/data/include/escape.chiso");
    assert_diag(p, 1, 9, "error", "\"../outside/x.chiso\" is outside the rules directory");
    chiso_program_free(p);
    p = chiso_program_load("tests/data/include/cycle-a.chiso");
    assert_diag(p, 1, 9, "error", "\"cycle-a.chiso\" includes itself");
    chiso_program_free(p);
    p = chiso_program_load("tests/data/include/missing.chiso");
    assert_diag(p, 1, 9, "error", "cannot include \"khong-co.chiso\": No such file or directory");
    chiso_program_free(p);
}

static void deep_nesting_is_refused_cleanly(void **s)
{
    (void)s;
    size_t n = 10000;
    char *text = malloc(n * 2 + 200);
    strcpy(text, "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score ");
    size_t len = strlen(text);
    memset(text + len, '(', n);
    len += n;
    text[len++] = '1';
    memset(text + len, ')', n);
    len += n;
    strcpy(text + len, " } } }");
    chiso_program *p = load_rules(text);
    assert_true(chiso_program_errors(p) >= 1);
    json_t *d = chiso_program_diagnostics_json(p);
    assert_string_equal(json_string_value(json_object_get(json_array_get(d, 0), "code")), "too-deep");
    json_decref(d);
    chiso_program_free(p);
    free(text);
}

/* A metric path of `segs` segments `a.a.a…` read by a criterion's score. */
static char *path_rules(size_t segs)
{
    char *text = malloc(segs * 2 + 200);
    strcpy(text, "index \"t\" { total 1 criterion 1 \"c\" max 1 { score ");
    size_t len = strlen(text);
    for (size_t i = 0; i < segs; i++) {
        if (i) text[len++] = '.';
        text[len++] = 'a';
    }
    strcpy(text + len, " } }");
    return text;
}

static void long_metric_path_is_refused_cleanly(void **s)
{
    (void)s;
    /* a tree keeps up to 65 535 segments of a path: one more is one error
     * at the path, not a crash nor a string of follow-on errors */
    char *text = path_rules(65535);
    chiso_program *p = load_rules(text);
    assert_int_equal(chiso_program_errors(p), 0);
    chiso_program_free(p);
    free(text);
    text = path_rules(65536);
    p = load_rules(text);
    assert_int_equal(chiso_program_errors(p), 1);
    assert_diag(p, 1, 51, "error", "a metric path has at most 65535 segments");
    chiso_program_free(p);
    free(text);
}

static void large_rules_file(void **s)
{
    (void)s;
    /* about 10 MB: 33 000 criteria */
    size_t fields = 3300, per = 10;
    size_t cap = fields * per * 520 + 1000, len = 0;
    char *text = malloc(cap);
    len += (size_t)sprintf(text + len, "index \"lớn\" {\n  total %zu\n", fields);
    for (size_t f = 0; f < fields; f++) {
        len += (size_t)sprintf(text + len, "  field F%zu \"Lĩnh vực %zu\" max 1 {\n", f, f);
        for (size_t c = 0; c < per; c++)
            len += (size_t)sprintf(text + len,
                                   "    criterion F%zu_%zu \"Tiêu chí có tên khá dài để tệp lớn hơn, %zu.%zu — "
                                   "tỷ lệ hồ sơ giải quyết đúng hạn, đúng quy trình, không phát sinh sai sót\" max 0.1 {\n"
                                   "      value ratio(m%zu.on_time, m%zu.total)\n"
                                   "      band >= 98%% -> 0.1\n      band >= 95%% -> 0.05\n      band otherwise -> 0\n"
                                   "    }\n", f, c, f, c, c, c);
        len += (size_t)sprintf(text + len, "  }\n");
    }
    len += (size_t)sprintf(text + len, "}\n");
    assert_true(len > 10 * 1000 * 1000);
    chiso_program *p = chiso_program_load_string("big.chiso", text, len);
    assert_int_equal(chiso_program_errors(p), 0);
    chiso_program_free(p);
    free(text);
}

static void binary_garbage(void **s)
{
    (void)s;
    char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    chiso_program *p = chiso_program_load_string("junk.chiso", junk, sizeof junk);
    assert_true(chiso_program_errors(p) >= 1);
    chiso_program_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keyword_table_has_ascii_forms),
        cmocka_unit_test(vietnamese_keywords_with_and_without_diacritics),
        cmocka_unit_test(nfc_identifiers_are_equal),
        cmocka_unit_test(percent_with_decimal_comma),
        cmocka_unit_test(dates_strings_escapes_backquotes_and_operators),
        cmocka_unit_test(bom_and_crlf_keep_line_numbers),
        cmocka_unit_test(lexical_errors_have_positions),
        cmocka_unit_test(syntax_errors_are_all_reported),
        cmocka_unit_test(empty_file_is_an_error),
        cmocka_unit_test(checker_errors_at_their_positions),
        cmocka_unit_test(band_checks),
        cmocka_unit_test(grade_thresholds_must_descend),
        cmocka_unit_test(lints),
        cmocka_unit_test(includes),
        cmocka_unit_test(deep_nesting_is_refused_cleanly),
        cmocka_unit_test(long_metric_path_is_refused_cleanly),
        cmocka_unit_test(large_rules_file),
        cmocka_unit_test(binary_garbage),
        cmocka_unit_test(boolean_bands),
        cmocka_unit_test(implements_links_a_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

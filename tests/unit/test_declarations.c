/* test_declarations.c — metric declarations (số_liệu / metric): their
 * grammar in three spellings, the checker's use of them (types, undeclared
 * metrics, ranges, units of measure: `≥ 98` on a ratio), and scoring-time
 * validation: a value outside its range, of the wrong kind, null where not
 * allowed or breaking a constraint is an error result naming the metric,
 * the value and the declaration's file:line. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

static size_t count_code(const chiso_program *prog, const char *code)
{
    json_t *diags = chiso_program_diagnostics_json(prog);
    size_t i, n = 0;
    json_t *d;
    json_array_foreach(diags, i, d)
        if (!strcmp(json_string_value(json_object_get(d, "code")), code)) n++;
    json_decref(diags);
    return n;
}

/* One criterion scored by bands on `value`, after the declarations `decls`. */
#define LEAF_RULES(decls, value, bands)                                                         \
    decls "\nindex \"t\" {\n  total 1\n  field 1 \"f\" max 1 {\n    criterion 1.1 \"c\" max 1 {\n" \
          "      value " value "\n" bands "    }\n  }\n}\n"

static const char *error_text(json_t *r, size_t i)
{
    return json_string_value(json_array_get(json_object_get(r, "errors"), i));
}

static void three_spellings_declare_the_same(void **s)
{
    (void)s;
    const char *forms[] = {
        "số_liệu hồ_sơ.tổng_số \"Tổng số hồ sơ\" đếm \"hồ sơ\" từ 0 đến 1000 bắt_buộc",
        "so_lieu hồ_sơ.tổng_số \"Tổng số hồ sơ\" dem \"hồ sơ\" tu 0 den 1000 bat_buoc",
        "metric hồ_sơ.tổng_số \"Tổng số hồ sơ\" count \"hồ sơ\" from 0 to 1000 required",
    };
    for (size_t i = 0; i < 3; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        fprintf(f, LEAF_RULES("%s", "hồ_sơ.tổng_số", "      band >= 10 -> 1\n      band otherwise -> 0\n"),
                forms[i]);
        fclose(f);
        chiso_program *p = load_rules(text);
        assert_int_equal(chiso_program_errors(p), 0);
        assert_int_equal(chiso_program_warnings(p), 0);
        json_t *m = chiso_program_metrics(p);
        json_t *o = json_array_get(m, 0);
        assert_string_equal(json_string_value(json_object_get(o, "label")), "Tổng số hồ sơ");
        assert_string_equal(json_string_value(json_object_get(o, "kind")), "count");
        assert_string_equal(json_string_value(json_object_get(o, "unit")), "hồ sơ");
        assert_int_equal(json_integer_value(json_object_get(o, "min")), 0);
        assert_int_equal(json_integer_value(json_object_get(o, "max")), 1000);
        assert_true(json_is_false(json_object_get(o, "null_allowed")));
        json_decref(m);
        /* 1001 is out of range; 5 scores 0 */
        json_t *r = score_json(p, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"hồ_sơ\":{\"tổng_số\":1001}}}");
        assert_string_equal(json_string_value(json_object_get(r, "status")), "error");
        assert_string_equal(error_text(r, 0),
                            "metric 'hồ_sơ.tổng_số' = 1001 is outside its declared range, from 0 to 1000 "
                            "(đếm, declared at test.chiso:1)");
        json_decref(r);
        r = score_json(p, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"hồ_sơ\":{\"tổng_số\":5}}}");
        assert_true(num_field(r, "points") == 0);
        json_decref(r);
        chiso_program_free(p);
        free(text);
    }
}

static void declaration_errors_have_positions(void **s)
{
    (void)s;
    chiso_program *p = load_rules(
        "số_liệu a \"A\" đêm\n"                     /* 1: unknown word, did you mean đếm */
        "số_liệu b \"B\" số từ 10 đến 1\n"         /* 2: empty range */
        "số_liệu a \"A again\" số\n"               /* 3: declared twice */
        "số_liệu c \"C\" tỷ_lệ đến 100\n"          /* 4: a ratio beyond 1 */
        "số_liệu d \"D\" ngày <= a\n"              /* 5: date compared with a number */
        "số_liệu e \"E\" có_không từ 0\n"          /* 6: a boolean has no range */
        "số_liệu f \"F\" số <= khong_khai_bao\n"   /* 7: constraint on an undeclared metric */
        "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score a + b + c + f } } }\n");
    assert_diag(p, 1, 15, "error", "unknown word 'đêm' in a metric declaration");
    assert_hint(p, 1, 15, "did you mean 'đếm'?");
    assert_diag(p, 2, 18, "error", "the range of 'b' is empty");
    assert_diag(p, 3, 9, "error", "metric 'a' is declared twice");
    assert_hint(p, 3, 9, "the first declaration is at test.chiso:1");
    assert_diag(p, 4, 21, "error", "a tỷ_lệ lies from 0 to 1");
    assert_diag(p, 5, 20, "error", "this constraint compares a date with a number");
    assert_diag(p, 6, 24, "error", "a có_không metric has no range");
    assert_diag(p, 7, 21, "error", "a constraint may only name declared metrics; 'khong_khai_bao' is not declared");
    chiso_program_free(p);
}

static void types_flow_from_declarations(void **s)
{
    (void)s;
    chiso_program *p = load_rules(
        "số_liệu kế_hoạch.ngày_ban_hành \"Ngày ban hành kế hoạch\" ngày\n"
        "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {\n"
        "  score if kế_hoạch.ngày_ban_hành >= 5 then 1 else 0 } } }\n");
    assert_diag(p, 3, 35, "error", "cannot compare a date with a number");
    assert_hint(p, 3, 35, "metric 'kế_hoạch.ngày_ban_hành' is declared a date (ngày) on line 1");
    chiso_program_free(p);
    p = load_rules("số_liệu kh.ngày \"Ngày\" ngày\n"
                   "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {\n"
                   "  score kh.ngày } } }\n");
    assert_diag(p, 3, 9, "error", "metric 'kh.ngày' is used as a number here, but is declared a date (ngày) on line 1");
    chiso_program_free(p);
}

static void undeclared_metric_is_a_warning_with_did_you_mean(void **s)
{
    (void)s;
    chiso_program *p = load_rules(
        "số_liệu hồ_sơ.tổng_số \"Tổng số\" đếm\n"
        "index \"t\" { total 2 field 1 \"f\" max 2 {\n"
        "  criterion 1.1 \"a\" max 1 { score if hồ_sơ.tông_số > 0 then 1 else 0 }\n"
        "  criterion 1.2 \"b\" max 1 { score if ho_so.tong_so > 0 then 1 else 0 }\n"
        "  criterion 1.3 \"c\" max 0 { score khác }\n"
        "} }\n");
    assert_int_equal(chiso_program_errors(p), 0);
    assert_diag(p, 3, 38, "warning", "metric 'hồ_sơ.tông_số' is not declared");
    assert_hint(p, 3, 38, "did you mean 'hồ_sơ.tổng_số'?");
    assert_diag(p, 4, 38, "warning", "metric 'ho_so.tong_so' is not declared");
    assert_hint(p, 4, 38, "did you mean 'hồ_sơ.tổng_số'?");
    assert_diag(p, 5, 35, "warning", "metric 'khác' is not declared");
    assert_hint(p, 5, 35, "declare it with the others: số_liệu khác");
    chiso_program_free(p);
    /* without declarations, nothing is said about it */
    p = load_rules("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"a\" max 1 { score x } } }");
    assert_int_equal(chiso_program_warnings(p), 0);
    chiso_program_free(p);
}

static void ratio_compared_with_plain_number_above_one(void **s)
{
    (void)s;
    /* the slip of the issue: `mức ≥ 98` on a ratio() */
    chiso_program *p = load_rules(LEAF_RULES("", "ratio(a, b)",
                                             "      band >= 98 -> 1\n      band >= 95% -> 0.5\n"
                                             "      band otherwise -> 0\n"));
    assert_diag(p, 7, 15, "error", "ratio(a, b) is a ratio (from 0 to 1), compared here with 98");
    assert_hint(p, 7, 15, "did you mean 98%?");
    assert_int_equal(count_code(p, "band-unreachable"), 0); /* no follow-on error */
    chiso_program_free(p);
    /* a declared ratio or percent metric, in a score and in a plan target */
    p = load_rules("số_liệu ks.hl \"Hài lòng\" phần_trăm\n"
                   "số_liệu ks.tl \"Tỷ lệ\" tỷ_lệ\n"
                   "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {\n"
                   "  score if ks.hl >= 85 and ks.tl >= 0.5 then 1 else 0 } } }\n"
                   "plan \"p\" { target T1 \"x\" 90 <= ks.tl }\n");
    assert_diag(p, 4, 21, "error", "ks.hl is a ratio (from 0 to 1), compared here with 85");
    assert_hint(p, 4, 21, "did you mean 85%?");
    assert_diag(p, 5, 26, "error", "ks.tl is a ratio (from 0 to 1), compared here with 90");
    assert_int_equal(chiso_program_errors(p), 2); /* 0.5 is fine */
    chiso_program_free(p);
    /* a / b, where a is declared <= b, is a ratio too */
    p = load_rules("số_liệu a \"A\" đếm <= b\nsố_liệu b \"B\" đếm\n"
                   "plan \"p\" { target T1 \"x\" a / b >= 50 }\n");
    assert_diag(p, 3, 35, "error", "a / b is a ratio (from 0 to 1), compared here with 50");
    chiso_program_free(p);
    /* a plain ratio threshold of 1 or below is not flagged */
    p = load_rules(LEAF_RULES("", "ratio(a, b)", "      band >= 1 -> 1\n      band >= 0.5 -> 0.5\n"
                                                 "      band otherwise -> 0\n"));
    assert_int_equal(chiso_program_errors(p), 0);
    chiso_program_free(p);
}

static void mixed_percent_and_plain_bands_warn(void **s)
{
    (void)s;
    chiso_program *p = load_rules(LEAF_RULES("", "x", "      band >= 98% -> 1\n      band >= 0.5 -> 0.5\n"
                                                      "      band otherwise -> 0\n"));
    assert_diag(p, 8, 15, "warning", "the bands of '1.1' mix percents (98%) and plain numbers (0.5)");
    assert_hint(p, 8, 15, "0.5%");
    chiso_program_free(p);
    /* 0 is 0 in any unit */
    p = load_rules(LEAF_RULES("", "x", "      band >= 98% -> 1\n      band >= 0 -> 0.5\n"));
    assert_int_equal(count_code(p, "unit-mixed"), 0);
    chiso_program_free(p);
}

static void comparisons_outside_a_declared_range(void **s)
{
    (void)s;
    chiso_program *p = load_rules(
        "số_liệu ks.điểm \"Điểm khảo sát\" số từ 0 đến 10\n"
        "số_liệu kh.ngày \"Ngày ban hành\" ngày từ 2021-01-01 đến 2021-12-31\n"
        "index \"t\" { total 3 field 1 \"f\" max 3 {\n"
        "  criterion 1.1 \"a\" max 1 { score if ks.điểm > 11 then 1 else 0 }\n"
        "  criterion 1.2 \"b\" max 1 { score if kh.ngày <= 2020-12-31 then 1 else 0 }\n"
        "  criterion 1.3 \"c\" max 1 { value ks.điểm band >= 12 -> 1 band otherwise -> 0 } } }\n");
    assert_diag(p, 4, 48, "error", "11 is outside the range of 'ks.điểm' (0 to 10), declared at test.chiso:1");
    assert_diag(p, 5, 49, "error", "2020-12-31 is outside the range of 'kh.ngày' (2021-01-01 to 2021-12-31)");
    assert_diag(p, 6, 51, "error", "12 is outside the range of 'ks.điểm'");
    chiso_program_free(p);
}

static const char *DECLARED =
    "số_liệu hs.tổng \"Tổng số hồ sơ\" đếm \"hồ sơ\"\n"
    "số_liệu hs.đúng_hạn \"Số hồ sơ đúng hạn\" đếm \"hồ sơ\" <= hs.tổng\n"
    "số_liệu ks.hài_lòng \"Tỷ lệ hài lòng\" phần_trăm bắt_buộc\n"
    "số_liệu ks.tỷ_lệ \"Tỷ lệ trả lời\" tỷ_lệ\n"
    "số_liệu kh.ngày \"Ngày ban hành\" ngày từ 2021-01-01\n"
    "index \"t\" { total 4 field 1 \"f\" max 4 {\n"
    "  criterion 1.1 \"a\" max 1 { value ratio(hs.đúng_hạn, hs.tổng) band >= 98% -> 1 band otherwise -> 0 }\n"
    "  criterion 1.2 \"b\" max 1 { value ks.hài_lòng band >= 80% -> 1 band otherwise -> 0 }\n"
    "  criterion 1.3 \"c\" max 1 { value ks.tỷ_lệ band >= 50% -> 1 band otherwise -> 0 }\n"
    "  criterion 1.4 \"d\" max 1 { score if kh.ngày <= 2021-03-31 then 1 else 0 } } }\n";

static json_t *score_declared(const char *metrics)
{
    chiso_program *p = load_rules(DECLARED);
    char *sub = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&sub, &len);
    fprintf(f, "{\"unit\":{\"id\":\"u\"},\"metrics\":%s}", metrics);
    fclose(f);
    json_t *r = score_json(p, sub);
    free(sub);
    chiso_program_free(p);
    return r;
}

static void submissions_are_checked_against_declarations(void **s)
{
    (void)s;
    /* a good one: 85 typed for a percent is 85 % */
    json_t *r = score_declared("{\"hs\":{\"tổng\":100,\"đúng_hạn\":98},\"ks\":{\"hài_lòng\":85,\"tỷ_lệ\":0.5},"
                               "\"kh\":{\"ngày\":\"2021-02-01\"}}");
    assert_string_equal(json_string_value(json_object_get(r, "status")), "ok");
    assert_true(num_field(r, "points") == 4);
    assert_true(num_field(find_node(r, "1.2"), "value") == 0.85);
    json_decref(r);
    /* 85 typed for a ratio (the survey slip), 0.5 hồ sơ, 120 of 100 on time, a null where not allowed */
    r = score_declared("{\"hs\":{\"tổng\":100,\"đúng_hạn\":120},\"ks\":{\"hài_lòng\":null,\"tỷ_lệ\":85},"
                       "\"kh\":{\"ngày\":\"2020-12-31\"}}");
    assert_string_equal(json_string_value(json_object_get(r, "status")), "error");
    json_t *errs = json_object_get(r, "errors");
    assert_int_equal(json_array_size(errs), 4);
    assert_string_equal(error_text(r, 0), "metric 'ks.hài_lòng' is null (không phát sinh), but its declaration "
                                          "at test.chiso:3 does not allow null (bắt_buộc)");
    assert_string_equal(error_text(r, 1), "metric 'ks.tỷ_lệ' = 85 is outside its declared range, from 0 to 1 "
                                          "(tỷ_lệ, declared at test.chiso:4)");
    assert_string_equal(error_text(r, 2), "metric 'kh.ngày' = \"2020-12-31\" is outside its declared range, "
                                          "2021-01-01 or more (ngày, declared at test.chiso:5)");
    assert_string_equal(error_text(r, 3), "metric 'hs.đúng_hạn' = 120 breaks its constraint <= hs.tổng (= 100), "
                                          "declared at test.chiso:2");
    assert_null(json_object_get(r, "points"));
    json_decref(r);
    r = score_declared("{\"hs\":{\"tổng\":100.5,\"đúng_hạn\":1},\"ks\":{\"hài_lòng\":101,\"tỷ_lệ\":\"x\"},"
                       "\"kh\":{\"ngày\":\"2021-02-01\"}}");
    assert_string_equal(error_text(r, 0), "metric 'hs.tổng' = 100.5 must be a whole number (a count, declared at test.chiso:1)");
    assert_string_equal(error_text(r, 1), "metric 'ks.hài_lòng' = 101 is outside its declared range, from 0 to 100 "
                                          "(phần_trăm, declared at test.chiso:3)");
    assert_string_equal(error_text(r, 2), "metric 'ks.tỷ_lệ' must be a number, but is a string (\"x\")");
    json_decref(r);
}

static void shared_declarations_in_an_included_file(void **s)
{
    (void)s;
    const char *files[] = {"tests/data/declared/huyen.chiso", "tests/data/declared/xa.chiso"};
    for (size_t i = 0; i < 2; i++) {
        chiso_program *p = chiso_program_load(files[i]);
        assert_int_equal(chiso_program_errors(p), 0);
        assert_int_equal(chiso_program_warnings(p), 0);
        const char *sub = "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"hồ_sơ\":{\"tổng_số\":10,\"đúng_hạn\":11},"
                          "\"survey\":{\"satisfaction\":90}}}";
        chiso_result *r = chiso_score_text(p, 0, sub, strlen(sub), "u.json");
        json_t *j = chiso_result_to_json(r);
        assert_string_equal(error_text(j, 0), "metric 'hồ_sơ.đúng_hạn' = 11 breaks its constraint <= "
                                              "hồ_sơ.tổng_số (= 10), declared at tests/data/declared/so-lieu-chung.chiso:3");
        json_decref(j);
        chiso_result_free(r);
        chiso_program_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_spellings_declare_the_same),
        cmocka_unit_test(declaration_errors_have_positions),
        cmocka_unit_test(types_flow_from_declarations),
        cmocka_unit_test(undeclared_metric_is_a_warning_with_did_you_mean),
        cmocka_unit_test(ratio_compared_with_plain_number_above_one),
        cmocka_unit_test(mixed_percent_and_plain_bands_warn),
        cmocka_unit_test(comparisons_outside_a_declared_range),
        cmocka_unit_test(submissions_are_checked_against_declarations),
        cmocka_unit_test(shared_declarations_in_an_included_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

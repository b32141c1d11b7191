/* test_process_rules.c — what rules say about the appraisal process:
 * `evidence`/`kiểm_chứng`, `origin`/`nguồn` with the points split by origin
 * in every result, and `bonus`/`thưởng` with its cap. Every expected number
 * is worked out in a comment. */
#include "support.h"

#include "chiso_appraise.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

static json_t *run(const char *rules, const char *sub)
{
    chiso_program *p = load_rules(rules);
    if (chiso_program_errors(p)) chiso_program_print_diagnostics(p, stderr, false);
    assert_int_equal(chiso_program_errors(p), 0);
    json_t *r = score_json(p, sub);
    chiso_program_free(p);
    return r;
}

#define SUB(metrics) "{\"unit\":{\"id\":\"u\",\"name\":\"Đơn vị\"},\"period\":\"2021\",\"metrics\":" metrics "}"

/* 68 appraisal + 32 survey, as under the 2022–2030 national index. */
static const char *SPLIT =
    "chỉ_số \"t\" {\n"
    "  tổng 100\n"
    "  lĩnh_vực 1 \"Thẩm định\" tối_đa 68 {\n"
    "    tiêu_chí 1.1 \"Kế hoạch\" tối_đa 60 {\n"
    "      kiểm_chứng \"Kế hoạch CCHC năm\" \"Báo cáo\"\n"
    "      điểm nếu plan.ok thì tối_đa ngược_lại 0\n"
    "    }\n"
    "    tiêu_chí 1.2 \"Khảo sát trong lĩnh vực\" tối_đa 8 { nguồn điều_tra điểm tối_đa * s.a }\n"
    "    trừ \"Trễ hạn\" 2 * late.n tối_đa_trừ 5\n"
    "  }\n"
    "  lĩnh_vực 2 \"Điều tra XHH\" tối_đa 32 {\n"
    "    nguon dieu_tra\n"
    "    tiêu_chí 2.1 \"Hài lòng\" tối_đa 24 { điểm tối_đa * s.b }\n"
    "    tiêu_chí 2.2 \"Phần thẩm định trong khảo sát\" tối_đa 8 { origin appraisal score 8 }\n"
    "  }\n"
    "}\n";

static double source_field(json_t *r, const char *origin, const char *key)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r, "sources"), i, s)
        if (!strcmp(json_string_value(json_object_get(s, "origin")), origin)) return num_field(s, key);
    fail_msg("no source %s", origin);
    return -1;
}

static void points_split_by_origin_add_up(void **s)
{
    (void)s;
    /* 1.1 = 60, 1.2 = 8 × 0.5 = 4, deduction 2 × 1 = 2 → field 1 = 62;
     * 2.1 = 24 × 0.25 = 6, 2.2 = 8 → field 2 = 14; total 76.
     * Survey: 1.2 (4 / 8) + field 2 less 2.2 (14 − 8 = 6 / 32 − 8 = 24) = 10 / 32;
     * appraisal: 76 − 10 = 66 / 68 (1.1, 2.2 and the deduction). */
    json_t *r = run(SPLIT, SUB("{\"plan\":{\"ok\":true},\"s\":{\"a\":0.5,\"b\":0.25},\"late\":{\"n\":1}}"));
    assert_true(num_field(r, "points") == 76);
    assert_int_equal(json_array_size(json_object_get(r, "sources")), 2);
    assert_true(source_field(r, "appraisal", "points") == 66);
    assert_true(source_field(r, "appraisal", "max") == 68);
    assert_true(source_field(r, "survey", "points") == 10);
    assert_true(source_field(r, "survey", "max") == 32);
    json_decref(r);
}

static void no_origin_no_sources_field(void **s)
{
    (void)s;
    json_t *r = run("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score 1 } } }", SUB("{}"));
    assert_null(json_object_get(r, "sources")); /* other rule sets keep their results' shape */
    json_decref(r);
}

static void bonus_is_capped_and_group_stays_within_max(void **s)
{
    (void)s;
    const char *rules = "chỉ_số \"t\" { tổng 10\n"
                        "  lĩnh_vực 1 \"A\" tối_đa 6 {\n"
                        "    tiêu_chí 1.1 \"a\" tối_đa 3 { điểm 3 }\n"
                        "    tiêu_chí 1.2 \"b\" tối_đa 3 { điểm 1 }\n"
                        "    thưởng \"Sáng kiến\" 1 * x.n tối_đa_thưởng 1.5\n"
                        "    trừ \"Trễ\" 0.5 tối_đa_trừ 1\n"
                        "  }\n"
                        "  lĩnh_vực 2 \"B\" tối_đa 4 { tiêu_chí 2.1 \"c\" tối_đa 4 { điểm 4 } }\n"
                        "  bonus \"Toàn tỉnh\" 2 cap 1\n"
                        "}\n";
    /* field 1 = 3 + 1 + min(3, 1.5) − 0.5 = 5; total = 5 + 4 + min(2, 1) = 10 (the max) */
    json_t *r = run(rules, SUB("{\"x\":{\"n\":3}}"));
    json_t *f1 = find_node(r, "1");
    assert_true(num_field(f1, "points") == 5);
    json_t *b = json_array_get(json_object_get(f1, "bonuses"), 0);
    assert_string_equal(json_string_value(json_object_get(b, "reason")), "Sáng kiến");
    assert_true(num_field(b, "points") == 1.5);
    assert_true(num_field(b, "computed") == 3);
    assert_true(json_is_true(json_object_get(b, "capped")));
    assert_int_equal(json_array_size(json_object_get(f1, "deductions")), 1);
    assert_true(num_field(r, "points") == 10);
    assert_true(num_field(json_array_get(json_object_get(r, "bonuses"), 0), "points") == 1);
    json_decref(r);
    /* x.n = 5 with the full set of other points: 3 + 3? no, 1.2 is 1; a
     * bonus taking field 1 over its max is capped with a finding */
    const char *over = "index \"t\" { total 2 field 1 \"A\" max 2 { criterion 1.1 \"a\" max 2 { score 2 }"
                       " bonus \"Thêm\" 1 } }";
    r = run(over, SUB("{}"));
    assert_true(num_field(r, "points") == 2);
    json_t *fs = json_object_get(r, "findings");
    assert_int_equal(json_array_size(fs), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(fs, 0), "kind")), "capped");
    json_decref(r);
}

static void keywords_in_every_spelling(void **s)
{
    (void)s;
    const char *spellings[] = {
        "index \"t\" { total 1 origin survey field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { evidence \"A\" score 1 } bonus \"b\" 1 cap 1 } }",
        "chỉ_số \"t\" { tổng 1 nguồn điều_tra lĩnh_vực 1 \"f\" tối_đa 1 { tiêu_chí 1.1 \"c\" tối_đa 1 { kiểm_chứng \"A\" điểm 1 } thưởng \"b\" 1 tối_đa_thưởng 1 } }",
        "chi_so \"t\" { tong 1 nguon dieu_tra linh_vuc 1 \"f\" toi_da 1 { tieu_chi 1.1 \"c\" toi_da 1 { kiem_chung \"A\" diem 1 } thuong \"b\" 1 toi_da_thuong 1 } }",
    };
    for (size_t i = 0; i < 3; i++) {
        json_t *r = run(spellings[i], SUB("{}"));
        assert_true(source_field(r, "survey", "points") == 1);
        assert_true(source_field(r, "appraisal", "max") == 0);
        json_decref(r);
    }
}

static void process_items_errors_have_positions(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 1\n"
                                  "  field 1 \"f\" max 1 {\n"
                                  "    origin people\n"
                                  "    criterion 1.1 \"c\" max 1 { evidence \"\" score 1 }\n"
                                  "    criterion 1.2 \"d\" max 0 { evidence \"A\" evidence \"B\" score 0 origin survey origin survey }\n"
                                  "    bonus \"b\" 1 cap 0\n"
                                  "  }\n"
                                  "}\n");
    assert_diag(p, 3, 12, "error", "unknown origin 'people'");
    assert_diag(p, 4, 31, "error", "an evidence title is empty");
    assert_diag(p, 5, 44, "error", "'evidence' given twice");
    assert_diag(p, 5, 79, "error", "'origin' given twice");
    assert_diag(p, 6, 21, "error", "a bonus cap must be positive");
    chiso_program_free(p);
    p = load_rules("plan \"p\" { evidence \"A\" }");
    assert_diag(p, 1, 12, "error", "not allowed in a plan");
    chiso_program_free(p);
    p = load_rules("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score 1 } bonus \"b\" true } }");
    assert_diag(p, 1, 87, "error", "a bonus must be a number, not a boolean");
    chiso_program_free(p);
}

static void self_assessment_with_evidence_is_compared(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 3 field 1 \"f\" max 3 { criterion 1.1 \"c\" max 2 { score 1 }"
                        " criterion 1.2 \"d\" max 1 { score 1 } } }";
    json_t *r = run(rules, "{\"unit\":{\"id\":\"u\"},\"period\":\"2021\",\"metrics\":{},\"self_assessment\":{"
                           "\"1.1\":{\"points\":2,\"evidence\":[{\"title\":\"KH 12/KH-SYT\"}],\"explanation\":\"\"},"
                           "\"1.2\":{\"evidence\":[]},\"total\":3}}");
    json_t *claims = json_object_get(r, "self_assessment");
    assert_int_equal(json_array_size(claims), 2); /* 1.1: 2 vs 1; total: 3 vs 2; 1.2 claims no points */
    assert_string_equal(json_string_value(json_object_get(json_array_get(claims, 0), "node")), "1.1");
    assert_true(num_field(json_array_get(claims, 0), "claimed") == 2);
    assert_int_equal(json_array_size(json_object_get(r, "findings")), 0);
    json_decref(r);
}

static void sha256_of_known_texts(void **s)
{
    (void)s;
    char path[] = "/tmp/chiso-sha-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    fputs("abc", f);
    fclose(f);
    char hex[65];
    assert_true(chiso_sha256_file(path, hex)); /* FIPS 180-2, appendix B.1 */
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    f = fopen(path, "wb");
    fclose(f);
    assert_true(chiso_sha256_file(path, hex)); /* the empty file */
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    remove(path);
    assert_false(chiso_sha256_file(path, hex));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(points_split_by_origin_add_up),
        cmocka_unit_test(no_origin_no_sources_field),
        cmocka_unit_test(bonus_is_capped_and_group_stays_within_max),
        cmocka_unit_test(keywords_in_every_spelling),
        cmocka_unit_test(process_items_errors_have_positions),
        cmocka_unit_test(self_assessment_with_evidence_is_compared),
        cmocka_unit_test(sha256_of_known_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_names.c — names compared as a person sees them: keyword typos
 * (`tiêu_chi` → did you mean `tiêu_chí`?) with one error for one slip,
 * syntax errors naming keywords
 * as written, an unclosed '{' reported where it was opened, near-duplicate
 * metrics and node IDs by folding diacritics and case, and "did you mean"
 * for functions and node IDs. */
#include "support.h"

#include "engine/support/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void folding(void **s)
{
    (void)s;
    char *f = fold_visual("Hồ_Sơ.TỔNG_số Đúng");
    assert_string_equal(f, "ho_so.tong_so dung");
    free(f);
    assert_int_equal(visual_distance("tông", "tổng", 2), 0);
    assert_int_equal(visual_distance("ho_so", "hồ_sơ", 2), 0);
    assert_int_equal(visual_distance("tiêu_chi", "tiêu_chí", 2), 0);
    assert_int_equal(visual_distance("dossier.total", "dossiers.total", 2), 1);
    assert_int_equal(visual_distance("raito", "ratio", 2), 1); /* a swap is one edit */
    assert_int_equal(visual_distance("abc", "xyz", 2), 3);     /* capped at limit + 1 */
    const char *c[] = {"ratio", "linear", "clamp"};
    assert_string_equal(visual_suggest("Rátio", c, 3), "ratio");
    assert_null(visual_suggest("zzz", c, 3));
}

/* Folding one code point as fold.c's slow way does, independently: đ
 * becomes d, anything else is decomposed, case-folded and stripped of its
 * marks. */
static void fold_cp_expected(utf8proc_int32_t cp, char *out)
{
    if (cp == 0x0111 || cp == 0x0110) {
        strcpy(out, "d");
        return;
    }
    utf8proc_int32_t cps[8];
    int last = 0;
    utf8proc_ssize_t m =
        utf8proc_decompose_char(cp, cps, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (m < 0 || m > 8) {
        cps[0] = cp;
        m = 1;
    }
    size_t n = 0;
    for (utf8proc_ssize_t j = 0; j < m; j++)
        n += (size_t)utf8proc_encode_char(cps[j] == 0x0111 ? 'd' : cps[j], (utf8proc_uint8_t *)out + n);
    out[n] = '\0';
}

/* Every code point folds alike whether it is in the table of foldings
 * (the Vietnamese letters: U+0080–U+024F, U+1E00–U+1EFF) or not (Greek,
 * Cyrillic, the rest of U+0250–U+2FFF). */
static void folding_of_every_code_point(void **s)
{
    (void)s;
    for (utf8proc_int32_t cp = 0x80; cp < 0x3000; cp++) {
        char text[16], want[64];
        size_t n = 0;
        text[n++] = 'A';
        n += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + n);
        text[n++] = 'B';
        text[n] = '\0';
        char folded[40];
        fold_cp_expected(cp, folded);
        snprintf(want, sizeof want, "a%sb", folded);
        char *f = fold_visual(text);
        if (strcmp(f, want) != 0) fail_msg("U+%04X folds to '%s', not '%s'", (unsigned)cp, f, want);
        free(f);
    }
}

/* Names with letters in and beyond the lexer's table of letters (Latin,
 * Vietnamese, Greek, Cyrillic, Armenian, a combining mark after the
 * first letter): each a word, the metric paths as written. */
static void names_with_letters_of_any_script(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" {\n"
                                  "  total 1\n"
                                  "  field 1 \"f\" max 1 {\n"
                                  "    criterion 1.1 \"c\" max 1 {\n"
                                  "      score if ǅa.ɐb + αβ.дом + ԱԲ.ᴀx + ảnh.ë\u0301 + ỹ.ɏ > 0 then 1 else 0\n"
                                  "    }\n"
                                  "  }\n"
                                  "}\n");
    assert_int_equal(chiso_program_errors(p), 0);
    json_t *m = chiso_program_metrics(p);
    char *all = json_dumps(m, 0);
    const char *paths[] = {"ǅa.ɐb", "αβ.дом", "ԱԲ.ᴀx", "ảnh.ë\u0301", "ỹ.ɏ"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (!strstr(all, paths[i])) fail_msg("no metric %s in %s", paths[i], all);
    free(all);
    json_decref(m);
    chiso_program_free(p);
    /* a mark cannot begin a name, in the table's range or beyond it */
    p = load_rules("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score \u0301a.b } } }");
    assert_true(chiso_program_errors(p) > 0);
    chiso_program_free(p);
}

static void keyword_typos_get_did_you_mean(void **s)
{
    (void)s;
    chiso_program *p = load_rules("chỉ_số \"t\" {\n"
                                  "  tổng 1\n"
                                  "  lĩnh_vực 1 \"f\" tối_đa 1 {\n"
                                  "    tiêu_chi 1.1 \"c\" tối_đa 1 { điểm 1 }\n"
                                  "  }\n}\n");
    assert_diag(p, 4, 5, "error", "unexpected identifier 'tiêu_chi'");
    assert_hint(p, 4, 5, "did you mean `tiêu_chí`?");
    chiso_program_free(p);
    p = load_rules("index \"t\" { total 1 feild 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score 1 } } }");
    assert_diag(p, 1, 21, "error", "unexpected identifier 'feild'");
    assert_hint(p, 1, 21, "did you mean `field`?");
    chiso_program_free(p);
}

static void syntax_errors_name_keywords_as_written(void **s)
{
    (void)s;
    /* a separate error names `lĩnh_vực`, never `field` */
    chiso_program *p = load_rules("chỉ_số \"t\" {\n"
                                  "  tổng 1\n"
                                  "  lĩnh_vực 1 \"f\" tối_đa 1 { tiêu_chí 1.1 \"c\" tối_đa 1 { điểm 1 } }\n"
                                  "}\n"
                                  "lĩnh_vực 2 \"g\" tối_đa 0 { }\n");
    assert_int_equal(chiso_program_errors(p), 1);
    assert_diag(p, 5, 1, "error", "unexpected 'lĩnh_vực', expected end of file, 'chỉ_số'");
    json_t *d = chiso_program_diagnostics_json(p);
    char *all = json_dumps(d, 0);
    assert_null(strstr(all, "'field'"));
    assert_null(strstr(all, "'index'"));
    free(all);
    json_decref(d);
    chiso_program_free(p);
    /* expected keywords in the file's spelling: Vietnamese, without diacritics, English */
    p = load_rules("chỉ_số \"t\" {\n  tổng 1\n  lĩnh_vực 1 \"f\" {\n  }\n}\n");
    assert_diag(p, 3, 18, "error", "unexpected '{', expected 'tối_đa'");
    chiso_program_free(p);
    p = load_rules("chi_so \"t\" {\n  tong 1\n  linh_vuc 1 \"f\" {\n  }\n}\n");
    assert_diag(p, 3, 18, "error", "unexpected '{', expected 'toi_da'");
    chiso_program_free(p);
    p = load_rules("index \"t\" {\n  total 1\n  field 1 \"f\" {\n  }\n}\n");
    assert_diag(p, 3, 15, "error", "unexpected '{', expected 'max'");
    chiso_program_free(p);
}

static void one_typo_gives_one_error(void **s)
{
    (void)s;
    /* A misspelt node keyword: its block is read as a whole, so neither its
     * statements (`điểm`) nor its '}' are taken for the index's. */
    chiso_program *p = load_rules("chỉ_số \"t\" {\n"
                                  "  tổng 1\n"
                                  "  tiêu_chi 1 \"f\" tối_đa 1 { điểm 1 }\n"
                                  "  lĩnh_vực 2 \"g\" tối_đa 0 { }\n"
                                  "}\n");
    assert_int_equal(chiso_program_errors(p), 1);
    assert_diag(p, 3, 3, "error", "unexpected identifier 'tiêu_chi'");
    assert_hint(p, 3, 3, "did you mean `tiêu_chí`?");
    chiso_program_free(p);
    /* A misspelt field holding criteria, then two separate slips further
     * on (a one-line statement, skipped to the next statement, and a
     * criterion): each is reported once, where it is. */
    p = load_rules("chỉ_số \"t\" {\n"
                   "  tổng 1\n"
                   "  lĩnh_vưc 1 \"f\" tối_đa 1 {\n"
                   "    tiêu_chí 1.1 \"c\" tối_đa 1 {\n"
                   "      điểm 1\n"
                   "    }\n"
                   "  }\n"
                   "  lĩnh_vực 2 \"g\" tối_đa 0 {\n"
                   "    tiêu_chí 2.1 \"d\" tối_đa 0 {\n"
                   "      giá_tri ratio(a.b, a.c)\n"
                   "      mức ≥ 98% -> 0\n"
                   "      mức còn_lại -> 0\n"
                   "    }\n"
                   "    tieu_chii 2.2 \"e\" tối_đa 0 { điểm 0 }\n"
                   "  }\n"
                   "}\n");
    assert_int_equal(chiso_program_errors(p), 3);
    assert_diag(p, 3, 3, "error", "unexpected identifier 'lĩnh_vưc'");
    assert_hint(p, 3, 3, "did you mean `lĩnh_vực`?");
    assert_diag(p, 10, 7, "error", "unexpected identifier 'giá_tri'");
    assert_hint(p, 10, 7, "did you mean `giá_trị`?");
    assert_diag(p, 14, 5, "error", "unexpected identifier 'tieu_chii'");
    assert_hint(p, 14, 5, "did you mean `tiêu_chí`?");
    chiso_program_free(p);
}

static void unclosed_brace_reported_where_opened(void **s)
{
    (void)s;
    /* criterion 1.2 lacks its '}': the '}' of line 9 closes it, less indented */
    chiso_program *p = load_rules("chỉ_số \"t\" {\n"
                                  "  tổng 2\n"
                                  "  lĩnh_vực 1 \"f\" tối_đa 2 {\n"
                                  "    tiêu_chí 1.1 \"a\" tối_đa 1 {\n"
                                  "      điểm 1\n"
                                  "    }\n"
                                  "    tiêu_chí 1.2 \"b\" tối_đa 1 {\n"
                                  "      điểm 1\n"
                                  "  }\n"
                                  "}\n");
    assert_int_equal(chiso_program_errors(p), 1);
    assert_diag(p, 7, 31, "error", "this '{' of `tiêu_chí 1.2 \"b\" tối_đa 1` is never closed");
    assert_hint(p, 7, 31, "add its '}' where the block ends");
    chiso_program_free(p);
    /* all on one line: the innermost block still open */
    p = load_rules("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 { score 1 } }");
    assert_diag(p, 1, 11, "error", "this '{' of `index \"t\"` is never closed");
    chiso_program_free(p);
}

static void near_duplicate_names_by_what_a_person_sees(void **s)
{
    (void)s;
    chiso_program *p = load_rules(
        "index \"t\" { total 4 field I.1 \"f\" max 4 {\n"
        "  criterion i.1 \"a\" max 1 { score if hồ_sơ.tổng_số > 0 and hồ_sơ.tổng_số < 9 then 1 else 0 }\n"
        "  criterion 1.2 \"b\" max 1 { score if hồ_sơ.tông_số > 0 then 1 else 0 }\n"
        "  criterion 1.3 \"c\" max 1 { score if ho_so.tong_so > 0 then 1 else 0 }\n"
        "  criterion 1.4 \"d\" max 1 { score if hồ_sơ.tổng_sô > 0 or dossier.total > 0 or dossiers.total > 1 then 1 else 0 }\n"
        "  criterion 1.5 \"e\" max 0 { score if dossiers.total > 2 then 0 else 0 }\n"
        "} }\n");
    assert_int_equal(chiso_program_errors(p), 0);
    assert_diag(p, 2, 13, "warning", "node ID 'i.1' looks like 'I.1' (line 1)");
    assert_diag(p, 3, 38, "warning", "metric 'hồ_sơ.tông_số' looks like 'hồ_sơ.tổng_số'");
    assert_hint(p, 3, 38, "did you mean 'hồ_sơ.tổng_số'?");
    assert_diag(p, 4, 38, "warning", "metric 'ho_so.tong_so' looks like 'hồ_sơ.tổng_số'");
    assert_diag(p, 5, 38, "warning", "metric 'hồ_sơ.tổng_sô' looks like 'hồ_sơ.tổng_số'");
    assert_diag(p, 5, 59, "warning", "metric 'dossier.total' is read only here; did you mean 'dossiers.total'?");
    chiso_program_free(p);
    /* names differing in a digit are not typos */
    p = load_rules("index \"t\" { total 2 field 1 \"f\" max 2 {\n"
                   "  criterion 1.1 \"a\" max 1 { score if muc2.x > 0 and muc3.x > 0 then 1 else 0 }\n"
                   "  criterion 1.2 \"b\" max 1 { score if muc3.x > 1 then 1 else 0 } } }\n");
    assert_int_equal(chiso_program_warnings(p), 0);
    chiso_program_free(p);
}

static void functions_suggested_by_what_a_person_sees(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {\n"
                                  "  score Ratio(a, b) + rátio(a, b) + raito(a, b) } } }\n");
    assert_hint(p, 2, 9, "did you mean 'ratio'?");
    assert_hint(p, 2, 23, "did you mean 'ratio'?");
    assert_hint(p, 2, 37, "did you mean 'ratio'?");
    chiso_program_free(p);
}

static void closest_node_by_what_a_person_sees(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 2 field TTHC \"f\" max 2 {\n"
                                  "  criterion TTHC_1 \"a\" max 1 { score 1 }\n"
                                  "  criterion XX_2 \"b\" max 1 { score 1 } } }\n");
    const char *sub = "{\"unit\":{\"id\":\"u\"},\"metrics\":{}}";
    chiso_result *r = chiso_score_text(p, 0, sub, strlen(sub), "u.json");
    assert_string_equal(chiso_result_closest_node(r, "tthc_1"), "TTHC_1");
    assert_string_equal(chiso_result_closest_node(r, "XX_1"), "XX_2");
    chiso_result_free(r);
    chiso_program_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding),
        cmocka_unit_test(folding_of_every_code_point),
        cmocka_unit_test(names_with_letters_of_any_script),
        cmocka_unit_test(keyword_typos_get_did_you_mean),
        cmocka_unit_test(syntax_errors_name_keywords_as_written),
        cmocka_unit_test(one_typo_gives_one_error),
        cmocka_unit_test(unclosed_brace_reported_where_opened),
        cmocka_unit_test(near_duplicate_names_by_what_a_person_sees),
        cmocka_unit_test(functions_suggested_by_what_a_person_sees),
        cmocka_unit_test(closest_node_by_what_a_person_sees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

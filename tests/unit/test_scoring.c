/* test_scoring.c — the meaning of rules (contract §4) on submissions:
 * exact arithmetic at the boundaries, every not-applicable and missing
 * policy, clamps, deductions and caps, floors, grades, self-assessment, and
 * malformed submissions. Every expected number is worked out in a comment. */
#include "support.h"

#include <string.h>

static json_t *run(const char *rules, const char *sub)
{
    chiso_program *p = load_rules(rules);
    if (chiso_program_errors(p)) chiso_program_print_diagnostics(p, stderr, false);
    json_t *r = score_json(p, sub);
    chiso_program_free(p);
    return r;
}

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

#define SUB(metrics) "{\"unit\":{\"id\":\"u\",\"name\":\"Đơn vị\"},\"period\":\"2021\",\"metrics\":" metrics "}"

static const char *ON_TIME = "index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
                             " value ratio(d.on_time, d.total) band >= 98% -> 1 band >= 95% -> 0.5 band otherwise -> 0 } } }";

static void ratio_of_integers_is_exact(void **s)
{
    (void)s;
    json_t *r = run(ON_TIME, SUB("{\"d\":{\"on_time\":49,\"total\":50}}")); /* 49/50 = 98 % exactly */
    assert_true(num_field(r, "points") == 1);
    json_decref(r);
    r = run(ON_TIME, SUB("{\"d\":{\"on_time\":48,\"total\":50}}")); /* 96 % */
    assert_true(num_field(r, "points") == 0.5);
    json_decref(r);
    r = run(ON_TIME, SUB("{\"d\":{\"on_time\":9799,\"total\":10000}}")); /* 97.99 % */
    assert_true(num_field(r, "points") == 0.5);
    json_decref(r);
    r = run(ON_TIME, SUB("{\"d\":{\"on_time\":1900,\"total\":2000}}")); /* 95 % exactly */
    assert_true(num_field(r, "points") == 0.5);
    json_decref(r);
}

static void ten_tenths_make_one(void **s)
{
    (void)s;
    char rules[4096] = "index \"t\" { total 1 grade { \"Đủ\" >= 100 \"Thiếu\" otherwise } field 1 \"f\" max 1 {";
    for (int i = 1; i <= 10; i++) {
        char c[128];
        snprintf(c, sizeof c, " criterion 1.%d \"c\" max 0.1 { score 0.1 }", i);
        strcat(rules, c);
    }
    strcat(rules, " } }");
    json_t *r = run(rules, SUB("{}"));
    assert_true(num_field(r, "points") == 1);
    assert_true(num_field(r, "percent") == 100);
    assert_string_equal(str(r, "grade"), "Đủ"); /* exactly 100, not 99.99999 */
    json_decref(r);
}

static void real_metrics_are_read_exactly(void **s)
{
    (void)s;
    /* 0.1 + 0.2 as JSON reals is exactly 0.3 */
    json_t *r = run("index \"t\" { total 1 field 1 \"f\" max 1 { criterion 1.1 \"c\" max 1 {"
                    " score if a + b == 0.3 then 1 else 0 } } }", SUB("{\"a\":0.1,\"b\":0.2}"));
    assert_true(num_field(r, "points") == 1);
    json_decref(r);
}

static const char *POLICIES =
    "index \"t\" {\n"
    "  total 10\n"
    "  field 1 \"Khảo sát\" max 4 {\n"
    "    criterion 1.1 \"Hài lòng\" max 4 { score max * linear(s.sat, 5, 10) }\n"
    "  }\n"
    "  field 2 \"Hồ sơ\" max 6 {\n"
    "    criterion 2.1 \"Đúng hạn\" max 6 { value ratio(d.ok, d.total) band >= 98% -> 6 band otherwise -> 0 }\n"
    "  }\n"
    "}\n";

static char *with_policy(const char *policy)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s", POLICIES);
    char *at = strstr(buf, "  total 10\n") + strlen("  total 10\n");
    char rest[2048];
    snprintf(rest, sizeof rest, "%s", at);
    snprintf(at, sizeof buf - (size_t)(at - buf), "  policy not_applicable = %s\n%s", policy, rest);
    return buf;
}

static void not_applicable_policies(void **s)
{
    (void)s;
    const char *sub = SUB("{\"s\":{\"sat\":null},\"d\":{\"ok\":99,\"total\":100}}");
    /* full: 1.1 gets its max 4; 2.1 gets 6; 10 / 10 */
    json_t *r = run(with_policy("full"), sub);
    assert_true(num_field(r, "points") == 10);
    assert_true(num_field(r, "max") == 10);
    assert_string_equal(str(find_node(r, "1.1"), "status"), "not_applicable");
    json_decref(r);
    /* exclude: 1.1 leaves the maximum: 6 / 6 = 100 % */
    r = run(with_policy("exclude"), sub);
    assert_true(num_field(r, "points") == 6);
    assert_true(num_field(r, "max") == 6);
    assert_true(num_field(r, "percent") == 100);
    assert_true(num_field(find_node(r, "1"), "max") == 0);
    json_decref(r);
    /* zero: 6 / 10 */
    r = run(with_policy("zero"), sub);
    assert_true(num_field(r, "points") == 6);
    assert_true(num_field(r, "max") == 10);
    assert_true(num_field(r, "percent") == 60);
    json_decref(r);
    /* a zero denominator is not applicable too: with exclude, 2.1 leaves: 0 of 4 → 0 % (sat 5 → 0) */
    r = run(with_policy("exclude"), SUB("{\"s\":{\"sat\":5},\"d\":{\"ok\":0,\"total\":0}}"));
    assert_true(num_field(r, "max") == 4);
    assert_true(num_field(r, "points") == 0);
    assert_string_equal(str(find_node(r, "2.1"), "reason"), "a ratio or division has a zero denominator");
    json_decref(r);
}

/* A yes/no criterion scored by bands: `mức đúng -> tối_đa` gives the
 * node's maximum, `mức sai -> 0` nothing; the band is named as shown. */
static void boolean_bands_score(void **s)
{
    (void)s;
    chiso_program *p = load_rules("chỉ_số \"t\" { tổng 3 lĩnh_vực 1 \"f\" tối_đa 3 {"
                                  " tiêu_chí 1.1 \"Ban hành đúng hạn\" tối_đa 2 {"
                                  "   giá_trị kh.ngày <= 2020-12-31 mức đúng -> tối_đa mức sai -> 0 }"
                                  " tiêu_chí 1.2 \"Có quy chế\" tối_đa 1 {"
                                  "   giá_trị qc.có mức sai -> 0 mức đúng -> 1 } } }");
    assert_int_equal(chiso_program_errors(p), 0);
    json_t *r = score_json(p, SUB("{\"kh\":{\"ngày\":\"2020-12-31\"},\"qc\":{\"có\":false}}"));
    assert_true(num_field(find_node(r, "1.1"), "points") == 2);
    assert_string_equal(json_string_value(json_object_get(find_node(r, "1.1"), "band")), "đúng");
    assert_true(num_field(find_node(r, "1.2"), "points") == 0);
    assert_string_equal(json_string_value(json_object_get(find_node(r, "1.2"), "band")), "sai");
    json_decref(r);
    r = score_json(p, SUB("{\"kh\":{\"ngày\":\"2021-01-01\"},\"qc\":{\"có\":true}}"));
    assert_true(num_field(find_node(r, "1.1"), "points") == 0);
    assert_true(num_field(find_node(r, "1.2"), "points") == 1);
    assert_true(num_field(r, "points") == 1);
    json_decref(r);
    chiso_program_free(p);
}

static void node_policy_overrides_index(void **s)
{
    (void)s;
    /* index: zero; field 1: exclude.  sat null → excluded; 2.1 null → 0 of 6 */
    const char *rules = "index \"t\" { total 10 policy not_applicable = zero\n"
                        "  field 1 \"a\" max 4 { policy not_applicable = exclude\n"
                        "    criterion 1.1 \"x\" max 4 { score max * linear(s.sat, 5, 10) } }\n"
                        "  field 2 \"b\" max 6 { criterion 2.1 \"y\" max 6 { score 6 * ratio(d.ok, d.total) } } }\n";
    json_t *r = run(rules, SUB("{\"s\":{\"sat\":null},\"d\":{\"ok\":null,\"total\":100}}"));
    assert_true(num_field(r, "max") == 6);
    assert_true(num_field(r, "points") == 0);
    assert_true(num_field(find_node(r, "2.1"), "max") == 6);
    json_decref(r);
}

static void applies_if(void **s)
{
    (void)s;
    /* 1.2 applies only when there were late dossiers; policy zero when it does not apply */
    const char *rules = "index \"t\" { total 2 field 1 \"f\" max 2 {\n"
                        "  criterion 1.1 \"a\" max 1 { score 1 }\n"
                        "  criterion 1.2 \"b\" max 1 { applies_if late > 0 policy not_applicable = zero\n"
                        "    score ratio(letters, late) } } }\n";
    json_t *r = run(rules, SUB("{\"late\":0,\"letters\":0}"));
    assert_true(num_field(r, "points") == 1);
    assert_string_equal(str(find_node(r, "1.2"), "reason"), "applies_if is false");
    json_decref(r);
    r = run(rules, SUB("{\"late\":4,\"letters\":3}")); /* 1 + 3/4 */
    assert_true(num_field(r, "points") == 1.75);
    json_decref(r);
}

static void missing_metrics(void **s)
{
    (void)s;
    /* default: the unit is an error naming every missing metric */
    json_t *r = run(ON_TIME, SUB("{\"d\":{}}"));
    assert_string_equal(str(r, "status"), "error");
    assert_string_equal(json_string_value(json_array_get(json_object_get(r, "errors"), 0)),
                        "missing metrics 'd.on_time', 'd.total' (needed by 1.1)");
    json_decref(r);
    /* Every problem of a submission at once: two metrics of the wrong type
     * and every metric missing, each named, so a unit is not asked twice. */
    const char *many = "index \"t\" { total 4 field 1 \"f\" max 4 {"
                       " criterion 1.1 \"a\" max 1 { score if p.d <= 2020-12-31 then 1 else 0 }"
                       " criterion 1.2 \"b\" max 1 { score min(1, p.n) }"
                       " criterion 1.3 \"c\" max 1 { value ratio(q.x, q.y) band >= 50% -> 1 band otherwise -> 0 }"
                       " criterion 1.4 \"d\" max 1 { score ratio(p.n, r.z) } } }";
    r = run(many, SUB("{\"p\":{\"d\":5,\"n\":\"hai\"}}"));
    assert_string_equal(str(r, "status"), "error");
    json_t *all = json_object_get(r, "errors");
    assert_int_equal(json_array_size(all), 4);
    assert_string_equal(json_string_value(json_array_get(all, 0)), "metric 'p.d' must be a date written \"YYYY-MM-DD\", but is 5");
    assert_string_equal(json_string_value(json_array_get(all, 1)), "metric 'p.n' must be a number, but is a string (\"hai\")");
    assert_string_equal(json_string_value(json_array_get(all, 2)), "missing metrics 'q.x', 'q.y' (needed by 1.3)");
    assert_string_equal(json_string_value(json_array_get(all, 3)), "missing metric 'r.z' (needed by 1.4)");
    json_decref(r);
    /* missing = zero: 0 points and a finding */
    const char *rules = "index \"t\" { total 2 policy missing = zero field 1 \"f\" max 2 {"
                        " criterion 1.1 \"a\" max 1 { score a } criterion 1.2 \"b\" max 1 { score b } } }";
    r = run(rules, SUB("{\"a\":1}"));
    assert_string_equal(str(r, "status"), "ok");
    assert_true(num_field(r, "points") == 1);
    assert_string_equal(str(find_node(r, "1.2"), "status"), "missing");
    json_t *f = json_array_get(json_object_get(r, "findings"), 0);
    assert_string_equal(str(f, "kind"), "missing");
    assert_string_equal(str(f, "node"), "1.2");
    json_decref(r);
}

static void clamps_deductions_caps_floors(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 10 field 1 \"f\" max 10 {\n"
                        "  criterion 1.1 \"a\" max 4 { score a }\n"          /* clamped to [0, 4] */
                        "  criterion 1.2 \"b\" max 6 { score b }\n"
                        "  deduct \"báo cáo trễ\" 0.5 * late cap 2\n"
                        "  deduct \"không xin lỗi\" 1 * missing_letters } }\n";
    /* a 7 → 4 (finding), b 6; deductions 0.5×10 = 5 capped at 2, and 1 → 10 − 3 = 7 */
    json_t *r = run(rules, SUB("{\"a\":7,\"b\":6,\"late\":10,\"missing_letters\":1}"));
    assert_true(num_field(r, "points") == 7);
    assert_true(num_field(find_node(r, "1.1"), "points") == 4);
    json_t *f = json_array_get(json_object_get(r, "findings"), 0);
    assert_string_equal(str(f, "kind"), "clamped");
    json_t *d = json_array_get(json_object_get(find_node(r, "1"), "deductions"), 0);
    assert_true(num_field(d, "points") == 2);
    assert_true(num_field(d, "computed") == 5);
    json_decref(r);
    /* a −3 → 0; b 1; deductions 2 + 4 → floored at 0 */
    r = run(rules, SUB("{\"a\":-3,\"b\":1,\"late\":10,\"missing_letters\":4}"));
    assert_true(num_field(r, "points") == 0);
    json_decref(r);
}

static void grades_and_self_assessment(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 100 grade { \"Xuất sắc\" >= 90 \"Tốt\" >= 80 \"Khá\" otherwise }\n"
                        " field 1 \"f\" max 100 { criterion 1.1 \"a\" max 100 { score a } } }";
    json_t *r = run(rules, "{\"unit\":{\"id\":\"u\"},\"metrics\":{\"a\":89.99},\"self_assessment\":{\"1.1\":90,\"total\":89.99}}");
    assert_string_equal(str(r, "grade"), "Tốt"); /* 89.99 does not reach 90 */
    json_t *sa = json_object_get(r, "self_assessment");
    assert_int_equal(json_array_size(sa), 1); /* total agrees; 1.1 overstates */
    assert_string_equal(str(json_array_get(sa, 0), "node"), "1.1");
    assert_true(num_field(json_array_get(sa, 0), "claimed") == 90);
    assert_true(num_field(json_array_get(sa, 0), "computed") == 89.99);
    json_decref(r);
    r = run(rules, SUB("{\"a\":90}"));
    assert_string_equal(str(r, "grade"), "Xuất sắc");
    json_decref(r);
}

static void dates_and_kleene_logic(void **s)
{
    (void)s;
    const char *rules = "index \"t\" { total 2 field 1 \"f\" max 2 {\n"
                        "  criterion 1.1 \"đúng hạn\" max 1 { score if days_between(issued, 2021-01-15) >= 15 then 1 else 0 }\n"
                        "  criterion 1.2 \"logic\" max 1 { score if false and x > 0 then 0 else 1 } } }";
    /* 2020-12-31 → 15 days before 2021-01-15; x is null but `false and …` is false */
    json_t *r = run(rules, SUB("{\"issued\":\"2020-12-31\",\"x\":null}"));
    assert_true(num_field(r, "points") == 2);
    json_decref(r);
}

static void malformed_submissions(void **s)
{
    (void)s;
    struct { const char *sub; const char *error; } cases[] = {
        {"[1, 2]", "must be a JSON object"},
        {"\"chuỗi\"", "must be a JSON object"},
        {"{\"metrics\":{}}", "no \"unit\" object"},
        {"{\"unit\":{\"name\":\"x\"},\"metrics\":{}}", "no \"id\" string"},
        {"{\"unit\":{\"id\":\"u\"}}", "no \"metrics\" object"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":[]}", "\"metrics\" must be an object"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":{\"on_time\":\"nhiều\",\"total\":5}}}",
         "metric 'd.on_time' must be a number, but is a string (\"nhiều\")"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":{\"on_time\":1e1001,\"total\":5}}}", "beyond the numbers chiso reads exactly"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":5}}", "'d' is a number, not an object"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":{\"on_time\":1,\"on_time\":2,\"total\":3}}}", "duplicate"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{", "invalid JSON at line 1"},
        {"", "the submission is empty"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":{\"on_time\":NaN,\"total\":5}}}", "invalid JSON at line 1"},
        {"{\"unit\":{\"id\":\"u\"},\"metrics\":{\"d\":{\"on_time\":\"NaN\",\"total\":5}}}", "must be a number"},
    };
    chiso_program *p = load_rules(ON_TIME);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chiso_result *res = chiso_score_text(p, 0, cases[i].sub, strlen(cases[i].sub), "x.json");
        json_t *r = chiso_result_to_json(res);
        assert_string_equal(str(r, "status"), "error");
        const char *e = json_string_value(json_array_get(json_object_get(r, "errors"), 0));
        if (!strstr(e, cases[i].error)) fprintf(stderr, "case %zu: \"%s\" lacks \"%s\"\n", i, e, cases[i].error);
        assert_non_null(strstr(e, cases[i].error));
        json_decref(r);
        chiso_result_free(res);
    }
    chiso_program_free(p);
}

static void ranking_is_competition_ranking(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 10 field 1 \"f\" max 10 { criterion 1.1 \"a\" max 10 { score a } } }");
    const char *subs[] = {SUB("{\"a\":9}"), SUB("{\"a\":8}"), SUB("{\"a\":8}"), SUB("{\"a\":5}"), SUB("{}")};
    chiso_result *res[5];
    for (int i = 0; i < 5; i++) res[i] = chiso_score_text(p, 0, subs[i], strlen(subs[i]), NULL);
    chiso_rank(res, 5);
    long want[] = {1, 2, 2, 4, 0}; /* the last is in error: not ranked */
    for (int i = 0; i < 5; i++) {
        json_t *r = chiso_result_to_json(res[i]);
        json_t *rank = json_object_get(r, "rank");
        if (want[i]) assert_int_equal(json_integer_value(rank), want[i]);
        else assert_true(json_is_null(rank));
        json_decref(r);
        chiso_result_free(res[i]);
    }
    chiso_program_free(p);
}

/* chiso_rank ranks each (level, period) apart, as a batch does, and skips
 * units marked "ranked": false (scored all the same, with a finding). */
static void ranking_is_per_level_and_period_and_skips_unranked_units(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 10 field 1 \"f\" max 10 { criterion 1.1 \"a\" max 10 { score a } } }");
#define UNIT(level, period, ranked, a) \
    "{\"unit\":{\"id\":\"u\",\"level\":\"" level "\"" ranked "},\"period\":\"" period "\",\"metrics\":{\"a\":" a "}}"
    const char *subs[] = {
        UNIT("huyện", "2021", "", "6"),                   /* huyện 2021: 6 → 2 */
        UNIT("huyện", "2021", ",\"ranked\":false", "10"), /* scored 10, not ranked */
        UNIT("huyện", "2021", "", "7"),                   /* → 1 */
        UNIT("xã", "2021", "", "3"),                      /* xã 2021, alone → 1 */
        UNIT("huyện", "2020", "", "2"),                   /* huyện 2020, alone → 1 */
        UNIT("huyện", "2021", "", "6"),                   /* ties the first → 2 */
        UNIT("huyện", "2021", ",\"ranked\":\"no\"", "9"),  /* not a boolean: an error */
    };
#undef UNIT
    enum { N = sizeof subs / sizeof subs[0] };
    chiso_result *res[N];
    for (int i = 0; i < N; i++) res[i] = chiso_score_text(p, 0, subs[i], strlen(subs[i]), NULL);
    chiso_rank(res, N);
    long want[N] = {2, 0, 1, 1, 1, 2, 0};
    for (int i = 0; i < N; i++) {
        json_t *r = chiso_result_to_json(res[i]);
        json_t *rank = json_object_get(r, "rank");
        if (want[i]) assert_int_equal(json_integer_value(rank), want[i]);
        else assert_true(json_is_null(rank));
        if (i == 1) {
            assert_string_equal(str(r, "status"), "ok");
            assert_true(num_field(r, "points") == 10);
            json_t *f = json_array_get(json_object_get(r, "findings"), 0);
            assert_string_equal(str(f, "kind"), "not_ranked");
        }
        if (i == 6) {
            assert_string_equal(str(r, "status"), "error");
            assert_string_equal(json_string_value(json_array_get(json_object_get(r, "errors"), 0)),
                                "\"unit.ranked\" must be true or false");
        }
        json_decref(r);
        chiso_result_free(res[i]);
    }
    chiso_program_free(p);
}

/* Binding reuses the lookups of a path's leading segments shared with the
 * metric read before it; every way a shared prefix can end must still give
 * each metric its own answer: a null group (not applicable), a group that
 * is not an object (an error naming each metric), an absent group
 * (missing), and siblings at several depths. */
static void metrics_sharing_a_prefix_are_bound_one_by_one(void **s)
{
    (void)s;
    const char *rules =
        "index \"t\" { total 8 policy missing = zero field 1 \"f\" max 8 {"
        " criterion c1 \"1\" max 1 { score g.a }      criterion c2 \"2\" max 1 { score g.b }"
        " criterion c3 \"3\" max 1 { score h.x.y }    criterion c4 \"4\" max 1 { score h.x.z }"
        " criterion c5 \"5\" max 1 { score h.w }      criterion c6 \"6\" max 1 { score k.m.n }"
        " criterion c7 \"7\" max 1 { score k.m.o }    criterion c8 \"8\" max 1 { score k.p } } }";
    /* g null: c1, c2 not applicable (full points); h.x absent: c3, c4
     * missing (0); h.w = 1; k.m = {n: 1, o: 0}; k.p = 1. */
    json_t *r = run(rules, SUB("{\"g\":null,\"h\":{\"w\":1},\"k\":{\"m\":{\"n\":1,\"o\":0},\"p\":1}}"));
    assert_string_equal(str(r, "status"), "ok");
    assert_string_equal(str(find_node(r, "c1"), "status"), "not_applicable");
    assert_string_equal(str(find_node(r, "c2"), "status"), "not_applicable");
    assert_string_equal(str(find_node(r, "c2"), "reason"), "metric 'g.b' did not arise (null)");
    assert_string_equal(str(find_node(r, "c3"), "status"), "missing");
    assert_string_equal(str(find_node(r, "c4"), "status"), "missing");
    assert_string_equal(str(find_node(r, "c4"), "reason"), "missing metric 'h.x.z'");
    assert_true(num_field(find_node(r, "c5"), "points") == 1);
    assert_true(num_field(find_node(r, "c6"), "points") == 1);
    assert_true(num_field(find_node(r, "c7"), "points") == 0);
    assert_string_equal(str(find_node(r, "c7"), "status"), "scored");
    assert_true(num_field(find_node(r, "c8"), "points") == 1);
    assert_true(num_field(r, "points") == 5); /* 1 + 1 + 0 + 0 + 1 + 1 + 0 + 1 */
    json_decref(r);
    /* g and k.m are numbers: an error for each metric below them. */
    r = run(rules, SUB("{\"g\":5,\"h\":{\"x\":{\"y\":1,\"z\":1},\"w\":1},\"k\":{\"m\":2,\"p\":1}}"));
    assert_string_equal(str(r, "status"), "error");
    json_t *errors = json_object_get(r, "errors");
    assert_int_equal(json_array_size(errors), 4);
    assert_string_equal(json_string_value(json_array_get(errors, 0)), "metric 'g.a': 'g' is a number, not an object");
    assert_string_equal(json_string_value(json_array_get(errors, 1)), "metric 'g.b': 'g' is a number, not an object");
    assert_string_equal(json_string_value(json_array_get(errors, 2)), "metric 'k.m.n': 'k.m' is a number, not an object");
    assert_string_equal(json_string_value(json_array_get(errors, 3)), "metric 'k.m.o': 'k.m' is a number, not an object");
    json_decref(r);

    /* Paths deeper than the 32 lookups binding remembers: s1...s39.a and
     * s1...s39.b share 39 segments; only what is remembered is reused. */
    char path[512] = "", sub[1024] = "{\"unit\":{\"id\":\"u\"},\"metrics\":", tail[256] = "";
    for (int i = 1; i <= 39; i++) {
        char seg[16];
        snprintf(seg, sizeof seg, "%ss%d", i > 1 ? "." : "", i);
        strcat(path, seg);
        snprintf(seg, sizeof seg, "{\"s%d\":", i);
        strcat(sub, seg);
        strcat(tail, "}");
    }
    strcat(sub, "{\"a\":1,\"b\":0}");
    strcat(sub, tail);
    strcat(sub, "}");
    char deep[2048];
    snprintf(deep, sizeof deep,
             "index \"t\" { total 2 field 1 \"f\" max 2 { criterion 1.1 \"a\" max 1 { score %s.a }"
             " criterion 1.2 \"b\" max 1 { score %s.b } } }", path, path);
    r = run(deep, sub);
    assert_string_equal(str(r, "status"), "ok");
    assert_true(num_field(find_node(r, "1.1"), "points") == 1);
    assert_true(num_field(find_node(r, "1.2"), "points") == 0);
    json_decref(r);
}

/* Exact percents rank 91.804, 91.796 and 91.8 as 1, 3, 2; rounded to two
 * decimals, as a published table shows them, all three tie at 91.80. */
static void ranking_on_rounded_percents(void **s)
{
    (void)s;
    chiso_program *p = load_rules("index \"t\" { total 10 field 1 \"f\" max 10 { criterion 1.1 \"a\" max 10 { score a } } }");
    const char *subs[] = {SUB("{\"a\":9.1804}"), SUB("{\"a\":9.1796}"), SUB("{\"a\":9.18}")};
    chiso_result *res[3];
    for (int i = 0; i < 3; i++) res[i] = chiso_score_text(p, 0, subs[i], strlen(subs[i]), NULL);
    long want[][3] = {{1, 3, 2}, {1, 1, 1}, {1, 3, 2}, {1, 1, 1}};
    int decimals[] = {-1, 2, 3, 0};
    for (int k = 0; k < 4; k++) {
        chiso_rank_ex(res, 3, decimals[k]);
        for (int i = 0; i < 3; i++) {
            json_t *r = chiso_result_to_json(res[i]);
            assert_int_equal(json_integer_value(json_object_get(r, "rank")), want[k][i]);
            json_decref(r);
        }
    }
    for (int i = 0; i < 3; i++) chiso_result_free(res[i]);
    chiso_program_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ratio_of_integers_is_exact),
        cmocka_unit_test(ten_tenths_make_one),
        cmocka_unit_test(real_metrics_are_read_exactly),
        cmocka_unit_test(not_applicable_policies),
        cmocka_unit_test(boolean_bands_score),
        cmocka_unit_test(node_policy_overrides_index),
        cmocka_unit_test(applies_if),
        cmocka_unit_test(missing_metrics),
        cmocka_unit_test(clamps_deductions_caps_floors),
        cmocka_unit_test(grades_and_self_assessment),
        cmocka_unit_test(dates_and_kleene_logic),
        cmocka_unit_test(malformed_submissions),
        cmocka_unit_test(metrics_sharing_a_prefix_are_bound_one_by_one),
        cmocka_unit_test(ranking_is_competition_ranking),
        cmocka_unit_test(ranking_on_rounded_percents),
        cmocka_unit_test(ranking_is_per_level_and_period_and_skips_unranked_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_lsp.c — a scripted Language Server Protocol session against
 * chiso_lsp_serve: initialize; didOpen of a file with an error (its
 * diagnostic, with range, code and hint); didChange that fixes it (no
 * diagnostics); hover on a node ID, a metric, a keyword; definition of a
 * let, a node ID and an include; completion by the cursor's context;
 * metric declarations (hover, definition across an include); document
 * symbols; formatting;
 * positions in UTF-16 after a character outside the BMP; requests before
 * initialize, unknown methods, broken JSON; shutdown and exit. */
#define _GNU_SOURCE
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define URI "file:///rules/thu%20nghiem.chiso"

static const char *broken =
    "index \"Thử\" {\n"
    "  total 3\n"
    "  field 1 \"Chỉ đạo\" max 2 {\n"
    "    criterion 1.1 \"Kế hoạch\" max 2 {\n"
    "      source \"Hướng dẫn, mục 1.1\"\n"
    "      let tl = ratio(plan.done, plan.tasks)\n"
    "      value tl\n"
    "      band >= 100% -> 2\n"
    "      band otherwise -> 0\n"
    "    }\n"
    "    deduct \"😀 trễ\" 0.5 * reports.late cap 1\n"
    "  }\n"
    "}\n";

static json_t *messages; /* the session's input, in order */

static void add(json_t *msg) { json_array_append_new(messages, msg); }

static void request(int id, const char *method, json_t *params)
{
    add(json_pack("{s:s, s:i, s:s, s:o}", "jsonrpc", "2.0", "id", id, "method", method, "params",
                  params ? params : json_object()));
}

static void notify(const char *method, json_t *params)
{
    add(json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

static json_t *at(int line, int character)
{
    return json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", URI, "position", "line", line,
                     "character", character);
}

/* Runs the session; returns every message the server sent and its exit code. */
static json_t *run_session(const char *extra_raw, int *code)
{
    char *in = NULL, *out = NULL;
    size_t inlen = 0, outlen = 0;
    FILE *fin = open_memstream(&in, &inlen);
    if (extra_raw) fputs(extra_raw, fin);
    size_t i;
    json_t *m;
    json_array_foreach(messages, i, m) {
        char *body = json_dumps(m, JSON_COMPACT);
        fprintf(fin, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
        free(body);
    }
    fclose(fin);
    FILE *rin = fmemopen(in, inlen, "rb");
    FILE *fout = open_memstream(&out, &outlen);
    *code = chiso_lsp_serve(rin, fout);
    fclose(rin);
    fclose(fout);
    json_t *replies = json_array();
    for (char *p = out; p && *p;) {
        char *len = strstr(p, "Content-Length: ");
        if (!len) break;
        size_t n = strtoul(len + 16, NULL, 10);
        char *body = strstr(len, "\r\n\r\n") + 4;
        json_error_t err;
        json_t *msg = json_loadb(body, n, 0, &err);
        assert_non_null(msg);
        json_array_append_new(replies, msg);
        p = body + n;
    }
    free(in);
    free(out);
    return replies;
}

static json_t *response(json_t *replies, int id)
{
    size_t i;
    json_t *m;
    json_array_foreach(replies, i, m) {
        json_t *mid = json_object_get(m, "id");
        if (json_is_integer(mid) && json_integer_value(mid) == id) return m;
    }
    fail_msg("no response to request %d", id);
    return NULL;
}

/* The n-th publishDiagnostics notification. */
static json_t *published(json_t *replies, int n)
{
    size_t i;
    json_t *m;
    json_array_foreach(replies, i, m) {
        const char *method = json_string_value(json_object_get(m, "method"));
        if (method && !strcmp(method, "textDocument/publishDiagnostics") && n-- == 0)
            return json_object_get(m, "params");
    }
    fail_msg("too few publishDiagnostics");
    return NULL;
}

static int geti(json_t *o, const char *path1, const char *path2)
{
    json_t *v = json_object_get(o, path1);
    if (path2) v = json_object_get(v, path2);
    assert_true(json_is_integer(v));
    return (int)json_integer_value(v);
}

static const char *hover_text(json_t *replies, int id)
{
    json_t *r = json_object_get(response(replies, id), "result");
    return json_string_value(json_object_get(json_object_get(r, "contents"), "value"));
}

static bool has_label(json_t *items, const char *label, int kind)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (!strcmp(json_string_value(json_object_get(it, "label")), label) &&
            json_integer_value(json_object_get(it, "kind")) == kind)
            return true;
    }
    return false;
}

static void full_session(void **state)
{
    (void)state;
    messages = json_array();
    request(1, "initialize", json_pack("{s:i, s:{}}", "processId", 1, "capabilities"));
    notify("initialized", json_object());
    notify("textDocument/didOpen", json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", URI,
                                             "languageId", "chiso", "version", 1, "text", broken));
    /* the fix, as a ranged edit: "3" of `total 3` -> "2" */
    notify("textDocument/didChange",
           json_pack("{s:{s:s, s:i}, s:[{s:{s:{s:i,s:i}, s:{s:i,s:i}}, s:s}]}", "textDocument", "uri", URI,
                     "version", 2, "contentChanges", "range", "start", "line", 1, "character", 8, "end",
                     "line", 1, "character", 9, "text", "2"));
    request(2, "textDocument/hover", at(3, 15));  /* 1.1 */
    request(3, "textDocument/hover", at(5, 23));  /* plan.done */
    request(4, "textDocument/hover", at(10, 38)); /* just after reports.late, counted in UTF-16 past an emoji */
    request(5, "textDocument/definition", at(6, 13)); /* tl in `value tl` */
    request(6, "textDocument/completion", at(7, 0));   /* the start of a statement in a criterion */
    request(12, "textDocument/completion", at(6, 12)); /* after `value `: an expression */
    request(13, "textDocument/completion", at(7, 11)); /* after `band ` */
    request(7, "textDocument/documentSymbol", json_pack("{s:{s:s}}", "textDocument", "uri", URI));
    request(8, "textDocument/formatting", json_pack("{s:{s:s}, s:{s:i, s:b}}", "textDocument", "uri", URI,
                                                    "options", "tabSize", 2, "insertSpaces", 1));
    request(9, "textDocument/hover", at(3, 5)); /* the keyword criterion */
    request(10, "workspace/symbol", json_object());
    request(11, "shutdown", NULL);
    notify("exit", json_object());
    int code = -1;
    json_t *r = run_session(NULL, &code);
    assert_int_equal(code, 0);

    json_t *caps = json_object_get(json_object_get(response(r, 1), "result"), "capabilities");
    assert_true(json_is_true(json_object_get(caps, "hoverProvider")));
    assert_true(json_is_true(json_object_get(caps, "documentFormattingProvider")));
    assert_int_equal(geti(caps, "textDocumentSync", "change"), 1);

    /* didOpen: the maxima error on `total 3`, with its range, code and hint */
    json_t *d0 = published(r, 0);
    assert_string_equal(json_string_value(json_object_get(d0, "uri")), URI);
    json_t *diags = json_object_get(d0, "diagnostics");
    assert_int_equal(json_array_size(diags), 1);
    json_t *d = json_array_get(diags, 0);
    assert_string_equal(json_string_value(json_object_get(d, "code")), "maxima");
    assert_int_equal(geti(d, "severity", NULL), 1);
    json_t *rng = json_object_get(d, "range");
    assert_int_equal(geti(json_object_get(rng, "start"), "line", NULL), 1);
    assert_int_equal(geti(json_object_get(rng, "start"), "character", NULL), 8);
    assert_int_equal(geti(json_object_get(rng, "end"), "character", NULL), 9);
    assert_non_null(strstr(json_string_value(json_object_get(d, "message")),
                           "the fields add up to 2, not to the total 3\nhint: 1 (2) = 2"));
    /* didChange: fixed, nothing left */
    json_t *d1 = published(r, 1);
    assert_int_equal(geti(d1, "version", NULL), 2);
    assert_int_equal(json_array_size(json_object_get(d1, "diagnostics")), 0);

    const char *h = hover_text(r, 2);
    assert_non_null(h);
    assert_non_null(strstr(h, "**tiêu chí (criterion) 1.1** — Kế hoạch"));
    assert_non_null(strstr(h, "tối đa (max): **2** điểm"));
    assert_non_null(strstr(h, "căn cứ (source): Hướng dẫn, mục 1.1"));
    assert_non_null(strstr(h, "/rules/thu nghiem.chiso:4"));
    json_t *hr = json_object_get(json_object_get(response(r, 2), "result"), "range");
    assert_int_equal(geti(json_object_get(hr, "start"), "character", NULL), 14);
    assert_int_equal(geti(json_object_get(hr, "end"), "character", NULL), 17);
    h = hover_text(r, 3);
    assert_non_null(h);
    assert_non_null(strstr(h, "**số liệu (metric) `plan.done`** — number"));
    assert_non_null(strstr(h, "đọc ở (read by): 1.1 (line 4)"));
    h = hover_text(r, 4);
    assert_non_null(h);
    assert_non_null(strstr(h, "`reports.late`"));
    assert_non_null(strstr(h, "read by): 1 (line 3)"));
    h = hover_text(r, 9);
    assert_non_null(h);
    assert_non_null(strstr(h, "`tiêu_chí` = `criterion`"));

    json_t *def = json_object_get(response(r, 5), "result");
    assert_string_equal(json_string_value(json_object_get(def, "uri")), URI);
    json_t *ds = json_object_get(json_object_get(def, "range"), "start");
    assert_int_equal(geti(ds, "line", NULL), 5);
    assert_int_equal(geti(ds, "character", NULL), 10);

    /* completion by context: statement keywords of a criterion, in the
     * file's language, and no metric where a statement starts */
    json_t *items = json_object_get(response(r, 6), "result");
    assert_true(has_label(items, "band", 14));
    assert_true(has_label(items, "value", 14));
    assert_true(has_label(items, "criterion", 14)); /* the file is written in English */
    assert_false(has_label(items, "tiêu_chí", 14));
    assert_false(has_label(items, "total", 14));    /* only in an index */
    assert_false(has_label(items, "plan.done", 5));
    assert_false(has_label(items, "ratio", 3));
    /* in an expression: metrics, lets, functions, expression keywords */
    items = json_object_get(response(r, 12), "result");
    assert_true(has_label(items, "plan.done", 5));
    assert_true(has_label(items, "plan.tasks", 5));
    assert_true(has_label(items, "reports.late", 5));
    assert_true(has_label(items, "tl", 6));
    assert_true(has_label(items, "ratio", 3));
    assert_true(has_label(items, "if", 14));
    assert_false(has_label(items, "criterion", 14));
    assert_false(has_label(items, "band", 14));
    /* after `band` */
    items = json_object_get(response(r, 13), "result");
    assert_true(has_label(items, "otherwise", 14));
    assert_false(has_label(items, "plan.done", 5));

    json_t *syms = json_object_get(response(r, 7), "result");
    assert_int_equal(json_array_size(syms), 1);
    json_t *idx = json_array_get(syms, 0);
    assert_string_equal(json_string_value(json_object_get(idx, "name")), "Thử");
    json_t *field = json_array_get(json_object_get(idx, "children"), 0);
    assert_string_equal(json_string_value(json_object_get(field, "name")), "1 Chỉ đạo");
    assert_string_equal(json_string_value(json_object_get(field, "detail")), "tối đa (max) 2");
    assert_int_equal(geti(json_object_get(json_object_get(field, "range"), "end"), "line", NULL), 11);
    json_t *crit = json_array_get(json_object_get(field, "children"), 0);
    assert_string_equal(json_string_value(json_object_get(crit, "name")), "1.1 Kế hoạch");

    json_t *edits = json_object_get(response(r, 8), "result");
    assert_int_equal(json_array_size(edits), 1);
    const char *formatted = json_string_value(json_object_get(json_array_get(edits, 0), "newText"));
    assert_non_null(strstr(formatted, "      band >= 100%   -> 2\n      band otherwise -> 0\n    }\n\n    deduct"));
    assert_non_null(strstr(formatted, "  total 2\n"));

    json_t *err = json_object_get(response(r, 10), "error");
    assert_int_equal(geti(err, "code", NULL), -32601);
    assert_true(json_is_null(json_object_get(response(r, 11), "result")));
    json_decref(r);
    json_decref(messages);
}

static void include_and_edge_cases(void **state)
{
    (void)state;
    char dir[] = "/tmp/chiso-lsp-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *inc = NULL, *top = NULL, *uri = NULL;
    assert_true(asprintf(&inc, "%s/phan.chiso", dir) > 0);
    assert_true(asprintf(&top, "%s/tong.chiso", dir) > 0);
    assert_true(asprintf(&uri, "file://%s", top) > 0);
    FILE *f = fopen(inc, "w");
    fputs("plan \"p\" { target T1 \"t\" x.a >= 1 }\n", f);
    fclose(f);
    const char *text = "gồm_tệp \"phan.chiso\"\nchỉ_số \"x\" { tổng 1 lĩnh_vực 1 \"a\" tối_đa 1 { điểm 1 } }\n";
    messages = json_array();
    request(1, "textDocument/hover", at(0, 0)); /* before initialize */
    request(2, "initialize", json_object());
    notify("textDocument/didOpen", json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri,
                                             "languageId", "chiso", "version", 1, "text", text));
    request(3, "textDocument/definition", json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri,
                                                    "position", "line", 0, "character", 10));
    request(4, "textDocument/completion", json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri,
                                                    "position", "line", 1, "character", 0));
    request(8, "textDocument/completion", json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri,
                                                    "position", "line", 1, "character", 13));
    request(5, "textDocument/formatting", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    notify("textDocument/didChange", json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", uri, "version",
                                               2, "contentChanges", "text", "chỉ_số \"x\" { tổng 1 lĩnh_vực"));
    request(6, "textDocument/formatting", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    request(7, "textDocument/hover", json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position",
                                               "line", 40, "character", 3));
    notify("textDocument/didClose", json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    /* no shutdown: exit gives 1 */
    notify("exit", json_object());
    int code = -1;
    json_t *r = run_session("Content-Length: 5\r\n\r\n{oops", &code);
    assert_int_equal(code, 1);
    json_t *first = json_array_get(r, 0);
    assert_int_equal(geti(json_object_get(first, "error"), "code", NULL), -32700);
    assert_int_equal(geti(json_object_get(response(r, 1), "error"), "code", NULL), -32002);
    json_t *def = json_object_get(response(r, 3), "result");
    char *want = NULL;
    assert_true(asprintf(&want, "file://%s", inc) > 0);
    assert_string_equal(json_string_value(json_object_get(def, "uri")), want);
    free(want);
    json_t *items = json_object_get(response(r, 4), "result");
    assert_true(has_label(items, "chỉ_số", 14)); /* the top level; the file is written in Vietnamese */
    assert_true(has_label(items, "số_liệu", 14));
    assert_true(has_label(items, "gồm_tệp", 14));
    assert_false(has_label(items, "tiêu_chí", 14));
    items = json_object_get(response(r, 8), "result"); /* just inside the index's `{` */
    assert_true(has_label(items, "tổng", 14));
    assert_true(has_label(items, "lĩnh_vực", 14));
    assert_true(has_label(items, "quy_tắc", 14));
    assert_true(json_is_array(json_object_get(response(r, 5), "result")));
    /* half typed: diagnostics say so, formatting declines, hover is empty */
    json_t *d1 = published(r, 1);
    json_t *diag = json_array_get(json_object_get(d1, "diagnostics"), 0);
    assert_string_equal(json_string_value(json_object_get(diag, "code")), "syntax");
    assert_true(json_is_null(json_object_get(response(r, 6), "result")));
    assert_true(json_is_null(json_object_get(response(r, 7), "result")));
    json_t *closed = published(r, 2);
    assert_int_equal(json_array_size(json_object_get(closed, "diagnostics")), 0);
    json_decref(r);
    json_decref(messages);
    unlink(inc);
    rmdir(dir);
    free(inc);
    free(top);
    free(uri);
}

/* Declarations in an included file and in the file itself: hover shows a
 * metric's label, kind, unit, range, constraint, where it is declared and
 * where it is read; definition of a metric reaches its declaration across
 * the include; completion follows the cursor's context. */
static void declarations_session(void **state)
{
    (void)state;
    char dir[] = "/tmp/chiso-lsp-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *inc = NULL, *top = NULL, *uri = NULL, *inc_uri = NULL;
    assert_true(asprintf(&inc, "%s/so-lieu.chiso", dir) > 0);
    assert_true(asprintf(&top, "%s/chi-so.chiso", dir) > 0);
    assert_true(asprintf(&uri, "file://%s", top) > 0);
    assert_true(asprintf(&inc_uri, "file://%s", inc) > 0);
    FILE *f = fopen(inc, "w");
    fputs("số_liệu hồ_sơ.tổng_số \"Tổng số hồ sơ TTHC tiếp nhận\" đếm \"hồ sơ\"\n"
          "số_liệu hồ_sơ.đúng_hạn \"Số hồ sơ giải quyết đúng hạn\" đếm \"hồ sơ\" <= hồ_sơ.tổng_số\n", f);
    fclose(f);
    const char *text = "gồm_tệp \"so-lieu.chiso\"\n"
                       "chỉ_số \"x\" {\n"
                       "  tổng 1\n"
                       "  lĩnh_vực 1 \"a\" tối_đa 1 {\n"
                       "    tiêu_chí 1.1 \"b\" tối_đa 1 {\n"
                       "      giá_trị ratio(hồ_sơ.đúng_hạn, hồ_sơ.tổng_số)\n"
                       "      mức ≥ 98% -> 1\n"
                       "      mức còn_lại -> 0\n"
                       "      quy_tắc không_phát_sinh = đủ_điểm\n"
                       "    }\n"
                       "  }\n"
                       "}\n"
                       "# ghi chú\n"
                       "số_liệu khảo_sát.điểm \"Điểm hài lòng\" số \"điểm\" từ 0 đến 10 bắt_buộc\n";
    messages = json_array();
    request(1, "initialize", json_object());
    notify("textDocument/didOpen", json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri,
                                             "languageId", "chiso", "version", 1, "text", text));
#define AT(line, ch) json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position", "line", line, "character", ch)
    request(2, "textDocument/hover", AT(5, 22));       /* hồ_sơ.đúng_hạn, declared in the include */
    request(3, "textDocument/hover", AT(13, 10));      /* khảo_sát.điểm, declared here */
    request(4, "textDocument/hover", AT(13, 39));      /* `số`, a clause word */
    request(5, "textDocument/definition", AT(5, 40));  /* hồ_sơ.tổng_số -> the include */
    request(6, "textDocument/completion", AT(6, 6));   /* a statement in a criterion */
    request(7, "textDocument/completion", AT(5, 14));  /* after `giá_trị ` */
    request(8, "textDocument/completion", AT(13, 38)); /* after a declaration's label */
    request(9, "textDocument/completion", AT(13, 8));  /* after `số_liệu ` */
    request(10, "textDocument/completion", AT(5, 26)); /* `hồ_sơ.` typed */
    request(11, "textDocument/completion", AT(8, 14)); /* after `quy_tắc ` */
    request(12, "textDocument/completion", AT(8, 32)); /* after `quy_tắc không_phát_sinh = ` */
    request(13, "textDocument/completion", AT(12, 5)); /* in a comment */
#undef AT
    request(14, "shutdown", NULL);
    notify("exit", json_object());
    int code = -1;
    json_t *r = run_session(NULL, &code);
    assert_int_equal(code, 0);
    assert_int_equal(json_array_size(json_object_get(published(r, 0), "diagnostics")), 0);

    const char *h = hover_text(r, 2);
    assert_non_null(h);
    assert_non_null(strstr(h, "**số liệu (metric) `hồ_sơ.đúng_hạn`** — Số hồ sơ giải quyết đúng hạn"));
    assert_non_null(strstr(h, "loại (kind): `đếm` (count), đơn vị (unit): hồ sơ"));
    assert_non_null(strstr(h, "ràng buộc (constraint): `hồ_sơ.đúng_hạn <= hồ_sơ.tổng_số`"));
    char *where = NULL;
    assert_true(asprintf(&where, "khai báo ở (declared at): %s:2", inc) > 0);
    assert_non_null(strstr(h, where));
    free(where);
    assert_non_null(strstr(h, "đọc ở (read by): 1.1 (line 5)"));
    h = hover_text(r, 3);
    assert_non_null(h);
    assert_non_null(strstr(h, "— Điểm hài lòng"));
    assert_non_null(strstr(h, "`số` (amount), đơn vị (unit): điểm, khoảng (range): từ 0 đến 10, bắt buộc"));
    h = hover_text(r, 4);
    assert_non_null(h);
    assert_non_null(strstr(h, "`số` = `amount`"));

    json_t *def = json_object_get(response(r, 5), "result");
    assert_string_equal(json_string_value(json_object_get(def, "uri")), inc_uri);
    json_t *ds = json_object_get(json_object_get(def, "range"), "start");
    assert_int_equal(geti(ds, "line", NULL), 0);
    assert_int_equal(geti(ds, "character", NULL), 8);

    json_t *items = json_object_get(response(r, 6), "result");
    assert_true(has_label(items, "mức", 14));
    assert_true(has_label(items, "giá_trị", 14));
    assert_false(has_label(items, "hồ_sơ.đúng_hạn", 5));
    items = json_object_get(response(r, 7), "result");
    assert_true(has_label(items, "hồ_sơ.đúng_hạn", 5));
    assert_true(has_label(items, "khảo_sát.điểm", 5));
    assert_true(has_label(items, "ratio", 3));
    assert_true(has_label(items, "nếu", 14));
    assert_false(has_label(items, "tiêu_chí", 14));
    size_t i;
    json_t *it;
    bool labelled = false;
    json_array_foreach(items, i, it)
        if (!strcmp(json_string_value(json_object_get(it, "label")), "hồ_sơ.đúng_hạn"))
            labelled = strstr(json_string_value(json_object_get(it, "detail")), "Số hồ sơ giải quyết đúng hạn") != NULL;
    assert_true(labelled);
    items = json_object_get(response(r, 8), "result");
    assert_true(has_label(items, "đếm", 14));
    assert_true(has_label(items, "bắt_buộc", 14));
    assert_true(has_label(items, "từ", 14));
    assert_false(has_label(items, "hồ_sơ.tổng_số", 5));
    items = json_object_get(response(r, 9), "result");
    assert_true(has_label(items, "hồ_sơ.tổng_số", 5));
    assert_false(has_label(items, "đếm", 14));
    items = json_object_get(response(r, 10), "result");
    assert_true(has_label(items, "hồ_sơ.đúng_hạn", 5));
    assert_true(has_label(items, "hồ_sơ.tổng_số", 5));
    assert_false(has_label(items, "khảo_sát.điểm", 5));
    assert_false(has_label(items, "ratio", 3));
    items = json_object_get(response(r, 11), "result");
    assert_true(has_label(items, "không_phát_sinh", 14));
    assert_true(has_label(items, "thiếu", 14));
    assert_false(has_label(items, "đủ_điểm", 14));
    items = json_object_get(response(r, 12), "result");
    assert_true(has_label(items, "đủ_điểm", 14));
    assert_true(has_label(items, "loại_trừ", 14));
    assert_false(has_label(items, "không_phát_sinh", 14));
    assert_int_equal(json_array_size(json_object_get(response(r, 13), "result")), 0);

    json_decref(r);
    json_decref(messages);
    unlink(inc);
    rmdir(dir);
    free(inc);
    free(top);
    free(uri);
    free(inc_uri);
}

/* Completion offers node IDs where a plan's target names a field, and
 * target IDs after `implements`. */
static void ids_where_ids_go(void **state)
{
    (void)state;
    const char *text = "chỉ_số \"x\" { tổng 1 lĩnh_vực 1 \"a\" tối_đa 1 { điểm 1 } }\n"
                       "kế_hoạch \"p\" {\n"
                       "  chỉ_tiêu T1 \"t\" lĩnh_vực 1 x.a >= 1\n"
                       "  chỉ_tiêu T2 \"u\" thực_hiện T1 x.b >= 1\n"
                       "}\n";
    messages = json_array();
    request(1, "initialize", json_object());
    notify("textDocument/didOpen", json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", URI,
                                             "languageId", "chiso", "version", 1, "text", text));
    request(2, "textDocument/completion", at(2, 27)); /* after the target's `lĩnh_vực ` */
    request(3, "textDocument/completion", at(3, 28)); /* after `thực_hiện ` */
    request(4, "textDocument/completion", at(3, 2));  /* a statement of the plan */
    request(5, "shutdown", NULL);
    notify("exit", json_object());
    int code = -1;
    json_t *r = run_session(NULL, &code);
    assert_int_equal(code, 0);
    json_t *items = json_object_get(response(r, 2), "result");
    assert_true(has_label(items, "1", 18));
    assert_false(has_label(items, "x.a", 5));
    items = json_object_get(response(r, 3), "result");
    assert_true(has_label(items, "T1", 18));
    assert_false(has_label(items, "x.a", 5));
    items = json_object_get(response(r, 4), "result");
    assert_true(has_label(items, "chỉ_tiêu", 14));
    assert_false(has_label(items, "tiêu_chí", 14));
    json_decref(r);
    json_decref(messages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_session),
        cmocka_unit_test(include_and_edge_cases),
        cmocka_unit_test(declarations_session),
        cmocka_unit_test(ids_where_ids_go),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

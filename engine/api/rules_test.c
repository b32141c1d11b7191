/* rules_test.c — running `chiso test` cases and measuring coverage.
 *
 * A test file is JSON: {"cases": [{"name", "submission": {...} or "path",
 * "index"?, "expect": {"status", "points", "max", "percent", "grade",
 * "nodes": {"ID": points | {"points", "max", "status", "band"}},
 * "findings": [{"node", "kind"}], "errors": ["substring", ...]}}]}.
 * Numbers are compared to 6 decimals, the precision of the results. A case
 * that names a node the index lacks, gives a value of the wrong type or a
 * submission file that cannot be read is "broken": reported like a failure,
 * with a message saying what to fix. Coverage counts, over all cases, which
 * bands were chosen, which applies_if were true and false, which nodes were
 * not applicable and which deductions took points. */
#include "rules_test.h"

#include "engine/report/explain_text.h"

#include "engine/api/program_impl.h"
#include "engine/eval/result.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    bool *band_chosen;    /* per band */
    bool no_band;
    bool applies_true, applies_false;
    bool not_applicable, scored;
    bool *deduct_taken;   /* per deduction */
} node_cov_t;

struct rules_test_run {
    const chiso_program *prog;
    size_t index;
    rules_test_case *cases;
    size_t count, cap;
    node_cov_t *cov;      /* per compiled node */
    int ncov;
};

rules_test_run *rules_test_new(const chiso_program *prog, size_t index)
{
    rules_test_run *run = xcalloc(1, sizeof *run);
    run->prog = prog;
    run->index = index;
    const compiled_index_t *ci = prog->prog.compiled[index];
    run->ncov = ci->nnodes;
    run->cov = xcalloc((size_t)ci->nnodes, sizeof *run->cov);
    for (int i = 0; i < ci->nnodes; i++) {
        run->cov[i].band_chosen = xcalloc((size_t)(ci->nodes[i].nbands + 1), sizeof(bool));
        run->cov[i].deduct_taken = xcalloc((size_t)(ci->nodes[i].ndeducts + 1), sizeof(bool));
    }
    return run;
}

void rules_test_free(rules_test_run *run)
{
    if (!run) return;
    for (size_t i = 0; i < run->count; i++) {
        rules_test_case *c = &run->cases[i];
        free(c->file);
        free(c->name);
        for (size_t k = 0; k < c->nmessages; k++) free(c->messages[k]);
        free(c->messages);
        free(c->explain);
    }
    free(run->cases);
    for (int i = 0; i < run->ncov; i++) {
        free(run->cov[i].band_chosen);
        free(run->cov[i].deduct_taken);
    }
    free(run->cov);
    free(run);
}

size_t rules_test_count(const rules_test_run *run) { return run->count; }
const rules_test_case *rules_test_case_at(const rules_test_run *run, size_t i) { return &run->cases[i]; }

static void fail(rules_test_case *c, bool broken, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(rules_test_case *c, bool broken, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(_(fmt), ap); /* in the language of messages */
    va_end(ap);
    c->messages = xrealloc(c->messages, sizeof *c->messages * (c->nmessages + 1));
    c->messages[c->nmessages++] = msg;
    c->passed = false;
    if (broken) c->broken = true;
}

static char *show(json_t *v)
{
    if (!v) return xstrdup("(absent)");
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));
    return s ? s : xstrdup("?");
}

static bool same(json_t *expected, json_t *actual)
{
    if (json_is_number(expected) && json_is_number(actual))
        return fabs(json_number_value(expected) - json_number_value(actual)) < 5e-7;
    return json_equal(expected, actual);
}

/* Compares one expected field; `kind` is the JSON type it must have. */
static void expect_field(rules_test_case *c, const char *what, json_t *expected, json_t *actual,
                         json_type kind)
{
    if (!expected) return;
    bool type_ok = kind == JSON_REAL ? json_is_number(expected) || json_is_null(expected)
                 : kind == JSON_STRING ? json_is_string(expected) || json_is_null(expected)
                 : true;
    if (!type_ok) {
        char *e = show(expected);
        if (kind == JSON_REAL) fail(c, true, "expect.%s must be a number, not %s", what, e);
        else fail(c, true, "expect.%s must be a string, not %s", what, e);
        free(e);
        return;
    }
    if (!same(expected, actual)) {
        char *e = show(expected), *a = show(actual);
        fail(c, false, "%s: expected %s, got %s", what, e, a);
        free(e);
        free(a);
    }
}

static json_t *find_node_json(json_t *nodes, const char *id)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        const char *nid = json_string_value(json_object_get(n, "id"));
        if (nid && !strcmp(nid, id)) return n;
        json_t *hit = find_node_json(json_object_get(n, "children"), id);
        if (hit) return hit;
    }
    return NULL;
}

static void record_coverage(rules_test_run *run, const chiso_result *r)
{
    if (!r->ok || !r->ci) return;
    for (int i = 0; i < r->nnodes && i < run->ncov; i++) {
        const node_result_t *nr = &r->nodes[i];
        const cnode_t *cn = &r->ci->nodes[i];
        node_cov_t *cv = &run->cov[i];
        if (!nr->evaluated) continue;
        if (nr->status == NS_NOT_APPLICABLE) cv->not_applicable = true;
        if (nr->status == NS_SCORED) cv->scored = true;
        if (nr->band >= 0) cv->band_chosen[nr->band] = true;
        else if (cn->nbands && nr->status == NS_SCORED) cv->no_band = true;
        if (cn->has_applies_if) {
            if (nr->status == NS_NOT_APPLICABLE && nr->reason && !strcmp(nr->reason, "applies_if is false"))
                cv->applies_false = true;
            else if (nr->status != NS_MISSING)
                cv->applies_true = true;
        }
        for (int k = 0; k < nr->ndeducts; k++)
            if (!nr->deducts[k].not_applicable && !nr->deducts[k].missing && !rat_is_zero(nr->deducts[k].applied))
                cv->deduct_taken[k] = true;
    }
}

/* The explain text of what failed: the nodes whose expectations failed,
 * the index's sum when its points, percent or grade did, the errors of a
 * unit in error. Nothing else: a case that failed on two nodes shows two. */
static void attach_explain(rules_test_case *c, const chiso_result *r, const char *const *nodes, size_t n, bool totals)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    explain_print_failing(r, nodes, n, totals, mem);
    fclose(mem);
    c->explain = buf;
}

/* The bytes of a file, or NULL with errno set. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    strbuf_t sb;
    sb_init(&sb);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sb_add(&sb, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb_take(&sb);
}

static void run_case(rules_test_run *run, rules_test_case *c, json_t *tc, const char *dir)
{
    /* The submission: an object, the path of a file, or "submission_text"
     * (the bytes of an upload, however broken). A file or a text is scored
     * as `chiso score` reads one, so that a malformed upload gives the same
     * error result, which a case may expect. */
    json_t *sub = json_object_get(tc, "submission");
    json_t *raw = json_object_get(tc, "submission_text");
    char *bytes = NULL;
    size_t nbytes = 0;
    if (raw && !json_is_string(raw)) {
        fail(c, true, "\"submission_text\" must be a string (the submission's bytes)");
        return;
    }
    if (raw && sub) {
        fail(c, true, "a case has either \"submission\" or \"submission_text\", not both");
        return;
    }
    if (raw) {
        nbytes = json_string_length(raw);
        bytes = xmalloc(nbytes + 1);
        memcpy(bytes, json_string_value(raw), nbytes + 1);
    } else if (json_is_string(sub)) {
        const char *p = json_string_value(sub);
        char *path = p[0] == '/' || !dir ? xstrdup(p) : xasprintf("%s/%s", dir, p);
        bytes = read_all(path, &nbytes);
        if (!bytes) {
            fail(c, true, "cannot read the submission \"%s\": %s", path, strerror(errno));
            free(path);
            return;
        }
        free(path);
    } else if (!sub) {
        fail(c, true, "the case has no \"submission\" (an object, or the path of a JSON file)");
        return;
    }
    json_t *expect = json_object_get(tc, "expect");
    if (!json_is_object(expect)) {
        fail(c, true, "the case has no \"expect\" object");
        free(bytes);
        return;
    }
    chiso_result *r = bytes ? chiso_score_text_ex(run->prog, run->index, bytes, nbytes, c->name, CHISO_SCORE_TRACE)
                            : chiso_score_ex(run->prog, run->index, sub, c->name, CHISO_SCORE_TRACE);
    free(bytes);
    json_t *res = chiso_result_to_json(r);
    record_coverage(run, r);

    size_t before = c->nmessages;
    expect_field(c, "status", json_object_get(expect, "status"), json_object_get(res, "status"), JSON_STRING);
    if (chiso_result_ok(r)) {
        expect_field(c, "points", json_object_get(expect, "points"), json_object_get(res, "points"), JSON_REAL);
        expect_field(c, "max", json_object_get(expect, "max"), json_object_get(res, "max"), JSON_REAL);
        expect_field(c, "percent", json_object_get(expect, "percent"), json_object_get(res, "percent"), JSON_REAL);
        expect_field(c, "grade", json_object_get(expect, "grade"), json_object_get(res, "grade"), JSON_STRING);
    } else {
        const char *fields[] = {"points", "max", "percent", "grade"};
        for (size_t i = 0; i < 4; i++)
            if (json_object_get(expect, fields[i])) {
                char *errs = show(json_object_get(res, "errors"));
                fail(c, false, "%s: expected a score, but the unit is in error: %s", fields[i], errs);
                free(errs);
                break;
            }
    }
    bool totals_failed = c->nmessages > before;
    json_t *nodes = json_object_get(expect, "nodes");
    if (nodes && !json_is_object(nodes)) fail(c, true, "expect.nodes must be an object of node IDs");
    const char *id;
    json_t *want;
    const char **failing = xcalloc(json_object_size(nodes) + 1, sizeof *failing);
    size_t nfailing = 0;
    json_object_foreach(json_is_object(nodes) ? nodes : NULL, id, want) {
        size_t node_before = c->nmessages;
        json_t *got = find_node_json(json_object_get(res, "nodes"), id);
        if (!got && chiso_result_ok(r)) {
            const char *near = chiso_result_closest_node(r, id);
            if (near) fail(c, true, "no node '%s' in the index; did you mean '%s'?", id, near);
            else fail(c, true, "no node '%s' in the index", id);
            continue;
        }
        if (!got) continue;
        char what[160];
        if (json_is_number(want)) {
            snprintf(what, sizeof what, "node %s points", id);
            expect_field(c, what, want, json_object_get(got, "points"), JSON_REAL);
        } else if (json_is_object(want)) {
            const char *key;
            json_t *v;
            json_object_foreach(want, key, v) {
                snprintf(what, sizeof what, "node %s %s", id, key);
                bool numeric = !strcmp(key, "points") || !strcmp(key, "max") || !strcmp(key, "value");
                bool text = !strcmp(key, "status") || !strcmp(key, "band") || !strcmp(key, "reason");
                if (!numeric && !text) {
                    fail(c, true, "expect.nodes.%s.%s: unknown field (points, max, value, status, band)", id, key);
                    continue;
                }
                expect_field(c, what, v, json_object_get(got, key), numeric ? JSON_REAL : JSON_STRING);
            }
        } else {
            char *e = show(want);
            fail(c, true, "expect.nodes.%s must be points or an object, not %s", id, e);
            free(e);
        }
        if (c->nmessages > node_before) failing[nfailing++] = id;
    }
    json_t *findings = json_object_get(expect, "findings");
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        const char *node = json_string_value(json_object_get(f, "node"));
        const char *kind = json_string_value(json_object_get(f, "kind"));
        bool hit = false;
        size_t k;
        json_t *g;
        json_array_foreach(json_object_get(res, "findings"), k, g) {
            const char *gn = json_string_value(json_object_get(g, "node"));
            const char *gk = json_string_value(json_object_get(g, "kind"));
            if ((!node || (gn && !strcmp(gn, node))) && (!kind || (gk && !strcmp(gk, kind)))) hit = true;
        }
        if (!hit && kind && node) fail(c, false, "expected a finding of kind %s on node %s, found none", kind, node);
        else if (!hit && kind) fail(c, false, "expected a finding of kind %s, found none", kind);
        else if (!hit && node) fail(c, false, "expected a finding on node %s, found none", node);
        else if (!hit) fail(c, false, "expected a finding, found none");
    }
    json_t *errors = json_object_get(expect, "errors");
    json_array_foreach(errors, i, f) {
        const char *needle = json_string_value(f);
        if (!needle) {
            fail(c, true, "expect.errors must hold strings");
            continue;
        }
        bool hit = false;
        size_t k;
        json_t *g;
        json_array_foreach(json_object_get(res, "errors"), k, g)
            if (strstr(json_string_value(g), needle)) hit = true;
        if (!hit) fail(c, false, "expected an error containing \"%s\", found none", needle);
    }
    if (!c->passed) attach_explain(c, r, failing, nfailing, totals_failed);
    free(failing);
    json_decref(res);
    chiso_result_free(r);
}

bool rules_test_file(rules_test_run *run, const char *path, char **error)
{
    json_error_t err;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!doc) {
        *error = err.line > 0 ? xasprintf("%s:%d:%d: %s", path, err.line, err.column, err.text)
                              : xasprintf("%s: %s", path, err.text);
        return false;
    }
    json_t *cases = json_object_get(doc, "cases");
    if (!json_is_array(cases)) {
        *error = xasprintf("%s: a test file is an object with a \"cases\" array", path);
        json_decref(doc);
        return false;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : NULL;
    size_t i;
    json_t *tc;
    json_array_foreach(cases, i, tc) {
        VEC_PUSH(run->cases, run->count, run->cap);
        rules_test_case *c = &run->cases[run->count++];
        memset(c, 0, sizeof *c);
        c->file = xstrdup(path);
        const char *name = json_string_value(json_object_get(tc, "name"));
        c->name = name ? xstrdup(name) : xasprintf("case %zu", i + 1);
        c->passed = true;
        if (!json_is_object(tc)) fail(c, true, "a case must be an object");
        else run_case(run, c, tc, dir);
    }
    free(dir);
    json_decref(doc);
    return true;
}

char **rules_test_uncovered(const rules_test_run *run, size_t *n, size_t *total)
{
    const compiled_index_t *ci = run->prog->prog.compiled[run->index];
    char **out = NULL;
    size_t count = 0, cap = 0, items = 0;
#define UNCOVERED(...)                                   \
    do {                                                 \
        VEC_PUSH(out, count, cap);                       \
        out[count++] = xasprintf(__VA_ARGS__);           \
    } while (0)
    for (int i = 0; i < ci->nnodes; i++) {
        const cnode_t *cn = &ci->nodes[i];
        const node_cov_t *cv = &run->cov[i];
        const char *id = cn->src->kind == NODE_INDEX ? "(index)" : cn->src->id;
        for (int b = 0; b < cn->nbands; b++) {
            items++;
            if (!cv->band_chosen[b]) UNCOVERED("%s: band '%s' never chosen", id, cn->bands[b].label);
        }
        if (cn->has_applies_if) {
            items += 2;
            if (!cv->applies_true) UNCOVERED("%s: applies_if never true", id);
            if (!cv->applies_false) UNCOVERED("%s: applies_if never false", id);
        }
        if (cn->is_leaf && (cn->has_score || cn->has_value)) {
            items++;
            if (!cv->scored) UNCOVERED("%s: never scored by a case", id);
        }
        for (int k = 0; k < cn->ndeducts; k++) {
            items++;
            if (!cv->deduct_taken[k]) UNCOVERED("%s: deduction \"%s\" never took points", id, cn->deducts[k].reason);
        }
    }
#undef UNCOVERED
    *n = count;
    *total = items;
    return out;
}

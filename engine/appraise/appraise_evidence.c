/* appraise_evidence.c — the self-assessment read and checked: the points
 * each node claims, its evidence (documents with a title, number, date,
 * path or link), the documents a node requires and those missing, dates
 * against the period's window and deadlines, claims out of range or on
 * nodes the social survey scores. Problems of a file's shape are errors
 * naming the file and node; the rest are findings. */
#include "appraise_work.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static char *casefold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return xstrdup(s);
    return (char *)out;
}

static bool folded_contains(const char *hay, const char *needle, bool whole)
{
    char *h = casefold(hay), *n = casefold(needle);
    bool r = whole ? strcmp(h, n) == 0 : strstr(h, n) != NULL;
    free(h);
    free(n);
    return r;
}

/* Keys that start with '_' are left for people (the templates write the
 * node's name and maximum there); any other key must be known. */
bool appraise_check_keys(aunit_t *u, afile_t f, const char *node, json_t *obj, const char *const *known)
{
    const char *key;
    json_t *v;
    bool ok = true;
    json_object_foreach(obj, key, v) {
        if (key[0] == '_') continue;
        bool found = false;
        for (const char *const *k = known; *k; k++)
            if (!strcmp(*k, key)) found = true;
        if (!found) {
            aunit_error(u, f, node, "unknown key '%s'", key);
            ok = false;
        }
    }
    return ok;
}

/* Evidence entries: objects with a title; number, date, path, url, for as text. */
bool appraise_check_evidence(aunit_t *u, afile_t f, const char *node, json_t *ev)
{
    if (!ev || json_is_null(ev)) return true;
    if (!json_is_array(ev)) {
        aunit_error(u, f, node, "'evidence' must be a list of documents");
        return false;
    }
    static const char *const known[] = {"title", "for", "number", "date", "path", "url", NULL};
    bool ok = true;
    size_t i;
    json_t *e;
    json_array_foreach(ev, i, e) {
        if (!json_is_object(e)) {
            aunit_error(u, f, node, "evidence %zu is not an object", i + 1);
            ok = false;
            continue;
        }
        const char *title = appraise_str_of(e, "title");
        if (!title || !title[0]) {
            aunit_error(u, f, node, "evidence %zu has no title", i + 1);
            ok = false;
        }
        ok &= appraise_check_keys(u, f, node, e, known);
        for (const char *const *k = known; *k; k++) {
            json_t *v = json_object_get(e, *k);
            if (v && !json_is_string(v) && !json_is_null(v)) {
                aunit_error(u, f, node, "evidence %zu: '%s' must be text", i + 1, *k);
                ok = false;
            }
        }
        const char *date = appraise_str_of(e, "date");
        int days;
        if (date && date[0] && !appraise_date(date, &days)) {
            aunit_error(u, f, node, "evidence %zu: date '%s' is not a date written YYYY-MM-DD", i + 1, date);
            ok = false;
        }
    }
    return ok;
}

static void fmt_rat(rat_t r, char *buf, size_t n) { rat_format(r, 6, buf, n); }

/* Dates of evidence against the period's window and a deadline. */
void appraise_date_findings(const actx_t *a, aunit_t *u, const char *stage, const char *node, json_t *ev,
                          int deadline, const char *deadline_name)
{
    size_t i;
    json_t *e;
    json_array_foreach(ev, i, e) {
        const char *date = appraise_str_of(e, "date");
        int d;
        if (!date || !appraise_date(date, &d)) continue;
        const char *title = appraise_str_of(e, "title");
        if ((a->period->evidence_from && d < a->period->evidence_from) ||
            (a->period->evidence_to && d > a->period->evidence_to))
            aunit_finding(u, stage, node, "evidence_out_of_period",
                          "evidence '%s' is dated %s, outside the period's evidence window", title, date);
        if (deadline && d > deadline)
            aunit_finding(u, stage, node, "evidence_late", "evidence '%s' is dated %s, after the %s", title, date,
                          _(deadline_name));
    }
}

/* Required documents the entries do not cover (a new array). */
static json_t *missing_evidence(const node_t *n, json_t *ev)
{
    json_t *missing = json_array();
    for (size_t r = 0; r < node_rare(n)->nevidence; r++) {
        const char *need = node_rare(n)->evidence[r];
        bool found = false;
        size_t i;
        json_t *e;
        json_array_foreach(ev, i, e) {
            const char *title = appraise_str_of(e, "title"), *for_ = appraise_str_of(e, "for");
            if (!title || !title[0]) continue;
            if ((for_ && folded_contains(for_, need, true)) || folded_contains(title, need, false) ||
                (node_rare(n)->nevidence == 1 && !for_))
                found = true;
        }
        if (!found) json_array_append_new(missing, json_string(need));
    }
    return missing;
}


void appraise_read_claims(awork_t *w, const actx_t *a)
{
    aunit_t *u = w->u;
    json_t *claims = json_object_get(w->sub, "self_assessment");
    if (!claims || json_is_null(claims)) return;
    if (!json_is_object(claims)) {
        aunit_error(u, AF_SELF, NULL, "'self_assessment' must be an object of node IDs");
        return;
    }
    static const char *const known[] = {"points", "evidence", "explanation", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(claims, key, v) {
        if (!strcmp(key, "total") || !strcmp(key, "tổng")) continue;
        int idx = appraise_node_of(a, key);
        if (idx < 0) {
            aunit_error(u, AF_SELF, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        json_t *points = json_is_object(v) ? json_object_get(v, "points") : v;
        if (json_is_object(v)) {
            appraise_check_keys(u, AF_SELF, key, v, known);
            appraise_check_evidence(u, AF_SELF, key, json_object_get(v, "evidence"));
            json_t *ex = json_object_get(v, "explanation");
            if (ex && !json_is_string(ex) && !json_is_null(ex))
                aunit_error(u, AF_SELF, key, "'explanation' must be text");
        }
        if (points && !json_is_null(points)) {
            rat_t r;
            if (!appraise_json_rat(points, &r)) {
                aunit_error(u, AF_SELF, key, "the claimed points are not a number");
                continue;
            }
            w->claimed_set[idx] = true;
            w->claimed[idx] = r;
        }
    }
}

/* Checks of the self-assessment: evidence, explanations, survey nodes, range. */
void appraise_self_findings(awork_t *w, const actx_t *a)
{
    aunit_t *u = w->u;
    json_t *claims = json_object_get(w->sub, "self_assessment");
    int deadline = a->period->deadline;
    for (int i = 1; i < a->ci->nnodes; i++) {
        const node_t *n = a->ci->nodes[i].src;
        json_t *entry = json_is_object(claims) ? json_object_get(claims, n->id) : NULL;
        json_t *ev = json_is_object(entry) ? json_object_get(entry, "evidence") : NULL;
        const char *expl = json_is_object(entry) ? appraise_str_of(entry, "explanation") : NULL;
        if (!w->claimed_set[i]) continue;
        json_t *rec = appraise_node_record(w, a, i);
        rat_t c = w->claimed[i];
        json_object_set_new(rec, "claimed", json_from_rat(c));
        if (json_array_size(ev)) json_object_set(rec, "evidence", ev);
        if (expl && expl[0]) json_object_set_new(rec, "explanation", json_string(expl));
        char b1[48], b2[48];
        if (rat_cmp(c, rat_int(0)) < 0 || rat_cmp(c, a->ci->nodes[i].max) > 0) {
            fmt_rat(c, b1, sizeof b1);
            fmt_rat(a->ci->nodes[i].max, b2, sizeof b2);
            aunit_finding(u, "self", n->id, "points_out_of_range", "claims %s points; the node's range is 0 to %s",
                          b1, b2);
        }
        if (node_origin(n) == ORIGIN_SURVEY) {
            fmt_rat(c, b1, sizeof b1);
            aunit_finding(u, "self", n->id, "survey_self_scored",
                          "claims %s points on a node scored by the social survey, which is never self-scored", b1);
        }
        if (ev) appraise_date_findings(a, u, "self", n->id, ev, deadline, N_("self-assessment deadline"));
        if (!node_rare(n)->nevidence || rat_is_zero(c)) continue;
        json_t *missing = missing_evidence(n, ev);
        if (json_array_size(missing)) {
            json_object_set(rec, "evidence_missing", missing);
            size_t k;
            json_t *m;
            fmt_rat(c, b1, sizeof b1);
            json_array_foreach(missing, k, m)
                aunit_finding(u, "self", n->id, "evidence_missing", "claims %s points without the evidence '%s'", b1,
                              json_string_value(m));
            if (!expl || !expl[0])
                aunit_finding(u, "self", n->id, "missing_evidence_unexplained",
                              "evidence is missing and the self-assessment gives no explanation");
        }
        json_decref(missing);
    }
}

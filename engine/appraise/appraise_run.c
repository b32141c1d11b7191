/* appraise_run.c — carrying every unit through the process and building the
 * report: the points of each node at each stage (claimed → round 1 →
 * explanation → round 2 → final) with the reason for each change, the
 * unit's total, percent, grade and rank after each stage and the rank
 * changes, every check as a finding, and the provenance of the results.
 *
 * A stage is scored by the engine itself: the unit's metrics (with the
 * corrections the appraisers made so far) give every leaf its points, and
 * the points an appraiser set by hand replace them leaf by leaf. The claimed
 * stage is the unit's own points on the leaves it claimed. A stage whose
 * file is absent carries the previous one, so every unit that could be
 * scored has a total and a rank at every stage. */
#include "appraise.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

enum { S_CLAIMED, S_ROUND1, S_ROUND2, S_FINAL, NSTAGES };
static const char *const stage_names[NSTAGES] = {"claimed", "round1", "round2", "final"};
static const afile_t stage_files[NSTAGES] = {AF_SELF, AF_ROUND1, AF_ROUND2, AF_FINAL};

typedef struct {
    const chiso_program *prog;
    size_t index;
    const compiled_index_t *ci;
    const aperiod_t *period;
} actx_t;

/* One unit on its way through the stages. */
typedef struct {
    aunit_t *u;
    const char *id;
    bool failed;
    bool *claimed_set;
    rat_t *claimed;
    bool *set;               /* points set by hand so far (cumulative) */
    rat_t *pts;
    json_t *sub;             /* the submission with the corrections so far */
    chiso_result *computed;  /* from the submitted metrics alone */
    chiso_result *res[NSTAGES];
    bool carried[NSTAGES];   /* the stage's file is absent: the previous stage carried */
    json_t *nodes;           /* id -> the node's record in the report */
    bool *asked;             /* explanation required in round 1 */
} awork_t;

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int node_of(const actx_t *a, const char *id)
{
    void *hit = strmap_get(&a->ci->node_by_id, id);
    return hit ? (int)((intptr_t)hit - 1) : -1;
}

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
static bool check_keys(aunit_t *u, afile_t f, const char *node, json_t *obj, const char *const *known)
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
static bool check_evidence(aunit_t *u, afile_t f, const char *node, json_t *ev)
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
        const char *title = str_of(e, "title");
        if (!title || !title[0]) {
            aunit_error(u, f, node, "evidence %zu has no title", i + 1);
            ok = false;
        }
        ok &= check_keys(u, f, node, e, known);
        for (const char *const *k = known; *k; k++) {
            json_t *v = json_object_get(e, *k);
            if (v && !json_is_string(v) && !json_is_null(v)) {
                aunit_error(u, f, node, "evidence %zu: '%s' must be text", i + 1, *k);
                ok = false;
            }
        }
        const char *date = str_of(e, "date");
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
static void date_findings(const actx_t *a, aunit_t *u, const char *stage, const char *node, json_t *ev,
                          int deadline, const char *deadline_name)
{
    size_t i;
    json_t *e;
    json_array_foreach(ev, i, e) {
        const char *date = str_of(e, "date");
        int d;
        if (!date || !appraise_date(date, &d)) continue;
        const char *title = str_of(e, "title");
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
    for (size_t r = 0; r < n->nevidence; r++) {
        const char *need = n->evidence[r];
        bool found = false;
        size_t i;
        json_t *e;
        json_array_foreach(ev, i, e) {
            const char *title = str_of(e, "title"), *for_ = str_of(e, "for");
            if (!title || !title[0]) continue;
            if ((for_ && folded_contains(for_, need, true)) || folded_contains(title, need, false) ||
                (n->nevidence == 1 && !for_))
                found = true;
        }
        if (!found) json_array_append_new(missing, json_string(need));
    }
    return missing;
}

static json_t *node_record(awork_t *w, const actx_t *a, int idx)
{
    const node_t *n = a->ci->nodes[idx].src;
    json_t *rec = json_object_get(w->nodes, n->id);
    if (rec) return rec;
    rec = json_pack("{s:s,s:s,s:o,s:s}", "id", n->id, "name", n->name, "max", json_from_rat(a->ci->nodes[idx].max),
                    "origin", point_origin_name(node_origin(n)));
    if (n->nevidence) {
        json_t *req = json_array();
        for (size_t i = 0; i < n->nevidence; i++) json_array_append_new(req, json_string(n->evidence[i]));
        json_object_set_new(rec, "evidence_required", req);
    }
    json_object_set_new(w->nodes, n->id, rec);
    return rec;
}

/* ---- the self-assessment ---- */

static void read_claims(awork_t *w, const actx_t *a)
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
        int idx = node_of(a, key);
        if (idx < 0) {
            aunit_error(u, AF_SELF, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        json_t *points = json_is_object(v) ? json_object_get(v, "points") : v;
        if (json_is_object(v)) {
            check_keys(u, AF_SELF, key, v, known);
            check_evidence(u, AF_SELF, key, json_object_get(v, "evidence"));
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
static void self_findings(awork_t *w, const actx_t *a)
{
    aunit_t *u = w->u;
    json_t *claims = json_object_get(w->sub, "self_assessment");
    int deadline = a->period->deadline;
    for (int i = 1; i < a->ci->nnodes; i++) {
        const node_t *n = a->ci->nodes[i].src;
        json_t *entry = json_is_object(claims) ? json_object_get(claims, n->id) : NULL;
        json_t *ev = json_is_object(entry) ? json_object_get(entry, "evidence") : NULL;
        const char *expl = json_is_object(entry) ? str_of(entry, "explanation") : NULL;
        if (!w->claimed_set[i]) continue;
        json_t *rec = node_record(w, a, i);
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
        if (ev) date_findings(a, u, "self", n->id, ev, deadline, N_("self-assessment deadline"));
        if (!n->nevidence || rat_is_zero(c)) continue;
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

/* ---- rounds ---- */

static const metric_slot_t *metric_named(const actx_t *a, const char *path)
{
    const program_t *p = &a->prog->prog;
    for (size_t i = 0; i < p->nmetrics; i++)
        if (!strcmp(p->metrics[i].text, path)) return &p->metrics[i];
    return NULL;
}

static void set_metric(json_t *sub, const metric_slot_t *m, json_t *value)
{
    json_t *o = json_object_get(sub, "metrics");
    if (!json_is_object(o)) {
        o = json_object();
        json_object_set_new(sub, "metrics", o);
    }
    for (int i = 0; i < m->nsegs - 1; i++) {
        json_t *next = json_object_get(o, m->segs[i]);
        if (!json_is_object(next)) {
            next = json_object();
            json_object_set_new(o, m->segs[i], next);
        }
        o = next;
    }
    json_object_set(o, m->segs[m->nsegs - 1], value);
}

static bool check_unit_field(aunit_t *u, afile_t f, json_t *file, const char *id)
{
    json_t *unit = json_object_get(file, "unit");
    const char *named = json_is_string(unit) ? json_string_value(unit) : str_of(unit, "id");
    if (!named) {
        aunit_error(u, f, NULL, "'unit' must name the unit's ID (\"unit\": \"%s\")", id);
        return false;
    }
    if (strcmp(named, id) != 0) {
        aunit_error(u, f, NULL, "is for unit '%s', but this folder's self-assessment is unit '%s'", named, id);
        return false;
    }
    return true;
}

static chiso_result *score_stage(awork_t *w, const actx_t *a, const bool *set, const rat_t *pts)
{
    return score_with_points(a->prog, a->index, w->sub, w->u->paths[AF_SELF], 0, pts, set);
}

/* Why a leaf's points differ between two stages, when no entry of the
 * round names it: a metric the appraisers corrected, else the rules. */
static char *auto_reason(const actx_t *a, const chiso_result *r, int idx, json_t *corrected)
{
    const cnode_t *c = &a->ci->nodes[idx];
    for (int k = 0; k < c->nmetrics; k++) {
        const char *path = a->prog->prog.metrics[c->metrics[k]].text;
        json_t *by = json_object_get(corrected, path);
        if (by) return xasprintf(_("metric %s corrected (at criterion %s)"), path, json_string_value(by));
    }
    const node_result_t *nr = &r->nodes[idx];
    if (nr->band >= 0) return xasprintf(_("scored by the data: band %s"), c->bands[nr->band].label);
    if (nr->status == NS_NOT_APPLICABLE) return xstrdup(_("scored by the data: did not arise"));
    return xstrdup(_("scored by the data"));
}

static void read_round(awork_t *w, const actx_t *a, int stage)
{
    aunit_t *u = w->u;
    afile_t f = stage_files[stage];
    json_t *file = u->files[f];
    const char *sname = stage_names[stage];
    chiso_result *prev = w->res[stage - 1];
    if (!file) {
        w->carried[stage] = true;
        w->res[stage] = score_stage(w, a, w->set, w->pts);
        return;
    }
    if (!check_unit_field(u, f, file, w->id)) return;
    json_t *nodes = json_object_get(file, "nodes");
    if (nodes && !json_is_object(nodes)) {
        aunit_error(u, f, NULL, "'nodes' must be an object of node IDs");
        return;
    }
    static const char *const known[] = {"points", "metrics", "note", "explanation_required", NULL};
    size_t errs = json_array_size(u->errors);
    json_t *corrected = json_object(); /* metric path -> node whose entry corrected it */
    const char *key;
    json_t *e;
    json_object_foreach(nodes, key, e) {
        int idx = node_of(a, key);
        if (idx < 0) {
            aunit_error(u, f, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        if (!json_is_object(e)) {
            aunit_error(u, f, key, "an entry must be an object {\"points\", \"note\", ...}");
            continue;
        }
        check_keys(u, f, key, e, known);
        json_t *p = json_object_get(e, "points");
        if (p && !json_is_null(p)) {
            rat_t r;
            if (!appraise_json_rat(p, &r)) aunit_error(u, f, key, "the appraised points are not a number");
            else if (!a->ci->nodes[idx].is_leaf)
                aunit_error(u, f, key, "points can be set on criteria that score (leaves) only; set those under it");
            else {
                w->set[idx] = true;
                w->pts[idx] = r;
            }
        }
        json_t *mfix = json_object_get(e, "metrics");
        if ((!p || json_is_null(p)) && json_is_object(mfix) && json_object_size(mfix))
            w->set[idx] = false; /* corrected metrics: the node's points come from them again */
        json_t *note = json_object_get(e, "note");
        if (note && !json_is_string(note) && !json_is_null(note)) aunit_error(u, f, key, "'note' must be text");
        json_t *req = json_object_get(e, "explanation_required");
        if (req && !json_is_boolean(req) && !json_is_null(req))
            aunit_error(u, f, key, "'explanation_required' must be true or false");
        json_t *m = json_object_get(e, "metrics");
        if (m && !json_is_null(m)) {
            if (!json_is_object(m)) {
                aunit_error(u, f, key, "'metrics' must be an object of metric paths");
                continue;
            }
            const char *path;
            json_t *val;
            json_object_foreach(m, path, val) {
                const metric_slot_t *slot = metric_named(a, path);
                if (!slot) {
                    aunit_error(u, f, key, "metric '%s' is not read by the rules", path);
                    continue;
                }
                set_metric(w->sub, slot, val);
                json_object_set_new(corrected, path, json_string(key));
            }
        }
    }
    if (json_array_size(u->errors) > errs) {
        json_decref(corrected);
        return;
    }
    chiso_result *r = score_stage(w, a, w->set, w->pts);
    w->res[stage] = r;
    if (!r->ok) {
        for (size_t i = 0; i < r->nerrors; i++) aunit_error(u, f, NULL, "after its corrections: %s", r->errors[i]);
        json_decref(corrected);
        return;
    }
    /* Every leaf that changed, and every entry: record, reason, checks. */
    for (int i = 1; i < a->ci->nnodes; i++) {
        const cnode_t *c = &a->ci->nodes[i];
        const char *id = c->src->id;
        json_t *entry = json_object_get(nodes, id);
        rat_t before = stage == S_ROUND1 && w->claimed_set[i] ? w->claimed[i] : prev->nodes[i].points;
        rat_t after = r->nodes[i].points;
        bool changed = rat_cmp(before, after) != 0;
        bool claimed_node = w->claimed_set[i];
        if (!entry && !changed) continue;
        if (!entry && !c->is_leaf && !claimed_node) continue; /* groups follow their leaves */
        if (!entry && stage == S_ROUND1 && !claimed_node && rat_cmp(prev->nodes[i].points, after) == 0) continue;
        json_t *rec = node_record(w, a, i);
        const char *note = str_of(entry, "note");
        json_t *st = json_pack("{s:o,s:s}", "points", json_from_rat(after), "set_by",
                               entry && json_object_get(entry, "points") && !json_is_null(json_object_get(entry, "points"))
                                   ? "appraiser" : "metrics");
        if (note && note[0]) json_object_set_new(st, "note", json_string(note));
        if (json_is_true(json_object_get(entry, "explanation_required"))) {
            json_object_set_new(st, "explanation_required", json_true());
            if (stage == S_ROUND1) w->asked[i] = true;
        }
        if (json_object_get(entry, "metrics") && !json_is_null(json_object_get(entry, "metrics")))
            json_object_set(st, "metrics", json_object_get(entry, "metrics"));
        json_object_set_new(rec, sname, st);
        char b1[48], b2[48];
        if (entry && json_object_get(entry, "points") && !json_is_null(json_object_get(entry, "points"))) {
            rat_t set = w->pts[i];
            if (rat_cmp(set, rat_int(0)) < 0 || rat_cmp(set, c->max) > 0) {
                fmt_rat(set, b1, sizeof b1);
                fmt_rat(c->max, b2, sizeof b2);
                aunit_finding(u, sname, id, "points_out_of_range",
                              "appraised points %s are outside the node's range 0 to %s; %s counted", b1, b2,
                              rat_cmp(set, rat_int(0)) < 0 ? "0" : b2);
            }
        }
        if (changed) {
            fmt_rat(before, b1, sizeof b1);
            fmt_rat(after, b2, sizeof b2);
            char *reason = note && note[0] ? xstrdup(note) : entry ? xstrdup(_("(no note)")) : auto_reason(a, r, i, corrected);
            json_t *changes = json_object_get(rec, "changes");
            if (!changes) {
                changes = json_array();
                json_object_set_new(rec, "changes", changes);
            }
            json_array_append_new(changes, json_pack("{s:s,s:o,s:o,s:s}", "stage", sname, "from",
                                                     json_from_rat(before), "to", json_from_rat(after), "reason",
                                                     reason));
            free(reason);
            if (entry && (!note || !note[0]))
                aunit_finding(u, sname, id, "change_without_note", "points changed from %s to %s without a note", b1,
                              b2);
        } else if (entry && (!note || !note[0]) && json_object_get(entry, "metrics") &&
                   !json_is_null(json_object_get(entry, "metrics"))) {
            aunit_finding(u, sname, id, "change_without_note", "metrics corrected without a note");
        }
    }
    json_decref(corrected);
}

/* ---- the explanation ---- */

static void read_explanation(awork_t *w, const actx_t *a)
{
    aunit_t *u = w->u;
    json_t *file = u->files[AF_EXPLAIN];
    json_t *nodes = NULL;
    if (file) {
        if (!check_unit_field(u, AF_EXPLAIN, file, w->id)) return;
        nodes = json_object_get(file, "nodes");
        if (nodes && !json_is_object(nodes)) {
            aunit_error(u, AF_EXPLAIN, NULL, "'nodes' must be an object of node IDs");
            return;
        }
    }
    static const char *const known[] = {"answer", "evidence", NULL};
    const char *key;
    json_t *e;
    json_object_foreach(nodes, key, e) {
        int idx = node_of(a, key);
        if (idx < 0) {
            aunit_error(u, AF_EXPLAIN, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        if (!json_is_object(e)) {
            aunit_error(u, AF_EXPLAIN, key, "an entry must be an object {\"answer\", \"evidence\"}");
            continue;
        }
        check_keys(u, AF_EXPLAIN, key, e, known);
        json_t *ans = json_object_get(e, "answer");
        if (ans && !json_is_string(ans) && !json_is_null(ans)) aunit_error(u, AF_EXPLAIN, key, "'answer' must be text");
        json_t *ev = json_object_get(e, "evidence");
        if (!check_evidence(u, AF_EXPLAIN, key, ev)) continue;
        const char *text = str_of(e, "answer");
        bool answered = (text && text[0]) || json_array_size(ev);
        if (!answered) continue;
        json_t *rec = node_record(w, a, idx);
        json_t *a_ = json_object();
        if (text && text[0]) json_object_set_new(a_, "text", json_string(text));
        if (json_array_size(ev)) json_object_set(a_, "evidence", ev);
        json_object_set_new(rec, "answer", a_);
        if (!w->asked[idx])
            aunit_finding(u, "explanation", key, "answer_unasked",
                          "an answer to a node round 1 did not ask about");
        if (ev) date_findings(a, u, "explanation", key, ev, a->period->explanation_deadline, N_("explanation deadline"));
    }
    for (int i = 1; i < a->ci->nnodes; i++) {
        if (!w->asked[i]) continue;
        const char *id = a->ci->nodes[i].src->id;
        json_t *rec = json_object_get(w->nodes, id);
        if (!json_object_get(rec, "answer"))
            aunit_finding(u, "explanation", id, "explanation_missing",
                          "%s", file ? _("round 1 asked for an explanation; giai-trinh.json gives no answer")
                                     : _("round 1 asked for an explanation; there is no giai-trinh.json"));
    }
}

/* ---- one unit ---- */

static json_t *stage_total(const chiso_result *r)
{
    json_t *t = json_pack("{s:o,s:o}", "points", json_from_rat(r->points), "max", json_from_rat(r->max));
    json_object_set_new(t, "percent", r->has_percent ? json_from_rat(r->percent) : json_null());
    json_object_set_new(t, "grade", r->grade ? json_string(r->grade) : json_null());
    rat_t p[3], m[3];
    if (result_origin_totals(r, p, m))
        json_object_set_new(t, "sources", json_pack("{s:{s:o,s:o},s:{s:o,s:o}}", "appraisal", "points",
                                                    json_from_rat(p[ORIGIN_APPRAISAL]), "max",
                                                    json_from_rat(m[ORIGIN_APPRAISAL]), "survey", "points",
                                                    json_from_rat(p[ORIGIN_SURVEY]), "max",
                                                    json_from_rat(m[ORIGIN_SURVEY])));
    return t;
}

static void run_unit(awork_t *w, const actx_t *a)
{
    aunit_t *u = w->u;
    int nn = a->ci->nnodes;
    w->claimed_set = xcalloc((size_t)nn, sizeof(bool));
    w->claimed = xcalloc((size_t)nn, sizeof(rat_t));
    w->set = xcalloc((size_t)nn, sizeof(bool));
    w->pts = xcalloc((size_t)nn, sizeof(rat_t));
    w->asked = xcalloc((size_t)nn, sizeof(bool));
    w->nodes = json_object();
    if (json_array_size(u->errors)) return;
    w->sub = json_deep_copy(u->files[AF_SELF]);
    w->id = str_of(json_object_get(w->sub, "unit"), "id");
    if (!w->id) {
        aunit_error(u, AF_SELF, NULL, "no unit.id: the self-assessment is a submission {\"unit\": {\"id\": ...}, ...}");
        return;
    }
    const char *period = str_of(w->sub, "period");
    if (a->period->period && period && strcmp(period, a->period->period) != 0)
        aunit_error(u, AF_SELF, NULL, "period '%s' is not the folder's period '%s' (ky-danh-gia.json)", period,
                    a->period->period);
    read_claims(w, a);
    if (json_array_size(u->errors)) return;
    w->computed = score_stage(w, a, NULL, NULL);
    if (!w->computed->ok) {
        for (size_t i = 0; i < w->computed->nerrors; i++) aunit_error(u, AF_SELF, NULL, "%s", w->computed->errors[i]);
        return;
    }
    w->res[S_CLAIMED] = score_stage(w, a, w->claimed_set, w->claimed);
    for (int i = 1; i < nn; i++) {
        /* the computed points of every leaf, as the appraisers start from them */
        if (!a->ci->nodes[i].is_leaf && !w->claimed_set[i]) continue;
        json_t *rec = node_record(w, a, i);
        json_object_set_new(rec, "computed", json_from_rat(w->computed->nodes[i].points));
    }
    self_findings(w, a);
    read_round(w, a, S_ROUND1);
    if (json_array_size(u->errors)) return;
    read_explanation(w, a);
    if (json_array_size(u->errors)) return;
    read_round(w, a, S_ROUND2);
    if (json_array_size(u->errors)) return;
    read_round(w, a, S_FINAL);
}

static void free_work(awork_t *w)
{
    free(w->claimed_set);
    free(w->claimed);
    free(w->set);
    free(w->pts);
    free(w->asked);
    json_decref(w->sub);
    json_decref(w->nodes);
    chiso_result_free(w->computed);
    for (int s = 0; s < NSTAGES; s++) chiso_result_free(w->res[s]);
}

/* ---- the report ---- */

static json_t *provenance(const actx_t *a, const char *rules_path, const aunit_t *units, size_t n)
{
    char hex[65] = "";
    json_t *p = json_object();
    json_object_set_new(p, "rules", json_string(rules_path));
    json_object_set_new(p, "rules_sha256", chiso_sha256_file(rules_path, hex) ? json_string(hex) : json_null());
    json_object_set_new(p, "engine", json_sprintf("chiso %s", chiso_version()));
    json_object_set_new(p, "index", json_string(a->ci->index->name));
    json_object_set_new(p, "period", a->period->period ? json_string(a->period->period) : json_null());
    int last = -1;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < AF_COUNT; k++)
            if (units[i].paths[k] && k > last) last = k;
    json_object_set_new(p, "round", last >= 0 ? json_string(appraise_file_kinds[last]) : json_null());
    /* SOURCE_DATE_EPOCH fixes the time, for reproducible reports */
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) now = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    char buf[32];
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(p, "generated_at", json_string(buf));
    return p;
}

json_t *chiso_appraise_folder(const chiso_program *prog, size_t index, const char *rules_path, const char *folder,
                              const char *only_unit, char *err, size_t errsize)
{
    if (!prog->prog.compiled || index >= prog->prog.nindexes) {
        snprintf(err, errsize, "the rules have no index to score with");
        return NULL;
    }
    aperiod_t period;
    aunit_t *units;
    size_t n;
    if (!appraise_read_folder(folder, &period, &units, &n, err, errsize)) return NULL;
    actx_t a = {prog, index, prog->prog.compiled[index], &period};
    awork_t *work = xcalloc(n ? n : 1, sizeof *work);
    for (size_t i = 0; i < n; i++) {
        work[i].u = &units[i];
        run_unit(&work[i], &a);
        work[i].failed = json_array_size(units[i].errors) > 0;
    }
    /* ranks per stage, among the units that could be scored */
    long *ranks = xcalloc((n ? n : 1) * NSTAGES, sizeof(long));
    chiso_result **list = xcalloc(n ? n : 1, sizeof *list);
    for (int s = 0; s < NSTAGES; s++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (!work[i].failed) list[m++] = work[i].res[s];
        chiso_rank_ex(list, m, 2);
        for (size_t i = 0; i < n; i++)
            if (!work[i].failed) ranks[i * NSTAGES + (size_t)s] = work[i].res[s]->rank;
    }
    free(list);
    json_t *report = json_object();
    json_object_set_new(report, "provenance", provenance(&a, rules_path, units, n));
    json_t *stages = json_array();
    for (int s = 0; s < NSTAGES; s++) json_array_append_new(stages, json_string(stage_names[s]));
    json_object_set_new(report, "stages", stages);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++) {
        awork_t *w = &work[i];
        aunit_t *u = &units[i];
        json_t *unit = w->sub ? json_object_get(w->sub, "unit") : NULL;
        if (only_unit && strcmp(only_unit, u->folder) != 0 && !(w->id && !strcmp(only_unit, w->id))) continue;
        json_t *ju = json_object();
        json_object_set_new(ju, "folder", json_string(u->folder));
        json_object_set(ju, "unit", json_is_object(unit) ? unit : json_null());
        int reached = -1;
        for (int k = 0; k < AF_COUNT; k++)
            if (u->paths[k]) reached = k;
        json_object_set_new(ju, "reached", reached >= 0 ? json_string(appraise_file_kinds[reached]) : json_null());
        if (w->failed) {
            json_object_set_new(ju, "status", json_string("error"));
            json_object_set(ju, "errors", u->errors);
        } else {
            json_object_set_new(ju, "status", json_string("ok"));
            json_t *totals = json_object();
            for (int s = 0; s < NSTAGES; s++) {
                json_t *t = stage_total(w->res[s]);
                long rk = ranks[i * NSTAGES + (size_t)s];
                json_object_set_new(t, "rank", rk ? json_integer(rk) : json_null());
                if (s > 0) {
                    long pr = ranks[i * NSTAGES + (size_t)s - 1];
                    json_object_set_new(t, "rank_change", rk && pr ? json_integer(pr - rk) : json_null());
                }
                if (w->carried[s]) json_object_set_new(t, "carried", json_true());
                json_object_set_new(totals, stage_names[s], t);
            }
            json_object_set_new(ju, "totals", totals);
            /* nodes in the order of the index */
            json_t *nodes = json_array();
            for (int k = 1; k < a.ci->nnodes; k++) {
                json_t *rec = json_object_get(w->nodes, a.ci->nodes[k].src->id);
                if (rec) json_array_append(nodes, rec);
            }
            json_object_set_new(ju, "nodes", nodes);
        }
        json_object_set(ju, "findings", u->findings);
        json_t *files = json_object();
        for (int k = 0; k < AF_COUNT; k++)
            if (u->paths[k]) json_object_set_new(files, appraise_file_kinds[k], json_string(u->paths[k]));
        json_object_set_new(ju, "files", files);
        json_array_append_new(out, ju);
    }
    json_object_set_new(report, "units", out);
    free(ranks);
    for (size_t i = 0; i < n; i++) free_work(&work[i]);
    free(work);
    appraise_units_free(units, n, &period);
    return report;
}

bool chiso_appraise_has_errors(json_t *report)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u)
        if (strcmp(str_of(u, "status") ? str_of(u, "status") : "", "ok") != 0) return true;
    return false;
}

/* appraise_rounds.c — the appraisers' rounds and the unit's explanation:
 * points set by hand on a node, metrics corrected (the stage is scored
 * again with them), the reason for each change (the appraiser's note, or
 * the metric or band that changed it), the explanations round 1 asks for
 * and the answers with their evidence. */
#include "appraise_work.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <stdlib.h>
#include <string.h>

static void fmt_rat(rat_t r, char *buf, size_t n) { rat_format(r, 6, buf, n); }

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
    const char *named = json_is_string(unit) ? json_string_value(unit) : appraise_str_of(unit, "id");
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

void appraise_read_round(awork_t *w, const actx_t *a, int stage)
{
    aunit_t *u = w->u;
    afile_t f = appraise_stage_files[stage];
    json_t *file = u->files[f];
    const char *sname = appraise_stage_names[stage];
    chiso_result *prev = w->res[stage - 1];
    if (!file) {
        w->carried[stage] = true;
        w->res[stage] = appraise_score_stage(w, a, w->set, w->pts);
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
        int idx = appraise_node_of(a, key);
        if (idx < 0) {
            aunit_error(u, f, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        if (!json_is_object(e)) {
            aunit_error(u, f, key, "an entry must be an object {\"points\", \"note\", ...}");
            continue;
        }
        appraise_check_keys(u, f, key, e, known);
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
    chiso_result *r = appraise_score_stage(w, a, w->set, w->pts);
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
        json_t *rec = appraise_node_record(w, a, i);
        const char *note = appraise_str_of(entry, "note");
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

void appraise_read_explanation(awork_t *w, const actx_t *a)
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
        int idx = appraise_node_of(a, key);
        if (idx < 0) {
            aunit_error(u, AF_EXPLAIN, key, "not a node of the index '%s'", a->ci->index->name);
            continue;
        }
        if (!json_is_object(e)) {
            aunit_error(u, AF_EXPLAIN, key, "an entry must be an object {\"answer\", \"evidence\"}");
            continue;
        }
        appraise_check_keys(u, AF_EXPLAIN, key, e, known);
        json_t *ans = json_object_get(e, "answer");
        if (ans && !json_is_string(ans) && !json_is_null(ans)) aunit_error(u, AF_EXPLAIN, key, "'answer' must be text");
        json_t *ev = json_object_get(e, "evidence");
        if (!appraise_check_evidence(u, AF_EXPLAIN, key, ev)) continue;
        const char *text = appraise_str_of(e, "answer");
        bool answered = (text && text[0]) || json_array_size(ev);
        if (!answered) continue;
        json_t *rec = appraise_node_record(w, a, idx);
        json_t *a_ = json_object();
        if (text && text[0]) json_object_set_new(a_, "text", json_string(text));
        if (json_array_size(ev)) json_object_set(a_, "evidence", ev);
        json_object_set_new(rec, "answer", a_);
        if (!w->asked[idx])
            aunit_finding(u, "explanation", key, "answer_unasked",
                          "an answer to a node round 1 did not ask about");
        if (ev) appraise_date_findings(a, u, "explanation", key, ev, a->period->explanation_deadline, N_("explanation deadline"));
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

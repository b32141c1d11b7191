/* appraise_run.c — carrying every unit through the process (the checks of
 * each stage are in appraise_evidence.c and appraise_rounds.c) and building
 * the report: the points of each node at each stage (claimed → round 1 →
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
#include "appraise_work.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const appraise_stage_names[NSTAGES] = {"claimed", "round1", "round2", "final"};
const afile_t appraise_stage_files[NSTAGES] = {AF_SELF, AF_ROUND1, AF_ROUND2, AF_FINAL};

const char *appraise_str_of(json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int appraise_node_of(const actx_t *a, const char *id)
{
    void *hit = strmap_get(&a->ci->node_by_id, id);
    return hit ? (int)((intptr_t)hit - 1) : -1;
}

json_t *appraise_node_record(awork_t *w, const actx_t *a, int idx)
{
    const node_t *n = a->ci->nodes[idx].src;
    json_t *rec = json_object_get(w->nodes, n->id);
    if (rec) return rec;
    rec = json_pack("{s:s,s:s,s:o,s:s}", "id", n->id, "name", n->name, "max", json_from_rat(a->ci->nodes[idx].max),
                    "origin", point_origin_name(node_origin(n)));
    if (node_rare(n)->nevidence) {
        json_t *req = json_array();
        for (size_t i = 0; i < node_rare(n)->nevidence; i++) json_array_append_new(req, json_string(node_rare(n)->evidence[i]));
        json_object_set_new(rec, "evidence_required", req);
    }
    json_object_set_new(w->nodes, n->id, rec);
    return rec;
}


chiso_result *appraise_score_stage(awork_t *w, const actx_t *a, const bool *set, const rat_t *pts)
{
    return score_with_points(a->prog, a->index, w->sub, w->u->paths[AF_SELF], 0, pts, set);
}

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
    w->id = appraise_str_of(json_object_get(w->sub, "unit"), "id");
    if (!w->id) {
        aunit_error(u, AF_SELF, NULL, "no unit.id: the self-assessment is a submission {\"unit\": {\"id\": ...}, ...}");
        return;
    }
    const char *period = appraise_str_of(w->sub, "period");
    if (a->period->period && period && strcmp(period, a->period->period) != 0)
        aunit_error(u, AF_SELF, NULL, "period '%s' is not the folder's period '%s' (ky-danh-gia.json)", period,
                    a->period->period);
    appraise_read_claims(w, a);
    if (json_array_size(u->errors)) return;
    w->computed = appraise_score_stage(w, a, NULL, NULL);
    if (!w->computed->ok) {
        for (size_t i = 0; i < w->computed->nerrors; i++) aunit_error(u, AF_SELF, NULL, "%s", w->computed->errors[i]);
        return;
    }
    w->res[S_CLAIMED] = appraise_score_stage(w, a, w->claimed_set, w->claimed);
    for (int i = 1; i < nn; i++) {
        /* the computed points of every leaf, as the appraisers start from them */
        if (!a->ci->nodes[i].is_leaf && !w->claimed_set[i]) continue;
        json_t *rec = appraise_node_record(w, a, i);
        json_object_set_new(rec, "computed", json_from_rat(w->computed->nodes[i].points));
    }
    appraise_self_findings(w, a);
    appraise_read_round(w, a, S_ROUND1);
    if (json_array_size(u->errors)) return;
    appraise_read_explanation(w, a);
    if (json_array_size(u->errors)) return;
    appraise_read_round(w, a, S_ROUND2);
    if (json_array_size(u->errors)) return;
    appraise_read_round(w, a, S_FINAL);
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
    for (int s = 0; s < NSTAGES; s++) json_array_append_new(stages, json_string(appraise_stage_names[s]));
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
                json_object_set_new(totals, appraise_stage_names[s], t);
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
        if (strcmp(appraise_str_of(u, "status") ? appraise_str_of(u, "status") : "", "ok") != 0) return true;
    return false;
}

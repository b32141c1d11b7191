/* appraise_template.c — the files people fill in, as `metrics --template`
 * makes a submission: the period file, the self-assessment (every metric
 * null, every criterion that scores with its required evidence), the round
 * files and the explanation file. Keys that start with '_' are there to
 * read (the node's name, maximum, claimed points, the appraisers' note) and
 * are ignored when the file is read back. */
#include "appraise.h"

#include "engine/compile/loaded_program.h"

#include <string.h>

json_t *appraise_find_unit(json_t *report, const char *unit);
bool appraise_packet_node(json_t *n);
const char *appraise_round1_reason(json_t *n);

static const struct { const char *kind, *alias, *file; } kinds[] = {
    {"period", "ky-danh-gia", APPRAISE_PERIOD_FILE},  {"self", "tu-danh-gia", "tu-danh-gia.json"},
    {"round1", "tham-dinh-1", "tham-dinh-1.json"},    {"explanation", "giai-trinh", "giai-trinh.json"},
    {"round2", "tham-dinh-2", "tham-dinh-2.json"},    {"final", "hoi-dong", "hoi-dong.json"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static int kind_of(const char *kind)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (!strcmp(kind, kinds[i].kind) || !strcmp(kind, kinds[i].alias) || !strcmp(kind, kinds[i].file))
            return (int)i;
    return -1;
}

const char *chiso_appraise_file_name(const char *kind)
{
    int k = kind ? kind_of(kind) : -1;
    return k < 0 ? NULL : kinds[k].file;
}

static json_t *about(const cnode_t *c)
{
    const node_t *n = c->src;
    json_t *o = json_pack("{s:s,s:o}", "_name", n->name, "_max", json_from_rat(c->max));
    if (node_rare(n)->nevidence) {
        json_t *req = json_array();
        for (size_t i = 0; i < node_rare(n)->nevidence; i++) json_array_append_new(req, json_string(node_rare(n)->evidence[i]));
        json_object_set_new(o, "_evidence_required", req);
    }
    return o;
}

static json_t *node_in_report(json_t *u, const char *id)
{
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(u, "nodes"), i, n)
        if (!strcmp(json_string_value(json_object_get(n, "id")), id)) return n;
    return NULL;
}

/* The node's points at the latest stage the unit reached. */
static json_t *current_points(json_t *n)
{
    static const char *const order[] = {"final", "round2", "round1"};
    for (int i = 0; i < 3; i++) {
        json_t *st = json_object_get(n, order[i]);
        if (st) return json_object_get(st, "points");
    }
    return json_object_get(n, "computed");
}

json_t *chiso_appraise_template(const chiso_program *prog, size_t index, const char *kind, json_t *report,
                                const char *unit)
{
    int k = kind ? kind_of(kind) : -1;
    if (k < 0 || !prog->prog.compiled || index >= prog->prog.nindexes) return NULL;
    const compiled_index_t *ci = prog->prog.compiled[index];
    json_t *u = report && unit ? appraise_find_unit(report, unit) : NULL;
    if (unit && report && !u) return NULL;
    const char *uid = u ? json_string_value(json_object_get(json_object_get(u, "unit"), "id")) : NULL;
    if (u && !uid) uid = json_string_value(json_object_get(u, "folder"));
    if (!strcmp(kinds[k].kind, "period"))
        return json_pack("{s:s,s:s,s:s,s:s,s:s}", "period", "", "evidence_from", "", "evidence_to", "", "deadline",
                         "", "explanation_deadline", "");
    if (!strcmp(kinds[k].kind, "self")) {
        json_t *t = chiso_program_template(prog);
        json_t *claims = json_object();
        for (int i = 1; i < ci->nnodes; i++) {
            const cnode_t *c = &ci->nodes[i];
            if (!c->is_leaf || node_origin(c->src) == ORIGIN_SURVEY) continue; /* survey: never self-scored */
            json_t *o = about(c);
            json_object_set_new(o, "points", json_null());
            json_object_set_new(o, "evidence", json_array());
            json_object_set_new(o, "explanation", json_string(""));
            json_object_set_new(claims, c->src->id, o);
        }
        json_object_set_new(t, "self_assessment", claims);
        return t;
    }
    bool explanation = !strcmp(kinds[k].kind, "explanation");
    json_t *t = json_pack("{s:s}", "unit", uid ? uid : "");
    if (!explanation) {
        json_object_set_new(t, "round", json_string(kinds[k].kind));
        json_object_set_new(t, "appraiser", json_string(""));
    }
    json_object_set_new(t, "date", json_string(""));
    json_t *nodes = json_object();
    for (int i = 1; i < ci->nnodes; i++) {
        const cnode_t *c = &ci->nodes[i];
        if (!c->is_leaf) continue;
        json_t *rn = u ? node_in_report(u, c->src->id) : NULL;
        /* after round 1, the rounds and the answer concern the nodes at issue */
        if (u && strcmp(kinds[k].kind, "round1") != 0 &&
            !(rn && (json_object_get(rn, "changes") || json_object_get(rn, "answer") || appraise_packet_node(rn))))
            continue;
        json_t *o = about(c);
        if (rn && json_object_get(rn, "claimed")) json_object_set(o, "_claimed", json_object_get(rn, "claimed"));
        if (rn) json_object_set(o, "_current", current_points(rn));
        if (explanation) {
            json_object_set_new(o, "answer", json_string(""));
            json_object_set_new(o, "evidence", json_array());
        } else {
            json_object_set_new(o, "points", json_null());
            json_object_set_new(o, "note", json_string(""));
            if (!strcmp(kinds[k].kind, "round1")) json_object_set_new(o, "explanation_required", json_false());
        }
        json_object_set_new(nodes, c->src->id, o);
    }
    json_object_set_new(t, "nodes", nodes);
    return t;
}

json_t *chiso_appraise_packet_skeleton(json_t *report, const char *unit)
{
    json_t *u = appraise_find_unit(report, unit);
    if (!u) return NULL;
    const char *uid = json_string_value(json_object_get(json_object_get(u, "unit"), "id"));
    json_t *t = json_pack("{s:s,s:s}", "unit", uid ? uid : json_string_value(json_object_get(u, "folder")), "date", "");
    json_t *nodes = json_object();
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(u, "nodes"), i, n) {
        if (!appraise_packet_node(n)) continue;
        json_t *o = json_pack("{s:O,s:O}", "_name", json_object_get(n, "name"), "_max", json_object_get(n, "max"));
        if (json_object_get(n, "claimed")) json_object_set(o, "_claimed", json_object_get(n, "claimed"));
        json_object_set(o, "_round1", json_object_get(json_object_get(n, "round1"), "points"));
        json_object_set_new(o, "_note", json_string(appraise_round1_reason(n)));
        if (json_object_get(n, "evidence_missing"))
            json_object_set(o, "_evidence_missing", json_object_get(n, "evidence_missing"));
        json_object_set_new(o, "answer", json_string(""));
        json_object_set_new(o, "evidence", json_array());
        json_object_set_new(nodes, json_string_value(json_object_get(n, "id")), o);
    }
    json_object_set_new(t, "nodes", nodes);
    return t;
}

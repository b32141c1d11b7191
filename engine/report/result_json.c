/* result_json.c — a unit's result as JSON (contract §6). Points carry up to
 * 6 decimals; whole numbers are written as integers. */
#include "engine/eval/result.h"

#include "engine/support/date.h"

#include <string.h>

json_t *json_from_rat(rat_t r)
{
    bool of = false;
    rat_t x = rat_round(r, 6, &of);
    if (of) return json_real(rat_to_double(r));
    if (rat_is_int(x)) return json_integer(x.num);
    return json_real(rat_to_double(x));
}

json_t *json_from_value(value_t v)
{
    char buf[16];
    switch (v.tag) {
    case V_NUM: return json_from_rat(v.u.num);
    case V_DATE: date_format(v.u.date, buf, sizeof buf); return json_string(buf);
    case V_BOOL: return json_boolean(v.u.b);
    case V_STR: return json_string(v.u.str);
    default: return json_null();
    }
}

static const char *status_name(node_status_t s)
{
    return s == NS_SCORED ? "scored" : s == NS_NOT_APPLICABLE ? "not_applicable" : "missing";
}

static const char *policy_name(na_policy p)
{
    return p == NA_EXCLUDE ? "exclude" : p == NA_ZERO ? "zero" : "full";
}

static json_t *node_json(const chiso_result *r, int idx)
{
    const cnode_t *c = &r->ci->nodes[idx];
    const node_result_t *nr = &r->nodes[idx];
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(c->src->id));
    json_object_set_new(o, "name", json_string(c->src->name));
    json_object_set_new(o, "kind", json_string(node_kind_name(c->src->kind)));
    json_object_set_new(o, "points", json_from_rat(nr->points));
    json_object_set_new(o, "max", json_from_rat(nr->max));
    if (rat_cmp(nr->max, c->max) != 0)
        json_object_set_new(o, "declared_max", json_from_rat(c->max));
    json_object_set_new(o, "status", json_string(status_name(nr->status)));
    if (nr->has_value) {
        json_object_set_new(o, "value", json_from_value(nr->value));
        /* thresholds written as percents: show the value as one too */
        for (int i = 0; i < c->nbands; i++)
            if (c->src->bands[i]->threshold && c->src->bands[i]->threshold->is_percent) {
                json_object_set_new(o, "value_format", json_string("percent"));
                break;
            }
    }
    if (nr->band >= 0) json_object_set_new(o, "band", json_string(c->bands[nr->band].label));
    if (nr->status == NS_NOT_APPLICABLE) json_object_set_new(o, "policy", json_string(policy_name(c->na)));
    if (nr->reason) json_object_set_new(o, "reason", json_string(nr->reason));
    if (nr->ndeducts) {
        json_t *arr = json_array();
        for (int i = 0; i < nr->ndeducts; i++) {
            const deduct_result_t *d = &nr->deducts[i];
            json_t *dj = json_object();
            json_object_set_new(dj, "reason", json_string(d->reason));
            if (d->not_applicable) {
                json_object_set_new(dj, "status", json_string("not_applicable"));
                json_object_set_new(dj, "points", json_integer(0));
            } else if (d->missing) {
                json_object_set_new(dj, "status", json_string("missing"));
                json_object_set_new(dj, "points", json_integer(0));
            } else {
                json_object_set_new(dj, "points", json_from_rat(d->applied));
                if (d->capped) {
                    json_object_set_new(dj, "computed", json_from_rat(d->amount));
                    json_object_set_new(dj, "capped", json_true());
                }
            }
            json_array_append_new(arr, dj);
        }
        json_object_set_new(o, "deductions", arr);
    }
    if (nr->trace) json_object_set(o, "explain", nr->trace);
    if (c->nchildren) {
        json_t *kids = json_array();
        for (int i = 0; i < c->nchildren; i++) json_array_append_new(kids, node_json(r, c->children[i]));
        json_object_set_new(o, "children", kids);
    }
    return o;
}

json_t *chiso_result_to_json(const chiso_result *r)
{
    json_t *o = json_object();
    json_object_set(o, "unit", r->unit);
    json_object_set_new(o, "period", r->period ? json_string(r->period) : json_null());
    json_object_set_new(o, "index", r->ci ? json_string(r->ci->index->name) : json_null());
    if (r->origin) json_object_set_new(o, "file", json_string(r->origin));
    if (!r->ok) {
        json_object_set_new(o, "status", json_string("error"));
        json_t *errs = json_array();
        for (size_t i = 0; i < r->nerrors; i++) json_array_append_new(errs, json_string(r->errors[i]));
        json_object_set_new(o, "errors", errs);
        return o;
    }
    json_object_set_new(o, "points", json_from_rat(r->points));
    json_object_set_new(o, "max", json_from_rat(r->max));
    if (rat_cmp(r->max, r->ci->nodes[0].max) != 0 || rat_cmp(r->max, r->ci->index->max) != 0)
        json_object_set_new(o, "declared_max", json_from_rat(r->ci->index->max));
    json_object_set_new(o, "percent", r->has_percent ? json_from_rat(r->percent) : json_null());
    json_object_set_new(o, "grade", r->grade ? json_string(r->grade) : json_null());
    json_object_set_new(o, "rank", r->rank ? json_integer(r->rank) : json_null());
    json_object_set_new(o, "status", json_string("ok"));
    json_t *nodes = json_array();
    const cnode_t *root = &r->ci->nodes[0];
    for (int i = 0; i < root->nchildren; i++) json_array_append_new(nodes, node_json(r, root->children[i]));
    json_object_set_new(o, "nodes", nodes);
    const node_result_t *rootr = &r->nodes[0];
    if (rootr->ndeducts) {
        json_t *tmp = node_json(r, 0);
        json_object_set(o, "deductions", json_object_get(tmp, "deductions"));
        json_decref(tmp);
    }
    json_t *findings = json_array();
    for (size_t i = 0; i < r->nfindings; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "node", r->findings[i].node ? json_string(r->findings[i].node) : json_null());
        json_object_set_new(f, "kind", json_string(r->findings[i].kind));
        json_object_set_new(f, "message", json_string(r->findings[i].message));
        json_array_append_new(findings, f);
    }
    json_object_set_new(o, "findings", findings);
    json_t *claims = json_array();
    for (size_t i = 0; i < r->nclaims; i++) {
        json_t *cj = json_object();
        json_object_set_new(cj, "node", json_string(r->claims[i].node));
        json_object_set_new(cj, "claimed", json_from_rat(r->claims[i].claimed));
        json_object_set_new(cj, "computed", json_from_rat(r->claims[i].computed));
        json_array_append_new(claims, cj);
    }
    json_object_set_new(o, "self_assessment", claims);
    return o;
}

/* metrics.c — what the rules read: the list of metric paths with their
 * types and readers (`chiso metrics`), and an empty submission skeleton
 * (`chiso metrics --template`) that units can fill in. */
#include "program_impl.h"

#include "engine/check/builtins.h"
#include "engine/compile/compile.h"
#include "engine/support/xalloc.h"

#include <string.h>

static void add_user(json_t *users, const char *id)
{
    size_t i;
    json_t *u;
    json_array_foreach(users, i, u)
        if (!strcmp(json_string_value(u), id)) return;
    json_array_append_new(users, json_string(id));
}

static void collect_target(const program_t *p, const expr_t *e, json_t **users, const char *id,
                           int depth)
{
    if (!e || depth > CHISO_MAX_NESTING + 8) return;
    if ((e->kind == EX_NAME || e->kind == EX_PATH) && !e->let && e->metric >= 0) {
        add_user(users[e->metric], id);
        return;
    }
    if (e->let) collect_target(p, e->let->value, users, id, depth + 1);
    if (e->kind == EX_CALL) {
        for (int i = 0; i < e->nargs; i++) {
            const expr_t *a = e->args[i];
            if (e->builtin == BI_PRESENT && a->metric >= 0) add_user(users[a->metric], id);
            else collect_target(p, a, users, id, depth + 1);
        }
        return;
    }
    collect_target(p, e->a, users, id, depth + 1);
    collect_target(p, e->b, users, id, depth + 1);
    collect_target(p, e->c, users, id, depth + 1);
}

json_t *chiso_program_metrics(const chiso_program *cp)
{
    const program_t *p = &cp->prog;
    json_t *out = json_array();
    if (!p->code) return out; /* rules with errors */
    json_t **users = xcalloc(p->nmetrics ? p->nmetrics : 1, sizeof *users);
    for (size_t i = 0; i < p->nmetrics; i++) users[i] = json_array();
    for (size_t k = 0; k < p->nindexes; k++) {
        const compiled_index_t *ci = p->compiled[k];
        for (int n = 0; n < ci->nnodes; n++) {
            const cnode_t *c = &ci->nodes[n];
            const char *id = c->src->kind == NODE_INDEX ? "(index)" : c->src->id;
            for (int m = 0; m < c->nmetrics; m++) add_user(users[c->metrics[m]], id);
        }
    }
    for (size_t k = 0; k < p->nplans; k++)
        for (size_t t = 0; t < p->plans[k]->ntargets; t++)
            collect_target(p, p->plans[k]->targets[t]->expr, users, p->plans[k]->targets[t]->id, 0);
    for (size_t i = 0; i < p->nmetrics; i++) {
        const metric_slot_t *m = &p->metrics[i];
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(m->text));
        json_object_set_new(o, "type", json_string(m->type == TY_UNKNOWN ? "any" : type_name(m->type)));
        json_object_set_new(o, "used_by", users[i]);
        json_t *loc = json_object();
        json_object_set_new(loc, "file", json_string(m->first_use.src->path));
        json_object_set_new(loc, "line", json_integer(m->first_use.line));
        json_object_set_new(loc, "column", json_integer(m->first_use.col));
        json_object_set_new(o, "first_use", loc);
        json_array_append_new(out, o);
    }
    free(users);
    return out;
}

json_t *chiso_program_template(const chiso_program *cp)
{
    const program_t *p = &cp->prog;
    json_t *metrics = json_object();
    for (size_t i = 0; i < p->nmetrics; i++) {
        const metric_slot_t *m = &p->metrics[i];
        json_t *cur = metrics;
        for (int s = 0; s < m->nsegs && cur; s++) {
            json_t *next = json_object_get(cur, m->segs[s]);
            if (s == m->nsegs - 1) {
                if (!next) json_object_set_new(cur, m->segs[s], json_null());
            } else if (!next || json_is_null(next)) {
                next = json_object();
                json_object_set_new(cur, m->segs[s], next);
            }
            cur = json_is_object(next) ? next : NULL;
        }
    }
    return json_pack("{s:{s:s,s:s,s:s},s:s,s:o}", "unit", "id", "", "name", "", "level", "", "period",
                     "", "metrics", metrics);
}

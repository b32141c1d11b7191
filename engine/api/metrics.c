/* metrics.c — what the rules read: the list of metric paths with their
 * types and readers (`chiso metrics`), and an empty submission skeleton
 * (`chiso metrics --template`) that units can fill in. */
#include "program_impl.h"

#include "engine/check/builtins.h"
#include "engine/compile/compile.h"
#include "engine/support/xalloc.h"

#include "engine/support/date.h"
#include "engine/eval/result.h"

#include <stdlib.h>
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
    if (e->kind == EX_NAME || e->kind == EX_PATH) {
        if (e->let) collect_target(p, e->let->value, users, id, depth + 1);
        return;
    }
    if (e->kind == EX_CALL) {
        for (int i = 0; i < e->nargs; i++) {
            const expr_t *a = e->args[i];
            if (e->builtin == BI_PRESENT && a->metric >= 0) add_user(users[a->metric], id);
            else collect_target(p, a, users, id, depth + 1);
        }
        return;
    }
    if (!expr_has_operands(e)) return;
    collect_target(p, e->a, users, id, depth + 1);
    collect_target(p, e->b, users, id, depth + 1);
    collect_target(p, e->c, users, id, depth + 1);
}

/* A bound as JSON: a number as typed, or a date "YYYY-MM-DD". */
static json_t *bound_json(const metric_decl_t *d, rat_t v)
{
    if (d->kind == MK_DATE) {
        char buf[16];
        date_format((int)v.num, buf, sizeof buf);
        return json_string(buf);
    }
    return json_from_rat(v);
}

/* The path a constraint names, dotted as in the rules. */
static const char *p_metric_text(const expr_t *e) { return e->text; }

/* What the declaration says, for `chiso metrics` and the template. */
static void add_declaration(json_t *o, const metric_decl_t *d)
{
    json_object_set_new(o, "label", json_string(d->label));
    json_object_set_new(o, "kind", json_string(metric_kind_name(d->kind)));
    if (d->unit) json_object_set_new(o, "unit", json_string(d->unit));
    range_t r = metric_decl_range(d, false);
    if (r.has_lo) json_object_set_new(o, "min", bound_json(d, r.lo));
    if (r.has_hi) json_object_set_new(o, "max", bound_json(d, r.hi));
    json_object_set_new(o, "null_allowed", json_boolean(!d->required));
    if (d->nconstraints) {
        json_t *cons = json_array();
        for (size_t i = 0; i < d->nconstraints; i++) {
            const metric_constraint_t *c = &d->constraints[i];
            json_t *one = json_pack("{s:s}", "op", op_text(c->cmp));
            if ((c->rhs->kind == EX_PATH || c->rhs->kind == EX_NAME) && c->rhs->metric >= 0)
                json_object_set_new(one, "metric", json_string(p_metric_text(c->rhs)));
            else if (c->rhs->kind == EX_NUMBER)
                json_object_set_new(one, "value", json_from_rat(c->rhs->num));
            json_array_append_new(cons, one);
        }
        json_object_set_new(o, "constraints", cons);
    }
    json_t *at = json_object();
    json_object_set_new(at, "file", json_string(d->loc.src->path));
    json_object_set_new(at, "line", json_integer(d->loc.line));
    json_object_set_new(o, "declared", at);
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
        if (!m->uses) { /* declared (in a file shared by several indexes), read by none of these rules */
            json_decref(users[i]);
            continue;
        }
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(m->text));
        json_object_set_new(o, "type", json_string(m->type == TY_UNKNOWN ? "any" : type_name(m->type)));
        json_object_set_new(o, "used_by", users[i]);
        json_t *loc = json_object();
        json_object_set_new(loc, "file", json_string(m->first_use.src->path));
        json_object_set_new(loc, "line", json_integer(m->first_use.line));
        json_object_set_new(loc, "column", json_integer(m->first_use.col));
        json_object_set_new(o, "first_use", loc);
        if (m->decl) add_declaration(o, m->decl);
        json_array_append_new(out, o);
    }
    free(users);
    return out;
}

/* "từ 0 đến 10" for a declared range as typed, "" when unbounded. */
static void range_words(const metric_decl_t *d, strbuf_t *sb)
{
    range_t r = metric_decl_range(d, false);
    char lo[48], hi[48];
    if (d->kind == MK_DATE) {
        if (r.has_lo) date_format((int)r.lo.num, lo, sizeof lo);
        if (r.has_hi) date_format((int)r.hi.num, hi, sizeof hi);
    } else {
        if (r.has_lo) rat_format(r.lo, 6, lo, sizeof lo);
        if (r.has_hi) rat_format(r.hi, 6, hi, sizeof hi);
    }
    if (r.has_lo && r.has_hi) sb_printf(sb, ", từ %s đến %s", lo, hi);
    else if (r.has_lo) sb_printf(sb, ", từ %s trở lên", lo);
    else if (r.has_hi) sb_printf(sb, ", đến %s", hi);
}

/* The placeholder a person replaces with the metric's value: it says what
 * the metric is, and is not data (scoring it is an error naming it). */
static char *placeholder(const metric_slot_t *m)
{
    strbuf_t sb;
    sb_init(&sb);
    const metric_decl_t *d = m->decl;
    sb_adds(&sb, "<điền: ");
    if (d) sb_printf(&sb, "%s — ", d->label);
    metric_kind k = d ? d->kind : MK_NONE;
    value_type t = m->type;
    if (k == MK_COUNT) sb_adds(&sb, "số đếm (số nguyên)");
    else if (k == MK_RATIO) sb_adds(&sb, "tỷ lệ (0.85 là 85%)");
    else if (k == MK_PERCENT) sb_adds(&sb, "phần trăm (85 là 85%)");
    else if (k == MK_BOOL || t == TY_BOOL) sb_adds(&sb, "true hoặc false");
    else if (k == MK_DATE || t == TY_DATE) sb_adds(&sb, "ngày \"YYYY-MM-DD\"");
    else if (k == MK_TEXT || t == TY_STRING) sb_adds(&sb, "chữ");
    else sb_adds(&sb, "số");
    if (d && d->unit) sb_printf(&sb, ", đơn vị: %s", d->unit);
    if (d) range_words(d, &sb);
    sb_adds(&sb, d && d->required ? "; bắt buộc>" : "; null nếu không phát sinh>");
    return sb_take(&sb);
}

json_t *chiso_program_template(const chiso_program *cp)
{
    const program_t *p = &cp->prog;
    json_t *metrics = json_object();
    for (size_t i = 0; i < p->nmetrics; i++) {
        const metric_slot_t *m = &p->metrics[i];
        if (!m->uses) continue; /* declared, read by none of these rules */
        json_t *cur = metrics;
        for (int s = 0; s < m->nsegs && cur; s++) {
            json_t *next = json_object_get(cur, m->segs[s]);
            if (s == m->nsegs - 1) {
                if (!next) {
                    char *text = placeholder(m);
                    json_object_set_new(cur, m->segs[s], json_string(text));
                    free(text);
                }
            } else if (!next || json_is_string(next)) {
                next = json_object();
                json_object_set_new(cur, m->segs[s], next);
            }
            cur = json_is_object(next) ? next : NULL;
        }
    }
    return json_pack("{s:s,s:{s:s,s:s,s:s},s:s,s:o}", "hướng_dẫn",
                     "Thay mỗi giá trị <điền: …> bằng số liệu của đơn vị (null nếu không phát sinh). "
                     "Còn giá trị <điền: …> nào thì tệp không được chấm điểm.",
                     "unit", "id", "<điền: mã đơn vị>", "name", "<điền: tên đơn vị>", "level",
                     "<điền: cấp — sở, huyện hoặc xã>", "period", "<điền: kỳ đánh giá, ví dụ 2021>",
                     "metrics", metrics);
}

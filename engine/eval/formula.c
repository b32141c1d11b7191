/* formula.c — a leaf's rule with the unit's values put in (see formula.h;
 * the text as written is engine/compile/rule_text.c). The values come from
 * the submission's bound metrics, the computed lets and the node's parts,
 * evaluated by the scorer when it traces. */
#include "formula.h"

#include "engine/support/date.h"
#include "engine/support/xalloc.h"

#include <string.h>

/* ---- the text with values ---- */

typedef struct {
    const eval_t *ev;
    const cpart_t *parts;
    const value_t *values;
    int nparts;
    strbuf_t sb;
} render_t;

static void value_text(strbuf_t *sb, value_t v)
{
    char buf[64];
    switch (v.tag) {
    case V_NUM: sb_adds(sb, rat_format(v.u.num, 6, buf, sizeof buf)); break;
    case V_DATE: date_format(v.u.date, buf, sizeof buf); sb_adds(sb, buf); break;
    case V_BOOL: sb_adds(sb, v.u.b ? "đúng" : "sai"); break;
    case V_STR: sb_printf(sb, "\"%s\"", v.u.str); break;
    case V_NA: sb_adds(sb, "null"); break;
    case V_MISSING: sb_adds(sb, "(thiếu)"); break;
    default: sb_adds(sb, "(lỗi)"); break;
    }
}

static bool part_value(const render_t *r, const expr_t *e, value_t *out)
{
    for (int i = 0; i < r->nparts; i++)
        if (r->parts[i].e == e) {
            *out = r->values[i];
            return true;
        }
    return false;
}

static bool is_condition(const expr_t *e)
{
    return (e->kind == EX_BINARY && (op_is_cmp(e->op) || e->op == OP_AND || e->op == OP_OR)) ||
           (e->kind == EX_UNARY && e->op == OP_NOT);
}

static void render(render_t *r, const expr_t *e, bool top, int depth);

/* A condition with its truth: "2020-05-10 < 2020-05-10: sai". */
static void render_condition(render_t *r, const expr_t *e, int depth)
{
    value_t v;
    bool known = part_value(r, e, &v);
    if (e->kind == EX_UNARY) {
        sb_adds(&r->sb, "not ");
        render(r, e->a, false, depth + 1);
    } else {
        render(r, e->a, false, depth + 1);
        sb_printf(&r->sb, " %s ", op_text(e->op));
        render(r, e->b, false, depth + 1);
    }
    if (!known && e->kind != EX_UNARY) return;
    sb_adds(&r->sb, ": ");
    if (known) value_text(&r->sb, v);
}

static void render(render_t *r, const expr_t *e, bool top, int depth)
{
    strbuf_t *sb = &r->sb;
    if (depth > 200) {
        sb_adds(sb, "…");
        return;
    }
    value_t v;
    switch (e->kind) {
    case EX_NUMBER: case EX_DATE: case EX_STRING:
        if (e->kind == EX_STRING) sb_printf(sb, "\"%s\"", e->text ? e->text : "");
        else sb_adds(sb, e->text ? e->text : "?");
        break;
    case EX_BOOL:
        sb_adds(sb, e->boolean ? "đúng" : "sai");
        break;
    case EX_NAME: case EX_PATH:
        if (e->let && r->ev->lets) value_text(sb, r->ev->lets[e->let->id]);
        else if (e->metric >= 0) value_text(sb, r->ev->metrics[e->metric]);
        else sb_adds(sb, e->text ? e->text : "?");
        break;
    case EX_NODE_MAX: {
        char buf[64];
        sb_adds(sb, rat_format(e->node_max, 6, buf, sizeof buf));
        break;
    }
    case EX_CALL:
        if (!top) sb_addc(sb, '[');
        sb_printf(sb, "%s(", e->text);
        for (int i = 0; i < e->nargs; i++) {
            if (i) sb_adds(sb, ", ");
            render(r, e->args[i], false, depth + 1);
        }
        sb_addc(sb, ')');
        if (part_value(r, e, &v)) {
            sb_adds(sb, " = ");
            value_text(sb, v);
        }
        if (!top) sb_addc(sb, ']');
        break;
    case EX_UNARY:
        if (e->op == OP_NOT) {
            if (!top) sb_addc(sb, '[');
            render_condition(r, e, depth);
            if (!top) sb_addc(sb, ']');
            break;
        }
        sb_addc(sb, '-');
        if (e->a->kind == EX_BINARY) sb_addc(sb, '(');
        render(r, e->a, false, depth + 1);
        if (e->a->kind == EX_BINARY) sb_addc(sb, ')');
        break;
    case EX_BINARY:
        if (is_condition(e)) {
            if (!top) sb_addc(sb, '[');
            render_condition(r, e, depth);
            if (!top) sb_addc(sb, ']');
        } else {
            bool pa = e->a->kind == EX_BINARY && !is_condition(e->a), pb = e->b->kind == EX_BINARY && !is_condition(e->b);
            pa |= e->a->kind == EX_IF;
            pb |= e->b->kind == EX_IF;
            if (pa) sb_addc(sb, '(');
            render(r, e->a, false, depth + 1);
            if (pa) sb_addc(sb, ')');
            sb_printf(sb, " %s ", op_text(e->op));
            if (pb) sb_addc(sb, '(');
            render(r, e->b, false, depth + 1);
            if (pb) sb_addc(sb, ')');
        }
        break;
    case EX_IF: {
        /* only the branch taken: "condition: đúng → then" */
        if (is_condition(e->a)) {
            render_condition(r, e->a, depth + 1);
            part_value(r, e->a, &v);
        } else {
            render(r, e->a, true, depth + 1);
            v = e->a->kind == EX_NAME || e->a->kind == EX_PATH
                    ? (e->a->let && r->ev->lets ? r->ev->lets[e->a->let->id]
                       : e->a->metric >= 0 ? r->ev->metrics[e->a->metric] : v_error(ERR_DOMAIN))
                    : e->a->kind == EX_BOOL ? v_bool(e->a->boolean) : v_error(ERR_DOMAIN);
            if (v.tag == V_BOOL) sb_adds(sb, v.u.b ? ": đúng" : ": sai");
        }
        if (v.tag != V_BOOL) {
            sb_adds(sb, " → không áp dụng");
            break;
        }
        sb_adds(sb, " → ");
        render(r, v.u.b ? e->b : e->c, true, depth + 1);
        break;
    }
    }
}

char *formula_with_values(const expr_t *e, const eval_t *ev, const cpart_t *parts, const value_t *values,
                          int nparts, value_t result)
{
    render_t r = {ev, parts, values, nparts, {0}};
    sb_init(&r.sb);
    render(&r, e, true, 0);
    /* The result at the end, unless the text already ends with it. */
    strbuf_t res;
    sb_init(&res);
    value_text(&res, result);
    size_t n = r.sb.len, k = res.len;
    bool ends = n > k && !memcmp(r.sb.data + n - k, res.data, k) && r.sb.data[n - k - 1] == ' ';
    bool simple = e->kind == EX_NUMBER || e->kind == EX_PATH || e->kind == EX_NAME || e->kind == EX_NODE_MAX;
    if (!ends && !(simple && n == k && !memcmp(r.sb.data, res.data, k))) {
        sb_adds(&r.sb, " = ");
        sb_adds(&r.sb, res.data);
    }
    sb_free(&res);
    return sb_take(&r.sb);
}

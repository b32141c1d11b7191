/* check_bands.c — static checks on band lists (contract §4), as DMN
 * verifiers do for decision tables: a band no value can reach is an error; a
 * range of values that no band covers, with no `otherwise`, is a warning
 * (such a unit scores 0 with a finding). The range a value can take is
 * bounded where the expression tells: literals are exact, ratio() is never
 * negative, linear() lies in [0, 1], clamp() in its bounds, count_true() in
 * [0, n]. Band points that are constants above the node's max are warned
 * about, since they will always be clamped. */
#include "builtins.h"
#include "interval_set.h"
#include "program.h"

#include <string.h>

static range_t unbounded(void) { return (range_t){false, false, {0, 1}, {0, 1}}; }
static range_t exact(rat_t v) { return (range_t){true, true, v, v}; }

static bool is_const(const range_t *r, rat_t *v)
{
    if (r->has_lo && r->has_hi && rat_cmp(r->lo, r->hi) == 0) {
        *v = r->lo;
        return true;
    }
    return false;
}

static range_t expr_range(const expr_t *e, int depth);

static range_t hull(range_t a, range_t b)
{
    range_t r = unbounded();
    if (a.has_lo && b.has_lo) { r.has_lo = true; r.lo = rat_min(a.lo, b.lo); }
    if (a.has_hi && b.has_hi) { r.has_hi = true; r.hi = rat_max(a.hi, b.hi); }
    return r;
}

static range_t call_range(const expr_t *e, int depth)
{
    range_t r = unbounded();
    bool of = false;
    switch (e->builtin) {
    case BI_RATIO:
    case BI_ABS:
        r.has_lo = true;
        r.lo = rat_int(0);
        break;
    case BI_LINEAR:
        r = (range_t){true, true, rat_int(0), rat_int(1)};
        break;
    case BI_COUNT_TRUE:
        r = (range_t){true, true, rat_int(0), rat_int(e->nargs)};
        break;
    case BI_CLAMP: {
        range_t lo = expr_range(e->args[1], depth + 1), hi = expr_range(e->args[2], depth + 1);
        if (lo.has_lo) { r.has_lo = true; r.lo = lo.lo; }
        if (hi.has_hi) { r.has_hi = true; r.hi = hi.hi; }
        break;
    }
    case BI_MIN:
    case BI_MAX: {
        r = expr_range(e->args[0], depth + 1);
        for (int i = 1; i < e->nargs; i++) {
            range_t x = expr_range(e->args[i], depth + 1);
            range_t n = unbounded();
            if (e->builtin == BI_MIN) {
                /* min: lower bound needs all, upper bound needs any */
                if (r.has_lo && x.has_lo) { n.has_lo = true; n.lo = rat_min(r.lo, x.lo); }
                if (r.has_hi || x.has_hi) {
                    n.has_hi = true;
                    n.hi = !r.has_hi ? x.hi : !x.has_hi ? r.hi : rat_min(r.hi, x.hi);
                }
            } else {
                if (r.has_hi && x.has_hi) { n.has_hi = true; n.hi = rat_max(r.hi, x.hi); }
                if (r.has_lo || x.has_lo) {
                    n.has_lo = true;
                    n.lo = !r.has_lo ? x.lo : !x.has_lo ? r.lo : rat_max(r.lo, x.lo);
                }
            }
            r = n;
        }
        break;
    }
    case BI_ROUND: {
        /* Rounding can move a bound by half a unit of the last digit. */
        range_t x = expr_range(e->args[0], depth + 1);
        rat_t v;
        if (is_const(&x, &v) && e->args[1]->kind == EX_NUMBER)
            r = exact(rat_round(v, (int)e->args[1]->num.num, &of));
        else if (x.has_lo && rat_cmp(x.lo, rat_int(0)) >= 0) {
            r.has_lo = true;
            r.lo = rat_int(0);
        }
        break;
    }
    default:
        break;
    }
    if (of) return unbounded();
    return r;
}

static range_t expr_range(const expr_t *e, int depth)
{
    if (depth > CHISO_MAX_NESTING + 8) return unbounded();
    bool of = false;
    range_t r = unbounded();
    switch (e->kind) {
    case EX_NUMBER: return exact(e->num);
    case EX_DATE: return exact(rat_int(e->date));
    case EX_NODE_MAX: return exact(e->node_max);
    case EX_NAME:
        if (e->let) return expr_range(e->let->value, depth + 1);
        return e->decl ? metric_decl_range(e->decl, true) : r;
    case EX_PATH:
        return e->decl ? metric_decl_range(e->decl, true) : r;
    case EX_CALL: return call_range(e, depth);
    case EX_IF: return hull(expr_range(e->b, depth + 1), expr_range(e->c, depth + 1));
    case EX_UNARY:
        if (e->op == OP_NEG) {
            range_t a = expr_range(e->a, depth + 1);
            if (a.has_hi) { r.has_lo = true; r.lo = rat_neg(a.hi, &of); }
            if (a.has_lo) { r.has_hi = true; r.hi = rat_neg(a.lo, &of); }
        }
        break;
    case EX_BINARY: {
        if (e->type != TY_NUMBER && e->type != TY_DATE) break;
        range_t a = expr_range(e->a, depth + 1), b = expr_range(e->b, depth + 1);
        switch (e->op) {
        case OP_ADD:
            if (a.has_lo && b.has_lo) { r.has_lo = true; r.lo = rat_add(a.lo, b.lo, &of); }
            if (a.has_hi && b.has_hi) { r.has_hi = true; r.hi = rat_add(a.hi, b.hi, &of); }
            break;
        case OP_SUB:
            if (a.has_lo && b.has_hi) { r.has_lo = true; r.lo = rat_sub(a.lo, b.hi, &of); }
            if (a.has_hi && b.has_lo) { r.has_hi = true; r.hi = rat_sub(a.hi, b.lo, &of); }
            break;
        case OP_MUL:
            if (a.has_lo && b.has_lo && rat_cmp(a.lo, rat_int(0)) >= 0 &&
                rat_cmp(b.lo, rat_int(0)) >= 0) {
                r.has_lo = true;
                r.lo = rat_mul(a.lo, b.lo, &of);
                if (a.has_hi && b.has_hi) { r.has_hi = true; r.hi = rat_mul(a.hi, b.hi, &of); }
            }
            break;
        case OP_DIV: {
            rat_t bv;
            if (is_const(&b, &bv) && rat_cmp(bv, rat_int(0)) > 0) {
                if (a.has_lo) { r.has_lo = true; r.lo = rat_div(a.lo, bv, &of); }
                if (a.has_hi) { r.has_hi = true; r.hi = rat_div(a.hi, bv, &of); }
            }
            break;
        }
        default:
            break;
        }
        break;
    }
    default:
        break;
    }
    return of ? unbounded() : r;
}

range_t expr_value_range(const expr_t *e) { return expr_range(e, 0); }

bool expr_constant(const expr_t *e, rat_t *value)
{
    range_t r = expr_range(e, 0);
    return is_const(&r, value);
}

static bool any_percent(const node_t *n)
{
    for (size_t i = 0; i < n->nbands; i++)
        if (n->bands[i]->threshold && n->bands[i]->threshold->is_percent) return true;
    return false;
}

/* A yes/no value: two possible values, each must have a band (or an
 * `otherwise`), and every band must be reachable. */
static void check_bool_bands(node_t *n, diag_list_t *diags)
{
    bool covered[2] = {false, false}, has_otherwise = false; /* [0] false, [1] true */
    for (size_t i = 0; i < n->nbands; i++) {
        band_t *b = n->bands[i];
        if (b->cmp == OP_NONE) {
            has_otherwise = true;
            if (covered[0] && covered[1]) {
                diag_t *d = diag_add(diags, DIAG_ERROR, b->loc, "band-unreachable",
                                     "'otherwise' can never be chosen: the bands above cover both đúng and sai");
                diag_hint(d, "remove it");
            }
            break;
        }
        if (b->threshold->kind != EX_BOOL) return; /* compared with the data: not analysable */
        bool holds_for = b->cmp == OP_EQ ? b->threshold->boolean : !b->threshold->boolean;
        if (covered[holds_for]) {
            diag_t *d = diag_add(diags, DIAG_ERROR, b->loc, "band-unreachable",
                                 "band '%s' can never be chosen: the value %s is taken by a band above",
                                 b->label, holds_for ? "đúng" : "sai");
            diag_hint(d, "each of đúng and sai has one band");
        }
        covered[holds_for] = true;
    }
    if (!has_otherwise && !(covered[0] && covered[1])) {
        diag_t *d = diag_add(diags, DIAG_ERROR, n->value_loc, "band-gap",
                             "the bands of '%s' say nothing for %s: a yes/no criterion gives points for both answers",
                             n->id, covered[1] ? "sai (false)" : "đúng (true)");
        diag_hint(d, "add `mức %s -> 0` (band %s -> 0)", covered[1] ? "sai" : "đúng", covered[1] ? "false" : "true");
    }
}

static void check_leaf_bands(node_t *n, diag_list_t *diags)
{
    if (!n->value || n->value->type == TY_ERROR || n->value->type == TY_UNKNOWN) return;
    if (n->value->type == TY_BOOL) {
        check_bool_bands(n, diags);
        return;
    }
    range_t vr = expr_range(n->value, 0);
    bool pct = any_percent(n);
    iset_t domain, covered;
    iset_from_range(&domain, &vr);
    iset_empty(&covered);
    bool analysable = true, has_otherwise = false;
    for (size_t i = 0; i < n->nbands && analysable; i++) {
        band_t *b = n->bands[i];
        iset_t cond, fresh;
        if (b->cmp == OP_NONE) {
            has_otherwise = true;
            iset_minus(&fresh, &domain, &covered);
            if (iset_is_empty(&fresh)) {
                diag_t *d = diag_add(diags, DIAG_ERROR, b->loc, "band-unreachable",
                                     "'otherwise' can never be chosen: the bands above cover every value");
                diag_hint(d, "remove it, or narrow a band above");
            }
            break;
        }
        if (b->threshold->type == TY_ERROR) return;
        range_t tr = expr_range(b->threshold, 0);
        rat_t t;
        if (!is_const(&tr, &t)) {
            analysable = false; /* threshold depends on the submission */
            break;
        }
        iset_cmp(&cond, b->cmp, t);
        iset_t within;
        iset_intersect(&within, &domain, &cond);
        iset_minus(&fresh, &within, &covered);
        if (iset_is_empty(&within)) {
            char dom[160];
            iset_describe(&domain, pct, dom, sizeof dom);
            diag_t *d = diag_add(diags, DIAG_ERROR, b->loc, "band-unreachable",
                                 "band '%s' can never be chosen: the value is always in %s",
                                 b->label, dom);
            (void)d;
        } else if (iset_is_empty(&fresh)) {
            diag_t *d = diag_add(diags, DIAG_ERROR, b->loc, "band-unreachable",
                                 "band '%s' can never be chosen: every value it matches is taken by a band above",
                                 b->label);
            diag_hint(d, "bands are tried from the top; order them from the strictest to the loosest");
        }
        iset_t u;
        iset_union(&u, &covered, &cond);
        iset_copy(&covered, &u);
        if (covered.overflow) return;
    }
    if (analysable && !has_otherwise) {
        iset_t gap;
        iset_minus(&gap, &domain, &covered);
        if (!iset_is_empty(&gap) && !gap.overflow) {
            char g[200];
            iset_describe(&gap, pct, g, sizeof g);
            diag_t *d = diag_add(diags, DIAG_WARNING, n->value_loc, "band-gap",
                                 "no band of '%s' covers values in %s; they would score 0",
                                 n->id, g);
            diag_hint(d, "add `band otherwise -> 0` to say so explicitly");
        }
    }
}

static void check_points(node_t *n, diag_list_t *diags)
{
    for (size_t i = 0; i < n->nbands; i++) {
        band_t *b = n->bands[i];
        if (b->points->type != TY_NUMBER) continue;
        range_t pr = expr_range(b->points, 0);
        if (pr.has_lo && rat_cmp(pr.lo, n->max) > 0) {
            char m[48];
            rat_format(n->max, 6, m, sizeof m);
            diag_t *d = diag_add(diags, DIAG_WARNING, b->points->loc, "points-over-max",
                                 "these points always exceed the maximum %s of '%s'", m, n->id);
            diag_hint(d, "they will be clamped to %s", m);
        } else if (pr.has_hi && rat_cmp(pr.hi, rat_int(0)) < 0) {
            diag_add(diags, DIAG_WARNING, b->points->loc, "points-negative",
                     "these points are always negative and will be clamped to 0");
        }
    }
    if (n->score && n->score->type == TY_NUMBER) {
        range_t pr = expr_range(n->score, 0);
        if (pr.has_lo && rat_cmp(pr.lo, n->max) > 0)
            diag_add(diags, DIAG_WARNING, n->score->loc, "points-over-max",
                     "this score always exceeds the maximum of '%s' and will be clamped", n->id);
    }
}

static void walk(node_t *n, diag_list_t *diags, int depth)
{
    if (depth > CHISO_MAX_NESTING_NODES) return;
    if (n->nbands) {
        check_leaf_bands(n, diags);
        check_points(n, diags);
    } else if (n->score) {
        check_points(n, diags);
    }
    for (size_t i = 0; i < n->nchildren; i++) walk(n->children[i], diags, depth + 1);
}

void check_bands(program_t *prog, node_t *index, diag_list_t *diags)
{
    (void)prog;
    walk(index, diags, 0);
}

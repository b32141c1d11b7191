/* check_lint.c — warnings about rules that are valid but likely wrong:
 * an applies_if that is always true or always false, and a metric read by
 * one node only whose name is a near-duplicate of a metric read elsewhere
 * (`dossier.total` beside `dossiers.total`: a typo that would otherwise
 * surface only as a "missing metric" error on every submission). */
#include "builtins.h"
#include "program.h"

#include <string.h>

/* 1 always true, 0 always false, -1 depends on the submission. */
static int const_bool(const expr_t *e, int depth)
{
    if (depth > CHISO_MAX_NESTING + 8) return -1;
    switch (e->kind) {
    case EX_BOOL: return e->boolean;
    case EX_NAME: return e->let ? const_bool(e->let->value, depth + 1) : -1;
    case EX_UNARY: {
        if (e->op != OP_NOT) return -1;
        int a = const_bool(e->a, depth + 1);
        return a < 0 ? -1 : !a;
    }
    case EX_BINARY: {
        if (e->op == OP_AND || e->op == OP_OR) {
            int a = const_bool(e->a, depth + 1), b = const_bool(e->b, depth + 1);
            int decide = e->op == OP_OR;
            if (a == decide || b == decide) return decide;
            if (a >= 0 && b >= 0) return !decide;
            return -1;
        }
        if (!op_is_cmp(e->op) || (e->a->type != TY_NUMBER && e->a->type != TY_DATE)) return -1;
        range_t ra = expr_value_range(e->a), rb = expr_value_range(e->b);
        /* always true when every a and every b satisfy it; always false when none do */
        switch (e->op) {
        case OP_GE:
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) >= 0) return 1;
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) < 0) return 0;
            return -1;
        case OP_GT:
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) > 0) return 1;
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) <= 0) return 0;
            return -1;
        case OP_LE:
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) <= 0) return 1;
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) > 0) return 0;
            return -1;
        case OP_LT:
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) < 0) return 1;
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) >= 0) return 0;
            return -1;
        default: {
            rat_t x, y;
            if (expr_constant(e->a, &x) && expr_constant(e->b, &y)) {
                bool eq = rat_cmp(x, y) == 0;
                return e->op == OP_EQ ? eq : !eq;
            }
            return -1;
        }
        }
    }
    default:
        return -1;
    }
}

static void lint_node(const node_t *n, diag_list_t *diags, int depth)
{
    if (depth > CHISO_MAX_NESTING_NODES) return;
    if (n->applies_if && n->applies_if->type == TY_BOOL) {
        int v = const_bool(n->applies_if, 0);
        if (v >= 0) {
            diag_t *d = diag_add(diags, DIAG_WARNING, n->applies_if->loc, "applies-if-constant",
                                 "applies_if of '%s' is always %s", n->id, v ? "true" : "false");
            diag_hint(d, v ? "remove it: the criterion always applies"
                           : "the criterion can never apply: check the condition");
        }
    }
    for (size_t i = 0; i < n->nchildren; i++) lint_node(n->children[i], diags, depth + 1);
}

/* True when a and b differ only in digits (muc2 / muc3): not a typo. */
static bool differ_only_in_digits(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    for (size_t i = 0; i < la; i++)
        if (a[i] != b[i] && !((a[i] >= '0' && a[i] <= '9') && (b[i] >= '0' && b[i] <= '9')))
            return false;
    return true;
}

static void lint_metric_names(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nmetrics; i++) {
        const metric_slot_t *a = &prog->metrics[i];
        if (a->node_uses != 1 || strlen(a->text) < 5) continue;
        for (size_t k = 0; k < prog->nmetrics; k++) {
            const metric_slot_t *b = &prog->metrics[k];
            if (k == i || b->node_uses < 2) continue;
            if (differ_only_in_digits(a->text, b->text)) continue;
            int dist = edit_distance(a->text, b->text, 2);
            if (dist > 2) continue;
            diag_t *d = diag_add(diags, DIAG_WARNING, a->first_use, "metric-typo",
                                 "metric '%s' is read only here; did you mean '%s'?", a->text, b->text);
            diag_hint(d, "'%s' is read by %d other rules; a misspelt metric is missing from every submission",
                      b->text, b->node_uses);
            break;
        }
    }
}

void check_lint(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++) lint_node(prog->indexes[i], diags, 0);
    lint_metric_names(prog, diags);
}

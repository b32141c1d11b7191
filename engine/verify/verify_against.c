/* verify_against.c — is a plan at least as strict as its parent's
 * (contract §7)? Each parent target must be present in the child, by the
 * same ID or else by the same left-hand side, and no weaker: for a floor
 * (>=, >) the child's threshold may not be lower, for a ceiling (<=, <) not
 * higher, for == it must be equal. A parent target with a floor and a
 * ceiling on the same expression (a range) is two targets, matched each to
 * the child target of the same direction. Every field the parent tags must
 * be covered by some child target; targets only the child has are listed
 * as extra. Thresholds must be constants to be compared. */
#include "verify_common.h"

#include "engine/ast/ast_build.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <string.h>

typedef enum { DIR_FLOOR, DIR_CEILING, DIR_EQUAL, DIR_OTHER } direction_t;

static direction_t direction(op_kind op)
{
    return op == OP_GE || op == OP_GT ? DIR_FLOOR : op == OP_LE || op == OP_LT ? DIR_CEILING
         : op == OP_EQ ? DIR_EQUAL : DIR_OTHER;
}

/* Is child `x cop c` at least as strict as parent `x pop p`? */
static bool at_least_as_strict(op_kind pop, rat_t p, op_kind cop, rat_t c)
{
    int cmp = rat_cmp(c, p);
    switch (pop) {
    case OP_GE: /* x >= p */
        return (cop == OP_GE || cop == OP_GT || cop == OP_EQ) && cmp >= 0;
    case OP_GT: /* x > p */
        return ((cop == OP_GT) && cmp >= 0) || ((cop == OP_GE || cop == OP_EQ) && cmp > 0);
    case OP_LE:
        return (cop == OP_LE || cop == OP_LT || cop == OP_EQ) && cmp <= 0;
    case OP_LT:
        return ((cop == OP_LT) && cmp <= 0) || ((cop == OP_LE || cop == OP_EQ) && cmp < 0);
    case OP_EQ:
        return cop == OP_EQ && cmp == 0;
    default:
        return cop == OP_NE && cmp == 0;
    }
}

static bool same_direction(op_kind a, op_kind b)
{
    direction_t da = direction(a), db = direction(b);
    return da == db || (db == DIR_EQUAL && (da == DIR_FLOOR || da == DIR_CEILING));
}

static const target_t *find_child(const plan_t *child, const target_t *pt, arena_t *scratch,
                                  bool *by_id, bool *opposite, bool *declared)
{
    *by_id = false;
    *opposite = false;
    *declared = false;
    /* A child target that says which parent target it implements
     * (`implements P`, `thực_hiện P`) is that target's match, whatever its
     * ID and metric names: plans written apart name their metrics apart. */
    const target_t *linked_other = NULL;
    for (size_t i = 0; i < child->ntargets; i++) {
        const target_t *ct = child->targets[i];
        if (!ct->implements || strcmp(ct->implements, pt->id) != 0) continue;
        *declared = true;
        if (same_direction(pt->expr->op, ct->expr->op)) return ct;
        linked_other = ct;
    }
    if (linked_other) {
        *opposite = true;
        return linked_other;
    }
    for (size_t i = 0; i < child->ntargets; i++)
        if (strcmp(child->targets[i]->id, pt->id) == 0) {
            *by_id = true;
            return child->targets[i];
        }
    char *lhs = expr_to_text(scratch, pt->expr->a);
    const target_t *other = NULL;
    for (size_t i = 0; i < child->ntargets; i++) {
        const target_t *ct = child->targets[i];
        if (strcmp(expr_to_text(scratch, ct->expr->a), lhs) != 0) continue;
        if (same_direction(pt->expr->op, ct->expr->op)) return ct;
        other = ct;
    }
    if (other) *opposite = true;
    return other;
}

static json_t *check_target(const plan_t *child, const target_t *pt, arena_t *scratch,
                            bool **matched, int *failures)
{
    json_t *o = json_object();
    json_object_set_new(o, "parent_target", json_string(pt->id));
    json_object_set_new(o, "title", json_string(pt->title));
    json_object_set_new(o, "parent_rule", json_string(target_rule_text(scratch, pt)));
    json_object_set_new(o, "parent_location", location_json(pt->loc));
    bool by_id, opposite, declared;
    const target_t *ct = find_child(child, pt, scratch, &by_id, &opposite, &declared);
    const char *status;
    char *message;
    if (!ct) {
        status = "absent";
        message = xasprintf(_("the plan has no target %s, nor one on %s"), pt->id,
                            expr_to_text(scratch, pt->expr->a));
    } else {
        for (size_t i = 0; i < child->ntargets; i++)
            if (child->targets[i] == ct) (*matched)[i] = true;
        json_object_set_new(o, "child_target", json_string(ct->id));
        json_object_set_new(o, "child_rule", json_string(target_rule_text(scratch, ct)));
        json_object_set_new(o, "child_location", location_json(ct->loc));
        rat_t p, c;
        if (declared) json_object_set_new(o, "implements", json_true());
        /* Declared by `implements`: the two measure the same thing, under
         * names of their own; only the thresholds are compared. */
        bool same_lhs = declared ||
                        strcmp(expr_to_text(scratch, pt->expr->a), expr_to_text(scratch, ct->expr->a)) == 0;
        if (opposite || !same_direction(pt->expr->op, ct->expr->op)) {
            status = "opposite";
            message = xasprintf(_("%s bounds %s from the other side (%s %s vs %s %s)"), ct->id,
                                expr_to_text(scratch, ct->expr->a), op_text(ct->expr->op),
                                expr_to_text(scratch, ct->expr->b), op_text(pt->expr->op),
                                expr_to_text(scratch, pt->expr->b));
        } else if (!same_lhs) {
            status = "not_comparable";
            message = xasprintf(_("%s measures %s, the parent target measures %s"), ct->id,
                                expr_to_text(scratch, ct->expr->a), expr_to_text(scratch, pt->expr->a));
        } else if (!expr_constant(pt->expr->b, &p) || !expr_constant(ct->expr->b, &c)) {
            status = "not_comparable";
            message = xstrdup(_("a threshold depends on the data, so strictness cannot be compared"));
        } else if (at_least_as_strict(pt->expr->op, p, ct->expr->op, c)) {
            status = "ok";
            message = xasprintf(_("%s %s %s is at least as strict as %s %s"), ct->id,
                                op_text(ct->expr->op), expr_to_text(scratch, ct->expr->b),
                                op_text(pt->expr->op), expr_to_text(scratch, pt->expr->b));
        } else {
            status = "weaker";
            message = xasprintf(_("%s %s %s is weaker than the parent's %s %s"), ct->id,
                                op_text(ct->expr->op), expr_to_text(scratch, ct->expr->b),
                                op_text(pt->expr->op), expr_to_text(scratch, pt->expr->b));
        }
    }
    if (declared) { /* say which link made the match */
        char *linked = xasprintf(_("%s (%s implements %s)"), message, ct->id, pt->id);
        free(message);
        message = linked;
    }
    if (strcmp(status, "ok") != 0) (*failures)++;
    json_object_set_new(o, "status", json_string(status));
    json_object_set_new(o, "message", json_string(message));
    free(message);
    return o;
}

json_t *chiso_verify_against(const chiso_program *childp, size_t plan, const chiso_program *parentp,
                             size_t pplan)
{
    json_t *report = json_object();
    if (plan >= childp->prog.nplans || pplan >= parentp->prog.nplans) {
        json_object_set_new(report, "status", json_string("error"));
        json_object_set_new(report, "errors", json_pack("[s]", "no plan to compare"));
        return report;
    }
    const plan_t *child = childp->prog.plans[plan], *parent = parentp->prog.plans[pplan];
    arena_t scratch;
    arena_init(&scratch);
    json_object_set_new(report, "plan", json_string(child->name));
    json_object_set_new(report, "file", json_string(child->loc.src->path));
    json_object_set_new(report, "parent", json_string(parent->name));
    json_object_set_new(report, "parent_file", json_string(parent->loc.src->path));
    int failures = 0;
    bool *matched = xcalloc(child->ntargets ? child->ntargets : 1, sizeof *matched);
    json_t *checks = json_array();
    for (size_t i = 0; i < parent->ntargets; i++)
        json_array_append_new(checks, check_target(child, parent->targets[i], &scratch, &matched,
                                                   &failures));
    json_object_set_new(report, "checks", checks);

    json_t *fields = json_array();
    for (size_t i = 0; i < parent->ntargets; i++) {
        const char *f = parent->targets[i]->field;
        if (!f) continue;
        bool seen = false;
        for (size_t k = 0; k < i; k++)
            if (parent->targets[k]->field && !strcmp(parent->targets[k]->field, f)) seen = true;
        if (seen) continue;
        bool covered = false;
        for (size_t k = 0; k < child->ntargets; k++)
            if (child->targets[k]->field && !strcmp(child->targets[k]->field, f)) covered = true;
        if (!covered) failures++;
        json_t *fo = json_object();
        json_object_set_new(fo, "field", json_string(f));
        json_object_set_new(fo, "covered", json_boolean(covered));
        json_object_set_new(fo, "parent_location", location_json(parent->targets[i]->field_loc));
        json_array_append_new(fields, fo);
    }
    json_object_set_new(report, "fields", fields);

    json_t *extra = json_array();
    for (size_t k = 0; k < child->ntargets; k++) {
        if (matched[k]) continue;
        json_t *eo = json_object();
        json_object_set_new(eo, "target", json_string(child->targets[k]->id));
        json_object_set_new(eo, "title", json_string(child->targets[k]->title));
        json_object_set_new(eo, "rule", json_string(target_rule_text(&scratch, child->targets[k])));
        json_object_set_new(eo, "location", location_json(child->targets[k]->loc));
        json_array_append_new(extra, eo);
    }
    json_object_set_new(report, "extra", extra);

    /* `implements P` naming no target of the parent: a broken link. */
    json_t *links = json_array();
    for (size_t k = 0; k < child->ntargets; k++) {
        const target_t *ct = child->targets[k];
        if (!ct->implements) continue;
        bool found = false;
        for (size_t i = 0; i < parent->ntargets && !found; i++) found = !strcmp(parent->targets[i]->id, ct->implements);
        if (found) continue;
        failures++;
        json_t *lo = json_object();
        json_object_set_new(lo, "target", json_string(ct->id));
        json_object_set_new(lo, "implements", json_string(ct->implements));
        json_object_set_new(lo, "location", location_json(ct->implements_loc));
        json_object_set_new(lo, "message", json_pack("s+++", ct->id, " implements ", ct->implements,
                                                      ", which the parent plan does not have"));
        json_array_append_new(links, lo);
    }
    json_object_set_new(report, "unknown_links", links);
    json_object_set_new(report, "status", json_string(failures ? "failed" : "ok"));
    free(matched);
    arena_free(&scratch);
    return report;
}

/* check_types.c — resolving names and checking types.
 *
 * A name is a `let` when one of that name is in scope and defined earlier in
 * the file, otherwise a metric path. Metric types are not declared: the first
 * use that needs a type decides it (a path compared with a date is a date),
 * and a later use that needs another type is an error naming both places.
 * Every expression gets its type; an error yields TY_ERROR, which silences
 * further complaints about the same expression. */
#include "builtins.h"
#include "engine/support/i18n.h"
#include "program.h"

#include "../support/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    program_t *prog;
    diag_list_t *diags;
    node_t *index;
    node_t *node; /* innermost node, the index itself, or NULL in a plan */
    plan_t *plan;
    const target_t *target; /* the target being checked, in a plan */
    let_t *defining[CHISO_MAX_NESTING];
    int ndefining;
} tctx;

static value_type infer(tctx *c, expr_t *e, value_type expected);

static bool before(srcloc_t a, srcloc_t b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static let_t *find_in(let_t **lets, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(lets[i]->name, name) == 0) return lets[i];
    return NULL;
}

/* The let `name` visible at `at`; *later receives one defined after `at`. */
static let_t *find_let(tctx *c, const char *name, srcloc_t at, let_t **later)
{
    *later = NULL;
    if (c->plan) {
        let_t *l = find_in(c->plan->lets, c->plan->nlets, name);
        if (l && before(l->loc, at)) return l;
        if (l) *later = l;
        return NULL;
    }
    for (node_t *n = c->node; n; n = n->parent) {
        let_t *l = find_in(n->lets, n->nlets, name);
        if (l && before(l->loc, at)) return l;
        if (l && !*later) *later = l;
    }
    return NULL;
}

static metric_slot_t *intern_metric(tctx *c, char **segs, int nsegs, const char *text,
                                    srcloc_t loc, int *slot_out)
{
    program_t *p = c->prog;
    int slot = program_metric_slot(p, segs, nsegs, text, loc);
    metric_slot_t *ms = &p->metrics[slot];
    if (ms->uses == 0 && ms->decl) ms->first_use = loc; /* declared first, read here */
    ms->uses++;
    const void *user = c->target ? (const void *)c->target : (const void *)c->node;
    if (user != ms->last_user) {
        ms->node_uses++;
        ms->last_user = user;
    }
    *slot_out = slot;
    return &p->metrics[slot];
}

static value_type use_metric(tctx *c, expr_t *e, value_type expected)
{
    char **segs = e->segs;
    int nsegs = e->nsegs;
    if (e->kind == EX_NAME) {
        segs = arena_alloc(&c->prog->arena, sizeof(char *));
        segs[0] = e->text;
        nsegs = 1;
        e->segs = segs;
        e->nsegs = 1;
    }
    metric_slot_t *m = intern_metric(c, segs, nsegs, e->text, e->loc, &e->metric);
    e->decl = m->decl;
    if (m->decl && expected != TY_UNKNOWN && expected != TY_ERROR && m->type != TY_UNKNOWN &&
        m->type != expected) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "metric-type",
                             "metric '%s' is used as a %s here, but is declared a %s (%s) on line %d",
                             m->text, type_name(expected), type_name(m->type),
                             metric_kind_vietnamese(m->decl->kind), m->decl->loc.line);
        diag_hint(d, "a metric has the type of its declaration in every rule that reads it");
        return TY_ERROR;
    }
    if (expected != TY_UNKNOWN && expected != TY_ERROR) {
        if (m->type == TY_UNKNOWN) {
            m->type = expected;
            m->type_line = e->loc.line;
        } else if (m->type != expected) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "metric-type",
                                 "metric '%s' is used as a %s here, but as a %s on line %d",
                                 m->text, type_name(expected), type_name(m->type), m->type_line);
            diag_hint(d, "a metric has one type in every rule that reads it");
            return TY_ERROR;
        }
    }
    return m->type;
}

static void resolve_let(tctx *c, let_t *l);

static value_type infer_name(tctx *c, expr_t *e, value_type expected)
{
    let_t *later = NULL;
    let_t *l = find_let(c, e->text, e->loc, &later);
    if (l) {
        for (int i = 0; i < c->ndefining; i++) {
            if (c->defining[i] == l) {
                diag_add(c->diags, DIAG_ERROR, e->loc, "let-cycle",
                         "'%s' refers to itself", e->text);
                return TY_ERROR;
            }
        }
        e->let = l;
        l->uses++;
        if (l->value->type == TY_UNKNOWN && expected != TY_UNKNOWN && expected != TY_ERROR) {
            /* `let r = some.metric` used as a number: the metric is a number. */
            if (c->ndefining < CHISO_MAX_NESTING) c->defining[c->ndefining++] = l;
            l->value->type = infer(c, l->value, expected);
            c->ndefining--;
        }
        return l->value->type;
    }
    if (later) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "let-order",
                             "'%s' is used before it is defined", e->text);
        diag_hint(d, "`let %s` is on line %d: move it above this use", e->text, later->loc.line);
        return TY_ERROR;
    }
    return use_metric(c, e, expected);
}

static const char *article(value_type t)
{
    return t == TY_UNKNOWN ? _("a value of unknown type") : t == TY_NUMBER ? _("a number")
         : t == TY_BOOL ? _("a boolean") : t == TY_DATE ? _("a date") : t == TY_STRING ? _("a string") : "?";
}

/* Infers `e` expecting `want`; reports a mismatch in the words of `what`. */
static value_type mismatch(tctx *c, expr_t *e, value_type want, value_type t, const char *what);

static value_type expect(tctx *c, expr_t *e, value_type want, const char *what)
{
    value_type t = infer(c, e, want);
    if (t != want && t != TY_ERROR && t != TY_UNKNOWN) return mismatch(c, e, want, t, what);
    return t == TY_UNKNOWN ? want : t;
}

/* expect() for argument `i` of function `fname`: the description is
 * written only when there is something to report. */
static value_type expect_arg(tctx *c, expr_t *e, value_type want, int i, const char *fname)
{
    value_type t = infer(c, e, want);
    if (t != want && t != TY_ERROR && t != TY_UNKNOWN) {
        char what[64];
        snprintf(what, sizeof what, _("argument %d of %s"), i + 1, fname);
        return mismatch(c, e, want, t, what);
    }
    return t == TY_UNKNOWN ? want : t;
}

static value_type mismatch(tctx *c, expr_t *e, value_type want, value_type t, const char *what)
{
    {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "type",
                             "%s must be %s, not %s", _(what), article(want), article(t));
        if (want == TY_NUMBER && t == TY_BOOL)
            diag_hint(d, "turn a yes/no into points with `if ... then max else 0`");
        else if (want == TY_BOOL && t == TY_NUMBER)
            diag_hint(d, "compare it: for example `x >= 1`");
        return TY_ERROR;
    }
}

/* period_date(month, day[, years]): whole literals, a day that exists in
 * some year (29 February in leap years only: an error result otherwise). */
static bool literal_int(const expr_t *e, int64_t *v)
{
    bool neg = e->kind == EX_UNARY && e->op == OP_NEG;
    if (neg) e = e->a;
    if (e->kind != EX_NUMBER || e->is_percent || !rat_is_int(e->num) || !rat_to_int64(e->num, v)) return false;
    if (neg) *v = -*v;
    return true;
}

static bool period_date_args_ok(diag_list_t *diags, const expr_t *e)
{
    static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t m = 0, d = 0, y = 0;
    const char *what = NULL;
    const expr_t *at = e;
    if (!literal_int(e->args[0], &m) || m < 1 || m > 12) {
        what = "the month of period_date() must be a whole number from 1 to 12";
        at = e->args[0];
    } else if (!literal_int(e->args[1], &d) || d < 1 || d > days_in[m - 1]) {
        what = "the day of period_date() must be a day of that month";
        at = e->args[1];
    } else if (e->nargs > 2 && (!literal_int(e->args[2], &y) || y < -10 || y > 10)) {
        what = "the years of period_date() must be a whole number from -10 to 10";
        at = e->args[2];
    }
    if (!what) return true;
    diag_t *dg = diag_add(diags, DIAG_ERROR, at->loc, "period-date", "%s", what);
    diag_hint(dg, "period_date(2, 15) is 15 February of the period's year; period_date(12, 31, -1) "
                  "is 31 December of the year before");
    return false;
}

static value_type infer_call(tctx *c, expr_t *e)
{
    int id = builtin_lookup(e->text);
    if (id < 0) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "unknown-function",
                             "unknown function '%s'", e->text);
        const char *s = builtin_suggest(e->text);
        if (s) diag_hint(d, "did you mean '%s'?", s);
        else diag_hint(d, "functions are min, max, clamp, linear, round, ratio, count_true, "
                          "days_between, present, abs, period_date");
        for (int i = 0; i < e->nargs; i++) infer(c, e->args[i], TY_UNKNOWN);
        return TY_ERROR;
    }
    const builtin_t *b = &builtins[id];
    e->builtin = id;
    if (e->nargs < b->min_args || (b->max_args >= 0 && e->nargs > b->max_args)) {
        diag_t *d;
        if (b->min_args == b->max_args)
            d = diag_add(c->diags, DIAG_ERROR, e->loc, "arity",
                         chiso_ngettext("%s takes %d argument, not %d", "%s takes %d arguments, not %d",
                                        (unsigned long)b->min_args), b->name, b->min_args, e->nargs);
        else
            d = diag_add(c->diags, DIAG_ERROR, e->loc, "arity",
                         chiso_ngettext("%s takes at least %d argument, not %d",
                                        "%s takes at least %d arguments, not %d", (unsigned long)b->min_args),
                         b->name, b->min_args, e->nargs);
        diag_hint(d, "%s", b->signature);
        for (int i = 0; i < e->nargs; i++) infer(c, e->args[i], TY_UNKNOWN);
        return TY_ERROR;
    }
    if (id == BI_PRESENT) {
        expr_t *a = e->args[0];
        let_t *later;
        if ((a->kind != EX_PATH && a->kind != EX_NAME) ||
            (a->kind == EX_NAME && find_let(c, a->text, a->loc, &later))) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, a->loc, "present-arg",
                                 "present() takes a metric path");
            diag_hint(d, "for example present(survey.satisfaction)");
            return TY_ERROR;
        }
        use_metric(c, a, TY_UNKNOWN);
        return TY_BOOL;
    }
    bool bad = false;
    for (int i = 0; i < e->nargs; i++) {
        if (expect_arg(c, e->args[i], b->arg_type, i, b->name) == TY_ERROR) bad = true;
    }
    if (id == BI_ROUND) {
        expr_t *dg = e->args[1];
        if (dg->kind != EX_NUMBER || !rat_is_int(dg->num) || dg->num.num < 0 || dg->num.num > 6) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, dg->loc, "round-digits",
                                 "the digits of round() must be a whole number from 0 to 6");
            diag_hint(d, "round(x, 2) rounds to 2 decimals");
            bad = true;
        }
    }
    if (id == BI_PERIOD_DATE && !bad && !period_date_args_ok(c->diags, e)) bad = true;
    return bad ? TY_ERROR : b->result;
}

static value_type infer_binary(tctx *c, expr_t *e, value_type expected)
{
    (void)expected;
    op_kind op = e->op;
    if (op == OP_AND || op == OP_OR) {
        value_type a = expect(c, e->a, TY_BOOL, op == OP_AND ? _("an operand of 'and'") : _("an operand of 'or'"));
        value_type b = expect(c, e->b, TY_BOOL, op == OP_AND ? _("an operand of 'and'") : _("an operand of 'or'"));
        return a == TY_ERROR || b == TY_ERROR ? TY_ERROR : TY_BOOL;
    }
    value_type ta = infer(c, e->a, TY_UNKNOWN);
    value_type tb = infer(c, e->b, ta == TY_ERROR ? TY_UNKNOWN : ta);
    if (ta == TY_UNKNOWN) ta = infer(c, e->a, tb == TY_UNKNOWN || tb == TY_ERROR ? TY_NUMBER : tb);
    if (tb == TY_UNKNOWN) tb = infer(c, e->b, ta == TY_ERROR ? TY_NUMBER : ta);
    if (ta == TY_ERROR || tb == TY_ERROR) return TY_ERROR;

    if (op_is_cmp(op)) {
        if (ta != tb) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "type",
                                 "cannot compare %s with %s", article(ta), article(tb));
            const expr_t *m = (e->a->metric >= 0 && !e->a->let) ? e->a
                            : (e->b->metric >= 0 && !e->b->let) ? e->b : NULL;
            if (m) {
                const metric_slot_t *slot = &c->prog->metrics[m->metric];
                if (slot->decl)
                    diag_hint(d, "metric '%s' is declared a %s (%s) on line %d", slot->text,
                              type_name(slot->type), metric_kind_vietnamese(slot->decl->kind),
                              slot->decl->loc.line);
                else
                    diag_hint(d, "metric '%s' is a %s because of its use on line %d", slot->text,
                              type_name(slot->type), slot->type_line);
            } else if (ta == TY_DATE || tb == TY_DATE) {
                diag_hint(d, "dates are written 2021-12-31; days_between(d1, d2) gives a number of days");
            }
            return TY_ERROR;
        }
        if ((ta == TY_STRING || ta == TY_BOOL) && op != OP_EQ && op != OP_NE) {
            diag_add(c->diags, DIAG_ERROR, e->loc, "type",
                     "%ss can only be compared with == or !=", type_name(ta));
            return TY_ERROR;
        }
        return TY_BOOL;
    }
    /* arithmetic */
    if (ta == TY_DATE || tb == TY_DATE) {
        if (op == OP_SUB && ta == TY_DATE && tb == TY_DATE) return TY_NUMBER;
        if ((op == OP_ADD || op == OP_SUB) && ta == TY_DATE && tb == TY_NUMBER) return TY_DATE;
        if (op == OP_ADD && ta == TY_NUMBER && tb == TY_DATE) return TY_DATE;
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "type", "cannot apply '%s' to %s and %s",
                             op_text(op), article(ta), article(tb));
        diag_hint(d, "dates support date - date (days) and date ± days");
        return TY_ERROR;
    }
    if (ta != TY_NUMBER || tb != TY_NUMBER) {
        diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "type", "cannot apply '%s' to %s and %s",
                             op_text(op), article(ta), article(tb));
        if (ta == TY_BOOL || tb == TY_BOOL)
            diag_hint(d, "count yes/no answers with count_true(a, b, ...)");
        return TY_ERROR;
    }
    return TY_NUMBER;
}

static value_type infer(tctx *c, expr_t *e, value_type expected)
{
    value_type t;
    switch (e->kind) {
    case EX_NUMBER: t = TY_NUMBER; break;
    case EX_BOOL: t = TY_BOOL; break;
    case EX_DATE: t = TY_DATE; break;
    case EX_STRING: t = TY_STRING; break;
    case EX_NODE_MAX:
        if (!c->node) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, e->loc, "max-outside-node",
                                 "'max' alone means the maximum of the enclosing node; a plan has none");
            diag_hint(d, "write the number, or call max(a, b) with arguments");
            t = TY_ERROR;
        } else {
            e->node_max = c->node->max;
            t = TY_NUMBER;
        }
        break;
    case EX_NAME: t = infer_name(c, e, expected); break;
    case EX_PATH: t = use_metric(c, e, expected); break;
    case EX_CALL: t = infer_call(c, e); break;
    case EX_UNARY:
        if (e->op == OP_NEG) t = expect(c, e->a, TY_NUMBER, "the operand of '-'");
        else t = expect(c, e->a, TY_BOOL, "the operand of 'not'");
        break;
    case EX_BINARY: t = infer_binary(c, e, expected); break;
    case EX_IF: {
        expect(c, e->a, TY_BOOL, "the condition of 'if'");
        value_type tb = infer(c, e->b, expected);
        value_type tc = infer(c, e->c, tb == TY_UNKNOWN || tb == TY_ERROR ? expected : tb);
        if (tb == TY_UNKNOWN && tc != TY_UNKNOWN && tc != TY_ERROR) tb = infer(c, e->b, tc);
        if (tb == TY_ERROR || tc == TY_ERROR) t = TY_ERROR;
        else if (tb != tc && tb != TY_UNKNOWN && tc != TY_UNKNOWN) {
            diag_add(c->diags, DIAG_ERROR, e->c->loc, "type",
                     "the 'else' branch gives %s but the 'then' branch gives %s", article(tc),
                     article(tb));
            t = TY_ERROR;
        } else t = tb != TY_UNKNOWN ? tb : tc;
        break;
    }
    default: t = TY_ERROR; break;
    }
    e->type = t;
    return t;
}

static void resolve_let(tctx *c, let_t *l)
{
    if (c->ndefining >= CHISO_MAX_NESTING) return;
    c->defining[c->ndefining++] = l;
    l->value->type = infer(c, l->value, TY_UNKNOWN);
    c->ndefining--;
    l->id = (int)c->prog->nlets;
    VEC_PUSH(c->prog->lets, c->prog->nlets, c->prog->caplets);
    c->prog->lets[c->prog->nlets++] = l;
}

static void check_leaf(tctx *c, node_t *n)
{
    if (n->score) expect(c, n->score, TY_NUMBER, "a score");
    if (!n->value) return;
    value_type vt = TY_UNKNOWN;
    for (size_t i = 0; i < n->nbands; i++) {
        band_t *b = n->bands[i];
        if (!b->threshold) continue;
        value_type t = infer(c, b->threshold, TY_UNKNOWN);
        if (vt == TY_UNKNOWN && (t == TY_NUMBER || t == TY_DATE || t == TY_BOOL)) vt = t;
    }
    value_type actual = infer(c, n->value, vt == TY_UNKNOWN ? TY_NUMBER : vt);
    if (actual == TY_BOOL) {
        /* A yes/no value: its bands are `band true -> P` / `mức đúng -> P`
         * (== and != also), never an order. */
        for (size_t i = 0; i < n->nbands; i++) {
            band_t *b = n->bands[i];
            if (b->cmp == OP_NONE || b->cmp == OP_EQ || b->cmp == OP_NE) continue;
            diag_t *d = diag_add(c->diags, DIAG_ERROR, b->loc, "band-type",
                                 "a yes/no value has no order: band '%s' cannot apply to it", b->label);
            diag_hint(d, "write `mức đúng -> tối_đa` and `mức sai -> 0` (band true / band false)");
            actual = TY_ERROR;
        }
    } else if (actual == TY_STRING) {
        diag_add(c->diags, DIAG_ERROR, n->value->loc, "band-type",
                 "bands compare numbers, dates or yes/no values, but this value is %s", article(actual));
        actual = TY_ERROR;
    }
    for (size_t i = 0; i < n->nbands; i++) {
        band_t *b = n->bands[i];
        if (b->threshold && actual != TY_ERROR) {
            value_type t = infer(c, b->threshold, actual);
            if (t != actual && t != TY_ERROR) {
                diag_t *d = diag_add(c->diags, DIAG_ERROR, b->threshold->loc, "type",
                                     "this band compares %s value with %s", article(actual),
                                     article(t));
                if (actual == TY_DATE) diag_hint(d, "write the threshold as a date: 2021-12-31");
            }
        }
        expect(c, b->points, TY_NUMBER, "the points of a band");
    }
}

static void check_node_types(tctx *c, node_t *n, int depth)
{
    if (depth > CHISO_MAX_NESTING_NODES) return;
    node_t *saved = c->node;
    c->node = n;
    for (size_t i = 0; i < n->nlets; i++) resolve_let(c, n->lets[i]);
    if (n->applies_if) expect(c, n->applies_if, TY_BOOL, "the condition of applies_if");
    check_leaf(c, n);
    for (size_t i = 0; i < n->ndeducts; i++)
        expect(c, n->deducts[i]->amount, TY_NUMBER, n->deducts[i]->bonus ? _("a bonus") : _("a deduction"));
    for (size_t i = 0; i < n->nchildren; i++) check_node_types(c, n->children[i], depth + 1);
    c->node = saved;
}

/* Where an expression begins in the source (binary nodes carry their operator's position). */
static srcloc_t expr_start(const expr_t *e)
{
    srcloc_t loc = e->loc;
    for (int i = 0; i < CHISO_MAX_NESTING && e->kind == EX_BINARY; i++) {
        e = e->a;
        if (e->loc.line < loc.line || (e->loc.line == loc.line && e->loc.col < loc.col)) loc = e->loc;
    }
    return loc;
}

static void check_plan_types(tctx *c, plan_t *p)
{
    c->plan = p;
    c->node = NULL;
    for (size_t i = 0; i < p->nlets; i++) resolve_let(c, p->lets[i]);
    for (size_t i = 0; i < p->ntargets; i++) {
        target_t *t = p->targets[i];
        c->target = t;
        if (t->expr->kind != EX_BINARY || !op_is_cmp(t->expr->op)) {
            diag_t *d = diag_add(c->diags, DIAG_ERROR, expr_start(t->expr), "target-form",
                                 "a target must be a comparison");
            diag_hint(d, "for example: dossiers.on_time / dossiers.total >= 98%%");
            infer(c, t->expr, TY_UNKNOWN);
            continue;
        }
        infer(c, t->expr, TY_BOOL);
    }
    c->target = NULL;
    c->plan = NULL;
}

static void warn_unused_lets(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nlets; i++) {
        let_t *l = prog->lets[i];
        if (l->uses == 0) {
            diag_t *d = diag_add(diags, DIAG_WARNING, l->loc, "unused-let",
                                 "'%s' is defined but never used", l->name);
            diag_hint(d, "remove it, or use it in a value, score or condition");
        }
    }
}

void check_names_and_types(program_t *prog, diag_list_t *diags)
{
    tctx c;
    memset(&c, 0, sizeof c);
    c.prog = prog;
    c.diags = diags;
    for (size_t i = 0; i < prog->nindexes; i++) {
        c.index = prog->indexes[i];
        check_node_types(&c, prog->indexes[i], 0);
    }
    c.index = NULL;
    for (size_t i = 0; i < prog->nplans; i++) check_plan_types(&c, prog->plans[i]);
    warn_unused_lets(prog, diags);
}

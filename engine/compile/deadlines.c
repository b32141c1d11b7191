/* deadlines.c — the deadlines a leaf's rule checks, found in its
 * expression: no keyword marks them, a deadline is a comparison of a date
 * with the date it is due (`ngày_nộp <= 2020-02-15`, `ngày_nộp <
 * period_date(2, 15)`), or of a number of days (`ngày_xong − ngày_nhận`,
 * `days_between(…)`) with a limit (`<= 30`), either way round, anywhere in
 * the rule (inside `count_true`, `if`, `and`…); and a leaf whose value is a
 * date or a number of days with a first band `mức <= …`. The scorer
 * evaluates both sides of each to tell how many days late a unit was. */
#include "compile.h"
#include "rule_text.h"

#include "engine/check/builtins.h"
#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEADLINES 64 /* per leaf: more would be a table better split */

/* A number of days: a difference of dates, days_between(), through lets. */
static bool is_days(const expr_t *e)
{
    for (int hops = 0; e && e->kind == EX_NAME && e->let && hops < 16; hops++) e = e->let->value;
    if (!e) return false;
    if (e->kind == EX_BINARY && e->op == OP_SUB) return e->a->type == TY_DATE && e->b->type == TY_DATE;
    return e->kind == EX_CALL && e->builtin == BI_DAYS_BETWEEN;
}

typedef struct {
    program_t *prog;
    cnode_t *c;
    int cap;
} finder_t;

static void add(finder_t *f, const expr_t *rule, const char *label, bool days, bool strict, const expr_t *actual,
                const expr_t *due)
{
    if (f->c->ndeadlines >= MAX_DEADLINES) return;
    if (f->c->ndeadlines == f->cap) {
        int cap = f->cap ? f->cap * 2 : 4;
        cdeadline_t *grown = arena_alloc(&f->prog->arena, sizeof *grown * (size_t)cap);
        if (f->c->ndeadlines) memcpy(grown, f->c->deadlines, sizeof *grown * (size_t)f->c->ndeadlines);
        f->c->deadlines = grown;
        f->cap = cap;
    }
    /* The text a result shows for a missed deadline, made once: taking it
     * from the source for every late unit had cost more than scoring it. */
    const char *text = NULL;
    if (!label) {
        char *t = formula_source(rule);
        text = arena_strdup(&f->prog->arena, t);
        free(t);
    }
    f->c->deadlines[f->c->ndeadlines++] =
        (cdeadline_t){rule, text, label, days, strict, compile_expr(f->prog, actual), compile_expr(f->prog, due)};
}

static void find(finder_t *f, const expr_t *e, int depth)
{
    if (!e || depth > CHISO_MAX_NESTING + 10) return;
    if (e->kind == EX_BINARY && (e->op == OP_LE || e->op == OP_LT || e->op == OP_GE || e->op == OP_GT)) {
        bool before = e->op == OP_LE || e->op == OP_LT; /* actual on the left */
        const expr_t *actual = before ? e->a : e->b, *due = before ? e->b : e->a;
        bool strict = e->op == OP_LT || e->op == OP_GT;
        if (actual->type == TY_DATE && due->type == TY_DATE) add(f, e, NULL, false, strict, actual, due);
        else if (is_days(actual) && due->type == TY_NUMBER) add(f, e, NULL, true, strict, actual, due);
    }
    for (int i = 0; e->kind == EX_CALL && i < e->nargs; i++) find(f, e->args[i], depth + 1);
    if (expr_has_operands(e)) {
        find(f, e->a, depth + 1);
        find(f, e->b, depth + 1);
        find(f, e->c, depth + 1);
    }
}

void compile_deadlines(program_t *prog, const node_t *n, cnode_t *c)
{
    finder_t f = {prog, c, 0};
    const expr_t *rule = n->score ? n->score : n->value;
    find(&f, rule, 0);
    /* A value that is a date (or days) with bands: the first band's
     * threshold is the due date when it says "at the latest". */
    if (n->value && n->nbands && n->bands[0]->threshold &&
        (n->bands[0]->cmp == OP_LE || n->bands[0]->cmp == OP_LT)) {
        const band_t *b = n->bands[0];
        bool date = n->value->type == TY_DATE && b->threshold->type == TY_DATE;
        bool days = is_days(n->value) && b->threshold->type == TY_NUMBER;
        if (date || days) add(&f, n->value, b->label, days, b->cmp == OP_LT, n->value, b->threshold);
    }
}

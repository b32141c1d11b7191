/* eval.h — evaluating compiled code against one submission. */
#ifndef CHISO_EVAL_H
#define CHISO_EVAL_H

#include "engine/compile/compile.h"
#include "value.h"

typedef struct eval {
    const program_t *prog;
    const compiled_program_t *cp;
    value_t *metrics;  /* by slot, bound by submission_bind */
    value_t *lets;     /* by let id, computed by eval_lets */
    value_t *stack;
    char **owned;      /* strings normalized for this submission */
    size_t nowned, capowned;
    int period_year;   /* the year of the submission's period, for period_date(); 0: none */
} eval_t;

void eval_init(eval_t *ev, const program_t *prog);
void eval_free(eval_t *ev);
/* A constant of the pool as a value. */
static inline value_t constant_value(const constant_t *c)
{
    switch (c->type) {
    case TY_NUMBER: return v_num(c->num);
    case TY_DATE: return v_date(c->date);
    case TY_BOOL: return v_bool(c->boolean);
    default: {
        value_t v = {V_STR, 0, {.str = c->str}};
        return v;
    }
    }
}

/* Runs one compiled expression (eval_code: the common shapes without
 * entering the machine, with the same result). */
value_t eval_run(eval_t *ev, const code_t *code);
/* ratio(a, b) of two numbers: NA when b is 0. */
value_t eval_ratio(rat_t a, rat_t b);
static inline value_t eval_code(eval_t *ev, const code_t *code)
{
    switch (code->shape) {
    case CODE_CONST: return constant_value(&ev->cp->consts[code->code[0].a]);
    case CODE_METRIC: return ev->metrics[code->code[0].a];
    case CODE_RATIO_OF_METRICS: {
        const value_t *a = &ev->metrics[code->code[0].a], *b = &ev->metrics[code->code[1].a];
        if (a->tag == V_NUM && b->tag == V_NUM) return eval_ratio(a->u.num, b->u.num);
        return eval_run(ev, code);
    }
    default: return eval_run(ev, code);
    }
}
/* Computes every let, in dependency order. */
void eval_lets(eval_t *ev);
/* Names the metrics among `slots` that the submission lacks: "metric 'a'"
 * or "metrics 'a', 'b'"; when none of them is, the one `v` (a MISSING
 * value) came from. The caller frees the text. */
char *eval_missing_metrics(const eval_t *ev, const int *slots, int nslots, value_t v);

#endif

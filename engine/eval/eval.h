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
/* Runs one compiled expression (eval_code: a constant or a lone metric
 * without entering the machine). */
value_t eval_run(eval_t *ev, const code_t *code);
static inline value_t eval_code(eval_t *ev, const code_t *code)
{
    if (code->is_const) return code->konst;
    if (code->len == 1 && code->code[0].op == BC_METRIC) return ev->metrics[code->code[0].a];
    return eval_run(ev, code);
}
/* Computes every let, in dependency order. */
void eval_lets(eval_t *ev);
/* Names the metrics among `slots` that the submission lacks: "metric 'a'"
 * or "metrics 'a', 'b'"; when none of them is, the one `v` (a MISSING
 * value) came from. The caller frees the text. */
char *eval_missing_metrics(const eval_t *ev, const int *slots, int nslots, value_t v);

#endif

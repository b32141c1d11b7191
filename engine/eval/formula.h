/* formula.h — what `explain` shows of a leaf's rule besides its result:
 * the formula as the rules file writes it, and the same formula with the
 * unit's values put in, each call with its result and each condition with
 * its truth:
 *
 *   if plan.issued_on < 2020-05-10 then 1 else 0
 *   2020-05-10 < 2020-05-10: sai → 0
 *
 *   max * linear(ratio(a, b), 0, 30%)
 *   2 * [linear([ratio(17, 20) = 0.85], 0, 30%) = 1] = 2
 */
#ifndef CHISO_FORMULA_H
#define CHISO_FORMULA_H

#include "eval.h"

#include "engine/compile/rule_text.h" /* formula_source: the text as written */
/* The expression with the values of one unit put in. `parts` are the
 * node's compiled parts (cpart_t) and `values` their values for this unit;
 * `result` is the expression's value. Caller frees. */
char *formula_with_values(const expr_t *e, const eval_t *ev, const cpart_t *parts, const value_t *values,
                          int nparts, value_t result);

#endif

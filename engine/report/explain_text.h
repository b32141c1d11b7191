/* explain_text.h — the parts of `chiso explain` that `chiso test` shows
 * under a failing case: only the nodes that failed. */
#ifndef CHISO_EXPLAIN_TEXT_H
#define CHISO_EXPLAIN_TEXT_H

#include "engine/eval/result.h"

#include <stdio.h>

/* The trace of the leaves among `nodes` (IDs), the sum line of the groups
 * among them, and with `totals` the index's sum line (points, percent,
 * grade); for a unit in error, its errors. Scored with CHISO_SCORE_TRACE. */
void explain_print_failing(const chiso_result *r, const char *const *nodes, size_t n, bool totals, FILE *out);

#endif

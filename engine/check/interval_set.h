/* interval_set.h — finite unions of intervals over the rationals, with open
 * or closed ends and infinite bounds. The band checker uses them to find
 * bands no value can reach and values no band covers. */
#ifndef CHISO_INTERVAL_SET_H
#define CHISO_INTERVAL_SET_H

#include "../ast/ast.h"

typedef struct {
    int inf;      /* -1: -infinity, +1: +infinity, 0: finite */
    rat_t v;
    bool closed;  /* ignored for infinite bounds */
} bound_t;

typedef struct {
    bound_t lo, hi;
} interval_t;

#define ISET_MAX 64

typedef struct {
    interval_t items[ISET_MAX]; /* sorted, disjoint, non-empty */
    int n;
    bool overflow;              /* too many pieces: analysis gives up */
} iset_t;

void iset_all(iset_t *s);
void iset_empty(iset_t *s);
void iset_copy(iset_t *out, const iset_t *a);
/* The set of x with `x op t`. */
void iset_cmp(iset_t *s, op_kind op, rat_t t);
void iset_from_range(iset_t *s, const range_t *r);
void iset_intersect(iset_t *out, const iset_t *a, const iset_t *b);
void iset_complement(iset_t *out, const iset_t *a);
void iset_union(iset_t *out, const iset_t *a, const iset_t *b);
void iset_minus(iset_t *out, const iset_t *a, const iset_t *b);
static inline bool iset_is_empty(const iset_t *s) { return s->n == 0 && !s->overflow; }

/* "[95%, 98%)", "(-∞, 0)", "{1}", joined with " ∪ ". */
void iset_describe(const iset_t *s, bool percent, char *buf, size_t size);

#endif

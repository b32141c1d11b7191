/* interval_set.c — union, intersection and complement of interval sets. */
#include "interval_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Compares lower bounds: an open lower bound at v starts after a closed one. */
static int cmp_lo(bound_t a, bound_t b)
{
    if (a.inf || b.inf) return a.inf == b.inf ? 0 : (a.inf < b.inf ? -1 : 1);
    int c = rat_cmp(a.v, b.v);
    if (c) return c;
    if (a.closed == b.closed) return 0;
    return a.closed ? -1 : 1;
}

/* Compares upper bounds: an open upper bound at v ends before a closed one. */
static int cmp_hi(bound_t a, bound_t b)
{
    if (a.inf || b.inf) return a.inf == b.inf ? 0 : (a.inf < b.inf ? -1 : 1);
    int c = rat_cmp(a.v, b.v);
    if (c) return c;
    if (a.closed == b.closed) return 0;
    return a.closed ? 1 : -1;
}

static bool interval_empty(interval_t iv)
{
    if (iv.lo.inf == 1 || iv.hi.inf == -1) return true;
    if (iv.lo.inf || iv.hi.inf) return false;
    int c = rat_cmp(iv.lo.v, iv.hi.v);
    if (c > 0) return true;
    if (c == 0) return !(iv.lo.closed && iv.hi.closed);
    return false;
}

static void push(iset_t *s, interval_t iv)
{
    if (interval_empty(iv)) return;
    if (s->n == ISET_MAX) {
        s->overflow = true;
        return;
    }
    s->items[s->n++] = iv;
}

void iset_empty(iset_t *s) { s->n = 0; s->overflow = false; }

void iset_copy(iset_t *out, const iset_t *a)
{
    /* the used items only: a whole iset_t is 4 KiB, and the band checker
     * copies several per band */
    out->n = a->n;
    out->overflow = a->overflow;
    memcpy(out->items, a->items, (size_t)a->n * sizeof a->items[0]);
}

void iset_all(iset_t *s)
{
    iset_empty(s);
    interval_t iv = {{-1, {0, 1}, false}, {1, {0, 1}, false}};
    push(s, iv);
}

void iset_cmp(iset_t *s, op_kind op, rat_t t)
{
    iset_empty(s);
    bound_t ninf = {-1, {0, 1}, false}, pinf = {1, {0, 1}, false};
    bound_t at_closed = {0, t, true}, at_open = {0, t, false};
    switch (op) {
    case OP_GE: push(s, (interval_t){at_closed, pinf}); break;
    case OP_GT: push(s, (interval_t){at_open, pinf}); break;
    case OP_LE: push(s, (interval_t){ninf, at_closed}); break;
    case OP_LT: push(s, (interval_t){ninf, at_open}); break;
    case OP_EQ: push(s, (interval_t){at_closed, at_closed}); break;
    case OP_NE:
        push(s, (interval_t){ninf, at_open});
        push(s, (interval_t){at_open, pinf});
        break;
    default: iset_all(s); break;
    }
}

void iset_from_range(iset_t *s, const range_t *r)
{
    iset_empty(s);
    interval_t iv = {{-1, {0, 1}, false}, {1, {0, 1}, false}};
    if (r->has_lo) iv.lo = (bound_t){0, r->lo, true};
    if (r->has_hi) iv.hi = (bound_t){0, r->hi, true};
    push(s, iv);
}

static int by_lo(const void *x, const void *y)
{
    return cmp_lo(((const interval_t *)x)->lo, ((const interval_t *)y)->lo);
}

void iset_intersect(iset_t *out, const iset_t *a, const iset_t *b)
{
    iset_t r;
    iset_empty(&r);
    r.overflow = a->overflow || b->overflow;
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++) {
            interval_t x = a->items[i], y = b->items[j];
            interval_t iv = {cmp_lo(x.lo, y.lo) >= 0 ? x.lo : y.lo,
                             cmp_hi(x.hi, y.hi) <= 0 ? x.hi : y.hi};
            push(&r, iv);
        }
    if (r.n > 1) qsort(r.items, (size_t)r.n, sizeof r.items[0], by_lo); /* never qsort(NULL, 0) */
    iset_copy(out, &r);
}

void iset_complement(iset_t *out, const iset_t *a)
{
    iset_t r;
    iset_empty(&r);
    r.overflow = a->overflow;
    bound_t start = {-1, {0, 1}, false};
    for (int i = 0; i < a->n; i++) {
        interval_t iv = a->items[i];
        if (iv.lo.inf != -1) {
            bound_t end = {0, iv.lo.v, !iv.lo.closed};
            push(&r, (interval_t){start, end});
        }
        if (iv.hi.inf == 1) {
            iset_copy(out, &r);
            return;
        }
        start = (bound_t){0, iv.hi.v, !iv.hi.closed};
    }
    push(&r, (interval_t){start, {1, {0, 1}, false}});
    iset_copy(out, &r);
}

void iset_union(iset_t *out, const iset_t *a, const iset_t *b)
{
    iset_t ca, cb, both;
    iset_complement(&ca, a);
    iset_complement(&cb, b);
    iset_intersect(&both, &ca, &cb);
    iset_complement(out, &both);
}

void iset_minus(iset_t *out, const iset_t *a, const iset_t *b)
{
    iset_t cb;
    iset_complement(&cb, b);
    iset_intersect(out, a, &cb);
}

static void describe_bound(bound_t b, bool percent, char *buf, size_t size)
{
    if (b.inf) {
        snprintf(buf, size, "%s∞", b.inf < 0 ? "-" : "+");
        return;
    }
    bool overflow = false;
    rat_t v = percent ? rat_mul(b.v, rat_int(100), &overflow) : b.v;
    char num[48];
    rat_format(v, 4, num, sizeof num);
    snprintf(buf, size, "%s%s", num, percent ? "%" : "");
}

void iset_describe(const iset_t *s, bool percent, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < s->n && used + 1 < size; i++) {
        interval_t iv = s->items[i];
        char lo[64], hi[64];
        describe_bound(iv.lo, percent, lo, sizeof lo);
        describe_bound(iv.hi, percent, hi, sizeof hi);
        int n;
        if (!iv.lo.inf && !iv.hi.inf && rat_cmp(iv.lo.v, iv.hi.v) == 0)
            n = snprintf(buf + used, size - used, "%s{%s}", i ? " ∪ " : "", lo);
        else
            n = snprintf(buf + used, size - used, "%s%c%s, %s%c", i ? " ∪ " : "",
                         (iv.lo.inf || !iv.lo.closed) ? '(' : '[', lo, hi,
                         (iv.hi.inf || !iv.hi.closed) ? ')' : ']');
        if (n < 0) break;
        used += (size_t)n;
        if (used >= size) {
            buf[size - 1] = '\0';
            break;
        }
    }
}

/* batch_criteria.c — statistics per criterion across a batch (see
 * batch_criteria.h). */
#include "batch_criteria.h"

#include "engine/support/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

void criteria_init(criteria_t *c, const compiled_index_t *ci)
{
    memset(c, 0, sizeof *c);
    c->ci = ci;
    strmap_init(&c->by_key);
}

void criteria_free(criteria_t *c)
{
    for (size_t i = 0; i < c->ngroups; i++) {
        free(c->groups[i].level);
        free(c->groups[i].period);
        free(c->groups[i].nodes);
    }
    free(c->groups);
    strmap_free(&c->by_key);
    sb_free(&c->key);
    memset(c, 0, sizeof *c);
}

void criteria_record(const chiso_result *r, node_rec_t *recs)
{
    for (int i = 0; i < r->nnodes; i++) {
        const node_result_t *nr = &r->nodes[i];
        bool big = rat_is_big(nr->points) || rat_is_big(nr->max);
        recs[i] = (node_rec_t){big ? rat_int(0) : nr->points, big ? rat_int(0) : nr->max,
                               rat_to_double(nr->points), rat_to_double(nr->max), (unsigned char)nr->status,
                               !rat_is_zero(nr->max) && rat_cmp(nr->points, nr->max) == 0,
                               rat_is_zero(nr->points), big};
    }
}

static criteria_group_t *group_of(criteria_t *c, const char *level, const char *period,
                                  const compiled_index_t *ci)
{
    if (c->last) { /* units of one group usually come together */
        criteria_group_t *g = &c->groups[c->last - 1];
        if (!strcmp(or_empty(g->level), or_empty(level)) && !strcmp(or_empty(g->period), or_empty(period)))
            return g;
    }
    c->key.len = 0;
    sb_adds(&c->key, or_empty(level));
    sb_addc(&c->key, '\x1f');
    sb_adds(&c->key, or_empty(period));
    const char *key = c->key.data;
    size_t g = (size_t)(uintptr_t)strmap_get(&c->by_key, key);
    if (!g) {
        VEC_PUSH(c->groups, c->ngroups, c->cap);
        criteria_group_t *grp = &c->groups[c->ngroups];
        grp->level = level ? xstrdup(level) : NULL;
        grp->period = period ? xstrdup(period) : NULL;
        grp->units = 0;
        grp->ci = ci ? ci : c->ci; /* one period, one version */
        grp->nodes = xcalloc((size_t)grp->ci->nnodes, sizeof *grp->nodes);
        g = ++c->ngroups;
        strmap_put(&c->by_key, key, (void *)(uintptr_t)g);
    }
    c->last = g;
    return &c->groups[g - 1];
}

void criteria_add(criteria_t *c, const char *level, const char *period, const compiled_index_t *ci,
                  const node_rec_t *recs)
{
    criteria_group_t *g = group_of(c, level, period, ci);
    if (ci && ci != g->ci) return; /* cannot be: a period has one version */
    g->units++;
    for (int i = 0; i < g->ci->nnodes; i++) {
        node_stat_t *s = &g->nodes[i];
        const node_rec_t *r = &recs[i];
        /* Not applicable and nothing lost (đủ_điểm gives the maximum,
         * loại_trừ takes it away): not counted. Not applicable and scored 0
         * on a maximum (không_điểm): points lost, counted like a 0. */
        if (r->status == NS_NOT_APPLICABLE && !(r->zero && !rat_is_zero(r->max))) {
            s->not_applicable++;
            continue;
        }
        s->scored++;
        s->dpoints += r->dpoints;
        s->dmax += r->dmax;
        if (r->big) s->inexact = true; /* the exact sums end here */
        if (!s->inexact) {
            bool of = false;
            rat_t p = rat_add(s->points, r->points, &of), m = rat_add(s->max, r->max, &of);
            if (of) s->inexact = true;
            else {
                s->points = p;
                s->max = m;
            }
        }
        s->full += r->full;
        s->zero += r->zero;
    }
}

static int by_level_period(const void *x, const void *y)
{
    const criteria_group_t *a = x, *b = y;
    int c = strcmp(or_empty(a->level), or_empty(b->level));
    return c ? c : strcmp(or_empty(a->period), or_empty(b->period));
}

void criteria_finish(criteria_t *c)
{
    if (c->ngroups) qsort(c->groups, c->ngroups, sizeof *c->groups, by_level_period); /* never qsort(NULL, 0) */
    strmap_free(&c->by_key); /* its indexes no longer hold */
    strmap_init(&c->by_key);
    c->last = 0;
}

/* Share of the points lost: 1 - points/max over the scored units. */
static double lost(const node_stat_t *s) { return s->dmax > 0 ? 1 - s->dpoints / s->dmax : 0; }

typedef struct {
    double lost;
    int node;
} loss_item;

static int by_loss(const void *x, const void *y)
{
    const loss_item *a = x, *b = y;
    if (a->lost != b->lost) return a->lost > b->lost ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node;
}

int criteria_order(const criteria_t *c, const criteria_group_t *g, int **order)
{
    (void)c;
    size_t cap = (size_t)(g->ci->nnodes ? g->ci->nnodes : 1);
    loss_item *items = xcalloc(cap, sizeof *items);
    int n = 0;
    for (int i = 1; i < g->ci->nnodes; i++)
        if (g->ci->nodes[i].is_leaf) items[n++] = (loss_item){lost(&g->nodes[i]), i};
    qsort(items, (size_t)n, sizeof *items, by_loss);
    *order = xcalloc(cap, sizeof **order);
    for (int k = 0; k < n; k++) (*order)[k] = items[k].node;
    free(items);
    return n;
}


/* batch_rank.c — ranks in a batch: standard competition ranking (1, 2, 2, 4)
 * by exact percent, highest first, separately for each unit level and
 * period (departments are not ranked against communes, 2020 not against
 * 2021); the same per top-level field, by the field's percent of its counted
 * maximum. Units in error are not ranked. Also marks units whose (id,
 * period) appeared earlier in the batch: both are kept and reported. */
#include "batch.h"

#include "engine/api/program_impl.h"
#include "engine/compile/compile.h"
#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

typedef struct {
    unit_summary_t *u;
    size_t pos;
    rat_t key;
    double approx; /* key as a double: most comparisons need nothing more */
} rank_item;

static int item_cmp(const void *x, const void *y)
{
    const rank_item *a = *(const rank_item *const *)x, *b = *(const rank_item *const *)y;
    if (a->u->group != b->u->group) return a->u->group < b->u->group ? -1 : 1;
    /* Doubles order keys that differ by more than rounding; close ones are compared exactly. */
    double d = b->approx - a->approx;
    int c = d > 1e-9 ? 1 : d < -1e-9 ? -1 : rat_cmp(b->key, a->key); /* highest first */
    if (c) return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* field < 0: overall percent; else that field's percent. */
static void rank_by(batch_t *b, int field)
{
    rank_item *items = xmalloc(sizeof *items * (b->count ? b->count : 1));
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->ok) continue;
        rat_t key;
        if (field < 0) {
            if (!u->has_percent) continue;
            key = u->percent;
        } else {
            if (field >= u->nfields || rat_is_zero(u->fmax[field])) continue;
            bool of = false;
            key = rat_div(u->fpoints[field], u->fmax[field], &of);
            if (of) continue;
        }
        items[n++] = (rank_item){u, i, key, rat_to_double(key)};
    }
    /* Sort pointers: cheaper to move than the items. */
    rank_item **order = xmalloc(sizeof *order * (n ? n : 1));
    for (size_t i = 0; i < n; i++) order[i] = &items[i];
    qsort(order, n, sizeof *order, item_cmp);
    /* One pass: a rank is one more than the units ahead of it in its group. */
    size_t group_start = 0, tie_start = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || order[i]->u->group != order[i - 1]->u->group) {
            group_start = tie_start = i;
        } else if (rat_cmp(order[i]->key, order[i - 1]->key) != 0) {
            tie_start = i;
        }
        long rank = (long)(tie_start - group_start) + 1;
        if (field < 0) order[i]->u->rank = rank;
        else order[i]->u->frank[field] = rank;
    }
    free(order);
    free(items);
}

/* Numbers the (level, period) groups, so that sorting compares integers. */
static void number_groups(batch_t *b)
{
    strmap_t groups;
    strmap_init(&groups);
    int next = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        char *key = xasprintf("%s\x1f%s", or_empty(u->level), or_empty(u->period));
        void *g = strmap_get(&groups, key);
        if (!g) {
            g = (void *)(intptr_t)++next;
            strmap_put(&groups, key, g);
        }
        u->group = (int)(intptr_t)g;
        free(key);
    }
    strmap_free(&groups);
}

void batch_rank(batch_t *b)
{
    number_groups(b);
    int nfields = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        u->rank = 0;
        free(u->frank);
        u->frank = xcalloc((size_t)(u->nfields ? u->nfields : 1), sizeof *u->frank);
        if (u->nfields > nfields) nfields = u->nfields;
    }
    rank_by(b, -1);
    for (int f = 0; f < nfields; f++) rank_by(b, f);

    strmap_t seen;
    strmap_init(&seen);
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->id) continue;
        char *key = xasprintf("%s\x1f%s", u->id, or_empty(u->period));
        void *prev = strmap_get(&seen, key);
        if (prev) {
            unit_summary_t *first = &b->units[(intptr_t)prev - 1];
            u->duplicate_of = xstrdup(first->origin ? first->origin : "?");
            u->repeats = true;
            if (!first->duplicate_of) first->duplicate_of = xstrdup(u->origin ? u->origin : "?");
        } else {
            strmap_put(&seen, key, (void *)(intptr_t)(i + 1));
        }
        free(key);
    }
    strmap_free(&seen);
}

int batch_fields(const chiso_program *prog, size_t index, const char ***ids, const char ***names)
{
    const compiled_index_t *ci = prog->prog.compiled[index];
    const cnode_t *root = &ci->nodes[0];
    *ids = xcalloc((size_t)(root->nchildren ? root->nchildren : 1), sizeof **ids);
    *names = xcalloc((size_t)(root->nchildren ? root->nchildren : 1), sizeof **names);
    for (int i = 0; i < root->nchildren; i++) {
        (*ids)[i] = ci->nodes[root->children[i]].src->id;
        (*names)[i] = ci->nodes[root->children[i]].src->name;
    }
    return root->nchildren;
}

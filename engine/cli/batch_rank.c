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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* What sorting moves: small and self-contained, so that comparing two
 * items never follows a pointer (a batch can hold a million units). */
typedef struct {
    double approx;  /* the percent as a double: most comparisons need nothing more */
    uint32_t group; /* (level, period) group */
    uint32_t pos;   /* index of the unit in the batch */
} rank_item;

static int item_cmp(const void *x, const void *y)
{
    const rank_item *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    if (a->approx != b->approx) return a->approx > b->approx ? -1 : 1; /* highest first */
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The exact key of a unit: its percent, or a field's points over its maximum. */
static bool exact_key(const unit_summary_t *u, int field, rat_t *key)
{
    if (field < 0) {
        *key = u->percent;
        return true;
    }
    bool of = false;
    *key = rat_div(u->fpoints[field], u->fmax[field], &of);
    return !of;
}

/* The sort key of a double as an unsigned integer that orders the same
 * way, inverted so that higher percents come first. */
static uint64_t descending_key(double d)
{
    d += 0.0; /* -0.0 becomes 0.0 */
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    bits = (bits >> 63) ? ~bits : bits ^ (1ULL << 63);
    return ~bits;
}

/* Orders items as item_cmp does. A million units are ranked once overall
 * and once per field, so large batches use a stable LSD radix sort: bytes
 * of the percent, then of the group, over items already in batch order
 * (which settles equal percents by position); passes in which every item
 * has the same byte are skipped. */
static void sort_items(rank_item *items, size_t n)
{
    if (n < 1024) {
        qsort(items, n, sizeof *items, item_cmp);
        return;
    }
    enum { PASSES = 12 }; /* 8 bytes of percent, then 4 of group */
    size_t (*counts)[256] = xcalloc(PASSES, sizeof *counts);
    uint64_t *keys = xmalloc(n * sizeof *keys), *keys2 = xmalloc(n * sizeof *keys2);
    rank_item *tmp = xmalloc(n * sizeof *tmp);
    for (size_t i = 0; i < n; i++) {
        keys[i] = descending_key(items[i].approx);
        for (int p = 0; p < 8; p++) counts[p][(keys[i] >> (8 * p)) & 0xff]++;
        for (int p = 0; p < 4; p++) counts[8 + p][(items[i].group >> (8 * p)) & 0xff]++;
    }
    rank_item *src = items, *dst = tmp;
    uint64_t *ksrc = keys, *kdst = keys2;
    for (int p = 0; p < PASSES; p++) {
        size_t *c = counts[p];
        bool trivial = false;
        for (int d = 0; d < 256; d++)
            if (c[d]) {
                trivial = c[d] == n;
                break;
            }
        if (trivial) continue;
        size_t offset = 0;
        for (int d = 0; d < 256; d++) {
            size_t k = c[d];
            c[d] = offset;
            offset += k;
        }
        for (size_t i = 0; i < n; i++) {
            unsigned byte = p < 8 ? (unsigned)(ksrc[i] >> (8 * p)) & 0xff
                                  : (src[i].group >> (8 * (p - 8))) & 0xff;
            size_t at = c[byte]++;
            dst[at] = src[i];
            kdst[at] = ksrc[i];
        }
        rank_item *t = src; src = dst; dst = t;
        uint64_t *kt = ksrc; ksrc = kdst; kdst = kt;
    }
    if (src != items) memcpy(items, src, n * sizeof *items);
    free(tmp);
    free(keys);
    free(keys2);
    free(counts);
}

typedef struct {
    rat_t key;
    uint32_t pos;
} exact_item;

static int exact_cmp(const void *x, const void *y)
{
    const exact_item *a = x, *b = y;
    int c = rat_cmp(b->key, a->key); /* highest first */
    if (c) return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static bool close_to(const rank_item *a, const rank_item *b)
{
    return a->group == b->group && fabs(a->approx - b->approx) <= 1e-9 * (1 + fabs(b->approx));
}

/* Ranks one sorted group-ordered list. Doubles can tie or misorder keys
 * that differ by less than their rounding, so within each run of
 * neighbours whose doubles are that close the exact keys decide the order
 * and the ties. Elsewhere the doubles alone are exact enough. */
static void assign_ranks(batch_t *b, int field, rank_item *items, size_t n)
{
    exact_item *run = NULL;
    size_t runcap = 0;
    size_t group_start = 0, ahead_tie = 0; /* first item of the group; of the current tie */
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && close_to(&items[j - 1], &items[j])) j++;
        if (i == 0 || items[i].group != items[i - 1].group) group_start = i;
        if (j - i == 1) { /* alone: no tie possible */
            ahead_tie = i;
            unit_summary_t *u = &b->units[items[i].pos];
            long rank = (long)(i - group_start) + 1;
            if (field < 0) u->rank = rank;
            else u->frank[field] = rank;
            i = j;
            continue;
        }
        if (j - i > runcap) {
            runcap = j - i;
            run = xrealloc(run, runcap * sizeof *run);
        }
        for (size_t k = i; k < j; k++) {
            run[k - i].pos = items[k].pos;
            exact_key(&b->units[items[k].pos], field, &run[k - i].key);
        }
        qsort(run, j - i, sizeof *run, exact_cmp);
        for (size_t k = i; k < j; k++) {
            if (k == i || rat_cmp(run[k - i].key, run[k - i - 1].key) != 0) ahead_tie = k;
            unit_summary_t *u = &b->units[run[k - i].pos];
            long rank = (long)(ahead_tie - group_start) + 1;
            if (field < 0) u->rank = rank;
            else u->frank[field] = rank;
        }
        i = j;
    }
    free(run);
}

/* field < 0: overall percent; else that field's percent. */
static void rank_by(batch_t *b, int field)
{
    rank_item *items = xmalloc(sizeof *items * (b->count ? b->count : 1));
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->ok) continue;
        double approx;
        if (field < 0) {
            if (!u->has_percent) continue;
            approx = rat_to_double(u->percent);
        } else {
            if (field >= u->nfields || rat_is_zero(u->fmax[field])) continue;
            rat_t key;
            if (!exact_key(u, field, &key)) continue;
            approx = rat_to_double(key);
        }
        items[n++] = (rank_item){approx, (uint32_t)u->group, (uint32_t)i};
    }
    sort_items(items, n);
    assign_ranks(b, field, items, n);
    free(items);
}

static bool same(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* Numbers the (level, period) groups, so that sorting compares integers.
 * Units of one group usually come together: the previous unit's group is
 * tried before the map. */
static void number_groups(batch_t *b)
{
    strmap_t groups;
    strmap_init(&groups);
    strbuf_t key;
    sb_init(&key);
    int next = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (i > 0 && same(u->level, u[-1].level) && same(u->period, u[-1].period)) {
            u->group = u[-1].group;
            continue;
        }
        key.len = 0;
        sb_adds(&key, or_empty(u->level));
        sb_addc(&key, '\x1f');
        sb_adds(&key, or_empty(u->period));
        void *g = strmap_get(&groups, key.data);
        if (!g) {
            g = (void *)(intptr_t)++next;
            strmap_put(&groups, key.data, g);
        }
        u->group = (int)(intptr_t)g;
    }
    strmap_free(&groups);
    sb_free(&key);
}

static uint64_t hash_text(uint64_t h, const char *s)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ULL; /* FNV-1a */
    return h;
}

/* Marks units whose (id, period) came earlier in the batch, with an
 * open-addressing table of unit indexes: no copy of any key. */
static void mark_duplicates(batch_t *b)
{
    size_t cap = 16;
    while (cap < b->count * 2) cap *= 2;
    size_t *slots = xcalloc(cap, sizeof *slots); /* unit index + 1; 0 is empty */
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->id) continue;
        uint64_t h = hash_text(hash_text(0xcbf29ce484222325ULL, u->id) * 31, or_empty(u->period));
        size_t at = (size_t)h & (cap - 1);
        for (; slots[at]; at = (at + 1) & (cap - 1)) {
            unit_summary_t *first = &b->units[slots[at] - 1];
            if (!strcmp(first->id, u->id) && !strcmp(or_empty(first->period), or_empty(u->period))) break;
        }
        if (slots[at]) {
            unit_summary_t *first = &b->units[slots[at] - 1];
            u->duplicate_of = xstrdup(first->origin ? first->origin : "?");
            u->repeats = true;
            if (!first->duplicate_of) first->duplicate_of = xstrdup(u->origin ? u->origin : "?");
        } else {
            slots[at] = i + 1;
        }
    }
    free(slots);
}

void batch_rank(batch_t *b)
{
    number_groups(b);
    int nfields = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        u->rank = 0;
        for (int f = 0; f < u->nfields; f++) u->frank[f] = 0;
        if (u->nfields > nfields) nfields = u->nfields;
    }
    rank_by(b, -1);
    for (int f = 0; f < nfields; f++) rank_by(b, f);
    mark_duplicates(b);
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

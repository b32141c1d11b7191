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
    uint64_t key;   /* the percent as a double, as an integer that sorts highest first */
    uint32_t group; /* (level, period) group */
    uint32_t pos;   /* index of the unit in the batch */
} rank_item;

/* Buffers for ranking, allocated once for all the fields of a batch. */
typedef struct {
    rank_item *items, *tmp;
    rat_t *keys;       /* exact key of each unit, by position */
    uint32_t *ranks;   /* rank of each unit, by position; 0: not ranked */
} rank_scratch;

static int item_cmp(const void *x, const void *y)
{
    const rank_item *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
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

/* A double as an unsigned integer that orders the same way, inverted so
 * that higher percents come first; and back. */
static uint64_t descending_key(double d)
{
    d += 0.0; /* -0.0 becomes 0.0 */
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    bits = (bits >> 63) ? ~bits : bits ^ (1ULL << 63);
    return ~bits;
}

static double key_value(uint64_t key)
{
    uint64_t bits = ~key;
    bits = (bits >> 63) ? bits ^ (1ULL << 63) : ~bits;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* Orders items as item_cmp does. A million units are ranked once overall
 * and once per field, so large batches use a stable LSD radix sort: bytes
 * of the key, then of the group, over items already in batch order
 * (which settles equal keys by position); passes in which every item
 * has the same byte are skipped. */
static void sort_items(rank_item *items, rank_item *tmp, size_t n)
{
    if (n < 1024) {
        qsort(items, n, sizeof *items, item_cmp);
        return;
    }
    enum { PASSES = 12 }; /* 8 bytes of key, then 4 of group */
    size_t counts[PASSES][256] = {{0}};
    for (size_t i = 0; i < n; i++) {
        for (int p = 0; p < 8; p++) counts[p][(items[i].key >> (8 * p)) & 0xff]++;
        for (int p = 0; p < 4; p++) counts[8 + p][(items[i].group >> (8 * p)) & 0xff]++;
    }
    rank_item *src = items, *dst = tmp;
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
            unsigned byte = p < 8 ? (unsigned)(src[i].key >> (8 * p)) & 0xff
                                  : (src[i].group >> (8 * (p - 8))) & 0xff;
            dst[c[byte]++] = src[i];
        }
        rank_item *t = src;
        src = dst;
        dst = t;
    }
    if (src != items) memcpy(items, src, n * sizeof *items);
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
    if (a->group != b->group) return false;
    if (a->key == b->key) return true;
    double x = key_value(a->key), y = key_value(b->key);
    return fabs(x - y) <= 1e-9 * (1 + fabs(y));
}

/* Ranks one sorted group-ordered list. Doubles can tie or misorder keys
 * that differ by less than their rounding, so within each run of
 * neighbours whose doubles are that close the exact keys decide the order
 * and the ties. Elsewhere the doubles alone are exact enough. */
static void assign_ranks(const rank_item *items, size_t n, const rat_t *keys, uint32_t *ranks)
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
            ranks[items[i].pos] = (uint32_t)(i - group_start) + 1;
            i = j;
            continue;
        }
        if (j - i > runcap) {
            runcap = j - i;
            run = xrealloc(run, runcap * sizeof *run);
        }
        for (size_t k = i; k < j; k++) {
            run[k - i].pos = items[k].pos;
            run[k - i].key = keys[items[k].pos];
        }
        bool sorted = true; /* usually: equal percents, already in batch order */
        for (size_t k = 1; k < j - i && sorted; k++) sorted = exact_cmp(&run[k - 1], &run[k]) < 0;
        if (!sorted) qsort(run, j - i, sizeof *run, exact_cmp);
        for (size_t k = i; k < j; k++) {
            if (k == i || rat_cmp(run[k - i].key, run[k - i - 1].key) != 0) ahead_tie = k;
            ranks[run[k - i].pos] = (uint32_t)(ahead_tie - group_start) + 1;
        }
        i = j;
    }
    free(run);
}

/* field < 0: overall percent; else that field's percent. */
static void rank_by(batch_t *b, int field, rank_scratch *sc)
{
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->ok) continue;
        if (field < 0 ? !u->has_percent : field >= u->nfields || rat_is_zero(u->fmax[field])) continue;
        if (!exact_key(u, field, &sc->keys[i])) continue;
        sc->items[n++] = (rank_item){descending_key(rat_to_double(sc->keys[i])), (uint32_t)u->group, (uint32_t)i};
    }
    sort_items(sc->items, sc->tmp, n);
    /* Ranks land in a dense array first: writing them straight into the
     * summaries, in sorted order, would touch a million scattered ones. */
    memset(sc->ranks, 0, b->count * sizeof *sc->ranks);
    assign_ranks(sc->items, n, sc->keys, sc->ranks);
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (field < 0) u->rank = sc->ranks[i];
        else if (field < u->nfields) u->frank[field] = sc->ranks[i];
    }
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
 * open-addressing table of unit indexes and their hashes: no copy of any
 * key, and strings are compared only when the hashes agree. */
static void mark_duplicates(batch_t *b)
{
    typedef struct {
        uint32_t index; /* unit index + 1; 0 is empty */
        uint32_t hash;
    } slot_t;
    size_t cap = 16;
    while (cap < b->count * 2) cap *= 2;
    slot_t *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        if (!u->id) continue;
        uint64_t h = hash_text(hash_text(0xcbf29ce484222325ULL, u->id) * 31, or_empty(u->period));
        uint32_t h32 = (uint32_t)(h >> 32);
        size_t at = (size_t)h & (cap - 1);
        for (; slots[at].index; at = (at + 1) & (cap - 1)) {
            if (slots[at].hash != h32) continue;
            unit_summary_t *first = &b->units[slots[at].index - 1];
            if (!strcmp(first->id, u->id) && !strcmp(or_empty(first->period), or_empty(u->period))) break;
        }
        if (slots[at].index) {
            unit_summary_t *first = &b->units[slots[at].index - 1];
            u->duplicate_of = xstrdup(first->origin ? first->origin : "?");
            u->repeats = true;
            if (!first->duplicate_of) first->duplicate_of = xstrdup(u->origin ? u->origin : "?");
        } else {
            slots[at] = (slot_t){(uint32_t)(i + 1), h32};
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
    size_t count = b->count ? b->count : 1;
    rank_scratch sc = {xmalloc_large(count * sizeof *sc.items), xmalloc_large(count * sizeof *sc.tmp),
                       xmalloc_large(count * sizeof *sc.keys), xmalloc_large(count * sizeof *sc.ranks)};
    rank_by(b, -1, &sc);
    for (int f = 0; f < nfields; f++) rank_by(b, f, &sc);
    free(sc.items);
    free(sc.tmp);
    free(sc.keys);
    free(sc.ranks);
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

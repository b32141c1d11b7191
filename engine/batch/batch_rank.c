/* batch_rank.c — ranks in a batch: standard competition ranking (1, 2, 2, 4)
 * by exact percent, highest first, separately for each unit level and
 * period (departments are not ranked against communes, 2020 not against
 * 2021); the same per top-level field, by the field's percent of its counted
 * maximum. Units in error are not ranked. Also marks units whose (id,
 * period) appeared earlier in the batch: both are kept and reported. */
#include "batch.h"

#include "engine/compile/loaded_program.h"
#include "engine/compile/compile.h"
#include "engine/eval/ranking.h"
#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The key a unit is ranked by: its percent, or a field's points as a
 * percent of its maximum; rounded to `decimals` when that is >= 0. */
static bool exact_key(const unit_summary_t *u, int field, int decimals, rat_t *key)
{
    bool of = false;
    if (field < 0) *key = u->percent;
    else *key = rat_div(u->fpoints[field], u->fmax[field], &of); /* a share: × 100 only to round */
    if (decimals >= 0 && !of) {
        if (field >= 0) *key = rat_mul(*key, rat_int(100), &of);
        if (!of) *key = rat_round(*key, decimals, &of);
    }
    return !of;
}

/* Arrays by unit position, allocated once for all the rankings of a batch. */
typedef struct {
    ranking_t *rk;
    bool *eligible;
    rat_t *keys;
    uint32_t *groups, *ranks;
} rank_scratch;

/* field < 0: overall percent; else that field's percent. Ranks are
 * computed into a dense array, then copied in batch order: writing them
 * straight into the summaries in sorted order would touch a million
 * scattered ones. */
static void rank_by(batch_t *b, int field, int decimals, rank_scratch *sc)
{
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        sc->eligible[i] = u->ok && !u->unranked &&
                          (field < 0 ? u->has_percent : field < u->nfields && !rat_is_zero(u->fmax[field])) &&
                          exact_key(u, field, decimals, &sc->keys[i]);
    }
    ranking_run(sc->rk, b->count, sc->eligible, sc->keys, sc->groups, sc->ranks);
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

void batch_rank(batch_t *b, int decimals)
{
    number_groups(b);
    int nfields = 0; /* rank_by sets every rank, 0 where a unit is not ranked */
    for (size_t i = 0; i < b->count; i++)
        if (b->units[i].nfields > nfields) nfields = b->units[i].nfields;
    size_t count = b->count ? b->count : 1;
    rank_scratch sc = {ranking_new(b->count), xmalloc_large(count * sizeof *sc.eligible),
                       xmalloc_large(count * sizeof *sc.keys), xmalloc_large(count * sizeof *sc.groups),
                       xmalloc_large(count * sizeof *sc.ranks)};
    for (size_t i = 0; i < b->count; i++) sc.groups[i] = (uint32_t)b->units[i].group;
    arena_t bigs; /* keys beyond 64 bits, if any, for the time of ranking */
    arena_init(&bigs);
    arena_t *outer = rat_big_arena(&bigs);
    rank_by(b, -1, decimals, &sc);
    for (int f = 0; f < nfields; f++) rank_by(b, f, decimals, &sc);
    rat_big_arena(outer);
    arena_free(&bigs);
    ranking_free(sc.rk);
    free(sc.eligible);
    free(sc.keys);
    free(sc.groups);
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

int batch_by_group_rank(const void *x, const void *y)
{
    const unit_summary_t *a = *(unit_summary_t *const *)x, *b = *(unit_summary_t *const *)y;
    int c = strcmp(or_empty(a->level), or_empty(b->level));
    if (c) return c;
    c = strcmp(or_empty(a->period), or_empty(b->period));
    if (c) return c;
    if (!a->rank != !b->rank) return a->rank ? -1 : 1; /* ranked first */
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a < b ? -1 : a > b;
}

const char *batch_unit_label(const unit_summary_t *u)
{
    return u->name ? u->name : u->id ? u->id : u->origin ? u->origin : "?";
}

/* ranking.c — competition ranks within groups (see ranking.h).
 *
 * Entries are sorted as 12-byte items — the key as an order-preserving
 * integer made from its value in single precision, the group, the
 * position — so that no comparison follows a pointer, and a million units
 * need 24 MB to be sorted. Large rankings use a stable LSD radix sort.
 * The rounded keys can tie or misorder keys that differ by less than
 * their rounding, so runs of neighbours that close are then settled by
 * their exact fractions (asked of the caller again), which also decide the
 * ties. */
#include "ranking.h"

#include "result.h"

#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t key;   /* the key as a float, as an integer that sorts highest first */
    uint32_t group;
    uint32_t pos;   /* the entry */
} rank_item;

typedef struct {
    rat_t key;
    uint32_t pos;
} exact_item;

struct ranking {
    size_t capacity;
    bool owns;      /* the items' block is the ranking's own (ranking_new) */
    rank_item *items, *tmp;
    exact_item *run;
    size_t runcap;
};

/* The items and the radix sort's second buffer are one block (huge pages
 * may back it whole); once sorted, the second buffer holds the ranks
 * (ranking_ranks). */
size_t ranking_space(size_t capacity) { return 2 * (capacity ? capacity : 1) * sizeof(rank_item); }

ranking_t *ranking_new_in(size_t capacity, void *space)
{
    ranking_t *rk = xcalloc(1, sizeof *rk);
    rk->capacity = capacity;
    rk->items = space;
    rk->tmp = rk->items + (capacity ? capacity : 1);
    return rk;
}

ranking_t *ranking_new(size_t capacity)
{
    void *space = xmalloc_large(ranking_space(capacity));
    ranking_t *rk = ranking_new_in(capacity, space);
    rk->owns = true;
    return rk;
}

void ranking_free(ranking_t *rk)
{
    if (!rk) return;
    if (rk->owns) free(rk->items);
    free(rk->run);
    free(rk);
}

void *ranking_key_space(ranking_t *rk)
{
    _Static_assert(sizeof(rank_item) == RANKING_KEY_BYTES, "the second buffer holds an entry's key");
    return rk->tmp;
}

uint32_t *ranking_ranks(ranking_t *rk)
{
    _Static_assert(sizeof(rank_item) >= sizeof(uint32_t), "a rank fits where an item was");
    return (uint32_t *)(void *)rk->tmp;
}

/* A key as an unsigned integer that orders the same way (a float's
 * bits; rounding to float keeps the order, ties aside), inverted so that
 * higher keys come first; and back. */
static uint32_t descending_key(double d)
{
    float f = (float)d + 0.0f; /* -0.0 becomes 0.0 */
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    bits = (bits >> 31) ? ~bits : bits ^ (1U << 31);
    return ~bits;
}

static double key_value(uint32_t key)
{
    uint32_t bits = ~key;
    bits = (bits >> 31) ? bits ^ (1U << 31) : ~bits;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static int item_cmp(const void *x, const void *y)
{
    const rank_item *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Orders items as item_cmp does. From 1 024 items on, a stable LSD radix
 * sort: bytes of the key, then of the group, over items already in entry
 * order (which settles equal keys by position); passes in which every
 * item has the same byte are skipped. */
static void sort_items(rank_item *items, rank_item *tmp, size_t n)
{
    if (n < 1024) {
        qsort(items, n, sizeof *items, item_cmp);
        return;
    }
    enum { PASSES = 8 }; /* 4 bytes of key, then 4 of group */
    size_t counts[PASSES][256] = {{0}};
    for (size_t i = 0; i < n; i++) {
        for (int p = 0; p < 4; p++) counts[p][(items[i].key >> (8 * p)) & 0xff]++;
        for (int p = 0; p < 4; p++) counts[4 + p][(items[i].group >> (8 * p)) & 0xff]++;
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
            unsigned byte = p < 4 ? (src[i].key >> (8 * p)) & 0xff : (src[i].group >> (8 * (p - 4))) & 0xff;
            dst[c[byte]++] = src[i];
        }
        rank_item *t = src;
        src = dst;
        dst = t;
    }
    if (src != items) memcpy(items, src, n * sizeof *items);
}

static int exact_cmp(const void *x, const void *y)
{
    const exact_item *a = x, *b = y;
    int c = rat_cmp(b->key, a->key); /* highest first */
    if (c) return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Keys whose floats are this close may be in either order exactly (a
 * float's step is 2^-23 of its value; the double a key was rounded from
 * may be off by far less). */
static bool close_to(const rank_item *a, const rank_item *b)
{
    if (a->group != b->group) return false;
    if (a->key == b->key) return true;
    double x = key_value(a->key), y = key_value(b->key);
    return fabs(x - y) <= 0x1p-21 * (1 + fabs(y));
}

/* Ranks the sorted items: a rank is one more than the entries ahead of it
 * in its group; within runs of close doubles the exact keys decide. */
static void assign_ranks(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx, uint32_t *ranks)
{
    const rank_item *items = rk->items;
    size_t group_start = 0, ahead_tie = 0; /* first item of the group; of the current tie */
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && close_to(&items[j - 1], &items[j])) j++;
        if (i == 0 || items[i].group != items[i - 1].group) group_start = i;
        if (j - i == 1) { /* alone: no tie possible */
            ranks[items[i].pos] = (uint32_t)(i - group_start) + 1;
            i = j;
            continue;
        }
        if (j - i > rk->runcap) {
            rk->runcap = j - i;
            rk->run = xrealloc(rk->run, rk->runcap * sizeof *rk->run);
        }
        exact_item *run = rk->run;
        for (size_t k = i; k < j; k++) {
            uint32_t group;
            run[k - i].pos = items[k].pos;
            key_of(ctx, items[k].pos, &run[k - i].key, NULL, &group);
        }
        bool sorted = true; /* usually: equal keys, already in entry order */
        for (size_t k = 1; k < j - i && sorted; k++) sorted = exact_cmp(&run[k - 1], &run[k]) < 0;
        if (!sorted) qsort(run, j - i, sizeof *run, exact_cmp);
        for (size_t k = i; k < j; k++) {
            if (k == i || rat_cmp(run[k - i].key, run[k - i - 1].key) != 0) ahead_tie = k;
            ranks[run[k - i].pos] = (uint32_t)(ahead_tie - group_start) + 1;
        }
        i = j;
    }
}

/* Whole keys below 2^23 are exact as floats: equal items tie, others
 * are in order. */
static void assign_whole_ranks(const rank_item *items, size_t n, uint32_t *ranks)
{
    size_t group_start = 0, ahead_tie = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || items[i].group != items[i - 1].group) group_start = ahead_tie = i;
        else if (items[i].key != items[i - 1].key) ahead_tie = i;
        ranks[items[i].pos] = (uint32_t)(ahead_tie - group_start) + 1;
    }
}

static size_t make_items(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double approx;
        uint32_t group;
        if (key_of(ctx, i, NULL, &approx, &group))
            rk->items[m++] = (rank_item){descending_key(approx), group, (uint32_t)i};
    }
    return m;
}

/* The ranks are cleared only once the items are sorted: `ranks` may be
 * the sort's second buffer (ranking_ranks). */
void ranking_run_whole(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx, uint32_t *ranks)
{
    if (n > rk->capacity) n = rk->capacity;
    size_t m = make_items(rk, n, key_of, ctx);
    sort_items(rk->items, rk->tmp, m);
    if (m < n) memset(ranks, 0, n * sizeof *ranks);
    assign_whole_ranks(rk->items, m, ranks);
}

void ranking_run(ranking_t *rk, size_t n, ranking_key_fn key_of, void *ctx, uint32_t *ranks)
{
    if (n > rk->capacity) n = rk->capacity;
    size_t m = make_items(rk, n, key_of, ctx);
    sort_items(rk->items, rk->tmp, m);
    if (m < n) memset(ranks, 0, n * sizeof *ranks);
    assign_ranks(rk, m, key_of, ctx, ranks);
}

/* The keys of chiso_rank, made beforehand. */
typedef struct {
    const bool *eligible;
    const rat_t *keys;
    const uint32_t *groups;
} keys_ctx;

static bool key_from_arrays(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group)
{
    const keys_ctx *k = ctx;
    if (key) *key = k->keys[i];
    else *approx = rat_to_double(k->keys[i]);
    *group = k->groups[i];
    return k->eligible[i];
}

/* The library's ranking of a set of results: per (unit level, period), as
 * a batch ranks them; units in error or marked "ranked": false get none. */
void chiso_rank(chiso_result **results, size_t n) { chiso_rank_ex(results, n, -1); }

void chiso_rank_ex(chiso_result **results, size_t n, int decimals)
{
    if (decimals > 6) decimals = 6;
    size_t count = n ? n : 1;
    bool *eligible = xmalloc(count * sizeof *eligible);
    rat_t *keys = xmalloc(count * sizeof *keys);
    uint32_t *groups = xmalloc(count * sizeof *groups), *ranks = xmalloc(count * sizeof *ranks);
    strmap_t numbers;
    strmap_init(&numbers);
    strbuf_t key;
    sb_init(&key);
    arena_t bigs; /* rounded keys beyond 64 bits, if any */
    arena_init(&bigs);
    arena_t *outer = rat_big_arena(&bigs);
    for (size_t i = 0; i < n; i++) {
        chiso_result *r = results[i];
        const char *level = result_unit_string(r, UNIT_LEVEL);
        key.len = 0;
        sb_adds(&key, level ? level : "");
        sb_addc(&key, '\x1f');
        sb_adds(&key, r->period ? r->period : "");
        void *g = strmap_get(&numbers, key.data);
        if (!g) {
            g = (void *)(uintptr_t)(numbers.count + 1);
            strmap_put(&numbers, key.data, g);
        }
        groups[i] = (uint32_t)(uintptr_t)g;
        /* Eligibility first: a result in error has no percent (its
         * denominator is 0) and must not be rounded. */
        bool overflow = false;
        eligible[i] = r->ok && r->has_percent && !r->unranked;
        keys[i] = !eligible[i] ? rat_int(0)
                  : decimals >= 0 ? rat_round(r->percent, decimals, &overflow) : r->percent;
        if (overflow) eligible[i] = false;
    }
    ranking_t *rk = ranking_new(n);
    keys_ctx ctx = {eligible, keys, groups};
    ranking_run(rk, n, key_from_arrays, &ctx, ranks);
    for (size_t i = 0; i < n; i++) results[i]->rank = ranks[i];
    rat_big_arena(outer);
    arena_free(&bigs);
    ranking_free(rk);
    sb_free(&key);
    strmap_free(&numbers);
    free(eligible);
    free(keys);
    free(groups);
    free(ranks);
}

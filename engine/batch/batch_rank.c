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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* What one ranking reads: the units, which field (< 0: the percent), and
 * the rounding. */
typedef struct {
    const batch_t *b;
    int field, decimals;
} rank_ctx;

/* The key a unit is ranked by: its points as a share of its maximum
 * (overall, or a field's), which orders as its percent does; rounded as a
 * percent to `decimals` when that is >= 0. False when the unit takes no
 * part. Without rounding, the first pass takes a division of doubles
 * (within a billionth): the exact division only for keys close to others'. */
static bool unit_key(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group)
{
    const rank_ctx *c = ctx;
    const unit_summary_t *u = &c->b->units[i];
    int field = c->field;
    if (!u->ok || unit_unranked(u)) return false;
    if (field < 0 ? !unit_has_percent(u) : field >= u->nfields) return false;
    *group = u->group->number;
    rat_t points = field < 0 ? unit_points(u) : unit_fpoints(u, field);
    rat_t max = field < 0 ? unit_max(u) : unit_fmax(u, field);
    if (field >= 0 && rat_is_zero(max)) return false;
    if (!key && c->decimals < 0 && !rat_is_big(points) && !rat_is_big(max)) {
        *approx = (double)points.num / (double)points.den / ((double)max.num / (double)max.den);
        return true;
    }
    /* Exactly: a share (points / max), or, to be rounded, a percent. */
    bool of = false;
    rat_t exact = c->decimals < 0 ? rat_div(points, max, &of)
                  : field < 0   ? unit_percent(u)
                                : rat_mul(rat_div(points, max, &of), rat_int(100), &of);
    if (c->decimals >= 0 && !of) exact = rat_round(exact, c->decimals, &of);
    if (key) *key = exact;
    else *approx = rat_to_double(exact);
    return !of;
}

/* Whether a unit takes part in a ranking (as unit_key says), with its
 * points and maximum. */
static bool unit_share(const unit_summary_t *u, int field, rat_t *points, rat_t *max)
{
    if (!u->ok || unit_unranked(u)) return false;
    if (field < 0 ? !unit_has_percent(u) : field >= u->nfields) return false;
    *points = field < 0 ? unit_points(u) : unit_fpoints(u, field);
    *max = field < 0 ? unit_max(u) : unit_fmax(u, field);
    return field < 0 || !rat_is_zero(*max);
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* What the key of a unit is made of in the whole way, gathered by
 * whole_scale into the ranking's key space (den 0: the unit takes no
 * part), so that the key function reads no summary again. */
typedef struct {
    int32_t num;
    uint32_t den;
    uint32_t group;
} whole_entry_t;
_Static_assert(sizeof(whole_entry_t) <= RANKING_KEY_BYTES, "an entry fits the ranking's key space");

/* When every unit of a ranking has the same positive maximum (the one the
 * rules declare, as nearly always), shares order as points do, and points
 * times the least common multiple of their denominators are whole: if
 * those stay below 2^23, they are exact keys that ties need not be asked
 * again for. Returns that multiple, or 0 (the general way); meanwhile
 * each unit's points and group go into `entries`. */
static int64_t whole_scale(const batch_t *b, int field, whole_entry_t *entries)
{
    rat_t common = {0, 1}, points, max;
    bool any = false;
    uint64_t scale = 1, last_den = 1;
    double most = 0;
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (!unit_share(u, field, &points, &max)) {
            entries[i].den = 0;
            continue;
        }
        if (rat_is_big(points) || rat_is_big(max) || max.num <= 0) return 0;
        if (!any) {
            common = max;
            any = true;
        } else if (max.num != common.num || max.den != common.den) {
            return 0;
        }
        uint64_t den = (uint64_t)points.den;
        if (den != last_den && scale % den) { /* most units share a denominator: no division */
            scale = scale / gcd64(scale, den) * den;
            if (scale > (1U << 20)) return 0;
        }
        last_den = den;
        /* |num| <= |points| × scale, which must stay below 2^22 */
        if (points.num > INT32_MAX || points.num < -INT32_MAX) return 0;
        entries[i] = (whole_entry_t){(int32_t)points.num, (uint32_t)den, u->group->number};
        double a = fabs((double)points.num / (double)points.den);
        if (a > most) most = a;
    }
    return most * (double)scale < (double)(1U << 22) ? (int64_t)scale : 0;
}

typedef struct {
    const whole_entry_t *entries;
    int64_t scale;
} whole_ctx;

static bool unit_whole_key(void *ctx, size_t i, rat_t *key, double *approx, uint32_t *group)
{
    (void)key; /* never asked: the keys are exact */
    const whole_ctx *c = ctx;
    const whole_entry_t *e = &c->entries[i];
    if (!e->den) return false;
    *group = e->group;
    *approx = (double)((int64_t)e->num * (c->scale / (int64_t)e->den));
    return true;
}

/* A rank into `width` bytes at p, as unit_frank reads it. */
static void unit_set_frank(unsigned char *p, unsigned width, uint32_t rank)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    rank <<= 8 * (4 - width); /* the low bytes come last */
#endif
    if (width == 2) memcpy(p, &rank, 2); /* sizes the compiler knows: no call */
    else if (width == 3) memcpy(p, &rank, 3);
    else memcpy(p, &rank, 4);
}

/* field < 0: overall percent; else that field's percent. Ranks are
 * computed into a dense array, then copied in batch order (into the
 * summaries, or the batch's table of field ranks): writing them there in
 * sorted order would touch a million scattered places. */
static void rank_by(batch_t *b, int field, int decimals, ranking_t *rk, uint32_t *ranks)
{
    whole_entry_t *entries = ranking_key_space(rk);
    int64_t scale = decimals < 0 ? whole_scale(b, field, entries) : 0;
    if (scale) {
        whole_ctx ctx = {entries, scale};
        ranking_run_whole(rk, b->count, unit_whole_key, &ctx, ranks);
    } else {
        rank_ctx ctx = {b, field, decimals};
        ranking_run(rk, b->count, unit_key, &ctx, ranks);
    }
    if (field < 0) {
        for (size_t i = 0; i < b->count; i++) b->units[i].rank = (int32_t)ranks[i];
        return;
    }
    const unit_ranks_t *t = &b->franks;
    for (size_t i = 0; i < b->count; i++)
        unit_set_frank(t->data + (i * t->stride + (size_t)field) * t->width, t->width, ranks[i]);
}

/* Numbers the (level, period) groups, so that sorting compares integers.
 * Workers intern groups each their own way: equal texts get one number.
 * Units of one group usually come together: the previous unit's group is
 * tried before the map. */
static void number_groups(batch_t *b)
{
    for (size_t i = 0; i < b->count; i++) {
        b->units[i].group->number = 0;
        b->units[i].group->ranks = &b->franks;
    }
    strmap_t groups;
    strmap_init(&groups);
    strbuf_t key;
    sb_init(&key);
    uint32_t next = 0;
    for (size_t i = 0; i < b->count; i++) {
        unit_group_t *g = b->units[i].group;
        if (g->number) continue;
        key.len = 0;
        sb_adds(&key, or_empty(g->level));
        sb_addc(&key, '\x1f');
        sb_adds(&key, or_empty(g->period));
        void *n = strmap_get(&groups, key.data);
        if (!n) {
            n = (void *)(uintptr_t)++next;
            strmap_put(&groups, key.data, n);
        }
        g->number = (uint32_t)(uintptr_t)n;
    }
    strmap_free(&groups);
    sb_free(&key);
}

static uint64_t hash_text(uint64_t h, const char *s)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ULL; /* FNV-1a */
    return h;
}

/* Notes on both units that another has the same (id, period), in the
 * extra part (made for the few units that repeat). */
static void note_duplicate(batch_t *b, unit_summary_t *u, const unit_summary_t *other)
{
    if (!u->extra) u->extra = arena_alloc8(&b->stores[0].arena, sizeof *u->extra);
    char buf[UNIT_ORIGIN_SIZE];
    const char *origin = unit_origin(other, buf);
    /* kept as long as the batch: a line of standard input copied, for few units repeat */
    u->extra->duplicate_of = !origin ? "?" : origin == buf ? arena_strdup(&b->stores[0].arena, buf) : origin;
}

/* The open-addressing table of mark_duplicates: a unit index + 1 (0 is
 * empty) and a hash, in at least twice as many slots as units. */
typedef struct {
    uint32_t index;
    uint32_t hash;
} dup_slot_t;

static size_t dup_slots(size_t count)
{
    size_t cap = 16;
    while (cap < count * 2) cap *= 2;
    return cap;
}

/* Marks units whose (id, period) came earlier in the batch, with an
 * open-addressing table of unit indexes and their hashes in `work` (room
 * for dup_slots(b->count)): no copy of any key, and strings are compared
 * only when the hashes agree. */
static void mark_duplicates(batch_t *b, void *work)
{
    typedef dup_slot_t slot_t;
    size_t cap = dup_slots(b->count);
    slot_t *slots = work;
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < b->count; i++) {
        unit_summary_t *u = &b->units[i];
        const char *id = unit_id(u), *period = or_empty(unit_period(u));
        if (!id) continue;
        uint64_t h = hash_text(hash_text(0xcbf29ce484222325ULL, id) * 31, period);
        uint32_t h32 = (uint32_t)(h >> 32);
        size_t at = (size_t)h & (cap - 1);
        for (; slots[at].index; at = (at + 1) & (cap - 1)) {
            if (slots[at].hash != h32) continue;
            unit_summary_t *first = &b->units[slots[at].index - 1];
            if (!strcmp(unit_id(first), id) && !strcmp(or_empty(unit_period(first)), period)) break;
        }
        if (slots[at].index) {
            unit_summary_t *first = &b->units[slots[at].index - 1];
            note_duplicate(b, u, first);
            u->flags |= UNIT_REPEATS;
            if (!unit_duplicate_of(first)) note_duplicate(b, first, u);
        } else {
            slots[at] = (slot_t){(uint32_t)(i + 1), h32};
        }
    }
}

/* n bytes of the room the summaries' arenas have left in the chunks being
 * filled, on huge pages often resident already (arena_alloc_spare); else
 * a block of its own, in memory huge pages may back (*own set: to be
 * freed). Either way not cleared. */
static void *spare_or_own(batch_t *b, size_t n, bool *own)
{
    for (int i = 0; i < b->nstores; i++) {
        void *p = arena_alloc_spare(&b->stores[i].arena, n);
        if (p) {
            *own = false;
            return p;
        }
    }
    *own = true;
    return xmalloc_large(n);
}

void batch_rank(batch_t *b, int decimals)
{
    number_groups(b);
    int nfields = 0; /* rank_by sets every rank, 0 where a unit is not ranked */
    for (size_t i = 0; i < b->count; i++)
        if (b->units[i].nfields > nfields) nfields = b->units[i].nfields;
    /* field ranks: in as few bytes as the largest possible rank needs */
    if (b->franks_own) free(b->franks.data);
    unsigned width = b->count <= 0xffff ? 2 : b->count <= 0xffffff ? 3 : 4;
    b->franks = (unit_ranks_t){b->units, NULL, (size_t)nfields, width};
    b->franks_own = false;
    if (nfields && b->count) {
        size_t bytes = b->count * (size_t)nfields * width;
        b->franks.data = spare_or_own(b, bytes + 2, &b->franks_own); /* 2 more: see unit_frank */
        memset(b->franks.data + bytes, 0, 2); /* rank_by writes the rest */
    }
    /* One work space for the sort and then the table of duplicates: the
     * second step takes pages the first touched, not fresh ones. */
    size_t dup_bytes = dup_slots(b->count) * sizeof(dup_slot_t), rank_bytes = ranking_space(b->count);
    bool work_own;
    void *work = spare_or_own(b, rank_bytes > dup_bytes ? rank_bytes : dup_bytes, &work_own);
    ranking_t *rk = ranking_new_in(b->count, work);
    uint32_t *ranks = ranking_ranks(rk);
    arena_t bigs; /* keys beyond 64 bits, if any, for the time of ranking */
    arena_init(&bigs);
    arena_t *outer = rat_big_arena(&bigs);
    rank_by(b, -1, decimals, rk, ranks);
    for (int f = 0; f < nfields; f++) rank_by(b, f, decimals, rk, ranks);
    rat_big_arena(outer);
    arena_free(&bigs);
    ranking_free(rk);
    mark_duplicates(b, work);
    if (work_own) free(work);
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
    if (a->group != b->group) {
        int c = strcmp(or_empty(unit_level(a)), or_empty(unit_level(b)));
        if (c) return c;
        c = strcmp(or_empty(unit_period(a)), or_empty(unit_period(b)));
        if (c) return c;
    }
    if (!a->rank != !b->rank) return a->rank ? -1 : 1; /* ranked first */
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a < b ? -1 : a > b;
}

const char *batch_unit_label(const unit_summary_t *u)
{
    const char *name = unit_name(u), *id = unit_id(u), *origin = unit_origin_text(u);
    return name ? name : id ? id : origin ? origin : "?"; /* without both, the origin is text */
}

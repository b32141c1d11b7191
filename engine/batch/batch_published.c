/* batch_published.c — the published tables of a round (see
 * batch_published.h). Units are matched across periods by unit ID within
 * their level, as the trend does; fields and criteria across versions of
 * the index by ID, or by the ID the newer version says they had before
 * (`previously` / `trước_đây`). Numbers are exact (the arena holds those
 * beyond 64 bits). */
#include "batch_published.h"


#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static long standing(const unit_summary_t *u) { return u->rank ? u->rank : LONG_MAX; }

static int cmp_rows(const void *x, const void *y)
{
    const published_row_t *a = x, *b = y;
    long ra = standing(a->now), rb = standing(b->now);
    if (ra != rb) return ra < rb ? -1 : 1;
    return strcmp(batch_unit_label(a->now), batch_unit_label(b->now));
}

/* The ID a node of a newer version had in the previous one: the one it
 * says (`previously`), else its own, unless another node of its version
 * says it had that ID: then it is new (NULL). */
static const char *earlier_id(const node_t *n, const strmap_t *claimed)
{
    if (node_rare(n)->previously) return node_rare(n)->previously;
    return strmap_get(claimed, n->id) ? NULL : n->id;
}

/* Node number + 1 of each node ID of a compiled index. */
static void map_nodes(const compiled_index_t *ci, strmap_t *m)
{
    strmap_init(m);
    for (int i = 1; i < ci->nnodes; i++) strmap_put(m, ci->nodes[i].src->id, (void *)(intptr_t)(i + 1));
}

static void match_versions(published_t *p, published_group_t *g)
{
    const compiled_index_t *ci = g->ci, *prev = g->prev_ci;
    const cnode_t *root = &ci->nodes[0];
    g->nfields = root->nchildren;
    g->field_before = arena_alloc(&p->arena, sizeof(int) * (size_t)(g->nfields ? g->nfields : 1));
    for (int f = 0; f < g->nfields; f++) g->field_before[f] = -1;
    if (!prev) return;
    strmap_t claimed; /* IDs of the previous version that a `previously` names */
    strmap_init(&claimed);
    for (int i = 1; ci != prev && i < ci->nnodes; i++)
        if (node_rare(ci->nodes[i].src)->previously) strmap_put(&claimed, node_rare(ci->nodes[i].src)->previously, (void *)1);
    const cnode_t *proot = &prev->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        const char *want = earlier_id(ci->nodes[root->children[f]].src, &claimed);
        for (int k = 0; want && k < proot->nchildren; k++)
            if (!strcmp(prev->nodes[proot->children[k]].src->id, want)) g->field_before[f] = k;
    }
    if (ci == prev) {
        strmap_free(&claimed);
        return;
    }
    /* every node: new in this version, gone from the previous, renamed */
    strmap_t before;
    map_nodes(prev, &before);
    bool *kept = xcalloc((size_t)prev->nnodes + 1, sizeof *kept);
    size_t cap_added = 0, cap_renamed = 0, cap_gone = 0;
    for (int i = 1; i < ci->nnodes; i++) {
        const node_t *n = ci->nodes[i].src;
        const char *was = earlier_id(n, &claimed);
        intptr_t at = was ? (intptr_t)strmap_get(&before, was) : 0;
        if (!at) {
            ARENA_PUSH(&p->arena, g->added, g->nadded, cap_added);
            g->added[g->nadded++] = (published_node_t){n->id, n->name};
            continue;
        }
        kept[at - 1] = true;
        if (strcmp(was, n->id)) {
            if (g->nrenamed == cap_renamed) {
                size_t cap = cap_renamed ? cap_renamed * 2 : 8;
                g->renamed_from = arena_grow(&p->arena, g->renamed_from, g->nrenamed, cap, sizeof(char *));
                g->renamed_to = arena_grow(&p->arena, g->renamed_to, g->nrenamed, cap, sizeof(char *));
                cap_renamed = cap;
            }
            g->renamed_from[g->nrenamed] = was;
            g->renamed_to[g->nrenamed++] = n->id;
        }
    }
    for (int i = 1; i < prev->nnodes; i++)
        if (!kept[i]) {
            ARENA_PUSH(&p->arena, g->gone, g->ngone, cap_gone);
            g->gone[g->ngone++] = (published_node_t){prev->nodes[i].src->id, prev->nodes[i].src->name};
        }
    free(kept);
    strmap_free(&before);
    strmap_free(&claimed);
}

/* The mean percent of the units scored ok with a percent. */
static bool mean_of(const unit_summary_t *const *units, size_t n, rat_t *mean)
{
    bool of = false;
    rat_t sum = rat_int(0);
    int64_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (unit_has_percent(units[i])) {
            sum = rat_add(sum, unit_percent(units[i]), &of);
            count++;
        }
    if (!count || of) return false;
    *mean = rat_div(sum, rat_int(count), &of);
    return !of;
}

static void compare_rows(published_t *p, published_group_t *g)
{
    bool of = false;
    for (size_t r = 0; r < g->nrows; r++) {
        published_row_t *row = &g->rows[r];
        const unit_summary_t *a = row->before, *b = row->now;
        row->dfield = arena_alloc(&p->arena, sizeof(rat_t) * (size_t)(g->nfields ? g->nfields : 1));
        row->dfield_places = arena_alloc(&p->arena, sizeof(long) * (size_t)(g->nfields ? g->nfields : 1));
        row->field_compared = arena_alloc(&p->arena, sizeof(bool) * (size_t)(g->nfields ? g->nfields : 1));
        if (!a) continue;
        if (unit_has_percent(a) && unit_has_percent(b)) {
            row->changed = true;
            row->dpercent = rat_sub(unit_percent(b), unit_percent(a), &of);
            int s = rat_sign(row->dpercent);
            if (s > 0) g->rose++;
            else if (s < 0) g->fell++;
            else g->same++;
            if (s > 0 && (!g->largest_rise || rat_cmp(row->dpercent, g->largest_rise->dpercent) > 0))
                g->largest_rise = row;
            if (s < 0 && (!g->largest_fall || rat_cmp(row->dpercent, g->largest_fall->dpercent) < 0))
                g->largest_fall = row;
        }
        if (a->rank && b->rank) {
            row->has_dplaces = true;
            row->dplaces = a->rank - b->rank;
        }
        for (int f = 0; f < g->nfields && f < b->nfields; f++) {
            int k = g->field_before[f];
            if (k < 0 || k >= a->nfields || unit_ci(b) != g->ci || unit_ci(a) != g->prev_ci) continue;
            row->field_compared[f] = true;
            row->dfield[f] = rat_sub(unit_fpoints(b, f), unit_fpoints(a, k), &of);
            row->dfield_places[f] = unit_frank(a, k) && unit_frank(b, f) ? unit_frank(a, k) - unit_frank(b, f) : PUBLISHED_NO_PLACES;
        }
    }
}

static void count_grades(published_t *p, published_group_t *g)
{
    const node_t *index = g->ci->index;
    g->ngrades = (int)node_rare(index)->ngrades;
    g->grades = arena_alloc(&p->arena, sizeof(char *) * (node_rare(index)->ngrades ? node_rare(index)->ngrades : 1));
    g->grade_counts = arena_alloc(&p->arena, sizeof(long) * (node_rare(index)->ngrades ? node_rare(index)->ngrades : 1));
    for (size_t i = 0; i < node_rare(index)->ngrades; i++) g->grades[i] = node_rare(index)->grades[i].label;
    for (size_t r = 0; r < g->nrows; r++) {
        const char *grade = unit_grade(g->rows[r].now);
        int found = -1;
        for (int i = 0; grade && i < g->ngrades && found < 0; i++)
            if (!strcmp(g->grades[i], grade)) found = i;
        if (found >= 0) g->grade_counts[found]++;
        else g->no_grade++;
    }
}

/* The ok units of one (level, period). */
static size_t units_of(const batch_t *b, const char *level, const char *period, const unit_summary_t ***out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (!u->ok || !unit_ci(u) || !unit_period(u) || strcmp(or_empty(unit_level(u)), or_empty(level)) || strcmp(unit_period(u), period))
            continue;
        VEC_PUSH(*out, n, cap);
        (*out)[n++] = u;
    }
    return n;
}

static void build_group(published_t *p, const batch_t *b, const char *level, const char *period,
                        const char *previous, size_t *capgroups)
{
    const unit_summary_t **now, **before;
    size_t nnow = units_of(b, level, period, &now), nbefore = units_of(b, level, previous, &before);
    if (!nnow) {
        free(now);
        free(before);
        return;
    }
    ARENA_PUSH(&p->arena, p->groups, p->ngroups, *capgroups);
    published_group_t *g = &p->groups[p->ngroups++];
    memset(g, 0, sizeof *g);
    g->level = level;
    g->period = period;
    g->previous = previous;
    g->ci = unit_ci(now[0]);
    g->prev_ci = nbefore ? unit_ci(before[0]) : NULL;
    strmap_t by_id;
    strmap_init(&by_id);
    for (size_t i = 0; i < nbefore; i++)
        if (unit_id(before[i]) && !strmap_get(&by_id, unit_id(before[i]))) strmap_put(&by_id, unit_id(before[i]), (void *)before[i]);
    g->nrows = nnow;
    g->rows = arena_alloc(&p->arena, sizeof *g->rows * nnow);
    for (size_t i = 0; i < nnow; i++) {
        g->rows[i].now = now[i];
        g->rows[i].before = unit_id(now[i]) ? strmap_get(&by_id, unit_id(now[i])) : NULL;
    }
    strmap_free(&by_id);
    qsort(g->rows, g->nrows, sizeof *g->rows, cmp_rows);
    match_versions(p, g);
    compare_rows(p, g);
    g->has_mean = mean_of(now, nnow, &g->mean);
    g->has_previous_mean = nbefore && mean_of(before, nbefore, &g->previous_mean);
    for (size_t r = 0; g->has_mean && r < g->nrows; r++)
        if (unit_has_percent(g->rows[r].now) && rat_cmp(unit_percent(g->rows[r].now), g->mean) > 0) g->above_mean++;
    count_grades(p, g);
    free(now);
    free(before);
}

/* Whether a unit of group g was looked at already (and now it is).
 * When the set is full, false: the unit is looked at as if it were new. */
enum { SEEN_GROUPS = 256 };
static bool group_seen(const unit_group_t **set, const unit_group_t *g)
{
    unsigned h = (unsigned)(((uintptr_t)g >> 3) * 0x9E3779B97F4A7C15ULL >> 56);
    for (unsigned probe = 0; probe < SEEN_GROUPS / 2; probe++, h = (h + 1) % SEEN_GROUPS) {
        if (set[h] == g) return true;
        if (!set[h]) {
            set[h] = g;
            return false;
        }
    }
    return false;
}

void published_build(const batch_t *b, published_t *p)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    arena_t *outer = rat_big_arena(&p->arena);
    /* the first unit scored of each group, in batch order: a later unit
     * of a group tells nothing more (groups are interned; a batch has few) */
    const unit_summary_t **firsts = NULL;
    size_t nfirsts = 0, fcap = 0;
    const unit_group_t *looked[SEEN_GROUPS] = {0};
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (!u->ok || !unit_period(u) || group_seen(looked, u->group)) continue;
        VEC_PUSH(firsts, nfirsts, fcap);
        firsts[nfirsts++] = u;
    }
    /* levels, then each level's periods (those with ok units), sorted as the trend sorts them */
    const char **levels = NULL;
    size_t nlevels = 0, cap = 0;
    strmap_t seen;
    strmap_init(&seen);
    bool unlevelled = false;
    for (size_t i = 0; i < nfirsts; i++) {
        const unit_summary_t *u = firsts[i];
        if (!unit_level(u)) {
            unlevelled = true;
            continue;
        }
        if (strmap_get(&seen, unit_level(u))) continue;
        strmap_put(&seen, unit_level(u), (void *)1);
        VEC_PUSH(levels, nlevels, cap);
        levels[nlevels++] = unit_level(u);
    }
    strmap_free(&seen);
    if (nlevels) qsort(levels, nlevels, sizeof *levels, cmp_str);
    size_t capgroups = 0;
    for (size_t l = 0; l <= nlevels; l++) {
        if (l == nlevels && !unlevelled) break;
        const char *level = l < nlevels ? levels[l] : NULL;
        const char **periods = NULL;
        size_t np = 0, pcap = 0;
        strmap_init(&seen);
        for (size_t i = 0; i < nfirsts; i++) {
            const unit_summary_t *u = firsts[i];
            if (strcmp(or_empty(unit_level(u)), or_empty(level)) || strmap_get(&seen, unit_period(u))) continue;
            strmap_put(&seen, unit_period(u), (void *)1);
            VEC_PUSH(periods, np, pcap);
            periods[np++] = unit_period(u);
        }
        strmap_free(&seen);
        if (np) qsort(periods, np, sizeof *periods, cmp_str);
        for (size_t k = 1; k < np; k++) build_group(p, b, level, periods[k], periods[k - 1], &capgroups);
        free(periods);
    }
    free(firsts);
    free(levels);
    rat_big_arena(outer);
}

void published_free(published_t *p)
{
    arena_free(&p->arena);
    memset(p, 0, sizeof *p);
}

/* batch_trend.c — units across periods (see batch_trend.h). A secretariat
 * that scores several years in one batch wants to see who rose and who
 * fell; ranks stay per period, this only lines the periods up. */
#include "batch_trend.h"

#include "engine/support/strmap.h"
#include "engine/support/textwidth.h"
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

/* Where a unit stands in a period, for ordering rows: its rank, ranked
 * units first. */
static long standing(const unit_summary_t *u) { return u && u->rank ? u->rank : LONG_MAX; }

static int cmp_rows(const void *x, const void *y)
{
    const trend_row_t *a = x, *b = y;
    long ra = standing(a->last), rb = standing(b->last);
    if (ra != rb) return ra < rb ? -1 : 1;
    int c = strcmp(a->label, b->label);
    return c ? c : strcmp(a->id, b->id);
}

/* One level: its periods, then a row per unit ID. */
static bool build_level(const batch_t *b, const char *level, trend_level_t *lv)
{
    memset(lv, 0, sizeof *lv);
    lv->level = level;
    strmap_t periods;
    strmap_init(&periods);
    int cap = 0;
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (strcmp(or_empty(unit_level(u)), or_empty(level)) || !unit_period(u) || strmap_get(&periods, unit_period(u))) continue;
        strmap_put(&periods, unit_period(u), (void *)1);
        VEC_PUSH(lv->periods, lv->nperiods, cap);
        lv->periods[lv->nperiods++] = unit_period(u);
    }
    strmap_free(&periods);
    if (lv->nperiods < 2) {
        free(lv->periods);
        return false;
    }
    qsort(lv->periods, (size_t)lv->nperiods, sizeof *lv->periods, cmp_str);
    strmap_t index_of;
    strmap_init(&index_of);
    for (int p = 0; p < lv->nperiods; p++) strmap_put(&index_of, lv->periods[p], (void *)(intptr_t)(p + 1));
    strmap_t rows;
    strmap_init(&rows);
    size_t rowcap = 0;
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (strcmp(or_empty(unit_level(u)), or_empty(level)) || !unit_period(u) || !unit_id(u)) continue;
        int p = (int)(intptr_t)strmap_get(&index_of, unit_period(u)) - 1;
        size_t r = (size_t)(intptr_t)strmap_get(&rows, unit_id(u));
        if (r == 0) {
            VEC_PUSH(lv->rows, lv->nrows, rowcap);
            lv->rows[lv->nrows] = (trend_row_t){unit_id(u), batch_unit_label(u),
                                                xcalloc((size_t)lv->nperiods, sizeof(unit_summary_t *)), NULL};
            r = ++lv->nrows;
            strmap_put(&rows, unit_id(u), (void *)(intptr_t)r);
        }
        trend_row_t *row = &lv->rows[r - 1];
        if (!row->cells[p]) row->cells[p] = u; /* a repeated (id, period) keeps the first */
        if (unit_name(u)) row->label = unit_name(u);      /* the latest name the unit gave */
    }
    strmap_free(&rows);
    strmap_free(&index_of);
    if (lv->nrows == 0) { /* every unit of the level lacks an ID: nothing to line up */
        free(lv->periods);
        return false;
    }
    for (size_t r = 0; r < lv->nrows; r++) lv->rows[r].last = lv->rows[r].cells[lv->nperiods - 1];
    qsort(lv->rows, lv->nrows, sizeof *lv->rows, cmp_rows);
    return true;
}

void trend_build(const batch_t *b, trend_t *t)
{
    memset(t, 0, sizeof *t);
    const char **levels = NULL;
    size_t nlevels = 0, cap = 0;
    strmap_t seen;
    strmap_init(&seen);
    bool unlevelled = false;
    for (size_t i = 0; i < b->count; i++) {
        const char *level = unit_level(&b->units[i]);
        if (!level) {
            unlevelled = true;
            continue;
        }
        if (strmap_get(&seen, level)) continue;
        strmap_put(&seen, level, (void *)1);
        VEC_PUSH(levels, nlevels, cap);
        levels[nlevels++] = level;
    }
    strmap_free(&seen);
    if (nlevels) qsort(levels, nlevels, sizeof *levels, cmp_str);
    size_t tcap = 0;
    for (size_t i = 0; i <= nlevels; i++) {
        if (i == nlevels && !unlevelled) break;
        trend_level_t lv;
        if (!build_level(b, i < nlevels ? levels[i] : NULL, &lv)) continue;
        VEC_PUSH(t->levels, t->nlevels, tcap);
        t->levels[t->nlevels++] = lv;
    }
    free(levels);
}

void trend_free(trend_t *t)
{
    for (size_t i = 0; i < t->nlevels; i++) {
        for (size_t r = 0; r < t->levels[i].nrows; r++) free(t->levels[i].rows[r].cells);
        free(t->levels[i].rows);
        free(t->levels[i].periods);
    }
    free(t->levels);
    memset(t, 0, sizeof *t);
}


/* batch_criteria.h — how every criterion fared across a batch (thống kê
 * theo tiêu chí), per unit level and period: the mean points against the
 * maximum, how many units got full points, how many got none, how many
 * had it not applicable. The secretariat's question is "which
 * criteria do units lose points on?"; the answer is computed as the batch
 * streams, in input order, in memory that does not grow with the batch. */
#ifndef CHISO_BATCH_CRITERIA_H
#define CHISO_BATCH_CRITERIA_H

#include "engine/eval/result.h"
#include "engine/support/strmap.h"

/* One node of one unit's result, as the statistics need it. */
typedef struct {
    rat_t points, max;    /* 0 when beyond 64 bits (`big`): they live in the result */
    double dpoints, dmax;
    unsigned char status; /* node_status_t */
    bool full, zero;      /* exactly the maximum (> 0); exactly 0 */
    bool big;             /* points or max beyond 64 bits: only the doubles are kept */
} node_rec_t;

typedef struct {
    /* units; "scored" includes 0 points for missing data, and 0 points
     * given by the not-applicable policy zero (không_điểm): points lost */
    long scored, full, zero, not_applicable;
    rat_t points, max;    /* exact sums over the scored units ... */
    double dpoints, dmax; /* ... and as doubles, used once the exact sums overflow */
    bool inexact;
} node_stat_t;

typedef struct {
    char *level, *period;
    long units;           /* units scored (ok) in this group */
    const compiled_index_t *ci; /* the index version of the group's period */
    node_stat_t *nodes;   /* per compiled node */
} criteria_group_t;

typedef struct {
    const compiled_index_t *ci;
    criteria_group_t *groups;
    size_t ngroups, cap;
    strmap_t by_key;      /* "level\x1fperiod" -> group + 1 */
    strbuf_t key;         /* reused to build those keys */
    size_t last;          /* group + 1 of the unit added last: the next is usually in it */
} criteria_t;

void criteria_init(criteria_t *c, const compiled_index_t *ci);
void criteria_free(criteria_t *c);
/* The records of a scored result (recs has ci->nnodes entries). */
void criteria_record(const chiso_result *r, node_rec_t *recs);
/* Adds one unit scored ok, of that level and period (either may be NULL).
 * Call in input order: the sums are doubles, and the same order gives the
 * same output for any -j. */
void criteria_add(criteria_t *c, const char *level, const char *period, const compiled_index_t *ci,
                  const node_rec_t *recs);
/* When the batch is complete: puts the groups in the order of the ranking
 * tables (level, then period). No unit may be added after. */
void criteria_finish(criteria_t *c);
/* The order criteria_print_text uses: leaf node numbers of the index, the
 * largest share of points lost first (ties in index order); returns how
 * many, into *order (caller frees). */
int criteria_order(const criteria_t *c, const criteria_group_t *g, int **order);
#endif

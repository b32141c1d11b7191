/* batch_published.h — the tables a secretariat publishes after a round
 * (bảng công bố kết quả): for each unit level and period that has a
 * period before it in the batch, each unit's change in percent and places
 * overall and in points and places per field, how many rose and fell, the
 * largest rise and fall, the mean and how many are above it, and how many
 * units each grade (group A, B, C…) holds. Fields and criteria are
 * matched across versions of the index by ID or by `previously`; those
 * with no counterpart are new or gone. */
#ifndef CHISO_BATCH_PUBLISHED_H
#define CHISO_BATCH_PUBLISHED_H

#include "engine/batch/batch.h"

#include "engine/compile/compile.h"

#include <jansson.h>
#include <limits.h>

#define PUBLISHED_NO_PLACES LONG_MIN

typedef struct {
    const unit_summary_t *now, *before; /* before: NULL when the unit has no ok result in the previous period */
    bool changed;                       /* both periods have a percent */
    rat_t dpercent;                     /* points of percent, now - before */
    long dplaces;                       /* places gained (before rank - now rank); 0 when either is unranked */
    bool has_dplaces;
    rat_t *dfield;                      /* per field of now's version: points now - before */
    long *dfield_places;                /* places gained in that field; PUBLISHED_NO_PLACES when unranked */
    bool *field_compared;               /* the field exists in both and both have points */
} published_row_t;

typedef struct {
    const char *id, *name;              /* a node with no counterpart in the other version */
} published_node_t;

typedef struct {
    const char *level, *period, *previous;
    const compiled_index_t *ci, *prev_ci; /* the versions of the two periods */
    published_row_t *rows;              /* the units scored ok in `period`, by rank then label */
    size_t nrows;
    int nfields;                        /* of now's version */
    int *field_before;                  /* per field: the field number in the previous version, or -1 (new) */
    long rose, fell, same;              /* by percent, units in both periods */
    const published_row_t *largest_rise, *largest_fall;
    rat_t mean, previous_mean;
    bool has_mean, has_previous_mean;
    long above_mean;                    /* percent strictly above the mean */
    const char **grades;                /* the grade labels of now's version, in its order */
    long *grade_counts;
    int ngrades;
    long no_grade;                      /* units without a grade */
    published_node_t *added, *gone;     /* criteria and fields new in this version, and gone from the previous */
    size_t nadded, ngone;
    const char **renamed_from, **renamed_to; /* IDs that changed (previously) */
    size_t nrenamed;
} published_group_t;

typedef struct {
    published_group_t *groups;          /* by level, then period */
    size_t ngroups;
    arena_t arena;                      /* the numbers and arrays above */
} published_t;

/* Builds the tables of a ranked batch; none when no level has two periods. */
void published_build(const batch_t *b, published_t *p);
void published_free(published_t *p);
/* The tables as a JSON array, one object per group (batch_published_json.c). */
json_t *published_to_json(const published_t *p);


#endif

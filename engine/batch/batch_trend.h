/* batch_trend.h — how units moved from one period to the next, when a
 * batch holds several years of a level (diễn biến qua các kỳ): per unit
 * level, a row per unit (matched by unit ID) with its percent and rank in
 * each period and the change between the last two. */
#ifndef CHISO_BATCH_TREND_H
#define CHISO_BATCH_TREND_H

#include "batch.h"

typedef struct {
    const char *id;
    const char *label;
    const unit_summary_t **cells; /* per period; NULL when the unit has none */
    const unit_summary_t *last;   /* the cell of the last period (rows are ordered by it) */
} trend_row_t;

typedef struct {
    const char *level;            /* NULL: units without a level */
    const char **periods;         /* sorted */
    int nperiods;
    trend_row_t *rows;            /* by rank in the last period, then label */
    size_t nrows;
} trend_level_t;

typedef struct {
    trend_level_t *levels;        /* only levels with two periods or more */
    size_t nlevels;
} trend_t;

/* Builds the trend of a ranked batch (pointers into it stay valid while it does). */
void trend_build(const batch_t *b, trend_t *t);
void trend_free(trend_t *t);

#endif

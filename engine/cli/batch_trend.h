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

/* The change of a row between the last two periods, as "+3.07" (points of
 * percent) and "↑2" / "↓1" / "=" (places); empty strings where a period
 * lacks the unit or a percent or rank. */
void trend_change(const trend_level_t *lv, const trend_row_t *row, bool comma, char *pct, size_t pctsize,
                  char *places, size_t placessize);

/* A unit in one period: "88.27% (1)"; "(-)" when not ranked; "lỗi" when in
 * error; "-" when the unit has no submission for that period (u NULL). */
void trend_cell_text(const unit_summary_t *u, bool comma, char *buf, size_t size);

/* Text tables, one per level, after the ranking tables. Nothing when no
 * level has two periods. */
void trend_print_text(const trend_t *t, bool comma, FILE *out);

#endif

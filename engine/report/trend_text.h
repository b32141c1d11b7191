/* trend_text.h — the trend across periods as text (see trend_text.c). */
#ifndef CHISO_TREND_TEXT_H
#define CHISO_TREND_TEXT_H

#include "engine/batch/batch_trend.h"

#include <stdio.h>

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

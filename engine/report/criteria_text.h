/* criteria_text.h — statistics per criterion as text (see criteria_text.c). */
#ifndef CHISO_CRITERIA_TEXT_H
#define CHISO_CRITERIA_TEXT_H

#include "engine/batch/batch_criteria.h"

#include <stdio.h>

/* Text tables, one per group: the criteria (leaves), those losing the most
 * points first. */
void criteria_print_text(const criteria_t *c, bool comma, FILE *out);
/* A criterion's mean points, mean maximum and share of points lost (a
 * percent, with "%"), shown by the one rounding rule (display.h) with
 * `flags`; "-" when no unit was scored on it. */
void criteria_figures(const node_stat_t *s, unsigned flags, char *mean, char *max, char *loss, size_t size);

#endif

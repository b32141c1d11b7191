/* published_text.h — the published tables as text and HTML (see published_text.c). */
#ifndef CHISO_PUBLISHED_TEXT_H
#define CHISO_PUBLISHED_TEXT_H

#include "engine/batch/batch_published.h"

#include <stdio.h>

/* Text tables, one per (level, period) with a previous period. */
void published_print_text(const published_t *p, bool comma, FILE *out);
/* The same as HTML sections (for the batch's HTML page). */
void published_print_html(const published_t *p, FILE *out);

#endif

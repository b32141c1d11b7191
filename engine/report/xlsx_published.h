/* xlsx_published.h — the sheet "Công bố" (published tables) of a batch's workbook. */
#ifndef CHISO_XLSX_PUBLISHED_H
#define CHISO_XLSX_PUBLISHED_H

#include "xlsx_book.h"

#include <jansson.h>

/* The published tables (an array as published_to_json gives it) as a
 * sheet of `b`; no sheet for an empty array. */
void xlsx_published_sheet(xlsx_book_t *b, json_t *tables, const char *index_name);

#endif

/* xlsx_book.h — what every chiso workbook shares: the cell formats, sheet
 * names Excel accepts, A4 landscape page setup (xlsx_book.c). */
#ifndef CHISO_XLSX_BOOK_H
#define CHISO_XLSX_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "xlsx_lib.h"

typedef struct {
    lxw_workbook *wb;
    lxw_format *title, *head, *text, *wrap, *bold, *whole, *points, *percent, *bold_points,
        *bold_percent, *number, *value_percent, *muted;
    char **names; /* sheet names used, to keep them unique */
    size_t nnames, capnames;
} xlsx_book_t;

/* Opens a workbook at `path`; `decimals` for points and percents;
 * `created` (seconds since 1970) stamps its properties, so that the same
 * run gives the same bytes. NULL when it is open; otherwise why not
 * (libxlsxwriter cannot be loaded, or the workbook cannot be made),
 * malloc'd. */
char *xlsx_book_open(xlsx_book_t *b, const char *path, int decimals, long long created, const char *title);
/* A new sheet named `name` made acceptable to Excel (at most 31
 * characters, none of []:*?/\, unique in the book). */
lxw_worksheet *xlsx_book_sheet(xlsx_book_t *b, const char *name);
/* A4 landscape, fit to the page width, rows first..last repeated on every
 * printed page, page numbers in the footer. */
void xlsx_page_setup(lxw_worksheet *ws, int repeat_first, int repeat_last);
/* Writes a string, or nothing for NULL. */
void xlsx_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
/* Closes and frees the book; NULL, or why it could not be written (malloc'd). */
char *xlsx_book_close(xlsx_book_t *b);

#endif

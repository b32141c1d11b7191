/* report_xlsx.h — Excel workbooks (.xlsx, written with libxlsxwriter) of
 * a scored batch, for offices that exchange results as workbooks.
 *
 * Numbers are numeric cells with number formats: Excel shows them in the
 * reader's locale (9,25 in Excel set to Vietnamese), points rounded to the
 * published decimals while the cell keeps the exact value (at most 6
 * decimals, as in the JSON), percents as percents. Headers follow the
 * language of messages (Vietnamese by default for reports). Every sheet has
 * frozen header rows, column widths, an autofilter where it is a table, and
 * prints on A4 landscape with its header rows repeated on each page. */
#ifndef CHISO_REPORT_XLSX_H
#define CHISO_REPORT_XLSX_H

#include "chiso.h"

#include <jansson.h>
#include <stdbool.h>

typedef struct {
    int decimals; /* decimals shown for points and percents (the published rounding); 2 by default */
    json_t *published; /* the published tables (published_to_json), or NULL: the sheet "Công bố" */
} xlsx_opts_t;

/* Writes the workbook of a batch scored against index `index` to `path`:
 * "Xếp hạng" (a row per unit, grouped by level and period, by rank),
 * "Điểm theo tiêu chí" (a column per criterion under its field: two header
 * rows), "Thống kê tiêu chí" (per criterion and group), "Đơn vị lỗi" when
 * units are in error, "Nguồn gốc" (the provenance) and a scorecard sheet
 * per unit; "Công bố" (xlsx_published.c) when `o->published` holds a
 * table (the batch has several periods). `results`: the results as JSON (with rank and field_ranks), in
 * input order. Returns NULL, or why the workbook could not be written
 * (malloc'd). */
char *xlsx_write_scores(const chiso_program *prog, size_t index, json_t *results, const char *path,
                        const xlsx_opts_t *o);

/* Writes the workbook of `chiso verify` (its reports as JSON): "Tổng hợp",
 * a row per unit (or plan) with its counts and status; "Chỉ tiêu", a row per
 * target of each unit with the actual value, the threshold and the result;
 * "So với cấp trên" for reports of --against. NULL or why not (malloc'd). */
char *xlsx_write_verify(json_t *reports, const char *path, const xlsx_opts_t *o);

#endif

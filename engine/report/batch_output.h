/* batch_output.h — rendering a scored batch (spool + summaries) in each
 * output format of `chiso score`, and the --summary statistics. */
#ifndef CHISO_BATCH_OUTPUT_H
#define CHISO_BATCH_OUTPUT_H

#include "engine/batch/batch.h"

typedef enum { OUT_JSON, OUT_NDJSON, OUT_TEXT, OUT_CSV, OUT_HTML, OUT_XLSX, OUT_PUBLISHED } out_format;

typedef struct {
    out_format format;
    bool pretty;
    bool decimal_comma;   /* csv: ';' and ','; text: 9,25 — as written in Vietnamese */
    bool no_scorecards;   /* text: the ranking, errors, trend and statistics only */
    int round;            /* --round N: decimals of published figures; -1 when not given */
    bool decimal_point;   /* csv: ',' between fields and '.' decimals (RFC 4180, Excel in English) */
    const struct doc_frame *frame; /* html: the document's frame (doc_frame.h), or NULL */
} render_opts_t;

/* The rank fields and any duplicate finding, added to one result. */
void batch_decorate(json_t *j, const unit_summary_t *u, const char **field_ids);
/* An Excel workbook (xlsx_score.c), copied to `out`. */
bool batch_render_xlsx(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o,
                       FILE *out);

/* "Đơn vị không chấm được": every unit in error, in input order, with all
 * its errors; nothing when every unit was scored. */
void batch_print_errors(const batch_t *b, FILE *out);
/* Writes the batch to `out`; false on a write error. */
bool batch_render(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o,
                  FILE *out);
/* Between the fields of a CSV table and its decimal mark: ';' and ',' by
 * default (Excel set to Vietnamese, as the offices that open it are:
 * docs/batch-scoring.md), ',' and '.' with decimal_point. */
static inline char batch_csv_separator(const render_opts_t *o) { return o->decimal_point ? ',' : ';'; }
static inline char batch_csv_point(const render_opts_t *o) { return o->decimal_point ? '.' : ','; }
/* The CSV table for Excel (batch_csv.c), with the batch's fields. */
bool batch_render_csv(batch_t *b, const chiso_program *prog, size_t index, const char **ids,
                      const char **names, int nfields, const render_opts_t *o, FILE *out);
/* JSON (an array) or NDJSON (batch_json.c), with the batch's fields. */
bool batch_render_json(batch_t *b, const char **ids, int nfields, const render_opts_t *o, FILE *out);
/* One self-contained HTML page (batch_html.c). */
bool batch_render_html(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o,
                       FILE *out);
/* Count scored and in error; mean, median, min and max percent and the
 * grade distribution per level and period. */
void batch_print_summary(const batch_t *b, FILE *out);

#endif

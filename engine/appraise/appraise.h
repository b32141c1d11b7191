/* appraise.h — inside the appraisal process (engine/appraise/).
 *
 * appraise_files.c reads a unit's folder and checks the shape of each file
 * (errors name the file and the node); appraise_run.c scores the stages
 * and builds the report, with appraise_evidence.c (the self-assessment and
 * its evidence) and appraise_rounds.c (the appraisers' rounds and the
 * explanation) through appraise_work.h; appraise_text.c, appraise_html.c
 * and appraise_template.c render it and make the files people fill in. */
#ifndef CHISO_APPRAISE_INTERNAL_H
#define CHISO_APPRAISE_INTERNAL_H

#include "chiso_appraise.h"

#include "engine/eval/result.h"
#include "engine/support/rational.h"

/* The files of a unit's folder, in the order of the process. */
typedef enum { AF_SELF, AF_ROUND1, AF_EXPLAIN, AF_ROUND2, AF_FINAL, AF_COUNT } afile_t;
extern const char *const appraise_file_names[AF_COUNT]; /* "tu-danh-gia.json", ... */
extern const char *const appraise_file_kinds[AF_COUNT]; /* "self", "round1", ... */
#define APPRAISE_PERIOD_FILE "ky-danh-gia.json"

/* The period's settings (ky-danh-gia.json): dates as days, 0 when unset. */
typedef struct {
    json_t *json;
    char *period;
    int evidence_from, evidence_to, deadline, explanation_deadline;
} aperiod_t;

/* One unit's folder, read and checked. */
typedef struct {
    char *folder;           /* its name */
    char *paths[AF_COUNT];  /* file paths (NULL: absent) */
    json_t *files[AF_COUNT];
    json_t *errors;         /* array of strings: "FILE: node X: problem" */
    json_t *findings;       /* array of {stage, node, kind, message, file} */
} aunit_t;

/* Reads the period folder: the period file (if any) and every unit
 * folder, sorted by name. False with `err` when the folder is unreadable. */
bool appraise_read_folder(const char *folder, aperiod_t *period, aunit_t **units, size_t *n,
                          char *err, size_t errsize);
void appraise_units_free(aunit_t *units, size_t n, aperiod_t *period);

void aunit_error(aunit_t *u, afile_t f, const char *node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void aunit_finding(aunit_t *u, const char *stage, const char *node, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A JSON number as an exact rational (false when it is not a number). */
bool appraise_json_rat(json_t *v, rat_t *out);
/* "YYYY-MM-DD" → days; false when malformed. */
bool appraise_date(const char *s, int *days);

/* Renderers' helpers: a number of the report with 2 decimals ("-" when
 * absent), and the Vietnamese name of a stage. */
void appraise_fmt2(json_t *v, char *buf, size_t size);
const char *appraise_stage_label(const char *stage);
/* Two numbers with 2 decimals, or whole (up to 6) when 2 decimals would
 * show a difference as none: "0.32" and "0.316901". */
void appraise_fmt_pair(json_t *x, json_t *y, char *a, char *b, size_t size);

#endif

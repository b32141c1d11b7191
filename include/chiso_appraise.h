/* chiso_appraise.h — the appraisal process in libchiso: a folder of files,
 * one folder per unit, carries each unit from its self-assessment (tự đánh
 * giá) through appraisal round 1 (thẩm định lần 1), its explanation (giải
 * trình), round 2 and the council's final decision (hội đồng), and reports
 * at every step who changed what and why (docs/appraisal.md).
 *
 * Everything is a JSON report (chiso_appraise_folder); the text, HTML and
 * CSV renderers, the explanation packet and the file templates work from
 * it. */
#ifndef CHISO_APPRAISE_H
#define CHISO_APPRAISE_H

#include "chiso.h"

#ifdef __cplusplus
extern "C" {
#endif
#if defined(__GNUC__)
/* Only what these headers declare is exported from libchiso.so. */
#pragma GCC visibility push(default)
#endif

/* Reads `folder` (one period: a folder per unit, see docs/appraisal.md),
 * scores every unit at every stage with index `index` of `prog`, runs every
 * check, and returns the report (a new reference). `rules_path` is recorded
 * in the provenance with its SHA-256. `only_unit` (or NULL) limits the
 * report to one unit (the ranks are still those among all units). A unit
 * whose files are wrong is reported with status "error" naming file and
 * node; the other units are scored as usual. Returns NULL with a message in
 * `err` (of size errsize) when the folder itself cannot be read. */
json_t *chiso_appraise_folder(const chiso_program *prog, size_t index, const char *rules_path,
                              const char *folder, const char *only_unit, char *err, size_t errsize);
/* Does the report hold a unit in error? */
bool chiso_appraise_has_errors(json_t *report);

void chiso_appraise_print_text(json_t *report, FILE *out);
void chiso_appraise_print_html(json_t *report, FILE *out);
/* One row per unit: points, percent, grade and rank after each stage. */
void chiso_appraise_print_csv(json_t *report, FILE *out);
/* The report as an Excel workbook at `path`: each unit's totals at every
 * step, every criterion's points at each step, the provenance. NULL, or
 * why it could not be written (malloc'd). */
char *chiso_appraise_write_xlsx(json_t *report, const char *path);

/* The explanation packet (văn bản giải trình) of `unit` after round 1:
 * every node the appraisers cut or asked about, with their note, the
 * evidence missing, and room for the answer. Returns false when the report
 * has no such unit. */
bool chiso_appraise_print_packet_text(json_t *report, const char *unit, FILE *out);
bool chiso_appraise_print_packet_html(json_t *report, const char *unit, FILE *out);
/* The same as the explanation file to fill in (giai-trinh.json), or NULL. */
json_t *chiso_appraise_packet_skeleton(json_t *report, const char *unit);

/* A file for a person to fill in. `kind` is one of "period"
 * (ky-danh-gia.json), "self" (tu-danh-gia.json), "round1", "round2",
 * "final" (tham-dinh-1.json, tham-dinh-2.json, hoi-dong.json) or
 * "explanation" (giai-trinh.json). With a report and a unit, round
 * templates list the unit's claimed and current points. NULL for an
 * unknown kind. */
json_t *chiso_appraise_template(const chiso_program *prog, size_t index, const char *kind,
                                json_t *report, const char *unit);
/* The file name a stage has in a unit's folder ("tham-dinh-1.json"), or NULL. */
const char *chiso_appraise_file_name(const char *kind);

/* SHA-256 of a file as 64 lowercase hex digits; false when unreadable. */
bool chiso_sha256_file(const char *path, char hex[65]);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif

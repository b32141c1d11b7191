/* appraise_xlsx.c — `chiso appraise -f xlsx`: the appraisal report as an
 * Excel workbook: each unit's totals at every step (self-assessment, the
 * two rounds, the final result) with grades, ranks and their changes; every
 * criterion's points at each step; the provenance. Numbers are numeric
 * cells with number formats, as in the workbook of `chiso score`. */
#include "appraise.h"

#include "engine/report/xlsx_book.h"
#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"

#include <stdio.h>
#include <string.h>

static const char *const STAGES[] = {"claimed", "round1", "round2", "final"};
enum { NSTAGES = 4 };

static const char *str(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

static void number(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f)
{
    if (json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v), f);
}

static void steps_sheet(xlsx_book_t *b, json_t *report)
{
    lxw_worksheet *ws = xlsx_book_sheet(b, _("Steps"));
    json_t *p = json_object_get(report, "provenance");
    char title[512];
    snprintf(title, sizeof title, "%s — %s %s", _("Appraisal"), str(p, "index") ? str(p, "index") : "",
             str(p, "period") ? str(p, "period") : "");
    xlsx_text(ws, 0, 0, title, b->title);
    static const char *const fixed[] = {N_("Unit ID"), N_("Unit"), N_("Status")};
    for (int i = 0; i < 3; i++) worksheet_merge_range(ws, 2, (lxw_col_t)i, 3, (lxw_col_t)i, _(fixed[i]), b->head);
    static const char *const sub[] = {N_("Points"), N_("Percent"), N_("Grade"), N_("Rank"), N_("Rank change")};
    for (int s = 0; s < NSTAGES; s++) {
        int c = 3 + 5 * s;
        worksheet_merge_range(ws, 2, (lxw_col_t)c, 2, (lxw_col_t)(c + 4), appraise_stage_label(STAGES[s]), b->head);
        for (int k = 0; k < 5; k++) xlsx_text(ws, 3, c + k, _(sub[k]), b->head);
    }
    size_t i;
    json_t *u;
    int row = 4;
    json_array_foreach(json_object_get(report, "units"), i, u) {
        json_t *unit = json_object_get(u, "unit");
        xlsx_text(ws, row, 0, str(unit, "id") && *str(unit, "id") ? str(unit, "id") : str(u, "folder"), b->text);
        xlsx_text(ws, row, 1, str(unit, "name"), b->wrap);
        xlsx_text(ws, row, 2, str(u, "status"), b->text);
        json_t *totals = json_object_get(u, "totals");
        for (int s = 0; s < NSTAGES; s++) {
            json_t *t = json_object_get(totals, STAGES[s]);
            int c = 3 + 5 * s;
            number(ws, row, c, json_object_get(t, "points"), b->points);
            json_t *pct = json_object_get(t, "percent");
            if (json_is_number(pct))
                worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(c + 1), json_number_value(pct) / 100, b->percent);
            xlsx_text(ws, row, c + 2, str(t, "grade"), b->text);
            number(ws, row, c + 3, json_object_get(t, "rank"), b->whole);
            number(ws, row, c + 4, json_object_get(t, "rank_change"), b->whole);
        }
        row++;
    }
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 1, 34, NULL);
    worksheet_set_column(ws, 2, 2, 10, NULL);
    worksheet_set_column(ws, 3, 3 + 5 * NSTAGES - 1, 10, NULL);
    worksheet_set_row(ws, 3, 32, NULL);
    worksheet_freeze_panes(ws, 4, 2);
    worksheet_autofilter(ws, 3, 0, (lxw_row_t)(row - 1), (lxw_col_t)(3 + 5 * NSTAGES - 1));
    xlsx_page_setup(ws, 2, 3);
}

static void criteria_sheet(xlsx_book_t *b, json_t *report)
{
    lxw_worksheet *ws = xlsx_book_sheet(b, _("Points per criterion"));
    xlsx_text(ws, 0, 0, _("Points per criterion at each step"), b->title);
    static const char *const labels[] = {N_("Unit ID"), N_("Unit"), N_("Code"), N_("Criterion"), N_("Maximum"),
                                         N_("Origin")};
    for (int i = 0; i < 6; i++) xlsx_text(ws, 2, i, _(labels[i]), b->head);
    for (int s = 0; s < NSTAGES; s++) xlsx_text(ws, 2, 6 + s, appraise_stage_label(STAGES[s]), b->head);
    xlsx_text(ws, 2, 10, _("Evidence missing"), b->head);
    size_t i, k;
    json_t *u, *n;
    int row = 3;
    json_array_foreach(json_object_get(report, "units"), i, u) {
        json_t *unit = json_object_get(u, "unit");
        json_array_foreach(json_object_get(u, "nodes"), k, n) {
            xlsx_text(ws, row, 0, str(unit, "id"), b->text);
            xlsx_text(ws, row, 1, str(unit, "name"), b->text);
            xlsx_text(ws, row, 2, str(n, "id"), b->text);
            xlsx_text(ws, row, 3, str(n, "name"), b->wrap);
            number(ws, row, 4, json_object_get(n, "max"), b->points);
            xlsx_text(ws, row, 5, str(n, "origin"), b->text);
            number(ws, row, 6, json_object_get(n, "claimed"), b->points);
            for (int s = 1; s < NSTAGES; s++) {
                json_t *st = json_object_get(n, STAGES[s]);
                number(ws, row, 6 + s, json_is_object(st) ? json_object_get(st, "points") : st, b->points);
            }
            strbuf_t miss;
            sb_init(&miss);
            size_t e;
            json_t *m;
            json_array_foreach(json_object_get(n, "evidence_missing"), e, m) {
                if (e) sb_adds(&miss, "; ");
                sb_adds(&miss, json_string_value(m) ? json_string_value(m) : "");
            }
            if (miss.len) xlsx_text(ws, row, 10, miss.data, b->muted);
            sb_free(&miss);
            row++;
        }
    }
    worksheet_set_column(ws, 0, 0, 10, NULL);
    worksheet_set_column(ws, 1, 1, 24, NULL);
    worksheet_set_column(ws, 2, 2, 9, NULL);
    worksheet_set_column(ws, 3, 3, 48, NULL);
    worksheet_set_column(ws, 4, 9, 10, NULL);
    worksheet_set_column(ws, 10, 10, 30, NULL);
    worksheet_set_row(ws, 2, 32, NULL);
    worksheet_freeze_panes(ws, 3, 4);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(row - 1), 10);
    xlsx_page_setup(ws, 2, 2);
}

static void provenance_sheet(xlsx_book_t *b, json_t *report)
{
    lxw_worksheet *ws = xlsx_book_sheet(b, _("Provenance"));
    json_t *p = json_object_get(report, "provenance");
    static const char *const keys[][2] = {{"rules", N_("Rules file")}, {"rules_sha256", "SHA-256"},
                                          {"engine", N_("Engine")}, {"index", N_("Index")},
                                          {"period", N_("Period")}, {"round", N_("Step")},
                                          {"generated_at", N_("Made at (UTC)")}};
    xlsx_text(ws, 0, 0, _("Provenance"), b->title);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        xlsx_text(ws, 2 + (int)i, 0, _(keys[i][1]), b->bold);
        xlsx_text(ws, 2 + (int)i, 1, str(p, keys[i][0]), b->text);
    }
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 70, NULL);
    xlsx_page_setup(ws, 0, -1);
}

char *chiso_appraise_write_xlsx(json_t *report, const char *path)
{
    xlsx_book_t b;
    char *err = xlsx_book_open(&b, path, 2, chiso_scoring_time(), _("Appraisal"));
    if (err) return err;
    steps_sheet(&b, report);
    criteria_sheet(&b, report);
    provenance_sheet(&b, report);
    return xlsx_book_close(&b);
}

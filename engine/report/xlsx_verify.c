/* xlsx_verify.c — the workbook of `chiso verify -f xlsx` (see
 * report_xlsx.h): plan targets against the units' actuals, or a plan
 * against its parent, from the verify reports as JSON. */
#include "report_xlsx.h"

#include "xlsx_book.h"

#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"

#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

static const char *status_text(const char *s)
{
    if (!s) return NULL;
    if (!strcmp(s, "met") || !strcmp(s, "ok")) return _("met");
    if (!strcmp(s, "missed") || !strcmp(s, "failed") || !strcmp(s, "weaker")) return _("not met");
    if (!strcmp(s, "not_applicable")) return _("not applicable");
    if (!strcmp(s, "missing")) return _("missing data");
    if (!strcmp(s, "error")) return _("error");
    return s;
}

static void number(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f)
{
    if (json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v), f);
}

static void heads(lxw_worksheet *ws, int row, const char *const *labels, int n, lxw_format *f)
{
    for (int i = 0; i < n; i++) xlsx_text(ws, row, i, _(labels[i]), f);
}

static void finish(lxw_worksheet *ws, int rows, int cols)
{
    worksheet_set_row(ws, 2, 32, NULL);
    worksheet_freeze_panes(ws, 3, 0);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + rows), (lxw_col_t)(cols - 1));
    xlsx_page_setup(ws, 2, 2);
}

char *xlsx_write_verify(json_t *reports, const char *path, const xlsx_opts_t *o)
{
    xlsx_book_t b;
    char *err = xlsx_book_open(&b, path, o && o->decimals >= 0 ? o->decimals : 2, chiso_scoring_time(),
                               _("Plan targets"));
    if (err) return err;
    static const char *const sum_labels[] = {N_("Unit"), N_("Unit ID"), N_("Period"), N_("Plan"), N_("File"),
                                             N_("Result"), N_("Met"), N_("Not met"), N_("Not applicable"),
                                             N_("Missing data"), N_("Errors")};
    lxw_worksheet *sum = xlsx_book_sheet(&b, _("Summary"));
    xlsx_text(sum, 0, 0, _("Plan targets: summary"), b.title);
    heads(sum, 2, sum_labels, 11, b.head);
    static const char *const t_labels[] = {N_("Unit"), N_("Unit ID"), N_("Period"), N_("Plan"), N_("Code"),
                                           N_("Target"), N_("Field"), N_("Rule"), N_("Actual"), N_("Threshold"),
                                           N_("Result"), N_("Reason")};
    lxw_worksheet *tg = xlsx_book_sheet(&b, _("Targets"));
    xlsx_text(tg, 0, 0, _("Plan targets, unit by unit"), b.title);
    heads(tg, 2, t_labels, 12, b.head);
    static const char *const c_labels[] = {N_("Plan"), N_("Parent plan"), N_("Parent target"), N_("Target"),
                                           N_("Child target"), N_("Result"), N_("Note")};
    lxw_worksheet *ag = NULL;
    int srow = 3, trow = 3, arow = 3;
    size_t i;
    json_t *r;
    json_array_foreach(reports, i, r) {
        json_t *unit = json_object_get(r, "unit");
        xlsx_text(sum, srow, 0, str(unit, "name"), b.wrap);
        xlsx_text(sum, srow, 1, str(unit, "id"), b.text);
        xlsx_text(sum, srow, 2, str(r, "period"), b.text);
        xlsx_text(sum, srow, 3, str(r, "plan"), b.wrap);
        xlsx_text(sum, srow, 4, str(r, "file"), b.wrap);
        xlsx_text(sum, srow, 5, status_text(str(r, "status")), b.bold);
        json_t *s = json_object_get(r, "summary");
        number(sum, srow, 6, json_object_get(s, "met"), b.whole);
        number(sum, srow, 7, json_object_get(s, "missed"), b.whole);
        number(sum, srow, 8, json_object_get(s, "not_applicable"), b.whole);
        number(sum, srow, 9, json_object_get(s, "missing"), b.whole);
        strbuf_t errs;
        sb_init(&errs);
        size_t e;
        json_t *msg;
        json_array_foreach(json_object_get(r, "errors"), e, msg) {
            if (e) sb_addc(&errs, '\n');
            sb_adds(&errs, json_string_value(msg) ? json_string_value(msg) : "");
        }
        if (errs.len) xlsx_text(sum, srow, 10, errs.data, b.wrap);
        sb_free(&errs);
        srow++;
        size_t k;
        json_t *t;
        json_array_foreach(json_object_get(r, "targets"), k, t) {
            xlsx_text(tg, trow, 0, str(unit, "name"), b.wrap);
            xlsx_text(tg, trow, 1, str(unit, "id"), b.text);
            xlsx_text(tg, trow, 2, str(r, "period"), b.text);
            xlsx_text(tg, trow, 3, str(r, "plan"), b.wrap);
            xlsx_text(tg, trow, 4, str(t, "id"), b.text);
            xlsx_text(tg, trow, 5, str(t, "title"), b.wrap);
            xlsx_text(tg, trow, 6, str(t, "field"), b.text);
            xlsx_text(tg, trow, 7, str(t, "rule"), b.wrap);
            lxw_format *f = json_is_true(json_object_get(t, "percent")) ? b.value_percent : b.number;
            number(tg, trow, 8, json_object_get(t, "actual"), f);
            number(tg, trow, 9, json_object_get(t, "threshold"), f);
            if (json_is_string(json_object_get(t, "actual"))) xlsx_text(tg, trow, 8, str(t, "actual"), b.text);
            if (json_is_string(json_object_get(t, "threshold")))
                xlsx_text(tg, trow, 9, str(t, "threshold"), b.text);
            xlsx_text(tg, trow, 10, status_text(str(t, "status")), b.bold);
            xlsx_text(tg, trow, 11, str(t, "reason"), b.muted);
            trow++;
        }
        json_array_foreach(json_object_get(r, "checks"), k, t) {
            if (!ag) {
                ag = xlsx_book_sheet(&b, _("Against the parent"));
                xlsx_text(ag, 0, 0, _("The plan against its parent"), b.title);
                heads(ag, 2, c_labels, 7, b.head);
            }
            xlsx_text(ag, arow, 0, str(r, "plan"), b.wrap);
            xlsx_text(ag, arow, 1, str(r, "parent"), b.wrap);
            xlsx_text(ag, arow, 2, str(t, "parent_target"), b.text);
            xlsx_text(ag, arow, 3, str(t, "title"), b.wrap);
            xlsx_text(ag, arow, 4, str(t, "child_target"), b.text);
            xlsx_text(ag, arow, 5, status_text(str(t, "status")), b.bold);
            xlsx_text(ag, arow, 6, str(t, "message"), b.wrap);
            arow++;
        }
    }
    worksheet_set_column(sum, 0, 0, 28, NULL);
    worksheet_set_column(sum, 1, 2, 10, NULL);
    worksheet_set_column(sum, 3, 4, 30, NULL);
    worksheet_set_column(sum, 5, 9, 11, NULL);
    worksheet_set_column(sum, 10, 10, 50, NULL);
    finish(sum, srow - 3, 11);
    worksheet_set_column(tg, 0, 0, 24, NULL);
    worksheet_set_column(tg, 1, 2, 10, NULL);
    worksheet_set_column(tg, 3, 3, 24, NULL);
    worksheet_set_column(tg, 4, 4, 12, NULL);
    worksheet_set_column(tg, 5, 5, 40, NULL);
    worksheet_set_column(tg, 6, 6, 12, NULL);
    worksheet_set_column(tg, 7, 7, 36, NULL);
    worksheet_set_column(tg, 8, 10, 12, NULL);
    worksheet_set_column(tg, 11, 11, 36, NULL);
    finish(tg, trow - 3, 12);
    if (ag) {
        worksheet_set_column(ag, 0, 1, 28, NULL);
        worksheet_set_column(ag, 2, 2, 12, NULL);
        worksheet_set_column(ag, 3, 3, 40, NULL);
        worksheet_set_column(ag, 4, 5, 12, NULL);
        worksheet_set_column(ag, 6, 6, 60, NULL);
        finish(ag, arow - 3, 7);
    }
    return xlsx_book_close(&b);
}

/* xlsx_published.c — the sheet "Công bố" of a scored batch's workbook: the
 * published tables (engine/batch/batch_published.h) as cells, read from
 * their JSON (published_to_json), a block per unit level and period that
 * has a period before it. Each block: its heading, a header row, a row per
 * unit by rank (rank, places gained, unit, percent and its change, then
 * per field its points, change and places gained), then the counts: rose,
 * fell, unchanged, the largest rise and fall, the mean and its change, the
 * units above it, the units per grade. A change that cannot be told is an
 * empty cell; percents are percent cells, changes of percent are points
 * of percent (plain numbers). */
#include "xlsx_published.h"

#include "engine/support/i18n.h"

#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void number(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f)
{
    if (json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v), f);
}

static void label_number(xlsx_book_t *b, lxw_worksheet *ws, int row, const char *label, json_t *v,
                         lxw_format *f)
{
    xlsx_text(ws, row, 0, label, b->bold);
    number(ws, row, 2, v, f);
}

/* One block; returns the next free row. */
static int block(xlsx_book_t *b, lxw_worksheet *ws, int row, json_t *g, int *widest)
{
    char text[512];
    const char *level = str(g, "level");
    snprintf(text, sizeof text, _("%s%s · period %s against %s"), level ? _("level ") : "", level ? level : "",
             str(g, "period"), str(g, "previous"));
    xlsx_text(ws, row++, 0, text, b->bold);
    json_t *version = json_object_get(g, "version"), *before = json_object_get(g, "previous_version");
    if (json_is_object(version) && !json_equal(version, before)) {
        snprintf(text, sizeof text, _("New version: %s (previous period: %s)"), str(version, "source"),
                 json_is_object(before) ? str(before, "source") : "-");
        xlsx_text(ws, row++, 0, text, b->text);
    }
    static const char *const heads[] = {N_("Rank"), N_("Places gained"), N_("Unit ID"), N_("Unit"),
                                        N_("Percent"), N_("Change (points of percent)")};
    const int nfixed = (int)(sizeof heads / sizeof *heads);
    for (int i = 0; i < nfixed; i++) xlsx_text(ws, row, i, _(heads[i]), b->head);
    json_t *units = json_object_get(g, "units");
    json_t *fields = json_object_get(json_array_get(units, 0), "fields");
    for (size_t f = 0; f < json_array_size(fields); f++) {
        const char *id = str(json_array_get(fields, f), "id");
        char h[256];
        snprintf(h, sizeof h, _("Field %s: points"), id);
        xlsx_text(ws, row, nfixed + 3 * (int)f, h, b->head);
        snprintf(h, sizeof h, _("Field %s: change"), id);
        xlsx_text(ws, row, nfixed + 3 * (int)f + 1, h, b->head);
        snprintf(h, sizeof h, _("Field %s: places gained"), id);
        xlsx_text(ws, row, nfixed + 3 * (int)f + 2, h, b->head);
    }
    int last = nfixed + 3 * (int)json_array_size(fields) - 1;
    if (last > *widest) *widest = last;
    row++;
    size_t i;
    json_t *u;
    json_array_foreach(units, i, u) {
        number(ws, row, 0, json_object_get(u, "rank"), b->whole);
        if (json_is_true(json_object_get(u, "new"))) xlsx_text(ws, row, 1, _("new"), b->text);
        else number(ws, row, 1, json_object_get(u, "places_gained"), b->whole);
        xlsx_text(ws, row, 2, str(u, "id"), b->text);
        xlsx_text(ws, row, 3, str(u, "name"), b->text);
        json_t *pct = json_object_get(u, "percent");
        if (json_is_number(pct))
            worksheet_write_number(ws, (lxw_row_t)row, 4, json_number_value(pct) / 100, b->percent);
        number(ws, row, 5, json_object_get(u, "change"), b->points);
        size_t k;
        json_t *f;
        json_array_foreach(json_object_get(u, "fields"), k, f) {
            int col = nfixed + 3 * (int)k;
            number(ws, row, col, json_object_get(f, "points"), b->points);
            if (json_is_true(json_object_get(f, "new"))) xlsx_text(ws, row, col + 1, _("new"), b->text);
            else number(ws, row, col + 1, json_object_get(f, "change"), b->points);
            number(ws, row, col + 2, json_object_get(f, "places_gained"), b->whole);
        }
        row++;
    }
    label_number(b, ws, row++, _("Rose"), json_object_get(g, "rose"), b->whole);
    label_number(b, ws, row++, _("Fell"), json_object_get(g, "fell"), b->whole);
    label_number(b, ws, row++, _("Unchanged"), json_object_get(g, "same"), b->whole);
    const char *extremes[] = {"largest_rise", "largest_fall"};
    const char *extreme_labels[] = {N_("Largest rise"), N_("Largest fall")};
    for (int e = 0; e < 2; e++) {
        json_t *x = json_object_get(g, extremes[e]);
        if (!json_is_object(x)) continue;
        xlsx_text(ws, row, 0, _(extreme_labels[e]), b->bold);
        xlsx_text(ws, row, 1, str(x, "name") ? str(x, "name") : str(x, "id"), b->text);
        number(ws, row++, 2, json_object_get(x, "change"), b->points);
    }
    json_t *mean = json_object_get(g, "mean");
    if (json_is_number(mean)) {
        xlsx_text(ws, row, 0, _("Mean"), b->bold);
        worksheet_write_number(ws, (lxw_row_t)row, 2, json_number_value(mean) / 100, b->percent);
        number(ws, row++, 3, json_object_get(g, "mean_change"), b->points);
    }
    label_number(b, ws, row++, _("Above the mean"), json_object_get(g, "above_mean"), b->whole);
    json_t *grade;
    json_array_foreach(json_object_get(g, "grades"), i, grade) {
        snprintf(text, sizeof text, _("Grade %s"), str(grade, "grade"));
        label_number(b, ws, row++, text, json_object_get(grade, "units"), b->whole);
    }
    return row + 1;
}

void xlsx_published_sheet(xlsx_book_t *b, json_t *tables, const char *index_name)
{
    if (!json_array_size(tables)) return; /* one period: nothing is published against another */
    lxw_worksheet *ws = xlsx_book_sheet(b, _("Published table"));
    char text[512];
    snprintf(text, sizeof text, "%s — %s", _("Published table"), index_name ? index_name : "");
    xlsx_text(ws, 0, 0, text, b->title);
    int row = 2, widest = 5;
    size_t i;
    json_t *g;
    json_array_foreach(tables, i, g) row = block(b, ws, row, g, &widest);
    worksheet_set_column(ws, 0, 1, 10, NULL);
    worksheet_set_column(ws, 2, 2, 12, NULL);
    worksheet_set_column(ws, 3, 3, 30, NULL);
    worksheet_set_column(ws, 4, (lxw_col_t)widest, 11, NULL);
    worksheet_freeze_panes(ws, 2, 4);
    xlsx_page_setup(ws, 0, 0);
}

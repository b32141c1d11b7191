/* xlsx_score.c — the workbook of a scored batch (see report_xlsx.h): the
 * ranking, a column per criterion under its field, statistics per
 * criterion, the units in error, the provenance and a scorecard per unit.
 * It reads the results as JSON, the same the JSON output holds, and the
 * shape of the index (fields and their criteria) from the rules. */
#include "report_xlsx.h"

#include "band_text.h"
#include "xlsx_book.h"
#include "xlsx_published.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/i18n.h"
#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    json_t *r;
    const char *id, *name, *level, *period;
    long rank;     /* 0: not ranked */
    size_t input;  /* position in the batch */
    strmap_t nodes; /* node ID -> its JSON object */
} unit_t;

typedef struct {
    const node_t *field;
    const node_t **leaves; /* its criteria, in order (the field itself when it has none) */
    size_t nleaves, cap;
} field_cols_t;

typedef struct {
    xlsx_book_t b;
    const node_t *index;
    field_cols_t *fields;
    size_t nfields;
    unit_t *units; /* scored, in ranking order */
    size_t nunits;
    json_t **errors; /* results in error, in input order */
    size_t nerrors, caperrors;
    const char *provenance;
    band_text_t bands; /* bands shown as the rules write them */
} book_t;

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static const char *or_empty(const char *s) { return s ? s : ""; }

static void index_nodes(strmap_t *m, json_t *nodes)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        const char *id = str(n, "id");
        if (id && !strmap_get(m, id)) strmap_put(m, id, n);
        index_nodes(m, json_object_get(n, "children"));
    }
}

static void add_leaves(field_cols_t *f, const node_t *n)
{
    if (!n->nchildren) {
        VEC_PUSH(f->leaves, f->nleaves, f->cap);
        f->leaves[f->nleaves++] = n;
        return;
    }
    for (size_t i = 0; i < n->nchildren; i++) add_leaves(f, n->children[i]);
}

static int by_group_rank(const void *x, const void *y)
{
    const unit_t *a = x, *b = y;
    int c = strcmp(or_empty(a->level), or_empty(b->level));
    if (c) return c;
    if ((c = strcmp(or_empty(a->period), or_empty(b->period)))) return c;
    if (!a->rank != !b->rank) return a->rank ? -1 : 1; /* units not ranked after the ranked */
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a->input < b->input ? -1 : a->input > b->input;
}

/* A number cell, or an empty one for null. */
static void number(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f)
{
    if (json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v), f);
}

/* A percent from the JSON (92.5) as Excel's fraction (0.925) in a percent format. */
static void percent(lxw_worksheet *ws, int row, int col, json_t *v, lxw_format *f)
{
    if (json_is_number(v)) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, json_number_value(v) / 100, f);
}

static void rank_cell(lxw_worksheet *ws, int row, int col, long rank, lxw_format *f)
{
    if (rank) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)rank, f);
    else xlsx_text(ws, row, col, "-", f);
}

static void heads(lxw_worksheet *ws, int row, const char *const *labels, int n, lxw_format *f)
{
    for (int i = 0; i < n; i++) xlsx_text(ws, row, i, _(labels[i]), f);
}

/* The index as a title names it: its ID, else its name. */
static const char *index_title(const book_t *k)
{
    return k->index->id && *k->index->id ? k->index->id : or_empty(k->index->name);
}

static void title(book_t *k, lxw_worksheet *ws, const char *what)
{
    char text[512];
    snprintf(text, sizeof text, "%s — %s", what, index_title(k));
    xlsx_text(ws, 0, 0, text, k->b.title);
}

/* "Xếp hạng": a row per unit scored, by level, period and rank. */
static void ranking_sheet(book_t *k)
{
    static const char *const labels[] = {N_("Level"), N_("Period"), N_("Rank"), N_("Unit ID"), N_("Unit"),
                                         N_("Points"), N_("Maximum"), N_("Percent"), N_("Grade")};
    const int nfixed = (int)(sizeof labels / sizeof *labels);
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, _("Ranking"));
    title(k, ws, _("Ranking"));
    heads(ws, 2, labels, nfixed, k->b.head);
    for (size_t f = 0; f < k->nfields; f++) {
        char h[256];
        snprintf(h, sizeof h, _("Rank in field %s"), k->fields[f].field->id);
        xlsx_text(ws, 2, nfixed + (int)f, h, k->b.head);
    }
    for (size_t i = 0; i < k->nunits; i++) {
        const unit_t *u = &k->units[i];
        int row = 3 + (int)i;
        xlsx_text(ws, row, 0, u->level, k->b.text);
        xlsx_text(ws, row, 1, u->period, k->b.text);
        rank_cell(ws, row, 2, u->rank, k->b.whole);
        xlsx_text(ws, row, 3, u->id, k->b.text);
        xlsx_text(ws, row, 4, u->name, k->b.text);
        number(ws, row, 5, json_object_get(u->r, "points"), k->b.points);
        number(ws, row, 6, json_object_get(u->r, "max"), k->b.points);
        percent(ws, row, 7, json_object_get(u->r, "percent"), k->b.percent);
        xlsx_text(ws, row, 8, str(u->r, "grade"), k->b.text);
        json_t *fr = json_object_get(u->r, "field_ranks");
        for (size_t f = 0; f < k->nfields; f++) {
            json_t *v = json_object_get(fr, k->fields[f].field->id);
            rank_cell(ws, row, nfixed + (int)f, json_is_integer(v) ? (long)json_integer_value(v) : 0, k->b.whole);
        }
    }
    int last = nfixed + (int)k->nfields - 1;
    worksheet_set_column(ws, 0, 1, 10, NULL);
    worksheet_set_column(ws, 2, 2, 7, NULL);
    worksheet_set_column(ws, 3, 3, 12, NULL);
    worksheet_set_column(ws, 4, 4, 34, NULL);
    worksheet_set_column(ws, 5, 8, 11, NULL);
    if (last >= nfixed) worksheet_set_column(ws, (lxw_col_t)nfixed, (lxw_col_t)last, 11, NULL);
    worksheet_set_row(ws, 2, 32, NULL);
    worksheet_freeze_panes(ws, 3, 5);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + k->nunits), (lxw_col_t)last);
    xlsx_page_setup(ws, 2, 2);
}

/* "Điểm theo tiêu chí": a column per criterion under its field (two header rows). */
static void criteria_sheet(book_t *k)
{
    static const char *const labels[] = {N_("Level"), N_("Period"), N_("Rank"), N_("Unit ID"), N_("Unit"),
                                         N_("Points"), N_("Percent")};
    const int nfixed = (int)(sizeof labels / sizeof *labels);
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, _("Points per criterion"));
    title(k, ws, _("Points per criterion"));
    for (int i = 0; i < nfixed; i++)
        worksheet_merge_range(ws, 2, (lxw_col_t)i, 3, (lxw_col_t)i, _(labels[i]), k->b.head);
    int col = nfixed;
    char h[1024], m[64];
    for (size_t f = 0; f < k->nfields; f++) {
        const field_cols_t *fc = &k->fields[f];
        rat_format(fc->field->max, 6, m, sizeof m);
        snprintf(h, sizeof h, _("%s. %s (max %s)"), fc->field->id, or_empty(fc->field->name), m);
        int width = (int)fc->nleaves + 1;
        worksheet_merge_range(ws, 2, (lxw_col_t)col, 2, (lxw_col_t)(col + width - 1), h, k->b.head);
        for (size_t l = 0; l < fc->nleaves; l++) {
            rat_format(fc->leaves[l]->max, 6, m, sizeof m);
            snprintf(h, sizeof h, "%s %s (%s)", fc->leaves[l]->id, or_empty(fc->leaves[l]->name), m);
            xlsx_text(ws, 3, col + (int)l, h, k->b.head);
        }
        snprintf(h, sizeof h, _("Field %s total"), fc->field->id);
        xlsx_text(ws, 3, col + width - 1, h, k->b.head);
        worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)(col + width - 1), 13, NULL);
        col += width;
    }
    for (size_t i = 0; i < k->nunits; i++) {
        unit_t *u = &k->units[i];
        int row = 4 + (int)i;
        xlsx_text(ws, row, 0, u->level, k->b.text);
        xlsx_text(ws, row, 1, u->period, k->b.text);
        rank_cell(ws, row, 2, u->rank, k->b.whole);
        xlsx_text(ws, row, 3, u->id, k->b.text);
        xlsx_text(ws, row, 4, u->name, k->b.text);
        number(ws, row, 5, json_object_get(u->r, "points"), k->b.bold_points);
        percent(ws, row, 6, json_object_get(u->r, "percent"), k->b.percent);
        col = nfixed;
        for (size_t f = 0; f < k->nfields; f++) {
            const field_cols_t *fc = &k->fields[f];
            for (size_t l = 0; l < fc->nleaves; l++) {
                json_t *n = strmap_get(&u->nodes, fc->leaves[l]->id);
                number(ws, row, col + (int)l, json_object_get(n, "points"), k->b.points);
            }
            json_t *n = strmap_get(&u->nodes, fc->field->id);
            number(ws, row, col + (int)fc->nleaves, json_object_get(n, "points"), k->b.bold_points);
            col += (int)fc->nleaves + 1;
        }
    }
    worksheet_set_column(ws, 0, 1, 10, NULL);
    worksheet_set_column(ws, 2, 2, 7, NULL);
    worksheet_set_column(ws, 3, 3, 12, NULL);
    worksheet_set_column(ws, 4, 4, 30, NULL);
    worksheet_set_column(ws, 5, 6, 10, NULL);
    worksheet_set_row(ws, 2, 45, NULL);
    worksheet_set_row(ws, 3, 105, NULL);
    worksheet_freeze_panes(ws, 4, 5);
    worksheet_autofilter(ws, 3, 0, (lxw_row_t)(3 + k->nunits), (lxw_col_t)(col - 1));
    xlsx_page_setup(ws, 2, 3);
}

typedef struct {
    const node_t *leaf;
    const char *level, *period;
    size_t units, scored, full, zero, not_applicable;
    double points, max;
} stat_t;

static int by_group_loss(const void *x, const void *y)
{
    const stat_t *a = x, *b = y;
    int c = strcmp(or_empty(a->level), or_empty(b->level));
    if (c) return c;
    if ((c = strcmp(or_empty(a->period), or_empty(b->period)))) return c;
    double la = a->max > 0 ? (a->max - a->points) / a->max : -1, lb = b->max > 0 ? (b->max - b->points) / b->max : -1;
    if (la != lb) return la > lb ? -1 : 1;
    return a->leaf->ordinal - b->leaf->ordinal;
}

/* "Thống kê tiêu chí": per criterion and level/period, as the text report
 * counts them: a criterion not applicable that cost nothing is counted
 * apart; one scored 0 under không_điểm counts as a 0. */
static void statistics_sheet(book_t *k)
{
    size_t nleaves = 0;
    for (size_t f = 0; f < k->nfields; f++) nleaves += k->fields[f].nleaves;
    stat_t *st = NULL;
    size_t nst = 0, cap = 0;
    for (size_t i = 0; i < k->nunits;) {
        size_t j = i;
        while (j < k->nunits && !strcmp(or_empty(k->units[j].level), or_empty(k->units[i].level)) &&
               !strcmp(or_empty(k->units[j].period), or_empty(k->units[i].period)))
            j++;
        for (size_t f = 0; f < k->nfields; f++)
            for (size_t l = 0; l < k->fields[f].nleaves; l++) {
                VEC_PUSH(st, nst, cap);
                stat_t *s = &st[nst++];
                memset(s, 0, sizeof *s);
                s->leaf = k->fields[f].leaves[l];
                s->level = k->units[i].level;
                s->period = k->units[i].period;
                s->units = j - i;
                for (size_t u = i; u < j; u++) {
                    json_t *n = strmap_get(&k->units[u].nodes, s->leaf->id);
                    double p = json_number_value(json_object_get(n, "points"));
                    double m = json_number_value(json_object_get(n, "max"));
                    bool na = !strcmp(or_empty(str(n, "status")), "not_applicable");
                    if (na && !(p == 0 && m != 0)) {
                        s->not_applicable++;
                        continue;
                    }
                    s->scored++;
                    s->points += p;
                    s->max += m;
                    s->full += m != 0 && p == m;
                    s->zero += p == 0;
                }
            }
        i = j;
    }
    (void)nleaves;
    if (nst) qsort(st, nst, sizeof *st, by_group_loss);
    static const char *const labels[] = {N_("Level"), N_("Period"), N_("Units"), N_("Code"), N_("Criterion"),
                                         N_("Mean points"), N_("Mean maximum"), N_("Points lost"),
                                         N_("Full points"), N_("Zero points"), N_("Not applicable")};
    const int ncols = (int)(sizeof labels / sizeof *labels);
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, _("Criteria statistics"));
    title(k, ws, _("Criteria statistics"));
    heads(ws, 2, labels, ncols, k->b.head);
    for (size_t i = 0; i < nst; i++) {
        const stat_t *s = &st[i];
        int row = 3 + (int)i;
        xlsx_text(ws, row, 0, s->level, k->b.text);
        xlsx_text(ws, row, 1, s->period, k->b.text);
        worksheet_write_number(ws, (lxw_row_t)row, 2, (double)s->units, k->b.whole);
        xlsx_text(ws, row, 3, s->leaf->id, k->b.text);
        xlsx_text(ws, row, 4, s->leaf->name, k->b.wrap);
        if (s->scored) {
            worksheet_write_number(ws, (lxw_row_t)row, 5, s->points / (double)s->scored, k->b.points);
            worksheet_write_number(ws, (lxw_row_t)row, 6, s->max / (double)s->scored, k->b.points);
        }
        if (s->max > 0) worksheet_write_number(ws, (lxw_row_t)row, 7, (s->max - s->points) / s->max, k->b.percent);
        worksheet_write_number(ws, (lxw_row_t)row, 8, (double)s->full, k->b.whole);
        worksheet_write_number(ws, (lxw_row_t)row, 9, (double)s->zero, k->b.whole);
        worksheet_write_number(ws, (lxw_row_t)row, 10, (double)s->not_applicable, k->b.whole);
    }
    free(st);
    worksheet_set_column(ws, 0, 1, 10, NULL);
    worksheet_set_column(ws, 2, 3, 8, NULL);
    worksheet_set_column(ws, 4, 4, 48, NULL);
    worksheet_set_column(ws, 5, 10, 11, NULL);
    worksheet_set_row(ws, 2, 32, NULL);
    worksheet_freeze_panes(ws, 3, 5);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + nst), (lxw_col_t)(ncols - 1));
    xlsx_page_setup(ws, 2, 2);
}

/* "Đơn vị lỗi": every unit that could not be scored, with all its errors. */
static void errors_sheet(book_t *k)
{
    if (!k->nerrors) return;
    static const char *const labels[] = {N_("Unit ID"), N_("Unit"), N_("Level"), N_("Period"), N_("File"),
                                         N_("Errors")};
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, _("Units in error"));
    title(k, ws, _("Units in error"));
    heads(ws, 2, labels, 6, k->b.head);
    for (size_t i = 0; i < k->nerrors; i++) {
        json_t *r = k->errors[i], *unit = json_object_get(r, "unit");
        int row = 3 + (int)i;
        xlsx_text(ws, row, 0, str(unit, "id"), k->b.text);
        xlsx_text(ws, row, 1, str(unit, "name"), k->b.wrap);
        xlsx_text(ws, row, 2, str(unit, "level"), k->b.text);
        xlsx_text(ws, row, 3, str(r, "period"), k->b.text);
        xlsx_text(ws, row, 4, str(r, "file"), k->b.wrap);
        strbuf_t sb;
        sb_init(&sb);
        size_t e;
        json_t *msg;
        json_array_foreach(json_object_get(r, "errors"), e, msg) {
            if (e) sb_addc(&sb, '\n');
            sb_adds(&sb, or_empty(json_string_value(msg)));
        }
        if (sb.len > 32000) sb.data[32000] = '\0'; /* Excel's limit for a cell is 32 767 characters */
        xlsx_text(ws, row, 5, sb.data ? sb.data : "", k->b.wrap);
        sb_free(&sb);
    }
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_set_column(ws, 2, 3, 10, NULL);
    worksheet_set_column(ws, 4, 4, 30, NULL);
    worksheet_set_column(ws, 5, 5, 70, NULL);
    worksheet_freeze_panes(ws, 3, 0);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + k->nerrors), 5);
    xlsx_page_setup(ws, 2, 2);
}

/* "Nguồn gốc": which rules (SHA-256 of each file), which engine, when. */
static void provenance_sheet(book_t *k)
{
    json_t *p = k->provenance ? json_loads(k->provenance, 0, NULL) : NULL;
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, _("Provenance"));
    title(k, ws, _("Provenance"));
    int row = 2;
    xlsx_text(ws, row, 0, _("Rules file"), k->b.bold);
    xlsx_text(ws, row, 1, str(p, "rules"), k->b.text);
    xlsx_text(ws, row, 2, str(p, "rules_sha256"), k->b.text);
    size_t i;
    json_t *inc;
    json_array_foreach(json_object_get(p, "includes"), i, inc) {
        row++;
        xlsx_text(ws, row, 0, _("Included file"), k->b.bold);
        xlsx_text(ws, row, 1, str(inc, "file"), k->b.text);
        xlsx_text(ws, row, 2, str(inc, "sha256"), k->b.text);
    }
    row++;
    xlsx_text(ws, row, 0, _("Engine"), k->b.bold);
    xlsx_text(ws, row, 1, str(p, "engine"), k->b.text);
    row++;
    xlsx_text(ws, row, 0, _("Scored at (UTC)"), k->b.bold);
    xlsx_text(ws, row, 1, str(p, "scored_at"), k->b.text);
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 48, NULL);
    worksheet_set_column(ws, 2, 2, 70, NULL);
    xlsx_page_setup(ws, 0, -1);
    json_decref(p);
}

static const char *status_note(json_t *n)
{
    const char *s = or_empty(str(n, "status"));
    if (!strcmp(s, "not_applicable")) {
        const char *pol = or_empty(str(n, "policy"));
        return !strcmp(pol, "exclude") ? _("not applicable (excluded from the maximum)")
             : !strcmp(pol, "zero") ? _("not applicable (no points)") : _("not applicable (full points)");
    }
    if (!strcmp(s, "missing")) return _("missing data");
    return NULL;
}

static void value_cell(book_t *k, lxw_worksheet *ws, int row, json_t *n)
{
    json_t *v = json_object_get(n, "value");
    if (json_is_number(v)) {
        bool pct = !strcmp(or_empty(str(n, "value_format")), "percent");
        worksheet_write_number(ws, (lxw_row_t)row, 2, json_number_value(v), pct ? k->b.value_percent : k->b.number);
    } else if (json_is_boolean(v)) {
        xlsx_text(ws, row, 2, json_is_true(v) ? _("yes") : _("no"), k->b.text);
    } else if (json_is_string(v)) {
        xlsx_text(ws, row, 2, json_string_value(v), k->b.text);
    }
}

static int scorecard_rows(book_t *k, lxw_worksheet *ws, int row, json_t *nodes, int depth)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        bool group = json_array_size(json_object_get(n, "children")) > 0;
        lxw_format *name = depth == 0 ? k->b.bold : k->b.wrap;
        xlsx_text(ws, row, 0, str(n, "id"), depth == 0 ? k->b.bold : k->b.text);
        char indented[1024];
        snprintf(indented, sizeof indented, "%*s%s", depth * 3, "", or_empty(str(n, "name")));
        xlsx_text(ws, row, 1, indented, name);
        value_cell(k, ws, row, n);
        char band[256];
        xlsx_text(ws, row, 3, band_text(&k->bands, str(n, "id"), str(n, "band"), band, sizeof band), k->b.text);
        number(ws, row, 4, json_object_get(n, "points"), group ? k->b.bold_points : k->b.points);
        number(ws, row, 5, json_object_get(n, "max"), k->b.points);
        const char *note = status_note(n), *reason = str(n, "reason");
        char both[1024];
        if (note && reason) snprintf(both, sizeof both, "%s: %s", note, reason);
        xlsx_text(ws, row, 6, note && reason ? both : note ? note : reason, k->b.muted);
        row++;
        size_t d;
        json_t *dd;
        json_array_foreach(json_object_get(n, "deductions"), d, dd) {
            char text[1024];
            snprintf(text, sizeof text, "%*s− %s: %s", depth * 3 + 3, "", _("deduction"), or_empty(str(dd, "reason")));
            xlsx_text(ws, row, 1, text, k->b.wrap);
            json_t *pts = json_object_get(dd, "points");
            if (json_is_number(pts))
                worksheet_write_number(ws, (lxw_row_t)row, 4, -json_number_value(pts), k->b.points);
            row++;
        }
        json_array_foreach(json_object_get(n, "bonuses"), d, dd) {
            char text[1024];
            snprintf(text, sizeof text, "%*s+ %s: %s", depth * 3 + 3, "", _("bonus"), or_empty(str(dd, "reason")));
            xlsx_text(ws, row, 1, text, k->b.wrap);
            number(ws, row, 4, json_object_get(dd, "points"), k->b.points);
            row++;
        }
        row = scorecard_rows(k, ws, row, json_object_get(n, "children"), depth + 1);
    }
    return row;
}

/* A sheet per unit: its scorecard, every node with its value, band, points and why. */
static void scorecard_sheet(book_t *k, const unit_t *u)
{
    lxw_worksheet *ws = xlsx_book_sheet(&k->b, u->id ? u->id : or_empty(u->name));
    char text[1024];
    snprintf(text, sizeof text, "%s — %s", or_empty(u->name), index_title(k));
    xlsx_text(ws, 0, 0, text, k->b.title);
    snprintf(text, sizeof text, "%s: %s · %s: %s · %s: %s", _("Unit ID"), or_empty(u->id), _("Level"),
             or_empty(u->level), _("Period"), or_empty(u->period));
    xlsx_text(ws, 1, 0, text, k->b.text);
    xlsx_text(ws, 2, 0, _("Points"), k->b.bold);
    number(ws, 2, 1, json_object_get(u->r, "points"), k->b.bold_points);
    xlsx_text(ws, 2, 2, _("Maximum"), k->b.bold);
    number(ws, 2, 3, json_object_get(u->r, "max"), k->b.points);
    xlsx_text(ws, 3, 0, _("Percent"), k->b.bold);
    percent(ws, 3, 1, json_object_get(u->r, "percent"), k->b.bold_percent);
    xlsx_text(ws, 3, 2, _("Grade"), k->b.bold);
    xlsx_text(ws, 3, 3, str(u->r, "grade"), k->b.text);
    xlsx_text(ws, 4, 0, _("Rank"), k->b.bold);
    rank_cell(ws, 4, 1, u->rank, k->b.whole);
    static const char *const labels[] = {N_("Code"), N_("Criterion"), N_("Value"), N_("Band"), N_("Points"),
                                         N_("Maximum"), N_("Note")};
    heads(ws, 6, labels, 7, k->b.head);
    int row = scorecard_rows(k, ws, 7, json_object_get(u->r, "nodes"), 0);
    size_t i;
    json_t *f;
    row++;
    json_array_foreach(json_object_get(u->r, "findings"), i, f) {
        xlsx_text(ws, row, 0, i ? NULL : _("Findings"), k->b.bold);
        xlsx_text(ws, row, 1, str(f, "message"), k->b.muted);
        row++;
    }
    worksheet_set_column(ws, 0, 0, 10, NULL);
    worksheet_set_column(ws, 1, 1, 52, NULL);
    worksheet_set_column(ws, 2, 3, 12, NULL);
    worksheet_set_column(ws, 4, 5, 9, NULL);
    worksheet_set_column(ws, 6, 6, 40, NULL);
    worksheet_freeze_panes(ws, 7, 0);
    xlsx_page_setup(ws, 6, 6);
}

char *xlsx_write_scores(const chiso_program *prog, size_t index, json_t *results, const char *path,
                        const xlsx_opts_t *o)
{
    if (index >= prog->prog.nindexes) return xstrdup("no index to write");
    book_t k = {0};
    k.index = prog->prog.indexes[index];
    k.provenance = chiso_program_provenance_json(prog);
    band_text_init(&k.bands, prog, index);
    k.fields = xcalloc(k.index->nchildren ? k.index->nchildren : 1, sizeof *k.fields);
    k.nfields = k.index->nchildren;
    for (size_t f = 0; f < k.nfields; f++) {
        k.fields[f].field = k.index->children[f];
        add_leaves(&k.fields[f], k.index->children[f]);
    }
    size_t n = json_array_size(results);
    k.units = xcalloc(n ? n : 1, sizeof *k.units);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(results, i);
        if (strcmp(or_empty(str(r, "status")), "ok") != 0) {
            VEC_PUSH(k.errors, k.nerrors, k.caperrors);
            k.errors[k.nerrors++] = r;
            continue;
        }
        unit_t *u = &k.units[k.nunits++];
        json_t *unit = json_object_get(r, "unit"), *rank = json_object_get(r, "rank");
        *u = (unit_t){r, str(unit, "id"), str(unit, "name"), str(unit, "level"), str(r, "period"),
                      json_is_integer(rank) ? (long)json_integer_value(rank) : 0, i, {0}};
        strmap_init(&u->nodes);
        index_nodes(&u->nodes, json_object_get(r, "nodes"));
    }
    if (k.nunits) qsort(k.units, k.nunits, sizeof *k.units, by_group_rank);
    char *err = xlsx_book_open(&k.b, path, o && o->decimals >= 0 ? o->decimals : 2,
                               chiso_program_scored_at(prog), k.index->id);
    if (!err) {
        ranking_sheet(&k);
        criteria_sheet(&k);
        statistics_sheet(&k);
        errors_sheet(&k);
        provenance_sheet(&k);
        if (o && o->published) xlsx_published_sheet(&k.b, o->published, k.index->id);
        for (size_t i = 0; i < k.nunits; i++) scorecard_sheet(&k, &k.units[i]);
        err = xlsx_book_close(&k.b);
    }
    for (size_t i = 0; i < k.nunits; i++) strmap_free(&k.units[i].nodes);
    for (size_t f = 0; f < k.nfields; f++) free(k.fields[f].leaves);
    free(k.fields);
    band_text_free(&k.bands);
    free(k.units);
    free(k.errors);
    return err;
}

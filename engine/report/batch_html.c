/* batch_html.c — `chiso score -f html`: one self-contained page (no
 * network, no script) that a secretariat can publish or mail: the ranking
 * table per unit level and period, a bar chart of every unit's percent, a
 * heat map of units × fields (the share of each field's maximum a unit
 * achieved), and a drill-down scorecard per unit showing each criterion's
 * value, band and points. The charts are SVG written here. */
#include "batch_output.h"
#include "criteria_text.h"
#include "trend_text.h"
#include "published_text.h"

#include "engine/report/display.h"
#include "engine/support/xalloc.h"
#include "engine/support/xml.h"

#include <stdlib.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* HTML text and attribute values escape like XML. */
#define esc xml_escape

static double pct_of(rat_t points, rat_t max)
{
    return rat_is_zero(max) ? -1 : 100.0 * rat_to_double(points) / rat_to_double(max);
}

/* Red (low) to amber to green (high), as inspectors colour their sheets. */
static void heat_color(double pct, char *buf, size_t n)
{
    if (pct < 0) {
        snprintf(buf, n, "#e5e7eb");
        return;
    }
    double t = pct / 100.0;
    int r = t < 0.5 ? 220 : (int)(220 - (t - 0.5) * 2 * 180);
    int g = t < 0.5 ? (int)(60 + t * 2 * 140) : 200;
    snprintf(buf, n, "#%02x%02x%02x", r, g, 70);
}

static void bar_chart(FILE *out, unit_summary_t **order, size_t n)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) shown += order[i]->ok && order[i]->has_percent;
    int row = 22, left = 260, width = 460, height = (int)shown * row + 30;
    fprintf(out, "<svg class=\"chart\" role=\"img\" aria-label=\"Tỷ lệ điểm của từng đơn vị\" "
                 "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n",
            left + width + 70, height, left + width + 70, height);
    for (int g = 0; g <= 100; g += 25)
        fprintf(out, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#d1d5db\"/>"
                     "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">%d%%</text>\n",
                left + width * g / 100, left + width * g / 100, height - 20, left + width * g / 100, height - 6, g);
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        const unit_summary_t *u = order[i];
        if (!u->ok || !u->has_percent) continue;
        double p = rat_to_double(u->percent);
        char color[16];
        heat_color(p, color, sizeof color);
        fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 6, y + 15);
        esc(out, batch_unit_label(u));
        fprintf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>",
                left, y + 3, width * p / 100.0, color);
        esc(out, batch_unit_label(u));
        char label_pct[48];
        display_rat(u->percent, DISPLAY_FIXED, label_pct, sizeof label_pct);
        fprintf(out, ": %s%%</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s%%</text>\n",
                label_pct, left + width * p / 100.0 + 4, y + 15, label_pct);
        y += row;
    }
    fputs("</svg>\n", out);
}

static void heat_map(FILE *out, unit_summary_t **order, size_t n, const char **ids, const char **names,
                     int nfields)
{
    int cell = 56, rowh = 22, left = 260, top = 34;
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) rows += order[i]->ok;
    int w = left + cell * nfields + 10, h = top + (int)rows * rowh + 10;
    fprintf(out, "<svg class=\"heatmap\" role=\"img\" aria-label=\"Bản đồ nhiệt theo lĩnh vực\" width=\"%d\" "
                 "height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n", w, h, w, h);
    for (int f = 0; f < nfields; f++) {
        fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\"><title>",
                left + f * cell + cell / 2, top - 12);
        esc(out, names[f]);
        fputs("</title>", out);
        esc(out, ids[f]);
        fputs("</text>\n", out);
    }
    int y = top;
    for (size_t i = 0; i < n; i++) {
        const unit_summary_t *u = order[i];
        if (!u->ok) continue;
        fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 6, y + 15);
        esc(out, batch_unit_label(u));
        fputs("</text>", out);
        for (int f = 0; f < nfields && f < u->nfields; f++) {
            double p = pct_of(u->fpoints[f], u->fmax[f]);
            char color[16];
            heat_color(p, color, sizeof color);
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>",
                    left + f * cell, y, cell, rowh, color);
            esc(out, batch_unit_label(u));
            fputs(" · ", out);
            esc(out, names[f]);
            bool of = false;
            rat_t share = p >= 0 ? rat_div(u->fpoints[f], u->fmax[f], &of) : rat_int(0);
            char tip[48], whole[48];
            if (of) {
                display_double(p / 100, DISPLAY_PERCENT | DISPLAY_FIXED, tip, sizeof tip);
                display_double(p, DISPLAY_WHOLE, whole, sizeof whole);
            } else {
                display_rat(share, DISPLAY_PERCENT | DISPLAY_FIXED, tip, sizeof tip);
                display_rat(rat_mul(share, rat_int(100), &of), DISPLAY_WHOLE, whole, sizeof whole);
            }
            if (p >= 0) fprintf(out, ": %s</title></rect>", tip);
            else fputs(": không áp dụng</title></rect>", out);
            if (p >= 0)
                fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        left + f * cell + cell / 2, y + 15, whole);
        }
        fputc('\n', out);
        y += rowh;
    }
    fputs("</svg>\n", out);
}

static void num(FILE *out, json_t *v, unsigned flags)
{
    char buf[256];
    esc(out, display_value(v, flags, "", buf, sizeof buf));
}

/* Every criterion across the units of each level and period, those losing
 * the most points first, with a bar for the share lost. */
static void criteria_html(const criteria_t *c, FILE *out)
{
    for (size_t gi = 0; gi < c->ngroups; gi++) {
        const criteria_group_t *g = &c->groups[gi];
        int *order;
        int n = criteria_order(c, g, &order);
        fputs("<h2>Thống kê theo tiêu chí", out);
        if (g->level) {
            fputs(" · cấp ", out);
            esc(out, g->level);
        }
        if (g->period) {
            fputs(" · kỳ ", out);
            esc(out, g->period);
        }
        fprintf(out, "</h2>\n<p>%ld đơn vị; tiêu chí mất điểm nhiều nhất trước.</p>\n"
                     "<table class=\"criteria\"><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Điểm TB</th>"
                     "<th>Tối đa</th><th>Mất</th><th>Đủ điểm</th><th>0 điểm</th><th>Không áp dụng</th>"
                     "</tr></thead><tbody>\n",
                g->units);
        for (int k = 0; k < n; k++) {
            const cnode_t *cn = &g->ci->nodes[order[k]];
            const node_stat_t *s = &g->nodes[order[k]];
            fputs("<tr><td>", out);
            esc(out, cn->src->id);
            fputs("</td><td>", out);
            esc(out, cn->src->name);
            if (s->scored) {
                char mean[48], max[48], loss[48];
                criteria_figures(s, DISPLAY_FIXED, mean, max, loss, sizeof mean);
                double lost = s->dmax > 0 ? 100 * (1 - s->dpoints / s->dmax) : 0; /* the bar's length */
                fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">"
                             "<svg width=\"60\" height=\"10\" aria-hidden=\"true\"><rect width=\"%.1f\" "
                             "height=\"10\" fill=\"#dc2626\"/></svg> %s</td>",
                        mean, max, 0.6 * lost, loss);
            } else {
                fputs("</td><td class=\"n\">-</td><td class=\"n\">-</td><td class=\"n\">-</td>", out);
            }
            fprintf(out, "<td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>\n",
                    s->full, s->zero, s->not_applicable);
        }
        fputs("</tbody></table>\n", out);
        free(order);
    }
}

/* "Đơn vị không chấm được": every unit in error, once, in input order,
 * with all its errors. */
static void errors_html(const batch_t *b, FILE *out)
{
    size_t failed = 0;
    for (size_t i = 0; i < b->count; i++) failed += !b->units[i].ok;
    if (!failed) return;
    fprintf(out, "<h2 class=\"err\">Đơn vị không chấm được · %zu đơn vị</h2>\n<table class=\"errors\"><thead><tr>"
                 "<th>Đơn vị</th><th>Cấp</th><th>Kỳ</th><th>Tệp</th><th>Lỗi</th></tr></thead><tbody>\n", failed);
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (u->ok) continue;
        fputs("<tr><td>", out);
        esc(out, batch_unit_label(u));
        fputs("</td><td>", out);
        esc(out, u->level);
        fputs("</td><td>", out);
        esc(out, u->period);
        fputs("</td><td>", out);
        esc(out, u->origin);
        fputs("</td><td class=\"err\"><ul>", out);
        for (const char *e = or_empty(u->error); *e;) {
            size_t len = strcspn(e, "\n");
            char *one = xstrndup(e, len);
            fputs("<li>", out);
            esc(out, one);
            fputs("</li>", out);
            free(one);
            e += len + (e[len] == '\n');
        }
        fputs("</ul></td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

/* Units across periods, per level, when the batch holds several periods. */
static void trend_html(const batch_t *b, FILE *out)
{
    trend_t t;
    trend_build(b, &t);
    for (size_t l = 0; l < t.nlevels; l++) {
        const trend_level_t *lv = &t.levels[l];
        fputs("<h2>Diễn biến qua các kỳ", out);
        if (lv->level) {
            fputs(" · cấp ", out);
            esc(out, lv->level);
        }
        fputs("</h2>\n<table class=\"trend\"><thead><tr><th>Đơn vị</th>", out);
        for (int p = 0; p < lv->nperiods; p++) {
            fputs("<th>Kỳ ", out);
            esc(out, lv->periods[p]);
            fputs(" (hạng)</th>", out);
        }
        fputs("<th>Thay đổi</th></tr></thead><tbody>\n", out);
        for (size_t r = 0; r < lv->nrows; r++) {
            const trend_row_t *row = &lv->rows[r];
            fputs("<tr><td>", out);
            esc(out, row->label);
            fputs("</td>", out);
            for (int p = 0; p < lv->nperiods; p++) {
                char cell[96];
                trend_cell_text(row->cells[p], false, cell, sizeof cell);
                fputs(row->cells[p] && !row->cells[p]->ok ? "<td class=\"n err\">" : "<td class=\"n\">", out);
                esc(out, cell);
                fputs("</td>", out);
            }
            char pct[64], places[32];
            trend_change(lv, row, false, pct, sizeof pct, places, sizeof places);
            fprintf(out, "<td class=\"n %s\">", !strncmp(places, "↑", 3) ? "up"
                                                : !strncmp(places, "↓", 3) ? "down" : "");
            esc(out, pct);
            if (pct[0] && places[0]) fputs(" · ", out);
            esc(out, places);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    trend_free(&t);
}

static void node_rows(FILE *out, json_t *node, int depth)
{
    size_t i;
    const char *status = json_string_value(json_object_get(node, "status"));
    json_t *kids = json_object_get(node, "children");
    fprintf(out, "<tr class=\"%s%s\"><td style=\"padding-left:%dem\">", kids ? "group " : "", or_empty(status),
            depth + 1);
    esc(out, json_string_value(json_object_get(node, "id")));
    fputs("</td><td>", out);
    esc(out, json_string_value(json_object_get(node, "name")));
    fputs("</td><td>", out);
    const char *fmt = json_string_value(json_object_get(node, "value_format"));
    num(out, json_object_get(node, "value"), fmt && !strcmp(fmt, "percent") ? DISPLAY_PERCENT | DISPLAY_FIXED : 0);
    fputs("</td><td>", out);
    esc(out, json_string_value(json_object_get(node, "band")));
    if (status && strcmp(status, "scored")) {
        fputs(status[0] == 'n' ? " không áp dụng" : " thiếu số liệu", out);
        const char *reason = json_string_value(json_object_get(node, "reason"));
        if (reason) {
            fputs(" <small>(", out);
            esc(out, reason);
            fputs(")</small>", out);
        }
    }
    json_t *late;
    json_array_foreach(json_object_get(node, "late"), i, late) { /* deadlines missed */
        bool days = json_object_get(late, "days_taken") != NULL;
        fputs(" <small class=\"late\">", out);
        fputs(days ? "quá hạn " : "trễ hạn ", out);
        num(out, json_object_get(late, "days_late"), 0);
        if (days) {
            fputs(" ngày: ", out);
            num(out, json_object_get(late, "days_taken"), 0);
            fputs(" ngày, hạn ", out);
            num(out, json_object_get(late, "limit_days"), 0);
            fputs(" ngày", out);
        } else {
            fputs(" ngày: ", out);
            esc(out, json_string_value(json_object_get(late, "date")));
            fputs(", hạn ", out);
            esc(out, json_string_value(json_object_get(late, "due")));
        }
        fputs("</small>", out);
    }
    fputs("</td><td class=\"n\">", out);
    num(out, json_object_get(node, "points"), DISPLAY_FIXED);
    fputs(" / ", out);
    num(out, json_object_get(node, "max"), DISPLAY_FIXED);
    fputs("</td></tr>\n", out);
    json_t *k;
    json_array_foreach(kids, i, k) node_rows(out, k, depth + 1);
}

static void scorecard(FILE *out, json_t *r, const unit_summary_t *u)
{
    fputs("<details><summary>", out);
    esc(out, batch_unit_label(u));
    if (u->period) {
        fputs(" · kỳ ", out);
        esc(out, u->period);
    }
    if (!u->ok) {
        fputs(" — <b class=\"err\">lỗi</b></summary><ul>", out);
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(r, "errors"), i, e) {
            fputs("<li>", out);
            esc(out, json_string_value(e));
            fputs("</li>", out);
        }
        fputs("</ul></details>\n", out);
        return;
    }
    char pts[48], mx[48];
    display_rat(u->points, DISPLAY_FIXED, pts, sizeof pts);
    display_rat(u->max, DISPLAY_FIXED, mx, sizeof mx);
    fprintf(out, " — %s / %s", pts, mx);
    if (u->has_percent) {
        char pct[48];
        fprintf(out, " (%s%%)", display_rat(u->percent, DISPLAY_FIXED, pct, sizeof pct));
    }
    if (u->grade) {
        fputs(" · ", out);
        esc(out, u->grade);
    }
    if (u->rank) fprintf(out, " · hạng %ld", u->rank);
    if (u->origins) {
        char a[48], am[48], sv[48], sm[48];
        fprintf(out, " · thẩm định %s / %s · điều tra xã hội học %s / %s",
                rat_format_fixed(u->origins[0], 2, a, sizeof a), rat_format_fixed(u->origins[1], 2, am, sizeof am),
                rat_format_fixed(u->origins[2], 2, sv, sizeof sv), rat_format_fixed(u->origins[3], 2, sm, sizeof sm));
    }
    json_t *version = json_object_get(r, "version"); /* the version of the index that scored it */
    if (version) {
        fputs(" · phiên bản ", out);
        const char *src = json_string_value(json_object_get(version, "source"));
        if (src) {
            esc(out, src);
            fputs(", ", out);
        }
        fputs("áp dụng ", out);
        esc(out, json_string_value(json_object_get(version, "applies_to")));
    }
    fputs("</summary>\n<table class=\"card\"><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Giá trị</th>"
          "<th>Mức</th><th>Điểm</th></tr></thead><tbody>\n", out);
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(r, "nodes"), i, n) node_rows(out, n, 0);
    fputs("</tbody></table>\n", out);
    json_t *findings = json_object_get(r, "findings");
    if (json_array_size(findings)) {
        fputs("<p>Ghi nhận:</p><ul>", out);
        json_array_foreach(findings, i, n) {
            fputs("<li>", out);
            esc(out, json_string_value(json_object_get(n, "node")));
            fputs(" ", out);
            esc(out, json_string_value(json_object_get(n, "message")));
            fputs("</li>", out);
        }
        fputs("</ul>", out);
    }
    fputs("</details>\n", out);
}

bool batch_render_html(batch_t *b, const chiso_program *prog, size_t index, FILE *out)
{
    const char **ids, **names;
    int nfields = batch_fields(prog, index, &ids, &names);
    const char *title = chiso_program_index_name(prog, index);
    unit_summary_t **order = xmalloc(sizeof *order * (b->count ? b->count : 1));
    size_t ok = 0; /* the units scored, ranked per level and period; those in error after */
    for (size_t i = 0; i < b->count; i++)
        if (b->units[i].ok) order[ok++] = &b->units[i];
    if (ok) qsort(order, ok, sizeof *order, batch_by_group_rank);

    fputs("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>", out);
    esc(out, title);
    fputs("</title>\n<style>\n"
          "body{font-family:system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:2em;color:#111827}\n"
          "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\n"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d1d5db;padding:.25em .6em}\n"
          "th{background:#f3f4f6;text-align:left}td.n{text-align:right;white-space:nowrap}\n"
          "tr.group td{font-weight:bold;background:#f9fafb}tr.not_applicable td,tr.missing td{color:#6b7280}\n"
          ".err{color:#b91c1c}details{margin:.3em 0}summary{cursor:pointer}\n"
          ".up{color:#047857}.down{color:#b91c1c}\n"
          "</style></head><body>\n<h1>", out);
    esc(out, title);
    fprintf(out, "</h1>\n<p>%zu đơn vị được chấm điểm, %zu đơn vị lỗi. Xếp hạng theo tỷ lệ điểm đạt được "
                 "trên điểm tối đa, riêng từng cấp và từng kỳ.</p>\n", ok, b->count - ok);

    fputs("<h2>Bảng xếp hạng</h2>\n<table class=\"ranking\"><thead><tr><th>Hạng</th><th>Đơn vị</th>"
          "<th>Cấp</th><th>Kỳ</th><th>Điểm</th><th>Tối đa</th><th>Tỷ lệ</th><th>Xếp loại</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < ok; i++) {
        const unit_summary_t *u = order[i];
        if (i == 0 || strcmp(or_empty(u->level), or_empty(order[i - 1]->level)) ||
            strcmp(or_empty(u->period), or_empty(order[i - 1]->period))) {
            fputs("<tr class=\"group\"><td colspan=\"8\">", out);
            fputs(u->level ? "Cấp " : "", out);
            esc(out, u->level);
            fputs(u->level && u->period ? " · " : "", out);
            fputs(u->period ? "Kỳ " : "", out);
            esc(out, u->period);
            if (!u->level && !u->period) fputs("Đơn vị", out);
            fputs("</td></tr>\n", out);
        }
        if (u->rank) fprintf(out, "<tr><td class=\"n\">%ld</td><td>", u->rank);
        else fputs("<tr><td class=\"n\">-</td><td>", out);
        esc(out, batch_unit_label(u));
        fputs("</td><td>", out);
        esc(out, u->level);
        fputs("</td><td>", out);
        esc(out, u->period);
        char pts[48], mx[48];
        display_rat(u->points, DISPLAY_FIXED, pts, sizeof pts);
        display_rat(u->max, DISPLAY_FIXED, mx, sizeof mx);
        fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">", pts, mx);
        if (u->has_percent) {
            char pct[48];
            fprintf(out, "%s%%", display_rat(u->percent, DISPLAY_FIXED, pct, sizeof pct));
        }
        fputs("</td><td>", out);
        esc(out, u->grade);
        if (u->unranked) fputs(" (không xếp hạng)", out);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    errors_html(b, out);
    trend_html(b, out);
    published_t published;
    published_build(b, &published);
    published_print_html(&published, out);
    published_free(&published);
    fputs("<h2>Tỷ lệ điểm của từng đơn vị</h2>\n", out);
    bar_chart(out, order, ok);
    fputs("<h2>Kết quả theo lĩnh vực (% điểm tối đa của lĩnh vực)</h2>\n<p>", out);
    for (int f = 0; f < nfields; f++) {
        fputs(f ? " · " : "", out);
        esc(out, ids[f]);
        fputs(": ", out);
        esc(out, names[f]);
    }
    fputs("</p>\n", out);
    heat_map(out, order, ok, ids, names, nfields);

    if (b->has_criteria) criteria_html(&b->criteria, out);
    fputs("<h2>Phiếu điểm chi tiết</h2>\n", out);
    char *line = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < b->count; i++) {
        size_t n;
        json_t *j = batch_spool_next(b, &line, &cap, &n) ? json_loads(line, 0, NULL) : NULL;
        if (!j) { /* the spool ended early or is damaged: no page rather than part of one */
            free(line);
            free(order);
            free(ids);
            free(names);
            return false;
        }
        scorecard(out, j, &b->units[i]);
        json_decref(j);
    }
    free(line);
    fputs("<p><small>Tạo bởi chiso.</small></p>\n</body></html>\n", out);
    free(order);
    free(ids);
    free(names);
    return !ferror(out);
}

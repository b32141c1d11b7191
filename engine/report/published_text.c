/* published_text.c — the published tables (engine/batch/batch_published.h)
 * as text, after the trend, and as HTML sections of the batch's page: a
 * row per unit with its rank, places gained, percent and change, and per
 * field its points, change and places gained; then rose / fell, the largest
 * rise and fall, the mean and how many are above it, the units per grade. */
#include "published_text.h"

#include "engine/report/display.h"
#include "engine/support/textwidth.h"
#include "engine/support/xml.h"

#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* ---- text ---- */

static void signed_number(rat_t r, bool comma, char *buf, size_t size)
{
    display_rat(r, DISPLAY_FIXED | DISPLAY_SIGN | (comma ? DISPLAY_COMMA : 0), buf, size);
}

static void places_text(long moved, bool has, char *buf, size_t size)
{
    if (!has) snprintf(buf, size, "-");
    else if (moved > 0) snprintf(buf, size, "↑%ld", moved);
    else if (moved < 0) snprintf(buf, size, "↓%ld", -moved);
    else snprintf(buf, size, "=");
}

static void print_nodes(const char *what, const published_node_t *nodes, size_t n, FILE *out)
{
    if (!n) return;
    fprintf(out, "  %s:", what);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s %s %s", i ? ";" : "", nodes[i].id, nodes[i].name);
    fputc('\n', out);
}

static void print_group(const published_group_t *g, bool comma, FILE *out)
{
    unsigned flags = DISPLAY_FIXED | (comma ? DISPLAY_COMMA : 0);
    fputs("Bảng công bố (published table)", out);
    if (g->level) fprintf(out, " · cấp %s", g->level);
    fprintf(out, " · kỳ %s so với kỳ %s · %zu đơn vị\n", g->period, g->previous, g->nrows);
    if (g->prev_ci && g->prev_ci != g->ci) {
        fprintf(out, "  Phiên bản mới: %s%s%s (kỳ trước: %s)\n", or_empty(g->ci->index->source),
                g->ci->index->source ? ", " : "", g->ci->index->name, or_empty(g->prev_ci->index->source));
        if (g->nrenamed) {
            fputs("  Đổi mã:", out);
            for (size_t i = 0; i < g->nrenamed; i++)
                fprintf(out, "%s %s → %s", i ? "," : "", g->renamed_from[i], g->renamed_to[i]);
            fputc('\n', out);
        }
        print_nodes("Mới (new)", g->added, g->nadded, out);
        print_nodes("Bỏ (gone)", g->gone, g->ngone, out);
    }
    int namew = 10;
    for (size_t r = 0; r < g->nrows; r++) {
        int w = text_width(batch_unit_label(g->rows[r].now));
        if (w > namew) namew = w;
    }
    if (namew > 36) namew = 36;
    fputs("Hạng  ±hạng  ", out);
    print_padded(out, "Đơn vị", namew);
    fputs("   Tỷ lệ %   ±điểm %", out);
    const cnode_t *root = &g->ci->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        char head[64];
        snprintf(head, sizeof head, "LV %s: điểm ±", g->ci->nodes[root->children[f]].src->id);
        fputs("  ", out);
        print_padded_right(out, head, 22);
    }
    fputc('\n', out);
    for (size_t r = 0; r < g->nrows; r++) {
        const published_row_t *row = &g->rows[r];
        char rank[24], moved[24], pct[48], dpct[48];
        if (row->now->rank) snprintf(rank, sizeof rank, "%ld", row->now->rank);
        else snprintf(rank, sizeof rank, "-");
        places_text(row->dplaces, row->has_dplaces, moved, sizeof moved);
        if (!row->before) snprintf(moved, sizeof moved, "mới");
        print_padded_right(out, rank, 4);
        fputs("  ", out);
        print_padded_right(out, moved, 5);
        fputs("  ", out);
        print_padded(out, batch_unit_label(row->now), namew);
        display_rat(row->now->percent, flags, pct, sizeof pct);
        if (!row->now->has_percent) snprintf(pct, sizeof pct, "-");
        if (row->changed) signed_number(row->dpercent, comma, dpct, sizeof dpct);
        else snprintf(dpct, sizeof dpct, "-");
        fputs("  ", out);
        print_padded_right(out, pct, 8);
        fputs("  ", out);
        print_padded_right(out, dpct, 8);
        for (int f = 0; f < g->nfields; f++) {
            char pts[48], d[48], pl[24], cell[128];
            if (f < row->now->nfields) display_rat(row->now->fpoints[f], flags, pts, sizeof pts);
            else snprintf(pts, sizeof pts, "-");
            if (row->field_compared[f]) {
                signed_number(row->dfield[f], comma, d, sizeof d);
                places_text(row->dfield_places[f], row->dfield_places[f] != PUBLISHED_NO_PLACES, pl, sizeof pl);
                snprintf(cell, sizeof cell, "%s %s %s", pts, d, pl);
            } else {
                snprintf(cell, sizeof cell, "%s %s", pts, g->field_before[f] < 0 ? "(mới)" : "-");
            }
            fputs("  ", out);
            print_padded_right(out, cell, 22);
        }
        fputc('\n', out);
    }
    char a[48], bb[48];
    fprintf(out, "  Tăng điểm: %ld · giảm điểm: %ld · không đổi: %ld\n", g->rose, g->fell, g->same);
    if (g->largest_rise) {
        signed_number(g->largest_rise->dpercent, comma, a, sizeof a);
        fprintf(out, "  Tăng nhiều nhất: %s %s", batch_unit_label(g->largest_rise->now), a);
    }
    if (g->largest_fall) {
        signed_number(g->largest_fall->dpercent, comma, a, sizeof a);
        fprintf(out, "%sGiảm nhiều nhất: %s %s", g->largest_rise ? " · " : "  ", batch_unit_label(g->largest_fall->now),
                a);
    }
    if (g->largest_rise || g->largest_fall) fputc('\n', out);
    if (g->has_mean) {
        display_rat(g->mean, flags, a, sizeof a);
        fprintf(out, "  Trung bình: %s%%", a);
        if (g->has_previous_mean) {
            bool of = false;
            signed_number(rat_sub(g->mean, g->previous_mean, &of), comma, bb, sizeof bb);
            if (!of) fprintf(out, " (%s)", bb);
        }
        fprintf(out, " · trên trung bình: %ld đơn vị\n", g->above_mean);
    }
    if (g->ngrades) {
        fputs("  Xếp loại (nhóm):", out);
        for (int i = 0; i < g->ngrades; i++) fprintf(out, "%s %s: %ld", i ? " ·" : "", g->grades[i], g->grade_counts[i]);
        if (g->no_grade) fprintf(out, " · không xếp loại: %ld", g->no_grade);
        fputc('\n', out);
    }
    fputc('\n', out);
}

void published_print_text(const published_t *p, bool comma, FILE *out)
{
    arena_t *outer = rat_big_arena((arena_t *)&p->arena); /* a difference beyond 64 bits, while printing */
    for (size_t i = 0; i < p->ngroups; i++) print_group(&p->groups[i], comma, out);
    rat_big_arena(outer);
}

/* ---- HTML ---- */

static void html_text(FILE *out, const char *s) { xml_escape(out, s ? s : ""); }

static void html_change(FILE *out, const char *text)
{
    const char *cls = text[0] == '+' || !strncmp(text, "↑", 3) ? "up"
                    : text[0] == '-' || !strncmp(text, "↓", 3) ? "down" : "";
    fprintf(out, "<span class=\"%s\">", cls);
    html_text(out, text);
    fputs("</span>", out);
}

static void html_nodes(FILE *out, const char *what, const published_node_t *nodes, size_t n)
{
    if (!n) return;
    fprintf(out, "<p>%s: ", what);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs("; ", out);
        html_text(out, nodes[i].id);
        fputc(' ', out);
        html_text(out, nodes[i].name);
    }
    fputs("</p>\n", out);
}

static void html_group(const published_group_t *g, FILE *out)
{
    char a[64], b[64];
    fputs("<h2>Bảng công bố", out);
    if (g->level) {
        fputs(" · cấp ", out);
        html_text(out, g->level);
    }
    fputs(" · kỳ ", out);
    html_text(out, g->period);
    fputs(" so với kỳ ", out);
    html_text(out, g->previous);
    fputs("</h2>\n", out);
    if (g->prev_ci && g->prev_ci != g->ci) {
        fputs("<p>Phiên bản mới: ", out);
        html_text(out, g->ci->index->source);
        fputs(" (kỳ trước: ", out);
        html_text(out, g->prev_ci->index->source);
        fputs(")</p>\n", out);
        if (g->nrenamed) {
            fputs("<p>Đổi mã: ", out);
            for (size_t i = 0; i < g->nrenamed; i++) {
                if (i) fputs(", ", out);
                html_text(out, g->renamed_from[i]);
                fputs(" → ", out);
                html_text(out, g->renamed_to[i]);
            }
            fputs("</p>\n", out);
        }
        html_nodes(out, "Mới", g->added, g->nadded);
        html_nodes(out, "Bỏ", g->gone, g->ngone);
    }
    fputs("<table class=\"published\"><thead><tr><th>Hạng</th><th>± hạng</th><th>Đơn vị</th><th>Tỷ lệ %</th>"
          "<th>± điểm %</th>",
          out);
    const cnode_t *root = &g->ci->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        const node_t *field = g->ci->nodes[root->children[f]].src;
        fputs("<th>", out);
        html_text(out, field->id);
        fputs(" ", out);
        html_text(out, field->name);
        fputs("<br><small>điểm · ± điểm · ± hạng</small></th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    for (size_t r = 0; r < g->nrows; r++) {
        const published_row_t *row = &g->rows[r];
        if (row->now->rank) fprintf(out, "<tr><td class=\"n\">%ld</td><td class=\"n\">", row->now->rank);
        else fputs("<tr><td class=\"n\">-</td><td class=\"n\">", out);
        places_text(row->dplaces, row->has_dplaces, a, sizeof a);
        if (!row->before) fputs("mới", out);
        else html_change(out, a);
        fputs("</td><td>", out);
        html_text(out, batch_unit_label(row->now));
        fputs("</td><td class=\"n\">", out);
        if (row->now->has_percent) html_text(out, display_rat(row->now->percent, DISPLAY_FIXED, a, sizeof a));
        fputs("</td><td class=\"n\">", out);
        if (row->changed) {
            signed_number(row->dpercent, false, a, sizeof a);
            html_change(out, a);
        }
        fputs("</td>", out);
        for (int f = 0; f < g->nfields; f++) {
            fputs("<td class=\"n\">", out);
            if (f < row->now->nfields) html_text(out, display_rat(row->now->fpoints[f], DISPLAY_FIXED, a, sizeof a));
            if (row->field_compared[f]) {
                signed_number(row->dfield[f], false, a, sizeof a);
                places_text(row->dfield_places[f], row->dfield_places[f] != PUBLISHED_NO_PLACES, b, sizeof b);
                fputs(" · ", out);
                html_change(out, a);
                fputs(" · ", out);
                html_change(out, b);
            } else if (g->field_before[f] < 0) {
                fputs(" (mới)", out);
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n<ul class=\"published-summary\">\n", out);
    fprintf(out, "<li>Tăng điểm: %ld · giảm điểm: %ld · không đổi: %ld</li>\n", g->rose, g->fell, g->same);
    if (g->largest_rise) {
        signed_number(g->largest_rise->dpercent, false, a, sizeof a);
        fputs("<li>Tăng nhiều nhất: ", out);
        html_text(out, batch_unit_label(g->largest_rise->now));
        fputc(' ', out);
        html_change(out, a);
        fputs("</li>\n", out);
    }
    if (g->largest_fall) {
        signed_number(g->largest_fall->dpercent, false, a, sizeof a);
        fputs("<li>Giảm nhiều nhất: ", out);
        html_text(out, batch_unit_label(g->largest_fall->now));
        fputc(' ', out);
        html_change(out, a);
        fputs("</li>\n", out);
    }
    if (g->has_mean) {
        display_rat(g->mean, DISPLAY_FIXED, a, sizeof a);
        fprintf(out, "<li>Trung bình: %s%%", a);
        if (g->has_previous_mean) {
            bool of = false;
            rat_t d = rat_sub(g->mean, g->previous_mean, &of);
            if (!of) {
                signed_number(d, false, b, sizeof b);
                fputs(" (", out);
                html_change(out, b);
                fputs(")", out);
            }
        }
        fprintf(out, " · trên trung bình: %ld đơn vị</li>\n", g->above_mean);
    }
    if (g->ngrades) {
        fputs("<li>Xếp loại (nhóm):", out);
        for (int i = 0; i < g->ngrades; i++) {
            fputs(i ? " · " : " ", out);
            html_text(out, g->grades[i]);
            fprintf(out, ": %ld", g->grade_counts[i]);
        }
        if (g->no_grade) fprintf(out, " · không xếp loại: %ld", g->no_grade);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

void published_print_html(const published_t *p, FILE *out)
{
    arena_t *outer = rat_big_arena((arena_t *)&p->arena);
    for (size_t i = 0; i < p->ngroups; i++) html_group(&p->groups[i], out);
    rat_big_arena(outer);
}

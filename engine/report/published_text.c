/* published_text.c — the published tables (engine/batch/batch_published.h)
 * as text, after the trend, and as HTML sections of the batch's page: a
 * row per unit with its rank, places gained, percent and change, and per
 * field its points, change and places gained; then rose / fell, the largest
 * rise and fall, the mean and how many are above it, the units per grade. */
#include "published_text.h"

#include "engine/report/display.h"
#include "engine/support/textwidth.h"
#include "engine/support/xml.h"
#include "engine/support/i18n.h"

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
    fputs(_("Published results"), out);
    if (g->level) fprintf(out, " · %s %s", _("level"), g->level);
    fputs(" · ", out);
    fprintf(out, _("period %s against period %s"), g->period, g->previous);
    fputs(" · ", out);
    fprintf(out, chiso_ngettext("%zu unit", "%zu units", g->nrows), g->nrows);
    fputc('\n', out);
    if (g->prev_ci && g->prev_ci != g->ci) {
        fprintf(out, "  %s: %s%s%s (%s: %s)\n", _("New version"), or_empty(g->ci->index->source),
                g->ci->index->source ? ", " : "", g->ci->index->name, _("previous period"),
                or_empty(g->prev_ci->index->source));
        if (g->nrenamed) {
            fprintf(out, "  %s:", _("Renamed"));
            for (size_t i = 0; i < g->nrenamed; i++)
                fprintf(out, "%s %s → %s", i ? "," : "", g->renamed_from[i], g->renamed_to[i]);
            fputc('\n', out);
        }
        print_nodes(_("New criteria"), g->added, g->nadded, out);
        print_nodes(_("Criteria gone"), g->gone, g->ngone, out);
    }
    int namew = 10;
    for (size_t r = 0; r < g->nrows; r++) {
        int w = text_width(batch_unit_label(g->rows[r].now));
        if (w > namew) namew = w;
    }
    if (namew > 36) namew = 36;
    print_padded_right(out, _("Rank"), 4);
    fputs("  ", out);
    print_padded_right(out, _("±rank"), 5);
    fputs("  ", out);
    print_padded(out, _("Unit"), namew);
    fputs("  ", out);
    print_padded_right(out, _("Percent %"), 8);
    fputs("  ", out);
    print_padded_right(out, _("±points %"), 8);
    const cnode_t *root = &g->ci->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        char head[64];
        snprintf(head, sizeof head, _("F %s: points ±"), g->ci->nodes[root->children[f]].src->id);
        fputs("  ", out);
        print_padded_right(out, head, 22);
    }
    fputc('\n', out);
    for (size_t r = 0; r < g->nrows; r++) {
        const published_row_t *row = &g->rows[r];
        char rank[24], moved[24], pct[48], dpct[48];
        if (row->now->rank) snprintf(rank, sizeof rank, "%ld", (long)row->now->rank);
        else snprintf(rank, sizeof rank, "-");
        places_text(row->dplaces, row->has_dplaces, moved, sizeof moved);
        if (!row->before) snprintf(moved, sizeof moved, "%s", _("NEW"));
        print_padded_right(out, rank, 4);
        fputs("  ", out);
        print_padded_right(out, moved, 5);
        fputs("  ", out);
        print_padded(out, batch_unit_label(row->now), namew);
        display_rat(unit_percent(row->now), flags, pct, sizeof pct);
        if (!unit_has_percent(row->now)) snprintf(pct, sizeof pct, "-");
        if (row->changed) signed_number(row->dpercent, comma, dpct, sizeof dpct);
        else snprintf(dpct, sizeof dpct, "-");
        fputs("  ", out);
        print_padded_right(out, pct, 8);
        fputs("  ", out);
        print_padded_right(out, dpct, 8);
        for (int f = 0; f < g->nfields; f++) {
            char pts[48], d[48], pl[24], cell[128];
            if (f < row->now->nfields) display_rat(unit_fpoints(row->now, f), flags, pts, sizeof pts);
            else snprintf(pts, sizeof pts, "-");
            if (row->field_compared[f]) {
                signed_number(row->dfield[f], comma, d, sizeof d);
                places_text(row->dfield_places[f], row->dfield_places[f] != PUBLISHED_NO_PLACES, pl, sizeof pl);
                snprintf(cell, sizeof cell, "%s %s %s", pts, d, pl);
            } else {
                snprintf(cell, sizeof cell, "%s %s", pts, g->field_before[f] < 0 ? _("(new)") : "-");
            }
            fputs("  ", out);
            print_padded_right(out, cell, 22);
        }
        fputc('\n', out);
    }
    char a[48], bb[48];
    fputs("  ", out);
    fprintf(out, _("Rose: %ld · fell: %ld · unchanged: %ld"), g->rose, g->fell, g->same);
    fputc('\n', out);
    if (g->largest_rise) {
        signed_number(g->largest_rise->dpercent, comma, a, sizeof a);
        fprintf(out, "  %s: %s %s", _("Rose the most"), batch_unit_label(g->largest_rise->now), a);
    }
    if (g->largest_fall) {
        signed_number(g->largest_fall->dpercent, comma, a, sizeof a);
        fprintf(out, "%s%s: %s %s", g->largest_rise ? " · " : "  ", _("Fell the most"),
                batch_unit_label(g->largest_fall->now), a);
    }
    if (g->largest_rise || g->largest_fall) fputc('\n', out);
    if (g->has_mean) {
        display_rat(g->mean, flags, a, sizeof a);
        fprintf(out, "  %s: %s%%", _("Mean percent"), a);
        if (g->has_previous_mean) {
            bool of = false;
            signed_number(rat_sub(g->mean, g->previous_mean, &of), comma, bb, sizeof bb);
            if (!of) fprintf(out, " (%s)", bb);
        }
        fprintf(out, " · %s: ", _("above the mean"));
        fprintf(out, chiso_ngettext("%ld unit", "%ld units", (unsigned long)g->above_mean), g->above_mean);
        fputc('\n', out);
    }
    if (g->ngrades) {
        fprintf(out, "  %s:", _("Grades (groups)"));
        for (int i = 0; i < g->ngrades; i++) fprintf(out, "%s %s: %ld", i ? " ·" : "", g->grades[i], g->grade_counts[i]);
        if (g->no_grade) fprintf(out, " · %s: %ld", _("no grade"), g->no_grade);
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
    fputs("<h2>", out);
    html_text(out, _("Results as published"));
    if (g->level) {
        fprintf(out, " · %s ", _("level"));
        html_text(out, g->level);
    }
    fprintf(out, " · %s ", _("period"));
    html_text(out, g->period);
    fprintf(out, " %s ", _("against period"));
    html_text(out, g->previous);
    fputs("</h2>\n", out);
    if (g->prev_ci && g->prev_ci != g->ci) {
        fprintf(out, "<p>%s: ", _("New version"));
        html_text(out, g->ci->index->source);
        fprintf(out, " (%s: ", _("previous period"));
        html_text(out, g->prev_ci->index->source);
        fputs(")</p>\n", out);
        if (g->nrenamed) {
            fprintf(out, "<p>%s: ", _("Renamed"));
            for (size_t i = 0; i < g->nrenamed; i++) {
                if (i) fputs(", ", out);
                html_text(out, g->renamed_from[i]);
                fputs(" → ", out);
                html_text(out, g->renamed_to[i]);
            }
            fputs("</p>\n", out);
        }
        html_nodes(out, _("New"), g->added, g->nadded);
        html_nodes(out, _("Gone"), g->gone, g->ngone);
    }
    fprintf(out, "<table class=\"published\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
            _("Rank"), _("± rank"), _("Unit"), _("Percent %"), _("± points %"));
    const cnode_t *root = &g->ci->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        const node_t *field = g->ci->nodes[root->children[f]].src;
        fputs("<th>", out);
        html_text(out, field->id);
        fputs(" ", out);
        html_text(out, field->name);
        fprintf(out, "<br><small>%s</small></th>", _("points · ± points · ± rank"));
    }
    fputs("</tr></thead><tbody>\n", out);
    for (size_t r = 0; r < g->nrows; r++) {
        const published_row_t *row = &g->rows[r];
        if (row->now->rank) fprintf(out, "<tr><td class=\"n\">%ld</td><td class=\"n\">", (long)row->now->rank);
        else fputs("<tr><td class=\"n\">-</td><td class=\"n\">", out);
        places_text(row->dplaces, row->has_dplaces, a, sizeof a);
        if (!row->before) fputs(_("NEW"), out);
        else html_change(out, a);
        fputs("</td><td>", out);
        html_text(out, batch_unit_label(row->now));
        fputs("</td><td class=\"n\">", out);
        if (unit_has_percent(row->now)) html_text(out, display_rat(unit_percent(row->now), DISPLAY_FIXED, a, sizeof a));
        fputs("</td><td class=\"n\">", out);
        if (row->changed) {
            signed_number(row->dpercent, false, a, sizeof a);
            html_change(out, a);
        }
        fputs("</td>", out);
        for (int f = 0; f < g->nfields; f++) {
            fputs("<td class=\"n\">", out);
            if (f < row->now->nfields) html_text(out, display_rat(unit_fpoints(row->now, f), DISPLAY_FIXED, a, sizeof a));
            if (row->field_compared[f]) {
                signed_number(row->dfield[f], false, a, sizeof a);
                places_text(row->dfield_places[f], row->dfield_places[f] != PUBLISHED_NO_PLACES, b, sizeof b);
                fputs(" · ", out);
                html_change(out, a);
                fputs(" · ", out);
                html_change(out, b);
            } else if (g->field_before[f] < 0) {
                fprintf(out, " %s", _("(new)"));
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n<ul class=\"published-summary\">\n", out);
    fputs("<li>", out);
    fprintf(out, _("Rose: %ld · fell: %ld · unchanged: %ld"), g->rose, g->fell, g->same);
    fputs("</li>\n", out);
    if (g->largest_rise) {
        signed_number(g->largest_rise->dpercent, false, a, sizeof a);
        fprintf(out, "<li>%s: ", _("Rose the most"));
        html_text(out, batch_unit_label(g->largest_rise->now));
        fputc(' ', out);
        html_change(out, a);
        fputs("</li>\n", out);
    }
    if (g->largest_fall) {
        signed_number(g->largest_fall->dpercent, false, a, sizeof a);
        fprintf(out, "<li>%s: ", _("Fell the most"));
        html_text(out, batch_unit_label(g->largest_fall->now));
        fputc(' ', out);
        html_change(out, a);
        fputs("</li>\n", out);
    }
    if (g->has_mean) {
        display_rat(g->mean, DISPLAY_FIXED, a, sizeof a);
        fprintf(out, "<li>%s: %s%%", _("Mean percent"), a);
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
        fprintf(out, " · %s: ", _("above the mean"));
        fprintf(out, chiso_ngettext("%ld unit", "%ld units", (unsigned long)g->above_mean), g->above_mean);
        fputs("</li>\n", out);
    }
    if (g->ngrades) {
        fprintf(out, "<li>%s:", _("Grades (groups)"));
        for (int i = 0; i < g->ngrades; i++) {
            fputs(i ? " · " : " ", out);
            html_text(out, g->grades[i]);
            fprintf(out, ": %ld", g->grade_counts[i]);
        }
        if (g->no_grade) fprintf(out, " · %s: %ld", _("no grade"), g->no_grade);
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

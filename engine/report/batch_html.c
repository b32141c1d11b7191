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

#include "engine/eval/result.h"
#include "engine/report/band_text.h"
#include "engine/report/display.h"
#include "engine/report/html_frame.h"
#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"
#include "engine/support/xml.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* What every part of the page needs: the decimal mark, the bands as written. */
typedef struct {
    unsigned comma; /* DISPLAY_COMMA with --decimal-comma, else 0 */
    band_text_t bands;
} page_t;

static const char *or_empty(const char *s) { return s ? s : ""; }

/* HTML text and attribute values escape like XML. */
#define esc xml_escape

/* A formatted text (a message with figures), escaped. */
static void esc_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void esc_printf(FILE *out, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    esc(out, buf);
}

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

static void bar_chart(FILE *out, unit_summary_t **order, size_t n, const page_t *pg)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) shown += order[i]->ok && unit_has_percent(order[i]);
    int row = 22, left = 260, width = 460, height = (int)shown * row + 30;
    fputs("<svg class=\"chart\" role=\"img\" aria-label=\"", out);
    esc(out, _("Percent of each unit"));
    fprintf(out, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n",
            left + width + 70, height, left + width + 70, height);
    for (int g = 0; g <= 100; g += 25)
        fprintf(out, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#d1d5db\"/>"
                     "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">%d%%</text>\n",
                left + width * g / 100, left + width * g / 100, height - 20, left + width * g / 100, height - 6, g);
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        const unit_summary_t *u = order[i];
        if (!u->ok || !unit_has_percent(u)) continue;
        double p = rat_to_double(unit_percent(u));
        char color[16];
        heat_color(p, color, sizeof color);
        fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 6, y + 15);
        esc(out, batch_unit_label(u));
        fprintf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>",
                left, y + 3, width * p / 100.0, color);
        esc(out, batch_unit_label(u));
        char label_pct[48];
        display_rat(unit_percent(u), DISPLAY_FIXED | pg->comma, label_pct, sizeof label_pct);
        fprintf(out, ": %s%%</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s%%</text>\n",
                label_pct, left + width * p / 100.0 + 4, y + 15, label_pct);
        y += row;
    }
    fputs("</svg>\n", out);
}

static void heat_map(FILE *out, unit_summary_t **order, size_t n, const char **ids, const char **names,
                     int nfields, const page_t *pg)
{
    int cell = 56, rowh = 22, left = 260, top = 34;
    size_t rows = 0;
    for (size_t i = 0; i < n; i++) rows += order[i]->ok;
    int w = left + cell * nfields + 10, h = top + (int)rows * rowh + 10;
    fputs("<svg class=\"heatmap\" role=\"img\" aria-label=\"", out);
    esc(out, _("Heat map by field"));
    fprintf(out, "\" width=\"%d\" "
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
            double p = pct_of(unit_fpoints(u, f), unit_fmax(u, f));
            char color[16];
            heat_color(p, color, sizeof color);
            fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>",
                    left + f * cell, y, cell, rowh, color);
            esc(out, batch_unit_label(u));
            fputs(" · ", out);
            esc(out, names[f]);
            bool of = false;
            rat_t share = p >= 0 ? rat_div(unit_fpoints(u, f), unit_fmax(u, f), &of) : rat_int(0);
            char tip[48], whole[48];
            if (of) {
                display_double(p / 100, DISPLAY_PERCENT | DISPLAY_FIXED | pg->comma, tip, sizeof tip);
                display_double(p, DISPLAY_WHOLE, whole, sizeof whole);
            } else {
                display_rat(share, DISPLAY_PERCENT | DISPLAY_FIXED | pg->comma, tip, sizeof tip);
                display_rat(rat_mul(share, rat_int(100), &of), DISPLAY_WHOLE, whole, sizeof whole);
            }
            if (p >= 0) fprintf(out, ": %s</title></rect>", tip);
            else {
                fputs(": ", out);
                esc(out, _("not applicable"));
                fputs("</title></rect>", out);
            }
            if (p >= 0)
                fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                        left + f * cell + cell / 2, y + 15, whole);
        }
        fputc('\n', out);
        y += rowh;
    }
    fputs("</svg>\n", out);
}

/* Every criterion across the units of each level and period, those losing
 * the most points first, with a bar for the share lost. */
static void criteria_html(const criteria_t *c, FILE *out, const page_t *pg)
{
    for (size_t gi = 0; gi < c->ngroups; gi++) {
        const criteria_group_t *g = &c->groups[gi];
        int *order;
        int n = criteria_order(c, g, &order);
        fputs("<h2>", out);
        esc(out, _("Statistics by criterion"));
        if (g->level) {
            fprintf(out, " · %s ", _("level"));
            esc(out, g->level);
        }
        if (g->period) {
            fprintf(out, " · %s ", _("period"));
            esc(out, g->period);
        }
        fputs("</h2>\n<p>", out);
        fprintf(out, chiso_ngettext("%ld unit; the criteria losing the most points first.",
                                    "%ld units; the criteria losing the most points first.", (unsigned long)g->units),
                g->units);
        fputs("</p>\n<table class=\"criteria\"><thead><tr>", out);
        static const char *const heads[] = {N_("Code"), N_("Criterion"), N_("Mean points"), N_("Maximum"),
                                            N_("Lost"), N_("Full points"), N_("Zero points"), N_("Not applicable")};
        for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
            fputs("<th>", out);
            esc(out, _(heads[h]));
            fputs("</th>", out);
        }
        fputs("</tr></thead><tbody>\n", out);
        for (int k = 0; k < n; k++) {
            const cnode_t *cn = &g->ci->nodes[order[k]];
            const node_stat_t *s = &g->nodes[order[k]];
            fputs("<tr><td>", out);
            esc(out, cn->src->id);
            fputs("</td><td>", out);
            esc(out, cn->src->name);
            if (s->scored) {
                char mean[48], max[48], loss[48];
                criteria_figures(s, DISPLAY_FIXED | pg->comma, mean, max, loss, sizeof mean);
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
    fputs("<h2 class=\"err\">", out);
    esc(out, _("Units not scored"));
    fputs(" · ", out);
    fprintf(out, chiso_ngettext("%zu unit", "%zu units", failed), failed);
    fprintf(out, "</h2>\n<table class=\"errors\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                 "</tr></thead><tbody>\n", _("Unit"), _("Level"), _("Period"), _("File"), _("Error"));
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (u->ok) continue;
        fputs("<tr><td>", out);
        esc(out, batch_unit_label(u));
        fputs("</td><td>", out);
        esc(out, unit_level(u));
        fputs("</td><td>", out);
        esc(out, unit_period(u));
        fputs("</td><td>", out);
        char ob[UNIT_ORIGIN_SIZE];
        esc(out, unit_origin(u, ob));
        fputs("</td><td class=\"err\"><ul>", out);
        for (const char *e = or_empty(unit_error(u)); *e;) {
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
static void trend_html(const batch_t *b, FILE *out, const page_t *pg)
{
    trend_t t;
    trend_build(b, &t);
    for (size_t l = 0; l < t.nlevels; l++) {
        const trend_level_t *lv = &t.levels[l];
        fputs("<h2>", out);
        esc(out, _("Trend"));
        if (lv->level) {
            fprintf(out, " · %s ", _("level"));
            esc(out, lv->level);
        }
        fprintf(out, "</h2>\n<table class=\"trend\"><thead><tr><th>%s</th>", _("Unit"));
        for (int p = 0; p < lv->nperiods; p++) {
            fprintf(out, "<th>%s ", _("Period"));
            esc(out, lv->periods[p]);
            fprintf(out, " (%s)</th>", _("rank"));
        }
        fprintf(out, "<th>%s</th></tr></thead><tbody>\n", _("Change"));
        for (size_t r = 0; r < lv->nrows; r++) {
            const trend_row_t *row = &lv->rows[r];
            fputs("<tr><td>", out);
            esc(out, row->label);
            fputs("</td>", out);
            for (int p = 0; p < lv->nperiods; p++) {
                char cell[96];
                trend_cell_text(row->cells[p], pg->comma != 0, cell, sizeof cell);
                fputs(row->cells[p] && !row->cells[p]->ok ? "<td class=\"n err\">" : "<td class=\"n\">", out);
                esc(out, cell);
                fputs("</td>", out);
            }
            char pct[64], places[32];
            trend_change(lv, row, pg->comma != 0, pct, sizeof pct, places, sizeof places);
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

/* A number rounded as published (2 decimals, a whole number as it is),
 * the exact value in a tooltip when rounding changed it. */
static void rounded(FILE *out, json_t *v, unsigned flags, const page_t *pg)
{
    char shown[256], exact[256];
    bool whole = json_is_integer(v) && !(flags & (DISPLAY_PERCENT | DISPLAY_FIXED));
    display_value(v, flags | pg->comma | (whole ? 0 : DISPLAY_FIXED), "", shown, sizeof shown);
    display_value(v, (flags & ~(unsigned)DISPLAY_FIXED) | pg->comma, "", exact, sizeof exact);
    if (json_is_number(v) && !(flags & DISPLAY_PERCENT) && strcmp(shown, exact)) {
        fputs("<span title=\"", out);
        esc(out, exact);
        fputs("\">", out);
        esc(out, shown);
        fputs("</span>", out);
    } else if (json_is_number(v) && (flags & DISPLAY_PERCENT)) {
        /* a ratio: the exact value as the submission's number */
        display_value(v, pg->comma, "", exact, sizeof exact);
        fputs("<span title=\"", out);
        esc(out, exact);
        fputs("\">", out);
        esc(out, shown);
        fputs("</span>", out);
    } else {
        esc(out, shown);
    }
}

static void node_rows(FILE *out, json_t *node, int depth, const page_t *pg)
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
    rounded(out, json_object_get(node, "value"), fmt && !strcmp(fmt, "percent") ? DISPLAY_PERCENT | DISPLAY_FIXED : 0, pg);
    fputs("</td><td>", out);
    char band[256];
    esc(out, band_text(&pg->bands, json_string_value(json_object_get(node, "id")),
                       json_string_value(json_object_get(node, "band")), band, sizeof band));
    if (status && strcmp(status, "scored")) {
        fputc(' ', out);
        esc(out, status[0] == 'n' ? _("not applicable") : _("missing data"));
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
        char late_days[256], taken[256], limit[256];
        display_value(json_object_get(late, "days_late"), 0, "", late_days, sizeof late_days);
        if (days) {
            display_value(json_object_get(late, "days_taken"), 0, "", taken, sizeof taken);
            display_value(json_object_get(late, "limit_days"), 0, "", limit, sizeof limit);
            esc_printf(out, _("%s days over the time allowed: %s days taken, %s days allowed"), late_days, taken,
                       limit);
        } else {
            esc_printf(out, _("%s days late: %s, due %s"), late_days,
                       or_empty(json_string_value(json_object_get(late, "date"))),
                       or_empty(json_string_value(json_object_get(late, "due"))));
        }
        fputs("</small>", out);
    }
    fputs("</td><td class=\"n\">", out);
    rounded(out, json_object_get(node, "points"), DISPLAY_FIXED, pg);
    fputs(" / ", out);
    rounded(out, json_object_get(node, "max"), DISPLAY_FIXED, pg);
    fputs("</td></tr>\n", out);
    json_t *k;
    json_array_foreach(kids, i, k) node_rows(out, k, depth + 1, pg);
}

static void scorecard(FILE *out, json_t *r, const unit_summary_t *u, const page_t *pg)
{
    /* open: a printed or PDF report must hold every scorecard */
    fputs("<details class=\"card\" open><summary>", out);
    esc(out, batch_unit_label(u));
    if (unit_period(u)) {
        fprintf(out, " · %s ", _("period"));
        esc(out, unit_period(u));
    }
    if (!u->ok) {
        fputs(" — <b class=\"err\">", out);
        esc(out, _("error"));
        fputs("</b></summary><ul>", out);
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
    display_rat(unit_points(u), DISPLAY_FIXED | pg->comma, pts, sizeof pts);
    display_rat(unit_max(u), DISPLAY_FIXED | pg->comma, mx, sizeof mx);
    fprintf(out, " — %s / %s", pts, mx);
    if (unit_has_percent(u)) {
        char pct[48];
        fprintf(out, " (%s%%)", display_rat(unit_percent(u), DISPLAY_FIXED | pg->comma, pct, sizeof pct));
    }
    if (unit_grade(u)) {
        fputs(" · ", out);
        esc(out, unit_grade(u));
    }
    if (u->rank) fprintf(out, " · %s %ld", _("rank"), (long)u->rank);
    if (unit_origins(u)) {
        char a[48], am[48], sv[48], sm[48];
        fprintf(out, " · %s %s / %s · %s %s / %s", _("appraisal"),
                display_rat(unit_origins(u)[0], DISPLAY_FIXED | pg->comma, a, sizeof a),
                display_rat(unit_origins(u)[1], DISPLAY_FIXED | pg->comma, am, sizeof am), _("social survey"),
                display_rat(unit_origins(u)[2], DISPLAY_FIXED | pg->comma, sv, sizeof sv),
                display_rat(unit_origins(u)[3], DISPLAY_FIXED | pg->comma, sm, sizeof sm));
    }
    json_t *version = json_object_get(r, "version"); /* the version of the index that scored it */
    if (version) {
        fprintf(out, " · %s ", _("version"));
        const char *src = json_string_value(json_object_get(version, "source"));
        if (src) {
            esc(out, src);
            fputs(", ", out);
        }
        fprintf(out, "%s ", _("applies to"));
        esc(out, json_string_value(json_object_get(version, "applies_to")));
    }
    fprintf(out, "</summary>\n<table class=\"card\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                 "<th>%s</th></tr></thead><tbody>\n", _("Code"), _("Criterion"), _("Value"), _("Band"), _("Points"));
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(r, "nodes"), i, n) node_rows(out, n, 0, pg);
    fputs("</tbody></table>\n", out);
    json_t *findings = json_object_get(r, "findings");
    if (json_array_size(findings)) {
        fprintf(out, "<p>%s:</p><ul>", _("Findings noted"));
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

/* " · <span class=css>colour</span>: meaning", one text colour of the legend. */
static void legend_text(FILE *out, const char *css, const char *colour, const char *meaning)
{
    fprintf(out, " · <span class=\"%s\">", css);
    esc(out, colour);
    fputs("</span>: ", out);
    esc(out, meaning);
}

/* What each colour of the page means. */
static void legend(FILE *out)
{
    char lo[16], mid[16], hi[16];
    heat_color(0, lo, sizeof lo);
    heat_color(50, mid, sizeof mid);
    heat_color(100, hi, sizeof hi);
    fprintf(out, "<div class=\"legend\"><b>%s:</b> "
                 "<span class=\"sw\" style=\"background:linear-gradient(90deg,%s,%s,%s)\"></span> ",
            _("Colours"), lo, mid, hi);
    esc(out, _("points as a share of the maximum, from 0% (red) through 50% (amber) to 100% (green) — in the bar "
               "chart and the heat map"));
    fputs(" · <span class=\"sw\" style=\"background:#e5e7eb\"></span> ", out);
    esc(out, _("field not applicable"));
    fputs(" · <span class=\"sw\" style=\"background:#dc2626\"></span> ", out);
    esc(out, _("bar of the share of points lost (statistics)"));
    legend_text(out, "err", _("red text"), _("errors, rank fell"));
    legend_text(out, "up", _("green text"), _("rank rose"));
    legend_text(out, "muted", _("grey text"), _("criterion not applicable or data missing"));
    fputs(" · ", out);
    esc(out, _("rows on grey: fields, groups of criteria"));
    fputs("</div>\n", out);
}

bool batch_render_html(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o, FILE *out)
{
    page_t pg;
    memset(&pg, 0, sizeof pg);
    pg.comma = o->decimal_comma ? DISPLAY_COMMA : 0;
    band_text_init(&pg.bands, prog, index);
    const char **ids, **names;
    int nfields = batch_fields(prog, index, &ids, &names);
    const char *title = chiso_program_index_name(prog, index);
    unit_summary_t **order = xmalloc(sizeof *order * (b->count ? b->count : 1));
    size_t ok = 0; /* the units scored, ranked per level and period; those in error after */
    for (size_t i = 0; i < b->count; i++)
        if (b->units[i].ok) order[ok++] = &b->units[i];
    if (ok) qsort(order, ok, sizeof *order, batch_by_group_rank);

    /* The footer's short form, at the foot of every printed page. */
    char page_note[512];
    html_provenance_note(prog, page_note, sizeof page_note);

    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head>", chiso_i18n_lang() == CHISO_LANG_VI ? "vi" : "en");
    fputs("<meta charset=\"utf-8\">\n<title>", out);
    esc(out, title);
    fputs("</title>\n", out);
    html_page_style(out, page_note);
    fputs("</head><body>\n", out);
    if (o->frame && o->frame->any) html_frame_head(out, o->frame);
    fputs("<h1>", out);
    esc(out, title);
    fputs("</h1>\n<p>", out);
    esc_printf(out, _("%zu units scored, %zu units in error. Ranked by points as a share of the maximum, separately "
                      "for each level and period. Figures rounded to 2 decimals (halves away from zero); hover over "
                      "a number to see its exact value."), ok, b->count - ok);
    fputs("</p>\n<h2>", out);
    esc(out, _("Ranking table"));
    fputs("</h2>\n<table class=\"ranking\"><thead><tr>", out);
    static const char *const heads[] = {N_("Rank"), N_("Unit"), N_("Level"), N_("Period"), N_("Points"),
                                        N_("Maximum"), N_("Percent"), N_("Grade")};
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
        fputs("<th>", out);
        esc(out, _(heads[h]));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    for (size_t i = 0; i < ok; i++) {
        const unit_summary_t *u = order[i];
        if (i == 0 || strcmp(or_empty(unit_level(u)), or_empty(unit_level(order[i - 1]))) ||
            strcmp(or_empty(unit_period(u)), or_empty(unit_period(order[i - 1])))) {
            fputs("<tr class=\"group\"><td colspan=\"8\">", out);
            if (unit_level(u)) fprintf(out, "%s ", _("Level"));
            esc(out, unit_level(u));
            fputs(unit_level(u) && unit_period(u) ? " · " : "", out);
            if (unit_period(u)) fprintf(out, "%s ", _("Period"));
            esc(out, unit_period(u));
            if (!unit_level(u) && !unit_period(u)) esc(out, _("Unit"));
            fputs("</td></tr>\n", out);
        }
        if (u->rank) fprintf(out, "<tr><td class=\"n\">%ld</td><td>", (long)u->rank);
        else fputs("<tr><td class=\"n\">-</td><td>", out);
        esc(out, batch_unit_label(u));
        fputs("</td><td>", out);
        esc(out, unit_level(u));
        fputs("</td><td>", out);
        esc(out, unit_period(u));
        char pts[48], mx[48], exact[48];
        display_rat(unit_points(u), DISPLAY_FIXED | pg.comma, pts, sizeof pts);
        display_rat(unit_max(u), DISPLAY_FIXED | pg.comma, mx, sizeof mx);
        display_rat(unit_points(u), pg.comma, exact, sizeof exact);
        fputs("</td><td class=\"n\"><span title=\"", out);
        esc(out, exact);
        fprintf(out, "\">%s</span></td><td class=\"n\">%s</td><td class=\"n\">", pts, mx);
        if (unit_has_percent(u)) {
            char pct[48];
            display_rat(unit_percent(u), pg.comma, exact, sizeof exact);
            fputs("<span title=\"", out);
            esc(out, exact);
            fprintf(out, "%%\">%s%%</span>", display_rat(unit_percent(u), DISPLAY_FIXED | pg.comma, pct, sizeof pct));
        }
        fputs("</td><td>", out);
        esc(out, unit_grade(u));
        if (unit_unranked(u)) fprintf(out, " (%s)", _("not ranked"));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    errors_html(b, out);
    trend_html(b, out, &pg);
    published_t published;
    published_build(b, &published);
    published_print_html(&published, out);
    published_free(&published);
    legend(out);
    fputs("<h2>", out);
    esc(out, _("Percent of each unit"));
    fputs("</h2>\n", out);
    bar_chart(out, order, ok, &pg);
    fputs("<h2>", out);
    /* xgettext:no-c-format */
    esc(out, _("Results by field (% of the field's maximum)"));
    fputs("</h2>\n<p>", out);
    for (int f = 0; f < nfields; f++) {
        fputs(f ? " · " : "", out);
        esc(out, ids[f]);
        fputs(": ", out);
        esc(out, names[f]);
    }
    fputs("</p>\n", out);
    heat_map(out, order, ok, ids, names, nfields, &pg);

    if (b->has_criteria) criteria_html(&b->criteria, out, &pg);
    if (o->frame && o->frame->any) html_frame_signature(out, o->frame);
    fputs("<h2>", out);
    esc(out, _("Scorecards"));
    fputs("</h2>\n", out);
    char *line = NULL;
    size_t cap = 0;
    bool whole = true;
    for (size_t i = 0; i < b->count; i++) {
        size_t n;
        json_t *j = batch_spool_next(b, &line, &cap, &n) ? result_json_load(line, n, false, NULL) : NULL;
        if (!j) { /* the spool ended early or is damaged: no page rather than part of one */
            whole = false;
            break;
        }
        scorecard(out, j, &b->units[i], &pg);
        json_decref(j);
    }
    free(line);
    if (whole) html_provenance_footer(out, prog);
    if (whole) fputs("</body></html>\n", out);
    band_text_free(&pg.bands);
    free(order);
    free(ids);
    free(names);
    return whole && !ferror(out);
}

/* appraise_html.c — the appraisal report, its CSV table and the
 * explanation packet as HTML: one self-contained page (no scripts, no
 * outside resources) that a secretariat can publish or print. */
#include "appraise.h"

#include "engine/support/xml.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <string.h>

static const char *const STAGES[] = {"claimed", "round1", "round2", "final"};
#define NST 4

json_t **appraise_units_by_rank(json_t *report, size_t *n);
json_t *appraise_find_unit(json_t *report, const char *unit);
bool appraise_packet_node(json_t *n);
const char *appraise_round1_reason(json_t *n);

static const char *txt(json_t *o, const char *k)
{
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : "";
}

static void esc(FILE *out, const char *s) { xml_escape(out, s ? s : ""); }

static void num(FILE *out, json_t *v)
{
    char b[48];
    appraise_fmt2(v, b, sizeof b);
    fputs(b, out);
}

static const char *label(json_t *u)
{
    json_t *unit = json_object_get(u, "unit");
    if (txt(unit, "name")[0]) return txt(unit, "name");
    if (txt(unit, "id")[0]) return txt(unit, "id");
    return txt(u, "folder");
}

static void rank_cell(FILE *out, json_t *t)
{
    json_t *rk = json_object_get(t, "rank"), *ch = json_object_get(t, "rank_change");
    if (!json_is_integer(rk)) {
        fputs("-", out);
        return;
    }
    fprintf(out, "%lld", (long long)json_integer_value(rk));
    long long c = json_is_integer(ch) ? json_integer_value(ch) : 0;
    if (c > 0) fprintf(out, " <span class=\"up\">↑%lld</span>", c);
    if (c < 0) fprintf(out, " <span class=\"down\">↓%lld</span>", -c);
}

static void head(FILE *out, const char *title)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>",
            chiso_i18n_lang() == CHISO_LANG_VI ? "vi" : "en");
    esc(out, title);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:1.5em;max-width:75em}"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}.n{white-space:nowrap}"
          "th{background:#f3f4f6}.n{text-align:right}.err{color:#b91c1c}.up{color:#047857}.down{color:#b91c1c}"
          ".answer{border-bottom:1px dotted #999;height:4em}</style></head><body>\n", out);
}

static void provenance(FILE *out, json_t *report)
{
    json_t *p = json_object_get(report, "provenance");
    fprintf(out, "<p class=\"provenance\">%s: <code>", _("Rules file"));
    esc(out, txt(p, "rules"));
    fputs("</code> · SHA-256 <code>", out);
    esc(out, txt(p, "rules_sha256"));
    fputs("</code> · ", out);
    esc(out, txt(p, "engine"));
    fprintf(out, " · %s: ", _("up to the stage"));
    esc(out, appraise_stage_label(txt(p, "round")));
    fprintf(out, " · %s ", _("made at"));
    esc(out, txt(p, "generated_at"));
    fputs("</p>\n", out);
}

void chiso_appraise_print_html(json_t *report, FILE *out)
{
    json_t *p = json_object_get(report, "provenance");
    char *title = xasprintf("%s — %s · %s %s", _("Results of the appraisal"), txt(p, "index"), _("period"),
                            txt(p, "period"));
    head(out, title);
    fputs("<h1>", out);
    esc(out, title);
    fputs("</h1>\n", out);
    free(title);
    provenance(out, report);
    size_t n;
    json_t **order = appraise_units_by_rank(report, &n);
    fprintf(out, "<h2>%s</h2>\n<table class=\"ranking\"><thead><tr><th>%s</th>", _("Ranking after each stage"),
            _("Unit"));
    for (int s = 0; s < NST; s++) {
        fputs("<th>", out);
        esc(out, appraise_stage_label(STAGES[s]));
        fputs("</th>", out);
    }
    fprintf(out, "<th>%s</th></tr></thead><tbody>\n", _("Grade"));
    for (size_t i = 0; i < n; i++) {
        json_t *u = order[i], *totals = json_object_get(u, "totals");
        fputs("<tr><td>", out);
        esc(out, label(u));
        fputs("</td>", out);
        if (!totals) {
            fprintf(out, "<td colspan=\"5\" class=\"err\">%s</td></tr>\n", _("errors in the files: see below"));
            continue;
        }
        for (int s = 0; s < NST; s++) {
            json_t *t = json_object_get(totals, STAGES[s]);
            fputs("<td class=\"n\">", out);
            num(out, json_object_get(t, "percent"));
            fprintf(out, "%% · %s ", _("rank"));
            rank_cell(out, t);
            fputs("</td>", out);
        }
        fputs("<td>", out);
        esc(out, txt(json_object_get(totals, "final"), "grade"));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    free(order);
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u) {
        fputs("<h2>", out);
        esc(out, label(u));
        fputs("</h2>\n", out);
        if (strcmp(txt(u, "status"), "ok") != 0) {
            fputs("<ul class=\"err\">", out);
            size_t k;
            json_t *e;
            json_array_foreach(json_object_get(u, "errors"), k, e) {
                fputs("<li>", out);
                esc(out, json_string_value(e));
                fputs("</li>", out);
            }
            fputs("</ul>\n", out);
        } else {
            json_t *src = json_object_get(json_object_get(json_object_get(u, "totals"), "final"), "sources");
            if (src) {
                fprintf(out, "<p>%s: %s ", _("Of which, in the result"), _("appraisal"));
                num(out, json_object_get(json_object_get(src, "appraisal"), "points"));
                fputs(" / ", out);
                num(out, json_object_get(json_object_get(src, "appraisal"), "max"));
                fprintf(out, " · %s ", _("social survey"));
                num(out, json_object_get(json_object_get(src, "survey"), "points"));
                fputs(" / ", out);
                num(out, json_object_get(json_object_get(src, "survey"), "max"));
                fputs("</p>\n", out);
            }
            fprintf(out, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th>", _("Code"), _("Criterion"),
                    _("Maximum"));
            for (int s = 0; s < NST; s++) {
                fputs("<th>", out);
                esc(out, appraise_stage_label(STAGES[s]));
                fputs("</th>", out);
            }
            fprintf(out, "<th>%s</th></tr></thead><tbody>\n", _("Why changed, explanation"));
            size_t k;
            json_t *nd;
            json_array_foreach(json_object_get(u, "nodes"), k, nd) {
                if (!json_array_size(json_object_get(nd, "changes")) && !json_object_get(nd, "answer") &&
                    !json_is_true(json_object_get(json_object_get(nd, "round1"), "explanation_required")))
                    continue;
                fputs("<tr><td>", out);
                esc(out, txt(nd, "id"));
                fputs("</td><td>", out);
                esc(out, txt(nd, "name"));
                fputs("</td><td class=\"n\">", out);
                num(out, json_object_get(nd, "max"));
                fputs("</td><td class=\"n\">", out);
                num(out, json_object_get(nd, "claimed"));
                for (int s = 1; s < NST; s++) {
                    fputs("</td><td class=\"n\">", out);
                    json_t *st = json_object_get(nd, STAGES[s]);
                    if (st) num(out, json_object_get(st, "points"));
                }
                fputs("</td><td><ul>", out);
                size_t j;
                json_t *c;
                json_array_foreach(json_object_get(nd, "changes"), j, c) {
                    fputs("<li>", out);
                    esc(out, appraise_stage_label(txt(c, "stage")));
                    fputs(": ", out);
                    esc(out, txt(c, "reason"));
                    fputs("</li>", out);
                }
                json_t *ans = json_object_get(nd, "answer");
                if (ans) {
                    fprintf(out, "<li>%s: ", _("Explanation"));
                    esc(out, txt(ans, "text"));
                    size_t docs = json_array_size(json_object_get(ans, "evidence"));
                    fputs(" (", out);
                    fprintf(out, chiso_ngettext("%zu further document", "%zu further documents", docs), docs);
                    fputs(")</li>", out);
                }
                fputs("</ul></td></tr>\n", out);
            }
            fputs("</tbody></table>\n", out);
        }
        json_t *findings = json_object_get(u, "findings");
        if (json_array_size(findings)) {
            fprintf(out, "<p>%s:</p><ul>", _("Findings noted"));
            size_t k;
            json_t *f;
            json_array_foreach(findings, k, f) {
                fputs("<li>[", out);
                esc(out, appraise_stage_label(txt(f, "stage")));
                fputs("] ", out);
                esc(out, txt(f, "node"));
                fputs(" <code>", out);
                esc(out, txt(f, "kind"));
                fputs("</code> ", out);
                esc(out, txt(f, "message"));
                fputs("</li>", out);
            }
            fputs("</ul>\n", out);
        }
    }
    fputs("</body></html>\n", out);
}

static void csv_text(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (!quote) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') fputc('\'', out); /* not a formula in Excel */
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

void chiso_appraise_print_csv(json_t *report, FILE *out)
{
    fputs("\xEF\xBB\xBFid,name,status", out);
    for (int s = 0; s < NST; s++)
        fprintf(out, ",%s points,%s percent,%s grade,%s rank,%s rank change", STAGES[s], STAGES[s], STAGES[s],
                STAGES[s], STAGES[s]);
    fputs(",final appraisal points,final appraisal max,final survey points,final survey max,findings,error\r\n", out);
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u) {
        json_t *unit = json_object_get(u, "unit");
        csv_text(out, txt(unit, "id")[0] ? txt(unit, "id") : txt(u, "folder"));
        fputc(',', out);
        csv_text(out, txt(unit, "name"));
        fputc(',', out);
        fputs(txt(u, "status"), out);
        json_t *totals = json_object_get(u, "totals");
        for (int s = 0; s < NST; s++) {
            json_t *t = json_object_get(totals, STAGES[s]);
            char b[48];
            fputc(',', out);
            if (t) {
                appraise_fmt2(json_object_get(t, "points"), b, sizeof b);
                fputs(b, out);
            }
            fputc(',', out);
            if (t) {
                appraise_fmt2(json_object_get(t, "percent"), b, sizeof b);
                fputs(b, out);
            }
            fputc(',', out);
            if (t) csv_text(out, txt(t, "grade"));
            fputc(',', out);
            if (json_is_integer(json_object_get(t, "rank")))
                fprintf(out, "%lld", (long long)json_integer_value(json_object_get(t, "rank")));
            fputc(',', out);
            if (json_is_integer(json_object_get(t, "rank_change")))
                fprintf(out, "%lld", (long long)json_integer_value(json_object_get(t, "rank_change")));
        }
        json_t *src = json_object_get(json_object_get(totals, "final"), "sources");
        const char *okeys[] = {"appraisal", "survey"};
        for (int o = 0; o < 2; o++)
            for (int m = 0; m < 2; m++) {
                char b[48] = "";
                if (src) appraise_fmt2(json_object_get(json_object_get(src, okeys[o]), m ? "max" : "points"), b, sizeof b);
                fprintf(out, ",%s", b);
            }
        fprintf(out, ",%zu,", json_array_size(json_object_get(u, "findings")));
        json_t *errs = json_object_get(u, "errors");
        if (json_array_size(errs)) csv_text(out, json_string_value(json_array_get(errs, 0)));
        fputs("\r\n", out);
    }
}

bool chiso_appraise_print_packet_html(json_t *report, const char *unit, FILE *out)
{
    json_t *u = appraise_find_unit(report, unit);
    if (!u) return false;
    json_t *p = json_object_get(report, "provenance");
    char *title = xasprintf("%s — %s", _("Explanation form"), label(u));
    head(out, title);
    fputs("<h1>", out);
    esc(out, title);
    fputs("</h1>\n<p>", out);
    free(title);
    esc(out, txt(p, "index"));
    fprintf(out, " · %s ", _("period"));
    esc(out, txt(p, "period"));
    fprintf(out, "</p>\n<p>%s</p>\n", _("After appraisal round 1: the criteria given fewer points than the "
                                         "self-assessment, or asked about. The unit writes its explanation and "
                                         "further documents."));
    if (strcmp(txt(u, "status"), "ok") != 0) {
        fprintf(out, "<p class=\"err\">%s.</p></body></html>\n", _("The unit's files have errors; correct them first"));
        return true;
    }
    fputs("<table><thead><tr>", out);
    static const char *const heads[] = {N_("Code"), N_("Criterion"), N_("Maximum"), N_("Self-assessment"),
                                        N_("Appraisal round 1"), N_("The appraisers' opinion"),
                                        N_("Documents missing"), N_("Explanation, further documents")};
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) fprintf(out, "<th>%s</th>", _(heads[h]));
    fputs("</tr></thead><tbody>\n", out);
    size_t i, k = 0;
    json_t *n;
    json_array_foreach(json_object_get(u, "nodes"), i, n) {
        if (!appraise_packet_node(n)) continue;
        k++;
        fputs("<tr><td>", out);
        esc(out, txt(n, "id"));
        fputs("</td><td>", out);
        esc(out, txt(n, "name"));
        fputs("</td><td class=\"n\">", out);
        num(out, json_object_get(n, "max"));
        char a[48], b[48];
        appraise_fmt_pair(json_object_get(n, "claimed"), json_object_get(json_object_get(n, "round1"), "points"), a, b,
                          sizeof a);
        fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s", a, b);
        if (json_is_true(json_object_get(json_object_get(n, "round1"), "explanation_required")))
            fprintf(out, "<br>%s", _("explanation asked for"));
        fputs("</td><td>", out);
        esc(out, appraise_round1_reason(n));
        fputs("</td><td>", out);
        size_t j;
        json_t *m;
        json_array_foreach(json_object_get(n, "evidence_missing"), j, m) {
            fputs(j ? "<br>" : "", out);
            esc(out, json_string_value(m));
        }
        fputs("</td><td class=\"answer\"></td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    if (!k) fprintf(out, "<p>%s</p>\n", _("No criterion needs an explanation."));
    fputs("</body></html>\n", out);
    return true;
}

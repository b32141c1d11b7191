/* html_frame.c — the print chrome of the HTML reports (html_frame.h): the
 * administrative frame (issuing body, number, national motto, place and
 * date, title; recipients and signature), the provenance footer and its
 * short form on every printed page, and the page's style sheet, screen and
 * A4 print. */
#include "html_frame.h"

#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"
#include "engine/support/xml.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* HTML text and attribute values escape like XML. */
#define esc xml_escape

static const char *or_empty(const char *s) { return s ? s : ""; }

/* The frame of an administrative document (doc_frame.h): the issuing
 * body, number, place and date beside the national motto, then the title. */
void html_frame_head(FILE *out, const doc_frame_t *f)
{
    char *const *v = f->value;
    fputs("<header class=\"frame\"><table class=\"frame\"><tr><td class=\"issuer\">", out);
    if (v[FRAME_PARENT]) {
        esc(out, v[FRAME_PARENT]);
        fputs("<br>", out);
    }
    fputs("<b>", out);
    esc(out, v[FRAME_ISSUER]);
    fputs("</b>", out);
    if (v[FRAME_NUMBER]) {
        fprintf(out, "<hr class=\"short\">%s: ", _("No."));
        esc(out, v[FRAME_NUMBER]);
    }
    fprintf(out, "</td><td class=\"motto\"><b>%s</b><br><b class=\"u\">%s</b>", _("SOCIALIST REPUBLIC OF VIET NAM"),
            _("Independence - Freedom - Happiness"));
    if (v[FRAME_PLACE] || v[FRAME_DATE]) {
        char date[128];
        doc_frame_date(v[FRAME_DATE], date, sizeof date);
        fputs("<br><i>", out);
        esc(out, v[FRAME_PLACE]);
        fputs(v[FRAME_PLACE] && v[FRAME_DATE] ? ", " : "", out);
        esc(out, date);
        fputs("</i>", out);
    }
    fputs("</td></tr></table>", out);
    if (v[FRAME_TITLE]) {
        fputs("<p class=\"doctitle\">", out);
        esc(out, v[FRAME_TITLE]);
        fputs("</p>", out);
    }
    fputs("</header>\n", out);
}

/* Recipients on the left, the signature block on the right. */
void html_frame_signature(FILE *out, const doc_frame_t *f)
{
    char *const *v = f->value;
    if (!v[FRAME_SIGNER] && !v[FRAME_SIGNER_TITLE] && !v[FRAME_AUTHORITY] && !v[FRAME_RECIPIENTS]) return;
    fputs("<table class=\"frame signature\"><tr><td class=\"recipients\">", out);
    if (v[FRAME_RECIPIENTS]) {
        fprintf(out, "<b><i>%s:</i></b><ul>", _("Recipients"));
        for (const char *r = v[FRAME_RECIPIENTS]; *r;) {
            size_t n = strcspn(r, ";");
            char *one = xstrndup(r, n);
            char *t = one + strspn(one, " ");
            if (*t) {
                fputs("<li>- ", out);
                esc(out, t);
                fputs("</li>", out);
            }
            free(one);
            r += n + (r[n] == ';');
        }
        fputs("</ul>", out);
    }
    fputs("</td><td class=\"signer\">", out);
    if (v[FRAME_AUTHORITY]) {
        fputs("<b>", out);
        esc(out, v[FRAME_AUTHORITY]);
        fputs("</b><br>", out);
    }
    fputs("<b>", out);
    esc(out, v[FRAME_SIGNER_TITLE]);
    fputs("</b><div class=\"sign-space\"></div><b>", out);
    esc(out, v[FRAME_SIGNER]);
    fputs("</b></td></tr></table>\n", out);
}

/* The provenance of the results, as the footer shows it. */
typedef struct {
    json_t *json;
    const char *rules, *sha, *engine;
    char date[64]; /* "DD/MM/YYYY HH:MM UTC" */
} provenance_t;

static void provenance_read(const chiso_program *prog, provenance_t *p)
{
    p->json = json_loads(or_empty(chiso_program_provenance_json(prog)), 0, NULL);
    p->rules = json_string_value(json_object_get(p->json, "rules"));
    p->sha = json_string_value(json_object_get(p->json, "rules_sha256"));
    p->engine = json_string_value(json_object_get(p->json, "engine"));
    const char *when = json_string_value(json_object_get(p->json, "scored_at"));
    int y, m, d, hh, mm;
    p->date[0] = '\0';
    if (when && sscanf(when, "%4d-%2d-%2dT%2d:%2d", &y, &m, &d, &hh, &mm) == 5)
        snprintf(p->date, sizeof p->date, "%02d/%02d/%d %02d:%02d UTC", d, m, y, hh, mm);
}

void html_provenance_footer(FILE *out, const chiso_program *prog)
{
    provenance_t p;
    provenance_read(prog, &p);
    fputs("<footer class=\"provenance\">", out);
    esc(out, _("Scored at"));
    fputc(' ', out);
    esc(out, p.date);
    fprintf(out, " · %s <code>", _("rules file"));
    esc(out, p.rules);
    fputs("</code> (SHA-256 <code>", out);
    esc(out, p.sha);
    fputs("</code>)", out);
    size_t i;
    json_t *inc;
    json_array_foreach(json_object_get(p.json, "includes"), i, inc) {
        fprintf(out, " · %s <code>", _("includes"));
        esc(out, json_string_value(json_object_get(inc, "file")));
        fputs("</code> (SHA-256 <code>", out);
        esc(out, json_string_value(json_object_get(inc, "sha256")));
        fputs("</code>)", out);
    }
    fputs(" · ", out);
    esc(out, p.engine);
    fputs("</footer>\n", out);
    json_decref(p.json);
}

void html_provenance_note(const chiso_program *prog, char *buf, size_t size)
{
    provenance_t p;
    provenance_read(prog, &p);
    const char *base = p.rules ? strrchr(p.rules, '/') : NULL;
    snprintf(buf, size, "%s · %s · SHA-256 %.12s… · %s", p.date, base ? base + 1 : or_empty(p.rules),
             or_empty(p.sha), or_empty(p.engine));
    json_decref(p.json);
}

/* A CSS string: the text between double quotes, quotes and backslashes escaped. */
static void css_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', out);
        if (*s == '<') fputs("\\3c ", out); /* never a closing </style> */
        else if ((unsigned char)*s >= 0x20) fputc(*s, out);
    }
    fputc('"', out);
}

void html_page_style(FILE *out, const char *page_note)
{
    fputs("<style>\n"
          "body{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;margin:2em;color:#111827}\n"
          "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\n"
          "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d1d5db;padding:.25em .6em}\n"
          "th{background:#f3f4f6;text-align:left}td.n{text-align:right;white-space:nowrap}\n"
          "tr.group td{font-weight:bold;background:#f9fafb}tr.not_applicable td,tr.missing td,.muted{color:#6b7280}\n"
          ".err{color:#b91c1c}details{margin:.3em 0}summary{cursor:pointer}\n"
          ".up{color:#047857}.down{color:#b91c1c}\n"
          ".legend{margin:1em 0;font-size:.9em}.sw{display:inline-block;width:3em;height:.9em;vertical-align:middle;"
          "border:1px solid #9ca3af}\n"
          "span[title]{text-decoration:underline dotted #9ca3af}\n"
          "footer.provenance{margin-top:2em;font-size:.8em;color:#4b5563;border-top:1px solid #d1d5db;padding-top:.5em;"
          "overflow-wrap:anywhere}\n"
          "table.frame,table.frame td{border:none}table.frame{width:100%}td.issuer,td.motto{text-align:center;"
          "vertical-align:top}td.issuer{width:40%}td.motto b{white-space:nowrap}\n"
          "hr.short{width:30%;margin:.3em auto;border:0;border-top:1px solid #111}b.u{text-decoration:underline}\n"
          ".doctitle{text-align:center;font-weight:bold;font-size:1.15em;white-space:pre-line;margin:1.5em 0}\n"
          "td.recipients{width:50%;vertical-align:top;font-size:.85em}td.recipients ul{list-style:none;padding:0;"
          "margin:0}td.signer{text-align:center;vertical-align:top}.sign-space{height:6em}\n"
          "@page{size:A4;margin:15mm 12mm 18mm 12mm;@bottom-center{content:", out);
    css_string(out, page_note);
    fputc(' ', out);
    char page_word[64];
    snprintf(page_word, sizeof page_word, " · %s ", _("page"));
    css_string(out, page_word);
    fputs(" counter(page) \"/\" counter(pages);font-size:8pt;color:#4b5563}}\n"
          "@media print{body{margin:0;font-size:11pt}summary{list-style:none;font-weight:bold;font-size:1.1em}"
          "summary::-webkit-details-marker{display:none}"
          "details.card{break-before:page}table{page-break-inside:auto}tr{break-inside:avoid}"
          "table.card,table.ranking,table.criteria,table.errors{width:100%}table.card{table-layout:fixed}"
          "table.card th:nth-child(1){width:9%}table.card th:nth-child(2){width:47%}"
          "table.card th:nth-child(3){width:13%}table.card th:nth-child(4){width:13%}"
          "table.card th:nth-child(5){width:18%}"
          "thead{display:table-header-group}h2{break-after:avoid}svg{max-width:100%;height:auto}"
          "a{color:inherit;text-decoration:none}span[title]{text-decoration:none}}\n"
          "</style>", out);
}

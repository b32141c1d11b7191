/* appraise_text.c — the appraisal report and the explanation packet as
 * text, for the secretariat and the units (Vietnamese labels): provenance,
 * then per unit its totals after each stage with ranks and rank changes,
 * every node whose points changed with the reason, the answers, the
 * findings; then the ranking across stages. */
#include "appraise.h"

#include "engine/support/textwidth.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <string.h>

static const char *const STAGES[] = {"claimed", "round1", "round2", "final"};
#define NST 4

static const char *s_of(json_t *o, const char *k)
{
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *txt(json_t *o, const char *k)
{
    const char *s = s_of(o, k);
    return s ? s : "";
}

void appraise_fmt2(json_t *v, char *buf, size_t size)
{
    rat_t r;
    if (!appraise_json_rat(v, &r)) {
        snprintf(buf, size, "-");
        return;
    }
    rat_format_fixed(r, 2, buf, size);
}

void appraise_fmt_pair(json_t *x, json_t *y, char *a, char *b, size_t size)
{
    appraise_fmt2(x, a, size);
    appraise_fmt2(y, b, size);
    rat_t rx, ry;
    if (!strcmp(a, b) && appraise_json_rat(x, &rx) && appraise_json_rat(y, &ry) && rat_cmp(rx, ry) != 0) {
        rat_format(rx, 6, a, size);
        rat_format(ry, 6, b, size);
    }
}

const char *appraise_stage_label(const char *stage)
{
    if (!stage) return "";
    if (!strcmp(stage, "claimed") || !strcmp(stage, "self")) return _("Self-assessment");
    if (!strcmp(stage, "round1")) return _("Appraisal round 1");
    if (!strcmp(stage, "explanation")) return _("Explanation");
    if (!strcmp(stage, "round2")) return _("Appraisal round 2");
    if (!strcmp(stage, "final")) return _("Council (result)");
    return stage;
}

static const char *unit_label(json_t *u)
{
    json_t *unit = json_object_get(u, "unit");
    const char *s = s_of(unit, "name");
    if (!s) s = s_of(unit, "id");
    return s ? s : txt(u, "folder");
}

static void rank_text(json_t *t, char *buf, size_t n)
{
    json_t *rk = json_object_get(t, "rank"), *ch = json_object_get(t, "rank_change");
    if (!json_is_integer(rk)) {
        snprintf(buf, n, "-");
        return;
    }
    long long r = json_integer_value(rk), c = json_is_integer(ch) ? json_integer_value(ch) : 0;
    if (c > 0) snprintf(buf, n, "%lld (↑%lld)", r, c);
    else if (c < 0) snprintf(buf, n, "%lld (↓%lld)", r, -c);
    else snprintf(buf, n, "%lld", r);
}

static void print_provenance(json_t *report, FILE *out)
{
    json_t *p = json_object_get(report, "provenance");
    fprintf(out, "%s — %s", _("RESULTS OF THE APPRAISAL"), txt(p, "index"));
    if (s_of(p, "period")) fprintf(out, " · %s %s", _("period"), txt(p, "period"));
    fputc('\n', out);
    fprintf(out, "%s: %s (SHA-256 %s)\n", _("Rules file"), txt(p, "rules"),
            s_of(p, "rules_sha256") ? txt(p, "rules_sha256") : _("could not be read"));
    fprintf(out, "%s · %s: %s · %s %s\n\n", txt(p, "engine"), _("up to the stage"),
            appraise_stage_label(s_of(p, "round")), _("made at"), txt(p, "generated_at"));
}

static void print_evidence_list(json_t *ev, const char *indent, FILE *out)
{
    size_t i;
    json_t *e;
    json_array_foreach(ev, i, e) {
        fprintf(out, "%s· %s", indent, txt(e, "title"));
        if (s_of(e, "number") && s_of(e, "number")[0]) fprintf(out, ", %s %s", _("no."), s_of(e, "number"));
        if (s_of(e, "date") && s_of(e, "date")[0]) fprintf(out, ", %s %s", _("dated"), s_of(e, "date"));
        const char *where = s_of(e, "path") && s_of(e, "path")[0] ? s_of(e, "path") : s_of(e, "url");
        if (where && where[0]) fprintf(out, " (%s)", where);
        fputc('\n', out);
    }
}

static void print_findings(json_t *findings, FILE *out)
{
    if (!json_array_size(findings)) return;
    fprintf(out, "%s:\n", _("Findings of the scoring"));
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f)
        fprintf(out, "  - [%s] %s%s%s: %s\n", appraise_stage_label(s_of(f, "stage")), txt(f, "node"),
                s_of(f, "node") ? " " : "", s_of(f, "kind"), s_of(f, "message"));
}

/* A node's way through the stages: only nodes whose points changed or that
 * were asked about or answered. */
static void print_node_story(json_t *n, FILE *out)
{
    bool interesting = json_array_size(json_object_get(n, "changes")) || json_object_get(n, "answer");
    for (int s = 1; s < NST; s++)
        if (json_is_true(json_object_get(json_object_get(n, STAGES[s]), "explanation_required"))) interesting = true;
    if (!interesting) return;
    char a[48], b[48];
    appraise_fmt2(json_object_get(n, "max"), a, sizeof a);
    fprintf(out, "  %s  ", txt(n, "id"));
    print_padded(out, txt(n, "name"), 60);
    fprintf(out, " %s %s\n", _("max"), a);
    if (json_object_get(n, "claimed")) {
        appraise_fmt2(json_object_get(n, "claimed"), a, sizeof a);
        appraise_fmt2(json_object_get(n, "computed"), b, sizeof b);
        fprintf(out, "      %s %s (%s: %s)\n", _("Self-assessment"), a, _("by the data"), b);
    }
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(n, "changes"), i, c) {
        const char *st = s_of(c, "stage");
        appraise_fmt_pair(json_object_get(c, "from"), json_object_get(c, "to"), a, b, sizeof a);
        fprintf(out, "      %s: %s → %s — %s", appraise_stage_label(st), a, b, txt(c, "reason"));
        if (json_is_true(json_object_get(json_object_get(n, st), "explanation_required")))
            fprintf(out, " [%s]", _("explanation asked for"));
        fputc('\n', out);
        if (st && !strcmp(st, "round1") && json_object_get(n, "answer")) {
            json_t *ans = json_object_get(n, "answer");
            fprintf(out, "      %s: %s\n", _("Explanation"), s_of(ans, "text") ? txt(ans, "text") : _("(documents only)"));
            print_evidence_list(json_object_get(ans, "evidence"), "        ", out);
        }
    }
    /* a later round that kept the points, with its note */
    for (int s = 2; s < NST; s++) {
        json_t *st = json_object_get(n, STAGES[s]);
        if (!st || !s_of(st, "note")) continue;
        bool changed_here = false;
        json_array_foreach(json_object_get(n, "changes"), i, c)
            if (!strcmp(txt(c, "stage"), STAGES[s])) changed_here = true;
        if (changed_here) continue;
        appraise_fmt2(json_object_get(st, "points"), a, sizeof a);
        fprintf(out, "      %s: %s %s — %s\n", appraise_stage_label(STAGES[s]), _("kept"), a, txt(st, "note"));
    }
    if (!json_array_size(json_object_get(n, "changes"))) {
        if (json_is_true(json_object_get(json_object_get(n, "round1"), "explanation_required")))
            fprintf(out, "      %s: %s — %s\n", _("Appraisal round 1"), _("explanation asked for"),
                    txt(json_object_get(n, "round1"), "note"));
        if (json_object_get(n, "answer")) {
            json_t *ans = json_object_get(n, "answer");
            fprintf(out, "      %s: %s\n", _("Explanation"), s_of(ans, "text") ? txt(ans, "text") : _("(documents only)"));
            print_evidence_list(json_object_get(ans, "evidence"), "        ", out);
        }
    }
}

static void print_unit(json_t *u, FILE *out)
{
    json_t *unit = json_object_get(u, "unit");
    fprintf(out, "== %s", unit_label(u));
    if (s_of(unit, "id") && s_of(unit, "name")) fprintf(out, " [%s]", txt(unit, "id"));
    fprintf(out, " · %s: %s ==\n", _("up to the stage"), appraise_stage_label(s_of(u, "reached")));
    if (strcmp(txt(u, "status"), "ok") != 0) {
        fprintf(out, "%s:\n", _("ERROR — could not be appraised"));
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(u, "errors"), i, e) fprintf(out, "  - %s\n", json_string_value(e));
        print_findings(json_object_get(u, "findings"), out);
        fputc('\n', out);
        return;
    }
    json_t *totals = json_object_get(u, "totals");
    print_padded(out, "", 10);
    for (int s = 0; s < NST; s++) print_padded_right(out, appraise_stage_label(STAGES[s]), 20);
    fputs("\n", out);
    const char *rows[] = {N_("Points"), N_("Percent %"), N_("Grade"), N_("Rank")};
    for (int r = 0; r < 4; r++) {
        print_padded(out, _(rows[r]), 10);
        for (int s = 0; s < NST; s++) {
            json_t *t = json_object_get(totals, STAGES[s]);
            char buf[64];
            if (r == 0) appraise_fmt2(json_object_get(t, "points"), buf, sizeof buf);
            else if (r == 1) appraise_fmt2(json_object_get(t, "percent"), buf, sizeof buf);
            else if (r == 2) snprintf(buf, sizeof buf, "%s", s_of(t, "grade") ? txt(t, "grade") : "-");
            else rank_text(t, buf, sizeof buf);
            if (r == 0 && json_is_true(json_object_get(t, "carried"))) strncat(buf, " *", sizeof buf - strlen(buf) - 1);
            print_padded_right(out, buf, 20);
        }
        fputc('\n', out);
    }
    json_t *src = json_object_get(json_object_get(totals, "final"), "sources");
    if (src) {
        char a[48], b[48], c[48], d[48];
        appraise_fmt2(json_object_get(json_object_get(src, "appraisal"), "points"), a, sizeof a);
        appraise_fmt2(json_object_get(json_object_get(src, "appraisal"), "max"), b, sizeof b);
        appraise_fmt2(json_object_get(json_object_get(src, "survey"), "points"), c, sizeof c);
        appraise_fmt2(json_object_get(json_object_get(src, "survey"), "max"), d, sizeof d);
        fprintf(out, "%s: %s %s / %s · %s %s / %s\n", _("Of which, in the result"), _("appraisal"), a, b, _("social survey"), c, d);
    }
    fprintf(out, "(%s)\n", _("* a stage without its file: the previous stage's result kept"));
    size_t i;
    json_t *n;
    bool header = false;
    json_array_foreach(json_object_get(u, "nodes"), i, n) {
        bool any = json_array_size(json_object_get(n, "changes")) || json_object_get(n, "answer") ||
                   json_is_true(json_object_get(json_object_get(n, "round1"), "explanation_required"));
        if (!any) continue;
        if (!header) fprintf(out, "%s:\n", _("Changes per criterion"));
        header = true;
        print_node_story(n, out);
    }
    print_findings(json_object_get(u, "findings"), out);
    fputc('\n', out);
}

static long final_rank(json_t *u)
{
    json_t *r = json_object_get(json_object_get(json_object_get(u, "totals"), "final"), "rank");
    return json_is_integer(r) ? (long)json_integer_value(r) : 1L << 30;
}

static int by_final_rank(const void *x, const void *y)
{
    json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    long ra = final_rank(a), rb = final_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    return strcmp(txt(a, "folder"), txt(b, "folder"));
}

/* The units sorted by final rank (units in error last); caller frees. */
json_t **appraise_units_by_rank(json_t *report, size_t *n);
json_t **appraise_units_by_rank(json_t *report, size_t *n)
{
    json_t *units = json_object_get(report, "units");
    *n = json_array_size(units);
    json_t **order = xcalloc(*n ? *n : 1, sizeof *order);
    for (size_t i = 0; i < *n; i++) order[i] = json_array_get(units, i);
    if (*n) qsort(order, *n, sizeof *order, by_final_rank);
    return order;
}

void chiso_appraise_print_text(json_t *report, FILE *out)
{
    print_provenance(report, out);
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u) print_unit(u, out);
    size_t n;
    json_t **order = appraise_units_by_rank(report, &n);
    fprintf(out, "%s\n", _("RANKING AFTER EACH STAGE"));
    print_padded(out, _("Unit"), 36);
    for (int s = 0; s < NST; s++) print_padded_right(out, appraise_stage_label(STAGES[s]), 24);
    fputc('\n', out);
    for (size_t k = 0; k < n; k++) {
        print_padded(out, unit_label(order[k]), 36);
        json_t *totals = json_object_get(order[k], "totals");
        for (int s = 0; s < NST; s++) {
            json_t *t = json_object_get(totals, STAGES[s]);
            char pct[48], rk[48], cell[100];
            if (!t) {
                print_padded_right(out, _("error"), 24);
                continue;
            }
            appraise_fmt2(json_object_get(t, "percent"), pct, sizeof pct);
            rank_text(t, rk, sizeof rk);
            snprintf(cell, sizeof cell, "%s%% · %s", pct, rk);
            print_padded_right(out, cell, 24);
        }
        fputc('\n', out);
    }
    free(order);
}

/* ---- the explanation packet ---- */

json_t *appraise_find_unit(json_t *report, const char *unit);
json_t *appraise_find_unit(json_t *report, const char *unit)
{
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(report, "units"), i, u) {
        if (!strcmp(txt(u, "folder"), unit)) return u;
        const char *id = s_of(json_object_get(u, "unit"), "id");
        if (id && !strcmp(id, unit)) return u;
    }
    return NULL;
}

/* Is the node in the packet: cut below the claim in round 1, or asked about? */
bool appraise_packet_node(json_t *n);
bool appraise_packet_node(json_t *n)
{
    json_t *r1 = json_object_get(n, "round1");
    if (!r1) return false;
    if (json_is_true(json_object_get(r1, "explanation_required"))) return true;
    rat_t c, p;
    return appraise_json_rat(json_object_get(n, "claimed"), &c) && appraise_json_rat(json_object_get(r1, "points"), &p) &&
           rat_cmp(p, c) < 0;
}

/* The reason round 1 gives for a node: its note, else the computed reason. */
const char *appraise_round1_reason(json_t *n);
const char *appraise_round1_reason(json_t *n)
{
    const char *note = s_of(json_object_get(n, "round1"), "note");
    if (note) return note;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(n, "changes"), i, c)
        if (!strcmp(txt(c, "stage"), "round1")) return txt(c, "reason");
    return "";
}

bool chiso_appraise_print_packet_text(json_t *report, const char *unit, FILE *out)
{
    json_t *u = appraise_find_unit(report, unit);
    if (!u) return false;
    json_t *p = json_object_get(report, "provenance");
    fprintf(out, "%s — %s\n", _("EXPLANATION"), unit_label(u));
    fprintf(out, "%s · %s %s\n", txt(p, "index"), _("period"), txt(p, "period"));
    fprintf(out, "%s\n\n", _("After appraisal round 1: the criteria given fewer points than the self-assessment, or asked "
                              "about.\nThe unit writes its explanation and further documents into giai-trinh.json "
                              "(chiso appraise --packet -f json for the form)."));
    if (strcmp(txt(u, "status"), "ok") != 0) {
        fprintf(out, "%s:\n", _("The unit's files have errors; correct them first"));
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(u, "errors"), i, e) fprintf(out, "  - %s\n", json_string_value(e));
        return true;
    }
    size_t i, k = 0;
    json_t *n;
    json_array_foreach(json_object_get(u, "nodes"), i, n) {
        if (!appraise_packet_node(n)) continue;
        k++;
        char a[48], b[48], m[48];
        appraise_fmt_pair(json_object_get(n, "claimed"), json_object_get(json_object_get(n, "round1"), "points"), a, b,
                          sizeof a);
        appraise_fmt2(json_object_get(n, "max"), m, sizeof m);
        fprintf(out, "%zu. %s  %s (%s %s)\n", k, txt(n, "id"), txt(n, "name"), _("max"), m);
        fprintf(out, _("   Self-assessed points: %s · points of appraisal round 1: %s"), a, b);
        if (json_is_true(json_object_get(json_object_get(n, "round1"), "explanation_required")))
            fprintf(out, " · %s", _("explanation asked for"));
        fputc('\n', out);
        fprintf(out, "   %s: %s\n", _("The appraisers' opinion"), appraise_round1_reason(n));
        json_t *missing = json_object_get(n, "evidence_missing");
        if (json_array_size(missing)) {
            fprintf(out, "   %s:\n", _("Evidence still missing"));
            size_t j;
            json_t *mm;
            json_array_foreach(missing, j, mm) fprintf(out, "     · %s\n", json_string_value(mm));
        }
        fprintf(out, "   %s: ......................................................\n"
                     "   ......................................................................................\n"
                     "   %s: ..........................................\n\n",
                _("The unit's explanation"), _("Further documents (title, number, date, path)"));
    }
    if (!k) fprintf(out, "%s\n", _("No criterion needs an explanation."));
    return true;
}

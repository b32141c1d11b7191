/* explain_text.c — `chiso explain`: why a unit got its score, leaf by
 * leaf (the metric values read, the computed value with its ratio shown as
 * 11820 / 12000 = 98.50%, every band tried and whether it held, the points,
 * clamps, deductions, not-applicable and missing reasons with the policy
 * used), then how the group totals add up to the index. Works from a
 * result scored with CHISO_SCORE_TRACE. */
#include "engine/eval/result.h"
#include "engine/report/explain_text.h"

#include "engine/check/builtins.h"
#include "engine/support/fold.h"
#include "engine/report/display.h"
#include "engine/support/date.h"
#include "engine/support/source.h"
#include "engine/support/textwidth.h"
#include "engine/support/xalloc.h"
#include "engine/report/band_text.h"
#include "engine/support/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool is_percent_leaf(const cnode_t *c)
{
    for (int i = 0; i < c->nbands; i++) {
        const band_t *b = c->src->bands[i];
        if (b->threshold && b->threshold->is_percent) return true;
    }
    return false;
}

/* A value as the explanation shows it: null means "did not arise". */
static void fmt_json(json_t *v, bool percent, char *buf, size_t size)
{
    display_value(v, percent ? DISPLAY_PERCENT | DISPLAY_FIXED : 0, _("null (did not arise)"), buf, size);
}

static void fmt_rat2(rat_t r, char *buf, size_t size) { rat_format(r, 6, buf, size); }

/* "      đọc:      " — a line's label, its colon and the values aligned. */
static void field(FILE *out, const char *label, int width)
{
    fprintf(out, "      %s:", label);
    int used = text_width(label) + 1;
    fprintf(out, "%*s", used < width ? width - used : 1, ""); /* a longer label is not cut */
}

/* Is the index written with Vietnamese keywords (chỉ_số / chi_so rather
 * than index)? Then a policy the file leaves at its default is named in
 * Vietnamese too. */
static bool written_in_vietnamese(const chiso_result *r)
{
    const srcloc_t *l = &r->ci->index->loc;
    size_t len;
    const char *line = l->src && l->line > 0 ? source_line(l->src, l->line, &len) : NULL;
    if (!line) return false;
    size_t at = 0;
    for (int col = 1; col < l->col && at < len; col++) { /* columns count code points */
        at++;
        while (at < len && ((unsigned char)line[at] & 0xC0) == 0x80) at++;
    }
    return !(len - at >= 5 && !strncmp(line + at, "index", 5));
}

/* The not-applicable policy as the rules file writes it (đủ_điểm,
 * loai_tru, full), with what it means. */
static void policy_words(const chiso_result *r, const cnode_t *c, char *buf, size_t size)
{
    const char *meaning = c->na == NA_EXCLUDE ? _("taken out of the maximum")
                        : c->na == NA_ZERO    ? _("0 points") : _("the full points");
    if (c->na_word) {
        snprintf(buf, size, "%s: %s", c->na_word, meaning);
        return;
    }
    bool vi = written_in_vietnamese(r);
    const char *word = c->na == NA_EXCLUDE ? (vi ? "loại_trừ" : "exclude")
                     : c->na == NA_ZERO    ? (vi ? "không_điểm" : "zero") : (vi ? "đủ_điểm" : "full");
    snprintf(buf, size, "%s (%s): %s", word, _("default"), meaning);
}

static void explain_leaf(const chiso_result *r, int idx, FILE *out)
{
    const cnode_t *c = &r->ci->nodes[idx];
    const node_result_t *nr = &r->nodes[idx];
    json_t *t = nr->trace;
    char a[64], b[64];
    char head[512];
    snprintf(head, sizeof head, "%s  %s", c->src->id, c->src->name);
    print_padded(out, head, 60);
    display_rat(nr->points, DISPLAY_FIXED, a, sizeof a);
    display_rat(nr->max, DISPLAY_FIXED, b, sizeof b);
    fprintf(out, " %7s / %s\n", a, b);
    if (!nr->evaluated) {
        char pw[128];
        policy_words(r, c, pw, sizeof pw);
        fprintf(out, "      %s: %s (%s)\n", _("not applicable"), nr->reason ? nr->reason : "", pw);
        return;
    }
    json_t *reads = t ? json_object_get(t, "reads") : NULL;
    if (reads && json_object_size(reads)) {
        field(out, _("read"), 10);
        const char *key;
        json_t *v;
        int k = 0;
        json_object_foreach(reads, key, v) {
            fmt_json(v, false, a, sizeof a);
            fprintf(out, "%s%s = %s", k++ ? ", " : "", key, a);
        }
        fputc('\n', out);
    }
    json_t *missing = t ? json_object_get(t, "missing") : NULL;
    if (missing && json_array_size(missing)) {
        field(out, _("absent"), 10);
        size_t i;
        json_t *m;
        json_array_foreach(missing, i, m) fprintf(out, "%s%s", i ? ", " : "", json_string_value(m));
        fprintf(out, " (%s)\n", _("not in the submission"));
    }
    json_t *ai = t ? json_object_get(t, "applies_if") : NULL;
    if (ai) {
        fmt_json(ai, false, a, sizeof a);
        fprintf(out, "      %s: %s\n", _("applies if"), a);
    }
    /* The rule as written and with the values put in: the formula of a
     * score, the expression of a value (a plain ratio shows its parts). */
    json_t *formula = t ? json_object_get(t, "formula") : NULL, *filled = t ? json_object_get(t, "formula_values") : NULL;
    const char *written = json_is_string(formula) && json_string_length(formula) ? json_string_value(formula) : NULL;
    const char *with_values = json_is_string(filled) ? json_string_value(filled) : NULL;
    if (written && c->has_score) {
        field(out, _("formula"), 11);
        fprintf(out, "%s\n", written);
        if (with_values) {
            field(out, _("with values"), 11);
            fprintf(out, "%s\n", with_values);
        }
    }
    bool pct = is_percent_leaf(c);
    if (nr->has_value && c->has_value) {
        json_t *num = t ? json_object_get(t, "numerator") : NULL, *den = t ? json_object_get(t, "denominator") : NULL;
        char val[64];
        json_t *vj = json_from_value(nr->value);
        fmt_json(vj, pct, val, sizeof val);
        json_decref(vj);
        field(out, _("value"), 10);
        bool substituted = !(num && den) && with_values && written && strcmp(with_values, written) != 0;
        if (written) fprintf(out, "%s%s", written, substituted ? " → " : " = ");
        if (num && den) {
            fmt_json(num, false, a, sizeof a);
            fmt_json(den, false, b, sizeof b);
            fprintf(out, "%s / %s = %s\n", a, b, val);
        } else if (substituted) {
            fprintf(out, "%s%s%s\n", with_values, pct ? " = " : "", pct ? val : "");
        } else {
            fprintf(out, "%s\n", val);
        }
    } else if (c->has_value && written && with_values) { /* not applicable or missing: what was put in */
        field(out, _("value"), 10);
        fprintf(out, "%s → %s\n", written, with_values);
    } else if (nr->has_value && !written) {
        char val[64];
        json_t *vj = json_from_value(nr->value);
        fmt_json(vj, pct, val, sizeof val);
        json_decref(vj);
        field(out, _("value"), 10);
        fprintf(out, "%s\n", val);
    }
    json_t *bands = t ? json_object_get(t, "bands") : NULL;
    if (bands) {
        size_t i;
        json_t *bj;
        json_array_foreach(bands, i, bj) {
            bool holds = json_is_true(json_object_get(bj, "holds"));
            if (i) fputs("                ", out);
            else field(out, _("band"), 10);
            char as_written[256]; /* as the rules write it: "≥ 95%", "còn lại" */
            print_padded(out, band_text_of(c->src, json_string_value(json_object_get(bj, "band")), as_written,
                                           sizeof as_written), 16);
            if (holds && (int)i == nr->band) {
                fmt_rat2(nr->points, a, sizeof a);
                json_t *raw = json_object_get(t, "raw_points");
                if (raw) fmt_json(raw, false, a, sizeof a);
                fprintf(out, "%s → ", _("yes"));
                fprintf(out, _("%s points"), a);
                fputc('\n', out);
            } else {
                fprintf(out, "%s\n", holds ? _("yes") : _("no"));
            }
        }
        if (nr->band < 0 && nr->status == NS_SCORED)
            fprintf(out, "                %s\n", _("no band holds → 0 points"));
    }
    if (nr->status == NS_NOT_APPLICABLE) {
        char pw[128];
        policy_words(r, c, pw, sizeof pw);
        fprintf(out, "      %s: %s → %s %s\n", _("not applicable"), nr->reason ? nr->reason : "", _("rule"), pw);
    } else if (nr->status == NS_MISSING) {
        bool vi = written_in_vietnamese(r);
        fprintf(out, "      %s: %s → %s %s = %s: %s\n", _("missing data"), nr->reason ? nr->reason : "", _("rule"),
                vi ? "thiếu" : "missing",
                c->missing == MISS_ZERO ? (vi ? "không_điểm" : "zero") : (vi ? "lỗi" : "error"),
                c->missing == MISS_ZERO ? _("0 points") : _("the unit is in error"));
    }
    for (size_t i = 0; i < r->nfindings; i++)
        if (r->findings[i].node && !strcmp(r->findings[i].node, c->src->id) &&
            strcmp(r->findings[i].kind, "missing") != 0)
            fprintf(out, "      %s: %s\n", _("noted"), r->findings[i].message);
    for (size_t i = 0; i < nr->nlate; i++) { /* deadlines missed */
        const late_result_t *l = &nr->late[i];
        char days[48], act[48], due[48];
        fmt_rat2(l->late, days, sizeof days);
        if (l->days) {
            fmt_rat2(l->actual.u.num, act, sizeof act);
            fmt_rat2(l->due.u.num, due, sizeof due);
            field(out, _("overdue"), 10);
            fprintf(out, _("%s days (%s days, %s days allowed: %s)"), days, act, due, l->rule ? l->rule : l->band);
            fputc('\n', out);
        } else {
            date_format(l->actual.u.date, act, sizeof act);
            date_format(l->due.u.date, due, sizeof due);
            field(out, _("late"), 10);
            fprintf(out, _("%s days (%s, due %s: %s)"), days, act, due, l->rule ? l->rule : l->band);
            fputc('\n', out);
        }
    }
    for (int i = 0; i < nr->ndeducts; i++) {
        const deduct_result_t *d = &nr->deducts[i];
        fmt_rat2(d->applied, a, sizeof a);
        field(out, d->bonus ? _("plus") : _("minus"), 10);
        fprintf(out, "%s: %s%s", d->reason, d->bonus ? "+" : "−", a);
        if (d->capped) fprintf(out, " (%s)", d->bonus ? _("at the most bonus") : _("at the most deduction"));
        fputc('\n', out);
    }
}

static void explain_sum_ex(const chiso_result *r, int idx, bool deep, FILE *out);
static void explain_sum(const chiso_result *r, int idx, FILE *out) { explain_sum_ex(r, idx, true, out); }

static void explain_leaves(const chiso_result *r, int idx, FILE *out)
{
    const cnode_t *c = &r->ci->nodes[idx];
    if (c->is_leaf) {
        explain_leaf(r, idx, out);
        return;
    }
    for (int i = 0; i < c->nchildren; i++) explain_leaves(r, c->children[i], out);
}

/* "1 = 1 + 0.5 + 2 − 0.25 (reason) = 3.25 / 4" for a group, children first. */
static void explain_sum_ex(const chiso_result *r, int idx, bool deep, FILE *out)
{
    const cnode_t *c = &r->ci->nodes[idx];
    const node_result_t *nr = &r->nodes[idx];
    if (c->is_leaf) return;
    for (int i = 0; deep && i < c->nchildren; i++) explain_sum_ex(r, c->children[i], true, out);
    char a[64], b[64];
    fputs("  ", out);
    print_padded(out, c->src->kind == NODE_INDEX ? _("Total") : c->src->id, 8);
    fputs(" = ", out);
    if (nr->status == NS_NOT_APPLICABLE && !nr->evaluated) {
        char pw[128];
        policy_words(r, c, pw, sizeof pw);
        fprintf(out, "%s (%s)\n", _("not applicable"), pw);
        return;
    }
    for (int i = 0; i < c->nchildren; i++) {
        const node_result_t *k = &r->nodes[c->children[i]];
        fmt_rat2(k->points, a, sizeof a);
        bool excluded = rat_is_zero(k->max) && k->status == NS_NOT_APPLICABLE;
        fprintf(out, "%s%s%s%s", i ? " + " : "", excluded ? _("(out)") : "", excluded ? " " : "", a);
    }
    for (int i = 0; i < nr->ndeducts; i++) {
        const deduct_result_t *d = &nr->deducts[i];
        if (d->not_applicable || d->missing) continue;
        fmt_rat2(d->applied, a, sizeof a);
        fprintf(out, " %s %s (%s)", d->bonus ? "+" : "−", a, d->reason);
    }
    fmt_rat2(nr->points, a, sizeof a);
    fmt_rat2(nr->max, b, sizeof b);
    fprintf(out, " = %s / %s", a, b);
    if (rat_cmp(nr->max, c->max) != 0) {
        char m[64];
        fmt_rat2(c->max, m, sizeof m);
        fputs(" (", out);
        fprintf(out, _("max %s, less what is not applicable"), m);
        fputc(')', out);
    }
    if (c->src->kind == NODE_INDEX && r->has_percent) {
        char p[64];
        display_rat(r->percent, DISPLAY_FIXED, p, sizeof p);
        fprintf(out, " → %s%%", p);
        if (r->grade) fprintf(out, " → %s", r->grade);
    }
    fputc('\n', out);
}

static int find_node(const chiso_result *r, const char *id)
{
    void *hit = strmap_get(&r->ci->node_by_id, id);
    return hit ? (int)(intptr_t)hit - 1 : -1;
}

const char *chiso_result_closest_node(const chiso_result *r, const char *id)
{
    if (!r->ci) return NULL;
    const char *best = NULL;
    int bestd = 1 << 30;
    for (int i = 1; i < r->ci->nnodes; i++) {
        /* as seen first (diacritics and case folded), then byte for byte */
        int d = visual_distance(id, r->ci->nodes[i].src->id, 8) * 16 +
                edit_distance(id, r->ci->nodes[i].src->id, 8);
        if (d < bestd) {
            bestd = d;
            best = r->ci->nodes[i].src->id;
        }
    }
    return best;
}

bool chiso_result_print_explain(const chiso_result *r, const char *node, FILE *out)
{
    if (node && r->ok && find_node(r, node) < 0) return false;
    const char *name = result_unit_string(r, UNIT_NAME), *uid = result_unit_string(r, UNIT_ID);
    fprintf(out, "== %s", name ? name : uid ? uid : r->origin ? r->origin : "?");
    if (name && uid) fprintf(out, " [%s]", uid);
    if (r->period) fprintf(out, " · %s %s", _("period"), r->period);
    if (r->ci) fprintf(out, " — %s", r->ci->index->name);
    if (r->ok && r->ci && node_rare(r->ci->index)->nperiods) { /* the version that scored it */
        char *periods = index_periods_text(r->ci->index);
        fprintf(out, " · %s %s%s%s %s", _("version"), r->ci->index->source ? r->ci->index->source : "",
                r->ci->index->source ? ", " : "", _("applies to"), periods);
        free(periods);
    }
    fputs(" ==\n", out);
    if (!r->ok) {
        fprintf(out, "%s:\n", _("Could not be scored because"));
        for (size_t i = 0; i < r->nerrors; i++) fprintf(out, "  - %s\n", r->errors[i]);
        if (r->origin) fprintf(out, "  (%s: %s)\n", _("in file"), r->origin);
        return true;
    }
    int root = 0;
    if (node) {
        root = find_node(r, node);
        if (root < 0) return false;
    }
    fprintf(out, "%s\n\n", _("read = the values read · value · band = the bands tried · points"));
    explain_leaves(r, root, out);
    if (!r->ci->nodes[root].is_leaf) {
        fprintf(out, "\n%s:\n", _("How the totals add up"));
        explain_sum(r, root, out);
    }
    fputc('\n', out);
    return true;
}

void explain_print_failing(const chiso_result *r, const char *const *nodes, size_t n, bool totals, FILE *out)
{
    if (!r->ok || !r->ci) {
        chiso_result_print_explain(r, NULL, out); /* the errors */
        return;
    }
    bool header = false; /* "Cộng điểm" printed */
    for (int pass = 0; pass < 2; pass++) /* leaves first, then sums */
        for (size_t i = 0; i < n; i++) {
            int idx = find_node(r, nodes[i]);
            if (idx < 0 || r->ci->nodes[idx].is_leaf != (pass == 0)) continue;
            if (pass == 0) {
                explain_leaf(r, idx, out);
                continue;
            }
            if (!header) fprintf(out, "%s:\n", _("How the totals add up"));
            header = true;
            explain_sum_ex(r, idx, false, out);
        }
    if (totals) {
        if (!header) fprintf(out, "%s:\n", _("How the totals add up"));
        explain_sum_ex(r, 0, false, out);
    }
}

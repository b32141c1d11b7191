/* result_text.c — the scorecard people read, rendered from a result's
 * JSON: the node tree with points and maxima rounded to 2 decimals, the
 * value and band of each leaf, what was not applicable and why, deductions,
 * findings and self-assessment differences. Labels are in the language
 * of messages (i18n.h): Vietnamese for a report unless `--lang en`; bands
 * as the rules file writes them when the program is at hand. */
#include "result_text.h"

#include "engine/eval/result.h"
#include "engine/report/display.h"
#include "engine/support/i18n.h"

#include "engine/support/textwidth.h"
#include "engine/support/xalloc.h"

#include <string.h>

#define NAME_COLS 58

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Like str(), but "" when absent, for printing. */
static const char *text(json_t *o, const char *key)
{
    const char *s = str(o, key);
    return s ? s : "";
}

/* Numbers with exactly 2 decimals, by the one rounding rule (display.h):
 * halves away from zero, from the exact value (0.125 → 0.13). */
static void fixed2(json_t *v, char *buf, size_t size, bool comma)
{
    if (!json_is_number(v)) {
        snprintf(buf, size, "-");
        return;
    }
    display_value(v, DISPLAY_FIXED | (comma ? DISPLAY_COMMA : 0), "-", buf, size);
}

/* A number as short as it is: 5, 4.5 (days late, days taken). */
static void fixed_or_whole(json_t *v, char *buf, size_t size, bool comma)
{
    display_value(v, comma ? DISPLAY_COMMA : 0, "-", buf, size);
}

static void value_text(json_t *node, char *buf, size_t size, bool comma)
{
    bool percent = str(node, "value_format") && !strcmp(str(node, "value_format"), "percent");
    display_value(json_object_get(node, "value"),
                  (percent ? DISPLAY_PERCENT | DISPLAY_FIXED : 0) | (comma ? DISPLAY_COMMA : 0), "", buf, size);
}

static const char *policy_text(const char *p)
{
    return !p ? "" : !strcmp(p, "exclude") ? _("excluded from the total") : !strcmp(p, "zero") ? _("0 points") : _("full points");
}

static void print_deductions(json_t *node, int indent, bool comma, FILE *out)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(node, "bonuses"), i, d) {
        char amt[48];
        fixed2(json_object_get(d, "points"), amt, sizeof amt, comma);
        fprintf(out, "%*s+ %s: %s: ", indent, "", _("bonus"), text(d, "reason"));
        const char *st = str(d, "status");
        if (st && !strcmp(st, "not_applicable")) fprintf(out, "%s\n", _("did not arise"));
        else if (st && !strcmp(st, "missing")) fprintf(out, "%s\n", _("missing data"));
        else if (json_is_true(json_object_get(d, "capped"))) fprintf(out, "+%s (%s)\n", amt, _("bonus cap reached"));
        else fprintf(out, "+%s\n", amt);
    }
    json_array_foreach(json_object_get(node, "deductions"), i, d) {
        char amt[48];
        fixed2(json_object_get(d, "points"), amt, sizeof amt, comma);
        const char *st = str(d, "status");
        json_t *pts = json_object_get(d, "points");
        if (!st && (!json_is_number(pts) || json_number_value(pts) == 0) &&
            !json_is_true(json_object_get(d, "capped")))
            continue; /* nothing deducted: no line */
        fprintf(out, "%*s− %s: %s: ", indent, "", _("deduction"), text(d, "reason"));
        if (st && !strcmp(st, "not_applicable")) fprintf(out, "%s\n", _("did not arise"));
        else if (st && !strcmp(st, "missing")) fprintf(out, "%s\n", _("missing data"));
        else if (json_is_true(json_object_get(d, "capped"))) fprintf(out, "−%s (%s)\n", amt, _("deduction cap reached"));
        else fprintf(out, "−%s\n", amt);
    }
}

/* "Trong đó: thẩm định 60.00 / 68.00 · điều tra xã hội học 25.00 / 32.00",
 * when the rules say where points come from. */
static void print_sources(json_t *r, bool comma, FILE *out)
{
    json_t *sources = json_object_get(r, "sources");
    if (!json_array_size(sources)) return;
    fprintf(out, "%s:", _("Of which"));
    size_t i;
    json_t *s;
    json_array_foreach(sources, i, s) {
        char p[48], m[48];
        fixed2(json_object_get(s, "points"), p, sizeof p, comma);
        fixed2(json_object_get(s, "max"), m, sizeof m, comma);
        const char *o = text(s, "origin");
        fprintf(out, "%s %s %s / %s", i ? " ·" : "", !strcmp(o, "survey") ? _("social survey") : _("appraisal"),
                p, m);
    }
    fputc('\n', out);
}

/* Deadlines missed: "trễ hạn 5 ngày: 2020-02-20, hạn 2020-02-15 (…)". */
static void print_lateness(json_t *node, int indent, bool comma, FILE *out)
{
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(node, "late"), i, l) {
        char days[48];
        fixed_or_whole(json_object_get(l, "days_late"), days, sizeof days, comma);
        const char *what = str(l, "rule") ? str(l, "rule") : str(l, "band");
        if (json_object_get(l, "days_taken")) {
            char taken[48], limit[48];
            fixed_or_whole(json_object_get(l, "days_taken"), taken, sizeof taken, comma);
            fixed_or_whole(json_object_get(l, "limit_days"), limit, sizeof limit, comma);
            fprintf(out, "%*s! ", indent, "");
            fprintf(out, _("%s days over the time allowed: %s days taken, %s days allowed (%s)"), days, taken, limit,
                    what ? what : "");
            fputc('\n', out);
        } else {
            fprintf(out, "%*s! ", indent, "");
            fprintf(out, _("%s days late: %s, due %s (%s)"), days, text(l, "date"), text(l, "due"), what ? what : "");
            fputc('\n', out);
        }
    }
}

static void print_node(json_t *node, int depth, bool parent_na, bool comma, const band_text_t *bands, FILE *out)
{
    char label[512], pts[48], mx[48];
    snprintf(label, sizeof label, "%*s%s  %s", depth * 2, "", text(node, "id"), text(node, "name"));
    fputs("  ", out);
    print_padded(out, label, NAME_COLS);
    fixed2(json_object_get(node, "points"), pts, sizeof pts, comma);
    fixed2(json_object_get(node, "max"), mx, sizeof mx, comma);
    fputc(' ', out);
    print_padded_right(out, pts, 7);
    fputs(" / ", out);
    print_padded_right(out, mx, 6);
    const char *status = str(node, "status");
    json_t *kids = json_object_get(node, "children");
    bool na = status && !strcmp(status, "not_applicable");
    if (na && !parent_na) {
        fprintf(out, "  %s (%s): %s", _("not applicable"), policy_text(str(node, "policy")),
                str(node, "reason") ? str(node, "reason") : "");
    } else if (status && !strcmp(status, "missing")) {
        fprintf(out, "  %s: %s", _("missing data"), str(node, "reason") ? str(node, "reason") : "");
    } else if (json_object_get(node, "value") && !kids) {
        char val[96], band[256];
        value_text(node, val, sizeof val, comma);
        if (str(node, "band"))
            fprintf(out, "  %s → %s%s%s", val, json_is_boolean(json_object_get(node, "value")) ? _("band") : "",
                    json_is_boolean(json_object_get(node, "value")) ? " " : "",
                    bands ? band_text(bands, text(node, "id"), str(node, "band"), band, sizeof band)
                          : text(node, "band")); /* a yes/no value: "đúng → mức đúng" */
        else fprintf(out, "  = %s", val);
    }
    fputc('\n', out);
    print_lateness(node, depth * 2 + 4, comma, out);
    print_deductions(node, depth * 2 + 4, comma, out);
    if (na && str(node, "reason") && !strcmp(str(node, "reason"), "an enclosing node is not applicable"))
        return;
    size_t i;
    json_t *k;
    json_array_foreach(kids, i, k) print_node(k, depth + 1, na || parent_na, comma, bands, out);
}

void scorecard_print(json_t *r, FILE *out, unsigned flags, const band_text_t *bands)
{
    bool comma = (flags & CHISO_TEXT_DECIMAL_COMMA) != 0;
    json_t *unit = json_object_get(r, "unit");
    const char *name = str(unit, "name"), *id = str(unit, "id");
    const char *file = str(r, "file");
    fprintf(out, "== %s", name ? name : id ? id : file ? file : _("(unknown unit)"));
    if (id && name) fprintf(out, " [%s]", id);
    if (str(r, "period")) fprintf(out, " · %s %s", _("period"), text(r, "period"));
    fputs(" ==\n", out);
    json_t *version = json_object_get(r, "version"); /* the version of the index that scored it */
    if (str(r, "index") && version)
        fprintf(out, "%s · %s %s%s%s %s\n", text(r, "index"), _("version"),
                str(version, "source") ? text(version, "source") : "", str(version, "source") ? ", " : "",
                _("applies to"), text(version, "applies_to"));
    else if (str(r, "index")) fprintf(out, "%s\n", text(r, "index"));
    if (strcmp(str(r, "status") ? str(r, "status") : "", "ok") != 0) {
        fprintf(out, "%s:\n", _("ERROR — could not be scored"));
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(r, "errors"), i, e) fprintf(out, "  - %s\n", json_string_value(e));
        if (file) fprintf(out, "  (%s: %s)\n", _("file"), file);
        fputc('\n', out);
        return;
    }
    char pts[48], mx[48], pct[48];
    fixed2(json_object_get(r, "points"), pts, sizeof pts, comma);
    fixed2(json_object_get(r, "max"), mx, sizeof mx, comma);
    fprintf(out, "%s: %s / %s", _("Total points"), pts, mx);
    if (json_is_number(json_object_get(r, "percent"))) {
        fixed2(json_object_get(r, "percent"), pct, sizeof pct, comma);
        fprintf(out, " (%s%%)", pct);
    }
    if (str(r, "grade")) fprintf(out, " · %s: %s", _("Grade"), str(r, "grade"));
    json_t *rank = json_object_get(r, "rank");
    if (json_is_integer(rank)) fprintf(out, " · %s: %lld", _("Rank"), (long long)json_integer_value(rank));
    fputc('\n', out);
    print_sources(r, comma, out);
    fputc('\n', out);
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(r, "nodes"), i, n) print_node(n, 0, false, comma, bands, out);
    print_deductions(r, 2, comma, out);
    json_t *findings = json_object_get(r, "findings");
    if (json_array_size(findings)) {
        fprintf(out, "\n%s:\n", _("Findings of the scoring"));
        json_array_foreach(findings, i, n)
            fprintf(out, "  - %s%s%s\n", text(n, "node"), str(n, "node") ? ": " : "", text(n, "message"));
    }
    json_t *claims = json_object_get(r, "self_assessment");
    if (json_array_size(claims)) {
        fprintf(out, "\n%s:\n", _("Self-assessment differs from the appraisal"));
        json_array_foreach(claims, i, n) {
            char a[48], b[48];
            fixed2(json_object_get(n, "claimed"), a, sizeof a, comma);
            fixed2(json_object_get(n, "computed"), b, sizeof b, comma);
            fprintf(out, "  - %s: %s %s, %s %s\n", text(n, "node"), _("self-assessed"), a, _("appraised"), b);
        }
    }
    fputc('\n', out);
}

void chiso_print_scorecard_ex(json_t *r, FILE *out, unsigned flags)
{
    scorecard_print(r, out, flags, NULL);
}

void chiso_print_scorecard(json_t *r, FILE *out)
{
    chiso_print_scorecard_ex(r, out, 0);
}

void chiso_result_print_text(const chiso_result *r, FILE *out)
{
    json_t *j = chiso_result_to_json(r);
    chiso_print_scorecard(j, out);
    json_decref(j);
}

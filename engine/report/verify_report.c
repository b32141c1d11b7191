/* verify_report.c — text, JUnit XML and GitHub annotations for the
 * reports of `chiso verify`. The reports are JSON objects; an "actuals"
 * report has "targets", an "against" report has "checks". */
#include "verify_report.h"

#include "display.h"

#include "engine/support/textwidth.h"
#include "engine/support/xml.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* How figures are written: with --decimal-comma, 98,5% as in Vietnamese. */
static unsigned number_flags;

/* A target's figure: percents with at most 2 decimals (53.57%, 98.5%, 50%). */
static void format_value(json_t *v, bool percent, char *buf, size_t size)
{
    display_value(v, (percent ? DISPLAY_PERCENT : 0) | number_flags, "?", buf, size);
}

static const char *op_symbol(const char *op, bool negate)
{
    static const char *ops[][3] = {{">=", "≥", "<"}, {">", ">", "≤"}, {"<=", "≤", ">"},
                                   {"<", "<", "≥"},  {"==", "=", "≠"}, {"!=", "≠", "="}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (op && !strcmp(op, ops[i][0])) return ops[i][negate ? 2 : 1];
    return op ? op : "?";
}

/* "97.1% < 98%: còn thiếu 0.9%" and the like, for a target of an actuals
 * report, in the language of messages. "Thiếu" is said of a shortfall below
 * a floor only ("còn thiếu"); above a ceiling the actual "vượt" (exceeds)
 * it; missing data is "thiếu số liệu", never plain "thiếu". */
static char *target_detail(json_t *t)
{
    const char *status = str(t, "status");
    bool percent = json_is_true(json_object_get(t, "percent"));
    char a[64], b[64], s[64];
    if (!strcmp(status, "met") || !strcmp(status, "missed")) {
        format_value(json_object_get(t, "actual"), percent, a, sizeof a);
        format_value(json_object_get(t, "threshold"), percent, b, sizeof b);
        bool missed = !strcmp(status, "missed");
        json_t *gap = json_object_get(t, "shortfall");
        if (missed && gap) {
            format_value(gap, percent, s, sizeof s);
            const char *op = str(t, "op") ? str(t, "op") : "";
            bool floor = op[0] == '>', ceiling = op[0] == '<';
            const char *words = floor ? _("short by") : ceiling ? _("over by") : _("off by");
            json_t *actual = json_object_get(t, "actual");
            bool date = json_is_string(actual) && json_string_length(actual) == 10 && json_string_value(actual)[4] == '-';
            if (date && (floor || ceiling)) /* a deadline: days late (or early) */
                return xasprintf("%s %s %s: %s %s %s", a, op_symbol(str(t, "op"), true), b,
                                 ceiling ? _("late by") : _("early by"), s, _("days"));
            return xasprintf("%s %s %s: %s %s", a, op_symbol(str(t, "op"), true), b, words, s);
        }
        return xasprintf("%s %s %s", a, op_symbol(str(t, "op"), missed), b);
    }
    const char *reason = str(t, "reason");
    if (!strcmp(status, "not_applicable"))
        return xasprintf("%s: %s", _("not applicable"), reason ? reason : "");
    return xasprintf("%s: %s", _("cannot verify"), reason ? reason : "");
}

static const char *mark(const char *status)
{
    if (!strcmp(status, "met") || !strcmp(status, "ok")) return "✓";
    if (!strcmp(status, "not_applicable")) return "–";
    return "✗";
}

static void unit_heading(FILE *out, json_t *r)
{
    json_t *unit = json_object_get(r, "unit");
    const char *name = json_is_object(unit) ? str(unit, "name") : NULL;
    const char *id = json_is_object(unit) ? str(unit, "id") : NULL;
    fprintf(out, "== %s", name ? name : id ? id : str(r, "file") ? str(r, "file") : "?");
    if (name && id) fprintf(out, " [%s]", id);
    if (str(r, "period")) fprintf(out, " · %s %s", _("period"), str(r, "period"));
    if (str(r, "plan")) fprintf(out, " — %s", str(r, "plan"));
    fputs(" ==\n", out);
}

static void print_actuals_text(FILE *out, json_t *r)
{
    unit_heading(out, r);
    if (!strcmp(str(r, "status"), "error")) {
        size_t i;
        json_t *e;
        fprintf(out, "  %s:\n", _("ERROR"));
        json_array_foreach(json_object_get(r, "errors"), i, e)
            fprintf(out, "    - %s\n", json_string_value(e));
        fputc('\n', out);
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(r, "targets"), i, t) {
        char label[600];
        snprintf(label, sizeof label, "%s %s  %s", mark(str(t, "status")), str(t, "id"), str(t, "title"));
        fputs("  ", out);
        print_padded(out, label, 64);
        char *detail = target_detail(t);
        fprintf(out, "  %s\n", detail);
        free(detail);
    }
    json_t *s = json_object_get(r, "summary");
    fprintf(out, _("  %lld targets: %lld met, %lld missed, %lld not applicable, %lld missing data\n\n"),
            (long long)json_array_size(json_object_get(r, "targets")),
            (long long)json_integer_value(json_object_get(s, "met")),
            (long long)json_integer_value(json_object_get(s, "missed")),
            (long long)json_integer_value(json_object_get(s, "not_applicable")),
            (long long)json_integer_value(json_object_get(s, "missing")));
}

static void print_loc(FILE *out, json_t *loc)
{
    fprintf(out, "%s:%lld:%lld", str(loc, "file"), (long long)json_integer_value(json_object_get(loc, "line")),
            (long long)json_integer_value(json_object_get(loc, "column")));
}

static void print_against_text(FILE *out, json_t *r)
{
    if (str(r, "status") && !strcmp(str(r, "status"), "error") && !json_object_get(r, "checks")) {
        size_t i;
        json_t *e;
        fprintf(out, "%s:\n", _("ERROR"));
        json_array_foreach(json_object_get(r, "errors"), i, e)
            fprintf(out, "  - %s\n", json_string_value(e));
        return;
    }
    fprintf(out, _("== %s (%s)\n   against the parent: %s (%s) ==\n"), str(r, "plan"),
            str(r, "file"), str(r, "parent"), str(r, "parent_file"));
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(r, "checks"), i, c) {
        char label[600];
        snprintf(label, sizeof label, "%s %s  %s", mark(str(c, "status")), str(c, "parent_target"),
                 str(c, "title"));
        fputs("  ", out);
        print_padded(out, label, 64);
        fprintf(out, "  %s\n", str(c, "message"));
        if (strcmp(str(c, "status"), "ok") != 0) {
            fputs("      ", out);
            if (json_object_get(c, "child_location")) {
                print_loc(out, json_object_get(c, "child_location"));
                fprintf(out, " (%s) vs ", _("plan"));
            }
            print_loc(out, json_object_get(c, "parent_location"));
            fprintf(out, " (%s)\n", _("parent"));
        }
    }
    json_t *f;
    json_array_foreach(json_object_get(r, "fields"), i, f) {
        bool covered = json_is_true(json_object_get(f, "covered"));
        fprintf(out, "  %s %s %s: %s\n", covered ? "✓" : "✗", _("field"), str(f, "field"),
                covered ? _("has targets") : _("no target covers this field"));
    }
    json_t *e;
    json_array_foreach(json_object_get(r, "extra"), i, e) {
        fprintf(out, "  + %s  %s (%s)\n", str(e, "target"), str(e, "title"), _("extra target"));
    }
    json_array_foreach(json_object_get(r, "unknown_links"), i, e) {
        fprintf(out, _("  ✗ %s implements %s: the parent plan has no target %s\n      "),
                str(e, "target"), str(e, "implements"), str(e, "implements"));
        print_loc(out, json_object_get(e, "location"));
        fprintf(out, " (%s)\n", _("plan"));
    }
    fprintf(out, "  => %s\n\n", !strcmp(str(r, "status"), "ok") ? _("passed") : _("FAILED"));
}

void verify_print_text(FILE *out, json_t *reports, unsigned flags)
{
    number_flags = flags;
    size_t i;
    json_t *r;
    json_array_foreach(reports, i, r) {
        if (json_object_get(r, "checks") || json_object_get(r, "parent")) print_against_text(out, r);
        else print_actuals_text(out, r);
    }
}

/* ---- JUnit ---- */

static void junit_case(FILE *out, const char *classname, const char *name, json_t *loc,
                       const char *outcome, const char *message)
{
    fputs("    <testcase classname=\"", out);
    xml_escape(out, classname);
    fputs("\" name=\"", out);
    xml_escape(out, name);
    fputc('"', out);
    if (loc) {
        fputs(" file=\"", out);
        xml_escape(out, str(loc, "file"));
        fprintf(out, "\" line=\"%lld\"", (long long)json_integer_value(json_object_get(loc, "line")));
    }
    if (!outcome) {
        fputs("/>\n", out);
        return;
    }
    fprintf(out, ">\n      <%s message=\"", outcome);
    xml_escape(out, message);
    fputs("\"", out);
    if (!strcmp(outcome, "skipped")) {
        fputs("/>\n", out);
    } else {
        fputs(">", out);
        xml_escape(out, message);
        fprintf(out, "</%s>\n", outcome);
    }
    fputs("    </testcase>\n", out);
}

static char *suite_name(json_t *r)
{
    json_t *unit = json_object_get(r, "unit");
    const char *id = json_is_object(unit) ? str(unit, "id") : NULL;
    const char *name = json_is_object(unit) ? str(unit, "name") : NULL;
    if (json_object_get(r, "checks")) return xasprintf("%s ⊒ %s", str(r, "plan"), str(r, "parent"));
    if (name && id) return xasprintf("%s [%s]", name, id);
    return xstrdup(name ? name : id ? id : str(r, "file") ? str(r, "file") : "?");
}

void verify_print_junit(FILE *out, json_t *reports, unsigned flags)
{
    number_flags = flags;
    size_t tests = 0, failures = 0, errors = 0, i, k;
    json_t *r, *t;
    json_array_foreach(reports, i, r) {
        json_t *list = json_object_get(r, "targets") ? json_object_get(r, "targets") : json_object_get(r, "checks");
        if (!list) { tests++; errors++; continue; }
        json_array_foreach(list, k, t) {
            tests++;
            const char *s = str(t, "status");
            if (strcmp(s, "met") && strcmp(s, "ok") && strcmp(s, "not_applicable")) failures++;
        }
        json_array_foreach(json_object_get(r, "fields"), k, t) {
            tests++;
            if (!json_is_true(json_object_get(t, "covered"))) failures++;
        }
        tests += json_array_size(json_object_get(r, "unknown_links"));
        failures += json_array_size(json_object_get(r, "unknown_links"));
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"chiso verify\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", tests,
            failures, errors);
    json_array_foreach(reports, i, r) {
        char *suite = suite_name(r);
        const char *plan = str(r, "plan") ? str(r, "plan") : "plan";
        fputs("  <testsuite name=\"", out);
        xml_escape(out, suite);
        fputs("\">\n", out);
        json_t *targets = json_object_get(r, "targets"), *checks = json_object_get(r, "checks");
        if (!targets && !checks) {
            strbuf_t sb;
            sb_init(&sb);
            json_t *e;
            json_array_foreach(json_object_get(r, "errors"), k, e) {
                if (k) sb_adds(&sb, "; ");
                sb_adds(&sb, json_string_value(e));
            }
            junit_case(out, plan, "submission", NULL, "error", sb.data ? sb.data : "error");
            sb_free(&sb);
        }
        json_array_foreach(targets, k, t) {
            char *name = xasprintf("%s %s", str(t, "id"), str(t, "title"));
            const char *s = str(t, "status");
            char *detail = target_detail(t);
            const char *outcome = !strcmp(s, "met") ? NULL : !strcmp(s, "not_applicable") ? "skipped" : "failure";
            junit_case(out, plan, name, json_object_get(t, "location"), outcome, detail);
            free(detail);
            free(name);
        }
        json_array_foreach(checks, k, t) {
            char *name = xasprintf("%s %s", str(t, "parent_target"), str(t, "title"));
            const char *s = str(t, "status");
            json_t *loc = json_object_get(t, "child_location") ? json_object_get(t, "child_location")
                                                               : json_object_get(t, "parent_location");
            junit_case(out, plan, name, loc, strcmp(s, "ok") ? "failure" : NULL, str(t, "message"));
            free(name);
        }
        json_array_foreach(json_object_get(r, "fields"), k, t) {
            char *name = xasprintf("field %s", str(t, "field"));
            junit_case(out, plan, name, json_object_get(t, "parent_location"),
                       json_is_true(json_object_get(t, "covered")) ? NULL : "failure",
                       "no target of the plan covers this field of the parent");
            free(name);
        }
        json_array_foreach(json_object_get(r, "unknown_links"), k, t) {
            char *name = xasprintf("%s implements %s", str(t, "target"), str(t, "implements"));
            junit_case(out, plan, name, json_object_get(t, "location"), "failure", str(t, "message"));
            free(name);
        }
        fputs("  </testsuite>\n", out);
        free(suite);
    }
    fputs("</testsuites>\n", out);
}

/* ---- GitHub Actions ---- */

static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        if (*s == '%') fputs("%25", out);
        else if (*s == '\r') fputs("%0D", out);
        else if (*s == '\n') fputs("%0A", out);
        else if (property && *s == ':') fputs("%3A", out);
        else if (property && *s == ',') fputs("%2C", out);
        else fputc(*s, out);
    }
}

static void gh_annotation(FILE *out, const char *level, json_t *loc, const char *title, const char *msg)
{
    fprintf(out, "::%s ", level);
    if (loc) {
        fputs("file=", out);
        gh_escape(out, str(loc, "file"), true);
        fprintf(out, ",line=%lld,col=%lld,", (long long)json_integer_value(json_object_get(loc, "line")),
                (long long)json_integer_value(json_object_get(loc, "column")));
    }
    fputs("title=", out);
    gh_escape(out, title, true);
    fputs("::", out);
    gh_escape(out, msg, false);
    fputc('\n', out);
}

void verify_print_github(FILE *out, json_t *reports, unsigned flags)
{
    number_flags = flags;
    size_t i, k;
    json_t *r, *t;
    json_array_foreach(reports, i, r) {
        char *who = suite_name(r);
        json_t *targets = json_object_get(r, "targets"), *checks = json_object_get(r, "checks");
        if (!targets && !checks) {
            json_t *e;
            json_array_foreach(json_object_get(r, "errors"), k, e) {
                char *title = xasprintf("%s: cannot verify", who);
                gh_annotation(out, "error", NULL, title, json_string_value(e));
                free(title);
            }
        }
        json_array_foreach(targets, k, t) {
            const char *s = str(t, "status");
            if (!strcmp(s, "met") || !strcmp(s, "not_applicable")) continue;
            char *title = xasprintf("%s %s (%s)", str(t, "id"), s, who);
            char *detail = target_detail(t);
            char *msg = xasprintf("%s: %s", str(t, "title"), detail);
            gh_annotation(out, "error", json_object_get(t, "location"), title, msg);
            free(msg);
            free(detail);
            free(title);
        }
        json_array_foreach(checks, k, t) {
            if (!strcmp(str(t, "status"), "ok")) continue;
            json_t *cl = json_object_get(t, "child_location"), *pl = json_object_get(t, "parent_location");
            char *title = xasprintf("%s %s against the parent plan", str(t, "parent_target"), str(t, "status"));
            char *msg = xasprintf("%s (parent target at %s:%lld)", str(t, "message"), str(pl, "file"),
                                  (long long)json_integer_value(json_object_get(pl, "line")));
            gh_annotation(out, "error", cl ? cl : pl, title, msg);
            free(msg);
            free(title);
        }
        json_array_foreach(json_object_get(r, "fields"), k, t) {
            if (json_is_true(json_object_get(t, "covered"))) continue;
            char *title = xasprintf("field %s not covered", str(t, "field"));
            gh_annotation(out, "error", json_object_get(t, "parent_location"), title,
                          "no target of the plan covers this field of the parent plan");
            free(title);
        }
        json_array_foreach(json_object_get(r, "unknown_links"), k, t) {
            char *title = xasprintf("%s implements an unknown parent target", str(t, "target"));
            gh_annotation(out, "error", json_object_get(t, "location"), title, str(t, "message"));
            free(title);
        }
        free(who);
    }
}

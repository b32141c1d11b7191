/* verify_actuals.c — were a unit's targets met? Each target `lhs CMP rhs`
 * of a plan is evaluated on the unit's actuals: met, missed (with the
 * actual value, the threshold and the shortfall), not applicable (a null
 * metric, a zero denominator), or missing (a metric absent from the
 * actuals: reported for that target, the others are still verified). */
#include "verify_common.h"

#include "engine/support/json_exact.h"

#include "engine/ast/ast_build.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <string.h>

json_t *location_json(srcloc_t loc)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", loc.src ? json_string(loc.src->path) : json_null());
    json_object_set_new(o, "line", json_integer(loc.line));
    json_object_set_new(o, "column", json_integer(loc.col));
    return o;
}

char *target_rule_text(arena_t *arena, const target_t *t)
{
    return expr_to_text(arena, t->expr);
}

size_t chiso_program_plan_count(const chiso_program *cp) { return cp->prog.nplans; }

const char *chiso_program_plan_name(const chiso_program *cp, size_t i)
{
    return i < cp->prog.nplans ? cp->prog.plans[i]->name : NULL;
}

long chiso_program_find_plan(const chiso_program *cp, const char *name)
{
    for (size_t i = 0; i < cp->prog.nplans; i++)
        if (strcmp(cp->prog.plans[i]->name, name) == 0) return (long)i;
    return -1;
}

char *chiso_program_plan_parent(const chiso_program *cp, size_t i, const char **file, int *line,
                                int *col)
{
    if (i >= cp->prog.nplans || !cp->prog.plans[i]->parent) return NULL;
    const plan_t *p = cp->prog.plans[i];
    const char *from = p->loc.src->path;
    if (file) *file = from;
    if (line) *line = p->parent_loc.line;
    if (col) *col = p->parent_loc.col;
    const char *slash = strrchr(from, '/');
    if (p->parent[0] == '/' || !slash) return xstrdup(p->parent);
    return xasprintf("%.*s/%s", (int)(slash - from), from, p->parent);
}


static json_t *verify_target(eval_t *ev, const ctarget_t *ct, arena_t *scratch, int *met,
                             int *missed, int *na, int *missing)
{
    const target_t *t = ct->src;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(t->id));
    json_object_set_new(o, "title", json_string(t->title));
    json_object_set_new(o, "field", t->field ? json_string(t->field) : json_null());
    if (t->source) json_object_set_new(o, "source", json_string(t->source));
    json_object_set_new(o, "rule", json_string(target_rule_text(scratch, t)));
    json_object_set_new(o, "location", location_json(t->loc));

    value_t a = eval_code(ev, &ct->lhs), b = eval_code(ev, &ct->rhs);
    const char *status;
    if (a.tag == V_MISSING || b.tag == V_MISSING) {
        char *names = eval_missing_metrics(ev, ct->metrics, ct->nmetrics, a.tag == V_MISSING ? a : b);
        char *why = xasprintf(_("missing %s"), names);
        json_object_set_new(o, "reason", json_string(why));
        free(why);
        free(names);
        status = "missing";
        (*missing)++;
    } else if (a.tag == V_ERROR || b.tag == V_ERROR) {
        json_object_set_new(o, "reason", json_string(_("the numbers are too large to compute with")));
        status = "error";
        (*missing)++;
    } else if (a.tag == V_NA || b.tag == V_NA) {
        value_t v = a.tag == V_NA ? a : b;
        char *why = v.aux >= 0 ? xasprintf(_("metric '%s' did not arise (null)"), ev->prog->metrics[v.aux].text)
                               : xstrdup(_("a ratio or division has a zero denominator"));
        json_object_set_new(o, "reason", json_string(why));
        free(why);
        status = "not_applicable";
        (*na)++;
    } else {
        int c = a.tag == V_NUM ? rat_cmp(a.u.num, b.u.num)
              : a.tag == V_DATE ? (a.u.date > b.u.date) - (a.u.date < b.u.date)
              : a.tag == V_STR ? strcmp(a.u.str, b.u.str) : (int)a.u.b - (int)b.u.b;
        bool ok = cmp_holds(ct->cmp, c);
        json_object_set_new(o, "actual", a.tag == V_NUM ? json_exact_rat(a.u.num) : json_from_value(a));
        json_object_set_new(o, "threshold", b.tag == V_NUM ? json_exact_rat(b.u.num) : json_from_value(b));
        json_object_set_new(o, "op", json_string(op_text(ct->cmp)));
        if (ct->percent) json_object_set_new(o, "percent", json_true());
        if (!ok && (a.tag == V_NUM || a.tag == V_DATE) && ct->cmp != OP_NE) {
            bool of = false;
            rat_t av = a.tag == V_NUM ? a.u.num : rat_int(a.u.date);
            rat_t bv = b.tag == V_NUM ? b.u.num : rat_int(b.u.date);
            rat_t gap = (ct->cmp == OP_GE || ct->cmp == OP_GT) ? rat_sub(bv, av, &of)
                      : (ct->cmp == OP_LE || ct->cmp == OP_LT) ? rat_sub(av, bv, &of)
                      : (rat_cmp(av, bv) > 0 ? rat_sub(av, bv, &of) : rat_sub(bv, av, &of));
            /* a date: `< due` allows the day before, so the due day itself is 1 day late */
            if (a.tag == V_DATE && (ct->cmp == OP_LT || ct->cmp == OP_GT) && !of) gap = rat_add(gap, rat_int(1), &of);
            if (!of) json_object_set_new(o, "shortfall", json_exact_rat(gap));
        }
        status = ok ? "met" : "missed";
        if (ok) (*met)++;
        else (*missed)++;
    }
    json_object_set_new(o, "status", json_string(status));
    return o;
}

/* *reread: a number may have lost digits as a double (see score.c). */
static json_t *verify_actuals(const chiso_program *cp, size_t plan, json_t *submission,
                              const char *origin, bool *reread)
{
    chiso_result *r = result_new(cp, (size_t)-1, origin);
    struct arena *outer = rat_big_arena(&r->bigs); /* numbers beyond 64 bits, as when scoring */
    submission = submission_keys_nfc(r, submission); /* keys in NFC; a reference released below */
    json_t *report = json_object();
    const compiled_plan_t *cpl =
        cp->prog.cplans && plan < cp->prog.nplans ? cp->prog.cplans[plan] : NULL;
    json_t *metrics = cpl ? submission_envelope(r, submission) : NULL;
    if (!cpl) result_add_error(r, "the rules have no usable plan");
    eval_t ev;
    bool bound = false;
    if (metrics) {
        eval_init(&ev, &cp->prog);
        ev.period_year = r->period ? period_year_of(r->period) : 0; /* for period_date() */
        submission_bind(&ev, metrics, NULL, NULL, r);
        bound = true;
    }
    json_object_set_new(report, "unit", result_unit_json(r));
    json_object_set_new(report, "period", r->period ? json_string(r->period) : json_null());
    json_object_set_new(report, "plan", cpl ? json_string(cpl->plan->name) : json_null());
    if (origin) json_object_set_new(report, "file", json_string(origin));
    if (r->nerrors) {
        json_object_set_new(report, "status", json_string("error"));
        json_t *errs = json_array();
        for (size_t i = 0; i < r->nerrors; i++) json_array_append_new(errs, json_string(r->errors[i]));
        json_object_set_new(report, "errors", errs);
    } else {
        eval_lets(&ev);
        arena_t scratch;
        arena_init(&scratch);
        int met = 0, missed = 0, na = 0, missing = 0;
        json_t *targets = json_array();
        for (int i = 0; i < cpl->ntargets; i++)
            json_array_append_new(targets, verify_target(&ev, &cpl->targets[i], &scratch, &met,
                                                         &missed, &na, &missing));
        arena_free(&scratch);
        json_object_set_new(report, "status",
                            json_string(missed || missing ? "failed" : "ok"));
        json_object_set_new(report, "targets", targets);
        json_object_set_new(report, "summary",
                            json_pack("{s:i,s:i,s:i,s:i}", "met", met, "missed", missed,
                                      "not_applicable", na, "missing", missing));
    }
    if (bound) eval_free(&ev);
    *reread = r->reread;
    json_decref(submission);
    rat_big_arena(outer);
    chiso_result_free(r);
    return report;
}

json_t *chiso_verify_actuals(const chiso_program *cp, size_t plan, json_t *submission,
                             const char *origin)
{
    bool reread;
    json_t *report = verify_actuals(cp, plan, submission, origin, &reread);
    json_exact_unmark(report);
    return report;
}

json_t *chiso_verify_actuals_text(const chiso_program *cp, size_t plan, const char *text,
                                  size_t len, const char *origin)
{
    json_t *report = verify_actuals_text_marked(cp, plan, text, len, origin);
    json_exact_unmark(report);
    return report;
}

json_t *verify_actuals_text_marked(const chiso_program *cp, size_t plan, const char *text,
                                   size_t len, const char *origin)
{
    json_error_t err;
    json_t *sub = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    bool exact = false;
    if (!sub) { /* perhaps only a number beyond what jansson holds */
        sub = submission_load_exact(text, len);
        exact = sub != NULL;
    }
    if (!sub) {
        json_t *report = json_object();
        json_object_set_new(report, "unit", json_null());
        json_object_set_new(report, "period", json_null());
        json_object_set_new(report, "plan", plan < cp->prog.nplans ? json_string(cp->prog.plans[plan]->name)
                                                                   : json_null());
        if (origin) json_object_set_new(report, "file", json_string(origin));
        json_object_set_new(report, "status", json_string("error"));
        char *msg = len == 0 ? xstrdup(_("the submission is empty"))
                             : xasprintf(_("invalid JSON at line %d, column %d: %s"), err.line,
                                         err.column, err.text);
        json_object_set_new(report, "errors", json_pack("[s]", msg));
        free(msg);
        return report;
    }
    bool reread = false;
    json_t *report = verify_actuals(cp, plan, sub, origin, &reread);
    json_decref(sub);
    if ((reread || submission_scan(text, len).long_numbers) && !exact &&
        (sub = submission_load_exact(text, len)) != NULL) { /* read the numbers as written */
        json_decref(report);
        report = verify_actuals(cp, plan, sub, origin, &reread);
        json_decref(sub);
    }
    return report;
}

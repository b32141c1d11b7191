/* score.c — scoring one submission against a compiled index (contract §4).
 *
 * The tree is scored bottom-up. A leaf takes the first band whose comparison
 * holds (or its `score`), clamped to [0, max] with a finding. A group sums
 * its children, subtracts its deductions and adds its bonuses (each at most
 * its cap), is floored at 0 and capped at its counted maximum. A node that is not applicable
 * (applies_if false, a null metric, a zero denominator) is settled by its
 * policy: full = its max, exclude = out of every maximum above it, zero = 0;
 * an ancestor's decision is applied to its whole subtree. A missing metric
 * makes the unit an error (policy missing = error) naming every missing
 * metric, or scores 0 with a finding (missing = zero). */
#include "formula.h"
#include "result.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/i18n.h"
#include "engine/support/json_arena.h"
#include "engine/support/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    eval_t *ev;
    chiso_result *r;
    const compiled_index_t *ci;
    bool trace;
    const rat_t *set_points; /* per node: points an appraiser set (with set[]), or NULL */
    const bool *set;
} scorer_t;

/* With tracing: the node's trace object, created on first use. */
static json_t *trace_of(scorer_t *s, int idx)
{
    node_result_t *nr = &s->r->nodes[idx];
    if (!nr->trace) nr->trace = json_object();
    return nr->trace;
}

/* Records the metric values a node reads (and which are missing). */
static void trace_reads(scorer_t *s, int idx)
{
    const cnode_t *c = &s->ci->nodes[idx];
    if (!c->nmetrics) return;
    json_t *reads = json_object(), *missing = json_array();
    for (int i = 0; i < c->nmetrics; i++) {
        int slot = c->metrics[i];
        value_t v = s->ev->metrics[slot];
        const char *name = s->ev->prog->metrics[slot].text;
        if (v.tag == V_MISSING) json_array_append_new(missing, json_string(name));
        else json_object_set_new(reads, name, json_from_value(v));
    }
    json_t *t = trace_of(s, idx);
    json_object_set_new(t, "reads", reads);
    if (json_array_size(missing)) json_object_set_new(t, "missing", missing);
    else json_decref(missing);
}

static const char *node_label(const cnode_t *c)
{
    return c->src->kind == NODE_INDEX ? _("the index") : c->src->id;
}

/* Settles node `idx` and its subtree as not applicable under `pol`. */
/* Sets a node's reason: `constant` is kept as it is; `made` is owned. */
static void set_reason(node_result_t *nr, const char *constant, char *made)
{
    free(nr->reason_owned);
    nr->reason_owned = made;
    nr->reason = made ? made : constant;
}

/* `reason` must outlive the result (a constant) unless `made` (owned). */
static void settle_na_impl(scorer_t *s, int idx, na_policy pol, const char *reason, char *made, bool evaluated)
{
    const cnode_t *c = &s->ci->nodes[idx];
    node_result_t *nr = &s->r->nodes[idx];
    nr->status = NS_NOT_APPLICABLE;
    nr->evaluated = evaluated;
    set_reason(nr, reason, made);
    nr->band = -1;
    switch (pol) {
    case NA_EXCLUDE: nr->points = rat_int(0); nr->max = rat_int(0); break;
    case NA_ZERO: nr->points = rat_int(0); nr->max = c->max; break;
    default: nr->points = c->max; nr->max = c->max; break;
    }
    for (int i = 0; i < c->nchildren; i++)
        settle_na_impl(s, c->children[i], pol, _("an enclosing node is not applicable"), NULL, false);
}

/* Settles node `idx` and its subtree as not applicable, for a constant reason. */
static void settle_na(scorer_t *s, int idx, na_policy pol, const char *reason, bool evaluated)
{
    settle_na_impl(s, idx, pol, reason, NULL, evaluated);
}

/* fmt with its one %s replaced by arg, as xasprintf would write it, without
 * printf's machinery (a reason of the kind many units have). */
static char *with_one_string(const char *fmt, const char *arg)
{
    const char *at = strstr(fmt, "%s");
    if (!at || strchr(at + 2, '%') || memchr(fmt, '%', (size_t)(at - fmt))) return xasprintf(fmt, arg);
    size_t head = (size_t)(at - fmt), n = strlen(arg), tail = strlen(at + 2);
    char *out = xmalloc(head + n + tail + 1);
    memcpy(out, fmt, head);
    memcpy(out + head, arg, n);
    memcpy(out + head + n, at + 2, tail + 1);
    return out;
}

static char *na_reason(scorer_t *s, value_t v)
{
    if (v.aux >= 0 && (size_t)v.aux < s->ev->prog->nmetrics)
        return with_one_string(_("metric '%s' did not arise (null)"), s->ev->prog->metrics[v.aux].text);
    return xstrdup(_("a ratio or division has a zero denominator"));
}


/* With tracing: the leaf's rule as written and with the values put in. */
static void trace_formula(scorer_t *s, int idx, value_t result)
{
    const cnode_t *c = &s->ci->nodes[idx];
    const expr_t *e = c->src->score ? c->src->score : c->src->value;
    if (!e) return;
    value_t *values = xcalloc((size_t)(c->nparts ? c->nparts : 1), sizeof *values);
    for (int i = 0; i < c->nparts; i++) values[i] = eval_code(s->ev, &c->parts[i].code);
    json_t *t = trace_of(s, idx);
    char *written = formula_source(e), *filled = formula_with_values(e, s->ev, c->parts, values, c->nparts, result);
    json_object_set_new(t, "formula", json_string(written));
    json_object_set_new(t, "formula_values", json_string(filled));
    free(written);
    free(filled);
    free(values);
}

/* A leaf (or applies_if) produced NA, MISSING or ERROR: settle the node. */
static void settle_special(scorer_t *s, int idx, value_t v)
{
    const cnode_t *c = &s->ci->nodes[idx];
    node_result_t *nr = &s->r->nodes[idx];
    if (v.tag == V_NA) {
        settle_na_impl(s, idx, c->na, NULL, na_reason(s, v), true);
        return;
    }
    if (v.tag == V_MISSING) {
        char *names = eval_missing_metrics(s->ev, c->metrics, c->nmetrics, v);
        nr->status = NS_MISSING;
        nr->points = rat_int(0);
        nr->max = c->max;
        nr->band = -1;
        set_reason(nr, NULL, xasprintf(_("missing %s"), names));
        if (c->missing == MISS_ZERO)
            result_add_finding(s->r, c->src->id, "missing", "missing %s: scored 0", names);
        else
            result_add_error(s->r, "missing %s (needed by %s)", names, node_label(c));
        free(names);
        for (int i = 0; i < c->nchildren; i++)
            settle_na(s, c->children[i], NA_ZERO, _("an enclosing node is missing data"), false);
        return;
    }
    nr->points = rat_int(0);
    nr->max = c->max;
    if (v.aux == ERR_INPUT) {
        /* The metric's error is already in the result; a metric of the
         * same rule that is absent is named too. */
        bool absent = false;
        for (int i = 0; i < c->nmetrics; i++) absent |= s->ev->metrics[c->metrics[i]].tag == V_MISSING;
        if (absent && c->missing != MISS_ZERO) {
            char *names = eval_missing_metrics(s->ev, c->metrics, c->nmetrics, v_missing(-1));
            result_add_error(s->r, "missing %s (needed by %s)", names, node_label(c));
            free(names);
        }
        return;
    }
    if (v.aux == ERR_PERIOD) {
        result_add_error(s->r, "cannot compute %s: period_date() needs a year in the submission's \"period\"%s%s%s",
                         node_label(c), s->r->period ? " (it is \"" : "", s->r->period ? s->r->period : "",
                         s->r->period ? "\", or that year has no such day)" : "");
        return;
    }
    result_add_error(s->r, v.aux == ERR_OVERFLOW
                               ? _("arithmetic overflow while scoring %s: the numbers are too large")
                               : _("cannot compute %s from the values given"),
                     node_label(c));
}

/* Applies deductions to `points`; returns false if the node was settled. */
static rat_t apply_deductions(scorer_t *s, int idx, rat_t points)
{
    const cnode_t *c = &s->ci->nodes[idx];
    node_result_t *nr = &s->r->nodes[idx];
    if (!c->ndeducts) return points;
    nr->deducts = xcalloc((size_t)c->ndeducts, sizeof *nr->deducts);
    nr->ndeducts = c->ndeducts;
    bool of = false;
    for (int i = 0; i < c->ndeducts; i++) {
        const cdeduct_t *d = &c->deducts[i];
        deduct_result_t *dr = &nr->deducts[i];
        dr->reason = d->reason;
        dr->bonus = d->bonus;
        value_t v = eval_code(s->ev, &d->amount);
        if (v.tag == V_NA) {
            dr->not_applicable = true;
            continue;
        }
        if (v.tag == V_MISSING) {
            char *names = eval_missing_metrics(s->ev, c->metrics, c->nmetrics, v);
            dr->missing = true;
            if (c->missing == MISS_ZERO)
                result_add_finding(s->r, c->src->kind == NODE_INDEX ? NULL : c->src->id, "missing",
                                   "deduction \"%s\" not applied: missing %s", d->reason, names);
            else
                result_add_error(s->r, "missing %s (needed by the deduction \"%s\" of %s)",
                                 names, d->reason, node_label(c));
            free(names);
            continue;
        }
        if (v.tag != V_NUM) {
            settle_special(s, idx, v);
            continue;
        }
        dr->amount = v.u.num;
        rat_t amount = v.u.num;
        if (rat_cmp(amount, rat_int(0)) < 0) {
            result_add_finding(s->r, c->src->kind == NODE_INDEX ? NULL : c->src->id, "deduction",
                               "deduction \"%s\" computed a negative amount; nothing deducted", d->reason);
            amount = rat_int(0);
        }
        if (d->has_cap && rat_cmp(amount, d->cap) > 0) {
            amount = d->cap;
            dr->capped = true;
        }
        dr->applied = amount;
        points = d->bonus ? rat_add(points, amount, &of) : rat_sub(points, amount, &of);
    }
    if (of) result_add_error(s->r, "arithmetic overflow in the deductions of %s", node_label(c));
    return points;
}

/* `points` after the node's deductions, if it has any (the node may be
 * settled on the way: its status says so). */
static inline rat_t with_deductions(scorer_t *s, int idx, rat_t points)
{
    return s->ci->nodes[idx].ndeducts ? apply_deductions(s, idx, points) : points;
}

/* Points below 0 or above max, with a finding. */
static void clamp_out_of_range(scorer_t *s, int idx, rat_t *points, rat_t max, bool leaf)
{
    const cnode_t *c = &s->ci->nodes[idx];
    const char *id = c->src->kind == NODE_INDEX ? NULL : c->src->id;
    char a[48], b[48];
    if (rat_cmp(*points, rat_int(0)) < 0) {
        rat_format(*points, 6, a, sizeof a);
        result_add_finding(s->r, id, leaf ? "clamped" : "floored",
                           leaf ? _("points %s below 0 were raised to 0")
                                : _("deductions took the points to %s; floored at 0"), a);
        *points = rat_int(0);
    }
    if (rat_cmp(*points, max) > 0) {
        rat_format(*points, 6, a, sizeof a);
        rat_format(max, 6, b, sizeof b);
        result_add_finding(s->r, id, leaf ? "clamped" : "capped",
                           leaf ? _("points %s above the maximum %s were clamped to %s")
                                : _("points %s above the maximum %s were capped to %s"), a, b, b);
        *points = max;
    }
}

/* Brings points into [0, max] (nearly always they are). */
static inline void clamp_points(scorer_t *s, int idx, rat_t *points, rat_t max, bool leaf)
{
    if (rat_sign(*points) < 0 || rat_cmp(*points, max) > 0) clamp_out_of_range(s, idx, points, max, leaf);
}

static void score_node(scorer_t *s, int idx)
{
    const cnode_t *c = &s->ci->nodes[idx];
    node_result_t *nr = &s->r->nodes[idx];
    nr->evaluated = true;
    nr->band = -1;
    nr->status = NS_SCORED;
    nr->max = c->max;

    if (s->trace) trace_reads(s, idx);
    if (c->is_leaf && s->set && s->set[idx]) {
        /* an appraiser's points replace what the metrics give (engine/appraise) */
        rat_t points = s->set_points[idx];
        clamp_points(s, idx, &points, c->max, true);
        points = with_deductions(s, idx, points);
        if (nr->status != NS_SCORED) return;
        clamp_points(s, idx, &points, c->max, false);
        nr->points = points;
        return;
    }
    if (c->has_applies_if) {
        value_t v = eval_code(s->ev, &c->applies_if);
        if (s->trace) json_object_set_new(trace_of(s, idx), "applies_if", json_from_value(v));
        if (v.tag == V_BOOL) {
            if (!v.u.b) {
                settle_na(s, idx, c->na, "applies_if is false", true);
                return;
            }
        } else {
            settle_special(s, idx, v);
            return;
        }
    }

    if (c->is_leaf) {
        /* The value (for bands) or the score: evaluated once, traced once. */
        value_t v = eval_code(s->ev, c->has_value ? &c->value : &c->score);
        if (s->trace) trace_formula(s, idx, v);
        if (v_special(v)) {
            settle_special(s, idx, v);
            return;
        }
        nr->has_value = true;
        nr->value = v;
        if (c->ndeadlines) record_lateness(s->ev, c, nr);
        if (c->has_ratio) {
            /* The parts of a ratio are counts: a negative one is a slip in
             * the submission (its sign may even cancel out), worth a finding. */
            value_t parts[2] = {eval_code(s->ev, &c->ratio_num), eval_code(s->ev, &c->ratio_den)};
            for (int k = 0; k < 2; k++)
                if (parts[k].tag == V_NUM && rat_sign(parts[k].u.num) < 0) {
                    char buf[48];
                    result_add_finding(s->r, c->src->id, "negative_count",
                                       k ? _("the denominator of the ratio is negative (%s): a count cannot be; scored as given")
                                         : _("the numerator of the ratio is negative (%s): a count cannot be; scored as given"),                                       rat_format(parts[k].u.num, 6, buf, sizeof buf));
                }
        }
        if (s->trace && c->has_ratio) {
            json_t *t = trace_of(s, idx);
            json_object_set_new(t, "numerator", json_from_value(eval_code(s->ev, &c->ratio_num)));
            json_object_set_new(t, "denominator", json_from_value(eval_code(s->ev, &c->ratio_den)));
        }
        rat_t points = c->has_value ? rat_int(0) : v.u.num;
        if (c->has_value) {
            json_t *tried = s->trace ? json_array() : NULL;
            if (tried) json_object_set_new(trace_of(s, idx), "bands", tried);
            for (int i = 0; i < c->nbands && nr->band < 0; i++) {
                const cband_t *b = &c->bands[i];
                if (b->cmp != OP_NONE) {
                    value_t t = eval_code(s->ev, &b->threshold);
                    if (v_special(t)) {
                        settle_special(s, idx, t);
                        return;
                    }
                    int cmp = v.tag == V_NUM    ? rat_cmp(v.u.num, t.u.num)
                            : v.tag == V_BOOL ? (v.u.b != t.u.b) /* yes/no: equal or not */
                                              : (v.u.date > t.u.date) - (v.u.date < t.u.date);
                    bool holds = cmp_holds(b->cmp, cmp);
                    if (tried)
                        json_array_append_new(tried, json_pack("{s:s,s:o,s:b}", "band", b->label,
                                                               "threshold", json_from_value(t),
                                                               "holds", holds));
                    if (!holds) continue;
                } else if (tried) {
                    json_array_append_new(tried, json_pack("{s:s,s:b}", "band", b->label, "holds", 1));
                }
                value_t p = eval_code(s->ev, &b->points);
                if (v_special(p)) {
                    settle_special(s, idx, p);
                    return;
                }
                nr->band = i;
                points = p.u.num;
            }
            if (nr->band < 0)
                result_add_finding(s->r, c->src->id, "no_band",
                                   "the value matched no band; scored 0");
        }
        if (s->trace) json_object_set_new(trace_of(s, idx), "raw_points", json_from_rat(points));
        clamp_points(s, idx, &points, c->max, true);
        points = with_deductions(s, idx, points);
        if (nr->status != NS_SCORED) return;
        clamp_points(s, idx, &points, c->max, false); /* a bonus may pass the max */
        nr->points = points;
        return;
    }

    bool of = false;
    rat_t sum = rat_int(0), counted = rat_int(0);
    for (int i = 0; i < c->nchildren; i++) {
        int k = c->children[i];
        score_node(s, k);
        sum = rat_add(sum, s->r->nodes[k].points, &of);
        counted = rat_add(counted, s->r->nodes[k].max, &of);
    }
    if (of) result_add_error(s->r, "arithmetic overflow adding up %s", node_label(c));
    nr->max = counted;
    if (c->nchildren && rat_is_zero(counted) && !rat_is_zero(c->max)) {
        bool all_excluded = true;
        for (int i = 0; i < c->nchildren; i++)
            if (s->r->nodes[c->children[i]].status != NS_NOT_APPLICABLE) all_excluded = false;
        if (all_excluded) {
            nr->status = NS_NOT_APPLICABLE;
            set_reason(nr, _("every criterion under it is not applicable and excluded"), NULL);
        }
    }
    rat_t points = with_deductions(s, idx, sum);
    clamp_points(s, idx, &points, counted, false);
    nr->points = points;
}

static void grade_and_percent(scorer_t *s)
{
    chiso_result *r = s->r;
    const node_t *index = s->ci->index;
    r->points = r->nodes[0].points;
    r->max = r->nodes[0].max;
    if (rat_is_zero(r->max)) {
        r->has_percent = false;
        result_add_finding(r, NULL, "no_maximum",
                           "every criterion was excluded: no percent or grade can be given");
        return;
    }
    bool of = false;
    r->percent = rat_mul(rat_div(r->points, r->max, &of), rat_int(100), &of);
    if (of) {
        result_add_error(r, "arithmetic overflow computing the percent");
        return;
    }
    r->has_percent = true;
    for (size_t i = 0; i < node_rare(index)->ngrades; i++) {
        const grade_entry_t *g = &node_rare(index)->grades[i];
        if (g->otherwise || rat_cmp(r->percent, g->threshold) >= 0) {
            r->grade = g->label;
            break;
        }
    }
}

static void compare_self_assessment(scorer_t *s, json_t *claims)
{
    chiso_result *r = s->r;
    if (!json_is_object(claims)) {
        result_add_finding(r, NULL, "self_assessment", "self_assessment is not an object; ignored");
        return;
    }
    const char *key;
    json_t *val;
    json_object_foreach(claims, key, val) {
        rat_t claimed;
        const char *digits;
        size_t ndigits;
        /* the process form {"points": 2, "evidence": [...], "explanation": "..."} */
        if (json_is_object(val)) {
            val = json_object_get(val, "points");
            if (!val || json_is_null(val)) continue; /* evidence or an explanation only */
        }
        bool okv = json_is_integer(val) ? (claimed = rat_int(json_integer_value(val)), true)
                 : json_is_real(val) ? rat_from_double(json_real_value(val), &claimed)
                 : json_exact_number(val, &digits, &ndigits) ? rat_parse(digits, ndigits, &claimed) : false;
        if (!okv) {
            result_add_finding(r, key, "self_assessment",
                               "self-assessed points for '%s' are not a number; ignored", key);
            continue;
        }
        rat_t computed;
        if (strcmp(key, "total") == 0 || strcmp(key, "tổng") == 0) {
            computed = r->points;
        } else {
            void *hit = strmap_get(&s->ci->node_by_id, key);
            if (!hit) {
                result_add_finding(r, key, "self_assessment",
                                   "self_assessment names '%s', which is not a node of this index", key);
                continue;
            }
            computed = r->nodes[(intptr_t)hit - 1].points;
        }
        if (rat_cmp(claimed, computed) != 0) {
            VEC_PUSH(r->claims, r->nclaims, r->capclaims);
            r->claims[r->nclaims++] = (claim_diff_t){xstrdup(key), claimed, computed};
        }
    }
}

/* "Nothing arose" should be a visible claim: when most metrics the index
 * reads are null, say so (each null scores by the not-applicable policy,
 * by default full points). */
static void note_mostly_null(const eval_t *ev, chiso_result *r)
{
    const program_t *p = ev->prog;
    size_t given = 0, nulls = 0;
    for (size_t s = 0; s < p->nmetrics; s++) {
        if (!p->metrics[s].uses) continue; /* declared, read by no rule */
        value_t v = ev->metrics[s];
        if (v.tag == V_MISSING) continue;
        given++;
        if (v.tag == V_NA) nulls++;
    }
    if (given >= 2 && nulls * 2 > given)
        result_add_finding(r, NULL, "mostly_null",
                           "%zu of the %zu metrics read are null (không phát sinh): most criteria are "
                           "scored as not arisen; check that the submission was filled in",
                           nulls, given);
}

chiso_result *chiso_score(const chiso_program *prog, size_t index, json_t *submission,
                          const char *origin)
{
    return chiso_score_ex(prog, index, submission, origin, 0);
}

static chiso_result *score_impl(const chiso_program *prog, size_t index, json_t *submission,
                                const json_envelope *env, const char *origin, unsigned flags, bool keys_nfc,
                                json_t *const *path_values, const long long *path_ints, const rat_t *points,
                                const bool *set);

chiso_result *score_submission(const chiso_program *prog, size_t index, json_t *submission,
                               const char *origin, unsigned flags, bool keys_nfc)
{
    return score_impl(prog, index, submission, NULL, origin, flags, keys_nfc, NULL, NULL, NULL, NULL);
}

chiso_result *score_submission_paths(const chiso_program *prog, size_t index, json_t *submission,
                                     const char *origin, unsigned flags, json_t *const *path_values,
                                     const long long *path_ints)
{
    return score_impl(prog, index, submission, NULL, origin, flags, true, path_values, path_ints, NULL, NULL);
}

chiso_result *score_submission_envelope(const chiso_program *prog, size_t index, const json_envelope *env,
                                        const char *origin, unsigned flags, json_t *const *path_values,
                                        const long long *path_ints)
{
    return score_impl(prog, index, NULL, env, origin, flags, true, path_values, path_ints, NULL, NULL);
}

chiso_result *score_with_points(const chiso_program *prog, size_t index, json_t *submission,
                                const char *origin, unsigned flags, const rat_t *points, const bool *set)
{
    return score_impl(prog, index, submission, NULL, origin, flags, false, NULL, NULL, points, set);
}

/* The submission's tree, or (submission NULL) its envelope as the walk
 * along the paths read it; path_values: the metrics as read along the
 * metric paths (json_paths.h), or NULL; points/set: leaves whose points
 * an appraiser set (engine/appraise), or NULL. */
static chiso_result *score_impl(const chiso_program *prog, size_t index, json_t *submission,
                                const json_envelope *env, const char *origin, unsigned flags, bool keys_nfc,
                                json_t *const *path_values, const long long *path_ints, const rat_t *points,
                                const bool *set)
{
    chiso_result *r = result_new(prog, index, origin);
    if (!r->ci) {
        result_add_error(r, prog->diags.errors ? _("the rules have errors; nothing was scored")
                                               : _("the rules have no index to score with"));
        return r;
    }
    struct arena *outer = rat_big_arena(&r->bigs); /* the result owns its big numbers */
    json_t *metrics;
    if (env) {
        metrics = submission_envelope_read(r, env);
    } else {
        /* a reference, released below */
        submission = keys_nfc ? json_incref(submission) : submission_keys_nfc(r, submission);
        metrics = submission_envelope(r, submission);
    }
    const compiled_index_t *asked = r->ci;
    if (!metrics || !result_pick_version(r)) {
        json_decref(submission);
        rat_big_arena(outer);
        return r;
    }
    if (points && r->ci != asked) { /* set by hand on the nodes of another version */
        result_add_error(r, "the points set by hand are for index version %s, not the one of period \"%s\"",
                         asked->index->source ? asked->index->source : "given", r->period);
        json_decref(submission);
        rat_big_arena(outer);
        return r;
    }
    eval_t ev;
    eval_init(&ev, &prog->prog);
    ev.period_year = r->period ? period_year_of(r->period) : 0;
    submission_bind(&ev, metrics, path_values, path_ints, r);
    /* Scored even when a metric has the wrong type, so that the errors
     * name every problem of the submission (every missing metric too),
     * not only the first kind found: a unit is not asked twice. */
    {
        if (r->ok) note_mostly_null(&ev, r);
        eval_lets(&ev);
        scorer_t s = {&ev, r, r->ci, (flags & CHISO_SCORE_TRACE) != 0, points, set};
        r->traced = s.trace;
        score_node(&s, 0);
        if (r->ok) grade_and_percent(&s);
        /* A submission of unit, metrics and perhaps period has no claims to
         * look up (the envelope found those members, or r is not ok). */
        json_t *claims = !r->ok ? NULL
                       : env    ? env->claims
                       : json_object_size(submission) > 2 + (r->period != NULL)
                           ? json_object_get(submission, "self_assessment") : NULL;
        if (claims && !json_is_null(claims)) compare_self_assessment(&s, claims);
    }
    eval_free(&ev);
    json_decref(submission);
    rat_big_arena(outer);
    return r;
}

chiso_result *chiso_score_ex(const chiso_program *prog, size_t index, json_t *submission,
                             const char *origin, unsigned flags)
{
    return score_submission(prog, index, submission, origin, flags, false);
}

/* submission.c — reading one unit's submission (contract §5): checking its
 * shape and binding each metric path the rules read to a value of the type
 * the rules expect. Every problem is collected (the unit's result names them
 * all); nothing here stops at the first one. */
#include "result.h"

#include "engine/support/date.h"
#include "engine/support/fold.h"
#include "engine/support/i18n.h"
#include "engine/support/nfc.h"
#include "engine/support/xalloc.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

static const char *json_kind(const json_t *j)
{
    const char *digits;
    size_t n;
    if (json_exact_number(j, &digits, &n)) return _("a number");
    switch (json_typeof(j)) {
    case JSON_OBJECT: return _("an object");
    case JSON_ARRAY: return _("an array");
    case JSON_STRING: return _("a string");
    case JSON_INTEGER: case JSON_REAL: return _("a number");
    case JSON_TRUE: case JSON_FALSE: return _("a boolean");
    default: return _("null");
    }
}

/* The value as JSON, cut to 40 characters. json_dumpb, not json_dumps:
 * nothing of jansson's to free (it may live in a batch's parse arena). */
static void describe_json(const json_t *j, char *buf, size_t size)
{
    char text[42] = {0}; /* json_dumpb copies whole pieces while they fit: a prefix */
    const char *digits;
    size_t n;
    if (json_exact_number(j, &digits, &n)) { /* as written */
        if (n > 40) snprintf(buf, size, "%.37s...", digits);
        else snprintf(buf, size, "%.*s", (int)n, digits);
        return;
    }
    n = json_dumpb(j, text, sizeof text - 1, JSON_ENCODE_ANY | JSON_COMPACT);
    if (n == 0) snprintf(buf, size, "?");
    else if (n > 40) snprintf(buf, size, "%.37s...", text);
    else snprintf(buf, size, "%.*s", (int)n, text);
}

static const char *own_nfc(eval_t *ev, const char *s)
{
    char *nfc = nfc_if_needed(s);
    if (!nfc) return s;
    VEC_PUSH(ev->owned, ev->nowned, ev->capowned);
    ev->owned[ev->nowned++] = (char *)nfc;
    return (const char *)nfc;
}

static value_t convert(eval_t *ev, const metric_slot_t *m, int slot, json_t *j, chiso_result *r)
{
    char shown[64];
    if (json_is_null(j)) {
        if (m->decl && m->decl->required) {
            result_add_error(r, "metric '%s' is null (không phát sinh), but its declaration at %s:%d "
                                "does not allow null (bắt_buộc)", m->text, m->decl->loc.src->path,
                             m->decl->loc.line);
            return v_error(ERR_INPUT);
        }
        return v_na(slot);
    }
    switch (m->type) {
    case TY_NUMBER:
        if (json_is_integer(j)) {
            json_int_t k = json_integer_value(j);
            bool of = false;
            if (k != INT64_MIN) return v_num(rat_int(k));
            rat_t min = rat_sub(rat_int(-INT64_MAX), rat_int(1), &of); /* beyond the fast form */
            if (!of) return v_num(min);
        }
        if (json_is_real(j)) {
            rat_t v;
            double d = json_real_value(j);
            int digits = 15;
            bool ok = rat_from_double_digits(d, &v, &digits);
            /* A decimal of more than 15 digits, or one near or past a
             * double's range (1e-400 reads as 0), may not be the number
             * written: the text is then read again, exactly (see
             * submission_numbers.c). */
            if (digits > 15 || d == 0 || fabs(d) < 1e-300 || fabs(d) > 1e300) r->reread = true;
            if (ok) return v_num(v);
            describe_json(j, shown, sizeof shown);
            result_add_error(r, "metric '%s' = %s is out of the range chiso computes with", m->text,
                             shown);
            return v_error(ERR_INPUT);
        }
        const char *digits;
        size_t n;
        if (json_exact_number(j, &digits, &n)) { /* see submission_numbers.c */
            rat_t v;
            if (rat_parse(digits, n, &v)) return v_num(v);
            describe_json(j, shown, sizeof shown);
            result_add_error(r, "metric '%s' = %s is beyond the numbers chiso reads exactly: at most %d "
                             "digits and an exponent within ±%d", m->text, shown, RAT_MAX_DIGITS,
                             RAT_MAX_EXPONENT);
            return v_error(ERR_DOMAIN);
        }
        describe_json(j, shown, sizeof shown);
        result_add_error(r, "metric '%s' must be a number, but is %s (%s)", m->text, json_kind(j),
                         shown);
        return v_error(ERR_INPUT);
    case TY_DATE: {
        int days;
        if (json_is_string(j) &&
            date_parse(json_string_value(j), json_string_length(j), &days))
            return v_date(days);
        describe_json(j, shown, sizeof shown);
        result_add_error(r, "metric '%s' must be a date written \"YYYY-MM-DD\", but is %s", m->text,
                         shown);
        return v_error(ERR_INPUT);
    }
    case TY_BOOL:
        if (json_is_boolean(j)) return v_bool(json_is_true(j));
        describe_json(j, shown, sizeof shown);
        result_add_error(r, "metric '%s' must be true or false, but is %s", m->text, shown);
        return v_error(ERR_INPUT);
    case TY_STRING:
        if (json_is_string(j) && !json_exact_number(j, &(const char *){NULL}, &(size_t){0})) {
            value_t v = {V_STR, 0, {.str = own_nfc(ev, json_string_value(j))}};
            return v;
        }
        describe_json(j, shown, sizeof shown);
        result_add_error(r, "metric '%s' must be a string, but is %s", m->text, shown);
        return v_error(ERR_INPUT);
    default:
        return v_bool(true); /* only present() reads it */
    }
}

/* "0 to 1", "0 or more" for a declared range as typed. */
static void describe_range(const metric_decl_t *d, char *buf, size_t size)
{
    range_t r = metric_decl_range(d, false);
    char lo[48] = "", hi[48] = "";
    if (d->kind == MK_DATE) {
        if (r.has_lo) date_format((int)r.lo.num, lo, sizeof lo);
        if (r.has_hi) date_format((int)r.hi.num, hi, sizeof hi);
    } else {
        if (r.has_lo) rat_format(r.lo, 6, lo, sizeof lo);
        if (r.has_hi) rat_format(r.hi, 6, hi, sizeof hi);
    }
    if (r.has_lo && r.has_hi) snprintf(buf, size, _("from %s to %s"), lo, hi);
    else if (r.has_lo) snprintf(buf, size, _("%s or more"), lo);
    else snprintf(buf, size, _("%s or less"), hi);
}

/* describe_json of the value `v` was read from: of a whole number read
 * without a value (JSON_PATHS_INTEGER), v's digits, as jansson writes them. */
static void describe_read(const json_t *j, value_t v, char *buf, size_t size)
{
    int64_t k;
    if (j == JSON_PATHS_INTEGER && v.tag == V_NUM && rat_to_int64(v.u.num, &k))
        snprintf(buf, size, "%lld", (long long)k);
    else
        describe_json(j, buf, size);
}

/* A value of the right JSON type, checked against its declaration: a
 * count is whole, every value lies in its range, a percent typed 85 is
 * 0.85 to the rules. */
static value_t check_declared(const metric_slot_t *m, json_t *j, value_t v, chiso_result *r)
{
    const metric_decl_t *d = m->decl;
    if (v.tag != V_NUM && v.tag != V_DATE) return v;
    char shown[64];
    if (d->kind == MK_COUNT && !rat_is_int(v.u.num)) {
        describe_read(j, v, shown, sizeof shown);
        result_add_error(r, "metric '%s' = %s must be a whole number (a count, declared at %s:%d)",
                         m->text, shown, d->loc.src->path, d->loc.line);
        return v_error(ERR_INPUT);
    }
    const range_t *rg = &d->typed;
    rat_t x = v.tag == V_DATE ? rat_int(v.u.date) : v.u.num;
    if ((rg->has_lo && rat_cmp(x, rg->lo) < 0) || (rg->has_hi && rat_cmp(x, rg->hi) > 0)) {
        describe_read(j, v, shown, sizeof shown); /* only now: it prints the JSON */
        char range[120];
        describe_range(d, range, sizeof range);
        result_add_error(r, "metric '%s' = %s is outside its declared range, %s (%s, declared at %s:%d)",
                         m->text, shown, range, metric_kind_vietnamese(d->kind), d->loc.src->path,
                         d->loc.line);
        return v_error(ERR_INPUT);
    }
    if (d->kind == MK_PERCENT) {
        bool of = false;
        v.u.num = rat_div(v.u.num, rat_int(100), &of);
    }
    return v;
}

/* Is this string a placeholder of `chiso metrics --template` ("<điền: …>")? */
bool submission_placeholder(const char *s)
{
    if (s[0] != '<') return false;
    size_t n = strlen(s);
    if (s[n - 1] != '>') return false;
    char *f = fold_visual(s);
    bool yes = !strncmp(f, "<dien", 5) || !strncmp(f, "<fill", 5);
    free(f);
    return yes;
}

/* Evaluates the right side of a declared constraint: false when a value
 * it needs is not there (null, missing, in error). */
static bool constraint_value(const eval_t *ev, const expr_t *e, rat_t *out, int depth)
{
    if (depth > 64) return false;
    bool of = false;
    rat_t a, b;
    switch (e->kind) {
    case EX_NUMBER: *out = e->num; return true;
    case EX_DATE: *out = rat_int(e->date); return true;
    case EX_NAME:
    case EX_PATH: {
        if (e->metric < 0) return false;
        value_t v = ev->metrics[e->metric];
        if (v.tag == V_NUM) *out = v.u.num;
        else if (v.tag == V_DATE) *out = rat_int(v.u.date);
        else return false;
        return true;
    }
    case EX_UNARY:
        if (!constraint_value(ev, e->a, &a, depth + 1)) return false;
        *out = rat_neg(a, &of);
        return !of;
    case EX_BINARY:
        if (!constraint_value(ev, e->a, &a, depth + 1) || !constraint_value(ev, e->b, &b, depth + 1))
            return false;
        switch (e->op) {
        case OP_ADD: *out = rat_add(a, b, &of); break;
        case OP_SUB: *out = rat_sub(a, b, &of); break;
        case OP_MUL: *out = rat_mul(a, b, &of); break;
        case OP_DIV:
            if (rat_is_zero(b)) return false;
            *out = rat_div(a, b, &of);
            break;
        default: return false;
        }
        return !of;
    default:
        return false;
    }
}

static void check_constraints(const eval_t *ev, chiso_result *r)
{
    const program_t *p = ev->prog;
    for (size_t s = 0; s < p->nmetrics; s++) {
        const metric_decl_t *d = p->metrics[s].decl;
        if (!d || !d->nconstraints) continue;
        value_t v = ev->metrics[s];
        if (v.tag != V_NUM && v.tag != V_DATE) continue;
        rat_t x = v.tag == V_NUM ? v.u.num : rat_int(v.u.date);
        for (size_t i = 0; i < d->nconstraints; i++) {
            const metric_constraint_t *c = &d->constraints[i];
            rat_t y;
            if (!constraint_value(ev, c->rhs, &y, 0)) continue;
            if (cmp_holds(c->cmp, rat_cmp(x, y))) continue;
            char xs[48], ys[48];
            if (v.tag == V_DATE) {
                date_format((int)x.num, xs, sizeof xs);
                date_format((int)y.num, ys, sizeof ys);
            } else {
                bool of = false;
                rat_t k = d->kind == MK_PERCENT ? rat_int(100) : rat_int(1);
                rat_format(rat_mul(x, k, &of), 6, xs, sizeof xs);
                rat_format(y, 6, ys, sizeof ys);
            }
            const char *rhs = c->rhs->kind == EX_PATH || c->rhs->kind == EX_NAME ? c->rhs->text : NULL;
            if (rhs)
                result_add_error(r, "metric '%s' = %s breaks its constraint %s %s (= %s), declared at %s:%d",
                                 d->text, xs, op_text(c->cmp), rhs, ys, d->loc.src->path, d->loc.line);
            else
                result_add_error(r, "metric '%s' = %s breaks its constraint %s %s, declared at %s:%d",
                                 d->text, xs, op_text(c->cmp), ys, d->loc.src->path, d->loc.line);
        }
    }
}

/* "a.b" for the first `n` segments of a metric path. */
static char *path_prefix_text(const metric_slot_t *m, int n)
{
    strbuf_t sb;
    sb_init(&sb);
    for (int i = 0; i < n; i++) {
        if (i) sb_addc(&sb, '.');
        sb_adds(&sb, m->segs[i]);
    }
    return sb_take(&sb);
}

void submission_bind(eval_t *ev, json_t *metrics, json_t *const *path_values, const long long *path_ints,
                     chiso_result *r)
{
    const program_t *p = ev->prog;
    /* Read along the paths: an object the reader went through without
     * making it is the stand-in, and what lies under it is in path_values
     * by path node; any other object is looked up as usual. */
    const json_t *stand_in = path_values ? metrics : NULL;
    /* chain[i] is the value reached by the first i segments of the previous
     * slot's path, for i <= valid (NULL where a key was absent). A slot
     * sharing its first k segments with the previous one reuses those
     * lookups: slots of one group (dossiers.total, dossiers.on_time)
     * usually follow each other, and each lookup hashes a key. */
    enum { DEPTH = 32 };
    json_t *chain[DEPTH + 1];
    int valid = 0;
    strbuf_t unfilled; /* metrics still holding a template placeholder */
    sb_init(&unfilled);
    int nunfilled = 0;
    for (size_t s = 0; s < p->nmetrics; s++) {
        const metric_slot_t *m = &p->metrics[s];
        int reuse = m->shared < valid ? m->shared : valid;
        json_t *cur = metrics;
        value_t v = v_missing((int32_t)s);
        bool found = false;
        int i = 0;
        if (stand_in) {
            /* Read along the paths, a value where the path ends lies under
             * objects the reader went through (stand-ins) all the way up:
             * nothing to walk. Else (absent, a null group, a path under a
             * value made whole) the walk below says what it is. */
            int node = p->code->slot_nodes[s][m->nsegs];
            json_t *leaf = path_values[node];
            if (leaf == JSON_PATHS_INTEGER) {
                /* a whole number read without a value (json_paths.h):
                 * bound as below; a value made for what needs one */
                long long k = path_ints[node];
                valid = 0;
                if (m->type == TY_NUMBER && k != INT64_MIN) {
                    v = v_num(rat_int(k));
                    ev->metrics[s] = m->decl ? check_declared(m, leaf, v, r) : v;
                    continue;
                }
                json_t *made = json_integer(k);
                v = convert(ev, m, (int)s, made, r);
                if (m->decl && !v_special(v)) v = check_declared(m, made, v, r);
                json_decref(made);
                ev->metrics[s] = v;
                continue;
            }
            if (leaf && leaf != stand_in) {
                cur = leaf;
                found = true;
                valid = 0; /* the next slot does not reuse this walk */
                goto bind;
            }
        }
        for (;; i++) {
            if (i <= DEPTH) chain[i] = cur; /* the value after i segments */
            if (i == m->nsegs) {
                found = true;
                break;
            }
            if (json_is_null(cur)) { /* a whole group that did not arise */
                v = v_na((int32_t)s);
                break;
            }
            if (!json_is_object(cur)) {
                char *prefix = path_prefix_text(m, i);
                result_add_error(r, "metric '%s': '%s' is %s, not an object", m->text, prefix,
                                 json_kind(cur));
                free(prefix);
                v = v_error(ERR_INPUT);
                break;
            }
            json_t *next = i < reuse       ? chain[i + 1]
                         : cur == stand_in ? path_values[p->code->slot_nodes[s][i + 1]]
                                           : json_object_get(cur, m->segs[i]);
            if (!next) { /* absent: missing */
                if (++i <= DEPTH) chain[i] = NULL;
                break;
            }
            cur = next;
        }
        valid = i < DEPTH ? i : DEPTH;
    bind:
        if (found && json_is_string(cur) && submission_placeholder(json_string_value(cur))) {
            sb_adds(&unfilled, nunfilled++ ? ", " : "");
            sb_adds(&unfilled, m->text);
            v = v_error(ERR_INPUT);
        } else if (found) {
            json_int_t k;
            if (m->type == TY_NUMBER && json_is_integer(cur) && (k = json_integer_value(cur)) != INT64_MIN)
                v = v_num(rat_int(k)); /* most metrics are counts: as convert() reads them */
            else
                v = convert(ev, m, (int)s, cur, r);
            if (m->decl && !v_special(v)) v = check_declared(m, cur, v, r);
        }
        ev->metrics[s] = v;
    }
    if (nunfilled)
        result_add_error(r, chiso_ngettext("%d metric still holds the template's placeholder \"<điền: …>\" "
                                           "(not filled in): %s",
                                           "%d metrics still hold the template's placeholder \"<điền: …>\" "
                                           "(not filled in): %s", (unsigned long)nunfilled),
                         nunfilled, unfilled.data);
    sb_free(&unfilled);
    if (p->ndecls) check_constraints(ev, r);
}

/* Looks up keys[0…n) in `obj`: a small object (a submission's top level,
 * its unit) in one walk of its members, since json_object_get hashes each
 * key it is asked for; a large one key by key. */
static void members_of(json_t *obj, const char *const *keys, json_t **out, size_t n)
{
    if (json_object_size(obj) > 8) {
        for (size_t k = 0; k < n; k++) out[k] = json_object_get(obj, keys[k]);
        return;
    }
    for (size_t k = 0; k < n; k++) out[k] = NULL;
    for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it)) {
        const char *key = json_object_iter_key(it);
        for (size_t k = 0; k < n; k++)
            if (!out[k] && !strcmp(key, keys[k])) {
                out[k] = json_object_iter_value(it);
                break;
            }
    }
}


/* The unit object with its id, name and level in NFC: a new reference to
 * it when they are already (nearly always), else to a shallow copy with
 * those replaced; `v` (its members) then describes the copy. The
 * submission itself is not changed. */
static json_t *unit_in_nfc(json_t *unit, json_t **v)
{
    json_t *copy = NULL;
    for (size_t i = UNIT_ID; i <= UNIT_LEVEL; i++) {
        char *nfc = json_is_string(v[i]) ? nfc_if_needed(json_string_value(v[i])) : NULL;
        if (!nfc) continue;
        if (!copy) copy = json_copy(unit);
        json_object_set_new(copy, result_unit_keys[i], json_string(nfc));
        free(nfc);
    }
    if (!copy) return json_incref(unit);
    members_of(copy, result_unit_keys, v, UNIT_MEMBERS);
    return copy;
}

/* A JSON string, and not a number kept as written (submission_numbers.c). */
static bool is_text(const json_t *j)
{
    const char *digits;
    size_t n;
    return json_is_string(j) && !json_exact_number(j, &digits, &n);
}

static void mark_unranked(chiso_result *r)
{
    r->unranked = true;
    result_add_finding(r, NULL, "not_ranked", "scored but not ranked: the unit is marked \"ranked\": false");
}

/* Checks the shape of the submission; fills unit and period. */
json_t *submission_envelope(chiso_result *r, json_t *sub)
{
    if (!json_is_object(sub)) {
        result_add_error(r, "the submission must be a JSON object with \"unit\" and \"metrics\", not %s",
                         json_is_array(sub) ? _("an array") : json_is_string(sub) ? _("a string")
                         : json_is_null(sub) ? _("null") : json_is_boolean(sub) ? _("a boolean")
                         : _("a number"));
        return NULL;
    }
    static const char *const top_keys[] = {"unit", "period", "metrics"};
    json_t *top[3];
    members_of(sub, top_keys, top, 3);
    json_t *unit = top[0], *u[UNIT_MEMBERS];
    if (!unit) {
        result_add_error(r, "the submission has no \"unit\" object");
    } else if (!json_is_object(unit)) {
        result_add_error(r, "\"unit\" must be an object with \"id\" and \"name\"");
    } else {
        members_of(unit, result_unit_keys, u, UNIT_MEMBERS);
        json_decref(r->unit);
        r->unit = unit_in_nfc(unit, u);
        json_t *id = u[UNIT_ID];
        if (!is_text(id) || json_string_length(id) == 0)
            result_add_error(r, "\"unit\" has no \"id\" string");
        json_t *name = u[UNIT_NAME];
        if (name && !is_text(name)) result_add_error(r, "\"unit.name\" must be a string");
        json_t *level = u[UNIT_LEVEL];
        if (level && !is_text(level)) result_add_error(r, "\"unit.level\" must be a string");
        json_t *ranked = u[UNIT_RANKED];
        if (ranked && !json_is_boolean(ranked)) result_add_error(r, "\"unit.ranked\" must be true or false");
        else if (json_is_false(ranked)) mark_unranked(r);
        for (size_t i = UNIT_ID; i <= UNIT_LEVEL; i++)
            if (json_is_string(u[i]) && submission_placeholder(json_string_value(u[i])))
                result_add_error(r, "\"unit.%s\" still holds the template's placeholder (not filled in)",
                                 result_unit_keys[i]);
    }
    json_t *period = top[1];
    if (json_is_string(period) && submission_placeholder(json_string_value(period)))
        result_add_error(r, "\"period\" still holds the template's placeholder (not filled in)");
    if (is_text(period)) {
        char *nfc = nfc_if_needed(json_string_value(period));
        r->period = nfc ? nfc : xstrdup(json_string_value(period));
    }
    else if (json_is_integer(period)) r->period = xasprintf("%lld", (long long)json_integer_value(period));
    else if (period && !json_is_null(period))
        result_add_error(r, "\"period\" must be a string such as \"2021\"");
    json_t *metrics = top[2];
    if (!metrics) {
        result_add_error(r, "the submission has no \"metrics\" object");
        return NULL;
    }
    if (!json_is_object(metrics)) {
        result_add_error(r, "\"metrics\" must be an object");
        return NULL;
    }
    return metrics;
}

json_t *submission_envelope_read(chiso_result *r, const json_envelope *env)
{
    /* Of the usual shape: nothing for submission_envelope to object to. */
    result_keep_envelope(r, env);
    if (env->ranked == 0) mark_unranked(r);
    return env->metrics;
}

/* check_metrics.c — metric declarations in the checker.
 *
 * Before names and types: every declared metric gets its slot, its type
 * (from its kind) and its range, and each declaration is checked (one per
 * path, bounds that fit the kind, constraints that compare like with like).
 * After them: a rule reading a metric the files do not declare is a warning
 * (when they declare any), and comparisons are checked for units of
 * measure: a ratio-valued expression (ratio(), a declared ratio or percent
 * metric) compared with a plain number above 1 is an error, "did you mean
 * 98%?"; a constant outside a metric's declared range is an error; bands
 * mixing percents and plain numbers are a warning. */
#include "builtins.h"
#include "engine/support/i18n.h"
#include "../ast/ast_build.h"
#include "program.h"

#include "../support/date.h"
#include "../support/fold.h"
#include "../support/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void program_reserve_metrics(program_t *p, size_t n)
{
    if (n <= p->capmetrics) return;
    /* n is an upper bound: the pages are touched only as far as slots are
     * used, so huge pages (whole 2 MiB at a time) only for a large table */
    size_t bytes = n * sizeof(metric_slot_t);
    metric_slot_t *slots = bytes < 8u << 20 ? xmalloc(bytes) : xmalloc_large(bytes);
    if (p->nmetrics) memcpy(slots, p->metrics, p->nmetrics * sizeof *slots);
    free(p->metrics);
    p->metrics = slots;
    p->capmetrics = n;
}

/* The key of a metric path, in key: the segments joined by '.'; when a
 * segment holds a '.' or U+001F (only a backquoted one can), U+001F and
 * the segments joined by U+001F, which no key of the first kind begins
 * with. Returns whether key moved onto the heap (a long path). */
static bool build_key(strbuf_t *key, char **segs, int nsegs)
{
    bool odd = false, heap = false;
    for (int i = 0; i < nsegs && !odd; i++) odd = strpbrk(segs[i], ".\x1f") != NULL;
    char sep = odd ? '\x1f' : '.';
    if (odd) key->data[key->len++] = sep;
    for (int i = 0; i < nsegs; i++) {
        size_t n = strlen(segs[i]) + 1;
        if (key->len + n + 1 > key->cap) {
            char *big = xmalloc(key->cap * 2 + n);
            memcpy(big, key->data, key->len);
            if (heap) free(key->data);
            key->data = big;
            key->cap = key->cap * 2 + n;
            heap = true;
        }
        if (i) key->data[key->len++] = sep;
        memcpy(key->data + key->len, segs[i], n);
        key->len += n - 1;
    }
    key->data[key->len] = '\0';
    return heap;
}

int program_metric_slot(program_t *p, char **segs, int nsegs, const char *text, srcloc_t loc)
{
    /* A path written without backquotes is its own key: nothing to build
     * or to copy (the tree keeps the text). */
    char small[256];
    strbuf_t key = {small, 0, sizeof small};
    bool borrowed = !strchr(text, '`'), heap = false;
    if (borrowed) key.data = (char *)text;
    else heap = build_key(&key, segs, nsegs);
    uint64_t h = strmap_hash(key.data);
    void *found = strmap_get_hashed(&p->metric_by_key, key.data, h);
    int slot;
    if (found) {
        slot = (int)(intptr_t)found - 1;
    } else {
        if (p->nmetrics == p->capmetrics) /* a large array on huge pages (xmalloc_large) */
            program_reserve_metrics(p, p->capmetrics ? p->capmetrics * 2 : 8);
        slot = (int)p->nmetrics++;
        metric_slot_t *m = &p->metrics[slot];
        memset(m, 0, sizeof *m);
        m->text = (char *)text; /* the tree's text, in the same arena */
        m->segs = segs;
        m->nsegs = nsegs;
        m->first_use = loc;
        const char *kept = borrowed ? text : arena_strndup(&p->arena, key.data, key.len);
        strmap_put_hashed(&p->metric_by_key, kept, h, (void *)(intptr_t)(slot + 1));
    }
    if (heap) free(key.data);
    return slot;
}

static value_type kind_type(metric_kind k)
{
    switch (k) {
    case MK_COUNT: case MK_AMOUNT: case MK_RATIO: case MK_PERCENT: return TY_NUMBER;
    case MK_BOOL: return TY_BOOL;
    case MK_DATE: return TY_DATE;
    case MK_TEXT: return TY_STRING;
    default: return TY_UNKNOWN;
    }
}

range_t metric_decl_range(const metric_decl_t *d, bool in_rules)
{
    range_t r = {false, false, {0, 1}, {0, 1}};
    if (d->kind == MK_COUNT || d->kind == MK_RATIO || d->kind == MK_PERCENT) {
        r.has_lo = true;
        r.lo = rat_int(0);
    }
    if (d->kind == MK_RATIO) { r.has_hi = true; r.hi = rat_int(1); }
    if (d->kind == MK_PERCENT) { r.has_hi = true; r.hi = rat_int(100); }
    if (d->has_lo) { r.has_lo = true; r.lo = d->lo; }
    if (d->has_hi) { r.has_hi = true; r.hi = d->hi; }
    if (in_rules && d->kind == MK_PERCENT) {
        bool of = false;
        if (r.has_lo) r.lo = rat_div(r.lo, rat_int(100), &of);
        if (r.has_hi) r.hi = rat_div(r.hi, rat_int(100), &of);
    }
    return r;
}

/* Resolves and types a constraint's right-hand side: numbers, dates,
 * metrics and arithmetic. Returns its type, or TY_ERROR after a message. */
static value_type constraint_side(program_t *p, expr_t *e, diag_list_t *diags, int depth)
{
    if (depth > CHISO_MAX_NESTING) return TY_ERROR;
    switch (e->kind) {
    case EX_NUMBER: return e->type = TY_NUMBER;
    case EX_DATE: return e->type = TY_DATE;
    case EX_NAME:
    case EX_PATH: {
        if (e->kind == EX_NAME) {
            e->segs = arena_alloc(&p->arena, sizeof(char *));
            e->segs[0] = e->text;
            e->nsegs = 1;
        }
        e->metric = program_metric_slot(p, e->segs, e->nsegs, e->text, e->loc);
        const metric_slot_t *m = &p->metrics[e->metric];
        e->decl = m->decl;
        if (!m->decl) {
            diag_t *d = diag_add(diags, DIAG_ERROR, e->loc, "constraint",
                                 "a constraint may only name declared metrics; '%s' is not declared",
                                 e->text);
            diag_hint(d, "declare it: số_liệu %s \"nhãn\" đếm", e->text);
            return e->type = TY_ERROR;
        }
        return e->type = m->type == TY_UNKNOWN ? TY_NUMBER : m->type;
    }
    case EX_UNARY:
        if (e->op == OP_NEG && constraint_side(p, e->a, diags, depth + 1) == TY_NUMBER)
            return e->type = TY_NUMBER;
        break;
    case EX_BINARY:
        if (e->op == OP_ADD || e->op == OP_SUB || e->op == OP_MUL || e->op == OP_DIV) {
            value_type a = constraint_side(p, e->a, diags, depth + 1);
            value_type b = constraint_side(p, e->b, diags, depth + 1);
            if (a == TY_ERROR || b == TY_ERROR) return e->type = TY_ERROR;
            if (a == TY_NUMBER && b == TY_NUMBER) return e->type = TY_NUMBER;
            if (a == TY_DATE && b == TY_NUMBER && (e->op == OP_ADD || e->op == OP_SUB))
                return e->type = TY_DATE;
        }
        break;
    default:
        break;
    }
    diag_t *d = diag_add(diags, DIAG_ERROR, e->loc, "constraint",
                         "a constraint compares with numbers, dates, other metrics and + - * /");
    diag_hint(d, "for example: số_liệu hồ_sơ.đúng_hạn \"...\" đếm <= hồ_sơ.tổng_số");
    return e->type = TY_ERROR;
}

static void check_one_decl(program_t *p, metric_decl_t *d, diag_list_t *diags)
{
    value_type t = kind_type(d->kind);
    if ((d->has_lo || d->has_hi) && (d->kind == MK_BOOL || d->kind == MK_TEXT)) {
        diag_t *e = diag_add(diags, DIAG_ERROR, d->range_loc, "metric-decl",
                             "a %s metric has no range", metric_kind_vietnamese(d->kind));
        diag_hint(e, "bounds apply to numbers and dates");
    }
    if (d->has_lo && d->has_hi && rat_cmp(d->lo, d->hi) > 0) {
        diag_t *e = diag_add(diags, DIAG_ERROR, d->range_loc, "metric-decl",
                             "the range of '%s' is empty: its lower bound is above its upper bound", d->text);
        diag_hint(e, "write `từ LOW đến HIGH`");
    }
    if (d->kind == MK_RATIO || d->kind == MK_PERCENT) {
        rat_t top = rat_int(d->kind == MK_RATIO ? 1 : 100);
        if ((d->has_lo && rat_cmp(d->lo, rat_int(0)) < 0) || (d->has_hi && rat_cmp(d->hi, top) > 0)) {
            diag_t *e = diag_add(diags, DIAG_ERROR, d->range_loc, "metric-decl",
                                 "a %s lies from 0 to %s; these bounds go beyond",
                                 metric_kind_vietnamese(d->kind), d->kind == MK_RATIO ? "1" : "100");
            diag_hint(e, "%s", d->kind == MK_RATIO ? _("a ratio is typed 0.85 for 85 %; use `phần_trăm` for 85")
                                                   : _("a percent is typed 85 for 85 %"));
        }
    }
    for (size_t i = 0; i < d->nconstraints; i++) {
        metric_constraint_t *c = &d->constraints[i];
        value_type rt = constraint_side(p, c->rhs, diags, 0);
        if (rt == TY_ERROR) continue;
        value_type lt = t == TY_UNKNOWN ? TY_NUMBER : t;
        if (lt != rt || lt == TY_BOOL || lt == TY_STRING) {
            diag_t *e = diag_add(diags, DIAG_ERROR, c->loc, "constraint",
                                 "this constraint compares a %s with a %s", type_name(lt), type_name(rt));
            diag_hint(e, "constraints compare numbers with numbers, dates with dates");
        }
    }
}

void check_declarations(program_t *prog, diag_list_t *diags)
{
    /* Slots and types first, so that constraints may name metrics declared later. */
    for (size_t f = 0; f < prog->nfiles; f++) {
        file_ast_t *file = prog->files[f];
        for (size_t i = 0; i < file->nmetric_decls; i++) {
            metric_decl_t *d = file->metric_decls[i];
            int slot = program_metric_slot(prog, d->segs, d->nsegs, d->text, d->path_loc);
            metric_slot_t *m = &prog->metrics[slot];
            if (m->decl) {
                diag_t *e = diag_add(diags, DIAG_ERROR, d->path_loc, "metric-decl",
                                     "metric '%s' is declared twice", d->text);
                diag_hint(e, "the first declaration is at %s:%d", m->decl->loc.src->path,
                          m->decl->loc.line);
                continue;
            }
            d->slot = slot;
            d->typed = metric_decl_range(d, false); /* once: every submission checks against it */
            m->decl = d;
            m->type = kind_type(d->kind);
            m->type_line = d->loc.line;
            prog->ndecls++;
        }
    }
    for (size_t f = 0; f < prog->nfiles; f++) {
        file_ast_t *file = prog->files[f];
        for (size_t i = 0; i < file->nmetric_decls; i++)
            if (file->metric_decls[i]->slot >= 0) check_one_decl(prog, file->metric_decls[i], diags);
    }
}

/* ---- after types: undeclared metrics, units of measure, ranges ---- */

typedef struct {
    program_t *prog;
    diag_list_t *diags;
} uctx;

/* Does `e` give a ratio (a fraction, where 98 % is 0.98)? */
static bool is_ratio(const expr_t *e, int depth)
{
    if (!e || depth > CHISO_MAX_NESTING + 8) return false;
    switch (e->kind) {
    case EX_NAME:
        if (e->let) return is_ratio(e->let->value, depth + 1);
        /* fall through */
    case EX_PATH:
        return e->decl && (e->decl->kind == MK_RATIO || e->decl->kind == MK_PERCENT);
    case EX_CALL:
        if (e->builtin == BI_RATIO) return true;
        if ((e->builtin == BI_MIN || e->builtin == BI_MAX || e->builtin == BI_ROUND ||
             e->builtin == BI_CLAMP) && e->nargs > 0)
            return is_ratio(e->args[0], depth + 1);
        return false;
    case EX_IF:
        return is_ratio(e->b, depth + 1) || is_ratio(e->c, depth + 1);
    case EX_BINARY:
        /* a / b where a is declared <= b: a part of a whole */
        if (e->op == OP_DIV && (e->a->kind == EX_PATH || e->a->kind == EX_NAME) && e->a->decl &&
            (e->b->kind == EX_PATH || e->b->kind == EX_NAME) && e->b->decl) {
            const metric_decl_t *d = e->a->decl;
            for (size_t i = 0; i < d->nconstraints; i++) {
                const metric_constraint_t *c = &d->constraints[i];
                if ((c->cmp == OP_LE || c->cmp == OP_LT) && (c->rhs->kind == EX_PATH || c->rhs->kind == EX_NAME) &&
                    c->rhs->decl == e->b->decl)
                    return true;
            }
        }
        return false;
    default:
        return false;
    }
}

/* A plain number literal above 1 (not written as a percent). */
static bool plain_above_one(const expr_t *e)
{
    return e->kind == EX_NUMBER && !e->is_percent && rat_cmp(e->num, rat_int(1)) > 0;
}

static void ratio_vs_plain(uctx *c, const expr_t *lit, const char *what)
{
    diag_t *d = diag_add(c->diags, DIAG_ERROR, lit->loc, "unit-percent",
                         "%s is a ratio (from 0 to 1), compared here with %s", what, lit->text);
    diag_hint(d, "did you mean %s%%?", lit->text);
}

/* The declared metric `e` reads directly (not through arithmetic), or NULL. */
static const metric_decl_t *direct_decl(const expr_t *e)
{
    if (e->kind == EX_NAME && e->let) return NULL;
    return (e->kind == EX_PATH || e->kind == EX_NAME) ? e->decl : NULL;
}

static void format_range(const range_t *r, bool pct, char *buf, size_t size)
{
    char lo[48] = "", hi[48] = "";
    rat_t l = r->lo, h = r->hi;
    bool of = false;
    if (pct) {
        l = rat_mul(l, rat_int(100), &of);
        h = rat_mul(h, rat_int(100), &of);
    }
    if (r->has_lo) rat_format(l, 6, lo, sizeof lo);
    if (r->has_hi) rat_format(h, 6, hi, sizeof hi);
    const char *u = pct ? "%" : "";
    if (r->has_lo && r->has_hi) snprintf(buf, size, "%s%s to %s%s", lo, u, hi, u);
    else if (r->has_lo) snprintf(buf, size, "%s%s or more", lo, u);
    else snprintf(buf, size, "%s%s or less", hi, u);
}

/* A constant compared with a declared metric must lie in its range. */
static void outside_range(uctx *c, const metric_decl_t *d, expr_t *lit)
{
    if (d->kind == MK_DATE ? lit->kind != EX_DATE : lit->kind != EX_NUMBER) return;
    rat_t v = lit->kind == EX_DATE ? rat_int(lit->date) : lit->num;
    range_t r = metric_decl_range(d, true);
    if (!r.has_lo && !r.has_hi) return;
    if ((r.has_lo && rat_cmp(v, r.lo) < 0) || (r.has_hi && rat_cmp(v, r.hi) > 0)) {
        char shown[120];
        if (d->kind == MK_DATE) {
            char lo[16] = "", hi[16] = "";
            if (r.has_lo) date_format((int)r.lo.num, lo, sizeof lo);
            if (r.has_hi) date_format((int)r.hi.num, hi, sizeof hi);
            snprintf(shown, sizeof shown, "%s%s%s", r.has_lo ? lo : "…", " to ", r.has_hi ? hi : "…");
        } else {
            format_range(&r, d->kind == MK_PERCENT, shown, sizeof shown);
        }
        diag_t *e = diag_add(c->diags, DIAG_ERROR, lit->loc, "out-of-range",
                             "%s is outside the range of '%s' (%s), declared at %s:%d", lit->text,
                             d->text, shown, d->loc.src->path, d->loc.line);
        diag_hint(e, "such a comparison is always true or always false: check the number");
        lit->type = TY_ERROR; /* no follow-on band errors on this threshold */
    }
}

static void check_cmp(uctx *c, expr_t *a, expr_t *b)
{
    if (is_ratio(a, 0) && plain_above_one(b)) {
        ratio_vs_plain(c, b, expr_to_text(&c->prog->arena, a));
        b->type = TY_ERROR; /* no follow-on band errors on this threshold */
        return;
    }
    const metric_decl_t *d = direct_decl(a);
    if (d) outside_range(c, d, b);
}

static void walk_expr(uctx *c, expr_t *e, int depth)
{
    if (!e || depth > CHISO_MAX_NESTING + 8) return;
    if (e->kind == EX_BINARY && op_is_cmp(e->op) && e->a->type != TY_ERROR && e->b->type != TY_ERROR) {
        check_cmp(c, e->a, e->b);
        check_cmp(c, e->b, e->a);
    }
    for (int i = 0; i < e->nargs; i++) walk_expr(c, e->args[i], depth + 1);
    if (!expr_has_operands(e)) return;
    walk_expr(c, e->a, depth + 1);
    walk_expr(c, e->b, depth + 1);
    walk_expr(c, e->c, depth + 1);
}

static void check_bands_units(uctx *c, node_t *n)
{
    if (!n->value || n->value->type != TY_NUMBER) return;
    const expr_t *first_pct = NULL, *first_plain = NULL;
    for (size_t i = 0; i < n->nbands; i++) {
        band_t *b = n->bands[i];
        if (!b->threshold || b->threshold->type == TY_ERROR) continue;
        expr_t *t = b->threshold;
        if (t->kind == EX_NUMBER) {
            if (t->is_percent && !first_pct) first_pct = t;
            if (!t->is_percent && !rat_is_zero(t->num) && !first_plain) first_plain = t;
        }
        check_cmp(c, n->value, t);
    }
    if (first_pct && first_plain && first_plain->type != TY_ERROR) {
        diag_t *d = diag_add(c->diags, DIAG_WARNING, first_plain->loc, "unit-mixed",
                             "the bands of '%s' mix percents (%s) and plain numbers (%s)", n->id,
                             first_pct->text, first_plain->text);
        diag_hint(d, "write every threshold the same way: %s%% if %s is meant as a percent",
                  first_plain->text, first_plain->text);
    }
}

static void walk_node(uctx *c, node_t *n, int depth)
{
    if (depth > CHISO_MAX_NESTING_NODES) return;
    for (size_t i = 0; i < n->nlets; i++) walk_expr(c, n->lets[i]->value, 0);
    walk_expr(c, n->applies_if, 0);
    walk_expr(c, n->value, 0);
    walk_expr(c, n->score, 0);
    for (size_t i = 0; i < n->nbands; i++) walk_expr(c, n->bands[i]->points, 0);
    for (size_t i = 0; i < n->ndeducts; i++) walk_expr(c, n->deducts[i]->amount, 0);
    check_bands_units(c, n);
    for (size_t i = 0; i < n->nchildren; i++) walk_node(c, n->children[i], depth + 1);
}

static void warn_undeclared(program_t *prog, diag_list_t *diags)
{
    const char **declared = xcalloc(prog->ndecls + 1, sizeof *declared);
    size_t n = 0;
    for (size_t i = 0; i < prog->nmetrics; i++)
        if (prog->metrics[i].decl) declared[n++] = prog->metrics[i].text;
    for (size_t i = 0; i < prog->nmetrics; i++) {
        const metric_slot_t *m = &prog->metrics[i];
        if (m->decl || m->uses == 0) continue;
        diag_t *d = diag_add(diags, DIAG_WARNING, m->first_use, "undeclared-metric",
                             "metric '%s' is not declared", m->text);
        const char *s = visual_suggest(m->text, declared, n);
        if (s) diag_hint(d, "did you mean '%s'?", s);
        else diag_hint(d, "declare it with the others: số_liệu %s \"nhãn\" số", m->text);
    }
    free(declared);
}

void check_metric_use(program_t *prog, diag_list_t *diags)
{
    uctx c = {prog, diags};
    if (prog->ndecls) warn_undeclared(prog, diags);
    for (size_t i = 0; i < prog->nindexes; i++) walk_node(&c, prog->indexes[i], 0);
    for (size_t i = 0; i < prog->nplans; i++) {
        plan_t *p = prog->plans[i];
        for (size_t k = 0; k < p->nlets; k++) walk_expr(&c, p->lets[k]->value, 0);
        for (size_t k = 0; k < p->ntargets; k++) walk_expr(&c, p->targets[k]->expr, 0);
    }
}

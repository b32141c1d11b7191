/* ast_build.c — building the tree from parsed items (see ast_build.h). */
#include "ast_build.h"
#include "engine/support/i18n.h"

#include "grammar/keywords.h"
#include "grammar/parse_ctx.h"
#include "../support/xalloc.h"

#include <stdlib.h>
#include <string.h>

item_t *item_new(parse_ctx_t *ctx, item_kind kind, srcloc_t loc)
{
    item_t *it = ctx->free_items;
    if (it) { /* an item a finished block no longer needs */
        ctx->free_items = it->next;
        memset(it, 0, sizeof *it);
    } else {
        it = arena_alloc(ctx->arena, sizeof *it);
    }
    it->kind = kind;
    it->loc = loc;
    return it;
}

void item_append(item_list_t *list, item_t *it)
{
    if (list->tail) list->tail->next = it;
    else list->head = it;
    list->tail = it;
}

/* One level deeper than d (the depth is kept in 8 bits: it saturates,
 * past the limit, which is reported when first exceeded). */
_Static_assert(CHISO_MAX_NESTING < UINT8_MAX, "expression depths are kept in 8 bits");
static uint8_t deeper(int d) { return d >= UINT8_MAX ? UINT8_MAX : (uint8_t)(d + 1); }

static void too_deep(parse_ctx_t *ctx, expr_t *e)
{
    if (e->depth > CHISO_MAX_NESTING && !ctx->nesting_reported) {
        ctx->nesting_reported = 1;
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, e->loc, "too-deep",
                             "expression nested more than %d levels deep", CHISO_MAX_NESTING);
        diag_hint(d, "split it with `let` names");
        ctx->syntax_errors++;
    }
}

/* The tree's structs are packed at 8 bytes (arena_alloc8). */
_Static_assert(sizeof(expr_t) == 72, "expr_t grew: see its comment in ast.h");
_Static_assert(_Alignof(expr_t) <= 8 && _Alignof(node_t) <= 8 && _Alignof(band_t) <= 8,
               "syntax tree structs need an alignment arena_alloc8 does not give");

expr_t *expr_new(parse_ctx_t *ctx, expr_kind kind, srcloc_t loc)
{
    expr_t *e = arena_alloc8(ctx->arena, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    e->depth = 1;
    e->metric = -1;
    if (kind == EX_NAME || kind == EX_PATH) ctx->file->nnames++;
    return e;
}

expr_t *expr_unary(parse_ctx_t *ctx, op_kind op, expr_t *a, srcloc_t loc)
{
    expr_t *e = expr_new(ctx, EX_UNARY, loc);
    e->op = op;
    e->a = a;
    e->depth = deeper(a->depth);
    too_deep(ctx, e);
    return e;
}

expr_t *expr_binary(parse_ctx_t *ctx, op_kind op, expr_t *a, expr_t *b, srcloc_t loc)
{
    expr_t *e = expr_new(ctx, EX_BINARY, loc);
    e->op = op;
    e->a = a;
    e->b = b;
    e->depth = deeper(a->depth > b->depth ? a->depth : b->depth);
    too_deep(ctx, e);
    return e;
}

expr_t *expr_if(parse_ctx_t *ctx, expr_t *c, expr_t *t, expr_t *f, srcloc_t loc)
{
    expr_t *e = expr_new(ctx, EX_IF, loc);
    e->a = c;
    e->b = t;
    e->c = f;
    int d = c->depth;
    if (t->depth > d) d = t->depth;
    if (f->depth > d) d = f->depth;
    e->depth = deeper(d);
    too_deep(ctx, e);
    return e;
}

expr_t *expr_call(parse_ctx_t *ctx, const char *name, expr_t **args, int nargs, srcloc_t loc)
{
    expr_t *e = expr_new(ctx, EX_CALL, loc);
    e->text = (char *)name; /* the parse's own copy (never written to) */
    e->args = args;
    e->builtin = -1;
    e->nargs = nargs;
    int d = 0;
    for (int i = 0; i < nargs; i++)
        if (args[i]->depth > d) d = args[i]->depth;
    e->depth = deeper(d);
    too_deep(ctx, e);
    return e;
}

node_rare_t *node_rare_of(parse_ctx_t *ctx, node_t *n)
{
    if (!n->rare) n->rare = arena_alloc8(ctx->arena, sizeof *n->rare);
    return n->rare;
}

/* ---- policies ---- */

static bool word_is(const char *w, const char *a, const char *b, const char *c)
{
    return strcmp(w, a) == 0 || (b && strcmp(w, b) == 0) || (c && strcmp(w, c) == 0);
}

static void apply_policy(parse_ctx_t *ctx, item_t *it, na_policy *na, missing_policy *miss,
                         const char **na_word)
{
    const char *k = it->policy_key, *v = it->policy_value;
    if (word_is(k, "not_applicable", "không_phát_sinh", "khong_phat_sinh")) {
        *na_word = v;
        if (word_is(v, "full", "đủ_điểm", "du_diem")) *na = NA_FULL;
        else if (word_is(v, "exclude", "loại_trừ", "loai_tru")) *na = NA_EXCLUDE;
        else if (word_is(v, "zero", "không_điểm", "khong_diem")) *na = NA_ZERO;
        else {
            diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->value_loc, "policy",
                                 "unknown not_applicable policy '%s'", v);
            diag_hint(d, "use full (đủ_điểm), exclude (loại_trừ) or zero (không_điểm)");
        }
    } else if (word_is(k, "missing", "thiếu", "thieu")) {
        if (word_is(v, "error", "lỗi", "loi")) *miss = MISS_ERROR;
        else if (word_is(v, "zero", "không_điểm", "khong_diem")) *miss = MISS_ZERO;
        else {
            diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->value_loc, "policy",
                                 "unknown missing policy '%s'", v);
            diag_hint(d, "use error (lỗi) or zero (không_điểm)");
        }
    } else {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "policy", "unknown policy '%s'", k);
        diag_hint(d, "policies are not_applicable (không_phát_sinh) and missing (thiếu)");
    }
}

/* A keyword named in a message as the file writes it (`'điểm'`, not
 * `'score'`): the word at `loc` when it is a keyword, else `what`. */
static const char *as_written(parse_ctx_t *ctx, srcloc_t loc, const char *what)
{
    if (what[0] != '\'' || loc.line < 1) return what;
    size_t len;
    const char *line = source_line(ctx->src, loc.line, &len);
    if (!line) return what;
    size_t i = 0;
    for (int col = 1; i < len && col < loc.col; col++) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
    }
    size_t start = i;
    while (i < len && (line[i] == '_' || ((unsigned char)line[i] & 0x80) ||
                       (line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z')))
        i++;
    if (i == start || !keyword_lookup(line + start, i - start)) return what;
    char *text = arena_alloc(ctx->arena, i - start + 3);
    text[0] = '\'';
    memcpy(text + 1, line + start, i - start);
    text[i - start + 1] = '\'';
    text[i - start + 2] = '\0';
    return text;
}

static void misplaced(parse_ctx_t *ctx, item_t *it, const char *what, const char *where,
                      const char *hint)
{
    what = as_written(ctx, it->loc, _(what));
    diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "misplaced", "%s is not allowed in %s",
                         what, _(where));
    if (hint) diag_hint(d, "%s", _(hint));
}

static void twice(parse_ctx_t *ctx, item_t *it, const char *what)
{
    what = as_written(ctx, it->loc, what);
    diag_add(ctx->diags, DIAG_ERROR, it->loc, "duplicate-item", "%s given twice", what);
}

/* Once a block is built its items are spent: they are reused by the next
 * block, so that a large index does not hold one per statement. */
static void recycle_items(parse_ctx_t *ctx, item_list_t items)
{
    if (!items.head) return;
    items.tail->next = ctx->free_items;
    ctx->free_items = items.head;
}

static void apply_node_items_once(parse_ctx_t *ctx, node_t *n, item_list_t items);

/* Room for exactly as many children, bands, lets and deductions as the
 * items hold, not for a power of two from four: a field of ten criteria
 * would take 4 + 8 + 16 pointers, a criterion with three bands four. */
static void reserve_lists(parse_ctx_t *ctx, node_t *n, item_list_t items)
{
    uint32_t children = 0, bands = 0, lets = 0, deducts = 0;
    for (const item_t *it = items.head; it; it = it->next) {
        if (it->kind == IT_NODE) children++;
        else if (it->kind == IT_BAND) bands++;
        else if (it->kind == IT_LET) lets++;
        else if (it->kind == IT_DEDUCT) deducts++;
    }
#define RESERVE(arr, cap, count)                                               \
    if (count) {                                                               \
        (arr) = arena_alloc8(ctx->arena, (size_t)(count) * sizeof *(arr));     \
        (cap) = (count);                                                       \
    }
    RESERVE(n->children, n->capchildren, children)
    RESERVE(n->bands, n->capbands, bands)
    RESERVE(n->lets, n->caplets, lets)
    RESERVE(n->deducts, n->capdeducts, deducts)
#undef RESERVE
}

/* Items shared by the index and the nodes. */
static void apply_node_items(parse_ctx_t *ctx, node_t *n, item_list_t items)
{
    reserve_lists(ctx, n, items);
    apply_node_items_once(ctx, n, items);
    recycle_items(ctx, items);
}

static void apply_node_items_once(parse_ctx_t *ctx, node_t *n, item_list_t items)
{
    bool is_index = n->kind == NODE_INDEX;
    const char *where = is_index ? _("an index") : _("a node");
    for (item_t *it = items.head; it; it = it->next) {
        switch (it->kind) {
        case IT_TOTAL:
            if (!is_index) {
                misplaced(ctx, it, "'total'", where,
                          "a node's maximum follows its name: criterion 1.1 \"...\" max 2 { ... }");
            } else if (n->has_max) {
                twice(ctx, it, "'total'");
            } else {
                n->max = it->num;
                n->has_max = true;
                n->max_loc = it->value_loc;
            }
            break;
        case IT_SOURCE:
            if (n->source) twice(ctx, it, "'source'");
            else n->source = it->str;
            break;
        case IT_POLICY:
            apply_policy(ctx, it, &n->na, &n->missing, &n->na_word);
            break;
        case IT_GRADE:
            if (!is_index) misplaced(ctx, it, "'grade'", where, "grades belong to the index");
            else if (n->has_grade) twice(ctx, it, "'grade'");
            else {
                node_rare_t *rare = node_rare_of(ctx, n);
                n->has_grade = true;
                rare->grades = it->grades;
                rare->ngrades = rare->capgrades = (uint32_t)it->ngrades;
                rare->grade_loc = it->loc;
            }
            break;
        case IT_NODE:
            it->node->parent = n;
            ARENA_PUSH(ctx->arena, n->children, n->nchildren, n->capchildren);
            n->children[n->nchildren++] = it->node;
            break;
        case IT_DEDUCT:
            ARENA_PUSH(ctx->arena, n->deducts, n->ndeducts, n->capdeducts);
            n->deducts[n->ndeducts++] = it->deduct;
            break;
        case IT_LET:
            it->let->owner = n;
            ARENA_PUSH(ctx->arena, n->lets, n->nlets, n->caplets);
            n->lets[n->nlets++] = it->let;
            break;
        case IT_APPLIES_IF:
            if (is_index) misplaced(ctx, it, "'applies_if'", where, NULL);
            else if (n->applies_if) twice(ctx, it, "'applies_if'");
            else n->applies_if = it->expr;
            break;
        case IT_VALUE:
            if (is_index) misplaced(ctx, it, "'value'", where, "put it in a criterion");
            else if (n->value) twice(ctx, it, "'value'");
            else if (n->score) {
                diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "leaf-body",
                                     "a criterion has either 'value' with bands or 'score', not both");
                (void)d;
            } else {
                n->value = it->expr;
                n->value_loc = it->loc;
            }
            break;
        case IT_SCORE:
            if (is_index) misplaced(ctx, it, "'score'", where, "put it in a criterion");
            else if (n->score) twice(ctx, it, "'score'");
            else if (n->value) {
                diag_add(ctx->diags, DIAG_ERROR, it->loc, "leaf-body",
                         "a criterion has either 'value' with bands or 'score', not both");
            } else {
                n->score = it->expr;
            }
            break;
        case IT_BAND:
            if (is_index) misplaced(ctx, it, "'band'", where, "put it in a criterion");
            else if (!n->value && ctx->syntax_errors == 0) { /* else: the value was lost to a syntax error */
                diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "band-without-value",
                                     "'band' must follow a 'value'");
                diag_hint(d, "write `value EXPR` first, then its bands");
            } else if (n->value) {
                ARENA_PUSH(ctx->arena, n->bands, n->nbands, n->capbands);
                n->bands[n->nbands++] = it->band;
            }
            break;
        case IT_PARENT:
            misplaced(ctx, it, "'parent'", where, "'parent' names the parent of a plan");
            break;
        case IT_TARGET:
            misplaced(ctx, it, "'target'", where, "targets belong in a plan");
            break;
        case IT_METRIC:
            if (is_index) metric_decl_add(ctx, it->metric);
            else misplaced(ctx, it, N_("a metric declaration"), where,
                           "declare metrics at the top of the file, or in the index");
            break;
        case IT_EVIDENCE:
        case IT_ORIGIN:
            apply_process_item(ctx, n, it);
            break;
        case IT_APPLIES_TO:
        case IT_PREVIOUSLY:
            apply_version_item(ctx, n, it);
            break;
        }
    }
}

node_t *build_index(parse_ctx_t *ctx, const char *name, srcloc_t loc, item_list_t items)
{
    node_t *n = arena_alloc(ctx->arena, sizeof *n);
    n->kind = NODE_INDEX;
    n->loc = loc;
    n->id = arena_strdup(ctx->arena, "");
    n->name = (char *)name;
    apply_node_items(ctx, n, items);
    return n;
}

node_t *build_node(parse_ctx_t *ctx, node_kind kind, const char *id, srcloc_t id_loc,
                   const char *name, rat_t max, srcloc_t max_loc, srcloc_t loc,
                   item_list_t items)
{
    node_t *n = arena_alloc8(ctx->arena, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    n->id = (char *)id;
    n->id_loc = id_loc;
    n->name = (char *)name;
    n->max = max;
    n->has_max = true;
    n->max_loc = max_loc;
    apply_node_items(ctx, n, items);
    return n;
}

plan_t *build_plan(parse_ctx_t *ctx, const char *name, srcloc_t loc, item_list_t items)
{
    plan_t *p = arena_alloc(ctx->arena, sizeof *p);
    p->name = (char *)name;
    p->loc = loc;
    target_t *last_target = NULL;
    for (item_t *it = items.head; it; it = it->next) {
        switch (it->kind) {
        case IT_PARENT:
            if (p->parent) twice(ctx, it, "'parent'");
            else {
                p->parent = it->str;
                p->parent_loc = it->value_loc;
            }
            break;
        case IT_SOURCE:
            /* `source` right after a target documents that target. */
            if (last_target && !last_target->source) last_target->source = it->str;
            else if (!p->source) p->source = it->str;
            else twice(ctx, it, "'source'");
            break;
        case IT_LET:
            ARENA_PUSH(ctx->arena, p->lets, p->nlets, p->caplets);
            p->lets[p->nlets++] = it->let;
            break;
        case IT_METRIC:
            metric_decl_add(ctx, it->metric);
            break;
        case IT_TARGET:
            ARENA_PUSH(ctx->arena, p->targets, p->ntargets, p->captargets);
            p->targets[p->ntargets++] = it->target;
            last_target = it->target;
            continue;
        default:
            misplaced(ctx, it, N_("this item"), N_("a plan"),
                      "a plan holds parent, source, let and target lines");
            break;
        }
        last_target = NULL;
    }
    return p;
}

char *band_label(parse_ctx_t *ctx, op_kind cmp, const expr_t *threshold)
{
    char *t = expr_to_text(ctx->arena, threshold);
    const char *op = op_text(cmp);
    size_t nop = strlen(op), nt = strlen(t);
    char small[64];
    char *label = nop + 1 + nt <= sizeof small ? small : xmalloc(nop + 1 + nt);
    memcpy(label, op, nop);
    label[nop] = ' ';
    memcpy(label + nop + 1, t, nt);
    char *kept = parse_text(ctx, label, nop + 1 + nt); /* most bands share a few labels */
    if (label != small) free(label);
    return kept;
}

item_t *bool_band(parse_ctx_t *ctx, bool value, srcloc_t word, srcloc_t span, expr_t *points)
{
    item_t *it = item_new(ctx, IT_BAND, span);
    band_t *b = arena_alloc8(ctx->arena, sizeof *b);
    expr_t *t = expr_new(ctx, EX_BOOL, word);
    t->boolean = value;
    t->text = value ? "true" : "false";
    b->loc = span;
    b->cmp = OP_EQ;
    b->threshold = t;
    b->points = points;
    b->label = value ? (char *)"đúng" : (char *)"sai"; /* never written to */
    it->band = b;
    return it;
}

/* ---- writing expressions back as text ---- */

static void to_text(strbuf_t *sb, const expr_t *e, int depth)
{
    if (depth > CHISO_MAX_NESTING + 10) {
        sb_adds(sb, "…");
        return;
    }
    switch (e->kind) {
    case EX_NUMBER: case EX_DATE: case EX_BOOL: case EX_NAME: case EX_PATH: case EX_NODE_MAX:
        sb_adds(sb, e->text ? e->text : "?");
        break;
    case EX_STRING:
        sb_addc(sb, '"');
        sb_adds(sb, e->text);
        sb_addc(sb, '"');
        break;
    case EX_CALL:
        sb_adds(sb, e->text);
        sb_addc(sb, '(');
        for (int i = 0; i < e->nargs; i++) {
            if (i) sb_adds(sb, ", ");
            to_text(sb, e->args[i], depth + 1);
        }
        sb_addc(sb, ')');
        break;
    case EX_UNARY:
        sb_adds(sb, e->op == OP_NEG ? "-" : "not ");
        if (e->a->kind == EX_BINARY) sb_addc(sb, '(');
        to_text(sb, e->a, depth + 1);
        if (e->a->kind == EX_BINARY) sb_addc(sb, ')');
        break;
    case EX_BINARY: {
        bool pa = e->a->kind == EX_BINARY || e->a->kind == EX_IF;
        bool pb = e->b->kind == EX_BINARY || e->b->kind == EX_IF;
        if (pa) sb_addc(sb, '(');
        to_text(sb, e->a, depth + 1);
        if (pa) sb_addc(sb, ')');
        sb_printf(sb, " %s ", op_text(e->op));
        if (pb) sb_addc(sb, '(');
        to_text(sb, e->b, depth + 1);
        if (pb) sb_addc(sb, ')');
        break;
    }
    case EX_IF:
        sb_adds(sb, "if ");
        to_text(sb, e->a, depth + 1);
        sb_adds(sb, " then ");
        to_text(sb, e->b, depth + 1);
        sb_adds(sb, " else ");
        to_text(sb, e->c, depth + 1);
        break;
    }
}

char *expr_to_text(arena_t *arena, const expr_t *e)
{
    /* a number or a path, as written: its text is already in the arena */
    if ((e->kind == EX_NUMBER || e->kind == EX_PATH || e->kind == EX_NAME) && e->text) return e->text;
    strbuf_t sb;
    sb_init(&sb);
    to_text(&sb, e, 0);
    char *s = arena_strdup(arena, sb.data ? sb.data : "");
    sb_free(&sb);
    return s;
}

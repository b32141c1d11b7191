/* compile.c — from checked AST to bytecode and flat node arrays. */
#include "compile.h"

#include "engine/check/builtins.h"
#include "engine/support/json_paths.h"
#include "engine/support/json_writer.h"
#include "engine/support/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    program_t *prog;
    compiled_program_t *cp;
    insn_t *buf;
    int len, cap;
    int depth, max_depth;
} emitter_t;

static int emit(emitter_t *em, bc_op op, int32_t a, int32_t b, int stack_delta)
{
    VEC_PUSH(em->buf, em->len, em->cap);
    em->buf[em->len] = (insn_t){(uint8_t)op, a, b};
    em->depth += stack_delta;
    if (em->depth > em->max_depth) em->max_depth = em->depth;
    return em->len++;
}

static int add_const(compiled_program_t *cp, constant_t c)
{
    VEC_PUSH(cp->consts, cp->nconsts, cp->capconsts);
    cp->consts[cp->nconsts] = c;
    return (int)cp->nconsts++;
}

static void gen(emitter_t *em, const expr_t *e)
{
    compiled_program_t *cp = em->cp;
    switch (e->kind) {
    case EX_NUMBER:
        emit(em, BC_CONST, add_const(cp, (constant_t){TY_NUMBER, e->num, 0, false, NULL}), 0, 1);
        break;
    case EX_NODE_MAX:
        emit(em, BC_CONST, add_const(cp, (constant_t){TY_NUMBER, e->node_max, 0, false, NULL}), 0, 1);
        break;
    case EX_DATE:
        emit(em, BC_CONST, add_const(cp, (constant_t){TY_DATE, {0, 1}, e->date, false, NULL}), 0, 1);
        break;
    case EX_BOOL:
        emit(em, BC_CONST, add_const(cp, (constant_t){TY_BOOL, {0, 1}, 0, e->boolean, NULL}), 0, 1);
        break;
    case EX_STRING:
        emit(em, BC_CONST, add_const(cp, (constant_t){TY_STRING, {0, 1}, 0, false, e->text}), 0, 1);
        break;
    case EX_NAME:
    case EX_PATH:
        if (e->let) emit(em, BC_LET, e->let->id, 0, 1);
        else emit(em, BC_METRIC, e->metric, 0, 1);
        break;
    case EX_UNARY:
        gen(em, e->a);
        emit(em, e->op == OP_NEG ? BC_NEG : BC_NOT, 0, 0, 0);
        break;
    case EX_BINARY:
        if (e->op == OP_AND || e->op == OP_OR) {
            gen(em, e->a);
            int skip = emit(em, e->op == OP_AND ? BC_AND_SKIP : BC_OR_SKIP, 0, 0, 0);
            gen(em, e->b);
            emit(em, e->op == OP_AND ? BC_AND : BC_OR, 0, 0, -1);
            em->buf[skip].a = em->len;
            break;
        }
        gen(em, e->a);
        gen(em, e->b);
        if (op_is_cmp(e->op)) {
            emit(em, BC_CMP, e->op, 0, -1);
        } else {
            bc_op op = e->op == OP_ADD ? BC_ADD : e->op == OP_SUB ? BC_SUB
                     : e->op == OP_MUL ? BC_MUL : BC_DIV;
            emit(em, op, 0, 0, -1);
        }
        break;
    case EX_IF: {
        gen(em, e->a);
        int branch = emit(em, BC_IF, 0, 0, -1);
        gen(em, e->b);
        int jump = emit(em, BC_JUMP, 0, 0, 0);
        em->depth--; /* the else branch starts from the same depth */
        em->buf[branch].a = em->len;
        gen(em, e->c);
        em->buf[jump].a = em->len;
        em->buf[branch].b = em->len;
        break;
    }
    case EX_CALL:
        if (e->builtin == BI_PRESENT) {
            emit(em, BC_PRESENT, e->args[0]->metric, 0, 1);
            break;
        }
        for (int i = 0; i < e->nargs; i++) gen(em, e->args[i]);
        emit(em, BC_CALL, e->builtin, e->nargs, 1 - e->nargs);
        break;
    }
}

code_t compile_expr(program_t *prog, const expr_t *e)
{
    /* the buffer is reused from one expression to the next: a large index
     * has tens of thousands of them */
    emitter_t em = {prog, prog->code, prog->code->scratch, 0, prog->code->scratch_cap, 0, 0};
    gen(&em, e);
    code_t c;
    c.len = em.len;
    c.max_stack = em.max_depth + 1;
    c.code = arena_alloc(&prog->arena, sizeof(insn_t) * (size_t)(em.len ? em.len : 1));
    if (em.len) memcpy(c.code, em.buf, sizeof(insn_t) * (size_t)em.len);
    prog->code->scratch = em.buf;
    prog->code->scratch_cap = em.cap;
    if (c.max_stack > prog->code->max_stack) prog->code->max_stack = c.max_stack;
    const insn_t *in = em.buf;
    c.shape = em.len == 1 && in[0].op == BC_CONST    ? CODE_CONST
            : em.len == 1 && in[0].op == BC_METRIC   ? CODE_METRIC
            : em.len == 3 && in[0].op == BC_METRIC && in[1].op == BC_METRIC && in[2].op == BC_CALL &&
                      in[2].a == BI_RATIO           ? CODE_RATIO_OF_METRICS
                                                     : CODE_RUN;
    return c;
}

/* ---- metric slots a node reads ---- */

typedef struct {
    int *items;
    int n, cap;
} intvec_t;

static void add_slot(intvec_t *v, int slot)
{
    for (int i = 0; i < v->n; i++)
        if (v->items[i] == slot) return;
    VEC_PUSH(v->items, v->n, v->cap);
    v->items[v->n++] = slot;
}

static void collect(intvec_t *v, const expr_t *e, intvec_t *let_slots)
{
    if (!e) return;
    switch (e->kind) {
    case EX_NAME:
    case EX_PATH:
        if (e->let) {
            intvec_t *ls = &let_slots[e->let->id];
            for (int i = 0; i < ls->n; i++) add_slot(v, ls->items[i]);
        } else if (e->metric >= 0) {
            add_slot(v, e->metric);
        }
        break;
    case EX_CALL:
        if (e->builtin == BI_PRESENT) break; /* present() never needs the metric */
        for (int i = 0; i < e->nargs; i++) collect(v, e->args[i], let_slots);
        break;
    default:
        if (!expr_has_operands(e)) break;
        collect(v, e->a, let_slots);
        collect(v, e->b, let_slots);
        collect(v, e->c, let_slots);
        break;
    }
}

/* Moves the collected slots into the program's arena. */
static int *copy_slots(program_t *prog, intvec_t *slots, int *n)
{
    int *out = arena_alloc(&prog->arena, sizeof(int) * (size_t)(slots->n ? slots->n : 1));
    if (slots->n) memcpy(out, slots->items, sizeof(int) * (size_t)slots->n);
    *n = slots->n;
    free(slots->items);
    slots->items = NULL;
    slots->n = slots->cap = 0;
    return out;
}

/* ---- nodes ---- */

typedef struct {
    program_t *prog;
    compiled_index_t *ci;
    intvec_t *let_slots;
    int cap;
} node_compiler_t;

/* The parts of `e` explain shows with their values (see cpart_t). */
static void count_parts(const expr_t *e, int *n)
{
    if (!e) return;
    if (e->kind == EX_CALL || (e->kind == EX_BINARY && (op_is_cmp(e->op) || e->op == OP_AND || e->op == OP_OR)) ||
        (e->kind == EX_UNARY && e->op == OP_NOT))
        (*n)++;
    for (int i = 0; e->kind == EX_CALL && i < e->nargs; i++) count_parts(e->args[i], n);
    if (expr_has_operands(e)) {
        count_parts(e->a, n);
        count_parts(e->b, n);
        count_parts(e->c, n);
    }
}

static void compile_parts(program_t *prog, const expr_t *e, cpart_t *parts, int *n)
{
    if (!e) return;
    if (e->kind == EX_CALL || (e->kind == EX_BINARY && (op_is_cmp(e->op) || e->op == OP_AND || e->op == OP_OR)) ||
        (e->kind == EX_UNARY && e->op == OP_NOT)) {
        parts[*n] = (cpart_t){e, compile_expr(prog, e)};
        (*n)++;
    }
    for (int i = 0; e->kind == EX_CALL && i < e->nargs; i++) compile_parts(prog, e->args[i], parts, n);
    if (expr_has_operands(e)) {
        compile_parts(prog, e->a, parts, n);
        compile_parts(prog, e->b, parts, n);
        compile_parts(prog, e->c, parts, n);
    }
}

static int compile_node(node_compiler_t *nc, const node_t *n, int parent, na_policy na,
                        missing_policy miss, const char *na_word)
{
    compiled_index_t *ci = nc->ci;
    program_t *prog = nc->prog;
    if (ci->nnodes == nc->cap) {
        nc->cap = nc->cap ? nc->cap * 2 : 32;
        ci->nodes = xrealloc(ci->nodes, sizeof *ci->nodes * (size_t)nc->cap);
    }
    int me = ci->nnodes++;
    cnode_t *c = &ci->nodes[me];
    memset(c, 0, sizeof *c);
    c->src = n;
    c->parent = parent;
    c->max = n->max;
    c->na = n->na != POL_UNSET ? n->na : na;
    c->na_word = n->na != POL_UNSET ? n->na_word : na_word;
    c->missing = n->missing != MISS_UNSET ? n->missing : miss;
    if (n->kind != NODE_INDEX) strmap_put(&ci->node_by_id, n->id, (void *)(intptr_t)(me + 1));

    intvec_t slots = {0};
    if (n->applies_if) {
        c->has_applies_if = true;
        c->applies_if = compile_expr(prog, n->applies_if);
        collect(&slots, n->applies_if, nc->let_slots);
    }
    c->is_leaf = node_is_leaf(n);
    if (n->value) {
        c->has_value = true;
        c->value = compile_expr(prog, n->value);
        collect(&slots, n->value, nc->let_slots);
        c->nbands = (int)n->nbands;
        c->bands = arena_alloc(&prog->arena, sizeof(cband_t) * (n->nbands ? n->nbands : 1));
        for (size_t i = 0; i < n->nbands; i++) {
            const band_t *b = n->bands[i];
            cband_t *cb = &c->bands[i];
            cb->cmp = b->cmp;
            cb->label = b->label;
            if (b->threshold) {
                cb->threshold = compile_expr(prog, b->threshold);
                collect(&slots, b->threshold, nc->let_slots);
            }
            cb->points = compile_expr(prog, b->points);
            collect(&slots, b->points, nc->let_slots);
        }
    }
    if (n->score) {
        c->has_score = true;
        c->score = compile_expr(prog, n->score);
        collect(&slots, n->score, nc->let_slots);
    }
    c->ndeducts = (int)n->ndeducts;
    c->deducts = arena_alloc(&prog->arena, sizeof(cdeduct_t) * (n->ndeducts ? n->ndeducts : 1));
    for (size_t i = 0; i < n->ndeducts; i++) {
        const deduct_t *d = n->deducts[i];
        c->deducts[i] = (cdeduct_t){d->reason, compile_expr(prog, d->amount), d->has_cap, d->cap, d->bonus};
        collect(&slots, d->amount, nc->let_slots);
    }
    /* For explain: the two sides of a top-level ratio, through a let. */
    const expr_t *shown = n->value ? n->value : n->score;
    for (int hops = 0; shown && shown->kind == EX_NAME && shown->let && hops < 16; hops++)
        shown = shown->let->value;
    if (shown && ((shown->kind == EX_CALL && shown->builtin == BI_RATIO) ||
                  (shown->kind == EX_BINARY && shown->op == OP_DIV))) {
        c->has_ratio = true;
        c->ratio_num = compile_expr(prog, shown->kind == EX_CALL ? shown->args[0] : shown->a);
        c->ratio_den = compile_expr(prog, shown->kind == EX_CALL ? shown->args[1] : shown->b);
    }
    c->metrics = copy_slots(prog, &slots, &c->nmetrics);
    if (c->is_leaf) compile_deadlines(prog, n, c);
    const expr_t *rule = n->score ? n->score : n->value;
    int nparts = 0;
    count_parts(rule, &nparts);
    if (nparts) {
        c->parts = arena_alloc(&prog->arena, sizeof(cpart_t) * (size_t)nparts);
        compile_parts(prog, rule, c->parts, &c->nparts);
    }

    na_policy child_na = c->na;
    missing_policy child_miss = c->missing;
    const char *child_word = c->na_word;
    int nchildren = (int)n->nchildren;
    int *children = arena_alloc(&prog->arena, sizeof(int) * (size_t)(nchildren ? nchildren : 1));
    for (int i = 0; i < nchildren; i++)
        children[i] = compile_node(nc, n->children[i], me, child_na, child_miss, child_word);
    /* ci->nodes may have moved: index again */
    ci->nodes[me].children = children;
    ci->nodes[me].nchildren = nchildren;
    return me;
}

/* The members of a node's result that do not depend on the unit, as
 * JSON text up to the key of its points (engine/eval/result_json.c). */
static void prepare_json_head(program_t *prog, cnode_t *c)
{
    strbuf_t sb;
    sb_init(&sb);
    jw_t w;
    jw_init(&w, &sb);
    jw_object(&w);
    JW_KEY(&w, "id");
    jw_string(&w, c->src->id);
    JW_KEY(&w, "name");
    jw_string(&w, c->src->name);
    JW_KEY(&w, "kind");
    jw_string(&w, node_kind_name(c->src->kind));
    if (node_rare(c->src)->previously) { /* its ID in the previous version of the index */
        JW_KEY(&w, "previously");
        jw_string(&w, node_rare(c->src)->previously);
    }
    JW_KEY(&w, "points");
    c->json_head = arena_strdup(&prog->arena, sb.data);
    c->json_head_len = sb.len;
    sb_free(&sb);
}

void compile_program(program_t *prog)
{
    compiled_program_t *cp = arena_alloc(&prog->arena, sizeof *cp);
    prog->code = cp;
    for (size_t i = 0; i < prog->nmetrics; i++) {
        metric_slot_t *m = &prog->metrics[i];
        m->shared = 0;
        if (i == 0) continue;
        const metric_slot_t *prev = &prog->metrics[i - 1];
        while (m->shared < m->nsegs && m->shared < prev->nsegs &&
               !strcmp(m->segs[m->shared], prev->segs[m->shared]))
            m->shared++;
    }
    cp->nlets = (int)prog->nlets;
    cp->lets = arena_alloc(&prog->arena, sizeof(code_t) * (prog->nlets ? prog->nlets : 1));
    intvec_t *let_slots = xcalloc(prog->nlets ? prog->nlets : 1, sizeof *let_slots);
    for (size_t i = 0; i < prog->nlets; i++) {
        cp->lets[i] = compile_expr(prog, prog->lets[i]->value);
        collect(&let_slots[i], prog->lets[i]->value, let_slots);
    }
    prog->compiled = arena_alloc(&prog->arena, sizeof(compiled_index_t *) * (prog->nindexes + 1));
    for (size_t i = 0; i < prog->nindexes; i++) {
        compiled_index_t *ci = arena_alloc(&prog->arena, sizeof *ci);
        strmap_init(&ci->node_by_id);
        ci->index = prog->indexes[i];
        node_compiler_t nc = {prog, ci, let_slots, 0};
        compile_node(&nc, prog->indexes[i], -1, NA_FULL, MISS_ERROR, NULL);
        for (int k = 0; k < ci->nnodes; k++) prepare_json_head(prog, &ci->nodes[k]);
        prog->compiled[i] = ci;
    }
    prog->cplans = arena_alloc(&prog->arena, sizeof(compiled_plan_t *) * (prog->nplans + 1));
    for (size_t i = 0; i < prog->nplans; i++) {
        const plan_t *pl = prog->plans[i];
        compiled_plan_t *cpl = arena_alloc(&prog->arena, sizeof *cpl);
        cpl->plan = pl;
        cpl->ntargets = (int)pl->ntargets;
        cpl->targets = arena_alloc(&prog->arena, sizeof(ctarget_t) * (pl->ntargets ? pl->ntargets : 1));
        for (size_t k = 0; k < pl->ntargets; k++) {
            const target_t *t = pl->targets[k];
            ctarget_t *ct = &cpl->targets[k];
            ct->src = t;
            ct->cmp = t->expr->op;
            ct->lhs = compile_expr(prog, t->expr->a);
            ct->rhs = compile_expr(prog, t->expr->b);
            ct->percent = t->expr->b->is_percent || t->expr->a->is_percent;
            intvec_t slots = {0};
            collect(&slots, t->expr, let_slots);
            ct->metrics = copy_slots(prog, &slots, &ct->nmetrics);
        }
        prog->cplans[i] = cpl;
    }
    for (size_t i = 0; i < prog->nlets; i++) free(let_slots[i].items);
    free(let_slots);
    compile_metric_paths(prog);
}

void compile_free(program_t *prog)
{
    if (prog->compiled) {
        for (size_t i = 0; i < prog->nindexes; i++) {
            free(prog->compiled[i]->nodes);
            strmap_free(&prog->compiled[i]->node_by_id);
        }
    }
    if (prog->code) {
        json_paths_free(prog->code->paths);
        free(prog->code->consts);
        free(prog->code->scratch);
    }
}

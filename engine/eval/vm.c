/* vm.c — the stack machine that runs compiled expressions.
 *
 * NA, MISSING and ERROR propagate: an operation on one of them yields it
 * (ERROR first, then MISSING, then NA), except where the language says
 * otherwise: `false and x` is false and `true or x` is true whatever x is,
 * present() never propagates, and count_true() counts only true values. */
#include "eval.h"

#include "engine/check/builtins.h"
#include "engine/support/date.h"
#include "engine/support/i18n.h"
#include "engine/support/json_arena.h"
#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

void eval_init(eval_t *ev, const program_t *prog)
{
    memset(ev, 0, sizeof *ev);
    ev->prog = prog;
    ev->cp = prog->code;
    /* One allocation for the three arrays: metrics, lets, stack. */
    size_t nm = prog->nmetrics, nl = prog->nlets;
    size_t ns = (size_t)(ev->cp->max_stack > 0 ? ev->cp->max_stack : 1) + 1;
    value_t *all = json_arena_calloc(nm + nl + ns, sizeof *all); /* in a batch, the worker's arena */
    ev->metrics = all;
    ev->lets = all + nm;
    ev->stack = all + nm + nl;
}

void eval_free(eval_t *ev)
{
    json_arena_free_block(ev->metrics); /* the block holding lets and stack too */
    for (size_t i = 0; i < ev->nowned; i++) free(ev->owned[i]);
    free(ev->owned);
    memset(ev, 0, sizeof *ev);
}

/* The special value two operands propagate, if any. */
static bool propagate(value_t a, value_t b, value_t *out)
{
    if (a.tag == V_ERROR) { *out = a; return true; }
    if (b.tag == V_ERROR) { *out = b; return true; }
    if (a.tag == V_MISSING) { *out = a; return true; }
    if (b.tag == V_MISSING) { *out = b; return true; }
    if (a.tag == V_NA) { *out = a; return true; }
    if (b.tag == V_NA) { *out = b; return true; }
    return false;
}

static value_t checked(rat_t r, bool overflow)
{
    return overflow ? v_error(ERR_OVERFLOW) : v_num(r);
}

/* a op b for two numbers: exact, or an error on overflow; x / 0 is N/A. */
static value_t num_arith(bc_op op, rat_t a, rat_t b)
{
    bool of = false;
    switch (op) {
    case BC_ADD: return checked(rat_add(a, b, &of), of);
    case BC_SUB: return checked(rat_sub(a, b, &of), of);
    case BC_MUL: return checked(rat_mul(a, b, &of), of);
    default:
        if (rat_is_zero(b)) return v_na(-1);
        return checked(rat_div(a, b, &of), of);
    }
}

static value_t arith(bc_op op, value_t a, value_t b)
{
    value_t special;
    if (a.tag == V_NUM && b.tag == V_NUM) return num_arith(op, a.u.num, b.u.num); /* nearly always */
    if (propagate(a, b, &special)) return special;
    if (a.tag == V_DATE || b.tag == V_DATE) {
        if (op == BC_SUB && a.tag == V_DATE && b.tag == V_DATE)
            return v_num(rat_int((int64_t)a.u.date - b.u.date));
        value_t d = a.tag == V_DATE ? a : b, n = a.tag == V_DATE ? b : a;
        int64_t k;
        if (n.tag != V_NUM || !rat_to_int64(n.u.num, &k) || k > 3660000 || k < -3660000)
            return v_error(ERR_DOMAIN);
        int64_t days = op == BC_SUB ? d.u.date - k : d.u.date + k;
        return v_date((int32_t)days);
    }
    return num_arith(op, a.u.num, b.u.num);
}

static value_t compare(op_kind op, value_t a, value_t b)
{
    value_t special;
    if (a.tag == V_NUM && b.tag == V_NUM) return v_bool(cmp_holds(op, rat_cmp(a.u.num, b.u.num)));
    if (propagate(a, b, &special)) return special;
    int c;
    switch (a.tag) {
    case V_NUM: c = rat_cmp(a.u.num, b.u.num); break;
    case V_DATE: c = (a.u.date > b.u.date) - (a.u.date < b.u.date); break;
    case V_STR: c = strcmp(a.u.str, b.u.str); break;
    default: c = (int)a.u.b - (int)b.u.b; break;
    }
    return v_bool(cmp_holds(op, c));
}

/* Kleene logic: a deciding operand wins over NA/MISSING/ERROR. */
static value_t logic(bool is_and, value_t a, value_t b)
{
    bool decide = !is_and; /* and: false decides; or: true decides */
    if ((a.tag == V_BOOL && a.u.b == decide) || (b.tag == V_BOOL && b.u.b == decide))
        return v_bool(decide);
    value_t special;
    if (propagate(a, b, &special)) return special;
    return v_bool(!decide);
}

value_t eval_ratio(rat_t a, rat_t b)
{
    if (rat_is_zero(b)) return v_na(-1);
    bool of = false;
    return checked(rat_div(a, b, &of), of);
}

static value_t call(const eval_t *ev, int id, value_t *args, int n)
{
    bool of = false;
    if (id == BI_COUNT_TRUE) {
        int64_t count = 0;
        int na = 0;
        for (int i = 0; i < n; i++) {
            if (args[i].tag == V_ERROR || args[i].tag == V_MISSING) return args[i];
            if (args[i].tag == V_NA) na++;
            else if (args[i].u.b) count++;
        }
        if (na == n) return args[0];
        return v_num(rat_int(count));
    }
    for (int i = 0; i < n; i++) {
        value_t special;
        if (propagate(args[i], args[i], &special)) {
            /* ERROR and MISSING outrank NA among the arguments */
            for (int j = 0; j < n; j++)
                if (args[j].tag == V_ERROR) return args[j];
            for (int j = 0; j < n; j++)
                if (args[j].tag == V_MISSING) return args[j];
            return special;
        }
    }
    switch (id) {
    case BI_MIN:
    case BI_MAX: {
        rat_t r = args[0].u.num;
        for (int i = 1; i < n; i++)
            r = id == BI_MIN ? rat_min(r, args[i].u.num) : rat_max(r, args[i].u.num);
        return v_num(r);
    }
    case BI_CLAMP:
        return v_num(rat_max(args[1].u.num, rat_min(args[0].u.num, args[2].u.num)));
    case BI_LINEAR: {
        rat_t x = args[0].u.num, lo = args[1].u.num, hi = args[2].u.num;
        if (rat_cmp(x, lo) <= 0 && rat_cmp(lo, hi) < 0) return v_num(rat_int(0));
        if (rat_cmp(x, hi) >= 0) return v_num(rat_int(1));
        if (rat_cmp(lo, hi) >= 0) return v_num(rat_int(0));
        rat_t r = rat_div(rat_sub(x, lo, &of), rat_sub(hi, lo, &of), &of);
        return checked(r, of);
    }
    case BI_ROUND:
        return checked(rat_round(args[0].u.num, (int)args[1].u.num.num, &of), of);
    case BI_RATIO:
        if (rat_is_zero(args[1].u.num)) return v_na(-1);
        return checked(rat_div(args[0].u.num, args[1].u.num, &of), of);
    case BI_DAYS_BETWEEN:
        return v_num(rat_int((int64_t)args[1].u.date - args[0].u.date));
    case BI_ABS:
        return rat_sign(args[0].u.num) < 0 ? checked(rat_neg(args[0].u.num, &of), of) : args[0];
    case BI_PERIOD_DATE: { /* the checker made the arguments whole literals */
        int days;
        int64_t years = n > 2 ? args[2].u.num.num : 0;
        if (!ev->period_year ||
            !date_from_ymd(ev->period_year + (int)years, (int)args[0].u.num.num, (int)args[1].u.num.num, &days))
            return v_error(ERR_PERIOD);
        return v_date(days);
    }
    default:
        return v_error(ERR_DOMAIN);
    }
}

value_t eval_run(eval_t *ev, const code_t *code)
{
    value_t *st = ev->stack;
    int sp = 0;
    const constant_t *consts = ev->cp->consts;
    for (int pc = 0; pc < code->len;) {
        const insn_t *in = &code->code[pc++];
        switch ((bc_op)in->op) {
        case BC_CONST: st[sp++] = constant_value(&consts[in->a]); break;
        case BC_METRIC: st[sp++] = ev->metrics[in->a]; break;
        case BC_PRESENT: {
            uint8_t t = ev->metrics[in->a].tag;
            st[sp++] = v_bool(t != V_MISSING && t != V_NA);
            break;
        }
        case BC_LET: st[sp++] = ev->lets[in->a]; break;
        case BC_NEG: {
            value_t a = st[sp - 1];
            if (a.tag == V_NUM) {
                bool of = false;
                st[sp - 1] = checked(rat_neg(a.u.num, &of), of);
            }
            break;
        }
        case BC_NOT:
            if (st[sp - 1].tag == V_BOOL) st[sp - 1].u.b = !st[sp - 1].u.b;
            break;
        case BC_ADD: case BC_SUB: case BC_MUL: case BC_DIV:
            st[sp - 2] = arith((bc_op)in->op, st[sp - 2], st[sp - 1]);
            sp--;
            break;
        case BC_CMP:
            st[sp - 2] = compare((op_kind)in->a, st[sp - 2], st[sp - 1]);
            sp--;
            break;
        case BC_AND_SKIP:
            if (st[sp - 1].tag == V_BOOL && !st[sp - 1].u.b) pc = in->a;
            break;
        case BC_OR_SKIP:
            if (st[sp - 1].tag == V_BOOL && st[sp - 1].u.b) pc = in->a;
            break;
        case BC_AND: case BC_OR:
            st[sp - 2] = logic(in->op == BC_AND, st[sp - 2], st[sp - 1]);
            sp--;
            break;
        case BC_IF: {
            value_t c = st[--sp];
            if (c.tag == V_BOOL) {
                if (!c.u.b) pc = in->a;
            } else {
                st[sp++] = c;
                pc = in->b;
            }
            break;
        }
        case BC_JUMP: pc = in->a; break;
        case BC_CALL: {
            int n = in->b;
            if (in->a == BI_RATIO && st[sp - 2].tag == V_NUM && st[sp - 1].tag == V_NUM) {
                st[sp - 2] = eval_ratio(st[sp - 2].u.num, st[sp - 1].u.num); /* as call() gives it */
                sp--;
                break;
            }
            value_t r = call(ev, in->a, &st[sp - n], n);
            sp -= n;
            st[sp++] = r;
            break;
        }
        }
    }
    return sp > 0 ? st[sp - 1] : v_error(ERR_DOMAIN);
}

void eval_lets(eval_t *ev)
{
    for (int i = 0; i < ev->cp->nlets; i++) ev->lets[i] = eval_code(ev, &ev->cp->lets[i]);
}

char *eval_missing_metrics(const eval_t *ev, const int *slots, int nslots, value_t v)
{
    strbuf_t sb;
    sb_init(&sb);
    int n = 0;
    for (int i = 0; i < nslots; i++) {
        if (ev->metrics[slots[i]].tag == V_MISSING) {
            sb_printf(&sb, "%s'%s'", n ? ", " : "", ev->prog->metrics[slots[i]].text);
            n++;
        }
    }
    if (n == 0 && v.aux >= 0 && (size_t)v.aux < ev->prog->nmetrics) {
        sb_printf(&sb, "'%s'", ev->prog->metrics[v.aux].text);
        n = 1;
    }
    char *out = xasprintf(chiso_ngettext("metric %s", "metrics %s", (unsigned long)n), sb.data ? sb.data : "?");
    sb_free(&sb);
    return out;
}

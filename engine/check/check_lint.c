/* check_lint.c — warnings about rules that are valid but likely wrong:
 * an applies_if that is always true or always false, and a metric read by
 * one node only whose name is a near-duplicate of a metric read elsewhere
 * (`dossier.total` beside `dossiers.total`: a typo that would otherwise
 * surface only as a "missing metric" error on every submission). */
#include "builtins.h"
#include "engine/support/i18n.h"
#include "program.h"

#include "../support/fold.h"
#include "../support/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 1 always true, 0 always false, -1 depends on the submission. */
static int const_bool(const expr_t *e, int depth)
{
    if (depth > CHISO_MAX_NESTING + 8) return -1;
    switch (e->kind) {
    case EX_BOOL: return e->boolean;
    case EX_NAME: return e->let ? const_bool(e->let->value, depth + 1) : -1;
    case EX_UNARY: {
        if (e->op != OP_NOT) return -1;
        int a = const_bool(e->a, depth + 1);
        return a < 0 ? -1 : !a;
    }
    case EX_BINARY: {
        if (e->op == OP_AND || e->op == OP_OR) {
            int a = const_bool(e->a, depth + 1), b = const_bool(e->b, depth + 1);
            int decide = e->op == OP_OR;
            if (a == decide || b == decide) return decide;
            if (a >= 0 && b >= 0) return !decide;
            return -1;
        }
        if (!op_is_cmp(e->op) || (e->a->type != TY_NUMBER && e->a->type != TY_DATE)) return -1;
        range_t ra = expr_value_range(e->a), rb = expr_value_range(e->b);
        /* always true when every a and every b satisfy it; always false when none do */
        switch (e->op) {
        case OP_GE:
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) >= 0) return 1;
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) < 0) return 0;
            return -1;
        case OP_GT:
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) > 0) return 1;
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) <= 0) return 0;
            return -1;
        case OP_LE:
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) <= 0) return 1;
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) > 0) return 0;
            return -1;
        case OP_LT:
            if (ra.has_hi && rb.has_lo && rat_cmp(ra.hi, rb.lo) < 0) return 1;
            if (ra.has_lo && rb.has_hi && rat_cmp(ra.lo, rb.hi) >= 0) return 0;
            return -1;
        default: {
            rat_t x, y;
            if (expr_constant(e->a, &x) && expr_constant(e->b, &y)) {
                bool eq = rat_cmp(x, y) == 0;
                return e->op == OP_EQ ? eq : !eq;
            }
            return -1;
        }
        }
    }
    default:
        return -1;
    }
}

static void lint_node(const node_t *n, diag_list_t *diags, int depth)
{
    if (depth > CHISO_MAX_NESTING_NODES) return;
    if (n->applies_if && n->applies_if->type == TY_BOOL) {
        int v = const_bool(n->applies_if, 0);
        if (v >= 0) {
            diag_t *d = diag_add(diags, DIAG_WARNING, n->applies_if->loc, "applies-if-constant",
                                 v ? _("applies_if of '%s' is always true") : _("applies_if of '%s' is always false"), n->id);
            diag_hint(d, v ? _("remove it: the criterion always applies")
                           : _("the criterion can never apply: check the condition"));
        }
    }
    for (size_t i = 0; i < n->nchildren; i++) lint_node(n->children[i], diags, depth + 1);
}

/* True when a and b differ only in digits (muc2 / muc3): not a typo. */
static bool differ_only_in_digits(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    for (size_t i = 0; i < la; i++)
        if (a[i] != b[i] && !((a[i] >= '0' && a[i] <= '9') && (b[i] >= '0' && b[i] <= '9')))
            return false;
    return true;
}

/* ---- the deletion index: folded names with one code point deleted ----
 * Each variant is identified by (name, deleted byte span) and found by a
 * polynomial hash computed from the name's prefix hashes in O(1), so no
 * variant is ever copied; a hash hit is confirmed byte by byte. */

#define HASH_BASE 0x100000001b3ull

typedef struct {
    const char *s;   /* the folded name */
    size_t n;        /* its length in bytes */
    size_t from, to; /* the deleted bytes (from == to: none) */
} variant_t;

typedef struct {
    uint64_t h;
    uint32_t metric;     /* + 1; 0: empty slot */
    uint16_t from, to;   /* the deleted bytes of its folded name */
} dentry_t;

typedef struct {
    dentry_t *slots;
    size_t cap, count;
    char **folded;       /* the folded names, by metric */
    uint64_t *seen;      /* one bit per hash, 16 per entry: a miss costs one
                          * read of this small array, not a probe of the table */
    uint64_t seen_mask;
} dindex_t;

static uint64_t seen_bit(uint64_t h) { return (h ^ (h >> 31)) * 0xD6E8FEB86659FD93ull >> 7; }

/* Marks every entry's hash, once the index is complete. */
static void dindex_seal(dindex_t *x)
{
    size_t bits = 1 << 16;
    while (bits < x->count * 16) bits *= 2;
    x->seen = xcalloc(bits / 64, sizeof *x->seen);
    x->seen_mask = bits - 1;
    for (size_t i = 0; i < x->cap; i++)
        if (x->slots[i].metric) {
            uint64_t b = seen_bit(x->slots[i].h) & x->seen_mask;
            x->seen[b / 64] |= 1ull << (b % 64);
        }
}

static variant_t entry_variant(const dindex_t *x, const dentry_t *e)
{
    const char *s = x->folded[e->metric - 1];
    return (variant_t){s, strlen(s), e->from, e->to};
}

static bool variant_equal(const variant_t *a, const variant_t *b)
{
    if (a->n - (a->to - a->from) != b->n - (b->to - b->from)) return false;
    size_t i = 0, j = 0;
    for (;;) {
        if (i == a->from) i = a->to;
        if (j == b->from) j = b->to;
        if (i >= a->n || j >= b->n) return i >= a->n && j >= b->n;
        if (a->s[i++] != b->s[j++]) return false;
    }
}

static size_t dslot(const dindex_t *x, uint64_t h)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ull) >> 20) & (x->cap - 1);
}

/* May the sealed index hold hash h? (No for nearly every probe.) */
static inline bool dseen(const dindex_t *x, uint64_t h)
{
    uint64_t b = seen_bit(h) & x->seen_mask;
    return x->seen[b / 64] >> (b % 64) & 1;
}

/* The entry for the variant, or NULL. */
static dentry_t *dfind(const dindex_t *x, uint64_t h, const variant_t *v)
{
    if (!x->cap) return NULL;
    if (x->seen && !dseen(x, h)) return NULL;
    for (size_t i = dslot(x, h); x->slots[i].metric; i = (i + 1) & (x->cap - 1))
        if (x->slots[i].h == h) {
            variant_t stored = entry_variant(x, &x->slots[i]);
            if (variant_equal(&stored, v)) return &x->slots[i];
        }
    return NULL;
}

/* Room for n entries, allocated once: each growth touches fresh pages. */
static void dindex_reserve(dindex_t *x, size_t n)
{
    size_t cap = 1024;
    while (n * 4 > cap * 3) cap *= 2;
    x->slots = xcalloc_large(cap * sizeof(dentry_t));
    x->cap = cap;
}

/* Adds the variant unless it is there already (the first name keeps it). */
static void dadd(dindex_t *x, uint64_t h, const variant_t *v, size_t metric)
{
    if ((x->count + 1) * 4 > x->cap * 3) { /* at most three quarters full */
        dindex_t bigger = {xcalloc_large((x->cap ? x->cap * 2 : 1024) * sizeof(dentry_t)), x->cap ? x->cap * 2 : 1024,
                           x->count, x->folded, NULL, 0};
        for (size_t i = 0; i < x->cap; i++) {
            if (!x->slots[i].metric) continue;
            size_t k = dslot(&bigger, x->slots[i].h);
            while (bigger.slots[k].metric) k = (k + 1) & (bigger.cap - 1);
            bigger.slots[k] = x->slots[i];
        }
        free(x->slots);
        *x = bigger;
    }
    if (dfind(x, h, v)) return;
    size_t k = dslot(x, h);
    while (x->slots[k].metric) k = (k + 1) & (x->cap - 1);
    x->slots[k] = (dentry_t){h, (uint32_t)metric + 1, (uint16_t)v->from, (uint16_t)v->to};
    x->count++;
}

/* Prefix hashes and code point starts of one folded name. */
typedef struct {
    uint64_t *prefix, *power; /* prefix[i]: hash of s[0..i); power[i]: HASH_BASE^i */
    size_t *starts;           /* byte offset of each code point, and the length */
    size_t ncp, cap;
    size_t npower;            /* powers computed so far: the same for every name */
} hashed_t;

static void hash_name(hashed_t *hn, const char *s, size_t n)
{
    if (n + 1 > hn->cap) {
        hn->cap = (n + 1) * 2;
        hn->prefix = xrealloc(hn->prefix, hn->cap * sizeof *hn->prefix);
        hn->power = xrealloc(hn->power, hn->cap * sizeof *hn->power);
        hn->starts = xrealloc(hn->starts, hn->cap * sizeof *hn->starts);
    }
    hn->power[0] = 1;
    for (; hn->npower < n; hn->npower++) hn->power[hn->npower + 1] = hn->power[hn->npower] * HASH_BASE;
    hn->prefix[0] = 0;
    hn->ncp = 0;
    for (size_t i = 0; i < n; i++) {
        hn->prefix[i + 1] = hn->prefix[i] * HASH_BASE + (unsigned char)s[i];
        if (((unsigned char)s[i] & 0xC0) != 0x80) hn->starts[hn->ncp++] = i;
    }
    hn->starts[hn->ncp] = n;
}

/* The hash of the name with bytes [from, to) deleted. */
static uint64_t variant_hash(const hashed_t *hn, size_t n, size_t from, size_t to)
{
    uint64_t tail = hn->prefix[n] - hn->prefix[to] * hn->power[n - to];
    return hn->prefix[from] * hn->power[n - to] + tail;
}

/* Near-duplicate metric names, compared as a person sees them (folded:
 * no diacritics, no case), without comparing every pair:
 *  - two names that fold to the same text (`tông`/`tổng`, `ho_so`/`hồ_sơ`)
 *    are found by hashing the folded text;
 *  - a name read by one rule only, within 2 edits of one read by several,
 *    is found through a deletion index: every folded name read by several
 *    rules is entered with each of its code points deleted in turn (and
 *    whole); a name shares an entry with another when they differ by one
 *    edit or a swap of neighbours; candidates are then measured. */
static void lint_metric_names(program_t *prog, diag_list_t *diags)
{
    size_t n = prog->nmetrics;
    if (n < 2) return;
    char **folded = xcalloc(n, sizeof *folded);
    /* the folded names side by side in one buffer, each ended by its NUL */
    strbuf_t names;
    sb_init(&names);
    size_t *at = xmalloc(n * sizeof *at);
    for (size_t i = 0; i < n; i++) {
        at[i] = names.len;
        fold_visual_append(&names, prog->metrics[i].text);
        names.len++; /* keep the NUL */
    }
    for (size_t i = 0; i < n; i++) folded[i] = names.data + at[i];
    free(at);
    bool *reported = xcalloc(n, sizeof *reported);

    /* 1. names equal once folded */
    strmap_t same;
    strmap_init_borrowed(&same); /* the folded names live until the end */
    strmap_reserve(&same, n);
    for (size_t i = 0; i < n; i++) {
        const metric_slot_t *a = &prog->metrics[i];
        uint64_t h = strmap_hash(folded[i]);
        void *hit = strmap_get_hashed(&same, folded[i], h);
        if (!hit) {
            strmap_put_hashed(&same, folded[i], h, (void *)(intptr_t)(i + 1));
            continue;
        }
        size_t k = (size_t)(intptr_t)hit - 1;
        const metric_slot_t *b = &prog->metrics[k];
        /* the undeclared of a declared pair is reported as undeclared, with a did-you-mean */
        if (prog->ndecls && (!a->decl || !b->decl) && (a->decl || b->decl)) continue;
        /* report the one read less (the later on a tie) */
        const metric_slot_t *odd = a->uses < b->uses ? a : b->uses < a->uses ? b : a;
        const metric_slot_t *other = odd == a ? b : a;
        srcloc_t where = odd->uses ? odd->first_use : odd->decl ? odd->decl->path_loc : odd->first_use;
        diag_t *d = diag_add(diags, DIAG_WARNING, where, "metric-typo",
                             "metric '%s' looks like '%s': they differ only in diacritics or case",
                             odd->text, other->text);
        diag_hint(d, "did you mean '%s'? a misspelt metric is missing from every submission", other->text);
        reported[odd - prog->metrics] = true;
    }
    strmap_free(&same);

    /* 2. one edit or two away from a name read by several rules */
    dindex_t index = {NULL, 0, 0, folded, NULL, 0};
    hashed_t hn = {NULL, NULL, NULL, 0, 0, 0};
    size_t entries = 0; /* at most: each name whole and with each code point deleted */
    for (size_t k = 0; k < n; k++)
        if (prog->metrics[k].node_uses >= 2)
            for (const char *c = folded[k]; ; c++) {
                if (((unsigned char)*c & 0xC0) != 0x80) entries++; /* a code point, or the end */
                if (!*c) break;
            }
    if (entries) dindex_reserve(&index, entries);
    for (size_t k = 0; k < n; k++) {
        if (prog->metrics[k].node_uses < 2) continue;
        size_t len = strlen(folded[k]);
        if (len > UINT16_MAX || k >= UINT32_MAX) continue; /* no such name is a typo of another */
        hash_name(&hn, folded[k], len);
        variant_t whole = {folded[k], len, 0, 0};
        dadd(&index, hn.prefix[len], &whole, k);
        for (size_t c = 0; c < hn.ncp; c++) {
            variant_t v = {folded[k], len, hn.starts[c], hn.starts[c + 1]};
            dadd(&index, variant_hash(&hn, len, v.from, v.to), &v, k);
        }
    }
    if (index.count) dindex_seal(&index);
    for (size_t i = 0; i < n && index.count; i++) {
        const metric_slot_t *a = &prog->metrics[i];
        if (reported[i] || a->node_uses != 1 || strlen(a->text) < 5) continue;
        if (prog->ndecls && a->decl) continue; /* declared on purpose */
        size_t len = strlen(folded[i]);
        hash_name(&hn, folded[i], len);
        long found = -1;
        for (size_t c = 0; c <= hn.ncp && found < 0; c++) {
            /* each code point deleted in turn, then the whole name */
            variant_t v = c < hn.ncp ? (variant_t){folded[i], len, hn.starts[c], hn.starts[c + 1]}
                                     : (variant_t){folded[i], len, 0, 0};
            uint64_t h = variant_hash(&hn, len, v.from, v.to);
            if (!dseen(&index, h)) continue; /* inline: most variants stop here */
            dentry_t *hit = dfind(&index, h, &v);
            if (!hit) continue;
            size_t k = hit->metric - 1;
            if (k == i || differ_only_in_digits(a->text, prog->metrics[k].text)) continue;
            if (fold_distance(folded[i], folded[k], 2) <= 2) found = (long)k;
        }
        if (found < 0) continue;
        const metric_slot_t *b = &prog->metrics[found];
        diag_t *d = diag_add(diags, DIAG_WARNING, a->first_use, "metric-typo",
                             "metric '%s' is read only here; did you mean '%s'?", a->text, b->text);
        diag_hint(d, "'%s' is read by %d other rules; a misspelt metric is missing from every submission",
                  b->text, b->node_uses);
    }
    free(index.slots);
    free(index.seen);
    free(hn.prefix);
    free(hn.power);
    free(hn.starts);
    free(names.data);
    free(folded);
    free(reported);
}

void check_lint(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++) lint_node(prog->indexes[i], diags, 0);
    lint_metric_names(prog, diags);
}

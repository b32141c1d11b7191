/* unit_summary.c — making and reading the summary a batch keeps of each
 * unit (see unit_summary.h). Each worker summarizes into its own store:
 * no lock, and the groups and grades it interns are its own (ranking
 * numbers equal groups alike whichever worker made them). */
#include "unit_summary.h"

#include "engine/compile/compile.h"
#include "engine/eval/result.h"
#include "engine/support/xalloc.h"

#include <string.h>

void unit_store_init(unit_store_t *s)
{
    memset(s, 0, sizeof *s);
    arena_init_large(&s->arena);
    strmap_init(&s->groups);
    strmap_init(&s->grades);
    sb_init(&s->key);
}

void unit_store_free(unit_store_t *s)
{
    arena_free(&s->arena);
    strmap_free(&s->groups);
    strmap_free(&s->grades);
    sb_free(&s->key);
    memset(s, 0, sizeof *s);
}

static bool same_text(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* A NULL text and an empty one are told apart: reports say "level" only
 * for a unit that gave one. */
static void key_part(strbuf_t *key, const char *s)
{
    sb_addc(key, s ? '+' : '-');
    if (s) sb_adds(key, s);
    sb_addc(key, '\x1f');
}

static unit_group_t *intern_group(unit_store_t *st, const char *level, const char *period)
{
    int k = 0;
    for (; k < UNIT_RECENT && st->recent_groups[k]; k++) {
        unit_group_t *g = st->recent_groups[k];
        if (same_text(g->level, level) && same_text(g->period, period)) return g;
    }
    st->key.len = 0;
    key_part(&st->key, level);
    key_part(&st->key, period);
    unit_group_t *g = strmap_get(&st->groups, st->key.data);
    if (!g) {
        g = arena_alloc8(&st->arena, sizeof *g);
        g->level = level ? arena_strdup(&st->arena, level) : NULL;
        g->period = period ? arena_strdup(&st->arena, period) : NULL;
        strmap_put(&st->groups, st->key.data, g);
        if (k < UNIT_RECENT) st->recent_groups[k] = g;
    }
    return g;
}

static const char *intern_grade(unit_store_t *st, const char *grade)
{
    if (!grade) return NULL;
    int k = 0;
    for (; k < UNIT_RECENT && st->recent_grades[k]; k++)
        if (!strcmp(st->recent_grades[k], grade)) return st->recent_grades[k];
    const char *g = strmap_get(&st->grades, grade);
    if (!g) {
        g = arena_strdup(&st->arena, grade);
        strmap_put(&st->grades, grade, (void *)g);
        if (k < UNIT_RECENT) st->recent_grades[k] = g;
    }
    return g;
}

static bool fits32(rat_t v) { return !rat_is_big(v) && v.num >= INT32_MIN && v.num <= INT32_MAX && v.den <= UINT32_MAX; }
static bool same_rat(rat_t a, rat_t b) { return !rat_is_big(a) && !rat_is_big(b) && a.num == b.num && a.den == b.den; }

static const char *string_or_null(json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static unit_extra_t *extra_of(unit_summary_t *s, unit_store_t *st)
{
    if (!s->extra) s->extra = arena_alloc8(&st->arena, sizeof *s->extra);
    return s->extra;
}

/* Errors and notes: in the extra part, for the few units that have them. */
static void keep_messages(const chiso_result *r, unit_summary_t *s, unit_store_t *st)
{
    if (!r->ok) {
        strbuf_t errors; /* every error, one a line: a unit is not asked twice */
        sb_init(&errors);
        for (size_t i = 0; i < r->nerrors; i++) {
            if (i) sb_addc(&errors, '\n');
            sb_adds(&errors, r->errors[i]);
        }
        unit_extra_t *x = extra_of(s, st);
        x->error = arena_strdup(&st->arena, r->nerrors ? errors.data : "error");
        x->nerrors = r->nerrors ? r->nerrors : 1;
        sb_free(&errors);
    }
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].kind, "mostly_null")) {
            extra_of(s, st)->note = arena_strdup(&st->arena, r->findings[i].message);
            break;
        }
}

/* Value i of a result as the block keeps it (see unit_nvalues). */
static rat_t value_at(const chiso_result *r, const cnode_t *root, size_t i)
{
    if (i < 2) return i ? r->max : r->points;
    size_t f = (i - 2) % (size_t)root->nchildren;
    const node_result_t *n = &r->nodes[root->children[f]];
    return i - 2 < (size_t)root->nchildren ? n->points : n->max;
}

void unit_summarize(const chiso_result *r, unit_summary_t *s, unit_store_t *st)
{
    memset(s, 0, sizeof *s);
    const char *texts[3] = {string_or_null(r->unit, "id"), string_or_null(r->unit, "name"), r->origin};
    s->group = intern_group(st, string_or_null(r->unit, "level"), r->period);
    s->ok = r->ok;
    if (r->unranked) s->flags |= UNIT_UNRANKED;
    keep_messages(r, s, st);
    const cnode_t *root = r->ok ? &r->ci->nodes[0] : NULL;
    size_t nwide = 0;
    bool wide_percent = false;
    if (r->ok) {
        s->grade = intern_grade(st, r->grade);
        s->ci = r->ci;
        s->nfields = (uint16_t)root->nchildren;
        if (r->has_percent) s->flags |= UNIT_HAS_PERCENT;
        bool declared = true;
        for (int i = 0; i < root->nchildren && declared; i++)
            declared = same_rat(r->nodes[root->children[i]].max, r->ci->nodes[root->children[i]].max);
        if (declared) s->flags |= UNIT_DECLARED_MAX;
        for (size_t i = 0; i < unit_nvalues(s); i++) nwide += !fits32(value_at(r, root, i));
        wide_percent = r->has_percent && (!fits32(r->points) || !fits32(r->max));
        nwide += wide_percent;
        if (nwide) s->flags |= UNIT_WIDE;
    }
    size_t lens[3], total = 0;
    for (int k = 0; k < 3; k++) {
        lens[k] = texts[k] ? strlen(texts[k]) : 0;
        if (texts[k]) {
            s->flags |= (uint8_t)(UNIT_HAS_ID << k);
            total += lens[k] + 1;
        }
    }
    size_t nvalues = unit_nvalues(s), fixed = nvalues * sizeof(rat32_t) + (size_t)s->nfields * sizeof(int32_t);
    if (nwide) fixed = (fixed + 7) / 8 * 8 + nwide * sizeof(rat_t);
    s->data = arena_alloc8(&st->arena, fixed + total); /* field ranks: zeroed, set by batch_rank */
    char *at = s->data + fixed;
    for (int k = 0; k < 3; k++)
        if (texts[k]) {
            memcpy(at, texts[k], lens[k] + 1);
            at += lens[k] + 1;
        }
    if (!r->ok) return;
    rat32_t *values = (rat32_t *)(void *)s->data;
    rat_t *wide = (rat_t *)(void *)unit_wide(s);
    size_t k = 0; /* numbers beyond 64 bits live in the result: kept by a copy */
    for (size_t i = 0; i < nvalues; i++) {
        rat_t v = value_at(r, root, i);
        if (fits32(v)) {
            values[i] = (rat32_t){(int32_t)v.num, (uint32_t)v.den};
        } else {
            values[i] = (rat32_t){(int32_t)k, 0};
            wide[k++] = rat_keep(v, &st->arena);
        }
    }
    if (wide_percent) wide[k] = rat_keep(r->percent, &st->arena);
    rat_t opts[3], omax[3];
    if (result_origin_totals(r, opts, omax)) {
        unit_extra_t *x = extra_of(s, st);
        x->origins = arena_alloc8(&st->arena, 4 * sizeof(rat_t));
        x->origins[0] = rat_keep(opts[ORIGIN_APPRAISAL], &st->arena);
        x->origins[1] = rat_keep(omax[ORIGIN_APPRAISAL], &st->arena);
        x->origins[2] = rat_keep(opts[ORIGIN_SURVEY], &st->arena);
        x->origins[3] = rat_keep(omax[ORIGIN_SURVEY], &st->arena);
    }
}

size_t unit_nwide(const unit_summary_t *u)
{
    if (!(u->flags & UNIT_WIDE)) return 0;
    const rat32_t *v = unit_values(u);
    size_t n = 0, nvalues = unit_nvalues(u);
    for (size_t i = 0; i < nvalues; i++) n += v[i].den == 0;
    return n + (unit_has_percent(u) && (v[0].den == 0 || v[1].den == 0));
}

rat_t unit_percent(const unit_summary_t *u)
{
    if (!u->ok || !unit_has_percent(u)) return rat_int(0);
    const rat32_t *v = unit_values(u);
    if (v[0].den == 0 || v[1].den == 0) return unit_wide(u)[unit_nwide(u) - 1];
    bool of = false; /* 32-bit parts: never beyond 64 bits */
    return rat_mul(rat_div((rat_t){v[0].num, v[0].den}, (rat_t){v[1].num, v[1].den}, &of), rat_int(100), &of);
}

rat_t unit_fmax(const unit_summary_t *u, int f)
{
    if (u->flags & UNIT_DECLARED_MAX) {
        const cnode_t *root = &u->ci->nodes[0];
        return u->ci->nodes[root->children[f]].max;
    }
    return unit_value(u, 2 + (size_t)u->nfields + (size_t)f);
}

_Static_assert(sizeof(void *) != 8 || sizeof(unit_summary_t) == 48, "a million summaries: keep them at 48 bytes");

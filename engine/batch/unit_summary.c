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
    unit_group_t *g = st->last_group; /* units of one group usually come together */
    if (g && same_text(g->level, level) && same_text(g->period, period)) return g;
    st->key.len = 0;
    key_part(&st->key, level);
    key_part(&st->key, period);
    g = strmap_get(&st->groups, st->key.data);
    if (!g) {
        g = arena_alloc8(&st->arena, sizeof *g);
        g->level = level ? arena_strdup(&st->arena, level) : NULL;
        g->period = period ? arena_strdup(&st->arena, period) : NULL;
        strmap_put(&st->groups, st->key.data, g);
    }
    return st->last_group = g;
}

static const char *intern_grade(unit_store_t *st, const char *grade)
{
    if (!grade) return NULL;
    if (st->last_grade && !strcmp(st->last_grade, grade)) return st->last_grade;
    const char *g = strmap_get(&st->grades, grade);
    if (!g) {
        g = arena_strdup(&st->arena, grade);
        strmap_put(&st->grades, grade, (void *)g);
    }
    return st->last_grade = g;
}

static bool fits32(rat_t v) { return !rat_is_big(v) && v.num >= INT32_MIN && v.num <= INT32_MAX && v.den <= UINT32_MAX; }
static rat32_t to32(rat_t v) { return (rat32_t){(int32_t)v.num, (uint32_t)v.den}; }
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

void unit_summarize(const chiso_result *r, unit_summary_t *s, unit_store_t *st)
{
    memset(s, 0, sizeof *s);
    const char *texts[3] = {string_or_null(r->unit, "id"), string_or_null(r->unit, "name"), r->origin};
    s->group = intern_group(st, string_or_null(r->unit, "level"), r->period);
    s->ok = r->ok;
    if (r->unranked) s->flags |= UNIT_UNRANKED;
    keep_messages(r, s, st);
    const cnode_t *root = r->ok ? &r->ci->nodes[0] : NULL;
    int nfields = root ? root->nchildren : 0;
    bool wide = false, declared = true;
    if (r->ok) {
        s->grade = intern_grade(st, r->grade);
        s->ci = r->ci;
        s->nfields = (uint16_t)nfields;
        if (r->has_percent) s->flags |= UNIT_HAS_PERCENT;
        wide = !fits32(r->points) || !fits32(r->max);
        for (int i = 0; i < nfields; i++) {
            const node_result_t *n = &r->nodes[root->children[i]];
            wide = wide || !fits32(n->points) || !fits32(n->max);
            declared = declared && same_rat(n->max, r->ci->nodes[root->children[i]].max);
        }
        if (wide) s->flags |= UNIT_WIDE;
        else if (declared) s->flags |= UNIT_DECLARED_MAX;
    }
    size_t lens[3], total = 0;
    for (int k = 0; k < 3; k++) {
        lens[k] = texts[k] ? strlen(texts[k]) : 0;
        if (texts[k]) {
            s->flags |= (uint8_t)(UNIT_HAS_ID << k);
            total += lens[k] + 1;
        }
    }
    size_t fields = unit_field_bytes(s);
    s->data = arena_alloc8(&st->arena, fields + total);
    char *at = s->data + fields;
    for (int k = 0; k < 3; k++)
        if (texts[k]) {
            memcpy(at, texts[k], lens[k] + 1);
            at += lens[k] + 1;
        }
    if (!r->ok) return;
    if (wide) { /* numbers beyond 64 bits live in the result: kept by a copy */
        unit_extra_t *x = extra_of(s, st);
        x->points = rat_keep(r->points, &st->arena);
        x->max = rat_keep(r->max, &st->arena);
        x->percent = r->has_percent ? rat_keep(r->percent, &st->arena) : rat_int(0);
        x->fpoints = arena_alloc8(&st->arena, (size_t)(nfields ? nfields : 1) * 2 * sizeof(rat_t));
        x->fmax = x->fpoints + nfields;
        for (int i = 0; i < nfields; i++) {
            x->fpoints[i] = rat_keep(r->nodes[root->children[i]].points, &st->arena);
            x->fmax[i] = rat_keep(r->nodes[root->children[i]].max, &st->arena);
        }
    } else {
        s->points = to32(r->points);
        s->max = to32(r->max);
        rat32_t *values = (rat32_t *)(void *)s->data;
        for (int i = 0; i < nfields; i++) {
            values[i] = to32(r->nodes[root->children[i]].points);
            if (!declared) values[nfields + i] = to32(r->nodes[root->children[i]].max);
        }
    } /* field ranks: zeroed by the arena, set by batch_rank */
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

rat_t unit_percent(const unit_summary_t *u)
{
    if (u->flags & UNIT_WIDE) return u->extra->percent;
    if (!(u->flags & UNIT_HAS_PERCENT)) return rat_int(0);
    bool of = false; /* 32-bit parts: never beyond 64 bits */
    return rat_mul(rat_div(rat_of32(u->points), rat_of32(u->max), &of), rat_int(100), &of);
}

rat_t unit_fpoints(const unit_summary_t *u, int f)
{
    if (u->flags & UNIT_WIDE) return u->extra->fpoints[f];
    return rat_of32(((const rat32_t *)(const void *)u->data)[f]);
}

rat_t unit_fmax(const unit_summary_t *u, int f)
{
    if (u->flags & UNIT_WIDE) return u->extra->fmax[f];
    if (u->flags & UNIT_DECLARED_MAX) {
        const cnode_t *root = &u->ci->nodes[0];
        return u->ci->nodes[root->children[f]].max;
    }
    return rat_of32(((const rat32_t *)(const void *)u->data)[u->nfields + f]);
}

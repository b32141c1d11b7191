/* unit_summary.h — what a batch keeps of each unit until ranks are known.
 *
 * A province-wide batch keeps a million of these, so a summary is 64
 * bytes of fixed fields and one block of the rest:
 * - points and maximum as 32-bit fractions (a unit whose numbers do not
 *   fit keeps them exact in its extra part: `UNIT_WIDE`); the percent is
 *   computed when asked for, as scoring computed it;
 * - level and period as one interned group, the grade interned: a batch
 *   has few distinct ones;
 * - one block holding each top-level field's points, its maximum (left
 *   out when every maximum is the one the rules declare), its rank, then
 *   the unit's id, name and origin as text;
 * - an extra part only for what few units have: errors, a note, a
 *   duplicate, points by origin, numbers beyond 32 bits.
 * Read them through the functions below. */
#ifndef CHISO_UNIT_SUMMARY_H
#define CHISO_UNIT_SUMMARY_H

#include "engine/support/arena.h"
#include "engine/support/rational.h"
#include "engine/support/strmap.h"
#include "engine/support/xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct compiled_index;
struct chiso_result;

typedef struct {
    int32_t num;
    uint32_t den;
} rat32_t;

typedef struct unit_group {
    const char *level, *period; /* NULL when the unit did not say */
    uint32_t number;            /* set by batch_rank: equal for equal (level, period) */
} unit_group_t;

typedef struct {
    const char *error;        /* every error of a unit in error, one a line */
    size_t nerrors;
    const char *note;         /* a finding the secretariat must see in every format (mostly_null) */
    const char *duplicate_of; /* origin of another unit with the same id and period */
    rat_t *origins;           /* when the rules declare origins: appraisal points, max, survey points, max */
    rat_t points, max, percent; /* UNIT_WIDE: exact */
    rat_t *fpoints, *fmax;    /* UNIT_WIDE: per field, exact */
} unit_extra_t;

enum {
    UNIT_HAS_PERCENT = 1 << 0,
    UNIT_UNRANKED = 1 << 1,   /* scored but not ranked ("ranked": false) */
    UNIT_REPEATS = 1 << 2,    /* its (id, period) came earlier in the batch */
    UNIT_WIDE = 1 << 3,       /* numbers beyond 32 bits: kept in the extra part */
    UNIT_DECLARED_MAX = 1 << 4, /* every field's maximum is the declared one: not kept */
    UNIT_HAS_ID = 1 << 5,
    UNIT_HAS_NAME = 1 << 6,
    UNIT_HAS_ORIGIN = 1 << 7,
};

typedef struct unit_summary {
    char *data;               /* field points, maxima, ranks; then id, name, origin */
    unit_group_t *group;
    const char *grade;        /* interned */
    const struct compiled_index *ci; /* the index version that scored it (ok units); its fields */
    unit_extra_t *extra;      /* NULL for most units */
    rat32_t points, max;      /* unless UNIT_WIDE */
    int32_t rank;             /* 0: not ranked */
    uint16_t nfields;
    bool ok;
    uint8_t flags;
} unit_summary_t;

/* Where a worker keeps its summaries: an arena, and the groups and grades
 * it has seen. */
typedef struct {
    arena_t arena;
    strmap_t groups, grades;
    unit_group_t *last_group;
    const char *last_grade;
    strbuf_t key;
} unit_store_t;

void unit_store_init(unit_store_t *s);
void unit_store_free(unit_store_t *s);

/* The summary of a result (its texts and numbers copied into the store). */
void unit_summarize(const struct chiso_result *r, unit_summary_t *s, unit_store_t *store);

static inline rat_t rat_of32(rat32_t v) { return (rat_t){v.num, v.den}; }

static inline bool unit_has_percent(const unit_summary_t *u) { return u->flags & UNIT_HAS_PERCENT; }
static inline bool unit_unranked(const unit_summary_t *u) { return u->flags & UNIT_UNRANKED; }
static inline bool unit_repeats(const unit_summary_t *u) { return u->flags & UNIT_REPEATS; }

static inline rat_t unit_points(const unit_summary_t *u)
{
    return u->flags & UNIT_WIDE ? u->extra->points : rat_of32(u->points);
}
static inline rat_t unit_max(const unit_summary_t *u)
{
    return u->flags & UNIT_WIDE ? u->extra->max : rat_of32(u->max);
}
/* points / max × 100, as scoring computed it; meaningful with unit_has_percent. */
rat_t unit_percent(const unit_summary_t *u);

/* Bytes of the field arrays at the start of `data`. */
static inline size_t unit_field_bytes(const unit_summary_t *u)
{
    if (u->flags & UNIT_WIDE) return (size_t)u->nfields * sizeof(int32_t);
    size_t values = u->flags & UNIT_DECLARED_MAX ? 1 : 2;
    return (size_t)u->nfields * (values * sizeof(rat32_t) + sizeof(int32_t));
}
static inline int32_t *unit_franks(const unit_summary_t *u)
{
    size_t values = u->flags & UNIT_WIDE ? 0 : u->flags & UNIT_DECLARED_MAX ? 1 : 2;
    return (int32_t *)(void *)(u->data + (size_t)u->nfields * values * sizeof(rat32_t));
}
static inline int32_t unit_frank(const unit_summary_t *u, int f) { return unit_franks(u)[f]; }
rat_t unit_fpoints(const unit_summary_t *u, int f);
rat_t unit_fmax(const unit_summary_t *u, int f);

/* The texts after the field arrays: id, name, origin, each there when its flag is. */
static inline const char *unit_text(const unit_summary_t *u, int which)
{
    const char *t = u->data + unit_field_bytes(u);
    for (int k = 0; k < which; k++)
        if (u->flags & (UNIT_HAS_ID << k)) t += strlen(t) + 1;
    return u->flags & (UNIT_HAS_ID << which) ? t : NULL;
}
static inline const char *unit_id(const unit_summary_t *u) { return unit_text(u, 0); }
static inline const char *unit_name(const unit_summary_t *u) { return unit_text(u, 1); }
static inline const char *unit_origin(const unit_summary_t *u) { return unit_text(u, 2); }

static inline const char *unit_level(const unit_summary_t *u) { return u->group->level; }
static inline const char *unit_period(const unit_summary_t *u) { return u->group->period; }

static inline const char *unit_error(const unit_summary_t *u) { return u->extra ? u->extra->error : NULL; }
static inline size_t unit_nerrors(const unit_summary_t *u) { return u->extra ? u->extra->nerrors : 0; }
static inline const char *unit_note(const unit_summary_t *u) { return u->extra ? u->extra->note : NULL; }
static inline const char *unit_duplicate_of(const unit_summary_t *u)
{
    return u->extra ? u->extra->duplicate_of : NULL;
}
static inline const rat_t *unit_origins(const unit_summary_t *u) { return u->extra ? u->extra->origins : NULL; }

#endif

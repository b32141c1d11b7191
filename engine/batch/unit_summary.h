/* unit_summary.h — what a batch keeps of each unit until ranks are known.
 *
 * A province-wide batch keeps a million of these, so a summary is 32
 * bytes of fixed fields and one block of the rest:
 * - points, maximum and each top-level field's points (and maximum, when
 *   some maximum is not the one the rules declare), each exact in as few
 *   bytes as it needs: most take 2 to 5, a fraction of 64-bit parts (a
 *   share of a budget in billions) about 10, a number beyond 64 bits a
 *   pointer to the copy kept in the store. The percent is computed when
 *   asked for, as scoring computed it; only when that would not fit 64
 *   bits is it kept as one more value;
 * - the unit's id and name as text, and its origin: a file name, or the
 *   line of standard input as a number;
 * - level, period, grade and the index version that scored it as one
 *   interned group: a batch has few distinct ones;
 * - an extra part only for what few units have: errors, a note, a
 *   duplicate, points by origin.
 * The ranks of each top-level field are kept for the whole batch at once
 * (unit_ranks_t), in as few bytes as its size needs.
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

/* The field ranks of a whole batch, set by batch_rank: a row of
 * `stride` ranks for each unit of `units`, each rank in `width` bytes (2
 * below 65 536 units, 3 below 16 777 216, else 4; in the host's byte
 * order, as the low bytes of a uint32_t). Every group points to
 * it, so that a summary read in place in the batch's array finds its
 * row. */
typedef struct unit_ranks {
    const struct unit_summary *units;
    unsigned char *data;       /* NULL until ranked */
    size_t stride;
    unsigned width;
} unit_ranks_t;

/* What many units share: level and period (ranked together), grade and
 * the index version that scored them. */
typedef struct unit_group {
    const char *level, *period; /* NULL when the unit did not say */
    const char *grade;          /* interned; NULL for a unit in error or without grades */
    const struct compiled_index *ci; /* the index version that scored them (ok units); its fields */
    const unit_ranks_t *ranks;  /* set by batch_rank */
    uint32_t number;            /* set by batch_rank: equal for equal (level, period) */
} unit_group_t;

typedef struct {
    const char *error;        /* every error of a unit in error, one a line */
    size_t nerrors;
    const char *note;         /* a finding the secretariat must see in every format (mostly_null) */
    const char *duplicate_of; /* origin of another unit with the same id and period */
    rat_t *origins;           /* when the rules declare origins: appraisal points, max, survey points, max */
} unit_extra_t;

enum {
    UNIT_HAS_PERCENT = 1 << 0,
    UNIT_UNRANKED = 1 << 1,   /* scored but not ranked ("ranked": false) */
    UNIT_REPEATS = 1 << 2,    /* its (id, period) came earlier in the batch */
    UNIT_KEEPS_PERCENT = 1 << 3, /* the percent does not fit 64 bits: kept after the values */
    UNIT_DECLARED_MAX = 1 << 4, /* every field's maximum is the declared one: not kept */
    UNIT_HAS_ID = 1 << 5,
    UNIT_HAS_NAME = 1 << 6,
    UNIT_HAS_ORIGIN = 1 << 7,
};

typedef struct unit_summary {
    char *data;               /* the values (their length first); then id, name, origin */
    unit_group_t *group;      /* level, period, grade, index version */
    unit_extra_t *extra;      /* NULL for most units */
    int32_t rank;             /* 0: not ranked */
    uint16_t nfields;
    bool ok;
    uint8_t flags;
} unit_summary_t;

/* Where a worker keeps its summaries: an arena, and the groups and grades
 * it has seen. */
enum { UNIT_RECENT = 16 };
typedef struct {
    arena_t arena;
    strmap_t groups, grades;
    /* the first groups and grades seen, tried before the maps: a batch
     * has few, mixed in any order */
    unit_group_t *recent_groups[UNIT_RECENT];
    const char *recent_grades[UNIT_RECENT];
    const char *recent_grade_texts[UNIT_RECENT]; /* each as results give it (the program's): found by address */
    const struct compiled_index *origins_ci; /* the index version last asked whether it declares origins */
    bool origins_declared;                   /* and its answer */
    strbuf_t key;
} unit_store_t;

void unit_store_init(unit_store_t *s);
void unit_store_free(unit_store_t *s);

/* The summary of a result (its texts and numbers copied into the store). */
void unit_summarize(const struct chiso_result *r, unit_summary_t *s, unit_store_t *store);

static inline bool unit_has_percent(const unit_summary_t *u) { return u->flags & UNIT_HAS_PERCENT; }
static inline bool unit_unranked(const unit_summary_t *u) { return u->flags & UNIT_UNRANKED; }
static inline bool unit_repeats(const unit_summary_t *u) { return u->flags & UNIT_REPEATS; }

/* The block: the length of the values and the values (points, max, then each field's points, then each
 * field's maximum unless UNIT_DECLARED_MAX; then the percent when
 * UNIT_KEEPS_PERCENT), then the texts. Units in error have no values. */
static inline size_t unit_nvalues(const unit_summary_t *u)
{
    if (!u->ok) return 0;
    return 2 + (size_t)u->nfields * (u->flags & UNIT_DECLARED_MAX ? 1 : 2);
}
/* Field f's rank (0: not ranked); u must be in the batch's array. */
static inline int32_t unit_frank(const unit_summary_t *u, int f)
{
    const unit_ranks_t *t = u->group->ranks;
    if (!t || !t->data) return 0;
    uint32_t r; /* 4 bytes read (the table has 2 more at its end), `width` kept */
    memcpy(&r, t->data + ((size_t)(u - t->units) * t->stride + (size_t)f) * t->width, sizeof r);
    if (t->width == 4) return (int32_t)r;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (int32_t)(r >> (8 * (4 - t->width)));
#else
    return (int32_t)(r & ((1U << (8 * t->width)) - 1));
#endif
}
/* Value i of the block, exact. */
rat_t unit_value(const unit_summary_t *u, size_t i);
/* The first n values of the block (fewer when it has fewer: the number
 * given back) in one pass: a CSV row reads them all. */
size_t unit_values(const unit_summary_t *u, rat_t *out, size_t n);

static inline rat_t unit_points(const unit_summary_t *u) { return u->ok ? unit_value(u, 0) : rat_int(0); }
static inline rat_t unit_max(const unit_summary_t *u) { return u->ok ? unit_value(u, 1) : rat_int(0); }
/* points / max × 100, as scoring computed it; meaningful with unit_has_percent. */
rat_t unit_percent(const unit_summary_t *u);
/* points / max × 100 as scoring computes it (rat_mul of rat_div), with
 * a maximum of 100 or dividing 100 without either; *of set on overflow. */
rat_t unit_percent_value(rat_t points, rat_t max, bool *of);
/* unit_percent, given the unit's points and maximum already read. */
rat_t unit_percent_of(const unit_summary_t *u, rat_t points, rat_t max);
static inline rat_t unit_fpoints(const unit_summary_t *u, int f) { return unit_value(u, 2 + (size_t)f); }
rat_t unit_fmax(const unit_summary_t *u, int f);

/* The texts at the end of the block: id, name, origin, each there when
 * its flag is; the origin as kept (read it with unit_origin). */
const char *unit_text(const unit_summary_t *u, int which);
static inline const char *unit_id(const unit_summary_t *u) { return unit_text(u, 0); }
static inline const char *unit_name(const unit_summary_t *u) { return unit_text(u, 1); }
/* What a row of a table reads of them in one pass: id and name (NULL
 * when not there), and what unit_origin_line gives back. */
long long unit_id_name_line(const unit_summary_t *u, const char **id, const char **name);
/* Where the unit came from: its file, or "<stdin>:LINE", which a unit
 * read from standard input keeps as the line's number and gets written
 * into buf (so the text lives as long as buf). */
enum { UNIT_ORIGIN_SIZE = 32 }; /* as STDIN_ORIGIN_SIZE (input_iter.h) */
const char *unit_origin(const unit_summary_t *u, char buf[UNIT_ORIGIN_SIZE]);
/* The line of standard input the unit came from when it is kept as its
 * number (unit_origin writes "<stdin>:LINE"), else -1. */
long long unit_origin_line(const unit_summary_t *u);
/* The origin when it is kept as text, as it always is for a unit with
 * neither id nor name; NULL otherwise. */
const char *unit_origin_text(const unit_summary_t *u);

static inline const char *unit_level(const unit_summary_t *u) { return u->group->level; }
static inline const char *unit_period(const unit_summary_t *u) { return u->group->period; }
static inline const char *unit_grade(const unit_summary_t *u) { return u->group->grade; }
static inline const struct compiled_index *unit_ci(const unit_summary_t *u) { return u->group->ci; }

static inline const char *unit_error(const unit_summary_t *u) { return u->extra ? u->extra->error : NULL; }
static inline size_t unit_nerrors(const unit_summary_t *u) { return u->extra ? u->extra->nerrors : 0; }
static inline const char *unit_note(const unit_summary_t *u) { return u->extra ? u->extra->note : NULL; }
static inline const char *unit_duplicate_of(const unit_summary_t *u)
{
    return u->extra ? u->extra->duplicate_of : NULL;
}
static inline const rat_t *unit_origins(const unit_summary_t *u) { return u->extra ? u->extra->origins : NULL; }

#endif

/* batch.h — scoring a whole province at once (`chiso score`).
 *
 * Submissions stream in (input_iter), N worker threads parse and score them,
 * and a writer puts each result, in input order, into a spool file on disk,
 * keeping in memory only the small summary ranking needs. Ranks (per unit
 * level and period, overall and per field) are computed at the end, and the
 * output is rendered from the spool in the chosen format. Memory grows
 * only by each unit's summary (docs/batch-scoring.md says how much); the
 * output is the same for any number of threads. */
#ifndef CHISO_BATCH_H
#define CHISO_BATCH_H

#include "batch_criteria.h"
#include "input_iter.h"

#include "engine/support/arena.h"
#include "engine/support/rational.h"

typedef struct {
    /* The strings and arrays below live in the batch's arenas: a
     * province-wide batch keeps a million of these. */
    const char *id, *name, *level, *period, *origin;
    bool ok;
    bool has_percent;
    rat_t percent, points, max;
    const char *grade;
    const char *error;    /* every error of a unit in error, one a line */
    size_t nerrors;
    int nfields;
    rat_t *fpoints, *fmax; /* per top-level field */
    bool unranked;        /* scored but not ranked ("ranked": false) */
    long rank;            /* 0: not ranked */
    long *frank;          /* per field, 0: not ranked */
    char *duplicate_of;   /* origin of another unit with the same id and period (owned) */
    bool repeats;         /* ... which came earlier in the batch */
    int group;            /* number of its (level, period) group, for ranking */
    const char *note;     /* a finding the secretariat must see in every format (mostly_null) */
    rat_t *origins;       /* when the rules declare origins: appraisal points, max, survey points, max */
    const struct compiled_index *ci; /* the index version that scored it (ok units); its fields */
    const char *leaves;   /* with need_leaves: each criterion's points (leaves in preorder), exact,
                           * separated by spaces: "1 0.5 2" */
} unit_summary_t;

typedef struct {
    const chiso_program *prog;
    size_t index;
    unsigned flags;       /* CHISO_SCORE_* */
    int jobs;
    bool fail_fast;
    bool progress;        /* a progress line on stderr */
    bool need_results;    /* spool the full results (false: summaries suffice, e.g. csv) */
    bool need_criteria;   /* gather statistics per criterion (text and html) */
    bool need_leaves;     /* keep each criterion's points in the summary (csv) */
} batch_opts_t;

typedef struct {
    unit_summary_t *units;
    size_t count, cap;
    FILE *spool;          /* one compact result JSON per line, in input order;
                           * NULL when the format needs only the summaries */
    char *spool_buf;      /* its stdio buffer */
    size_t spooled;       /* lines written to the spool (checked when read back) */
    int spool_errno;      /* != 0: writing the spool failed; the batch stopped */
    arena_t *arenas;      /* the summaries' strings and arrays: one arena per worker */
    int narenas;
    bool has_criteria;
    criteria_t criteria;  /* statistics per criterion, when asked for */
    size_t failed;
    bool stopped;         /* --fail-fast stopped the batch */
    double seconds;
} batch_t;

/* Scores every submission of `inputs`. The spool is an unlinked file in
 * $TMPDIR (default /tmp). False, with a message on stderr, when the spool
 * cannot be created or written (a full disk): nothing of the batch may
 * then be presented as complete. */
bool batch_run(const batch_opts_t *opts, input_iter_t *inputs, batch_t *out);
/* Reads the next spooled result line into *line; false, with a message on
 * stderr, when the spool ends early or a line is damaged (the output is
 * then incomplete and must not be kept). */
bool batch_spool_next(batch_t *b, char **line, size_t *cap, size_t *len);
/* Standard competition ranks per (level, period), overall and per field;
 * marks duplicate (id, period) pairs. decimals >= 0: rank on percents
 * rounded to that many decimals (half up), as a published table shows
 * them; < 0: on exact percents. */
void batch_rank(batch_t *b, int decimals);
void batch_free(batch_t *b);

/* Field IDs and names of the index (top-level nodes). */
int batch_fields(const chiso_program *prog, size_t index, const char ***ids, const char ***names);

/* qsort order of unit summary pointers: by level, period, then rank (units
 * in error last, in input order). */
int batch_by_group_rank(const void *x, const void *y);
/* What to call a unit: its name, else its id, else the file it came from. */
const char *batch_unit_label(const unit_summary_t *u);

#endif

/* batch.h — scoring a whole province at once (`chiso score`).
 *
 * Submissions stream in (input_iter), N worker threads parse and score them,
 * and a writer puts each result, in input order, into a spool file on disk,
 * keeping in memory only the small summary ranking needs (unit_summary.h).
 * Ranks (per unit level and period, overall and per field) are computed at
 * the end, and the output is rendered from the spool in the chosen format.
 * Memory grows only by each unit's summary (docs/performance.md says how
 * much); the output is the same for any number of threads. */
#ifndef CHISO_BATCH_H
#define CHISO_BATCH_H

#include "batch_criteria.h"
#include "input_iter.h"
#include "unit_summary.h"

#include "engine/support/arena.h"
#include "engine/support/rational.h"


typedef struct {
    const chiso_program *prog;
    size_t index;
    unsigned flags;       /* CHISO_SCORE_* */
    int jobs;
    bool fail_fast;
    bool progress;        /* a progress line on stderr */
    bool need_results;    /* spool the full results (false: summaries suffice, e.g. csv) */
    bool need_criteria;   /* gather statistics per criterion (text and html) */
    bool need_leaves;     /* spool each criterion's points (csv) */
    char leaf_sep, leaf_point; /* between them, and their decimal mark: a CSV row's
                                * own (copied into it as they are), or 0: ' ' and '.' */
} batch_opts_t;

typedef struct {
    unit_summary_t *units;
    size_t count, cap;
    FILE *spool;          /* one compact result JSON per line, in input order
                           * (with need_leaves: each unit scored, its criteria's
                           * points); NULL when the summaries are enough */
    char *spool_buf;      /* its stdio buffer */
    struct json_refs *refs; /* the constant pieces of results, spooled as codes */
    char *spool_read;     /* the spool read back in blocks: lines are taken where they lie */
    size_t spool_read_pos, spool_read_end, spool_read_cap;
    size_t spooled;       /* lines written to the spool (checked when read back) */
    size_t spool_bytes;   /* bytes written to it */
    struct spool_mark { size_t line, offset; } *spool_marks; /* where each block of lines starts */
    size_t nmarks, marks_cap;
    int jobs;             /* threads the batch was scored with (the final pass may use as many) */
    char leaf_sep, leaf_point; /* how each criterion's points were spooled (need_leaves) */
    int spool_errno;      /* != 0: writing the spool failed; the batch stopped */
    unit_ranks_t franks;  /* every unit's field ranks (batch_rank) */
    bool franks_own;      /* their table is a block of its own, not room in a store's arena */
    unit_store_t *stores; /* the summaries' texts and arrays: one store per worker */
    int nstores;
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
/* The same, appended to `out` (no copy but the one expanding it). */
bool batch_spool_append(batch_t *b, strbuf_t *out);
/* The next spooled result line, raw (its codes not expanded), where it
 * lies (valid until the next call); n counts its '\n'. False with a
 * message, as above. */
bool batch_spool_raw(batch_t *b, const char **line, size_t *n);
/* Appends one raw result line (n bytes, without its '\n') expanded to
 * `out`; false when it is damaged. Safe from any thread. */
bool batch_spool_expand(const batch_t *b, const char *line, size_t n, strbuf_t *out);
/* The spooled results in blocks of at most BATCH_BLOCK_LINES lines
 * (fewer when they pass BATCH_BLOCK_BYTES), which threads may read at
 * once: how many there are (0 when the spool cannot be read so), and
 * block k's raw lines into `raw` (its content replaced), *first set to
 * the number of its first line and *lines to how many it holds; false
 * with *why saying what went wrong. */
enum { BATCH_BLOCK_LINES = 256, BATCH_BLOCK_BYTES = 128 << 10 };
size_t batch_spool_blocks(const batch_t *b);
bool batch_spool_block(const batch_t *b, size_t k, strbuf_t *raw, size_t *first, size_t *lines, const char **why);
/* With need_leaves: the next unit scored's criteria's points, in preorder,
 * as text, leaf_sep between them and leaf_point as the decimal mark
 * ("1 0.5 2\n"), where the line lies (valid until the next call), n
 * counting its '\n'; false, with a message, as above. */
bool batch_spool_leaves_raw(batch_t *b, const char **line, size_t *n);
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

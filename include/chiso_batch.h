/* chiso_batch.h — scoring a whole batch of submissions with libchiso, as
 * `chiso score` does: submissions read from files, directories (every
 * *.json below, sorted) or NDJSON on standard input; scored by worker
 * threads; ranked per unit level and period, overall and per field;
 * statistics per criterion and the trend across periods; rendered as JSON,
 * NDJSON, text, CSV or HTML.
 *
 * Messages about the batch as a whole (a full disk, unreadable standard
 * input, a damaged temporary file) go to stderr prefixed "chiso:"; a unit
 * that cannot be scored is an error result in the output instead. */
#ifndef CHISO_BATCH_H_PUBLIC
#define CHISO_BATCH_H_PUBLIC

#include "chiso.h"

#ifdef __cplusplus
extern "C" {
#endif
#if defined(__GNUC__)
/* Only what these headers declare is exported from libchiso.so. */
#pragma GCC visibility push(default)
#endif

/* The largest submission read, from a file or as a line of standard input. */
#define CHISO_MAX_SUBMISSION_BYTES (256u * 1024u * 1024u)

/* One input submission: its origin and its bytes. */
typedef struct chiso_input {
    char *origin;   /* file path, or "<stdin>:LINE" */
    char *text;     /* NULL when it could not be read */
    size_t len;
    char *error;    /* why it could not be read */
    size_t textcap; /* > 0: text is a buffer of this size, reused for the next line */
} chiso_input;

typedef struct chiso_input_list {
    chiso_input *items;
    size_t count, cap;
} chiso_input_list;

/* Submissions one at a time: files and directories are expanded to a list
 * of paths when opened, each file is read when its turn comes, and "-" is
 * NDJSON on standard input read line by line. In a directory only regular
 * *.json files are read, each real file once; what cannot be read becomes
 * an input with `error` set. */
typedef struct chiso_inputs chiso_inputs;
/* NULL (with a message on stderr) for a usage problem such as an empty
 * directory or "-" given twice. */
chiso_inputs *chiso_inputs_open(char **args, int nargs);
/* NDJSON submissions read from `in` (not closed) as "-" reads standard
 * input: one a line, origins "<stdin>:LINE". */
chiso_inputs *chiso_inputs_from_stream(FILE *in);
/* Why standard input could not be read to its end; NULL if fine. */
const char *chiso_inputs_error(const chiso_inputs *in);
void chiso_inputs_close(chiso_inputs *in);
/* The same expansion, every submission read into `out` (append); false
 * with a message on stderr for a usage or read problem. For commands that
 * take a handful of submissions. Free with chiso_input_list_free. */
bool chiso_inputs_collect(char **args, int nargs, chiso_input_list *out);
void chiso_input_list_free(chiso_input_list *list);

/* Output formats, by name: "json", "ndjson", "text", "csv", "html", "xlsx". */
bool chiso_output_format_known(const char *name);
enum {
    CHISO_RENDER_PRETTY = 1,         /* json: indented */
    CHISO_RENDER_DECIMAL_COMMA = 2,  /* text 9,25; csv with ';' and ',' */
    CHISO_RENDER_NO_SCORECARDS = 4,  /* text: ranking, errors, trend and statistics only */
    CHISO_RENDER_DECIMAL_POINT = 8,  /* csv with ',' and '.' (the default is ';' and ',') */
};

typedef struct chiso_batch_options {
    size_t index;        /* which index of the program */
    unsigned flags;      /* CHISO_SCORE_* */
    int jobs;            /* worker threads (>= 1); the output is the same for any */
    bool fail_fast;      /* stop at the first unit that cannot be scored */
    bool progress;       /* a progress line on stderr */
    const char *format;  /* the output format the batch will be rendered in */
    unsigned render;     /* CHISO_RENDER_* */
    int round;           /* csv, xlsx: decimals of the published figures (0 to 6); -1: csv
                          * exact, xlsx 2 */
    const struct doc_frame *frame; /* html: an administrative document's frame
                                    * (engine/report/doc_frame.h), or NULL */
} chiso_batch_options;

typedef struct chiso_batch chiso_batch;

/* Scores every submission of `inputs` (read to their end). Results wait in
 * an unlinked temporary file in $TMPDIR (default /tmp) until rendered.
 * Never NULL; chiso_batch_complete() is false when that file could not be
 * written (a full disk): nothing of the batch may then be presented as
 * complete, nor when chiso_inputs_error() says standard input could not be
 * read to its end. The program
 * must outlive the batch. */
chiso_batch *chiso_batch_run(const chiso_program *prog, const chiso_batch_options *opts,
                             chiso_inputs *inputs);
bool chiso_batch_complete(const chiso_batch *b);
/* Ranks the batch (see chiso_rank_ex for `decimals`) and marks units whose
 * (id, period) repeats. Call once, before rendering. */
void chiso_batch_rank(chiso_batch *b, int decimals);
/* One line on `err` for every unit whose ID and period appeared earlier in
 * the batch (control characters from submissions shown escaped). */
void chiso_batch_warn_duplicates(const chiso_batch *b, FILE *err);
/* Writes the ranked batch in its format to `out`; false on a write error
 * or a damaged temporary file (the output is then incomplete). Once. */
bool chiso_batch_render(chiso_batch *b, FILE *out);
size_t chiso_batch_count(const chiso_batch *b);
/* Units that could not be scored; true when --fail-fast stopped the batch. */
size_t chiso_batch_failed(const chiso_batch *b);
bool chiso_batch_stopped(const chiso_batch *b);
/* Counts, mean, median, min and max percent and the grades per level and
 * period. */
void chiso_batch_print_summary(const chiso_batch *b, FILE *out);
/* The published tables of a ranked batch (bảng công bố), as `chiso score
 * -f published` writes them: an array with an object per unit level and
 * period that has an earlier period in the batch — "level", "period",
 * "previous", "version" and "previous_version" ({applies_to, source}, or
 * null for an unversioned index), "units" (by rank: id, name, rank, new,
 * percent, change, places_gained, and per top-level field id, points,
 * change, places_gained, new), "rose", "fell", "same", "largest_rise" and
 * "largest_fall" ({id, name, change} or null), "mean", "previous_mean",
 * "mean_change", "above_mean", "grades" ([{grade, units}]), "no_grade",
 * "new_nodes", "gone_nodes" ([{id, name}]) and "renamed" ([{from, to}]).
 * A change that cannot be told (no earlier result, an unranked unit, a
 * field new in this version) is null. Empty when no level has two
 * periods. The caller owns the reference. Call after chiso_batch_rank. */
json_t *chiso_batch_published_json(const chiso_batch *b);
void chiso_batch_free(chiso_batch *b);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif

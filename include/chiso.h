/* chiso.h — public interface of libchiso, the scoring engine behind the
 * `chiso` command.
 *
 * A program is loaded from a rules file (lexed, parsed, checked and compiled
 * in one call); it is then immutable and may score submissions from several
 * threads at once. A submission is one unit's JSON (contract §5); its result
 * is one JSON object (contract §6).
 *
 * Ownership: every function that returns an object returns one the caller
 * frees with the matching _free (chiso_program_free, chiso_result_free);
 * a json_t * returned is a new reference the caller decrefs; a char *
 * returned is malloc'd and the caller frees it; a const char * returned
 * (names, chiso_version) belongs to the object it came from and lives as
 * long as it. Arguments are borrowed for the call: the library keeps no
 * pointer to them (a result copies what it needs of its submission).
 *
 * Threads: loading is independent per call (no shared state); a loaded
 * program is read-only, so chiso_score*, chiso_verify_actuals*, and every
 * getter may be called from several threads at once on one program. A
 * result belongs to one thread at a time; chiso_rank* change the results
 * they are given. Call json_object_seed(0) once before starting threads,
 * as jansson asks. Printing calls write only to the FILE given.
 * chiso_set_out_of_memory_handler is set once, before anything else.
 *
 * Text in, text out (no jansson needed): chiso_text.h. Whole batches as
 * the command scores them: chiso_batch.h. */
#ifndef CHISO_H
#define CHISO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif
#if defined(__GNUC__)
/* Only what these headers declare is exported from libchiso.so. */
#pragma GCC visibility push(default)
#endif

/* The version of this header; chiso_version() is the library's. The ABI
 * version is the SONAME's number (libchiso.so.CHISO_ABI_VERSION): it
 * changes only when a program built against an earlier header could no
 * longer run against the library. */
#define CHISO_VERSION_MAJOR 0
#define CHISO_VERSION_MINOR 1
#define CHISO_VERSION_PATCH 0
#define CHISO_VERSION_STRING "0.1.0"
#define CHISO_ABI_VERSION 1
#define CHISO_VERSION_NUMBER (CHISO_VERSION_MAJOR * 10000 + CHISO_VERSION_MINOR * 100 + CHISO_VERSION_PATCH)

/* Exit codes of the chiso command, also useful to embedders. */
enum {
    CHISO_EXIT_OK = 0,          /* everything checked / scored */
    CHISO_EXIT_RULE_ERRORS = 1, /* the rules have errors (or a check/verify failed) */
    CHISO_EXIT_USAGE = 2,       /* bad command line, unreadable file, unwritable output */
    CHISO_EXIT_UNIT_ERRORS = 3, /* some units could not be scored */
};

const char *chiso_version(void);

/* Out of memory: libchiso allocates through checked functions that never
 * return NULL to its code. When memory runs out it prints "chiso: out of
 * memory" on stderr and calls `handler`, which must not return (the chiso
 * command exits with status 2); without one, or should it return, the
 * library calls abort(). It never calls exit() itself. Set it once, before
 * any other call; not thread-safe against calls in progress. */
void chiso_set_out_of_memory_handler(void (*handler)(void));

/* The language of every text the library writes: diagnostics, hints,
 * reasons, findings and report labels. "vi" (the default, as the chiso
 * command's reports) or "en"; locale names such as "vi_VN.UTF-8" are
 * accepted too. The Vietnamese catalogue is found through the environment
 * variable CHISO_LOCALEDIR, else beside libchiso (locale/ or
 * ../share/locale), else where it was installed; without it texts stay
 * English. Names and strings from the rules are never translated, nor are
 * `code` fields. Process-wide: call before other threads use chiso.
 * Returns 0, or -1 for a language chiso has no texts in (nothing changes). */
int chiso_set_language(const char *lang);
/* "vi" or "en": the language in use. */
const char *chiso_language(void);

/* Where the rules file called `path` is, when `path` is relative and does
 * not exist from the current directory: in each directory of
 * $CHISO_RULES_PATH (':' between them), then in the bundled rules
 * installed with chiso (share/chiso/rules beside the program or the
 * library), then in the directory chiso was installed for. A malloc'd
 * path (free it), or NULL when `path` is to be used as given. */
char *chiso_find_rules(const char *path);

typedef struct chiso_program chiso_program;
typedef struct chiso_result chiso_result;

/* Loads a rules file and everything it includes. Never returns NULL: check
 * chiso_program_errors() before scoring. */
chiso_program *chiso_program_load(const char *path);
/* Same from memory; `name` is used in messages and includes resolve against
 * its directory (relative to the current one), where they must stay: below
 * the current directory, or below the directory of an absolute `name`. */
chiso_program *chiso_program_load_string(const char *name, const char *text, size_t len);
void chiso_program_free(chiso_program *prog);

size_t chiso_program_errors(const chiso_program *prog);
/* True when the top rules file itself could not be read (an I/O problem
 * rather than an error in the rules). */
bool chiso_program_unreadable(const chiso_program *prog);
size_t chiso_program_warnings(const chiso_program *prog);
/* Prints `file:line:col: error: ...` with source line and caret. */
void chiso_program_print_diagnostics(const chiso_program *prog, FILE *out, bool color);
/* Diagnostics as a JSON array of {file, line, column, severity, code,
 * message, hint}. */
json_t *chiso_program_diagnostics_json(const chiso_program *prog);

/* Where results come from, written into every result as "provenance":
 * {"rules": path, "rules_sha256", "includes": [{"file", "sha256"}],
 * "engine": "chiso X.Y.Z", "scored_at": "YYYY-MM-DDTHH:MM:SSZ"}. The digests
 * are of the files' bytes as read. The time is taken when the rules are
 * loaded: $SOURCE_DATE_EPOCH when set (reproducible outputs), else now;
 * a long-lived program sets it for each run. */
void chiso_program_set_scored_at(chiso_program *prog, long long unix_seconds);
long long chiso_program_scored_at(const chiso_program *prog);
const char *chiso_program_provenance_json(const chiso_program *prog);
/* The scoring time chiso uses: $SOURCE_DATE_EPOCH (seconds since 1970
 * UTC, digits only) when set and valid, else the current time. */
long long chiso_scoring_time(void);

size_t chiso_program_index_count(const chiso_program *prog);
const char *chiso_program_index_name(const chiso_program *prog, size_t i);
/* Position of the index called `name`, or -1. */
long chiso_program_find_index(const chiso_program *prog, const char *name);

/* Scores one submission against index `index`. `origin` (a file name, or
 * NULL) is recorded in the result. A malformed or incomplete submission
 * gives a result with status "error" naming every problem; this never fails
 * otherwise. The submission is borrowed. */
chiso_result *chiso_score(const chiso_program *prog, size_t index, json_t *submission,
                          const char *origin);
/* Options of chiso_score_ex. */
enum {
    CHISO_SCORE_TRACE = 1, /* record what `explain` shows: values read, bands tried */
};
chiso_result *chiso_score_ex(const chiso_program *prog, size_t index, json_t *submission,
                             const char *origin, unsigned flags);
chiso_result *chiso_score_text_ex(const chiso_program *prog, size_t index, const char *text,
                                  size_t len, const char *origin, unsigned flags);
/* Parses JSON text first; a parse error gives an error result with the line
 * and column of the problem. */
chiso_result *chiso_score_text(const chiso_program *prog, size_t index, const char *text,
                               size_t len, const char *origin);
/* A result in error for an input that could not even be read. */
chiso_result *chiso_result_error(const chiso_program *prog, size_t index, const char *origin,
                                 const char *message);
void chiso_result_free(chiso_result *res);

bool chiso_result_ok(const chiso_result *res);
/* Sets `rank` on every ok result: standard competition ranking (1, 2, 2, 4)
 * by exact percent, highest first, separately for each unit level and
 * period, as `chiso score` ranks a batch; results in error, and units marked
 * "ranked": false, get no rank. */
void chiso_rank(chiso_result **results, size_t n);
/* As chiso_rank, on percents rounded half up to `decimals` (0 to 6), as a
 * published table shows them: 91.804 and 91.796 tie at 2 decimals. With
 * decimals < 0, exact percents (chiso_rank). */
void chiso_rank_ex(chiso_result **results, size_t n, int decimals);

/* The result as JSON (contract §6); a new reference. */
json_t *chiso_result_to_json(const chiso_result *res);
/* The same as compact JSON text (malloc'd); the fast path for batches. */
char *chiso_result_json_text(const chiso_result *res);
/* A human scorecard: the node tree with points / max, 2 decimals. */
void chiso_result_print_text(const chiso_result *res, FILE *out);
/* The same scorecard from a result's JSON (as chiso_result_to_json makes it). */
void chiso_print_scorecard(json_t *result, FILE *out);
enum {
    CHISO_TEXT_DECIMAL_COMMA = 1, /* 9,25 rather than 9.25, as written in Vietnamese */
};
void chiso_print_scorecard_ex(json_t *result, FILE *out, unsigned flags);
/* The explanation of a traced result: for every leaf (or the subtree of
 * `node`, when not NULL), the values read, the computed value, each band
 * tried, the points, clamps, deductions, policies; then how the totals add
 * up. Returns false when `node` is not a node of the index. An errored
 * result is explained by its errors. */
bool chiso_result_print_explain(const chiso_result *res, const char *node, FILE *out);
/* The closest node ID to `id` in the result's index (for "did you mean"). */
const char *chiso_result_closest_node(const chiso_result *res, const char *id);

/* Every metric path the rules read: [{"path", "type", "used_by": [node or
 * target IDs]}], in order of first use. */
json_t *chiso_program_metrics(const chiso_program *prog);
/* An empty submission for units to fill in: unit, period, and every metric
 * path with a null value. */
json_t *chiso_program_template(const chiso_program *prog);

/* ---- plans and targets (contract §7) ---- */

size_t chiso_program_plan_count(const chiso_program *prog);
const char *chiso_program_plan_name(const chiso_program *prog, size_t i);
long chiso_program_find_plan(const chiso_program *prog, const char *name);
/* The `parent` file a plan declares, resolved against the plan's own file
 * (malloc'd), or NULL when it declares none. *line and *col (if not NULL)
 * receive the position of the declaration. */
char *chiso_program_plan_parent(const chiso_program *prog, size_t plan, const char **file,
                                int *line, int *col);

/* Checks every target of plan `plan` against one unit's actuals (a
 * submission). The report (a new reference) holds the unit, "status" (ok,
 * failed, error), and per target its status (met, missed, not_applicable,
 * missing, error), actual value, threshold and shortfall. */
json_t *chiso_verify_actuals(const chiso_program *prog, size_t plan, json_t *submission,
                             const char *origin);
json_t *chiso_verify_actuals_text(const chiso_program *prog, size_t plan, const char *text,
                                  size_t len, const char *origin);
/* Checks that plan `plan` of `child` is at least as strict as plan `pplan`
 * of `parent`: every parent target present (same ID, else same left-hand
 * side) and no weaker, every parent field covered; extra targets listed. */
json_t *chiso_verify_against(const chiso_program *child, size_t plan,
                             const chiso_program *parent, size_t pplan);

/* ---- authoring tools: fmt, init (docs/editors.md) ---- */

/* Keywords in the formatted text: as written, Vietnamese with diacritics,
 * or English. */
enum { CHISO_FMT_KEEP = 0, CHISO_FMT_VIETNAMESE = 1, CHISO_FMT_ENGLISH = 2 };
/* Lays out rules text canonically (`chiso fmt`): comments kept, meaning
 * unchanged. Returns the new text (malloc'd, *out_len its length), or NULL
 * when the text has lexical or syntax errors; these are then printed to
 * `errors` (when not NULL) as `chiso check` prints them. `name` is used in
 * messages. */
char *chiso_format(const char *name, const char *text, size_t len, int keywords, size_t *out_len,
                   FILE *errors, bool color);

/* Serves the Language Server Protocol (JSON-RPC with Content-Length
 * framing) on `in` and `out` until `exit` (docs/editors.md). Returns 0
 * after shutdown then exit, 1 when the input ends otherwise. */
int chiso_lsp_serve(FILE *in, FILE *out);

/* Every token of rules text with its position (1-based line, code-point
 * columns) and class: keyword, string, number, percent, date, comment,
 * path, name, node-id, operator, punctuation. For editor grammars' tests. */
json_t *chiso_token_classes(const char *name, const char *text, size_t len);
/* The keyword table: {"keywords": [{en, vi, ascii}], "policy_words": [...]}. */
json_t *chiso_keyword_table(void);

/* The commented skeleton of a new index that `chiso init` writes
 * (Vietnamese keywords; static text, *len its length). */
const char *chiso_skeleton(size_t *len);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif

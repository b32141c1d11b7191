/* chiso_text.h — libchiso with JSON text in and JSON text out: the calls a
 * language binding (ctypes, cffi, FFI of any kind) or a service needs,
 * with no jansson and no C structures to mirror. Everything returned is
 * UTF-8 text the caller frees with chiso_free(); everything passed in is
 * borrowed for the call only.
 *
 * Threads: a loaded program never changes, so any number of threads may
 * call the scoring calls below with one program at once. Loading and
 * freeing a program are not to overlap with calls on that same program.
 * jansson, used inside, asks threaded programs to call json_object_seed(0)
 * once before starting threads; chiso_text_init() does it.
 *
 * ABI: the calls of this header keep their meaning for a given
 * chiso_abi_version() (the SONAME's number, libchiso.so.1); new calls and
 * new JSON members may be added, none removed or changed. */
#ifndef CHISO_TEXT_H
#define CHISO_TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

typedef struct chiso_program chiso_program;

/* The library's version ("0.1.0") and ABI version (1). Thread-safe. */
const char *chiso_version(void);
int chiso_abi_version(void);
/* Once, before other threads call the library (seeds jansson's hashing). */
void chiso_text_init(void);
/* Frees what a call of this header returned. NULL is fine. */
void chiso_free(void *p);

/* Loads a rules file (chiso.h) or rules text; never NULL. The program is
 * the caller's, freed with chiso_program_free. */
chiso_program *chiso_program_load(const char *path);
chiso_program *chiso_program_load_string(const char *name, const char *text, size_t len);
void chiso_program_free(chiso_program *prog);

/* What a loaded program is, as JSON:
 *   {"errors": N, "warnings": N, "unreadable": bool,
 *    "diagnostics": [{file, line, column, severity, code, message, hint}],
 *    "indexes": [{"name", "total", "fields": [{"id", "name", "max"}]}],
 *    "plans": [names],
 *    "rules": [{"file", "sha256"}],   every file read, the top one first
 *    "rules_sha256": hex}             the digest of those digests: one
 *                                     name for the whole rule set
 * A file's SHA-256 is of its bytes as they are on disk (as sha256sum
 * gives it); of the text given, for chiso_program_load_string. */
char *chiso_program_info_json(const chiso_program *prog);
/* Diagnostics as `chiso check` prints them (file:line:col: error: …,
 * source line, caret), without colors. */
char *chiso_program_diagnostics_text(const chiso_program *prog);

/* Checks rules text without keeping the program: the info JSON above.
 * `name` is used in messages; includes resolve as for
 * chiso_program_load_string. */
char *chiso_check_json(const char *name, const char *text, size_t len);

/* Scores one submission (JSON text) with index `index`: the result JSON
 * (contract §6), as `chiso score -f ndjson` writes it for one unit but
 * without ranks. A malformed submission gives a result with status
 * "error" naming every problem. `origin` (or NULL) is recorded as "file".
 * flags: CHISO_SCORE_TRACE (1) adds the explain objects. */
char *chiso_score_json(const chiso_program *prog, size_t index, const char *submission, size_t len,
                       const char *origin, unsigned flags);

/* Scores NDJSON (one submission a line) as `chiso score -f ndjson -`
 * does: the same NDJSON out, byte for byte, ranked per unit level and
 * period, overall and per field (origins "<stdin>:LINE").
 * rank_decimals: as --rank-decimals (-1: exact percents). NULL only when
 * the batch could not be completed (its temporary file could not be
 * written); *failed (when not NULL) receives the units in error. */
char *chiso_score_ndjson(const chiso_program *prog, size_t index, const char *ndjson, size_t len,
                         int rank_decimals, unsigned flags, size_t *failed);

/* The same batch rendered in a format of `chiso score -f`: "json",
 * "ndjson", "text", "csv" or "html"; render: CHISO_RENDER_* of
 * chiso_batch.h. NULL for an unknown format or an incomplete batch. */
char *chiso_score_batch_format(const chiso_program *prog, size_t index, const char *ndjson, size_t len,
                               int rank_decimals, unsigned flags, const char *format, unsigned render,
                               size_t *failed);

/* Why a unit got its score, as `chiso explain` prints it (for the subtree
 * of `node`, or everything when NULL). NULL when `node` is not a node of
 * the index. */
char *chiso_explain_text(const chiso_program *prog, size_t index, const char *submission, size_t len,
                         const char *origin, const char *node);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif

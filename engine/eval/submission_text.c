/* submission_text.c — a submission read from its text, as the command,
 * the batch and the bindings receive it: a UTF-8 byte order mark skipped;
 * one pass (submission_scan) saying whether keys need NFC and whether a
 * number may be too long for a double; simdjson first and jansson for what
 * it gives up on (the one that says why a text is not JSON); numbers kept
 * exactly as written when a double could lose digits; then scored. */
#include "result.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/json_arena.h"
#include "engine/support/json_fast.h"
#include "engine/support/json_paths.h"
#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

chiso_result *chiso_score_text(const chiso_program *prog, size_t index, const char *text,
                               size_t len, const char *origin)
{
    return chiso_score_text_ex(prog, index, text, len, origin, 0);
}

json_t *submission_load_exact(const char *text, size_t len)
{
    size_t exact_len = 0;
    char *exact = submission_exact_numbers(text, len, &exact_len);
    if (!exact) return NULL;
    json_t *sub = json_fast_load(exact, exact_len, true);
    if (!sub) sub = json_loadb(exact, exact_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    free(exact);
    return sub;
}

/* Does this value hold a number kept as written (a marked string)? */
static bool holds_marked_number(const json_t *j)
{
    const char *key, *digits;
    size_t n;
    json_t *v;
    if (json_exact_number(j, &digits, &n)) return true;
    if (json_is_object(j))
        json_object_foreach((json_t *)j, key, v)
            if (holds_marked_number(v)) return true;
    for (size_t i = 0; json_is_array(j) && i < json_array_size(j); i++)
        if (holds_marked_number(json_array_get(j, i))) return true;
    return false;
}

/* Scores a text read along the metric paths (json_paths.h), its envelope
 * without a tree when it is of the usual shape, or NULL when it must be
 * read whole. A text with a number of 16 digits or more is
 * read with its long numbers kept as written; otherwise a number that may
 * have lost digits as a double (binding sets `reread`) makes it read
 * again exactly, as below. */
static chiso_result *score_along_paths(const chiso_program *prog, size_t index, const char *text, size_t len,
                                       const char *origin, unsigned flags, const json_paths *paths,
                                       bool long_numbers)
{
    size_t n = json_paths_count(paths), exact_len = 0;
    char *exact = long_numbers ? submission_exact_numbers(text, len, &exact_len) : NULL;
    json_t *small[64];
    long long small_ints[64];
    json_t **values = n <= 64 ? small : xmalloc(n * sizeof *values);
    long long *ints = n <= 64 ? small_ints : xmalloc(n * sizeof *ints);
    chiso_result *r = NULL;
    /* Nearly always an envelope of the usual shape, read without its tree;
     * its texts need no NFC (the caller's scan said so of the whole text). */
    json_envelope env = {.metrics = NULL, .claims = NULL};
    json_t *sub = exact ? json_paths_load_envelope(exact, exact_len, paths, values, ints, true, &env)
                        : json_paths_load_envelope(text, len, paths, values, ints, false, &env);
    if (env.metrics) {
        r = score_submission_envelope(prog, index, &env, origin, flags, values, ints);
        for (size_t k = 1; k < n; k++)
            if (values[k] && values[k] != values[0]) json_arena_release(values[k]);
        json_arena_release(env.metrics);
        if (env.claims) json_arena_release(env.claims);
    }
    if (sub && exact && holds_marked_number(json_object_get(sub, "unit"))) {
        /* a long number in the unit object: read whole, as results write
         * such a unit back as the submission wrote it */
        for (size_t k = 1; k < n; k++)
            if (values[k] && values[k] != values[0]) json_arena_release(values[k]);
        json_arena_release(sub);
        sub = NULL;
    }
    if (sub) {
        r = score_submission_paths(prog, index, sub, origin, flags, values, ints);
        for (size_t k = 1; k < n; k++)
            if (values[k] && values[k] != values[0]) json_arena_release(values[k]);
        json_arena_release(sub);
    }
    if (values != small) free(values);
    if (ints != small_ints) free(ints);
    if (r && (r->reread || long_numbers) && !exact) {
        json_t *reread = submission_load_exact(text, len);
        if (reread) {
            chiso_result_free(r);
            r = score_submission(prog, index, reread, origin, flags, true);
            json_arena_release(reread);
        }
    }
    free(exact);
    return r;
}

chiso_result *chiso_score_text_ex(const chiso_program *prog, size_t index, const char *text,
                                  size_t len, const char *origin, unsigned flags)
{
    /* A UTF-8 byte order mark, as Notepad and Excel save, is not part of
     * the JSON: skipped, as it is before a rules file. */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        text += 3;
        len -= 3;
    }
    json_error_t err;
    text_scan_t scan = submission_scan(text, len);
    /* Nearly always: keys in NFC and simdjson takes the text; only the
     * values the rules read become jansson values. */
    const json_paths *paths = prog->prog.code ? prog->prog.code->paths : NULL;
    if (paths && scan.keys_nfc) {
        chiso_result *r = score_along_paths(prog, index, text, len, origin, flags, paths, scan.long_numbers);
        if (r) return r;
    }
    json_t *sub = NULL;
    bool exact = false;
    /* A number of 16 digits or more may lose digits as a double: such a
     * text is read exactly at once, rather than scored twice (below). */
    if (scan.long_numbers) {
        sub = submission_load_exact(text, len);
        exact = sub != NULL;
    }
    /* simdjson first; jansson reads what it gives up on, and says why a
     * text is not JSON (see json_fast.h) */
    if (!sub) sub = json_fast_load(text, len, false);
    if (!sub) sub = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!sub && !scan.long_numbers) { /* perhaps only a number beyond what jansson holds (1e400, 2^64) */
        sub = submission_load_exact(text, len);
        exact = sub != NULL;
    }
    if (!sub) {
        chiso_result *r = result_new(prog, index, origin);
        if (len == 0) result_add_error(r, "the submission is empty");
        else result_add_error(r, "invalid JSON at line %d, column %d: %s", err.line, err.column,
                              err.text);
        return r;
    }
    chiso_result *r = score_submission(prog, index, sub, origin, flags, scan.keys_nfc);
    r->exact_numbers = exact;
    json_arena_release(sub); /* in a batch, the arena takes it back whole */
    /* A number may have lost digits as a double: near or past a double's
     * range (binding says so), or of more than 15 digits (the text does). */
    if ((r->reread || scan.long_numbers) && !exact) {
        sub = submission_load_exact(text, len);
        if (sub) {
            chiso_result_free(r);
            r = score_submission(prog, index, sub, origin, flags, scan.keys_nfc);
            r->exact_numbers = true;
            json_arena_release(sub);
        }
    }
    return r;
}

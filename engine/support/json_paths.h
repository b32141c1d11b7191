/* json_paths.h — reading a submission with simdjson into only the jansson
 * values binding reads, found by the metric paths of the rules.
 *
 * json_fast_load makes a jansson value of every member of a submission;
 * most are metrics, and making them (a hashed insert and an allocation
 * each) cost twice simdjson's parse. Here the paths the rules read are a
 * tree of keys, made once per program; the text's `metrics` object is
 * walked along that tree, and only what a path ends at (or stops at: a
 * null, a string where an object was expected) becomes a jansson value.
 * The rest of the submission (unit, period, self_assessment…) is the tree
 * json_fast_load makes, with an empty object standing for `metrics`; or,
 * when it is of the usual shape (json_paths_load_envelope), no tree at
 * all: the unit's texts and the period as the text holds them.
 *
 * Every text is checked as json_fast_load checks it, in the parts not made
 * into values too: whatever jansson must decide (a key given twice in any
 * object, a NUL, a number at the edges…) gives NULL, and the caller reads
 * the text the slow way, which gives the message and position users see. */
#ifndef CHISO_JSON_PATHS_H
#define CHISO_JSON_PATHS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The tree of keys: node 0 stands for the metrics object; each other node
 * is one key under its parent node. */
typedef struct json_paths json_paths;

json_paths *json_paths_new(void);
void json_paths_free(json_paths *p);
/* The node for `key` under node `parent`, made if new. */
int json_paths_add(json_paths *p, int parent, const char *key);
/* A path ends at `node`: its value is always made whole. */
void json_paths_end(json_paths *p, int node);
/* How many nodes (the length of the values array below). */
size_t json_paths_count(const json_paths *p);

/* Reads `text` (see above). values[k], for every node k: the value of the
 * submission at that node's path, a new reference, or NULL where it is
 * absent or its parent's value was made whole (look it up there) or is no
 * object. values[0], and any object the walk went through without making
 * it, is the stand-in for the metrics object the submission holds;
 * values[0] is NULL when the submission has no metrics object. Release
 * every value but the stand-in after use. NULL, with every value NULL:
 * read the text the slow way. allow_nul: as for json_fast_load (the text
 * with its long numbers marked, submission_numbers.c). */
json_t *json_paths_load(const char *text, size_t len, const json_paths *p, json_t **values, bool allow_nul);

/* A submission's top level and unit object of the usual shape, read
 * without making them jansson values. The usual shape: an object with
 * "unit" and "metrics", perhaps "period" and "self_assessment", each once,
 * and any other keys; "unit" an object of "id" (a string, not empty),
 * perhaps "name" and "level" (strings) and "ranked" (a boolean), each
 * once, and nothing else; "metrics" an object; "period" a string, an
 * integer or null. No string of them has a NUL or a placeholder's shape
 * ('<' first, '>' last: submission_placeholder decides on those). */
typedef struct {
    /* The unit's id, name and level (NULL when absent), as the text holds
     * them, in the parser's document: valid until the thread's next parse. */
    const char *unit_text[3];
    size_t unit_len[3];
    int ranked;                 /* the unit's "ranked": -1 when absent, else 0 or 1 */
    unsigned char order[4];     /* the unit's members in the text's order: 0 id, 1 name, 2 level, 3 ranked */
    unsigned nmembers;
    const char *period;         /* a string period (in the document, as above), or NULL */
    size_t period_len;
    bool period_is_integer;     /* an integer period: period_integer */
    long long period_integer;
    json_t *metrics;            /* the stand-in for the metrics object (values[0]): release it */
    json_t *claims;             /* "self_assessment" made whole, or NULL when absent: release it */
} json_envelope;

/* json_paths_load, with no tree made for a submission of the usual
 * shape: *env describes it, env->metrics is its stand-in and NULL is
 * returned. Otherwise env->metrics and env->claims are NULL and the result
 * is json_paths_load's. The unit's and the period's texts hold no NUL even
 * with allow_nul (a number kept as written there is not the usual shape).
 * Whether they need NFC is for the caller to know (submission_scan).
 * `ints` (as long as values): a whole number within 64 bits where a path
 * ends and no longer path goes on (most metrics are counts) is not made
 * into a value: values[k] is JSON_PATHS_INTEGER and ints[k] the number. */
json_t *json_paths_load_envelope(const char *text, size_t len, const json_paths *p, json_t **values,
                                 long long *ints, bool allow_nul, json_envelope *env);

/* The mark of such a number: no value (only its address is read; releasing
 * it does nothing). */
extern json_t json_paths_integer_mark;
#define JSON_PATHS_INTEGER (&json_paths_integer_mark)

#ifdef __cplusplus
}
#endif

#endif

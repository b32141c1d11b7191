/* submission_keys.c — every key of a submission in Unicode NFC before
 * anything is looked up in it, so that "hồ_sơ" typed with combining marks
 * (NFD, as some Vietnamese input methods and macOS write it) is the key
 * "hồ_sơ" of the rules. Two keys of one object that are the same name once
 * normalized are a duplicate key, an error naming both as written.
 *
 * Nearly every key is ASCII or precomposed already: the walk then only
 * scans each key once (nfc_if_needed's quick check) and copies nothing.
 * Only when some key changes is a copy made, and only of the objects and
 * arrays on the way to it; the caller's document is never modified. */
#include "result.h"
#include "engine/support/i18n.h"

#include "engine/support/nfc.h"
#include "engine/support/xalloc.h"

#include <string.h>

#define MAX_DEPTH 2048 /* jansson's own nesting limit when it parses text */

/* Where the walk is: the value under `key` (or at `index` of an array,
 * when key is NULL) of the value `up` is at; NULL at the top. */
typedef struct place {
    const struct place *up;
    const char *key;
    size_t index;
    int depth;
} place_t;

typedef struct {
    chiso_result *r;
} walk_t;

static void path_add(strbuf_t *sb, const place_t *at)
{
    if (!at) return;
    path_add(sb, at->up);
    if (at->key) {
        if (at->up) sb_addc(sb, '.');
        sb_adds(sb, at->key);
    } else {
        sb_printf(sb, "[%zu]", at->index);
    }
}

/* "metrics.hồ_sơ" or "metrics.list[2]": where in the submission. */
static char *path_text(const place_t *at)
{
    strbuf_t sb;
    sb_init(&sb);
    path_add(&sb, at);
    return sb_take(&sb);
}

static json_t *walk(walk_t *w, json_t *j, const place_t *at);

/* The key of `obj` written before `until` whose NFC form is `nfc`. */
static const char *earlier_spelling(json_t *obj, const char *nfc, const char *until)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        if (key == until) break;
        char *k = nfc_if_needed(key);
        bool same = strcmp(k ? k : key, nfc) == 0;
        free(k);
        if (same) return key;
    }
    return nfc;
}

static void report_duplicate(walk_t *w, const place_t *at, json_t *obj, const char *key, const char *nfc)
{
    const char *first = earlier_spelling(obj, nfc, key);
    char *where = path_text(at);
    result_add_error(w->r,
                     "duplicate key %s%s%s: \"%s\"%s and \"%s\"%s are the same name once "
                     "normalized (Unicode NFC)",
                     *where ? _("in \"") : _("at the top level"), where, *where ? "\"" : "", first,
                     strcmp(first, nfc) ? _(" (typed with combining marks)") : "", key,
                     strcmp(key, nfc) ? _(" (typed with combining marks)") : "");
    free(where);
}

/* NULL when no key of `obj` or below it changes; else a copy with them in NFC. */
static json_t *walk_object(walk_t *w, json_t *obj, const place_t *at)
{
    place_t here = {at, NULL, 0, at ? at->depth + 1 : 1};
    json_t *copy = NULL;
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        char *nfc = nfc_if_needed(key);
        const char *name = nfc ? nfc : key;
        here.key = name;
        json_t *child = walk(w, val, &here);
        if (!copy && (nfc || child)) {
            /* The first change: the keys before this one were unchanged. */
            copy = json_object();
            const char *k2;
            json_t *v2;
            json_object_foreach(obj, k2, v2) {
                if (k2 == key) break;
                json_object_set(copy, k2, v2);
            }
        }
        if (copy) {
            if (json_object_get(copy, name)) {
                report_duplicate(w, at, obj, key, name);
                json_decref(child);
            } else {
                json_object_set_new(copy, name, child ? child : json_incref(val));
            }
        }
        free(nfc);
    }
    return copy;
}

static json_t *walk_array(walk_t *w, json_t *arr, const place_t *at)
{
    place_t here = {at, NULL, 0, at ? at->depth + 1 : 1};
    json_t *copy = NULL;
    size_t n = json_array_size(arr);
    for (size_t i = 0; i < n; i++) {
        json_t *val = json_array_get(arr, i);
        here.index = i;
        json_t *child = walk(w, val, &here);
        if (!copy && child) {
            copy = json_array();
            for (size_t k = 0; k < i; k++) json_array_append(copy, json_array_get(arr, k));
        }
        if (copy) json_array_append_new(copy, child ? child : json_incref(val));
    }
    return copy;
}

static json_t *walk(walk_t *w, json_t *j, const place_t *at)
{
    if (at && at->depth >= MAX_DEPTH) return NULL;
    if (json_is_object(j)) return walk_object(w, j, at);
    if (json_is_array(j)) return walk_array(w, j, at);
    return NULL;
}

json_t *submission_keys_nfc(chiso_result *r, json_t *sub)
{
    walk_t w = {r};
    json_t *copy = walk(&w, sub, NULL);
    return copy ? copy : json_incref(sub);
}

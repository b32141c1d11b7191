/* strmap.c — FNV-1a hashing (mixed) with linear probing. */
#include "strmap.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    /* Mix the high bits down: the table indexes with the low bits, and keys
     * that differ only in their middle (lĩnh_vực_12.x, lĩnh_vực_13.x) would
     * otherwise cluster, and every probe is a strcmp. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

void strmap_init(strmap_t *m) { memset(m, 0, sizeof *m); }

void strmap_init_borrowed(strmap_t *m)
{
    memset(m, 0, sizeof *m);
    m->borrowed = 1;
}

void strmap_free(strmap_t *m)
{
    if (!m->borrowed)
        for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->values);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

/* The slot of `key` (hash h), or the empty slot where it would go. The
 * stored hashes spare a strcmp on nearly every probe that misses. */
static size_t find(const strmap_t *m, const char *key, uint64_t h)
{
    size_t i = h & (m->cap - 1);
    while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0)) i = (i + 1) & (m->cap - 1);
    return i;
}

void *strmap_get(const strmap_t *m, const char *key)
{
    if (!m->cap) return NULL;
    size_t i = find(m, key, hash(key));
    return m->keys[i] ? m->values[i] : NULL;
}

static void grow(strmap_t *m)
{
    strmap_t bigger;
    bigger.cap = m->cap ? m->cap * 2 : 16;
    bigger.count = 0;
    bigger.borrowed = m->borrowed;
    bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
    bigger.values = xmalloc(bigger.cap * sizeof *bigger.values);
    bigger.hashes = xmalloc(bigger.cap * sizeof *bigger.hashes);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = m->hashes[i] & (bigger.cap - 1);
        while (bigger.keys[j]) j = (j + 1) & (bigger.cap - 1);
        bigger.keys[j] = m->keys[i];
        bigger.values[j] = m->values[i];
        bigger.hashes[j] = m->hashes[i];
        bigger.count++;
    }
    free(m->keys);
    free(m->values);
    free(m->hashes);
    *m = bigger;
}

void strmap_put(strmap_t *m, const char *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap) grow(m); /* at most half full: short probes */
    uint64_t h = hash(key);
    size_t i = find(m, key, h);
    if (!m->keys[i]) {
        m->keys[i] = m->borrowed ? (char *)key : xstrdup(key);
        m->hashes[i] = h;
        m->count++;
    }
    m->values[i] = value;
}

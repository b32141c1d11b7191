/* strmap.c — word-at-a-time hashing (mixed) with linear probing. */
#include "strmap.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(const char *s) { return strmap_hash_bytes(s, strlen(s)); }

uint64_t strmap_hash_bytes(const char *s, size_t n)
{
    /* eight bytes at a time, each word multiplied in; then mixed, since the
     * table indexes with the low bits and keys that differ only in their
     * middle (lĩnh_vực_12.x, lĩnh_vực_13.x) must not cluster: every probe
     * of a cluster is a strcmp */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
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
        for (size_t i = 0; i < m->cap; i++) free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* The slot of `key` (hash h), or the empty slot where it would go. The
 * stored hashes spare a strcmp on nearly every probe that misses. */
static size_t find(const strmap_t *m, const char *key, uint64_t h)
{
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key && (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

void *strmap_get_hashed(const strmap_t *m, const char *key, uint64_t h)
{
    if (!m->cap) return NULL;
    size_t i = find(m, key, h);
    return m->slots[i].key ? m->slots[i].value : NULL;
}

void *strmap_get(const strmap_t *m, const char *key)
{
    return m->cap ? strmap_get_hashed(m, key, strmap_hash(key)) : NULL;
}

static void resize(strmap_t *m, size_t cap)
{
    strmap_entry_t *slots = xcalloc_large(cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key) continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (slots[j].key) j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

void strmap_reserve(strmap_t *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 16;
    while (n * 2 > cap) cap *= 2;
    if (cap > m->cap) resize(m, cap);
}

void strmap_put(strmap_t *m, const char *key, void *value)
{
    strmap_put_hashed(m, key, strmap_hash(key), value);
}

void strmap_put_hashed(strmap_t *m, const char *key, uint64_t h, void *value)
{
    if ((m->count + 1) * 2 > m->cap) resize(m, m->cap ? m->cap * 2 : 16); /* at most half full: short probes */
    size_t i = find(m, key, h);
    if (!m->slots[i].key) {
        m->slots[i].key = m->borrowed ? (char *)key : xstrdup(key);
        m->slots[i].hash = h;
        m->count++;
    }
    m->slots[i].value = value;
}

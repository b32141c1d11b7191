/* strmap.h — string-keyed hash map (open addressing) holding pointers.
 * Used for node IDs and metric paths, so that checking a rules file with
 * tens of thousands of nodes stays linear. Keys are copied. */
#ifndef CHISO_STRMAP_H
#define CHISO_STRMAP_H

#include <stddef.h>

#include <stdint.h>

/* One slot: the key's hash, the key (NULL when empty) and its value side
 * by side, so that a probe touches one cache line, not three arrays
 * (maps of a hundred thousand node IDs miss the cache on nearly every probe). */
typedef struct strmap_entry {
    uint64_t hash;
    char *key;
    void *value;
} strmap_entry_t;

typedef struct strmap {
    strmap_entry_t *slots;
    size_t cap, count;
    int borrowed;     /* keys are the caller's (they outlive the map), not copies */
} strmap_t;

void strmap_init(strmap_t *m);
/* A map that keeps the keys it is given instead of copying them: for keys
 * in an arena that outlives the map (node IDs, metric keys). */
void strmap_init_borrowed(strmap_t *m);
void strmap_free(strmap_t *m);
void *strmap_get(const strmap_t *m, const char *key);
/* Inserts or replaces. */
void strmap_put(strmap_t *m, const char *key, void *value);
/* Room for n keys without growing: a map whose size is known up front is
 * allocated once (each growth touches fresh pages: a page fault per 4 KiB). */
void strmap_reserve(strmap_t *m, size_t n);
/* The same with the key's hash computed once, for a lookup followed by an
 * insertion of the same key. */
uint64_t strmap_hash(const char *key);
/* The same hash of n bytes that need not end in a NUL. */
uint64_t strmap_hash_bytes(const char *s, size_t n);
void *strmap_get_hashed(const strmap_t *m, const char *key, uint64_t h);
void strmap_put_hashed(strmap_t *m, const char *key, uint64_t h, void *value);

#endif

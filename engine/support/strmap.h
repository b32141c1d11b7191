/* strmap.h — string-keyed hash map (open addressing) holding pointers.
 * Used for node IDs and metric paths, so that checking a rules file with
 * tens of thousands of nodes stays linear. Keys are copied. */
#ifndef CHISO_STRMAP_H
#define CHISO_STRMAP_H

#include <stddef.h>

#include <stdint.h>

typedef struct strmap {
    char **keys;
    void **values;
    uint64_t *hashes; /* of each key */
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

#endif

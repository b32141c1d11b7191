/* arena.h — bump allocation for everything a loaded program owns (AST,
 * strings, compiled code). The whole program is freed at once, so no pass
 * needs to free nodes one by one, and deep trees never recurse on free. */
#ifndef CHISO_ARENA_H
#define CHISO_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk_t;
typedef struct arena {
    arena_chunk_t *head;
    size_t chunk_bytes; /* 0: the default, 64 KiB, then 4 MiB once 4 MiB are used */
    size_t nchunks;
} arena_t;

void arena_init(arena_t *a);
/* An arena of big chunks (xmalloc_large), for what a whole batch keeps. */
void arena_init_large(arena_t *a);
void arena_free(arena_t *a);
void *arena_alloc(arena_t *a, size_t n); /* zeroed */
/* n bytes, zeroed and aligned as arena_alloc's, from the room left in the
 * chunk being filled, or NULL when it has not that much (no chunk is
 * added): for work space that had better not take fresh memory. A large
 * arena's chunk lies on huge pages resident 2 MiB at a time, so its room
 * is often memory already paid for. */
void *arena_alloc_spare(arena_t *a, size_t n);
/* Zeroed and aligned to 8 bytes only, not 16: for the many small structs
 * of a syntax tree (pointers, ints, 64-bit rationals), packed closer. */
void *arena_alloc8(arena_t *a, size_t n);
char *arena_strdup(arena_t *a, const char *s);
char *arena_strndup(arena_t *a, const char *s, size_t n);
/* Grows an arena array: returns a copy of `old` with room for `newcap`. */
void *arena_grow(arena_t *a, void *old, size_t oldcount, size_t newcap, size_t elsize);

#define ARENA_PUSH(ar, arr, count, cap)                                          \
    do {                                                                         \
        if ((count) == (cap)) {                                                  \
            size_t ncap_ = (cap) ? (cap) * 2 : 4;                                \
            (arr) = arena_grow((ar), (arr), (count), ncap_, sizeof *(arr));      \
            (cap) = ncap_;                                                       \
        }                                                                        \
    } while (0)

#endif

/* arena.c — chunked bump allocator. */
#include "arena.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Chunks come zeroed (calloc, or fresh pages from the kernel), and an
 * arena never reuses what it handed out: arena_alloc needs no memset. */
struct arena_chunk {
    arena_chunk_t *next;
    size_t used, size;
    size_t mapped; /* bytes mapped for a large chunk (xmap_large), 0 for calloc's */
    max_align_t data[];
};

#define CHUNK_BYTES (64 * 1024)
#define LARGE_CHUNK_BYTES (4 * 1024 * 1024)
/* A default arena that has taken this many small chunks (512 KiB) holds a
 * large tree: it goes on in large chunks on huge pages, where touching
 * fresh memory costs one page fault per 2 MiB instead of one per 4 KiB
 * (most of the time of checking a generated index of 100 000 criteria). */
#define SMALL_CHUNKS 8

void arena_init(arena_t *a)
{
    a->head = NULL;
    a->chunk_bytes = 0;
    a->nchunks = 0;
}

void arena_init_large(arena_t *a)
{
    a->head = NULL;
    a->chunk_bytes = LARGE_CHUNK_BYTES;
    a->nchunks = 0;
}

void arena_free(arena_t *a)
{
    arena_chunk_t *c = a->head;
    while (c) {
        arena_chunk_t *next = c->next;
        if (c->mapped) xunmap_large(c, c->mapped);
        else free(c);
        c = next;
    }
    a->head = NULL;
}

/* n bytes aligned to `align` (a power of two), not cleared. */
static void *take(arena_t *a, size_t n, size_t align)
{
    arena_chunk_t *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < n) {
        if (!a->chunk_bytes && a->nchunks >= SMALL_CHUNKS) a->chunk_bytes = LARGE_CHUNK_BYTES;
        a->nchunks++;
        size_t chunk = a->chunk_bytes ? a->chunk_bytes - sizeof *c : CHUNK_BYTES;
        size_t size = n > chunk ? n : chunk, mapped = 0;
        if (a->chunk_bytes && size == chunk) {
            mapped = a->chunk_bytes;
            c = xmap_large(mapped);
        } else {
            c = xcalloc(1, sizeof *c + size);
        }
        c->mapped = mapped;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
        at = 0;
    }
    void *p = (char *)c->data + at;
    c->used = at + n;
    return p;
}

void *arena_alloc(arena_t *a, size_t n)
{
    size_t align = _Alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    return take(a, n, align); /* zero already: see arena_chunk */
}

void *arena_alloc_spare(arena_t *a, size_t n)
{
    size_t align = _Alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    arena_chunk_t *c = a->head;
    if (!c) return NULL;
    size_t at = (c->used + align - 1) & ~(align - 1);
    if (at > c->size || c->size - at < n) return NULL; /* no new chunk: that would be fresh memory */
    c->used = at + n;
    return (char *)c->data + at;
}

void *arena_alloc8(arena_t *a, size_t n)
{
    n = (n + 7) / 8 * 8;
    if (n == 0) n = 8;
    return take(a, n, 8);
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    /* text needs no alignment: names and numbers are packed byte to byte */
    char *p = take(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena_t *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void *arena_grow(arena_t *a, void *old, size_t oldcount, size_t newcap, size_t elsize)
{
    void *p = arena_alloc(a, newcap * elsize);
    if (old && oldcount) memcpy(p, old, oldcount * elsize);
    return p;
}

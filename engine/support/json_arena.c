/* json_arena.c — a per-thread bump allocator for jansson (see json_arena.h).
 *
 * The arena is a list of chunks. Blocks larger than a quarter of a chunk
 * come from malloc (a 50 MB submission's strings must not pin 50 MB of
 * chunks); jansson frees those itself. free() of a pointer inside a chunk
 * does nothing: the whole arena is reset at the end of the submission.
 * The result of scoring the submission takes its blocks from it too. */
#include "json_arena.h"

#include "xalloc.h"

#include <jansson.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_BYTES = 256 * 1024, ALIGN = alignof(max_align_t) };

typedef struct chunk {
    struct chunk *next;
    char *start, *end;
} chunk_t;

struct json_arena {
    chunk_t *chunks;  /* the first is the one being filled */
    char *at;         /* next free byte of the first chunk */
    bool spilled;     /* a block of this session came from malloc */
};

static _Thread_local json_arena_t *active;

static chunk_t *chunk_new(chunk_t *next)
{
    chunk_t *c = xmalloc(sizeof *c);
    c->start = xmalloc(CHUNK_BYTES);
    c->end = c->start + CHUNK_BYTES;
    c->next = next;
    return c;
}

static bool owns(const json_arena_t *a, const void *p)
{
    for (const chunk_t *c = a->chunks; c; c = c->next)
        if ((const char *)p >= c->start && (const char *)p < c->end) return true;
    return false;
}

/* A block of the active arena `a`, or NULL when it is too large for it. */
static void *arena_bump(json_arena_t *a, size_t n)
{
    if (n > CHUNK_BYTES / 4) return NULL;
    if (n == 0) n = 1; /* a block of its own, inside the chunk */
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if ((size_t)(a->chunks->end - a->at) < n) {
        a->chunks = chunk_new(a->chunks);
        a->at = a->chunks->start;
    }
    void *p = a->at;
    a->at += n;
    return p;
}

static void *arena_malloc(size_t n)
{
    json_arena_t *a = active;
    if (!a) return xmalloc(n);
    void *p = arena_bump(a, n);
    if (!p) {
        a->spilled = true; /* jansson must free it: trees are released again */
        p = xmalloc(n);
    }
    return p;
}

static void arena_free(void *p)
{
    json_arena_t *a = active;
    if (!p || (a && owns(a, p))) return;
    free(p);
}

void *json_arena_calloc(size_t n, size_t size)
{
    json_arena_t *a = active;
    void *p = a && (!size || n <= SIZE_MAX / size) ? arena_bump(a, n * size) : NULL;
    if (!p) return xcalloc(n, size);
    memset(p, 0, n * size);
    return p;
}

void json_arena_free_block(void *p) { arena_free(p); }

void json_arena_install(void) { json_set_alloc_funcs(arena_malloc, arena_free); }

json_arena_t *json_arena_new(void)
{
    json_arena_t *a = xmalloc(sizeof *a);
    a->chunks = chunk_new(NULL);
    a->at = a->chunks->start;
    a->spilled = false;
    return a;
}

void json_arena_free(json_arena_t *a)
{
    if (!a) return;
    chunk_t *c = a->chunks;
    while (c) {
        chunk_t *next = c->next;
        free(c->start);
        free(c);
        c = next;
    }
    free(a);
}

void json_arena_begin(json_arena_t *a)
{
    active = a;
    a->spilled = false;
}

void json_arena_release(json_t *j)
{
    if (active && !active->spilled) return;
    json_decref(j);
}

void json_arena_end(json_arena_t *a)
{
    active = NULL;
    /* Keep one chunk (the largest need is usually met by one); a submission
     * that needed more gets them again next time. */
    chunk_t *c = a->chunks->next;
    a->chunks->next = NULL;
    while (c) {
        chunk_t *next = c->next;
        free(c->start);
        free(c);
        c = next;
    }
    a->at = a->chunks->start;
}

/* intern.c — open addressing over (hash, length, text), grown by doubling
 * when three quarters full (see intern.h). */
#include "intern.h"

#include "strmap.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void intern_init(intern_t *t, arena_t *arena)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
}

void intern_free(intern_t *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static void grow(intern_t *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    intern_entry_t *slots = xcalloc_large(cap * sizeof *slots);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].text) continue;
        size_t j = t->slots[i].hash & (cap - 1);
        while (slots[j].text) j = (j + 1) & (cap - 1);
        slots[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
}

intern_entry_t *intern_entry(intern_t *t, const char *s, size_t n)
{
    if ((t->count + 1) * 4 > t->cap * 3) grow(t);
    uint32_t h = (uint32_t)strmap_hash_bytes(s, n);
    size_t i = h & (t->cap - 1);
    for (;;) {
        intern_entry_t *e = &t->slots[i];
        if (!e->text) break;
        if (e->hash == h && e->len == n && memcmp(e->text, s, n) == 0) return e;
        i = (i + 1) & (t->cap - 1);
    }
    intern_entry_t *e = &t->slots[i];
    e->text = arena_strndup(t->arena, s, n);
    e->hash = h;
    e->len = (uint32_t)n;
    t->count++;
    return e;
}

char *intern_text(intern_t *t, const char *s, size_t n) { return intern_entry(t, s, n)->text; }

/* intern.h — one copy of each distinct text a parse reads. A large index
 * names the same metric paths, segments and numbers over and over (every
 * criterion of a field reads `lĩnh_vực_1.tổng_số_hồ_sơ`, every band says
 * `1` or `0`): the lexer keeps each once in the arena and hands out the
 * same pointer for the same bytes. The table itself lives only while a
 * file is parsed; the texts stay in the arena, which outlives it. Texts
 * of the tree are never written to, so sharing them is safe. */
#ifndef CHISO_INTERN_H
#define CHISO_INTERN_H

#include "arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct intern_entry {
    char *text;   /* NULL: an empty slot */
    void *value;  /* what the caller keeps with the text (a path's segments), or NULL */
    uint32_t hash, len;
} intern_entry_t;

typedef struct intern {
    arena_t *arena;
    intern_entry_t *slots;
    size_t cap, count;
} intern_t;

void intern_init(intern_t *t, arena_t *arena);
/* Frees the table; the texts stay in the arena. */
void intern_free(intern_t *t);
/* The arena's NUL-terminated copy of s[0..n): the same pointer for the
 * same bytes. */
char *intern_text(intern_t *t, const char *s, size_t n);
/* The entry of s[0..n) (added if new, with value NULL), whose value the
 * caller may set, for every later lookup of the same bytes to find. The
 * pointer is good until the next call (the table may grow). */
intern_entry_t *intern_entry(intern_t *t, const char *s, size_t n);

#endif

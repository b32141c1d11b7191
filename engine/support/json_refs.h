/* json_refs.h — JSON text in which constant pieces are named by a code of
 * one to three bytes instead of being written out: how a batch spools its
 * results. A result of the district index is 8.8 KB of JSON, most of it
 * the same for every unit (each node's ID, name and kind, keys, statuses,
 * band labels, the provenance); spooled with codes it is about a tenth of
 * that, and expanded to the same bytes when it is read back.
 *
 * A table holds the pieces: first the writer's common keys and members
 * (jw_common, ids 0…JC_COUNT-1), then pieces added for a program (each
 * node's JSON head, band labels and other texts it owns), found by the
 * address of what the writer is given. The table is made before any
 * thread writes with it and is only read after that.
 *
 * A code is a byte below 0x20 (never found in JSON text: the writer and
 * jansson escape those in strings), optionally followed by one or two
 * bytes from 0x20 on; no code contains '\n', so a spooled result is still
 * one line. */
#ifndef CHISO_JSON_REFS_H
#define CHISO_JSON_REFS_H

#include "xalloc.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct json_refs json_refs_t;

/* How the writer is given a piece: as JSON text to copy, or as a string to
 * quote (the table keeps its quoted text). */
typedef enum { JSON_REF_TEXT, JSON_REF_STRING } json_ref_kind;

/* A table holding the common keys and members of json_writer.h. */
json_refs_t *json_refs_new(void);
void json_refs_free(json_refs_t *refs);
/* Adds a piece the writer is given by its address: JSON text to copy
 * (len bytes), or a string, kept quoted. Nothing when it is there already
 * or the table is full (the writer then writes it out). */
void json_refs_add_text(json_refs_t *refs, const char *text, size_t len);
void json_refs_add_string(json_refs_t *refs, const char *s);
/* The id of a piece, or -1. */
int json_refs_find(const json_refs_t *refs, const char *key, json_ref_kind kind);
/* Appends the code of piece `id`: one byte for the first 28 (inline:
 * results write a hundred of these each). */
void json_refs_put_long(strbuf_t *sb, int id);
static inline void json_refs_put(strbuf_t *sb, int id)
{
    if (id >= 28) {
        json_refs_put_long(sb, id);
        return;
    }
    int c = id + 1;
    sb_addc(sb, (char)(c >= '\n' ? c + 1 : c)); /* no '\n': a spooled result stays one line */
}
/* Appends `in` (n bytes) to `out` with every code replaced by its piece.
 * False when a code is damaged or names no piece. */
bool json_refs_expand(const json_refs_t *refs, const char *in, size_t n, strbuf_t *out);

#endif

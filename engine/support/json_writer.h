/* json_writer.h — writing compact JSON text straight into a string buffer,
 * without building a tree first (results of large batches are written this
 * way). Commas are placed by the writer; strings are escaped as RFC 8259
 * requires and otherwise left in UTF-8. */
#ifndef CHISO_JSON_WRITER_H
#define CHISO_JSON_WRITER_H

#include "rational.h"
#include "xalloc.h"

#include <stdbool.h>

#define JW_MAX_DEPTH 128

typedef struct {
    strbuf_t *sb;
    int depth;
    bool first[JW_MAX_DEPTH]; /* no element written yet at this depth */
    bool after_key;
} jw_t;

void jw_init(jw_t *w, strbuf_t *sb);
void jw_object(jw_t *w);
void jw_end_object(jw_t *w);
void jw_array(jw_t *w);
void jw_end_array(jw_t *w);
void jw_key(jw_t *w, const char *key);
/* The separator before a value (none right after a key). */
static inline void jw_sep(jw_t *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth]) sb_addc(w->sb, ',');
    w->first[w->depth] = false;
}
/* A key that is a string literal needing no escape: its JSON text is made
 * at compile time (results write forty of these per unit). Inline, so
 * that the copy of a literal's known length is a few moves. */
#define JW_KEY(w, literal) jw_key_text((w), "\"" literal "\":", sizeof("\"" literal "\":") - 1)
static inline void jw_key_text(jw_t *w, const char *text, size_t len)
{
    jw_sep(w);
    sb_add(w->sb, text, len);
    w->after_key = true;
}
void jw_string(jw_t *w, const char *s);
void jw_int(jw_t *w, long long v);
void jw_bool(jw_t *w, bool v);
void jw_null(jw_t *w);
/* A number with at most 6 decimals: an integer when whole. Numbers
 * beyond 64 bits are exact too: a whole one gets ".0"; one of 10^300 or
 * more is written as a string of its digits (see jw_rat). */
void jw_rat(jw_t *w, rat_t v);
/* Appends s (n bytes) as a JSON string when it needs no escape and has
 * no NUL: then its text is the same whichever JSON library writes it. Else
 * appends nothing and returns false. */
bool jw_append_plain_string(strbuf_t *sb, const char *s, size_t n);
/* Already-serialized JSON (a value). */
void jw_raw(jw_t *w, const char *json);
/* Opens an object whose first members and the key after them are
 * already written as `text` ('{"id":"1","points":'): the constant start
 * of a node's result, prepared once per program. The value comes next. */
void jw_object_text(jw_t *w, const char *text, size_t len);
/* A value whose JSON text is given (a string literal, say). */
static inline void jw_value_text(jw_t *w, const char *text, size_t len)
{
    jw_sep(w);
    sb_add(w->sb, text, len);
}
#define JW_VALUE(w, literal) jw_value_text((w), literal, sizeof(literal) - 1)

#endif

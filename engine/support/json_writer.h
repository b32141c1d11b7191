/* json_writer.h — writing compact JSON text straight into a string buffer,
 * without building a tree first (results of large batches are written this
 * way). Commas are placed by the writer; strings are escaped as RFC 8259
 * requires and otherwise left in UTF-8. */
#ifndef CHISO_JSON_WRITER_H
#define CHISO_JSON_WRITER_H

#include "json_refs.h"
#include "rational.h"
#include "xalloc.h"

#include <stdbool.h>

#define JW_MAX_DEPTH 128

typedef struct {
    strbuf_t *sb;
    int depth;
    bool first[JW_MAX_DEPTH]; /* no element written yet at this depth */
    bool after_key;
    /* When set, constant pieces the table holds are written as its codes
     * (a spooled result, expanded when read back: json_refs.h). */
    const json_refs_t *refs;
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
/* Keys and members every result writes, by id: their text, or with a
 * table of pieces a byte's code (json_refs.h holds them as its first
 * pieces, in this order: the first 28 take one byte). */
#define JW_COMMON(X)                                                     \
    X(JC_MAX, "\"max\":")                                                \
    X(JC_STATUS_SCORED, "\"status\":\"scored\"")                          \
    X(JC_VALUE, "\"value\":")                                            \
    X(JC_VALUE_PERCENT, "\"value_format\":\"percent\"")                   \
    X(JC_BAND, "\"band\":")                                              \
    X(JC_CHILDREN, "\"children\":")                                      \
    X(JC_STATUS_NA, "\"status\":\"not_applicable\"")                      \
    X(JC_STATUS_MISSING, "\"status\":\"missing\"")                        \
    X(JC_POLICY, "\"policy\":")                                          \
    X(JC_REASON, "\"reason\":")                                          \
    X(JC_DEDUCTIONS, "\"deductions\":")                                  \
    X(JC_BONUSES, "\"bonuses\":")                                        \
    X(JC_POINTS, "\"points\":")                                          \
    X(JC_COMPUTED, "\"computed\":")                                      \
    X(JC_CAPPED, "\"capped\":true")                                      \
    X(JC_DECLARED_MAX, "\"declared_max\":")                              \
    X(JC_UNIT, "\"unit\":")                                              \
    X(JC_PERIOD, "\"period\":")                                          \
    X(JC_INDEX, "\"index\":")                                            \
    X(JC_FILE, "\"file\":")                                              \
    X(JC_PERCENT, "\"percent\":")                                        \
    X(JC_GRADE, "\"grade\":")                                            \
    X(JC_STATUS_OK, "\"status\":\"ok\"")                                  \
    X(JC_NODES, "\"nodes\":")                                            \
    X(JC_FINDINGS, "\"findings\":")                                      \
    X(JC_SELF_ASSESSMENT, "\"self_assessment\":")                        \
    X(JC_NODE, "\"node\":")                                              \
    X(JC_KIND, "\"kind\":")                                              \
    X(JC_MESSAGE, "\"message\":")                                        \
    X(JC_PROVENANCE, "\"provenance\":")                                  \
    X(JC_CLAIMED, "\"claimed\":")
#define JW_COMMON_ID(id, text) id,
typedef enum { JW_COMMON(JW_COMMON_ID) JC_COUNT } jw_common;
#undef JW_COMMON_ID
typedef struct {
    const char *text;
    size_t len;
} jw_text_t;
extern const jw_text_t jw_common_text[JC_COUNT];
/* A common key (the value comes next) or a whole member. */
static inline void jw_common_piece(jw_t *w, jw_common id)
{
    jw_sep(w);
    if (w->refs) json_refs_put(w->sb, (int)id);
    else sb_add(w->sb, jw_common_text[id].text, jw_common_text[id].len);
}
static inline void jw_key_common(jw_t *w, jw_common id)
{
    jw_common_piece(w, id);
    w->after_key = true;
}
static inline void jw_member_common(jw_t *w, jw_common id) { jw_common_piece(w, id); }
void jw_string(jw_t *w, const char *s);
/* A string the table of pieces may hold (a band label, the index's name):
 * its code when it does, else as jw_string writes it. */
void jw_string_const(jw_t *w, const char *s);
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
/* The same, or its code when the table of pieces holds it. */
void jw_raw_const(jw_t *w, const char *json);
/* Opens an object whose first members and the key after them are
 * already written as `text` ('{"id":"1","points":'): the constant start
 * of a node's result, prepared once per program. The value comes next. */
void jw_object_text(jw_t *w, const char *text, size_t len);
/* The same, or its code when the table of pieces holds `text`. */
void jw_object_text_const(jw_t *w, const char *text, size_t len);
/* A value whose JSON text is given (a string literal, say). */
static inline void jw_value_text(jw_t *w, const char *text, size_t len)
{
    jw_sep(w);
    sb_add(w->sb, text, len);
}
#define JW_VALUE(w, literal) jw_value_text((w), literal, sizeof(literal) - 1)

#endif

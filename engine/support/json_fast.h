/* json_fast.h — reading a submission's JSON with simdjson, into the same
 * jansson tree json_loadb would make.
 *
 * The engine reads submissions as jansson values (binding, the envelope
 * checks and the results use them): from a text, usually only the values
 * the rules read (json_paths.h), else the whole tree made here. jansson's
 * own reader goes through its text a character at a time; simdjson
 * checks the UTF-8 and finds the structure of the whole text with vector
 * instructions, and its tree is then copied into jansson values (in the
 * caller's parse arena).
 *
 * Only what both readers read alike is taken this way. The fast reader
 * gives up (returns NULL) on anything simdjson refuses and on anything
 * jansson decides in its own way: a key given twice, a string with a NUL,
 * an integer beyond 64 bits, a decimal that is zero or beyond 10^±300,
 * nesting deeper than simdjson's 1 024 levels. The caller then reads the
 * text with json_loadb, which gives the value or the error message and
 * position a user sees. Every accepted text gives the tree jansson
 * gives, with the flags JSON_REJECT_DUPLICATES | JSON_DECODE_ANY. */
#ifndef CHISO_JSON_FAST_H
#define CHISO_JSON_FAST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The tree of `text`, or NULL: read it with json_loadb. Thread-safe: each
 * thread has its own parser (kept for the thread's life, sized by the
 * largest text it read). allow_nul: strings may hold NUL bytes, as with
 * JSON_ALLOW_NUL (the marked exact numbers of submission_numbers.c). */
json_t *json_fast_load(const char *text, size_t len, bool allow_nul);
/* Picks simdjson's implementation for this processor (AVX2, SSE4.2…),
 * which it otherwise does on first use: called before threads start. */
void json_fast_init(void);

#ifdef __cplusplus
}
#endif

#endif

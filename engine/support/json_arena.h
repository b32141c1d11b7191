/* json_arena.h — bump allocation for jansson while one submission is read
 * and scored. Parsing a submission makes some thirty small allocations and
 * frees them all moments later; with an arena they cost a pointer bump and
 * nothing at all, and the arena's memory is reused for the next submission.
 *
 * json_arena_install() points jansson's allocator (json_set_alloc_funcs) at
 * functions that serve the calling thread's active arena, if any, and
 * malloc/free otherwise. Between json_arena_begin() and json_arena_end(),
 * every jansson value made by that thread lives in the arena: all of them
 * must be released (json_decref) or copied out before json_arena_end(). */
#ifndef CHISO_JSON_ARENA_H
#define CHISO_JSON_ARENA_H

#include <jansson.h>
#include <stddef.h>

typedef struct json_arena json_arena_t;

/* Once, before any thread uses jansson. */
void json_arena_install(void);
json_arena_t *json_arena_new(void);
void json_arena_free(json_arena_t *a);
/* Makes `a` the calling thread's arena. */
void json_arena_begin(json_arena_t *a);
/* Ends it: the thread allocates from malloc again, and the arena's memory
 * is ready for reuse. */
void json_arena_end(json_arena_t *a);
/* Releases `j` (json_decref), unless the calling thread's arena holds
 * every block made since json_arena_begin: then the tree is left as it
 * is, to go with the arena at json_arena_end (a submission's tree is a
 * few hundred values; walking it only to free nothing cost a tenth of a
 * batch's parse). Only for a tree no one uses after json_arena_end. */
void json_arena_release(json_t *j);

/* The large blocks of scoring one submission (the result, its nodes, the
 * evaluator's values): zeroed, from the calling thread's
 * active arena when it has one — so that a worker reuses the same memory
 * from one unit to the next instead of asking malloc for blocks above its
 * thread cache's sizes every time — else from calloc. Free them with
 * json_arena_free_block, before json_arena_end. */
void *json_arena_calloc(size_t n, size_t size);
/* Frees such a block, unless the active arena holds it (it goes with the
 * arena). */
void json_arena_free_block(void *p);

#endif

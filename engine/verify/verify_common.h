/* verify_common.h — helpers shared by the two kinds of verification. */
#ifndef CHISO_VERIFY_COMMON_H
#define CHISO_VERIFY_COMMON_H

#include "engine/compile/loaded_program.h"
#include "engine/eval/result.h"

/* {"file": ..., "line": ..., "column": ...} of a source position. */
json_t *location_json(srcloc_t loc);
/* A target's rule as written: "dossiers.on_time / dossiers.total >= 98%". */
char *target_rule_text(arena_t *arena, const target_t *t);

/* chiso_verify_actuals_text with the numbers a double would round (more
 * than 15 significant digits) marked, for json_dumps_exact (json_exact.h):
 * what `verify -f json` writes. */
json_t *verify_actuals_text_marked(const chiso_program *cp, size_t plan, const char *text,
                                   size_t len, const char *origin);

#endif

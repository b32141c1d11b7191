/* program_impl.h — the library's own calls on a program, for the command
 * and the language server (the handle itself: engine/compile/loaded_program.h). */
#ifndef CHISO_PROGRAM_IMPL_H
#define CHISO_PROGRAM_IMPL_H

#include "engine/compile/loaded_program.h"

/* Lexed, parsed and checked like chiso_program_load(_string), but not
 * compiled: for `check` and the language server, which score nothing (the
 * bytecode of a large index costs as much memory as its tree). Such a
 * program must not be scored, and carries no provenance (its files are
 * not hashed). */
chiso_program *chiso_program_check_file(const char *path);
chiso_program *chiso_program_check_string(const char *name, const char *text, size_t len);
/* Builds cp->provenance from the sources and cp->scored_at. */
void provenance_build(chiso_program *cp);

#endif

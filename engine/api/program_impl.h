/* program_impl.h — what stands behind the public chiso_program handle. */
#ifndef CHISO_PROGRAM_IMPL_H
#define CHISO_PROGRAM_IMPL_H

#include "chiso.h"
#include "engine/check/program.h"

struct chiso_program {
    program_t prog;
    diag_list_t diags;
    bool io_error; /* the top file could not be read */
    long long scored_at; /* provenance: seconds since 1970 UTC */
    char *provenance;    /* provenance of results as compact JSON (provenance.c) */
};

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

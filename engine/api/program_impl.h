/* program_impl.h — what stands behind the public chiso_program handle. */
#ifndef CHISO_PROGRAM_IMPL_H
#define CHISO_PROGRAM_IMPL_H

#include "chiso.h"
#include "engine/check/program.h"

struct chiso_program {
    program_t prog;
    diag_list_t diags;
    bool io_error; /* the top file could not be read */
};

#endif

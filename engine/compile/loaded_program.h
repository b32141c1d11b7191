/* loaded_program.h — what stands behind the public chiso_program handle:
 * the checked tree and its compiled indexes (program_t), the diagnostics
 * of loading, and the provenance every result carries. Made by
 * engine/api/load.c at the end of the pipeline's front half; read by the
 * evaluator, the batch, the reports, verify and appraise below the API. */
#ifndef CHISO_LOADED_PROGRAM_H
#define CHISO_LOADED_PROGRAM_H

#include "chiso.h"
#include "engine/check/program.h"

struct chiso_program {
    program_t prog;
    diag_list_t diags;
    bool io_error; /* the top file could not be read */
    long long scored_at; /* provenance: seconds since 1970 UTC */
    char *provenance;    /* provenance of results as compact JSON (engine/api/provenance.c) */
};

#endif

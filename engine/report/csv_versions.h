/* csv_versions.h — the criterion and field columns of a CSV over a batch
 * that mixes versions of an index (csv_versions.c). */
#ifndef CHISO_CSV_VERSIONS_H
#define CHISO_CSV_VERSIONS_H

#include "engine/batch/batch.h"
#include "engine/compile/compile.h"

typedef struct {
    const compiled_index_t **v; /* the versions that scored units, by their first year */
    char **prefix;              /* per version: "" when one version, else "[2017] " */
    int n;
} csv_versions_t;

/* The versions of the ok units of `b` (`fallback` when none scored). */
void csv_versions_build(const batch_t *b, const compiled_index_t *fallback, csv_versions_t *cv);
void csv_versions_free(csv_versions_t *cv);
/* The number of top-level fields and of leaves (criteria without children) of a version. */
int csv_version_fields(const compiled_index_t *ci);
int csv_version_leaves(const compiled_index_t *ci);
/* The node of field f of a version. */
const node_t *csv_version_field(const compiled_index_t *ci, int f);

#endif

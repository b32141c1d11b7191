/* check.c — runs the checker's passes over a parsed program:
 * structure (IDs, maxima, leaves, grades), names and types, then bands
 * (which need types and resolved lets), then the lints: conditions that
 * never change and likely typos in metric names. */
#include "program.h"

void check_program(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++) check_structure(prog, prog->indexes[i], diags);
    check_declarations(prog, diags);
    check_names_and_types(prog, diags);
    check_metric_use(prog, diags);
    for (size_t i = 0; i < prog->nindexes; i++) check_bands(prog, prog->indexes[i], diags);
    check_lint(prog, diags);
}

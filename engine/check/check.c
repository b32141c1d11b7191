/* check.c — runs the checker's passes over a parsed program:
 * structure (IDs, maxima, leaves, grades), names and types, then bands
 * (which need types and resolved lets), then the lints: conditions that
 * never change and likely typos in metric names. */
#include "program.h"

#include "engine/support/source.h"

#include <string.h>

/* Two indexes, or two plans, of one name: `--index NAME` and a parent
 * plan would pick the first and silently ignore the other. */
static void check_unique_names(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++)
        for (size_t k = 0; k < i; k++)
            if (!strcmp(prog->indexes[i]->name, prog->indexes[k]->name) &&
                !(node_rare(prog->indexes[i])->nperiods && node_rare(prog->indexes[k])->nperiods)) { /* versions: check_versions.c */
                diag_t *d = diag_add(diags, DIAG_ERROR, prog->indexes[i]->loc, "duplicate-index",
                                     "a second index named \"%s\" (the first is at line %d of %s)",
                                     prog->indexes[i]->name, prog->indexes[k]->loc.line,
                                     prog->indexes[k]->loc.src ? prog->indexes[k]->loc.src->path : "?");
                diag_hint(d, "give each index its own name, or make them versions of one index: "
                             "each says the years it applies to (áp_dụng 2017 / áp_dụng 2022 đến 2030)");
                break;
            }
    for (size_t i = 0; i < prog->nplans; i++)
        for (size_t k = 0; k < i; k++)
            if (!strcmp(prog->plans[i]->name, prog->plans[k]->name)) {
                diag_t *d = diag_add(diags, DIAG_ERROR, prog->plans[i]->loc, "duplicate-plan",
                                     "a second plan named \"%s\" (the first is at line %d of %s)",
                                     prog->plans[i]->name, prog->plans[k]->loc.line,
                                     prog->plans[k]->loc.src ? prog->plans[k]->loc.src->path : "?");
                diag_hint(d, "give each plan its own name");
                break;
            }
}

void check_program(program_t *prog, diag_list_t *diags)
{
    size_t names = 0;
    for (size_t i = 0; i < prog->nfiles; i++) names += prog->files[i]->nnames + prog->files[i]->nmetric_decls;
    program_reserve_metrics(prog, names);
    check_unique_names(prog, diags);
    check_versions(prog, diags);
    for (size_t i = 0; i < prog->nindexes; i++) check_structure(prog, prog->indexes[i], diags);
    check_declarations(prog, diags);
    check_names_and_types(prog, diags);
    check_metric_use(prog, diags);
    /* every metric has its slot now: the map of their keys is not read
     * again, and freeing it lowers the peak the lints below reach */
    strmap_free(&prog->metric_by_key);
    for (size_t i = 0; i < prog->nindexes; i++) check_bands(prog, prog->indexes[i], diags);
    check_lint(prog, diags);
    check_sources(prog, diags);
}

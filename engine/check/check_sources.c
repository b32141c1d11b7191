/* check_sources.c — maxima backed by a source, or said to be guesses.
 *
 * An index that states its legal basis (`căn_cứ` in the index) promises
 * that its numbers come from it. Each node's maximum should then either be
 * cited — by the node's own `căn_cứ` or by that of a node above it (a
 * field citing a section of the guide covers the rows in it) — or be
 * marked as a guess where the sources are silent (`tối_đa 2 giả_định`): a
 * maximum with neither is the
 * warning `unsourced-max`, so that a reviewer holding the sources finds
 * every number's origin, and no invented maximum passes for a cited one. */
#include "program.h"

#include "engine/support/rational.h"

#include <stdbool.h>

static void check_node(const node_t *n, const node_t *index, bool cited_above, diag_list_t *diags)
{
    if (n->has_max && !n->source && !cited_above && !n->max_assumed) {
        char max[64];
        rat_format(n->max, 6, max, sizeof max);
        diag_t *d = diag_add(diags, DIAG_WARNING, n->max_loc, "unsourced-max",
                             "the maximum %s of %s has no source: the index cites \"%s\", neither the node nor a node above it cites anything",
                             max, n->id, index->source);
        diag_hint(d, "cite where it comes from (`căn_cứ \"…\"` in the node), or say that no source gives it: "
                     "`tối_đa %s giả_định`",
                  max);
    }
    for (size_t i = 0; i < n->nchildren; i++)
        check_node(n->children[i], index, cited_above || n->source, diags);
}

void check_sources(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++) {
        const node_t *index = prog->indexes[i];
        if (!index->source) continue; /* no legal basis claimed: nothing to hold the maxima to */
        for (size_t k = 0; k < index->nchildren; k++) check_node(index->children[k], index, false, diags);
    }
}

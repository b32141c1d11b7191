/* check_versions.c — versions of one index (engine/ast/ast_version.c).
 * Indexes of one name are versions when each says the years it applies
 * to; no year may belong to two of them (a submission of that year would
 * have two scores), and a node's `previously` should name a node of the
 * version just before, or the trend would compare it with nothing. */
#include "program.h"

#include "engine/support/source.h"

#include <stdlib.h>
#include <string.h>

static bool same_family(const node_t *a, const node_t *b) { return !strcmp(a->name, b->name); }

static int first_year(const node_t *index)
{
    int y = PERIOD_OPEN;
    for (size_t i = 0; i < node_rare(index)->nperiods; i++)
        if (node_rare(index)->periods[i].from && node_rare(index)->periods[i].from < y) y = node_rare(index)->periods[i].from;
    return y;
}

static int last_year(const node_t *index)
{
    int y = 0;
    for (size_t i = 0; i < node_rare(index)->nperiods; i++)
        if (node_rare(index)->periods[i].to > y) y = node_rare(index)->periods[i].to;
    return y;
}

long program_version_for_year(const program_t *prog, size_t family, int year)
{
    if (family >= prog->nindexes) return -1;
    const node_t *f = prog->indexes[family];
    if (!node_rare(f)->nperiods) return (long)family;
    for (size_t i = 0; i < prog->nindexes; i++)
        if (node_rare(prog->indexes[i])->nperiods && same_family(prog->indexes[i], f) &&
            index_applies_to_year(prog->indexes[i], year))
            return (long)i;
    return -1;
}

long program_previous_version(const program_t *prog, size_t index)
{
    const node_t *x = prog->indexes[index];
    if (!node_rare(x)->nperiods) return -1;
    int start = first_year(x);
    long best = -1;
    int best_last = 0;
    for (size_t i = 0; i < prog->nindexes; i++) {
        const node_t *v = prog->indexes[i];
        if (i == index || !node_rare(v)->nperiods || !same_family(v, x)) continue;
        int last = last_year(v);
        if (last < start && last > best_last) {
            best = (long)i;
            best_last = last;
        }
    }
    return best;
}

static const node_t *find_node(const node_t *n, const char *id)
{
    if (n->kind != NODE_INDEX && !strcmp(n->id, id)) return n;
    for (size_t i = 0; i < n->nchildren; i++) {
        const node_t *f = find_node(n->children[i], id);
        if (f) return f;
    }
    return NULL;
}

static void check_previously(const node_t *n, const node_t *prev, const char *prev_periods,
                             diag_list_t *diags)
{
    if (node_rare(n)->previously && !find_node(prev, node_rare(n)->previously)) {
        diag_t *d = diag_add(diags, DIAG_WARNING, node_rare(n)->previously_loc, "previously-unknown",
                             "the previous version of \"%s\" (áp_dụng %s, %s:%d) has no node %s",
                             prev->name, prev_periods, prev->loc.src ? prev->loc.src->path : "?",
                             prev->loc.line, node_rare(n)->previously);
        diag_hint(d, "name the node's ID in that version; the trend shows the node as new meanwhile");
    }
    for (size_t i = 0; i < n->nchildren; i++) check_previously(n->children[i], prev, prev_periods, diags);
}

static void check_overlap(const node_t *later, const node_t *earlier, diag_list_t *diags)
{
    for (size_t i = 0; i < node_rare(later)->nperiods; i++) {
        const period_range_t *a = &node_rare(later)->periods[i];
        if (!a->from) continue;
        for (size_t k = 0; k < node_rare(earlier)->nperiods; k++) {
            const period_range_t *b = &node_rare(earlier)->periods[k];
            if (!b->from || a->from > b->to || b->from > a->to) continue;
            int year = a->from > b->from ? a->from : b->from;
            diag_t *d = diag_add(diags, DIAG_ERROR, a->loc, "version-overlap",
                                 "two versions of index \"%s\" apply to %d: this one and the one at %s:%d",
                                 later->name, year, earlier->loc.src ? earlier->loc.src->path : "?",
                                 earlier->loc.line);
            diag_hint(d, "each year must have one version; change the years (áp_dụng) of one of them");
            return;
        }
    }
}

void check_versions(program_t *prog, diag_list_t *diags)
{
    for (size_t i = 0; i < prog->nindexes; i++) {
        const node_t *x = prog->indexes[i];
        if (!node_rare(x)->nperiods) continue;
        for (size_t k = 0; k < i; k++)
            if (node_rare(prog->indexes[k])->nperiods && same_family(x, prog->indexes[k]))
                check_overlap(x, prog->indexes[k], diags);
        long prev = program_previous_version(prog, i);
        if (prev < 0) continue;
        char *periods = index_periods_text(prog->indexes[prev]);
        check_previously(x, prog->indexes[prev], periods, diags);
        free(periods);
    }
}

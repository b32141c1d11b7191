/* csv_versions.c — which versions of an index a batch's CSV has columns
 * for. A batch may mix versions (a 2019 submission scored by 1150/QĐ-BNV, a
 * 2023 one by 876/QĐ-BNV): each version's fields and criteria are its own,
 * and the same ID may name different criteria in two versions (an ID that
 * a newer version gave to another criterion), so the columns come in one
 * block per version, each header prefixed by the years it applies to
 * ("[2019] 1.1 …"), and a unit fills the block of the version that scored
 * it. With one version there is one block and no prefix, as always. */
#include "csv_versions.h"

#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int first_year(const compiled_index_t *ci)
{
    int y = 1 << 30;
    for (size_t i = 0; i < node_rare(ci->index)->nperiods; i++)
        if (node_rare(ci->index)->periods[i].from && node_rare(ci->index)->periods[i].from < y) y = node_rare(ci->index)->periods[i].from;
    return y;
}

static int by_first_year(const void *x, const void *y)
{
    int a = first_year(*(const compiled_index_t *const *)x), b = first_year(*(const compiled_index_t *const *)y);
    return (a > b) - (a < b);
}

void csv_versions_build(const batch_t *b, const compiled_index_t *fallback, csv_versions_t *cv)
{
    memset(cv, 0, sizeof *cv);
    size_t cap = 0, n = 0;
    for (size_t i = 0; i < b->count; i++) {
        const compiled_index_t *ci = b->units[i].ok ? unit_ci(&b->units[i]) : NULL;
        if (!ci) continue;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++) seen = cv->v[k] == ci;
        if (seen) continue;
        VEC_PUSH(cv->v, n, cap);
        cv->v[n++] = ci;
    }
    if (!n && fallback) {
        VEC_PUSH(cv->v, n, cap);
        cv->v[n++] = fallback;
    }
    if (n > 1) qsort(cv->v, n, sizeof *cv->v, by_first_year);
    cv->n = (int)n;
    cv->prefix = xcalloc(n ? n : 1, sizeof *cv->prefix);
    for (size_t k = 0; k < n; k++) {
        if (n == 1) {
            cv->prefix[k] = xstrdup("");
            continue;
        }
        char *years = index_periods_text(cv->v[k]->index);
        cv->prefix[k] = xasprintf("[%s] ", years && *years ? years : cv->v[k]->index->id);
        free(years);
    }
}

void csv_versions_free(csv_versions_t *cv)
{
    for (int k = 0; k < cv->n; k++) free(cv->prefix[k]);
    free(cv->prefix);
    free(cv->v);
    memset(cv, 0, sizeof *cv);
}

int csv_version_fields(const compiled_index_t *ci) { return ci ? ci->nodes[0].nchildren : 0; }

int csv_version_leaves(const compiled_index_t *ci)
{
    int n = 0;
    for (int i = 1; ci && i < ci->nnodes; i++) n += !ci->nodes[i].nchildren;
    return n;
}

const node_t *csv_version_field(const compiled_index_t *ci, int f) { return ci->nodes[ci->nodes[0].children[f]].src; }

/* versions.c — which version of an index scores a submission: the one
 * whose periods (`áp_dụng`) contain the year of the submission's
 * "period". An index without periods scores every period; a versioned one
 * gives an error result naming the period when no version applies. */
#include "result.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/json_arena.h"

#include <stdlib.h>
#include <string.h>

int period_year_of(const char *period)
{
    /* the first run of exactly four digits: "2021", "2021-Q4", "Năm 2021" */
    for (const char *p = period; p && *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        const char *q = p;
        while (*q >= '0' && *q <= '9') q++;
        if (q - p == 4) return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        p = q;
    }
    return 0;
}

/* Lists the versions of the family, for the error message. */
static char *versions_text(const program_t *p, const node_t *family)
{
    strbuf_t sb;
    sb_init(&sb);
    for (size_t i = 0; i < p->nindexes; i++) {
        const node_t *v = p->indexes[i];
        if (!node_rare(v)->nperiods || strcmp(v->name, family->name)) continue;
        char *t = index_periods_text(v);
        sb_printf(&sb, "%s%s%s%s%s", sb.len ? "; " : "", t, v->source ? " (" : "", v->source ? v->source : "",
                  v->source ? ")" : "");
        free(t);
    }
    return sb.data ? sb_take(&sb) : xstrdup("");
}

bool result_pick_version(chiso_result *r)
{
    const program_t *p = &r->prog->prog;
    const node_t *family = r->ci->index;
    if (!node_rare(family)->nperiods) return true;
    int year = r->period ? period_year_of(r->period) : 0;
    long pos = -1;
    for (size_t i = 0; i < p->nindexes; i++)
        if (p->indexes[i] == family) pos = (long)i;
    long v = year ? program_version_for_year(p, (size_t)pos, year) : -1;
    if (v < 0) {
        char *list = versions_text(p, family);
        if (!r->period)
            result_add_error(r, "the submission has no \"period\"; index \"%s\" has a version per period: %s",
                             family->name, list);
        else if (!year)
            result_add_error(r, "period \"%s\" names no year; index \"%s\" has a version per period: %s",
                             r->period, family->name, list);
        else
            result_add_error(r, "no version of index \"%s\" applies to period \"%s\" (its versions: %s)",
                             family->name, r->period, list);
        free(list);
        return false;
    }
    const compiled_index_t *ci = p->compiled[v];
    if (ci != r->ci) {
        r->ci = ci;
        json_arena_free_block(r->nodes);
        r->nnodes = ci->nnodes;
        r->nodes = json_arena_calloc((size_t)r->nnodes, sizeof *r->nodes);
    }
    return true;
}

/* result.c — a result's life: made empty for one submission, its errors
 * and findings added as scoring meets them, freed with all it owns.
 * Scoring itself is in score.c. */
#include "result.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/i18n.h"
#include "engine/support/json_arena.h"
#include "engine/support/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* fmt filled in as xvasprintf fills it; without printf's machinery when
 * its only conversions are a few %s (nearly every message of a result:
 * a node's ID, a metric's name, a deduction's reason). */
static char *message_vasprintf(const char *fmt, va_list ap)
{
    enum { MAX_ARGS = 8 };
    int nargs = 0;
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 2, '%')) {
        if (p[1] != 's' || ++nargs > MAX_ARGS) return xvasprintf(fmt, ap);
    }
    const char *args[MAX_ARGS];
    size_t lens[MAX_ARGS], total = strlen(fmt) - 2 * (size_t)nargs;
    va_list copy;
    va_copy(copy, ap);
    for (int i = 0; i < nargs; i++) {
        args[i] = va_arg(copy, const char *);
        if (!args[i]) { /* printf's "(null)" */
            va_end(copy);
            return xvasprintf(fmt, ap);
        }
        lens[i] = strlen(args[i]);
        total += lens[i];
    }
    va_end(copy);
    char *out = xmalloc(total + 1), *w = out;
    int i = 0;
    for (const char *p = fmt;;) {
        const char *pct = strchr(p, '%');
        size_t n = pct ? (size_t)(pct - p) : strlen(p);
        memcpy(w, p, n);
        w += n;
        if (!pct) break;
        memcpy(w, args[i], lens[i]);
        w += lens[i++];
        p = pct + 2;
    }
    *w = '\0';
    return out;
}

void result_add_error(chiso_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = message_vasprintf(_(fmt), ap);
    va_end(ap);
    for (size_t i = 0; i < r->nerrors; i++) {
        if (strcmp(r->errors[i], msg) == 0) { /* said once is enough */
            free(msg);
            return;
        }
    }
    VEC_PUSH(r->errors, r->nerrors, r->caperrors);
    r->errors[r->nerrors++] = msg;
    r->ok = false;
}

void result_add_finding(chiso_result *r, const char *node, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = message_vasprintf(_(fmt), ap);
    va_end(ap);
    VEC_PUSH(r->findings, r->nfindings, r->capfindings);
    r->findings[r->nfindings++] = (finding_t){node ? xstrdup(node) : NULL, xstrdup(kind), msg};
}

chiso_result *result_new(const chiso_program *prog, size_t index, const char *origin)
{
    /* in a batch, the worker's arena; the origin right after the result */
    size_t olen = origin ? strlen(origin) + 1 : 0;
    chiso_result *r = json_arena_calloc(1, sizeof *r + olen);
    arena_init(&r->bigs);
    r->prog = prog;
    r->ok = true;
    r->origin = origin ? memcpy((char *)(r + 1), origin, olen) : NULL;
    r->unit = json_null();
    if (prog->prog.compiled && index < prog->prog.nindexes) {
        r->ci = prog->prog.compiled[index];
        r->nnodes = r->ci->nnodes;
        r->nodes = json_arena_calloc((size_t)r->nnodes, sizeof *r->nodes);
    }
    return r;
}

chiso_result *chiso_result_error(const chiso_program *prog, size_t index, const char *origin,
                                 const char *message)
{
    chiso_result *r = result_new(prog, index, origin);
    result_add_error(r, "%s", message);
    return r;
}

void chiso_result_free(chiso_result *r)
{
    if (!r) return;
    json_decref(r->unit);
    if (!r->period_in_texts) free(r->period);
    json_arena_free_block(r->unit_texts);
    for (size_t i = 0; i < r->nerrors; i++) free(r->errors[i]);
    free(r->errors);
    for (int i = 0; i < r->nnodes; i++) { /* most nodes own nothing: no call for them */
        node_result_t *nr = &r->nodes[i];
        if (nr->reason_owned) free(nr->reason_owned);
        if (nr->deducts) free(nr->deducts);
        if (nr->trace) json_decref(nr->trace);
        if (nr->late) late_results_free(nr);
    }
    json_arena_free_block(r->nodes);
    for (size_t i = 0; i < r->nfindings; i++) {
        free(r->findings[i].node);
        free(r->findings[i].kind);
        free(r->findings[i].message);
    }
    free(r->findings);
    for (size_t i = 0; i < r->nclaims; i++) free(r->claims[i].node);
    free(r->claims);
    arena_free(&r->bigs);
    json_arena_free_block(r);
}

bool chiso_result_ok(const chiso_result *r) { return r->ok; }

/* ast_process.c — what a rules file says about the appraisal process:
 * the evidence documents a node requires (`evidence` / `kiểm_chứng`) and
 * where its points come from (`origin` / `nguồn`: thẩm_định or điều_tra).
 * Kept apart from ast_build.c so that the process stays one piece. */
#include "ast_build.h"

#include "grammar/parse_ctx.h"
#include "engine/support/xalloc.h"

#include <string.h>

const char *point_origin_name(point_origin o)
{
    return o == ORIGIN_SURVEY ? "survey" : "appraisal";
}

point_origin node_origin(const node_t *n)
{
    for (; n; n = n->parent)
        if (n->origin != ORIGIN_UNSET) return n->origin;
    return ORIGIN_APPRAISAL;
}

static point_origin origin_from_word(const char *w)
{
    static const char *appraisal[] = {"thẩm_định", "tham_dinh", "appraisal"};
    static const char *survey[] = {"điều_tra", "dieu_tra", "survey"};
    for (size_t i = 0; i < 3; i++) {
        if (!strcmp(w, appraisal[i])) return ORIGIN_APPRAISAL;
        if (!strcmp(w, survey[i])) return ORIGIN_SURVEY;
    }
    return ORIGIN_UNSET;
}

void apply_process_item(parse_ctx_t *ctx, node_t *n, item_t *it)
{
    if (it->kind == IT_EVIDENCE) {
        if (node_rare(n)->nevidence) {
            diag_add(ctx->diags, DIAG_ERROR, it->loc, "duplicate-item", "'evidence' given twice");
            return;
        }
        for (size_t i = 0; i < it->nstrs; i++) {
            if (!it->strs[i][0]) {
                diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "evidence-empty",
                                     "an evidence title is empty");
                diag_hint(d, "name the document: evidence \"Kế hoạch CCHC năm\"");
                continue;
            }
            node_rare_t *rare = node_rare_of(ctx, n);
            ARENA_PUSH(ctx->arena, rare->evidence, rare->nevidence, rare->capevidence);
            rare->evidence[rare->nevidence++] = it->strs[i];
        }
        return;
    }
    /* IT_ORIGIN */
    point_origin o = origin_from_word(it->str);
    if (o == ORIGIN_UNSET) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->value_loc, "origin",
                             "unknown origin '%s'", it->str);
        diag_hint(d, "write `nguồn thẩm_định` (appraisal) or `nguồn điều_tra` (survey)");
        return;
    }
    if (n->origin != ORIGIN_UNSET) {
        diag_add(ctx->diags, DIAG_ERROR, it->loc, "duplicate-item", "'origin' given twice");
        return;
    }
    n->origin = o;
}

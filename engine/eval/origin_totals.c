/* origin_totals.c — a result's points split by where they come from
 * (`origin` / `nguồn`): appraisal (thẩm định) and survey (điều tra xã hội
 * học), each with its own maximum, as published tables show "68 + 32".
 *
 * A node's points belong to its origin, except the part brought by a
 * descendant of another origin, which belongs to that one. So the split
 * always adds up to the total, and a deduction or bonus counts to the origin
 * of the node that carries it. */
#include "result.h"

static void split(const chiso_result *r, int idx, point_origin parent, rat_t *pts, rat_t *max, bool *of)
{
    const cnode_t *c = &r->ci->nodes[idx];
    point_origin o = node_origin(c->src);
    if (o != parent) {
        const node_result_t *nr = &r->nodes[idx];
        pts[o] = rat_add(pts[o], nr->points, of);
        max[o] = rat_add(max[o], nr->max, of);
        pts[parent] = rat_sub(pts[parent], nr->points, of);
        max[parent] = rat_sub(max[parent], nr->max, of);
    }
    for (int i = 0; i < c->nchildren; i++) split(r, c->children[i], o, pts, max, of);
}

bool index_declares_origins(const compiled_index_t *ci)
{
    for (int i = 0; i < ci->nnodes; i++)
        if (ci->nodes[i].src->origin != ORIGIN_UNSET) return true;
    return false;
}

bool result_origin_totals(const chiso_result *r, rat_t pts[3], rat_t max[3])
{
    for (int i = 0; i < 3; i++) pts[i] = max[i] = rat_int(0);
    if (!r->ok || !r->ci || !index_declares_origins(r->ci)) return false;
    point_origin root = node_origin(r->ci->nodes[0].src);
    pts[root] = r->nodes[0].points;
    max[root] = r->nodes[0].max;
    bool of = false;
    const cnode_t *c = &r->ci->nodes[0];
    for (int i = 0; i < c->nchildren; i++) split(r, c->children[i], root, pts, max, &of);
    return !of;
}

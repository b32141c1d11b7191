/* metric_paths.c — the metric paths of a program as a tree of keys, made
 * once at compile time, so that a submission is read along it: only the
 * values the rules read become jansson values (engine/support/json_paths.h). */
#include "compile.h"

#include "engine/support/json_paths.h"

void compile_metric_paths(program_t *prog)
{
    compiled_program_t *cp = prog->code;
    cp->paths = json_paths_new();
    if (!cp->paths) return; /* submissions are then read whole */
    cp->slot_nodes = arena_alloc(&prog->arena, sizeof(int *) * (prog->nmetrics ? prog->nmetrics : 1));
    for (size_t s = 0; s < prog->nmetrics; s++) {
        const metric_slot_t *m = &prog->metrics[s];
        int *nodes = arena_alloc(&prog->arena, sizeof(int) * (size_t)(m->nsegs + 1));
        nodes[0] = 0;
        for (int i = 0; i < m->nsegs; i++) nodes[i + 1] = json_paths_add(cp->paths, nodes[i], m->segs[i]);
        json_paths_end(cp->paths, nodes[m->nsegs]);
        cp->slot_nodes[s] = nodes;
    }
}

/* compile.h — turning a checked index into the flat form the evaluator
 * walks: an array of nodes in preorder, each with its compiled expressions,
 * its effective policies (inherited and resolved), and the metric slots it
 * reads (for naming every missing metric in an error). */
#ifndef CHISO_COMPILE_H
#define CHISO_COMPILE_H

#include "bytecode.h"
#include "engine/check/program.h"

typedef struct {
    op_kind cmp;        /* OP_NONE: otherwise */
    code_t threshold;
    code_t points;
    const char *label;
} cband_t;

typedef struct {
    const char *reason;
    code_t amount;
    bool has_cap;
    rat_t cap;
    bool bonus;          /* adds instead of subtracting */
} cdeduct_t;

/* A part of a leaf's rule whose value explain shows: a call, a
 * comparison, and/or/not (compiled apart, evaluated only when tracing). */
typedef struct {
    const expr_t *e;
    code_t code;
} cpart_t;

typedef struct cnode {
    const node_t *src;
    int parent;          /* -1 for the index */
    int *children;
    int nchildren;
    rat_t max;
    na_policy na;        /* effective */
    missing_policy missing;
    bool has_applies_if;
    code_t applies_if;
    bool is_leaf, has_value, has_score;
    code_t value, score;
    cband_t *bands;
    int nbands;
    cdeduct_t *deducts;
    int ndeducts;
    bool has_ratio;      /* value/score is ratio(a, b) or a / b: parts for explain */
    code_t ratio_num, ratio_den;
    int *metrics;        /* slots read by this node's own rules (through lets too) */
    int nmetrics;
    const char *na_word; /* the effective not-applicable policy as written; NULL: the default */
    cpart_t *parts;      /* of the value or score expression, in preorder */
    int nparts;
    struct cdeadline *deadlines; /* the deadlines its rule checks (deadlines.c) */
    int ndeadlines;
    /* The start of its result JSON, the same for every unit, made once
     * per program: {"id":…,"name":…,"kind":…[,"previously":…],"points": */
    const char *json_head;
    size_t json_head_len;
} cnode_t;

/* A deadline a leaf's rule checks: a date against its due date
 * (`báo_cáo.ngày_nộp <= 2020-02-15`, also a first band `mức <= date`), or
 * a duration in days against a limit (`ngày_xong - ngày_nhận <= 30`).
 * When it fails, the result says by how many days (engine/eval/lateness.c). */
typedef struct cdeadline {
    const expr_t *rule;  /* the comparison (or the leaf's value, for a band) */
    const char *rule_text; /* the comparison as written (formula_source), or NULL for a band */
    const char *label;   /* the band's label ("<= 2020-12-31"), or NULL */
    bool days;           /* a duration against a limit in days, not a date against a date */
    bool strict;         /* `<`: the due day itself is one day late */
    code_t actual, due;
} cdeadline_t;

/* Finds the deadlines of a leaf's rule and compiles their two sides. */
void compile_deadlines(program_t *prog, const node_t *n, cnode_t *c);

typedef struct compiled_index {
    const node_t *index;
    cnode_t *nodes;      /* nodes[0] is the index */
    int nnodes;
    strmap_t node_by_id; /* id -> node number + 1 */
} compiled_index_t;

/* A plan target `lhs CMP rhs`, both sides compiled separately so that a
 * report can show the actual value and the threshold. */
typedef struct {
    const target_t *src;
    op_kind cmp;
    code_t lhs, rhs;
    bool percent;        /* the threshold is written as a percent */
    int *metrics;        /* slots the target reads (through lets too) */
    int nmetrics;
} ctarget_t;

typedef struct compiled_plan {
    const plan_t *plan;
    ctarget_t *targets;
    int ntargets;
} compiled_plan_t;

typedef struct compiled_program {
    constant_t *consts;
    size_t nconsts, capconsts;
    code_t *lets;        /* by let id */
    int nlets;
    int max_stack;       /* deepest stack any code needs */
    struct insn *scratch; /* the compiler's buffer, reused for every expression */
    int scratch_cap;
    /* The metric paths as a tree of keys (engine/support/json_paths.h),
     * and for each slot the node of its first i segments, i = 0…nsegs. */
    struct json_paths *paths;
    int **slot_nodes;
} compiled_program_t;

void compile_program(program_t *prog);
/* The tree of the metric paths, for reading submissions (metric_paths.c). */
void compile_metric_paths(program_t *prog);
void compile_free(program_t *prog);
/* Compiles one expression (used for plan targets too). */
code_t compile_expr(program_t *prog, const expr_t *e);

#endif

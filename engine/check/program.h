/* program.h — a loaded rules program: every file it was read from, its
 * indexes and plans, and what the checker and compiler derived from them
 * (metric slots, lets, compiled code). Owned by the public chiso_program. */
#ifndef CHISO_PROGRAM_H
#define CHISO_PROGRAM_H

#include "../ast/ast.h"
#include "../support/source.h"
#include "../support/strmap.h"
#include "grammar/parse_ctx.h"

/* One metric path the rules read, e.g. dossiers.on_time. */
typedef struct metric_slot {
    char *text;       /* "dossiers.on_time" */
    char **segs;
    int nsegs;
    value_type type;  /* inferred from use; TY_UNKNOWN if only used in present() */
    srcloc_t first_use;
    int type_line;    /* the line where its type was decided (messages name only the line) */
    int uses;
    int node_uses;    /* how many nodes (or targets) read it */
    int shared;       /* leading segments equal to the previous slot's: binding reuses their lookups */
    const void *last_user;
    const metric_decl_t *decl; /* its declaration, or NULL */
} metric_slot_t;

struct compiled_index;

typedef struct program {
    arena_t arena;
    source_t **sources;
    size_t nsources, capsources;
    file_ast_t **files;
    size_t nfiles, capfiles;
    node_t **indexes;
    size_t nindexes, capindexes;
    plan_t **plans;
    size_t nplans, capplans;

    metric_slot_t *metrics;
    size_t nmetrics, capmetrics;
    strmap_t metric_by_key;
    let_t **lets;
    size_t nlets, caplets;

    struct compiled_index **compiled; /* one per index, after compile */
    struct compiled_program *code;     /* constants and lets, after compile */
    struct compiled_plan **cplans;     /* one per plan, after compile */
    size_t ndecls;                     /* metric declarations in all files */
} program_t;

/* Runs every check on a parsed program; diagnostics go to `diags`. */
void check_program(program_t *prog, diag_list_t *diags);

/* The pieces of the checker, in the order check_program runs them. */
void check_structure(program_t *prog, node_t *index, diag_list_t *diags);
/* Versions of one index (check_versions.c): no two may apply to one year;
 * a node's `previously` should name a node of the previous version. */
void check_versions(program_t *prog, diag_list_t *diags);
/* The version of index `family` (any index of that name) whose periods
 * contain `year`, or -1; an unversioned index applies to every year. */
/* Maxima of an index with a legal basis: each cited by its node, or marked
 * `giả_định` (check_sources.c). */
void check_sources(program_t *prog, diag_list_t *diags);
long program_version_for_year(const program_t *prog, size_t family, int year);
/* The version that comes just before `index` (the latest whose last year
 * is before its first), or -1. */
long program_previous_version(const program_t *prog, size_t index);
void check_names_and_types(program_t *prog, diag_list_t *diags);
void check_bands(program_t *prog, node_t *index, diag_list_t *diags);
void check_lint(program_t *prog, diag_list_t *diags);
/* Metric declarations (check_metrics.c): before names and types, they
 * give slots, types and ranges; after them, reading an undeclared metric,
 * comparisons outside a declared range and units of measure (a ratio
 * compared with 98 instead of 98%) are reported. */
void check_declarations(program_t *prog, diag_list_t *diags);
void check_metric_use(program_t *prog, diag_list_t *diags);

/* The slot of a metric path, created when new; does not count as a use. */
int program_metric_slot(program_t *prog, char **segs, int nsegs, const char *text, srcloc_t loc);
/* Room for n metric slots (the names the files read: an upper bound),
 * allocated once rather than grown by copying. */
void program_reserve_metrics(program_t *prog, size_t n);
/* The values a declared metric may take in the rules (a percent is a
 * fraction there: 85 typed is 0.85), from its bounds or its kind. */
range_t metric_decl_range(const metric_decl_t *d, bool in_rules);

/* The range of values an expression can take, as far as the checker can
 * tell without a submission (exact for constant expressions). */
range_t expr_value_range(const expr_t *e);
/* True (and *value set) when `e` is a constant number or date. */
bool expr_constant(const expr_t *e, rat_t *value);

#endif

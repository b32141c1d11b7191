/* ast_build.h — constructors the parser calls to build the tree.
 *
 * The grammar parses the body of an index, a node and a plan alike, as a list
 * of items; the builders here sort the items into the right fields and report
 * items that do not belong ("`total` is only allowed in an index", a second
 * `value`, a band before its `value`). This keeps the grammar small and its
 * error recovery simple. */
#ifndef CHISO_AST_BUILD_H
#define CHISO_AST_BUILD_H

#include "ast.h"

struct parse_ctx;

typedef enum {
    IT_TOTAL, IT_SOURCE, IT_POLICY, IT_GRADE, IT_NODE, IT_DEDUCT, IT_LET,
    IT_APPLIES_IF, IT_VALUE, IT_BAND, IT_SCORE, IT_PARENT, IT_TARGET,
    IT_METRIC,
    IT_EVIDENCE, IT_ORIGIN, /* the appraisal process: engine/ast/ast_process.c */
    IT_APPLIES_TO, IT_PREVIOUSLY, /* versions: engine/ast/ast_version.c */
} item_kind;

typedef struct item {
    item_kind kind;
    srcloc_t loc;
    struct item *next;
    rat_t num;                 /* total */
    char *str;                 /* source, parent */
    char *policy_key, *policy_value;
    srcloc_t value_loc;        /* policy value / total number */
    grade_entry_t *grades;
    size_t ngrades;
    node_t *node;
    deduct_t *deduct;
    let_t *let;
    expr_t *expr;              /* applies_if, value, score */
    band_t *band;
    target_t *target;
    metric_decl_t *metric;
    char **strs;               /* evidence titles */
    size_t nstrs;
    period_range_t *periods;   /* applies_to */
    size_t nperiods;
} item_t;

typedef struct item_list {
    item_t *head, *tail;
} item_list_t;

item_t *item_new(struct parse_ctx *ctx, item_kind kind, srcloc_t loc);
void item_append(item_list_t *list, item_t *it);

expr_t *expr_new(struct parse_ctx *ctx, expr_kind kind, srcloc_t loc);
/* `band true -> P` / `mức đúng -> P`: the band of a yes/no value that
 * holds when the value is `value` (a comparison == true/false, labelled
 * "đúng"/"sai" as the value is shown). */
item_t *bool_band(struct parse_ctx *ctx, bool value, srcloc_t word, srcloc_t span, expr_t *points);
expr_t *expr_unary(struct parse_ctx *ctx, op_kind op, expr_t *a, srcloc_t loc);
expr_t *expr_binary(struct parse_ctx *ctx, op_kind op, expr_t *a, expr_t *b, srcloc_t loc);
expr_t *expr_if(struct parse_ctx *ctx, expr_t *c, expr_t *t, expr_t *e, srcloc_t loc);
/* `name` is kept as it is: the parse's copy (parse_text), not a copy of its own. */
expr_t *expr_call(struct parse_ctx *ctx, const char *name, expr_t **args, int nargs,
                  srcloc_t loc);
/* A band's label, ">= 95%": the comparison and the threshold as written. */
char *band_label(struct parse_ctx *ctx, op_kind cmp, const expr_t *threshold);

node_t *build_index(struct parse_ctx *ctx, const char *name, srcloc_t loc, item_list_t items);
node_t *build_node(struct parse_ctx *ctx, node_kind kind, const char *id, srcloc_t id_loc,
                   const char *name, rat_t max, srcloc_t max_loc, srcloc_t loc,
                   item_list_t items);
plan_t *build_plan(struct parse_ctx *ctx, const char *name, srcloc_t loc, item_list_t items);

/* Metric declarations (metric_decl.c): the declaration, then each clause. */
metric_decl_t *metric_decl_new(struct parse_ctx *ctx, char **segs, int nsegs, const char *text,
                               const char *label, srcloc_t loc, srcloc_t path_loc);
void metric_decl_word(struct parse_ctx *ctx, metric_decl_t *d, const char *word, srcloc_t loc);
metric_decl_t *metric_decl_bound(struct parse_ctx *ctx, metric_decl_t *d, const char *word,
                                 srcloc_t word_loc, rat_t value, bool is_date, bool is_percent,
                                 srcloc_t value_loc);
metric_decl_t *metric_decl_unit(struct parse_ctx *ctx, metric_decl_t *d, const char *unit,
                                srcloc_t loc);
metric_decl_t *metric_decl_constraint(struct parse_ctx *ctx, metric_decl_t *d, op_kind cmp,
                                      expr_t *rhs, srcloc_t loc);
/* Adds a finished declaration to the file being parsed. */
void metric_decl_add(struct parse_ctx *ctx, metric_decl_t *d);
/* `evidence` and `origin` items of an index or node (ast_process.c). */
void apply_process_item(struct parse_ctx *ctx, node_t *n, item_t *it);

/* Versions (ast_version.c): a year, a span `2019 đến 2020` (the word
 * must be to/đến/den), `từ 2022` (from/từ/tu) as written; and the
 * `applies_to` / `previously` items of an index or node. */
period_range_t period_year(struct parse_ctx *ctx, rat_t year, const char *text, srcloc_t loc);
period_range_t period_span(struct parse_ctx *ctx, rat_t from, const char *from_text, srcloc_t from_loc,
                           const char *word, srcloc_t word_loc, rat_t to, const char *to_text,
                           srcloc_t to_loc);
period_range_t period_from(struct parse_ctx *ctx, const char *word, srcloc_t word_loc, rat_t from,
                           const char *from_text, srcloc_t from_loc);
void apply_version_item(struct parse_ctx *ctx, node_t *n, item_t *it);

/* A node's rare part (ast.h), made on first use: for the items that fill it. */
node_rare_t *node_rare_of(struct parse_ctx *ctx, node_t *n);

/* Writes the expression back as source text (for band labels, messages). */
char *expr_to_text(arena_t *arena, const expr_t *e);

#endif

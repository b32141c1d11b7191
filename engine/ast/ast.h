/* ast.h — the syntax tree the parser builds and the checker annotates.
 *
 * An index is a node tree: the index itself is the root (kind NODE_INDEX,
 * max = its `total`), groups/fields/criteria are inner nodes, and a node with
 * `value`+`band`s or `score` is a leaf. Expressions carry their source span
 * and, after checking, their type and the let or metric they refer to. */
#ifndef CHISO_AST_H
#define CHISO_AST_H

#include "../support/arena.h"
#include "../support/diag.h"
#include "../support/rational.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { TY_UNKNOWN, TY_NUMBER, TY_BOOL, TY_DATE, TY_STRING, TY_ERROR } value_type;
const char *type_name(value_type t);

typedef enum {
    EX_NUMBER, EX_BOOL, EX_DATE, EX_STRING,
    EX_NAME,     /* one identifier: a let or a one-segment metric path */
    EX_PATH,     /* dotted metric path (or a backquoted key) */
    EX_NODE_MAX, /* `max` alone: the enclosing node's maximum */
    EX_CALL, EX_UNARY, EX_BINARY, EX_IF,
} expr_kind;

typedef enum {
    OP_NONE,
    OP_NEG, OP_NOT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV,
    OP_AND, OP_OR,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
} op_kind;
const char *op_text(op_kind op);
static inline bool op_is_cmp(op_kind op) { return op >= OP_LT && op <= OP_NE; }
/* Does `a op b` hold, given c = the sign of a - b (-1, 0, 1)? */
static inline bool cmp_holds(op_kind op, int c)
{
    switch (op) {
    case OP_GE: return c >= 0;
    case OP_GT: return c > 0;
    case OP_LE: return c <= 0;
    case OP_LT: return c < 0;
    case OP_EQ: return c == 0;
    default: return c != 0;
    }
}

/* A closed/open interval of possible values (for band reachability). */
typedef struct {
    bool has_lo, has_hi;
    rat_t lo, hi;
} range_t;

struct let_decl;

typedef struct expr {
    /* Packed (72 bytes): a large index has hundreds of thousands of
     * expressions, and their size is most of a check's memory. What only
     * some kinds have shares a union: read a field of the union only for
     * the kinds it names. The fields before it hold for every kind. */
    uint8_t kind;           /* expr_kind */
    uint8_t op;             /* op_kind */
    uint8_t type;           /* value_type, set by the checker */
    bool is_percent;
    bool boolean;
    uint8_t depth;          /* nesting, for the parser's limit (saturates at 255) */
    uint16_t nsegs;         /* EX_NAME/EX_PATH (at most EXPR_MAX_SEGS; 0 for every other kind) */
    int metric;             /* metric slot for EX_NAME/EX_PATH (-1 for every other kind) */
    int nargs;              /* calls (0 for every other kind) */
    srcloc_t loc;
    char *text;             /* literal text as written, string value, or name */
    union {
        struct {            /* EX_UNARY, EX_BINARY, EX_IF (expr_has_operands) */
            struct expr *a, *b, *c; /* operands; for EX_IF: cond, then, else */
        };
        rat_t num;          /* EX_NUMBER */
        rat_t node_max;     /* EX_NODE_MAX, set by the checker */
        int date;           /* EX_DATE: days since 1970-01-01 */
        struct {            /* EX_NAME, EX_PATH */
            char **segs;
            struct let_decl *let;           /* EX_NAME bound to a let (checker) */
            const struct metric_decl *decl; /* the declaration of the metric read (or NULL) */
        };
        struct {            /* EX_CALL */
            struct expr **args;
            int builtin;    /* builtin id, set by the checker (-1 before, and when unknown) */
        };
    };
} expr_t;

/* The most segments a metric path may have (expr_t.nsegs is 16 bits). */
#define EXPR_MAX_SEGS 65535

/* Does `e` have operands a, b, c (which other kinds do not)? */
static inline bool expr_has_operands(const expr_t *e)
{
    return e->kind == EX_UNARY || e->kind == EX_BINARY || e->kind == EX_IF;
}

typedef struct let_decl {
    char *name;
    srcloc_t loc;
    expr_t *value;
    int id;        /* index into program lets, set by the checker */
    int uses;
    struct node *owner; /* NULL for plan-level lets */
} let_t;

typedef enum { CMP_OTHERWISE = 0 } band_cmp_otherwise;

typedef struct band {
    srcloc_t loc;
    op_kind cmp;        /* OP_NONE for `otherwise` */
    expr_t *threshold;  /* NULL for otherwise */
    expr_t *points;
    char *label;        /* ">= 95%" as written, for results */
} band_t;

typedef struct deduct {
    srcloc_t loc;
    char *reason;
    expr_t *amount;
    bool has_cap;
    rat_t cap;
    srcloc_t cap_loc;
    bool bonus;          /* `bonus` / `thưởng`: adds the points instead */
} deduct_t;

typedef enum { POL_UNSET = 0, NA_FULL, NA_EXCLUDE, NA_ZERO } na_policy;
typedef enum { MISS_UNSET = 0, MISS_ERROR, MISS_ZERO } missing_policy;

/* Where a node's points come from (`origin` / `nguồn`): the appraisal of
 * the unit's self-assessment, or the sociological survey (never
 * self-scored). Unset inherits the parent's; the index defaults to appraisal. */
typedef enum { ORIGIN_UNSET = 0, ORIGIN_APPRAISAL, ORIGIN_SURVEY } point_origin;
const char *point_origin_name(point_origin o);

typedef enum { NODE_INDEX, NODE_GROUP, NODE_FIELD, NODE_CRITERION } node_kind;
const char *node_kind_name(node_kind k);

typedef struct grade_entry {
    char *label;
    bool otherwise;
    rat_t threshold;
    srcloc_t loc;
} grade_entry_t;

/* A span of years an index version applies to (`áp_dụng 2022 đến 2030`);
 * to == PERIOD_OPEN for `áp_dụng từ 2022` (from 2022 on). */
#define PERIOD_OPEN 99999
typedef struct period_range {
    int from, to;
    srcloc_t loc;
} period_range_t;

typedef struct node {
    /* One per node of a large index: no field that nothing reads (the
     * items' own positions serve their diagnostics), the small fields
     * first, so that no padding comes between them, and lists counted in
     * 32 bits (a count and a capacity in 8 bytes, not 16). */
    node_kind kind;
    na_policy na;
    missing_policy missing;
    point_origin origin;   /* as written (ORIGIN_UNSET: inherited) */
    int ordinal;           /* preorder number, set by the checker */
    bool has_max;
    bool has_grade;
    /* `tối_đa N giả_định` (`max N assumed`): no source gives this maximum,
     * and the file says so (engine/check/check_sources.c) */
    bool max_assumed;
    srcloc_t loc;          /* the keyword */
    char *id;              /* "3.2"; the index's name for NODE_INDEX */
    srcloc_t id_loc;
    char *name;
    rat_t max;
    srcloc_t max_loc;
    char *source;
    expr_t *applies_if;

    let_t **lets;
    uint32_t nlets, caplets;
    deduct_t **deducts;
    uint32_t ndeducts, capdeducts;
    struct node **children;
    uint32_t nchildren, capchildren;

    /* leaf body */
    expr_t *value;
    srcloc_t value_loc;
    band_t **bands;
    uint32_t nbands, capbands;
    expr_t *score;

    struct node *parent;
    const char *na_word;   /* the not-applicable policy as the file writes it (đủ_điểm, full) */
    struct node_rare *rare; /* what few nodes have (node_rare()), or NULL */
} node_t;

/* What few nodes have, apart from the node (about 100 bytes less for each
 * of the many criteria of a large index): the index's grades and periods,
 * the evidence a node requires, the ID it had in the previous version.
 * Read it with node_rare(n), which is all empty for a node without it;
 * the builders make it on the first such item (ast_build.h). */
typedef struct node_rare {
    /* index only */
    grade_entry_t *grades;
    uint32_t ngrades, capgrades;
    srcloc_t grade_loc;

    /* the appraisal process: evidence required */
    char **evidence;       /* `evidence "..." "..."` / `kiểm_chứng` titles */
    uint32_t nevidence, capevidence;

    /* versions (engine/ast/ast_version.c): the periods an index applies to
     * (`áp_dụng`; none: every period), and the ID a node had in the
     * previous version (`trước_đây`), for the trend across versions */
    period_range_t *periods;
    uint32_t nperiods, capperiods;
    char *previously;
    srcloc_t previously_loc;
} node_rare_t;

extern const node_rare_t node_rare_none;
static inline const node_rare_t *node_rare(const node_t *n) { return n->rare ? n->rare : &node_rare_none; }

/* Does the index apply to `year` (an index without periods applies to all)? */
bool index_applies_to_year(const node_t *index, int year);
/* The periods as written for people: "2017", "2019 đến 2020, từ 2022". */
char *index_periods_text(const node_t *index);

/* The origin in force at a node: its own, else its nearest ancestor's,
 * else appraisal. */
point_origin node_origin(const node_t *n);

static inline bool node_is_leaf(const node_t *n) { return n->value || n->score || n->nbands; }

typedef struct target {
    char *id;
    srcloc_t loc, id_loc;
    char *title;
    char *field;
    srcloc_t field_loc;
    char *source;
    expr_t *expr;
    char *implements;      /* the parent target it implements (thực_hiện), or NULL */
    srcloc_t implements_loc;
} target_t;

typedef struct plan {
    char *name;
    srcloc_t loc;
    char *parent;
    srcloc_t parent_loc;
    char *source;
    let_t **lets;
    size_t nlets, caplets;
    target_t **targets;
    size_t ntargets, captargets;
} plan_t;

typedef struct include_decl {
    char *path;
    srcloc_t loc;
} include_t;

/* What one parsed file contributes. */
typedef struct file_ast {
    const struct source *src;
    include_t *includes;
    size_t nincludes, capincludes;
    node_t **indexes;
    size_t nindexes, capindexes;
    plan_t **plans;
    size_t nplans, capplans;
    struct metric_decl **metric_decls;
    size_t nmetric_decls, capmetric_decls;
    size_t nnames;       /* names and paths read (at most that many metrics): the checker sizes its table once */
} file_ast_t;

/* A metric declaration (`metric` / `số_liệu`): what a metric is, for the
 * checker, the scorer and the person filling in the template. */
typedef enum {
    MK_NONE, MK_COUNT, MK_AMOUNT, MK_RATIO, MK_PERCENT, MK_BOOL, MK_DATE, MK_TEXT,
} metric_kind;
const char *metric_kind_name(metric_kind k);      /* "count" */
const char *metric_kind_vietnamese(metric_kind k); /* "đếm" */
/* The clause words of a declaration (kinds, `from`, `to`, `required`), in
 * the three spellings; they are recognised by position, not reserved. For
 * fmt --keywords: the English or Vietnamese spelling of `word` (len bytes),
 * or NULL when it is none of them. */
const char *metric_decl_word_spelling(const char *word, size_t len, bool vietnamese);
size_t metric_decl_word_count(void);
bool metric_decl_word_at(size_t i, const char **en, const char **vi, const char **ascii, bool *is_kind);

typedef struct metric_constraint {
    op_kind cmp;      /* the declared metric CMP rhs */
    expr_t *rhs;
    srcloc_t loc;
} metric_constraint_t;

typedef struct metric_decl {
    char **segs;
    int nsegs;
    char *text;          /* "hồ_sơ.tổng_số" */
    srcloc_t loc;        /* the keyword */
    srcloc_t path_loc;
    char *label;         /* Vietnamese label */
    metric_kind kind;
    srcloc_t kind_loc;
    char *unit;          /* unit text ("hồ sơ"), or NULL */
    bool has_lo, has_hi; /* allowed range, as typed in a submission (dates: days) */
    rat_t lo, hi;
    srcloc_t range_loc;
    bool required;       /* null (không phát sinh) not allowed */
    metric_constraint_t *constraints;
    size_t nconstraints, capconstraints;
    int slot;            /* metric slot, set by the checker (-1 before) */
    range_t typed;       /* the range as typed (bounds, else the kind's), set by the checker */
} metric_decl_t;

#endif

/* bytecode.h — the compact form the evaluator runs.
 *
 * Each expression compiles to a short postfix program for a stack machine:
 * constants come from a pool, metrics are read by slot number (resolved once
 * per submission), lets by number (evaluated once per submission), and
 * `and`, `or` and `if` jump so that an untaken branch is never evaluated.
 * Nothing here refers to a name or a string of the source. */
#ifndef CHISO_BYTECODE_H
#define CHISO_BYTECODE_H

#include "engine/ast/ast.h"

#include <stdint.h>

typedef enum {
    BC_CONST,    /* a: constant index */
    BC_METRIC,   /* a: metric slot */
    BC_PRESENT,  /* a: metric slot */
    BC_LET,      /* a: let id */
    BC_NEG, BC_NOT,
    BC_ADD, BC_SUB, BC_MUL, BC_DIV,
    BC_CMP,      /* a: op_kind */
    BC_AND_SKIP, /* if top is false, jump to a (leaving it) */
    BC_OR_SKIP,  /* if top is true, jump to a (leaving it) */
    BC_AND, BC_OR,
    BC_IF,       /* pop cond; true: go on; false: jump a; else push cond, jump b */
    BC_JUMP,     /* a: target */
    BC_CALL,     /* a: builtin id, b: argument count */
} bc_op;

typedef struct insn {
    uint8_t op;
    int32_t a, b;
} insn_t;

typedef struct {
    insn_t *code;
    int len;
    int max_stack;
    /* What the code does when it is one of the common shapes, so that
     * eval_code needs no machine: one constant (a band's threshold or
     * points), one metric, or the ratio of two metrics (the value of most
     * criteria). */
    uint8_t shape;
} code_t;

enum { CODE_RUN, CODE_CONST, CODE_METRIC, CODE_RATIO_OF_METRICS };

/* Constants of every kind live in one pool per program. */
typedef struct {
    value_type type;
    rat_t num;
    int date;
    bool boolean;
    const char *str;
} constant_t;

#endif

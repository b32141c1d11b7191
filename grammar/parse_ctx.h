/* parse_ctx.h — state shared by the flex lexer and the bison parser for one
 * file, and the entry point that runs them. */
#ifndef CHISO_PARSE_CTX_H
#define CHISO_PARSE_CTX_H

#include "engine/ast/ast.h"
#include "engine/support/source.h"

typedef struct parse_ctx {
    arena_t *arena;
    const source_t *src;
    diag_list_t *diags;
    file_ast_t *file;
    size_t syntax_errors; /* from the parser: the tree may be incomplete */
    size_t lex_errors;    /* bad characters, numbers, strings: the tree is whole */
    int nesting_reported;
} parse_ctx_t;

/* Lexes and parses `src` into `out` (allocated in `arena`). Syntax errors go
 * to `diags`; returns the number of syntax errors. */
size_t chiso_parse_source(const source_t *src, arena_t *arena, diag_list_t *diags,
                          file_ast_t *out);

/* Deepest expression or node nesting accepted. */
#define CHISO_MAX_NESTING 200
#define CHISO_MAX_NESTING_NODES 64

#endif

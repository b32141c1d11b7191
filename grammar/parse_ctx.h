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
    /* Keywords seen, by spelling (0 English, 1 Vietnamese, 2 without
     * diacritics): syntax errors name keywords the way the file writes them. */
    int keyword_style[3];
    /* The '{'s still open, innermost last, and the first '}' that seemed
     * to close an outer block, to report an unclosed '{' where it was
     * opened (parse.c). Only these: a large index has a '{' per node. */
    struct brace_rec *open_braces;
    size_t nopen, capopen;
    struct brace_rec *misclosed; /* NULL, or that '}''s block */
    const struct parse_hooks *hooks; /* observers for tools; NULL when parsing to score */
    struct item *free_items;         /* items of finished blocks, to reuse (ast_build.c) */
    /* One copy of each name, path, segment, number and band label read
     * (engine/support/intern.h); NULL when only tokens are listed. */
    struct intern *strings;
} parse_ctx_t;

/* The arena's copy of s[0..n): the one shared copy while a file is parsed. */
char *parse_text(parse_ctx_t *ctx, const char *s, size_t n);

typedef struct brace_rec {
    int line, col, indent;           /* the '{' and the indentation of its line */
    int close_line, close_indent;    /* its '}' (0 while open); -1: '}' not first on its line */
} brace_rec_t;

/* The lexer saw '{' or '}' at line:col. */
void parse_note_brace(parse_ctx_t *ctx, char c, int line, int col);
/* At the end of a file with a '{' left open: the '{' most likely unclosed
 * (by indentation, else the innermost), or NULL. */
const brace_rec_t *parse_unclosed_brace(const parse_ctx_t *ctx);

/* What tools that keep the layout (fmt, the language server) observe while
 * a file is lexed and parsed: each comment, and where each statement (an
 * item of a block, or a top-level declaration) starts. */
typedef struct parse_hooks {
    void *data;
    void (*comment)(void *data, int line, int col, int end_line, int end_col);
    void (*statement)(void *data, int line, int col);
} parse_hooks_t;

/* Lexes and parses `src` into `out` (allocated in `arena`). Syntax errors go
 * to `diags`; returns the number of syntax errors. */
size_t chiso_parse_source(const source_t *src, arena_t *arena, diag_list_t *diags,
                          file_ast_t *out);
/* The same, reporting comments and statement starts to `hooks`. */
size_t chiso_parse_source_hooked(const source_t *src, arena_t *arena, diag_list_t *diags,
                                 file_ast_t *out, const parse_hooks_t *hooks);

/* Deepest expression or node nesting accepted. */
#define CHISO_MAX_NESTING 200
#define CHISO_MAX_NESTING_NODES 64

#endif

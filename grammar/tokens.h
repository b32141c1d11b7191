/* tokens.h — a rules file as the list of its tokens and comments, with
 * their positions, for tools that keep the author's layout (fmt, the
 * language server). Kinds are the parser's token numbers (see parser.h:
 * keywords, literals, operators; single characters are their own code),
 * plus TOKEN_COMMENT. */
#ifndef CHISO_TOKENS_H
#define CHISO_TOKENS_H

#include "engine/ast/ast.h"
#include "engine/support/source.h"

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_COMMENT (-1)

typedef struct lex_token {
    int kind;
    int line, col, end_line, end_col; /* 1-based code-point columns, end exclusive */
    size_t start, end;                /* byte offsets in the source text */
    bool statement;                   /* the first token of a statement */
} lex_token_t;

typedef struct token_list {
    lex_token_t *items;
    size_t count, cap;
} token_list_t;

/* Lexes and parses `src`: its tokens and comments in order, each statement
 * start marked. Lexical and syntax errors go to `diags`; returns their
 * number (the list is then still filled as far as the lexer got). */
size_t tokens_read(const source_t *src, diag_list_t *diags, token_list_t *out);
void tokens_free(token_list_t *list);

/* Byte offset of (line, col) in the source text. */
size_t source_offset(const source_t *src, int line, int col);

/* Token classes the layout and highlighting rules need. */
bool token_is_keyword(int kind);
bool token_ends_operand(int kind); /* a literal, a name, `)`: `-` after it is binary */
bool token_is_operator(int kind);  /* + - * / comparisons -> = */
int token_arrow(void);             /* the kind of `->` */
int token_lbrace(void);
int token_ident(void);
int token_max(void);
int token_policy(void);
int token_string(void);
int token_path(void);
int token_metric(void);            /* `metric` / `số_liệu` */
int token_applies_to(void);        /* `applies_to` / `áp_dụng` */
int token_origin(void);            /* `origin` / `nguồn` */

#endif

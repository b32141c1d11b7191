/* lsp_doc_impl.h — what the parts of the language server's analysis of a
 * document share (lsp_doc.c: diagnostics, hover, definition, symbols;
 * lsp_complete.c: completion): the document, positions, and the walks over
 * its syntax tree. */
#ifndef CHISO_LSP_DOC_IMPL_H
#define CHISO_LSP_DOC_IMPL_H

#include "engine/lsp/lsp_doc.h"

#include "engine/api/program_impl.h"
#include "engine/support/strmap.h"
#include "grammar/tokens.h"

#include <jansson.h>

struct lsp_doc {
    char *path;
    source_t *src;     /* NFC, LF: what positions refer to */
    token_list_t toks;
    chiso_program *prog;
};

/* The 1-based code-point column of an LSP position (0-based line and
 * UTF-16 character). */
int lsp_column_of(const source_t *src, int line, int character);
/* The text of a token (malloc'd). */
char *lsp_token_text(const lsp_doc_t *doc, const lex_token_t *t);

typedef void (*lsp_node_fn)(const node_t *n, void *data);
/* fn on every node of every index, parents first. */
void lsp_all_nodes(const lsp_doc_t *doc, lsp_node_fn fn, void *data);

/* Every metric read (an expression path or name that is no let) and every
 * let, with the node or target that holds it. */
typedef struct {
    const char *name; /* what is looked for; NULL to collect all */
    json_t *readers;  /* "1.2 (line 14)" strings */
    const let_t *let;
    strmap_t seen;
    json_t *all;      /* every metric text, when collecting */
} lsp_reads_t;
void lsp_walk_reads(const lsp_doc_t *doc, lsp_reads_t *r);

#endif

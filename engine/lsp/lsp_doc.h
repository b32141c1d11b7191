/* lsp_doc.h — what the language server knows of one open rules file: its
 * text, tokens (with comments) and the checked program, and the answers to
 * an editor's questions about it. Positions are LSP positions: 0-based
 * lines, and characters in UTF-16 code units. Every answer is a new JSON
 * reference in the shape the LSP specification gives it. */
#ifndef CHISO_LSP_DOC_H
#define CHISO_LSP_DOC_H

#include <jansson.h>
#include <stddef.h>

typedef struct lsp_doc lsp_doc_t;

/* Analyses `text`, the contents of the file at `path` (includes are read
 * from the disk beside it). */
lsp_doc_t *lsp_doc_open(const char *path, const char *text, size_t len);
void lsp_doc_free(lsp_doc_t *doc);

json_t *lsp_doc_diagnostics(const lsp_doc_t *doc); /* Diagnostic[] of this file */
json_t *lsp_doc_hover(const lsp_doc_t *doc, int line, int character);      /* Hover or null */
json_t *lsp_doc_definition(const lsp_doc_t *doc, int line, int character); /* Location or null */
json_t *lsp_doc_completion(const lsp_doc_t *doc, int line, int character); /* CompletionItem[] */
json_t *lsp_doc_symbols(const lsp_doc_t *doc);                             /* DocumentSymbol[] */
json_t *lsp_doc_format(const lsp_doc_t *doc); /* TextEdit[], or null when it does not parse */

/* file:///a/b%20c.chiso -> /a/b c.chiso (malloc'd), and back. */
char *lsp_uri_to_path(const char *uri);
char *lsp_path_to_uri(const char *path);

#endif

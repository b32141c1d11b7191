/* parse.c — runs the flex scanner and bison parser over one source. */
#include "grammar/parse_ctx.h"

#include "engine/support/intern.h"

#include "parser.h"
#include "lexer.h"

#include <string.h>

/* Indentation (in columns) of line `line`, or -1 when the text before
 * `col` is not blank (the brace is not first on its line). */
static int indent_of(const parse_ctx_t *ctx, int line, int col, bool before_must_be_blank)
{
    size_t len;
    const char *text = source_line(ctx->src, line, &len);
    if (!text) return 0;
    int n = 0;
    while ((size_t)n < len && (text[n] == ' ' || text[n] == '\t')) n++;
    if (before_must_be_blank && n + 1 != col) return -1;
    return n;
}

void parse_note_brace(parse_ctx_t *ctx, char c, int line, int col)
{
    if (c == '{') {
        ARENA_PUSH(ctx->arena, ctx->open_braces, ctx->nopen, ctx->capopen);
        ctx->open_braces[ctx->nopen++] = (brace_rec_t){line, col, indent_of(ctx, line, col, false), 0, 0};
    } else if (ctx->nopen) {
        brace_rec_t *b = &ctx->open_braces[--ctx->nopen];
        b->close_line = line;
        b->close_indent = indent_of(ctx, line, col, true);
        /* A '}' on its own line, less indented than the line of the '{' it
         * closed, closed an outer block: if a '{' is left open at the end,
         * it is that one. The first such '}' in the file is kept (outer
         * blocks follow it); '}'s come in file order, so it is the first
         * one seen. */
        if (!ctx->misclosed && b->close_line > b->line && b->close_indent >= 0 && b->close_indent < b->indent) {
            ctx->misclosed = arena_alloc8(ctx->arena, sizeof *ctx->misclosed);
            *ctx->misclosed = *b;
        }
    }
}

char *parse_text(parse_ctx_t *ctx, const char *s, size_t n)
{
    return ctx->strings ? intern_text(ctx->strings, s, n) : arena_strndup(ctx->arena, s, n);
}

const brace_rec_t *parse_unclosed_brace(const parse_ctx_t *ctx)
{
    if (!ctx->nopen) return NULL;
    return ctx->misclosed ? ctx->misclosed : &ctx->open_braces[ctx->nopen - 1];
}

size_t chiso_parse_source(const source_t *src, arena_t *arena, diag_list_t *diags,
                          file_ast_t *out)
{
    return chiso_parse_source_hooked(src, arena, diags, out, NULL);
}

size_t chiso_parse_source_hooked(const source_t *src, arena_t *arena, diag_list_t *diags,
                                 file_ast_t *out, const parse_hooks_t *hooks)
{
    parse_ctx_t ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.hooks = hooks;
    ctx.arena = arena;
    ctx.src = src;
    ctx.diags = diags;
    ctx.file = out;
    out->src = src;
    intern_t strings;
    intern_init(&strings, arena);
    ctx.strings = &strings;

    yyscan_t scanner;
    if (chiso_yylex_init_extra(&ctx, &scanner) != 0) return 1;
    /* In place, without flex's copy of the whole text: the source ends in
     * the two NUL bytes flex needs, and flex restores every byte it
     * borrows while it scans. */
    YY_BUFFER_STATE buf = chiso_yy_scan_buffer(src->text, src->len + 2, scanner);
    if (!buf) {
        chiso_yylex_destroy(scanner);
        return 1;
    }
    chiso_yyparse(scanner, &ctx);
    chiso_yy_delete_buffer(buf, scanner);
    chiso_yylex_destroy(scanner);
    intern_free(&strings);
    return ctx.syntax_errors;
}

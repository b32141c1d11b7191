/* parse.c — runs the flex scanner and bison parser over one source. */
#include "grammar/parse_ctx.h"

#include "parser.h"
#include "lexer.h"

#include <string.h>

size_t chiso_parse_source(const source_t *src, arena_t *arena, diag_list_t *diags,
                          file_ast_t *out)
{
    parse_ctx_t ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = arena;
    ctx.src = src;
    ctx.diags = diags;
    ctx.file = out;
    out->src = src;

    yyscan_t scanner;
    if (yylex_init_extra(&ctx, &scanner) != 0) return 1;
    YY_BUFFER_STATE buf = yy_scan_bytes(src->text, (int)src->len, scanner);
    yyparse(scanner, &ctx);
    yy_delete_buffer(buf, scanner);
    yylex_destroy(scanner);
    return ctx.syntax_errors;
}

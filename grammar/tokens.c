/* tokens.c — the token stream of a rules file with its comments, for
 * layout-keeping tools. The scanner is run alone (to list every token) and
 * the parser once more with hooks (to learn where statements start and to
 * report syntax errors); the two are matched by position. */
#include "grammar/tokens.h"

#include "engine/support/xalloc.h"
#include "grammar/keywords.h"
#include "grammar/parse_ctx.h"

#include "parser.h"
#include "lexer.h"

#include <string.h>

size_t source_offset(const source_t *src, int line, int col)
{
    if (line < 1) return 0;
    if ((size_t)line > src->nlines) return src->len;
    size_t i = src->line_starts[line - 1];
    for (int c = 1; c < col && i < src->len && src->text[i] != '\n'; c++) {
        i++;
        while (i < src->len && ((unsigned char)src->text[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

typedef struct {
    int line, col;
} pos_t;

typedef struct {
    const source_t *src;
    token_list_t *out;
    pos_t *starts; /* statement starts */
    size_t nstarts, capstarts;
} collect_t;

static void push(collect_t *c, int kind, int line, int col, int end_line, int end_col)
{
    token_list_t *l = c->out;
    VEC_PUSH(l->items, l->count, l->cap);
    lex_token_t *t = &l->items[l->count++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->line = line;
    t->col = col;
    t->end_line = end_line;
    t->end_col = end_col;
    t->start = source_offset(c->src, line, col);
    t->end = source_offset(c->src, end_line, end_col);
}

static void on_comment(void *data, int line, int col, int end_line, int end_col)
{
    push(data, TOKEN_COMMENT, line, col, end_line, end_col);
}

static void on_statement(void *data, int line, int col)
{
    collect_t *c = data;
    VEC_PUSH(c->starts, c->nstarts, c->capstarts);
    c->starts[c->nstarts++] = (pos_t){line, col};
}

static int cmp_pos(const void *a, const void *b)
{
    const pos_t *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

size_t tokens_read(const source_t *src, diag_list_t *diags, token_list_t *out)
{
    memset(out, 0, sizeof *out);
    collect_t c = {src, out, NULL, 0, 0};
    parse_hooks_t hooks = {&c, on_comment, NULL};

    /* 1. every token and comment, in order */
    arena_t arena;
    arena_init(&arena);
    diag_list_t lexdiags;
    diag_list_init(&lexdiags);
    parse_ctx_t ctx;
    memset(&ctx, 0, sizeof ctx);
    file_ast_t file;
    memset(&file, 0, sizeof file);
    ctx.arena = &arena;
    ctx.src = src;
    ctx.diags = &lexdiags;
    ctx.file = &file;
    ctx.hooks = &hooks;
    yyscan_t scanner;
    if (chiso_yylex_init_extra(&ctx, &scanner) == 0) {
        YY_BUFFER_STATE buf = chiso_yy_scan_bytes(src->text, (int)src->len, scanner);
        YYSTYPE lval;
        YYLTYPE lloc = {1, 1, 1, 1};
        int kind;
        while ((kind = chiso_yylex(&lval, &lloc, scanner, &ctx)) != 0)
            push(&c, kind, lloc.first_line, lloc.first_column, lloc.last_line, lloc.last_column);
        chiso_yy_delete_buffer(buf, scanner);
        chiso_yylex_destroy(scanner);
    }
    diag_list_free(&lexdiags);
    arena_free(&arena);

    /* 2. the parse: errors, statement starts */
    arena_init(&arena);
    memset(&file, 0, sizeof file);
    hooks.comment = NULL;
    hooks.statement = on_statement;
    size_t before = diags->errors;
    chiso_parse_source_hooked(src, &arena, diags, &file, &hooks);
    arena_free(&arena);
    size_t errors = diags->errors - before;

    if (c.nstarts > 1) qsort(c.starts, c.nstarts, sizeof *c.starts, cmp_pos);
    size_t k = 0;
    for (size_t i = 0; i < out->count && k < c.nstarts; i++) {
        lex_token_t *t = &out->items[i];
        if (t->kind == TOKEN_COMMENT) continue;
        pos_t here = {t->line, t->col};
        while (k < c.nstarts && cmp_pos(&c.starts[k], &here) < 0) k++;
        if (k < c.nstarts && cmp_pos(&c.starts[k], &here) == 0) t->statement = true;
    }
    free(c.starts);
    return errors;
}

void tokens_free(token_list_t *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

bool token_is_keyword(int kind) { return kind > 0 && keyword_english(kind) != NULL; }

bool token_ends_operand(int kind)
{
    switch (kind) {
    case NUMBER: case PERCENT: case DATE: case STRING: case IDENT: case DOTTED_ID: case PATH:
    case TRUE: case FALSE: case MAX: case ')':
        return true;
    default:
        return false;
    }
}

bool token_is_operator(int kind)
{
    switch (kind) {
    case '+': case '-': case '*': case '/': case '=': case '>': case '<':
    case GE: case LE: case NE: case EQEQ: case ARROW:
        return true;
    default:
        return false;
    }
}

int token_arrow(void) { return ARROW; }
int token_lbrace(void) { return '{'; }
int token_ident(void) { return IDENT; }
int token_max(void) { return MAX; }
int token_policy(void) { return POLICY; }
int token_string(void) { return STRING; }
int token_path(void) { return PATH; }
int token_metric(void) { return METRIC; }
int token_applies_to(void) { return APPLIES_TO; }
int token_origin(void) { return ORIGIN; }

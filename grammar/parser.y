/* parser.y — grammar of the chiso rules language (contract §3).
 *
 * A pure (reentrant) parser with locations. Bodies of indexes, nodes and
 * plans are item lists sorted out by engine/ast/ast_build.c. Syntax errors
 * are reported with what was found and what was expected; `error` rules at
 * the item and file level let parsing continue, so one run reports every
 * syntax error in a file rather than only the first. */

%define api.pure full
%define api.prefix {chiso_yy}
%define parse.error custom
%locations
%param {void *scanner} {parse_ctx_t *ctx}

%code requires {
#include "engine/ast/ast.h"
#include "engine/ast/ast_build.h"
#include "grammar/parse_ctx.h"

/* The rare clauses with positions go in the semantic value by pointer:
 * bison copies the value on every shift and reduction, so it is kept to
 * 24 bytes. */
typedef struct cap_clause { rat_t value; srcloc_t loc; } cap_clause_t;
typedef struct target_opts { char *field; srcloc_t field_loc; char *impl; srcloc_t impl_loc; } target_opts_t;
}

%code provides {
/* The parser's and scanner's symbols carry the chiso_yy prefix (api.prefix,
 * flex's prefix option), so that a program embedding libchiso may have its
 * own yyparse and yylex; the rest of the grammar code keeps the usual names. */
#ifndef YYSTYPE
#define YYSTYPE CHISO_YYSTYPE
#define YYLTYPE CHISO_YYLTYPE
#endif
int chiso_yylex(YYSTYPE *lval, YYLTYPE *lloc, void *scanner, parse_ctx_t *ctx);
}

%code {
#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"
#include "grammar/keywords.h"

#include <string.h>

#define LOC(l) ((srcloc_t){ctx->src, (l).first_line, (l).first_column, (l).last_line, (l).last_column})
/* Tells a layout-keeping tool (fmt, lsp) where a statement starts. */
#define STATEMENT_AT(l) \
    do { if (ctx->hooks && ctx->hooks->statement) ctx->hooks->statement(ctx->hooks->data, (l).first_line, (l).first_column); } while (0)
#define LOC_SPAN(a, b) ((srcloc_t){ctx->src, (a).first_line, (a).first_column, (b).last_line, (b).last_column})

static void yyerror(YYLTYPE *loc, void *scanner, parse_ctx_t *ctx, const char *msg);

typedef struct { expr_t **items; int n, cap; } expr_vec;

/* A period of `áp_dụng`, in the arena (the semantic value holds a pointer). */
static period_range_t *period_new(parse_ctx_t *ctx, period_range_t p)
{
    period_range_t *r = arena_alloc(ctx->arena, sizeof *r);
    *r = p;
    return r;
}
}

%union {
    struct { rat_t value; char *text; } num;
    struct { int days; char *text; } date;
    struct { char **segs; int n; char *text; } path;
    char *str;
    expr_t *expr;
    struct { expr_t **items; int n, cap; } args;
    node_t *node;
    plan_t *plan;
    item_t *item;
    item_list_t items;
    op_kind op;
    node_kind nkind;
    struct { grade_entry_t *items; size_t n, cap; } grades;
    cap_clause_t *cap;             /* NULL: no cap */
    target_opts_t *topts;
    metric_decl_t *mdecl;
    struct { rat_t value; bool is_date, is_percent; } bound;
    struct { char **items; size_t n, cap; } strs;
    struct { period_range_t *items; size_t n, cap; } periods;
    period_range_t *period;
}

%token INDEX "index" PLAN "plan" GROUP "group" FIELD "field" CRITERION "criterion"
%token MAX "max" TOTAL "total" GRADE "grade" DEDUCT "deduct"
%token AND "and" OR "or" NOT "not" SOURCE "source" TRUE "true" FALSE "false"
%token THEN "then" TARGET "target" PARENT "parent" VALUE "value" BAND "band"
%token OTHERWISE "otherwise" SCORE "score" IF "if" ELSE "else"
%token APPLIES_IF "applies_if" CAP "cap" LET "let" POLICY "policy" INCLUDE "include"
%token IMPLEMENTS "implements"
%token METRIC "metric"
%token EVIDENCE "evidence" ORIGIN "origin" BONUS "bonus"
%token APPLIES_TO "applies_to" PREVIOUSLY "previously"
%token ASSUMED "assumed"
%token <num> NUMBER "number" PERCENT "percent"
%token <date> DATE "date"
%token <str> STRING "string" IDENT "identifier" DOTTED_ID "node ID"
%token <path> PATH "metric path"
%token GE ">=" LE "<=" NE "!=" EQEQ "==" ARROW "->"

%type <expr> expr primary
%type <args> args arglist
%type <str> node_id
%type <node> index node
%type <plan> plan
%type <item> item
%type <items> items
%type <op> cmp
%type <nkind> node_kw
%type <grades> grade_entries
%type <cap> cap_opt
%type <topts> field_tag
%type <topts> target_opts
%type <mdecl> metric_decl
%type <path> metric_path
%type <bound> bound_value
%type <strs> evidence_titles
%type <periods> period_list
%type <period> period

%precedence IF
%left OR
%left AND
%precedence NOT
%nonassoc GE LE NE EQEQ '=' '>' '<'
%precedence CONSTRAINT /* `<= a.b >= c.d` in a metric declaration: two constraints */
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

file
    : decls
    ;

decls
    : decl { STATEMENT_AT(@1); }
    | decls decl { STATEMENT_AT(@2); }
    ;

decl
    : index {
          ARENA_PUSH(ctx->arena, ctx->file->indexes, ctx->file->nindexes, ctx->file->capindexes);
          ctx->file->indexes[ctx->file->nindexes++] = $1;
      }
    | plan {
          ARENA_PUSH(ctx->arena, ctx->file->plans, ctx->file->nplans, ctx->file->capplans);
          ctx->file->plans[ctx->file->nplans++] = $1;
      }
    | INCLUDE STRING {
          if (ctx->file->nindexes || ctx->file->nplans) {
              diag_t *d = diag_add(ctx->diags, DIAG_ERROR, LOC(@1), "include-position",
                                   "'include' must come before the first index or plan");
              diag_hint(d, "move it to the top of the file");
              ctx->syntax_errors++;
          } else {
              include_t inc = { $2, LOC(@2) };
              ARENA_PUSH(ctx->arena, ctx->file->includes, ctx->file->nincludes, ctx->file->capincludes);
              ctx->file->includes[ctx->file->nincludes++] = inc;
          }
      }
    | metric_decl { metric_decl_add(ctx, $1); }
    | error '}'
    ;

index
    : INDEX STRING '{' items '}' { $$ = build_index(ctx, $2, LOC_SPAN(@1, @2), $4); }
    | INDEX error '{' items '}' { $$ = build_index(ctx, "?", LOC(@1), $4); }
    ;

plan
    : PLAN STRING '{' items '}' { $$ = build_plan(ctx, $2, LOC_SPAN(@1, @2), $4); }
    ;

items
    : %empty { $$.head = $$.tail = NULL; }
    | items item { $$ = $1; if ($2) item_append(&$$, $2); STATEMENT_AT(@2); }
    ;

item
    : TOTAL NUMBER {
          $$ = item_new(ctx, IT_TOTAL, LOC(@1)); $$->num = $2.value; $$->value_loc = LOC(@2);
      }
    | SOURCE STRING { $$ = item_new(ctx, IT_SOURCE, LOC(@1)); $$->str = $2; }
    | PARENT STRING { $$ = item_new(ctx, IT_PARENT, LOC(@1)); $$->str = $2; $$->value_loc = LOC(@2); }
    | POLICY IDENT '=' IDENT {
          $$ = item_new(ctx, IT_POLICY, LOC(@2));
          $$->policy_key = $2; $$->policy_value = $4; $$->value_loc = LOC(@4);
      }
    | GRADE '{' grade_entries '}' {
          $$ = item_new(ctx, IT_GRADE, LOC(@1)); $$->grades = $3.items; $$->ngrades = $3.n;
      }
    | node { $$ = item_new(ctx, IT_NODE, $1->loc); $$->node = $1; }
    | DEDUCT STRING expr cap_opt {
          $$ = item_new(ctx, IT_DEDUCT, LOC(@1));
          deduct_t *d = arena_alloc(ctx->arena, sizeof *d);
          d->loc = LOC(@1); d->reason = $2; d->amount = $3;
          d->cap = $4 ? $4->value : rat_int(0); d->has_cap = $4 != NULL;
          if ($4) d->cap_loc = $4->loc;
          $$->deduct = d;
      }
    | LET IDENT '=' expr {
          $$ = item_new(ctx, IT_LET, LOC(@2));
          let_t *l = arena_alloc(ctx->arena, sizeof *l);
          l->name = $2; l->loc = LOC(@2); l->value = $4; l->id = -1;
          $$->let = l;
      }
    | APPLIES_IF expr { $$ = item_new(ctx, IT_APPLIES_IF, LOC(@1)); $$->expr = $2; }
    | VALUE expr { $$ = item_new(ctx, IT_VALUE, LOC(@1)); $$->expr = $2; }
    | SCORE expr { $$ = item_new(ctx, IT_SCORE, LOC(@1)); $$->expr = $2; }
    | BAND cmp expr ARROW expr {
          $$ = item_new(ctx, IT_BAND, LOC(@1));
          band_t *b = arena_alloc8(ctx->arena, sizeof *b);
          b->loc = LOC_SPAN(@1, @5); b->cmp = $2; b->threshold = $3; b->points = $5;
          b->label = band_label(ctx, $2, $3);
          $$->band = b;
      }
    | BAND TRUE ARROW expr { $$ = bool_band(ctx, true, LOC(@2), LOC_SPAN(@1, @4), $4); }
    | BAND FALSE ARROW expr { $$ = bool_band(ctx, false, LOC(@2), LOC_SPAN(@1, @4), $4); }
    | BAND OTHERWISE ARROW expr {
          $$ = item_new(ctx, IT_BAND, LOC(@1));
          band_t *b = arena_alloc8(ctx->arena, sizeof *b);
          b->loc = LOC_SPAN(@1, @4); b->cmp = OP_NONE; b->points = $4;
          b->label = (char *)"otherwise"; /* never written to */
          $$->band = b;
      }
    | TARGET node_id STRING target_opts expr {
          $$ = item_new(ctx, IT_TARGET, LOC(@1));
          target_t *t = arena_alloc(ctx->arena, sizeof *t);
          t->id = $2; t->loc = LOC(@1); t->id_loc = LOC(@2); t->title = $3;
          t->field = $4->field; t->field_loc = $4->field_loc; t->expr = $5;
          t->implements = $4->impl; t->implements_loc = $4->impl_loc;
          $$->target = t;
      }
    | metric_decl { $$ = item_new(ctx, IT_METRIC, $1->loc); $$->metric = $1; }
    | BONUS STRING expr cap_opt {
          $$ = item_new(ctx, IT_DEDUCT, LOC(@1));
          deduct_t *d = arena_alloc(ctx->arena, sizeof *d);
          d->loc = LOC(@1); d->reason = $2; d->amount = $3; d->bonus = true;
          d->cap = $4 ? $4->value : rat_int(0); d->has_cap = $4 != NULL;
          if ($4) d->cap_loc = $4->loc;
          $$->deduct = d;
      }
    | EVIDENCE evidence_titles {
          $$ = item_new(ctx, IT_EVIDENCE, LOC(@1)); $$->strs = $2.items; $$->nstrs = $2.n;
      }
    | ORIGIN IDENT { $$ = item_new(ctx, IT_ORIGIN, LOC(@1)); $$->str = $2; $$->value_loc = LOC(@2); }
    | APPLIES_TO period_list {
          $$ = item_new(ctx, IT_APPLIES_TO, LOC(@1)); $$->periods = $2.items; $$->nperiods = $2.n;
      }
    | PREVIOUSLY node_id { $$ = item_new(ctx, IT_PREVIOUSLY, LOC(@1)); $$->str = $2; $$->value_loc = LOC(@2); }
    | PREVIOUSLY STRING { $$ = item_new(ctx, IT_PREVIOUSLY, LOC(@1)); $$->str = $2; $$->value_loc = LOC(@2); }
    /* Recovery from a statement that does not parse (a misspelt keyword:
     * `tiêu_chi`, `giá_tri`): its error is reported, then the rest of the
     * statement is skipped up to the next statement or, when the statement
     * opens a block, the block is parsed as a whole up to its '}'. So one
     * slip gives one error, and the statements of the block are not taken
     * for items of the enclosing one (nor its '}' for the enclosing '}'). */
    | error { $$ = NULL; }
    | error '{' items '}' { $$ = NULL; }
    ;

evidence_titles
    : STRING {
          $$.items = NULL; $$.n = $$.cap = 0;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = $1;
      }
    | evidence_titles STRING {
          $$ = $1;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = $2;
      }
    ;

/* The periods an index version applies to (`áp_dụng 2017, 2019 đến 2020`,
 * `áp_dụng từ 2022`): years, checked in engine/ast/ast_version.c. */
period_list
    : period {
          $$.items = NULL; $$.n = $$.cap = 0;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = *$1;
      }
    | period_list ',' period {
          $$ = $1;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = *$3;
      }
    ;

period
    : NUMBER { $$ = period_new(ctx, period_year(ctx, $1.value, $1.text, LOC(@1))); }
    | NUMBER IDENT NUMBER { $$ = period_new(ctx, period_span(ctx, $1.value, $1.text, LOC(@1), $2, LOC(@2), $3.value, $3.text, LOC(@3))); }
    | IDENT NUMBER { $$ = period_new(ctx, period_from(ctx, $1, LOC(@1), $2.value, $2.text, LOC(@2))); }
    ;

/* metric PATH "label" then clauses in any order: a kind word (count, đếm...),
 * a unit text, `from`/`từ` and `to`/`đến` bounds, `required`/`bắt_buộc`,
 * and constraints such as `<= hồ_sơ.tổng_số` (engine/ast/metric_decl.c). */
metric_decl
    : METRIC metric_path STRING {
          $$ = metric_decl_new(ctx, $2.segs, $2.n, $2.text, $3, LOC(@1), LOC(@2));
      }
    | metric_decl IDENT { $$ = $1; metric_decl_word(ctx, $1, $2, LOC(@2)); }
    | metric_decl IDENT bound_value {
          $$ = metric_decl_bound(ctx, $1, $2, LOC(@2), $3.value, $3.is_date, $3.is_percent, LOC(@3));
      }
    | metric_decl STRING { $$ = metric_decl_unit(ctx, $1, $2, LOC(@2)); }
    | metric_decl cmp expr %prec CONSTRAINT { $$ = metric_decl_constraint(ctx, $1, $2, $3, LOC_SPAN(@2, @3)); }
    ;

metric_path
    : PATH { $$ = $1; }
    | IDENT {
          $$.segs = arena_alloc(ctx->arena, sizeof(char *));
          $$.segs[0] = $1; $$.n = 1; $$.text = $1;
      }
    ;

bound_value
    : NUMBER { $$.value = $1.value; $$.is_date = false; $$.is_percent = false; }
    | '-' NUMBER {
          bool of = false;
          $$.value = rat_neg($2.value, &of); $$.is_date = false; $$.is_percent = false;
      }
    | PERCENT { $$.value = $1.value; $$.is_date = false; $$.is_percent = true; }
    | DATE { $$.value = rat_int($1.days); $$.is_date = true; $$.is_percent = false; }
    ;

cap_opt
    : %empty { $$ = NULL; }
    | CAP NUMBER {
          $$ = arena_alloc(ctx->arena, sizeof *$$);
          $$->value = $2.value; $$->loc = LOC(@2);
      }
    ;

/* A target's field tag and the parent target it implements, in either order. */
target_opts
    : %empty { $$ = arena_alloc(ctx->arena, sizeof *$$); }
    | field_tag { $$ = $1; }
    | IMPLEMENTS node_id { $$ = arena_alloc(ctx->arena, sizeof *$$); $$->impl = $2; $$->impl_loc = LOC(@2); }
    | field_tag IMPLEMENTS node_id { $$ = $1; $$->impl = $3; $$->impl_loc = LOC(@3); }
    | IMPLEMENTS node_id field_tag { $$ = $3; $$->impl = $2; $$->impl_loc = LOC(@2); }
    ;

field_tag
    : FIELD IDENT { $$ = arena_alloc(ctx->arena, sizeof *$$); $$->field = $2; $$->field_loc = LOC(@2); }
    | FIELD NUMBER { $$ = arena_alloc(ctx->arena, sizeof *$$); $$->field = $2.text; $$->field_loc = LOC(@2); }
    ;

grade_entries
    : %empty { $$.items = NULL; $$.n = $$.cap = 0; }
    | grade_entries STRING cmp NUMBER {
          $$ = $1;
          if ($3 != OP_GE) {
              diag_t *d = diag_add(ctx->diags, DIAG_ERROR, LOC(@3), "grade-op",
                                   "a grade threshold must use '>='");
              diag_hint(d, "write \"%s\" >= %s", $2, $4.text);
              ctx->syntax_errors++;
          }
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = (grade_entry_t){ $2, false, $4.value, LOC_SPAN(@2, @4) };
      }
    | grade_entries STRING OTHERWISE {
          $$ = $1;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = (grade_entry_t){ $2, true, rat_int(0), LOC_SPAN(@2, @3) };
      }
    | grade_entries error { $$ = $1; }
    ;

node
    : node_kw node_id STRING MAX NUMBER '{' items '}' {
          $$ = build_node(ctx, $1, $2, LOC(@2), $3, $5.value, LOC(@5), LOC(@1), $7);
      }
    /* `tối_đa 2 giả_định`: a maximum no source gives, said so (check_sources.c) */
    | node_kw node_id STRING MAX NUMBER ASSUMED '{' items '}' {
          $$ = build_node(ctx, $1, $2, LOC(@2), $3, $5.value, LOC(@5), LOC(@1), $8);
          $$->max_assumed = true;
      }
    | node_kw error '{' items '}' {
          /* A broken header: parse the body anyway, so that errors in it are reported. */
          $$ = build_node(ctx, $1, "?", LOC(@1), "?", rat_int(0), LOC(@1), LOC(@1), $4);
      }
    ;

node_kw
    : GROUP { $$ = NODE_GROUP; }
    | FIELD { $$ = NODE_FIELD; }
    | CRITERION { $$ = NODE_CRITERION; }
    ;

node_id
    : NUMBER { $$ = $1.text; }
    | DOTTED_ID { $$ = $1; }
    | IDENT { $$ = $1; }
    ;

cmp
    : GE { $$ = OP_GE; }
    | LE { $$ = OP_LE; }
    | '>' { $$ = OP_GT; }
    | '<' { $$ = OP_LT; }
    | EQEQ { $$ = OP_EQ; }
    | '=' { $$ = OP_EQ; }
    | NE { $$ = OP_NE; }
    ;

expr
    : primary
    | '-' expr %prec UMINUS { $$ = expr_unary(ctx, OP_NEG, $2, LOC_SPAN(@1, @2)); }
    | NOT expr { $$ = expr_unary(ctx, OP_NOT, $2, LOC_SPAN(@1, @2)); }
    | expr '+' expr { $$ = expr_binary(ctx, OP_ADD, $1, $3, LOC(@2)); }
    | expr '-' expr { $$ = expr_binary(ctx, OP_SUB, $1, $3, LOC(@2)); }
    | expr '*' expr { $$ = expr_binary(ctx, OP_MUL, $1, $3, LOC(@2)); }
    | expr '/' expr { $$ = expr_binary(ctx, OP_DIV, $1, $3, LOC(@2)); }
    | expr AND expr { $$ = expr_binary(ctx, OP_AND, $1, $3, LOC(@2)); }
    | expr OR expr { $$ = expr_binary(ctx, OP_OR, $1, $3, LOC(@2)); }
    | expr GE expr { $$ = expr_binary(ctx, OP_GE, $1, $3, LOC(@2)); }
    | expr LE expr { $$ = expr_binary(ctx, OP_LE, $1, $3, LOC(@2)); }
    | expr '>' expr { $$ = expr_binary(ctx, OP_GT, $1, $3, LOC(@2)); }
    | expr '<' expr { $$ = expr_binary(ctx, OP_LT, $1, $3, LOC(@2)); }
    | expr EQEQ expr { $$ = expr_binary(ctx, OP_EQ, $1, $3, LOC(@2)); }
    | expr '=' expr { $$ = expr_binary(ctx, OP_EQ, $1, $3, LOC(@2)); }
    | expr NE expr { $$ = expr_binary(ctx, OP_NE, $1, $3, LOC(@2)); }
    | IF expr THEN expr ELSE expr %prec IF { $$ = expr_if(ctx, $2, $4, $6, LOC(@1)); }
    ;

primary
    : NUMBER { $$ = expr_new(ctx, EX_NUMBER, LOC(@1)); $$->num = $1.value; $$->text = $1.text; }
    | PERCENT {
          $$ = expr_new(ctx, EX_NUMBER, LOC(@1)); $$->num = $1.value; $$->text = $1.text;
          $$->is_percent = true;
      }
    | DATE { $$ = expr_new(ctx, EX_DATE, LOC(@1)); $$->date = $1.days; $$->text = $1.text; }
    | STRING { $$ = expr_new(ctx, EX_STRING, LOC(@1)); $$->text = $1; }
    | TRUE { $$ = expr_new(ctx, EX_BOOL, LOC(@1)); $$->boolean = true; $$->text = "true"; }
    | FALSE { $$ = expr_new(ctx, EX_BOOL, LOC(@1)); $$->boolean = false; $$->text = "false"; }
    | IDENT { $$ = expr_new(ctx, EX_NAME, LOC(@1)); $$->text = $1; }
    | PATH {
          $$ = expr_new(ctx, EX_PATH, LOC(@1)); $$->segs = $1.segs; $$->nsegs = (uint16_t)$1.n;
          $$->text = $1.text;
      }
    | MAX { $$ = expr_new(ctx, EX_NODE_MAX, LOC(@1)); $$->text = "max"; }
    | IDENT '(' args ')' { $$ = expr_call(ctx, $1, $3.items, $3.n, LOC_SPAN(@1, @4)); }
    | MAX '(' args ')' { $$ = expr_call(ctx, parse_text(ctx, "max", 3), $3.items, $3.n, LOC_SPAN(@1, @4)); }
    | '(' expr ')' { $$ = $2; }
    ;

args
    : %empty { $$.items = NULL; $$.n = $$.cap = 0; }
    | arglist
    ;

arglist
    : expr {
          $$.items = NULL; $$.n = $$.cap = 0;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = $1;
      }
    | arglist ',' expr {
          $$ = $1;
          ARENA_PUSH(ctx->arena, $$.items, $$.n, $$.cap);
          $$.items[$$.n++] = $3;
      }
    ;

%%

static void yyerror(YYLTYPE *loc, void *scanner, parse_ctx_t *ctx, const char *msg)
{
    (void)scanner;
    srcloc_t l = LOC(*loc);
    if (strstr(msg, "exhausted")) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, l, "too-deep", "rules nested too deeply");
        diag_hint(d, "expressions and groups may nest at most %d levels", CHISO_MAX_NESTING);
    } else {
        diag_add(ctx->diags, DIAG_ERROR, l, "syntax", "%s", msg);
    }
    ctx->syntax_errors++;
}

/* The spelling of keywords this file uses most (0 English, 1 Vietnamese,
 * 2 without diacritics), for naming expected keywords. */
static int file_style(const parse_ctx_t *ctx)
{
    const int *k = ctx->keyword_style;
    return k[1] >= k[0] && k[1] >= k[2] && k[1] ? 1 : k[2] > k[0] ? 2 : 0;
}

/* The text of a token as written, from the source (one line at most). */
static char *token_text(const parse_ctx_t *ctx, const YYLTYPE *loc)
{
    size_t len;
    const char *line = source_line(ctx->src, loc->first_line, &len);
    if (!line || loc->last_line != loc->first_line) return NULL;
    size_t i = 0;
    int col = 1;
    while (i < len && col < loc->first_column) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
        col++;
    }
    size_t start = i;
    while (i < len && col < loc->last_column) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
        col++;
    }
    return i > start ? xstrndup(line + start, i - start) : NULL;
}

/* Describes a token for a message: keywords and operators in quotes (a
 * keyword in the file's own spelling), literals and names by their kind
 * ("number", "identifier"). */
static void describe(strbuf_t *sb, yysymbol_kind_t sym, const parse_ctx_t *ctx)
{
    if (sym == YYSYMBOL_YYEOF) {
        sb_adds(sb, "end of file");
        return;
    }
    if (sym == YYSYMBOL_YYUNDEF) {
        sb_adds(sb, "character");
        return;
    }
    const char *name = yysymbol_name(sym);
    size_t n = strlen(name);
    if (n >= 2 && (name[0] == '"' || name[0] == '\'')) {
        name++;
        n -= 2;
    }
    bool word = sym == YYSYMBOL_NUMBER || sym == YYSYMBOL_PERCENT || sym == YYSYMBOL_DATE ||
                sym == YYSYMBOL_STRING || sym == YYSYMBOL_IDENT || sym == YYSYMBOL_DOTTED_ID ||
                sym == YYSYMBOL_PATH;
    const char *kw = word ? NULL : keyword_respell(name, n, file_style(ctx));
    if (kw) {
        name = kw;
        n = strlen(kw);
    }
    if (!word) sb_addc(sb, '\'');
    sb_add(sb, name, n);
    if (!word) sb_addc(sb, '\'');
}

/* The token found, as written: a keyword in its own spelling, a name with
 * its text ("identifier 'tiêu_chi'"). */
static void describe_got(strbuf_t *sb, yysymbol_kind_t sym, const parse_ctx_t *ctx,
                         const YYLTYPE *loc, char **word)
{
    *word = NULL;
    const char *name = yysymbol_name(sym);
    bool keyword = name[0] == '"' && keyword_respell(name + 1, strlen(name) - 2, 0);
    if (keyword || sym == YYSYMBOL_IDENT || sym == YYSYMBOL_PATH) {
        char *text = token_text(ctx, loc);
        if (text) {
            if (keyword) sb_printf(sb, "'%s'", text);
            else sb_printf(sb, "%s '%s'", sym == YYSYMBOL_IDENT ? _("identifier") : _("metric path"), text);
            *word = text;
            return;
        }
    }
    describe(sb, sym, ctx);
}

static int yyreport_syntax_error(const yypcontext_t *pctx, void *scanner, parse_ctx_t *ctx)
{
    (void)scanner;
    enum { MAXEXP = 8 };
    yysymbol_kind_t expected[MAXEXP];
    int n = yypcontext_expected_tokens(pctx, expected, MAXEXP);
    yysymbol_kind_t got = yypcontext_token(pctx);
    const YYLTYPE *loc = yypcontext_location(pctx);
    strbuf_t sb;
    sb_init(&sb);
    sb_adds(&sb, _("unexpected "));
    char *word = NULL;
    describe_got(&sb, got, ctx, loc, &word);
    bool wants_expr = false;
    for (int i = 0; i < n; i++)
        if (expected[i] == YYSYMBOL_NUMBER) {
            for (int j = 0; j < n; j++)
                if (expected[j] == YYSYMBOL_IDENT) wants_expr = true;
        }
    if (n == 0) {
        /* more than MAXEXP possibilities: say what kind of thing */
        yysymbol_kind_t all[YYNTOKENS];
        int m = yypcontext_expected_tokens(pctx, all, YYNTOKENS);
        bool num = false, ident = false;
        for (int i = 0; i < m; i++) {
            if (all[i] == YYSYMBOL_NUMBER) num = true;
            if (all[i] == YYSYMBOL_IDENT) ident = true;
        }
        wants_expr = num && ident;
    }
    if (wants_expr) {
        sb_adds(&sb, _(", expected an expression"));
    } else if (n > 0 && n <= 6) {
        sb_adds(&sb, _(", expected "));
        for (int i = 0; i < n; i++) {
            if (i > 0) sb_adds(&sb, i == n - 1 ? _(" or ") : ", ");
            describe(&sb, expected[i], ctx);
        }
    }
    srcloc_t l = LOC(*loc);
    diag_t *d = diag_add(ctx->diags, DIAG_ERROR, l, "syntax", "%s", sb.data);
    sb_free(&sb);
    if (got == YYSYMBOL_YYEOF && !ctx->file->nindexes && !ctx->file->nplans && loc->first_line == 1 &&
        loc->first_column == 1) {
        free(d->message);
        d->message = xstrdup(_("the rules file is empty"));
        diag_hint(d, "a rules file holds an index: index \"Tên bộ chỉ số\" { total 100 ... }");
    } else if (got == YYSYMBOL_YYEOF && parse_unclosed_brace(ctx)) {
        /* Say where the block was opened, and for what: the end of the file
         * is only where the parser noticed. */
        const brace_rec_t *b = parse_unclosed_brace(ctx);
        size_t len;
        const char *line = source_line(ctx->src, b->line, &len);
        size_t from = 0, to = len;
        while (from < len && (line[from] == ' ' || line[from] == '\t')) from++;
        const char *brace = memchr(line + from, '{', to - from);
        if (brace) to = (size_t)(brace - line);
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) to--;
        srcloc_t at = {ctx->src, b->line, b->col, b->line, b->col + 1};
        d->loc = at;
        free(d->message);
        if (to > from)
            d->message = xasprintf(_("this '{' of `%.*s` is never closed"), (int)(to - from), line + from);
        else
            d->message = xstrdup(_("this '{' is never closed"));
        diag_hint(d, "add its '}' where the block ends (the file ended inside it)");
    } else if (got == YYSYMBOL_YYEOF) {
        diag_hint(d, "a '{' may be missing its '}'");
    } else if (strcmp(yysymbol_name(got), "','") == 0) {
        diag_hint(d, "decimals are written with a point: 1.5 (a comma is the decimal mark only in percents, 99,9%%)");
    }
    else if (got == YYSYMBOL_IDENT && word && keyword_suggest(word)) {
        diag_hint(d, "did you mean `%s`?", keyword_suggest(word));
    }
    else if (got == YYSYMBOL_PERCENT || got == YYSYMBOL_NUMBER) {
        for (int i = 0; i < n; i++)
            if (expected[i] == YYSYMBOL_MAX)
                diag_hint(d, "a node is written: %s ID \"name\" %s POINTS { ... }",
                          keyword_respell("criterion", 9, file_style(ctx)),
                          keyword_respell("max", 3, file_style(ctx)));
    }
    free(word);
    ctx->syntax_errors++;
    return 0;
}

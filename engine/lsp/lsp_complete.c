/* lsp_complete.c — the language server's completion: what may be typed at
 * the cursor, from the tokens before it (keywords of the enclosing block,
 * clause and policy words, metric paths with their declared labels, lets,
 * node and target IDs, functions), in the keyword spelling the file uses. */
#include "engine/lsp/lsp_doc_impl.h"

#include "engine/check/builtins.h"
#include "engine/support/xalloc.h"
#include "grammar/keywords.h"

#include <stdlib.h>
#include <string.h>

enum { CK_FUNCTION = 3, CK_FIELD = 5, CK_VARIABLE = 6, CK_KEYWORD = 14, CK_REFERENCE = 18 };

static void add_item(json_t *items, strmap_t *seen, const char *label, int kind, const char *detail)
{
    if (strmap_get(seen, label)) return;
    strmap_put(seen, label, (void *)1);
    json_t *o = json_pack("{s:s, s:i}", "label", label, "kind", kind);
    if (detail) json_object_set_new(o, "detail", json_string(detail));
    json_array_append_new(items, o);
}

/* The keyword spelling the file uses most: 0 English, 1 Vietnamese, 2 without diacritics. */
static int file_language(const lsp_doc_t *doc)
{
    int votes[3] = {0, 0, 0};
    for (size_t i = 0; i < doc->toks.count; i++) {
        const lex_token_t *t = &doc->toks.items[i];
        if (!token_is_keyword(t->kind)) continue;
        size_t n = t->end - t->start;
        const char *s = doc->src->text + t->start;
        for (size_t k = 0; k < keyword_count(); k++) {
            const char *en, *vi, *ascii;
            int tok;
            keyword_at(k, &en, &vi, &ascii, &tok);
            if (tok != t->kind) continue;
            if (strlen(en) == n && !memcmp(en, s, n)) votes[0]++;
            else if (strlen(vi) == n && !memcmp(vi, s, n)) votes[1]++;
            else votes[2]++;
        }
    }
    if (votes[0] > votes[1] && votes[0] > votes[2]) return 0;
    return votes[2] > votes[1] ? 2 : 1;
}

typedef struct {
    json_t *items;
    strmap_t *seen;
} ids_t;

static void add_node_id(const node_t *n, void *data)
{
    ids_t *c = data;
    if (n->kind != NODE_INDEX && n->id) add_item(c->items, c->seen, n->id, CK_REFERENCE, n->name);
}

static void add_lets(const node_t *n, void *data)
{
    ids_t *c = data;
    for (size_t i = 0; i < n->nlets; i++) add_item(c->items, c->seen, n->lets[i]->name, CK_VARIABLE, "đặt (let)");
}

/* ---- completion by the cursor's context ----
 * The tokens before the cursor say what may come there: at the start of a
 * statement, the keywords of the enclosing block (top level, index or
 * node, plan, grade list); after `band`, `otherwise`/`true`/`false`; after
 * `policy` and its `=`, the policy words; in a metric declaration, the
 * clause words, or metric paths after the keyword and after a comparison;
 * after `field`/`implements` in a plan's target, node or target IDs; in an
 * expression, metric paths (declared ones with their labels), lets,
 * functions and the expression keywords. Nothing inside a string or a
 * comment. Keywords come in the file's own language. */

typedef enum { BLOCK_TOP, BLOCK_INDEX, BLOCK_NODE, BLOCK_PLAN, BLOCK_GRADE } block_kind;

static int kw(const char *en) { return keyword_lookup(en, strlen(en)); }

static void add_keyword(json_t *items, strmap_t *seen, int lang, const char *en)
{
    int token = kw(en);
    const char *word = keyword_respell(en, strlen(en), lang);
    if (!token || !word) return;
    add_item(items, seen, word, CK_KEYWORD, lang == 0 ? keyword_spelling(token, 1) : en);
}

static void add_keywords(json_t *items, strmap_t *seen, int lang, const char *const *ens)
{
    for (; *ens; ens++) add_keyword(items, seen, lang, *ens);
}

static void add_metrics(const lsp_doc_t *doc, json_t *items, strmap_t *seen, const char *prefix)
{
    /* declared first, with their labels; then those read or written so far */
    const program_t *p = &doc->prog->prog;
    size_t plen = prefix ? strlen(prefix) : 0;
    for (size_t i = 0; i < p->nfiles; i++)
        for (size_t k = 0; k < p->files[i]->nmetric_decls; k++) {
            const metric_decl_t *d = p->files[i]->metric_decls[k];
            if (prefix && strncmp(d->text, prefix, plen) != 0) continue;
            char *detail = xasprintf("%s (%s)", d->label ? d->label : "", d->kind != MK_NONE ? metric_kind_vietnamese(d->kind) : "số liệu");
            add_item(items, seen, d->text, CK_FIELD, detail);
            free(detail);
        }
    for (size_t i = 0; i < doc->toks.count; i++) {
        const lex_token_t *t = &doc->toks.items[i];
        if (t->kind != token_path()) continue;
        char *text = lsp_token_text(doc, t);
        if (!prefix || strncmp(text, prefix, plen) == 0) add_item(items, seen, text, CK_FIELD, "số liệu (metric)");
        free(text);
    }
    lsp_reads_t r = {NULL, NULL, NULL, {0}, json_array()};
    strmap_init(&r.seen);
    lsp_walk_reads(doc, &r);
    size_t k;
    json_t *v;
    json_array_foreach(r.all, k, v) {
        const char *text = json_string_value(v);
        if (!prefix || strncmp(text, prefix, plen) == 0) add_item(items, seen, text, CK_FIELD, "số liệu (metric)");
    }
    json_decref(r.all);
    strmap_free(&r.seen);
}

static void add_expression_words(const lsp_doc_t *doc, json_t *items, strmap_t *seen, int lang)
{
    add_metrics(doc, items, seen, NULL);
    ids_t ids = {items, seen};
    lsp_all_nodes(doc, add_lets, &ids);
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; i < p->nplans; i++)
        for (size_t k = 0; k < p->plans[i]->nlets; k++)
            add_item(items, seen, p->plans[i]->lets[k]->name, CK_VARIABLE, "đặt (let)");
    for (int b = 0; b < BI_COUNT; b++) add_item(items, seen, builtins[b].name, CK_FUNCTION, builtins[b].signature);
    static const char *const words[] = {"if", "then", "else", "and", "or", "not", "true", "false", "max", NULL};
    add_keywords(items, seen, lang, words);
}

static bool is_kw(int kind, const char *en) { return kind && kind == kw(en); }

json_t *lsp_doc_completion(const lsp_doc_t *doc, int line, int character)
{
    json_t *items = json_array();
    strmap_t seen;
    strmap_init(&seen);
    int lang = file_language(doc);
    int l = line + 1, col = doc->src->invalid ? character + 1 : lsp_column_of(doc->src, l, character);

    /* the tokens before the cursor; the word being typed, if any */
    size_t n = 0; /* tokens wholly before the cursor */
    const lex_token_t *typed = NULL;
    for (size_t i = 0; i < doc->toks.count; i++) {
        const lex_token_t *t = &doc->toks.items[i];
        bool before_end = t->end_line < l || (t->end_line == l && t->end_col <= col);
        bool starts_before = t->line < l || (t->line == l && t->col < col);
        if (!starts_before) break;
        if (!before_end) { /* the cursor is inside this token */
            if (t->kind == TOKEN_COMMENT || t->kind == token_string()) goto out;
            typed = t;
            break;
        }
        n = i + 1;
    }
    if (n > 0) {
        const lex_token_t *last = &doc->toks.items[n - 1];
        if (last->kind == TOKEN_COMMENT && last->line == l) goto out; /* after `#` on this line */
        /* a word that ends at the cursor is the one being typed */
        if (!typed && last->end_line == l && last->end_col == col &&
            (last->kind == token_ident() || last->kind == token_path() || token_is_keyword(last->kind))) {
            typed = last;
            n--;
        }
    }
    char *prefix = NULL; /* a metric path typed up to the cursor */
    if (typed && typed->kind == token_path()) {
        size_t at = source_offset(doc->src, l, col);
        if (at > typed->start && at <= typed->end) prefix = xstrndup(doc->src->text + typed->start, at - typed->start);
    }

    /* the enclosing blocks, and the statement the cursor is in */
    block_kind stack[CHISO_MAX_NESTING_NODES + 2];
    int depth = 0;
    stack[0] = BLOCK_TOP;
    int stmt_kw = 0;          /* the keyword that starts the current statement */
    const lex_token_t *prev = NULL, *prev2 = NULL, *prev3 = NULL;
    for (size_t i = 0; i < n; i++) {
        const lex_token_t *t = &doc->toks.items[i];
        if (t->kind == TOKEN_COMMENT) continue;
        if (t->kind == '{') {
            block_kind b = is_kw(stmt_kw, "index") ? BLOCK_INDEX
                           : is_kw(stmt_kw, "plan") ? BLOCK_PLAN
                           : is_kw(stmt_kw, "grade") ? BLOCK_GRADE : BLOCK_NODE;
            if (depth < CHISO_MAX_NESTING_NODES) stack[++depth] = b;
            stmt_kw = 0;
        } else if (t->kind == '}') {
            if (depth > 0) depth--;
            stmt_kw = 0;
        } else if (token_is_keyword(t->kind) && (!prev || prev->kind == '{' || prev->kind == '}' ||
                                                 t->line > prev->end_line || t->statement) &&
                   !is_kw(t->kind, "then") && !is_kw(t->kind, "else") && !is_kw(t->kind, "and") &&
                   !is_kw(t->kind, "or") && !is_kw(t->kind, "not") && !is_kw(t->kind, "max") &&
                   !is_kw(t->kind, "otherwise") && !is_kw(t->kind, "true") && !is_kw(t->kind, "false") &&
                   !is_kw(t->kind, "if") && !is_kw(t->kind, "cap")) {
            stmt_kw = t->kind; /* a statement keyword at the start of a line or block */
        }
        prev3 = prev2;
        prev2 = prev;
        prev = t;
    }
    block_kind block = stack[depth];
    bool line_start = !prev || prev->end_line < l;
    bool after_op = prev && (token_is_operator(prev->kind) || prev->kind == '(' || prev->kind == ',');
    int pk = prev ? prev->kind : 0;

    if (prefix) {
        add_metrics(doc, items, &seen, prefix); /* a metric path half typed */
    } else if (block == BLOCK_GRADE) {
        add_keyword(items, &seen, lang, "otherwise");
    } else if (!prev || pk == '{' || pk == '}' || (line_start && !after_op)) {
        static const char *const top[] = {"index", "plan", "include", "metric", NULL};
        static const char *const index_items[] = {"field", "group", "criterion", "total", "grade", "source",
                                                   "policy", "let", "deduct", "bonus", "metric", NULL};
        static const char *const node_items[] = {"criterion", "field", "group", "value", "band", "score",
                                                  "applies_if", "source", "policy", "let", "deduct",
                                                  "bonus", "evidence", "origin", NULL};
        static const char *const plan_items[] = {"target", "parent", "source", "let", "metric", NULL};
        add_keywords(items, &seen, lang, block == BLOCK_TOP ? top : block == BLOCK_INDEX ? index_items
                                           : block == BLOCK_PLAN ? plan_items : node_items);
    } else if (is_kw(stmt_kw, "metric")) {
        if (pk == kw("metric") || after_op) {
            add_metrics(doc, items, &seen, NULL);
        } else {
            for (size_t i = 0; i < metric_decl_word_count(); i++) {
                const char *en, *vi, *ascii;
                bool is_kind;
                metric_decl_word_at(i, &en, &vi, &ascii, &is_kind);
                add_item(items, &seen, lang == 0 ? en : lang == 1 ? vi : ascii, CK_KEYWORD,
                         is_kind ? "loại số liệu (kind)" : lang == 0 ? vi : en);
            }
        }
    } else if (is_kw(pk, "band")) {
        static const char *const words[] = {"otherwise", "true", "false", NULL};
        add_keywords(items, &seen, lang, words);
    } else if (is_kw(pk, "policy") || (prev3 && is_kw(prev3->kind, "policy") && pk == '=')) {
        bool values = pk == '=';
        for (size_t i = 0; i < policy_word_count(); i++) {
            const char *en, *vi, *ascii;
            policy_word_at(i, &en, &vi, &ascii);
            bool key = !strcmp(en, "not_applicable") || !strcmp(en, "missing");
            if (key != values)
                add_item(items, &seen, lang == 0 ? en : lang == 1 ? vi : ascii, CK_KEYWORD, "quy_tắc (policy)");
        }
    } else if (block == BLOCK_PLAN && is_kw(pk, "field")) {
        ids_t ids = {items, &seen};
        lsp_all_nodes(doc, add_node_id, &ids); /* the index's fields */
    } else if (block == BLOCK_PLAN && is_kw(pk, "implements")) {
        const program_t *p = &doc->prog->prog;
        for (size_t i = 0; i < p->nplans; i++)
            for (size_t k = 0; k < p->plans[i]->ntargets; k++)
                add_item(items, &seen, p->plans[i]->targets[k]->id, CK_REFERENCE, p->plans[i]->targets[k]->title);
    } else if (is_kw(pk, "field") || is_kw(pk, "criterion") || is_kw(pk, "group") || is_kw(pk, "target") ||
               pk == token_string() || is_kw(pk, "origin")) {
        /* a new ID, a name, or `max` after the name */
        if (pk == token_string() && (is_kw(stmt_kw, "field") || is_kw(stmt_kw, "criterion") || is_kw(stmt_kw, "group")))
            add_keyword(items, &seen, lang, "max");
    } else {
        add_expression_words(doc, items, &seen, lang);
    }
    free(prefix);
out:
    strmap_free(&seen);
    return items;
}

/* lsp_doc.c — the language server's analysis of one rules file: the
 * checker's diagnostics, and hover, definition, symbols and formatting
 * (completion is lsp_complete.c), answered from the token stream (always
 * there, even while the text is half typed) and the syntax tree (as far as
 * it parsed). */
#include "engine/lsp/lsp_doc_impl.h"

#include "engine/check/builtins.h"
#include "engine/format/format.h"
#include "engine/ast/ast_build.h"
#include "engine/support/date.h"
#include "engine/support/xalloc.h"
#include "grammar/keywords.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>


/* ---- positions: LSP (0-based, UTF-16 units) <-> chiso (1-based, code points) ---- */

static int utf16_units(const source_t *src, int line, int col)
{
    size_t len;
    const char *text = source_line(src, line, &len);
    if (!text) return col > 0 ? col - 1 : 0;
    int units = 0, c = 1;
    for (size_t i = 0; i < len && c < col;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) break;
        i += (size_t)k;
        units += cp >= 0x10000 ? 2 : 1;
        c++;
    }
    return units + (col - c > 0 ? col - c : 0);
}

int lsp_column_of(const source_t *src, int line, int character)
{
    size_t len;
    const char *text = source_line(src, line, &len);
    if (!text) return character + 1;
    int units = 0, col = 1;
    for (size_t i = 0; i < len && units < character;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) break;
        i += (size_t)k;
        units += cp >= 0x10000 ? 2 : 1;
        col++;
    }
    return col;
}

static json_t *position(const source_t *src, int line, int col)
{
    if (line < 1) line = 1;
    return json_pack("{s:i, s:i}", "line", line - 1, "character", utf16_units(src, line, col));
}

static json_t *range(const source_t *src, int line, int col, int end_line, int end_col)
{
    if (end_line < line || (end_line == line && end_col <= col)) {
        end_line = line;
        end_col = col + 1;
    }
    return json_pack("{s:o, s:o}", "start", position(src, line, col), "end",
                     position(src, end_line, end_col));
}

static json_t *loc_range(const srcloc_t *l)
{
    return range(l->src, l->line, l->col, l->end_line, l->end_col);
}

/* ---- URIs ---- */

char *lsp_uri_to_path(const char *uri)
{
    const char *p = strncmp(uri, "file://", 7) == 0 ? uri + 7 : uri;
    strbuf_t sb;
    sb_init(&sb);
    for (; *p; p++) {
        if (*p == '%' && p[1] && p[2]) {
            char hex[3] = {p[1], p[2], 0};
            char *end;
            long v = strtol(hex, &end, 16);
            if (*end == '\0' && v > 0) {
                sb_addc(&sb, (char)v);
                p += 2;
                continue;
            }
        }
        sb_addc(&sb, *p);
    }
    return sb.data ? sb_take(&sb) : xstrdup("");
}

char *lsp_path_to_uri(const char *path)
{
    strbuf_t sb;
    sb_init(&sb);
    sb_adds(&sb, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p))
            sb_addc(&sb, (char)*p);
        else
            sb_printf(&sb, "%%%02X", *p);
    }
    return sb_take(&sb);
}

/* ---- the document ---- */

lsp_doc_t *lsp_doc_open(const char *path, const char *text, size_t len)
{
    lsp_doc_t *doc = xcalloc(1, sizeof *doc);
    doc->path = xstrdup(path);
    diag_list_t diags;
    diag_list_init(&diags);
    doc->src = source_from_memory(path, text, len, &diags);
    if (!doc->src->invalid) tokens_read(doc->src, &diags, &doc->toks);
    diag_list_free(&diags);
    doc->prog = chiso_program_check_string(path, text, len);
    return doc;
}

void lsp_doc_free(lsp_doc_t *doc)
{
    if (!doc) return;
    tokens_free(&doc->toks);
    source_free(doc->src);
    chiso_program_free(doc->prog);
    free(doc->path);
    free(doc);
}

static bool same_file(const lsp_doc_t *doc, const srcloc_t *l)
{
    return l->src && strcmp(l->src->path, doc->path) == 0;
}

json_t *lsp_doc_diagnostics(const lsp_doc_t *doc)
{
    json_t *out = json_array();
    const diag_list_t *dl = &doc->prog->diags;
    for (size_t i = 0; i < dl->count; i++) {
        const diag_t *d = &dl->items[i];
        json_t *r;
        if (same_file(doc, &d->loc) && d->loc.line > 0)
            r = range(doc->src, d->loc.line, d->loc.col, d->loc.end_line, d->loc.end_col);
        else if (!d->loc.src || same_file(doc, &d->loc))
            r = range(doc->src, 1, 1, 1, 1);
        else
            continue; /* an included file's: shown when that file is open */
        char *msg = d->hint ? xasprintf("%s\nhint: %s", d->message, d->hint) : xstrdup(d->message);
        json_array_append_new(out, json_pack("{s:o, s:i, s:s, s:s, s:s}", "range", r, "severity",
                                             d->severity == DIAG_ERROR ? 1 : d->severity == DIAG_WARNING ? 2 : 3,
                                             "code", d->code, "source", "chiso", "message", msg));
        free(msg);
    }
    return out;
}

/* ---- tokens under the cursor ---- */

static const lex_token_t *token_at(const lsp_doc_t *doc, int line, int character, size_t *index)
{
    if (doc->src->invalid) return NULL;
    int l = line + 1, col = lsp_column_of(doc->src, l, character);
    const lex_token_t *best = NULL;
    for (size_t i = 0; i < doc->toks.count; i++) {
        const lex_token_t *t = &doc->toks.items[i];
        if (t->line != l || t->kind == TOKEN_COMMENT) continue;
        if (t->col <= col && col < t->end_col) {
            *index = i;
            return t;
        }
        if (t->end_col == col) { /* the cursor just after a word */
            best = t;
            *index = i;
        }
    }
    return best;
}

char *lsp_token_text(const lsp_doc_t *doc, const lex_token_t *t)
{
    return xstrndup(doc->src->text + t->start, t->end - t->start);
}

/* ---- the syntax tree: nodes, targets, lets, metric reads ---- */

static void each_node(const node_t *n, lsp_node_fn fn, void *data)
{
    fn(n, data);
    for (size_t i = 0; i < n->nchildren; i++) each_node(n->children[i], fn, data);
}

void lsp_all_nodes(const lsp_doc_t *doc, lsp_node_fn fn, void *data)
{
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; i < p->nindexes; i++) each_node(p->indexes[i], fn, data);
}

typedef struct {
    const char *id;
    const node_t *node;
    const target_t *target;
} find_id_t;

static void match_id(const node_t *n, void *data)
{
    find_id_t *f = data;
    if (!f->node && n->kind != NODE_INDEX && n->id && strcmp(n->id, f->id) == 0) f->node = n;
}

static void find_id(const lsp_doc_t *doc, find_id_t *f)
{
    lsp_all_nodes(doc, match_id, f);
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; !f->node && !f->target && i < p->nplans; i++)
        for (size_t k = 0; k < p->plans[i]->ntargets; k++)
            if (strcmp(p->plans[i]->targets[k]->id, f->id) == 0) {
                f->target = p->plans[i]->targets[k];
                break;
            }
}


static bool is_let_name(const lsp_doc_t *doc, const char *name, const let_t **found);

typedef struct {
    const lsp_doc_t *doc;
    lsp_reads_t *r;
    const char *owner;
    int line;
} walk_ctx_t;

static void walk_expr(walk_ctx_t *w, const expr_t *e)
{
    if (!e) return;
    if (e->kind == EX_PATH || e->kind == EX_NAME) {
        const char *text = e->text;
        if (text && (e->kind == EX_PATH || !is_let_name(w->doc, text, NULL))) {
            if (w->r->all && !strmap_get(&w->r->seen, text)) {
                strmap_put(&w->r->seen, text, (void *)1);
                json_array_append_new(w->r->all, json_string(text));
            }
            if (w->r->name && strcmp(text, w->r->name) == 0 && w->owner) {
                char *who = xasprintf("%s (line %d)", w->owner, w->line);
                if (!strmap_get(&w->r->seen, who)) {
                    strmap_put(&w->r->seen, who, (void *)1);
                    json_array_append_new(w->r->readers, json_string(who));
                }
                free(who);
            }
        }
    }
    for (int i = 0; i < e->nargs; i++) walk_expr(w, e->args[i]);
    if (!expr_has_operands(e)) return;
    walk_expr(w, e->a);
    walk_expr(w, e->b);
    walk_expr(w, e->c);
}

static void walk_reads_node(const node_t *n, void *data)
{
    walk_ctx_t *w = data;
    w->owner = n->kind == NODE_INDEX ? "the index" : n->id;
    w->line = n->loc.line;
    walk_expr(w, n->applies_if);
    walk_expr(w, n->value);
    walk_expr(w, n->score);
    for (size_t i = 0; i < n->nbands; i++) {
        walk_expr(w, n->bands[i]->threshold);
        walk_expr(w, n->bands[i]->points);
    }
    for (size_t i = 0; i < n->ndeducts; i++) walk_expr(w, n->deducts[i]->amount);
    for (size_t i = 0; i < n->nlets; i++) walk_expr(w, n->lets[i]->value);
}

void lsp_walk_reads(const lsp_doc_t *doc, lsp_reads_t *r)
{
    walk_ctx_t w = {doc, r, NULL, 0};
    lsp_all_nodes(doc, walk_reads_node, &w);
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; i < p->nplans; i++) {
        const plan_t *pl = p->plans[i];
        for (size_t k = 0; k < pl->nlets; k++) {
            w.owner = "the plan";
            w.line = pl->lets[k]->loc.line;
            walk_expr(&w, pl->lets[k]->value);
        }
        for (size_t k = 0; k < pl->ntargets; k++) {
            w.owner = pl->targets[k]->id;
            w.line = pl->targets[k]->loc.line;
            walk_expr(&w, pl->targets[k]->expr);
        }
    }
}

typedef struct {
    const char *name;
    const let_t *found;
} let_find_t;

static void match_let(const node_t *n, void *data)
{
    let_find_t *f = data;
    for (size_t i = 0; !f->found && i < n->nlets; i++)
        if (strcmp(n->lets[i]->name, f->name) == 0) f->found = n->lets[i];
}

static bool is_let_name(const lsp_doc_t *doc, const char *name, const let_t **found)
{
    let_find_t f = {name, NULL};
    lsp_all_nodes(doc, match_let, &f);
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; !f.found && i < p->nplans; i++)
        for (size_t k = 0; k < p->plans[i]->nlets; k++)
            if (strcmp(p->plans[i]->lets[k]->name, name) == 0) {
                f.found = p->plans[i]->lets[k];
                break;
            }
    if (found) *found = f.found;
    return f.found != NULL;
}

/* ---- metric declarations (in this file or an included one) ---- */

static const metric_decl_t *find_decl(const lsp_doc_t *doc, const char *text)
{
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; i < p->nfiles; i++)
        for (size_t k = 0; k < p->files[i]->nmetric_decls; k++)
            if (strcmp(p->files[i]->metric_decls[k]->text, text) == 0) return p->files[i]->metric_decls[k];
    return NULL;
}

static void bound_text(const metric_decl_t *d, rat_t v, char *buf, size_t size)
{
    if (d->kind == MK_DATE) date_format((int)v.num, buf, size);
    else rat_format(v, 6, buf, size);
}

/* The declaration as an author reads it: label, kind, unit, range,
 * required, constraints, and where it is. */
static void describe_decl(const lsp_doc_t *doc, strbuf_t *sb, const metric_decl_t *d)
{
    sb_printf(sb, " — %s", d->label ? d->label : "");
    sb_adds(sb, "\n\n");
    if (d->kind != MK_NONE)
        sb_printf(sb, "loại (kind): `%s` (%s)", metric_kind_vietnamese(d->kind), metric_kind_name(d->kind));
    else
        sb_adds(sb, "loại (kind): theo cách dùng (from its use)");
    if (d->unit) sb_printf(sb, ", đơn vị (unit): %s", d->unit);
    char lo[64], hi[64];
    if (d->has_lo || d->has_hi) {
        sb_adds(sb, ", khoảng (range):");
        if (d->has_lo) bound_text(d, d->lo, lo, sizeof lo), sb_printf(sb, " từ %s", lo);
        if (d->has_hi) bound_text(d, d->hi, hi, sizeof hi), sb_printf(sb, " đến %s", hi);
    }
    if (d->required) sb_adds(sb, ", bắt buộc (required: not null)");
    for (size_t i = 0; i < d->nconstraints; i++) {
        char *rhs = expr_to_text(&doc->prog->prog.arena, d->constraints[i].rhs);
        sb_printf(sb, "%sràng buộc (constraint): `%s %s %s`", i ? ", " : "\n\n", d->text,
                  op_text(d->constraints[i].cmp), rhs);
    }
    if (d->path_loc.src) sb_printf(sb, "\n\nkhai báo ở (declared at): %s:%d", d->path_loc.src->path, d->path_loc.line);
}

/* ---- hover ---- */

static json_t *markdown(const lsp_doc_t *doc, const lex_token_t *t, const char *text)
{
    return json_pack("{s:{s:s, s:s}, s:o}", "contents", "kind", "markdown", "value", text, "range",
                     range(doc->src, t->line, t->col, t->end_line, t->end_col));
}

static void describe_node(strbuf_t *sb, const node_t *n)
{
    char num[64];
    const char *kind = n->kind == NODE_GROUP ? "nhóm (group)"
                       : n->kind == NODE_FIELD ? "lĩnh vực (field)"
                                               : "tiêu chí (criterion)";
    sb_printf(sb, "**%s %s** — %s\n\n", kind, n->id, n->name ? n->name : "");
    if (n->has_max) sb_printf(sb, "tối đa (max): **%s** điểm\n\n", rat_format(n->max, 6, num, sizeof num));
    if (n->source) sb_printf(sb, "căn cứ (source): %s\n\n", n->source);
    if (n->nchildren) sb_printf(sb, "%zu mục con (children)\n\n", (size_t)n->nchildren);
    if (n->loc.src) sb_printf(sb, "%s:%d", n->loc.src->path, n->loc.line);
}

json_t *lsp_doc_hover(const lsp_doc_t *doc, int line, int character)
{
    size_t i;
    const lex_token_t *t = token_at(doc, line, character, &i);
    if (!t) return json_null();
    char *text = lsp_token_text(doc, t);
    strbuf_t sb;
    sb_init(&sb);
    find_id_t f = {text, NULL, NULL};
    const let_t *let = NULL;
    if (token_is_keyword(t->kind)) {
        const char *en = keyword_spelling(t->kind, false), *vi = keyword_spelling(t->kind, true);
        sb_printf(&sb, "từ khóa (keyword) `%s` = `%s`", vi ? vi : "", en ? en : "");
    } else if (t->kind == token_string()) {
        /* nothing to say about text */
    } else if (find_id(doc, &f), f.node) {
        describe_node(&sb, f.node);
    } else if (f.target) {
        sb_printf(&sb, "**chỉ tiêu (target) %s** — %s", f.target->id, f.target->title);
        if (f.target->field) sb_printf(&sb, "\n\nlĩnh vực (field): %s", f.target->field);
    } else if (t->kind == token_ident() && is_let_name(doc, text, &let)) {
        sb_printf(&sb, "**đặt (let) %s**, line %d", let->name, let->loc.line);
    } else if (t->kind == token_path() || t->kind == token_ident()) {
        bool call = i + 1 < doc->toks.count && doc->toks.items[i + 1].kind == '(';
        int b = call ? builtin_lookup(text) : -1;
        if (b >= 0) {
            sb_printf(&sb, "hàm (function) `%s`", builtins[b].signature);
        } else if (!call) {
            lsp_reads_t r = {text, json_array(), NULL, {0}, NULL};
            strmap_init(&r.seen);
            lsp_walk_reads(doc, &r);
            const program_t *p = &doc->prog->prog;
            const metric_slot_t *m = NULL;
            for (size_t k = 0; k < p->nmetrics; k++)
                if (strcmp(p->metrics[k].text, text) == 0) m = &p->metrics[k];
            const metric_decl_t *decl = m && m->decl ? m->decl : find_decl(doc, text);
            const char *word_en = metric_decl_word_spelling(text, strlen(text), false);
            if (!m && !decl && word_en && t->kind == token_ident()) {
                /* a clause word of a declaration: đếm, từ, bắt_buộc */
                sb_printf(&sb, "từ khai báo số liệu (declaration word) `%s` = `%s`",
                          metric_decl_word_spelling(text, strlen(text), true), word_en);
                json_decref(r.readers);
                strmap_free(&r.seen);
                goto done;
            }
            sb_printf(&sb, "**số liệu (metric) `%s`**", text);
            if (decl) describe_decl(doc, &sb, decl);
            else if (m && m->type != TY_UNKNOWN) sb_printf(&sb, " — %s", type_name(m->type));
            if (json_array_size(r.readers)) {
                sb_adds(&sb, "\n\nđọc ở (read by): ");
                size_t k;
                json_t *v;
                json_array_foreach(r.readers, k, v) {
                    if (k) sb_adds(&sb, ", ");
                    sb_adds(&sb, json_string_value(v));
                }
            }
            json_decref(r.readers);
            strmap_free(&r.seen);
        }
    }
done:;
    json_t *out = sb.len ? markdown(doc, t, sb.data) : json_null();
    sb_free(&sb);
    free(text);
    return out;
}

/* ---- definition ---- */

static json_t *location(const char *path, json_t *r)
{
    char *uri = lsp_path_to_uri(path);
    json_t *o = json_pack("{s:s, s:o}", "uri", uri, "range", r);
    free(uri);
    return o;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

json_t *lsp_doc_definition(const lsp_doc_t *doc, int line, int character)
{
    size_t i;
    const lex_token_t *t = token_at(doc, line, character, &i);
    if (!t) return json_null();
    json_t *out = json_null();
    char *text = lsp_token_text(doc, t);
    if (t->kind == token_string() && i > 0 && token_is_keyword(doc->toks.items[i - 1].kind)) {
        /* include "x.chiso", parent "x.chiso": the file */
        const char *en = keyword_spelling(doc->toks.items[i - 1].kind, false);
        if (en && (!strcmp(en, "include") || !strcmp(en, "parent")) && t->end - t->start >= 2) {
            char *name = xstrndup(text + 1, strlen(text) - 2);
            char *dir = dir_of(doc->path);
            char *target = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", dir, name);
            json_decref(out);
            out = location(target, json_pack("{s:{s:i,s:i}, s:{s:i,s:i}}", "start", "line", 0, "character", 0,
                                             "end", "line", 0, "character", 0));
            free(target);
            free(dir);
            free(name);
        }
    } else {
        find_id_t f = {text, NULL, NULL};
        const let_t *let = NULL;
        find_id(doc, &f);
        const srcloc_t *l = f.node ? &f.node->id_loc : f.target ? &f.target->id_loc : NULL;
        if (!l && t->kind == token_ident() && is_let_name(doc, text, &let)) l = &let->loc;
        if (!l && (t->kind == token_ident() || t->kind == token_path())) {
            /* a metric read: its declaration, in this file or an included one */
            const metric_decl_t *d = find_decl(doc, text);
            if (d) l = &d->path_loc;
        }
        if (l && l->src) {
            json_decref(out);
            out = location(l->src->path, loc_range(l));
        }
    }
    free(text);
    return out;
}

/* ---- document symbols ---- */

enum { SK_MODULE = 2, SK_NAMESPACE = 3, SK_PACKAGE = 4, SK_FIELD = 8, SK_EVENT = 24 };

/* The span of a statement from its keyword to the `}` ending its block. */
static json_t *block_range(const lsp_doc_t *doc, const srcloc_t *start)
{
    const token_list_t *tl = &doc->toks;
    size_t i = 0;
    while (i < tl->count && (tl->items[i].line < start->line ||
                             (tl->items[i].line == start->line && tl->items[i].col < start->col)))
        i++;
    int depth = 0;
    for (size_t k = i; k < tl->count; k++) {
        if (tl->items[k].kind == '{') depth++;
        if (tl->items[k].kind == '}' && --depth == 0)
            return range(doc->src, start->line, start->col, tl->items[k].end_line, tl->items[k].end_col);
    }
    return range(doc->src, start->line, start->col, start->end_line, start->end_col);
}

static json_t *node_symbol(const lsp_doc_t *doc, const node_t *n)
{
    char num[64];
    bool index = n->kind == NODE_INDEX;
    char *name = index ? xstrdup(n->name ? n->name : "?") : xasprintf("%s %s", n->id, n->name ? n->name : "");
    char *detail = xasprintf("%s %s", index ? "tổng (total)" : "tối đa (max)",
                             n->has_max ? rat_format(n->max, 6, num, sizeof num) : "?");
    const srcloc_t *sel = index ? &n->loc : &n->id_loc;
    json_t *sym = json_pack("{s:s, s:s, s:i, s:o, s:o}", "name", name, "detail", detail, "kind",
                            index ? SK_MODULE : n->nchildren ? SK_NAMESPACE : SK_FIELD, "range",
                            block_range(doc, &n->loc), "selectionRange", loc_range(sel));
    free(name);
    free(detail);
    json_t *children = json_array();
    for (size_t i = 0; i < n->nchildren; i++) json_array_append_new(children, node_symbol(doc, n->children[i]));
    json_object_set_new(sym, "children", children);
    return sym;
}

json_t *lsp_doc_symbols(const lsp_doc_t *doc)
{
    json_t *out = json_array();
    const program_t *p = &doc->prog->prog;
    for (size_t i = 0; i < p->nindexes; i++)
        if (same_file(doc, &p->indexes[i]->loc)) json_array_append_new(out, node_symbol(doc, p->indexes[i]));
    for (size_t i = 0; i < p->nplans; i++) {
        const plan_t *pl = p->plans[i];
        if (!same_file(doc, &pl->loc)) continue;
        json_t *children = json_array();
        for (size_t k = 0; k < pl->ntargets; k++) {
            const target_t *t = pl->targets[k];
            char *name = xasprintf("%s %s", t->id, t->title);
            json_array_append_new(children, json_pack("{s:s, s:i, s:o, s:o}", "name", name, "kind", SK_EVENT,
                                                      "range", loc_range(&t->loc), "selectionRange",
                                                      loc_range(&t->id_loc)));
            free(name);
        }
        json_array_append_new(out, json_pack("{s:s, s:i, s:o, s:o, s:o}", "name", pl->name, "kind", SK_PACKAGE,
                                             "range", block_range(doc, &pl->loc), "selectionRange",
                                             loc_range(&pl->loc), "children", children));
    }
    return out;
}

/* ---- formatting ---- */

json_t *lsp_doc_format(const lsp_doc_t *doc)
{
    if (doc->src->invalid) return json_null();
    diag_list_t diags;
    diag_list_init(&diags);
    size_t len = 0;
    char *text = format_source(doc->src, FMT_KEYWORDS_KEEP, &diags, &len);
    diag_list_free(&diags);
    if (!text) return json_null();
    /* one edit: the whole text (its last line may lack a newline) */
    int last = (int)doc->src->nlines;
    size_t lastlen = 0;
    const char *lastline = source_line(doc->src, last, &lastlen);
    int lastcols = lastline ? utf8_columns(lastline, lastlen) : 0;
    json_t *edit = json_pack("{s:{s:{s:i,s:i}, s:{s:i,s:i}}, s:s}", "range", "start", "line", 0, "character", 0,
                             "end", "line", last - 1, "character", utf16_units(doc->src, last, lastcols + 1),
                             "newText", text);
    free(text);
    json_t *edits = json_array();
    json_array_append_new(edits, edit);
    return edits;
}

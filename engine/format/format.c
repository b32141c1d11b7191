/* format.c — `chiso fmt`: lays out a rules file's tokens by generic rules.
 *
 * 1. Line breaks: the author's are kept (two or more blank lines become
 *    one); a statement always starts a line; a block of statements `{ … }`
 *    has its `{` ending a line and its `}` on a line of its own; after such
 *    a block, the next statement is preceded by a blank line. A block with
 *    no statements in it (a grade list) stays on one line when written so.
 * 2. Indentation: two spaces per open block; a line that continues a
 *    statement is indented two levels deeper than the statement.
 * 3. Spaces: one around operators and `->`, none inside parentheses or
 *    before a comma, none between a function and its `(`, none after a
 *    unary minus; two before a comment after code. Two or more spaces that
 *    the author put before a string that follows a value (between the
 *    grades of a one-line list) become two.
 * 4. Alignment: in consecutive lines at one depth that start with the same
 *    keyword, the first string, the word after it, and the `->` (of bands)
 *    are each put in one column.
 * The output is lexed again and must give the same tokens. */
#include "engine/format/format.h"

#include "engine/support/xalloc.h"
#include "grammar/keywords.h"
#include "grammar/tokens.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define INDENT 2
#define CONTINUATION_LEVELS 2

typedef struct {
    const char *text;
    size_t len;
} piece_t;

typedef struct {
    const source_t *src;
    lex_token_t *t;
    size_t n;
    long *match;       /* matching brace, or -1 */
    bool *multiline;   /* for `{` and `}`: a block laid out over lines */
    bool *statements;  /* for `{`: holds statements directly */
    int *brk;          /* before token i: 0 same line, 1 new line, 2 blank line */
    piece_t *piece;    /* the text each token is written as */
} fmt_t;

typedef struct {
    int indent;        /* columns */
    size_t first, end; /* tokens [first, end) */
    int blank_before;
} line_t;

static bool is_comment(const fmt_t *f, size_t i) { return f->t[i].kind == TOKEN_COMMENT; }
static bool is_open_ml(const fmt_t *f, size_t i) { return f->t[i].kind == '{' && f->multiline[i]; }
static bool is_close_ml(const fmt_t *f, size_t i) { return f->t[i].kind == '}' && f->multiline[i]; }

static int width_of(const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            w++;
            continue;
        }
        i += (size_t)k;
        w += utf8proc_charwidth(cp);
    }
    return w;
}

/* Braces: matches, and which blocks span lines. */
static void find_blocks(fmt_t *f)
{
    long *stack = xmalloc((f->n + 1) * sizeof *stack);
    size_t depth = 0;
    for (size_t i = 0; i < f->n; i++) {
        f->match[i] = -1;
        if (f->t[i].kind == '{') stack[depth++] = (long)i;
        else if (f->t[i].kind == '}' && depth > 0) {
            size_t o = (size_t)stack[--depth];
            f->match[o] = (long)i;
            f->match[i] = (long)o;
            bool ml = f->t[i].line != f->t[o].line;
            int inner = 0;
            for (size_t k = o + 1; k < i; k++) {
                if (f->t[k].kind == '{') inner++;
                if (f->t[k].kind == '}') inner--;
                if (is_comment(f, k)) ml = true;
                if (f->t[k].statement) {
                    ml = true;
                    if (inner == 0) f->statements[o] = true;
                }
            }
            f->multiline[o] = f->multiline[i] = ml;
            f->statements[i] = f->statements[o];
        }
    }
    free(stack);
}

static int clamp_breaks(int nl) { return nl > 2 ? 2 : nl; }

static void decide_breaks(fmt_t *f)
{
    for (size_t i = 1; i < f->n; i++) {
        const lex_token_t *p = &f->t[i - 1], *c = &f->t[i];
        int nl = c->line - p->end_line;
        if (nl < 0) nl = 0;
        int b = clamp_breaks(nl);
        if (p->kind == TOKEN_COMMENT && b == 0) b = 1;
        if (c->kind != TOKEN_COMMENT && c->statement && b == 0) b = 1;
        if (c->kind == '{' && p->kind != TOKEN_COMMENT) b = 0;
        if (is_open_ml(f, i - 1)) b = (c->kind == TOKEN_COMMENT && nl == 0) ? 0 : 1;
        if (is_close_ml(f, i)) b = 1;
        if (c->kind == '}' && !f->multiline[i]) b = 0;
        f->brk[i] = b;
    }
    /* A blank line between a block of statements and the next statement. */
    for (size_t k = 0; k + 1 < f->n; k++) {
        if (!is_close_ml(f, k) || !f->statements[k]) continue;
        size_t j = k + 1;
        while (j < f->n && is_comment(f, j)) j++;
        if (j >= f->n || !f->t[j].statement) continue;
        size_t first = k + 1;
        if (is_comment(f, first) && f->brk[first] == 0) first++;
        if (first < f->n) f->brk[first] = 2;
    }
}

/* The text of each token: as written, or respelled by --keywords. */
static void choose_pieces(fmt_t *f, fmt_keywords kw)
{
    bool in_decl = false;    /* within a metric declaration */
    bool in_periods = false; /* within `applies_to …` */
    for (size_t i = 0; i < f->n; i++) {
        const lex_token_t *t = &f->t[i];
        if (t->statement) {
            in_decl = t->kind == token_metric();
            in_periods = t->kind == token_applies_to();
        }
        f->piece[i].text = f->src->text + t->start;
        f->piece[i].len = t->end - t->start;
        if (t->kind == TOKEN_COMMENT) { /* trailing blanks go */
            while (f->piece[i].len > 0 && (f->piece[i].text[f->piece[i].len - 1] == ' ' ||
                                           f->piece[i].text[f->piece[i].len - 1] == '\t'))
                f->piece[i].len--;
            continue;
        }
        if (kw == FMT_KEYWORDS_KEEP) continue;
        bool vi = kw == FMT_KEYWORDS_VI;
        if (token_is_keyword(t->kind)) {
            const char *s = keyword_spelling(t->kind, vi);
            if (s) {
                f->piece[i].text = s;
                f->piece[i].len = strlen(s);
            }
            continue;
        }
        /* the clause words of a declaration (a kind, `từ`, `đến`, `bắt_buộc`):
         * a word there that no operator precedes is one of them, not a
         * metric of a constraint */
        long prev = (long)i - 1;
        while (prev >= 0 && is_comment(f, (size_t)prev)) prev--;
        int pk = prev >= 0 ? f->t[prev].kind : 0;
        if (in_decl && t->kind == token_ident() && prev >= 0 && !token_is_operator(pk) && pk != '(' &&
            pk != ',' && pk != token_metric()) {
            const char *s = metric_decl_word_spelling(f->piece[i].text, f->piece[i].len, vi);
            if (s) {
                f->piece[i].text = s;
                f->piece[i].len = strlen(s);
            }
            continue;
        }
        /* the span words of `applies_to 2022 to 2030`, the word after `origin` */
        if (t->kind == token_ident() && (in_periods || pk == token_origin())) {
            const char *s = context_word_spelling(f->piece[i].text, f->piece[i].len, vi);
            if (s) {
                f->piece[i].text = s;
                f->piece[i].len = strlen(s);
            }
            continue;
        }
        /* policy KEY = VALUE: the words are the language's, not the author's */
        if (t->kind == token_ident()) {
            bool key = i >= 1 && f->t[i - 1].kind == token_policy();
            bool value = i >= 3 && f->t[i - 1].kind == '=' && f->t[i - 3].kind == token_policy();
            if (key || value) {
                const char *s = policy_word_spelling(f->piece[i].text, f->piece[i].len, vi);
                if (s) {
                    f->piece[i].text = s;
                    f->piece[i].len = strlen(s);
                }
            }
        }
    }
}

/* Spaces between two tokens on one line. */
static int spaces_between(const fmt_t *f, size_t i, long before_prev)
{
    const lex_token_t *p = &f->t[i - 1], *c = &f->t[i];
    if (c->kind == TOKEN_COMMENT) return 2;
    if (p->kind == '(' || c->kind == ')' || c->kind == ',') return 0;
    if (c->kind == '(' && (p->kind == token_ident() || p->kind == token_max())) return 0;
    if (p->kind == '-') { /* unary when nothing that ends an operand is before it */
        long pp = before_prev;
        if (pp < 0 || !token_ends_operand(f->t[pp].kind)) return 0;
    }
    /* entries of a list on one line, as grades: `"Tốt" >= 80  "Khá" >= 65` */
    if (token_ends_operand(p->kind) && p->kind != ')' && c->kind == token_string() &&
        p->end_line == c->line && c->col - p->end_col >= 2)
        return 2;
    return 1;
}

/* Indentation (in levels) of code token i starting a line, at `depth`
 * open blocks (before i). */
static int code_indent(const fmt_t *f, size_t i, int depth, long prev_code, const long *open_stack,
                       int nopen)
{
    if (is_close_ml(f, i)) return depth - 1;
    if (f->t[i].statement) return depth;
    if (prev_code < 0) return depth;
    if (is_open_ml(f, (size_t)prev_code) || is_close_ml(f, (size_t)prev_code)) return depth;
    if (nopen > 0 && !f->statements[open_stack[nopen - 1]]) return depth; /* a list */
    return depth + CONTINUATION_LEVELS;
}

typedef enum { ANCHOR_STRING, ANCHOR_AFTER_STRING, ANCHOR_ARROW } anchor_kind;

/* The token of a line that `anchor` puts in a column, or -1. */
static long anchor_of(const fmt_t *f, const line_t *l, anchor_kind anchor)
{
    if (is_comment(f, l->first) || !token_is_keyword(f->t[l->first].kind)) return -1;
    int parens = 0;
    for (size_t k = l->first + 1; k < l->end; k++) {
        int kind = f->t[k].kind;
        if (parens == 0) {
            if (anchor == ANCHOR_ARROW && kind == token_arrow()) return (long)k;
            if (anchor != ANCHOR_ARROW && kind == token_string()) {
                if (anchor == ANCHOR_STRING) return (long)k;
                return k + 1 < l->end && !is_comment(f, k + 1) ? (long)k + 1 : -1;
            }
        }
        if (kind == '(' || kind == '{') parens++;
        if (kind == ')' || kind == '}') parens--;
    }
    return -1;
}

static void align(const fmt_t *f, const line_t *lines, size_t nlines, int *space, anchor_kind anchor)
{
    int *col = xcalloc(nlines + 1, sizeof *col);
    long *tok = xcalloc(nlines + 1, sizeof *tok);
    for (size_t li = 0; li < nlines; li++) {
        const line_t *l = &lines[li];
        tok[li] = anchor_of(f, l, anchor);
        col[li] = l->indent;
        for (size_t k = l->first; tok[li] >= 0 && k < (size_t)tok[li]; k++)
            col[li] += (k > l->first ? space[k] : 0) + width_of(f->piece[k].text, f->piece[k].len);
        if (tok[li] >= 0) col[li] += space[tok[li]];
    }
    for (size_t a = 0; a < nlines;) {
        if (tok[a] < 0) {
            a++;
            continue;
        }
        size_t b = a + 1;
        while (b < nlines && tok[b] >= 0 && !lines[b].blank_before && lines[b].indent == lines[a].indent &&
               f->t[lines[b].first].kind == f->t[lines[a].first].kind)
            b++;
        int target = 0;
        for (size_t k = a; k < b; k++)
            if (col[k] > target) target = col[k];
        for (size_t k = a; k < b; k++) space[tok[k]] += target - col[k];
        a = b;
    }
    free(col);
    free(tok);
}

static void lay_out(fmt_t *f, strbuf_t *out)
{
    line_t *lines = NULL;
    size_t nlines = 0, caplines = 0;
    int *space = xcalloc(f->n, sizeof *space);
    long *open_stack = xmalloc((f->n + 1) * sizeof *open_stack);
    int nopen = 0, depth = 0;
    long prev_code = -1, before_prev = -1;

    for (size_t i = 0; i < f->n; i++) {
        bool starts = i == 0 || f->brk[i] > 0;
        if (starts) {
            VEC_PUSH(lines, nlines, caplines);
            line_t *l = &lines[nlines++];
            l->first = i;
            l->end = i + 1;
            l->blank_before = i > 0 && f->brk[i] == 2;
            int level;
            if (is_comment(f, i)) {
                /* with the code that follows, or inside the block it ends */
                size_t j = i + 1;
                while (j < f->n && is_comment(f, j)) j++;
                if (j >= f->n) level = depth;
                else if (is_close_ml(f, j)) level = depth;
                else level = code_indent(f, j, depth, prev_code, open_stack, nopen);
            } else {
                level = code_indent(f, i, depth, prev_code, open_stack, nopen);
            }
            l->indent = (level < 0 ? 0 : level) * INDENT;
        } else {
            lines[nlines - 1].end = i + 1;
            space[i] = spaces_between(f, i, before_prev); /* t[i-1] is code: comments end lines */
        }
        if (is_comment(f, i)) continue;
        if (f->t[i].kind == '{') {
            open_stack[nopen++] = (long)i;
            if (f->multiline[i]) depth++;
        } else if (f->t[i].kind == '}') {
            if (nopen > 0) nopen--;
            if (f->multiline[i]) depth--;
        }
        before_prev = prev_code;
        prev_code = (long)i;
    }

    /* Columns in runs of lines that start with the same keyword: the first
     * string and what follows it (declarations, deductions), then `->`. */
    align(f, lines, nlines, space, ANCHOR_STRING);
    align(f, lines, nlines, space, ANCHOR_AFTER_STRING);
    align(f, lines, nlines, space, ANCHOR_ARROW);

    for (size_t li = 0; li < nlines; li++) {
        const line_t *l = &lines[li];
        if (l->blank_before) sb_addc(out, '\n');
        for (int s = 0; s < l->indent; s++) sb_addc(out, ' ');
        for (size_t k = l->first; k < l->end; k++) {
            if (k > l->first)
                for (int s = 0; s < space[k]; s++) sb_addc(out, ' ');
            sb_add(out, f->piece[k].text, f->piece[k].len);
        }
        sb_addc(out, '\n');
    }
    free(lines);
    free(space);
    free(open_stack);
}

/* The formatted text must lex to the tokens it was made of. */
static bool same_tokens(const fmt_t *f, const char *text, size_t len)
{
    diag_list_t diags;
    diag_list_init(&diags);
    source_t *src = source_from_memory(f->src->path, text, len, &diags);
    token_list_t again;
    size_t errors = tokens_read(src, &diags, &again);
    bool same = errors == 0 && again.count == f->n;
    for (size_t i = 0; same && i < f->n; i++) {
        const lex_token_t *t = &again.items[i];
        same = t->kind == f->t[i].kind && t->end - t->start == f->piece[i].len &&
               memcmp(src->text + t->start, f->piece[i].text, f->piece[i].len) == 0;
    }
    tokens_free(&again);
    source_free(src);
    diag_list_free(&diags);
    return same;
}

char *format_source(const source_t *src, fmt_keywords keywords, diag_list_t *diags, size_t *len)
{
    token_list_t toks;
    size_t errors = tokens_read(src, diags, &toks);
    if (errors || src->invalid) {
        tokens_free(&toks);
        return NULL;
    }
    fmt_t f = {src, toks.items, toks.count, NULL, NULL, NULL, NULL, NULL};
    f.match = xcalloc(f.n + 1, sizeof *f.match);
    f.multiline = xcalloc(f.n + 1, sizeof *f.multiline);
    f.statements = xcalloc(f.n + 1, sizeof *f.statements);
    f.brk = xcalloc(f.n + 1, sizeof *f.brk);
    f.piece = xcalloc(f.n + 1, sizeof *f.piece);
    find_blocks(&f);
    decide_breaks(&f);
    choose_pieces(&f, keywords);
    strbuf_t out;
    sb_init(&out);
    if (f.n > 0) lay_out(&f, &out);
    char *text = NULL;
    if (same_tokens(&f, out.data ? out.data : "", out.len)) {
        *len = out.len;
        text = out.data ? sb_take(&out) : xstrdup("");
    } else {
        diag_t *d = diag_add(diags, DIAG_ERROR, (srcloc_t){src, 0, 0, 0, 0}, "fmt-internal",
                             "the formatted text would read differently; the file is left as it is");
        diag_hint(d, "please report this file to the chiso maintainers");
    }
    sb_free(&out);
    free(f.match);
    free(f.multiline);
    free(f.statements);
    free(f.brk);
    free(f.piece);
    tokens_free(&toks);
    return text;
}

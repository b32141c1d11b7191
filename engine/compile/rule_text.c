/* rule_text.c — an expression's text as the rules file writes it
 * (keywords, percents and spacing as the author typed them, lines
 * joined), cut from the source by the spans of its pieces. `explain`
 * shows it for a leaf's rule; the compiler makes it once for each
 * deadline a rule checks, which results name when it is missed. */
#include "rule_text.h"

#include "engine/support/source.h"
#include "engine/support/xalloc.h"

#include <string.h>


typedef struct {
    int line, col, end_line, end_col;
    const source_t *src;
} span_t;

static void widen(span_t *s, const expr_t *e, int depth)
{
    if (!e || depth > 400) return;
    const srcloc_t *l = &e->loc;
    if (l->src && l->line > 0) {
        if (!s->src) {
            *s = (span_t){l->line, l->col, l->end_line, l->end_col, l->src};
        } else {
            if (l->line < s->line || (l->line == s->line && l->col < s->col)) {
                s->line = l->line;
                s->col = l->col;
            }
            if (l->end_line > s->end_line || (l->end_line == s->end_line && l->end_col > s->end_col)) {
                s->end_line = l->end_line;
                s->end_col = l->end_col;
            }
        }
    }
    for (int i = 0; e->kind == EX_CALL && i < e->nargs; i++) widen(s, e->args[i], depth + 1);
    if (!expr_has_operands(e)) return;
    widen(s, e->a, depth + 1);
    widen(s, e->b, depth + 1);
    widen(s, e->c, depth + 1);
}

/* Byte offset of code point column `col` (1-based) in a line. */
static size_t byte_of_col(const char *line, size_t len, int col)
{
    size_t b = 0;
    for (int c = 1; c < col && b < len; c++) {
        b++;
        while (b < len && ((unsigned char)line[b] & 0xC0) == 0x80) b++;
    }
    return b;
}

char *formula_source(const expr_t *e)
{
    span_t s = {0, 0, 0, 0, NULL};
    widen(&s, e, 0);
    if (!s.src) return xstrdup("");
    strbuf_t sb;
    sb_init(&sb);
    int depth = 0; /* parentheses opened minus closed in what was taken */
    for (int ln = s.line; ln <= s.end_line; ln++) {
        size_t len;
        const char *text = source_line(s.src, ln, &len);
        if (!text) break;
        size_t from = ln == s.line ? byte_of_col(text, len, s.col) : 0;
        size_t to = ln == s.end_line ? byte_of_col(text, len, s.end_col) : len;
        if (to < from) to = from;
        if (ln > s.line) {
            while (from < to && (text[from] == ' ' || text[from] == '\t')) from++;
            if (sb.len) sb_addc(&sb, ' ');
        }
        const char *hash = memchr(text + from, '#', to - from); /* a comment ends the line */
        if (hash) to = (size_t)(hash - text);
        while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t')) to--;
        for (size_t i = from; i < to; i++) depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
        sb_add(&sb, text + from, to - from);
    }
    /* The spans of the pieces stop short of the parentheses around them:
     * take those from the source too, so that they balance. */
    size_t len;
    const char *first = source_line(s.src, s.line, &len);
    strbuf_t open;
    sb_init(&open);
    for (size_t i = first ? byte_of_col(first, len, s.col) : 0; depth < 0 && i > 0; i--) {
        char ch = first[i - 1];
        if (ch == '(') {
            sb_addc(&open, '(');
            depth++;
        } else if (ch != ' ' && ch != '\t') {
            break;
        }
    }
    const char *last = source_line(s.src, s.end_line, &len);
    for (size_t i = last ? byte_of_col(last, len, s.end_col) : 0; last && depth > 0 && i < len; i++) {
        if (last[i] == ')') {
            sb_addc(&sb, ')');
            depth--;
        } else if (last[i] != ' ' && last[i] != '\t') {
            break;
        }
    }
    if (open.len) {
        sb_adds(&open, sb.data ? sb.data : "");
        sb_free(&sb);
        return sb_take(&open);
    }
    sb_free(&open);
    return sb_take(&sb);
}


/* band_text.c — bands shown as the rules file writes them (band_text.h):
 * the text of the band's line between its keyword and its arrow, with the
 * comparison in mathematical signs and the keywords as words. */
#include "band_text.h"
#include "engine/support/i18n.h"

#include "engine/compile/loaded_program.h"

#include <stdio.h>
#include <string.h>

static void add_nodes(strmap_t *m, const node_t *n)
{
    for (size_t i = 0; i < n->nchildren; i++) {
        if (n->children[i]->id && !strmap_get(m, n->children[i]->id)) strmap_put(m, n->children[i]->id, n->children[i]);
        add_nodes(m, n->children[i]);
    }
}

void band_text_init(band_text_t *t, const chiso_program *prog, size_t index)
{
    strmap_init(&t->nodes);
    if (prog && index < prog->prog.nindexes) add_nodes(&t->nodes, prog->prog.indexes[index]);
}

void band_text_free(band_text_t *t) { strmap_free(&t->nodes); }

/* Byte offset of code-point column `col` (1-based) in line. */
static size_t byte_at(const char *line, size_t len, int col)
{
    size_t i = 0;
    for (int c = 1; c < col && i < len; c++) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

static bool name_char(char c)
{
    unsigned u = (unsigned char)c;
    return c == '_' || c == '.' || u >= 0x80 || (u | 32u) - 'a' < 26u || u - '0' < 10u;
}

/* Rewrites the words and signs of a band for reading, into out. */
static void for_reading(const char *s, size_t n, char *out, size_t size)
{
    /* the keywords in the language of the report: "còn lại" / "otherwise" */
    static const struct { const char *from, *to; } words[] = {
        {">=", "≥"}, {"<=", "≤"}, {"!=", "≠"}, {"==", "="},
        {"còn_lại", N_("otherwise")}, {"con_lai", N_("otherwise")}, {"otherwise", N_("otherwise")},
        {"true", N_("true")}, {"đúng", N_("true")}, {"dung", N_("true")}, {"false", N_("false")}, {"sai", N_("false")},
    };
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size;) {
        bool done = false;
        for (size_t w = 0; w < sizeof words / sizeof *words && !done; w++) {
            size_t k = strlen(words[w].from);
            bool word = words[w].from[0] != '>' && words[w].from[0] != '<' && words[w].from[0] != '!' &&
                        words[w].from[0] != '=';
            if (i + k > n || memcmp(s + i, words[w].from, k)) continue;
            if (word && ((i > 0 && name_char(s[i - 1])) || (i + k < n && name_char(s[i + k]))))
                continue; /* part of a longer name */
            const char *to = word ? _(words[w].to) : words[w].to;
            size_t t = strlen(to);
            if (o + t + 1 >= size) break;
            memcpy(out + o, to, t);
            o += t;
            i += k;
            done = true;
        }
        if (!done) out[o++] = s[i++];
    }
    out[o] = '\0';
}

const char *band_text(const band_text_t *t, const char *id, const char *label, char *buf, size_t size)
{
    return band_text_of(id ? strmap_get(&t->nodes, id) : NULL, label, buf, size);
}

const char *band_text_of(const node_t *n, const char *label, char *buf, size_t size)
{
    if (!label) return NULL;
    for (size_t i = 0; n && i < n->nbands; i++) {
        const band_t *b = n->bands[i];
        if (!b->label || strcmp(b->label, label) != 0 || !b->loc.src || b->loc.line < 1) continue;
        size_t len;
        const char *line = source_line(b->loc.src, b->loc.line, &len);
        if (!line) break;
        size_t from = byte_at(line, len, b->loc.col);
        size_t to = b->loc.end_line == b->loc.line ? byte_at(line, len, b->loc.end_col) : len;
        if (to > len || to < from) to = len;
        const char *s = line + from, *end = line + to;
        while (s < end && *s != ' ' && *s != '\t') s++; /* the keyword mức / band */
        const char *arrow = NULL;
        for (const char *p = s; p + 1 < end && !arrow; p++)
            if (p[0] == '-' && p[1] == '>') arrow = p;
        if (arrow) end = arrow;
        else {
            for (const char *p = s; p + 2 < end && !arrow; p++) /* → */
                if (!memcmp(p, "\xE2\x86\x92", 3)) arrow = p;
            if (arrow) end = arrow;
        }
        while (s < end && (*s == ' ' || *s == '\t')) s++;
        while (end > s && (end[-1] == ' ' || end[-1] == '\t')) end--;
        if (s == end) break;
        for_reading(s, (size_t)(end - s), buf, size);
        return buf;
    }
    for_reading(label, strlen(label), buf, size);
    return buf;
}

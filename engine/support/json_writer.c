/* json_writer.c — compact JSON text (see json_writer.h). */
#include "json_writer.h"
#include "rat_text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define JW_COMMON_TEXT(id, text) {text, sizeof(text) - 1},
const jw_text_t jw_common_text[JC_COUNT] = {JW_COMMON(JW_COMMON_TEXT)};
#undef JW_COMMON_TEXT

void jw_init(jw_t *w, strbuf_t *sb)
{
    memset(w, 0, sizeof *w);
    w->sb = sb;
    w->first[0] = true;
}

#define sep jw_sep

static void open_(jw_t *w, char c)
{
    sep(w);
    sb_addc(w->sb, c);
    if (w->depth + 1 < JW_MAX_DEPTH) w->depth++;
    w->first[w->depth] = true;
}

void jw_object(jw_t *w) { open_(w, '{'); }
void jw_array(jw_t *w) { open_(w, '['); }

void jw_end_object(jw_t *w)
{
    if (w->depth > 0) w->depth--;
    sb_addc(w->sb, '}');
}

void jw_end_array(jw_t *w)
{
    if (w->depth > 0) w->depth--;
    sb_addc(w->sb, ']');
}

/* A JSON string. Most strings need no escape: they are copied straight
 * into the buffer, and only a string that has one takes the slow path. */
static bool needs_escape(const char *s, size_t n)
{
    /* Eight bytes at a time: is any byte below 0x20, a quote or a
     * backslash? (The classic "has a zero byte" bit trick, exact for
     * "any".) */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        uint64_t hit = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b);
        if (hit & highs) return true;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
}

/* s[0..n), which needs no escape, between quotes. */
static void quoted(strbuf_t *sb, const char *s, size_t n)
{
    sb_reserve(sb, n + 2);
    char *out = sb->data + sb->len;
    out[0] = '"';
    memcpy(out + 1, s, n);
    out[n + 1] = '"';
    out[n + 2] = '\0';
    sb->len += n + 2;
}

bool jw_append_plain_string(strbuf_t *sb, const char *s, size_t n)
{
    if (needs_escape(s, n) || memchr(s, '\0', n)) return false;
    quoted(sb, s, n);
    return true;
}

static void escaped(strbuf_t *sb, const char *s)
{
    size_t n = strlen(s);
    if (!needs_escape(s, n)) {
        quoted(sb, s, n);
        return;
    }
    sb_addc(sb, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        sb_add(sb, run, (size_t)(s - run));
        switch (c) {
        case '"': sb_adds(sb, "\\\""); break;
        case '\\': sb_adds(sb, "\\\\"); break;
        case '\n': sb_adds(sb, "\\n"); break;
        case '\t': sb_adds(sb, "\\t"); break;
        case '\r': sb_adds(sb, "\\r"); break;
        default: sb_printf(sb, "\\u%04x", c); break;
        }
        run = s + 1;
    }
    sb_add(sb, run, (size_t)(s - run));
    sb_addc(sb, '"');
}

void jw_key(jw_t *w, const char *key)
{
    sep(w);
    escaped(w->sb, key);
    sb_addc(w->sb, ':');
    w->after_key = true;
}

void jw_string(jw_t *w, const char *s)
{
    sep(w);
    if (s) escaped(w->sb, s);
    else sb_adds(w->sb, "null");
}

void jw_string_const(jw_t *w, const char *s)
{
    int id = w->refs && s ? json_refs_find(w->refs, s, JSON_REF_STRING) : -1;
    if (id < 0) {
        jw_string(w, s);
        return;
    }
    sep(w);
    json_refs_put(w->sb, id);
}

void jw_int(jw_t *w, long long v)
{
    char buf[48];
    sep(w);
    sb_adds(w->sb, rat_format(rat_int(v), 0, buf, sizeof buf));
}

void jw_bool(jw_t *w, bool v)
{
    sep(w);
    sb_adds(w->sb, v ? "true" : "false");
}

void jw_null(jw_t *w)
{
    sep(w);
    sb_adds(w->sb, "null");
}

void jw_rat(jw_t *w, rat_t v)
{
    char buf[48];
    sep(w);
    if (__builtin_expect(rat_is_big(v), 0)) {
        /* Exact, however long. A whole number beyond 64 bits gets ".0",
         * so that readers keeping integers in 64 bits (jansson among
         * them) read it as a floating-point number rather than refuse it;
         * one beyond any double's range (10^300 and more) is a string of
         * its digits, which every reader takes. */
        char *text = rat_format_alloc(v, 6);
        size_t whole = strcspn(text, ".") - (text[0] == '-');
        if (whole > 300) {
            sb_addc(w->sb, '"');
            sb_adds(w->sb, text);
            sb_addc(w->sb, '"');
        } else {
            sb_adds(w->sb, text);
            errno = 0;
            if (!strchr(text, '.') && (strtoll(text, NULL, 10), errno == ERANGE)) sb_adds(w->sb, ".0");
        }
        free(text);
        return;
    }
    if (v.den == 1) { /* whole, as most points and maxima are: its digits, as rat_format writes them */
        unsigned long long mag = v.num < 0 ? 0ULL - (unsigned long long)v.num : (unsigned long long)v.num;
        size_t n = sizeof buf;
        do {
            buf[--n] = (char)('0' + mag % 10);
            mag /= 10;
        } while (mag);
        if (v.num < 0) buf[--n] = '-';
        sb_add(w->sb, buf + n, sizeof buf - n);
        return;
    }
    sb_add_rat6(w->sb, v, '.'); /* as rat_format(v, 6) writes it */
}

void jw_raw(jw_t *w, const char *json)
{
    sep(w);
    sb_adds(w->sb, json);
}

void jw_raw_const(jw_t *w, const char *json)
{
    int id = w->refs ? json_refs_find(w->refs, json, JSON_REF_TEXT) : -1;
    if (id < 0) {
        jw_raw(w, json);
        return;
    }
    sep(w);
    json_refs_put(w->sb, id);
}

void jw_object_text_const(jw_t *w, const char *text, size_t len)
{
    int id = w->refs ? json_refs_find(w->refs, text, JSON_REF_TEXT) : -1;
    if (id < 0) {
        jw_object_text(w, text, len);
        return;
    }
    sep(w);
    json_refs_put(w->sb, id); /* the text opens the object */
    if (w->depth + 1 < JW_MAX_DEPTH) w->depth++;
    w->first[w->depth] = false;
    w->after_key = true;
}

void jw_object_text(jw_t *w, const char *text, size_t len)
{
    open_(w, '{');
    sb_add(w->sb, text + 1, len - 1); /* the brace is written by open_ */
    w->first[w->depth] = false;
    w->after_key = true;
}


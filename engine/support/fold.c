/* fold.c — visual folding and distances for "did you mean" (see fold.h). */
#include "fold.h"

#include "xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The folding of one code point, appended to sb (the slow way). */
static void fold_cp_slow(strbuf_t *sb, utf8proc_int32_t cp)
{
    if (cp == 0x0111 || cp == 0x0110) {
        sb_addc(sb, 'd');
        return;
    }
    utf8proc_int32_t out[8];
    int last = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, out, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (m < 0 || m > 8) {
        out[0] = cp;
        m = 1;
    }
    for (utf8proc_ssize_t j = 0; j < m; j++) {
        utf8proc_int32_t c = out[j] == 0x0111 ? 'd' : out[j];
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t e = utf8proc_encode_char(c, buf);
        sb_add(sb, (const char *)buf, (size_t)e);
    }
}

/* The foldings of the letters Vietnamese is written with, U+0080–U+024F
 * and U+1E00–U+1EFF, computed once: names are folded by the thousand in a
 * large rules file. The rest of the table stays 0 (folded the slow way):
 * computing all of U+0080–U+1FFF had cost more than checking a small
 * rules file. */
#define FOLD_TABLE_END 0x2000
typedef struct {
    unsigned char len; /* 0: not in the table, fold the slow way */
    char bytes[7];
} fold_entry_t;
static fold_entry_t fold_table[FOLD_TABLE_END];
static pthread_once_t fold_table_once = PTHREAD_ONCE_INIT;

static void build_fold_table(void)
{
    strbuf_t sb;
    sb_init(&sb);
    static const utf8proc_int32_t ranges[][2] = {{0x80, 0x250}, {0x1E00, 0x1F00}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (utf8proc_int32_t cp = ranges[r][0]; cp < ranges[r][1]; cp++) {
            sb.len = 0;
            fold_cp_slow(&sb, cp);
            if (sb.len == 0 || sb.len > sizeof fold_table[cp].bytes) continue;
            fold_table[cp].len = (unsigned char)sb.len;
            memcpy(fold_table[cp].bytes, sb.data, sb.len);
        }
    sb_free(&sb);
}

/* A two- or three-byte sequence of valid UTF-8 (what Vietnamese letters
 * are), decoded inline; 0 for anything else, which utf8proc decodes. */
static int decode_short(const unsigned char *p, size_t left, utf8proc_int32_t *cp)
{
    if (p[0] >= 0xC2 && p[0] <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
        *cp = (p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        return 2;
    }
    if (p[0] >= 0xE1 && p[0] <= 0xEC && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *cp = (p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        return 3;
    }
    return 0;
}

void fold_visual_append(strbuf_t *sb, const char *text)
{
    /* Code point by code point (no whole-text normalization): ASCII is
     * lowered; đ/Đ become d; anything else is decomposed, case-folded and
     * stripped of its marks. */
    pthread_once(&fold_table_once, build_fold_table);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(text);
    sb_reserve(sb, (size_t)len); /* folding rarely lengthens a name */
    for (utf8proc_ssize_t i = 0; i < len;) {
        sb_reserve(sb, sizeof fold_table[0].bytes); /* room for any character of the table */
        if (p[i] < 0x80) {
            char c = (char)p[i++];
            sb->data[sb->len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = decode_short(p + i, (size_t)(len - i), &cp);
        if (!k) k = utf8proc_iterate(p + i, len - i, &cp);
        if (k <= 0) {
            sb->data[sb->len++] = (char)p[i++];
            continue;
        }
        i += k;
        if (cp < FOLD_TABLE_END && fold_table[cp].len) {
            memcpy(sb->data + sb->len, fold_table[cp].bytes, sizeof fold_table[cp].bytes);
            sb->len += fold_table[cp].len;
            continue;
        }
        sb->data[sb->len] = '\0';
        fold_cp_slow(sb, cp);
    }
    sb_reserve(sb, 0);
    sb->data[sb->len] = '\0';
}

char *fold_visual(const char *text)
{
    strbuf_t sb;
    sb_init(&sb);
    fold_visual_append(&sb, text);
    return sb_take(&sb);
}

/* Code points of a UTF-8 text, at most `max`; returns the count or -1. */
static int decode(const char *s, int32_t *cps, int max)
{
    int n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
        if (k <= 0) cp = p[i], k = 1;
        if (n == max) return -1;
        cps[n++] = cp;
        i += k;
    }
    return n;
}

int fold_distance(const char *a, const char *b, int limit)
{
    enum { MAXN = 96 };
    int32_t x[MAXN], y[MAXN];
    int la = decode(a, x, MAXN), lb = decode(b, y, MAXN);
    if (la < 0 || lb < 0) return limit + 1;
    if (abs(la - lb) > limit) return limit + 1;
    /* Three rows: optimal string alignment (a swap of neighbours costs 1). */
    int rows[3][MAXN + 1];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (int j = 0; j <= lb; j++) prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        int best = i;
        for (int j = 1; j <= lb; j++) {
            int cost = x[i - 1] != y[j - 1];
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < best) best = v;
        }
        if (best > limit) return limit + 1;
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] > limit ? limit + 1 : prev[lb];
}

int visual_distance(const char *a, const char *b, int limit)
{
    char *fa = fold_visual(a), *fb = fold_visual(b);
    int d = fold_distance(fa, fb, limit);
    free(fa);
    free(fb);
    return d;
}

const char *visual_suggest(const char *name, const char *const *candidates, size_t n)
{
    char *f = fold_visual(name);
    int len = utf8proc_decompose((const utf8proc_uint8_t *)f, 0, NULL, 0, UTF8PROC_NULLTERM);
    int limit = len >= 6 ? 2 : 1;
    const char *best = NULL;
    int bestd = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i] || strcmp(candidates[i], name) == 0) continue;
        char *fc = fold_visual(candidates[i]);
        int d = fold_distance(f, fc, limit);
        free(fc);
        if (d < bestd) {
            bestd = d;
            best = candidates[i];
        }
    }
    free(f);
    return best;
}

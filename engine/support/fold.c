/* fold.c — visual folding and distances for "did you mean" (see fold.h). */
#include "fold.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *fold_visual(const char *text)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STABLE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0) return xstrdup(text);
    /* đ and Đ have no decomposition: fold them by hand (Đ was case-folded to đ). */
    strbuf_t sb;
    sb_init(&sb);
    for (utf8proc_ssize_t i = 0; i < n;) {
        if (i + 1 < n && out[i] == 0xC4 && out[i + 1] == 0x91) {
            sb_addc(&sb, 'd');
            i += 2;
            continue;
        }
        sb_addc(&sb, (char)out[i]);
        i++;
    }
    free(out);
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

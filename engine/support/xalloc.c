/* xalloc.c — checked allocation and the string buffer. */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void *check(void *p)
{
    if (!p) {
        fputs("chiso: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xmalloc(size_t n) { return check(malloc(n ? n : 1)); }
void *xcalloc(size_t c, size_t s) { return check(calloc(c ? c : 1, s ? s : 1)); }
void *xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }
void *xmalloc_large(size_t n)
{
    enum { HUGE_PAGE = 2 * 1024 * 1024 };
    if (n < HUGE_PAGE) return xmalloc(n);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, n) != 0) p = NULL;
    check(p);
#ifdef MADV_HUGEPAGE
    (void)madvise(p, n / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE); /* a hint: fine if refused */
#endif
    return p;
}

char *xstrdup(const char *s) { return check(strdup(s)); }
char *xstrndup(const char *s, size_t n) { return check(strndup(s, n)); }

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void sb_init(strbuf_t *sb) { sb->data = NULL; sb->len = sb->cap = 0; }
void sb_free(strbuf_t *sb) { free(sb->data); sb_init(sb); }

void sb_grow(strbuf_t *sb, size_t n)
{
    if (sb->len + n + 1 <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + n + 1) cap *= 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void sb_printf(strbuf_t *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_adds(sb, s);
    free(s);
}

char *sb_take(strbuf_t *sb)
{
    char *s = sb->data ? sb->data : xstrdup("");
    sb_init(sb);
    return s;
}

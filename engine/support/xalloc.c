/* xalloc.c — checked allocation and the string buffer. */
#include "xalloc.h"

#include "chiso.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Exhausted memory: a message, then the handler the host program set
 * (chiso_set_out_of_memory_handler); the library itself never calls exit().
 * The chiso command's handler exits with status 2 (not abort(): no core
 * dump, and atexit handlers run, so that a half-written output file is
 * removed). Without a handler, or should it return, abort(). One thread
 * reports; any other that runs out meanwhile waits for the end. */
static void (*_Atomic oom_handler)(void);

void chiso_set_out_of_memory_handler(void (*handler)(void)) { oom_handler = handler; }

_Noreturn void xalloc_fail(const char *what)
{
    static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&once);
    fprintf(stderr, "chiso: %s\n", what);
    void (*handler)(void) = oom_handler;
    if (handler) handler();
    abort();
}

static void *check(void *p)
{
    if (!p) xalloc_fail("out of memory");
    return p;
}

#ifdef CHISO_FAULT_INJECTION
/* Test builds only: CHISO_FAIL_ALLOC=N makes the N-th allocation fail;
 * CHISO_COUNT_ALLOC=1 prints how many there were, at exit. The sweep of
 * tests/fault/alloc_sweep.sh runs a batch failing at each N in turn. */
static long fail_at = -1;
static atomic_long allocations;

static void print_count(void) { fprintf(stderr, "chiso: %ld allocations\n", (long)allocations); }

__attribute__((constructor)) static void read_fault_settings(void)
{
    const char *at = getenv("CHISO_FAIL_ALLOC");
    if (at && *at) fail_at = atol(at);
    const char *count = getenv("CHISO_COUNT_ALLOC");
    if (count && *count == '1') atexit(print_count);
}

static bool injected_failure(void) { return atomic_fetch_add(&allocations, 1) + 1 == fail_at; }
#else
static bool injected_failure(void) { return false; }
#endif

void *xmalloc(size_t n) { return check(injected_failure() ? NULL : malloc(n ? n : 1)); }
void *xcalloc(size_t c, size_t s) { return check(injected_failure() ? NULL : calloc(c ? c : 1, s ? s : 1)); }
void *xrealloc(void *p, size_t n) { return check(injected_failure() ? NULL : realloc(p, n ? n : 1)); }
void *xmalloc_large(size_t n)
{
    enum { HUGE_PAGE = 2 * 1024 * 1024 };
    if (n < HUGE_PAGE) return xmalloc(n);
    void *p = NULL;
    if (injected_failure() || posix_memalign(&p, HUGE_PAGE, n) != 0) p = NULL;
    check(p);
#ifdef MADV_HUGEPAGE
    (void)madvise(p, n / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE); /* a hint: fine if refused */
#endif
    return p;
}

void *xcalloc_large(size_t n)
{
    enum { HUGE_PAGE = 2 * 1024 * 1024 };
    if (n < HUGE_PAGE) return xcalloc(1, n);
    void *p = xmalloc_large(n);
    memset(p, 0, n);
    return p;
}

void *xmap_large(size_t n)
{
    enum { HUGE_PAGE = 2 * 1024 * 1024 };
    /* map a huge page more, then trim the ends to the alignment */
    char *p = injected_failure() ? MAP_FAILED
                                 : mmap(NULL, n + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p == MAP_FAILED ? NULL : p);
    size_t head = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (head) munmap(p, head);
    if (HUGE_PAGE - head) munmap(p + head + n, HUGE_PAGE - head);
    p += head;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, n, MADV_HUGEPAGE); /* a hint: fine if refused */
#endif
    return p;
}

void xunmap_large(void *p, size_t n) { munmap(p, n); }

char *xstrdup(const char *s) { return check(injected_failure() ? NULL : strdup(s)); }
char *xstrndup(const char *s, size_t n) { return check(injected_failure() ? NULL : strndup(s, n)); }

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

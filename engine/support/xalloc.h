/* xalloc.h — allocation that never returns NULL (on exhaustion: the
 * message "chiso: out of memory" and exit status 2), plus a growable
 * string buffer used across the engine. Every allocation of the engine
 * passes here (and jansson's too, in the command), which is what lets a
 * test build fail the N-th one (CHISO_FAULT_INJECTION, see xalloc.c). */
#ifndef CHISO_XALLOC_H
#define CHISO_XALLOC_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* Says "chiso: <what>" on stderr, then calls the host's out-of-memory
 * handler (chiso_set_out_of_memory_handler), else abort(): never returns. */
_Noreturn void xalloc_fail(const char *what);
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* For blocks of megabytes that a batch fills and keeps (unit summaries):
 * aligned so that the kernel can back them with huge pages, which it is
 * asked to; page faults on a fresh small page each 4 KiB cost more than
 * the filling. Free with free(). Below 2 MiB, the same as xmalloc. */
void *xmalloc_large(size_t n);
/* The same, zeroed (calloc below 2 MiB): for the hash tables of a large
 * rules file, which are touched all over at once. Free with free(). */
void *xcalloc_large(size_t n);
/* n bytes (a multiple of 2 MiB) of fresh zeroed memory straight from the
 * kernel, aligned and advised for huge pages like xmalloc_large: zero
 * without being cleared twice. Free with xunmap_large(p, n). */
void *xmap_large(size_t n);
void xunmap_large(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Appending to a dynamic array: ensures room for one more element. */
#define VEC_PUSH(arr, count, cap)                                             \
    do {                                                                      \
        if ((count) == (cap)) {                                               \
            (cap) = (cap) ? (cap) * 2 : 8;                                    \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                   \
        }                                                                     \
    } while (0)

typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf_t;

void sb_init(strbuf_t *sb);
void sb_free(strbuf_t *sb);
/* Makes room for n more bytes and the terminating NUL. */
void sb_grow(strbuf_t *sb, size_t n);

/* Appending is inline: the JSON writer appends a few hundred pieces to
 * every result of a batch. The text stays NUL-terminated. */
static inline void sb_reserve(strbuf_t *sb, size_t n)
{
    if (sb->len + n + 1 > sb->cap) sb_grow(sb, n);
}

static inline void sb_add(strbuf_t *sb, const char *s, size_t n)
{
    sb_reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

static inline void sb_adds(strbuf_t *sb, const char *s) { sb_add(sb, s, strlen(s)); }

static inline void sb_addc(strbuf_t *sb, char c)
{
    sb_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}
void sb_printf(strbuf_t *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the NUL-terminated text to the caller and resets the buffer. */
char *sb_take(strbuf_t *sb);

#endif

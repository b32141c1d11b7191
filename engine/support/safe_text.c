/* safe_text.c — control characters shown, not sent (see safe_text.h). */
#define _GNU_SOURCE /* fopencookie */
#include "safe_text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool is_c0(unsigned char c, bool keep_lf_tab)
{
    if (keep_lf_tab && (c == '\n' || c == '\t')) return false;
    return c < 0x20 || c == 0x7F;
}

static size_t escape(strbuf_t *out, const char *s, size_t n, bool final, bool keep_lf_tab)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 && i + 1 == n && !final) break; /* maybe a C1 control split across writes */
        bool c1 = c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F;
        if (!c1 && !is_c0(c, keep_lf_tab)) {
            i++;
            run++;
            continue;
        }
        if (run) sb_add(out, s + i - run, run);
        run = 0;
        if (c1) {
            unsigned char d = (unsigned char)s[i + 1];
            char e[6] = {'\\', 'u', '0', '0', hex[d >> 4], hex[d & 15]};
            sb_add(out, e, 6);
            i += 2;
        } else {
            char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            sb_add(out, e, 4);
            i++;
        }
    }
    if (run) sb_add(out, s + i - run, run);
    return i;
}

size_t safe_text_append(strbuf_t *out, const char *s, size_t n, bool final)
{
    return escape(out, s, n, final, true);
}

char *safe_text_line(const char *s)
{
    size_t n = strlen(s);
    bool clean = true;
    for (size_t i = 0; i < n && clean; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_c0(c, false) || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9F)) clean = false;
    }
    if (clean) return NULL;
    strbuf_t sb;
    sb_init(&sb);
    escape(&sb, s, n, true, false);
    return sb_take(&sb);
}

typedef struct cookie {
    FILE *under;
    strbuf_t buf;
    char carry; /* a C2 byte held back, 0 if none */
    struct cookie *next, *prev;
} cookie_t;

/* The streams open, listed from a global: one still open when the program
 * exits (running out of memory mid-report) is not a leak. */
static cookie_t *open_streams;
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

static ssize_t cookie_write(void *c, const char *data, size_t n)
{
    cookie_t *k = c;
    k->buf.len = 0;
    size_t used = 0;
    if (k->carry && n) {
        char two[2] = {k->carry, data[0]};
        k->carry = 0;
        if (escape(&k->buf, two, 2, true, true) != 2) return -1;
        used = 1;
    }
    size_t took = escape(&k->buf, data + used, n - used, false, true);
    if (used + took < n) k->carry = data[n - 1];
    if (k->buf.len && fwrite(k->buf.data, 1, k->buf.len, k->under) != k->buf.len) return -1;
    return (ssize_t)n;
}

static int cookie_close(void *c)
{
    cookie_t *k = c;
    int rc = 0;
    if (k->carry && fputc(k->carry, k->under) == EOF) rc = -1;
    if (ferror(k->under)) rc = -1;
    pthread_mutex_lock(&open_lock);
    if (k->prev) k->prev->next = k->next;
    else open_streams = k->next;
    if (k->next) k->next->prev = k->prev;
    pthread_mutex_unlock(&open_lock);
    sb_free(&k->buf);
    free(k);
    return rc;
}

FILE *safe_text_stream(FILE *under)
{
    cookie_t *k = xcalloc(1, sizeof *k);
    k->under = under;
    sb_init(&k->buf);
    cookie_io_functions_t io = {NULL, cookie_write, NULL, cookie_close};
    FILE *f = fopencookie(k, "w", io);
    if (!f) {
        free(k);
        return NULL;
    }
    pthread_mutex_lock(&open_lock);
    k->next = open_streams;
    if (open_streams) open_streams->prev = k;
    open_streams = k;
    pthread_mutex_unlock(&open_lock);
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    return f;
}

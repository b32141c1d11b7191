/* source.c — reading rules files: UTF-8 validation, BOM, line ends, NFC. */
#include "source.h"
#include "engine/support/i18n.h"
#include "sha256.h"

#include "diag.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nfc.h"
#include "utf8.h"

#include <utf8proc.h>

/* Finds the first invalid UTF-8 sequence or NUL; returns its offset or -1. */
static long find_bad_utf8(const unsigned char *s, size_t len, const char **why, int *maybe_not_nfc)
{
    size_t good = utf8_valid_prefix_nfc(s, len, maybe_not_nfc);
    if (good == len) return -1;
    *why = s[good] == 0 ? "NUL byte in rules file" : "invalid UTF-8 byte sequence";
    return (long)good;
}

static void index_lines(source_t *src)
{
    /* offsets fit 32 bits: a rules file is at most SOURCE_MAX_BYTES. One
     * pass, eight bytes at a time (lines are short: a memchr per line
     * costs more than it scans). */
    size_t n = 0, cap = src->len / 32 + 16;
    uint32_t *starts = xmalloc(cap * sizeof *starts);
    starts[n++] = 0;
    const char *t = src->text;
    size_t i = 0;
    for (; i + 8 <= src->len; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        uint64_t v = w ^ 0x0A0A0A0A0A0A0A0Aull; /* a newline: a zero byte */
        uint64_t nl = ~(((v & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | v | 0x7F7F7F7F7F7F7F7Full);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        for (; nl; nl &= nl - 1) { /* exact: no false positive */
            size_t k = (size_t)__builtin_ctzll(nl) / 8;
#else
        for (size_t k = 0; nl && k < 8; k++) {
            if (t[i + k] != '\n') continue;
#endif
            if (n == cap) starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
            starts[n++] = (uint32_t)(i + k) + 1;
        }
    }
    for (; i < src->len; i++)
        if (t[i] == '\n') {
            if (n == cap) starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
            starts[n++] = (uint32_t)i + 1;
        }
    src->line_starts = starts;
    src->nlines = n;
}

static void hash_now(source_t *src, const char *bytes, size_t len)
{
    sha256_hex(bytes, len, src->sha256);
    src->sha256_known = 1;
}

const char *source_sha256(source_t *src)
{
    if (!src->sha256_known) hash_now(src, src->text, src->len); /* the text is the bytes as read */
    return src->sha256;
}

/* The source of `name` from `lf`, a malloc'd buffer of len bytes and room
 * for two more, which it takes over (and rewrites in place). */
static source_t *source_take(const char *name, char *lf, size_t len, diag_list_t *diags)
{
    source_t *src = xcalloc(1, sizeof *src);
    src->path = xstrdup(name);
    /* The text is rewritten below only when it has a BOM or CRs, bad
     * UTF-8 or text not in NFC: the hash of the bytes as read is taken
     * then, before the first change (source_sha256). */
    if ((len >= 3 && memcmp(lf, "\xEF\xBB\xBF", 3) == 0) || memchr(lf, '\r', len)) hash_now(src, lf, len);

    if (len >= 3 && memcmp(lf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(lf, lf + 3, len - 3);
        len -= 3;
    }
    /* Line ends first, so that error positions below match what editors show. */
    size_t n = len;
    char *cr = memchr(lf, '\r', len);
    if (cr) {
        n = (size_t)(cr - lf);
        for (size_t i = n; i < len; i++) {
            if (lf[i] == '\r') {
                lf[n++] = '\n';
                if (i + 1 < len && lf[i + 1] == '\n') i++;
            } else {
                lf[n++] = lf[i];
            }
        }
    }
    /* Two NULs at the end: the lexer scans the text in place (source.h). */
    lf[n] = '\0';
    lf[n + 1] = '\0';

    const char *why = NULL;
    int maybe_not_nfc = 0;
    long bad = find_bad_utf8((const unsigned char *)lf, n, &why, &maybe_not_nfc);
    if (bad >= 0) {
        /* Report against the raw text: count lines and columns up to `bad`. */
        int line = 1;
        size_t line_start = 0;
        for (long i = 0; i < bad; i++)
            if (lf[i] == '\n') {
                line++;
                line_start = (size_t)i + 1;
            }
        unsigned byte = (unsigned char)lf[bad];
        if (!src->sha256_known) hash_now(src, lf, len);
        src->text = lf;
        src->len = (size_t)bad; /* only the valid prefix is printable */
        src->invalid = 1;
        lf[bad] = '\0';
        lf[bad + 1] = '\0';
        index_lines(src);
        srcloc_t loc = {src, line, utf8_columns(lf + line_start, (size_t)bad - line_start) + 1, 0, 0};
        diag_t *d = diag_add(diags, DIAG_ERROR, loc, "encoding", "%s (byte 0x%02X)", why, byte);
        diag_hint(d, "save the file as UTF-8 (Unicode); chiso reads no other encoding");
        return src; /* caller checks diags->errors */
    }

    if (!maybe_not_nfc || nfc_quick_check(lf)) { /* nearly every rules file: no need to normalize */
        src->text = lf;
        src->len = n;
        index_lines(src);
        return src;
    }
    if (!src->sha256_known) hash_now(src, lf, len);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)lf, (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(lf);
    if (m < 0) {
        srcloc_t loc = {src, 0, 0, 0, 0};
        diag_add(diags, DIAG_ERROR, loc, "encoding", "cannot normalize text: %s",
                 utf8proc_errmsg(m));
        src->text = xcalloc(2, 1);
        src->len = 0;
        src->invalid = 1;
        index_lines(src);
        return src;
    }
    src->text = xrealloc(nfc, (size_t)m + 2);
    src->text[m + 1] = '\0';
    src->len = (size_t)m;
    index_lines(src);
    return src;
}

source_t *source_from_memory(const char *name, const char *bytes, size_t len,
                             diag_list_t *diags)
{
    char *copy = xmalloc(len + 2);
    memcpy(copy, bytes, len);
    return source_take(name, copy, len, diags);
}

const char *source_file_kind(unsigned mode)
{
    return S_ISDIR(mode) ? _("is a directory") : S_ISFIFO(mode) ? _("a FIFO") : S_ISSOCK(mode) ? _("a socket")
         : S_ISCHR(mode) ? _("a character device") : S_ISBLK(mode) ? _("a block device") : _("not a regular file");
}

source_t *source_load(const char *path, diag_list_t *diags)
{
    srcloc_t none = {NULL, 0, 0, 0, 0};
    /* O_NONBLOCK, then fstat: a FIFO must be refused, not waited on. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, none, "io", "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_add(diags, DIAG_ERROR, none, "io", "%s: %s, not a rules file", path, source_file_kind(st.st_mode));
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags != -1) (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        diag_add(diags, DIAG_ERROR, none, "io", "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    /* the size the file has now, and room to find that it grew */
    size_t cap = st.st_size > 0 && (uint64_t)st.st_size < SOURCE_MAX_BYTES ? (size_t)st.st_size + 4 : 1 << 16,
           len = 0;
    char *buf = xmalloc_large(cap); /* a large file on huge pages: fewer page faults */
    for (;;) {
        if (len == cap) {
            if (cap >= SOURCE_MAX_BYTES) {
                diag_add(diags, DIAG_ERROR, none, "io",
                         "%s: rules file larger than %u MiB", path, SOURCE_MAX_BYTES >> 20);
                free(buf);
                fclose(f);
                return NULL;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        diag_add(diags, DIAG_ERROR, none, "io", "%s: read error", path);
        free(buf);
        return NULL;
    }
    if (cap - len < 2) buf = xrealloc(buf, len + 2);
    return source_take(path, buf, len, diags);
}

void source_free(source_t *src)
{
    if (!src) return;
    free(src->path);
    free(src->text);
    free(src->line_starts);
    free(src);
}

const char *source_line(const source_t *src, int line, size_t *len)
{
    if (!src || line < 1 || (size_t)line > src->nlines) return NULL;
    size_t start = src->line_starts[line - 1];
    size_t end = (size_t)line < src->nlines ? src->line_starts[line] - 1 : src->len;
    if (end < start) end = start;
    *len = end - start;
    return src->text + start;
}

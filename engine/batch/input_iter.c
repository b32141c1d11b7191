/* input_iter.c — lazy submissions (see input_iter.h). */
#include "input_iter.h"

#include "engine/support/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One source: a path to read, a path that is an error already (found in a
 * directory but not readable), or standard input (path == NULL). */
typedef struct {
    char *path;
    char *error;
} source_t_;

enum { STDIN_CHUNK = 1 << 16 };

struct chiso_inputs {
    source_t_ *sources;
    size_t count, cap, next;
    long stdin_line;
    char *line;         /* the current line of stdin */
    size_t linecap;
    char *chunk;        /* bytes read from stdin, not yet split into lines */
    size_t chunk_pos, chunk_end;
    bool stdin_eof;
    char *error;        /* standard input could not be read: the batch is incomplete */
    bool has_stdin;
    FILE *in;           /* what "-" reads: standard input, or a stream given */
};

static int by_path(const void *a, const void *b)
{
    const source_t_ *x = a, *y = b;
    return strcmp(x->path, y->path);
}

input_iter_t *input_iter_open(char **args, int nargs)
{
    input_iter_t *it = xcalloc(1, sizeof *it);
    it->in = stdin;
    input_seen_t *seen = input_seen_new();
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        if (!strcmp(a, "-")) {
            if (it->has_stdin) {
                fputs("chiso: '-' (standard input) given twice\n", stderr);
                input_seen_free(seen);
                input_iter_close(it);
                return NULL;
            }
            it->has_stdin = true;
            VEC_PUSH(it->sources, it->count, it->cap);
            it->sources[it->count++] = (source_t_){NULL, NULL};
            continue;
        }
        struct stat st;
        if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            input_found_t found = {0};
            input_walk_json(a, &found, seen);
            size_t first = it->count;
            for (size_t k = 0; k < found.count; k++) {
                VEC_PUSH(it->sources, it->count, it->cap);
                it->sources[it->count++] = (source_t_){found.items[k].path, found.items[k].error};
            }
            free(found.items);
            if (it->count == first) {
                fprintf(stderr, "chiso: %s: no *.json files in this directory\n", a);
                input_seen_free(seen);
                input_iter_close(it);
                return NULL;
            }
            qsort(it->sources + first, it->count - first, sizeof *it->sources, by_path);
            continue;
        }
        VEC_PUSH(it->sources, it->count, it->cap);
        it->sources[it->count++] = (source_t_){xstrdup(a), NULL};
    }
    input_seen_free(seen);
    return it;
}

input_iter_t *input_iter_open_stream(FILE *in)
{
    input_iter_t *it = xcalloc(1, sizeof *it);
    it->in = in;
    it->has_stdin = true;
    VEC_PUSH(it->sources, it->count, it->cap);
    it->sources[it->count++] = (source_t_){NULL, NULL};
    return it;
}

long input_iter_total(const input_iter_t *it) { return it->has_stdin ? -1 : (long)it->count; }

const char *input_iter_error(const input_iter_t *it) { return it->error; }

char *stdin_origin_text(unsigned long long line, char *buf)
{
    static const char prefix[] = "<stdin>:";
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + line % 10);
        line /= 10;
    } while (line);
    memcpy(buf, prefix, sizeof prefix - 1);
    for (size_t i = 0; i < n; i++) buf[sizeof prefix - 1 + i] = digits[n - 1 - i];
    buf[sizeof prefix - 1 + n] = '\0';
    return buf;
}

static char *stdin_origin(long line)
{
    char buf[STDIN_ORIGIN_SIZE];
    return xstrdup(stdin_origin_text(line > 0 ? (unsigned long long)line : 0, buf));
}

/* The next line of standard input into it->line (without its newline), at
 * most CHISO_MAX_SUBMISSION_BYTES of it kept: a longer line is read to its
 * end and dropped (*too_long). 1: a line; 0: the end; -1: a read error
 * (it->error set), which is never taken for the end. */
static int stdin_next_line(input_iter_t *it, size_t *len, bool *too_long)
{
    size_t n = 0;
    bool any = false;
    *too_long = false;
    if (!it->chunk) it->chunk = xmalloc(STDIN_CHUNK);
    for (;;) {
        if (it->chunk_pos == it->chunk_end) {
            if (it->stdin_eof) break;
            size_t got = fread(it->chunk, 1, STDIN_CHUNK, it->in);
            if (got == 0) {
                if (ferror(it->in)) {
                    it->error = xasprintf("cannot read standard input (after line %ld): %s", it->stdin_line,
                                          strerror(errno ? errno : EIO));
                    return -1;
                }
                it->stdin_eof = true;
                break;
            }
            it->chunk_pos = 0;
            it->chunk_end = got;
        }
        any = true;
        const char *start = it->chunk + it->chunk_pos;
        size_t avail = it->chunk_end - it->chunk_pos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        if (!*too_long && n + take > CHISO_MAX_SUBMISSION_BYTES) *too_long = true;
        if (!*too_long) {
            if (n + take + 1 > it->linecap) {
                size_t cap = it->linecap ? it->linecap : 256;
                while (cap < n + take + 1) cap *= 2;
                it->line = xrealloc(it->line, cap);
                it->linecap = cap;
            }
            memcpy(it->line + n, start, take);
            n += take;
        }
        it->chunk_pos += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return 0;
    *len = *too_long ? 0 : n;
    return 1;
}

bool input_iter_next(input_iter_t *it, chiso_input *out)
{
    char *buf = out->textcap ? out->text : NULL;
    size_t bufcap = out->textcap;
    free(out->origin);
    free(out->error);
    if (!bufcap) free(out->text);
    memset(out, 0, sizeof *out);
    while (it->next < it->count && !it->error) {
        source_t_ *s = &it->sources[it->next];
        if (s->path) {
            it->next++;
            free(buf);
            if (s->error) {
                out->origin = xstrdup(s->path);
                out->error = xstrdup(s->error);
            } else {
                input_read_file(s->path, out);
            }
            return true;
        }
        size_t len;
        bool too_long;
        int got;
        while ((got = stdin_next_line(it, &len, &too_long)) > 0) {
            it->stdin_line++;
            if (too_long) {
                free(buf);
                out->origin = stdin_origin(it->stdin_line);
                out->error = xasprintf("larger than %u MiB", CHISO_MAX_SUBMISSION_BYTES >> 20);
                return true;
            }
            while (len && it->line[len - 1] == '\r') len--;
            bool blank = true;
            for (size_t i = 0; i < len && blank; i++)
                if (it->line[i] != ' ' && it->line[i] != '\t') blank = false;
            if (blank) continue;
            out->origin = stdin_origin(it->stdin_line);
            if (len + 1 > bufcap) {
                bufcap = len + 1 > 2 * bufcap ? len + 1 : 2 * bufcap;
                buf = xrealloc(buf, bufcap);
            }
            memcpy(buf, it->line, len);
            buf[len] = '\0';
            out->text = buf;
            out->textcap = bufcap;
            out->len = len;
            return true;
        }
        if (got < 0) break;
        it->next++; /* stdin exhausted */
    }
    free(buf);
    return false;
}

void input_recycle(chiso_input *in)
{
    free(in->origin);
    free(in->error);
    in->origin = in->error = NULL;
    if (!in->textcap) {
        free(in->text);
        in->text = NULL;
    }
    in->len = 0;
}

void input_clear(chiso_input *in)
{
    free(in->origin);
    free(in->text);
    free(in->error);
    memset(in, 0, sizeof *in);
}

void input_iter_close(input_iter_t *it)
{
    if (!it) return;
    for (size_t i = 0; i < it->count; i++) {
        free(it->sources[i].path);
        free(it->sources[i].error);
    }
    free(it->sources);
    free(it->line);
    free(it->chunk);
    free(it->error);
    free(it);
}

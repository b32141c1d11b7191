/* input_iter.c — lazy submissions (see input_iter.h). */
#include "input_iter.h"

#include "engine/support/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One source: a path to read, or standard input (path == NULL). */
typedef struct {
    char *path;
} source_t_;

struct input_iter {
    source_t_ *sources;
    size_t count, cap, next;
    bool in_stdin;     /* currently reading lines of stdin */
    long stdin_line;
    char *line;
    size_t linecap;
    bool has_stdin;
};

input_iter_t *input_iter_open(char **args, int nargs)
{
    input_iter_t *it = xcalloc(1, sizeof *it);
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        if (!strcmp(a, "-")) {
            if (it->has_stdin) {
                fputs("chiso: '-' (standard input) given twice\n", stderr);
                input_iter_close(it);
                return NULL;
            }
            it->has_stdin = true;
            VEC_PUSH(it->sources, it->count, it->cap);
            it->sources[it->count++].path = NULL;
            continue;
        }
        struct stat st;
        if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            char **paths = NULL;
            size_t n = 0, cap = 0;
            cli_walk_json(a, &paths, &n, &cap, 0);
            if (n == 0) {
                fprintf(stderr, "chiso: %s: no *.json files in this directory\n", a);
                free(paths);
                input_iter_close(it);
                return NULL;
            }
            qsort(paths, n, sizeof *paths, cli_cmp_str);
            for (size_t k = 0; k < n; k++) {
                VEC_PUSH(it->sources, it->count, it->cap);
                it->sources[it->count++].path = paths[k];
            }
            free(paths);
            continue;
        }
        VEC_PUSH(it->sources, it->count, it->cap);
        it->sources[it->count++].path = xstrdup(a);
    }
    return it;
}

long input_iter_total(const input_iter_t *it) { return it->has_stdin ? -1 : (long)it->count; }

/* "<stdin>:LINE", without printf: this runs once per submission. */
static char *stdin_origin(long line)
{
    static const char prefix[] = "<stdin>:";
    char digits[24];
    size_t n = 0;
    unsigned long v = line > 0 ? (unsigned long)line : 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char *origin = xmalloc(sizeof prefix + n);
    memcpy(origin, prefix, sizeof prefix - 1);
    for (size_t i = 0; i < n; i++) origin[sizeof prefix - 1 + i] = digits[n - 1 - i];
    origin[sizeof prefix - 1 + n] = '\0';
    return origin;
}

bool input_iter_next(input_iter_t *it, cli_input_t *out)
{
    char *buf = out->textcap ? out->text : NULL;
    size_t bufcap = out->textcap;
    free(out->origin);
    free(out->error);
    if (!bufcap) free(out->text);
    memset(out, 0, sizeof *out);
    while (it->next < it->count) {
        source_t_ *s = &it->sources[it->next];
        if (s->path) {
            it->next++;
            free(buf);
            cli_read_submission(s->path, out);
            return true;
        }
        ssize_t n;
        while ((n = getline(&it->line, &it->linecap, stdin)) >= 0) {
            it->stdin_line++;
            size_t len = (size_t)n;
            while (len && (it->line[len - 1] == '\n' || it->line[len - 1] == '\r')) len--;
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
        it->next++; /* stdin exhausted */
    }
    free(buf);
    return false;
}

void input_recycle(cli_input_t *in)
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

void input_clear(cli_input_t *in)
{
    free(in->origin);
    free(in->text);
    free(in->error);
    memset(in, 0, sizeof *in);
}

void input_iter_close(input_iter_t *it)
{
    if (!it) return;
    for (size_t i = 0; i < it->count; i++) free(it->sources[i].path);
    free(it->sources);
    free(it->line);
    free(it);
}

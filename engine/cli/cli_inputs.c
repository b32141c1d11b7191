/* cli_inputs.c — turning command-line arguments into submissions: plain
 * files, directories (every *.json below them, in sorted path order, so a
 * batch is scored in the same order every time) and "-" for NDJSON on
 * standard input, one submission per line. */
#include "cli.h"

#include "engine/support/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SUBMISSION_BYTES (256u * 1024u * 1024u)

static void add(cli_inputs_t *in, char *origin, char *text, size_t len, char *error)
{
    VEC_PUSH(in->items, in->count, in->cap);
    in->items[in->count++] = (cli_input_t){origin, text, len, error};
}

void cli_read_submission(const char *path, cli_input_t *out)
{
    memset(out, 0, sizeof *out);
    out->origin = xstrdup(path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        out->error = xasprintf("cannot read: %s", strerror(errno));
        return;
    }
    strbuf_t sb;
    sb_init(&sb);
    char buf[65536];
    size_t n;
    bool too_big = false;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > MAX_SUBMISSION_BYTES) {
            too_big = true;
            break;
        }
        sb_add(&sb, buf, n);
    }
    bool err = ferror(f);
    fclose(f);
    if (err || too_big) {
        sb_free(&sb);
        out->error = too_big ? xasprintf("larger than %u MiB", MAX_SUBMISSION_BYTES >> 20)
                             : xstrdup("read error");
        return;
    }
    out->len = sb.len;
    out->text = sb_take(&sb);
}

static void add_file(cli_inputs_t *in, const char *path)
{
    VEC_PUSH(in->items, in->count, in->cap);
    cli_read_submission(path, &in->items[in->count++]);
}

int cli_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Collects *.json paths under `dir` into a list (recursively). */
void cli_walk_json(const char *dir, char ***paths, size_t *n, size_t *cap, int depth)
{
    if (depth > 32) return;
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            cli_walk_json(p, paths, n, cap, depth + 1);
            free(p);
        } else if (ends_with_json(e->d_name)) {
            VEC_PUSH(*paths, *n, *cap);
            (*paths)[(*n)++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
}

static void add_stdin(cli_inputs_t *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        bool blank = true;
        for (size_t i = 0; i < len; i++)
            if (line[i] != ' ' && line[i] != '\t') blank = false;
        if (blank) continue;
        add(in, xasprintf("<stdin>:%ld", lineno), xstrndup(line, len), len, NULL);
    }
    free(line);
}

bool cli_collect_inputs(char **args, int nargs, cli_inputs_t *out)
{
    bool stdin_used = false;
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        if (!strcmp(a, "-")) {
            if (stdin_used) {
                fputs("chiso: '-' (standard input) given twice\n", stderr);
                return false;
            }
            stdin_used = true;
            add_stdin(out);
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
                return false;
            }
            qsort(paths, n, sizeof *paths, cli_cmp_str);
            for (size_t k = 0; k < n; k++) {
                add_file(out, paths[k]);
                free(paths[k]);
            }
            free(paths);
            continue;
        }
        add_file(out, a);
    }
    return true;
}

void cli_inputs_free(cli_inputs_t *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->items[i].origin);
        free(in->items[i].text);
        free(in->items[i].error);
    }
    free(in->items);
    memset(in, 0, sizeof *in);
}

/* cli_inputs.c — reading submission files and finding them in directories
 * (every *.json below, in sorted path order, so a batch is scored in the
 * same order every time); the expansion of arguments is input_iter.c. */
#include "cli.h"
#include "input_iter.h"

#include "engine/support/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SUBMISSION_BYTES (256u * 1024u * 1024u)

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

bool cli_collect_inputs(char **args, int nargs, cli_inputs_t *out)
{
    /* The same expansion as a batch, collected: for commands that take a
     * handful of submissions (explain, verify). */
    input_iter_t *it = input_iter_open(args, nargs);
    if (!it) return false;
    cli_input_t in = {0};
    while (input_iter_next(it, &in)) {
        VEC_PUSH(out->items, out->count, out->cap);
        out->items[out->count++] = in;
        memset(&in, 0, sizeof in); /* the list owns it now */
    }
    input_iter_close(it);
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

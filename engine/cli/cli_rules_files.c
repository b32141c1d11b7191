/* cli_rules_files.c — the rules files named on a command line (check, fmt):
 * a file as given, "-" for standard input, a directory as every *.chiso
 * below it in sorted path order (symbolic links to directories are not
 * followed, so a link cannot make the walk loop); and reading one whole. */
#include "cli.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_RULES_BYTES (64u * 1024u * 1024u)
#define MAX_WALK_DEPTH 32

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_rules_name(const char *name)
{
    size_t n = strlen(name);
    return n > 6 && strcmp(name + n - 6, ".chiso") == 0;
}

static void walk(const char *dir, cli_paths_t *out, int depth)
{
    if (depth > MAX_WALK_DEPTH) return;
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(p, out, depth + 1);
            free(p);
        } else if (is_rules_name(e->d_name) && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            VEC_PUSH(out->items, out->count, out->cap);
            out->items[out->count++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
}

bool cli_rules_paths(char **args, int nargs, const char *cmd, cli_paths_t *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < nargs; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t before = out->count;
            size_t len = strlen(args[i]);
            char *dir = xstrdup(args[i]);
            while (len > 1 && dir[len - 1] == '/') dir[--len] = '\0';
            walk(dir, out, 0);
            free(dir);
            if (out->count == before) {
                fprintf(stderr, _("chiso %s: no *.chiso file in %s\n"), cmd, args[i]);
                cli_paths_free(out);
                return false;
            }
            qsort(out->items + before, out->count - before, sizeof *out->items, cmp_str);
            VEC_PUSH(out->dirs, out->ndirs, out->capdirs);
            out->dirs[out->ndirs++] = xstrdup(args[i]);
            continue;
        }
        char *found = chiso_find_rules(args[i]); /* a bundled rules file, when not here */
        VEC_PUSH(out->items, out->count, out->cap);
        out->items[out->count++] = found ? found : xstrdup(args[i]);
    }
    return true;
}

void cli_paths_free(cli_paths_t *p)
{
    for (size_t i = 0; i < p->count; i++) free(p->items[i]);
    free(p->items);
    for (size_t i = 0; i < p->ndirs; i++) free(p->dirs[i]);
    free(p->dirs);
    memset(p, 0, sizeof *p);
}

char *cli_read_all(FILE *f, const char *name, size_t *len)
{
    strbuf_t sb;
    sb_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > MAX_RULES_BYTES) {
            fprintf(stderr, _("chiso: %s: larger than %u MiB\n"), name, MAX_RULES_BYTES >> 20);
            sb_free(&sb);
            return NULL;
        }
        sb_add(&sb, buf, n);
    }
    if (ferror(f)) {
        fprintf(stderr, _("chiso: cannot read %s: %s\n"), name, strerror(errno));
        sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb.data ? sb_take(&sb) : xstrdup("");
}

char *cli_read_file(const char *path, size_t *len)
{
    if (!strcmp(path, "-")) return cli_read_all(stdin, "standard input", len);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, _("chiso: cannot read %s: %s\n"), path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("chiso: cannot read %s: it is a directory\n"), path);
        fclose(f);
        return NULL;
    }
    char *text = cli_read_all(f, path, len);
    fclose(f);
    return text;
}

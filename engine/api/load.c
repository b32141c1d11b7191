/* load.c — the front half of the pipeline for one rules program:
 * read each file, lex and parse it, follow its includes (confined to the
 * directory of the top file and below, cycles rejected), then check and
 * compile. The checker is skipped when a file has syntax errors, so that
 * errors of recovery do not cascade into type and maxima errors. */
#include "program_impl.h"

#include "engine/compile/compile.h"
#include "engine/support/xalloc.h"
#include "grammar/parse_ctx.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_INCLUDE_DEPTH 32

typedef struct {
    chiso_program *cp;
    char *root;               /* realpath of the top file's directory */
    char *stack[MAX_INCLUDE_DEPTH];
    int depth;
    size_t syntax_errors;
} loader_t;

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static void add_source(program_t *p, source_t *src)
{
    VEC_PUSH(p->sources, p->nsources, p->capsources);
    p->sources[p->nsources++] = src;
}

static void load_source(loader_t *L, source_t *src, const char *real);

/* Resolves "." and ".." in an absolute path, without touching the disk. */
static char *normalize_path(const char *path)
{
    char *out = xmalloc(strlen(path) + 2);
    size_t n = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/') p++;
        const char *seg = p;
        while (*p && *p != '/') p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.')) continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--; /* the slash */
            continue;
        }
        out[n++] = '/';
        memcpy(out + n, seg, len);
        n += len;
    }
    if (n == 0) out[n++] = '/';
    out[n] = '\0';
    return out;
}

static bool under_root(const char *root, const char *path)
{
    size_t rl = strlen(root);
    return strncmp(path, root, rl) == 0 && (path[rl] == '/' || path[rl] == '\0' || rl == 1);
}

static void follow_include(loader_t *L, const source_t *from, include_t *inc)
{
    program_t *p = &L->cp->prog;
    diag_list_t *diags = &L->cp->diags;
    char *dir = dir_of(from->path);
    char *joined = inc->path[0] == '/' || !strcmp(dir, ".") ? xstrdup(inc->path)
                                                            : xasprintf("%s/%s", dir, inc->path);
    free(dir);
    /* Confinement is decided on the path as written (lexically), then again
     * on the real path, so that neither ".." nor a symbolic link escapes. */
    char from_real[PATH_MAX];
    char *from_dir = realpath(from->path, from_real) ? dir_of(from_real) : xstrdup(L->root);
    char *abs = inc->path[0] == '/' ? xstrdup(inc->path) : xasprintf("%s/%s", from_dir, inc->path);
    char *lexical = normalize_path(abs);
    free(abs);
    free(from_dir);
    char real[PATH_MAX];
    bool exists = realpath(joined, real) != NULL;
    int saved_errno = errno;
    bool inside = under_root(L->root, lexical) && (!exists || under_root(L->root, real));
    free(lexical);
    if (!inside) {
        diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include-outside",
                             "\"%s\" is outside the rules directory", inc->path);
        diag_hint(d, "a rules file may include files in its own directory and below it only");
        free(joined);
        return;
    }
    if (!exists) {
        diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include",
                             "cannot include \"%s\": %s", inc->path, strerror(saved_errno));
        diag_hint(d, "paths are relative to the including file");
        free(joined);
        return;
    }
    for (int i = 0; i < L->depth; i++) {
        if (strcmp(L->stack[i], real) == 0) {
            diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include-cycle",
                                 "\"%s\" includes itself (through a chain of includes)", inc->path);
            diag_hint(d, "remove one include of the cycle");
            free(joined);
            return;
        }
    }
    /* A file already loaded through another path is not loaded twice. */
    for (size_t i = 0; i < p->nsources; i++) {
        char other[PATH_MAX];
        if (realpath(p->sources[i]->path, other) && strcmp(other, real) == 0) {
            free(joined);
            return;
        }
    }
    if (L->depth >= MAX_INCLUDE_DEPTH) {
        diag_add(diags, DIAG_ERROR, inc->loc, "include-depth", "includes nested more than %d deep",
                 MAX_INCLUDE_DEPTH);
        free(joined);
        return;
    }
    source_t *src = source_load(joined, diags);
    free(joined);
    if (src) load_source(L, src, real);
}

static void load_source(loader_t *L, source_t *src, const char *real)
{
    program_t *p = &L->cp->prog;
    diag_list_t *diags = &L->cp->diags;
    add_source(p, src);
    if (src->invalid) { /* encoding error, already reported */
        L->syntax_errors++;
        return;
    }
    file_ast_t *file = arena_alloc(&p->arena, sizeof *file);
    L->syntax_errors += chiso_parse_source(src, &p->arena, diags, file);
    VEC_PUSH(p->files, p->nfiles, p->capfiles);
    p->files[p->nfiles++] = file;
    for (size_t i = 0; i < file->nindexes; i++) {
        VEC_PUSH(p->indexes, p->nindexes, p->capindexes);
        p->indexes[p->nindexes++] = file->indexes[i];
    }
    for (size_t i = 0; i < file->nplans; i++) {
        VEC_PUSH(p->plans, p->nplans, p->capplans);
        p->plans[p->nplans++] = file->plans[i];
    }
    L->stack[L->depth++] = xstrdup(real);
    for (size_t i = 0; i < file->nincludes; i++) follow_include(L, src, &file->includes[i]);
    free(L->stack[--L->depth]);
}

static chiso_program *program_new(void)
{
    chiso_program *cp = xcalloc(1, sizeof *cp);
    arena_init(&cp->prog.arena);
    strmap_init(&cp->prog.metric_by_key);
    diag_list_init(&cp->diags);
    return cp;
}

static void finish(loader_t *L)
{
    chiso_program *cp = L->cp;
    if (L->syntax_errors == 0 && cp->prog.nindexes + cp->prog.nplans > 0) {
        check_program(&cp->prog, &cp->diags);
        if (cp->diags.errors == 0) compile_program(&cp->prog);
    }
    diag_sort(&cp->diags);
    free(L->root);
}

chiso_program *chiso_program_load(const char *path)
{
    chiso_program *cp = program_new();
    loader_t L = {cp, NULL, {0}, 0, 0};
    source_t *src = source_load(path, &cp->diags);
    if (!src) {
        cp->io_error = true;
        diag_sort(&cp->diags);
        return cp;
    }
    char real[PATH_MAX];
    if (!realpath(path, real)) snprintf(real, sizeof real, "%s", path);
    L.root = dir_of(real);
    load_source(&L, src, real);
    finish(&L);
    return cp;
}

chiso_program *chiso_program_load_string(const char *name, const char *text, size_t len)
{
    chiso_program *cp = program_new();
    loader_t L = {cp, NULL, {0}, 0, 0};
    source_t *src = source_from_memory(name, text, len, &cp->diags);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, ".");
    L.root = xstrdup(cwd);
    char *real = xasprintf("%s/%s", cwd, name);
    load_source(&L, src, real);
    free(real);
    finish(&L);
    return cp;
}

void chiso_program_free(chiso_program *cp)
{
    if (!cp) return;
    program_t *p = &cp->prog;
    compile_free(p);
    for (size_t i = 0; i < p->nsources; i++) source_free(p->sources[i]);
    free(p->sources);
    free(p->files);
    free(p->indexes);
    free(p->plans);
    free(p->metrics);
    free(p->lets);
    strmap_free(&p->metric_by_key);
    arena_free(&p->arena);
    diag_list_free(&cp->diags);
    free(cp);
}

size_t chiso_program_errors(const chiso_program *cp) { return cp->diags.errors; }
bool chiso_program_unreadable(const chiso_program *cp) { return cp->io_error; }
size_t chiso_program_warnings(const chiso_program *cp) { return cp->diags.warnings; }

void chiso_program_print_diagnostics(const chiso_program *cp, FILE *out, bool color)
{
    diag_print_all(out, &cp->diags, color);
}

json_t *chiso_program_diagnostics_json(const chiso_program *cp)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < cp->diags.count; i++) {
        const diag_t *d = &cp->diags.items[i];
        json_t *o = json_object();
        json_object_set_new(o, "file", d->loc.src ? json_string(d->loc.src->path) : json_null());
        json_object_set_new(o, "line", json_integer(d->loc.line));
        json_object_set_new(o, "column", json_integer(d->loc.col));
        if (d->loc.end_line) {
            json_object_set_new(o, "end_line", json_integer(d->loc.end_line));
            json_object_set_new(o, "end_column", json_integer(d->loc.end_col));
        }
        json_object_set_new(o, "severity", json_string(d->severity == DIAG_ERROR ? "error"
                                                      : d->severity == DIAG_WARNING ? "warning"
                                                                                    : "note"));
        json_object_set_new(o, "code", json_string(d->code));
        json_object_set_new(o, "message", json_string(d->message));
        if (d->hint) json_object_set_new(o, "hint", json_string(d->hint));
        json_array_append_new(arr, o);
    }
    return arr;
}

size_t chiso_program_index_count(const chiso_program *cp) { return cp->prog.nindexes; }

const char *chiso_program_index_name(const chiso_program *cp, size_t i)
{
    return i < cp->prog.nindexes ? cp->prog.indexes[i]->name : NULL;
}

long chiso_program_find_index(const chiso_program *cp, const char *name)
{
    for (size_t i = 0; i < cp->prog.nindexes; i++)
        if (strcmp(cp->prog.indexes[i]->name, name) == 0) return (long)i;
    return -1;
}

const char *chiso_version(void) { return CHISO_VERSION; }

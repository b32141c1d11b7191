/* load.c — the front half of the pipeline for one rules program:
 * read each file, lex and parse it, follow its includes (confined to the
 * directory of the top file and below, cycles rejected), then check and
 * compile. The checker is skipped when a file has syntax errors, so that
 * errors of recovery do not cascade into type and maxima errors. */
#include "program_impl.h"

#include "engine/compile/compile.h"
#include "engine/support/xalloc.h"
#include "grammar/parse_ctx.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_INCLUDE_DEPTH 32
#define MAX_FILES 256

typedef struct {
    chiso_program *cp;
    char *root;               /* realpath of the top file's directory */
    struct stat stack[MAX_INCLUDE_DEPTH]; /* the chain of includes being loaded */
    int depth;
    struct stat loaded[MAX_FILES];        /* every file loaded, once each */
    size_t nloaded;
    size_t syntax_errors;
    bool check_only;          /* stop after the checker: nothing will be scored */
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

static void load_source(loader_t *L, source_t *src, const struct stat *st);

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

/* Where `rel`, written in `from_path`, leads, and whether that is inside
 * the rules directory. Confinement is decided on the path as written
 * (lexically), then again on the real path, so that neither ".." nor a
 * symbolic link escapes. *exists: the file is there (real holds its real
 * path); else *err holds why not. */
static bool resolve_confined(const loader_t *L, const char *from_path, const char *rel, char *real,
                             bool *exists, int *err)
{
    char *dir = dir_of(from_path);
    char *joined = rel[0] == '/' || !strcmp(dir, ".") ? xstrdup(rel) : xasprintf("%s/%s", dir, rel);
    free(dir);
    char from_real[PATH_MAX];
    char *from_dir = realpath(from_path, from_real) ? dir_of(from_real) : xstrdup(L->root);
    char *abs = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", from_dir, rel);
    char *lexical = normalize_path(abs);
    free(abs);
    free(from_dir);
    *exists = realpath(joined, real) != NULL;
    *err = errno;
    free(joined);
    bool inside = under_root(L->root, lexical) && (!*exists || under_root(L->root, real));
    free(lexical);
    return inside;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static void follow_include(loader_t *L, const source_t *from, include_t *inc)
{
    diag_list_t *diags = &L->cp->diags;
    char real[PATH_MAX];
    bool exists;
    int saved_errno;
    if (!resolve_confined(L, from->path, inc->path, real, &exists, &saved_errno)) {
        diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include-outside",
                             "\"%s\" is outside the rules directory", inc->path);
        diag_hint(d, "a rules file may include files in its own directory and below it only");
        return;
    }
    struct stat st;
    if (exists && stat(real, &st) != 0) {
        exists = false;
        saved_errno = errno;
    }
    if (!exists) {
        diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include",
                             "cannot include \"%s\": %s", inc->path, strerror(saved_errno));
        diag_hint(d, "paths are relative to the including file");
        return;
    }
    if (!S_ISREG(st.st_mode)) { /* a FIFO would block the loader, a device never end */
        diag_add(diags, DIAG_ERROR, inc->loc, "include", "cannot include \"%s\": %s, not a regular file",
                 inc->path, source_file_kind(st.st_mode));
        return;
    }
    for (int i = 0; i < L->depth; i++) {
        if (same_file(&L->stack[i], &st)) {
            diag_t *d = diag_add(diags, DIAG_ERROR, inc->loc, "include-cycle",
                                 "\"%s\" includes itself (through a chain of includes)", inc->path);
            diag_hint(d, "remove one include of the cycle");
            return;
        }
    }
    /* A file already loaded through another path (a link, a hard link) is
     * not loaded twice: files are the same when device and inode are. */
    for (size_t i = 0; i < L->nloaded; i++)
        if (same_file(&L->loaded[i], &st)) return;
    if (L->depth >= MAX_INCLUDE_DEPTH) {
        diag_add(diags, DIAG_ERROR, inc->loc, "include-depth", "includes nested more than %d deep",
                 MAX_INCLUDE_DEPTH);
        return;
    }
    /* Messages name the file as the including file wrote it. */
    char *dir = dir_of(from->path);
    char *joined = inc->path[0] == '/' || !strcmp(dir, ".") ? xstrdup(inc->path)
                                                            : xasprintf("%s/%s", dir, inc->path);
    free(dir);
    source_t *src = source_load(joined, diags);
    free(joined);
    if (src) load_source(L, src, &st);
}

/* A plan's `parent` is read by `verify` like an include: it must be in the
 * rules directory too (a parent elsewhere is compared with --against), so
 * that a plan cannot make verify read, and echo, any file on the disk. */
static void check_parents(loader_t *L, const file_ast_t *file, const source_t *src)
{
    diag_list_t *diags = &L->cp->diags;
    for (size_t i = 0; i < file->nplans; i++) {
        const plan_t *plan = file->plans[i];
        if (!plan->parent) continue;
        char real[PATH_MAX];
        bool exists;
        int err;
        if (!resolve_confined(L, src->path, plan->parent, real, &exists, &err)) {
            diag_t *d = diag_add(diags, DIAG_ERROR, plan->parent_loc, "parent-outside",
                                 "parent plan \"%s\" is outside the rules directory", plan->parent);
            diag_hint(d, "a parent plan must be in the plan's directory or below it; "
                         "compare with a plan elsewhere by `chiso verify --against FILE`");
        }
    }
}

static void load_source(loader_t *L, source_t *src, const struct stat *st)
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
    check_parents(L, file, src);
    if (L->nloaded < MAX_FILES) L->loaded[L->nloaded++] = *st;
    L->stack[L->depth++] = *st;
    for (size_t i = 0; i < file->nincludes; i++) follow_include(L, src, &file->includes[i]);
    L->depth--;
}

static chiso_program *program_new(void)
{
    chiso_program *cp = xcalloc(1, sizeof *cp);
    arena_init(&cp->prog.arena);
    strmap_init_borrowed(&cp->prog.metric_by_key); /* keys in the program's arena */
    diag_list_init(&cp->diags);
    return cp;
}

static void finish(loader_t *L)
{
    chiso_program *cp = L->cp;
    if (L->syntax_errors == 0 && cp->prog.nindexes + cp->prog.nplans > 0) {
        check_program(&cp->prog, &cp->diags);
        if (cp->diags.errors == 0 && !L->check_only) compile_program(&cp->prog);
    }
    diag_sort(&cp->diags);
    free(L->root);
    cp->scored_at = chiso_scoring_time();
    if (!L->check_only) provenance_build(cp); /* a checked program is not scored: no hashing */
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.chiso below `dir`, in sorted path order, as a top file of its
 * own (a file another one includes is loaded once: same device and
 * inode). Symbolic links to directories are not followed. */
static void load_tree(loader_t *L, const char *dir, int depth)
{
    DIR *d = depth <= MAX_INCLUDE_DEPTH ? opendir(dir) : NULL;
    if (!d) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        VEC_PUSH(names, n, cap);
        names[n++] = xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        size_t len = strlen(names[i]);
        if (lstat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            load_tree(L, names[i], depth + 1);
        } else if (len > 6 && !strcmp(names[i] + len - 6, ".chiso") && stat(names[i], &st) == 0 &&
                   S_ISREG(st.st_mode)) {
            bool seen = false;
            for (size_t k = 0; k < L->nloaded && !seen; k++) seen = same_file(&L->loaded[k], &st);
            source_t *src = seen ? NULL : source_load(names[i], &L->cp->diags);
            if (src) load_source(L, src, &st);
        }
        free(names[i]);
    }
    free(names);
}

/* A directory of rules: every file in it, loaded as one program, so that
 * the versions of an index kept in files of their own are one index. */
static chiso_program *load_directory(chiso_program *cp, const char *path, bool check_only)
{
    loader_t L = {.cp = cp, .check_only = check_only};
    char real[PATH_MAX];
    L.root = xstrdup(realpath(path, real) ? real : path);
    size_t len = strlen(path);
    char *dir = xstrdup(path);
    while (len > 1 && dir[len - 1] == '/') dir[--len] = '\0';
    load_tree(&L, dir, 0);
    free(dir);
    if (cp->prog.nsources == 0) {
        diag_add(&cp->diags, DIAG_ERROR, (srcloc_t){NULL, 0, 0, 0, 0}, "io", "%s: no *.chiso file in it",
                 path);
        cp->io_error = true;
    }
    finish(&L);
    return cp;
}

static chiso_program *load_file(const char *path, bool check_only)
{
    chiso_program *cp = program_new();
    struct stat dst;
    if (stat(path, &dst) == 0 && S_ISDIR(dst.st_mode)) return load_directory(cp, path, check_only);
    loader_t L = {.cp = cp, .check_only = check_only};
    source_t *src = source_load(path, &cp->diags);
    if (!src) {
        cp->io_error = true;
        diag_sort(&cp->diags);
        cp->scored_at = chiso_scoring_time();
        provenance_build(cp);
        return cp;
    }
    char real[PATH_MAX];
    if (!realpath(path, real)) snprintf(real, sizeof real, "%s", path);
    L.root = dir_of(real);
    struct stat st;
    if (stat(path, &st) != 0) memset(&st, 0, sizeof st);
    load_source(&L, src, &st);
    finish(&L);
    return cp;
}

static chiso_program *load_string(const char *name, const char *text, size_t len, bool check_only)
{
    chiso_program *cp = program_new();
    loader_t L = {.cp = cp, .check_only = check_only};
    source_t *src = source_from_memory(name, text, len, &cp->diags);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, ".");
    /* An absolute name (an editor's buffer) is confined like its file. */
    L.root = name[0] == '/' ? dir_of(name) : xstrdup(cwd);
    struct stat none; /* in memory: no file an include could be */
    memset(&none, 0, sizeof none);
    load_source(&L, src, &none);
    finish(&L);
    return cp;
}

chiso_program *chiso_program_load(const char *path) { return load_file(path, false); }

chiso_program *chiso_program_load_string(const char *name, const char *text, size_t len)
{
    return load_string(name, text, len, false);
}

chiso_program *chiso_program_check_file(const char *path) { return load_file(path, true); }

chiso_program *chiso_program_check_string(const char *name, const char *text, size_t len)
{
    return load_string(name, text, len, true);
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
    free(cp->provenance);
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

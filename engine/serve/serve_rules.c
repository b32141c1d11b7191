/* serve_rules.c — the rule sets `chiso serve` answers with: every rules
 * file below a directory (or one file) that declares an index or a plan,
 * loaded, with its info and provenance ready to be sent. */
#include "serve.h"

#include "chiso.h"
#include "chiso_text.h"

#include "engine/support/xalloc.h"

#include <dirent.h>
#include <jansson.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct serve_rules {
    atomic_int refs;
    serve_set_t *sets;
    size_t count, cap;
    char *listing;
};

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_rules_name(const char *n)
{
    size_t len = strlen(n);
    return len > 6 && !strcmp(n + len - 6, ".chiso");
}

/* Every *.chiso below dir, as paths relative to `root`, sorted. */
static void walk(const char *root, const char *rel, char ***out, size_t *n, size_t *cap, int depth)
{
    if (depth > 16) return;
    char *dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        char *sub = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(root, sub, out, n, cap, depth + 1);
            free(sub);
        } else if (S_ISREG(st.st_mode) && is_rules_name(e->d_name)) {
            VEC_PUSH(*out, *n, *cap);
            (*out)[(*n)++] = sub;
        } else {
            free(sub);
        }
        free(path);
    }
    closedir(d);
    free(dir);
}

static void set_free(serve_set_t *s)
{
    free(s->name);
    chiso_program_free(s->prog);
    chiso_free(s->info);
    free(s->provenance);
}

static void rules_free(serve_rules_t *r)
{
    for (size_t i = 0; i < r->count; i++) set_free(&r->sets[i]);
    free(r->sets);
    free(r->listing);
    free(r);
}

/* Loads one file as the set `name`; false (diagnostics on stderr) when it
 * has errors; *skip when it declares nothing to score (a file of shared
 * declarations, included by the others). */
static bool load_set(serve_rules_t *r, const char *path, const char *name, bool *skip)
{
    *skip = false;
    chiso_program *prog = chiso_program_load(path);
    if (chiso_program_errors(prog) || chiso_program_unreadable(prog)) {
        chiso_program_print_diagnostics(prog, stderr, false);
        fprintf(stderr, "chiso serve: %s: %zu error%s in the rules\n", path, chiso_program_errors(prog),
                chiso_program_errors(prog) == 1 ? "" : "s");
        chiso_program_free(prog);
        return false;
    }
    if (chiso_program_index_count(prog) + chiso_program_plan_count(prog) == 0) {
        chiso_program_free(prog);
        *skip = true;
        return true;
    }
    VEC_PUSH(r->sets, r->count, r->cap);
    serve_set_t *s = &r->sets[r->count++];
    memset(s, 0, sizeof *s);
    s->name = xstrdup(name);
    s->prog = prog;
    s->info = chiso_program_info_json(prog);
    json_t *info = json_loads(s->info, 0, NULL);
    const char *sha = json_string_value(json_object_get(info, "rules_sha256"));
    snprintf(s->sha256, sizeof s->sha256, "%s", sha ? sha : "");
    json_t *prov = json_pack("{s:s,s:s,s:s,s:O}", "engine", "chiso", "version", chiso_version(), "rules", name,
                             "files", json_object_get(info, "rules"));
    json_object_set_new(prov, "rules_sha256", json_string(s->sha256));
    s->provenance = json_dumps(prov, JSON_COMPACT);
    json_decref(prov);
    json_decref(info);
    return true;
}

serve_rules_t *serve_rules_load(const char *path)
{
    serve_rules_t *r = xcalloc(1, sizeof *r);
    atomic_init(&r->refs, 1);
    struct stat st;
    bool ok = true;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "chiso serve: %s: no such file or directory\n", path);
        ok = false;
    } else if (S_ISDIR(st.st_mode)) {
        char **names = NULL;
        size_t n = 0, cap = 0;
        walk(path, "", &names, &n, &cap, 0);
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char *full = xasprintf("%s/%s", path, names[i]);
            bool skip;
            if (!load_set(r, full, names[i], &skip)) ok = false;
            free(full);
            free(names[i]);
        }
        free(names);
    } else {
        const char *slash = strrchr(path, '/');
        bool skip;
        ok = load_set(r, path, slash ? slash + 1 : path, &skip);
    }
    if (ok && r->count == 0) {
        fprintf(stderr, "chiso serve: %s: no rules file with an index or a plan\n", path);
        ok = false;
    }
    if (!ok) {
        rules_free(r);
        return NULL;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < r->count; i++) {
        json_t *info = json_loads(r->sets[i].info, 0, NULL);
        json_array_append_new(list, json_pack("{s:s,s:s,s:O,s:O,s:O}", "name", r->sets[i].name, "rules_sha256",
                                              r->sets[i].sha256, "files", json_object_get(info, "rules"),
                                              "indexes", json_object_get(info, "indexes"), "plans",
                                              json_object_get(info, "plans")));
        json_decref(info);
    }
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    json_t *listing = json_pack("{s:s,s:s,s:o,s:s}", "engine", "chiso", "version", chiso_version(), "rules", list,
                                "loaded_at", when);
    r->listing = json_dumps(listing, JSON_COMPACT);
    json_decref(listing);
    return r;
}

void serve_rules_ref(serve_rules_t *r) { atomic_fetch_add(&r->refs, 1); }

void serve_rules_unref(serve_rules_t *r)
{
    if (r && atomic_fetch_sub(&r->refs, 1) == 1) rules_free(r);
}

const serve_set_t *serve_rules_find(const serve_rules_t *r, const char *name)
{
    if (!name || !*name) return r->count == 1 ? &r->sets[0] : NULL;
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->sets[i].name, name)) return &r->sets[i];
    return NULL;
}

const char *serve_rules_listing(const serve_rules_t *r) { return r->listing; }
size_t serve_rules_count(const serve_rules_t *r) { return r->count; }

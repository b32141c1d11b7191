/* rules_search.c — chiso_find_rules: where a rules file named by a
 * relative path that does not exist from the current directory is found,
 * for the command, the service and the bindings alike: in each directory
 * of $CHISO_RULES_PATH (':' between them), then in the bundled rules
 * installed beside the program (../share/chiso/rules, so a relocated
 * install works) or beside libchiso.so (../share or ../../share when the
 * library is in lib/<multiarch>/), then in the directory chosen when it was
 * built (CHISO_DATADIR/rules). `chiso score cap-huyen/ha-tinh-2021.chiso …`
 * thus scores with the installed Hà Tĩnh rules anywhere. */
#define _GNU_SOURCE /* dladdr */
#include "chiso.h"

#include "engine/support/xalloc.h"

#include <dlfcn.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CHISO_DATADIR
#define CHISO_DATADIR "/usr/local/share/chiso"
#endif

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir/name when that is a file, else NULL. */
static char *try_in(const char *dir, size_t dirlen, const char *name)
{
    if (!dirlen) return NULL;
    char *p = xasprintf("%.*s/%s", (int)dirlen, dir, name);
    if (is_file(p)) return p;
    free(p);
    return NULL;
}

/* share/chiso of an install, found from the file `file` (a program or a
 * library) by going up `ups` directories and into share/chiso. */
static char *share_beside(const char *file, int ups)
{
    const char *slash = strrchr(file, '/');
    if (!slash) return NULL;
    char *dir = xasprintf("%.*s%s/share/chiso", (int)(slash - file), file, ups == 1 ? "/.." : "/../..");
    /* the real path: results name the rules they were scored with, and
     * "/usr/bin/../share" is no name for a reader */
    char *real = realpath(dir, NULL);
    free(dir);
    struct stat st;
    if (real && stat(real, &st) == 0 && S_ISDIR(st.st_mode)) return real;
    free(real);
    return NULL;
}

/* The installed share/chiso beside the program, else beside the library. */
static char *bundled_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *found = NULL;
    if (n > 0) {
        exe[n] = '\0';
        found = share_beside(exe, 1);
    }
    Dl_info info;
    if (!found && dladdr((void *)&bundled_dir, &info) && info.dli_fname && info.dli_fname[0] == '/') {
        found = share_beside(info.dli_fname, 1);
        if (!found) found = share_beside(info.dli_fname, 2);
    }
    return found;
}

char *chiso_find_rules(const char *path)
{
    if (!path || !*path || !strcmp(path, "-") || path[0] == '/' || access(path, F_OK) == 0) return NULL;
    const char *env = getenv("CHISO_RULES_PATH");
    for (const char *d = env; d && *d;) {
        size_t len = strcspn(d, ":");
        char *found = try_in(d, len, path);
        if (found) return found;
        d += len + (d[len] == ':');
    }
    char *bundled = bundled_dir();
    if (bundled) {
        char *rules = xasprintf("%s/rules", bundled);
        free(bundled);
        char *found = try_in(rules, strlen(rules), path);
        free(rules);
        if (found) return found;
    }
    return try_in(CHISO_DATADIR "/rules", strlen(CHISO_DATADIR "/rules"), path);
}

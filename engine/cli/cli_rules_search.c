/* cli_rules_search.c — where the command finds a rules file named by a
 * relative path that does not exist from the current directory: in each
 * directory of $CHISO_RULES_PATH (':' between them), then in the bundled
 * rules installed with the command (../share/chiso/rules beside the
 * executable, so a relocated install works), then in the directory chosen
 * when it was built (CHISO_DATADIR/rules). `chiso score cap-huyen/ha-tinh-
 * 2021.chiso …` thus scores with the installed Hà Tĩnh rules anywhere. */
#include "cli.h"

#include "engine/support/xalloc.h"

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

char *cli_bundled_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = '\0';
    char *dir = xasprintf("%s/../share/chiso", exe);
    /* the real path: results name the rules they were scored with, and
     * "/usr/bin/../share" is no name for a reader */
    char *real = realpath(dir, NULL);
    free(dir);
    struct stat st;
    if (real && stat(real, &st) == 0 && S_ISDIR(st.st_mode)) return real;
    free(real);
    return NULL;
}

char *cli_find_rules(const char *path)
{
    if (!path || !*path || !strcmp(path, "-") || path[0] == '/' || access(path, F_OK) == 0) return NULL;
    const char *env = getenv("CHISO_RULES_PATH");
    for (const char *d = env; d && *d;) {
        size_t len = strcspn(d, ":");
        char *found = try_in(d, len, path);
        if (found) return found;
        d += len + (d[len] == ':');
    }
    char *bundled = cli_bundled_dir();
    if (bundled) {
        char *rules = xasprintf("%s/rules", bundled);
        free(bundled);
        char *found = try_in(rules, strlen(rules), path);
        free(rules);
        if (found) return found;
    }
    return try_in(CHISO_DATADIR "/rules", strlen(CHISO_DATADIR "/rules"), path);
}

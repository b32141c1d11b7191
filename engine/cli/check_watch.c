/* check_watch.c — `chiso check --watch`: checks, then waits for a rules
 * file to change (inotify on the directories of the files, and below, where
 * their includes live; editors that save by renaming are seen too) and
 * checks again, until interrupted. */
#include "cli.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_WATCHES 2000
#define MAX_DEPTH 16
#define SETTLE_MS 150 /* an editor's save is several events: wait for quiet */

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static void watch_tree(int fd, const char *dir, int depth, int *count)
{
    if (depth > MAX_DEPTH || *count >= MAX_WATCHES) return;
    if (inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                       IN_DELETE | IN_ONLYDIR) < 0)
        return;
    (*count)++;
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) watch_tree(fd, p, depth + 1, count);
        free(p);
    }
    closedir(d);
}

static bool interesting(const struct inotify_event *ev)
{
    if (ev->mask & IN_ISDIR) return true;
    size_t n = ev->len ? strlen(ev->name) : 0;
    return n > 6 && strcmp(ev->name + n - 6, ".chiso") == 0;
}

/* Waits for a change to a rules file; false when interrupted. */
static bool wait_for_change(int fd, char *changed, size_t changed_len)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool seen = false;
    while (!stop) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, seen ? SETTLE_MS : -1);
        if (r < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (r == 0) return seen; /* quiet again after a change */
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return false;
        }
        for (char *q = buf; q < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)q;
            if (interesting(ev)) {
                if (!seen && ev->len) snprintf(changed, changed_len, "%s", ev->name);
                seen = true;
            }
            q += sizeof *ev + ev->len;
        }
    }
    return false;
}

int check_watch(char **args, int nargs, const check_opts_t *o)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int code = CHISO_EXIT_OK;
    bool first = true;
    char changed[256] = "";
    while (!stop) {
        if (!first) {
            time_t now = time(NULL);
            struct tm tm;
            char when[16];
            strftime(when, sizeof when, "%H:%M:%S", localtime_r(&now, &tm));
            fprintf(stderr, _("\n== %s: %s changed, checking again\n"), when, changed[0] ? changed : _("a file"));
        }
        first = false;
        cli_paths_t paths;
        if (!cli_rules_paths(args, nargs, "check", &paths)) return CHISO_EXIT_USAGE;
        code = check_files(&paths, o);
        if (fflush(stdout) != 0) {
            fprintf(stderr, _("chiso check: cannot write the output: %s\n"), strerror(errno));
            cli_paths_free(&paths);
            return CHISO_EXIT_USAGE;
        }
        fflush(stderr);
        int fd = inotify_init1(IN_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, _("chiso check: cannot watch the files: %s\n"), strerror(errno));
            cli_paths_free(&paths);
            return CHISO_EXIT_USAGE;
        }
        int count = 0;
        for (int i = 0; i < nargs; i++) {
            struct stat st;
            if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) watch_tree(fd, args[i], 0, &count);
        }
        for (size_t i = 0; i < paths.count; i++) {
            char *dir = dir_of(paths.items[i]);
            watch_tree(fd, dir, 0, &count);
            free(dir);
        }
        cli_paths_free(&paths);
        fprintf(stderr, _("chiso check: watching; Ctrl-C to stop\n"));
        changed[0] = '\0';
        bool again = wait_for_change(fd, changed, sizeof changed);
        close(fd);
        if (!again) break;
    }
    return code;
}

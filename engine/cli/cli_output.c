/* cli_output.c — output files written whole or not at all (see cli.h).
 *
 * The output is written to a temporary file beside its target and renamed
 * into place once complete, so that a reader never sees half a report.
 * What the target is decides how:
 *   - a symbolic link is written through: its target is replaced;
 *   - a device or a FIFO (/dev/stdout, /dev/null) is written directly;
 *   - a file the caller could not write with `>` is refused, not replaced;
 *   - a file replaced keeps its permissions.
 * The temporary file is removed on every way out: an error, exit(), and
 * SIGINT, SIGTERM, SIGHUP or SIGPIPE. */
#include "cli.h"

#include "engine/support/safe_text.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file being written, for the signal handler: a fixed
 * buffer, since a handler may not allocate. One output at a time. */
static char pending_tmp[PATH_MAX + 32];
static volatile sig_atomic_t has_pending;

static void remove_pending(void)
{
    if (has_pending) {
        has_pending = 0;
        unlink(pending_tmp);
    }
}

static void on_signal(int sig)
{
    remove_pending(); /* unlink is async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_pending(const char *tmp)
{
    static bool installed;
    if (!installed) {
        installed = true;
        atexit(remove_pending);
        /* out of memory ends with quick_exit (main.c); registering fails only
         * past 32 handlers, which this program never has */
        (void)at_quick_exit(remove_pending);
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            /* An ignored signal stays ignored (nohup, a shell's background job). */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
            sigaction(sigs[i], &sa, NULL);
        }
    }
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    has_pending = 1;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

bool cli_out_open(cli_out_t *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || !strcmp(path, "-")) {
        o->f = stdout;
        return true;
    }
    struct stat st;
    char *target = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char real[PATH_MAX];
        if (!realpath(path, real)) {
            fprintf(stderr, _("chiso: cannot write '%s': a symbolic link to a missing file\n"), path);
            return false;
        }
        target = xstrdup(real);
    } else {
        target = xstrdup(path);
    }
    bool exists = stat(target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("chiso: cannot write '%s': Is a directory\n"), path);
        free(target);
        return false;
    }
    if (exists && !S_ISREG(st.st_mode)) { /* a device or a FIFO: written directly, never replaced */
        int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
            fprintf(stderr, _("chiso: cannot write '%s': %s\n"), path, strerror(errno));
            if (fd >= 0) close(fd);
            free(target);
            return false;
        }
        o->path = target;
        return true;
    }
    if (exists && access(target, W_OK) != 0) { /* what `>` would refuse */
        fprintf(stderr, _("chiso: cannot write '%s': %s\n"), path, strerror(errno));
        free(target);
        return false;
    }
    /* A short name beside the target: a target name of 250 bytes leaves
     * no room for a suffix within the 255 a name may have. */
    char *dir = dir_of(target);
    o->tmp = xasprintf("%s/.chiso-XXXXXX", dir);
    free(dir);
    int fd = mkstemp(o->tmp);
    if (fd >= 0) {
        watch_pending(o->tmp);
        /* mkstemp makes 0600 files: a new output gets the usual 0666 &
         * ~umask, a replaced one keeps its mode. */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, exists ? (st.st_mode & 07777) : (0666 & ~mask)) != 0) { /* 0600 is safe */ }
    }
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        fprintf(stderr, _("chiso: cannot write '%s': %s\n"), path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            remove_pending();
        }
        free(o->tmp);
        free(target);
        memset(o, 0, sizeof *o);
        return false;
    }
    o->path = target;
    return true;
}

/* 64 KiB: a write(2) per 64 KiB costs less than the page faults of a
 * larger buffer's fresh pages (each one dear on a virtual machine);
 * JSON output comes in larger pieces, which stdio writes directly. */
#define OUT_BUFFER (64 << 10)

void cli_out_buffer(cli_out_t *o)
{
    /* glibc takes the size only with a buffer given to it: without one,
     * a batch's results would go out in 4 KiB system calls. Standard
     * output may be flushed as late as exit(): its buffer never goes away. */
    static char stdout_buf[OUT_BUFFER];
    if (o->f == stdout) { /* a terminal keeps its line buffering */
        if (!isatty(STDOUT_FILENO)) setvbuf(stdout, stdout_buf, _IOFBF, OUT_BUFFER);
        return;
    }
    o->buf = xmalloc(OUT_BUFFER);
    setvbuf(o->f, o->buf, _IOFBF, OUT_BUFFER);
}

bool cli_out_commit(cli_out_t *o)
{
    if (o->f == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, _("chiso: cannot write the output: %s\n"), strerror(errno ? errno : EIO));
            return false;
        }
        return true;
    }
    errno = 0;
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    if (ok && o->tmp && fsync(fileno(o->f)) != 0 && errno != EINVAL) ok = false;
    int saved = errno;
    if (fclose(o->f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && o->tmp && rename(o->tmp, o->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) fprintf(stderr, _("chiso: cannot write '%s': %s\n"), o->path, strerror(saved ? saved : EIO));
    if (o->tmp) {
        if (!ok) unlink(o->tmp);
        has_pending = 0;
    }
    free(o->tmp);
    free(o->path);
    free(o->buf); /* after fclose */
    memset(o, 0, sizeof *o);
    return ok;
}

void cli_out_abort(cli_out_t *o)
{
    if (o->f && o->f != stdout) {
        fclose(o->f);
        if (o->tmp) remove_pending();
    }
    free(o->tmp);
    free(o->path);
    free(o->buf);
    memset(o, 0, sizeof *o);
}

bool cli_write_output(const char *path, const char *data, size_t len)
{
    cli_out_t o;
    if (!cli_out_open(&o, path)) return false;
    if (len && fwrite(data, 1, len, o.f) != len) {
        if (o.f == stdout) {
            fprintf(stderr, _("chiso: cannot write the output: %s\n"), strerror(errno ? errno : EIO));
            return false;
        }
        fprintf(stderr, _("chiso: cannot write '%s': %s\n"), path, strerror(errno ? errno : EIO));
        cli_out_abort(&o);
        return false;
    }
    return cli_out_commit(&o);
}

bool cli_write_text_output(const char *path, const char *data, size_t len)
{
    strbuf_t safe;
    sb_init(&safe);
    safe_text_append(&safe, data, len, true);
    bool ok = cli_write_output(path, safe.data ? safe.data : "", safe.len);
    sb_free(&safe);
    return ok;
}

/* cmd_fmt.c — `chiso fmt`: arguments of the formatter (engine/format/).
 * Writes the formatted text to stdout, or checks, diffs or rewrites files
 * in place (a temporary file beside the original, renamed over it). */
#include "cli.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void help(FILE *out)
{
    fputs("Usage: chiso fmt [options] [RULES|DIR|-]...\n"
          "\n"
          "Lays out rules files in the one canonical way: two spaces per block,\n"
          "one statement per line, a blank line after each node, spaces around\n"
          "operators and '->', columns aligned in like lines (the '->' of\n"
          "bands, the strings of declarations), comments kept where they are.\n"
          "Formatting changes nothing in what the rules mean, and formatting\n"
          "twice changes nothing more. A DIR stands for every *.chiso below it,\n"
          "'-' for standard input. Without -w, --check or --diff the formatted\n"
          "text goes to stdout.\n"
          "\n"
          "Options:\n"
          "  --check            change nothing; list the files that are not formatted\n"
          "                     (exit 1 if any)\n"
          "  -d, --diff         show the changes as a unified diff (exit 1 if any)\n"
          "  -w, --write        rewrite the files in place (atomically, mode kept)\n"
          "  --keywords L       write every keyword in one language: vi (Vietnamese\n"
          "                     with diacritics) or en (English), also the words of\n"
          "                     policies and of metric declarations (đếm/count,\n"
          "                     từ/from, bắt_buộc/required); names and strings are\n"
          "                     not touched\n"
          "  --stdin-name FILE  the name of standard input in messages\n"
          "  -h, --help         show this help\n"
          "\n"
          "Exit status: 0 formatted (or nothing to change), 1 some file is not\n"
          "formatted (--check, --diff) or does not parse, 2 usage or I/O problem.\n", out);
}

typedef struct {
    bool check, diff, write;
    int keywords;
    const char *stdin_name;
} fmt_opts_t;

static char *temp_file(const char *data, size_t len)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/chiso-fmt.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, _("chiso fmt: cannot create a temporary file: %s\n"), strerror(errno));
        free(path);
        return NULL;
    }
    bool ok = true;
    for (size_t done = 0; ok && done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += (size_t)n;
    }
    if (close(fd) != 0) ok = false;
    if (!ok) {
        fprintf(stderr, _("chiso fmt: cannot write a temporary file: %s\n"), strerror(errno));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* `diff -u` between the original and the formatted text. */
static bool show_diff(const char *name, const char *before, size_t blen, const char *after,
                      size_t alen)
{
    char *a = temp_file(before, blen);
    char *b = a ? temp_file(after, alen) : NULL;
    bool ok = a && b;
    if (ok) {
        fflush(stdout);
        char *la = xasprintf("%s (original)", name), *lb = xasprintf("%s (formatted)", name);
        pid_t pid = fork();
        if (pid == 0) {
            execlp("diff", "diff", "-u", "--label", la, "--label", lb, a, b, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) > 1) {
            fprintf(stderr, _("chiso fmt: could not run diff (diffutils) for %s\n"), name);
            ok = false;
        }
        free(la);
        free(lb);
    }
    if (a) unlink(a);
    if (b) unlink(b);
    free(a);
    free(b);
    return ok;
}

/* Replaces `path` (following a symbolic link to the real file) with `data`:
 * a temporary file in the same directory, given the original's mode, then
 * renamed over it, so that readers see the old file or the new, never half. */
static bool write_in_place(const char *path, const char *data, size_t len)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        fprintf(stderr, _("chiso fmt: cannot write %s: %s\n"), path, strerror(errno));
        return false;
    }
    struct stat st;
    if (stat(real, &st) != 0) {
        fprintf(stderr, _("chiso fmt: cannot write %s: %s\n"), path, strerror(errno));
        return false;
    }
    char *tmp = xasprintf("%s.fmtXXXXXX", real);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, _("chiso fmt: cannot write %s: %s\n"), path, strerror(errno));
        free(tmp);
        return false;
    }
    bool ok = fchmod(fd, st.st_mode & 07777) == 0;
    for (size_t done = 0; ok && done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += (size_t)n;
    }
    if (ok && fsync(fd) != 0 && errno != EINVAL) ok = false;
    if (close(fd) != 0) ok = false;
    if (ok && rename(tmp, real) != 0) ok = false;
    if (!ok) {
        fprintf(stderr, _("chiso fmt: cannot write %s: %s\n"), path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}

/* Formats one file; returns its exit code. */
static int fmt_one(const char *path, const fmt_opts_t *o)
{
    bool is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? (o->stdin_name ? o->stdin_name : "<stdin>") : path;
    size_t len = 0;
    char *text = cli_read_file(path, &len);
    if (!text) return CHISO_EXIT_USAGE;
    size_t flen = 0;
    char *out = chiso_format(name, text, len, o->keywords, &flen, stderr, cli_color(stderr));
    if (!out) {
        fprintf(stderr, _("chiso fmt: %s not formatted: it has errors\n"), name);
        free(text);
        return CHISO_EXIT_RULE_ERRORS;
    }
    bool changed = flen != len || memcmp(out, text, len) != 0;
    int code = CHISO_EXIT_OK;
    if (o->check || o->diff) {
        if (changed) {
            code = CHISO_EXIT_RULE_ERRORS;
            if (o->check) printf("%s\n", name);
            if (o->diff && !show_diff(name, text, len, out, flen)) code = CHISO_EXIT_USAGE;
        }
    } else if (o->write) {
        if (changed && !write_in_place(path, out, flen)) code = CHISO_EXIT_USAGE;
    } else if (fwrite(out, 1, flen, stdout) != flen) {
        fprintf(stderr, _("chiso fmt: cannot write the output: %s\n"), strerror(errno));
        code = CHISO_EXIT_USAGE;
    }
    free(out);
    free(text);
    return code;
}

int cmd_fmt(int argc, char **argv)
{
    enum { OPT_CHECK = 256, OPT_KEYWORDS, OPT_STDIN_NAME };
    static const struct option opts[] = {
        {"check", no_argument, NULL, OPT_CHECK},
        {"diff", no_argument, NULL, 'd'},
        {"write", no_argument, NULL, 'w'},
        {"keywords", required_argument, NULL, OPT_KEYWORDS},
        {"stdin-name", required_argument, NULL, OPT_STDIN_NAME},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    fmt_opts_t o = {false, false, false, CHISO_FMT_KEEP, NULL};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "dwh", opts, NULL)) != -1) {
        switch (c) {
        case OPT_CHECK: o.check = true; break;
        case 'd': o.diff = true; break;
        case 'w': o.write = true; break;
        case OPT_STDIN_NAME: o.stdin_name = optarg; break;
        case OPT_KEYWORDS:
            if (!strcmp(optarg, "vi")) o.keywords = CHISO_FMT_VIETNAMESE;
            else if (!strcmp(optarg, "en")) o.keywords = CHISO_FMT_ENGLISH;
            else {
                fprintf(stderr, _("chiso fmt: --keywords is vi or en, not '%s'\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (o.write && (o.check || o.diff)) {
        fputs(_("chiso fmt: -w writes the files; --check and --diff only look at them\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    char *dash[] = {"-"};
    char **args = optind < argc ? argv + optind : dash;
    int nargs = optind < argc ? argc - optind : 1;
    cli_paths_t paths;
    if (!cli_rules_paths(args, nargs, "fmt", &paths)) return CHISO_EXIT_USAGE;
    int worst = CHISO_EXIT_OK;
    for (size_t i = 0; i < paths.count; i++) {
        if (o.write && !strcmp(paths.items[i], "-")) {
            fputs(_("chiso fmt: -w cannot rewrite standard input\n"), stderr);
            worst = CHISO_EXIT_USAGE;
            continue;
        }
        struct stat st;
        if (o.write && stat(paths.items[i], &st) == 0 && !S_ISREG(st.st_mode)) {
            /* a FIFO or a device would be replaced by a regular file, and
             * a FIFO's text read here would be lost to its reader */
            fprintf(stderr, _("chiso fmt: -w cannot rewrite %s: not a regular file\n"), paths.items[i]);
            worst = CHISO_EXIT_USAGE;
            continue;
        }
        int code = fmt_one(paths.items[i], &o);
        if (code == CHISO_EXIT_USAGE || (code > worst)) worst = code;
    }
    cli_paths_free(&paths);
    if (fflush(stdout) != 0) worst = CHISO_EXIT_USAGE;
    return worst;
}

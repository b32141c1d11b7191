/* cmd_init.c — `chiso init`: writes the skeleton of a new index (library:
 * chiso_skeleton), in Vietnamese or, through the formatter, English
 * keywords; never over an existing file. */
#include "cli.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void help(FILE *out)
{
    fputs("Usage: chiso init [--keywords vi|en] [FILE]\n"
          "\n"
          "Writes the skeleton of a new index to FILE (or to stdout): fields, a\n"
          "criterion scored by bands, a ratio, a formula, a deduction, grades\n"
          "and policies, each explained by a comment in Vietnamese. It passes\n"
          "`chiso check --strict` as it is; edit it into your scoring guide.\n"
          "An existing FILE is never overwritten.\n"
          "\n"
          "Options:\n"
          "  --keywords L   keywords in Vietnamese (vi, the default) or English (en)\n"
          "  -h, --help     show this help\n"
          "\n"
          "Exit status: 0 written, 2 usage problem, FILE exists or cannot be written.\n", out);
}

int cmd_init(int argc, char **argv)
{
    enum { OPT_KEYWORDS = 256 };
    static const struct option opts[] = {
        {"keywords", required_argument, NULL, OPT_KEYWORDS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int keywords = CHISO_FMT_VIETNAMESE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_KEYWORDS:
            if (!strcmp(optarg, "vi")) keywords = CHISO_FMT_VIETNAMESE;
            else if (!strcmp(optarg, "en")) keywords = CHISO_FMT_ENGLISH;
            else {
                fprintf(stderr, _("chiso init: --keywords is vi or en, not '%s'\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        fputs(_("chiso init: one file at a time\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    size_t len = 0;
    const char *skeleton = chiso_skeleton(&len);
    char *text = chiso_format("skeleton", skeleton, len, keywords, &len, stderr, false);
    if (!text) return CHISO_EXIT_USAGE; /* cannot happen: the skeleton is tested */
    int code = CHISO_EXIT_OK;
    if (!strcmp(path, "-")) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) code = CHISO_EXIT_USAGE;
    } else {
        /* O_EXCL: an existing file (or a link planted in its place) is left alone */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            fprintf(stderr, _("chiso init: cannot create %s: %s\n"), path,
                    errno == EEXIST ? "it exists already (chiso init never overwrites a file)"
                                    : strerror(errno));
            code = CHISO_EXIT_USAGE;
        } else {
            size_t done = 0;
            while (done < len) {
                ssize_t n = write(fd, text + done, len - done);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) break;
                done += (size_t)n;
            }
            if (close(fd) != 0 || done < len) {
                fprintf(stderr, _("chiso init: cannot write %s: %s\n"), path, strerror(errno));
                unlink(path);
                code = CHISO_EXIT_USAGE;
            } else {
                fprintf(stderr, _("chiso init: wrote %s; next: chiso check --strict %s\n"), path, path);
            }
        }
    }
    free(text);
    return code;
}

/* cmd_check.c — `chiso check`: lex, parse and check rules files and report
 * every error and warning with its position: as text, JSON or GitHub
 * annotations; files, directories, standard input; once or on every
 * change (--watch, check_watch.c). */
#include "cli.h"
#include "engine/api/program_impl.h"

#include "engine/api/program_impl.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <getopt.h>
#include <string.h>

/* "quy-tac.chiso: 2 lỗi, 1 cảnh báo" after the diagnostics of a file or,
 * `together`, of a directory's files checked as one program. */
static void print_counts(const char *name, bool together, size_t errors, size_t warnings)
{
    fprintf(stderr, "%s%s: ", name, together ? _(" (its files together)") : "");
    fprintf(stderr, chiso_ngettext("%zu error", "%zu errors", errors), errors);
    fputs(", ", stderr);
    fprintf(stderr, chiso_ngettext("%zu warning", "%zu warnings", warnings), warnings);
    fputc('\n', stderr);
}

static void help(FILE *out)
{
    fputs("Usage: chiso check [options] RULES|DIR|-...\n"
          "\n"
          "Checks rules files: syntax, types, node IDs, maxima adding up, band\n"
          "reachability and gaps, metric declarations (an undeclared metric is a\n"
          "warning when the files declare any) and units of measure (a ratio\n"
          "compared with 98 instead of 98%). Diagnostics go to stderr as\n"
          "file:line:col: error: message, with the source line and a caret.\n"
          "A DIR stands for every *.chiso below it (sorted), each checked alone,\n"
          "then all together for what only shows between files: versions of an\n"
          "index that overlap, an index name in two files. '-' is the rules on\n"
          "standard input.\n"
          "\n"
          "Options:\n"
          "  --strict           treat warnings as errors (exit 1)\n"
          "  -f, --format F     text (default), json (diagnostics on stdout) or\n"
          "                     github (GitHub Actions annotations on stdout)\n"
          "  -q, --quiet        print errors only, not warnings or the summary\n"
          "  --stdin-name FILE  the name of standard input in messages; its\n"
          "                     includes are found next to FILE\n"
          "  -w, --watch        check again whenever a file changes (until\n"
          "                     interrupted)\n"
          "  -h, --help         show this help\n"
          "\n"
          "Exit status: 0 clean, 1 errors found, 2 usage or I/O problem.\n", out);
}

static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        if (*s == '%') fputs("%25", out);
        else if (*s == '\r') fputs("%0D", out);
        else if (*s == '\n') fputs("%0A", out);
        else if (property && *s == ':') fputs("%3A", out);
        else if (property && *s == ',') fputs("%2C", out);
        else fputc(*s, out);
    }
}

/* One annotation per diagnostic, as `verify -f github` writes them. */
static void print_github(FILE *out, json_t *diags)
{
    size_t i;
    json_t *d;
    json_array_foreach(diags, i, d) {
        const char *sev = json_string_value(json_object_get(d, "severity"));
        const char *file = json_string_value(json_object_get(d, "file"));
        json_int_t line = json_integer_value(json_object_get(d, "line"));
        fprintf(out, "::%s ", sev && !strcmp(sev, "error") ? "error" : sev && !strcmp(sev, "warning") ? "warning" : "notice");
        if (file) {
            fputs("file=", out);
            gh_escape(out, file, true);
            fputc(',', out);
            if (line > 0) {
                fprintf(out, "line=%lld,col=%lld,", (long long)line,
                        (long long)json_integer_value(json_object_get(d, "column")));
                json_t *el = json_object_get(d, "end_line"), *ec = json_object_get(d, "end_column");
                if (el && ec)
                    fprintf(out, "endLine=%lld,endColumn=%lld,", (long long)json_integer_value(el),
                            (long long)json_integer_value(ec));
            }
        }
        fputs("title=", out);
        gh_escape(out, json_string_value(json_object_get(d, "code")), true);
        fputs("::", out);
        gh_escape(out, json_string_value(json_object_get(d, "message")), false);
        const char *hint = json_string_value(json_object_get(d, "hint"));
        if (hint) {
            gh_escape(out, " (hint: ", false);
            gh_escape(out, hint, false);
            fputc(')', out);
        }
        fputc('\n', out);
    }
}

static chiso_program *load(const char *path, const check_opts_t *o)
{
    if (strcmp(path, "-") != 0) return chiso_program_check_file(path);
    size_t len = 0;
    char *text = cli_read_all(stdin, "standard input", &len);
    if (!text) return NULL;
    chiso_program *prog = chiso_program_check_string(o->stdin_name ? o->stdin_name : "<stdin>", text, len);
    free(text);
    return prog;
}

/* What only shows when the files of a directory are loaded together, as
 * `chiso score DIR` loads them: versions of one index in files of their
 * own that overlap, `previously` naming no node of the previous version,
 * and one index name in two files without versions. */
static bool across_files(const diag_t *d)
{
    if (!strcmp(d->code, "version-overlap") || !strcmp(d->code, "previously-unknown")) return true;
    /* one name in two files (twice in one file was reported with that file) */
    return !strcmp(d->code, "duplicate-index") && d->loc.src && !strstr(d->message, d->loc.src->path);
}

static int check_directory(const char *dir, const check_opts_t *o, json_t *report)
{
    chiso_program *prog = chiso_program_load(dir);
    const diag_list_t *all = &prog->diags;
    diag_list_t some = {xcalloc(all->count + 1, sizeof(diag_t)), 0, all->count + 1, 0, 0, 0};
    json_t *diags = chiso_program_diagnostics_json(prog), *kept = json_array(); /* in the same order */
    for (size_t i = 0; i < all->count; i++) {
        const diag_t *d = &all->items[i];
        if (!across_files(d)) continue;
        some.items[some.count++] = *d; /* shallow: printed, never freed */
        json_array_append(kept, json_array_get(diags, i));
        if (d->severity == DIAG_ERROR) some.errors++;
        else if (d->severity == DIAG_WARNING) some.warnings++;
    }
    if (o->format == CHECK_JSON && some.count) {
        json_array_append_new(report, json_pack("{s:s,s:I,s:I,s:O}", "file", dir, "errors", (json_int_t)some.errors,
                                                "warnings", (json_int_t)some.warnings, "diagnostics", kept));
    } else if (o->format == CHECK_GITHUB) {
        print_github(stdout, kept);
    } else if (some.count && (!o->quiet || some.errors)) {
        diag_print_all(stderr, &some, cli_color(stderr));
        if (!o->quiet)
            print_counts(dir, true, some.errors, some.warnings);
    }
    json_decref(kept);
    json_decref(diags);
    int code = some.errors || (o->strict && some.warnings) ? CHISO_EXIT_RULE_ERRORS : CHISO_EXIT_OK;
    free(some.items);
    chiso_program_free(prog);
    return code;
}

int check_files(const cli_paths_t *paths, const check_opts_t *o)
{
    int worst = CHISO_EXIT_OK;
    json_t *report = o->format == CHECK_JSON ? json_array() : NULL;
    for (size_t i = 0; i < paths->count; i++) {
        const char *path = paths->items[i];
        chiso_program *prog = load(path, o);
        if (!prog) {
            worst = CHISO_EXIT_USAGE;
            continue;
        }
        const char *name = strcmp(path, "-") ? path : o->stdin_name ? o->stdin_name : "<stdin>";
        size_t errors = chiso_program_errors(prog), warnings = chiso_program_warnings(prog);
        if (o->format == CHECK_JSON) {
            json_t *obj = json_object();
            json_object_set_new(obj, "file", json_string(name));
            json_object_set_new(obj, "errors", json_integer((json_int_t)errors));
            json_object_set_new(obj, "warnings", json_integer((json_int_t)warnings));
            json_object_set_new(obj, "diagnostics", chiso_program_diagnostics_json(prog));
            json_array_append_new(report, obj);
        } else if (o->format == CHECK_GITHUB) {
            json_t *diags = chiso_program_diagnostics_json(prog);
            print_github(stdout, diags);
            json_decref(diags);
        } else if (!o->quiet || errors) {
            chiso_program_print_diagnostics(prog, stderr, cli_color(stderr));
            if (!o->quiet)
                print_counts(name, false, errors, warnings);
        }
        int code = CHISO_EXIT_OK;
        if (chiso_program_unreadable(prog)) code = CHISO_EXIT_USAGE;
        else if (errors || (o->strict && warnings)) code = CHISO_EXIT_RULE_ERRORS;
        if (code == CHISO_EXIT_USAGE || (code == CHISO_EXIT_RULE_ERRORS && worst == CHISO_EXIT_OK))
            worst = code;
        chiso_program_free(prog);
    }
    for (size_t i = 0; i < paths->ndirs; i++)
        if (check_directory(paths->dirs[i], o, report) != CHISO_EXIT_OK && worst == CHISO_EXIT_OK)
            worst = CHISO_EXIT_RULE_ERRORS;
    if (report) {
        char *s = json_dumps(report, JSON_INDENT(2));
        printf("%s\n", s);
        free(s);
        json_decref(report);
    }
    return worst; /* stdout is flushed (and its errors reported) at exit */
}

int cmd_check(int argc, char **argv)
{
    enum { OPT_STDIN_NAME = 256 };
    static const struct option opts[] = {
        {"strict", no_argument, NULL, 's'}, {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},  {"help", no_argument, NULL, 'h'},
        {"stdin-name", required_argument, NULL, OPT_STDIN_NAME},
        {"watch", no_argument, NULL, 'w'},
        {NULL, 0, NULL, 0},
    };
    check_opts_t o = {false, false, CHECK_TEXT, NULL};
    bool watch = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qhw", opts, NULL)) != -1) {
        switch (c) {
        case 's': o.strict = true; break;
        case 'q': o.quiet = true; break;
        case 'w': watch = true; break;
        case OPT_STDIN_NAME: o.stdin_name = optarg; break;
        case 'f':
            if (!strcmp(optarg, "json")) o.format = CHECK_JSON;
            else if (!strcmp(optarg, "github")) o.format = CHECK_GITHUB;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, _("chiso check: unknown format '%s' (text, json or github)\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(_("chiso check: no rules file given\n"), stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    int stdins = 0;
    for (int i = optind; i < argc; i++) stdins += !strcmp(argv[i], "-");
    if (stdins > 1 || (stdins && watch)) {
        fputs(watch ? _("chiso check: --watch needs files, not standard input\n")
                    : _("chiso check: standard input ('-') can be read once\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    if (watch) return check_watch(argv + optind, argc - optind, &o);
    cli_paths_t paths;
    if (!cli_rules_paths(argv + optind, argc - optind, "check", &paths)) return CHISO_EXIT_USAGE;
    int code = check_files(&paths, &o);
    cli_paths_free(&paths);
    return code;
}

/* cmd_check.c — `chiso check`: lex, parse and check rules files and report
 * every error and warning with its position. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static void help(FILE *out)
{
    fputs("Usage: chiso check [--strict] [--format text|json] RULES...\n"
          "\n"
          "Checks rules files: syntax, types, node IDs, maxima adding up, band\n"
          "reachability and gaps, metric declarations (an undeclared metric is a\n"
          "warning when the files declare any) and units of measure (a ratio\n"
          "compared with 98 instead of 98%). Diagnostics go to stderr as\n"
          "file:line:col: error: message, with the source line and a caret.\n"
          "\n"
          "Options:\n"
          "  --strict          treat warnings as errors (exit 1)\n"
          "  -f, --format F    text (default) or json (diagnostics on stdout)\n"
          "  -q, --quiet       print errors only, not warnings or the summary\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 clean, 1 errors found, 2 usage or I/O problem.\n", out);
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"strict", no_argument, NULL, 's'}, {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool strict = false, json = false, quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", opts, NULL)) != -1) {
        switch (c) {
        case 's': strict = true; break;
        case 'q': quiet = true; break;
        case 'f':
            if (!strcmp(optarg, "json")) json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "chiso check: unknown format '%s' (text or json)\n", optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("chiso check: no rules file given\n", stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    int worst = CHISO_EXIT_OK;
    json_t *report = json ? json_array() : NULL;
    for (int i = optind; i < argc; i++) {
        chiso_program *prog = chiso_program_load(argv[i]);
        size_t errors = chiso_program_errors(prog), warnings = chiso_program_warnings(prog);
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "file", json_string(argv[i]));
            json_object_set_new(o, "errors", json_integer((json_int_t)errors));
            json_object_set_new(o, "warnings", json_integer((json_int_t)warnings));
            json_object_set_new(o, "diagnostics", chiso_program_diagnostics_json(prog));
            json_array_append_new(report, o);
        } else if (!quiet || errors) {
            chiso_program_print_diagnostics(prog, stderr, cli_color(stderr));
            if (!quiet)
                fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", argv[i], errors,
                        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
        }
        int code = CHISO_EXIT_OK;
        if (chiso_program_unreadable(prog)) code = CHISO_EXIT_USAGE;
        else if (errors || (strict && warnings)) code = CHISO_EXIT_RULE_ERRORS;
        if (code == CHISO_EXIT_USAGE || (code == CHISO_EXIT_RULE_ERRORS && worst == CHISO_EXIT_OK))
            worst = code;
        chiso_program_free(prog);
    }
    if (json) {
        char *s = json_dumps(report, JSON_INDENT(2));
        printf("%s\n", s);
        free(s);
        json_decref(report);
    }
    return worst;
}

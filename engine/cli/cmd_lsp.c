/* cmd_lsp.c — `chiso lsp`: the language server on stdio (library:
 * chiso_lsp_serve), and the data editor grammars are built from. */
#include "cli.h"
#include "engine/support/i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *out)
{
    fputs("Usage: chiso lsp [--stdio]\n"
          "       chiso lsp --keywords\n"
          "       chiso lsp --tokens RULES\n"
          "\n"
          "Serves the Language Server Protocol on stdin and stdout, for editors\n"
          "(VS Code, Neovim, Emacs: see docs/editors.md): the checker's errors\n"
          "and warnings as you type, hover (a node's name, maximum and source; a\n"
          "metric's type and the criteria that read it), go to definition (node\n"
          "IDs, let names, included and parent files), completion (keywords in\n"
          "the file's language, metric paths, node IDs, functions), the outline\n"
          "of fields and criteria, and formatting (chiso fmt).\n"
          "\n"
          "Options:\n"
          "  --stdio         talk on stdin and stdout (the default; accepted for\n"
          "                  clients that pass it)\n"
          "  --keywords      print the keyword table as JSON and exit\n"
          "  --tokens RULES  print each token of RULES with its class as JSON\n"
          "                  (for testing highlighting grammars) and exit\n"
          "  -h, --help      show this help\n"
          "\n"
          "Exit status: 0 after the client's shutdown and exit, 1 when the input\n"
          "ends without them, 2 usage problem.\n", out);
}

static int print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(1));
    json_decref(j);
    printf("%s\n", s);
    free(s);
    return fflush(stdout) == 0 ? CHISO_EXIT_OK : CHISO_EXIT_USAGE;
}

int cmd_lsp(int argc, char **argv)
{
    enum { OPT_STDIO = 256, OPT_KEYWORDS, OPT_TOKENS };
    static const struct option opts[] = {
        {"stdio", no_argument, NULL, OPT_STDIO},
        {"keywords", no_argument, NULL, OPT_KEYWORDS},
        {"tokens", required_argument, NULL, OPT_TOKENS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_STDIO: break;
        case OPT_KEYWORDS: return print_json(chiso_keyword_table());
        case OPT_TOKENS: {
            size_t len = 0;
            char *text = cli_read_file(optarg, &len);
            if (!text) return CHISO_EXIT_USAGE;
            json_t *j = chiso_token_classes(optarg, text, len);
            free(text);
            return print_json(j);
        }
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("chiso lsp: unexpected argument '%s'\n"), argv[optind]);
        return CHISO_EXIT_USAGE;
    }
    return chiso_lsp_serve(stdin, stdout);
}

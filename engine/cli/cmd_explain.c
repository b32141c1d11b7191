/* cmd_explain.c — `chiso explain RULES SUBMISSION [--node ID]`: show a
 * unit why it got its score. */
#include "cli.h"
#include "engine/support/json_exact.h"
#include "engine/support/i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *out)
{
    fputs("Usage: chiso explain [options] RULES SUBMISSION\n"
          "\n"
          "Explains a unit's score: for every leaf criterion (or the subtree of --node)\n"
          "the metric values read, the computed value, each band tried and whether it\n"
          "held, the points, clamps, deductions, not-applicable and missing reasons and\n"
          "the policy used; then how the group totals add up to the index.\n"
          "\n"
          "Options:\n"
          "      --node ID     explain only this node and what is under it\n"
          "  -f, --format F    text (default) or json (the result with an \"explain\"\n"
          "                    object on every node)\n"
          "      --index NAME  which index of RULES (default: the first)\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 explained, 1 the rules have errors, 2 usage or I/O problem\n"
          "(including an unknown --node), 3 the unit could not be scored (the errors\n"
          "are explained).\n", out);
}

int cmd_explain(int argc, char **argv)
{
    static const struct option opts[] = {
        {"node", required_argument, NULL, 'n'}, {"format", required_argument, NULL, 'f'},
        {"index", required_argument, NULL, 'i'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *node = NULL, *index_name = NULL;
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'n': node = optarg; break;
        case 'i': index_name = optarg; break;
        case 'f':
            if (!strcmp(optarg, "json")) json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, _("chiso explain: unknown format '%s' (text or json)\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        fputs(_("chiso explain: give a rules file and one submission\n"), stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    int code = CHISO_EXIT_OK;
    size_t index;
    chiso_program *prog = cli_load_rules_index(argv[optind], index_name, true, &index, &code);
    if (!prog) return code;
    if (!json) cli_set_document_lang(); /* an explanation for people: Vietnamese unless --lang en */
    chiso_input_list inputs = {0};
    if (!chiso_inputs_collect(argv + optind + 1, 1, &inputs) || inputs.count != 1) {
        if (inputs.count > 1) fputs(_("chiso explain: explain one submission at a time\n"), stderr);
        chiso_input_list_free(&inputs);
        chiso_program_free(prog);
        return CHISO_EXIT_USAGE;
    }
    chiso_input *in = &inputs.items[0];
    chiso_result *r = in->text ? chiso_score_text_ex(prog, index, in->text, in->len, in->origin,
                                                     CHISO_SCORE_TRACE)
                               : chiso_result_error(prog, index, in->origin, in->error);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    bool found = true;
    if (json) {
        /* the result's own text, laid out: its numbers exact however long
         * (a tree of jansson would hold them as doubles) */
        char *compact = chiso_result_json_text(r);
        char *s = json_reindent(compact, 2);
        fprintf(mem, "%s\n", s);
        free(s);
        free(compact);
    } else {
        found = chiso_result_print_explain(r, node, mem);
    }
    fclose(mem);
    cli_set_message_lang(); /* stderr: the user's language */
    if (!found) {
        const char *near = chiso_result_closest_node(r, node);
        fprintf(stderr, _("chiso explain: no node '%s' in the index"), node);
        if (near) fprintf(stderr, _("; did you mean '%s'?"), near);
        fputc('\n', stderr);
        code = CHISO_EXIT_USAGE;
    } else {
        if (!(json ? cli_write_output(NULL, buf, len) : cli_write_text_output(NULL, buf, len)))
            code = CHISO_EXIT_USAGE;
        else if (!chiso_result_ok(r)) code = CHISO_EXIT_UNIT_ERRORS;
    }
    free(buf);
    chiso_result_free(r);
    chiso_input_list_free(&inputs);
    chiso_program_free(prog);
    return code;
}

/* cmd_score.c — `chiso score`: score every submission against the rules
 * and write the results (JSON array, NDJSON or text scorecards with a
 * ranking). A unit that cannot be scored gets an error result and the rest
 * of the batch is still scored; the exit code is then 3. */
#include "cli.h"

#include "engine/support/xalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OUT_JSON, OUT_NDJSON, OUT_TEXT } out_format;

static void help(FILE *out)
{
    fputs("Usage: chiso score [options] RULES SUBMISSION...\n"
          "\n"
          "Scores each submission (a unit's JSON metrics) against the index in RULES.\n"
          "A SUBMISSION is a file, a directory (every *.json below it, sorted by path),\n"
          "or - for NDJSON on standard input (one submission per line).\n"
          "\n"
          "Options:\n"
          "  -f, --format F    json (default: an array of results), ndjson, or text\n"
          "                    (a scorecard per unit and a ranking table)\n"
          "      --pretty      indent JSON output\n"
          "  -o, --output FILE write to FILE, whole or not at all (default: stdout)\n"
          "      --index NAME  which index of RULES to use (default: the first)\n"
          "      --explain     add an \"explain\" object to every node of the JSON output:\n"
          "                    the values read, ratio parts, bands tried (see chiso explain)\n"
          "  -q, --quiet       do not print rule warnings\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 all units scored, 1 errors in the rules, 2 usage or I/O\n"
          "problem, 3 some units could not be scored (their errors are in the output).\n",
          out);
}

static size_t json_flags(bool pretty)
{
    return (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_REAL_PRECISION(15);
}

int cmd_score(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"pretty", no_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'}, {"index", required_argument, NULL, 'i'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"explain", no_argument, NULL, 'e'},
        {NULL, 0, NULL, 0},
    };
    out_format format = OUT_JSON;
    bool pretty = false, quiet = false;
    unsigned flags = 0;
    const char *output = NULL, *index_name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "json")) format = OUT_JSON;
            else if (!strcmp(optarg, "ndjson")) format = OUT_NDJSON;
            else if (!strcmp(optarg, "text")) format = OUT_TEXT;
            else {
                fprintf(stderr, "chiso score: unknown format '%s' (json, ndjson or text)\n", optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'p': pretty = true; break;
        case 'o': output = optarg; break;
        case 'i': index_name = optarg; break;
        case 'q': quiet = true; break;
        case 'e': flags |= CHISO_SCORE_TRACE; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind < 2) {
        fputs(argc - optind < 1 ? "chiso score: no rules file given\n"
                                : "chiso score: no submission given\n", stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    int code = CHISO_EXIT_OK;
    chiso_program *prog = cli_load_rules(argv[optind], quiet, &code);
    if (!prog) return code;
    size_t index;
    if (!cli_select_index(prog, argv[optind], index_name, &index)) {
        chiso_program_free(prog);
        return CHISO_EXIT_USAGE;
    }

    cli_inputs_t inputs = {0};
    if (!cli_collect_inputs(argv + optind + 1, argc - optind - 1, &inputs)) {
        cli_inputs_free(&inputs);
        chiso_program_free(prog);
        return CHISO_EXIT_USAGE;
    }
    chiso_result **results = xcalloc(inputs.count ? inputs.count : 1, sizeof *results);
    size_t failed = 0;
    for (size_t i = 0; i < inputs.count; i++) {
        cli_input_t *in = &inputs.items[i];
        results[i] = in->text ? chiso_score_text_ex(prog, index, in->text, in->len, in->origin, flags)
                              : chiso_result_error(prog, index, in->origin, in->error);
        if (!chiso_result_ok(results[i])) failed++;
    }
    chiso_rank(results, inputs.count);

    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (format == OUT_TEXT) {
        for (size_t i = 0; i < inputs.count; i++) chiso_result_print_text(results[i], mem);
        if (inputs.count > 1) chiso_print_ranking(results, inputs.count, mem);
    } else {
        json_t *arr = format == OUT_JSON ? json_array() : NULL;
        for (size_t i = 0; i < inputs.count; i++) {
            json_t *o = chiso_result_to_json(results[i]);
            if (arr) {
                json_array_append_new(arr, o);
            } else {
                char *s = json_dumps(o, json_flags(false));
                fprintf(mem, "%s\n", s);
                free(s);
                json_decref(o);
            }
        }
        if (arr) {
            char *s = json_dumps(arr, json_flags(pretty));
            fprintf(mem, "%s\n", s);
            free(s);
            json_decref(arr);
        }
    }
    fclose(mem);
    if (!cli_write_output(output, buf, len)) code = CHISO_EXIT_USAGE;
    else if (failed) code = CHISO_EXIT_UNIT_ERRORS;
    if (failed && code == CHISO_EXIT_UNIT_ERRORS)
        fprintf(stderr, "chiso score: %zu of %zu unit%s could not be scored\n", failed,
                inputs.count, inputs.count == 1 ? "" : "s");
    free(buf);
    for (size_t i = 0; i < inputs.count; i++) chiso_result_free(results[i]);
    free(results);
    cli_inputs_free(&inputs);
    chiso_program_free(prog);
    return code;
}

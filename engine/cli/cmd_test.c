/* cmd_test.c — `chiso test RULES TESTFILE...`: prove that rules score the
 * cases inspectors know, before they are used on real submissions. Output
 * is TAP (default) or JUnit XML; failures show expected vs actual and the
 * explain trace of the failing nodes; --coverage lists the bands and
 * branches no case exercised. */
#include "cli.h"

#include "engine/api/rules_test.h"
#include "engine/support/xalloc.h"
#include "engine/support/xml.h"
#include "engine/support/i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *out)
{
    fputs("Usage: chiso test [options] RULES TESTFILE...\n"
          "\n"
          "Runs the cases of each TESTFILE (JSON: {\"cases\": [{\"name\", \"submission\"\n"
          "(an object or a file) or \"submission_text\" (raw bytes, broken or not),\n"
          "\"expect\": {\"points\", \"percent\", \"grade\", \"status\", \"nodes\": {ID: points or\n"
          "{points, max, status, band, value}}, \"findings\": [{node, kind}],\n"
          "\"errors\": [text]}}]}) against RULES. A failing case shows the explain\n"
          "trace of the nodes that failed only. A submission is read as chiso score\n"
          "reads it: a case may expect the error of a malformed or incomplete one.\n"
          "\n"
          "Options:\n"
          "  -f, --format F    tap (default) or junit\n"
          "      --coverage    report the bands and branches no case exercised\n"
          "      --index NAME  which index of RULES (default: the first)\n"
          "  -o, --output FILE write the report to FILE, whole or not at all\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 all cases pass, 1 a case fails, 2 usage problem, unreadable or\n"
          "malformed test file, or a broken case (unknown node, wrong type).\n", out);
}

static void yaml_block(FILE *out, const char *indent, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n) fprintf(out, "%s%.*s\n", indent, (int)n, p);
        if (!nl) break;
        p = nl + 1;
    }
}

static void print_tap(FILE *out, rules_test_run *run)
{
    size_t n = rules_test_count(run), failed = 0;
    fputs("TAP version 13\n", out);
    fprintf(out, "1..%zu\n", n);
    for (size_t i = 0; i < n; i++) {
        const rules_test_case *c = rules_test_case_at(run, i);
        fprintf(out, "%s %zu - %s\n", c->passed ? "ok" : "not ok", i + 1, c->name);
        if (c->passed) continue;
        failed++;
        fputs("  ---\n", out);
        fprintf(out, "  file: \"%s\"\n", c->file);
        if (c->broken) fputs("  broken: true\n", out);
        fputs("  failures:\n", out);
        for (size_t k = 0; k < c->nmessages; k++) {
            fputs("    - \"", out);
            for (const char *p = c->messages[k]; *p; p++) {
                if (*p == '"' || *p == '\\') fputc('\\', out);
                fputc(*p, out);
            }
            fputs("\"\n", out);
        }
        if (c->explain) {
            fputs("  explain: |\n", out);
            yaml_block(out, "    ", c->explain);
        }
        fputs("  ...\n", out);
    }
    fprintf(out, "# %zu passed, %zu failed\n", n - failed, failed);
}

static void print_junit(FILE *out, rules_test_run *run)
{
    size_t n = rules_test_count(run), failed = 0;
    for (size_t i = 0; i < n; i++) failed += !rules_test_case_at(run, i)->passed;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<testsuites name=\"chiso test\" tests=\"%zu\" failures=\"%zu\">\n", n, failed);
    const char *current = NULL;
    for (size_t i = 0; i < n; i++) {
        const rules_test_case *c = rules_test_case_at(run, i);
        if (!current || strcmp(current, c->file) != 0) {
            if (current) fputs("  </testsuite>\n", out);
            current = c->file;
            fputs("  <testsuite name=\"", out);
            xml_escape(out, c->file);
            fputs("\">\n", out);
        }
        fputs("    <testcase classname=\"", out);
        xml_escape(out, c->file);
        fputs("\" name=\"", out);
        xml_escape(out, c->name);
        if (c->passed) {
            fputs("\"/>\n", out);
            continue;
        }
        fputs("\">\n      <failure message=\"", out);
        xml_escape(out, c->nmessages ? c->messages[0] : "failed");
        fputs("\">", out);
        for (size_t k = 0; k < c->nmessages; k++) {
            xml_escape(out, c->messages[k]);
            fputc('\n', out);
        }
        if (c->explain) xml_escape(out, c->explain);
        fputs("</failure>\n    </testcase>\n", out);
    }
    if (current) fputs("  </testsuite>\n", out);
    fputs("</testsuites>\n", out);
}

int cmd_test(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"coverage", no_argument, NULL, 'c'},
        {"index", required_argument, NULL, 'i'},  {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    bool junit = false, coverage = false;
    const char *index_name = NULL, *output = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "junit")) junit = true;
            else if (strcmp(optarg, "tap") != 0) {
                fprintf(stderr, _("chiso test: unknown format '%s' (tap or junit)\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'c': coverage = true; break;
        case 'i': index_name = optarg; break;
        case 'o': output = optarg; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind < 2) {
        fputs(_("chiso test: give a rules file and at least one test file\n"), stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    int code = CHISO_EXIT_OK;
    size_t index;
    chiso_program *prog = cli_load_rules_index(argv[optind], index_name, true, &index, &code);
    if (!prog) return code;
    rules_test_run *run = rules_test_new(prog, index);
    bool file_errors = false;
    for (int i = optind + 1; i < argc; i++) {
        char *error = NULL;
        if (!rules_test_file(run, argv[i], &error)) {
            fprintf(stderr, _("chiso test: %s\n"), error);
            free(error);
            file_errors = true;
        }
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (junit) print_junit(mem, run);
    else print_tap(mem, run);
    if (coverage) {
        size_t n, total;
        char **lines = rules_test_uncovered(run, &n, &total);
        FILE *cov = junit ? stderr : mem;
        fprintf(cov, "# coverage: %zu of %zu bands and branches exercised\n", total - n, total);
        for (size_t i = 0; i < n; i++) {
            fprintf(cov, "# not exercised: %s\n", lines[i]);
            free(lines[i]);
        }
        free(lines);
    }
    fclose(mem);
    bool failed = false, broken = false;
    for (size_t i = 0; i < rules_test_count(run); i++) {
        const rules_test_case *tc = rules_test_case_at(run, i);
        if (!tc->passed) failed = true;
        if (tc->broken) broken = true;
    }
    if (!cli_write_output(output, buf, len)) code = CHISO_EXIT_USAGE;
    else if (file_errors || broken) code = CHISO_EXIT_USAGE;
    else if (failed) code = CHISO_EXIT_RULE_ERRORS;
    free(buf);
    rules_test_free(run);
    chiso_program_free(prog);
    return code;
}

/* cmd_score.c — `chiso score`: score every submission of a batch against
 * the rules and write the results (JSON array, NDJSON, text scorecards
 * with ranking tables, or CSV). A unit that cannot be scored gets an error
 * result and the rest of the batch is still scored; the exit code is then 3.
 * The pipeline itself is in the library (chiso_batch.h: engine/batch/,
 * the formats in engine/report/); this only reads the command line. */
#include "cli.h"
#include "engine/report/doc_frame.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *out)
{
    fputs("Usage: chiso score [options] RULES SUBMISSION...\n"
          "\n"
          "Scores each submission (a unit's JSON metrics) against the index in RULES,\n"
          "a rules file or a directory (every *.chiso below it, loaded together). An\n"
          "index with versions (applies_to / áp_dụng) scores each submission with the\n"
          "version of the year of its \"period\".\n"
          "A SUBMISSION is a file, a directory (every *.json below it, sorted by path),\n"
          "or - for NDJSON on standard input (one submission per line). Units are\n"
          "ranked per unit level and period, overall and per field; a unit whose\n"
          "submission says \"ranked\": false is scored but not ranked.\n"
          "\n"
          "Options:\n"
          "  -f, --format F    json (default: an array of results), ndjson, text\n"
          "                    (scorecards, ranking tables, the trend across periods and\n"
          "                    statistics per criterion), csv (a row per unit, a column\n"
          "                    per field and per criterion; UTF-8 with BOM, ';' between\n"
          "                    fields and ',' as the decimal mark: it opens as a table\n"
          "                    in Excel set to Vietnamese), html (one page that prints\n"
          "                    on A4: ranking,\n"
          "                    trend, bar chart, heat map by field, statistics per\n"
          "                    criterion, scorecards) or xlsx (an Excel workbook: ranking,\n"
          "                    a column per criterion, statistics, units in error,\n"
          "                    provenance, a scorecard sheet per unit, the published\n"
          "                    tables; needs -o FILE on a terminal), or published (the\n"
          "                    published tables alone as JSON: per level and period\n"
          "                    against the one before, each unit's change in percent,\n"
          "                    places and per field, rose / fell, largest rise and fall,\n"
          "                    the mean, units per grade)\n"
          "      --round N     decimals of the published figures (0 to 6), halves away\n"
          "                    from zero: csv writes them rounded (default: exact, 6\n"
          "                    decimals at most); xlsx shows N decimals and keeps the\n"
          "                    exact value in the cell (default 2)\n"
          "      --decimal-point  csv: ',' between fields and '.' as the decimal mark\n"
          "                    (RFC 4180; Excel set to English, scripts)\n"
          "      --frame FILE  html: frame the report as an administrative document:\n"
          "                    issuing body, number, place and date, title, signature\n"
          "                    block, recipients, from `key: value` lines (see\n"
          "                    docs/batch-scoring.md)\n"
          "      --frame-set KEY=VALUE  html: one key of the frame (after --frame)\n"
          "      --no-scorecards  text: leave out the scorecards, keep the ranking, the\n"
          "                    units in error, the trend and the statistics per criterion\n"
          "      --pretty      indent JSON output\n"
          "      --decimal-comma  ',' as the decimal mark, as written in Vietnamese: in\n"
          "                    text (9,25) and html (csv has it by default)\n"
          "  -o, --output FILE write to FILE, whole or not at all (default: stdout); a\n"
          "                    symbolic link is written through, a device directly\n"
          "  -j, --jobs N      worker threads (default: the number of cores); the\n"
          "                    output is the same for any N\n"
          "      --summary     print counts, mean/median/min/max percent and grades\n"
          "                    per level and period on stderr\n"
          "      --fail-fast   stop at the first unit that cannot be scored\n"
          "      --rank-decimals N  rank on percents rounded to N decimals (0 to 6), as a\n"
          "                    published table shows them: 91.804 and 91.796 then tie\n"
          "                    at 91.80 (default: exact percents)\n"
          "      --index NAME  which index of RULES to use (default: the first)\n"
          "      --explain     add an \"explain\" object to every node of the JSON output:\n"
          "                    the values read, ratio parts, bands tried (see chiso explain)\n"
          "  -q, --quiet       no rule warnings and no progress line\n"
          "  -h, --help        show this help\n"
          "\n"
          "Results wait in a temporary file in $TMPDIR (default /tmp) until the batch is\n"
          "ranked: about the size of the ndjson output (7.5 KB a unit for the district\n"
          "index, 7.5 GB for a million); csv needs none. A full disk stops the run with\n"
          "exit 2 and no output. In a directory only regular *.json files are read (a\n"
          "FIFO, a device or an unreadable directory is an error result for its path)\n"
          "and each real file once, however many links lead to it. Submissions are\n"
          "read up to 256 MiB each, from files and from standard input alike.\n"
          "\n"
          "Exit status: 0 all units scored, 1 errors in the rules, 2 usage or I/O\n"
          "problem (nothing written), 3 some units could not be scored (their errors\n"
          "are in the output).\n",
          out);
}

/* The command; `frame` (the --frame settings) is freed by the caller on every way out. */
static int score(int argc, char **argv, doc_frame_t *frame)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"pretty", no_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'}, {"index", required_argument, NULL, 'i'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"explain", no_argument, NULL, 'e'},      {"jobs", required_argument, NULL, 'j'},
        {"summary", no_argument, NULL, 's'},      {"fail-fast", no_argument, NULL, 'F'},
        {"decimal-comma", no_argument, NULL, 'c'}, {"decimal-point", no_argument, NULL, 'P'}, {"rank-decimals", required_argument, NULL, 'r'},
        {"no-scorecards", no_argument, NULL, 'N'}, {"round", required_argument, NULL, 'R'},
        {"frame", required_argument, NULL, 'M'}, {"frame-set", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "json";
    unsigned render = 0;
    int round = -1;
    bool framed = false;
    bool quiet = false, summary = false, fail_fast = false;
    unsigned flags = 0;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN), rank_decimals = -1;
    const char *output = NULL, *index_name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (chiso_output_format_known(optarg)) format = optarg;
            else {
                fprintf(stderr, "chiso score: unknown format '%s' (json, ndjson, text, csv, html, xlsx or published)\n", optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'p': render |= CHISO_RENDER_PRETTY; break;
        case 'c': render |= CHISO_RENDER_DECIMAL_COMMA; break;
        case 'P': render |= CHISO_RENDER_DECIMAL_POINT; break;
        case 'N': render |= CHISO_RENDER_NO_SCORECARDS; break;
        case 'o': output = optarg; break;
        case 'i': index_name = optarg; break;
        case 'q': quiet = true; break;
        case 'e': flags |= CHISO_SCORE_TRACE; break;
        case 's': summary = true; break;
        case 'F': fail_fast = true; break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 256) {
                fprintf(stderr, _("chiso score: --jobs takes a number from 1 to 256\n"));
                return CHISO_EXIT_USAGE;
            }
            break;
        }
        case 'M':
        case 'S': {
            char *why = NULL;
            if (!(c == 'M' ? doc_frame_load(frame, optarg, &why) : doc_frame_set(frame, optarg, &why))) {
                fprintf(stderr, _("chiso score: --%s: %s\n"), c == 'M' ? "frame" : "frame-set", why);
                free(why);
                return CHISO_EXIT_USAGE;
            }
            framed = true;
            break;
        }
        case 'R': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 0 || n > 6) {
                fprintf(stderr, _("chiso score: --round takes a number from 0 to 6\n"));
                return CHISO_EXIT_USAGE;
            }
            round = (int)n;
            break;
        }
        case 'r': {
            char *end;
            rank_decimals = strtol(optarg, &end, 10);
            if (!*optarg || *end || rank_decimals < 0 || rank_decimals > 6) {
                fprintf(stderr, _("chiso score: --rank-decimals takes a number from 0 to 6\n"));
                return CHISO_EXIT_USAGE;
            }
            break;
        }
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind < 2) {
        fputs(argc - optind < 1 ? _("chiso score: no rules file given\n")
                                : _("chiso score: no submission given\n"), stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    if ((render & CHISO_RENDER_DECIMAL_COMMA) && (render & CHISO_RENDER_DECIMAL_POINT)) {
        fputs(_("chiso score: --decimal-comma and --decimal-point contradict each other\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    if (!strcmp(format, "xlsx") && (!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO)) {
        fputs(_("chiso score: a workbook is not written to a terminal; use -o FILE.xlsx\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    int code = CHISO_EXIT_OK;
    size_t index;
    chiso_program *prog = cli_load_rules_index(argv[optind], index_name, quiet, &index, &code);
    if (!prog) return code;
    if (strcmp(format, "json") && strcmp(format, "ndjson")) cli_set_document_lang(); /* reasons in the report's language */
    chiso_inputs *inputs = chiso_inputs_open(argv + optind + 1, argc - optind - 1);
    cli_out_t out;
    if (!inputs || !cli_out_open(&out, output)) {
        chiso_inputs_close(inputs);
        chiso_program_free(prog);
        return CHISO_EXIT_USAGE;
    }
    cli_out_buffer(&out);
    chiso_batch_options bo = {index, flags, (int)(jobs > 0 ? jobs : 1), fail_fast,
                              !quiet && isatty(STDERR_FILENO), format, render, round, framed ? frame : NULL};
    chiso_batch *batch = chiso_batch_run(prog, &bo, inputs);
    cli_set_message_lang(); /* stderr: the user's language */
    const char *read_error = chiso_inputs_error(inputs);
    if (!chiso_batch_complete(batch) || read_error) {
        /* A full disk or unreadable standard input: the results would not
         * account for every unit, so none are written. */
        if (read_error) fprintf(stderr, _("chiso score: %s; nothing written\n"), read_error);
        cli_out_abort(&out);
        chiso_inputs_close(inputs);
        chiso_batch_free(batch);
        chiso_program_free(prog);
        return CHISO_EXIT_USAGE;
    }
    chiso_inputs_close(inputs);
    chiso_batch_rank(batch, (int)rank_decimals);
    chiso_batch_warn_duplicates(batch, stderr);
    if (strcmp(format, "json") && strcmp(format, "ndjson")) cli_set_document_lang();
    bool rendered = chiso_batch_render(batch, out.f);
    cli_set_message_lang();
    if (!rendered) {
        if (ferror(out.f))
            fprintf(stderr, _("chiso score: cannot write %s: %s; the output is incomplete\n"),
                    output && strcmp(output, "-") ? output : _("the output"), strerror(errno ? errno : EIO));
        cli_out_abort(&out);
        code = CHISO_EXIT_USAGE;
    } else if (!cli_out_commit(&out)) {
        code = CHISO_EXIT_USAGE;
    } else if (chiso_batch_failed(batch)) {
        code = CHISO_EXIT_UNIT_ERRORS;
        size_t count = chiso_batch_count(batch);
        fprintf(stderr, chiso_ngettext("chiso score: %zu of %zu unit could not be scored",
                                       "chiso score: %zu of %zu units could not be scored", count),
                chiso_batch_failed(batch), count);
        fprintf(stderr, "%s\n", chiso_batch_stopped(batch) ? _(" (stopped at the first: --fail-fast)") : "");
    }
    if (summary) chiso_batch_print_summary(batch, stderr);
    chiso_batch_free(batch);
    chiso_program_free(prog);
    return code;
}

int cmd_score(int argc, char **argv)
{
    doc_frame_t frame;
    doc_frame_init(&frame);
    int code = score(argc, argv, &frame);
    doc_frame_free(&frame);
    return code;
}

/* cmd_appraise.c — `chiso appraise`: the appraisal process over a period
 * folder (docs/appraisal.md). Only the arguments are handled here; the
 * process, its checks and its reports are in the library (engine/appraise/,
 * include/chiso_appraise.h). */
#include "cli.h"

#include "chiso_appraise.h"

#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *out)
{
    fputs("Usage: chiso appraise [options] RULES FOLDER\n"
          "       chiso appraise --packet UNIT [options] RULES FOLDER\n"
          "       chiso appraise --template KIND [--unit UNIT] RULES [FOLDER]\n"
          "\n"
          "Carries every unit of a period FOLDER through the appraisal process:\n"
          "self-assessment (tu-danh-gia.json), round 1 (tham-dinh-1.json), the unit's\n"
          "explanation (giai-trinh.json), round 2 (tham-dinh-2.json) and the council's\n"
          "final decision (hoi-dong.json), one folder per unit; the period's evidence\n"
          "window and deadlines in FOLDER/ky-danh-gia.json. Reports each node's points\n"
          "claimed -> round 1 -> round 2 -> final with the reason for each change, each\n"
          "unit's total, percent, grade and rank after each stage and its rank changes,\n"
          "every check as a finding, and the provenance (rules file and its SHA-256,\n"
          "engine version, stage reached, time; SOURCE_DATE_EPOCH fixes the time).\n"
          "\n"
          "Options:\n"
          "  -f, --format F      text (default), json, html, csv (one row per unit) or\n"
          "                      xlsx (an Excel workbook: totals at every step, every\n"
          "                      criterion at each step, provenance; needs -o FILE on a\n"
          "                      terminal)\n"
          "  -o, --output FILE   write to FILE, whole or not at all\n"
          "      --unit UNIT     report this unit only (its folder name or unit ID)\n"
          "      --packet UNIT   the explanation packet (văn bản giải trình) of UNIT after\n"
          "                      round 1: text, html, or json (the giai-trinh.json to fill in)\n"
          "      --template KIND a file to fill in: period, self, round1, explanation,\n"
          "                      round2 or final; with FOLDER and --unit, round templates\n"
          "                      list the unit's claimed and current points\n"
          "      --index NAME    the index to use when RULES hold several\n"
          "  -h, --help          show this help\n"
          "\n"
          "Exit status: 0 ok, 1 the rules have errors, 2 usage or I/O problem,\n"
          "3 some units' files have errors (each is reported; the rest are appraised).\n", out);
}

/* The report as an Excel workbook, made in a temporary file (libxlsxwriter
 * writes to a path) and copied into `out`. */
static bool workbook(json_t *report, FILE *out)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/chiso-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    char *err = fd >= 0 ? chiso_appraise_write_xlsx(report, path) : xstrdup(strerror(errno));
    size_t len = 0;
    char *bytes = err ? NULL : cli_read_file(path, &len);
    if (err) fprintf(stderr, _("chiso appraise: cannot write the workbook: %s\n"), err);
    bool ok = bytes && fwrite(bytes, 1, len, out) == len;
    if (fd >= 0) unlink(path);
    free(bytes);
    free(err);
    free(path);
    return ok;
}

int cmd_appraise(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"unit", required_argument, NULL, 'u'},   {"packet", required_argument, NULL, 'p'},
        {"template", required_argument, NULL, 't'}, {"index", required_argument, NULL, 'i'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *format = "text", *output = NULL, *unit = NULL, *packet = NULL, *template = NULL, *index_name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'u': unit = optarg; break;
        case 'p': packet = optarg; break;
        case 't': template = optarg; break;
        case 'i': index_name = optarg; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (!strcmp(format, "xlsx") && (!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO)) {
        fputs(_("chiso appraise: a workbook is not written to a terminal; use -o FILE.xlsx\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html") && strcmp(format, "csv") &&
        strcmp(format, "xlsx")) {
        fprintf(stderr, _("chiso appraise: unknown format '%s' (text, json, html, csv or xlsx)\n"), format);
        return CHISO_EXIT_USAGE;
    }
    int nargs = argc - optind;
    if (template ? (nargs < 1 || nargs > 2) : nargs != 2) {
        fputs(template ? _("chiso appraise: --template takes RULES and, optionally, FOLDER\n")
                       : _("chiso appraise: give a rules file and a period folder\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    if (template && !chiso_appraise_file_name(template)) {
        fprintf(stderr, _("chiso appraise: unknown template '%s' (period, self, round1, explanation, round2, final)\n"),
                template);
        return CHISO_EXIT_USAGE;
    }
    if (packet && !strcmp(format, "csv")) {
        fputs(_("chiso appraise: the packet is text, html or json\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    const char *rules = argv[optind], *folder = nargs == 2 ? argv[optind + 1] : NULL;
    int code;
    size_t index;
    chiso_program *prog = cli_load_rules_index(rules, index_name, true, &index, &code);
    if (!prog) return code;
    /* a report for people (text, html, csv, xlsx; a packet but the JSON one):
     * Vietnamese unless --lang en, its reasons and findings too */
    bool document = !template && strcmp(format, "json") != 0;
    if (document) cli_set_document_lang();
    code = CHISO_EXIT_OK;
    json_t *report = NULL;
    if (folder) {
        char err[512];
        report = chiso_appraise_folder(prog, index, rules, folder, packet ? NULL : unit, err, sizeof err);
        if (!report) {
            cli_set_message_lang();
            fprintf(stderr, _("chiso appraise: %s\n"), err);
            chiso_program_free(prog);
            return CHISO_EXIT_USAGE;
        }
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (template) {
        if (unit && !report) {
            fputs(_("chiso appraise: --template with --unit needs the FOLDER\n"), stderr);
            code = CHISO_EXIT_USAGE;
        } else {
            json_t *t = chiso_appraise_template(prog, index, template, report, unit);
            if (!t) {
                fprintf(stderr, _("chiso appraise: no unit '%s' in %s\n"), unit ? unit : "", folder);
                code = CHISO_EXIT_USAGE;
            } else {
                char *s = json_dumps(t, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
                fprintf(mem, "%s\n", s);
                free(s);
                json_decref(t);
            }
        }
    } else if (packet) {
        bool found;
        if (!strcmp(format, "json")) {
            json_t *sk = chiso_appraise_packet_skeleton(report, packet);
            found = sk != NULL;
            if (sk) {
                char *s = json_dumps(sk, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
                fprintf(mem, "%s\n", s);
                free(s);
                json_decref(sk);
            }
        } else if (!strcmp(format, "html")) {
            found = chiso_appraise_print_packet_html(report, packet, mem);
        } else {
            found = chiso_appraise_print_packet_text(report, packet, mem);
        }
        if (!found) {
            cli_set_message_lang();
            fprintf(stderr, _("chiso appraise: no unit '%s' in %s\n"), packet, folder);
            code = CHISO_EXIT_USAGE;
        }
    } else {
        if (unit && !json_array_size(json_object_get(report, "units"))) {
            cli_set_message_lang();
            fprintf(stderr, _("chiso appraise: no unit '%s' in %s\n"), unit, folder);
            code = CHISO_EXIT_USAGE;
        } else if (!strcmp(format, "json")) {
            char *s = json_dumps(report, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
            fprintf(mem, "%s\n", s);
            free(s);
        } else if (!strcmp(format, "html")) {
            chiso_appraise_print_html(report, mem);
        } else if (!strcmp(format, "csv")) {
            chiso_appraise_print_csv(report, mem);
        } else if (!strcmp(format, "xlsx")) {
            if (!workbook(report, mem)) code = CHISO_EXIT_USAGE;
        } else {
            chiso_appraise_print_text(report, mem);
        }
        if (code == CHISO_EXIT_OK && chiso_appraise_has_errors(report)) code = CHISO_EXIT_UNIT_ERRORS;
    }
    fclose(mem);
    cli_set_message_lang();
    if (code != CHISO_EXIT_USAGE && !cli_write_output(output, buf, len)) code = CHISO_EXIT_USAGE;
    free(buf);
    json_decref(report);
    chiso_program_free(prog);
    return code;
}

/* cmd_verify.c — `chiso verify`: CI-style checks of plan targets.
 *   chiso verify PLAN ACTUALS...        each target met by each unit's actuals?
 *   chiso verify --against PARENT PLAN  PLAN at least as strict as PARENT?
 *   chiso verify PLAN                   against the chain of declared parents
 * Exit 0 when everything holds, 1 when a target is missed or weaker,
 * 2 for errors in the files (rules, actuals, a parent that cannot be read,
 * a cycle of parents). */
#include "cli.h"

#include "engine/report/display.h"
#include "engine/report/report_xlsx.h"
#include "engine/report/verify_report.h"
#include "engine/support/json_exact.h"
#include "engine/support/xalloc.h"
#include "engine/verify/verify_common.h"
#include "engine/support/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { VF_TEXT, VF_JSON, VF_JUNIT, VF_GITHUB, VF_XLSX } vformat;

static void help(FILE *out)
{
    fputs("Usage: chiso verify [options] PLAN ACTUALS...\n"
          "       chiso verify [options] --against PARENT PLAN\n"
          "       chiso verify [options] PLAN\n"
          "\n"
          "With ACTUALS (files, directories of *.json, - for NDJSON): reports each\n"
          "target of the plan as met, missed (actual, threshold, shortfall), not\n"
          "applicable or missing data, per unit.\n"
          "With --against PARENT: checks that every target of the parent plan is in\n"
          "PLAN (the target saying `implements ID`, else the same ID, else the same\n"
          "left-hand side) and at least as strict, and that every field the parent\n"
          "tags is covered; lists PLAN's extra targets.\n"
          "With PLAN alone: checks it against the plan its `parent` line names, and\n"
          "that one against its own parent, up the chain.\n"
          "\n"
          "Options:\n"
          "  -f, --format F      text (default), json, junit (JUnit XML), github\n"
          "                      (GitHub Actions annotations), xlsx (an Excel workbook:\n"
          "                      a summary, every target of every unit; needs -o FILE\n"
          "                      on a terminal)\n"
          "  -o, --output FILE   write the report to FILE, whole or not at all\n"
          "      --against FILE  the parent plan to compare with\n"
          "      --plan NAME     which plan of PLAN (default: the first)\n"
          "      --decimal-comma ',' as the decimal mark, as written in Vietnamese\n"
          "                      (97,1% < 98%: còn thiếu 0,9%); json is exact numbers\n"
          "                      and UTF-8 text either way\n"
          "  -h, --help          show this help\n"
          "\n"
          "Exit status: 0 all targets hold, 1 a target is missed or weaker than the\n"
          "parent's, 2 errors in the files (rules, actuals, parents).\n", out);
}

/* Loads a file that must hold a plan; prints diagnostics. */
/* A text or workbook report is written in the document's language (its
 * reasons and findings made in it too); the plans' diagnostics and what
 * goes to stderr stay in the language of messages. */
static bool document;

static json_t *against_report(const chiso_program *child, size_t plan, const chiso_program *parent, size_t pplan)
{
    if (document) cli_set_document_lang();
    json_t *r = chiso_verify_against(child, plan, parent, pplan);
    cli_set_message_lang();
    return r;
}

static chiso_program *load_plan(const char *path, const char *plan_name, size_t *plan, int *code)
{
    chiso_program *prog = chiso_program_load(path);
    if (chiso_program_errors(prog)) chiso_program_print_diagnostics(prog, stderr, cli_color(stderr));
    if (chiso_program_unreadable(prog) || chiso_program_errors(prog)) {
        *code = CHISO_EXIT_USAGE;
        chiso_program_free(prog);
        return NULL;
    }
    long found = plan_name ? chiso_program_find_plan(prog, plan_name)
                           : (chiso_program_plan_count(prog) ? 0 : -1);
    if (found < 0) {
        if (plan_name) fprintf(stderr, _("chiso verify: %s has no plan named \"%s\"\n"), path, plan_name);
        else fprintf(stderr, _("chiso verify: %s holds no plan\n"), path);
        *code = CHISO_EXIT_USAGE;
        chiso_program_free(prog);
        return NULL;
    }
    *plan = (size_t)found;
    return prog;
}

/* Follows `parent` declarations from `path`, comparing each pair. */
static int verify_chain(const char *path, const char *plan_name, json_t *reports)
{
    int code = CHISO_EXIT_OK;
    size_t plan;
    chiso_program *child = load_plan(path, plan_name, &plan, &code);
    if (!child) return code;
    char *seen[64];
    int nseen = 0;
    char real[PATH_MAX];
    seen[nseen++] = xstrdup(realpath(path, real) ? real : path);
    bool any = false;
    while (child) {
        const char *file;
        int line, col;
        char *parent_path = chiso_program_plan_parent(child, plan, &file, &line, &col);
        if (!parent_path) break;
        any = true;
        if (!realpath(parent_path, real)) {
            cli_error_at(file, line, col, _("parent plan \"%s\" cannot be read"), parent_path);
            code = CHISO_EXIT_USAGE;
            free(parent_path);
            break;
        }
        bool cycle = false;
        for (int i = 0; i < nseen; i++)
            if (!strcmp(seen[i], real)) cycle = true;
        if (cycle || nseen == 64) {
            cli_error_at(file, line, col, _("the chain of parent plans comes back to \"%s\""), parent_path);
            code = CHISO_EXIT_USAGE;
            free(parent_path);
            break;
        }
        seen[nseen++] = xstrdup(real);
        size_t pplan;
        chiso_program *parent = load_plan(parent_path, NULL, &pplan, &code);
        free(parent_path);
        if (!parent) break;
        json_array_append_new(reports, against_report(child, plan, parent, pplan));
        chiso_program_free(child);
        child = parent;
        plan = pplan;
    }
    if (child) chiso_program_free(child);
    for (int i = 0; i < nseen; i++) free(seen[i]);
    if (!any && code == CHISO_EXIT_OK) {
        fprintf(stderr, _("chiso verify: %s declares no parent plan; give --against PARENT or actuals\n"),
                path);
        code = CHISO_EXIT_USAGE;
    }
    return code;
}

/* The reports as an Excel workbook, made in a temporary file (libxlsxwriter
 * writes to a path) and copied into `out`. */
static bool workbook(json_t *reports, FILE *out)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/chiso-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    bool ok = fd >= 0;
    if (fd >= 0) close(fd);
    char *err = ok ? xlsx_write_verify(reports, path, NULL) : xstrdup(strerror(errno));
    size_t len = 0;
    char *bytes = err ? NULL : cli_read_file(path, &len);
    if (err) fprintf(stderr, _("chiso verify: cannot write the workbook: %s\n"), err);
    ok = bytes && fwrite(bytes, 1, len, out) == len;
    if (fd >= 0) unlink(path);
    free(bytes);
    free(err);
    free(path);
    return ok;
}

int cmd_verify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"against", required_argument, NULL, 'a'}, {"plan", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},          {"decimal-comma", no_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    vformat format = VF_TEXT;
    unsigned flags = 0;
    const char *output = NULL, *against = NULL, *plan_name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "text")) format = VF_TEXT;
            else if (!strcmp(optarg, "json")) format = VF_JSON;
            else if (!strcmp(optarg, "junit")) format = VF_JUNIT;
            else if (!strcmp(optarg, "github")) format = VF_GITHUB;
            else if (!strcmp(optarg, "xlsx")) format = VF_XLSX;
            else {
                fprintf(stderr, _("chiso verify: unknown format '%s' (text, json, junit, github or xlsx)\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case 'c': flags |= DISPLAY_COMMA; break;
        case 'a': against = optarg; break;
        case 'p': plan_name = optarg; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(_("chiso verify: no plan given\n"), stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    if (format == VF_XLSX && (!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO)) {
        fputs(_("chiso verify: a workbook is not written to a terminal; use -o FILE.xlsx\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    document = format == VF_XLSX || format == VF_TEXT; /* a report for people: Vietnamese unless --lang en */
    const char *plan_path = argv[optind];
    json_t *reports = json_array();
    int code = CHISO_EXIT_OK;

    if (against) {
        if (argc - optind > 1) {
            fputs(_("chiso verify: --against compares two plans; give no actuals with it\n"), stderr);
            json_decref(reports);
            return CHISO_EXIT_USAGE;
        }
        size_t plan, pplan;
        chiso_program *child = load_plan(plan_path, plan_name, &plan, &code);
        chiso_program *parent = child ? load_plan(against, NULL, &pplan, &code) : NULL;
        if (child && parent) json_array_append_new(reports, against_report(child, plan, parent, pplan));
        chiso_program_free(child);
        chiso_program_free(parent);
    } else if (argc - optind == 1) {
        code = verify_chain(plan_path, plan_name, reports);
    } else {
        size_t plan;
        chiso_program *prog = load_plan(plan_path, plan_name, &plan, &code);
        chiso_input_list inputs = {0};
        if (prog && !chiso_inputs_collect(argv + optind + 1, argc - optind - 1, &inputs))
            code = CHISO_EXIT_USAGE;
        else if (prog) {
            if (document) cli_set_document_lang();
            for (size_t i = 0; i < inputs.count; i++) {
                chiso_input *in = &inputs.items[i];
                json_t *r;
                if (in->text) {
                    /* JSON is written exactly, however many digits; the other
                     * formats show rounded numbers */
                    r = format == VF_JSON ? verify_actuals_text_marked(prog, plan, in->text, in->len, in->origin)
                                          : chiso_verify_actuals_text(prog, plan, in->text, in->len, in->origin);
                } else {
                    r = json_pack("{s:n,s:n,s:s,s:s,s:s,s:[s]}", "unit", "period", "plan",
                                  chiso_program_plan_name(prog, plan), "file", in->origin, "status",
                                  "error", "errors", in->error);
                }
                json_array_append_new(reports, r);
            }
            cli_set_message_lang();
        }
        chiso_input_list_free(&inputs);
        chiso_program_free(prog);
    }

    bool failed = false, errored = false;
    size_t i;
    json_t *r;
    json_array_foreach(reports, i, r) {
        const char *s = json_string_value(json_object_get(r, "status"));
        if (s && !strcmp(s, "failed")) failed = true;
        if (s && !strcmp(s, "error")) errored = true;
    }
    if (json_array_size(reports) || code == CHISO_EXIT_OK) {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        if (document) cli_set_document_lang();
        if (format == VF_XLSX) {
            if (!workbook(reports, mem)) code = CHISO_EXIT_USAGE;
        } else if (format == VF_TEXT) verify_print_text(mem, reports, flags);
        else if (format == VF_JUNIT) verify_print_junit(mem, reports, flags);
        else if (format == VF_GITHUB) verify_print_github(mem, reports, flags);
        else {
            char *s = json_dumps_exact(reports, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
            fprintf(mem, "%s\n", s);
            free(s);
        }
        fclose(mem);
        cli_set_message_lang();
        if (!(format == VF_TEXT ? cli_write_text_output(output, buf, len) : cli_write_output(output, buf, len)))
            code = CHISO_EXIT_USAGE;
        free(buf);
    }
    json_decref(reports);
    if (code != CHISO_EXIT_OK) return code;
    if (errored) return CHISO_EXIT_USAGE;
    return failed ? CHISO_EXIT_RULE_ERRORS : CHISO_EXIT_OK;
}

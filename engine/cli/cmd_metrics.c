/* cmd_metrics.c — `chiso metrics`: the metric paths the rules read, their
 * types and the nodes that read them; with --template, an empty submission
 * (every path null) for units to fill in. */
#include "cli.h"

#include "engine/support/textwidth.h"
#include "engine/support/i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *out)
{
    fputs("Usage: chiso metrics [options] RULES\n"
          "\n"
          "Lists every metric path RULES read or declare, with the type (or the\n"
          "declared kind) and the nodes (or plan targets) that read it; under a\n"
          "declared metric, its label, unit, range and whether it is required.\n"
          "\n"
          "Options:\n"
          "      --template    write a submission to fill in instead: unit, period and\n"
          "                    every metric path holding a placeholder \"<điền: …>\" that\n"
          "                    gives its label, kind, unit and range. Placeholders are\n"
          "                    not data: a submission still holding any is an error\n"
          "                    result listing every unfilled metric\n"
          "  -f, --format F    text (default) or json\n"
          "  -o, --output FILE write to FILE, whole or not at all\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 ok, 1 the rules have errors, 2 usage or I/O problem.\n", out);
}

/* Under a declared metric: its label, unit, range and whether null is allowed. */
static void describe_declaration(FILE *out, json_t *m, int indent)
{
    json_t *label = json_object_get(m, "label");
    if (!label) return;
    fprintf(out, "%*s  %s", indent, "", json_string_value(label));
    json_t *unit = json_object_get(m, "unit"), *lo = json_object_get(m, "min"),
           *hi = json_object_get(m, "max");
    if (unit) fprintf(out, " · %s", json_string_value(unit));
    if (lo || hi) {
        char *a = lo ? json_dumps(lo, JSON_ENCODE_ANY) : NULL, *b = hi ? json_dumps(hi, JSON_ENCODE_ANY) : NULL;
        fprintf(out, " · %s … %s", a ? a : "", b ? b : "");
        free(a);
        free(b);
    }
    if (json_is_false(json_object_get(m, "null_allowed"))) fprintf(out, " · %s", _("required"));
    fputc('\n', out);
}

int cmd_metrics(int argc, char **argv)
{
    static const struct option opts[] = {
        {"template", no_argument, NULL, 't'}, {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool template = false, json = false;
    const char *output = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': template = true; break;
        case 'f':
            if (!strcmp(optarg, "json")) json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, _("chiso metrics: unknown format '%s' (text or json)\n"), optarg);
                return CHISO_EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fputs(_("chiso metrics: give exactly one rules file\n"), stderr);
        return CHISO_EXIT_USAGE;
    }
    char *found = chiso_find_rules(argv[optind]);
    chiso_program *prog = chiso_program_load(found ? found : argv[optind]);
    free(found);
    if (chiso_program_errors(prog)) chiso_program_print_diagnostics(prog, stderr, cli_color(stderr));
    int code = chiso_program_unreadable(prog) ? CHISO_EXIT_USAGE
             : chiso_program_errors(prog)     ? CHISO_EXIT_RULE_ERRORS : CHISO_EXIT_OK;
    if (code != CHISO_EXIT_OK) {
        chiso_program_free(prog);
        return code;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (template || json) {
        json_t *j = template ? chiso_program_template(prog) : chiso_program_metrics(prog);
        char *s = json_dumps(j, JSON_INDENT(2));
        fprintf(mem, "%s\n", s);
        free(s);
        json_decref(j);
    } else {
        json_t *list = chiso_program_metrics(prog);
        int w = 12;
        size_t i;
        json_t *m;
        json_array_foreach(list, i, m) {
            int pw = text_width(json_string_value(json_object_get(m, "path")));
            if (pw > w) w = pw;
        }
        if (w > 50) w = 50;
        print_padded(mem, _("Metric"), w);
        fputs("  ", mem);
        print_padded(mem, _("Type"), 7);
        fprintf(mem, "  %s\n", _("Used by"));
        json_array_foreach(list, i, m) {
            print_padded(mem, json_string_value(json_object_get(m, "path")), w);
            fputs("  ", mem);
            json_t *kind = json_object_get(m, "kind");
            print_padded(mem, json_string_value(kind ? kind : json_object_get(m, "type")), 7);
            fputs("  ", mem);
            size_t k;
            json_t *u;
            json_array_foreach(json_object_get(m, "used_by"), k, u)
                fprintf(mem, "%s%s", k ? ", " : "", json_string_value(u));
            if (!json_array_size(json_object_get(m, "used_by"))) fputs("-", mem);
            fputc('\n', mem);
            describe_declaration(mem, m, w);
        }
        fprintf(mem, chiso_ngettext("%zu metric path\n", "%zu metric paths\n", json_array_size(list)),
                json_array_size(list));
        json_decref(list);
    }
    fclose(mem);
    if (!cli_write_output(output, buf, len)) code = CHISO_EXIT_USAGE;
    free(buf);
    chiso_program_free(prog);
    return code;
}

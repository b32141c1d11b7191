/* cli_common.c — loading rules with diagnostics, colors, positioned errors,
 * the language of messages. */
#include "cli.h"

#include "engine/support/i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_set_message_lang(void)
{
    const char *lang = cli_lang_option ? cli_lang_option : chiso_i18n_locale_lang();
    chiso_i18n_set(lang ? lang : "en");
}

bool cli_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(fileno(f)) && !(nc && *nc);
}

/* Diagnostics of a loaded program; NULL (with *exit_code) when it cannot be used. */
static chiso_program *finish_load(chiso_program *prog, const char *path, bool quiet_warnings, int *exit_code)
{
    if (chiso_program_errors(prog) || !quiet_warnings)
        chiso_program_print_diagnostics(prog, stderr, cli_color(stderr));
    if (chiso_program_unreadable(prog)) {
        *exit_code = CHISO_EXIT_USAGE;
        chiso_program_free(prog);
        return NULL;
    }
    if (chiso_program_errors(prog)) {
        fprintf(stderr, chiso_ngettext("chiso: %s: %zu error in the rules; nothing scored\n",
                                       "chiso: %s: %zu errors in the rules; nothing scored\n", chiso_program_errors(prog)),
                path, chiso_program_errors(prog));
        *exit_code = CHISO_EXIT_RULE_ERRORS;
        chiso_program_free(prog);
        return NULL;
    }
    if (chiso_program_index_count(prog) == 0) {
        fprintf(stderr, _("chiso: %s: no index to score with\n"), path);
        *exit_code = CHISO_EXIT_USAGE;
        chiso_program_free(prog);
        return NULL;
    }
    return prog;
}

chiso_program *cli_load_rules(const char *given, bool quiet_warnings, int *exit_code)
{
    char *found = chiso_find_rules(given);
    const char *path = found ? found : given;
    chiso_program *prog = chiso_program_load(path);
    prog = finish_load(prog, path, quiet_warnings, exit_code);
    free(found);
    return prog;
}

bool cli_select_index(const chiso_program *prog, const char *path, const char *name, size_t *index)
{
    *index = 0;
    if (!name) return true;
    long found = chiso_program_find_index(prog, name);
    if (found < 0) {
        fprintf(stderr, _("chiso: %s has no index named \"%s\"\n"), path, name);
        return false;
    }
    *index = (size_t)found;
    return true;
}

chiso_program *cli_load_rules_index(const char *path, const char *index_name, bool quiet_warnings,
                                    size_t *index, int *exit_code)
{
    chiso_program *prog = cli_load_rules(path, quiet_warnings, exit_code);
    if (prog && !cli_select_index(prog, path, index_name, index)) {
        chiso_program_free(prog);
        *exit_code = CHISO_EXIT_USAGE;
        return NULL;
    }
    return prog;
}

void cli_error_at(const char *file, int line, int col, const char *fmt, ...)
{
    bool color = cli_color(stderr);
    fprintf(stderr, "%s:%d:%d: %s%s:%s ", file, line, col, color ? "\033[1;31m" : "", _("error"),
            color ? "\033[0m" : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    FILE *f = fopen(file, "rb");
    if (!f) return;
    char *text = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    for (int i = 0; i < line && (n = getline(&text, &cap, f)) >= 0; i++) {}
    fclose(f);
    if (n >= 0 && text) {
        text[strcspn(text, "\r\n")] = '\0';
        fprintf(stderr, "%5d | %s\n      | ", line, text);
        int c = 1;
        for (char *p = text; *p && c < col; p++)
            if (((unsigned char)*p & 0xC0) != 0x80) {
                fputc(*p == '\t' ? '\t' : ' ', stderr);
                c++;
            }
        fputs("^\n", stderr);
    }
    free(text);
}

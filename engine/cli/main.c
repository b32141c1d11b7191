/* main.c — entry point of the chiso command: dispatches to a subcommand.
 * Exit codes: 0 ok, 1 errors in the rules (or findings of check),
 * 2 usage or I/O problem, 3 some units could not be scored. */
#include "cli.h"

#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <gmp.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("chiso — chấm điểm chỉ số cải cách hành chính (PAR INDEX) từ bộ quy tắc\n"
          "chiso — score public-administration reform indices from rules files\n"
          "\n"
          "Usage:\n"
          "  chiso check [--strict] [-f text|json|github] [--watch] RULES|DIR|-...\n"
          "  chiso score [options] RULES SUBMISSION...\n"
          "  chiso verify [options] PLAN ACTUALS...\n"
          "  chiso verify [options] --against PARENT PLAN\n"
          "  chiso explain [options] RULES SUBMISSION\n"
          "  chiso test [options] RULES TESTFILE...\n"
          "  chiso metrics [--template] RULES\n"
          "  chiso fmt [--check|--diff|-w] [--keywords vi|en] [RULES|DIR|-]...\n"
          "  chiso init [--keywords vi|en] [FILE]\n"
          "  chiso lsp\n"
          "  chiso appraise RULES FOLDER\n"
          "  chiso serve [options] RULES|DIR\n"
          "  chiso help [COMMAND]\n"
          "  chiso --version\n"
          "\n"
          "Commands:\n"
          "  check   check rules files: syntax, types, maxima, bands\n"
          "  score   score submissions (files, directories of *.json, - for NDJSON on stdin)\n"
          "  verify  check plan targets: met by the actuals? at least as strict as the parent?\n"
          "  explain show why a unit got its score: values read, bands tried, sums\n"
          "  test    run test cases (expected scores) against the rules; TAP or JUnit\n"
          "  metrics list the metrics the rules read or declare, or write a template to fill in\n"
          "  fmt     lay out rules files canonically (comments kept, meaning unchanged)\n"
          "  init    start a new rules file from a commented skeleton\n"
          "  lsp     language server for editors (errors as you type, hover, completion)\n"
          "  appraise the appraisal process: self-assessment, rounds, explanation, final ranks\n"
          "  serve   score over HTTP/JSON (check, score, explain) on 127.0.0.1\n"
          "\n"
          "Exit status:\n"
          "  0  success\n"
          "  1  the rules have errors\n"
          "  2  usage error, or a file could not be read or written\n"
          "  3  some units could not be scored (their errors are in the output)\n"
          "\n"
          "Every command takes --lang vi|en: the language of messages (diagnostics,\n"
          "errors, reasons). Without it, the locale decides (LANG=vi_VN.UTF-8: Vietnamese),\n"
          "else English; reports for people (text, HTML, CSV, XLSX) are Vietnamese unless\n"
          "--lang en.\n"
          "\n"
          "Run 'chiso help COMMAND' for a command's options.\n", out);
}

const char *cli_lang_option;

/* Takes `--lang X` / `--lang=X` out of the arguments (before any `--`) and
 * sets the language of messages: the option, else the locale, else English.
 * Returns false with a message for a language chiso has no messages in. */
static bool take_lang_option(int *argc, char **argv)
{
    int out = 1;
    bool done = false, ok = true;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (!done && !strcmp(a, "--")) done = true;
        if (!done && (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7))) {
            const char *v = a[6] == '=' ? a + 7 : i + 1 < *argc ? argv[++i] : NULL;
            if (!v || !chiso_i18n_set(v) || (strcmp(v, "vi") && strcmp(v, "en"))) {
                fprintf(stderr, "chiso: --lang takes vi or en%s%s\n", v ? ", not " : "", v ? v : "");
                ok = false;
            }
            cli_lang_option = v;
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = NULL;
    *argc = out;
    if (ok && !cli_lang_option) {
        const char *env = chiso_i18n_locale_lang();
        chiso_i18n_set(env ? env : "en");
    }
    return ok;
}

void cli_set_document_lang(void)
{
    if (!cli_lang_option) chiso_i18n_set("vi");
}

static int run(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    if (!take_lang_option(&argc, argv)) return CHISO_EXIT_USAGE;
    if (chiso_i18n_lang() == CHISO_LANG_VI && chiso_i18n_catalogue_missing() && cli_lang_option)
        fprintf(stderr, "chiso: warning: no Vietnamese message catalogue in %s; messages stay English\n",
                chiso_i18n_dir());
    if (argc < 2) {
        usage(stderr);
        return CHISO_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return CHISO_EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("chiso %s\n", chiso_version());
        return CHISO_EXIT_OK;
    }
    if (!strcmp(cmd, "help")) {
        if (argc < 3) {
            usage(stdout);
            return CHISO_EXIT_OK;
        }
        char *help[] = {argv[2], "--help", NULL};
        if (!strcmp(argv[2], "check")) return cmd_check(2, help);
        if (!strcmp(argv[2], "score")) return cmd_score(2, help);
        if (!strcmp(argv[2], "verify")) return cmd_verify(2, help);
        if (!strcmp(argv[2], "metrics")) return cmd_metrics(2, help);
        if (!strcmp(argv[2], "explain")) return cmd_explain(2, help);
        if (!strcmp(argv[2], "test")) return cmd_test(2, help);
        if (!strcmp(argv[2], "fmt")) return cmd_fmt(2, help);
        if (!strcmp(argv[2], "init")) return cmd_init(2, help);
        if (!strcmp(argv[2], "lsp")) return cmd_lsp(2, help);
        if (!strcmp(argv[2], "appraise")) return cmd_appraise(2, help);
        if (!strcmp(argv[2], "serve")) return cmd_serve(2, help);
        fprintf(stderr, _("chiso: no command '%s'\n"), argv[2]);
        return CHISO_EXIT_USAGE;
    }
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "score")) return cmd_score(argc - 1, argv + 1);
    if (!strcmp(cmd, "verify")) return cmd_verify(argc - 1, argv + 1);
    if (!strcmp(cmd, "metrics")) return cmd_metrics(argc - 1, argv + 1);
    if (!strcmp(cmd, "appraise")) return cmd_appraise(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return cmd_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "fmt")) return cmd_fmt(argc - 1, argv + 1);
    if (!strcmp(cmd, "init")) return cmd_init(argc - 1, argv + 1);
    if (!strcmp(cmd, "lsp")) return cmd_lsp(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
    fprintf(stderr, _("chiso: unknown command '%s'\n"), cmd);
    fputs(_("Run 'chiso --help' for the list of commands.\n"), stderr);
    return CHISO_EXIT_USAGE;
}

/* GMP (exact numbers beyond 64 bits) allocates through xalloc as well. */
static void *gmp_alloc(size_t n) { return xmalloc(n); }
static void *gmp_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    return xrealloc(p, n);
}
static void gmp_free(void *p, size_t n)
{
    (void)n;
    free(p);
}

/* A standard descriptor closed by the caller (`<&-`) must stay unusable:
 * left free, the next file opened (the spool, an output) would take its
 * number and be read as standard input or written as standard output. It
 * gets /dev/null opened the wrong way round, so that using it fails with
 * EBADF: a read error, or a write error, never silent success. */
static void guard_standard_fds(void)
{
    static const int modes[] = {O_WRONLY, O_RDONLY, O_RDONLY};
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        int got = open("/dev/null", modes[fd]);
        if (got >= 0 && got != fd) close(got); /* cannot happen: the lowest free number is fd */
    }
}

/* Out of memory: exit status 2, a half-written output file removed (by
 * its at_quick_exit handler); libchiso has said so on stderr. quick_exit,
 * not exit: with -j 2 the other thread may still be parsing, and exit would
 * destroy the C++ runtime's static objects (simdjson's) under it: "pure
 * virtual method called", SIGABRT. */
static void exit_out_of_memory(void) { quick_exit(CHISO_EXIT_USAGE); }

int main(int argc, char **argv)
{
    chiso_set_out_of_memory_handler(exit_out_of_memory);
    guard_standard_fds();
    /* jansson allocates through xalloc too: exhaustion is one clean error. */
    json_set_alloc_funcs(xmalloc, free);
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    int code = run(argc, argv);
    /* Whatever a command printed on stdout must have reached it: a full
     * disk or a closed pipe is an error, never a silent success. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (code != CHISO_EXIT_USAGE) /* else the command has said why already */
            fprintf(stderr, _("chiso: cannot write the standard output: %s\n"), strerror(errno ? errno : EIO));
        code = CHISO_EXIT_USAGE;
    }
    return code;
}

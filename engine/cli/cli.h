/* cli.h — the chiso command: shared helpers of its subcommands. */
#ifndef CHISO_CLI_H
#define CHISO_CLI_H

#include "chiso.h"
#include "chiso_batch.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

int cmd_check(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_lsp(int argc, char **argv);
int cmd_appraise(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* `--lang vi|en` as given on the command line (NULL when not given). */
extern const char *cli_lang_option;
/* A report for people is Vietnamese unless `--lang en`: sets the language
 * of messages to Vietnamese when no --lang was given. */
void cli_set_document_lang(void);
/* Back to the language of messages (--lang, else the locale, else English),
 * for what goes to stderr after a report was written in Vietnamese. */
void cli_set_message_lang(void);

/* Prints `file:line:col: error: message` with the source line and a caret. */
void cli_error_at(const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Loads rules and prints their diagnostics to stderr. Returns NULL (after
 * setting *exit_code) when they cannot be used. */
chiso_program *cli_load_rules(const char *path, bool quiet_warnings, int *exit_code);

/* cli_load_rules, then the index called `index_name` (or the first):
 * NULL with *exit_code set when either fails. */
chiso_program *cli_load_rules_index(const char *path, const char *index_name, bool quiet_warnings,
                                    size_t *index, int *exit_code);


/* The index called `name` (or the first when NULL); false with a message
 * on stderr when there is none. */
bool cli_select_index(const chiso_program *prog, const char *path, const char *name, size_t *index);

/* Colors on stderr: only on a terminal and without NO_COLOR. */
bool cli_color(FILE *f);

/* An output file written whole or not at all: opened as a temporary file
 * beside `path` (so a missing directory fails before any work is done) and
 * renamed into place by cli_out_commit. "-" or NULL is stdout. A symbolic
 * link is written through, a device or FIFO directly; a file the caller
 * may not write is refused; the temporary file is removed on any exit,
 * signals included (cli_output.c). */
typedef struct {
    FILE *f;
    char *path, *tmp;
    char *buf;            /* its stdio buffer, from cli_out_buffer */
} cli_out_t;
bool cli_out_open(cli_out_t *o, const char *path);
/* A 1 MiB stdio buffer for a large output (a batch's results); called
 * right after cli_out_open, before anything is written. */
void cli_out_buffer(cli_out_t *o);
bool cli_out_commit(cli_out_t *o);
void cli_out_abort(cli_out_t *o);

/* Writes `data` to `path` whole or not at all (temporary file + rename);
 * "-" or NULL is stdout. Returns false with a message on stderr. */
bool cli_write_output(const char *path, const char *data, size_t len);
/* The same for text people read: control characters that came from the
 * submissions are shown escaped (engine/support/safe_text.h). */
bool cli_write_text_output(const char *path, const char *data, size_t len);

/* Rules files named on a command line: files as given, "-" for standard
 * input, directories as every *.chiso below them (sorted). False with a
 * message when a directory holds none. */
typedef struct {
    char **items;
    size_t count, cap;
    char **dirs;          /* the directories named: checked once more as one program */
    size_t ndirs, capdirs;
} cli_paths_t;
bool cli_rules_paths(char **args, int nargs, const char *cmd, cli_paths_t *out);
void cli_paths_free(cli_paths_t *p);
/* A whole file ("-": standard input) as malloc'd bytes; NULL with a
 * message on stderr when it cannot be read. */
char *cli_read_file(const char *path, size_t *len);
char *cli_read_all(FILE *f, const char *name, size_t *len);

/* `chiso check` over a list of files, and again on every change. */
typedef enum { CHECK_TEXT, CHECK_JSON, CHECK_GITHUB } check_format;
typedef struct {
    bool strict, quiet;
    check_format format;
    const char *stdin_name; /* the name of "-" */
} check_opts_t;
int check_files(const cli_paths_t *paths, const check_opts_t *o);
int check_watch(char **args, int nargs, const check_opts_t *o);

#endif

/* diag.h — diagnostics (errors and warnings) with source positions.
 *
 * Every stage (loading, lexing, parsing, checking) adds to one list; the CLI
 * sorts and prints them as `file:line:col: error: message`, then the source
 * line, a caret under the spot and an optional hint, like gcc and clang. */
#ifndef CHISO_DIAG_H
#define CHISO_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

struct source;

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_severity;

typedef struct srcloc {
    const struct source *src;
    int line, col;        /* 1-based; line 0 means "the file as a whole" */
    int end_line, end_col; /* exclusive end of the span; may equal start */
} srcloc_t;

typedef struct diag {
    diag_severity severity;
    srcloc_t loc;
    char *code;    /* stable short name, e.g. "band-unreachable" */
    char *message;
    char *hint;    /* may be NULL */
    size_t seq;    /* insertion order, to keep sorting stable */
} diag_t;

typedef struct diag_list {
    diag_t *items;
    size_t count, cap;
    size_t errors, warnings;
    size_t max_errors; /* stop recording errors after this many (0 = no limit) */
} diag_list_t;

void diag_list_init(diag_list_t *list);
void diag_list_free(diag_list_t *list);

/* Adds a diagnostic; returns it so a hint can be attached. */
diag_t *diag_add(diag_list_t *list, diag_severity sev, srcloc_t loc,
                 const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_hint(diag_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sorts by file, line, column (stable). */
void diag_sort(diag_list_t *list);

/* Prints every diagnostic with source line and caret. */
void diag_print_all(FILE *out, const diag_list_t *list, int color);

#endif

/* diag.c — collecting, sorting and printing diagnostics. */
#include "diag.h"

#include "i18n.h"
#include "source.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

void diag_list_init(diag_list_t *list)
{
    memset(list, 0, sizeof *list);
    list->max_errors = 200;
}

void diag_list_free(diag_list_t *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].code);
        free(list->items[i].message);
        free(list->items[i].hint);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

static diag_t dropped; /* target of diag_hint when a diagnostic is dropped */

diag_t *diag_add(diag_list_t *list, diag_severity sev, srcloc_t loc, const char *code,
                 const char *fmt, ...)
{
    if (sev == DIAG_ERROR) {
        list->errors++;
        if (list->max_errors && list->errors > list->max_errors) {
            free(dropped.hint);
            dropped.hint = NULL;
            return &dropped;
        }
    } else if (sev == DIAG_WARNING) {
        list->warnings++;
    }
    VEC_PUSH(list->items, list->count, list->cap);
    diag_t *d = &list->items[list->count];
    d->severity = sev;
    d->loc = loc;
    d->code = xstrdup(code ? code : "");
    va_list ap;
    va_start(ap, fmt);
    d->message = xvasprintf(_(fmt), ap);
    va_end(ap);
    d->hint = NULL;
    d->seq = list->count++;
    return d;
}

void diag_hint(diag_t *d, const char *fmt, ...)
{
    if (d == &dropped) return;
    va_list ap;
    va_start(ap, fmt);
    free(d->hint);
    d->hint = xvasprintf(_(fmt), ap);
    va_end(ap);
}

static const char *path_of(const diag_t *d)
{
    return d->loc.src ? d->loc.src->path : "";
}

static int cmp_diag(const void *a, const void *b)
{
    const diag_t *x = a, *y = b;
    int c = strcmp(path_of(x), path_of(y));
    if (c) return c;
    if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
    if (x->loc.col != y->loc.col) return x->loc.col < y->loc.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(diag_list_t *list)
{
    if (list->count > 1) qsort(list->items, list->count, sizeof *list->items, cmp_diag);
}

static const char *sev_name(diag_severity s)
{
    return s == DIAG_ERROR ? _("error") : s == DIAG_WARNING ? _("warning") : _("note");
}

/* Byte offset of code-point column `col` (1-based) in `line`. */
static size_t byte_of_col(const char *line, size_t len, int col)
{
    size_t i = 0;
    for (int c = 1; c < col && i < len; c++) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

#define CARET_WINDOW 100 /* columns shown around the caret of a long line */

/* Prints the source line and a caret (with ~ under the rest of the span).
 * A long line is shown as a window around the caret. */
static void print_caret(FILE *out, const diag_t *d, int color)
{
    size_t len;
    const char *line = source_line(d->loc.src, d->loc.line, &len);
    if (!line) return;
    int col = d->loc.col < 1 ? 1 : d->loc.col;
    int first = 1;
    if (col > CARET_WINDOW - 20) first = col - (CARET_WINDOW - 40);
    size_t from = byte_of_col(line, len, first);
    size_t to = byte_of_col(line, len, first + CARET_WINDOW);
    const char *pre = first > 1 ? "…" : "";
    const char *post = to < len ? "…" : "";
    fprintf(out, "%5d | %s%.*s%s\n", d->loc.line, pre, (int)(to - from), line + from, post);
    fputs("      | ", out);
    if (first > 1) fputc(' ', out);
    size_t i = from, stop = byte_of_col(line, len, col);
    while (i < stop) {
        fputc(line[i] == '\t' ? '\t' : ' ', out);
        i++;
        while (i < stop && ((unsigned char)line[i] & 0xC0) == 0x80) i++;
    }
    if (color) fputs("\033[1;32m", out);
    fputc('^', out);
    int span = 0;
    if (d->loc.end_line == d->loc.line && d->loc.end_col > col + 1) span = d->loc.end_col - col - 1;
    if (span > first + CARET_WINDOW - col) span = first + CARET_WINDOW - col;
    for (int k = 0; k < span; k++) fputc('~', out);
    if (color) fputs("\033[0m", out);
    fputc('\n', out);
}

void diag_print_all(FILE *out, const diag_list_t *list, int color)
{
    for (size_t i = 0; i < list->count; i++) {
        const diag_t *d = &list->items[i];
        const char *sev = sev_name(d->severity);
        const char *on = "", *off = "";
        if (color) {
            on = d->severity == DIAG_ERROR ? "\033[1;31m"
                 : d->severity == DIAG_WARNING ? "\033[1;35m" : "\033[1;36m";
            off = "\033[0m";
        }
        if (d->loc.src && d->loc.line > 0)
            fprintf(out, "%s:%d:%d: %s%s:%s %s\n", path_of(d), d->loc.line, d->loc.col, on, sev,
                    off, d->message);
        else if (d->loc.src)
            fprintf(out, "%s: %s%s:%s %s\n", path_of(d), on, sev, off, d->message);
        else
            fprintf(out, "chiso: %s%s:%s %s\n", on, sev, off, d->message);
        if (d->loc.src && d->loc.line > 0) print_caret(out, d, color);
        if (d->hint) fprintf(out, _("      = hint: %s\n"), d->hint);
    }
    if (list->max_errors && list->errors > list->max_errors)
        fprintf(out, _("chiso: too many errors; %zu more not shown\n"),
                list->errors - list->max_errors);
}

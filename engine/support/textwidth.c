/* textwidth.c — column widths by utf8proc's character widths. */
#include "textwidth.h"

#include <string.h>
#include <utf8proc.h>

int text_width(const char *s)
{
    int w = 0;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &cp);
        if (n <= 0) { i++; w++; continue; }
        i += n;
        w += utf8proc_charwidth(cp);
    }
    return w;
}

void print_padded(FILE *out, const char *s, int width)
{
    int w = text_width(s);
    if (w <= width) {
        fputs(s, out);
        for (int i = w; i < width; i++) fputc(' ', out);
        return;
    }
    /* cut to width-1 columns and add an ellipsis */
    int used = 0;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &cp);
        if (n <= 0) break;
        int cw = utf8proc_charwidth(cp);
        if (used + cw > width - 1) break;
        fwrite(s + i, 1, (size_t)n, out);
        used += cw;
        i += n;
    }
    fputs("…", out);
    for (int i = used + 1; i < width; i++) fputc(' ', out);
}

void print_padded_right(FILE *out, const char *s, int width)
{
    for (int i = text_width(s); i < width; i++) fputc(' ', out);
    fputs(s, out);
}

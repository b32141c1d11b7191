/* textwidth.h — display width of UTF-8 text in a terminal (Vietnamese
 * letters with marks are one column each, CJK two), for aligned tables. */
#ifndef CHISO_TEXTWIDTH_H
#define CHISO_TEXTWIDTH_H

#include <stddef.h>
#include <stdio.h>

int text_width(const char *s);
/* Prints `s` in exactly `width` columns: padded with spaces, or cut with
 * "…" when wider. */
void print_padded(FILE *out, const char *s, int width);
void print_padded_right(FILE *out, const char *s, int width);

#endif

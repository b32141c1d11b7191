/* safe_text.h — text for terminals and logs that no submission can take
 * over: control characters in unit names, IDs, file names and values
 * (ESC, BEL, CR, backspace… and the C1 controls U+0080–U+009F) are shown
 * as visible escapes ("\x1B", "\u009B") instead of being sent raw, where
 * they could retitle a terminal, clear it or overwrite a line. Line feeds
 * and tabs, which the reports themselves use, pass. */
#ifndef CHISO_SAFE_TEXT_H
#define CHISO_SAFE_TEXT_H

#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>

/* Appends s[0..n) to out with controls escaped; all of it when `final`,
 * else a trailing incomplete C1 lead byte is left: returns the bytes used. */
size_t safe_text_append(strbuf_t *out, const char *s, size_t n, bool final);
/* s escaped, with line feeds and tabs escaped too (for one-line messages):
 * NULL when s needs nothing, else a malloc'd copy. */
char *safe_text_line(const char *s);
/* A stream that writes to `under` with controls escaped; closing it
 * flushes into `under` and leaves `under` open. NULL if it cannot be made. */
FILE *safe_text_stream(FILE *under);

#endif

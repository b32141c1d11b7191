/* format.h — the canonical layout of a rules file (`chiso fmt`).
 *
 * The formatter works on the token stream with its comments, not on the
 * syntax tree, and knows no statement by name: the parser only tells it
 * where statements start. Its rules are generic — indentation by brace
 * depth, one statement per line, a blank line after a block of statements,
 * spacing around operators and `->`, the `->` of consecutive lines that
 * start with the same keyword aligned, comments kept where they were — so
 * that statements added to the language later are laid out sensibly
 * without changes here. */
#ifndef CHISO_FORMAT_H
#define CHISO_FORMAT_H

#include "engine/support/diag.h"
#include "engine/support/source.h"

#include <stddef.h>

typedef enum {
    FMT_KEYWORDS_KEEP, /* every keyword as written */
    FMT_KEYWORDS_VI,   /* Vietnamese with diacritics */
    FMT_KEYWORDS_EN,   /* English */
} fmt_keywords;

/* The formatted text (malloc'd, NUL-terminated, *len its length), or NULL
 * when the source has lexical or syntax errors (added to `diags`): a file
 * that does not parse is not reformatted. The result lexes to the same
 * tokens as the source (checked; keywords respelled with --keywords). */
char *format_source(const source_t *src, fmt_keywords keywords, diag_list_t *diags, size_t *len);

#endif

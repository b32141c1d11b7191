/* json_exact.h — exact numbers in a jansson tree that is written as text.
 *
 * A jansson tree holds a number as a 64-bit integer or a double, so a
 * value with more than 15 significant digits (an exact fraction that fell
 * back to GMP, a sum beyond 2^63) would be written rounded. Where a report
 * is built as a tree and then written (verify, explain), such a value is
 * put in the tree as a marked string, and json_dumps_exact writes it back
 * as the number it is, digit for digit, as `score` writes results. */
#ifndef CHISO_JSON_EXACT_H
#define CHISO_JSON_EXACT_H

#include "rational.h"

#include <jansson.h>

/* The value rounded to 6 decimals: an integer or a real when a double
 * holds every digit (as json_from_rat), else a marked exact number. */
json_t *json_exact_rat(rat_t r);
/* Rewrites, in place, the dumped JSON text[0..n) with every marked number
 * (ours, or a submission's read exactly: see submission_numbers.c) written
 * as the number it is; returns the new length and ends the text with a NUL
 * (text[n] must be writable). Text without marks is left as it is. */
size_t json_exact_fix_text(char *text, size_t n);
/* json_dumps(j, flags), with every marked number written as a number. */
char *json_dumps_exact(const json_t *j, size_t flags);
/* Every marked number of the tree made a double again (one beyond a
 * double's range stays its text, unmarked): for callers of the library,
 * who get a tree and no marks. */
void json_exact_unmark(json_t *j);
/* Compact JSON text laid out as json_dumps(…, JSON_INDENT(n)) would lay out
 * its tree, every token kept as written (exact numbers stay exact). */
char *json_reindent(const char *compact, int n);

#endif

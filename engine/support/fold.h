/* fold.h — comparing names as a person sees them.
 *
 * `tông` and `tổng`, `ho_so` and `hồ_sơ`, `Ratio` and `ratio` look alike to
 * the person who typed them; byte comparisons say they differ by several
 * bytes. Folding strips diacritics (tone and vowel marks, đ → d) and case,
 * and distances count code points of the folded text. Used by every
 * "did you mean" and by the near-duplicate lints. */
#ifndef CHISO_FOLD_H
#define CHISO_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* The folded text: lower case, no diacritics, đ → d. malloc'd. */
char *fold_visual(const char *text);
/* The same, appended to sb (NUL-terminated): many names in one buffer. */
struct strbuf;
void fold_visual_append(struct strbuf *sb, const char *text);

/* Levenshtein distance between two folded texts in code points, with a
 * swap of two neighbours counting 1; capped at limit + 1. */
int fold_distance(const char *folded_a, const char *folded_b, int limit);

/* Distance between two names as seen: 0 when they fold to the same text. */
int visual_distance(const char *a, const char *b, int limit);

/* The closest of `candidates` (n of them) to `name` by visual distance:
 * within 1 for short names, 2 for names of 6 code points or more; NULL when
 * none is close. Exact equals are skipped. */
const char *visual_suggest(const char *name, const char *const *candidates, size_t n);

#endif

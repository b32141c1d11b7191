/* keywords.h — the bilingual keyword table. */
#ifndef CHISO_KEYWORDS_H
#define CHISO_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Token number of the keyword spelled `text` (English, Vietnamese, or
 * Vietnamese without diacritics), or 0 when it is an identifier. */
int keyword_lookup(const char *text, size_t len);

/* Folds Vietnamese text to ASCII: strips tone and vowel marks, đ -> d.
 * Returns a malloc'd string. Used for keywords and for "did you mean". */
char *fold_ascii(const char *text, size_t len);

/* English spelling of a keyword token, for messages ("index"). */
const char *keyword_english(int token);

bool keyword_table_consistent(void);

#endif

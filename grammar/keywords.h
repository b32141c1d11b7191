/* keywords.h — the bilingual keyword table. */
#ifndef CHISO_KEYWORDS_H
#define CHISO_KEYWORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Token number of the keyword spelled `text` (English, Vietnamese, or
 * Vietnamese without diacritics), or 0 when it is an identifier. */
int keyword_lookup(const char *text, size_t len);
/* The same, with the spelling matched: 0 English, 1 Vietnamese, 2 without diacritics. */
int keyword_lookup_style(const char *text, size_t len, int *style);
/* A keyword token spelled in `style`. */
const char *keyword_spelling(int token, int style);
/* The keyword a mistyped word most likely means (`tiêu_chi` → `tiêu_chí`),
 * in its Vietnamese spelling (English when the English one is closest), or NULL. */
const char *keyword_suggest(const char *word);
/* The keyword whose English spelling is `english` (len bytes), spelled in
 * `style`; NULL when it is not a keyword. */
const char *keyword_respell(const char *english, size_t len, int style);

/* Folds Vietnamese text to ASCII: strips tone and vowel marks, đ -> d.
 * Returns a malloc'd string. Used for keywords and for "did you mean". */
char *fold_ascii(const char *text, size_t len);

/* English spelling of a keyword token, for messages ("index"). */
const char *keyword_english(int token);

bool keyword_table_consistent(void);

/* The table itself, for tools: fmt --keywords, editor grammars, completion. */
size_t keyword_count(void);
bool keyword_at(size_t i, const char **en, const char **vi, const char **ascii, int *token);

/* The words of `policy KEY = VALUE` (not_applicable, full, ...): the
 * spelling of `word` in the other language, or NULL when it is none. */
size_t policy_word_count(void);
bool policy_word_at(size_t i, const char **en, const char **vi, const char **ascii);
const char *policy_word_spelling(const char *word, size_t len, bool vietnamese);

/* The words read by their place (`đến`/`từ` in a span of years, the
 * origins `thẩm_định`/`điều_tra`): the spelling of `word` in the other
 * language, or NULL. */
size_t context_word_count(void);
bool context_word_at(size_t i, const char **en, const char **vi, const char **ascii);
const char *context_word_spelling(const char *word, size_t len, bool vietnamese);

#endif

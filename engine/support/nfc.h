/* nfc.h — Unicode NFC for the short texts of submissions (unit names,
 * levels, periods, string metrics), so that "huyện" typed with combining
 * marks is the same level, the same unit and the same text as "huyện"
 * typed precomposed. Nearly every such text is NFC already: a quick scan
 * finds that without normalizing. */
#ifndef CHISO_NFC_H
#define CHISO_NFC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* NULL when s (valid UTF-8) is already NFC; otherwise its NFC form,
 * malloc'd. */
char *nfc_if_needed(const char *s);

/* For a JSON text, eight bytes at a time (submission_numbers.c): true
 * when none of the eight can start a character NFC may change, nor a \u
 * escape. Bytes below 0xCC are ASCII, continuation bytes and the leads of
 * U+0080 to U+02FF. */
static inline bool nfc_word_plain(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL;
    uint64_t from_cc = ((x & low7) + 0x3434343434343434ULL) & x & high; /* a byte >= 0xCC */
    uint64_t v = x ^ 0x5C5C5C5C5C5C5C5CULL;                              /* a backslash: a 0 byte */
    uint64_t zero = ~(((v & low7) + low7) | v | low7);
    return (from_cc | zero) == 0;
}
/* The bytes [from, to) of the JSON text s of n bytes, one character at a
 * time, starting at *next if that is further (a character begun before);
 * true when none is one NFC may change (the quick check above) or a \u
 * escape, with *next set past the last character looked at. */
bool nfc_quick_bytes(const char *s, size_t n, size_t from, size_t to, size_t *next);

/* True when s (valid UTF-8) is surely NFC already, by a quick scan; false
 * means "normalize to know". */
bool nfc_quick_check(const char *s);
/* True when the symbol cp of U+2000–U+2BFF (≥ ≤ ≠ → – “ ”) is one NFC
 * leaves alone whatever surrounds it (no decomposition, no combining
 * class): the check above, for one character, from a table made once. */
bool nfc_stable_symbol(int32_t cp);

#endif

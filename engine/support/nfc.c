/* nfc.c — NFC with a quick check first (see nfc.h). */
#include "nfc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* True when every character is one that NFC leaves alone whatever
 * surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended-A/B), or a
 * precomposed letter of Latin Extended Additional (U+1E00–U+1EFF: every
 * Vietnamese letter with two marks, such as ệ or ữ). Anything else is left
 * to utf8proc. */
static bool quick_nfc(const unsigned char *s)
{
    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s, -1, &cp);
        if (n <= 0) return false;
        if (cp >= 0x300 && !(cp >= 0x1E00 && cp <= 0x1EFF)) return false;
        s += n;
    }
    return true;
}

char *nfc_if_needed(const char *s)
{
    if (quick_nfc((const unsigned char *)s)) return NULL;
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (nfc && strcmp(nfc, s) == 0) {
        free(nfc);
        return NULL;
    }
    return nfc;
}

/* Bytes below 0xCC are ASCII, continuation bytes and the leads of U+0080
 * to U+02FF: none starts a character NFC may change. */
static bool word_is_plain(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL;
    uint64_t from_cc = ((x & low7) + 0x3434343434343434ULL) & x & high; /* a byte >= 0xCC */
    uint64_t v = x ^ 0x5C5C5C5C5C5C5C5CULL;                              /* a backslash: a 0 byte */
    uint64_t zero = ~(((v & low7) + low7) | v | low7);
    return (from_cc | zero) == 0;
}

bool nfc_quick_json(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint64_t x;
        if (end - p >= 8) {
            memcpy(&x, p, 8);
            if (word_is_plain(x)) {
                p += 8;
                continue;
            }
        }
        /* One byte at a time until past what stopped the word. */
        if (*p == '\\') {
            if (p + 1 < end && p[1] == 'u') return false;
            p += 2;
        } else if (*p < 0xCC) {
            p++;
        } else if (*p == 0xE1 && p + 1 < end && p[1] >= 0xB8 && p[1] <= 0xBB) {
            p += 3; /* U+1E00–U+1EFF: the precomposed Vietnamese letters */
        } else {
            return false;
        }
    }
    return true;
}

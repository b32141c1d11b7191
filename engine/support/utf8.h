/* utf8.h — decoding UTF-8 that has already been validated (rules text after
 * source.c), without a library call per character: the lexer and the
 * name folding walk every byte of a rules file. */
#ifndef CHISO_UTF8_H
#define CHISO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The code point at `s` (at most `len` bytes) into *cp; returns its length
 * in bytes, or 0 when the bytes are not a complete sequence. */
static inline int utf8_decode_valid(const unsigned char *s, long len, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && len >= 2) {
        *cp = ((int32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && len >= 3) {
        *cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4 && len >= 4) {
        *cp = ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12) |
              ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

/* Length of the longest valid UTF-8 prefix of s[0..len) without NUL bytes
 * (len when the whole text is valid): ASCII is skipped eight bytes at a time.
 * Also sets *maybe_not_nfc when the text has a character
 * other than ASCII, U+0080–U+02FF, U+1E00–U+1EFF (the precomposed
 * Vietnamese letters) and the stable symbols of nfc_stable_symbol, which
 * NFC leaves alone whatever surrounds them (as nfc_quick_check):
 * only such a text needs the full check (nfc_quick_check). One pass for
 * both, since a rules file is read once. */
size_t utf8_valid_prefix_nfc(const unsigned char *s, size_t len, int *maybe_not_nfc);

#endif

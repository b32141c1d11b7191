/* utf8.c — validating UTF-8 quickly (see utf8.h). The rules a check reads
 * are megabytes of mostly ASCII: eight bytes are tested at once, and a
 * multibyte sequence is checked by hand as utf8proc_iterate would (no
 * overlong forms, no surrogates, nothing beyond U+10FFFF). */
#include "utf8.h"

#include "nfc.h"

#include <string.h>

static inline int cont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t utf8_valid_prefix_nfc(const unsigned char *s, size_t len, int *maybe_not_nfc)
{
    size_t i = 0;
    int odd = 0; /* a character outside those NFC surely leaves alone */
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* a high bit in each byte that is not ASCII, or is NUL: (w - 0x01..)
             * sets it for a zero byte, exactly for the lowest one */
            uint64_t stop = (w | ((w - 0x0101010101010101ull) & ~w)) & 0x8080808080808080ull;
            if (!stop) {
                i += 8;
                continue;
            }
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            i += (size_t)__builtin_ctzll(stop) / 8; /* the ASCII before it */
#endif
        }
        unsigned char c = s[i];
        if (c == 0) break;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t left = len - i;
        if (c >= 0xC2 && c <= 0xDF) {
            if (left < 2 || !cont(s[i + 1])) break;
            odd |= c >= 0xCC; /* U+0300 on: combining marks and beyond */
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (left < 3 || !cont(s[i + 1]) || !cont(s[i + 2])) break;
            if (c == 0xE0 && s[i + 1] < 0xA0) break; /* overlong */
            if (c == 0xED && s[i + 1] > 0x9F) break; /* surrogate */
            if (c != 0xE1 || s[i + 1] < 0xB8 || s[i + 1] > 0xBB) { /* not U+1E00–U+1EFF */
                int32_t cp = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
                odd |= !nfc_stable_symbol(cp);
            }
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (left < 4 || !cont(s[i + 1]) || !cont(s[i + 2]) || !cont(s[i + 3])) break;
            if (c == 0xF0 && s[i + 1] < 0x90) break; /* overlong */
            if (c == 0xF4 && s[i + 1] > 0x8F) break; /* beyond U+10FFFF */
            odd = 1;
            i += 4;
        } else {
            break;
        }
    }
    if (maybe_not_nfc) *maybe_not_nfc = odd;
    return i < len ? i : len;
}

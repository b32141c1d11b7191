/* utf8.c — validating UTF-8 quickly (see utf8.h). The rules a check reads
 * are megabytes of mostly ASCII: eight bytes are tested at once, and a
 * multibyte sequence is checked by hand as utf8proc_iterate would (no
 * overlong forms, no surrogates, nothing beyond U+10FFFF). */
#include "utf8.h"

#include <string.h>

static inline int cont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* all ASCII and no NUL byte: (w - 0x01..) sets a high bit for a zero byte */
            if (!(w & 0x8080808080808080ull) &&
                !((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c == 0) return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t left = len - i;
        if (c >= 0xC2 && c <= 0xDF) {
            if (left < 2 || !cont(s[i + 1])) return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (left < 3 || !cont(s[i + 1]) || !cont(s[i + 2])) return i;
            if (c == 0xE0 && s[i + 1] < 0xA0) return i; /* overlong */
            if (c == 0xED && s[i + 1] > 0x9F) return i; /* surrogate */
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (left < 4 || !cont(s[i + 1]) || !cont(s[i + 2]) || !cont(s[i + 3])) return i;
            if (c == 0xF0 && s[i + 1] < 0x90) return i; /* overlong */
            if (c == 0xF4 && s[i + 1] > 0x8F) return i; /* beyond U+10FFFF */
            i += 4;
        } else {
            return i;
        }
    }
    return len;
}

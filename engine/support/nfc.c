/* nfc.c — NFC with a quick check first (see nfc.h). */
#include "nfc.h"

#include <stdbool.h>
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

/* nfc.c — NFC with a quick check first (see nfc.h). */
#include "nfc.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* True when every character is one that NFC leaves alone whatever
 * surrounds it: below U+0300 (ASCII, Latin-1, Latin Extended-A/B), a
 * precomposed letter of Latin Extended Additional (U+1E00–U+1EFF: every
 * Vietnamese letter with two marks, such as ệ or ữ), or a symbol of
 * U+2000–U+2BFF (≥ ≤ ≠ → – “ ”) with no decomposition (a combining mark
 * after one, which could compose with it, fails the check itself).
 * Anything else is left to utf8proc. */
static bool quick_nfc(const unsigned char *s)
{
    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        /* the common cases by their bytes: U+0080–U+02FF, U+1E00–U+1EFF */
        if (s[0] >= 0xC2 && s[0] < 0xCC && (s[1] & 0xC0) == 0x80) {
            s += 2;
            continue;
        }
        if (s[0] == 0xE1 && s[1] >= 0xB8 && s[1] <= 0xBB && (s[2] & 0xC0) == 0x80) {
            s += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s, -1, &cp);
        if (n <= 0) return false;
        if (cp >= 0x300 && !(cp >= 0x1E00 && cp <= 0x1EFF)) {
            if (cp < 0x2000 || cp > 0x2BFF) return false;
            const utf8proc_property_t *p = utf8proc_get_property(cp);
            if (p->combining_class != 0 || p->decomp_seqindex != UINT16_MAX) return false;
        }
        s += n;
    }
    return true;
}

#define SYMBOLS_FROM 0x2000
#define SYMBOLS_TO 0x2C00
static uint8_t stable_symbols[(SYMBOLS_TO - SYMBOLS_FROM) / 8];
static pthread_once_t symbols_once = PTHREAD_ONCE_INIT;

static void make_symbol_table(void)
{
    for (int32_t cp = SYMBOLS_FROM; cp < SYMBOLS_TO; cp++) {
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        if (p->combining_class == 0 && p->decomp_seqindex == UINT16_MAX)
            stable_symbols[(cp - SYMBOLS_FROM) / 8] |= (uint8_t)(1u << (cp % 8));
    }
}

bool nfc_stable_symbol(int32_t cp)
{
    if (cp < SYMBOLS_FROM || cp >= SYMBOLS_TO) return false;
    pthread_once(&symbols_once, make_symbol_table);
    return stable_symbols[(cp - SYMBOLS_FROM) / 8] >> (cp % 8) & 1;
}

bool nfc_quick_check(const char *s) { return quick_nfc((const unsigned char *)s); }

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

bool nfc_quick_bytes(const char *s, size_t n, size_t from, size_t to, size_t *next)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = from > *next ? from : *next;
    while (k < to) {
        if (p[k] == '\\') {
            if (k + 1 < n && p[k + 1] == 'u') return false;
            k += 2;
        } else if (p[k] < 0xCC) {
            k++;
        } else if (p[k] == 0xE1 && k + 1 < n && p[k + 1] >= 0xB8 && p[k + 1] <= 0xBB) {
            k += 3; /* U+1E00–U+1EFF: the precomposed Vietnamese letters */
        } else {
            return false;
        }
    }
    *next = k;
    return true;
}

/* submission_numbers.c — the numbers of a submission read exactly as
 * written, whatever their size.
 *
 * jansson reads a number with a fraction or an exponent as a double and an
 * integer as 64 bits: 1e-400 would become 0, a 17-digit decimal would lose
 * its last digits, and 1e400 or a 20-digit integer would make the whole
 * file invalid. A double does keep every decimal of at most 15 significant
 * digits whose magnitude is well inside its range (rat_from_double finds
 * it again), and nearly every number people type is one of those. So the
 * text is scanned first: when every number is, it is parsed as it is (the
 * scan is all this costs); otherwise each other number is rewritten as a
 * string holding a NUL and its text, which jansson keeps verbatim and
 * json_exact_number recognizes. No such string can come from the file
 * itself: a file with "\u0000" in a string is parsed as it is, and jansson
 * refuses it. */
#include "result.h"

#include "engine/support/nfc.h"
#include "engine/support/xalloc.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether the number t[0..n) (valid JSON number syntax) is read exactly by
 * jansson and rat_from_double. */
static bool exact_through_double(const char *t, size_t n)
{
    size_t i = t[0] == '-' ? 1 : 0;
    bool point = false, exponent = false, significant = false;
    long sig = 0, trailing_zeros = 0, before_point = 0, zeros_after_point = 0;
    for (; i < n; i++) {
        char c = t[i];
        if (c == '.') {
            point = true;
        } else if (c == 'e' || c == 'E') {
            exponent = true;
            break;
        } else if (!significant && c == '0') {
            if (point) zeros_after_point++;
        } else {
            significant = true;
            sig++;
            trailing_zeros = c == '0' ? trailing_zeros + 1 : 0;
            if (!point) before_point++;
        }
    }
    if (!point && !exponent) /* an integer: 64 bits hold every one of 18 digits */
        return n - (t[0] == '-') <= 18;
    if (!significant) return true; /* a zero */
    long e = 0;
    if (exponent) {
        i++;
        bool neg = t[i] == '-';
        if (t[i] == '-' || t[i] == '+') i++;
        for (; i < n; i++) {
            e = e * 10 + (t[i] - '0');
            if (e > 100000) return false;
        }
        if (neg) e = -e;
    }
    /* The power of ten of the first significant digit. */
    long magnitude = (before_point > 0 ? before_point - 1 : -(zeros_after_point + 1)) + e;
    return sig - trailing_zeros <= 15 && magnitude >= -300 && magnitude <= 300;
}

/* Length of the JSON number at t (RFC 8259 syntax), 0 if there is none. */
static size_t number_length(const char *t, const char *end)
{
    const char *p = t;
    if (p < end && *p == '-') p++;
    if (p >= end || *p < '0' || *p > '9') return 0;
    if (*p == '0') p++;
    else while (p < end && *p >= '0' && *p <= '9') p++;
    if (p < end && *p == '.') {
        if (++p >= end || *p < '0' || *p > '9') return 0;
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (p >= end || *p < '0' || *p > '9') return 0;
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    return (size_t)(p - t);
}

/* The high bit of each byte of x that is zero (exactly: no byte is
 * flagged by a borrow from another). */
static uint64_t zero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((x & low7) + low7) | x | low7);
}

/* The first byte of x that is '"' or '\\' (its index), or 8 for none. */
static unsigned quote_or_backslash(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t hit = zero_bytes(x ^ (ones * '"')) | zero_bytes(x ^ (ones * '\\'));
    if (!hit) return 8;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (unsigned)__builtin_clzll(hit) / 8; /* the first byte is the highest */
#else
    return (unsigned)__builtin_ctzll(hit) / 8;
#endif
}

/* The end of the string whose text starts at p (after its opening quote):
 * its closing quote, or `end`; NULL when it holds the escape \u0000 (see
 * above). Eight bytes at a time to the next quote or backslash. */
static const char *string_end(const char *p, const char *end)
{
    for (;;) {
        while (end - p >= 8) {
            uint64_t x;
            memcpy(&x, p, 8);
            unsigned at = quote_or_backslash(x);
            p += at;
            if (at < 8) break;
        }
        while (p < end && *p != '"' && *p != '\\') p++;
        if (p >= end || *p == '"') return p;
        if (end - p >= 6 && memcmp(p + 1, "u0000", 5) == 0) return NULL;
        p += 2; /* the backslash and the character it escapes */
        if (p > end) return end;
    }
}

/* The bytes that start a string or a number. */
static const bool starts[256] = {['"'] = true, ['-'] = true, ['0'] = true, ['1'] = true, ['2'] = true,
                                 ['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true,
                                 ['8'] = true, ['9'] = true};

/* The index of the first byte of x that is no digit, or 8. */
static unsigned first_non_digit(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL, t = x & low7;
    uint64_t digit = (t + 0x5050505050505050ULL) & ~(t + 0x4646464646464646ULL) & ~x & high; /* 0x30–0x39 */
    uint64_t other = ~digit & high;
    if (!other) return 8;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (unsigned)__builtin_clzll(other) / 8;
#else
    return (unsigned)__builtin_ctzll(other) / 8;
#endif
}

/* Past the digits from p on. */
static const char *skip_digits(const char *p, const char *end)
{
    while (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        unsigned at = first_non_digit(x);
        p += at;
        if (at < 8) return p;
    }
    while (p < end && (unsigned char)(*p - '0') < 10) p++;
    return p;
}

char *submission_exact_numbers(const char *text, size_t len, size_t *outlen)
{
    const char *p = text, *end = text + len, *copied = text;
    strbuf_t sb = {0};
    bool rewriting = false;
    while (p < end) {
        char c = *p;
        if (c == '"') { /* a string: to its closing quote */
            p = string_end(p + 1, end);
            if (!p) {
                sb_free(&sb);
                return NULL;
            }
            p++;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            /* Nearly always an integer of at most 18 digits, which 64 bits
             * hold: passed in one look at its digits. */
            const char *digits = p + (c == '-'), *q = skip_digits(digits, end);
            size_t ndigits = (size_t)(q - digits);
            if (ndigits - 1 < 18 && (ndigits == 1 || *digits != '0') &&
                (q == end || (*q != '.' && *q != 'e' && *q != 'E'))) {
                p = q;
                continue;
            }
            size_t n = number_length(p, end);
            if (n == 0) { /* not a number: jansson will say so */
                p++;
                continue;
            }
            if (!exact_through_double(p, n)) {
                if (!rewriting) {
                    sb_init(&sb);
                    sb_reserve(&sb, len + 64);
                    rewriting = true;
                }
                sb_add(&sb, copied, (size_t)(p - copied));
                sb_adds(&sb, "\"\\u0000");
                sb_add(&sb, p, n);
                sb_addc(&sb, '"');
                copied = p + n;
            }
            p += n;
        } else { /* to the next string or number */
            for (p++; p < end && !starts[(unsigned char)*p]; p++) continue;
        }
    }
    if (!rewriting) return NULL;
    sb_add(&sb, copied, (size_t)(end - copied));
    *outlen = sb.len;
    return sb_take(&sb);
}

bool json_exact_number(const json_t *j, const char **text, size_t *len)
{
    if (!json_is_string(j) || json_string_length(j) < 2 || json_string_value(j)[0] != '\0') return false;
    *text = json_string_value(j) + 1;
    *len = json_string_length(j) - 1;
    return true;
}

/* Eight bytes that are all digits or '.' (or '/', which costs only a
 * needless second look): all within 0x2E–0x39. */
static bool word_of_digits(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL, high = 0x8080808080808080ULL;
    uint64_t from_point = ((x & low7) + 0x5252525252525252ULL); /* >= 0x2E: high bit set */
    uint64_t past_nine = ((x & low7) + 0x4646464646464646ULL);  /* >= 0x3A: high bit set */
    return (from_point & ~past_nine & ~x & high) == high;
}

text_scan_t submission_scan(const char *text, size_t len)
{
    /* A number of 16 digits or more (with its point) fills some word of
     * eight bytes counted from the start: only whole words are looked at,
     * for that and for NFC alike (one pass). */
    bool keys_nfc = true, long_numbers = false;
    size_t i = 0, next = 0;
#ifdef __SSE2__
    /* Two words at a time: the bytes of 0x2E–0x39 (a signed compare:
     * bytes from 0x80 on are below), and those from 0xCC on or '\\'; a
     * word of either kind is then looked at as the loop below does. */
    const __m128i below_point = _mm_set1_epi8(0x2D), past_nine = _mm_set1_epi8(0x3A);
    const __m128i cc = _mm_set1_epi8((char)0xCC), backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        unsigned digits = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, below_point), _mm_cmplt_epi8(x, past_nine)));
        long_numbers |= (digits & 0xFF) == 0xFF || digits >> 8 == 0xFF;
        unsigned other = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, cc), x), _mm_cmpeq_epi8(x, backslash)));
        if (__builtin_expect(other != 0, 0) && keys_nfc) {
            if (other & 0xFF) keys_nfc = nfc_quick_bytes(text, len, i, i + 8, &next);
            if (keys_nfc && other >> 8) keys_nfc = nfc_quick_bytes(text, len, i + 8, i + 16, &next);
        }
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, text + i, 8);
        long_numbers |= word_of_digits(x);
        if (__builtin_expect(!nfc_word_plain(x), 0) && keys_nfc)
            keys_nfc = nfc_quick_bytes(text, len, i, i + 8, &next);
    }
    if (keys_nfc) keys_nfc = nfc_quick_bytes(text, len, i, len, &next);
    text_scan_t scan = {keys_nfc, long_numbers};
    return scan;
}

/* rat_text.h — a number as rat_format(v, 6, …) writes it, appended
 * straight to a buffer with the decimal mark a report asks for: a batch
 * writes five to thirty of these a unit (each criterion's points, the
 * totals of a CSV row). Whole numbers and fractions whose denominator
 * divides 10^6 (halves, quarters, fifths, hundredths: nearly all points)
 * are written here without a division by the denominator; any other
 * goes through rat_format. */
#ifndef CHISO_RAT_TEXT_H
#define CHISO_RAT_TEXT_H

#include "rational.h"
#include "xalloc.h"

#include <stdint.h>

/* Appends v with at most 6 decimals (rounded half away from zero,
 * trailing zeros dropped), `point` as the decimal mark. */
static inline void sb_add_rat6(strbuf_t *sb, rat_t v, char point)
{
    sb_reserve(sb, 48);
    char *out = sb->data + sb->len;
    uint64_t mag = v.num < 0 ? (uint64_t)(-(v.num + 1)) + 1 : (uint64_t)v.num;
    /* a denominator above 10^6 (a decimal of the submission's) never divides it: no division tried */
    if (v.den > 0 && v.den <= 1000000 && 1000000u % (uint32_t)v.den == 0 && mag <= UINT64_MAX / 1000000) {
        uint64_t q = mag * (1000000u / (uint32_t)v.den), ip = q / 1000000, fp = q % 1000000;
        size_t n = 0;
        if (v.num < 0) out[n++] = '-';
        char tmp[24];
        size_t k = 0;
        do {
            tmp[k++] = (char)('0' + ip % 10);
            ip /= 10;
        } while (ip);
        while (k) out[n++] = tmp[--k];
        if (fp) {
            out[n++] = point;
            int digits = 6;
            while (fp % 10 == 0) { /* fp != 0: a nonzero digit stops this */
                fp /= 10;
                digits--;
            }
            for (int d = digits - 1; d >= 0; d--) {
                out[n + (size_t)d] = (char)('0' + fp % 10);
                fp /= 10;
            }
            n += (size_t)digits;
        }
        sb->len += n;
        sb->data[sb->len] = '\0';
        return;
    }
    char buf[48];
    rat_format(v, 6, buf, sizeof buf);
    size_t at = sb->len;
    sb_adds(sb, buf);
    if (point != '.')
        for (char *p = sb->data + at; *p; p++)
            if (*p == '.') *p = point;
}

#endif

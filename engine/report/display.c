/* display.c — one way to show a value of a result (see display.h). The
 * number is taken back to an exact fraction (a JSON real is read as its
 * shortest decimal), so that 0.955 shows as 95.5%, not 95.49999%. */
#include "display.h"

#include "engine/support/rational.h"

#include <stdio.h>
#include <string.h>

char *display_value(json_t *v, unsigned flags, const char *absent, char *buf, size_t size)
{
    if (size == 0) return buf;
    if (!v || json_is_null(v)) {
        snprintf(buf, size, "%s", absent ? absent : "");
        return buf;
    }
    if (json_is_string(v)) {
        snprintf(buf, size, "%s", json_string_value(v));
        return buf;
    }
    if (json_is_boolean(v)) {
        snprintf(buf, size, "%s", json_is_true(v) ? "đúng" : "sai");
        return buf;
    }
    if (!json_is_number(v)) {
        snprintf(buf, size, "?");
        return buf;
    }
    rat_t r;
    bool exact = json_is_integer(v) ? (r = rat_int(json_integer_value(v)), true)
                                    : rat_from_double(json_real_value(v), &r);
    bool percent = (flags & DISPLAY_PERCENT) != 0, overflow = false;
    if (exact && percent) r = rat_mul(r, rat_int(100), &overflow);
    char num[64];
    if (!exact || overflow) /* beyond exact fractions: a double will do */
        snprintf(num, sizeof num, "%.6g", json_number_value(v) * (percent ? 100 : 1));
    else if (flags & DISPLAY_FIXED)
        rat_format_fixed(r, 2, num, sizeof num);
    else
        rat_format(r, percent ? 2 : 6, num, sizeof num);
    if (flags & DISPLAY_COMMA) rat_decimal_comma(num);
    snprintf(buf, size, "%s%s", num, percent ? "%" : "");
    return buf;
}

/* display.c — one way to show a value of a result (see display.h). The
 * number is taken back to an exact fraction (a JSON real is read as its
 * shortest decimal), so that 0.955 shows as 95.5%, not 95.49999%, and is
 * rounded there, halves away from zero. */
#include "display.h"

#include "engine/support/i18n.h"
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
        snprintf(buf, size, "%s", json_is_true(v) ? _("true") : _("false"));
        return buf;
    }
    if (!json_is_number(v)) {
        snprintf(buf, size, "?");
        return buf;
    }
    rat_t r;
    if (json_is_integer(v)) return display_rat(rat_int(json_integer_value(v)), flags, buf, size);
    if (rat_from_double(json_real_value(v), &r)) return display_rat(r, flags, buf, size);
    return display_double(json_real_value(v), flags, buf, size);
}

static void finish(const char *num, unsigned flags, char *buf, size_t size)
{
    char tmp[72];
    snprintf(tmp, sizeof tmp, "%s", num);
    if (flags & DISPLAY_COMMA) rat_decimal_comma(tmp);
    bool plus = (flags & DISPLAY_SIGN) && tmp[0] != '-' && strspn(tmp, "0.,") != strlen(tmp);
    snprintf(buf, size, "%s%s%s", plus ? "+" : "", tmp, flags & DISPLAY_PERCENT ? "%" : "");
}

char *display_rat(rat_t r, unsigned flags, char *buf, size_t size)
{
    if (size == 0) return buf;
    bool percent = (flags & DISPLAY_PERCENT) != 0, overflow = false;
    rat_t shown = percent ? rat_mul(r, rat_int(100), &overflow) : r;
    if (overflow) { /* beyond exact fractions: a double will do */
        char num[64];
        snprintf(num, sizeof num, flags & (DISPLAY_WHOLE | DISPLAY_FIXED) ? "%.2f" : "%.6g", rat_to_double(r) * 100);
        finish(num, flags, buf, size);
        return buf;
    }
    r = shown;
    char num[64];
    if (flags & DISPLAY_WHOLE) rat_format_fixed(r, 0, num, sizeof num);
    else if (flags & DISPLAY_FIXED) rat_format_fixed(r, 2, num, sizeof num);
    else rat_format(r, percent ? 2 : 6, num, sizeof num);
    finish(num, flags, buf, size);
    return buf;
}

char *display_double(double v, unsigned flags, char *buf, size_t size)
{
    if (size == 0) return buf;
    rat_t r;
    if (rat_from_double(v, &r)) return display_rat(r, flags, buf, size);
    /* beyond exact fractions: a double will do */
    char num[64];
    double shown = v * (flags & DISPLAY_PERCENT ? 100 : 1);
    if (flags & (DISPLAY_WHOLE | DISPLAY_FIXED)) snprintf(num, sizeof num, "%.*f", flags & DISPLAY_WHOLE ? 0 : 2, shown);
    else snprintf(num, sizeof num, "%.6g", shown);
    finish(num, flags, buf, size);
    return buf;
}

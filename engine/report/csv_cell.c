/* csv_cell.c — the table of bytes that end a plain CSV text, and the
 * cells that take the long way: quoted texts, formulas made harmless,
 * numbers rounded as a published table shows them (see csv_cell.h). */
#include "csv_cell.h"

#include <stdlib.h>

const unsigned char csv_stop[256] = {
    [0] = CSV_STOP_ANY, ['"'] = CSV_STOP_ANY, ['\n'] = CSV_STOP_ANY, ['\r'] = CSV_STOP_ANY,
    [';'] = CSV_STOP_SEMICOLON, [','] = CSV_STOP_COMMA,
};

void csv_text_slow(strbuf_t *row, const char *s, char sep)
{
    if (!s) return;
    if (csv_formula_like(s)) {
        char *safe = xasprintf("'%s", s);
        csv_text_slow(row, safe, sep);
        free(safe);
        return;
    }
    size_t n = 0;
    for (char c; (c = s[n]) && c != sep && c != '"' && c != '\n' && c != '\r';) n++;
    if (!s[n]) { /* nothing to quote: copied as it is */
        sb_add(row, s, n);
        return;
    }
    sb_addc(row, '"');
    for (; *s; s++) {
        if (*s == '"') sb_addc(row, '"');
        sb_addc(row, *s);
    }
    sb_addc(row, '"');
}

void csv_number(strbuf_t *row, rat_t v, char point, int digits)
{
    if (digits < 0) {
        sb_add_rat6(row, v, point);
        return;
    }
    char buf[48];
    bool of = false;
    rat_t r = rat_round(v, digits, &of);
    if (!of) rat_format_fixed(r, digits, buf, sizeof buf);
    else rat_format(v, 6, buf, sizeof buf);
    size_t at = row->len;
    sb_adds(row, buf);
    if (point != '.')
        for (char *p = row->data + at; *p; p++)
            if (*p == '.') *p = point;
}

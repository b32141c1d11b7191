/* csv_cell.h — the cells of a CSV row, each appended with the separator
 * before it straight into the row: a batch writes some twenty a unit.
 * Texts pass through a table of the bytes that need quoting and are
 * copied whole when they have none (nearly always); numbers are written
 * by rat_text_put. What they write is what a spreadsheet needs to read
 * the text back as it was:
 * - a text holding the separator, '"', '\n' or '\r' is quoted, its '"'
 *   doubled;
 * - a text Excel would take for a formula (=, +, -, @, or a tab or CR
 *   before one) gets a leading apostrophe: shown as text, never evaluated.
 *   Only texts from submissions and file names are written as texts;
 *   numbers keep their sign. */
#ifndef CHISO_CSV_CELL_H
#define CHISO_CSV_CELL_H

#include "engine/support/rat_text.h"
#include "engine/support/rational.h"
#include "engine/support/xalloc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bits of csv_stop: what ends a run of bytes copied as they are. */
enum { CSV_STOP_ANY = 1, CSV_STOP_SEMICOLON = 2, CSV_STOP_COMMA = 4 };
extern const unsigned char csv_stop[256];

/* The csv_stop bits that stop a text with `sep` between fields. */
static inline unsigned csv_stop_mask(char sep)
{
    return CSV_STOP_ANY | (sep == ';' ? CSV_STOP_SEMICOLON : 0) | (sep == ',' ? CSV_STOP_COMMA : 0);
}

static inline bool csv_formula_like(const char *s)
{
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

/* s as a cell (nothing for NULL), the general way: an apostrophe before
 * a formula, quotes when needed. */
void csv_text_slow(strbuf_t *row, const char *s, char sep);

/* s as a cell (nothing for NULL). */
static inline void csv_text(strbuf_t *row, const char *s, char sep)
{
    if (!s) return;
    if (sep != ';' && sep != ',') { /* separators the table does not know */
        csv_text_slow(row, s, sep);
        return;
    }
    unsigned mask = csv_stop_mask(sep);
    size_t n = 0;
    while (!(csv_stop[(unsigned char)s[n]] & mask)) n++;
    if (s[n] || csv_formula_like(s)) {
        csv_text_slow(row, s, sep);
        return;
    }
    sb_reserve(row, n);
    memcpy(row->data + row->len, s, n);
    row->len += n;
    row->data[row->len] = '\0';
}

/* The separator, then s as a cell. */
static inline void csv_sep_text(strbuf_t *row, char sep, const char *s)
{
    sb_addc(row, sep);
    csv_text(row, s, sep);
}

/* The separator, then v exactly (6 decimals at most), `point` as the
 * decimal mark. */
static inline void csv_sep_rat(strbuf_t *row, char sep, rat_t v, char point)
{
    sb_reserve(row, 1 + RAT_TEXT_MAX);
    size_t n = rat_text_put(row->data + row->len + 1, v, point);
    if (n) {
        row->data[row->len] = sep;
        row->len += 1 + n;
        row->data[row->len] = '\0';
        return;
    }
    sb_addc(row, sep);
    sb_add_rat6(row, v, point);
}

/* The separator, then v, or nothing after it when v is 0 (a rank not given). */
static inline void csv_sep_rank(strbuf_t *row, char sep, uint64_t v)
{
    sb_reserve(row, 21);
    char *at = row->data + row->len;
    *at = sep;
    row->len += 1 + (v ? rat_text_uint(at + 1, v) : 0);
    row->data[row->len] = '\0';
}

/* v rounded to `digits` decimals (halves away from zero) as a published
 * table shows it, or exactly (6 decimals at most) when digits < 0. */
void csv_number(strbuf_t *row, rat_t v, char point, int digits);

#endif

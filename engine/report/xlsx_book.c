/* xlsx_book.c — the cell formats, sheet names and page setup every chiso
 * workbook shares (see xlsx_book.h). */
#include "xlsx_book.h"

#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define HEAD_COLOR 0xDDEBF7
#define MAX_SHEET_NAME 31 /* characters, as Excel counts them */

static lxw_format *fmt(xlsx_book_t *b, const char *num_format, bool bold)
{
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, "Times New Roman"); /* the typeface of Vietnamese administrative documents */
    format_set_font_size(f, 11);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (num_format) format_set_num_format(f, num_format);
    if (bold) format_set_bold(f);
    return f;
}

char *xlsx_book_open(xlsx_book_t *b, const char *path, int decimals, long long created, const char *title)
{
    memset(b, 0, sizeof *b);
    const char *missing = xlsx_lib_load();
    if (missing) return xstrdup(missing);
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
    b->wb = workbook_new_opt(path, &opts);
    if (!b->wb) return xstrdup(_("cannot create the workbook"));
    lxw_doc_properties props = {0};
    props.title = (char *)title;
    props.comments = (char *)"chiso";
    props.created = (time_t)created;
    workbook_set_properties(b->wb, &props);

    char num[32], pct[32];
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    snprintf(num, sizeof num, decimals ? "0.%.*s" : "0", decimals, "000000");
    snprintf(pct, sizeof pct, decimals ? "0.%.*s%%" : "0%%", decimals, "000000");
    b->title = fmt(b, NULL, true);
    format_set_font_size(b->title, 14);
    b->head = fmt(b, NULL, true);
    format_set_bg_color(b->head, HEAD_COLOR);
    format_set_border(b->head, LXW_BORDER_THIN);
    format_set_text_wrap(b->head);
    format_set_align(b->head, LXW_ALIGN_CENTER);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
    b->text = fmt(b, NULL, false);
    b->wrap = fmt(b, NULL, false);
    format_set_text_wrap(b->wrap);
    b->bold = fmt(b, NULL, true);
    format_set_text_wrap(b->bold);
    b->whole = fmt(b, "0", false);
    b->points = fmt(b, num, false);
    b->percent = fmt(b, pct, false);
    b->bold_points = fmt(b, num, true);
    b->bold_percent = fmt(b, pct, true);
    b->number = fmt(b, "General", false);
    b->value_percent = fmt(b, "0.00%", false);
    b->muted = fmt(b, NULL, false);
    format_set_font_color(b->muted, 0x595959);
    format_set_italic(b->muted);
    format_set_text_wrap(b->muted);
    return NULL;
}

static bool taken(const xlsx_book_t *b, const char *name)
{
    for (size_t i = 0; i < b->nnames; i++)
        if (!strcasecmp(b->names[i], name)) return true; /* Excel compares names without case */
    return false;
}

/* The first `max` characters of s (UTF-8), without []:*?/\ and apostrophes at the ends. */
static void clean_name(const char *s, char *out, size_t size, int max)
{
    size_t o = 0;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && chars < max;) {
        size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        for (size_t k = 1; k < n; k++)
            if (!p[k]) n = k;
        if (n == 1 && (strchr("[]:*?/\\", *p) || *p < 0x20)) {
            p++;
            continue;
        }
        if (o + n + 1 > size) break;
        memcpy(out + o, p, n);
        o += n;
        p += n;
        chars++;
    }
    out[o] = '\0';
    while (o && out[o - 1] == '\'') out[--o] = '\0';
    size_t lead = strspn(out, "'");
    if (lead) memmove(out, out + lead, strlen(out + lead) + 1);
    if (!*out) snprintf(out, size, "?");
}

lxw_worksheet *xlsx_book_sheet(xlsx_book_t *b, const char *name)
{
    char base[4 * MAX_SHEET_NAME + 1], cand[4 * MAX_SHEET_NAME + 16];
    clean_name(name, base, sizeof base, MAX_SHEET_NAME);
    snprintf(cand, sizeof cand, "%s", base);
    for (int k = 2; taken(b, cand); k++) {
        char suffix[16];
        int slen = snprintf(suffix, sizeof suffix, " (%d)", k);
        clean_name(name, base, sizeof base, MAX_SHEET_NAME - slen);
        snprintf(cand, sizeof cand, "%s%s", base, suffix);
    }
    VEC_PUSH(b->names, b->nnames, b->capnames);
    b->names[b->nnames++] = xstrdup(cand);
    return workbook_add_worksheet(b->wb, cand);
}

void xlsx_page_setup(lxw_worksheet *ws, int repeat_first, int repeat_last)
{
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    if (repeat_last >= repeat_first) worksheet_repeat_rows(ws, (lxw_row_t)repeat_first, (lxw_row_t)repeat_last);
    char footer[128];
    snprintf(footer, sizeof footer, "&C%s &P/&N", _("Page"));
    worksheet_set_footer(ws, footer);
}

void xlsx_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (s) worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
}

char *xlsx_book_close(xlsx_book_t *b)
{
    lxw_error err = workbook_close(b->wb);
    for (size_t i = 0; i < b->nnames; i++) free(b->names[i]);
    free(b->names);
    memset(b, 0, sizeof *b);
    return err == LXW_NO_ERROR ? NULL : xstrdup(lxw_strerror(err));
}

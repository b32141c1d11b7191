/* xlsx_lib.h — libxlsxwriter, loaded when the first workbook is made.
 *
 * Include this instead of <xlsxwriter.h>. The library's functions keep
 * their names in the code, but each name below is redirected to a table of
 * pointers that xlsx_lib_load() fills (engine/support/dynlib.h says why:
 * libxlsxwriter brings libcrypto, which every other command would pay for
 * at start-up). A function not listed here is not linked at all: add it
 * to CHISO_XLSX_CALLS. */
#ifndef CHISO_XLSX_LIB_H
#define CHISO_XLSX_LIB_H

#include <xlsxwriter.h>

#define CHISO_XLSX_CALLS(X)                                                                                     \
    X(workbook_new_opt) X(workbook_set_properties) X(workbook_add_worksheet) X(workbook_add_format)             \
    X(workbook_close) X(lxw_strerror) X(format_set_align) X(format_set_bg_color) X(format_set_bold)             \
    X(format_set_border) X(format_set_font_color) X(format_set_font_name) X(format_set_font_size)               \
    X(format_set_italic) X(format_set_num_format) X(format_set_text_wrap) X(worksheet_autofilter)               \
    X(worksheet_fit_to_pages) X(worksheet_freeze_panes) X(worksheet_merge_range) X(worksheet_repeat_rows)       \
    X(worksheet_set_column) X(worksheet_set_footer) X(worksheet_set_landscape) X(worksheet_set_margins)         \
    X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_number) X(worksheet_write_string)

typedef struct {
#define CHISO_XLSX_SLOT(f) __typeof__(f) *f;
    CHISO_XLSX_CALLS(CHISO_XLSX_SLOT)
#undef CHISO_XLSX_SLOT
} xlsx_lib_t;

extern xlsx_lib_t xlsx_lib;

/* Loads libxlsxwriter once, from any thread. NULL when it is ready;
 * otherwise why it is not, in the reader's language (static storage). */
const char *xlsx_lib_load(void);

#ifndef CHISO_XLSX_LIB_IMPL
#define workbook_new_opt (*xlsx_lib.workbook_new_opt)
#define workbook_set_properties (*xlsx_lib.workbook_set_properties)
#define workbook_add_worksheet (*xlsx_lib.workbook_add_worksheet)
#define workbook_add_format (*xlsx_lib.workbook_add_format)
#define workbook_close (*xlsx_lib.workbook_close)
#define lxw_strerror (*xlsx_lib.lxw_strerror)
#define format_set_align (*xlsx_lib.format_set_align)
#define format_set_bg_color (*xlsx_lib.format_set_bg_color)
#define format_set_bold (*xlsx_lib.format_set_bold)
#define format_set_border (*xlsx_lib.format_set_border)
#define format_set_font_color (*xlsx_lib.format_set_font_color)
#define format_set_font_name (*xlsx_lib.format_set_font_name)
#define format_set_font_size (*xlsx_lib.format_set_font_size)
#define format_set_italic (*xlsx_lib.format_set_italic)
#define format_set_num_format (*xlsx_lib.format_set_num_format)
#define format_set_text_wrap (*xlsx_lib.format_set_text_wrap)
#define worksheet_autofilter (*xlsx_lib.worksheet_autofilter)
#define worksheet_fit_to_pages (*xlsx_lib.worksheet_fit_to_pages)
#define worksheet_freeze_panes (*xlsx_lib.worksheet_freeze_panes)
#define worksheet_merge_range (*xlsx_lib.worksheet_merge_range)
#define worksheet_repeat_rows (*xlsx_lib.worksheet_repeat_rows)
#define worksheet_set_column (*xlsx_lib.worksheet_set_column)
#define worksheet_set_footer (*xlsx_lib.worksheet_set_footer)
#define worksheet_set_landscape (*xlsx_lib.worksheet_set_landscape)
#define worksheet_set_margins (*xlsx_lib.worksheet_set_margins)
#define worksheet_set_paper (*xlsx_lib.worksheet_set_paper)
#define worksheet_set_row (*xlsx_lib.worksheet_set_row)
#define worksheet_write_number (*xlsx_lib.worksheet_write_number)
#define worksheet_write_string (*xlsx_lib.worksheet_write_string)
#endif

#endif

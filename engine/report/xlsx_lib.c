/* xlsx_lib.c — libxlsxwriter, loaded on first use into xlsx_lib
 * (xlsx_lib.h). The SONAME comes from the library CMake found. */
#define CHISO_XLSX_LIB_IMPL
#include "xlsx_lib.h"

#include "engine/support/dynlib.h"
#include "engine/support/i18n.h"

#include <stddef.h>

#ifndef CHISO_XLSXWRITER_SONAME
#error "CHISO_XLSXWRITER_SONAME must name libxlsxwriter's SONAME (CMakeLists.txt)"
#endif

xlsx_lib_t xlsx_lib;

static const dynlib_sym_t xlsx_syms[] = {
#define CHISO_XLSX_SYM(f) {#f, offsetof(xlsx_lib_t, f)},
    CHISO_XLSX_CALLS(CHISO_XLSX_SYM)
#undef CHISO_XLSX_SYM
};

static dynlib_t xlsxwriter = DYNLIB_INIT(CHISO_XLSXWRITER_SONAME, N_("xlsx output"), &xlsx_lib, xlsx_syms);

const char *xlsx_lib_load(void) { return dynlib_load(&xlsxwriter); }

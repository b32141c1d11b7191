/* xlsx_lib.c — loads libxlsxwriter on first use and fills xlsx_lib
 * (xlsx_lib.h). The SONAME comes from the library CMake found. */
#define CHISO_XLSX_LIB_IMPL
#include "xlsx_lib.h"

#include "engine/support/dynlib.h"
#include "engine/support/i18n.h"

#include <pthread.h>
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

static pthread_once_t xlsx_once = PTHREAD_ONCE_INIT;
static bool xlsx_ready;
static char xlsx_why[512];

static void xlsx_load_once(void)
{
    xlsx_ready = dynlib_open(CHISO_XLSXWRITER_SONAME, _("xlsx output"), &xlsx_lib, xlsx_syms,
                             sizeof xlsx_syms / sizeof *xlsx_syms, xlsx_why, sizeof xlsx_why);
}

const char *xlsx_lib_load(void)
{
    pthread_once(&xlsx_once, xlsx_load_once);
    return xlsx_ready ? NULL : xlsx_why;
}

/* serve_mhd.c — libmicrohttpd, loaded when `chiso serve` starts into
 * serve_mhd (serve_mhd.h). The SONAME comes from the library CMake found. */
#define CHISO_SERVE_MHD_IMPL
#include "serve_mhd.h"

#include "engine/support/dynlib.h"

#include <stddef.h>

#ifndef CHISO_MICROHTTPD_SONAME
#error "CHISO_MICROHTTPD_SONAME must name libmicrohttpd's SONAME (CMakeLists.txt)"
#endif

serve_mhd_t serve_mhd;

static const dynlib_sym_t mhd_syms[] = {
#define CHISO_MHD_SYM(f) {#f, offsetof(serve_mhd_t, f)},
    CHISO_MHD_CALLS(CHISO_MHD_SYM)
#undef CHISO_MHD_SYM
};

/* The command's own name: not translated. */
static dynlib_t microhttpd = DYNLIB_INIT(CHISO_MICROHTTPD_SONAME, "chiso serve", &serve_mhd, mhd_syms);

const char *serve_mhd_load(void) { return dynlib_load(&microhttpd); }

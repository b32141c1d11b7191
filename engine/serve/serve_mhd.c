/* serve_mhd.c — loads libmicrohttpd when `chiso serve` starts and fills
 * serve_mhd (serve_mhd.h). The SONAME comes from the library CMake found. */
#define CHISO_SERVE_MHD_IMPL
#include "serve_mhd.h"

#include "engine/support/dynlib.h"

#include <pthread.h>
#include <stdbool.h>
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

static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;
static bool mhd_ready;
static char mhd_why[512];

static void mhd_load_once(void)
{
    mhd_ready = dynlib_open(CHISO_MICROHTTPD_SONAME, "chiso serve", &serve_mhd, mhd_syms,
                            sizeof mhd_syms / sizeof *mhd_syms, mhd_why, sizeof mhd_why);
}

const char *serve_mhd_load(void)
{
    pthread_once(&mhd_once, mhd_load_once);
    return mhd_ready ? NULL : mhd_why;
}

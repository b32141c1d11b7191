/* dynlib.h — libraries loaded when first needed, not at start-up.
 *
 * libxlsxwriter (for -f xlsx) and libmicrohttpd (for `chiso serve`) bring
 * libcrypto, GnuTLS and half a dozen more with them; loading all of that
 * for every `chiso check` cost more than checking a 10 000-criteria index.
 * Each such library is named by its SONAME (found by CMake at build time)
 * and its functions are reached through a table of pointers that this
 * loader fills (xlsx_lib.h, serve_mhd.h). */
#ifndef CHISO_DYNLIB_H
#define CHISO_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function to find: its name, and where its address goes in the table. */
typedef struct {
    const char *name;
    size_t offset;
} dynlib_sym_t;

/* Opens `soname` (RTLD_NOW | RTLD_LOCAL) and stores the address of each
 * syms[i].name at `table + syms[i].offset`, which must hold a function
 * pointer. True when every one was found; otherwise false, with why not
 * in `why` ("libxlsxwriter.so.4: cannot open shared object file…", or the
 * missing function's name), and the library closed again. `needed_for`
 * says what needed it, for that message ("xlsx output"). */
bool dynlib_open(const char *soname, const char *needed_for, void *table, const dynlib_sym_t *syms, size_t n,
                 char *why, size_t whylen);

#endif

/* dynlib.h — libraries loaded when first needed, not at start-up.
 *
 * libxlsxwriter (for -f xlsx) and libmicrohttpd (for `chiso serve`) bring
 * libcrypto, GnuTLS and half a dozen more with them; loading all of that
 * for every `chiso check` cost more than checking a 10 000-criteria index.
 * Each such library is named by its SONAME (found by CMake at build time)
 * and its functions are reached through a table of pointers that this
 * loader fills (xlsx_lib.h, serve_mhd.h). A library only declares what it
 * is — a dynlib_t — and calls dynlib_load(); the state of the one attempt
 * lives here. */
#ifndef CHISO_DYNLIB_H
#define CHISO_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function to find: its name, and where its address goes in the table. */
typedef struct {
    const char *name;
    size_t offset;
} dynlib_sym_t;

/* A library to load once: what to open, what needed it (a message ID,
 * translated when the message is made: "xlsx output"), the table of
 * pointers to fill and its functions. The rest is the loader's own state. */
typedef struct {
    const char *soname;
    const char *needed_for;
    void *table;
    const dynlib_sym_t *syms;
    size_t nsyms;
    int state;     /* 0: not tried yet; 1: loaded; -1: failed, why says why */
    char why[512];
} dynlib_t;

#define DYNLIB_INIT(soname, needed_for, table, syms) \
    {(soname), (needed_for), (table), (syms), sizeof(syms) / sizeof *(syms), 0, {0}}

/* Loads `lib` the first time it is called (RTLD_NOW | RTLD_LOCAL), filling
 * its table; later calls, from any thread, give the same answer. NULL when
 * every function was found; otherwise why not ("xlsx output needs the
 * library libxlsxwriter.so.4, which cannot be loaded: …", or the missing
 * function's name), with the library closed again. */
const char *dynlib_load(dynlib_t *lib);

#endif

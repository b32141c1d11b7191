/* dynlib.c — loading a library when first needed (see dynlib.h). */
#include "dynlib.h"

#include "engine/support/i18n.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

bool dynlib_open(const char *soname, const char *needed_for, void *table, const dynlib_sym_t *syms, size_t n,
                 char *why, size_t whylen)
{
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, whylen, _("%s needs the library %s, which cannot be loaded: %s"), needed_for, soname,
                 e ? e : _("not found"));
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        dlerror();
        void *f = dlsym(h, syms[i].name);
        if (!f) {
            snprintf(why, whylen, _("%s needs the library %s, which has no function %s (another version?)"),
                     needed_for, soname, syms[i].name);
            dlclose(h);
            return false;
        }
        /* POSIX lets a dlsym result be used as a function pointer; the copy
         * keeps the compiler from seeing an object-to-function cast. */
        memcpy((char *)table + syms[i].offset, &f, sizeof f);
    }
    return true; /* kept open for the life of the process */
}

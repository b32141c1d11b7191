/* dynlib.c — loading a library when first needed (see dynlib.h). */
#include "dynlib.h"

#include "engine/support/i18n.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* One lock for every library: each is loaded at most once per process, so
 * a second loader waiting on the first costs nothing worth a lock each. */
static pthread_mutex_t dynlib_lock = PTHREAD_MUTEX_INITIALIZER;

static bool open_and_fill(dynlib_t *lib)
{
    const char *needed_for = _(lib->needed_for);
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(lib->why, sizeof lib->why, _("%s needs the library %s, which cannot be loaded: %s"), needed_for,
                 lib->soname, e ? e : _("not found"));
        return false;
    }
    for (size_t i = 0; i < lib->nsyms; i++) {
        dlerror();
        void *f = dlsym(h, lib->syms[i].name);
        if (!f) {
            snprintf(lib->why, sizeof lib->why, _("%s needs the library %s, which has no function %s (another version?)"),
                     needed_for, lib->soname, lib->syms[i].name);
            dlclose(h);
            return false;
        }
        /* POSIX lets a dlsym result be used as a function pointer; the copy
         * keeps the compiler from seeing an object-to-function cast. */
        memcpy((char *)lib->table + lib->syms[i].offset, &f, sizeof f);
    }
    return true; /* kept open for the life of the process */
}

const char *dynlib_load(dynlib_t *lib)
{
    pthread_mutex_lock(&dynlib_lock);
    if (lib->state == 0) lib->state = open_and_fill(lib) ? 1 : -1;
    const char *why = lib->state > 0 ? NULL : lib->why;
    pthread_mutex_unlock(&dynlib_lock);
    return why;
}

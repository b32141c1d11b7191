/* i18n.c — choosing the language of messages and looking them up in the
 * compiled catalogue (GNU gettext's .mo format, made by msgfmt from
 * po/vi.po).
 *
 * The catalogue is read here rather than through glibc's gettext(): that
 * one takes its language from the process locale and the environment
 * (LC_MESSAGES must name an installed locale, LANGUAGE is shared by every
 * thread and every library), while chiso writes a Vietnamese report on a
 * computer whose locale is English, and keeps what it prints on stderr in
 * the user's language meanwhile. A loaded catalogue is read-only: lookups
 * are safe from any thread.
 *
 * The library speaks Vietnamese until told otherwise, as the command's
 * reports do, so a service or a binding gets the command's own texts. The
 * catalogue is looked for beside the library itself (dladdr), which is not
 * the program when libchiso.so is loaded by Python or a web server. */
#define _GNU_SOURCE /* dladdr */
#include "i18n.h"

#include <dlfcn.h>
#include <pthread.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DOMAIN "chiso"
#ifndef CHISO_LOCALEDIR
#define CHISO_LOCALEDIR "/usr/local/share/locale"
#endif
#define MO_MAGIC 0x950412deu
#define MO_MAX_BYTES (16u << 20)

static chiso_lang_t current = CHISO_LANG_VI;
static char dir[PATH_MAX];

/* The Vietnamese catalogue, loaded once (through `loaded`). */
static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static struct {
    unsigned char *data;
    size_t size;
    bool big_endian; /* msgfmt writes the byte order of the machine it ran on */
    uint32_t n, originals, translations; /* count and table offsets */
} mo;

static bool has_catalogue(const char *d)
{
    char path[PATH_MAX + 64];
    struct stat st;
    snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/" DOMAIN ".mo", d);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether the catalogue is beside the file `file` (a program or a
 * library): in locale/ (the build tree's program), ../locale (the build
 * tree's lib/libchiso.so) or ../share/locale (a prefix); sets dir to the
 * one found. */
static bool beside(const char *file)
{
    static const char *const places[] = {"locale", "../locale", "../share/locale"};
    const char *slash = strrchr(file, '/');
    if (!slash || slash - file >= PATH_MAX - 24) return false;
    int len = (int)(slash - file);
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        snprintf(dir, sizeof dir, "%.*s/%s", len, file, places[i]);
        if (has_catalogue(dir)) return true;
    }
    return false;
}

static void find_dir(void)
{
    const char *env = getenv("CHISO_LOCALEDIR");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return;
    }
    /* the library's own file first: libchiso.so in a build tree or a
     * prefix; for the static library this is the program */
    Dl_info info;
    if (dladdr((void *)&find_dir, &info) && info.dli_fname && info.dli_fname[0] == '/' &&
        beside(info.dli_fname))
        return;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        if (beside(exe)) return;
    }
    snprintf(dir, sizeof dir, "%s", CHISO_LOCALEDIR);
}

static uint32_t word_at(size_t off)
{
    const unsigned char *p = mo.data + off;
    if (mo.big_endian) return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A string of the table at `table`, entry i: NULL when it lies outside. */
static const char *string_at(uint32_t table, uint32_t i)
{
    size_t e = (size_t)table + (size_t)i * 8;
    if (e + 8 > mo.size) return NULL;
    uint32_t len = word_at(e), off = word_at(e + 4);
    if ((size_t)off + len >= mo.size || mo.data[off + len] != '\0') return NULL;
    return (const char *)mo.data + off;
}

/* The catalogue's bytes, read with stdio: for a file that cannot be
 * mapped. NULL on any fault. */
static unsigned char *read_whole(FILE *f, size_t *size_out)
{
    unsigned char *buf = NULL;
    size_t size = 0, cap = 0, got;
    do {
        if (size == cap) {
            cap = cap ? cap * 2 : 65536;
            unsigned char *grown = cap > MO_MAX_BYTES ? NULL : realloc(buf, cap);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + size, 1, cap - size, f);
        size += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *size_out = size;
    return buf;
}

/* Reads the catalogue; on any fault it stays unloaded (English). It is
 * mapped, not copied: a message looks at a few of its pages, and a copy
 * would touch every one (fresh pages are page faults, dear on a virtual
 * machine), as gettext itself maps catalogues. */
static void read_catalogue(void)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/vi/LC_MESSAGES/" DOMAIN ".mo", chiso_i18n_dir());
    FILE *f = fopen(path, "rb");
    if (!f) return;
    struct stat st;
    unsigned char *data = NULL;
    size_t size = 0;
    bool mapped = false;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size <= MO_MAX_BYTES) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
        if (p != MAP_FAILED) {
            data = p;
            size = (size_t)st.st_size;
            mapped = true;
        }
    }
    if (!mapped) data = read_whole(f, &size);
    fclose(f);
    if (!data) return;
    mo.data = data;
    mo.size = size;
    if (size >= 28 && word_at(0) != MO_MAGIC) mo.big_endian = true;
    if (size < 28 || word_at(0) != MO_MAGIC) {
        if (mapped) munmap(data, size);
        else free(data);
        mo.data = NULL;
        mo.size = 0;
        return;
    }
    mo.n = word_at(8);
    mo.originals = word_at(12);
    mo.translations = word_at(16);
}

static void load_catalogue(void) { pthread_once(&loaded, read_catalogue); }

/* Binary search of the sorted originals (msgfmt sorts them by bytes). */
static const char *lookup(const char *msgid)
{
    load_catalogue();
    if (!mo.data) return NULL;
    uint32_t lo = 0, hi = mo.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = string_at(mo.originals, mid);
        if (!o) return NULL;
        int c = strcmp(msgid, o);
        if (c == 0) {
            const char *t = string_at(mo.translations, mid);
            return t && *t ? t : NULL;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

/* "vi", "vi_VN.UTF-8", "vi-VN" -> Vietnamese; "en", "en_US..." -> English. */
static int lang_of(const char *s)
{
    if (!s || !*s) return -1;
    if (!strncmp(s, "vi", 2) && (s[2] == '\0' || strchr("_-.@:", s[2]))) return CHISO_LANG_VI;
    if (!strncmp(s, "en", 2) && (s[2] == '\0' || strchr("_-.@:", s[2]))) return CHISO_LANG_EN;
    return -2;
}

bool chiso_i18n_set(const char *lang)
{
    int l = lang_of(lang);
    if (l < 0) return false;
    current = (chiso_lang_t)l;
    if (current == CHISO_LANG_VI) load_catalogue();
    return true;
}

chiso_lang_t chiso_i18n_lang(void) { return current; }

bool chiso_i18n_catalogue_missing(void)
{
    if (current == CHISO_LANG_VI) load_catalogue();
    return current == CHISO_LANG_VI && !mo.data;
}

const char *chiso_i18n_dir(void)
{
    if (!*dir) find_dir();
    return dir;
}

const char *chiso_i18n_locale_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *locale = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof *vars && !locale; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) locale = v;
    }
    bool c_locale = locale && (!strcmp(locale, "C") || !strcmp(locale, "POSIX"));
    /* LANGUAGE ("vi:en") is the user's list of languages, as gettext
     * reads it: it counts unless the locale is plain C */
    const char *language = getenv("LANGUAGE");
    if (language && *language && !c_locale) {
        int l = lang_of(language);
        if (l >= 0) return l == CHISO_LANG_VI ? "vi" : "en";
    }
    if (!locale || c_locale || !strncmp(locale, "C.", 2)) return NULL;
    return lang_of(locale) == CHISO_LANG_VI ? "vi" : "en";
}

const char *chiso_gettext(const char *msgid)
{
    if (current == CHISO_LANG_EN || !msgid || !*msgid) return msgid;
    const char *t = lookup(msgid);
    return t ? t : msgid;
}

const char *chiso_ngettext(const char *one, const char *many, unsigned long n)
{
    if (current == CHISO_LANG_EN) return n == 1 ? one : many;
    /* Vietnamese has one plural form (Plural-Forms: nplurals=1) */
    const char *t = lookup(one);
    return t ? t : n == 1 ? one : many;
}


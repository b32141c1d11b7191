/* doc_frame.c — reading the document frame of a printed report (see
 * doc_frame.h). */
#include "doc_frame.h"

#include "engine/support/i18n.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const keys[FRAME_NKEYS][2] = {
    {"co_quan_chu_quan", "parent"}, {"co_quan", "issuer"},     {"so", "number"},
    {"dia_danh", "place"},          {"ngay", "date"},          {"tieu_de", "title"},
    {"quyen_han", "authority"},     {"chuc_vu", "signer_title"}, {"nguoi_ky", "signer"},
    {"noi_nhan", "recipients"},
};

void doc_frame_init(doc_frame_t *f) { memset(f, 0, sizeof *f); }

void doc_frame_free(doc_frame_t *f)
{
    for (int i = 0; i < FRAME_NKEYS; i++) free(f->value[i]);
    memset(f, 0, sizeof *f);
}

static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    return xstrndup(s, n);
}

/* The key set, or -1 with *why. */
static int set_key(doc_frame_t *f, const char *setting, char **why)
{
    size_t k = strcspn(setting, "=:");
    if (!setting[k]) {
        *why = xasprintf("'%s' is not key=value", setting);
        return -1;
    }
    char *key = trimmed(setting, k);
    for (int i = 0; i < FRAME_NKEYS; i++)
        if (!strcmp(key, keys[i][0]) || !strcmp(key, keys[i][1])) {
            free(f->value[i]);
            f->value[i] = trimmed(setting + k + 1, strlen(setting + k + 1));
            f->any = true;
            free(key);
            return i;
        }
    strbuf_t known;
    sb_init(&known);
    for (int i = 0; i < FRAME_NKEYS; i++) sb_printf(&known, "%s%s (%s)", i ? ", " : "", keys[i][0], keys[i][1]);
    *why = xasprintf("unknown key '%s'; the keys are %s", key, known.data);
    sb_free(&known);
    free(key);
    return -1;
}

bool doc_frame_set(doc_frame_t *f, const char *setting, char **why)
{
    return set_key(f, setting, why) >= 0;
}

bool doc_frame_load(doc_frame_t *f, const char *path, char **why)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        *why = xasprintf("%s: cannot read: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    int no = 0, last = -1;
    bool ok = true;
    while (ok && getline(&line, &cap, in) > 0) {
        no++;
        char *s = line;
        if (no == 1 && !strncmp(s, "\xEF\xBB\xBF", 3)) s += 3;
        bool indented = *s == ' ' || *s == '\t';
        s += strspn(s, " \t\r\n");
        if (!*s || *s == '#') continue;
        if (indented && last >= 0) { /* a value goes on over indented lines */
            char *more = trimmed(s, strlen(s));
            char *joined = xasprintf("%s\n%s", f->value[last] ? f->value[last] : "", more);
            free(more);
            free(f->value[last]);
            f->value[last] = joined;
            continue;
        }
        char *sub = NULL;
        if ((last = set_key(f, s, &sub)) < 0) {
            *why = xasprintf("%s:%d: %s", path, no, sub);
            free(sub);
            ok = false;
        }
    }
    free(line);
    fclose(in);
    return ok;
}

void doc_frame_date(const char *date, char *buf, size_t size)
{
    int y, m, d;
    char rest;
    if (date && sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
        snprintf(buf, size, _("%02d/%02d/%d"), d, m, y); /* ngày 20 tháng 01 năm 2022 */
    else
        snprintf(buf, size, "%s", date ? date : "");
}

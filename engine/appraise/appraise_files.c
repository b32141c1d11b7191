/* appraise_files.c — reading a period folder of the appraisal process.
 *
 *   FOLDER/ky-danh-gia.json          the period: evidence window, deadlines (optional)
 *   FOLDER/<unit>/tu-danh-gia.json   self-assessment: metrics, claimed points, evidence
 *   FOLDER/<unit>/tham-dinh-1.json   appraisal round 1
 *   FOLDER/<unit>/giai-trinh.json    the unit's explanation
 *   FOLDER/<unit>/tham-dinh-2.json   appraisal round 2
 *   FOLDER/<unit>/hoi-dong.json      the council's final decision
 *
 * Only regular files are read; other entries of a unit's folder (say, a
 * folder of scanned evidence) are left alone, but a *.json file with
 * another name is an error, so that a misnamed round is never ignored.
 * JSON is read with duplicate keys refused: two entries for one node in one
 * file are an error naming the node. */
#include "appraise.h"

#include "engine/support/date.h"
#include "engine/support/xalloc.h"
#include "engine/support/i18n.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const appraise_file_names[AF_COUNT] = {"tu-danh-gia.json", "tham-dinh-1.json", "giai-trinh.json",
                                                   "tham-dinh-2.json", "hoi-dong.json"};
const char *const appraise_file_kinds[AF_COUNT] = {"self", "round1", "explanation", "round2", "final"};

void aunit_error(aunit_t *u, afile_t f, const char *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(_(fmt), ap); /* in the language of messages */
    va_end(ap);
    char *line = node ? xasprintf(_("%s: node %s: %s"), appraise_file_names[f], node, msg)
                      : xasprintf("%s: %s", appraise_file_names[f], msg);
    json_array_append_new(u->errors, json_string(line));
    free(line);
    free(msg);
}

void aunit_finding(aunit_t *u, const char *stage, const char *node, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(_(fmt), ap); /* in the language of messages */
    va_end(ap);
    json_array_append_new(u->findings, json_pack("{s:s,s:s?,s:s,s:s}", "stage", stage, "node", node, "kind",
                                                 kind, "message", msg));
    free(msg);
}

bool appraise_json_rat(json_t *v, rat_t *out)
{
    if (json_is_integer(v)) {
        *out = rat_int(json_integer_value(v));
        return true;
    }
    return json_is_real(v) && rat_from_double(json_real_value(v), out);
}

bool appraise_date(const char *s, int *days)
{
    return s && strlen(s) == 10 && date_parse(s, 10, days);
}

static bool is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* A JSON file, or NULL with the reason in *why (malloc'd). */
static json_t *load_json(const char *path, char **why)
{
    json_error_t e;
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
    if (!j) {
        if (strstr(e.text, "duplicate object key"))
            *why = xasprintf("line %d: %s (two entries for the same node or key in one file)", e.line, e.text);
        else *why = xasprintf("invalid JSON at line %d, column %d: %s", e.line, e.column, e.text);
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        *why = xstrdup("not a JSON object");
        return NULL;
    }
    return j;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The names in `dir` (sorted), or NULL when it cannot be read. */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        VEC_PUSH(names, *n, cap);
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n) qsort(names, *n, sizeof *names, cmp_names);
    if (!names) names = xcalloc(1, sizeof *names);
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

static void read_period(const char *path, aperiod_t *p, char *err, size_t errsize, bool *ok)
{
    char *why = NULL;
    p->json = load_json(path, &why);
    if (!p->json) {
        snprintf(err, errsize, "%s: %s", path, why);
        free(why);
        *ok = false;
        return;
    }
    json_t *per = json_object_get(p->json, "period");
    if (json_is_string(per)) p->period = xstrdup(json_string_value(per));
    struct { const char *key; int *days; } dates[] = {
        {"evidence_from", &p->evidence_from}, {"evidence_to", &p->evidence_to},
        {"deadline", &p->deadline}, {"explanation_deadline", &p->explanation_deadline},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        json_t *v = json_object_get(p->json, dates[i].key);
        if (!v || json_is_null(v) || (json_is_string(v) && !json_string_length(v))) continue;
        if (!json_is_string(v) || !appraise_date(json_string_value(v), dates[i].days)) {
            snprintf(err, errsize, "%s: '%s' must be a date written YYYY-MM-DD", path, dates[i].key);
            *ok = false;
            return;
        }
    }
}

static void read_unit(const char *folder, const char *name, aunit_t *u)
{
    u->folder = xstrdup(name);
    u->errors = json_array();
    u->findings = json_array();
    char *dir = xasprintf("%s/%s", folder, name);
    size_t n = 0;
    char **names = list_dir(dir, &n);
    if (!names) {
        json_array_append_new(u->errors, json_sprintf("%s: the folder cannot be read", name));
        free(dir);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        if (!is_regular(path) || !ends_with(names[i], ".json")) {
            free(path); /* attachments, scans, notes: not ours to read */
            continue;
        }
        int f = -1;
        for (int k = 0; k < AF_COUNT; k++)
            if (!strcmp(names[i], appraise_file_names[k])) f = k;
        if (f < 0) {
            json_array_append_new(u->errors,
                                  json_sprintf("%s: unknown file in the unit's folder (the files are tu-danh-gia.json, "
                                               "tham-dinh-1.json, giai-trinh.json, tham-dinh-2.json, hoi-dong.json)",
                                               names[i]));
            free(path);
            continue;
        }
        char *why = NULL;
        u->files[f] = load_json(path, &why);
        if (!u->files[f]) {
            aunit_error(u, (afile_t)f, NULL, "%s", why);
            free(why);
        }
        u->paths[f] = path;
    }
    free_names(names, n);
    free(dir);
    /* The order of the process: nothing without a self-assessment, nothing
     * after round 1 without round 1. */
    if (!u->paths[AF_SELF] && json_array_size(u->errors) == 0) {
        for (int k = AF_ROUND1; k < AF_COUNT; k++)
            if (u->paths[k])
                aunit_error(u, (afile_t)k, NULL,
                            "a round for unit '%s', which has no self-assessment (tu-danh-gia.json): no such unit",
                            name);
        if (json_array_size(u->errors) == 0)
            json_array_append_new(u->errors, json_sprintf("%s: the folder has no tu-danh-gia.json", name));
    }
    if (!u->paths[AF_ROUND1])
        for (int k = AF_EXPLAIN; k < AF_COUNT; k++)
            if (u->paths[k])
                aunit_error(u, (afile_t)k, NULL, "round out of order: there is no round 1 (tham-dinh-1.json) before it");
}

bool appraise_read_folder(const char *folder, aperiod_t *period, aunit_t **units, size_t *n, char *err,
                          size_t errsize)
{
    memset(period, 0, sizeof *period);
    *units = NULL;
    *n = 0;
    size_t count = 0;
    char **names = list_dir(folder, &count);
    if (!names) {
        snprintf(err, errsize, "%s: the folder cannot be read", folder);
        return false;
    }
    bool ok = true;
    aunit_t *list = xcalloc(count ? count : 1, sizeof *list);
    size_t m = 0;
    for (size_t i = 0; i < count && ok; i++) {
        char *path = xasprintf("%s/%s", folder, names[i]);
        if (!strcmp(names[i], APPRAISE_PERIOD_FILE) && is_regular(path)) read_period(path, period, err, errsize, &ok);
        else if (is_dir(path)) read_unit(folder, names[i], &list[m++]);
        free(path);
    }
    free_names(names, count);
    if (!ok) {
        appraise_units_free(list, m, period);
        return false;
    }
    *units = list;
    *n = m;
    return true;
}

void appraise_units_free(aunit_t *units, size_t n, aperiod_t *period)
{
    for (size_t i = 0; i < n; i++) {
        free(units[i].folder);
        for (int k = 0; k < AF_COUNT; k++) {
            free(units[i].paths[k]);
            json_decref(units[i].files[k]);
        }
        json_decref(units[i].errors);
        json_decref(units[i].findings);
    }
    free(units);
    if (period) {
        json_decref(period->json);
        free(period->period);
        memset(period, 0, sizeof *period);
    }
}

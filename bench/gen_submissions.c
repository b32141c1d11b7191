/* gen_submissions.c — realistic synthetic submissions for any rules file:
 *   gen_submissions RULES COUNT [SEED] [--corrupt] > batch.ndjson
 * Reads the metrics the rules use (chiso_program_metrics) and writes COUNT
 * submissions, one JSON per line, seeded so that runs repeat. Counts come
 * in families: a path ending in total/tasks/count gets a size in the
 * thousands, and its sibling counts a share near the usual targets (85–100 %)
 * so that bands on both sides are hit; dates fall around the end of the
 * year; booleans are mostly true; about 3 % of values are null (did not arise).
 * With --corrupt, half the lines are damaged the ways real uploads are
 * (cut short, bytes garbled, a number swapped for another kind of value or
 * for one out of range, a piece deleted, nesting thousands deep): the
 * tests feed them to `chiso score` to show that bad input never crashes it. */
#include "chiso.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next_random(void) /* splitmix64 */
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(void) { return (double)(next_random() >> 11) / 9007199254740992.0; }

static bool is_whole(const char *last)
{
    return !strcmp(last, "total") || !strcmp(last, "tasks") || !strcmp(last, "count") ||
           !strcmp(last, "tong") || !strcmp(last, "tổng");
}

/* Sets path a.b.c in obj to v (creating objects on the way). */
static void put(json_t *obj, const char *path, json_t *v)
{
    char *copy = strdup(path), *save = NULL;
    json_t *cur = obj;
    char *seg = strtok_r(copy, ".", &save);
    while (seg) {
        char *nextseg = strtok_r(NULL, ".", &save);
        if (!nextseg) {
            json_object_set_new(cur, seg, v);
            break;
        }
        json_t *child = json_object_get(cur, seg);
        if (!json_is_object(child)) {
            child = json_object();
            json_object_set_new(cur, seg, child);
        }
        cur = child;
        seg = nextseg;
    }
    free(copy);
}

/* The value at path a.b.c of obj, or NULL. */
static json_t *get_path(json_t *obj, const char *path)
{
    char *copy = strdup(path), *save = NULL;
    json_t *cur = obj;
    for (char *seg = strtok_r(copy, ".", &save); seg && cur; seg = strtok_r(NULL, ".", &save))
        cur = json_object_get(cur, seg);
    free(copy);
    return cur;
}

/* Damages one line, in one of the ways of --corrupt; writes it with puts. */
static void put_corrupted(const char *line)
{
    static const char *const others[] = {"null", "true", "\"x\"", "[]", "{}", "1e400", "-0",
                                         "9223372036854775808", "\"\\u0000\"", "1.5", "\"2021-02-30\""};
    size_t len = strlen(line);
    char *s = malloc(len + 64);
    memcpy(s, line, len + 1);
    switch (next_random() % 5) {
    case 0: /* cut short */
        s[1 + next_random() % (len - 1)] = '\0';
        break;
    case 1: /* garbled bytes; a newline would split the line, so not that */
        for (int k = 1 + (int)(next_random() % 5); k > 0; k--) {
            char c = (char)(next_random() % 256);
            s[next_random() % len] = c == '\n' || c == '\0' ? '?' : c;
        }
        break;
    case 2: { /* the first digit after a colon somewhere: another kind of value */
        size_t at = next_random() % len;
        char *colon = strchr(s + at, ':');
        if (colon && colon[1] >= '0' && colon[1] <= '9') {
            size_t end = (size_t)(colon + 1 - s);
            while (s[end] >= '0' && s[end] <= '9') end++;
            char *rest = strdup(s + end);
            const char *o = others[next_random() % (sizeof others / sizeof others[0])];
            snprintf(colon + 1, len + 63 - (size_t)(colon + 1 - s), "%s%s", o, rest);
            free(rest);
        }
        break;
    }
    case 3: { /* a piece deleted */
        size_t at = next_random() % len, n = 1 + next_random() % 30;
        if (at + n > len) n = len - at;
        memmove(s + at, s + at + n, len - at - n + 1);
        break;
    }
    default: /* nesting deeper than any parser allows */
        free(s);
        for (int k = 0; k < 3000; k++) putchar('[');
        for (int k = 0; k < 3000; k++) putchar(']');
        putchar('\n');
        return;
    }
    puts(s);
    free(s);
}

int main(int argc, char **argv)
{
    bool corrupt = false;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--corrupt")) {
            corrupt = true;
            memmove(&argv[i], &argv[i + 1], sizeof *argv * (size_t)(argc - i));
            argc--;
            break;
        }
    if (argc < 3) {
        fputs("usage: gen_submissions RULES COUNT [SEED] [--corrupt]\n", stderr);
        return 2;
    }
    chiso_program *prog = chiso_program_load(argv[1]);
    if (chiso_program_errors(prog)) {
        chiso_program_print_diagnostics(prog, stderr, false);
        return 1;
    }
    long count = atol(argv[2]);
    state = argc > 3 ? strtoull(argv[3], NULL, 10) : 20211231;
    json_t *metrics = chiso_program_metrics(prog);
    static const char *levels[] = {"huyện", "huyện", "huyện", "xã", "sở"};
    for (long i = 0; i < count; i++) {
        json_t *m = json_object();
        /* sizes of each family first, so shares can refer to them */
        size_t k;
        json_t *item;
        json_t *sizes = json_object();
        /* a metric declared `<= other`: the other is a size of its own */
        json_t *bounded = json_object(); /* path -> the path it is at most */
        json_array_foreach(metrics, k, item) {
            size_t c;
            json_t *con;
            json_array_foreach(json_object_get(item, "constraints"), c, con) {
                const char *other = json_string_value(json_object_get(con, "metric"));
                const char *op = json_string_value(json_object_get(con, "op"));
                if (other && (!strcmp(op, "<=") || !strcmp(op, "<")))
                    json_object_set_new(bounded, json_string_value(json_object_get(item, "path")),
                                        json_string(other));
            }
        }
        json_array_foreach(metrics, k, item) {
            const char *path = json_string_value(json_object_get(item, "path"));
            const char *last = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;
            bool bound_of_other = false;
            const char *key;
            json_t *val;
            json_object_foreach(bounded, key, val)
                if (!strcmp(json_string_value(val), path)) bound_of_other = true;
            if (bound_of_other && !json_object_get(bounded, path) && !is_whole(last)) {
                put(m, path, json_integer(20 + (long)(uniform() * 15000)));
                continue;
            }
            if (is_whole(last)) {
                long n = 20 + (long)(uniform() * 15000);
                char *family = strndup(path, (size_t)(last - path));
                json_object_set_new(sizes, family, json_integer(n));
                free(family);
                put(m, path, json_integer(n));
            }
        }
        /* in passes: a metric bounded by another waits until that one has a value */
        for (int pass = 0; pass < 4; pass++)
        json_array_foreach(metrics, k, item) {
            const char *path = json_string_value(json_object_get(item, "path"));
            const char *type = json_string_value(json_object_get(item, "type"));
            const char *last = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;
            if (is_whole(last) || get_path(m, path)) continue;
            const char *waits = json_string_value(json_object_get(bounded, path));
            if (waits && !get_path(m, waits) && pass < 3) continue;
            bool is_bound = false; /* generated above as the size of a bounded metric */
            const char *key;
            json_t *val;
            json_object_foreach(bounded, key, val)
                if (!strcmp(json_string_value(val), path) && !json_object_get(bounded, path)) is_bound = true;
            if (is_bound) continue;
            const char *kind = json_string_value(json_object_get(item, "kind"));
            const char *other = json_string_value(json_object_get(bounded, path));
            json_t *v;
            if (uniform() < 0.03 && !json_is_false(json_object_get(item, "null_allowed"))) v = json_null();
            else if (other && json_is_integer(get_path(m, other))) {
                double share = 0.85 + uniform() * 0.15;
                v = json_integer((json_int_t)(share * (double)json_integer_value(get_path(m, other))));
            } else if (kind && !strcmp(kind, "ratio")) {
                v = json_real((double)(700 + (int)(uniform() * 301)) / 1000.0);
            } else if (kind && !strcmp(kind, "percent")) {
                v = json_integer(70 + (int)(uniform() * 31));
            } else if (kind && !strcmp(kind, "amount") && json_is_number(json_object_get(item, "max"))) {
                double lo = json_is_number(json_object_get(item, "min")) ? json_number_value(json_object_get(item, "min")) : 0;
                double hi = json_number_value(json_object_get(item, "max"));
                v = json_integer((json_int_t)(lo + uniform() * (hi - lo)));
            }
            else if (!strcmp(type, "date")) {
                char d[32];
                int day = 1 + (int)(uniform() * 40);
                if (day <= 31) snprintf(d, sizeof d, "2020-12-%02d", day);
                else snprintf(d, sizeof d, "2021-01-%02d", day - 31);
                v = json_string(d);
            } else if (!strcmp(type, "boolean")) {
                v = json_boolean(uniform() < 0.85);
            } else if (!strcmp(type, "string")) {
                v = json_string("có");
            } else {
                char *family = strndup(path, (size_t)(last - path));
                json_t *size = json_object_get(sizes, family);
                free(family);
                if (size) {
                    double share = 0.85 + uniform() * 0.15;
                    v = json_integer((json_int_t)(share * (double)json_integer_value(size)));
                } else {
                    v = json_integer((json_int_t)(uniform() * 10));
                }
            }
            put(m, path, v);
        }
        char id[32], name[64];
        snprintf(id, sizeof id, "u%06ld", i);
        snprintf(name, sizeof name, "Đơn vị số %ld", i);
        json_t *sub = json_pack("{s:{s:s,s:s,s:s},s:s,s:o}", "unit", "id", id, "name", name, "level",
                                levels[i % 5], "period", "2021", "metrics", m);
        char *s = json_dumps(sub, JSON_COMPACT);
        if (corrupt && next_random() % 2) put_corrupted(s);
        else puts(s);
        free(s);
        json_decref(sub);
        json_decref(sizes);
        json_decref(bounded);
    }
    json_decref(metrics);
    chiso_program_free(prog);
    return 0;
}

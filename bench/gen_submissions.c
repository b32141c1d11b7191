/* gen_submissions.c — realistic synthetic submissions for any rules file:
 *   gen_submissions RULES COUNT [SEED] > batch.ndjson
 * Reads the metrics the rules use (chiso_program_metrics) and writes COUNT
 * submissions, one JSON per line, seeded so that runs repeat. Counts come
 * in families: a path ending in total/tasks/count gets a size in the
 * thousands, and its sibling counts a share near the usual targets (85–100 %)
 * so that bands on both sides are hit; dates fall around the end of the
 * year; booleans are mostly true; about 3 % of values are null (did not arise). */
#include "chiso.h"

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

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: gen_submissions RULES COUNT [SEED]\n", stderr);
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
        json_array_foreach(metrics, k, item) {
            const char *path = json_string_value(json_object_get(item, "path"));
            const char *last = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;
            if (is_whole(last)) {
                long n = 20 + (long)(uniform() * 15000);
                char *family = strndup(path, (size_t)(last - path));
                json_object_set_new(sizes, family, json_integer(n));
                free(family);
                put(m, path, json_integer(n));
            }
        }
        json_array_foreach(metrics, k, item) {
            const char *path = json_string_value(json_object_get(item, "path"));
            const char *type = json_string_value(json_object_get(item, "type"));
            const char *last = strrchr(path, '.') ? strrchr(path, '.') + 1 : path;
            if (is_whole(last)) continue;
            json_t *v;
            if (uniform() < 0.03) v = json_null();
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
        puts(s);
        free(s);
        json_decref(sub);
        json_decref(sizes);
    }
    json_decref(metrics);
    chiso_program_free(prog);
    return 0;
}

/* parse_baseline.c — the yardstick for `chiso score`: jansson alone
 * parsing the same NDJSON (one json_loadb per line, then freeing it); and
 * for `chiso check`: jansson parsing one whole document into a tree (a
 * JSON rendering of the same index, bench/gen_rules.sh N 0 json).
 *   parse_baseline < batch.ndjson          prints the number of objects parsed
 *   parse_baseline --whole < index.json    prints 1 when the document parsed */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static int whole(void)
{
    json_error_t err;
    json_t *j = json_loadf(stdin, JSON_REJECT_DUPLICATES, &err);
    int ok = j != NULL;
    printf("%d\n", ok);
    json_decref(j);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--whole")) return whole();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long ok = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        json_error_t err;
        json_t *j = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &err);
        if (j) ok++;
        json_decref(j);
    }
    free(line);
    printf("%ld\n", ok);
    return 0;
}

/* parse_baseline.c — the yardstick for `chiso score`: jansson alone
 * parsing the same NDJSON (one json_loadb per line, then freeing it).
 *   parse_baseline < batch.ndjson     prints the number of objects parsed */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

int main(void)
{
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

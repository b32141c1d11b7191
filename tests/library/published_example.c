/* published_example.c RULES SUBMISSION... — the published tables through
 * the library (include/chiso_batch.h): scores a batch as `chiso score`
 * does, ranks it, and prints chiso_batch_published_json() as JSON, for
 * published_api_test.sh to compare with `chiso score -f published`. */
#include "chiso.h"
#include "chiso_batch.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: published_example RULES SUBMISSION...\n");
        return 2;
    }
    chiso_program *prog = chiso_program_load(argv[1]);
    if (!prog || chiso_program_errors(prog)) {
        fprintf(stderr, "published_example: %s does not load\n", argv[1]);
        chiso_program_free(prog);
        return 1;
    }
    chiso_inputs *in = chiso_inputs_open(argv + 2, argc - 2);
    if (!in) {
        chiso_program_free(prog);
        return 2;
    }
    chiso_batch_options opts = {0, 0, 2, false, false, "published", 0, -1, NULL};
    chiso_batch *b = chiso_batch_run(prog, &opts, in);
    chiso_inputs_close(in);
    chiso_batch_rank(b, 2);
    json_t *tables = chiso_batch_published_json(b);
    int code = json_is_array(tables) ? 0 : 1;
    json_dumpf(tables, stdout, JSON_COMPACT);
    putchar('\n');
    json_decref(tables);
    chiso_batch_free(b);
    chiso_program_free(prog);
    return code;
}

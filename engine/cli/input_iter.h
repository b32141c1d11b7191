/* input_iter.h — submissions one at a time, for batches too large to hold:
 * files and directories are expanded to a list of paths up front (small),
 * but each file is read only when its turn comes, and NDJSON on standard
 * input is read line by line. */
#ifndef CHISO_INPUT_ITER_H
#define CHISO_INPUT_ITER_H

#include "cli.h"

typedef struct input_iter input_iter_t;

/* Expands the arguments; false (with a message on stderr) for a usage
 * problem such as an empty directory or "-" given twice. */
input_iter_t *input_iter_open(char **args, int nargs);
/* The next submission into *out, which is zeroed or recycled (free with
 * input_clear); false at the end. */
bool input_iter_next(input_iter_t *it, cli_input_t *out);
/* How many submissions there will be, or -1 when unknown (stdin). */
long input_iter_total(const input_iter_t *it);
/* Why standard input could not be read to its end (a read error, not the
 * end of file): the batch is then incomplete and must fail. NULL if fine. */
const char *input_iter_error(const input_iter_t *it);
void input_iter_close(input_iter_t *it);
void input_clear(cli_input_t *in);
/* Done with a submission: keeps only its text buffer, for the next line of
 * standard input (a batch reads a million lines; copying each into fresh
 * memory made the allocator the bottleneck). */
void input_recycle(cli_input_t *in);

#endif

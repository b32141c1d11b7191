/* input_iter.h — submissions one at a time, for batches too large to hold:
 * files and directories are expanded to a list of paths up front (small),
 * but each file is read only when its turn comes, and NDJSON on standard
 * input is read line by line. */
#ifndef CHISO_INPUT_ITER_H
#define CHISO_INPUT_ITER_H

#include "chiso_batch.h"

/* The public chiso_inputs (chiso_batch.h) is this iterator. */
typedef struct chiso_inputs input_iter_t;

/* Expands the arguments; false (with a message on stderr) for a usage
 * problem such as an empty directory or "-" given twice. */
input_iter_t *input_iter_open(char **args, int nargs);
/* Writes "<stdin>:LINE", the origin of a line of standard input, into buf
 * (at least STDIN_ORIGIN_SIZE bytes), without printf: this runs once per
 * submission. Returns buf. */
enum { STDIN_ORIGIN_SIZE = 32 };
char *stdin_origin_text(unsigned long long line, char *buf);
/* NDJSON read from `in` as "-" reads standard input (origins "<stdin>:LINE"). */
input_iter_t *input_iter_open_stream(FILE *in);
/* The next submission into *out, which is zeroed or recycled (free with
 * input_clear); false at the end. */
bool input_iter_next(input_iter_t *it, chiso_input *out);
/* How many submissions there will be, or -1 when unknown (stdin). */
long input_iter_total(const input_iter_t *it);
/* Why standard input could not be read to its end (a read error, not the
 * end of file): the batch is then incomplete and must fail. NULL if fine. */
const char *input_iter_error(const input_iter_t *it);
void input_iter_close(input_iter_t *it);
void input_clear(chiso_input *in);
/* Done with a submission: keeps only its text buffer, for the next line of
 * standard input (a batch reads a million lines; copying each into fresh
 * memory made the allocator the bottleneck). */
void input_recycle(chiso_input *in);

/* Reads one submission file into *out (error set when it cannot be read,
 * is not a regular file, or is larger than CHISO_MAX_SUBMISSION_BYTES). */
void input_read_file(const char *path, chiso_input *out);

/* Paths found in a directory; error != NULL: reported as an error result
 * for that path (unreadable directory, FIFO, dangling link...). */
typedef struct {
    struct { char *path, *error; } *items;
    size_t count, cap;
} input_found_t;
/* The real files and directories a walk has seen (device and inode). */
typedef struct input_seen input_seen_t;
input_seen_t *input_seen_new(void);
void input_seen_free(input_seen_t *s);
/* Appends the *.json files below `dir` (recursively, links followed once
 * per real file or directory) to `found`. */
void input_walk_json(const char *dir, input_found_t *found, input_seen_t *seen);
int input_cmp_str(const void *a, const void *b);
/* "a FIFO", "a character device"... for messages. */
const char *input_file_kind(unsigned mode);

#endif

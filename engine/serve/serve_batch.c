/* serve_batch.c — a batch of /v1/score scored within the service's time
 * limit per request (--max-time). The body is read through a stream that
 * looks at the clock on every refill of its buffer: once the limit has
 * passed, the read fails, the batch stops at the next line and the
 * request is answered 503 instead of holding a worker thread. */
#define _GNU_SOURCE /* fopencookie */
#include "serve.h"

#include "chiso.h"
#include "chiso_batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *data;
    size_t len, pos;
    struct timespec deadline;
    bool expired;
} timed_body_t;

static bool past(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

static ssize_t timed_read(void *cookie, char *buf, size_t size)
{
    timed_body_t *b = cookie;
    if (b->expired || past(&b->deadline)) {
        b->expired = true;
        errno = ETIMEDOUT;
        return -1;
    }
    size_t n = b->len - b->pos < size ? b->len - b->pos : size;
    memcpy(buf, b->data + b->pos, n);
    b->pos += n;
    return (ssize_t)n;
}

char *serve_score_batch(const struct chiso_program *prog, size_t index, const char *body, size_t len,
                        int rank_decimals, unsigned flags, const char *format, double max_time,
                        size_t *failed, bool *timed_out)
{
    *failed = 0;
    *timed_out = false;
    timed_body_t tb = {body && len ? body : "\n", body && len ? len : 1, 0, {0, 0}, false};
    clock_gettime(CLOCK_MONOTONIC, &tb.deadline);
    double whole = (double)(time_t)max_time;
    tb.deadline.tv_sec += (time_t)whole;
    tb.deadline.tv_nsec += (long)((max_time - whole) * 1e9);
    if (tb.deadline.tv_nsec >= 1000000000L) {
        tb.deadline.tv_sec++;
        tb.deadline.tv_nsec -= 1000000000L;
    }
    /* a small buffer: the clock is looked at every 16 KiB of submissions */
    FILE *in = fopencookie(&tb, "r", (cookie_io_functions_t){.read = timed_read});
    if (!in) return NULL;
    setvbuf(in, NULL, _IOFBF, 16384);
    chiso_inputs *inputs = chiso_inputs_from_stream(in);
    chiso_batch_options o = {.index = index, .flags = flags, .jobs = 1, .format = format, .round = -1};
    chiso_batch *b = chiso_batch_run(prog, &o, inputs);
    bool ok = chiso_batch_complete(b) && !chiso_inputs_error(inputs) && !tb.expired;
    chiso_inputs_close(inputs);
    fclose(in);
    *timed_out = tb.expired;
    char *out = NULL;
    size_t size = 0;
    if (ok) {
        chiso_batch_rank(b, rank_decimals);
        FILE *m = open_memstream(&out, &size);
        ok = m && chiso_batch_render(b, m);
        if (m && fclose(m) != 0) ok = false;
        if (!ok) {
            free(out);
            out = NULL;
        }
        *failed = chiso_batch_failed(b);
    }
    chiso_batch_free(b);
    return out;
}

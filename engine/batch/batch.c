/* batch.c — the threaded, streaming scoring pipeline (see batch.h).
 *
 * One producer (the calling thread) reads submissions into a ring of
 * 4 × jobs slots of CHUNK submissions each; workers take slots in order of
 * arrival and score them outside the lock; a writer thread takes finished
 * slots strictly in input order, appends the results to the spool and keeps
 * their summaries. The ring bounds the memory in flight; the order of the
 * spool never depends on which worker finished first. Submissions travel in
 * chunks so that locking and waking threads cost little per submission.
 * With -j 1 there are no threads: the same steps run in the calling thread.
 *
 * Memory per worker: a parse arena for jansson (reset after each
 * submission) and a store of summaries (kept for the batch). The writer
 * also gathers the statistics per criterion, in input order. */
#include "batch.h"

#include "engine/compile/loaded_program.h"
#include "engine/eval/result.h"
#include "engine/support/json_arena.h"
#include "engine/support/json_fast.h"
#include "engine/support/json_refs.h"
#include "engine/support/rat_text.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE } slot_state;

#define CHUNK 64
/* The spool's stdio buffer and the first size of its reading buffer:
 * 64 KiB is few system calls (about one per 150 results of a district)
 * and few fresh pages, each a page fault. */
#define SPOOL_BUFFER (64 << 10)

typedef struct {
    slot_state state;
    int n;                      /* submissions in this chunk */
    chiso_input input[CHUNK];
    strbuf_t json[CHUNK];       /* the results, compact, without rank; buffers reused */
    unit_summary_t summary[CHUNK];
    node_rec_t *recs;           /* for the statistics per criterion (text, html): CHUNK × nodes */
} slot_t;

typedef struct {
    const batch_opts_t *opts;
    batch_t *out;
    slot_t *ring;
    size_t nring;
    size_t produced, taken, written;
    bool eof, stop;
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a chunk is ready for a worker */
    pthread_cond_t done;      /* a chunk is scored: the writer may go on */
    pthread_cond_t space;     /* a slot is free: the producer may go on */
    int nnodes;               /* nodes of the index: records per submission */
    long total;
    struct timespec start;
    double last_progress;
} pipeline_t;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Each criterion's points, in preorder, as text, one line a unit: CSV
 * spools them, so that what stays in memory does not grow with the
 * criteria. */
static void leaf_points(const chiso_result *r, strbuf_t *line, char sep, char point)
{
    bool first = true;
    for (int i = 1; i < r->ci->nnodes; i++) {
        if (r->ci->nodes[i].nchildren) continue;
        if (!first) sb_addc(line, sep);
        first = false;
        sb_add_rat6(line, r->nodes[i].points, point);
    }
    sb_addc(line, '\n');
}

/* Nodes of the index being scored (0 when the rules have none to score with). */
static int node_count(const batch_opts_t *o)
{
    const program_t *prog = &o->prog->prog;
    if (!prog->compiled || o->index >= prog->nindexes) return 0;
    int n = 0; /* the most of any version the batch may score with (records are sized by it) */
    for (size_t i = 0; i < prog->nindexes; i++)
        if (prog->compiled[i]->nnodes > n) n = prog->compiled[i]->nnodes;
    return n;
}

/* Scores one submission into its summary and, when results are spooled,
 * its result JSON or its criteria's points (into `json`, a buffer reused
 * from one unit to the next). */
static void score_one(const batch_opts_t *o, const json_refs_t *refs, chiso_input *in, strbuf_t *json,
                      unit_summary_t *summary, node_rec_t *recs, unit_store_t *store, json_arena_t *parse)
{
    /* Every jansson value made below is released before json_arena_end. */
    json_arena_begin(parse);
    chiso_result *r = in->text ? chiso_score_text_ex(o->prog, o->index, in->text, in->len, in->origin, o->flags)
                               : chiso_result_error(o->prog, o->index, in->origin, in->error);
    unit_summarize(r, summary, store);
    if (recs && r->ok && r->ci) criteria_record(r, recs);
    json->len = 0;
    if (o->need_results) {
        /* the rank is known only when the batch is complete; the constant
         * pieces go to the spool as codes, expanded when it is read back */
        result_write_json_refs(r, json, false, refs);
        sb_addc(json, '\n');
    } else if (o->need_leaves && r->ok) {
        leaf_points(r, json, o->leaf_sep ? o->leaf_sep : ' ', o->leaf_point ? o->leaf_point : '.');
    }
    chiso_result_free(r);
    json_arena_end(parse);
    input_recycle(in);
}

typedef struct {
    pipeline_t *p;
    unit_store_t *store; /* this worker's: no lock to summarize */
} worker_arg;

static void *worker(void *arg)
{
    pipeline_t *p = ((worker_arg *)arg)->p;
    unit_store_t *store = ((worker_arg *)arg)->store;
    json_arena_t *parse = json_arena_new();
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->taken == p->produced && !p->eof && !p->stop) pthread_cond_wait(&p->work, &p->mu);
        if (p->taken == p->produced) break; /* eof or stop, and nothing left */
        slot_t *slot = &p->ring[p->taken % p->nring];
        p->taken++;
        slot->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        for (int i = 0; i < slot->n; i++)
            score_one(p->opts, p->out->refs, &slot->input[i], &slot->json[i], &slot->summary[i],
                      slot->recs ? slot->recs + (size_t)i * (size_t)p->nnodes : NULL, store, parse);
        pthread_mutex_lock(&p->mu);
        slot->state = SLOT_DONE;
        if (slot == &p->ring[p->written % p->nring]) pthread_cond_signal(&p->done); /* the one the writer waits for */
    }
    pthread_mutex_unlock(&p->mu);
    json_arena_free(parse);
    return NULL;
}

static void progress_line(pipeline_t *p, bool final)
{
    double t = now_seconds() - ((double)p->start.tv_sec + (double)p->start.tv_nsec / 1e9);
    if (!final && t - p->last_progress < 0.25) return;
    p->last_progress = t;
    size_t units = p->out->count;
    double rate = t > 0 ? (double)units / t : 0;
    fprintf(stderr, "\r\033[K  %zu", units);
    if (p->total >= 0) fprintf(stderr, "/%ld", p->total);
    fprintf(stderr, " units · %.0f/s", rate);
    if (p->total >= 0 && rate > 0 && !final)
        fprintf(stderr, " · ETA %.0fs", ((double)p->total - (double)units) / rate);
    if (final) fputc('\n', stderr);
}

/* Room for one more summary. The array is one block, grown by doubling;
 * from 64 KiB on it moves to memory that huge pages may back (see
 * xmalloc_large), at once 2 MiB: growing through 128 KiB, 256 KiB ... in
 * small pages would touch each of them fresh (a page fault every 4 KiB,
 * and again for every copy), where a huge page is one fault. */
static void push_unit(batch_t *b)
{
    enum { SMALL_BYTES = 64 << 10, HUGE_BYTES = 2 << 20 };
    if (b->count < b->cap) return;
    size_t cap = b->cap ? b->cap * 2 : 256;
    if (cap * sizeof *b->units < SMALL_BYTES) {
        b->units = xrealloc(b->units, cap * sizeof *b->units);
        b->cap = cap;
        return;
    }
    if (cap * sizeof *b->units < HUGE_BYTES) cap = HUGE_BYTES / sizeof *b->units;
    unit_summary_t *units = xmalloc_large(cap * sizeof *units);
    if (b->count) memcpy(units, b->units, b->count * sizeof *units);
    free(b->units);
    b->units = units;
    b->cap = cap;
}

/* One result line into the spool; a short write (a full disk) is kept in
 * spool_errno and stops the batch. */
static bool spool_write(batch_t *out, const strbuf_t *json)
{
    if (out->spool_errno) return false;
    const struct spool_mark *last = out->nmarks ? &out->spool_marks[out->nmarks - 1] : NULL;
    if (!last || out->spooled - last->line >= BATCH_BLOCK_LINES ||
        out->spool_bytes - last->offset >= BATCH_BLOCK_BYTES) { /* where the next block starts */
        if (out->nmarks == out->marks_cap) {
            out->marks_cap = out->marks_cap ? 2 * out->marks_cap : 64;
            out->spool_marks = xrealloc(out->spool_marks, out->marks_cap * sizeof *out->spool_marks);
        }
        out->spool_marks[out->nmarks++] = (struct spool_mark){out->spooled, out->spool_bytes};
    }
    errno = 0;
    if (fwrite(json->data, 1, json->len, out->spool) != json->len) {
        out->spool_errno = errno ? errno : EIO;
        return false;
    }
    out->spooled++;
    out->spool_bytes += json->len;
    return true;
}

static void *writer(void *arg)
{
    pipeline_t *p = arg;
    batch_t *out = p->out;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot_t *slot = &p->ring[p->written % p->nring];
        while (!(p->written < p->produced && slot->state == SLOT_DONE) &&
               !(p->written == p->produced && (p->eof || p->stop)))
            pthread_cond_wait(&p->done, &p->mu);
        if (p->written == p->produced) break;
        pthread_mutex_unlock(&p->mu);
        /* Outside the lock: the slot is DONE and only the writer touches it now. */
        size_t failed = 0;
        int kept = slot->n;
        for (int i = 0; i < slot->n; i++) {
            if (i < kept) { /* the rest is dropped after --fail-fast */
                if (slot->json[i].len) spool_write(out, &slot->json[i]);
                push_unit(out);
                out->units[out->count++] = slot->summary[i];
                if (slot->recs && slot->summary[i].ok)
                    criteria_add(&out->criteria, unit_level(&slot->summary[i]), unit_period(&slot->summary[i]),
                                 unit_ci(&slot->summary[i]), slot->recs + (size_t)i * (size_t)p->nnodes);
                if (!slot->summary[i].ok) {
                    failed++;
                    if (p->opts->fail_fast) kept = i + 1;
                }
            }
        }
        pthread_mutex_lock(&p->mu);
        out->failed += failed;
        if (out->spool_errno) { /* a full disk: stop reading, the run fails */
            p->stop = true;
            pthread_cond_broadcast(&p->work);
        }
        if (failed && p->opts->fail_fast) {
            p->stop = true;
            out->stopped = true;
            pthread_cond_broadcast(&p->work);
        }
        slot->state = SLOT_FREE;
        slot->n = 0;
        p->written++;
        if (p->opts->progress) progress_line(p, false);
        /* The reader is woken when half the ring is free, to fill it in one go. */
        if (p->stop || p->produced - p->written <= p->nring / 2) pthread_cond_signal(&p->space);
        if (out->stopped || out->spool_errno) break;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static const char *spool_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}

/* The spool: a file made in $TMPDIR and unlinked at once, so that it goes
 * away with the process however it ends. */
static FILE *spool_open(void)
{
    const char *dir = spool_dir();
    char *path = xasprintf("%s/chiso-spool-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        fprintf(stderr, "chiso: cannot create a temporary file in %s: %s (set TMPDIR to a directory with room)\n",
                dir, strerror(errno));
        free(path);
        return NULL;
    }
    unlink(path);
    free(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        fprintf(stderr, "chiso: cannot use a temporary file in %s: %s\n", dir, strerror(errno));
        close(fd);
    }
    return f;
}

/* After the run: everything written out of the buffer and the spool
 * rewound for reading, or a message saying why not. */
static bool spool_finish(batch_t *out)
{
    if (!out->spool) return true;
    errno = 0;
    if (!out->spool_errno && (fflush(out->spool) != 0 || ferror(out->spool)))
        out->spool_errno = errno ? errno : EIO;
    if (!out->spool_errno && fseek(out->spool, 0, SEEK_SET) != 0) out->spool_errno = errno ? errno : EIO;
    if (out->spool_errno) {
        fprintf(stderr, "chiso: cannot write the temporary file in %s: %s; the batch stopped after %zu units "
                        "(set TMPDIR to a directory with room)\n",
                spool_dir(), strerror(out->spool_errno), out->spooled);
        return false;
    }
    return true;
}

/* The next spooled line, which must be whole (a JSON object, or any line
 * of criteria's points), where it lies in the reading buffer: valid until
 * the next call. The spool is read in blocks of SPOOL_BUFFER or more, with
 * read(2) straight into the buffer (its stream was flushed and rewound:
 * stdio would copy each block once more); a line cut by the end of a
 * block is moved to the front before the next. */
static bool spool_line(batch_t *b, const char **line, size_t *len, bool object)
{
    for (;;) {
        char *start = b->spool_read + b->spool_read_pos;
        size_t avail = b->spool_read_end - b->spool_read_pos;
        char *nl = avail ? memchr(start, '\n', avail) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - start) + 1;
            b->spool_read_pos += n;
            if (object && (n < 2 || start[n - 2] != '}')) break;
            *line = start;
            *len = n;
            return true;
        }
        if (b->spool_read_pos) {
            memmove(b->spool_read, start, avail);
            b->spool_read_pos = 0;
            b->spool_read_end = avail;
        }
        if (b->spool_read_end == b->spool_read_cap) {
            b->spool_read_cap = b->spool_read_cap ? 2 * b->spool_read_cap : SPOOL_BUFFER;
            b->spool_read = xrealloc(b->spool_read, b->spool_read_cap);
        }
        ssize_t got;
        do got = read(fileno(b->spool), b->spool_read + b->spool_read_end, b->spool_read_cap - b->spool_read_end);
        while (got < 0 && errno == EINTR);
        if (got <= 0) {
            fprintf(stderr, "chiso: the temporary file of results %s (%s); the output would be incomplete\n",
                    avail == 0 && got == 0 ? "ends early" : "cannot be read back",
                    got < 0 ? strerror(errno) : "damaged or truncated");
            return false;
        }
        b->spool_read_end += (size_t)got;
    }
    fprintf(stderr, "chiso: the temporary file of results cannot be read back (damaged or truncated); "
                    "the output would be incomplete\n");
    return false;
}

bool batch_spool_raw(batch_t *b, const char **line, size_t *n) { return spool_line(b, line, n, true); }

bool batch_spool_expand(const batch_t *b, const char *line, size_t n, strbuf_t *out)
{
    if (!b->refs) {
        sb_add(out, line, n);
        return true;
    }
    return json_refs_expand(b->refs, line, n, out);
}

bool batch_spool_append(batch_t *b, strbuf_t *out)
{
    const char *line;
    size_t n;
    if (!spool_line(b, &line, &n, true)) return false;
    if (!batch_spool_expand(b, line, n - 1, out)) { /* and its '\n' after */
        fputs("chiso: the temporary file of results cannot be read back (damaged or truncated); "
              "the output would be incomplete\n", stderr);
        return false;
    }
    sb_addc(out, '\n');
    return true;
}

size_t batch_spool_blocks(const batch_t *b)
{
    if (!b->spool || b->spool_errno || (b->spooled && !b->nmarks)) return 0;
    return b->nmarks;
}

/* pread(2): no shared file position, so that threads read blocks at once. */
bool batch_spool_block(const batch_t *b, size_t k, strbuf_t *raw, size_t *first, size_t *lines, const char **why)
{
    size_t from = b->spool_marks[k].offset, to = k + 1 < b->nmarks ? b->spool_marks[k + 1].offset : b->spool_bytes;
    *first = b->spool_marks[k].line;
    *lines = (k + 1 < b->nmarks ? b->spool_marks[k + 1].line : b->spooled) - *first;
    raw->len = 0;
    sb_reserve(raw, to - from + 1);
    int fd = fileno(b->spool);
    while (raw->len < to - from) {
        ssize_t got = pread(fd, raw->data + raw->len, to - from - raw->len, (off_t)(from + raw->len));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            *why = got < 0 ? strerror(errno) : "it ends early";
            return false;
        }
        raw->len += (size_t)got;
    }
    raw->data[raw->len] = '\0';
    return true;
}

/* Into the caller's buffer (grown as needed: a strbuf's is malloc'd, as
 * getline's is). */
static bool into_caller(batch_t *b, char **line, size_t *cap, size_t *len)
{
    strbuf_t text = {*line, 0, *cap};
    bool ok = batch_spool_append(b, &text);
    *line = text.data;
    *cap = text.cap;
    *len = text.len;
    return ok;
}

bool batch_spool_next(batch_t *b, char **line, size_t *cap, size_t *len) { return into_caller(b, line, cap, len); }

bool batch_spool_leaves_raw(batch_t *b, const char **line, size_t *n) { return spool_line(b, line, n, false); }

/* -j 1: read, score and spool in this thread, with no hand-offs at all. */
static void run_inline(const batch_opts_t *opts, input_iter_t *inputs, batch_t *out)
{
    pipeline_t p;
    memset(&p, 0, sizeof p);
    p.opts = opts;
    p.out = out;
    p.total = input_iter_total(inputs);
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    chiso_input in = {0};
    strbuf_t json;
    sb_init(&json);
    int nnodes = node_count(opts);
    node_rec_t *recs = opts->need_criteria && nnodes ? xcalloc((size_t)nnodes, sizeof *recs) : NULL;
    json_arena_t *parse = json_arena_new();
    while (input_iter_next(inputs, &in)) {
        unit_summary_t summary;
        score_one(opts, out->refs, &in, &json, &summary, recs, &out->stores[0], parse);
        if (json.len && !spool_write(out, &json)) break;
        push_unit(out);
        out->units[out->count++] = summary;
        if (recs && summary.ok) criteria_add(&out->criteria, unit_level(&summary), unit_period(&summary), unit_ci(&summary), recs);
        if (opts->progress) progress_line(&p, false);
        if (!summary.ok) {
            out->failed++;
            if (opts->fail_fast) {
                out->stopped = true;
                break;
            }
        }
    }
    sb_free(&json);
    input_clear(&in);
    free(recs);
    json_arena_free(parse);
    if (opts->progress) progress_line(&p, true);
}

bool batch_run(const batch_opts_t *opts, input_iter_t *inputs, batch_t *out)
{
    json_arena_install();
    memset(out, 0, sizeof *out);
    out->jobs = opts->jobs;
    out->leaf_sep = opts->leaf_sep ? opts->leaf_sep : ' ';
    out->leaf_point = opts->leaf_point ? opts->leaf_point : '.';
    if (opts->need_results || opts->need_leaves) { /* the published tables: no spool at all */
        out->spool = spool_open();
        if (!out->spool) return false;
        /* Results pass through the spool twice: big buffers, few system
         * calls. glibc takes the size only with a buffer given to it. */
        out->spool_buf = xmalloc(SPOOL_BUFFER);
        setvbuf(out->spool, out->spool_buf, _IOFBF, SPOOL_BUFFER);
        if (opts->need_results) out->refs = result_json_refs(opts->prog);
    }
    if (opts->need_criteria && node_count(opts)) {
        criteria_init(&out->criteria, opts->prog->prog.compiled[opts->index]);
        out->has_criteria = true;
    }
    if (opts->jobs <= 1) {
        out->stores = xcalloc(1, sizeof *out->stores);
        out->nstores = 1;
        unit_store_init(&out->stores[0]);
        double t0 = now_seconds();
        run_inline(opts, inputs, out);
        out->seconds = now_seconds() - t0;
        if (out->has_criteria) criteria_finish(&out->criteria);
        return spool_finish(out);
    }
    pipeline_t p;
    memset(&p, 0, sizeof p);
    p.opts = opts;
    p.out = out;
    int jobs = opts->jobs;
    p.nring = (size_t)jobs * 4;
    p.ring = xcalloc(p.nring, sizeof *p.ring);
    p.nnodes = node_count(opts);
    if (opts->need_criteria && p.nnodes)
        for (size_t i = 0; i < p.nring; i++)
            p.ring[i].recs = xcalloc((size_t)CHUNK * (size_t)p.nnodes, sizeof *p.ring[i].recs);
    p.total = input_iter_total(inputs);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_cond_init(&p.space, NULL);
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    double t0 = now_seconds();

    /* jansson seeds its hash function on first use; seed it before threads
     * start, as its documentation asks of multithreaded programs. */
    json_object_seed(0);
    json_fast_init(); /* simdjson, too, chooses its code on first use */
    pthread_t *threads = xcalloc((size_t)jobs, sizeof *threads);
    worker_arg *args = xcalloc((size_t)jobs, sizeof *args);
    out->stores = xcalloc((size_t)jobs, sizeof *out->stores);
    out->nstores = jobs;
    pthread_t wthread;
    for (int i = 0; i < jobs; i++) {
        unit_store_init(&out->stores[i]);
        args[i] = (worker_arg){&p, &out->stores[i]};
        pthread_create(&threads[i], NULL, worker, &args[i]);
    }
    pthread_create(&wthread, NULL, writer, &p);

    bool more = true;
    while (more) {
        pthread_mutex_lock(&p.mu);
        while (p.produced - p.written >= p.nring && !p.stop) pthread_cond_wait(&p.space, &p.mu);
        bool stop = p.stop;
        pthread_mutex_unlock(&p.mu);
        if (stop) break;
        slot_t *slot = &p.ring[p.produced % p.nring];
        slot->n = 0;
        while (slot->n < CHUNK && (more = input_iter_next(inputs, &slot->input[slot->n]))) slot->n++;
        if (slot->n == 0) break;
        pthread_mutex_lock(&p.mu);
        slot->state = SLOT_READY;
        p.produced++;
        pthread_cond_signal(&p.work);
        pthread_mutex_unlock(&p.mu);
    }
    pthread_mutex_lock(&p.mu);
    p.eof = true;
    pthread_cond_broadcast(&p.work);
    pthread_cond_broadcast(&p.done);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < jobs; i++) pthread_join(threads[i], NULL);
    pthread_join(wthread, NULL);
    if (opts->progress) progress_line(&p, true);
    /* After --fail-fast, chunks read or scored but not written are dropped. */
    for (size_t i = 0; i < p.nring; i++) {
        slot_t *slot = &p.ring[i];
        for (int k = 0; k < CHUNK; k++) {
            input_clear(&slot->input[k]);
            sb_free(&slot->json[k]);
        }
        free(slot->recs);
    }
    free(p.ring);
    free(threads);
    free(args);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.space);
    out->seconds = now_seconds() - t0;
    if (out->has_criteria) criteria_finish(&out->criteria);
    return spool_finish(out);
}

void batch_free(batch_t *b)
{
    free(b->units);
    if (b->franks_own) free(b->franks.data);
    for (int i = 0; i < b->nstores; i++) unit_store_free(&b->stores[i]);
    if (b->has_criteria) criteria_free(&b->criteria);
    free(b->stores);
    if (b->spool) fclose(b->spool);
    free(b->spool_buf); /* after fclose: the stream used it to the end */
    free(b->spool_read);
    free(b->spool_marks);
    json_refs_free(b->refs);
    memset(b, 0, sizeof *b);
}

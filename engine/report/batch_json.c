/* batch_json.c — a scored batch as JSON (an array) or NDJSON (a line a
 * unit): each spooled result, its codes expanded, with its rank and
 * field ranks spliced in before its final brace (a unit whose ID and
 * period repeat gets its finding through jansson).
 *
 * With several threads (-j N), the final pass is split: blocks of up to
 * BATCH_BLOCK_LINES results are read from the spool and made into their
 * text by N threads at once, and the calling thread writes them out in
 * order. Only a few blocks are in flight at a time, so memory does not
 * grow with the batch. */
#include "batch_output.h"

#include "engine/compile/compile.h"
#include "engine/eval/result.h"
#include "engine/support/json_exact.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Output gathered 64 KiB at a time: larger pieces cost fresh pages (page
 * faults) for fewer system calls than that saves. */
enum { OUTPUT_CHUNK = 64 << 10 };

typedef struct {
    batch_t *b;
    const render_opts_t *o;
    const char **ids;
    int nfields;
    char **field_keys; /* the field IDs as JSON strings */
    /* With threads: held while jansson reads or writes a result, since it
     * reads numbers through localeconv(), whose result is shared. */
    pthread_mutex_t *jansson;
} json_out_t;

typedef enum { UNIT_OK, UNIT_UNREADABLE, UNIT_DAMAGED } unit_status;

/* A rank in JSON: the number, or null when not ranked. */
static void rank_text(strbuf_t *sb, long rank)
{
    char buf[48];
    sb_adds(sb, rank ? rat_format(rat_int(rank), 0, buf, sizeof buf) : "null");
}

/* Unit i's result as the output has it, from its raw spooled line (n
 * bytes, without '\n'), appended to `out` with the separator before it;
 * `scratch` is a buffer the caller reuses. */
static unit_status json_unit(const json_out_t *c, size_t i, const char *line, size_t n, strbuf_t *out,
                             strbuf_t *scratch)
{
    const render_opts_t *o = c->o;
    const unit_summary_t *u = &c->b->units[i];
    if ((o->format == OUT_NDJSON || !o->pretty) && !unit_duplicate_of(u)) {
        /* The spooled object with its ranks spliced in before the final brace. */
        if (o->format == OUT_JSON && i) sb_addc(out, ',');
        size_t at = out->len;
        if (!batch_spool_expand(c->b, line, n, out)) return UNIT_UNREADABLE;
        if (out->len == at || out->data[out->len - 1] != '}') return UNIT_UNREADABLE;
        out->len--;
        sb_adds(out, ",\"rank\":");
        rank_text(out, u->rank);
        if (u->ok && u->nfields) {
            sb_adds(out, ",\"field_ranks\":{");
            const cnode_t *root = &unit_ci(u)->nodes[0];
            for (int f = 0; f < u->nfields; f++) {
                if (f) sb_addc(out, ',');
                const char *fid = unit_ci(u)->nodes[root->children[f]].src->id;
                if (f < c->nfields && fid == c->ids[f]) {
                    sb_adds(out, c->field_keys[f]);
                } else { /* a unit scored by another version of the index: its own fields */
                    json_t *key = json_string(fid);
                    char *k = json_dumps(key, JSON_ENCODE_ANY);
                    sb_adds(out, k);
                    free(k);
                    json_decref(key);
                }
                sb_addc(out, ':');
                rank_text(out, unit_frank(u, f));
            }
            sb_addc(out, '}');
        }
        sb_addc(out, '}');
        if (o->format == OUT_NDJSON) sb_addc(out, '\n');
        return UNIT_OK;
    }
    scratch->len = 0;
    if (!batch_spool_expand(c->b, line, n, scratch)) return UNIT_UNREADABLE;
    sb_addc(scratch, '\n');
    if (c->jansson) pthread_mutex_lock(c->jansson);
    json_t *j = result_json_load(scratch->data, scratch->len, true, NULL);
    char *text = NULL;
    if (j) {
        batch_decorate(j, u, c->ids);
        size_t flags = JSON_REAL_PRECISION(15) | (o->pretty && o->format == OUT_JSON ? JSON_INDENT(2) : JSON_COMPACT);
        text = json_dumps_exact(j, flags); /* numbers as the unit wrote them */
        json_decref(j);
    }
    if (c->jansson) pthread_mutex_unlock(c->jansson);
    if (!j) return UNIT_DAMAGED;
    if (o->format == OUT_JSON && i) sb_adds(out, o->pretty ? ",\n" : ",");
    if (text) sb_adds(out, text);
    free(text);
    if (o->format == OUT_NDJSON) sb_addc(out, '\n');
    return UNIT_OK;
}

static void say_unreadable(void)
{
    fputs("chiso: the temporary file of results cannot be read back (damaged or truncated); "
          "the output would be incomplete\n", stderr);
}

static void say_damaged(size_t i)
{
    fprintf(stderr, "chiso: the temporary file of results is damaged at unit %zu; "
                    "the output would be incomplete\n", i + 1);
}

/* Writes `text` out; false, with errno kept, when the output fails. */
static bool put_out(strbuf_t *text, FILE *out, int *write_errno)
{
    if (text->len) fwrite(text->data, 1, text->len, out);
    text->len = 0;
    if (ferror(out)) {
        *write_errno = errno;
        return false;
    }
    return true;
}

/* One thread: the spool read line by line, the output gathered and
 * written OUTPUT_CHUNK at a time. */
static bool render_serial(const json_out_t *c, FILE *out, int *write_errno)
{
    strbuf_t text, scratch;
    sb_init(&text);
    sb_init(&scratch);
    bool whole = true;
    for (size_t i = 0; i < c->b->count && whole; i++) {
        const char *line;
        size_t n;
        if (!(whole = batch_spool_raw(c->b, &line, &n))) break;
        unit_status st = json_unit(c, i, line, n - 1, &text, &scratch);
        if (st != UNIT_OK) {
            if (st == UNIT_UNREADABLE) say_unreadable();
            else say_damaged(i);
            whole = false;
            break;
        }
        if (text.len >= OUTPUT_CHUNK && !put_out(&text, out, write_errno)) break;
    }
    if (whole) put_out(&text, out, write_errno);
    sb_free(&text);
    sb_free(&scratch);
    return whole;
}

/* Several threads: blocks claimed in order, each made into the text of
 * a slot of the ring; the calling thread writes the slots in order. */
enum { SLOT_FREE, SLOT_BUSY, SLOT_DONE, SLOT_FAILED };

typedef struct {
    const json_out_t *c;
    size_t nblocks, claimed, written, nring;
    struct {
        strbuf_t text;
        int state;
    } *ring;
    bool stop;
    /* the first failure, said once by the calling thread */
    unit_status failure;
    const char *why;
    size_t failed_unit;
    pthread_mutex_t mu;
    pthread_cond_t changed;
} par_t;

static void *render_blocks(void *arg)
{
    par_t *p = arg;
    strbuf_t raw, scratch;
    sb_init(&raw);
    sb_init(&scratch);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->claimed < p->nblocks && p->claimed >= p->written + p->nring)
            pthread_cond_wait(&p->changed, &p->mu);
        if (p->stop || p->claimed == p->nblocks) break;
        size_t k = p->claimed++;
        strbuf_t *text = &p->ring[k % p->nring].text;
        p->ring[k % p->nring].state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        /* Outside the lock: the slot is this thread's until DONE. */
        text->len = 0;
        const char *why = NULL;
        unit_status st = UNIT_OK;
        size_t i = 0, lines = 0;
        if (!batch_spool_block(p->c->b, k, &raw, &i, &lines, &why)) {
            st = UNIT_UNREADABLE;
        } else {
            size_t end = i + lines;
            const char *at = raw.data, *stop = raw.data + raw.len;
            for (; i < end; i++) {
                const char *nl = memchr(at, '\n', (size_t)(stop - at));
                if (!nl) {
                    st = UNIT_UNREADABLE;
                    break;
                }
                if ((st = json_unit(p->c, i, at, (size_t)(nl - at), text, &scratch)) != UNIT_OK) break;
                at = nl + 1;
            }
            if (st == UNIT_OK && at != stop) st = UNIT_UNREADABLE;
        }
        pthread_mutex_lock(&p->mu);
        p->ring[k % p->nring].state = st == UNIT_OK ? SLOT_DONE : SLOT_FAILED;
        if (st != UNIT_OK && p->failure == UNIT_OK) {
            p->failure = st;
            p->why = why;
            p->failed_unit = i;
        }
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->mu);
    sb_free(&raw);
    sb_free(&scratch);
    return NULL;
}

static bool render_parallel(const json_out_t *serial, size_t nblocks, int threads, FILE *out, int *write_errno)
{
    pthread_mutex_t jansson = PTHREAD_MUTEX_INITIALIZER;
    json_out_t shared = *serial;
    shared.jansson = &jansson;
    const json_out_t *c = &shared;
    par_t p;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.nblocks = nblocks;
    p.nring = (size_t)threads + 2; /* a block or two written or waiting while each thread makes one */
    p.ring = xcalloc(p.nring, sizeof *p.ring);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.changed, NULL);
    /* jansson (for repeated units) seeds its hashes on first use */
    json_object_seed(0);
    pthread_t *tids = xcalloc((size_t)threads, sizeof *tids);
    for (int t = 0; t < threads; t++) pthread_create(&tids[t], NULL, render_blocks, &p);
    bool whole = true;
    for (size_t k = 0; k < nblocks; k++) {
        pthread_mutex_lock(&p.mu);
        int state;
        while ((state = p.ring[k % p.nring].state) != SLOT_DONE && state != SLOT_FAILED)
            pthread_cond_wait(&p.changed, &p.mu);
        pthread_mutex_unlock(&p.mu);
        if (state == SLOT_FAILED) {
            whole = false;
            break;
        }
        /* Outside the lock: a DONE slot is not touched until it is FREE. */
        bool written = put_out(&p.ring[k % p.nring].text, out, write_errno);
        pthread_mutex_lock(&p.mu);
        p.ring[k % p.nring].state = SLOT_FREE;
        p.written++;
        if (!written) p.stop = true;
        pthread_cond_broadcast(&p.changed);
        pthread_mutex_unlock(&p.mu);
        if (!written) break;
    }
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.mu);
    for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
    if (!whole) {
        if (p.failure == UNIT_DAMAGED) {
            say_damaged(p.failed_unit);
        } else if (p.why) {
            fprintf(stderr, "chiso: the temporary file of results cannot be read back (%s); "
                            "the output would be incomplete\n", p.why);
        } else {
            say_unreadable();
        }
    }
    for (size_t s = 0; s < p.nring; s++) sb_free(&p.ring[s].text);
    free(p.ring);
    free(tids);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&jansson);
    return whole;
}

bool batch_render_json(batch_t *b, const char **ids, int nfields, const render_opts_t *o, FILE *out)
{
    /* The field IDs as JSON strings, once for the batch. */
    char **field_keys = xcalloc((size_t)(nfields ? nfields : 1), sizeof *field_keys);
    for (int f = 0; f < nfields; f++) {
        json_t *key = json_string(ids[f]);
        field_keys[f] = json_dumps(key, JSON_ENCODE_ANY);
        json_decref(key);
    }
    json_out_t c = {b, o, ids, nfields, field_keys, NULL};
    int write_errno = 0;
    if (o->format == OUT_JSON) fputs(o->pretty ? "[\n" : "[", out);
    size_t nblocks = batch_spool_blocks(b);
    bool whole = b->jobs > 1 && nblocks > 1 && b->spooled == b->count
                     ? render_parallel(&c, nblocks, b->jobs, out, &write_errno)
                     : render_serial(&c, out, &write_errno);
    for (int f = 0; f < nfields; f++) free(field_keys[f]);
    free(field_keys);
    if (!whole) return false;
    if (o->format == OUT_JSON && !ferror(out)) fputs(o->pretty ? "\n]\n" : "]\n", out);
    if (write_errno) errno = write_errno;
    return !ferror(out);
}

/* text_api.c — the calls of chiso_text.h: JSON text in, JSON text out,
 * over the same calls the command uses (chiso.h, chiso_batch.h), so that a
 * binding or a service gets the command's results byte for byte. */
#include "chiso_text.h"

#include "chiso.h"
#include "chiso_appraise.h"
#include "chiso_batch.h"

#include "engine/api/program_impl.h"
#include "engine/eval/result.h"
#include "engine/support/xalloc.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

int chiso_abi_version(void) { return CHISO_ABI_VERSION; }
void chiso_text_init(void) { json_object_seed(0); }
void chiso_free(void *p) { free(p); }

static void hex_of(const unsigned char *digest, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}

/* Every rules file read, with the SHA-256 of its bytes on disk (of its
 * text when it came from memory), and one digest over them all. */
static void add_provenance(const chiso_program *cp, json_t *info)
{
    json_t *files = json_array();
    struct sha256_ctx all;
    sha256_init(&all);
    for (size_t i = 0; i < cp->prog.nsources; i++) {
        const source_t *src = cp->prog.sources[i];
        char hex[65];
        if (!chiso_sha256_file(src->path, hex)) {
            struct sha256_ctx one;
            unsigned char digest[SHA256_DIGEST_SIZE];
            sha256_init(&one);
            sha256_update(&one, src->len, (const uint8_t *)src->text);
            sha256_digest(&one, sizeof digest, digest);
            hex_of(digest, hex);
        }
        sha256_update(&all, 64, (const uint8_t *)hex);
        json_array_append_new(files, json_pack("{s:s,s:s}", "file", src->path, "sha256", hex));
    }
    unsigned char digest[SHA256_DIGEST_SIZE];
    sha256_digest(&all, sizeof digest, digest);
    char hex[65];
    hex_of(digest, hex);
    json_object_set_new(info, "rules", files);
    json_object_set_new(info, "rules_sha256", json_string(hex));
}

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    return s ? s : xstrdup("null");
}

char *chiso_program_info_json(const chiso_program *cp)
{
    json_t *info = json_object();
    json_object_set_new(info, "errors", json_integer((json_int_t)chiso_program_errors(cp)));
    json_object_set_new(info, "warnings", json_integer((json_int_t)chiso_program_warnings(cp)));
    json_object_set_new(info, "unreadable", json_boolean(chiso_program_unreadable(cp)));
    json_object_set_new(info, "diagnostics", chiso_program_diagnostics_json(cp));
    json_t *indexes = json_array();
    for (size_t i = 0; i < cp->prog.nindexes; i++) {
        const node_t *ix = cp->prog.indexes[i];
        json_t *fields = json_array();
        for (size_t k = 0; k < ix->nchildren; k++) {
            const node_t *f = ix->children[k];
            json_array_append_new(fields, json_pack("{s:s?,s:s?,s:o}", "id", f->id, "name", f->name, "max",
                                                    f->has_max ? json_from_rat(f->max) : json_null()));
        }
        json_array_append_new(indexes, json_pack("{s:s?,s:o,s:o}", "name", chiso_program_index_name(cp, i), "total",
                                                 ix->has_max ? json_from_rat(ix->max) : json_null(), "fields", fields));
    }
    json_object_set_new(info, "indexes", indexes);
    json_t *plans = json_array();
    for (size_t i = 0; i < chiso_program_plan_count(cp); i++)
        json_array_append_new(plans, json_string(chiso_program_plan_name(cp, i)));
    json_object_set_new(info, "plans", plans);
    add_provenance(cp, info);
    return dump(info);
}

/* What a call printed to a memory stream, as a string (never NULL). */
typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} memout_t;

static bool mem_open(memout_t *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    if (!m->f) xalloc_fail("out of memory");
    return true;
}

static char *mem_take(memout_t *m)
{
    fclose(m->f);
    return m->buf;
}

char *chiso_program_diagnostics_text(const chiso_program *cp)
{
    memout_t m;
    mem_open(&m);
    chiso_program_print_diagnostics(cp, m.f, false);
    return mem_take(&m);
}

char *chiso_check_json(const char *name, const char *text, size_t len)
{
    chiso_program *cp = chiso_program_load_string(name ? name : "<rules>", text ? text : "", text ? len : 0);
    char *info = chiso_program_info_json(cp);
    chiso_program_free(cp);
    return info;
}

char *chiso_score_json(const chiso_program *cp, size_t index, const char *submission, size_t len,
                       const char *origin, unsigned flags)
{
    chiso_result *r = index < chiso_program_index_count(cp) && submission
                          ? chiso_score_text_ex(cp, index, submission, len, origin, flags)
                          : chiso_result_error(cp, index, origin, submission ? "no such index" : "no submission");
    char *text = chiso_result_json_text(r);
    chiso_result_free(r);
    return text;
}

char *chiso_score_batch_format(const chiso_program *cp, size_t index, const char *ndjson, size_t len,
                               int rank_decimals, unsigned flags, const char *format, unsigned render,
                               size_t *failed)
{
    if (failed) *failed = 0;
    if (!chiso_output_format_known(format) || index >= chiso_program_index_count(cp)) return NULL;
    FILE *in = fmemopen((void *)(ndjson && len ? ndjson : "\n"), ndjson && len ? len : 1, "r");
    if (!in) return NULL;
    chiso_inputs *inputs = chiso_inputs_from_stream(in);
    chiso_batch_options o = {.index = index, .flags = flags, .jobs = 1, .format = format,
                             .render = render, .round = -1, .frame = NULL};
    chiso_batch *b = chiso_batch_run(cp, &o, inputs);
    bool ok = chiso_batch_complete(b) && !chiso_inputs_error(inputs);
    chiso_inputs_close(inputs);
    fclose(in);
    char *out = NULL;
    if (ok) {
        chiso_batch_rank(b, rank_decimals);
        memout_t m;
        mem_open(&m);
        ok = chiso_batch_render(b, m.f);
        out = mem_take(&m);
        if (!ok) {
            free(out);
            out = NULL;
        }
        if (failed) *failed = chiso_batch_failed(b);
    }
    chiso_batch_free(b);
    return out;
}

char *chiso_score_ndjson(const chiso_program *cp, size_t index, const char *ndjson, size_t len,
                         int rank_decimals, unsigned flags, size_t *failed)
{
    return chiso_score_batch_format(cp, index, ndjson, len, rank_decimals, flags, "ndjson", 0, failed);
}

char *chiso_explain_text(const chiso_program *cp, size_t index, const char *submission, size_t len,
                         const char *origin, const char *node)
{
    if (index >= chiso_program_index_count(cp)) return NULL;
    chiso_result *r = submission ? chiso_score_text_ex(cp, index, submission, len, origin, CHISO_SCORE_TRACE)
                                 : chiso_result_error(cp, index, origin, "no submission");
    memout_t m;
    mem_open(&m);
    bool found = chiso_result_print_explain(r, node, m.f);
    char *text = mem_take(&m);
    chiso_result_free(r);
    if (!found) {
        free(text);
        return NULL;
    }
    return text;
}

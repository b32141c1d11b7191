/* serve_http.c — the HTTP side of `chiso serve` (libmicrohttpd): reads a
 * request body within its limit, routes it, answers JSON, and swaps in
 * reloaded rules on SIGHUP between requests (docs/serve.md). */
#include "serve.h"

#include "chiso.h"
#include "chiso_batch.h"
#include "chiso_text.h"

#include "engine/support/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include "serve_mhd.h"
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rules in service; requests hold a reference for their duration. */
static serve_rules_t *current;
static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;

static serve_rules_t *rules_acquire(void)
{
    pthread_mutex_lock(&current_lock);
    serve_rules_t *r = current;
    serve_rules_ref(r);
    pthread_mutex_unlock(&current_lock);
    return r;
}

static void rules_replace(serve_rules_t *r)
{
    pthread_mutex_lock(&current_lock);
    serve_rules_t *old = current;
    current = r;
    pthread_mutex_unlock(&current_lock);
    serve_rules_unref(old);
}

/* One request: its body as it arrives. */
typedef struct {
    char *body;
    size_t len, cap;
    bool too_large;
    bool answered;
    double max_time;  /* --max-time */
} request_t;

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, char *text, const char *type,
                                 const serve_set_t *set, const char *failed)
{
    size_t len = text ? strlen(text) : 0;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (set) {
        MHD_add_response_header(resp, "X-Chiso-Rules", set->name);
        MHD_add_response_header(resp, "X-Chiso-Rules-SHA256", set->sha256);
    }
    if (failed) MHD_add_response_header(resp, "X-Chiso-Units-Failed", failed);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, POST");
    enum MHD_Result ok = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* {"error": {"status": N, "message": "..."}, "provenance": {...}} */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const serve_set_t *set,
                                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const serve_set_t *set,
                                  const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *j = json_pack("{s:{s:i,s:s}}", "error", "status", (int)status, "message", msg);
    if (set) json_object_set_new(j, "provenance", json_loads(set->provenance, 0, NULL));
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    size_t n = strlen(text);
    text = xrealloc(text, n + 2);
    memcpy(text + n, "\n", 2);
    return send_text(c, status, text, "application/json", set, NULL);
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* The rule set and index a request names (?rules=, ?index=); an error
 * answer queued when there is none. */
static const serve_set_t *pick(struct MHD_Connection *c, const serve_rules_t *r, size_t *index, enum MHD_Result *sent)
{
    const char *name = arg(c, "rules");
    const serve_set_t *set = serve_rules_find(r, name);
    if (!set) {
        *sent = name ? send_error(c, MHD_HTTP_NOT_FOUND, NULL, "no rules '%s' (GET /v1/indexes lists them)", name)
                     : send_error(c, MHD_HTTP_BAD_REQUEST, NULL,
                                  "%zu rule sets are served: name one with ?rules= (GET /v1/indexes lists them)",
                                  serve_rules_count(r));
        return NULL;
    }
    const char *ix = arg(c, "index");
    *index = 0;
    if (ix) {
        long found = chiso_program_find_index(set->prog, ix);
        if (found < 0) {
            *sent = send_error(c, MHD_HTTP_NOT_FOUND, set, "%s has no index named '%s'", set->name, ix);
            return NULL;
        }
        *index = (size_t)found;
    } else if (chiso_program_index_count(set->prog) == 0) {
        *sent = send_error(c, MHD_HTTP_NOT_FOUND, set, "%s declares no index (only plans)", set->name);
        return NULL;
    }
    return set;
}

static bool is_ndjson(struct MHD_Connection *c)
{
    const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    const char *format = arg(c, "format");
    return (type && (strstr(type, "ndjson") || strstr(type, "jsonlines"))) || format;
}

static enum MHD_Result score(struct MHD_Connection *c, const serve_rules_t *r, request_t *rq)
{
    size_t index;
    enum MHD_Result sent = MHD_NO;
    const serve_set_t *set = pick(c, r, &index, &sent);
    if (!set) return sent;
    const char *explain = arg(c, "explain");
    unsigned flags = explain && strcmp(explain, "0") && strcmp(explain, "false") ? CHISO_SCORE_TRACE : 0;
    if (!is_ndjson(c)) {
        char *result = chiso_score_json(set->prog, index, rq->body ? rq->body : "", rq->len, arg(c, "origin"), flags);
        json_t *j = json_loads(result, 0, NULL);
        bool ok = j && !strcmp(json_string_value(json_object_get(j, "status")) ?: "", "ok");
        json_decref(j);
        /* the result carries its provenance (rules, SHA-256s, engine, time) */
        return send_text(c, ok ? MHD_HTTP_OK : MHD_HTTP_UNPROCESSABLE_CONTENT, result, "application/json", set, NULL);
    }
    const char *format = arg(c, "format") ? arg(c, "format") : "ndjson";
    if (!chiso_output_format_known(format))
        return send_error(c, MHD_HTTP_BAD_REQUEST, set, "unknown format '%s' (json, ndjson, text, csv or html)", format);
    const char *rd = arg(c, "rank_decimals");
    long decimals = -1;
    if (rd) {
        char *end;
        decimals = strtol(rd, &end, 10);
        if (!*rd || *end || decimals < 0 || decimals > 6)
            return send_error(c, MHD_HTTP_BAD_REQUEST, set, "rank_decimals takes a number from 0 to 6");
    }
    size_t failed = 0;
    bool timed_out;
    char *out = serve_score_batch(set->prog, index, rq->body, rq->len, (int)decimals, flags, format, rq->max_time,
                                  &failed, &timed_out);
    if (!out && timed_out)
        return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, set,
                          "scoring the batch took longer than the limit of %g s per request: send it in smaller parts",
                          rq->max_time);
    if (!out) return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, set, "the batch could not be completed (no room for its temporary file)");
    char nfailed[32];
    snprintf(nfailed, sizeof nfailed, "%zu", failed);
    const char *type = !strcmp(format, "ndjson") ? "application/x-ndjson"
                     : !strcmp(format, "json")   ? "application/json"
                     : !strcmp(format, "csv")    ? "text/csv; charset=utf-8"
                     : !strcmp(format, "html")   ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    return send_text(c, MHD_HTTP_OK, out, type, set, nfailed);
}

static enum MHD_Result explain(struct MHD_Connection *c, const serve_rules_t *r, request_t *rq)
{
    size_t index;
    enum MHD_Result sent = MHD_NO;
    const serve_set_t *set = pick(c, r, &index, &sent);
    if (!set) return sent;
    const char *node = arg(c, "node");
    char *text = chiso_explain_text(set->prog, index, rq->body ? rq->body : "", rq->len, arg(c, "origin"), node);
    if (!text) return send_error(c, MHD_HTTP_NOT_FOUND, set, "no node '%s' in the index", node ? node : "");
    char *result = chiso_score_json(set->prog, index, rq->body ? rq->body : "", rq->len, arg(c, "origin"),
                                    CHISO_SCORE_TRACE);
    json_t *j = json_pack("{s:s,s:o,s:o}", "text", text, "result", json_loads(result, 0, NULL) ?: json_null(),
                          "provenance", json_loads(set->provenance, 0, NULL));
    chiso_free(text);
    chiso_free(result);
    char *out = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    return send_text(c, MHD_HTTP_OK, out, "application/json", set, NULL);
}

static enum MHD_Result check(struct MHD_Connection *c, request_t *rq)
{
    /* Posted rules include nothing from the server's disk: they are read as
     * a file of a directory that does not exist. */
    const char *name = arg(c, "name");
    char *shown = xasprintf("/request/%s", name && *name && !strchr(name, '/') ? name : "rules.chiso");
    char *info = chiso_check_json(shown, rq->body ? rq->body : "", rq->len);
    free(shown);
    json_t *j = json_loads(info, 0, NULL);
    chiso_free(info);
    json_object_set_new(j, "provenance", json_pack("{s:s,s:s,s:O}", "engine", "chiso", "version", chiso_version(),
                                                   "rules_sha256", json_object_get(j, "rules_sha256")));
    char *out = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    size_t n = strlen(out);
    out = xrealloc(out, n + 2);
    memcpy(out + n, "\n", 2);
    return send_text(c, MHD_HTTP_OK, out, "application/json", NULL, NULL);
}

static enum MHD_Result route(struct MHD_Connection *c, const char *url, const char *method, request_t *rq)
{
    bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD"), post = !strcmp(method, "POST");
    serve_rules_t *r = rules_acquire();
    enum MHD_Result sent;
    if (!strcmp(url, "/healthz")) {
        if (!get) sent = send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "GET /healthz");
        else {
            json_t *l = json_loads(serve_rules_listing(r), 0, NULL);
            json_t *h = json_pack("{s:s,s:s,s:i,s:O}", "status", "ok", "version", chiso_version(), "rule_sets",
                                  (int)serve_rules_count(r), "loaded_at", json_object_get(l, "loaded_at"));
            if (serve_rules_count(r) == 1)
                json_object_set_new(h, "rules_sha256", json_string(serve_rules_find(r, NULL)->sha256));
            char *out = json_dumps(h, JSON_COMPACT);
            json_decref(h);
            json_decref(l);
            sent = send_text(c, MHD_HTTP_OK, xasprintf("%s\n", out), "application/json",
                             serve_rules_count(r) == 1 ? serve_rules_find(r, NULL) : NULL, NULL);
            free(out);
        }
    } else if (!strcmp(url, "/v1/indexes")) {
        sent = get ? send_text(c, MHD_HTTP_OK, xasprintf("%s\n", serve_rules_listing(r)), "application/json", NULL, NULL)
                   : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "GET /v1/indexes");
    } else if (!strcmp(url, "/v1/check")) {
        sent = post ? check(c, rq) : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "POST the rules text to /v1/check");
    } else if (!strcmp(url, "/v1/score")) {
        sent = post ? score(c, r, rq) : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "POST a submission to /v1/score");
    } else if (!strcmp(url, "/v1/explain")) {
        sent = post ? explain(c, r, rq) : send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, NULL, "POST a submission to /v1/explain");
    } else {
        sent = send_error(c, MHD_HTTP_NOT_FOUND, NULL,
                          "no such endpoint: %s (GET /healthz, GET /v1/indexes, POST /v1/check, /v1/score, /v1/explain)", url);
    }
    serve_rules_unref(r);
    return sent;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    const serve_opts_t *o = cls;
    request_t *rq = *con_cls;
    if (!rq) {
        rq = xcalloc(1, sizeof *rq);
        rq->max_time = o->max_time;
        *con_cls = rq;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > o->max_body) {
            rq->too_large = rq->answered = true;
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, NULL, "the body is larger than the limit of %zu bytes",
                              o->max_body);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!rq->too_large) {
            if (rq->len + *upload_data_size > o->max_body) {
                rq->too_large = true;
                free(rq->body);
                rq->body = NULL;
                rq->len = 0;
            } else {
                if (rq->len + *upload_data_size + 1 > rq->cap) {
                    rq->cap = (rq->len + *upload_data_size + 1) * 2;
                    rq->body = xrealloc(rq->body, rq->cap);
                }
                memcpy(rq->body + rq->len, upload_data, *upload_data_size);
                rq->len += *upload_data_size;
                rq->body[rq->len] = '\0';
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (rq->answered) return MHD_YES;
    rq->answered = true;
    if (rq->too_large)
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, NULL, "the body is larger than the limit of %zu bytes", o->max_body);
    return route(c, url, method, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    request_t *rq = *con_cls;
    if (!rq) return;
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

int serve_run(const serve_opts_t *o)
{
    chiso_text_init();
    const char *missing = serve_mhd_load();
    if (missing) {
        fprintf(stderr, "chiso: %s\n", missing);
        return CHISO_EXIT_USAGE;
    }
    serve_rules_t *r = serve_rules_load(o->rules);
    if (!r) return CHISO_EXIT_RULE_ERRORS;
    current = r;

    struct sockaddr_storage addr;
    memset(&addr, 0, sizeof addr);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | (o->quiet ? 0 : MHD_USE_ERROR_LOG);
    if (strchr(o->address, ':')) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)o->port);
        if (inet_pton(AF_INET6, o->address, &a6->sin6_addr) != 1) goto bad_address;
        flags |= MHD_USE_IPv6;
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)o->port);
        if (inet_pton(AF_INET, o->address, &a4->sin_addr) != 1) goto bad_address;
    }

    /* SIGHUP, SIGINT and SIGTERM are waited for here, never delivered to
     * the server's threads (they inherit this mask). */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, (void *)o, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads, MHD_OPTION_CONNECTION_LIMIT, o->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "chiso serve: cannot listen on %s port %u: %s\n", o->address, o->port, strerror(errno));
        serve_rules_unref(current);
        return CHISO_EXIT_USAGE;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : o->port;
    printf("chiso serve: listening on http://%s%s%s:%u/ (%zu rule set%s)\n", strchr(o->address, ':') ? "[" : "",
           o->address, strchr(o->address, ':') ? "]" : "", port, serve_rules_count(r),
           serve_rules_count(r) == 1 ? "" : "s");
    fflush(stdout);

    for (;;) {
        int sig = 0;
        if (sigwait(&sigs, &sig) != 0) continue;
        if (sig != SIGHUP) break;
        serve_rules_t *fresh = serve_rules_load(o->rules);
        if (fresh) {
            rules_replace(fresh);
            if (!o->quiet) fprintf(stderr, "chiso serve: rules reloaded (%zu rule sets)\n", serve_rules_count(fresh));
        } else {
            fprintf(stderr, "chiso serve: the changed rules have errors; still serving the previous ones\n");
        }
    }
    MHD_stop_daemon(d);
    serve_rules_unref(current);
    current = NULL;
    if (!o->quiet) fputs("chiso serve: stopped\n", stderr);
    return CHISO_EXIT_OK;

bad_address:
    fprintf(stderr, "chiso serve: '%s' is not an IP address\n", o->address);
    serve_rules_unref(r);
    return CHISO_EXIT_USAGE;
}

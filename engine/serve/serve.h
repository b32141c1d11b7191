/* serve.h — `chiso serve`: scoring over HTTP/JSON (libmicrohttpd), with the
 * same library calls as the command and the bindings (chiso_text.h), so
 * that an answer is the command's result (docs/serve.md). Part of the
 * command, not of libchiso: the library does not depend on an HTTP server. */
#ifndef CHISO_SERVE_H
#define CHISO_SERVE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *rules;      /* a rules file, or a directory of them */
    const char *address;    /* to bind to (default 127.0.0.1) */
    unsigned port;          /* 0: any free port (said on stdout) */
    size_t max_body;        /* bytes of a request body */
    unsigned threads;       /* worker threads */
    unsigned max_connections;
    unsigned timeout;       /* seconds a connection may stay idle */
    double max_time;        /* seconds a batch may take to score */
    bool quiet;
} serve_opts_t;

/* A loaded rule set: every rules file of a directory (those declaring
 * an index or a plan), with its provenance. Immutable once loaded; shared
 * by requests through a reference count, so a reload never pulls one out
 * from under a request in progress. */
typedef struct serve_rules serve_rules_t;

/* Loads `path`; NULL with the diagnostics on stderr when a file has
 * errors (a reload then keeps the rules in service). */
serve_rules_t *serve_rules_load(const char *path);
void serve_rules_ref(serve_rules_t *r);
void serve_rules_unref(serve_rules_t *r);
/* The rule set called `name` (relative path; NULL: the only one). NULL
 * when there is none, or several and no name. */
const struct serve_set *serve_rules_find(const serve_rules_t *r, const char *name);
/* {"rules": [{"name", "sha256", "files": [...], "indexes": [...]}], "loaded_at"} */
const char *serve_rules_listing(const serve_rules_t *r);
size_t serve_rules_count(const serve_rules_t *r);

struct chiso_program;
typedef struct serve_set {
    char *name;                    /* path relative to the rules directory */
    struct chiso_program *prog;
    char *info;                    /* chiso_program_info_json */
    char sha256[65];               /* rules_sha256 */
    char *provenance;              /* {"engine", "rules", "rules_sha256"} as JSON text */
} serve_set_t;

/* A batch (NDJSON) scored and rendered in `format` as chiso score does,
 * within `max_time` seconds: NULL with *timed_out when it took longer,
 * NULL alone when its temporary file could not be written. */
char *serve_score_batch(const struct chiso_program *prog, size_t index, const char *body, size_t len,
                        int rank_decimals, unsigned flags, const char *format, double max_time,
                        size_t *failed, bool *timed_out);

/* Runs the service until SIGINT or SIGTERM; SIGHUP reloads the rules.
 * Returns the exit code. */
int serve_run(const serve_opts_t *o);

#endif

/* cmd_serve.c — `chiso serve`: reads the command line and runs the
 * service of engine/serve/ (docs/serve.md). */
#include "cli.h"

#include "engine/serve/serve.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(FILE *out)
{
    fputs("Usage: chiso serve [options] RULES|DIR\n"
          "\n"
          "Serves scoring over HTTP/JSON with the rules file RULES, or every rules file\n"
          "below DIR that declares an index or a plan (docs/serve.md):\n"
          "  GET  /healthz        the service is up; the rules' SHA-256\n"
          "  GET  /v1/indexes     the rule sets, their files, SHA-256, indexes and fields\n"
          "  POST /v1/check       rules text -> errors, warnings, diagnostics\n"
          "  POST /v1/score       one submission -> its result (422 when in error); NDJSON\n"
          "                       (Content-Type: application/x-ndjson) -> the results\n"
          "                       ranked, as chiso score -f ndjson - writes them\n"
          "  POST /v1/explain     one submission -> why it got its score\n"
          "Query: ?rules=NAME (when DIR holds several), ?index=NAME, ?rank_decimals=N,\n"
          "?explain=1, ?node=ID (explain), ?format=F (a batch as json, ndjson, text,\n"
          "csv or html). Every answer carries the rules' SHA-256 (provenance, and the\n"
          "X-Chiso-Rules-SHA256 header); errors are JSON: {\"error\": {status, message}}.\n"
          "SIGHUP reloads the rules (kept when the new ones have errors); requests in\n"
          "progress finish with the rules they started with. SIGINT, SIGTERM stop.\n"
          "\n"
          "Options:\n"
          "  -a, --address ADDR    the address to listen on (default 127.0.0.1; 0.0.0.0\n"
          "                        or :: for every interface)\n"
          "  -p, --port N          the port (default 8080; 0: any free port); the\n"
          "                        address and port are printed on stdout\n"
          "      --max-body BYTES  the largest request body (default 16777216); larger: 413\n"
          "      --threads N       worker threads (default: the number of cores)\n"
          "      --max-connections N  connections at once (default 256); more are refused\n"
          "      --timeout S       seconds a connection may stay idle, a slow client\n"
          "                        included (default 30)\n"
          "      --max-time S      seconds a batch may take to score (default 60;\n"
          "                        decimals allowed); longer: 503, send smaller parts\n"
          "      --lang vi|en      the language of reasons, diagnostics and reports\n"
          "                        (default vi, as chiso score's reports)\n"
          "  -q, --quiet           no log on stderr\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 stopped by a signal, 1 errors in the rules, 2 usage problem or\n"
          "the address cannot be listened on.\n",
          out);
}

static bool number(const char *opt, const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || *s == '-' || v < lo || v > hi) {
        fprintf(stderr, "chiso serve: %s takes a number from %lu to %lu\n", opt, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

/* A duration in seconds, decimals allowed: 0.001 to a day. */
static bool seconds(const char *opt, const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0.001 && v <= 86400)) {
        fprintf(stderr, "chiso serve: %s takes seconds from 0.001 to 86400, not %s\n", opt, s);
        return false;
    }
    *out = v;
    return true;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"address", required_argument, NULL, 'a'}, {"port", required_argument, NULL, 'p'},
        {"max-body", required_argument, NULL, 'b'}, {"threads", required_argument, NULL, 't'},
        {"max-connections", required_argument, NULL, 'c'}, {"timeout", required_argument, NULL, 'T'},
        {"max-time", required_argument, NULL, 'M'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    serve_opts_t o = {NULL, "127.0.0.1", 8080, 16u << 20, (unsigned)(cores > 0 ? cores : 1), 256, 30, 60, false};
    unsigned long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "a:p:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'a': o.address = optarg; break;
        case 'p': if (!number("--port", optarg, 0, 65535, &v)) return CHISO_EXIT_USAGE; o.port = (unsigned)v; break;
        case 'b': if (!number("--max-body", optarg, 1, 1ul << 32, &v)) return CHISO_EXIT_USAGE; o.max_body = v; break;
        case 't': if (!number("--threads", optarg, 1, 256, &v)) return CHISO_EXIT_USAGE; o.threads = (unsigned)v; break;
        case 'c': if (!number("--max-connections", optarg, 1, 65536, &v)) return CHISO_EXIT_USAGE; o.max_connections = (unsigned)v; break;
        case 'T': if (!number("--timeout", optarg, 1, 86400, &v)) return CHISO_EXIT_USAGE; o.timeout = (unsigned)v; break;
        case 'M': if (!seconds("--max-time", optarg, &o.max_time)) return CHISO_EXIT_USAGE; break;
        case 'q': o.quiet = true; break;
        case 'h': help(stdout); return CHISO_EXIT_OK;
        default: help(stderr); return CHISO_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fputs("chiso serve: give one rules file or directory\n", stderr);
        help(stderr);
        return CHISO_EXIT_USAGE;
    }
    /* libmicrohttpd shares the connection limit among its threads: a
     * thread left with none would never stop. */
    if (o.threads > o.max_connections) o.threads = o.max_connections;
    /* answers are documents, as score's: Vietnamese unless --lang says */
    cli_set_document_lang();
    char *found = chiso_find_rules(argv[optind]);
    o.rules = found ? found : argv[optind];
    int code = serve_run(&o);
    free(found);
    return code;
}

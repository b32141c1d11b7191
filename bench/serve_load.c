/* serve_load.c — a bounded load on `chiso serve`: C clients, each on its
 * own keep-alive connection, POST the same submission N times to
 * /v1/score; prints requests/s and latency percentiles, and how many
 * answers were not 200 (exit 1 then). Used by bench/serve.sh and by the
 * reload-under-load test.
 *
 *   serve_load PORT SUBMISSION.json CLIENTS REQUESTS [QUERY] */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int port;
    const char *request;
    size_t reqlen;
    long count;
    double *latencies;
    long bad, done;
} client_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* Reads one HTTP answer (Content-Length framed); its status, or -1. */
static int read_answer(int fd, char *buf, size_t cap)
{
    size_t have = 0;
    char *body = NULL;
    long length = -1;
    for (;;) {
        ssize_t n = read(fd, buf + have, cap - have - 1);
        if (n <= 0) return -1;
        have += (size_t)n;
        buf[have] = '\0';
        if (!body && (body = strstr(buf, "\r\n\r\n"))) {
            body += 4;
            char *cl = strcasestr(buf, "\r\nContent-Length:");
            length = cl ? strtol(cl + 17, NULL, 10) : 0;
        }
        if (body && (long)(have - (size_t)(body - buf)) >= length) break;
        if (have + 1 >= cap) return -1;
    }
    return atoi(buf + 9);
}

static void *run(void *arg)
{
    client_t *c = arg;
    size_t cap = 4 << 20;
    char *buf = malloc(cap);
    int fd = connect_to(c->port);
    for (long i = 0; i < c->count; i++) {
        double t0 = now();
        int status = -1;
        for (int attempt = 0; attempt < 2 && status < 0; attempt++) {
            if (fd < 0) fd = connect_to(c->port);
            if (fd >= 0 && write(fd, c->request, c->reqlen) == (ssize_t)c->reqlen) status = read_answer(fd, buf, cap);
            if (status < 0 && fd >= 0) {
                close(fd);
                fd = -1;
            }
        }
        c->latencies[i] = now() - t0;
        if (status != 200) c->bad++;
        c->done++;
    }
    if (fd >= 0) close(fd);
    free(buf);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fputs("usage: serve_load PORT SUBMISSION.json CLIENTS REQUESTS [QUERY]\n", stderr);
        return 2;
    }
    int port = atoi(argv[1]), clients = atoi(argv[3]);
    long total = atol(argv[4]);
    FILE *f = fopen(argv[2], "rb");
    if (!f || clients < 1 || total < clients) {
        fputs("serve_load: bad arguments\n", stderr);
        return 2;
    }
    char body[1 << 16];
    size_t blen = fread(body, 1, sizeof body, f);
    fclose(f);
    char *request = malloc(blen + 512);
    int hlen = snprintf(request, 512,
                        "POST /v1/score%s%s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Content-Length: %zu\r\n\r\n",
                        argc > 5 ? "?" : "", argc > 5 ? argv[5] : "", blen);
    memcpy(request + hlen, body, blen);
    client_t *cs = calloc((size_t)clients, sizeof *cs);
    pthread_t *th = calloc((size_t)clients, sizeof *th);
    double *lat = calloc((size_t)total, sizeof *lat);
    long per = total / clients;
    double t0 = now();
    for (int i = 0; i < clients; i++) {
        cs[i] = (client_t){port, request, (size_t)hlen + blen, per, lat + i * per, 0, 0};
        pthread_create(&th[i], NULL, run, &cs[i]);
    }
    long bad = 0, done = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(th[i], NULL);
        bad += cs[i].bad;
        done += cs[i].done;
    }
    double secs = now() - t0;
    qsort(lat, (size_t)done, sizeof *lat, cmp_double);
    printf("requests %ld, clients %d, %.2f s, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, not 200: %ld\n",
           done, clients, secs, (double)done / secs, lat[done / 2] * 1e3, lat[(size_t)((double)done * 0.99)] * 1e3,
           lat[done - 1] * 1e3, bad);
    free(lat);
    free(cs);
    free(th);
    free(request);
    return bad ? 1 : 0;
}

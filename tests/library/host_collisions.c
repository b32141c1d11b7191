/* host_collisions.c — a host program with symbols of its own that libchiso
 * uses internally under the same names: a bison parser (yyparse), a flex
 * scanner (yylex), an allocator (xmalloc) and a JSON arena
 * (json_arena_new). Linked against libchiso.so or libchiso.a, it must still
 * load the rules (chiso's own parser, not this one) and score every
 * submission: it prints each result as JSON, ranked, one a line, for
 * host_collisions_test.sh to compare with `chiso score -f ndjson`. Exit 0
 * when the host's own functions were never called by the library. */
#include "chiso.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int host_calls;

/* The host's own parser and scanner: a library that called these instead
 * of its own would load every rules file as empty. */
int yyparse(void);
int yylex(void);
int yyparse(void) { host_calls++; return 0; }
int yylex(void) { host_calls++; return 0; }

/* The host's own allocator and arena, with signatures of its own. */
struct host_arena { int unused; };
void *xmalloc(size_t n, const char *why);
struct host_arena *json_arena_new(int size);
void *xmalloc(size_t n, const char *why) { (void)why; host_calls++; return malloc(n); }
struct host_arena *json_arena_new(int size) { (void)size; host_calls++; return NULL; }

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 4096 > cap) {
            char *more = realloc(buf, cap = 2 * cap + 4096);
            if (!more) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = more;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: host_collisions RULES SUBMISSION...\n", stderr);
        return 2;
    }
    /* The host's functions are reachable from here, as in a real host. */
    if (argc < 0) {
        free(xmalloc(1, "keep"));
        (void)json_arena_new(0);
        yyparse();
        yylex();
    }
    chiso_program *prog = chiso_program_load(argv[1]);
    if (chiso_program_errors(prog) || chiso_program_index_count(prog) != 1) {
        fprintf(stderr, "host: %zu errors, %zu indexes\n", chiso_program_errors(prog),
                chiso_program_index_count(prog));
        chiso_program_free(prog);
        return 1;
    }
    size_t n = (size_t)argc - 2;
    chiso_result **results = calloc(n, sizeof *results);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        char *text = read_file(argv[i + 2], &len);
        results[i] = text ? chiso_score_text(prog, 0, text, len, argv[i + 2])
                          : chiso_result_error(prog, 0, argv[i + 2], "cannot read");
        free(text);
    }
    chiso_rank(results, n);
    for (size_t i = 0; i < n; i++) {
        char *json = chiso_result_json_text(results[i]);
        puts(json);
        free(json);
        chiso_result_free(results[i]);
    }
    free(results);
    chiso_program_free(prog);
    if (host_calls) {
        fprintf(stderr, "host: the library called the host's own functions %d times\n", host_calls);
        return 1;
    }
    return 0;
}

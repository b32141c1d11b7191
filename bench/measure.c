/* measure.c — runs a command and prints what it cost: wall-clock and CPU
 * (user + system) milliseconds and the peak resident size in KiB, from
 * wait4's rusage (bench/check.sh). The command's output goes to /dev/null.
 *   measure [-i FILE] CMD [ARGS...]   prints "WALL_MS CPU_MS PEAK_KB EXIT";
 *                                     -i: the command reads FILE as stdin */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ms(struct timeval t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; }

int main(int argc, char **argv)
{
    const char *input = NULL;
    if (argc > 2 && !strcmp(argv[1], "-i")) {
        input = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc < 2) {
        fputs("usage: measure [-i FILE] CMD [ARGS...]\n", stderr);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) return 2;
    if (pid == 0) {
        int out = open("/dev/null", O_WRONLY);
        if (out >= 0) dup2(out, 1);
        if (input) {
            int in = open(input, O_RDONLY);
            if (in < 0) _exit(126);
            dup2(in, 0);
        }
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) return 2;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (t1.tv_sec - t0.tv_sec) * 1000.0 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("%.0f %.0f %ld %d\n", wall, ms(ru.ru_utime) + ms(ru.ru_stime), ru.ru_maxrss,
           WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    return 0;
}

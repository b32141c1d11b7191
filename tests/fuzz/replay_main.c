/* replay_main.c — runs a fuzz harness once over each file named on the
 * command line, without libFuzzer: how ctest replays the kept crash
 * inputs and the seed corpora in the ordinary and the ASan builds. */
#include "fuzz_common.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
    int replayed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, len = 0;
        unsigned char *buf = malloc(cap);
        size_t got;
        while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
            len += got;
            if (len == cap) buf = realloc(buf, cap *= 2);
        }
        fclose(f);
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        replayed++;
    }
    printf("replayed %d input%s\n", replayed, replayed == 1 ? "" : "s");
    return 0;
}

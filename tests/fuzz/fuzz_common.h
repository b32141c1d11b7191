/* fuzz_common.h — what the libFuzzer harnesses share: the library, and a
 * sink for the text they render (written, then thrown away, so that the
 * formatting code runs in full). */
#ifndef CHISO_FUZZ_COMMON_H
#define CHISO_FUZZ_COMMON_H

#include <chiso.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline FILE *fuzz_sink(void)
{
    FILE *f = fopen("/dev/null", "w");
    if (!f) f = tmpfile();
    return f;
}

#endif

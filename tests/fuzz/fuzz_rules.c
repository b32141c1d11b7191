/* fuzz_rules.c — libFuzzer harness: any bytes as a rules file. The whole
 * front half of the pipeline runs (lex, parse, check, compile); then the
 * diagnostics are printed with their caret lines and the metrics listed. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chiso_program *prog = chiso_program_load_string("fuzz.chiso", (const char *)data, size);
    FILE *sink = fuzz_sink();
    chiso_program_print_diagnostics(prog, sink, true);
    if (!chiso_program_errors(prog)) {
        json_t *m = chiso_program_metrics(prog);
        json_t *t = chiso_program_template(prog);
        json_decref(m);
        json_decref(t);
    }
    fclose(sink);
    chiso_program_free(prog);
    return 0;
}

/* fuzz_check_json.c — libFuzzer harness: any bytes as a rules file, its
 * diagnostics as `chiso check --format json` writes them (editors and CI
 * read that report: it must always be well-formed JSON). */
#include "fuzz_common.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chiso_program *prog = chiso_program_load_string("fuzz.chiso", (const char *)data, size);
    json_t *report = json_object();
    json_object_set_new(report, "file", json_string("fuzz.chiso"));
    json_object_set_new(report, "diagnostics", chiso_program_diagnostics_json(prog));
    char *text = json_dumps(report, JSON_INDENT(2));
    if (!text) abort(); /* a diagnostic that is not valid UTF-8 JSON */
    json_t *back = json_loads(text, 0, NULL);
    if (!back) abort();
    json_decref(back);
    free(text);
    json_decref(report);
    chiso_program_free(prog);
    return 0;
}

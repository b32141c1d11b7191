/* fuzz_plan.c — libFuzzer harness: a plan and a unit's actuals. The input
 * is the plan's text, then a NUL byte, then the actuals (JSON); without a
 * NUL it is all plan, checked against the actuals of Đức Thọ 2021. Each
 * plan is verified against the actuals and against itself as its parent,
 * and the reports are printed in every format. */
#include "fuzz_common.h"

#include "engine/report/display.h"
#include "engine/report/verify_report.h"

#include <stdlib.h>
#include <string.h>

static char *duc_tho_actuals(size_t *len)
{
    static char *text;
    static size_t n;
    if (!text) {
        FILE *f = fopen(CHISO_SOURCE_DIR "/fixtures/plans/actuals/duc-tho-2021.json", "rb");
        if (!f) abort();
        text = malloc(1 << 20);
        n = fread(text, 1, 1 << 20, f);
        fclose(f);
    }
    *len = n;
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nul = memchr(data, 0, size);
    size_t plan_len = nul ? (size_t)(nul - (const char *)data) : size;
    const char *actuals;
    size_t actuals_len;
    if (nul) {
        actuals = nul + 1;
        actuals_len = size - plan_len - 1;
    } else {
        actuals = duc_tho_actuals(&actuals_len);
    }
    chiso_program *prog = chiso_program_load_string("plan.chiso", (const char *)data, plan_len);
    if (!chiso_program_errors(prog)) {
        json_t *reports = json_array();
        for (size_t i = 0; i < chiso_program_plan_count(prog) && i < 4; i++) {
            json_array_append_new(reports, chiso_verify_actuals_text(prog, i, actuals, actuals_len, "actuals.json"));
            json_array_append_new(reports, chiso_verify_against(prog, i, prog, i));
            char *parent = chiso_program_plan_parent(prog, i, NULL, NULL, NULL);
            free(parent);
        }
        FILE *sink = fuzz_sink();
        verify_print_text(sink, reports, 0);
        verify_print_text(sink, reports, DISPLAY_COMMA);
        verify_print_junit(sink, reports, DISPLAY_COMMA);
        verify_print_github(sink, reports, 0);
        fclose(sink);
        char *text = json_dumps(reports, JSON_INDENT(2));
        free(text);
        json_decref(reports);
    }
    chiso_program_free(prog);
    return 0;
}

/* fuzz_submission.c — libFuzzer harness: any bytes as one unit's
 * submission, scored against the district index of Hà Tĩnh 2021 with the
 * trace on; the result as JSON, as a scorecard and as an explanation,
 * ranked with another unit on rounded percents. */
#include "fuzz_common.h"

#include <stdlib.h>

static chiso_program *district(void)
{
    static chiso_program *prog;
    if (!prog) {
        prog = chiso_program_load(CHISO_SOURCE_DIR "/rules/cap-huyen/ha-tinh-2021.chiso");
        if (chiso_program_errors(prog) || !chiso_program_index_count(prog)) abort();
    }
    return prog;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chiso_program *prog = district();
    chiso_result *r[2];
    r[0] = chiso_score_text_ex(prog, 0, (const char *)data, size, "fuzz.json", CHISO_SCORE_TRACE);
    r[1] = chiso_score_text(prog, 0, (const char *)data, size, "again.json");
    chiso_rank_ex(r, 2, 2);
    json_t *j = chiso_result_to_json(r[0]);
    char *text = json_dumps(j, JSON_COMPACT);
    free(text);
    FILE *sink = fuzz_sink();
    chiso_print_scorecard_ex(j, sink, CHISO_TEXT_DECIMAL_COMMA);
    chiso_result_print_explain(r[0], NULL, sink);
    fclose(sink);
    json_decref(j);
    chiso_result_free(r[0]);
    chiso_result_free(r[1]);
    return 0;
}

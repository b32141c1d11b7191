/* result_text.h — the text scorecard of one result (result_text.c). */
#ifndef CHISO_RESULT_TEXT_H
#define CHISO_RESULT_TEXT_H

#include "engine/report/band_text.h"

#include <jansson.h>
#include <stdio.h>

/* The scorecard of result `r` (its JSON); flags are CHISO_TEXT_*. With
 * `bands`, each band is shown as the rules file writes it ("≥ 95%",
 * "còn lại"); without, as the result labels it (">= 95%", "otherwise"). */
void scorecard_print(json_t *r, FILE *out, unsigned flags, const band_text_t *bands);

#endif

/* band_text.h — a band as the rules file writes it, for reports people
 * read: "≥ 95%" for `mức ≥ 95%` (or `band >= 95%`), "còn lại" for
 * `còn_lại`/`otherwise`, "đúng"/"sai" — rather than the normalized label
 * the JSON results carry (">= 95%", "otherwise"). */
#ifndef CHISO_BAND_TEXT_H
#define CHISO_BAND_TEXT_H

#include "chiso.h"
#include "engine/ast/ast.h"
#include "engine/support/strmap.h"

typedef struct {
    strmap_t nodes; /* node ID -> node_t of the index */
} band_text_t;

void band_text_init(band_text_t *t, const chiso_program *prog, size_t index);
void band_text_free(band_text_t *t);
/* The band labelled `label` of node `id` as written, into buf; the label
 * itself (with ≥ ≤ and "còn lại") when the node or band is not found. */
const char *band_text(const band_text_t *t, const char *id, const char *label, char *buf, size_t size);
/* The same, for the band of node n (NULL: the label itself). */
const char *band_text_of(const node_t *n, const char *label, char *buf, size_t size);

#endif

/* format_api.c — chiso_format(): the formatter behind the public API. */
#include "chiso.h"

#include "engine/format/format.h"
#include "engine/support/diag.h"
#include "engine/support/source.h"

char *chiso_format(const char *name, const char *text, size_t len, int keywords, size_t *out_len,
                   FILE *errors, bool color)
{
    diag_list_t diags;
    diag_list_init(&diags);
    source_t *src = source_from_memory(name, text, len, &diags);
    fmt_keywords kw = keywords == CHISO_FMT_VIETNAMESE ? FMT_KEYWORDS_VI
                      : keywords == CHISO_FMT_ENGLISH  ? FMT_KEYWORDS_EN
                                                       : FMT_KEYWORDS_KEEP;
    size_t n = 0;
    char *out = src->invalid ? NULL : format_source(src, kw, &diags, &n);
    if (!out && errors) {
        diag_sort(&diags);
        diag_print_all(errors, &diags, color);
    }
    if (out_len) *out_len = out ? n : 0;
    source_free(src);
    diag_list_free(&diags);
    return out;
}

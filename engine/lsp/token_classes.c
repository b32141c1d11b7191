/* token_classes.c — what each token of a rules file is, for editors (the
 * highlighting grammars are tested against it) and the keyword table as
 * data (`chiso lsp --keywords`). */
#include "chiso.h"

#include "engine/support/diag.h"
#include "engine/support/source.h"
#include "grammar/keywords.h"
#include "grammar/tokens.h"

#include <string.h>

static const char *class_of(const source_t *src, const lex_token_t *t)
{
    if (t->kind == TOKEN_COMMENT) return "comment";
    if (token_is_keyword(t->kind)) return "keyword";
    if (t->kind == token_string()) return "string";
    if (t->kind == token_path()) return "path";
    if (t->kind == token_ident()) return "name";
    if (token_is_operator(t->kind)) return "operator";
    if (t->kind > 0 && t->kind < 128 && strchr("(){},", t->kind)) return "punctuation";
    const char *s = src->text + t->start;
    size_t n = t->end - t->start;
    if (n && s[n - 1] == '%') return "percent";
    if (n == 10 && s[4] == '-' && s[7] == '-') return "date";
    if (n && s[0] >= '0' && s[0] <= '9') return "number";
    if (token_ends_operand(t->kind)) return "node-id";
    return "punctuation";
}

json_t *chiso_token_classes(const char *name, const char *text, size_t len)
{
    diag_list_t diags;
    diag_list_init(&diags);
    source_t *src = source_from_memory(name, text, len, &diags);
    json_t *out = json_array();
    if (!src->invalid) {
        token_list_t toks;
        tokens_read(src, &diags, &toks);
        for (size_t i = 0; i < toks.count; i++) {
            const lex_token_t *t = &toks.items[i];
            json_array_append_new(out, json_pack("{s:i, s:i, s:i, s:s, s:s%}", "line", t->line, "column", t->col,
                                                 "end_column", t->end_col, "class", class_of(src, t), "text",
                                                 src->text + t->start, t->end - t->start));
        }
        tokens_free(&toks);
    }
    source_free(src);
    diag_list_free(&diags);
    return out;
}

json_t *chiso_keyword_table(void)
{
    json_t *kw = json_array();
    for (size_t i = 0; i < keyword_count(); i++) {
        const char *en, *vi, *ascii;
        keyword_at(i, &en, &vi, &ascii, NULL);
        json_array_append_new(kw, json_pack("{s:s, s:s, s:s}", "en", en, "vi", vi, "ascii", ascii));
    }
    json_t *pol = json_array();
    for (size_t i = 0; i < policy_word_count(); i++) {
        const char *en, *vi, *ascii;
        policy_word_at(i, &en, &vi, &ascii);
        json_array_append_new(pol, json_pack("{s:s, s:s, s:s}", "en", en, "vi", vi, "ascii", ascii));
    }
    /* the words read by their place: spans of years, origins, declarations */
    json_t *ctx = json_array();
    for (size_t i = 0; i < context_word_count(); i++) {
        const char *en, *vi, *ascii;
        context_word_at(i, &en, &vi, &ascii);
        json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "en", en, "vi", vi, "ascii", ascii));
    }
    for (size_t i = 0; i < metric_decl_word_count(); i++) {
        const char *en, *vi, *ascii;
        metric_decl_word_at(i, &en, &vi, &ascii, NULL);
        json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "en", en, "vi", vi, "ascii", ascii));
    }
    return json_pack("{s:o, s:o, s:o}", "keywords", kw, "policy_words", pol, "context_words", ctx);
}

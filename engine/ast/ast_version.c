/* ast_version.c — versions of an index by decision and period.
 *
 * A scoring guide changes with each decision (2948/QĐ-BNV for 2017,
 * 876/QĐ-BNV for 2022–2030): one index name may then have several
 * versions, each saying the years it applies to (`áp_dụng 2017`,
 * `áp_dụng 2022 đến 2030`, `áp_dụng từ 2031`), and a node may say the ID it
 * had in the previous version (`trước_đây 3.3`) so that the trend compares
 * like with like. The checker (check_versions.c) rejects overlapping
 * versions; the scorer (engine/eval/versions.c) picks the version of each
 * submission's period. */
#include "ast_build.h"

#include "grammar/parse_ctx.h"
#include "engine/support/xalloc.h"

#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2999

static int year_of(parse_ctx_t *ctx, rat_t value, const char *text, srcloc_t loc)
{
    int64_t y;
    if (!rat_to_int64(value, &y) || y < YEAR_MIN || y > YEAR_MAX) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, loc, "period", "'%s' is not a year", text);
        diag_hint(d, "periods are years from %d to %d: áp_dụng 2017, áp_dụng 2022 đến 2030", YEAR_MIN,
                  YEAR_MAX);
        return 0;
    }
    return (int)y;
}

static bool word_in(const char *w, const char *const *words)
{
    for (; *words; words++)
        if (!strcmp(w, *words)) return true;
    return false;
}

period_range_t period_year(parse_ctx_t *ctx, rat_t year, const char *text, srcloc_t loc)
{
    int y = year_of(ctx, year, text, loc);
    return (period_range_t){y, y, loc};
}

period_range_t period_span(parse_ctx_t *ctx, rat_t from, const char *from_text, srcloc_t from_loc,
                           const char *word, srcloc_t word_loc, rat_t to, const char *to_text,
                           srcloc_t to_loc)
{
    static const char *const to_words[] = {"đến", "den", "to", NULL};
    srcloc_t span = {from_loc.src, from_loc.line, from_loc.col, to_loc.end_line, to_loc.end_col};
    int a = year_of(ctx, from, from_text, from_loc), b = year_of(ctx, to, to_text, to_loc);
    if (!word_in(word, to_words)) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, word_loc, "period",
                             "unknown word '%s' in a span of years", word);
        diag_hint(d, "write a span as `%s đến %s` (or `%s to %s`)", from_text, to_text, from_text, to_text);
    } else if (a && b && a > b) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, span, "period",
                             "the span of years %d đến %d is empty (it ends before it starts)", a, b);
        diag_hint(d, "write the earlier year first: %d đến %d", b, a);
    }
    return (period_range_t){a, b, span};
}

period_range_t period_from(parse_ctx_t *ctx, const char *word, srcloc_t word_loc, rat_t from,
                           const char *from_text, srcloc_t from_loc)
{
    static const char *const from_words[] = {"từ", "tu", "from", NULL};
    srcloc_t span = {word_loc.src, word_loc.line, word_loc.col, from_loc.end_line, from_loc.end_col};
    int a = year_of(ctx, from, from_text, from_loc);
    if (!word_in(word, from_words)) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, word_loc, "period", "unknown word '%s' before a year",
                             word);
        diag_hint(d, "periods are written 2017, 2022 đến 2030, or từ 2031 (from 2031 on)");
    }
    return (period_range_t){a, PERIOD_OPEN, span};
}

void apply_version_item(parse_ctx_t *ctx, node_t *n, item_t *it)
{
    if (it->kind == IT_APPLIES_TO) {
        if (n->kind != NODE_INDEX) {
            diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "misplaced",
                                 "the periods a version applies to belong to the index, not to a node");
            diag_hint(d, "write `áp_dụng 2017` in the index, after its name; a node that applies "
                         "only sometimes has `áp_dụng_khi CONDITION`");
            return;
        }
        if (node_rare(n)->nperiods) {
            diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "duplicate-item",
                                 "the periods (áp_dụng / applies_to) given twice");
            diag_hint(d, "list them in one line: áp_dụng 2017, 2019 đến 2020");
            return;
        }
        node_rare_t *rare = node_rare_of(ctx, n);
        for (size_t i = 0; i < it->nperiods; i++) {
            if (!it->periods[i].from) continue; /* not a year: reported */
            for (size_t k = 0; k < rare->nperiods; k++) {
                const period_range_t *p = &rare->periods[k];
                if (it->periods[i].from <= p->to && p->from <= it->periods[i].to) {
                    diag_add(ctx->diags, DIAG_ERROR, it->periods[i].loc, "period",
                             "this span of years overlaps one listed before it on this line");
                    break;
                }
            }
            ARENA_PUSH(ctx->arena, rare->periods, rare->nperiods, rare->capperiods);
            rare->periods[rare->nperiods++] = it->periods[i];
        }
        return;
    }
    /* IT_PREVIOUSLY */
    if (n->kind == NODE_INDEX) {
        diag_t *d = diag_add(ctx->diags, DIAG_ERROR, it->loc, "misplaced",
                             "what a node was called in the previous version (trước_đây / previously) "
                             "belongs to a node, not to the index");
        diag_hint(d, "write it in the node: tiêu_chí 3.2 \"…\" tối_đa 2 { trước_đây 3.3 … }");
        return;
    }
    if (node_rare(n)->previously) {
        diag_add(ctx->diags, DIAG_ERROR, it->loc, "duplicate-item",
                 "the previous ID (trước_đây / previously) given twice");
        return;
    }
    if (!it->str[0]) {
        diag_add(ctx->diags, DIAG_ERROR, it->value_loc, "previously", "the previous node ID is empty");
        return;
    }
    node_rare_t *rare = node_rare_of(ctx, n);
    rare->previously = it->str;
    rare->previously_loc = it->value_loc;
}

bool index_applies_to_year(const node_t *index, int year)
{
    if (!node_rare(index)->nperiods) return true;
    for (size_t i = 0; i < node_rare(index)->nperiods; i++)
        if (node_rare(index)->periods[i].from <= year && year <= node_rare(index)->periods[i].to) return true;
    return false;
}

char *index_periods_text(const node_t *index)
{
    strbuf_t sb;
    sb_init(&sb);
    for (size_t i = 0; i < node_rare(index)->nperiods; i++) {
        const period_range_t *p = &node_rare(index)->periods[i];
        if (i) sb_adds(&sb, ", ");
        if (p->to == PERIOD_OPEN) sb_printf(&sb, "từ %d", p->from);
        else if (p->from == p->to) sb_printf(&sb, "%d", p->from);
        else sb_printf(&sb, "%d đến %d", p->from, p->to);
    }
    return sb.data ? sb_take(&sb) : xstrdup("");
}

/* metric_decl.c — building metric declarations from their clauses.
 *
 *   số_liệu hồ_sơ.đúng_hạn "Số hồ sơ giải quyết đúng hạn" đếm "hồ sơ" <= hồ_sơ.tổng_số
 *   metric survey.satisfaction "Tỷ lệ hài lòng" ratio required
 *
 * After the path and the label, clauses come in any order: a kind word, a
 * unit text, bounds (`from`/`từ` N, `to`/`đến` N), `required`/`bắt_buộc`
 * (null is not allowed), and constraints against other metrics. The words
 * are not reserved: they are recognised here, in English, Vietnamese, and
 * Vietnamese without diacritics, and an unknown one gets a "did you mean". */
#include "ast_build.h"

#include "grammar/parse_ctx.h"
#include "../support/fold.h"
#include "../support/xalloc.h"

#include <string.h>

typedef struct {
    const char *en, *vi, *ascii;
    metric_kind kind; /* MK_NONE for the other clause words */
    int clause;       /* 0 kind, 1 required, 2 from, 3 to */
} decl_word_t;

static const decl_word_t words[] = {
    {"count", "đếm", "dem", MK_COUNT, 0},
    {"amount", "số", "so", MK_AMOUNT, 0},
    {"ratio", "tỷ_lệ", "ty_le", MK_RATIO, 0},
    {"ratio", "tỉ_lệ", "ti_le", MK_RATIO, 0},
    {"percent", "phần_trăm", "phan_tram", MK_PERCENT, 0},
    {"boolean", "có_không", "co_khong", MK_BOOL, 0},
    {"date", "ngày", "ngay", MK_DATE, 0},
    {"text", "chữ", "chu", MK_TEXT, 0},
    {"required", "bắt_buộc", "bat_buoc", MK_NONE, 1},
    {"from", "từ", "tu", MK_NONE, 2},
    {"to", "đến", "den", MK_NONE, 3},
};
#define NWORDS (sizeof words / sizeof words[0])

const char *metric_kind_name(metric_kind k)
{
    static const char *const names[] = {"number", "count", "amount", "ratio", "percent",
                                        "boolean", "date", "text"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *metric_kind_vietnamese(metric_kind k)
{
    static const char *const names[] = {"số", "đếm", "số", "tỷ_lệ", "phần_trăm",
                                        "có_không", "ngày", "chữ"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static const decl_word_t *find_word(const char *w)
{
    for (size_t i = 0; i < NWORDS; i++)
        if (!strcmp(w, words[i].en) || !strcmp(w, words[i].vi) || !strcmp(w, words[i].ascii))
            return &words[i];
    return NULL;
}

static bool spelled(const char *form, const char *w, size_t len)
{
    return strlen(form) == len && memcmp(form, w, len) == 0;
}

const char *metric_decl_word_spelling(const char *w, size_t len, bool vietnamese)
{
    for (size_t i = 0; i < NWORDS; i++)
        if (spelled(words[i].en, w, len) || spelled(words[i].vi, w, len) || spelled(words[i].ascii, w, len)) {
            /* `ratio` is `tỷ_lệ` (the first row), `tỉ_lệ` is `ratio` */
            for (size_t k = 0; k < NWORDS; k++)
                if (words[k].kind == words[i].kind && words[k].clause == words[i].clause)
                    return vietnamese ? words[k].vi : words[k].en;
        }
    return NULL;
}

size_t metric_decl_word_count(void) { return NWORDS; }

bool metric_decl_word_at(size_t i, const char **en, const char **vi, const char **ascii, bool *is_kind)
{
    if (i >= NWORDS) return false;
    if (en) *en = words[i].en;
    if (vi) *vi = words[i].vi;
    if (ascii) *ascii = words[i].ascii;
    if (is_kind) *is_kind = words[i].clause == 0;
    return true;
}

static void unknown_word(parse_ctx_t *ctx, const char *w, srcloc_t loc, bool with_value)
{
    diag_t *d = diag_add(ctx->diags, DIAG_ERROR, loc, "metric-decl",
                         "unknown word '%s' in a metric declaration", w);
    const char *cands[3 * NWORDS];
    for (size_t i = 0; i < NWORDS; i++) {
        cands[3 * i] = words[i].en;
        cands[3 * i + 1] = words[i].vi;
        cands[3 * i + 2] = words[i].ascii;
    }
    const char *s = visual_suggest(w, cands, 3 * NWORDS);
    if (s) diag_hint(d, "did you mean '%s'?", s);
    else if (with_value) diag_hint(d, "bounds are written `từ 0 đến 100` (from 0 to 100)");
    else
        diag_hint(d, "after the label come a kind (đếm, số, tỷ_lệ, phần_trăm, có_không, ngày, chữ), "
                     "a unit \"...\", `từ N`, `đến N`, `bắt_buộc` and constraints such as `<= x.y`");
}

metric_decl_t *metric_decl_new(parse_ctx_t *ctx, char **segs, int nsegs, const char *text,
                               const char *label, srcloc_t loc, srcloc_t path_loc)
{
    metric_decl_t *d = arena_alloc(ctx->arena, sizeof *d);
    d->segs = segs;
    d->nsegs = nsegs;
    d->text = (char *)text;
    d->loc = loc;
    d->path_loc = path_loc;
    d->label = (char *)label;
    d->slot = -1;
    return d;
}

void metric_decl_word(parse_ctx_t *ctx, metric_decl_t *d, const char *word, srcloc_t loc)
{
    const decl_word_t *w = find_word(word);
    if (!w) {
        unknown_word(ctx, word, loc, false);
        return;
    }
    if (w->clause == 1) {
        d->required = true;
    } else if (w->clause == 0) {
        if (d->kind != MK_NONE) {
            diag_add(ctx->diags, DIAG_ERROR, loc, "metric-decl",
                     "a metric has one kind; '%s' is already its kind", metric_kind_vietnamese(d->kind));
            return;
        }
        d->kind = w->kind;
        d->kind_loc = loc;
    } else {
        diag_t *e = diag_add(ctx->diags, DIAG_ERROR, loc, "metric-decl", "'%s' needs a value", word);
        diag_hint(e, "for example `từ 0 đến 100`");
    }
}

metric_decl_t *metric_decl_bound(parse_ctx_t *ctx, metric_decl_t *d, const char *word,
                                 srcloc_t word_loc, rat_t value, bool is_date, bool is_percent,
                                 srcloc_t value_loc)
{
    const decl_word_t *w = find_word(word);
    if (!w || w->clause < 2) {
        unknown_word(ctx, word, word_loc, true);
        return d;
    }
    (void)is_date;
    if (is_percent) {
        diag_t *e = diag_add(ctx->diags, DIAG_ERROR, value_loc, "metric-decl",
                             "bounds are written as they are typed in a submission, not as percents");
        diag_hint(e, "a `tỷ_lệ` (ratio) lies in `từ 0 đến 1`; a `phần_trăm` in `từ 0 đến 100`");
        return d;
    }
    bool *has = w->clause == 2 ? &d->has_lo : &d->has_hi;
    if (*has) {
        diag_add(ctx->diags, DIAG_ERROR, word_loc, "metric-decl", "'%s' given twice", word);
        return d;
    }
    *has = true;
    if (w->clause == 2) d->lo = value;
    else d->hi = value;
    if (!d->range_loc.src) d->range_loc = word_loc;
    d->range_loc.end_line = value_loc.end_line;
    d->range_loc.end_col = value_loc.end_col;
    return d;
}

metric_decl_t *metric_decl_unit(parse_ctx_t *ctx, metric_decl_t *d, const char *unit, srcloc_t loc)
{
    if (d->unit) {
        diag_t *e = diag_add(ctx->diags, DIAG_ERROR, loc, "metric-decl",
                             "the unit of '%s' is already \"%s\"", d->text, d->unit);
        diag_hint(e, "a declaration has one label, then one unit: số_liệu x \"nhãn\" đếm \"hồ sơ\"");
        return d;
    }
    d->unit = (char *)unit;
    return d;
}

metric_decl_t *metric_decl_constraint(parse_ctx_t *ctx, metric_decl_t *d, op_kind cmp, expr_t *rhs,
                                      srcloc_t loc)
{
    if (!d->capconstraints) { /* room for one: most declarations have one constraint at most */
        d->constraints = arena_alloc(ctx->arena, sizeof *d->constraints);
        d->capconstraints = 1;
    }
    ARENA_PUSH(ctx->arena, d->constraints, d->nconstraints, d->capconstraints);
    d->constraints[d->nconstraints++] = (metric_constraint_t){cmp, rhs, loc};
    return d;
}

void metric_decl_add(parse_ctx_t *ctx, metric_decl_t *d)
{
    file_ast_t *f = ctx->file;
    ARENA_PUSH(ctx->arena, f->metric_decls, f->nmetric_decls, f->capmetric_decls);
    f->metric_decls[f->nmetric_decls++] = d;
}

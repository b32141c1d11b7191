/* batch_csv.c — a scored batch as CSV for Excel: one row per unit, the
 * columns the batch format promises first, with a UTF-8 BOM, ';' and ','
 * by default (Excel set to Vietnamese) or ',' and '.' (RFC 4180). */
#include "batch_output.h"
#include "csv_versions.h"

#include "engine/batch/batch_published.h"

#include "engine/eval/result.h"
#include "engine/compile/loaded_program.h"
#include "engine/compile/compile.h"
#include "engine/support/i18n.h"
#include "engine/support/json_exact.h"
#include "engine/support/rat_text.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A text cell Excel would take for a formula (=, +, -, @, or a tab or CR
 * before one) gets a leading apostrophe: shown as text, never evaluated.
 * Only texts from submissions and file names pass here; numbers are
 * written by csv_number and keep their sign. */
static bool formula_like(const char *s)
{
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

static void csv_field(strbuf_t *row, const char *s, char sep)
{
    if (!s) return;
    if (formula_like(s)) {
        char *safe = xasprintf("'%s", s);
        csv_field(row, safe, sep);
        free(safe);
        return;
    }
    size_t n = 0;
    for (char c; (c = s[n]) && c != sep && c != '"' && c != '\n' && c != '\r';) n++;
    if (!s[n]) { /* nothing to quote: copied as it is */
        sb_add(row, s, n);
        return;
    }
    sb_addc(row, '"');
    for (; *s; s++) {
        if (*s == '"') sb_addc(row, '"');
        sb_addc(row, *s);
    }
    sb_addc(row, '"');
}

/* A number exactly (6 decimals at most), or rounded to `round` decimals
 * (halves away from zero) as a published table shows it. */
static void csv_number(strbuf_t *row, rat_t v, bool comma, int round)
{
    if (round < 0) {
        sb_add_rat6(row, v, comma ? ',' : '.');
        return;
    }
    char buf[48];
    bool of = false;
    rat_t r = round >= 0 ? rat_round(v, round, &of) : v;
    if (round >= 0 && !of) rat_format_fixed(r, round, buf, sizeof buf);
    else rat_format(v, 6, buf, sizeof buf);
    if (comma) rat_decimal_comma(buf);
    sb_adds(row, buf);
}

/* A criterion's points as kept in the summary ("0.5"), as csv_number writes them. */
static void csv_number_text(strbuf_t *row, const char *text, size_t len, bool comma, int round)
{
    if (round < 0) { /* kept as csv_number writes it (rat_format, 6 decimals): copied */
        size_t at = row->len;
        sb_add(row, text, len);
        if (comma)
            for (char *p = row->data + at; *p; p++)
                if (*p == '.') *p = ',';
        return;
    }
    rat_t v;
    if (!rat_parse(text, len, &v)) { /* not read back: as it is */
        sb_add(row, text, len);
        return;
    }
    csv_number(row, v, comma, round);
}

static void csv_rank(strbuf_t *row, long rank)
{
    if (rank) sb_add_rat6(row, rat_int(rank), '.');
}

/* One row per unit, built in memory and written at once. The columns the
 * batch format promises come first, in its order (id, name, level, period,
 * points, max, percent, grade, rank, then each field's points); the
 * field ranks, the status, the file, the error and a note (a unit whose
 * metrics are mostly null) follow. */
bool batch_render_csv(batch_t *b, const chiso_program *prog, size_t index, const char **ids,
                      const char **names, int nfields, const render_opts_t *o, FILE *out)
{
    /* By default for Excel set to Vietnamese, as the offices that open it
     * are: ';' between fields and ',' as the decimal mark (docs/batch-scoring.md). */
    bool comma = !o->decimal_point;
    int round = o->round;
    char sep = comma ? ';' : ',';
    bool vi = chiso_i18n_lang() == CHISO_LANG_VI;
    strbuf_t row;
    sb_init(&row);
    sb_adds(&row, "\xEF\xBB\xBF"); /* BOM: Excel then reads UTF-8 */
    static const char *const head_en[] = {"id", "name", "level", "period", "points", "max", "percent", "grade", "rank"};
    static const char *const head_vi[] = {"Mã đơn vị", "Đơn vị", "Cấp", "Kỳ", "Điểm", "Tối đa", "Tỷ lệ (%)",
                                          "Xếp loại", "Hạng"};
    const char *const *head = vi ? head_vi : head_en;
    for (size_t i = 0; i < sizeof head_en / sizeof head_en[0]; i++) {
        if (i) sb_addc(&row, sep);
        sb_adds(&row, head[i]);
    }
    /* the fields' and criteria's columns: a block per version of the index
     * that scored units (csv_versions.c) */
    const compiled_index_t *ci = index < prog->prog.nindexes && prog->prog.compiled ? prog->prog.compiled[index] : NULL;
    csv_versions_t cv;
    csv_versions_build(b, ci, &cv);
    (void)ids;
    (void)names;
    (void)nfields;
    for (int v = 0; v < cv.n; v++)
        for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
            const node_t *n = csv_version_field(cv.v[v], f);
            char *col = xasprintf("%s%s %s", cv.prefix[v], n->id, n->name ? n->name : "");
            sb_addc(&row, sep);
            csv_field(&row, col, sep);
            free(col);
        }
    for (int v = 0; v < cv.n; v++)
        for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
            const char *id = csv_version_field(cv.v[v], f)->id;
            char *rk = vi ? xasprintf("%sHạng %s", cv.prefix[v], id) : xasprintf("%s%s rank", cv.prefix[v], id);
            sb_addc(&row, sep);
            csv_field(&row, rk, sep);
            free(rk);
        }
    /* against the previous period, when the batch holds several (the published table) */
    published_t pub;
    published_build(b, &pub);
    const published_row_t **against = xcalloc(b->count ? b->count : 1, sizeof *against);
    for (size_t g = 0; g < pub.ngroups; g++)
        for (size_t r = 0; r < pub.groups[g].nrows; r++)
            against[pub.groups[g].rows[r].now - b->units] = &pub.groups[g].rows[r];
    if (pub.ngroups) {
        const char *chead[] = {"previous period", "percent change", "rank change"};
        const char *chead_vi[] = {"Kỳ trước", "Thay đổi tỷ lệ", "Thay đổi hạng"};
        for (size_t i = 0; i < 3; i++) {
            sb_addc(&row, sep);
            sb_adds(&row, vi ? chead_vi[i] : chead[i]);
        }
        for (int v = 0; v < cv.n; v++)
            for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
                const char *id = csv_version_field(cv.v[v], f)->id, *pre = cv.prefix[v];
                char *col = vi ? xasprintf("%sThay đổi %s", pre, id) : xasprintf("%s%s change", pre, id);
                char *rk = vi ? xasprintf("%sThay đổi hạng %s", pre, id) : xasprintf("%s%s rank change", pre, id);
                sb_addc(&row, sep);
                csv_field(&row, col, sep);
                sb_addc(&row, sep);
                csv_field(&row, rk, sep);
                free(col);
                free(rk);
            }
    }
    /* points by origin, when the rules say where points come from */
    bool origins = false;
    for (size_t i = 0; i < b->count && !origins; i++) origins = unit_origins(&b->units[i]) != NULL;
    const char *ohead[] = {"appraisal points", "appraisal max", "survey points", "survey max"};
    const char *ohead_vi[] = {"Điểm thẩm định", "Tối đa thẩm định", "Điểm điều tra XHH", "Tối đa điều tra XHH"};
    for (size_t i = 0; origins && i < 4; i++) {
        sb_addc(&row, sep);
        sb_adds(&row, vi ? ohead_vi[i] : ohead[i]);
    }
    const char *tail[] = {"status", "file", "error", "note"};
    const char *tail_vi[] = {"Trạng thái", "Tệp", "Lỗi", "Ghi chú"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) {
        sb_addc(&row, sep);
        sb_adds(&row, vi ? tail_vi[i] : tail[i]);
    }
    /* then a column per criterion (the leaves, in the order of the rules) */
    for (int v = 0; v < cv.n; v++)
        for (int i = 1; i < cv.v[v]->nnodes; i++) {
            const cnode_t *c = &cv.v[v]->nodes[i];
            if (c->nchildren) continue;
            char *col = xasprintf("%s%s %s", cv.prefix[v], c->src->id, c->src->name ? c->src->name : "");
            sb_addc(&row, sep);
            csv_field(&row, col, sep);
            free(col);
        }
    sb_add(&row, "\r\n", 2);
    fwrite(row.data, 1, row.len, out);
    /* The units scored, in input order, then those in error. The criteria's
     * points of each unit scored come back from the spool, in that order. */
    char *spooled = NULL;
    size_t spooled_cap = 0, spooled_len;
    bool whole = true;
    for (size_t k = 0; k < 2 * b->count; k++) {
        const unit_summary_t *u = &b->units[k % b->count];
        if (u->ok != (k < b->count)) continue;
        const char *unit_leaves = "";
        if (u->ok && b->spool) {
            if (!(whole = batch_spool_leaves(b, &spooled, &spooled_cap, &spooled_len))) break;
            spooled[spooled_len - 1] = '\0';
            unit_leaves = spooled;
        }
        row.len = 0;
        csv_field(&row, unit_id(u), sep);
        sb_addc(&row, sep);
        csv_field(&row, unit_name(u), sep);
        sb_addc(&row, sep);
        csv_field(&row, unit_level(u), sep);
        sb_addc(&row, sep);
        csv_field(&row, unit_period(u), sep);
        sb_addc(&row, sep);
        if (u->ok) {
            csv_number(&row, unit_points(u), comma, round);
            sb_addc(&row, sep);
            csv_number(&row, unit_max(u), comma, round);
            sb_addc(&row, sep);
            if (unit_has_percent(u)) csv_number(&row, unit_percent(u), comma, round);
            sb_addc(&row, sep);
            csv_field(&row, unit_grade(u), sep);
            sb_addc(&row, sep);
            csv_rank(&row, u->rank);
        } else {
            for (int e = 0; e < 4; e++) sb_addc(&row, sep); /* 5 empty columns */
        }
        /* a unit fills the block of the version that scored it */
        for (int v = 0; v < cv.n; v++)
            for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
                sb_addc(&row, sep);
                if (u->ok && unit_ci(u) == cv.v[v] && f < u->nfields) csv_number(&row, unit_fpoints(u, f), comma, round);
            }
        for (int v = 0; v < cv.n; v++)
            for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
                sb_addc(&row, sep);
                if (u->ok && unit_ci(u) == cv.v[v] && f < u->nfields) csv_rank(&row, unit_frank(u, f));
            }
        if (pub.ngroups) { /* places gained: + rose, - fell */
            const published_row_t *pr = against[k % b->count];
            arena_t *outer = rat_big_arena(&pub.arena);
            sb_addc(&row, sep);
            if (pr && pr->before) csv_field(&row, unit_period(pr->before), sep);
            sb_addc(&row, sep);
            if (pr && pr->changed) csv_number(&row, pr->dpercent, comma, round);
            sb_addc(&row, sep);
            if (pr && pr->has_dplaces) sb_printf(&row, "%ld", pr->dplaces);
            for (int v = 0; v < cv.n; v++)
                for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
                    bool both = pr && pr->before && unit_ci(u) == cv.v[v] && f < u->nfields && pr->field_compared[f];
                    sb_addc(&row, sep);
                    if (both) csv_number(&row, pr->dfield[f], comma, round);
                    sb_addc(&row, sep);
                    if (both && pr->dfield_places[f] != PUBLISHED_NO_PLACES)
                        sb_printf(&row, "%ld", pr->dfield_places[f]);
                }
            rat_big_arena(outer);
        }
        for (int oi = 0; origins && oi < 4; oi++) {
            sb_addc(&row, sep);
            if (unit_origins(u)) csv_number(&row, unit_origins(u)[oi], comma, round);
        }
        sb_addc(&row, sep);
        sb_adds(&row, u->ok ? "ok" : "error");
        sb_addc(&row, sep);
        char ob[UNIT_ORIGIN_SIZE];
        csv_field(&row, unit_origin(u, ob), sep);
        sb_addc(&row, sep);
        if (unit_error(u)) { /* every error, "; " between them */
            strbuf_t joined;
            sb_init(&joined);
            for (const char *e = unit_error(u); *e;) {
                size_t len = strcspn(e, "\n");
                if (joined.len) sb_adds(&joined, "; ");
                sb_add(&joined, e, len);
                e += len + (e[len] == '\n');
            }
            csv_field(&row, joined.data, sep);
            sb_free(&joined);
        }
        sb_addc(&row, sep);
        csv_field(&row, unit_note(u), sep);
        for (int v = 0; v < cv.n; v++) {
            int leaves = csv_version_leaves(cv.v[v]);
            const char *l = u->ok && unit_ci(u) == cv.v[v] ? unit_leaves : "";
            for (int li = 0; li < leaves; li++) {
                sb_addc(&row, sep);
                size_t n = 0;
                while (l[n] && l[n] != ' ') n++;
                if (n) csv_number_text(&row, l, n, comma, round);
                l += n + (l[n] == ' ');
            }
        }
        sb_add(&row, "\r\n", 2);
        fwrite(row.data, 1, row.len, out);
    }
    sb_free(&row);
    free(spooled);
    free(against);
    published_free(&pub);
    csv_versions_free(&cv);
    return whole;
}

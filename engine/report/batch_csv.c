/* batch_csv.c — a scored batch as CSV for Excel: one row per unit, the
 * columns the batch format promises first, with a UTF-8 BOM, ';' and ','
 * by default (Excel set to Vietnamese) or ',' and '.' (RFC 4180). */
#include "batch_output.h"
#include "csv_cell.h"
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

/* The general writers of the header and the rare columns. */
static void csv_field(strbuf_t *row, const char *s, char sep) { csv_text(row, s, sep); }

/* The separator, then a number rounded to `round` decimals. */
static void csv_sep_rounded(strbuf_t *row, char sep, rat_t v, char point, int round)
{
    sb_addc(row, sep);
    csv_number(row, v, point, round);
}

/* The separator, then a number exactly, or rounded to `round` decimals
 * (>= 0). Inline: the exact numbers are most of a row. */
static inline __attribute__((always_inline)) void csv_sep_number(strbuf_t *row, char sep, rat_t v, char point,
                                                                 int round)
{
    if (round < 0) csv_sep_rat(row, sep, v, point);
    else csv_sep_rounded(row, sep, v, point, round);
}

/* The separator, then a rank (nothing after it for none). */
static void csv_sep_rank32(strbuf_t *row, char sep, long rank)
{
    if (rank >= 0) {
        csv_sep_rank(row, sep, (uint64_t)rank);
        return;
    }
    sb_addc(row, sep);
    sb_add_rat6(row, rat_int(rank), '.');
}

/* A criterion's points as spooled (leaf_point its decimal mark), as
 * csv_number writes them. */
static void csv_number_text(strbuf_t *row, const char *text, size_t len, char leaf_point, char point, int round)
{
    char buf[64];
    if (len >= sizeof buf) { /* not a number rat_text_put writes: as it is */
        sb_add(row, text, len);
        return;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    for (char *p = buf; *p; p++)
        if (*p == leaf_point) *p = '.';
    if (round < 0) { /* spooled as csv_number writes it (6 decimals): copied */
        size_t at = row->len;
        sb_add(row, buf, len);
        if (point != '.')
            for (char *p = row->data + at; *p; p++)
                if (*p == '.') *p = point;
        return;
    }
    rat_t v;
    if (!rat_parse(buf, len, &v)) { /* not read back: as it is */
        sb_add(row, buf, len);
        return;
    }
    csv_number(row, v, point, round);
}

/* The cells of a group, the same for each of its units: level and
 * period (";huyện;2021"), and the grade (";Tốt"), made once for each
 * group a batch has (a few: groups are interned). */
enum { GROUP_SLOTS = 256 };
typedef struct {
    const unit_group_t *group[GROUP_SLOTS];
    uint32_t at[GROUP_SLOTS], place_len[GROUP_SLOTS], grade_len[GROUP_SLOTS];
    strbuf_t text;
} group_cells_t;

/* The slot of g, made when it is new; -1 when the table is full (the
 * cells are then written the long way). */
static int group_slot(group_cells_t *gc, const unit_group_t *g, char sep)
{
    unsigned h = (unsigned)(((uintptr_t)g >> 3) * 0x9E3779B97F4A7C15ULL >> 56);
    for (unsigned probe = 0; probe < GROUP_SLOTS / 2; probe++, h = (h + 1) % GROUP_SLOTS) {
        if (gc->group[h] == g) return (int)h;
        if (gc->group[h]) continue;
        gc->group[h] = g;
        gc->at[h] = (uint32_t)gc->text.len;
        csv_sep_text(&gc->text, sep, g->level);
        csv_sep_text(&gc->text, sep, g->period);
        gc->place_len[h] = (uint32_t)(gc->text.len - gc->at[h]);
        csv_sep_text(&gc->text, sep, g->grade);
        gc->grade_len[h] = (uint32_t)(gc->text.len - gc->at[h] - gc->place_len[h]);
        return (int)h;
    }
    return -1;
}

/* Rows are gathered and written a piece of this size at a time. */
enum { CSV_CHUNK = 64 << 10 };

/* One row per unit, built in memory and written at once. The columns the
 * batch format promises come first, in its order (id, name, level, period,
 * points, max, percent, grade, rank, then each field's points); the
 * field ranks, the status, the file, the error and a note (a unit whose
 * metrics are mostly null) follow. */
bool batch_render_csv(batch_t *b, const chiso_program *prog, size_t index, const char **ids,
                      const char **names, int nfields, const render_opts_t *o, FILE *out)
{
    int round = o->round;
    char sep = batch_csv_separator(o), point = batch_csv_point(o);
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
    const published_row_t **against = pub.ngroups ? xcalloc(b->count ? b->count : 1, sizeof *against) : NULL;
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
    /* The units scored, in input order, then those in error. The criteria's
     * points of each unit scored come back from the spool, in that order:
     * spooled as this row writes them, they are copied into it as they are. */
    bool copy_leaves = round < 0 && b->leaf_sep == sep && b->leaf_point == point;
    int *leaves = xcalloc(cv.n ? (size_t)cv.n : 1, sizeof *leaves), most_fields = 0;
    for (int v = 0; v < cv.n; v++) {
        leaves[v] = csv_version_leaves(cv.v[v]);
        if (csv_version_fields(cv.v[v]) > most_fields) most_fields = csv_version_fields(cv.v[v]);
    }
    rat_t *values = xmalloc((size_t)(2 + most_fields) * sizeof *values);
    group_cells_t *gc = xcalloc(1, sizeof *gc);
    sb_init(&gc->text);
    bool whole = true;
    for (size_t k = 0; k < 2 * b->count; k++) {
        const unit_summary_t *u = &b->units[k % b->count];
        if (u->ok != (k < b->count)) continue;
        const char *unit_leaves = "";
        size_t nleaves = 1; /* bytes, with the '\n' */
        bool spooled = u->ok && b->spool;
        if (spooled && !(whole = batch_spool_leaves_raw(b, &unit_leaves, &nleaves))) break;
        if (row.len >= CSV_CHUNK) {
            fwrite(row.data, 1, row.len, out);
            row.len = 0;
        }
        const char *id, *name;
        long long line = unit_id_name_line(u, &id, &name);
        csv_text(&row, id, sep);
        csv_sep_text(&row, sep, name);
        int slot = group_slot(gc, u->group, sep);
        if (slot >= 0) {
            sb_add(&row, gc->text.data + gc->at[slot], gc->place_len[slot]);
        } else {
            csv_sep_text(&row, sep, unit_level(u));
            csv_sep_text(&row, sep, unit_period(u));
        }
        /* a unit fills the block of the version that scored it */
        int nvalues = 0;
        if (u->ok) {
            nvalues = (int)unit_values(u, values, 2 + (size_t)(u->nfields < most_fields ? u->nfields : most_fields));
            csv_sep_number(&row, sep, values[0], point, round);
            csv_sep_number(&row, sep, values[1], point, round);
            if (unit_has_percent(u)) csv_sep_number(&row, sep, unit_percent_of(u, values[0], values[1]), point, round);
            else sb_addc(&row, sep);
            if (slot >= 0) sb_add(&row, gc->text.data + gc->at[slot] + gc->place_len[slot], gc->grade_len[slot]);
            else csv_sep_text(&row, sep, unit_grade(u));
            csv_sep_rank32(&row, sep, u->rank);
        } else {
            sb_add(&row, sep == ';' ? ";;;;;" : ",,,,,", 5); /* 5 empty columns */
        }
        for (int v = 0; v < cv.n; v++) {
            int nf = csv_version_fields(cv.v[v]), mine = u->ok && unit_ci(u) == cv.v[v] ? nvalues - 2 : 0;
            for (int f = 0; f < nf; f++)
                if (f < mine) csv_sep_number(&row, sep, values[2 + f], point, round);
                else sb_addc(&row, sep);
        }
        for (int v = 0; v < cv.n; v++) {
            int nf = csv_version_fields(cv.v[v]), mine = u->ok && unit_ci(u) == cv.v[v] ? u->nfields : 0;
            for (int f = 0; f < nf; f++)
                if (f < mine) csv_sep_rank32(&row, sep, unit_frank(u, f));
                else sb_addc(&row, sep);
        }
        if (pub.ngroups) { /* places gained: + rose, - fell */
            const published_row_t *pr = against[k % b->count];
            arena_t *outer = rat_big_arena(&pub.arena);
            sb_addc(&row, sep);
            if (pr && pr->before) csv_field(&row, unit_period(pr->before), sep);
            sb_addc(&row, sep);
            if (pr && pr->changed) csv_number(&row, pr->dpercent, point, round);
            sb_addc(&row, sep);
            if (pr && pr->has_dplaces) sb_printf(&row, "%ld", pr->dplaces);
            for (int v = 0; v < cv.n; v++)
                for (int f = 0; f < csv_version_fields(cv.v[v]); f++) {
                    bool both = pr && pr->before && unit_ci(u) == cv.v[v] && f < u->nfields && pr->field_compared[f];
                    sb_addc(&row, sep);
                    if (both) csv_number(&row, pr->dfield[f], point, round);
                    sb_addc(&row, sep);
                    if (both && pr->dfield_places[f] != PUBLISHED_NO_PLACES)
                        sb_printf(&row, "%ld", pr->dfield_places[f]);
                }
            rat_big_arena(outer);
        }
        for (int oi = 0; origins && oi < 4; oi++) {
            sb_addc(&row, sep);
            if (unit_origins(u)) csv_number(&row, unit_origins(u)[oi], point, round);
        }
        sb_addc(&row, sep);
        sb_adds(&row, u->ok ? "ok" : "error");
        if (line >= 0) { /* "<stdin>:LINE": nothing to quote */
            sb_reserve(&row, 9 + 20);
            memcpy(row.data + row.len, sep == ';' ? ";<stdin>:" : ",<stdin>:", 9);
            row.len += 9;
            row.len += rat_text_uint(row.data + row.len, (uint64_t)line);
            row.data[row.len] = '\0';
        } else {
            char ob[UNIT_ORIGIN_SIZE];
            csv_sep_text(&row, sep, unit_origin(u, ob));
        }
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
        csv_sep_text(&row, sep, unit_note(u));
        for (int v = 0; v < cv.n; v++) {
            bool mine = spooled && unit_ci(u) == cv.v[v];
            if (mine && copy_leaves && leaves[v]) { /* the line holds them all, sep between them */
                sb_reserve(&row, nleaves);
                row.data[row.len] = sep;
                memcpy(row.data + row.len + 1, unit_leaves, nleaves - 1);
                row.len += nleaves;
                row.data[row.len] = '\0';
                continue;
            }
            const char *l = mine ? unit_leaves : "";
            size_t left = mine ? nleaves - 1 : 0;
            for (int li = 0; li < leaves[v]; li++) {
                sb_addc(&row, sep);
                size_t n = 0;
                while (n < left && l[n] != b->leaf_sep) n++;
                if (n) csv_number_text(&row, l, n, b->leaf_point, point, round);
                n += n < left;
                l += n;
                left -= n;
            }
        }
        sb_add(&row, "\r\n", 2);
    }
    fwrite(row.data, 1, row.len, out);
    sb_free(&gc->text);
    free(gc);
    free(values);
    free(leaves);
    sb_free(&row);
    free(against);
    published_free(&pub);
    csv_versions_free(&cv);
    return whole;
}

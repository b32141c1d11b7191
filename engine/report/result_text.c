/* result_text.c — the scorecard people read: the node tree with points and
 * maxima rounded to 2 decimals, the value and band of each leaf, what was
 * not applicable and why, deductions, findings and self-assessment
 * differences; and a ranking table for a batch. Labels are Vietnamese, the
 * language of the people who read these cards. */
#include "engine/eval/result.h"

#include "engine/support/date.h"
#include "engine/support/textwidth.h"
#include "engine/support/xalloc.h"

#include <string.h>

#define NAME_COLS 58

static const char *unit_field(const chiso_result *r, const char *key)
{
    json_t *v = json_is_object(r->unit) ? json_object_get(r->unit, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* What to call a unit: its name, else its id, else the file it came from. */
static const char *unit_label(const chiso_result *r)
{
    const char *s = unit_field(r, "name");
    if (!s) s = unit_field(r, "id");
    if (!s) s = r->origin;
    return s ? s : "?";
}

static bool leaf_is_percent(const cnode_t *c)
{
    for (int i = 0; i < c->nbands; i++) {
        const band_t *b = c->src->bands[i];
        if (b->threshold && b->threshold->is_percent) return true;
    }
    return false;
}

static void format_value(const cnode_t *c, value_t v, char *buf, size_t size)
{
    char num[48];
    bool of = false;
    switch (v.tag) {
    case V_NUM:
        if (leaf_is_percent(c)) {
            rat_format_fixed(rat_mul(v.u.num, rat_int(100), &of), 2, num, sizeof num);
            snprintf(buf, size, "%s%%", num);
        } else {
            snprintf(buf, size, "%s", rat_format(v.u.num, 4, num, sizeof num));
        }
        break;
    case V_DATE: date_format(v.u.date, buf, size); break;
    case V_BOOL: snprintf(buf, size, "%s", v.u.b ? "đúng" : "sai"); break;
    default: buf[0] = '\0'; break;
    }
}

static const char *policy_vi(na_policy p)
{
    return p == NA_EXCLUDE ? "loại khỏi tổng điểm" : p == NA_ZERO ? "0 điểm" : "đủ điểm";
}

static void print_node(const chiso_result *r, int idx, int depth, FILE *out)
{
    const cnode_t *c = &r->ci->nodes[idx];
    const node_result_t *nr = &r->nodes[idx];
    char label[512], pts[48], mx[48];
    snprintf(label, sizeof label, "%*s%s  %s", depth * 2, "", c->src->id, c->src->name);
    fputs("  ", out);
    print_padded(out, label, NAME_COLS);
    rat_format_fixed(nr->points, 2, pts, sizeof pts);
    rat_format_fixed(nr->max, 2, mx, sizeof mx);
    fputc(' ', out);
    print_padded_right(out, pts, 7);
    fputs(" / ", out);
    print_padded_right(out, mx, 6);
    if (nr->status == NS_NOT_APPLICABLE && nr->evaluated) {
        fprintf(out, "  không áp dụng (%s): %s", policy_vi(c->na), nr->reason ? nr->reason : "");
    } else if (nr->status == NS_MISSING) {
        fprintf(out, "  thiếu số liệu: %s", nr->reason ? nr->reason : "");
    } else if (nr->has_value && c->is_leaf) {
        char val[64];
        format_value(c, nr->value, val, sizeof val);
        if (nr->band >= 0) fprintf(out, "  %s → %s", val, c->bands[nr->band].label);
        else if (c->has_value) fprintf(out, "  %s → không khớp mức nào", val);
        else fprintf(out, "  = %s", val);
    }
    fputc('\n', out);
    for (int i = 0; i < nr->ndeducts; i++) {
        const deduct_result_t *d = &nr->deducts[i];
        char amt[48];
        rat_format_fixed(d->applied, 2, amt, sizeof amt);
        fprintf(out, "  %*s  − trừ điểm: %s: ", depth * 2, "", d->reason);
        if (d->not_applicable) fputs("không phát sinh\n", out);
        else if (d->missing) fputs("thiếu số liệu\n", out);
        else fprintf(out, "−%s%s\n", amt, d->capped ? " (đã chạm mức trừ tối đa)" : "");
    }
    if (nr->evaluated || nr->status != NS_NOT_APPLICABLE)
        for (int i = 0; i < c->nchildren; i++) print_node(r, c->children[i], depth + 1, out);
}

void chiso_result_print_text(const chiso_result *r, FILE *out)
{
    const char *name = unit_field(r, "name"), *id = unit_field(r, "id");
    fprintf(out, "== %s", name ? name : id ? id : (r->origin ? r->origin : "(không rõ đơn vị)"));
    if (id && name) fprintf(out, " [%s]", id);
    if (r->period) fprintf(out, " · kỳ %s", r->period);
    fputs(" ==\n", out);
    if (r->ci) fprintf(out, "%s\n", r->ci->index->name);
    if (!r->ok) {
        fputs("LỖI — không chấm được điểm (error):\n", out);
        for (size_t i = 0; i < r->nerrors; i++) fprintf(out, "  - %s\n", r->errors[i]);
        if (r->origin) fprintf(out, "  (tệp: %s)\n", r->origin);
        fputc('\n', out);
        return;
    }
    char pts[48], mx[48], pct[48];
    rat_format_fixed(r->points, 2, pts, sizeof pts);
    rat_format_fixed(r->max, 2, mx, sizeof mx);
    fprintf(out, "Tổng điểm: %s / %s", pts, mx);
    if (r->has_percent) fprintf(out, " (%s%%)", rat_format_fixed(r->percent, 2, pct, sizeof pct));
    if (r->grade) fprintf(out, " · Xếp loại: %s", r->grade);
    if (r->rank) fprintf(out, " · Hạng: %ld", r->rank);
    fputs("\n\n", out);
    const cnode_t *root = &r->ci->nodes[0];
    for (int i = 0; i < root->nchildren; i++) print_node(r, root->children[i], 0, out);
    const node_result_t *rootr = &r->nodes[0];
    for (int i = 0; i < rootr->ndeducts; i++) {
        const deduct_result_t *d = &rootr->deducts[i];
        char amt[48];
        rat_format_fixed(d->applied, 2, amt, sizeof amt);
        fprintf(out, "  − trừ điểm: %s: %s\n", d->reason,
                d->not_applicable ? "không phát sinh" : d->missing ? "thiếu số liệu" : amt);
    }
    if (r->nfindings) {
        fputs("\nGhi nhận (findings):\n", out);
        for (size_t i = 0; i < r->nfindings; i++)
            fprintf(out, "  - %s%s%s\n", r->findings[i].node ? r->findings[i].node : "",
                    r->findings[i].node ? ": " : "", r->findings[i].message);
    }
    if (r->nclaims) {
        fputs("\nTự chấm khác kết quả thẩm định (self-assessment differs):\n", out);
        for (size_t i = 0; i < r->nclaims; i++) {
            char a[48], b[48];
            fprintf(out, "  - %s: tự chấm %s, thẩm định %s\n", r->claims[i].node,
                    rat_format(r->claims[i].claimed, 2, a, sizeof a),
                    rat_format(r->claims[i].computed, 2, b, sizeof b));
        }
    }
    fputc('\n', out);
}

void chiso_print_ranking(chiso_result *const *results, size_t n, FILE *out)
{
    /* Ranked units first by rank, then units in error, in input order. */
    chiso_result **order = xmalloc(sizeof *order * (n ? n : 1));
    size_t m = 0;
    for (long rank = 1; rank <= (long)n; rank++)
        for (size_t i = 0; i < n; i++)
            if (results[i]->rank == rank) order[m++] = results[i];
    for (size_t i = 0; i < n; i++)
        if (!results[i]->rank) order[m++] = results[i];
    int namew = 10;
    for (size_t i = 0; i < m; i++) {
        int w = text_width(unit_label(order[i]));
        if (w > namew) namew = w;
    }
    if (namew > 48) namew = 48;
    fputs("Xếp hạng (ranking)\n", out);
    fputs("Hạng  ", out);
    print_padded(out, "Đơn vị", namew);
    fputs("      Điểm   Tối đa   Tỷ lệ %  Xếp loại\n", out);
    for (size_t i = 0; i < m; i++) {
        const chiso_result *r = order[i];
        char rk[16];
        snprintf(rk, sizeof rk, "%ld", r->rank);
        print_padded_right(out, r->rank ? rk : "-", 4);
        fputs("  ", out);
        print_padded(out, unit_label(r), namew);
        if (!r->ok) {
            fprintf(out, "  lỗi: %s\n", r->nerrors ? r->errors[0] : "");
            continue;
        }
        char pts[48], mx[48], pct[48];
        rat_format_fixed(r->points, 2, pts, sizeof pts);
        rat_format_fixed(r->max, 2, mx, sizeof mx);
        if (r->has_percent) rat_format_fixed(r->percent, 2, pct, sizeof pct);
        else snprintf(pct, sizeof pct, "-");
        fputs("  ", out);
        print_padded_right(out, pts, 8);
        fputs(" ", out);
        print_padded_right(out, mx, 8);
        fputs(" ", out);
        print_padded_right(out, pct, 9);
        fprintf(out, "  %s\n", r->grade ? r->grade : "");
    }
    free(order);
}

/* trend_text.c — the trend across periods (engine/batch/batch_trend.h)
 * as people read it: a unit's cell, its change between the last two
 * periods, and the text tables of `chiso score -f text`. */
#include "trend_text.h"

#include "engine/report/display.h"
#include "engine/support/arena.h"
#include "engine/support/textwidth.h"
#include "engine/support/i18n.h"

#include <stdio.h>

void trend_change(const trend_level_t *lv, const trend_row_t *row, bool comma, char *pct, size_t pctsize,
                  char *places, size_t placessize)
{
    pct[0] = places[0] = '\0';
    const unit_summary_t *a = row->cells[lv->nperiods - 2], *b = row->cells[lv->nperiods - 1];
    if (!a || !b || !a->ok || !b->ok) return;
    bool of = false;
    if (unit_has_percent(a) && unit_has_percent(b)) {
        arena_t bigs; /* the difference, should it not fit 64 bits */
        arena_init(&bigs);
        arena_t *outer = rat_big_arena(&bigs);
        rat_t d = rat_sub(unit_percent(b), unit_percent(a), &of);
        if (!of) display_rat(d, DISPLAY_FIXED | DISPLAY_SIGN | (comma ? DISPLAY_COMMA : 0), pct, pctsize);
        rat_big_arena(outer);
        arena_free(&bigs);
    }
    if (a->rank && b->rank) {
        long moved = a->rank - b->rank;
        if (moved > 0) snprintf(places, placessize, "↑%ld", moved);
        else if (moved < 0) snprintf(places, placessize, "↓%ld", -moved);
        else snprintf(places, placessize, "=");
    }
}

void trend_cell_text(const unit_summary_t *u, bool comma, char *buf, size_t size)
{
    if (!u) {
        snprintf(buf, size, "-");
        return;
    }
    if (!u->ok) {
        snprintf(buf, size, "%s", _("error"));
        return;
    }
    char pct[48] = "-";
    if (unit_has_percent(u)) display_rat(unit_percent(u), DISPLAY_FIXED | (comma ? DISPLAY_COMMA : 0), pct, sizeof pct);
    if (u->rank) snprintf(buf, size, "%s%% (%ld)", pct, (long)u->rank);
    else snprintf(buf, size, "%s%% (-)", pct);
}

void trend_print_text(const trend_t *t, bool comma, FILE *out)
{
    for (size_t l = 0; l < t->nlevels; l++) {
        const trend_level_t *lv = &t->levels[l];
        int namew = 10;
        for (size_t r = 0; r < lv->nrows; r++) {
            int w = text_width(lv->rows[r].label);
            if (w > namew) namew = w;
        }
        if (namew > 44) namew = 44;
        fputs(_("Trend across periods"), out);
        if (lv->level) fprintf(out, " · %s %s", _("level"), lv->level);
        fputs(" · ", out);
        fprintf(out, chiso_ngettext("%zu unit", "%zu units", lv->nrows), lv->nrows);
        fputc('\n', out);
        print_padded(out, _("Unit"), namew);
        for (int p = 0; p < lv->nperiods; p++) {
            fputs("  ", out);
            print_padded_right(out, lv->periods[p], 14);
        }
        fprintf(out, "   %s\n", _("Change (points of %, places)"));
        for (size_t r = 0; r < lv->nrows; r++) {
            const trend_row_t *row = &lv->rows[r];
            print_padded(out, row->label, namew);
            for (int p = 0; p < lv->nperiods; p++) {
                char cell[96];
                trend_cell_text(row->cells[p], comma, cell, sizeof cell);
                fputs("  ", out);
                print_padded_right(out, cell, 14);
            }
            char pct[64], places[32];
            trend_change(lv, row, comma, pct, sizeof pct, places, sizeof places);
            if (pct[0] || places[0]) {
                fputs("   ", out);
                print_padded_right(out, pct, 7);
                fprintf(out, "  %s", places);
            }
            fputc('\n', out);
        }
        fputc('\n', out);
    }
}

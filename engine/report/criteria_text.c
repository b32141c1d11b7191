/* criteria_text.c — the statistics per criterion (engine/batch/
 * batch_criteria.h) as people read them: the figures of one criterion and
 * the text tables of `chiso score -f text`. */
#include "criteria_text.h"

#include "engine/report/display.h"
#include "engine/support/textwidth.h"
#include "engine/support/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Share of the points lost: 1 - points/max over the scored units. */
static double lost(const node_stat_t *s) { return s->dmax > 0 ? 1 - s->dpoints / s->dmax : 0; }

void criteria_figures(const node_stat_t *s, unsigned flags, char *mean, char *max, char *loss, size_t size)
{
    snprintf(mean, size, "-");
    snprintf(max, size, "-");
    snprintf(loss, size, "-");
    if (!s->scored) return;
    bool of = false;
    rat_t n = rat_int(s->scored);
    rat_t m = rat_div(s->points, n, &of), x = rat_div(s->max, n, &of);
    rat_t l = rat_is_zero(s->max) ? rat_int(0) : rat_sub(rat_int(1), rat_div(s->points, s->max, &of), &of);
    if (!s->inexact && !of) {
        display_rat(m, flags, mean, size);
        display_rat(x, flags, max, size);
        display_rat(l, flags | DISPLAY_PERCENT, loss, size);
    } else {
        display_double(s->dpoints / (double)s->scored, flags, mean, size);
        display_double(s->dmax / (double)s->scored, flags, max, size);
        display_double(lost(s), flags | DISPLAY_PERCENT, loss, size);
    }
}

void criteria_print_text(const criteria_t *c, bool comma, FILE *out)
{
    for (size_t gi = 0; gi < c->ngroups; gi++) {
        const criteria_group_t *g = &c->groups[gi];
        int *order;
        int n = criteria_order(c, g, &order);
        fputs(_("Statistics per criterion"), out);
        if (g->level) fprintf(out, " · %s %s", _("level"), g->level);
        if (g->period) fprintf(out, " · %s %s", _("period"), g->period);
        fputs(" · ", out);
        fprintf(out, chiso_ngettext("%ld unit", "%ld units", (unsigned long)g->units), g->units);
        fprintf(out, " · %s\n", _("most points lost first"));
        print_padded(out, _("Code"), 8);
        fputc(' ', out);
        print_padded(out, _("Criterion"), 40);
        fputs("  ", out);
        print_padded_right(out, _("Average"), 7);
        fputc(' ', out);
        print_padded_right(out, _("Maximum"), 7);
        fputc(' ', out);
        print_padded_right(out, _("Lost %"), 6);
        fputs("  ", out);
        print_padded_right(out, _("Full"), 7);
        fputs("  ", out);
        print_padded_right(out, _("Zero"), 6);
        fputs("  ", out);
        print_padded_right(out, _("Not applicable"), 13);
        fputc('\n', out);
        for (int k = 0; k < n; k++) {
            const cnode_t *cn = &g->ci->nodes[order[k]];
            const node_stat_t *s = &g->nodes[order[k]];
            print_padded(out, cn->src->id, 8);
            fputc(' ', out);
            print_padded(out, cn->src->name, 40);
            char mean[48], max[48], loss[48];
            criteria_figures(s, DISPLAY_FIXED | (comma ? DISPLAY_COMMA : 0), mean, max, loss, sizeof mean);
            char *pct = strchr(loss, '%');
            if (pct) *pct = '\0'; /* the column says % */
            fputs("  ", out);
            print_padded_right(out, mean, 7);
            fputs(" ", out);
            print_padded_right(out, max, 7);
            fputs(" ", out);
            print_padded_right(out, loss, 6);
            fprintf(out, "  %7ld  %6ld  %13ld\n", s->full, s->zero, s->not_applicable);
        }
        free(order);
        fputc('\n', out);
    }
}

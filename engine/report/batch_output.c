/* batch_output.c — the formats of `chiso score` over a whole batch.
 * Results come back from the spool in input order; each gets its rank and
 * field ranks (and a finding when its unit ID and period repeat) on the way
 * out. JSON and NDJSON stream; text adds a ranking table per unit level and
 * period; CSV (batch_csv.c) is made from the summaries. */
#include "batch_output.h"
#include "result_text.h"
#include "criteria_text.h"
#include "trend_text.h"
#include "published_text.h"

#include "engine/eval/result.h"
#include "engine/compile/loaded_program.h"
#include "engine/compile/compile.h"
#include "engine/report/display.h"
#include "engine/support/i18n.h"
#include "engine/support/json_exact.h"
#include "engine/support/textwidth.h"
#include "engine/support/xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

void batch_decorate(json_t *j, const unit_summary_t *u, const char **field_ids)
{
    json_object_set_new(j, "rank", u->rank ? json_integer(u->rank) : json_null());
    if (u->ok && u->nfields) {
        json_t *fr = json_object();
        (void)field_ids; /* the unit's own version names its fields */
        const compiled_index_t *ci = unit_ci(u);
        const cnode_t *root = &ci->nodes[0];
        for (int f = 0; f < u->nfields; f++)
            json_object_set_new(fr, ci->nodes[root->children[f]].src->id,
                                unit_frank(u, f) ? json_integer(unit_frank(u, f)) : json_null());
        json_object_set_new(j, "field_ranks", fr);
    }
    if (unit_duplicate_of(u)) {
        json_t *f = json_pack("{s:n,s:s,s:s+}", "node", "kind", "duplicate_unit", "message",
                              "the same unit ID and period also come from ", unit_duplicate_of(u));
        json_t *findings = json_object_get(j, "findings");
        if (json_is_array(findings)) json_array_append_new(findings, f);
        else json_object_set_new(j, "findings", json_pack("[o]", f));
    }
}


/* One table per (level, period) of the units scored, with who leads each
 * field; the units that could not be scored follow, once, with all their
 * errors (batch_print_errors). */
static void render_ranking(const batch_t *b, const char **ids, const char **names, int nfields,
                           bool comma, FILE *out)
{
    unit_summary_t **order = xmalloc(sizeof *order * (b->count ? b->count : 1));
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++)
        if (b->units[i].ok) order[n++] = &b->units[i];
    if (n) qsort(order, n, sizeof *order, batch_by_group_rank);
    int namew = 10;
    for (size_t i = 0; i < n; i++) {
        int w = text_width(batch_unit_label(order[i]));
        if (w > namew) namew = w;
    }
    if (namew > 44) namew = 44;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(or_empty(unit_level(order[j])), or_empty(unit_level(order[i]))) &&
               !strcmp(or_empty(unit_period(order[j])), or_empty(unit_period(order[i]))))
            j++;
        fputs(_("Ranking by percent"), out);
        if (unit_level(order[i])) fprintf(out, " · %s %s", _("level"), unit_level(order[i]));
        if (unit_period(order[i])) fprintf(out, " · %s %s", _("period"), unit_period(order[i]));
        fputs(" · ", out);
        fprintf(out, chiso_ngettext("%zu unit", "%zu units", j - i), j - i);
        fputc('\n', out);
        print_padded(out, _("Rank"), 4);
        fputs("  ", out);
        print_padded(out, _("Unit"), namew);
        fputs("  ", out);
        print_padded_right(out, _("Points"), 8);
        fputc(' ', out);
        print_padded_right(out, _("Maximum"), 8);
        fputc(' ', out);
        print_padded_right(out, _("Percent %"), 9);
        fprintf(out, "  %s\n", _("Grade"));
        for (size_t k = i; k < j; k++) {
            const unit_summary_t *u = order[k];
            char rk[16];
            snprintf(rk, sizeof rk, "%ld", (long)u->rank);
            print_padded_right(out, u->rank ? rk : "-", 4);
            fputs("  ", out);
            print_padded(out, batch_unit_label(u), namew);
            unsigned flags = DISPLAY_FIXED | (comma ? DISPLAY_COMMA : 0);
            char pts[48], mx[48], pct[48];
            display_rat(unit_points(u), flags, pts, sizeof pts);
            display_rat(unit_max(u), flags, mx, sizeof mx);
            if (unit_has_percent(u)) display_rat(unit_percent(u), flags, pct, sizeof pct);
            else snprintf(pct, sizeof pct, "-");
            fputs("  ", out);
            print_padded_right(out, pts, 8);
            fputc(' ', out);
            print_padded_right(out, mx, 8);
            fputc(' ', out);
            print_padded_right(out, pct, 9);
            fprintf(out, "  %s", or_empty(unit_grade(u)));
            if (unit_unranked(u)) fprintf(out, "  (%s)", _("not ranked"));
            if (unit_duplicate_of(u)) fprintf(out, "  (%s)", _("unit ID repeated"));
            fputc('\n', out);
        }
        for (int f = 0; f < nfields; f++) {
            int shown = 0;
            for (size_t k = i; k < j; k++)
                if (order[k]->ok && f < order[k]->nfields && unit_frank(order[k], f) == 1) {
                    if (!shown++) {
                        fputs("  ", out);
                        fprintf(out, _("Leading field %s (%s): "), ids[f], names[f]);
                    }
                    else fputs(", ", out);
                    fputs(batch_unit_label(order[k]), out);
                }
            if (shown) fputc('\n', out);
        }
        fputc('\n', out);
        i = j;
    }
    free(order);
    batch_print_errors(b, out);
}

/* Which rules scored the batch (SHA-256 of each file), which engine, when. */
static void print_provenance(const chiso_program *prog, FILE *out)
{
    json_t *p = json_loads(or_empty(chiso_program_provenance_json(prog)), 0, NULL);
    if (!p) return;
    fprintf(out, "%s: %s %s · SHA-256 %s", _("Scored with"), _("rules file"),
            or_empty(json_string_value(json_object_get(p, "rules"))),
            or_empty(json_string_value(json_object_get(p, "rules_sha256"))));
    size_t i;
    json_t *inc;
    json_array_foreach(json_object_get(p, "includes"), i, inc)
        fprintf(out, " · %s %s · SHA-256 %s", _("includes"), or_empty(json_string_value(json_object_get(inc, "file"))),
                or_empty(json_string_value(json_object_get(inc, "sha256"))));
    fprintf(out, " · %s · %s %s\n", or_empty(json_string_value(json_object_get(p, "engine"))), _("scored at"),
            or_empty(json_string_value(json_object_get(p, "scored_at"))));
    json_decref(p);
}

void batch_print_errors(const batch_t *b, FILE *out)
{
    size_t failed = 0;
    for (size_t i = 0; i < b->count; i++) failed += !b->units[i].ok;
    if (!failed) return;
    fprintf(out, "%s · ", _("Units that could not be scored"));
    fprintf(out, chiso_ngettext("%zu unit", "%zu units", failed), failed);
    fputc('\n', out);
    for (size_t i = 0; i < b->count; i++) {
        const unit_summary_t *u = &b->units[i];
        if (u->ok) continue;
        const char *label = batch_unit_label(u);
        fprintf(out, "  %s", label);
        if (unit_id(u) && label != unit_id(u)) fprintf(out, " [%s]", unit_id(u));
        if (unit_level(u)) fprintf(out, " · %s %s", _("level"), unit_level(u));
        if (unit_period(u)) fprintf(out, " · %s %s", _("period"), unit_period(u));
        char ob[UNIT_ORIGIN_SIZE];
        const char *origin = unit_origin(u, ob);
        if (origin && label != origin) fprintf(out, " · %s %s", _("file"), origin);
        fputs(" · ", out);
        fprintf(out, chiso_ngettext("%zu error", "%zu errors", unit_nerrors(u)), unit_nerrors(u));
        fputc('\n', out);
        for (const char *e = or_empty(unit_error(u)); *e;) {
            size_t len = strcspn(e, "\n");
            fprintf(out, "    - %.*s\n", (int)len, e);
            e += len + (e[len] == '\n');
        }
    }
    fputc('\n', out);
}

bool batch_render(batch_t *b, const chiso_program *prog, size_t index, const render_opts_t *o, FILE *out)
{
    if (o->format == OUT_HTML) return batch_render_html(b, prog, index, o, out);
    if (o->format == OUT_XLSX) return batch_render_xlsx(b, prog, index, o, out);
    if (o->format == OUT_PUBLISHED) { /* the published tables alone, as JSON */
        published_t pub;
        published_build(b, &pub);
        json_t *j = published_to_json(&pub);
        published_free(&pub);
        json_dumpf(j, out, JSON_REAL_PRECISION(15) | (o->pretty ? JSON_INDENT(2) : JSON_COMPACT));
        fputc('\n', out);
        json_decref(j);
        return !ferror(out);
    }
    const char **ids, **names;
    int nfields = batch_fields(prog, index, &ids, &names);
    if (o->format == OUT_CSV) {
        if (!batch_render_csv(b, prog, index, ids, names, nfields, o, out)) {
            free(ids);
            free(names);
            return false;
        }
    } else if (o->format == OUT_JSON || o->format == OUT_NDJSON) {
        bool ok = batch_render_json(b, ids, nfields, o, out);
        free(ids);
        free(names);
        return ok;
    } else {
        char *line = NULL;
        size_t cap = 0;
        int write_errno = 0;
        band_text_t bands; /* scorecards show bands as the rules write them */
        band_text_init(&bands, prog, index);
        bool whole = true;
        for (size_t i = 0; i < b->count && !o->no_scorecards; i++) {
            size_t n;
            /* A write failed (a full disk): stop, and keep its errno for the
             * message (reading the spool would clear it). */
            if (ferror(out)) {
                write_errno = errno;
                break;
            }
            if (!(whole = batch_spool_next(b, &line, &cap, &n))) break;
            json_t *j = result_json_load(line, n, false, NULL);
            if (!j) {
                fprintf(stderr, "chiso: the temporary file of results is damaged at unit %zu; "
                                "the output would be incomplete\n", i + 1);
                whole = false;
                break;
            }
            batch_decorate(j, &b->units[i], ids);
            scorecard_print(j, out, o->decimal_comma ? CHISO_TEXT_DECIMAL_COMMA : 0, &bands);
            json_decref(j);
        }
        free(line);
        band_text_free(&bands);
        if (!whole) {
            free(ids);
            free(names);
            return false;
        }
        if (o->format == OUT_TEXT && (b->count > 1 || o->no_scorecards)) {
            render_ranking(b, ids, names, nfields, o->decimal_comma, out);
            trend_t trend;
            trend_build(b, &trend);
            trend_print_text(&trend, o->decimal_comma, out);
            trend_free(&trend);
            published_t published;
            published_build(b, &published);
            published_print_text(&published, o->decimal_comma, out);
            published_free(&published);
            if (b->has_criteria) criteria_print_text(&b->criteria, o->decimal_comma, out);
        }
        if (o->format == OUT_TEXT) print_provenance(prog, out);
        if (write_errno) errno = write_errno;
    }
    free(ids);
    free(names);
    return !ferror(out);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void batch_print_summary(const batch_t *b, FILE *out)
{
    size_t ok = 0;
    for (size_t i = 0; i < b->count; i++) ok += b->units[i].ok;
    struct rusage usage;
    long peak_kb = getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : 0; /* Linux: KiB */
    fprintf(out, _("Summary: %zu units scored, %zu in error, %.2f s, peak memory %ld MB\n"),
            ok, b->count - ok, b->seconds, (peak_kb + 1023) / 1024);
    unit_summary_t **order = xmalloc(sizeof *order * (b->count ? b->count : 1));
    for (size_t i = 0; i < b->count; i++) order[i] = &b->units[i];
    qsort(order, b->count, sizeof *order, batch_by_group_rank);
    double *pcts = xmalloc(sizeof *pcts * (b->count ? b->count : 1));
    size_t unplaced = 0; /* in error, with neither level nor period (an unreadable file) */
    for (size_t i = 0; i < b->count;) {
        size_t j = i, n = 0, errors = 0, unranked = 0;
        while (j < b->count && !strcmp(or_empty(unit_level(order[j])), or_empty(unit_level(order[i]))) &&
               !strcmp(or_empty(unit_period(order[j])), or_empty(unit_period(order[i])))) {
            if (order[j]->ok && unit_has_percent(order[j])) pcts[n++] = rat_to_double(unit_percent(order[j]));
            if (!order[j]->ok) errors++;
            else if (unit_unranked(order[j])) unranked++;
            j++;
        }
        if (errors == j - i && !unit_level(order[i]) && !unit_period(order[i])) {
            unplaced += errors; /* no group of their own: said once, below */
            i = j;
            continue;
        }
        fputs("  ", out);
        if (unit_level(order[i])) fprintf(out, "%s %s", _("level"), unit_level(order[i]));
        else fputs(_("(level unknown)"), out);
        fputs(" · ", out);
        if (unit_period(order[i])) fprintf(out, "%s %s", _("period"), unit_period(order[i]));
        else fputs(_("(period unknown)"), out);
        fputs(": ", out);
        fprintf(out, chiso_ngettext("%zu unit", "%zu units", j - i), j - i);
        if (errors) {
            fputs(" (", out);
            fprintf(out, chiso_ngettext("%zu error", "%zu errors", errors), errors);
            fputc(')', out);
        }
        if (unranked) {
            fputs(" (", out);
            fprintf(out, _("%zu not ranked"), unranked);
            fputc(')', out);
        }
        if (n) {
            qsort(pcts, n, sizeof *pcts, cmp_double);
            double sum = 0;
            for (size_t k = 0; k < n; k++) sum += pcts[k];
            double median = n % 2 ? pcts[n / 2] : (pcts[n / 2 - 1] + pcts[n / 2]) / 2;
            char f[4][48];
            double v[4] = {sum / (double)n, median, pcts[0], pcts[n - 1]};
            for (int k = 0; k < 4; k++) display_double(v[k], DISPLAY_FIXED, f[k], sizeof f[k]);
            fprintf(out, _(" · mean %s%% · median %s%% · min %s%% · max %s%%"),
                    f[0], f[1], f[2], f[3]);
        }
        fputc('\n', out);
        /* grade distribution, in order of first appearance */
        const char *grades[32];
        size_t counts[32], ng = 0;
        for (size_t k = i; k < j; k++) {
            if (!order[k]->ok || !unit_grade(order[k])) continue;
            size_t g = 0;
            while (g < ng && strcmp(grades[g], unit_grade(order[k]))) g++;
            if (g == ng && ng < 32) {
                grades[ng] = unit_grade(order[k]);
                counts[ng++] = 0;
            }
            if (g < ng) counts[g]++;
        }
        if (ng) {
            fprintf(out, "    %s:", _("grades"));
            for (size_t g = 0; g < ng; g++) fprintf(out, "%s %s: %zu", g ? " ·" : "", grades[g], counts[g]);
            fputc('\n', out);
        }
        i = j;
    }
    if (unplaced)
        fprintf(out, _("  %zu units in error with no level or period (see \"Units that could not be scored\")\n"),
                unplaced);
    free(pcts);
    free(order);
}

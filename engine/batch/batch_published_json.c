/* batch_published_json.c — the published tables (batch_published.h) as
 * JSON, for `chiso score -f published` and chiso_batch_published_json():
 * one object per unit level and period that has a previous period in the
 * batch, with each unit's change in percent and places, per field its
 * points, change and places gained, how many rose and fell, the largest
 * rise and fall, the mean and the units above it, the units per grade, and
 * the nodes new, gone or renamed between versions. Numbers as in results
 * (whole, or at most 6 decimals); a change that cannot be told is null. */
#include "batch_published.h"

#include "engine/eval/result.h"

#include <stdlib.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *version_of(const compiled_index_t *ci)
{
    if (!ci || !node_rare(ci->index)->nperiods) return json_null();
    char *periods = index_periods_text(ci->index);
    json_t *v = json_pack("{s:s, s:o}", "applies_to", periods, "source", str_or_null(ci->index->source));
    free(periods);
    return v;
}

static json_t *places(long moved, bool has) { return has ? json_integer(moved) : json_null(); }

static json_t *unit_row(const published_group_t *g, const published_row_t *row)
{
    const unit_summary_t *u = row->now;
    json_t *fields = json_array();
    const cnode_t *root = &g->ci->nodes[0];
    for (int f = 0; f < g->nfields; f++) {
        const node_t *n = g->ci->nodes[root->children[f]].src;
        json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:b}", "id", n->id, "points",
                              f < u->nfields ? json_from_rat(unit_fpoints(u, f)) : json_null(), "change",
                              row->field_compared[f] ? json_from_rat(row->dfield[f]) : json_null(),
                              "places_gained",
                              row->field_compared[f] ? places(row->dfield_places[f],
                                                              row->dfield_places[f] != PUBLISHED_NO_PLACES)
                                                     : json_null(),
                              "new", g->field_before[f] < 0);
        json_array_append_new(fields, o);
    }
    return json_pack("{s:s, s:o, s:o, s:b, s:o, s:o, s:o, s:o}", "id", unit_id(u), "name", str_or_null(unit_name(u)),
                     "rank", u->rank ? json_integer(u->rank) : json_null(), "new", row->before == NULL,
                     "percent", unit_has_percent(u) ? json_from_rat(unit_percent(u)) : json_null(), "change",
                     row->changed ? json_from_rat(row->dpercent) : json_null(), "places_gained",
                     places(row->dplaces, row->has_dplaces), "fields", fields);
}

static json_t *extreme(const published_row_t *row)
{
    if (!row) return json_null();
    return json_pack("{s:s, s:o, s:o}", "id", unit_id(row->now), "name", str_or_null(unit_name(row->now)), "change",
                     json_from_rat(row->dpercent));
}

static json_t *nodes(const published_node_t *n, size_t count)
{
    json_t *a = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(a, json_pack("{s:s, s:o}", "id", n[i].id, "name", str_or_null(n[i].name)));
    return a;
}

static json_t *group_json(const published_group_t *g)
{
    json_t *units = json_array();
    for (size_t r = 0; r < g->nrows; r++) json_array_append_new(units, unit_row(g, &g->rows[r]));
    json_t *grades = json_array();
    for (int i = 0; i < g->ngrades; i++)
        json_array_append_new(grades, json_pack("{s:s, s:I}", "grade", g->grades[i], "units",
                                                (json_int_t)g->grade_counts[i]));
    json_t *renamed = json_array();
    for (size_t i = 0; i < g->nrenamed; i++)
        json_array_append_new(renamed, json_pack("{s:s, s:s}", "from", g->renamed_from[i], "to", g->renamed_to[i]));
    json_t *mean_change = json_null();
    if (g->has_mean && g->has_previous_mean) {
        bool of = false;
        rat_t d = rat_sub(g->mean, g->previous_mean, &of);
        if (!of) mean_change = json_from_rat(d);
    }
    json_t *o = json_pack("{s:o, s:s, s:s, s:o, s:o}", "level", str_or_null(g->level), "period", g->period,
                          "previous", g->previous, "version", version_of(g->ci), "previous_version",
                          version_of(g->prev_ci));
    json_object_set_new(o, "units", units);
    json_object_set_new(o, "rose", json_integer(g->rose));
    json_object_set_new(o, "fell", json_integer(g->fell));
    json_object_set_new(o, "same", json_integer(g->same));
    json_object_set_new(o, "largest_rise", extreme(g->largest_rise));
    json_object_set_new(o, "largest_fall", extreme(g->largest_fall));
    json_object_set_new(o, "mean", g->has_mean ? json_from_rat(g->mean) : json_null());
    json_object_set_new(o, "previous_mean", g->has_previous_mean ? json_from_rat(g->previous_mean) : json_null());
    json_object_set_new(o, "mean_change", mean_change);
    json_object_set_new(o, "above_mean", json_integer(g->above_mean));
    json_object_set_new(o, "grades", grades);
    json_object_set_new(o, "no_grade", json_integer(g->no_grade));
    json_object_set_new(o, "new_nodes", nodes(g->added, g->nadded));
    json_object_set_new(o, "gone_nodes", nodes(g->gone, g->ngone));
    json_object_set_new(o, "renamed", renamed);
    return o;
}

json_t *published_to_json(const published_t *p)
{
    json_t *a = json_array();
    for (size_t i = 0; i < p->ngroups; i++) json_array_append_new(a, group_json(&p->groups[i]));
    return a;
}

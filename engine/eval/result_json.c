/* result_json.c — a unit's result as JSON (contract §6), written as text
 * straight from the result (fast enough for batches of a million units);
 * chiso_result_to_json parses that text when a caller wants a tree. Points
 * carry up to 6 decimals; whole numbers are written as integers. */
#include "engine/eval/result.h"

#include "engine/compile/loaded_program.h"
#include "engine/support/date.h"
#include "engine/support/json_exact.h"
#include "engine/support/json_writer.h"

#include <stdlib.h>
#include <string.h>

/* An object as json_dumpb writes it, for the usual unit object: members
 * in their order, each a string, a boolean or null, no key or string
 * needing an escape (nor holding a NUL: a number kept as written). False,
 * with nothing written, for any other value (dumped by jansson then). */
static bool write_plain_object(jw_t *w, json_t *unit)
{
    if (!json_is_object(unit)) return false;
    jw_t before = *w;
    strbuf_t *sb = w->sb;
    size_t mark = sb->len;
    jw_raw(w, ""); /* the separator */
    sb_addc(sb, '{');
    const char *key;
    json_t *v;
    bool ok = true, first = true;
    json_object_foreach(unit, key, v) {
        if (!first) sb_addc(sb, ',');
        first = false;
        if (!(ok = jw_append_plain_string(sb, key, strlen(key)))) break;
        sb_addc(sb, ':');
        if (json_is_string(v)) ok = jw_append_plain_string(sb, json_string_value(v), json_string_length(v));
        else if (json_is_boolean(v)) sb_adds(sb, json_is_true(v) ? "true" : "false");
        else if (json_is_null(v)) sb_adds(sb, "null");
        else ok = false;
        if (!ok) break;
    }
    if (!ok) {
        *w = before;
        sb->len = mark;
        sb->data[mark] = '\0';
        return false;
    }
    sb_addc(sb, '}');
    return true;
}

json_t *json_from_rat(rat_t r)
{
    bool of = false;
    rat_t x = rat_round(r, 6, &of);
    int64_t whole;
    if (of) return json_real(rat_to_double(r));
    if (rat_to_int64(x, &whole)) return json_integer(whole);
    return json_real(rat_to_double(x)); /* beyond 64 bits too: a tree holds doubles */
}

json_t *json_from_value(value_t v)
{
    char buf[16];
    switch (v.tag) {
    case V_NUM: return json_from_rat(v.u.num);
    case V_DATE: date_format(v.u.date, buf, sizeof buf); return json_string(buf);
    case V_BOOL: return json_boolean(v.u.b);
    case V_STR: return json_string(v.u.str);
    default: return json_null();
    }
}

static void write_value(jw_t *w, value_t v)
{
    char buf[16];
    switch (v.tag) {
    case V_NUM: jw_rat(w, v.u.num); break;
    case V_DATE: date_format(v.u.date, buf, sizeof buf); jw_string(w, buf); break;
    case V_BOOL: jw_bool(w, v.u.b); break;
    case V_STR: jw_string(w, v.u.str); break;
    default: jw_null(w); break;
    }
}

/* A jansson value, dumped straight into the writer's buffer (json_dumpb:
 * no string of jansson's to free, which may live in a batch's parse arena). */
static void write_json_value(jw_t *w, json_t *j)
{
    size_t flags = JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15);
    if (write_plain_object(w, j)) return; /* the usual unit object, without jansson */
    jw_raw(w, ""); /* the separator; the value follows */
    /* Dumped once, into the room the buffer has (a unit object fits in
     * 512 bytes); only a longer value is dumped again into more room. */
    sb_reserve(w->sb, 512);
    size_t room = w->sb->cap - w->sb->len - 1;
    size_t n = j ? json_dumpb(j, w->sb->data + w->sb->len, room, flags) : 0;
    if (n > room) {
        sb_reserve(w->sb, n);
        n = json_dumpb(j, w->sb->data + w->sb->len, n, flags);
    }
    if (n == 0) {
        sb_adds(w->sb, "null");
        return;
    }
    w->sb->len += n;
    w->sb->data[w->sb->len] = '\0';
}

/* A unit held as texts (result_unit.c), written as json_dumpb writes the
 * object they stand for: straight when no text needs an escape, else
 * through that object. */
static void write_unit(jw_t *w, const chiso_result *r)
{
    const unit_texts_t *u = r->unit_texts;
    if (!u) {
        write_json_value(w, r->unit);
        return;
    }
    static const jw_text_t keys[UNIT_MEMBERS] = {
        {"\"id\":", 5}, {"\"name\":", 7}, {"\"level\":", 8}, {"\"ranked\":", 9}};
    jw_raw(w, ""); /* the separator */
    strbuf_t *sb = w->sb;
    size_t mark = sb->len;
    sb_addc(sb, '{');
    for (int i = 0; i < u->n; i++) {
        int m = u->order[i];
        if (i) sb_addc(sb, ',');
        sb_add(sb, keys[m].text, keys[m].len);
        if (m == UNIT_RANKED) {
            sb_adds(sb, u->ranked ? "true" : "false");
        } else if (!jw_append_plain_string(sb, u->text[m], u->len[m])) {
            sb->len = mark;
            sb->data[mark] = '\0';
            json_t *unit = result_unit_json(r);
            w->after_key = true; /* the separator is written already */
            write_json_value(w, unit);
            json_decref(unit);
            return;
        }
    }
    sb_addc(sb, '}');
}

static const char *policy_name(na_policy p)
{
    return p == NA_EXCLUDE ? "exclude" : p == NA_ZERO ? "zero" : "full";
}

/* Deductions, then bonuses (when the rules give any) under their own key. */
static void write_deductions(jw_t *w, const node_result_t *nr)
{
    bool any_bonus = false, any_deduct = false;
    for (int i = 0; i < nr->ndeducts; i++) {
        if (nr->deducts[i].bonus) any_bonus = true;
        else any_deduct = true;
    }
    for (int pass = 0; pass < 2; pass++) {
    if (pass == 0 && !any_deduct) continue;
    if (pass == 1 && !any_bonus) continue;
    jw_key_common(w, pass ? JC_BONUSES : JC_DEDUCTIONS);
    jw_array(w);
    for (int i = 0; i < nr->ndeducts; i++) {
        const deduct_result_t *d = &nr->deducts[i];
        if (d->bonus != (pass == 1)) continue;
        jw_object(w);
        jw_key_common(w, JC_REASON);
        jw_string_const(w, d->reason);
        if (d->not_applicable || d->missing) {
            jw_member_common(w, d->not_applicable ? JC_STATUS_NA : JC_STATUS_MISSING);
            jw_key_common(w, JC_POINTS);
            jw_int(w, 0);
        } else {
            jw_key_common(w, JC_POINTS);
            jw_rat(w, d->applied);
            if (d->capped) {
                jw_key_common(w, JC_COMPUTED);
                jw_rat(w, d->amount);
                jw_member_common(w, JC_CAPPED);
            }
        }
        jw_end_object(w);
    }
    jw_end_array(w);
    }
}

static void write_node(jw_t *w, const chiso_result *r, int idx, int depth)
{
    const cnode_t *c = &r->ci->nodes[idx];
    const node_result_t *nr = &r->nodes[idx];
    /* id, name, kind (and the previous ID): prepared with the program */
    jw_object_text_const(w, c->json_head, c->json_head_len);
    jw_rat(w, nr->points);
    jw_key_common(w, JC_MAX);
    jw_rat(w, nr->max);
    if (rat_cmp(nr->max, c->max) != 0) {
        jw_key_common(w, JC_DECLARED_MAX);
        jw_rat(w, c->max);
    }
    jw_member_common(w, nr->status == NS_SCORED           ? JC_STATUS_SCORED
                        : nr->status == NS_NOT_APPLICABLE ? JC_STATUS_NA
                                                          : JC_STATUS_MISSING);
    if (nr->has_value) {
        jw_key_common(w, JC_VALUE);
        write_value(w, nr->value);
        /* thresholds written as percents: show the value as one too */
        for (int i = 0; i < c->nbands; i++)
            if (c->src->bands[i]->threshold && c->src->bands[i]->threshold->is_percent) {
                jw_member_common(w, JC_VALUE_PERCENT);
                break;
            }
    }
    if (nr->band >= 0) {
        jw_key_common(w, JC_BAND);
        jw_string_const(w, c->bands[nr->band].label);
    }
    if (nr->status == NS_NOT_APPLICABLE) {
        jw_key_common(w, JC_POLICY);
        jw_string(w, policy_name(c->na));
    }
    if (nr->reason) {
        jw_key_common(w, JC_REASON);
        jw_string(w, nr->reason);
    }
    if (nr->ndeducts) write_deductions(w, nr);
    if (nr->nlate) { /* deadlines missed: by how many days */
        JW_KEY(w, "late");
        jw_array(w);
        for (size_t i = 0; i < nr->nlate; i++) {
            const late_result_t *l = &nr->late[i];
            jw_object(w);
            if (l->band) JW_KEY(w, "band");
            else JW_KEY(w, "rule");
            jw_string(w, l->band ? l->band : l->rule);
            if (l->days) JW_KEY(w, "days_taken");
            else JW_KEY(w, "date");
            write_value(w, l->actual);
            if (l->days) JW_KEY(w, "limit_days");
            else JW_KEY(w, "due");
            write_value(w, l->due);
            JW_KEY(w, "days_late");
            jw_rat(w, l->late);
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    if (nr->trace) {
        JW_KEY(w, "explain");
        write_json_value(w, nr->trace);
    }
    if (c->nchildren && depth < JW_MAX_DEPTH / 2 - 4) {
        jw_key_common(w, JC_CHILDREN);
        jw_array(w);
        for (int i = 0; i < c->nchildren; i++) write_node(w, r, c->children[i], depth + 1);
        jw_end_array(w);
    }
    jw_end_object(w);
}

/* The rules, their digests, the engine and the time (engine/api/provenance.c). */
static void write_provenance(jw_t *w, const chiso_result *r)
{
    const char *p = r->prog ? chiso_program_provenance_json(r->prog) : NULL;
    if (!p) return;
    jw_key_common(w, JC_PROVENANCE);
    jw_raw_const(w, p);
}

static void write_result(const chiso_result *r, strbuf_t *sb, bool with_rank, const json_refs_t *refs)
{
    jw_t w;
    jw_init(&w, sb);
    w.refs = refs;
    jw_object(&w);
    jw_key_common(&w, JC_UNIT);
    write_unit(&w, r);
    jw_key_common(&w, JC_PERIOD);
    jw_string(&w, r->period);
    jw_key_common(&w, JC_INDEX);
    jw_string_const(&w, r->ci ? r->ci->index->name : NULL);
    if (r->origin) {
        jw_key_common(&w, JC_FILE);
        jw_string(&w, r->origin);
    }
    if (!r->ok) {
        JW_KEY(&w, "status");
        jw_string(&w, "error");
        JW_KEY(&w, "errors");
        jw_array(&w);
        for (size_t i = 0; i < r->nerrors; i++) jw_string(&w, r->errors[i]);
        jw_end_array(&w);
        if (with_rank) {
            JW_KEY(&w, "rank");
            jw_null(&w);
        }
        write_provenance(&w, r);
        jw_end_object(&w);
        return;
    }
    if (node_rare(r->ci->index)->nperiods) { /* the version of the index that scored it */
        char *periods = index_periods_text(r->ci->index);
        JW_KEY(&w, "version");
        jw_object(&w);
        JW_KEY(&w, "applies_to");
        jw_string(&w, periods);
        if (r->ci->index->source) {
            JW_KEY(&w, "source");
            jw_string(&w, r->ci->index->source);
        }
        jw_end_object(&w);
        free(periods);
    }
    jw_key_common(&w, JC_POINTS);
    jw_rat(&w, r->points);
    jw_key_common(&w, JC_MAX);
    jw_rat(&w, r->max);
    if (rat_cmp(r->max, r->ci->index->max) != 0) {
        jw_key_common(&w, JC_DECLARED_MAX);
        jw_rat(&w, r->ci->index->max);
    }
    jw_key_common(&w, JC_PERCENT);
    if (r->has_percent) jw_rat(&w, r->percent);
    else jw_null(&w);
    jw_key_common(&w, JC_GRADE);
    jw_string_const(&w, r->grade);
    if (with_rank) {
        JW_KEY(&w, "rank");
        if (r->rank) jw_int(&w, r->rank);
        else jw_null(&w);
    }
    jw_member_common(&w, JC_STATUS_OK);
    jw_key_common(&w, JC_NODES);
    jw_array(&w);
    const cnode_t *root = &r->ci->nodes[0];
    for (int i = 0; i < root->nchildren; i++) write_node(&w, r, root->children[i], 0);
    jw_end_array(&w);
    if (r->nodes[0].ndeducts) write_deductions(&w, &r->nodes[0]);
    rat_t opts[3], omax[3];
    if (result_origin_totals(r, opts, omax)) {
        /* only when the rules say where points come from: other results keep their shape */
        JW_KEY(&w, "sources");
        jw_array(&w);
        for (int o = ORIGIN_APPRAISAL; o <= ORIGIN_SURVEY; o++) {
            jw_object(&w);
            JW_KEY(&w, "origin");
            jw_string(&w, point_origin_name((point_origin)o));
            JW_KEY(&w, "points");
            jw_rat(&w, opts[o]);
            JW_KEY(&w, "max");
            jw_rat(&w, omax[o]);
            jw_end_object(&w);
        }
        jw_end_array(&w);
    }
    jw_key_common(&w, JC_FINDINGS);
    jw_array(&w);
    for (size_t i = 0; i < r->nfindings; i++) {
        jw_object(&w);
        jw_key_common(&w, JC_NODE);
        jw_string(&w, r->findings[i].node);
        jw_key_common(&w, JC_KIND);
        jw_string(&w, r->findings[i].kind);
        jw_key_common(&w, JC_MESSAGE);
        jw_string(&w, r->findings[i].message);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_key_common(&w, JC_SELF_ASSESSMENT);
    jw_array(&w);
    for (size_t i = 0; i < r->nclaims; i++) {
        jw_object(&w);
        jw_key_common(&w, JC_NODE);
        jw_string(&w, r->claims[i].node);
        jw_key_common(&w, JC_CLAIMED);
        jw_rat(&w, r->claims[i].claimed);
        jw_key_common(&w, JC_COMPUTED);
        jw_rat(&w, r->claims[i].computed);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    write_provenance(&w, r);
    jw_end_object(&w);
}

void result_write_json(const chiso_result *r, strbuf_t *sb, bool with_rank)
{
    result_write_json_refs(r, sb, with_rank, NULL);
}

void result_write_json_refs(const chiso_result *r, strbuf_t *sb, bool with_rank, const json_refs_t *refs)
{
    size_t start = sb->len;
    /* A result with marked numbers is fixed up as text below: written whole. */
    write_result(r, sb, with_rank, r->exact_numbers ? NULL : refs);
    /* Numbers of the unit object that exact reading marked (strings of a
     * NUL and the number; only the unit may hold them): written back as the
     * submission wrote them. */
    if (r->exact_numbers) sb->len = start + json_exact_fix_text(sb->data + start, sb->len - start);
}

char *chiso_result_json_text(const chiso_result *r)
{
    strbuf_t sb;
    sb_init(&sb);
    result_write_json(r, &sb, true);
    return sb_take(&sb);
}

json_t *result_json_load(const char *text, size_t len, bool keep_marks, json_error_t *err)
{
    json_t *j = NULL;
    /* the unit object may hold a number as the submission wrote it, which
     * a double would round (a tree that is written again keeps it marked) */
    if (keep_marks && submission_scan(text, len).long_numbers) j = submission_load_exact(text, len);
    if (!j) j = json_loadb(text, len, 0, err);
    if (j) return j;
    /* or one beyond what jansson holds at all (1e400, 2^64) */
    j = submission_load_exact(text, len);
    if (!keep_marks) json_exact_unmark(j);
    return j;
}

json_t *chiso_result_to_json(const chiso_result *r)
{
    char *text = chiso_result_json_text(r);
    json_error_t err;
    json_t *j = result_json_load(text, strlen(text), false, &err);
    free(text);
    return j ? j : json_pack("{s:s,s:[s+]}", "status", "error", "errors", "internal error writing JSON: ",
                             err.text);
}

json_refs_t *result_json_refs(const chiso_program *prog)
{
    json_refs_t *refs = json_refs_new();
    const program_t *p = &prog->prog;
    if (prog->provenance) json_refs_add_text(refs, prog->provenance, strlen(prog->provenance));
    for (size_t v = 0; p->compiled && v < p->nindexes; v++) {
        const compiled_index_t *ci = p->compiled[v];
        json_refs_add_string(refs, ci->index->name);
        for (uint32_t g = 0; g < node_rare(ci->index)->ngrades; g++)
            json_refs_add_string(refs, node_rare(ci->index)->grades[g].label);
        for (int k = 0; k < ci->nnodes; k++) {
            const cnode_t *c = &ci->nodes[k];
            json_refs_add_text(refs, c->json_head, c->json_head_len);
            for (int b = 0; b < c->nbands; b++) json_refs_add_string(refs, c->bands[b].label);
            for (int d = 0; d < c->ndeducts; d++) json_refs_add_string(refs, c->deducts[d].reason);
        }
    }
    return refs;
}

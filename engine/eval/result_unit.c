/* result_unit.c — the unit a result holds: the submission's unit object as
 * jansson made it, or, for a submission whose envelope the walk along the
 * metric paths read (nearly every one of a batch), its id, name, level and
 * "ranked" as texts in one block of the result's, with the period: no
 * object is made for them, and none is freed. A consumer that wants the
 * object gets one made (result_unit_json); the JSON writer writes the
 * texts as jansson would write that object (result_json.c). */
#include "result.h"

#include "engine/support/json_arena.h"

#include <stdio.h>
#include <string.h>

const char *const result_unit_keys[UNIT_MEMBERS] = {"id", "name", "level", "ranked"};

void result_keep_envelope(chiso_result *r, const json_envelope *env)
{
    char integer[24];
    const char *period = env->period;
    size_t period_len = env->period_len, size = sizeof(unit_texts_t);
    if (env->period_is_integer) {
        period_len = (size_t)snprintf(integer, sizeof integer, "%lld", env->period_integer);
        period = integer;
    }
    for (int m = UNIT_ID; m <= UNIT_LEVEL; m++)
        if (env->unit_text[m]) size += env->unit_len[m] + 1;
    if (period) size += period_len + 1;
    unit_texts_t *u = json_arena_calloc(1, size); /* zeroed: every text ends in NUL */
    char *at = (char *)(u + 1);
    for (int m = UNIT_ID; m <= UNIT_LEVEL; m++) {
        if (!env->unit_text[m]) continue;
        memcpy(at, env->unit_text[m], env->unit_len[m]);
        u->text[m] = at;
        u->len[m] = (uint32_t)env->unit_len[m];
        at += env->unit_len[m] + 1;
    }
    u->ranked = (signed char)env->ranked;
    memcpy(u->order, env->order, sizeof u->order);
    u->n = (unsigned char)env->nmembers;
    json_decref(r->unit);
    r->unit = NULL;
    r->unit_texts = u;
    if (period) {
        memcpy(at, period, period_len);
        free(r->period);
        r->period = at;
        r->period_in_texts = true;
    }
}

const char *result_unit_string(const chiso_result *r, int member)
{
    if (r->unit_texts) return r->unit_texts->text[member];
    json_t *v = json_is_object(r->unit) ? json_object_get(r->unit, result_unit_keys[member]) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

json_t *result_unit_json(const chiso_result *r)
{
    const unit_texts_t *u = r->unit_texts;
    if (!u) return json_incref(r->unit);
    json_t *unit = json_object();
    for (int i = 0; i < u->n; i++) {
        int m = u->order[i];
        json_object_set_new(unit, result_unit_keys[m], m == UNIT_RANKED ? json_boolean(u->ranked)
                                                                 : json_stringn(u->text[m], u->len[m]));
    }
    return unit;
}

/* value.h — runtime values of the evaluator.
 *
 * Besides numbers, booleans, dates and strings, a value can be NA (not
 * applicable: a null metric, a zero denominator), MISSING (a metric absent
 * from the submission) or ERROR (arithmetic overflow). These three propagate
 * through operators, so a leaf whose value depends on a null metric comes
 * out NA and is handled by the node's policy instead of scoring 0. */
#ifndef CHISO_VALUE_H
#define CHISO_VALUE_H

#include "engine/support/rational.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum { V_NUM, V_BOOL, V_DATE, V_STR, V_NA, V_MISSING, V_ERROR } vtag_t;

/* ERR_INPUT: a metric of the submission could not be read (wrong type);
 * the error naming it is already in the result. */
/* ERR_PERIOD: period_date() without a year in the submission's period, or
 * a 29 February in a year that has none. */
typedef enum { ERR_NONE, ERR_OVERFLOW, ERR_DOMAIN, ERR_INPUT, ERR_PERIOD } eval_error_t;

typedef struct {
    uint8_t tag;
    int32_t aux; /* V_NA: metric slot or -1 (zero denominator); V_MISSING: slot; V_ERROR: code */
    union {
        rat_t num;
        int32_t date;
        bool b;
        const char *str;
    } u;
} value_t;

static inline value_t v_num(rat_t r) { value_t v = {V_NUM, 0, {.num = r}}; return v; }
static inline value_t v_bool(bool b) { value_t v = {V_BOOL, 0, {.b = b}}; return v; }
static inline value_t v_date(int32_t d) { value_t v = {V_DATE, 0, {.date = d}}; return v; }
static inline value_t v_na(int32_t slot) { value_t v = {V_NA, slot, {.num = {0, 1}}}; return v; }
static inline value_t v_missing(int32_t slot) { value_t v = {V_MISSING, slot, {.num = {0, 1}}}; return v; }
static inline value_t v_error(eval_error_t e) { value_t v = {V_ERROR, (int32_t)e, {.num = {0, 1}}}; return v; }
static inline bool v_special(value_t v) { return v.tag >= V_NA; }

#endif

/* builtins.h — the built-in functions of the language (contract §3), with
 * their arity and argument types; shared by the checker, the compiler and
 * the evaluator. */
#ifndef CHISO_BUILTINS_H
#define CHISO_BUILTINS_H

#include "../ast/ast.h"

typedef enum {
    BI_MIN, BI_MAX, BI_CLAMP, BI_LINEAR, BI_ROUND, BI_RATIO, BI_COUNT_TRUE,
    BI_DAYS_BETWEEN, BI_PRESENT, BI_ABS,
    BI_PERIOD_DATE, /* a day of the year of the submission's period: deadlines of a multi-year index */
    BI_COUNT
} builtin_id;

typedef struct {
    const char *name;
    int min_args, max_args;   /* max_args -1: any number */
    value_type arg_type;      /* TY_UNKNOWN: special (present) */
    value_type result;
    const char *signature;    /* for messages */
} builtin_t;

extern const builtin_t builtins[BI_COUNT];

/* -1 when unknown. */
int builtin_lookup(const char *name);
/* Closest builtin name by edit distance, or NULL when nothing is close. */
const char *builtin_suggest(const char *name);
/* Levenshtein distance on bytes, capped at `limit`+1. */
int edit_distance(const char *a, const char *b, int limit);

#endif

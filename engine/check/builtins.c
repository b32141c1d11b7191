/* builtins.c — the table of built-in functions. */
#include "builtins.h"

#include "../support/fold.h"

#include <string.h>

const builtin_t builtins[BI_COUNT] = {
    [BI_MIN] = {"min", 1, -1, TY_NUMBER, TY_NUMBER, "min(x, y, ...)"},
    [BI_MAX] = {"max", 1, -1, TY_NUMBER, TY_NUMBER, "max(x, y, ...)"},
    [BI_CLAMP] = {"clamp", 3, 3, TY_NUMBER, TY_NUMBER, "clamp(x, lo, hi)"},
    [BI_LINEAR] = {"linear", 3, 3, TY_NUMBER, TY_NUMBER, "linear(x, lo, hi)"},
    [BI_ROUND] = {"round", 2, 2, TY_NUMBER, TY_NUMBER, "round(x, digits)"},
    [BI_RATIO] = {"ratio", 2, 2, TY_NUMBER, TY_NUMBER, "ratio(part, whole)"},
    [BI_COUNT_TRUE] = {"count_true", 1, -1, TY_BOOL, TY_NUMBER, "count_true(cond, ...)"},
    [BI_DAYS_BETWEEN] = {"days_between", 2, 2, TY_DATE, TY_NUMBER, "days_between(from, to)"},
    [BI_PRESENT] = {"present", 1, 1, TY_UNKNOWN, TY_BOOL, "present(metric.path)"},
    [BI_ABS] = {"abs", 1, 1, TY_NUMBER, TY_NUMBER, "abs(x)"},
    [BI_PERIOD_DATE] = {"period_date", 2, 3, TY_NUMBER, TY_DATE, "period_date(month, day[, years after the period])"},
};

int builtin_lookup(const char *name)
{
    for (int i = 0; i < BI_COUNT; i++)
        if (strcmp(builtins[i].name, name) == 0) return i;
    return -1;
}

int edit_distance(const char *a, const char *b, int limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return limit + 1;
    int prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            if (cur[j] < best) best = cur[j];
        }
        if (best > limit) return limit + 1;
        memcpy(prev, cur, sizeof(int) * (lb + 1));
    }
    return prev[lb];
}

const char *builtin_suggest(const char *name)
{
    /* As seen: `Ratio`, `rátio` and `raito` all suggest ratio. */
    const char *names[BI_COUNT];
    for (int i = 0; i < BI_COUNT; i++) names[i] = builtins[i].name;
    const char *s = visual_suggest(name, names, BI_COUNT);
    if (s) return s;
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < BI_COUNT; i++) {
        int d = edit_distance(name, builtins[i].name, 2);
        if (d < bestd) {
            bestd = d;
            best = builtins[i].name;
        }
    }
    return best;
}

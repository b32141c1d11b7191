/* display.h — how one value of a result is shown to people, in text
 * scorecards, explanations, verify reports, statistics, CSV-free tables and
 * the HTML page alike: numbers exactly as the JSON holds them (at most 6
 * decimals, no trailing zeros), ratios as percents with 2 decimals,
 * booleans in Vietnamese.
 *
 * The one rounding rule: "làm tròn" as published Vietnamese tables do it,
 * halves away from zero (2.125 → 2.13, 81.25 → 81.3 with one decimal),
 * from the exact value — never from a binary double, which would turn
 * 2.675 into 2.67. */
#ifndef CHISO_DISPLAY_H
#define CHISO_DISPLAY_H

#include <jansson.h>
#include <stddef.h>

#include "engine/support/rational.h"

enum {
    DISPLAY_PERCENT = 1, /* a ratio: shown × 100, with 2 decimals and "%" */
    DISPLAY_FIXED = 2,   /* exactly 2 decimals (88.50%, 1.50), for aligned tables */
    DISPLAY_COMMA = 4,   /* the Vietnamese decimal comma: 88,5% */
    DISPLAY_WHOLE = 8,   /* no decimals (a heat-map cell: 81) */
    DISPLAY_SIGN = 16,   /* "+" before a positive number (a change: +2.50) */
};

/* Writes v into buf and returns buf. Strings as they are; true and false
 * as "đúng" and "sai" (true and false in English); null (or no value) as `absent`; anything else "?". */
char *display_value(json_t *v, unsigned flags, const char *absent, char *buf, size_t size);

/* An exact number, by the same rule and flags. */
char *display_rat(rat_t r, unsigned flags, char *buf, size_t size);
/* A statistic kept as a double (a mean over a batch): read back as the
 * shortest decimal that gives that double (2.125 stays 2.125), then shown
 * by the same rule. */
char *display_double(double v, unsigned flags, char *buf, size_t size);

#endif

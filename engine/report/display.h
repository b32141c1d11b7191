/* display.h — how one value of a result is shown to people, in text
 * scorecards, explanations, verify reports and the HTML page alike:
 * numbers exactly as the JSON holds them (at most 6 decimals, no trailing
 * zeros), ratios as percents with 2 decimals, booleans in Vietnamese. */
#ifndef CHISO_DISPLAY_H
#define CHISO_DISPLAY_H

#include <jansson.h>
#include <stddef.h>

enum {
    DISPLAY_PERCENT = 1, /* a ratio: shown × 100, with 2 decimals and "%" */
    DISPLAY_FIXED = 2,   /* exactly 2 decimals (88.50%, 1.50), for aligned tables */
    DISPLAY_COMMA = 4,   /* the Vietnamese decimal comma: 88,5% */
};

/* Writes v into buf and returns buf. Strings as they are; true and false
 * as "đúng" and "sai"; null (or no value) as `absent`; anything else "?". */
char *display_value(json_t *v, unsigned flags, const char *absent, char *buf, size_t size);

#endif

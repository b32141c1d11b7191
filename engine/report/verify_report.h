/* verify_report.h — printing `chiso verify` reports (JSON objects made by
 * chiso_verify_actuals / chiso_verify_against) for people and for CI. */
#ifndef CHISO_VERIFY_REPORT_H
#define CHISO_VERIFY_REPORT_H

#include <jansson.h>
#include <stdio.h>

/* `flags`: DISPLAY_COMMA (display.h) writes figures with the Vietnamese
 * decimal comma (98,5%); 0 with the point. */
/* Grouped by unit (or plan), ✓ / ✗ per target, Vietnamese labels. */
void verify_print_text(FILE *out, json_t *reports, unsigned flags);
/* JUnit XML: one testsuite per unit or plan, one testcase per target. */
void verify_print_junit(FILE *out, json_t *reports, unsigned flags);
/* GitHub Actions workflow commands (::error file=…,line=…::…). */
void verify_print_github(FILE *out, json_t *reports, unsigned flags);

#endif

/* rules_test.h — `chiso test`: running test cases (a submission and the
 * results an inspector expects) against rules, as `opa test` and `promtool
 * test rules` do for their languages, with coverage of bands and branches. */
#ifndef CHISO_RULES_TEST_H
#define CHISO_RULES_TEST_H

#include "chiso.h"

typedef struct rules_test_run rules_test_run;

/* One case's outcome. */
typedef struct {
    char *file;        /* the test file */
    char *name;
    bool passed;
    bool broken;       /* the case itself is wrong (bad field, unknown node, missing file) */
    char **messages;   /* failures: expected vs actual */
    size_t nmessages;
    char *explain;     /* trace of the failing nodes (text) */
} rules_test_case;

rules_test_run *rules_test_new(const chiso_program *prog, size_t index);
/* Runs every case of a test file; returns false (with *error set, malloc'd)
 * when the file cannot be read or is not a test file at all. */
bool rules_test_file(rules_test_run *run, const char *path, char **error);
size_t rules_test_count(const rules_test_run *run);
const rules_test_case *rules_test_case_at(const rules_test_run *run, size_t i);
/* Bands and branches no case exercised: one line each. */
char **rules_test_uncovered(const rules_test_run *run, size_t *n, size_t *total_items);
void rules_test_free(rules_test_run *run);

#endif

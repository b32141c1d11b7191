/* support.h — helpers shared by the cmocka unit tests. */
#ifndef CHISO_SUPPORT_H
#define CHISO_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "chiso.h"

/* The whole file at `path`, NUL-terminated (the test fails when it cannot
 * be read); its length in *len when len is not NULL. Free with free(). */
char *read_file(const char *path, size_t *len);
/* Loads rules from a string (named "test.chiso"). */
chiso_program *load_rules(const char *text);
/* Asserts that the program has a diagnostic at line:col of `severity`
 * ("error"/"warning") whose message contains `needle`. */
void assert_diag(const chiso_program *prog, int line, int col, const char *severity,
                 const char *needle);
/* Asserts that the program has a diagnostic at line:col whose hint
 * contains `needle`. */
void assert_hint(const chiso_program *prog, int line, int col, const char *needle);
/* Scores a JSON submission text against the first index; the result JSON
 * (caller decrefs). The program must be free of errors. */
json_t *score_json(const chiso_program *prog, const char *submission);
/* The node object with `id` anywhere in a result's node tree, or NULL. */
json_t *find_node(json_t *result, const char *id);
/* A number field of a JSON object as a double (asserts it is a number). */
double num_field(json_t *obj, const char *key);
/* Two trees alike: shape, types (integer is not real), values, key order. */
int same_json_tree(const json_t *a, const json_t *b);

#endif

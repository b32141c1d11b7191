/* support.c — helpers shared by the cmocka unit tests. */
#include "support.h"
#include "engine/support/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return text;
}

chiso_program *load_rules(const char *text)
{
    return chiso_program_load_string("test.chiso", text, strlen(text));
}

void assert_diag(const chiso_program *prog, int line, int col, const char *severity,
                 const char *needle)
{
    json_t *diags = chiso_program_diagnostics_json(prog);
    size_t i;
    json_t *d;
    bool found = false;
    json_array_foreach(diags, i, d) {
        if (json_integer_value(json_object_get(d, "line")) == line &&
            json_integer_value(json_object_get(d, "column")) == col &&
            strcmp(json_string_value(json_object_get(d, "severity")), severity) == 0 &&
            strstr(json_string_value(json_object_get(d, "message")), needle)) {
            found = true;
            break;
        }
    }
    if (!found) {
        char *s = json_dumps(diags, JSON_INDENT(1));
        fprintf(stderr, "expected %s at %d:%d containing \"%s\"; diagnostics:\n%s\n", severity,
                line, col, needle, s);
        free(s);
    }
    json_decref(diags);
    assert_true(found);
}

json_t *score_json(const chiso_program *prog, const char *submission)
{
    assert_int_equal(chiso_program_errors(prog), 0);
    chiso_result *r = chiso_score_text(prog, 0, submission, strlen(submission), "test.json");
    json_t *j = chiso_result_to_json(r);
    chiso_result_free(r);
    return j;
}

static json_t *find_in(json_t *nodes, const char *id)
{
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        if (strcmp(json_string_value(json_object_get(n, "id")), id) == 0) return n;
        json_t *k = json_object_get(n, "children");
        if (k) {
            json_t *hit = find_in(k, id);
            if (hit) return hit;
        }
    }
    return NULL;
}

json_t *find_node(json_t *result, const char *id)
{
    json_t *nodes = json_object_get(result, "nodes");
    return nodes ? find_in(nodes, id) : NULL;
}

double num_field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    assert_non_null(v);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

void assert_hint(const chiso_program *prog, int line, int col, const char *needle)
{
    json_t *diags = chiso_program_diagnostics_json(prog);
    size_t i;
    json_t *d;
    bool found = false;
    json_array_foreach(diags, i, d) {
        json_t *h = json_object_get(d, "hint");
        if (json_integer_value(json_object_get(d, "line")) == line &&
            json_integer_value(json_object_get(d, "column")) == col && h &&
            strstr(json_string_value(h), needle))
            found = true;
    }
    if (!found) {
        char *s = json_dumps(diags, JSON_INDENT(1));
        fprintf(stderr, "expected a hint at %d:%d containing \"%s\"; diagnostics:\n%s\n", line, col,
                needle, s);
        free(s);
    }
    json_decref(diags);
    assert_true(found);
}

/* The unit tests assert the English texts written in the sources; the
 * library speaks Vietnamese until told otherwise. A test of the
 * Vietnamese texts sets them itself. */
__attribute__((constructor)) static void messages_in_english(void) { chiso_i18n_set("en"); }

/* Same shape, same types (integer is not real), same values, same key
 * order; two NULLs are the same. */
int same_json_tree(const json_t *a, const json_t *b)
{
    if (!a || !b) return a == b;
    if (json_typeof(a) != json_typeof(b)) return 0;
    switch (json_typeof(a)) {
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b)) return 0;
        void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
        for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia), ib = json_object_iter_next((json_t *)b, ib)) {
            if (strcmp(json_object_iter_key(ia), json_object_iter_key(ib))) return 0;
            if (!same_json_tree(json_object_iter_value(ia), json_object_iter_value(ib))) return 0;
        }
        return !ia && !ib;
    }
    case JSON_ARRAY:
        if (json_array_size(a) != json_array_size(b)) return 0;
        for (size_t i = 0; i < json_array_size(a); i++)
            if (!same_json_tree(json_array_get(a, i), json_array_get(b, i))) return 0;
        return 1;
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
    case JSON_INTEGER: return json_integer_value(a) == json_integer_value(b);
    case JSON_REAL: return memcmp(&(double){json_real_value(a)}, &(double){json_real_value(b)}, sizeof(double)) == 0;
    default: return 1;
    }
}

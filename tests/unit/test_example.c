/* test_example.c — the worked example of the language contract (§8):
 * 9.25 of 10, 92.5 %, grade "Tốt", node by node. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

static void contract_example_scores_9_25(void **state)
{
    (void)state;
    chiso_program *prog = chiso_program_load("rules/examples/huyen-mini.chiso");
    assert_int_equal(chiso_program_errors(prog), 0);
    assert_int_equal(chiso_program_warnings(prog), 0);
    char *sub = read_file("fixtures/examples/submissions/ductho.json", NULL);
    json_t *r = score_json(prog, sub);
    assert_string_equal(json_string_value(json_object_get(r, "status")), "ok");
    assert_true(num_field(r, "points") == 9.25);
    assert_true(num_field(r, "max") == 10);
    assert_true(num_field(r, "percent") == 92.5);
    assert_string_equal(json_string_value(json_object_get(r, "grade")), "Tốt");
    assert_true(num_field(find_node(r, "1.1"), "points") == 1);
    assert_true(num_field(find_node(r, "1.2"), "points") == 0.5);
    assert_string_equal(json_string_value(json_object_get(find_node(r, "1.2"), "band")), ">= 80%");
    assert_true(num_field(find_node(r, "1.3"), "points") == 2);
    assert_true(num_field(find_node(r, "1"), "points") == 3.25);
    assert_true(num_field(find_node(r, "3.1"), "points") == 4);
    assert_string_equal(json_string_value(json_object_get(find_node(r, "3.2"), "status")),
                        "not_applicable");
    assert_true(num_field(find_node(r, "3.2"), "points") == 2);
    assert_true(num_field(find_node(r, "3"), "points") == 6);
    json_decref(r);
    free(sub);
    chiso_program_free(prog);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contract_example_scores_9_25),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

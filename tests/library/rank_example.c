/* rank_example.c — libchiso embedded in another program, as
 * docs/library.md shows it: load a rules file, score submission files,
 * rank them as a published table would (percents to two decimals), print
 * one line per unit. Built and run by ctest, which compares its ranks with
 * those of `chiso score --rank-decimals 2`.
 *
 *   rank_example RULES SUBMISSION.json...     prints "rank<TAB>percent<TAB>id" */
#include <chiso.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rank_example RULES SUBMISSION.json...\n");
        return CHISO_EXIT_USAGE;
    }
    chiso_program *prog = chiso_program_load(argv[1]);
    if (chiso_program_errors(prog)) {
        chiso_program_print_diagnostics(prog, stderr, false); /* file:line:col: error: … */
        chiso_program_free(prog);
        return CHISO_EXIT_RULE_ERRORS;
    }
    size_t n = (size_t)argc - 2;
    chiso_result **results = calloc(n, sizeof *results);
    for (size_t i = 0; i < n; i++) {
        json_error_t err;
        json_t *submission = json_load_file(argv[i + 2], 0, &err);
        results[i] = submission ? chiso_score(prog, 0, submission, argv[i + 2])
                                : chiso_result_error(prog, 0, argv[i + 2], err.text);
        json_decref(submission); /* the result keeps what it needs */
    }
    chiso_rank_ex(results, n, 2); /* per level and period, on percents as published */
    int code = CHISO_EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        json_t *r = chiso_result_to_json(results[i]);
        json_t *rank = json_object_get(r, "rank"), *percent = json_object_get(r, "percent");
        const char *id = json_string_value(json_object_get(json_object_get(r, "unit"), "id"));
        if (json_is_integer(rank)) printf("%lld\t", (long long)json_integer_value(rank));
        else fputs("-\t", stdout);
        if (json_is_number(percent)) printf("%.2f\t", json_number_value(percent));
        else fputs("-\t", stdout);
        printf("%s\n", id ? id : argv[i + 2]);
        json_decref(r);
        if (!chiso_result_ok(results[i])) code = CHISO_EXIT_UNIT_ERRORS;
        chiso_result_free(results[i]);
    }
    free(results);
    chiso_program_free(prog);
    return code;
}

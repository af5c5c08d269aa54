/*
 * test_grade.c — reading a grader's results: Check's TAP log, end-of-test markers,
 * sanitizer reports and compiler output, and the JSON report.
 */
#define _GNU_SOURCE
#include <check.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "util.h"

static const char *tap =
    "ok 1 - grader.c:Core:solves_3x3: Passed\n"
    "not ok 2 - /src/graders/lib/la4grade.c:Core:needs_row_exchange: x[0]: expected 1, got "
    "nan (|Δ| = inf, tolerance 1.0e-13). Revisit: partial pivoting [case: 3×3; seed 42]\n"
    "ok 3 - grader.c:Edge:quits_early: Passed\n"
    "not ok 4 - grader.c:Edge:loops: Test timeout expired\n"
    "not ok 5 - grader.c:Edge:crashes: Received signal 11 (Segmentation fault)\n"
    "not ok 6 - grader.c:Edge:overflows: Early exit with return value 1\n"
    "1..6\n";

START_TEST(tap_lines_become_tests)
{
    GradeReport rep = { 0 };
    ck_assert_int_eq(grade_parse_tap(&rep, tap, "solves_3x3\n", NULL, "/src", 3), 6);
    ck_assert_str_eq(rep.tests[0].name, "solves_3x3");
    ck_assert_str_eq(rep.tests[0].tcase, "Core");
    ck_assert_int_eq(rep.tests[0].status, TEST_PASS);
    ck_assert_int_eq(rep.tests[1].status, TEST_FAIL);
    ck_assert_ptr_nonnull(strstr(rep.tests[1].message, "Revisit: partial pivoting"));
    ck_assert_int_eq(rep.npassed, 1);
    grade_report_free(&rep);
}
END_TEST

START_TEST(a_pass_without_its_end_marker_is_an_error)
{
    GradeReport rep = { 0 };
    grade_parse_tap(&rep, tap, "solves_3x3\nloops\n", NULL, "/src", 3);
    ck_assert_int_eq(rep.tests[2].status, TEST_ERROR); /* quits_early: Check said ok */
    ck_assert_ptr_nonnull(strstr(rep.tests[2].message, "exit()"));
    grade_report_free(&rep);
}
END_TEST

START_TEST(timeouts_crashes_and_early_exits_are_explained)
{
    GradeReport rep = { 0 };
    grade_parse_tap(&rep, tap, "", NULL, "/src", 2.5);
    ck_assert_int_eq(rep.tests[3].status, TEST_ERROR);
    ck_assert_ptr_nonnull(strstr(rep.tests[3].message, "within 2.5 s"));
    ck_assert_ptr_nonnull(strstr(rep.tests[4].message, "segmentation fault"));
    ck_assert_ptr_nonnull(strstr(rep.tests[5].message, "exit()"));
    grade_report_free(&rep);
}
END_TEST

START_TEST(sanitizer_report_names_the_learners_line)
{
    char *dir = util_mkdtemp("la4ai-gradetest");
    char *path = util_fmt("%s/san-overflows.log", dir);
    const char *asan =
        "=================================================================\n"
        "==123==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602 at pc 0x1 bp "
        "0x2 sp 0x3\nWRITE of size 8 at 0x602 thread T0\n"
        "    #0 0x55 in gram_schmidt /src/exercises/week02/gram_schmidt.c:42\n"
        "    #1 0x56 in a_equals_qr_body /src/graders/week02/gram_schmidt/grader.c:10\n";
    util_write_file(path, asan, strlen(asan));
    GradeReport rep = { 0 };
    grade_parse_tap(&rep, tap, "", dir, "/src", 3);
    ck_assert_msg(strstr(rep.tests[5].message,
                         "heap-buffer-overflow in gram_schmidt at "
                         "exercises/week02/gram_schmidt.c:42") != NULL,
                  "got: %s", rep.tests[5].message);
    ck_assert_ptr_nonnull(strstr(rep.tests[5].message, "loop bounds"));
    grade_report_free(&rep);
    util_rmtree(dir);
    free(dir);
    free(path);
}
END_TEST

START_TEST(ubsan_report_is_read)
{
    char *m = grade_explain_sanitizer(
        "/src/exercises/week01/determinant.c:12:9: runtime error: signed integer overflow: "
        "2147483647 + 1 cannot be represented in type 'int'\n", "/src");
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "exercises/week01/determinant.c:12:9"));
    ck_assert_ptr_nonnull(strstr(m, "signed integer overflow"));
    free(m);
    ck_assert_ptr_null(grade_explain_sanitizer("", "/src"));
    ck_assert_ptr_null(grade_explain_sanitizer("just some output\n", "/src"));
}
END_TEST

START_TEST(compiler_errors_are_explained)
{
    char *m = grade_explain_compile("/usr/bin/ld: x.o: in function `main':\n"
                                    "grader.c:(.text+0x1): undefined reference to "
                                    "`gram_schmidt'\ncollect2: error: ld returned 1\n");
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "gram_schmidt() is not defined"));
    free(m);
    m = grade_explain_compile("grader.c:258: error: undefined reference to 'vec_angle'\n"
                              "collect2: error: ld returned 1 exit status\n"); /* gold */
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "vec_angle() is not defined"));
    free(m);
    m = grade_explain_compile("exercises/week01/vec_basics.c:9:5: error: expected ';' before "
                              "'return'\n");
    ck_assert_ptr_nonnull(strstr(m, "semicolon"));
    free(m);
    ck_assert_ptr_null(grade_explain_compile("warning: unused variable\n"));
}
END_TEST

START_TEST(report_json_has_the_promised_fields)
{
    GradeReport rep = { 0 };
    rep.id = xstrdup("vec_basics");
    rep.compiled = true;
    rep.compile_output = xstrdup("");
    grade_parse_tap(&rep, tap, "solves_3x3\n", NULL, "/src", 3);
    char *s = grade_report_json(&rep);
    cJSON *o = cJSON_Parse(s);
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(cJSON_GetObjectItem(o, "id")->valuestring, "vec_basics");
    ck_assert(cJSON_IsBool(cJSON_GetObjectItem(o, "passed")));
    cJSON *comp = cJSON_GetObjectItem(o, "compile");
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(comp, "ok")));
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(comp, "output")));
    cJSON *tests = cJSON_GetObjectItem(o, "tests");
    ck_assert_int_eq(cJSON_GetArraySize(tests), 6);
    cJSON *t = cJSON_GetArrayItem(tests, 3);
    ck_assert_str_eq(cJSON_GetObjectItem(t, "name")->valuestring, "loops");
    ck_assert_str_eq(cJSON_GetObjectItem(t, "status")->valuestring, "error");
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(t, "message")));
    cJSON_Delete(o);
    free(s);
    grade_report_free(&rep);
}
END_TEST

START_TEST(garbage_tap_yields_no_tests)
{
    GradeReport rep = { 0 };
    ck_assert_int_eq(grade_parse_tap(&rep, "not a tap log\nok\nnot ok 1 -\n", NULL, NULL, "/", 3), 0);
    ck_assert_int_eq(grade_parse_tap(&rep, NULL, NULL, NULL, "/", 3), 0);
    grade_report_free(&rep);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("grade");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, tap_lines_become_tests);
    tcase_add_test(core, a_pass_without_its_end_marker_is_an_error);
    tcase_add_test(core, timeouts_crashes_and_early_exits_are_explained);
    tcase_add_test(core, sanitizer_report_names_the_learners_line);
    tcase_add_test(core, ubsan_report_is_read);
    tcase_add_test(core, compiler_errors_are_explained);
    tcase_add_test(core, report_json_has_the_promised_fields);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, garbage_tap_yields_no_tests);
    suite_add_tcase(s, errors);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * test_answer.c — practice-answer grading: numbers as expressions, choices, matrices.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "answer.h"

START_TEST(numbers_read_as_expressions)
{
    static const struct { const char *in; double want; } cases[] = {
        { "3.5", 3.5 }, { "-2", -2 }, { "1e-3", 1e-3 }, { "1/3", 1.0 / 3 },
        { "sqrt(2)/2", M_SQRT1_2 }, { "2^10", 1024 }, { "-(1+2)*3", -9 }, { " pi ", M_PI },
        { "−4", -4 }, { "2·3", 6 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v = 0;
        ck_assert_msg(answer_parse_number(cases[i].in, &v) == 0, "cannot read %s", cases[i].in);
        ck_assert_double_eq_tol(v, cases[i].want, 1e-12);
    }
}
END_TEST

START_TEST(bad_numbers_refused)
{
    static const char *bad[] = { "", "abc", "1/", "sqrt(2", "1 2", "nan", "inf", "1/0" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double v;
        ck_assert_msg(answer_parse_number(bad[i], &v) != 0, "accepted \"%s\"", bad[i]);
    }
}
END_TEST

START_TEST(matrices_parse_and_reject_ragged)
{
    double v[16];
    int r, c;
    ck_assert_int_eq(answer_parse_matrix("1 2; 3 4", v, 16, &r, &c), 0);
    ck_assert_int_eq(r, 2);
    ck_assert_int_eq(c, 2);
    ck_assert_double_eq(v[3], 4);
    ck_assert_int_eq(answer_parse_matrix("[[1, 2], [3, 1/2]]", v, 16, &r, &c), 0); /* NumPy */
    ck_assert_int_eq(r, 2);
    ck_assert_double_eq(v[3], 0.5);
    ck_assert_int_eq(answer_parse_matrix("[1, 2]; [3, 1/2]", v, 16, &r, &c), 0);
    ck_assert_double_eq(v[3], 0.5);
    ck_assert_int_eq(answer_parse_matrix("1 2\n3 4\n", v, 16, &r, &c), 0);
    ck_assert_int_eq(r, 2);
    ck_assert_int_eq(answer_parse_matrix("1 2; 3", v, 16, &r, &c), -1);
    ck_assert_int_eq(answer_parse_matrix("", v, 16, &r, &c), -1);
    ck_assert_int_eq(answer_parse_matrix("1 x", v, 16, &r, &c), -1);
}
END_TEST

static Question number_q(double answer, double tol)
{
    Question q = { .id = "q", .kind = Q_NUMBER, .number = answer, .tol = tol };
    return q;
}

START_TEST(number_question_uses_tolerance)
{
    Question q = number_q(0.7071067811865476, 1e-3);
    char fb[256];
    ck_assert_int_eq(answer_check(&q, "sqrt(2)/2", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "0.7071", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "0.70", fb, sizeof fb), ANSWER_WRONG);
    ck_assert_ptr_nonnull(strstr(fb, "off by"));
    ck_assert_int_eq(answer_check(&q, "seven", fb, sizeof fb), ANSWER_UNREADABLE);
}
END_TEST

START_TEST(choice_question_by_letter_or_number)
{
    char *choices[] = { "rows", "columns", "both" };
    Question q = { .id = "c", .kind = Q_CHOICE, .choices = choices, .nchoices = 3, .choice = 1 };
    char fb[256];
    ck_assert_int_eq(answer_check(&q, "b", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "B)", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "2", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "a", fb, sizeof fb), ANSWER_WRONG);
    ck_assert_int_eq(answer_check(&q, "d", fb, sizeof fb), ANSWER_UNREADABLE);
    ck_assert_int_eq(answer_check(&q, "banana", fb, sizeof fb), ANSWER_UNREADABLE);
}
END_TEST

START_TEST(matrix_question_shape_and_entries)
{
    double m[] = { 1, 2, 3, 4 };
    Question q = { .id = "m", .kind = Q_MATRIX, .rows = 2, .cols = 2, .matrix = m, .tol = 1e-6 };
    char fb[256];
    ck_assert_int_eq(answer_check(&q, "1 2; 3 4", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&q, "1 2; 3 5", fb, sizeof fb), ANSWER_WRONG);
    ck_assert_ptr_nonnull(strstr(fb, "row 2, column 2"));
    ck_assert_int_eq(answer_check(&q, "1 2 3 4", fb, sizeof fb), ANSWER_WRONG);
    ck_assert_ptr_nonnull(strstr(fb, "1×4"));
    double v[] = { 1, 2, 3 };
    Question vq = { .id = "v", .kind = Q_MATRIX, .rows = 3, .cols = 1, .matrix = v, .tol = 0 };
    ck_assert_int_eq(answer_check(&vq, "1; 2; 3", fb, sizeof fb), ANSWER_RIGHT);
    ck_assert_int_eq(answer_check(&vq, "1 2 3", fb, sizeof fb), ANSWER_RIGHT); /* as a row */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("answer");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, numbers_read_as_expressions);
    tcase_add_test(core, matrices_parse_and_reject_ragged);
    tcase_add_test(core, number_question_uses_tolerance);
    tcase_add_test(core, choice_question_by_letter_or_number);
    tcase_add_test(core, matrix_question_shape_and_entries);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("Errors");
    tcase_add_test(errors, bad_numbers_refused);
    suite_add_tcase(s, errors);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

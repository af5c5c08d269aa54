/*
 * matvec_views/grader.c — grades matvec_rows and matvec_cols (y = Ax, two pictures).
 *
 * Known answers from 18.06 Lecture 1 and small tall and wide matrices, then seeded random
 * matrices of shapes from 1×1 to 60×40 compared with the grader's own product (la_matvec).
 * y is filled with NaN before each call so an entry left unwritten shows up, and one test
 * fills it with 100s to catch a y that is added to instead of set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

typedef void (*matvec_fn)(const Matrix *, const double *, double *);

static const struct {
    matvec_fn f;
    const char *name, *idea;
} WAYS[] = {
    { matvec_rows, "matvec_rows",
      "the row picture: yᵢ is row i of A dotted with x, Σⱼ aᵢⱼxⱼ with aᵢⱼ = MAT(A, i, j); "
      "i runs over the m = A->rows rows, j over the n = A->cols columns (18.06 L1)" },
    { matvec_cols, "matvec_cols",
      "the column picture: start y at 0, then for each column j add xⱼ·(column j of A); "
      "column j holds MAT(A, i, j) for i = 0…m−1 (18.06 L1)" },
};
enum { NWAYS = sizeof WAYS / sizeof WAYS[0] };

/* Runs way w on (A, x), NaN-filling y first; checks y against want and the inputs. */
static void check_way(int w, const Matrix *A, const double *x, const double *want, double tol)
{
    int m = A->rows, n = A->cols;
    Matrix *A0 = la_mat_copy(A);
    double *x0 = malloc(sizeof(double) * (size_t)n), *y = malloc(sizeof(double) * (size_t)m);
    memcpy(x0, x, sizeof(double) * (size_t)n);
    la_fill(y, m, NAN);
    WAYS[w].f(A, x, y);
    char what[64];
    snprintf(what, sizeof what, "%s: y", WAYS[w].name);
    la_expect_vec_near(y, want, m, tol, what, WAYS[w].idea);
    la_expect_unchanged(A, A0, "A");
    Matrix X = { 1, n, (double *)x }, X0 = { 1, n, x0 };
    la_expect_unchanged(&X, &X0, "x");
    mat_free(A0);
    free(x0);
    free(y);
}

/* The 18.06 L1 systems: Ax for the solution x gives back b. */
static void lecture_1(int w)
{
    static const double A2[] = { 2, -1, -1, 2 }, x2[] = { 1, 2 }, b2[] = { 0, 3 };
    static const double A3[] = { 2, -1, 0, -1, 2, -1, 0, -3, 4 };
    static const double x3[] = { 0, 0, 1 }, b3[] = { 0, -1, 4 };
    static const double x3b[] = { 1, 1, 1 }, b3b[] = { 1, 0, 1 };
    Matrix *A = la_mat(2, 2, A2);
    la_case("18.06 L1: 2x − y = 0, −x + 2y = 3 at (x, y) = (1, 2); %s", WAYS[w].name);
    check_way(w, A, x2, b2, 1e-13);
    mat_free(A);
    A = la_mat(3, 3, A3);
    la_case("18.06 L1: 2x − y = 0, −x + 2y − z = −1, −3y + 4z = 4 at (0, 0, 1); %s",
            WAYS[w].name);
    check_way(w, A, x3, b3, 1e-13);
    la_case("18.06 L1 3×3 matrix times (1, 1, 1): the row sums; %s", WAYS[w].name);
    check_way(w, A, x3b, b3b, 1e-13);
    mat_free(A);
}

LA_TEST(rows_lecture_1_systems) { lecture_1(0); }
LA_TEST(cols_lecture_1_systems) { lecture_1(1); }

LA_TEST(wide_and_tall_known_answers)
{
    static const double W[] = { 1, 2, 3, 4, 5, 6 }, xw[] = { 1, 0, -1 }, yw[] = { -2, -2 };
    static const double T[] = { 1, 2, 3, 4, 5, 6 }, xt[] = { 1, 1 }, yt[] = { 3, 7, 11 };
    Matrix *A = la_mat(2, 3, W), *B = la_mat(3, 2, T);
    for (int w = 0; w < NWAYS; w++) {
        la_case("wide 2×3 [[1,2,3],[4,5,6]] times (1, 0, −1); %s", WAYS[w].name);
        check_way(w, A, xw, yw, 1e-13);
        la_case("tall 3×2 [[1,2],[3,4],[5,6]] times (1, 1); %s", WAYS[w].name);
        check_way(w, B, xt, yt, 1e-13);
    }
    mat_free(A);
    mat_free(B);
}

/* Random shapes: square, tall, wide, a single row and a single column. */
static void random_shapes(int w, unsigned salt)
{
    static const int shapes[][2] = { { 5, 5 }, { 7, 3 }, { 3, 8 }, { 1, 9 }, { 9, 1 },
                                     { 60, 40 } };
    LaRng r = la_rng(salt);
    for (size_t c = 0; c < sizeof shapes / sizeof shapes[0]; c++) {
        int m = shapes[c][0], n = shapes[c][1];
        la_case("random %d×%d A and x; %s", m, n, WAYS[w].name);
        Matrix *A = la_mat_random(&r, m, n), *X = la_mat_random(&r, 1, n);
        double *want = malloc(sizeof(double) * (size_t)m);
        la_matvec(A, X->data, want);
        // every |yᵢ| ≤ ‖row i‖‖x‖ ≤ ‖A‖‖x‖: rounding is a few n·ε of that
        double tol = la_tol(n, 1) * la_mat_norm(A) * la_mat_norm(X);
        check_way(w, A, X->data, want, tol);
        free(want);
        mat_free(A);
        mat_free(X);
    }
}

LA_TEST(rows_random_shapes) { random_shapes(0, 21); }
LA_TEST(cols_random_shapes) { random_shapes(1, 22); }

LA_TEST(one_by_one)
{
    static const double a[] = { 3 }, x[] = { -2 }, want[] = { -6 };
    Matrix *A = la_mat(1, 1, a);
    for (int w = 0; w < NWAYS; w++) {
        la_case("1×1: [3]·(−2) = −6; %s", WAYS[w].name);
        check_way(w, A, x, want, 1e-13);
    }
    mat_free(A);
}

LA_TEST(overwrites_output_not_accumulates)
{
    static const double a[] = { 1, 2, 0, 1, -1, 3 }, x[] = { 2, -1 }, want[] = { 0, -1, -5 };
    Matrix *A = la_mat(3, 2, a);
    double y[3];
    for (int w = 0; w < NWAYS; w++) {
        la_case("3×2 [[1,2],[0,1],[−1,3]] times (2, −1); %s", WAYS[w].name);
        check_way(w, A, x, want, 1e-13);
        la_case("the same product with y holding 100s on entry; %s", WAYS[w].name);
        la_fill(y, 3, 100.0);
        WAYS[w].f(A, x, y);
        char what[64];
        snprintf(what, sizeof what, "%s: y", WAYS[w].name);
        la_expect_vec_near(y, want, 3, 1e-13, what,
                           "y = Ax must not depend on what y held before: set each yᵢ (or "
                           "zero y first) rather than adding to the caller's values");
    }
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("matvec_views");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, rows_lecture_1_systems);
    tcase_add_test(core, cols_lecture_1_systems);
    tcase_add_test(core, wide_and_tall_known_answers);
    tcase_add_test(core, rows_random_shapes);
    tcase_add_test(core, cols_random_shapes);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, one_by_one);
    tcase_add_test(edge, overwrites_output_not_accumulates);
    return s;
}

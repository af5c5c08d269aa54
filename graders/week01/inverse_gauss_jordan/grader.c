/*
 * inverse_gauss_jordan/grader.c — grades inverse_gauss_jordan (A⁻¹ from [A | I]).
 *
 * Known inverses (the 18.06 L3 example [[1,3],[2,7]], a tridiagonal 3×3, a permutation
 * whose inverse is its transpose, 1×1), then seeded random matrices of sizes 2 to 50: the
 * learner's X must match the inverse the grader builds column by column with its own LU
 * solve (la_solve(A, eⱼ)) within la_tol(n, κ)·‖A⁻¹‖, and satisfy AX ≈ I and XA ≈ I when A
 * is well conditioned. Then pivoting cases (a 0 or 1e-20 in the pivot position), an
 * ill-conditioned (κ = 1e8) and a tiny-scaled matrix that must not be called singular, and
 * singular matrices that must return -1. Ainv is filled with NaN before every call; A is
 * checked to be unchanged.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_GJ =
    "Gauss–Jordan: on [A | I], make each pivot 1 (divide its row) and clear its column in "
    "every other row, above as well as below; when the left block is I the right block is "
    "A⁻¹ (18.06 L3)";
static const char *IDEA_EXCHANGE =
    "a 0 in the pivot position: exchange whole rows of [A | I] (both blocks) with a lower row "
    "that has a nonzero entry in that column (18.06 L2–L3)";
static const char *IDEA_PIVOT =
    "partial pivoting — swap in the row with the largest |entry| (absolute value) in the "
    "column before eliminating; a tiny pivot makes huge multipliers (18.06 L2)";
static const char *IDEA_INVERTIBLE =
    "\"singular\" means no pivot larger than n·ε·max|aᵢⱼ| is left in a column — relative to "
    "the size of A's entries, never a fixed cut-off. A large κ or tiny entries do not make A "
    "singular";

/* Calls inverse_gauss_jordan(A, X) with X NaN-filled; fails if A changed. */
static int invert(const Matrix *A, Matrix *X)
{
    Matrix *A0 = la_mat_copy(A);
    la_fill(X->data, X->rows * X->cols, NAN);
    int rc = inverse_gauss_jordan(A, X);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return rc;
}

/* The grader's own A⁻¹: column j solves Ax = eⱼ by LU. NULL if singular. */
static Matrix *inverse_by_lu(const Matrix *A)
{
    int n = A->rows;
    Matrix *X = mat_new(n, n);
    double *e = calloc((size_t)n, sizeof(double)), *x = malloc(sizeof(double) * (size_t)n);
    int ok = 1;
    for (int j = 0; j < n && ok; j++) {
        e[j] = 1.0;
        ok = la_solve(A, e, x) == 0;
        e[j] = 0.0;
        for (int i = 0; i < n; i++)
            MAT(X, i, j) = x[i];
    }
    free(e);
    free(x);
    if (!ok)
        mat_free(X);
    return ok ? X : NULL;
}

/* Expects status 0 and X ≈ A⁻¹: X against the LU inverse (forward error), then, when A is
   well conditioned, AX = I and XA = I. (For a large κ even an X accurate to κ·ε can leave
   residuals near κ²·ε, so they prove nothing there; the forward error is what we check.) */
static void expect_inverts(const Matrix *A, const char *rc_idea, const char *idea)
{
    int n = A->rows;
    double kappa = la_cond(A);
    Matrix *X = mat_new(n, n), *want = inverse_by_lu(A);
    int rc = invert(A, X);
    if (rc != 0)
        la_fail("inverse_gauss_jordan returned %d, expected 0: this A is invertible (κ ≈ "
                "%.1e). Revisit: %s",
                rc, kappa, rc_idea);
    la_expect_mat_finite(X, "Ainv");
    double tol = la_tol(n, kappa);
    la_expect_mat_near(X, want, tol * la_mat_norm(want), "Ainv", idea);
    if (kappa <= 1e4) {
        Matrix *I = la_mat_identity(n), *AX = la_mat_mul(A, X), *XA = la_mat_mul(X, A);
        la_expect_mat_near(AX, I, tol, "A·Ainv (should be I)", idea);
        la_expect_mat_near(XA, I, tol, "Ainv·A (should be I)", idea);
        mat_free(I), mat_free(AX), mat_free(XA);
    }
    mat_free(X), mat_free(want);
}

/* ---- known answers ----------------------------------------------------------------------- */

LA_TEST(inverts_2x2_from_lecture_3)
{
    static const struct { double a[4], inv[4]; const char *label; } cases[] = {
        { { 1, 3, 2, 7 }, { 7, -3, -2, 1 }, "18.06 L3: [[1,3],[2,7]]⁻¹ = [[7,−3],[−2,1]]" },
        { { 2, 1, 5, 3 }, { 3, -1, -5, 2 }, "[[2,1],[5,3]]⁻¹ = [[3,−1],[−5,2]] (det 1)" },
        { { 4, 0, 0, 0.5 }, { 0.25, 0, 0, 2 }, "diagonal [[4,0],[0,0.5]]⁻¹ = [[0.25,0],[0,2]]" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(2, 2, cases[c].a), *X = mat_new(2, 2);
        Matrix *want = la_mat(2, 2, cases[c].inv);
        int rc = invert(A, X);
        la_expect_int(rc, 0, "inverse_gauss_jordan's return value", IDEA_INVERTIBLE);
        la_expect_mat_near(X, want, 1e-13, "Ainv", IDEA_GJ);
        mat_free(A), mat_free(X), mat_free(want);
    }
}

LA_TEST(inverts_3x3_known)
{
    static const double t[] = { 2, -1, 0, -1, 2, -1, 0, -1, 2 };
    static const double tinv[] = { 0.75, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.75 };
    Matrix *A = la_mat(3, 3, t), *X = mat_new(3, 3), *want = la_mat(3, 3, tinv);
    la_case("tridiagonal [[2,−1,0],[−1,2,−1],[0,−1,2]]: inverse ¼[[3,2,1],[2,4,2],[1,2,3]]");
    la_expect_int(invert(A, X), 0, "inverse_gauss_jordan's return value", IDEA_INVERTIBLE);
    la_expect_mat_near(X, want, 1e-13, "Ainv", IDEA_GJ);
    mat_free(A), mat_free(X), mat_free(want);

    static const double p[] = { 0, 0, 1, 1, 0, 0, 0, 1, 0 };
    A = la_mat(3, 3, p), X = mat_new(3, 3), want = la_mat_transpose(A);
    la_case("permutation [[0,0,1],[1,0,0],[0,1,0]]: P⁻¹ = Pᵀ (18.06 L5), and every pivot "
            "needs a row exchange");
    la_expect_int(invert(A, X), 0, "inverse_gauss_jordan's return value", IDEA_EXCHANGE);
    la_expect_mat_near(X, want, 1e-13, "Ainv", IDEA_EXCHANGE);
    mat_free(A), mat_free(X), mat_free(want);
}

LA_TEST(inverts_1x1)
{
    static const double a[] = { 4, -0.5 }, inv[] = { 0.25, -2 };
    for (int c = 0; c < 2; c++) {
        la_case("1×1 [%g]: the inverse is [1/%g]", a[c], a[c]);
        Matrix *A = la_mat(1, 1, &a[c]), *X = mat_new(1, 1), *want = la_mat(1, 1, &inv[c]);
        la_expect_int(invert(A, X), 0, "inverse_gauss_jordan's return value", IDEA_INVERTIBLE);
        la_expect_mat_near(X, want, 1e-15, "Ainv", "for n = 1, A⁻¹ = [1/a₀₀]");
        mat_free(A), mat_free(X), mat_free(want);
    }
}

/* ---- random ------------------------------------------------------------------------------ */

LA_TEST(random_inverse_properties)
{
    static const int sizes[] = { 2, 3, 8, 25, 50 };
    LaRng r = la_rng(51);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        Matrix *A = la_mat_random(&r, n, n);
        la_case("random %d×%d, κ ≈ %.1e: AX = I, XA = I, X against an LU inverse", n, n,
                la_cond(A));
        expect_inverts(A, IDEA_GJ, IDEA_GJ);
        mat_free(A);
    }
}

/* ---- pivoting ---------------------------------------------------------------------------- */

LA_TEST(needs_row_exchange)
{
    static const double a2[] = { 0, 1, 1, 0 }, a3[] = { 0, 2, 1, 1, 1, 1, 2, 1, 0 };
    static const double b3[] = { 1, 1, 1, 1, 1, 2, 1, 2, 3 };
    Matrix *A = la_mat(2, 2, a2);
    la_case("[[0,1],[1,0]]: a 0 in the (0,0) position (its own inverse)");
    expect_inverts(A, IDEA_EXCHANGE, IDEA_EXCHANGE);
    mat_free(A);
    A = la_mat(3, 3, a3);
    la_case("[[0,2,1],[1,1,1],[2,1,0]]: a 0 in the (0,0) position");
    expect_inverts(A, IDEA_EXCHANGE, IDEA_EXCHANGE);
    mat_free(A);
    A = la_mat(3, 3, b3);
    la_case("[[1,1,1],[1,1,2],[1,2,3]]: the (1,1) pivot becomes 0 after step 1");
    expect_inverts(A, IDEA_EXCHANGE, IDEA_EXCHANGE);
    mat_free(A);
}

LA_TEST(tiny_pivot_needs_partial_pivoting)
{
    static const double a2[] = { 1e-20, 1, 1, 1 };
    static const double a3[] = { 1e-20, 1, 1, -2, 1, 0, 1e-20, 0, 1 };
    Matrix *A = la_mat(2, 2, a2);
    la_case("[[1e-20, 1], [1, 1]]: inverse ≈ [[−1, 1], [1, −1e-20]]");
    expect_inverts(A, IDEA_PIVOT, IDEA_PIVOT);
    mat_free(A);
    A = la_mat(3, 3, a3);
    la_case("[[1e-20,1,1],[−2,1,0],[1e-20,0,1]]: the first pivot must be the −2");
    expect_inverts(A, IDEA_PIVOT, IDEA_PIVOT);
    mat_free(A);
}

/* ---- conditioning, scale, singular ------------------------------------------------------- */

LA_TEST(ill_conditioned_or_tiny_is_not_singular)
{
    LaRng r = la_rng(52);
    Matrix *A = la_mat_cond(&r, 10, 10, 1e8);
    la_case("random 10×10 with κ = 1e8: invertible, but barely");
    expect_inverts(A, IDEA_INVERTIBLE, IDEA_GJ);
    mat_free(A);
    A = la_mat_random(&r, 4, 4);
    for (int i = 0; i < 16; i++)
        A->data[i] *= 1e-12;
    la_case("random 4×4 times 1e-12: tiny entries, κ ≈ %.1e", la_cond(A));
    expect_inverts(A, IDEA_INVERTIBLE, IDEA_GJ);
    mat_free(A);
}

static void expect_singular(const Matrix *A, const char *why)
{
    int n = A->rows;
    Matrix *X = mat_new(n, n);
    int rc = invert(A, X);
    if (rc != -1)
        la_fail("inverse_gauss_jordan returned %d, expected -1: A is singular (%s), so it has "
                "no inverse. Revisit: when no candidate pivot in a column has |aᵢₖ| > "
                "n·ε·max|aᵢⱼ| = %.2e, return -1 (18.06 L3: no inverse when the columns are "
                "dependent — collinear features)",
                rc, why, n * DBL_EPSILON * la_mat_maxabs(A));
    mat_free(X);
}

LA_TEST(reports_singular)
{
    static const double a2[] = { 1, 2, 2, 4 }, a3[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    static const double z[] = { 0 };
    Matrix *A = la_mat(2, 2, a2);
    la_case("[[1,2],[2,4]]");
    expect_singular(A, "row 1 = 2·row 0");
    mat_free(A);
    A = la_mat(3, 3, a3);
    la_case("[[1,2,3],[4,5,6],[7,8,9]]");
    expect_singular(A, "column 2 = 2·column 1 − column 0; what is left of the last pivot is "
                       "rounding");
    mat_free(A);
    A = la_mat(1, 1, z);
    la_case("1×1 [0]");
    expect_singular(A, "0 has no inverse");
    mat_free(A);
    static const double a4[] = { 1, 2, 0, 3, 2, 1, 1, 3, 0, 3, 2, 3, 4, 1, 5, 5 };
    A = la_mat(4, 4, a4);
    la_case("4×4 [[1,2,0,3],[2,1,1,3],[0,3,2,3],[4,1,5,5]] (collinear features)");
    expect_singular(A, "column 3 = column 0 + column 1");
    mat_free(A);
    static const double d4[] = { 2, 1, 3, 1, 1, 4, 1, 2, 3, 0, 2, 5, 1, 4, 1, 2 };
    A = la_mat(4, 4, d4);
    la_case("4×4 [[2,1,3,1],[1,4,1,2],[3,0,2,5],[1,4,1,2]] (a duplicated record)");
    expect_singular(A, "row 3 = row 1");
    mat_free(A);
    LaRng r = la_rng(53);
    A = la_mat_random(&r, 4, 4);
    for (int i = 0; i < 4; i++)
        MAT(A, i, 2) = 0.0;
    la_case("random 4×4 with column 2 all zeros");
    expect_singular(A, "column 2 is zero");
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("inverse_gauss_jordan");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, inverts_2x2_from_lecture_3);
    tcase_add_test(core, inverts_3x3_known);
    tcase_add_test(core, random_inverse_properties);
    tcase_add_test(core, needs_row_exchange);
    tcase_add_test(core, tiny_pivot_needs_partial_pivoting);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, inverts_1x1);
    tcase_add_test(edge, ill_conditioned_or_tiny_is_not_singular);
    TCase *errors = la_tcase(s, "Errors");
    tcase_add_test(errors, reports_singular);
    return s;
}

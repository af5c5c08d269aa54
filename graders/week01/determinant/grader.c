/*
 * determinant/grader.c — grades determinant (signed product of the pivots).
 *
 * Known determinants (2×2 areas from 3Blue1Brown 6, the 18.06 L1 matrix, permutations whose
 * sign comes only from row exchanges, triangular matrices), matrices that need partial
 * pivoting, then seeded random matrices (normal and integer) compared with the grader's own
 * LU determinant (la_det) to a relative tolerance la_tol(n, κ), and the row-operation rules
 * (scale a row, add a multiple of a row, exchange rows, transpose) checked against la_det of
 * the original matrix. Singular matrices must give exactly 0.0; a nearby invertible matrix,
 * an ill-conditioned one (κ = 1e8) and 0.1·I₃₀ (det 1e-30) must not. A is checked to be
 * unchanged after every call.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_DET =
    "eliminate to upper triangular U; det A = ± (product of the pivots), one sign flip per row "
    "exchange. Subtracting a multiple of a row changes nothing (18.06 L2–L3, 3Blue1Brown 6)";
static const char *IDEA_SIGN =
    "every row exchange multiplies the determinant by −1 (it flips orientation, 3Blue1Brown "
    "6): count the swaps you make while pivoting and flip the sign for each";
static const char *IDEA_PIVOT =
    "partial pivoting — swap in the row with the largest |entry| in the column before "
    "eliminating (and flip the sign). A tiny pivot gives huge multipliers that destroy the "
    "later pivots (18.06 L2)";
static const char *IDEA_NOT_ZERO =
    "a tiny determinant is not a zero one: it scales with the units (det(0.1·I₃₀) = 1e-30). "
    "Call A singular only when a column has no pivot larger than n·ε·max|aᵢⱼ|, never by "
    "comparing det with a fixed cut-off";

/* Calls determinant(A) and fails if A changed. */
static double det_of(const Matrix *A)
{
    Matrix *A0 = la_mat_copy(A);
    double d = determinant(A);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return d;
}

/* Expects det A ≈ want to a relative tolerance la_tol(n, κ). */
static void expect_det(const Matrix *A, double want, const char *what, const char *idea)
{
    double kappa = la_cond(A);
    la_expect_near(det_of(A), want, la_tol(A->rows, kappa) * fabs(want), what, idea);
}

/* ---- known answers ----------------------------------------------------------------------- */

LA_TEST(known_areas_and_volumes)
{
    static const struct { int n; double a[9], det; const char *label; } cases[] = {
        { 2, { 3, 0, 0, 2 }, 6, "[[3,0],[0,2]] stretches areas by 6 (3Blue1Brown 6)" },
        { 2, { 1, 1, 0, 1 }, 1, "the shear [[1,1],[0,1]] keeps areas: det 1" },
        { 2, { 1, 2, 3, 4 }, -2, "[[1,2],[3,4]] flips orientation: det −2" },
        { 2, { 3, 8, 4, 6 }, -14, "[[3,8],[4,6]]: ad − bc = 18 − 32" },
        { 3, { 2, -1, 0, -1, 2, -1, 0, -3, 4 }, 6, "the 18.06 L1 matrix: det 6" },
        { 3, { 2, -1, 0, -1, 2, -1, 0, -1, 2 }, 4, "tridiagonal [[2,−1,0],[−1,2,−1],[0,−1,2]]: 4" },
        { 1, { -3 }, -3, "1×1 [−3]: det −3" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(cases[c].n, cases[c].n, cases[c].a);
        expect_det(A, cases[c].det, "det A", IDEA_DET);
        mat_free(A);
    }
}

LA_TEST(triangular_is_product_of_diagonal)
{
    LaRng r = la_rng(61);
    for (int lower = 0; lower < 2; lower++) {
        Matrix *A = la_mat_random(&r, 6, 6);
        double want = 1.0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++)
                if (lower ? j > i : j < i)
                    MAT(A, i, j) = 0.0;
            MAT(A, i, i) = (i % 2 ? -1.0 : 1.0) * (0.5 + i); // ±0.5, ±1.5, …
            want *= MAT(A, i, i);
        }
        la_case("random %s-triangular 6×6 with diagonal 0.5, −1.5, 2.5, −3.5, 4.5, −5.5",
                lower ? "lower" : "upper");
        expect_det(A, want, "det A (the product of the diagonal)", IDEA_DET);
        mat_free(A);
    }
}

/* ---- signs and pivoting ------------------------------------------------------------------ */

LA_TEST(row_exchange_flips_sign)
{
    static const struct { int n; double a[9], det; const char *label; } cases[] = {
        { 2, { 0, 1, 1, 0 }, -1, "[[0,1],[1,0]]: one exchange, det −1" },
        { 2, { 0, 2, 3, 0 }, -6, "[[0,2],[3,0]]: one exchange, det −6" },
        { 3, { 0, 0, 1, 0, 1, 0, 1, 0, 0 }, -1, "[[0,0,1],[0,1,0],[1,0,0]]: one exchange, −1" },
        { 3, { 0, 0, 1, 1, 0, 0, 0, 1, 0 }, 1,
          "cyclic [[0,0,1],[1,0,0],[0,1,0]]: two exchanges, det +1" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(cases[c].n, cases[c].n, cases[c].a);
        expect_det(A, cases[c].det, "det A", IDEA_SIGN);
        mat_free(A);
    }
    LaRng r = la_rng(62);
    Matrix *A = la_mat_random(&r, 5, 5);
    double d = la_det(A);
    for (int j = 0; j < 5; j++) {
        double t = MAT(A, 0, j);
        MAT(A, 0, j) = MAT(A, 3, j);
        MAT(A, 3, j) = t;
    }
    la_case("random 5×5 with rows 0 and 3 exchanged: det must be −det(original) = %.6g", -d);
    expect_det(A, -d, "det(A with two rows exchanged)", IDEA_SIGN);
    mat_free(A);
}

LA_TEST(tiny_pivot_needs_partial_pivoting)
{
    static const struct { double a[9], det; const char *label; } cases[] = {
        { { 1e-20, 1, 1, 1, 1, 2, 1, 2, 1 }, 2,
          "[[1e-20,1,1],[1,1,2],[1,2,1]]: det 2 (without a row exchange the last pivot is lost)" },
        { { 1e-20, 1, 1, -2, 1, 0, 1e-20, 0, 1 }, 2,
          "[[1e-20,1,1],[−2,1,0],[1e-20,0,1]]: det 2; the first pivot must be the −2" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(3, 3, cases[c].a);
        expect_det(A, cases[c].det, "det A", IDEA_PIVOT);
        mat_free(A);
    }
}

/* ---- random and properties --------------------------------------------------------------- */

LA_TEST(random_matches_independent_lu)
{
    static const int sizes[] = { 2, 3, 5, 10, 30 };
    LaRng r = la_rng(63);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        Matrix *A = la_mat_random(&r, n, n);
        la_case("random %d×%d, κ ≈ %.1e; compared with an LU determinant", n, n, la_cond(A));
        expect_det(A, la_det(A), "det A", IDEA_DET);
        mat_free(A);
    }
    for (int n = 4; n <= 8; n += 4) {
        Matrix *A = la_mat_int(&r, n, n, -3, 3);
        double want = nearbyint(la_det(A)); // an integer matrix has an integer determinant
        if (want != 0.0) {
            la_case("random %d×%d with integer entries in [−3, 3]: det is the integer %.0f", n,
                    n, want);
            expect_det(A, want, "det A", IDEA_DET);
        }
        mat_free(A);
    }
}

/* The rules of 18.06 L18 / 3Blue1Brown 6, each compared with la_det of the original A. */
LA_TEST(row_operations_properties)
{
    LaRng r = la_rng(64);
    int n = 5;
    Matrix *A = la_mat_random(&r, n, n);
    double d = la_det(A);

    Matrix *B = la_mat_copy(A);
    for (int j = 0; j < n; j++)
        MAT(B, 1, j) *= 3.0;
    la_case("random 5×5 A (det %.6g) with row 1 multiplied by 3", d);
    expect_det(B, 3.0 * d, "det(row 1 scaled by 3) = 3·det A",
               "scaling one row scales the volume by the same factor (3Blue1Brown 6)");
    mat_free(B);

    B = la_mat_copy(A);
    for (int j = 0; j < n; j++)
        MAT(B, 3, j) += 2.0 * MAT(B, 0, j);
    la_case("random 5×5 A (det %.6g) with row 3 += 2·row 0", d);
    expect_det(B, d, "det(row 3 += 2·row 0) = det A",
               "adding a multiple of one row to another is a shear: the determinant does not "
               "change — which is why elimination keeps it (18.06 L2)");
    mat_free(B);

    B = la_mat_transpose(A);
    la_case("random 5×5 A (det %.6g), transposed", d);
    expect_det(B, d, "det(Aᵀ) = det A", IDEA_DET);
    mat_free(B);

    B = la_mat_copy(A);
    for (int i = 0; i < n * n; i++)
        B->data[i] *= 2.0;
    la_case("random 5×5 A (det %.6g), times 2", d);
    expect_det(B, 32.0 * d, "det(2A) = 2⁵·det A",
               "doubling every one of n edges multiplies an n-dimensional volume by 2ⁿ "
               "(3Blue1Brown 6)");
    mat_free(B);
    mat_free(A);
}

/* ---- singular and nearly singular -------------------------------------------------------- */

/* A singular matrix must give exactly 0.0; then the same matrix with entry (i, j) moved by
   delta is invertible and must not (its determinant comes from la_det). */
static void expect_singular_then_not(const Matrix *A, const char *why, int i, int j,
                                     double delta)
{
    int n = A->rows;
    double got = det_of(A);
    if (got != 0.0)
        la_fail("determinant returned %.6g for a singular A (%s): expected exactly 0.0. "
                "Revisit: when a column has no pivot larger than n·ε·max|aᵢⱼ| = %.2e, return "
                "0.0 — leftover rounding is not a pivot (18.06 L3: singular = collinear "
                "features)",
                got, why, n * DBL_EPSILON * la_mat_maxabs(A));
    Matrix *B = la_mat_copy(A);
    MAT(B, i, j) += delta;
    la_case("the same matrix with entry (%d,%d) changed by %g: now invertible", i, j, delta);
    expect_det(B, la_det(B), "det A", IDEA_DET);
    mat_free(B);
}

LA_TEST(reports_singular_as_exact_zero)
{
    static const double a2[] = { 1, 2, 2, 4 }, a3[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    static const double c4[] = { 1, 2, 0, 3, 2, 1, 1, 3, 0, 3, 2, 3, 4, 1, 5, 5 };
    static const double d4[] = { 2, 1, 3, 1, 1, 4, 1, 2, 3, 0, 2, 5, 1, 4, 1, 2 };
    static const double z[] = { 0 };
    static const struct { int n; const double *a; const char *label, *why; int i, j; } cases[] = {
        { 2, a2, "[[1,2],[2,4]]", "row 1 = 2·row 0", 1, 1 },
        { 3, a3, "[[1,2,3],[4,5,6],[7,8,9]]", "column 2 = 2·column 1 − column 0", 2, 2 },
        { 4, c4, "4×4 [[1,2,0,3],[2,1,1,3],[0,3,2,3],[4,1,5,5]] (collinear features)",
          "column 3 = column 0 + column 1", 0, 3 },
        { 4, d4, "4×4 [[2,1,3,1],[1,4,1,2],[3,0,2,5],[1,4,1,2]] (a duplicated record)",
          "row 3 = row 1", 3, 0 },
        { 1, z, "1×1 [0]", "the zero map squashes everything", 0, 0 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(cases[c].n, cases[c].n, cases[c].a);
        expect_singular_then_not(A, cases[c].why, cases[c].i, cases[c].j, 1.0);
        mat_free(A);
    }
    LaRng r = la_rng(65);
    Matrix *A = la_mat_random(&r, 5, 5);
    for (int i = 0; i < 5; i++)
        MAT(A, i, 2) = 0.0;
    la_case("random 5×5 with column 2 all zeros");
    expect_singular_then_not(A, "column 2 is zero", 2, 2, 1.0);
    mat_free(A);
}

LA_TEST(tiny_determinant_is_not_zero)
{
    LaRng r = la_rng(66);
    Matrix *A = la_mat_cond(&r, 6, 6, 1e8);
    la_case("random 6×6 with κ = 1e8 (σ from 1 down to 1e-8): |det| = Πσᵢ ≈ 1e-24");
    expect_det(A, la_det(A), "det A", IDEA_NOT_ZERO);
    mat_free(A);

    A = la_mat_identity(30);
    for (int i = 0; i < 30; i++)
        MAT(A, i, i) = 0.1;
    la_case("0.1·I₃₀: det = 0.1³⁰ = 1e-30, and the matrix is perfectly invertible");
    la_expect_near(det_of(A), 1e-30, la_tol(30, 1) * 1e-30, "det A", IDEA_NOT_ZERO);
    mat_free(A);

    A = la_mat_random(&r, 4, 4);
    for (int i = 0; i < 16; i++)
        A->data[i] *= 1e-6;
    la_case("random 4×4 times 1e-6: det ≈ 1e-24·det(original), κ ≈ %.1e", la_cond(A));
    expect_det(A, la_det(A), "det A", IDEA_NOT_ZERO);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("determinant");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, known_areas_and_volumes);
    tcase_add_test(core, triangular_is_product_of_diagonal);
    tcase_add_test(core, row_exchange_flips_sign);
    tcase_add_test(core, tiny_pivot_needs_partial_pivoting);
    tcase_add_test(core, random_matches_independent_lu);
    tcase_add_test(core, row_operations_properties);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, tiny_determinant_is_not_zero);
    TCase *errors = la_tcase(s, "Errors");
    tcase_add_test(errors, reports_singular_as_exact_zero);
    return s;
}

/*
 * grader.c — four_subspaces (week 2): bases of C(A), N(A), C(Aᵀ), N(Aᵀ).
 *
 * Any basis of the right subspace is accepted. For each of the four outputs the grader
 * checks: the dimension (r, n − r, r, m − r with r from its own SVD), that the first dims[k]
 * columns are independent (la_rank), that each of them lies in the subspace (la_outside
 * against the grader's orthonormal basis from la_orth / la_null), and that the remaining
 * columns are 0. Independent + inside + the right count = a basis of that subspace.
 * Containment tolerance: 1000·max(m, n)·κᵣ·ε, κᵣ = σ₁/σᵣ over the nonzero singular values
 * (a relative distance; elimination errors grow with κᵣ).
 * Cases: Strang's Lecture 10 example, dependent rows, full rank, rank-deficient tall, wide,
 * zero matrix, 1×1 and vectors, and a rank-2 matrix plus 1e-14 noise with tol < 0.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "la4grade.h"

/* One output of four_subspaces: its name, the space, and how to build a basis of it. */
typedef struct {
    const char *arg, *space, *how;
} Space;

static const Space SPACES[4] = {
    { "Col", "C(A), the column space",
      "C(A) is spanned by the columns of A: take the pivot columns of A itself (not of R — row "
      "operations change the column space)" },
    { "Nul", "N(A), the nullspace",
      "N(A) holds the x with Ax = 0: one special solution per free column — a 1 in that free "
      "column, 0 in the other free columns, and −R(k, free) in the k-th pivot column" },
    { "Row", "C(Aᵀ), the row space",
      "C(Aᵀ) is spanned by the rows of A; row operations only combine rows, so the r nonzero "
      "rows of R span it too (store row k of R as column k of Row)" },
    { "Left", "N(Aᵀ), the left nullspace",
      "N(Aᵀ) holds the y with yᵀA = 0: row-reduce [A | I] to [R | E]; the last m − r rows of E "
      "turn A into the zero rows of R, so they are a basis (or use the special solutions of "
      "Aᵀ)" },
};

/* Grades the first k columns of B as a basis of the subspace with orthonormal basis T. */
static void expect_basis(const Matrix *B, int k, const Matrix *T, const Space *sp, double tol)
{
    la_expect_mat_finite(B, sp->arg);
    if (k > 0) {
        Matrix *Bk = la_mat_cols(B, k);
        int rk = la_rank(Bk, -1);
        mat_free(Bk);
        if (rk < k)
            la_fail("the first %d columns of %s are dependent (their rank is %d): a basis of %s, "
                    "needs %d independent vectors — %s",
                    k, sp->arg, rk, sp->space, k, sp->how);
        int worst;
        double d = la_outside(B, k, T, &worst);
        if (!(d <= tol))
            la_fail("column %d of %s is not in %s: its relative distance from that subspace is "
                    "%.2e (tolerance %.1e). %s",
                    worst, sp->arg, sp->space, d, tol, sp->how);
    }
    for (int j = k; j < B->cols; j++)
        for (int i = 0; i < B->rows; i++)
            if (MAT(B, i, j) != 0.0)
                la_fail("%s(%d,%d) = %g, but only the first %d columns of %s hold the basis of "
                        "%s: leave the rest 0",
                        sp->arg, i, j, MAT(B, i, j), k, sp->arg, sp->space);
}

/* Runs four_subspaces(A, …, tol) and grades everything. `t` is the rank tolerance the
   grader's own SVD uses (< 0: its default). */
static void grade(const Matrix *A, double tol, double t)
{
    int m = A->rows, n = A->cols;
    Matrix *At = la_mat_transpose(A);
    Matrix *truth[4] = { la_orth(A, t), la_null(A, t), la_orth(At, t), la_null(At, t) };
    int r = truth[0]->cols;
    int want[4] = { r, n - r, r, m - r };

    double s[64];
    la_svd(A, s, NULL, NULL);
    double kr = r > 0 ? s[0] / s[r - 1] : 1.0;
    int big = m > n ? m : n;
    double tol_in = 1000.0 * big * kr * DBL_EPSILON;

    Matrix *out[4] = { mat_new(m, m), mat_new(n, n), mat_new(n, n), mat_new(m, m) };
    int dims[4] = { -1, -1, -1, -1 };
    Matrix *before = la_mat_copy(A);
    int rc = four_subspaces(A, out[0], out[1], out[2], out[3], dims, tol);
    la_expect_unchanged(A, before, "A");
    mat_free(before);

    if (rc != r)
        la_fail("four_subspaces returned %d, expected the rank r = %d: count the pivots of A "
                "(a column whose largest remaining entry is ≤ tol has none)",
                rc, r);
    static const char *dimname[4] = { "dim C(A) = r", "dim N(A) = n − r", "dim C(Aᵀ) = r",
                                      "dim N(Aᵀ) = m − r" };
    for (int k = 0; k < 4; k++)
        if (dims[k] != want[k])
            la_fail("dims[%d] = %d, expected %s = %d (A is %d×%d of rank %d: the four "
                    "dimensions are r, n − r, r, m − r)",
                    k, dims[k], dimname[k], want[k], m, n, r);
    for (int k = 0; k < 4; k++)
        expect_basis(out[k], want[k], truth[k], &SPACES[k], tol_in);

    for (int k = 0; k < 4; k++) {
        mat_free(out[k]);
        mat_free(truth[k]);
    }
    mat_free(At);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(strang_lecture_10_example)
{
    static const double a[] = { 1, 2, 3, 1, 1, 1, 2, 1, 1, 2, 3, 1 };
    Matrix *A = la_mat(3, 4, a);
    la_case("Lecture 10's A = [1 2 3 1; 1 1 2 1; 1 2 3 1], rank 2, dims {2, 2, 2, 1}");
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(dependent_rows)
{
    /* rows: r₀ = (1, 2, 3), r₁ = 2r₀, r₂ = (1, 0, 1), r₃ = r₀ + r₂ — so the first two rows of A
       are NOT a basis of the row space, and (2, −1, 0, 0), (1, 0, 1, −1) span N(Aᵀ) */
    static const double a[] = { 1, 2, 3, 2, 4, 6, 1, 0, 1, 2, 2, 4 };
    Matrix *A = la_mat(4, 3, a);
    la_case("4×3 A = [1 2 3; 2 4 6; 1 0 1; 2 2 4] (row 1 = 2·row 0, row 3 = row 0 + row 2): "
            "rank 2, dims {2, 1, 2, 2}");
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(full_rank_square)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 5, 5);
    la_case("random 5×5, κ≈%.1e: rank 5, dims {5, 0, 5, 0}", la_cond(A));
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(rank_deficient_tall)
{
    LaRng r = la_rng(2);
    static const int piv[] = { 0, 2, 3 };
    Matrix *A = la_mat_pivots(&r, 8, 5, 3, piv, 0.0);
    la_case("8×5 of rank 3 (column 1 a multiple of column 0, column 4 a combination of "
            "columns 0, 2, 3): dims {3, 2, 3, 5}");
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(wide_matrix)
{
    LaRng r = la_rng(3);
    Matrix *A = la_mat_random(&r, 4, 7);
    la_case("random wide 4×7: rank 4, dims {4, 3, 4, 0}");
    grade(A, -1, -1);
    mat_free(A);
    static const int piv[] = { 0, 3 };
    A = la_mat_pivots(&r, 4, 7, 2, piv, 0.0);
    la_case("wide 4×7 of rank 2 (pivot columns 0 and 3): dims {2, 5, 2, 2}");
    grade(A, -1, -1);
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(zero_matrix)
{
    Matrix *A = mat_new(3, 4);
    la_case("3×4 zero matrix: rank 0, dims {0, 4, 0, 3} — N(A) is all of R⁴, N(Aᵀ) all of R³");
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(one_by_one_and_vectors)
{
    static const double two[] = { 2 }, zero[] = { 0 };
    static const double col[] = { 1, -2, 0, 3, 1, 1 };
    Matrix *A = la_mat(1, 1, two);
    la_case("1×1 A = [2]: dims {1, 0, 1, 0}");
    grade(A, -1, -1);
    mat_free(A);
    A = la_mat(1, 1, zero);
    la_case("1×1 A = [0]: dims {0, 1, 0, 1}");
    grade(A, -1, -1);
    mat_free(A);
    A = la_mat(6, 1, col);
    la_case("6×1 column (1, −2, 0, 3, 1, 1): dims {1, 0, 1, 5}");
    grade(A, -1, -1);
    mat_free(A);
    A = la_mat(1, 6, col);
    la_case("1×6 row [1 −2 0 3 1 1]: dims {1, 5, 1, 0}");
    grade(A, -1, -1);
    mat_free(A);
}

LA_TEST(noisy_rank_two)
{
    LaRng r = la_rng(4);
    static const int piv[] = { 0, 1 };
    Matrix *A = la_mat_pivots(&r, 6, 5, 2, piv, 1e-14);
    la_case("6×5 of rank 2 plus noise of size 1e-14·max|aᵢⱼ|, tol < 0 (choose it, as in "
            "rank_basis: e.g. 1000·max(m, n)·ε·max|aᵢⱼ|): dims {2, 3, 2, 4}");
    grade(A, -1, 1e-10);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("four_subspaces");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, strang_lecture_10_example);
    tcase_add_test(core, dependent_rows);
    tcase_add_test(core, full_rank_square);
    tcase_add_test(core, rank_deficient_tall);
    tcase_add_test(core, wide_matrix);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, zero_matrix);
    tcase_add_test(edge, one_by_one_and_vectors);
    tcase_add_test(edge, noisy_rank_two);
    return s;
}

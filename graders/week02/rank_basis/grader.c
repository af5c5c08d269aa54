/*
 * grader.c — rank_basis (week 2): numerical_rank and column_basis.
 *
 * The expected rank comes from the grader's SVD (la_rank) or from how the matrix was built;
 * the expected pivot columns from the definition itself: column j is a pivot column when it
 * is not a combination of columns 0…j−1, i.e. when la_rank(first j+1 columns) grows. B must
 * hold exactly those columns of A, in order, independent (la_rank), and zeros after them.
 * Cases: full rank (square, tall), rank-deficient, constructed dependent columns, wide, zero,
 * 1×1 and one row, a rank-2 matrix plus 1e-14 noise (must be rank 2 with tol < 0), a κ = 1e6
 * matrix (must be full rank with tol < 0), and an explicit tol (must be used).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_RANK =
    "the rank is the number of pivots: go column by column, and a column whose largest "
    "remaining entry (at or below the current pivot row) is ≤ tol gets no pivot — it is a "
    "combination of the pivot columns before it";

/* The pivot columns of A by definition: j is one when rank(A[:, 0..j]) > rank(A[:, 0..j-1]).
   `t` is the rank tolerance handed to la_rank (< 0: its default). Returns the rank. */
static int pivots_by_definition(const Matrix *A, double t, int *piv)
{
    int r = 0;
    for (int j = 0; j < A->cols; j++) {
        Matrix *L = la_mat_cols(A, j + 1);
        if (la_rank(L, t) > r)
            piv[r++] = j;
        mat_free(L);
    }
    return r;
}

/* Which column of A equals column k of B (to rounding), or -1. */
static int which_column(const Matrix *A, const Matrix *B, int k)
{
    double tiny = 4 * DBL_EPSILON * la_mat_maxabs(A);
    for (int j = 0; j < A->cols; j++) {
        int same = 1;
        for (int i = 0; i < A->rows && same; i++)
            same = fabs(MAT(A, i, j) - MAT(B, i, k)) <= tiny;
        if (same)
            return j;
    }
    return -1;
}

static const char *fmt_ints(const int *v, int n, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "(");
    for (int i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? ", " : "", v[i]);
    if (len < size)
        snprintf(buf + len, size - len, ")");
    return buf;
}

/* Grades numerical_rank(A, tol) and column_basis(A, B, tol) against rank `want` and pivot
   columns `piv`. `why` explains a wrong rank in this case. */
static void expect_rank_basis(const Matrix *A, double tol, int want, const int *piv,
                              const char *why)
{
    int m = A->rows, n = A->cols;
    Matrix *before = la_mat_copy(A);
    int r = numerical_rank(A, tol);
    la_expect_unchanged(A, before, "A");
    if (r != want)
        la_fail("numerical_rank(A, tol = %g) returned %d, expected %d: %s. %s. Revisit: %s", tol,
                r, want,
                r < 0      ? "a rank is never negative (is it still the placeholder?)"
                : r > want ? "more pivots than A has — rounding noise passed for a pivot "
                             "(tolerance too small, or not compared with |x|?)"
                           : "fewer pivots than A has — a tolerance too large, a column "
                             "skipped, or a loop that stopped too early",
                why, IDEA_RANK);

    Matrix *B = mat_new(m, n);
    int rb = column_basis(A, B, tol);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    if (rb != want)
        la_fail("column_basis returned %d, expected the rank %d (numerical_rank got it right: "
                "does column_basis use the same elimination and tolerance?)",
                rb, want);
    la_expect_mat_finite(B, "B");

    int got[64];
    for (int k = 0; k < want; k++) {
        got[k] = which_column(A, B, k);
        if (got[k] < 0) {
            char buf[256];
            double col[64];
            for (int i = 0; i < m; i++)
                col[i] = MAT(B, i, k);
            la_fail("column %d of B, %s, is not a column of A. B must hold the original pivot "
                    "columns of A — copy them from A, not from the eliminated matrix (row "
                    "operations change the column space)",
                    k, la_fmt_vec(col, m, buf, sizeof buf));
        }
    }
    Matrix *Bk = la_mat_cols(B, want);
    int rk = la_rank(Bk, -1);
    mat_free(Bk);
    char bg[128], bw[128];
    if (rk < want)
        la_fail("the %d columns you put in B are columns %s of A, but they are dependent (their "
                "rank is %d): a basis must be independent — keep only the pivot columns %s, the "
                "ones that are not combinations of the columns before them",
                want, fmt_ints(got, want, bg, sizeof bg), rk, fmt_ints(piv, want, bw, sizeof bw));
    for (int k = 0; k < want; k++)
        if (got[k] != piv[k])
            la_fail("B holds columns %s of A; expected the pivot columns %s, in order. Column "
                    "%d of A is the first one that is not a combination of the columns before "
                    "it at that point — take pivot columns left to right",
                    fmt_ints(got, want, bg, sizeof bg), fmt_ints(piv, want, bw, sizeof bw),
                    piv[k]);
    for (int j = want; j < n; j++)
        for (int i = 0; i < m; i++)
            if (MAT(B, i, j) != 0.0)
                la_fail("B(%d,%d) = %g, but only the first r = %d columns of B hold the basis: "
                        "leave the rest 0",
                        i, j, MAT(B, i, j), want);
    mat_free(B);
}

/* A case whose rank and pivot columns the grader finds by definition with tolerance t. */
static void grade(const Matrix *A, double tol, double t, const char *why)
{
    int piv[64];
    int want = pivots_by_definition(A, t, piv);
    expect_rank_basis(A, tol, want, piv, why);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(full_rank_square_and_tall)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 6, 6);
    la_case("random 6×6, κ≈%.1e (rank 6)", la_cond(A));
    grade(A, -1, -1, "A random square matrix has independent columns");
    mat_free(A);
    A = la_mat_random(&r, 10, 4);
    la_case("random tall 10×4, κ≈%.1e (rank 4)", la_cond(A));
    grade(A, -1, -1, "Four random columns in R¹⁰ are independent");
    mat_free(A);
}

LA_TEST(rank_deficient_8x6_rank_3)
{
    LaRng r = la_rng(2);
    static const int piv[] = { 0, 1, 2 };
    Matrix *A = la_mat_pivots(&r, 8, 6, 3, piv, 0.0);
    la_case("8×6 of rank 3: columns 3–5 are random combinations of columns 0–2");
    grade(A, -1, -1,
          "Three singular values are 0 (up to rounding, ~1e-16): only three columns add "
          "information");
    mat_free(A);
}

LA_TEST(dependent_columns_are_skipped)
{
    LaRng r = la_rng(3);
    Matrix *F = la_mat_int(&r, 7, 4, -4, 4); /* four independent integer features */
    Matrix *A = mat_new(7, 6);
    for (int i = 0; i < 7; i++) {
        MAT(A, i, 0) = MAT(F, i, 0);
        MAT(A, i, 1) = MAT(F, i, 1);
        MAT(A, i, 2) = MAT(F, i, 0) + MAT(F, i, 1);
        MAT(A, i, 3) = MAT(F, i, 2);
        MAT(A, i, 4) = 2 * MAT(F, i, 0) - MAT(F, i, 2);
        MAT(A, i, 5) = MAT(F, i, 3);
    }
    la_case("7×6 integer matrix, column 2 = col 0 + col 1, column 4 = 2·col 0 − col 3 "
            "(rank 4, pivot columns 0, 1, 3, 5)");
    grade(A, -1, -1, "Columns 2 and 4 are combinations of earlier columns");
    mat_free(A);
    mat_free(F);
}

LA_TEST(wide_matrix)
{
    LaRng r = la_rng(4);
    Matrix *A = la_mat_random(&r, 3, 7);
    la_case("random wide 3×7 (rank 3: only 3 rows)");
    grade(A, -1, -1, "A 3×7 matrix has at most 3 pivots, one per row, and these rows are "
                     "independent");
    mat_free(A);
    static const int piv[] = { 1, 4 };
    A = la_mat_pivots(&r, 4, 7, 2, piv, 0.0);
    la_case("wide 4×7 of rank 2: column 0 is zero, columns 2, 3 are multiples of column 1, "
            "columns 5, 6 combinations of columns 1 and 4 (pivot columns 1, 4)");
    grade(A, -1, -1, "Only two singular values are nonzero");
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(zero_matrix)
{
    Matrix *A = mat_new(4, 3);
    la_case("4×3 zero matrix");
    grade(A, -1, -1, "The zero matrix has no pivots: rank 0, and C(A) = {0} has the empty "
                     "basis (make sure a tolerance computed from max|aᵢⱼ| = 0 still works)");
    mat_free(A);
}

LA_TEST(one_by_one_and_single_row)
{
    static const double neg[] = { -3 }, zero[] = { 0 }, row[] = { 0, 0, 2, 0, 1 };
    Matrix *A = la_mat(1, 1, neg);
    la_case("1×1 A = [-3]");
    grade(A, -1, -1, "A nonzero number is a pivot, negative or not (compare |aᵢⱼ| with tol)");
    mat_free(A);
    A = la_mat(1, 1, zero);
    la_case("1×1 A = [0]");
    grade(A, -1, -1, "0 is not a pivot");
    mat_free(A);
    A = la_mat(1, 5, row);
    la_case("1×5 A = [0 0 2 0 1] (rank 1, pivot column 2)");
    grade(A, -1, -1, "One row gives at most one pivot, in its first nonzero column");
    mat_free(A);
}

LA_TEST(noisy_rank_two_is_rank_two)
{
    LaRng r = la_rng(5);
    static const int piv[] = { 0, 1 };
    Matrix *A = la_mat_pivots(&r, 8, 6, 2, piv, 1e-14);
    la_case("8×6 of rank 2 plus noise of size 1e-14·max|aᵢⱼ|, tol < 0 (choose it)");
    grade(A, -1, 1e-10,
          "A is rank 2 plus noise of size 1e-14·max|aᵢⱼ| — the kind of rounding error that "
          "computing A already leaves. With tol < 0, pick a tolerance that sits above such "
          "noise: max(m, n)·ε·max|aᵢⱼ| alone is ≈ 1.8e-15·max|aᵢⱼ|, below it; "
          "1000·max(m, n)·ε·max|aᵢⱼ| (≈ 1.8e-12·max|aᵢⱼ|) leaves room for the rounding that "
          "elimination adds");
    mat_free(A);
}

LA_TEST(ill_conditioned_is_still_full_rank)
{
    LaRng r = la_rng(6);
    Matrix *A = la_mat_cond(&r, 7, 5, 1e6);
    la_case("7×5 with κ = 1e6 (σ from 1 down to 1e-6), tol < 0 (choose it)");
    grade(A, -1, -1,
          "Every column of this matrix is independent: its smallest singular value is 1e-6, "
          "far above rounding. With tol < 0 the tolerance must scale with ε·max|aᵢⱼ| "
          "(e.g. 1000·max(m, n)·ε·max|aᵢⱼ|), not be a loose constant like 1e-6");
    mat_free(A);
}

LA_TEST(explicit_tolerance_is_used)
{
    LaRng r = la_rng(7);
    static const int piv[] = { 0, 1, 2 };
    Matrix *A = la_mat_pivots(&r, 7, 5, 3, piv, 1e-9);
    la_case("7×5 of rank 3 plus noise of size 1e-9·max|aᵢⱼ| (full rank by the default "
            "tolerance), with tol = 1e-5");
    grade(A, 1e-5, 1e-5,
          "With tol = 1e-5 the noise of size 1e-9 counts as zero and the rank is 3: the caller "
          "chose the tolerance, so use it as given (choose your own only when tol < 0)");
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("rank_basis");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, full_rank_square_and_tall);
    tcase_add_test(core, rank_deficient_8x6_rank_3);
    tcase_add_test(core, dependent_columns_are_skipped);
    tcase_add_test(core, wide_matrix);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, zero_matrix);
    tcase_add_test(edge, one_by_one_and_single_row);
    tcase_add_test(edge, noisy_rank_two_is_rank_two);
    tcase_add_test(edge, ill_conditioned_is_still_full_rank);
    tcase_add_test(edge, explicit_tolerance_is_used);
    return s;
}

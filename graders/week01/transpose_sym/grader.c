/*
 * transpose_sym/grader.c — grades transpose, permute_rows, covariance, gram, is_symmetric.
 *
 * Known answers (a 2×3 transpose, a 3-cycle permutation, small covariance and Gram matrices,
 * the sample variance of a textbook data set), then seeded random shapes (1×1, row, column,
 * tall, wide, up to 60×20) against the grader's own transpose, gather, two-pass covariance
 * and AᵀA. Rules from 18.06 L5: (AB)ᵀ = BᵀAᵀ, permute_rows of I is a permutation matrix, C
 * and G are symmetric. Covariance of data far from 0 (1e8 + small spread) catches the
 * one-pass formula Σx² − n·μ². Outputs are NaN-filled before each call (every entry must be
 * written); inputs are checked to be unchanged.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_T =
    "Aᵀ swaps rows and columns: (Aᵀ)ⱼᵢ = aᵢⱼ. For A m×n, At is n×m, so write MAT(At, j, i) — "
    "MAT uses At->cols = m as its row length (18.06 L5)";
static const char *IDEA_P =
    "gather: row i of PA is row perm[i] of A, PA[i, :] = A[perm[i], :]. Sending row i to "
    "position perm[i] (scatter) applies the inverse permutation — the same for one swap, "
    "different for a cycle (18.06 L5)";
static const char *IDEA_COV =
    "subtract each column's mean μₐ, then cₐᵦ = Σₖ (xₖₐ − μₐ)(xₖᵦ − μᵦ)/(n − 1): sample "
    "covariance divides by n − 1, not n; the diagonal holds the variances (18.06 L5)";
static const char *IDEA_GRAM =
    "G = AᵀA is n×n for A m×n: gᵢⱼ = (column i of A)·(column j of A) = Σₖ aₖᵢaₖⱼ — columns, "
    "not rows (that would be AAᵀ, m×m) (18.06 L5)";

/* A fresh rows×cols output full of NaN, so unwritten entries show. */
static Matrix *nan_out(int rows, int cols)
{
    Matrix *M = mat_new(rows, cols);
    la_fill(M->data, rows * cols, NAN);
    return M;
}

static Matrix *call_transpose(const Matrix *A)
{
    Matrix *A0 = la_mat_copy(A), *At = nan_out(A->cols, A->rows);
    transpose(A, At);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return At;
}

static Matrix *call_permute(const int *perm, const Matrix *A)
{
    Matrix *A0 = la_mat_copy(A), *PA = nan_out(A->rows, A->cols);
    permute_rows(perm, A, PA);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return PA;
}

static Matrix *call_covariance(const Matrix *X)
{
    Matrix *X0 = la_mat_copy(X), *C = nan_out(X->cols, X->cols);
    covariance(X, C);
    la_expect_unchanged(X, X0, "X");
    mat_free(X0);
    return C;
}

static Matrix *call_gram(const Matrix *A)
{
    Matrix *A0 = la_mat_copy(A), *G = nan_out(A->cols, A->cols);
    gram(A, G);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return G;
}

/* ---- transpose --------------------------------------------------------------------------- */

LA_TEST(transpose_known_and_shapes)
{
    static const double a[] = { 1, 2, 3, 4, 5, 6 }, at[] = { 1, 4, 2, 5, 3, 6 };
    Matrix *A = la_mat(2, 3, a), *want = la_mat(3, 2, at);
    la_case("2×3 [[1,2,3],[4,5,6]]ᵀ = [[1,4],[2,5],[3,6]]");
    Matrix *At = call_transpose(A);
    la_expect_mat_near(At, want, 0.0, "At", IDEA_T);
    mat_free(A), mat_free(want), mat_free(At);

    static const int shapes[][2] = { { 1, 1 }, { 1, 7 }, { 7, 1 }, { 6, 2 }, { 40, 55 } };
    LaRng r = la_rng(71);
    for (size_t c = 0; c < sizeof shapes / sizeof shapes[0]; c++) {
        int m = shapes[c][0], n = shapes[c][1];
        la_case("random %d×%d A; At is %d×%d", m, n, n, m);
        A = la_mat_random(&r, m, n);
        want = la_mat_transpose(A);
        At = call_transpose(A);
        la_expect_mat_near(At, want, 0.0, "At", IDEA_T);
        mat_free(A), mat_free(want), mat_free(At);
    }
}

LA_TEST(transpose_rules)
{
    LaRng r = la_rng(72);
    Matrix *A = la_mat_random(&r, 4, 3), *B = la_mat_random(&r, 3, 5);
    Matrix *AB = la_mat_mul(A, B), *At = la_mat_transpose(A), *Bt = la_mat_transpose(B);
    Matrix *BtAt = la_mat_mul(Bt, At);
    la_case("random 4×3 A, 3×5 B: (AB)ᵀ = BᵀAᵀ, a 5×4 matrix");
    Matrix *got = call_transpose(AB);
    la_expect_mat_near(got, BtAt, la_tol(3, 1) * la_mat_norm(A) * la_mat_norm(B), "(AB)ᵀ",
                       IDEA_T);
    la_case("random 4×3 A: transposing twice gives A back");
    Matrix *once = call_transpose(A), *twice = call_transpose(once);
    la_expect_mat_near(twice, A, 0.0, "(Aᵀ)ᵀ", IDEA_T);
    mat_free(A), mat_free(B), mat_free(AB), mat_free(At), mat_free(Bt), mat_free(BtAt);
    mat_free(got), mat_free(once), mat_free(twice);
}

/* ---- permutations ------------------------------------------------------------------------ */

LA_TEST(permute_rows_gathers_rows)
{
    static const double a[] = { 1, 2, 3, 4, 5, 6 }, pa[] = { 5, 6, 1, 2, 3, 4 };
    static const int cycle[] = { 2, 0, 1 };
    Matrix *A = la_mat(3, 2, a), *want = la_mat(3, 2, pa);
    la_case("perm = {2, 0, 1} on [[1,2],[3,4],[5,6]]: PA = [[5,6],[1,2],[3,4]]");
    Matrix *PA = call_permute(cycle, A);
    la_expect_mat_near(PA, want, 0.0, "PA", IDEA_P);
    mat_free(A), mat_free(want), mat_free(PA);

    // a random permutation of 8 rows (Fisher–Yates) on a wide 8×5 matrix
    LaRng r = la_rng(73);
    int perm[8];
    for (int i = 0; i < 8; i++)
        perm[i] = i;
    for (int i = 7; i > 0; i--) {
        int j = la_randint(&r, 0, i), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    A = la_mat_random(&r, 8, 5);
    want = mat_new(8, 5);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 5; j++)
            MAT(want, i, j) = MAT(A, perm[i], j);
    la_case("random 8×5 A, perm = {%d,%d,%d,%d,%d,%d,%d,%d}", perm[0], perm[1], perm[2],
            perm[3], perm[4], perm[5], perm[6], perm[7]);
    PA = call_permute(perm, A);
    la_expect_mat_near(PA, want, 0.0, "PA", IDEA_P);
    mat_free(A), mat_free(want), mat_free(PA);

    static const int one[] = { 0 };
    static const double s[] = { -2.5 };
    A = la_mat(1, 1, s);
    la_case("1×1 with perm = {0}");
    PA = call_permute(one, A);
    la_expect_mat_near(PA, A, 0.0, "PA", IDEA_P);
    mat_free(A), mat_free(PA);
}

LA_TEST(permutation_matrix_is_orthogonal)
{
    static const int perm[] = { 3, 0, 2, 1 };
    Matrix *I = la_mat_identity(4);
    la_case("perm = {3, 0, 2, 1} applied to I₄ gives the permutation matrix P");
    Matrix *P = call_permute(perm, I);
    Matrix *want = mat_new(4, 4);
    for (int i = 0; i < 4; i++)
        MAT(want, i, perm[i]) = 1.0; // row i of P is e_perm[i]
    la_expect_mat_near(P, want, 0.0, "P", IDEA_P);
    Matrix *PtP = la_mat_tmul(P, P);
    la_expect_mat_near(PtP, I, 0.0, "PᵀP (P⁻¹ = Pᵀ, 18.06 L5)", IDEA_P);
    mat_free(I), mat_free(P), mat_free(want), mat_free(PtP);
}

/* ---- covariance -------------------------------------------------------------------------- */

/* The grader's two-pass covariance. Caller frees. */
static Matrix *cov_two_pass(const Matrix *X, double *scale)
{
    int n = X->rows, d = X->cols;
    Matrix *Xc = la_mat_copy(X);
    for (int a = 0; a < d; a++) {
        double mu = 0.0;
        for (int k = 0; k < n; k++)
            mu += MAT(X, k, a);
        mu /= n;
        for (int k = 0; k < n; k++)
            MAT(Xc, k, a) -= mu;
    }
    Matrix *C = la_mat_tmul(Xc, Xc);
    for (int i = 0; i < d * d; i++)
        C->data[i] /= (n - 1);
    double s = la_mat_norm(Xc);
    *scale = s * s / (n - 1); // bounds every |cₐᵦ|
    mat_free(Xc);
    return C;
}

LA_TEST(covariance_known_small)
{
    static const struct { int n, d; double x[8], c[9]; const char *label; } cases[] = {
        { 3, 2, { 1, 2, 2, 1, 3, 3 }, { 1, 0.5, 0.5, 1 },
          "X = [[1,2],[2,1],[3,3]]: means (2,2), C = [[1,0.5],[0.5,1]]" },
        { 2, 3, { 0, 1, 2, 2, 1, 0 }, { 2, 0, -2, 0, 0, 0, -2, 0, 2 },
          "n = 2 samples [[0,1,2],[2,1,0]]: C = [[2,0,−2],[0,0,0],[−2,0,2]]" },
        { 8, 1, { 2, 4, 4, 4, 5, 5, 7, 9 }, { 32.0 / 7 },
          "one feature (2,4,4,4,5,5,7,9): mean 5, Σ(x − 5)² = 32, sample variance 32/7" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int n = cases[c].n, d = cases[c].d;
        la_case("%s", cases[c].label);
        Matrix *X = la_mat(n, d, cases[c].x), *want = la_mat(d, d, cases[c].c);
        Matrix *C = call_covariance(X);
        la_expect_mat_near(C, want, 1e-13, "C", IDEA_COV);
        mat_free(X), mat_free(want), mat_free(C);
    }
}

LA_TEST(covariance_random_vs_two_pass)
{
    static const int shapes[][2] = { { 2, 1 }, { 10, 3 }, { 3, 6 }, { 50, 8 }, { 60, 20 } };
    LaRng r = la_rng(74);
    for (size_t c = 0; c < sizeof shapes / sizeof shapes[0]; c++) {
        int n = shapes[c][0], d = shapes[c][1];
        Matrix *X = la_mat_random(&r, n, d);
        for (int k = 0; k < n; k++) // features with their own means and units
            for (int a = 0; a < d; a++)
                MAT(X, k, a) = 5.0 * (a + 1) + (1.0 + a % 3) * MAT(X, k, a);
        la_case("random %d samples × %d features, feature a has mean 5(a+1)", n, d);
        double scale;
        Matrix *want = cov_two_pass(X, &scale), *C = call_covariance(X);
        la_expect_mat_near(C, want, la_tol(n, 1) * scale, "C", IDEA_COV);
        Matrix *Ct = la_mat_transpose(C);
        la_expect_mat_near(C, Ct, la_tol(n, 1) * scale, "C against Cᵀ (C must be symmetric)",
                           IDEA_COV);
        mat_free(X), mat_free(want), mat_free(C), mat_free(Ct);
    }
}

/* Data at 1e8 + k/4: every centered value, product and sum is exact in double, so the
   two-pass answer is exact; Σx² − n·μ² needs 1e16-sized sums and loses every digit. */
LA_TEST(covariance_large_offset_centers_first)
{
    int n = 16, d = 3;
    LaRng r = la_rng(75);
    Matrix *X = mat_new(n, d);
    for (int k = 0; k < n; k++)
        for (int a = 0; a < d; a++)
            MAT(X, k, a) = 1e8 + la_randint(&r, -20, 20) / 4.0;
    la_case("16 samples × 3 features, each 1e8 + a spread of about ±5 (think timestamps)");
    double scale;
    Matrix *want = cov_two_pass(X, &scale), *C = call_covariance(X);
    la_expect_mat_near(C, want, la_tol(n, 1) * scale, "C",
                       "subtract the column means first, then multiply (and divide by "
                       "n − 1). The shortcut "
                       "(Σx² − n·μ²)/(n − 1) subtracts two numbers near 1.6e17 to get one near "
                       "100: catastrophic cancellation leaves only rounding");
    mat_free(X), mat_free(want), mat_free(C);
}

/* ---- Gram -------------------------------------------------------------------------------- */

LA_TEST(gram_known_and_shapes)
{
    static const double a[] = { 1, 2, 3, 4, 5, 6 }, g[] = { 35, 44, 44, 56 };
    Matrix *A = la_mat(3, 2, a), *want = la_mat(2, 2, g);
    la_case("A = [[1,2],[3,4],[5,6]]: AᵀA = [[35,44],[44,56]]");
    Matrix *G = call_gram(A);
    la_expect_mat_near(G, want, 1e-12, "G", IDEA_GRAM);
    mat_free(A), mat_free(want), mat_free(G);

    static const int shapes[][2] = { { 1, 1 }, { 10, 3 }, { 3, 7 }, { 40, 20 } };
    LaRng r = la_rng(76);
    for (size_t c = 0; c < sizeof shapes / sizeof shapes[0]; c++) {
        int m = shapes[c][0], n = shapes[c][1];
        la_case("random %d×%d A: G = AᵀA is %d×%d%s", m, n, n, n,
                m < n ? " (wide A: G is singular, still symmetric)" : "");
        A = la_mat_random(&r, m, n);
        want = la_mat_tmul(A, A);
        G = call_gram(A);
        double tol = la_tol(m, 1) * la_mat_norm(A) * la_mat_norm(A);
        la_expect_mat_near(G, want, tol, "G", IDEA_GRAM);
        mat_free(A), mat_free(want), mat_free(G);
    }
}

/* ---- symmetry ---------------------------------------------------------------------------- */

static void expect_sym(const Matrix *A, double tol, int want, const char *why)
{
    Matrix *A0 = la_mat_copy(A);
    int got = is_symmetric(A, tol);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    if (got != want)
        la_fail("is_symmetric(A, %g) returned %d, expected %d: %s. Revisit: symmetric means "
                "square and aᵢⱼ = aⱼᵢ for every pair, up to tol: |aᵢⱼ − aⱼᵢ| ≤ tol (18.06 L5)",
                tol, got, want, why);
}

LA_TEST(is_symmetric_cases)
{
    static const double s3[] = { 4, 1, -2, 1, 3, 0, -2, 0, 5 }, one[] = { 7 };
    static const double near[] = { 1, 2, 2.0000001, 1 }, skew[] = { 0, 1, -1, 0 };
    static const double wide[] = { 1, 2, 3, 2, 5, 6 };
    Matrix *A = la_mat(3, 3, s3);
    la_case("[[4,1,−2],[1,3,0],[−2,0,5]]");
    expect_sym(A, 0.0, 1, "aᵢⱼ = aⱼᵢ exactly");
    mat_free(A);
    A = la_mat(1, 1, one);
    la_case("1×1 [7]");
    expect_sym(A, 0.0, 1, "every 1×1 matrix is symmetric");
    mat_free(A);
    A = la_mat(2, 2, near);
    la_case("[[1,2],[2.0000001,1]] with tol 1e-3, then tol 1e-12");
    expect_sym(A, 1e-3, 1, "|2 − 2.0000001| = 1e-7 ≤ 1e-3");
    expect_sym(A, 1e-12, 0, "|2 − 2.0000001| = 1e-7 > 1e-12");
    mat_free(A);
    A = la_mat(2, 2, skew);
    la_case("skew-symmetric [[0,1],[−1,0]]");
    expect_sym(A, 1e-12, 0, "a₀₁ = 1 but a₁₀ = −1 (compare the values, not |values|)");
    mat_free(A);
    A = la_mat(2, 3, wide);
    la_case("2×3 [[1,2,3],[2,5,6]]");
    expect_sym(A, 1e-12, 0, "a non-square matrix is never symmetric");
    mat_free(A);

    LaRng r = la_rng(77);
    Matrix *B = la_mat_random(&r, 12, 8);
    A = la_mat_tmul(B, B); // a Gram matrix: symmetric by construction
    la_case("8×8 BᵀB for a random 12×8 B, tol 1e-12; then entry (0,7) moved by 1e-6");
    expect_sym(A, 1e-12, 1, "BᵀB is symmetric");
    MAT(A, 0, 7) += 1e-6;
    expect_sym(A, 1e-9, 0, "a₀₇ − a₇₀ = 1e-6 > 1e-9: check every pair, up to the last column");
    mat_free(A), mat_free(B);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("transpose_sym");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, transpose_known_and_shapes);
    tcase_add_test(core, transpose_rules);
    tcase_add_test(core, permute_rows_gathers_rows);
    tcase_add_test(core, permutation_matrix_is_orthogonal);
    tcase_add_test(core, covariance_known_small);
    tcase_add_test(core, covariance_random_vs_two_pass);
    tcase_add_test(core, gram_known_and_shapes);
    tcase_add_test(core, is_symmetric_cases);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, covariance_large_offset_centers_first);
    return s;
}

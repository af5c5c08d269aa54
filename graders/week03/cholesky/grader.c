/*
 * grader.c — cholesky (week 3): A = LLᵀ and the positive-definiteness test.
 *
 * L is graded by what it must be: exactly 0 above the diagonal, a positive diagonal, and
 * LLᵀ = A — and, since those make L unique, by agreement with a factor the grader gets another
 * way: for A = BᵀB, Householder QR of B (la_qr) gives B = QR with R's diagonal ≥ 0, so
 * A = RᵀR and Rᵀ is the Cholesky factor. Cases: the classic 3×3 with an integer answer, 1×1,
 * a covariance matrix, κ = 1e10 (must still factor), scales 1e-20 and 1e20 (must still
 * factor). -1 cases: indefinite matrices (a negative eigenvalue), singular semidefinite ones
 * built so that the zero pivot is exactly 0 (a feature that is twice another), a pivot that is
 * one rounding unit (≤ n·ε·max aᵢᵢ, so "zero" by the contract), and XᵀX for 5 samples of 10
 * features (rank 5). Each -1 case is followed by a nearby positive definite matrix that must
 * factor (shifted by a multiple of I, as ridge regression does).
 * Tolerances (printed on failure): Cholesky is backward stable whatever κ is, so
 * ‖A − LLᵀ‖_F ≤ la_tol(n, 1)·‖A‖_F; L itself moves by about κ(A)·ε, so agreement with Rᵀ is
 * within la_tol(n, κ(A))·max|lᵢⱼ|.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_COLUMN =
    "column by column: dⱼ = aⱼⱼ − Σₖ<ⱼ lⱼₖ², lⱼⱼ = √dⱼ, then lᵢⱼ = (aᵢⱼ − Σₖ<ⱼ lᵢₖlⱼₖ)/lⱼⱼ "
    "for i > j — entry (i, j) of LLᵀ is Σₖ lᵢₖlⱼₖ (18.06 L25)";

/* Calls cholesky with L zero-filled; fails if A changed. Caller frees *L. */
static int run(const Matrix *A, Matrix **L)
{
    Matrix *before = la_mat_copy(A);
    *L = mat_new(A->rows, A->cols);
    int rc = cholesky(A, *L);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return rc;
}

/* The symmetric n×n matrix BᵀB, exactly symmetric (each entry computed once). */
static Matrix *gram_of(const Matrix *B)
{
    int n = B->cols;
    Matrix *A = mat_new(n, n);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double acc = 0.0;
            for (int k = 0; k < B->rows; k++)
                acc += MAT(B, k, i) * MAT(B, k, j);
            MAT(A, i, j) = MAT(A, j, i) = acc;
        }
    return A;
}

/* Q·diag(lam)·Qᵀ for a random orthogonal Q: symmetric with eigenvalues lam. */
static Matrix *with_spectrum(LaRng *r, int n, const double *lam)
{
    Matrix *Q = la_mat_orthonormal(r, n, n), *A = mat_new(n, n);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double acc = 0.0;
            for (int l = 0; l < n; l++)
                acc += MAT(Q, i, l) * lam[l] * MAT(Q, j, l);
            MAT(A, i, j) = MAT(A, j, i) = acc;
        }
    mat_free(Q);
    return A;
}

static void expect_rc0(int rc, const char *why)
{
    if (rc != 0)
        la_fail("cholesky returned %d, expected 0: %s. Return -1 only when a pivot "
                "dⱼ = aⱼⱼ − Σₖ<ⱼ lⱼₖ² (before the square root) is ≤ n·ε·max aᵢᵢ — a test "
                "relative to the size of A, never a fixed number like 1e-10",
                rc, why);
}

/* Every property of the Cholesky factor of A. */
static void expect_cholesky(const Matrix *A, const Matrix *L)
{
    int n = A->rows;
    la_expect_mat_finite(L, "L");
    int upper_nonzero = 0, lower_nonzero = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            upper_nonzero += j > i && MAT(L, i, j) != 0.0;
            lower_nonzero += j < i && MAT(L, i, j) != 0.0;
        }
    if (upper_nonzero && !lower_nonzero && n > 1)
        la_fail("L is upper triangular: you built Lᵀ (the R of A = RᵀR). L must be the lower "
                "one — store lᵢⱼ for i ≥ j, i.e. MAT(L, i, j) with the row below the column");
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (MAT(L, i, j) != 0.0)
                la_fail("L(%d,%d) = %.6g is above the diagonal, where L must be exactly 0: "
                        "L is lower triangular. If you copied A into L to work in place, clear "
                        "the entries above the diagonal (j > i) when you are done",
                        i, j, MAT(L, i, j));
    for (int j = 0; j < n; j++)
        if (!(MAT(L, j, j) > 0.0))
            la_fail("L(%d,%d) = %.6g, but the diagonal of L must be positive: lⱼⱼ = √dⱼ, the "
                    "positive root of the pivot",
                    j, j, MAT(L, j, j));
    Matrix *Lt = la_mat_transpose(L), *LLt = la_mat_mul(L, Lt);
    double na = la_mat_norm(A), tol = la_tol(n, 1.0), worst = -1.0;
    int wi = 0, wj = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double d = fabs(MAT(LLt, i, j) - MAT(A, i, j));
            if (d > worst) {
                worst = d;
                wi = i;
                wj = j;
            }
        }
    Matrix *D = la_mat_sub(A, LLt);
    double rel = la_mat_norm(D) / na, got = MAT(LLt, wi, wj);
    mat_free(D);
    mat_free(Lt);
    mat_free(LLt);
    if (!(rel <= tol))
        la_fail("LLᵀ ≠ A: ‖A − LLᵀ‖/‖A‖ = %.2e (tolerance %.1e); worst at (%d,%d): (LLᵀ) = "
                "%.10g, A = %.10g. Revisit: %s",
                rel, tol, wi, wj, got, MAT(A, wi, wj), IDEA_COLUMN);
}

/* L against the Cholesky factor Rᵀ from Householder QR of B (A = BᵀB). */
static void expect_matches_qr(const Matrix *B, const Matrix *L, double kappa)
{
    int n = B->cols;
    Matrix *Q = mat_new(B->rows, n), *R = mat_new(n, n);
    la_qr(B, Q, R);
    Matrix *Rt = la_mat_transpose(R);
    double tol = la_tol(n, kappa) * la_mat_maxabs(Rt);
    la_expect_mat_near(L, Rt, tol, "L (against Rᵀ from the QR of B)",
                       "the Cholesky factor is unique (lower triangular, positive diagonal), "
                       "so it equals Rᵀ from the QR of any B with A = BᵀB");
    mat_free(Q);
    mat_free(R);
    mat_free(Rt);
}

/* A must be refused with -1; `why` says why it is not positive definite. */
static void expect_refused(const Matrix *A, const char *why)
{
    Matrix *L;
    int rc = run(A, &L);
    mat_free(L);
    if (rc != -1)
        la_fail("cholesky returned %d, expected -1: %s", rc, why);
}

/* ---- Core ---------------------------------------------------------------------------- */

LA_TEST(known_3x3_answer)
{
    static const double a[] = { 4, 12, -16, 12, 37, -43, -16, -43, 98 };
    static const double l[] = { 2, 0, 0, 6, 1, 0, -8, 5, 3 };
    Matrix *A = la_mat(3, 3, a), *want = la_mat(3, 3, l), *L;
    la_case("A = [4 12 −16; 12 37 −43; −16 −43 98]: pivots 4, 1, 9, so L = [2 0 0; 6 1 0; "
            "−8 5 3]");
    expect_rc0(run(A, &L), "A is positive definite (its pivots are 4, 1 and 9)");
    expect_cholesky(A, L);
    la_expect_mat_near(L, want, 1e-14, "L", IDEA_COLUMN);
    mat_free(A);
    mat_free(want);
    mat_free(L);
}

LA_TEST(random_spd_matches_qr_of_b)
{
    LaRng r = la_rng(1);
    Matrix *B = la_mat_random(&r, 15, 8), *A = gram_of(B), *L;
    double kappa = la_cond(A);
    la_case("A = BᵀB for a random 15×8 B, κ(A)≈%.1e; compared with Rᵀ from the QR of B "
            "(tolerance la_tol(n, κ)·max|lᵢⱼ|)",
            kappa);
    expect_rc0(run(A, &L), "A = BᵀB with independent columns of B is positive definite");
    expect_cholesky(A, L);
    expect_matches_qr(B, L, kappa);
    mat_free(A);
    mat_free(B);
    mat_free(L);
}

LA_TEST(covariance_matrix)
{
    /* 200 samples of 6 correlated features: C = XcᵀXc/(n − 1) = BᵀB with B = Xc/√(n − 1) */
    enum { N = 200, D = 6 };
    LaRng r = la_rng(2);
    Matrix *Z = la_mat_random(&r, N, D), *M = la_mat_random(&r, D, D);
    Matrix *X = la_mat_mul(Z, M), *L;
    for (int j = 0; j < D; j++) {
        double mean = 0.0;
        for (int i = 0; i < N; i++)
            mean += MAT(X, i, j) / N;
        for (int i = 0; i < N; i++)
            MAT(X, i, j) = (MAT(X, i, j) - mean) / sqrt(N - 1.0);
    }
    Matrix *C = gram_of(X);
    double kappa = la_cond(C);
    la_case("covariance of 200 samples × 6 correlated features, κ≈%.1e", kappa);
    expect_rc0(run(C, &L), "a covariance matrix of independent features is positive definite");
    expect_cholesky(C, L);
    expect_matches_qr(X, L, kappa);
    mat_free(Z);
    mat_free(M);
    mat_free(X);
    mat_free(C);
    mat_free(L);
}

/* ---- Edge ---------------------------------------------------------------------------- */

LA_TEST(one_by_one)
{
    static const double good[] = { 4, 2.25 }, bad[] = { -4, 0 };
    for (int t = 0; t < 2; t++) {
        Matrix *A = la_mat(1, 1, &good[t]), *L;
        la_case("1×1 A = [%g]: L = [√%g] = [%g]", good[t], good[t], sqrt(good[t]));
        expect_rc0(run(A, &L), "a positive 1×1 matrix is positive definite");
        la_expect_near(MAT(L, 0, 0), sqrt(good[t]), 1e-15, "L(0,0)",
                       "for n = 1 the only pivot is a₀₀ and l₀₀ = √a₀₀");
        mat_free(A);
        mat_free(L);
    }
    for (int t = 0; t < 2; t++) {
        Matrix *A = la_mat(1, 1, &bad[t]);
        la_case("1×1 A = [%g]", bad[t]);
        expect_refused(A, "a 1×1 matrix [a] is positive definite only when a > 0: the pivot "
                          "d₀ = a₀₀ must be positive — test it before taking √");
        mat_free(A);
    }
}

LA_TEST(ill_conditioned_kappa_1e10)
{
    double lam[10];
    for (int i = 0; i < 10; i++)
        lam[i] = pow(10.0, -10.0 * i / 9.0);
    LaRng r = la_rng(3);
    Matrix *A = with_spectrum(&r, 10, lam), *L;
    la_case("10×10 symmetric with eigenvalues from 1 down to 1e-10 (κ = 1e10): positive "
            "definite, its smallest pivot about 1e-10 ≫ n·ε·max aᵢᵢ ≈ 2e-15; LLᵀ = A to "
            "la_tol(n, 1) = %.1e — Cholesky is backward stable at any κ",
            la_tol(10, 1.0));
    expect_rc0(run(A, &L), "every eigenvalue is ≥ 1e-10 > 0, so A is positive definite");
    expect_cholesky(A, L);
    mat_free(A);
    mat_free(L);
}

LA_TEST(scale_does_not_matter)
{
    static const double scales[] = { 1e-20, 1e20 };
    for (int t = 0; t < 2; t++) {
        LaRng r = la_rng(4);
        Matrix *B = la_mat_random(&r, 9, 5), *A = gram_of(B), *L;
        for (int i = 0; i < 25; i++)
            A->data[i] *= scales[t];
        la_case("A = %g·BᵀB for a random 9×5 B: positive definite at any scale", scales[t]);
        expect_rc0(run(A, &L), "multiplying a positive definite matrix by c > 0 keeps it "
                               "positive definite (its pivots are c times as large)");
        expect_cholesky(A, L);
        mat_free(A);
        mat_free(B);
        mat_free(L);
    }
}

/* ---- Errors -------------------------------------------------------------------------- */

LA_TEST(indefinite_returns_minus_one)
{
    static const double a[] = { 1, 2, 2, 1 }, neg[] = { -1, 0, 0, 1 };
    Matrix *A = la_mat(2, 2, a);
    la_case("A = [1 2; 2 1]: eigenvalues 3 and −1 (x = (1, −1) gives xᵀAx = −2)");
    expect_refused(A, "A is indefinite, so its second pivot 1 − 2²/1 = −3 is negative — "
                      "check each pivot before taking its square root");
    mat_free(A);
    A = la_mat(2, 2, neg);
    la_case("A = [−1 0; 0 1]: the very first pivot is −1");
    expect_refused(A, "the first pivot a₀₀ = −1 is negative (x = e₀ gives xᵀAx = −1)");
    mat_free(A);

    static const double lam[] = { 3, 2, 1.5, 1, 0.5, -0.3, 0.8, 2.5 };
    LaRng r = la_rng(5);
    Matrix *L;
    A = with_spectrum(&r, 8, lam);
    la_case("8×8 symmetric with eigenvalues (3, 2, 1.5, 1, 0.5, −0.3, 0.8, 2.5): one negative");
    expect_refused(A, "one eigenvalue is −0.3 < 0, so A is not positive definite and some "
                      "pivot is negative");
    for (int i = 0; i < 8; i++)
        MAT(A, i, i) += 0.5;
    la_case("the same 8×8 matrix + 0.5·I: eigenvalues now from 0.2 to 3.5, positive definite");
    expect_rc0(run(A, &L), "adding 0.5·I lifts every eigenvalue by 0.5, so all are ≥ 0.2");
    expect_cholesky(A, L);
    mat_free(A);
    mat_free(L);
}

LA_TEST(singular_semidefinite_returns_minus_one)
{
    /* rows are dot products of (1,0,0,0), (2,0,0,0), (3,1,1,0), (1,2,0,1): feature 1 is twice
       feature 0, and the second pivot is 4 − 2² = 0 exactly */
    static const double a[] = { 1, 2, 3, 1, 2, 4, 6, 2, 3, 6, 11, 5, 1, 2, 5, 6 };
    /* L₀L₀ᵀ with L₀ = [2 0 0; 1 3 0; 1 2 0]: the third pivot is 5 − 1 − 4 = 0 exactly */
    static const double b[] = { 4, 2, 2, 2, 10, 7, 2, 7, 5 };
    static const double z[] = { 0, 0, 0, 0 };
    Matrix *A = la_mat(4, 4, a), *L;
    la_case("4×4 A = [1 2 3 1; 2 4 6 2; 3 6 11 5; 1 2 5 6]: row 1 = 2·row 0, rank 3");
    expect_refused(A, "A is singular (row 1 = 2·row 0), so x = (2, −1, 0, 0) gives xᵀAx = 0 — "
                      "positive semidefinite, not definite. Its second pivot 4 − 2² is exactly "
                      "0: use ≤, not <, in the test");
    mat_free(A);
    A = la_mat(3, 3, b);
    la_case("3×3 A = [4 2 2; 2 10 7; 2 7 5] = L₀L₀ᵀ with L₀ = [2 0 0; 1 3 0; 1 2 0], rank 2");
    expect_refused(A, "A is singular, and its last pivot 5 − 1² − 2² is exactly 0: use ≤, not "
                      "<, in the test");
    mat_free(A);
    A = la_mat(2, 2, z);
    la_case("the 2×2 zero matrix");
    expect_refused(A, "the zero matrix has xᵀAx = 0 for every x; its first pivot is 0");
    mat_free(A);
    static const double c[] = { 4, 2, 2, 2, 10, 7, 2, 7, 6 };
    static const double lc[] = { 2, 0, 0, 1, 3, 0, 1, 2, 1 };
    A = la_mat(3, 3, c);
    Matrix *want = la_mat(3, 3, lc);
    la_case("3×3 A = [4 2 2; 2 10 7; 2 7 6]: the same with a₂₂ = 6, last pivot 1, L = "
            "[2 0 0; 1 3 0; 1 2 1]");
    expect_rc0(run(A, &L), "with a₂₂ = 6 the last pivot is 1 > 0: positive definite");
    expect_cholesky(A, L);
    la_expect_mat_near(L, want, 1e-15, "L", IDEA_COLUMN);
    mat_free(A);
    mat_free(want);
    mat_free(L);
}

LA_TEST(pivot_of_one_rounding_unit_is_zero)
{
    /* [1 1; 1 1 + 2⁻⁵²]: the second pivot is exactly 2⁻⁵² = ε ≤ n·ε·max aᵢᵢ ≈ 2ε */
    double e = ldexp(1.0, -52), a[] = { 1, 1, 1, 1 + e };
    for (int t = 0; t < 2; t++) {
        double s = t == 0 ? 1.0 : ldexp(1.0, -70), sa[4];
        for (int i = 0; i < 4; i++)
            sa[i] = s * a[i];
        Matrix *A = la_mat(2, 2, sa);
        la_case("A = %g·[1 1; 1 1+ε]: its second pivot is %g·ε — one rounding unit, below "
                "n·ε·max aᵢᵢ = %g·2ε", s, s, s);
        expect_refused(A, "the second pivot is one rounding unit of a₁₁ — the size of the "
                          "noise a singular matrix leaves — so by the contract it counts as "
                          "0: return -1 when dⱼ ≤ n·ε·max aᵢᵢ (not only when dⱼ ≤ 0), "
                          "comparing the pivot dⱼ itself, before the square root");
        mat_free(A);
    }
    double b[] = { 1, 1, 1, 1 + ldexp(1.0, -40) }, lb[] = { 1, 0, 1, ldexp(1.0, -20) };
    Matrix *A = la_mat(2, 2, b), *want = la_mat(2, 2, lb), *L;
    la_case("A = [1 1; 1 1+2⁻⁴⁰]: second pivot 2⁻⁴⁰ ≈ 9e-13, 2000 times n·ε·max aᵢᵢ: "
            "positive definite (if barely), L = [1 0; 1 2⁻²⁰]");
    expect_rc0(run(A, &L), "the second pivot 2⁻⁴⁰ ≈ 9e-13 is far above n·ε·max aᵢᵢ ≈ 4e-16");
    expect_cholesky(A, L);
    la_expect_mat_near(L, want, 1e-15, "L", IDEA_COLUMN);
    mat_free(A);
    mat_free(want);
    mat_free(L);
}

LA_TEST(gram_of_few_samples_returns_minus_one)
{
    /* XᵀX for 5 samples of 10 features has rank 5: five of its pivots are rounding noise */
    LaRng r = la_rng(6);
    Matrix *X = la_mat_random(&r, 5, 10), *A = gram_of(X), *L;
    la_case("A = XᵀX for X with 5 samples (rows) and 10 features: 10×10 of rank 5");
    expect_refused(A, "with fewer samples than features XᵀX is singular (Xx = 0 has non-zero "
                      "solutions, and then xᵀXᵀXx = ‖Xx‖² = 0). Its pivots from column 5 on "
                      "are rounding noise of either sign: return -1 when dⱼ ≤ n·ε·max aᵢᵢ");
    for (int i = 0; i < 10; i++)
        MAT(A, i, i) += 0.1;
    la_case("A = XᵀX + 0.1·I for the same X (5 samples, 10 features), κ≈%.1e: the ridge "
            "regression matrix, positive definite",
            la_cond(A));
    expect_rc0(run(A, &L), "XᵀX + 0.1·I has every eigenvalue ≥ 0.1: positive definite");
    expect_cholesky(A, L);
    mat_free(X);
    mat_free(A);
    mat_free(L);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("cholesky");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, known_3x3_answer);
    tcase_add_test(core, random_spd_matches_qr_of_b);
    tcase_add_test(core, covariance_matrix);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, one_by_one);
    tcase_add_test(edge, ill_conditioned_kappa_1e10);
    tcase_add_test(edge, scale_does_not_matter);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, indefinite_returns_minus_one);
    tcase_add_test(err, singular_semidefinite_returns_minus_one);
    tcase_add_test(err, pivot_of_one_rounding_unit_is_zero);
    tcase_add_test(err, gram_of_few_samples_returns_minus_one);
    return s;
}

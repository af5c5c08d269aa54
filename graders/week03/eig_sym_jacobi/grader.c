/*
 * grader.c — eig_sym_jacobi (week 3): every eigenpair of a symmetric matrix.
 *
 * Graded by what A = V·diag(λ)·Vᵀ must be, so every sign of an eigenvector and every
 * orthonormal basis of a repeated eigenvalue's eigenspace is accepted: λ in decreasing order;
 * VᵀV = I; AV = V·diag(λ) column by column; the eigenvalues agree with known ones — matrices
 * built as Q·diag(λ)·Qᵀ from a chosen spectrum and a random orthogonal Q (la_mat_orthonormal),
 * or checked against the singular values of A + cI (c = 2‖A‖_F makes it positive definite, so
 * its singular values are its eigenvalues, and la_svd finds them by another method); each
 * eigenvector is compared with the true one by angle, each repeated eigenvalue's columns with
 * its eigenspace by distance (la_outside). Cases: the 3×3 second-difference matrix, 1×1, a
 * diagonal input in the wrong order, repeated eigenvalues and I, a rank-deficient XᵀX whose
 * zero eigenspace is the nullspace of X, eigenvalues from 1 to 1e-12, scales 1e-8 and 1e8, a
 * 40×40 covariance matrix; -1 for non-symmetric input.
 * Tolerances (printed on failure): rotations are backward stable, so eigenvalues and the
 * residual ‖Av − λv‖ are within la_tol(n, 1)·‖A‖_F (64·n·ε·‖A‖_F) and VᵀV = I within
 * la_tol(n, 1); an eigenvector (or eigenspace) is turned by rounding of size ε·‖A‖ by about
 * ε·‖A‖/gap, so its angle is within la_tol(n, ‖A‖_F/gap), gap = the distance from its
 * eigenvalue to the nearest other one.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_ROTATE =
    "the rotation: τ = (b_qq − b_pp)/(2b_pq), t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), "
    "s = t·c; col p ← c·col p − s·col q, col q ← s·col p + c·col q (old values), the same on "
    "rows p and q, and on the columns of V — afterwards b_pq must be 0";
static const char *IDEA_SORT =
    "sort λ in decreasing order at the end, and move column k of V together with lambda[k]";

/* Calls eig_sym_jacobi with lambda NaN-filled and V zero-filled; fails if A changed.
   Caller frees *V. */
static int run(const Matrix *A, double *lambda, Matrix **V)
{
    Matrix *before = la_mat_copy(A);
    *V = mat_new(A->rows, A->rows);
    la_fill(lambda, A->rows, NAN);
    int rc = eig_sym_jacobi(A, lambda, *V);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return rc;
}

static void expect_rc0(int rc)
{
    if (rc != 0)
        la_fail("eig_sym_jacobi returned %d, expected 0: A is symmetric. If your sweeps ran "
                "out, B is not becoming diagonal — check %s. And stop on a "
                "relative test, √(Σ_{i≠j} b_ij²) ≤ ε·‖A‖_F, not on a fixed number",
                rc, IDEA_ROTATE);
}

/* A = Q·diag(lam)·Qᵀ, exactly symmetric; *Qout ← Q (column i: eigenvector of lam[i]). */
static Matrix *with_spectrum(LaRng *r, int n, const double *lam, Matrix **Qout)
{
    Matrix *Q = la_mat_orthonormal(r, n, n), *A = mat_new(n, n);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double acc = 0.0;
            for (int l = 0; l < n; l++)
                acc += MAT(Q, i, l) * lam[l] * MAT(Q, j, l);
            MAT(A, i, j) = MAT(A, j, i) = acc;
        }
    *Qout = Q;
    return A;
}

/* Eigenvalues (descending) and eigenvectors of symmetric A by another route: the SVD of the
   positive definite A + cI. Caller frees *Qout. */
static void shifted_svd(const Matrix *A, double *want, Matrix **Qout)
{
    int n = A->rows;
    double c = 2.0 * la_mat_norm(A);
    Matrix *B = la_mat_copy(A);
    for (int i = 0; i < n; i++)
        MAT(B, i, i) += c;
    *Qout = mat_new(n, n);
    la_svd(B, want, *Qout, NULL);
    for (int i = 0; i < n; i++)
        want[i] -= c;
    mat_free(B);
}

/* ‖A·(column k of V) − lam·(column k of W)‖ — W = V normally */
static double residual(const Matrix *A, const Matrix *V, int k, double lam, int rows)
{
    int n = A->rows;
    double res = 0.0;
    for (int i = 0; i < n; i++) {
        double acc = 0.0;
        for (int j = 0; j < n; j++)
            acc += MAT(A, i, j) * (rows ? MAT(V, k, j) : MAT(V, j, k));
        res = hypot(res, acc - lam * (rows ? MAT(V, k, i) : MAT(V, i, k)));
    }
    return res;
}

/* Every property of a symmetric eigen-decomposition; want[] (descending) and the columns of
   Q are the true eigenpairs. */
static void expect_eig(const Matrix *A, const double *lambda, const Matrix *V,
                       const double *want, const Matrix *Q)
{
    int n = A->rows;
    double na = la_mat_norm(A), tol = la_tol(n, 1.0);
    char bw[256], bg[256];
    la_expect_finite(lambda, n, "lambda");
    la_expect_mat_finite(V, "V");
    for (int k = 0; k + 1 < n; k++)
        if (!(lambda[k] >= lambda[k + 1]))
            la_fail("lambda is not in decreasing order: lambda[%d] = %.10g < lambda[%d] = "
                    "%.10g (got %s). Revisit: %s",
                    k, lambda[k], k + 1, lambda[k + 1], la_fmt_vec(lambda, n, bg, sizeof bg),
                    IDEA_SORT);
    /* VᵀV = I */
    Matrix *G = la_mat_tmul(V, V);
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double d = fabs(MAT(G, i, j) - (i == j ? 1.0 : 0.0));
            if (!(d <= tol))
                la_fail("VᵀV ≠ I at (%d,%d): %.17g (tolerance %.1e) — V must be orthogonal. "
                        "%s. Start from V = I and multiply only by rotations: V ← VJ on "
                        "columns p and q with the same c and s as B",
                        i, j, MAT(G, i, j), tol,
                        i == j ? "A column has the wrong length"
                               : "Two columns are not perpendicular");
        }
    mat_free(G);
    /* the eigenvalues */
    for (int k = 0; k < n; k++)
        if (!(fabs(lambda[k] - want[k]) <= tol * na))
            la_fail("lambda[%d] = %.15g, expected %.15g (|Δ| = %.2e, tolerance la_tol(n, 1)·"
                    "‖A‖ = %.1e); expected %s, got %s. The eigenvalues are the diagonal of B "
                    "once the rotations have made it diagonal. Revisit: %s",
                    k, lambda[k], want[k], fabs(lambda[k] - want[k]), tol * na,
                    la_fmt_vec(want, n, bw, sizeof bw), la_fmt_vec(lambda, n, bg, sizeof bg),
                    IDEA_ROTATE);
    /* AV = V·diag(λ) */
    for (int k = 0; k < n; k++) {
        double res = residual(A, V, k, lambda[k], 0);
        if (res <= tol * na)
            continue;
        for (int j = 0; j < n; j++)
            if (j != k && fabs(lambda[j] - lambda[k]) > tol * na &&
                residual(A, V, j, lambda[k], 0) <= tol * na)
                la_fail("column %d of V is not an eigenvector for lambda[%d] = %.10g, but "
                        "column %d is. Revisit: %s",
                        k, k, lambda[k], j, IDEA_SORT);
        if (residual(A, V, k, lambda[k], 1) <= tol * na)
            la_fail("column %d of V is not an eigenvector for lambda[%d] = %.10g, but row %d "
                    "is: the eigenvectors are the columns of V — with V ← VJ, rotate "
                    "columns p and q of V",
                    k, k, lambda[k], k);
        /* V right but B not diagonal yet, or V not the product of the rotations? VᵀAV
           tells: it is the B the rotations produced */
        Matrix *AV = la_mat_mul(A, V), *W = la_mat_tmul(V, AV);
        double off = 0.0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j)
                    off = hypot(off, MAT(W, i, j));
        mat_free(AV);
        mat_free(W);
        if (off <= 1e-3 * na)
            la_fail("AV ≠ V·diag(λ) in column %d: ‖Av − λv‖ = %.2e for λ = %.10g (tolerance "
                    "la_tol(n, 1)·‖A‖ = %.1e). B was not diagonal enough when you stopped: "
                    "VᵀAV still has %.2e off its diagonal, %.1e of ‖A‖. Sweep until "
                    "√(Σ_{i≠j} b_ij²) ≤ ε·‖A‖_F — relative to the size of A, not a fixed "
                    "number",
                    k, res, lambda[k], tol * na, off, off / na);
        la_fail("AV ≠ V·diag(λ) in column %d: ‖Av − λv‖ = %.2e for λ = %.10g (tolerance "
                "la_tol(n, 1)·‖A‖ = %.1e). V must collect every rotation, V ← VJ (columns p "
                "and q of V, like BJ), so that A = V·B·Vᵀ all along. Revisit: %s",
                k, res, lambda[k], tol * na, IDEA_ROTATE);
    }
    /* eigenvectors against the true ones: by angle, or by eigenspace when repeated */
    for (int k = 0; k < n;) {
        int end = k + 1;
        while (end < n && fabs(want[end] - want[k]) <= 1e-9 * na)
            end++;
        double gap = INFINITY;
        if (k > 0)
            gap = fmin(gap, want[k - 1] - want[k]);
        if (end < n)
            gap = fmin(gap, want[end - 1] - want[end]);
        double vtol = la_tol(n, na / gap);
        if (vtol < 0.1 && end - k < n) { /* else the direction is not determined */
            int d = end - k, worst;
            Matrix *B = mat_new(n, d), *E = mat_new(n, d);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < d; c++) {
                    MAT(B, i, c) = MAT(V, i, k + c);
                    MAT(E, i, c) = MAT(Q, i, k + c);
                }
            double out = la_outside(B, d, E, &worst);
            if (!(out <= vtol)) {
                if (d == 1)
                    la_fail("column %d of V is off the eigenvector of λ = %.10g: sin of the "
                            "angle between them %.2e (tolerance la_tol(n, ‖A‖/gap) = %.1e, "
                            "gap %.3g). Revisit: %s",
                            k, want[k], out, vtol, gap, IDEA_ROTATE);
                la_fail("λ = %.10g is repeated %d times, and column %d of V is off its "
                        "eigenspace by %.2e (tolerance %.1e; any orthonormal basis of the "
                        "eigenspace is right). Revisit: %s",
                        want[k], d, k + worst, out, vtol, IDEA_ROTATE);
            }
            mat_free(B);
            mat_free(E);
        }
        k = end;
    }
}

/* Runs and grades A = Q·diag(lam)·Qᵀ; lam must be in decreasing order. */
static void spectrum_case(int n, const double *lam, unsigned salt, const char *what)
{
    LaRng r = la_rng(salt);
    Matrix *Q, *A = with_spectrum(&r, n, lam, &Q), *V;
    double *lambda = malloc(sizeof(double) * (size_t)n);
    char bl[256];
    la_case("%d×%d symmetric A = Q·diag(λ)·Qᵀ with λ = %s (%s)", n, n,
            la_fmt_vec(lam, n, bl, sizeof bl), what);
    expect_rc0(run(A, lambda, &V));
    expect_eig(A, lambda, V, lam, Q);
    free(lambda);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

/* ---- Core ---------------------------------------------------------------------------- */

LA_TEST(known_3x3_second_difference)
{
    static const double a[] = { 2, -1, 0, -1, 2, -1, 0, -1, 2 };
    double r2 = sqrt(2.0), lambda[3];
    double want[] = { 2 + r2, 2, 2 - r2 };
    double q[] = { 0.5, r2 / 2, 0.5, -r2 / 2, 0, r2 / 2, 0.5, -r2 / 2, 0.5 };
    Matrix *A = la_mat(3, 3, a), *Q = la_mat(3, 3, q), *V;
    la_case("A = [2 −1 0; −1 2 −1; 0 −1 2]: λ = 2 + √2, 2, 2 − √2 with eigenvectors "
            "(1, −√2, 1)/2, (1, 0, −1)/√2, (1, √2, 1)/2");
    expect_rc0(run(A, lambda, &V));
    expect_eig(A, lambda, V, want, Q);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

LA_TEST(random_symmetric_known_spectrum)
{
    static const double lam[] = { 9, 7.5, 5, 3, 2, 0.5, -0.5, -1, -2.5, -4, -6, -8 };
    spectrum_case(12, lam, 1, "mixed signs, gaps ≥ 0.5");
}

LA_TEST(agrees_with_shifted_svd)
{
    LaRng r = la_rng(2);
    int n = 15;
    Matrix *G = la_mat_random(&r, n, n), *A = mat_new(n, n), *Q, *V;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            MAT(A, i, j) = 0.5 * (MAT(G, i, j) + MAT(G, j, i));
    double want[15], lambda[15];
    shifted_svd(A, want, &Q);
    la_case("random symmetric 15×15 (G + Gᵀ)/2, compared with the singular values and "
            "vectors of A + cI, c = 2‖A‖_F");
    expect_rc0(run(A, lambda, &V));
    expect_eig(A, lambda, V, want, Q);
    mat_free(G);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

LA_TEST(covariance_40_features)
{
    enum { N = 100, D = 40 };
    LaRng r = la_rng(3);
    Matrix *Z = la_mat_random(&r, N, D), *X = mat_new(N, D), *C = mat_new(D, D), *Q, *V;
    for (int i = 0; i < N; i++) /* feature j mixes in feature j − 1: correlated neighbours */
        for (int j = 0; j < D; j++)
            MAT(X, i, j) = MAT(Z, i, j) + (j ? 0.8 * MAT(Z, i, j - 1) : 0.0);
    double mean[D] = { 0 }, want[D], lambda[D];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < D; j++)
            mean[j] += MAT(X, i, j) / N;
    for (int p = 0; p < D; p++)
        for (int q = p; q < D; q++) {
            double acc = 0.0;
            for (int i = 0; i < N; i++)
                acc += (MAT(X, i, p) - mean[p]) * (MAT(X, i, q) - mean[q]);
            MAT(C, p, q) = MAT(C, q, p) = acc / (N - 1);
        }
    shifted_svd(C, want, &Q);
    la_case("covariance of 100 samples × 40 correlated features (40×40, positive definite): "
            "its eigenvectors are the principal components");
    expect_rc0(run(C, lambda, &V));
    expect_eig(C, lambda, V, want, Q);
    mat_free(Z);
    mat_free(X);
    mat_free(C);
    mat_free(Q);
    mat_free(V);
}

/* ---- Edge ---------------------------------------------------------------------------- */

LA_TEST(diagonal_input_unsorted)
{
    static const double d[] = { 1, 5, -3, 2 }, want[] = { 5, 2, 1, -3 };
    static const int axis[] = { 1, 3, 0, 2 }; /* λ = 5 is on e₁, 2 on e₃, … */
    Matrix *A = mat_new(4, 4), *Q = mat_new(4, 4), *V;
    for (int i = 0; i < 4; i++) {
        MAT(A, i, i) = d[i];
        MAT(Q, axis[i], i) = 1.0;
    }
    double lambda[4];
    la_case("diagonal A = diag(1, 5, −3, 2): already diagonal, so no rotation is needed — but "
            "λ must come out as (5, 2, 1, −3) with V's columns e₁, e₃, e₀, e₂ (either sign)");
    expect_rc0(run(A, lambda, &V));
    expect_eig(A, lambda, V, want, Q);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

LA_TEST(repeated_eigenvalues)
{
    static const double lam[] = { 3, 3, 3, 0.5, -1, -1 };
    spectrum_case(6, lam, 4, "3 three times, −1 twice: any orthonormal basis of each "
                             "eigenspace is right");
    double one[5] = { 1, 1, 1, 1, 1 }, lambda[5];
    Matrix *I = la_mat_identity(5), *V;
    la_case("A = I (5×5): every vector is an eigenvector for λ = 1; V = any orthogonal matrix");
    expect_rc0(run(I, lambda, &V));
    expect_eig(I, lambda, V, one, I);
    mat_free(I);
    mat_free(V);
}

LA_TEST(one_by_one)
{
    static const double a = -2.5, q = 1.0;
    double lambda;
    Matrix *A = la_mat(1, 1, &a), *Q = la_mat(1, 1, &q), *V;
    la_case("1×1 A = [−2.5]: λ = −2.5, V = [±1] (no pairs to rotate)");
    expect_rc0(run(A, &lambda, &V));
    expect_eig(A, &lambda, V, &a, Q);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

LA_TEST(tiny_and_zero_eigenvalues)
{
    double lam[10];
    for (int i = 0; i < 10; i++)
        lam[i] = pow(10.0, -12.0 * i / 9.0);
    spectrum_case(10, lam, 5, "from 1 down to 1e-12: κ = 1e12, positive definite");

    /* XᵀX for 3 samples of 6 features: rank 3, and its zero eigenspace is N(X) */
    LaRng r = la_rng(6);
    Matrix *X = la_mat_random(&r, 3, 6), *A = mat_new(6, 6), *Q, *V;
    for (int i = 0; i < 6; i++)
        for (int j = i; j < 6; j++) {
            double acc = 0.0;
            for (int k = 0; k < 3; k++)
                acc += MAT(X, k, i) * MAT(X, k, j);
            MAT(A, i, j) = MAT(A, j, i) = acc;
        }
    double want[6], lambda[6];
    shifted_svd(A, want, &Q);
    la_case("A = XᵀX for X with 3 samples of 6 features: rank 3, so λ = 0 three times, with "
            "eigenspace N(X)");
    expect_rc0(run(A, lambda, &V));
    for (int k = 3; k < 6; k++) /* exactly 0 in exact arithmetic */
        want[k] = 0.0;
    Matrix *N = la_null(X, -1.0);
    for (int i = 0; i < 6; i++) /* the true zero eigenspace, from the SVD of X */
        for (int c = 0; c < 3; c++)
            MAT(Q, i, 3 + c) = MAT(N, i, c);
    expect_eig(A, lambda, V, want, Q);
    mat_free(N);
    mat_free(X);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

LA_TEST(scale_does_not_matter)
{
    static const double base[] = { 4, 2, 1, -0.5, -3 };
    static const double scales[] = { 1e-8, 1e8 };
    for (int t = 0; t < 2; t++) {
        double lam[5];
        for (int i = 0; i < 5; i++)
            lam[i] = scales[t] * base[i];
        spectrum_case(5, lam, 7, t == 0 ? "scaled by 1e-8: stop when the off-diagonal part is "
                                          "small relative to ‖A‖, not below a fixed number"
                                        : "scaled by 1e8: a fixed threshold like 1e-12 is "
                                          "never reached");
    }
}

/* ---- Errors -------------------------------------------------------------------------- */

LA_TEST(not_symmetric_returns_minus_one)
{
    static const double a[] = { 1, 2, 3, 4 };
    double lambda[5];
    Matrix *A = la_mat(2, 2, a), *V;
    la_case("A = [1 2; 3 4]");
    int rc = run(A, lambda, &V);
    mat_free(V);
    if (rc != -1)
        la_fail("eig_sym_jacobi returned %d, expected -1: [1 2; 3 4] is not symmetric "
                "(a₀₁ = 2, a₁₀ = 3) — Jacobi rotations need Aᵀ = A: check every pair a_ij, "
                "a_ji first (|a_ij − a_ji| > 1e-12·‖A‖_F means not symmetric)",
                rc);
    mat_free(A);

    static const double lam[] = { 4, 2, 1, -0.5, -3 };
    LaRng r = la_rng(8);
    Matrix *Q;
    A = with_spectrum(&r, 5, lam, &Q);
    MAT(A, 3, 1) += 0.25;
    la_case("a 5×5 symmetric matrix with 0.25 added to A(3,1) only");
    rc = run(A, lambda, &V);
    mat_free(V);
    if (rc != -1)
        la_fail("eig_sym_jacobi returned %d, expected -1: A(3,1) and A(1,3) differ by 0.25, "
                "so A is not symmetric — compare every pair below the diagonal with its "
                "mirror image above it, not just the first row",
                rc);
    MAT(A, 3, 1) -= 0.25;
    la_case("the same 5×5 matrix, symmetric again: λ = (4, 2, 1, −0.5, −3)");
    expect_rc0(run(A, lambda, &V));
    expect_eig(A, lambda, V, lam, Q);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("eig_sym_jacobi");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, known_3x3_second_difference);
    tcase_add_test(core, random_symmetric_known_spectrum);
    tcase_add_test(core, agrees_with_shifted_svd);
    tcase_add_test(core, covariance_40_features);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, diagonal_input_unsorted);
    tcase_add_test(edge, repeated_eigenvalues);
    tcase_add_test(edge, one_by_one);
    tcase_add_test(edge, tiny_and_zero_eigenvalues);
    tcase_add_test(edge, scale_does_not_matter);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, not_symmetric_returns_minus_one);
    return s;
}

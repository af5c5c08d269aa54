/*
 * grader.c — power_iteration (week 3): power_iteration and top_eigs (deflation).
 *
 * Test matrices are built from a spectrum the grader chooses, A = Q·diag(λ)·Qᵀ with a random
 * orthogonal Q (la_mat_orthonormal), so the eigenvalues and eigenvectors are known exactly;
 * the covariance test compares with la_svd instead. Eigenvectors are compared by angle, so
 * either sign is right, and a repeated eigenvalue's eigenvectors by subspace (la_outside).
 *
 * Tolerances come from the stopping rule (printed on failure). With r = |λ₂/λ₁| and the
 * iteration stopped when vᵀAv changes by less than tol·|λ|, the error of λ shrinks by about
 * r² per step, so what is left is below tol·|λ₁|·r²/(1 − r²): the grader allows
 * 10·tol·|λ₁|/(1 − r²) + la_tol(n, 1)·|λ₁|. The eigenvector follows from the eigenvalue: for a
 * unit v at angle θ from q₁, |vᵀAv − λ₁| ≥ sin²θ·(|λ₁| − |λ₂|), so sin θ ≤ √(error/gap). With
 * tol = 0 the iteration runs until λ no longer changes, and λ must then be within
 * la_tol(n, 1)·|λ₁| (v only within √ of that: vᵀAv settles long before v does, since its error
 * is of order sin²θ — so a loop that stops on "≤" rather than "<" is right too). top_eigs
 * runs with tol = 1e-13: each v is
 * then off by about √(1e-13·|λ|/gap) ≈ 1e-6 and deflating with it disturbs the later pairs by
 * |λ|/gap times that, so the grader allows 1e-4 for eigenvectors and 1e-8·|λ₁| for
 * eigenvalues — far below the O(1) errors of a missing deflation, a wrong sign or a wrong
 * order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_POWER =
    "repeat w = Av, v ← w/‖w‖, λ = vᵀAv; the part of v along the dominant eigenvector q₁ "
    "grows like |λ₁|ᵏ, faster than every other part (18.06 L21)";
static const char *IDEA_DEFLATE =
    "after each eigenpair deflate the copy, B ← B − λvvᵀ (every entry: B(r,c) −= λ·v[r]·v[c]), "
    "and run the next power iteration on B: that eigenvalue becomes 0, the others stay";

/* ---- matrices with a chosen spectrum ------------------------------------------------- */

/* A = Q·diag(lam)·Qᵀ, exactly symmetric; *Qout (n×n) ← Q, whose column i is the eigenvector
   of lam[i]. Caller frees both. */
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

static double col_dot(const Matrix *A, int a, const double *x)
{
    double acc = 0.0;
    for (int i = 0; i < A->rows; i++)
        acc += MAT(A, i, a) * x[i];
    return acc;
}

/* sin of the angle between v (non-zero) and column c of Q (a unit vector) */
static double sine(const double *v, const Matrix *Q, int c)
{
    int n = Q->rows;
    double p = col_dot(Q, c, v), rest = 0.0;
    for (int i = 0; i < n; i++)
        rest = hypot(rest, v[i] - p * MAT(Q, i, c));
    return rest / la_vnorm(v, n);
}

/* vᵀAv/vᵀv */
static double rayleigh(const Matrix *A, const double *v)
{
    int n = A->rows;
    double *w = malloc(sizeof(double) * (size_t)n), num = 0.0, den = 0.0;
    la_matvec(A, v, w);
    for (int i = 0; i < n; i++) {
        num += v[i] * w[i];
        den += v[i] * v[i];
    }
    free(w);
    return num / den;
}

/* 10·tol·|λ₁|/(1 − r²) + la_tol(n, 1)·|λ₁| — see the header */
static double lambda_tol(int n, double lam1, double lam2, double tol)
{
    double r = fabs(lam2 / lam1);
    return 10.0 * tol * fabs(lam1) / (1.0 - r * r) + la_tol(n, 1.0) * fabs(lam1);
}

/* ---- power_iteration ----------------------------------------------------------------- */

/* Runs power_iteration from v0 (copied into v); fails if A changed. Returns λ. */
static double run_power(const Matrix *A, const double *v0, double *v, int max_iter, double tol)
{
    Matrix *before = la_mat_copy(A);
    for (int i = 0; i < A->rows; i++)
        v[i] = v0[i];
    double lam = power_iteration(A, v, max_iter, tol);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return lam;
}

static void expect_unit(const double *v, int n, const char *what)
{
    double len = la_vnorm(v, n);
    if (!(fabs(len - 1.0) <= 1e-12))
        la_fail("%s has length %.10g, not 1 (tolerance 1e-12): normalise every step, "
                "v ← w/‖w‖ — without it Aᵏv grows or shrinks like |λ₁|ᵏ (and soon overflows "
                "to inf or NaN), and vᵀAv is no longer the eigenvalue",
                what, len);
}

/* λ and v from power_iteration against the dominant eigenpair (lam1, column c of Q).
   ltol bounds |λ − λ₁| and |vᵀAv − λ₁|; vtol bounds sin θ(v, q₁). */
static void expect_dominant(const Matrix *A, double lam, const double *v, double lam1,
                            const Matrix *Q, int c, double ltol, double vtol)
{
    int n = A->rows;
    expect_unit(v, n, "v on return");
    if (!isfinite(lam))
        la_fail("power_iteration returned λ = %g: it should be the finite number vᵀAv for the "
                "unit vector v — is something divided by zero, or left unwritten?",
                lam);
    if (lam1 < 0 && fabs(lam + lam1) <= ltol)
        la_fail("power_iteration returned λ = %.10g, but the dominant eigenvalue is %.10g: "
                "negative. ‖Av‖ is |λ|; the eigenvalue with its sign is the Rayleigh quotient "
                "λ = vᵀAv (v a unit vector)",
                lam, lam1);
    if (!(fabs(lam - lam1) <= ltol))
        la_fail("power_iteration returned λ = %.12g, expected the dominant eigenvalue %.12g "
                "(|Δ| = %.2e, tolerance %.1e). Revisit: %s — and stop only when λ changes by "
                "less than tol·|λ|, or after max_iter steps",
                lam, lam1, fabs(lam - lam1), ltol, IDEA_POWER);
    double rq = rayleigh(A, v);
    if (!(fabs(rq - lam) <= ltol))
        la_fail("the returned λ = %.12g is not the Rayleigh quotient of the returned v "
                "(vᵀAv = %.12g, |Δ| = %.2e, tolerance %.1e): compute λ = vᵀAv after the last "
                "update of v, and return that",
                lam, rq, fabs(rq - lam), ltol);
    double s = sine(v, Q, c);
    if (!(s <= vtol))
        la_fail("v is not along the dominant eigenvector: sin of the angle between them is "
                "%.2e (tolerance %.1e), although λ is right. Revisit: %s",
                s, vtol, IDEA_POWER);
}

/* ---- top_eigs ------------------------------------------------------------------------ */

/* Runs top_eigs with lambda NaN-filled and V zero-filled, expecting 0. Caller frees *V. */
static void run_top(const Matrix *A, int k, double *lambda, Matrix **V, int max_iter,
                    double tol)
{
    Matrix *before = la_mat_copy(A);
    *V = mat_new(A->rows, k);
    la_fill(lambda, k, NAN);
    int rc = top_eigs(A, k, lambda, *V, max_iter, tol);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    if (rc != 0)
        la_fail("top_eigs returned %d, expected 0: A is %d×%d symmetric and k = %d", rc,
                A->rows, A->cols, k);
}

/* 1 if got[0..k) is a reordering of want[0..k) within tol */
static int same_values(const double *got, const double *want, int k, double tol)
{
    char used[64] = { 0 };
    for (int j = 0; j < k; j++) {
        int hit = -1;
        for (int i = 0; i < k && hit < 0; i++)
            if (!used[i] && fabs(got[j] - want[i]) <= tol)
                hit = i;
        if (hit < 0)
            return 0;
        used[hit] = 1;
    }
    return 1;
}

/* lambda[0..k) and the columns of V against want[] and the columns of Q, in |λ| order;
   eigenvalues equal in want form one eigenspace, compared as a subspace. */
static void expect_top(const Matrix *A, int k, const double *lambda, const Matrix *V,
                       const double *want, const Matrix *Q, double ltol, double vtol)
{
    int n = A->rows;
    char bw[256], bg[256];
    for (int j = 0; j < k; j++) {
        double len = 0.0;
        for (int i = 0; i < n; i++)
            len = hypot(len, MAT(V, i, j));
        if (!(fabs(len - 1.0) <= 1e-12))
            la_fail("column %d of V has length %.10g, not 1 (tolerance 1e-12): store the unit "
                    "vector v that power_iteration leaves — normalised every step, v ← w/‖w‖ "
                    "(without it Aᵏv overflows to inf or NaN)",
                    j, len);
    }
    la_expect_finite(lambda, k, "lambda");
    int ordered = 1;
    for (int j = 0; j + 1 < k; j++)
        ordered &= fabs(lambda[j]) >= fabs(lambda[j + 1]) - ltol;
    if (!ordered && same_values(lambda, want, k, ltol))
        la_fail("lambda = %s has the right eigenvalues in the wrong order (expected %s, by "
                "decreasing |λ|). Power iteration finds the largest |λ| first and deflation "
                "the next, so keep them in the order found (don't sort by signed value). If "
                "you did, a power iteration missed a larger eigenvalue: a start vector with "
                "no component along its eigenvector can never find it — (1, 1, …, 1) can be "
                "such a vector, e.g. after a deflation; start from one with no pattern",
                la_fmt_vec(lambda, k, bg, sizeof bg), la_fmt_vec(want, k, bw, sizeof bw));
    for (int j = 0; j < k; j++) {
        if (fabs(lambda[j] - want[j]) <= ltol)
            continue;
        la_fmt_vec(want, k, bw, sizeof bw);
        la_fmt_vec(lambda, k, bg, sizeof bg);
        if (j > 0 && fabs(lambda[j] - lambda[j - 1]) <= ltol &&
            fabs(want[j] - want[j - 1]) > ltol)
            la_fail("lambda[%d] = %.10g is lambda[%d] again (expected %s, got %s): the same "
                    "eigenpair twice means the deflation did not happen. Revisit: %s",
                    j, lambda[j], j - 1, bw, bg, IDEA_DEFLATE);
        if (j > 0 && fabs(lambda[j] - 2.0 * lambda[j - 1]) <= 2.0 * ltol)
            la_fail("lambda[%d] = %.10g is twice lambda[%d] (expected %s, got %s): B + λvvᵀ "
                    "doubles that eigenvalue instead of removing it — subtract. Revisit: %s",
                    j, lambda[j], j - 1, bw, bg, IDEA_DEFLATE);
        if (fabs(lambda[j] + want[j]) <= ltol)
            la_fail("lambda[%d] = %.10g has the wrong sign: the eigenvalue is %.10g (expected "
                    "%s, got %s). ‖Av‖ is |λ|; the eigenvalue with its sign is vᵀAv — and "
                    "the deflation needs that sign too",
                    j, lambda[j], want[j], bw, bg);
        la_fail("lambda[%d] = %.12g, expected %.12g (|Δ| = %.2e, tolerance %.1e); expected "
                "%s, got %s. Revisit: %s",
                j, lambda[j], want[j], fabs(lambda[j] - want[j]), ltol, bw, bg, IDEA_DEFLATE);
    }
    if (!ordered) /* not reached: the values match want, which is ordered */
        la_fail("lambda = %s is not ordered by decreasing |λ|",
                la_fmt_vec(lambda, k, bg, sizeof bg));
    double *v = malloc(sizeof(double) * (size_t)n);
    for (int j = 0; j < k;) {
        int end = j + 1; /* the eigenspace of want[j]: columns j … end−1 */
        while (end < k && fabs(want[end] - want[j]) <= 1e-12 * fabs(want[0]))
            end++;
        if (end == j + 1) {
            for (int i = 0; i < n; i++)
                v[i] = MAT(V, i, j);
            double s = sine(v, Q, j);
            if (!(s <= vtol))
                la_fail("column %d of V is not the eigenvector of λ = %.10g: sin of the angle "
                        "between them is %.2e (tolerance %.1e). Revisit: %s",
                        j, want[j], s, vtol, IDEA_DEFLATE);
        } else {
            int d = end - j, worst;
            Matrix *G = mat_new(n, d), *E = mat_new(n, d);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < d; c++) {
                    MAT(G, i, c) = MAT(V, i, j + c);
                    MAT(E, i, c) = MAT(Q, i, j + c);
                }
            double out = la_outside(G, d, E, &worst);
            if (!(out <= vtol))
                la_fail("λ = %.10g has a %d-dimensional eigenspace, and column %d of V is not "
                        "in it: its distance from the eigenspace is %.2e of its length "
                        "(tolerance %.1e; any unit vectors of that eigenspace are right). "
                        "Revisit: %s",
                        want[j], d, j + worst, out, vtol, IDEA_DEFLATE);
            for (int a = 0; a < d; a++)
                for (int b = a + 1; b < d; b++) {
                    double g = 0.0;
                    for (int i = 0; i < n; i++)
                        g += MAT(G, i, a) * MAT(G, i, b);
                    if (!(fabs(g) <= 0.5))
                        la_fail("λ = %.10g is repeated (a %d-dimensional eigenspace), but "
                                "columns %d and %d of V are nearly the same vector (cosine "
                                "%.6f): %d eigenpairs need %d independent eigenvectors. "
                                "Revisit: %s",
                                want[j], d, j + a, j + b, g, d, d, IDEA_DEFLATE);
                }
            mat_free(G);
            mat_free(E);
        }
        j = end;
    }
    free(v);
}

/* The top-k check on A = Q·diag(lam)·Qᵀ with lam already sorted by |λ|. */
static void top_case(int n, int k, const double *lam, unsigned salt, const char *what)
{
    LaRng r = la_rng(salt);
    Matrix *Q, *A = with_spectrum(&r, n, lam, &Q), *V;
    double *lambda = malloc(sizeof(double) * (size_t)k), ltol = 1e-8 * fabs(lam[0]);
    char bl[256];
    la_case("%d×%d symmetric with eigenvalues %s (%s), k = %d, tol = 1e-13, max_iter = 5000; "
            "tolerances %.1e for λ, 1e-4 for the eigenvector angles",
            n, n, la_fmt_vec(lam, n, bl, sizeof bl), what, k, ltol);
    run_top(A, k, lambda, &V, 5000, 1e-13);
    expect_top(A, k, lambda, V, lam, Q, ltol, 1e-4);
    free(lambda);
    mat_free(A);
    mat_free(Q);
    mat_free(V);
}

/* ---- Core ---------------------------------------------------------------------------- */

/* power_iteration on A = Q·diag(lam)·Qᵀ (lam[0] dominant, |lam[1]| next), random start. */
static void dominant_case(int n, const double *lam, double tol, int max_iter, unsigned salt,
                          const char *what)
{
    LaRng r = la_rng(salt);
    Matrix *Q, *A = with_spectrum(&r, n, lam, &Q);
    double *v0 = malloc(sizeof(double) * (size_t)n), *v = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        v0[i] = la_normal(&r);
    double gap = fabs(lam[0]) - fabs(lam[1]), ltol, vtol;
    char bl[256];
    if (tol > 0)
        ltol = lambda_tol(n, lam[0], lam[1], tol);
    else
        ltol = la_tol(n, 1.0) * fabs(lam[0]);
    vtol = sqrt(ltol / gap);
    la_case("%d×%d symmetric with eigenvalues %s (%s), random start, tol = %g, max_iter = %d; "
            "tolerances %.1e for λ, %.1e for sin θ(v, q₁)",
            n, n, la_fmt_vec(lam, n, bl, sizeof bl), what, tol, max_iter, ltol, vtol);
    double got = run_power(A, v0, v, max_iter, tol);
    expect_dominant(A, got, v, lam[0], Q, 0, ltol, vtol);
    free(v0);
    free(v);
    mat_free(A);
    mat_free(Q);
}

LA_TEST(dominant_eigenpair_with_clear_gap)
{
    static const double lam[] = { 10, 6, -4, 3, 2, 1, 0.5, -0.25 };
    dominant_case(8, lam, 1e-10, 1000, 1, "|λ₂/λ₁| = 0.6");
}

LA_TEST(negative_dominant_eigenvalue)
{
    static const double lam[] = { -8, 5, -3, 2, 1, 0.2 };
    dominant_case(6, lam, 1e-10, 1000, 2, "the dominant one is negative: v flips sign every "
                                          "step, vᵀAv tends to −8");
}

LA_TEST(tol_zero_runs_to_full_accuracy)
{
    static const double lam[] = { 5, -3, 2, 1.5, 1, 0.5, 0.3, -0.2, 0.1, 0.05, 0.02, 0.01 };
    dominant_case(12, lam, 0.0, 300, 3, "tol = 0: all 300 steps, down to rounding");
}

LA_TEST(top_eigs_recovers_k_eigenpairs)
{
    static const double lam[] = { 12, -9, 6, -4, 2, 1.5, 1, 0.5, 0.3, 0.1 };
    top_case(10, 4, lam, 4, "mixed signs, ordered by |λ|");
}

LA_TEST(top_eigs_covariance_principal_components)
{
    /* 300 samples of 6 features with spreads 5, 3, 2, 1, 0.5, 0.2 along random directions:
       the top 3 eigenpairs of the covariance are the first 3 principal components. */
    enum { N = 300, D = 6, K = 3 };
    static const double spread[D] = { 5, 3, 2, 1, 0.5, 0.2 };
    LaRng r = la_rng(5);
    Matrix *R = la_mat_orthonormal(&r, D, D), *X = mat_new(N, D), *C = mat_new(D, D);
    for (int i = 0; i < N; i++)
        for (int l = 0; l < D; l++) {
            double z = spread[l] * la_normal(&r);
            for (int j = 0; j < D; j++)
                MAT(X, i, j) += z * MAT(R, j, l);
        }
    double mean[D] = { 0 };
    for (int i = 0; i < N; i++)
        for (int j = 0; j < D; j++)
            mean[j] += MAT(X, i, j) / N;
    for (int i = 0; i < N; i++)
        for (int p = 0; p < D; p++)
            for (int q = p; q < D; q++)
                MAT(C, p, q) += (MAT(X, i, p) - mean[p]) * (MAT(X, i, q) - mean[q]) / (N - 1);
    for (int p = 0; p < D; p++)
        for (int q = 0; q < p; q++)
            MAT(C, p, q) = MAT(C, q, p);
    double s[D], lambda[K];
    Matrix *U = mat_new(D, D), *V;
    la_svd(C, s, U, NULL); /* C is positive semidefinite: σ = λ and U = its eigenvectors */
    double ltol = 1e-8 * s[0];
    char bs[256];
    la_case("covariance of 300 samples × 6 features, eigenvalues (la_svd) %s; k = 3, "
            "tol = 1e-13: the first 3 principal components; tolerances %.1e for λ, 1e-4 for "
            "angles",
            la_fmt_vec(s, D, bs, sizeof bs), ltol);
    run_top(C, K, lambda, &V, 5000, 1e-13);
    expect_top(C, K, lambda, V, s, U, ltol, 1e-4);
    mat_free(R);
    mat_free(X);
    mat_free(C);
    mat_free(U);
    mat_free(V);
}

/* ---- Edge ---------------------------------------------------------------------------- */

LA_TEST(start_vector_is_respected)
{
    /* A = [B 0; 0 C] with B 3×3 (eigenvalues 4, 2, −1) and C 2×2 (eigenvalues 9, 1). From a
       start vector (x, y, z, 0, 0) every Aᵏv stays exactly in the first block: the iteration
       must find 4, not 9. */
    static const double lb[] = { 4, 2, -1 }, lc[] = { 9, 1 };
    LaRng r = la_rng(6);
    Matrix *QB, *QC, *B = with_spectrum(&r, 3, lb, &QB), *C = with_spectrum(&r, 2, lc, &QC);
    Matrix *A = mat_new(5, 5), *Q = mat_new(5, 5);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            MAT(A, i, j) = MAT(B, i, j);
            MAT(Q, i, j) = MAT(QB, i, j);
        }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            MAT(A, 3 + i, 3 + j) = MAT(C, i, j);
    double v0[5] = { la_normal(&r), la_normal(&r), la_normal(&r), 0, 0 }, v[5];
    double ltol = lambda_tol(5, 4, 2, 1e-10);
    la_case("5×5 block diagonal [B 0; 0 C], B with eigenvalues 4, 2, −1 and C with 9, 1; start "
            "v = (%.3g, %.3g, %.3g, 0, 0), tol = 1e-10",
            v0[0], v0[1], v0[2]);
    double got = run_power(A, v0, v, 1000, 1e-10);
    if (fabs(got - 9.0) <= 1e-3)
        la_fail("power_iteration returned λ = %.10g, the eigenvalue 9 of the lower block, but "
                "from v = (x, y, z, 0, 0) every Aᵏv has zeros in its last two entries — it "
                "can only find 4. Start from the v you are given (normalise it, don't replace "
                "it)",
                got);
    expect_dominant(A, got, v, 4.0, Q, 0, ltol, sqrt(ltol / 2.0));

    /* one step: v = Av₀/‖Av₀‖ exactly (either sign), λ = vᵀAv */
    double w[5], rq;
    la_matvec(A, v0, w);
    double nw = la_vnorm(w, 5);
    for (int i = 0; i < 5; i++)
        w[i] /= nw;
    la_case("5×5 block diagonal as before, start v₀ = (%.3g, %.3g, %.3g, 0, 0), max_iter = 1, "
            "tol = 0: exactly one step, v = Av₀/‖Av₀‖",
            v0[0], v0[1], v0[2]);
    got = run_power(A, v0, v, 1, 0.0);
    la_expect_finite(v, 5, "v");
    if (w[0] * v[0] < 0)
        for (int i = 0; i < 5; i++)
            w[i] = -w[i];
    la_expect_vec_near(v, w, 5, la_tol(5, 1),
                       "v after one step (max_iter = 1)",
                       "one step is v ← Av/‖Av‖ from the v you were given: max_iter bounds the "
                       "number of multiplications by A");
    rq = rayleigh(A, v);
    la_expect_near(got, rq, la_tol(5, 1) * 9.0, "the returned λ after one step",
                   "return λ = vᵀAv for the v you return — computed after updating v");
    mat_free(A);
    mat_free(Q);
    mat_free(B);
    mat_free(C);
    mat_free(QB);
    mat_free(QC);
}

LA_TEST(one_by_one_and_2x2)
{
    static const double a1[] = { -3 }, a2[] = { 2, 1, 1, 2 };
    double v0 = 2.0, v, q1[] = { 1 };
    Matrix *A = la_mat(1, 1, a1), *Q = la_mat(1, 1, q1);
    la_case("1×1 A = [−3], start v = (2): λ = −3, v = (±1)");
    double got = run_power(A, &v0, &v, 100, 1e-12);
    expect_dominant(A, got, &v, -3.0, Q, 0, 1e-14, 1e-14);
    mat_free(A);
    mat_free(Q);

    static const double h = 0.70710678118654752440; /* 1/√2 */
    const double q2[] = { h, -h, h, h };
    double s0[] = { 1, 0 }, s[2];
    A = la_mat(2, 2, a2);
    Q = la_mat(2, 2, q2);
    double ltol = lambda_tol(2, 3, 1, 1e-12);
    la_case("A = [2 1; 1 2] (eigenvalues 3 and 1), start v = (1, 0), tol = 1e-12: λ = 3 with "
            "v = ±(1, 1)/√2; tolerances %.1e for λ, %.1e for the angle",
            ltol, sqrt(ltol / 2));
    got = run_power(A, s0, s, 1000, 1e-12);
    expect_dominant(A, got, s, 3.0, Q, 0, ltol, sqrt(ltol / 2));
    mat_free(A);
    mat_free(Q);
}

LA_TEST(tolerance_is_relative)
{
    /* the same spectrum at scales 1e-6 and 1e6: tol is relative to |λ| */
    static const double base[] = { 10, 6, -4, 3, 1 };
    static const double scales[] = { 1e-6, 1e6 };
    for (int t = 0; t < 2; t++) {
        double lam[5];
        for (int i = 0; i < 5; i++)
            lam[i] = base[i] * scales[t];
        LaRng r = la_rng(7);
        Matrix *Q, *A = with_spectrum(&r, 5, lam, &Q);
        double v0[5], v[5];
        for (int i = 0; i < 5; i++)
            v0[i] = la_normal(&r);
        double ltol = lambda_tol(5, lam[0], lam[1], 1e-10);
        la_case("5×5 with eigenvalues (10, 6, −4, 3, 1)·%g, tol = 1e-10: stop when λ changes "
                "by less than tol·|λ| = %.0e — relative, not absolute; tolerance %.1e for λ",
                scales[t], 1e-10 * lam[0], ltol);
        double got = run_power(A, v0, v, 1000, 1e-10);
        expect_dominant(A, got, v, lam[0], Q, 0, ltol, sqrt(ltol / (0.4 * lam[0])));
        mat_free(A);
        mat_free(Q);
    }
}

LA_TEST(top_eigs_orders_by_absolute_value)
{
    static const double lam[] = { -10, 7, -5, 3, 1, 0.5 };
    top_case(6, 4, lam, 8, "largest |λ| first: −10, 7, −5, 3 — not sorted by sign");
}

LA_TEST(top_eigs_repeated_eigenvalue)
{
    static const double lam[] = { 6, 6, -3, 1, 0.5, 0.2, 0.1 };
    top_case(7, 3, lam, 9, "6 twice: any two orthonormal vectors of its plane are right");
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("power_iteration");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, dominant_eigenpair_with_clear_gap);
    tcase_add_test(core, negative_dominant_eigenvalue);
    tcase_add_test(core, tol_zero_runs_to_full_accuracy);
    tcase_add_test(core, top_eigs_recovers_k_eigenpairs);
    tcase_add_test(core, top_eigs_covariance_principal_components);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, start_vector_is_respected);
    tcase_add_test(edge, one_by_one_and_2x2);
    tcase_add_test(edge, tolerance_is_relative);
    tcase_add_test(edge, top_eigs_orders_by_absolute_value);
    tcase_add_test(edge, top_eigs_repeated_eigenvalue);
    return s;
}

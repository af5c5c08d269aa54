/*
 * grader.c — svd_jacobi (week 3): the thin SVD A = U·diag(S)·Vᵀ, A m×n with m ≥ n.
 *
 * Graded by what an SVD must be, so every sign of a singular-vector pair (uⱼ, vⱼ together),
 * every basis of a repeated singular value's subspaces and every completion of U for σ = 0
 * is accepted: S ≥ 0 and decreasing; UᵀU = I and VᵀV = I; Avⱼ = σⱼuⱼ column by column;
 * ‖A − U·diag(S)·Vᵀ‖/‖A‖ small; S against la_svd (the grader's own Jacobi SVD of A); vⱼ and
 * uⱼ against la_svd's by angle (by subspace, la_outside, for a repeated σ; vⱼ only for σ = 0,
 * where uⱼ is any unit vector perpendicular to the rest). Cases: the 18.06 L29 examples
 * [4 4; −3 3] and [4 3; 8 6] (rank 1), random tall 30×8, κ = 1e10, a column vector and 1×1,
 * orthogonal columns in the wrong order, repeated σ, rank-deficient (zero and repeated
 * columns, rank 3 of 6), σ from 1 down to 1e-15.
 * Tolerances (printed on failure): rotations are backward stable, so S is within
 * la_tol(m, 1)·σ₀ (64·m·ε·σ₀), Avⱼ = σⱼuⱼ within la_tol(m, 1)·‖A‖_F, the reconstruction
 * within la_tol(m, 1) relative, UᵀU and VᵀV within la_tol(m, 1); a singular vector is turned
 * by rounding of size ε·‖A‖ by about ε·‖A‖/gap, so its angle is within la_tol(m, σ₀/gap),
 * gap = the distance from σⱼ to the nearest other singular value.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_ROTATE =
    "for a pair p < q with α = w_p·w_p, β = w_q·w_q, γ = w_p·w_q: ζ = (β − α)/(2γ), "
    "t = sign(ζ)/(|ζ| + √(1 + ζ²)), c = 1/√(1 + t²), s = c·t; col p ← c·col p − s·col q, "
    "col q ← s·col p + c·col q, on W and on V alike — afterwards w_p·w_q = 0";
static const char *IDEA_SORT =
    "sort the triplets by decreasing σ: when σⱼ moves to position k, move column j of U and "
    "column j of V to column k too";

/* Calls svd_jacobi with S NaN-filled and U, V zero-filled; fails if A changed or the return
   is not 0. Caller frees *U, *V. */
static void run(const Matrix *A, Matrix **U, double *S, Matrix **V)
{
    Matrix *before = la_mat_copy(A);
    *U = mat_new(A->rows, A->cols);
    *V = mat_new(A->cols, A->cols);
    la_fill(S, A->cols, NAN);
    int rc = svd_jacobi(A, *U, S, *V);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    if (rc != 0)
        la_fail("svd_jacobi returned %d, expected 0: every matrix has an SVD. If your sweeps "
                "ran out, the rotations are not making columns orthogonal — check the "
                "rotation: %s. Stop "
                "when no pair has |w_p·w_q| > ε·√(αβ) (relative: a fixed threshold is never "
                "reached on large matrices and reached too soon on small ones)",
                rc, IDEA_ROTATE);
}

/* (column p of X)·(column q of Y) */
static double col_dot(const Matrix *X, int p, const Matrix *Y, int q)
{
    double acc = 0.0;
    for (int i = 0; i < X->rows; i++)
        acc += MAT(X, i, p) * MAT(Y, i, q);
    return acc;
}

/* QᵀQ = I within tol, for Q = U (m×n) or V (n×n); the message says what to fix. */
static void expect_orthonormal(const Matrix *Q, const char *name, double tol, int is_u)
{
    int n = Q->cols;
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double g = col_dot(Q, i, Q, j), d = fabs(g - (i == j ? 1.0 : 0.0));
            if (d <= tol)
                continue;
            if (i == j && g == 0.0 && is_u)
                la_fail("column %d of U is zero: σ%d = 0 (A is rank-deficient), so w%d has "
                        "no direction to normalise — but U needs orthonormal columns. Make "
                        "it a unit vector perpendicular to the other columns of U "
                        "(Gram–Schmidt on e₀, e₁, … against them)",
                        i, i, i);
            if (i == j)
                la_fail("column %d of %s has squared length %.17g, not 1 (tolerance %.1e): "
                        "%s",
                        i, name, g, tol,
                        is_u ? "uⱼ = wⱼ/σⱼ with σⱼ = ‖wⱼ‖ (or, when σⱼ = 0, a unit vector "
                               "perpendicular to the other columns)"
                             : "V is a product of rotations (c² + s² = 1) applied to I — start "
                               "from V = I and use c = 1/√(1 + t²), s = c·t");
            la_fail("columns %d and %d of %s are not perpendicular: their dot product is %.3g "
                    "(tolerance %.1e). %s",
                    i, j, name, g, tol,
                    is_u ? "The columns of W must be orthogonal when you stop: keep sweeping "
                           "until every pair has |w_p·w_q| ≤ ε·‖w_p‖‖w_q‖ — a test relative to "
                           "the columns' lengths, so that small columns get orthogonal too"
                         : "Apply every rotation to V as well, with the same c and s as on W");
        }
}

/* Singular values that are 0 up to rounding, relative to σ₀ */
static int is_zero(double s, double s0, int m)
{
    return s <= la_tol(m, 1.0) * s0;
}

/* Every property of a thin SVD of A, and agreement with la_svd. */
static void expect_svd(const Matrix *A, const Matrix *U, const double *S, const Matrix *V)
{
    int m = A->rows, n = A->cols;
    double na = la_mat_norm(A), tol = la_tol(m, 1.0);
    double *s = malloc(sizeof(double) * (size_t)n);
    Matrix *Ur = mat_new(m, n), *Vr = mat_new(n, n);
    char bw[256], bg[256];
    la_svd(A, s, Ur, Vr);
    la_expect_finite(S, n, "S");
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++)
            if (!isfinite(MAT(U, i, j)) && is_zero(S[j], S[0], m))
                la_fail("U(%d,%d) is %g: σ%d = %g, so w%d is (numerically) the zero vector and "
                        "w%d/σ%d is 0/0. A is rank-deficient: make column %d of U a unit "
                        "vector "
                        "perpendicular to the other columns of U instead (Gram–Schmidt on e₀, "
                        "e₁, … against them)",
                        i, j, MAT(U, i, j), j, S[j], j, j, j, j);
    la_expect_mat_finite(U, "U");
    la_expect_mat_finite(V, "V");
    for (int j = 0; j < n; j++)
        if (!(S[j] >= 0.0))
            la_fail("S[%d] = %.10g is negative: a singular value is a length, σⱼ = ‖wⱼ‖ ≥ 0",
                    j, S[j]);
    for (int j = 0; j + 1 < n; j++)
        if (!(S[j] >= S[j + 1]))
            la_fail("S is not in decreasing order: S[%d] = %.10g < S[%d] = %.10g (got %s). "
                    "Revisit: %s",
                    j, S[j], j + 1, S[j + 1], la_fmt_vec(S, n, bg, sizeof bg), IDEA_SORT);
    for (int j = 0; j < n; j++)
        if (!(fabs(S[j] - s[j]) <= tol * s[0]))
            la_fail("S[%d] = %.15g, expected %.15g (|Δ| = %.2e, tolerance la_tol(m, 1)·σ₀ = "
                    "%.1e); expected %s, got %s. σⱼ = ‖wⱼ‖ once every pair of columns of W is "
                    "orthogonal. Revisit: %s",
                    j, S[j], s[j], fabs(S[j] - s[j]), tol * s[0],
                    la_fmt_vec(s, n, bw, sizeof bw), la_fmt_vec(S, n, bg, sizeof bg),
                    IDEA_ROTATE);
    expect_orthonormal(V, "V", la_tol(n, 1.0), 0);
    expect_orthonormal(U, "U", tol, 1);

    /* Avⱼ = σⱼuⱼ */
    double *av = malloc(sizeof(double) * (size_t)m), *vj = malloc(sizeof(double) * (size_t)n);
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++)
            vj[i] = MAT(V, i, j);
        la_matvec(A, vj, av);
        double res = 0.0, flip = 0.0, len = la_vnorm(av, m);
        for (int i = 0; i < m; i++) {
            res = hypot(res, av[i] - S[j] * MAT(U, i, j));
            flip = hypot(flip, av[i] + S[j] * MAT(U, i, j));
        }
        if (res <= tol * na)
            continue;
        if (flip <= tol * na)
            la_fail("A·v%d = −σ%d·u%d: column %d of U has the opposite sign to column %d of V. "
                    "Either sign is right for a pair, but the pair goes together: "
                    "uⱼ = A·vⱼ/σⱼ — if you flip one, flip the other",
                    j, j, j, j, j);
        for (int k = 0; k < n; k++)
            if (k != j && fabs(len - S[k]) <= tol * na && fabs(S[k] - S[j]) > tol * na)
                la_fail("A·v%d has length %.10g = S[%d], not S[%d] = %.10g: column %d of V "
                        "belongs to another singular value. Revisit: %s",
                        j, len, k, j, S[j], j, IDEA_SORT);
        la_fail("A·vⱼ ≠ σⱼ·uⱼ for j = %d: ‖A·v − σ·u‖ = %.2e (tolerance la_tol(m, 1)·‖A‖ = "
                "%.1e). W = AV must hold all along: apply each rotation to the columns of W "
                "and of V alike, then uⱼ = wⱼ/σⱼ. Revisit: %s",
                j, res, tol * na, IDEA_ROTATE);
    }
    free(av);
    free(vj);

    /* A = U·diag(S)·Vᵀ */
    double err = 0.0;
    for (int i = 0; i < m; i++)
        for (int k = 0; k < n; k++) {
            double acc = 0.0;
            for (int j = 0; j < n; j++)
                acc += MAT(U, i, j) * S[j] * MAT(V, k, j);
            err = hypot(err, MAT(A, i, k) - acc);
        }
    if (!(err <= tol * na))
        la_fail("A ≠ U·diag(S)·Vᵀ: ‖A − UΣVᵀ‖/‖A‖ = %.2e (tolerance %.1e)", err / na, tol);

    /* singular vectors against la_svd's: by angle, or by subspace for a repeated σ */
    for (int j = 0; j < n;) {
        int end = j + 1;
        while (end < n && fabs(s[end] - s[j]) <= 1e-9 * s[0])
            end++;
        double gap = INFINITY;
        if (j > 0)
            gap = fmin(gap, s[j - 1] - s[j]);
        if (end < n)
            gap = fmin(gap, s[end - 1] - s[end]);
        double vtol = la_tol(m, s[0] / gap);
        /* a group that reaches down to σ = 0 has no determined u's: uⱼ for σⱼ = 0 is any unit
           vector perpendicular to the rest, and that freedom spreads over the group */
        int zero = is_zero(s[end - 1], s[0], m), d = end - j;
        for (int side = 0; side < 2 && vtol < 0.1 && d < n; side++) {
            if (side == 0 && zero)
                continue;
            const Matrix *X = side ? V : U, *Ref = side ? Vr : Ur;
            Matrix *B = mat_new(X->rows, d), *E = mat_new(X->rows, d);
            for (int i = 0; i < X->rows; i++)
                for (int c = 0; c < d; c++) {
                    MAT(B, i, c) = MAT(X, i, j + c);
                    MAT(E, i, c) = MAT(Ref, i, j + c);
                }
            int worst;
            double out = la_outside(B, d, E, &worst);
            if (!(out <= vtol))
                la_fail("column %d of %s is off the singular vector%s of σ = %.10g by %.2e "
                        "(sin of the angle; tolerance la_tol(m, σ₀/gap) = %.1e, gap %.3g)%s. "
                        "Revisit: %s",
                        j + worst, side ? "V" : "U", d > 1 ? "s" : "", s[j], out, vtol, gap,
                        d > 1 ? " — σ is repeated, so any orthonormal basis of its subspace "
                                "is right"
                              : "",
                        IDEA_ROTATE);
            mat_free(B);
            mat_free(E);
        }
        j = end;
    }
    free(s);
    mat_free(Ur);
    mat_free(Vr);
}

/* Runs and grades one matrix. */
static void svd_case(const Matrix *A)
{
    Matrix *U, *V;
    double *S = malloc(sizeof(double) * (size_t)A->cols);
    run(A, &U, S, &V);
    expect_svd(A, U, S, V);
    free(S);
    mat_free(U);
    mat_free(V);
}

/* ---- Core ---------------------------------------------------------------------------- */

LA_TEST(lecture_example_2x2)
{
    static const double a[] = { 4, 4, -3, 3 };
    double S[2], h = sqrt(0.5);
    Matrix *A = la_mat(2, 2, a), *U, *V;
    la_case("18.06 L29: A = [4 4; −3 3], AᵀA = [25 7; 7 25]: σ = √32 = 4√2 and √18 = 3√2, "
            "v = (1, 1)/√2 and (1, −1)/√2, u = (1, 0) and (0, −1), up to sign");
    run(A, &U, S, &V);
    expect_svd(A, U, S, V);
    la_expect_near(S[0], 4 * sqrt(2.0), 1e-14, "S[0]", "σ₀² is the largest eigenvalue of AᵀA");
    la_expect_near(S[1], 3 * sqrt(2.0), 1e-14, "S[1]", "σ₁² is the other eigenvalue of AᵀA");
    la_expect_near(fabs(MAT(V, 0, 0) * h + MAT(V, 1, 0) * h), 1.0, 1e-14, "|v₀·(1, 1)/√2|",
                   "v₀ is the eigenvector of AᵀA for its largest eigenvalue");
    la_expect_near(fabs(MAT(U, 0, 0)), 1.0, 1e-14, "|u₀·(1, 0)|", "u₀ = A·v₀/σ₀");
    mat_free(A);
    mat_free(U);
    mat_free(V);
}

LA_TEST(random_tall_30x8)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 30, 8);
    la_case("random 30×8 (30 samples, 8 features), κ≈%.1e", la_cond(A));
    svd_case(A);
    mat_free(A);
}

LA_TEST(ill_conditioned_kappa_1e10)
{
    LaRng r = la_rng(2);
    Matrix *A = la_mat_cond(&r, 16, 10, 1e10);
    la_case("16×10 with σ log-spaced from 1 to 1e-10 (κ = 1e10): S within la_tol(m, 1)·σ₀ = "
            "%.1e absolutely (the eigenvalues of AᵀA would only give σ to about √ε·σ₀ = 1e-8: "
            "rotate the columns of A itself)",
            la_tol(16, 1.0));
    svd_case(A);
    mat_free(A);
}

/* ---- Edge ---------------------------------------------------------------------------- */

LA_TEST(column_vector_and_1x1)
{
    static const double a[] = { 3, 0, -4, 12 }, one[] = { -3 };
    double S[1];
    Matrix *A = la_mat(4, 1, a), *U, *V;
    la_case("4×1 A = (3, 0, −4, 12): one singular value σ = ‖a‖ = 13, u = ±a/13, v = (±1) "
            "— no pairs to rotate");
    run(A, &U, S, &V);
    expect_svd(A, U, S, V);
    la_expect_near(S[0], 13.0, 1e-14, "S[0]", "for one column σ = ‖a‖");
    mat_free(A);
    mat_free(U);
    mat_free(V);
    A = la_mat(1, 1, one);
    la_case("1×1 A = [−3]: σ = 3 and u·v = −1 (u = [1], v = [−1] or u = [−1], v = [1])");
    run(A, &U, S, &V);
    expect_svd(A, U, S, V);
    la_expect_near(S[0], 3.0, 1e-15, "S[0]", "σ = |a| ≥ 0; the sign goes into u (or v)");
    mat_free(A);
    mat_free(U);
    mat_free(V);
}

LA_TEST(orthogonal_columns_in_the_wrong_order)
{
    /* columns already orthogonal (nothing to rotate), lengths 1, 3, 2: S = (3, 2, 1) */
    LaRng r = la_rng(3);
    Matrix *Q = la_mat_orthonormal(&r, 5, 3);
    static const double len[] = { 1, 3, 2 };
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 3; j++)
            MAT(Q, i, j) *= len[j];
    la_case("5×3 with orthogonal columns of lengths 1, 3, 2: W = A needs no rotation, V is a "
            "permutation, S = (3, 2, 1)");
    svd_case(Q);
    mat_free(Q);
}

LA_TEST(repeated_singular_values)
{
    static const double s[] = { 3, 3, 3, 1, 1, 0.5 };
    LaRng r = la_rng(4);
    Matrix *A = la_mat_svals(&r, 10, 6, s);
    la_case("10×6 with σ = (3, 3, 3, 1, 1, 0.5): any orthonormal basis of each repeated σ's "
            "singular subspaces is right (with Avⱼ = σⱼuⱼ)");
    svd_case(A);
    mat_free(A);
}

LA_TEST(rank_deficient)
{
    static const double a[] = { 4, 3, 8, 6 };
    Matrix *A = la_mat(2, 2, a);
    la_case("18.06 L29: A = [4 3; 8 6], rank 1: σ = (5√5, 0), v₀ = (4, 3)/5, u₀ = (1, 2)/√5, "
            "v₁ = (3, −4)/5 spans N(A), u₁ any unit vector ⟂ u₀");
    svd_case(A);
    mat_free(A);

    LaRng r = la_rng(5);
    A = la_mat_random(&r, 8, 5);
    for (int i = 0; i < 8; i++) {
        MAT(A, i, 3) = MAT(A, i, 1); /* a repeated feature */
        MAT(A, i, 4) = 0.0;          /* a feature that is always 0 */
    }
    la_case("8×5, column 3 = column 1 and column 4 = 0: rank 3, two σ = 0 — their columns of "
            "W come out as exact zero vectors");
    svd_case(A);
    mat_free(A);

    A = la_mat_rank(&r, 10, 6, 3);
    la_case("10×6 of rank 3 (σ = 2, 1.5, 1, then three zeros up to rounding)");
    svd_case(A);
    mat_free(A);
}

LA_TEST(tiny_singular_values)
{
    static const double s[] = { 1, 1e-4, 1e-8, 1e-12, 1e-15 };
    LaRng r = la_rng(6);
    Matrix *A = la_mat_svals(&r, 9, 5, s);
    la_case("9×5 with σ = (1, 1e-4, 1e-8, 1e-12, 1e-15): S within la_tol(m, 1)·σ₀ = %.1e, and "
            "U must stay orthonormal even where wⱼ is tiny",
            la_tol(9, 1.0));
    svd_case(A);
    mat_free(A);
}

LA_TEST(scale_does_not_matter)
{
    static const double scales[] = { 1e-9, 1e9 };
    for (int t = 0; t < 2; t++) {
        LaRng r = la_rng(7);
        Matrix *A = la_mat_random(&r, 7, 4);
        for (int i = 0; i < 28; i++)
            A->data[i] *= scales[t];
        la_case("random 7×4 times %g: the stopping test must be relative, |w_p·w_q| ≤ "
                "ε·‖w_p‖‖w_q‖",
                scales[t]);
        svd_case(A);
        mat_free(A);
    }
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("svd_jacobi");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, lecture_example_2x2);
    tcase_add_test(core, random_tall_30x8);
    tcase_add_test(core, ill_conditioned_kappa_1e10);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, column_vector_and_1x1);
    tcase_add_test(edge, orthogonal_columns_in_the_wrong_order);
    tcase_add_test(edge, repeated_singular_values);
    tcase_add_test(edge, rank_deficient);
    tcase_add_test(edge, tiny_singular_values);
    tcase_add_test(edge, scale_does_not_matter);
    return s;
}

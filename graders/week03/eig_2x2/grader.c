/*
 * grader.c — eig_2x2 (week 3): eigenvalues and unit eigenvectors of a symmetric 2×2 matrix.
 *
 * Graded by what an eigen-decomposition must be, so every sign of an eigenvector (and, for a
 * repeated eigenvalue, every choice of unit vectors) is accepted: lambda[0] ≥ lambda[1]; each
 * column of V has length 1; Av = λv for each column; and the eigenvalues agree with an
 * independent route — the singular values of A + cI (c = 2‖A‖_F makes it positive definite,
 * so its singular values are its eigenvalues) minus c. Known answers ([2 1; 1 2] → 3, 1 with
 * (1, 1)/√2, (1, −1)/√2), diagonal matrices (b = 0: nothing to divide by), multiples of I (r =
 * 0), the covariance of correlated data compared with la_svd's principal directions, 200
 * random matrices of scales 1e-4 to 1e4, and a tiny off-diagonal b that wipes out the textbook
 * eigenvector (b, λ − a) by cancellation. -1 for a matrix that is not 2×2 or not symmetric to
 * 1e-12 of its largest entry — a relative test, tried at scales 1e6 and 1e-14.
 * Tolerances (printed on failure): eigenvalues and the residual ‖Av − λv‖ within
 * la_tol(2, 1)·‖A‖_F = 1e-13·‖A‖_F (the closed form is accurate to a few ε·‖A‖), plus |b − c|
 * for a matrix that is symmetric only to 1e-12 (either of b, c or their mean is right); lengths
 * within 1e-13; an eigenvector's direction within la_tol(2, ‖A‖/gap), since rounding of size
 * ε·‖A‖ turns it by about ε·‖A‖/gap.
 */
#include <math.h>
#include <stdio.h>

#include "la4grade.h"

static const char *IDEA_ROOTS =
    "the eigenvalues are the roots of det(A − λI) = λ² − (a + d)λ + (ad − b²): λ = m ± r with "
    "m = (a + d)/2, h = (a − d)/2, r = √(h² + b²) (18.06 L21)";
static const char *IDEA_VECTOR =
    "an eigenvector solves (A − λI)v = 0: for λ₀ = m + r take (h + r, b) when a ≥ d, "
    "(b, r − h) when a < d, divide by its length; the other is perpendicular, (−v₁, v₀). "
    "(The textbook (b, λ − a) cancels to rounding error when b is small)";
static const char *IDEA_CANCEL =
    "when b is tiny next to a − d, the textbook eigenvector (b, λ₀ − a) = (b, r − h) "
    "subtracts two nearly equal numbers and keeps only rounding error. Build it from the row "
    "that adds instead: (h + r, b) when a ≥ d, (b, r − h) when a < d";

/* Calls eig_2x2 with lambda NaN-filled and V zero-filled; fails if A changed.
   Caller frees *V. */
static int run(const Matrix *A, double lambda[2], Matrix **V)
{
    Matrix *before = la_mat_copy(A);
    *V = mat_new(2, 2);
    la_fill(lambda, 2, NAN);
    int rc = eig_2x2(A, lambda, *V);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return rc;
}

static void expect_rc0(int rc, const Matrix *A)
{
    if (rc != 0)
        la_fail("eig_2x2 returned %d, expected 0: A is 2×2 and symmetric (A(0,1) = %.17g, "
                "A(1,0) = %.17g). Return -1 only when |A(0,1) − A(1,0)| > 1e-12·max|aᵢⱼ| — "
                "a test relative to the size of A's entries",
                rc, MAT(A, 0, 1), MAT(A, 1, 0));
}

/* The eigenvalues of A (2×2 symmetric), descending, by another route: σ(A + cI) − c. */
static void true_eigs(const Matrix *A, double want[2])
{
    double c = 2.0 * la_mat_norm(A), s[2];
    Matrix *B = la_mat_copy(A);
    MAT(B, 0, 0) += c;
    MAT(B, 1, 1) += c;
    la_svd(B, s, NULL, NULL);
    want[0] = s[0] - c;
    want[1] = s[1] - c;
    mat_free(B);
}

/* ‖A·(x, y) − lam·(x, y)‖ */
static double residual(const Matrix *A, double x, double y, double lam)
{
    return hypot(MAT(A, 0, 0) * x + MAT(A, 0, 1) * y - lam * x,
                 MAT(A, 1, 0) * x + MAT(A, 1, 1) * y - lam * y);
}

/* Every property of a correct answer; `idea` is what to revisit when Av ≠ λv. */
static void expect_eig(const Matrix *A, const double lambda[2], const Matrix *V,
                       const char *idea)
{
    double scale = la_mat_norm(A), tol = la_tol(2, 1.0), want[2];
    la_expect_finite(lambda, 2, "lambda");
    la_expect_mat_finite(V, "V");
    Matrix *S = la_mat_copy(A); /* the symmetric part (A may be symmetric only to rounding) */
    MAT(S, 0, 1) = MAT(S, 1, 0) = 0.5 * (MAT(A, 0, 1) + MAT(A, 1, 0));
    double asym = fabs(MAT(A, 0, 1) - MAT(A, 1, 0)); /* allowed on top of the tolerance */
    A = S;
    true_eigs(A, want);
    if (!(lambda[0] >= lambda[1]))
        la_fail("lambda = (%.10g, %.10g) is not in decreasing order: lambda[0] must be the "
                "larger eigenvalue m + r, lambda[1] = m − r, and column k of V the eigenvector "
                "of lambda[k] — if you swap the λs, swap the columns too",
                lambda[0], lambda[1]);
    for (int k = 0; k < 2; k++)
        if (!(fabs(lambda[k] - want[k]) <= tol * scale + asym))
            la_fail("lambda[%d] = %.15g, expected %.15g (|Δ| = %.2e, tolerance %.1e·‖A‖ = "
                    "%.1e). Sanity checks: λ₀ + λ₁ = trace = %.10g and λ₀λ₁ = det = %.10g. "
                    "Revisit: %s",
                    k, lambda[k], want[k], fabs(lambda[k] - want[k]), tol, tol * scale + asym,
                    MAT(A, 0, 0) + MAT(A, 1, 1),
                    MAT(A, 0, 0) * MAT(A, 1, 1) - MAT(A, 0, 1) * MAT(A, 1, 0), IDEA_ROOTS);
    for (int k = 0; k < 2; k++) {
        double len = hypot(MAT(V, 0, k), MAT(V, 1, k));
        if (!(fabs(len - 1.0) <= tol))
            la_fail("column %d of V = (%.6g, %.6g) has length %.10g, not 1 (tolerance %.0e): "
                    "an eigenvector times any number is still one, so make it a unit vector — "
                    "divide by its length √(x² + y²)",
                    k, MAT(V, 0, k), MAT(V, 1, k), len, tol);
    }
    /* Av = λv for each column; when that fails, say whether the rows of V or the columns
       in the other order would have been right */
    double rtol = tol * scale + asym, res[2], rows[2], swapped[2];
    for (int k = 0; k < 2; k++) {
        res[k] = residual(A, MAT(V, 0, k), MAT(V, 1, k), lambda[k]);
        rows[k] = residual(A, MAT(V, k, 0), MAT(V, k, 1), lambda[k]);
        swapped[k] = residual(A, MAT(V, 0, 1 - k), MAT(V, 1, 1 - k), lambda[k]);
    }
    for (int k = 0; k < 2; k++) {
        if (res[k] <= rtol)
            continue;
        if (rows[0] <= rtol && rows[1] <= rtol)
            la_fail("column %d of V = (%.6g, %.6g) is not an eigenvector for λ = %.10g, but "
                    "row %d is: the eigenvectors go in the columns of V — MAT(V, 0, k) and "
                    "MAT(V, 1, k) hold eigenvector k",
                    k, MAT(V, 0, k), MAT(V, 1, k), lambda[k], k);
        if (swapped[0] <= rtol && swapped[1] <= rtol)
            la_fail("column %d of V = (%.6g, %.6g) is the eigenvector of lambda[%d], not of "
                    "lambda[%d] = %.10g: keep each eigenvector with its eigenvalue — the one "
                    "for m + r goes in column 0",
                    k, MAT(V, 0, k), MAT(V, 1, k), 1 - k, k, lambda[k]);
        la_fail("Av ≠ λv for column %d of V: v = (%.10g, %.10g), λ = %.10g, ‖Av − λv‖ = %.2e "
                "(tolerance %.1e·‖A‖ = %.1e). Revisit: %s",
                k, MAT(V, 0, k), MAT(V, 1, k), lambda[k], res[k], tol, rtol, idea);
    }
    mat_free(S);
}

/* Column k of V is ±(x, y)/‖(x, y)‖ within tol (a known eigenvector). */
static void expect_direction(const Matrix *V, int k, double x, double y, double tol)
{
    double n = hypot(x, y), vx = MAT(V, 0, k), vy = MAT(V, 1, k);
    double sine = fabs(vx * y - vy * x) / n; /* |sin θ| between unit v and (x, y) */
    if (!(sine <= tol))
        la_fail("column %d of V = (%.10g, %.10g) is not along the eigenvector ±(%.6g, %.6g) "
                "(sin of the angle between them %.2e, tolerance %.1e). Revisit: %s",
                k, vx, vy, x / n, y / n, sine, tol, IDEA_VECTOR);
}

/* ---- Core ---------------------------------------------------------------------------- */

LA_TEST(known_answer_2_1_1_2)
{
    static const double a[] = { 2, 1, 1, 2 }, c[] = { 4, 2, 2, 1 };
    double lambda[2];
    Matrix *A = la_mat(2, 2, a), *V;
    la_case("A = [2 1; 1 2]: λ = 3 with v = (1, 1)/√2, λ = 1 with v = (1, −1)/√2");
    expect_rc0(run(A, lambda, &V), A);
    expect_eig(A, lambda, V, IDEA_VECTOR);
    la_expect_near(lambda[0], 3.0, 1e-14, "lambda[0]", IDEA_ROOTS);
    la_expect_near(lambda[1], 1.0, 1e-14, "lambda[1]", IDEA_ROOTS);
    expect_direction(V, 0, 1, 1, la_tol(2, 1));
    expect_direction(V, 1, 1, -1, la_tol(2, 1));
    mat_free(A);
    mat_free(V);

    A = la_mat(2, 2, c);
    la_case("A = [4 2; 2 1] (singular: row 2 = row 1/2): λ = 5 with v = (2, 1)/√5, λ = 0 "
            "with v = (−1, 2)/√5");
    expect_rc0(run(A, lambda, &V), A);
    expect_eig(A, lambda, V, IDEA_VECTOR);
    la_expect_near(lambda[0], 5.0, 1e-14, "lambda[0]", IDEA_ROOTS);
    la_expect_near(lambda[1], 0.0, 1e-14, "lambda[1]", IDEA_ROOTS);
    expect_direction(V, 0, 2, 1, la_tol(2, 1));
    expect_direction(V, 1, -1, 2, la_tol(2, 1));
    mat_free(A);
    mat_free(V);
}

LA_TEST(covariance_of_correlated_data)
{
    /* 400 students: hours studied x = 5 + 2z₁, exam score y = 60 + 8z₁ + 5z₂. */
    enum { N = 400 };
    LaRng r = la_rng(1);
    static double xs[N][2];
    double mean[2] = { 0, 0 };
    for (int i = 0; i < N; i++) {
        double z1 = la_normal(&r), z2 = la_normal(&r);
        xs[i][0] = 5 + 2 * z1;
        xs[i][1] = 60 + 8 * z1 + 5 * z2;
        mean[0] += xs[i][0] / N;
        mean[1] += xs[i][1] / N;
    }
    Matrix *C = mat_new(2, 2), *V, *U = mat_new(2, 2);
    for (int i = 0; i < N; i++)
        for (int p = 0; p < 2; p++)
            for (int q = 0; q < 2; q++)
                MAT(C, p, q) += (xs[i][p] - mean[p]) * (xs[i][q] - mean[q]) / (N - 1);
    MAT(C, 1, 0) = MAT(C, 0, 1); /* exactly symmetric */
    double s[2], lambda[2];
    la_svd(C, s, U, NULL); /* C is positive semidefinite: σ = λ, U = principal directions */
    double gap = s[0] - s[1], tol = la_tol(2, la_mat_norm(C) / gap);
    la_case("covariance of 400 (hours, score) pairs, C = [%.4g %.4g; %.4g %.4g]: principal "
            "variances %.6g and %.6g; direction tolerance la_tol(2, ‖C‖/gap) = %.1e",
            MAT(C, 0, 0), MAT(C, 0, 1), MAT(C, 1, 0), MAT(C, 1, 1), s[0], s[1], tol);
    expect_rc0(run(C, lambda, &V), C);
    expect_eig(C, lambda, V, IDEA_VECTOR);
    for (int k = 0; k < 2; k++)
        expect_direction(V, k, MAT(U, 0, k), MAT(U, 1, k), tol);
    mat_free(C);
    mat_free(U);
    mat_free(V);
}

LA_TEST(random_symmetric_matrices)
{
    LaRng r = la_rng(2);
    for (int t = 0; t < 200; t++) {
        double scale = pow(10.0, -4.0 + 8.0 * la_unif(&r)), lambda[2];
        double a = scale * la_normal(&r), b = scale * la_normal(&r), d = scale * la_normal(&r);
        if (t % 4 == 1)
            b *= 1e-3; /* nearly diagonal */
        if (t % 4 == 2)
            d = a + scale * 1e-3 * la_normal(&r); /* nearly equal diagonal */
        double e[] = { a, b, b, d };
        Matrix *A = la_mat(2, 2, e), *V;
        la_case("random symmetric A = [%.17g %.17g; %.17g %.17g] (matrix %d of 200)", a, b, b,
                d, t + 1);
        expect_rc0(run(A, lambda, &V), A);
        expect_eig(A, lambda, V, IDEA_VECTOR);
        mat_free(A);
        mat_free(V);
    }
}

/* ---- Edge ---------------------------------------------------------------------------- */

LA_TEST(diagonal_matrices)
{
    /* b = 0: (b, λ − a) can be the zero vector, and a formula dividing by b fails */
    static const struct { double a, d; } cases[] = { { 5, -1 }, { -1, 5 }, { 0, 7 }, { 3, 2 } };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double e[] = { cases[c].a, 0, 0, cases[c].d }, lambda[2];
        int big = cases[c].a >= cases[c].d ? 0 : 1; /* which axis carries λ₀ */
        Matrix *A = la_mat(2, 2, e), *V;
        la_case("diagonal A = [%g 0; 0 %g]: the eigenvalues are the diagonal entries, the "
                "eigenvectors the axes e₀ = (1, 0), e₁ = (0, 1) — λ₀ = %g goes with e%d",
                cases[c].a, cases[c].d, fmax(cases[c].a, cases[c].d), big);
        expect_rc0(run(A, lambda, &V), A);
        expect_eig(A, lambda, V,
                   "for b = 0 the eigenvectors are the axes; a formula that divides by b, or "
                   "builds (b, λ − a), may produce 0/0 or the zero vector here");
        expect_direction(V, 0, big == 0, big == 1, la_tol(2, 1));
        expect_direction(V, 1, big == 1, big == 0, la_tol(2, 1));
        mat_free(A);
        mat_free(V);
    }
}

LA_TEST(repeated_eigenvalue_any_unit_vectors)
{
    static const double mult[] = { 1.0, -2.5, 0.0 };
    for (int c = 0; c < 3; c++) {
        double e[] = { mult[c], 0, 0, mult[c] }, lambda[2];
        Matrix *A = la_mat(2, 2, e), *V;
        la_case("A = %g·I: λ = %g twice, and every vector is an eigenvector (r = 0, so the "
                "formula's vector can be (0, 0) — any unit vectors are right)",
                mult[c], mult[c]);
        expect_rc0(run(A, lambda, &V), A);
        expect_eig(A, lambda, V,
                   "when r = 0 the matrix is a·I and any unit vector is an eigenvector — but "
                   "a vector built from r and b is then (0, 0), and 0/0 is NaN: pick e.g. "
                   "(1, 0) and (0, 1)");
        mat_free(A);
        mat_free(V);
    }
}

LA_TEST(tiny_off_diagonal_needs_stable_formula)
{
    static const double cases[][4] = {
        { 2, 1e-9, 1e-9, 1 },
        { 1, 1e-9, 1e-9, 2 },
        { 400, 3e-7, 3e-7, 100 },
        { -3, 2e-12, 2e-12, -7 },
    };
    for (int c = 0; c < 4; c++) {
        double lambda[2];
        Matrix *A = la_mat(2, 2, cases[c]), *V;
        la_case("A = [%g %g; %g %g]: well separated eigenvalues (gap ≈ %g), so each "
                "eigenvector is determined to about ε — but b is tiny next to a − d",
                cases[c][0], cases[c][1], cases[c][2], cases[c][3],
                fabs(cases[c][0] - cases[c][3]));
        expect_rc0(run(A, lambda, &V), A);
        expect_eig(A, lambda, V, IDEA_CANCEL);
        mat_free(A);
        mat_free(V);
    }
}

/* ---- Errors -------------------------------------------------------------------------- */

LA_TEST(not_symmetric_returns_minus_one)
{
    static const struct { int m, n; double e[9]; const char *what; } bad[] = {
        { 2, 2, { 1, 2, 3, 4 }, "[1 2; 3 4] is not symmetric (A(0,1) = 2, A(1,0) = 3)" },
        { 2, 2, { 2e-14, 1e-14, 1.5e-14, 3e-14 },
          "[2e-14 1e-14; 1.5e-14 3e-14] is not symmetric: |b − c| = 5e-15 is a third of its "
          "largest entry. Tiny entries are not a reason to call it symmetric — compare with "
          "1e-12·max|aᵢⱼ|, not with a fixed number like 1e-12" },
        { 3, 3, { 1, 2, 0, 2, 1, 0, 0, 0, 1 },
          "a 3×3 matrix is not 2×2, symmetric or not: check A->rows and A->cols first" },
        { 2, 3, { 1, 2, 3, 4, 5, 6 }, "a 2×3 matrix is not square" },
    };
    for (size_t c = 0; c < sizeof bad / sizeof bad[0]; c++) {
        double lambda[2];
        Matrix *A = la_mat(bad[c].m, bad[c].n, bad[c].e), *V;
        la_case("%d×%d input that must be refused", bad[c].m, bad[c].n);
        int rc = run(A, lambda, &V);
        if (rc != -1)
            la_fail("eig_2x2 returned %d, expected -1: %s", rc, bad[c].what);
        mat_free(A);
        mat_free(V);
    }
    /* the other side of a relative test: large entries with an asymmetry of 1e-6 */
    double lambda[2], e[] = { 3e6, 1e6, 1e6 + 1e-6, -2e6 };
    Matrix *A = la_mat(2, 2, e), *V;
    la_case("A = [3e6 1e6; 1e6+1e-6 −2e6]: |b − c| = 1e-6 ≤ 1e-12·max|aᵢⱼ| = 3e-6, so it is "
            "symmetric (to rounding); use b = (A(0,1) + A(1,0))/2");
    int rc = run(A, lambda, &V);
    if (rc != 0)
        la_fail("eig_2x2 returned %d, expected 0: |A(0,1) − A(1,0)| = 1e-6 is 3e-13 of the "
                "largest entry 3e6 — rounding-sized. The symmetry test must be relative: "
                "-1 only when |b − c| > 1e-12·max|aᵢⱼ| (not b != c, not a fixed 1e-12)",
                rc);
    expect_eig(A, lambda, V, IDEA_VECTOR);
    mat_free(A);
    mat_free(V);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("eig_2x2");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, known_answer_2_1_1_2);
    tcase_add_test(core, covariance_of_correlated_data);
    tcase_add_test(core, random_symmetric_matrices);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, diagonal_matrices);
    tcase_add_test(edge, repeated_eigenvalue_any_unit_vectors);
    tcase_add_test(edge, tiny_off_diagonal_needs_stable_formula);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, not_symmetric_returns_minus_one);
    return s;
}

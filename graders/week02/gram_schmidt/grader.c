/*
 * grader.c — gram_schmidt (week 2, Coding Checkpoint #1 part 2).
 *
 * Grades A = QR by what it must be, not by how it was computed: QᵀQ = I, A = QR, R upper
 * triangular with a positive diagonal, and — since that makes the factorization unique —
 * agreement with the grader's own Householder QR (la_qr). Shapes: 1×1, square, tall (50×5),
 * random and ill-conditioned (κ = 1e6, 1e9, Läuchli's matrix). Tolerances (printed on failure):
 *   - A = QR is backward stable for any Gram–Schmidt: ‖A − QR‖/‖A‖ ≤ la_tol(m, 1);
 *   - orthogonality: modified Gram–Schmidt loses it like κ·ε, so ‖QᵀQ − I‖ ≤ la_tol(m, κ);
 *     classical Gram–Schmidt loses it like κ²·ε: it may scrape through κ = 1e6, but fails
 *     κ = 1e9 (by a factor > 30 over 300 seeds) and Läuchli's matrix;
 *   - a column that is a copy or a combination of earlier ones (twenty matrices, so that
 *     rounding noise of every size shows up), or zero, must give -1, while the
 *     same column nudged by 1e-6 of its length (a zero column: by 1e-9 of a typical column)
 *     is still independent and must give 0 — the dependence test has to be relative.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_NORMALIZE =
    "after removing the projections, divide v by its length: qⱼ = v/‖v‖ and rⱼⱼ = ‖v‖";
static const char *IDEA_ORTHO =
    "subtract its projection: for each earlier qᵢ, rᵢⱼ = qᵢ·v and v ← v − rᵢⱼqᵢ";
static const char *IDEA_MGS =
    "Use modified Gram–Schmidt: subtract each projection from the updated vector "
    "(rᵢⱼ = qᵢ·v with v already reduced by q₀…qᵢ₋₁), not from the original column aⱼ — "
    "classical Gram–Schmidt loses orthogonality like κ²·ε, modified like κ·ε";

/* The learner's factorization of A, with A checked unchanged afterwards. Caller frees Q, R. */
static int factor(const Matrix *A, Matrix **Q, Matrix **R)
{
    Matrix *before = la_mat_copy(A);
    *Q = mat_new(A->rows, A->cols);
    *R = mat_new(A->cols, A->cols);
    int rc = gram_schmidt(A, *Q, *R);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return rc;
}

static void expect_rc0(int rc)
{
    if (rc != 0)
        la_fail("gram_schmidt returned %d, expected 0: these columns are independent. Return "
                "-1 only when what is left of a column, ‖v‖, is tiny relative to ‖aⱼ‖ "
                "(e.g. ‖v‖ ≤ 1000·m·ε·‖aⱼ‖) — is your test relative, and is rⱼⱼ computed "
                "after the projections are removed?",
                rc);
}

/* QᵀQ = I within tol; the worst entry decides the message. `extra` adds a teaching line. */
static void expect_orthonormal(const Matrix *Q, double tol, const char *extra)
{
    int wi, wj;
    double gij, worst = la_orthonormality(Q, &wi, &wj, &gij);
    if (worst <= tol)
        return;
    if (wi == wj)
        la_fail("QᵀQ differs from I by %.1e at (%d,%d) (tolerance %.1e): column %d of Q has "
                "length %.6g, not 1 — %s",
                worst, wi, wj, tol, wj, sqrt(fabs(gij)), IDEA_NORMALIZE);
    la_fail("QᵀQ differs from I by %.1e at (%d,%d) (tolerance %.1e): column %d is not "
            "orthogonal to column %d (q%d·q%d = %.3g) — %s.%s%s",
            worst, wi, wj, tol, wj, wi, wi, wj, gij, IDEA_ORTHO, extra ? " " : "",
            extra ? extra : "");
}

/* R upper triangular (below the diagonal: 0, or rounding-sized — as when R is computed as
   QᵀA) with a positive diagonal. */
static void expect_upper_positive(const Matrix *R, double tiny)
{
    int n = R->cols;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (!(fabs(MAT(R, i, j)) <= tiny))
                la_fail("R(%d,%d) = %.6g is below the diagonal (allowed: 0, or rounding below "
                        "%.1e): R must be upper triangular — column j of A is built from "
                        "q₀…qⱼ only, so R(i,j) = 0 for i > j",
                        i, j, MAT(R, i, j), tiny);
    for (int j = 0; j < n; j++)
        if (!(MAT(R, j, j) > 0.0))
            la_fail("R(%d,%d) = %.6g, but the diagonal of R must be positive: rⱼⱼ = ‖v‖, the "
                    "length of what is left of column %d after removing its projections (if "
                    "you flip the sign of a row of R, flip column %d of Q too)",
                    j, j, MAT(R, j, j), j, j);
}

/* ‖A − QR‖/‖A‖ within la_tol(m, 1); names the worst column. */
static void expect_reconstructs(const Matrix *A, const Matrix *Q, const Matrix *R)
{
    int m = A->rows, n = A->cols;
    Matrix *QR = la_mat_mul(Q, R), *D = la_mat_sub(A, QR);
    double rel = la_mat_norm(D) / la_mat_norm(A), tol = la_tol(m, 1.0);
    int wj = 0;
    double wv = -1.0;
    for (int j = 0; j < n; j++) {
        double c = 0.0;
        for (int i = 0; i < m; i++)
            c = hypot(c, MAT(D, i, j));
        if (c > wv || isnan(c)) {
            wv = c;
            wj = j;
        }
    }
    mat_free(QR);
    mat_free(D);
    if (!(rel <= tol))
        la_fail("A = QR fails: ‖A − QR‖/‖A‖ = %.2e (tolerance %.1e), worst in column %d "
                "(‖aⱼ − Σᵢ rᵢⱼqᵢ‖ = %.2e). Column j of A must equal Σᵢ rᵢⱼqᵢ: store in R(i,j) "
                "exactly the coefficient rᵢⱼ = qᵢ·v you subtracted, and rⱼⱼ = ‖v‖ before "
                "normalizing",
                rel, tol, wj, wv);
}

/* Every property of a correct thin QR. kappa scales the orthogonality tolerance. */
static void expect_qr(const Matrix *A, const Matrix *Q, const Matrix *R, double kappa,
                      const char *extra)
{
    la_expect_mat_finite(Q, "Q");
    la_expect_mat_finite(R, "R");
    expect_orthonormal(Q, la_tol(A->rows, kappa), extra);
    expect_upper_positive(R, la_tol(A->rows, kappa) * la_mat_norm(A));
    expect_reconstructs(A, Q, R);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(random_square_6x6)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 6, 6), *Q, *R;
    double kappa = la_cond(A);
    la_case("random 6×6, κ≈%.1e", kappa);
    expect_rc0(factor(A, &Q, &R));
    expect_qr(A, Q, R, kappa, NULL);
    mat_free(A);
    mat_free(Q);
    mat_free(R);
}

LA_TEST(tall_50x5)
{
    LaRng r = la_rng(2);
    Matrix *A = la_mat_random(&r, 50, 5), *Q, *R;
    double kappa = la_cond(A);
    la_case("random tall 50×5 (50 samples, 5 features), κ≈%.1e", kappa);
    expect_rc0(factor(A, &Q, &R));
    expect_qr(A, Q, R, kappa, NULL);
    mat_free(A);
    mat_free(Q);
    mat_free(R);
}

LA_TEST(small_integer_matrix)
{
    /* columns (1,0,0), (2,0,3), (4,5,6): q's are e₁, e₃, e₂ and R = [1 2 4; 0 3 6; 0 0 5] */
    static const double a[] = { 1, 2, 4, 0, 0, 5, 0, 3, 6 };
    Matrix *A = la_mat(3, 3, a), *Q, *R;
    la_case("3×3 A = [1 2 4; 0 0 5; 0 3 6]");
    expect_rc0(factor(A, &Q, &R));
    expect_qr(A, Q, R, la_cond(A), NULL);
    mat_free(A);
    mat_free(Q);
    mat_free(R);
}

LA_TEST(matches_householder_qr)
{
    LaRng r = la_rng(3);
    Matrix *A = la_mat_random(&r, 12, 7), *Q, *R;
    Matrix *Qh = mat_new(12, 7), *Rh = mat_new(7, 7);
    la_qr(A, Qh, Rh);
    double kappa = la_cond(A), tol = la_tol(12, kappa);
    la_case("random 12×7, κ≈%.1e, compared with Householder QR", kappa);
    expect_rc0(factor(A, &Q, &R));
    la_expect_mat_near(Q, Qh, tol, "Q",
                       "A = QR with QᵀQ = I and a positive diagonal in R is unique, so Q must "
                       "match Householder's Q column for column — a column with the opposite "
                       "sign means rⱼⱼ < 0; a scaled column means it was not normalized");
    la_expect_mat_near(R, Rh, tol * la_mat_maxabs(Rh), "R",
                       "R(i,j) = qᵢ·aⱼ above the diagonal, ‖v‖ on it, 0 below — the same "
                       "unique R that Householder QR finds");
    mat_free(A);
    mat_free(Q);
    mat_free(R);
    mat_free(Qh);
    mat_free(Rh);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(one_by_one)
{
    static const double vals[] = { 2.5, -3.0 };
    for (int t = 0; t < 2; t++) {
        Matrix *A = la_mat(1, 1, &vals[t]), *Q, *R;
        la_case("1×1 A = [%g]", vals[t]);
        expect_rc0(factor(A, &Q, &R));
        la_expect_near(MAT(R, 0, 0), fabs(vals[t]), 1e-15 * fabs(vals[t]), "R(0,0)",
                       "r₀₀ = ‖a₀‖ is a length, so it is positive even when a₀ is negative");
        la_expect_near(MAT(Q, 0, 0), vals[t] > 0 ? 1.0 : -1.0, 1e-15, "Q(0,0)",
                       "q₀ = a₀/‖a₀‖, a unit vector pointing the same way as a₀");
        mat_free(A);
        mat_free(Q);
        mat_free(R);
    }
}

/* An ill-conditioned m×n case: A = QR to rounding, QᵀQ = I to la_tol(m, κ). */
static void ill_conditioned(int m, int n, double kappa, unsigned salt)
{
    LaRng r = la_rng(salt);
    Matrix *A = la_mat_cond(&r, m, n, kappa), *Q, *R;
    char classical[96];
    double k2 = kappa * kappa * DBL_EPSILON;
    if (k2 < 1.0)
        snprintf(classical, sizeof classical, "classical up to κ²·ε = %.0e", k2);
    else
        snprintf(classical, sizeof classical, "classical can lose it all, κ²·ε > 1");
    la_case("%d×%d with κ = %.0e: QᵀQ tolerance 64·m·κ·ε = %.1e (modified Gram–Schmidt "
            "loses about κ·ε = %.0e, %s)",
            m, n, kappa, la_tol(m, kappa), kappa * DBL_EPSILON, classical);
    expect_rc0(factor(A, &Q, &R));
    expect_qr(A, Q, R, kappa, IDEA_MGS);
    mat_free(A);
    mat_free(Q);
    mat_free(R);
}

LA_TEST(ill_conditioned_kappa_1e6)
{
    ill_conditioned(30, 10, 1e6, 4);
}

LA_TEST(kappa_1e9_needs_modified_gram_schmidt)
{
    ill_conditioned(30, 10, 1e9, 8);
}

LA_TEST(lauchli_matrix_needs_modified_gram_schmidt)
{
    /* Läuchli's matrix: three columns (1, δ,0,0), (1,0,δ,0), (1,0,0,δ) that are nearly
       parallel. Classical Gram–Schmidt returns q₁·q₂ of order ε/δ² here; modified stays
       orthogonal to about κ·ε. */
    double d = 1e-7;
    double a[] = { 1, 1, 1, d, 0, 0, 0, d, 0, 0, 0, d };
    Matrix *A = la_mat(4, 3, a), *Q, *R;
    double kappa = la_cond(A);
    la_case("Läuchli 4×3 [1 1 1; δ 0 0; 0 δ 0; 0 0 δ], δ = 1e-7, κ≈%.1e: QᵀQ tolerance "
            "64·m·κ·ε = %.1e",
            kappa, la_tol(4, kappa));
    expect_rc0(factor(A, &Q, &R));
    expect_qr(A, Q, R, kappa, IDEA_MGS);
    mat_free(A);
    mat_free(Q);
    mat_free(R);
}

/* ---- Errors --------------------------------------------------------------------------- */

/* Column `dep` of A is `what`, a combination of earlier columns: gram_schmidt must say -1. */
static void expect_dependent(const Matrix *A, int dep, const char *what)
{
    Matrix *Q, *R;
    int rc = factor(A, &Q, &R);
    mat_free(Q);
    mat_free(R);
    double size = 0.0;
    for (int i = 0; i < A->rows; i++)
        size = hypot(size, MAT(A, i, dep));
    if (rc != -1 && size == 0.0)
        la_fail("gram_schmidt returned %d, expected -1: column %d is zero, so nothing is left "
                "of it: ‖v‖ = ‖a%d‖ = 0. Use ≤ in the test ‖v‖ ≤ 1000·m·ε·‖aⱼ‖ so that it "
                "catches a zero column too, and test before you divide by ‖v‖",
                rc, dep, dep);
    if (rc != -1)
        la_fail("gram_schmidt returned %d, expected -1: column %d is %s, so after removing its "
                "projections nothing is left — ‖v‖ is rounding noise, between about 0.1·ε and "
                "a few ε times ‖a%d‖ (not exactly 0, so a test like ‖v‖ == 0 or ‖v‖ ≤ ε·‖aⱼ‖ "
                "misses it). Leave a margin, relative to ‖aⱼ‖: return -1 when "
                "‖v‖ ≤ 1000·m·ε·‖aⱼ‖, before you divide by it",
                rc, dep, what, dep);
}

/* A (m×n) whose column `dep` is a combination of earlier columns: -1. Then the same matrix
   with that column nudged by a random vector of length `nudge` (relative to the column, or
   to the average column when the column is 0): still independent, so 0 and a valid QR. */
static void dependent_case(Matrix *A, int dep, const char *what, double nudge, LaRng *r)
{
    int m = A->rows, n = A->cols;
    Matrix *Q, *R;
    la_case("%d×%d, column %d = %s", m, n, dep, what);
    expect_dependent(A, dep, what);

    double size = 0.0;
    for (int i = 0; i < m; i++)
        size = hypot(size, MAT(A, i, dep));
    int zero = size == 0.0;
    if (zero)
        size = la_mat_norm(A) / sqrt((double)n);
    double *v = malloc(sizeof(double) * (size_t)m);
    for (int i = 0; i < m; i++)
        v[i] = la_normal(r);
    double nv = la_vnorm(v, m);
    for (int i = 0; i < m; i++)
        MAT(A, i, dep) += nudge * size * v[i] / nv;
    free(v);
    double kappa = la_cond(A);
    la_case("%d×%d, column %d = %s, then nudged by a random vector %.0e times as long as "
            "%s: independent, κ≈%.1e",
            m, n, dep, what, nudge, zero ? "a typical column" : "the column", kappa);
    int rc = factor(A, &Q, &R);
    if (rc != 0)
        la_fail("gram_schmidt returned %d, expected 0: column %d now has a component of "
                "relative size %.0e outside the earlier columns, so it is independent. Your "
                "threshold for \"dependent\" is too coarse or not relative: compare ‖v‖ with "
                "‖aⱼ‖ (1000·m·ε times it), not with a fixed number",
                rc, dep, nudge);
    expect_qr(A, Q, R, kappa, NULL);
    mat_free(Q);
    mat_free(R);
}

LA_TEST(duplicate_column_returns_minus_one)
{
    LaRng r = la_rng(5);
    Matrix *A = la_mat_random(&r, 10, 4);
    for (int i = 0; i < 10; i++)
        MAT(A, i, 2) = MAT(A, i, 0);
    dependent_case(A, 2, "a copy of column 0", 1e-6, &r);
    mat_free(A);
}

LA_TEST(combination_of_earlier_columns_returns_minus_one)
{
    /* Non-integer coefficients: ‖v‖ ends up as rounding noise of either size, 20 times over. */
    LaRng r = la_rng(6);
    static const char *what = "0.3·col 0 + 1.7·col 1 − 0.9·col 2 + col 3";
    for (int t = 0; t < 20; t++) {
        Matrix *A = la_mat_random(&r, 20, 5);
        for (int i = 0; i < 20; i++)
            MAT(A, i, 4) = 0.3 * MAT(A, i, 0) + 1.7 * MAT(A, i, 1) - 0.9 * MAT(A, i, 2) +
                           MAT(A, i, 3);
        if (t < 19) {
            la_case("20×5, column 4 = %s (matrix %d of 20)", what, t + 1);
            expect_dependent(A, 4, what);
        } else {
            dependent_case(A, 4, what, 1e-6, &r);
        }
        mat_free(A);
    }
}

LA_TEST(zero_column_returns_minus_one)
{
    LaRng r = la_rng(7);
    Matrix *A = la_mat_random(&r, 6, 3);
    for (int i = 0; i < 6; i++)
        MAT(A, i, 0) = 0.0;
    dependent_case(A, 0, "the zero vector (a feature that is always 0)", 1e-9, &r);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("gram_schmidt");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, random_square_6x6);
    tcase_add_test(core, tall_50x5);
    tcase_add_test(core, small_integer_matrix);
    tcase_add_test(core, matches_householder_qr);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, one_by_one);
    tcase_add_test(edge, ill_conditioned_kappa_1e6);
    tcase_add_test(edge, kappa_1e9_needs_modified_gram_schmidt);
    tcase_add_test(edge, lauchli_matrix_needs_modified_gram_schmidt);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, duplicate_column_returns_minus_one);
    tcase_add_test(err, combination_of_earlier_columns_returns_minus_one);
    tcase_add_test(err, zero_column_returns_minus_one);
    return s;
}

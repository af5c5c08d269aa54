/*
 * grader.c — projection (week 2): projection_matrix and project.
 *
 * P is graded by what a projection onto C(A) must be: symmetric (Pᵀ = P), idempotent
 * (P² = P), the identity on C(A) (PA = A), with trace P = rank A = n, and equal to QQᵀ where
 * Q is the grader's own orthonormal basis of C(A) (Householder QR). project() is graded by
 * p + e = b, Aᵀe = 0 (the residual is perpendicular to every column), p = Pb, and p = A x̂ with
 * x̂ from the grader's least squares (la_lstsq). Both must return -1 when AᵀA is singular
 * (a repeated column, a combination of columns, a zero column — twenty times over for a
 * combination whose pivot is pure rounding noise) and 0 for nearly the same matrix nudged
 * into independence.
 * Tolerances: P = A(AᵀA)⁻¹Aᵀ goes through AᵀA, which squares the condition number, so every
 * tolerance is la_tol(m, κ²) = 64·m·κ²·ε (relative to ‖b‖ for vectors).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_FORMULA =
    "P = A(AᵀA)⁻¹Aᵀ: solve (AᵀA)X = Aᵀ for X (n×m), then P = AX — the (AᵀA)⁻¹ in the "
    "middle is what makes P a projection when the columns of A are not orthonormal";

/* The grader's own projector QQᵀ from Householder QR (caller frees). */
static Matrix *true_projector(const Matrix *A)
{
    Matrix *Q = mat_new(A->rows, A->cols), *R = mat_new(A->cols, A->cols);
    la_qr(A, Q, R);
    Matrix *Qt = la_mat_transpose(Q);
    Matrix *P = la_mat_mul(Q, Qt);
    mat_free(Q);
    mat_free(R);
    mat_free(Qt);
    return P;
}

static double tol_for(const Matrix *A, double *kappa)
{
    *kappa = la_cond(A);
    return la_tol(A->rows, *kappa * *kappa);
}

/* Worst |Mᵢⱼ − Nᵢⱼ| and where. */
static double worst_diff(const Matrix *M, const Matrix *N, int *wi, int *wj)
{
    double w = -1.0;
    for (int i = 0; i < M->rows; i++)
        for (int j = 0; j < M->cols; j++) {
            double d = fabs(MAT(M, i, j) - MAT(N, i, j));
            if (isnan(d))
                d = INFINITY;
            if (d > w) {
                w = d;
                *wi = i;
                *wj = j;
            }
        }
    return w;
}

/* Runs projection_matrix(A, P) expecting 0, A unchanged. Caller frees P. */
static Matrix *learner_P(const Matrix *A)
{
    Matrix *before = la_mat_copy(A), *P = mat_new(A->rows, A->rows);
    int rc = projection_matrix(A, P);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    if (rc != 0)
        la_fail("projection_matrix returned %d, expected 0: the columns of A are independent, "
                "so AᵀA is invertible. Return -1 only when a pivot of AᵀA is tiny relative to "
                "its diagonal entry (e.g. ≤ 1000·m·ε·gⱼⱼ)",
                rc);
    la_expect_mat_finite(P, "P");
    return P;
}

/* Every property of the projection onto C(A), then agreement with QQᵀ. */
static void expect_projector(const Matrix *A, const Matrix *P, double tol)
{
    int m = A->rows, n = A->cols, i = 0, j = 0;
    Matrix *Pt = la_mat_transpose(P), *P2 = la_mat_mul(P, P), *PA = la_mat_mul(P, A);
    Matrix *At = la_mat_transpose(A), *AAt = la_mat_mul(A, At);
    double d;
    if ((d = worst_diff(P, Pt, &i, &j)) > tol)
        la_fail("P is not symmetric: P(%d,%d) = %.6g but P(%d,%d) = %.6g (tolerance %.1e). "
                "A(AᵀA)⁻¹Aᵀ is symmetric because AᵀA is — check the order of the products. %s",
                i, j, MAT(P, i, j), j, i, MAT(P, j, i), tol, IDEA_FORMULA);
    if ((d = worst_diff(P2, P, &i, &j)) > tol) {
        int ai, aj;
        int is_aat = worst_diff(P, AAt, &ai, &aj) <= tol;
        la_fail("P² ≠ P: (P·P)(%d,%d) = %.6g but P(%d,%d) = %.6g (tolerance %.1e). Projecting "
                "twice must change nothing — the projection of p is p itself.%s %s",
                i, j, MAT(P2, i, j), i, j, MAT(P, i, j), tol,
                is_aat ? " Your P equals AAᵀ: that is a projection only when A has orthonormal "
                         "columns; you need the (AᵀA)⁻¹ between A and Aᵀ."
                       : "",
                IDEA_FORMULA);
    }
    if ((d = worst_diff(PA, A, &i, &j)) > tol * la_mat_maxabs(A))
        la_fail("PA ≠ A: (PA)(%d,%d) = %.6g but A(%d,%d) = %.6g. A column of A is already in "
                "C(A), so P must leave it unchanged. %s",
                i, j, MAT(PA, i, j), i, j, MAT(A, i, j), IDEA_FORMULA);
    double trace = 0.0;
    for (int k = 0; k < m; k++)
        trace += MAT(P, k, k);
    if (!(fabs(trace - n) <= tol * m))
        la_fail("trace P = %.10g, expected %d = rank A = dim C(A): the eigenvalues of a "
                "projection are 1 (on C(A)) and 0 (on its complement). %s",
                trace, n, IDEA_FORMULA);
    Matrix *T = true_projector(A);
    la_expect_mat_near(P, T, tol, "P",
                       "P must equal QQᵀ for any orthonormal basis Q of C(A) (the grader uses "
                       "Householder QR)");
    mat_free(T);
    mat_free(Pt);
    mat_free(P2);
    mat_free(PA);
    mat_free(At);
    mat_free(AAt);
}

/* Runs project(A, b, p, e) (outputs pre-filled with NaN) expecting 0; grades p and e. */
static void expect_project(const Matrix *A, const double *b, double tol)
{
    int m = A->rows, n = A->cols;
    Matrix *before = la_mat_copy(A);
    double *bb = malloc(sizeof(double) * (size_t)m), *p = malloc(sizeof(double) * (size_t)m);
    double *e = malloc(sizeof(double) * (size_t)m), *x = malloc(sizeof(double) * (size_t)n);
    double *want = malloc(sizeof(double) * (size_t)m), *Ate = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < m; i++)
        bb[i] = b[i];
    la_fill(p, m, NAN);
    la_fill(e, m, NAN);
    int rc = project(A, b, p, e);
    la_expect_unchanged(A, before, "A");
    la_expect_vec_unchanged(b, bb, m, "project", "b");
    if (rc != 0)
        la_fail("project returned %d, expected 0: the columns of A are independent", rc);
    la_expect_finite(p, m, "p");
    la_expect_finite(e, m, "e");

    double nb = la_vnorm(b, m), sum[64];
    for (int i = 0; i < m; i++)
        sum[i] = p[i] + e[i];
    la_expect_vec_near(sum, b, m, tol * nb, "(p + e)",
                       "e is what is left of b: e = b − p, so p + e = b exactly");
    /* e ⟂ C(A): Aᵀe = 0, relative to ‖A‖·‖b‖ */
    for (int k = 0; k < n; k++) {
        double acc = 0.0;
        for (int i = 0; i < m; i++)
            acc += MAT(A, i, k) * e[i];
        Ate[k] = acc;
    }
    double na = la_mat_norm(A), worst = 0.0;
    int wk = 0;
    for (int k = 0; k < n; k++)
        if (fabs(Ate[k]) > worst) {
            worst = fabs(Ate[k]);
            wk = k;
        }
    if (!(worst <= tol * na * nb))
        la_fail("the residual e is not perpendicular to C(A): (column %d of A)·e = %.3g, "
                "relative %.2e (tolerance %.1e). p must be the closest point to b in C(A), "
                "which makes e ⟂ every column: solve AᵀA x̂ = Aᵀb, p = A x̂, e = b − p",
                wk, Ate[wk], worst / (na * nb), tol);
    la_lstsq(A, b, x);
    la_matvec(A, x, want);
    la_expect_vec_near(p, want, m, tol * nb, "p",
                       "p = A x̂ where x̂ is the least-squares solution of Ax ≈ b: projection is "
                       "least squares");
    mat_free(before);
    free(bb);
    free(p);
    free(e);
    free(x);
    free(want);
    free(Ate);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(projection_onto_a_line)
{
    static const double a[] = { 1, 2, 2 }, b[] = { 1, 1, 1 };
    Matrix *A = la_mat(3, 1, a);
    la_case("A = the column a = (1, 2, 2): P = aaᵀ/(aᵀa) = aaᵀ/9; b = (1, 1, 1), "
            "p = (aᵀb/aᵀa)·a = (5/9)·a");
    Matrix *P = learner_P(A);
    expect_projector(A, P, la_tol(3, 1));
    expect_project(A, b, la_tol(3, 1));
    mat_free(P);
    mat_free(A);
}

LA_TEST(projection_matrix_properties)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 8, 3);
    double kappa, tol = tol_for(A, &kappa);
    la_case("random 8×3, κ≈%.1e: P is 8×8 of rank 3; tolerance 64·m·κ²·ε = %.1e", kappa, tol);
    Matrix *P = learner_P(A);
    expect_projector(A, P, tol);
    mat_free(P);
    mat_free(A);
}

LA_TEST(residual_is_perpendicular)
{
    LaRng r = la_rng(2);
    Matrix *A = la_mat_random(&r, 10, 4);
    double b[10], kappa, tol = tol_for(A, &kappa);
    for (int i = 0; i < 10; i++)
        b[i] = la_normal(&r);
    la_case("random 10×4, κ≈%.1e, random b; tolerance 64·m·κ²·ε = %.1e (relative)", kappa,
            tol);
    expect_project(A, b, tol);
    mat_free(A);
}

LA_TEST(project_agrees_with_projection_matrix)
{
    LaRng r = la_rng(3);
    Matrix *A = la_mat_random(&r, 7, 3);
    double b[7], p[7], e[7], Pb[7], kappa, tol = tol_for(A, &kappa);
    for (int i = 0; i < 7; i++)
        b[i] = la_normal(&r);
    la_case("random 7×3, κ≈%.1e, random b: p = Pb; tolerance %.1e", kappa, tol);
    Matrix *P = learner_P(A);
    expect_projector(A, P, tol);
    la_fill(p, 7, NAN);
    la_fill(e, 7, NAN);
    if (project(A, b, p, e) != 0)
        la_fail("project returned nonzero, expected 0: the columns of A are independent");
    la_matvec(P, b, Pb);
    la_expect_vec_near(p, Pb, 7, tol * la_vnorm(b, 7), "p",
                       "project(A, b) and projection_matrix(A)·b are the same vector: p = Pb");
    mat_free(P);
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(b_inside_and_perpendicular)
{
    LaRng r = la_rng(4);
    Matrix *A = la_mat_random(&r, 6, 2);
    double x[2] = { 1.5, -2.0 }, b[6], kappa, tol = tol_for(A, &kappa);
    la_matvec(A, x, b);
    la_case("6×2, b = A·(1.5, −2) is already in C(A): p = b, e = 0");
    expect_project(A, b, tol);
    /* b ⟂ C(A): a random vector minus its projection (grader's own QQᵀ) */
    Matrix *T = true_projector(A);
    double g[6], Tg[6];
    for (int i = 0; i < 6; i++)
        g[i] = la_normal(&r);
    la_matvec(T, g, Tg);
    for (int i = 0; i < 6; i++)
        b[i] = g[i] - Tg[i];
    la_case("6×2, b perpendicular to C(A): p = 0, e = b");
    expect_project(A, b, tol);
    mat_free(T);
    mat_free(A);
}

LA_TEST(square_invertible_gives_identity)
{
    LaRng r = la_rng(5);
    Matrix *A = la_mat_random(&r, 4, 4);
    double kappa, tol = tol_for(A, &kappa);
    la_case("random square 4×4, κ≈%.1e: C(A) is all of R⁴, so P = I", kappa);
    Matrix *P = learner_P(A);
    Matrix *I = la_mat_identity(4);
    la_expect_mat_near(P, I, tol, "P",
                       "when A is square and invertible, (AᵀA)⁻¹ = A⁻¹(Aᵀ)⁻¹ and P = I: every "
                       "b is already in the column space");
    mat_free(I);
    mat_free(P);
    static const double one[] = { -2 };
    mat_free(A);
    A = la_mat(1, 1, one);
    la_case("1×1 A = [−2]: P = [1]");
    P = learner_P(A);
    expect_projector(A, P, la_tol(1, 1));
    mat_free(P);
    mat_free(A);
}

LA_TEST(ill_conditioned_kappa_1e4)
{
    LaRng r = la_rng(6);
    double kappa = 1e4;
    Matrix *A = la_mat_cond(&r, 12, 4, kappa);
    double b[12], tol = la_tol(12, kappa * kappa);
    for (int i = 0; i < 12; i++)
        b[i] = la_normal(&r);
    la_case("12×4 with κ = 1e4: AᵀA has condition κ² = 1e8, so the tolerance is "
            "64·m·κ²·ε = %.1e",
            tol);
    Matrix *P = learner_P(A);
    expect_projector(A, P, tol);
    expect_project(A, b, tol);
    mat_free(P);
    mat_free(A);
}

/* ---- Errors --------------------------------------------------------------------------- */

/* Both functions on A: -1 expected when `dependent`, else 0. */
static void expect_status(const Matrix *A, int dependent, const char *why)
{
    int m = A->rows;
    Matrix *P = mat_new(m, m);
    double *b = malloc(sizeof(double) * (size_t)m), *p = malloc(sizeof(double) * (size_t)m);
    double *e = malloc(sizeof(double) * (size_t)m);
    for (int i = 0; i < m; i++)
        b[i] = 1.0 + i;
    int want = dependent ? -1 : 0;
    int rc1 = projection_matrix(A, P), rc2 = project(A, b, p, e);
    if (rc1 != want || rc2 != want)
        la_fail("projection_matrix returned %d and project returned %d, expected %d for both: "
                "%s",
                rc1, rc2, want, why);
    mat_free(P);
    free(b);
    free(p);
    free(e);
}

/* Column dep of A is a combination of earlier ones: -1. Nudged by 1e-3 of its length (or of
   a typical column, if it is 0): 0. */
static void dependent_case(Matrix *A, int dep, const char *what, LaRng *r)
{
    int m = A->rows, n = A->cols;
    char why[512];
    la_case("%d×%d, column %d = %s", m, n, dep, what);
    snprintf(why, sizeof why,
             "column %d is %s, so AᵀA is singular (numerically: its pivot for column %d is "
             "rounding noise). Check each pivot of AᵀA against its diagonal entry — e.g. "
             "singular when dⱼ ≤ 1000·m·ε·gⱼⱼ — before dividing by it",
             dep, what, dep);
    expect_status(A, 1, why);
    double size = 0.0;
    for (int i = 0; i < m; i++)
        size = hypot(size, MAT(A, i, dep));
    if (size == 0.0)
        size = la_mat_norm(A) / sqrt((double)n);
    double g[64];
    for (int i = 0; i < m; i++)
        g[i] = la_normal(r);
    double ng = la_vnorm(g, m);
    for (int i = 0; i < m; i++)
        MAT(A, i, dep) += 1e-3 * size * g[i] / ng;
    la_case("%d×%d, column %d = %s, then nudged by 1e-3 of a column's length: independent, "
            "κ≈%.1e",
            m, n, dep, what, la_cond(A));
    snprintf(why, sizeof why,
             "column %d now has a part of relative size 1e-3 outside the other columns, so AᵀA "
             "is invertible (its pivot is about 1e-6·gⱼⱼ). Your singularity test is too coarse "
             "or not relative to the size of AᵀA",
             dep);
    expect_status(A, 0, why);
}

LA_TEST(dependent_columns_return_minus_one)
{
    LaRng r = la_rng(7);
    Matrix *A = la_mat_random(&r, 8, 3);
    for (int i = 0; i < 8; i++)
        MAT(A, i, 2) = MAT(A, i, 0);
    dependent_case(A, 2, "a copy of column 0", &r);
    mat_free(A);
    A = la_mat_random(&r, 9, 4);
    for (int i = 0; i < 9; i++)
        MAT(A, i, 3) = MAT(A, i, 1) - 2.0 * MAT(A, i, 2);
    dependent_case(A, 3, "column 1 − 2·column 2", &r);
    mat_free(A);
}

LA_TEST(zero_column_returns_minus_one)
{
    LaRng r = la_rng(8);
    Matrix *A = la_mat_random(&r, 5, 3);
    for (int i = 0; i < 5; i++)
        MAT(A, i, 1) = 0.0;
    dependent_case(A, 1, "zero (a feature that is always 0)", &r);
    mat_free(A);
}

LA_TEST(rounding_noise_is_not_a_pivot)
{
    /* Column 4 = 0.3·a₀ + 1.7·a₁ − 0.9·a₂ + a₃ with non-integer entries: in floating point the
       pivot of AᵀA for column 4 is rounding noise of a few ε·g₄₄, of either sign. */
    LaRng r = la_rng(9);
    for (int t = 0; t < 20; t++) {
        Matrix *A = la_mat_random(&r, 20, 5);
        for (int i = 0; i < 20; i++)
            MAT(A, i, 4) = 0.3 * MAT(A, i, 0) + 1.7 * MAT(A, i, 1) - 0.9 * MAT(A, i, 2) +
                           MAT(A, i, 3);
        la_case("20×5, column 4 = 0.3·col 0 + 1.7·col 1 − 0.9·col 2 + col 3 (matrix %d of 20)",
                t + 1);
        expect_status(A, 1,
                      "column 4 is a combination of the others. In floating point the pivot "
                      "of AᵀA for a dependent column is not 0 but rounding noise of a few "
                      "ε·gⱼⱼ, positive or negative — a test like d ≤ 0 or d ≤ ε·gⱼⱼ misses it "
                      "about one time in four. Leave a margin: singular when "
                      "dⱼ ≤ 1000·m·ε·gⱼⱼ");
        if (t == 19) { /* and the last one, nudged into independence, must be accepted */
            for (int i = 0; i < 20; i++)
                MAT(A, i, 4) += 1e-3 * la_normal(&r);
            la_case("20×5, column 4 = 0.3·col 0 + 1.7·col 1 − 0.9·col 2 + col 3 + noise of "
                    "size 1e-3: independent, κ≈%.1e",
                    la_cond(A));
            expect_status(A, 0,
                          "with noise of size 1e-3 added, column 4 is independent (its pivot "
                          "is about 1e-6·g₄₄): your singularity test is too coarse");
        }
        mat_free(A);
    }
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("projection");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, projection_onto_a_line);
    tcase_add_test(core, projection_matrix_properties);
    tcase_add_test(core, residual_is_perpendicular);
    tcase_add_test(core, project_agrees_with_projection_matrix);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, b_inside_and_perpendicular);
    tcase_add_test(edge, square_invertible_gives_identity);
    tcase_add_test(edge, ill_conditioned_kappa_1e4);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, dependent_columns_return_minus_one);
    tcase_add_test(err, zero_column_returns_minus_one);
    tcase_add_test(err, rounding_noise_is_not_a_pivot);
    return s;
}

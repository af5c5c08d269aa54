/*
 * grader.c — linreg_normal (week 2, Coding Checkpoint #1 part 1): least squares by the
 * normal equations XᵀXw = Xᵀy.
 *
 * w is compared with certified answers (an exact line with no noise; NIST StRD "Norris",
 * whose certified values the data reproduce to all 15 digits — each coefficient is checked
 * by its error times the size of its feature, relative to the fit), with the grader's
 * Householder least squares (la_lstsq), and by the defining property Xᵀ(y − Xw) = 0.
 * Tolerances are relative (‖w − w*‖/‖w*‖) and scale with κ(X)²: forming XᵀX squares κ,
 * so the normal equations lose about κ²·ε — tolerance la_tol(n, κ²) = 64·n·κ²·ε, κ = κ(X).
 * -1 is required for a repeated, combined or zero feature and for more features than
 * samples; 0 for the same data nudged into independence.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_NORMAL =
    "form G = XᵀX (d×d) and c = Xᵀy (d entries), then solve Gw = c by elimination or "
    "Cholesky — G(i,j) = Σₖ X(k,i)·X(k,j) over the n samples k";

/* NIST StRD Norris (calibration of ozone monitors): 36 observations, y ≈ B0 + B1·x.
   Certified B0 = -0.262323073774029, B1 = 1.00211681802045. */
static const double NORRIS_X[36] = {
    0.2,   337.4, 118.2, 884.6, 10.1,  226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4,
    0.6,   775.5, 666.9, 338.0, 447.5, 11.6,  556.0, 228.1, 995.8, 887.6, 120.2, 0.3,
    0.3,   556.8, 339.1, 887.2, 999.0, 779.0, 11.1,  118.3, 229.2, 669.1, 448.9, 0.5
};
static const double NORRIS_Y[36] = {
    0.1,   338.8, 118.1, 888.0, 9.2,   228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3,
    0.1,   778.1, 668.8, 339.3, 448.9, 10.8,  557.7, 228.3, 998.0, 888.8, 119.6, 0.3,
    0.6,   557.6, 339.3, 888.0, 998.5, 778.9, 10.2,  117.6, 228.9, 668.4, 449.2, 0.2
};
static const double NORRIS_W[2] = { -0.262323073774029, 1.00211681802045 };

/* The normal equations' tolerance for X: 64·n·κ²·ε (relative). */
static double tol_for(const Matrix *X, double *kappa)
{
    *kappa = la_cond(X);
    return la_tol(X->rows, *kappa * *kappa);
}

/* Runs linreg_normal (w pre-filled with NaN), checks X and y unchanged. Returns its status. */
static int run(const Matrix *X, const double *y, double *w)
{
    int n = X->rows, d = X->cols;
    Matrix *before = la_mat_copy(X);
    double *yy = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        yy[i] = y[i];
    la_fill(w, d, NAN);
    int rc = linreg_normal(X, y, w);
    la_expect_unchanged(X, before, "X");
    la_expect_vec_unchanged(y, yy, n, "linreg_normal", "y");
    mat_free(before);
    free(yy);
    return rc;
}

static void expect_ok(int rc)
{
    if (rc != 0)
        la_fail("linreg_normal returned %d, expected 0: the features are independent, so XᵀX "
                "is invertible. Call it singular only when a pivot is tiny relative to its "
                "diagonal entry of XᵀX (e.g. ≤ 1000·n·ε·gⱼⱼ) — an absolute test breaks when "
                "features are large or small numbers",
                rc);
}

/* ‖w − want‖ ≤ tol·‖want‖, entry by entry in the message. */
static void expect_w(const double *w, const double *want, int d, double tol, const char *what)
{
    la_expect_finite(w, d, "w");
    la_expect_vec_near(w, want, d, tol * la_vnorm(want, d), what, IDEA_NORMAL);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(exact_line_fit)
{
    Matrix *X = mat_new(10, 2);
    double y[10], w[2], want[2] = { 2, 3 }, kappa;
    for (int i = 0; i < 10; i++) {
        MAT(X, i, 0) = 1.0; /* the intercept feature */
        MAT(X, i, 1) = i;
        y[i] = 2.0 + 3.0 * i;
    }
    double tol = tol_for(X, &kappa);
    la_case("X = [1, x] for x = 0…9, y = 2 + 3x exactly (no noise): w = (2, 3); κ≈%.1f, "
            "tolerance 64·n·κ²·ε = %.1e",
            kappa, tol);
    expect_ok(run(X, y, w));
    expect_w(w, want, 2, tol, "w (exact: intercept 2, slope 3)");
    mat_free(X);
}

LA_TEST(nist_norris_certified)
{
    Matrix *X = mat_new(36, 2);
    double w[2], kappa;
    for (int i = 0; i < 36; i++) {
        MAT(X, i, 0) = 1.0;
        MAT(X, i, 1) = NORRIS_X[i];
    }
    double tol = tol_for(X, &kappa);
    la_case("NIST StRD Norris, 36 points, y ≈ B0 + B1·x; certified B0 = -0.262323073774029, "
            "B1 = 1.00211681802045; κ≈%.1f, tolerance 64·n·κ²·ε = %.1e",
            kappa, tol);
    expect_ok(run(X, NORRIS_Y, w));
    la_expect_certified(X, w, NORRIS_W, tol, "w[0] = B0 the intercept, w[1] = B1 the slope",
                        IDEA_NORMAL);
    mat_free(X);
}

LA_TEST(random_tall_matches_lstsq)
{
    LaRng r = la_rng(1);
    int n = 40, d = 5;
    Matrix *X = la_mat_random(&r, n, d);
    double y[40], w[5], want[5], wt[5] = { 1, -2, 0.5, 3, -1 }, kappa;
    la_matvec(X, wt, y);
    for (int i = 0; i < n; i++)
        y[i] += 0.1 * la_normal(&r);
    double tol = tol_for(X, &kappa);
    la_case("random 40×5, y = X·(1, −2, 0.5, 3, −1) + noise 0.1; κ≈%.1f, tolerance %.1e", kappa,
            tol);
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, want, d, tol, "w (vs the grader's Householder least squares)");
    mat_free(X);
}

LA_TEST(residual_is_orthogonal)
{
    LaRng r = la_rng(2);
    int n = 25, d = 4;
    Matrix *X = la_mat_random(&r, n, d);
    double y[25], w[4], kappa;
    for (int i = 0; i < n; i++)
        y[i] = la_normal(&r);
    double tol = tol_for(X, &kappa);
    la_case("random 25×4, random y (a big residual); κ≈%.1f, tolerance %.1e", kappa, tol);
    expect_ok(run(X, y, w));
    la_expect_finite(w, d, "w");
    la_expect_residual_orthogonal(X, y, w, tol, IDEA_NORMAL);
    mat_free(X);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(ill_conditioned_kappa_1e4)
{
    LaRng r = la_rng(3);
    int n = 30, d = 6;
    double kappa = 1e4;
    Matrix *X = la_mat_cond(&r, n, d, kappa);
    double y[30], w[6], want[6], wt[6];
    for (int k = 0; k < d; k++)
        wt[k] = la_normal(&r);
    la_matvec(X, wt, y);
    double tol = la_tol(n, kappa * kappa);
    la_case("30×6 with κ = 1e4, y = X·w_true (no noise): XᵀX has κ² = 1e8, so the normal "
            "equations keep only about 8 of 16 digits; tolerance 64·n·κ²·ε = %.1e",
            tol);
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, want, d, tol, "w (vs the grader's Householder least squares)");
    mat_free(X);
}

LA_TEST(square_and_single_feature)
{
    LaRng r = la_rng(4);
    Matrix *X = la_mat_random(&r, 5, 5);
    double y[5], w[5], want[5], kappa;
    for (int i = 0; i < 5; i++)
        y[i] = la_normal(&r);
    double tol = tol_for(X, &kappa);
    la_case("square 5×5 (as many samples as features): the fit is exact, w = X⁻¹y; κ≈%.1f, "
            "tolerance %.1e",
            kappa, tol);
    la_solve(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, want, 5, tol, "w (= X⁻¹y)");
    mat_free(X);

    static const double x[] = { 1, 2, 3, 4 }, yy[] = { 2, 3, 7, 8 };
    double w1[1], want1[1] = { 61.0 / 30.0 }; /* x·y = 2 + 6 + 21 + 32, x·x = 1 + 4 + 9 + 16 */
    X = la_mat(4, 1, x);
    la_case("one feature, no intercept: x = (1, 2, 3, 4), y = (2, 3, 7, 8): w = x·y/x·x = "
            "61/30");
    expect_ok(run(X, yy, w1));
    expect_w(w1, want1, 1, la_tol(4, 1), "w");
    mat_free(X);
}

/* ---- Errors --------------------------------------------------------------------------- */

static void expect_singular(const Matrix *X, const char *why)
{
    double *y = malloc(sizeof(double) * (size_t)X->rows), *w = malloc(sizeof(double) * 64);
    for (int i = 0; i < X->rows; i++)
        y[i] = 1.0 + 0.5 * i;
    int rc = run(X, y, w);
    free(y);
    free(w);
    if (rc != -1)
        la_fail("linreg_normal returned %d, expected -1: %s", rc, why);
}

static void expect_nonsingular(const Matrix *X, const char *why)
{
    double *y = malloc(sizeof(double) * (size_t)X->rows), *w = malloc(sizeof(double) * 64);
    for (int i = 0; i < X->rows; i++)
        y[i] = 1.0 + 0.5 * i;
    int rc = run(X, y, w);
    free(y);
    free(w);
    if (rc != 0)
        la_fail("linreg_normal returned %d, expected 0: %s", rc, why);
}

/* Column dep is `what`: -1. Nudged by 1e-3 of its length (or a typical column's): 0. */
static void dependent_case(Matrix *X, int dep, const char *what, LaRng *r)
{
    int n = X->rows, d = X->cols;
    char why[512];
    la_case("%d×%d, feature %d = %s", n, d, dep, what);
    snprintf(why, sizeof why,
             "feature %d is %s, so XᵀX is singular and the best w is not unique (numerically: "
             "the pivot for feature %d is rounding noise, a few ε·gⱼⱼ of either sign). Test "
             "each pivot before dividing — singular when dⱼ ≤ 1000·n·ε·gⱼⱼ",
             dep, what, dep);
    expect_singular(X, why);
    double size = 0.0;
    for (int i = 0; i < n; i++)
        size = hypot(size, MAT(X, i, dep));
    if (size == 0.0)
        size = la_mat_norm(X) / sqrt((double)d);
    double g[64];
    for (int i = 0; i < n; i++)
        g[i] = la_normal(r);
    double ng = la_vnorm(g, n);
    for (int i = 0; i < n; i++)
        MAT(X, i, dep) += 1e-3 * size * g[i] / ng;
    la_case("%d×%d, feature %d = %s, then nudged by 1e-3 of a column's length: independent, "
            "κ≈%.1e",
            n, d, dep, what, la_cond(X));
    expect_nonsingular(X, "with a nudge of relative size 1e-3 the features are independent "
                          "(the pivot is about 1e-6·gⱼⱼ): your singularity test is too coarse "
                          "or not relative to XᵀX's own scale");
}

LA_TEST(repeated_or_zero_feature_returns_minus_one)
{
    LaRng r = la_rng(5);
    Matrix *X = la_mat_random(&r, 12, 4);
    for (int i = 0; i < 12; i++)
        MAT(X, i, 3) = MAT(X, i, 1);
    dependent_case(X, 3, "a copy of feature 1 (the same measurement twice)", &r);
    mat_free(X);
    X = la_mat_random(&r, 10, 3);
    for (int i = 0; i < 10; i++)
        MAT(X, i, 0) = 0.0;
    dependent_case(X, 0, "always 0", &r);
    mat_free(X);
}

LA_TEST(combination_of_features_returns_minus_one)
{
    LaRng r = la_rng(6);
    for (int t = 0; t < 20; t++) {
        Matrix *X = la_mat_random(&r, 20, 5);
        for (int i = 0; i < 20; i++)
            MAT(X, i, 4) = 0.3 * MAT(X, i, 0) + 1.7 * MAT(X, i, 1) - 0.9 * MAT(X, i, 2) +
                           MAT(X, i, 3);
        if (t < 19) {
            la_case("20×5, feature 4 = 0.3·f0 + 1.7·f1 − 0.9·f2 + f3 (matrix %d of 20)", t + 1);
            expect_singular(X, "feature 4 is a combination of the others. In floating point "
                               "its pivot is not 0 but rounding noise of a few ε·gⱼⱼ, positive "
                               "or negative — a test like d ≤ 0 or d ≤ ε·gⱼⱼ misses it about "
                               "one time in four. Leave a margin: singular when "
                               "dⱼ ≤ 1000·n·ε·gⱼⱼ");
        } else {
            dependent_case(X, 4, "0.3·f0 + 1.7·f1 − 0.9·f2 + f3", &r);
        }
        mat_free(X);
    }
}

LA_TEST(more_features_than_samples)
{
    LaRng r = la_rng(7);
    Matrix *X = la_mat_random(&r, 3, 5);
    la_case("3 samples, 5 features (X is 3×5)");
    expect_singular(X, "with more features than samples XᵀX (5×5) has rank at most 3: "
                       "infinitely many w fit the data equally well, and the normal equations "
                       "cannot pick one. Your elimination must notice the pivots that are "
                       "(numerically) 0");
    Matrix *X6 = mat_new(6, 5); /* three more samples: now the 5 features are independent */
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 5; j++)
            MAT(X6, i, j) = i < 3 ? MAT(X, i, j) : la_normal(&r);
    la_case("the same 5 features with 6 samples (X is 6×5), κ≈%.1e", la_cond(X6));
    expect_nonsingular(X6, "with 6 samples of 5 random features XᵀX is invertible");
    mat_free(X6);
    mat_free(X);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("linreg_normal");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, exact_line_fit);
    tcase_add_test(core, nist_norris_certified);
    tcase_add_test(core, random_tall_matches_lstsq);
    tcase_add_test(core, residual_is_orthogonal);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, ill_conditioned_kappa_1e4);
    tcase_add_test(edge, square_and_single_feature);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, repeated_or_zero_feature_returns_minus_one);
    tcase_add_test(err, combination_of_features_returns_minus_one);
    tcase_add_test(err, more_features_than_samples);
    return s;
}

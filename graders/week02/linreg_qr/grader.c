/*
 * grader.c — linreg_qr (week 2, Coding Checkpoint #1 part 1): least squares through X = QR.
 *
 * The learner's linreg_qr is linked with her own gram_schmidt (the gram_schmidt exercise);
 * this grader never calls gram_schmidt itself — w is compared with certified answers (an exact
 * line; NIST StRD "Norris" and the classic hard case "Longley", whose certified values the
 * data reproduce to all 15 digits), with the grader's Householder least squares (la_lstsq),
 * and by the property Xᵀ(y − Xw) = 0. Tolerances scale with κ(X), not κ²: QR never forms XᵀX.
 *   - random and ill-conditioned data: ‖w − w*‖/‖w*‖ ≤ la_tol(n, κ) = 64·n·κ·ε;
 *   - certified data: each feature's error ‖xⱼ‖·|wⱼ − cⱼ| relative to the fit, within
 *     la_tol(n, κₛ) where κₛ is κ(X) after scaling the columns to unit length (Gram–Schmidt
 *     normalizes every column, so the column scale does not matter to it: Longley's κ is
 *     4.9e9 raw, 4.3e4 scaled);
 *   - κ = 1e6 and 1e9 with y = X·w_true exactly: the normal equations lose everything here
 *     (κ²·ε > 1); QR keeps about 16 − log₁₀κ digits — provided Qᵀy is computed the modified
 *     way (component by component from the updated y). With zₖ = qₖ·y from the original y
 *     the loss of orthogonality in Q (κ·ε) comes back as about κ²·ε in w: at κ = 1e9 that
 *     fails the tolerance by a factor > 20 over 300 seeds, while the modified way stays below
 *     1/1000 of it.
 * -1 is required for a repeated or zero feature and for more features than samples; 0 for the
 * same data nudged into independence.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_QR =
    "factor X = QR with your gram_schmidt, compute z = Qᵀy (d entries: z_k = q_k·y), then "
    "solve Rw = z by back substitution from the last row up: w_k = (z_k − Σ_{j>k} R(k,j)·w_j) "
    "/ R(k,k). If gram_schmidt does not pass its own check yet, fix that first";
static const char *IDEA_QTY =
    "compute Qᵀy the modified Gram–Schmidt way: v ← y; for k = 0…d−1: z_k = q_k·v, "
    "v ← v − z_k·q_k (as if y were one more column to orthogonalize). With an ill-conditioned X "
    "the columns of Q are orthogonal only to about κ·ε, and z_k = q_k·y taken from the original "
    "y turns that into an error of about κ²·ε in w — as bad as the normal equations";

/* NIST StRD Norris: 36 observations, y ≈ B0 + B1·x. */
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

/* NIST StRD Longley (US macroeconomic data 1947–1962): employment against a constant, the
   GNP deflator, GNP, unemployment, armed forces, population and the year. */
static const double LONGLEY_X[16][7] = {
    { 1, 83.0, 234289, 2356, 1590, 107608, 1947 },  { 1, 88.5, 259426, 2325, 1456, 108632, 1948 },
    { 1, 88.2, 258054, 3682, 1616, 109773, 1949 },  { 1, 89.5, 284599, 3351, 1650, 110929, 1950 },
    { 1, 96.2, 328975, 2099, 3099, 112075, 1951 },  { 1, 98.1, 346999, 1932, 3594, 113270, 1952 },
    { 1, 99.0, 365385, 1870, 3547, 115094, 1953 },  { 1, 100.0, 363112, 3578, 3350, 116219, 1954 },
    { 1, 101.2, 397469, 2904, 3048, 117388, 1955 }, { 1, 104.6, 419180, 2822, 2857, 118734, 1956 },
    { 1, 108.4, 442769, 2936, 2798, 120445, 1957 }, { 1, 110.8, 444546, 4681, 2637, 121950, 1958 },
    { 1, 112.6, 482704, 3813, 2552, 123366, 1959 }, { 1, 114.2, 502601, 3931, 2514, 125368, 1960 },
    { 1, 115.7, 518173, 4806, 2572, 127852, 1961 }, { 1, 116.9, 554894, 4007, 2827, 130081, 1962 }
};
static const double LONGLEY_Y[16] = { 60323, 61122, 60171, 61187, 63221, 63639, 64989, 63761,
                                      66019, 67857, 68169, 66513, 68655, 69564, 69331, 70551 };
static const double LONGLEY_W[7] = { -3482258.63459582,     15.0618722713733,
                                     -0.358191792925910e-01, -2.02022980381683,
                                     -1.03322686717359,     -0.511041056535807e-01,
                                     1829.15146461355 };

/* κ of X after scaling each column to unit length. */
static double scaled_cond(const Matrix *X)
{
    Matrix *S = la_mat_copy(X);
    for (int j = 0; j < S->cols; j++) {
        double nrm = 0.0;
        for (int i = 0; i < S->rows; i++)
            nrm = hypot(nrm, MAT(S, i, j));
        for (int i = 0; i < S->rows && nrm > 0; i++)
            MAT(S, i, j) /= nrm;
    }
    double k = la_cond(S);
    mat_free(S);
    return k;
}

/* Runs linreg_qr (w pre-filled with NaN), checks X and y unchanged. Returns its status. */
static int run(const Matrix *X, const double *y, double *w)
{
    int n = X->rows, d = X->cols;
    Matrix *before = la_mat_copy(X);
    double *yy = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        yy[i] = y[i];
    la_fill(w, d, NAN);
    int rc = linreg_qr(X, y, w);
    la_expect_unchanged(X, before, "X");
    la_expect_vec_unchanged(y, yy, n, "linreg_qr", "y");
    mat_free(before);
    free(yy);
    return rc;
}

static void expect_ok(int rc)
{
    if (rc != 0)
        la_fail("linreg_qr returned %d, expected 0: the features are independent. Return -1 "
                "only when gram_schmidt does (a dependent feature) or when there are more "
                "features than samples",
                rc);
}

static void expect_w(const double *w, const double *want, int d, double tol, const char *what,
                     const char *idea)
{
    la_expect_finite(w, d, "w");
    la_expect_vec_near(w, want, d, tol * la_vnorm(want, d), what, idea);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(exact_line_fit)
{
    Matrix *X = mat_new(10, 2);
    double y[10], w[2], want[2] = { 2, 3 };
    for (int i = 0; i < 10; i++) {
        MAT(X, i, 0) = 1.0;
        MAT(X, i, 1) = i;
        y[i] = 2.0 + 3.0 * i;
    }
    double kappa = la_cond(X), tol = la_tol(10, kappa);
    la_case("X = [1, x] for x = 0…9, y = 2 + 3x exactly (no noise): w = (2, 3); κ≈%.1f, "
            "tolerance 64·n·κ·ε = %.1e",
            kappa, tol);
    expect_ok(run(X, y, w));
    expect_w(w, want, 2, tol, "w (exact: intercept 2, slope 3)", IDEA_QR);
    mat_free(X);
}

LA_TEST(nist_norris_certified)
{
    Matrix *X = mat_new(36, 2);
    double w[2];
    for (int i = 0; i < 36; i++) {
        MAT(X, i, 0) = 1.0;
        MAT(X, i, 1) = NORRIS_X[i];
    }
    double ks = scaled_cond(X), tol = la_tol(36, ks);
    la_case("NIST StRD Norris, 36 points, y ≈ B0 + B1·x; certified B0 = -0.262323073774029, "
            "B1 = 1.00211681802045; κ≈%.0f raw, κₛ≈%.1f with columns scaled, tolerance "
            "64·n·κₛ·ε = %.1e",
            la_cond(X), ks, tol);
    expect_ok(run(X, NORRIS_Y, w));
    la_expect_certified(X, w, NORRIS_W, tol, "w[0] = B0 the intercept, w[1] = B1 the slope",
                        IDEA_QR);
    mat_free(X);
}

LA_TEST(random_tall_matches_lstsq)
{
    LaRng r = la_rng(1);
    int n = 40, d = 5;
    Matrix *X = la_mat_random(&r, n, d);
    double y[40], w[5], want[5], wt[5] = { 1, -2, 0.5, 3, -1 };
    la_matvec(X, wt, y);
    for (int i = 0; i < n; i++)
        y[i] += 0.1 * la_normal(&r);
    double kappa = la_cond(X), tol = la_tol(n, kappa);
    la_case("random 40×5, y = X·(1, −2, 0.5, 3, −1) + noise 0.1; κ≈%.1f, tolerance %.1e", kappa,
            tol);
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, want, d, tol, "w (vs the grader's Householder least squares)", IDEA_QR);
    mat_free(X);
}

LA_TEST(residual_is_orthogonal)
{
    LaRng r = la_rng(2);
    int n = 25, d = 4;
    Matrix *X = la_mat_random(&r, n, d);
    double y[25], w[4];
    for (int i = 0; i < n; i++)
        y[i] = la_normal(&r);
    double kappa = la_cond(X), tol = la_tol(n, kappa);
    la_case("random 25×4, random y (a big residual); κ≈%.1f, tolerance %.1e", kappa, tol);
    expect_ok(run(X, y, w));
    la_expect_finite(w, d, "w");
    la_expect_residual_orthogonal(X, y, w, tol, IDEA_QR);
    mat_free(X);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(nist_longley_certified)
{
    Matrix *X = la_mat(16, 7, &LONGLEY_X[0][0]);
    double w[7];
    double ks = scaled_cond(X), tol = la_tol(16, ks);
    la_case("NIST StRD Longley, 16 years × (constant + 6 economic series), the classic hard "
            "case: κ≈%.1e raw, κₛ≈%.1e with columns scaled; tolerance 64·n·κₛ·ε = %.1e",
            la_cond(X), ks, tol);
    expect_ok(run(X, LONGLEY_Y, w));
    la_expect_certified(X, w, LONGLEY_W, tol,
                        "w = constant, deflator, GNP, unemployed, armed forces, population, "
                        "year",
                        IDEA_QR);
    mat_free(X);
}

/* n×d with condition number κ and y = X·w_true exactly: w must match w_true and la_lstsq to
   la_tol(n, κ). */
static void ill_conditioned(int n, int d, double kappa, unsigned salt, const char *idea)
{
    LaRng r = la_rng(salt);
    Matrix *X = la_mat_cond(&r, n, d, kappa);
    double y[64], w[16], wt[16], want[16];
    for (int k = 0; k < d; k++)
        wt[k] = la_normal(&r);
    la_matvec(X, wt, y);
    double tol = la_tol(n, kappa);
    la_case("%d×%d with κ = %.0e, y = X·w_true exactly (no noise, so w_true is the answer): "
            "tolerance 64·n·κ·ε = %.1e. The normal equations would need κ²·ε = %.0e < 1 to "
            "keep any digit here",
            n, d, kappa, tol, kappa * kappa * DBL_EPSILON);
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, wt, d, tol, "w (vs w_true)", idea);
    expect_w(w, want, d, tol, "w (vs the grader's Householder least squares)", idea);
    mat_free(X);
}

static const char *IDEA_GS_FIRST =
    "(If your gram_schmidt fails its κ = 1e9 test, fix that first: Q must be orthogonal to "
    "about κ·ε.)";

LA_TEST(ill_conditioned_kappa_1e6)
{
    char idea[1024];
    snprintf(idea, sizeof idea, "%s. %s", IDEA_QTY, IDEA_GS_FIRST);
    ill_conditioned(30, 6, 1e6, 3, idea);
}

LA_TEST(kappa_1e9_needs_modified_qty)
{
    char idea[1024];
    snprintf(idea, sizeof idea, "%s. %s", IDEA_QTY, IDEA_GS_FIRST);
    ill_conditioned(20, 8, 1e9, 8, idea);
}

LA_TEST(square_and_single_feature)
{
    LaRng r = la_rng(4);
    Matrix *X = la_mat_random(&r, 5, 5);
    double y[5], w[5], want[5];
    for (int i = 0; i < 5; i++)
        y[i] = la_normal(&r);
    double kappa = la_cond(X), tol = la_tol(5, kappa);
    la_case("square 5×5 (as many samples as features): the fit is exact, w = X⁻¹y; κ≈%.1f, "
            "tolerance %.1e",
            kappa, tol);
    la_solve(X, y, want);
    expect_ok(run(X, y, w));
    expect_w(w, want, 5, tol, "w (= X⁻¹y)", IDEA_QR);
    mat_free(X);

    static const double x[] = { 1, 2, 3, 4 }, yy[] = { 2, 3, 7, 8 };
    double w1[1], want1[1] = { 61.0 / 30.0 }; /* x·y = 2 + 6 + 21 + 32, x·x = 1 + 4 + 9 + 16 */
    X = la_mat(4, 1, x);
    la_case("one feature, no intercept: x = (1, 2, 3, 4), y = (2, 3, 7, 8): w = x·y/x·x = "
            "61/30 (Q = x/‖x‖, R = [‖x‖])");
    expect_ok(run(X, yy, w1));
    expect_w(w1, want1, 1, la_tol(4, 1), "w", IDEA_QR);
    mat_free(X);
}

/* ---- Errors --------------------------------------------------------------------------- */

static int status_of(const Matrix *X)
{
    double *y = malloc(sizeof(double) * (size_t)X->rows), w[64];
    for (int i = 0; i < X->rows; i++)
        y[i] = 1.0 + 0.5 * i;
    int rc = run(X, y, w);
    free(y);
    return rc;
}

LA_TEST(dependent_feature_returns_minus_one)
{
    LaRng r = la_rng(5);
    Matrix *X = la_mat_random(&r, 12, 4);
    for (int i = 0; i < 12; i++)
        MAT(X, i, 3) = MAT(X, i, 1);
    la_case("12×4, feature 3 = a copy of feature 1");
    int rc = status_of(X);
    if (rc != -1)
        la_fail("linreg_qr returned %d, expected -1: feature 3 repeats feature 1, so X is "
                "rank-deficient and the best w is not unique. gram_schmidt returns -1 for such "
                "an X — pass that on (and don't use Q or R then)",
                rc);
    for (int i = 0; i < 12; i++)
        MAT(X, i, 3) += 1e-6 * la_normal(&r);
    la_case("12×4, feature 3 = feature 1 + noise of size 1e-6: independent, κ≈%.1e",
            la_cond(X));
    rc = status_of(X);
    if (rc != 0)
        la_fail("linreg_qr returned %d, expected 0: with noise of size 1e-6 the features are "
                "independent, and QR handles κ≈1e6 fine",
                rc);
    mat_free(X);
    X = la_mat_random(&r, 8, 3);
    for (int i = 0; i < 8; i++)
        MAT(X, i, 2) = 0.0;
    la_case("8×3, feature 2 is always 0");
    rc = status_of(X);
    if (rc != -1)
        la_fail("linreg_qr returned %d, expected -1: a feature that is always 0 makes X "
                "rank-deficient (its weight could be anything); gram_schmidt says -1 — pass it "
                "on",
                rc);
    mat_free(X);
}

LA_TEST(more_features_than_samples)
{
    LaRng r = la_rng(6);
    Matrix *X = la_mat_random(&r, 3, 5);
    la_case("3 samples, 5 features (X is 3×5)");
    int rc = status_of(X);
    if (rc != -1)
        la_fail("linreg_qr returned %d, expected -1: with more features than samples the "
                "columns of X are dependent and infinitely many w fit equally well. Check "
                "n < d before calling gram_schmidt (which needs m ≥ n)",
                rc);
    Matrix *X6 = mat_new(6, 5); /* three more samples: now the 5 features are independent */
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 5; j++)
            MAT(X6, i, j) = i < 3 ? MAT(X, i, j) : la_normal(&r);
    la_case("the same 5 features with 6 samples (X is 6×5), κ≈%.1e", la_cond(X6));
    rc = status_of(X6);
    if (rc != 0)
        la_fail("linreg_qr returned %d, expected 0: with 6 samples of 5 random features X has "
                "independent columns",
                rc);
    mat_free(X6);
    mat_free(X);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("linreg_qr");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, exact_line_fit);
    tcase_add_test(core, nist_norris_certified);
    tcase_add_test(core, random_tall_matches_lstsq);
    tcase_add_test(core, residual_is_orthogonal);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, nist_longley_certified);
    tcase_add_test(edge, ill_conditioned_kappa_1e6);
    tcase_add_test(edge, kappa_1e9_needs_modified_qty);
    tcase_add_test(edge, square_and_single_feature);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, dependent_feature_returns_minus_one);
    tcase_add_test(err, more_features_than_samples);
    return s;
}

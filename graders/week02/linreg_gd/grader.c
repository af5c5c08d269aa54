/*
 * grader.c — linreg_gd (week 2, Coding Checkpoint #1 part 1): full-batch gradient descent
 * for least squares, w ← w − lr·Xᵀ(Xw − y)/n from w = 0.
 *
 * The recurrence is fixed, so the grader checks it exactly: after one epoch w = lr·Xᵀy/n
 * (relative 1e-13; a wrong answer is diagnosed by its ratio to the right one: ×n means the 1/n
 * is missing, ×(−1) a sign, ×2 a factor 2 from ‖·‖² without the ½); after k epochs w must
 * match the grader's own iteration (written differently: XᵀX/n and Xᵀy/n formed once) to
 * relative 1e-10; with intercept-only data the closed form w_k = ȳ(1 − (1 − lr)^k) holds; on
 * a well-conditioned problem with lr = 1/λmax many epochs reach the least-squares w
 * (la_lstsq, relative 1e-9: the error shrinks by (1 − 1/κ²) per epoch). A step past 2/λmax
 * must end in -1 (never 0 with inf or NaN in w), one below it in 0. w arrives filled with NaN,
 * so a function that does not start from w = 0 itself is caught.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_GD =
    "one epoch is: r = Xw − y (n residuals, all samples), g = Xᵀr/n (d entries), then "
    "w ← w − lr·g — the whole gradient from the current w first, then the update";

/* Runs linreg_gd (w pre-filled with NaN), checks X and y unchanged. Returns its status. */
static int run(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    int n = X->rows, d = X->cols;
    Matrix *before = la_mat_copy(X);
    double *yy = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        yy[i] = y[i];
    la_fill(w, d, NAN);
    int rc = linreg_gd(X, y, w, lr, epochs);
    la_expect_unchanged(X, before, "X");
    la_expect_vec_unchanged(y, yy, n, "linreg_gd", "y");
    mat_free(before);
    free(yy);
    return rc;
}

/* λmax(XᵀX/n) = σmax(X)²/n, from the grader's SVD. */
static double lambda_max(const Matrix *X)
{
    double s[64];
    la_svd(X, s, NULL, NULL);
    return s[0] * s[0] / X->rows;
}

static void expect_ok(int rc, double lr, double lmax)
{
    if (rc != 0)
        la_fail("linreg_gd returned %d, expected 0: lr·λmax = %.3g < 2, so the recurrence "
                "w ← w − lr·Xᵀ(Xw − y)/n is stable and the weights stay finite. If yours blew "
                "up, check the step (without the /n it is n times too big) and that w starts "
                "at 0 — set it yourself, it arrives holding garbage (here NaN)",
                rc, lr * lmax);
}

/* The grader's own iteration, organized differently: G = XᵀX/n and c = Xᵀy/n once, then
   w ← w − lr·(Gw − c). Same mathematics, different rounding. */
static void reference_gd(const Matrix *X, const double *y, double *w, double lr, int epochs)
{
    int n = X->rows, d = X->cols;
    Matrix *G = la_mat_tmul(X, X);
    double c[64], g[64];
    for (int k = 0; k < d; k++) {
        c[k] = 0.0;
        for (int i = 0; i < n; i++)
            c[k] += MAT(X, i, k) * y[i];
        c[k] /= n;
        for (int j = 0; j < d; j++)
            MAT(G, k, j) /= n;
        w[k] = 0.0;
    }
    for (int e = 0; e < epochs; e++) {
        la_matvec(G, w, g);
        for (int k = 0; k < d; k++)
            w[k] -= lr * (g[k] - c[k]);
    }
    mat_free(G);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(one_epoch_is_lr_Xty_over_n)
{
    LaRng r = la_rng(1);
    int n = 20, d = 3;
    Matrix *X = la_mat_random(&r, n, d);
    double y[20], w[3], want[3], lr = 0.1;
    for (int i = 0; i < n; i++)
        y[i] = la_normal(&r);
    for (int k = 0; k < d; k++) {
        want[k] = 0.0;
        for (int i = 0; i < n; i++)
            want[k] += MAT(X, i, k) * y[i];
        want[k] *= lr / n;
    }
    la_case("random 20×3, lr = 0.1, 1 epoch: from w = 0 the gradient is −Xᵀy/n, so "
            "w₁ = lr·Xᵀy/n");
    expect_ok(run(X, y, w, lr, 1), lr, lambda_max(X));
    la_expect_finite(w, d, "w");
    /* diagnose a wrong answer by its ratio to the right one */
    double dot = 0.0, ww = 0.0;
    for (int k = 0; k < d; k++) {
        dot += w[k] * want[k];
        ww += want[k] * want[k];
    }
    double ratio = dot / ww, tol = 1e-13 * sqrt(ww);
    const struct {
        double ratio;
        const char *why;
    } DIAG[] = {
        { n, "your w is n = 20 times too large: divide the gradient by n — "
             "∇L = Xᵀ(Xw − y)/n for the mean squared error" },
        { -1.0, "your w has the wrong sign: step against the gradient, w ← w − lr·∇L, "
                "with ∇L = Xᵀ(Xw − y)/n (note Xw − y, not y − Xw)" },
        { 2.0, "your w is twice too large: this course's gradient is Xᵀ(Xw − y)/n (the "
               "gradient of ‖Xw − y‖²/(2n)), without the factor 2" },
        { 1.0 / lr, "your w is 1/lr = 10 times too large: multiply the gradient by lr" },
    };
    const char *why = "";
    for (size_t t = 0; t < sizeof DIAG / sizeof DIAG[0]; t++)
        if (fabs(ratio - DIAG[t].ratio) < 1e-6 * fabs(DIAG[t].ratio))
            why = DIAG[t].why;
    if (*why)
        la_fail("after one epoch w should be lr·Xᵀy/n; %s", why);
    la_expect_vec_near(w, want, d, tol, "w", IDEA_GD);
    mat_free(X);
}

LA_TEST(k_epochs_follow_the_recurrence)
{
    LaRng r = la_rng(2);
    int n = 30, d = 4;
    Matrix *X = la_mat_random(&r, n, d);
    double y[30], w[4], want[4];
    for (int i = 0; i < n; i++)
        y[i] = la_normal(&r);
    double lmax = lambda_max(X);
    static const int EPOCHS[] = { 2, 3, 25 };
    for (int t = 0; t < 3; t++) {
        double lr = 0.5 / lmax;
        la_case("random 30×4, lr = 0.5/λmax = %.4g, %d epochs: compared with the grader's own "
                "iteration (relative 1e-10)",
                lr, EPOCHS[t]);
        reference_gd(X, y, want, lr, EPOCHS[t]);
        expect_ok(run(X, y, w, lr, EPOCHS[t]), lr, lmax);
        la_expect_finite(w, d, "w");
        la_expect_vec_near(w, want, d, 1e-10 * la_vnorm(want, d), "w", IDEA_GD);
    }
    mat_free(X);
}

LA_TEST(converges_to_least_squares)
{
    LaRng r = la_rng(3);
    int n = 50, d = 3;
    Matrix *X = la_mat_cond(&r, n, d, 2.0);
    for (int i = 0; i < n * d; i++)
        X->data[i] *= sqrt((double)n); /* XᵀX/n then has eigenvalues 1 … 1/4 */
    double y[50], w[3], want[3], wt[3] = { 2, -1, 0.5 };
    la_matvec(X, wt, y);
    for (int i = 0; i < n; i++)
        y[i] += 0.3 * la_normal(&r);
    double lmax = lambda_max(X), lr = 1.0 / lmax;
    int epochs = 400;
    la_case("50×3 with κ = 2, noisy y, lr = 1/λmax, %d epochs: the error shrinks by "
            "(1 − 1/κ²) = 0.75 per epoch, to about 0.75^%d ≈ 1e-50 — so w must match the "
            "least-squares solution (la_lstsq) to relative 1e-9",
            epochs, epochs);
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w, lr, epochs), lr, lmax);
    la_expect_finite(w, d, "w");
    la_expect_vec_near(w, want, d, 1e-9 * la_vnorm(want, d),
                       "w (vs the least-squares solution)",
                       "gradient descent with a good step converges to the same w as the "
                       "normal equations and QR: check each step is w ← w − lr·Xᵀ(Xw − y)/n");
    mat_free(X);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(zero_epochs_gives_zero)
{
    LaRng r = la_rng(4);
    Matrix *X = la_mat_random(&r, 6, 2);
    double y[6], w[2], zero[2] = { 0, 0 };
    for (int i = 0; i < 6; i++)
        y[i] = la_normal(&r);
    la_case("random 6×2, 0 epochs: w stays at its starting point 0");
    expect_ok(run(X, y, w, 0.1, 0), 0.1, lambda_max(X));
    la_expect_vec_near(w, zero, 2, 0.0, "w",
                       "start from w = 0 — set it yourself, the array you get holds garbage "
                       "(here NaN) — and take no step when epochs = 0");
    mat_free(X);
}

LA_TEST(intercept_only_closed_form)
{
    /* X = a column of 1s: ∇L = w − ȳ, so w_k = ȳ·(1 − (1 − lr)^k). */
    static const double y[] = { 3, 5, 4, 8 };
    Matrix *X = mat_new(4, 1);
    for (int i = 0; i < 4; i++)
        MAT(X, i, 0) = 1.0;
    double w[1], lr = 0.5, ybar = 5.0;
    static const int EPOCHS[] = { 1, 2, 10 };
    for (int t = 0; t < 3; t++) {
        double want = ybar * (1.0 - pow(1.0 - lr, EPOCHS[t]));
        la_case("intercept only (X = four 1s), y = (3, 5, 4, 8), ȳ = 5, lr = 0.5, k = %d "
                "epoch%s: w = ȳ·(1 − (1 − lr)^k) = %.10g",
                EPOCHS[t], EPOCHS[t] == 1 ? "" : "s", want);
        expect_ok(run(X, y, w, lr, EPOCHS[t]), lr, 1.0);
        la_expect_near(w[0], want, 1e-13 * ybar, "w",
                       "with X = 1s the gradient Xᵀ(Xw − y)/n is w − ȳ, so each epoch moves w "
                       "a fraction lr of the way to the mean ȳ");
    }
    mat_free(X);
}

/* ---- Errors --------------------------------------------------------------------------- */

LA_TEST(too_large_step_returns_minus_one)
{
    LaRng r = la_rng(5);
    int n = 15, d = 3;
    Matrix *X = la_mat_cond(&r, n, d, 2.0);
    double y[15], w[3], want[3];
    for (int i = 0; i < n; i++)
        y[i] = la_normal(&r);
    double lmax = lambda_max(X), lr = 50.0 / lmax;
    la_case("15×3 with κ = 2, lr = 50/λmax (past the limit 2/λmax), 1000 epochs: the error "
            "grows 49-fold per epoch and overflows after about 180");
    int rc = run(X, y, w, lr, 1000);
    int finite = 1;
    for (int k = 0; k < d; k++)
        finite &= isfinite(w[k]) != 0;
    if (rc == 0 && !finite)
        la_fail("linreg_gd returned 0, but w[0] = %g: the weights overflowed. Check "
                "isfinite() on the weights (after each step, or at the end) and return -1 "
                "when they are not",
                w[0]);
    if (rc != -1)
        la_fail("linreg_gd returned %d with finite weights, expected -1: with lr·λmax = 50 the "
                "iteration must blow up — is every step w ← w − lr·Xᵀ(Xw − y)/n?",
                rc);
    lr = 1.5 / lmax;
    la_case("the same data with lr = 1.5/λmax (inside the limit 2/λmax), 1000 epochs: it "
            "converges, zig-zagging, by a factor ≤ 0.625 per epoch to the least-squares w");
    la_lstsq(X, y, want);
    expect_ok(run(X, y, w, lr, 1000), lr, lmax);
    la_expect_finite(w, d, "w");
    la_expect_vec_near(w, want, d, 1e-8 * la_vnorm(want, d), "w (vs least squares)",
                       "any lr below 2/λmax converges; a -1 here means your divergence test "
                       "fires too early — test only isfinite()");
    mat_free(X);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("linreg_gd");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, one_epoch_is_lr_Xty_over_n);
    tcase_add_test(core, k_epochs_follow_the_recurrence);
    tcase_add_test(core, converges_to_least_squares);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, zero_epochs_gives_zero);
    tcase_add_test(edge, intercept_only_closed_form);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, too_large_step_returns_minus_one);
    return s;
}

/*
 * grader.c — column_space_fit (week 4, 18.065 Lecture 1): least squares for any A.
 *
 * Every least-squares x is accepted: with dependent columns there are infinitely many. For
 * each case the grader checks that A and b are unchanged and x is finite; that the value
 * returned is ‖b − Ax‖ for the learner's own x; that this residual length equals the distance
 * from b to C(A) computed independently (b minus its projection onto the orthonormal basis of
 * C(A) that la_orth takes from the SVD); and that the residual is perpendicular to C(A):
 * Aᵀ(b − Ax) ≈ 0. When A has independent columns x is unique and is also compared with the
 * answer itself (x_true, or Householder least squares, la_lstsq).
 * Cases: Strang's line fit (x = (2/3, 1/2), distance 1/√6), Lecture 1's rank-2 3×3 with b
 * inside and outside (distance 6/√338), b = A·x_true, random tall with noise, rank-deficient
 * tall (random rank 3, a repeated feature, a zero feature), wide (full row rank, where every b
 * is inside; rank 2), the zero matrix and b = 0, κ = 1e8 with b inside and at a known
 * distance, and A in tiny (1e-15) and huge (1e9) units.
 * Tolerances (printed on failure): a backward-stable method gets the residual right to about
 * ε·(‖b‖ + ‖A‖‖x‖) whatever κ is. So the returned value must equal ‖b − Ax‖ for her x, and
 * each aₖ·(b − Ax) must vanish, to la_tol(max(m, n), 1) = 64·max(m, n)·ε times that scale
 * (times ‖aₖ‖ for aₖ·r). The distance itself must match the true one to 16× that tolerance
 * with ‖x‖ replaced by ‖x_min‖, the length of the shortest least-squares solution: any x is
 * accepted, but not one so long that Ax is all rounding — which is what keeping a dependent
 * column (an absolute "is it dependent?" threshold in huge units) produces, and the message
 * says so. A unique x is compared to la_tol(m, κ) relative to ‖x‖ (la_tol(m, κ²) when b is
 * not in C(A)). The contract's "b ∈ C(A) when the distance is ≤ 1e-10·‖b‖" is checked as
 * stated.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

/* How much further than 64·max(m, n)·ε·(‖b‖ + ‖A‖·‖x_min‖) the distance may be off: room for
   least-squares x longer than the shortest one (a basic solution, say). */
#define DIST_SLACK 16.0

static const char *IDEA_LSQ =
    "a least-squares x makes Ax the projection p of b onto C(A), so that e = b − Ax is "
    "perpendicular to every column. Keep an orthonormal basis Q of the independent columns "
    "(Gram–Schmidt, skipping a column when ‖v‖ ≤ 1000·m·ε·‖aⱼ‖), solve Rz = Qᵀb by back "
    "substitution, and put z into x at the kept columns (0 elsewhere)";

static const char *IDEA_NORMAL_EQ =
    "Don't go through AᵀA: it squares the condition number (here κ² = 1e16), and Ax then "
    "misses b by about κ·ε·‖b‖ — QR of A itself (Gram–Schmidt run twice) keeps it near ε·‖b‖";
static const char *IDEA_UNITS =
    "A small column is not a dependent one: compare what is left of aⱼ with ‖aⱼ‖ itself "
    "(‖v‖ ≤ 1000·m·ε·‖aⱼ‖), never with a fixed number like 1e-10";
static const char *IDEA_DEPENDENT =
    "A column that depends on the others must be skipped (its x entry stays 0): what is left "
    "of it is rounding noise, and dividing by that ruins x";

static double *vec(int n)
{
    double *v = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!v)
        la_fail("grader out of memory");
    return v;
}

/* r ← b − Ax */
static void residual(const Matrix *A, const double *b, const double *x, double *r)
{
    la_matvec(A, x, r);
    for (int i = 0; i < A->rows; i++)
        r[i] = b[i] - r[i];
}

/* The distance from b to C(A), independently: ‖b − QQᵀb‖ with Q = la_orth(A) (two passes). */
static double true_distance(const Matrix *A, const double *b, int *rank)
{
    int m = A->rows;
    Matrix *Q = la_orth(A, -1);
    double *v = vec(m);
    for (int i = 0; i < m; i++)
        v[i] = b[i];
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < Q->cols; c++) {
            double d = 0.0;
            for (int i = 0; i < m; i++)
                d += MAT(Q, i, c) * v[i];
            for (int i = 0; i < m; i++)
                v[i] -= d * MAT(Q, i, c);
        }
    double dist = la_vnorm(v, m);
    *rank = Q->cols;
    free(v);
    mat_free(Q);
    return dist;
}

/* κ over the nonzero singular values, σ₁/σᵣ (1 for the zero matrix), and the length of the
   minimum-norm least-squares solution, Σᵢ<ᵣ (uᵢ·b/σᵢ)² under the root: the natural size of x. */
static double svd_facts(const Matrix *A, const double *b, double *xmin)
{
    int m = A->rows, k = A->rows < A->cols ? A->rows : A->cols, r = la_rank(A, -1);
    double *s = vec(k);
    Matrix *U = mat_new(m, k);
    la_svd(A, s, U, NULL);
    double kr = r > 0 ? s[0] / s[r - 1] : 1.0, acc = 0.0;
    for (int c = 0; c < r; c++) {
        double t = 0.0;
        for (int i = 0; i < m; i++)
            t += MAT(U, i, c) * b[i];
        acc = hypot(acc, t / s[c]);
    }
    *xmin = acc;
    free(s);
    mat_free(U);
    return kr;
}

/* Runs column_space_fit(A, b, x) and checks what every least-squares answer satisfies.
   x (n entries) receives the learner's x; returns her distance. `extra` (or NULL) is added to
   the message when x is not a least-squares solution. */
static double grade_fit(const Matrix *A, const double *b, double *x, const char *extra)
{
    int m = A->rows, n = A->cols, big = m > n ? m : n, rank;
    Matrix *before = la_mat_copy(A);
    double *bb = vec(m), *r = vec(m);
    for (int i = 0; i < m; i++)
        bb[i] = b[i];
    la_fill(x, n, NAN);
    double d = column_space_fit(A, b, x);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    la_expect_vec_unchanged(b, bb, m, "column_space_fit", "b");
    la_expect_finite(x, n, "x");
    if (!isfinite(d) || d < 0.0)
        la_fail("column_space_fit returned %g: the distance ‖b − Ax‖ is a finite number ≥ 0", d);

    residual(A, b, x, r);
    double res = la_vnorm(r, m), nb = la_vnorm(b, m), na = la_mat_norm(A);
    double scale = nb + na * la_vnorm(x, n), tol = la_tol(big, 1.0);
    if (!(fabs(d - res) <= tol * scale))
        la_fail("you returned %.10g, but ‖b − Ax‖ for the x you filled in is %.10g (off by "
                "%.2e, tolerance %.1e·(‖b‖ + ‖A‖‖x‖) = %.1e). Return the length of the "
                "residual b − Ax — not its square, not ‖Ax‖ — computed from your final x",
                d, res, fabs(d - res), tol, tol * scale);

    /* The distance itself is checked against the scale of a sensible x, the minimum-norm one:
       a method may return any least-squares x, but not one so long that Ax is all rounding. */
    double xmin, dist = true_distance(A, b, &rank), kr = svd_facts(A, b, &xmin);
    double nx = la_vnorm(x, n), sane = nb + na * xmin, tol_d = DIST_SLACK * tol;
    if (!(fabs(d - dist) <= tol_d * sane)) {
        if (nx > 100.0 * xmin)
            la_fail("you returned %.10g, but the distance from b to C(A) is %.10g (A has rank "
                    "%d; off by %.2e, tolerance %.1e·(‖b‖ + ‖A‖·‖x_min‖) = %.1e). Your x has "
                    "length %.2e where the shortest least-squares x has length %.2e: it leans "
                    "on a column you kept as independent although, numerically, it is a "
                    "combination of the others — what was left of it was rounding noise, and "
                    "dividing by it blew x up until Ax is all rounding error. Make the skip "
                    "test relative: ‖v‖ ≤ 1000·m·ε·‖aⱼ‖, never a fixed number",
                    d, dist, rank, fabs(d - dist), tol_d, tol_d * sane, nx, xmin);
        la_fail("x is not a least-squares solution: ‖b − Ax‖ = %.10g, but the distance from b "
                "to C(A) is %.10g (A has rank %d, κ over its nonzero σ ≈ %.1e; off by %.2e, "
                "tolerance %.1e·(‖b‖ + ‖A‖·‖x_min‖) = %.1e). Revisit: %s.%s%s",
                res, dist, rank, kr, fabs(d - dist), tol_d, tol_d * sane, IDEA_LSQ,
                extra ? " " : "", extra ? extra : "");
    }

    int wk = -1;
    double worst = 0.0, wrel = 0.0;
    for (int k = 0; k < n; k++) {
        double acc = 0.0, nk = 0.0;
        for (int i = 0; i < m; i++) {
            acc += MAT(A, i, k) * r[i];
            nk = hypot(nk, MAT(A, i, k));
        }
        double rel = acc == 0.0 ? 0.0 : fabs(acc) / (nk * scale);
        if (nk > 0.0 && (rel > wrel || isnan(rel))) {
            wrel = isnan(rel) ? INFINITY : rel;
            worst = acc;
            wk = k;
        }
    }
    if (wk >= 0 && !(wrel <= tol))
        la_fail("the residual e = b − Ax is not perpendicular to column %d of A: a%d·e = %.3g, "
                "relative %.2e (tolerance %.1e). At a least-squares x, e ⟂ C(A), i.e. "
                "Aᵀ(b − Ax) = 0. Revisit: %s",
                wk, wk, worst, wrel, tol, IDEA_LSQ);
    free(bb);
    free(r);
    return d;
}

/* The contract's membership test: b ∈ C(A) must give a distance ≤ 1e-10·‖b‖. */
static void expect_inside(double d, const double *b, int m, const char *why)
{
    double nb = la_vnorm(b, m);
    if (!(d <= 1e-10 * nb))
        la_fail("b is in C(A) (%s), so the distance must be ≤ 1e-10·‖b‖ = %.2e; you returned "
                "%.3e (%.1e of ‖b‖). Some x gives Ax = b exactly: find it from the independent "
                "columns with QR — not from AᵀA, which squares the condition number",
                why, 1e-10 * nb, d, d / nb);
}

/* ---- Core ----------------------------------------------------------------------------- */

LA_TEST(strang_line_fit)
{
    /* Fit C + Dt to (t, b) = (1, 1), (2, 2), (3, 2): x = (2/3, 1/2), p = (7/6, 5/3, 13/6),
       e = (−1/6, 1/3, −1/6), ‖e‖ = 1/√6. */
    static const double a[] = { 1, 1, 1, 2, 1, 3 }, b[] = { 1, 2, 2 };
    const double want[] = { 2.0 / 3.0, 0.5 };
    Matrix *A = la_mat(3, 2, a);
    double x[2], tol = la_tol(3, la_cond(A));
    la_case("Strang's best line C + Dt through (1, 1), (2, 2), (3, 2): A = [1 1; 1 2; 1 3], "
            "b = (1, 2, 2); x = (2/3, 1/2), distance ‖e‖ = 1/√6 ≈ 0.408");
    double d = grade_fit(A, b, x, NULL);
    la_expect_vec_near(x, want, 2, tol, "x = (C, D)",
                       "the best line has C = 2/3, D = 1/2: AᵀA x = Aᵀb is [3 6; 6 14]x = "
                       "(5, 11)");
    la_expect_near(d, 1.0 / sqrt(6.0), tol, "the distance ‖b − Ax‖",
                   "e = b − p = (−1/6, 1/3, −1/6) and ‖e‖ = √(6/36) = 1/√6: the length, not "
                   "the squared length 1/6");
    mat_free(A);
}

LA_TEST(lecture1_rank_two)
{
    /* column 3 = column 1 + column 2; C(A) is the plane with normal (16, −9, −1) */
    static const double a[] = { 2, 1, 3, 3, 1, 4, 5, 7, 12 };
    static const double inside[] = { 3, 4, 12 }, outside[] = { 1, 1, 1 };
    Matrix *A = la_mat(3, 3, a);
    double x[3];
    la_case("Lecture 1's A = [2 1 3; 3 1 4; 5 7 12] (column 3 = column 1 + column 2, rank 2), "
            "b = (3, 4, 12) = column 3, inside C(A); any x with Ax = b is right");
    double d = grade_fit(A, inside, x, IDEA_DEPENDENT);
    expect_inside(d, inside, 3, "it is column 3 itself");
    la_case("Lecture 1's A = [2 1 3; 3 1 4; 5 7 12] (rank 2: C(A) is the plane with normal "
            "n = (16, −9, −1)), b = (1, 1, 1): distance |n·b|/‖n‖ = 6/√338 ≈ 0.326");
    d = grade_fit(A, outside, x, IDEA_DEPENDENT);
    la_expect_near(d, 6.0 / sqrt(338.0), la_tol(3, 1.0), "the distance ‖b − Ax‖",
                   "C(A) is a plane here (the third column adds nothing): the distance is the "
                   "length of b's component along the normal, |n·b|/‖n‖");
    mat_free(A);
}

LA_TEST(b_in_column_space)
{
    LaRng r = la_rng(1);
    int m = 20, n = 5;
    Matrix *A = la_mat_random(&r, m, n);
    double xt[5], b[20], x[5], kappa = la_cond(A), tol = la_tol(m, kappa);
    for (int j = 0; j < n; j++)
        xt[j] = la_normal(&r);
    la_matvec(A, xt, b);
    la_case("random 20×5, κ≈%.1f, b = A·x_true: inside C(A), x = x_true is the only answer "
            "(tolerance %.1e)",
            kappa, tol);
    double d = grade_fit(A, b, x, NULL);
    expect_inside(d, b, m, "b = A·x_true");
    la_expect_vec_near(x, xt, n, tol * la_vnorm(xt, n), "x",
                       "with independent columns, Ax = b has exactly one solution: x_true");
    mat_free(A);
}

LA_TEST(random_tall_with_noise)
{
    LaRng r = la_rng(2);
    int m = 30, n = 6;
    Matrix *A = la_mat_random(&r, m, n);
    double w[6], b[30], x[6], want[6], kappa = la_cond(A), tol = la_tol(m, kappa * kappa);
    for (int j = 0; j < n; j++)
        w[j] = la_normal(&r);
    la_matvec(A, w, b);
    for (int i = 0; i < m; i++)
        b[i] += 0.5 * la_normal(&r);
    la_case("random 30×6, κ≈%.1f, b = A·w + noise 0.5: outside C(A); x unique, compared "
            "with Householder least squares (tolerance %.1e)",
            kappa, tol);
    grade_fit(A, b, x, NULL);
    la_lstsq(A, b, want);
    la_expect_vec_near(x, want, n, tol * la_vnorm(want, n), "x", IDEA_LSQ);
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(rank_deficient_tall)
{
    LaRng r = la_rng(3);
    double b[15], x[8];
    Matrix *A = la_mat_rank(&r, 15, 8, 3);
    for (int i = 0; i < 15; i++)
        b[i] = la_normal(&r);
    la_case("random 15×8 of rank 3 (five columns depend on the others), random b: any x with "
            "the smallest ‖b − Ax‖ is right");
    grade_fit(A, b, x, IDEA_DEPENDENT);
    mat_free(A);

    A = la_mat_random(&r, 10, 4);
    for (int i = 0; i < 10; i++)
        MAT(A, i, 3) = MAT(A, i, 1);
    la_case("random 10×4 whose feature 3 repeats feature 1, random b");
    grade_fit(A, b, x, IDEA_DEPENDENT);
    for (int i = 0; i < 10; i++)
        MAT(A, i, 3) = 0.0;
    la_case("random 10×4 whose feature 3 is always 0, random b");
    grade_fit(A, b, x, IDEA_DEPENDENT);
    mat_free(A);
}

LA_TEST(wide_matrices)
{
    LaRng r = la_rng(4);
    double b[5], x[9];
    Matrix *A = la_mat_random(&r, 4, 9);
    for (int i = 0; i < 4; i++)
        b[i] = la_normal(&r);
    la_case("random wide 4×9 (4 equations, 9 unknowns, rank 4): C(A) is all of R⁴, so every b "
            "is inside and Ax = b exactly");
    double d = grade_fit(A, b, x, IDEA_DEPENDENT);
    expect_inside(d, b, 4, "the 9 columns span all of R⁴");
    mat_free(A);

    A = la_mat_rank(&r, 5, 8, 2);
    for (int i = 0; i < 5; i++)
        b[i] = la_normal(&r);
    la_case("random wide 5×8 of rank 2 (C(A) is a plane in R⁵), random b");
    grade_fit(A, b, x, IDEA_DEPENDENT);
    mat_free(A);
}

LA_TEST(zero_matrix_and_zero_b)
{
    LaRng r = la_rng(5);
    Matrix *A = mat_new(5, 3);
    double b[6], x[3];
    for (int i = 0; i < 5; i++)
        b[i] = la_normal(&r);
    la_case("A = 0 (5×3), random b: C(A) = {0}, so the distance is ‖b‖ (every x is a "
            "least-squares solution)");
    double d = grade_fit(A, b, x, NULL);
    la_expect_near(d, la_vnorm(b, 5), la_tol(5, 1.0) * la_vnorm(b, 5), "the distance",
                   "the zero matrix has no independent columns: skip them all (‖v‖ = 0 ≤ "
                   "1000·m·ε·‖aⱼ‖ — use ≤ so that 0 ≤ 0 counts), x = 0, distance ‖b‖");
    mat_free(A);

    A = la_mat_random(&r, 6, 3);
    const double zero[6] = { 0 }, want[3] = { 0 };
    la_case("random 6×3, b = 0: the distance is 0 and x = 0 is the only answer");
    d = grade_fit(A, zero, x, NULL);
    la_expect_near(d, 0.0, 0.0, "the distance", "b = 0 = A·0 is in every column space");
    la_expect_vec_near(x, want, 3, 0.0, "x",
                       "Rz = Qᵀ0 = 0, so z = 0: take care not to divide by ‖b‖");
    mat_free(A);
}

LA_TEST(ill_conditioned_kappa_1e8)
{
    LaRng r = la_rng(6);
    int m = 30, n = 6;
    double kappa = 1e8;
    Matrix *A = la_mat_cond(&r, m, n, kappa);
    double xt[6], b[30], x[6], tol = la_tol(m, kappa);
    for (int j = 0; j < n; j++)
        xt[j] = la_normal(&r);
    la_matvec(A, xt, b);
    la_case("30×6 with κ = 1e8, b = A·x_true (inside C(A)): x to 64·m·κ·ε = %.1e; through AᵀA "
            "(κ² = 1e16) the distance would come out near κ·ε ≈ 1e-8 of ‖b‖",
            tol);
    double d = grade_fit(A, b, x, IDEA_NORMAL_EQ);
    expect_inside(d, b, m, "b = A·x_true");
    la_expect_vec_near(x, xt, n, tol * la_vnorm(xt, n), "x",
                       "QR of A itself keeps x accurate to about κ·ε; the normal equations "
                       "lose about κ²·ε, everything here");

    /* b = A·x_true + e with e ⟂ C(A) of known length */
    Matrix *Q = la_orth(A, -1);
    double e[30], want = 1e-3 * la_vnorm(b, m);
    for (int i = 0; i < m; i++)
        e[i] = la_normal(&r);
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < Q->cols; c++) {
            double t = 0.0;
            for (int i = 0; i < m; i++)
                t += MAT(Q, i, c) * e[i];
            for (int i = 0; i < m; i++)
                e[i] -= t * MAT(Q, i, c);
        }
    double ne = la_vnorm(e, m);
    for (int i = 0; i < m; i++)
        b[i] += want * e[i] / ne;
    la_case("30×6 with κ = 1e8, b = A·x_true + e where e ⟂ C(A) and ‖e‖ = %.4g: the distance "
            "is ‖e‖",
            want);
    d = grade_fit(A, b, x, IDEA_NORMAL_EQ);
    la_expect_near(d, want, la_tol(m, 1.0) * la_vnorm(b, m), "the distance",
                   "the part of b outside C(A) is exactly e, whatever the condition number");
    mat_free(Q);
    mat_free(A);
}

LA_TEST(units_do_not_matter)
{
    LaRng r = la_rng(7);
    double b[10], x[4], want[4];
    Matrix *A = la_mat_random(&r, 10, 4);
    for (int i = 0; i < 10 * 4; i++)
        A->data[i] *= 1e-15;
    for (int i = 0; i < 10; i++)
        b[i] = la_normal(&r);
    double kappa = la_cond(A), tol = la_tol(10, kappa * kappa);
    la_case("random 10×4 times 1e-15 (features in tiny units, κ≈%.1f: nothing is dependent), "
            "random b; x unique (≈ 1e15 in size), tolerance %.1e",
            kappa, tol);
    grade_fit(A, b, x, IDEA_UNITS);
    la_lstsq(A, b, want);
    la_expect_vec_near(x, want, 4, tol * la_vnorm(want, 4), "x",
                       "a small column is not a dependent one: compare what is left of aⱼ with "
                       "‖aⱼ‖ itself (‖v‖ ≤ 1000·m·ε·‖aⱼ‖), never with a fixed number like 1e-10");
    mat_free(A);

    A = la_mat_random(&r, 10, 4);
    for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 3; j++)
            MAT(A, i, j) *= 1e9;
        MAT(A, i, 3) = 0.3 * MAT(A, i, 0) - 1.7 * MAT(A, i, 1);
    }
    la_case("random 10×4 times 1e9 (huge units) whose column 3 = 0.3·column 0 − 1.7·column 1: "
            "rank 3, and what is left of column 3 is rounding noise of size ~1e-6, far above "
            "any fixed threshold — it must still count as dependent");
    grade_fit(A, b, x, IDEA_UNITS);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("column_space_fit");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, strang_line_fit);
    tcase_add_test(core, lecture1_rank_two);
    tcase_add_test(core, b_in_column_space);
    tcase_add_test(core, random_tall_with_noise);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, rank_deficient_tall);
    tcase_add_test(edge, wide_matrices);
    tcase_add_test(edge, zero_matrix_and_zero_b);
    tcase_add_test(edge, ill_conditioned_kappa_1e8);
    tcase_add_test(edge, units_do_not_matter);
    return s;
}

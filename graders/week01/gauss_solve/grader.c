/*
 * gauss_solve/grader.c — grades gauss_solve (Ax = b by elimination with partial pivoting).
 *
 * Known answers (the 18.06 L1 systems, 1×1), random systems of sizes 2 to 60 whose solution
 * the grader chose (b = A·x_true) or computed with its own LU (la_solve); systems that need a
 * row exchange (a 0 or a 1e-20 in the pivot position); an ill-conditioned system (κ = 1e8)
 * graded by backward error ‖b − Ax‖/(‖A‖‖x‖), which partial pivoting keeps near ε, and by
 * forward error within la_tol(n, κ); scaled matrices that are not singular; and singular
 * matrices that must be reported with -1. x is NaN-filled before every call, and A and b
 * are checked to be unchanged.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "la4grade.h"

static const char *IDEA_SOLVE =
    "elimination turns A into upper triangular U (same row operations on b), then back "
    "substitution solves Ux = c from the last row up: xᵢ = (cᵢ − Σⱼ>ᵢ uᵢⱼxⱼ)/uᵢᵢ (18.06 L2)";
static const char *IDEA_EXCHANGE =
    "a 0 in the pivot position is not the end: exchange row k with a lower row that has a "
    "nonzero entry in column k, and exchange the same entries of b (18.06 L2, row "
    "exchanges)";
static const char *IDEA_PIVOT =
    "partial pivoting — before eliminating column k, swap in the row i ≥ k with the largest "
    "|aᵢₖ| (absolute value!). A tiny pivot gives huge multipliers that wipe out the other "
    "rows (18.06 L2)";
static const char *IDEA_INVERTIBLE =
    "\"singular\" means no pivot larger than n·ε·max|aᵢⱼ| is left in a column — a test "
    "relative to the size of A's entries, never a fixed cut-off like 1e-10. Tiny entries or a "
    "large κ do not make A singular";

/* Calls gauss_solve with x filled with NaN; fails if A or b changed. Returns its status. */
static int solve(const Matrix *A, const double *b, double *x)
{
    int n = A->rows;
    Matrix *A0 = la_mat_copy(A), *b0 = la_mat(1, n, b);
    la_fill(x, n, NAN);
    int rc = gauss_solve(A, b, x);
    la_expect_unchanged(A, A0, "A");
    Matrix B = { 1, n, (double *)b };
    la_expect_unchanged(&B, b0, "b");
    mat_free(A0);
    mat_free(b0);
    return rc;
}

/* b = A·x_true for the grader's own x_true. Caller frees. */
static double *rhs(const Matrix *A, const double *xtrue)
{
    double *b = malloc(sizeof(double) * (size_t)A->rows);
    la_matvec(A, xtrue, b);
    return b;
}

/* Solves and expects status 0 (else rc_idea) and x ≈ want, entry by entry, within tol (else
   idea). */
static void expect_solves(const Matrix *A, const double *b, const double *want, double tol,
                          const char *rc_idea, const char *idea)
{
    int n = A->rows;
    double *x = malloc(sizeof(double) * (size_t)n);
    int rc = solve(A, b, x);
    if (rc != 0)
        la_fail("gauss_solve returned %d, expected 0: this A is invertible (κ ≈ %.1e), so Ax = b "
                "has exactly one solution. Revisit: %s",
                rc, la_cond(A), rc_idea);
    la_expect_vec_near(x, want, n, tol, "x", idea);
    free(x);
}

/* The relative residual ‖b − Ax‖/(‖A‖‖x‖): how far x is from solving a nearby system. */
static double backward_error(const Matrix *A, const double *b, const double *x)
{
    int n = A->rows;
    double *r = malloc(sizeof(double) * (size_t)n);
    la_matvec(A, x, r);
    for (int i = 0; i < n; i++)
        r[i] = b[i] - r[i];
    double e = la_vnorm(r, n) / (la_mat_norm(A) * la_vnorm(x, n));
    free(r);
    return e;
}

/* ---- known answers ----------------------------------------------------------------------- */

LA_TEST(solves_3x3_from_lecture_1)
{
    static const double A2[] = { 2, -1, -1, 2 }, b2[] = { 0, 3 }, x2[] = { 1, 2 };
    static const double A3[] = { 2, -1, 0, -1, 2, -1, 0, -3, 4 };
    static const double b3[] = { 0, -1, 4 }, x3[] = { 0, 0, 1 };
    Matrix *A = la_mat(2, 2, A2);
    la_case("18.06 L1: 2x − y = 0, −x + 2y = 3 (solution x = 1, y = 2)");
    expect_solves(A, b2, x2, la_tol(2, la_cond(A)), IDEA_SOLVE, IDEA_SOLVE);
    mat_free(A);
    A = la_mat(3, 3, A3);
    la_case("18.06 L1: 2x − y = 0, −x + 2y − z = −1, −3y + 4z = 4 (solution (0, 0, 1))");
    expect_solves(A, b3, x3, la_tol(3, la_cond(A)), IDEA_SOLVE, IDEA_SOLVE);
    mat_free(A);
}

LA_TEST(solves_1x1)
{
    static const struct { double a, b, x; } cases[] = { { 5, 10, 2 }, { -0.25, 1, -4 } };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        la_case("1×1: %g·x = %g", cases[c].a, cases[c].b);
        Matrix *A = la_mat(1, 1, &cases[c].a);
        expect_solves(A, &cases[c].b, &cases[c].x, 1e-13, IDEA_SOLVE,
                      "for n = 1 there is nothing to eliminate: x₀ = b₀/a₀₀");
        mat_free(A);
    }
}

/* ---- random systems ---------------------------------------------------------------------- */

LA_TEST(solves_random_systems)
{
    static const int sizes[] = { 2, 3, 5, 10, 25, 60 };
    LaRng r = la_rng(31);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        Matrix *A = la_mat_random(&r, n, n), *X = la_mat_random(&r, 1, n);
        double kappa = la_cond(A);
        la_case("random %d×%d, κ ≈ %.1e, b = A·x_true for a random x_true", n, n, kappa);
        double *b = rhs(A, X->data);
        expect_solves(A, b, X->data, la_tol(n, kappa) * la_vnorm(X->data, n), IDEA_SOLVE,
                      IDEA_SOLVE);
        free(b);
        mat_free(A);
        mat_free(X);
    }
    // integer matrices meet exact zeros mid-elimination; compare with the grader's own LU
    for (int n = 4; n <= 8; n += 4) {
        Matrix *A = la_mat_int(&r, n, n, -4, 4), *B = la_mat_int(&r, 1, n, -9, 9);
        double *want = malloc(sizeof(double) * (size_t)n);
        if (la_solve(A, B->data, want) == 0) {
            double kappa = la_cond(A);
            la_case("random %d×%d with integer entries in [−4, 4], κ ≈ %.1e; compared with "
                    "an LU solve", n, n, kappa);
            expect_solves(A, B->data, want, la_tol(n, kappa) * la_vnorm(want, n), IDEA_SOLVE,
                          IDEA_SOLVE);
        }
        free(want);
        mat_free(A);
        mat_free(B);
    }
}

/* ---- pivoting ---------------------------------------------------------------------------- */

LA_TEST(needs_row_exchange)
{
    static const struct { int n; double a[9], x[3]; const char *label; } cases[] = {
        { 2, { 0, 1, 1, 0 }, { 3, 2 }, "2×2 [[0,1],[1,0]]: a 0 in the (0,0) position" },
        { 3, { 0, 2, 1, 1, 1, 1, 2, 1, 0 }, { 1, -1, 2 },
          "3×3 [[0,2,1],[1,1,1],[2,1,0]]: a 0 in the (0,0) position" },
        { 3, { 1, 1, 1, 1, 1, 2, 1, 2, 3 }, { 2, -1, 1 },
          "3×3 [[1,1,1],[1,1,2],[1,2,3]]: the (1,1) pivot becomes 0 after step 1" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int n = cases[c].n;
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(n, n, cases[c].a);
        double *b = rhs(A, cases[c].x);
        expect_solves(A, b, cases[c].x, la_tol(n, la_cond(A)), IDEA_EXCHANGE, IDEA_EXCHANGE);
        free(b);
        mat_free(A);
    }
}

LA_TEST(tiny_pivot_needs_partial_pivoting)
{
    // [[1e-20, 1], [1, 1]] x = (1, 2): x = (1/(1 − 1e-20), (1 − 2e-20)/(1 − 1e-20)) ≈ (1, 1).
    // Without a row exchange, ℓ = 1e20 and the second row is lost: x₀ comes out 0.
    static const double a2[] = { 1e-20, 1, 1, 1 }, b2[] = { 1, 2 }, x2[] = { 1, 1 };
    Matrix *A = la_mat(2, 2, a2);
    la_case("2×2 [[1e-20, 1], [1, 1]], b = (1, 2): the answer is x ≈ (1, 1)");
    expect_solves(A, b2, x2, la_tol(2, la_cond(A)), IDEA_PIVOT, IDEA_PIVOT);
    mat_free(A);

    // The largest entry in column 0 is −2: choosing by value, not |value|, picks a 1e-20.
    static const double a3[] = { 1e-20, 1, 1, -2, 1, 0, 1e-20, 0, 1 }, x3[] = { 1, 2, 3 };
    A = la_mat(3, 3, a3);
    la_case("3×3 [[1e-20,1,1],[−2,1,0],[1e-20,0,1]]: the pivot must be the −2");
    double *b = rhs(A, x3);
    expect_solves(A, b, x3, la_tol(3, la_cond(A)), IDEA_PIVOT, IDEA_PIVOT);
    free(b);
    mat_free(A);

    // a random 6×6 whose (0,0) entry is 1e-14 times smaller than the rest
    LaRng r = la_rng(32);
    A = la_mat_random(&r, 6, 6);
    MAT(A, 0, 0) = 1e-14;
    Matrix *X = la_mat_random(&r, 1, 6);
    double kappa = la_cond(A);
    la_case("random 6×6 with a₀₀ = 1e-14, κ ≈ %.1e", kappa);
    b = rhs(A, X->data);
    expect_solves(A, b, X->data, la_tol(6, kappa) * la_vnorm(X->data, 6), IDEA_PIVOT,
                  IDEA_PIVOT);
    free(b);
    mat_free(A);
    mat_free(X);
}

/* ---- conditioning and scale -------------------------------------------------------------- */

LA_TEST(residual_small_ill_conditioned)
{
    static const int sizes[] = { 8, 30 };
    LaRng r = la_rng(33);
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        int n = sizes[c];
        double kappa = 1e8;
        Matrix *A = la_mat_cond(&r, n, n, kappa), *X = la_mat_random(&r, 1, n);
        la_case("random %d×%d, κ = 1e8 (σ from 1 down to 1e-8): invertible, but barely", n, n);
        double *b = rhs(A, X->data), *x = malloc(sizeof(double) * (size_t)n);
        int rc = solve(A, b, x);
        la_expect_int(rc, 0, "gauss_solve's return value for an ill-conditioned, invertible A",
                      IDEA_INVERTIBLE);
        la_expect_finite(x, n, "x");
        double be = backward_error(A, b, x), tol = la_tol(n, 1);
        if (!(be <= tol))
            la_fail("backward error ‖b − Ax‖/(‖A‖‖x‖) = %.2e, above %.1e (64·n·ε): x does not "
                    "solve any system near Ax = b. Revisit: %s",
                    be, tol, IDEA_PIVOT);
        // forward error: κ amplifies the (small) backward error, and no more than that
        double fe = 0.0;
        for (int i = 0; i < n; i++)
            fe = fmax(fe, fabs(x[i] - X->data[i]));
        fe /= la_vnorm(X->data, n);
        double ftol = la_tol(n, kappa);
        if (!(fe <= ftol))
            la_fail("forward error max|xᵢ − x_trueᵢ|/‖x_true‖ = %.2e, above %.1e (64·n·κ·ε). "
                    "Revisit: %s",
                    fe, ftol, IDEA_PIVOT);
        free(b);
        free(x);
        mat_free(A);
        mat_free(X);
    }
}

LA_TEST(scaled_matrices_are_not_singular)
{
    static const double scales[] = { 1e-12, 1e12 };
    LaRng r = la_rng(34);
    for (size_t c = 0; c < sizeof scales / sizeof scales[0]; c++) {
        Matrix *A = la_mat_random(&r, 5, 5), *X = la_mat_random(&r, 1, 5);
        double kappa = la_cond(A);
        for (int i = 0; i < 25; i++)
            A->data[i] *= scales[c];
        la_case("random 5×5 times %g: every entry is tiny or huge, but κ ≈ %.1e is small",
                scales[c], kappa);
        double *b = rhs(A, X->data);
        expect_solves(A, b, X->data, la_tol(5, kappa) * la_vnorm(X->data, 5),
                      IDEA_INVERTIBLE, IDEA_SOLVE);
        free(b);
        mat_free(A);
        mat_free(X);
    }
}

/* ---- singular ---------------------------------------------------------------------------- */

static void expect_singular(const Matrix *A, const double *b, const char *why)
{
    int n = A->rows;
    double *x = malloc(sizeof(double) * (size_t)n);
    int rc = solve(A, b, x);
    if (rc != -1)
        la_fail("gauss_solve returned %d, expected -1: A is singular (%s), so Ax = b has no "
                "unique solution. Revisit: if every candidate pivot in a column has |aᵢₖ| ≤ "
                "n·ε·max|aᵢⱼ| = %.2e, stop and return -1 (18.06 L2: elimination breaks down; "
                "L3: singular = collinear features)",
                rc, why, n * DBL_EPSILON * la_mat_maxabs(A));
    free(x);
}

LA_TEST(reports_singular)
{
    static const double a2[] = { 1, 2, 2, 4 }, b2[] = { 3, 6 }, c2[] = { 3, 7 };
    Matrix *A = la_mat(2, 2, a2);
    la_case("2×2 [[1,2],[2,4]], b = (3, 6)");
    expect_singular(A, b2, "row 1 = 2·row 0: infinitely many solutions");
    la_case("2×2 [[1,2],[2,4]], b = (3, 7)");
    expect_singular(A, c2, "row 1 = 2·row 0: no solution at all");
    mat_free(A);

    static const double a3[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, b3[] = { 1, 1, 1 };
    A = la_mat(3, 3, a3);
    la_case("3×3 [[1,2,3],[4,5,6],[7,8,9]]");
    expect_singular(A, b3, "column 2 = 2·column 1 − column 0; pivots of 1e-16 are rounding");
    mat_free(A);

    static const double zero[] = { 0 }, one[] = { 1 };
    A = la_mat(1, 1, zero);
    la_case("1×1 [0]");
    expect_singular(A, one, "0·x = 1");
    mat_free(A);

    // collinear features: the last column of this data matrix is column 0 + column 1
    static const double a4[] = { 1, 2, 0, 3, 2, 1, 1, 3, 0, 3, 2, 3, 4, 1, 5, 5 };
    static const double b4[] = { 1, 2, 3, 4 };
    A = la_mat(4, 4, a4);
    la_case("4×4 [[1,2,0,3],[2,1,1,3],[0,3,2,3],[4,1,5,5]] (collinear features)");
    expect_singular(A, b4, "column 3 = column 0 + column 1");
    mat_free(A);

    // a duplicated record: row 3 repeats row 1
    static const double d4[] = { 2, 1, 3, 1, 1, 4, 1, 2, 3, 0, 2, 5, 1, 4, 1, 2 };
    A = la_mat(4, 4, d4);
    la_case("4×4 [[2,1,3,1],[1,4,1,2],[3,0,2,5],[1,4,1,2]] (a duplicated record)");
    expect_singular(A, b4, "row 3 = row 1");
    mat_free(A);

    // a zero column in the middle of a random matrix: no row operation can make a pivot
    LaRng r = la_rng(35);
    A = la_mat_random(&r, 4, 4);
    for (int i = 0; i < 4; i++)
        MAT(A, i, 2) = 0.0;
    Matrix *B = la_mat_random(&r, 1, 4);
    la_case("random 4×4 with column 2 all zeros");
    expect_singular(A, B->data, "column 2 is zero: x₂ is not determined");
    mat_free(A);
    mat_free(B);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("gauss_solve");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, solves_3x3_from_lecture_1);
    tcase_add_test(core, solves_random_systems);
    tcase_add_test(core, needs_row_exchange);
    tcase_add_test(core, tiny_pivot_needs_partial_pivoting);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, solves_1x1);
    tcase_add_test(edge, residual_small_ill_conditioned);
    tcase_add_test(edge, scaled_matrices_are_not_singular);
    TCase *errors = la_tcase(s, "Errors");
    tcase_add_test(errors, reports_singular);
    return s;
}

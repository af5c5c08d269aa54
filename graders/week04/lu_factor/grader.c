/*
 * grader.c — lu_factor (week 4, 18.065 Lecture 2): PA = LU with partial pivoting, lu_solve.
 *
 * The factors are graded by what they must be: perm a permutation of 0…n−1; L unit lower
 * triangular, U upper triangular; PA = LU (row i of LU = row perm[i] of A); and |ℓᵢⱼ| ≤ 1,
 * which holds exactly when every pivot was the largest candidate in its column — partial
 * pivoting. Those properties pin the factorization down (up to ties between candidates), so
 * any correct implementation passes; Strang-style 3×3 with a 3-cycle permutation is also
 * compared entry by entry with the factors worked by hand. lu_solve is graded on its own with
 * hand-given factors (x = (1, 1, 1) and a column of A⁻¹), and then with the learner's factors
 * on several right-hand sides and on the columns of I (A·X = I), against the answer x_true
 * and the grader's own solver (la_solve).
 * Cases: 1×1, 2×2 with a 1e-20 or a zero pivot, random 8×8 and 40×40, κ = 1e10, matrices
 * of tiny (1e-30) and huge (1e30) numbers (not singular), singular matrices (-1) and nearly
 * singular twins (0).
 * Tolerances (printed): PA = LU to la_tol(n, 1)·‖L‖‖U‖ (backward error of elimination);
 * solutions to la_tol(n, κ)·‖x‖ (forward error); the residual ‖b − Ax‖ to la_tol(n, 1)·‖L‖‖U‖‖x‖.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_PIVOT =
    "partial pivoting: at step k pick the row p ≥ k with the largest |uₚₖ| (absolute value), "
    "swap it with row k — in U, in perm, and in the columns 0…k−1 of L — and only then "
    "compute ℓᵢₖ = uᵢₖ/uₖₖ, so that every |ℓᵢₖ| ≤ 1";
static const char *IDEA_ELIM =
    "for each row i > k: ℓᵢₖ = uᵢₖ/uₖₖ goes into L(i,k), and row i of U ← row i − ℓᵢₖ·(row k); "
    "L(i,i) = 1. Then row i of PA = Σₖ ℓᵢₖ·(row k of U), which is PA = LU";

/* The learner's factors of A (L, U from mat_new, perm pre-filled with -1); A unchanged. */
typedef struct {
    Matrix *L, *U;
    int *perm;
    int rc;
} Factors;

static Factors factor(const Matrix *A)
{
    int n = A->rows;
    Factors f = { mat_new(n, n), mat_new(n, n), malloc(sizeof(int) * (size_t)(n ? n : 1)), 0 };
    if (!f.L || !f.U || !f.perm)
        la_fail("grader out of memory");
    for (int i = 0; i < n; i++)
        f.perm[i] = -1;
    Matrix *before = la_mat_copy(A);
    f.rc = lu_factor(A, f.L, f.U, f.perm);
    la_expect_unchanged(A, before, "A");
    mat_free(before);
    return f;
}

static void free_factors(Factors *f)
{
    mat_free(f->L);
    mat_free(f->U);
    free(f->perm);
}

static void expect_rc0(int rc, const char *why)
{
    if (rc != 0)
        la_fail("lu_factor returned %d, expected 0: %s. Return -1 only when a column has no "
                "pivot with |uₚₖ| > n·ε·max|aᵢⱼ| among all candidates p ≥ k (a small or zero "
                "uₖₖ just needs a row exchange) — relative to the size of A's entries",
                rc, why);
}

static void expect_permutation(const int *perm, int n)
{
    char seen[64] = { 0 };
    for (int i = 0; i < n; i++) {
        if (perm[i] < 0 || perm[i] >= n)
            la_fail("perm[%d] = %d is not a row number 0…%d: perm must hold every row of A "
                    "once — start from perm[i] = i and swap two entries whenever you swap two "
                    "rows",
                    i, perm[i], n - 1);
        if (seen[perm[i]])
            la_fail("perm[%d] = %d appears twice in perm: a permutation holds every row once. "
                    "Swap entries of perm (t = perm[p]; perm[p] = perm[k]; perm[k] = t) rather "
                    "than overwriting one",
                    i, perm[i]);
        seen[perm[i]] = 1;
    }
}

/* L unit lower triangular, U upper triangular (below the diagonal: 0 or rounding-sized). */
static void expect_triangular(const Matrix *L, const Matrix *U, double scale)
{
    int n = L->rows;
    for (int i = 0; i < n; i++) {
        if (MAT(L, i, i) != 1.0)
            la_fail("L(%d,%d) = %.6g, but L is unit lower triangular: 1s on its diagonal (the "
                    "multiplier of a row with itself). Set L(i,i) = 1",
                    i, i, MAT(L, i, i));
        for (int j = i + 1; j < n; j++)
            if (MAT(L, i, j) != 0.0)
                la_fail("L(%d,%d) = %.6g is above the diagonal: L is lower triangular, zeros "
                        "above it — only the multipliers ℓᵢₖ with i > k go into L",
                        i, j, MAT(L, i, j));
        for (int j = 0; j < i; j++)
            if (!(fabs(MAT(U, i, j)) <= DBL_EPSILON * scale))
                la_fail("U(%d,%d) = %.6g is below the diagonal (allowed: 0 or below %.1e): "
                        "elimination makes column k zero under the pivot — set U(i,k) = 0 "
                        "once ℓᵢₖ is stored in L",
                        i, j, MAT(U, i, j), DBL_EPSILON * scale);
    }
}

/* PA = LU within la_tol(n, 1)·‖L‖‖U‖, with a special word for an inverted perm. */
static void expect_reconstructs(const Matrix *A, const Matrix *L, const Matrix *U,
                                const int *perm)
{
    int n = A->rows, wi = 0, wj = 0;
    Matrix *LU = la_mat_mul(L, U);
    double tol = la_tol(n, 1.0) * la_mat_norm(L) * la_mat_norm(U), worst = -1.0, inv = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double d = fabs(MAT(LU, i, j) - MAT(A, perm[i], j));
            if (isnan(d))
                d = INFINITY;
            if (d > worst) {
                worst = d;
                wi = i;
                wj = j;
            }
            inv = fmax(inv, fabs(MAT(LU, perm[i], j) - MAT(A, i, j))); /* perm read backwards */
        }
    double lu = MAT(LU, wi, wj), a = MAT(A, perm[wi], wj);
    mat_free(LU);
    if (worst <= tol)
        return;
    if (inv <= tol)
        la_fail("PA ≠ LU, but row perm[i] of LU is row i of A: your perm is the other way "
                "round. perm[i] must be the row of A that became row i (so PA's row i is A's "
                "row perm[i]) — swapping perm's entries alongside the rows gives exactly that");
    la_fail("PA ≠ LU: (LU)(%d,%d) = %.10g, but row %d of PA is row perm[%d] = %d of A, whose "
            "entry %d is %.10g (off by %.2e, tolerance %.1e = 64·n·ε·‖L‖‖U‖). Revisit: %s; "
            "when rows swap, swap the multipliers already in L too",
            wi, wj, lu, wi, wi, perm[wi], wj, a, worst, tol, IDEA_ELIM);
}

/* Partial pivoting: every multiplier |ℓᵢⱼ| ≤ 1. */
static void expect_pivoting(const Matrix *L)
{
    int n = L->rows;
    for (int j = 0; j < n; j++)
        for (int i = j + 1; i < n; i++)
            if (!(fabs(MAT(L, i, j)) <= 1.0 + 4 * DBL_EPSILON))
                la_fail("L(%d,%d) = %.6g: a multiplier larger than 1 in size means the pivot "
                        "U(%d,%d) was not the largest candidate in column %d. Revisit: %s",
                        i, j, MAT(L, i, j), j, j, j, IDEA_PIVOT);
}

static void expect_lu(const Matrix *A, const Factors *f)
{
    int n = A->rows;
    la_expect_mat_finite(f->L, "L");
    la_expect_mat_finite(f->U, "U");
    expect_permutation(f->perm, n);
    expect_triangular(f->L, f->U, 64.0 * n * la_mat_maxabs(A));
    expect_reconstructs(A, f->L, f->U, f->perm);
    expect_pivoting(f->L);
}

/* lu_solve on the given factors, x pre-filled with NaN; factors and b unchanged. */
static void solve(const Factors *f, const double *b, double *x)
{
    int n = f->L->rows;
    Matrix *L0 = la_mat_copy(f->L), *U0 = la_mat_copy(f->U);
    int p0[64];
    double b0[64];
    for (int i = 0; i < n; i++) {
        p0[i] = f->perm[i];
        b0[i] = b[i];
    }
    la_fill(x, n, NAN);
    lu_solve(f->L, f->U, f->perm, b, x);
    la_expect_unchanged(f->L, L0, "L");
    la_expect_unchanged(f->U, U0, "U");
    for (int i = 0; i < n; i++)
        if (f->perm[i] != p0[i] || b[i] != b0[i])
            la_fail("lu_solve changed its input %s[%d]: the factors and b are const — they "
                    "are reused for the next right-hand side",
                    f->perm[i] != p0[i] ? "perm" : "b", i);
    mat_free(L0);
    mat_free(U0);
    la_expect_finite(x, n, "x");
}

static const char *IDEA_SOLVE =
    "Ax = b ⇔ PAx = Pb ⇔ L(Ux) = Pb: first Lz = Pb from the top down, zᵢ = b[perm[i]] − "
    "Σⱼ<ᵢ ℓᵢⱼzⱼ (ℓᵢᵢ = 1; note b[perm[i]], not b[i]), then Ux = z from the bottom up, "
    "xᵢ = (zᵢ − Σⱼ>ᵢ uᵢⱼxⱼ)/uᵢᵢ";

/* Solves A x = A·x_true with the learner's factors: x = x_true within la_tol(n, κ), and the
   residual within the backward-error bound. */
static void expect_solves(const Matrix *A, const Factors *f, const double *xt, double kappa)
{
    int n = A->rows;
    double b[64], x[64], r[64];
    la_matvec(A, xt, b);
    solve(f, b, x);
    double tol = la_tol(n, kappa);
    la_matvec(A, x, r);
    for (int i = 0; i < n; i++)
        r[i] = b[i] - r[i];
    double rt = la_tol(n, 1.0) * la_mat_norm(f->L) * la_mat_norm(f->U) * la_vnorm(x, n);
    if (!(la_vnorm(r, n) <= rt))
        la_fail("lu_solve: the residual ‖b − Ax‖ = %.2e is larger than elimination's rounding "
                "allows (%.1e = 64·n·ε·‖L‖‖U‖‖x‖). Revisit: %s",
                la_vnorm(r, n), rt, IDEA_SOLVE);
    la_expect_vec_near(x, xt, n, tol * la_vnorm(xt, n), "x (vs x_true)", IDEA_SOLVE);
}

/* ---- Core ----------------------------------------------------------------------------- */

static const double STRANG[] = { 1, 2, 1, 3, 8, 1, 0, 4, 1 };

LA_TEST(known_3x3_factors)
{
    /* Step 0 takes row 1 (pivot 3): ℓ = 1/3 for row 0, 0 for row 2. Step 1 compares −2/3 with
       4 and swaps: ℓ = −1/6. U = [3 8 1; 0 4 1; 0 0 5/6], perm = (1, 2, 0). */
    static const double l[] = { 1, 0, 0, 0, 1, 0, 1.0 / 3.0, -1.0 / 6.0, 1 };
    static const double u[] = { 3, 8, 1, 0, 4, 1, 0, 0, 5.0 / 6.0 };
    static const int p[] = { 1, 2, 0 };
    Matrix *A = la_mat(3, 3, STRANG), *Lw = la_mat(3, 3, l), *Uw = la_mat(3, 3, u);
    la_case("A = [1 2 1; 3 8 1; 0 4 1]: pivots 3 (row 1), then 4 (row 2), then 5/6; "
            "perm = (1, 2, 0), L = [1 0 0; 0 1 0; 1/3 −1/6 1], U = [3 8 1; 0 4 1; 0 0 5/6]");
    Factors f = factor(A);
    expect_rc0(f.rc, "det A = 10");
    expect_lu(A, &f);
    for (int i = 0; i < 3; i++)
        if (f.perm[i] != p[i])
            la_fail("perm = (%d, %d, %d), expected (1, 2, 0): column 0's largest entry is the 3 "
                    "in row 1; after eliminating, column 1 holds −2/3 (row 0) and 4 (row 2), so "
                    "row 2 comes up next. Revisit: %s",
                    f.perm[0], f.perm[1], f.perm[2], IDEA_PIVOT);
    la_expect_mat_near(f.L, Lw, la_tol(3, 1.0), "L", IDEA_ELIM);
    la_expect_mat_near(f.U, Uw, la_tol(3, 1.0) * 8, "U", IDEA_ELIM);
    free_factors(&f);
    mat_free(A);
    mat_free(Lw);
    mat_free(Uw);
}

LA_TEST(random_8x8)
{
    LaRng r = la_rng(1);
    Matrix *A = la_mat_random(&r, 8, 8);
    la_case("random 8×8, κ≈%.1e", la_cond(A));
    Factors f = factor(A);
    expect_rc0(f.rc, "a random matrix is invertible");
    expect_lu(A, &f);
    free_factors(&f);
    mat_free(A);
}

LA_TEST(lu_solve_with_given_factors)
{
    /* The factors of [1 2 1; 3 8 1; 0 4 1], worked by hand: lu_solve alone is graded here. */
    static const double l[] = { 1, 0, 0, 0, 1, 0, 1.0 / 3.0, -1.0 / 6.0, 1 };
    static const double u[] = { 3, 8, 1, 0, 4, 1, 0, 0, 5.0 / 6.0 };
    static const int p[] = { 1, 2, 0 };
    Factors f = { la_mat(3, 3, l), la_mat(3, 3, u), malloc(sizeof p), 0 };
    for (int i = 0; i < 3; i++)
        f.perm[i] = p[i];
    static const double b1[] = { 4, 12, 5 }, x1[] = { 1, 1, 1 };
    static const double b2[] = { 1, 0, 0 }, x2[] = { 0.4, -0.3, 1.2 };
    double x[3];
    la_case("given L = [1 0 0; 0 1 0; 1/3 −1/6 1], U = [3 8 1; 0 4 1; 0 0 5/6], perm = (1, 2, "
            "0) of A = [1 2 1; 3 8 1; 0 4 1]; b = (4, 12, 5) = A·(1, 1, 1)");
    solve(&f, b1, x);
    la_expect_vec_near(x, x1, 3, la_tol(3, 20.0), "x", IDEA_SOLVE);
    la_case("the same factors; b = (1, 0, 0): x = column 0 of A⁻¹ = (4, −3, 12)/det A, det A = "
            "10");
    solve(&f, b2, x);
    la_expect_vec_near(x, x2, 3, la_tol(3, 20.0), "x", IDEA_SOLVE);
    free_factors(&f);
}

LA_TEST(solve_many_right_hand_sides)
{
    LaRng r = la_rng(2);
    int n = 10;
    Matrix *A = la_mat_random(&r, n, n);
    double kappa = la_cond(A), xt[10];
    la_case("random 10×10, κ≈%.1e: factor once, then 6 right-hand sides b = A·x_true "
            "(tolerance 64·n·κ·ε = %.1e)",
            kappa, la_tol(n, kappa));
    Factors f = factor(A);
    expect_rc0(f.rc, "a random matrix is invertible");
    expect_lu(A, &f);
    for (int t = 0; t < 6; t++) {
        for (int i = 0; i < n; i++)
            xt[i] = la_normal(&r);
        expect_solves(A, &f, xt, kappa);
    }
    /* the columns of I: X = A⁻¹, so A·X = I */
    la_case("random 10×10, κ≈%.1e: lu_solve with b = each column of I gives the columns of "
            "A⁻¹, and A·A⁻¹ = I (tolerance %.1e)",
            kappa, la_tol(n, kappa));
    Matrix *X = mat_new(n, n);
    double e[10], x[10];
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++)
            e[i] = i == j ? 1.0 : 0.0;
        solve(&f, e, x);
        for (int i = 0; i < n; i++)
            MAT(X, i, j) = x[i];
    }
    Matrix *AX = la_mat_mul(A, X), *I = la_mat_identity(n);
    la_expect_mat_near(AX, I, la_tol(n, kappa), "A·X",
                       "column j of A⁻¹ solves Ax = eⱼ: one factorization, n cheap solves");
    mat_free(AX);
    mat_free(I);
    mat_free(X);
    free_factors(&f);
    mat_free(A);
}

/* ---- Edge ----------------------------------------------------------------------------- */

LA_TEST(tiny_and_zero_pivots)
{
    static const double tiny[] = { 1e-20, 1, 1, 1 }, swap[] = { 0, 1, 1, 0 };
    static const double b[] = { 1, 2 }, xw[] = { 1, 1 };
    double x[2];
    Matrix *A = la_mat(2, 2, tiny);
    la_case("A = [1e-20 1; 1 1], b = (1, 2): x ≈ (1, 1). Without a row exchange the multiplier "
            "is 1e20 and u₁₁ = 1 − 1e20 swallows the 1");
    Factors f = factor(A);
    expect_rc0(f.rc, "det A ≈ −1");
    expect_lu(A, &f);
    solve(&f, b, x);
    la_expect_vec_near(x, xw, 2, la_tol(2, 3.0), "x", IDEA_PIVOT);
    free_factors(&f);
    mat_free(A);

    A = la_mat(2, 2, swap);
    la_case("A = [0 1; 1 0] (a zero in the pivot position): perm = (1, 0), L = I, U = I");
    f = factor(A);
    expect_rc0(f.rc, "det A = −1; the zero pivot just needs a row exchange");
    expect_lu(A, &f);
    free_factors(&f);
    mat_free(A);

    LaRng r = la_rng(3);
    A = la_mat_random(&r, 6, 6);
    MAT(A, 0, 0) = 1e-14;
    double kappa = la_cond(A), xt[6];
    for (int i = 0; i < 6; i++)
        xt[i] = la_normal(&r);
    la_case("random 6×6 with a₀₀ = 1e-14, κ≈%.1e", kappa);
    f = factor(A);
    expect_rc0(f.rc, "the matrix is invertible");
    expect_lu(A, &f);
    expect_solves(A, &f, xt, kappa);
    free_factors(&f);
    mat_free(A);
}

LA_TEST(one_by_one)
{
    static const double vals[] = { 5.0, -0.5 };
    for (int t = 0; t < 2; t++) {
        Matrix *A = la_mat(1, 1, &vals[t]);
        double b[1] = { 2.0 }, x[1];
        la_case("1×1 A = [%g]: L = [1], U = [%g], perm = (0); b = 2 gives x = %g", vals[t],
                vals[t], 2.0 / vals[t]);
        Factors f = factor(A);
        expect_rc0(f.rc, "a nonzero number is invertible");
        expect_lu(A, &f);
        la_expect_near(MAT(f.U, 0, 0), vals[t], 0.0, "U(0,0)",
                       "with nothing to eliminate, U is A itself");
        solve(&f, b, x);
        la_expect_near(x[0], 2.0 / vals[t], 1e-15, "x[0]", IDEA_SOLVE);
        free_factors(&f);
        mat_free(A);
    }
}

LA_TEST(ill_conditioned_kappa_1e10)
{
    LaRng r = la_rng(4);
    int n = 12;
    double kappa = 1e10, xt[12];
    Matrix *A = la_mat_cond(&r, n, n, kappa);
    for (int i = 0; i < n; i++)
        xt[i] = la_normal(&r);
    la_case("12×12 with κ = 1e10 (σ from 1 down to 1e-10): invertible, so 0; x to "
            "64·n·κ·ε = %.1e, while PA = LU and the residual stay at rounding level",
            la_tol(n, kappa));
    Factors f = factor(A);
    expect_rc0(f.rc, "κ = 1e10 is large but finite: the smallest pivot is about 1e-10, far "
                     "above n·ε·max|aᵢⱼ|");
    expect_lu(A, &f);
    expect_solves(A, &f, xt, kappa);
    free_factors(&f);
    mat_free(A);
}

LA_TEST(size_40x40)
{
    LaRng r = la_rng(5);
    int n = 40;
    Matrix *A = la_mat_random(&r, n, n);
    double kappa = la_cond(A), xt[40];
    for (int i = 0; i < n; i++)
        xt[i] = la_normal(&r);
    la_case("random 40×40, κ≈%.1e (tolerance for x: %.1e)", kappa, la_tol(n, kappa));
    Factors f = factor(A);
    expect_rc0(f.rc, "a random matrix is invertible");
    expect_lu(A, &f);
    expect_solves(A, &f, xt, kappa);
    free_factors(&f);
    mat_free(A);
}

LA_TEST(tiny_and_huge_numbers_are_not_singular)
{
    static const double scales[] = { 1e-30, 1e30 };
    for (int t = 0; t < 2; t++) {
        LaRng r = la_rng(6);
        Matrix *A = la_mat_random(&r, 5, 5);
        double kappa = la_cond(A), xt[5];
        for (int i = 0; i < 25; i++)
            A->data[i] *= scales[t];
        for (int i = 0; i < 5; i++)
            xt[i] = la_normal(&r);
        la_case("random 5×5 times %g: every entry is tiny or huge, but κ≈%.1e is small",
                scales[t], kappa);
        Factors f = factor(A);
        expect_rc0(f.rc, "scaling A does not make it singular — compare each pivot with "
                         "n·ε·max|aᵢⱼ|, never with a fixed number like 1e-12");
        expect_lu(A, &f);
        expect_solves(A, &f, xt, kappa);
        free_factors(&f);
        mat_free(A);
    }
}

/* ---- Errors --------------------------------------------------------------------------- */

/* A must be reported singular; the same A with `row` nudged by 1e-6 must factor. */
static void singular_case(Matrix *A, const char *label, int row, LaRng *r)
{
    int n = A->rows;
    la_case("%s", label);
    Factors f = factor(A);
    if (f.rc != -1)
        la_fail("lu_factor returned %d, expected -1: this A is singular, so at some step every "
                "candidate pivot is 0 or rounding noise (≤ n·ε·max|aᵢⱼ| = %.1e). Test "
                "|uₚₖ| > n·ε·max|aᵢⱼ| before dividing by it",
                f.rc, n * DBL_EPSILON * la_mat_maxabs(A));
    free_factors(&f);
    double size = fmax(la_mat_maxabs(A), 1.0);
    for (int j = 0; j < n; j++)
        MAT(A, row, j) += 1e-6 * size * la_normal(r);
    la_case("%s, then row %d nudged by noise of size 1e-6: invertible, κ≈%.1e", label, row,
            la_cond(A));
    f = factor(A);
    expect_rc0(f.rc, "after the nudge the smallest pivot is about 1e-6, far above "
                     "n·ε·max|aᵢⱼ|");
    expect_lu(A, &f);
    free_factors(&f);
}

LA_TEST(singular_returns_minus_one)
{
    LaRng r = la_rng(7);
    static const double a2[] = { 1, 2, 2, 4 }, a3[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    static const double zero[] = { 0 };
    Matrix *A = la_mat(2, 2, a2);
    singular_case(A, "A = [1 2; 2 4] (row 1 = 2·row 0)", 1, &r);
    mat_free(A);
    A = la_mat(3, 3, a3);
    singular_case(A, "A = [1 2 3; 4 5 6; 7 8 9] (row 1 is the average of rows 0 and 2)", 2, &r);
    mat_free(A);
    A = la_mat(1, 1, zero);
    singular_case(A, "1×1 A = [0]", 0, &r);
    mat_free(A);
    A = la_mat_random(&r, 5, 5);
    for (int j = 0; j < 5; j++)
        MAT(A, 4, j) = MAT(A, 1, j);
    singular_case(A, "random 5×5 whose row 4 repeats row 1", 4, &r);
    mat_free(A);
    A = la_mat_random(&r, 4, 4);
    for (int i = 0; i < 4; i++)
        MAT(A, i, 2) = 0.0;
    singular_case(A, "random 4×4 with column 2 all zeros", 2, &r);
    mat_free(A);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("lu_factor");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, known_3x3_factors);
    tcase_add_test(core, random_8x8);
    tcase_add_test(core, lu_solve_with_given_factors);
    tcase_add_test(core, solve_many_right_hand_sides);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, tiny_and_zero_pivots);
    tcase_add_test(edge, one_by_one);
    tcase_add_test(edge, ill_conditioned_kappa_1e10);
    tcase_add_test(edge, size_40x40);
    tcase_add_test(edge, tiny_and_huge_numbers_are_not_singular);
    TCase *err = la_tcase(s, "Errors");
    tcase_add_test(err, singular_returns_minus_one);
    return s;
}

/*
 * rref_nullspace/grader.c — grades rref (reduced row echelon form, pivots, rank) and
 * nullspace (special solutions of Ax = 0).
 *
 * rref(A) is unique, so R is compared entry by entry — with the 18.06 L7 example, small
 * hand-checkable shapes (zero first column, tall, wide, zero, 1×1) and random matrices built
 * as A = C·R_true, where C (m×r, κ = 10) has independent columns and R_true is a random RREF
 * with pivots in random columns: then rref(A) = R_true exactly, an answer the grader knows
 * without running any elimination. Wrong R's are diagnosed in order: rank, pivot columns,
 * pivots equal to 1, zeros above and below each pivot, zero rows, then the rest.
 *
 * For the nullspace every correct basis is accepted: the returned dimension must be n − r,
 * each of the first n − r columns must satisfy A·n ≈ 0 and lie in the nullspace the grader
 * computes by SVD (la_null, la_outside), the columns must be independent, and the rest of N
 * must stay 0. Only nullspace_special_solutions_form asks for the special solutions
 * themselves, as the header does. Tolerances decide the rank: noise below tol is not a
 * pivot, an ill-conditioned but full-rank matrix keeps all its pivots.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "la4grade.h"

static const char *IDEA_RREF =
    "in R every pivot is 1, every other entry of a pivot column is 0 (above and below), pivot "
    "rows come first with pivots moving right, and zero rows come last (18.06 L7)";
static const char *IDEA_SPECIAL =
    "special solution for free column f: x_f = 1, the other free variables 0, and the pivot "
    "variable of row k is −R[k, f] (move the free part to the right-hand side) (18.06 L7)";
static const char *IDEA_FORM =
    "any basis of N(A) passes the other tests; this one asks for what the header asks: the "
    "special solutions, in the order of the free columns — x_f = 1, the other free variables "
    "0, pivot variable of row k = −R[k, f] (18.06 L7)";

/* ---- building test matrices -------------------------------------------------------------- */

/* A random m×n RREF with r pivots in random columns (sorted into piv[0…r−1]) and small
   integers in its free entries. */
static Matrix *random_rref(LaRng *g, int m, int n, int r, int *piv)
{
    Matrix *R = mat_new(m, n);
    for (int j = 0, need = r; j < n; j++) // choose r of the n columns, each subset alike
        if (la_unif(g) * (n - j) < need)
            piv[r - need--] = j;
    for (int k = 0; k < r; k++) {
        MAT(R, k, piv[k]) = 1.0;
        for (int j = piv[k] + 1; j < n; j++) {
            int is_pivot = 0;
            for (int q = k + 1; q < r; q++)
                is_pivot |= piv[q] == j;
            MAT(R, k, j) = is_pivot ? 0.0 : la_randint(g, -3, 3);
        }
    }
    return R;
}

/* A = C·R_true with C m×r of condition number 10: rref(A) = R_true. */
static Matrix *build(LaRng *g, int m, int n, int r, Matrix **Rtrue, int *piv)
{
    *Rtrue = random_rref(g, m, n, r, piv);
    Matrix *C = la_mat_cond(g, m, r, 10.0), *Rtop = la_mat_cols(*Rtrue, n); // Rtop: m×n
    Matrix *top = mat_new(r, n);
    for (int k = 0; k < r; k++)
        for (int j = 0; j < n; j++)
            MAT(top, k, j) = MAT(Rtop, k, j);
    Matrix *A = la_mat_mul(C, top);
    mat_free(C), mat_free(Rtop), mat_free(top);
    return A;
}

/* σ₁/σᵣ: the condition number of A on its rank-r part. */
static double kappa_r(const Matrix *A, int r)
{
    int k = A->rows < A->cols ? A->rows : A->cols;
    if (r <= 0 || k == 0)
        return 1.0;
    double *s = malloc(sizeof(double) * (size_t)k);
    la_svd(A, s, NULL, NULL);
    double kr = s[0] / s[r - 1];
    free(s);
    return kr;
}

static const char *fmt_ints(const int *v, int n, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "{");
    for (int i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%d", i ? ", " : "", v[i]);
    if (len < size)
        snprintf(buf + len, size - len, "}");
    return buf;
}

/* ---- calling the learner ------------------------------------------------------------------ */

/* rref(A) into a NaN-filled R and a pivots array of min(m, n) entries set to −1. */
static int call_rref(const Matrix *A, double tol, Matrix **R, int **piv)
{
    int k = A->rows < A->cols ? A->rows : A->cols;
    Matrix *A0 = la_mat_copy(A);
    *R = mat_new(A->rows, A->cols);
    la_fill((*R)->data, A->rows * A->cols, NAN);
    *piv = malloc(sizeof(int) * (size_t)(k > 0 ? k : 1));
    for (int i = 0; i < k; i++)
        (*piv)[i] = -1;
    int rank = rref(A, *R, *piv, tol);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return rank;
}

/* nullspace(A) into a zero-filled n×n N. */
static int call_nullspace(const Matrix *A, double tol, Matrix **N)
{
    Matrix *A0 = la_mat_copy(A);
    *N = mat_new(A->cols, A->cols);
    int dim = nullspace(A, *N, tol);
    la_expect_unchanged(A, A0, "A");
    mat_free(A0);
    return dim;
}

/* ---- checking rref ------------------------------------------------------------------------ */

/* Diagnoses R against the known answer, most basic property first. */
static void check_rref(const Matrix *R, int rank, const int *piv, const Matrix *Rt, int r,
                       const int *pt, double tol, double rtol)
{
    int m = R->rows, n = R->cols;
    char bg[128], bw[128];
    if (rank != r)
        la_fail("rref returned rank %d, expected %d. Revisit: %s", rank, r,
                rank > r ? "a column is free when every candidate at or below the current "
                           "row has |entry| ≤ tol — rounding leftovers are not pivots; count "
                           "one pivot per non-free column (18.06 L7)"
                         : rank < 0 ? "return the number of pivots you found (18.06 L7)"
                                    : "after a free column, keep looking for a pivot in the "
                                      "same row of the next column; a real pivot has "
                                      "|entry| > tol (18.06 L7)");
    for (int k = 0; k < r; k++)
        if (piv[k] != pt[k])
            la_fail("pivots[%d] = %d, expected %d: pivot columns should be %s, got %s. "
                    "Revisit: record the column of each pivot as you find it, in order; a "
                    "column whose candidates are all ≤ tol (%g) has no pivot (18.06 L7)",
                    k, piv[k], pt[k], fmt_ints(pt, r, bw, sizeof bw),
                    fmt_ints(piv, r, bg, sizeof bg), tol);
    la_expect_mat_finite(R, "R");
    for (int k = 0; k < r; k++) {
        int p = pt[k];
        if (!(fabs(MAT(R, k, p) - 1.0) <= rtol))
            la_fail("R(%d,%d) = %.10g is the pivot of row %d and should be 1 (tolerance "
                    "%.1e). Revisit: divide the pivot row by its pivot (18.06 L7)",
                    k, p, MAT(R, k, p), k, rtol);
        for (int i = 0; i < m; i++)
            if (i != k && !(fabs(MAT(R, i, p)) <= rtol))
                la_fail("R(%d,%d) = %.10g should be 0: column %d is a pivot column, so it is "
                        "a column of I (tolerance %.1e). Revisit: %s",
                        i, p, MAT(R, i, p), p, rtol,
                        i < k ? "reduced form clears *above* each pivot too — subtract "
                                "multiples of the pivot row from every other row (18.06 L7)"
                              : "eliminate below the pivot (18.06 L2)");
    }
    for (int i = r; i < m; i++)
        for (int j = 0; j < n; j++)
            if (!(fabs(MAT(R, i, j)) <= rtol))
                la_fail("R(%d,%d) = %.10g should be 0: rows %d…%d of R are zero rows (rank "
                        "%d). Revisit: %s",
                        i, j, MAT(R, i, j), r, m - 1, r, IDEA_RREF);
    la_expect_mat_near(R, Rt, rtol, "R", IDEA_RREF);
}

/* ---- checking a nullspace basis ----------------------------------------------------------- */

/* Accepts any basis: dimension, A·n ≈ 0, inside the SVD nullspace, independent, rest 0. */
static void check_null_basis(const Matrix *A, const Matrix *N, int dim, int want, double tol,
                             double svd_tol)
{
    int n = A->cols;
    if (dim != want)
        la_fail("nullspace returned %d, expected n − r = %d − %d = %d. Revisit: there is one "
                "special solution per free column, so dim N(A) = n − rank (18.06 L7)",
                dim, n, n - want, want);
    double *x = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *ax = malloc(sizeof(double) * (size_t)(A->rows > 0 ? A->rows : 1));
    double anorm = la_mat_norm(A);
    for (int t = 0; t < want; t++) {
        for (int i = 0; i < n; i++)
            x[i] = MAT(N, i, t);
        la_expect_finite(x, n, "a nullspace vector");
        double nx = la_vnorm(x, n);
        if (nx == 0.0)
            la_fail("column %d of N is all zeros: a basis vector cannot be 0. Revisit: %s", t,
                    IDEA_SPECIAL);
        la_matvec(A, x, ax);
        double res = la_vnorm(ax, A->rows) / (anorm * nx);
        if (!(res <= tol)) {
            char b[256];
            la_fail("column %d of N, n = %s, does not solve Ax = 0: ‖A·n‖/(‖A‖‖n‖) = %.2e, "
                    "tolerance %.1e. Revisit: %s",
                    t, la_fmt_vec(x, n, b, sizeof b), res, tol, IDEA_SPECIAL);
        }
    }
    if (want > 0) {
        Matrix *Q = la_null(A, svd_tol);
        int worst;
        double out = la_outside(N, want, Q, &worst);
        if (!(out <= tol))
            la_fail("column %d of N lies %.2e (relative) outside the nullspace found by SVD, "
                    "tolerance %.1e. Revisit: %s",
                    worst, out, tol, IDEA_SPECIAL);
        Matrix *B = la_mat_cols(N, want);
        int rk = la_rank(B, -1.0);
        if (rk != want)
            la_fail("the %d columns of N have rank %d: they must be independent to be a "
                    "basis. Revisit: each special solution has its 1 in a different free "
                    "column and 0 in the other free columns (18.06 L7)",
                    want, rk);
        mat_free(Q), mat_free(B);
    }
    for (int t = want; t < n; t++)
        for (int i = 0; i < n; i++)
            if (MAT(N, i, t) != 0.0)
                la_fail("N(%d,%d) = %g: only the first n − r = %d columns hold the basis; "
                        "leave the other columns 0",
                        i, t, MAT(N, i, t), want);
    free(x);
    free(ax);
}

/* ---- rref: known answers ------------------------------------------------------------------ */

LA_TEST(rref_lecture_example)
{
    static const double a[] = { 1, 2, 2, 2, 2, 4, 6, 8, 3, 6, 8, 10 };
    static const double rt[] = { 1, 2, 0, -2, 0, 0, 1, 2, 0, 0, 0, 0 };
    static const int pt[] = { 0, 2 };
    Matrix *A = la_mat(3, 4, a), *Rt = la_mat(3, 4, rt), *R;
    int *piv;
    la_case("18.06 L7: A = [[1,2,2,2],[2,4,6,8],[3,6,8,10]], R = [[1,2,0,−2],[0,0,1,2],"
            "[0,0,0,0]], pivot columns {0, 2}");
    int rank = call_rref(A, 1e-10, &R, &piv);
    check_rref(R, rank, piv, Rt, 2, pt, 1e-10, 1e-12);
    mat_free(A), mat_free(Rt), mat_free(R), free(piv);
}

LA_TEST(rref_small_shapes)
{
    static const struct {
        int m, n, r, piv[3];
        double a[12], rt[12];
        const char *label;
    } cases[] = {
        { 3, 3, 2, { 1, 2 }, { 0, 1, 2, 0, 2, 4, 0, 3, 7 }, { 0, 1, 0, 0, 0, 1, 0, 0, 0 },
          "[[0,1,2],[0,2,4],[0,3,7]]: column 0 is free, the first pivot is in column 1" },
        { 4, 2, 2, { 0, 1 }, { 1, 2, 3, 4, 5, 6, 7, 8 }, { 1, 0, 0, 1, 0, 0, 0, 0 },
          "tall 4×2 [[1,2],[3,4],[5,6],[7,8]]: independent columns, R = [I; 0]" },
        { 2, 4, 2, { 0, 1 }, { 1, 2, 3, 4, 2, 3, 4, 5 }, { 1, 0, -1, -2, 0, 1, 2, 3 },
          "wide 2×4 [[1,2,3,4],[2,3,4,5]]: R = [[1,0,−1,−2],[0,1,2,3]]" },
        { 2, 4, 2, { 0, 3 }, { 1, 2, 3, 0, 0, 0, 0, 1 }, { 1, 2, 3, 0, 0, 0, 0, 1 },
          "[[1,2,3,0],[0,0,0,1]] is already in RREF: pivots {0, 3}" },
        { 2, 3, 0, { 0 }, { 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 },
          "the 2×3 zero matrix: no pivots, rank 0" },
        { 1, 1, 1, { 0 }, { -5 }, { 1 }, "1×1 [−5]: R = [1]" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int m = cases[c].m, n = cases[c].n;
        la_case("%s", cases[c].label);
        Matrix *A = la_mat(m, n, cases[c].a), *Rt = la_mat(m, n, cases[c].rt), *R;
        int *piv;
        int rank = call_rref(A, 1e-10, &R, &piv);
        check_rref(R, rank, piv, Rt, cases[c].r, cases[c].piv, 1e-10, 1e-12);
        mat_free(A), mat_free(Rt), mat_free(R), free(piv);
    }
}

/* ---- rref: random ------------------------------------------------------------------------- */

static const int SHAPES[][3] = { { 5, 7, 3 }, { 8, 4, 2 }, { 6, 6, 6 }, { 10, 10, 7 },
                                 { 3, 9, 3 }, { 12, 5, 5 }, { 20, 30, 12 } };
enum { NSHAPES = sizeof SHAPES / sizeof SHAPES[0] };

LA_TEST(rref_random_known_structure)
{
    LaRng g = la_rng(81);
    for (int c = 0; c < NSHAPES; c++) {
        int m = SHAPES[c][0], n = SHAPES[c][1], r = SHAPES[c][2], pt[32];
        Matrix *Rt, *A = build(&g, m, n, r, &Rt, pt), *R;
        char b[128];
        la_case("random %d×%d of rank %d, A = C·R_true, pivot columns %s", m, n, r,
                fmt_ints(pt, r, b, sizeof b));
        int *piv, rank = call_rref(A, 1e-9, &R, &piv);
        double rtol = la_tol(m > n ? m : n, kappa_r(A, r)) * (1.0 + la_mat_maxabs(Rt));
        check_rref(R, rank, piv, Rt, r, pt, 1e-9, rtol);
        mat_free(A), mat_free(Rt), mat_free(R), free(piv);
    }
}

LA_TEST(rref_tolerance_decides_rank)
{
    static const double a[] = { 1, 2, 2, 4 + 1e-13 };
    static const double r1[] = { 1, 2, 0, 0 }, r2[] = { 1, 0, 0, 1 };
    static const int p1[] = { 0 }, p2[] = { 0, 1 };
    Matrix *A = la_mat(2, 2, a), *Rt = la_mat(2, 2, r1), *R;
    int *piv;
    la_case("[[1,2],[2,4+1e-13]] with tol 1e-9: the 1e-13 is noise, rank 1");
    int rank = call_rref(A, 1e-9, &R, &piv);
    check_rref(R, rank, piv, Rt, 1, p1, 1e-9, 1e-12);
    mat_free(Rt), mat_free(R), free(piv);
    Rt = la_mat(2, 2, r2);
    la_case("[[1,2],[2,4+1e-13]] with tol 1e-15: now 1e-13 counts, rank 2 and R = I");
    rank = call_rref(A, 1e-15, &R, &piv);
    check_rref(R, rank, piv, Rt, 2, p2, 1e-15, 1e-12);
    mat_free(A), mat_free(Rt), mat_free(R), free(piv);

    // an ill-conditioned but full-rank matrix keeps every pivot at a small tolerance
    LaRng g = la_rng(82);
    A = la_mat_cond(&g, 5, 5, 1e6);
    Rt = la_mat_identity(5);
    static const int p5[] = { 0, 1, 2, 3, 4 };
    la_case("random 5×5 with κ = 1e6, tol 1e-10: invertible, so R = I and rank 5");
    rank = call_rref(A, 1e-10, &R, &piv);
    check_rref(R, rank, piv, Rt, 5, p5, 1e-10, la_tol(5, 1e6));
    mat_free(A), mat_free(Rt), mat_free(R), free(piv);
}

/* ---- nullspace ---------------------------------------------------------------------------- */

LA_TEST(nullspace_lecture_example)
{
    static const double a[] = { 1, 2, 2, 2, 2, 4, 6, 8, 3, 6, 8, 10 };
    Matrix *A = la_mat(3, 4, a), *N;
    la_case("18.06 L7: A = [[1,2,2,2],[2,4,6,8],[3,6,8,10]], rank 2, so dim N(A) = 4 − 2 = 2");
    int dim = call_nullspace(A, 1e-10, &N);
    check_null_basis(A, N, dim, 2, 1e-12, -1.0);
    mat_free(A), mat_free(N);
}

LA_TEST(nullspace_random_any_basis)
{
    LaRng g = la_rng(83);
    for (int c = 0; c < NSHAPES; c++) {
        int m = SHAPES[c][0], n = SHAPES[c][1], r = SHAPES[c][2], pt[32];
        Matrix *Rt, *A = build(&g, m, n, r, &Rt, pt), *N;
        la_case("random %d×%d of rank %d: dim N(A) = %d", m, n, r, n - r);
        int dim = call_nullspace(A, 1e-9, &N);
        double tol = la_tol(m > n ? m : n, kappa_r(A, r)) * (1.0 + la_mat_maxabs(Rt));
        check_null_basis(A, N, dim, n - r, tol, -1.0);
        mat_free(A), mat_free(Rt), mat_free(N);
    }
}

LA_TEST(nullspace_special_solutions_form)
{
    // 18.06 L7: the special solutions of the lecture example are (−2,1,0,0) and (2,0,−2,1)
    static const double a[] = { 1, 2, 2, 2, 2, 4, 6, 8, 3, 6, 8, 10 };
    static const double s[] = { -2, 2, 0, 0, 1, 0, 0, 0, 0, -2, 0, 0, 0, 1, 0, 0 };
    Matrix *A = la_mat(3, 4, a), *want = la_mat(4, 4, s), *N;
    la_case("18.06 L7 example: N should hold (−2,1,0,0) and (2,0,−2,1) as columns 0 and 1");
    int dim = call_nullspace(A, 1e-10, &N);
    la_expect_int(dim, 2, "nullspace's return value (n − r)", IDEA_FORM);
    la_expect_mat_near(N, want, 1e-12, "N", IDEA_FORM);
    mat_free(A), mat_free(want), mat_free(N);

    // random: the special solutions come straight from R_true
    LaRng g = la_rng(84);
    int m = 6, n = 9, r = 4, pt[4];
    Matrix *Rt;
    A = build(&g, m, n, r, &Rt, pt);
    want = mat_new(n, n);
    int t = 0;
    for (int f = 0; f < n; f++) {
        int free_col = 1;
        for (int k = 0; k < r; k++)
            free_col &= pt[k] != f;
        if (!free_col)
            continue;
        MAT(want, f, t) = 1.0;
        for (int k = 0; k < r; k++)
            MAT(want, pt[k], t) = -MAT(Rt, k, f);
        t++;
    }
    char b[64];
    la_case("random 6×9 of rank 4, pivot columns %s: one special solution per free column, "
            "in order", fmt_ints(pt, r, b, sizeof b));
    dim = call_nullspace(A, 1e-9, &N);
    la_expect_int(dim, n - r, "nullspace's return value (n − r)", IDEA_FORM);
    la_expect_mat_near(N, want, la_tol(n, kappa_r(A, r)) * 4.0, "N", IDEA_FORM);
    mat_free(A), mat_free(Rt), mat_free(want), mat_free(N);
}

LA_TEST(nullspace_small_and_empty)
{
    static const double ones[] = { 1, 1, 1 }, zero[] = { 0 };
    Matrix *A = la_mat(1, 3, ones), *N;
    la_case("1×3 [1,1,1]: a plane x + y + z = 0, dim 2");
    int dim = call_nullspace(A, 1e-10, &N);
    check_null_basis(A, N, dim, 2, 1e-12, -1.0);
    mat_free(A), mat_free(N);

    A = la_mat(1, 1, zero);
    la_case("1×1 [0]: every x solves 0·x = 0, dim 1");
    dim = call_nullspace(A, 1e-10, &N);
    la_expect_int(dim, 1, "nullspace's return value (n − r)", IDEA_SPECIAL);
    if (!(MAT(N, 0, 0) != 0.0 && isfinite(MAT(N, 0, 0))))
        la_fail("N(0,0) = %g: the nullspace of [0] is all of R¹, so its basis vector must be "
                "nonzero (the special solution is [1]). Revisit: %s",
                MAT(N, 0, 0), IDEA_SPECIAL);
    mat_free(A), mat_free(N);

    LaRng g = la_rng(85);
    A = la_mat_random(&g, 7, 3);
    la_case("random tall 7×3 (independent columns): N(A) = {0}, dim 0, N stays all zeros");
    dim = call_nullspace(A, 1e-10, &N);
    check_null_basis(A, N, dim, 0, 1e-12, -1.0);
    mat_free(A), mat_free(N);

    A = la_mat_random(&g, 4, 4);
    la_case("random invertible 4×4 (κ ≈ %.1e): dim 0", la_cond(A));
    dim = call_nullspace(A, 1e-10, &N);
    check_null_basis(A, N, dim, 0, 1e-12, -1.0);
    mat_free(A), mat_free(N);
}

LA_TEST(nullspace_respects_tolerance)
{
    LaRng g = la_rng(86);
    Matrix *A = la_mat_rank(&g, 6, 6, 4), *N;
    for (int i = 0; i < 36; i++)
        A->data[i] += 1e-12 * la_normal(&g);
    la_case("random 6×6 of rank 4 plus noise of size 1e-12, tol 1e-8: dim N(A) = 2");
    int dim = call_nullspace(A, 1e-8, &N);
    check_null_basis(A, N, dim, 2, 1e-9, 1e-8);
    mat_free(A), mat_free(N);

    A = la_mat_cond(&g, 6, 6, 1e6);
    la_case("random 6×6 with κ = 1e6, tol 1e-10: invertible, dim 0");
    dim = call_nullspace(A, 1e-10, &N);
    check_null_basis(A, N, dim, 0, 1e-12, -1.0);
    mat_free(A), mat_free(N);
}

Suite *grader_suite(void)
{
    Suite *s = suite_create("rref_nullspace");
    TCase *core = la_tcase(s, "Core");
    tcase_add_test(core, rref_lecture_example);
    tcase_add_test(core, rref_small_shapes);
    tcase_add_test(core, rref_random_known_structure);
    tcase_add_test(core, nullspace_lecture_example);
    tcase_add_test(core, nullspace_random_any_basis);
    tcase_add_test(core, nullspace_special_solutions_form);
    TCase *edge = la_tcase(s, "Edge");
    tcase_add_test(edge, rref_tolerance_decides_rank);
    tcase_add_test(edge, nullspace_small_and_empty);
    tcase_add_test(edge, nullspace_respects_tolerance);
    return s;
}
